//! Python's `int(s)` and `float(s)` for argument strings, and `repr()` of a
//! float.
//!
//! Both parsers accept what CPython 3.11 accepts: surrounding whitespace
//! (any Unicode space), a sign, `_` between digits, and the decimal digits
//! of every script (`int('٣')` is 3). `float` also takes `inf`, `infinity`
//! and `nan` in any case. What differs: an `int` must fit in 64 bits.

use super::pystr;
use alloc::string::String;
use core::fmt::Write;

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

/// Splits Rust's shortest round-trip form (`{:e}`) into digits and the
/// decimal exponent of the first digit.
fn shortest_digits(x: f64) -> (String, i32) {
    let mut buf = String::new();
    let _ = write!(buf, "{:e}", x.abs());
    let (mantissa, exp) = buf.split_once('e').unwrap_or((&buf, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// Appends Python's `repr(x)`: the shortest string that reads back as `x`,
/// in positional notation from 1e-4 up to 1e16 and in exponent notation
/// (`1e+16`, `1.5e-07`) outside it.
pub(crate) fn float_repr(x: f64, out: &mut String) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let (digits, exp) = shortest_digits(x);
    if (-4..16).contains(&exp) {
        positional(&digits, exp, out, true);
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        exponent(exp, out);
    }
}

/// Writes `digits` (the first at 10^exp) in positional notation; with
/// `dot_zero`, an integer gets `.0`.
fn positional(digits: &str, exp: i32, out: &mut String, dot_zero: bool) {
    if exp < 0 {
        out.push_str("0.");
        pystr_zeros(out, (-exp - 1) as usize);
        out.push_str(digits);
        return;
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        out.push_str(digits);
        pystr_zeros(out, int_len - digits.len());
        if dot_zero {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..int_len]);
        out.push('.');
        out.push_str(&digits[int_len..]);
    }
}

fn pystr_zeros(out: &mut String, n: usize) {
    out.extend(core::iter::repeat_n('0', n));
}

/// `e+XX`, at least two exponent digits, as C's printf writes it.
fn exponent(exp: i32, out: &mut String) {
    let _ = write!(
        out,
        "e{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.unsigned_abs()
    );
}

/// `'%.<prec><conv>' % x` for the float conversions `e`, `f`, `g` (and
/// their capitals), with the `#` flag as `alt`.
pub(crate) fn format_float(x: f64, conv: char, prec: Option<usize>, alt: bool, out: &mut String) {
    let upper = conv.is_ascii_uppercase();
    let start = out.len();
    if x.is_nan() || x.is_infinite() {
        if x.is_sign_negative() && !x.is_nan() {
            out.push('-');
        }
        out.push_str(if x.is_nan() { "nan" } else { "inf" });
    } else {
        if x.is_sign_negative() {
            out.push('-');
        }
        let x = x.abs();
        let prec = prec.unwrap_or(6);
        match conv.to_ascii_lowercase() {
            'f' => {
                let _ = write!(out, "{x:.prec$}");
                if alt && prec == 0 {
                    out.push('.');
                }
            }
            'e' => {
                let (digits, exp) = exact_digits(x, prec + 1);
                out.push_str(&digits[..1]);
                if prec > 0 || alt {
                    out.push('.');
                }
                out.push_str(&digits[1..]);
                exponent(exp, out);
            }
            _ => {
                let p = prec.max(1);
                let (digits, exp) = exact_digits(x, p);
                let mut digits = digits;
                if !alt {
                    while digits.len() > 1 && digits.ends_with('0') {
                        digits.pop();
                    }
                }
                if exp >= -4 && exp < p as i32 {
                    positional(&digits, exp, out, false);
                    if alt && !out[start..].contains('.') {
                        out.push('.');
                    }
                } else {
                    out.push_str(&digits[..1]);
                    if digits.len() > 1 || alt {
                        out.push('.');
                    }
                    out.push_str(&digits[1..]);
                    exponent(exp, out);
                }
            }
        }
    }
    if upper {
        out[start..].make_ascii_uppercase();
    }
}

/// `x` rounded to `n` significant digits (correctly, as printf does), and
/// the exponent of the first.
fn exact_digits(x: f64, n: usize) -> (String, i32) {
    let mut buf = String::new();
    let _ = write!(buf, "{:.*e}", n.saturating_sub(1), x);
    let (mantissa, exp) = buf.split_once('e').unwrap_or((&buf, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn repr(x: f64) -> String {
        let mut s = String::new();
        float_repr(x, &mut s);
        s
    }

    fn fmt(x: f64, conv: char, prec: Option<usize>) -> String {
        let mut s = String::new();
        format_float(x, conv, prec, false, &mut s);
        s
    }

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

    #[test]
    fn float_repr_follows_python() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (123456789012345.6, "123456789012345.6"),
            (1e-4, "0.0001"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (2.5e300, "2.5e+300"),
            (9999999999999998.0, "9999999999999998.0"),
        ];
        for (x, want) in cases {
            assert_eq!(repr(x), want);
        }
        assert_eq!(repr(f64::NAN), "nan");
    }

    #[test]
    fn percent_float_conversions_follow_python() {
        assert_eq!(fmt(2.345678, 'f', Some(2)), "2.35");
        assert_eq!(fmt(2.5, 'f', Some(0)), "2");
        assert_eq!(fmt(1234.5, 'e', None), "1.234500e+03");
        assert_eq!(fmt(0.0001234, 'g', None), "0.0001234");
        assert_eq!(fmt(1234567.0, 'g', None), "1.23457e+06");
        assert_eq!(fmt(100.0, 'g', None), "100");
        assert_eq!(fmt(1e-5, 'G', None), "1E-05");
        assert_eq!(fmt(f64::INFINITY, 'F', None), "INF");
        assert_eq!(fmt(0.5, 'g', Some(0)), "0.5");
        assert_eq!(1.to_string(), "1");
    }
}
