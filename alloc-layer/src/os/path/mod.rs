//! Python's `os.path` (`posixpath`): path names taken apart, put together
//! and normalised, `~` and `$VAR` expanded, and the questions about files
//! that tools ask (`exists`, `isdir`, `realpath`, `samefile`, ...).
//!
//! Everything works on bytes, as Python's `bytes` API does: arguments are
//! any `AsRef<[u8]>` (`&str`, `&[u8]`, `String`, `Vec<u8>`), results are
//! `Vec<u8>`. The rules are CPython 3.11's `Lib/posixpath.py` and
//! `Lib/genericpath.py`, checked against CPython on a generated corpus
//! (tests/oracle/posixpath.py).
//!
//! ```
//! use strata_alloc::os::path;
//!
//! assert_eq!(path::join("/usr", "lib"), b"/usr/lib");
//! assert_eq!(path::normpath("a//b/./c/../d/"), b"a/b/d");
//! assert_eq!(path::normpath("//x"), b"//x"); // POSIX keeps two slashes
//! assert_eq!(path::split("dir/file.tar.gz"), (b"dir".to_vec(), b"file.tar.gz".to_vec()));
//! assert_eq!(path::splitext("file.tar.gz").1, b".gz");
//! assert_eq!(path::relpath("/a/b/c", "/a/d").unwrap(), b"../b/c");
//! assert!(path::commonpath(["/usr", "usr"]).is_err()); // Python: ValueError
//! assert!(path::isdir("/"));
//! ```
//!
//! - Pure functions ([`join`], [`split`], [`splitext`], [`basename`],
//!   [`dirname`], [`normpath`], [`commonprefix`], [`commonpath`],
//!   [`isabs`], [`normcase`], [`splitdrive`]) make no system call.
//! - [`abspath`] asks for the working directory only for a relative path,
//!   and so do [`relpath`] and, after resolving links with `lstat` and
//!   `readlink`, [`realpath`].
//! - Questions (`exists`, `lexists`, `isdir`, `isfile`, `islink`,
//!   `ismount`) answer `false` for any error, as Python's do; the
//!   getters (`getsize`, `getmtime`, ..., `samefile`) return the
//!   [`os::Error`](super::Error) that names the path.
//! - [`expanduser`] reads `HOME`, then `/etc/passwd`; [`expandvars`]
//!   reads the process environment ([`super::getenv`]). Their `_with`
//!   forms take both from the caller.
//!
//! What differs from Python, and why:
//! - Python's `ValueError`s are [`ValueError`] values ([`commonpath`],
//!   [`relpath`] through [`Error`]); an embedded NUL, which Python's
//!   `realpath` rejects with `ValueError`, is `EINVAL` here as everywhere
//!   in Strata's `os`.
//! - `join(a, *p)` is [`join`] for two parts and [`join_all`] for more.
//!   `relpath(path, start=None)` is [`relpath`]`(path, ".")`, which is what
//!   Python's default means.
//! - `expanduser` looks `~user` up in `/etc/passwd` only (glibc asks NSS,
//!   which may also ask LDAP or systemd); a user name that is not ASCII or
//!   holds a NUL leaves the path unchanged, where Python raises
//!   `UnicodeDecodeError` or `ValueError`.
//! - `realpath(path, strict=True)` is [`realpath_strict`].
//! - `ismount` answers `false` when the parent cannot be resolved (Python
//!   would raise from `realpath`).
//! - `realpath` gives up with `ELOOP` where links nest 900 deep in each
//!   other's targets, about where Python's recursion limit raises
//!   `RecursionError`.
//! - `os.path.supports_unicode_filenames` is [`SUPPORTS_UNICODE_FILENAMES`];
//!   the separators and names (`sep`, `curdir`, `devnull`, ...) are
//!   [`SEP`], [`CURDIR`], [`DEVNULL`], ... as in `os`.
//!
//! # References
//! - [path_resolution(7)](https://man7.org/linux/man-pages/man7/path_resolution.7.html)
//! - [POSIX: pathname resolution](https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap04.html#tag_04_13)

mod expand;
mod fs;
pub(crate) mod pure;

pub use expand::{expanduser, expanduser_with, expandvars, expandvars_with};
pub use fs::{
    abspath, exists, getatime, getctime, getmtime, getsize, isdir, isfile, islink, ismount,
    lexists, realpath, realpath_strict, relpath, samefile, sameopenfile, samestat,
};
pub use pure::{
    basename, commonpath, commonprefix, dirname, isabs, join, join_all, normcase, normpath, split,
    splitdrive, splitext,
};
pub use strata_core::os::{ALTSEP, CURDIR, DEFPATH, DEVNULL, EXTSEP, PARDIR, PATHSEP, SEP};

use core::fmt;

/// `os.path.supports_unicode_filenames`: `False` on Linux (names are
/// bytes).
pub const SUPPORTS_UNICODE_FILENAMES: bool = false;

/// Python's `ValueError` from a path function: bad arguments, not a
/// failed system call. Displays as Python's message
/// (`commonpath() arg is an empty sequence`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueError {
    message: &'static str,
}

impl ValueError {
    const fn new(message: &'static str) -> Self {
        ValueError { message }
    }

    /// Python's message for the error.
    pub fn message(&self) -> &'static str {
        self.message
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl core::error::Error for ValueError {}

/// What [`relpath`] can raise: Python's `ValueError` (no path) or an
/// `OSError` (the working directory could not be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Bad arguments (`ValueError`).
    Value(ValueError),
    /// A failed system call (`OSError`), naming what it concerned.
    Os(super::Error),
}

impl From<ValueError> for Error {
    fn from(e: ValueError) -> Self {
        Error::Value(e)
    }
}

impl From<super::Error> for Error {
    fn from(e: super::Error) -> Self {
        Error::Os(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Value(e) => e.fmt(f),
            Error::Os(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn errors_display_as_python_messages() {
        let e = relpath("", ".").unwrap_err();
        assert_eq!(format!("{e}"), "no path specified");
        let none: [&str; 0] = [];
        let e = commonpath(none).unwrap_err();
        assert_eq!(format!("{e}"), "commonpath() arg is an empty sequence");
        let e = realpath("/a\0b").unwrap_err();
        assert_eq!(
            format!("{e}"),
            "lstat(\"/a\0b\"): Invalid argument (EINVAL)"
        );
        let e = getsize("/strata/no/such/file").unwrap_err();
        assert_eq!(
            format!("{}", Error::from(e)),
            "stat(\"/strata/no/such/file\"): No such file or directory (ENOENT)"
        );
    }
}
