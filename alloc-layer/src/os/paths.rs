//! Core's path functions with errors that carry the path ([`Error`]), and
//! the owned results Python returns (`readlink`, `getcwd`, xattrs, ...).

use super::Error;
use super::PathLike;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::os as core_os;
use strata_core::os::{AsFd, OFlags, OwnedFd, StatResult, StatvfsResult};

/// Wraps core functions whose first argument is a path; each entry's doc
/// says what the call does, and the macro adds that errors name the path.
macro_rules! with_path {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            $(#[doc = $doc])*
            ///
            /// Errors name the operation and the path:
            #[doc = concat!("`", stringify!($name), "(\"PATH\"): MESSAGE (ENAME)`.")]
            pub fn $name(path: impl PathLike $(, $arg: $ty)*) -> Result<$ret, Error> {
                let path = path.path_bytes();
                core_os::$name(path $(, $arg)*)
                    .map_err(|e| Error::new(e, stringify!($name)).with_path(path))
            }
        )*
    };
}

with_path! {
    /// `os.access(path, mode)`—whether the real user may access `path` as
    /// `mode` says (`F_OK`, or `R_OK | W_OK | X_OK`). Any refusal is
    /// `Ok(false)`, as in Python; only a NUL in the path is an error.
    access(mode: i32) -> bool;
    /// `os.open(path, flags, mode)`—a new descriptor, close-on-exec (PEP
    /// 446); `mode` applies when `O_CREAT` makes the file.
    open(flags: OFlags, mode: u32) -> OwnedFd;
    /// `os.stat(path)`—the file's status, following symbolic links.
    stat() -> StatResult;
    /// `os.lstat(path)`—the status of `path` itself, a link not followed.
    lstat() -> StatResult;
    /// `os.statvfs(path)`—the status of the file system holding `path`.
    statvfs() -> StatvfsResult;
    /// `os.chdir(path)`—makes `path` the working directory.
    chdir() -> ();
    /// `os.chmod(path, mode)`—sets the permission bits, following links.
    chmod(mode: u32) -> ();
    /// `os.lchmod(path, mode)`—as `chmod` on the link itself (`EOPNOTSUPP`
    /// on Linux for a link, as in glibc).
    lchmod(mode: u32) -> ();
    /// `os.chown(path, uid, gid)`—sets the owner and group (`None` keeps
    /// one, Python's `-1`), following links.
    chown(uid: Option<u32>, gid: Option<u32>) -> ();
    /// `os.lchown(path, uid, gid)`—as `chown`, on a link itself.
    lchown(uid: Option<u32>, gid: Option<u32>) -> ();
    /// `os.chroot(path)`—makes `path` the root directory.
    chroot() -> ();
    /// `os.mkdir(path, mode)`—makes a directory (`mode` masked by the
    /// umask).
    mkdir(mode: u32) -> ();
    /// `os.mkfifo(path, mode)`—makes a named pipe.
    mkfifo(mode: u32) -> ();
    /// `os.mknod(path, mode, device)`—makes a file, device or pipe node.
    mknod(mode: u32, device: u64) -> ();
    /// `os.remove(path)`—removes a file (not a directory).
    remove() -> ();
    /// `os.unlink(path)`—the same as `remove`.
    unlink() -> ();
    /// `os.rmdir(path)`—removes an empty directory.
    rmdir() -> ();
    /// `os.truncate(path, length)`—cuts or extends the file to `length`
    /// bytes (a negative length is `EINVAL`).
    truncate(length: i64) -> ();
    /// `os.utime(path, ns=(atime, mtime))`—sets the access and
    /// modification times in nanoseconds; `None` sets both to now.
    utime(ns: Option<(i64, i64)>) -> ();
    /// `os.setxattr(path, attribute, value, flags, follow_symlinks)`—sets
    /// an extended attribute (`XATTR_CREATE`/`XATTR_REPLACE` in `flags`).
    setxattr(attribute: &[u8], value: &[u8], flags: i32, follow_symlinks: bool) -> ();
    /// `os.removexattr(path, attribute, follow_symlinks)`—removes an
    /// extended attribute.
    removexattr(attribute: &[u8], follow_symlinks: bool) -> ();
}

/// Wraps core functions whose first two arguments are paths; errors name
/// both.
macro_rules! with_paths {
    ($($(#[doc = $doc:literal])* $name:ident;)*) => {
        $(
            $(#[doc = $doc])*
            ///
            /// Errors name the operation and both paths:
            #[doc = concat!("`", stringify!($name), "(\"SRC\", \"DST\"): MESSAGE (ENAME)`.")]
            pub fn $name(src: impl PathLike, dst: impl PathLike) -> Result<(), Error> {
                let (src, dst) = (src.path_bytes(), dst.path_bytes());
                core_os::$name(src, dst).map_err(|e| {
                    Error::new(e, stringify!($name)).with_path(src).with_path2(dst)
                })
            }
        )*
    };
}

with_paths! {
    /// `os.link(src, dst)`—makes `dst` a hard link to `src`.
    link;
    /// `os.rename(src, dst)`—renames, replacing a file `dst` (an empty
    /// directory `dst` too, when `src` is a directory).
    rename;
    /// `os.replace(src, dst)`—the same as `rename` on POSIX.
    replace;
    /// `os.symlink(src, dst)`—makes `dst` a symbolic link holding `src`.
    symlink;
}

/// Wraps core's `*_at` functions, whose first arguments are a directory
/// fd and a path (Python's `dir_fd=`): a relative path starts there.
macro_rules! with_dir_path {
    ($($(#[doc = $doc:literal])* $name:ident = $op:literal($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            $(#[doc = $doc])*
            ///
            /// A relative `path` starts at `dir_fd` (`CWD` for the working
            /// directory). Errors name the operation and the path:
            #[doc = concat!("`", $op, "(\"PATH\"): MESSAGE (ENAME)`.")]
            pub fn $name(
                dir_fd: impl AsFd,
                path: impl PathLike
                $(, $arg: $ty)*
            ) -> Result<$ret, Error> {
                let path = path.path_bytes();
                core_os::$name(dir_fd, path $(, $arg)*)
                    .map_err(|e| Error::new(e, $op).with_path(path))
            }
        )*
    };
}

with_dir_path! {
    /// `os.open(path, flags, mode, dir_fd=dir_fd)`—a new descriptor,
    /// close-on-exec.
    openat = "open"(flags: OFlags, mode: u32) -> OwnedFd;
    /// `os.stat(path, dir_fd=, follow_symlinks=)`—the file's status.
    stat_at = "stat"(follow_symlinks: bool) -> StatResult;
    /// `os.access(path, mode, dir_fd=, effective_ids=, follow_symlinks=)`
    /// —whether access is allowed; refusals are `Ok(false)`.
    access_at = "access"(mode: i32, effective_ids: bool, follow_symlinks: bool) -> bool;
    /// `os.chmod(path, mode, dir_fd=, follow_symlinks=)`.
    chmod_at = "chmod"(mode: u32, follow_symlinks: bool) -> ();
    /// `os.chown(path, uid, gid, dir_fd=, follow_symlinks=)`; `None` keeps
    /// the id.
    chown_at = "chown"(uid: Option<u32>, gid: Option<u32>, follow_symlinks: bool) -> ();
    /// `os.mkdir(path, mode, dir_fd=)`—makes a directory.
    mkdir_at = "mkdir"(mode: u32) -> ();
    /// `os.mkfifo(path, mode, dir_fd=)`—makes a named pipe.
    mkfifo_at = "mkfifo"(mode: u32) -> ();
    /// `os.mknod(path, mode, device, dir_fd=)`—makes a node.
    mknod_at = "mknod"(mode: u32, device: u64) -> ();
    /// `os.rmdir(path, dir_fd=)`—removes an empty directory.
    rmdir_at = "rmdir"() -> ();
    /// `os.unlink(path, dir_fd=)`—removes a file.
    unlink_at = "unlink"() -> ();
    /// `os.utime(path, ns=, dir_fd=, follow_symlinks=)`—sets the times in
    /// nanoseconds; `None` sets both to now.
    utime_at = "utime"(ns: Option<(i64, i64)>, follow_symlinks: bool) -> ();
}

/// `os.link(src, dst, src_dir_fd=, dst_dir_fd=, follow_symlinks=)` with
/// both paths in errors.
pub fn link_at(
    src_dir_fd: impl AsFd,
    src: impl PathLike,
    dst_dir_fd: impl AsFd,
    dst: impl PathLike,
    follow_symlinks: bool,
) -> Result<(), Error> {
    let (src, dst) = (src.path_bytes(), dst.path_bytes());
    core_os::link_at(src_dir_fd, src, dst_dir_fd, dst, follow_symlinks)
        .map_err(|e| Error::new(e, "link").with_path(src).with_path2(dst))
}

/// `os.rename(src, dst, src_dir_fd=, dst_dir_fd=)` with both paths in
/// errors.
pub fn rename_at(
    src_dir_fd: impl AsFd,
    src: impl PathLike,
    dst_dir_fd: impl AsFd,
    dst: impl PathLike,
) -> Result<(), Error> {
    let (src, dst) = (src.path_bytes(), dst.path_bytes());
    core_os::rename_at(src_dir_fd, src, dst_dir_fd, dst)
        .map_err(|e| Error::new(e, "rename").with_path(src).with_path2(dst))
}

/// `os.symlink(src, dst, dir_fd=)` with both paths in errors.
pub fn symlink_at(src: impl PathLike, dir_fd: impl AsFd, dst: impl PathLike) -> Result<(), Error> {
    let (src, dst) = (src.path_bytes(), dst.path_bytes());
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
pub fn readlink(path: impl PathLike) -> Result<Vec<u8>, Error> {
    readlink_at(core_os::CWD, path)
}

/// `os.readlink(path, dir_fd=dir_fd)`.
///
/// # References
/// - [readlinkat(2)](https://man7.org/linux/man-pages/man2/readlinkat.2.html)
pub fn readlink_at(dir_fd: impl AsFd, path: impl PathLike) -> Result<Vec<u8>, Error> {
    let path = path.path_bytes();
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
    path: impl PathLike,
    attribute: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<Vec<u8>, Error> {
    let (path, attribute) = (path.path_bytes(), attribute.as_ref());
    grow(256, core_os::XATTR_SIZE_MAX, |buf| {
        core_os::getxattr(path, attribute, buf, follow_symlinks).map(|v| Some(v.to_vec()))
    })
    .map_err(|e| Error::new(e, "getxattr").with_path(path))
}

/// `os.listxattr(path, follow_symlinks=...)`—the attribute names.
///
/// # References
/// - [listxattr(2)](https://man7.org/linux/man-pages/man2/listxattr.2.html)
pub fn listxattr(path: impl PathLike, follow_symlinks: bool) -> Result<Vec<Vec<u8>>, Error> {
    let path = path.path_bytes();
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

/// `os.getgrouplist(user, group)`—the groups `user` is in by
/// `/etc/group`, `group` first (see core's
/// [`strata_core::os::getgrouplist`]).
///
/// # References
/// - [getgrouplist(3)](https://man7.org/linux/man-pages/man3/getgrouplist.3.html)
pub fn getgrouplist(user: impl AsRef<[u8]>, group: u32) -> Result<Vec<u32>, Error> {
    let user = user.as_ref();
    let mut len = 64;
    loop {
        let mut buf = vec![0u32; len];
        match core_os::getgrouplist(user, group, &mut buf) {
            Ok(groups) => return Ok(groups.to_vec()),
            Err(Errno::RANGE) if len <= core_os::NGROUPS_MAX => len *= 4,
            Err(e) => return Err(Error::new(e, "getgrouplist")),
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

#[cfg(test)]
mod tests {
    #[test]
    fn getgrouplist_starts_with_the_group() {
        let groups = crate::os::getgrouplist("no-such-user-here", 4242).unwrap();
        assert_eq!(groups, [4242]);
        assert!(
            crate::os::getgrouplist("root", 0)
                .unwrap()
                .starts_with(&[0])
        );
    }
}
