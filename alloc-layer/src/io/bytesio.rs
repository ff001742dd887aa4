//! `io.BytesIO`: a growable in-memory binary stream.
//!
//! As Python's: one position for reads and writes; a write past the end
//! extends the value and fills any gap with zeros; `truncate` never
//! extends; a negative absolute seek is `ValueError: negative seek value
//! N`, while relative seeks stop at 0. What differs: `getvalue()` borrows
//! the value instead of copying it, and `getbuffer()` is a mutable borrow,
//! so the compiler (not a `BufferError` at run time) keeps the stream from
//! being resized while the view lives.

use alloc::vec::Vec;
use core::fmt;
use strata_core::errno::Errno;
use strata_core::io::{BufferedIOBase, Error, IOBase, Result, Whence};

/// `io.BytesIO`.
///
/// # References
/// - [io.BytesIO](https://docs.python.org/3/library/io.html#io.BytesIO)
#[derive(Clone, Default)]
pub struct BytesIO {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

impl fmt::Debug for BytesIO {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BytesIO(len={}, pos={})", self.buf.len(), self.pos)
    }
}

impl BytesIO {
    /// `BytesIO()`—empty.
    pub fn new() -> BytesIO {
        BytesIO::default()
    }

    /// `BytesIO(initial_bytes)`—holding `initial`, positioned at 0.
    pub fn with_value(initial: impl Into<Vec<u8>>) -> BytesIO {
        BytesIO {
            buf: initial.into(),
            pos: 0,
            closed: false,
        }
    }

    /// `getvalue()`—the whole value, whatever the position.
    pub fn getvalue(&self) -> Result<&[u8]> {
        self.check()?;
        Ok(&self.buf)
    }

    /// `getbuffer()`—the value, writable in place.
    pub fn getbuffer(&mut self) -> Result<&mut [u8]> {
        self.check()?;
        Ok(&mut self.buf)
    }

    /// The value, giving up the stream.
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }

    fn check(&self) -> Result<()> {
        if self.closed {
            Err(Error::CLOSED)
        } else {
            Ok(())
        }
    }
}

impl IOBase for BytesIO {
    fn closed(&self) -> bool {
        self.closed
    }

    fn close(&mut self) -> Result<()> {
        self.closed = true;
        Ok(())
    }

    fn readable(&self) -> bool {
        !self.closed
    }

    fn writable(&self) -> bool {
        !self.closed
    }

    fn seekable(&self) -> bool {
        !self.closed
    }

    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        self.check()?;
        self.pos = strata_core::io::seek_position(self.pos, self.buf.len(), offset, whence)?;
        Ok(self.pos as u64)
    }

    fn tell(&mut self) -> Result<u64> {
        self.check()?;
        Ok(self.pos as u64)
    }

    /// `truncate(size=None)`—shortens the value to `size` (by default the
    /// position); never lengthens it; the position stays.
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        self.check()?;
        let size = size.map_or(self.pos, |s| s.min(usize::MAX as u64) as usize);
        self.buf.truncate(size);
        Ok(size as u64)
    }
}

impl BufferedIOBase for BytesIO {
    fn readinto(&mut self, out: &mut [u8]) -> Result<usize> {
        self.check()?;
        let avail = self.buf.get(self.pos..).unwrap_or_default();
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.pos += n;
        Ok(n)
    }

    fn readinto1(&mut self, out: &mut [u8]) -> Result<usize> {
        self.readinto(out)
    }

    /// `write(b)`—at the position, zero-filling any gap past the end.
    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.check()?;
        if data.is_empty() {
            // Python: an empty write does not fill a gap.
            return Ok(0);
        }
        let end = self
            .pos
            .checked_add(data.len())
            .ok_or(Error::Os(Errno::NOMEM))?;
        if self.buf.len() < end {
            self.buf
                .try_reserve(end - self.buf.len())
                .map_err(|_| Error::Os(Errno::NOMEM))?;
            self.buf.resize(end, 0);
        }
        self.buf[self.pos..end].copy_from_slice(data);
        self.pos = end;
        Ok(data.len())
    }

    fn fill_buf(&mut self, _min: usize) -> Result<&[u8]> {
        self.check()?;
        Ok(self.buf.get(self.pos..).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.buf.len().max(self.pos));
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let start = self.pos;
        self.consume(n);
        self.buf.get(start..self.pos).unwrap_or_default()
    }
}

// embedded-io's Read, BufRead, Write and Seek, as core's buffered streams.
#[cfg(feature = "embedded-io")]
strata_core::__embedded_io_buffered!([] BytesIO);
// std's Read, BufRead, Write and Seek, likewise.
#[cfg(feature = "std")]
strata_core::__std_io_buffered!([] BytesIO);

impl fmt::Write for BytesIO {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        BufferedIOBase::write(self, s.as_bytes())
            .map(drop)
            .map_err(|_| fmt::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::BufferedIOBaseExt;

    #[test]
    fn python_semantics() {
        let mut b = BytesIO::with_value(*b"abc");
        b.seek(6, Whence::Set).unwrap();
        b.write(b"x").unwrap();
        assert_eq!(b.getvalue().unwrap(), b"abc\0\0\0x");
        let mut b = BytesIO::with_value(*b"abc\ndef\n");
        assert_eq!(
            b.readlines(None).unwrap(),
            [b"abc\n".to_vec(), b"def\n".to_vec()]
        );
        assert_eq!(b.read(None).unwrap(), b"");
        let mut b = BytesIO::with_value(*b"abcdef");
        assert_eq!(b.read(Some(2)).unwrap(), b"ab");
        assert_eq!(b.read1(Some(2)).unwrap(), b"cd");
        assert_eq!(b.read(None).unwrap(), b"ef");
        assert_eq!(b.tell().unwrap(), 6);
        assert_eq!(b.seek(-5, Whence::Cur).unwrap(), 1);
        assert_eq!(b.seek(-50, Whence::End).unwrap(), 0);
        assert_eq!(
            std::format!("{}", b.seek(-1, Whence::Set).unwrap_err()),
            "negative seek value -1"
        );
        b.getbuffer().unwrap()[0] = b'A';
        assert_eq!(b.truncate(Some(3)).unwrap(), 3);
        assert_eq!(b.getvalue().unwrap(), b"Abc");
        b.close().unwrap();
        assert_eq!(
            std::format!("{}", b.write(b"x").unwrap_err()),
            "I/O operation on closed file."
        );
    }

    /// embedded-io code grows a BytesIO, seeks in it and reads it back.
    #[cfg(feature = "embedded-io")]
    #[test]
    fn serves_embedded_io_code() {
        use strata_core::io::embedded_io;
        fn exercise<T: embedded_io::BufRead + embedded_io::Write + embedded_io::Seek>(s: &mut T) {
            s.write_all(b"header").unwrap();
            s.seek(embedded_io::SeekFrom::Start(10)).unwrap();
            s.write_all(b"!").unwrap();
            s.rewind().unwrap();
            let mut head = [0u8; 6];
            s.read_exact(&mut head).unwrap();
            assert_eq!(&head, b"header");
            assert_eq!(s.fill_buf().unwrap(), b"\0\0\0\0!");
        }
        let mut b = BytesIO::new();
        exercise(&mut b);
        assert_eq!(b.getvalue(), Ok(&b"header\0\0\0\0!"[..]));
    }

    /// std code grows a BytesIO, seeks in it and reads it back by lines.
    #[cfg(feature = "std")]
    #[test]
    fn serves_std_io_code() {
        use std::io::{BufRead, Seek, SeekFrom, Write};
        let mut b = BytesIO::new();
        writeln!(b, "one").unwrap();
        b.write_all(b"two\n").unwrap();
        assert_eq!(Seek::seek(&mut b, SeekFrom::Start(4)).unwrap(), 4);
        let mut line = std::string::String::new();
        b.read_line(&mut line).unwrap();
        assert_eq!(line, "two\n");
        assert_eq!(b.getvalue(), Ok(&b"one\ntwo\n"[..]));
    }
}
