//! POSIX TZ strings (`EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`,
//! `CET-1CEST,J60/2,300`), parsed and evaluated exactly as glibc 2.36's
//! `tzset.c` does, quirks included, because CPython's answers are glibc's:
//!
//! - numbers go through `sscanf("%hu")`, so they may be preceded by
//!   blanks and a sign, wrap modulo 65536, and hours above 24 (minutes,
//!   seconds above 59) are clamped in offsets but not in rule times;
//! - a string that stops parsing half-way keeps what was parsed (an
//!   unparsable DST part leaves a DST zone with offset 0, named "");
//! - a change time is computed for the UTC year of the instant, and for
//!   every year up to 1970 as if the year began on 1970-01-01.
//!
//! Nothing here panics, whatever the bytes.

use super::calendar::{MON_YDAY, SECS_PER_DAY, is_leap};
use super::error::TzError;
use super::struct_time::{MAX_ABBREVIATION, ZoneName};

/// How a rule names its day: glibc's `J0` (`n`, 0-365 counting February
/// 29), `J1` (`Jn`, 1-365 never counting it) and `M` (`Mm.w.d`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum RuleKind {
    #[default]
    J0,
    J1,
    M,
}

/// One half of a TZ string: a zone's name and offset, and the rule that
/// switches to it (glibc's `tz_rule`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TzRule {
    pub name: ZoneName,
    pub kind: RuleKind,
    pub m: u16,
    pub n: u16,
    pub d: u16,
    /// Time of day of the change, in local seconds.
    pub secs: i32,
    /// Seconds east of UTC.
    pub offset: i32,
}

/// A parsed TZ string: `rules[0]` is standard time, `rules[1]` summer
/// time (glibc's `tz_rules`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PosixTz {
    pub rules: [TzRule; 2],
}

/// The outcome of parsing a TZ string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// The rules to use.
    Rules(PosixTz),
    /// A DST zone without rules (`EST5EDT`): glibc first tries the
    /// `posixrules` file with these names and offsets, then falls back to
    /// the rules given (the US rules of 2007).
    WantsDefaultRules(PosixTz),
}

/// What the caller's time does under a TZ string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Local {
    pub isdst: bool,
    pub offset: i32,
    pub name: ZoneName,
}

/// C's `isspace` in the C locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// A C string: the bytes up to the first NUL.
struct Cursor<'a> {
    s: &'a [u8],
}

impl Cursor<'_> {
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }
}

/// `sscanf("%hu")` at `i`: blanks, an optional sign, decimal digits. The
/// value as `unsigned short` and the index after it, or `None` if there
/// are no digits.
fn scan_hu(c: &Cursor<'_>, mut i: usize) -> Option<(u16, usize)> {
    while is_space(c.at(i)) {
        i += 1;
    }
    let negative = c.at(i) == b'-';
    if matches!(c.at(i), b'+' | b'-') {
        i += 1;
    }
    if !c.at(i).is_ascii_digit() {
        return None;
    }
    // strtoul with a 64-bit unsigned long: saturates, then negates.
    let mut value: u64 = 0;
    let mut overflow = false;
    while c.at(i).is_ascii_digit() {
        let digit = u64::from(c.at(i) - b'0');
        match value.checked_mul(10).and_then(|v| v.checked_add(digit)) {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    let value = if overflow {
        u64::MAX
    } else if negative {
        value.wrapping_neg()
    } else {
        value
    };
    Some((value as u16, i))
}

/// `sscanf(s, "%hu%n:%hu%n:%hu%n", ...)`: how many numbers were read, the
/// numbers (unread ones left as given), and the index after the last one
/// read.
fn scan_hms(c: &Cursor<'_>, start: usize, vals: &mut [u16; 3]) -> (usize, usize) {
    let mut end = start;
    let mut i = start;
    for (k, slot) in vals.iter_mut().enumerate() {
        if k > 0 {
            if c.at(i) != b':' {
                return (k, end);
            }
            i += 1;
        }
        match scan_hu(c, i) {
            Some((v, next)) => {
                *slot = v;
                i = next;
                end = next;
            }
            None => return (k, end),
        }
    }
    (3, end)
}

/// glibc's `compute_offset`: clamps and adds.
fn compute_offset(ss: u16, mm: u16, hh: u16) -> i32 {
    i32::from(ss.min(59)) + i32::from(mm.min(59)) * 60 + i32::from(hh.min(24)) * 3600
}

struct Parser<'a> {
    c: Cursor<'a>,
    pos: usize,
    tz: PosixTz,
}

impl Parser<'_> {
    fn cur(&self) -> u8 {
        self.c.at(self.pos)
    }

    /// glibc's `parse_tzname`.
    fn tzname(&mut self, which: usize) -> Result<bool, TzError> {
        let mut p = self.pos;
        let mut start = p;
        while self.c.at(p).is_ascii_alphabetic() {
            p += 1;
        }
        let mut len = p - start;
        if len < 3 {
            p = self.pos;
            if self.c.at(p) != b'<' {
                return Ok(false);
            }
            p += 1;
            start = p;
            while matches!(self.c.at(p), b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'+' | b'-') {
                p += 1;
            }
            len = p - start;
            let close = self.c.at(p);
            p += 1;
            if close != b'>' || len < 3 {
                return Ok(false);
            }
        }
        if len > MAX_ABBREVIATION {
            return Err(TzError::Limit {
                what: "bytes in a zone abbreviation",
                limit: MAX_ABBREVIATION,
            });
        }
        // Letters, digits, '+' and '-' only: ASCII.
        let name = core::str::from_utf8(&self.c.s[start..start + len]).unwrap_or("");
        self.tz.rules[which].name = ZoneName::new(name).unwrap_or(ZoneName::EMPTY);
        self.pos = p;
        Ok(true)
    }

    /// glibc's `parse_offset`.
    fn offset(&mut self, which: usize) -> bool {
        let c = self.cur();
        if which == 0 && (c == 0 || (c != b'+' && c != b'-' && !c.is_ascii_digit())) {
            return false;
        }
        let sign = if c == b'-' || c == b'+' {
            self.pos += 1;
            if c == b'-' { 1 } else { -1 }
        } else {
            -1
        };
        let mut v = [0u16; 3];
        let (count, end) = scan_hms(&self.c, self.pos, &mut v);
        if count > 0 {
            self.tz.rules[which].offset = sign * compute_offset(v[2], v[1], v[0]);
        } else if which == 0 {
            self.tz.rules[0].offset = 0;
            return false;
        } else {
            self.tz.rules[1].offset = self.tz.rules[0].offset + 3600;
        }
        self.pos = if count > 0 { end } else { self.pos };
        true
    }

    /// glibc's `parse_rule`.
    fn rule(&mut self, which: usize) -> bool {
        let mut p = self.pos + usize::from(self.cur() == b',');
        let c = self.c.at(p);
        let rule = &mut self.tz.rules[which];
        if c == b'J' || c.is_ascii_digit() {
            rule.kind = if c == b'J' {
                RuleKind::J1
            } else {
                RuleKind::J0
            };
            if rule.kind == RuleKind::J1 {
                p += 1;
                if !self.c.at(p).is_ascii_digit() {
                    return false;
                }
            }
            let mut d: u64 = 0;
            while self.c.at(p).is_ascii_digit() {
                d = d
                    .saturating_mul(10)
                    .saturating_add(u64::from(self.c.at(p) - b'0'));
                p += 1;
            }
            if d > 365 || (rule.kind == RuleKind::J1 && d == 0) {
                return false;
            }
            rule.d = d as u16;
        } else if c == b'M' {
            rule.kind = RuleKind::M;
            // sscanf("M%hu.%hu.%hu%n"): fields read before a failure stay.
            let mut i = p + 1;
            let mut count = 0;
            for k in 0..3 {
                if k > 0 {
                    if self.c.at(i) != b'.' {
                        break;
                    }
                    i += 1;
                }
                match scan_hu(&self.c, i) {
                    Some((v, next)) => {
                        match k {
                            0 => rule.m = v,
                            1 => rule.n = v,
                            _ => rule.d = v,
                        }
                        count += 1;
                        i = next;
                    }
                    None => break,
                }
            }
            if count != 3 || !(1..=12).contains(&rule.m) || !(1..=5).contains(&rule.n) || rule.d > 6
            {
                return false;
            }
            p = i;
        } else if c == 0 {
            // The US rules since 2007, M3.2.0 and M11.1.0.
            rule.kind = RuleKind::M;
            (rule.m, rule.n, rule.d) = if which == 0 { (3, 2, 0) } else { (11, 1, 0) };
        } else {
            return false;
        }
        let c = self.c.at(p);
        if c != 0 && c != b'/' && c != b',' {
            return false;
        } else if c == b'/' {
            p += 1;
            if self.c.at(p) == 0 {
                return false;
            }
            let negative = self.c.at(p) == b'-';
            p += usize::from(negative);
            let mut v = [2u16, 0, 0];
            let (_, end) = scan_hms(&self.c, p, &mut v);
            p = end;
            let secs = i32::from(v[0]) * 3600 + i32::from(v[1]) * 60 + i32::from(v[2]);
            rule.secs = if negative { -secs } else { secs };
        } else {
            rule.secs = 2 * 3600;
        }
        self.pos = p;
        true
    }
}

/// glibc's `__tzset_parse_tz`: the rules of a TZ string (without a
/// leading `:`). Only a name longer than [`MAX_ABBREVIATION`] is an error;
/// anything else yields what glibc would use.
pub(crate) fn parse(tz: &[u8]) -> Result<Parsed, TzError> {
    let end = tz.iter().position(|&b| b == 0).unwrap_or(tz.len());
    let mut p = Parser {
        c: Cursor { s: &tz[..end] },
        pos: 0,
        tz: PosixTz::default(),
    };
    if p.tzname(0)? && p.offset(0) {
        if p.cur() != 0 {
            if p.tzname(1)? {
                p.offset(1);
                if p.cur() == 0 || (p.cur() == b',' && p.c.at(p.pos + 1) == 0) {
                    // The rules used if no rules file is found: with
                    // nothing left to parse, these are the defaults. The
                    // names and offsets are what the file would be
                    // adjusted to.
                    if p.rule(0) {
                        p.rule(1);
                    }
                    return Ok(Parsed::WantsDefaultRules(p.tz));
                }
            }
            if p.rule(0) {
                p.rule(1);
            }
        } else {
            p.tz.rules[1].name = p.tz.rules[0].name;
            p.tz.rules[1].offset = p.tz.rules[0].offset;
        }
    }
    Ok(Parsed::Rules(p.tz))
}

impl PosixTz {
    /// glibc's fallback when no zone is found at all: UTC, named `UTC`.
    pub(crate) const fn utc() -> PosixTz {
        let name = match ZoneName::new("UTC") {
            Some(n) => n,
            None => ZoneName::EMPTY,
        };
        let rule = TzRule {
            name,
            kind: RuleKind::J0,
            m: 0,
            n: 0,
            d: 0,
            secs: 0,
            offset: 0,
        };
        PosixTz {
            rules: [rule, rule],
        }
    }

    /// glibc's `__tz_compute`: standard or summer time at `t`, whose UTC
    /// year (from 1900) is `utc_year`.
    pub(crate) fn local(&self, t: i64, utc_year: i32) -> Local {
        let year = utc_year.wrapping_add(1900);
        let c0 = compute_change(&self.rules[0], year);
        let c1 = compute_change(&self.rules[1], year);
        let isdst = if c0 > c1 {
            // Southern hemisphere: summer time spans the new year.
            t < c1 || t >= c0
        } else {
            t >= c0 && t < c1
        };
        let rule = &self.rules[usize::from(isdst)];
        Local {
            isdst,
            offset: rule.offset,
            name: rule.name,
        }
    }
}

/// glibc's `compute_change`: the instant in `year` at which `rule` takes
/// effect. For years up to 1970 glibc starts from 1970-01-01.
pub(crate) fn compute_change(rule: &TzRule, year: i32) -> i64 {
    let mut t: i64 = if year > 1970 {
        // C int arithmetic, as glibc: it wraps for years near 2^31.
        let y1 = year.wrapping_sub(1);
        let days = year
            .wrapping_sub(1970)
            .wrapping_mul(365)
            .wrapping_add(y1 / 4 - 1970 / 4)
            .wrapping_sub(y1 / 100 - 1970 / 100)
            .wrapping_add(y1 / 400 - 1970 / 400);
        i64::from(days) * SECS_PER_DAY
    } else {
        0
    };
    let leap = is_leap(i64::from(year));
    match rule.kind {
        RuleKind::J1 => {
            t += (i64::from(rule.d) - 1) * SECS_PER_DAY;
            if rule.d >= 60 && leap {
                t += SECS_PER_DAY;
            }
        }
        RuleKind::J0 => t += i64::from(rule.d) * SECS_PER_DAY,
        RuleKind::M => {
            // A rule whose parse failed half-way may hold a month glibc
            // would read outside its table with; keep it in the table.
            let m = i32::from(rule.m.clamp(1, 12));
            let table = &MON_YDAY[usize::from(leap)];
            let before = i32::from(table[m as usize - 1]);
            let month_len = i32::from(table[m as usize]) - before;
            t += i64::from(before) * SECS_PER_DAY;
            // Zeller's congruence: the weekday of the month's first day.
            let m1 = (m + 9) % 12 + 1;
            let yy0 = if m <= 2 { year.wrapping_sub(1) } else { year };
            let yy1 = yy0 / 100;
            let yy2 = yy0 % 100;
            let mut dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
            if dow < 0 {
                dow += 7;
            }
            let mut d = i32::from(rule.d) - dow;
            if d < 0 {
                d += 7;
            }
            for _ in 1..rule.n {
                if d + 7 >= month_len {
                    break;
                }
                d += 7;
            }
            t += i64::from(d) * SECS_PER_DAY;
        }
    }
    t - i64::from(rule.offset) + i64::from(rule.secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(s: &str) -> PosixTz {
        match parse(s.as_bytes()).unwrap() {
            Parsed::Rules(tz) | Parsed::WantsDefaultRules(tz) => tz,
        }
    }

    #[test]
    fn parses_the_common_forms() {
        let tz = rules("EST5EDT,M3.2.0,M11.1.0");
        assert_eq!(tz.rules[0].name, "EST");
        assert_eq!(tz.rules[0].offset, -5 * 3600);
        assert_eq!(tz.rules[1].name, "EDT");
        assert_eq!(tz.rules[1].offset, -4 * 3600);
        assert_eq!(
            (tz.rules[0].kind, tz.rules[0].m, tz.rules[0].n),
            (RuleKind::M, 3, 2)
        );
        assert_eq!(tz.rules[1].secs, 7200);
        let tz = rules("<+0330>-3:30");
        assert_eq!(tz.rules[0].name, "+0330");
        assert_eq!(tz.rules[0].offset, 3 * 3600 + 1800);
        assert_eq!(tz.rules[1], tz.rules[0]);
        let tz = rules("CET-1CEST,J60/2:30:15,300/-1");
        assert_eq!((tz.rules[0].kind, tz.rules[0].d), (RuleKind::J1, 60));
        assert_eq!(tz.rules[0].secs, 2 * 3600 + 30 * 60 + 15);
        assert_eq!(
            (tz.rules[1].kind, tz.rules[1].d, tz.rules[1].secs),
            (RuleKind::J0, 300, -3600)
        );
        assert!(matches!(
            parse(b"EST5EDT").unwrap(),
            Parsed::WantsDefaultRules(_)
        ));
    }

    #[test]
    fn keeps_glibcs_quirks() {
        // Offsets clamp at 24 hours; sscanf takes a sign after the sign.
        assert_eq!(rules("AAA99").rules[0].offset, -24 * 3600);
        assert_eq!(rules("AAA+-1").rules[0].offset, -24 * 3600);
        // A broken DST part leaves DST named "" with offset 0.
        let tz = rules("EST5:x");
        assert_eq!(tz.rules[1].name, "");
        assert_eq!((tz.rules[0].offset, tz.rules[1].offset), (-18000, 0));
        // A name shorter than 3 letters is no name.
        assert_eq!(rules("XY5").rules[0].name, "");
        assert!(parse(b"<ABCDEFGHIJKLMNOPQ>5").is_err());
    }

    #[test]
    fn change_times_of_2024() {
        let tz = rules("EST5EDT,M3.2.0,M11.1.0");
        // 2024-03-10 07:00 UTC and 2024-11-03 06:00 UTC.
        assert_eq!(compute_change(&tz.rules[0], 2024), 1_710_054_000);
        assert_eq!(compute_change(&tz.rules[1], 2024), 1_730_613_600);
        assert!(!tz.local(1_710_053_999, 124).isdst);
        assert!(tz.local(1_710_054_000, 124).isdst);
        assert!(!tz.local(1_730_613_600, 124).isdst);
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for s in [
            &b""[..],
            b"<",
            b"<>",
            b"A<B>",
            b"ABC+",
            b"ABC1DEF,M",
            b"ABC1DEF,M1.",
            b"ABC1DEF,J",
            b"ABC1DEF,J0",
            b"ABC1DEF,M13.6.7/",
            b"ABC1DEF,M1.1.1/-",
            b"\0ABC",
            b"ABC1DEF,99999999999999999999999",
        ] {
            if let Ok(Parsed::Rules(tz) | Parsed::WantsDefaultRules(tz)) = parse(s) {
                for year in [i32::MIN, -1, 1969, 2024, i32::MAX] {
                    tz.local(0, year);
                }
            }
        }
    }
}
