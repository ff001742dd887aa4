//! The text decoder and readline on arbitrary bytes, in arbitrary chunks:
//! never a panic, the same text (or the same error) whatever the chunking,
//! every line but the last ends with its ending, every `tell()` cookie
//! seeks back to its line, and (but under `ignore`, which Strata and
//! CPython split differently around dropped bytes) the text equals a
//! reference: the whole input decoded at once, then newlines translated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::io::{
    Buffered, Encoding, Error, Errors, IOBase, Newline, RawIOBase, Result, TextIOWrapper,
    TextOptions, Whence, decode,
};

/// A raw stream over bytes, `chunk` bytes per read.
struct Chunked<'a> {
    data: &'a [u8],
    pos: usize,
    chunk: usize,
}

impl IOBase for Chunked<'_> {
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
        let base = match whence {
            Whence::Set => 0,
            Whence::Cur => self.pos as i64,
            Whence::End => self.data.len() as i64,
        };
        self.pos = (base + offset).max(0) as usize;
        Ok(self.pos as u64)
    }
}

impl RawIOBase for Chunked<'_> {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let n = buf.len().min(self.chunk).min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
    fn write(&mut self, _: &[u8]) -> Result<usize> {
        Err(Error::Unsupported("write"))
    }
}

const ENCODINGS: [&str; 4] = ["utf-8", "utf-8-sig", "ascii", "latin-1"];
const ERRORS: [&str; 5] = [
    "strict",
    "replace",
    "ignore",
    "backslashreplace",
    "surrogateescape",
];
const NEWLINES: [Option<&str>; 5] = [None, Some(""), Some("\n"), Some("\r"), Some("\r\n")];

/// The lines (pieces joined) with their cookies, or the first error.
fn lines(
    data: &[u8],
    options: &TextOptions<'_>,
    chunk: usize,
    size: usize,
) -> core::result::Result<Vec<(u64, Vec<u8>)>, Error> {
    let raw = Chunked {
        data,
        pos: 0,
        chunk,
    };
    let b = Buffered::with_buffer_size(raw, [0u8; 512], size, true, false).unwrap();
    let mut t = TextIOWrapper::with_options(b, [0u8; 64], options).unwrap();
    let mode = t.newline();
    let mut out: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut open = false;
    loop {
        let at = t.tell()?;
        let piece = t.readline_bytes()?.to_vec();
        if piece.is_empty() {
            break;
        }
        if open {
            out.last_mut().unwrap().1.extend_from_slice(&piece);
        } else {
            out.push((at, piece.clone()));
        }
        open = !mode.ends_line(&piece);
    }
    for (k, (_, line)) in out.iter().enumerate() {
        assert!(
            k + 1 == out.len() || mode.ends_line(line),
            "an inner line without ending"
        );
    }
    for (at, line) in &out {
        t.seek(*at as i64, Whence::Set).unwrap();
        let mut again = Vec::new();
        loop {
            let piece = t.readline_bytes().unwrap().to_vec();
            again.extend_from_slice(&piece);
            if piece.is_empty() || mode.ends_line(&piece) {
                break;
            }
        }
        assert_eq!(&again, line, "cookie {at} does not lead back to its line");
    }
    Ok(out)
}

/// The reference: decode everything at once, then translate newlines in
/// the decoded text.
fn reference(
    data: &[u8],
    enc: Encoding,
    errors: Errors,
    newline: Newline,
) -> core::result::Result<Vec<u8>, Error> {
    let skip = if enc == Encoding::Utf8Sig && data.starts_with(b"\xef\xbb\xbf") {
        3
    } else if enc == Encoding::Utf8Sig && data.len() < 3 && b"\xef\xbb\xbf".starts_with(data) {
        data.len()
    } else {
        0
    };
    let body = &data[skip..];
    let mut out = vec![0u8; body.len() * 12 + 16];
    let d = decode(enc, errors, body, &mut out, true, skip as u64);
    if let Some(e) = d.error {
        return Err(e);
    }
    assert_eq!(d.consumed, body.len());
    out.truncate(d.produced);
    if newline != Newline::Universal {
        return Ok(out);
    }
    let mut t = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        match out[i] {
            b'\r' if out.get(i + 1) == Some(&b'\n') => {
                t.push(b'\n');
                i += 2;
            }
            b'\r' => {
                t.push(b'\n');
                i += 1;
            }
            c => {
                t.push(c);
                i += 1;
            }
        }
    }
    Ok(t)
}

fuzz_target!(|input: &[u8]| {
    let Some((&params, data)) = input.split_first() else {
        return;
    };
    let Some((&shape, data)) = data.split_first() else {
        return;
    };
    let enc = ENCODINGS[usize::from(params & 3)];
    let errors = ERRORS[usize::from(params >> 2) % 5];
    let newline = NEWLINES[usize::from(params >> 5) % 5];
    let chunk = 1 + usize::from(shape & 15);
    let size = 4 + usize::from(shape >> 4) * 4;
    let options = TextOptions {
        encoding: Some(enc),
        errors: Some(errors),
        newline,
        ..TextOptions::default()
    };
    let whole = lines(data, &options, data.len().max(1), 512);
    let chunked = lines(data, &options, chunk, size);
    let text = |r: &core::result::Result<Vec<(u64, Vec<u8>)>, Error>| {
        r.as_ref()
            .map(|l| l.iter().flat_map(|(_, b)| b.clone()).collect::<Vec<u8>>())
            .map_err(|e| e.to_string())
    };
    assert_eq!(text(&whole), text(&chunked), "chunking changed the text");
    if errors != "ignore" {
        let want = reference(
            data,
            Encoding::lookup(enc).unwrap(),
            Errors::lookup(errors).unwrap(),
            Newline::parse(newline).unwrap(),
        );
        // An error is the same error; a text is the same text.
        assert_eq!(
            text(&whole),
            want.map_err(|e| e.to_string()),
            "differs from the reference"
        );
    }
});
