//! The buffered engine against a scripted raw stream: short writes,
//! `EAGAIN`, `EINTR`-free errors, reads in odd chunks; every byte is
//! accounted for.

use super::*;
use std::vec::Vec;

/// A raw stream whose reads come in `chunk`-sized pieces and whose writes
/// take at most `take` bytes, failing as `script` says.
struct Mock {
    data: Vec<u8>,
    rpos: usize,
    chunk: usize,
    written: Vec<u8>,
    take: usize,
    /// Errors to return, one per write call, before succeeding.
    script: Vec<Option<Errno>>,
    writes: usize,
    reads: usize,
    closed: bool,
    seekable: bool,
}

impl Mock {
    fn new(data: &[u8]) -> Mock {
        Mock {
            data: data.to_vec(),
            rpos: 0,
            chunk: usize::MAX,
            written: Vec::new(),
            take: usize::MAX,
            script: Vec::new(),
            writes: 0,
            reads: 0,
            closed: false,
            seekable: true,
        }
    }
}

impl IOBase for Mock {
    fn closed(&self) -> bool {
        self.closed
    }
    fn close(&mut self) -> Result<()> {
        self.closed = true;
        Ok(())
    }
    fn readable(&self) -> bool {
        true
    }
    fn writable(&self) -> bool {
        true
    }
    fn seekable(&self) -> bool {
        self.seekable
    }
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        let base = match whence {
            Whence::Set => 0,
            Whence::Cur => self.rpos as i64,
            Whence::End => self.data.len() as i64,
        };
        self.rpos = (base + offset) as usize;
        Ok(self.rpos as u64)
    }
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        let size = size.unwrap_or(self.rpos as u64);
        self.data.resize(size as usize, 0);
        Ok(size)
    }
}

impl RawIOBase for Mock {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        self.reads += 1;
        let n = buf
            .len()
            .min(self.chunk)
            .min(self.data.len().saturating_sub(self.rpos));
        buf[..n].copy_from_slice(&self.data[self.rpos..self.rpos + n]);
        self.rpos += n;
        Ok(n)
    }
    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.writes += 1;
        if !self.script.is_empty()
            && let Some(e) = self.script.remove(0)
        {
            return Err(Error::Os(e));
        }
        let n = data.len().min(self.take);
        // Writes land at the position, as in a file.
        let end = self.rpos + n;
        if self.data.len() < end {
            self.data.resize(end, 0);
        }
        self.data[self.rpos..end].copy_from_slice(&data[..n]);
        self.rpos = end;
        self.written.extend_from_slice(&data[..n]);
        Ok(n)
    }
}

fn reader(data: &[u8], chunk: usize) -> Buffered<Mock, [u8; 16]> {
    let mut m = Mock::new(data);
    m.chunk = chunk;
    Buffered::new(m, [0; 16], true, false)
}

fn writer(take: usize) -> Buffered<Mock, [u8; 16]> {
    let mut m = Mock::new(b"");
    m.take = take;
    Buffered::new(m, [0; 16], false, true)
}

#[test]
fn small_writes_stay_buffered_until_full() {
    let mut w = writer(usize::MAX);
    for _ in 0..4 {
        assert_eq!(w.write(b"abcd").unwrap(), 4);
    }
    assert_eq!(w.raw().unwrap().writes, 0, "16 bytes fit in 16");
    w.write(b"e").unwrap();
    assert_eq!(w.raw().unwrap().written, b"abcdabcdabcdabcd");
    w.flush().unwrap();
    assert_eq!(w.raw().unwrap().written, b"abcdabcdabcdabcde");
}

#[test]
fn large_writes_go_straight_through_and_short_writes_are_retried() {
    let mut w = writer(5);
    w.write(b"xy").unwrap();
    let big: Vec<u8> = (0..100u8).collect();
    assert_eq!(w.write(&big).unwrap(), 100);
    // All but the last <= 16 bytes went out in 5-byte pieces.
    let mut want = b"xy".to_vec();
    want.extend_from_slice(&big);
    let out = &w.raw().unwrap().written;
    assert!(out.len() >= 102 - 16 && want.starts_with(out));
    w.flush().unwrap();
    assert_eq!(w.raw().unwrap().written, want);
}

#[test]
fn a_failed_flush_keeps_the_unwritten_bytes() {
    let mut w = writer(3);
    w.write(b"0123456789").unwrap();
    w.raw_mut().unwrap().script = std::vec![None, Some(Errno::NOSPC)];
    assert_eq!(w.flush(), Err(Error::Os(Errno::NOSPC)));
    assert_eq!(w.raw().unwrap().written, b"012");
    assert_eq!(w.pending(), 7);
    w.flush().unwrap();
    assert_eq!(
        w.raw().unwrap().written,
        b"0123456789",
        "nothing lost or doubled"
    );
}

#[test]
fn eagain_reports_how_much_was_taken() {
    let mut w = writer(usize::MAX);
    w.write(b"0123456789").unwrap();
    // Flushing the 10 buffered bytes blocks: 6 more fit beside them.
    w.raw_mut().unwrap().script = std::vec![Some(Errno::AGAIN)];
    let e = w.write(b"abcdefghij").unwrap_err();
    assert_eq!(e, Error::BlockingIO { written: 6 });
    assert_eq!(e.python_class(), "BlockingIOError");
    w.flush().unwrap();
    w.write(b"ghij").unwrap();
    w.flush().unwrap();
    assert_eq!(w.raw().unwrap().written, b"0123456789abcdefghij");

    // A large write that blocks part-way: what went out plus what was
    // buffered is the count.
    let mut w = writer(7);
    let big: Vec<u8> = (0..60u8).collect();
    w.raw_mut().unwrap().script = std::vec![None, None, Some(Errno::AGAIN)];
    let e = w.write(&big).unwrap_err();
    let taken = e.characters_written().unwrap();
    assert_eq!(taken, 14 + 16);
    w.flush().unwrap();
    w.write(&big[taken..]).unwrap();
    w.flush().unwrap();
    assert_eq!(w.raw().unwrap().written, big);
}

#[test]
fn a_hard_error_mid_write_says_how_much_was_taken() {
    let mut w = writer(10);
    let big: Vec<u8> = (0..50u8).collect();
    w.raw_mut().unwrap().script = std::vec![None, Some(Errno::NOSPC)];
    let e = w.write(&big).unwrap_err();
    assert_eq!(
        e,
        Error::PartialWrite {
            errno: Errno::NOSPC,
            written: 10
        }
    );
    assert_eq!(e.python_class(), "OSError");
    w.write(&big[10..]).unwrap();
    w.flush().unwrap();
    assert_eq!(w.raw().unwrap().written, big);
}

#[test]
fn reads_in_every_chunking_give_the_same_bytes() {
    let data: Vec<u8> = (0..200u8).collect();
    for chunk in 1..20 {
        for want in [1, 3, 15, 16, 17, 40] {
            let mut r = reader(&data, chunk);
            let mut got = Vec::new();
            let mut buf = std::vec![0; want];
            loop {
                let n = r.readinto(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                assert!(n == want || got.len() + n == data.len());
                got.extend_from_slice(&buf[..n]);
            }
            assert_eq!(got, data, "chunk {chunk} want {want}");
        }
    }
}

#[test]
fn big_reads_bypass_the_buffer() {
    let data: Vec<u8> = (0..100u8).collect();
    let mut r = reader(&data, usize::MAX);
    let mut buf = [0u8; 64];
    assert_eq!(r.readinto(&mut buf).unwrap(), 64);
    assert_eq!(r.read_ahead(), 0, "read straight into the caller's buffer");
    assert_eq!(r.raw().unwrap().reads, 1);
}

#[test]
fn readinto1_reads_at_most_once() {
    let data: Vec<u8> = (0..100u8).collect();
    let mut r = reader(&data, 5);
    let mut buf = [0u8; 12];
    assert_eq!(r.readinto1(&mut buf).unwrap(), 5);
    assert_eq!(r.raw().unwrap().reads, 1);
    assert_eq!(r.read_ahead(), 0, "nothing left buffered");
    assert_eq!(r.peek().unwrap(), &data[5..10], "peek reads once more");
}

#[test]
fn lines_in_pieces_and_zero_copy() {
    let text = b"one\ntwo\n\nthe fourth line is long\nend";
    for chunk in 1..10 {
        let mut r = reader(text, chunk);
        let mut lines: Vec<Vec<u8>> = Vec::new();
        loop {
            let l = r.readline_ref().unwrap();
            if l.is_empty() {
                break;
            }
            lines.push(l.to_vec());
        }
        assert_eq!(lines.concat(), text);
        assert_eq!(lines[0], b"one\n");
        assert_eq!(lines[2], b"\n");
        assert_eq!(lines[3], b"the fourth line ", "cut at the buffer size");
        assert_eq!(lines[4], b"is long\n");
        assert_eq!(lines[5], b"end");

        let mut r = reader(text, chunk);
        let mut out = [0u8; 6];
        let n = BufferedIOBase::readline(&mut r, &mut out).unwrap();
        assert_eq!(&out[..n], b"one\n");
        let n = BufferedIOBase::readline(&mut r, &mut out[..2]).unwrap();
        assert_eq!(&out[..n], b"tw", "readline(size)");
    }
}

#[test]
fn seek_inside_the_read_ahead_moves_within_it() {
    let data: Vec<u8> = (0..100u8).collect();
    let mut r = reader(&data, usize::MAX);
    let mut b = [0u8; 4];
    r.readinto(&mut b).unwrap();
    assert_eq!(r.tell().unwrap(), 4);
    let reads = r.raw().unwrap().reads;
    assert_eq!(r.seek(1, Whence::Set).unwrap(), 1);
    assert_eq!(r.seek(3, Whence::Cur).unwrap(), 4);
    r.readinto(&mut b).unwrap();
    assert_eq!(b, [4, 5, 6, 7]);
    assert_eq!(r.raw().unwrap().reads, reads, "no raw read needed");
    assert_eq!(r.seek(-10, Whence::End).unwrap(), 90);
    r.readinto(&mut b).unwrap();
    assert_eq!(b, [90, 91, 92, 93]);
    r.raw_mut().unwrap().seekable = false;
    assert_eq!(
        r.seek(0, Whence::Set),
        Err(Error::Unsupported("File or stream is not seekable."))
    );
}

#[test]
fn random_access_switches_between_reading_and_writing() {
    let mut m = Mock::new(b"abcdefghijklmnopqrstuvwxyz");
    m.chunk = 8;
    let mut f = Buffered::new(m, [0u8; 16], true, true);
    let mut b = [0u8; 3];
    f.readinto(&mut b).unwrap();
    assert_eq!(&b, b"abc");
    f.write(b"XY").unwrap();
    assert_eq!(f.tell().unwrap(), 5);
    f.readinto(&mut b).unwrap();
    assert_eq!(&b, b"fgh", "the write went out before the read");
    f.seek(0, Whence::Set).unwrap();
    let mut all = [0u8; 26];
    f.readinto(&mut all).unwrap();
    assert_eq!(&all, b"abcXYfghijklmnopqrstuvwxyz");
    f.seek(2, Whence::Set).unwrap();
    f.write(b"__").unwrap();
    assert_eq!(f.truncate(None).unwrap(), 4);
    assert_eq!(f.raw().unwrap().data, b"ab__");
}

#[test]
fn close_flushes_reports_and_still_closes() {
    let mut w = writer(usize::MAX);
    w.write(b"data").unwrap();
    w.raw_mut().unwrap().script = std::vec![Some(Errno::IO)];
    assert_eq!(w.close(), Err(Error::Os(Errno::IO)));
    assert!(w.closed());
    assert_eq!(w.close(), Ok(()));
    assert_eq!(w.write(b"x"), Err(Error::Value("write to closed file")));
    let mut r = reader(b"x", 1);
    r.close().unwrap();
    assert_eq!(r.peek(), Err(Error::Value("read of closed file")));
    assert_eq!(
        r.seek(0, Whence::Set),
        Err(Error::Value("seek of closed file"))
    );
}

#[test]
fn directions_and_detach() {
    let mut r = BufferedReader::with_buffer(Mock::new(b"abc"), [0u8; 4]);
    assert_eq!(r.write(b"x"), Err(Error::Unsupported("write")));
    let mut w = BufferedWriter::with_buffer(Mock::new(b""), [0u8; 4]);
    assert_eq!(w.readinto(&mut [0; 2]), Err(Error::Unsupported("read")));
    w.write(b"ab").unwrap();
    let raw = w.detach().unwrap();
    assert_eq!(raw.written, b"ab", "detach flushes");
    let mut pair = BufferedRWPair::new(Mock::new(b"in"), Mock::new(b""));
    let mut b = [0u8; 2];
    pair.readinto(&mut b).unwrap();
    pair.write(b"out").unwrap();
    pair.flush().unwrap();
    assert_eq!(&b, b"in");
    assert_eq!(pair.writer.raw().unwrap().written, b"out");
    assert!(!pair.seekable());
}

#[test]
fn a_smaller_buffer_size_than_the_storage() {
    let mut w = Buffered::with_buffer_size(Mock::new(b""), [0u8; 64], 4, false, true).unwrap();
    w.write(b"abcde").unwrap();
    assert_eq!(w.raw().unwrap().written, b"abcde", "5 > 4 goes through");
    assert!(Buffered::with_buffer_size(Mock::new(b""), [0u8; 4], 0, true, false).is_err());
}
