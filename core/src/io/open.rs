//! `open()`: Python's mode strings, and the stack of streams they ask for.
//!
//! As `io.open`: the mode is checked first, with CPython's messages
//! (`invalid mode: 'rw'` for a repeated or unknown letter, `must have
//! exactly one of create/read/write/append mode`, `can't have text and
//! binary mode at once`, ...); binary mode refuses `encoding`, `errors`
//! and `newline`; `buffering=0` gives the raw [`FileIO`] (binary only),
//! `1` line buffering (text only), a negative value the default size and
//! line buffering on a terminal, and any other value that buffer size.
//! The buffered layer is a reader, a writer or both by the mode, and text
//! mode adds a [`TextIOWrapper`].
//!
//! What differs from Python: the encoding, errors and newline are checked
//! before the file is opened (Python creates a file, then rejects a bad
//! encoding); the default encoding is UTF-8; the buffer is a fixed
//! storage, so a requested size larger than it is cut to it, and the
//! default size is the whole storage (8 KiB for [`open()`], CPython's
//! `io.DEFAULT_BUFFER_SIZE`; CPython 3.11 uses `st_blksize`, often 4 KiB,
//! and 3.14 the larger of that and 128 KiB, which the alloc layer's
//! `open()` gives); a binary `buffering=1` is silently the default (Python
//! warns).

use super::buffered::Buffered;
use super::codec::{Encoding, Errors};
use super::error::{ArgumentKind, BadArgument, Error, Result};
use super::raw::{FileIO, Name};
use super::text::{Newline, TextIOWrapper, TextOptions};
use super::traits::{DEFAULT_BUFFER_SIZE, IOBase, Storage, Whence};
use crate::errno::Errno;
use core::ffi::CStr;
use core::fmt;
use rustix::fd::OwnedFd;
use rustix::fs::OFlags;

/// A parsed `open()` mode.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    text: [u8; 4],
    len: u8,
    /// `x`.
    pub creating: bool,
    /// `r`.
    pub reading: bool,
    /// `w`.
    pub writing: bool,
    /// `a`.
    pub appending: bool,
    /// `+`.
    pub updating: bool,
    /// `b`.
    pub binary: bool,
}

impl fmt::Debug for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mode({:?})", self.as_str())
    }
}

impl Mode {
    /// Parses `mode` as `io.open` does, in its order of checks.
    pub fn parse(mode: &str) -> Result<Mode> {
        let invalid = || Error::BadArgument(BadArgument::new(ArgumentKind::Mode, mode));
        let mut seen = 0u8;
        let mut m = Mode {
            text: [0; 4],
            len: 0,
            creating: false,
            reading: false,
            writing: false,
            appending: false,
            updating: false,
            binary: false,
        };
        let mut text = false;
        for c in mode.bytes() {
            let bit = match c {
                b'x' => 1,
                b'r' => 2,
                b'w' => 4,
                b'a' => 8,
                b'+' => 16,
                b't' => 32,
                b'b' => 64,
                _ => return Err(invalid()),
            };
            if seen & bit != 0 {
                return Err(invalid());
            }
            seen |= bit;
        }
        m.creating = seen & 1 != 0;
        m.reading = seen & 2 != 0;
        m.writing = seen & 4 != 0;
        m.appending = seen & 8 != 0;
        m.updating = seen & 16 != 0;
        text |= seen & 32 != 0;
        m.binary = seen & 64 != 0;
        if text && m.binary {
            return Err(Error::Value("can't have text and binary mode at once"));
        }
        let kinds = [m.creating, m.reading, m.writing, m.appending]
            .iter()
            .filter(|&&k| k)
            .count();
        if kinds > 1 {
            return Err(Error::Value(
                "must have exactly one of create/read/write/append mode",
            ));
        }
        if kinds == 0 {
            return Err(Error::Value(
                "Must have exactly one of create/read/write/append mode and at most one plus",
            ));
        }
        // Valid modes are at most three letters (one of xrwa, +, b or t).
        if let Some(room) = m.text.get_mut(..mode.len()) {
            room.copy_from_slice(mode.as_bytes());
            m.len = mode.len() as u8;
        }
        Ok(m)
    }

    /// The mode as given: what a text stream's `mode` attribute shows.
    pub fn as_str(&self) -> &str {
        let b = self.text.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(b).unwrap_or_default()
    }

    /// The mode `FileIO` is opened with.
    fn raw(&self) -> &'static str {
        match (self.creating, self.reading, self.writing, self.updating) {
            (true, _, _, false) => "x",
            (true, _, _, true) => "x+",
            (_, true, _, false) => "r",
            (_, true, _, true) => "r+",
            (_, _, true, false) => "w",
            (_, _, true, true) => "w+",
            (_, _, _, false) => "a",
            _ => "a+",
        }
    }
}

/// `open()`'s keyword arguments, with Python's defaults.
pub struct OpenOptions<'a> {
    /// `buffering`: -1 (the default), 0, 1 or a size.
    pub buffering: i64,
    /// `encoding` (text only): `None` is UTF-8.
    pub encoding: Option<&'a str>,
    /// `errors` (text only): `None` is `strict`.
    pub errors: Option<&'a str>,
    /// `newline` (text only): `None` is universal newlines.
    pub newline: Option<&'a str>,
    /// `closefd`: when opening a descriptor, whether closing the stream
    /// closes it. Must be true for a path.
    pub closefd: bool,
    /// `opener`: opens the path with the given flags instead of
    /// `openat(AT_FDCWD, ...)`.
    #[allow(clippy::type_complexity)]
    pub opener: Option<&'a mut dyn FnMut(&CStr, OFlags) -> core::result::Result<OwnedFd, Errno>>,
}

impl Default for OpenOptions<'_> {
    fn default() -> Self {
        OpenOptions {
            buffering: -1,
            encoding: None,
            errors: None,
            newline: None,
            closefd: true,
            opener: None,
        }
    }
}

impl fmt::Debug for OpenOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenOptions")
            .field("buffering", &self.buffering)
            .field("encoding", &self.encoding)
            .field("errors", &self.errors)
            .field("newline", &self.newline)
            .field("closefd", &self.closefd)
            .finish()
    }
}

/// What `open()` returns: the stack the mode asked for. `S` is the binary
/// buffer, `L` the text layer's line buffer.
pub enum File<S: Storage = [u8; DEFAULT_BUFFER_SIZE], L: Storage = [u8; DEFAULT_BUFFER_SIZE]> {
    /// `buffering=0`: the raw file.
    Raw(FileIO),
    /// Binary mode: `BufferedReader`, `BufferedWriter` or `BufferedRandom`.
    Binary(Buffered<FileIO, S>),
    /// Text mode.
    Text(TextIOWrapper<Buffered<FileIO, S>, L>, Mode),
}

impl<S: Storage, L: Storage> fmt::Debug for File<S, L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            File::Raw(r) => r.fmt(f),
            File::Binary(b) => b.fmt(f),
            File::Text(t, m) => write!(f, "{t:?} mode={:?}", m.as_str()),
        }
    }
}

/// Where to open: a path, or a descriptor (Python's `open(fd)`).
pub enum Target<P> {
    /// A path.
    Path(P),
    /// A file descriptor.
    Fd(i32),
}

/// `open(file, mode)`—opens `path` with the default options.
///
/// # References
/// - [open](https://docs.python.org/3/library/functions.html#open)
/// - [open(2)](https://man7.org/linux/man-pages/man2/open.2.html)
pub fn open<P: rustix::path::Arg>(path: P, mode: &str) -> Result<File> {
    open_with(path, mode, OpenOptions::default())
}

/// `open(file, mode, buffering, encoding, errors, newline, closefd,
/// opener)`—opens `path` with `options`, in 8 KiB buffers.
pub fn open_with<P: rustix::path::Arg>(
    path: P,
    mode: &str,
    options: OpenOptions<'_>,
) -> Result<File> {
    File::open_in(
        Target::Path(path),
        mode,
        options,
        [0; DEFAULT_BUFFER_SIZE],
        [0; DEFAULT_BUFFER_SIZE],
    )
}

impl<S: Storage, L: Storage> File<S, L> {
    /// `open()` on a path or a descriptor, buffering in `buf` and (text
    /// mode) decoding lines into `line`.
    pub fn open_in<P: rustix::path::Arg>(
        target: Target<P>,
        mode: &str,
        options: OpenOptions<'_>,
        buf: S,
        line: L,
    ) -> Result<Self> {
        let m = Mode::parse(mode)?;
        if m.binary {
            if options.encoding.is_some() {
                return Err(Error::Value(
                    "binary mode doesn't take an encoding argument",
                ));
            }
            if options.errors.is_some() {
                return Err(Error::Value("binary mode doesn't take an errors argument"));
            }
            if options.newline.is_some() {
                return Err(Error::Value("binary mode doesn't take a newline argument"));
            }
        } else {
            Encoding::lookup(options.encoding.unwrap_or("utf-8"))?;
            Errors::lookup(options.errors.unwrap_or("strict"))?;
            Newline::parse(options.newline)?;
            if options.buffering == 0 {
                return Err(Error::Value("can't have unbuffered text I/O"));
            }
        }
        let raw = match target {
            Target::Path(path) => {
                if !options.closefd {
                    return Err(Error::Value("Cannot use closefd=False with file name"));
                }
                match options.opener {
                    Some(opener) => FileIO::open_with(path, m.raw(), |p, f| opener(p, f))?,
                    None => FileIO::open(path, m.raw())?,
                }
            }
            Target::Fd(fd) => FileIO::from_fd(fd, m.raw(), options.closefd)?,
        };
        let mut buffering = options.buffering;
        let mut line_buffering = false;
        if buffering == 1 || (buffering < 0 && raw.isatty().unwrap_or(false)) {
            buffering = -1;
            line_buffering = !m.binary;
        }
        if buffering < 0 {
            buffering = i64::MAX;
        }
        if buffering == 0 {
            return Ok(File::Raw(raw));
        }
        let readable = m.reading || m.updating;
        let writable = !m.reading || m.updating;
        let buffered = Buffered::with_buffer_size(
            raw,
            buf,
            buffering.min(isize::MAX as i64) as usize,
            readable,
            writable,
        )?;
        if m.binary {
            return Ok(File::Binary(buffered));
        }
        let text = TextIOWrapper::with_options(
            buffered,
            line,
            &TextOptions {
                encoding: options.encoding,
                errors: options.errors,
                newline: options.newline,
                line_buffering,
                write_through: false,
            },
        )?;
        Ok(File::Text(text, m))
    }

    /// The text stream, in text mode; `UnsupportedOperation` otherwise.
    pub fn text(&mut self) -> Result<&mut TextIOWrapper<Buffered<FileIO, S>, L>> {
        match self {
            File::Text(t, _) => Ok(t),
            _ => Err(Error::Unsupported("not a text stream")),
        }
    }

    /// The buffered binary stream (under the text layer in text mode).
    pub fn binary(&mut self) -> Result<&mut Buffered<FileIO, S>> {
        match self {
            File::Binary(b) => Ok(b),
            File::Text(t, _) => t.buffer_mut().ok_or(Error::Unsupported("detached")),
            File::Raw(_) => Err(Error::Unsupported("not a buffered stream")),
        }
    }

    /// The raw `FileIO` at the bottom.
    pub fn raw(&self) -> Option<&FileIO> {
        match self {
            File::Raw(r) => Some(r),
            File::Binary(b) => b.raw(),
            File::Text(t, _) => t.buffer().and_then(|b| b.raw()),
        }
    }

    /// `mode`: as given for text, `FileIO`'s normalized mode for binary.
    pub fn mode(&self) -> &str {
        match self {
            File::Text(_, m) => m.as_str(),
            _ => self.raw().map_or("", |r| r.mode()),
        }
    }

    /// `name`.
    pub fn name(&self) -> Option<Name<'_>> {
        self.raw().map(FileIO::name)
    }

    /// Python's class name for the top of the stack.
    pub fn python_class(&self) -> &'static str {
        match self {
            File::Raw(_) => "FileIO",
            File::Binary(b) => b.python_class(),
            File::Text(..) => "TextIOWrapper",
        }
    }

    fn io(&self) -> &dyn IOBase {
        match self {
            File::Raw(r) => r,
            File::Binary(b) => b,
            File::Text(t, _) => t,
        }
    }

    fn io_mut(&mut self) -> &mut dyn IOBase {
        match self {
            File::Raw(r) => r,
            File::Binary(b) => b,
            File::Text(t, _) => t,
        }
    }
}

impl<S: Storage, L: Storage> IOBase for File<S, L> {
    fn closed(&self) -> bool {
        self.io().closed()
    }
    fn close(&mut self) -> Result<()> {
        self.io_mut().close()
    }
    fn fileno(&self) -> Result<i32> {
        self.io().fileno()
    }
    fn flush(&mut self) -> Result<()> {
        self.io_mut().flush()
    }
    fn isatty(&self) -> Result<bool> {
        self.io().isatty()
    }
    fn readable(&self) -> bool {
        self.io().readable()
    }
    fn writable(&self) -> bool {
        self.io().writable()
    }
    fn seekable(&self) -> bool {
        self.io().seekable()
    }
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        self.io_mut().seek(offset, whence)
    }
    fn tell(&mut self) -> Result<u64> {
        self.io_mut().tell()
    }
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        self.io_mut().truncate(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{BufferedIOBase, TextIOBase};
    use std::string::String;

    fn temp(name: &str) -> String {
        let dir = std::env::temp_dir().join(std::format!("strata-io-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name).to_str().unwrap().into()
    }

    fn err(mode: &str) -> String {
        std::format!("{}", Mode::parse(mode).unwrap_err())
    }

    #[test]
    fn mode_errors_read_as_python_writes_them() {
        assert_eq!(
            err("rw"),
            "must have exactly one of create/read/write/append mode"
        );
        assert_eq!(err("rr"), "invalid mode: 'rr'");
        assert_eq!(err("rU"), "invalid mode: 'rU'");
        assert_eq!(err("rbt"), "can't have text and binary mode at once");
        assert_eq!(
            err("b"),
            "Must have exactly one of create/read/write/append mode and at most one plus"
        );
        for ok in ["r", "rb", "w+b", "+r", "br", "xt", "a"] {
            assert!(Mode::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn the_stack_follows_the_mode() {
        let path = temp("stack");
        let mut f = open(path.as_str(), "w").unwrap();
        assert_eq!(f.python_class(), "TextIOWrapper");
        assert_eq!(f.mode(), "w");
        f.text().unwrap().write("héllo\nworld\n").unwrap();
        f.close().unwrap();

        let mut f = open(path.as_str(), "rb").unwrap();
        assert_eq!(f.python_class(), "BufferedReader");
        assert_eq!(f.mode(), "rb");
        let mut buf = [0u8; 64];
        let n = f.binary().unwrap().readinto(&mut buf).unwrap();
        assert_eq!(&buf[..n], "héllo\nworld\n".as_bytes());

        let options = OpenOptions {
            buffering: 0,
            ..OpenOptions::default()
        };
        let f = open_with(path.as_str(), "ab", options).unwrap();
        assert_eq!(f.python_class(), "FileIO");
        assert_eq!(f.mode(), "ab");
        let f = open(path.as_str(), "r+b").unwrap();
        assert_eq!(f.python_class(), "BufferedRandom");
        assert_eq!(f.mode(), "rb+");
        let f = open(path.as_str(), "a").unwrap();
        assert_eq!(f.mode(), "a");

        let mut f = open(path.as_str(), "r").unwrap();
        assert_eq!(f.text().unwrap().readline().unwrap(), "héllo\n");
        assert_eq!(f.tell().unwrap(), 7);
        assert_eq!(f.text().unwrap().readline().unwrap(), "world\n");
        f.seek(7, Whence::Set).unwrap();
        assert_eq!(f.text().unwrap().readline().unwrap(), "world\n");
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn argument_errors() {
        let path = temp("args");
        let o = |f: fn(&mut OpenOptions<'_>)| {
            let mut opts = OpenOptions::default();
            f(&mut opts);
            std::format!("{}", open_with(path.as_str(), "rb", opts).unwrap_err())
        };
        assert_eq!(
            o(|o| o.encoding = Some("utf-8")),
            "binary mode doesn't take an encoding argument"
        );
        assert_eq!(
            o(|o| o.errors = Some("strict")),
            "binary mode doesn't take an errors argument"
        );
        assert_eq!(
            o(|o| o.newline = Some("\n")),
            "binary mode doesn't take a newline argument"
        );
        let t = |f: fn(&mut OpenOptions<'_>)| {
            let mut opts = OpenOptions::default();
            f(&mut opts);
            std::format!("{}", open_with(path.as_str(), "w", opts).unwrap_err())
        };
        assert_eq!(t(|o| o.buffering = 0), "can't have unbuffered text I/O");
        assert_eq!(t(|o| o.encoding = Some("nope")), "unknown encoding: nope");
        assert_eq!(t(|o| o.newline = Some("x")), "illegal newline value: x");
        assert!(
            std::fs::metadata(&path).is_err(),
            "checked before the file was created"
        );
        let e = open("/nonexistent/dir/f", "r").unwrap_err();
        assert_eq!(e.python_class(), "FileNotFoundError");
    }

    #[test]
    fn open_a_descriptor() {
        let (r, w) = crate::os::pipe().unwrap();
        use rustix::fd::AsRawFd;
        let options = OpenOptions {
            closefd: false,
            ..OpenOptions::default()
        };
        let mut f = File::open_in(
            Target::<&str>::Fd(w.as_raw_fd()),
            "w",
            options,
            [0u8; 64],
            [0u8; 0],
        )
        .unwrap();
        f.text().unwrap().write("through a pipe\n").unwrap();
        f.close().unwrap();
        let mut buf = [0u8; 32];
        let n = crate::os::read(&r, &mut buf).unwrap();
        assert_eq!(&buf[..n], b"through a pipe\n");
        assert!(!f.seekable());
    }
}
