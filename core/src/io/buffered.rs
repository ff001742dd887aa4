//! Buffered binary I/O: `BufferedReader`, `BufferedWriter`,
//! `BufferedRandom` and `BufferedRWPair`, over any [`RawIOBase`].
//!
//! One engine, [`Buffered`], does the work for all of them: a single buffer
//! that holds either read-ahead or pending writes, never both, as in
//! CPython. The three typed wrappers only choose which directions are
//! allowed; `open()` uses the engine itself, choosing at run time.
//!
//! As in Python: reads larger than the buffer go straight into the caller's
//! memory, and so do writes as large as it (Python still copies a write of
//! exactly the buffer's size); short writes are retried; a
//! seek that lands inside the read-ahead moves within it; closing flushes,
//! reports a flush error and still closes the raw stream. Where Python's
//! `BlockingIOError` says how many bytes a write took (non-blocking raw
//! streams), so does [`Error::BlockingIO`]; a hard error part-way through a
//! large write says it too ([`Error::PartialWrite`]), which Python does
//! not. Unwritten bytes stay buffered after a failed flush, so nothing is
//! lost or written twice.
//!
//! The buffer is any [`Storage`]: `[u8; N]` (the default is Python's
//! 8 KiB), a caller's `&mut [u8]`, or a `Vec<u8>` in the alloc layer.
//! `buffer_size` may be smaller than the storage.

use super::error::{Error, Result};
use super::memchr::memchr;
use super::slice::{put, shift_down};
use super::traits::{
    BufferedIOBase, DEFAULT_BUFFER_SIZE, IOBase, RawIOBase, StableBuffer, Storage, Whence,
};
use crate::errno::Errno;
use core::fmt;

const DETACHED: Error = Error::Value("raw stream has been detached");

/// The buffered engine: Python's `BufferedReader`, `BufferedWriter` or
/// `BufferedRandom`, depending on which directions it was built for.
pub struct Buffered<R: RawIOBase, S: Storage = [u8; DEFAULT_BUFFER_SIZE]> {
    raw: Option<R>,
    buf: S,
    /// The buffer size; 0 stands for the whole storage, so that a static
    /// stream can be all zero bytes (and cost nothing in the program
    /// file).
    size: usize,
    /// Read-ahead: `buf[pos..end]`.
    pos: usize,
    end: usize,
    /// Pending writes: `buf[..wlen]`. Only when there is no read-ahead.
    wlen: usize,
    readable: bool,
    /// Not writable (stored negated for the same reason as `size`).
    no_write: bool,
}

impl<R: RawIOBase, S: Storage> fmt::Debug for Buffered<R, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.python_class())
            .field("buffer_size", &self.cap())
            .field("read_ahead", &(self.end - self.pos))
            .field("pending", &self.wlen)
            .finish()
    }
}

impl<R: RawIOBase, S: Storage> Buffered<R, S> {
    /// A buffered stream over `raw` in `buf`, reading and/or writing.
    pub fn new(raw: R, buf: S, readable: bool, writable: bool) -> Self {
        let size = buf.as_ref().len();
        Self::from_parts(raw, buf, size, readable, writable)
    }

    /// The same, with `buffer_size` no larger than the storage: Python's
    /// `buffer_size` argument. Zero is `ValueError: buffer size must be
    /// strictly positive`.
    pub fn with_buffer_size(
        raw: R,
        buf: S,
        buffer_size: usize,
        readable: bool,
        writable: bool,
    ) -> Result<Self> {
        if buffer_size == 0 {
            return Err(Error::Value("buffer size must be strictly positive"));
        }
        let size = buffer_size.min(buf.as_ref().len());
        Ok(Self::from_parts(raw, buf, size, readable, writable))
    }

    /// For statics: every field given, nothing computed.
    pub(crate) const fn from_parts(
        raw: R,
        buf: S,
        size: usize,
        readable: bool,
        writable: bool,
    ) -> Self {
        Buffered {
            raw: Some(raw),
            buf,
            size,
            pos: 0,
            end: 0,
            wlen: 0,
            readable,
            no_write: !writable,
        }
    }

    /// Python's class name for this stream's directions.
    pub fn python_class(&self) -> &'static str {
        match (self.readable, !self.no_write) {
            (true, true) => "BufferedRandom",
            (false, true) => "BufferedWriter",
            _ => "BufferedReader",
        }
    }

    /// `raw`—the raw stream, unless detached.
    pub fn raw(&self) -> Option<&R> {
        self.raw.as_ref()
    }

    /// The raw stream, mutably. Reading or seeking it directly leaves the
    /// buffer stale: flush first, and expect read-ahead to be skipped.
    pub fn raw_mut(&mut self) -> Option<&mut R> {
        self.raw.as_mut()
    }

    /// `buffer_size`.
    pub fn buffer_size(&self) -> usize {
        self.cap()
    }

    /// The buffer size (see `size`).
    #[inline]
    fn cap(&self) -> usize {
        match self.size {
            0 => self.buf.as_ref().len(),
            n => n,
        }
    }

    /// How many bytes are read ahead and not yet consumed.
    pub fn read_ahead(&self) -> usize {
        self.end - self.pos
    }

    /// How many written bytes wait in the buffer.
    pub fn pending(&self) -> usize {
        self.wlen
    }

    /// `detach()`—flushes and hands back the raw stream. If the flush
    /// fails, nothing is detached and the error is returned with `self`.
    // The stream comes back with its error, usable, as Python's does; the
    // error path is rare, so the size of that pair does not matter.
    #[allow(clippy::result_large_err)]
    pub fn detach(mut self) -> core::result::Result<R, (Error, Self)> {
        if let Err(e) = self.flush_pending() {
            return Err((e, self));
        }
        match self.raw.take() {
            Some(raw) => Ok(raw),
            None => Err((DETACHED, self)),
        }
    }

    /// For the standard output's own write path: the raw stream, the
    /// storage, the pending length and the buffer size.
    pub(crate) fn writer_parts(&mut self) -> Option<(&R, &mut [u8], &mut usize, usize)> {
        let raw = self.raw.as_ref()?;
        let size = self.cap();
        Some((raw, self.buf.as_mut(), &mut self.wlen, size))
    }

    /// Forgets pending writes and read-ahead (the standard streams drop
    /// what could not be written rather than retry it forever).
    pub(crate) fn discard(&mut self) {
        self.wlen = 0;
        self.pos = 0;
        self.end = 0;
    }

    fn raw_checked(&mut self, closed: Error) -> Result<&mut R> {
        match self.raw.as_mut() {
            None => Err(DETACHED),
            Some(r) if r.closed() => Err(closed),
            Some(r) => Ok(r),
        }
    }

    // ---- reading ----

    fn check_read(&mut self) -> Result<()> {
        if !self.readable {
            return Err(Error::Unsupported("read"));
        }
        self.raw_checked(Error::Value("read of closed file"))?;
        if self.wlen > 0 {
            self.flush_pending()?;
        }
        Ok(())
    }

    /// One raw read into the free end of the buffer (after moving the
    /// read-ahead to the front). `Ok(0)` is end of file.
    fn read_more(&mut self) -> Result<usize> {
        if self.pos > 0 {
            shift_down(self.buf.as_mut(), self.pos, self.end);
            self.end -= self.pos;
            self.pos = 0;
        }
        let cap = self.cap();
        let raw = self.raw.as_mut().ok_or(DETACHED)?;
        let free = self.buf.as_mut().get_mut(self.end..cap).unwrap_or_default();
        let n = raw.readinto(free)?;
        self.end += n.min(cap - self.end);
        Ok(n)
    }

    /// `peek(size)`—buffered bytes without consuming them; reads once if
    /// none are.
    pub fn peek(&mut self) -> Result<&[u8]> {
        self.check_read()?;
        if self.pos == self.end {
            self.read_more()?;
        }
        Ok(self
            .buf
            .as_ref()
            .get(self.pos..self.end)
            .unwrap_or_default())
    }

    /// The next line, `\n` included, borrowed from the buffer: no copy.
    /// A line longer than the buffer comes in buffer-sized pieces; empty
    /// at end of file.
    pub fn readline_ref(&mut self) -> Result<&[u8]> {
        self.check_read()?;
        let mut searched = 0;
        loop {
            let avail = self
                .buf
                .as_ref()
                .get(self.pos..self.end)
                .unwrap_or_default();
            let tail = avail.get(searched..).unwrap_or_default();
            if let Some(i) = memchr(b'\n', tail) {
                let len = searched + i + 1;
                let start = self.pos;
                self.pos += len;
                return Ok(self
                    .buf
                    .as_ref()
                    .get(start..start + len)
                    .unwrap_or_default());
            }
            searched = avail.len();
            if avail.len() >= self.cap() || self.read_more_eof()? {
                let start = self.pos;
                let len = self.end - self.pos;
                self.pos = self.end;
                return Ok(self
                    .buf
                    .as_ref()
                    .get(start..start + len)
                    .unwrap_or_default());
            }
        }
    }

    /// Reads once more; `true` at end of file. `EAGAIN` with data already
    /// buffered ends the search there too.
    fn read_more_eof(&mut self) -> Result<bool> {
        match self.read_more() {
            Ok(n) => Ok(n == 0),
            Err(Error::Os(Errno::AGAIN)) if self.end > self.pos => Ok(true),
            Err(e) => Err(e),
        }
    }

    fn copy_out(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.end - self.pos);
        let src = self.buf.as_ref().get(self.pos..self.pos + n);
        if put(out, 0, src.unwrap_or_default()) {
            self.pos += n;
            n
        } else {
            0
        }
    }

    // ---- writing ----

    fn check_write(&mut self) -> Result<()> {
        if self.no_write {
            return Err(Error::Unsupported("write"));
        }
        self.raw_checked(Error::Value("write to closed file"))?;
        if self.end > self.pos {
            // Read-ahead: move the raw stream back to where the reader is.
            let back = (self.end - self.pos) as i64;
            let raw = self.raw.as_mut().ok_or(DETACHED)?;
            raw.seek(-back, Whence::Cur)?;
        }
        self.pos = 0;
        self.end = 0;
        Ok(())
    }

    /// Writes out `buf[..wlen]`, retrying short writes. On an error the
    /// unwritten bytes move to the front and stay; `BlockingIO` counts the
    /// bytes that did go out.
    fn flush_pending(&mut self) -> Result<()> {
        let mut done = 0;
        let result = loop {
            if done >= self.wlen {
                break Ok(());
            }
            let Some(raw) = self.raw.as_mut() else {
                break Err(DETACHED);
            };
            let chunk = self.buf.as_ref().get(done..self.wlen).unwrap_or_default();
            match raw.write(chunk) {
                Ok(0) => break Err(Error::Os(Errno::IO)),
                Ok(n) => done += n.min(chunk.len()),
                Err(Error::Os(Errno::AGAIN)) => break Err(Error::BlockingIO { written: done }),
                Err(e) => break Err(e),
            }
        };
        shift_down(self.buf.as_mut(), done, self.wlen);
        self.wlen -= done.min(self.wlen);
        result
    }

    /// Appends to the pending writes; the caller checked that it fits.
    #[inline]
    fn stash(&mut self, data: &[u8]) {
        if put(self.buf.as_mut(), self.wlen, data) {
            self.wlen += data.len();
        }
    }

    #[inline]
    fn write_buffered(&mut self, data: &[u8]) -> Result<usize> {
        self.check_write()?;
        let cap = self.cap();
        if data.len() <= cap - self.wlen && data.len() < cap {
            self.stash(data);
            return Ok(data.len());
        }
        self.write_slow(data)
    }

    /// The buffer cannot take `data`: write it out, then write `data`
    /// through while it is at least as large as the buffer (Python copies
    /// a write of exactly the buffer's size; Strata, like Rust's std,
    /// spares that copy), and keep the rest.
    #[inline(never)]
    fn write_slow(&mut self, data: &[u8]) -> Result<usize> {
        match self.flush_pending() {
            Ok(()) => {}
            Err(Error::BlockingIO { .. }) => {
                // Buffer what fits and say how much that was.
                let take = data.len().min(self.cap() - self.wlen);
                self.stash(data.get(..take).unwrap_or_default());
                return if take == data.len() {
                    Ok(take)
                } else {
                    Err(Error::BlockingIO { written: take })
                };
            }
            Err(e) => return Err(e),
        }
        let mut written = 0;
        while data.len() - written >= self.cap() && data.len() > written {
            let Some(raw) = self.raw.as_mut() else {
                return Err(DETACHED);
            };
            let rest = data.get(written..).unwrap_or_default();
            match raw.write(rest) {
                Ok(0) => return Err(partial(Errno::IO, written)),
                Ok(n) => written += n.min(rest.len()),
                Err(Error::Os(Errno::AGAIN)) => {
                    let take = rest.len().min(self.cap());
                    self.stash(rest.get(..take).unwrap_or_default());
                    written += take;
                    if written == data.len() {
                        return Ok(written);
                    }
                    return Err(Error::BlockingIO { written });
                }
                Err(Error::Os(e)) => return Err(partial(e, written)),
                Err(e) => return Err(e),
            }
        }
        self.stash(data.get(written..).unwrap_or_default());
        Ok(data.len())
    }
}

/// An OS error after `written` bytes were taken: plain when none were.
fn partial(errno: Errno, written: usize) -> Error {
    if written == 0 {
        Error::Os(errno)
    } else {
        Error::PartialWrite { errno, written }
    }
}

impl<R: RawIOBase, S: Storage> IOBase for Buffered<R, S> {
    fn closed(&self) -> bool {
        self.raw.as_ref().is_none_or(|r| r.closed())
    }

    /// `close()`—flushes, then closes the raw stream even if the flush
    /// failed; the flush error wins.
    fn close(&mut self) -> Result<()> {
        let Some(raw) = self.raw.as_ref() else {
            return Err(DETACHED);
        };
        if raw.closed() {
            return Ok(());
        }
        let flushed = if self.wlen > 0 {
            self.flush_pending()
        } else {
            Ok(())
        };
        self.discard();
        let closed = match self.raw.as_mut() {
            Some(raw) => raw.close(),
            None => Ok(()),
        };
        flushed.and(closed)
    }

    fn fileno(&self) -> Result<i32> {
        self.raw.as_ref().ok_or(DETACHED)?.fileno()
    }

    fn flush(&mut self) -> Result<()> {
        if !self.no_write {
            self.raw_checked(Error::Value("flush of closed file"))?;
        } else {
            self.raw_checked(Error::CLOSED_RAW)?;
        }
        self.flush_pending()
    }

    fn isatty(&self) -> Result<bool> {
        self.raw.as_ref().ok_or(DETACHED)?.isatty()
    }

    fn readable(&self) -> bool {
        self.readable && self.raw.as_ref().is_some_and(|r| r.readable())
    }

    fn writable(&self) -> bool {
        !self.no_write && self.raw.as_ref().is_some_and(|r| r.writable())
    }

    fn seekable(&self) -> bool {
        self.raw.as_ref().is_some_and(|r| r.seekable())
    }

    /// `seek(offset, whence)`. A target inside the read-ahead moves within
    /// it; otherwise pending writes go out first and the read-ahead is
    /// dropped.
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        let (wlen, pos, end) = (self.wlen, self.pos, self.end);
        let raw = self.raw_checked(Error::Value("seek of closed file"))?;
        if !raw.seekable() {
            return Err(Error::Unsupported("File or stream is not seekable."));
        }
        if whence != Whence::End && wlen == 0 && end > pos {
            let ahead = (end - pos) as i64;
            let raw_pos = raw.tell()? as i64;
            let current = raw_pos - ahead;
            let target = match whence {
                Whence::Set => offset,
                _ => current.saturating_add(offset),
            };
            let buf_start = raw_pos - end as i64;
            if target >= buf_start && target <= raw_pos {
                self.pos = (target - buf_start) as usize;
                return Ok(target as u64);
            }
        }
        self.flush_pending()?;
        let raw = self.raw.as_mut().ok_or(DETACHED)?;
        let offset = if whence == Whence::Cur {
            offset - (self.end - self.pos) as i64
        } else {
            offset
        };
        let result = raw.seek(offset, whence);
        self.pos = 0;
        self.end = 0;
        result
    }

    /// `tell()`—the raw position, less the read-ahead, plus pending
    /// writes.
    fn tell(&mut self) -> Result<u64> {
        let ahead = (self.end - self.pos) as u64;
        let pending = self.wlen as u64;
        let raw = self.raw_checked(Error::CLOSED_RAW)?;
        let at = raw.tell()?;
        Ok((at + pending).saturating_sub(ahead))
    }

    /// `truncate(size=None)`—flushes, then truncates the raw stream; the
    /// position stays.
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        if self.no_write {
            return Err(Error::Unsupported("truncate"));
        }
        let size = match size {
            Some(s) => s,
            None => self.tell()?,
        };
        self.check_write()?;
        self.flush_pending()?;
        let raw = self.raw.as_mut().ok_or(DETACHED)?;
        raw.truncate(Some(size))
    }
}

impl<R: RawIOBase, S: Storage> BufferedIOBase for Buffered<R, S> {
    /// `readinto(b)`—fills `buf` from the buffer and then the raw stream;
    /// once the buffer is drained, a request at least as large as the
    /// buffer is read straight into `buf`.
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.check_read()?;
        let mut n = self.copy_out(buf);
        while n < buf.len() {
            let rest = buf.get_mut(n..).unwrap_or_default();
            let got = if rest.len() >= self.cap() {
                let raw = self.raw.as_mut().ok_or(DETACHED)?;
                raw.readinto(rest)
            } else {
                self.read_more().map(|k| {
                    let copied = self.copy_out(rest);
                    if k == 0 { 0 } else { copied }
                })
            };
            match got {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(Error::Os(Errno::AGAIN)) if n > 0 => break,
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }

    /// `readinto1(b)`—from the buffer if it holds anything, else one raw
    /// read.
    fn readinto1(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.check_read()?;
        if self.end > self.pos || buf.is_empty() {
            return Ok(self.copy_out(buf));
        }
        if buf.len() >= self.cap() {
            let raw = self.raw.as_mut().ok_or(DETACHED)?;
            return raw.readinto(buf);
        }
        self.read_more()?;
        Ok(self.copy_out(buf))
    }

    #[inline]
    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.write_buffered(data)
    }

    fn fill_buf(&mut self, min: usize) -> Result<&[u8]> {
        self.check_read()?;
        let want = min.clamp(1, self.cap());
        while self.end - self.pos < want {
            if self.read_more_eof()? {
                break;
            }
        }
        Ok(self
            .buf
            .as_ref()
            .get(self.pos..self.end)
            .unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.pos += n.min(self.end - self.pos);
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let start = self.pos;
        self.consume(n);
        self.buf.as_ref().get(start..self.pos).unwrap_or_default()
    }

    fn buffered_len(&self) -> Option<usize> {
        Some(self.end - self.pos)
    }

    fn stable(&self) -> Option<StableBuffer> {
        // SAFETY: read-ahead is `buf[pos..end]`; refills move it to the
        // front unchanged and append after it (`read_more`), and `take`
        // returns `buf[pos..pos + n]`. Only writes, seeks and close drop it.
        Some(unsafe { StableBuffer::promise() })
    }

    fn buffer_size(&self) -> usize {
        self.cap()
    }
}

impl<R: RawIOBase, S: Storage> fmt::Write for Buffered<R, S> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write_buffered(s.as_bytes())
            .map(drop)
            .map_err(|_| fmt::Error)
    }
}

impl<R: RawIOBase, S: Storage> Drop for Buffered<R, S> {
    /// Flushes pending writes, as CPython's finalizer does; an error here
    /// has nowhere to go.
    fn drop(&mut self) {
        if self.wlen > 0 {
            let _ = self.flush_pending();
        }
    }
}

/// Builds one of the typed wrappers: the engine with fixed directions, and
/// the traits passed through.
macro_rules! typed {
    ($(#[$doc:meta])* $name:ident, $readable:expr, $writable:expr) => {
        $(#[$doc])*
        pub struct $name<R: RawIOBase, S: Storage = [u8; DEFAULT_BUFFER_SIZE]>(Buffered<R, S>);

        impl<R: RawIOBase> $name<R> {
            /// Over `raw`, with a buffer of `io.DEFAULT_BUFFER_SIZE` (8 KiB).
            pub fn new(raw: R) -> Self {
                $name(Buffered::new(raw, [0; DEFAULT_BUFFER_SIZE], $readable, $writable))
            }
        }

        impl<R: RawIOBase, S: Storage> $name<R, S> {
            /// Over `raw`, buffering in `buf` (a `[u8; N]`, a `&mut [u8]`,
            /// a `Vec<u8>`...).
            pub fn with_buffer(raw: R, buf: S) -> Self {
                $name(Buffered::new(raw, buf, $readable, $writable))
            }

            /// For statics: the buffer's size given, nothing computed.
            #[allow(dead_code)]
            pub(crate) const fn from_parts(raw: R, buf: S, size: usize) -> Self {
                $name(Buffered::from_parts(raw, buf, size, $readable, $writable))
            }

            /// The engine underneath.
            pub fn get_ref(&self) -> &Buffered<R, S> {
                &self.0
            }

            /// The engine underneath, mutably.
            pub fn get_mut(&mut self) -> &mut Buffered<R, S> {
                &mut self.0
            }

            /// The engine, unwrapped.
            pub fn into_inner(self) -> Buffered<R, S> {
                self.0
            }

            /// `raw`.
            pub fn raw(&self) -> Option<&R> {
                self.0.raw()
            }

            /// `detach()`; see [`Buffered::detach`].
            // The stream comes back with its error, usable, as Python's does; the
            // error path is rare, so the size of that pair does not matter.
            #[allow(clippy::result_large_err)]
            pub fn detach(self) -> core::result::Result<R, (Error, Self)> {
                self.0.detach().map_err(|(e, b)| (e, $name(b)))
            }
        }

        impl<R: RawIOBase, S: Storage> IOBase for $name<R, S> {
            fn closed(&self) -> bool { self.0.closed() }
            fn close(&mut self) -> Result<()> { self.0.close() }
            fn fileno(&self) -> Result<i32> { self.0.fileno() }
            fn flush(&mut self) -> Result<()> { self.0.flush() }
            fn isatty(&self) -> Result<bool> { self.0.isatty() }
            fn readable(&self) -> bool { self.0.readable() }
            fn writable(&self) -> bool { self.0.writable() }
            fn seekable(&self) -> bool { self.0.seekable() }
            fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
                self.0.seek(offset, whence)
            }
            fn tell(&mut self) -> Result<u64> { self.0.tell() }
            fn truncate(&mut self, size: Option<u64>) -> Result<u64> { self.0.truncate(size) }
        }

        impl<R: RawIOBase, S: Storage> BufferedIOBase for $name<R, S> {
            fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> { self.0.readinto(buf) }
            fn readinto1(&mut self, buf: &mut [u8]) -> Result<usize> { self.0.readinto1(buf) }
            #[inline]
            fn write(&mut self, data: &[u8]) -> Result<usize> { self.0.write_buffered(data) }
            fn fill_buf(&mut self, min: usize) -> Result<&[u8]> { self.0.fill_buf(min) }
            fn consume(&mut self, n: usize) { self.0.consume(n) }
            fn take(&mut self, n: usize) -> &[u8] { self.0.take(n) }
            fn buffer_size(&self) -> usize { self.0.buffer_size() }
            fn stable(&self) -> Option<StableBuffer> { self.0.stable() }
            fn buffered_len(&self) -> Option<usize> { self.0.buffered_len() }
        }

        impl<R: RawIOBase, S: Storage> fmt::Write for $name<R, S> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                fmt::Write::write_str(&mut self.0, s)
            }
        }

        impl<R: RawIOBase, S: Storage> fmt::Debug for $name<R, S> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed!(
    /// `io.BufferedReader`—buffered reading of a raw stream, with `peek`,
    /// `read1` and zero-copy [`readline_ref`](BufferedReader::readline_ref).
    ///
    /// # References
    /// - [io.BufferedReader](https://docs.python.org/3/library/io.html#io.BufferedReader)
    BufferedReader,
    true,
    false
);

typed!(
    /// `io.BufferedWriter`—buffered writing to a raw stream.
    ///
    /// # References
    /// - [io.BufferedWriter](https://docs.python.org/3/library/io.html#io.BufferedWriter)
    BufferedWriter,
    false,
    true
);

typed!(
    /// `io.BufferedRandom`—buffered reading and writing of one seekable
    /// raw stream, sharing one buffer.
    ///
    /// # References
    /// - [io.BufferedRandom](https://docs.python.org/3/library/io.html#io.BufferedRandom)
    BufferedRandom,
    true,
    true
);

impl<R: RawIOBase, S: Storage> BufferedReader<R, S> {
    /// `peek()`; see [`Buffered::peek`].
    pub fn peek(&mut self) -> Result<&[u8]> {
        self.0.peek()
    }

    /// Zero-copy `readline()`; see [`Buffered::readline_ref`].
    pub fn readline_ref(&mut self) -> Result<&[u8]> {
        self.0.readline_ref()
    }
}

impl<R: RawIOBase, S: Storage> BufferedRandom<R, S> {
    /// `peek()`; see [`Buffered::peek`].
    pub fn peek(&mut self) -> Result<&[u8]> {
        self.0.peek()
    }

    /// Zero-copy `readline()`; see [`Buffered::readline_ref`].
    pub fn readline_ref(&mut self) -> Result<&[u8]> {
        self.0.readline_ref()
    }
}

/// `io.BufferedRWPair`—a reader and a writer over two raw streams (the two
/// ends of a pipe, a socket's halves) acting as one stream. Not seekable.
///
/// # References
/// - [io.BufferedRWPair](https://docs.python.org/3/library/io.html#io.BufferedRWPair)
pub struct BufferedRWPair<
    R: RawIOBase,
    W: RawIOBase,
    S: Storage = [u8; DEFAULT_BUFFER_SIZE],
    T: Storage = [u8; DEFAULT_BUFFER_SIZE],
> {
    /// The reading half.
    pub reader: BufferedReader<R, S>,
    /// The writing half.
    pub writer: BufferedWriter<W, T>,
}

impl<R: RawIOBase, W: RawIOBase> BufferedRWPair<R, W> {
    /// `BufferedRWPair(reader, writer)` with 8 KiB buffers.
    pub fn new(reader: R, writer: W) -> Self {
        BufferedRWPair {
            reader: BufferedReader::new(reader),
            writer: BufferedWriter::new(writer),
        }
    }
}

impl<R: RawIOBase, W: RawIOBase, S: Storage, T: Storage> BufferedRWPair<R, W, S, T> {
    /// `peek()` on the reading half.
    pub fn peek(&mut self) -> Result<&[u8]> {
        self.reader.peek()
    }
}

impl<R: RawIOBase, W: RawIOBase, S: Storage, T: Storage> IOBase for BufferedRWPair<R, W, S, T> {
    fn closed(&self) -> bool {
        self.writer.closed()
    }

    /// `close()`—closes the writer (flushing it), then the reader; the
    /// first error wins and both are closed regardless.
    fn close(&mut self) -> Result<()> {
        let w = self.writer.close();
        let r = self.reader.close();
        w.and(r)
    }

    fn flush(&mut self) -> Result<()> {
        self.writer.flush()
    }

    fn isatty(&self) -> Result<bool> {
        Ok(self.reader.isatty()? || self.writer.isatty()?)
    }

    fn readable(&self) -> bool {
        self.reader.readable()
    }

    fn writable(&self) -> bool {
        self.writer.writable()
    }
}

impl<R: RawIOBase, W: RawIOBase, S: Storage, T: Storage> BufferedIOBase
    for BufferedRWPair<R, W, S, T>
{
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.reader.readinto(buf)
    }

    fn readinto1(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.reader.readinto1(buf)
    }

    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.writer.write(data)
    }

    fn fill_buf(&mut self, min: usize) -> Result<&[u8]> {
        self.reader.fill_buf(min)
    }

    fn consume(&mut self, n: usize) {
        self.reader.consume(n)
    }

    fn take(&mut self, n: usize) -> &[u8] {
        self.reader.take(n)
    }

    fn buffer_size(&self) -> usize {
        self.reader.buffer_size()
    }

    fn buffered_len(&self) -> Option<usize> {
        self.reader.buffered_len()
    }
}

#[cfg(test)]
mod tests;
