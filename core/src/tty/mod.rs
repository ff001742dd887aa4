//! Terminal modes: Python's `tty` module, the terminal devices and the
//! terminal-size functions of `os` and `shutil`.
//!
//! As Python's `tty` does `from termios import *`, everything of
//! [`crate::termios`] is here too (`tty::tcgetattr`, `tty::ECHO`, …).
//!
//! ```
//! use strata_core::{os, tty};
//!
//! let (read_end, _write_end) = os::pipe()?;
//! assert!(!tty::isatty(&read_end));
//! // Not a terminal: ENOTTY, and shutil's fallback size.
//! assert_eq!(tty::tcgetattr(&read_end).err(), Some(strata_core::errno::ENOTTY));
//! # Ok::<(), strata_core::errno::Errno>(())
//! ```
//!
//! - Attributes (from [`crate::termios`]): [`tcgetattr`], [`tcsetattr`],
//!   speeds on [`Termios`] (`input_speed`, `set_output_speed`, …).
//! - Modes: [`setraw`], [`setcbreak`] (Python 3.12's `tty`), each returning
//!   the mode to restore; [`cfmakeraw`], [`cfmakecbreak`] on a [`Termios`].
//! - Line control (from [`crate::termios`]): [`tcsendbreak`], [`tcdrain`],
//!   [`tcflush`], [`tcflow`].
//! - Size: [`get_terminal_size`] (`os.get_terminal_size`),
//!   [`terminal_size`] (`shutil.get_terminal_size`: `COLUMNS`/`LINES`
//!   first), [`tcgetwinsize`], [`tcsetwinsize`].
//! - Devices: [`isatty`], [`ttyname`], [`openpty`], [`ctermid`].
//!
//! What differs from Python: attributes are a [`Termios`] struct, not a
//! seven-item list, and speeds are plain baud numbers, not `B9600`
//! constants.

mod device;
mod modes;
mod size;

pub use crate::termios::*;
pub use device::{ctermid, isatty, openpty, ttyname, wait_readable};
pub use modes::{cfmakecbreak, cfmakeraw, setcbreak, setraw};
pub use size::{TerminalSize, get_terminal_size, terminal_size};
