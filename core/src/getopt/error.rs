//! `getopt.GetoptError`: what went wrong, as a value that borrows the
//! offending option name instead of formatting a message into a buffer.

use core::fmt::{self, Write as _};

/// `getopt.GetoptError`—a command line the option specification rejects.
///
/// Python's exception carries `msg` (the text shown to a user) and `opt`
/// (the option involved, without dashes). Here [`msg`](Self::msg) and
/// [`opt`](Self::opt) give the same two things; `Display` prints the
/// message, as `str(err)` does in Python.
///
/// The option name is bytes because it may come straight from `argv`: an
/// unrecognized `-\xff` reports the byte `0xff`, as Python (decoding argv
/// with `surrogateescape`) reports `'\udcff'`.
/// Python's `getopt.error` is another name for it; Strata keeps the one
/// Rust-style name (a lower-case type would break Rust's naming), which
/// the docs find under both.
#[doc(alias = "getopt.error")]
#[doc(alias = "error")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GetoptError<'a> {
    kind: ErrorKind,
    long: bool,
    opt: &'a [u8],
}

/// Which of Python's four `GetoptError` messages applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `option -x not recognized` / `option --foo not recognized`: no
    /// short option is that character, or no long option starts with the
    /// name given.
    NotRecognized,
    /// `option -x requires argument` / `option --foo requires argument`:
    /// the option takes a value and the command line ended first.
    RequiresArgument,
    /// `option --foo must not have an argument`: `--foo=value` for a long
    /// option that takes none.
    MustNotHaveArgument,
    /// `option --fo not a unique prefix`: the name given starts several
    /// long options and equals none of them.
    NotUniquePrefix,
}

impl<'a> GetoptError<'a> {
    pub(super) fn new(kind: ErrorKind, long: bool, opt: &'a [u8]) -> Self {
        GetoptError { kind, long, opt }
    }

    /// `GetoptError.msg`—Python's message, e.g. `option -x requires
    /// argument`.
    ///
    /// The result implements `Display`; [`Msg::parts`] gives its exact
    /// bytes, which matter when the option name is not UTF-8.
    pub fn msg(&self) -> Msg<'a> {
        let (head, tail) = match (self.kind, self.long) {
            (ErrorKind::NotRecognized, false) => ("option -", " not recognized"),
            (ErrorKind::NotRecognized, true) => ("option --", " not recognized"),
            (ErrorKind::RequiresArgument, false) => ("option -", " requires argument"),
            (ErrorKind::RequiresArgument, true) => ("option --", " requires argument"),
            // Python raises these two for long options only.
            (ErrorKind::MustNotHaveArgument, _) => ("option --", " must not have an argument"),
            (ErrorKind::NotUniquePrefix, _) => ("option --", " not a unique prefix"),
        };
        Msg {
            parts: [head.as_bytes(), self.opt, tail.as_bytes()],
        }
    }

    /// `GetoptError.opt`—the option involved, without dashes: `x` for
    /// `-x`; for a long option, the full name once it was resolved
    /// (`requires argument`, `must not have an argument`) and the name as
    /// typed otherwise (`not recognized`, `not a unique prefix`).
    pub fn opt(&self) -> &'a [u8] {
        self.opt
    }

    /// Which message this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Whether the option involved is a long one (`--name`).
    pub fn is_long(&self) -> bool {
        self.long
    }
}

impl fmt::Display for GetoptError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.msg().fmt(f)
    }
}

impl core::error::Error for GetoptError<'_> {}

/// The text of a [`GetoptError`]; see [`GetoptError::msg`].
///
/// `Display` writes bytes that are not UTF-8 as U+FFFD, as
/// `String::from_utf8_lossy` would; compare with `==` against `str` or
/// `[u8]`, or use [`parts`](Self::parts), for the exact bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Msg<'a> {
    parts: [&'a [u8]; 3],
}

impl<'a> Msg<'a> {
    /// The message as three byte strings to be written one after another:
    /// `option -`/`option --`, the option name, the rest.
    pub fn parts(&self) -> [&'a [u8]; 3] {
        self.parts
    }

    /// The length of the message in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }

    /// Always false: every message has text around the option name.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl PartialEq<[u8]> for Msg<'_> {
    fn eq(&self, other: &[u8]) -> bool {
        let mut rest = other;
        for part in self.parts {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

impl PartialEq<str> for Msg<'_> {
    fn eq(&self, other: &str) -> bool {
        *self == *other.as_bytes()
    }
}

impl PartialEq<&str> for Msg<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == *other.as_bytes()
    }
}

impl fmt::Display for Msg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.parts.iter().try_for_each(|p| write_lossy(f, p))
    }
}

/// Writes `bytes` as UTF-8, each invalid sequence as U+FFFD.
pub(super) fn write_lossy(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    let mut rest = bytes;
    while let (n @ 1.., c) = super::scan::utf8_char(rest) {
        f.write_char(c.unwrap_or('\u{FFFD}'))?;
        rest = rest.get(n..).unwrap_or_default();
    }
    Ok(())
}
