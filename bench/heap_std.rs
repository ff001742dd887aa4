//! The heap benchmark on the C library's malloc: built with rustc for
//! x86_64-unknown-linux-gnu (glibc) and x86_64-unknown-linux-musl (musl).
//! Prints `NAME SECONDS PEAK_KIB AFTER_KIB CHECKSUM`.
extern crate alloc;

#[path = "heap_workload.rs"]
mod workload;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let start = std::time::Instant::now();
    let Some(sum) = workload::run(&name) else {
        eprintln!("unknown workload {name:?}; one of {:?}", workload::NAMES);
        std::process::exit(2);
    };
    let seconds = start.elapsed().as_secs_f64();
    println!("{name} {seconds:.4} {} {} {sum}", status_kib("VmHWM:"), status_kib("VmRSS:"));
}
