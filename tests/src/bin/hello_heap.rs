//! hello, heap: the smallest program that uses the heap, once.
#![no_std]
#![no_main]

extern crate alloc;

strata_alloc::main!(main);

fn main() {
    let greeting = alloc::string::String::from("hello, heap");
    strata_alloc::println!("{greeting}");
}
