//! The file handlers of `logging.handlers` replayed against CPython 3.11:
//! tests/oracle/logging_rotate.py ran the same steps through CPython's
//! handlers and recorded the directory after each one.

use super::handlers::{
    RotatingFileHandler, TimedOptions, TimedRotatingFileHandler, WatchedFileHandler,
};
use super::*;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicI64, Ordering};
use std::path::{Path, PathBuf};

const ORACLE: &str = include_str!("../../../tests/oracle/logging_rotate.txt");

enum Any {
    Rotating(Arc<RotatingFileHandler>),
    Timed(Arc<TimedRotatingFileHandler>),
    Watched(Arc<WatchedFileHandler>),
}

impl Any {
    fn handler(&self) -> &dyn Handler {
        match self {
            Any::Rotating(h) => &**h,
            Any::Timed(h) => &**h,
            Any::Watched(h) => &**h,
        }
    }
}

fn esc(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

/// The `=` lines of one step: `rolloverAt`, then every file.
fn state(dir: &Path, h: &Any, out: &mut String) {
    if let Any::Timed(h) = h {
        out.push_str(&format!("= at {}\n", h.rollover_at()));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        out.push_str(&format!("= file {name} {}\n", esc(&text)));
    }
    out.push_str("= end\n");
}

fn gz_namer() -> handlers::Namer {
    Box::new(|name: &[u8]| {
        let mut n = name.to_vec();
        n.extend_from_slice(b".gz");
        n
    })
}

/// Makes the handler of a `case` line, or the constructor's error.
fn start(header: &str, dir: &Path, clock: &Arc<AtomicI64>) -> Result<Any, Error> {
    let mut words = header.split(' ');
    let kind = words.next().unwrap();
    let opts: std::collections::HashMap<&str, &str> =
        words.map(|w| w.split_once('=').unwrap()).collect();
    let base = dir.join("app.log");
    let base = base.to_str().unwrap();
    if opts["pre"] != "-" {
        for name in opts["pre"].split(',') {
            std::fs::write(dir.join(name), "x\n").unwrap();
        }
    }
    let file = FileOptions {
        mode: opts.get("mode").unwrap_or(&"a").to_string(),
        delay: opts["delay"] == "1",
        ..FileOptions::default()
    };
    let num = |k: &str| opts[k].parse::<i64>().unwrap();
    let h = match kind {
        "rotating" => Any::Rotating(RotatingFileHandler::new(
            base,
            file,
            num("max") as u64,
            num("backup") as u32,
        )?),
        "watched" => Any::Watched(WatchedFileHandler::new(base, file)?),
        _ => {
            clock.store(num("clock"), Ordering::SeqCst);
            strata_core::time::tzset_with(Some(opts["tz"].as_bytes())).unwrap();
            if opts["mtime"] != "-" {
                if !Path::new(base).exists() {
                    std::fs::write(base, "").unwrap();
                }
                let ns = num("mtime") * 1_000_000_000;
                crate::os::utime(base, Some((ns, ns))).unwrap();
            }
            let at_time = (opts["at"] != "-").then(|| {
                let p: Vec<u32> = opts["at"].split(':').map(|x| x.parse().unwrap()).collect();
                handlers::AtTime {
                    hour: p[0],
                    minute: p[1],
                    second: p[2],
                }
            });
            let clock = clock.clone();
            Any::Timed(TimedRotatingFileHandler::new(
                base,
                TimedOptions {
                    when: opts["when"].to_string(),
                    interval: num("interval"),
                    backup_count: num("backup") as u32,
                    utc: opts["utc"] == "1",
                    at_time,
                    file,
                    time_source: Some(Arc::new(move || clock.load(Ordering::SeqCst) as f64)),
                },
            )?)
        }
    };
    if opts.get("namer") == Some(&"1") {
        match &h {
            Any::Rotating(r) => r.set_namer(Some(gz_namer())),
            Any::Timed(t) => t.set_namer(Some(gz_namer())),
            Any::Watched(_) => unreachable!("no namer"),
        }
    }
    Ok(h)
}

fn case_dir(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("strata-rotate-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn file_handlers_replay_cpython() {
    let clock = Arc::new(AtomicI64::new(0));
    let mut out = String::new();
    let mut current: Option<(Any, PathBuf)> = None;
    let mut cases = 0;
    for line in ORACLE.lines() {
        if line.starts_with("= ") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if let Some(header) = line.strip_prefix("case ") {
            if let Some((h, dir)) = current.take() {
                h.handler().close();
                std::fs::remove_dir_all(dir).unwrap();
            }
            cases += 1;
            let dir = case_dir(cases);
            match start(header, &dir, &clock) {
                Ok(h) => {
                    state(&dir, &h, &mut out);
                    current = Some((h, dir));
                }
                Err(e) => {
                    out.push_str(&format!("= error {}: {e}\n", e.python_class()));
                    std::fs::remove_dir_all(dir).unwrap();
                }
            }
            continue;
        }
        let (h, dir) = current.as_ref().expect("a step outside a case");
        let (op, arg) = line.split_once(' ').unwrap();
        match op {
            "clock" => {
                clock.store(arg.parse().unwrap(), Ordering::SeqCst);
                continue;
            }
            "emit" => {
                let mut record = make_log_record(&[("msg", Arg::from(arg))]);
                assert!(h.handler().handle(&mut record));
            }
            "rename" => {
                let (a, b) = arg.split_once(' ').unwrap();
                std::fs::rename(dir.join(a), dir.join(b)).unwrap();
            }
            "remove" => std::fs::remove_file(dir.join(arg)).unwrap(),
            _ => panic!("unknown step {line:?}"),
        }
        state(dir, h, &mut out);
    }
    if let Some((h, dir)) = current.take() {
        h.handler().close();
        std::fs::remove_dir_all(dir).unwrap();
    }
    let _ = strata_core::time::tzset();
    assert_eq!(cases, 69);
    if out != ORACLE {
        let mut case = "";
        for (n, (got, want)) in out.lines().zip(ORACLE.lines()).enumerate() {
            if want.starts_with("case ") {
                case = want;
            }
            assert_eq!(got, want, "line {} of the oracle, in {case}", n + 1);
        }
        assert_eq!(out.lines().count(), ORACLE.lines().count());
    }
}

#[test]
fn bad_when_and_plain_defaults() {
    let dir = case_dir(1000);
    let base = dir.join("w.log");
    let base = base.to_str().unwrap();
    let make = |when: &str| {
        TimedRotatingFileHandler::new(
            base,
            TimedOptions {
                when: when.into(),
                utc: true,
                file: FileOptions {
                    delay: true,
                    ..FileOptions::default()
                },
                time_source: Some(Arc::new(|| 1_700_000_000.9)),
                ..TimedOptions::default()
            },
        )
    };
    let h = make("h").unwrap();
    assert_eq!(
        (h.when(), h.interval(), h.suffix(), h.rollover_at()),
        ("H".to_string(), 3600, "%Y-%m-%d_%H", 1_700_003_600)
    );
    // `shouldRollover` truncates the clock as `int(time.time())` does.
    h.set_rollover_at(1_700_000_000);
    assert!(h.should_rollover().unwrap());
    h.set_rollover_at(1_700_000_001);
    assert!(!h.should_rollover().unwrap());
    let e = make("W8").err().unwrap();
    assert_eq!(
        (e.python_class(), e.to_string().as_str()),
        (
            "ValueError",
            "Invalid day specified for weekly rollover: W8"
        )
    );
    // The default rotator renames only an existing source.
    let r = RotatingFileHandler::new(
        dir.join("r.log").to_str().unwrap(),
        FileOptions {
            mode: "w".into(),
            delay: true,
            ..FileOptions::default()
        },
        100,
        1,
    )
    .unwrap();
    assert_eq!(r.mode(), "a");
    assert!(r.rotate(b"/nonexistent/x", b"/nonexistent/y").is_ok());
    assert_eq!(r.rotation_filename(b"a.1"), b"a.1");
    // /dev/null exists and is no regular file: never rolled over.
    let null = RotatingFileHandler::new("/dev/null", FileOptions::default(), 1, 1).unwrap();
    let mut record = make_log_record(&[("msg", Arg::from("long enough"))]);
    assert!(!null.should_rollover(&mut record).unwrap());
    null.close();
    std::fs::remove_dir_all(dir).unwrap();
}
