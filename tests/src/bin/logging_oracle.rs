//! CPython's `logging` on the same cases, replayed byte for byte in a
//! static program, natively and under qemu-user: tests/src/logging_oracle.rs
//! checks tests/oracle/logging.txt (written by tests/oracle/logging.py).
//!
//! Each group is one check; its first mismatches are printed as `#` lines.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../logging_oracle.rs"]
mod logging_oracle;

use alloc::format;
use strata_alloc::println;
use strata_tests::Tap;

strata_alloc::main!(main);

const FIXTURE: &str = include_str!("../../oracle/logging.txt");

fn main() -> i32 {
    let mut tap = Tap::new();
    for g in logging_oracle::run(FIXTURE) {
        for m in &g.first {
            println!("# mismatch: {m}");
        }
        if g.failed > 0 {
            println!("# {}: {} of {} differ", g.name, g.failed, g.count);
        }
        tap.check(
            &format!("{}: {} cases as CPython logs them", g.name, g.count),
            g.passed(),
        );
    }
    tap.finish()
}
