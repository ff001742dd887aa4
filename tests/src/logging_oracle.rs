//! The CPython oracle of `logging` (tests/oracle/logging.py wrote the
//! fixture and describes its format), checked in one place for two
//! callers: the static `logging_oracle` program (tiers 2-3) and
//! strata-alloc's host test (tier 1), which both include this file.
//!
//! What is replayed: formats over every deterministic record attribute,
//! datefmt and the default time and msec formats, `defaults=`, `extra=`;
//! logger trees made in random order (placeholders), levels, propagate,
//! disabled, name filters on loggers and handlers, the root, getChild,
//! custom level names, `logging.disable`, lastResort; LoggerAdapter; the
//! errors handlers report on stderr (`--- Logging error ---`), of which the
//! first line, the exception line and the `Message:` and `Arguments:` lines
//! are compared (CPython's traceback is not); Formatter construction
//! (`validate=True`) in each style; `dictConfig` (JSON text) and
//! `fileConfig` (a file) configurations, valid and broken: the exception
//! class and text of each and of its causes, and what the configured
//! handlers wrote to stdout, stderr and their files.
//!
//! Configurations name files under `@TMP@`, which this checker replaces
//! with a directory of its own under /tmp (masked back in the error texts
//! it compares); stdout is caught per case in a memfd as stderr is.
//!
//! A record's time, thread, process and call site are pinned by a filter
//! placed first on every handler, as on the CPython side; stderr is caught
//! per case in a memfd put on fd 2 (stdout on fd 1 likewise), so the
//! caller must not write to fd 1 or 2 meanwhile (the host test has a test
//! binary of its own).

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_alloc::logging::config::{ConfigError, dict_config_json, file_config, file_config_str};
use strata_alloc::logging::{
    self, Arg, CallSite, Converter, Filter, Formatter, Handler, HandlerRef, LogOptions, Logger,
    LoggerAdapter, StreamHandler, Style,
};
use strata_alloc::os::{self, AsFd, BorrowedFd, OwnedFd};
use strata_core::sync::Mutex;

/// One group of cases, checked.
pub struct Group {
    /// What the group checks (the fixture's group name).
    pub name: String,
    /// Cases checked.
    pub count: usize,
    /// Cases that did not match.
    pub failed: usize,
    /// The first few mismatches, described.
    pub first: Vec<String>,
}

impl Group {
    fn mismatch(&mut self, what: impl FnOnce() -> String) {
        if self.first.len() < 5 {
            self.first.push(what());
        }
        self.failed += 1;
    }

    /// Whether the group ran cases and all of them matched.
    pub fn passed(&self) -> bool {
        self.failed == 0 && self.count > 0
    }
}

fn group_of<'a>(groups: &'a mut Vec<Group>, name: &str) -> &'a mut Group {
    let at = match groups.iter().position(|g| g.name == name) {
        Some(at) => at,
        None => {
            groups.push(Group {
                name: String::from(name),
                count: 0,
                failed: 0,
                first: Vec::new(),
            });
            groups.len() - 1
        }
    };
    &mut groups[at]
}

/// Replays `fixture` (tests/oracle/logging.txt); the `{` and `$` style
/// groups too. Sets TZ to UTC, as the fixture was made.
pub fn run(fixture: &str) -> Vec<Group> {
    if let Err(e) = strata_core::time::tzset_with(Some(b"UTC")) {
        let mut g = Vec::new();
        group_of(&mut g, "setup").mismatch(|| format!("tzset UTC: {e}"));
        return g;
    }
    let mut groups: Vec<Group> = Vec::new();
    let dir = format!("/tmp/strata-logging-oracle-{}", os::getpid());
    // As PID 1 nothing may be there: /tmp first.
    for d in ["/tmp", dir.as_str()] {
        match strata_core::os::mkdir(d, 0o700) {
            Ok(()) | Err(strata_core::errno::Errno::EXIST) => {}
            Err(e) => group_of(&mut groups, "setup").mismatch(|| format!("mkdir {d}: {e}")),
        }
    }
    *TMP_DIR.lock() = dir.clone();
    let mut lines = fixture.lines().filter(|l| !l.starts_with('#'));
    while let Some(line) = lines.next() {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "case" => {
                let group = f.get(2).copied().unwrap_or("?");
                let mut body = Vec::new();
                for l in lines.by_ref() {
                    if l == "end" {
                        break;
                    }
                    body.push(l);
                }
                let g = group_of(&mut groups, group);
                g.count += 1;
                if let Err(why) = run_case(f[1], &body) {
                    g.mismatch(|| format!("case {}: {why}", f[1]));
                }
            }
            "fmtcheck" => {
                let style = f[1];
                let name = match style {
                    "%" | "{" | "$" => format!("formatter validation {style}"),
                    _ => String::from("formatter styles"),
                };
                let g = group_of(&mut groups, &name);
                g.count += 1;
                let want = if f[3] == "ok" {
                    String::from("ok")
                } else {
                    format!("{}: {}", f[4], text(f[5]))
                };
                let fmt = text(f[2]);
                // A style of more than one character is no style at all.
                let mut chars = style.chars();
                let style = match (chars.next(), chars.next()) {
                    (Some(c), None) => Style::from_char(c),
                    _ => Style::from_char('?'),
                };
                let got = match style.and_then(|s| Formatter::new(Some(&fmt), None, s)) {
                    Ok(_) => String::from("ok"),
                    Err(e) => format!("{}: {e}", e.python_class()),
                };
                if got != want {
                    g.mismatch(|| format!("Formatter({fmt:?}): {got:?}, CPython {want:?}"));
                }
            }
            other => {
                group_of(&mut groups, "fixture").mismatch(|| format!("unknown record {other:?}"))
            }
        }
    }
    if let Err(e) = os::rmdir(dir.as_str()) {
        group_of(&mut groups, "setup").mismatch(|| format!("rmdir {dir}: {e}"));
    }
    groups
}

/// The directory `@TMP@` stands for.
static TMP_DIR: Mutex<String> = Mutex::new(String::new());

// ------------------------------------------------------------ the fixture

/// The fixture's escaping (`\xNN`, `\\`) undone.
fn unesc(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match (c, b.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = s.get(i + 2..i + 4).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 4;
            }
            (b'\\', _) => {
                out.push(b'\\');
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn text(s: &str) -> String {
    String::from_utf8_lossy(&unesc(s)).into_owned()
}

/// A value field: `N`, `T`, `F`, `i<int>`, `f<float>`, `s<text>`.
fn value(field: &str) -> Result<Arg, String> {
    let bad = || format!("bad value {field:?}");
    let (tag, rest) = field.split_at_checked(1).ok_or_else(bad)?;
    Ok(match tag {
        "N" => Arg::None,
        "T" => Arg::Bool(true),
        "F" => Arg::Bool(false),
        "i" => Arg::Int(rest.parse().map_err(|_| bad())?),
        "f" => Arg::Float(rest.parse().map_err(|_| bad())?),
        "s" => Arg::Str(Cow::Owned(text(rest))),
        _ => return Err(bad()),
    })
}

/// An optional text: `N` or `s<text>`.
fn opt_text(field: &str) -> Result<Option<String>, String> {
    match value(field)? {
        Arg::None => Ok(None),
        Arg::Str(s) => Ok(Some(s.into_owned())),
        other => Err(format!("not a text: {other:?}")),
    }
}

fn num<T: core::str::FromStr>(field: &str) -> Result<T, String> {
    field.parse().map_err(|_| format!("bad number {field:?}"))
}

/// `n` key/value pairs from `f[at..]`.
fn pairs(f: &[&str], at: usize) -> Result<Vec<(String, Arg)>, String> {
    let n: usize = num(f.get(at).ok_or("no count")?)?;
    (0..n)
        .map(|i| {
            let key = f.get(at + 1 + 2 * i).ok_or("short pair list")?;
            let v = f.get(at + 2 + 2 * i).ok_or("short pair list")?;
            Ok((text(key), value(v)?))
        })
        .collect()
}

// ------------------------------------------------------------ pinning

/// What the pin filter writes on every record (the last `pin` line).
struct Pin {
    created: f64,
    msecs: f64,
    relative_created: f64,
    thread: Option<usize>,
    thread_name: Option<Arc<str>>,
    process: Option<i32>,
    pathname: String,
    filename: String,
    module: String,
    lineno: u32,
    func_name: String,
}

static PIN: Mutex<Option<Pin>> = Mutex::new(None);

fn parse_pin(f: &[&str]) -> Result<Pin, String> {
    if f.len() != 12 {
        return Err(format!("pin has {} fields", f.len()));
    }
    let int = |field: &str| -> Result<Option<i128>, String> {
        match value(field)? {
            Arg::None => Ok(None),
            Arg::Int(n) => Ok(Some(n)),
            other => Err(format!("not an int: {other:?}")),
        }
    };
    Ok(Pin {
        created: num(f[1])?,
        msecs: num(f[2])?,
        relative_created: num(f[3])?,
        thread: int(f[4])?.map(|n| n as usize),
        thread_name: opt_text(f[5])?.map(Arc::from),
        process: int(f[6])?.map(|n| n as i32),
        pathname: text(f[7]),
        filename: text(f[8]),
        module: text(f[9]),
        lineno: num(f[10])?,
        func_name: text(f[11]),
    })
}

/// The filter that puts the pinned values on a record.
fn pin_filter() -> Filter {
    Filter::from_fn(|record| {
        if let Some(p) = &*PIN.lock() {
            record.created = p.created;
            record.msecs = p.msecs;
            record.relative_created = p.relative_created;
            record.thread = p.thread;
            record.thread_name = p.thread_name.clone();
            record.process = p.process;
            record.pathname = Cow::Owned(p.pathname.clone());
            record.filename = Cow::Owned(p.filename.clone());
            record.module = Cow::Owned(p.module.clone());
            record.lineno = p.lineno;
            record.func_name = Cow::Owned(p.func_name.clone());
        }
        true
    })
}

// ------------------------------------------------------------ stderr

/// fd 2 (or 1) redirected to a memfd until [`Capture::finish`].
struct Capture {
    fd: i32,
    saved: OwnedFd,
    file: OwnedFd,
}

fn std_fd(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: fds 1 and 2 stay open for the whole program (only dup2
    // replaces them, never a close).
    unsafe { BorrowedFd::borrow_raw(fd) }
}

impl Capture {
    fn start(fd: i32) -> Result<Capture, String> {
        let file = os::memfd_create("logging-oracle-capture", os::MFD_CLOEXEC)
            .map_err(|e| format!("memfd_create: {e}"))?;
        let saved = os::dup(std_fd(fd)).map_err(|e| format!("dup: {e}"))?;
        os::dup2(file.as_fd(), fd, false).map_err(|e| format!("dup2: {e}"))?;
        Ok(Capture { fd, saved, file })
    }

    /// Puts the fd back and returns what was written to it.
    fn finish(self) -> Result<String, String> {
        os::dup2(self.saved.as_fd(), self.fd, false).map_err(|e| format!("dup2 back: {e}"))?;
        os::lseek(self.file.as_fd(), 0, os::SEEK_SET).map_err(|e| format!("lseek: {e}"))?;
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match os::read(self.file.as_fd(), &mut buf) {
                Ok(0) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
                Err(e) => return Err(format!("read: {e}")),
            }
        }
        Ok(String::from_utf8_lossy(&all).into_owned())
    }
}

/// Of each `--- Logging error ---` report, its first line, the exception
/// line and the `Message:` and `Arguments:` lines (the part of CPython's
/// report the fixture keeps); every other line as it is.
fn essential(stderr: &str) -> String {
    let mut out = String::new();
    let mut lines = stderr.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        if line != "--- Logging error ---\n" {
            continue;
        }
        if let Some(exception) = lines.next() {
            out.push_str(exception);
        }
        if lines
            .peek()
            .is_some_and(|l| l.starts_with("Logged from file "))
        {
            lines.next();
        }
        if lines.peek().is_some_and(|l| l.starts_with("Message: ")) {
            for _ in 0..2 {
                if let Some(l) = lines.next() {
                    out.push_str(l);
                }
            }
        }
    }
    out
}

// ------------------------------------------------------------ a case

/// What a case made, for the comparisons and the clean-up.
#[derive(Default)]
struct State {
    loggers: Vec<Logger>,
    handlers: Vec<(String, HandlerRef, Arc<Mutex<String>>)>,
    adapters: Vec<(String, LoggerAdapter)>,
    filters: Vec<(Logger, Filter)>,
    /// Each configuration's exception and its causes (empty: it worked).
    outcomes: Vec<Vec<(String, String)>>,
}

impl State {
    fn handler(&self, hid: &str) -> Result<&HandlerRef, String> {
        self.handlers
            .iter()
            .find(|(h, _, _)| h == hid)
            .map(|(_, h, _)| h)
            .ok_or_else(|| format!("no handler {hid}"))
    }

    /// What both sides undo after a case.
    fn clean_up(self) {
        for logger in &self.loggers {
            for h in logger.handlers() {
                logger.remove_handler(&h);
            }
        }
        for (logger, filter) in &self.filters {
            logger.remove_filter(filter);
        }
        let root = logging::root();
        for h in root.handlers() {
            root.remove_handler(&h);
        }
        root.set_level(logging::WARNING);
        root.set_propagate(true);
        root.set_disabled(false);
        logging::disable(logging::NOTSET);
        *PIN.lock() = None;
    }
}

/// The lines after a case's operations: what it should have made.
const RESULTS: [&str; 5] = ["out\t", "err\t", "outcome\t", "stdout\t", "file\t"];

fn run_case(id: &str, body: &[&str]) -> Result<(), String> {
    let mut state = State::default();
    let is_config = body.iter().any(|l| l.starts_with("config\t"));
    // Strata's own stdout buffer holds the program's earlier lines.
    let _ = strata_core::io::stdout().flush();
    let out_capture = Capture::start(1)?;
    let capture = Capture::start(2)?;
    let mut result = Ok(());
    let mut ops = body.iter().peekable();
    while let Some(line) = ops.next_if(|l| !RESULTS.iter().any(|r| l.starts_with(r))) {
        if let Err(e) = apply(&mut state, id, line) {
            result = Err(format!("{line:?}: {e}"));
            break;
        }
    }
    let _ = strata_core::io::stdout().flush();
    let stderr = capture.finish().map(|s| essential(&s));
    let stdout = out_capture.finish();
    let written = if is_config {
        take_files()
    } else {
        Ok(Vec::new())
    };
    result?;
    let stderr = stderr?;
    let stdout = stdout?;
    let mut written = written?;
    let mut diffs = Vec::new();
    for line in ops {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "out" => {
                let want = text(f.get(2).copied().unwrap_or(""));
                let got = state
                    .handlers
                    .iter()
                    .find(|(h, _, _)| h == f[1])
                    .map(|(_, _, out)| out.lock().clone())
                    .ok_or_else(|| format!("no handler {}", f[1]))?;
                if got != want {
                    diffs.push(format!("{}: {got:?}, CPython {want:?}", f[1]));
                }
            }
            "err" => {
                let want = text(f.get(1).copied().unwrap_or(""));
                if stderr != want {
                    diffs.push(format!("stderr: {stderr:?}, CPython {want:?}"));
                }
            }
            "stdout" => {
                let want = text(f.get(1).copied().unwrap_or(""));
                if stdout != want {
                    diffs.push(format!("stdout: {stdout:?}, CPython {want:?}"));
                }
            }
            "outcome" => {
                let i: usize = num(f.get(1).copied().unwrap_or(""))?;
                let n: usize = num(f.get(2).copied().unwrap_or(""))?;
                let want = (0..n)
                    .map(|k| {
                        let class = f.get(3 + 2 * k).ok_or("short outcome")?;
                        let msg = f.get(4 + 2 * k).ok_or("short outcome")?;
                        Ok((String::from(*class), text(msg)))
                    })
                    .collect::<Result<Vec<_>, &str>>()?;
                match state.outcomes.get(i) {
                    Some(got) if *got == want => {}
                    got => diffs.push(format!("configuration {i}: {got:?}, CPython {want:?}")),
                }
            }
            "file" => {
                let name = text(f.get(1).copied().unwrap_or(""));
                let want = text(f.get(2).copied().unwrap_or(""));
                match written.iter().position(|(n, _)| *n == name) {
                    Some(at) => {
                        let (_, got) = written.remove(at);
                        if got != want {
                            diffs.push(format!("file {name}: {got:?}, CPython {want:?}"));
                        }
                    }
                    None => diffs.push(format!("file {name}: not written, CPython {want:?}")),
                }
            }
            other => return Err(format!("unknown result {other:?}")),
        }
    }
    let ini = format!("c{id}.ini");
    for (name, got) in written.iter().filter(|(n, _)| *n != ini) {
        diffs.push(format!("file {name}: {got:?}, CPython wrote none"));
    }
    if state.outcomes.len() != body.iter().filter(|l| l.starts_with("outcome\t")).count() {
        diffs.push(format!(
            "{} configurations, CPython's outcomes differ in number",
            state.outcomes.len()
        ));
    }
    if is_config {
        // The case's loggers (all pinned) let their closed handlers go.
        for (logger, _) in &state.filters {
            logger.clear_handlers();
        }
    }
    state.clean_up();
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

fn logger_named(name: &str) -> Logger {
    logging::get_logger(name)
}

/// The files in the `@TMP@` directory, read and removed.
fn take_files() -> Result<Vec<(String, String)>, String> {
    let dir = TMP_DIR.lock().clone();
    let mut names = os::listdir(dir.as_str()).map_err(|e| format!("listdir {dir}: {e}"))?;
    names.sort();
    let mut files = Vec::new();
    for name in names {
        let name = String::from_utf8_lossy(&name).into_owned();
        let path = format!("{dir}/{name}");
        let fd =
            os::open(path.as_str(), os::O_RDONLY, 0).map_err(|e| format!("open {path}: {e}"))?;
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match os::read(&fd, &mut buf) {
                Ok(0) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
                Err(e) => return Err(format!("read {path}: {e}")),
            }
        }
        os::unlink(path.as_str()).map_err(|e| format!("unlink {path}: {e}"))?;
        files.push((name, String::from_utf8_lossy(&all).into_owned()));
    }
    Ok(files)
}

/// An error and its causes, the `@TMP@` directory masked.
fn chain(e: &ConfigError) -> Vec<(String, String)> {
    let dir = TMP_DIR.lock().clone();
    let mut out = Vec::new();
    let mut e = Some(e);
    while let Some(err) = e {
        out.push((
            String::from(err.python_class()),
            err.message().replace(dir.as_str(), "@TMP@"),
        ));
        e = err.cause();
    }
    out
}

/// Runs a `config` line: `dict <json>` or `file <disable> <n> (<key>
/// <value>)*n <ini>` (`filestr`: the same from text, not a file).
fn configure(id: &str, f: &[&str]) -> Result<Result<(), ConfigError>, String> {
    let dir = TMP_DIR.lock().clone();
    let field = |i: usize| f.get(i).copied().ok_or_else(|| format!("no field {i}"));
    match field(1)? {
        "dict" => Ok(dict_config_json(&text(field(2)?).replace("@TMP@", &dir))),
        kind @ ("file" | "filestr") => {
            let disable = field(2)? == "1";
            let defaults: Vec<(String, String)> = pairs(f, 3)?
                .into_iter()
                .map(|(k, v)| match v {
                    Arg::Str(s) => Ok((k, s.replace("@TMP@", &dir))),
                    other => Err(format!("default not a str: {other:?}")),
                })
                .collect::<Result<_, String>>()?;
            let n = defaults.len();
            let ini = text(field(4 + 2 * n)?).replace("@TMP@", &dir);
            let defaults: Vec<(&str, &str)> = defaults
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            if kind == "filestr" {
                return Ok(file_config_str(&ini, &defaults, disable));
            }
            let path = format!("{dir}/c{id}.ini");
            let fd = os::open(
                path.as_str(),
                os::O_WRONLY | os::O_CREAT | os::O_TRUNC | os::O_CLOEXEC,
                0o600,
            )
            .map_err(|e| format!("open {path}: {e}"))?;
            let mut rest = ini.as_bytes();
            while !rest.is_empty() {
                let n = os::write(&fd, rest).map_err(|e| format!("write {path}: {e}"))?;
                rest = &rest[n..];
            }
            drop(fd);
            Ok(file_config(&path, &defaults, disable))
        }
        other => Err(format!("unknown configuration kind {other:?}")),
    }
}

/// Applies one line of a case.
fn apply(state: &mut State, id: &str, line: &str) -> Result<(), String> {
    let f: Vec<&str> = line.split('\t').collect();
    let field = |i: usize| f.get(i).copied().ok_or_else(|| format!("no field {i}"));
    match f[0] {
        "config" => {
            let outcome = configure(id, &f)?;
            state
                .outcomes
                .push(outcome.err().map(|e| chain(&e)).unwrap_or_default());
        }
        "pinlogger" => {
            let logger = logger_named(&text(field(1)?));
            let filter = pin_filter();
            logger.add_filter(filter.clone());
            state.filters.push((logger, filter));
        }
        "clear" => logging::shutdown(),
        "logger" => {
            let name = text(field(1)?);
            let how = field(5)?;
            let logger = if how == "-" {
                logger_named(&name)
            } else {
                let parent = text(how);
                let suffix = if parent.is_empty() {
                    &name[..]
                } else {
                    name.get(parent.len() + 1..).ok_or("bad child name")?
                };
                logger_named(&parent).get_child(suffix)
            };
            if field(2)? != "-" {
                logger.set_level(num(field(2)?)?);
            }
            logger.set_propagate(field(3)? == "1");
            logger.set_disabled(field(4)? == "1");
            state.loggers.push(logger);
        }
        "lfilter" => {
            let logger = logger_named(&text(field(1)?));
            let filter = Filter::new(&text(field(2)?));
            logger.add_filter(filter.clone());
            state.filters.push((logger, filter));
        }
        "handler" => {
            let out = Arc::new(Mutex::new(String::new()));
            let handler = StreamHandler::new(out.clone());
            handler.base().set_level(num(field(2)?)?);
            handler.base().add_filter(pin_filter());
            state.handlers.push((String::from(field(1)?), handler, out));
        }
        "hfilter" => state
            .handler(field(1)?)?
            .base()
            .add_filter(Filter::new(&text(field(2)?))),
        "formatter" => {
            let style = field(2)?
                .chars()
                .next()
                .ok_or("no style")
                .and_then(|c| Style::from_char(c).map_err(|_| "bad style"))?;
            let fmt = opt_text(field(3)?)?;
            let datefmt = opt_text(field(4)?)?;
            let defaults = pairs(&f, 9)?;
            let mut formatter = Formatter::with_options(
                fmt.as_deref(),
                datefmt.as_deref(),
                style,
                field(8)? == "1",
                defaults,
            )
            .map_err(|e| format!("Formatter: {}: {e}", e.python_class()))?;
            if field(5)? == "1" {
                formatter.set_converter(Converter::Gmtime);
            }
            let (tf, mf) = (field(6)?, field(7)?);
            if tf != "-" || mf != "-" {
                let tf = match tf {
                    "-" => String::from("%Y-%m-%d %H:%M:%S"),
                    t => opt_text(t)?.ok_or("default_time_format None")?,
                };
                let mf = match mf {
                    "-" => Some(String::from("%s,%03d")),
                    m => opt_text(m)?,
                };
                formatter.set_default_formats(&tf, mf.as_deref());
            }
            state
                .handler(field(1)?)?
                .base()
                .set_formatter(Some(Arc::new(formatter)));
        }
        "attach" => {
            let handler = state.handler(field(2)?)?.clone();
            logger_named(&text(field(1)?)).add_handler(handler);
        }
        "adapter" => {
            let logger = logger_named(&text(field(2)?));
            let extra = pairs(&f, 3)?;
            state
                .adapters
                .push((String::from(field(1)?), LoggerAdapter::new(logger, extra)));
        }
        "pin" => *PIN.lock() = Some(parse_pin(&f)?),
        "call" => {
            let level: i32 = num(field(3)?)?;
            let msg = Cow::Owned(text(field(4)?));
            let nargs: usize = num(field(5)?)?;
            let args = (0..nargs)
                .map(|i| value(field(6 + i)?))
                .collect::<Result<Vec<Arg>, String>>()?;
            let mut options = LogOptions::default();
            for (k, v) in pairs(&f, 6 + nargs)? {
                options = options.extra(&k, v);
            }
            let site = CallSite::UNKNOWN;
            if field(1)? == "A" {
                let (_, adapter) = state
                    .adapters
                    .iter()
                    .find(|(a, _)| a == field(2).unwrap_or(""))
                    .ok_or("no such adapter")?;
                if adapter.is_enabled_for(level) {
                    adapter.log_record(level, &site, msg, args, options);
                }
            } else {
                let logger = logger_named(&text(field(2)?));
                if logger.is_enabled_for(level) {
                    logger.log_record(level, &site, msg, args, options);
                }
            }
        }
        "disable" => logging::disable(num(field(1)?)?),
        "addlevel" => logging::add_level_name(num(field(1)?)?, &text(field(2)?)),
        "setlevel" => logger_named(&text(field(1)?)).set_level(num(field(2)?)?),
        "propagate" => logger_named(&text(field(1)?)).set_propagate(field(2)? == "1"),
        other => return Err(format!("unknown operation {other:?}")),
    }
    Ok(())
}
