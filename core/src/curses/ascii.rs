//! ASCII names and character classes: Python's `curses.ascii` module.
//!
//! The constants name the control characters (`NUL` … `US`, `SP`, `DEL`),
//! [`CONTROLNAMES`] gives their mnemonics by code, and the functions test
//! and convert characters the way `curses.ascii` does, which is not always
//! the way `<ctype.h>` does: every test looks at the whole value, so 0xe9
//! is not alphabetic and `isascii(-1)` is false.
//!
//! Python's functions take "ints and chars": an `int`, or a one-character
//! `str`. Here they take any [`AsciiArg`]: `u8`, `u16`, `u32`, `i16`,
//! `i32`, `i64` (Python's `int`) and `char` (a one-character `str`). So
//! `isalpha('a')`, `isalpha(b'a')` and `isalpha(97)` all hold, and
//! [`ascii`], [`ctrl`] and [`alt`] return the type they were given, as
//! Python returns an `int` for an `int` and a `str` for a `str`.
//!
//! ```
//! use strata_core::curses::ascii::{ESC, alt, ctrl, isalpha, unctrl};
//!
//! assert!(isalpha('a') && isalpha(b'a') && isalpha(97));
//! assert_eq!(ctrl('['), '\x1b');
//! assert_eq!(ctrl(b'['), ESC);
//! assert_eq!(alt(b'a'), 0xe1);
//! assert_eq!(unctrl(0x81), "!^A");
//! ```
//!
//! Every result equals CPython 3.11's for every value the argument type can
//! hold (`tests/oracle/curses_ascii.py` records CPython's answers). That
//! includes Python's quirks: values above 127 and negative values go
//! through the same comparisons and masks as Python's unbounded ints, so
//! `ascii(-1)` is 127, `alt(-1)` is -1, and `unctrl(0xff)` is `"!^\u{9f}"`
//! (the low seven bits are 0x7f but the value is not 127, so Python's
//! `"^" + chr(0x7f + 0x20)` branch runs).
//!
//! Differences from Python, and why:
//! - The argument is typed. A multi-character string, which Python
//!   rejects at run time with `TypeError`, does not compile; nor does a
//!   lone surrogate, which a Python `str` can hold and a `char` cannot.
//!   `i8` is left out because `alt` sets 0x80, which an `i8` cannot hold
//!   as Python means it; `u64`, `usize` and `isize` are left out because
//!   the comparisons run on `i64` (cast first).
//! - [`unctrl`] returns an [`Unctrl`], a `Copy` value of at most four
//!   UTF-8 bytes that derefs to `str`, since this layer never allocates.
//! - `controlnames` is the constant array [`CONTROLNAMES`], after Rust's
//!   naming of constants.
//! - The functions are not `const fn`: they are generic over a trait, and
//!   stable Rust cannot call trait methods in a `const fn`. The constants,
//!   [`CONTROLNAMES`] and [`Unctrl::as_str`] are usable in constants.
//!
//! # References
//! - Python's [`curses.ascii`](https://docs.python.org/3.11/library/curses.ascii.html)
//! - [ascii(7)](https://man7.org/linux/man-pages/man7/ascii.7.html)
//! - [isalpha(3)](https://man7.org/linux/man-pages/man3/isalpha.3.html)
//! - [unctrl(3X)](https://invisible-island.net/ncurses/man/unctrl.3x.html)

use core::{fmt, ops::Deref};

macro_rules! constants {
    ($($name:ident = $value:literal, $caret:literal, $what:literal;)*) => {
        $(
            #[doc = concat!(
                "`curses.ascii.", stringify!($name), "` (", stringify!($value),
                ", `", $caret, "`): ", $what, "."
            )]
            pub const $name: u8 = $value;
        )*
    };
}

constants! {
    NUL = 0x00, "^@", "null";
    SOH = 0x01, "^A", "start of heading, console interrupt";
    STX = 0x02, "^B", "start of text";
    ETX = 0x03, "^C", "end of text";
    EOT = 0x04, "^D", "end of transmission";
    ENQ = 0x05, "^E", "enquiry, goes with `ACK` flow control";
    ACK = 0x06, "^F", "acknowledgement";
    BEL = 0x07, "^G", "bell";
    BS = 0x08, "^H", "backspace";
    TAB = 0x09, "^I", "tab";
    HT = 0x09, "^I", "horizontal tab, the same as `TAB`";
    LF = 0x0a, "^J", "line feed";
    NL = 0x0a, "^J", "new line, the same as `LF`";
    VT = 0x0b, "^K", "vertical tab";
    FF = 0x0c, "^L", "form feed";
    CR = 0x0d, "^M", "carriage return";
    SO = 0x0e, "^N", "shift out, begin the alternate character set";
    SI = 0x0f, "^O", "shift in, resume the default character set";
    DLE = 0x10, "^P", "data-link escape";
    DC1 = 0x11, "^Q", "XON, for flow control";
    DC2 = 0x12, "^R", "device control 2, block-mode flow control";
    DC3 = 0x13, "^S", "XOFF, for flow control";
    DC4 = 0x14, "^T", "device control 4";
    NAK = 0x15, "^U", "negative acknowledgement";
    SYN = 0x16, "^V", "synchronous idle";
    ETB = 0x17, "^W", "end of transmission block";
    CAN = 0x18, "^X", "cancel";
    EM = 0x19, "^Y", "end of medium";
    SUB = 0x1a, "^Z", "substitute";
    ESC = 0x1b, "^[", "escape";
    FS = 0x1c, "^\\", "file separator";
    GS = 0x1d, "^]", "group separator";
    RS = 0x1e, "^^", "record separator, block-mode terminator";
    US = 0x1f, "^_", "unit separator";
    SP = 0x20, "space", "space";
    DEL = 0x7f, "^?", "delete";
}

/// `curses.ascii.controlnames`—the mnemonic of each code 0 to 32:
/// `CONTROLNAMES[0]` is `"NUL"`, `CONTROLNAMES[32]` is `"SP"`.
///
/// Code 9 is `"HT"` and code 10 is `"LF"`, as in Python, not the aliases
/// `TAB` and `NL`. There is no entry for `DEL`.
#[doc(alias = "controlnames")]
pub const CONTROLNAMES: [&str; 33] = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", //
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", //
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", //
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US", //
    "SP",
];

/// What the functions of this module accept: Python's "ints and chars".
///
/// Implemented for `u8`, `u16`, `u32`, `i16`, `i32`, `i64` (a Python
/// `int`) and `char` (a one-character Python `str`). Sealed: the functions
/// rely on each type's arithmetic matching Python's, which the crate checks
/// against CPython for these types only.
pub trait AsciiArg: sealed::Sealed {
    /// Python's `curses.ascii._ctoi(c)`—the value every test compares: the
    /// integer itself, or the code point of a character.
    fn ctoi(self) -> i64;
}

mod sealed {
    /// The conversions that give back the argument's own type.
    pub trait Sealed: Copy {
        /// `c & mask` for a mask below 0x80, in `c`'s type.
        fn and(self, mask: u8) -> Self;
        /// `c | bits`, in `c`'s type.
        fn or(self, bits: u8) -> Self;
    }
}

macro_rules! integer_args {
    ($($t:ty),*) => {$(
        impl AsciiArg for $t {
            fn ctoi(self) -> i64 {
                i64::from(self)
            }
        }

        // Both results fit every one of these types (0x80 is why `i8` is
        // not among them), and on a negative value two's complement `&`
        // and `|` give what Python's unbounded ints give.
        impl sealed::Sealed for $t {
            fn and(self, mask: u8) -> Self {
                self & <$t>::from(mask)
            }
            fn or(self, bits: u8) -> Self {
                self | <$t>::from(bits)
            }
        }
    )*};
}

integer_args!(u8, u16, u32, i16, i32, i64);

impl AsciiArg for char {
    fn ctoi(self) -> i64 {
        i64::from(u32::from(self))
    }
}

impl sealed::Sealed for char {
    fn and(self, mask: u8) -> Self {
        char::from((u32::from(self) & u32::from(mask)) as u8)
    }
    fn or(self, bits: u8) -> Self {
        // Setting bit 7 neither leaves U+10FFFF's range nor reaches the
        // surrogates (bits 11-15 decide those), so this never falls back.
        char::from_u32(u32::from(self) | u32::from(bits)).unwrap_or(self)
    }
}

const fn is_print(c: i64) -> bool {
    32 <= c && c <= 126
}

/// `curses.ascii.isalnum(c)`—Checks for an ASCII letter or digit:
/// `isalpha(c) or isdigit(c)`.
#[doc(alias = "curses.ascii.isalnum")]
pub fn isalnum<C: AsciiArg>(c: C) -> bool {
    isalpha(c) || isdigit(c)
}

/// `curses.ascii.isalpha(c)`—Checks for an ASCII letter:
/// `isupper(c) or islower(c)`.
#[doc(alias = "curses.ascii.isalpha")]
pub fn isalpha<C: AsciiArg>(c: C) -> bool {
    isupper(c) || islower(c)
}

/// `curses.ascii.isascii(c)`—Checks for a value in the ASCII range,
/// 0 to 127.
#[doc(alias = "curses.ascii.isascii")]
pub fn isascii<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 0..=127)
}

/// `curses.ascii.isblank(c)`—Checks for a space or a horizontal tab.
#[doc(alias = "curses.ascii.isblank")]
pub fn isblank<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 9 | 32)
}

/// `curses.ascii.iscntrl(c)`—Checks for an ASCII control character:
/// 0 to 31, or 127.
#[doc(alias = "curses.ascii.iscntrl")]
pub fn iscntrl<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 0..=31 | 127)
}

/// `curses.ascii.isdigit(c)`—Checks for an ASCII decimal digit, `'0'` to
/// `'9'`.
#[doc(alias = "curses.ascii.isdigit")]
pub fn isdigit<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 48..=57)
}

/// `curses.ascii.isgraph(c)`—Checks for a printable ASCII character other
/// than space: 33 to 126.
#[doc(alias = "curses.ascii.isgraph")]
pub fn isgraph<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 33..=126)
}

/// `curses.ascii.islower(c)`—Checks for an ASCII lower-case letter.
#[doc(alias = "curses.ascii.islower")]
pub fn islower<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 97..=122)
}

/// `curses.ascii.isprint(c)`—Checks for a printable ASCII character,
/// space included: 32 to 126.
#[doc(alias = "curses.ascii.isprint")]
pub fn isprint<C: AsciiArg>(c: C) -> bool {
    is_print(c.ctoi())
}

/// `curses.ascii.ispunct(c)`—Checks for a printable ASCII character that
/// is neither a space nor alphanumeric: `isgraph(c) and not isalnum(c)`.
#[doc(alias = "curses.ascii.ispunct")]
pub fn ispunct<C: AsciiArg>(c: C) -> bool {
    isgraph(c) && !isalnum(c)
}

/// `curses.ascii.isspace(c)`—Checks for ASCII white space: space, tab,
/// line feed, vertical tab, form feed, carriage return.
#[doc(alias = "curses.ascii.isspace")]
pub fn isspace<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 9..=13 | 32)
}

/// `curses.ascii.isupper(c)`—Checks for an ASCII upper-case letter.
#[doc(alias = "curses.ascii.isupper")]
pub fn isupper<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 65..=90)
}

/// `curses.ascii.isxdigit(c)`—Checks for an ASCII hexadecimal digit:
/// `'0'` to `'9'`, `'A'` to `'F'`, `'a'` to `'f'`.
#[doc(alias = "curses.ascii.isxdigit")]
pub fn isxdigit<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 48..=57 | 65..=70 | 97..=102)
}

/// `curses.ascii.isctrl(c)`—Checks for an ASCII control character below
/// 32; unlike [`iscntrl`], `DEL` is not one.
#[doc(alias = "curses.ascii.isctrl")]
pub fn isctrl<C: AsciiArg>(c: C) -> bool {
    matches!(c.ctoi(), 0..=31)
}

/// `curses.ascii.ismeta(c)`—Checks for a value above 127 (any of them,
/// not only 128 to 255; negative values are not).
#[doc(alias = "curses.ascii.ismeta")]
pub fn ismeta<C: AsciiArg>(c: C) -> bool {
    c.ctoi() > 127
}

/// `curses.ascii.ascii(c)`—The ASCII value of `c`: its low seven bits, in
/// `c`'s own type (`ascii(0xc1) == 0x41`, `ascii('\u{e9}') == 'i'`).
#[doc(alias = "curses.ascii.ascii")]
pub fn ascii<C: AsciiArg>(c: C) -> C {
    c.and(0x7f)
}

/// `curses.ascii.ctrl(c)`—The control character that goes with `c`: its
/// low five bits, in `c`'s own type (`ctrl('a') == '\x01'`,
/// `ctrl(b'[') == ESC`).
#[doc(alias = "curses.ascii.ctrl")]
pub fn ctrl<C: AsciiArg>(c: C) -> C {
    c.and(0x1f)
}

/// `curses.ascii.alt(c)`—`c` with bit 7 set, as a terminal's meta key
/// sends it, in `c`'s own type (`alt(b'a') == 0xe1`, `alt('a') == 'á'`).
#[doc(alias = "curses.ascii.alt")]
pub fn alt<C: AsciiArg>(c: C) -> C {
    c.or(0x80)
}

/// `curses.ascii.unctrl(c)`—A printable form of `c`: the character itself
/// if it is printable, `^` and a letter for a control character (`"^A"`),
/// `"^?"` for `DEL`, and a leading `!` when bit 7 is set (`"!a"`, `"!^A"`).
///
/// Exactly Python's rules, which look only at the low eight bits except
/// that `"^?"` needs the value to be 127 itself: 255, 383 or -1 give
/// `^` followed by U+009F, as Python does. The result is an [`Unctrl`],
/// which derefs to `str` and implements `Display`.
///
/// # References
/// - [unctrl(3X)](https://invisible-island.net/ncurses/man/unctrl.3x.html)
#[doc(alias = "curses.ascii.unctrl")]
pub fn unctrl<C: AsciiArg>(c: C) -> Unctrl {
    Unctrl::new(c.ctoi())
}

/// The text [`unctrl`] returns: one to four bytes of UTF-8, kept inline.
///
/// Python returns a `str`; this derefs to `str` and implements `Display`
/// (honouring width and alignment, as Python's `format` does) without
/// allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unctrl {
    bytes: [u8; 4],
    len: u8,
}

impl Unctrl {
    const fn new(bits: i64) -> Self {
        let mut out = Unctrl {
            bytes: [0; 4],
            len: 0,
        };
        if bits & 0x80 != 0 {
            out = out.push(b'!');
        }
        // Both casts keep at most seven bits.
        let low = (bits & 0x7f) as u8;
        if bits == 0x7f {
            out.push(b'^').push(b'?')
        } else if is_print(low as i64) {
            out.push(low)
        } else {
            // Python's chr(((bits & 0x7f) | 0x20) + 0x20): '@' to '_' for
            // the codes below 32, U+009F for the low bits 0x7f.
            let shown = (low | 0x20) + 0x20;
            out = out.push(b'^');
            if shown < 0x80 {
                out.push(shown)
            } else {
                out.push(0xc0 | shown >> 6).push(0x80 | (shown & 0x3f))
            }
        }
    }

    /// Appends a byte; [`Unctrl::new`] never writes more than four.
    const fn push(mut self, byte: u8) -> Self {
        if (self.len as usize) < self.bytes.len() {
            self.bytes[self.len as usize] = byte;
            self.len += 1;
        }
        self
    }

    /// The text, as Python's `unctrl` returns it.
    pub const fn as_str(&self) -> &str {
        // `new` writes ASCII and whole two-byte sequences only, so the
        // fallback is never taken.
        match core::str::from_utf8(self.as_bytes()) {
            Ok(text) => text,
            Err(_) => "",
        }
    }

    /// The text's UTF-8 bytes.
    pub const fn as_bytes(&self) -> &[u8] {
        self.bytes.split_at(self.len as usize).0
    }
}

impl Deref for Unctrl {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Unctrl {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Unctrl {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Unctrl {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Unctrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Unctrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;
    use std::string::String;

    /// CPython 3.11's answers, produced by tests/oracle/curses_ascii.py;
    /// its docstring gives the line format.
    const ORACLE: &str = include_str!("../../../tests/oracle/curses_ascii.txt");

    /// One fixture line for `c`, as the oracle script writes it; `show`
    /// renders a result of ascii, ctrl and alt.
    fn line<C: AsciiArg>(kind: &str, c: C, show: fn(C) -> String) -> String {
        let predicates: [fn(C) -> bool; 15] = [
            isalnum, isalpha, isascii, isblank, iscntrl, isdigit, isgraph, islower, isprint,
            ispunct, isspace, isupper, isxdigit, isctrl, ismeta,
        ];
        let mut out = std::format!("{kind} {} ", c.ctoi());
        for p in predicates {
            out.push(if p(c) { '1' } else { '0' });
        }
        for r in [ascii(c), ctrl(c), alt(c)] {
            write!(out, " {}", show(r)).unwrap();
        }
        out.push(' ');
        for b in unctrl(c).as_bytes() {
            write!(out, "{b:02x}").unwrap();
        }
        out
    }

    fn int_line<C: AsciiArg>(c: C) -> String {
        line("int", c, |r| std::format!("{}", r.ctoi()))
    }

    fn fixture(kind: &str) -> impl Iterator<Item = (i64, &'static str)> {
        ORACLE.lines().filter_map(move |l| {
            let rest = l.strip_prefix(kind)?.strip_prefix(' ')?;
            Some((rest.split(' ').next()?.parse().unwrap(), l))
        })
    }

    #[test]
    fn every_int_matches_cpython_in_every_type_that_holds_it() {
        let (mut lines, mut checks) = (0, 0);
        for (v, want) in fixture("int") {
            let mut check = |got: Option<String>| {
                if let Some(got) = got {
                    assert_eq!(got, want);
                    checks += 1;
                }
            };
            check(Some(int_line(v)));
            check(i32::try_from(v).ok().map(int_line));
            check(i16::try_from(v).ok().map(int_line));
            check(u32::try_from(v).ok().map(int_line));
            check(u16::try_from(v).ok().map(int_line));
            check(u8::try_from(v).ok().map(int_line));
            lines += 1;
        }
        assert_eq!(lines, 1024 + 29);
        assert!(checks > 4 * 1024);
    }

    #[test]
    fn every_char_matches_cpython() {
        let mut lines = 0;
        for (v, want) in fixture("str") {
            let c = char::from_u32(v as u32).unwrap();
            let got = line("str", c, |r| std::format!("chr({})", u32::from(r)));
            assert_eq!(got, want);
            lines += 1;
        }
        assert_eq!(lines, 512 + 13);
    }

    #[test]
    fn constants_and_controlnames_match_cpython() {
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
        let want: std::vec::Vec<_> = ORACLE.lines().filter(|l| l.starts_with("const ")).collect();
        let got: std::vec::Vec<_> = all
            .iter()
            .map(|(name, value)| std::format!("const {name} {value}"))
            .collect();
        assert_eq!(got, want);

        let want: std::vec::Vec<_> = ORACLE
            .lines()
            .filter(|l| l.starts_with("controlnames "))
            .collect();
        let got: std::vec::Vec<_> = CONTROLNAMES
            .iter()
            .enumerate()
            .map(|(i, name)| std::format!("controlnames {i} {name}"))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn results_keep_the_argument_type() {
        assert_eq!(ascii('\u{e9}'), 'i');
        assert_eq!(ctrl('a'), '\x01');
        assert_eq!(ctrl(b'['), ESC);
        assert_eq!(alt('a'), '\u{e1}');
        assert_eq!(alt(b'a'), 0xe1_u8);
        assert_eq!(alt(-1_i32), -1);
        assert_eq!(alt(i16::MIN), i16::MIN | 0x80);
        assert_eq!(ascii(-1_i64), 127);
        assert_eq!(alt('\u{10ffff}'), '\u{10ffff}');
        assert_eq!(alt('\u{d77f}'), '\u{d7ff}');
        assert!(isalpha('a') && isalpha(97) && isalpha(b'a') && !isalpha('\u{e9}'));
    }

    #[test]
    fn unctrl_text_display_and_debug() {
        assert_eq!(unctrl(1), "^A");
        assert_eq!(unctrl(0x81), "!^A");
        assert_eq!(unctrl(DEL), "^?");
        assert_eq!(unctrl(0xe1_u32), "!a");
        assert_eq!(unctrl(0xff), "!^\u{9f}");
        assert_eq!(unctrl(0xff).as_bytes(), b"!^\xc2\x9f");
        assert_eq!(unctrl('x').len(), 1);
        assert_eq!(std::format!("[{:>4}]", unctrl(ESC)), "[  ^[]");
        assert_eq!(std::format!("{:?}", unctrl(0x80)), "\"!^@\"");
        // Built and read at compile time.
        static CARET_AT: Unctrl = Unctrl::new(0);
        static TEXT: &str = CARET_AT.as_str();
        assert_eq!(TEXT, "^@");
        assert_eq!(unctrl(NUL), CARET_AT);
    }
}
