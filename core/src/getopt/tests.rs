use super::*;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

/// CPython on the build machine (plus a re-statement of 3.14's rules),
/// produced by tests/oracle/getopt.py; the format is in its docstring.
const ORACLE: &str = include_str!("../../../tests/oracle/getopt.txt");

fn unescape(field: &str) -> Vec<u8> {
    let b = field.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b[i + 1] == b'\\' => {
                out.push(b'\\');
                i += 2;
            }
            b'\\' => {
                assert_eq!(b[i + 1], b'x', "bad escape in {field:?}");
                let hex = core::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 4;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The fields after the tag, unescaped.
fn fields(line: &str) -> Vec<Vec<u8>> {
    line.split('\t').skip(1).map(unescape).collect()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("specifications are UTF-8")
}

/// One pair of Python's `opts` list: `(Some(name), [value])`, or 3.14's
/// in-order `(None, args)`.
type Pair = (Option<Vec<u8>>, Vec<Vec<u8>>);

#[derive(Debug, Default)]
struct Case {
    id: String,
    func: String,
    env: Option<Vec<u8>>,
    source: String,
    shortopts: String,
    longopts: Vec<String>,
    argv: Vec<Vec<u8>>,
    /// `opt` and `group` lines, in order.
    opts: Vec<Pair>,
    args: Option<Vec<Vec<u8>>>,
    error: Option<(Vec<u8>, Vec<u8>)>,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in ORACLE.lines() {
        let tag = line.split('\t').next().unwrap();
        if tag == "case" {
            let f: Vec<&str> = line.split('\t').collect();
            cases.push(Case {
                id: f[1].to_string(),
                func: f[2].to_string(),
                env: f[3].strip_prefix('=').map(unescape),
                source: f[4].to_string(),
                shortopts: text(unescape(f[5])),
                ..Case::default()
            });
            continue;
        }
        let case = cases.last_mut().expect("a case line comes first");
        let mut f = fields(line);
        match tag {
            "long" => case.longopts = f.into_iter().map(text).collect(),
            "argv" => case.argv = f,
            "opt" => {
                let value = f.pop().unwrap();
                case.opts.push((f.pop(), vec![value]));
            }
            "group" => case.opts.push((None, f)),
            "args" => case.args = Some(f),
            "error" => {
                let msg = f.pop().unwrap();
                case.error = Some((f.pop().unwrap(), msg));
            }
            _ => panic!("unknown line {line:?}"),
        }
    }
    cases
}

fn msg_bytes(e: &GetoptError<'_>) -> Vec<u8> {
    e.msg().parts().concat()
}

fn opt_bytes(opt: Opt<'_>) -> Vec<u8> {
    opt.to_string().into_bytes()
}

/// Runs one oracle case through every view of the parse and checks each
/// against CPython's answer.
fn check(case: &Case) {
    let argv: Vec<&[u8]> = case.argv.iter().map(Vec::as_slice).collect();
    let longopts: Vec<&str> = case.longopts.iter().map(String::as_str).collect();
    let parse = if case.func == "getopt" {
        getopt(argv.as_slice(), &case.shortopts, &longopts)
    } else {
        let posix = posixly_correct_set(case.env.as_deref());
        gnu_getopt(argv.as_slice(), &case.shortopts, &longopts).posixly_correct(posix)
    };
    let ctx = format!("case {} ({}, {})", case.id, case.func, case.source);

    let opts: Vec<_> = parse.clone().collect();
    let items: Vec<_> = parse.items().collect();
    let args: Vec<&[u8]> = parse.args().collect();

    // The three views agree with one another.
    let from_items: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Ok(Parsed::Opt(o, v)) => Some(Ok((*o, *v))),
            Ok(Parsed::Arg(_)) => None,
            Err(e) => Some(Err(*e)),
        })
        .collect();
    assert_eq!(opts, from_items, "{ctx}: options vs items");
    let args_from_items: Vec<&[u8]> = items
        .iter()
        .filter_map(|i| match i {
            Ok(Parsed::Arg(a)) => Some(*a),
            _ => None,
        })
        .collect();
    assert_eq!(args, args_from_items, "{ctx}: args vs items");
    let mut iterated = parse.clone();
    iterated.by_ref().for_each(drop);
    assert!(
        iterated.args().eq(args.iter().copied()),
        "{ctx}: args after"
    );

    if let Some((opt, msg)) = &case.error {
        let (last, before) = opts.split_last().expect("an error is yielded");
        assert!(before.iter().all(Result::is_ok), "{ctx}: one error, last");
        let e = last.as_ref().expect_err(&ctx);
        assert_eq!(e.opt(), opt.as_slice(), "{ctx}: GetoptError.opt");
        assert_eq!(msg_bytes(e), *msg, "{ctx}: GetoptError.msg");
        assert!(e.msg() == *msg.as_slice(), "{ctx}: Msg == [u8]");
        if let Ok(text) = core::str::from_utf8(msg) {
            assert_eq!(e.to_string(), text, "{ctx}: Display");
        }
        return;
    }

    let want_args = case.args.as_ref().expect("a result has args");
    let in_order = case.func == "gnu_getopt" && case.shortopts.starts_with('-');
    if in_order {
        // Python 3.14's in-order result is items() with each run of
        // non-options before an option made into a (None, [args]) pair,
        // and the last run returned as args.
        let mut got: Vec<Pair> = Vec::new();
        let mut run: Vec<Vec<u8>> = Vec::new();
        for item in &items {
            match item.as_ref().expect(&ctx) {
                Parsed::Arg(a) => run.push(a.to_vec()),
                Parsed::Opt(o, v) => {
                    if !run.is_empty() {
                        got.push((None, core::mem::take(&mut run)));
                    }
                    got.push((Some(opt_bytes(*o)), vec![v.to_vec()]));
                }
            }
        }
        assert_eq!(got, case.opts, "{ctx}: in-order opts");
        assert_eq!(&run, want_args, "{ctx}: in-order args");
        return;
    }
    let got: Vec<Pair> = opts
        .iter()
        .map(|r| {
            let (o, v) = r.as_ref().expect(&ctx);
            (Some(opt_bytes(*o)), vec![v.to_vec()])
        })
        .collect();
    assert_eq!(got, case.opts, "{ctx}: opts");
    assert_eq!(args, *want_args, "{ctx}: args");
}

#[test]
fn every_oracle_case_matches_cpython() {
    let cases = cases();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    for case in &cases {
        check(case);
    }
    // Every message and both functions are in the corpus.
    let errors = |tail: &str| {
        cases
            .iter()
            .filter(|c| {
                c.error
                    .as_ref()
                    .is_some_and(|e| e.1.ends_with(tail.as_bytes()))
            })
            .count()
    };
    for tail in [
        "not recognized",
        "requires argument",
        "must not have an argument",
        "not a unique prefix",
    ] {
        assert!(errors(tail) > 0, "no case for {tail:?}");
    }
    assert!(cases.iter().any(|c| c.source == "rule314"));
    assert!(cases.iter().any(|c| c.func == "getopt"));
    assert!(cases.iter().any(|c| c.func == "gnu_getopt"));
}

#[test]
fn posixly_correct_means_set_and_not_empty() {
    assert!(!posixly_correct_set(None));
    assert!(!posixly_correct_set(Some(b"")));
    assert!(posixly_correct_set(Some(b"1")));
    assert!(posixly_correct_set(Some(b"no")));
}

#[test]
fn posixly_correct_override_yields_to_plus_minus_and_getopt() {
    let argv = ["x", "-a"];
    let count = |g: Getopt<'_, &[&str; 2]>| g.count();
    assert_eq!(count(gnu_getopt(&argv, "a", &[]).posixly_correct(false)), 1);
    assert_eq!(count(gnu_getopt(&argv, "a", &[]).posixly_correct(true)), 0);
    assert_eq!(count(gnu_getopt(&argv, "-a", &[]).posixly_correct(true)), 1);
    assert_eq!(
        count(gnu_getopt(&argv, "+a", &[]).posixly_correct(false)),
        0
    );
    assert_eq!(count(getopt(&argv, "a", &[]).posixly_correct(false)), 0);
}

#[test]
fn error_accessors_and_display() {
    let argv = ["-a", "--fo", "x"];
    let mut g = getopt(&argv, "a", &["foo", "fob"]);
    assert_eq!(g.next(), Some(Ok((Opt::Short('a'), &b""[..]))));
    let e = g.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotUniquePrefix);
    assert!(e.is_long());
    assert_eq!(e.opt(), b"fo");
    assert_eq!(e.msg(), "option --fo not a unique prefix");
    assert_eq!(e.msg().len(), "option --fo not a unique prefix".len());
    assert!(!e.msg().is_empty());
    assert_eq!(e.to_string(), "option --fo not a unique prefix");
    // Fused after the error.
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);

    let argv: [&[u8]; 1] = [b"-\xff"];
    let e = getopt(&argv, "a", &[]).next().unwrap().unwrap_err();
    assert_eq!(e.opt(), b"\xff");
    assert_eq!(
        e.msg().parts(),
        [&b"option -"[..], b"\xff", b" not recognized"]
    );
    assert_eq!(e.to_string(), "option -\u{FFFD} not recognized");
}

#[test]
fn opt_compares_and_prints_like_python() {
    assert_eq!(Opt::Short('x'), "-x");
    assert_eq!(Opt::Long("verbose"), "--verbose");
    assert_ne!(Opt::Long("verbose"), "-verbose");
    assert_ne!(Opt::Short('x'), "--x");
    assert_eq!(Opt::Short('é').to_string(), "-é");
    assert!(Opt::Long("a").is_long() && !Opt::Short('a').is_long());
}

#[test]
fn gnu_getopt_interleaves_without_allocating() {
    let argv = ["in", "-v", "mid", "--out", "o", "--", "-v"];
    let g = gnu_getopt(&argv, "v", &["output="]).posixly_correct(false);
    let items: Vec<_> = g.items().map(Result::unwrap).collect();
    assert_eq!(
        items,
        [
            Parsed::Arg(b"in"),
            Parsed::Opt(Opt::Short('v'), b""),
            Parsed::Arg(b"mid"),
            Parsed::Opt(Opt::Long("output"), b"o"),
            Parsed::Arg(b"-v"),
        ]
    );
    assert!(g.args().eq([&b"in"[..], b"mid", b"-v"]));
    // args() does not depend on how far the options were iterated.
    let mut partial = g.clone();
    partial.next();
    assert!(partial.args().eq(g.args()));
}

#[test]
fn getopt_args_resume_where_the_options_ended() {
    let argv = ["-a", "file", "-a"];
    let mut g = getopt(&argv, "a", &[]);
    assert!(g.args().eq([&b"file"[..], b"-a"]));
    assert_eq!(g.by_ref().count(), 1);
    assert!(g.args().eq([&b"file"[..], b"-a"]));
}

#[test]
fn args_end_at_an_error() {
    let argv = ["x", "-q", "y"];
    let g = gnu_getopt(&argv, "a", &[]).posixly_correct(false);
    assert!(g.args().eq([&b"x"[..]]));
    let last = g.items().last().unwrap();
    assert_eq!(last.unwrap_err().msg(), "option -q not recognized");
}

#[test]
fn parses_the_process_argv_type() {
    let strings = [c"prog", c"-ab", c"v", c"rest"];
    let mut ptrs: Vec<*const u8> = strings.iter().map(|s| s.as_ptr() as *const u8).collect();
    ptrs.push(core::ptr::null());
    // SAFETY: ptrs holds 4 'static C strings and a terminator.
    let mut argv = unsafe { crate::os::Args::from_raw(4, ptrs.as_ptr()) };
    argv.next();
    let g = getopt(argv, "ab:", &[]);
    let opts: Vec<_> = g.clone().map(Result::unwrap).collect();
    assert_eq!(opts, [(Opt::Short('a'), &b""[..]), (Opt::Short('b'), b"v")]);
    assert!(g.args().eq([&b"rest"[..]]));
}

/// A slow, obviously-correct model of the state machine on random input:
/// every scan ends, consumes each argument at most once, and the three
/// views agree. (The fuzz target does the same at scale.)
#[test]
fn random_command_lines_terminate_and_agree() {
    let pool: [&[u8]; 16] = [
        b"-a",
        b"-ab",
        b"-b",
        b"-bv",
        b"--",
        b"-",
        b"",
        b"--al",
        b"--alpha=1",
        b"--b",
        b"x",
        b"-\xff",
        b"--=",
        b"-:",
        b"--beta",
        b"-c",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..2000 {
        let argv: Vec<&[u8]> = (0..rand(8)).map(|_| pool[rand(pool.len())]).collect();
        let shortopts = ["ab:", "-ab:c::", "+a", "", ":a::"][rand(5)];
        let longopts: &[&str] = [&["alpha=", "all", "beta=?"][..], &[], &["", "="]][rand(3)];
        let g = if rand(2) == 0 {
            getopt(argv.as_slice(), shortopts, longopts)
        } else {
            gnu_getopt(argv.as_slice(), shortopts, longopts).posixly_correct(rand(2) == 0)
        };
        let items: Vec<_> = g.items().collect();
        let n_opts = g.clone().count();
        let n_args = g.args().count();
        assert!(items.len() <= argv.iter().map(|a| a.len().max(1)).sum::<usize>());
        assert_eq!(items.len(), n_opts + n_args, "{argv:?} {shortopts:?}");
    }
}

/// CPython 3.11's `short_has_arg` and `long_has_args`, produced by
/// tests/oracle/getopt_helpers.py.
const HELPERS: &str = include_str!("../../../tests/oracle/getopt_helpers.txt");

#[test]
fn helpers_answer_as_cpython() {
    fn shown(has_arg: HasArg) -> &'static str {
        match has_arg {
            HasArg::No => "False",
            HasArg::Required => "True",
            HasArg::Optional => "?",
        }
    }
    fn error(e: GetoptError<'_>) -> String {
        format!(
            "error: {}: {}",
            std::str::from_utf8(e.opt()).unwrap(),
            e.msg()
        )
    }
    let mut checked = 0;
    for line in HELPERS.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let ours = match f[0] {
            "short" => match super::short_has_arg(f[1].as_bytes(), f[2]) {
                Ok(h) => shown(h).to_string(),
                Err(e) => error(e),
            },
            _ => {
                let longopts: Vec<&str> = f[2].split(',').collect();
                match super::long_has_args(f[1].as_bytes(), &longopts) {
                    Ok((h, name)) => format!("{} {name}", shown(h)),
                    Err(e) => error(e),
                }
            }
        };
        assert_eq!(ours, f[3], "{line}");
        checked += 1;
    }
    assert_eq!(checked, 23);
    // Python 3.14's optional values, which 3.11 lacks.
    assert_eq!(super::short_has_arg(b"a", "a::"), Ok(HasArg::Optional));
    assert_eq!(
        super::long_has_args(b"col", &["color=?"]),
        Ok((HasArg::Optional, "color"))
    );
    // A byte that is not UTF-8 is a character no option equals.
    assert!(super::short_has_arg(b"\xff", "\u{ff}").is_err());
}
