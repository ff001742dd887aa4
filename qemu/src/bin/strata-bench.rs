//! `strata-bench`: Strata's foundation figures beside their peers, in one
//! run, with ratios. Not a test: these machines are noisy, so nothing here
//! asserts a time.
//!
//! ```text
//! strata-bench hello NAME=PATH...   file size, syscalls after execve, exec-to-exit time
//! strata-bench demo NAME=PATH...    the same for the demo's builds: its own process's
//!                                   syscall count (not its children's), 100 runs
//! strata-bench mem                  memcpy/memset throughput, Strata vs glibc
//! strata-bench heap NAME=PATH...    the heap workloads (bench/heap_workload.rs)
//! ```
//! In `hello`, the first program is Strata's: each row's ratio is Strata's
//! time over that program's (below 1.0, Strata is faster).

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("hello") => hello(&args[1..]),
        Some("demo") => demo(&args[1..]),
        Some("mem") => mem(),
        Some("heap") => heap(&args[1..]),
        _ => {
            eprintln!(
                "usage: strata-bench hello NAME=PATH... | demo NAME=PATH... | mem | heap NAME=PATH..."
            );
            std::process::exit(2);
        }
    }
}

/// Size, syscalls after execve (strace), and mean exec-to-exit time over
/// 1,000 runs, the programs interleaved round by round so that drift in
/// the machine's speed hits all of them alike.
fn hello(programs: &[String]) {
    let programs = named(programs);
    const RUNS: u32 = 1000;
    let total = exec_to_exit(&programs, RUNS);
    let first = total[0].as_secs_f64();
    println!(
        "| program | file size (B) | syscalls after execve | exec-to-exit (µs, mean of {RUNS}) | Strata time / this |"
    );
    println!("|---|---|---|---|---|");
    for ((name, path), time) in programs.iter().zip(&total) {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let calls = syscalls(path);
        let micros = time.as_secs_f64() * 1e6 / f64::from(RUNS);
        println!(
            "| {name} | {size} | {} ({}) | {micros:.0} | {:.2} |",
            calls.len(),
            calls.join(", "),
            first / time.as_secs_f64()
        );
    }
}

/// `NAME=PATH` arguments as pairs.
fn named(programs: &[String]) -> Vec<(&str, &Path)> {
    programs
        .iter()
        .filter_map(|p| p.split_once('=').map(|(n, path)| (n, Path::new(path))))
        .collect()
}

/// Each program's total exec-to-exit time over `runs` runs, interleaved
/// round by round (stdout thrown away; a failing run stops the bench).
fn exec_to_exit(programs: &[(&str, &Path)], runs: u32) -> Vec<Duration> {
    let mut total = vec![Duration::ZERO; programs.len()];
    for _ in 0..runs {
        for (i, (_, path)) in programs.iter().enumerate() {
            let start = Instant::now();
            let status = Command::new(path)
                .stdout(Stdio::null())
                .status()
                .expect("run");
            total[i] += start.elapsed();
            assert!(status.success(), "{} failed", path.display());
        }
    }
    total
}

/// The demo built several ways: size, how many syscalls its own process
/// makes after execve (its `os.system` child's are not counted), and mean
/// exec-to-exit time over 100 interleaved runs.
fn demo(programs: &[String]) {
    let programs = named(programs);
    const RUNS: u32 = 100;
    let total = exec_to_exit(&programs, RUNS);
    let first = total[0].as_secs_f64();
    println!(
        "| build | file size (B) | syscalls after execve | exec-to-exit (µs, mean of {RUNS}) | first / this |"
    );
    println!("|---|---:|---:|---:|---:|");
    for ((name, path), time) in programs.iter().zip(&total) {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let calls = own_syscalls(path);
        let micros = time.as_secs_f64() * 1e6 / f64::from(RUNS);
        println!(
            "| {name} | {size} | {calls} | {micros:.0} | {:.2} |",
            first / time.as_secs_f64()
        );
    }
}

/// How many syscalls the process started from `path` makes after its
/// execve, its children's left out.
fn own_syscalls(path: &Path) -> usize {
    let log = std::env::temp_dir().join(format!("strata-bench-own-{}", std::process::id()));
    let traced = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .arg(path)
        .stdout(Stdio::piped())
        .output()
        .is_ok_and(|o| o.status.success());
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if !traced {
        return 0;
    }
    let own = trace.split_whitespace().next().unwrap_or("").to_string();
    trace
        .lines()
        .filter(|l| l.split_whitespace().next() == Some(own.as_str()))
        .filter(|l| !l.contains("+++") && !l.contains("---") && !l.contains("resumed>"))
        .count()
        .saturating_sub(1)
}

/// The syscalls `path` makes after its execve, stdout to a pipe.
fn syscalls(path: &Path) -> Vec<String> {
    let log = std::env::temp_dir().join(format!("strata-bench-strace-{}", std::process::id()));
    let ok = Command::new("strace")
        .arg("-f")
        .arg("-qq")
        .arg("-o")
        .arg(&log)
        .arg(path)
        .stdout(Stdio::piped())
        .output()
        .is_ok_and(|o| o.status.success());
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if !ok {
        return vec!["strace failed".into()];
    }
    trace
        .lines()
        .filter_map(|l| l.split('(').next())
        .map(|l| l.split_whitespace().last().unwrap_or("").to_string())
        .filter(|c| !c.is_empty() && !c.starts_with('+'))
        .skip(1)
        .collect()
}

unsafe extern "C" {
    // glibc's, from the libc this std program links.
    #[link_name = "memcpy"]
    fn glibc_memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8;
    #[link_name = "memset"]
    fn glibc_memset(dst: *mut u8, c: i32, n: usize) -> *mut u8;
}

type Copy = unsafe extern "C" fn(*mut u8, *const u8, usize) -> *mut u8;
type Fill = unsafe extern "C" fn(*mut u8, i32, usize) -> *mut u8;

/// Throughput of `op` on `size` bytes: the best of 5 rounds of enough
/// calls to move ~256 MiB, through a function pointer for both contenders.
fn throughput(size: usize, mut op: impl FnMut()) -> f64 {
    let calls = (256 << 20) / size;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..calls {
            op();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    (calls * size) as f64 / best / 1e9
}

fn mem() {
    println!("| function | size | Strata GB/s | glibc GB/s | Strata / glibc |");
    println!("|---|---|---|---|---|");
    for size in [16, 256, 4096, 1 << 20] {
        // dst sits 64 bytes off src's page offset: equal low 12 bits
        // ("4K aliasing") would slow both contenders alike and hide the
        // functions themselves.
        let src = vec![7u8; size + 128];
        let mut dst = vec![0u8; size + 128];
        // SAFETY: both offsets leave `size` bytes inside their vectors.
        let (d, s) = unsafe { (dst.as_mut_ptr().add(64), src.as_ptr()) };
        let copy = |f: Copy| {
            let f = black_box(f);
            // SAFETY: d and s are distinct vectors of `size` bytes.
            throughput(size, || unsafe {
                f(black_box(d), black_box(s), size);
            })
        };
        row(
            "memcpy",
            size,
            copy(strata_arch_memcpy()),
            copy(glibc_memcpy),
        );
        let fill = |f: Fill| {
            let f = black_box(f);
            // SAFETY: d holds `size` bytes.
            throughput(size, || unsafe {
                f(black_box(d), 0x5a, size);
            })
        };
        row(
            "memset",
            size,
            fill(strata_arch_memset()),
            fill(glibc_memset),
        );
    }
}

fn strata_arch_memcpy() -> Copy {
    strata_arch::mem::memcpy
}

fn strata_arch_memset() -> Fill {
    strata_arch::mem::memset
}

fn row(name: &str, size: usize, strata: f64, glibc: f64) {
    let label = match size {
        s if s >= 1 << 20 => format!("{} MiB", s >> 20),
        s if s >= 1024 => format!("{} KiB", s >> 10),
        s => format!("{s} B"),
    };
    println!(
        "| {name} | {label} | {strata:.1} | {glibc:.1} | {:.2} |",
        strata / glibc
    );
}

/// One run of a heap workload: seconds, peak RSS and RSS after freeing
/// (KiB), as the program printed them.
struct HeapRun {
    seconds: f64,
    peak_kib: f64,
    after_kib: f64,
}

fn heap_run(path: &Path, workload: &str) -> HeapRun {
    let out = Command::new(path)
        .arg(workload)
        .output()
        .expect("run the heap benchmark");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<f64> = text
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    assert!(
        out.status.success() && fields.len() >= 3,
        "{} {workload}: {text}",
        path.display()
    );
    HeapRun {
        seconds: fields[0],
        peak_kib: fields[1],
        after_kib: fields[2],
    }
}

/// Each workload in a fresh process per program, 5 rounds interleaved;
/// the fastest round counts. Ratios are Strata (the first program) over
/// each peer.
fn heap(programs: &[String]) {
    let programs: Vec<(&str, &Path)> = programs
        .iter()
        .filter_map(|p| p.split_once('=').map(|(n, path)| (n, Path::new(path))))
        .collect();
    println!(
        "| workload | program | time (s, best of 5) | Strata time / this | peak RSS (MiB) | Strata peak / this | RSS after free / peak |"
    );
    println!("|---|---|---|---|---|---|---|");
    for workload in ["small", "btree", "vec", "realloc"] {
        let mut best: Vec<Option<HeapRun>> = programs.iter().map(|_| None).collect();
        for _ in 0..5 {
            for (i, (_, path)) in programs.iter().enumerate() {
                let run = heap_run(path, workload);
                if best[i].as_ref().is_none_or(|b| run.seconds < b.seconds) {
                    best[i] = Some(run);
                }
            }
        }
        let best: Vec<HeapRun> = best
            .into_iter()
            .map(|b| b.expect("five rounds ran"))
            .collect();
        for ((name, _), run) in programs.iter().zip(&best) {
            println!(
                "| {workload} | {name} | {:.3} | {:.2} | {:.1} | {:.2} | {:.3} |",
                run.seconds,
                best[0].seconds / run.seconds,
                run.peak_kib / 1024.0,
                best[0].peak_kib / run.peak_kib,
                run.after_kib / run.peak_kib,
            );
        }
    }
}
