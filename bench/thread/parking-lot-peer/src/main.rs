//! The lock figures of bench/thread/std_peer.rs on parking_lot's Mutex and
//! Condvar: `lock-unlock` and `ping-pong`, printed as `FIGURE NAME VALUE`.
use parking_lot::{Condvar, Mutex};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "parking_lot".into());
    let m = Mutex::new(0u64);
    let n = 20_000_000u64;
    let t = Instant::now();
    for _ in 0..n {
        *std::hint::black_box(&m).lock() += 1;
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
                let mut g = m.lock();
                c.wait_while(&mut g, |t| *t != 2 * i + 1);
                *g += 1;
                c.notify_one();
            }
        })
    };
    for i in 0..rounds {
        let (m, c) = &*p;
        let mut g = m.lock();
        c.wait_while(&mut g, |t| *t != 2 * i);
        *g += 1;
        c.notify_one();
    }
    other.join().unwrap();
    println!(
        "ping-pong {name} {:.1}",
        t.elapsed().as_secs_f64() * 1e9 / rounds as f64
    );
}
