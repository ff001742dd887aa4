//! CPython's `logging` on the same cases, replayed byte for byte in a
//! static program, natively and under qemu-user: tests/src/logging_oracle.rs
//! checks tests/oracle/logging.txt (written by tests/oracle/logging.py).
//!
//! Each group is one check; its first mismatches are printed as `#` lines.
//! The `{` and `$` style groups run only with LOGGING_ORACLE_ALL_STYLES=1.
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
    let all_styles = strata_core::os::getenv("LOGGING_ORACLE_ALL_STYLES") == Some(&b"1"[..]);
    for g in logging_oracle::run(FIXTURE, all_styles) {
        if g.count == 0 && g.skipped > 0 {
            println!(
                "# {}: {} skipped (LOGGING_ORACLE_ALL_STYLES=1 runs them)",
                g.name, g.skipped
            );
            continue;
        }
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
