//! Error numbers: Python's `errno` module, plus `os.strerror`.
//!
//! [`Errno`] is rustix's newtype over the kernel's number, so an unknown
//! value is just a number, never undefined behaviour. This module adds every
//! Linux name (aliases too: `EWOULDBLOCK`, `EDEADLOCK`, `ENOTSUP`) as an
//! `Errno` constant, the lookups of Python's `errno.errorcode` in both
//! directions, and glibc's message text for [`strerror`].
//!
//! The four supported architectures share the kernel's generic numbering
//! (`asm-generic/errno.h`), so there is one table. Differences from Python:
//! the constants are `Errno` values rather than `int`s (`.raw_os_error()`
//! gives the number), and `EHWPOISON` (133) is present although CPython
//! 3.11 lacks it.
//!
//! ```
//! use strata_core::errno::{self, Errno};
//!
//! assert_eq!(errno::errorcode(2), Some("ENOENT"));
//! assert_eq!(errno::by_name("EACCES"), Some(Errno::ACCESS));
//! assert_eq!(errno::strerror(28).to_string(), "No space left on device");
//! assert_eq!(errno::ENOENT.to_string(), "No such file or directory (ENOENT)");
//! ```
//!
//! # References
//! - [errno(3)](https://man7.org/linux/man-pages/man3/errno.3.html)
//! - [strerror(3)](https://man7.org/linux/man-pages/man3/strerror.3.html)

use core::fmt;

/// An error number from the kernel: Python's `OSError.errno`, as a value.
///
/// A newtype over rustix's `Errno`, so an unknown number is just a number.
/// It displays as a user should read it, glibc's message and then the
/// name (`Permission denied (EACCES)`), and its `Debug` is the name
/// (`EACCES`). The associated constants are rustix's names (`Errno::NOENT`,
/// `Errno::TOOBIG` for `E2BIG`); the module's constants are the C names
/// (`errno::ENOENT`). rustix's results convert with `?` or `From`.
///
/// ```
/// use strata_core::errno::{self, Errno};
///
/// let e = Errno::from_raw_os_error(13);
/// assert_eq!(e, errno::EACCES);
/// assert_eq!(e.to_string(), "Permission denied (EACCES)");
/// assert_eq!(format!("{e:?}"), "EACCES");
/// assert_eq!(e.name(), Some("EACCES"));
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Errno(rustix::io::Errno);

impl Errno {
    /// The error with number `code` (positive, as in C's `errno`).
    pub const fn from_raw_os_error(code: i32) -> Errno {
        Errno(rustix::io::Errno::from_raw_os_error(code))
    }

    /// The number, as C's `errno` and Python's `OSError.errno` hold it.
    pub const fn raw_os_error(self) -> i32 {
        self.0.raw_os_error()
    }

    /// The symbolic name (`ENOENT`), as [`errorcode`] gives it.
    pub fn name(self) -> Option<&'static str> {
        errorcode(self.raw_os_error())
    }

    /// `os.strerror(errno)`—glibc's message (`No such file or directory`).
    pub fn strerror(self) -> Strerror {
        strerror(self.raw_os_error())
    }

    /// rustix's value, for calling rustix directly.
    pub const fn to_rustix(self) -> rustix::io::Errno {
        self.0
    }
}

include!("consts.rs");

impl From<rustix::io::Errno> for Errno {
    fn from(e: rustix::io::Errno) -> Errno {
        Errno(e)
    }
}

impl From<Errno> for rustix::io::Errno {
    fn from(e: Errno) -> rustix::io::Errno {
        e.0
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.raw_os_error();
        write!(f, "{}", strerror(code))?;
        match errorcode(code) {
            Some(name) => write!(f, " ({name})"),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "Errno({})", self.raw_os_error()),
        }
    }
}

impl core::error::Error for Errno {}

macro_rules! errnos {
    ($($name:ident = $code:literal, $msg:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "` (", stringify!($code), "): ", $msg, ".")]
            pub const $name: Errno = Errno::from_raw_os_error($code);
        )*
        /// `(number, name, message)` for every name, ordered by number.
        static ERRNOS: &[(i32, &str, &str)] = &[$(($code, stringify!($name), $msg)),*];
    };
}

include!("table.rs");

/// The entries for `code`: the first is the name CPython shows.
fn entries(code: i32) -> impl Iterator<Item = &'static (i32, &'static str, &'static str)> {
    let start = ERRNOS.partition_point(|e| e.0 < code);
    ERRNOS[start..].iter().take_while(move |e| e.0 == code)
}

/// `errno.errorcode[code]`—the symbolic name of an error number.
///
/// Where a number has several names, returns the one CPython shows
/// (`EAGAIN` for 11, `EDEADLOCK` for 35, `ENOTSUP` for 95). `None` for a
/// number Linux does not define.
pub fn errorcode(code: i32) -> Option<&'static str> {
    entries(code).next().map(|e| e.1)
}

/// `getattr(errno, name)`—the error number called `name`, aliases
/// included.
pub fn by_name(name: &str) -> Option<Errno> {
    ERRNOS
        .iter()
        .find(|e| e.1 == name)
        .map(|e| Errno::from_raw_os_error(e.0))
}

/// Every `(name, Errno)` pair, ordered by number, aliases included: the
/// `E*` attributes of Python's `errno` module.
pub fn names() -> impl Iterator<Item = (&'static str, Errno)> {
    ERRNOS.iter().map(|e| (e.1, Errno::from_raw_os_error(e.0)))
}

/// The name of `errno`, as [`errorcode`] gives it.
pub fn name(errno: Errno) -> Option<&'static str> {
    errorcode(errno.raw_os_error())
}

/// `os.strerror(code)`—glibc's message for an error number.
///
/// `Success` for 0 and `Unknown error N` for a number without a message,
/// exactly as glibc and CPython print them. The result implements
/// `Display`; [`Strerror::as_str`] gives the text when it is a fixed one.
///
/// # References
/// - [strerror(3)](https://man7.org/linux/man-pages/man3/strerror.3.html)
#[doc(alias = "os.strerror")]
pub fn strerror(code: i32) -> Strerror {
    Strerror(code)
}

/// The message of an error number; see [`strerror`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strerror(i32);

impl Strerror {
    /// The fixed message text, or `None` for `Unknown error N`.
    pub fn as_str(self) -> Option<&'static str> {
        match self.0 {
            0 => Some("Success"),
            code => entries(code).next().map(|e| e.2),
        }
    }
}

impl fmt::Display for Strerror {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(text) => f.write_str(text),
            None => write!(f, "Unknown error {}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython on the build machine, produced by tests/oracle/errno.py.
    const ORACLE: &str = include_str!("../../../tests/oracle/errno.txt");

    #[test]
    fn errorcode_and_strerror_match_cpython_for_every_code() {
        let mut checked = 0;
        for line in ORACLE.lines().filter(|l| l.starts_with("code\t")) {
            let mut f = line.split('\t').skip(1);
            let code: i32 = f.next().unwrap().parse().unwrap();
            let name = f.next().unwrap();
            let message = f.next().unwrap();
            let want = (name != "-").then_some(name);
            // CPython 3.11 predates EHWPOISON; the kernel has it.
            if code != 133 {
                assert_eq!(errorcode(code), want, "errorcode[{code}]");
            }
            assert_eq!(
                std::format!("{}", strerror(code)),
                message,
                "strerror({code})"
            );
            checked += 1;
        }
        assert!(checked > 130);
    }

    #[test]
    fn every_cpython_name_maps_to_its_number() {
        let mut checked = 0;
        for line in ORACLE.lines().filter(|l| l.starts_with("name\t")) {
            let mut f = line.split('\t').skip(1);
            let name = f.next().unwrap();
            let code: i32 = f.next().unwrap().parse().unwrap();
            assert_eq!(by_name(name).map(Errno::raw_os_error), Some(code), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 133);
        assert_eq!(names().count(), 134, "CPython's 133 names plus EHWPOISON");
    }

    #[test]
    fn constants_aliases_and_rustix_agree() {
        assert_eq!(ENOENT, Errno::NOENT);
        assert_eq!(EWOULDBLOCK, EAGAIN);
        assert_eq!(EDEADLOCK, EDEADLK);
        assert_eq!(ENOTSUP, EOPNOTSUPP);
        assert_eq!(name(Errno::PIPE), Some("EPIPE"));
        assert_eq!(by_name("ENOPE"), None);
        assert_eq!(strerror(9999).as_str(), None);
        assert_eq!(
            std::format!("{}", ENOENT),
            "No such file or directory (ENOENT)"
        );
    }

    #[test]
    fn table_is_sorted_by_number() {
        assert!(ERRNOS.windows(2).all(|w| w[0].0 <= w[1].0));
    }
}
