//! Python's `%` operator on `str` (`printf`-style formatting), as
//! CPython 3.11's `PyUnicode_Format` does it: the same argument order,
//! the same checks in the same order, the same error texts.
//!
//! A format is parsed once into a [`Parsed`] and applied to a tuple or a
//! mapping ([`Args`]); [`format_tuple`] and [`format_mapping`] do both
//! steps. Syntax errors are kept in place, so applying raises them where
//! Python would, after the arguments consumed before them.

use super::text;
use super::{Error, Lookup, Object, float, msg};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// The right operand of `%`.
pub(crate) enum Args<'a, 'v> {
    /// A tuple (one value behaves as a 1-tuple, as `'%s' % x` does).
    Tuple(&'a [&'v dyn Object]),
    /// A mapping: `lookup(key)` gives the value for `%(key)s`, `None` for a
    /// missing key (`KeyError`). `whole` is the mapping itself, which a
    /// conversion without a key formats (`'%s' % {'a': 1}`); without it such
    /// a conversion raises "not enough arguments for format string".
    Mapping {
        /// The mapping as an object, if the caller has one.
        whole: Option<&'v dyn Object>,
        /// The mapping's `__getitem__`.
        lookup: &'a mut Lookup<'a, 'v>,
    },
}

/// `fmt % args` with a tuple on the right.
///
/// # References
/// <https://docs.python.org/3.11/library/stdtypes.html#printf-style-string-formatting>
#[doc(alias = "printf-style formatting")]
pub(crate) fn format_tuple(fmt: &str, args: &[&dyn Object]) -> Result<String, Error> {
    let mut out = String::with_capacity(fmt.len() + 16);
    Parsed::parse_lenient(fmt).apply(Args::Tuple(args), &mut out)?;
    Ok(out)
}

/// `fmt % mapping`, where `lookup(key)` gives the mapping's values.
pub(crate) fn format_mapping<'v>(fmt: &str, lookup: &mut Lookup<'_, 'v>) -> Result<String, Error> {
    let mut out = String::with_capacity(fmt.len() + 16);
    Parsed::parse_lenient(fmt).apply(
        Args::Mapping {
            whole: None,
            lookup,
        },
        &mut out,
    )?;
    Ok(out)
}

const LJUST: u8 = 1;
const SIGN: u8 = 2;
const BLANK: u8 = 4;
const ALT: u8 = 8;
const ZERO: u8 = 16;

/// A width or precision: absent, `*` (taken from the arguments) or given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Count {
    None,
    Star,
    Fixed(usize),
}

/// One `%` conversion.
#[derive(Clone, Debug)]
struct Conv {
    /// The mapping key's byte range in the source.
    key: Option<(usize, usize)>,
    flags: u8,
    width: Count,
    prec: Count,
    /// The conversion character.
    ch: char,
    /// Its index in code points, for "unsupported format character".
    index: usize,
    /// A syntax error found after the key and any `*`: raised once they
    /// have been taken, as Python raises it.
    fail: Option<Box<Error>>,
}

#[derive(Clone, Debug)]
enum Piece {
    /// Literal text: a byte range of the source (`%%` is the range of one
    /// `%`).
    Text(usize, usize),
    Conv(Conv),
}

/// A `%` format parsed once, to be applied to many argument sets (as the
/// logging `Formatter` formats every record with one format).
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    source: Box<str>,
    pieces: Vec<Piece>,
}

fn is_supported(c: char) -> bool {
    matches!(
        c,
        's' | 'r'
            | 'a'
            | 'i'
            | 'd'
            | 'u'
            | 'o'
            | 'x'
            | 'X'
            | 'e'
            | 'E'
            | 'f'
            | 'F'
            | 'g'
            | 'G'
            | 'c'
    )
}

impl Parsed {
    /// Parses `fmt`, failing on the first syntax error Python would raise
    /// for it ("incomplete format", "incomplete format key",
    /// "unsupported format character …", "width too big", "precision too
    /// big") whatever the arguments.
    pub(crate) fn parse(fmt: &str) -> Result<Parsed, Error> {
        let parsed = Parsed::parse_lenient(fmt);
        for piece in &parsed.pieces {
            if let Piece::Conv(c) = piece {
                if let Some(e) = &c.fail {
                    return Err((**e).clone());
                }
                if !is_supported(c.ch) {
                    return Err(unsupported(c.ch, c.index));
                }
            }
        }
        Ok(parsed)
    }

    /// Parses `fmt`, keeping syntax errors in place for [`Parsed::apply`].
    pub(crate) fn parse_lenient(fmt: &str) -> Parsed {
        let mut pieces = Vec::new();
        let b = fmt.as_bytes();
        let mut pos = 0;
        // Code points before `pos`, counted only when a conversion needs it.
        let mut counted = (0, 0);
        while pos < b.len() {
            let Some(at) = fmt[pos..].find('%').map(|i| pos + i) else {
                pieces.push(Piece::Text(pos, b.len()));
                break;
            };
            if at > pos {
                pieces.push(Piece::Text(pos, at));
            }
            if b.get(at + 1) == Some(&b'%') {
                pieces.push(Piece::Text(at, at + 1));
                pos = at + 2;
                continue;
            }
            let (conv, end) = parse_conv(fmt, at + 1, &mut counted);
            pieces.push(Piece::Conv(conv));
            pos = end;
        }
        Parsed {
            source: fmt.into(),
            pieces,
        }
    }

    /// The mapping keys of the conversions, in order (`'%(name)s'` gives
    /// `name`).
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Conv(Conv {
                key: Some((s, e)), ..
            }) => Some(&self.source[*s..*e]),
            _ => None,
        })
    }

    /// Appends `fmt % args` to `out`. On an error, `out` is left as it was.
    pub(crate) fn apply(&self, args: Args<'_, '_>, out: &mut String) -> Result<(), Error> {
        let start = out.len();
        let result = self.apply_inner(args, out);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    fn apply_inner(&self, args: Args<'_, '_>, out: &mut String) -> Result<(), Error> {
        let mut src = match args {
            Args::Tuple(t) => Source {
                tuple: t,
                single: None,
                idx: 0,
                len: t.len() as isize,
                lookup: None,
            },
            Args::Mapping { whole, lookup } => Source {
                tuple: &[],
                single: whole,
                idx: -2,
                len: -1,
                lookup: Some(lookup),
            },
        };
        let mut scratch = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(s, e) => out.push_str(&self.source[*s..*e]),
                Piece::Conv(c) => self.conv(c, &mut src, out, &mut scratch)?,
            }
        }
        if src.idx < src.len && src.lookup.is_none() {
            return Err(Error::type_error(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(())
    }

    fn conv<'v>(
        &self,
        c: &Conv,
        src: &mut Source<'_, 'v>,
        out: &mut String,
        scratch: &mut String,
    ) -> Result<(), Error> {
        if let Some((s, e)) = c.key {
            let key = &self.source[s..e];
            let Some(lookup) = src.lookup.as_mut() else {
                return Err(Error::type_error("format requires a mapping"));
            };
            if e == self.source.len()
                && let Some(unterminated) = &c.fail
            {
                return Err((**unterminated).clone());
            }
            let value = lookup(key).ok_or_else(|| Error::key_error(key))?;
            src.single = Some(value);
            src.len = -1;
            src.idx = -2;
        }
        let mut flags = c.flags;
        let width = match c.width {
            Count::None => None,
            Count::Fixed(n) => Some(n),
            Count::Star => {
                let w = star(src.next()?)?;
                if w < 0 {
                    flags |= LJUST;
                }
                Some(w.unsigned_abs() as usize)
            }
        };
        let prec = match c.prec {
            Count::None => None,
            Count::Fixed(n) => Some(n),
            Count::Star => Some(star(src.next()?)?.max(0) as usize),
        };
        if let Some(e) = &c.fail {
            return Err((**e).clone());
        }
        let value = src.next()?;
        convert(value, c.ch, c.index, flags, width, prec, out, scratch)
    }
}

/// Where the conversions take their arguments: CPython's `args`,
/// `arglen` and `argidx` (a single object is `arglen == -1`).
struct Source<'a, 'v> {
    tuple: &'a [&'v dyn Object],
    single: Option<&'v dyn Object>,
    idx: isize,
    len: isize,
    lookup: Option<&'a mut Lookup<'a, 'v>>,
}

impl<'v> Source<'_, 'v> {
    /// `unicode_format_getnextarg`.
    fn next(&mut self) -> Result<&'v dyn Object, Error> {
        if self.idx < self.len {
            let i = self.idx;
            self.idx += 1;
            let got = if self.len < 0 {
                self.single
            } else {
                self.tuple.get(i as usize).copied()
            };
            if let Some(v) = got {
                return Ok(v);
            }
        }
        Err(Error::type_error("not enough arguments for format string"))
    }
}

/// A `*` width or precision's value.
fn star(v: &dyn Object) -> Result<i64, Error> {
    let n = v
        .int()
        .filter(|_| !v.is_float())
        .ok_or_else(|| Error::type_error("* wants int"))?;
    i32::try_from(n)
        .map(i64::from)
        .map_err(|_| Error::overflow_error("signed integer is greater than maximum"))
}

fn unsupported(ch: char, index: usize) -> Error {
    let shown = if (' '..='~').contains(&ch) { ch } else { '?' };
    Error::value_error(msg!(
        "unsupported format character '{shown}' (0x{:x}) at index {index}",
        ch as u32
    ))
}

/// Parses one conversion whose text starts at byte `pos` (after the `%`),
/// following `unicode_format_arg_parse`. Returns it and the byte offset
/// after it. `counted` caches (byte offset, code points before it).
fn parse_conv(fmt: &str, mut pos: usize, counted: &mut (usize, usize)) -> (Conv, usize) {
    let b = fmt.as_bytes();
    let mut conv = Conv {
        key: None,
        flags: 0,
        width: Count::None,
        prec: Count::None,
        ch: '\0',
        index: 0,
        fail: None,
    };
    let fail = |mut conv: Conv, e: Error| {
        conv.fail = Some(Box::new(e));
        (conv, fmt.len())
    };
    if b.get(pos) == Some(&b'(') {
        let start = pos + 1;
        let mut depth = 1;
        let mut i = start;
        while depth > 0 && i < b.len() {
            match b[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            // A key to the end: `conv` asks for a mapping first, as
            // CPython does on meeting the `(`.
            conv.key = Some((start, fmt.len()));
            return fail(conv, Error::value_error("incomplete format key"));
        }
        conv.key = Some((start, i - 1));
        pos = i;
    }
    while let Some(&c) = b.get(pos) {
        conv.flags |= match c {
            b'-' => LJUST,
            b'+' => SIGN,
            b' ' => BLANK,
            b'#' => ALT,
            b'0' => ZERO,
            _ => break,
        };
        pos += 1;
    }
    // A width may reach `Py_ssize_t`'s maximum, a precision `int`'s.
    let number = |pos: &mut usize, what: &str, max: usize| -> Result<usize, Error> {
        let mut n: usize = 0;
        while let Some(d) = b.get(*pos).filter(|d| d.is_ascii_digit()) {
            let d = usize::from(d - b'0');
            if n > (max - d) / 10 {
                return Err(Error::value_error(msg!("{what} too big")));
            }
            n = n * 10 + d;
            *pos += 1;
        }
        super::check_pad(n)
    };
    match b.get(pos) {
        Some(b'*') => {
            conv.width = Count::Star;
            pos += 1;
        }
        Some(b'0'..=b'9') => match number(&mut pos, "width", isize::MAX as usize) {
            Ok(n) => conv.width = Count::Fixed(n),
            Err(e) => return fail(conv, e),
        },
        _ => {}
    }
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        conv.prec = Count::Fixed(0);
        match b.get(pos) {
            Some(b'*') => {
                conv.prec = Count::Star;
                pos += 1;
            }
            Some(b'0'..=b'9') => match number(&mut pos, "precision", i32::MAX as usize) {
                Ok(n) => conv.prec = Count::Fixed(n),
                Err(e) => return fail(conv, e),
            },
            _ => {}
        }
    }
    if matches!(b.get(pos), Some(b'h' | b'l' | b'L')) {
        pos += 1;
    }
    let Some(ch) = fmt[pos..].chars().next() else {
        return fail(conv, Error::value_error("incomplete format"));
    };
    if !is_supported(ch) {
        let (at, n) = *counted;
        let index = n + fmt[at..pos].chars().count();
        *counted = (pos, index);
        conv.index = index;
    }
    conv.ch = ch;
    (conv, pos + ch.len_utf8())
}

/// Formats one value as conversion `ch` into `out`, as
/// `unicode_format_arg_format` and `unicode_format_arg_output` do.
#[allow(clippy::too_many_arguments)]
fn convert(
    value: &dyn Object,
    ch: char,
    index: usize,
    flags: u8,
    width: Option<usize>,
    prec: Option<usize>,
    out: &mut String,
    scratch: &mut String,
) -> Result<(), Error> {
    let plain = width.is_none() && prec.is_none() && flags & (SIGN | BLANK) == 0;
    let body = scratch;
    body.clear();
    let numeric = match ch {
        's' | 'r' | 'a' => {
            // Without a precision the text goes straight into `out`, and
            // any width pads it there (strings take no sign or zeros).
            let direct = prec.is_none();
            let start = out.len();
            let target = if direct { &mut *out } else { &mut *body };
            match ch {
                's' => value.write_str(target),
                'r' => value.write_repr(target),
                _ => {
                    let mut repr = String::new();
                    value.write_repr(&mut repr);
                    text::push_ascii(&repr, target);
                }
            }
            if direct {
                if let Some(w) = width {
                    let n = text::len(&out[start..]);
                    if w > n {
                        if flags & LJUST != 0 {
                            fill(out, ' ', w - n);
                        } else {
                            text::insert_fill(out, start, ' ', w - n);
                        }
                    }
                }
                return Ok(());
            }
            false
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let target = if plain { &mut *out } else { &mut *body };
            format_int(value, ch, flags & ALT != 0, prec, target)?;
            if plain {
                return Ok(());
            }
            true
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = value.float().ok_or_else(|| {
                Error::type_error(msg!("must be real number, not {}", value.type_name()))
            })?;
            let target = if plain { &mut *out } else { &mut *body };
            float::format_float(x, ch, prec, flags & ALT != 0, target);
            if plain {
                return Ok(());
            }
            true
        }
        'c' => {
            let c = char_of(value)?;
            if width.is_none() && prec.is_none() {
                push_code_point(c, out);
                return Ok(());
            }
            push_code_point(c, body);
            false
        }
        _ => return Err(unsupported(ch, index)),
    };
    output(body, ch, flags, width, prec, numeric, out);
    Ok(())
}

/// Writes code point `c`; a lone surrogate as `\udXXX`.
fn push_code_point(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(c) => out.push(c),
        None => {
            let _ = write!(out, "\\u{c:04x}");
        }
    }
}

/// `formatchar`: a 1-character `str` or an `int` in `range(0x110000)`.
fn char_of(value: &dyn Object) -> Result<u32, Error> {
    let wrong = || Error::type_error("%c requires int or char");
    if value.is_str() {
        let mut s = String::new();
        value.write_str(&mut s);
        let mut chars = s.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c as u32),
            _ => Err(wrong()),
        };
    }
    if value.is_float() {
        return Err(wrong());
    }
    let n = value.int().ok_or_else(wrong)?;
    u32::try_from(n)
        .ok()
        .filter(|&c| c < 0x110000)
        .ok_or_else(|| Error::overflow_error("%c arg not in range(0x110000)"))
}

/// `mainformatlong` and `_PyUnicode_FormatLong`: sign, `0x`/`0o` prefix
/// with `#`, digits zero-padded to the precision.
fn format_int(
    value: &dyn Object,
    ch: char,
    alt: bool,
    prec: Option<usize>,
    out: &mut String,
) -> Result<(), Error> {
    let hex_like = matches!(ch, 'o' | 'x' | 'X');
    let digits_at = if let Some(n) = value.int().filter(|_| !value.is_float()) {
        if n < 0 {
            out.push('-');
        }
        if alt && hex_like {
            out.push_str(match ch {
                'o' => "0o",
                'x' => "0x",
                _ => "0X",
            });
        }
        let at = out.len();
        let m = n.unsigned_abs();
        let _ = match ch {
            'o' => write!(out, "{m:o}"),
            'x' => write!(out, "{m:x}"),
            'X' => write!(out, "{m:X}"),
            _ => write!(out, "{m}"),
        };
        at
    } else if let Some(x) = value.float().filter(|_| value.is_float() && !hex_like) {
        if x.is_nan() {
            return Err(Error::value_error("cannot convert float NaN to integer"));
        }
        if x.is_infinite() {
            return Err(Error::overflow_error(
                "cannot convert float infinity to integer",
            ));
        }
        // Floats from 2**52 up are whole; below, `as` truncates exactly.
        let t = if x.abs() < 4_503_599_627_370_496.0 {
            (x as i64) as f64
        } else {
            x
        };
        if t < 0.0 {
            out.push('-');
        }
        let at = out.len();
        let _ = write!(out, "{:.0}", t.abs());
        at
    } else if hex_like {
        return Err(Error::type_error(msg!(
            "%{ch} format: an integer is required, not {}",
            value.type_name()
        )));
    } else {
        return Err(Error::type_error(msg!(
            "%{ch} format: a real number is required, not {}",
            value.type_name()
        )));
    };
    if let Some(p) = prec {
        let n = out.len() - digits_at;
        if p > n {
            let zeros: String = core::iter::repeat_n('0', p - n).collect();
            out.insert_str(digits_at, &zeros);
        }
    }
    Ok(())
}

fn fill(out: &mut String, c: char, n: usize) {
    out.extend(core::iter::repeat_n(c, n));
}

/// `unicode_format_arg_output`: precision truncation of `s r a`, the sign
/// (`+`, space), zero padding after the sign and `0x` prefix, justification.
fn output(
    body: &str,
    ch: char,
    flags: u8,
    width: Option<usize>,
    prec: Option<usize>,
    numeric: bool,
    out: &mut String,
) {
    let fill_char = if numeric && flags & ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut s = body;
    if matches!(ch, 's' | 'r' | 'a')
        && let Some(p) = prec
        && let Some((cut, _)) = s.char_indices().nth(p)
    {
        s = &s[..cut];
    }
    let mut len = text::len(s);
    let mut width = width.unwrap_or(0);
    let mut sign = None;
    if numeric {
        if let Some(c @ ('-' | '+')) = s.chars().next() {
            sign = Some(c);
            s = &s[1..];
            len -= 1;
        } else if flags & SIGN != 0 {
            sign = Some('+');
        } else if flags & BLANK != 0 {
            sign = Some(' ');
        }
    }
    width = width.max(len);
    if let Some(c) = sign {
        if fill_char != ' ' {
            out.push(c);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefix = flags & ALT != 0 && matches!(ch, 'x' | 'X' | 'o');
    if prefix {
        if fill_char != ' ' {
            out.push_str(&s[..2]);
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && flags & LJUST == 0 {
        fill(out, fill_char, width - len);
        width = len;
    }
    if fill_char == ' ' {
        if let Some(c) = sign {
            out.push(c);
        }
        if prefix {
            out.push_str(&s[..2]);
        }
    }
    if prefix {
        s = &s[2..];
    }
    out.push_str(s);
    if width > len {
        fill(out, ' ', width - len);
    }
}
