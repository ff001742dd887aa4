//! `strata_core::time::tzdata`'s reader on arbitrary bytes (the seeds are
//! small databases `scripts/tzdata --only` made from real zones).
//!
//! Checks: no panic; a database that is accepted lists names that are
//! found again; each zone either loads, and then every conversion stays in
//! range and `mktime`, `strftime` and the January/July probe never panic,
//! or fails with an error value and leaves UTC; a name that is not there
//! is `NotFound`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::time::{TzError, Zone, tzdata::Database};

fuzz_target!(|data: &[u8]| {
    let Ok(db) = Database::new(data) else {
        return;
    };
    let _ = (db.version(), db.source(), format!("{db:?}"));
    let mut zone = Box::new(Zone::utc());
    let times = [
        i64::MIN,
        -2_208_988_801,
        -1,
        0,
        1_700_000_000,
        2_147_483_648,
        4_102_444_800,
        i64::MAX,
    ];
    let mut buf = [0u8; 256];
    for name in db.names().take(32) {
        if let Err(e) = zone.load_tzdata(&db, name.as_bytes()) {
            assert_ne!(e, TzError::NotFound, "{name} is listed");
            let t = zone.localtime(0).unwrap();
            assert_eq!(t.tm_zone.unwrap().as_str(), "UTC");
            continue;
        }
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
    }
    // Names are UTF-8, so this one is never there.
    assert_eq!(zone.load_tzdata(&db, b"\xff"), Err(TzError::NotFound));
});
