//! Python's `os` module, alloc layer: core's [`strata_core::os`] plus
//! errors that carry the path involved and owned copies of argv.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
pub use strata_core::os::*;

/// An error from the kernel, with what Strata was doing and, where one was
/// involved, the path: Python's `OSError` (`errno`, `strerror`,
/// `filename`).
///
/// Displays as `OPERATION 'PATH': MESSAGE [ENAME]`, e.g.
/// `open '/etc/nope': No such file or directory [ENOENT]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    errno: crate::errno::Errno,
    operation: &'static str,
    path: Option<Vec<u8>>,
}

impl Error {
    /// An error of `operation` (the call's name, e.g. `"open"`).
    pub fn new(errno: crate::errno::Errno, operation: &'static str) -> Self {
        Error {
            errno,
            operation,
            path: None,
        }
    }

    /// The same error, naming the path it concerns.
    pub fn with_path(mut self, path: impl AsRef<[u8]>) -> Self {
        self.path = Some(path.as_ref().to_vec());
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.operation)?;
        if let Some(path) = &self.path {
            write!(f, " '{}'", fsdecode(path))?;
        }
        write!(f, ": {}", crate::errno::Described(self.errno))
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

/// `os.environb` as an owned list of `(name, value)` pairs, in order.
pub fn environ_pairs() -> Vec<(Vec<u8>, Vec<u8>)> {
    environ().map(|(k, v)| (k.to_vec(), v.to_vec())).collect()
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
            "open '/etc/nope': No such file or directory [ENOENT]"
        );
        assert_eq!(e.path(), Some(&b"/etc/nope"[..]));
        let e = Error::new(crate::errno::EBADF, "close");
        assert_eq!(format!("{e}"), "close: Bad file descriptor [EBADF]");
        assert_eq!(fsdecode(b"a\xffb"), "a\u{fffd}b");
    }
}
