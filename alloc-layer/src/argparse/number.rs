//! Python's `int(s)` and `float(s)` for argument strings (a float's
//! `repr()` is [`crate::pyfmt`]'s).
//!
//! Both parsers accept what CPython 3.11 accepts: surrounding whitespace
//! (any Unicode space), a sign, `_` between digits, and the decimal digits
//! of every script (`int('٣')` is 3). `float` also takes `inf`, `infinity`
//! and `nan` in any case. What differs: an `int` must fit in 64 bits.

use super::pystr;
use alloc::string::String;

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII spaces become
/// `' '`, non-ASCII decimal digits their ASCII digit. Anything else outside
/// ASCII (or a byte that is not UTF-8) makes the string invalid.
fn to_ascii(bytes: &[u8]) -> Option<String> {
    let s = core::str::from_utf8(bytes).ok()?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 127 {
            out.push(c);
        } else if pystr::is_space(c) {
            out.push(' ');
        } else {
            out.push(char::from(b'0' + pystr::decimal(c)? as u8));
        }
    }
    Some(out)
}

/// `Py_ISSPACE`: the ASCII whitespace C's `isspace` knows.
fn ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// Python's `int(s)` (base 10), or `None` where Python raises
/// `ValueError` (and where the number does not fit in an `i64`).
pub fn parse_int(bytes: &[u8]) -> Option<i64> {
    let ascii = to_ascii(bytes)?;
    let s = ascii.trim_matches(ascii_space);
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mut value: i64 = 0;
    let mut prev_digit = false;
    let mut any = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                let d = i64::from(b - b'0');
                value = value.checked_mul(10)?;
                value = if negative {
                    value.checked_sub(d)?
                } else {
                    value.checked_add(d)?
                };
                prev_digit = true;
                any = true;
            }
            b'_' if prev_digit => prev_digit = false,
            _ => return None,
        }
    }
    (any && prev_digit).then_some(value)
}

/// Python's `float(s)`, or `None` where Python raises `ValueError`.
pub fn parse_float(bytes: &[u8]) -> Option<f64> {
    let ascii = to_ascii(bytes)?;
    let s = ascii.trim_matches(ascii_space);
    let b = s.as_bytes();
    let mut clean = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '_' {
            let before = i.checked_sub(1).and_then(|j| b.get(j));
            let after = b.get(i + 1);
            if !matches!((before, after), (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit())
            {
                return None;
            }
        } else {
            clean.push(c);
        }
    }
    if !valid_float_syntax(&clean) {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// The grammar of Python's float literals in `float()`: a sign, then
/// `inf`, `infinity`, `nan`, or digits with an optional point and exponent.
fn valid_float_syntax(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|w| body.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let b = body.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_follows_python() {
        assert_eq!(parse_int(b" 12 "), Some(12));
        assert_eq!(parse_int(b"+3"), Some(3));
        assert_eq!(parse_int(b"1_000"), Some(1000));
        assert_eq!(parse_int("\u{a0}5".as_bytes()), Some(5));
        assert_eq!(parse_int("٣".as_bytes()), Some(3));
        assert_eq!(parse_int(b"010"), Some(10));
        assert_eq!(parse_int(b"-0"), Some(0));
        for bad in [
            "\x1c5", "1__0", "_1", "1_", "+_1", " - 1", "", "-", "0x1", "1.0",
        ] {
            assert_eq!(parse_int(bad.as_bytes()), None, "{bad:?}");
        }
        assert_eq!(parse_int(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_int(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_int(b"9223372036854775808"), None);
        assert_eq!(parse_int(b"\xff"), None);
    }

    #[test]
    fn float_follows_python() {
        for (s, v) in [
            ("1_0.5", 10.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("1E+5_0", 1e50),
            (" 1.5 ", 1.5),
        ] {
            assert_eq!(parse_float(s.as_bytes()), Some(v), "{s}");
        }
        assert_eq!(parse_float("١.٥".as_bytes()), Some(1.5));
        assert_eq!(parse_float(b"-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float(b"+nan").is_some_and(f64::is_nan));
        for bad in [
            "1__0", "_1", "1_.5", "1._5", "1e", "e5", "0x1", "1.5e", "infinit", "1_e5", "1e_5",
            "1e5_", ".", "",
        ] {
            assert_eq!(parse_float(bad.as_bytes()), None, "{bad:?}");
        }
    }
}
