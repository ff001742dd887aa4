//! The threads benchmark on Strata (a static, libc-free program; the std
//! peer is bench/thread/std_peer.rs, run beside it by bench/thread/run).
//! Prints `FIGURE strata VALUE` lines: nanoseconds per operation, or
//! seconds for the heap figures. `bench_threads heap`: the heap figures
//! only.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../../../bench/heap_workload.rs"]
mod workload;

use alloc::sync::Arc;
use core::cell::UnsafeCell;
use strata_alloc::println;
use strata_alloc::thread::{self, sync};

strata_alloc::main!(main);

fn now() -> f64 {
    strata_alloc::time::monotonic()
}

fn main() -> i32 {
    if strata_alloc::os::argv().nth(1).map(|a| a.to_bytes()) != Some(b"heap") {
        others();
    }
    heap();
    0
}

/// Threads, locks and condition variables.
fn others() {
    let n = 20_000u32;
    let t = now();
    for _ in 0..n {
        thread::spawn(|| {}).unwrap().join();
    }
    println!("spawn-join strata {:.1}", (now() - t) * 1e9 / f64::from(n));

    struct Counter {
        lock: sync::Mutex<u64>,
    }
    let c = Counter {
        lock: sync::Mutex::new(0),
    };
    let n = 20_000_000u64;
    let t = now();
    for _ in 0..n {
        *core::hint::black_box(&c).lock.lock() += 1;
    }
    println!("lock-unlock strata {:.2}", (now() - t) * 1e9 / n as f64);
    let l = sync::Lock::new();
    let t = now();
    for _ in 0..n {
        drop(core::hint::black_box(&l).lock());
    }
    println!(
        "lock-unlock-Lock strata {:.2}",
        (now() - t) * 1e9 / n as f64
    );

    // Ping-pong: a turn word under a Condition; each side waits for its turn.
    struct Pong {
        cond: sync::Condition,
        turn: UnsafeCell<u64>,
    }
    // SAFETY: `turn` only under the condition's lock.
    unsafe impl Sync for Pong {}
    let p = Arc::new(Pong {
        cond: sync::Condition::new(),
        turn: UnsafeCell::new(0),
    });
    let rounds = 100_000u64;
    let t = now();
    let other = {
        let p = p.clone();
        thread::spawn(move || {
            for i in 0..rounds {
                let g = p.cond.lock();
                // SAFETY: under the lock.
                let _ = g.wait_for(|| unsafe { *p.turn.get() } == 2 * i + 1, None);
                // SAFETY: under the lock.
                unsafe { *p.turn.get() += 1 };
                g.notify(1);
            }
        })
        .unwrap()
    };
    for i in 0..rounds {
        let g = p.cond.lock();
        // SAFETY: under the lock.
        let _ = g.wait_for(|| unsafe { *p.turn.get() } == 2 * i, None);
        // SAFETY: under the lock.
        unsafe { *p.turn.get() += 1 };
        g.notify(1);
    }
    other.join();
    println!("ping-pong strata {:.1}", (now() - t) * 1e9 / rounds as f64);
}

/// The heap workloads on two threads at once.
fn heap() {
    for w in workload::NAMES.into_iter().take(2) {
        let t = now();
        let name: &'static str = if w == "small" { "small" } else { "btree" };
        let h = thread::spawn(move || workload::run(name).unwrap_or(0)).unwrap();
        let a = workload::run(name).unwrap_or(0);
        let b = h.join();
        println!(
            "heap-2-threads-{w} strata {:.3} # checksum {}",
            now() - t,
            a ^ b
        );
    }
}
