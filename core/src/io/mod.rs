//! Python's `io` module—for now, the standard streams behind the print
//! macros.
//!
//! stdout is line-buffered when it is a terminal and block-buffered
//! otherwise (4 KiB), decided lazily by one `ioctl` the first time a newline
//! or a full buffer asks for the decision; it is flushed at exit. stderr is
//! unbuffered: each `eprint!` leaves nothing behind when it returns.
//!
//! Printing never panics. As in Rust's std, a closed stdout (`EBADF`)
//! swallows output silently. Any other write error (`EPIPE` when `SIGPIPE`
//! is ignored, `ENOSPC`, `EIO`) drops the unwritten bytes and is kept, like
//! C's `ferror`; at exit it is reported once on stderr and a status of 0
//! becomes 120, as in CPython. (With `SIGPIPE` at its default, a broken
//! pipe ends the program quietly, as for any C program.)

mod stdio;

pub(crate) use stdio::flush_stdout_at_exit;
#[doc(hidden)]
pub use stdio::{_eprint, _print};
pub use stdio::{Stderr, Stdout, stderr, stdout};

/// Prints to stdout, like `std::print!` and Python's `print(..., end='')`.
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::io::_print(::core::format_args!($($arg)*)) };
}

/// Prints to stdout with a newline, like `std::println!` and Python's
/// `print()`.
#[macro_export]
macro_rules! println {
    () => { $crate::io::_print(::core::format_args!("\n")) };
    ($($arg:tt)*) => { $crate::io::_print(::core::format_args!("{}\n", ::core::format_args!($($arg)*))) };
}

/// Prints to stderr, like `std::eprint!`. Errors are ignored: there is
/// nowhere left to report them.
#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::io::_eprint(::core::format_args!($($arg)*)) };
}

/// Prints to stderr with a newline, like `std::eprintln!`.
#[macro_export]
macro_rules! eprintln {
    () => { $crate::io::_eprint(::core::format_args!("\n")) };
    ($($arg:tt)*) => { $crate::io::_eprint(::core::format_args!("{}\n", ::core::format_args!($($arg)*))) };
}
