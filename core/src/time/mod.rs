//! Time access and conversions: Python's `time` module, without
//! allocating.
//!
//! The clocks ([`time`], [`monotonic`], [`perf_counter`], [`process_time`],
//! [`thread_time`], each with a `_ns` twin, and [`clock_gettime`] and
//! friends for the `CLOCK_*` ids) read the kernel's clocks through the
//! vDSO where it is known. [`sleep`] sleeps to an absolute deadline.
//! Broken-down times are [`StructTime`]s: [`gmtime`], [`localtime`],
//! [`mktime`], [`asctime`], [`ctime`], [`strftime`] and [`strptime`]
//! convert between them, instants and text. The local time zone comes
//! from `TZ` as glibc reads it — a POSIX TZ string, a zoneinfo name or
//! path read as TZif data, `/etc/localtime`, or UTC — and is described by
//! [`timezone`], [`altzone`], [`daylight`] and [`tzname`]; [`tzset`]
//! reloads it. A [`Zone`] of one's own does all the zone-dependent
//! conversions for another zone.
//!
//! A zone file that is missing (no `/usr/share/zoneinfo`: a `FROM scratch`
//! container, PID 1 of an initramfs) makes glibc read the name as a TZ
//! string, UTC named after its letters, and Strata does the same — unless
//! the feature `embedded-tzdata` is on: then the zone comes from the IANA
//! database compiled into the program (`tzdata`, 91 KiB), and the same
//! code gives the same answers with or without zone files:
//!
//! ```
//! # #[cfg(feature = "embedded-tzdata")] {
//! use strata_core::time::Zone;
//!
//! let mut zone = Box::new(Zone::utc());
//! zone.load(Some(b"Asia/Kolkata")).unwrap();
//! let t = zone.localtime(1_700_000_000).unwrap();
//! assert_eq!((t.tm_hour, t.tm_min, t.tm_zone.unwrap().as_str()), (3, 43, "IST"));
//! # }
//! ```
//!
//! ```
//! use strata_core::time;
//!
//! let t = time::gmtime(1_700_000_000).unwrap();
//! let mut buf = [0u8; 64];
//! let text = time::strftime("%Y-%m-%d %H:%M:%S %Z", &t, &mut buf).unwrap();
//! assert_eq!(text, "2023-11-14 22:13:20 GMT");
//! let back = time::strptime(text, "%Y-%m-%d %H:%M:%S %Z").unwrap();
//! assert_eq!((back.tm_year, back.tm_yday, back.tm_isdst), (2023, 318, 0));
//! ```
//!
//! CPython's `time` is a thin layer over glibc, so glibc is the reference:
//! the same TZ values are accepted, with the same quirks (a TZ string
//! read half-way keeps what it read; a DST zone without rules borrows
//! `posixrules` and is rebuilt by the first `mktime`; `%Z` without
//! `tm_zone` shows the names of the last converted time); `mktime`
//! resolves `tm_isdst = -1`, gaps and overlaps by glibc's algorithm,
//! carrying its guess from call to call; `strftime` is glibc's
//! `wcsftime`, flags and widths included; `strptime` follows CPython's
//! `_strptime` regular expressions and messages. The tests compare all of
//! them byte for byte with CPython (tests/oracle/time.py), and the fuzz
//! targets compare the zone readers with glibc itself.
//!
//! # What differs from Python, and why
//!
//! - **Errors are values** ([`Error`], [`StrptimeError`], [`TzError`]);
//!   their `Display` is CPython's message.
//! - **Integer seconds in, integer results out** where Rust wants them:
//!   [`gmtime`], [`localtime`] and [`ctime`] take `i64` seconds (Python
//!   floors a float first; so should the caller), [`mktime`] returns `i64`
//!   (Python returns the same value as a float). There are no
//!   "current time if omitted" variants: pass `time() as i64`.
//! - **Caller buffers.** [`strftime`] writes into a `&mut [u8]` and fails
//!   with [`Error::BufferTooSmall`] rather than truncating. Python gives
//!   up and returns `''` when the result is longer than 256 times the
//!   format; Strata returns the result.
//! - **The environment is the one the process started with.** [`tzset`]
//!   reads `TZ` through [`crate::os::getenv`]; [`tzset_with`] takes the
//!   value directly (Python: `os.environ['TZ'] = v; time.tzset()`).
//!   [`tzset`] reports a zone file that exists but cannot be used
//!   (malformed, or beyond Strata's fixed capacity, see [`Zone`]); glibc
//!   falls back silently, and so does the zone Strata installs.
//! - **A missing zone file**, with the feature `embedded-tzdata`, is taken
//!   from the database built in, where CPython's `time` (glibc) falls
//!   back to UTC named after the value's letters; Python's own fallback,
//!   the `tzdata` package, serves only `zoneinfo`. Without the feature
//!   Strata does what glibc does.
//! - **Fixed capacity.** A zone holds at most [`MAX_TRANSITIONS`]
//!   transitions, [`MAX_LEAPS`] leap seconds and abbreviations of
//!   [`MAX_ABBREVIATION`] bytes of UTF-8 (tzdata needs a third of each and
//!   is ASCII).
//! - **Malformed zone data**, where glibc reads outside its tables, gets
//!   defined behaviour instead: a TZif file without local time types is
//!   an error; an abbreviation ends at the end of the abbreviation table
//!   (glibc reads on into the footer); a TZ rule whose month failed to
//!   parse uses the nearest month; a footer with summer time but no rules
//!   uses the US rules (glibc abandons the file); transitions out of
//!   order are searched by halves (glibc's answer depends on its guess).
//! - **`monotonic()` and `perf_counter()`** multiply nanoseconds by 1e-9
//!   where CPython divides by 1e9: the last bit of the float may differ,
//!   which no reading can show, and each call is 5 ns faster.
//!   [`time`] divides, as CPython does.
//! - **Unicode case** in `strftime`'s `^` and `#` follows Rust's tables
//!   (glibc's `towupper` in C.UTF-8 for CPython); `strptime` uses
//!   CPython's own (`\d`, `\s`, `re.IGNORECASE`), except `str.lower()`'s
//!   final-sigma rule in the text of one error message.
//!
//! # References
//! - [time(7)](https://man7.org/linux/man-pages/man7/time.7.html)
//! - [tzset(3)](https://man7.org/linux/man-pages/man3/tzset.3.html)
//! - [strftime(3)](https://man7.org/linux/man-pages/man3/strftime.3.html)
//! - Python's [`time`](https://docs.python.org/3/library/time.html)

mod calendar;
mod clock;
mod error;
mod mktime;
mod sleep;
mod strftime;
mod strptime;
mod struct_time;
#[cfg(test)]
mod tests;
mod tz;
#[cfg(feature = "embedded-tzdata")]
pub mod tzdata;
#[cfg(test)]
mod tzdata_tests;
mod tzif;
pub(crate) mod unicode;
mod zone;

use spin::Mutex;

pub use clock::{
    CLOCK_BOOTTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_PROCESS_CPUTIME_ID, CLOCK_REALTIME,
    CLOCK_TAI, CLOCK_THREAD_CPUTIME_ID, ClockId, ClockInfo, clock_getres, clock_gettime,
    clock_gettime_ns, clock_settime, clock_settime_ns, get_clock_info, monotonic, monotonic_ns,
    perf_counter, perf_counter_ns, process_time, process_time_ns, pthread_getcpuclockid,
    thread_time, thread_time_ns, time, time_ns,
};
pub use error::{Error, TzError};
pub use sleep::sleep;
pub use strptime::{StrptimeError, StrptimeErrorKind};
pub use struct_time::{Asctime, MAX_ABBREVIATION, StructTime, ZONE_NAME_CAPACITY, ZoneName};
pub use zone::{MAX_CHARS, MAX_FILE, MAX_LEAPS, MAX_TRANSITIONS, MAX_TYPES, TzInfo, Zone};

use calendar::Tm;

/// The process's time zone and what CPython derived from it.
struct State {
    zone: Zone,
    loaded: bool,
    info: TzInfo,
}

static STATE: Mutex<State> = Mutex::new(State {
    zone: Zone::utc(),
    loaded: false,
    info: TzInfo::UTC,
});

/// Runs `f` on the process's zone, loading it from `TZ` first if no one
/// has yet (glibc's `tzset_internal(0)`; CPython calls `tzset` at import).
fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    let mut state = STATE.lock();
    if !state.loaded {
        let _ = reload(&mut state, crate::os::getenv("TZ"));
    }
    f(&mut state)
}

fn reload(state: &mut State, tz: Option<&[u8]>) -> Result<(), TzError> {
    state.loaded = true;
    let loaded = state.zone.load(tz);
    let info = state.zone.tzinfo(time_ns().div_euclid(1_000_000_000));
    if let Ok(info) = info {
        state.info = info;
    }
    loaded.and(info.map(drop))
}

/// `time.tzset()`—reloads the local time zone from the `TZ` environment
/// variable the process started with, and recomputes [`timezone`],
/// [`altzone`], [`daylight`] and [`tzname`].
///
/// An error names a zone file that exists but could not be used; the zone
/// is then what glibc falls back to (the TZ value read as a POSIX string),
/// which is what Python silently uses. See [`Zone::load`] for how a value
/// is read.
///
/// # References
/// - [tzset(3)](https://man7.org/linux/man-pages/man3/tzset.3.html)
#[doc(alias = "time.tzset")]
pub fn tzset() -> Result<(), TzError> {
    tzset_with(crate::os::getenv("TZ"))
}

/// `os.environ['TZ'] = tz; time.tzset()`—sets the local time zone from a
/// TZ value (`None`: as if `TZ` were unset). See [`tzset`].
///
/// # References
/// - [tzset(3)](https://man7.org/linux/man-pages/man3/tzset.3.html)
pub fn tzset_with(tz: Option<&[u8]>) -> Result<(), TzError> {
    reload(&mut STATE.lock(), tz)
}

/// `time.timezone`—seconds west of UTC of the local standard time.
#[doc(alias = "time.timezone")]
pub fn timezone() -> i64 {
    with_state(|s| s.info.timezone)
}

/// `time.altzone`—seconds west of UTC of the local summer time.
#[doc(alias = "time.altzone")]
pub fn altzone() -> i64 {
    with_state(|s| s.info.altzone)
}

/// `time.daylight`—whether the local zone has summer time (Python's 1 or
/// 0).
#[doc(alias = "time.daylight")]
pub fn daylight() -> bool {
    with_state(|s| s.info.daylight)
}

/// `time.tzname`—the abbreviations of local standard and summer time.
#[doc(alias = "time.tzname")]
pub fn tzname() -> [ZoneName; 2] {
    with_state(|s| s.info.tzname)
}

/// `time.gmtime(secs)`—the UTC time of an instant, `tm_zone` `GMT`.
///
/// # References
/// - [gmtime(3)](https://man7.org/linux/man-pages/man3/gmtime.3.html)
#[doc(alias = "time.gmtime")]
pub fn gmtime(secs: i64) -> Result<StructTime, Error> {
    with_state(|s| s.zone.gmtime(secs))
}

/// `time.localtime(secs)`—the local time of an instant.
///
/// # References
/// - [localtime(3)](https://man7.org/linux/man-pages/man3/localtime.3.html)
#[doc(alias = "time.localtime")]
pub fn localtime(secs: i64) -> Result<StructTime, Error> {
    with_state(|s| s.zone.localtime(secs))
}

/// `time.mktime(t)`—the instant of a local time; see [`Zone::mktime`].
///
/// # References
/// - [mktime(3)](https://man7.org/linux/man-pages/man3/mktime.3.html)
#[doc(alias = "time.mktime")]
pub fn mktime(t: &StructTime) -> Result<i64, Error> {
    with_state(|s| s.zone.mktime(t))
}

/// `time.asctime(t)`—`Sun Jun 20 23:21:05 1993`. The struct is checked
/// as Python checks it; the result implements `Display`.
///
/// # References
/// - [asctime(3)](https://man7.org/linux/man-pages/man3/asctime.3.html)
#[doc(alias = "time.asctime")]
pub fn asctime(t: &StructTime) -> Result<Asctime, Error> {
    let mut tm = t.to_tm()?;
    struct_time::checktm(&mut tm)?;
    Ok(Asctime::new(tm))
}

/// `time.ctime(secs)`—`asctime(localtime(secs))`.
///
/// # References
/// - [ctime(3)](https://man7.org/linux/man-pages/man3/ctime.3.html)
#[doc(alias = "time.ctime")]
pub fn ctime(secs: i64) -> Result<Asctime, Error> {
    asctime(&localtime(secs)?)
}

/// The process's zone as `strftime` sees it: looked at only for `%s` and
/// for `%Z` without `tm_zone`.
struct ProcessZone;

impl strftime::ZoneHooks for ProcessZone {
    fn mktime(&mut self, tm: &Tm) -> Option<i64> {
        with_state(|s| s.zone.mktime_tm(tm))
    }

    fn tzname(&mut self) -> [ZoneName; 2] {
        with_state(|s| {
            s.zone.tzset_again();
            s.zone.glibc_tzname()
        })
    }
}

impl strftime::ZoneHooks for Zone {
    fn mktime(&mut self, tm: &Tm) -> Option<i64> {
        self.mktime_tm(tm)
    }

    fn tzname(&mut self) -> [ZoneName; 2] {
        self.tzset_again();
        self.glibc_tzname()
    }
}

/// `time.strftime(format, t)`—formats a struct_time into `buf`, as
/// glibc's `strftime` in the C locale; the text written.
///
/// Every glibc directive is supported: `%a %A %b %B %c %C %d %D %e %F %g
/// %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x
/// %X %y %Y %z %Z %%`, with the flags `_ - 0 ^ #`, a width, and the `E`
/// and `O` modifiers. The struct is checked as Python checks it
/// ([`Error::MonthOutOfRange`], ...). `%s` and `%Z` (for a struct without
/// `tm_zone`) use the local zone.
///
/// # References
/// - [strftime(3)](https://man7.org/linux/man-pages/man3/strftime.3.html)
#[doc(alias = "time.strftime")]
pub fn strftime<'b>(format: &str, t: &StructTime, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    strftime::strftime(format, t, buf, &mut ProcessZone)
}

/// `time.strptime(string, format)`—parses text into a struct_time, as
/// CPython's `_strptime` does in the C locale.
///
/// Fields the format does not give default to 1900-01-01 00:00:00;
/// `tm_wday` and `tm_yday` are computed; `tm_isdst` is -1 unless `%Z`
/// matched a name of the local zone (or `UTC`/`GMT`). `%Z` and `%z` set
/// `tm_zone` and `tm_gmtoff`. Errors carry CPython's messages, such as
/// `time data '2024-13-01' does not match format '%Y-%m-%d'`.
///
/// # References
/// - [strptime(3)](https://man7.org/linux/man-pages/man3/strptime.3.html)
/// - Python's [`_strptime`](https://github.com/python/cpython/blob/3.11/Lib/_strptime.py)
#[doc(alias = "time.strptime")]
pub fn strptime<'a>(string: &'a str, format: &'a str) -> Result<StructTime, StrptimeError<'a>> {
    strptime::strptime(string, format, || {
        with_state(|s| (s.info.tzname, s.info.daylight))
    })
}

impl Zone {
    /// `time.strftime(format, t)` with this zone behind `%s` and `%Z`
    /// (which, as in glibc, may run [`Zone::tzset_again`]).
    pub fn strftime<'b>(
        &mut self,
        format: &str,
        t: &StructTime,
        buf: &'b mut [u8],
    ) -> Result<&'b str, Error> {
        strftime::strftime(format, t, buf, self)
    }

    /// `time.strptime(string, format)` with `%Z` matching this zone's
    /// names, as they are at the instant `now`.
    pub fn strptime<'a>(
        &self,
        string: &'a str,
        format: &'a str,
        now: i64,
    ) -> Result<StructTime, StrptimeError<'a>> {
        strptime::strptime(string, format, || {
            let info = self.tzinfo(now).unwrap_or(TzInfo::UTC);
            (info.tzname, info.daylight)
        })
    }
}
