//! [`Zone`]: one loaded time zone in fixed-size storage, and what glibc
//! does with it: find it from a TZ value (`tzset_internal`), convert
//! instants to local time (`__tzfile_compute`, `__tz_compute`) and back
//! (`mktime.rs`), and the January/July probe by which CPython derives
//! `timezone`, `altzone`, `daylight` and `tzname`.

use core::ffi::CStr;
use core::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use super::calendar::{Tm, offtime};
use super::error::{Error, TzError};
use super::struct_time::{StructTime, ZoneName};
use super::tz::{self, Parsed, PosixTz};

/// The most transitions a zone may have. tzdata's largest has 310 (the
/// 64-bit data of `Asia/Hebron`, up to 2037).
pub const MAX_TRANSITIONS: usize = 1024;
/// The most local time types a zone may have: every one a TZif file can
/// index.
pub const MAX_TYPES: usize = 256;
/// The most abbreviation bytes (NULs included) a zone may have; tzdata's
/// largest has 40.
pub const MAX_CHARS: usize = 256;
/// The most leap-second records a zone may have; the `right/` zones have
/// 27.
pub const MAX_LEAPS: usize = 64;
/// The largest zone file Strata reads.
pub const MAX_FILE: usize = 32 * 1024;

/// Where glibc looks for zone files when `TZDIR` is unset.
const TZDIR: &[u8] = b"/usr/share/zoneinfo";
/// The system's zone when `TZ` is unset.
const TZDEFAULT: &[u8] = b"/etc/localtime";
/// The file whose rules a TZ string with DST but no rules borrows.
const TZDEFRULES: &[u8] = b"posixrules";

/// A local time type of a TZif file.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TType {
    pub offset: i32,
    pub isdst: bool,
    pub abbr: u8,
    pub isstd: bool,
    pub isut: bool,
}

impl TType {
    const ZERO: TType = TType {
        offset: 0,
        isdst: false,
        abbr: 0,
        isstd: false,
        isut: false,
    };
}

/// A leap-second record: from `transition` on, `change` seconds are
/// inserted in total.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Leap {
    pub transition: i64,
    pub change: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// A TZ string, or glibc's `UTC` fallback.
    Posix,
    /// A TZif file.
    Tzif,
}

/// Where a zone comes from besides `TZ`: the `TZDIR` environment
/// variable, whether the process is set-user-ID (glibc's
/// `__libc_enable_secure`, from `AT_SECURE`), and whether a missing zone
/// file is looked up in the embedded database (feature `embedded-tzdata`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Env<'a> {
    pub tzdir: Option<&'a [u8]>,
    pub secure: bool,
    pub embedded: bool,
}

/// A time zone: what `TZ` names, loaded into fixed-size storage (13 KiB,
/// so keep it in a `static` or a `Box` rather than on a small stack;
/// reading a zone file also takes 36 KiB of stack for the file and its
/// path, only while it reads).
///
/// The process's zone lives inside the `time` module and is what
/// [`localtime`](super::localtime) and friends use; a `Zone` of one's own
/// gives the same conversions for another zone without touching it:
///
/// ```
/// use strata_core::time::Zone;
///
/// let mut berlin = Box::new(Zone::utc());
/// berlin.load(Some(b"EST5EDT,M3.2.0,M11.1.0")).unwrap();
/// let t = berlin.localtime(1_700_000_000).unwrap();
/// assert_eq!((t.tm_hour, t.tm_zone.unwrap().as_str()), (17, "EST"));
/// ```
///
/// Limits: [`MAX_TRANSITIONS`] transitions, [`MAX_TYPES`] local time
/// types, [`MAX_CHARS`] abbreviation bytes, [`MAX_LEAPS`] leap seconds,
/// [`MAX_ABBREVIATION`](super::MAX_ABBREVIATION) bytes per abbreviation,
/// [`MAX_FILE`] bytes per file. A zone beyond them fails to load with
/// [`TzError::Limit`].
pub struct Zone {
    source: Source,
    posix: PosixTz,
    pub(crate) timecnt: usize,
    pub(crate) trans: [i64; MAX_TRANSITIONS],
    pub(crate) trans_idx: [u8; MAX_TRANSITIONS],
    pub(crate) typecnt: usize,
    pub(crate) types: [TType; MAX_TYPES],
    pub(crate) charcnt: usize,
    pub(crate) chars: [u8; MAX_CHARS],
    pub(crate) leapcnt: usize,
    pub(crate) leaps: [Leap; MAX_LEAPS],
    pub(crate) footer: Option<PosixTz>,
    /// glibc's `rule_stdoff` and `rule_dstoff`: statics that outlive a
    /// reload, and that `posixrules` adjustments read (`rule_dstoff` is
    /// only set by zones without transitions and by those adjustments).
    rule_stdoff: i64,
    rule_dstoff: i64,
    /// glibc's `tzname` right after loading: what `%Z` shows for a
    /// struct_time without `tm_zone`.
    load_tzname: [ZoneName; 2],
    /// glibc's `localtime_offset`, mktime's guess at the UTC offset.
    pub(crate) mktime_offset: AtomicI64,
    /// A zone built from `posixrules` (a TZ string with DST but no rules)
    /// is built again by every later `tzset` or `mktime`, and the first
    /// rebuild moves the transitions that followed summer time by this
    /// much: glibc's stale `rule_dstoff` is then replaced (see
    /// [`Zone::tzset_again`]).
    default_fix: i64,
    /// Which transitions that moves, one bit each.
    dst_shifted: [u8; MAX_TRANSITIONS / 8],
    /// Whether the zone came from `posixrules`.
    default_mode: bool,
    /// glibc rewrites its `tzname` on every local conversion with a TZif
    /// zone; `%Z` for a struct without `tm_zone` shows it. This records
    /// the last conversion (see [`Zone::glibc_tzname`]): 0 none since
    /// loading, 1 before the first transition, 2 past the table by the
    /// footer, 3 + i after transition i - 1.
    last_event: AtomicU64,
}

impl Zone {
    /// A zone that is UTC, named `UTC` (what glibc falls back to when
    /// nothing else is found).
    pub const fn utc() -> Zone {
        let utc = PosixTz::utc();
        Zone {
            source: Source::Posix,
            posix: utc,
            timecnt: 0,
            trans: [0; MAX_TRANSITIONS],
            trans_idx: [0; MAX_TRANSITIONS],
            typecnt: 0,
            types: [TType::ZERO; MAX_TYPES],
            charcnt: 0,
            chars: [0; MAX_CHARS],
            leapcnt: 0,
            leaps: [Leap {
                transition: 0,
                change: 0,
            }; MAX_LEAPS],
            footer: None,
            rule_stdoff: 0,
            rule_dstoff: 0,
            load_tzname: [utc.rules[0].name, utc.rules[1].name],
            mktime_offset: AtomicI64::new(0),
            default_fix: 0,
            dst_shifted: [0; MAX_TRANSITIONS / 8],
            default_mode: false,
            last_event: AtomicU64::new(0),
        }
    }

    /// `os.environ['TZ'] = tz; time.tzset()`, for this zone: loads what a
    /// TZ value names, as glibc does.
    ///
    /// `None` is an unset `TZ`: `/etc/localtime`, else UTC. `Some(b"")`
    /// is `Universal`. A leading `:` is dropped. Otherwise the value is
    /// first tried as a file (relative to `TZDIR`, or
    /// `/usr/share/zoneinfo`), then parsed as a POSIX TZ string. The
    /// process's `TZDIR` applies. With the feature `embedded-tzdata`, a
    /// zone file that is missing (a name, or a path in
    /// `/usr/share/zoneinfo/`) is first looked up in the database built
    /// into the program (`time::tzdata`); a file that exists always wins.
    ///
    /// An error says why a file that exists could not be used; the zone
    /// then holds what glibc would fall back to (the value read as a TZ
    /// string).
    ///
    /// # References
    /// - [tzset(3)](https://man7.org/linux/man-pages/man3/tzset.3.html)
    /// - [tzfile(5)](https://man7.org/linux/man-pages/man5/tzfile.5.html)
    pub fn load(&mut self, tz: Option<&[u8]>) -> Result<(), TzError> {
        let env = Env {
            tzdir: crate::os::getenv("TZDIR"),
            secure: crate::os::getauxval(AT_SECURE).is_some_and(|v| v != 0),
            embedded: cfg!(feature = "embedded-tzdata"),
        };
        self.load_in(tz, &env)
    }

    /// Loads the zone `name` (`Europe/Berlin`, exactly as a file name
    /// under `/usr/share/zoneinfo`; no leading `:`) from a time zone
    /// database, without looking for a file (Python:
    /// `zoneinfo.ZoneInfo(name)` when its data is the `tzdata` package).
    /// [`Zone::load`] does this by itself when the file is missing. On
    /// error the zone is UTC; [`TzError::NotFound`] if the database has no
    /// such name. Feature `embedded-tzdata`.
    ///
    /// # References
    /// - [tzfile(5)](https://man7.org/linux/man-pages/man5/tzfile.5.html)
    #[cfg(feature = "embedded-tzdata")]
    pub fn load_tzdata(
        &mut self,
        db: &super::tzdata::Database<'_>,
        name: &[u8],
    ) -> Result<(), TzError> {
        self.default_fix = 0;
        self.default_mode = false;
        self.last_event.store(0, Ordering::Relaxed);
        let result = match db.find(name) {
            Some(at) => db.read_zone(at, self),
            None => Err(TzError::NotFound),
        };
        match result {
            Ok(()) => self.source = Source::Tzif,
            Err(_) => self.set_posix(PosixTz::utc()),
        }
        result
    }

    /// Loads TZif data already in memory, e.g. a file embedded in the
    /// program. On error the zone is UTC.
    pub fn load_tzif(&mut self, data: &[u8]) -> Result<(), TzError> {
        self.default_fix = 0;
        self.default_mode = false;
        self.last_event.store(0, Ordering::Relaxed);
        let result = self.read_tzif(data);
        match result {
            Ok(()) => self.source = Source::Tzif,
            Err(_) => self.set_posix(PosixTz::utc()),
        }
        result
    }

    /// Reads a POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`) as glibc
    /// does once no file of that name exists, without looking for one: the
    /// way to set a zone on a system without zoneinfo. A zone with summer
    /// time but no rules (`CET-1CEST`) gets glibc's default rules, those
    /// of the US since 2007. The string is taken as it is (no leading `:`,
    /// no `""` meaning UTC); only an abbreviation longer than
    /// [`MAX_ABBREVIATION`](super::MAX_ABBREVIATION) bytes is an error,
    /// and leaves UTC.
    ///
    /// # References
    /// - [tzset(3)](https://man7.org/linux/man-pages/man3/tzset.3.html)
    pub fn load_posix(&mut self, tz: &[u8]) -> Result<(), TzError> {
        self.default_fix = 0;
        self.default_mode = false;
        self.last_event.store(0, Ordering::Relaxed);
        match tz::parse(tz) {
            Ok(Parsed::Rules(rules) | Parsed::WantsDefaultRules(rules)) => {
                self.set_posix(rules);
                Ok(())
            }
            Err(e) => {
                self.set_posix(PosixTz::utc());
                Err(e)
            }
        }
    }

    /// glibc's `tzset_internal`, minus the environment.
    pub(crate) fn load_in(&mut self, tz: Option<&[u8]>, env: &Env<'_>) -> Result<(), TzError> {
        self.default_fix = 0;
        self.default_mode = false;
        self.last_event.store(0, Ordering::Relaxed);
        // A C string ends at its first NUL.
        let tz = tz.map(|v| &v[..v.iter().position(|&b| b == 0).unwrap_or(v.len())]);
        let tz = match tz {
            Some(b"") => Some(&b"Universal"[..]),
            Some(v) => Some(v.strip_prefix(b":").unwrap_or(v)),
            None => None,
        };
        let file = tz.unwrap_or(TZDEFAULT);
        let report = match self.read_file(file, env) {
            Ok(()) => return Ok(()),
            Err(FileError::Absent) => Ok(()),
            Err(FileError::Unusable(e)) => Err(e),
        };
        let tz = match tz {
            Some(v) if !v.is_empty() && v != TZDEFAULT => v,
            _ => {
                self.set_posix(PosixTz::utc());
                return report;
            }
        };
        match tz::parse(tz) {
            Ok(Parsed::Rules(rules)) => self.set_posix(rules),
            Ok(Parsed::WantsDefaultRules(rules)) => {
                if !self.default_rules(&rules, env) {
                    self.set_posix(rules);
                }
            }
            Err(e) => {
                self.set_posix(PosixTz::utc());
                return Err(e);
            }
        }
        report
    }

    fn set_posix(&mut self, rules: PosixTz) {
        self.source = Source::Posix;
        self.posix = rules;
        self.load_tzname = [rules.rules[0].name, rules.rules[1].name];
    }

    /// Opens `file` (relative to the zone directory unless absolute) and
    /// reads it as TZif data (glibc's `__tzfile_read`); if there is no
    /// such file, and the environment allows, takes the embedded zone of
    /// that name.
    fn read_file(&mut self, file: &[u8], env: &Env<'_>) -> Result<(), FileError> {
        match self.read_file_on_disk(file, env) {
            Err(FileError::Absent) if env.embedded => self.read_embedded(file),
            other => other,
        }
    }

    /// The embedded zone for a file glibc found missing: a name relative
    /// to the zone directory, or a path in `/usr/share/zoneinfo/`.
    #[cfg(feature = "embedded-tzdata")]
    fn read_embedded(&mut self, file: &[u8]) -> Result<(), FileError> {
        let name = match file.strip_prefix(b"/") {
            Some(_) => match file.strip_prefix(TZDIR).and_then(|r| r.strip_prefix(b"/")) {
                Some(name) => name,
                None => return Err(FileError::Absent),
            },
            None => file,
        };
        let db = super::tzdata::embedded().map_err(FileError::Unusable)?;
        let at = db.find(name).ok_or(FileError::Absent)?;
        db.read_zone(at, self).map_err(FileError::Unusable)?;
        self.source = Source::Tzif;
        Ok(())
    }

    #[cfg(not(feature = "embedded-tzdata"))]
    fn read_embedded(&mut self, _file: &[u8]) -> Result<(), FileError> {
        Err(FileError::Absent)
    }

    fn read_file_on_disk(&mut self, file: &[u8], env: &Env<'_>) -> Result<(), FileError> {
        if file.is_empty() {
            return Err(FileError::Absent);
        }
        if env.secure {
            // A set-user-ID program reads only the system's zone files.
            let outside = file[0] == b'/' && file != TZDEFAULT && !file.starts_with(TZDIR);
            if outside || file.windows(3).any(|w| w == b"../") {
                return Err(FileError::Absent);
            }
        }
        let mut path = [0u8; 4096];
        let mut len = 0;
        let mut push = |part: &[u8]| -> bool {
            match path.get_mut(len..len + part.len()) {
                Some(dst) => {
                    dst.copy_from_slice(part);
                    len += part.len();
                    true
                }
                None => false,
            }
        };
        let fits = if file[0] == b'/' {
            push(file)
        } else {
            let dir = env.tzdir.filter(|d| !d.is_empty()).unwrap_or(TZDIR);
            push(dir) && push(b"/") && push(file)
        };
        // Too long a path is ENAMETOOLONG to glibc: no file.
        if !fits || len >= path.len() {
            return Err(FileError::Absent);
        }
        let Ok(path) = CStr::from_bytes_with_nul(&path[..=len]) else {
            // A NUL inside the directory name ends glibc's path there too;
            // such a file is as good as absent.
            return Err(FileError::Absent);
        };
        let mut buf = [0u8; MAX_FILE];
        let n = read_whole(path, &mut buf)?;
        self.read_tzif(&buf[..n]).map_err(FileError::Unusable)?;
        self.source = Source::Tzif;
        Ok(())
    }

    /// What `__tzfile_read` computes once the tables are in: glibc's
    /// `tzname`, and `rule_stdoff`/`rule_dstoff`.
    pub(super) fn after_read(&mut self) {
        let mut names: [Option<ZoneName>; 2] = [None, None];
        for i in (0..self.timecnt).rev() {
            let ty = self.types[usize::from(self.trans_idx[i])];
            let dst = usize::from(ty.isdst);
            if names[dst].is_none() {
                names[dst] = Some(self.abbr(ty.abbr));
                if names[1 - dst].is_some() {
                    break;
                }
            }
        }
        let first = names[0].unwrap_or_else(|| self.abbr(0));
        self.load_tzname = [first, names[1].unwrap_or(first)];
        if self.timecnt == 0 {
            self.rule_stdoff = i64::from(self.types[0].offset);
            self.rule_dstoff = self.rule_stdoff;
        } else {
            self.rule_stdoff = (0..self.timecnt)
                .rev()
                .map(|i| self.types[usize::from(self.trans_idx[i])])
                .find(|ty| !ty.isdst)
                .map_or(0, |ty| i64::from(ty.offset));
        }
    }

    /// glibc's `__tzfile_default`: a TZ string with DST but no rules
    /// (`EST5EDT`) takes the transitions of `posixrules`, moved to its own
    /// offsets, under its own names. `false` if that file is unusable.
    fn default_rules(&mut self, user: &PosixTz, env: &Env<'_>) -> bool {
        if self.read_file(TZDEFRULES, env).is_err() {
            return false;
        }
        if self.typecnt < 2 {
            return false;
        }
        let [std, dst] = [&user.rules[0], &user.rules[1]];
        let (stdoff, dstoff) = (i64::from(std.offset), i64::from(dst.offset));
        // The names replace the file's: "STD\0DST\0".
        let (s, d) = (std.name.as_str().as_bytes(), dst.name.as_str().as_bytes());
        self.chars[..s.len()].copy_from_slice(s);
        self.chars[s.len()] = 0;
        self.chars[s.len() + 1..s.len() + 1 + d.len()].copy_from_slice(d);
        self.chars[s.len() + 1 + d.len()] = 0;
        self.charcnt = s.len() + d.len() + 2;
        let mut isdst = false;
        self.dst_shifted = [0; MAX_TRANSITIONS / 8];
        for i in 0..self.timecnt {
            let ty = self.types[usize::from(self.trans_idx[i])];
            self.trans_idx[i] = u8::from(ty.isdst);
            let shift = if ty.isut {
                0
            } else if isdst && !ty.isstd {
                self.dst_shifted[i / 8] |= 1 << (i % 8);
                dstoff - self.rule_dstoff
            } else {
                stdoff - self.rule_stdoff
            };
            self.trans[i] = self.trans[i].wrapping_add(shift);
            isdst = ty.isdst;
        }
        // Built again, with rule_dstoff = dstoff, those would not move.
        self.default_fix = dstoff - self.rule_dstoff;
        self.rule_stdoff = stdoff;
        self.rule_dstoff = dstoff;
        self.types[0].abbr = 0;
        self.types[0].offset = std.offset;
        self.types[0].isdst = false;
        self.types[1].abbr = (s.len() + 1) as u8;
        self.types[1].offset = dst.offset;
        self.types[1].isdst = true;
        self.typecnt = 2;
        self.load_tzname = [std.name, dst.name];
        self.default_mode = true;
        true
    }

    /// What glibc's `tzset` does to a zone when `TZ` has not changed: for
    /// a TZ string with DST but no rules, build it from `posixrules`
    /// again, now with the `rule_dstoff` the last build left; otherwise
    /// nothing. `mktime` and `strftime` (for `%s`, and `%Z` without
    /// `tm_zone`) call `tzset`, so a process's first `mktime` can move such
    /// a zone's transitions: [`Zone::mktime`] and [`Zone::strftime`] do it
    /// too.
    pub fn tzset_again(&mut self) {
        if !(self.default_mode && self.source == Source::Tzif) {
            return;
        }
        if self.default_fix != 0 {
            for i in 0..self.timecnt {
                if self.dst_shifted[i / 8] & (1 << (i % 8)) != 0 {
                    self.trans[i] = self.trans[i].wrapping_sub(self.default_fix);
                }
            }
            self.default_fix = 0;
        }
        // The rebuild sets glibc's tzname to the TZ string's names.
        self.last_event.store(0, Ordering::Relaxed);
    }

    /// The abbreviation at `idx` of the abbreviation bytes, as bytes: up
    /// to its NUL or the end of the table.
    pub(crate) fn abbr_bytes(&self, idx: u8) -> &[u8] {
        let all = &self.chars[..self.charcnt];
        let rest = all.get(usize::from(idx)..).unwrap_or(&[]);
        &rest[..rest.iter().position(|&b| b == 0).unwrap_or(rest.len())]
    }

    fn abbr(&self, idx: u8) -> ZoneName {
        // Checked to be UTF-8 and short enough when the zone was read.
        core::str::from_utf8(self.abbr_bytes(idx))
            .ok()
            .and_then(ZoneName::new)
            .unwrap_or(ZoneName::EMPTY)
    }

    /// Local time at `t` as C's `struct tm` and its zone name (glibc's
    /// `__tz_convert` with local time).
    pub(crate) fn local_tm(&self, t: i64) -> Option<(Tm, ZoneName)> {
        let (offset, isdst, name) = match self.source {
            Source::Posix => {
                let utc = offtime(t, 0)?;
                let local = self.posix.local(t, utc.year);
                (i64::from(local.offset), local.isdst, local.name)
            }
            Source::Tzif => {
                let (found, event) = self.tzif_type(t);
                self.last_event.store(event, Ordering::Relaxed);
                match found {
                    Ok(ty) => (i64::from(ty.offset), ty.isdst, self.abbr(ty.abbr)),
                    Err(local) => (i64::from(local.offset), local.isdst, local.name),
                }
            }
        };
        let (corr, hit) = self.leap_correction(t);
        let mut tm = offtime(t, offset.wrapping_sub(corr))?;
        tm.sec += hit;
        tm.isdst = i32::from(isdst);
        tm.gmtoff = offset;
        Some((tm, name))
    }

    /// The local time type of a TZif zone at `t`, or the footer's answer
    /// past the last transition (glibc's `__tzfile_compute`).
    fn tzif_type(&self, t: i64) -> (Result<TType, tz::Local>, u64) {
        let n = self.timecnt;
        if n == 0 || t < self.trans[0] {
            // Before the first transition: the first standard-time type.
            let types = &self.types[..self.typecnt];
            return (
                Ok(types
                    .iter()
                    .copied()
                    .find(|ty| !ty.isdst)
                    .unwrap_or(types[0])),
                1,
            );
        }
        if t >= self.trans[n - 1] {
            return match (&self.footer, offtime(t, 0)) {
                (Some(footer), Some(utc)) => (Err(footer.local(t, utc.year)), 2),
                _ => (
                    Ok(self.types[usize::from(self.trans_idx[n - 1])]),
                    3 + n as u64,
                ),
            };
        }
        let i = self.after(t);
        (
            Ok(self.types[usize::from(self.trans_idx[i - 1])]),
            3 + i as u64,
        )
    }

    /// The index of the first transition after `t`, for `t` between the
    /// first and the last. Like glibc, first guess from the end that
    /// transitions come twice a year and look a few either side, else
    /// search by halves. Transitions out of order (which glibc does not
    /// reject) still give an index in range.
    fn after(&self, t: i64) -> usize {
        let trans = &self.trans[..self.timecnt];
        let n = trans.len();
        if let Some(back) = trans[n - 1].checked_sub(t).map(|d| d / 15_778_476)
            && let Ok(back) = usize::try_from(back)
            && back < n
        {
            let mut i = n - 1 - back;
            if t < trans[i] {
                if i < 10 || t >= trans[i - 10] {
                    while i > 1 && t < trans[i - 1] {
                        i -= 1;
                    }
                    return i.max(1);
                }
            } else if i + 10 >= n || t < trans[i + 10] {
                while i < n - 1 && t >= trans[i] {
                    i += 1;
                }
                return i.max(1);
            }
        }
        trans.partition_point(|&x| x <= t).clamp(1, n)
    }

    /// The leap seconds inserted before `t`, and how many of them `t` is
    /// (glibc's `leap_correct` and `leap_hit`).
    fn leap_correction(&self, t: i64) -> (i64, i32) {
        let leaps = &self.leaps[..self.leapcnt];
        let Some(mut i) = leaps.iter().rposition(|l| t >= l.transition) else {
            return (0, 0);
        };
        let corr = leaps[i].change;
        let mut hit = 0;
        let before = if i == 0 { 0 } else { leaps[i - 1].change };
        if t == leaps[i].transition && leaps[i].change > before {
            hit = 1;
            while i > 0
                && leaps[i].transition == leaps[i - 1].transition.wrapping_add(1)
                && leaps[i].change == leaps[i - 1].change.wrapping_add(1)
            {
                hit += 1;
                i -= 1;
            }
        }
        (corr, hit)
    }

    /// `time.localtime(secs)` in this zone.
    ///
    /// # References
    /// - [localtime(3)](https://man7.org/linux/man-pages/man3/localtime.3.html)
    pub fn localtime(&self, secs: i64) -> Result<StructTime, Error> {
        let (tm, name) = self.local_tm(secs).ok_or(Error::Overflow)?;
        Ok(to_struct(&tm, name))
    }

    /// `time.gmtime(secs)` with this zone's leap seconds (glibc applies
    /// the current zone's leap-second table to UTC too; only the `right/`
    /// zones have one).
    ///
    /// # References
    /// - [gmtime(3)](https://man7.org/linux/man-pages/man3/gmtime.3.html)
    pub fn gmtime(&self, secs: i64) -> Result<StructTime, Error> {
        let (corr, hit) = match self.source {
            Source::Tzif => self.leap_correction(secs),
            Source::Posix => (0, 0),
        };
        let mut tm = offtime(secs, corr.wrapping_neg()).ok_or(Error::Overflow)?;
        tm.sec += hit;
        Ok(to_struct(&tm, GMT))
    }

    /// `time.mktime(t)` in this zone: the instant whose local time is `t`
    /// (its year, month, day, hour, minute, second and `tm_isdst`; the
    /// rest is ignored), with out-of-range fields carried over as C's
    /// `mktime` does. Python returns the same value as a float.
    ///
    /// `tm_isdst` -1 lets the zone decide; in a repeated hour the earlier
    /// of the two instants is found, and a time in a gap is moved by the
    /// size of the gap, as glibc does.
    ///
    /// # References
    /// - [mktime(3)](https://man7.org/linux/man-pages/man3/mktime.3.html)
    pub fn mktime(&mut self, t: &StructTime) -> Result<i64, Error> {
        let tm = t.to_tm()?;
        self.mktime_tm(&tm).ok_or(Error::MktimeOutOfRange)
    }

    /// glibc's `mktime` on a C `struct tm` (after its `tzset`).
    pub(crate) fn mktime_tm(&mut self, tm: &Tm) -> Option<i64> {
        self.tzset_again();
        let mut tm = *tm;
        let mut offset = self.mktime_offset.load(Ordering::Relaxed);
        let t = super::mktime::mktime(&mut tm, |x| self.local_tm(x).map(|r| r.0), &mut offset);
        self.mktime_offset.store(offset, Ordering::Relaxed);
        t
    }

    /// glibc's `tzname` as the last local conversion (or loading) left
    /// it: what `%Z` shows for a struct without `tm_zone`.
    pub(crate) fn glibc_tzname(&self) -> [ZoneName; 2] {
        let event = self.last_event.load(Ordering::Relaxed);
        if self.source == Source::Posix || event == 0 {
            return self.load_tzname;
        }
        let mut names: [Option<ZoneName>; 2] = [None, None];
        let types = &self.types[..self.typecnt];
        match event {
            1 => {
                // __tzfile_compute before the first transition.
                let mut i = 0;
                while i < types.len() && types[i].isdst {
                    names[1].get_or_insert_with(|| self.abbr(types[i].abbr));
                    i += 1;
                }
                if i == types.len() {
                    i = 0;
                }
                names[0] = Some(self.abbr(types[i].abbr));
                if names[1].is_none() {
                    names[1] = types[i..]
                        .iter()
                        .find(|ty| ty.isdst)
                        .map(|ty| self.abbr(ty.abbr));
                }
            }
            2 => {
                if let Some(footer) = &self.footer {
                    return [footer.rules[0].name, footer.rules[1].name];
                }
            }
            _ => {
                // After transition i - 1: its name, then the first of the
                // other kind that follows.
                let i = ((event - 3) as usize).clamp(1, self.timecnt.max(1));
                let ty = types[usize::from(self.trans_idx[i - 1])];
                names[usize::from(ty.isdst)] = Some(self.abbr(ty.abbr));
                for j in i..self.timecnt {
                    let ty = types[usize::from(self.trans_idx[j])];
                    let dst = usize::from(ty.isdst);
                    if names[dst].is_none() {
                        names[dst] = Some(self.abbr(ty.abbr));
                        if names[1 - dst].is_some() {
                            break;
                        }
                    }
                }
                if names[0].is_none() {
                    names[0] = names[1];
                }
            }
        }
        let first = names[0].unwrap_or(ZoneName::EMPTY);
        [first, names[1].unwrap_or(first)]
    }

    /// CPython's `init_timezone` at the instant `now`: `timezone`,
    /// `altzone`, `daylight` and `tzname`, from the local times of the
    /// year's start and middle.
    pub fn tzinfo(&self, now: i64) -> Result<TzInfo, TzError> {
        const YEAR: i64 = (365 * 24 + 6) * 3600;
        let probe = |t: i64| match self.local_tm(t) {
            Some((tm, name)) => (-tm.gmtoff, ZoneName::truncated(name.as_str(), 9)),
            None => (0, ZoneName::EMPTY),
        };
        let jan_t = now / YEAR * YEAR;
        let (jan, jan_name) = probe(jan_t);
        let (july, july_name) = probe(jan_t + YEAR / 2);
        const MAX: i64 = 48 * 3600;
        if !(-MAX..=MAX).contains(&jan) || !(-MAX..=MAX).contains(&july) {
            return Err(TzError::InvalidGmtOffset);
        }
        Ok(if jan < july {
            // Summer time in January: the southern hemisphere.
            TzInfo {
                timezone: july,
                altzone: jan,
                daylight: jan != july,
                tzname: [july_name, jan_name],
            }
        } else {
            TzInfo {
                timezone: jan,
                altzone: july,
                daylight: jan != july,
                tzname: [jan_name, july_name],
            }
        })
    }
}

/// Python's `timezone`, `altzone`, `daylight` and `tzname` for a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TzInfo {
    /// `time.timezone`: seconds west of UTC of standard time.
    pub timezone: i64,
    /// `time.altzone`: seconds west of UTC of summer time (equal to
    /// `timezone` when there is none).
    pub altzone: i64,
    /// `time.daylight`: whether the zone has summer time this year.
    pub daylight: bool,
    /// `time.tzname`: the standard and summer time abbreviations, at most
    /// 9 bytes each (CPython's buffer).
    pub tzname: [ZoneName; 2],
}

impl TzInfo {
    pub(crate) const UTC: TzInfo = TzInfo {
        timezone: 0,
        altzone: 0,
        daylight: false,
        tzname: [PosixTz::utc().rules[0].name, PosixTz::utc().rules[1].name],
    };
}

/// `gmtime`'s zone name: glibc's.
const GMT: ZoneName = match ZoneName::new("GMT") {
    Some(n) => n,
    None => ZoneName::EMPTY,
};

/// The auxv key that tells a set-user-ID program.
const AT_SECURE: usize = 23;

fn to_struct(tm: &Tm, name: ZoneName) -> StructTime {
    StructTime::from_tm(tm, name)
}

/// Why a zone file was not used.
enum FileError {
    /// Not there, or not allowed: glibc moves on silently.
    Absent,
    /// There but unusable: reported.
    Unusable(TzError),
}

/// Reads the whole file at `path` into `buf`; its length.
fn read_whole(path: &CStr, buf: &mut [u8]) -> Result<usize, FileError> {
    use rustix::fs::{Mode, OFlags};
    let fd = loop {
        match rustix::fs::open(path, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()) {
            Ok(fd) => break fd,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return Err(FileError::Absent),
        }
    };
    let mut len = 0;
    loop {
        if len == buf.len() {
            // Full: one more byte means the file is too big.
            let mut probe = [0u8; 1];
            return match rustix::io::read(&fd, &mut probe) {
                Ok(0) => Ok(len),
                Ok(_) => Err(FileError::Unusable(TzError::Limit {
                    what: "bytes",
                    limit: MAX_FILE,
                })),
                Err(e) => Err(FileError::Unusable(TzError::Io(e.into()))),
            };
        }
        match rustix::io::read(&fd, &mut buf[len..]) {
            Ok(0) => return Ok(len),
            Ok(n) => len += n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(FileError::Unusable(TzError::Io(e.into()))),
        }
    }
}
