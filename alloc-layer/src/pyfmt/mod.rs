//! Python's string formatting, shared by the modules that reproduce
//! Python's text byte for byte: the `%` operator ([`percent`]),
//! `str.format` and `format(value, spec)` ([`format`]), `string.Template`
//! ([`template`]), and the text they are made of: `repr()`, `ascii()`,
//! `len()` ([`text`]) and a float's `repr()` and `%e %f %g` ([`float`]).
//!
//! The operators see their operands through [`Object`], so argparse's
//! [`Value`](crate::argparse::Value), logging's records and plain Rust
//! values (`str`, `i64`, `f64`, `bool`, `()` for `None`) format alike.
//! Failures are [`Error`]s carrying the exception Python raises and its
//! `str()` text exactly.
//!
//! What differs from Python: an `int` is an `i128` at most; text is a Rust
//! `String`, so a lone surrogate (`'%c' % 0xd800`) is written as the six
//! characters `\ud800`, as argparse writes a stray byte.

// Each user takes a part: argparse the mapping form of `%`, logging all
// three styles; what one build leaves unused is not an error.
#![allow(dead_code)]

pub(crate) mod float;
pub(crate) mod format;
pub(crate) mod percent;
pub(crate) mod template;
#[cfg(test)]
mod tests;
pub(crate) mod text;

use alloc::string::String;
use core::fmt::{self, Write};

/// The widest field or longest precision formatted: a million
/// characters. Python would make longer text (and raise `MemoryError`
/// only when it cannot), but a format string from a configuration file
/// must not stall a program in a padding loop (`'%66666666s'`, found by
/// the logging_format fuzz target): past this it is `MemoryError`.
const MAX_PAD: usize = 1 << 20;

/// A width or precision, or `MemoryError` when it is past [`MAX_PAD`].
pub(crate) fn check_pad(n: usize) -> Result<usize, Error> {
    if n > MAX_PAD {
        return Err(Error {
            kind: "MemoryError",
            message: String::new(),
        });
    }
    Ok(n)
}

/// A Python object as the formatting operators see it.
pub(crate) trait Object {
    /// Appends `str(self)`.
    fn write_str(&self, out: &mut String);
    /// Appends `repr(self)`.
    fn write_repr(&self, out: &mut String);
    /// The value of an `int` or `bool` (`%d %x %c` and int format specs).
    fn int(&self) -> Option<i128> {
        None
    }
    /// The value as a float (`float.__float__`, and `int`s too: `%f` of an
    /// int).
    fn float(&self) -> Option<f64> {
        None
    }
    /// Whether this is a `float`.
    fn is_float(&self) -> bool {
        false
    }
    /// Whether this is a `str`.
    fn is_str(&self) -> bool {
        false
    }
    /// `type(self).__name__`, for error texts.
    fn type_name(&self) -> &str;
    /// Whether this is a mapping (logging takes a single mapping argument
    /// as the mapping for `%(key)s`).
    fn is_mapping(&self) -> bool {
        false
    }
}

/// A mapping's `__getitem__` as the operators call it: the value for a
/// key, `None` for a missing one (`KeyError`). Values are borrowed for
/// `'v`, the closure for `'a`.
pub(crate) type Lookup<'a, 'v> = dyn FnMut(&str) -> Option<&'v dyn Object> + 'a;

/// An exception Python would raise: its class name and `str(exc)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Error {
    /// `"TypeError"`, `"ValueError"`, `"KeyError"`, `"IndexError"` or
    /// `"OverflowError"`.
    pub kind: &'static str,
    /// `str(exc)`; a `KeyError`'s is the key's `repr()`.
    pub message: String,
}

impl Error {
    /// `TypeError(message)`.
    pub(crate) fn type_error(message: impl Into<String>) -> Self {
        Error {
            kind: "TypeError",
            message: message.into(),
        }
    }

    /// `ValueError(message)`.
    pub(crate) fn value_error(message: impl Into<String>) -> Self {
        Error {
            kind: "ValueError",
            message: message.into(),
        }
    }

    /// `OverflowError(message)`.
    pub(crate) fn overflow_error(message: impl Into<String>) -> Self {
        Error {
            kind: "OverflowError",
            message: message.into(),
        }
    }

    /// `KeyError(key)`: its text is `repr(key)`.
    pub(crate) fn key_error(key: &str) -> Self {
        let mut message = String::new();
        text::repr_str(key, &mut message);
        Error {
            kind: "KeyError",
            message,
        }
    }
}

impl fmt::Display for Error {
    /// `Kind: message`, as the last line of a traceback.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl core::error::Error for Error {}

/// Builds an error text with `format_args!` syntax.
macro_rules! msg {
    ($($arg:tt)*) => {{
        let mut s = alloc::string::String::new();
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}
pub(crate) use msg;

impl Object for str {
    fn write_str(&self, out: &mut String) {
        out.push_str(self);
    }
    fn write_repr(&self, out: &mut String) {
        text::repr_str(self, out);
    }
    fn is_str(&self) -> bool {
        true
    }
    fn type_name(&self) -> &str {
        "str"
    }
}

impl Object for String {
    fn write_str(&self, out: &mut String) {
        out.push_str(self);
    }
    fn write_repr(&self, out: &mut String) {
        text::repr_str(self, out);
    }
    fn is_str(&self) -> bool {
        true
    }
    fn type_name(&self) -> &str {
        "str"
    }
}

impl Object for &str {
    fn write_str(&self, out: &mut String) {
        out.push_str(self);
    }
    fn write_repr(&self, out: &mut String) {
        text::repr_str(self, out);
    }
    fn is_str(&self) -> bool {
        true
    }
    fn type_name(&self) -> &str {
        "str"
    }
}

impl Object for i64 {
    fn write_str(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
    fn write_repr(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
    fn int(&self) -> Option<i128> {
        Some(i128::from(*self))
    }
    fn float(&self) -> Option<f64> {
        Some(*self as f64)
    }
    fn type_name(&self) -> &str {
        "int"
    }
}

impl Object for f64 {
    fn write_str(&self, out: &mut String) {
        float::float_repr(*self, out);
    }
    fn write_repr(&self, out: &mut String) {
        float::float_repr(*self, out);
    }
    fn float(&self) -> Option<f64> {
        Some(*self)
    }
    fn is_float(&self) -> bool {
        true
    }
    fn type_name(&self) -> &str {
        "float"
    }
}

impl Object for bool {
    fn write_str(&self, out: &mut String) {
        out.push_str(if *self { "True" } else { "False" });
    }
    fn write_repr(&self, out: &mut String) {
        self.write_str(out);
    }
    fn int(&self) -> Option<i128> {
        Some(i128::from(*self))
    }
    fn float(&self) -> Option<f64> {
        Some(f64::from(u8::from(*self)))
    }
    fn type_name(&self) -> &str {
        "bool"
    }
}

impl Object for () {
    fn write_str(&self, out: &mut String) {
        out.push_str("None");
    }
    fn write_repr(&self, out: &mut String) {
        out.push_str("None");
    }
    fn type_name(&self) -> &str {
        "NoneType"
    }
}
