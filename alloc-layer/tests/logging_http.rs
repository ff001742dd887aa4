//! HTTPHandler against Python's http.server (started here on loopback),
//! compared with CPython's own HTTPHandler sending the same record to
//! the same server; timeouts and failures through handleError.

#[path = "servers/mail_common.rs"]
mod common;

use common::{Reports, Server, exception_line, hex, reference, within};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;
use strata_alloc::logging::handlers::{HTTPHandler, HttpOptions, urlencode};
use strata_alloc::logging::{self, Arg, CallSite, Handler, LogRecord};

/// The record http_reference.py makes, attribute for attribute.
fn record(message: &str) -> LogRecord {
    let site = CallSite::new("/src/app/main.py", 42, "handler", "");
    let mut r = LogRecord::new(
        Arc::from("web.test"),
        logging::WARNING,
        &site,
        Cow::Owned(message.to_string()),
        vec![Arg::from("x y"), Arg::from(2.5), Arg::None],
    );
    r.created = 1700000000.25;
    r.msecs = 250.0;
    r.relative_created = 1234.5;
    r.thread = Some(140000);
    r.thread_name = Some(Arc::from("MainThread"));
    r.process = Some(4242);
    r.process_name = Some("MainProcess");
    r.set_attribute("user", Arg::from("ann é"));
    r
}

fn options(credentials: Option<(&str, &str)>) -> HttpOptions {
    HttpOptions {
        credentials: credentials.map(|(u, p)| (u.into(), p.into())),
        ..HttpOptions::default()
    }
}

#[test]
fn requests_match_cpython() {
    let reports = Reports::capture();
    let mut server = Server::start("http_server.py", &[]);
    let host = format!("127.0.0.1:{}", server.port);
    let message = "disk %s at %r%% & rising: ünïcode + spaces/slashes?";
    let cases = [
        ("/log", "GET", None),
        ("/log?source=app&x=1", "get", Some(("ann", "pässwörd"))),
        ("/log", "POST", None),
        ("/submit/", "post", Some(("user", "pw:with:colons"))),
    ];
    for (url, method, creds) in cases {
        let h = HTTPHandler::new(&host, url, method, options(creds)).unwrap();
        h.handle(&mut record(message));
        let ours = server.next_record();
        let (user, password) = creds.unwrap_or(("-", ""));
        let args: Vec<String> = [&host, url, method, user, password]
            .iter()
            .map(|s| s.to_string())
            .chain([hex(message.as_bytes())])
            .collect();
        assert_eq!(reference("http_reference.py", &args), ["SENT"]);
        let theirs = server.next_record();
        let decoded: Vec<String> = ours.iter().map(|l| common::decode(l)).collect();
        assert_eq!(ours, theirs, "{method} {url}: ours {decoded:#?}");
        assert!(
            decoded[0].starts_with(&format!("REQ {} ", method.to_uppercase())),
            "{decoded:?}"
        );
        assert!(decoded.contains(&format!("HDR Host {host}")), "{decoded:?}");
    }
    assert_eq!(reports.take(), "");
}

#[test]
fn request_bytes_are_identical_to_http_client() {
    let reports = Reports::capture();
    let mut server = Server::start("silent_server.py", &["--http-capture"]);
    let host = format!("localhost:{}", server.port);
    for (url, method, creds) in [
        ("/log", "GET", Some(("ann", "pw"))),
        ("/log?a=b", "POST", None),
    ] {
        let h = HTTPHandler::new(&host, url, method, options(creds)).unwrap();
        h.handle(&mut record("m %s"));
        let ours = server.next_record();
        let (user, password) = creds.unwrap_or(("-", ""));
        let args: Vec<String> = [&host, url, method, user, password]
            .iter()
            .map(|s| s.to_string())
            .chain([hex(b"m %s")])
            .collect();
        assert_eq!(reference("http_reference.py", &args), ["SENT"]);
        let theirs = server.next_record();
        let text = String::from_utf8(common::unhex(ours[0].strip_prefix("GOT ").unwrap())).unwrap();
        assert_eq!(ours, theirs, "ours: {text}");
        let head = text.split("\r\n\r\n").next().unwrap();
        let names: Vec<&str> = head
            .lines()
            .skip(1)
            .map(|l| l.split(':').next().unwrap())
            .collect();
        let want: &[&str] = match method {
            "GET" => &["Host", "Accept-Encoding", "Authorization"],
            _ => &["Host", "Accept-Encoding", "Content-type", "Content-length"],
        };
        assert_eq!(names, want, "{text}");
    }
    assert_eq!(reports.take(), "");
}

#[test]
fn urlencode_matches_cpython() {
    // The data CPython's mapLogRecord + urlencode make for the record.
    let script = r#"
import logging, urllib.parse, sys
record = logging.LogRecord("web.test", logging.WARNING, "/src/app/main.py", 42,
                           "m %s é", ("x y", 2.5, None), None, func="handler")
record.created = 1700000000.25; record.msecs = 250.0; record.relativeCreated = 1234.5
record.thread = 140000; record.threadName = "MainThread"; record.process = 4242
record.user = "ann é"
print(urllib.parse.urlencode(record.__dict__))
"#;
    let out = std::process::Command::new(common::PYTHON)
        .args(["-c", script])
        .output()
        .unwrap();
    let want = String::from_utf8(out.stdout).unwrap();
    let r = record("m %s é");
    assert_eq!(urlencode(&r.dict()), want.trim_end());
}

const TIMEOUT: f64 = 1.0;

fn bound() -> Duration {
    Duration::from_secs_f64(TIMEOUT * 3.0 + 1.0)
}

fn quick(host: &str, method: &str) -> Arc<HTTPHandler> {
    HTTPHandler::new(
        host,
        "/log",
        method,
        HttpOptions {
            timeout: Some(TIMEOUT),
            ..HttpOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn silent_server_times_out() {
    let reports = Reports::capture();
    // Accepts, never reads, never answers.
    let server = Server::start("silent_server.py", &[]);
    let host = format!("127.0.0.1:{}", server.port);
    for method in ["GET", "POST"] {
        within(bound(), "emit to a silent server", || {
            quick(&host, method).handle(&mut record("m"))
        });
        assert_eq!(exception_line(&reports.take()), "TimeoutError: timed out");
    }
}

#[test]
fn refused_and_stopped_servers() {
    let reports = Reports::capture();
    let host = format!("127.0.0.1:{}", common::refusing_port());
    within(bound(), "emit to a closed port", || {
        quick(&host, "GET").handle(&mut record("m"))
    });
    assert_eq!(
        exception_line(&reports.take()),
        "ConnectionRefusedError: [Errno 111] Connection refused"
    );

    let mut server = Server::start("http_server.py", &[]);
    let h = quick(&format!("127.0.0.1:{}", server.port), "POST");
    h.handle(&mut record("first"));
    let first = server.next_record();
    assert!(first.iter().any(|l| l.starts_with("BODY ")), "{first:?}");
    assert_eq!(reports.take(), "");
    server.kill();
    within(bound(), "emit after the server stopped", || {
        h.handle(&mut record("second"))
    });
    assert_eq!(
        exception_line(&reports.take()),
        "ConnectionRefusedError: [Errno 111] Connection refused"
    );
}

#[test]
fn server_closing_without_answer_is_remote_disconnected() {
    let reports = Reports::capture();
    // Reads the request line and hangs up.
    let server = Server::start("silent_server.py", &["--read-close"]);
    let host = format!("127.0.0.1:{}", server.port);
    within(bound(), "emit to a server with a bad status line", || {
        quick(&host, "GET").handle(&mut record("m"))
    });
    let report = reports.take();
    assert_eq!(
        exception_line(&report),
        "RemoteDisconnected: Remote end closed connection without response"
    );
    let theirs = reference(
        "http_reference.py",
        &[
            host.clone(),
            "/log".into(),
            "GET".into(),
            "-".into(),
            "".into(),
            hex(b"m"),
        ],
    );
    assert_eq!(theirs, [format!("ERROR {}", exception_line(&report))]);
}

#[test]
fn bad_arguments_are_refused() {
    let e = HTTPHandler::new("h", "/", "PUT", HttpOptions::default())
        .err()
        .unwrap();
    assert_eq!(e.to_string(), "method must be GET or POST");
    let e = HTTPHandler::new(
        "h",
        "/",
        "GET",
        HttpOptions {
            secure: true,
            ..HttpOptions::default()
        },
    )
    .err()
    .unwrap();
    assert_eq!(e.python_class(), "ValueError");
    assert!(e.to_string().contains("HTTPS"), "{e}");
    let reports = Reports::capture();
    quick("h:port", "GET").handle(&mut record("m"));
    assert_eq!(
        exception_line(&reports.take()),
        "InvalidURL: nonnumeric port: 'port'"
    );
}
