//! Calendar arithmetic on C's `struct tm` conventions: year since 1900,
//! month 0-11, weekday with Sunday = 0, day of year from 0.
//!
//! The conversions mirror glibc's (`__offtime`, the leap-year rule, the
//! month tables) so that every result CPython gets from glibc comes out the
//! same here, including for years far before 1900 or after 2100. Python's
//! own conventions (`tm_mon` from 1, Monday = 0) are applied at the edge, in
//! `struct_time.rs`.

/// C's `struct tm`, as glibc fills it. `gmtoff` is seconds east of UTC;
/// the zone name travels separately.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tm {
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    pub mday: i32,
    pub mon: i32,
    pub year: i32,
    pub wday: i32,
    pub yday: i32,
    pub isdst: i32,
    pub gmtoff: i64,
}

pub(crate) const SECS_PER_DAY: i64 = 86_400;

/// Days before each month, normal and leap years (glibc's `__mon_yday`).
pub(crate) const MON_YDAY: [[u16; 13]; 2] = [
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
    [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

/// Whether `year` (the full year, e.g. 2024) is a Gregorian leap year.
#[inline]
pub(crate) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Floor division, as glibc's `DIV` macro.
#[inline]
fn div_floor(a: i64, b: i64) -> i64 {
    a / b - i64::from(a % b < 0)
}

/// Leap days from year 1 through the end of `y` (glibc's
/// `LEAPS_THRU_END_OF`).
#[inline]
fn leaps_thru_end_of(y: i64) -> i64 {
    div_floor(y, 4) - div_floor(y, 100) + div_floor(y, 400)
}

/// glibc's `__offtime`: the broken-down time of `t` seen `offset` seconds
/// east of UTC. `None` when the year does not fit C's `int` (glibc's
/// `EOVERFLOW`). `isdst` and `gmtoff` are left for the caller.
pub(crate) fn offtime(t: i64, offset: i64) -> Option<Tm> {
    let mut days = t / SECS_PER_DAY;
    let mut rem = t % SECS_PER_DAY + offset;
    while rem < 0 {
        rem += SECS_PER_DAY;
        days -= 1;
    }
    while rem >= SECS_PER_DAY {
        rem -= SECS_PER_DAY;
        days += 1;
    }
    let hour = (rem / 3600) as i32;
    rem %= 3600;
    let min = (rem / 60) as i32;
    let sec = (rem % 60) as i32;
    let mut wday = ((4 + days) % 7) as i32;
    if wday < 0 {
        wday += 7;
    }
    let mut y: i64 = 1970;
    while days < 0 || days >= if is_leap(y) { 366 } else { 365 } {
        // Guess a corrected year, assuming 365 days per year.
        let yg = y + days / 365 - i64::from(days % 365 < 0);
        days -= (yg - y) * 365 + leaps_thru_end_of(yg - 1) - leaps_thru_end_of(y - 1);
        y = yg;
    }
    let year = i32::try_from(y - 1900).ok()?;
    let table = &MON_YDAY[usize::from(is_leap(y))];
    let mut mon = 11;
    while days < i64::from(table[mon]) {
        mon -= 1;
    }
    Some(Tm {
        sec,
        min,
        hour,
        mday: (days - i64::from(table[mon])) as i32 + 1,
        mon: mon as i32,
        year,
        wday,
        yday: days as i32,
        isdst: 0,
        gmtoff: 0,
    })
}

/// The proleptic Gregorian ordinal of a date (1 for 0001-01-01), as
/// Python's `datetime.date.toordinal`. `month` is 1-12.
pub(crate) fn to_ordinal(year: i64, month: u32, day: u32) -> i64 {
    let y = year - 1;
    let leap = usize::from(is_leap(year));
    y * 365 + y / 4 - y / 100
        + y / 400
        + i64::from(MON_YDAY[leap][month as usize - 1])
        + i64::from(day)
}

/// The date of a proleptic Gregorian ordinal (`datetime.date.fromordinal`),
/// as `(year, month 1-12, day)`. `ordinal` is at least 1.
pub(crate) fn from_ordinal(ordinal: i64) -> (i64, u32, u32) {
    // Days since 0001-01-01, split into 400-, 100-, 4- and 1-year cycles.
    let mut n = ordinal - 1;
    let n400 = n.div_euclid(146_097);
    n = n.rem_euclid(146_097);
    let n100 = n / 36_524;
    n %= 36_524;
    let n4 = n / 1461;
    n %= 1461;
    let n1 = n / 365;
    n %= 365;
    let mut year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1;
    if n1 == 4 || n100 == 4 {
        // The last day of a leap cycle: December 31 of the year before.
        year -= 1;
        return (year, 12, 31);
    }
    let table = &MON_YDAY[usize::from(is_leap(year))];
    let mut month = 12;
    while n < i64::from(table[month - 1]) {
        month -= 1;
    }
    (
        year,
        month as u32,
        (n - i64::from(table[month - 1])) as u32 + 1,
    )
}

/// `datetime.date(year, month, day).weekday()`: Monday = 0.
pub(crate) fn weekday(year: i64, month: u32, day: u32) -> u32 {
    ((to_ordinal(year, month, day) + 6) % 7) as u32
}

/// The number of days in `month` (1-12) of `year`.
pub(crate) fn days_in_month(year: i64, month: u32) -> u32 {
    let table = &MON_YDAY[usize::from(is_leap(year))];
    u32::from(table[month as usize] - table[month as usize - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offtime_matches_known_dates() {
        let tm = offtime(0, 0).unwrap();
        assert_eq!(
            (tm.year, tm.mon, tm.mday, tm.wday, tm.yday),
            (70, 0, 1, 4, 0)
        );
        // 2000-02-29 12:34:56 UTC, a Tuesday, day 59.
        let tm = offtime(951_827_696, 0).unwrap();
        assert_eq!(
            (
                tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday
            ),
            (100, 1, 29, 12, 34, 56, 2, 59)
        );
        // 1900-01-01 00:00:00 UTC, a Monday; one second earlier is 1899.
        let tm = offtime(-2_208_988_800, 0).unwrap();
        assert_eq!((tm.year, tm.mon, tm.mday, tm.wday), (0, 0, 1, 1));
        let tm = offtime(-2_208_988_801, 0).unwrap();
        assert_eq!((tm.year, tm.mon, tm.mday, tm.hour), (-1, 11, 31, 23));
        // An offset moves across midnight.
        let tm = offtime(0, -1).unwrap();
        assert_eq!((tm.year, tm.hour, tm.min, tm.sec), (69, 23, 59, 59));
    }

    #[test]
    fn offtime_reports_years_beyond_int() {
        assert!(offtime(i64::MAX, 0).is_none());
        assert!(offtime(i64::MIN, 0).is_none());
        // The last second glibc can represent: year 2147483647 + 1900.
        let last = 67_768_036_191_676_799;
        assert_eq!(offtime(last, 0).unwrap().year, i32::MAX);
        assert!(offtime(last + 1, 0).is_none());
    }

    #[test]
    fn ordinals_round_trip() {
        assert_eq!(to_ordinal(1, 1, 1), 1);
        assert_eq!(to_ordinal(1970, 1, 1), 719_163);
        for ordinal in (1..3_700_000).step_by(97) {
            let (y, m, d) = from_ordinal(ordinal);
            assert_eq!(to_ordinal(y, m, d), ordinal, "{y}-{m}-{d}");
            assert!(d >= 1 && d <= days_in_month(y, m));
        }
        assert_eq!(from_ordinal(to_ordinal(2000, 12, 31)), (2000, 12, 31));
        assert_eq!(from_ordinal(to_ordinal(2100, 12, 31)), (2100, 12, 31));
        assert_eq!(weekday(2024, 1, 1), 0);
        assert_eq!(weekday(1900, 1, 1), 0);
        assert_eq!(weekday(1970, 1, 1), 3);
    }
}
