//! The part of Python's `curses` package that needs no allocation:
//! [`ascii`]. The rest of `curses` lives in the alloc layer.

pub mod ascii;
