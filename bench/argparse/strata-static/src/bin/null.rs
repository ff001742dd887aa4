//! The static baseline: the same runtime and heap, the same kind of
//! output line, no argument parsing.
#![no_std]
#![no_main]

extern crate alloc;

use strata_alloc::println;

strata_alloc::main!(main);

fn main() -> i32 {
    let argc = strata_alloc::os::argv().count();
    let name = alloc::string::String::from("app");
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        argc,
        false,
        5,
        Some(argc),
        10,
        Some(name.as_str()),
        Some("auto"),
        0,
        false,
        Some("build"),
        false,
        1,
        0
    );
    0
}
