//! Command-line options: Python's `getopt` module, without allocating.
//!
//! [`getopt`] and [`gnu_getopt`] follow CPython's `Lib/getopt.py` rule for
//! rule and print its exact messages (see [`GetoptError`]). Option
//! specifications are written as in Python: `"ab:c::"` for `-a`, `-b`
//! with a required value and `-c` with an optional one; `["all", "file=",
//! "color=?"]` for `--all`, `--file value` or `--file=value`, and
//! `--color`/`--color=when`. A long option may be abbreviated to any
//! prefix that starts only it; an exact name wins over longer names it
//! prefixes.
//!
//! ```
//! use strata_core::getopt::{gnu_getopt, Opt};
//!
//! let argv = ["-v", "in.txt", "--out=o.txt", "-j4", "more"];
//! let mut opts = gnu_getopt(&argv, "vj:", &["out=", "verbose"]);
//! let (mut verbose, mut jobs, mut out) = (false, &b""[..], &b""[..]);
//! for opt in &mut opts {
//!     match opt {
//!         Ok((Opt::Short('v') | Opt::Long("verbose"), _)) => verbose = true,
//!         Ok((Opt::Short('j'), value)) => jobs = value,
//!         Ok((Opt::Long("out"), value)) => out = value,
//!         Ok(_) => unreachable!("not in the specification"),
//!         Err(e) => panic!("usage: {e}"),
//!     }
//! }
//! assert!(verbose && jobs == b"4" && out == b"o.txt");
//! assert!(opts.args().eq([&b"in.txt"[..], b"more"]));
//! ```
//!
//! # What differs from Python, and why
//!
//! - **Iterators, not lists.** Python returns `(opts, args)`. A
//!   [`Getopt`] is an iterator over the `opts` pairs; [`Getopt::args`]
//!   iterates over `args`. Neither copies anything: names and values
//!   borrow from the arguments and the specification. For `gnu_getopt`,
//!   whose non-options are scattered among the options, `args()` scans
//!   the command line again and yields the non-options in order;
//!   [`Getopt::items`] gives options and non-options interleaved as they
//!   stand, which is also what Python 3.14 returns for a `shortopts`
//!   starting with `-`.
//! - **Errors are values.** Python raises and returns nothing; here the
//!   options before the bad one have already been yielded when the
//!   `Err` arrives, and iteration ends with it.
//! - **Bytes in.** Arguments are byte strings, as the kernel passes them;
//!   the specification is `&str`, as in Python. A byte sequence that is
//!   not UTF-8 counts one character per byte, exactly as Python sees argv
//!   decoded with `surrogateescape`, so `-\xff` is an unrecognized option
//!   `\xff` and never a piece of `-é`.
//! - **Python 3.14's additions** are in: optional values (`x::`,
//!   `name=?`) and the in-order mode of a leading `-` in `gnu_getopt`'s
//!   `shortopts`. The messages are the untranslated English ones (Python
//!   passes them through `gettext`).
//! - `POSIXLY_CORRECT` is read from the environment the process started
//!   with ([`crate::os::getenv`]); [`Getopt::posixly_correct`] overrides it.
//!
//! # References
//! - [getopt(3)](https://man7.org/linux/man-pages/man3/getopt.3.html)
//! - Python's [`getopt`](https://docs.python.org/3/library/getopt.html)

mod error;
mod scan;
#[cfg(test)]
mod tests;

use core::fmt;
use core::iter::FusedIterator;

pub use error::{ErrorKind, GetoptError, Msg};
pub use scan::HasArg;
use scan::{Event, Scanner, State};

/// `getopt.short_has_arg(opt, shortopts)`—whether the short option `opt`
/// (one character, without its dash) takes a value: the colons after its
/// first occurrence in `shortopts`. CPython's `option -x not recognized`
/// when `opt` is not in `shortopts`, is `:`, or is not one character
/// (a non-UTF-8 byte is a character of its own, which no option equals).
///
/// An undocumented helper of CPython's `Lib/getopt.py`, public there; the
/// parser here uses the same rule.
///
/// # References
/// - [getopt(3)](https://man7.org/linux/man-pages/man3/getopt.3.html)
pub fn short_has_arg<'o>(opt: &'o [u8], shortopts: &str) -> Result<HasArg, GetoptError<'o>> {
    let (len, ch) = scan::first_char(opt);
    let found = ch
        .filter(|_| len == opt.len())
        .and_then(|ch| scan::short_has_arg(shortopts, ch));
    found.ok_or(GetoptError::new(ErrorKind::NotRecognized, false, opt))
}

/// `getopt.long_has_args(opt, longopts)`—resolves the long option name
/// `opt` (without `--` and `=value`) against `longopts`: whether it takes
/// a value, and the full name it stands for. An exact name wins over
/// `name=` (and Python 3.14's `name=?`); otherwise `opt` must start
/// exactly one long option. CPython's `option --x not recognized` and
/// `option --x not a unique prefix` otherwise.
///
/// An undocumented helper of CPython's `Lib/getopt.py`, public there; the
/// parser here uses the same rule.
///
/// # References
/// - [getopt(3)](https://man7.org/linux/man-pages/man3/getopt.3.html)
pub fn long_has_args<'o, 'l>(
    opt: &'o [u8],
    longopts: &[&'l str],
) -> Result<(HasArg, &'l str), GetoptError<'o>> {
    scan::long_has_args(longopts, opt).map_err(|kind| GetoptError::new(kind, true, opt))
}

/// `getopt.getopt(args, shortopts, longopts)`—parses options that come
/// before the first non-option.
///
/// `args` is the command line without the program name (Python's
/// `sys.argv[1:]`). Scanning stops at the first argument that does not
/// start with `-`, at `-` alone, or after `--`; everything from there on
/// is left for [`Getopt::args`]. A leading `+` in `shortopts` has no
/// meaning here (it is an option character, as in Python).
///
/// # References
/// - [getopt(3)](https://man7.org/linux/man-pages/man3/getopt.3.html)
#[doc(alias = "getopt.getopt")]
pub fn getopt<'a, V: Argv<'a>>(
    args: V,
    shortopts: &'a str,
    longopts: &'a [&'a str],
) -> Getopt<'a, V> {
    Getopt {
        scan: Scanner::new(args, shortopts, longopts, true),
        gnu_default: false,
    }
}

/// `getopt.gnu_getopt(args, shortopts, longopts)`—parses options mixed
/// with non-options, GNU style.
///
/// Options may follow non-options; `--` still ends the options. Scanning
/// stops at the first non-option instead, as in [`getopt`], when
/// `shortopts` starts with `+` or when the environment variable
/// `POSIXLY_CORRECT` is set to a non-empty value (see
/// [`Getopt::posixly_correct`]). A leading `-` in `shortopts` asks for
/// options and non-options in order, which [`Getopt::items`] always
/// offers. The `+` or `-` is not an option character.
///
/// # References
/// - [getopt(3)](https://man7.org/linux/man-pages/man3/getopt.3.html)
#[doc(alias = "getopt.gnu_getopt")]
pub fn gnu_getopt<'a, V: Argv<'a>>(
    args: V,
    shortopts: &'a str,
    longopts: &'a [&'a str],
) -> Getopt<'a, V> {
    // A byte match and `get` rather than `strip_prefix`: less code in
    // every program that parses options.
    let rest = shortopts.get(1..).unwrap_or_default();
    let (shortopts, stop, gnu_default) = match shortopts.as_bytes().first() {
        Some(b'-') => (rest, false, false),
        Some(b'+') => (rest, true, false),
        _ => {
            let env = crate::os::getenv("POSIXLY_CORRECT");
            (shortopts, posixly_correct_set(env), true)
        }
    };
    Getopt {
        scan: Scanner::new(args, shortopts, longopts, stop),
        gnu_default,
    }
}

/// Python's test, `os.environ.get("POSIXLY_CORRECT")`: set and not empty.
fn posixly_correct_set(value: Option<&[u8]>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// A command line to parse: anything that hands out its arguments by
/// index, as byte strings.
///
/// Implemented for slices and arrays of byte strings or strings (`&[&str]`,
/// `&[&[u8]]`, `&[Vec<u8>]`, ...) and for [`crate::os::Args`], so a
/// program can parse its own command line without copying it:
///
/// ```no_run
/// let mut argv = strata_core::os::argv();
/// argv.next(); // the program name
/// for opt in strata_core::getopt::getopt(argv, "v", &[]) {
///     // ...
/// #   let _ = opt;
/// }
/// ```
pub trait Argv<'a> {
    /// The argument at `index`, or `None` past the last one.
    fn get(&self, index: usize) -> Option<&'a [u8]>;
}

impl<'a, A: AsRef<[u8]>> Argv<'a> for &'a [A] {
    fn get(&self, index: usize) -> Option<&'a [u8]> {
        <[A]>::get(self, index).map(AsRef::as_ref)
    }
}

impl<'a, A: AsRef<[u8]>, const N: usize> Argv<'a> for &'a [A; N] {
    fn get(&self, index: usize) -> Option<&'a [u8]> {
        <[A]>::get(*self, index).map(AsRef::as_ref)
    }
}

impl<'a> Argv<'a> for crate::os::Args {
    fn get(&self, index: usize) -> Option<&'a [u8]> {
        crate::os::Args::get(self, index).map(core::ffi::CStr::to_bytes)
    }
}

/// An option as Python reports it: `-x` or `--name`.
///
/// A long option is reported by its full name even when it was typed as
/// a prefix (`--verb` gives `--verbose`), without the `=` or `=?` of its
/// specification. `Display` writes Python's text, and `==` compares with
/// it: `Opt::Long("verbose") == "--verbose"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Opt<'a> {
    /// `-x`: one character of `shortopts`.
    Short(char),
    /// `--name`: a name from `longopts`.
    Long(&'a str),
}

impl Opt<'_> {
    /// Whether this is a `--name` option.
    pub fn is_long(&self) -> bool {
        matches!(self, Opt::Long(_))
    }
}

impl PartialEq<str> for Opt<'_> {
    fn eq(&self, other: &str) -> bool {
        match *self {
            Opt::Short(c) => other.strip_prefix('-') == Some(c.encode_utf8(&mut [0; 4])),
            Opt::Long(name) => other.strip_prefix("--") == Some(name),
        }
    }
}

impl PartialEq<&str> for Opt<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Display for Opt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Opt::Short(c) => write!(f, "-{c}"),
            Opt::Long(name) => write!(f, "--{name}"),
        }
    }
}

/// One item of [`Getopt::items`]: an option or a non-option, in
/// command-line order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parsed<'a> {
    /// An option and its value (empty when it has none), as [`Getopt`]
    /// yields them.
    Opt(Opt<'a>, &'a [u8]),
    /// A non-option argument.
    Arg(&'a [u8]),
}

impl<'a> From<Event<'a>> for Parsed<'a> {
    fn from(event: Event<'a>) -> Self {
        match event {
            Event::Opt(opt, value) => Parsed::Opt(opt, value),
            Event::Arg(arg) => Parsed::Arg(arg),
        }
    }
}

/// The options of a command line: Python's `opts` list, one
/// `(option, value)` pair at a time; see [`getopt`] and [`gnu_getopt`].
///
/// The value is empty for an option that takes none or whose optional
/// value was absent, as in Python. Iteration ends after the last option
/// or after the first `Err`.
#[derive(Clone, Debug)]
pub struct Getopt<'a, V> {
    scan: Scanner<'a, V>,
    /// `gnu_getopt` without `+`/`-`: the environment decides the order.
    gnu_default: bool,
}

impl<'a, V: Argv<'a>> Getopt<'a, V> {
    /// Overrides the `POSIXLY_CORRECT` environment variable for a
    /// [`gnu_getopt`]: `true` makes options stop at the first non-option.
    ///
    /// A leading `+` or `-` in `shortopts` still wins, and [`getopt`]
    /// always stops there, so for those this does nothing. Call it before
    /// iterating.
    pub fn posixly_correct(mut self, on: bool) -> Self {
        if self.gnu_default {
            self.scan.stop_at_nonoption = on;
        }
        self
    }

    /// Python's `args` list: the arguments that are not options or option
    /// values, in order.
    ///
    /// For [`getopt`] (and `gnu_getopt` when options come first) these
    /// are the arguments after the options; for `gnu_getopt` they also
    /// include the non-options found among the options, so the command
    /// line is scanned again from the start. If the command line has an
    /// error, the iterator ends where the error is.
    pub fn args(&self) -> Args<'a, V>
    where
        V: Clone,
    {
        // When options come first, a finished scan already stands at the
        // first non-option.
        let scan = if self.scan.stop_at_nonoption
            && matches!(self.scan.state, State::Rest | State::End)
            && self.scan.options_done()
        {
            self.scan.clone()
        } else {
            self.scan.restarted()
        };
        Args { scan }
    }

    /// Options and non-options interleaved, in command-line order, from
    /// the start of the command line.
    ///
    /// This is Python 3.14's result for a `gnu_getopt` whose `shortopts`
    /// starts with `-` (where each run of non-options before an option is
    /// a `(None, [args])` pair), and works in every mode. Ends after the
    /// first `Err`.
    pub fn items(&self) -> Items<'a, V>
    where
        V: Clone,
    {
        Items {
            scan: self.scan.restarted(),
        }
    }
}

impl<'a, V: Argv<'a>> Iterator for Getopt<'a, V> {
    type Item = Result<(Opt<'a>, &'a [u8]), GetoptError<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        // Non-options are skipped; past the options, nothing is scanned.
        loop {
            match self.scan.next_event(false)? {
                Ok(Event::Opt(opt, value)) => return Some(Ok((opt, value))),
                Ok(Event::Arg(_)) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<'a, V: Argv<'a>> FusedIterator for Getopt<'a, V> {}

/// The non-option arguments; see [`Getopt::args`].
#[derive(Clone, Debug)]
pub struct Args<'a, V> {
    scan: Scanner<'a, V>,
}

impl<'a, V: Argv<'a>> Iterator for Args<'a, V> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.scan.next_event(true)? {
                Ok(Event::Arg(arg)) => return Some(arg),
                Ok(Event::Opt(..)) => {}
                Err(_) => return None,
            }
        }
    }
}

impl<'a, V: Argv<'a>> FusedIterator for Args<'a, V> {}

/// Options and non-options in order; see [`Getopt::items`].
#[derive(Clone, Debug)]
pub struct Items<'a, V> {
    scan: Scanner<'a, V>,
}

impl<'a, V: Argv<'a>> Iterator for Items<'a, V> {
    type Item = Result<Parsed<'a>, GetoptError<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.scan.next_event(true)?.map(Parsed::from))
    }
}

impl<'a, V: Argv<'a>> FusedIterator for Items<'a, V> {}
