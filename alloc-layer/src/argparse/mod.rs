//! Command-line parsing with help: Python's `argparse`, in `no_std` +
//! `alloc`.
//!
//! The whole of CPython 3.11's module: options and positionals, every
//! action and `nargs`, types and choices, argument groups, mutually
//! exclusive groups, sub-commands, parents, `@file` arguments, abbreviations,
//! `parse_known_args` and the intermixed parsers; help, usage and error
//! text byte for byte as CPython prints them, wrapped to the same width
//! (`COLUMNS`, else the terminal, minus two). Python 3.13's `deprecated=`
//! is in too.
//!
//! ```
//! use strata_alloc::argparse::{Action, Arg, ArgumentParser, Nargs, Type};
//!
//! let mut parser = ArgumentParser::new().prog("sum").description("Adds numbers.");
//! parser.add_argument(Arg::new(&["numbers"]).nargs(Nargs::OneOrMore).type_(Type::int())).unwrap();
//! parser.add_argument(Arg::new(&["-v", "--verbose"]).action(Action::Count)).unwrap();
//! let ns = parser.parse_args(&["-vv", "1", "2"]).unwrap();
//! assert_eq!(ns.get::<Vec<i64>>("numbers"), Some(vec![1, 2]));
//! assert_eq!(ns.get::<i64>("verbose"), Some(2));
//!
//! let err = parser.parse_args(&["x"]).unwrap_err();
//! assert_eq!(err.to_string(), "argument numbers: invalid int value: 'x'");
//! assert_eq!(err.exit_status(), Some(2));
//! assert!(err.stderr().ends_with("sum: error: argument numbers: invalid int value: 'x'\n"));
//! ```
//!
//! A program's `main` usually calls
//! [`parse_args_or_exit`](ArgumentParser::parse_args_or_exit), which reads
//! `sys.argv[1:]` from the runtime and, as Python does, prints the help
//! and exits 0 for `-h`, prints usage and error and exits 2 for a bad
//! command line.
//!
//! # What differs from Python, and why
//!
//! - **Keyword arguments are builders.** `add_argument('-n', type=int,
//!   default=1)` is `add_argument(Arg::new(&["-n"]).type_(Type::int())
//!   .default(1))`; the constructor's keywords are methods of
//!   [`ArgumentParser`]; `formatter_class` is a [`FormatterClass`] value
//!   (the five classes as constants, combinable with `|`).
//! - **Errors are values.** Everything Python raises comes back as an
//!   [`ArgumentError`]: definition mistakes from `add_argument` (Python's
//!   `ValueError`/`TypeError`), command-line errors, and even `-h` and
//!   `--version`, whose text the error carries with the exit status Python
//!   would use. Nothing is printed and nothing exits until the caller says
//!   so ([`ArgumentError::exit`], [`ArgumentParser::parse_args_or_exit`]).
//!   With `exit_on_error(false)` every command-line error stays a plain
//!   `ArgumentError`; CPython 3.11 still exits for some of them (missing
//!   required arguments, ambiguous abbreviations, unrecognized arguments,
//!   `@file` errors), which later Pythons fixed.
//! - **Bytes in.** Arguments are bytes, as the kernel passes them; strings
//!   in the [`Namespace`] stay bytes, so a file name that is not UTF-8
//!   survives. Text shows a stray byte as Python shows the
//!   `surrogateescape` code point: `'\udcff'`.
//! - **Values** are a [`Value`] enum (`None`, `bool`, `int` as `i64`,
//!   `float`, `str`, `list`, files, and any Rust object); `int` is 64-bit,
//!   so a larger number is an invalid int. `type=` takes [`Type::int`],
//!   [`Type::float`] (both with Python's exact parsing rules), [`Type::str`],
//!   [`Type::bool`], [`Type::file`] ([`FileType`]), or a closure.
//! - **Identity.** A few places in argparse compare with `is`; Strata
//!   compares values and remembers which came from a default, which gives
//!   Python's results for everything but objects Python happens to share
//!   (equal long strings given as both `const` and `default`).
//! - **Terminal width**: [`ArgumentParser::columns`] fixes it (sub-parsers
//!   inherit it while parsing); otherwise `COLUMNS`, then the terminal on
//!   stdout, then 80, as `shutil.get_terminal_size()` decides.
//! - Not carried over: `register()` (types and actions are values here),
//!   the nested argument groups Python 3.11 deprecates, and the
//!   `UserWarning` of `parse_intermixed_args`. Text is matched in the
//!   untranslated English (Python passes it through `gettext`).
//!
//! # References
//! - Python's [`argparse`](https://docs.python.org/3.11/library/argparse.html)

/// `format!` that writes through `core::fmt` into a `String`: liballoc's
/// precompiled `alloc::fmt::format` keeps unwinding landing pads, which a
/// libc-free program has no `_Unwind_Resume` for.
macro_rules! text {
    ($($arg:tt)*) => {{
        let mut s = alloc::string::String::new();
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}

mod action;
mod error;
mod file;
mod formatter;
mod namespace;
mod number;
mod parse;
mod parser;
mod percent;
mod pystr;
mod subparsers;
#[cfg(test)]
mod tests;
mod textwrap;
mod value;

pub use action::{Action, ActionInfo, Arg, ArgumentTypeError, CustomAction, Metavar, Nargs, Type};
pub use error::{ArgumentError, ErrorKind};
pub use file::{File, FileType};
pub use formatter::FormatterClass;
pub use namespace::{AttributeError, Namespace};
pub use number::{parse_float, parse_int};
pub use parse::{KnownArgs, sys_args};
pub use parser::{
    ArgumentGroup, ArgumentParser, ConflictHandler, ConvertArgLine, MutuallyExclusiveGroup,
};
pub use subparsers::{Command, SubParsers, SubParsersAction};
pub use value::{Float, FromValue, Value};

/// `argparse.SUPPRESS`: as a `default`, the attribute is only set when the
/// argument is given; as a `help`, the argument is left out of the help;
/// as a `usage` or group title, that part is left out.
pub const SUPPRESS: &str = "==SUPPRESS==";
