//! hello, world: the smallest Strata program, as a user would write it.
#![no_std]
#![no_main]

strata_core::main!(main);

fn main() {
    strata_core::println!("hello, world");
}
