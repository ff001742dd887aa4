//! Python's `curses` package, so far its [`ascii`] module: character
//! classes and conversions for ASCII (`curses.ascii`). Windows, `textpad`
//! and `panel` are not built yet.
//!
//! ```
//! use strata_core::curses::ascii;
//!
//! assert!(ascii::isupper(b'Q') && !ascii::isupper(b'q'));
//! assert_eq!(ascii::ctrl(b'c'), 3);
//! assert_eq!(&*ascii::unctrl(3u8), "^C");
//! ```

pub mod ascii;
