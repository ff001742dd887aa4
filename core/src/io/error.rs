//! What goes wrong in `io`, as values: one [`Error`] type standing for the
//! exceptions Python's `io` raises (`OSError` and its subclasses,
//! `BlockingIOError`, `ValueError`, `io.UnsupportedOperation`,
//! `LookupError`, `UnicodeDecodeError`, `UnicodeEncodeError`).
//!
//! `Display` gives Python's `str(exc)` and [`Error::python_class`] its class
//! name, so `f"{type(e).__name__}: {e}"` can be compared byte for byte.
//! An error of `open()` names its file as Python's does
//! (`[Errno 2] No such file or directory: 'x'`). What differs: core does
//! not allocate, so the error keeps the first 96 bytes of a longer name
//! (shown with `...`); a decode error's position counts bytes from where
//! the text stream began reading, where Python counts from the start of
//! its internal chunk.
//!
//! ```
//! use strata_core::io;
//!
//! let e = io::open("/nonexistent/x", "r").unwrap_err();
//! assert_eq!(e.to_string(), "[Errno 2] No such file or directory: '/nonexistent/x'");
//! assert_eq!(e.python_class(), "FileNotFoundError");
//! assert_eq!(e.filename(), Some(&b"/nonexistent/x"[..]));
//! ```

use crate::errno::{self, Errno};
use core::fmt;

/// `Result` with [`Error`], as every `io` call returns.
pub type Result<T> = core::result::Result<T, Error>;

/// One of Python's `io` exceptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// `OSError(errno, strerror)`: the kernel refused (or one of its
    /// subclasses, see [`Error::python_class`]).
    Os(Errno),
    /// `OSError(errno, strerror, filename)`: the kernel refused a call on
    /// a named file, as `open()` reports it.
    OsFile {
        /// The kernel's error.
        errno: Errno,
        /// The file's name, as given (up to 96 bytes).
        file: FileName,
    },
    /// `BlockingIOError`: a non-blocking stream could not take all of a
    /// write; `written` bytes of it were accepted (Python's
    /// `characters_written`), the rest must be written again.
    BlockingIO {
        /// How many bytes of the caller's data were accepted.
        written: usize,
    },
    /// An `OSError` that arrived part-way through a write: `written` bytes
    /// of the caller's data were accepted (buffered or written) before it.
    /// Python raises a plain `OSError` here and loses the count.
    PartialWrite {
        /// The kernel's error.
        errno: Errno,
        /// How many bytes of the caller's data were accepted.
        written: usize,
    },
    /// `ValueError` with one of `io`'s fixed messages.
    Value(&'static str),
    /// `ValueError`/`LookupError` naming a value the caller gave: an
    /// invalid mode, newline, encoding or error handler name.
    BadArgument(BadArgument),
    /// `ValueError: negative seek position N` and its relatives, which name
    /// a number.
    BadNumber {
        /// The message before the number, e.g. `negative seek position`.
        what: &'static str,
        /// The number the caller gave.
        value: i64,
    },
    /// `io.UnsupportedOperation`: the stream cannot do this at all.
    Unsupported(&'static str),
    /// An `OSError` with a message and no errno, as `StringIO` raises for
    /// relative seeks.
    OsMessage(&'static str),
    /// `UnicodeDecodeError`.
    Decode(DecodeError),
    /// `UnicodeEncodeError`.
    Encode(EncodeError),
}

impl Error {
    /// `ValueError: I/O operation on closed file.`, as text streams and
    /// `BytesIO` say it.
    pub const CLOSED: Error = Error::Value("I/O operation on closed file.");
    /// `ValueError: I/O operation on closed file`, without the period, as
    /// `FileIO` and the buffered classes say it.
    pub const CLOSED_RAW: Error = Error::Value("I/O operation on closed file");

    /// The errno behind an OS-level error, if there is one.
    pub fn errno(&self) -> Option<Errno> {
        match *self {
            Error::Os(e)
            | Error::OsFile { errno: e, .. }
            | Error::PartialWrite { errno: e, .. } => Some(e),
            Error::BlockingIO { .. } => Some(Errno::AGAIN),
            _ => None,
        }
    }

    /// `OSError.filename`: the name of the file the error is about, as
    /// kept (see [`FileName`]).
    pub fn filename(&self) -> Option<&[u8]> {
        match self {
            Error::OsFile { file, .. } => Some(file.as_bytes()),
            _ => None,
        }
    }

    /// The same error, naming `file` (an OS error only; others are
    /// returned unchanged).
    pub fn with_filename(self, file: &[u8]) -> Error {
        match self {
            Error::Os(errno) | Error::OsFile { errno, .. } => Error::OsFile {
                errno,
                file: FileName::new(file),
            },
            other => other,
        }
    }

    /// `characters_written` of a `BlockingIOError`, or the bytes accepted
    /// before a [`PartialWrite`](Error::PartialWrite).
    pub fn characters_written(&self) -> Option<usize> {
        match *self {
            Error::BlockingIO { written } | Error::PartialWrite { written, .. } => Some(written),
            _ => None,
        }
    }

    /// The name of the Python exception class this stands for:
    /// `FileNotFoundError`, `ValueError`, `UnsupportedOperation`, ...
    pub fn python_class(&self) -> &'static str {
        match self {
            Error::Os(e)
            | Error::OsFile { errno: e, .. }
            | Error::PartialWrite { errno: e, .. } => os_error_class(*e),
            Error::BlockingIO { .. } => "BlockingIOError",
            Error::Value(_) | Error::BadNumber { .. } => "ValueError",
            Error::BadArgument(b) => match b.kind {
                ArgumentKind::Encoding | ArgumentKind::Errors => "LookupError",
                _ => "ValueError",
            },
            Error::Unsupported(_) => "UnsupportedOperation",
            Error::OsMessage(_) => "OSError",
            Error::Decode(_) => "UnicodeDecodeError",
            Error::Encode(_) => "UnicodeEncodeError",
        }
    }
}

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

/// The `OSError` subclass CPython picks for an errno (PEP 3151).
fn os_error_class(e: Errno) -> &'static str {
    match e {
        Errno::AGAIN | Errno::ALREADY | Errno::INPROGRESS => "BlockingIOError",
        Errno::CHILD => "ChildProcessError",
        Errno::PIPE | Errno::SHUTDOWN => "BrokenPipeError",
        Errno::CONNABORTED => "ConnectionAbortedError",
        Errno::CONNREFUSED => "ConnectionRefusedError",
        Errno::CONNRESET => "ConnectionResetError",
        Errno::EXIST => "FileExistsError",
        Errno::NOENT => "FileNotFoundError",
        Errno::INTR => "InterruptedError",
        Errno::ISDIR => "IsADirectoryError",
        Errno::NOTDIR => "NotADirectoryError",
        Errno::ACCESS | Errno::PERM => "PermissionError",
        Errno::SRCH => "ProcessLookupError",
        Errno::TIMEDOUT => "TimeoutError",
        _ => "OSError",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Os(e) | Error::PartialWrite { errno: e, .. } => {
                let code = e.raw_os_error();
                write!(f, "[Errno {code}] {}", errno::strerror(code))
            }
            Error::OsFile { errno: e, file } => {
                let code = e.raw_os_error();
                write!(f, "[Errno {code}] {}: {file}", errno::strerror(code))
            }
            Error::BlockingIO { .. } => f.write_str("write could not complete without blocking"),
            Error::Value(m) | Error::Unsupported(m) | Error::OsMessage(m) => f.write_str(m),
            Error::BadArgument(b) => b.fmt(f),
            Error::BadNumber { what, value } => write!(f, "{what} {value}"),
            Error::Decode(d) => d.fmt(f),
            Error::Encode(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for Error {}

/// Which argument a [`BadArgument`] error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgumentKind {
    /// `ValueError: invalid mode: 'rw'` (`open()`).
    Mode,
    /// `ValueError: invalid mode: rt` (`FileIO`, which does not quote).
    RawMode,
    /// `ValueError: illegal newline value: x`.
    Newline,
    /// `LookupError: unknown encoding: x`.
    Encoding,
    /// `LookupError: unknown error handler name 'x'`.
    Errors,
}

/// How many bytes of the offending value an error keeps. Longer values are
/// cut at a character boundary and shown with `...`: core has no heap to
/// copy them to.
const KEPT: usize = 30;

/// An argument the caller gave that `io` rejects, kept (up to 30 bytes) so
/// the message can quote it as Python does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct BadArgument {
    /// Which argument.
    pub kind: ArgumentKind,
    bytes: [u8; KEPT],
    len: u8,
    cut: bool,
}

impl BadArgument {
    /// Keeps `value` (or its first 30 bytes) for the message.
    pub fn new(kind: ArgumentKind, value: &str) -> BadArgument {
        let mut end = value.len().min(KEPT);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; KEPT];
        let kept = value.as_bytes().get(..end).unwrap_or_default();
        if let Some(room) = bytes.get_mut(..end) {
            room.copy_from_slice(kept);
        }
        BadArgument {
            kind,
            bytes,
            len: end as u8,
            cut: end < value.len(),
        }
    }

    /// The value as kept (possibly cut short).
    pub fn value(&self) -> &str {
        let kept = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(kept).unwrap_or_default()
    }
}

impl fmt::Debug for BadArgument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BadArgument({:?}, {:?})", self.kind, self.value())
    }
}

impl fmt::Display for BadArgument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cut = if self.cut { "..." } else { "" };
        let v = self.value();
        match self.kind {
            ArgumentKind::Mode => write!(f, "invalid mode: '{v}{cut}'"),
            ArgumentKind::RawMode => write!(f, "invalid mode: {v}{cut}"),
            ArgumentKind::Newline => write!(f, "illegal newline value: {v}{cut}"),
            ArgumentKind::Encoding => write!(f, "unknown encoding: {v}{cut}"),
            ArgumentKind::Errors => write!(f, "unknown error handler name '{v}{cut}'"),
        }
    }
}

/// How many bytes of a file name an [`Error::OsFile`] keeps.
const KEPT_NAME: usize = 96;

/// A file name kept inside an error: the first 96 bytes of it (core has no
/// heap to copy a longer one to). `Display` is Python's `repr` of the name
/// as `os.fsdecode` gives it (`'x'`, `"it's"`, `'\udcff'` for a byte that
/// is not UTF-8), with `...` before the closing quote when it was cut.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct FileName {
    bytes: [u8; KEPT_NAME],
    len: u8,
    cut: bool,
}

impl FileName {
    /// Keeps `name` (or its first 96 bytes).
    pub fn new(name: &[u8]) -> FileName {
        let len = name.len().min(KEPT_NAME);
        let mut bytes = [0; KEPT_NAME];
        if let (Some(room), Some(kept)) = (bytes.get_mut(..len), name.get(..len)) {
            room.copy_from_slice(kept);
        }
        FileName {
            bytes,
            len: len as u8,
            cut: len < name.len(),
        }
    }

    /// The name as kept.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// Whether the name was longer than what is kept.
    pub fn is_cut(&self) -> bool {
        self.cut
    }
}

impl fmt::Debug for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // os.fsdecode: a byte that is not UTF-8 is the surrogate U+DC00+b.
        let decoded = self.as_bytes().utf8_chunks().flat_map(|chunk| {
            let valid = chunk.valid().chars().map(u32::from);
            valid.chain(chunk.invalid().iter().map(|&b| 0xdc00 + u32::from(b)))
        });
        let cut = if self.cut { "..." } else { "" };
        crate::time::unicode::write_repr(f, decoded.chain(cut.chars().map(u32::from)))
    }
}

/// `UnicodeDecodeError`: bytes `start..end` (a stream offset) are not
/// valid in the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The codec's name, as Python prints it: `utf-8`, `ascii`.
    pub encoding: &'static str,
    /// Offset of the first bad byte.
    pub start: u64,
    /// Offset just past the bad bytes.
    pub end: u64,
    /// The first bad byte.
    pub byte: u8,
    /// Why: `invalid start byte`, `invalid continuation byte`, `unexpected
    /// end of data`, `ordinal not in range(128)`.
    pub reason: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DecodeError {
            encoding,
            start,
            end,
            byte,
            reason,
        } = *self;
        if end == start + 1 {
            write!(
                f,
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}"
            )
        } else {
            let last = end.saturating_sub(1);
            write!(
                f,
                "'{encoding}' codec can't decode bytes in position {start}-{last}: {reason}"
            )
        }
    }
}

impl core::error::Error for DecodeError {}

/// `UnicodeEncodeError`: characters `start..end` of the text given to one
/// write cannot be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// The codec's name, as Python prints it: `utf-8`, `ascii`, `latin-1`.
    pub encoding: &'static str,
    /// Index (in characters) of the first character that cannot be
    /// encoded.
    pub start: usize,
    /// Index just past the run of such characters.
    pub end: usize,
    /// The first such character's code point; a byte `b` that was not
    /// UTF-8 counts as the surrogate `U+DC00 + b`, as under Python's
    /// `surrogateescape`.
    pub code_point: u32,
    /// Why: `ordinal not in range(128)`, `surrogates not allowed`.
    pub reason: &'static str,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let EncodeError {
            encoding,
            start,
            end,
            code_point,
            reason,
        } = *self;
        if end == start + 1 {
            write!(f, "'{encoding}' codec can't encode character '")?;
            write_escaped(f, code_point)?;
            write!(f, "' in position {start}: {reason}")
        } else {
            let last = end.saturating_sub(1);
            write!(
                f,
                "'{encoding}' codec can't encode characters in position {start}-{last}: {reason}"
            )
        }
    }
}

impl core::error::Error for EncodeError {}

/// A code point as Python's `repr` escapes it inside an error message.
fn write_escaped(f: &mut fmt::Formatter<'_>, cp: u32) -> fmt::Result {
    match cp {
        0..=0xff => write!(f, "\\x{cp:02x}"),
        0x100..=0xffff => write!(f, "\\u{cp:04x}"),
        _ => write!(f, "\\U{cp:08x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    #[test]
    fn messages_read_as_python_prints_them() {
        let mode = Error::BadArgument(BadArgument::new(ArgumentKind::Mode, "rw"));
        assert_eq!(format!("{mode}"), "invalid mode: 'rw'");
        assert_eq!(mode.python_class(), "ValueError");
        let enc = Error::BadArgument(BadArgument::new(ArgumentKind::Encoding, "nope"));
        assert_eq!(format!("{enc}"), "unknown encoding: nope");
        assert_eq!(enc.python_class(), "LookupError");
        let long = BadArgument::new(ArgumentKind::Mode, &"é".repeat(20));
        assert_eq!(long.value().len(), 30);
        assert!(format!("{long}").ends_with("...'"));
        assert_eq!(
            format!("{}", Error::Os(Errno::NOENT)),
            "[Errno 2] No such file or directory"
        );
        assert_eq!(Error::Os(Errno::NOENT).python_class(), "FileNotFoundError");
        let d = DecodeError {
            encoding: "utf-8",
            start: 1,
            end: 3,
            byte: 0xe2,
            reason: "invalid continuation byte",
        };
        assert_eq!(
            format!("{d}"),
            "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"
        );
        let e = EncodeError {
            encoding: "latin-1",
            start: 1,
            end: 2,
            code_point: 0x20ac,
            reason: "ordinal not in range(256)",
        };
        assert_eq!(
            format!("{e}"),
            "'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"
        );
        let named = Error::Os(Errno::NOENT).with_filename(b"it's\xff\n");
        assert_eq!(
            format!("{named}"),
            "[Errno 2] No such file or directory: \"it's\\udcff\\n\""
        );
        assert_eq!(named.python_class(), "FileNotFoundError");
        assert_eq!(named.errno(), Some(Errno::NOENT));
        let long = Error::Os(Errno::ACCESS).with_filename(&[b'a'; 100]);
        let shown = format!("{long}");
        assert!(shown.ends_with("aaa...'"), "{shown}");
        assert_eq!(long.filename().map(<[u8]>::len), Some(96));
        let b = Error::BlockingIO { written: 5 };
        assert_eq!(b.characters_written(), Some(5));
        assert_eq!(b.errno(), Some(Errno::AGAIN));
    }
}
