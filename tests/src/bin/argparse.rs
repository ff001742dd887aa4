//! The `argparse` test program: representative parses (help text, errors
//! with their exit status, sub-commands, non-UTF-8 bytes, its own command
//! line through `sys_args()`), then every oracle case CPython answered
//! (tests/oracle/argparse.jsonl, made by argparse.py beside it) rebuilt
//! and replayed byte for byte, natively and under qemu-user. Cases that
//! read files are left out: the program may run from any folder.
//!
//! `argparse --help` prints the demo parser's help and exits 0;
//! `argparse --count x` prints its usage and error and exits 2, both
//! through `parse_args_or_exit`, as a Python program would.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::argparse::{
    Action, Arg, ArgumentParser, Command, ErrorKind, Nargs, SubParsers, Type, Value, sys_args,
};
use strata_alloc::println;
use strata_tests::Tap;

/// The oracle's rebuilder names the API `crate::argparse`.
mod argparse {
    pub use strata_alloc::argparse::*;
}
#[path = "../../../alloc-layer/src/argparse/tests/case.rs"]
mod case;
#[path = "../../../alloc-layer/src/argparse/tests/json.rs"]
mod json;

strata_alloc::main!(main);

const ORACLE: &str = include_str!("../../oracle/argparse.jsonl");

/// The parser `argparse --help` shows.
fn demo() -> ArgumentParser {
    let mut p = ArgumentParser::new()
        .prog("argparse")
        .description("Strata argparse test program.")
        .columns(80);
    let args = [
        Arg::new(&["-n", "--count"])
            .type_(Type::int())
            .default(1)
            .help("how many (default: %(default)s)"),
        Arg::new(&["-v", "--verbose"])
            .action(Action::Count)
            .default(0)
            .help("say more"),
        Arg::new(&["--mode"])
            .choices(["fast", "slow"])
            .default("fast"),
        Arg::new(&["files"])
            .nargs(Nargs::ZeroOrMore)
            .help("input files"),
    ];
    for a in args {
        // The definitions are fixed: an error here is a bug the checks report.
        let _ = p.add_argument(a);
    }
    p
}

const DEMO_HELP: &str = "usage: argparse [-h] [-n COUNT] [-v] [--mode {fast,slow}] [files ...]

Strata argparse test program.

positional arguments:
  files                 input files

options:
  -h, --help            show this help message and exit
  -n COUNT, --count COUNT
                        how many (default: 1)
  -v, --verbose         say more
  --mode {fast,slow}
";

fn main() -> i32 {
    let own = sys_args();
    if own.first().is_some_and(|a| a.starts_with(b"-")) {
        // Behave as the Python program would: help or error, then exit.
        let ns = demo().parse_args_or_exit();
        println!("count={}", ns.get::<i64>("count").unwrap_or(0));
        return 0;
    }
    let mut tap = Tap::new();
    representative(&mut tap, &own);
    oracle(&mut tap);
    tap.finish()
}

fn representative(tap: &mut Tap, own: &[&[u8]]) {
    let p = demo();
    tap.check("help text is CPython's", p.format_help() == DEMO_HELP);
    let ns = p.parse_args(&["-vv", "--count", "3", "a", "b"]);
    tap.check(
        "options, count and positionals parse",
        ns.as_ref().is_ok_and(|ns| {
            ns.get::<i64>("count") == Some(3)
                && ns.get::<i64>("verbose") == Some(2)
                && ns.get::<Vec<&str>>("files") == Some(alloc::vec!["a", "b"])
                && ns.get::<&str>("mode") == Some("fast")
        }),
    );
    let err = p.parse_args(&["-n", "x"]);
    tap.check(
        "a bad int is exit status 2 with usage and message",
        err.as_ref().is_err_and(|e| {
            e.exit_status() == Some(2)
                && e.stderr()
                    == "usage: argparse [-h] [-n COUNT] [-v] [--mode {fast,slow}] [files ...]\n\
                        argparse: error: argument -n/--count: invalid int value: 'x'\n"
        }),
    );
    let help = p.parse_args(&["--he"]);
    tap.check(
        "--he is help: status 0, the help on stdout",
        help.is_err_and(|e| {
            e.kind() == ErrorKind::Exit && e.exit_status() == Some(0) && e.stdout() == DEMO_HELP
        }),
    );
    let ns = p.parse_args(&[&b"caf\xe9"[..], b"--mode=slow"]);
    tap.check(
        "non-UTF-8 arguments stay bytes",
        ns.is_ok_and(|ns| matches!(ns.value("files"), Some(Value::List(l)) if l[0].as_bytes() == Some(b"caf\xe9"))),
    );
    let mut git = ArgumentParser::new().prog("git");
    let sub = git.add_subparsers(SubParsers::new().dest("cmd").required(true));
    let added = sub.and_then(|s| {
        let co = s.add_parser(
            Command::new("checkout").aliases(&["co"]).help("switch"),
            ArgumentParser::new(),
        )?;
        co.add_argument(Arg::new(&["branch"]))?;
        co.set_defaults(&[("func", Value::str("checkout"))]);
        Ok(())
    });
    let ns = git.parse_args(&["co", "main"]);
    tap.check(
        "sub-commands, aliases and their defaults",
        added.is_ok()
            && ns.is_ok_and(|ns| {
                ns.get::<&str>("cmd") == Some("co")
                    && ns.get::<&str>("branch") == Some("main")
                    && ns.get::<&str>("func") == Some("checkout")
            }),
    );
    let mut own_parser = ArgumentParser::new().prog("argparse");
    let _ = own_parser.add_argument(Arg::new(&["rest"]).nargs(Nargs::ZeroOrMore));
    let ns = own_parser.parse_args(own);
    tap.check(
        "its own command line parses through sys_args()",
        ns.is_ok_and(|ns| matches!(ns.value("rest"), Some(Value::List(l)) if l.len() == own.len())),
    );
}

fn oracle(tap: &mut Tap) {
    let (mut checks, mut quirks) = (0, 0);
    let mut failures: Vec<String> = Vec::new();
    for line in ORACLE.lines() {
        let outcome = case::run(line, true);
        checks += outcome.checks;
        quirks += outcome.quirks;
        failures.extend(outcome.failures);
    }
    let mut name = String::new();
    let _ = core::fmt::Write::write_fmt(
        &mut name,
        format_args!(
            "every oracle case without files matches CPython ({checks} calls, {quirks} exit_on_error)"
        ),
    );
    tap.check(&name, failures.is_empty() && checks >= 400);
    for f in failures.iter().take(3) {
        for line in f.lines() {
            println!("# {line}");
        }
    }
}
