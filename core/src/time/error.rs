//! What can go wrong in `time`, as values: [`Error`] for conversions,
//! clocks and sleep, [`TzError`] for loading a time zone. `Display` writes
//! CPython's message where Python has one.

use core::fmt;

use crate::errno::Errno;

/// An error from a `time` function other than [`strptime`](super::strptime)
/// and [`tzset`](super::tzset).
///
/// `Display` gives CPython's message; [`python_exception`] names the
/// exception CPython raises.
///
/// [`python_exception`]: Error::python_exception
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `month out of range` (ValueError): `tm_mon` outside 0-12.
    MonthOutOfRange,
    /// `day of month out of range` (ValueError): `tm_mday` outside 0-31.
    DayOfMonthOutOfRange,
    /// `hour out of range` (ValueError).
    HourOutOfRange,
    /// `minute out of range` (ValueError).
    MinuteOutOfRange,
    /// `seconds out of range` (ValueError): `tm_sec` outside 0-61.
    SecondsOutOfRange,
    /// `day of week out of range` (ValueError).
    DayOfWeekOutOfRange,
    /// `day of year out of range` (ValueError): `tm_yday` outside 0-366.
    DayOfYearOutOfRange,
    /// `year out of range` (OverflowError): `tm_year` below C's `INT_MIN`
    /// + 1900.
    YearOutOfRange,
    /// `signed integer is greater than maximum` (OverflowError): a
    /// `tm_year` beyond C's `int`.
    IntTooLarge,
    /// `signed integer is less than minimum` (OverflowError).
    IntTooSmall,
    /// `mktime argument out of range` (OverflowError).
    MktimeOutOfRange,
    /// A time whose year (minus 1900) does not fit a C `int` (OSError
    /// `EOVERFLOW`, as glibc's `localtime` reports it).
    Overflow,
    /// `embedded null character` (ValueError): a NUL in a format.
    EmbeddedNull,
    /// The output does not fit the caller's buffer (Python grows its
    /// buffer instead). Nothing useful was written.
    BufferTooSmall,
    /// `sleep length must be non-negative` (ValueError).
    NegativeSleep,
    /// `Invalid value NaN (not a number)` (ValueError).
    NotANumber,
    /// `timestamp too large to convert to C _PyTime_t` (OverflowError): a
    /// duration of 2^63 nanoseconds (292 years) or more.
    TooLarge,
    /// `unknown clock` (ValueError) from [`get_clock_info`](super::get_clock_info).
    UnknownClock,
    /// A system call failed (OSError).
    Os(Errno),
}

impl Error {
    /// The exception CPython raises for this error: `"ValueError"`,
    /// `"OverflowError"` or `"OSError"` (`"MemoryError"` stands for
    /// [`Error::BufferTooSmall`], which Python never meets).
    pub fn python_exception(&self) -> &'static str {
        match self {
            Error::YearOutOfRange
            | Error::IntTooLarge
            | Error::IntTooSmall
            | Error::MktimeOutOfRange
            | Error::TooLarge => "OverflowError",
            Error::Overflow | Error::Os(_) => "OSError",
            Error::BufferTooSmall => "MemoryError",
            _ => "ValueError",
        }
    }

    /// The errno behind an OSError.
    pub fn errno(&self) -> Option<Errno> {
        match *self {
            Error::Os(e) => Some(e),
            Error::Overflow => Some(crate::errno::EOVERFLOW),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::MonthOutOfRange => "month out of range",
            Error::DayOfMonthOutOfRange => "day of month out of range",
            Error::HourOutOfRange => "hour out of range",
            Error::MinuteOutOfRange => "minute out of range",
            Error::SecondsOutOfRange => "seconds out of range",
            Error::DayOfWeekOutOfRange => "day of week out of range",
            Error::DayOfYearOutOfRange => "day of year out of range",
            Error::YearOutOfRange => "year out of range",
            Error::IntTooLarge => "signed integer is greater than maximum",
            Error::IntTooSmall => "signed integer is less than minimum",
            Error::MktimeOutOfRange => "mktime argument out of range",
            Error::EmbeddedNull => "embedded null character",
            Error::BufferTooSmall => "the output does not fit the buffer",
            Error::NegativeSleep => "sleep length must be non-negative",
            Error::NotANumber => "Invalid value NaN (not a number)",
            Error::TooLarge => "timestamp too large to convert to C _PyTime_t",
            Error::UnknownClock => "unknown clock",
            // Python's OSError text: "[Errno 75] Value too large ...".
            Error::Overflow | Error::Os(_) => {
                let e = self.errno().unwrap_or(crate::errno::EOVERFLOW);
                let code = e.raw_os_error();
                return write!(f, "[Errno {code}] {}", crate::errno::strerror(code));
            }
        };
        f.write_str(text)
    }
}

impl core::error::Error for Error {}

impl From<Errno> for Error {
    fn from(e: Errno) -> Self {
        Error::Os(e)
    }
}

/// Why a time zone could not be used as named; see [`tzset`](super::tzset).
///
/// Python and glibc never report these: they fall back silently (to the
/// TZ value read as a POSIX string, or to UTC). Strata falls back the same
/// way and also says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TzError {
    /// The file is not TZif data glibc would accept; the text says what
    /// is wrong.
    Malformed(&'static str),
    /// The zone is valid but bigger than Strata's fixed-size storage:
    /// more `what` than `limit`.
    Limit {
        /// What there is too much of (`"transitions"`, `"leap seconds"`,
        /// `"abbreviation bytes"`, `"bytes"` for the file itself, ...).
        what: &'static str,
        /// Strata's capacity.
        limit: usize,
    },
    /// The file exists but reading it failed.
    Io(Errno),
    /// `invalid GMT offset` (Python's RuntimeError): the zone's offset in
    /// January or July is more than 48 hours.
    InvalidGmtOffset,
    /// A [`tzdata::Database`](super::tzdata::Database) is malformed; the
    /// text says what is wrong (feature `embedded-tzdata`).
    #[cfg(feature = "embedded-tzdata")]
    Database(&'static str),
    /// No zone of that name in a
    /// [`tzdata::Database`](super::tzdata::Database) (Python's
    /// `ZoneInfoNotFoundError`; feature `embedded-tzdata`).
    #[cfg(feature = "embedded-tzdata")]
    NotFound,
}

impl fmt::Display for TzError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TzError::Malformed(why) => write!(f, "malformed TZif data: {why}"),
            TzError::Limit { what, limit } => {
                write!(
                    f,
                    "time zone has more {what} than Strata's limit of {limit}"
                )
            }
            TzError::Io(e) => write!(f, "cannot read the time zone file: {}", e),
            TzError::InvalidGmtOffset => f.write_str("invalid GMT offset"),
            #[cfg(feature = "embedded-tzdata")]
            TzError::Database(why) => write!(f, "malformed time zone database: {why}"),
            #[cfg(feature = "embedded-tzdata")]
            TzError::NotFound => f.write_str("no time zone of that name in the database"),
        }
    }
}

impl core::error::Error for TzError {}
