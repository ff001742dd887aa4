//! `time.strftime`: glibc 2.36's `strftime` in the C locale, directive for
//! directive, flag for flag, into a caller's buffer.
//!
//! CPython hands the format straight to glibc, so glibc's behaviour is
//! Python's: the flags `_` (pad with spaces), `-` (do not pad numbers), `0`
//! (pad with zeros), `^` (upper case) and `#` (swap case) and a field
//! width apply to every directive, the `E` and `O` modifiers are accepted
//! where glibc accepts them (the C locale has no eras or alternative
//! digits), and an unknown directive, or one with a modifier it does not
//! take, is copied out as written (`%#Eh` in upper case, `%#EH`: glibc
//! sets the case of `%b` and `%h` before it looks at the modifier). A width
//! pads text too, and `%z`'s sign is padded to it separately, as glibc
//! does.

use super::calendar::{Tm, is_leap};
use super::error::Error;
use super::struct_time::{MON_ABBR, MON_FULL, StructTime, WDAY_ABBR, WDAY_FULL, ZoneName, checktm};

#[cfg(test)]
#[path = "strftime_glibc_tests.rs"]
mod glibc_tests;

/// What some directives need from the time zone: `%s` converts the
/// struct with `mktime`, and `%Z` falls back to `tzname` when the struct
/// has no zone name.
pub(crate) trait ZoneHooks {
    fn mktime(&mut self, tm: &Tm) -> Option<i64>;
    fn tzname(&mut self) -> [ZoneName; 2];
}

/// The output: bytes written so far into `buf` (or only counted), and
/// how many characters they are (glibc's `wcsftime`, which CPython uses,
/// pads to a width in characters).
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
    chars: usize,
    counting: bool,
}

impl Out<'_> {
    #[inline(always)]
    fn reserve(&self, bytes: usize) -> Result<(), Error> {
        if self.counting || bytes <= self.buf.len() - self.len {
            Ok(())
        } else {
            Err(Error::BufferTooSmall)
        }
    }

    fn fill(&mut self, n: usize, byte: u8) {
        if !self.counting {
            self.buf[self.len..self.len + n].fill(byte);
        }
        self.len += n;
        self.chars += n;
    }

    fn push(&mut self, c: char) {
        if !self.counting {
            c.encode_utf8(&mut self.buf[self.len..]);
        }
        self.len += c.len_utf8();
        self.chars += 1;
    }

    /// Whole UTF-8 characters, `chars` of them, already reserved.
    #[inline(always)]
    fn push_bytes(&mut self, bytes: &[u8], chars: usize) {
        if !self.counting {
            let dst = &mut self.buf[self.len..self.len + bytes.len()];
            // Single bytes are the common case: no call to memcpy.
            match (dst, bytes) {
                ([d], [s]) => *d = *s,
                ([d0, d1], [s0, s1]) => (*d0, *d1) = (*s0, *s1),
                (dst, bytes) => dst.copy_from_slice(bytes),
            }
        }
        self.len += bytes.len();
        self.chars += chars;
    }
}

/// The number of characters in UTF-8 text: its bytes that do not
/// continue a character.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Keep,
    Upper,
    Lower,
}

impl Case {
    /// `towupper`/`towlower`: a character's single-character case
    /// mapping, or the character itself.
    fn apply(self, c: char) -> char {
        fn single(mut it: impl Iterator<Item = char>, c: char) -> char {
            match (it.next(), it.next()) {
                (Some(m), None) => m,
                _ => c,
            }
        }
        match self {
            Case::Keep => c,
            Case::Upper if c.is_ascii() => c.to_ascii_uppercase(),
            Case::Lower if c.is_ascii() => c.to_ascii_lowercase(),
            Case::Upper => single(c.to_uppercase(), c),
            Case::Lower => single(c.to_lowercase(), c),
        }
    }
}

/// One directive's flags and width.
#[derive(Clone, Copy)]
struct Spec {
    /// 0, or the flag byte `_`, `-` or `0`.
    pad: u8,
    width: i32,
    to_upper: bool,
    to_lower: bool,
}

impl Spec {
    fn case(&self) -> Case {
        // glibc's `cpy` tests lower case first.
        if self.to_lower {
            Case::Lower
        } else if self.to_upper {
            Case::Upper
        } else {
            Case::Keep
        }
    }

    /// glibc's `add`: `n` characters of `bytes` bytes, after padding to
    /// the width (with zeros for the `0` flag, spaces otherwise).
    fn add(
        &self,
        out: &mut Out<'_>,
        n: usize,
        bytes: usize,
        write: impl FnOnce(&mut Out<'_>),
    ) -> Result<(), Error> {
        let delta = usize::try_from(self.width).unwrap_or(0).saturating_sub(n);
        out.reserve(bytes.saturating_add(delta))?;
        out.fill(delta, if self.pad == b'0' { b'0' } else { b' ' });
        write(out);
        Ok(())
    }

    /// glibc's `cpy`: text, padded, in the chosen case.
    fn cpy(&self, out: &mut Out<'_>, text: &str) -> Result<(), Error> {
        let case = self.case();
        if case == Case::Keep {
            let n = char_count(text.as_bytes());
            return self.add(out, n, text.len(), |out| out.push_bytes(text.as_bytes(), n));
        }
        let n = text.chars().count();
        let bytes = text.chars().map(|c| case.apply(c).len_utf8()).sum();
        self.add(out, n, bytes, |out| {
            text.chars().for_each(|c| out.push(case.apply(c)))
        })
    }
}

/// The C locale's names, or `?` for an index out of range.
fn name(table: &[&'static str], index: i32) -> &'static str {
    usize::try_from(index)
        .ok()
        .and_then(|i| table.get(i))
        .copied()
        .unwrap_or("?")
}

/// glibc's `iso_week_days`: days from the start of the first ISO week of
/// the year to day `yday` (a `wday`).
fn iso_week_days(yday: i32, wday: i32) -> i32 {
    const BIG_ENOUGH_MULTIPLE_OF_7: i32 = (366 / 7 + 2) * 7;
    yday - (yday - wday + 4 + BIG_ENOUGH_MULTIPLE_OF_7) % 7 + 3
}

/// glibc's `do_number` and `do_number_sign_and_padding`: `digits` is the
/// minimum number of digits (the directive's, or the width if larger).
fn number(
    out: &mut Out<'_>,
    spec: Spec,
    digits: i32,
    magnitude: u64,
    negative: bool,
) -> Result<(), Error> {
    let mut buf = [0u8; 21];
    let mut start = buf.len();
    let mut u = magnitude;
    loop {
        start -= 1;
        buf[start] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if negative {
        start -= 1;
        buf[start] = b'-';
    }
    let mut spec = spec;
    if spec.pad != b'-' {
        let len = (buf.len() - start) as i64;
        let padding = i64::from(digits) - len;
        if padding > 0 {
            let padding = padding as usize;
            if spec.pad == b'_' {
                out.reserve(padding)?;
                out.fill(padding, b' ');
                spec.width = if spec.width as i64 > padding as i64 {
                    spec.width - padding as i32
                } else {
                    0
                };
            } else {
                out.reserve(usize::try_from(digits).unwrap_or(0))?;
                if negative {
                    start += 1;
                    out.push('-');
                }
                out.fill(padding, b'0');
                spec.width = 0;
            }
        }
    }
    // ASCII digits and sign.
    spec.cpy(out, core::str::from_utf8(&buf[start..]).unwrap_or(""))
}

/// Two-digit numbers as text.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// A number from 0 to 9999 zero-padded to `d` (1 to 4) digits, as
/// `DO_NUMBER` writes it when there is no flag and no width: the digits
/// left-aligned in a word, and how many there are.
#[inline(always)]
fn digits(v: u32, d: usize) -> ([u8; 8], usize) {
    if d == 2 && v < 100 {
        let i = v as usize * 2;
        return ([PAIRS[i], PAIRS[i + 1], 0, 0, 0, 0, 0, 0], 2);
    }
    let len = if v >= 1000 {
        4
    } else if v >= 100 {
        3
    } else if v >= 10 {
        2
    } else {
        1
    };
    let n = len.max(d);
    let (hi, lo) = ((v / 100) as usize * 2, (v % 100) as usize * 2);
    let four = u32::from_be_bytes([PAIRS[hi], PAIRS[hi + 1], PAIRS[lo], PAIRS[lo + 1]]);
    // Shifted rather than sliced: no variable-length copy.
    let [a, b, c, e] = (four << (8 * (4 - n))).to_be_bytes();
    ([a, b, c, e, 0, 0, 0, 0], n)
}

/// `DO_NUMBER(d, value)`.
fn int(out: &mut Out<'_>, spec: Spec, d: i32, value: i32) -> Result<(), Error> {
    if spec.pad == 0 && spec.width < 0 && (0..10_000).contains(&value) && d <= 4 {
        let (word, n) = digits(value as u32, d as usize);
        out.reserve(n)?;
        out.push_bytes(&word[..n], n);
        return Ok(());
    }
    let digits = d.max(spec.width);
    number(out, spec, digits, value.unsigned_abs().into(), value < 0)
}

/// The fields the plain directives print, in `plain_directive`'s order.
#[inline(always)]
fn plain_values(tp: &Tm) -> [i32; 7] {
    [
        tp.year.wrapping_add(1900),
        tp.mon.wrapping_add(1),
        tp.mday,
        tp.hour,
        tp.min,
        tp.sec,
        tp.yday.wrapping_add(1),
    ]
}

/// The common numeric directives (`%Y %m %d %H %M %S %j %z`) without
/// flags, width or modifier, in their common range: their bytes
/// left-aligned in a word and how many there are; `None` for anything
/// the general way must handle.
#[inline(always)]
fn plain_directive(c: u8, tp: &Tm, values: &[i32; 7]) -> Option<([u8; 8], usize)> {
    // Looked up rather than matched: a table read is cheaper than the
    // jump a `match` becomes.
    const NONE: (u8, u8) = (0, 0);
    const PLAIN: [(u8, u8); 128] = {
        let mut t = [NONE; 128];
        // (field + 1, digits)
        t[b'Y' as usize] = (1, 1);
        t[b'm' as usize] = (2, 2);
        t[b'd' as usize] = (3, 2);
        t[b'H' as usize] = (4, 2);
        t[b'M' as usize] = (5, 2);
        t[b'S' as usize] = (6, 2);
        t[b'j' as usize] = (7, 3);
        t
    };
    let (field, d) = PLAIN.get(usize::from(c)).copied().unwrap_or(NONE);
    if field != 0 {
        let v = values[usize::from(field) - 1];
        return (0..10_000)
            .contains(&v)
            .then(|| digits(v as u32, usize::from(d)));
    }
    if c == b'z' && tp.isdst >= 0 && tp.gmtoff.unsigned_abs() < 3600 * 100 {
        let minutes = (tp.gmtoff as i32).unsigned_abs() / 60;
        let (hhmm, _) = digits(minutes / 60 * 100 + minutes % 60, 4);
        let sign = if tp.gmtoff < 0 { b'-' } else { b'+' };
        let [a, b, c, d, ..] = hhmm;
        return Some(([sign, a, b, c, d, 0, 0, 0], 5));
    }
    None
}

/// The common case in one tight pass: text and plain directives only
/// (see `plain_directive`), into a buffer with room to spare. `None`
/// sends the caller the general way, which also reports every error
/// (an embedded NUL, a buffer too small).
#[inline(always)]
fn format_plain(fmt: &[u8], tp: &Tm, buf: &mut [u8]) -> Option<usize> {
    let values = plain_values(tp);
    let mut len = 0;
    let mut f = 0;
    while let Some(&b) = fmt.get(f) {
        if b != b'%' {
            // Non-ASCII bytes are copied too: whole characters, in order.
            if b == 0 {
                return None;
            }
            *buf.get_mut(len)? = b;
            len += 1;
            f += 1;
            continue;
        }
        let (word, n) = plain_directive(*fmt.get(f + 1)?, tp, &values)?;
        // A whole word when there is room for it: one store, no memcpy.
        buf.get_mut(len..len + word.len())?.copy_from_slice(&word);
        len += n;
        f += 2;
    }
    Some(len)
}

/// The hour on a 12-hour clock.
fn hour12(hour: i32) -> i32 {
    if hour > 12 {
        hour - 12
    } else if hour == 0 {
        12
    } else {
        hour
    }
}

/// A directive that is a format of its own (`%c`, `%D`, ...): formatted
/// once to learn its length, padded, formatted again into place.
fn subformat(
    out: &mut Out<'_>,
    spec: Spec,
    tp: &Tm,
    zone: Option<&str>,
    hooks: &mut dyn ZoneHooks,
    sub: &str,
) -> Result<(), Error> {
    let mut counter = Out {
        buf: &mut [],
        len: 0,
        chars: 0,
        counting: true,
    };
    format(sub, tp, zone, &mut counter, hooks)?;
    let mut result = Ok(());
    spec.add(out, counter.chars, counter.len, |out| {
        let from = out.len;
        result = format(sub, tp, zone, out, hooks);
        // The sub-formats' output is ASCII.
        if spec.to_upper && !out.counting {
            out.buf[from..out.len].make_ascii_uppercase();
        }
    })?;
    result
}

/// glibc's `bad_format`, for an unknown directive or a modifier the
/// directive does not take: the format as written, from the last '%'
/// before `end` (for `%E%` that is just the second '%') up to `end`,
/// padded and in the case the flags (and any directive before it gave
/// up) chose.
fn as_written(
    out: &mut Out<'_>,
    spec: Spec,
    fmt: &str,
    start: usize,
    end: usize,
) -> Result<(), Error> {
    let text = fmt.get(start..end).unwrap_or("");
    let from = text.rfind('%').unwrap_or(0);
    spec.cpy(out, &text[from..])
}

/// glibc's `__strftime_internal` (as `wcsftime`) over `fmt`.
fn format(
    fmt: &str,
    tp: &Tm,
    zone: Option<&str>,
    out: &mut Out<'_>,
    hooks: &mut dyn ZoneHooks,
) -> Result<(), Error> {
    let values = plain_values(tp);
    let bytes = fmt.as_bytes();
    // The character at byte `i` (the format is walked at character
    // boundaries), or NUL past the end.
    let at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x80 => b as char,
        Some(_) => fmt.get(i..).and_then(|r| r.chars().next()).unwrap_or('\0'),
        None => '\0',
    };
    let mut f = 0;
    while f < fmt.len() {
        let b = bytes[f];
        if b != b'%' && b < 0x80 {
            if !out.counting {
                *out.buf.get_mut(out.len).ok_or(Error::BufferTooSmall)? = b;
            }
            out.len += 1;
            out.chars += 1;
            f += 1;
            continue;
        }
        if b != b'%' {
            // Text up to the next directive, copied as it is.
            let end = bytes[f..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(bytes.len(), |i| f + i);
            let text = &bytes[f..end];
            out.reserve(text.len())?;
            out.push_bytes(text, char_count(text));
            f = end;
            continue;
        }
        if let Some(&c) = bytes.get(f + 1)
            && let Some((word, n)) = plain_directive(c, tp, &values)
        {
            out.reserve(n)?;
            out.push_bytes(&word[..n], n);
            f += 2;
            continue;
        }
        let start = f;
        let mut spec = Spec {
            pad: 0,
            width: -1,
            to_upper: false,
            to_lower: false,
        };
        let mut change_case = false;
        f += 1;
        loop {
            match at(f) {
                c @ ('_' | '-' | '0') => spec.pad = c as u8,
                '^' => spec.to_upper = true,
                '#' => change_case = true,
                _ => break,
            }
            f += 1;
        }
        if at(f).is_ascii_digit() {
            spec.width = 0;
            while let Some(digit) = at(f).to_digit(10) {
                spec.width = spec
                    .width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(digit as i32))
                    .unwrap_or(i32::MAX);
                f += 1;
            }
        }
        let modifier = match at(f) {
            c @ ('E' | 'O') => {
                f += 1;
                c
            }
            _ => '\0',
        };
        // `f` indexes the directive now; it is stepped over at the end.
        let c = at(f);
        let year = tp.year.wrapping_add(1900);
        match c {
            '%' if modifier == '\0' => spec.cpy(out, "%")?,
            'a' | 'A' if modifier == '\0' => {
                if change_case {
                    spec.to_upper = true;
                    spec.to_lower = false;
                }
                let table: &[&str] = if c == 'a' { &WDAY_ABBR } else { &WDAY_FULL };
                spec.cpy(out, name(table, tp.wday))?;
            }
            'b' | 'h' if modifier == 'E' => {
                // glibc applies `#` to these two before it rejects the
                // modifier, so the copy is in upper case: `%#Eh` is
                // `%#EH` (and `%#EB` stays as written).
                if change_case {
                    spec.to_upper = true;
                }
                as_written(out, spec, fmt, start, f + 1)?;
            }
            'b' | 'h' | 'B' if modifier != 'E' => {
                if change_case {
                    spec.to_upper = true;
                    spec.to_lower = false;
                }
                // The C locale's alternative month names are the same.
                let table: &[&str] = if c == 'B' { &MON_FULL } else { &MON_ABBR };
                spec.cpy(out, name(table, tp.mon))?;
            }
            'c' if modifier != 'O' => {
                subformat(out, spec, tp, zone, hooks, "%a %b %e %H:%M:%S %Y")?
            }
            'x' if modifier != 'O' => subformat(out, spec, tp, zone, hooks, "%m/%d/%y")?,
            'X' if modifier != 'O' => subformat(out, spec, tp, zone, hooks, "%H:%M:%S")?,
            'D' if modifier == '\0' => subformat(out, spec, tp, zone, hooks, "%m/%d/%y")?,
            'F' if modifier == '\0' => subformat(out, spec, tp, zone, hooks, "%Y-%m-%d")?,
            'R' => subformat(out, spec, tp, zone, hooks, "%H:%M")?,
            'r' => subformat(out, spec, tp, zone, hooks, "%I:%M:%S %p")?,
            'T' => subformat(out, spec, tp, zone, hooks, "%H:%M:%S")?,
            'C' => int(out, spec, 1, year / 100 - i32::from(year % 100 < 0))?,
            'd' if modifier != 'E' => int(out, spec, 2, tp.mday)?,
            'e' | 'k' | 'l' if modifier != 'E' => {
                // Space-padded unless the `0` or `-` flag says otherwise.
                if spec.pad != b'0' && spec.pad != b'-' {
                    spec.pad = b'_';
                }
                let value = match c {
                    'e' => tp.mday,
                    'k' => tp.hour,
                    _ => hour12(tp.hour),
                };
                int(out, spec, 2, value)?;
            }
            'H' if modifier != 'E' => int(out, spec, 2, tp.hour)?,
            'I' if modifier != 'E' => int(out, spec, 2, hour12(tp.hour))?,
            'j' if modifier != 'E' => int(out, spec, 3, tp.yday.wrapping_add(1))?,
            'M' if modifier != 'E' => int(out, spec, 2, tp.min)?,
            'm' if modifier != 'E' => int(out, spec, 2, tp.mon.wrapping_add(1))?,
            'n' => spec.cpy(out, "\n")?,
            't' => spec.cpy(out, "\t")?,
            'p' | 'P' => {
                if c == 'P' {
                    spec.to_lower = true;
                }
                if change_case {
                    spec.to_upper = false;
                    spec.to_lower = true;
                }
                spec.cpy(out, if tp.hour > 11 { "PM" } else { "AM" })?;
            }
            'S' if modifier != 'E' => int(out, spec, 2, tp.sec)?,
            's' => {
                let t = hooks.mktime(tp).unwrap_or(-1);
                number(out, spec, 1, t.unsigned_abs(), t < 0)?;
            }
            'u' => int(out, spec, 1, (tp.wday - 1 + 7) % 7 + 1)?,
            'U' if modifier != 'E' => int(out, spec, 2, (tp.yday - tp.wday + 7) / 7)?,
            'V' | 'g' | 'G' if modifier != 'E' => {
                let mut iso_year = year;
                let mut days = iso_week_days(tp.yday, tp.wday);
                if days < 0 {
                    // The week belongs to the previous year.
                    iso_year = iso_year.wrapping_sub(1);
                    let len = 365 + i32::from(is_leap(iso_year.into()));
                    days = iso_week_days(tp.yday + len, tp.wday);
                } else {
                    let len = 365 + i32::from(is_leap(iso_year.into()));
                    let d = iso_week_days(tp.yday - len, tp.wday);
                    if d >= 0 {
                        // The week belongs to the next year.
                        iso_year = iso_year.wrapping_add(1);
                        days = d;
                    }
                }
                match c {
                    'g' => int(out, spec, 2, (iso_year % 100 + 100) % 100)?,
                    'G' => int(out, spec, 1, iso_year)?,
                    _ => int(out, spec, 2, days / 7 + 1)?,
                }
            }
            'W' if modifier != 'E' => int(out, spec, 2, (tp.yday - (tp.wday - 1 + 7) % 7 + 7) / 7)?,
            'w' if modifier != 'E' => int(out, spec, 1, tp.wday)?,
            'Y' if modifier != 'O' => int(out, spec, 1, year)?,
            'y' => int(out, spec, 2, (tp.year % 100 + 100) % 100)?,
            'Z' => {
                if change_case {
                    spec.to_upper = false;
                    spec.to_lower = true;
                }
                let fallback;
                let text: &str = match zone {
                    Some(z) if !z.is_empty() => z,
                    _ if tp.isdst >= 0 => {
                        // glibc asks tzset, then reads its tzname.
                        fallback = hooks.tzname();
                        match tp.isdst {
                            0 | 1 => fallback[tp.isdst as usize].as_str(),
                            _ => "?",
                        }
                    }
                    Some(z) => z,
                    None => "",
                };
                spec.cpy(out, text)?;
            }
            'z' => {
                if tp.isdst >= 0 {
                    // glibc keeps the offset in an `int`.
                    let diff = tp.gmtoff as i32;
                    // glibc pads the sign to the width too.
                    spec.cpy(out, if diff < 0 { "-" } else { "+" })?;
                    // For INT_MIN glibc's `diff = -diff` overflows, and
                    // its compiled code goes on as if it were 2^31 (`%z`
                    // of -2^31 s is `-59652314`, in CPython too): the
                    // magnitude, unsigned. The result fits an `i32`.
                    let minutes = diff.unsigned_abs() / 60;
                    int(out, spec, 4, ((minutes / 60) * 100 + minutes % 60) as i32)?;
                }
            }
            '\0' => {
                // A '%' (with flags) ends the format: copied as written.
                spec.cpy(out, &fmt[start..])?;
                return Ok(());
            }
            _ => as_written(out, spec, fmt, start, f + c.len_utf8())?,
        }
        f += c.len_utf8();
    }
    Ok(())
}

/// CPython's `time.strftime` after `gettmarg`: checks the struct as
/// `checktm` does, clamps `tm_isdst` to -1..=1, then formats.
pub(crate) fn strftime<'b>(
    fmt: &str,
    t: &StructTime,
    buf: &'b mut [u8],
    hooks: &mut dyn ZoneHooks,
) -> Result<&'b str, Error> {
    let mut tm = t.to_tm()?;
    checktm(&mut tm)?;
    tm.isdst = tm.isdst.clamp(-1, 1);
    if let Some(len) = format_plain(fmt.as_bytes(), &tm, buf) {
        // SAFETY: the format's bytes were copied whole and in order,
        // and plain directives are ASCII.
        return Ok(unsafe { core::str::from_utf8_unchecked(&buf[..len]) });
    }
    // After the struct's checks, as CPython converts the format only then.
    if fmt.as_bytes().contains(&0) {
        return Err(Error::EmbeddedNull);
    }
    let zone = t.tm_zone.as_ref().map(|z| z.as_str());
    let mut out = Out {
        buf,
        len: 0,
        chars: 0,
        counting: false,
    };
    format(fmt, &tm, zone, &mut out, hooks)?;
    let len = out.len;
    let buf = out.buf;
    // SAFETY: only whole UTF-8 characters were written: slices of the
    // `&str` format and zone names cut at character boundaries, ASCII
    // digits, signs and padding, and `char::encode_utf8`; case changes
    // map ASCII to ASCII or go through `char`.
    Ok(unsafe { core::str::from_utf8_unchecked(&buf[..len]) })
}
