//! Replays `cases.txt`, what Python 3.11 gave for each case `gen.py`
//! generated, through pyfmt.

use super::{Error, Object, float, format, percent, template};
use std::fmt::Write;
use std::string::{String, ToString};
use std::vec::Vec;

/// A value of the fixture: Python's `int` (as wide as the fixture needs),
/// `bool`, `float`, `None` or `str`.
enum V {
    Int(i128),
    Bool(bool),
    Float(f64),
    None,
    Str(String),
}

impl Object for V {
    fn write_str(&self, out: &mut String) {
        match self {
            V::Str(s) => out.push_str(s),
            v => v.write_repr(out),
        }
    }
    fn write_repr(&self, out: &mut String) {
        match self {
            V::Int(n) => {
                let _ = write!(out, "{n}");
            }
            V::Bool(b) => b.write_repr(out),
            V::Float(x) => float::float_repr(*x, out),
            V::None => out.push_str("None"),
            V::Str(s) => s.write_repr(out),
        }
    }
    fn int(&self) -> Option<i128> {
        match *self {
            V::Int(n) => Some(n),
            V::Bool(b) => Some(b.into()),
            _ => None,
        }
    }
    fn float(&self) -> Option<f64> {
        match *self {
            V::Int(n) => Some(n as f64),
            V::Bool(b) => Some(f64::from(u8::from(b))),
            V::Float(x) => Some(x),
            _ => None,
        }
    }
    fn is_float(&self) -> bool {
        matches!(self, V::Float(_))
    }
    fn is_str(&self) -> bool {
        matches!(self, V::Str(_))
    }
    fn type_name(&self) -> &str {
        match self {
            V::Int(_) => "int",
            V::Bool(_) => "bool",
            V::Float(_) => "float",
            V::None => "NoneType",
            V::Str(_) => "str",
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn value(typed: &str) -> V {
    let (t, v) = typed.split_once(':').expect("typed value");
    match t {
        "i" => V::Int(v.parse().expect("int")),
        "b" => V::Bool(v == "1"),
        "f" => V::Float(match v {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            v => v.parse().expect("float"),
        }),
        "n" => V::None,
        "s" => V::Str(v.to_string()),
        _ => panic!("unknown type {t}"),
    }
}

/// One case's arguments: positional values and `name=value` entries.
struct CaseArgs {
    positional: Vec<V>,
    named: Vec<(String, V)>,
}

impl CaseArgs {
    fn new(fields: &[String]) -> Self {
        let mut args = CaseArgs {
            positional: Vec::new(),
            named: Vec::new(),
        };
        for f in fields {
            match f.split_once('=') {
                Some((k, v)) if !k.contains(':') => args.named.push((k.to_string(), value(v))),
                _ => args.positional.push(value(f)),
            }
        }
        args
    }

    fn positional(&self) -> Vec<&dyn Object> {
        self.positional.iter().map(|v| v as &dyn Object).collect()
    }

    fn get(&self, key: &str) -> Option<&dyn Object> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v as &dyn Object)
    }
}

fn shown(r: &Result<String, Error>) -> String {
    match r {
        Ok(s) => std::format!("={s}"),
        Err(e) => std::format!("!{}:{}", e.kind, e.message),
    }
}

#[test]
fn python_oracle_cases() {
    let fixture = include_str!("cases.txt");
    let mut failures = Vec::new();
    let mut run = 0;
    for line in fixture.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<String> = line.split('\t').map(unescape).collect();
        let (op, fmt, want) = (&fields[0], &fields[1], &fields[2]);
        let args = CaseArgs::new(&fields[3..]);
        let got = match op.as_str() {
            "pt" => percent::format_tuple(fmt, &args.positional()),
            "pm" => percent::format_mapping(fmt, &mut |k| args.get(k)),
            "fv" => {
                let mut out = String::new();
                format::format_value(&args.positional[0], fmt, &mut out).map(|()| out)
            }
            "fs" => format::format_str(fmt, &args.positional(), &mut |k| args.get(k)),
            "ts" => template::substitute(fmt, &mut |k| args.get(k)),
            "tss" => Ok(template::safe_substitute(fmt, &mut |k| args.get(k))),
            "ti" => Ok(template::identifiers(fmt).join(" ")),
            _ => panic!("unknown op {op}"),
        };
        run += 1;
        let got = shown(&got);
        if &got != want {
            failures.push(std::format!(
                "{op} {fmt:?} {:?}: want {want:?} got {got:?}",
                &fields[3..]
            ));
        }
    }
    assert!(run > 0);
    assert!(
        failures.is_empty(),
        "{} of {run} cases differ from Python:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
