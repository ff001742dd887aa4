#![no_std]
#![no_main]
strata_core::main!(main);
fn main() { strata_core::println!("hello, world"); }
