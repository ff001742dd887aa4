//! Python's float text: `repr(x)` and the `%e %f %g` conversions (which
//! `format()` shares), from Rust's exact and shortest float printing.

use alloc::string::String;
use core::fmt::Write;

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
    format_float_dot0(x, conv, prec, alt, false, out);
}

/// [`format_float`] with `Py_DTSF_ADD_DOT_0` as `add_dot_0`: `g` then
/// writes an integer as `10.0` and switches to an exponent one digit
/// sooner, as `format(x, '.3')` does.
pub(crate) fn format_float_dot0(
    x: f64,
    conv: char,
    prec: Option<usize>,
    alt: bool,
    add_dot_0: bool,
    out: &mut String,
) {
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
                let limit = if add_dot_0 { p as i32 - 1 } else { p as i32 };
                if exp >= -4 && exp < limit {
                    positional(&digits, exp, out, add_dot_0);
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
