//! `string.Template` with Python 3.11's default pattern: `$$`,
//! `$identifier`, `${identifier}`, identifiers of ASCII letters (either
//! case, as `re.IGNORECASE` with `(?a:…)` matches them), digits and `_`,
//! not starting with a digit. `substitute`, `safe_substitute` and
//! `get_identifiers`, without a regex engine.

use super::{Error, Lookup, msg};
use alloc::string::String;
use alloc::vec::Vec;

/// One match of the pattern at a `$`.
enum Match<'a> {
    /// `$$`.
    Escaped,
    /// `$name` or `${name}`: the name and the whole match.
    Named(&'a str, &'a str),
    /// A `$` that starts nothing valid.
    Invalid,
}

fn identifier_len(s: &str) -> usize {
    let b = s.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return 0;
    }
    b.iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .unwrap_or(b.len())
}

/// Calls `f` on the text between matches and on each match, in order.
fn scan<'a, E>(
    fmt: &'a str,
    mut f: impl FnMut(&'a str, Option<(usize, Match<'a>)>) -> Result<(), E>,
) -> Result<(), E> {
    let mut pos = 0;
    while let Some(at) = fmt[pos..].find('$').map(|i| pos + i) {
        f(&fmt[pos..at], None)?;
        let rest = &fmt[at + 1..];
        let (m, len) = if rest.starts_with('$') {
            (Match::Escaped, 2)
        } else if let n @ 1.. = identifier_len(rest) {
            (Match::Named(&rest[..n], &fmt[at..at + 1 + n]), 1 + n)
        } else if let Some(inner) = rest.strip_prefix('{')
            && let n @ 1.. = identifier_len(inner)
            && inner[n..].starts_with('}')
        {
            (Match::Named(&inner[..n], &fmt[at..at + n + 3]), n + 3)
        } else {
            (Match::Invalid, 1)
        };
        f("", Some((at, m)))?;
        pos = at + len;
    }
    f(&fmt[pos..], None)
}

/// Whether `c` ends a line for `str.splitlines()`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `Template._invalid`'s message for a `$` at byte `at`.
fn invalid(fmt: &str, at: usize) -> Error {
    // Python counts in code points up to just after the `$`.
    let before = &fmt[..at + 1];
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = before.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if is_line_break(c) {
            if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                chars.next();
                line_start = i + 2;
            } else {
                line_start = i + 1;
            }
            line += 1;
        }
    }
    let col = before.chars().count() - line_start;
    Error::value_error(msg!(
        "Invalid placeholder in string: line {line}, col {col}"
    ))
}

/// `Template(fmt).substitute(mapping)`: `KeyError` for a missing name,
/// `ValueError` for a `$` that starts no placeholder.
///
/// # References
/// <https://docs.python.org/3.11/library/string.html#template-strings>
#[doc(alias = "string.Template.substitute")]
pub(crate) fn substitute<'v>(fmt: &str, lookup: &mut Lookup<'_, 'v>) -> Result<String, Error> {
    let mut out = String::with_capacity(fmt.len() + 16);
    scan(fmt, |text, m| {
        out.push_str(text);
        match m {
            None => {}
            Some((_, Match::Escaped)) => out.push('$'),
            Some((_, Match::Named(name, _))) => {
                lookup(name)
                    .ok_or_else(|| Error::key_error(name))?
                    .write_str(&mut out);
            }
            Some((at, Match::Invalid)) => return Err(invalid(fmt, at)),
        }
        Ok(())
    })?;
    Ok(out)
}

/// `Template(fmt).safe_substitute(mapping)`: a missing name or a stray
/// `$` stays as written.
#[doc(alias = "string.Template.safe_substitute")]
pub(crate) fn safe_substitute<'v>(fmt: &str, lookup: &mut Lookup<'_, 'v>) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let _ = scan(fmt, |text, m| -> Result<(), ()> {
        out.push_str(text);
        match m {
            None => {}
            Some((_, Match::Escaped)) => out.push('$'),
            Some((_, Match::Named(name, whole))) => match lookup(name) {
                Some(v) => v.write_str(&mut out),
                None => out.push_str(whole),
            },
            Some((_, Match::Invalid)) => out.push('$'),
        }
        Ok(())
    });
    out
}

/// `Template(fmt).get_identifiers()` (3.11): the names, each once, in
/// order of first use.
#[doc(alias = "string.Template.get_identifiers")]
pub(crate) fn identifiers(fmt: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    let _ = scan(fmt, |_, m| -> Result<(), ()> {
        if let Some((_, Match::Named(name, _))) = m
            && !ids.contains(&name)
        {
            ids.push(name);
        }
        Ok(())
    });
    ids
}
