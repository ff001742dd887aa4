//! What logging_socket.rs and logging_syslog.rs share: Python servers
//! started and stopped around a test, a private temp dir, the captured
//! `handleError` stream, and waiting for output.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use strata_alloc::logging::{self, Arg, Error, HandlerRef, Logger, Stream};

/// Debian's python3, where apt's packages land.
pub const PYTHON: &str = "/usr/bin/python3";

/// A script in tests/servers.
pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/servers")
        .join(name)
}

/// A child process killed (and reaped) when dropped, so a failing test
/// leaves no server behind.
pub struct Proc {
    pub child: Child,
    /// What the server printed after `READY`: its port or path.
    pub ready: String,
}

impl Proc {
    /// The port it printed.
    pub fn port(&self) -> u16 {
        self.ready.parse().expect("a port")
    }

    /// Kills it now (the server stopped mid-run).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts `log_receiver.py args…` and waits for its `READY` line.
pub fn receiver(args: &[&str]) -> Proc {
    let mut child = Command::new(PYTHON)
        .arg(script("log_receiver.py"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python3");
    let mut line = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut line).unwrap();
    let Some(ready) = line.trim_end().strip_prefix("READY ") else {
        let mut err = String::new();
        let _ = child.stderr.take().unwrap().read_to_string(&mut err);
        let _ = child.kill();
        panic!("log_receiver.py {args:?} did not start: {line}{err}");
    };
    Proc {
        ready: ready.to_string(),
        child,
    }
}

/// Runs `cpython_client.py args…` to its end.
pub fn cpython_client(args: &[&str]) {
    let out = Command::new(PYTHON)
        .arg(script("cpython_client.py"))
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "cpython_client.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "strata-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The lines of `path` once it has at least `n` of them (or what it has
/// after `secs` seconds).
pub fn wait_lines(path: &str, n: usize, secs: u64) -> Vec<String> {
    let until = Instant::now() + Duration::from_secs(secs);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let lines: Vec<String> = text.lines().map(String::from).collect();
        if lines.len() >= n || Instant::now() > until {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A port nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where `handleError`'s reports go during a test.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<String>>);

impl Stream for Captured {
    fn write(&mut self, text: &str) -> Result<(), Error> {
        self.0.lock().unwrap().push_str(text);
        Ok(())
    }
}

impl Captured {
    /// Everything reported so far, emptied.
    pub fn take(&self) -> String {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// The error stream is process-global: one test at a time holds it.
static SERIAL: Mutex<()> = Mutex::new(());

/// Takes the error stream for a test; given back when the guard drops.
pub struct ErrorCapture {
    pub captured: Captured,
    _serial: MutexGuard<'static, ()>,
}

impl ErrorCapture {
    pub fn new() -> ErrorCapture {
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let captured = Captured::default();
        logging::set_error_stream(Some(Box::new(captured.clone())));
        ErrorCapture {
            captured,
            _serial: serial,
        }
    }
}

impl Drop for ErrorCapture {
    fn drop(&mut self) {
        logging::set_error_stream(None);
    }
}

/// Runs `f`, asserting it returned within `limit` (a liveness bound, not
/// a benchmark).
pub fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let v = f();
    let took = start.elapsed();
    assert!(took <= limit, "{what} took {took:?}, more than {limit:?}");
    v
}

/// The calls `calls` in cpython_client.py makes, in the same order.
pub fn calls(log: &Logger, exception: bool) {
    strata_alloc::info!(log, "plain message");
    strata_alloc::warning!(log, "%s has %d items at %.2f%%", "cart", 3, 99.5);
    strata_alloc::error!(log, "unicode: %s", "héllo ☃ 𝄞");
    strata_alloc::info!(log, "with extra"; extra = [
        ("user", Arg::from("alice")),
        ("n", Arg::from(42)),
        ("ratio", Arg::from(0.25)),
        ("flag", Arg::from(true)),
        ("nothing", Arg::None),
        ("big", Arg::from(1i64 << 40)),
        ("empty", Arg::from("")),
    ]);
    strata_alloc::debug!(log, "%r and %s", "quoted", Arg::None);
    strata_alloc::critical!(log, "big int %d and %s", 1i128 << 70, false);
    strata_alloc::log!(log, 25, "custom level %d", 25);
    if exception {
        let err = std::io::Error::other("boom");
        strata_alloc::exception!(log, &err, "caught %s", "it");
    }
}
pub const CALLS: usize = 8;

/// The logger cpython_client.py logs through, with `handler` alone for
/// the length of `f`.
pub fn with_handler(handler: HandlerRef, f: impl FnOnce(&Logger)) {
    let log = logging::get_logger("strata.wire");
    log.set_level(logging::DEBUG);
    log.set_propagate(false);
    log.add_handler(handler.clone());
    f(&log);
    log.remove_handler(&handler);
}
