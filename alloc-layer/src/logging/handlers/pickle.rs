//! A pickle writer for protocol 1, the one `SocketHandler.makePickle` uses
//! (`pickle.dumps(d, 1)`), emitting the bytes CPython 3.11's C pickler
//! emits for the same objects.
//!
//! Only the types a log record's attribute dictionary can hold are here:
//! `dict`, `str`, `int`, `float`, `None`, `bool` and `tuple`.
//!
//! Object identity matters to a pickle: CPython memoizes every `str`,
//! `tuple` and `dict` it writes (`BINPUT`) and writes a second reference
//! to the same object as `BINGET`. Rust values carry no Python identity,
//! so a [`Value::Str`] is taken to be one Python object per distinct
//! slice (address and length): the same slice given twice pickles as one
//! object referenced twice, two equal strings held apart pickle as two.
//! The empty string and the one-character strings of code points below
//! 256 are always one object each, as CPython keeps them as singletons.
//! Tuples and dicts are never shared (each [`Value`] owns its items).

use alloc::vec::Vec;
use core::fmt::Write;

/// A Python object as [`dumps`] pickles it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// `int`.
    Int(i128),
    /// `float`.
    Float(f64),
    /// `str`: see the module doc for which ones count as one object.
    Str(&'a str),
    /// `tuple`.
    // Records pickle no tuples (their args are None); the writer's tests do.
    #[allow(dead_code)]
    Tuple(Vec<Value<'a>>),
    /// `dict`, items in insertion order.
    Dict(Vec<(Value<'a>, Value<'a>)>),
}

/// CPython's `BATCHSIZE`: items per `SETITEMS`.
const BATCHSIZE: usize = 1000;

/// The objects written so far, by identity, with their memo index.
struct Memo {
    strings: Vec<(usize, usize, u32)>,
    next: u32,
}

impl Memo {
    fn key(s: &str) -> (usize, usize) {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            // CPython's singletons: "" and the latin-1 characters; keyed by
            // content (a null address cannot be a real slice's).
            (None, _) => (0, 0),
            (Some(c), None) if (c as u32) < 256 => (0, c as usize + 1),
            _ => (s.as_ptr() as usize, s.len()),
        }
    }

    fn find(&self, s: &str) -> Option<u32> {
        let (a, l) = Memo::key(s);
        self.strings
            .iter()
            .find(|&&(x, y, _)| x == a && y == l)
            .map(|&(_, _, i)| i)
    }

    /// Memoizes an object: `BINPUT i` (`LONG_BINPUT` from 256 on).
    fn put(&mut self, out: &mut Vec<u8>) -> u32 {
        let i = self.next;
        self.next += 1;
        match u8::try_from(i) {
            Ok(b) => out.extend_from_slice(&[b'q', b]),
            Err(_) => {
                out.push(b'r');
                out.extend_from_slice(&i.to_le_bytes());
            }
        }
        i
    }
}

/// `BINGET i` (`LONG_BINGET` from 256 on).
fn get(i: u32, out: &mut Vec<u8>) {
    match u8::try_from(i) {
        Ok(b) => out.extend_from_slice(&[b'h', b]),
        Err(_) => {
            out.push(b'j');
            out.extend_from_slice(&i.to_le_bytes());
        }
    }
}

/// `pickle.dumps(value, protocol=1)`—appends the pickle of `value` to
/// `out`, `STOP` included, byte for byte as CPython's `_pickle` writes it
/// (`{'a': 1}` is `}q\x00X\x01\x00\x00\x00aq\x01K\x01s.`).
pub fn dumps(value: &Value<'_>, out: &mut Vec<u8>) {
    let mut memo = Memo {
        strings: Vec::new(),
        next: 0,
    };
    save(value, &mut memo, out);
    out.push(b'.');
}

fn save(value: &Value<'_>, memo: &mut Memo, out: &mut Vec<u8>) {
    match value {
        Value::None => out.push(b'N'),
        // Protocol 1 predates NEWTRUE/NEWFALSE: the text INT opcode.
        Value::Bool(true) => out.extend_from_slice(b"I01\n"),
        Value::Bool(false) => out.extend_from_slice(b"I00\n"),
        Value::Int(n) => save_int(*n, out),
        Value::Float(x) => {
            out.push(b'G');
            out.extend_from_slice(&x.to_bits().to_be_bytes());
        }
        Value::Str(s) => match memo.find(s) {
            Some(i) => get(i, out),
            None => {
                out.push(b'X');
                // A str longer than 4 GiB cannot be a log record's; CPython
                // would switch to BINUNICODE8, which protocol 1 lacks.
                out.extend_from_slice(&(s.len() as u32).to_le_bytes());
                out.extend_from_slice(s.as_bytes());
                let (a, l) = Memo::key(s);
                let i = memo.put(out);
                memo.strings.push((a, l, i));
            }
        },
        Value::Tuple(items) if items.is_empty() => out.push(b')'),
        Value::Tuple(items) => {
            out.push(b'(');
            for item in items {
                save(item, memo, out);
            }
            out.push(b't');
            memo.put(out);
        }
        Value::Dict(items) => {
            out.push(b'}');
            memo.put(out);
            save_items(items, memo, out);
        }
    }
}

/// CPython's `batch_dict_exact`: one item is `SETITEM`; more go in
/// `MARK … SETITEMS` batches of [`BATCHSIZE`], and a batch that comes out
/// full is followed by another (empty when nothing is left), as the C
/// loop's `do … while (i == BATCHSIZE)` writes it.
fn save_items(items: &[(Value<'_>, Value<'_>)], memo: &mut Memo, out: &mut Vec<u8>) {
    match items {
        [] => {}
        [(k, v)] => {
            save(k, memo, out);
            save(v, memo, out);
            out.push(b's');
        }
        _ => {
            let mut rest = items;
            loop {
                out.push(b'(');
                let n = rest.len().min(BATCHSIZE);
                for (k, v) in &rest[..n] {
                    save(k, memo, out);
                    save(v, memo, out);
                }
                out.push(b'u');
                rest = &rest[n..];
                if n < BATCHSIZE {
                    break;
                }
            }
        }
    }
}

/// `BININT1`, `BININT2`, `BININT`, and for protocol 1 beyond 32 bits the
/// text `LONG` opcode (`L<digits>L\n`).
fn save_int(n: i128, out: &mut Vec<u8>) {
    match n {
        0..=0xff => out.extend_from_slice(&[b'K', n as u8]),
        0x100..=0xffff => {
            out.push(b'M');
            out.extend_from_slice(&(n as u16).to_le_bytes());
        }
        _ => match i32::try_from(n) {
            Ok(n) => {
                out.push(b'J');
                out.extend_from_slice(&n.to_le_bytes());
            }
            Err(_) => {
                let mut text = alloc::string::String::new();
                let _ = writeln!(text, "L{n}L");
                out.extend_from_slice(text.as_bytes());
            }
        },
    }
}

#[cfg(test)]
mod tests {
    //! Byte equality with `pickle.dumps(case, 1)`: the fixtures come from
    //! alloc-layer/tests/servers/make_pickle_fixtures.py, which builds
    //! the same cases by the same names.

    use super::{Value, dumps};
    use alloc::string::String;
    use alloc::vec::Vec;

    const FIXTURES: &str = include_str!("../../../tests/servers/pickle_fixtures.txt");

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
    }

    fn numbered(n: usize) -> Vec<String> {
        (0..n).map(|i| alloc::format!("{i}")).collect()
    }

    fn check(name: &str, value: &Value<'_>) {
        let want = FIXTURES
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no fixture {name}"));
        let mut out = Vec::new();
        dumps(value, &mut out);
        assert_eq!(hex(&out), want, "case {name}");
    }

    fn dict_of<'a>(keys: &'a [String]) -> Value<'a> {
        Value::Dict(
            keys.iter()
                .enumerate()
                .map(|(i, k)| (Value::Str(k), Value::Int(i as i128)))
                .collect(),
        )
    }

    #[test]
    fn scalars_match_cpython() {
        use Value::*;
        check("none", &None);
        check("true", &Bool(true));
        check("false", &Bool(false));
        for (name, n) in [
            ("int_0", 0),
            ("int_255", 255),
            ("int_256", 256),
            ("int_65535", 65535),
            ("int_65536", 65536),
            ("int_minus1", -1),
            ("int_i32min", i32::MIN.into()),
            ("int_i32max", i32::MAX.into()),
            ("int_i32min_minus1", i128::from(i32::MIN) - 1),
            ("int_i32max_plus1", i128::from(i32::MAX) + 1),
            ("int_2_100", 1i128 << 100),
            ("int_minus_2_100", -(1i128 << 100)),
            ("int_i128min", i128::MIN),
        ] {
            check(name, &Int(n));
        }
        for (name, x) in [
            ("float_1_5", 1.5),
            ("float_minus0", -0.0),
            ("float_inf", f64::INFINITY),
            ("float_tiny", 5e-324),
            ("float_time", 1_700_000_000.123_456_7),
        ] {
            check(name, &Float(x));
        }
        check("str_empty", &Str(""));
        check("str_ascii", &Str("hello"));
        check("str_unicode", &Str("héllo ☃ 𝄞"));
        check("str_nul", &Str("a\0b\n"));
    }

    #[test]
    fn containers_match_cpython() {
        use Value::*;
        check("tuple_empty", &Tuple(Vec::new()));
        check("tuple_one", &Tuple(alloc::vec![Int(1)]));
        check("tuple_mixed", &Tuple(alloc::vec![Int(1), Str("a"), None]));
        check("dict_empty", &Dict(Vec::new()));
        check("dict_one", &Dict(alloc::vec![(Str("a"), Int(1))]));
        check(
            "dict_nested",
            &Dict(alloc::vec![
                (Str("t"), Tuple(alloc::vec![Bool(true), Float(2.0)])),
                (Str("d"), Dict(alloc::vec![(Str("x"), Str("yz"))])),
                (Str("e"), Tuple(Vec::new())),
            ]),
        );
        for n in [2, 1000, 1001, 2001] {
            let keys = numbered(n);
            check(&alloc::format!("dict_{n}"), &dict_of(&keys));
        }
    }

    #[test]
    fn memo_matches_cpython() {
        use Value::*;
        // One object referenced twice, two equal objects, singletons.
        let shared = String::from("shared text");
        let a = String::from("twin");
        let b = String::from("twin");
        check(
            "memo_strings",
            &Dict(alloc::vec![
                (Str("a"), Str(&shared)),
                (Str("b"), Str(&shared)),
                (Str("c"), Str(&a)),
                (Str("d"), Str(&b)),
                (Str("e"), Str("")),
                (Str("f"), Str("")),
                (Str("g"), Str("é")),
                (Str("h"), Str("é")),
            ]),
        );
        // Past 256 memo entries: LONG_BINPUT and LONG_BINGET.
        let keys = numbered(300);
        let mut items: Vec<_> = keys.iter().map(|k| (Str(k), Int(0))).collect();
        items.push((Str("last"), Str(&keys[299])));
        check("memo_long", &Dict(items));
    }

    #[test]
    fn a_small_dict_is_cpythons_bytes() {
        let mut out = alloc::vec::Vec::new();
        dumps(
            &Value::Dict(alloc::vec![(Value::Str("a"), Value::Int(1))]),
            &mut out,
        );
        assert_eq!(out, b"}q\x00X\x01\x00\x00\x00aq\x01K\x01s.");
    }
}
