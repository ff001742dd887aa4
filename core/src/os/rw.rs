//! Reading and writing fds: plain, scattered (`readv`/`writev`) and at an
//! offset (`pread`/`pwrite`/`preadv`/`pwritev`).
//!
//! Each call is one system call, so a short count is possible, as in
//! Python. Interrupted by a signal, a call tries again (PEP 475) unless
//! the signal was caught as interrupting (`signal::catch(sig, true)`):
//! then `EINTR`.

use super::fd::retry;
use crate::errno::Errno;
use rustix::fd::AsFd;
pub use rustix::io::{IoSlice, IoSliceMut, ReadWriteFlags};

/// `os.RWF_DSYNC`: this write completes as with `O_DSYNC`.
pub const RWF_DSYNC: ReadWriteFlags = ReadWriteFlags::DSYNC;
/// `os.RWF_HIPRI`: poll for completion (direct I/O).
pub const RWF_HIPRI: ReadWriteFlags = ReadWriteFlags::HIPRI;
/// `os.RWF_SYNC`: this write completes as with `O_SYNC`.
pub const RWF_SYNC: ReadWriteFlags = ReadWriteFlags::SYNC;
/// `os.RWF_NOWAIT`: fail with `EAGAIN` rather than wait for data.
pub const RWF_NOWAIT: ReadWriteFlags = ReadWriteFlags::NOWAIT;
/// `os.RWF_APPEND`: this write appends.
pub const RWF_APPEND: ReadWriteFlags = ReadWriteFlags::APPEND;

/// `os.read(fd, n)`—reads at most `buf.len()` bytes; 0 means end of file.
///
/// # References
/// - [read(2)](https://man7.org/linux/man-pages/man2/read.2.html)
pub fn read(fd: impl AsFd, buf: &mut [u8]) -> Result<usize, Errno> {
    retry(|| rustix::io::read(&fd, &mut *buf))
}

/// `os.write(fd, data)`—writes some of `data`, returning how much.
///
/// # References
/// - [write(2)](https://man7.org/linux/man-pages/man2/write.2.html)
pub fn write(fd: impl AsFd, data: &[u8]) -> Result<usize, Errno> {
    retry(|| rustix::io::write(&fd, data))
}

/// `os.readv(fd, buffers)`—fills the buffers in order; returns the total.
///
/// # References
/// - [readv(2)](https://man7.org/linux/man-pages/man2/readv.2.html)
pub fn readv(fd: impl AsFd, buffers: &mut [IoSliceMut<'_>]) -> Result<usize, Errno> {
    retry(|| rustix::io::readv(&fd, buffers))
}

/// `os.writev(fd, buffers)`—writes the buffers in order, as one write.
///
/// # References
/// - [writev(2)](https://man7.org/linux/man-pages/man2/writev.2.html)
pub fn writev(fd: impl AsFd, buffers: &[IoSlice<'_>]) -> Result<usize, Errno> {
    retry(|| rustix::io::writev(&fd, buffers))
}

fn offset(offset: i64) -> Result<u64, Errno> {
    u64::try_from(offset).map_err(|_| Errno::INVAL)
}

/// `os.pread(fd, n, offset)`—reads at `offset` without moving the file
/// position. A negative offset is `EINVAL`.
///
/// # References
/// - [pread(2)](https://man7.org/linux/man-pages/man2/pread.2.html)
pub fn pread(fd: impl AsFd, buf: &mut [u8], offset_: i64) -> Result<usize, Errno> {
    let at = offset(offset_)?;
    retry(|| rustix::io::pread(&fd, &mut *buf, at))
}

/// `os.pwrite(fd, data, offset)`—writes at `offset` without moving the
/// file position (with `O_APPEND`, Linux appends anyway).
///
/// # References
/// - [pwrite(2)](https://man7.org/linux/man-pages/man2/pwrite.2.html)
pub fn pwrite(fd: impl AsFd, data: &[u8], offset_: i64) -> Result<usize, Errno> {
    let at = offset(offset_)?;
    retry(|| rustix::io::pwrite(&fd, data, at))
}

/// `os.preadv(fd, buffers, offset, flags=0)`—[`readv`] at `offset`;
/// with flags (`RWF_*`) it is `preadv2`.
///
/// # References
/// - [preadv(2)](https://man7.org/linux/man-pages/man2/preadv.2.html)
pub fn preadv(
    fd: impl AsFd,
    buffers: &mut [IoSliceMut<'_>],
    offset_: i64,
    flags: ReadWriteFlags,
) -> Result<usize, Errno> {
    let at = offset(offset_)?;
    if flags.is_empty() {
        retry(|| rustix::io::preadv(&fd, buffers, at))
    } else {
        retry(|| rustix::io::preadv2(&fd, buffers, at, flags))
    }
}

/// `os.pwritev(fd, buffers, offset, flags=0)`—[`writev`] at `offset`;
/// with flags (`RWF_*`) it is `pwritev2`.
///
/// # References
/// - [pwritev(2)](https://man7.org/linux/man-pages/man2/pwritev.2.html)
pub fn pwritev(
    fd: impl AsFd,
    buffers: &[IoSlice<'_>],
    offset_: i64,
    flags: ReadWriteFlags,
) -> Result<usize, Errno> {
    let at = offset(offset_)?;
    if flags.is_empty() {
        retry(|| rustix::io::pwritev(&fd, buffers, at))
    } else {
        retry(|| rustix::io::pwritev2(&fd, buffers, at, flags))
    }
}
