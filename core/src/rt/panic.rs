//! What a panic does: report it on stderr, then exit with status 101.

use core::panic::PanicInfo;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// The panic handler [`main!`](crate::main) installs.
///
/// Prints `panicked at FILE:LINE:COL:` and the message on stderr, then
/// leaves through [`exit`](super::exit) with status 101 (exit handlers run
/// and stdout is flushed, as Rust's std does for a panic in `main`). A
/// panic during that exit ends the process at once with 101.
#[doc(hidden)]
pub fn panic(info: &PanicInfo<'_>) -> ! {
    static PANICKING: AtomicBool = AtomicBool::new(false);
    if PANICKING.swap(true, Relaxed) {
        super::_exit(101);
    }
    match info.location() {
        Some(at) => crate::eprintln!(
            "panicked at {}:{}:{}:\n{}",
            at.file(),
            at.line(),
            at.column(),
            info.message()
        ),
        None => crate::eprintln!("panicked:\n{}", info.message()),
    }
    super::exit(101)
}
