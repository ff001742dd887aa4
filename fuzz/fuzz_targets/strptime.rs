//! `strata_core::time`'s strptime (CPython's `_strptime` without a regex
//! engine) on arbitrary text and formats.
//!
//! Input: `STRING \0 FORMAT`, each made UTF-8 lossily (the API takes
//! `&str`, as Python takes `str`), matched in a zone whose names are `EST`
//! and `EDT` and, for inputs whose first byte is odd, in UTC. Checks: no
//! panic and no runaway backtracking (every call ends); a result has its
//! fields in the ranges CPython's can take; an error's message renders;
//! a result survives `strftime` and `asctime`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::time::Zone;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let string = String::from_utf8_lossy(&data[..split]);
    let format = String::from_utf8_lossy(data.get(split + 1..).unwrap_or(&[]));
    let mut zone = Box::new(Zone::utc());
    if data.first().is_some_and(|b| b % 2 == 0) {
        zone.load_posix(b"EST5EDT,M3.2.0,M11.1.0").unwrap();
    }
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
            let mut buf = [0u8; 512];
            let _ = zone.strftime("%c %j %U %W %G %V %z %Z", &t, &mut buf);
            let _ = strata_core::time::asctime(&t).map(|a| a.to_string());
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            assert!(matches!(e.python_exception(), "ValueError" | "re.error"));
        }
    }
});
