//! The IANA time zone database compiled into the program (feature
//! `embedded-tzdata`), for systems without `/usr/share/zoneinfo`: a
//! `FROM scratch` container, an initramfs, a board's minimal root.
//!
//! Python's counterpart is the [`tzdata`](https://pypi.org/project/tzdata/)
//! package, which `zoneinfo` falls back to when the system has no zone
//! files. Here the fallback is glibc's own lookup: [`Zone::load`] (and so
//! [`tzset`](super::tzset) and the process's zone) reads a zone file
//! first, from `TZDIR` or `/usr/share/zoneinfo`, exactly as glibc would,
//! and only when that file is missing takes the zone of the same name from
//! [`embedded`]. A file that is present always wins, so a system's newer
//! tzdata is used where there is one. `TZ` unset with no `/etc/localtime`
//! stays UTC: there is no name to look up. Without the feature, a missing
//! zone is what glibc makes of it: UTC, named after the value's leading
//! letters (`Europe` for `Europe/Berlin`; CPython's `time.tzname` shows
//! the same).
//!
//! ```
//! use strata_core::time::{Zone, tzdata};
//!
//! let db = tzdata::embedded().unwrap();
//! let mut zone = Box::new(Zone::utc());
//! zone.load_tzdata(&db, b"Europe/Berlin").unwrap();
//! let t = zone.localtime(1_700_000_000).unwrap();
//! assert_eq!((t.tm_hour, t.tm_zone.unwrap().as_str()), (23, "CET"));
//! assert!(db.names().any(|name| name == "America/New_York"));
//! ```
//!
//! The data (`tzdata.bin` beside this file, 90 KiB for tzdata 2025b) is
//! made by `scripts/tzdata` from Debian's tzdata package, whose version
//! [`Database::version`] and [`Database::source`] give; its names are
//! every zone and link of Debian's main tree (backward names included),
//! `posixrules`, and `posix/NAME` as another name for `NAME` (Debian's
//! `posix/` tree is symlinks). The `right/` zones, whose clock counts leap
//! seconds, are not in it. A zone read from it answers as the TZif file it
//! was made from: the tests compare every name at every transition, around
//! every change of the footer's rule from 1900 to 2100, and at random
//! instants.
//!
//! # What differs from Python, and why
//!
//! - The database is the one Strata was built with: update it by
//!   rerunning `scripts/tzdata` (Python's `tzdata` is updated by pip).
//! - Names are matched exactly, byte for byte, as file names are: no case
//!   folding (Python's `zoneinfo` neither), no `..` resolution.
//! - The reader never panics; malformed data is a [`TzError::Database`]
//!   saying what is wrong.
//!
//! The format (format 1, described in `scripts/tzdata`): a shared table of
//! local time types (UTC offset, DST flag, abbreviation), each zone's types
//! as indices into it, its transitions as varint deltas, its footer's
//! POSIX TZ string, and transitions the footer's rule gives anyway left
//! out.

use super::error::TzError;
use super::struct_time::MAX_ABBREVIATION;
use super::tz::{self, Parsed};
use super::zone::{MAX_CHARS, MAX_TRANSITIONS, MAX_TYPES, TType, Zone};

/// The database `scripts/tzdata` made.
static EMBEDDED: &[u8] = include_bytes!("tzdata.bin");

const MAGIC: &[u8] = b"STZD\x01";
/// The bytes of one entry of the shared type table.
const TYPE_LEN: usize = 7;

/// The time zone database compiled into the program (Python: the
/// `tzdata` package).
///
/// An error can only mean that the build's `tzdata.bin` is damaged; the
/// tests read it whole.
pub fn embedded() -> Result<Database<'static>, TzError> {
    Database::new(EMBEDDED)
}

/// A time zone database in Strata's compact format: the one [`embedded`]
/// returns, or one of the caller's (bytes `scripts/tzdata` wrote).
#[derive(Clone, Copy)]
pub struct Database<'a> {
    version: &'a str,
    source: &'a str,
    strings: &'a [u8],
    types: &'a [u8],
    zones: &'a [u8],
    names: &'a [u8],
    name_count: usize,
}

fn bad(why: &'static str) -> TzError {
    TzError::Database(why)
}

impl core::fmt::Debug for Database<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Database")
            .field("version", &self.version)
            .field("source", &self.source)
            .field("names", &self.name_count)
            .finish_non_exhaustive()
    }
}

/// A read position in the database; every read is checked.
#[derive(Clone)]
struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TzError> {
        let end = self.pos.checked_add(n).ok_or(bad("truncated"))?;
        let bytes = self.data.get(self.pos..end).ok_or(bad("truncated"))?;
        self.pos = end;
        Ok(bytes)
    }

    /// An unsigned LEB128 number of at most 64 bits.
    fn uv(&mut self) -> Result<u64, TzError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(bad("number too large"));
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(bad("number too large"))
    }

    /// An unsigned LEB128 number that must fit a `usize`.
    fn size(&mut self) -> Result<usize, TzError> {
        usize::try_from(self.uv()?).map_err(|_| bad("number too large"))
    }

    /// A zigzag LEB128 number.
    fn sv(&mut self) -> Result<i64, TzError> {
        let v = self.uv()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A length-prefixed byte string.
    fn string(&mut self) -> Result<&'a [u8], TzError> {
        let n = self.size()?;
        self.take(n)
    }

    fn text(&mut self) -> Result<&'a str, TzError> {
        core::str::from_utf8(self.string()?).map_err(|_| bad("text is not UTF-8"))
    }
}

impl<'a> Database<'a> {
    /// Checks the header and the name index of `data` (the zones are
    /// checked as each is loaded).
    pub fn new(data: &'a [u8]) -> Result<Database<'a>, TzError> {
        let mut r = Bytes { data, pos: 0 };
        if r.take(MAGIC.len()).ok() != Some(MAGIC) {
            return Err(bad("not a Strata time zone database (format 1)"));
        }
        let version = r.text()?;
        let source = r.text()?;
        let strings = r.string()?;
        let type_count = r.size()?;
        let types = r.take(type_count.checked_mul(TYPE_LEN).ok_or(bad("truncated"))?)?;
        let zones = r.string()?;
        let name_count = r.size()?;
        let names = &data[r.pos..];
        let db = Database {
            version,
            source,
            strings,
            types,
            zones,
            names,
            name_count,
        };
        // Walk the index once: names are UTF-8, in order, point into the
        // zones, and fill the rest of the data exactly.
        let mut n = Bytes {
            data: names,
            pos: 0,
        };
        let mut last: Option<&[u8]> = None;
        for _ in 0..name_count {
            let name = n.string()?;
            if core::str::from_utf8(name).is_err() {
                return Err(bad("a zone name is not UTF-8"));
            }
            if last.is_some_and(|l| l >= name) {
                return Err(bad("zone names out of order"));
            }
            if n.size()? >= zones.len() {
                return Err(bad("a zone name points past the zones"));
            }
            last = Some(name);
        }
        if n.pos != names.len() {
            return Err(bad("bytes after the last zone name"));
        }
        Ok(db)
    }

    /// The IANA release the data comes from (`2025b`; Python:
    /// `tzdata.IANA_VERSION`).
    pub fn version(&self) -> &'a str {
        self.version
    }

    /// Where `scripts/tzdata` took it from (`Debian tzdata 2025b-0+deb12u2`).
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Every zone name, in byte order (Python:
    /// `zoneinfo.available_timezones()`, plus `posixrules` and the
    /// backward names; `posix/NAME` is not listed but is found).
    pub fn names(&self) -> Names<'a> {
        Names {
            r: Bytes {
                data: self.names,
                pos: 0,
            },
            left: self.name_count,
        }
    }

    /// The offset of `name`'s zone record, if the database has it;
    /// `posix/NAME`, unless it is a name itself, is `NAME`.
    pub(super) fn find(&self, name: &[u8]) -> Option<usize> {
        self.find_exact(name).or_else(|| {
            name.strip_prefix(b"posix/")
                .and_then(|rest| self.find_exact(rest))
        })
    }

    fn find_exact(&self, name: &[u8]) -> Option<usize> {
        let mut r = Bytes {
            data: self.names,
            pos: 0,
        };
        for _ in 0..self.name_count {
            let entry = r.string().ok()?;
            let zone = r.size().ok()?;
            match entry.cmp(name) {
                core::cmp::Ordering::Less => {}
                core::cmp::Ordering::Equal => return Some(zone),
                core::cmp::Ordering::Greater => return None,
            }
        }
        None
    }

    /// A NUL-terminated string of the pool.
    fn pooled(&self, at: usize) -> Result<&'a [u8], TzError> {
        let rest = self.strings.get(at..).ok_or(bad("string past the pool"))?;
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(bad("string without its NUL"))?;
        Ok(&rest[..end])
    }

    /// Entry `i` of the shared type table and its abbreviation.
    fn local_type(&self, i: usize) -> Result<(TType, &'a [u8]), TzError> {
        let at = i.checked_mul(TYPE_LEN).ok_or(bad("type past the table"))?;
        let e = self
            .types
            .get(at..at + TYPE_LEN)
            .ok_or(bad("type past the table"))?;
        let flags = e[4];
        if flags & !7 != 0 {
            return Err(bad("unknown type flags"));
        }
        let abbr = self.pooled(usize::from(u16::from_le_bytes([e[5], e[6]])))?;
        if abbr.len() > MAX_ABBREVIATION {
            return Err(TzError::Limit {
                what: "bytes in a zone abbreviation",
                limit: MAX_ABBREVIATION,
            });
        }
        if core::str::from_utf8(abbr).is_err() {
            return Err(bad("abbreviation is not UTF-8"));
        }
        let ty = TType {
            offset: i32::from_le_bytes([e[0], e[1], e[2], e[3]]),
            isdst: flags & 1 != 0,
            abbr: 0,
            isstd: flags & 2 != 0,
            isut: flags & 4 != 0,
        };
        Ok((ty, abbr))
    }

    /// Decodes the zone record at `at` into `zone`'s tables, as reading
    /// its TZif file would have filled them. On error the tables are left
    /// half-written; the caller installs a fallback.
    pub(super) fn read_zone(&self, at: usize, zone: &mut Zone) -> Result<(), TzError> {
        let mut r = Bytes {
            data: self.zones,
            pos: at,
        };
        let footer = match r.size()? {
            0 => None,
            n => Some(self.pooled(n - 1)?),
        };
        let typecnt = r.size()?;
        if typecnt == 0 {
            return Err(bad("a zone without local time types"));
        }
        if typecnt > MAX_TYPES {
            return Err(TzError::Limit {
                what: "local time types",
                limit: MAX_TYPES,
            });
        }
        // The abbreviation table, rebuilt: each distinct name once.
        zone.charcnt = 0;
        for i in 0..typecnt {
            let (mut ty, abbr) = self.local_type(r.size()?)?;
            let chars = &zone.chars[..zone.charcnt];
            let found = (0..zone.charcnt).find(|&k| {
                (k == 0 || chars[k - 1] == 0)
                    && chars[k..].starts_with(abbr)
                    && chars.get(k + abbr.len()) == Some(&0)
            });
            let k = match found {
                Some(k) => k,
                None => {
                    let k = zone.charcnt;
                    let end = k + abbr.len() + 1;
                    if end > MAX_CHARS {
                        return Err(TzError::Limit {
                            what: "abbreviation bytes",
                            limit: MAX_CHARS,
                        });
                    }
                    zone.chars[k..end - 1].copy_from_slice(abbr);
                    zone.chars[end - 1] = 0;
                    zone.charcnt = end;
                    k
                }
            };
            // Below MAX_CHARS, which is 256.
            ty.abbr = k as u8;
            zone.types[i] = ty;
        }
        let timecnt = r.size()?;
        if timecnt > MAX_TRANSITIONS {
            return Err(TzError::Limit {
                what: "transitions",
                limit: MAX_TRANSITIONS,
            });
        }
        if timecnt > 0 {
            let mut t = r.sv()?;
            zone.trans[0] = t;
            for slot in &mut zone.trans[1..timecnt] {
                let code = r.uv()?;
                let delta = if code & 1 == 1 {
                    Some(code >> 1)
                } else {
                    (code >> 1).checked_mul(60)
                };
                let delta = delta
                    .and_then(|d| i64::try_from(d).ok())
                    .filter(|&d| d > 0)
                    .ok_or(bad("transitions out of order"))?;
                t = t.checked_add(delta).ok_or(bad("transition out of range"))?;
                *slot = t;
            }
        }
        // usize::BITS - leading_zeros: at most 8, since typecnt <= 256.
        let bits = (usize::BITS - (typecnt - 1).leading_zeros()) as usize;
        let packed = r.take((timecnt * bits).div_ceil(8))?;
        for (i, slot) in zone.trans_idx[..timecnt].iter_mut().enumerate() {
            let mut idx = 0usize;
            for b in 0..bits {
                let bit = i * bits + b;
                idx |= usize::from((packed[bit / 8] >> (bit % 8)) & 1) << b;
            }
            if idx >= typecnt {
                return Err(bad("transition to a type that does not exist"));
            }
            // Below typecnt, at most 256.
            *slot = idx as u8;
        }
        zone.timecnt = timecnt;
        zone.typecnt = typecnt;
        zone.leapcnt = 0;
        zone.footer = match footer {
            Some(spec) if !spec.is_empty() => Some(match tz::parse(spec)? {
                Parsed::Rules(rules) | Parsed::WantsDefaultRules(rules) => rules,
            }),
            _ => None,
        };
        zone.after_read();
        Ok(())
    }
}

/// The names of a [`Database`]'s zones, from [`Database::names`].
#[derive(Clone, Debug)]
pub struct Names<'a> {
    r: Bytes<'a>,
    left: usize,
}

impl core::fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "at {} of {} bytes", self.pos, self.data.len())
    }
}

impl<'a> Iterator for Names<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        // Checked by Database::new; an error ends the iteration.
        let name = self.r.string().ok()?;
        self.r.size().ok()?;
        core::str::from_utf8(name).ok()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left))
    }
}
