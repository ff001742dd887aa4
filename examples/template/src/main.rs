//! `wc`: the binary. Everything it does is in the lib (src/lib.rs), where
//! `cargo test` can reach it.
#![no_std]
#![no_main]

strata_alloc::main!(main);

fn main() -> i32 {
    wc::main(&strata_alloc::argparse::sys_args())
}
