//! A null program for size comparisons (scripts/bench): it adds up the
//! lengths of its arguments and prints the total. size_getopt.rs is the
//! same program parsing them with getopt first.
#![no_std]
#![no_main]

strata_core::main!(main);

fn main() {
    let total: usize = strata_core::os::argv()
        .skip(1)
        .map(|a| a.to_bytes().len())
        .sum();
    strata_core::println!("{total}");
}
