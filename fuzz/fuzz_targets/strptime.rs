//! `strata_core::time`'s strptime (CPython's `_strptime` without a regex
//! engine) on arbitrary text and formats, and the same formats through
//! strftime against glibc's.
//!
//! Input: `STRING \0 FORMAT`, each made UTF-8 lossily (the API takes
//! `&str`, as Python takes `str`), matched in a zone whose names are `EST`
//! and `EDT` and, for inputs whose first byte is odd, in UTC. Checks: no
//! panic and no runaway backtracking (every call ends); a result has its
//! fields in the ranges CPython's can take; an error's message renders;
//! a result survives `strftime` and `asctime`. Then the format is given to
//! `strftime` for a struct_time built from the input, and, when it is
//! ASCII (where glibc's `strftime` and the `wcsftime` CPython calls agree)
//! and has no `s` (whose `mktime` would depend on glibc's hidden guess),
//! the text must equal glibc's `strftime` of the same `struct tm`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ffi::{CString, c_char, c_int, c_long};

#[path = "glibc_time.rs"]
mod glibc_time;
use glibc_time::{CTm, strftime};
use strata_core::time::{StructTime, Zone, ZoneName};

/// glibc's strftime of a struct that passed Python's checks (`tm_zone`
/// always set, so glibc never falls back to its own `tzname`).
fn glibc_strftime(format: &str, t: &StructTime) -> Option<Vec<u8>> {
    let fmt = CString::new(format).ok()?;
    let zone = CString::new(t.tm_zone?.as_str()).ok()?;
    let tm = CTm {
        sec: t.tm_sec,
        min: t.tm_min,
        hour: t.tm_hour,
        // CPython's checktm turns a 0 month, day or day of year into 1.
        mday: t.tm_mday.max(1),
        mon: (t.tm_mon - 1).max(0),
        year: (t.tm_year - 1900) as c_int,
        wday: (t.tm_wday + 1) % 7,
        yday: (t.tm_yday - 1).max(0),
        isdst: t.tm_isdst.clamp(-1, 1),
        gmtoff: t.tm_gmtoff.unwrap_or(0) as c_long,
        zone: zone.as_ptr(),
    };
    let mut buf = vec![0 as c_char; 8192];
    // SAFETY: valid C strings, struct tm and buffer of the given size.
    let n = unsafe { strftime(buf.as_mut_ptr(), buf.len(), fmt.as_ptr(), &tm) };
    // 0 is also an empty result; either way nothing longer was made.
    Some(buf[..n].iter().map(|&c| c as u8).collect())
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let string = String::from_utf8_lossy(&data[..split]);
    let format = String::from_utf8_lossy(data.get(split + 1..).unwrap_or(&[]));
    let mut zone = Box::new(Zone::utc());
    if data.first().is_some_and(|b| b % 2 == 0) {
        zone.load_posix(b"EST5EDT,M3.2.0,M11.1.0").unwrap();
    }
    let mut buf = [0u8; 4096];
    match zone.strptime(&string, &format, 1_700_000_000) {
        Ok(t) => {
            assert!((1..=9999).contains(&t.tm_year) || t.tm_year == 1900);
            assert!((1..=12).contains(&t.tm_mon) && (1..=31).contains(&t.tm_mday));
            assert!((0..=23).contains(&t.tm_hour) && (0..=59).contains(&t.tm_min));
            assert!((0..=61).contains(&t.tm_sec) && (0..=6).contains(&t.tm_wday));
            // CPython keeps an ISO week's day of year past 366 (2024-W53-3 is
            // day 367 of 2024, in 2025).
            assert!((1..=380).contains(&t.tm_yday) && (-1..=1).contains(&t.tm_isdst));
            if let Some(off) = t.tm_gmtoff {
                assert!(off.abs() < 100 * 3600);
            }
            let _ = zone.strftime("%c %j %U %W %G %V %z %Z", &t, &mut buf);
            let _ = strata_core::time::asctime(&t).map(|a| a.to_string());
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            assert!(matches!(e.python_exception(), "ValueError" | "re.error"));
        }
    }

    // strftime with the format, on a struct from the input's bytes.
    let b = |i: usize| i32::from(*data.get(i).unwrap_or(&0));
    let mut t = StructTime::new(
        i64::from(b(1) * 40 + b(2)) - 2000,
        b(3) % 13,
        b(4) % 32,
        b(5) % 24,
        b(6) % 60,
        b(7) % 62,
        b(8) % 7,
        b(9) * 2 % 367,
        b(10) % 3 - 1,
    );
    t.tm_zone = ZoneName::new(["UTC", "CEST", "+0530", "X Y"][b(11) as usize % 4]);
    t.tm_gmtoff = Some(i64::from(b(12) - 128) * 137);
    let ours = zone
        .strftime(&format, &t, &mut buf)
        .map(|s| s.as_bytes().to_vec());
    if format.is_ascii() && !format.contains('s') && !format.contains('\0') {
        let theirs = glibc_strftime(&format, &t);
        match (ours, theirs) {
            (Ok(a), Some(b)) if a.len() < 4000 => assert_eq!(a, b, "format {format:?} of {t:?}"),
            (Ok(_), _) => {}
            (Err(e), _) => assert_eq!(
                e,
                strata_core::time::Error::BufferTooSmall,
                "format {format:?}"
            ),
        }
    }
});
