//! `io.StringIO`: an in-memory text stream.
//!
//! Python's semantics, positions included: the value is a sequence of
//! characters (held as `char`s, as CPython holds code points), so `tell()`
//! and `seek()` count characters, a write overwrites from the position, and
//! a write after seeking past the end fills the gap with `'\0'`. Newlines
//! as in CPython: `newline='\n'` (the default) stores text as it is;
//! `None` stores every `\r\n` and `\r` of each write as `\n` (each write is
//! complete: a `\r` ending one write and a `\n` starting the next are two
//! line endings); `''` splits lines at any ending without translating;
//! `'\r'` and `'\r\n'` store each `\n` written as that ending. What
//! differs: `encoding` and `errors` are empty strings (Python: `None`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use strata_core::io::{Error, IOBase, Newline, Newlines, Result, TextIOBase, Whence};

/// `io.StringIO`.
///
/// # References
/// - [io.StringIO](https://docs.python.org/3/library/io.html#io.StringIO)
#[derive(Clone)]
pub struct StringIO {
    chars: Vec<char>,
    pos: usize,
    closed: bool,
    newline: Newline,
    seen: Newlines,
    /// The last line or read handed out by the `TextIOBase` methods.
    scratch: String,
}

impl fmt::Debug for StringIO {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "StringIO(len={}, pos={}, newline={:?})",
            self.chars.len(),
            self.pos,
            self.newline
        )
    }
}

impl Default for StringIO {
    fn default() -> Self {
        StringIO::new()
    }
}

impl StringIO {
    /// `StringIO()`—empty, `newline='\n'`.
    pub fn new() -> StringIO {
        StringIO {
            chars: Vec::new(),
            pos: 0,
            closed: false,
            newline: Newline::Lf,
            seen: Newlines::NONE,
            scratch: String::new(),
        }
    }

    /// `StringIO(initial_value, newline)`—`initial_value` written (and
    /// translated per `newline`), then the position back at 0. A bad
    /// `newline` is `ValueError: illegal newline value: X`.
    pub fn with_value(initial: &str, newline: Option<&str>) -> Result<StringIO> {
        let mut s = StringIO::new();
        s.newline = Newline::parse(newline)?;
        s.write_chars(initial);
        s.pos = 0;
        Ok(s)
    }

    /// `getvalue()`—the whole value.
    pub fn getvalue(&self) -> Result<String> {
        self.check()?;
        Ok(self.chars.iter().collect())
    }

    fn check(&self) -> Result<()> {
        if self.closed {
            Err(Error::CLOSED)
        } else {
            Ok(())
        }
    }

    /// Translates per `newline` and overwrites from the position.
    fn write_chars(&mut self, s: &str) {
        let mut text: Vec<char> = Vec::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match (self.newline, c) {
                (Newline::Universal | Newline::Untranslated, '\r') => {
                    let crlf = chars.peek() == Some(&'\n');
                    self.seen
                        .add(if crlf { Newlines::CRLF } else { Newlines::CR });
                    if self.newline == Newline::Universal {
                        if crlf {
                            chars.next();
                        }
                        text.push('\n');
                    } else {
                        text.push('\r');
                    }
                }
                (Newline::Universal | Newline::Untranslated, '\n') => {
                    self.seen.add(Newlines::LF);
                    text.push('\n');
                }
                (Newline::Cr, '\n') => text.push('\r'),
                (Newline::CrLf, '\n') => text.extend(['\r', '\n']),
                (_, c) => text.push(c),
            }
        }
        if self.pos > self.chars.len() {
            self.chars.resize(self.pos, '\0');
        }
        let end = self.pos + text.len();
        let overlap = end.min(self.chars.len());
        self.chars.splice(self.pos..overlap, text);
        self.pos = end;
    }

    /// `read(size=-1)`—`size` characters from the position (all with
    /// `None`).
    pub fn read_string(&mut self, size: Option<usize>) -> Result<String> {
        self.check()?;
        let start = self.pos.min(self.chars.len());
        let end = size.map_or(self.chars.len(), |n| {
            start.saturating_add(n).min(self.chars.len())
        });
        self.pos = end.max(self.pos);
        Ok(self.chars[start..end].iter().collect())
    }

    /// Where the line starting at the position ends (exclusive).
    fn line_end(&self, limit: Option<usize>) -> usize {
        let start = self.pos.min(self.chars.len());
        let stop = limit.map_or(self.chars.len(), |n| {
            start.saturating_add(n).min(self.chars.len())
        });
        let rest = &self.chars[start..stop];
        let end = match self.newline {
            Newline::Universal | Newline::Lf => rest.iter().position(|&c| c == '\n').map(|i| i + 1),
            Newline::Cr => rest.iter().position(|&c| c == '\r').map(|i| i + 1),
            Newline::CrLf => rest
                .windows(2)
                .position(|w| w == ['\r', '\n'])
                .map(|i| i + 2),
            Newline::Untranslated => rest.iter().position(|&c| c == '\r' || c == '\n').map(|i| {
                if rest[i] == '\r' && rest.get(i + 1) == Some(&'\n') {
                    i + 2
                } else {
                    i + 1
                }
            }),
        };
        start + end.unwrap_or(rest.len())
    }

    /// `readline(size=-1)`—the next line, with its ending; at most `size`
    /// characters.
    pub fn readline_string(&mut self, size: Option<usize>) -> Result<String> {
        self.check()?;
        let start = self.pos.min(self.chars.len());
        let end = self.line_end(size);
        self.pos = end.max(self.pos);
        Ok(self.chars[start..end].iter().collect())
    }

    /// `readlines()`.
    pub fn readlines(&mut self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        loop {
            let line = self.readline_string(None)?;
            if line.is_empty() {
                return Ok(lines);
            }
            lines.push(line);
        }
    }
}

/// `for line in s` and the other owned reads of text streams.
impl super::TextIOWrapperExt for StringIO {
    fn read_string(&mut self, size: Option<usize>) -> Result<String> {
        StringIO::read_string(self, size)
    }

    fn readline_vec(&mut self) -> Result<Vec<u8>> {
        Ok(StringIO::readline_string(self, None)?.into_bytes())
    }

    fn readline_string(&mut self) -> Result<String> {
        StringIO::readline_string(self, None)
    }
}

impl IOBase for StringIO {
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

    /// `seek(pos, whence)`: a character position, or `(0, Cur)`/`(0, End)`.
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        self.check()?;
        match whence {
            Whence::Set if offset < 0 => Err(Error::BadNumber {
                what: "Negative seek position",
                value: offset,
            }),
            Whence::Set => {
                self.pos = offset as usize;
                Ok(self.pos as u64)
            }
            // Python raises these as OSError.
            Whence::Cur if offset != 0 => {
                Err(Error::OsMessage("Can't do nonzero cur-relative seeks"))
            }
            // (CPython says "cur-relative" for SEEK_END too.)
            Whence::End if offset != 0 => {
                Err(Error::OsMessage("Can't do nonzero cur-relative seeks"))
            }
            Whence::Cur => Ok(self.pos as u64),
            Whence::End => {
                self.pos = self.chars.len();
                Ok(self.pos as u64)
            }
        }
    }

    fn tell(&mut self) -> Result<u64> {
        self.check()?;
        Ok(self.pos as u64)
    }

    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        self.check()?;
        let size = size.map_or(self.pos, |s| s.min(usize::MAX as u64) as usize);
        self.chars.truncate(size);
        Ok(size as u64)
    }
}

impl TextIOBase for StringIO {
    fn encoding(&self) -> &'static str {
        ""
    }

    fn errors(&self) -> &'static str {
        ""
    }

    fn newlines(&self) -> Newlines {
        self.seen
    }

    /// Characters from the position, as many as fit in `out` as UTF-8.
    fn read<'a>(&mut self, out: &'a mut [u8]) -> Result<&'a str> {
        self.check()?;
        let mut n = 0;
        while let Some(&c) = self.chars.get(self.pos) {
            let len = c.len_utf8();
            if n + len > out.len() {
                break;
            }
            c.encode_utf8(&mut out[n..n + len]);
            n += len;
            self.pos += 1;
        }
        core::str::from_utf8(&out[..n]).map_err(|_| Error::Value("not UTF-8"))
    }

    fn readline(&mut self) -> Result<&str> {
        self.scratch = self.readline_string(None)?;
        Ok(&self.scratch)
    }

    /// `write(s)`, returning `s.len()` (Python returns the length in
    /// characters).
    fn write(&mut self, s: &str) -> Result<usize> {
        self.check()?;
        if s.is_empty() {
            // Python: an empty write does not fill a gap.
            return Ok(0);
        }
        self.write_chars(s);
        Ok(s.len())
    }
}

impl fmt::Write for StringIO {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        TextIOBase::write(self, s).map(drop).map_err(|_| fmt::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_modes_as_cpython() {
        // From CPython 3.11: write('a\r\nb\rc\nd\r') then write('\ne').
        for (nl, value, lines) in [
            (
                None,
                "a\nb\nc\nd\n\ne",
                &["a\n", "b\n", "c\n", "d\n", "\n", "e"][..],
            ),
            (
                Some(""),
                "a\r\nb\rc\nd\r\ne",
                &["a\r\n", "b\r", "c\n", "d\r\n", "e"],
            ),
            (
                Some("\n"),
                "a\r\nb\rc\nd\r\ne",
                &["a\r\n", "b\rc\n", "d\r\n", "e"],
            ),
            (
                Some("\r"),
                "a\r\rb\rc\rd\r\re",
                &["a\r", "\r", "b\r", "c\r", "d\r", "\r", "e"],
            ),
            (
                Some("\r\n"),
                "a\r\r\nb\rc\r\nd\r\r\ne",
                &["a\r\r\n", "b\rc\r\n", "d\r\r\n", "e"],
            ),
        ] {
            let mut s = StringIO::with_value("", nl).unwrap();
            s.write("a\r\nb\rc\nd\r").unwrap();
            s.write("\ne").unwrap();
            assert_eq!(s.getvalue().unwrap(), value, "{nl:?}");
            s.seek(0, Whence::Set).unwrap();
            assert_eq!(s.readlines().unwrap(), lines, "{nl:?}");
        }
    }

    #[test]
    fn positions_count_characters() {
        let mut s = StringIO::with_value("héllo", None).unwrap();
        s.seek(10, Whence::Set).unwrap();
        s.write("x").unwrap();
        assert_eq!(s.getvalue().unwrap(), "héllo\0\0\0\0\0x");
        assert_eq!(s.tell().unwrap(), 11);
        let mut s = StringIO::with_value("héllo", None).unwrap();
        s.seek(1, Whence::Set).unwrap();
        s.write("E").unwrap();
        assert_eq!(s.getvalue().unwrap(), "hEllo");
        assert_eq!(s.read_string(Some(2)).unwrap(), "ll");
        assert_eq!(s.tell().unwrap(), 4);
        let mut s = StringIO::with_value("abc\ndef", None).unwrap();
        assert_eq!(s.readline_string(Some(2)).unwrap(), "ab");
        assert_eq!(s.readline_string(None).unwrap(), "c\n");
        assert_eq!(s.read_string(None).unwrap(), "def");
        assert_eq!(
            std::format!("{}", s.seek(1, Whence::Cur).unwrap_err()),
            "Can't do nonzero cur-relative seeks"
        );
        assert_eq!(
            std::format!("{}", s.seek(-1, Whence::Set).unwrap_err()),
            "Negative seek position -1"
        );
        let mut s = StringIO::with_value("abcdef", None).unwrap();
        s.seek(3, Whence::Set).unwrap();
        assert_eq!(s.truncate(None).unwrap(), 3);
        assert_eq!(s.getvalue().unwrap(), "abc");
    }
}
