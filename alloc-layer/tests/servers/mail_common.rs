//! What the SMTPHandler and HTTPHandler tests share (logging_smtp.rs and
//! logging_http.rs): Python servers on loopback (stopped by a Drop guard),
//! CPython reference runs, and handleError's reports captured.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use strata_alloc::logging;

/// Debian's Python, where apt's python3-* packages (aiosmtpd) live.
pub const PYTHON: &str = "/usr/bin/python3";

/// The folder of the server scripts.
pub fn script(name: &str) -> String {
    format!("{}/tests/servers/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A Python server the test started; killed when dropped.
pub struct Server {
    child: Child,
    lines: Receiver<String>,
    /// The port it listens on (its first line of output).
    pub port: u16,
}

impl Server {
    /// Starts `script` with `args` and waits for its `PORT n` line.
    pub fn start(name: &str, args: &[&str]) -> Server {
        let mut child = Command::new(PYTHON)
            .arg(script(name))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {PYTHON} {name}: {e}"));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            lines,
            port: 0,
        };
        let first = server
            .next_line(Duration::from_secs(15))
            .unwrap_or_else(|| {
                panic!("{name} printed no port (is python3-aiosmtpd installed? run scripts/setup)")
            });
        server.port = first
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("{name}: unexpected first line {first:?}"));
        server
    }

    /// The next line the server printed, waiting at most `wait`.
    pub fn next_line(&mut self, wait: Duration) -> Option<String> {
        self.lines.recv_timeout(wait).ok()
    }

    /// The lines up to and including the next `END`.
    pub fn next_record(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        loop {
            let line = self
                .next_line(Duration::from_secs(10))
                .unwrap_or_else(|| panic!("server record cut short after {out:?}"));
            let end = line == "END";
            out.push(line);
            if end {
                return out;
            }
        }
    }

    /// Lines printed so far, without waiting for more than `wait` each.
    pub fn drain(&mut self, wait: Duration) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(line) = self.next_line(wait) {
            out.push(line);
        }
        out
    }

    /// Stops the server now (as a crash would).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.child.stdin.take() {
            let _ = stdin.flush();
        }
        self.kill();
    }
}

/// A loopback port nothing listens on (bound, then closed).
pub fn refusing_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Runs `python3 script args` (CPython's own handler) and returns its
/// stdout lines.
pub fn reference(name: &str, args: &[String]) -> Vec<String> {
    let out = Command::new(PYTHON)
        .arg(script(name))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name}: {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// Hex of `data`, as the servers print fields.
pub fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex field (`-` is empty).
pub fn unhex(field: &str) -> Vec<u8> {
    if field == "-" {
        return Vec::new();
    }
    (0..field.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&field[i..i + 2], 16).unwrap())
        .collect()
}

/// A server line with its hex fields decoded (lossily, for messages).
pub fn decode(line: &str) -> String {
    let mut parts = line.split(' ');
    let mut out = String::from(parts.next().unwrap_or(""));
    for p in parts {
        out.push(' ');
        if p == "ok" || p == "fail" || p == "END" {
            out.push_str(p);
        } else {
            out.push_str(&String::from_utf8_lossy(&unhex(p)));
        }
    }
    out
}

/// handleError's reports, as the stream they are sent to holds them.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<String>>);

impl logging::Stream for Shared {
    fn write(&mut self, text: &str) -> Result<(), logging::Error> {
        self.0.lock().unwrap().push_str(text);
        Ok(())
    }
}

/// The error stream is process-global: tests that read it run one at a
/// time.
static SERIAL: Mutex<()> = Mutex::new(());

/// Holds the error stream for one test.
pub struct Reports {
    shared: Shared,
    _guard: MutexGuard<'static, ()>,
}

impl Reports {
    /// Sends handleError's reports here until dropped.
    pub fn capture() -> Reports {
        let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let shared = Shared::default();
        logging::set_error_stream(Some(Box::new(shared.clone())));
        Reports {
            shared,
            _guard: guard,
        }
    }

    /// The reports so far, emptied.
    pub fn take(&self) -> String {
        std::mem::take(&mut *self.shared.0.lock().unwrap())
    }
}

impl Drop for Reports {
    fn drop(&mut self) {
        logging::set_error_stream(None);
    }
}

/// The exception line of a single `--- Logging error ---` report.
pub fn exception_line(report: &str) -> &str {
    let mut lines = report.lines();
    assert_eq!(lines.next(), Some("--- Logging error ---"), "{report}");
    lines.next().unwrap_or("")
}

/// Runs `f`, checking it returns within `bound`.
pub fn within<T>(bound: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took <= bound, "{what} took {took:?}, more than {bound:?}");
    out
}
