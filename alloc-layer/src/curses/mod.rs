//! Python's `curses` package: so far its [`ascii`] module (character
//! classes and conversions for ASCII, from strata-core). Windows, `textpad`
//! and `panel` are not built yet.
//!
//! ```
//! use strata_alloc::curses::ascii;
//!
//! assert_eq!(ascii::ctrl(b'c'), 3);
//! ```
//!
//! [`tparm`] (`curses.tparm`) evaluates terminfo's parameterized strings.

pub use strata_core::curses::ascii;

mod tparm;
pub use tparm::{MAX_OUTPUT, Tparm, TparmError, tparm};
