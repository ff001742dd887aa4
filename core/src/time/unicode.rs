//! The character classes of Python's `re` and `str` that `strptime`
//! needs: `\d` (every Unicode decimal digit, which `int()` then reads),
//! `\s`, case-insensitive matching under `re.IGNORECASE`, `str.lower()`,
//! and which characters `repr()` escapes. The tables are CPython's own
//! (Unicode 14.0 for CPython 3.11), written by `tests/oracle/time.py
//! --tables`.

include!("unicode_table.rs");

/// The value of a decimal digit (Python's `\d` and `int()`).
pub(crate) fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c) - u32::from(b'0'));
    }
    let c = u32::from(c);
    let i = DIGIT_ZEROS.partition_point(|&z| z <= c);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    (c - zero < 10).then_some(c - zero)
}

/// Python's `str.isspace()`, which is also `\s` in a `str` pattern.
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f');
    }
    SPACES.binary_search(&u32::from(c)).is_ok()
}

/// `_sre.unicode_tolower`: the simple lowercase mapping.
pub(crate) fn to_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = u32::from(c);
    let i = LOWER_RUNS.partition_point(|r| r.0 <= cp);
    let Some(&(first, count, stride, delta)) = i.checked_sub(1).and_then(|i| LOWER_RUNS.get(i))
    else {
        return c;
    };
    let off = cp - first;
    if off % u32::from(stride) == 0 && off / u32::from(stride) < u32::from(count) {
        char::from_u32(cp.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

/// Whether the input character `c` matches the pattern character `p`
/// under `re.IGNORECASE`: equal lowercases, or one of the extra
/// equivalences of `re._casefix` (`s` and `ſ`, `i` and `ı`, ...).
pub(crate) fn eq_ignore_case(p: char, c: char) -> bool {
    if p == c {
        return true;
    }
    let (lp, lc) = (to_lower(p), to_lower(c));
    if lp == lc {
        return true;
    }
    let (lp, lc) = (u32::from(lp), u32::from(lc));
    match EXTRA_CASES.binary_search_by_key(&lp, |e| e.0) {
        Ok(i) => EXTRA_CASES[i].1 == lc || EXTRA_CASES[i].2 == lc,
        Err(_) => false,
    }
}

/// `str.lower()` of one character: the simple mapping, except `İ`,
/// whose full lowercase is `i` and a combining dot. (The final-sigma rule
/// for `Σ` at the end of a word is not applied.)
pub(crate) fn full_lower(c: char) -> (char, Option<char>) {
    if c == '\u{130}' {
        ('i', Some('\u{307}'))
    } else {
        (to_lower(c), None)
    }
}

/// Python's `str.isprintable()` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    let cp = u32::from(c);
    let i = NONPRINTABLE.partition_point(|r| r.0 <= cp);
    match i.checked_sub(1).and_then(|i| NONPRINTABLE.get(i)) {
        Some(&(_, last)) => cp > last,
        None => true,
    }
}

/// Writes `text`, a Python `str` as code points (a lone surrogate, such
/// as `surrogateescape` makes of a stray byte, included), as Python's
/// `repr()` would.
pub fn write_repr(
    f: &mut core::fmt::Formatter<'_>,
    text: impl Iterator<Item = u32> + Clone,
) -> core::fmt::Result {
    use core::fmt::Write;
    let (mut single, mut double) = (false, false);
    for c in text.clone() {
        single |= c == u32::from('\'');
        double |= c == u32::from('"');
    }
    let quote = if single && !double { '"' } else { '\'' };
    f.write_char(quote)?;
    for cp in text {
        let Some(c) = char::from_u32(cp) else {
            write!(f, "\\u{cp:04x}")?;
            continue;
        };
        match c {
            '\\' => f.write_str("\\\\")?,
            '\t' => f.write_str("\\t")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            c if c == quote => write!(f, "\\{c}")?,
            c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(f, "\\x{:02x}", c as u32)?,
            c if c.is_ascii() || is_printable(c) => f.write_char(c)?,
            c if (c as u32) <= 0xff => write!(f, "\\x{:02x}", c as u32)?,
            c if (c as u32) <= 0xffff => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "\\U{:08x}", c as u32)?,
        }
    }
    f.write_char(quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_agree_with_python() {
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('\u{0663}'), Some(3)); // ARABIC-INDIC DIGIT THREE
        assert_eq!(digit_value('\u{1D7D9}'), Some(1)); // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE
        assert_eq!(digit_value('x'), None);
        assert_eq!(digit_value('\u{00B2}'), None); // SUPERSCRIPT TWO is No, not Nd
        assert!(is_space('\u{3000}') && is_space('\x1c') && !is_space('\u{200b}'));
        assert_eq!(to_lower('Ä'), 'ä');
        assert_eq!(to_lower('\u{212A}'), 'k');
        assert!(eq_ignore_case('s', '\u{17F}') && eq_ignore_case('S', '\u{17F}'));
        assert!(eq_ignore_case('i', '\u{131}') && eq_ignore_case('i', '\u{130}'));
        assert!(!eq_ignore_case('a', 'b'));
        assert!(!is_printable('\u{200b}') && is_printable('é') && !is_printable('\u{378}'));
    }
}
