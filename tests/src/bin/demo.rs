//! The demo: what Strata gives a static program with no libc. The README's
//! first command runs it natively and then as PID 1 under QEMU; `demo
//! --top` is a live screen of the processes, in curses (demo_top.rs).
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../demo_sections.rs"]
mod sections;
#[path = "../demo_top.rs"]
mod top;

use alloc::vec::Vec;

strata_alloc::main!(main);

fn main() {
    let argv: Vec<&[u8]> = strata_alloc::os::argv().map(|a| a.to_bytes()).collect();
    if argv.get(1) == Some(&&b"--top"[..]) {
        if let Err(e) = top::run() {
            strata_alloc::eprintln!("demo --top: {}", e.message());
            strata_core::rt::exit(1);
        }
        return;
    }
    sections::run(
        strata_core::__private::strata_arch::NAME,
        "a static program with no libc",
        &argv,
    );
    strata_tests::power_off_if_init(0);
}
