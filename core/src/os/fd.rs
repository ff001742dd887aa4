//! File descriptor operations: opening, closing, duplicating, the
//! inheritable and blocking flags, seeking, sizes, syncing, advice and
//! record locks.
//!
//! PEP 446: every fd made here is close-on-exec (`open`, `dup`) except
//! where Python makes it inheritable (`dup2` by default). PEP 475: calls
//! that may block retry `EINTR` unless an interrupting signal arrived (see
//! [`crate::signal::catch`]).

use super::path::{check_fd, with_path};
use crate::errno::Errno;
use crate::signal::interrupted;
use crate::sys::newer::CLOSE_RANGE;
use crate::sys::{nr, result};
use core::num::NonZeroU64;
use linux_raw_sys::general as k;
use rustix::fs::{Mode, SeekFrom};
use rustix::io::FdFlags;
use strata_arch::{syscall1, syscall3};

pub use rustix::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
pub use rustix::fs::{CWD, OFlags};

/// Calls `f` until it stops failing with `EINTR`, unless an interrupting
/// signal arrived meanwhile (PEP 475).
#[inline]
pub(crate) fn retry<T, E: Into<Errno>>(mut f: impl FnMut() -> Result<T, E>) -> Result<T, Errno> {
    loop {
        match f().map_err(Into::into) {
            Err(Errno::INTR) if !interrupted() => continue,
            other => return other,
        }
    }
}

macro_rules! oflags {
    ($($name:ident = $flag:ident, $doc:literal;)*) => {
        $(
            #[doc = concat!("`os.", stringify!($name), "`: ", $doc)]
            pub const $name: OFlags = OFlags::$flag;
        )*
    };
}

oflags! {
    O_RDONLY = RDONLY, "open for reading only.";
    O_WRONLY = WRONLY, "open for writing only.";
    O_RDWR = RDWR, "open for reading and writing.";
    O_APPEND = APPEND, "every write goes to the end.";
    O_CREAT = CREATE, "create the file if it is missing.";
    O_EXCL = EXCL, "with `O_CREAT`: fail if it exists.";
    O_TRUNC = TRUNC, "truncate to length 0.";
    O_NONBLOCK = NONBLOCK, "non-blocking I/O.";
    O_SYNC = SYNC, "writes complete as `fsync` would.";
    O_RSYNC = RSYNC, "reads wait for pending writes (as `O_SYNC` on Linux).";
    O_NOCTTY = NOCTTY, "a terminal does not become the controlling one.";
    O_CLOEXEC = CLOEXEC, "close on exec (Strata adds it to every `open`).";
    O_DIRECTORY = DIRECTORY, "fail unless a directory.";
    O_NOFOLLOW = NOFOLLOW, "fail on a symbolic link.";
    O_NOATIME = NOATIME, "do not update the access time.";
    O_PATH = PATH, "a handle for the path only, no I/O.";
    O_TMPFILE = TMPFILE, "an unnamed file in the given directory.";
    O_DIRECT = DIRECT, "bypass the page cache.";
    O_ASYNC = ASYNC, "signal-driven I/O (`SIGIO`).";
}

/// `os.O_DSYNC`: writes complete as `fdatasync` would. The kernel's own
/// bit (rustix's `OFlags::DSYNC` is `O_SYNC`'s value, which adds the
/// metadata sync this flag is meant to skip).
pub const O_DSYNC: OFlags = OFlags::from_bits_retain(k::O_DSYNC);
/// `os.O_LARGEFILE`: 64-bit file offsets. As glibc defines it: 0 on
/// 64-bit targets, where the kernel always gives them, the kernel's bit
/// on 32-bit ones (where rustix adds it to every open anyway).
pub const O_LARGEFILE: OFlags = if cfg!(target_pointer_width = "64") {
    OFlags::empty()
} else {
    OFlags::LARGEFILE
};
/// `os.O_FSYNC`: the BSD name of `O_SYNC`.
pub const O_FSYNC: OFlags = OFlags::SYNC;
/// `os.O_NDELAY`: the old name of `O_NONBLOCK`.
pub const O_NDELAY: OFlags = OFlags::NONBLOCK;
/// `os.O_ACCMODE`: the access-mode bits of the flags.
pub const O_ACCMODE: OFlags = OFlags::RWMODE;

/// `os.SEEK_SET`: from the start.
pub const SEEK_SET: i32 = 0;
/// `os.SEEK_CUR`: from the current position.
pub const SEEK_CUR: i32 = 1;
/// `os.SEEK_END`: from the end.
pub const SEEK_END: i32 = 2;
/// `os.SEEK_DATA`: the next data at or after the offset.
pub const SEEK_DATA: i32 = 3;
/// `os.SEEK_HOLE`: the next hole at or after the offset.
pub const SEEK_HOLE: i32 = 4;

/// `os.open(path, flags, mode)`—opens a file and returns the new fd.
///
/// As in Python (PEP 446) the fd is always close-on-exec: `O_CLOEXEC` is
/// added; use [`set_inheritable`] to pass it to a child. Retries `EINTR`
/// (opening a FIFO blocks). `mode` matters with `O_CREAT`/`O_TMPFILE` and
/// is masked by the umask.
///
/// # References
/// - [open(2)](https://man7.org/linux/man-pages/man2/open.2.html)
pub fn open(path: impl AsRef<[u8]>, flags: OFlags, mode: u32) -> Result<OwnedFd, Errno> {
    openat(CWD, path, flags, mode)
}

/// `os.open(path, flags, mode, dir_fd=dir_fd)`—[`open`] with a relative
/// `path` taken from the directory `dir_fd` ([`CWD`] for the current one).
///
/// # References
/// - [openat(2)](https://man7.org/linux/man-pages/man2/openat.2.html)
pub fn openat(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    flags: OFlags,
    mode: u32,
) -> Result<OwnedFd, Errno> {
    with_path(path.as_ref(), |p| {
        retry(|| {
            rustix::fs::openat(
                &dir_fd,
                p,
                flags | OFlags::CLOEXEC,
                Mode::from_raw_mode(mode),
            )
        })
    })
}

/// `os.close(fd)`—closes `fd`, reporting what the kernel says (dropping
/// an `OwnedFd` closes it too, silently).
///
/// `EINTR` counts as closed: Linux has released the fd by then, and
/// retrying could close one another thread just opened (PEP 475 makes the
/// same exception).
///
/// # References
/// - [close(2)](https://man7.org/linux/man-pages/man2/close.2.html)
pub fn close(fd: OwnedFd) -> Result<(), Errno> {
    let raw = fd.into_raw_fd();
    // SAFETY: we own `raw` (taken out of the OwnedFd) and close it once.
    match result(unsafe { syscall1(nr(k::__NR_close), raw as usize) }) {
        Ok(_) | Err(Errno::INTR) => Ok(()),
        Err(e) => Err(e),
    }
}

/// `os.closerange(fd_low, fd_high)`—closes every fd from `fd_low` up to,
/// not including, `fd_high`, ignoring errors.
///
/// One `close_range(2)` where the kernel has it (5.9), else a loop.
///
/// # Safety
/// Closing fds that other code owns (an `OwnedFd`, a file in a library)
/// makes that code use a closed or reused number: call this only where no
/// such owner remains, as before an exec.
///
/// # References
/// - [close_range(2)](https://man7.org/linux/man-pages/man2/close_range.2.html)
pub unsafe fn closerange(fd_low: i32, fd_high: i32) {
    let low = fd_low.max(0);
    if fd_high <= low {
        return;
    }
    let _ = CLOSE_RANGE.call(
        || {
            // SAFETY: the caller guarantees the range has no other owner;
            // close_range takes plain integers.
            result(unsafe {
                syscall3(
                    nr(k::__NR_close_range),
                    low as usize,
                    (fd_high - 1) as usize,
                    0,
                )
            })
        },
        || {
            // One close per fd, up to the highest an fd can be now (as
            // CPython without close_range: fds above the soft limit only
            // exist if it was lowered after they were opened).
            let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile)
                .current
                .map_or(i32::MAX, |n| n.min(i32::MAX as u64) as i32);
            for fd in low..fd_high.min(limit) {
                // SAFETY: as above.
                unsafe { syscall1(nr(k::__NR_close), fd as usize) };
            }
            Ok::<_, Errno>(0)
        },
    );
}

/// `os.dup(fd)`—a new fd for the same open file, the lowest free number,
/// close-on-exec (PEP 446).
///
/// # References
/// - [dup(2)](https://man7.org/linux/man-pages/man2/dup.2.html)
pub fn dup(fd: impl AsFd) -> Result<OwnedFd, Errno> {
    rustix::io::fcntl_dupfd_cloexec(fd, 0).map_err(Into::into)
}

/// `os.dup2(fd, fd2, inheritable=True)`—makes `fd2` a copy of `fd`,
/// closing what `fd2` was first, and returns `fd2`.
///
/// Inheritable by default, as in Python; with `inheritable` false the
/// copy is close-on-exec (`dup3(O_CLOEXEC)`). `fd2` is a number the caller
/// already manages (often 0, 1 or 2), so it comes back as a number, not an
/// `OwnedFd` that would close it on drop. Negative `fd2`: `EBADF`.
///
/// # References
/// - [dup2(2)](https://man7.org/linux/man-pages/man2/dup2.2.html)
pub fn dup2(fd: impl AsFd, fd2: i32, inheritable: bool) -> Result<i32, Errno> {
    let fd2 = check_fd(fd2)?;
    let raw = fd.as_fd().as_raw_fd();
    if raw == fd2 {
        // dup3 refuses equal numbers; dup2 only checks that fd is open.
        rustix::io::fcntl_getfd(&fd)?;
        return Ok(fd2);
    }
    let flags = if inheritable {
        0
    } else {
        k::O_CLOEXEC as usize
    };
    // SAFETY: dup3 takes plain integers; fd2's old file, if any, is the
    // caller's to give up, as with dup2(2).
    loop {
        let ret = unsafe { syscall3(nr(k::__NR_dup3), raw as usize, fd2 as usize, flags) };
        match result(ret) {
            // EBUSY: another thread is between open and install of fd2.
            Err(Errno::BUSY) | Err(Errno::INTR) => continue,
            Err(e) => return Err(e),
            Ok(_) => return Ok(fd2),
        }
    }
}

/// `os.get_inheritable(fd)`—whether `fd` survives an exec (no
/// `FD_CLOEXEC`).
///
/// # References
/// - [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html)
pub fn get_inheritable(fd: impl AsFd) -> Result<bool, Errno> {
    Ok(!rustix::io::fcntl_getfd(fd)?.contains(FdFlags::CLOEXEC))
}

/// `os.set_inheritable(fd, inheritable)`—sets or clears `FD_CLOEXEC`.
///
/// # References
/// - [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html)
pub fn set_inheritable(fd: impl AsFd, inheritable: bool) -> Result<(), Errno> {
    let mut flags = rustix::io::fcntl_getfd(&fd)?;
    let old = flags;
    flags.set(FdFlags::CLOEXEC, !inheritable);
    if flags != old {
        rustix::io::fcntl_setfd(&fd, flags)?;
    }
    Ok(())
}

/// `os.get_blocking(fd)`—whether `O_NONBLOCK` is clear.
///
/// # References
/// - [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html)
pub fn get_blocking(fd: impl AsFd) -> Result<bool, Errno> {
    Ok(!rustix::fs::fcntl_getfl(fd)?.contains(OFlags::NONBLOCK))
}

/// `os.set_blocking(fd, blocking)`—clears or sets `O_NONBLOCK`.
///
/// # References
/// - [fcntl(2)](https://man7.org/linux/man-pages/man2/fcntl.2.html)
pub fn set_blocking(fd: impl AsFd, blocking: bool) -> Result<(), Errno> {
    let mut flags = rustix::fs::fcntl_getfl(&fd)?;
    flags.set(OFlags::NONBLOCK, !blocking);
    rustix::fs::fcntl_setfl(&fd, flags).map_err(Into::into)
}

/// `os.lseek(fd, pos, how)`—moves the file position and returns it.
///
/// `how` is [`SEEK_SET`], [`SEEK_CUR`], [`SEEK_END`], [`SEEK_DATA`] or
/// [`SEEK_HOLE`]; anything else, or a negative position for `SEEK_SET`,
/// `SEEK_DATA` or `SEEK_HOLE`, is `EINVAL`. Past the last data,
/// `SEEK_DATA` is `ENXIO`, as the kernel says.
///
/// # References
/// - [lseek(2)](https://man7.org/linux/man-pages/man2/lseek.2.html)
pub fn lseek(fd: impl AsFd, pos: i64, how: i32) -> Result<u64, Errno> {
    let unsigned = || u64::try_from(pos).map_err(|_| Errno::INVAL);
    let from = match how {
        SEEK_SET => SeekFrom::Start(unsigned()?),
        SEEK_CUR => SeekFrom::Current(pos),
        SEEK_END => SeekFrom::End(pos),
        SEEK_DATA => SeekFrom::Data(unsigned()?),
        SEEK_HOLE => SeekFrom::Hole(unsigned()?),
        _ => return Err(Errno::INVAL),
    };
    rustix::fs::seek(fd, from).map_err(Into::into)
}

/// `os.ftruncate(fd, length)`—sets the file's size; negative is `EINVAL`.
///
/// # References
/// - [ftruncate(2)](https://man7.org/linux/man-pages/man2/ftruncate.2.html)
pub fn ftruncate(fd: impl AsFd, length: i64) -> Result<(), Errno> {
    let length = u64::try_from(length).map_err(|_| Errno::INVAL)?;
    retry(|| rustix::fs::ftruncate(&fd, length))
}

/// `os.fsync(fd)`—waits until the file's data and metadata are on disk.
///
/// # References
/// - [fsync(2)](https://man7.org/linux/man-pages/man2/fsync.2.html)
pub fn fsync(fd: impl AsFd) -> Result<(), Errno> {
    retry(|| rustix::fs::fsync(&fd))
}

/// `os.fdatasync(fd)`—as [`fsync`], without metadata that reading does
/// not need.
///
/// # References
/// - [fdatasync(2)](https://man7.org/linux/man-pages/man2/fdatasync.2.html)
pub fn fdatasync(fd: impl AsFd) -> Result<(), Errno> {
    retry(|| rustix::fs::fdatasync(&fd))
}

/// `os.posix_fallocate(fd, offset, len)`—makes sure the blocks of
/// `offset..offset+len` are allocated, growing the file if needed.
///
/// Unlike glibc, no fallback writes zeros where the file system cannot
/// allocate (`EOPNOTSUPP` comes back): a slow silent emulation is the
/// caller's choice to make.
///
/// # References
/// - [posix_fallocate(3)](https://man7.org/linux/man-pages/man3/posix_fallocate.3.html)
pub fn posix_fallocate(fd: impl AsFd, offset: i64, len: i64) -> Result<(), Errno> {
    let offset = u64::try_from(offset).map_err(|_| Errno::INVAL)?;
    let len = u64::try_from(len)
        .ok()
        .filter(|&l| l > 0)
        .ok_or(Errno::INVAL)?;
    retry(|| rustix::fs::fallocate(&fd, rustix::fs::FallocateFlags::empty(), offset, len))
}

/// `os.POSIX_FADV_NORMAL`.
pub const POSIX_FADV_NORMAL: i32 = k::POSIX_FADV_NORMAL as i32;
/// `os.POSIX_FADV_SEQUENTIAL`.
pub const POSIX_FADV_SEQUENTIAL: i32 = k::POSIX_FADV_SEQUENTIAL as i32;
/// `os.POSIX_FADV_RANDOM`.
pub const POSIX_FADV_RANDOM: i32 = k::POSIX_FADV_RANDOM as i32;
/// `os.POSIX_FADV_NOREUSE`.
pub const POSIX_FADV_NOREUSE: i32 = k::POSIX_FADV_NOREUSE as i32;
/// `os.POSIX_FADV_WILLNEED`.
pub const POSIX_FADV_WILLNEED: i32 = k::POSIX_FADV_WILLNEED as i32;
/// `os.POSIX_FADV_DONTNEED`.
pub const POSIX_FADV_DONTNEED: i32 = k::POSIX_FADV_DONTNEED as i32;

/// `os.posix_fadvise(fd, offset, len, advice)`—tells the kernel how
/// `offset..offset+len` will be read (`len` 0: to the end).
///
/// # References
/// - [posix_fadvise(2)](https://man7.org/linux/man-pages/man2/posix_fadvise.2.html)
pub fn posix_fadvise(fd: impl AsFd, offset: i64, len: i64, advice: i32) -> Result<(), Errno> {
    use rustix::fs::Advice;
    let advice = match advice {
        POSIX_FADV_NORMAL => Advice::Normal,
        POSIX_FADV_SEQUENTIAL => Advice::Sequential,
        POSIX_FADV_RANDOM => Advice::Random,
        POSIX_FADV_NOREUSE => Advice::NoReuse,
        POSIX_FADV_WILLNEED => Advice::WillNeed,
        POSIX_FADV_DONTNEED => Advice::DontNeed,
        _ => return Err(Errno::INVAL),
    };
    let offset = u64::try_from(offset).map_err(|_| Errno::INVAL)?;
    let len = u64::try_from(len).map_err(|_| Errno::INVAL)?;
    rustix::fs::fadvise(fd, offset, NonZeroU64::new(len), advice).map_err(Into::into)
}

/// `os.fchmod(fd, mode)`—changes the permission bits of an open file.
///
/// # References
/// - [fchmod(2)](https://man7.org/linux/man-pages/man2/fchmod.2.html)
pub fn fchmod(fd: impl AsFd, mode: u32) -> Result<(), Errno> {
    rustix::fs::fchmod(fd, Mode::from_raw_mode(mode)).map_err(Into::into)
}

/// `os.fchown(fd, uid, gid)`—changes the owner and group of an open file;
/// `None` leaves one unchanged (Python's `-1`).
///
/// # References
/// - [fchown(2)](https://man7.org/linux/man-pages/man2/fchown.2.html)
pub fn fchown(fd: impl AsFd, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
    rustix::fs::fchown(fd, uid.map(ugid_uid), gid.map(ugid_gid)).map_err(Into::into)
}

pub(crate) fn ugid_uid(uid: u32) -> rustix::fs::Uid {
    rustix::fs::Uid::from_raw(uid)
}

pub(crate) fn ugid_gid(gid: u32) -> rustix::fs::Gid {
    rustix::fs::Gid::from_raw(gid)
}

/// `os.F_LOCK`: lock, waiting while another process holds it.
pub const F_LOCK: i32 = 1;
/// `os.F_TLOCK`: lock or fail at once (`EAGAIN`/`EACCES`).
pub const F_TLOCK: i32 = 2;
/// `os.F_ULOCK`: unlock.
pub const F_ULOCK: i32 = 0;
/// `os.F_TEST`: whether another process holds a lock on the range.
pub const F_TEST: i32 = 3;

/// `os.lockf(fd, cmd, len)`—a POSIX record lock on `len` bytes from the
/// current position (0: to the end of the file, however it grows).
///
/// Built on `fcntl(F_SETLK/F_SETLKW/F_GETLK)` as glibc builds it; `F_TEST`
/// fails with `EACCES` when another process holds a lock. Waiting retries
/// `EINTR` (PEP 475).
///
/// # References
/// - [lockf(3)](https://man7.org/linux/man-pages/man3/lockf.3.html)
pub fn lockf(fd: impl AsFd, cmd: i32, len: i64) -> Result<(), Errno> {
    let (op, kind) = match cmd {
        F_LOCK => (F_SETLKW_NR, k::F_WRLCK),
        F_TLOCK => (F_SETLK_NR, k::F_WRLCK),
        F_ULOCK => (F_SETLK_NR, k::F_UNLCK),
        F_TEST => (F_GETLK_NR, k::F_RDLCK),
        _ => return Err(Errno::INVAL),
    };
    let mut lock = Flock {
        l_type: kind as i16,
        l_whence: SEEK_CUR as i16,
        l_start: 0,
        l_len: len,
        l_pid: 0,
    };
    let raw = fd.as_fd().as_raw_fd() as usize;
    retry(|| {
        // SAFETY: the kernel reads (and for F_GETLK writes) one struct of
        // the layout it expects for this command on this architecture.
        result(unsafe { syscall3(FCNTL_NR, raw, op, &mut lock as *mut Flock as usize) })
    })?;
    if cmd == F_TEST && lock.l_type != k::F_UNLCK as i16 && lock.l_pid != crate::os::getpid() {
        return Err(Errno::ACCESS);
    }
    Ok(())
}

/// `struct flock64`: on 64-bit targets it is also `struct flock`.
#[repr(C)]
struct Flock {
    l_type: i16,
    l_whence: i16,
    l_start: i64,
    l_len: i64,
    l_pid: i32,
}

#[cfg(target_pointer_width = "64")]
const FCNTL_NR: usize = nr(k::__NR_fcntl);
#[cfg(target_pointer_width = "32")]
const FCNTL_NR: usize = nr(k::__NR_fcntl64);
#[cfg(target_pointer_width = "64")]
const F_SETLK_NR: usize = k::F_SETLK as usize;
#[cfg(target_pointer_width = "64")]
const F_SETLKW_NR: usize = k::F_SETLKW as usize;
#[cfg(target_pointer_width = "64")]
const F_GETLK_NR: usize = k::F_GETLK as usize;
#[cfg(target_pointer_width = "32")]
const F_SETLK_NR: usize = k::F_SETLK64 as usize;
#[cfg(target_pointer_width = "32")]
const F_SETLKW_NR: usize = k::F_SETLKW64 as usize;
#[cfg(target_pointer_width = "32")]
const F_GETLK_NR: usize = k::F_GETLK64 as usize;

/// Takes ownership of a raw fd number the kernel just returned.
///
/// # Safety
/// `fd` is a new, open fd that nothing else owns.
pub(crate) unsafe fn own(fd: usize) -> OwnedFd {
    // SAFETY: the caller guarantees ownership.
    unsafe { OwnedFd::from_raw_fd(fd as i32) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dsync_and_largefile_have_glibcs_values() {
        assert_eq!(O_DSYNC.bits(), 0o10000);
        assert_ne!(O_DSYNC, O_SYNC);
        assert!(O_SYNC.contains(O_DSYNC));
        #[cfg(target_pointer_width = "64")]
        assert!(O_LARGEFILE.is_empty());
        // The kernel keeps the bit asked for: O_DSYNC alone is not O_SYNC.
        let path = std::env::temp_dir().join(format!("strata-dsync-{}", std::process::id()));
        let fd = open(
            path.as_os_str().as_encoded_bytes(),
            O_WRONLY | O_CREAT | O_DSYNC,
            0o600,
        )
        .unwrap();
        let fl = rustix::fs::fcntl_getfl(&fd).unwrap();
        assert!(fl.contains(O_DSYNC) && !fl.contains(O_SYNC));
        std::fs::remove_file(path).unwrap();
    }
}
