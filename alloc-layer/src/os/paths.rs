//! Core's path functions with errors that carry the path ([`Error`]), and
//! the owned results Python returns (`readlink`, `getcwd`, xattrs, ...).

use super::Error;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::os as core_os;
use strata_core::os::{AsFd, OFlags, OwnedFd, StatResult, StatvfsResult};

/// Wraps core functions whose first argument is a path.
macro_rules! with_path {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            #[doc = concat!("`os.", stringify!($name), "`: [`strata_core::os::", stringify!($name),
                "`], with an [`Error`] that names the path.")]
            pub fn $name(path: impl AsRef<[u8]> $(, $arg: $ty)*) -> Result<$ret, Error> {
                let path = path.as_ref();
                core_os::$name(path $(, $arg)*)
                    .map_err(|e| Error::new(e, stringify!($name)).with_path(path))
            }
        )*
    };
}

with_path! {
    access(mode: i32) -> bool;
    open(flags: OFlags, mode: u32) -> OwnedFd;
    stat() -> StatResult;
    lstat() -> StatResult;
    statvfs() -> StatvfsResult;
    chdir() -> ();
    chmod(mode: u32) -> ();
    lchmod(mode: u32) -> ();
    chown(uid: Option<u32>, gid: Option<u32>) -> ();
    lchown(uid: Option<u32>, gid: Option<u32>) -> ();
    chroot() -> ();
    mkdir(mode: u32) -> ();
    mkfifo(mode: u32) -> ();
    mknod(mode: u32, device: u64) -> ();
    remove() -> ();
    unlink() -> ();
    rmdir() -> ();
    truncate(length: i64) -> ();
    utime(ns: Option<(i64, i64)>) -> ();
    setxattr(attribute: &[u8], value: &[u8], flags: i32, follow_symlinks: bool) -> ();
    removexattr(attribute: &[u8], follow_symlinks: bool) -> ();
}

/// Wraps core functions whose first two arguments are paths.
macro_rules! with_paths {
    ($($name:ident;)*) => {
        $(
            #[doc = concat!("`os.", stringify!($name), "`: [`strata_core::os::", stringify!($name),
                "`], with an [`Error`] that names both paths.")]
            pub fn $name(src: impl AsRef<[u8]>, dst: impl AsRef<[u8]>) -> Result<(), Error> {
                let (src, dst) = (src.as_ref(), dst.as_ref());
                core_os::$name(src, dst).map_err(|e| {
                    Error::new(e, stringify!($name)).with_path(src).with_path2(dst)
                })
            }
        )*
    };
}

with_paths! {
    link;
    rename;
    replace;
    symlink;
}

/// Wraps core's `*_at` functions, whose first arguments are a directory
/// fd and a path (Python's `dir_fd=`).
macro_rules! with_dir_path {
    ($($name:ident = $op:literal($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            #[doc = concat!("`os.", $op, "(path, ..., dir_fd=dir_fd)`: [`strata_core::os::",
                stringify!($name), "`], with an [`Error`] that names the path.")]
            pub fn $name(
                dir_fd: impl AsFd,
                path: impl AsRef<[u8]>
                $(, $arg: $ty)*
            ) -> Result<$ret, Error> {
                let path = path.as_ref();
                core_os::$name(dir_fd, path $(, $arg)*)
                    .map_err(|e| Error::new(e, $op).with_path(path))
            }
        )*
    };
}

with_dir_path! {
    openat = "open"(flags: OFlags, mode: u32) -> OwnedFd;
    stat_at = "stat"(follow_symlinks: bool) -> StatResult;
    access_at = "access"(mode: i32, effective_ids: bool, follow_symlinks: bool) -> bool;
    chmod_at = "chmod"(mode: u32, follow_symlinks: bool) -> ();
    chown_at = "chown"(uid: Option<u32>, gid: Option<u32>, follow_symlinks: bool) -> ();
    mkdir_at = "mkdir"(mode: u32) -> ();
    mkfifo_at = "mkfifo"(mode: u32) -> ();
    mknod_at = "mknod"(mode: u32, device: u64) -> ();
    rmdir_at = "rmdir"() -> ();
    unlink_at = "unlink"() -> ();
    utime_at = "utime"(ns: Option<(i64, i64)>, follow_symlinks: bool) -> ();
}

/// `os.link(src, dst, src_dir_fd=, dst_dir_fd=, follow_symlinks=)` with
/// both paths in errors.
pub fn link_at(
    src_dir_fd: impl AsFd,
    src: impl AsRef<[u8]>,
    dst_dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<(), Error> {
    let (src, dst) = (src.as_ref(), dst.as_ref());
    core_os::link_at(src_dir_fd, src, dst_dir_fd, dst, follow_symlinks)
        .map_err(|e| Error::new(e, "link").with_path(src).with_path2(dst))
}

/// `os.rename(src, dst, src_dir_fd=, dst_dir_fd=)` with both paths in
/// errors.
pub fn rename_at(
    src_dir_fd: impl AsFd,
    src: impl AsRef<[u8]>,
    dst_dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
) -> Result<(), Error> {
    let (src, dst) = (src.as_ref(), dst.as_ref());
    core_os::rename_at(src_dir_fd, src, dst_dir_fd, dst)
        .map_err(|e| Error::new(e, "rename").with_path(src).with_path2(dst))
}

/// `os.symlink(src, dst, dir_fd=)` with both paths in errors.
pub fn symlink_at(
    src: impl AsRef<[u8]>,
    dir_fd: impl AsFd,
    dst: impl AsRef<[u8]>,
) -> Result<(), Error> {
    let (src, dst) = (src.as_ref(), dst.as_ref());
    core_os::symlink_at(src, dir_fd, dst)
        .map_err(|e| Error::new(e, "symlink").with_path(src).with_path2(dst))
}

/// Calls `fill` with growing buffers until the answer fits (`ERANGE` or
/// a full buffer means "larger").
fn grow<T>(
    start: usize,
    limit: usize,
    mut fill: impl FnMut(&mut [u8]) -> Result<Option<T>, Errno>,
) -> Result<T, Errno> {
    let mut size = start;
    loop {
        let mut buf = vec![0u8; size];
        match fill(&mut buf) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) | Err(Errno::RANGE) | Err(Errno::NAMETOOLONG) if size < limit => {
                size = (size * 2).min(limit);
            }
            Ok(None) => return Err(Errno::RANGE),
            Err(e) => return Err(e),
        }
    }
}

/// `os.readlink(path)`—the target of a symbolic link.
///
/// # References
/// - [readlink(2)](https://man7.org/linux/man-pages/man2/readlink.2.html)
pub fn readlink(path: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    readlink_at(core_os::CWD, path)
}

/// `os.readlink(path, dir_fd=dir_fd)`.
///
/// # References
/// - [readlinkat(2)](https://man7.org/linux/man-pages/man2/readlinkat.2.html)
pub fn readlink_at(dir_fd: impl AsFd, path: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let path = path.as_ref();
    grow(256, core_os::PATH_MAX * 16, |buf| {
        core_os::readlink_at(&dir_fd, path, buf).map(|t| Some(t.to_vec()))
    })
    .map_err(|e| Error::new(e, "readlink").with_path(path))
}

/// `os.getcwdb()`—the working directory as bytes.
///
/// # References
/// - [getcwd(3)](https://man7.org/linux/man-pages/man3/getcwd.3.html)
pub fn getcwdb() -> Result<Vec<u8>, Error> {
    grow(core_os::PATH_MAX, core_os::PATH_MAX * 16, |buf| {
        core_os::getcwd(buf).map(|p| Some(p.to_vec()))
    })
    .map_err(|e| Error::new(e, "getcwd"))
}

/// `os.getcwd()`—the working directory as text (see
/// [`fsdecode`](super::fsdecode)).
///
/// # References
/// - [getcwd(3)](https://man7.org/linux/man-pages/man3/getcwd.3.html)
pub fn getcwd() -> Result<String, Error> {
    getcwdb().map(|p| super::fsdecode(&p))
}

/// `os.getxattr(path, attribute, follow_symlinks=...)`—an attribute's
/// value.
///
/// # References
/// - [getxattr(2)](https://man7.org/linux/man-pages/man2/getxattr.2.html)
pub fn getxattr(
    path: impl AsRef<[u8]>,
    attribute: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<Vec<u8>, Error> {
    let (path, attribute) = (path.as_ref(), attribute.as_ref());
    grow(256, core_os::XATTR_SIZE_MAX, |buf| {
        core_os::getxattr(path, attribute, buf, follow_symlinks).map(|v| Some(v.to_vec()))
    })
    .map_err(|e| Error::new(e, "getxattr").with_path(path))
}

/// `os.listxattr(path, follow_symlinks=...)`—the attribute names.
///
/// # References
/// - [listxattr(2)](https://man7.org/linux/man-pages/man2/listxattr.2.html)
pub fn listxattr(path: impl AsRef<[u8]>, follow_symlinks: bool) -> Result<Vec<Vec<u8>>, Error> {
    let path = path.as_ref();
    grow(1024, core_os::XATTR_SIZE_MAX, |buf| {
        core_os::listxattr(path, buf, follow_symlinks)
            .map(|n| Some(n.map(<[u8]>::to_vec).collect()))
    })
    .map_err(|e| Error::new(e, "listxattr").with_path(path))
}

/// `os.getgroups()`—the supplementary group ids.
///
/// # References
/// - [getgroups(2)](https://man7.org/linux/man-pages/man2/getgroups.2.html)
pub fn getgroups() -> Result<Vec<u32>, Error> {
    loop {
        let n = core_os::getgroups_len().map_err(|e| Error::new(e, "getgroups"))?;
        let mut buf = vec![0u32; n];
        match core_os::getgroups(&mut buf) {
            Ok(groups) => return Ok(groups.to_vec()),
            // The groups grew between the two calls: ask again.
            Err(Errno::INVAL) => continue,
            Err(e) => return Err(Error::new(e, "getgroups")),
        }
    }
}

/// `os.getlogin()`—the name of the user logged in on the controlling
/// terminal (see core's [`strata_core::os::getlogin`]).
///
/// # References
/// - [getlogin(3)](https://man7.org/linux/man-pages/man3/getlogin.3.html)
pub fn getlogin() -> Result<String, Error> {
    let mut buf = [0u8; 256];
    core_os::getlogin(&mut buf)
        .map(super::fsdecode)
        .map_err(|e| Error::new(e, "getlogin"))
}

/// `os.ttyname(fd)`—the path of the terminal on `fd`.
///
/// # References
/// - [ttyname(3)](https://man7.org/linux/man-pages/man3/ttyname.3.html)
pub fn ttyname(fd: impl AsFd) -> Result<String, Error> {
    let mut buf = [0u8; core_os::PATH_MAX];
    core_os::ttyname(fd, &mut buf)
        .map(String::from)
        .map_err(|e| Error::new(e, "ttyname"))
}
