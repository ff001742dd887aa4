//! `strata_core::time`'s TZif reader on arbitrary bytes, with glibc
//! itself, in this process, as the oracle.
//!
//! Input: TZif data (the fuzzer's seeds are real zoneinfo files). Checks:
//! no panic; a rejected file is an error value and leaves UTC; every local
//! time has its fields in range; `mktime`, `strftime`, `gmtime` and the
//! January/July probe never panic. Then, for a file Strata accepts, the
//! same bytes are written to a temporary file that glibc reads through
//! `TZ`, and `localtime` and `gmtime` must equal glibc's `localtime_r` and
//! `gmtime_r` at instants before the last transition (past it glibc
//! re-parses the footer on every call, and a footer without rules makes it
//! drop the whole file; the POSIX TZ target covers footers). Files whose
//! transitions are out of order are not compared: glibc's search then
//! depends on its starting guess. A name Strata ends at the end of the
//! abbreviation table, where glibc reads on into the footer, may be a
//! prefix of glibc's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicU32, Ordering};
use strata_core::time::Zone;

#[path = "glibc_time.rs"]
mod glibc_time;
use glibc_time::{Fields, broken_down, fields, set_tz};

/// The transitions glibc uses (the 64-bit ones of a version 2+ file).
fn transitions(d: &[u8]) -> Option<Vec<i64>> {
    let be = |at: usize| Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?) as usize);
    let mut base = 0;
    let mut width = 4;
    if *d.get(4)? != 0 {
        let (isut, isstd, leap, time, types, chars) =
            (be(20)?, be(24)?, be(28)?, be(32)?, be(36)?, be(40)?);
        base = 44 + time * 5 + types * 6 + chars + leap * 8 + isstd + isut;
        width = 8;
    }
    let count = be(base + 32)?;
    let mut out = Vec::new();
    for i in 0..count {
        let at = base + 44 + i * width;
        let b = d.get(at..at + width)?;
        out.push(if width == 4 {
            i64::from(i32::from_be_bytes(b.try_into().ok()?))
        } else {
            i64::from_be_bytes(b.try_into().ok()?)
        });
    }
    Some(out)
}

static ROUND: AtomicU32 = AtomicU32::new(0);

/// Writes the data where glibc reads it from, alternating two paths so
/// that glibc's cache (by inode) never mistakes one file for the last.
fn glibc_load(data: &[u8]) {
    let k = ROUND.fetch_add(1, Ordering::Relaxed) % 2;
    let path = format!("/tmp/strata-fuzz-tzif-{}-{k}", std::process::id());
    std::fs::write(&path, data).unwrap();
    set_tz(path.as_bytes());
}

fuzz_target!(|data: &[u8]| {
    let mut zone = Box::new(Zone::utc());
    let loaded = zone.load_tzif(data);
    if loaded.is_err() {
        let t = zone.localtime(0).unwrap();
        assert_eq!(t.tm_zone.unwrap().as_str(), "UTC");
        return;
    }
    let trans = transitions(data).unwrap_or_default();
    let mut times = vec![
        i64::MIN,
        -2_208_988_801,
        -1,
        0,
        1_700_000_000,
        4_102_444_800,
        i64::MAX,
    ];
    for &t in trans.iter().take(64) {
        times.extend([t.wrapping_sub(1), t, t.wrapping_add(1)]);
    }
    let mut buf = [0u8; 256];
    for &t in &times {
        let _ = zone.gmtime(t);
        if let Ok(st) = zone.localtime(t) {
            assert!((1..=12).contains(&st.tm_mon) && (1..=31).contains(&st.tm_mday));
            assert!((0..=23).contains(&st.tm_hour) && (0..=59).contains(&st.tm_min));
            assert!((0..=6).contains(&st.tm_wday) && (1..=366).contains(&st.tm_yday));
            let _ = zone.strftime("%c %Z %z %s", &st, &mut buf);
            let _ = zone.mktime(&st);
        }
    }
    let _ = zone.tzinfo(1_700_000_000);

    if trans.windows(2).any(|w| w[0] > w[1]) {
        return;
    }
    let mut zone = Box::new(Zone::utc());
    zone.load_tzif(data).unwrap();
    glibc_load(data);
    for &t in &times {
        if trans.last().is_some_and(|&last| t >= last) {
            continue;
        }
        for local in [true, false] {
            let mine: Option<Fields> = if local {
                zone.localtime(t)
            } else {
                zone.gmtime(t)
            }
            .ok()
            .as_ref()
            .map(fields);
            let theirs = broken_down(t, local);
            let same = match (&mine, &theirs) {
                (Some(a), Some(b)) => {
                    a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && b.3.starts_with(&a.3)
                }
                (None, None) => true,
                _ => false,
            };
            assert!(same, "t={t} local={local}: {mine:?} vs glibc {theirs:?}");
        }
    }
});
