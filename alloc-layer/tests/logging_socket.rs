//! `SocketHandler` and `DatagramHandler` against CPython's own receivers
//! (tests/servers/log_receiver.py: the logging cookbook's socketserver
//! receiver, `pickle.loads` + `logging.makeLogRecord` + a handler), and
//! against CPython's handlers making the same calls
//! (tests/servers/cpython_client.py): the receiver's view of each record
//! (formatted line, keys in order, value types, every value that does
//! not depend on time, thread, process or source position) must be the
//! same, and re-pickling what it received with `pickle.dumps(d, 1)` must
//! give back Strata's bytes exactly.
//!
//! Then the failures: a refusing port, a server stopped mid-run and
//! restarted, a server that accepts and never reads. Each logging call
//! must return within the socket timeout plus slack. As in CPython,
//! `SocketHandler` drops a record it cannot send without a report
//! (CPython's `send` swallows the `OSError` and the backoff decides when
//! to reconnect), while `DatagramHandler`'s send errors and any handler's
//! formatting errors go through `handleError`.

#[path = "servers/common.rs"]
mod common;

use common::{
    CALLS, ErrorCapture, TempDir, calls, cpython_client, free_port, receiver, wait_lines,
    with_handler, within,
};
use std::sync::Arc;
use std::time::Duration;
use strata_alloc::logging::handlers::{DatagramHandler, SocketHandler};
use strata_alloc::logging::{Handler, Logger};

/// Strata's records as the receiver saw them, against CPython's.
fn compare(strata: &[String], cpython: &[String]) {
    assert_eq!(strata.len(), CALLS, "Strata's records: {strata:#?}");
    assert_eq!(cpython.len(), CALLS, "CPython's records: {cpython:#?}");
    for (s, c) in strata.iter().zip(cpython) {
        let (s_flag, s_record) = s.split_once('\t').unwrap();
        let (c_flag, c_record) = c.split_once('\t').unwrap();
        assert_eq!(c_flag, "repickle-ok", "the check itself: {c}");
        assert_eq!(
            s_flag, "repickle-ok",
            "Strata's pickle is not CPython's: {s}"
        );
        assert_eq!(s_record, c_record);
    }
}

/// Where a receiver of `kind` listens (`0`: a free port) and the handler's
/// `(host, port)` for it.
fn address(kind: &str, dir: &TempDir, tag: &str) -> String {
    match kind {
        "tcp" | "udp" => String::from("0"),
        _ => dir.path(&format!("{tag}.sock")),
    }
}

fn host_port(kind: &str, ready: &str) -> (String, Option<u16>) {
    match kind {
        "tcp" | "udp" => (String::from("127.0.0.1"), Some(ready.parse().unwrap())),
        _ => (String::from(ready), None),
    }
}

#[test]
fn socket_handler_records_match_cpython() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("socket");
    for kind in ["tcp", "unix"] {
        let out = dir.path(&format!("{kind}-strata.txt"));
        let rx = receiver(&[kind, &address(kind, &dir, "s"), &out]);
        let (host, port) = host_port(kind, &rx.ready);
        let handler = SocketHandler::new(&host, port);
        with_handler(handler.clone(), |log| calls(log, true));
        handler.close();
        let strata = wait_lines(&out, CALLS, 10);

        let cout = dir.path(&format!("{kind}-cpython.txt"));
        let crx = receiver(&[kind, &address(kind, &dir, "c"), &cout]);
        cpython_client(&["socket", kind, &crx.ready]);
        compare(&strata, &wait_lines(&cout, CALLS, 10));
    }
    assert_eq!(cap.captured.take(), "");
}

#[test]
fn datagram_handler_records_match_cpython() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("datagram");
    for kind in ["udp", "unixdgram"] {
        let out = dir.path(&format!("{kind}-strata.txt"));
        let rx = receiver(&[kind, &address(kind, &dir, "s"), &out]);
        let (host, port) = host_port(kind, &rx.ready);
        let handler = DatagramHandler::new(&host, port);
        with_handler(handler.clone(), |log| calls(log, true));
        handler.close();
        let strata = wait_lines(&out, CALLS, 10);

        let cout = dir.path(&format!("{kind}-cpython.txt"));
        let crx = receiver(&[kind, &address(kind, &dir, "c"), &cout]);
        cpython_client(&["datagram", kind, &crx.ready]);
        compare(&strata, &wait_lines(&cout, CALLS, 10));
    }
    assert_eq!(cap.captured.take(), "");
}

/// The liveness bound: the socket timeout (1 s) × 3 + 1 s.
const BOUND: Duration = Duration::from_secs(4);

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

fn sleep_until(t: f64) {
    let left = t - now();
    if left > 0.0 {
        std::thread::sleep(Duration::from_secs_f64(left + 0.02));
    }
}

#[test]
fn socket_handler_backs_off_from_a_refusing_port_then_reconnects() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("refused");
    let port = free_port();
    let handler = SocketHandler::new("127.0.0.1", Some(port));
    assert_eq!(handler.retry_params(), (1.0, 2.0, 30.0));
    assert_eq!(handler.timeout(), 1.0);
    handler.set_retry_params(0.3, 2.0, 1.0);
    with_handler(handler.clone(), |log| {
        let t0 = now();
        within(BOUND, "a refused call", || {
            strata_alloc::info!(log, "lost 1")
        });
        assert!(!handler.has_socket());
        let r1 = handler.retry_time().expect("a retry time after a failure");
        assert!(r1 >= t0 + 0.3 && r1 <= now() + 0.3, "retry in retryStart");

        // Not yet time: no attempt, the retry time stays.
        within(BOUND, "a skipped call", || {
            strata_alloc::info!(log, "lost 2")
        });
        assert_eq!(handler.retry_time(), Some(r1));

        sleep_until(r1);
        let t1 = now();
        strata_alloc::info!(log, "lost 3");
        let r2 = handler.retry_time().unwrap();
        assert!(
            r2 >= t1 + 0.6 && r2 <= now() + 0.6,
            "retryStart × retryFactor"
        );

        sleep_until(r2);
        let t2 = now();
        strata_alloc::info!(log, "lost 4");
        let r3 = handler.retry_time().unwrap();
        assert!(r3 >= t2 + 1.0 && r3 <= now() + 1.0, "capped at retryMax");

        let out = dir.path("out.txt");
        let _rx = receiver(&["tcp", &port.to_string(), &out]);
        sleep_until(r3);
        strata_alloc::info!(log, "delivered after the backoff");
        assert!(handler.has_socket());
        assert_eq!(handler.retry_time(), None);
        let lines = wait_lines(&out, 1, 10);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains("delivered after the backoff"),
            "{lines:?}"
        );
    });
    handler.close();
    // CPython's SocketHandler drops what it cannot send without a report.
    assert_eq!(cap.captured.take(), "");
}

#[test]
fn socket_handler_survives_its_server_stopping_and_reconnects() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("stopped");
    let out = dir.path("out.txt");
    let mut rx = receiver(&["tcp", "0", &out]);
    let port = rx.port();
    let handler = SocketHandler::new("127.0.0.1", Some(port));
    handler.set_retry_params(0.2, 2.0, 0.4);
    with_handler(handler.clone(), |log| {
        strata_alloc::info!(log, "before the stop");
        assert_eq!(wait_lines(&out, 1, 10).len(), 1);
        rx.stop();
        for i in 0..4 {
            within(BOUND, "a call with the server gone", || {
                strata_alloc::info!(log, "while down %d", i)
            });
        }
        assert!(!handler.has_socket());
        assert!(handler.retry_time().is_some());

        let _rx = receiver(&["tcp", &port.to_string(), &out]);
        std::thread::sleep(Duration::from_millis(500));
        strata_alloc::info!(log, "after the restart");
        assert!(handler.has_socket());
        let lines = wait_lines(&out, 2, 10);
        assert!(lines[0].contains("before the stop"), "{lines:?}");
        assert!(
            lines.last().unwrap().contains("after the restart"),
            "{lines:?}"
        );
    });
    handler.close();
    assert_eq!(cap.captured.take(), "");
}

#[test]
fn socket_handler_times_out_on_a_server_that_never_reads() {
    let cap = ErrorCapture::new();
    let rx = receiver(&["stall", "0"]);
    let handler = SocketHandler::new("127.0.0.1", Some(rx.port()));
    let big = "x".repeat(8 << 20);
    let mut longest = Duration::ZERO;
    with_handler(handler.clone(), |log| {
        for _ in 0..3 {
            let start = std::time::Instant::now();
            within(BOUND, "a call to a stalled server", || {
                strata_alloc::info!(log, "%s", big.clone())
            });
            longest = longest.max(start.elapsed());
            // The send timed out: the socket is dropped for the next call.
            assert!(!handler.has_socket());
        }
    });
    handler.close();
    assert!(
        longest >= Duration::from_millis(900),
        "the sends never waited for the timeout ({longest:?}): the server read them?"
    );
    assert_eq!(cap.captured.take(), "");
}

#[test]
fn socket_handler_errors_go_through_handle_error() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("errors");
    let out = dir.path("out.txt");
    let rx = receiver(&["tcp", "0", &out]);
    let handler = SocketHandler::new("127.0.0.1", Some(rx.port()));
    with_handler(handler.clone(), |log| {
        strata_alloc::info!(log, "%d items", "x");
        let report = cap.captured.take();
        assert!(
            report.starts_with(
                "--- Logging error ---\nTypeError: %d format: a real number is required, not str\n"
            ),
            "{report}"
        );
        assert!(
            report.contains("Message: '%d items'\nArguments: ('x',)\n"),
            "{report}"
        );

        // closeOnError: the socket closes instead of a report.
        handler.set_close_on_error(true);
        strata_alloc::info!(log, "connected");
        assert!(handler.has_socket());
        strata_alloc::info!(log, "%d items", "x");
        assert!(!handler.has_socket());
        assert_eq!(cap.captured.take(), "");
        strata_alloc::info!(log, "reconnected");
        assert!(handler.has_socket());
    });
    handler.close();
    let lines = wait_lines(&out, 2, 10);
    // Two connections, served by two threads: in either order.
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("|connected|")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("|reconnected|")),
        "{lines:?}"
    );
}

/// Runs `f` with a `DatagramHandler` to `(host, port)`.
fn datagram(host: &str, port: Option<u16>, f: impl FnOnce(&Logger, &Arc<DatagramHandler>)) {
    let handler = DatagramHandler::new(host, port);
    with_handler(handler.clone(), |log| f(log, &handler));
    handler.close();
}

#[test]
fn datagram_handler_failures_go_through_handle_error() {
    let cap = ErrorCapture::new();
    let dir = TempDir::new("dgram-fail");

    // No socket at the path.
    datagram(&dir.path("missing.sock"), None, |log, _| {
        within(BOUND, "a send to no socket", || {
            strata_alloc::info!(log, "lost")
        });
    });
    let report = cap.captured.take();
    assert!(
        report.starts_with(
            "--- Logging error ---\nFileNotFoundError: [Errno 2] No such file or directory\n"
        ),
        "{report}"
    );

    // The unix receiver stopped mid-run.
    let out = dir.path("unix.txt");
    let mut rx = receiver(&["unixdgram", &dir.path("rx.sock"), &out]);
    datagram(&rx.ready.clone(), None, |log, _| {
        strata_alloc::info!(log, "before the stop");
        assert_eq!(wait_lines(&out, 1, 10).len(), 1);
        rx.stop();
        within(BOUND, "a send to a stopped server", || {
            strata_alloc::info!(log, "after the stop")
        });
    });
    let report = cap.captured.take();
    assert!(
        report.starts_with(
            "--- Logging error ---\nConnectionRefusedError: [Errno 111] Connection refused\n"
        ),
        "{report}"
    );

    // A unix receiver that never reads: its queue fills, the send times out.
    let stall = receiver(&["stalldgram", &dir.path("stall.sock")]);
    let record = "y".repeat(16 << 10);
    datagram(&stall.ready, None, |log, _| {
        for _ in 0..2000 {
            within(BOUND, "a send to a full queue", || {
                strata_alloc::info!(log, "%s", record.clone())
            });
            if !cap.captured.0.lock().unwrap().is_empty() {
                break;
            }
        }
    });
    let report = cap.captured.take();
    assert!(
        report.starts_with("--- Logging error ---\nTimeoutError: timed out\n"),
        "{report}"
    );

    // UDP to a stopped receiver: the datagram is lost without an error
    // (an unconnected socket hears no ICMP), as in CPython.
    let out = dir.path("udp.txt");
    let mut rx = receiver(&["udp", "0", &out]);
    datagram("127.0.0.1", Some(rx.port()), |log, handler| {
        strata_alloc::info!(log, "before the stop");
        assert_eq!(wait_lines(&out, 1, 10).len(), 1);
        rx.stop();
        within(BOUND, "a UDP send to a stopped server", || {
            strata_alloc::info!(log, "after the stop")
        });
        assert!(handler.has_socket());
    });
    assert_eq!(cap.captured.take(), "");
}
