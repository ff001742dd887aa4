//! Strata inside an ordinary `std` program.
//!
//! It re-exports [`strata_alloc`] (and through it `strata_core`). A std
//! program keeps std's own startup; the adapters to `std::io`,
//! `std::error::Error` and `Path`/`OsStr` arrive with the modules that need
//! them.
#![deny(unsafe_op_in_unsafe_fn)]

pub use strata_alloc::*;
