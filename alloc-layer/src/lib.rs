//! Strata's alloc layer: the modules that need a heap.
//!
//! It re-exports [`strata_core`], so a program depends on this crate alone.
//! The heap itself, and the modules that stand on it (argparse, logging,
//! curses, platform, ctypes), arrive with the issues that build them.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

pub use strata_core::*;
