//! Python's `io` class hierarchy as traits: [`IOBase`] under
//! [`RawIOBase`], [`BufferedIOBase`] and [`TextIOBase`].
//!
//! What differs from Python: reads fill a caller's buffer (`readinto`)
//! instead of returning new `bytes`, since core does not allocate (the alloc
//! layer adds `read(n)`, `readall` and `readlines` that return owned data);
//! `readable`/`writable`/`seekable` answer `false` on a closed stream where
//! Python raises; `whence` is an enum, so Python's `invalid whence` cannot
//! happen. Buffered streams add `fill_buf`/`consume` (Rust's `BufRead`),
//! which the text layer decodes from without copying.

use super::error::{Error, Result};
use super::memchr::memchr;

/// `io.DEFAULT_BUFFER_SIZE`: 8 KiB.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// Where a seek offset counts from: `os.SEEK_SET`, `SEEK_CUR`, `SEEK_END`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whence {
    /// `SEEK_SET` (0): from the start.
    Set,
    /// `SEEK_CUR` (1): from the current position.
    Cur,
    /// `SEEK_END` (2): from the end.
    End,
}

/// `io.SEEK_SET`.
pub const SEEK_SET: Whence = Whence::Set;
/// `io.SEEK_CUR`.
pub const SEEK_CUR: Whence = Whence::Cur;
/// `io.SEEK_END`.
pub const SEEK_END: Whence = Whence::End;

/// The bytes a buffered stream or an in-memory stream keeps: anything that
/// is a mutable byte slice. `[u8; N]` gives a const-generic capacity,
/// `&mut [u8]` a caller-provided one, and (in the alloc layer) `Vec<u8>` or
/// `Box<[u8]>` one chosen at run time.
pub trait Storage: AsRef<[u8]> + AsMut<[u8]> {}
impl<T: AsRef<[u8]> + AsMut<[u8]> + ?Sized> Storage for T {}

/// `io.IOBase`—what every stream has: closing, flushing, positions.
///
/// # References
/// - [io.IOBase](https://docs.python.org/3/library/io.html#io.IOBase)
pub trait IOBase {
    /// `closed`—whether [`close`](IOBase::close) has been called.
    fn closed(&self) -> bool;

    /// `close()`—flushes and closes; a second call does nothing. The
    /// stream is closed even when the flush fails, and that error is
    /// returned.
    fn close(&mut self) -> Result<()>;

    /// `fileno()`—the underlying file descriptor, for streams that have
    /// one.
    fn fileno(&self) -> Result<i32> {
        Err(Error::Unsupported("fileno"))
    }

    /// `flush()`—writes out what is buffered.
    fn flush(&mut self) -> Result<()> {
        if self.closed() {
            Err(Error::CLOSED)
        } else {
            Ok(())
        }
    }

    /// `isatty()`—whether the stream is a terminal.
    fn isatty(&self) -> Result<bool> {
        if self.closed() {
            Err(Error::CLOSED)
        } else {
            Ok(false)
        }
    }

    /// `readable()`.
    fn readable(&self) -> bool {
        false
    }

    /// `writable()`.
    fn writable(&self) -> bool {
        false
    }

    /// `seekable()`.
    fn seekable(&self) -> bool {
        false
    }

    /// `seek(offset, whence)`—moves the position, returning the new one.
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        let _ = (offset, whence);
        Err(Error::Unsupported("seek"))
    }

    /// `tell()`—the current position.
    fn tell(&mut self) -> Result<u64> {
        self.seek(0, Whence::Cur)
    }

    /// `truncate(size=None)`—cuts (or extends) the stream to `size` bytes,
    /// by default the current position, which does not move. Returns the
    /// new size.
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        let _ = size;
        Err(Error::Unsupported("truncate"))
    }
}

/// `io.RawIOBase`—unbuffered binary I/O: each call is (at most) one system
/// call.
///
/// A non-blocking stream that has nothing to give, or cannot take anything,
/// returns `Err(Error::Os(EAGAIN))` where Python returns `None`.
///
/// # References
/// - [io.RawIOBase](https://docs.python.org/3/library/io.html#io.RawIOBase)
pub trait RawIOBase: IOBase {
    /// `readinto(b)` (and `read(n)`)—reads at most `buf.len()` bytes; 0
    /// means end of file.
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize>;

    /// `write(b)`—writes some of `data`, returning how much.
    fn write(&mut self, data: &[u8]) -> Result<usize>;

    /// `readline(size)`—reads up to and including `\n`, at most
    /// `out.len()` bytes, one byte per call as Python's `RawIOBase` does.
    fn readline(&mut self, out: &mut [u8]) -> Result<usize> {
        let mut n = 0;
        while let Some(slot) = out.get_mut(n..n + 1) {
            if self.readinto(slot)? == 0 {
                break;
            }
            n += 1;
            if slot == b"\n" {
                break;
            }
        }
        Ok(n)
    }

    /// `writelines(lines)`—writes each item, adding no separators.
    fn writelines<I>(&mut self, lines: I) -> Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
        Self: Sized,
    {
        for line in lines {
            let mut rest = line.as_ref();
            while !rest.is_empty() {
                match self.write(rest)? {
                    0 => return Err(Error::Os(crate::errno::Errno::IO)),
                    n => rest = rest.get(n..).unwrap_or_default(),
                }
            }
        }
        Ok(())
    }
}

/// `io.BufferedIOBase`—binary I/O through a buffer: reads fill the
/// caller's buffer unless the stream ends, writes take all of the data
/// unless an error says how much they took.
///
/// # References
/// - [io.BufferedIOBase](https://docs.python.org/3/library/io.html#io.BufferedIOBase)
pub trait BufferedIOBase: IOBase {
    /// `readinto(b)` (and `read(n)`)—fills `buf`, stopping early only at
    /// end of file (or when a non-blocking stream has nothing more).
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize>;

    /// `readinto1(b)` (and `read1(n)`)—at most one read of the underlying
    /// stream, none when data is already buffered.
    fn readinto1(&mut self, buf: &mut [u8]) -> Result<usize>;

    /// `write(b)`—takes all of `data` (buffering it or writing it through)
    /// and returns its length; on an error, [`Error::characters_written`]
    /// says how much was taken.
    fn write(&mut self, data: &[u8]) -> Result<usize>;

    /// What is buffered, after reading more until at least `min` bytes are
    /// (or the stream ends, or the buffer is full). Like Python's
    /// `peek(n)`, but it may read more than once; Rust's `fill_buf`.
    fn fill_buf(&mut self, min: usize) -> Result<&[u8]> {
        let _ = min;
        Err(Error::Unsupported("read"))
    }

    /// Marks `n` bytes of what [`fill_buf`](BufferedIOBase::fill_buf)
    /// returned as read.
    fn consume(&mut self, n: usize) {
        let _ = n;
    }

    /// Marks `n` bytes of what [`fill_buf`](BufferedIOBase::fill_buf)
    /// returned as read and returns them, still in the buffer: how the
    /// text layer hands out lines without copying.
    fn take(&mut self, n: usize) -> &[u8];

    /// How many bytes are buffered and not yet consumed, without reading
    /// more; `None` if the stream cannot tell (then a caller that must
    /// not lose them uses [`fill_buf`](BufferedIOBase::fill_buf), which
    /// may read).
    fn buffered_len(&self) -> Option<usize> {
        None
    }

    /// A promise, for streams that can make it, that lets the text layer
    /// check UTF-8 once per buffer instead of once per line; see
    /// [`StableBuffer`]. `None` (the default) costs only speed.
    fn stable(&self) -> Option<StableBuffer> {
        None
    }

    /// How many bytes [`fill_buf`](BufferedIOBase::fill_buf) can hold at
    /// most: a stream that returns fewer than asked for, and fewer than
    /// this, has reached its end.
    fn buffer_size(&self) -> usize {
        usize::MAX
    }

    /// `readline(size)`—reads up to and including `\n`, at most
    /// `out.len()` bytes.
    fn readline(&mut self, out: &mut [u8]) -> Result<usize> {
        let mut n = 0;
        while n < out.len() {
            let avail = self.fill_buf(1)?;
            if avail.is_empty() {
                break;
            }
            let room = out.len() - n;
            let (take, done) = match memchr(b'\n', avail) {
                Some(i) if i < room => (i + 1, true),
                _ => (avail.len().min(room), false),
            };
            if let (Some(dst), Some(src)) = (out.get_mut(n..n + take), avail.get(..take)) {
                dst.copy_from_slice(src);
            }
            self.consume(take);
            n += take;
            if done {
                break;
            }
        }
        Ok(n)
    }

    /// `writelines(lines)`—writes each item, adding no separators.
    fn writelines<I>(&mut self, lines: I) -> Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
        Self: Sized,
    {
        for line in lines {
            self.write(line.as_ref())?;
        }
        Ok(())
    }
}

/// A buffered stream's promise about its buffer, made by returning one from
/// [`BufferedIOBase::stable`]: until the next `consume`, `take`, write,
/// seek, flush or close, [`fill_buf`](BufferedIOBase::fill_buf) returns
/// the unconsumed bytes unchanged as its prefix (it may add more after
/// them), and [`take`](BufferedIOBase::take)`(n)` returns exactly the first
/// `n` of them. The text layer relies on it to skip checking UTF-8 it has
/// already checked; only `unsafe` code can make one.
#[derive(Debug)]
pub struct StableBuffer(());

impl StableBuffer {
    /// Makes the promise.
    ///
    /// # Safety
    /// The stream returning it must keep the promise described on
    /// [`StableBuffer`]: text read through it is handed out as `&str`
    /// without a second check.
    pub unsafe fn promise() -> StableBuffer {
        StableBuffer(())
    }
}

/// Which line endings a text stream has met while reading: Python's
/// `newlines` attribute (`None`, one string, or a tuple of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Newlines(u8);

impl Newlines {
    /// `'\r'`.
    pub const CR: Newlines = Newlines(1);
    /// `'\n'`.
    pub const LF: Newlines = Newlines(2);
    /// `'\r\n'`.
    pub const CRLF: Newlines = Newlines(4);

    /// Whether no line ending has been seen (Python's `None`).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `kind` has been seen.
    pub fn contains(self, kind: Newlines) -> bool {
        self.0 & kind.0 == kind.0
    }

    /// None seen (Python's `None`).
    pub const NONE: Newlines = Newlines(0);

    /// Records that `kind` has been seen.
    pub fn add(&mut self, kind: Newlines) {
        self.0 |= kind.0;
    }

    /// The endings seen, in Python's order (`'\r'`, `'\n'`, `'\r\n'`).
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        [(Self::CR, "\r"), (Self::LF, "\n"), (Self::CRLF, "\r\n")]
            .into_iter()
            .filter(move |(k, _)| self.contains(*k))
            .map(|(_, s)| s)
    }
}

/// `io.TextIOBase`—text I/O: what is read is decoded, what is written is
/// encoded, and line endings are translated.
///
/// Text is UTF-8 (`&str`). Reads return text borrowed from the caller's
/// buffer or the stream's own; a line longer than that buffer comes in
/// pieces, as Python's `readline(size)` gives it, and only the last piece
/// ends with `\n`.
///
/// # References
/// - [io.TextIOBase](https://docs.python.org/3/library/io.html#io.TextIOBase)
pub trait TextIOBase: IOBase {
    /// `encoding`—the codec's name: `utf-8`, `utf-8-sig`, `ascii`,
    /// `latin-1`.
    fn encoding(&self) -> &'static str;

    /// `errors`—the error handler's name: `strict`, `replace`, ...
    fn errors(&self) -> &'static str;

    /// `newlines`—the line endings met so far.
    fn newlines(&self) -> Newlines {
        Newlines::default()
    }

    /// `read(size)`—decodes up to `out.len()` bytes of text into `out`,
    /// ending on a character boundary; empty at end of file.
    fn read<'a>(&mut self, out: &'a mut [u8]) -> Result<&'a str>;

    /// `readline()`—the next line, with its `\n`; empty at end of file.
    fn readline(&mut self) -> Result<&str>;

    /// `write(s)`—encodes and writes `s`, returning `s.len()` (Python
    /// counts characters; Rust strings count bytes).
    fn write(&mut self, s: &str) -> Result<usize>;

    /// `writelines(lines)`—writes each item, adding no separators.
    fn writelines<I>(&mut self, lines: I) -> Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
        Self: Sized,
    {
        for line in lines {
            self.write(line.as_ref())?;
        }
        Ok(())
    }
}
