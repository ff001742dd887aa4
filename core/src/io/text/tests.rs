//! The text layer on every chunking: lines, translation, decoding errors,
//! positions, writing.

use super::*;
use crate::io::memory::FixedBytesIO;
use crate::io::{Buffered, RawIOBase};
use std::string::String;
use std::vec::Vec;

/// A raw stream handing out `chunk` bytes per read.
struct Chunked {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
}

impl IOBase for Chunked {
    fn closed(&self) -> bool {
        false
    }
    fn close(&mut self) -> Result<()> {
        Ok(())
    }
    fn readable(&self) -> bool {
        true
    }
    fn seekable(&self) -> bool {
        true
    }
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        self.pos = match whence {
            Whence::Set => offset as usize,
            Whence::Cur => (self.pos as i64 + offset) as usize,
            Whence::End => (self.data.len() as i64 + offset) as usize,
        };
        Ok(self.pos as u64)
    }
}

impl RawIOBase for Chunked {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        let n = buf
            .len()
            .min(self.chunk)
            .min(self.data.len().saturating_sub(self.pos));
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
    fn write(&mut self, _: &[u8]) -> Result<usize> {
        Err(Error::Unsupported("write"))
    }
}

type Reader = TextIOWrapper<Buffered<Chunked, [u8; 64]>, [u8; 64]>;

fn reader(data: &[u8], chunk: usize, bufsize: usize, options: &TextOptions<'_>) -> Reader {
    let raw = Chunked {
        data: data.to_vec(),
        pos: 0,
        chunk,
    };
    let b = Buffered::with_buffer_size(raw, [0; 64], bufsize, true, false).unwrap();
    TextIOWrapper::with_options(b, [0; 64], options).unwrap()
}

fn all_lines(t: &mut Reader) -> Vec<String> {
    let mut lines = Vec::new();
    loop {
        let l = t.readline().unwrap();
        if l.is_empty() {
            return lines;
        }
        lines.push(l.into());
    }
}

/// Python's universal newlines, the slow obvious way.
fn reference_lines(text: &str, newline: Option<&str>) -> Vec<String> {
    let translated = match newline {
        None => text.replace("\r\n", "\n").replace('\r', "\n"),
        Some(_) => text.into(),
    };
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut chars = translated.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        let end = match newline {
            None | Some("\n") => c == '\n',
            Some("") => c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')),
            Some("\r") => c == '\r',
            Some("\r\n") => cur.ends_with("\r\n"),
            _ => unreachable!(),
        };
        if end {
            lines.push(core::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

const SAMPLE: &str = "one\ntwo\r\nthree\rfour\r\r\nfive\n\r\nsix é€😀\r";

#[test]
fn lines_match_the_reference_in_every_chunking_and_mode() {
    for newline in [None, Some(""), Some("\n"), Some("\r"), Some("\r\n")] {
        let want = reference_lines(SAMPLE, newline);
        for chunk in [1, 2, 3, 5, 7, 64] {
            for bufsize in [4, 5, 8, 13, 64] {
                let options = TextOptions {
                    newline,
                    ..TextOptions::default()
                };
                let mut t = reader(SAMPLE.as_bytes(), chunk, bufsize, &options);
                let got = all_lines(&mut t);
                // Lines longer than the buffer come in pieces: compare the
                // pieces joined at line ends.
                let mut joined: Vec<String> = Vec::new();
                let mut cur = String::new();
                for piece in got {
                    cur.push_str(&piece);
                    let ends = match newline {
                        None | Some("\n") => cur.ends_with('\n'),
                        Some("") => cur.ends_with('\n') || cur.ends_with('\r'),
                        Some("\r") => cur.ends_with('\r'),
                        _ => cur.ends_with("\r\n"),
                    };
                    if ends {
                        joined.push(core::mem::take(&mut cur));
                    }
                }
                if !cur.is_empty() {
                    joined.push(cur);
                }
                // newline='' may cut a "\r" piece before its "\n": the
                // joined text must still be the input.
                assert_eq!(
                    joined.concat(),
                    want.concat(),
                    "newline {newline:?} chunk {chunk} buf {bufsize}"
                );
                if bufsize == 64 {
                    assert_eq!(joined, want, "newline {newline:?} chunk {chunk}");
                }
            }
        }
    }
}

#[test]
fn newlines_seen() {
    let mut t = reader(SAMPLE.as_bytes(), 3, 64, &TextOptions::default());
    assert!(t.newlines().is_empty());
    t.readline().unwrap();
    assert_eq!(t.newlines(), Newlines::LF);
    all_lines(&mut t);
    let seen: Vec<&str> = t.newlines().iter().collect();
    assert_eq!(seen, ["\r", "\n", "\r\n"]);
    let mut t = reader(
        SAMPLE.as_bytes(),
        3,
        64,
        &TextOptions {
            newline: Some("\n"),
            ..TextOptions::default()
        },
    );
    all_lines(&mut t);
    assert!(t.newlines().is_empty(), "only tracked for None and ''");
}

#[test]
fn decode_errors_name_the_stream_offset_and_handlers_apply() {
    let data = b"good line\nbad \xff here\nend\n";
    let mut t = reader(data, 4, 16, &TextOptions::default());
    assert_eq!(t.readline().unwrap(), "good line\n");
    let e = t.readline().unwrap_err();
    assert_eq!(
        std::format!("{e}"),
        "'utf-8' codec can't decode byte 0xff in position 14: invalid start byte"
    );
    // Nothing was consumed: the same error again, until errors change.
    assert_eq!(t.readline().unwrap_err(), e);
    t.reconfigure(&Reconfigure {
        errors: Some("replace"),
        ..Reconfigure::default()
    })
    .unwrap();
    assert_eq!(t.readline().unwrap(), "bad \u{fffd} here\n");
    assert_eq!(t.readline().unwrap(), "end\n");

    for (errors, want) in [
        ("ignore", &b"bad  here\n"[..]),
        ("backslashreplace", b"bad \\xff here\n"),
        ("surrogateescape", b"bad \xff here\n"),
    ] {
        let mut t = reader(
            b"bad \xff here\n",
            2,
            8,
            &TextOptions {
                errors: Some(errors),
                ..TextOptions::default()
            },
        );
        let mut got = Vec::new();
        loop {
            let l = t.readline_bytes().unwrap();
            if l.is_empty() {
                break;
            }
            got.extend_from_slice(l);
        }
        assert_eq!(got, want, "{errors}");
    }
    // A truncated character at the very end.
    let mut t = reader(b"ab\xe2\x82", 1, 8, &TextOptions::default());
    assert_eq!(
        std::format!("{}", t.readline().unwrap_err()),
        "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"
    );
    // Not-UTF-8 text is not a str.
    let mut t = reader(
        b"\xff\n",
        1,
        8,
        &TextOptions {
            errors: Some("surrogateescape"),
            ..TextOptions::default()
        },
    );
    assert!(t.readline().is_err());
}

#[test]
fn a_multibyte_character_split_across_refills() {
    let text = "ab€cd😀\n".repeat(5);
    for chunk in 1..8 {
        for bufsize in [4, 5, 6, 7] {
            let mut t = reader(text.as_bytes(), chunk, bufsize, &TextOptions::default());
            let joined: String = all_lines(&mut t).concat();
            assert_eq!(joined, text, "chunk {chunk} buf {bufsize}");
        }
    }
}

#[test]
fn latin1_ascii_and_bom() {
    let mut t = reader(
        b"caf\xe9\n",
        2,
        8,
        &TextOptions {
            encoding: Some("latin-1"),
            ..TextOptions::default()
        },
    );
    assert_eq!(t.readline().unwrap(), "café\n");
    assert_eq!(t.encoding(), "latin-1");
    let mut t = reader(
        b"\xef\xbb\xbfhi\n",
        1,
        8,
        &TextOptions {
            encoding: Some("utf-8-sig"),
            ..TextOptions::default()
        },
    );
    assert_eq!(t.readline().unwrap(), "hi\n");
    let mut t = reader(b"\xef\xbb\xbfhi\n", 1, 8, &TextOptions::default());
    assert_eq!(
        t.readline().unwrap(),
        "\u{feff}hi\n",
        "plain utf-8 keeps it"
    );
    let mut t = reader(
        b"ok\xe9",
        1,
        8,
        &TextOptions {
            encoding: Some("ascii"),
            ..TextOptions::default()
        },
    );
    assert_eq!(
        std::format!("{}", t.readline().unwrap_err()),
        "'ascii' codec can't decode byte 0xe9 in position 2: ordinal not in range(128)"
    );
}

#[test]
fn tell_cookies_round_trip() {
    for newline in [None, Some(""), Some("\r\n")] {
        for chunk in [1, 3, 64] {
            let options = TextOptions {
                newline,
                ..TextOptions::default()
            };
            let mut t = reader(SAMPLE.as_bytes(), chunk, 16, &options);
            let mut marks = Vec::new();
            loop {
                let at = t.tell().unwrap();
                let l: String = t.readline().unwrap().into();
                if l.is_empty() {
                    break;
                }
                marks.push((at, l));
            }
            for (at, line) in marks.iter().rev() {
                assert_eq!(t.seek(*at as i64, Whence::Set).unwrap(), *at);
                assert_eq!(t.readline().unwrap(), line.as_str(), "at {at}");
            }
            assert_eq!(
                t.seek(1, Whence::Cur),
                Err(Error::Unsupported("can't do nonzero cur-relative seeks"))
            );
            assert_eq!(
                t.seek(-1, Whence::End),
                Err(Error::Unsupported("can't do nonzero end-relative seeks"))
            );
            assert_eq!(t.seek(0, Whence::End).unwrap(), SAMPLE.len() as u64);
        }
    }
}

#[test]
fn read_into_a_small_buffer() {
    let mut t = reader(SAMPLE.as_bytes(), 3, 8, &TextOptions::default());
    let mut out = [0u8; 5];
    let mut all = String::new();
    loop {
        let s = t.read(&mut out).unwrap();
        if s.is_empty() {
            break;
        }
        all.push_str(s);
    }
    assert_eq!(all, reference_lines(SAMPLE, None).concat());
    let mut t = reader("😀".as_bytes(), 3, 8, &TextOptions::default());
    assert!(t.read(&mut [0u8; 3]).is_err(), "not one character fits");
}

type Sink = TextIOWrapper<FixedBytesIO<[u8; 256]>, [u8; 16]>;

fn writer(options: &TextOptions<'_>) -> Sink {
    TextIOWrapper::with_options(FixedBytesIO::new(), [0; 16], options).unwrap()
}

fn written(t: &Sink) -> Vec<u8> {
    t.buffer().unwrap().getvalue().unwrap().to_vec()
}

#[test]
fn writing_translates_encodes_and_fails_before_writing() {
    let mut t = writer(&TextOptions {
        newline: Some("\r\n"),
        ..TextOptions::default()
    });
    t.write("a\nb\n").unwrap();
    assert_eq!(written(&t), b"a\r\nb\r\n");

    let mut t = writer(&TextOptions {
        encoding: Some("latin-1"),
        ..TextOptions::default()
    });
    t.write("café\n").unwrap();
    assert_eq!(
        std::format!("{}", t.write("ok €").unwrap_err()),
        "'latin-1' codec can't encode character '\\u20ac' in position 3: ordinal not in range(256)"
    );
    assert_eq!(written(&t), b"caf\xe9\n", "nothing of the failed write");

    let mut t = writer(&TextOptions {
        encoding: Some("ascii"),
        errors: Some("backslashreplace"),
        ..TextOptions::default()
    });
    t.write("é€").unwrap();
    assert_eq!(written(&t), b"\\xe9\\u20ac");

    let mut t = writer(&TextOptions {
        encoding: Some("utf-8-sig"),
        ..TextOptions::default()
    });
    t.write("x").unwrap();
    t.write("y").unwrap();
    assert_eq!(written(&t), b"\xef\xbb\xbfxy", "one BOM, at the start");

    let mut t = writer(&TextOptions {
        errors: Some("surrogateescape"),
        ..TextOptions::default()
    });
    t.write_bytes(b"raw \xff\n").unwrap();
    assert_eq!(written(&t), b"raw \xff\n");
    let mut t = writer(&TextOptions::default());
    assert!(t.write_bytes(b"raw \xff\n").is_err());
    assert_eq!(written(&t), b"");
}

#[test]
fn line_buffering_flushes_on_line_endings() {
    struct Counting {
        flushes: usize,
        inner: FixedBytesIO<[u8; 64]>,
    }
    impl IOBase for Counting {
        fn closed(&self) -> bool {
            false
        }
        fn close(&mut self) -> Result<()> {
            Ok(())
        }
        fn flush(&mut self) -> Result<()> {
            self.flushes += 1;
            Ok(())
        }
        fn writable(&self) -> bool {
            true
        }
    }
    impl BufferedIOBase for Counting {
        fn readinto(&mut self, b: &mut [u8]) -> Result<usize> {
            self.inner.readinto(b)
        }
        fn readinto1(&mut self, b: &mut [u8]) -> Result<usize> {
            self.inner.readinto1(b)
        }
        fn write(&mut self, d: &[u8]) -> Result<usize> {
            self.inner.write(d)
        }
        fn take(&mut self, n: usize) -> &[u8] {
            self.inner.take(n)
        }
    }
    let c = Counting {
        flushes: 0,
        inner: FixedBytesIO::new(),
    };
    let mut t = TextIOWrapper::with_options(
        c,
        [0u8; 4],
        &TextOptions {
            line_buffering: true,
            ..TextOptions::default()
        },
    )
    .unwrap();
    t.write("no ending").unwrap();
    assert_eq!(t.buffer().unwrap().flushes, 0);
    t.write("a line\n").unwrap();
    t.write("a return\r").unwrap();
    assert_eq!(t.buffer().unwrap().flushes, 2);
    t.reconfigure(&Reconfigure {
        line_buffering: Some(false),
        ..Reconfigure::default()
    })
    .unwrap();
    let before = t.buffer().unwrap().flushes;
    t.write("x\n").unwrap();
    assert_eq!(t.buffer().unwrap().flushes, before);
}

#[test]
fn closed_detached_and_direction_errors() {
    let mut t = writer(&TextOptions::default());
    t.write("x").unwrap();
    t.close().unwrap();
    assert_eq!(t.write("y"), Err(Error::CLOSED));
    assert_eq!(t.readline().unwrap_err(), Error::CLOSED);
    let mut r = reader(b"abc", 1, 8, &TextOptions::default());
    assert_eq!(r.write("x"), Err(Error::Unsupported("not writable")));
    let b = r.detach().unwrap();
    assert_eq!(b.read_ahead(), 0);
    assert_eq!(
        Newline::parse(Some("x"))
            .map(drop)
            .unwrap_err()
            .to_string_for_test(),
        "illegal newline value: x"
    );
}

trait ForTest {
    fn to_string_for_test(&self) -> String;
}

impl ForTest for Error {
    fn to_string_for_test(&self) -> String {
        std::format!("{self}")
    }
}
