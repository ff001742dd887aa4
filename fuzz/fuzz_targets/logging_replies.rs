//! What SMTPHandler and HTTPHandler read from a server (SMTP replies, an
//! HTTP status line and headers) on arbitrary bytes: a loopback server
//! sends the input and hangs up; the handler's record goes through and
//! any failure is an error for handleError, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use strata_alloc::logging::handlers::{HTTPHandler, HttpOptions, SMTPHandler, SmtpOptions};
use strata_alloc::logging::{self, HandlerRef, LogRecord};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, reply)) = data.split_first() else {
        return;
    };
    logging::set_raise_exceptions(false);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let reply = reply.to_vec();
    let server = std::thread::spawn(move || {
        if let Ok((mut conn, _)) = listener.accept() {
            let _ = conn.write_all(&reply);
            let _ = conn.shutdown(std::net::Shutdown::Write);
            // Read what the client sends until it hangs up.
            let _ = conn.set_read_timeout(Some(std::time::Duration::from_secs(2)));
            let mut sink = [0u8; 4096];
            while matches!(conn.read(&mut sink), Ok(n) if n > 0) {}
        }
    });
    let handler: HandlerRef = if selector % 2 == 0 {
        let options = SmtpOptions {
            credentials: (selector & 2 != 0).then(|| ("user".into(), "secret".into())),
            timeout: Some(1.0),
            ..SmtpOptions::default()
        };
        let h: Arc<SMTPHandler> =
            SMTPHandler::new("127.0.0.1", Some(port), "a@b.c", &["d@e.f"], "s", options).unwrap();
        h
    } else {
        let options = HttpOptions {
            timeout: Some(1.0),
            ..HttpOptions::default()
        };
        let method = if selector & 2 != 0 { "POST" } else { "GET" };
        let h: Arc<HTTPHandler> =
            HTTPHandler::new(&format!("127.0.0.1:{port}"), "/log", method, options).unwrap();
        h
    };
    let mut record = LogRecord::make("fuzz", logging::ERROR, "fuzzed reply");
    handler.handle(&mut record);
    handler.close();
    let _ = server.join();
});
