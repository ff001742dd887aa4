//! Python's `io` module over fixed buffers: raw, buffered and text I/O,
//! an in-memory stream, `open()`, and the standard streams behind the
//! print macros.
//!
//! The layers stack as in Python. [`FileIO`] is a file descriptor
//! ([`RawIOBase`]); [`BufferedReader`], [`BufferedWriter`],
//! [`BufferedRandom`] and [`BufferedRWPair`] buffer one ([`BufferedIOBase`];
//! [`Buffered`] is the engine under all of them); [`TextIOWrapper`] decodes
//! and encodes over a buffered stream ([`TextIOBase`]); [`FixedBytesIO`] is
//! `BytesIO` in a fixed buffer; [`open()`] parses a mode string and builds
//! the stack. Errors are [`Error`] values standing for Python's exceptions,
//! with Python's messages.
//!
//! What differs from Python, and why: core never allocates, so every
//! buffer is fixed, either a const-generic `[u8; N]` or memory the caller
//! lends ([`Storage`]); reads fill a caller's buffer or borrow from the
//! stream's own rather than return new objects (the alloc layer's `io`
//! adds `BytesIO`, `StringIO`, growable buffers and the reads that return
//! owned data); text is UTF-8 measured in bytes; the default encoding is
//! UTF-8, since there is no locale. Each file says what else differs.
//!
//! The standard streams: stdout is line-buffered when it is a terminal and
//! block-buffered otherwise (4 KiB), decided lazily by one `ioctl` the
//! first time a line ending is written; it is flushed at exit. stderr is
//! unbuffered: each `eprint!` leaves nothing behind when it returns.
//! Printing never panics. As in Rust's std, a closed stdout (`EBADF`)
//! swallows output silently. Any other write error (`EPIPE` when `SIGPIPE`
//! is ignored, `ENOSPC`, `EIO`) drops the unwritten bytes and is kept,
//! like C's `ferror`; at exit it is reported once on stderr and a status
//! of 0 becomes 120, as in CPython. (With `SIGPIPE` at its default, a
//! broken pipe ends the program quietly, as for any C program.)
//!
//! ```
//! use strata_core::io::{self, IOBase, TextIOBase};
//!
//! let path = std::env::temp_dir().join("strata-io-example.txt");
//! let path = path.to_str().unwrap();
//! let mut f = io::open(path, "w")?;
//! f.text()?.write("first line\nsecond\n")?;
//! f.close()?;
//!
//! let mut f = io::open(path, "r")?;
//! assert_eq!(f.text()?.readline()?, "first line\n");
//! # let _ = std::fs::remove_file(path);
//! # Ok::<(), io::Error>(())
//! ```
//!
//! # References
//! - [io — Core tools for working with streams](https://docs.python.org/3/library/io.html)

mod buffered;
mod codec;
mod copy;
#[cfg(feature = "embedded-io")]
mod embedded;
mod error;
pub mod memchr;
mod memory;
mod open;
mod raw;
mod slice;
#[cfg(feature = "std")]
mod std_io;
mod stdio;
mod text;
mod traits;

pub use buffered::{Buffered, BufferedRWPair, BufferedRandom, BufferedReader, BufferedWriter};
pub use codec::{Decoded, Encoding, Errors, check_encodable, decode, encode};
pub use copy::copyfileobj;
#[cfg(feature = "embedded-io")]
#[doc(hidden)]
pub use embedded::embedded_seek;
/// The `embedded-io` crate, whose traits the streams implement (feature
/// `embedded-io`).
#[cfg(feature = "embedded-io")]
pub use embedded_io;
pub use error::{ArgumentKind, BadArgument, DecodeError, EncodeError, Error, FileName, Result};
pub use memory::{FixedBytesIO, seek_position};
pub use open::{File, Mode, OpenOptions, Target, open, open_with};
pub use raw::{FileIO, Name, RawMode};
/// rustix's path argument: what [`open()`] and [`FileIO::open`] accept
/// (`&str`, `&[u8]`, `&CStr`, ...).
pub use rustix::path::Arg as PathArg;
#[cfg(feature = "std")]
#[doc(hidden)]
pub use std_io::std_seek;
pub(crate) use stdio::flush_stdout_at_exit;
#[doc(hidden)]
pub use stdio::{_eprint, _print};
pub use stdio::{
    Std, StdFd, Stderr, Stdin, StdinBuf, StdinLine, StdinStream, Stdout, StdoutBuf, StdoutStream,
    stderr, stdin, stdout,
};
pub use text::{Newline, Reconfigure, TextIOWrapper, TextOptions};
pub use traits::{
    BufferedIOBase, DEFAULT_BUFFER_SIZE, IOBase, Newlines, RawIOBase, SEEK_CUR, SEEK_END, SEEK_SET,
    StableBuffer, Storage, TextIOBase, Whence,
};

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
