//! Python's `%` operator with a mapping on the right, as argparse applies
//! it to help strings (`'%(default)s'`), usage (`'%(prog)s'`), descriptions
//! and version strings.

use super::number;
use super::pystr;
use super::value::Value;
use alloc::string::String;

/// `fmt % mapping`, where `lookup` gives the mapping's values. `None`
/// where Python raises (a missing key, a bad specifier, a type that the
/// conversion does not take); callers then keep the text as written.
pub(crate) fn format(fmt: &str, lookup: &dyn Fn(&str) -> Option<Value>) -> Option<String> {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let mut chars = rest.char_indices().peekable();
        let (_, first) = *chars.peek()?;
        if first == '%' {
            out.push('%');
            rest = &rest[1..];
            continue;
        }
        // The mapping key, with nested parentheses balanced as CPython does.
        if first != '(' {
            return None;
        }
        chars.next();
        let mut depth = 1;
        let mut key_end = None;
        for (i, c) in chars.by_ref() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        key_end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let key_end = key_end?;
        let value = lookup(&rest[1..key_end])?;
        let mut spec = Spec::default();
        let mut i = key_end + 1;
        let b = rest.as_bytes();
        while let Some(&c) = b.get(i) {
            match c {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let number = |i: &mut usize| {
            let mut n: Option<usize> = None;
            while let Some(d) = b.get(*i).filter(|d| d.is_ascii_digit()) {
                n = Some(
                    n.unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(usize::from(d - b'0')),
                );
                *i += 1;
            }
            n
        };
        spec.width = number(&mut i).unwrap_or(0);
        if b.get(i) == Some(&b'.') {
            i += 1;
            spec.prec = Some(number(&mut i).unwrap_or(0));
        }
        while matches!(b.get(i), Some(b'h' | b'l' | b'L')) {
            i += 1;
        }
        let conv = rest[i..].chars().next()?;
        convert(&value, conv, &spec, &mut out)?;
        rest = &rest[i + conv.len_utf8()..];
    }
    out.push_str(rest);
    Some(out)
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

fn convert(value: &Value, conv: char, spec: &Spec, out: &mut String) -> Option<()> {
    let mut body = String::new();
    let numeric = match conv {
        's' | 'r' | 'a' => {
            if conv == 's' {
                value.write_str(&mut body);
            } else {
                value.write_repr(&mut body);
            }
            if let Some(p) = spec.prec
                && let Some((cut, _)) = body.char_indices().nth(p)
            {
                body.truncate(cut);
            }
            false
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let n: i128 = match *value {
                Value::Int(n) => n.into(),
                Value::Bool(b) => b.into(),
                Value::Float(f) if matches!(conv, 'd' | 'i' | 'u') && f.get().is_finite() => {
                    f.get() as i128
                }
                _ => return None,
            };
            let digits = match conv {
                'x' => text!("{:x}", n.unsigned_abs()),
                'X' => text!("{:X}", n.unsigned_abs()),
                'o' => text!("{:o}", n.unsigned_abs()),
                _ => text!("{}", n.unsigned_abs()),
            };
            if n < 0 {
                body.push('-');
            }
            if spec.alt {
                body.push_str(match conv {
                    'x' => "0x",
                    'X' => "0X",
                    'o' => "0o",
                    _ => "",
                });
            }
            if let Some(p) = spec.prec {
                pad_with(&mut body, '0', p.saturating_sub(digits.len()));
            }
            body.push_str(&digits);
            true
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match *value {
                Value::Int(n) => n as f64,
                Value::Bool(b) => f64::from(u8::from(b)),
                Value::Float(f) => f.get(),
                _ => return None,
            };
            number::format_float(x, conv, spec.prec, spec.alt, &mut body);
            true
        }
        'c' => {
            match value {
                Value::Int(n) => body.push(u32::try_from(*n).ok().and_then(char::from_u32)?),
                Value::Str(s) if pystr::units(s) == 1 => body.push_str(&pystr::decode(s)),
                _ => return None,
            }
            false
        }
        _ => return None,
    };
    if numeric && !body.starts_with('-') {
        if spec.plus {
            body.insert(0, '+');
        } else if spec.space {
            body.insert(0, ' ');
        }
    }
    let fill = spec.width.saturating_sub(pystr::len(&body));
    if spec.left {
        out.push_str(&body);
        pad_with(out, ' ', fill);
    } else if spec.zero && numeric && body.chars().last().is_some_and(|c| c.is_ascii_digit()) {
        // Zeros go after the sign and any 0x prefix.
        let sign = usize::from(body.starts_with(['-', '+', ' ']));
        let prefix = sign
            + if spec.alt && matches!(conv, 'x' | 'X' | 'o') {
                2
            } else {
                0
            };
        out.push_str(&body[..prefix]);
        pad_with(out, '0', fill);
        out.push_str(&body[prefix..]);
    } else {
        pad_with(out, ' ', fill);
        out.push_str(&body);
    }
    Some(())
}

fn pad_with(out: &mut String, c: char, n: usize) {
    out.extend(core::iter::repeat_n(c, n));
}

/// `'%(prog)s'`-style expansion with the single key `prog`, as argparse
/// applies to usage, descriptions and version strings.
pub(crate) fn with_prog(text: &str, prog: &str) -> Option<String> {
    format(text, &|key| (key == "prog").then(|| Value::str(prog)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> Option<String> {
        format(s, &|key| match key {
            "n" => Some(Value::Int(42)),
            "neg" => Some(Value::Int(-7)),
            "s" => Some(Value::str("abc")),
            "f" => Some(Value::float(2.345678)),
            "l" => Some(Value::from(alloc::vec!["a", "b"])),
            "none" => Some(Value::None),
            _ => None,
        })
    }

    #[test]
    fn conversions_follow_python() {
        let cases = [
            ("%(n)s|%(s)s|%(s)r", "42|abc|'abc'"),
            ("%(n)5d|%(n)-5d|%(n)05d", "   42|42   |00042"),
            ("%(neg)05d|%(n)+d|%(n) d", "-0007|+42| 42"),
            ("%(n)x|%(n)#x|%(n)#o|%(n)X", "2a|0x2a|0o52|2A"),
            (
                "%(f).2f|%(f)e|%(f)g|%(n).3d",
                "2.35|2.345678e+00|2.34568|042",
            ),
            ("%(s).2s|%(l)s|%(none)s|100%%", "ab|['a', 'b']|None|100%"),
            ("%(f)d|%(n)c", "2|*"),
        ];
        for (f, want) in cases {
            assert_eq!(fmt(f).as_deref(), Some(want), "{f}");
        }
        for bad in ["%(missing)s", "%s", "%(n)", "%(n)q", "%(s)d", "50%", "%(n"] {
            assert_eq!(fmt(bad), None, "{bad}");
        }
    }
}
