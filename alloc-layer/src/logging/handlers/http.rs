//! `logging.handlers.HTTPHandler`: each record sent to a web server as
//! form data, over an HTTP/1.1 client that writes what CPython 3.11's
//! `http.client.HTTPConnection` writes for it, byte for byte.
//!
//! The request: `GET url?data` (or `&data` when `url` has a `?`) or
//! `POST url` with the data as the body; the headers `Host` (with the
//! port unless it is 80), `Accept-Encoding: identity`, for `POST`
//! `Content-type: application/x-www-form-urlencoded` and
//! `Content-length`, and `Authorization: Basic …` with credentials, in
//! that order and with those capitals. The data is
//! `urllib.parse.urlencode(record.__dict__)`: the attributes in the order
//! CPython 3.11's `LogRecord.__init__` sets them, then the `extra`
//! fields, then `message` once a formatter has made it, each value as
//! `str()` shows it, `quote_plus`-encoded. The status line and headers of
//! the response are read (CPython's `getresponse()`), its status is not
//! looked at, and the connection is closed.
//!
//! What differs from CPython, and why:
//! - No HTTPS (Strata has no TLS stack): `secure=True` is refused when the
//!   handler is made.
//! - A timeout: CPython's connection has none and can hang a program on a
//!   server that never answers; here [`HttpOptions::timeout`] bounds the
//!   connection and each read and write (5 s unless set; `None` is
//!   CPython's wait forever).
//! - `exc_info` is sent as the error's text (CPython sends the repr of the
//!   exception tuple, with addresses), and `asctime`, which CPython's
//!   formatters leave in the record, is not a record attribute here.
//! - `Host` names are ASCII (no IDNA encoding).
//!
//! # References
//! - [RFC 9112](https://www.rfc-editor.org/rfc/rfc9112) (HTTP/1.1),
//!   [RFC 7617](https://www.rfc-editor.org/rfc/rfc7617) (Basic),
//!   the WHATWG URL standard's `application/x-www-form-urlencoded`

use super::smtp::{ascii, base64, create_connection};
use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Arg, Error, LogRecord, NOTSET};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Write;

/// `http.client.HTTP_PORT`.
pub const HTTP_PORT: u16 = 80;

/// `http.client._MAXLINE`.
const MAX_LINE: usize = 65536;

/// `http.client._MAXHEADERS`.
const MAX_HEADERS: usize = 100;

/// `mapLogRecord(record)` overridden: the fields to send, in order.
pub type MapFn = Box<dyn Fn(&LogRecord) -> Vec<(String, Arg)> + Send + Sync>;

/// The request method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`: the data in the query string.
    Get,
    /// `POST`: the data as the body.
    Post,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// The keyword arguments of `HTTPHandler(host, url, method, ...)`, and
/// the timeout Strata adds.
pub struct HttpOptions {
    /// `secure`: HTTPS. Refused (no TLS in Strata).
    pub secure: bool,
    /// `credentials`: `(user, password)` for `Authorization: Basic`.
    pub credentials: Option<(String, String)>,
    /// Seconds the connection and each read and write may take; `Some(5.0)`
    /// unless set (`None`: wait forever, as CPython).
    pub timeout: Option<f64>,
    /// `mapLogRecord(record)`: `None` sends the record's `__dict__`.
    pub map_log_record: Option<MapFn>,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            secure: false,
            credentials: None,
            timeout: Some(5.0),
            map_log_record: None,
        }
    }
}

/// `logging.handlers.HTTPHandler`: sends each record to a web server,
/// over a TCP connection made for it.
///
/// # References
/// - [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html),
///   [RFC 9112](https://www.rfc-editor.org/rfc/rfc9112)
pub struct HTTPHandler {
    base: HandlerBase,
    host: String,
    url: String,
    method: Method,
    credentials: Option<(String, String)>,
    timeout: Option<f64>,
    map_log_record: Option<MapFn>,
}

impl HTTPHandler {
    /// `HTTPHandler(host, url, method, secure, credentials)`: `host` is
    /// `name` or `name:port` (`[v6]:port` for IPv6), `method` `GET` or
    /// `POST` in any case.
    ///
    /// `ValueError` for another method (`method must be GET or POST`),
    /// for `secure` (no TLS in Strata) and for a negative or NaN timeout.
    pub fn new(
        host: &str,
        url: &str,
        method: &str,
        options: HttpOptions,
    ) -> Result<Arc<HTTPHandler>, Error> {
        let method = match method.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            _ => return Err(Error::value("method must be GET or POST")),
        };
        if options.secure {
            return Err(Error::value(
                "HTTPHandler: secure (HTTPS) is not supported: Strata has no TLS",
            ));
        }
        if options.timeout.is_some_and(|t| t.is_nan() || t < 0.0) {
            return Err(Error::value("Timeout value must be non-negative"));
        }
        Ok(register(HTTPHandler {
            base: HandlerBase::new(NOTSET),
            host: String::from(host),
            url: String::from(url),
            method,
            credentials: options.credentials,
            timeout: options.timeout,
            map_log_record: options.map_log_record,
        }))
    }

    /// `mapLogRecord(record)`.
    pub fn map_log_record(&self, record: &LogRecord) -> Vec<(String, Arg)> {
        match &self.map_log_record {
            Some(f) => f(record),
            None => record.dict(),
        }
    }

    /// The request `emit` sends for `record`: the head (request line and
    /// headers) and the body (empty for `GET`).
    pub fn request(&self, record: &LogRecord) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let (host, port) = split_host_port(&self.host)?;
        self.build_request(record, &host, port)
    }

    fn build_request(
        &self,
        record: &LogRecord,
        host: &str,
        port: u16,
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let data = urlencode(&self.map_log_record(record));
        let mut url = self.url.clone();
        if self.method == Method::Get {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&data);
        }
        if url.is_empty() {
            url.push('/');
        }
        if let Some(c) = url.chars().find(|&c| c <= ' ' || c == '\x7f') {
            let mut text = String::from("URL can't contain control characters. ");
            crate::pyfmt::text::repr_str(&url, &mut text);
            text.push_str(" (found at least ");
            crate::pyfmt::text::repr_str(c.encode_utf8(&mut [0; 4]), &mut text);
            text.push(')');
            return Err(Error::Exception {
                class: "InvalidURL",
                message: text,
            });
        }
        let mut head = format!("{} {url} HTTP/1.1", self.method.as_str());
        ascii(&head)?;
        head.push_str("\r\n");
        let host_header = match absolute_netloc(&url) {
            Some(netloc) => String::from(netloc),
            None => {
                let host = if host.contains(':') {
                    format!("[{host}]")
                } else {
                    String::from(host)
                };
                if port == HTTP_PORT {
                    host
                } else {
                    format!("{host}:{port}")
                }
            }
        };
        let mut header = |name: &str, value: &str| -> Result<(), Error> {
            if value.contains(['\r', '\n']) {
                let mut text = String::from("Invalid header value ");
                let mut b = String::new();
                crate::pyfmt::text::repr_str(value, &mut b);
                let _ = write!(text, "b{b}");
                return Err(Error::value(text));
            }
            let _ = write!(head, "{name}: {value}\r\n");
            Ok(())
        };
        header("Host", &host_header)?;
        header("Accept-Encoding", "identity")?;
        if self.method == Method::Post {
            header("Content-type", "application/x-www-form-urlencoded")?;
            header("Content-length", &format!("{}", data.len()))?;
        }
        if let Some((user, password)) = &self.credentials {
            let token = base64(format!("{user}:{password}").as_bytes());
            header("Authorization", &format!("Basic {token}"))?;
        }
        head.push_str("\r\n");
        let body = match self.method {
            Method::Post => data.into_bytes(),
            Method::Get => Vec::new(),
        };
        Ok((head.into_bytes(), body))
    }
}

impl Handler for HTTPHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let (host, port) = split_host_port(&self.host)?;
        let (head, body) = self.build_request(record, &host, port)?;
        // http.client connects when the headers are sent.
        let sock = create_connection(&host, port, self.timeout)?;
        sock.send_all(&head)?;
        if !body.is_empty() {
            sock.send_all(&body)?;
        }
        read_response_head(&sock)
    }
}

/// `HTTPConnection._get_hostport(host, None)`.
fn split_host_port(host: &str) -> Result<(String, u16), Error> {
    let mut name = host;
    let mut port = HTTP_PORT;
    let colon = host.rfind(':');
    let bracket = host.rfind(']');
    if let Some(i) = colon
        && bracket.is_none_or(|j| i > j)
    {
        let text = &host[i + 1..];
        if !text.is_empty() {
            let digits = text.trim_start_matches('+');
            port = match digits.parse::<u32>() {
                Ok(p) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                    u16::try_from(p).map_err(|_| Error::Exception {
                        class: "OverflowError",
                        message: String::from("connect(): port must be 0-65535."),
                    })?
                }
                _ => {
                    let mut message = String::from("nonnumeric port: ");
                    crate::pyfmt::text::repr_str(text, &mut message);
                    return Err(Error::Exception {
                        class: "InvalidURL",
                        message,
                    });
                }
            };
        }
        name = &host[..i];
    }
    if name.len() >= 2 && name.starts_with('[') && name.ends_with(']') {
        name = &name[1..name.len() - 1];
    }
    Ok((String::from(name), port))
}

/// `urlsplit(url).netloc` when `url` starts with `http` and has one.
fn absolute_netloc(url: &str) -> Option<&str> {
    if !url.starts_with("http") {
        return None;
    }
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    if !scheme
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let rest = url[colon + 1..].strip_prefix("//")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|n| !n.is_empty())
}

/// `getresponse()`'s `begin()`: the status line (again after `100
/// Continue`) and the headers, the body left unread.
fn read_response_head(sock: &strata_core::net::Socket) -> Result<(), Error> {
    let mut reader = LineReader {
        sock,
        buf: Vec::new(),
    };
    loop {
        let line = reader.readline(MAX_LINE + 1)?;
        if line.len() > MAX_LINE {
            return Err(Error::Exception {
                class: "LineTooLong",
                message: String::from("got more than 65536 bytes when reading status line"),
            });
        }
        if line.is_empty() {
            return Err(Error::Exception {
                class: "RemoteDisconnected",
                message: String::from("Remote end closed connection without response"),
            });
        }
        let text: String = line.iter().map(|&b| char::from(b)).collect();
        let mut parts = text.split_whitespace();
        let version = parts.next().unwrap_or("");
        let bad = || Error::Exception {
            class: "BadStatusLine",
            message: text.clone(),
        };
        if !version.starts_with("HTTP/") {
            return Err(bad());
        }
        let status = parts
            .next()
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|s| (100..=999).contains(s))
            .ok_or_else(bad)?;
        let headers = read_headers(&mut reader)?;
        if status == 100 {
            continue;
        }
        if version != "HTTP/1.0" && version != "HTTP/0.9" && !version.starts_with("HTTP/1.") {
            return Err(Error::Exception {
                class: "UnknownProtocol",
                message: {
                    let mut m = String::new();
                    crate::pyfmt::text::repr_str(version, &mut m);
                    m
                },
            });
        }
        let _ = headers;
        return Ok(());
    }
}

/// `http.client._read_headers`: the header lines up to the blank one.
fn read_headers(reader: &mut LineReader<'_>) -> Result<usize, Error> {
    let mut count = 0;
    loop {
        let line = reader.readline(MAX_LINE + 1)?;
        if line.len() > MAX_LINE {
            return Err(Error::Exception {
                class: "LineTooLong",
                message: String::from("got more than 65536 bytes when reading header line"),
            });
        }
        count += 1;
        if count > MAX_HEADERS {
            return Err(Error::Exception {
                class: "HTTPException",
                message: String::from("got more than 100 headers"),
            });
        }
        if line == b"\r\n" || line == b"\n" || line.is_empty() {
            return Ok(count - 1);
        }
    }
}

/// Lines read off a socket, as `sock.makefile('rb').readline(limit)`.
struct LineReader<'a> {
    sock: &'a strata_core::net::Socket,
    buf: Vec<u8>,
}

impl LineReader<'_> {
    fn readline(&mut self, limit: usize) -> Result<Vec<u8>, Error> {
        loop {
            if let Some(i) = self.buf.iter().take(limit).position(|&b| b == b'\n') {
                return Ok(self.buf.drain(..=i).collect());
            }
            if self.buf.len() >= limit {
                return Ok(self.buf.drain(..limit).collect());
            }
            let mut chunk = [0u8; 4096];
            let n = self.sock.recv(&mut chunk)?;
            if n == 0 {
                return Ok(core::mem::take(&mut self.buf));
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// `urllib.parse.quote_plus(text)`: letters, digits and `_.-~` kept,
/// space as `+`, every other byte of the UTF-8 as `%XX`.
pub fn quote_plus(text: &str, out: &mut String) {
    for &b in text.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// `urllib.parse.urlencode(pairs)`: `key=value` joined by `&`, each
/// `str()`'d and [`quote_plus`]-encoded.
pub fn urlencode(pairs: &[(String, Arg)]) -> String {
    let mut out = String::new();
    let mut value = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_plus(k, &mut out);
        out.push('=');
        value.clear();
        v.write_str(&mut value);
        quote_plus(&value, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port_as_http_client_splits_them() {
        assert_eq!(
            split_host_port("example.com").unwrap(),
            (String::from("example.com"), 80)
        );
        assert_eq!(
            split_host_port("h:8080").unwrap(),
            (String::from("h"), 8080)
        );
        assert_eq!(
            split_host_port("[::1]:81").unwrap(),
            (String::from("::1"), 81)
        );
        assert_eq!(split_host_port("[::1]").unwrap(), (String::from("::1"), 80));
        assert_eq!(split_host_port("h:").unwrap(), (String::from("h"), 80));
        let e = split_host_port("h:x").unwrap_err();
        assert_eq!(e.python_class(), "InvalidURL");
        assert_eq!(alloc::format!("{e}"), "nonnumeric port: 'x'");
    }

    #[test]
    fn quote_plus_as_urllib() {
        let mut s = String::new();
        quote_plus("a b&c=d/é~_.-", &mut s);
        assert_eq!(s, "a+b%26c%3Dd%2F%C3%A9~_.-");
    }

    #[test]
    fn netloc_of_absolute_urls() {
        assert_eq!(absolute_netloc("http://h:1/x?y"), Some("h:1"));
        assert_eq!(absolute_netloc("/log"), None);
        assert_eq!(absolute_netloc("httpx"), None);
    }
}
