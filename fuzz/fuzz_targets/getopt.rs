//! Fuzzes `strata_core::getopt` against a plain model of CPython 3.14's
//! `Lib/getopt.py` that works on decoded code points, as Python does.
//!
//! Input: `MODE SHORTOPTS \0 LONGOPTS \0 ARG \0 ARG ...`, where MODE's bit 0
//! picks `gnu_getopt`, bit 1 sets POSIXLY_CORRECT, and LONGOPTS is split
//! at `\x01`. The specification is made UTF-8 lossily (the API takes
//! `&str`, as Python takes `str`); arguments stay raw bytes.
//!
//! Checks: no panic; every iterator ends, within a bound set by the input
//! size; the options, `args()` and `items()` views agree with each other
//! and with the model, errors included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::getopt::{Getopt, Parsed, getopt, gnu_getopt};

/// A Python `str` as its code points; argv bytes that are not UTF-8
/// become U+DC80..U+DCFF (`surrogateescape`).
type PyStr = Vec<u32>;

fn decode(bytes: &[u8]) -> PyStr {
    let mut out = Vec::new();
    for chunk in bytes.utf8_chunks() {
        out.extend(chunk.valid().chars().map(u32::from));
        out.extend(chunk.invalid().iter().map(|&b| 0xdc00 + u32::from(b)));
    }
    out
}

fn encode(s: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for &c in s {
        match char::from_u32(c) {
            Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            None => out.push((c - 0xdc00) as u8),
        }
    }
    out
}

fn py(s: &str) -> PyStr {
    s.chars().map(u32::from).collect()
}

fn cat(parts: &[&[u32]]) -> PyStr {
    parts.concat()
}

#[derive(Debug, PartialEq)]
enum Ev {
    Opt(Vec<u8>, Vec<u8>),
    Arg(Vec<u8>),
    Err(Vec<u8>, Vec<u8>),
}

/// CPython 3.14's getopt (`gnu == false`) or gnu_getopt, emitting options
/// and non-options in the order the scan meets them.
fn model(gnu: bool, posix: bool, shortopts: &str, longopts: &[String], argv: &[&[u8]]) -> Vec<Ev> {
    let mut short = py(shortopts);
    let longs: Vec<PyStr> = longopts.iter().map(|l| py(l)).collect();
    let args: Vec<PyStr> = argv.iter().map(|a| decode(a)).collect();
    let first = short.first().copied();
    let options_first = if !gnu {
        true
    } else if first == Some('-' as u32) {
        short.remove(0);
        false
    } else if first == Some('+' as u32) {
        short.remove(0);
        true
    } else {
        posix
    };
    let (dash, colon, eq, q) = ('-' as u32, ':' as u32, '=' as u32, '?' as u32);
    let err = |msg: PyStr, opt: &[u32]| Ev::Err(encode(opt), encode(&msg));
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if *arg == py("--") {
            out.extend(args[i..].iter().map(|a| Ev::Arg(encode(a))));
            break;
        }
        if arg.starts_with(&[dash, dash]) {
            let body = &arg[2..];
            let (name, value) = match body.iter().position(|&c| c == eq) {
                Some(p) => (&body[..p], Some(&body[p + 1..])),
                None => (body, None),
            };
            let matches: Vec<&PyStr> = longs.iter().filter(|l| l.starts_with(name)).collect();
            if matches.is_empty() {
                out.push(err(
                    cat(&[&py("option --"), name, &py(" not recognized")]),
                    name,
                ));
                return out;
            }
            let has = |s: PyStr| matches.iter().any(|m| **m == s);
            // 0: none, 1: required, 2: optional
            let (kind, full): (u8, PyStr) = if has(name.to_vec()) {
                (0, name.to_vec())
            } else if has(cat(&[name, &[eq]])) {
                (1, name.to_vec())
            } else if has(cat(&[name, &[eq, q]])) {
                (2, name.to_vec())
            } else if matches.len() > 1 {
                out.push(err(
                    cat(&[&py("option --"), name, &py(" not a unique prefix")]),
                    name,
                ));
                return out;
            } else {
                let m = matches[0];
                if m.ends_with(&[eq, q]) {
                    (2, m[..m.len() - 2].to_vec())
                } else if m.ends_with(&[eq]) {
                    (1, m[..m.len() - 1].to_vec())
                } else {
                    (0, m.clone())
                }
            };
            let value: PyStr = match (kind, value) {
                (1, None) => {
                    if i == args.len() {
                        out.push(err(
                            cat(&[&py("option --"), &full, &py(" requires argument")]),
                            &full,
                        ));
                        return out;
                    }
                    i += 1;
                    args[i - 1].clone()
                }
                (0, Some(_)) => {
                    let msg = cat(&[&py("option --"), &full, &py(" must not have an argument")]);
                    out.push(err(msg, &full));
                    return out;
                }
                (_, v) => v.unwrap_or_default().to_vec(),
            };
            out.push(Ev::Opt(
                encode(&cat(&[&[dash, dash], &full])),
                encode(&value),
            ));
        } else if arg.first() == Some(&dash) && arg.len() > 1 {
            let mut j = 1;
            while j < arg.len() {
                let c = arg[j];
                j += 1;
                let at = (c != colon)
                    .then(|| short.iter().position(|&s| s == c))
                    .flatten();
                let Some(at) = at else {
                    out.push(err(
                        cat(&[&py("option -"), &[c], &py(" not recognized")]),
                        &[c],
                    ));
                    return out;
                };
                let after = &short[at + 1..];
                if !after.starts_with(&[colon]) {
                    out.push(Ev::Opt(encode(&[dash, c]), Vec::new()));
                    continue;
                }
                let value = if after.starts_with(&[colon, colon]) || j < arg.len() {
                    arg[j..].to_vec()
                } else if i < args.len() {
                    i += 1;
                    args[i - 1].clone()
                } else {
                    out.push(err(
                        cat(&[&py("option -"), &[c], &py(" requires argument")]),
                        &[c],
                    ));
                    return out;
                };
                out.push(Ev::Opt(encode(&[dash, c]), encode(&value)));
                break;
            }
        } else if options_first {
            out.extend(args[i - 1..].iter().map(|a| Ev::Arg(encode(a))));
            break;
        } else {
            out.push(Ev::Arg(encode(arg)));
        }
    }
    out
}

fn run<'a>(
    gnu: bool,
    posix: bool,
    argv: &'a [&'a [u8]],
    short: &'a str,
    long: &'a [&'a str],
) -> Getopt<'a, &'a [&'a [u8]]> {
    if gnu {
        gnu_getopt(argv, short, long).posixly_correct(posix)
    } else {
        getopt(argv, short, long)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (gnu, posix) = (mode & 1 != 0, mode & 2 != 0);
    let mut parts = rest.split(|&b| b == 0);
    let shortopts = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let longopts: Vec<String> = match parts.next() {
        Some(l) if !l.is_empty() => l
            .split(|&b| b == 1)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect(),
        _ => Vec::new(),
    };
    let argv: Vec<&[u8]> = parts.collect();
    let long: Vec<&str> = longopts.iter().map(String::as_str).collect();
    let parse = run(gnu, posix, &argv, &shortopts, &long);

    // Every step consumes a character of a cluster or an argument.
    let bound = argv.iter().map(|a| a.len() + 1).sum::<usize>() + 1;
    let items: Vec<_> = parse.items().take(bound + 1).collect();
    assert!(items.len() <= bound, "items() does not end");
    let opts: Vec<_> = parse.clone().take(bound + 1).collect();
    assert!(opts.len() <= bound, "options do not end");
    let args: Vec<&[u8]> = parse.args().take(bound + 1).collect();
    assert!(args.len() <= bound, "args() does not end");

    let mut got = Vec::new();
    for item in &items {
        got.push(match item {
            Ok(Parsed::Opt(o, v)) => Ev::Opt(o.to_string().into_bytes(), v.to_vec()),
            Ok(Parsed::Arg(a)) => Ev::Arg(a.to_vec()),
            Err(e) => {
                let _ = e.to_string();
                Ev::Err(e.opt().to_vec(), e.msg().parts().concat())
            }
        });
    }
    assert_eq!(got, model(gnu, posix, &shortopts, &longopts, &argv));

    let opts_from_items: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Ok(Parsed::Opt(o, v)) => Some(Ok((*o, *v))),
            Ok(Parsed::Arg(_)) => None,
            Err(e) => Some(Err(*e)),
        })
        .collect();
    assert_eq!(opts, opts_from_items);
    let args_from_items: Vec<&[u8]> = items
        .iter()
        .filter_map(|i| match i {
            Ok(Parsed::Arg(a)) => Some(*a),
            _ => None,
        })
        .collect();
    assert_eq!(args, args_from_items);
    // args() after the options ran gives the same list.
    let mut done = parse.clone();
    done.by_ref().for_each(drop);
    assert!(done.args().eq(args.iter().copied()));
    assert_eq!(done.next(), None);
});
