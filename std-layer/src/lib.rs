//! Strata inside an ordinary `std` program.
//!
//! It re-exports [`strata_alloc`] (and through it `strata_core`). A std
//! program keeps std's own startup and allocator. Strata's errors
//! implement `std::error::Error` (through `core::error::Error`), so `?`
//! into `Box<dyn std::error::Error>` works.
//!
//! ```
//! use strata_std::{argparse, os};
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let mut parser = argparse::ArgumentParser::new().prog("demo");
//!     parser.add_argument(argparse::Arg::new(&["dir"]))?;
//!     let ns = parser.parse_args(&["/"])?;
//!     let dir: &str = ns.try_get("dir")?;
//!     assert!(!os::listdir(dir)?.is_empty());
//!     Ok(())
//! }
//! # main().unwrap();
//! ```
//!
//! ## std's io and Strata's, both ways
//!
//! - `std::io::{Read, Write, Seek}` on Strata's raw and buffered streams
//!   (`FileIO`, the standard fds, `BufferedReader`, `BufferedWriter`,
//!   `BufferedRandom`, `BufferedRWPair`, `FixedBytesIO`, `BytesIO`), and
//!   `BufRead` on the buffered ones;
//! - Strata's `IOBase` and `RawIOBase` on std's `File`, `TcpStream`,
//!   `UnixStream`, `Stdin`, `Stdout`, `Stderr` and `Vec<u8>`, so Strata's
//!   buffers, text layer and `copyfileobj` work on them (a std value
//!   closes when dropped: `close` flushes it);
//! - `From` between `Errno`, `io::Error`, `os::Error` and
//!   `std::io::Error`, keeping the kind and the raw OS error, so `?`
//!   crosses between them.
//!
//! ```
//! use std::io::{BufRead, Write};
//! use strata_std::io::{BufferedReader, BufferedWriter, FileIO};
//!
//! fn main() -> std::io::Result<()> {
//!     let path = std::env::temp_dir().join(format!("strata-doc-std-{}", std::process::id()));
//!     // std's Write on a Strata stream; Strata's errors become std's with `?`.
//!     let mut out = BufferedWriter::new(FileIO::open(&*path, "w")?);
//!     writeln!(out, "one")?;
//!     out.flush()?;
//!     // A std File under Strata's buffer, read with std's BufRead.
//!     let mut lines = BufferedReader::new(std::fs::File::open(&path)?);
//!     let mut first = String::new();
//!     lines.read_line(&mut first)?;
//!     assert_eq!(first, "one\n");
//!     // An os call's error, as std sees it.
//!     let e = std::io::Error::from(strata_std::os::stat("/nonexistent").unwrap_err());
//!     assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
//!     std::fs::remove_file(&path)
//! }
//! # main().unwrap();
//! ```
//!
//! ## Libraries that log through `log`
//!
//! [`log_bridge::install`] (feature `log`, on by default) routes the `log`
//! facade into the logging tree: `log::info!` from any library lands in the
//! same handlers, the target as the logger name. With the `tracing`
//! feature, `tracing_layer::LoggingLayer` does the same for tracing's
//! events.
//!
//! ## The command line
//!
//! `os::argv()` and `argparse`'s default arguments are the program's: on
//! glibc, Strata learns `argv` before `main` (glibc hands it to each
//! `.init_array` function, as std's own startup relies on); elsewhere
//! (musl) it copies std's arguments on first use.
//!
//! ## The environment
//!
//! std owns the C `environ` of a std program, and Strata's `os.environ`
//! is that one: `os::getenv`/`os::environ` read it through `std::env`,
//! `os::putenv`/`os::unsetenv` write it with `set_var`/`remove_var`
//! (with their rule: no other thread reads the environment through C's
//! `getenv` at that moment), and the exec, spawn, `system` and `popen`
//! functions pass it on as it is now.
//!
//! ## Threads
//!
//! glibc owns the thread pointer of a std program: Strata never installs
//! its own thread block there, and logging's `QueueListener` runs on a std
//! thread. Start threads with `std::thread`.
#![deny(unsafe_op_in_unsafe_fn)]

pub use strata_alloc::*;

#[cfg(feature = "log")]
pub mod log_bridge;
#[cfg(feature = "tracing")]
pub mod tracing_layer;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

/// A path Strata returned as bytes (`os::listdir`, `os::path::join`,
/// `os::readlink`, …) as std's [`PathBuf`]: Linux paths are bytes, and
/// Strata's results stay bytes so that no name is lost; this is the view
/// a std program wants of them.
///
/// ```
/// use strata_std::{IntoPathBuf, os};
///
/// let lib = os::path::join("/usr", "lib").into_path_buf();
/// assert_eq!(lib, std::path::Path::new("/usr/lib"));
/// let names: Vec<std::path::PathBuf> =
///     os::listdir("/")?.into_iter().map(IntoPathBuf::into_path_buf).collect();
/// assert!(names.iter().any(|n| n == "usr"));
/// # Ok::<(), os::Error>(())
/// ```
pub trait IntoPathBuf {
    /// The same bytes as a `PathBuf`.
    fn into_path_buf(self) -> PathBuf;
}

impl IntoPathBuf for Vec<u8> {
    fn into_path_buf(self) -> PathBuf {
        OsString::from_vec(self).into()
    }
}

impl IntoPathBuf for &[u8] {
    fn into_path_buf(self) -> PathBuf {
        self.to_vec().into_path_buf()
    }
}

impl IntoPathBuf for String {
    fn into_path_buf(self) -> PathBuf {
        self.into()
    }
}
