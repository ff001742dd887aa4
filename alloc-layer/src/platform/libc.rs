//! `platform.libc_ver()`: CPython 3.11's scan of a binary for the C
//! library it was linked against, with its regular expression
//!
//! ```text
//! (__libc_init)|(GLIBC_([0-9.]+))|(libc(_\w+)?\.so(?:\.(\d[0-9.]*))?)
//! ```
//!
//! matched by hand, its chunked reading (so a match that straddles chunks
//! is found as CPython finds it) and its version ordering.

use crate::os::Error;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// CPython's default `chunksize`.
pub const LIBC_VER_CHUNKSIZE: usize = 16384;

/// One match of the regex: which alternative, and its groups.
#[derive(Debug, PartialEq, Eq)]
enum Found<'a> {
    /// `__libc_init`.
    LibcInit,
    /// `GLIBC_` and its version.
    Glibc(&'a [u8]),
    /// `libc[_threads].so[.version]`.
    So {
        threads: Option<&'a [u8]>,
        soversion: Option<&'a [u8]>,
    },
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_version(b: u8) -> bool {
    b.is_ascii_digit() || b == b'.'
}

// The regex's literals, each stored backwards: scanning a Strata program
// that holds this module must not find them in its own `.rodata`.
static LIBC_INIT_REV: &[u8] = b"tini_cbil__";
static GLIBC_REV: &[u8] = b"_CBILG";
static LIBC_REV: &[u8] = b"cbil";
static SO_REV: &[u8] = b"os.";

/// Whether `hay` starts with the reverse of `rev`.
fn starts_with_rev(hay: &[u8], rev: &[u8]) -> bool {
    hay.len() >= rev.len() && rev.iter().rev().zip(hay).all(|(a, b)| a == b)
}

/// The alternatives tried at `at`, in the regex's order; the match's end.
fn match_at(hay: &[u8], at: usize) -> Option<(Found<'_>, usize)> {
    let rest = &hay[at..];
    if starts_with_rev(rest, LIBC_INIT_REV) {
        return Some((Found::LibcInit, at + LIBC_INIT_REV.len()));
    }
    if starts_with_rev(rest, GLIBC_REV) {
        let tail = &rest[GLIBC_REV.len()..];
        let n = tail.iter().take_while(|&&b| is_version(b)).count();
        if n > 0 {
            return Some((Found::Glibc(&tail[..n]), at + GLIBC_REV.len() + n));
        }
        return None;
    }
    if !starts_with_rev(rest, LIBC_REV) {
        return None;
    }
    let tail = &rest[LIBC_REV.len()..];
    // `(_\w+)?`: greedy, and since `.` is not a word byte, only the whole
    // run of word bytes can be followed by `.so`.
    let (threads, tail) = match tail.first() {
        Some(b'_') => {
            let n = tail[1..].iter().take_while(|&&b| is_word(b)).count();
            if n > 0 && starts_with_rev(&tail[1 + n..], SO_REV) {
                (Some(&tail[..1 + n]), &tail[1 + n..])
            } else {
                (None, tail)
            }
        }
        _ => (None, tail),
    };
    if !starts_with_rev(tail, SO_REV) {
        return None;
    }
    let tail = &tail[SO_REV.len()..];
    let mut end = hay.len() - tail.len();
    let soversion = match tail {
        [b'.', d, ..] if d.is_ascii_digit() => {
            let n = 1 + tail[2..].iter().take_while(|&&b| is_version(b)).count();
            end += 1 + n;
            Some(&tail[1..1 + n])
        }
        _ => None,
    };
    Some((Found::So { threads, soversion }, end))
}

/// `_libc_search.search(hay, pos)`: the leftmost match and its end.
fn search(hay: &[u8], pos: usize) -> Option<(Found<'_>, usize)> {
    (pos..hay.len())
        .filter(|&i| matches!(hay[i], b'_' | b'G' | b'l'))
        .find_map(|i| match_at(hay, i))
}

/// A version component of `_comparable_version`: its stage, then its
/// value.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Number(&'a str),
    Text(&'a str),
}

fn stage(text: &str) -> i32 {
    match text {
        "dev" => 10,
        "alpha" | "a" => 20,
        "beta" | "b" => 30,
        "c" => 40,
        "RC" | "rc" => 50,
        "pl" | "p" => 200,
        _ => 0,
    }
}

/// `_comparable_version(version)`: `re.split(r'([0-9]+|[._+-])')` with the
/// separators dropped; numbers weigh 100, words by their release stage.
fn comparable(version: &str) -> Vec<(i32, Part<'_>)> {
    let mut out = Vec::new();
    let b = version.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((100, Part::Number(&version[start..i])));
        } else if matches!(b[i], b'.' | b'_' | b'+' | b'-') {
            i += 1;
        } else {
            while i < b.len()
                && !b[i].is_ascii_digit()
                && !matches!(b[i], b'.' | b'_' | b'+' | b'-')
            {
                i += 1;
            }
            let text = &version[start..i];
            out.push((stage(text), Part::Text(text)));
        }
    }
    out
}

/// Python's comparison of two `_comparable_version` lists.
fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (comparable(a), comparable(b));
    for ((sa, pa), (sb, pb)) in a.iter().zip(b.iter()) {
        let order = sa.cmp(sb).then_with(|| match (pa, pb) {
            // int() of decimal digits: fewer significant digits is smaller.
            (Part::Number(x), Part::Number(y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (Part::Text(x), Part::Text(y)) => x.cmp(y),
            // Equal stages never mix numbers (100) and words.
            (Part::Number(_), Part::Text(_)) => Ordering::Greater,
            (Part::Text(_), Part::Number(_)) => Ordering::Less,
        });
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The scan itself over `read`, which fills a buffer as `f.read(n)` does
/// (all `n` bytes unless the file ends).
pub(super) fn scan(
    mut read: impl FnMut(usize) -> Result<Vec<u8>, crate::errno::Errno>,
    lib: &str,
    version: &str,
    chunksize: usize,
) -> Result<(String, String), crate::errno::Errno> {
    let (mut lib, mut version) = (lib.to_owned(), version.to_owned());
    let mut binary = read(chunksize)?;
    let mut pos = 0;
    while pos < binary.len() {
        let m = search(&binary, pos);
        if m.as_ref().is_none_or(|(_, end)| *end == binary.len()) {
            let chunk = read(chunksize)?;
            if !chunk.is_empty() {
                // A match at the end may go on in the next chunk: search
                // again over the last 1000 bytes (or from pos) and it.
                let keep = pos.max(binary.len().saturating_sub(1000));
                binary.drain(..keep);
                binary.extend_from_slice(&chunk);
                pos = 0;
                continue;
            }
        }
        let Some((found, end)) = m else {
            break;
        };
        match found {
            Found::LibcInit if lib.is_empty() => lib = "libc".to_owned(),
            Found::LibcInit => {}
            Found::Glibc(v) => {
                let v = latin1(v);
                if lib != "glibc" {
                    lib = "glibc".to_owned();
                    version = v;
                } else if compare(&v, &version) == Ordering::Greater {
                    version = v;
                }
            }
            Found::So { threads, soversion } => {
                if lib != "glibc" {
                    lib = "libc".to_owned();
                    if let Some(so) = soversion.map(latin1)
                        && (version.is_empty() || compare(&so, &version) == Ordering::Greater)
                    {
                        version = so;
                    }
                    if let Some(t) = threads.map(latin1)
                        && !version.ends_with(t.as_str())
                    {
                        version.push_str(&t);
                    }
                }
            }
        }
        pos = end;
    }
    Ok((lib, version))
}

/// Reads `path` in the chunks of CPython's `f.read(chunksize)`.
pub(super) fn scan_file(
    path: &[u8],
    lib: &str,
    version: &str,
    chunksize: usize,
) -> Result<(String, String), Error> {
    use strata_core::os::{O_NOCTTY, O_NONBLOCK, O_RDONLY};
    let err = |e: crate::errno::Errno| Error::new(e, "open").with_path(path);
    let fd = strata_core::os::open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0).map_err(err)?;
    let st = crate::os::fstat(&fd).map_err(err)?;
    if st.is_dir() {
        return Err(err(crate::errno::EISDIR));
    }
    // A FIFO or a device may never end (CPython would read /dev/zero
    // forever): only files are scanned.
    if !st.is_file() {
        return Err(Error::new(crate::errno::EINVAL, "scan").with_path(path));
    }
    let read = |n: usize| {
        let mut chunk = alloc::vec![0u8; n];
        let mut got = 0;
        while got < n {
            match crate::os::read(&fd, &mut chunk[got..])? {
                0 => break,
                k => got += k,
            }
        }
        chunk.truncate(got);
        Ok(chunk)
    };
    scan(read, lib, version, chunksize).map_err(|e| Error::new(e, "read").with_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_bytes(data: &[u8], chunksize: usize) -> (String, String) {
        let mut at = 0;
        let read = |n: usize| {
            let end = (at + n).min(data.len());
            let chunk = data[at..end].to_vec();
            at = end;
            Ok(chunk)
        };
        scan(read, "", "", chunksize).unwrap()
    }

    /// CPython's own test_libc_ver cases (Lib/test/test_platform.py).
    #[test]
    fn cpython_test_libc_ver() {
        for (data, lib, version) in [
            (&b"__libc_init"[..], "libc", ""),
            (b"GLIBC_2.9", "glibc", "2.9"),
            (b"libc.so.1.2.5", "libc", "1.2.5"),
            (b"libc_pthread.so.1.2.5", "libc", "1.2.5_pthread"),
            (b"", "", ""),
        ] {
            let mut file = b"[xxx".to_vec();
            file.extend_from_slice(data);
            file.extend_from_slice(b"xxx]");
            assert_eq!(
                scan_bytes(&file, 16384),
                (lib.into(), version.into()),
                "{data:?}"
            );
        }
        let mut file = alloc::vec![b'x'; 16384 - 10];
        file.extend_from_slice(b"GLIBC_1.23.4\0GLIBC_1.9\0GLIBC_1.21\0");
        assert_eq!(scan_bytes(&file, 16384), ("glibc".into(), "1.23.4".into()));
    }

    #[test]
    fn versions_compare_as_cpython() {
        assert_eq!(compare("1.23.4", "1.9"), Ordering::Greater);
        assert_eq!(compare("2.36", "2.36.0"), Ordering::Less);
        assert_eq!(compare("1.0rc1", "1.0"), Ordering::Greater); // longer wins
        assert_eq!(compare("1.0rc1", "1.0b2"), Ordering::Greater);
        assert_eq!(compare("007", "7"), Ordering::Equal);
        assert_eq!(compare("1.0pl1", "1.0.1"), Ordering::Greater);
    }
}
