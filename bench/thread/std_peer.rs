//! The threads benchmark's std peer (glibc's pthreads and malloc, or
//! musl's when built for x86_64-unknown-linux-musl): the same figures as
//! tests/src/bin/bench_threads.rs. Prints `FIGURE NAME VALUE`; with a
//! second argument `heap`, the heap figures only.
extern crate alloc;

#[path = "../heap_workload.rs"]
mod workload;

use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

pub fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "std".into());
    if std::env::args().nth(2).as_deref() != Some("heap") {
        others(&name);
    }
    heap(&name);
}

/// Threads, locks and condition variables.
fn others(name: &str) {
    let n = 20_000u32;
    let t = Instant::now();
    for _ in 0..n {
        std::thread::spawn(|| {}).join().unwrap();
    }
    println!(
        "spawn-join {name} {:.1}",
        t.elapsed().as_secs_f64() * 1e9 / f64::from(n)
    );

    let m = Mutex::new(0u64);
    let n = 20_000_000u64;
    let t = Instant::now();
    for _ in 0..n {
        *std::hint::black_box(&m).lock().unwrap() += 1;
    }
    println!(
        "lock-unlock {name} {:.2}",
        t.elapsed().as_secs_f64() * 1e9 / n as f64
    );

    let p = Arc::new((Mutex::new(0u64), Condvar::new()));
    let rounds = 100_000u64;
    let t = Instant::now();
    let other = {
        let p = p.clone();
        std::thread::spawn(move || {
            for i in 0..rounds {
                let (m, c) = &*p;
                let mut g = c
                    .wait_while(m.lock().unwrap(), |t| *t != 2 * i + 1)
                    .unwrap();
                *g += 1;
                c.notify_one();
            }
        })
    };
    for i in 0..rounds {
        let (m, c) = &*p;
        let mut g = c.wait_while(m.lock().unwrap(), |t| *t != 2 * i).unwrap();
        *g += 1;
        c.notify_one();
    }
    other.join().unwrap();
    println!(
        "ping-pong {name} {:.1}",
        t.elapsed().as_secs_f64() * 1e9 / rounds as f64
    );
}

/// The heap workloads on two threads at once.
fn heap(name: &str) {
    for w in ["small", "btree"] {
        let t = Instant::now();
        let h = std::thread::spawn(move || workload::run(w).unwrap_or(0));
        let a = workload::run(w).unwrap_or(0);
        let b = h.join().unwrap();
        println!(
            "heap-2-threads-{w} {name} {:.3} # checksum {}",
            t.elapsed().as_secs_f64(),
            a ^ b
        );
    }
}
