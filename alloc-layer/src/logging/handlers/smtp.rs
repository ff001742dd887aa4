//! `logging.handlers.SMTPHandler`: one e-mail per record, built as
//! CPython 3.11's `email.message.EmailMessage` builds it and sent by an
//! SMTP client that says what `smtplib.SMTP` says, byte for byte.
//!
//! The message: `From`, `To` (the addresses joined by `,`; both folded
//! as CPython folds address lists), `Subject`
//! (RFC 2047 encoded words where it is not ASCII, folded at 78 columns as
//! `email.policy.default` folds an unstructured header), `Date`
//! (`email.utils.localtime()`), then what `set_content(str)` adds:
//! `Content-Type: text/plain; charset="utf-8"`,
//! `Content-Transfer-Encoding` chosen by its rules (`7bit`, `8bit`,
//! `quoted-printable` or `base64`) and `MIME-Version: 1.0`.
//!
//! The dialogue: the greeting, `ehlo` with the local FQDN (`helo` when
//! refused), `AUTH` when credentials are given (`CRAM-MD5`, `PLAIN`,
//! `LOGIN`: those the server offers, in `smtplib`'s order, the next after
//! a refusal), `mail FROM:<…>` (with `size=N` when the server advertises
//! `SIZE`), `rcpt TO:<…>` per recipient, `data` with dot-stuffing,
//! `quit`. Non-ASCII addresses take `send_message`'s international path:
//! headers in UTF-8 as they are, `SMTPUTF8 BODY=8BITMIME`. Every step
//! waits at most the handler's timeout; every failure is the `smtplib`
//! exception CPython raises (class and text) and goes to `handleError`.
//!
//! What differs from CPython, and why:
//! - No TLS (Strata has no TLS stack): `secure` with credentials, where
//!   CPython would `STARTTLS`, is refused when the handler is made.
//! - A non-ASCII display name on ASCII addresses, which CPython writes as
//!   encoded words inside the address list, is refused when the handler
//!   is made.
//! - `From` and `To` are folded as CPython folds them when each address
//!   is `local@domain` or `Display Name <local@domain>` (dot-atoms, a
//!   display name of atoms); with quoted strings, comments or groups
//!   they are written unfolded (the same bytes as CPython's while the
//!   header fits 78 columns). The envelope addresses are read back from
//!   them as `email.utils.getaddresses` reads simple lists: the text
//!   inside `<…>`, else the entry without comments.
//! - A `Subject` that itself contains RFC 2047 encoded words
//!   (`=?charset?q?…?=`) is sent as that text; CPython decodes such
//!   words when the header is set and encodes them again.
//!
//! # References
//! - [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321) (SMTP),
//!   [RFC 4954](https://www.rfc-editor.org/rfc/rfc4954) (AUTH),
//!   [RFC 2047](https://www.rfc-editor.org/rfc/rfc2047) (encoded words),
//!   [RFC 2045](https://www.rfc-editor.org/rfc/rfc2045) (MIME bodies)

use crate::logging::handler::{Handler, HandlerBase, register};
use crate::logging::{Error, LogRecord, NOTSET};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Write;
use strata_core::net::{self, Family, Kind, Socket};

/// `smtplib.SMTP_PORT`.
pub const SMTP_PORT: u16 = 25;

/// `email.policy.default.max_line_length`.
const MAX_LINE: usize = 78;

/// `smtplib._MAXLINE`: the longest reply line.
const MAX_REPLY_LINE: usize = 8192;

/// `smtplib._MAXCHALLENGE`.
const MAX_CHALLENGE: u32 = 5;

/// A subject made per record (`getSubject(record)` overridden).
pub type SubjectFn = Box<dyn Fn(&LogRecord) -> String + Send + Sync>;

/// The keyword arguments of `SMTPHandler(...)` after the four positional
/// ones.
pub struct SmtpOptions {
    /// `credentials`: `(username, password)` for `AUTH` (none when the
    /// username is empty, as in CPython).
    pub credentials: Option<(String, String)>,
    /// `secure`: the `starttls()` arguments. CPython uses it only with
    /// credentials; Strata refuses that combination (no TLS) and ignores
    /// it otherwise, as CPython does.
    pub secure: Option<Vec<String>>,
    /// `timeout` in seconds for the connection and every command
    /// (CPython's default 5.0; `None` waits forever).
    pub timeout: Option<f64>,
    /// `getSubject(record)`: `None` gives the fixed subject.
    pub get_subject: Option<SubjectFn>,
}

impl Default for SmtpOptions {
    fn default() -> Self {
        SmtpOptions {
            credentials: None,
            secure: None,
            timeout: Some(5.0),
            get_subject: None,
        }
    }
}

/// `logging.handlers.SMTPHandler`: sends each record as an e-mail, over
/// a TCP connection made for it.
///
/// # References
/// - [tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html),
///   [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321)
pub struct SMTPHandler {
    base: HandlerBase,
    mailhost: String,
    mailport: Option<u16>,
    fromaddr: String,
    toaddrs: Vec<String>,
    subject: String,
    credentials: Option<(String, String)>,
    timeout: Option<f64>,
    get_subject: Option<SubjectFn>,
}

impl SMTPHandler {
    /// `SMTPHandler(mailhost, fromaddr, toaddrs, subject, credentials,
    /// secure, timeout)`: `mailhost` with `port` is Python's
    /// `(host, port)` (port [`SMTP_PORT`] when `None` or 0).
    ///
    /// A `ValueError` when `secure` comes with credentials (no TLS in
    /// Strata), for a non-ASCII display name with ASCII addresses, or when a timeout is
    /// negative or NaN.
    pub fn new(
        mailhost: &str,
        port: Option<u16>,
        fromaddr: &str,
        toaddrs: &[&str],
        subject: &str,
        options: SmtpOptions,
    ) -> Result<Arc<SMTPHandler>, Error> {
        let credentials = options.credentials.filter(|(user, _)| !user.is_empty());
        if credentials.is_some() && options.secure.is_some() {
            return Err(Error::value(
                "SMTPHandler: secure (STARTTLS) is not supported: Strata has no TLS",
            ));
        }
        let international = envelope_addresses(fromaddr)
            .iter()
            .chain(&envelope_addresses(&toaddrs.join(",")))
            .any(|a| !a.is_ascii());
        let all_ascii = fromaddr.is_ascii() && toaddrs.iter().all(|a| a.is_ascii());
        if !international && !all_ascii {
            return Err(Error::value(
                "SMTPHandler: non-ASCII display names with ASCII addresses (encoded words) \
                 are not supported",
            ));
        }
        if options.timeout.is_some_and(|t| t.is_nan() || t < 0.0) {
            return Err(Error::value("Timeout value must be non-negative"));
        }
        Ok(register(SMTPHandler {
            base: HandlerBase::new(NOTSET),
            mailhost: String::from(mailhost),
            mailport: port,
            fromaddr: String::from(fromaddr),
            toaddrs: toaddrs.iter().map(|a| String::from(*a)).collect(),
            subject: String::from(subject),
            credentials,
            timeout: options.timeout,
            get_subject: options.get_subject,
        }))
    }

    /// `getSubject(record)`.
    pub fn get_subject(&self, record: &LogRecord) -> String {
        match &self.get_subject {
            Some(f) => f(record),
            None => self.subject.clone(),
        }
    }

    /// The message `emit` sends for `record`, as `EmailMessage.as_bytes`
    /// gives it with `\r\n` line ends, dated `now` (seconds since the
    /// epoch, shown in local time).
    ///
    /// Headers are written as `smtplib.send_message` flattens them: with
    /// the `utf8` policy (UTF-8 as it is, no encoded words) when an
    /// envelope address is not ASCII.
    pub fn message(&self, record: &mut LogRecord, now: i64) -> Result<Vec<u8>, Error> {
        let parts = self.compose(record, now)?;
        Ok(build_message(&parts, self.international()))
    }

    /// The envelope: the sender and the recipients, as `send_message`
    /// reads them from `From` and `To`.
    fn envelope(&self) -> (String, Vec<String>) {
        let from = envelope_addresses(&self.fromaddr)
            .into_iter()
            .next()
            .unwrap_or_default();
        (from, envelope_addresses(&self.toaddrs.join(",")))
    }

    /// Whether `send_message` goes international (`SMTPUTF8`): an
    /// envelope address is not ASCII.
    fn international(&self) -> bool {
        let (from, to) = self.envelope();
        !from.is_ascii() || !to.iter().all(|a| a.is_ascii())
    }

    /// The `EmailMessage`'s parts, made as `emit` makes them (the body
    /// formatted, the headers checked, the date taken).
    fn compose(&self, record: &mut LogRecord, now: i64) -> Result<Composed, Error> {
        let mut body = String::new();
        self.base.format(record, &mut body)?;
        let to = self.toaddrs.join(",");
        let subject = self.get_subject(record);
        // EmailMessage refuses these when the header is set.
        for value in [self.fromaddr.as_str(), &to, &subject] {
            if value.contains(['\r', '\n']) {
                return Err(Error::value(
                    "Header values may not contain linefeed or carriage return characters",
                ));
            }
        }
        Ok(Composed {
            from: self.fromaddr.clone(),
            to,
            subject,
            date: format_date(now)?,
            body,
        })
    }
}

/// What `emit` puts in the `EmailMessage`.
struct Composed {
    from: String,
    to: String,
    subject: String,
    date: String,
    body: String,
}

impl Handler for SMTPHandler {
    fn base(&self) -> &HandlerBase {
        &self.base
    }

    fn emit(&self, record: &mut LogRecord) -> Result<(), Error> {
        let port = self.mailport.filter(|&p| p != 0).unwrap_or(SMTP_PORT);
        let mut smtp = Smtp::connect(&self.mailhost, port, self.timeout)?;
        // datetime.now(): whole seconds shown (times before 1970 are not a concern).
        let now = strata_core::time::time() as i64;
        let parts = self.compose(record, now)?;
        if let Some((user, password)) = &self.credentials {
            smtp.login(user, password)?;
        }
        // send_message.
        smtp.ehlo_or_helo_if_needed()?;
        let (from, to) = self.envelope();
        let international = self.international();
        if international && smtp.extension("smtputf8").is_none() {
            return Err(smtp_error(
                "SMTPNotSupportedError",
                "One or more source or delivery addresses require internationalized email \
                 support, but the server does not advertise the required SMTPUTF8 capability",
            ));
        }
        let message = build_message(&parts, international);
        smtp.sendmail(&from, &to, &message, international)?;
        smtp.quit()
    }
}

// ---------------------------------------------------------------------
// The message.

/// `EmailMessage` with the four headers and `set_content(body)`, as
/// bytes with `\r\n` line ends; `utf8`: flattened with the policy's
/// `utf8=True`.
fn build_message(parts: &Composed, utf8: bool) -> Vec<u8> {
    let mut out = String::new();
    fold_addresses("From", &parts.from, utf8, &mut out);
    fold_addresses("To", &parts.to, utf8, &mut out);
    fold_unstructured("Subject", &parts.subject, utf8, &mut out);
    fold_unstructured("Date", &parts.date, utf8, &mut out);
    raw_header("Content-Type", "text/plain; charset=\"utf-8\"", &mut out);
    let (cte, payload) = encode_text(&parts.body);
    raw_header("Content-Transfer-Encoding", cte, &mut out);
    raw_header("MIME-Version", "1.0", &mut out);
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    // The generator writes every line of the payload with the linesep.
    for line in split_lines(&payload) {
        bytes.extend_from_slice(line);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes
}

fn raw_header(name: &str, value: &str, out: &mut String) {
    out.push_str(name);
    out.push_str(": ");
    out.push_str(value);
    out.push_str("\r\n");
}

/// `bytes.splitlines()`: lines split at `\n`, `\r\n` and `\r`, the ends
/// dropped.
fn split_lines(data: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\n' => {
                lines.push(&data[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&data[start..i]);
                if data.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < data.len() {
        lines.push(&data[start..]);
    }
    lines
}

/// `email.contentmanager._encode_text(string, 'utf-8', None, policy)`:
/// the transfer encoding and the payload (lines ending in `\n`).
fn encode_text(text: &str) -> (&'static str, Vec<u8>) {
    let lines = split_lines(text.as_bytes());
    let joined = |lines: &[&[u8]]| {
        let mut out = Vec::new();
        for line in lines {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        if lines.is_empty() {
            out.push(b'\n');
        }
        out
    };
    if lines.iter().all(|l| l.len() <= MAX_LINE) {
        // cte_type is '8bit': never anything but 7bit or 8bit here.
        let cte = if text.is_ascii() { "7bit" } else { "8bit" };
        return (cte, joined(&lines));
    }
    let sniff_lines = &lines[..lines.len().min(10)];
    let mut sniff: Vec<u8> = Vec::new();
    for line in sniff_lines {
        sniff.extend_from_slice(line);
        sniff.push(b'\n');
    }
    let sniff_qp = qp_body_encode(&sniff, MAX_LINE);
    // binascii.b2a_base64 adds one newline.
    let sniff_b64_len = sniff.len().div_ceil(3) * 4 + 1;
    if sniff_qp.len() > sniff_b64_len {
        let body = {
            let mut out = Vec::new();
            for line in &lines {
                out.extend_from_slice(line);
                out.push(b'\n');
            }
            out
        };
        let mut data = Vec::new();
        for chunk in body.chunks(MAX_LINE / 4 * 3) {
            data.extend_from_slice(base64(chunk).as_bytes());
            data.push(b'\n');
        }
        ("base64", data)
    } else if lines.len() <= 10 {
        ("quoted-printable", sniff_qp)
    } else {
        (
            "quoted-printable",
            qp_body_encode(&joined(&lines), MAX_LINE),
        )
    }
}

/// Whether quoted-printable body encoding leaves `b` as it is
/// (`email.quoprimime._QUOPRI_BODY_ENCODE_MAP`).
fn qp_body_safe(b: u8) -> bool {
    matches!(b, b'\t' | b'\r' | b'\n' | b' '..=b'~') && b != b'='
}

/// `email.quoprimime.body_encode(body.decode('latin-1'), maxlinelen)`.
fn qp_body_encode(body: &[u8], maxlinelen: usize) -> Vec<u8> {
    if body.is_empty() {
        return Vec::new();
    }
    let mut text = Vec::with_capacity(body.len());
    for &b in body {
        if qp_body_safe(b) {
            text.push(b);
        } else {
            text.extend_from_slice(format!("={b:02X}").as_bytes());
        }
    }
    let maxlinelen1 = maxlinelen - 1;
    let mut encoded: Vec<Vec<u8>> = Vec::new();
    for line in split_lines(&text) {
        let mut start = 0usize;
        let laststart = line.len() as isize - 1 - maxlinelen as isize;
        while start as isize <= laststart {
            let stop = start + maxlinelen1;
            if line[stop - 2] == b'=' {
                encoded.push(line[start..stop - 1].to_vec());
                start = stop - 2;
            } else if line[stop - 1] == b'=' {
                encoded.push(line[start..stop].to_vec());
                start = stop - 1;
            } else {
                let mut piece = line[start..stop].to_vec();
                piece.push(b'=');
                encoded.push(piece);
                start = stop;
            }
        }
        match line.last() {
            Some(&last @ (b' ' | b'\t')) => {
                let room = start as isize - laststart;
                let mut piece = line[start..line.len() - 1].to_vec();
                let quoted = format!("={last:02X}");
                if room >= 3 {
                    piece.extend_from_slice(quoted.as_bytes());
                } else if room == 2 {
                    piece.push(last);
                    piece.extend_from_slice(b"=\n");
                } else {
                    piece.extend_from_slice(b"=\n");
                    piece.extend_from_slice(quoted.as_bytes());
                }
                encoded.push(piece);
            }
            _ => encoded.push(line[start..].to_vec()),
        }
    }
    if matches!(text.last(), Some(b'\r' | b'\n')) {
        encoded.push(Vec::new());
    }
    encoded.join(&b'\n')
}

/// Base64 of `data`, with padding (`base64.b64encode`).
pub(crate) fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base64.decodebytes(data)`: invalid characters are skipped, as
/// `binascii.a2b_base64` skips them in non-strict mode.
fn unbase64(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in data {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// MD5 of `data` (RFC 1321), for `CRAM-MD5`.
fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // floor(abs(sin(i + 1)) * 2^32), RFC 1321's table T.
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for block in msg.chunks_exact(64) {
        let mut m = [0u32; 16];
        for (i, word) in block.chunks_exact(4).enumerate() {
            m[i] = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        }
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(K[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (i, word) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&word.to_le_bytes());
    }
    out
}

/// `hmac.HMAC(key, message, 'md5').digest()` (RFC 2104).
fn hmac_md5(key: &[u8], message: &[u8]) -> [u8; 16] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..16].copy_from_slice(&md5(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(message);
    let mut outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    outer.extend_from_slice(&md5(&inner));
    md5(&outer)
}

/// Which bytes RFC 2047's `q` encoding keeps (`email._encoded_words`).
fn q_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'-' | b'/')
}

/// `email._encoded_words.encode(text, 'utf-8')`: `q` unless `b` is more
/// than 4 characters shorter.
fn encoded_word(text: &str) -> String {
    let bytes = text.as_bytes();
    let qlen: usize = bytes
        .iter()
        .map(|&b| if q_safe(b) || b == b' ' { 1 } else { 3 })
        .sum();
    let blen = bytes.len().div_ceil(3) * 4;
    if qlen as isize - (blen as isize) < 5 {
        let mut out = String::from("=?utf-8?q?");
        for &b in bytes {
            if q_safe(b) {
                out.push(char::from(b));
            } else if b == b' ' {
                out.push('_');
            } else {
                let _ = write!(out, "={b:02X}");
            }
        }
        out.push_str("?=");
        out
    } else {
        format!("=?utf-8?b?{}?=", base64(bytes))
    }
}

/// `' '` or `'\t'` (`email._header_value_parser.WSP`).
fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Python's `str.isspace()` for one character: Unicode's White_Space
/// and the information separators `\x1c`-`\x1f`.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Characters of `s` (code points, as Python counts a `str`).
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The first `n` code points of `s`.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A node of `email._header_value_parser`'s parse tree, with the
/// attributes `_refold_parse_tree` looks at.
#[derive(Clone)]
enum Node {
    /// A `Terminal`: `fws` for a `WhiteSpaceTerminal`, `sep` for the
    /// `ListSeparator` (no encoded word, no syntactic break).
    Term { text: String, fws: bool, sep: bool },
    /// A `TokenList`. `ew`: its class's own `as_ew_allowed` (`None`: all
    /// of its parts allow it).
    List {
        parts: Vec<Node>,
        ew: Option<bool>,
        syntactic_break: bool,
    },
}

impl Node {
    fn term(text: &str) -> Node {
        Node::Term {
            text: String::from(text),
            fws: false,
            sep: false,
        }
    }

    /// `ListSeparator`.
    fn separator() -> Node {
        Node::Term {
            text: String::from(","),
            fws: false,
            sep: true,
        }
    }

    fn fws(text: &str) -> Node {
        Node::Term {
            text: String::from(text),
            fws: true,
            sep: false,
        }
    }

    fn list(parts: Vec<Node>) -> Node {
        Node::List {
            parts,
            ew: None,
            syntactic_break: true,
        }
    }

    /// A list whose class says `as_ew_allowed = False`.
    fn no_ew(parts: Vec<Node>) -> Node {
        Node::List {
            parts,
            ew: Some(false),
            syntactic_break: true,
        }
    }

    /// `str(node)`.
    fn text(&self, out: &mut String) {
        match self {
            Node::Term { text, .. } => out.push_str(text),
            Node::List { parts, .. } => parts.iter().for_each(|p| p.text(out)),
        }
    }

    fn startswith_fws(&self) -> bool {
        match self {
            Node::Term { fws, .. } => *fws,
            Node::List { parts, .. } => parts.first().is_some_and(Node::startswith_fws),
        }
    }

    fn as_ew_allowed(&self) -> bool {
        match self {
            Node::Term { sep, .. } => !sep,
            Node::List { parts, ew, .. } => {
                ew.unwrap_or_else(|| parts.iter().all(Node::as_ew_allowed))
            }
        }
    }

    fn syntactic_break(&self) -> bool {
        match self {
            Node::Term { sep, .. } => !sep,
            Node::List {
                syntactic_break, ..
            } => *syntactic_break,
        }
    }
}

/// One entry of `_refold_parse_tree`'s work list.
enum Item {
    Node(Node),
    /// `end_ew_not_allowed`: the end of a part that blocks encoded words.
    EndBlocked,
}

/// `Header([HeaderLabel(name, ':'), CFWSList(' ')?, *parse_tree])
/// .fold(policy=email.policy.default)` with `\r\n` line ends: CPython's
/// `_refold_parse_tree` for trees whose only non-ASCII text is in
/// terminals that allow encoded words (unstructured values) and whose
/// `TokenList`s are otherwise ASCII (the address lists here).
fn refold(name: &str, value: Vec<Node>, utf8: bool, out: &mut String) {
    let mut parts = alloc::vec![Node::no_ew(alloc::vec![Node::term(name), Node::term(":")])];
    if !value.is_empty() {
        parts.push(Node::list(alloc::vec![Node::fws(" ")]));
    }
    parts.extend(value);
    let mut queue: alloc::collections::VecDeque<Item> = parts.into_iter().map(Item::Node).collect();
    let mut lines: Vec<String> = alloc::vec![String::new()];
    let mut last_ew: Option<usize> = None;
    let mut blocked = 0u32;
    let mut want_encoding = false;
    while let Some(item) = queue.pop_front() {
        let part = match item {
            Item::EndBlocked => {
                blocked = blocked.saturating_sub(1);
                continue;
            }
            Item::Node(part) => part,
        };
        let mut tstr = String::new();
        part.text(&mut tstr);
        if !utf8 && !tstr.is_ascii() {
            want_encoding = true;
        }
        if want_encoding && blocked == 0 {
            if !part.as_ew_allowed() {
                last_ew = None;
            }
            match part {
                Node::List { parts, .. } => {
                    for p in parts.into_iter().rev() {
                        queue.push_front(Item::Node(p));
                    }
                }
                Node::Term { .. } => last_ew = Some(fold_as_ew(&tstr, &mut lines, last_ew)),
            }
            want_encoding = false;
            continue;
        }
        let room = MAX_LINE.saturating_sub(chars(lines.last().map_or("", |l| l)));
        if chars(&tstr) <= room {
            push(&mut lines, &tstr);
            continue;
        }
        if part.syntactic_break() && chars(&tstr) < MAX_LINE {
            let newline = steal_trailing_wsp(&mut lines);
            if !newline.is_empty() || part.startswith_fws() {
                lines.push(format!("{newline}{tstr}"));
                last_ew = None;
                continue;
            }
        }
        let ew_allowed = part.as_ew_allowed();
        if let Node::List { parts, .. } = part {
            if !ew_allowed {
                blocked += 1;
                queue.push_front(Item::EndBlocked);
            }
            for p in parts.into_iter().rev() {
                queue.push_front(Item::Node(p));
            }
            continue;
        }
        if ew_allowed && blocked == 0 {
            // Too long for a line of its own: wrapped as encoded words.
            queue.push_front(Item::Node(part));
            want_encoding = true;
            continue;
        }
        let newline = steal_trailing_wsp(&mut lines);
        if !newline.is_empty() || part.startswith_fws() {
            lines.push(format!("{newline}{tstr}"));
        } else {
            push(&mut lines, &tstr);
        }
    }
    for line in &lines {
        out.push_str(line);
        out.push_str("\r\n");
    }
}

/// `name: value` folded as `email.policy.default` folds an unstructured
/// header (`get_unstructured(value)`: fws and vtext terminals). Encoded
/// words in `value` itself are written as text (CPython decodes them
/// first).
fn fold_unstructured(name: &str, value: &str, utf8: bool, out: &mut String) {
    // fws: a WSP and the `str.isspace()` characters after it, as
    // `get_fws` takes them with `lstrip()`; vtext: up to the next WSP.
    let mut tokens = Vec::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        let ws = is_wsp(c);
        let end = if ws {
            rest.find(|c: char| !py_isspace(c)).unwrap_or(rest.len())
        } else {
            rest.find(is_wsp).unwrap_or(rest.len())
        };
        tokens.push(if ws {
            Node::fws(&rest[..end])
        } else {
            Node::term(&rest[..end])
        });
        rest = &rest[end..];
    }
    refold(name, tokens, utf8, out);
}

/// RFC 5322's `atext`, and (as CPython's parser takes them) any
/// non-ASCII character.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii()
}

/// `DotAtom([DotAtomText(...)])` for `a.b.c`, or `None` when `text` is
/// not a plain dot-atom.
fn dot_atom(text: &str) -> Option<Node> {
    let mut parts = Vec::new();
    for (i, word) in text.split('.').enumerate() {
        if word.is_empty() || !word.chars().all(is_atext) {
            return None;
        }
        if i > 0 {
            parts.push(Node::term("."));
        }
        parts.push(Node::term(word));
    }
    // DotAtomText says as_ew_allowed = True.
    let text = Node::List {
        parts,
        ew: Some(true),
        syntactic_break: true,
    };
    Some(Node::list(alloc::vec![text]))
}

/// `AddrSpec([LocalPart, '@', Domain])` for a plain `local@domain`.
fn addr_spec(text: &str) -> Option<Node> {
    let (local, domain) = text.rsplit_once('@')?;
    let local = Node::no_ew(alloc::vec![dot_atom(local)?]);
    let domain = Node::no_ew(alloc::vec![dot_atom(domain)?]);
    Some(Node::no_ew(alloc::vec![local, Node::term("@"), domain]))
}

/// `Address([Mailbox(...)])` for `local@domain` or `Display Name
/// <local@domain>` (display names of atoms only), as
/// `get_address_list` parses them; `None` for any other syntax.
fn address(text: &str) -> Option<Node> {
    let mailbox = match text.strip_suffix('>') {
        None => addr_spec(text)?,
        Some(rest) => {
            let (display, spec) = rest.split_once('<')?;
            let angle = Node::list(alloc::vec![
                Node::term("<"),
                addr_spec(spec)?,
                Node::term(">")
            ]);
            let mut atoms = Vec::new();
            let mut words = display;
            while !words.is_empty() {
                let end = words.find(is_wsp).unwrap_or(words.len());
                let word = &words[..end];
                if word.is_empty() || !word.chars().all(is_atext) {
                    return None;
                }
                let ws_end = words[end..]
                    .find(|c: char| !is_wsp(c))
                    .map_or(words.len(), |i| end + i);
                let mut atom = alloc::vec![Node::term(word)];
                if ws_end > end {
                    atom.push(Node::list(alloc::vec![Node::fws(&words[end..ws_end])]));
                }
                atoms.push(Node::list(atom));
                words = &words[ws_end..];
            }
            let name_addr = if atoms.is_empty() {
                alloc::vec![angle]
            } else {
                // DisplayName(Phrase): ew_combine_allowed = False, which
                // matters only for encoded words.
                alloc::vec![Node::list(atoms), angle]
            };
            Node::list(name_addr)
        }
    };
    Some(Node::list(alloc::vec![Node::list(alloc::vec![mailbox])]))
}

/// `name: value` for an address header: folded as CPython folds the
/// address list when it is made of plain addresses (see [`address`]),
/// else written unfolded.
fn fold_addresses(name: &str, value: &str, utf8: bool, out: &mut String) {
    let mut nodes = Vec::new();
    if !value.is_empty() {
        for (i, entry) in value.split(',').enumerate() {
            if i > 0 {
                nodes.push(Node::separator());
            }
            match address(entry) {
                Some(node) => nodes.push(node),
                None => return raw_header(name, value, out),
            }
        }
    }
    refold(name, nodes, utf8, out);
}

/// Appends `text` to the last line.
fn push(lines: &mut [String], text: &str) {
    if let Some(line) = lines.last_mut() {
        line.push_str(text);
    }
}

fn steal_trailing_wsp(lines: &mut [String]) -> String {
    if let Some(line) = lines.last_mut()
        && let Some(c) = line.chars().last()
        && is_wsp(c)
    {
        line.pop();
        return String::from(c);
    }
    String::new()
}

/// `str(get_unstructured(text))` for text this folder wrote: its own
/// encoded words (`=?utf-8?q?…?=`, `=?utf-8?b?…?=`) decoded, the
/// whitespace between two of them dropped, the rest as it is.
fn unstructured_text(text: &str) -> String {
    // (text, is_fws, is_ew) per token.
    let mut tokens: Vec<(String, bool, bool)> = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if is_wsp(c) {
            let end = rest.find(|c: char| !py_isspace(c)).unwrap_or(rest.len());
            tokens.push((String::from(&rest[..end]), true, false));
            rest = &rest[end..];
            continue;
        }
        if let Some((decoded, used)) = decode_own_ew(rest) {
            let n = tokens.len();
            if n >= 2 && tokens[n - 1].1 && tokens[n - 2].2 {
                tokens[n - 1].0.clear();
            }
            tokens.push((decoded, false, true));
            rest = &rest[used..];
            continue;
        }
        let mut end = rest.find(is_wsp).unwrap_or(rest.len());
        // A word with an encoded word inside is cut before it.
        if let Some(i) = rest[..end].find("=?utf-8?").filter(|&i| i > 0) {
            end = i;
        }
        tokens.push((String::from(&rest[..end]), false, false));
        rest = &rest[end..];
    }
    tokens.into_iter().map(|t| t.0).collect()
}

/// The encoded word `fold_as_ew` wrote at the start of `text`, decoded,
/// and its length.
fn decode_own_ew(text: &str) -> Option<(String, usize)> {
    let (q, body) = if let Some(b) = text.strip_prefix("=?utf-8?q?") {
        (true, b)
    } else {
        (false, text.strip_prefix("=?utf-8?b?")?)
    };
    let end = body.find("?=")?;
    let encoded = &body[..end];
    let bytes = if q {
        let mut out = Vec::new();
        let raw = encoded.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            match raw[i] {
                b'_' => out.push(b' '),
                b'=' if i + 3 <= raw.len() => {
                    let hex = core::str::from_utf8(&raw[i + 1..i + 3]).ok()?;
                    out.push(u8::from_str_radix(hex, 16).ok()?);
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        out
    } else {
        unbase64(encoded.as_bytes())
    };
    let decoded = String::from_utf8(bytes).ok()?;
    Some((decoded, text.len() - body.len() + end + 2))
}

/// `_fold_as_ew(to_encode, lines, maxlen, last_ew, True, charset)`:
/// returns the new `last_ew` (an index into the last line, as CPython
/// keeps it).
fn fold_as_ew(to_encode: &str, lines: &mut Vec<String>, last_ew: Option<usize>) -> usize {
    let mut text = String::new();
    if let Some(start) = last_ew {
        // What the line holds from the last encoded word on is read back
        // (decoded) and encoded again with this text.
        if let Some(line) = lines.last_mut()
            && start < line.len()
        {
            let tail = line.split_off(start);
            text.push_str(&unstructured_text(&tail));
        }
    }
    text.push_str(to_encode);
    let mut to_encode = text.as_str();
    if let Some(c) = to_encode.chars().next()
        && is_wsp(c)
    {
        to_encode = &to_encode[1..];
        if lines.last().map_or(0, |l| chars(l)) == MAX_LINE {
            let newline = steal_trailing_wsp(lines);
            lines.push(newline);
        }
        push(lines, c.encode_utf8(&mut [0; 4]));
    }
    let mut trailing = None;
    if let Some(c) = to_encode.chars().last()
        && is_wsp(c)
    {
        trailing = Some(c);
        to_encode = &to_encode[..to_encode.len() - 1];
    }
    let mut new_last = last_ew.unwrap_or_else(|| lines.last().map_or(0, String::len));
    // "=?utf-8?" + "?" + "?=" plus the encoding letter.
    let chrome = "utf-8".len() + 7;
    while !to_encode.is_empty() {
        let remaining = MAX_LINE as isize - lines.last().map_or(0, |l| chars(l)) as isize;
        let text_space = remaining - chrome as isize;
        if text_space <= 0 {
            lines.push(String::from(" "));
            continue;
        }
        let mut word = prefix(to_encode, text_space as usize);
        let mut ew = encoded_word(word);
        while ew.len() as isize > remaining {
            word = prefix(word, chars(word) - 1);
            ew = encoded_word(word);
        }
        push(lines, &ew);
        to_encode = &to_encode[word.len()..];
        if !to_encode.is_empty() {
            lines.push(String::from(" "));
            new_last = 1;
        }
    }
    if let Some(c) = trailing {
        push(lines, c.encode_utf8(&mut [0; 4]));
    }
    new_last
}

/// `email.utils.format_datetime(email.utils.localtime())` for `secs`.
fn format_date(secs: i64) -> Result<String, Error> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = strata_core::time::localtime(secs).map_err(|e| Error::value(format!("{e}")))?;
    let off = t.tm_gmtoff.unwrap_or(0);
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let mut zone = format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60);
    if a % 60 != 0 {
        let _ = write!(zone, "{:02}", a % 60);
    }
    Ok(format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} {}",
        DAYS[t.tm_wday.rem_euclid(7) as usize],
        t.tm_mday,
        MONTHS[(t.tm_mon - 1).rem_euclid(12) as usize],
        t.tm_year,
        t.tm_hour,
        t.tm_min,
        t.tm_sec,
        zone
    ))
}

/// The addresses of an address list as `email.utils.getaddresses` finds
/// them in simple lists: entries split at commas outside quotes, `<…>`
/// and comments; of each, the text in `<…>`, else the entry without its
/// comments and surrounding space.
fn envelope_addresses(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    if list.trim().is_empty() {
        // getaddresses(['']) is [('', '')].
        out.push(String::new());
        return out;
    }
    let mut entry = String::new();
    let mut angle = String::new();
    let (mut quoted, mut in_angle, mut depth, mut had_angle) = (false, false, 0u32, false);
    let mut flush = |entry: &mut String, angle: &mut String, had_angle: &mut bool| {
        let addr = if *had_angle {
            core::mem::take(angle)
        } else {
            String::from(entry.trim())
        };
        if !addr.is_empty() || *had_angle {
            out.push(addr);
        }
        entry.clear();
        angle.clear();
        *had_angle = false;
    };
    let mut escaped = false;
    for c in list.chars() {
        if escaped {
            escaped = false;
            if in_angle {
                angle.push(c);
            } else if depth == 0 {
                entry.push(c);
            }
            continue;
        }
        match c {
            '\\' if quoted || depth > 0 => escaped = true,
            '"' if depth == 0 => {
                quoted = !quoted;
                if in_angle {
                    angle.push(c);
                } else {
                    entry.push(c);
                }
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '<' if !quoted && !in_angle => {
                in_angle = true;
                had_angle = true;
                angle.clear();
            }
            '>' if !quoted && in_angle => in_angle = false,
            ',' if !quoted && !in_angle => flush(&mut entry, &mut angle, &mut had_angle),
            _ if in_angle => {
                if !c.is_whitespace() {
                    angle.push(c);
                }
            }
            _ => entry.push(c),
        }
    }
    flush(&mut entry, &mut angle, &mut had_angle);
    out
}

// ---------------------------------------------------------------------
// The client.

/// `repr(bytes)`, for the `smtplib` exceptions' texts.
fn bytes_repr(data: &[u8], out: &mut String) {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push('b');
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if char::from(b) == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push(quote);
}

/// An `smtplib` exception: its class and `str()`.
fn smtp_error(class: &'static str, message: impl Into<String>) -> Error {
    Error::Exception {
        class,
        message: message.into(),
    }
}

/// `Class(code, msg)` with `str()` `(code, b'msg')`.
fn reply_error(class: &'static str, code: i32, msg: &[u8]) -> Error {
    let mut text = format!("({code}, ");
    bytes_repr(msg, &mut text);
    text.push(')');
    smtp_error(class, text)
}

/// `smtplib.SMTP`, the part `SMTPHandler` uses.
struct Smtp {
    sock: Option<Socket>,
    buf: Vec<u8>,
    local_hostname: String,
    helo_done: bool,
    /// `esmtp_features` after a successful `ehlo`, names lower-cased;
    /// `None` without ESMTP.
    features: Option<Vec<(String, String)>>,
}

impl Smtp {
    /// `SMTP(host, port, timeout=timeout)`: the local host name, the
    /// connection, the greeting.
    fn connect(host: &str, port: u16, timeout: Option<f64>) -> Result<Smtp, Error> {
        let local_hostname = local_hostname();
        let sock = create_connection(host, port, timeout)?;
        let mut smtp = Smtp {
            sock: Some(sock),
            buf: Vec::new(),
            local_hostname,
            helo_done: false,
            features: None,
        };
        let (code, msg) = smtp.getreply()?;
        if code != 220 {
            smtp.close();
            return Err(reply_error("SMTPConnectError", code, &msg));
        }
        Ok(smtp)
    }

    fn close(&mut self) {
        self.sock = None;
        self.buf.clear();
    }

    /// `send(s)`: any socket error closes and is `SMTPServerDisconnected`.
    fn send(&mut self, data: &[u8]) -> Result<(), Error> {
        let Some(sock) = &self.sock else {
            return Err(smtp_error(
                "SMTPServerDisconnected",
                "please run connect() first",
            ));
        };
        if sock.send_all(data).is_err() {
            self.close();
            return Err(smtp_error("SMTPServerDisconnected", "Server not connected"));
        }
        Ok(())
    }

    /// `putcmd(cmd, args)`.
    fn putcmd(&mut self, cmd: &str, args: &str) -> Result<(), Error> {
        let line = if args.is_empty() {
            format!("{cmd}\r\n")
        } else {
            format!("{cmd} {args}\r\n")
        };
        if line[..line.len() - 2].contains(['\r', '\n']) {
            return Err(Error::value(
                "command and arguments contain prohibited newline characters",
            ));
        }
        self.send(line.as_bytes())
    }

    /// `file.readline(_MAXLINE + 1)` on the socket.
    fn readline(&mut self) -> Result<Vec<u8>, net::Error> {
        let limit = MAX_REPLY_LINE + 1;
        loop {
            if let Some(i) = self.buf.iter().take(limit).position(|&b| b == b'\n') {
                return Ok(self.buf.drain(..=i).collect());
            }
            if self.buf.len() >= limit {
                return Ok(self.buf.drain(..limit).collect());
            }
            let Some(sock) = &self.sock else {
                return Ok(Vec::new());
            };
            let mut chunk = [0u8; 4096];
            let n = sock.recv(&mut chunk)?;
            if n == 0 {
                return Ok(core::mem::take(&mut self.buf));
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }

    /// `getreply()`: the code (-1 when not a number) and the lines of
    /// text joined by `\n`.
    fn getreply(&mut self) -> Result<(i32, Vec<u8>), Error> {
        let mut resp: Vec<Vec<u8>> = Vec::new();
        let code = loop {
            let line = match self.readline() {
                Ok(line) => line,
                Err(e) => {
                    self.close();
                    return Err(smtp_error(
                        "SMTPServerDisconnected",
                        format!("Connection unexpectedly closed: {e}"),
                    ));
                }
            };
            if line.is_empty() {
                self.close();
                return Err(smtp_error(
                    "SMTPServerDisconnected",
                    "Connection unexpectedly closed",
                ));
            }
            if line.len() > MAX_REPLY_LINE {
                self.close();
                return Err(smtp_error(
                    "SMTPResponseException",
                    "(500, 'Line too long.')",
                ));
            }
            let text = line.get(4..).unwrap_or_default();
            let is_strip = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
            let begin = text.iter().position(|b| !is_strip(b)).unwrap_or(text.len());
            let end = text
                .iter()
                .rposition(|b| !is_strip(b))
                .map_or(begin, |i| i + 1);
            resp.push(text[begin..end].to_vec());
            let code = parse_code(&line[..line.len().min(3)]);
            match code {
                None => break -1,
                Some(_) if line.get(3) != Some(&b'-') => break code.unwrap_or(-1),
                Some(_) => {}
            }
        };
        Ok((code, resp.join(&b'\n')))
    }

    fn docmd(&mut self, cmd: &str, args: &str) -> Result<(i32, Vec<u8>), Error> {
        self.putcmd(cmd, args)?;
        self.getreply()
    }

    /// `ehlo_or_helo_if_needed()`.
    fn ehlo_or_helo_if_needed(&mut self) -> Result<(), Error> {
        if self.helo_done {
            return Ok(());
        }
        let name = self.local_hostname.clone();
        self.putcmd("ehlo", &name)?;
        let (code, msg) = self.getreply()?;
        if code == -1 && msg.is_empty() {
            self.close();
            return Err(smtp_error("SMTPServerDisconnected", "Server not connected"));
        }
        self.helo_done = true;
        if code == 250 {
            self.features = Some(parse_features(&msg));
        }
        if (200..=299).contains(&code) {
            return Ok(());
        }
        let (code, msg) = self.docmd("helo", &name)?;
        if !(200..=299).contains(&code) {
            return Err(reply_error("SMTPHeloError", code, &msg));
        }
        Ok(())
    }

    /// `has_extn(name)`, with `name` lower case.
    fn extension(&self, name: &str) -> Option<&str> {
        self.features
            .as_ref()?
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `login(user, password)`: `CRAM-MD5`, `PLAIN`, `LOGIN`, those the
    /// server offers, in that order until one is accepted.
    fn login(&mut self, user: &str, password: &str) -> Result<(), Error> {
        self.ehlo_or_helo_if_needed()?;
        let Some(offered) = self.extension("auth") else {
            return Err(smtp_error(
                "SMTPNotSupportedError",
                "SMTP AUTH extension not supported by server.",
            ));
        };
        let offered: Vec<String> = offered.split_whitespace().map(String::from).collect();
        let methods: Vec<&str> = ["CRAM-MD5", "PLAIN", "LOGIN"]
            .into_iter()
            .filter(|m| offered.iter().any(|o| o == m))
            .collect();
        if methods.is_empty() {
            return Err(smtp_error(
                "SMTPException",
                "No suitable authentication method found.",
            ));
        }
        let mut last = None;
        for method in methods {
            match self.auth(method, user, password) {
                Ok(()) => return Ok(()),
                Err(
                    e @ Error::Exception {
                        class: "SMTPAuthenticationError",
                        ..
                    },
                ) => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| smtp_error("SMTPException", "")))
    }

    /// `auth(mechanism, authobject, initial_response_ok=True)`.
    fn auth(&mut self, mechanism: &str, user: &str, password: &str) -> Result<(), Error> {
        // `auth_cram_md5`, `auth_plain`, `auth_login`: the answer to the
        // challenge (`None`: the initial response, if the method has one).
        let answer = |count: u32, challenge: Option<&[u8]>| -> Result<Option<String>, Error> {
            Ok(match mechanism {
                "CRAM-MD5" => match challenge {
                    None => None,
                    Some(c) => {
                        let digest = hmac_md5(ascii(password)?, c);
                        let mut text = format!("{user} ");
                        for b in digest {
                            let _ = write!(text, "{b:02x}");
                        }
                        Some(text)
                    }
                },
                "PLAIN" => Some(format!("\0{user}\0{password}")),
                _ if count < 2 => Some(String::from(user)),
                _ => Some(String::from(password)),
            })
        };
        // `_auth_challenge_count` starts at 1 after an initial response.
        let (mut code, mut resp, mut count) = match answer(1, None)? {
            Some(initial) => {
                let initial = base64(ascii(&initial)?);
                let (code, resp) = self.docmd("AUTH", &format!("{mechanism} {initial}"))?;
                (code, resp, 1)
            }
            None => {
                let (code, resp) = self.docmd("AUTH", mechanism)?;
                (code, resp, 0)
            }
        };
        while code == 334 {
            count += 1;
            let challenge = unbase64(&resp);
            let text = answer(count, Some(&challenge))?.unwrap_or_default();
            let response = base64(ascii(&text)?);
            (code, resp) = self.docmd(&response, "")?;
            if count > MAX_CHALLENGE {
                let mut text =
                    format!("Server AUTH mechanism infinite loop. Last response: ({code}, ");
                bytes_repr(&resp, &mut text);
                text.push(')');
                return Err(smtp_error("SMTPException", text));
            }
        }
        if code == 235 || code == 503 {
            return Ok(());
        }
        Err(reply_error("SMTPAuthenticationError", code, &resp))
    }

    /// `_rset()`: `rset`, its errors ignored.
    fn rset(&mut self) {
        if self.docmd("rset", "").is_err() {
            self.close();
        }
    }

    /// `sendmail(from_addr, to_addrs, msg, mail_options)` as
    /// `send_message` calls it (`SMTPUTF8 BODY=8BITMIME` when
    /// `international`; commands are then UTF-8).
    fn sendmail(
        &mut self,
        from: &str,
        to: &[String],
        msg: &[u8],
        international: bool,
    ) -> Result<(), Error> {
        self.ehlo_or_helo_if_needed()?;
        let mut options = String::new();
        if self.features.is_some() {
            if self.extension("size").is_some() {
                let _ = write!(options, " size={}", msg.len());
            }
            if international {
                options.push_str(" SMTPUTF8 BODY=8BITMIME");
            }
        }
        let (code, resp) = self.docmd("mail", &format!("FROM:{}{options}", quoteaddr(from)))?;
        if code != 250 {
            if code == 421 {
                self.close();
            } else {
                self.rset();
            }
            let mut text = format!("({code}, ");
            bytes_repr(&resp, &mut text);
            text.push_str(", ");
            crate::pyfmt::text::repr_str(from, &mut text);
            text.push(')');
            return Err(smtp_error("SMTPSenderRefused", text));
        }
        let mut refused: Vec<(&str, i32, Vec<u8>)> = Vec::new();
        for each in to {
            let (code, resp) = self.docmd("rcpt", &format!("TO:{}", quoteaddr(each)))?;
            if code != 250 && code != 251 {
                refused.push((each, code, resp));
                if code == 421 {
                    self.close();
                    return Err(recipients_refused(&refused));
                }
            }
        }
        if refused.len() == to.len() {
            self.rset();
            return Err(recipients_refused(&refused));
        }
        let (code, resp) = self.docmd("data", "")?;
        if code != 354 {
            return Err(reply_error("SMTPDataError", code, &resp));
        }
        let mut data = quote_periods(msg);
        if !data.ends_with(b"\r\n") {
            data.extend_from_slice(b"\r\n");
        }
        data.extend_from_slice(b".\r\n");
        self.send(&data)?;
        let (code, resp) = self.getreply()?;
        if code != 250 {
            if code == 421 {
                self.close();
            } else {
                self.rset();
            }
            return Err(reply_error("SMTPDataError", code, &resp));
        }
        Ok(())
    }

    /// `quit()`.
    fn quit(&mut self) -> Result<(), Error> {
        let result = self.docmd("quit", "");
        self.close();
        result.map(|_| ())
    }
}

/// `text.encode('ascii')`: the bytes, or Python's `UnicodeEncodeError`.
pub(crate) fn ascii(text: &str) -> Result<&[u8], Error> {
    let Some(first) = text.chars().position(|c| !c.is_ascii()) else {
        return Ok(text.as_bytes());
    };
    let run: Vec<char> = text
        .chars()
        .skip(first)
        .take_while(|c| !c.is_ascii())
        .collect();
    let message = if run.len() == 1 {
        let c = u32::from(run[0]);
        let escape = if c < 0x100 {
            format!("\\x{c:02x}")
        } else if c < 0x10000 {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        format!(
            "'ascii' codec can't encode character '{escape}' in position {first}: ordinal not in range(128)"
        )
    } else {
        format!(
            "'ascii' codec can't encode characters in position {first}-{}: ordinal not in range(128)",
            first + run.len() - 1
        )
    };
    Err(smtp_error("UnicodeEncodeError", message))
}

/// `SMTPRecipientsRefused(senderrs)`: `str()` is the dict's repr.
fn recipients_refused(refused: &[(&str, i32, Vec<u8>)]) -> Error {
    let mut text = String::from("{");
    for (i, (addr, code, resp)) in refused.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        crate::pyfmt::text::repr_str(addr, &mut text);
        let _ = write!(text, ": ({code}, ");
        bytes_repr(resp, &mut text);
        text.push(')');
    }
    text.push('}');
    smtp_error("SMTPRecipientsRefused", text)
}

/// The leading three bytes of a reply as `int()` reads them.
fn parse_code(code: &[u8]) -> Option<i32> {
    let text = core::str::from_utf8(code).ok()?.trim();
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `smtplib.quoteaddr(addr)` for an address already extracted.
fn quoteaddr(addr: &str) -> String {
    if addr.trim() == "<>" {
        return String::from("<>");
    }
    format!("<{addr}>")
}

/// `smtplib._quote_periods`: a `.` that starts a line doubled.
fn quote_periods(msg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(msg.len() + 16);
    let mut at_start = true;
    for &b in msg {
        if at_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_start = b == b'\n';
    }
    out
}

/// `ehlo()`'s reading of the extension lines (the first line is the
/// greeting); `AUTH=` lines and `AUTH` add to the `auth` entry.
fn parse_features(msg: &[u8]) -> Vec<(String, String)> {
    let text: String = msg.iter().map(|&b| char::from(b)).collect();
    let mut features: Vec<(String, String)> = Vec::new();
    let mut set = |name: String, value: String, append: bool| match features
        .iter_mut()
        .find(|(k, _)| *k == name)
    {
        Some((_, v)) if append => {
            v.push(' ');
            v.push_str(&value);
        }
        Some((_, v)) => *v = value,
        None if append => features.push((name, format!(" {value}"))),
        None => features.push((name, value)),
    };
    for line in text.split('\n').skip(1) {
        // `get`: the line holds Latin-1 text, whose characters above
        // 0x7f take two bytes here.
        if let Some(value) = line
            .get(..5)
            .filter(|p| p.eq_ignore_ascii_case("auth="))
            .map(|_| &line[5..])
        {
            set(String::from("auth"), String::from(value), true);
            continue;
        }
        let first = line.chars().next();
        if !first.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(line.len());
        let feature = line[..end].to_ascii_lowercase();
        let params = String::from(line[end..].trim());
        let append = feature == "auth";
        set(feature, params, append);
    }
    features
}

/// `SMTP.__init__`'s local host name: `socket.getfqdn()` when it has a
/// dot, else `[address of gethostname()]` (`[127.0.0.1]` when that does
/// not resolve).
fn local_hostname() -> String {
    if let Ok(fqdn) = net::getfqdn("") {
        let name = format!("{fqdn}");
        if name.contains('.') {
            return name;
        }
    }
    let addr = net::gethostname()
        .ok()
        .and_then(|h| h.to_str().map(String::from))
        .and_then(|h| net::resolve(&h, 0, Some(Family::Inet)).ok())
        .and_then(|mut a| a.next())
        .and_then(|a| a.ip())
        .map_or_else(|| String::from("127.0.0.1"), |ip| format!("{ip}"));
    format!("[{addr}]")
}

/// `socket.create_connection((host, port), timeout)`: each address in
/// turn; the last error when none connects.
pub(crate) fn create_connection(
    host: &str,
    port: u16,
    timeout: Option<f64>,
) -> Result<Socket, Error> {
    let addrs = net::resolve(host, port, None)?;
    let mut last = net::Error::Resolve(net::GaiError::NoName);
    for addr in addrs {
        let attempt = (|| {
            let mut sock = Socket::new(addr.family(), Kind::Stream)?;
            sock.set_timeout(timeout)?;
            sock.connect(&addr, None)?;
            Ok::<Socket, net::Error>(sock)
        })();
        match attempt {
            Ok(sock) => return Ok(sock),
            Err(e) => last = e,
        }
    }
    Err(Error::Net(last))
}

#[cfg(test)]
mod tests {
    #[test]
    fn features_of_latin1_lines_do_not_split_a_character() {
        // The fuzzer's find: a 250 line of a byte above 0x7f, then more.
        let features = super::parse_features(b"hi\n\xd7\xd7\xd7\xd7x\nSIZE 10\nAUTH=PLAIN");
        assert_eq!(
            features,
            [
                (String::from("size"), String::from("10")),
                (String::from("auth"), String::from(" PLAIN"))
            ]
        );
    }

    use super::*;

    #[test]
    fn splitlines_like_bytes() {
        assert_eq!(
            split_lines(b"a\r\nb\rc\n\nd"),
            [&b"a"[..], b"b", b"c", b"", b"d"]
        );
        assert!(split_lines(b"").is_empty());
    }

    #[test]
    fn periods_are_doubled_at_line_starts() {
        assert_eq!(
            quote_periods(b".a\r\nb.\r\n..\r\n"),
            b"..a\r\nb.\r\n...\r\n"
        );
    }

    #[test]
    fn features_as_smtplib_reads_them() {
        let f = parse_features(b"host\nSIZE 100\n8BITMIME\nAUTH LOGIN PLAIN\nHELP");
        assert_eq!(f[0], (String::from("size"), String::from("100")));
        assert_eq!(f[1], (String::from("8bitmime"), String::new()));
        assert_eq!(f[2], (String::from("auth"), String::from(" LOGIN PLAIN")));
    }

    #[test]
    fn envelope_from_address_lists() {
        assert_eq!(
            envelope_addresses("a@x,Bob <b@y>, \"c, d\" <c@z> (note),e@w (E)"),
            ["a@x", "b@y", "c@z", "e@w"]
        );
    }

    #[test]
    fn reprs_of_bytes() {
        let mut s = String::new();
        bytes_repr(b"it's \x01\n", &mut s);
        assert_eq!(s, "b\"it's \\x01\\n\"");
    }

    #[test]
    fn ascii_errors_as_python_words_them() {
        assert!(ascii("plain").is_ok());
        let e = ascii("\0user\0pässword").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'ascii' codec can't encode character '\\xe4' in position 7: ordinal not in range(128)"
        );
        let e = ascii("ab€€c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'ascii' codec can't encode characters in position 2-3: ordinal not in range(128)"
        );
    }

    fn hexdigest(d: [u8; 16]) -> String {
        d.iter().map(|b| alloc::format!("{b:02x}")).collect()
    }

    #[test]
    fn md5_and_hmac_as_rfc_1321_and_2104_give_them() {
        assert_eq!(hexdigest(md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            hexdigest(md5(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            )),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
        // RFC 2104's second test vector.
        assert_eq!(
            hexdigest(hmac_md5(b"Jefe", b"what do ya want for nothing?")),
            "750c783e6ab0b503eaa86e310a5db738"
        );
        assert_eq!(
            hexdigest(hmac_md5(
                &[0xaa; 80],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"
        );
    }

    #[test]
    fn base64_round_trip() {
        for n in 0..8 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37) as u8).collect();
            assert_eq!(unbase64(base64(&data).as_bytes()), data);
        }
        assert_eq!(base64(b"\0user\0pw"), "AHVzZXIAcHc=");
    }
}
