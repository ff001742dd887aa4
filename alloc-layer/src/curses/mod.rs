//! Python's `curses` package: its [`ascii`] module (character classes and
//! conversions for ASCII, from strata-core) and the terminfo database
//! ([`setupterm`], [`tigetflag`], [`tigetnum`], [`tigetstr`], and the
//! parser [`Terminfo`] of compiled entries, term(5)). Windows, `textpad`
//! and `panel` are not built yet.
//!
//! ```
//! use strata_alloc::curses::ascii;
//!
//! assert_eq!(ascii::ctrl(b'c'), 3);
//! ```
//!
//! [`tparm`] (`curses.tparm`) evaluates terminfo's parameterized strings.

pub mod terminfo;
mod tparm;

pub use strata_core::curses::ascii;
pub use terminfo::{Error, Terminfo, setupterm, tigetflag, tigetnum, tigetstr};
pub use tparm::{MAX_OUTPUT, Tparm, TparmError, tparm};
