//! Times one parse of the same 1,000 arguments with Strata's argparse,
//! clap (builder) and lexopt, in one process, and prints ns per parse.
//!
//! `parse-bench args FILE` writes the command line (NUL-separated) for the
//! CPython side; `parse-bench` prints `<parser> <ns>` lines.
//!
//! The command line: 493 arguments of top-level options (counts, flags,
//! integers, a choice, appended definitions, `--opt=value` and `-DVALUE`
//! forms), then the `build` sub-command, 99 arguments of its options and
//! 407 targets. What a
//! parse includes: the parse and reading every value back, for all three;
//! the parsers themselves are built once, outside the timing.
use std::hint::black_box;
use std::time::Instant;

#[path = "../../spec/clap_command.rs"]
mod clap_spec;
#[path = "../../spec/lexopt_parse.rs"]
mod lexopt_spec;
#[path = "../../spec/strata_parser.rs"]
mod strata_spec;

fn command_line() -> Vec<String> {
    let group = [
        "-v",
        "-n",
        "7",
        "--define",
        "k=v",
        "-w",
        "3",
        "--color",
        "always",
        "-o",
        "out",
        "--opt-number",
        "2",
        "-q",
        "--dry-run",
        "-Da=b",
        "--width=4",
    ];
    let mut args: Vec<String> = Vec::new();
    while args.len() + group.len() <= 493 {
        args.extend(group.iter().map(|s| s.to_string()));
    }
    while args.len() < 493 {
        args.push("-v".into());
    }
    args.push("build".into());
    for _ in 0..33 {
        args.extend(["--release", "-j", "4"].map(String::from));
    }
    let mut i = 0;
    while args.len() < 1000 {
        args.push(format!("target{i}"));
        i += 1;
    }
    args
}

/// How many targets `command_line` ends with.
const TARGETS: usize = 1000 - 494 - 99;

fn best_ns(mut f: impl FnMut()) -> u128 {
    let mut best = u128::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed().as_millis() < 200 {
            f();
            n += 1;
        }
        best = best.min(start.elapsed().as_nanos() / u128::from(n));
    }
    best
}

fn main() {
    let args = command_line();
    assert_eq!(args.len(), 1000);
    let mut argv = std::env::args().skip(1);
    if argv.next().as_deref() == Some("args") {
        let path = argv.next().expect("args FILE");
        std::fs::write(path, args.join("\0")).expect("write args");
        return;
    }

    let strata = strata_spec::parser().expect("parser");
    let check = strata.parse_args(&args).expect("strata parses");
    assert_eq!(
        check.get::<Vec<&str>>("targets").map(|t| t.len()),
        Some(TARGETS)
    );
    let ns = best_ns(|| {
        let ns = strata.parse_args(black_box(&args)).expect("parse");
        black_box((
            ns.get::<i64>("verbose"),
            ns.get::<i64>("number"),
            ns.get::<Vec<&str>>("define").map(|d| d.len()),
            ns.get::<Vec<&str>>("targets").map(|t| t.len()),
            ns.get::<i64>("jobs"),
        ));
    });
    println!("strata {ns}");

    let mut clap_cmd = clap_spec::command();
    let with_name: Vec<&str> = std::iter::once("app")
        .chain(args.iter().map(String::as_str))
        .collect();
    let m = clap_cmd
        .try_get_matches_from_mut(&with_name)
        .expect("clap parses");
    assert_eq!(
        m.subcommand()
            .and_then(|(_, s)| s.get_many::<String>("targets"))
            .map(|t| t.count()),
        Some(TARGETS)
    );
    let ns = best_ns(|| {
        let m = clap_cmd
            .try_get_matches_from_mut(black_box(&with_name))
            .expect("parse");
        let sub = m.subcommand().map(|(_, s)| s);
        black_box((
            m.get_count("verbose"),
            m.get_one::<i64>("number").copied(),
            m.get_many::<String>("define").map(|d| d.count()),
            sub.and_then(|s| s.get_many::<String>("targets"))
                .map(|t| t.count()),
            sub.and_then(|s| s.get_one::<i64>("jobs").copied()),
        ));
    });
    println!("clap {ns}");

    let parsed = lexopt_spec::parse(lexopt::Parser::from_iter(&with_name)).expect("lexopt parses");
    assert_eq!(parsed.targets.len(), TARGETS);
    let ns = best_ns(|| {
        let a =
            lexopt_spec::parse(lexopt::Parser::from_iter(black_box(&with_name))).expect("parse");
        black_box((a.verbose, a.number, a.define.len(), a.targets.len(), a.jobs));
    });
    println!("lexopt {ns}");
}
