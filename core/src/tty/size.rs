//! The terminal's size.

use crate::errno::Errno;
use rustix::fd::{AsFd, BorrowedFd};
use rustix::termios::Winsize;

/// `os.terminal_size`: columns and lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TerminalSize {
    /// Characters per line.
    pub columns: u16,
    /// Lines.
    pub lines: u16,
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

/// `os.get_terminal_size(fd)`—the size of the terminal on `fd`.
pub fn get_terminal_size(fd: impl AsFd) -> Result<TerminalSize, Errno> {
    let ws = tcgetwinsize(fd)?;
    Ok(TerminalSize {
        columns: ws.ws_col,
        lines: ws.ws_row,
    })
}

/// `shutil.get_terminal_size(fallback)`—what a program should format for:
/// `COLUMNS` and `LINES` when set to positive numbers, else the terminal on
/// stdout, else `fallback` (Python's default is 80 × 24), field by field
/// exactly as CPython decides.
pub fn terminal_size(fallback: TerminalSize) -> TerminalSize {
    let env = |name: &str| {
        crate::os::getenv(name)
            .and_then(|v| core::str::from_utf8(v).ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0)
    };
    let (mut columns, mut lines) = (env("COLUMNS"), env("LINES"));
    if columns <= 0 || lines <= 0 {
        // SAFETY: fd 1 is borrowed for the call only; if it is closed the
        // ioctl fails with EBADF and the fallback applies.
        let stdout = unsafe { BorrowedFd::borrow_raw(1) };
        let size = get_terminal_size(stdout).unwrap_or(fallback);
        if columns <= 0 {
            columns = if size.columns > 0 {
                i64::from(size.columns)
            } else {
                i64::from(fallback.columns)
            };
        }
        if lines <= 0 {
            lines = if size.lines > 0 {
                i64::from(size.lines)
            } else {
                i64::from(fallback.lines)
            };
        }
    }
    TerminalSize {
        columns: columns.clamp(0, i64::from(u16::MAX)) as u16,
        lines: lines.clamp(0, i64::from(u16::MAX)) as u16,
    }
}
