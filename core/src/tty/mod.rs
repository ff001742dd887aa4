//! Terminal control: Python's `termios` and `tty` modules, and the
//! terminal-size functions of `os` and `shutil`.
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
//! - Attributes: [`tcgetattr`], [`tcsetattr`], [`cfmakeraw`], speeds on
//!   [`Termios`] (`input_speed`, `set_output_speed`, …). rustix falls back
//!   from `TCGETS2` to `TCGETS` where the former is refused (seccomp, some
//!   containers).
//! - Modes: [`setraw`], [`setcbreak`] (Python 3.12's `tty`), each returning
//!   the mode to restore.
//! - Line control: [`tcsendbreak`], [`tcdrain`], [`tcflush`], [`tcflow`].
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

pub use device::{ctermid, isatty, openpty, ttyname};
pub use modes::{When, cfmakecbreak, cfmakeraw, setcbreak, setraw, tcgetattr, tcsetattr};
pub use rustix::termios::{
    Action, ControlModes, InputModes, LocalModes, OutputModes, QueueSelector, SpecialCodeIndex,
    Termios, Winsize,
};
pub use size::{TerminalSize, get_terminal_size, tcgetwinsize, tcsetwinsize, terminal_size};

use crate::errno::Errno;
use rustix::fd::AsFd;

/// `termios.tcsendbreak(fd, 0)`—sends a break (zero bits for 0.25 to 0.5
/// s). Linux ignores other durations, as glibc does.
///
/// # References
/// - [tcsendbreak(3)](https://man7.org/linux/man-pages/man3/tcsendbreak.3.html)
pub fn tcsendbreak(fd: impl AsFd) -> Result<(), Errno> {
    rustix::termios::tcsendbreak(fd).map_err(Into::into)
}

/// `termios.tcdrain(fd)`—waits until everything written has been sent.
///
/// # References
/// - [tcdrain(3)](https://man7.org/linux/man-pages/man3/tcdrain.3.html)
pub fn tcdrain(fd: impl AsFd) -> Result<(), Errno> {
    rustix::termios::tcdrain(fd).map_err(Into::into)
}

/// `termios.tcflush(fd, queue)`—discards unread input, unsent output, or
/// both.
///
/// # References
/// - [tcflush(3)](https://man7.org/linux/man-pages/man3/tcflush.3.html)
pub fn tcflush(fd: impl AsFd, queue: QueueSelector) -> Result<(), Errno> {
    rustix::termios::tcflush(fd, queue).map_err(Into::into)
}

/// `termios.tcflow(fd, action)`—suspends or resumes output or input.
///
/// # References
/// - [tcflow(3)](https://man7.org/linux/man-pages/man3/tcflow.3.html)
pub fn tcflow(fd: impl AsFd, action: Action) -> Result<(), Errno> {
    rustix::termios::tcflow(fd, action).map_err(Into::into)
}
