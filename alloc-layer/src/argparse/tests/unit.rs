//! Checks through the public API that the oracle does not reach: typed
//! getters, namespaces passed in, objects in defaults, errors as values.

use crate::argparse::{
    Action, Arg, ArgumentParser, ErrorKind, Namespace, Nargs, SubParsers, Type, Value,
};
use alloc::vec;
use alloc::vec::Vec;

fn parser() -> ArgumentParser {
    let mut p = ArgumentParser::new().prog("t").columns(80);
    p.add_argument(Arg::new(&["-n"]).type_(Type::int()).default(1))
        .unwrap();
    p.add_argument(Arg::new(&["-f"]).type_(Type::float()))
        .unwrap();
    p.add_argument(Arg::new(&["-v"]).action(Action::Count))
        .unwrap();
    p.add_argument(Arg::new(&["files"]).nargs(Nargs::ZeroOrMore))
        .unwrap();
    p
}

#[test]
fn typed_getters_read_what_was_parsed() {
    let ns = parser()
        .parse_args(&["-n", "4", "-f", "2.5", "-vv", "a", "b"])
        .unwrap();
    assert_eq!(ns.get::<i64>("n"), Some(4));
    assert_eq!(ns.get::<u8>("n"), Some(4));
    assert_eq!(ns.get::<f64>("f"), Some(2.5));
    assert_eq!(ns.get::<i64>("v"), Some(2));
    assert_eq!(ns.get::<Vec<&str>>("files"), Some(vec!["a", "b"]));
    assert_eq!(ns.get::<&str>("n"), None, "an int is not a str");
    assert_eq!(ns.get::<i64>("missing"), None);
    assert!(ns.contains("files") && !ns.contains("missing"));
    let names: Vec<&str> = ns.iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["n", "f", "v", "files"]);
    assert_eq!(ns.py_repr(), "Namespace(n=4, f=2.5, v=2, files=['a', 'b'])");
}

#[test]
fn none_reads_as_some_none_through_option() {
    let ns = parser().parse_args::<&str>(&[]).unwrap();
    assert_eq!(ns.get::<Option<f64>>("f"), Some(None));
    assert_eq!(ns.get::<Option<i64>>("n"), Some(Some(1)));
}

#[test]
fn an_existing_namespace_keeps_its_values() {
    let mut start = Namespace::new();
    start.set("n", 9);
    start.set("extra", "kept");
    let ns = parser().parse_args_into(&["x"], start).unwrap();
    assert_eq!(
        ns.get::<i64>("n"),
        Some(9),
        "defaults do not replace what is there"
    );
    assert_eq!(ns.get::<&str>("extra"), Some("kept"));
}

#[test]
fn objects_ride_in_defaults() {
    fn handler() -> i32 {
        7
    }
    let mut p = ArgumentParser::new().prog("t");
    let sub = p.add_subparsers(SubParsers::new().dest("cmd")).unwrap();
    let run = sub.add_parser("run", ArgumentParser::new()).unwrap();
    run.set_defaults(&[("func", Value::object(handler as fn() -> i32))]);
    let ns = p.parse_args(&["run"]).unwrap();
    let func = ns.get_object::<fn() -> i32>("func").unwrap();
    assert_eq!(func(), 7);
}

#[test]
fn exit_on_error_false_leaves_a_plain_error() {
    let mut p = ArgumentParser::new()
        .prog("t")
        .exit_on_error(false)
        .columns(80);
    p.add_argument(Arg::new(&["-n"]).type_(Type::int()))
        .unwrap();
    let e = p.parse_args(&["-n", "x"]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Argument);
    assert_eq!(e.exit_status(), None);
    assert_eq!(e.argument_name(), Some("-n"));
    assert_eq!(e.message(), "invalid int value: 'x'");
    assert_eq!(
        e.stderr(),
        "usage: t [-h] [-n N]\nt: error: argument -n: invalid int value: 'x'\n"
    );
}

#[test]
fn definition_errors_are_values() {
    let mut p = ArgumentParser::new();
    let e = p
        .add_argument(Arg::new(&["--x"]).nargs(Nargs::Exactly(0)))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Definition);
    assert_eq!(e.exit_status(), None);
    let e = p.add_argument(Arg::new(&["-h"])).unwrap_err();
    assert_eq!(e.to_string(), "argument -h: conflicting option string: -h");
}

#[test]
fn values_compare_as_python_does() {
    assert_eq!(Value::Bool(true), Value::Int(1));
    assert_eq!(Value::Int(2), Value::float(2.0));
    assert_ne!(Value::str("1"), Value::Int(1));
    assert_eq!(Value::from(vec!["a", "b"]).py_repr(), "['a', 'b']");
    assert_eq!(Value::str(&b"caf\xe9"[..]).py_repr(), "'caf\\udce9'");
    assert_eq!(Value::float(1e16).py_str(), "1e+16");
}

#[test]
fn sys_args_are_the_programs_where_known() {
    let args = crate::argparse::sys_args();
    if cfg!(all(feature = "std", target_env = "gnu")) {
        // A std program on glibc: recorded from .init_array.
        let std_args: Vec<Vec<u8>> = std::env::args_os()
            .skip(1)
            .map(std::os::unix::ffi::OsStringExt::into_vec)
            .collect();
        assert_eq!(args, std_args);
    } else {
        // Outside `strata_alloc::main!` the runtime recorded no argv.
        assert!(args.is_empty());
    }
}
