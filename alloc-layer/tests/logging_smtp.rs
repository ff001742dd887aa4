//! SMTPHandler against a real SMTP server (aiosmtpd, started here on
//! loopback) and against CPython's own SMTPHandler sending the same
//! records to the same server; the message it builds against CPython's
//! `email` package; timeouts and failures through handleError.

#[path = "servers/mail_common.rs"]
mod common;

use common::{Reports, Server, exception_line, hex, reference, unhex, within};
use std::borrow::Cow;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use strata_alloc::logging::handlers::{SMTPHandler, SmtpOptions};
use strata_alloc::logging::{self, CallSite, Formatter, Handler, LogRecord, Style};

const FORMAT: &str = "%(levelname)s:%(name)s:%(message)s";

fn record(message: &str) -> LogRecord {
    let site = CallSite::new("/src/app.py", 7, "main", "");
    LogRecord::new(
        Arc::from("mail.test"),
        logging::ERROR,
        &site,
        Cow::Owned(message.to_string()),
        Vec::new(),
    )
}

fn handler(
    port: u16,
    from: &str,
    to: &[&str],
    subject: &str,
    options: SmtpOptions,
) -> Arc<SMTPHandler> {
    let h = SMTPHandler::new("127.0.0.1", Some(port), from, to, subject, options).unwrap();
    let f = Formatter::new(Some(FORMAT), None, Style::Percent).unwrap();
    h.base().set_formatter(Some(Arc::new(f)));
    h
}

fn credentials(user: &str, password: &str) -> SmtpOptions {
    SmtpOptions {
        credentials: Some((user.into(), password.into())),
        ..SmtpOptions::default()
    }
}

/// One case for smtp_reference.py.
fn case(
    from: &str,
    to: &[&str],
    subject: &str,
    message: &str,
    creds: Option<(&str, &str)>,
) -> String {
    let (user, password) = creds.unwrap_or(("", ""));
    hex(format!(
        "{from}\0{}\0{subject}\0{message}\0{user}\0{password}",
        to.join(",")
    )
    .as_bytes())
}

/// A server record with the Date header of its message masked.
fn masked(record: Vec<String>) -> Vec<String> {
    record
        .into_iter()
        .map(|line| match line.strip_prefix("DATA ") {
            Some(data) => {
                let text = String::from_utf8(unhex(data)).unwrap();
                let lines: Vec<String> = text
                    .split("\r\n")
                    .map(|l| {
                        if l.starts_with("Date: ") {
                            "Date: <masked>".into()
                        } else {
                            l.into()
                        }
                    })
                    .collect();
                format!("DATA {}", lines.join("\r\n"))
            }
            None => common::decode(&line),
        })
        .collect()
}

/// What CPython's `email` package makes of `(subject, body)` from
/// `log@example.com` to `ops@example.com,dev@example.com`: the bytes
/// `smtplib.send_message` sends, dated `now`.
fn cpython_messages(cases: &[(&str, &str)], now: i64) -> Vec<Vec<u8>> {
    let full: Vec<(&str, &str, &str, &str)> = cases
        .iter()
        .map(|&(s, b)| ("log@example.com", "ops@example.com,dev@example.com", s, b))
        .collect();
    cpython_messages_from(&full, now)
}

/// What CPython's `email` package makes of `(from, to, subject, body)`.
fn cpython_messages_from(cases: &[(&str, &str, &str, &str)], now: i64) -> Vec<Vec<u8>> {
    let script = r#"
import sys, io, datetime, email.utils, email.generator
from email.message import EmailMessage
now = int(sys.argv[1])
for case in sys.stdin.read().split():
    fromaddr, to, subject, body = bytes.fromhex(case).decode().split("\0")
    m = EmailMessage()
    m['From'] = fromaddr
    m['To'] = to
    m['Subject'] = subject
    m['Date'] = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).astimezone()
    m.set_content(body)
    out = io.BytesIO()
    email.generator.BytesGenerator(out).flatten(m, linesep='\r\n')
    print(out.getvalue().hex())
"#;
    let mut child = Command::new(common::PYTHON)
        .arg("-c")
        .arg(script)
        .arg(now.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for (f, t, s, b) in cases {
        input.push_str(&hex(format!("{f}\0{t}\0{s}\0{b}").as_bytes()));
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(unhex)
        .collect()
}

#[test]
fn messages_match_the_email_package() {
    let long_words =
        "Grüße aus Köln — ein sehr langer Betreff der gefaltet werden muss, weil er so lang ist";
    let cases: Vec<(String, String)> = vec![
        ("plain".into(), "hello\n.dot line\n..two dots\n".into()),
        ("".into(), "".into()),
        ("Grüße".into(), "héllo wörld".into()),
        (long_words.into(), "a\r\nb\rc\n\nd".into()),
        ("x".repeat(90) + " yy é", "x".repeat(100)),
        ("word ".repeat(30), "é".repeat(100)),
        (
            "tab\tand  two spaces é ü".into(),
            "a b ".repeat(30) + "\n" + &"é".repeat(30),
        ),
        (
            "ü".repeat(60) + " end " + &"ö".repeat(40),
            "x".repeat(75) + "=yyyyyyyyyyyy" + "\n" + &"z".repeat(77) + " ",
        ),
        (
            "€ symbols € and = signs ?".into(),
            (0..14)
                .map(|i| format!("line {i} {}\n", "é=".repeat(i * 4)))
                .collect(),
        ),
        (
            "no-break\u{a0}space and \u{3000}ideographic \u{a0}".into(),
            "tab\tend\u{1c}".into(),
        ),
        (
            "a".repeat(100),
            "x".repeat(78) + " \n" + &"y".repeat(76) + "\t\n" + &"w".repeat(79) + " ",
        ),
    ];
    let now = 1_764_720_000;
    let refs: Vec<(&str, &str)> = cases
        .iter()
        .map(|(s, b)| (s.as_str(), b.as_str()))
        .collect();
    let expected = cpython_messages(&refs, now);
    assert_eq!(expected.len(), cases.len());
    // The cases reach every transfer encoding and fold encoded words.
    let all: Vec<String> = expected
        .iter()
        .map(|m| String::from_utf8_lossy(m).into_owned())
        .collect();
    for cte in ["7bit", "8bit", "quoted-printable", "base64"] {
        let header = format!("Content-Transfer-Encoding: {cte}\r\n");
        assert!(all.iter().any(|m| m.contains(&header)), "no {cte} case");
    }
    assert!(
        all.iter().any(|m| m.contains("?=\r\n =?utf-8?")),
        "no folded encoded words"
    );
    assert!(
        all.iter().any(|m| m.contains("=?utf-8?b?"))
            && all.iter().any(|m| m.contains("=?utf-8?q?"))
    );
    for ((subject, body), want) in cases.iter().zip(expected) {
        let s = subject.clone();
        let h = SMTPHandler::new(
            "127.0.0.1",
            None,
            "log@example.com",
            &["ops@example.com", "dev@example.com"],
            "unused",
            SmtpOptions {
                get_subject: Some(Box::new(move |_| s.clone())),
                ..SmtpOptions::default()
            },
        )
        .unwrap();
        let got = h.message(&mut record(body), now).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "subject {subject:?} body {body:?}"
        );
        assert_eq!(got, want);
    }
}

/// Subjects and bodies drawn (with a fixed seed) from pieces that reach
/// the folding and encoding rules' corners.
fn generated_cases(n: usize) -> Vec<(String, String)> {
    const PIECES: [&str; 16] = [
        "word",
        " ",
        "  ",
        "\t",
        "é",
        "€ ",
        "=",
        ".",
        "?=",
        "_",
        "😀",
        "xxxxxxxxxxxxxxxxxxxx",
        "ü ö",
        "=?",
        "\u{a0}",
        "-",
    ];
    let mut seed: u64 = 0x5eed7;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    (0..n)
        .map(|_| {
            let mut subject = String::new();
            for _ in 0..next(40) {
                subject.push_str(PIECES[next(PIECES.len())]);
            }
            let mut body = String::new();
            for _ in 0..next(120) {
                match next(8) {
                    0 => body.push('\n'),
                    1 => body.push_str("\r\n"),
                    _ => body.push_str(PIECES[next(PIECES.len())]),
                }
            }
            (subject, body)
        })
        .collect()
}

#[test]
fn generated_messages_match_the_email_package() {
    let cases = generated_cases(500);
    let now = 1_700_000_000;
    let refs: Vec<(&str, &str)> = cases
        .iter()
        .map(|(s, b)| (s.as_str(), b.as_str()))
        .collect();
    let expected = cpython_messages(&refs, now);
    assert_eq!(expected.len(), cases.len());
    for ((subject, body), want) in cases.iter().zip(expected) {
        let s = subject.clone();
        let h = SMTPHandler::new(
            "127.0.0.1",
            None,
            "log@example.com",
            &["ops@example.com", "dev@example.com"],
            "unused",
            SmtpOptions {
                get_subject: Some(Box::new(move |_| s.clone())),
                ..SmtpOptions::default()
            },
        )
        .unwrap();
        let got = h.message(&mut record(body), now).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "subject {subject:?} body {body:?}"
        );
    }
}

#[test]
fn address_headers_fold_as_cpythons() {
    let many: Vec<String> = (0..12).map(|i| format!("user{i}@example.com")).collect();
    let named: Vec<String> = (0..6)
        .map(|i| format!("Team  Number {i} <team{i}@mail.example.com>"))
        .collect();
    let cases: Vec<(String, Vec<String>)> = vec![
        ("log@example.com".into(), vec![]),
        (
            "Logging System Of The Very Long Named Application Server <log@example.com>".into(),
            vec!["a@b".into()],
        ),
        ("<bare@example.com>".into(), named.clone()),
        ("Log <log@example.com>".into(), many),
        (
            "x".repeat(70) + "@example.com",
            vec!["y".repeat(90) + "@example.com", "Short <s@e.x>".into()],
        ),
        (
            "Name\tWith Tab <t@example.com>".into(),
            named.iter().rev().cloned().collect(),
        ),
        // Unsupported syntax (quotes, comments): written unfolded.
        (
            "\"Quoted\" <q@example.com>".into(),
            vec!["c@example.com (comment)".into()],
        ),
    ];
    let now = 1_700_000_000;
    let joined: Vec<String> = cases.iter().map(|(_, to)| to.join(",")).collect();
    let full: Vec<(&str, &str, &str, &str)> = cases
        .iter()
        .zip(&joined)
        .map(|((f, _), t)| (f.as_str(), t.as_str(), "s", "b"))
        .collect();
    let expected = cpython_messages_from(&full, now);
    for ((from, to), want) in cases.iter().zip(expected) {
        let to: Vec<&str> = to.iter().map(String::as_str).collect();
        let h =
            SMTPHandler::new("127.0.0.1", None, from, &to, "s", SmtpOptions::default()).unwrap();
        let got = h.message(&mut record("b"), now).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "from {from:?} to {to:?}"
        );
    }
}

#[test]
fn sends_what_cpython_sends() {
    let _reports = Reports::capture();
    let mut server = Server::start("smtp_server.py", &[]);
    let to = [
        "ops@example.com",
        "Dev Team <dev@example.com>",
        "third@example.org",
    ];
    let cases = [
        (
            "Störung: Gerät ausgefallen — bitte prüfen",
            ".leading dot\nmiddle\n..two\n.\nÜnïcödé ünd €",
            Some(("logger", "s3cret")),
        ),
        ("plain subject", "just ascii\n. spaced dot", None),
    ];
    for (subject, message, creds) in cases {
        let options = match creds {
            Some((u, p)) => credentials(u, p),
            None => SmtpOptions::default(),
        };
        let h = handler(server.port, "Log <log@example.com>", &to, subject, options);
        h.handle(&mut record(message));
        let ours = masked(server.next_record());
        let args = vec![
            server.port.to_string(),
            case("Log <log@example.com>", &to, subject, message, creds),
        ];
        assert_eq!(reference("smtp_reference.py", &args), ["SENT"]);
        let theirs = masked(server.next_record());
        assert_eq!(ours, theirs);
        // The message arrived intact: dots unstuffed, UTF-8 as sent.
        let data = ours.iter().find(|l| l.starts_with("DATA ")).unwrap();
        let body = data.split("\r\n\r\n").nth(1).unwrap();
        let want = format!("ERROR:mail.test:{message}").replace('\n', "\r\n") + "\r\n";
        if message.is_ascii() {
            assert_eq!(body, want);
        }
        let rcpts: Vec<&String> = ours.iter().filter(|l| l.starts_with("RCPT ")).collect();
        assert_eq!(rcpts.len(), 3, "{ours:?}");
        assert!(rcpts[1].starts_with("RCPT dev@example.com"), "{ours:?}");
    }
    assert_eq!(_reports.take(), "");
}

#[test]
fn utf8_body_arrives_intact() {
    let _reports = Reports::capture();
    let mut server = Server::start("smtp_server.py", &[]);
    let message = "Ünïcödé ünd €\n.dot";
    let h = handler(
        server.port,
        "log@example.com",
        &["ops@example.com"],
        "Grüße",
        credentials("logger", "s3cret"),
    );
    h.handle(&mut record(message));
    let lines = server.next_record();
    let data = lines.iter().find_map(|l| l.strip_prefix("DATA ")).unwrap();
    let text = String::from_utf8(unhex(data)).unwrap();
    assert!(
        text.contains("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"),
        "{text}"
    );
    assert!(
        text.contains("Content-Transfer-Encoding: 8bit\r\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\r\n\r\nERROR:mail.test:Ünïcödé ünd €\r\n.dot\r\n"),
        "{text}"
    );
    assert_eq!(_reports.take(), "");
}

#[test]
fn wrong_credentials_go_to_handle_error() {
    let reports = Reports::capture();
    let mut server = Server::start("smtp_server.py", &[]);
    let h = handler(
        server.port,
        "log@example.com",
        &["ops@example.com"],
        "s",
        credentials("logger", "wrong"),
    );
    h.handle(&mut record("secret"));
    let report = reports.take();
    let theirs = reference(
        "smtp_reference.py",
        &[
            server.port.to_string(),
            case(
                "log@example.com",
                &["ops@example.com"],
                "s",
                "secret",
                Some(("logger", "wrong")),
            ),
        ],
    );
    assert_eq!(
        exception_line(&report),
        "SMTPAuthenticationError: (535, b'5.7.8 Authentication credentials invalid')"
    );
    assert_eq!(theirs, [format!("ERROR {}", exception_line(&report))]);
    // PLAIN then LOGIN, as smtplib tries them, and no mail.
    let seen: Vec<String> = server
        .drain(Duration::from_millis(300))
        .iter()
        .map(|l| common::decode(l))
        .collect();
    let auth: Vec<&String> = seen.iter().filter(|l| l.starts_with("AUTH")).collect();
    assert_eq!(auth.len(), 4, "{seen:?}");
    assert_eq!(auth[0], "AUTH PLAIN logger fail");
    assert_eq!(auth[1], "AUTH LOGIN logger fail");
    assert!(!seen.iter().any(|l| l.starts_with("MAIL")), "{seen:?}");
}

#[test]
fn no_auth_offered_is_cpythons_error() {
    let reports = Reports::capture();
    let server = Server::start("smtp_server.py", &["--no-auth"]);
    let h = handler(
        server.port,
        "log@example.com",
        &["ops@example.com"],
        "s",
        credentials("logger", "s3cret"),
    );
    h.handle(&mut record("m"));
    let report = reports.take();
    let theirs = reference(
        "smtp_reference.py",
        &[
            server.port.to_string(),
            case(
                "log@example.com",
                &["ops@example.com"],
                "s",
                "m",
                Some(("logger", "s3cret")),
            ),
        ],
    );
    assert_eq!(
        exception_line(&report),
        "SMTPNotSupportedError: SMTP AUTH extension not supported by server."
    );
    assert_eq!(theirs, [format!("ERROR {}", exception_line(&report))]);
}

const TIMEOUT: f64 = 1.0;

fn bound() -> Duration {
    Duration::from_secs_f64(TIMEOUT * 3.0 + 1.0)
}

fn quick(port: u16) -> Arc<SMTPHandler> {
    handler(
        port,
        "log@example.com",
        &["ops@example.com"],
        "s",
        SmtpOptions {
            credentials: Some(("logger".into(), "s3cret".into())),
            timeout: Some(TIMEOUT),
            ..SmtpOptions::default()
        },
    )
}

#[test]
fn silent_server_times_out() {
    let reports = Reports::capture();
    // Accepts, never greets, never reads.
    let server = Server::start("silent_server.py", &[]);
    within(bound(), "emit to a silent server", || {
        quick(server.port).handle(&mut record("m"))
    });
    assert_eq!(
        exception_line(&reports.take()),
        "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    );
    // Greets and answers EHLO, then never answers again.
    let server = Server::start(
        "silent_server.py",
        &["220 silent.test ESMTP", "250-silent.test|250 AUTH PLAIN"],
    );
    within(bound(), "emit to a server that stops answering", || {
        quick(server.port).handle(&mut record("m"))
    });
    assert_eq!(
        exception_line(&reports.take()),
        "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
    );
}

#[test]
fn refused_and_stopped_servers() {
    let reports = Reports::capture();
    let port = common::refusing_port();
    within(bound(), "emit to a closed port", || {
        quick(port).handle(&mut record("m"))
    });
    assert_eq!(
        exception_line(&reports.take()),
        "ConnectionRefusedError: [Errno 111] Connection refused"
    );

    let mut server = Server::start("smtp_server.py", &[]);
    let h = quick(server.port);
    h.handle(&mut record("first"));
    assert!(server.next_record().iter().any(|l| l.starts_with("DATA ")));
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
fn unsupported_options_are_refused_when_made() {
    let e = SMTPHandler::new(
        "h",
        None,
        "a@x",
        &["b@y"],
        "s",
        SmtpOptions {
            credentials: Some(("u".into(), "p".into())),
            secure: Some(Vec::new()),
            ..SmtpOptions::default()
        },
    )
    .err()
    .unwrap();
    assert_eq!(e.python_class(), "ValueError");
    assert!(e.to_string().contains("STARTTLS"), "{e}");
    // Without credentials CPython ignores secure; so does Strata.
    let ok = SMTPHandler::new(
        "h",
        None,
        "a@x",
        &["b@y"],
        "s",
        SmtpOptions {
            secure: Some(Vec::new()),
            ..SmtpOptions::default()
        },
    );
    assert!(ok.is_ok());
    // A non-ASCII address is SMTPUTF8's; a non-ASCII name on an ASCII
    // address would be an encoded word, which is not supported.
    assert!(SMTPHandler::new("h", None, "jürgen@x", &["b@y"], "s", SmtpOptions::default()).is_ok());
    let e = SMTPHandler::new(
        "h",
        None,
        "Jürgen <j@x>",
        &["b@y"],
        "s",
        SmtpOptions::default(),
    )
    .err()
    .unwrap();
    assert_eq!(e.python_class(), "ValueError");
}

/// The lines a scripted server received on one connection, up to its
/// `END`, as text with the Date header masked.
fn dialogue(server: &mut Server) -> Vec<String> {
    server
        .next_record()
        .iter()
        .map(|line| match line.strip_prefix("GOT ") {
            Some(data) => String::from_utf8(unhex(data))
                .unwrap()
                .split("\r\n")
                .map(|l| {
                    if l.starts_with("Date: ") {
                        "Date: <masked>"
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\r\n"),
            None => line.clone(),
        })
        .collect()
}

#[test]
fn dialogue_is_byte_identical_to_smtplib() {
    let _reports = Reports::capture();
    let to = ["ops@example.com", "dev@example.com"];
    let message = "first\n.starts with a dot\nÜnïcödé\n.";
    // ESMTP with SIZE and AUTH, credentials given.
    let esmtp = [
        "220 script.test ESMTP",
        "250-script.test|250-SIZE 100000|250-8BITMIME|250 AUTH LOGIN PLAIN",
        "235 2.7.0 Authentication successful",
        "250 OK",
        "250 OK",
        "250 OK",
        "354 End data with <CR><LF>.<CR><LF>",
        "250 queued",
        "221 bye",
    ];
    // EHLO refused: HELO, and no SIZE parameter.
    let helo = [
        "220 script.test",
        "500 what is ehlo",
        "250 script.test",
        "250 OK",
        "250 OK",
        "250 OK",
        "354 go ahead",
        "250 queued",
        "221 bye",
    ];
    // CRAM-MD5 first (smtplib's preference), refused; then PLAIN.
    let cram = [
        "220 script.test ESMTP",
        "250-script.test|250 AUTH LOGIN PLAIN CRAM-MD5",
        "334 PDQxODkuNjk2MzE2NDI0QGhvc3Q+",
        "535 5.7.8 no",
        "235 2.7.0 Authentication successful",
        "250 OK",
        "250 OK",
        "250 OK",
        "354 go ahead",
        "250 queued",
        "221 bye",
    ];
    let cases = [
        (&esmtp[..], Some(("logger", "s3cret"))),
        (&helo[..], None),
        (&cram[..], Some(("logger", "s3cret"))),
    ];
    for (replies, creds) in cases {
        let mut server = Server::start("silent_server.py", replies);
        let options = match creds {
            Some((u, p)) => credentials(u, p),
            None => SmtpOptions::default(),
        };
        let h = handler(server.port, "log@example.com", &to, "Grüße", options);
        h.handle(&mut record(message));
        let ours = dialogue(&mut server);
        let args = vec![
            server.port.to_string(),
            case("log@example.com", &to, "Grüße", message, creds),
        ];
        assert_eq!(reference("smtp_reference.py", &args), ["SENT"]);
        let theirs = dialogue(&mut server);
        assert_eq!(ours, theirs);
        assert!(ours[0].starts_with("ehlo "), "{ours:?}");
        if replies == cram {
            // The HMAC-MD5 answer smtplib sends, and PLAIN after the 535.
            assert_eq!(ours[1], "AUTH CRAM-MD5\r\n");
            assert!(ours[2].starts_with("bG9nZ2VyI"), "{ours:?}");
            assert!(ours[3].starts_with("AUTH PLAIN "), "{ours:?}");
        } else if creds.is_some() {
            assert!(ours[1].starts_with("AUTH PLAIN "), "{ours:?}");
            assert!(
                ours[2].starts_with("mail FROM:<log@example.com> size="),
                "{ours:?}"
            );
        } else {
            assert!(ours[1].starts_with("helo "), "{ours:?}");
            assert_eq!(ours[2], "mail FROM:<log@example.com>\r\n");
        }
        assert!(
            ours.iter().any(|l| l.ends_with(
                "\r\nERROR:mail.test:first\r\n..starts with a dot\r\nÜnïcödé\r\n..\r\n.\r\n"
            )),
            "{ours:?}"
        );
        assert_eq!(ours[ours.len() - 2], "quit\r\n");
    }
    assert_eq!(_reports.take(), "");
}

#[test]
fn international_addresses_as_smtplib_sends_them() {
    let reports = Reports::capture();
    let from = "Jürgen Groß <jürgen@exämple.com>";
    let to = [
        "ö@x.de",
        "Ünïcode Nämé With A Long Display Name <u@y.de>",
        "plain@example.com",
    ];
    let subject = "Grüße ".repeat(15);
    let message = "Ünïcödé\n.dot";
    let utf8 = [
        "220 script.test ESMTP",
        "250-script.test|250-SIZE 100000|250-SMTPUTF8|250 8BITMIME",
        "250 OK",
        "250 OK",
        "250 OK",
        "250 OK",
        "354 go ahead",
        "250 queued",
        "221 bye",
    ];
    let mut server = Server::start("silent_server.py", &utf8);
    let h = handler(server.port, from, &to, &subject, SmtpOptions::default());
    h.handle(&mut record(message));
    let ours = dialogue(&mut server);
    let args = vec![
        server.port.to_string(),
        case(from, &to, &subject, message, None),
    ];
    assert_eq!(reference("smtp_reference.py", &args), ["SENT"]);
    assert_eq!(ours, dialogue(&mut server));
    assert!(
        ours[1].starts_with("mail FROM:<jürgen@exämple.com> size="),
        "{ours:?}"
    );
    assert!(ours[1].ends_with(" SMTPUTF8 BODY=8BITMIME\r\n"), "{ours:?}");
    assert!(
        ours.iter().any(|l| l.contains("\r\nSubject: Grüße Grüße")),
        "{ours:?}"
    );
    assert_eq!(reports.take(), "");

    // A server without SMTPUTF8: CPython's refusal, before MAIL.
    let plain = [
        "220 script.test ESMTP",
        "250-script.test|250 SIZE 100000",
        "221 bye",
    ];
    let server = Server::start("silent_server.py", &plain);
    let h = handler(server.port, from, &to, &subject, SmtpOptions::default());
    h.handle(&mut record(message));
    let report = reports.take();
    let theirs = reference(
        "smtp_reference.py",
        &[
            server.port.to_string(),
            case(from, &to, &subject, message, None),
        ],
    );
    assert_eq!(theirs, [format!("ERROR {}", exception_line(&report))]);
    assert!(
        exception_line(&report).starts_with("SMTPNotSupportedError: One or more"),
        "{report}"
    );
}
