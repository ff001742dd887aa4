//! `FixedBytesIO`: Python's `io.BytesIO` over a fixed buffer.
//!
//! The same semantics as `BytesIO` (the alloc layer has the growable one):
//! one position for reads and writes, writes past the end extend the
//! value, a write after seeking past the end fills the gap with zeros,
//! `truncate` never extends, and a negative absolute seek is `ValueError:
//! negative seek value N` while relative seeks stop at 0. What differs: the
//! capacity is fixed, so a write that does not fit takes what does and
//! reports `ENOSPC` with the count, as a full disk would.

use super::error::{Error, Result};
use super::traits::{BufferedIOBase, IOBase, StableBuffer, Storage, Whence};
use crate::errno::Errno;
use core::fmt;

/// `io.BytesIO` in a buffer of fixed capacity: a `[u8; N]`, a caller's
/// `&mut [u8]`, or anything else that is [`Storage`].
///
/// # References
/// - [io.BytesIO](https://docs.python.org/3/library/io.html#io.BytesIO)
pub struct FixedBytesIO<S: Storage> {
    buf: S,
    len: usize,
    pos: usize,
    closed: bool,
}

impl<S: Storage> fmt::Debug for FixedBytesIO<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "FixedBytesIO(len={}, pos={}, capacity={})",
            self.len,
            self.pos,
            self.capacity()
        )
    }
}

impl<const N: usize> FixedBytesIO<[u8; N]> {
    /// An empty stream of capacity `N`.
    pub const fn new() -> Self {
        FixedBytesIO {
            buf: [0; N],
            len: 0,
            pos: 0,
            closed: false,
        }
    }
}

impl<const N: usize> Default for FixedBytesIO<[u8; N]> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Storage> FixedBytesIO<S> {
    /// An empty stream over `buf`.
    pub fn with_buffer(buf: S) -> Self {
        FixedBytesIO {
            buf,
            len: 0,
            pos: 0,
            closed: false,
        }
    }

    /// `BytesIO(initial_bytes)` over `buf`: its first `len` bytes are the
    /// value, and the position is 0.
    pub fn with_value(buf: S, len: usize) -> Self {
        let len = len.min(buf.as_ref().len());
        FixedBytesIO {
            buf,
            len,
            pos: 0,
            closed: false,
        }
    }

    /// How many bytes the stream can hold.
    pub fn capacity(&self) -> usize {
        self.buf.as_ref().len()
    }

    /// `getvalue()`—the whole value, whatever the position.
    pub fn getvalue(&self) -> Result<&[u8]> {
        self.check()?;
        Ok(self.buf.as_ref().get(..self.len).unwrap_or_default())
    }

    /// `getbuffer()`—the value, writable in place.
    pub fn getbuffer(&mut self) -> Result<&mut [u8]> {
        self.check()?;
        let len = self.len;
        Ok(self.buf.as_mut().get_mut(..len).unwrap_or_default())
    }

    /// The storage, giving up the stream.
    pub fn into_inner(self) -> S {
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

impl<S: Storage> IOBase for FixedBytesIO<S> {
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
        self.pos = seek_position(self.pos, self.len, offset, whence)?;
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
        self.len = self.len.min(size);
        Ok(size as u64)
    }
}

impl<S: Storage> BufferedIOBase for FixedBytesIO<S> {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.check()?;
        let avail = self
            .buf
            .as_ref()
            .get(self.pos..self.len)
            .unwrap_or_default();
        let n = avail.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        Ok(n)
    }

    fn readinto1(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.readinto(buf)
    }

    /// `write(b)`—writes at the position, zero-filling any gap past the
    /// end. What does not fit is refused with `ENOSPC` and a count.
    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.check()?;
        if data.is_empty() {
            // Python: an empty write does not fill a gap.
            return Ok(0);
        }
        let cap = self.capacity();
        if self.pos > self.len {
            let gap_end = self.pos.min(cap);
            if let Some(gap) = self.buf.as_mut().get_mut(self.len..gap_end) {
                gap.fill(0);
            }
            self.len = gap_end;
        }
        let n = data.len().min(cap.saturating_sub(self.pos));
        if let (Some(dst), Some(src)) = (
            self.buf.as_mut().get_mut(self.pos..self.pos + n),
            data.get(..n),
        ) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        self.len = self.len.max(self.pos);
        match n {
            n if n == data.len() => Ok(n),
            0 => Err(Error::Os(Errno::NOSPC)),
            n => Err(Error::PartialWrite {
                errno: Errno::NOSPC,
                written: n,
            }),
        }
    }

    fn fill_buf(&mut self, _min: usize) -> Result<&[u8]> {
        self.check()?;
        Ok(self
            .buf
            .as_ref()
            .get(self.pos..self.len)
            .unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.len.max(self.pos));
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let start = self.pos;
        self.consume(n);
        self.buf.as_ref().get(start..self.pos).unwrap_or_default()
    }

    fn buffered_len(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.pos))
    }

    fn stable(&self) -> Option<StableBuffer> {
        // SAFETY: the unconsumed bytes are `buf[pos..len]`, which only
        // writes, seeks and truncation change, and `take` returns
        // `buf[pos..pos + n]`.
        Some(unsafe { StableBuffer::promise() })
    }
}

impl<S: Storage> fmt::Write for FixedBytesIO<S> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        BufferedIOBase::write(self, s.as_bytes())
            .map(drop)
            .map_err(|_| fmt::Error)
    }
}

/// Where `seek(offset, whence)` leaves an in-memory byte stream at `pos`
/// holding `len` bytes: CPython's `BytesIO` rule (a negative absolute
/// position is an error; a relative one stops at 0; past the end is
/// allowed). Shared with the alloc layer's `BytesIO`.
#[doc(hidden)]
pub fn seek_position(pos: usize, len: usize, offset: i64, whence: Whence) -> Result<usize> {
    let base = match whence {
        Whence::Set if offset < 0 => {
            return Err(Error::BadNumber {
                what: "negative seek value",
                value: offset,
            });
        }
        Whence::Set => 0,
        Whence::Cur => pos as i64,
        Whence::End => len as i64,
    };
    Ok(base.saturating_add(offset).max(0) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytesio_semantics_in_a_fixed_buffer() {
        let mut b = FixedBytesIO::<[u8; 16]>::new();
        assert_eq!(b.write(b"hello").unwrap(), 5);
        assert_eq!(b.seek(8, Whence::Set).unwrap(), 8);
        b.write(b"!").unwrap();
        assert_eq!(b.getvalue().unwrap(), b"hello\0\0\0!", "the gap is zeros");
        b.seek(0, Whence::Set).unwrap();
        let mut line = [0u8; 16];
        assert_eq!(BufferedIOBase::readline(&mut b, &mut line).unwrap(), 9);
        assert_eq!(b.truncate(Some(4)).unwrap(), 4);
        assert_eq!(b.getvalue().unwrap(), b"hell");
        assert_eq!(b.tell().unwrap(), 9, "truncate leaves the position");
        assert_eq!(b.truncate(Some(10)).unwrap(), 10);
        assert_eq!(b.getvalue().unwrap(), b"hell", "and never extends");
        assert_eq!(
            b.seek(-1, Whence::Set),
            Err(Error::BadNumber {
                what: "negative seek value",
                value: -1
            })
        );
        assert_eq!(b.seek(-100, Whence::Cur).unwrap(), 0);
        b.getbuffer().unwrap()[0] = b'H';
        assert_eq!(b.getvalue().unwrap(), b"Hell");
        b.close().unwrap();
        assert_eq!(b.write(b"x"), Err(Error::CLOSED));
    }

    #[test]
    fn a_full_buffer_refuses_with_a_count() {
        let mut store = [0u8; 4];
        let mut b = FixedBytesIO::with_buffer(&mut store[..]);
        assert_eq!(
            b.write(b"abcdef"),
            Err(Error::PartialWrite {
                errno: Errno::NOSPC,
                written: 4
            })
        );
        assert_eq!(b.write(b"x"), Err(Error::Os(Errno::NOSPC)));
        assert_eq!(b.getvalue().unwrap(), b"abcd");
        let mut r = FixedBytesIO::with_value(*b"a\nb", 3);
        assert_eq!(r.fill_buf(1).unwrap(), b"a\nb");
        assert_eq!(r.take(2), b"a\n");
        assert_eq!(r.fill_buf(1).unwrap(), b"b");
    }
}
