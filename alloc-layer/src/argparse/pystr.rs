//! Python's text rules that argparse's output depends on: what
//! `str.strip()`, `str.isspace()`, `str.splitlines()` and `int()`'s digits
//! do. `len()`, `repr()` and the decoding of arguments are
//! [`crate::pyfmt`]'s, re-exported here for argparse's files.
//!
//! Arguments are bytes. Python sees them decoded with `surrogateescape`:
//! every byte that is not part of valid UTF-8 is one code point, U+DC80 +
//! byte.

pub(crate) use crate::pyfmt::text::{decode, is_space, len, repr_bytes, repr_str, strip};
use alloc::string::String;
use alloc::vec::Vec;

/// One Python code point of an argument: a char, or a byte that is not
/// UTF-8.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unit {
    Char(char),
    Byte(u8),
}

/// The first code point of `bytes` (as Python indexes `s[0]`) and its
/// length in bytes.
pub(crate) fn first_unit(bytes: &[u8]) -> Option<(Unit, usize)> {
    let first = *bytes.first()?;
    if first < 0x80 {
        return Some((Unit::Char(first as char), 1));
    }
    let width = match first {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Some((Unit::Byte(first), 1)),
    };
    match bytes.get(..width).map(core::str::from_utf8) {
        Some(Ok(s)) => s.chars().next().map(|c| (Unit::Char(c), width)),
        _ => Some((Unit::Byte(first), 1)),
    }
}

/// Python's `len()` of an argument.
pub(crate) fn units(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = bytes;
    while let Some((_, w)) = first_unit(rest) {
        n += 1;
        rest = rest.get(w..).unwrap_or_default();
    }
    n
}

/// `\s` of a `re` pattern without `re.ASCII`: the same set as `isspace`.
pub(crate) fn is_re_space(c: char) -> bool {
    is_space(c)
}

/// The value of a Unicode decimal digit (category Nd), as `int()` reads it.
pub(crate) fn decimal(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (b'0' as u32..=b'9' as u32)
            .contains(&c)
            .then(|| c - b'0' as u32);
    }
    DECIMAL_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&c))
        .map(|zero| c - zero)
}

/// `\w` of a `re` pattern (Unicode): letters, digits, numerics and `_`.
/// Outside ASCII it uses Rust's `Alphabetic`/`Numeric` properties, which
/// differ from Python's categories only for some combining marks.
pub(crate) fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `str.splitlines(keepends)`.
pub(crate) fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && matches!(iter.peek(), Some((_, '\n'))) {
            iter.next();
            end += 1;
        }
        lines.push(&s[start..if keepends { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// Collapses every run of ASCII whitespace to one space and strips the
/// ends, as argparse's `_whitespace_matcher.sub(' ', text).strip()` does.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
            in_space = true;
        } else {
            if in_space {
                out.push(' ');
                in_space = false;
            }
            out.push(c);
        }
    }
    if in_space {
        out.push(' ');
    }
    String::from(strip(&out))
}

/// Appends `n` spaces.
pub(crate) fn pad(out: &mut String, n: usize) {
    out.extend(core::iter::repeat_n(' ', n));
}

/// Appends `s` left-justified in `width` characters (`'%-*s'`).
pub(crate) fn ljust(out: &mut String, s: &str, width: usize) {
    out.push_str(s);
    pad(out, width.saturating_sub(len(s)));
}

/// The zero of every run of ten Unicode decimal digits (category Nd), as
/// Python 3.11's `int()` and `float()` accept them.
static DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];
