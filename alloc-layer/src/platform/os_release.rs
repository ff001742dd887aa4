//! `platform.freedesktop_os_release()`: the os-release file, read and
//! parsed as CPython 3.11 does it.
//!
//! CPython opens the file as UTF-8 text (strict errors, universal
//! newlines), matches each line against
//! `^([a-zA-Z0-9_]+)=(["']?)(.*)\2$` and un-escapes `\\`, `\$`, `\"`,
//! `\'` and `` \` `` in the value. The same rules here, without a regex
//! engine; a file that is not UTF-8 fails with the text and positions of
//! CPython's `UnicodeDecodeError`, which it reports per 8 KiB chunk read.

use crate::errno::Errno;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Where CPython looks, in order: `/etc` first.
pub const OS_RELEASE_CANDIDATES: [&str; 2] = ["/etc/os-release", "/usr/lib/os-release"];

/// The chunk CPython's text layer decodes at a time (`_CHUNK_SIZE`), which
/// decides the positions a decoding error reports.
const CHUNK: usize = 8192;

/// The fields of an os-release file, in the order of CPython's dict:
/// `NAME`, `ID` and `PRETTY_NAME` first (with their defaults `Linux`,
/// `linux`, `Linux`), then each new name as the file gives it; a name
/// given again keeps its place and takes the last value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OsRelease {
    items: Vec<(String, String)>,
}

impl OsRelease {
    fn with_defaults() -> Self {
        OsRelease {
            items: [("NAME", "Linux"), ("ID", "linux"), ("PRETTY_NAME", "Linux")]
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    fn set(&mut self, name: &str, value: String) {
        match self.items.iter_mut().find(|(k, _)| k == name) {
            Some(item) => item.1 = value,
            None => self.items.push((name.to_owned(), value)),
        }
    }

    /// `info.get(name)`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `info.items()`, in dict order.
    pub fn items(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `len(info)`.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Never true: the three defaults are always there.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// `platform._parse_os_release(lines)`—the fields of os-release lines
/// (each may end with one `\n`, as lines read from a file do).
pub fn parse_os_release_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> OsRelease {
    let mut info = OsRelease::with_defaults();
    for line in lines {
        if let Some((name, value)) = match_line(line) {
            info.set(name, unescape(value));
        }
    }
    info
}

/// `platform._parse_os_release(open(file, encoding="utf-8"))`—the fields
/// of an os-release file's bytes, decoded and split into lines as
/// CPython's text file does (`\n`, `\r\n` and `\r` end a line). Bytes that
/// are not UTF-8 are CPython's `UnicodeDecodeError`.
pub fn parse_os_release(bytes: &[u8]) -> Result<OsRelease, DecodeError> {
    let text = decode_like_textio(bytes)?;
    let mut info = OsRelease::with_defaults();
    for line in universal_lines(text) {
        if let Some((name, value)) = match_line(line) {
            info.set(name, unescape(value));
        }
    }
    Ok(info)
}

/// The lines of `text` with universal newlines: `\r\n` and `\r` become
/// `\n`, which ends each line but the last.
fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    core::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let skip = match rest.as_bytes().get(end..end + 2) {
            Some(b"\r\n") => 2,
            Some(_) | None if end < rest.len() => 1,
            _ => 0,
        };
        rest = &rest[end + skip..];
        // The value never includes the line end; `$` allows one.
        Some(line)
    })
}

/// The regex `^(?P<name>[a-zA-Z0-9_]+)=(?P<quote>["']?)(?P<value>.*)(?P=quote)$`
/// (`.` stops at `\n`; `$` matches at the end or before a final `\n`):
/// the name and the raw value.
fn match_line(line: &str) -> Option<(&str, &str)> {
    let name_len = line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or(line.len());
    if name_len == 0 || line.as_bytes().get(name_len) != Some(&b'=') {
        return None;
    }
    let rest = &line[name_len + 1..];
    let body = rest.strip_suffix('\n').unwrap_or(rest);
    if body.contains('\n') {
        return None;
    }
    let b = body.as_bytes();
    // `["']?` is greedy: a quote that closes at the end wins; otherwise the
    // empty quote, and the value is all of it.
    let value = match b.first() {
        Some(&q @ (b'"' | b'\'')) if b.len() >= 2 && b[b.len() - 1] == q => {
            &body[1..body.len() - 1]
        }
        _ => body,
    };
    Some((&line[..name_len], value))
}

/// `re.sub(r"\\([\\\$\"\'`])", r"\1", value)`.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next @ ('\\' | '$' | '"' | '\'' | '`')) = chars.peek()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// CPython's `UnicodeDecodeError` from the `utf-8` codec, with the
/// positions it reports (relative to the chunk being decoded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The first byte that could not be decoded.
    pub byte: u8,
    /// `start`: its position in the chunk.
    pub start: usize,
    /// `end`: one past the last byte of the bad sequence.
    pub end: usize,
    /// `reason`: `invalid start byte`, `invalid continuation byte` or
    /// `unexpected end of data`.
    pub reason: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.end - self.start == 1 {
            write!(
                f,
                "'utf-8' codec can't decode byte {:#04x} in position {}: {}",
                self.byte, self.start, self.reason
            )
        } else {
            write!(
                f,
                "'utf-8' codec can't decode bytes in position {}-{}: {}",
                self.start,
                self.end - 1,
                self.reason
            )
        }
    }
}

/// `bytes` as text, or the error CPython's TextIOWrapper raises for it.
fn decode_like_textio(bytes: &[u8]) -> Result<&str, DecodeError> {
    core::str::from_utf8(bytes).map_err(|whole| {
        chunked_error(bytes).unwrap_or(DecodeError {
            byte: bytes[whole.valid_up_to()],
            start: whole.valid_up_to(),
            end: whole.valid_up_to() + whole.error_len().unwrap_or(1),
            reason: "invalid start byte",
        })
    })
}

/// The first decoding error as CPython reports it: its text layer decodes
/// 8 KiB chunks with an incremental decoder that holds back an incomplete
/// sequence at a chunk's end (and a `\xed` + `\xa0..\xbf` surrogate
/// start), so positions count from the start of the held-back bytes.
fn chunked_error(bytes: &[u8]) -> Option<DecodeError> {
    let mut pending_start = 0; // where the decoder's current input begins
    let mut at = 0; // the end of the bytes read so far
    loop {
        let read_end = (at + CHUNK).min(bytes.len());
        let last = read_end == at; // the final, empty read
        let input = &bytes[pending_start..read_end];
        if let Err(e) = core::str::from_utf8(input) {
            let bad = e.valid_up_to();
            let b = input[bad];
            match e.error_len() {
                None if !last => pending_start += bad,
                None => {
                    return Some(DecodeError {
                        byte: b,
                        start: bad,
                        end: input.len(),
                        reason: "unexpected end of data",
                    });
                }
                Some(_)
                    if !last
                        && b == 0xed
                        && input.len() - bad == 2
                        && (0xa0..=0xbf).contains(&input[bad + 1]) =>
                {
                    pending_start += bad;
                }
                Some(len) => {
                    let reason = if len == 1 && !(0xc2..=0xf4).contains(&b) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    return Some(DecodeError {
                        byte: b,
                        start: bad,
                        end: bad + len,
                        reason,
                    });
                }
            }
        } else {
            pending_start = read_end;
        }
        if last {
            return None;
        }
        at = read_end;
    }
}

/// Why [`freedesktop_os_release`] has no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OsReleaseError {
    /// CPython's `OSError(errno, "Unable to read files ...")`: no candidate
    /// could be opened and read. `errno` is the last candidate's (`None`
    /// when there were no candidates).
    Unreadable {
        /// The errno of the last attempt.
        errno: Option<Errno>,
        /// The candidates, joined with `, ` as CPython's message has them.
        candidates: String,
    },
    /// CPython's `UnicodeDecodeError`: a candidate was read but is not
    /// UTF-8 (CPython then tries no other).
    Decode {
        /// The file.
        path: String,
        /// What the decoder said.
        error: DecodeError,
    },
}

impl OsReleaseError {
    /// `OSError.errno`, for [`OsReleaseError::Unreadable`].
    pub fn errno(&self) -> Option<Errno> {
        match self {
            OsReleaseError::Unreadable { errno, .. } => *errno,
            OsReleaseError::Decode { .. } => None,
        }
    }
}

impl fmt::Display for OsReleaseError {
    /// `str()` of CPython's exception: `[Errno 2] Unable to read files
    /// /etc/os-release, /usr/lib/os-release`, or the decoder's message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OsReleaseError::Unreadable { errno, candidates } => {
                match errno {
                    Some(e) => write!(f, "[Errno {}]", e.raw_os_error())?,
                    None => f.write_str("[Errno None]")?,
                }
                write!(f, " Unable to read files {candidates}")
            }
            OsReleaseError::Decode { error, .. } => error.fmt(f),
        }
    }
}

/// `platform.freedesktop_os_release()`—the operating system's
/// identification from `/etc/os-release`, else `/usr/lib/os-release`.
///
/// Unlike CPython, nothing is cached: each call reads the file again (a
/// program that asks often keeps the result).
///
/// # References
/// - [os-release(5)](https://man7.org/linux/man-pages/man5/os-release.5.html)
pub fn freedesktop_os_release() -> Result<OsRelease, OsReleaseError> {
    freedesktop_os_release_in(&OS_RELEASE_CANDIDATES)
}

/// [`freedesktop_os_release`] over other candidate files, tried in order
/// (CPython's `_os_release_candidates`). An error opening or reading one
/// moves on to the next; a file that is read but is not UTF-8 ends the
/// search with [`OsReleaseError::Decode`], as in CPython.
pub fn freedesktop_os_release_in<P: AsRef<str>>(
    candidates: &[P],
) -> Result<OsRelease, OsReleaseError> {
    let mut errno = None;
    for candidate in candidates {
        let path = candidate.as_ref();
        match read_file(path) {
            Ok(bytes) => {
                return parse_os_release(&bytes).map_err(|error| OsReleaseError::Decode {
                    path: path.to_owned(),
                    error,
                });
            }
            Err(e) => errno = Some(e),
        }
    }
    let mut joined = String::new();
    for (i, c) in candidates.iter().enumerate() {
        if i > 0 {
            joined.push_str(", ");
        }
        joined.push_str(c.as_ref());
    }
    Err(OsReleaseError::Unreadable {
        errno,
        candidates: joined,
    })
}

/// The whole of a file. A directory fails with `EISDIR` as CPython's
/// `open()` does; other files that are not regular (a FIFO, a device) are
/// `EINVAL` here rather than a read that may never end.
pub(super) fn read_file(path: &str) -> Result<Vec<u8>, Errno> {
    use strata_core::os::{O_NOCTTY, O_NONBLOCK, O_RDONLY};
    let fd = strata_core::os::open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0)?;
    let st = crate::os::fstat(&fd)?;
    if st.is_dir() {
        return Err(crate::errno::EISDIR);
    }
    if !st.is_file() {
        return Err(crate::errno::EINVAL);
    }
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match crate::os::read(&fd, &mut buf)? {
            0 => return Ok(out),
            n => out.extend_from_slice(&buf[..n]),
        }
    }
}
