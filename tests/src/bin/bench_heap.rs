//! The heap benchmark on Strata's heap, in a static libc-free program
//! (the workloads are bench/heap_workload.rs, shared with the glibc and
//! musl builds). Prints `NAME SECONDS PEAK_KIB AFTER_KIB CHECKSUM`.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../../../bench/heap_workload.rs"]
mod workload;

use strata_alloc::{os, println};

strata_alloc::main!(main);

/// A field of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    let Ok(fd) = rustix::fs::open(
        c"/proc/self/status",
        rustix::fs::OFlags::RDONLY,
        rustix::fs::Mode::empty(),
    ) else {
        return 0;
    };
    let mut buf = [0u8; 4096];
    let n = rustix::io::read(&fd, &mut buf).unwrap_or(0);
    let text = core::str::from_utf8(&buf[..n]).unwrap_or("");
    text.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn now() -> f64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn main() -> i32 {
    let name = os::argv()
        .nth(1)
        .and_then(|a| a.to_str().ok())
        .unwrap_or("");
    let start = now();
    let Some(sum) = workload::run(name) else {
        strata_alloc::eprintln!("unknown workload {name:?}; one of {:?}", workload::NAMES);
        return 2;
    };
    let seconds = now() - start;
    println!(
        "{name} {seconds:.4} {} {} {sum}",
        status_kib("VmHWM:"),
        status_kib("VmRSS:")
    );
    0
}
