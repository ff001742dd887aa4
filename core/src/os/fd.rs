//! File descriptor operations (the start of them): reads and writes that
//! follow PEP 475, and pipes that follow PEP 446.

use crate::errno::Errno;
use crate::signal::interrupted;
use rustix::fd::{AsFd, OwnedFd};

/// `os.read(fd, n)`—reads at most `buf.len()` bytes; 0 means end of file.
///
/// Interrupted by a signal, it tries again (PEP 475) unless the signal was
/// caught as interrupting (`signal::catch(sig, true)`): then `EINTR`.
///
/// # References
/// - [read(2)](https://man7.org/linux/man-pages/man2/read.2.html)
pub fn read(fd: impl AsFd, buf: &mut [u8]) -> Result<usize, Errno> {
    loop {
        match rustix::io::read(&fd, &mut *buf) {
            Err(Errno::INTR) if !interrupted() => continue,
            other => return other,
        }
    }
}

/// `os.write(fd, data)`—writes some of `data`, returning how much; retries
/// `EINTR` as [`read`] does.
///
/// # References
/// - [write(2)](https://man7.org/linux/man-pages/man2/write.2.html)
pub fn write(fd: impl AsFd, data: &[u8]) -> Result<usize, Errno> {
    loop {
        match rustix::io::write(&fd, data) {
            Err(Errno::INTR) if !interrupted() => continue,
            other => return other,
        }
    }
}

/// `os.pipe()`—a pipe's read and write ends, both close-on-exec (PEP 446).
///
/// # References
/// - [pipe(2)](https://man7.org/linux/man-pages/man2/pipe.2.html)
pub fn pipe() -> Result<(OwnedFd, OwnedFd), Errno> {
    rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
}

/// `os.set_blocking(fd, blocking)`—clears or sets `O_NONBLOCK`.
///
/// # References
/// - [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html)
pub fn set_blocking(fd: impl AsFd, blocking: bool) -> Result<(), Errno> {
    let mut flags = rustix::fs::fcntl_getfl(&fd)?;
    flags.set(rustix::fs::OFlags::NONBLOCK, !blocking);
    rustix::fs::fcntl_setfl(&fd, flags)
}
