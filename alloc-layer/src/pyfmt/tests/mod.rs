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

#[test]
fn parsed_formats_apply_many_times() {
    let p = percent::Parsed::parse("%(name)s:%(levelname)-6s|%(n)03d").unwrap();
    assert_eq!(p.keys().collect::<Vec<_>>(), ["name", "levelname", "n"]);
    let mut out = String::new();
    for (i, level) in ["INFO", "DEBUG"].iter().enumerate() {
        let n = i as i64;
        let mut lookup = |k: &str| -> Option<&dyn Object> {
            match k {
                "name" => Some(&"root"),
                "levelname" => Some(level),
                "n" => Some(&n),
                _ => None,
            }
        };
        p.apply(
            percent::Args::Mapping {
                whole: None,
                lookup: &mut lookup,
            },
            &mut out,
        )
        .unwrap();
        out.push('\n');
    }
    assert_eq!(out, "root:INFO  |000\nroot:DEBUG |001\n");

    let f = format::Parsed::parse("{name}:{levelname:<6}|{n:03}").unwrap();
    assert_eq!(f.keys().collect::<Vec<_>>(), ["name", "levelname", "n"]);
    let mut out = String::new();
    let n = 7i64;
    let mut lookup = |k: &str| -> Option<&dyn Object> {
        match k {
            "name" => Some(&"root"),
            "levelname" => Some(&"WARN"),
            "n" => Some(&n),
            _ => None,
        }
    };
    f.apply(&[], &mut lookup, &mut out).unwrap();
    f.apply(&[], &mut lookup, &mut out).unwrap();
    assert_eq!(out, "root:WARN  |007root:WARN  |007");
}

#[test]
fn strict_parse_reports_syntax_errors_and_apply_keeps_out() {
    let e = percent::Parsed::parse("%(a)s %y").unwrap_err();
    assert_eq!(
        e.message,
        "unsupported format character 'y' (0x79) at index 7"
    );
    assert_eq!(
        percent::Parsed::parse("50%").unwrap_err().message,
        "incomplete format"
    );
    assert_eq!(
        format::Parsed::parse("{a:{b}").unwrap_err().message,
        "unmatched '{' in format spec"
    );
    assert_eq!(
        format::Parsed::parse("ok {a} x}").unwrap_err().message,
        "Single '}' encountered in format string"
    );
    let mut out = String::from("kept");
    let p = percent::Parsed::parse("%s %s").unwrap();
    let one: &dyn Object = &1i64;
    assert!(p.apply(percent::Args::Tuple(&[one]), &mut out).is_err());
    assert_eq!(out, "kept");
}

#[test]
fn whole_mapping_and_rejected_field_access() {
    let p = percent::Parsed::parse_lenient("%s|%(a)s");
    let whole: &dyn Object = &"{'a': 1}";
    let one: &dyn Object = &1i64;
    let mut lookup = |k: &str| (k == "a").then_some(one);
    let mut out = String::new();
    p.apply(
        percent::Args::Mapping {
            whole: Some(whole),
            lookup: &mut lookup,
        },
        &mut out,
    )
    .unwrap();
    assert_eq!(out, "{'a': 1}|1");
    let e = format::format_str("{a.real}", &[], &mut |_| None).unwrap_err();
    assert_eq!(e.kind, "ValueError");
    assert!(e.message.contains("'a.real'"), "{}", e.message);
    assert_eq!(template::identifiers("$a ${b} $a $$c $"), ["a", "b"]);
    assert_eq!(
        std::format!("{}", percent::format_tuple("%d", &[&"x"]).unwrap_err()),
        "TypeError: %d format: a real number is required, not str"
    );
}

/// The test binary's allocator: the system's, counting this thread's
/// allocations, so a test can check that a path makes none.
struct Counting;

std::thread_local! {
    static ALLOCATIONS: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter is a const-initialised thread-local, which allocates nothing.
unsafe impl core::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(|n| n.get())
}

#[test]
fn string_fields_allocate_nothing() {
    let percent = percent::Parsed::parse("%(asctime)s %(name)-8s %(message)5s").unwrap();
    let braces = format::Parsed::parse("{asctime} {name:<8} {message:>5}").unwrap();
    let (t, n, m) = ("2026-12-03 07:00:00,000", "root", "hello");
    let mut lookup = |k: &str| -> Option<&dyn Object> {
        match k {
            "asctime" => Some(&t),
            "name" => Some(&n),
            "message" => Some(&m),
            _ => None,
        }
    };
    let mut out = String::with_capacity(4096);
    let probe = allocations();
    drop(std::hint::black_box(String::from("counted")));
    assert!(allocations() > probe, "the counter counts");
    let before = allocations();
    for _ in 0..10 {
        percent
            .apply(
                percent::Args::Mapping {
                    whole: None,
                    lookup: &mut lookup,
                },
                &mut out,
            )
            .unwrap();
        braces.apply(&[], &mut lookup, &mut out).unwrap();
    }
    assert_eq!(allocations(), before);
    assert!(out.starts_with("2026-12-03 07:00:00,000 root     hello2026"));
}

/// Compile-time check: logging's handlers share parsed formats across
/// threads.
#[allow(dead_code)]
fn parsed_formats_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<percent::Parsed>();
    check::<format::Parsed>();
}
