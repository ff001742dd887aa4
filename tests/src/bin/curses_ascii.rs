//! The `curses.ascii` test program: every line of CPython's answers
//! (tests/oracle/curses_ascii.txt, made by curses_ascii.py beside it)
//! rebuilt from Strata's functions and compared byte for byte, for every
//! argument type, natively and under qemu-user. Nothing here allocates:
//! lines are parsed in place and rendered into a stack buffer.
//!
//! A failing check prints the first differing line as `# want:` and
//! `# got:` comments after its `not ok`.
#![no_std]
#![no_main]

use core::fmt::{self, Write};
use strata_core::curses::ascii::{self, AsciiArg};
use strata_core::println;
use strata_tests::Tap;

strata_core::main!(main);

const ORACLE: &str = include_str!("../../oracle/curses_ascii.txt");

fn main() -> i32 {
    let mut tap = Tap::new();
    constants(&mut tap);
    controlnames(&mut tap);
    ints(&mut tap);
    chars(&mut tap);
    spot_checks(&mut tap);
    tap.finish()
}

/// A line of text on the stack; writing past its end is an error.
struct Line {
    buf: [u8; 160],
    len: usize,
}

impl Line {
    fn new() -> Self {
        Line {
            buf: [0; 160],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("<not UTF-8>")
    }
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The fixture lines whose first word is `kind`, with their second word
/// parsed as a number.
fn fixture(kind: &'static str) -> impl Iterator<Item = (i64, &'static str)> {
    ORACLE.lines().filter_map(move |l| {
        let rest = l.strip_prefix(kind)?.strip_prefix(' ')?;
        let value = rest.split(' ').next()?.parse().ok()?;
        Some((value, l))
    })
}

/// Writes the fixture line for `c` as curses_ascii.py does; `show` writes
/// one result of ascii, ctrl or alt.
fn render<C: AsciiArg>(
    out: &mut Line,
    kind: &str,
    c: C,
    show: fn(&mut Line, C) -> fmt::Result,
) -> fmt::Result {
    let predicates: [fn(C) -> bool; 15] = [
        ascii::isalnum,
        ascii::isalpha,
        ascii::isascii,
        ascii::isblank,
        ascii::iscntrl,
        ascii::isdigit,
        ascii::isgraph,
        ascii::islower,
        ascii::isprint,
        ascii::ispunct,
        ascii::isspace,
        ascii::isupper,
        ascii::isxdigit,
        ascii::isctrl,
        ascii::ismeta,
    ];
    write!(out, "{kind} {} ", c.ctoi())?;
    for p in predicates {
        out.write_char(if p(c) { '1' } else { '0' })?;
    }
    for r in [ascii::ascii(c), ascii::ctrl(c), ascii::alt(c)] {
        out.write_char(' ')?;
        show(out, r)?;
    }
    out.write_char(' ')?;
    for b in ascii::unctrl(c).as_bytes() {
        write!(out, "{b:02x}")?;
    }
    Ok(())
}

fn show_int<C: AsciiArg>(out: &mut Line, r: C) -> fmt::Result {
    write!(out, "{}", r.ctoi())
}

fn show_char(out: &mut Line, r: char) -> fmt::Result {
    write!(out, "chr({})", u32::from(r))
}

/// Compares one rendered line against the fixture, reporting the first
/// mismatch of a check.
struct Compare {
    lines: usize,
    first_bad: Option<(&'static str, Line)>,
}

impl Compare {
    fn new() -> Self {
        Compare {
            lines: 0,
            first_bad: None,
        }
    }

    fn line(&mut self, want: &'static str, got: Line, rendered: fmt::Result) {
        self.lines += 1;
        if (rendered.is_err() || got.as_str() != want) && self.first_bad.is_none() {
            self.first_bad = Some((want, got));
        }
    }

    /// One check named `what` (with the line count appended), passing when
    /// at least `min` lines were compared and all matched.
    fn report(self, tap: &mut Tap, what: &str, min: usize) {
        let mut name = Line::new();
        let _ = write!(name, "{what} ({} lines)", self.lines);
        tap.check(name.as_str(), self.first_bad.is_none() && self.lines >= min);
        if let Some((want, got)) = self.first_bad {
            println!("# want: {want}");
            println!("# got:  {}", got.as_str());
        }
    }
}

fn constants(tap: &mut Tap) {
    use ascii::*;
    let all = [
        ("NUL", NUL),
        ("SOH", SOH),
        ("STX", STX),
        ("ETX", ETX),
        ("EOT", EOT),
        ("ENQ", ENQ),
        ("ACK", ACK),
        ("BEL", BEL),
        ("BS", BS),
        ("TAB", TAB),
        ("HT", HT),
        ("LF", LF),
        ("NL", NL),
        ("VT", VT),
        ("FF", FF),
        ("CR", CR),
        ("SO", SO),
        ("SI", SI),
        ("DLE", DLE),
        ("DC1", DC1),
        ("DC2", DC2),
        ("DC3", DC3),
        ("DC4", DC4),
        ("NAK", NAK),
        ("SYN", SYN),
        ("ETB", ETB),
        ("CAN", CAN),
        ("EM", EM),
        ("SUB", SUB),
        ("ESC", ESC),
        ("FS", FS),
        ("GS", GS),
        ("RS", RS),
        ("US", US),
        ("SP", SP),
        ("DEL", DEL),
    ];
    let wanted = || ORACLE.lines().filter(|l| l.starts_with("const "));
    let mut cmp = Compare::new();
    for (want, (name, value)) in wanted().zip(all) {
        let mut got = Line::new();
        let r = write!(got, "const {name} {value}");
        cmp.line(want, got, r);
    }
    cmp.report(tap, "constants NUL..DEL match CPython", all.len());
    tap.check(
        "exactly the constants CPython has",
        wanted().count() == all.len(),
    );
}

fn controlnames(tap: &mut Tap) {
    let mut cmp = Compare::new();
    let wanted = ORACLE.lines().filter(|l| l.starts_with("controlnames "));
    for (want, (i, name)) in wanted.zip(ascii::CONTROLNAMES.iter().enumerate()) {
        let mut got = Line::new();
        let r = write!(got, "controlnames {i} {name}");
        cmp.line(want, got, r);
    }
    cmp.report(tap, "CONTROLNAMES matches controlnames", 33);
}

fn ints(tap: &mut Tap) {
    /// Checks every fixture int that `T` can hold, passed as a `T`.
    fn as_type<T: AsciiArg + TryFrom<i64>>(tap: &mut Tap, what: &str, min: usize) {
        let mut cmp = Compare::new();
        for (v, want) in fixture("int") {
            if let Ok(c) = T::try_from(v) {
                let mut got = Line::new();
                let r = render(&mut got, "int", c, show_int);
                cmp.line(want, got, r);
            }
        }
        cmp.report(tap, what, min);
    }
    as_type::<i64>(tap, "every int matches CPython as i64", 1024 + 29);
    as_type::<i32>(tap, "every int in range matches as i32", 1024);
    as_type::<i16>(tap, "every int in range matches as i16", 1024);
    as_type::<u32>(tap, "every int in range matches as u32", 512);
    as_type::<u16>(tap, "every int in range matches as u16", 512);
    as_type::<u8>(tap, "every int in range matches as u8", 256);
}

fn chars(tap: &mut Tap) {
    let mut cmp = Compare::new();
    for (v, want) in fixture("str") {
        let mut got = Line::new();
        let r = match u32::try_from(v).ok().and_then(char::from_u32) {
            Some(c) => render(&mut got, "str", c, show_char),
            None => Err(fmt::Error),
        };
        cmp.line(want, got, r);
    }
    cmp.report(tap, "every 1-char str matches CPython as char", 512 + 13);
}

fn spot_checks(tap: &mut Tap) {
    use ascii::*;
    tap.check(
        "isalpha takes chars, bytes and ints",
        isalpha('a') && isalpha(b'a') && isalpha(97) && !isalpha('\u{e9}'),
    );
    tap.check(
        "ctrl and alt keep the argument type",
        ctrl('a') == '\x01' && ctrl(b'[') == ESC && alt('a') == '\u{e1}' && alt(-1) == -1,
    );
    let mut shown = Line::new();
    let _ = write!(
        shown,
        "{}|{:>4}|{}",
        unctrl(0x81),
        unctrl(DEL),
        unctrl(0xff)
    );
    tap.check(
        "unctrl displays !^A, ^? and !^U+009F",
        shown.as_str() == "!^A|  ^?|!^\u{9f}",
    );
}
