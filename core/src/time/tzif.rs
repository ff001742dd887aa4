//! The TZif reader: `/usr/share/zoneinfo` files, versions 1 to 4 (RFC
//! 8536), read into a [`Zone`]'s fixed-size tables exactly as glibc 2.36's
//! `__tzfile_read` accepts them.
//!
//! glibc uses the 64-bit data of a version 2+ file and its footer TZ
//! string; it requires at least two bytes after the data (the footer's
//! newlines), ignores what the footer does not parse, and checks type
//! indices, `isdst` values and abbreviation indices but not the order of
//! transitions. Strata does the same, and adds its own limits (see
//! [`Zone`]) plus two checks where glibc would read outside the file's
//! tables: at least one local time type, and every abbreviation ending
//! within the abbreviation bytes. Nothing here panics, whatever the bytes.

use super::error::TzError;
use super::struct_time::MAX_ABBREVIATION;
use super::tz::{self, Parsed};
use super::zone::{Leap, MAX_CHARS, MAX_LEAPS, MAX_TRANSITIONS, MAX_TYPES, TType, Zone};

const HEADER: usize = 44;

/// A read position in the file, as glibc's `FILE *`: reads past the end
/// fail, seeks past it do not.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let bytes = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(bytes)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn be32(&mut self) -> Option<i32> {
        self.take(4)
            .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn time(&mut self, width: usize) -> Option<i64> {
        let b = self.take(width)?;
        Some(if width == 4 {
            i64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        } else {
            i64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        })
    }
}

/// The six counts of a TZif header.
struct Counts {
    isut: usize,
    isstd: usize,
    leap: usize,
    time: usize,
    types: usize,
    chars: usize,
}

fn malformed(why: &'static str) -> TzError {
    TzError::Malformed(why)
}

fn header(r: &mut Reader<'_>) -> Result<(u8, Counts), TzError> {
    let h = r.take(HEADER).ok_or(malformed("truncated header"))?;
    if &h[..4] != b"TZif" {
        return Err(malformed("no TZif magic"));
    }
    let count = |at: usize| {
        let v = i32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
        usize::try_from(v).map_err(|_| malformed("negative count"))
    };
    let c = Counts {
        isut: count(20)?,
        isstd: count(24)?,
        leap: count(28)?,
        time: count(32)?,
        types: count(36)?,
        chars: count(40)?,
    };
    if c.isstd > c.types || c.isut > c.types {
        return Err(malformed("more standard/UT indicators than types"));
    }
    Ok((h[4], c))
}

fn limit(what: &'static str, count: usize, limit: usize) -> Result<(), TzError> {
    if count > limit {
        Err(TzError::Limit { what, limit })
    } else {
        Ok(())
    }
}

impl Zone {
    /// Reads TZif data into this zone (glibc's `__tzfile_read`). On error
    /// the tables are left half-written; the caller installs a fallback.
    pub(super) fn read_tzif(&mut self, data: &[u8]) -> Result<(), TzError> {
        let mut r = Reader { data, pos: 0 };
        let (version, mut c) = header(&mut r)?;
        let mut width = 4;
        if version != 0 {
            // Skip the 32-bit data to the second header.
            width = 8;
            let skip = c
                .time
                .checked_mul(5)
                .and_then(|n| n.checked_add(c.types.checked_mul(6)?))
                .and_then(|n| n.checked_add(c.chars))
                .and_then(|n| n.checked_add(c.leap.checked_mul(8)?))
                .and_then(|n| n.checked_add(c.isstd))
                .and_then(|n| n.checked_add(c.isut))
                .ok_or(malformed("counts overflow"))?;
            r.pos = r.pos.saturating_add(skip);
            c = header(&mut r)?.1;
        }
        let mut footer_len = 0;
        if width == 8 {
            // glibc sizes the footer from what is left after the data, and
            // wants at least its two newlines.
            let rem = data
                .len()
                .checked_sub(r.pos)
                .ok_or(malformed("truncated data"))?;
            let need = c
                .time
                .checked_mul(9)
                .and_then(|n| n.checked_add(c.types.checked_mul(6)?))
                .and_then(|n| n.checked_add(c.chars))
                .ok_or(malformed("counts overflow"))?;
            let mut len = rem.checked_sub(need).ok_or(malformed("truncated data"))?;
            len = len
                .checked_sub(c.leap.checked_mul(12).ok_or(malformed("counts overflow"))?)
                .ok_or(malformed("truncated data"))?;
            len = len
                .checked_sub(c.isstd)
                .ok_or(malformed("truncated data"))?;
            if len == 0 || len - 1 < c.isut {
                return Err(malformed("truncated data"));
            }
            len -= c.isut + 1;
            if len == 0 {
                return Err(malformed("no footer"));
            }
            footer_len = len;
        }
        if c.types == 0 {
            return Err(malformed("no local time types"));
        }
        limit("transitions", c.time, MAX_TRANSITIONS)?;
        limit("local time types", c.types, MAX_TYPES)?;
        limit("abbreviation bytes", c.chars, MAX_CHARS)?;
        limit("leap seconds", c.leap, MAX_LEAPS)?;

        for t in &mut self.trans[..c.time] {
            *t = r.time(width).ok_or(malformed("truncated transitions"))?;
        }
        let idx = r.take(c.time).ok_or(malformed("truncated transitions"))?;
        if idx.iter().any(|&i| usize::from(i) >= c.types) {
            return Err(malformed("transition to a type that does not exist"));
        }
        self.trans_idx[..c.time].copy_from_slice(idx);
        for ty in &mut self.types[..c.types] {
            let offset = r.be32().ok_or(malformed("truncated types"))?;
            let isdst = r.byte().ok_or(malformed("truncated types"))?;
            let abbr = r.byte().ok_or(malformed("truncated types"))?;
            if isdst > 1 {
                return Err(malformed("isdst is neither 0 nor 1"));
            }
            if usize::from(abbr) > c.chars {
                return Err(malformed("abbreviation index past the abbreviations"));
            }
            *ty = TType {
                offset,
                isdst: isdst == 1,
                abbr,
                isstd: false,
                isut: false,
            };
        }
        let chars = r
            .take(c.chars)
            .ok_or(malformed("truncated abbreviations"))?;
        self.chars[..c.chars].copy_from_slice(chars);
        self.charcnt = c.chars;
        for leap in &mut self.leaps[..c.leap] {
            let transition = r.time(width).ok_or(malformed("truncated leap seconds"))?;
            let change = r.be32().ok_or(malformed("truncated leap seconds"))?;
            *leap = Leap {
                transition,
                change: i64::from(change),
            };
        }
        for i in 0..c.isstd {
            self.types[i].isstd = r.byte().ok_or(malformed("truncated indicators"))? != 0;
        }
        for i in 0..c.isut {
            self.types[i].isut = r.byte().ok_or(malformed("truncated indicators"))? != 0;
        }
        self.timecnt = c.time;
        self.typecnt = c.types;
        self.leapcnt = c.leap;

        // Every abbreviation a type names must be one Strata can hold. An
        // index equal to the count, or a name without its NUL, ends at the
        // end of the table here (glibc reads on past it).
        for i in 0..c.types {
            let bytes = self.abbr_bytes(self.types[i].abbr);
            if bytes.len() > MAX_ABBREVIATION {
                return Err(TzError::Limit {
                    what: "bytes in a zone abbreviation",
                    limit: MAX_ABBREVIATION,
                });
            }
            if core::str::from_utf8(bytes).is_err() {
                return Err(malformed("abbreviation is not UTF-8"));
            }
        }

        // The footer: a newline, then the TZ string up to the last byte.
        self.footer = None;
        if width == 8
            && r.byte() == Some(b'\n')
            && let Some(spec) = r.take(footer_len - 1)
        {
            let spec = &spec[..spec.iter().position(|&b| b == 0).unwrap_or(spec.len())];
            if !spec.is_empty() {
                // A DST footer without rules gets the default rules:
                // glibc would reload posixrules here.
                self.footer = Some(match tz::parse(spec)? {
                    Parsed::Rules(rules) | Parsed::WantsDefaultRules(rules) => rules,
                });
            }
        }
        self.after_read();
        Ok(())
    }
}
