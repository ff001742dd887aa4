//! Terminal attributes and line control: Python's `termios` module.
//!
//! ```
//! use strata_core::{os, termios};
//!
//! let (read_end, write_end) = os::pipe()?;
//! // Not a terminal: ENOTTY, where Python raises termios.error.
//! assert_eq!(termios::tcgetattr(&read_end).err(), Some(termios::Error::NOTTY));
//! os::write(&write_end, b"abc")?;
//! assert_eq!(termios::ioctl_get_int(&read_end, termios::FIONREAD)?, 3);
//! # Ok::<(), strata_core::errno::Errno>(())
//! ```
//!
//! - Attributes: [`tcgetattr`], [`tcsetattr`] (when: [`TCSANOW`],
//!   [`TCSADRAIN`], [`TCSAFLUSH`]). rustix's [`Termios`] is the kernel's
//!   `struct termios2`; where `TCGETS2` is refused (QEMU 7.2, seccomp,
//!   some containers) the calls fall back to `TCGETS`.
//! - Line control: [`tcsendbreak`], [`tcdrain`], [`tcflush`] ([`TCIFLUSH`],
//!   …), [`tcflow`] ([`TCOOFF`], …).
//! - Window size: [`tcgetwinsize`], [`tcsetwinsize`].
//! - Every constant of CPython 3.11's `termios` but the speeds: the flag
//!   bits typed with the mode they belong to ([`IGNBRK`] is an
//!   [`InputModes`], [`CS8`] a [`ControlModes`]), the control-character
//!   indices ([`VMIN`]) as [`SpecialCodeIndex`], the default control
//!   characters ([`CINTR`]), the line disciplines ([`N_TTY`]), and the
//!   `ioctl` request numbers ([`FIONREAD`], [`TIOCSCTTY`], …) with small
//!   safe calls that use them ([`ioctl_get_int`], [`ioctl_set_int`],
//!   [`ioctl_arg`], [`ioctl_none`]) and the raw [`ioctl`].
//!
//! What differs from Python, and why:
//! - Attributes are a [`Termios`] struct, not a seven-item list.
//! - Speeds are plain baud numbers on [`Termios`] (`input_speed`,
//!   `set_output_speed`, …), so there are no `B9600`, `EXTA`, `EXTB`
//!   constants: with `TCGETS2` any rate is a number, and a `B*` code is
//!   only what the `TCGETS` fallback decodes internally.
//! - [`NCCS`] is the kernel's 19, the length of
//!   [`Termios::special_codes`], not glibc's 32 (the size of glibc's own
//!   `struct termios`, which Strata does not use).
//! - `termios.error` is [`Error`], the [`Errno`] every call returns.
//! - The request numbers are Python's (the asm-generic values, the same on
//!   x86_64, aarch64, riscv64 and armv7); Python passes them to
//!   `fcntl.ioctl`, Strata to the `ioctl_*` calls here.
//!
//! Python's `tty` module re-exports all of this (`from termios import *`),
//! and so does [`crate::tty`].

mod attr;
mod ioctl;
mod names;
#[cfg(test)]
mod tests;

pub use attr::{When, tcgetattr, tcsetattr};
pub use ioctl::*;
pub use names::*;
pub use rustix::termios::{
    Action, ControlModes, InputModes, LocalModes, OutputModes, QueueSelector, SpecialCodeIndex,
    Termios, Winsize,
};

use crate::errno::Errno;
use rustix::fd::AsFd;

/// `termios.error`—what the calls here fail with: the kernel's errno,
/// where Python raises `termios.error(errno, strerror)`.
#[doc(alias = "error")]
pub type Error = Errno;

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

/// `termios.tcgetwinsize(fd)`—the window size the terminal driver keeps.
///
/// # References
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html) (`TIOCGWINSZ`)
pub fn tcgetwinsize(fd: impl AsFd) -> Result<Winsize, Errno> {
    rustix::termios::tcgetwinsize(fd).map_err(Into::into)
}

/// `termios.tcsetwinsize(fd, size)`—sets it (`SIGWINCH` goes to the
/// terminal's foreground process group).
///
/// # References
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html) (`TIOCSWINSZ`)
pub fn tcsetwinsize(fd: impl AsFd, size: Winsize) -> Result<(), Errno> {
    rustix::termios::tcsetwinsize(fd, size).map_err(Into::into)
}

/// The position of a control character in `c_cc`: the integer Python's
/// `termios.VMIN` is (6), for code that indexes the array by number.
/// Index [`Termios::special_codes`] with the [`SpecialCodeIndex`] itself.
pub fn cc_index(index: SpecialCodeIndex) -> usize {
    let mut t = attr::zeroed_termios();
    t.special_codes[index] = 1;
    let kernel = attr::as_kernel(&t);
    kernel.c_cc.iter().position(|&c| c == 1).unwrap_or(0)
}
