//! The terminal's size.

use crate::errno::Errno;
use rustix::fd::{AsFd, BorrowedFd};

/// `os.terminal_size`: columns and lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TerminalSize {
    /// Characters per line.
    pub columns: u16,
    /// Lines.
    pub lines: u16,
}

/// `os.get_terminal_size(fd)`—the size of the terminal on `fd`.
pub fn get_terminal_size(fd: impl AsFd) -> Result<TerminalSize, Errno> {
    let ws = crate::termios::tcgetwinsize(fd)?;
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
