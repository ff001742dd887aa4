//! Python's `%` operator with a mapping on the right, as argparse applies
//! it to help strings (`'%(default)s'`), usage (`'%(prog)s'`), descriptions
//! and version strings, on [`crate::pyfmt::percent`].

use super::value::Value;
use crate::pyfmt::Object;
use crate::pyfmt::percent::{Args, Parsed};
use alloc::string::String;
use alloc::vec::Vec;

/// `fmt % mapping`, where `lookup` gives the mapping's values. `None`
/// where Python raises (a missing key, a bad specifier, a type that the
/// conversion does not take); callers then keep the text as written.
///
/// The conversion is [`crate::pyfmt::percent`]'s; the values are looked up
/// first, once per key, because argparse makes them on demand.
pub(crate) fn format(fmt: &str, lookup: &dyn Fn(&str) -> Option<Value>) -> Option<String> {
    let parsed = Parsed::parse_lenient(fmt);
    let values: Vec<(&str, Option<Value>)> = parsed.keys().map(|k| (k, lookup(k))).collect();
    let mut find = |key: &str| {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.as_ref())
            .map(|v| v as &dyn Object)
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    parsed
        .apply(
            Args::Mapping {
                whole: None,
                lookup: &mut find,
            },
            &mut out,
        )
        .ok()?;
    Some(out)
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
