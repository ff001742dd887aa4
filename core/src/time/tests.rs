//! The module against CPython: tests/oracle/time.txt, written by
//! tests/oracle/time.py, replayed line by line in the same order (glibc
//! keeps state between calls — mktime's offset guess, a stale DST offset
//! for `posixrules` — and so does a [`Zone`]), every result compared byte
//! for byte.

use std::string::{String, ToString};
use std::vec::Vec;
use std::{boxed::Box, format};

use super::calendar::Tm;
use super::struct_time::checktm;
use super::*;

const ORACLE: &str = include_str!("../../../tests/oracle/time.txt");

/// Undoes time.py's escaping: `\\` and `\u{HEX}`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\\') {
            out.push('\\');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("u{") {
            let end = r.find('}').unwrap();
            out.push(char::from_u32(u32::from_str_radix(&r[..end], 16).unwrap()).unwrap());
            rest = &r[end + 1..];
        } else {
            panic!("bad escape in {s}");
        }
    }
    out.push_str(rest);
    out
}

/// A struct_time from its 11 fixture fields.
fn parse_struct(f: &[&str]) -> StructTime {
    let n: Vec<i32> = f[1..9].iter().map(|x| x.parse().unwrap()).collect();
    let year: i64 = f[0].parse().unwrap();
    let mut t = StructTime::new(year, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    if f[9] != "\\u{0}" {
        t.tm_zone = Some(ZoneName::new(&unescape(f[9])).unwrap());
    }
    if f[10] != "-" {
        t.tm_gmtoff = Some(f[10].parse().unwrap());
    }
    t
}

/// A struct_time as the fixture writes it.
fn show_struct(t: &StructTime) -> String {
    let zone = match &t.tm_zone {
        Some(z) => escape(z.as_str()),
        None => "\\u{0}".to_string(),
    };
    let off = t.tm_gmtoff.map_or("-".to_string(), |o| o.to_string());
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        t.tm_year,
        t.tm_mon,
        t.tm_mday,
        t.tm_hour,
        t.tm_min,
        t.tm_sec,
        t.tm_wday,
        t.tm_yday,
        t.tm_isdst,
        zone,
        off
    )
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out
}

fn show_err(kind: &str, msg: &str) -> String {
    format!("!\t{kind}\t{}", escape(msg))
}

/// Compares every record; returns the number of records of each kind.
#[test]
fn every_result_matches_cpython() {
    let mut zone = Box::new(Zone::utc());
    let mut now = 0i64;
    let mut info = TzInfo::UTC;
    let mut failures: Vec<String> = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let mut buf = std::vec![0u8; 8192];
    for (lineno, line) in ORACLE.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        *counts.entry(f[0]).or_default() += 1;
        let (want, got) = match f[0] {
            "now" => {
                now = f[1].parse().unwrap();
                continue;
            }
            "tz" => {
                let value = (f[1] != "-").then(|| unescape(f[1]));
                // The result is only a report; what counts is the zone.
                let _ = zone.load(value.as_deref().map(str::as_bytes));
                info = zone.tzinfo(now).unwrap_or(TzInfo::UTC);
                continue;
            }
            "info" => {
                let got = format!(
                    "{}\t{}\t{}\t{}\t{}",
                    info.timezone,
                    info.altzone,
                    i32::from(info.daylight),
                    escape(info.tzname[0].as_str()),
                    escape(info.tzname[1].as_str())
                );
                (f[1..].join("\t"), got)
            }
            "lt" | "gm" => {
                let t: i64 = f[1].parse().unwrap();
                let r = if f[0] == "lt" {
                    zone.localtime(t)
                } else {
                    zone.gmtime(t)
                };
                let got = match r {
                    Ok(st) => show_struct(&st),
                    Err(e) => show_err(e.python_exception(), &e.to_string()),
                };
                (f[2..].join("\t"), got)
            }
            "mk" => {
                let year: i64 = f[1].parse().unwrap();
                let n: Vec<i32> = f[2..10].iter().map(|x| x.parse().unwrap()).collect();
                let t = StructTime::new(year, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
                let got = match zone.mktime(&t) {
                    // Python returns a float: a large result is rounded.
                    Ok(v) => (v as f64 as i64).to_string(),
                    Err(e) => show_err(e.python_exception(), &e.to_string()),
                };
                (f[11..].join("\t"), got)
            }
            "sf" => {
                let fmt = unescape(f[1]);
                let t = parse_struct(&f[2..13]);
                let got = match zone.strftime(&fmt, &t, &mut buf) {
                    Ok(s) => escape(s),
                    Err(e) => show_err(e.python_exception(), &e.to_string()),
                };
                (f[14..].join("\t"), got)
            }
            "asc" => {
                let t = parse_struct(&f[1..12]);
                let got = match asctime(&t) {
                    Ok(a) => escape(&a.to_string()),
                    Err(e) => show_err(e.python_exception(), &e.to_string()),
                };
                (f[13..].join("\t"), got)
            }
            "sp" => {
                let (s, fmt) = (unescape(f[1]), unescape(f[2]));
                let got = match strptime::strptime(&s, &fmt, || (info.tzname, info.daylight)) {
                    Ok(t) => show_struct(&t),
                    Err(e) => show_err(e.python_exception(), &e.to_string()),
                };
                (f[4..].join("\t"), got)
            }
            other => panic!("unknown record {other}"),
        };
        if want != got {
            failures.push(format!("line {}: {line}\n   got: {got}", lineno + 1));
        }
    }
    let shown: Vec<&String> = failures.iter().take(40).collect();
    assert!(
        failures.is_empty(),
        "{} of {} records differ from CPython:\n{}",
        failures.len(),
        ORACLE.lines().count(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The corpus is what the issue asks for.
    for (kind, least) in [
        ("tz", 30),
        ("lt", 10_000),
        ("mk", 10_000),
        ("sf", 10_000),
        ("sp", 900),
        ("gm", 200),
    ] {
        assert!(
            counts.get(kind).copied().unwrap_or(0) >= least,
            "too few {kind} records: {counts:?}"
        );
    }
}

#[test]
fn zone_files_in_every_form_load() {
    let mut zone = Box::new(Zone::utc());
    for tz in [
        "Europe/Berlin",
        ":Europe/Berlin",
        "/usr/share/zoneinfo/Europe/Berlin",
    ] {
        zone.load(Some(tz.as_bytes())).unwrap();
        let t = zone.localtime(1_700_000_000).unwrap();
        assert_eq!(
            (t.tm_hour, t.tm_zone.unwrap().as_str(), t.tm_gmtoff),
            (23, "CET", Some(3600))
        );
    }
    // Past the table (2037), the footer's rule: CEST in July 2100.
    let t = zone.localtime(4_118_083_200).unwrap();
    assert_eq!((t.tm_isdst, t.tm_zone.unwrap().as_str()), (1, "CEST"));
    // TZ unset: /etc/localtime, which these machines have.
    assert!(zone.load(None).is_ok());
    // A directory exists but is no zone: reported, and read as a TZ string.
    assert_eq!(
        zone.load(Some(b"Europe")),
        Err(TzError::Io(crate::errno::EISDIR))
    );
    assert_eq!(
        zone.localtime(0).unwrap().tm_zone.unwrap().as_str(),
        "Europe"
    );
}

#[test]
fn malformed_and_oversized_tzif_are_errors() {
    let berlin = std::fs::read("/usr/share/zoneinfo/Europe/Berlin").unwrap();
    let mut zone = Box::new(Zone::utc());
    assert!(zone.load_tzif(&berlin).is_ok());
    let t = zone.localtime(1_700_000_000).unwrap();
    assert_eq!((t.tm_hour, t.tm_zone.unwrap().as_str()), (23, "CET"));
    // Every truncation is an error value, and leaves UTC behind, until
    // the footer has the two bytes glibc asks for.
    let footer = berlin.len()
        - 1
        - berlin[..berlin.len() - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap();
    let data_end = berlin.len() - footer - 1;
    for len in 0..data_end + 2 {
        assert!(zone.load_tzif(&berlin[..len]).is_err(), "{len}");
        assert_eq!(zone.localtime(0).unwrap().tm_zone.unwrap().as_str(), "UTC");
    }
    for len in data_end + 2..=berlin.len() {
        assert!(zone.load_tzif(&berlin[..len]).is_ok(), "{len}");
    }
    // More transitions than Strata holds: the limit is named.
    let mut big = std::vec![0u8; 44];
    big[..5].copy_from_slice(b"TZif\0");
    big[32..36].copy_from_slice(&(MAX_TRANSITIONS as i32 + 1).to_be_bytes());
    big[36..40].copy_from_slice(&1i32.to_be_bytes());
    big.resize(44 + (MAX_TRANSITIONS + 1) * 5 + 6, 0);
    assert_eq!(
        zone.load_tzif(&big),
        Err(TzError::Limit {
            what: "transitions",
            limit: MAX_TRANSITIONS
        })
    );
}

#[test]
fn posix_strings_load_without_files() {
    let mut zone = Box::new(Zone::utc());
    zone.load_posix(b"CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let t = zone.localtime(1_690_000_000).unwrap();
    assert_eq!((t.tm_hour, t.tm_zone.unwrap().as_str()), (6, "CEST"));
    // No rules: the US rules, never a posixrules file.
    zone.load_posix(b"CET-1CEST").unwrap();
    // 2024-03-09 is before the second Sunday of March, 03-15 after it
    // (Europe's last Sunday would still be ahead).
    assert_eq!(zone.localtime(1_710_000_000).unwrap().tm_isdst, 0);
    assert_eq!(zone.localtime(1_710_500_000).unwrap().tm_isdst, 1);
    assert!(zone.load_posix(b"<ABCDEFGHIJKLMNOPQRST>5").is_err());
    assert_eq!(zone.localtime(0).unwrap().tm_zone.unwrap().as_str(), "UTC");
}

#[test]
fn process_zone_functions_follow_tzset() {
    // The only test that touches the process's zone.
    tzset_with(Some(b"EST5EDT,M3.2.0,M11.1.0")).unwrap();
    assert_eq!((timezone(), altzone(), daylight()), (18000, 14400, true));
    assert_eq!(tzname().map(|n| n.to_string()), ["EST", "EDT"]);
    let t = localtime(1_700_000_000).unwrap();
    assert_eq!((t.tm_hour, t.tm_isdst), (17, 0));
    assert_eq!(mktime(&t).unwrap(), 1_700_000_000);
    assert_eq!(ctime(0).unwrap().to_string(), "Wed Dec 31 19:00:00 1969");
    let mut buf = [0u8; 64];
    assert_eq!(
        strftime(
            "%s %Z",
            &StructTime::new(1970, 1, 1, 0, 0, 0, 3, 1, 0),
            &mut buf
        )
        .unwrap(),
        "18000 EST"
    );
    let p = strptime("EDT 2024", "%Z %Y").unwrap();
    assert_eq!((p.tm_isdst, p.tm_zone.unwrap().as_str()), (1, "EDT"));
    assert_eq!(gmtime(0).unwrap().tm_zone.unwrap().as_str(), "GMT");
    tzset_with(Some(b"UTC")).unwrap();
    assert_eq!((timezone(), daylight()), (0, false));
}

#[test]
fn strftime_never_truncates() {
    let t = StructTime::new(2024, 1, 2, 3, 4, 5, 1, 2, 0);
    let mut zone = Box::new(Zone::utc());
    let mut buf = [0u8; 19];
    assert_eq!(
        zone.strftime("%Y-%m-%d %H:%M:%S", &t, &mut buf).unwrap(),
        "2024-01-02 03:04:05"
    );
    let mut small = [0u8; 18];
    assert_eq!(
        zone.strftime("%Y-%m-%d %H:%M:%S", &t, &mut small),
        Err(Error::BufferTooSmall)
    );
    assert_eq!(
        zone.strftime("%2147483647Y", &t, &mut buf),
        Err(Error::BufferTooSmall)
    );
    assert_eq!(
        zone.strftime("a\0b", &t, &mut buf),
        Err(Error::EmbeddedNull)
    );
    // CPython checks the struct before it looks at the format.
    let bad_month = StructTime::new(2024, 13, 2, 3, 4, 5, 1, 2, 0);
    assert_eq!(
        zone.strftime("a\0b", &bad_month, &mut buf),
        Err(Error::MonthOutOfRange)
    );
}

#[test]
fn tm_conversions_round_trip() {
    let mut tm = StructTime::new(2024, 0, 0, 0, 0, 0, -1, 0, 0)
        .to_tm()
        .unwrap();
    checktm(&mut tm).unwrap();
    assert_eq!((tm.mon, tm.mday, tm.wday, tm.yday), (0, 1, 0, 0));
    let back = StructTime::from_tm(
        &Tm {
            year: 124,
            mon: 0,
            mday: 1,
            wday: 1,
            ..Tm::default()
        },
        ZoneName::EMPTY,
    );
    assert_eq!(
        (back.tm_year, back.tm_mon, back.tm_wday, back.tm_yday),
        (2024, 1, 0, 1)
    );
}
