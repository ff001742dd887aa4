//! The `getopt` test program: a dozen representative command lines (every
//! message, clusters, optional values, gnu_getopt's intermixing, `+`,
//! POSIXLY_CORRECT, non-UTF-8 bytes), then every case of CPython's answers
//! (tests/oracle/getopt.txt, made by getopt.py beside it) replayed and
//! compared byte for byte, natively and under qemu-user. Nothing here
//! allocates: fixture fields are unescaped into stack buffers and results
//! are rendered into a stack line.
//!
//! Run it without arguments, or with non-option arguments only: it also
//! parses its own command line through `os::argv()`.
#![no_std]
#![no_main]

use core::fmt::{self, Write};
use strata_core::getopt::{
    Argv, ErrorKind, Getopt, GetoptError, HasArg, Opt, Parsed, getopt, gnu_getopt, long_has_args,
    short_has_arg,
};
use strata_core::{os, println};
use strata_tests::Tap;

strata_core::main!(main);

const ORACLE: &str = include_str!("../../oracle/getopt.txt");
const HELPERS: &str = include_str!("../../oracle/getopt_helpers.txt");

fn main() -> i32 {
    let mut tap = Tap::new();
    representative(&mut tap);
    own_argv(&mut tap);
    oracle(&mut tap);
    helpers(&mut tap);
    tap.finish()
}

/// The `(option, value)` pairs of `parse` equal `want`, and nothing else
/// (no error) came out.
fn opts_are<'a, V: Argv<'a>>(parse: Getopt<'a, V>, want: &[(Opt<'_>, &[u8])]) -> bool {
    let mut want = want.iter();
    for got in parse {
        match (got, want.next()) {
            (Ok(got), Some(w)) if got == *w => {}
            _ => return false,
        }
    }
    want.next().is_none()
}

/// The first error of `parse` has Python's message `msg` and `opt`.
fn fails_with<'a, V: Argv<'a>>(parse: Getopt<'a, V>, msg: &str, opt: &[u8]) -> bool {
    parse
        .filter_map(Result::err)
        .next()
        .is_some_and(|e| e.msg() == msg && e.opt() == opt)
}

fn representative(tap: &mut Tap) {
    let argv = ["-a", "-bval", "-b", "v2", "-ac", "file", "-a"];
    let parse = getopt(&argv, "ab:c", &[]);
    tap.check(
        "getopt: flags, -bval, -b v2, a cluster",
        opts_are(
            parse.clone(),
            &[
                (Opt::Short('a'), b""),
                (Opt::Short('b'), b"val"),
                (Opt::Short('b'), b"v2"),
                (Opt::Short('a'), b""),
                (Opt::Short('c'), b""),
            ],
        ),
    );
    tap.check(
        "getopt: stops at the first non-option",
        parse.args().eq([&b"file"[..], b"-a"]),
    );

    let argv = ["--al", "1", "--beta", "--color", "--col=no", "--", "--beta"];
    let longs = ["alpha=", "beta", "color=?"];
    let parse = getopt(&argv, "", &longs);
    tap.check(
        "long options: unique prefix, =?, -- ends them",
        opts_are(
            parse.clone(),
            &[
                (Opt::Long("alpha"), b"1"),
                (Opt::Long("beta"), b""),
                (Opt::Long("color"), b""),
                (Opt::Long("color"), b"no"),
            ],
        ) && parse.args().eq([&b"--beta"[..]]),
    );
    tap.check(
        "an exact name wins over a longer one",
        opts_are(
            getopt(&["--foo"], "", &["foobar", "foo"]),
            &[(Opt::Long("foo"), b"")],
        ),
    );
    tap.check(
        "optional short value: -c alone, -cX attached",
        opts_are(
            getopt(&["-c", "-cX"], "c::", &[]),
            &[(Opt::Short('c'), b""), (Opt::Short('c'), b"X")],
        ),
    );

    tap.check(
        "option -x not recognized",
        fails_with(getopt(&["-ax"], "a", &[]), "option -x not recognized", b"x"),
    );
    tap.check(
        "option -o requires argument",
        fails_with(
            getopt(&["-o"], "o:", &[]),
            "option -o requires argument",
            b"o",
        ),
    );
    tap.check(
        "option --file requires argument (full name)",
        fails_with(
            getopt(&["--fi"], "", &["file="]),
            "option --file requires argument",
            b"file",
        ),
    );
    tap.check(
        "option --beta must not have an argument",
        fails_with(
            getopt(&["--be=1"], "", &["beta"]),
            "option --beta must not have an argument",
            b"beta",
        ),
    );
    tap.check(
        "option --fo not a unique prefix",
        fails_with(
            getopt(&["--fo"], "", &["foo", "fob"]),
            "option --fo not a unique prefix",
            b"fo",
        ),
    );
    let e = getopt(&["--nope=1"], "", &["yes"]).find_map(Result::err);
    tap.check(
        "option --nope not recognized, as a value",
        e.is_some_and(|e| {
            e.kind() == ErrorKind::NotRecognized
                && e.is_long()
                && e.msg() == "option --nope not recognized"
        }),
    );
    let argv: [&[u8]; 2] = [b"-\xff", b"x"];
    let e = getopt(&argv, "a", &[]).find_map(Result::err);
    tap.check(
        "a non-UTF-8 byte is one unrecognized option",
        e.is_some_and(|e| e.opt() == b"\xff" && e.msg().parts()[1] == b"\xff"),
    );

    let argv = ["in", "-v", "mid", "--out", "o", "--", "-v"];
    let longs = ["output="];
    let parse = gnu_getopt(&argv, "v", &longs).posixly_correct(false);
    tap.check(
        "gnu_getopt: options after non-options",
        opts_are(
            parse.clone(),
            &[(Opt::Short('v'), b""), (Opt::Long("output"), b"o")],
        ) && parse.args().eq([&b"in"[..], b"mid", b"-v"]),
    );
    let want = [
        Parsed::Arg(b"in"),
        Parsed::Opt(Opt::Short('v'), b""),
        Parsed::Arg(b"mid"),
        Parsed::Opt(Opt::Long("output"), b"o"),
        Parsed::Arg(b"-v"),
    ];
    tap.check(
        "gnu_getopt: items() in command-line order",
        parse.items().eq(want.map(Ok)),
    );
    tap.check(
        "gnu_getopt: + and POSIXLY_CORRECT stop at a non-option",
        gnu_getopt(&argv, "+v", &longs).count() == 0
            && gnu_getopt(&argv, "v", &longs).posixly_correct(true).count() == 0
            && gnu_getopt(&argv, "+v", &longs).args().count() == argv.len(),
    );
}

fn own_argv(tap: &mut Tap) {
    let mut argv = os::argv();
    argv.next();
    if argv.clone().any(|a| a.to_bytes().starts_with(b"-")) {
        return;
    }
    let parse = gnu_getopt(argv.clone(), "", &[]);
    tap.check(
        "os::argv() parses in place",
        parse.clone().count() == 0 && parse.args().eq(argv.map(|a| a.to_bytes())),
    );
}

/// A line on the stack; writing past its end is an error.
struct Line {
    buf: [u8; 512],
    len: usize,
}

impl Line {
    fn new() -> Self {
        Line {
            buf: [0; 512],
            len: 0,
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn push(&mut self, bytes: &[u8]) -> fmt::Result {
        let end = self.len + bytes.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }

    /// Appends a tab and `bytes` escaped as getopt.py escapes them.
    fn field(&mut self, bytes: &[u8]) -> fmt::Result {
        self.push(b"\t")?;
        for &b in bytes {
            match b {
                b'\\' => self.push(b"\\\\")?,
                0x21..=0x7e => self.push(&[b])?,
                _ => write!(self, "\\x{b:02x}")?,
            }
        }
        Ok(())
    }
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes())
    }
}

/// The unescaped fields of some fixture lines, in one stack buffer.
struct Fields {
    buf: [u8; 1024],
    used: usize,
    ends: [usize; 16],
    count: usize,
}

impl Fields {
    fn new() -> Self {
        Fields {
            buf: [0; 1024],
            used: 0,
            ends: [0; 16],
            count: 0,
        }
    }

    /// Adds every field after the tag of `line`; `None` if they do not fit.
    fn add_line(&mut self, line: &str) -> Option<()> {
        for field in line.split('\t').skip(1) {
            self.add(field)?;
        }
        Some(())
    }

    fn add(&mut self, field: &str) -> Option<()> {
        let b = field.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let byte = match b[i] {
                b'\\' if b.get(i + 1) == Some(&b'\\') => {
                    i += 2;
                    b'\\'
                }
                b'\\' => {
                    let hex = core::str::from_utf8(b.get(i + 2..i + 4)?).ok()?;
                    i += 4;
                    u8::from_str_radix(hex, 16).ok()?
                }
                c => {
                    i += 1;
                    c
                }
            };
            *self.buf.get_mut(self.used)? = byte;
            self.used += 1;
        }
        *self.ends.get_mut(self.count)? = self.used;
        self.count += 1;
        Some(())
    }

    fn get(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.buf[start..self.ends[index]]
    }
}

/// Replays one fixture record; `Err` holds the fixture line that differed
/// (or the case line if the record could not be read), and `made` what
/// Strata made in its place.
fn replay(record: &'static str, made: &mut Line) -> Result<(), &'static str> {
    let mut lines = record.lines();
    let head = lines.next().unwrap_or_default();
    let header: [&str; 6] = {
        let mut f = head.split('\t');
        [(); 6].map(|_| f.next().unwrap_or_default())
    };
    let (func, env) = (header[2], header[3]);
    let long_line = lines.next().ok_or(head)?;
    let argv_line = lines.next().ok_or(head)?;

    let mut spec = Fields::new();
    spec.add(header[5]).ok_or(head)?;
    spec.add_line(long_line).ok_or(head)?;
    let mut texts = [""; 16];
    for (i, text) in texts.iter_mut().enumerate().take(spec.count) {
        *text = core::str::from_utf8(spec.get(i)).map_err(|_| head)?;
    }
    let (shortopts, longopts) = (texts[0], &texts[1..spec.count]);

    let mut args = Fields::new();
    args.add_line(argv_line).ok_or(head)?;
    let mut argv: [&[u8]; 16] = [b""; 16];
    for (i, arg) in argv.iter_mut().enumerate().take(args.count) {
        *arg = args.get(i);
    }
    let argv = &argv[..args.count];

    let parse = if func == "getopt" {
        getopt(argv, shortopts, longopts)
    } else {
        let posix = env.strip_prefix('=').is_some_and(|v| !v.is_empty());
        gnu_getopt(argv, shortopts, longopts).posixly_correct(posix)
    };

    // Python raised: nothing but the error to compare (Strata has yielded
    // the options before it, Python returned nothing).
    if let Some(error) = lines.clone().find(|l| l.starts_with("error\t")) {
        let mut line = Line::new();
        if let Some(e) = parse.items().find_map(Result::err) {
            let _ = line.push(b"error");
            let _ = line.field(e.opt());
            let _ = line.field(e.msg().parts().concat_into(&mut [0; 256]));
        }
        let same = line.bytes() == error.as_bytes();
        *made = line;
        return if same { Ok(()) } else { Err(error) };
    }

    // Render what Strata makes, line by line, in the fixture's format.
    let mut want = lines;
    let mut compare = |got: Line| {
        let want = want.next();
        let same = want.is_some_and(|w| w.as_bytes() == got.bytes());
        *made = got;
        if same {
            Ok(())
        } else {
            Err(want.unwrap_or(head))
        }
    };
    let opt_line = |o: Opt<'_>, v: &[u8]| {
        let (mut name, mut line) = (Line::new(), Line::new());
        let _ = write!(name, "{o}");
        let _ = line.push(b"opt");
        let _ = line.field(name.bytes());
        let _ = line.field(v);
        line
    };
    let in_order = func == "gnu_getopt" && shortopts.starts_with('-');
    let mut run = Line::new();
    let _ = run.push(b"args");
    let mut run_len = 0;
    for item in parse.items() {
        match item {
            Err(_) => return Err(head),
            Ok(Parsed::Arg(a)) => {
                let _ = run.field(a);
                run_len += 1;
            }
            Ok(Parsed::Opt(o, v)) => {
                if in_order && run_len > 0 {
                    let mut group = Line::new();
                    let _ = group.push(b"group");
                    let _ = group.push(&run.bytes()[b"args".len()..]);
                    compare(group)?;
                    run = Line::new();
                    let _ = run.push(b"args");
                    run_len = 0;
                }
                compare(opt_line(o, v))?;
            }
        }
    }
    if !in_order {
        // Python lists every non-option after the options.
        run = Line::new();
        let _ = run.push(b"args");
        for a in parse.args() {
            let _ = run.field(a);
        }
    }
    compare(run)?;
    match want.next() {
        None => Ok(()),
        Some(extra) => {
            *made = Line::new();
            Err(extra)
        }
    }
}

/// Joins byte strings into a stack buffer.
trait ConcatInto {
    fn concat_into<'b>(&self, buf: &'b mut [u8; 256]) -> &'b [u8];
}

impl ConcatInto for [&[u8]; 3] {
    fn concat_into<'b>(&self, buf: &'b mut [u8; 256]) -> &'b [u8] {
        let mut len = 0;
        for part in self {
            let n = part.len().min(buf.len() - len);
            buf[len..len + n].copy_from_slice(&part[..n]);
            len += n;
        }
        &buf[..len]
    }
}

fn oracle(tap: &mut Tap) {
    let (mut cases, mut first_bad) = (0, None);
    let mut records = ORACLE.split("\ncase\t");
    let first = records.next().and_then(|r| r.strip_prefix("case\t"));
    for body in first.into_iter().chain(records) {
        // Give each record its "case\t" back: it is the line reported.
        let start = body.as_ptr() as usize - ORACLE.as_ptr() as usize - "case\t".len();
        let record = &ORACLE[start..start + "case\t".len() + body.len()];
        cases += 1;
        let mut made = Line::new();
        if let Err(want) = replay(record, &mut made)
            && first_bad.is_none()
        {
            first_bad = Some((want, made));
        }
    }
    let mut name = Line::new();
    let _ = write!(name, "every oracle case matches CPython ({cases} cases)");
    tap.check(
        core::str::from_utf8(name.bytes()).unwrap_or("oracle"),
        first_bad.is_none() && cases >= 150,
    );
    if let Some((want, got)) = first_bad {
        println!("# want: {want}");
        println!(
            "# got:  {}",
            core::str::from_utf8(got.bytes()).unwrap_or("<not UTF-8>")
        );
    }
}

/// CPython's `short_has_arg` and `long_has_args` answers
/// (tests/oracle/getopt_helpers.txt) rendered the way the script prints
/// them, on the stack.
fn helpers(tap: &mut Tap) {
    fn shown(h: HasArg) -> &'static str {
        match h {
            HasArg::No => "False",
            HasArg::Required => "True",
            HasArg::Optional => "?",
        }
    }
    fn error(line: &mut Line, e: GetoptError<'_>) {
        let _ = line.push(b"error: ");
        let _ = line.push(e.opt());
        let _ = write!(line, ": {}", e.msg());
    }
    let (mut cases, mut bad) = (0, 0);
    for record in HELPERS.lines() {
        let mut f = record.split('\t');
        let (kind, opt, spec, want) = (f.next(), f.next(), f.next(), f.next());
        let (Some(kind), Some(opt), Some(spec), Some(want)) = (kind, opt, spec, want) else {
            bad += 1;
            continue;
        };
        let mut made = Line::new();
        if kind == "short" {
            match short_has_arg(opt.as_bytes(), spec) {
                Ok(h) => drop(made.push(shown(h).as_bytes())),
                Err(e) => error(&mut made, e),
            }
        } else {
            let mut longopts = [""; 8];
            let mut n = 0;
            for (slot, name) in longopts.iter_mut().zip(spec.split(',')) {
                *slot = name;
                n += 1;
            }
            match long_has_args(opt.as_bytes(), &longopts[..n]) {
                Ok((h, name)) => drop(write!(made, "{} {name}", shown(h))),
                Err(e) => error(&mut made, e),
            }
        }
        cases += 1;
        if made.bytes() != want.as_bytes() {
            bad += 1;
            println!(
                "# {record}: got {}",
                core::str::from_utf8(made.bytes()).unwrap_or("?")
            );
        }
    }
    tap.check(
        "short_has_arg and long_has_args answer as CPython",
        cases == 23 && bad == 0,
    );
}
