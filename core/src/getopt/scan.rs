//! The scanner: CPython's `getopt`, `gnu_getopt`, `do_longs`,
//! `long_has_args`, `do_shorts` and `short_has_arg`, turned into a state
//! machine that hands out one option or one non-option at a time.
//!
//! Every step consumes at least one byte of a short-option cluster or one
//! argument, so a scan always ends.

use super::error::{ErrorKind, GetoptError};
use super::{Argv, Opt};

/// One step of a scan: an option with its value, or a non-option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Event<'a> {
    Opt(Opt<'a>, &'a [u8]),
    Arg(&'a [u8]),
}

/// Where a scan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// Looking at each argument to tell options from non-options.
    Options,
    /// Everything from `pos` on is a non-option (after `--`, or after the
    /// first non-option when options must come first).
    Rest,
    /// The arguments are used up.
    End,
    /// An error was reported; nothing follows.
    Failed,
}

/// Whether an option takes a value: what CPython's [`short_has_arg`] and
/// [`long_has_args`](super::long_has_args) answer (`False`, `True`, and
/// Python 3.14's `'?'`).
///
/// [`short_has_arg`]: super::short_has_arg
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HasArg {
    /// `False`: no value.
    No,
    /// `True`: a value, attached or the next argument.
    Required,
    /// Python 3.14's `x::` and `name=?` (`'?'`): the value only if it is
    /// attached.
    Optional,
}

#[derive(Clone, Debug)]
pub(super) struct Scanner<'a, V> {
    argv: V,
    shortopts: &'a str,
    longopts: &'a [&'a str],
    /// Python's `all_options_first` (always true for plain `getopt`).
    pub(super) stop_at_nonoption: bool,
    pos: usize,
    /// The short-option cluster being read (`-abc`): the argument and the
    /// offset of its next option character.
    cluster: Option<(&'a [u8], usize)>,
    pub(super) state: State,
}

impl<'a, V: Argv<'a>> Scanner<'a, V> {
    pub(super) fn new(
        argv: V,
        shortopts: &'a str,
        longopts: &'a [&'a str],
        stop_at_nonoption: bool,
    ) -> Self {
        Scanner {
            argv,
            shortopts,
            longopts,
            stop_at_nonoption,
            pos: 0,
            cluster: None,
            state: State::Options,
        }
    }

    /// The same scan, back at the first argument.
    pub(super) fn restarted(&self) -> Self
    where
        V: Clone,
    {
        Scanner::new(
            self.argv.clone(),
            self.shortopts,
            self.longopts,
            self.stop_at_nonoption,
        )
    }

    /// True when no option can follow: only non-options (or nothing) are
    /// left.
    pub(super) fn options_done(&self) -> bool {
        self.cluster.is_none() && self.state != State::Options
    }

    /// The next option or non-option, in command-line order. With
    /// `through_rest` false, stops (returning `None`, consuming nothing)
    /// where only non-options are left.
    pub(super) fn next_event(
        &mut self,
        through_rest: bool,
    ) -> Option<Result<Event<'a>, GetoptError<'a>>> {
        let step = self.step(through_rest)?;
        if step.is_err() {
            self.state = State::Failed;
            self.cluster = None;
        }
        Some(step)
    }

    fn step(&mut self, through_rest: bool) -> Option<Result<Event<'a>, GetoptError<'a>>> {
        if let Some((arg, offset)) = self.cluster {
            return Some(self.short(arg, offset));
        }
        loop {
            match self.state {
                State::End | State::Failed => return None,
                State::Rest if !through_rest => return None,
                State::Rest => {
                    let Some(arg) = self.argv.get(self.pos) else {
                        self.state = State::End;
                        return None;
                    };
                    self.pos += 1;
                    return Some(Ok(Event::Arg(arg)));
                }
                State::Options => {}
            }
            let Some(arg) = self.argv.get(self.pos) else {
                self.state = State::End;
                return None;
            };
            // Slice patterns rather than `strip_prefix` and `==`: no calls,
            // less code in every program that parses options.
            match arg {
                [b'-', b'-'] => {
                    self.pos += 1;
                    self.state = State::Rest;
                    continue;
                }
                [b'-', b'-', body @ ..] => {
                    self.pos += 1;
                    return Some(self.long(body));
                }
                [b'-', _, ..] => {
                    self.pos += 1;
                    return Some(self.short(arg, 1));
                }
                _ => {}
            }
            if self.stop_at_nonoption {
                self.state = State::Rest;
                continue;
            }
            self.pos += 1;
            return Some(Ok(Event::Arg(arg)));
        }
    }

    /// The value an option takes from the next argument (`-o value`,
    /// `--name value`).
    fn next_arg(&mut self) -> Option<&'a [u8]> {
        let arg = self.argv.get(self.pos)?;
        self.pos += 1;
        Some(arg)
    }

    /// `do_shorts`, one option character at a time. `offset` is inside
    /// `arg`.
    fn short(&mut self, arg: &'a [u8], offset: usize) -> Result<Event<'a>, GetoptError<'a>> {
        let rest = arg.get(offset..).unwrap_or_default();
        let (len, ch) = first_char(rest);
        let (unit, after) = rest.split_at_checked(len).unwrap_or((rest, b""));
        self.cluster = (!after.is_empty()).then_some((arg, offset + len));
        let found = ch.and_then(|ch| Some((ch, short_has_arg(self.shortopts, ch)?)));
        let Some((ch, has_arg)) = found else {
            return Err(GetoptError::new(ErrorKind::NotRecognized, false, unit));
        };
        let value: &'a [u8] = match has_arg {
            HasArg::No => b"",
            // The value is the rest of the cluster, even when empty...
            HasArg::Optional => after,
            HasArg::Required if !after.is_empty() => after,
            // ...or, for a required one, the next argument.
            HasArg::Required => {
                self.next_arg()
                    .ok_or(GetoptError::new(ErrorKind::RequiresArgument, false, unit))?
            }
        };
        if has_arg != HasArg::No {
            self.cluster = None;
        }
        Ok(Event::Opt(Opt::Short(ch), value))
    }

    /// `do_longs`: `body` is the argument without its `--`.
    fn long(&mut self, body: &'a [u8]) -> Result<Event<'a>, GetoptError<'a>> {
        let (name, attached) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => (body.get(..eq).unwrap_or_default(), body.get(eq + 1..)),
            None => (body, None),
        };
        let (has_arg, full) = long_has_args(self.longopts, name)
            .map_err(|kind| GetoptError::new(kind, true, name))?;
        let error = |kind| GetoptError::new(kind, true, full.as_bytes());
        let value: &'a [u8] = match (has_arg, attached) {
            (HasArg::No, None) => b"",
            (HasArg::No, Some(_)) => return Err(error(ErrorKind::MustNotHaveArgument)),
            (HasArg::Optional, attached) => attached.unwrap_or_default(),
            (HasArg::Required, Some(value)) => value,
            (HasArg::Required, None) => {
                self.next_arg().ok_or(error(ErrorKind::RequiresArgument))?
            }
        };
        Ok(Event::Opt(Opt::Long(full), value))
    }
}

/// The first character of `s` as Python sees `os.fsdecode(argv)`: its
/// length in bytes, and the character when it is valid UTF-8. Each byte of
/// an invalid sequence is a character of its own (`surrogateescape`),
/// which no option character equals.
pub(super) fn first_char(s: &[u8]) -> (usize, Option<char>) {
    match utf8_char(s) {
        (_, None) if !s.is_empty() => (1, None),
        decoded => decoded,
    }
}

/// The first UTF-8 character of `s`: its length and the character; for an
/// invalid sequence, the length of its maximal invalid part (what
/// `from_utf8_lossy` turns into one U+FFFD) and `None`; `(0, None)` when
/// `s` is empty. Written out rather than through `Utf8Chunks`, which costs
/// every program that parses options several times the code.
pub(super) fn utf8_char(s: &[u8]) -> (usize, Option<char>) {
    let Some(&lead) = s.first() else {
        return (0, None);
    };
    // The length, and the range the second byte must be in (RFC 3629:
    // no overlong forms, no surrogates, nothing past U+10FFFF).
    let (len, second) = match lead {
        0x00..=0x7f => return (1, Some(char::from(lead))),
        0xc2..=0xdf => (2, 0x80..=0xbf),
        0xe0 => (3, 0xa0..=0xbf),
        0xed => (3, 0x80..=0x9f),
        0xe1..=0xef => (3, 0x80..=0xbf),
        0xf0 => (4, 0x90..=0xbf),
        0xf1..=0xf3 => (4, 0x80..=0xbf),
        0xf4 => (4, 0x80..=0x8f),
        _ => return (1, None),
    };
    let mut code = u32::from(lead & (0x7f >> len));
    for i in 1..len {
        let range = if i == 1 { second.clone() } else { 0x80..=0xbf };
        match s.get(i) {
            Some(&b) if range.contains(&b) => code = code << 6 | u32::from(b & 0x3f),
            _ => return (i, None),
        }
    }
    (len, char::from_u32(code))
}

/// `short_has_arg`: the colons after the first `ch` in `shortopts`; `None`
/// when it is absent or `:`.
pub(super) fn short_has_arg(shortopts: &str, ch: char) -> Option<HasArg> {
    if ch == ':' {
        return None;
    }
    // The character's UTF-8 bytes searched for in the bytes (UTF-8 never
    // matches in the middle of a character), with `get` rather than
    // `str::find` and slicing: no panic path, which would cost a static
    // program the whole panic machinery, and no decoding.
    let mut utf8 = [0u8; 4];
    let needle = ch.encode_utf8(&mut utf8).as_bytes();
    let bytes = shortopts.as_bytes();
    let at = match needle {
        [b] => bytes.iter().position(|c| c == b),
        _ => {
            (0..bytes.len()).find(|&i| bytes.get(i..).is_some_and(|rest| rest.starts_with(needle)))
        }
    }?;
    let after = shortopts.as_bytes().get(at + ch.len_utf8()..);
    Some(match after.unwrap_or_default() {
        [b':', b':', ..] => HasArg::Optional,
        [b':', ..] => HasArg::Required,
        _ => HasArg::No,
    })
}

/// `long_has_args`: resolves a typed name to a long option and tells
/// whether it takes a value. An exact match wins over a longer name it
/// prefixes (`name` over `name=` over `name=?`); otherwise the typed name
/// must start exactly one long option.
pub(super) fn long_has_args<'a>(
    longopts: &[&'a str],
    name: &[u8],
) -> Result<(HasArg, &'a str), ErrorKind> {
    let (mut count, mut first) = (0usize, None);
    let (mut required, mut optional) = (None, None);
    for &long in longopts {
        if !long.as_bytes().starts_with(name) {
            continue;
        }
        // Python compares characters: a typed name ending inside a
        // multi-byte character (a lone escaped byte) prefixes nothing, and
        // `str::get` refuses to cut one.
        let (Some(stem), Some(tail)) = (long.get(..name.len()), long.get(name.len()..)) else {
            continue;
        };
        match tail.as_bytes() {
            [] => return Ok((HasArg::No, long)),
            [b'='] => required = required.or(Some(stem)),
            [b'=', b'?'] => optional = optional.or(Some(stem)),
            _ => {}
        }
        count += 1;
        first = first.or(Some(long));
    }
    if let Some(stem) = required {
        return Ok((HasArg::Required, stem));
    }
    if let Some(stem) = optional {
        return Ok((HasArg::Optional, stem));
    }
    match (count, first) {
        (1, Some(only)) => {
            let (has_arg, suffix) = match only.as_bytes() {
                [.., b'=', b'?'] => (HasArg::Optional, 2),
                [.., b'='] => (HasArg::Required, 1),
                _ => (HasArg::No, 0),
            };
            // The suffix is ASCII: the cut is at a character boundary.
            Ok((has_arg, only.get(..only.len() - suffix).unwrap_or(only)))
        }
        (0, _) => Err(ErrorKind::NotRecognized),
        _ => Err(ErrorKind::NotUniquePrefix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_follow_surrogateescape() {
        assert_eq!(first_char(b"abc"), (1, Some('a')));
        assert_eq!(first_char("é!".as_bytes()), (2, Some('é')));
        assert_eq!(first_char("€".as_bytes()), (3, Some('€')));
        assert_eq!(first_char("😀x".as_bytes()), (4, Some('😀')));
        // A truncated sequence, a lone continuation byte, an encoded
        // surrogate: one byte each, equal to no option character.
        assert_eq!(first_char(b"\xc3"), (1, None));
        assert_eq!(first_char(b"\xe2\x82A"), (1, None));
        assert_eq!(first_char(b"\xa9"), (1, None));
        assert_eq!(first_char(b"\xed\xb2\x80"), (1, None));
        assert_eq!(first_char(b""), (0, None));
    }

    /// `utf8_char` run over bytes gives `String::from_utf8_lossy`'s text:
    /// every string of two bytes, and every lead byte before the edges of
    /// the continuation ranges.
    #[test]
    fn utf8_char_splits_as_from_utf8_lossy_does() {
        fn lossy(mut s: &[u8]) -> std::string::String {
            let mut out = std::string::String::new();
            while !s.is_empty() {
                let (n, c) = utf8_char(s);
                out.push(c.unwrap_or('\u{FFFD}'));
                s = &s[n..];
            }
            out
        }
        let edges = [
            0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff,
        ];
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(
                    lossy(&[a, b]),
                    std::string::String::from_utf8_lossy(&[a, b])
                );
                for &c in &edges {
                    for &d in &edges {
                        let s = [a, b, c, d];
                        assert_eq!(
                            lossy(&s),
                            std::string::String::from_utf8_lossy(&s),
                            "{s:x?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn short_lookup_takes_the_first_occurrence_and_never_colon() {
        assert_eq!(short_has_arg("a:a", 'a'), Some(HasArg::Required));
        assert_eq!(short_has_arg("aa:", 'a'), Some(HasArg::No));
        assert_eq!(short_has_arg("a:::", 'a'), Some(HasArg::Optional));
        assert_eq!(short_has_arg("a:", ':'), None);
        assert_eq!(short_has_arg("xé:", 'é'), Some(HasArg::Required));
        assert_eq!(short_has_arg("é", 'e'), None);
    }

    #[test]
    fn long_lookup_prefers_exact_then_equals_then_question() {
        let l = ["foo=?", "foo=", "foo", "foobar"];
        assert_eq!(long_has_args(&l, b"foo"), Ok((HasArg::No, "foo")));
        let l = ["foo=?", "foo=", "foobar"];
        assert_eq!(long_has_args(&l, b"foo"), Ok((HasArg::Required, "foo")));
        let l = ["foo=?", "foobar"];
        assert_eq!(long_has_args(&l, b"foo"), Ok((HasArg::Optional, "foo")));
        assert_eq!(long_has_args(&l, b"fo"), Err(ErrorKind::NotUniquePrefix));
        assert_eq!(long_has_args(&l, b"foob"), Ok((HasArg::No, "foobar")));
        assert_eq!(long_has_args(&l, b"x"), Err(ErrorKind::NotRecognized));
        assert_eq!(
            long_has_args(&["é"], b"\xc3"),
            Err(ErrorKind::NotRecognized)
        );
    }
}
