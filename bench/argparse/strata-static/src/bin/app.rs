//! The example program with Strata's argparse, static and libc-free.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use strata_alloc::println;

#[path = "../../../spec/strata_parser.rs"]
mod spec;

strata_alloc::main!(main);

fn main() -> i32 {
    let parser = spec::parser().unwrap_or_else(|e| e.exit());
    let ns = parser.parse_args_or_exit();
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        ns.get::<i64>("verbose").unwrap_or(0),
        ns.get::<bool>("quiet").unwrap_or(false),
        ns.get::<i64>("number").unwrap_or(0),
        ns.get::<i64>("opt_number"),
        ns.get::<i64>("width").unwrap_or(0),
        ns.get::<&str>("output"),
        ns.get::<&str>("color"),
        ns.get::<Vec<&str>>("define").map_or(0, |d| d.len()),
        ns.get::<bool>("dry_run").unwrap_or(false),
        ns.get::<&str>("cmd"),
        ns.get::<bool>("release").unwrap_or(false),
        ns.get::<i64>("jobs").unwrap_or(0),
        ns.get::<Vec<&str>>("targets").map_or(0, |t| t.len()),
    );
    0
}
