//! `format(value, spec)` (the format-spec mini-language of `str`, `int`,
//! `bool`, `float` and `None`) and `str.format`, as CPython 3.11's
//! `Python/formatter_unicode.c` and `Objects/stringlib/unicode_format.h`
//! do them, error texts included.
//!
//! The locale is C's, so `n` is `d` (or `g`) without grouping. What
//! differs from Python: a replacement field's attribute or index access
//! (`{a.b}`, `{a[0]}`) is rejected with a `ValueError`, and a field number
//! is ASCII digits only.

use super::text;
use super::{Error, Lookup, Object, float, msg};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Write;

/// A parsed format spec (`[[fill]align][sign]["z"]["#"]["0"][width]
/// [grouping]["." precision][type]`).
struct Spec {
    fill: char,
    align: char,
    sign: Option<char>,
    no_neg_0: bool,
    alt: bool,
    width: Option<usize>,
    /// The thousands separator and its group size.
    grouping: Option<(char, usize)>,
    prec: Option<usize>,
    ty: Option<char>,
}

fn shown_code(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        msg!("'{c}'")
    } else {
        msg!("'\\x{:x}'", c as u32)
    }
}

/// `get_integer`: decimal digits at `*pos`, `None` when there are none.
fn integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, Error> {
    let mut n: Option<usize> = None;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        let d = d as usize;
        let acc = n.unwrap_or(0);
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(Error::value_error(
                "Too many decimal digits in format string",
            ));
        }
        n = Some(acc * 10 + d);
        *pos += 1;
    }
    n.map(super::check_pad).transpose()
}

/// `parse_internal_render_format_spec`.
fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> Result<Spec, Error> {
    // Specs are short: their characters go on the stack, not the heap.
    let mut small = ['\0'; 24];
    let long: Vec<char>;
    let count = spec.chars().count();
    let chars: &[char] = if count <= small.len() {
        for (slot, c) in small.iter_mut().zip(spec.chars()) {
            *slot = c;
        }
        &small[..count]
    } else {
        long = spec.chars().collect();
        &long
    };
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '>' | '=' | '^'));
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alt: false,
        width: None,
        grouping: None,
        prec: None,
        ty: default_type,
    };
    let mut pos = 0;
    let (mut fill_given, mut align_given) = (false, false);
    if chars.len() >= 2 && is_align(chars.get(1)) {
        s.fill = chars[0];
        s.align = chars[1];
        (fill_given, align_given) = (true, true);
        pos = 2;
    } else if is_align(chars.first()) {
        s.align = chars[0];
        align_given = true;
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        s.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        s.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        s.alt = true;
        pos += 1;
    }
    if !fill_given && chars.get(pos) == Some(&'0') {
        s.fill = '0';
        if !align_given && default_align == '>' {
            s.align = '=';
        }
        pos += 1;
    }
    s.width = integer(chars, &mut pos)?;
    let both = || Error::value_error("Cannot specify both ',' and '_'.");
    if chars.get(pos) == Some(&',') {
        s.grouping = Some((',', 3));
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if s.grouping.is_some() {
            return Err(both());
        }
        s.grouping = Some(('_', 3));
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && s.grouping.is_some_and(|g| g.0 == '_') {
        return Err(both());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        s.prec = integer(chars, &mut pos)?;
        if s.prec.is_none() {
            return Err(Error::value_error("Format specifier missing precision"));
        }
    }
    if chars.len() - pos > 1 {
        return Err(Error::value_error(msg!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if let Some(&c) = chars.get(pos) {
        s.ty = Some(c);
    }
    if let Some((sep, _)) = s.grouping {
        match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => s.grouping = Some(('_', 4)),
            Some(t) => {
                return Err(Error::value_error(msg!(
                    "Cannot specify '{sep}' with {}.",
                    shown_code(t)
                )));
            }
        }
    }
    Ok(s)
}

fn unknown_code(ty: char, type_name: &str) -> Error {
    let code = if (ty as u32) > 32 && (ty as u32) < 128 {
        msg!("'{ty}'")
    } else {
        msg!("'\\x{:x}'", ty as u32)
    };
    Error::value_error(msg!(
        "Unknown format code {code} for object of type '{type_name}'"
    ))
}

fn fill(out: &mut String, c: char, n: usize) {
    out.extend(core::iter::repeat_n(c, n));
}

/// `format(value, spec)`, appended to `out`.
///
/// # References
/// <https://docs.python.org/3.11/library/string.html#format-specification-mini-language>
#[doc(alias = "format")]
pub(crate) fn format_value(value: &dyn Object, spec: &str, out: &mut String) -> Result<(), Error> {
    if spec.is_empty() {
        value.write_str(out);
        return Ok(());
    }
    let name = value.type_name();
    if value.is_str() {
        let s = parse_spec(spec, name, Some('s'), '<')?;
        if s.ty != Some('s') {
            return Err(unknown_code(s.ty.unwrap_or('\0'), name));
        }
        return format_string(value, &s, out);
    }
    if value.is_float() {
        let s = parse_spec(spec, name, None, '>')?;
        return match s.ty {
            None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
                format_float(value.float().unwrap_or(f64::NAN), &s, out)
            }
            Some(t) => Err(unknown_code(t, name)),
        };
    }
    if let Some(n) = value.int() {
        let s = parse_spec(spec, name, Some('d'), '>')?;
        return match s.ty {
            Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int(n, &s, out),
            Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => format_float(n as f64, &s, out),
            t => Err(unknown_code(t.unwrap_or('\0'), name)),
        };
    }
    Err(Error::type_error(msg!(
        "unsupported format string passed to {name}.__format__"
    )))
}

/// `format_string_internal`.
fn format_string(value: &dyn Object, s: &Spec, out: &mut String) -> Result<(), Error> {
    match s.sign {
        Some(' ') => {
            return Err(Error::value_error(
                "Space not allowed in string format specifier",
            ));
        }
        Some(_) => {
            return Err(Error::value_error(
                "Sign not allowed in string format specifier",
            ));
        }
        None => {}
    }
    if s.no_neg_0 {
        return Err(Error::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if s.alt {
        return Err(Error::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if s.align == '=' {
        return Err(Error::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    if s.prec.is_none() {
        // Written in place, then padded there.
        let start = out.len();
        value.write_str(out);
        let n = text::len(&out[start..]);
        let total = s.width.unwrap_or(0).max(n);
        let left = match s.align {
            '>' => total - n,
            '^' => (total - n) / 2,
            _ => 0,
        };
        text::insert_fill(out, start, s.fill, left);
        fill(out, s.fill, total - n - left);
        return Ok(());
    }
    let mut body = String::new();
    value.write_str(&mut body);
    let mut t = body.as_str();
    if let Some(p) = s.prec
        && let Some((cut, _)) = t.char_indices().nth(p)
    {
        t = &t[..cut];
    }
    pad_text(t, text::len(t), s, out);
    Ok(())
}

/// `calc_padding` and the copy: `t` (`n` code points) aligned in the width.
fn pad_text(t: &str, n: usize, s: &Spec, out: &mut String) {
    let total = s.width.unwrap_or(0).max(n);
    let left = match s.align {
        '>' => total - n,
        '^' => (total - n) / 2,
        _ => 0,
    };
    fill(out, s.fill, left);
    out.push_str(t);
    fill(out, s.fill, total - n - left);
}

/// `format_long_internal`.
fn format_int(n: i128, s: &Spec, out: &mut String) -> Result<(), Error> {
    if s.prec.is_some() {
        return Err(Error::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_neg_0 {
        return Err(Error::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let ty = s.ty.unwrap_or('d');
    let mut digits = String::new();
    if ty == 'c' {
        if s.sign.is_some() {
            return Err(Error::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if s.alt {
            return Err(Error::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        if i64::try_from(n).is_err() {
            return Err(Error::overflow_error(
                "Python int too large to convert to C long",
            ));
        }
        let c = u32::try_from(n)
            .ok()
            .filter(|&c| c < 0x110000)
            .ok_or_else(|| Error::overflow_error("%c arg not in range(0x110000)"))?;
        match char::from_u32(c) {
            Some(c) => digits.push(c),
            None => {
                let _ = write!(digits, "\\u{c:04x}");
            }
        }
        render_number(out, s, false, "", "", false, &digits);
        return Ok(());
    }
    let m = n.unsigned_abs();
    let prefix = match ty {
        'b' => "0b",
        'o' => "0o",
        'x' => "0x",
        'X' => "0X",
        _ => "",
    };
    let _ = match ty {
        'b' => write!(digits, "{m:b}"),
        'o' => write!(digits, "{m:o}"),
        'x' => write!(digits, "{m:x}"),
        'X' => write!(digits, "{m:X}"),
        _ => write!(digits, "{m}"),
    };
    let prefix = if s.alt { prefix } else { "" };
    render_number(out, s, n < 0, prefix, &digits, false, "");
    Ok(())
}

/// `format_float_internal`.
fn format_float(x: f64, s: &Spec, out: &mut String) -> Result<(), Error> {
    if s.prec.is_some_and(|p| p > i32::MAX as usize) {
        return Err(Error::value_error("precision too big"));
    }
    let mut buf = String::new();
    let (mut x, mut pct) = (x, false);
    match s.ty {
        None if s.prec.is_none() => {
            float::float_repr(x, &mut buf);
        }
        None => float::format_float_dot0(x, 'g', s.prec, s.alt, true, &mut buf),
        Some(t) => {
            let t = match t {
                'n' => 'g',
                '%' => {
                    x *= 100.0;
                    pct = true;
                    'f'
                }
                t => t,
            };
            float::format_float(x, t, s.prec, s.alt, &mut buf);
        }
    }
    // `#` with repr's digits: a point even where repr has none (`1.e+16`).
    if s.alt && s.ty.is_none() && s.prec.is_none() && x.is_finite() && !buf.contains('.') {
        let at = buf.find('e').unwrap_or(buf.len());
        buf.insert(at, '.');
    }
    if pct {
        buf.push('%');
    }
    if s.no_neg_0
        && x.is_finite()
        && buf.starts_with('-')
        && buf
            .split(['e', 'E'])
            .next()
            .is_some_and(|m| m.bytes().all(|b| !b.is_ascii_digit() || b == b'0'))
    {
        buf.remove(0);
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let int_end = body
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(int_end);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    render_number(out, s, negative, "", digits, has_decimal, remainder);
    Ok(())
}

/// `calc_number_widths` and `fill_number`: `<lpad><sign><prefix><spad>
/// <grouped digits><.><remainder><rpad>`.
fn render_number(
    out: &mut String,
    s: &Spec,
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
) {
    let sign = match (negative, s.sign) {
        (true, _) => Some('-'),
        (false, Some('+')) => Some('+'),
        (false, Some(' ')) => Some(' '),
        _ => None,
    };
    let width = s.width.map_or(-1, |w| w as isize);
    let non_digits = usize::from(sign.is_some())
        + prefix.len()
        + usize::from(has_decimal)
        + text::len(remainder);
    let min_width = if s.fill == '0' && s.align == '=' {
        width - non_digits as isize
    } else {
        0
    };
    let mut grouped = Vec::new();
    if !digits.is_empty() {
        group(digits, min_width, s.grouping, &mut grouped);
    }
    let padding = width - (non_digits + grouped.len()) as isize;
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if padding > 0 {
        let p = padding as usize;
        match s.align {
            '<' => rpad = p,
            '^' => {
                lpad = p / 2;
                rpad = p - lpad;
            }
            '=' => spad = p,
            _ => lpad = p,
        }
    }
    fill(out, s.fill, lpad);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(prefix);
    fill(out, s.fill, spad);
    out.extend(grouped.iter().rev());
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    fill(out, s.fill, rpad);
}

/// `_PyUnicode_InsertThousandsGrouping`: `digits` with separators, padded
/// with zeros (separated too) to `min_width`, pushed to `rev` right to
/// left.
fn group(digits: &str, mut min_width: isize, grouping: Option<(char, usize)>, rev: &mut Vec<char>) {
    let d = digits.as_bytes();
    let mut pos = d.len();
    let mut remaining = d.len() as isize;
    let mut use_sep = false;
    let sep = grouping.map_or(',', |g| g.0);
    let mut take = |len: isize, remaining: &mut isize, use_sep: bool, rev: &mut Vec<char>| {
        let zeros = (len - *remaining).max(0);
        let chars = (*remaining).min(len).max(0);
        if use_sep {
            rev.push(sep);
        }
        for _ in 0..chars {
            pos -= 1;
            rev.push(char::from(d[pos]));
        }
        rev.extend(core::iter::repeat_n('0', zeros as usize));
        *remaining -= chars;
    };
    if let Some((_, size)) = grouping {
        loop {
            let len = (size as isize).min(remaining.max(min_width).max(1));
            take(len, &mut remaining, use_sep, rev);
            use_sep = true;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                return;
            }
            min_width -= 1;
        }
    }
    let len = remaining.max(min_width).max(1);
    take(len, &mut remaining, use_sep, rev);
}

/// Where a replacement field's value comes from.
#[derive(Clone, Debug)]
enum Name {
    Index(usize),
    /// A keyword: a byte range of the source.
    Key(usize, usize),
}

/// A replacement field's format spec.
#[derive(Clone, Debug)]
enum FieldSpec {
    /// Literal: a byte range of the source (maybe empty).
    Plain(usize, usize),
    /// With nested fields, formatted first.
    Nested(Box<Parsed>),
}

#[derive(Clone, Debug)]
enum Piece {
    /// Literal text: a byte range of the source.
    Text(usize, usize),
    Field {
        name: Name,
        conversion: Option<char>,
        spec: FieldSpec,
    },
    /// An error found while parsing, raised when reached.
    Error(Error),
}

/// A `str.format` format parsed once, to be applied many times (as the
/// logging `Formatter` does with `style='{'`).
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    source: Arc<str>,
    pieces: Vec<Piece>,
}

/// Auto-numbering state (`AutoNumber`).
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Init,
    Auto,
    Manual,
}

impl Parsed {
    /// Parses `fmt`, failing on its first syntax error (whatever the
    /// arguments would be).
    pub(crate) fn parse(fmt: &str) -> Result<Parsed, Error> {
        let parsed = Parsed::parse_lenient(fmt);
        parsed.first_error().map_or(Ok(()), Err)?;
        Ok(parsed)
    }

    fn first_error(&self) -> Option<Error> {
        self.pieces.iter().find_map(|p| match p {
            Piece::Error(e) => Some(e.clone()),
            Piece::Field {
                spec: FieldSpec::Nested(n),
                ..
            } => n.first_error(),
            _ => None,
        })
    }

    /// Parses `fmt`, keeping a syntax error in place for
    /// [`Parsed::apply`] to raise where Python does.
    pub(crate) fn parse_lenient(fmt: &str) -> Parsed {
        let source: Arc<str> = fmt.into();
        let mut numbering = (Numbering::Init, 0);
        Parsed::parse_range(&source, 0, fmt.len(), 2, &mut numbering)
    }

    fn parse_range(
        source: &Arc<str>,
        start: usize,
        end: usize,
        depth: u32,
        numbering: &mut (Numbering, usize),
    ) -> Parsed {
        let mut pieces = Vec::new();
        let fmt = &source[..end];
        let b = fmt.as_bytes();
        let mut pos = start;
        while pos < end {
            let Some(at) = fmt[pos..].find(['{', '}']).map(|i| pos + i) else {
                pieces.push(Piece::Text(pos, end));
                break;
            };
            let c = b[at];
            let next = b.get(at + 1).copied();
            if next == Some(c) {
                pieces.push(Piece::Text(pos, at + 1));
                pos = at + 2;
                continue;
            }
            if at > pos {
                pieces.push(Piece::Text(pos, at));
            }
            if c == b'}' {
                pieces.push(Piece::Error(Error::value_error(
                    "Single '}' encountered in format string",
                )));
                break;
            }
            if next.is_none() {
                pieces.push(Piece::Error(Error::value_error(
                    "Single '{' encountered in format string",
                )));
                break;
            }
            match parse_field(source, at + 1, end, depth, numbering) {
                Ok((piece, after)) => {
                    pieces.push(piece);
                    pos = after;
                }
                Err(e) => {
                    pieces.push(Piece::Error(e));
                    break;
                }
            }
        }
        Parsed {
            source: source.clone(),
            pieces,
        }
    }

    /// The keyword names the fields use, in order (nested ones included).
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        let mut keys = Vec::new();
        self.collect_keys(&mut keys);
        keys.into_iter()
    }

    fn collect_keys<'s>(&'s self, keys: &mut Vec<&'s str>) {
        for p in &self.pieces {
            if let Piece::Field { name, spec, .. } = p {
                if let Name::Key(s, e) = name {
                    keys.push(&self.source[*s..*e]);
                }
                if let FieldSpec::Nested(n) = spec {
                    n.collect_keys(keys);
                }
            }
        }
    }

    /// Appends `fmt.format(*positional, **mapping)` to `out`, where
    /// `lookup` gives the keyword arguments. On an error, `out` is left as
    /// it was.
    pub(crate) fn apply<'v>(
        &self,
        positional: &[&'v dyn Object],
        lookup: &mut Lookup<'_, 'v>,
        out: &mut String,
    ) -> Result<(), Error> {
        let start = out.len();
        let result = self.apply_inner(positional, lookup, out);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    fn apply_inner<'v>(
        &self,
        positional: &[&'v dyn Object],
        lookup: &mut Lookup<'_, 'v>,
        out: &mut String,
    ) -> Result<(), Error> {
        for piece in &self.pieces {
            match piece {
                Piece::Text(s, e) => out.push_str(&self.source[*s..*e]),
                Piece::Error(e) => return Err(e.clone()),
                Piece::Field {
                    name,
                    conversion,
                    spec,
                } => {
                    let value: &dyn Object = match *name {
                        Name::Index(i) => *positional.get(i).ok_or_else(|| Error {
                            kind: "IndexError",
                            message: msg!(
                                "Replacement index {i} out of range for positional args tuple"
                            ),
                        })?,
                        Name::Key(s, e) => {
                            let key = &self.source[s..e];
                            lookup(key).ok_or_else(|| Error::key_error(key))?
                        }
                    };
                    let converted;
                    let value = match conversion {
                        None => value,
                        Some(c) => {
                            let mut s = String::new();
                            match c {
                                's' => value.write_str(&mut s),
                                'r' => value.write_repr(&mut s),
                                'a' => {
                                    let mut r = String::new();
                                    value.write_repr(&mut r);
                                    text::push_ascii(&r, &mut s);
                                }
                                &c => {
                                    let shown = if (c as u32) > 32 && (c as u32) < 127 {
                                        msg!("{c}")
                                    } else {
                                        msg!("\\x{:x}", c as u32)
                                    };
                                    return Err(Error::value_error(msg!(
                                        "Unknown conversion specifier {shown}"
                                    )));
                                }
                            }
                            converted = s;
                            &converted as &dyn Object
                        }
                    };
                    match spec {
                        FieldSpec::Plain(s, e) => format_value(value, &self.source[*s..*e], out)?,
                        FieldSpec::Nested(n) => {
                            let mut spec = String::new();
                            n.apply_inner(positional, lookup, &mut spec)?;
                            format_value(value, &spec, out)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// `parse_field` and `field_name_split`, from byte `pos` (after the `{`):
/// the field and the byte offset after its `}`.
fn parse_field(
    source: &Arc<str>,
    pos: usize,
    end: usize,
    depth: u32,
    numbering: &mut (Numbering, usize),
) -> Result<(Piece, usize), Error> {
    let fmt = &source[..end];
    let b = fmt.as_bytes();
    let mut i = pos;
    let mut stop = None;
    while i < end {
        let c = b[i];
        i += 1;
        match c {
            b'{' => return Err(Error::value_error("unexpected '{' in field name")),
            b'[' => {
                while i < end && b[i] != b']' {
                    i += 1;
                }
            }
            b'}' | b':' | b'!' => {
                stop = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(stop) = stop else {
        return Err(Error::value_error("expected '}' before end of string"));
    };
    let name_end = i - 1;
    let field = &fmt[pos..name_end];
    if field.contains(['.', '[']) {
        return Err(Error::value_error(msg!(
            "attribute and index access in replacement fields are not supported: '{field}'"
        )));
    }
    let mut conversion = None;
    // (spec start, spec end, nested) once the syntax has been read.
    let mut spec_range = None;
    if stop == b'!' {
        let Some(c) = fmt[i..].chars().next() else {
            return Err(Error::value_error(
                "end of string while looking for conversion specifier",
            ));
        };
        conversion = Some(c);
        i += c.len_utf8();
        if i < end {
            let c = b[i];
            i += 1;
            if c == b'}' {
                spec_range = Some((i, i, false));
            } else if c != b':' {
                return Err(Error::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
        }
    } else if stop == b'}' {
        spec_range = Some((i, i, false));
    }
    if spec_range.is_none() {
        let spec_start = i;
        let mut count = 1;
        let mut nested = false;
        while i < end {
            let c = b[i];
            i += 1;
            match c {
                b'{' => {
                    nested = true;
                    count += 1;
                }
                b'}' => {
                    count -= 1;
                    if count == 0 {
                        spec_range = Some((spec_start, i - 1, nested));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    let Some((spec_start, spec_end, nested)) = spec_range else {
        return Err(Error::value_error("unmatched '{' in format spec"));
    };
    let index = if !field.is_empty() && field.bytes().all(|c| c.is_ascii_digit()) {
        let mut n: usize = 0;
        for d in field.bytes() {
            let d = usize::from(d - b'0');
            if n > (isize::MAX as usize - d) / 10 {
                return Err(Error::value_error(
                    "Too many decimal digits in format string",
                ));
            }
            n = n * 10 + d;
        }
        Some(n)
    } else {
        None
    };
    let name = if field.is_empty() || index.is_some() {
        let auto = field.is_empty();
        if numbering.0 == Numbering::Init {
            numbering.0 = if auto {
                Numbering::Auto
            } else {
                Numbering::Manual
            };
        }
        match (numbering.0, auto) {
            (Numbering::Manual, true) => {
                return Err(Error::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            (Numbering::Auto, false) => {
                return Err(Error::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            _ => {}
        }
        if auto {
            numbering.1 += 1;
            Name::Index(numbering.1 - 1)
        } else {
            Name::Index(index.unwrap_or(0))
        }
    } else {
        Name::Key(pos, name_end)
    };
    let spec = if !nested {
        FieldSpec::Plain(spec_start, spec_end)
    } else if depth <= 1 {
        FieldSpec::Nested(Box::new(Parsed {
            source: source.clone(),
            pieces: alloc::vec![Piece::Error(Error::value_error(
                "Max string recursion exceeded"
            ))],
        }))
    } else {
        FieldSpec::Nested(Box::new(Parsed::parse_range(
            source,
            spec_start,
            spec_end,
            depth - 1,
            numbering,
        )))
    };
    Ok((
        Piece::Field {
            name,
            conversion,
            spec,
        },
        i,
    ))
}

/// `fmt.format(*positional, **mapping)`, where `lookup` gives the keyword
/// arguments.
///
/// # References
/// <https://docs.python.org/3.11/library/string.html#format-string-syntax>
#[doc(alias = "str.format")]
pub(crate) fn format_str<'v>(
    fmt: &str,
    positional: &[&'v dyn Object],
    lookup: &mut Lookup<'_, 'v>,
) -> Result<String, Error> {
    let mut out = String::with_capacity(fmt.len() + 16);
    Parsed::parse_lenient(fmt).apply(positional, lookup, &mut out)?;
    Ok(out)
}

/// One replacement field as `_string.formatter_parser` gives it: the raw
/// field name, conversion and spec (nested fields left unexpanded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawField<'a> {
    pub(crate) name: &'a str,
    pub(crate) conversion: Option<char>,
    pub(crate) spec: &'a str,
}

/// `_string.formatter_parser(fmt)`'s fields (literal text skipped), with
/// its errors: what `logging`'s `{`-style validation walks.
pub(crate) fn formatter_parser(fmt: &str) -> Result<Vec<RawField<'_>>, Error> {
    let mut fields = Vec::new();
    let mut chars = fmt.char_indices().peekable();
    let next = |chars: &mut core::iter::Peekable<core::str::CharIndices<'_>>, end_error: &str| {
        chars.next().ok_or_else(|| Error::value_error(end_error))
    };
    while let Some((_, c)) = chars.next() {
        match c {
            '}' if chars.next_if(|&(_, c)| c == '}').is_none() => {
                return Err(Error::value_error(
                    "Single '}' encountered in format string",
                ));
            }
            '{' => {
                if chars.next_if(|&(_, c)| c == '{').is_some() {
                    continue;
                }
                let Some(&(start, _)) = chars.peek() else {
                    return Err(Error::value_error(
                        "Single '{' encountered in format string",
                    ));
                };
                let end_error = "expected '}' before end of string";
                let (mut at, mut ch) = next(&mut chars, end_error)?;
                while !matches!(ch, '}' | '!' | ':') {
                    if ch == '{' {
                        return Err(Error::value_error("unexpected '{' in field name"));
                    }
                    if ch == '[' {
                        while next(&mut chars, end_error)?.1 != ']' {}
                    }
                    (at, ch) = next(&mut chars, end_error)?;
                }
                let name = &fmt[start..at];
                let mut conversion = None;
                if ch == '!' {
                    conversion = Some(
                        next(
                            &mut chars,
                            "end of string while looking for conversion specifier",
                        )?
                        .1,
                    );
                    (_, ch) = next(&mut chars, "unmatched '{' in format spec")?;
                    if ch != ':' && ch != '}' {
                        return Err(Error::value_error(
                            "expected ':' after conversion specifier",
                        ));
                    }
                }
                let mut spec = "";
                if ch == ':' {
                    let spec_start = chars.peek().map_or(fmt.len(), |&(i, _)| i);
                    let mut depth = 1;
                    loop {
                        let (i, c) = next(&mut chars, "unmatched '{' in format spec")?;
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    spec = &fmt[spec_start..i];
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                fields.push(RawField {
                    name,
                    conversion,
                    spec,
                });
            }
            _ => {}
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod formatter_parser_tests {
    use super::*;

    #[test]
    fn fields_and_errors_follow_pythons_formatter_parser() {
        let ok = |f: &str| -> Vec<(String, Option<char>, String)> {
            formatter_parser(f)
                .unwrap()
                .into_iter()
                .map(|r| (String::from(r.name), r.conversion, String::from(r.spec)))
                .collect()
        };
        assert_eq!(ok("{a[:]}"), [("a[:]".into(), None, "".into())]);
        assert_eq!(ok("x{a:{{}}}y"), [("a".into(), None, "{{}}".into())]);
        assert_eq!(
            ok("{!r}{}"),
            [
                ("".into(), Some('r'), "".into()),
                ("".into(), None, "".into())
            ]
        );
        assert_eq!(ok("{a:{b:{c}}}"), [("a".into(), None, "{b:{c}}".into())]);
        assert_eq!(ok("{{}}"), []);
        let err = |f: &str| formatter_parser(f).unwrap_err().message;
        assert_eq!(err("{a"), "expected '}' before end of string");
        assert_eq!(
            err("{a!"),
            "end of string while looking for conversion specifier"
        );
        assert_eq!(err("{a!r"), "unmatched '{' in format spec");
        assert_eq!(err("{a!rx}"), "expected ':' after conversion specifier");
        assert_eq!(err("{a:{b}"), "unmatched '{' in format spec");
        assert_eq!(err("x}"), "Single '}' encountered in format string");
        assert_eq!(err("{a!}"), "unmatched '{' in format spec");
        assert_eq!(err("{0[}"), "expected '}' before end of string");
        assert_eq!(err("{"), "Single '{' encountered in format string");
        assert_eq!(err("{a{"), "unexpected '{' in field name");
    }
}
