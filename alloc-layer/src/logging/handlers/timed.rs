//! `logging.handlers.TimedRotatingFileHandler`: a file rolled over at
//! intervals of time (seconds to weeks, or at midnight), the old file
//! named after the start of its interval.

use super::rotating::{Namer, Rotation, Rotator, exists_not_regular};
use super::stream::{FileOptions, LogFile};
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use crate::os;
use crate::time::{self, StructTime};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::sync::Mutex;

/// Where the handler reads the time: `time.time()` by default.
pub type TimeSource = Arc<dyn Fn() -> f64 + Send + Sync>;

/// `_MIDNIGHT`: seconds in a day.
const MIDNIGHT: i64 = 24 * 60 * 60;

/// `atTime`: the time of day of a `MIDNIGHT` or `W0`-`W6` rollover
/// (Python's `datetime.time`; microseconds are ignored there too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtTime {
    /// `hour`, 0-23.
    pub hour: u32,
    /// `minute`, 0-59.
    pub minute: u32,
    /// `second`, 0-59.
    pub second: u32,
}

/// The arguments of `TimedRotatingFileHandler` after `filename`.
#[derive(Clone)]
pub struct TimedOptions {
    /// `when`: `S`, `M`, `H`, `D`, `MIDNIGHT` or `W0`-`W6` (Monday is 0),
    /// any case; `h` by default.
    pub when: String,
    /// `interval`, in units of `when`; 1 by default.
    pub interval: i64,
    /// `backupCount`: how many rotated files to keep (0: all).
    pub backup_count: u32,
    /// `utc`: rollover times and suffixes in UTC instead of local time.
    pub utc: bool,
    /// `atTime`.
    pub at_time: Option<AtTime>,
    /// `encoding`, `errors`, `delay` (the mode is always `a`).
    pub file: FileOptions,
    /// The clock (`None`: [`strata_core::time::time`]); tests pass their
    /// own.
    pub time_source: Option<TimeSource>,
}

impl Default for TimedOptions {
    fn default() -> Self {
        TimedOptions {
            when: String::from("h"),
            interval: 1,
            backup_count: 0,
            utc: false,
            at_time: None,
            file: FileOptions::default(),
            time_source: None,
        }
    }
}

/// What `when` decides: the unit, `suffix` and `extMatch`.
struct Unit {
    seconds: i64,
    suffix: &'static str,
    /// `extMatch` without its `(\.\w+)?` tail: `d` stands for an ASCII
    /// digit, every other byte for itself.
    ext: &'static [u8],
}

fn unit(when: &str) -> Result<(Unit, Option<i32>), Error> {
    let day = |suffix| Unit {
        seconds: MIDNIGHT,
        suffix,
        ext: b"dddd-dd-dd",
    };
    Ok(match when {
        "S" => (
            Unit {
                seconds: 1,
                suffix: "%Y-%m-%d_%H-%M-%S",
                ext: b"dddd-dd-dd_dd-dd-dd",
            },
            None,
        ),
        "M" => (
            Unit {
                seconds: 60,
                suffix: "%Y-%m-%d_%H-%M",
                ext: b"dddd-dd-dd_dd-dd",
            },
            None,
        ),
        "H" => (
            Unit {
                seconds: 60 * 60,
                suffix: "%Y-%m-%d_%H",
                ext: b"dddd-dd-dd_dd",
            },
            None,
        ),
        "D" | "MIDNIGHT" => (day("%Y-%m-%d"), None),
        w if w.starts_with('W') => {
            if w.chars().count() != 2 {
                return Err(Error::value(alloc::format!(
                    "You must specify a day for weekly rollover from 0 to 6 (0 is Monday): {w}"
                )));
            }
            let d = w.as_bytes()[1];
            if !(b'0'..=b'6').contains(&d) {
                return Err(Error::value(alloc::format!(
                    "Invalid day specified for weekly rollover: {w}"
                )));
            }
            let mut u = day("%Y-%m-%d");
            u.seconds = 7 * MIDNIGHT;
            (u, Some(i32::from(d - b'0')))
        }
        _ => {
            return Err(Error::value(alloc::format!(
                "Invalid rollover interval specified: {when}"
            )));
        }
    })
}

/// `extMatch.match(part)`: the pattern, then nothing or (`$`) one final
/// newline. A part never holds a `.`, so the `(\.\w+)?` tail never
/// matches anything in it.
fn ext_match(ext: &[u8], part: &[u8]) -> bool {
    if part.len() < ext.len() {
        return false;
    }
    let (head, rest) = part.split_at(ext.len());
    let head_ok = ext.iter().zip(head).all(|(&p, &c)| {
        if p == b'd' {
            c.is_ascii_digit()
        } else {
            p == c
        }
    });
    head_ok && (rest.is_empty() || rest == b"\n")
}

fn time_error(e: time::Error) -> Error {
    Error::Exception {
        class: e.python_exception(),
        message: alloc::format!("{e}"),
    }
}

struct TimedState {
    rotation: Rotation,
    when: String,
    unit: Unit,
    day_of_week: Option<i32>,
    interval: i64,
    backup_count: u32,
    utc: bool,
    at_time: Option<AtTime>,
    rollover_at: i64,
    clock: Option<TimeSource>,
}

impl TimedState {
    /// `int(time.time())`.
    fn now(&self) -> i64 {
        let t = match &self.clock {
            Some(clock) => clock(),
            None => time::time(),
        };
        t as i64
    }

    fn local(&self, t: i64) -> Result<StructTime, Error> {
        time::localtime(t).map_err(time_error)
    }

    fn broken_down(&self, t: i64) -> Result<StructTime, Error> {
        if self.utc {
            time::gmtime(t).map_err(time_error)
        } else {
            self.local(t)
        }
    }

    fn midnight_or_weekly(&self) -> bool {
        self.when == "MIDNIGHT" || self.day_of_week.is_some()
    }

    /// The hour of summer-time change between `dst_now` and `at`, if
    /// any: CPython's `addend`.
    fn dst_addend(&self, dst_now: i32, at: i64) -> Result<i64, Error> {
        let dst_at = self.local(at)?.tm_isdst;
        Ok(if dst_now == dst_at {
            0
        } else if dst_now == 0 {
            -3600
        } else {
            3600
        })
    }

    fn compute_rollover(&self, current: i64) -> Result<i64, Error> {
        let mut result = current + self.interval;
        if !self.midnight_or_weekly() {
            return Ok(result);
        }
        let t = self.broken_down(current)?;
        let mut current_day = t.tm_wday;
        let rotate_ts = match self.at_time {
            None => MIDNIGHT,
            Some(a) => (i64::from(a.hour) * 60 + i64::from(a.minute)) * 60 + i64::from(a.second),
        };
        let mut r = rotate_ts
            - ((i64::from(t.tm_hour) * 60 + i64::from(t.tm_min)) * 60 + i64::from(t.tm_sec));
        if r < 0 {
            r += MIDNIGHT;
            current_day = (current_day + 1) % 7;
        }
        result = current + r;
        if let Some(dow) = self.day_of_week {
            let day = current_day;
            if day != dow {
                let days_to_wait = if day < dow {
                    dow - day
                } else {
                    6 - day + dow + 1
                };
                let mut new_rollover_at = result + i64::from(days_to_wait) * MIDNIGHT;
                if !self.utc {
                    new_rollover_at += self.dst_addend(t.tm_isdst, new_rollover_at)?;
                }
                result = new_rollover_at;
            }
        }
        Ok(result)
    }

    fn should_rollover(&mut self) -> Result<bool, Error> {
        let t = self.now();
        if t >= self.rollover_at {
            if exists_not_regular(&self.rotation.file.path) {
                // Not a regular file: no rollover, but no check at every
                // record either (CPython's issue 89564).
                self.rollover_at = self.compute_rollover(t)?;
                return Ok(false);
            }
            return Ok(true);
        }
        Ok(false)
    }

    fn get_files_to_delete(&self) -> Result<Vec<Vec<u8>>, Error> {
        let (dir_name, base_name) = os::path::split(&self.rotation.file.path);
        let names = os::listdir(&dir_name)?;
        let (n, e) = os::path::splitext(&base_name);
        let mut prefix = n;
        prefix.push(b'.');
        let plen = prefix.len();
        let mut result = Vec::new();
        for name in names {
            if self.rotation.namer.is_none() {
                if !name.starts_with(&base_name) {
                    continue;
                }
            } else if !name.starts_with(&base_name)
                && name.ends_with(&e)
                && name.len() > plen + 1
                && !name[plen + 1].is_ascii_digit()
            {
                continue;
            }
            if name.len() >= plen && name[..plen] == prefix[..] {
                let suffix = &name[plen..];
                if suffix
                    .split(|&b| b == b'.')
                    .any(|part| ext_match(self.unit.ext, part))
                {
                    result.push(os::path::join(&dir_name, &name));
                }
            }
        }
        let keep = self.backup_count as usize;
        if result.len() < keep {
            return Ok(Vec::new());
        }
        result.sort();
        result.truncate(result.len() - keep);
        Ok(result)
    }

    fn do_rollover(&mut self) -> Result<(), Error> {
        self.rotation.file.close_stream()?;
        let current = self.now();
        let dst_now = self.local(current)?.tm_isdst;
        let t = self.rollover_at - self.interval;
        let mut then = self.broken_down(t)?;
        if !self.utc && dst_now != then.tm_isdst {
            let addend = if dst_now != 0 { 3600 } else { -3600 };
            then = self.local(t + addend)?;
        }
        let mut buf = [0u8; 128];
        let stamp = time::strftime(self.unit.suffix, &then, &mut buf).map_err(time_error)?;
        let base = self.rotation.file.path.clone();
        let mut default = base.clone();
        default.push(b'.');
        default.extend_from_slice(stamp.as_bytes());
        let dfn = self.rotation.rotation_filename(&default);
        if os::path::exists(&dfn) {
            os::remove(&dfn)?;
        }
        self.rotation.rotate(&base, &dfn)?;
        if self.backup_count > 0 {
            for s in self.get_files_to_delete()? {
                os::remove(&s)?;
            }
        }
        if !self.rotation.file.options.delay {
            self.rotation.file.open()?;
        }
        let mut new_rollover_at = self.compute_rollover(current)?;
        // CPython loops forever when the interval is not positive.
        if self.interval > 0 {
            while new_rollover_at <= current {
                new_rollover_at += self.interval;
            }
        }
        if self.midnight_or_weekly() && !self.utc {
            new_rollover_at += self.dst_addend(dst_now, new_rollover_at)?;
        }
        self.rollover_at = new_rollover_at;
        Ok(())
    }
}

/// `logging.handlers.TimedRotatingFileHandler`: at each rollover the
/// file is renamed `NAME.SUFFIX` (the start of the interval it covers,
/// e.g. `app.log.2024-03-31`), and with `backupCount` the oldest such
/// files beyond it are deleted.
///
/// Rollover times follow CPython 3.11 to the second, its summer-time
/// corrections included (local time unless `utc`); the first one counts
/// from the file's modification time when the file exists. The clock is
/// [`TimedOptions::time_source`]; note that without `delay` the
/// constructor has just opened (made) the file, so, as in CPython, the
/// first rollover counts from the real time the file was made, not from
/// that clock.
///
/// ```
/// use strata_alloc::logging::FileOptions;
/// use strata_alloc::logging::handlers::{TimedOptions, TimedRotatingFileHandler};
/// use std::sync::Arc;
/// let dir = std::env::temp_dir().join(format!("strata-doc-timed-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let h = TimedRotatingFileHandler::new(
///     dir.join("app.log").to_str().unwrap(),
///     TimedOptions {
///         when: "midnight".into(),
///         utc: true,
///         time_source: Some(Arc::new(|| 1_700_000_000.5)),
///         file: FileOptions { delay: true, ..FileOptions::default() },
///         ..TimedOptions::default()
///     },
/// )
/// .unwrap();
/// assert_eq!(h.rollover_at(), 1_700_006_400); // 2023-11-15 00:00 UTC
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct TimedRotatingFileHandler {
    base: HandlerBase,
    state: Mutex<TimedState>,
}

impl TimedRotatingFileHandler {
    /// `TimedRotatingFileHandler(filename, when, interval, backupCount,
    /// encoding, delay, utc, atTime, errors)`. A bad `when` is CPython's
    /// `ValueError`.
    pub fn new(
        filename: impl AsRef<[u8]>,
        options: TimedOptions,
    ) -> Result<Arc<TimedRotatingFileHandler>, Error> {
        let mut file_options = options.file;
        file_options.mode = String::from("a");
        let file = LogFile::new(filename.as_ref(), file_options)?;
        let when = options.when.to_uppercase();
        let (unit, day_of_week) = unit(&when)?;
        let mut state = TimedState {
            rotation: Rotation::new(file),
            when,
            interval: unit.seconds * options.interval,
            unit,
            day_of_week,
            backup_count: options.backup_count,
            utc: options.utc,
            at_time: options.at_time,
            rollover_at: 0,
            clock: options.time_source,
        };
        let t = match os::stat(&state.rotation.file.path) {
            Ok(st) => st.st_mtime_ns.div_euclid(1_000_000_000),
            Err(_) => state.now(),
        };
        state.rollover_at = state.compute_rollover(t)?;
        Ok(register(TimedRotatingFileHandler {
            base: HandlerBase::new(NOTSET),
            state: Mutex::new(state),
        }))
    }

    /// `baseFilename`.
    pub fn base_filename(&self) -> Vec<u8> {
        self.state.lock().rotation.file.path.clone()
    }

    /// `when`, upper-cased.
    pub fn when(&self) -> String {
        self.state.lock().when.clone()
    }

    /// `interval`: the rollover interval in seconds.
    pub fn interval(&self) -> i64 {
        self.state.lock().interval
    }

    /// `suffix`: the `strftime` format of a rotated file's extension.
    pub fn suffix(&self) -> &'static str {
        self.state.lock().unit.suffix
    }

    /// `rolloverAt`: when the next rollover is due.
    pub fn rollover_at(&self) -> i64 {
        self.state.lock().rollover_at
    }

    /// Sets `rolloverAt`.
    pub fn set_rollover_at(&self, at: i64) {
        self.state.lock().rollover_at = at;
    }

    /// Sets the `namer` attribute (`None`: names unchanged).
    pub fn set_namer(&self, namer: Option<Namer>) {
        self.state.lock().rotation.namer = namer;
    }

    /// Sets the `rotator` attribute (`None`: `os.rename`).
    pub fn set_rotator(&self, rotator: Option<Rotator>) {
        self.state.lock().rotation.rotator = rotator;
    }

    /// `rotation_filename(default_name)`.
    pub fn rotation_filename(&self, default_name: &[u8]) -> Vec<u8> {
        self.state.lock().rotation.rotation_filename(default_name)
    }

    /// `rotate(source, dest)`.
    pub fn rotate(&self, source: &[u8], dest: &[u8]) -> Result<(), Error> {
        self.state.lock().rotation.rotate(source, dest)
    }

    /// `computeRollover(currentTime)`.
    pub fn compute_rollover(&self, current_time: i64) -> Result<i64, Error> {
        self.state.lock().compute_rollover(current_time)
    }

    /// `shouldRollover(record)` (the record plays no part).
    pub fn should_rollover(&self) -> Result<bool, Error> {
        self.state.lock().should_rollover()
    }

    /// `getFilesToDelete()`: the rotated files beyond `backupCount`,
    /// oldest first. Names are looked at as bytes where CPython looks at
    /// characters, which differs only for names that are not ASCII.
    pub fn get_files_to_delete(&self) -> Result<Vec<Vec<u8>>, Error> {
        self.state.lock().get_files_to_delete()
    }

    /// `doRollover()`.
    pub fn do_rollover(&self) -> Result<(), Error> {
        self.state.lock().do_rollover()
    }
}

impl Handler for TimedRotatingFileHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    /// `BaseRotatingHandler.emit`: roll over if due, then write.
    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let mut state = self.state.lock();
        if state.should_rollover()? {
            state.do_rollover()?;
        }
        state.rotation.file.emit(&self.base, record)
    }

    fn flush(&self) -> Result<(), Error> {
        self.state.lock().rotation.file.flush()
    }

    fn close(&self) {
        self.state.lock().rotation.file.close();
        self.base.mark_closed();
    }
}
