//! The codecs a text stream uses: `utf-8`, `utf-8-sig`, `ascii` and
//! `latin-1`, each with the error handlers `strict`, `replace`, `ignore`,
//! `backslashreplace` and `surrogateescape`.
//!
//! Decoding produces UTF-8 (Rust's text), except under `surrogateescape`:
//! Python turns each undecodable byte into the lone surrogate U+DC80+byte,
//! which no Rust `str` can hold, so Strata passes the byte itself through,
//! unchanged. Such text is bytes (`read_bytes`, `readline_bytes`); written
//! back with `surrogateescape` the byte comes out as it went in, which is
//! the round trip PEP 383 promises. Errors follow CPython's rules: UTF-8
//! errors cover the maximal invalid subsequence (one U+FFFD each under
//! `replace`), ASCII errors one byte each, and encode errors the whole run
//! of characters that cannot be encoded.

use super::error::{ArgumentKind, BadArgument, DecodeError, EncodeError, Error, Result};

/// A text encoding Strata can decode and encode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `utf-8`.
    Utf8,
    /// `utf-8-sig`: UTF-8 that skips a byte order mark at the start of a
    /// stream and writes one at the start of a new one.
    Utf8Sig,
    /// `ascii`: bytes 0-127.
    Ascii,
    /// `latin-1` (ISO 8859-1): every byte is the code point of its value.
    Latin1,
}

impl Encoding {
    /// `codecs.lookup(name)` for the four encodings, with Python's aliases
    /// (`utf8`, `U8`, `latin1`, `iso-8859-1`, `l1`, `us-ascii`, `646`, ...),
    /// case and punctuation ignored as Python's `normalize_encoding` does.
    /// Any other name is `LookupError: unknown encoding: NAME`.
    pub fn lookup(name: &str) -> Result<Encoding> {
        let mut norm = [0u8; 24];
        let mut len = 0;
        let mut gap = false;
        for c in name.bytes() {
            if c.is_ascii_alphanumeric() || c == b'.' {
                if gap && len > 0 {
                    push(&mut norm, &mut len, b'_');
                }
                gap = false;
                push(&mut norm, &mut len, c.to_ascii_lowercase());
            } else {
                gap = true;
            }
        }
        fn push(norm: &mut [u8; 24], len: &mut usize, c: u8) {
            if let Some(slot) = norm.get_mut(*len) {
                *slot = c;
            }
            *len += 1;
        }
        let key = norm.get(..len).unwrap_or(b"?");
        let found = match key {
            b"utf_8" | b"utf8" | b"u8" | b"utf" | b"utf8_ucs2" | b"utf8_ucs4" | b"cp65001" => {
                Some(Encoding::Utf8)
            }
            b"utf_8_sig" | b"utf8_sig" => Some(Encoding::Utf8Sig),
            b"ascii" | b"646" | b"ansi_x3.4_1968" | b"ansi_x3_4_1968" | b"ansi_x3.4_1986"
            | b"cp367" | b"csascii" | b"ibm367" | b"iso646_us" | b"iso_646.irv_1991"
            | b"iso_ir_6" | b"us" | b"us_ascii" => Some(Encoding::Ascii),
            b"latin_1" | b"latin1" | b"latin" | b"l1" | b"8859" | b"cp819" | b"csisolatin1"
            | b"ibm819" | b"iso8859" | b"iso8859_1" | b"iso_8859_1" | b"iso_8859_1_1987"
            | b"iso_ir_100" => Some(Encoding::Latin1),
            _ => None,
        };
        found.ok_or(Error::BadArgument(BadArgument::new(
            ArgumentKind::Encoding,
            name,
        )))
    }

    /// The canonical name: `utf-8`, `utf-8-sig`, `ascii`, `latin-1`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Sig => "utf-8-sig",
            Encoding::Ascii => "ascii",
            Encoding::Latin1 => "latin-1",
        }
    }

    /// The name CPython's error messages use (`utf-8` for `utf-8-sig`).
    pub fn codec_name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Sig => "utf-8",
            other => other.name(),
        }
    }

    fn is_utf8(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Sig)
    }
}

/// What to do with bytes that cannot be decoded or characters that cannot
/// be encoded: Python's `errors` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errors {
    /// `strict`: an error value.
    Strict,
    /// `replace`: U+FFFD when decoding, `?` when encoding.
    Replace,
    /// `ignore`: dropped.
    Ignore,
    /// `backslashreplace`: `\xff` when decoding; `\xe9`, `\u20ac`,
    /// `\U0001f600` when encoding.
    BackslashReplace,
    /// `surrogateescape`: undecodable bytes pass through as themselves
    /// (see the module documentation), and are written back unchanged.
    SurrogateEscape,
}

impl Errors {
    /// The handler called `name`; any other is `LookupError: unknown error
    /// handler name 'NAME'`. (Python finds out only when the handler is
    /// first needed; Strata at once.)
    pub fn lookup(name: &str) -> Result<Errors> {
        Ok(match name {
            "strict" => Errors::Strict,
            "replace" => Errors::Replace,
            "ignore" => Errors::Ignore,
            "backslashreplace" => Errors::BackslashReplace,
            "surrogateescape" => Errors::SurrogateEscape,
            _ => {
                return Err(Error::BadArgument(BadArgument::new(
                    ArgumentKind::Errors,
                    name,
                )));
            }
        })
    }

    /// The handler's name.
    pub fn name(self) -> &'static str {
        match self {
            Errors::Strict => "strict",
            Errors::Replace => "replace",
            Errors::Ignore => "ignore",
            Errors::BackslashReplace => "backslashreplace",
            Errors::SurrogateEscape => "surrogateescape",
        }
    }
}

/// The result of one [`decode`] call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Input bytes used.
    pub consumed: usize,
    /// Output bytes written.
    pub produced: usize,
    /// A `strict` error at `consumed` (the input before it was decoded).
    pub error: Option<Error>,
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `bytes` to `out` at `*at` if they fit.
#[inline]
fn put(out: &mut [u8], at: &mut usize, bytes: &[u8]) -> bool {
    let ok = super::slice::put(out, *at, bytes);
    if ok {
        *at += bytes.len();
    }
    ok
}

/// Decodes `input` into `out` as far as both allow. `offset` is the stream
/// offset of `input[0]`, for error positions. Unless `last`, an incomplete
/// character at the end of `input` is left unconsumed for the next call;
/// with `last` it is an error ("unexpected end of data"). A character or
/// replacement that does not fit in `out` is left for the next call too.
pub fn decode(
    encoding: Encoding,
    errors: Errors,
    input: &[u8],
    out: &mut [u8],
    last: bool,
    offset: u64,
) -> Decoded {
    let mut i = 0;
    let mut o = 0;
    let error = loop {
        let rest = input.get(i..).unwrap_or_default();
        if rest.is_empty() {
            break None;
        }
        // The longest valid run, and what follows it.
        let (valid, bad) = match encoding {
            Encoding::Utf8 | Encoding::Utf8Sig => match core::str::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            },
            Encoding::Ascii => match rest.iter().position(|&b| b >= 0x80) {
                None => (rest.len(), None),
                Some(p) => (p, Some(Some(1))),
            },
            Encoding::Latin1 => {
                let (n, m) = latin1_to_utf8(rest, out.get_mut(o..).unwrap_or_default());
                i += n;
                o += m;
                if n < rest.len() {
                    break None;
                }
                continue;
            }
        };
        // Copy the valid run, cut at a character boundary if `out` is
        // short.
        let room = out.len() - o;
        let mut take = valid.min(room);
        if take < valid {
            while take > 0 && rest.get(take).is_some_and(|&b| b & 0xc0 == 0x80) {
                take -= 1;
            }
        }
        put(out, &mut o, rest.get(..take).unwrap_or_default());
        i += take;
        if take < valid {
            break None;
        }
        let Some(bad) = bad else {
            break None;
        };
        let bad_len = match bad {
            Some(n) => n,
            None if !last => break None,
            None => rest.len() - valid,
        };
        let seq = rest.get(valid..valid + bad_len).unwrap_or_default();
        let first = seq.first().copied().unwrap_or(0);
        let reason = match (encoding, bad) {
            (Encoding::Ascii, _) => "ordinal not in range(128)",
            (_, None) => "unexpected end of data",
            _ if (0x80..0xc2).contains(&first) || first > 0xf4 => "invalid start byte",
            _ => "invalid continuation byte",
        };
        let fits = match errors {
            Errors::Strict => {
                let start = offset + i as u64;
                break Some(Error::Decode(DecodeError {
                    encoding: encoding.codec_name(),
                    start,
                    end: start + bad_len as u64,
                    byte: first,
                    reason,
                }));
            }
            Errors::Ignore => true,
            Errors::Replace => put(out, &mut o, "\u{fffd}".as_bytes()),
            Errors::SurrogateEscape => put(out, &mut o, seq),
            Errors::BackslashReplace => {
                if out.len() - o < 4 * seq.len() {
                    false
                } else {
                    for &b in seq {
                        let hex = [
                            b'\\',
                            b'x',
                            HEX[usize::from(b >> 4)],
                            HEX[usize::from(b & 15)],
                        ];
                        put(out, &mut o, &hex);
                    }
                    true
                }
            }
        };
        if !fits {
            break None;
        }
        i += bad_len;
    };
    Decoded {
        consumed: i,
        produced: o,
        error,
    }
}

/// Latin-1 to UTF-8: returns (bytes read, bytes written), stopping where a
/// character does not fit.
fn latin1_to_utf8(input: &[u8], out: &mut [u8]) -> (usize, usize) {
    let mut o = 0;
    for (i, &b) in input.iter().enumerate() {
        let ok = if b < 0x80 {
            put(out, &mut o, &[b])
        } else {
            put(out, &mut o, &[0xc0 | b >> 6, 0x80 | (b & 0x3f)])
        };
        if !ok {
            return (i, o);
        }
    }
    (input.len(), o)
}

/// One unit of text to encode: a character, or a byte that was not UTF-8
/// (a surrogate escape).
#[derive(Clone, Copy)]
enum Unit {
    Char(char),
    Byte(u8),
}

/// Splits text (UTF-8 with possible stray bytes) into units.
fn units(text: &[u8]) -> impl Iterator<Item = (Unit, &[u8])> {
    text.utf8_chunks().flat_map(|chunk| {
        let valid = chunk.valid();
        let chars = valid.char_indices().map(move |(i, c)| {
            let end = i + c.len_utf8();
            (
                Unit::Char(c),
                valid.as_bytes().get(i..end).unwrap_or_default(),
            )
        });
        let bytes = chunk
            .invalid()
            .chunks(1)
            .map(|b| (Unit::Byte(b.first().copied().unwrap_or(0)), b));
        chars.chain(bytes)
    })
}

impl Unit {
    fn code_point(self) -> u32 {
        match self {
            Unit::Char(c) => c as u32,
            Unit::Byte(b) => 0xdc00 + u32::from(b),
        }
    }
}

/// Whether `encoding` can encode `unit` as itself, and the reason when not.
fn unencodable(encoding: Encoding, unit: Unit) -> Option<&'static str> {
    match (encoding, unit) {
        (_, Unit::Byte(_)) if encoding.is_utf8() => Some("surrogates not allowed"),
        (Encoding::Ascii, u) if u.code_point() >= 0x80 => Some("ordinal not in range(128)"),
        (Encoding::Latin1, u) if u.code_point() >= 0x100 => Some("ordinal not in range(256)"),
        _ => None,
    }
}

/// Checks, before anything is written, that `text` encodes under a
/// `strict` (or `surrogateescape`, for real characters) handler, as Python
/// encodes a whole `write` before writing any of it. `widen`: how many
/// characters each `\n` gains when written (1 for `\r\n`), since Python
/// counts positions in the translated text.
pub fn check_encodable(
    encoding: Encoding,
    errors: Errors,
    text: &[u8],
    widen: usize,
) -> Result<()> {
    let fast = match encoding {
        Encoding::Utf8 | Encoding::Utf8Sig => core::str::from_utf8(text).is_ok(),
        Encoding::Ascii => text.is_ascii(),
        Encoding::Latin1 => text.is_ascii(),
    };
    if fast || !matches!(errors, Errors::Strict | Errors::SurrogateEscape) {
        return Ok(());
    }
    let mut start = None;
    let mut first = 0;
    let mut why = "";
    let mut index = 0;
    for (unit, _) in units(text) {
        let width = if matches!(unit, Unit::Char('\n')) {
            1 + widen
        } else {
            1
        };
        let bad = unencodable(encoding, unit).filter(|_| {
            // surrogateescape writes escaped bytes back; only real
            // characters can fail under it.
            errors == Errors::Strict || matches!(unit, Unit::Char(_))
        });
        match (bad, start) {
            (Some(reason), None) => {
                start = Some(index);
                first = unit.code_point();
                why = reason;
            }
            (None, Some(s)) => return Err(encode_error(encoding, s, index, first, why)),
            _ => {}
        }
        index += width;
    }
    match start {
        Some(s) => Err(encode_error(encoding, s, index, first, why)),
        None => Ok(()),
    }
}

fn encode_error(
    encoding: Encoding,
    start: usize,
    end: usize,
    cp: u32,
    reason: &'static str,
) -> Error {
    Error::Encode(EncodeError {
        encoding: encoding.codec_name(),
        start,
        end,
        code_point: cp,
        reason,
    })
}

/// Encodes `text` (UTF-8, with stray bytes standing for surrogate
/// escapes), handing the output to `sink` in pieces. Under `strict`, call
/// [`check_encodable`] first: this function replaces what it cannot
/// encode rather than fail.
pub fn encode(
    encoding: Encoding,
    errors: Errors,
    text: &[u8],
    sink: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    if encoding.is_utf8() {
        if core::str::from_utf8(text).is_ok() {
            return sink(text);
        }
    } else if text.is_ascii() {
        return sink(text);
    }
    let mut chunk = [0u8; 256];
    let mut n = 0;
    for (unit, bytes) in units(text) {
        if n + 16 > chunk.len() {
            sink(chunk.get(..n).unwrap_or_default())?;
            n = 0;
        }
        let mut tmp = [0u8; 12];
        let out: &[u8] = match unencodable(encoding, unit) {
            None => match (encoding, unit) {
                (Encoding::Latin1 | Encoding::Ascii, u) => {
                    tmp[0] = u.code_point() as u8;
                    &tmp[..1]
                }
                _ => bytes,
            },
            Some(_) => match (errors, unit) {
                (Errors::SurrogateEscape, Unit::Byte(b)) => {
                    tmp[0] = b;
                    &tmp[..1]
                }
                (Errors::Ignore, _) => &[],
                (Errors::BackslashReplace, u) => {
                    let cp = u.code_point();
                    let digits = match cp {
                        0..=0xff => 2,
                        0x100..=0xffff => 4,
                        _ => 8,
                    };
                    tmp[0] = b'\\';
                    tmp[1] = match digits {
                        2 => b'x',
                        4 => b'u',
                        _ => b'U',
                    };
                    for k in 0..digits {
                        let shift = 4 * (digits - 1 - k);
                        tmp[2 + k] = HEX[((cp >> shift) & 15) as usize];
                    }
                    &tmp[..2 + digits]
                }
                // replace, and what check_encodable would have refused.
                _ => b"?",
            },
        };
        put(&mut chunk, &mut n, out);
    }
    sink(chunk.get(..n).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;
    use std::vec::Vec;

    fn dec(enc: Encoding, errors: Errors, input: &[u8]) -> core::result::Result<Vec<u8>, Error> {
        let mut out = std::vec![0u8; input.len() * 4 + 8];
        let d = decode(enc, errors, input, &mut out, true, 0);
        match d.error {
            Some(e) => Err(e),
            None => {
                assert_eq!(d.consumed, input.len());
                Ok(out[..d.produced].to_vec())
            }
        }
    }

    fn enc(
        encoding: Encoding,
        errors: Errors,
        text: &[u8],
    ) -> core::result::Result<Vec<u8>, Error> {
        check_encodable(encoding, errors, text, 0)?;
        let mut out = Vec::new();
        encode(encoding, errors, text, &mut |b| {
            out.extend_from_slice(b);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn utf8_errors_cover_maximal_subparts() {
        let e = |input: &[u8]| {
            std::format!(
                "{}",
                dec(Encoding::Utf8, Errors::Strict, input).unwrap_err()
            )
        };
        assert_eq!(
            e(b"a\xffb"),
            "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"
        );
        assert_eq!(
            e(b"a\xe2\x82"),
            "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data"
        );
        assert_eq!(
            e(b"a\xe2\x82z"),
            "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"
        );
        assert_eq!(
            e(b"\xed\xa0\x80"),
            "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"
        );
        assert_eq!(
            e(b"\xc0\xaf"),
            "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"
        );
        let r = dec(Encoding::Utf8, Errors::Replace, b"a\xe2\x82z\xff").unwrap();
        assert_eq!(String::from_utf8(r).unwrap(), "a\u{fffd}z\u{fffd}");
        let b = dec(Encoding::Utf8, Errors::BackslashReplace, b"a\xe2\x82z").unwrap();
        assert_eq!(b, b"a\\xe2\\x82z");
        assert_eq!(
            dec(Encoding::Utf8, Errors::Ignore, b"a\xe2\x82z").unwrap(),
            b"az"
        );
        assert_eq!(
            dec(Encoding::Utf8, Errors::SurrogateEscape, b"a\xe2\x82z").unwrap(),
            b"a\xe2\x82z"
        );
    }

    #[test]
    fn an_incomplete_tail_waits_unless_last() {
        let mut out = [0u8; 16];
        let d = decode(
            Encoding::Utf8,
            Errors::Strict,
            "é€".as_bytes()[..4].as_ref(),
            &mut out,
            false,
            0,
        );
        assert_eq!((d.consumed, d.produced, d.error), (2, 2, None));
        // Output too small for the next character: it waits too.
        let mut small = [0u8; 3];
        let d = decode(
            Encoding::Utf8,
            Errors::Strict,
            "aé€".as_bytes(),
            &mut small,
            true,
            0,
        );
        assert_eq!((d.consumed, d.produced), (3, 3));
    }

    #[test]
    fn ascii_and_latin1() {
        assert_eq!(
            std::format!(
                "{}",
                dec(Encoding::Ascii, Errors::Strict, b"a\xe9\xe9").unwrap_err()
            ),
            "'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)"
        );
        let r = dec(Encoding::Ascii, Errors::Replace, b"a\xe9\xe9").unwrap();
        assert_eq!(String::from_utf8(r).unwrap(), "a\u{fffd}\u{fffd}");
        let l = dec(Encoding::Latin1, Errors::Strict, b"caf\xe9 \xff").unwrap();
        assert_eq!(String::from_utf8(l).unwrap(), "café ÿ");
    }

    #[test]
    fn encoding_runs_and_handlers() {
        let e = enc(Encoding::Ascii, Errors::Strict, "aéé€b".as_bytes()).unwrap_err();
        assert_eq!(
            std::format!("{e}"),
            "'ascii' codec can't encode characters in position 1-3: ordinal not in range(128)"
        );
        let e = enc(Encoding::Latin1, Errors::Strict, "a€".as_bytes()).unwrap_err();
        assert_eq!(
            std::format!("{e}"),
            "'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"
        );
        let e = enc(Encoding::Utf8, Errors::Strict, b"a\xff\xfe").unwrap_err();
        assert_eq!(
            std::format!("{e}"),
            "'utf-8' codec can't encode characters in position 1-2: surrogates not allowed"
        );
        assert_eq!(
            enc(Encoding::Utf8, Errors::SurrogateEscape, b"a\xff").unwrap(),
            b"a\xff"
        );
        assert_eq!(
            enc(
                Encoding::Ascii,
                Errors::BackslashReplace,
                "é\u{1f600}€".as_bytes()
            )
            .unwrap(),
            b"\\xe9\\U0001f600\\u20ac"
        );
        assert_eq!(
            enc(Encoding::Ascii, Errors::BackslashReplace, b"\xff").unwrap(),
            b"\\udcff"
        );
        assert_eq!(
            enc(Encoding::Latin1, Errors::Replace, "é€".as_bytes()).unwrap(),
            b"\xe9?"
        );
        assert_eq!(
            enc(Encoding::Ascii, Errors::Ignore, "aéb".as_bytes()).unwrap(),
            b"ab"
        );
        assert!(enc(Encoding::Ascii, Errors::SurrogateEscape, "é".as_bytes()).is_err());
        assert_eq!(
            enc(Encoding::Ascii, Errors::SurrogateEscape, b"a\xff").unwrap(),
            b"a\xff"
        );
        let long = "é".repeat(1000);
        assert_eq!(
            enc(Encoding::Latin1, Errors::Strict, long.as_bytes()).unwrap(),
            [0xe9; 1000]
        );
    }

    #[test]
    fn names() {
        for (name, want) in [
            ("UTF-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("U8", Encoding::Utf8),
            ("utf_8_sig", Encoding::Utf8Sig),
            ("Latin-1", Encoding::Latin1),
            ("iso-8859-1", Encoding::Latin1),
            ("ISO_8859-1:1987", Encoding::Latin1),
            ("us-ascii", Encoding::Ascii),
            ("646", Encoding::Ascii),
        ] {
            assert_eq!(Encoding::lookup(name), Ok(want), "{name}");
        }
        assert_eq!(
            std::format!("{}", Encoding::lookup("koi8-r").unwrap_err()),
            "unknown encoding: koi8-r"
        );
        assert_eq!(
            std::format!("{}", Errors::lookup("bogus").unwrap_err()),
            "unknown error handler name 'bogus'"
        );
    }
}
