//! A missing zone file: glibc's answer (UTC, named after the value's
//! letters), checked against CPython live; and, with the feature
//! `embedded-tzdata`, the embedded database, checked zone by zone against
//! the system's TZif files.

use std::boxed::Box;
use std::process::Command;
use std::string::String;

use super::zone::Env;
use super::*;

/// A zone directory that does not exist: the `FROM scratch` case.
const NO_ZONEINFO: &str = "/nonexistent/zoneinfo";

fn env(tzdir: Option<&[u8]>, embedded: bool) -> Env<'_> {
    Env {
        tzdir,
        secure: false,
        embedded,
    }
}

/// What CPython says about a zone: tzname, timezone, altzone, daylight,
/// and the hour, name and offset of `localtime(1_700_000_000)`.
fn cpython(tz: &str, tzdir: Option<&str>) -> String {
    let mut cmd = Command::new("python3");
    cmd.env("TZ", tz).args([
        "-c",
        "import time; t = time.localtime(1_700_000_000); \
         print(*time.tzname, time.timezone, time.altzone, time.daylight, \
         t.tm_hour, t.tm_zone, t.tm_gmtoff, sep='\\t')",
    ]);
    if let Some(dir) = tzdir {
        cmd.env("TZDIR", dir);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(out.status.success(), "python3: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim_end().into()
}

fn strata(zone: &Zone) -> String {
    let info = zone.tzinfo(1_700_000_000).unwrap();
    let t = zone.localtime(1_700_000_000).unwrap();
    std::format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        info.tzname[0],
        info.tzname[1],
        info.timezone,
        info.altzone,
        u8::from(info.daylight),
        t.tm_hour,
        t.tm_zone.unwrap(),
        t.tm_gmtoff.unwrap()
    )
}

#[test]
fn a_missing_zone_file_is_utc_named_after_its_letters_as_in_glibc() {
    let mut zone = Box::new(Zone::utc());
    for (tz, tzdir) in [
        ("Europe/Berlin", Some(NO_ZONEINFO)),
        ("Nowhere/Zone", None),
        ("America/Argentina/Buenos_Aires", Some(NO_ZONEINFO)),
    ] {
        let e = env(tzdir.map(str::as_bytes), false);
        zone.load_in(Some(tz.as_bytes()), &e).unwrap();
        assert_eq!(strata(&zone), cpython(tz, tzdir), "TZ={tz} TZDIR={tzdir:?}");
    }
    assert_eq!(
        zone.localtime(0).unwrap().tm_zone.unwrap().as_str(),
        "America"
    );
}

#[cfg(feature = "embedded-tzdata")]
mod embedded {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;
    use std::string::ToString;
    use std::vec::Vec;
    use tzdata::Database;

    const ZONEINFO: &str = "/usr/share/zoneinfo";

    #[test]
    fn a_missing_zone_file_falls_back_to_the_embedded_zone() {
        let mut zone = Box::new(Zone::utc());
        let missing = env(Some(NO_ZONEINFO.as_bytes()), true);
        // What CPython shows with the system's files.
        for tz in [
            "Europe/Berlin",
            ":America/New_York",
            "posix/Asia/Kolkata",
            "Australia/Lord_Howe",
            "US/Pacific",
            "UTC",
            "",
        ] {
            zone.load_in(Some(tz.as_bytes()), &missing).unwrap();
            assert_eq!(strata(&zone), cpython(tz, None), "TZ={tz}");
        }
        // Not in the database: glibc's answer, as without the feature.
        // An absolute path outside /usr/share/zoneinfo is no zone name.
        for tz in ["right/UTC", "Nowhere/Zone", "/nonexistent/Europe/Berlin"] {
            zone.load_in(Some(tz.as_bytes()), &missing).unwrap();
            assert_eq!(strata(&zone), cpython(tz, Some(NO_ZONEINFO)), "{tz}");
        }
    }

    #[test]
    fn a_present_zone_file_wins() {
        let dir = std::env::temp_dir().join(std::format!("strata-tzdir-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Europe")).unwrap();
        std::fs::copy(
            Path::new(ZONEINFO).join("Asia/Tokyo"),
            dir.join("Europe/Berlin"),
        )
        .unwrap();
        let tzdir = dir.to_str().unwrap().as_bytes().to_vec();
        let mut zone = Box::new(Zone::utc());
        zone.load_in(Some(b"Europe/Berlin"), &env(Some(&tzdir), true))
            .unwrap();
        let t = zone.localtime(1_700_000_000).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(t.tm_zone.unwrap().as_str(), "JST");
    }

    #[test]
    fn a_tz_string_without_rules_borrows_the_embedded_posixrules() {
        let (mut disk, mut embedded) = (Box::new(Zone::utc()), Box::new(Zone::utc()));
        for tz in [&b"CET-1CEST"[..], b"EST5EDT", b"AAA3BBB"] {
            disk.load_in(Some(tz), &env(None, false)).unwrap();
            embedded
                .load_in(Some(tz), &env(Some(NO_ZONEINFO.as_bytes()), true))
                .unwrap();
            for year in 1960..2040i64 {
                for day in [10, 80, 100, 200, 300, 310, 360] {
                    let t = (year - 1970) * 31_556_952 + day * 86_400;
                    assert_eq!(disk.localtime(t), embedded.localtime(t), "{t}");
                }
            }
            let t = disk.localtime(1_000_000_000).unwrap();
            assert_eq!(disk.mktime(&t), embedded.mktime(&t));
        }
    }

    /// The IANA version of the system's tzdata, from tzdata.zi.
    fn system_version() -> Option<String> {
        let zi = std::fs::read_to_string(Path::new(ZONEINFO).join("tzdata.zi")).ok()?;
        let first = zi.lines().next()?;
        first.strip_prefix("# version ").map(ToString::to_string)
    }

    /// The system's zone names as scripts/tzdata takes them: every TZif
    /// file or link of the main tree.
    fn system_names() -> BTreeSet<String> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string();
                if ["posix", "right", "localtime"].contains(&name.as_str()) {
                    continue;
                }
                let Ok(meta) = std::fs::metadata(&path) else {
                    continue;
                };
                if meta.is_dir() {
                    walk(root, &path, out);
                } else if std::fs::read(&path).is_ok_and(|d| d.starts_with(b"TZif")) {
                    out.insert(name);
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(Path::new(ZONEINFO), Path::new(ZONEINFO), &mut out);
        out
    }

    /// The instants to compare a zone at: every transition of its file and
    /// the second either side, every change of its footer's rule from 1900
    /// to 2100 and either side, and random instants of those years.
    fn instants(file: &Zone, seed: u64) -> Vec<i64> {
        let mut out = Vec::new();
        for &t in &file.trans[..file.timecnt] {
            out.extend([t - 1, t, t + 1]);
        }
        if let Some(footer) = &file.footer {
            for year in 1900..=2100 {
                for rule in &footer.rules {
                    let t = tz::compute_change(rule, year);
                    out.extend([t - 1, t, t + 1]);
                }
            }
        }
        let (lo, hi) = (-2_208_988_800i64, 4_133_980_800i64);
        let mut x = seed | 1;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.push(lo + (x % (hi - lo) as u64) as i64);
        }
        out
    }

    #[test]
    fn every_embedded_zone_answers_as_its_file() {
        let db = tzdata::embedded().unwrap();
        let system = system_version();
        assert_eq!(
            system.as_deref(),
            Some(db.version()),
            "the embedded tzdata is {} ({}), the system's {system:?}: \
             run scripts/tzdata and commit core/src/time/tzdata.bin",
            db.version(),
            db.source()
        );
        let names: BTreeSet<String> = db.names().map(ToString::to_string).collect();
        let mut want = system_names();
        want.insert("posixrules".into());
        let missing: Vec<&String> = want.difference(&names).collect();
        let extra: Vec<&String> = names.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "the embedded names are the system's: missing {missing:?}, extra {extra:?}"
        );

        let (mut file, mut embedded) = (Box::new(Zone::utc()), Box::new(Zone::utc()));
        let mut failures = Vec::new();
        let mut compared = 0usize;
        for (k, name) in db.names().enumerate() {
            let data = std::fs::read(Path::new(ZONEINFO).join(name)).unwrap();
            file.load_tzif(&data).unwrap();
            embedded.load_tzdata(&db, name.as_bytes()).unwrap();
            let alias = std::format!("posix/{name}");
            assert_eq!(db.find(alias.as_bytes()), db.find(name.as_bytes()));
            let mut differ = |what: String| {
                if failures.len() < 20 {
                    failures.push(std::format!("{name}: {what}"));
                }
            };
            if file.glibc_tzname() != embedded.glibc_tzname() {
                differ("tzname after loading".to_string());
            }
            for now in [
                0,
                1_000_000_000,
                1_700_000_000,
                2_500_000_000,
                4_100_000_000,
            ] {
                if file.tzinfo(now) != embedded.tzinfo(now) {
                    differ(std::format!("tzinfo at {now}"));
                }
            }
            for t in instants(&file, 0x9e37_79b9_7f4a_7c15 ^ k as u64) {
                compared += 1;
                let (a, b) = (file.localtime(t), embedded.localtime(t));
                if a != b {
                    differ(std::format!("localtime({t}): {a:?} vs {b:?}"));
                } else if file.glibc_tzname() != embedded.glibc_tzname() {
                    differ(std::format!("tzname after localtime({t})"));
                } else if let Ok(st) = a
                    && file.mktime(&st) != embedded.mktime(&st)
                {
                    differ(std::format!("mktime of localtime({t})"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(compared > 200_000, "only {compared} instants");
    }

    #[test]
    fn the_committed_data_is_what_scripts_tzdata_makes() {
        let out = std::env::temp_dir().join(std::format!("strata-tzdata-{}", std::process::id()));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/tzdata");
        let run = Command::new("python3")
            .arg(script)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("python3 runs");
        assert!(run.status.success(), "scripts/tzdata: {run:?}");
        let made = std::fs::read(&out).unwrap();
        std::fs::remove_file(&out).unwrap();
        assert!(
            made == include_bytes!("tzdata.bin"),
            "core/src/time/tzdata.bin is not what scripts/tzdata makes: rerun it and commit"
        );
    }

    #[test]
    fn not_found_and_malformed_are_errors_that_leave_utc() {
        let db = tzdata::embedded().unwrap();
        let mut zone = Box::new(Zone::utc());
        assert_eq!(
            zone.load_tzdata(&db, b":Europe/Berlin"),
            Err(TzError::NotFound)
        );
        assert_eq!(zone.localtime(0).unwrap().tm_zone.unwrap().as_str(), "UTC");
        let bytes = include_bytes!("tzdata.bin");
        // Every cut is an error, never a panic.
        let cuts = (0..300).chain((300..bytes.len()).step_by(251));
        for len in cuts.chain(bytes.len() - 300..bytes.len()) {
            assert!(Database::new(&bytes[..len]).is_err(), "{len}");
        }
        let mut long = bytes.to_vec();
        long.push(0);
        assert_eq!(
            Database::new(&long).unwrap_err(),
            TzError::Database("bytes after the last zone name")
        );
        // Damaged zone records: errors or some zone, never a panic.
        let pool_at = bytes.windows(4).position(|w| w == b"GMT0").unwrap();
        let mut broken = bytes.to_vec();
        for i in (pool_at..bytes.len()).step_by(97) {
            broken[i] ^= 0x5a;
            if let Ok(db) = Database::new(&broken) {
                for name in db.names().step_by(37) {
                    if zone.load_tzdata(&db, name.as_bytes()).is_ok() {
                        let _ = zone.localtime(1_700_000_000);
                    } else {
                        assert_eq!(zone.localtime(0).unwrap().tm_zone.unwrap().as_str(), "UTC");
                    }
                }
            }
            broken[i] ^= 0x5a;
        }
    }
}
