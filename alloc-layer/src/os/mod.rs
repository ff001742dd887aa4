//! Python's `os` module, alloc layer: everything of core's
//! [`strata_core::os`], plus what needs a heap.
//!
//! ```
//! use strata_alloc::os;
//!
//! let names = os::listdir("/")?;
//! assert!(names.iter().any(|n| n == b"proc" || n == b"etc"));
//! let e = os::listdir("/nonexistent").unwrap_err();
//! assert_eq!(e.to_string(), "listdir(\"/nonexistent\"): No such file or directory (ENOENT)");
//! assert!(os::getcwd()?.starts_with("/"));
//! # Ok::<(), os::Error>(())
//! ```
//!
//! - Errors that name the path: the functions that take a path return
//!   [`Error`] (Python's `OSError` with `filename`/`filename2`), which
//!   displays as `stat("/nope"): No such file or directory (ENOENT)`.
//! - Owned results: [`listdir`], [`readlink`], [`getcwd`],
//!   [`getgroups`], [`getgrouplist`], [`getxattr`], [`listxattr`], [`getlogin`],
//!   [`ttyname`].
//! - Directory trees: [`walk`] (top-down or bottom-up, `onerror`,
//!   `followlinks`), [`fwalk`], [`makedirs`], [`removedirs`],
//!   [`renames`].
//! - The environment as Python's `os.environ`: one owned copy that
//!   [`putenv`], [`unsetenv`] and item assignment change, that
//!   [`getenv`] reads, and that `exec*`, `posix_spawn*`, [`system`] and
//!   [`popen`] pass on. [`get_exec_path`] and [`execvp`] search its `PATH`.
//! - Owned arguments for the exec and spawn families (any
//!   `AsRef<[u8]>`; the variadic forms are macros: [`execl!`],
//!   [`spawnl!`], ...), [`system`] and [`popen`].
//! - [`path`]: Python's `os.path` (posixpath) on bytes.
//!
//! What differs from Python: names and environment values are bytes
//! (`Vec<u8>`), since Linux names are bytes and a Rust `String` cannot
//! hold Python's surrogate escapes; [`fsdecode`] gives text (lossy).

mod dirs;
mod environ;
pub mod path;
mod pathlike;
mod paths;
mod process;

pub use strata_core::os::*;

#[doc(inline)]
pub use crate::{
    __alloc_os_execl as execl, __alloc_os_execle as execle, __alloc_os_execlp as execlp,
    __alloc_os_execlpe as execlpe, __alloc_os_spawnl as spawnl, __alloc_os_spawnle as spawnle,
    __alloc_os_spawnlp as spawnlp, __alloc_os_spawnlpe as spawnlpe,
};
pub use dirs::{
    FWalk, FWalkEntry, Scandir, Walk, WalkEntry, fwalk, listdir, listdir_fd, makedirs, removedirs,
    renames, scandir, walk,
};
pub use environ::{environ, environ_pairs, get_exec_path, getenv, getenv_or, putenv, unsetenv};
pub use pathlike::PathLike;
pub use paths::{
    access, access_at, chdir, chmod, chmod_at, chown, chown_at, chroot, getcwd, getcwdb,
    getgrouplist, getgroups, getlogin, getxattr, lchmod, lchown, link, link_at, listxattr, lstat,
    mkdir, mkdir_at, mkfifo, mkfifo_at, mknod, mknod_at, open, openat, readlink, readlink_at,
    remove, removexattr, rename, rename_at, replace, rmdir, rmdir_at, setxattr, stat, stat_at,
    statvfs, symlink, symlink_at, truncate, ttyname, unlink, unlink_at, utime, utime_at,
};
pub use process::{
    Popen, execv, execve, execvp, execvpe, popen, posix_spawn, posix_spawnp, spawnv, spawnve,
    spawnvp, spawnvpe, system,
};

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// An error from the kernel, with what Strata was doing and, where one was
/// involved, the path: Python's `OSError` (`errno`, `strerror`,
/// `filename`, `filename2`).
///
/// Displays as `OPERATION("PATH"): MESSAGE (ENAME)`, e.g.
/// `open("/etc/nope"): No such file or directory (ENOENT)`, with two paths
/// as `rename("a", "b"): ...`, and without an operation (an [`Errno`](crate::errno::Errno)
/// turned into an `Error` by `?`) as the errno alone. `Debug` shows the
/// same fields with the paths as text.
///
/// `?` turns an [`Errno`](crate::errno::Errno) into an `Error` and an `Error` into an
/// [`io::Error`](crate::io::Error) (errno and file name kept), and every
/// Strata error into a `Box<dyn core::error::Error>`, so one `main` can
/// use them all:
///
/// ```
/// use strata_alloc::os;
///
/// fn size(path: &str) -> Result<u64, os::Error> {
///     Ok(os::stat(path)?.st_size as u64)
/// }
///
/// let e = size("/nonexistent").unwrap_err();
/// assert_eq!(e.errno(), strata_alloc::errno::ENOENT);
/// assert_eq!(
///     e.to_string(),
///     "stat(\"/nonexistent\"): No such file or directory (ENOENT)"
/// );
/// assert_eq!(
///     format!("{e:?}"),
///     "os::Error { operation: \"stat\", path: \"/nonexistent\", errno: ENOENT }"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
#[doc(alias = "error")]
#[doc(alias = "OSError")]
pub struct Error {
    errno: crate::errno::Errno,
    operation: &'static str,
    path: Option<Vec<u8>>,
    path2: Option<Vec<u8>>,
}

impl Error {
    /// An error of `operation` (the call's name, e.g. `"open"`).
    pub fn new(errno: crate::errno::Errno, operation: &'static str) -> Self {
        Error {
            errno,
            operation,
            path: None,
            path2: None,
        }
    }

    /// The same error, naming the path it concerns.
    pub fn with_path(mut self, path: impl AsRef<[u8]>) -> Self {
        self.path = Some(path.as_ref().to_vec());
        self
    }

    /// The same error, naming the second path (`rename`'s destination).
    pub fn with_path2(mut self, path: impl AsRef<[u8]>) -> Self {
        self.path2 = Some(path.as_ref().to_vec());
        self
    }

    /// `OSError.errno`.
    pub fn errno(&self) -> crate::errno::Errno {
        self.errno
    }

    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// `OSError.filename`, as bytes.
    pub fn path(&self) -> Option<&[u8]> {
        self.path.as_deref()
    }

    /// `OSError.filename2`, as bytes.
    pub fn path2(&self) -> Option<&[u8]> {
        self.path2.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operation.is_empty() && self.path.is_none() {
            return write!(f, "{}", self.errno);
        }
        f.write_str(self.operation)?;
        match (&self.path, &self.path2) {
            (Some(a), Some(b)) => write!(f, "(\"{}\", \"{}\")", fsdecode(a), fsdecode(b))?,
            (Some(a), None) => write!(f, "(\"{}\")", fsdecode(a))?,
            _ => {}
        }
        write!(f, ": {}", self.errno)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("os::Error");
        s.field("operation", &self.operation);
        if let Some(path) = &self.path {
            s.field("path", &fsdecode(path));
        }
        if let Some(path2) = &self.path2 {
            s.field("path2", &fsdecode(path2));
        }
        s.field("errno", &self.errno).finish()
    }
}

impl From<crate::errno::Errno> for Error {
    /// An error with no operation or path: what `?` makes of a bare
    /// [`Errno`](crate::errno::Errno).
    fn from(errno: crate::errno::Errno) -> Error {
        Error::new(errno, "")
    }
}

impl From<Error> for crate::io::Error {
    /// `OSError` as `io` reports it: the errno and the (first) path.
    fn from(e: Error) -> crate::io::Error {
        let plain = crate::io::Error::Os(e.errno);
        match &e.path {
            Some(path) => plain.with_filename(path),
            None => plain,
        }
    }
}

impl core::error::Error for Error {}

#[cfg(feature = "std")]
impl From<Error> for std::io::Error {
    /// The raw OS error, so `kind()` and `raw_os_error()` are std's (std's
    /// errors have no place for the operation and path).
    fn from(e: Error) -> std::io::Error {
        e.errno.into()
    }
}

#[cfg(feature = "std")]
impl From<std::io::Error> for Error {
    /// The raw OS error, or the errno Linux gives the error's kind.
    fn from(e: std::io::Error) -> Error {
        Error::new(e.into(), "")
    }
}

/// `os.fsdecode(bytes)`—a file name or argument as text. Bytes that are
/// not UTF-8 become U+FFFD (Python keeps them as lone surrogates, which a
/// Rust `String` cannot hold).
pub fn fsdecode(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `os.fsencode(str)`—text as the bytes the kernel takes.
pub fn fsencode(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// `sys.argv` as owned strings (see [`fsdecode`] for non-UTF-8 bytes).
pub fn argv_strings() -> Vec<String> {
    argv().map(|arg| fsdecode(arg.to_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn errors_name_operation_path_message_and_errno() {
        let e = Error::new(crate::errno::ENOENT, "open").with_path("/etc/nope");
        assert_eq!(
            format!("{e}"),
            "open(\"/etc/nope\"): No such file or directory (ENOENT)"
        );
        assert_eq!(e.path(), Some(&b"/etc/nope"[..]));
        let e = Error::new(crate::errno::EBADF, "close");
        assert_eq!(format!("{e}"), "close: Bad file descriptor (EBADF)");
        assert_eq!(fsdecode(b"a\xffb"), "a\u{fffd}b");
        let e = Error::new(crate::errno::EXDEV, "rename")
            .with_path("a")
            .with_path2("b");
        assert_eq!(
            format!("{e}"),
            "rename(\"a\", \"b\"): Invalid cross-device link (EXDEV)"
        );
        assert_eq!(e.path2(), Some(&b"b"[..]));
    }
}
