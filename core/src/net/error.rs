//! What goes wrong in `net`: Python's `OSError`, `socket.timeout` and
//! `socket.gaierror`, as values.

use crate::errno::Errno;
use core::fmt;

/// `Result` with [`Error`], as every `net` call returns.
pub type Result<T> = core::result::Result<T, Error>;

/// One of the exceptions Python's `socket` raises.
///
/// `Display` is Python's `str(exc)`: `[Errno 111] Connection refused`,
/// `timed out`, `[Errno -2] Name or service not known`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// `OSError(errno, strerror)`: the kernel refused.
    Os(Errno),
    /// `socket.timeout` (`TimeoutError: timed out`): the socket's timeout
    /// passed before the operation could complete.
    Timeout,
    /// `socket.gaierror`: a name did not resolve.
    Resolve(GaiError),
}

/// The `getaddrinfo` failures name resolution here can give, with glibc's
/// codes and `gai_strerror` texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GaiError {
    /// `EAI_NONAME` (-2): `Name or service not known`.
    NoName,
    /// `EAI_FAMILY` (-6): `ai_family not supported` (an `AF_UNIX` lookup).
    Family,
    /// `EAI_ADDRFAMILY` (-9): `Address family for hostname not supported`
    /// (an IPv6 literal looked up for `AF_INET`, or the reverse).
    AddrFamily,
}

impl GaiError {
    /// The `EAI_*` number, as `gaierror.errno` holds it.
    pub fn code(self) -> i32 {
        match self {
            GaiError::NoName => -2,
            GaiError::Family => -6,
            GaiError::AddrFamily => -9,
        }
    }

    /// `gai_strerror(code)`.
    pub fn message(self) -> &'static str {
        match self {
            GaiError::NoName => "Name or service not known",
            GaiError::Family => "ai_family not supported",
            GaiError::AddrFamily => "Address family for hostname not supported",
        }
    }

    /// `str(gaierror)` as one static string, for errors that keep only a
    /// message.
    fn text(self) -> &'static str {
        match self {
            GaiError::NoName => "[Errno -2] Name or service not known",
            GaiError::Family => "[Errno -6] ai_family not supported",
            GaiError::AddrFamily => "[Errno -9] Address family for hostname not supported",
        }
    }
}

impl Error {
    /// The errno behind an OS error, if there is one.
    pub fn errno(&self) -> Option<Errno> {
        match *self {
            Error::Os(e) => Some(e),
            _ => None,
        }
    }
}

impl Error {
    /// The name of the Python exception class this stands for, as
    /// `type(e).__name__` gives it: `ConnectionRefusedError` (the `OSError`
    /// subclass for the errno, as `io` names them), `TimeoutError`,
    /// `gaierror`.
    pub fn python_class(&self) -> &'static str {
        match *self {
            Error::Os(e) => crate::io::Error::Os(e).python_class(),
            Error::Timeout => "TimeoutError",
            Error::Resolve(_) => "gaierror",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::Os(e) => write!(f, "[Errno {}] {}", e.raw_os_error(), e.strerror()),
            Error::Timeout => f.write_str("timed out"),
            Error::Resolve(g) => f.write_str(g.text()),
        }
    }
}

impl core::error::Error for Error {}

impl From<Errno> for Error {
    fn from(e: Errno) -> Error {
        Error::Os(e)
    }
}

impl From<rustix::io::Errno> for Error {
    fn from(e: rustix::io::Errno) -> Error {
        Error::Os(e.into())
    }
}

/// For `?` from `net` into `io`: an OS error stays one; a timeout and a
/// resolution failure become `io`'s message-only `OSError` with Python's
/// text, so their `Display` is unchanged (their Python class, which `io`
/// cannot name, reads `OSError`).
impl From<Error> for crate::io::Error {
    fn from(e: Error) -> crate::io::Error {
        match e {
            Error::Os(e) => crate::io::Error::Os(e),
            Error::Timeout => crate::io::Error::OsMessage("timed out"),
            Error::Resolve(g) => crate::io::Error::OsMessage(g.text()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_display_as_python_says_them() {
        // python3: str(OSError(111, os.strerror(111))), str(socket.timeout("timed out")),
        // str(socket.gaierror(-2, 'Name or service not known')).
        assert_eq!(
            Error::Os(crate::errno::ECONNREFUSED).to_string(),
            "[Errno 111] Connection refused"
        );
        assert_eq!(Error::Timeout.to_string(), "timed out");
        assert_eq!(
            Error::Resolve(GaiError::NoName).to_string(),
            "[Errno -2] Name or service not known"
        );
        assert_eq!(
            Error::Resolve(GaiError::AddrFamily).to_string(),
            "[Errno -9] Address family for hostname not supported"
        );
        assert_eq!(
            Error::Resolve(GaiError::Family).to_string(),
            "[Errno -6] ai_family not supported"
        );
        for g in [GaiError::NoName, GaiError::Family, GaiError::AddrFamily] {
            assert_eq!(g.text(), format!("[Errno {}] {}", g.code(), g.message()));
        }
    }

    #[test]
    fn class_names_are_pythons() {
        // python3: type(e).__name__ for a refused connect, a recv timeout
        // and an unknown name.
        assert_eq!(
            Error::Os(crate::errno::ECONNREFUSED).python_class(),
            "ConnectionRefusedError"
        );
        assert_eq!(Error::Timeout.python_class(), "TimeoutError");
        assert_eq!(Error::Resolve(GaiError::NoName).python_class(), "gaierror");
    }

    #[test]
    fn io_errors_keep_the_text() {
        for e in [
            Error::Os(crate::errno::EPIPE),
            Error::Timeout,
            Error::Resolve(GaiError::NoName),
        ] {
            let io: crate::io::Error = e.into();
            assert_eq!(io.to_string(), e.to_string());
        }
        let io: crate::io::Error = Error::Os(crate::errno::EPIPE).into();
        assert_eq!(io.python_class(), "BrokenPipeError");
    }
}
