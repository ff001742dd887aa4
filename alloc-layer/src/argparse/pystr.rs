//! Python's text rules that argparse's output depends on: what `len()`,
//! `str.strip()`, `str.isspace()`, `str.isprintable()`, `str.splitlines()`
//! and `repr()` do, and the `%` operator with a mapping.
//!
//! Arguments are bytes. Python sees them decoded with `surrogateescape`:
//! every byte that is not part of valid UTF-8 is one code point, U+DC80 +
//! byte. Text here is a Rust `String`, which cannot hold such a code point,
//! so a stray byte becomes the six characters `\udcXX`: exactly what
//! Python's `repr()` shows and what its stderr (`backslashreplace`) prints.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Decodes bytes as Python shows them: UTF-8, with each stray byte as
/// `\udcXX`.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match core::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                for &b in chunk.invalid() {
                    let _ = write!(out, "\\udc{b:02x}");
                }
            }
            Cow::Owned(out)
        }
    }
}

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

/// Python's `len()` of text.
pub(crate) fn len(s: &str) -> usize {
    s.chars().count()
}

/// `str.isspace()` for one character (`Py_UNICODE_ISSPACE`).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `str.strip()` with no argument.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
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

/// `str.isprintable()` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return (0x20..0x7f).contains(&c);
    }
    let mut last = 0x7f_u32;
    for &(gap, span) in NON_PRINTABLE.iter() {
        let start = last + 1 + u32::from(gap);
        if c < start {
            return true;
        }
        last = start + u32::from(span);
        if c <= last {
            return false;
        }
    }
    true
}

/// Appends `repr(s)` for an argument: quotes chosen as Python chooses them,
/// escapes for backslashes, controls, unprintable characters and stray
/// bytes.
pub(crate) fn repr_bytes(bytes: &[u8], out: &mut String) {
    let (mut single, mut double) = (false, false);
    for &b in bytes {
        single |= b == b'\'';
        double |= b == b'"';
    }
    let quote = if single && !double { '"' } else { '\'' };
    out.push(quote);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            repr_char(c, quote, out);
        }
        for &b in chunk.invalid() {
            let _ = write!(out, "\\udc{b:02x}");
        }
    }
    out.push(quote);
}

/// Appends `repr(s)` for text.
pub(crate) fn repr_str(s: &str, out: &mut String) {
    repr_bytes(s.as_bytes(), out)
}

fn repr_char(c: char, quote: char, out: &mut String) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if is_printable(c) => out.push(c),
        c if (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if (c as u32) < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\U{:08x}", c as u32);
        }
    }
}

/// Whether `c` ends a line for `str.splitlines()`.
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

/// Code points above U+007F that Python 3.11's `str.isprintable()` rejects,
/// as `(gap, span)` pairs: each range starts `gap` after the end of the
/// previous one (the first after U+007F) and covers `span + 1` code points.
/// Made from CPython 3.11 (Unicode 14.0).
static NON_PRINTABLE: [(u16, u16); 712] = [
    (0, 32),
    (12, 0),
    (714, 1),
    (6, 3),
    (7, 0),
    (1, 0),
    (20, 0),
    (397, 0),
    (38, 1),
    (50, 1),
    (3, 0),
    (55, 7),
    (27, 3),
    (6, 16),
    (22, 0),
    (192, 0),
    (48, 1),
    (59, 1),
    (101, 13),
    (59, 1),
    (49, 1),
    (15, 0),
    (28, 1),
    (1, 0),
    (11, 4),
    (31, 8),
    (74, 0),
    (161, 0),
    (8, 1),
    (2, 1),
    (22, 0),
    (7, 0),
    (1, 2),
    (4, 1),
    (9, 1),
    (2, 1),
    (4, 7),
    (1, 3),
    (2, 0),
    (5, 1),
    (25, 1),
    (3, 0),
    (6, 3),
    (2, 1),
    (22, 0),
    (7, 0),
    (2, 0),
    (2, 0),
    (2, 1),
    (1, 0),
    (5, 3),
    (2, 1),
    (3, 2),
    (1, 6),
    (4, 0),
    (1, 6),
    (17, 9),
    (3, 0),
    (9, 0),
    (3, 0),
    (22, 0),
    (7, 0),
    (2, 0),
    (5, 1),
    (10, 0),
    (3, 0),
    (3, 1),
    (1, 14),
    (4, 1),
    (12, 6),
    (7, 0),
    (3, 0),
    (8, 1),
    (2, 1),
    (22, 0),
    (7, 0),
    (2, 0),
    (5, 1),
    (9, 1),
    (2, 1),
    (3, 6),
    (3, 3),
    (2, 0),
    (5, 1),
    (18, 9),
    (2, 0),
    (6, 2),
    (3, 0),
    (4, 2),
    (2, 0),
    (1, 0),
    (2, 2),
    (2, 2),
    (3, 2),
    (12, 3),
    (5, 2),
    (3, 0),
    (4, 1),
    (1, 5),
    (1, 13),
    (21, 4),
    (13, 0),
    (3, 0),
    (23, 0),
    (16, 1),
    (9, 0),
    (3, 0),
    (4, 6),
    (2, 0),
    (3, 1),
    (1, 1),
    (4, 1),
    (10, 6),
    (22, 0),
    (3, 0),
    (23, 0),
    (10, 0),
    (5, 1),
    (9, 0),
    (3, 0),
    (4, 6),
    (2, 5),
    (2, 0),
    (4, 1),
    (10, 0),
    (2, 12),
    (13, 0),
    (3, 0),
    (51, 0),
    (3, 0),
    (6, 3),
    (16, 1),
    (26, 0),
    (3, 0),
    (18, 2),
    (24, 0),
    (9, 0),
    (1, 1),
    (7, 2),
    (1, 3),
    (6, 0),
    (1, 0),
    (8, 5),
    (10, 1),
    (3, 11),
    (58, 3),
    (29, 36),
    (2, 0),
    (1, 0),
    (5, 0),
    (24, 0),
    (1, 0),
    (23, 1),
    (5, 0),
    (1, 0),
    (6, 1),
    (10, 1),
    (4, 31),
    (72, 0),
    (36, 3),
    (39, 0),
    (36, 0),
    (15, 0),
    (13, 36),
    (198, 0),
    (1, 4),
    (1, 1),
    (377, 0),
    (4, 1),
    (7, 0),
    (1, 0),
    (4, 1),
    (41, 0),
    (4, 1),
    (33, 0),
    (4, 1),
    (7, 0),
    (1, 0),
    (4, 1),
    (15, 0),
    (57, 0),
    (4, 1),
    (67, 1),
    (32, 2),
    (26, 5),
    (86, 1),
    (6, 1),
    (640, 0),
    (28, 2),
    (89, 6),
    (22, 8),
    (24, 8),
    (20, 11),
    (13, 0),
    (3, 0),
    (2, 11),
    (94, 1),
    (10, 5),
    (10, 5),
    (14, 0),
    (11, 5),
    (89, 6),
    (43, 4),
    (70, 9),
    (31, 0),
    (12, 3),
    (12, 3),
    (1, 2),
    (42, 1),
    (5, 10),
    (44, 3),
    (26, 5),
    (11, 2),
    (62, 1),
    (65, 0),
    (29, 1),
    (11, 5),
    (10, 5),
    (14, 1),
    (31, 48),
    (77, 2),
    (47, 0),
    (116, 7),
    (60, 2),
    (15, 2),
    (60, 6),
    (43, 1),
    (11, 7),
    (43, 4),
    (534, 1),
    (6, 1),
    (38, 1),
    (6, 1),
    (8, 0),
    (1, 0),
    (1, 0),
    (1, 0),
    (31, 1),
    (53, 0),
    (15, 0),
    (14, 1),
    (6, 0),
    (19, 1),
    (3, 0),
    (9, 16),
    (24, 7),
    (47, 16),
    (2, 1),
    (27, 0),
    (13, 2),
    (33, 14),
    (33, 14),
    (140, 3),
    (663, 24),
    (11, 20),
    (1812, 1),
    (32, 0),
    (349, 4),
    (45, 0),
    (1, 4),
    (1, 1),
    (56, 6),
    (2, 13),
    (24, 8),
    (7, 0),
    (7, 0),
    (7, 0),
    (7, 0),
    (7, 0),
    (7, 0),
    (7, 0),
    (7, 0),
    (126, 33),
    (26, 0),
    (89, 11),
    (214, 25),
    (12, 4),
    (63, 0),
    (86, 1),
    (103, 4),
    (43, 0),
    (94, 0),
    (84, 11),
    (47, 0),
    (29293, 2),
    (55, 8),
    (348, 19),
    (184, 7),
    (203, 4),
    (2, 0),
    (1, 0),
    (5, 23),
    (59, 2),
    (10, 5),
    (56, 7),
    (70, 7),
    (12, 5),
    (116, 10),
    (30, 2),
    (78, 0),
    (11, 3),
    (33, 0),
    (55, 8),
    (14, 1),
    (10, 1),
    (103, 23),
    (28, 9),
    (6, 1),
    (6, 1),
    (6, 8),
    (7, 0),
    (7, 0),
    (60, 3),
    (126, 1),
    (10, 5),
    (11172, 11),
    (23, 3),
    (49, 8451),
    (366, 1),
    (106, 37),
    (7, 11),
    (5, 4),
    (26, 0),
    (5, 0),
    (1, 0),
    (2, 0),
    (2, 0),
    (125, 15),
    (445, 1),
    (54, 6),
    (1, 31),
    (42, 5),
    (51, 0),
    (19, 0),
    (4, 3),
    (5, 0),
    (135, 3),
    (190, 2),
    (6, 1),
    (6, 1),
    (6, 1),
    (3, 2),
    (7, 0),
    (7, 12),
    (2, 1),
    (12, 0),
    (26, 0),
    (19, 0),
    (2, 0),
    (15, 1),
    (14, 33),
    (123, 4),
    (3, 3),
    (45, 2),
    (88, 0),
    (13, 2),
    (1, 46),
    (46, 129),
    (29, 2),
    (49, 14),
    (28, 3),
    (36, 8),
    (30, 4),
    (43, 4),
    (30, 0),
    (37, 3),
    (14, 41),
    (158, 1),
    (10, 5),
    (36, 3),
    (36, 3),
    (40, 7),
    (52, 10),
    (12, 0),
    (15, 0),
    (7, 0),
    (2, 0),
    (11, 0),
    (15, 0),
    (7, 0),
    (2, 66),
    (311, 8),
    (22, 9),
    (8, 23),
    (6, 0),
    (42, 0),
    (9, 68),
    (6, 1),
    (1, 0),
    (44, 0),
    (2, 2),
    (1, 1),
    (23, 0),
    (72, 7),
    (9, 47),
    (19, 0),
    (2, 4),
    (33, 2),
    (27, 4),
    (1, 63),
    (56, 3),
    (20, 1),
    (50, 0),
    (2, 4),
    (8, 0),
    (3, 0),
    (29, 1),
    (3, 3),
    (10, 6),
    (9, 6),
    (64, 31),
    (39, 3),
    (12, 8),
    (54, 2),
    (29, 1),
    (27, 4),
    (26, 6),
    (4, 11),
    (7, 79),
    (73, 54),
    (51, 12),
    (51, 6),
    (46, 7),
    (10, 293),
    (31, 0),
    (42, 0),
    (3, 1),
    (2, 77),
    (40, 7),
    (42, 21),
    (26, 37),
    (28, 19),
    (23, 8),
    (78, 3),
    (36, 8),
    (62, 0),
    (5, 12),
    (25, 6),
    (10, 5),
    (53, 0),
    (18, 7),
    (39, 8),
    (96, 0),
    (20, 10),
    (18, 0),
    (44, 64),
    (7, 0),
    (1, 0),
    (4, 0),
    (15, 0),
    (11, 5),
    (59, 4),
    (10, 5),
    (4, 0),
    (8, 1),
    (2, 1),
    (22, 0),
    (7, 0),
    (2, 0),
    (5, 0),
    (10, 1),
    (2, 1),
    (3, 1),
    (1, 5),
    (1, 4),
    (7, 1),
    (7, 2),
    (5, 138),
    (92, 0),
    (5, 29),
    (72, 7),
    (10, 165),
    (54, 1),
    (38, 33),
    (69, 10),
    (10, 5),
    (13, 18),
    (58, 5),
    (10, 53),
    (27, 1),
    (15, 3),
    (23, 184),
    (60, 99),
    (83, 11),
    (8, 1),
    (1, 1),
    (8, 0),
    (2, 0),
    (30, 0),
    (2, 1),
    (12, 8),
    (10, 69),
    (8, 1),
    (46, 1),
    (11, 26),
    (72, 7),
    (83, 12),
    (73, 262),
    (9, 0),
    (45, 0),
    (14, 9),
    (29, 2),
    (32, 1),
    (22, 0),
    (14, 72),
    (7, 0),
    (2, 0),
    (44, 2),
    (1, 0),
    (2, 0),
    (9, 7),
    (10, 5),
    (6, 0),
    (2, 0),
    (37, 0),
    (2, 0),
    (6, 6),
    (10, 309),
    (25, 182),
    (1, 14),
    (50, 12),
    (923, 101),
    (111, 0),
    (5, 10),
    (196, 2635),
    (99, 12),
    (1071, 4048),
    (583, 8632),
    (569, 6),
    (31, 0),
    (10, 3),
    (81, 0),
    (10, 5),
    (30, 1),
    (6, 9),
    (70, 9),
    (10, 0),
    (7, 0),
    (21, 4),
    (19, 687),
    (91, 100),
    (75, 3),
    (57, 6),
    (17, 63),
    (5, 10),
    (2, 13),
    (6136, 7),
    (1238, 41),
    (9, 8934),
    (4, 0),
    (7, 0),
    (2, 0),
    (291, 44),
    (3, 16),
    (4, 7),
    (396, 2307),
    (107, 4),
    (13, 2),
    (9, 6),
    (10, 1),
    (4, 4703),
    (46, 1),
    (23, 8),
    (116, 59),
    (246, 9),
    (39, 1),
    (74, 7),
    (112, 20),
    (70, 153),
    (20, 11),
    (87, 8),
    (25, 134),
    (85, 0),
    (71, 0),
    (2, 1),
    (1, 1),
    (2, 1),
    (4, 0),
    (12, 0),
    (1, 0),
    (7, 0),
    (65, 0),
    (4, 1),
    (8, 0),
    (7, 0),
    (28, 0),
    (4, 0),
    (5, 0),
    (1, 2),
    (7, 0),
    (340, 1),
    (292, 1),
    (702, 14),
    (5, 0),
    (15, 1103),
    (31, 224),
    (7, 0),
    (17, 1),
    (7, 0),
    (2, 0),
    (5, 212),
    (45, 2),
    (14, 1),
    (10, 3),
    (2, 319),
    (31, 16),
    (58, 4),
    (1, 1247),
    (7, 0),
    (4, 0),
    (2, 0),
    (15, 0),
    (197, 1),
    (16, 40),
    (76, 3),
    (10, 3),
    (2, 784),
    (68, 75),
    (61, 193),
    (4, 0),
    (27, 0),
    (2, 0),
    (1, 1),
    (1, 0),
    (10, 0),
    (4, 0),
    (1, 0),
    (1, 5),
    (1, 3),
    (1, 0),
    (1, 0),
    (1, 0),
    (3, 0),
    (2, 0),
    (1, 1),
    (1, 0),
    (1, 0),
    (1, 0),
    (1, 0),
    (1, 0),
    (2, 0),
    (1, 1),
    (4, 0),
    (7, 0),
    (4, 0),
    (4, 0),
    (1, 0),
    (10, 0),
    (17, 4),
    (3, 0),
    (5, 0),
    (17, 51),
    (2, 269),
    (44, 3),
    (100, 11),
    (15, 1),
    (15, 0),
    (15, 0),
    (37, 9),
    (174, 55),
    (29, 12),
    (44, 3),
    (9, 6),
    (2, 13),
    (6, 153),
    (984, 4),
    (16, 2),
    (13, 2),
    (116, 11),
    (89, 6),
    (12, 3),
    (1, 14),
    (12, 3),
    (56, 7),
    (10, 5),
    (40, 7),
    (30, 1),
    (2, 77),
    (340, 11),
    (14, 1),
    (5, 2),
    (5, 2),
    (7, 8),
    (29, 2),
    (11, 4),
    (6, 9),
    (10, 5),
    (8, 7),
    (7, 8),
    (147, 0),
    (55, 36),
    (10, 1029),
    (42720, 31),
    (4153, 6),
    (222, 1),
    (5762, 13),
    (7473, 3102),
    (542, 1505),
    (4939, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 65534),
    (0, 60862),
    (240, 65534),
    (0, 65534),
    (0, 65041),
];

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
