//! `SysLogHandler`: its bytes on the wire against CPython's for the same
//! calls (raw receivers in tests/servers/log_receiver.py, CPython's side
//! in tests/servers/cpython_client.py), its tables against CPython's, a
//! real rsyslogd receiving over a unix socket, UDP and TCP, and the
//! failures (the daemon stopped mid-run, a refusing port, a server that
//! never reads), each logging call returning within the timeout plus
//! slack with its error reported through `handleError`.
//!
//! The rsyslogd configuration (written by [`Rsyslog::start`]) touches
//! no system path:
//!
//! ```text
//! global(workDirectory="DIR/work")
//! module(load="imuxsock" SysSock.Use="off")        # not /dev/log
//! input(type="imuxsock" Socket="DIR/log.sock" RateLimit.Interval="0")
//! module(load="imudp")
//! input(type="imudp" address="127.0.0.1" port="UDP")
//! module(load="imtcp" AddtlFrameDelimiter="0")     # NUL ends a message
//! input(type="imtcp" address="127.0.0.1" port="TCP")
//! template(name="t" type="string"
//!          string="%inputname%|%pri%|%syslogfacility%|%syslogseverity%|%rawmsg%\n")
//! *.* action(type="omfile" file="DIR/out.log" template="t")
//! ```
//!
//! run as `rsyslogd -n -f DIR/rsyslog.conf -i DIR/rsyslogd.pid` (root is
//! not needed for ports above 1024). CPython 3.11 sends TCP records with
//! no octet count and no newline, only the NUL that `append_nul` adds:
//! imtcp needs `AddtlFrameDelimiter="0"` to split them. rsyslog drops the
//! trailing NUL from `%rawmsg%`.

#[path = "servers/common.rs"]
mod common;

use common::{
    ErrorCapture, PYTHON, Proc, TempDir, calls, cpython_client, free_port, receiver, wait_lines,
    with_handler, within,
};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use strata_alloc::logging::handlers::{Code, SysLogHandler, SyslogAddress};
use strata_alloc::logging::{Formatter, Handler, Style};
use strata_core::net::Kind;

const FORMAT: &str = "%(name)s[%(levelname)s]: %(message)s";
/// The calls without the exception one: what cpython_client.py makes for
/// syslog.
const SYSLOG_CALLS: usize = 7;
/// The liveness bound: the socket timeout (1 s) × 3 + 1 s.
const BOUND: Duration = Duration::from_secs(4);

fn handler(address: SyslogAddress, facility: &str, socktype: Option<Kind>) -> Arc<SysLogHandler> {
    let facility = match facility.parse::<i32>() {
        Ok(n) => Code::Number(n),
        Err(_) => Code::from(facility),
    };
    let h = SysLogHandler::new(address, facility, socktype).expect("SysLogHandler");
    h.base().set_formatter(Some(Arc::new(
        Formatter::new(Some(FORMAT), None, Style::Percent).unwrap(),
    )));
    h
}

#[test]
fn syslog_bytes_on_the_wire_match_cpython() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("syslog-wire");
    // kind, facility, ident, append_nul
    let cases = [
        ("unix", "1", "", true),
        ("udp", "local3", "myapp: ", true),
        ("tcp", "3", "", false),
        ("tcp", "kern", "é ", true),
        // A unix stream socket: the datagram connect fails (EPROTOTYPE),
        // the stream one works.
        ("unixstream", "local7", "", true),
    ];
    for (i, &(kind, facility, ident, nul)) in cases.iter().enumerate() {
        let mode = match kind {
            "unix" => "rawunixdgram",
            "unixstream" => "rawunix",
            "udp" => "rawudp",
            _ => "rawtcp",
        };
        let mut outputs = Vec::new();
        for side in ["strata", "cpython"] {
            let out = dir.path(&format!("{i}-{side}.txt"));
            let at = match kind {
                "unix" | "unixstream" => dir.path(&format!("{i}-{side}.sock")),
                _ => String::from("0"),
            };
            let rx = receiver(&[mode, &at, &out]);
            if side == "strata" {
                let (address, socktype) = match kind {
                    "unix" | "unixstream" => (SyslogAddress::Unix(rx.ready.clone()), None),
                    "udp" => (SyslogAddress::Inet("127.0.0.1".into(), rx.port()), None),
                    _ => (
                        SyslogAddress::Inet("127.0.0.1".into(), rx.port()),
                        Some(Kind::Stream),
                    ),
                };
                let h = handler(address, facility, socktype);
                h.set_ident(ident);
                h.set_append_nul(nul);
                with_handler(h.clone(), |log| calls(log, false));
                let stream = matches!(kind, "tcp" | "unixstream");
                let used = if stream { Kind::Stream } else { Kind::Datagram };
                assert_eq!(h.socktype(), Some(used), "case {i}");
                h.close();
            } else {
                let nul = if nul { "1" } else { "0" };
                let kind = if kind == "unixstream" { "unix" } else { kind };
                cpython_client(&["syslog", kind, &rx.ready, facility, ident, nul]);
            }
            // A stream's bytes come as one line, when the connection ends.
            let n = match kind {
                "tcp" | "unixstream" => 1,
                _ => SYSLOG_CALLS,
            };
            outputs.push(wait_lines(&out, n, 10));
        }
        assert!(!outputs[1].is_empty(), "case {i}: CPython sent nothing");
        assert_eq!(
            outputs[0], outputs[1],
            "case {i} {kind}: Strata's bytes (hex) vs CPython's"
        );
    }
    assert_eq!(cap.captured.take(), "");
}

#[test]
fn syslog_tables_match_cpython() {
    let py = "import logging.handlers as h; S = h.SysLogHandler\n\
              print(list(S.priority_names.items()))\n\
              print(list(S.facility_names.items()))\n\
              print(list(S.priority_map.items()))\n\
              print(h.SYSLOG_UDP_PORT, h.SYSLOG_TCP_PORT)\n\
              print([(f, p, S.encodePriority(S, f, p)) for f in ('user', 'local7', 3) for p in ('err', 'debug', 5)])";
    let out = Command::new(PYTHON).args(["-c", py]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = String::from_utf8(out.stdout).unwrap();
    let pairs = |t: &[(&str, i32)]| {
        let items: Vec<String> = t.iter().map(|(k, v)| format!("('{k}', {v})")).collect();
        format!("[{}]", items.join(", "))
    };
    let map: Vec<String> = SysLogHandler::PRIORITY_MAP
        .iter()
        .map(|(k, v)| format!("('{k}', '{v}')"))
        .collect();
    let h = SysLogHandler::new(SyslogAddress::default(), SysLogHandler::LOG_USER, None).unwrap();
    let mut encoded = Vec::new();
    for f in [Code::from("user"), Code::from("local7"), Code::Number(3)] {
        for p in [Code::from("err"), Code::from("debug"), Code::Number(5)] {
            let show = |c: &Code| match c {
                Code::Number(n) => n.to_string(),
                Code::Name(s) => format!("'{s}'"),
            };
            let n = h.encode_priority(f.clone(), p.clone()).unwrap();
            encoded.push(format!("({}, {}, {n})", show(&f), show(&p)));
        }
    }
    let got = format!(
        "{}\n{}\n[{}]\n{} {}\n[{}]\n",
        pairs(SysLogHandler::PRIORITY_NAMES),
        pairs(SysLogHandler::FACILITY_NAMES),
        map.join(", "),
        SysLogHandler::SYSLOG_UDP_PORT,
        SysLogHandler::SYSLOG_TCP_PORT,
        encoded.join(", "),
    );
    assert_eq!(got, want);

    let err = h.encode_priority("nosuch", "err").unwrap_err();
    assert_eq!(
        (err.python_class(), err.to_string()),
        ("KeyError", "'nosuch'".into())
    );
    assert_eq!(h.map_priority("INFO"), "info");
    assert_eq!(h.map_priority("Level 25"), "warning");
    h.set_priority_map(vec![("INFO".into(), "notice".into())]);
    assert_eq!(h.map_priority("INFO"), "notice");
    assert_eq!(h.map_priority("ERROR"), "warning");
    h.close();
}

/// A private rsyslogd (see the module doc), killed when dropped.
struct Rsyslog {
    proc: Option<Proc>,
    conf: String,
    pid: String,
    socket: String,
    udp: u16,
    tcp: u16,
    out: String,
}

impl Rsyslog {
    fn start(dir: &TempDir) -> Rsyslog {
        let rsyslogd = rsyslogd();
        let work = dir.path("work");
        std::fs::create_dir_all(&work).unwrap();
        let (socket, out) = (dir.path("log.sock"), dir.path("out.log"));
        let (udp, tcp) = (free_udp_port(), free_port());
        let text = format!(
            "global(workDirectory=\"{work}\")\n\
             module(load=\"imuxsock\" SysSock.Use=\"off\")\n\
             input(type=\"imuxsock\" Socket=\"{socket}\" RateLimit.Interval=\"0\")\n\
             module(load=\"imudp\")\n\
             input(type=\"imudp\" address=\"127.0.0.1\" port=\"{udp}\")\n\
             module(load=\"imtcp\" AddtlFrameDelimiter=\"0\")\n\
             input(type=\"imtcp\" address=\"127.0.0.1\" port=\"{tcp}\")\n\
             template(name=\"t\" type=\"string\" \
             string=\"%inputname%|%pri%|%syslogfacility%|%syslogseverity%|%rawmsg%\\n\")\n\
             *.* action(type=\"omfile\" file=\"{out}\" template=\"t\")\n"
        );
        let conf = dir.path("rsyslog.conf");
        std::fs::write(&conf, text).unwrap();
        let mut rs = Rsyslog {
            proc: None,
            conf,
            pid: dir.path("rsyslogd.pid"),
            socket,
            udp,
            tcp,
            out,
        };
        rs.spawn(rsyslogd);
        rs
    }

    /// Starts rsyslogd on the config and waits until it listens.
    fn spawn(&mut self, rsyslogd: &str) {
        let child = Command::new(rsyslogd)
            .args(["-n", "-f", &self.conf, "-i", &self.pid])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start rsyslogd");
        let mut proc = Proc {
            child,
            ready: String::new(),
        };
        // Ready once the unix socket exists and TCP accepts.
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let up = std::path::Path::new(&self.socket).exists()
                && std::net::TcpStream::connect(("127.0.0.1", self.tcp)).is_ok();
            if up {
                break;
            }
            if let Ok(Some(status)) = proc.child.try_wait() {
                panic!("rsyslogd exited: {status}");
            }
            assert!(Instant::now() < until, "rsyslogd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        self.proc = Some(proc);
    }

    /// Kills it (the daemon stopped mid-run).
    fn stop(&mut self) {
        if let Some(mut proc) = self.proc.take() {
            proc.stop();
        }
        // A killed rsyslogd leaves its socket file: a new one replaces it.
        assert!(std::path::Path::new(&self.socket).exists());
    }

    /// Starts it again on the same socket and ports.
    fn restart(&mut self) {
        self.spawn(rsyslogd());
    }
}

fn rsyslogd() -> &'static str {
    ["/usr/sbin/rsyslogd", "/sbin/rsyslogd"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("rsyslogd is not installed: run scripts/setup (Debian package rsyslog)")
}

fn free_udp_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn syslog_records_reach_rsyslog() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("rsyslog");
    let rs = Rsyslog::start(&dir);
    let targets = [
        (
            "imuxsock",
            SyslogAddress::Unix(rs.socket.clone()),
            None,
            "user",
        ),
        (
            "imudp",
            SyslogAddress::Inet("127.0.0.1".into(), rs.udp),
            None,
            "local3",
        ),
        (
            "imtcp",
            SyslogAddress::Inet("127.0.0.1".into(), rs.tcp),
            Some(Kind::Stream),
            "21",
        ),
    ];
    let mut want = Vec::new();
    for (input, address, socktype, facility) in targets {
        let h = handler(address, facility, socktype);
        let fac = match h.facility() {
            Code::Number(n) => n,
            Code::Name(name) => h.encode_priority(name, 0).unwrap() >> 3,
        };
        with_handler(h.clone(), |log| {
            strata_alloc::debug!(log, "%s debug é", input);
            strata_alloc::info!(log, "%s info", input);
            strata_alloc::warning!(log, "%s warning", input);
            strata_alloc::error!(log, "%s error", input);
            strata_alloc::critical!(log, "%s critical ☃", input);
            strata_alloc::log!(log, 25, "%s custom", input);
        });
        if input == "imuxsock" {
            assert_eq!(h.socktype(), Some(Kind::Datagram), "datagram first");
        }
        h.close();
        for (level, severity, text) in [
            ("DEBUG", 7, "debug é"),
            ("INFO", 6, "info"),
            ("WARNING", 4, "warning"),
            ("ERROR", 3, "error"),
            ("CRITICAL", 2, "critical ☃"),
            ("Level 25", 4, "custom"),
        ] {
            let pri = fac * 8 + severity;
            want.push(format!(
                "{input}|{pri}|{fac}|{severity}|<{pri}>strata.wire[{level}]: {input} {text}"
            ));
        }
    }
    let got = wait_lines(&rs.out, want.len(), 10);
    for line in &want {
        assert!(got.contains(line), "missing {line:?} in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
    assert_eq!(cap.captured.take(), "");
}

fn reported(cap: &ErrorCapture) -> bool {
    !cap.captured.0.lock().unwrap().is_empty()
}

#[test]
fn syslog_failures_go_through_handle_error_in_time() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("syslog-fail");
    let mut rs = Rsyslog::start(&dir);
    let unix = handler(SyslogAddress::Unix(rs.socket.clone()), "user", None);
    let udp = handler(
        SyslogAddress::Inet("127.0.0.1".into(), rs.udp),
        "user",
        None,
    );
    let tcp = handler(
        SyslogAddress::Inet("127.0.0.1".into(), rs.tcp),
        "user",
        Some(Kind::Stream),
    );
    for h in [&unix, &udp, &tcp] {
        with_handler(h.clone(), |log| strata_alloc::info!(log, "before the stop"));
    }
    assert_eq!(wait_lines(&rs.out, 3, 10).len(), 3);
    rs.stop();

    // The unix socket: the send fails, the reconnect too, reported.
    with_handler(unix.clone(), |log| {
        within(BOUND, "unix, daemon stopped", || {
            strata_alloc::info!(log, "after the stop")
        });
    });
    let report = cap.captured.take();
    assert!(
        report.starts_with(
            "--- Logging error ---\nConnectionRefusedError: [Errno 111] Connection refused\n"
        ) || report.starts_with(
            "--- Logging error ---\nFileNotFoundError: [Errno 2] No such file or directory\n"
        ),
        "{report}"
    );
    // UDP: lost without a report (no ICMP on an unconnected socket).
    with_handler(udp.clone(), |log| {
        within(BOUND, "udp, daemon stopped", || {
            strata_alloc::info!(log, "after the stop")
        });
    });
    assert_eq!(cap.captured.take(), "");
    // TCP: a send or two into the dead connection, then EPIPE / ECONNRESET.
    with_handler(tcp.clone(), |log| {
        for _ in 0..5 {
            within(BOUND, "tcp, daemon stopped", || {
                strata_alloc::info!(log, "after the stop")
            });
            if reported(&cap) {
                break;
            }
        }
    });
    let report = cap.captured.take();
    assert!(
        report.starts_with("--- Logging error ---\nBrokenPipeError: [Errno 32] Broken pipe\n")
            || report.starts_with("--- Logging error ---\nConnectionResetError: [Errno 104] Connection reset by peer\n"),
        "{report}"
    );

    // The daemon back: the unix handler reconnects on its next send (the
    // old socket's send fails), UDP reaches it again; the TCP handler
    // keeps its dead socket and fails again, as CPython 3.11's does.
    rs.restart();
    for h in [&unix, &udp, &tcp] {
        with_handler(h.clone(), |log| {
            within(BOUND, "after the restart", || {
                strata_alloc::info!(log, "after the restart")
            })
        });
    }
    let lines = wait_lines(&rs.out, 5, 10);
    let back: Vec<_> = lines
        .iter()
        .filter(|l| l.contains("after the restart"))
        .collect();
    assert_eq!(back.len(), 2, "{lines:#?}");
    assert!(
        back.iter().any(|l| l.starts_with("imuxsock|")),
        "{lines:#?}"
    );
    assert!(back.iter().any(|l| l.starts_with("imudp|")), "{lines:#?}");
    let report = cap.captured.take();
    assert_eq!(
        report.matches("--- Logging error ---").count(),
        1,
        "{report}"
    );
    assert!(
        report.contains("Error: [Errno 32] Broken pipe\n"),
        "{report}"
    );
    for h in [&unix, &udp, &tcp] {
        h.close();
    }

    // A unix path with nothing there: not an error until a record comes.
    let missing = handler(SyslogAddress::Unix(dir.path("missing.sock")), "user", None);
    with_handler(missing.clone(), |log| {
        within(BOUND, "unix, no socket", || {
            strata_alloc::info!(log, "lost")
        });
    });
    missing.close();
    let report = cap.captured.take();
    assert!(
        report.starts_with(
            "--- Logging error ---\nFileNotFoundError: [Errno 2] No such file or directory\n"
        ),
        "{report}"
    );

    // A refusing TCP port fails the constructor, as in CPython.
    let refused = within(BOUND, "tcp, refused", || {
        SysLogHandler::new(
            SyslogAddress::Inet("127.0.0.1".into(), free_port()),
            "user",
            Some(Kind::Stream),
        )
    });
    let err = refused.err().expect("a refused connection");
    assert_eq!(err.to_string(), "[Errno 111] Connection refused");
    assert_eq!(err.python_class(), "ConnectionRefusedError");

    // A server that accepts and never reads: the send times out.
    let stall = receiver(&["stall", "0"]);
    let stalled = handler(
        SyslogAddress::Inet("127.0.0.1".into(), stall.port()),
        "user",
        Some(Kind::Stream),
    );
    assert_eq!(stalled.timeout(), Some(1.0));
    let big = "z".repeat(8 << 20);
    with_handler(stalled.clone(), |log| {
        for _ in 0..2 {
            within(BOUND, "tcp, stalled server", || {
                strata_alloc::info!(log, "%s", big.clone())
            });
        }
    });
    stalled.close();
    let report = cap.captured.take();
    assert!(
        report.starts_with("--- Logging error ---\nTimeoutError: timed out\n"),
        "{report}"
    );
    assert_eq!(
        report.matches("--- Logging error ---").count(),
        2,
        "{report}"
    );
}
