//! `strata_core::time`'s POSIX TZ string parser on arbitrary bytes, with
//! glibc itself, in this process, as the oracle.
//!
//! Input: a TZ string (up to the first NUL), then 8-byte little-endian
//! instants. Checks: no panic; every local time has its fields in range;
//! `mktime`, `strftime` and the January/July probe never panic; and
//! wherever glibc's answer is defined, `localtime` equals glibc's
//! `localtime_r` field for field, zone name and offset included. glibc
//! looks for a file first: `TZDIR` points nowhere, so it never finds one,
//! and strings it would read as a path are left out of the comparison, as
//! are `M` rules whose month glibc would use to read outside its table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::time::Zone;

#[path = "glibc_time.rs"]
mod glibc_time;
use glibc_time::{broken_down, fields, set_tz};

/// glibc's `sscanf("%hu")` after an `M`: the month it would store, if
/// it reads one.
fn month_after(s: &[u8], mut i: usize) -> Option<u16> {
    while s.get(i).is_some_and(|c| b" \t\n\x0b\x0c\r".contains(c)) {
        i += 1;
    }
    let negative = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut v: u64 = 0;
    let mut any = false;
    let mut overflow = false;
    while let Some(d) = s.get(i).filter(|c| c.is_ascii_digit()) {
        any = true;
        match v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
        {
            Some(n) => v = n,
            None => overflow = true,
        }
        i += 1;
    }
    let v = if overflow {
        u64::MAX
    } else if negative {
        v.wrapping_neg()
    } else {
        v
    };
    any.then_some(v as u16)
}

/// Whether glibc's answer is defined and comparable for this string.
fn comparable(tz: &[u8]) -> bool {
    if tz.is_empty() || tz[0] == b':' || tz[0] == b'/' {
        return false;
    }
    // Any `M` might start a rule; glibc keeps the month of a rule that
    // fails to parse, 0 if none was read. (Names with an `M` are left out
    // too.)
    (0..tz.len())
        .all(|i| tz[i] != b'M' || month_after(tz, i + 1).is_some_and(|m| (1..=12).contains(&m)))
}

fn instants(rest: &[u8]) -> Vec<i64> {
    let mut times = vec![
        i64::MIN,
        -67_768_040_609_740_801,
        -2_208_988_801,
        -1,
        0,
        951_782_400,
        1_700_000_000,
        1_710_054_000,
        4_102_444_800,
        67_768_036_191_676_799,
        i64::MAX,
    ];
    times.extend(
        rest.chunks_exact(8)
            .take(24)
            .map(|c| i64::from_le_bytes(c.try_into().unwrap())),
    );
    // Around each of them, and through a year every 37 hours.
    let extra: Vec<i64> = times
        .iter()
        .flat_map(|&t| [t.wrapping_sub(1), t.wrapping_add(1)])
        .collect();
    times.extend(extra);
    let base = rest
        .first()
        .map_or(0, |&b| i64::from(b) * 31_556_952 - 2_208_988_800);
    times.extend((0..24 * 366).step_by(37).map(|h| base + h * 3600));
    times
}

fuzz_target!(|data: &[u8]| {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (tz, rest) = (&data[..end], data.get(end + 1..).unwrap_or(&[]));
    let mut zone = Box::new(Zone::utc());
    let loaded = zone.load_posix(tz);
    let times = instants(rest);
    let mut buf = [0u8; 256];
    for (i, &t) in times.iter().enumerate() {
        if let Ok(st) = zone.localtime(t) {
            assert!((1..=12).contains(&st.tm_mon) && (1..=31).contains(&st.tm_mday));
            assert!((0..=23).contains(&st.tm_hour) && (0..=59).contains(&st.tm_min));
            assert!((0..=6).contains(&st.tm_wday) && (1..=366).contains(&st.tm_yday));
            if i % 8 == 0 {
                let _ = zone.mktime(&st);
                let _ = zone.strftime("%c %Z %z %s", &st, &mut buf);
            }
        }
    }
    let _ = zone.tzinfo(times[times.len() / 2]);
    if loaded.is_err() || !comparable(tz) {
        return;
    }
    // The differential check, on a fresh zone (mktime above may not have
    // changed anything for a TZ string, but keep glibc and Strata equal).
    let mut zone = Box::new(Zone::utc());
    zone.load_posix(tz).unwrap();
    set_tz(tz);
    for &t in &times {
        assert_eq!(
            zone.localtime(t).ok().as_ref().map(fields),
            broken_down(t, true),
            "TZ={:?} t={t}",
            String::from_utf8_lossy(tz)
        );
    }
});
