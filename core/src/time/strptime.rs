//! `time.strptime`: CPython 3.11's `Lib/_strptime.py` in the C locale,
//! without building a regular expression or allocating.
//!
//! CPython turns the format into a regular expression (each directive an
//! alternation such as `3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9]`, whitespace
//! `\s+`, the rest literal, all case-insensitive), matches it at the start
//! of the input with backtracking, then computes the date from the groups.
//! Here the format is walked directly: the same alternatives are tried in
//! the same order, backtracking through a fixed stack of choice points, so
//! the same text matches the same way. Errors are CPython's, in the order
//! CPython finds them: a bad directive or a stray `%` first, then a group
//! defined twice (`re.error`, with its group numbers and position in the
//! pattern CPython would have built), then no match, left-over input, and
//! the checks on the values.
//!
//! Like Python's `re`, `\d` takes any Unicode decimal digit (and `int()`
//! reads it), `\s` any Unicode space, and case is ignored the Unicode way.

use core::fmt;

use super::calendar::{MON_YDAY, days_in_month, from_ordinal, is_leap, to_ordinal, weekday};
use super::struct_time::{StructTime, ZoneName};
use super::unicode::{digit_value, eq_ignore_case, full_lower, is_space, write_repr};

/// Why [`strptime`](super::strptime) failed. `Display` writes CPython's
/// message; [`StrptimeError::kind`] tells which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrptimeError<'a> {
    kind: StrptimeErrorKind,
    data: &'a str,
    format: &'a str,
}

/// The kinds of [`StrptimeError`], with CPython's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StrptimeErrorKind {
    /// `'Q' is a bad directive in format '%Q'` (`%` followed by a space
    /// or a regular expression character is reported as `'%'`).
    BadDirective(char),
    /// `stray % in format '...'`: a format ending in a lone `%`.
    StrayPercent,
    /// `redefinition of group name 'd' as group 2; was group 1 at
    /// position 48`: a directive used twice (Python raises `re.error`).
    Redefinition {
        /// The directive.
        name: char,
        /// Its second group's number in CPython's pattern.
        group: u32,
        /// Its first group's number.
        was: u32,
        /// Where the second group's name starts in the pattern.
        position: u32,
    },
    /// `time data '...' does not match format '...'`.
    NoMatch,
    /// `unconverted data remains: ...`; the input from byte `at` on.
    UnconvertedData {
        /// The byte offset where the match ended.
        at: usize,
    },
    /// `Inconsistent use of : in +01:3045`: `%z` with one colon of two.
    InconsistentColon {
        /// The byte range of the `%z` text.
        start: usize,
        /// The end of that range.
        end: usize,
    },
    /// `invalid literal for int() with base 10: ':4'`: `%z` seconds
    /// after a colon when the minutes had none.
    InvalidLiteral {
        /// The two characters CPython tried to read as a number.
        text: [char; 2],
    },
    /// `'fri̇day' is not in list`: a name that matched only because case
    /// was ignored the Unicode way (`İ` for `i`), lowered.
    NotInList {
        /// The byte range of the matched name.
        start: usize,
        /// The end of that range.
        end: usize,
    },
    /// `ISO year directive '%G' must be used with the ISO week directive
    /// '%V' and a weekday directive ('%A', '%a', '%w', or '%u').`
    IsoYearWithoutWeek,
    /// `Day of the year directive '%j' is not compatible with ISO year
    /// directive '%G'. Use '%Y' instead.`
    IsoYearWithJulian,
    /// `ISO week directive '%V' must be used with the ISO year directive
    /// '%G' and a weekday directive ('%A', '%a', '%w', or '%u').`
    IsoWeekWithoutYear,
    /// `ISO week directive '%V' is incompatible with the year directive
    /// '%Y'. Use the ISO year '%G' instead.`
    IsoWeekWithYear,
    /// `day is out of range for month` (from `datetime.date`).
    DayOutOfRange,
    /// `year 0 is out of range` (from `datetime.date`): outside 1-9999.
    YearOutOfRange(i64),
    /// `ordinal must be >= 1` (from `datetime.date.fromordinal`).
    OrdinalOutOfRange,
    /// More backtracking state than Strata keeps, or a `%Z` match longer
    /// than [`ZONE_NAME_CAPACITY`](super::ZONE_NAME_CAPACITY); no format
    /// CPython accepts needs either.
    TooComplex,
}

impl<'a> StrptimeError<'a> {
    fn new(kind: StrptimeErrorKind, data: &'a str, format: &'a str) -> Self {
        StrptimeError { kind, data, format }
    }

    /// Which error this is.
    pub fn kind(&self) -> StrptimeErrorKind {
        self.kind
    }

    /// The exception CPython raises: `"ValueError"`, or `"re.error"` for
    /// [`StrptimeErrorKind::Redefinition`].
    pub fn python_exception(&self) -> &'static str {
        match self.kind {
            StrptimeErrorKind::Redefinition { .. } => "re.error",
            _ => "ValueError",
        }
    }
}

impl fmt::Display for StrptimeError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use StrptimeErrorKind as K;
        let data = self.data;
        let format = self.format;
        match self.kind {
            K::BadDirective(c) => write!(f, "'{c}' is a bad directive in format '{format}'"),
            K::StrayPercent => write!(f, "stray % in format '{format}'"),
            K::Redefinition {
                name,
                group,
                was,
                position,
            } => write!(
                f,
                "redefinition of group name '{name}' as group {group}; was group {was} at position {position}"
            ),
            K::NoMatch => {
                f.write_str("time data ")?;
                write_repr(f, data.chars().map(u32::from))?;
                f.write_str(" does not match format ")?;
                write_repr(f, format.chars().map(u32::from))
            }
            K::UnconvertedData { at } => {
                write!(f, "unconverted data remains: {}", data.get(at..).unwrap_or(""))
            }
            K::InconsistentColon { start, end } => {
                write!(f, "Inconsistent use of : in {}", data.get(start..end).unwrap_or(""))
            }
            K::InvalidLiteral { text } => {
                f.write_str("invalid literal for int() with base 10: ")?;
                write_repr(f, text.iter().map(|&c| u32::from(c)))
            }
            K::NotInList { start, end } => {
                let text = data.get(start..end).unwrap_or("");
                write_repr(
                    f,
                    text.chars()
                        .flat_map(|c| {
                            let (a, b) = full_lower(c);
                            core::iter::once(a).chain(b)
                        })
                        .map(u32::from),
                )?;
                f.write_str(" is not in list")
            }
            K::IsoYearWithoutWeek => f.write_str(
                "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').",
            ),
            K::IsoYearWithJulian => f.write_str(
                "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.",
            ),
            K::IsoWeekWithoutYear => f.write_str(
                "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').",
            ),
            K::IsoWeekWithYear => f.write_str(
                "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.",
            ),
            K::DayOutOfRange => f.write_str("day is out of range for month"),
            K::YearOutOfRange(y) => write!(f, "year {y} is out of range"),
            K::OrdinalOutOfRange => f.write_str("ordinal must be >= 1"),
            K::TooComplex => f.write_str("the format needs more backtracking state than strptime keeps"),
        }
    }
}

impl core::error::Error for StrptimeError<'_> {}

// ------------------------------------------------------------ the pattern

/// A piece of the pattern CPython builds from a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Elem {
    /// A character, matched ignoring case.
    Lit(char),
    /// `\s+`: a run of whitespace in the format.
    Space,
    /// A directive's group.
    Dir(u8),
}

/// The characters `_strptime` escapes in the format.
fn is_regex_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '.' | '^' | '$' | '*' | '+' | '?' | '(' | ')' | '{' | '}' | '[' | ']' | '|'
    )
}

/// `%c`, `%x` and `%X` of the C locale, as `_strptime` rewrites them.
const EXPAND_C: &[Elem] = &[
    Elem::Dir(b'a'),
    Elem::Space,
    Elem::Dir(b'b'),
    Elem::Space,
    Elem::Dir(b'd'),
    Elem::Space,
    Elem::Dir(b'H'),
    Elem::Lit(':'),
    Elem::Dir(b'M'),
    Elem::Lit(':'),
    Elem::Dir(b'S'),
    Elem::Space,
    Elem::Dir(b'Y'),
];
const EXPAND_X_DATE: &[Elem] = &[
    Elem::Dir(b'm'),
    Elem::Lit('/'),
    Elem::Dir(b'd'),
    Elem::Lit('/'),
    Elem::Dir(b'y'),
];
const EXPAND_X_TIME: &[Elem] = &[
    Elem::Dir(b'H'),
    Elem::Lit(':'),
    Elem::Dir(b'M'),
    Elem::Lit(':'),
    Elem::Dir(b'S'),
];

fn expansion(d: u8) -> Option<&'static [Elem]> {
    match d {
        b'c' => Some(EXPAND_C),
        b'x' => Some(EXPAND_X_DATE),
        b'X' => Some(EXPAND_X_TIME),
        _ => None,
    }
}

/// A place in the format: a byte index, and an index into the expansion
/// of the `%c`/`%x`/`%X` found there (0: not inside one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Pos {
    at: usize,
    sub: u8,
}

/// The pieces of a validated format, one at a time.
#[inline]
fn next_elem(fmt: &str, pos: Pos) -> Option<(Elem, Pos)> {
    // The common case first: an ASCII character that is no directive and
    // no whitespace.
    if pos.sub == 0
        && let Some(&b) = fmt.as_bytes().get(pos.at)
        && b < 0x80
        && b != b'%'
        && !is_space(char::from(b))
    {
        let next = Pos {
            at: pos.at + 1,
            sub: 0,
        };
        return Some((Elem::Lit(char::from(b)), next));
    }
    let mut pos = pos;
    loop {
        if pos.sub > 0 {
            let d = fmt.as_bytes()[pos.at + 1];
            let exp = expansion(d).unwrap_or(&[]);
            if let Some(&e) = exp.get(usize::from(pos.sub) - 1) {
                return Some((
                    e,
                    Pos {
                        at: pos.at,
                        sub: pos.sub + 1,
                    },
                ));
            }
            pos = Pos {
                at: pos.at + 2,
                sub: 0,
            };
            continue;
        }
        let c = fmt[pos.at..].chars().next()?;
        if is_space(c) {
            let run = fmt[pos.at..]
                .find(|c: char| !is_space(c))
                .unwrap_or(fmt.len() - pos.at);
            return Some((
                Elem::Space,
                Pos {
                    at: pos.at + run,
                    sub: 0,
                },
            ));
        }
        if c != '%' {
            return Some((
                Elem::Lit(c),
                Pos {
                    at: pos.at + c.len_utf8(),
                    sub: 0,
                },
            ));
        }
        // Validated: an ASCII directive follows.
        let d = fmt.as_bytes()[pos.at + 1];
        if d == b'%' {
            return Some((
                Elem::Lit('%'),
                Pos {
                    at: pos.at + 2,
                    sub: 0,
                },
            ));
        }
        if expansion(d).is_some() {
            pos.sub = 1;
            continue;
        }
        return Some((
            Elem::Dir(d),
            Pos {
                at: pos.at + 2,
                sub: 0,
            },
        ));
    }
}

/// The keys of CPython's `TimeRE`.
fn is_directive(c: char) -> bool {
    matches!(
        c,
        'd' | 'f'
            | 'H'
            | 'I'
            | 'G'
            | 'j'
            | 'm'
            | 'M'
            | 'S'
            | 'U'
            | 'w'
            | 'u'
            | 'V'
            | 'y'
            | 'Y'
            | 'z'
            | 'A'
            | 'a'
            | 'B'
            | 'b'
            | 'p'
            | 'Z'
            | '%'
            | 'W'
            | 'c'
            | 'x'
            | 'X'
    )
}

/// `TimeRE.pattern`'s directive lookup: the first bad directive, or a
/// stray `%` at the end.
fn check_directives(fmt: &str) -> Result<(), StrptimeErrorKind> {
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            None => return Err(StrptimeErrorKind::StrayPercent),
            // Escaped or replaced by `\s+`: the key is a backslash.
            Some(d) if is_regex_special(d) || is_space(d) => {
                return Err(StrptimeErrorKind::BadDirective('%'));
            }
            Some(d) if !is_directive(d) => return Err(StrptimeErrorKind::BadDirective(d)),
            Some(_) => {}
        }
    }
    Ok(())
}

/// The number patterns, as CPython writes them (their lengths place
/// groups in the pattern).
fn number_regex(d: u8) -> &'static str {
    match d {
        b'd' => r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])",
        b'f' => r"(?P<f>[0-9]{1,6})",
        b'H' => r"(?P<H>2[0-3]|[0-1]\d|\d)",
        b'I' => r"(?P<I>1[0-2]|0[1-9]|[1-9])",
        b'G' => r"(?P<G>\d\d\d\d)",
        b'j' => r"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
        b'm' => r"(?P<m>1[0-2]|0[1-9]|[1-9])",
        b'M' => r"(?P<M>[0-5]\d|\d)",
        b'S' => r"(?P<S>6[0-1]|[0-5]\d|\d)",
        b'U' => r"(?P<U>5[0-3]|[0-4]\d|\d)",
        b'W' => r"(?P<W>5[0-3]|[0-4]\d|\d)",
        b'w' => r"(?P<w>[0-6])",
        b'u' => r"(?P<u>[1-7])",
        b'V' => r"(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)",
        b'y' => r"(?P<y>\d\d)",
        b'Y' => r"(?P<Y>\d\d\d\d)",
        b'z' => r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
        _ => "",
    }
}

/// The C locale's names, lowered, in the order `__seqToRE` sorts them
/// (longest first, ties in list order).
const WEEKDAYS_ABBR: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAYS_FULL: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS_ABBR: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const MONTHS_FULL: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS_FULL_SORTED: [&str; 7] = [
    "wednesday",
    "thursday",
    "saturday",
    "tuesday",
    "monday",
    "friday",
    "sunday",
];
const MONTHS_FULL_SORTED: [&str; 12] = [
    "september",
    "february",
    "november",
    "december",
    "january",
    "october",
    "august",
    "march",
    "april",
    "june",
    "july",
    "may",
];
const AM_PM: [&str; 2] = ["am", "pm"];

fn names(d: u8) -> &'static [&'static str] {
    match d {
        b'a' => &WEEKDAYS_ABBR,
        b'A' => &WEEKDAYS_FULL_SORTED,
        b'b' => &MONTHS_ABBR,
        b'B' => &MONTHS_FULL_SORTED,
        b'p' => &AM_PM,
        _ => &[],
    }
}

/// `%Z`'s alternatives: CPython's `{"utc", "gmt", tzname[0].lower()}` and,
/// with DST, `{tzname[1].lower()}`, longest first.
#[derive(Clone, Copy)]
struct ZoneNames<'z> {
    list: [&'z str; 4],
    count: usize,
}

impl<'z> ZoneNames<'z> {
    const NONE: ZoneNames<'static> = ZoneNames {
        list: [""; 4],
        count: 0,
    };

    fn new(tzname: &'z [ZoneName; 2], daylight: bool) -> Self {
        let mut list = ["utc", "gmt", "", ""];
        let mut count = 2;
        let std = tzname[0].as_str();
        if !list[..2].iter().any(|n| lower_eq(n, std)) {
            list[count] = std;
            count += 1;
        }
        if daylight {
            list[count] = tzname[1].as_str();
            count += 1;
        }
        // Stable sort by lowered length, longest first.
        let mut sorted = ZoneNames { list, count };
        for i in 1..count {
            let mut j = i;
            while j > 0 && lowered_len(sorted.list[j - 1]) < lowered_len(sorted.list[j]) {
                sorted.list.swap(j - 1, j);
                j -= 1;
            }
        }
        sorted
    }

    fn iter(&self) -> impl Iterator<Item = &'z str> + '_ {
        self.list[..self.count].iter().copied()
    }
}

/// The characters of `s.lower()`.
fn lowered(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.chars().flat_map(|c| {
        let (a, b) = full_lower(c);
        core::iter::once(a).chain(b)
    })
}

fn lowered_len(s: &str) -> usize {
    lowered(s).count()
}

/// `a.lower() == b.lower()`.
fn lower_eq(a: &str, b: &str) -> bool {
    lowered(a).eq(lowered(b))
}

/// The characters `re.escape` escapes.
fn re_escaped(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '?'
            | '*'
            | '+'
            | '-'
            | '|'
            | '^'
            | '$'
            | '\\'
            | '.'
            | '&'
            | '~'
            | '#'
            | ' '
            | '\t'
            | '\n'
            | '\r'
            | '\x0b'
            | '\x0c'
    )
}

/// The length in characters of a directive's pattern, and how many groups
/// it opens.
fn regex_len(d: u8, zones: &ZoneNames<'_>) -> (usize, u32) {
    match d {
        b'a' | b'A' | b'b' | b'B' | b'p' | b'Z' => {
            // "(?P<x>" + "|".join(re.escape(name)) + ")"
            let mut len = 7;
            let mut n = 0;
            let mut add = |name: &mut dyn Iterator<Item = char>| {
                for c in name {
                    len += 1 + usize::from(re_escaped(c));
                }
                n += 1;
            };
            if d == b'Z' {
                for z in zones.iter() {
                    add(&mut lowered(z));
                }
            } else {
                for name in names(d) {
                    add(&mut name.chars());
                }
            }
            (len + n - 1, 1)
        }
        b'z' => (number_regex(d).len(), 3),
        _ => match expansion(d) {
            Some(exp) => {
                let mut len = 0;
                let mut groups = 0;
                for e in exp {
                    let (l, g) = elem_regex_len(*e, zones);
                    len += l;
                    groups += g;
                }
                (len, groups)
            }
            None => (number_regex(d).len(), 1),
        },
    }
}

fn elem_regex_len(e: Elem, zones: &ZoneNames<'_>) -> (usize, u32) {
    match e {
        Elem::Lit(c) => (1 + usize::from(is_regex_special(c)), 0),
        Elem::Space => (3, 0),
        Elem::Dir(d) => regex_len(d, zones),
    }
}

/// The directives in pattern order, at most one each; a second one is
/// `re.error` as CPython's compiler reports it.
struct Groups {
    order: [u8; 32],
    count: usize,
}

/// The directives in pattern order; `None` if one comes twice (then
/// [`redefinition`] says how CPython reports it).
fn groups(fmt: &str) -> Option<Groups> {
    let mut seen = 0u128;
    let mut groups = Groups {
        order: [0; 32],
        count: 0,
    };
    let mut add = |d: u8| {
        let bit = 1u128 << (d & 127);
        if seen & bit != 0 {
            return false;
        }
        seen |= bit;
        // At most one of each of the 24 group directives.
        if groups.count < groups.order.len() {
            groups.order[groups.count] = d;
            groups.count += 1;
        }
        true
    };
    // The format was checked: every '%' is followed by an ASCII key.
    let bytes = fmt.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            i += 1;
            continue;
        }
        let d = bytes[i + 1];
        i += 2;
        match (d, expansion(d)) {
            (b'%', _) => {}
            (_, Some(exp)) => {
                for e in exp {
                    if let Elem::Dir(d) = *e
                        && !add(d)
                    {
                        return None;
                    }
                }
            }
            (_, None) => {
                if !add(d) {
                    return None;
                }
            }
        }
    }
    Some(groups)
}

/// The `re.error` CPython's compiler raises for the first directive used
/// twice: group numbers and the position of its name in the pattern.
fn redefinition(fmt: &str, zones: &ZoneNames<'_>) -> StrptimeErrorKind {
    let mut number = [0u32; 128];
    let mut position = 0usize;
    let mut next_group = 1u32;
    let mut pos = Pos::default();
    while let Some((e, next)) = next_elem(fmt, pos) {
        let (len, opened) = elem_regex_len(e, zones);
        if let Elem::Dir(d) = e {
            let slot = usize::from(d);
            if number[slot] != 0 {
                return StrptimeErrorKind::Redefinition {
                    name: char::from(d),
                    group: next_group,
                    was: number[slot],
                    position: (position + 4) as u32,
                };
            }
            number[slot] = next_group;
        }
        position += len;
        next_group += opened;
        pos = next;
    }
    // Only called when `groups` found a directive twice.
    StrptimeErrorKind::TooComplex
}

// --------------------------------------------------------------- matching

/// A character class of the number patterns.
#[derive(Clone, Copy)]
enum Atom {
    /// `\d`: any Unicode decimal digit.
    Digit,
    /// `[lo-hi]`, ASCII.
    Range(u8, u8),
    /// One exact character.
    Char(u8),
}

use Atom::{Char as C, Digit as D, Range as R};

fn number_alternatives(d: u8) -> &'static [&'static [Atom]] {
    match d {
        b'd' => &[
            &[C(b'3'), R(b'0', b'1')],
            &[R(b'1', b'2'), D],
            &[C(b'0'), R(b'1', b'9')],
            &[R(b'1', b'9')],
            &[C(b' '), R(b'1', b'9')],
        ],
        b'H' => &[&[C(b'2'), R(b'0', b'3')], &[R(b'0', b'1'), D], &[D]],
        b'I' | b'm' => &[
            &[C(b'1'), R(b'0', b'2')],
            &[C(b'0'), R(b'1', b'9')],
            &[R(b'1', b'9')],
        ],
        b'G' | b'Y' => &[&[D, D, D, D]],
        b'j' => &[
            &[C(b'3'), C(b'6'), R(b'0', b'6')],
            &[C(b'3'), R(b'0', b'5'), D],
            &[R(b'1', b'2'), D, D],
            &[C(b'0'), R(b'1', b'9'), D],
            &[C(b'0'), C(b'0'), R(b'1', b'9')],
            &[R(b'1', b'9'), D],
            &[C(b'0'), R(b'1', b'9')],
            &[R(b'1', b'9')],
        ],
        b'M' => &[&[R(b'0', b'5'), D], &[D]],
        b'S' => &[&[C(b'6'), R(b'0', b'1')], &[R(b'0', b'5'), D], &[D]],
        b'U' | b'W' => &[&[C(b'5'), R(b'0', b'3')], &[R(b'0', b'4'), D], &[D]],
        b'w' => &[&[R(b'0', b'6')]],
        b'u' => &[&[R(b'1', b'7')]],
        b'V' => &[
            &[C(b'5'), R(b'0', b'3')],
            &[C(b'0'), R(b'1', b'9')],
            &[R(b'1', b'4'), D],
            &[D],
        ],
        b'y' => &[&[D, D]],
        _ => &[],
    }
}

fn atom_matches(a: Atom, c: char) -> bool {
    match a {
        Atom::Digit => digit_value(c).is_some(),
        Atom::Range(lo, hi) => c.is_ascii() && (lo..=hi).contains(&(c as u8)),
        Atom::Char(x) => c == char::from(x),
    }
}

fn match_atoms(atoms: &[Atom], s: &str, at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = at;
    for &a in atoms {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            // ASCII, the common case, without decoding.
            let ok = match a {
                Atom::Digit => b.is_ascii_digit(),
                Atom::Range(lo, hi) => (lo..=hi).contains(&b),
                Atom::Char(x) => b == x,
            };
            if !ok {
                return None;
            }
            i += 1;
        } else {
            let c = s[i..].chars().next()?;
            if !atom_matches(a, c) {
                return None;
            }
            i += c.len_utf8();
        }
    }
    Some(i)
}

/// Matches `name` (ignoring case) at `at`.
fn match_name(name: impl Iterator<Item = char>, s: &str, at: usize) -> Option<usize> {
    let mut chars = s[at..].chars();
    let mut end = at;
    for p in name {
        let c = chars.next()?;
        if !eq_ignore_case(p, c) {
            return None;
        }
        end += c.len_utf8();
    }
    Some(end)
}

/// The ends `%z` can match at `at`, in the order the regex tries them.
fn z_ends(s: &str, at: usize, out: &mut [usize; 32]) -> usize {
    let mut n = 0;
    let mut push = |end: usize| {
        if n < out.len() {
            out[n] = end;
            n += 1;
        }
    };
    let step = |i: usize, test: &dyn Fn(char) -> bool| -> Option<usize> {
        let c = s.get(i..)?.chars().next()?;
        test(c).then(|| i + c.len_utf8())
    };
    let digit = |c: char| digit_value(c).is_some();
    let zero_five = |c: char| ('0'..='5').contains(&c);
    let colon = |c: char| c == ':';
    // [+-]\d\d
    let p = step(at, &|c| c == '+' || c == '-')
        .and_then(|i| step(i, &digit))
        .and_then(|i| step(i, &digit));
    if let Some(p) = p {
        // :? greedy, then [0-5]\d
        for q in step(p, &colon).into_iter().chain([p]) {
            let Some(r) = step(q, &zero_five).and_then(|i| step(i, &digit)) else {
                continue;
            };
            // (:?[0-5]\d(\.\d{1,6})?)? greedy
            for t in step(r, &colon).into_iter().chain([r]) {
                let Some(u) = step(t, &zero_five).and_then(|i| step(i, &digit)) else {
                    continue;
                };
                if let Some(dot) = step(u, &|c| c == '.') {
                    let mut ends = [0usize; 6];
                    let mut k = 0;
                    let mut i = dot;
                    while k < 6 {
                        match step(i, &digit) {
                            Some(j) => {
                                ends[k] = j;
                                k += 1;
                                i = j;
                            }
                            None => break,
                        }
                    }
                    for j in (0..k).rev() {
                        push(ends[j]);
                    }
                }
                push(u);
            }
            push(r);
        }
    }
    if s[at..].starts_with('Z') {
        push(at + 1);
    }
    n
}

/// Tries directive `d` at `at`, from alternative `from` on: the end of
/// the first that matches, and its index.
fn match_dir(d: u8, s: &str, at: usize, from: u16, zones: &ZoneNames<'_>) -> Option<(usize, u16)> {
    let from = usize::from(from);
    match d {
        b'f' => {
            // [0-9]{1,6}, greedy.
            let n = s[at..]
                .bytes()
                .take(6)
                .take_while(u8::is_ascii_digit)
                .count();
            (from < n).then(|| (at + n - from, from as u16))
        }
        b'z' => {
            let mut ends = [0usize; 32];
            let n = z_ends(s, at, &mut ends);
            (from < n).then(|| (ends[from], from as u16))
        }
        b'a' | b'A' | b'b' | b'B' | b'p' => {
            let list = names(d);
            (from..list.len())
                .find_map(|i| match_name(list[i].chars(), s, at).map(|e| (e, i as u16)))
        }
        b'Z' => zones
            .iter()
            .enumerate()
            .skip(from)
            .find_map(|(i, z)| match_name(lowered(z), s, at).map(|e| (e, i as u16))),
        _ => {
            let alts = number_alternatives(d);
            (from..alts.len()).find_map(|i| match_atoms(alts[i], s, at).map(|e| (e, i as u16)))
        }
    }
}

/// The whitespace run at `at`: the byte offsets after each of its
/// characters.
fn space_ends(s: &str, at: usize) -> impl Iterator<Item = usize> + '_ {
    s[at..]
        .char_indices()
        .take_while(|&(_, c)| is_space(c))
        .map(move |(i, c)| at + i + c.len_utf8())
}

#[derive(Clone, Copy, Default)]
struct Frame {
    pos: Pos,
    at: usize,
    alt: u16,
}

const MAX_FRAMES: usize = 32;

/// The spans of the groups, by directive byte.
type Spans = [(usize, usize); 58];

/// A directive's slot in [`Spans`]: directives are letters, `A` to `z`.
fn slot(d: u8) -> usize {
    usize::from(d.wrapping_sub(b'A')).min(57)
}

/// Matches the pattern of `fmt` at the start of `s`; the end of the
/// match, with the groups' spans in `spans`.
fn match_format(
    fmt: &str,
    s: &str,
    zones: &ZoneNames<'_>,
    spans: &mut Spans,
) -> Result<Option<usize>, StrptimeErrorKind> {
    let mut stack = [Frame::default(); MAX_FRAMES];
    let mut sp = 0;
    let mut pos = Pos::default();
    let mut at = 0;
    // Tries element `e` (starting at `pos`, input `at`) from alternative
    // `from`; on success pushes a choice point and returns the new state.
    let attempt = |e: Elem, at: usize, from: u16, spans: &mut Spans| -> Option<(usize, u16)> {
        match e {
            Elem::Lit(p) => {
                if from != 0 {
                    return None;
                }
                let b = *s.as_bytes().get(at)?;
                if p.is_ascii() && b < 0x80 {
                    // ASCII against ASCII: case-insensitive equality is
                    // all `re.IGNORECASE` does there.
                    return (b.eq_ignore_ascii_case(&(p as u8))).then_some((at + 1, 0));
                }
                let c = s[at..].chars().next()?;
                eq_ignore_case(p, c).then(|| (at + c.len_utf8(), 0))
            }
            Elem::Space => {
                let n = space_ends(s, at).count();
                let from = usize::from(from);
                // Greedy: the longest run first.
                (from < n).then(|| {
                    (
                        space_ends(s, at).nth(n - 1 - from).unwrap_or(at),
                        from as u16,
                    )
                })
            }
            Elem::Dir(d) => {
                let (end, alt) = match_dir(d, s, at, from, zones)?;
                spans[slot(d)] = (at, end);
                Some((end, alt))
            }
        }
    };
    loop {
        let Some((e, next)) = next_elem(fmt, pos) else {
            return Ok(Some(at));
        };
        let mut found = attempt(e, at, 0, spans);
        if let Some((end, alt)) = found {
            if needs_frame(fmt, e, next) {
                if sp == MAX_FRAMES {
                    return Err(StrptimeErrorKind::TooComplex);
                }
                stack[sp] = Frame {
                    pos,
                    at,
                    alt: alt + 1,
                };
                sp += 1;
            }
            pos = next;
            at = end;
            continue;
        }
        // Backtrack to the latest choice point with an alternative left.
        while found.is_none() {
            if sp == 0 {
                return Ok(None);
            }
            sp -= 1;
            let frame = stack[sp];
            let Some((e, next)) = next_elem(fmt, frame.pos) else {
                continue;
            };
            found = attempt(e, frame.at, frame.alt, spans);
            if let Some((end, alt)) = found {
                stack[sp] = Frame {
                    alt: alt + 1,
                    ..frame
                };
                sp += 1;
                pos = next;
                at = end;
            }
        }
    }
}

/// The regex's first try, without backtracking: a format of ASCII text
/// (no whitespace) and number directives, each directive taking the first
/// of its alternatives that matches. When that try gets through the whole
/// format it is the match `re.match` returns (the engine tries exactly
/// this path first), so its end is returned; `None` when it fails or the
/// format has anything else, and [`match_format`] decides.
fn match_plain(fmt: &str, s: &str, spans: &mut Spans) -> Option<usize> {
    let f = fmt.as_bytes();
    let mut i = 0;
    let mut at = 0;
    while let Some(&p) = f.get(i) {
        let d = if p == b'%' { *f.get(i + 1)? } else { 0 };
        if d != 0 && d != b'%' {
            let end = number_alternatives(d)
                .iter()
                .find_map(|alt| match_atoms(alt, s, at))?;
            spans[slot(d)] = (at, end);
            at = end;
            i += 2;
            continue;
        }
        if !p.is_ascii() || is_space(char::from(p)) {
            return None;
        }
        // ASCII against ASCII: all `re.IGNORECASE` does there.
        let b = *s.as_bytes().get(at)?;
        if !b.eq_ignore_ascii_case(&p) {
            return None;
        }
        at += 1;
        i += if d == b'%' { 2 } else { 1 };
    }
    Some(at)
}

/// Whether an element can match another way that could matter: every
/// directive, and a whitespace run followed by a directive that may start
/// with whitespace (`%d`'s ` [1-9]`, a `%Z` name). Elsewhere the longest
/// run is the only useful one.
fn needs_frame(fmt: &str, e: Elem, next: Pos) -> bool {
    match e {
        Elem::Lit(_) => false,
        Elem::Dir(_) => true,
        Elem::Space => matches!(next_elem(fmt, next), Some((Elem::Dir(b'd' | b'Z'), _))),
    }
}

// ------------------------------------------------------------- the values

/// `int()` of a matched run of digits.
fn int_of(s: &str) -> i64 {
    if s.is_ascii() {
        // `%d` may have matched a leading space, which int() skips.
        return s.bytes().filter(u8::is_ascii_digit).fold(0i64, |n, b| {
            n.saturating_mul(10).saturating_add(i64::from(b - b'0'))
        });
    }
    s.chars().filter_map(digit_value).fold(0i64, |n, d| {
        n.saturating_mul(10).saturating_add(i64::from(d))
    })
}

/// `datetime.date(year, 1, 1)` must exist.
fn check_year(year: i64) -> Result<(), StrptimeErrorKind> {
    if (1..=9999).contains(&year) {
        Ok(())
    } else {
        Err(StrptimeErrorKind::YearOutOfRange(year))
    }
}

/// CPython's `_calc_julian_from_U_or_W`.
fn julian_from_u_or_w(
    year: i64,
    week_of_year: i64,
    day_of_week: i64,
    week_starts_mon: bool,
) -> Result<i64, StrptimeErrorKind> {
    check_year(year)?;
    let mut first_weekday = i64::from(weekday(year, 1, 1));
    let mut day_of_week = day_of_week;
    if !week_starts_mon {
        first_weekday = (first_weekday + 1) % 7;
        day_of_week = (day_of_week + 1) % 7;
    }
    let week_0_length = (7 - first_weekday) % 7;
    Ok(if week_of_year == 0 {
        1 + day_of_week - first_weekday
    } else {
        1 + week_0_length + 7 * (week_of_year - 1) + day_of_week
    })
}

/// CPython's `_calc_julian_from_V`: ISO year, week and weekday (1-7) to
/// a year and day of that year.
fn julian_from_v(
    iso_year: i64,
    iso_week: i64,
    iso_weekday: i64,
) -> Result<(i64, i64), StrptimeErrorKind> {
    check_year(iso_year)?;
    let correction = i64::from(weekday(iso_year, 1, 4)) + 1 + 3;
    let mut ordinal = iso_week * 7 + iso_weekday - correction;
    let mut year = iso_year;
    if ordinal < 1 {
        ordinal += to_ordinal(year, 1, 1);
        year -= 1;
        check_year(year)?;
        ordinal -= to_ordinal(year, 1, 1);
    }
    Ok((year, ordinal))
}

/// CPython's `_strptime` then `struct_time`, for the C locale and the
/// given `time.tzname` and `time.daylight`.
///
/// `zone` gives `time.tzname` and `time.daylight`; it is asked only when
/// they matter (`%Z`, or the position in a `re.error`).
pub(crate) fn strptime<'a>(
    data: &'a str,
    format: &'a str,
    zone: impl FnOnce() -> ([ZoneName; 2], bool),
) -> Result<StructTime, StrptimeError<'a>> {
    let err = |kind| StrptimeError::new(kind, data, format);
    check_directives(format).map_err(err)?;
    let groups = groups(format);
    let has_z = groups
        .as_ref()
        .is_none_or(|g| g.order[..g.count].contains(&b'Z'));
    let (tzname, daylight) = if has_z {
        zone()
    } else {
        ([ZoneName::EMPTY; 2], false)
    };
    let tzname = &tzname;
    let Some(groups) = groups else {
        return Err(err(redefinition(format, &ZoneNames::new(tzname, daylight))));
    };
    let zones = if has_z {
        ZoneNames::new(tzname, daylight)
    } else {
        ZoneNames::NONE
    };
    let mut spans: Spans = [(0, 0); 58];
    // A failed plain try leaves spans that the full matcher overwrites
    // for every directive it matches.
    let end = match match_plain(format, data, &mut spans) {
        Some(end) => end,
        None => match match_format(format, data, &zones, &mut spans).map_err(err)? {
            Some(end) => end,
            None => return Err(err(StrptimeErrorKind::NoMatch)),
        },
    };
    if end != data.len() {
        return Err(err(StrptimeErrorKind::UnconvertedData { at: end }));
    }

    let text = |d: u8| {
        let (a, b) = spans[slot(d)];
        &data[a..b]
    };
    let mut year: Option<i64> = None;
    let mut iso_year: Option<i64> = None;
    let (mut month, mut day) = (1i64, 1i64);
    let (mut hour, mut minute, mut second) = (0i64, 0i64, 0i64);
    let mut tz = -1;
    let mut gmtoff: Option<i64> = None;
    let mut iso_week: Option<i64> = None;
    let mut week_of_year: Option<i64> = None;
    let mut week_starts_mon = false;
    let mut weekday_: Option<i64> = None;
    let mut julian: Option<i64> = None;
    let mut zone: Option<ZoneName> = None;

    // Python's `.index(found.lower())` in a list of ASCII names.
    let index_of = |d: u8, list: &[&str]| -> Result<i64, StrptimeErrorKind> {
        let found = text(d);
        list.iter()
            .position(|n| lowered(found).eq(n.chars()))
            .map(|i| i as i64)
            .ok_or_else(|| {
                let (start, end) = spans[slot(d)];
                StrptimeErrorKind::NotInList { start, end }
            })
    };

    for &d in &groups.order[..groups.count] {
        match d {
            b'y' => {
                let y = int_of(text(b'y'));
                year = Some(if y <= 68 { y + 2000 } else { y + 1900 });
            }
            b'Y' => year = Some(int_of(text(b'Y'))),
            b'G' => iso_year = Some(int_of(text(b'G'))),
            b'm' => month = int_of(text(b'm')),
            b'B' => month = index_of(b'B', &MONTHS_FULL).map_err(err)? + 1,
            b'b' => month = index_of(b'b', &MONTHS_ABBR).map_err(err)? + 1,
            b'd' => day = int_of(text(b'd')),
            b'H' => hour = int_of(text(b'H')),
            b'I' => {
                hour = int_of(text(b'I'));
                let ampm = if groups.order[..groups.count].contains(&b'p') {
                    text(b'p')
                } else {
                    ""
                };
                if ampm.is_empty() || ampm.eq_ignore_ascii_case("am") {
                    if hour == 12 {
                        hour = 0;
                    }
                } else if ampm.eq_ignore_ascii_case("pm") && hour != 12 {
                    hour += 12;
                }
            }
            b'M' => minute = int_of(text(b'M')),
            b'S' => second = int_of(text(b'S')),
            b'A' => weekday_ = Some(index_of(b'A', &WEEKDAYS_FULL).map_err(err)?),
            b'a' => weekday_ = Some(index_of(b'a', &WEEKDAYS_ABBR).map_err(err)?),
            b'w' => {
                let w = int_of(text(b'w'));
                weekday_ = Some(if w == 0 { 6 } else { w - 1 });
            }
            b'u' => weekday_ = Some(int_of(text(b'u')) - 1),
            b'j' => julian = Some(int_of(text(b'j'))),
            b'U' | b'W' => {
                week_of_year = Some(int_of(text(d)));
                week_starts_mon = d == b'W';
            }
            b'V' => iso_week = Some(int_of(text(b'V'))),
            b'z' => gmtoff = Some(parse_z(data, spans[slot(b'z')]).map_err(err)?),
            b'Z' => {
                let found = text(b'Z');
                zone = Some(ZoneName::new(found).ok_or(err(StrptimeErrorKind::TooComplex))?);
                let std_set = ["utc", "gmt", tzname[0].as_str()];
                let in_std = std_set.iter().any(|n| lower_eq(n, found));
                let in_dst = daylight && lower_eq(tzname[1].as_str(), found);
                if in_std || in_dst {
                    let ambiguous = tzname[0] == tzname[1]
                        && daylight
                        && !lower_eq("utc", found)
                        && !lower_eq("gmt", found);
                    if !ambiguous {
                        tz = if in_std { 0 } else { 1 };
                    }
                }
            }
            _ => {}
        }
    }

    if year.is_none() && iso_year.is_some() {
        if iso_week.is_none() || weekday_.is_none() {
            return Err(err(StrptimeErrorKind::IsoYearWithoutWeek));
        }
        if julian.is_some() {
            return Err(err(StrptimeErrorKind::IsoYearWithJulian));
        }
    } else if week_of_year.is_none() && iso_week.is_some() {
        return Err(err(if weekday_.is_none() {
            StrptimeErrorKind::IsoWeekWithoutYear
        } else {
            StrptimeErrorKind::IsoWeekWithYear
        }));
    }

    let mut leap_year_fix = false;
    let mut year = match year {
        Some(y) => y,
        None if month == 2 && day == 29 => {
            leap_year_fix = true;
            1904
        }
        None => 1900,
    };

    if julian.is_none()
        && let Some(wd) = weekday_
    {
        if let Some(week) = week_of_year {
            julian = Some(julian_from_u_or_w(year, week, wd, week_starts_mon).map_err(err)?);
        } else if let (Some(iy), Some(iw)) = (iso_year, iso_week) {
            let (y, j) = julian_from_v(iy, iw, wd + 1).map_err(err)?;
            year = y;
            julian = Some(j);
        }
        if let Some(j) = julian.filter(|&j| j <= 0) {
            year -= 1;
            julian = Some(j + if is_leap(year) { 366 } else { 365 });
        }
    }

    // The date's ordinal gives the day of the year and of the week.
    let (julian, ordinal) = match julian {
        None => {
            check_year(year).map_err(err)?;
            if day > i64::from(days_in_month(year, month as u32)) {
                return Err(err(StrptimeErrorKind::DayOutOfRange));
            }
            let ordinal = to_ordinal(year, month as u32, day as u32);
            let jan1 =
                ordinal - i64::from(MON_YDAY[usize::from(is_leap(year))][month as usize - 1]) - day
                    + 1;
            (ordinal - jan1 + 1, ordinal)
        }
        Some(j) => {
            check_year(year).map_err(err)?;
            let ordinal = (j - 1) + to_ordinal(year, 1, 1);
            if ordinal < 1 {
                return Err(err(StrptimeErrorKind::OrdinalOutOfRange));
            }
            let (y, m, d) = from_ordinal(ordinal);
            check_year(y).map_err(err)?;
            year = y;
            month = i64::from(m);
            day = i64::from(d);
            (j, ordinal)
        }
    };
    // `date.weekday()`: Monday is 0; ordinal 1 (0001-01-01) was a Monday.
    let wday = weekday_.unwrap_or((ordinal + 6) % 7);
    if leap_year_fix {
        year = 1900;
    }
    Ok(StructTime {
        tm_year: year,
        tm_mon: month as i32,
        tm_mday: day as i32,
        tm_hour: hour as i32,
        tm_min: minute as i32,
        tm_sec: second as i32,
        tm_wday: wday as i32,
        tm_yday: julian as i32,
        tm_isdst: tz,
        tm_zone: zone,
        tm_gmtoff: gmtoff,
    })
}

/// `%z` to seconds east of UTC, as `_strptime` reads it.
fn parse_z(data: &str, (start, end): (usize, usize)) -> Result<i64, StrptimeErrorKind> {
    let found = &data[start..end];
    if found == "Z" {
        return Ok(0);
    }
    // At most 16 characters: sign, 2+2+2 digits, 2 colons, dot, 6 digits.
    let mut z = ['\0'; 16];
    let mut n = 0;
    for c in found.chars().take(16) {
        z[n] = c;
        n += 1;
    }
    let remove = |z: &mut [char; 16], n: &mut usize, i: usize| {
        z.copy_within(i + 1..*n, i);
        *n -= 1;
    };
    if n > 3 && z[3] == ':' {
        remove(&mut z, &mut n, 3);
        if n > 5 {
            if z[5] != ':' {
                return Err(StrptimeErrorKind::InconsistentColon { start, end });
            }
            remove(&mut z, &mut n, 5);
        }
    }
    let num = |a: usize, b: usize| -> Result<i64, StrptimeErrorKind> {
        let b = b.min(n);
        if a >= b {
            return Ok(0);
        }
        let mut v = 0;
        for &c in &z[a..b] {
            match digit_value(c) {
                Some(d) => v = v * 10 + i64::from(d),
                None => {
                    let mut text = ['\0'; 2];
                    text[..b - a].copy_from_slice(&z[a..b]);
                    return Err(StrptimeErrorKind::InvalidLiteral { text });
                }
            }
        }
        Ok(v)
    };
    let hours = num(1, 3)?;
    let minutes = num(3, 5)?;
    let seconds = num(5, 7)?;
    let gmtoff = hours * 3600 + minutes * 60 + seconds;
    Ok(if z[0] == '-' { -gmtoff } else { gmtoff })
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::String;

    /// Wherever the plain try succeeds, the backtracking matcher finds the
    /// same match: every format of number directives and text below
    /// against every input built from the pieces below.
    #[test]
    fn plain_try_agrees_with_the_full_matcher() {
        let formats = [
            "%Y-%m-%dT%H:%M:%S",
            "%d%m%Y",
            "%H%M",
            "%j.%y",
            "%m/%d",
            "T%H%%%M",
            "%I:%M%U%W%w%u%V%G",
        ];
        let pieces = [
            "", "0", "1", "12", "31", "2024", "-", ":", "t", "T", "%", " 7", "٣", "60", "9",
        ];
        let mut checked = 0;
        for fmt in formats {
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        for d in pieces {
                            let s: String = [a, b, c, d].concat();
                            let mut plain: Spans = [(0, 0); 58];
                            let Some(end) = match_plain(fmt, &s, &mut plain) else {
                                continue;
                            };
                            let mut full: Spans = [(0, 0); 58];
                            let got = match_format(fmt, &s, &ZoneNames::NONE, &mut full);
                            assert_eq!(got, Ok(Some(end)), "{fmt:?} on {s:?}");
                            assert_eq!(plain, full, "{fmt:?} on {s:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} inputs took the plain way");
    }
}
