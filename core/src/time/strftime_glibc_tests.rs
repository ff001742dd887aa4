//! `strftime` against the glibc this test runs on, which CPython's
//! `time.strftime` calls with the format as given: every flag and width
//! with every modifier before every printable ASCII character (directive
//! or not), alone and inside text, for structs at midnight, at noon and
//! at the edges of what Python accepts, byte for byte.
//!
//! The test process never calls `setlocale`, so glibc runs in the C
//! locale, as Strata does; glibc's `strftime` and the `wcsftime` CPython
//! uses agree on ASCII formats. Nothing is left out: the places where
//! Strata differs on purpose (Unicode case mappings, a buffer too small,
//! CPython's give-up at 256 times the format's length) need non-ASCII
//! text or long results, which these formats never make.

use std::ffi::{CStr, CString, c_char, c_int, c_long};
use std::format;
use std::string::String;
use std::vec::Vec;

use super::super::calendar::Tm;
use super::super::struct_time::{StructTime, ZONE_NAME_CAPACITY, ZoneName};
use super::ZoneHooks;

/// glibc's `struct tm` on 64-bit Linux.
#[repr(C)]
struct CTm {
    sec: c_int,
    min: c_int,
    hour: c_int,
    mday: c_int,
    mon: c_int,
    year: c_int,
    wday: c_int,
    yday: c_int,
    isdst: c_int,
    gmtoff: c_long,
    zone: *const c_char,
}

mod glibc {
    use super::CTm;
    use std::ffi::c_char;

    unsafe extern "C" {
        pub fn strftime(s: *mut c_char, max: usize, format: *const c_char, tm: *const CTm)
        -> usize;
        pub fn mktime(tm: *mut CTm) -> i64;
        pub fn tzset();
        pub static mut tzname: [*const c_char; 2];
    }
}

/// What `%s` and a `%Z` without `tm_zone` see: glibc's own `mktime` and
/// `tzname`, the ones its `strftime` uses, so both sides format the same
/// numbers and names.
struct GlibcZone;

impl ZoneHooks for GlibcZone {
    fn mktime(&mut self, tm: &Tm) -> Option<i64> {
        let mut c = CTm {
            sec: tm.sec,
            min: tm.min,
            hour: tm.hour,
            mday: tm.mday,
            mon: tm.mon,
            year: tm.year,
            wday: tm.wday,
            yday: tm.yday,
            isdst: tm.isdst,
            gmtoff: tm.gmtoff as c_long,
            zone: core::ptr::null(),
        };
        // SAFETY: `c` is a valid struct tm, which mktime only reads and
        // normalises in place.
        Some(unsafe { glibc::mktime(&mut c) })
    }

    fn tzname(&mut self) -> [ZoneName; 2] {
        // SAFETY: tzset takes no arguments; tzname is read by value right
        // after it (no reference to the mutable static is kept).
        let names = unsafe {
            glibc::tzset();
            (&raw const glibc::tzname).read()
        };
        names.map(|p| {
            if p.is_null() {
                return ZoneName::EMPTY;
            }
            // SAFETY: glibc's tzname entries are NUL-terminated strings
            // that live until the next tzset.
            let name = unsafe { CStr::from_ptr(p) };
            ZoneName::truncated(name.to_str().unwrap_or(""), ZONE_NAME_CAPACITY)
        })
    }
}

/// glibc's `strftime` of `t` as CPython prepares it (`gettmarg`,
/// `checktm`'s zero fixes, `tm_isdst` clamped), written independently of
/// Strata's conversion; `None` for a format with a NUL.
fn glibc_strftime(format: &str, t: &StructTime) -> Option<Vec<u8>> {
    let fmt = CString::new(format).ok()?;
    let zone = t
        .tm_zone
        .map(|z| CString::new(z.as_str()).ok())
        .unwrap_or(None);
    let tm = CTm {
        sec: t.tm_sec,
        min: t.tm_min,
        hour: t.tm_hour,
        mday: if t.tm_mday == 0 { 1 } else { t.tm_mday },
        mon: if t.tm_mon == 0 { 0 } else { t.tm_mon - 1 },
        year: (t.tm_year - 1900) as c_int,
        wday: t.tm_wday.wrapping_add(1) % 7,
        yday: if t.tm_yday == 0 { 0 } else { t.tm_yday - 1 },
        isdst: t.tm_isdst.clamp(-1, 1),
        gmtoff: t.tm_gmtoff.unwrap_or(0) as c_long,
        zone: zone.as_ref().map_or(core::ptr::null(), |z| z.as_ptr()),
    };
    let mut buf = [0 as c_char; 1024];
    // SAFETY: a NUL-terminated format, a struct tm whose zone (if any)
    // outlives the call, and a buffer of the length given.
    let n = unsafe { glibc::strftime(buf.as_mut_ptr(), buf.len(), fmt.as_ptr(), &tm) };
    // 0 is also an empty result; nothing here comes near the buffer's size.
    Some(buf[..n].iter().map(|&c| c as u8).collect())
}

/// A struct_time in Python's conventions, with a zone and offset.
fn st(
    year: i64,
    [mon, mday, hour, min, sec, wday, yday, isdst]: [i32; 8],
    zone: Option<&str>,
    gmtoff: i64,
) -> StructTime {
    let mut t = StructTime::new(year, mon, mday, hour, min, sec, wday, yday, isdst);
    t.tm_zone = zone.and_then(ZoneName::new);
    t.tm_gmtoff = Some(gmtoff);
    t
}

#[test]
fn every_flag_modifier_and_directive_matches_glibc() {
    // The last of `_`, `-` and `0` is the one that counts ("0_", "_010").
    const FLAGS: [&str; 17] = [
        "", "_", "-", "0", "^", "#", "^#", "10", "#10", "_5", "-3", "0_", "_0", "-0", "#^", "^_10",
        "_010",
    ];
    const MODIFIERS: [&str; 3] = ["", "E", "O"];
    let structs = [
        // An ordinary afternoon.
        st(2024, [3, 5, 14, 7, 9, 1, 65, 0], Some("CET"), 3600),
        // Midnight, summer time, no tm_zone: `%Z` asks tzname.
        st(2000, [1, 1, 0, 0, 0, 5, 1, 1], None, -(5 * 3600 + 30 * 60)),
        // Noon, DST unknown (no `%z`), an empty zone name.
        st(1999, [12, 31, 12, 0, 0, 4, 365, -1], Some(""), 0),
        // The largest year, second 61, an offset that is INT_MIN as an
        // int, tm_isdst clamped to 1.
        st(
            i64::from(i32::MAX),
            [12, 31, 23, 59, 61, 6, 366, 5],
            Some("+0530"),
            i64::from(i32::MIN),
        ),
        // The smallest year; zeros checktm fixes; an offset whose low
        // 32 bits are -1.
        st(
            i64::from(i32::MIN) + 1900,
            [0, 0, 0, 0, 0, 0, 0, 0],
            Some("X Y"),
            i64::MAX,
        ),
        // A negative year on January 1st, in the previous ISO year.
        st(
            -1,
            [1, 1, 11, 59, 59, 4, 1, 0],
            Some("LMT"),
            -(99 * 3600 + 59 * 60 + 59),
        ),
    ];
    let mut buf = [0u8; 1024];
    let mut checked = 0usize;
    let mut mismatches = String::new();
    for t in &structs {
        for flags in FLAGS {
            for modifier in MODIFIERS {
                for c in 0x21u8..=0x7e {
                    let directive = format!("%{flags}{modifier}{}", c as char);
                    // Alone, a directive ending in a flag, digit or
                    // modifier is a '%' at the end of the format.
                    for format in [directive.clone(), format!("<{directive}>")] {
                        let ours = super::strftime(&format, t, &mut buf, &mut GlibcZone)
                            .map(|s| s.as_bytes().to_vec());
                        let theirs = glibc_strftime(&format, t);
                        checked += 1;
                        if ours.as_ref().ok() != theirs.as_ref() {
                            let ours = ours.map(|b| String::from_utf8_lossy(&b).into_owned());
                            let theirs = theirs.map(|b| String::from_utf8_lossy(&b).into_owned());
                            mismatches += &format!(
                                "{format:?} of {} {:?}: Strata {ours:?}, glibc {theirs:?}\n",
                                t.tm_year,
                                (t.tm_mon, t.tm_mday, t.tm_hour, t.tm_isdst),
                            );
                        }
                    }
                }
            }
        }
    }
    assert_eq!(
        checked,
        structs.len() * FLAGS.len() * MODIFIERS.len() * 94 * 2
    );
    assert!(
        mismatches.is_empty(),
        "{} of {checked} formats differ from glibc:\n{mismatches}",
        mismatches.lines().count()
    );
}

/// What the fuzzer found, as CPython 3.11 on glibc 2.36 prints it.
#[test]
fn fuzz_finds() {
    let mut buf = [0u8; 64];
    let mut t = st(
        2024,
        [1, 1, 0, 0, 0, 0, 1, 0],
        Some("X"),
        i64::from(i32::MIN),
    );
    let mut f = |format: &str, t: &StructTime| {
        super::strftime(format, t, &mut buf, &mut GlibcZone).map(String::from)
    };
    assert_eq!(
        f("%#Eh|%#Eb|%#EB|%^Eh|%#10Eh", &t).unwrap(),
        "%#EH|%#EB|%#EB|%^EH|    %#10EH"
    );
    assert_eq!(
        f("%z|%10z|%-z", &t).unwrap(),
        "-59652314|         -0059652314|-59652314"
    );
    t.tm_gmtoff = Some(i64::MAX);
    assert_eq!(f("%z|%-z", &t).unwrap(), "-0000|-0");
}
