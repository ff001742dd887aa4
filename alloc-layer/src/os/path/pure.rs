//! The path functions that make no system call: string rules only.

use super::ValueError;
use crate::os::PathLike;
use alloc::vec::Vec;

const SEP: u8 = b'/';

/// The index just past the last `/`, or 0.
fn after_last_sep(p: &[u8]) -> usize {
    p.iter().rposition(|&b| b == SEP).map_or(0, |i| i + 1)
}

/// `head` without trailing slashes, unless it is all slashes (the root).
fn strip_head(head: &[u8]) -> &[u8] {
    if head.iter().all(|&b| b == SEP) {
        head
    } else {
        let end = head.iter().rposition(|&b| b != SEP).map_or(0, |i| i + 1);
        &head[..end]
    }
}

/// `os.path.normcase(s)`—the path unchanged: POSIX names are
/// case-sensitive.
pub fn normcase(s: impl PathLike) -> Vec<u8> {
    s.path_bytes().to_vec()
}

/// `os.path.isabs(s)`—whether `s` starts with `/`.
pub fn isabs(s: impl PathLike) -> bool {
    s.path_bytes().first() == Some(&SEP)
}

/// `os.path.join(a, b)`—`b` appended to `a` with one `/` between them,
/// unless `a` is empty or already ends in `/`. An absolute `b` replaces
/// `a`; an empty `b` leaves a trailing `/`.
///
/// ```
/// use strata_alloc::os::path::join;
/// assert_eq!(join("a", "b"), b"a/b");
/// assert_eq!(join("a/", "b"), b"a/b");
/// assert_eq!(join("a", "/etc"), b"/etc");
/// assert_eq!(join("a", ""), b"a/");
/// ```
pub fn join(a: impl PathLike, b: impl PathLike) -> Vec<u8> {
    let mut path = a.path_bytes().to_vec();
    push_part(&mut path, b.path_bytes());
    path
}

/// `os.path.join(a, *parts)`—[`join`] of every part in turn.
///
/// ```
/// use strata_alloc::os::path::join_all;
/// assert_eq!(join_all("usr", ["lib", "x86_64", "libc.so"]), b"usr/lib/x86_64/libc.so");
/// assert_eq!(join_all("usr", ["lib", "/opt", "bin"]), b"/opt/bin");
/// ```
pub fn join_all<I>(a: impl PathLike, parts: I) -> Vec<u8>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    let mut path = a.path_bytes().to_vec();
    for b in parts {
        push_part(&mut path, b.as_ref());
    }
    path
}

fn push_part(path: &mut Vec<u8>, b: &[u8]) {
    if b.first() == Some(&SEP) {
        path.clear();
    } else if !path.is_empty() && path.last() != Some(&SEP) {
        path.push(SEP);
    }
    path.extend_from_slice(b);
}

/// `os.path.split(p)`—`(head, tail)`: `tail` is everything after the
/// last `/` (empty if `p` ends in one), `head` everything before it, with
/// its trailing slashes stripped unless it is all slashes.
///
/// ```
/// use strata_alloc::os::path::split;
/// assert_eq!(split("/usr/lib/"), (b"/usr/lib".to_vec(), b"".to_vec()));
/// assert_eq!(split("//x"), (b"//".to_vec(), b"x".to_vec()));
/// assert_eq!(split("x"), (b"".to_vec(), b"x".to_vec()));
/// ```
pub fn split(p: impl PathLike) -> (Vec<u8>, Vec<u8>) {
    let (head, tail) = split_borrowed(p.path_bytes());
    (head.to_vec(), tail.to_vec())
}

/// [`split`] without copying, for the directory-tree walkers.
pub(crate) fn split_borrowed(p: &[u8]) -> (&[u8], &[u8]) {
    let (head, tail) = p.split_at(after_last_sep(p));
    (strip_head(head), tail)
}

/// `os.path.splitext(p)`—`(root, ext)` with `root + ext == p`: `ext`
/// runs from the last `.` of the last component, unless that component
/// is nothing but leading dots before it (`.bashrc` has no extension).
///
/// ```
/// use strata_alloc::os::path::splitext;
/// assert_eq!(splitext("a/b.tar.gz"), (b"a/b.tar".to_vec(), b".gz".to_vec()));
/// assert_eq!(splitext("..bashrc"), (b"..bashrc".to_vec(), b"".to_vec()));
/// assert_eq!(splitext("a.d/b"), (b"a.d/b".to_vec(), b"".to_vec()));
/// ```
pub fn splitext(p: impl PathLike) -> (Vec<u8>, Vec<u8>) {
    let p = p.path_bytes();
    let start = after_last_sep(p);
    if let Some(dot) = p.iter().rposition(|&b| b == b'.')
        && dot >= start
        && p[start..dot].iter().any(|&b| b != b'.')
    {
        return (p[..dot].to_vec(), p[dot..].to_vec());
    }
    (p.to_vec(), Vec::new())
}

/// `os.path.splitdrive(p)`—`(b"", p)`: POSIX has no drives.
pub fn splitdrive(p: impl PathLike) -> (Vec<u8>, Vec<u8>) {
    (Vec::new(), p.path_bytes().to_vec())
}

/// `os.path.basename(p)`—the part after the last `/` (`split(p).1`).
pub fn basename(p: impl PathLike) -> Vec<u8> {
    let p = p.path_bytes();
    p[after_last_sep(p)..].to_vec()
}

/// `os.path.dirname(p)`—the part before the last `/` (`split(p).0`).
pub fn dirname(p: impl PathLike) -> Vec<u8> {
    let p = p.path_bytes();
    strip_head(&p[..after_last_sep(p)]).to_vec()
}

/// `os.path.normpath(path)`—`path` without `.` components, doubled
/// slashes, trailing slashes, and `x/..` pairs; `.` for an empty result.
///
/// Purely textual, so it can change the meaning of a path through a
/// symbolic link (`link/..`). Leading `..` stay in a relative path and go
/// in an absolute one. As POSIX allows, exactly two leading slashes stay
/// two (their meaning is implementation-defined); one, or three and more,
/// become one.
///
/// ```
/// use strata_alloc::os::path::normpath;
/// assert_eq!(normpath("/../a/./b//"), b"/a/b");
/// assert_eq!(normpath("../a/../../b"), b"../../b");
/// assert_eq!(normpath("///a"), b"/a");
/// assert_eq!(normpath(""), b".");
/// ```
pub fn normpath(path: impl PathLike) -> Vec<u8> {
    let path = path.path_bytes();
    let initial = match path {
        [SEP, SEP, SEP, ..] => 1,
        [SEP, SEP, ..] => 2,
        [SEP, ..] => 1,
        _ => 0,
    };
    let mut comps: Vec<&[u8]> = Vec::new();
    for comp in path.split(|&b| b == SEP) {
        match comp {
            b"" | b"." => {}
            b".." if initial > 0 || comps.last().is_some_and(|&c| c != b"..") => {
                comps.pop();
            }
            _ => comps.push(comp),
        }
    }
    let mut out = Vec::with_capacity(path.len().max(1));
    out.resize(initial, SEP);
    for (k, comp) in comps.iter().enumerate() {
        if k > 0 {
            out.push(SEP);
        }
        out.extend_from_slice(comp);
    }
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

/// `os.path.commonprefix(m)`—the longest leading run of bytes that every
/// item shares; empty for no items. A string rule, not a path one:
/// `commonprefix(["/usr/lib", "/usr/local"])` is `/usr/l` (see
/// [`commonpath`]).
pub fn commonprefix<I>(m: I) -> Vec<u8>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    let items: Vec<I::Item> = m.into_iter().collect();
    let mut it = items.iter().map(AsRef::as_ref);
    let Some(first) = it.next() else {
        return Vec::new();
    };
    // As Python: the common prefix of the smallest and the largest item.
    let (s1, s2) = it.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p)));
    let n = s1.iter().zip(s2).take_while(|(a, b)| a == b).count();
    s1[..n].to_vec()
}

/// `os.path.commonpath(paths)`—the longest sub-path, by whole components,
/// that every path shares (`.` and empty components ignored, no other
/// normalisation).
///
/// `ValueError` for no paths (`commonpath() arg is an empty sequence`) or a
/// mix of absolute and relative ones (`Can't mix absolute and relative
/// paths`).
///
/// ```
/// use strata_alloc::os::path::commonpath;
/// assert_eq!(commonpath(["/usr/lib", "/usr/local/"]).unwrap(), b"/usr");
/// assert_eq!(commonpath(["a/./b", "a/b/c"]).unwrap(), b"a/b");
/// let none: [&str; 0] = [];
/// assert_eq!(commonpath(none).unwrap_err().message(), "commonpath() arg is an empty sequence");
/// ```
pub fn commonpath<I>(paths: I) -> Result<Vec<u8>, ValueError>
where
    I: IntoIterator,
    I::Item: PathLike,
{
    let items: Vec<I::Item> = paths.into_iter().collect();
    let Some(first) = items.first() else {
        return Err(ValueError::new("commonpath() arg is an empty sequence"));
    };
    let absolute = isabs(first);
    if items.iter().any(|p| isabs(p) != absolute) {
        return Err(ValueError::new("Can't mix absolute and relative paths"));
    }
    let comps = |p: &[u8]| -> Vec<Vec<u8>> {
        p.split(|&b| b == SEP)
            .filter(|c| !c.is_empty() && *c != b".")
            .map(<[u8]>::to_vec)
            .collect()
    };
    let split: Vec<Vec<Vec<u8>>> = items.iter().map(|p| comps(p.path_bytes())).collect();
    let s1 = split.iter().min().map_or(&[][..], Vec::as_slice);
    let s2 = split.iter().max().map_or(&[][..], Vec::as_slice);
    let n = s1.iter().zip(s2).take_while(|(a, b)| a == b).count();
    let mut out = Vec::new();
    if absolute {
        out.push(SEP);
    }
    for (k, c) in s1[..n].iter().enumerate() {
        if k > 0 {
            out.push(SEP);
        }
        out.extend_from_slice(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normpath_follows_posix_for_leading_slashes() {
        assert_eq!(normpath("//"), b"//");
        assert_eq!(normpath("///"), b"/");
        assert_eq!(normpath("//.."), b"//");
        assert_eq!(normpath("/.."), b"/");
        assert_eq!(normpath(".."), b"..");
        assert_eq!(normpath("a/.."), b".");
        assert_eq!(normpath("a/../.."), b"..");
        assert_eq!(normpath("../../a/b/../c"), b"../../a/c");
        assert_eq!(normpath(b"\xff/./\xfe"), b"\xff/\xfe");
    }

    #[test]
    fn split_and_join_round_trip() {
        for p in ["a/b", "/a", "//a", "a//b", "a/b/", "/", "", "x"] {
            let (head, tail) = split(p);
            assert_eq!(normpath(join(&head, &tail)), normpath(p), "{p}");
            assert_eq!(basename(p), tail);
            assert_eq!(dirname(p), head);
        }
    }

    #[test]
    fn commonprefix_is_by_bytes() {
        assert_eq!(commonprefix(["/usr/lib", "/usr/local"]), b"/usr/l");
        assert_eq!(commonprefix(["abc"]), b"abc");
        assert_eq!(commonprefix(Vec::<&str>::new()), b"");
        assert_eq!(commonprefix(["b", "a", "ab"]), b"");
    }

    #[test]
    fn commonpath_errors() {
        assert_eq!(
            commonpath(["/a", "a"]).unwrap_err().message(),
            "Can't mix absolute and relative paths"
        );
        assert_eq!(commonpath([""]).unwrap(), b"");
        assert_eq!(commonpath(["/"]).unwrap(), b"/");
    }
}
