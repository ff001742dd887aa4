//! Rebuilds a parser from the oracle's description (the format is in
//! tests/oracle/argparse.py) and replays the calls CPython answered,
//! comparing every byte. Shared by the host tests and the static test
//! program, so it uses only the public API and `alloc`.

use super::json::J;
use crate::argparse::{
    Action, ActionInfo, Arg, ArgumentError, ArgumentParser, ArgumentTypeError, Command,
    ConflictHandler, CustomAction, ErrorKind, FileType, FormatterClass, MutuallyExclusiveGroup,
    Namespace, Nargs, SubParsers, Type, Value, parse_int,
};
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// `format!` through `core::fmt` (see the argparse module's `text!`).
macro_rules! text {
    ($($arg:tt)*) => {{
        let mut s = String::new();
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}

/// What one case came to: how many calls matched, what did not.
#[derive(Default)]
pub struct Outcome {
    pub checks: usize,
    pub failures: Vec<String>,
    /// Calls where CPython 3.11 exits though `exit_on_error=False` and
    /// Strata returns the error (a documented difference), text checked.
    pub quirks: usize,
}

fn value(j: &J) -> Value {
    match j {
        J::Null => Value::None,
        J::Bool(b) => Value::Bool(*b),
        J::Int(n) => Value::Int(*n),
        J::Float(x) => Value::float(*x),
        J::Str(s) => Value::Str(s.clone()),
        J::List(items) => Value::List(items.iter().map(value).collect()),
        J::Object(_) => Value::None,
    }
}

fn nargs(j: &J) -> Option<Nargs> {
    if let Some(n) = j.int() {
        return Some(Nargs::Exactly(n as usize));
    }
    Some(match j.str()? {
        "?" => Nargs::Optional,
        "*" => Nargs::ZeroOrMore,
        "+" => Nargs::OneOrMore,
        "..." => Nargs::Remainder,
        "A..." => Nargs::Parser,
        _ => Nargs::Suppress,
    })
}

struct Record;
impl CustomAction for Record {
    fn call(
        &self,
        action: &ActionInfo,
        _: &ArgumentParser,
        ns: &mut Namespace,
        values: Value,
        option_string: Option<&str>,
    ) -> Result<(), ArgumentError> {
        let option = option_string.map_or(Value::None, Value::str);
        ns.set(action.dest(), Value::List(alloc::vec![option, values]));
        Ok(())
    }
}

struct Exit;
impl CustomAction for Exit {
    fn call(
        &self,
        _: &ActionInfo,
        _: &ArgumentParser,
        _: &mut Namespace,
        values: Value,
        _: Option<&str>,
    ) -> Result<(), ArgumentError> {
        Err(ArgumentError::exit_request(
            3,
            text!("custom exit {values}\n"),
        ))
    }
}

struct Fail;
impl CustomAction for Fail {
    fn call(
        &self,
        action: &ActionInfo,
        _: &ArgumentParser,
        _: &mut Namespace,
        _: Value,
        _: Option<&str>,
    ) -> Result<(), ArgumentError> {
        Err(action.error("custom failure"))
    }
}

fn type_named(name: &str) -> Type {
    match name {
        "int" => Type::int(),
        "float" => Type::float(),
        "str" => Type::str(),
        "bool" => Type::bool(),
        "upper" => Type::new("upper", |s| {
            Ok(Value::str(
                s.chars().flat_map(char::to_uppercase).collect::<String>(),
            ))
        }),
        "even" => Type::new("even", |s| {
            let n = parse_int(s.as_bytes()).ok_or_else(ArgumentTypeError::invalid)?;
            if n % 2 != 0 {
                return Err(ArgumentTypeError::new(text!("{n} is not even")));
            }
            Ok(Value::Int(n))
        }),
        "csv" => Type::new("csv", |s| {
            Ok(Value::List(s.split(',').map(Value::str).collect()))
        }),
        file => Type::file(FileType::new(file.strip_prefix("file:").unwrap_or("r"))),
    }
}

fn action_named(name: &str) -> Action {
    match name {
        "store" => Action::Store,
        "store_const" => Action::StoreConst,
        "store_true" => Action::StoreTrue,
        "store_false" => Action::StoreFalse,
        "append" => Action::Append,
        "append_const" => Action::AppendConst,
        "extend" => Action::Extend,
        "count" => Action::Count,
        "help" => Action::Help,
        "version" => Action::Version,
        "boolean_optional" => Action::BooleanOptional,
        "custom:record" => Action::Custom(Rc::new(Record)),
        "custom:exit" => Action::Custom(Rc::new(Exit)),
        _ => Action::Custom(Rc::new(Fail)),
    }
}

fn arg(names: &J, kw: &J) -> Arg {
    let names: Vec<&str> = names.list().iter().filter_map(J::str).collect();
    let mut a = Arg::new(&names);
    for (k, v) in kw.members() {
        a = match k.as_str() {
            "action" => a.action(action_named(v.str().unwrap_or(""))),
            "nargs" => match nargs(v) {
                Some(n) => a.nargs(n),
                None => a,
            },
            "const" => a.const_(value(v)),
            "default" => a.default(value(v)),
            "type" => a.type_(type_named(v.str().unwrap_or(""))),
            "choices" => a.choices(v.list().iter().map(value)),
            "required" => a.required(v.bool().unwrap_or(false)),
            "help" => a.help(v.str().unwrap_or("")),
            "metavar" => match v {
                J::List(items) => {
                    a.metavar_tuple(&items.iter().filter_map(J::str).collect::<Vec<_>>())
                }
                _ => a.metavar(v.str().unwrap_or("")),
            },
            "dest" => a.dest(v.str().unwrap_or("")),
            "version" => a.version(v.str().unwrap_or("")),
            "deprecated" => a.deprecated(v.bool().unwrap_or(false)),
            _ => a,
        };
    }
    a
}

fn formatter(j: &J) -> FormatterClass {
    let mut class = FormatterClass::HELP;
    for name in j.get("classes").map_or(&[][..], J::list) {
        class = class
            | match name.str().unwrap_or("") {
                "raw_description" => FormatterClass::RAW_DESCRIPTION,
                "raw_text" => FormatterClass::RAW_TEXT,
                "argument_defaults" => FormatterClass::ARGUMENT_DEFAULTS,
                _ => FormatterClass::METAVAR_TYPE,
            };
    }
    if let Some(n) = j.get("max_help_position").and_then(J::int) {
        class = class.max_help_position(n as usize);
    }
    if let Some(n) = j.get("width").and_then(J::int) {
        class = class.width(n as usize);
    }
    if let Some(n) = j.get("indent_increment").and_then(J::int) {
        class = class.indent_increment(n as usize);
    }
    class
}

/// `ArgumentParser(**kw)`, without its items.
fn parser_from_kw(kw: &J) -> Result<ArgumentParser, ArgumentError> {
    let mut p = ArgumentParser::new().columns(80);
    let text = |k: &str| kw.get(k).and_then(J::str);
    if let Some(v) = text("prog") {
        p = p.prog(v);
    }
    if let Some(v) = text("usage") {
        p = p.usage(v);
    }
    if let Some(v) = text("description") {
        p = p.description(v);
    }
    if let Some(v) = text("epilog") {
        p = p.epilog(v);
    }
    if let Some(v) = text("prefix_chars") {
        p = p.prefix_chars(v);
    }
    if let Some(v) = text("fromfile_prefix_chars") {
        p = p.fromfile_prefix_chars(v);
    }
    if let Some(v) = kw.get("argument_default") {
        p = p.argument_default(value(v));
    }
    if text("conflict_handler") == Some("resolve") {
        p = p.conflict_handler(ConflictHandler::Resolve);
    }
    if let Some(v) = kw.get("add_help").and_then(J::bool) {
        p = p.add_help(v);
    }
    if let Some(v) = kw.get("allow_abbrev").and_then(J::bool) {
        p = p.allow_abbrev(v);
    }
    if let Some(v) = kw.get("exit_on_error").and_then(J::bool) {
        p = p.exit_on_error(v);
    }
    if let Some(f) = kw.get("formatter") {
        p = p.formatter_class(formatter(f));
    }
    if text("convert") == Some("split") {
        p = p.convert_arg_line_to_args(|line| {
            line.split(|b| b.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .map(<[u8]>::to_vec)
                .collect()
        });
    }
    if let Some(parents) = kw.get("parents") {
        let built: Vec<ArgumentParser> =
            parents.list().iter().map(build).collect::<Result<_, _>>()?;
        let refs: Vec<&ArgumentParser> = built.iter().collect();
        p = p.parents(&refs)?;
    }
    Ok(p)
}

/// The whole parser a description makes.
pub fn build(spec: &J) -> Result<ArgumentParser, ArgumentError> {
    let kw = spec.get("kw").unwrap_or(&J::Null);
    let mut p = parser_from_kw(kw)?;
    if kw.get("prog").is_none() {
        // The oracle ran with sys.argv[0] == ''.
        p = p.prog("");
    }
    add_items(&mut p, spec.get("items").map_or(&[][..], J::list))?;
    Ok(p)
}

fn defaults(kw: &J) -> Vec<(&str, Value)> {
    kw.members()
        .iter()
        .map(|(k, v)| (k.as_str(), value(v)))
        .collect()
}

fn add_items(p: &mut ArgumentParser, items: &[J]) -> Result<(), ArgumentError> {
    for item in items {
        let parts = item.list();
        let (kind, second, third) = (
            parts[0].str().unwrap_or(""),
            &parts[1],
            parts.get(2).unwrap_or(&J::Null),
        );
        match kind {
            "arg" => p.add_argument(arg(second, third))?,
            "defaults" => p.set_defaults(&defaults(second)),
            "mutex" => {
                let mut m = p.add_mutually_exclusive_group(
                    second.get("required").and_then(J::bool).unwrap_or(false),
                );
                add_mutex_items(&mut m, third.list())?;
            }
            "group" => {
                let text = |k: &str| second.get(k).and_then(J::str);
                let mut g = p.add_argument_group(text("title"), text("description"));
                if let Some(c) = text("prefix_chars") {
                    g = g.prefix_chars(c);
                }
                if let Some(d) = second.get("argument_default") {
                    g = g.argument_default(value(d));
                }
                if text("conflict_handler") == Some("resolve") {
                    g = g.conflict_handler(ConflictHandler::Resolve);
                }
                for inner in third.list() {
                    let parts = inner.list();
                    match parts[0].str() {
                        Some("arg") => g.add_argument(arg(&parts[1], &parts[2]))?,
                        Some("mutex") => {
                            let required =
                                parts[1].get("required").and_then(J::bool).unwrap_or(false);
                            let mut m = g.add_mutually_exclusive_group(required);
                            add_mutex_items(&mut m, parts[2].list())?;
                        }
                        _ => g.set_defaults(&defaults(&parts[1])),
                    }
                }
            }
            _ => {
                let mut spec = SubParsers::new();
                let text = |k: &str| second.get(k).and_then(J::str);
                if let Some(v) = text("title") {
                    spec = spec.title(v);
                }
                if let Some(v) = text("description") {
                    spec = spec.description(v);
                }
                if let Some(v) = text("prog") {
                    spec = spec.prog(v);
                }
                if let Some(v) = text("dest") {
                    spec = spec.dest(v);
                }
                if let Some(v) = text("help") {
                    spec = spec.help(v);
                }
                if let Some(v) = text("metavar") {
                    spec = spec.metavar(v);
                }
                if let Some(v) = second.get("required").and_then(J::bool) {
                    spec = spec.required(v);
                }
                let sub = p.add_subparsers(spec)?;
                for entry in third.list() {
                    let parts = entry.list();
                    let extra = &parts[2];
                    let mut command = Command::new(parts[1].str().unwrap_or(""));
                    let aliases: Vec<&str> = extra
                        .get("aliases")
                        .map_or(&[][..], J::list)
                        .iter()
                        .filter_map(J::str)
                        .collect();
                    command = command.aliases(&aliases);
                    if let Some(h) = extra.get("help").and_then(J::str) {
                        command = command.help(h);
                    }
                    if let Some(d) = extra.get("deprecated").and_then(J::bool) {
                        command = command.deprecated(d);
                    }
                    let child = parser_from_kw(parts[3].get("kw").unwrap_or(&J::Null))?;
                    let child = sub.add_parser(command, child)?;
                    add_items(child, parts[3].get("items").map_or(&[][..], J::list))?;
                }
            }
        }
    }
    Ok(())
}

fn add_mutex_items(m: &mut MutuallyExclusiveGroup<'_>, items: &[J]) -> Result<(), ArgumentError> {
    for item in items {
        let parts = item.list();
        if parts[0].str() == Some("arg") {
            m.add_argument(arg(&parts[1], &parts[2]))?;
        } else {
            let required = parts[1].get("required").and_then(J::bool).unwrap_or(false);
            let mut inner = m.add_mutually_exclusive_group(required);
            add_mutex_items(&mut inner, parts[2].list())?;
        }
    }
    Ok(())
}

fn set_columns(p: &mut ArgumentParser, columns: usize) {
    p.set_columns(Some(columns));
    if let Some(sub) = p.subparsers_mut() {
        for child in sub.parsers_mut() {
            set_columns(child, columns);
        }
    }
}

fn text(j: Option<&J>) -> String {
    let mut out = String::new();
    for chunk in j.and_then(J::bytes).unwrap_or_default().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&text!("\\x{b:02x}"));
        }
    }
    out
}

/// The message of Python's `"Name: message"`.
fn message(raised: &str) -> &str {
    raised.split_once(": ").map_or(raised, |(_, m)| m)
}

fn uses_files(line: &str) -> bool {
    line.contains("argparse_files") || line.contains("\"file:")
}

/// Replays one fixture line; `skip_files` leaves out cases that read
/// files (the static program may run from anywhere).
pub fn run(line: &str, skip_files: bool) -> Outcome {
    let mut out = Outcome::default();
    if skip_files && uses_files(line) {
        return out;
    }
    let Some(case) = J::parse(line) else {
        out.failures.push(String::from("fixture line is not JSON"));
        return out;
    };
    let name = text(case.get("name"));
    let built = build(case.get("parser").unwrap_or(&J::Null));
    if let Some(expected) = case.get("build_error") {
        out.checks += 1;
        match (&built, expected) {
            (Err(e), J::Null) => {
                let ok = e.exit_status() == case.get("exit").and_then(J::int).map(|n| n as i32)
                    && e.stderr() == text(case.get("err"));
                if !ok {
                    out.failures.push(text!(
                        "{name}: build exit differs: {:?} {:?}",
                        e.exit_status(),
                        e.stderr()
                    ));
                }
            }
            (Err(e), raised) => {
                if e.to_string() != message(&text(Some(raised))) {
                    out.failures.push(text!(
                        "{name}: build error {:?}, want {:?}",
                        e.to_string(),
                        text(Some(raised))
                    ));
                }
            }
            (Ok(_), _) => out
                .failures
                .push(text!("{name}: built, want {:?}", text(Some(expected)))),
        }
        return out;
    }
    let mut parser = match built {
        Ok(p) => p,
        Err(e) => {
            out.failures.push(text!("{name}: build failed: {e}"));
            return out;
        }
    };
    for call in case.get("calls").map_or(&[][..], J::list) {
        let c = call.get("call").map_or(&[][..], J::list);
        let want = call.get("result").unwrap_or(&J::Null);
        let method = c[0].str().unwrap_or("");
        out.checks += 1;
        let failure = match method {
            "get_default" => {
                let got = parser.get_default(c[1].str().unwrap_or("")).py_repr();
                (got != text(want.get("repr")))
                    .then(|| text!("get_default {got:?} want {:?}", text(want.get("repr"))))
            }
            "format_help" | "format_usage" => {
                set_columns(&mut parser, c[1].int().unwrap_or(80) as usize);
                let got = if method == "format_help" {
                    parser.format_help()
                } else {
                    parser.format_usage()
                };
                let expected = text(want.get("text"));
                (got != expected).then(|| {
                    text!(
                        "{method} at {}:\n--- got\n{got}--- want\n{expected}",
                        c[1].int().unwrap_or(0)
                    )
                })
            }
            _ => {
                set_columns(&mut parser, c[2].int().unwrap_or(80) as usize);
                let args: Vec<&[u8]> = c[1].list().iter().filter_map(J::bytes).collect();
                let known = method.starts_with("parse_known");
                let (result, warnings) =
                    parser.parse_with_warnings(&args, known, method.contains("intermixed"));
                compare_parse(&result, &warnings, want, known, &mut out.quirks).map(|f| {
                    text!(
                        "{method} {:?}: {f}",
                        c[1].list()
                            .iter()
                            .map(|a| text(Some(a)))
                            .collect::<Vec<_>>()
                    )
                })
            }
        };
        if let Some(f) = failure {
            out.failures.push(text!("{name}: {f}"));
        }
    }
    out
}

fn compare_parse(
    result: &Result<(Namespace, Vec<Vec<u8>>), ArgumentError>,
    warnings: &str,
    want: &J,
    known: bool,
    quirks: &mut usize,
) -> Option<String> {
    let want_out = text(want.get("out"));
    let want_err = text(want.get("err"));
    match result {
        Ok((ns, extras)) => {
            let Some(want_ns) = want.get("ns").filter(|n| !n.is_null()) else {
                return Some(text!(
                    "parsed to {ns:?}, want exit {:?} raise {:?} err {want_err:?}",
                    want.get("exit"),
                    text(want.get("raise"))
                ));
            };
            let want_ns = text(Some(want_ns));
            if ns.py_repr() != want_ns {
                return Some(text!("namespace {:?}, want {want_ns:?}", ns.py_repr()));
            }
            if known {
                let want_extras: Vec<&[u8]> = want
                    .get("extras")
                    .map_or(&[][..], J::list)
                    .iter()
                    .filter_map(J::bytes)
                    .collect();
                let got: Vec<&[u8]> = extras.iter().map(Vec::as_slice).collect();
                if got != want_extras {
                    return Some(text!("extras {got:?}, want {want_extras:?}"));
                }
            }
            (warnings != want_err || !want_out.is_empty())
                .then(|| text!("warnings {warnings:?}, want {want_err:?}"))
        }
        Err(e) => {
            let got_err = text!("{warnings}{}", e.stderr());
            if let Some(status) = want.get("exit").and_then(J::int) {
                match e.exit_status() {
                    Some(s) if s as i64 == status => {}
                    None if status == 2 && e.kind() == ErrorKind::Argument => *quirks += 1,
                    other => return Some(text!("exit {other:?}, want {status}")),
                }
                if e.stdout() != want_out || got_err != want_err {
                    return Some(text!(
                        "output differs:\n--- stdout\n{}--- want\n{want_out}--- stderr\n{got_err}--- want\n{want_err}",
                        e.stdout()
                    ));
                }
                None
            } else if let Some(raised) = want.get("raise").filter(|r| !r.is_null()) {
                let raised = text(Some(raised));
                if e.exit_status().is_some() || e.to_string() != message(&raised) {
                    return Some(text!(
                        "error {:?} (exit {:?}), want raise {raised:?}",
                        e.to_string(),
                        e.exit_status()
                    ));
                }
                (warnings != want_err).then(|| text!("warnings {warnings:?}, want {want_err:?}"))
            } else {
                Some(text!("error {e}, want namespace {}", text(want.get("ns"))))
            }
        }
    }
}
