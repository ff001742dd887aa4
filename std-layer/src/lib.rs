//! Strata inside an ordinary `std` program.
//!
//! It re-exports [`strata_alloc`] (and through it `strata_core`). A std
//! program keeps std's own startup and allocator; Strata's errors already
//! implement `std::error::Error` (through `core::error::Error`), so `?`
//! into `Box<dyn std::error::Error>` works. Adapters to `std::io` and
//! `Path`/`OsStr` are not built yet.
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
//! In a std program, Strata's `os::argv()` and `os::environ()` are empty
//! (std's startup does not record them for Strata): pass `std::env`'s
//! arguments to the parser instead.
#![deny(unsafe_op_in_unsafe_fn)]

pub use strata_alloc::*;
