//! `time.struct_time`, the zone abbreviations it carries, and the checks
//! and conversions CPython applies at its edge (`gettmarg`, `checktm`,
//! `tmtotuple`, `asctime`).

use core::fmt;

use super::calendar::Tm;
use super::error::Error;

/// The longest zone abbreviation a [`ZoneName`] holds, in bytes.
///
/// Names read from a time zone are limited to [`MAX_ABBREVIATION`]; the
/// extra room is for [`super::strptime`], whose `%Z` may match a name with
/// characters that are longer in UTF-8 than the ones they equal when case
/// is ignored (`K`, the Kelvin sign, equals `k`).
pub const ZONE_NAME_CAPACITY: usize = 47;

/// The longest abbreviation a time zone may use (`CEST`, `+0530`,
/// `<...>` names in a TZ string), in bytes. Longer ones make loading the
/// zone fail with [`super::TzError::Limit`]; tzdata's longest
/// is 6.
pub const MAX_ABBREVIATION: usize = 15;

/// A time zone abbreviation such as `CET` or `+0330`: Python's `tm_zone`
/// and the items of `tzname`.
///
/// Stored inline (no allocation), at most [`ZONE_NAME_CAPACITY`] bytes of
/// UTF-8. Compares equal to `&str`; `Display` writes the text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneName {
    len: u8,
    bytes: [u8; ZONE_NAME_CAPACITY],
}

impl ZoneName {
    /// The empty name.
    pub const EMPTY: ZoneName = ZoneName {
        len: 0,
        bytes: [0; ZONE_NAME_CAPACITY],
    };

    /// A name from text, or `None` if it is longer than
    /// [`ZONE_NAME_CAPACITY`] bytes.
    pub const fn new(name: &str) -> Option<ZoneName> {
        let src = name.as_bytes();
        if src.len() > ZONE_NAME_CAPACITY {
            return None;
        }
        let mut bytes = [0; ZONE_NAME_CAPACITY];
        let mut i = 0;
        while i < src.len() {
            bytes[i] = src[i];
            i += 1;
        }
        Some(ZoneName {
            len: src.len() as u8,
            bytes,
        })
    }

    /// The name, truncated to `max` bytes and back to a character
    /// boundary.
    pub(crate) fn truncated(name: &str, max: usize) -> ZoneName {
        let mut end = name.len().min(max).min(ZONE_NAME_CAPACITY);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        // The cut is at most the capacity, so this always succeeds.
        ZoneName::new(&name[..end]).unwrap_or(ZoneName::EMPTY)
    }

    /// The text of the name.
    pub fn as_str(&self) -> &str {
        let len = usize::from(self.len).min(ZONE_NAME_CAPACITY);
        // SAFETY: `new` and `truncated`, the only constructors, copy the
        // bytes of a `&str` up to a character boundary, so the first `len`
        // bytes are UTF-8.
        unsafe { core::str::from_utf8_unchecked(&self.bytes[..len]) }
    }

    /// The length of the name in bytes.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether the name is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Default for ZoneName {
    fn default() -> Self {
        ZoneName::EMPTY
    }
}

impl fmt::Display for ZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for ZoneName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ZoneName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `time.struct_time`—a broken-down time, with Python's conventions.
///
/// The fields are Python's: `tm_year` is the full year (2024), `tm_mon`
/// 1-12, `tm_wday` 0-6 with Monday = 0, `tm_yday` 1-366, `tm_isdst` 1, 0
/// or -1 (unknown). [`gmtime`](super::gmtime) and
/// [`localtime`](super::localtime) also set `tm_zone` and `tm_gmtoff`
/// (seconds east of UTC); [`strptime`](super::strptime) sets them when the
/// input had `%Z` or `%z`; they are `None` otherwise, as in Python.
///
/// The integer fields are C `int`s, as CPython converts them before
/// calling the C library (`tm_year` is wider: the C library's year is
/// `tm_year + 1900`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StructTime {
    /// The year, e.g. 1993. Wider than the other fields: glibc's
    /// conversions reach year 2147483647 + 1900.
    pub tm_year: i64,
    /// The month, 1-12.
    pub tm_mon: i32,
    /// The day of the month, 1-31.
    pub tm_mday: i32,
    /// The hour, 0-23.
    pub tm_hour: i32,
    /// The minute, 0-59.
    pub tm_min: i32,
    /// The second, 0-61 (60 for a leap second).
    pub tm_sec: i32,
    /// The day of the week, 0-6, Monday = 0.
    pub tm_wday: i32,
    /// The day of the year, 1-366.
    pub tm_yday: i32,
    /// 1 if summer time is in effect, 0 if not, -1 if unknown.
    pub tm_isdst: i32,
    /// The zone abbreviation, e.g. `CET`.
    pub tm_zone: Option<ZoneName>,
    /// The offset from UTC in seconds, east positive.
    pub tm_gmtoff: Option<i64>,
}

impl StructTime {
    /// A struct_time from the nine sequence items, as Python's
    /// `time.struct_time((year, mon, mday, hour, min, sec, wday, yday,
    /// isdst))`; `tm_zone` and `tm_gmtoff` are `None`.
    #[allow(clippy::too_many_arguments)]
    pub const fn new(
        tm_year: i64,
        tm_mon: i32,
        tm_mday: i32,
        tm_hour: i32,
        tm_min: i32,
        tm_sec: i32,
        tm_wday: i32,
        tm_yday: i32,
        tm_isdst: i32,
    ) -> StructTime {
        StructTime {
            tm_year,
            tm_mon,
            tm_mday,
            tm_hour,
            tm_min,
            tm_sec,
            tm_wday,
            tm_yday,
            tm_isdst,
            tm_zone: None,
            tm_gmtoff: None,
        }
    }

    /// CPython's `tmtotuple`: C's `struct tm` to Python's conventions.
    pub(crate) fn from_tm(tm: &Tm, zone: ZoneName) -> StructTime {
        StructTime {
            tm_year: tm.year as i64 + 1900,
            tm_mon: tm.mon + 1,
            tm_mday: tm.mday,
            tm_hour: tm.hour,
            tm_min: tm.min,
            tm_sec: tm.sec,
            tm_wday: (tm.wday + 6) % 7,
            tm_yday: tm.yday + 1,
            tm_isdst: tm.isdst,
            tm_zone: Some(zone),
            tm_gmtoff: Some(tm.gmtoff),
        }
    }

    /// CPython's `gettmarg`: Python's conventions to C's `struct tm`.
    /// The zone name stays with `self`.
    pub(crate) fn to_tm(self) -> Result<Tm, Error> {
        // Python's `PyArg_ParseTuple("i")`, then its own check.
        if self.tm_year > i64::from(i32::MAX) {
            return Err(Error::IntTooLarge);
        }
        if self.tm_year < i64::from(i32::MIN) {
            return Err(Error::IntTooSmall);
        }
        if self.tm_year < i64::from(i32::MIN) + 1900 {
            return Err(Error::YearOutOfRange);
        }
        Ok(Tm {
            sec: self.tm_sec,
            min: self.tm_min,
            hour: self.tm_hour,
            mday: self.tm_mday,
            mon: self.tm_mon.wrapping_sub(1),
            year: (self.tm_year - 1900) as i32,
            // C's `%`: a negative remainder stays negative.
            wday: self.tm_wday.wrapping_add(1) % 7,
            yday: self.tm_yday.wrapping_sub(1),
            isdst: self.tm_isdst,
            gmtoff: self.tm_gmtoff.unwrap_or(0),
        })
    }
}

/// CPython's `checktm`, run by `strftime` and `asctime`: rejects fields a
/// C library might index a table with, and turns a 0 month, day of month
/// or day of year into the lowest valid value.
pub(crate) fn checktm(tm: &mut Tm) -> Result<(), Error> {
    if tm.mon == -1 {
        tm.mon = 0;
    } else if !(0..=11).contains(&tm.mon) {
        return Err(Error::MonthOutOfRange);
    }
    if tm.mday == 0 {
        tm.mday = 1;
    } else if !(0..=31).contains(&tm.mday) {
        return Err(Error::DayOfMonthOutOfRange);
    }
    if !(0..=23).contains(&tm.hour) {
        return Err(Error::HourOutOfRange);
    }
    if !(0..=59).contains(&tm.min) {
        return Err(Error::MinuteOutOfRange);
    }
    if !(0..=61).contains(&tm.sec) {
        return Err(Error::SecondsOutOfRange);
    }
    if tm.wday < 0 {
        return Err(Error::DayOfWeekOutOfRange);
    }
    if tm.yday == -1 {
        tm.yday = 0;
    } else if !(0..=365).contains(&tm.yday) {
        return Err(Error::DayOfYearOutOfRange);
    }
    Ok(())
}

pub(crate) const WDAY_ABBR: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub(crate) const WDAY_FULL: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub(crate) const MON_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub(crate) const MON_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The text of [`asctime`](super::asctime) and [`ctime`](super::ctime),
/// e.g. `Sat Jun  6 16:26:11 1998`: CPython's `_asctime` format
/// `"%s %s%3d %.2d:%.2d:%.2d %d"`. Implements `Display`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asctime {
    tm: Tm,
}

impl Asctime {
    /// Formats a `struct tm` that passed [`checktm`].
    pub(crate) fn new(tm: Tm) -> Asctime {
        Asctime { tm }
    }
}

impl fmt::Display for Asctime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tm = &self.tm;
        // checktm bounds wday (0-6 after `% 7`) and mon (0-11).
        let wday = WDAY_ABBR[tm.wday.rem_euclid(7) as usize];
        let mon = MON_ABBR[tm.mon.clamp(0, 11) as usize];
        write!(
            f,
            "{wday} {mon}{:3} {:02}:{:02}:{:02} {}",
            tm.mday,
            tm.hour,
            tm.min,
            tm.sec,
            i64::from(tm.year) + 1900
        )
    }
}
