//! What a panic does: report it on stderr, then exit with status 101.

use core::fmt::{self, Write};
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// The panic handler [`main!`](crate::main) installs.
///
/// Prints `panicked at FILE:LINE:COL:` and the message on stderr, then
/// leaves through [`exit`](super::exit) with status 101 (exit handlers run
/// and stdout is flushed, as Rust's std does for a panic in `main`). A
/// panic during that exit ends the process at once with 101.
///
/// A failed infallible allocation reaches here too: in `no_std` programs
/// Rust reports it as a panic with the message `memory allocation of N
/// bytes failed`. Like Rust's std, that message is printed alone and the
/// process aborts.
#[doc(hidden)]
pub fn panic(info: &PanicInfo<'_>) -> ! {
    static PANICKING: AtomicBool = AtomicBool::new(false);
    if PANICKING.swap(true, Relaxed) {
        super::_exit(101);
    }
    if starts_with(info, "memory allocation of ") {
        crate::eprintln!("{}", info.message());
        super::abort();
    }
    match info.location() {
        // Widened to usize: one integer formatter serves this and the
        // allocation-failure message, which matters in tiny programs.
        Some(at) => crate::eprintln!(
            "panicked at {}:{}:{}:\n{}",
            at.file(),
            at.line() as usize,
            at.column() as usize,
            info.message()
        ),
        None => crate::eprintln!("panicked:\n{}", info.message()),
    }
    super::exit(101)
}

/// Whether the panic message begins with `prefix`, found without
/// allocating by formatting into a comparer.
fn starts_with(info: &PanicInfo<'_>, prefix: &str) -> bool {
    /// Compares bytes, never slicing a `str`, so that this check adds no
    /// panic paths of its own.
    struct Prefix<'a> {
        rest: &'a [u8],
        matches: bool,
    }
    impl Write for Prefix<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            for &b in s.as_bytes() {
                match self.rest.split_first() {
                    Some((&want, rest)) if want == b => self.rest = rest,
                    Some(_) => self.matches = false,
                    None => {}
                }
                if !self.matches || self.rest.is_empty() {
                    return Err(fmt::Error);
                }
            }
            Ok(())
        }
    }
    let mut p = Prefix {
        rest: prefix.as_bytes(),
        matches: true,
    };
    let _ = write!(p, "{}", info.message());
    p.matches && p.rest.is_empty()
}
