//! Moving bytes between fds inside the kernel, and the fds that exist for
//! that: pipes, `sendfile`, `copy_file_range`, `splice`, eventfds and
//! memory files.
//!
//! PEP 446: `pipe`, and `eventfd` and `memfd_create` with their default
//! flags, make close-on-exec fds; `pipe2` takes the caller's flags as they
//! are, as in Python.

use super::fd::{own, retry};
use super::path::with_path;
use crate::errno::Errno;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use rustix::fd::{AsFd, OwnedFd};
use rustix::fs::OFlags;
use strata_arch::syscall2;

/// `os.pipe()`—a pipe's read and write ends, both close-on-exec (PEP 446).
///
/// # References
/// - [pipe(2)](https://man7.org/linux/man-pages/man2/pipe.2.html)
pub fn pipe() -> Result<(OwnedFd, OwnedFd), Errno> {
    rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).map_err(Into::into)
}

/// `os.pipe2(flags)`—a pipe with `O_NONBLOCK`, `O_CLOEXEC` and/or
/// `O_DIRECT` set atomically; without `O_CLOEXEC` both ends are
/// inheritable. Other flags: `EINVAL`.
///
/// # References
/// - [pipe2(2)](https://man7.org/linux/man-pages/man2/pipe2.2.html)
pub fn pipe2(flags: OFlags) -> Result<(OwnedFd, OwnedFd), Errno> {
    let flags = rustix::pipe::PipeFlags::from_bits(flags.bits() as _).ok_or(Errno::INVAL)?;
    rustix::pipe::pipe_with(flags).map_err(Into::into)
}

fn offset_ref(offset: &mut Option<u64>) -> Option<&mut u64> {
    offset.as_mut()
}

fn offset_of(offset: Option<i64>) -> Result<Option<u64>, Errno> {
    offset
        .map(|o| u64::try_from(o).map_err(|_| Errno::INVAL))
        .transpose()
}

/// `os.sendfile(out_fd, in_fd, offset, count)`—copies up to `count` bytes
/// from `in_fd` to `out_fd` in the kernel; returns how many (0 at end of
/// file).
///
/// With `offset`, reading starts there and `in_fd`'s position is left
/// alone; with `None`, `in_fd`'s position is used and advanced.
///
/// # References
/// - [sendfile(2)](https://man7.org/linux/man-pages/man2/sendfile.2.html)
pub fn sendfile(
    out_fd: impl AsFd,
    in_fd: impl AsFd,
    offset: Option<i64>,
    count: usize,
) -> Result<usize, Errno> {
    let mut off = offset_of(offset)?;
    retry(|| rustix::fs::sendfile(&out_fd, &in_fd, offset_ref(&mut off), count))
}

/// `os.copy_file_range(src, dst, count, offset_src=None,
/// offset_dst=None)`—copies up to `count` bytes between files in the
/// kernel (reflinked where the file system can); returns how many.
///
/// # References
/// - [copy_file_range(2)](https://man7.org/linux/man-pages/man2/copy_file_range.2.html)
pub fn copy_file_range(
    src: impl AsFd,
    dst: impl AsFd,
    count: usize,
    offset_src: Option<i64>,
    offset_dst: Option<i64>,
) -> Result<usize, Errno> {
    let mut off_in = offset_of(offset_src)?;
    let mut off_out = offset_of(offset_dst)?;
    retry(|| {
        rustix::fs::copy_file_range(
            &src,
            offset_ref(&mut off_in),
            &dst,
            offset_ref(&mut off_out),
            count,
        )
    })
}

/// `os.SPLICE_F_MOVE`: move pages rather than copy (a hint).
pub const SPLICE_F_MOVE: u32 = k::SPLICE_F_MOVE;
/// `os.SPLICE_F_NONBLOCK`: do not block on the pipe.
pub const SPLICE_F_NONBLOCK: u32 = k::SPLICE_F_NONBLOCK;
/// `os.SPLICE_F_MORE`: more data will follow.
pub const SPLICE_F_MORE: u32 = k::SPLICE_F_MORE;

/// `os.splice(src, dst, count, offset_src=None, offset_dst=None,
/// flags=0)`—moves up to `count` bytes between an fd and a pipe (one side
/// must be a pipe, whose offset must be `None`).
///
/// # References
/// - [splice(2)](https://man7.org/linux/man-pages/man2/splice.2.html)
pub fn splice(
    src: impl AsFd,
    dst: impl AsFd,
    count: usize,
    offset_src: Option<i64>,
    offset_dst: Option<i64>,
    flags: u32,
) -> Result<usize, Errno> {
    let mut off_in = offset_of(offset_src)?;
    let mut off_out = offset_of(offset_dst)?;
    let flags = rustix::pipe::SpliceFlags::from_bits(flags).ok_or(Errno::INVAL)?;
    retry(|| {
        rustix::pipe::splice(
            &src,
            offset_ref(&mut off_in),
            &dst,
            offset_ref(&mut off_out),
            count,
            flags,
        )
    })
}

/// `os.EFD_CLOEXEC`.
pub const EFD_CLOEXEC: u32 = k::O_CLOEXEC;
/// `os.EFD_NONBLOCK`.
pub const EFD_NONBLOCK: u32 = k::O_NONBLOCK;
/// `os.EFD_SEMAPHORE`: each read takes 1, not the whole count.
pub const EFD_SEMAPHORE: u32 = 1;

/// `os.eventfd(initval, flags=EFD_CLOEXEC)`—a kernel counter on an fd.
///
/// # References
/// - [eventfd(2)](https://man7.org/linux/man-pages/man2/eventfd.2.html)
pub fn eventfd(initval: u32, flags: u32) -> Result<OwnedFd, Errno> {
    // SAFETY: eventfd2 takes two integers and returns a new fd.
    let fd = result(unsafe { syscall2(nr(k::__NR_eventfd2), initval as usize, flags as usize) })?;
    // SAFETY: the kernel just made this fd for us.
    Ok(unsafe { own(fd) })
}

/// `os.eventfd_read(fd)`—takes the counter (or 1 with
/// `EFD_SEMAPHORE`), waiting while it is 0 (`EAGAIN` if non-blocking).
///
/// # References
/// - [eventfd(2)](https://man7.org/linux/man-pages/man2/eventfd.2.html)
pub fn eventfd_read(fd: impl AsFd) -> Result<u64, Errno> {
    let mut value = [0u8; 8];
    match super::read(fd, &mut value)? {
        8 => Ok(u64::from_ne_bytes(value)),
        _ => Err(Errno::INVAL),
    }
}

/// `os.eventfd_write(fd, value)`—adds `value` to the counter.
///
/// # References
/// - [eventfd(2)](https://man7.org/linux/man-pages/man2/eventfd.2.html)
pub fn eventfd_write(fd: impl AsFd, value: u64) -> Result<(), Errno> {
    match super::write(fd, &value.to_ne_bytes())? {
        8 => Ok(()),
        _ => Err(Errno::INVAL),
    }
}

/// `os.MFD_CLOEXEC`.
pub const MFD_CLOEXEC: u32 = k::MFD_CLOEXEC;
/// `os.MFD_ALLOW_SEALING`: seals may be added (`F_ADD_SEALS`).
pub const MFD_ALLOW_SEALING: u32 = k::MFD_ALLOW_SEALING;
/// `os.MFD_HUGETLB`: back the file with huge pages.
pub const MFD_HUGETLB: u32 = k::MFD_HUGETLB;
/// `os.MFD_HUGE_SHIFT`: where the huge page size's log2 sits in the
/// flags of [`memfd_create`] with [`MFD_HUGETLB`].
pub const MFD_HUGE_SHIFT: u32 = 26;
/// `os.MFD_HUGE_MASK`: the mask of that log2, after shifting it down.
pub const MFD_HUGE_MASK: u32 = 0x3f;
/// `os.MFD_HUGE_64KB`: 64 KB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_64KB: u32 = 16 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_512KB`: 512 KB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_512KB: u32 = 19 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_1MB`: 1 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_1MB: u32 = 20 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_2MB`: 2 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_2MB: u32 = 21 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_8MB`: 8 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_8MB: u32 = 23 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_16MB`: 16 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_16MB: u32 = 24 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_32MB`: 32 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_32MB: u32 = 25 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_256MB`: 256 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_256MB: u32 = 28 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_512MB`: 512 MB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_512MB: u32 = 29 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_1GB`: 1 GB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_1GB: u32 = 30 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_2GB`: 2 GB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_2GB: u32 = 31 << MFD_HUGE_SHIFT;
/// `os.MFD_HUGE_16GB`: 16 GB huge pages (with [`MFD_HUGETLB`]).
pub const MFD_HUGE_16GB: u32 = 34 << MFD_HUGE_SHIFT;

/// `os.memfd_create(name, flags=MFD_CLOEXEC)`—an anonymous file in
/// memory; `name` shows in `/proc/self/fd` as `/memfd:NAME`.
///
/// # References
/// - [memfd_create(2)](https://man7.org/linux/man-pages/man2/memfd_create.2.html)
pub fn memfd_create(name: impl AsRef<[u8]>, flags: u32) -> Result<OwnedFd, Errno> {
    let flags = rustix::fs::MemfdFlags::from_bits(flags).ok_or(Errno::INVAL)?;
    with_path(name.as_ref(), |n| rustix::fs::memfd_create(n, flags))
}
