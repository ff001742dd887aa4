//! Times one parse of 1,000 mixed arguments with Strata's getopt and with
//! the `getopts` crate, in the same process, and prints ns per parse.
//!
//! `bench-getopt args DIR` writes the two command lines (NUL-separated) for
//! the CPython side; `bench-getopt` prints `<workload> <parser> <ns>` lines.
//!
//! Workloads, same options for every parser (`-a -b -c -v` flags, `-o FILE`
//! and `-j N` with values, `--verbose`, `--color`, `--output=FILE`,
//! `--jobs N`):
//! - `gnu`: options and non-options intermixed (Strata's `gnu_getopt`,
//!   getopts' default floating frees, Python's `gnu_getopt`);
//! - `posix`: 900 option arguments, then 100 non-options (`getopt`,
//!   getopts' `StopAtFirstFree`, Python's `getopt`).
//!
//! What a parse includes: for Strata, iterating every option and every
//! non-option (`args()`), so every value is looked at (`gnu` also times the
//! one-pass `items()`, since `args()` scans a gnu command line again); for getopts,
//! `Options::parse`, which stores every value in its `Matches` (reading
//! them back is not timed, which favours getopts a little).

use std::hint::black_box;
use std::time::Instant;
use strata_core::getopt::{Parsed, getopt, gnu_getopt};

const SHORTOPTS: &str = "abcvo:j:";
const LONGOPTS: [&str; 4] = ["verbose", "color", "output=", "jobs="];

/// The mixed command line: a cycle of ten kinds of argument, cut at
/// exactly `n` arguments without separating an option from its value.
fn command_line(n: usize, with_operands: bool) -> Vec<String> {
    let mut args = Vec::new();
    let mut i = 0;
    while args.len() < n {
        let group: Vec<String> = match i % 10 {
            0 => vec!["-v".into()],
            1 => vec!["-abc".into()],
            2 => vec![format!("-ofile{i}.txt")],
            3 => vec!["-j".into(), "4".into()],
            4 => vec!["--verbose".into()],
            5 => vec![format!("--output=out{i}")],
            6 => vec!["--jobs".into(), "8".into()],
            7 if with_operands => vec![format!("input{i}.c")],
            7 => vec!["-c".into()],
            8 => vec!["-vj2".into()],
            _ => vec!["--color".into()],
        };
        if args.len() + group.len() > n {
            args.push("-a".into());
        } else {
            args.extend(group);
        }
        i += 1;
    }
    args
}

fn posix_line() -> Vec<String> {
    let mut args = command_line(900, false);
    args.extend((0..100).map(|i| format!("operand{i}")));
    args
}

/// Best of 7 batches: ns per call of `f`.
fn time(mut f: impl FnMut() -> usize) -> f64 {
    let mut iters = 1;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        if start.elapsed().as_millis() >= 20 {
            break;
        }
        iters *= 2;
    }
    (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            start.elapsed().as_nanos() as f64 / iters as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn getopts_options(style: getopts::ParsingStyle) -> getopts::Options {
    let mut o = getopts::Options::new();
    o.parsing_style(style);
    o.optflagmulti("a", "", "");
    o.optflagmulti("b", "", "");
    o.optflagmulti("c", "", "");
    o.optflagmulti("v", "verbose", "");
    o.optflagmulti("", "color", "");
    o.optmulti("o", "output", "", "FILE");
    o.optmulti("j", "jobs", "", "N");
    o
}

/// Consumes a Strata parse: every option with its value, then every
/// non-option (for `getopt`, `args()` resumes where the options ended; for
/// `gnu_getopt` it scans the command line again).
fn drain<'a, V: strata_core::getopt::Argv<'a> + Clone>(
    mut parse: strata_core::getopt::Getopt<'a, V>,
) -> usize {
    let mut n = 0;
    for opt in &mut parse {
        let (_, value) = opt.expect("the benchmark's command line is valid");
        n += 1 + value.len();
    }
    n + parse.args().map(<[u8]>::len).sum::<usize>()
}

fn main() {
    let gnu = command_line(1000, true);
    let posix = posix_line();
    assert_eq!((gnu.len(), posix.len()), (1000, 1000));
    let mut argv = std::env::args().skip(1);
    if argv.next().as_deref() == Some("args") {
        let dir = argv.next().expect("bench-getopt args DIR");
        std::fs::write(format!("{dir}/gnu.args"), gnu.join("\0")).unwrap();
        std::fs::write(format!("{dir}/posix.args"), posix.join("\0")).unwrap();
        return;
    }

    // Both parsers see the same options and values.
    let strata = |args: &[String], gnu_mode: bool| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let p = if gnu_mode {
            gnu_getopt(refs.as_slice(), SHORTOPTS, &LONGOPTS).posixly_correct(false)
        } else {
            getopt(refs.as_slice(), SHORTOPTS, &LONGOPTS)
        };
        (p.clone().count(), p.args().count())
    };
    let floating = getopts_options(getopts::ParsingStyle::FloatingFrees);
    let stop = getopts_options(getopts::ParsingStyle::StopAtFirstFree);
    let m = floating.parse(&gnu).unwrap();
    assert_eq!(strata(&gnu, true).1, m.free.len());
    let m = stop.parse(&posix).unwrap();
    assert_eq!(strata(&posix, false).1, m.free.len());

    for (name, args, gnu_mode, peer) in [
        ("gnu", &gnu, true, &floating),
        ("posix", &posix, false, &stop),
    ] {
        // Strata borrows the caller's strings; getopts takes them as OsStr.
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let ns = time(|| {
            let args = black_box(refs.as_slice());
            if gnu_mode {
                drain(gnu_getopt(args, SHORTOPTS, &LONGOPTS).posixly_correct(false))
            } else {
                drain(getopt(args, SHORTOPTS, &LONGOPTS))
            }
        });
        println!("{name} strata {ns:.0}");
        if gnu_mode {
            // One pass that yields options and non-options in order.
            let ns = time(|| {
                let parse = gnu_getopt(black_box(refs.as_slice()), SHORTOPTS, &LONGOPTS);
                let mut n = 0;
                for item in parse.posixly_correct(false).items() {
                    n += match item.expect("valid") {
                        Parsed::Opt(_, value) => 1 + value.len(),
                        Parsed::Arg(arg) => arg.len(),
                    };
                }
                n
            });
            println!("{name} strata-items {ns:.0}");
        }
        let ns = time(|| {
            let m = peer.parse(black_box(args)).unwrap();
            m.free.len()
        });
        println!("{name} getopts {ns:.0}");
    }
}
