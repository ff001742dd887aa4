//! The reads that return owned data: Python's `read()`, `readall()`,
//! `readline()`, `readlines()` and line iteration, for every stream of
//! core's `io`.
//!
//! Core's streams fill buffers they are given; these helpers grow a `Vec`
//! or `String` as Python grows `bytes` and `str`. A text line longer than
//! the stream's line buffer, which core hands out in pieces, is joined
//! here into one `String`.

use alloc::string::String;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::io::{
    BufferedIOBase, DEFAULT_BUFFER_SIZE, Error, RawIOBase, Result, Storage, TextIOBase,
    TextIOWrapper,
};

/// Grows `out` by up to `n` zeroed bytes; `ENOMEM` as a value if the heap
/// refuses.
fn grow(out: &mut Vec<u8>, n: usize) -> Result<()> {
    out.try_reserve(n).map_err(|_| Error::Os(Errno::NOMEM))?;
    out.resize(out.len() + n, 0);
    Ok(())
}

/// `read(size)` and `readall()` for raw streams.
pub trait RawIOBaseExt: RawIOBase {
    /// `read(size=-1)`—one read of at most `size` bytes, or with `None`,
    /// [`readall`](RawIOBaseExt::readall).
    fn read(&mut self, size: Option<usize>) -> Result<Vec<u8>> {
        let Some(size) = size else {
            return self.readall();
        };
        let mut out = Vec::new();
        grow(&mut out, size)?;
        let n = self.readinto(&mut out)?;
        out.truncate(n);
        Ok(out)
    }

    /// `readall()`—reads until end of file. A non-blocking stream that
    /// runs dry returns what it has (Python: `None` if nothing).
    fn readall(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let start = out.len();
            grow(&mut out, DEFAULT_BUFFER_SIZE.max(start / 2))?;
            match self.readinto(&mut out[start..]) {
                Ok(0) => {
                    out.truncate(start);
                    return Ok(out);
                }
                Ok(n) => out.truncate(start + n),
                Err(Error::Os(Errno::AGAIN)) if start > 0 => {
                    out.truncate(start);
                    return Ok(out);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// `readline(size=-1)`—up to and including `\n`, at most `size`
    /// bytes, read a byte at a time as Python's `RawIOBase` reads it, so
    /// that nothing past the line leaves the file.
    fn readline_vec(&mut self, size: Option<usize>) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut byte = [0u8; 1];
        while out.len() < size.unwrap_or(usize::MAX) && self.readinto(&mut byte)? == 1 {
            out.try_reserve(1).map_err(|_| Error::Os(Errno::NOMEM))?;
            out.push(byte[0]);
            if byte == *b"\n" {
                break;
            }
        }
        Ok(out)
    }

    /// `readlines(hint=-1)`—the remaining lines; with a hint, stops once
    /// the lines read total more than `hint` bytes.
    fn readlines(&mut self, hint: Option<usize>) -> Result<Vec<Vec<u8>>> {
        readlines_with(|| self.readline_vec(None), hint)
    }

    /// `for line in f`—the lines, each with its `\n`.
    fn lines(&mut self) -> RawLines<'_, Self> {
        RawLines(self)
    }
}

impl<T: RawIOBase + ?Sized> RawIOBaseExt for T {}

/// The lines of a raw stream; see [`RawIOBaseExt::lines`].
#[derive(Debug)]
pub struct RawLines<'a, T: ?Sized>(&'a mut T);

impl<T: RawIOBase + ?Sized> Iterator for RawLines<'_, T> {
    type Item = Result<Vec<u8>>;

    fn next(&mut self) -> Option<Result<Vec<u8>>> {
        some_line(self.0.readline_vec(None))
    }
}

/// IOBase's `readlines(hint)` over a stream's `readline`.
fn readlines_with(
    mut readline: impl FnMut() -> Result<Vec<u8>>,
    hint: Option<usize>,
) -> Result<Vec<Vec<u8>>> {
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = readline()?;
        if line.is_empty() {
            return Ok(lines);
        }
        total += line.len();
        lines.push(line);
        if hint.is_some_and(|h| h > 0 && total >= h) {
            return Ok(lines);
        }
    }
}

/// A line for an iterator: `None` at end of file (an empty line).
fn some_line<T: AsRef<[u8]>>(line: Result<T>) -> Option<Result<T>> {
    match line {
        Ok(line) if line.as_ref().is_empty() => None,
        other => Some(other),
    }
}

/// `read`, `read1`, `readline`, `readlines` and line iteration for
/// buffered streams (and `BytesIO`).
pub trait BufferedIOBaseExt: BufferedIOBase {
    /// `read(size=-1)`—`size` bytes, fewer only at end of file; `None`
    /// reads to the end.
    fn read(&mut self, size: Option<usize>) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        match size {
            Some(size) => {
                grow(&mut out, size)?;
                let n = self.readinto(&mut out)?;
                out.truncate(n);
            }
            None => loop {
                let chunk = self.fill_buf(1)?;
                if chunk.is_empty() {
                    break;
                }
                out.try_reserve(chunk.len())
                    .map_err(|_| Error::Os(Errno::NOMEM))?;
                out.extend_from_slice(chunk);
                let n = chunk.len();
                self.consume(n);
            },
        }
        Ok(out)
    }

    /// `read1(size=-1)`—at most one read of the underlying stream.
    fn read1(&mut self, size: Option<usize>) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        grow(&mut out, size.unwrap_or(DEFAULT_BUFFER_SIZE))?;
        let n = self.readinto1(&mut out)?;
        out.truncate(n);
        Ok(out)
    }

    /// `readline(size=-1)`—up to and including `\n`, at most `size`
    /// bytes.
    fn readline_vec(&mut self, size: Option<usize>) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let limit = size.unwrap_or(usize::MAX);
        while out.len() < limit {
            let chunk = self.fill_buf(1)?;
            if chunk.is_empty() {
                break;
            }
            let room = limit - out.len();
            let (take, done) = match strata_core::io::memchr::memchr(b'\n', chunk) {
                Some(i) if i < room => (i + 1, true),
                _ => (chunk.len().min(room), false),
            };
            out.try_reserve(take).map_err(|_| Error::Os(Errno::NOMEM))?;
            out.extend_from_slice(&chunk[..take]);
            self.consume(take);
            if done {
                break;
            }
        }
        Ok(out)
    }

    /// `readlines(hint=-1)`—the remaining lines; with a hint, stops once
    /// the lines read total more than `hint` bytes.
    fn readlines(&mut self, hint: Option<usize>) -> Result<Vec<Vec<u8>>> {
        readlines_with(|| self.readline_vec(None), hint)
    }

    /// `for line in f`—the lines, each with its `\n`.
    fn lines(&mut self) -> Lines<'_, Self> {
        Lines(self)
    }
}

impl<T: BufferedIOBase + ?Sized> BufferedIOBaseExt for T {}

/// The lines of a buffered stream; see [`BufferedIOBaseExt::lines`].
#[derive(Debug)]
pub struct Lines<'a, T: ?Sized>(&'a mut T);

impl<T: BufferedIOBase + ?Sized> Iterator for Lines<'_, T> {
    type Item = Result<Vec<u8>>;

    fn next(&mut self) -> Option<Result<Vec<u8>>> {
        some_line(self.0.readline_vec(None))
    }
}

fn to_string(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| {
        Error::Value("text holds undecodable bytes (surrogateescape): use the _bytes methods")
    })
}

/// `read()`, `readline()`, `readlines()` and line iteration for text
/// streams (`TextIOWrapper`, `StringIO`), returning `String`s.
pub trait TextIOWrapperExt {
    /// `read(size=-1)`—`size` characters (all of them with `None`).
    /// Under `backslashreplace`, one undecodable sequence is one unit, so
    /// the count may run over by the rest of its escape.
    fn read_string(&mut self, size: Option<usize>) -> Result<String>;

    /// `readline()` as bytes, however long the line (surrogate escapes
    /// included).
    fn readline_vec(&mut self) -> Result<Vec<u8>>;

    /// `readline()`—the next line, whole, with its ending.
    fn readline_string(&mut self) -> Result<String> {
        to_string(self.readline_vec()?)
    }

    /// `readlines()`.
    fn readlines(&mut self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        loop {
            let line = self.readline_string()?;
            if line.is_empty() {
                return Ok(lines);
            }
            lines.push(line);
        }
    }

    /// `for line in f`.
    fn lines(&mut self) -> TextLines<'_, Self> {
        TextLines(self)
    }
}

impl<B: BufferedIOBase, S: Storage> TextIOWrapperExt for TextIOWrapper<B, S> {
    fn read_string(&mut self, size: Option<usize>) -> Result<String> {
        let mut out: Vec<u8> = Vec::new();
        let mut chars = 0usize;
        let mut chunk = Vec::new();
        loop {
            let want = match size {
                Some(n) if chars >= n => break,
                Some(n) => (n - chars).min(DEFAULT_BUFFER_SIZE),
                None => DEFAULT_BUFFER_SIZE,
            };
            // Each character is at least one byte: a buffer of `want`
            // bytes never holds more than `want` characters. A character
            // longer than that is tried with a buffer one byte larger at a
            // time, so that exactly it fits.
            let mut room = want;
            let got = loop {
                chunk.resize(room, 0);
                match self.read_bytes(&mut chunk) {
                    Ok(text) => break text.len(),
                    Err(Error::Value(_)) if room < 16 => room += 1,
                    Err(e) => return Err(e),
                }
            };
            if got == 0 {
                break;
            }
            let text = &chunk[..got];
            chars += text
                .utf8_chunks()
                .map(|c| c.valid().chars().count() + c.invalid().len())
                .sum::<usize>();
            out.try_reserve(got).map_err(|_| Error::Os(Errno::NOMEM))?;
            out.extend_from_slice(text);
        }
        to_string(out)
    }

    fn readline_string(&mut self) -> Result<String> {
        let newline = self.newline();
        let mut out = String::new();
        loop {
            // The str path: a borrowed line is checked once, in bulk.
            let piece = TextIOBase::readline(self)?;
            if piece.is_empty() {
                return Ok(out);
            }
            out.try_reserve(piece.len())
                .map_err(|_| Error::Os(Errno::NOMEM))?;
            out.push_str(piece);
            if newline.ends_line(piece.as_bytes()) {
                return Ok(out);
            }
        }
    }

    fn readline_vec(&mut self) -> Result<Vec<u8>> {
        let newline = self.newline();
        let mut out = Vec::new();
        loop {
            let piece = self.readline_bytes()?;
            if piece.is_empty() {
                return Ok(out);
            }
            out.try_reserve(piece.len())
                .map_err(|_| Error::Os(Errno::NOMEM))?;
            out.extend_from_slice(piece);
            if newline.ends_line(piece) {
                return Ok(out);
            }
        }
    }
}

/// The lines of a text stream; see [`TextIOWrapperExt::lines`].
#[derive(Debug)]
pub struct TextLines<'a, T: ?Sized>(&'a mut T);

impl<T: TextIOWrapperExt + ?Sized> Iterator for TextLines<'_, T> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        some_line(self.0.readline_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{BytesIO, TextOptions};

    #[test]
    fn text_lines_longer_than_the_line_buffer_come_whole() {
        let long = "x".repeat(100);
        let data = std::format!("{long}\r\nshort\r\n");
        let t = TextIOWrapper::with_options(
            BytesIO::with_value(data.as_bytes()),
            [0u8; 16],
            &TextOptions::default(),
        );
        let mut t = t.unwrap();
        let lines: Vec<String> = t.lines().map(|l| l.unwrap()).collect();
        assert_eq!(lines, [std::format!("{long}\n"), "short\n".into()]);
    }

    #[test]
    fn read_counts_characters() {
        let mut t = TextIOWrapper::with_options(
            BytesIO::with_value("aé€😀b\r\nc".as_bytes()),
            [0u8; 16],
            &TextOptions::default(),
        )
        .unwrap();
        assert_eq!(t.read_string(Some(1)).unwrap(), "a");
        assert_eq!(t.read_string(Some(2)).unwrap(), "é€");
        assert_eq!(t.read_string(Some(1)).unwrap(), "😀");
        assert_eq!(t.read_string(None).unwrap(), "b\nc");
        assert_eq!(t.read_string(None).unwrap(), "");
    }

    #[test]
    fn raw_readall() {
        let path =
            std::env::temp_dir().join(std::format!("strata-alloc-readall-{}", std::process::id()));
        let data: Vec<u8> = (0..50_000u32).map(|i| i as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let mut f = strata_core::io::FileIO::open(path.to_str().unwrap(), "r").unwrap();
        assert_eq!(f.read(Some(3)).unwrap(), [0, 1, 2]);
        assert_eq!(f.readall().unwrap(), &data[3..]);
        std::fs::remove_file(&path).unwrap();
    }
}
