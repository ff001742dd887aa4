//! Files and directories by path: permissions, ownership, links, names,
//! directories, special files, times, the working directory.
//!
//! The plain name is Python's call with its default keywords; the `_at`
//! form takes Python's `dir_fd` (use [`CWD`] for none) and, where Python
//! has it, `follow_symlinks`.

use super::fd::{CWD, retry, ugid_gid, ugid_uid};
use super::path::{CPath, with_path};
use crate::errno::Errno;
use crate::sys::newer::FACCESSAT2;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use rustix::fd::{AsFd, AsRawFd};
use rustix::fs::{Access, AtFlags, Mode};
use strata_arch::{syscall2, syscall4};

/// `os.F_OK`: the file exists.
pub const F_OK: i32 = 0;
/// `os.R_OK`: readable.
pub const R_OK: i32 = 4;
/// `os.W_OK`: writable.
pub const W_OK: i32 = 2;
/// `os.X_OK`: executable (searchable, for a directory).
pub const X_OK: i32 = 1;

fn at_flags(follow_symlinks: bool) -> AtFlags {
    if follow_symlinks {
        AtFlags::empty()
    } else {
        AtFlags::SYMLINK_NOFOLLOW
    }
}

/// `os.access(path, mode)`—whether the real user may access `path` as
/// `mode` says ([`F_OK`], or [`R_OK`] | [`W_OK`] | [`X_OK`]).
///
/// Python answers `False` for any refusal from the kernel, so does this;
/// only an embedded NUL (Python's `ValueError`) is an error.
///
/// # References
/// - [access(2)](https://man7.org/linux/man-pages/man2/access.2.html)
pub fn access(path: impl AsRef<[u8]>, mode: i32) -> Result<bool, Errno> {
    access_at(CWD, path, mode, false, true)
}

/// `os.access(path, mode, dir_fd=, effective_ids=, follow_symlinks=)`.
///
/// # References
/// - [faccessat(2)](https://man7.org/linux/man-pages/man2/faccessat.2.html)
pub fn access_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    mode: i32,
    effective_ids: bool,
    follow_symlinks: bool,
) -> Result<bool, Errno> {
    let access = Access::from_bits(mode as u32).ok_or(Errno::INVAL)?;
    let mut flags = at_flags(follow_symlinks);
    if effective_ids {
        flags |= AtFlags::EACCESS;
    }
    let dir_fd = dir_fd.as_fd();
    match CPath::new(path.as_ref()) {
        Ok(p) if flags.is_empty() => {
            Ok(rustix::fs::accessat(dir_fd, p.as_cstr(), access, flags).is_ok())
        }
        // Flags need faccessat2 (5.8); without it, glibc's emulation.
        Ok(p) => Ok(FACCESSAT2
            .call(
                || rustix::fs::accessat(dir_fd, p.as_cstr(), access, flags),
                || access_by_mode(dir_fd, p.as_cstr(), mode, flags),
            )
            .is_ok()),
        Err(Errno::NAMETOOLONG) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `faccessat` with flags where the kernel has no `faccessat2`, as glibc
/// emulates it: `stat` the file and compare its mode bits with the real
/// (or, for `AT_EACCESS`, effective) ids; root may read and write
/// anything and execute what anyone may.
fn access_by_mode(
    dir_fd: rustix::fd::BorrowedFd<'_>,
    path: &core::ffi::CStr,
    mode: i32,
    flags: AtFlags,
) -> Result<(), Errno> {
    let st = rustix::fs::statat(dir_fd, path, flags & AtFlags::SYMLINK_NOFOLLOW)?;
    let mode = (mode & (R_OK | W_OK | X_OK)) as u32;
    if mode == 0 {
        return Ok(());
    }
    let effective = flags.contains(AtFlags::EACCESS);
    let (uid, gid) = if effective {
        (rustix::process::geteuid(), rustix::process::getegid())
    } else {
        (rustix::process::getuid(), rustix::process::getgid())
    };
    let any_x = k::S_IXUSR | k::S_IXGRP | k::S_IXOTH;
    if uid.is_root() && (mode & X_OK as u32 == 0 || st.st_mode & any_x != 0) {
        return Ok(());
    }
    let granted = if uid.as_raw() == st.st_uid {
        (st.st_mode >> 6) & mode
    } else if gid.as_raw() == st.st_gid || super::params::in_groups(st.st_gid) {
        (st.st_mode >> 3) & mode
    } else {
        st.st_mode & mode
    };
    if granted == mode {
        Ok(())
    } else {
        Err(Errno::ACCESS)
    }
}

/// `os.chdir(path)`—changes the working directory.
///
/// # References
/// - [chdir(2)](https://man7.org/linux/man-pages/man2/chdir.2.html)
pub fn chdir(path: impl AsRef<[u8]>) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| rustix::process::chdir(p))
}

/// `os.fchdir(fd)`—changes the working directory to an open directory.
///
/// # References
/// - [fchdir(2)](https://man7.org/linux/man-pages/man2/fchdir.2.html)
pub fn fchdir(fd: impl AsFd) -> Result<(), Errno> {
    rustix::process::fchdir(fd).map_err(Into::into)
}

/// `os.getcwd()`/`os.getcwdb()`—the working directory, written into `buf` (4096 bytes
/// always suffice); `ERANGE` if `buf` is too small.
///
/// `ENOENT` when the directory was removed or lies outside the process's
/// root (the kernel then names it `(unreachable)…`), as glibc reports.
///
/// # References
/// - [getcwd(3)](https://man7.org/linux/man-pages/man3/getcwd.3.html)
#[doc(alias = "getcwdb")]
pub fn getcwd(buf: &mut [u8]) -> Result<&[u8], Errno> {
    // SAFETY: the kernel writes at most buf.len() bytes into buf.
    let len =
        result(unsafe { syscall2(nr(k::__NR_getcwd), buf.as_mut_ptr() as usize, buf.len()) })?;
    // The length counts the NUL.
    let path = &buf[..len.saturating_sub(1)];
    if !path.starts_with(b"/") {
        return Err(Errno::NOENT);
    }
    Ok(path)
}

/// `os.chmod(path, mode)`—changes the permission bits, following
/// symbolic links.
///
/// # References
/// - [chmod(2)](https://man7.org/linux/man-pages/man2/chmod.2.html)
pub fn chmod(path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    chmod_at(CWD, path, mode, true)
}

/// `os.lchmod(path, mode)`—as [`chmod`], without following a final
/// symbolic link. Linux cannot change a link's own mode: for a link the
/// answer is `EOPNOTSUPP` (CPython 3.11 has no `lchmod` on Linux; this is
/// glibc's behaviour).
///
/// # References
/// - [fchmodat(2)](https://man7.org/linux/man-pages/man2/fchmodat.2.html)
pub fn lchmod(path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    chmod_at(CWD, path, mode, false)
}

/// `os.chmod(path, mode, dir_fd=, follow_symlinks=)`.
///
/// Without following, `fchmodat2(AT_SYMLINK_NOFOLLOW)` (Linux 6.6), else
/// glibc's way: an `O_PATH` fd, refused for a link, changed through
/// `/proc/self/fd`.
///
/// # References
/// - [fchmodat(2)](https://man7.org/linux/man-pages/man2/fchmodat.2.html)
pub fn chmod_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    mode: u32,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        if follow_symlinks {
            return rustix::fs::chmodat(&dir_fd, p, Mode::from_raw_mode(mode), AtFlags::empty());
        }
        // SAFETY: fchmodat2 reads the C string and takes integers.
        let ret = unsafe {
            syscall4(
                nr(k::__NR_fchmodat2),
                dir_fd.as_fd().as_raw_fd() as usize,
                p.as_ptr() as usize,
                mode as usize,
                k::AT_SYMLINK_NOFOLLOW as usize,
            )
        };
        match result(ret) {
            Err(e) if e == Errno::NOSYS => {}
            other => return other.map(drop).map_err(Into::into),
        }
        let fd = rustix::fs::openat(
            &dir_fd,
            p,
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        if super::fstat(&fd)?.is_symlink() {
            return Err(Errno::OPNOTSUPP.into());
        }
        let proc_path = CPath::proc_self_fd(fd.as_raw_fd())?;
        rustix::fs::chmodat(
            CWD,
            proc_path.as_cstr(),
            Mode::from_raw_mode(mode),
            AtFlags::empty(),
        )
    })
}

/// Formats `n` in decimal into `buf`, returning the digits.
pub(crate) fn decimal(mut n: u32, buf: &mut [u8; 12]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// `os.chown(path, uid, gid)`—changes owner and group, following symbolic
/// links; `None` leaves one unchanged (Python's `-1`).
///
/// # References
/// - [chown(2)](https://man7.org/linux/man-pages/man2/chown.2.html)
pub fn chown(path: impl AsRef<[u8]>, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
    chown_at(CWD, path, uid, gid, true)
}

/// `os.lchown(path, uid, gid)`—as [`chown`], for a link itself.
///
/// # References
/// - [lchown(2)](https://man7.org/linux/man-pages/man2/lchown.2.html)
pub fn lchown(path: impl AsRef<[u8]>, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
    chown_at(CWD, path, uid, gid, false)
}

/// `os.chown(path, uid, gid, dir_fd=, follow_symlinks=)`.
///
/// # References
/// - [fchownat(2)](https://man7.org/linux/man-pages/man2/fchownat.2.html)
pub fn chown_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    uid: Option<u32>,
    gid: Option<u32>,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::chownat(
            &dir_fd,
            p,
            uid.map(ugid_uid),
            gid.map(ugid_gid),
            at_flags(follow_symlinks),
        )
    })
}

/// `os.chroot(path)`—changes the process's root directory (needs
/// `CAP_SYS_CHROOT`).
///
/// # References
/// - [chroot(2)](https://man7.org/linux/man-pages/man2/chroot.2.html)
pub fn chroot(path: impl AsRef<[u8]>) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| rustix::process::chroot(p))
}

/// `os.link(src, dst)`—a new hard link `dst` to `src`. As `link(2)` (and
/// CPython's default call) does on Linux, a symbolic `src` is linked
/// itself.
///
/// # References
/// - [link(2)](https://man7.org/linux/man-pages/man2/link.2.html)
pub fn link(src: impl AsRef<[u8]>, dst: impl AsRef<[u8]>) -> Result<(), Errno> {
    link_at(CWD, src, CWD, dst, false)
}

/// `os.link(src, dst, src_dir_fd=, dst_dir_fd=, follow_symlinks=)`: with
/// `follow_symlinks`, a symbolic `src` is resolved (`AT_SYMLINK_FOLLOW`).
///
/// # References
/// - [linkat(2)](https://man7.org/linux/man-pages/man2/linkat.2.html)
pub fn link_at(
    src_dir_fd: impl AsFd,
    src: impl AsRef<[u8]>,
    dst_dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    let flags = if follow_symlinks {
        AtFlags::SYMLINK_FOLLOW
    } else {
        AtFlags::empty()
    };
    let src = CPath::new(src.as_ref())?;
    with_path(dst.as_ref(), |d| {
        rustix::fs::linkat(&src_dir_fd, src.as_cstr(), &dst_dir_fd, d, flags)
    })
}

/// `os.mkdir(path, mode=0o777)`—makes a directory (`mode` masked by the
/// umask).
///
/// # References
/// - [mkdir(2)](https://man7.org/linux/man-pages/man2/mkdir.2.html)
pub fn mkdir(path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    mkdir_at(CWD, path, mode)
}

/// `os.mkdir(path, mode, dir_fd=dir_fd)`.
///
/// # References
/// - [mkdirat(2)](https://man7.org/linux/man-pages/man2/mkdirat.2.html)
pub fn mkdir_at(dir_fd: impl AsFd, path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::mkdirat(&dir_fd, p, Mode::from_raw_mode(mode))
    })
}

/// `os.mkfifo(path, mode=0o666)`—makes a FIFO.
///
/// # References
/// - [mkfifo(3)](https://man7.org/linux/man-pages/man3/mkfifo.3.html)
pub fn mkfifo(path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    mkfifo_at(CWD, path, mode)
}

/// `os.mkfifo(path, mode, dir_fd=dir_fd)`.
///
/// # References
/// - [mkfifoat(3)](https://man7.org/linux/man-pages/man3/mkfifoat.3.html)
pub fn mkfifo_at(dir_fd: impl AsFd, path: impl AsRef<[u8]>, mode: u32) -> Result<(), Errno> {
    mknod_at(dir_fd, path, super::S_IFIFO | (mode & 0o7777), 0)
}

/// `os.mknod(path, mode=0o600, device=0)`—makes a file system node;
/// `mode` holds the type (`S_IFREG`, `S_IFCHR`, `S_IFBLK`, `S_IFIFO`,
/// `S_IFSOCK`) and the permissions, `device` the number ([`makedev`]) for
/// a device file.
///
/// # References
/// - [mknod(2)](https://man7.org/linux/man-pages/man2/mknod.2.html)
pub fn mknod(path: impl AsRef<[u8]>, mode: u32, device: u64) -> Result<(), Errno> {
    mknod_at(CWD, path, mode, device)
}

/// `os.mknod(path, mode, device, dir_fd=dir_fd)`.
///
/// # References
/// - [mknodat(2)](https://man7.org/linux/man-pages/man2/mknodat.2.html)
pub fn mknod_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    mode: u32,
    device: u64,
) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::mknodat(
            &dir_fd,
            p,
            rustix::fs::FileType::from_raw_mode(mode),
            Mode::from_raw_mode(mode),
            device as rustix::fs::Dev,
        )
    })
}

/// `os.major(device)`—the major number of a device number.
pub const fn major(device: u64) -> u32 {
    (((device >> 32) & 0xffff_f000) | ((device >> 8) & 0x0000_0fff)) as u32
}

/// `os.minor(device)`—the minor number of a device number.
pub const fn minor(device: u64) -> u32 {
    (((device >> 12) & 0xffff_ff00) | (device & 0x0000_00ff)) as u32
}

/// `os.makedev(major, minor)`—a device number (glibc's encoding).
pub const fn makedev(major: u32, minor: u32) -> u64 {
    let (ma, mi) = (major as u64, minor as u64);
    ((ma & 0xffff_f000) << 32)
        | ((ma & 0x0000_0fff) << 8)
        | ((mi & 0xffff_ff00) << 12)
        | (mi & 0xff)
}

/// `os.readlink(path)`—the target of a symbolic link, written into
/// `buf`; `ENAMETOOLONG` if it may not have fit.
///
/// # References
/// - [readlink(2)](https://man7.org/linux/man-pages/man2/readlink.2.html)
pub fn readlink(path: impl AsRef<[u8]>, buf: &mut [u8]) -> Result<&[u8], Errno> {
    readlink_at(CWD, path, buf)
}

/// `os.readlink(path, dir_fd=dir_fd)`.
///
/// # References
/// - [readlinkat(2)](https://man7.org/linux/man-pages/man2/readlinkat.2.html)
pub fn readlink_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    buf: &mut [u8],
) -> Result<&[u8], Errno> {
    let p = CPath::new(path.as_ref())?;
    let len = rustix::fs::readlinkat_raw(&dir_fd, p.as_cstr(), &mut *buf)?;
    if len == buf.len() {
        return Err(Errno::NAMETOOLONG);
    }
    Ok(&buf[..len])
}

/// `os.remove(path)`—removes a file (not a directory: `EISDIR`).
///
/// # References
/// - [unlink(2)](https://man7.org/linux/man-pages/man2/unlink.2.html)
pub fn remove(path: impl AsRef<[u8]>) -> Result<(), Errno> {
    unlink_at(CWD, path)
}

/// `os.unlink(path)`—the same as [`remove`].
///
/// # References
/// - [unlink(2)](https://man7.org/linux/man-pages/man2/unlink.2.html)
pub fn unlink(path: impl AsRef<[u8]>) -> Result<(), Errno> {
    unlink_at(CWD, path)
}

/// `os.unlink(path, dir_fd=dir_fd)`.
///
/// # References
/// - [unlinkat(2)](https://man7.org/linux/man-pages/man2/unlinkat.2.html)
pub fn unlink_at(dir_fd: impl AsFd, path: impl AsRef<[u8]>) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::unlinkat(&dir_fd, p, AtFlags::empty())
    })
}

/// `os.rmdir(path)`—removes an empty directory.
///
/// # References
/// - [rmdir(2)](https://man7.org/linux/man-pages/man2/rmdir.2.html)
pub fn rmdir(path: impl AsRef<[u8]>) -> Result<(), Errno> {
    rmdir_at(CWD, path)
}

/// `os.rmdir(path, dir_fd=dir_fd)`.
///
/// # References
/// - [unlinkat(2)](https://man7.org/linux/man-pages/man2/unlinkat.2.html)
pub fn rmdir_at(dir_fd: impl AsFd, path: impl AsRef<[u8]>) -> Result<(), Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::unlinkat(&dir_fd, p, AtFlags::REMOVEDIR)
    })
}

/// `os.rename(src, dst)`—renames, replacing `dst` if it exists (a file
/// over a file, an empty directory by a directory).
///
/// # References
/// - [rename(2)](https://man7.org/linux/man-pages/man2/rename.2.html)
pub fn rename(src: impl AsRef<[u8]>, dst: impl AsRef<[u8]>) -> Result<(), Errno> {
    rename_at(CWD, src, CWD, dst)
}

/// `os.replace(src, dst)`—on POSIX the same as [`rename`].
///
/// # References
/// - [rename(2)](https://man7.org/linux/man-pages/man2/rename.2.html)
pub fn replace(src: impl AsRef<[u8]>, dst: impl AsRef<[u8]>) -> Result<(), Errno> {
    rename_at(CWD, src, CWD, dst)
}

/// `os.rename(src, dst, src_dir_fd=, dst_dir_fd=)`.
///
/// # References
/// - [renameat(2)](https://man7.org/linux/man-pages/man2/renameat.2.html)
pub fn rename_at(
    src_dir_fd: impl AsFd,
    src: impl AsRef<[u8]>,
    dst_dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
) -> Result<(), Errno> {
    let src = CPath::new(src.as_ref())?;
    with_path(dst.as_ref(), |d| {
        rustix::fs::renameat(&src_dir_fd, src.as_cstr(), &dst_dir_fd, d)
    })
}

/// `os.symlink(src, dst)`—makes `dst` a symbolic link whose target is
/// `src` (Python's `target_is_directory` only matters on Windows).
///
/// # References
/// - [symlink(2)](https://man7.org/linux/man-pages/man2/symlink.2.html)
pub fn symlink(src: impl AsRef<[u8]>, dst: impl AsRef<[u8]>) -> Result<(), Errno> {
    symlink_at(src, CWD, dst)
}

/// `os.symlink(src, dst, dir_fd=dir_fd)`: `dst` is relative to `dir_fd`.
///
/// # References
/// - [symlinkat(2)](https://man7.org/linux/man-pages/man2/symlinkat.2.html)
pub fn symlink_at(
    src: impl AsRef<[u8]>,
    dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
) -> Result<(), Errno> {
    let src = CPath::new(src.as_ref())?;
    with_path(dst.as_ref(), |d| {
        rustix::fs::symlinkat(src.as_cstr(), &dir_fd, d)
    })
}

/// `os.sync()`—writes every file system's dirty data to disk.
///
/// # References
/// - [sync(2)](https://man7.org/linux/man-pages/man2/sync.2.html)
pub fn sync() {
    rustix::fs::sync()
}

/// `os.truncate(path, length)`—sets a file's size; negative is `EINVAL`.
///
/// # References
/// - [truncate(2)](https://man7.org/linux/man-pages/man2/truncate.2.html)
pub fn truncate(path: impl AsRef<[u8]>, length: i64) -> Result<(), Errno> {
    let length = u64::try_from(length).map_err(|_| Errno::INVAL)?;
    // truncate(2) itself (rustix has only ftruncate): opening the file
    // first would block on a FIFO and could take a terminal.
    with_path(path.as_ref(), |p| retry(|| truncate_path(p, length)))
}

#[cfg(target_pointer_width = "64")]
fn truncate_path(path: &core::ffi::CStr, length: u64) -> Result<(), Errno> {
    // SAFETY: the kernel only reads the NUL-terminated path.
    result(unsafe {
        syscall2(
            nr(k::__NR_truncate),
            path.as_ptr() as usize,
            length as usize,
        )
    })
    .map(drop)
}

#[cfg(target_pointer_width = "32")]
fn truncate_path(path: &core::ffi::CStr, length: u64) -> Result<(), Errno> {
    // truncate64's 64-bit length starts at an even register (EABI): a pad
    // argument, then the low and the high word.
    // SAFETY: the kernel only reads the NUL-terminated path.
    result(unsafe {
        syscall4(
            nr(k::__NR_truncate64),
            path.as_ptr() as usize,
            0,
            length as u32 as usize,
            (length >> 32) as usize,
        )
    })
    .map(drop)
}

fn timestamps(ns: Option<(i64, i64)>) -> rustix::fs::Timestamps {
    let spec = |t: Option<i64>| match t {
        Some(ns) => rustix::fs::Timespec {
            tv_sec: ns.div_euclid(1_000_000_000),
            tv_nsec: ns.rem_euclid(1_000_000_000) as _,
        },
        None => rustix::fs::Timespec {
            tv_sec: 0,
            tv_nsec: rustix::fs::UTIME_NOW,
        },
    };
    rustix::fs::Timestamps {
        last_access: spec(ns.map(|t| t.0)),
        last_modification: spec(ns.map(|t| t.1)),
    }
}

/// `os.utime(path, ns=(atime_ns, mtime_ns))`—sets the access and
/// modification times in nanoseconds; `None` sets both to now (Python's
/// `times=None`). Follows symbolic links.
///
/// Python also takes float seconds (`times=`); multiply by 1e9 here.
///
/// # References
/// - [utimensat(2)](https://man7.org/linux/man-pages/man2/utimensat.2.html)
pub fn utime(path: impl AsRef<[u8]>, ns: Option<(i64, i64)>) -> Result<(), Errno> {
    utime_at(CWD, path, ns, true)
}

/// `os.utime(path, ns=, dir_fd=, follow_symlinks=)`.
///
/// # References
/// - [utimensat(2)](https://man7.org/linux/man-pages/man2/utimensat.2.html)
pub fn utime_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    ns: Option<(i64, i64)>,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    let times = timestamps(ns);
    with_path(path.as_ref(), |p| {
        rustix::fs::utimensat(&dir_fd, p, &times, at_flags(follow_symlinks))
    })
}

/// `os.utime(fd, ns=)`—[`utime`] for an open file.
///
/// # References
/// - [futimens(3)](https://man7.org/linux/man-pages/man3/futimens.3.html)
pub fn futimens(fd: impl AsFd, ns: Option<(i64, i64)>) -> Result<(), Errno> {
    rustix::fs::futimens(fd, &timestamps(ns)).map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_access_emulation_agrees_with_faccessat2() {
        let dir = std::env::temp_dir().join(std::format!("strata-access-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("f");
        let link = dir.join("l");
        std::fs::write(&file, b"x").unwrap();
        let _ = std::os::unix::fs::symlink("missing", &link);
        for perm in [0o000, 0o100, 0o010, 0o001, 0o444, 0o222, 0o700, 0o755] {
            std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(perm))
                .unwrap();
            for path in [&file, &link] {
                let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
                for mode in 0..8 {
                    for flags in [
                        AtFlags::EACCESS,
                        AtFlags::SYMLINK_NOFOLLOW,
                        AtFlags::EACCESS | AtFlags::SYMLINK_NOFOLLOW,
                    ] {
                        let access = Access::from_bits(mode as u32).unwrap();
                        let kernel = rustix::fs::accessat(CWD, c.as_c_str(), access, flags).is_ok();
                        let emulated = access_by_mode(CWD, &c, mode, flags).is_ok();
                        assert_eq!(
                            kernel, emulated,
                            "{path:?} perm {perm:o} mode {mode} {flags:?}"
                        );
                    }
                }
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn device_numbers_match_glibc() {
        // Values from glibc's makedev/major/minor (python3 -c 'import os;
        // print(os.makedev(259, 65537))' gives 268501761).
        assert_eq!(makedev(259, 65537), 268501761);
        assert_eq!(major(268501761), 259);
        assert_eq!(minor(268501761), 65537);
        assert_eq!(makedev(8, 1), 2049);
        assert_eq!((major(2049), minor(2049)), (8, 1));
        let dev = makedev(0xffff_ffff, 0xffff_ffff);
        assert_eq!((major(dev), minor(dev)), (0xffff_ffff, 0xffff_ffff));
    }

    #[test]
    fn decimal_digits() {
        let mut b = [0u8; 12];
        assert_eq!(decimal(0, &mut b), b"0");
        assert_eq!(decimal(4294967295, &mut b), b"4294967295");
    }
}
