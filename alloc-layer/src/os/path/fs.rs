//! The path functions that ask the file system: questions that answer
//! `false` on any error, getters that return the error, and the
//! resolution of `abspath`, `realpath` and `relpath`.

use super::pure::{isabs, join, normpath, split};
use crate::os::Error;
use crate::os::PathLike;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::os::{self as core_os, AsFd, StatResult};

/// `os.path.exists(path)`—whether `path` names something, following
/// symbolic links (`false` for a dangling link, and for any error:
/// permission, a NUL in the path, a name too long).
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn exists(path: impl PathLike) -> bool {
    core_os::stat(path.path_bytes()).is_ok()
}

/// `os.path.lexists(path)`—like [`exists`], but `true` for a dangling
/// symbolic link (`lstat`).
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html)
pub fn lexists(path: impl PathLike) -> bool {
    core_os::lstat(path.path_bytes()).is_ok()
}

/// `os.path.isdir(path)`—whether `path` is a directory, following
/// symbolic links; `false` on any error.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn isdir(path: impl PathLike) -> bool {
    core_os::stat(path.path_bytes()).is_ok_and(|s| s.is_dir())
}

/// `os.path.isfile(path)`—whether `path` is a regular file, following
/// symbolic links; `false` on any error.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn isfile(path: impl PathLike) -> bool {
    core_os::stat(path.path_bytes()).is_ok_and(|s| s.is_file())
}

/// `os.path.islink(path)`—whether `path` is a symbolic link; `false` on
/// any error.
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html)
pub fn islink(path: impl PathLike) -> bool {
    core_os::lstat(path.path_bytes()).is_ok_and(|s| s.is_symlink())
}

/// `os.path.ismount(path)`—whether `path` is a mount point: a directory
/// (not a symbolic link) whose `..` is on another device, or is the same
/// inode (the root). `false` on any error.
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html)
pub fn ismount(path: impl PathLike) -> bool {
    let path = path.path_bytes();
    let Ok(s1) = core_os::lstat(path.path_bytes()) else {
        return false;
    };
    if s1.is_symlink() {
        return false;
    }
    let Ok(parent) = realpath(join(path, "..")) else {
        return false;
    };
    let Ok(s2) = core_os::lstat(&parent) else {
        return false;
    };
    s1.st_dev != s2.st_dev || s1.st_ino == s2.st_ino
}

/// `os.path.getsize(path)`—`os.stat(path).st_size`.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn getsize(path: impl PathLike) -> Result<i64, Error> {
    crate::os::stat(path).map(|s| s.st_size)
}

/// `os.path.getmtime(path)`—`os.stat(path).st_mtime`, in seconds.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn getmtime(path: impl PathLike) -> Result<f64, Error> {
    crate::os::stat(path).map(|s| s.st_mtime)
}

/// `os.path.getatime(path)`—`os.stat(path).st_atime`, in seconds.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn getatime(path: impl PathLike) -> Result<f64, Error> {
    crate::os::stat(path).map(|s| s.st_atime)
}

/// `os.path.getctime(path)`—`os.stat(path).st_ctime` (the last status
/// change on Linux, not a creation time), in seconds.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn getctime(path: impl PathLike) -> Result<f64, Error> {
    crate::os::stat(path).map(|s| s.st_ctime)
}

/// `os.path.samestat(s1, s2)`—whether two stat results are of the same
/// file (device and inode).
pub fn samestat(s1: &StatResult, s2: &StatResult) -> bool {
    s1.samestat(s2)
}

/// `os.path.samefile(f1, f2)`—whether two paths name the same file,
/// following symbolic links; the error of either `stat` otherwise.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn samefile(f1: impl PathLike, f2: impl PathLike) -> Result<bool, Error> {
    let s1 = crate::os::stat(f1)?;
    let s2 = crate::os::stat(f2)?;
    Ok(s1.samestat(&s2))
}

/// `os.path.sameopenfile(fp1, fp2)`—whether two open files are the same
/// file (the same descriptor or not).
///
/// # References
/// - [fstat(2)](https://man7.org/linux/man-pages/man2/fstat.2.html)
pub fn sameopenfile(fd1: impl AsFd, fd2: impl AsFd) -> Result<bool, Error> {
    let s1 = core_os::fstat(fd1).map_err(|e| Error::new(e, "fstat"))?;
    let s2 = core_os::fstat(fd2).map_err(|e| Error::new(e, "fstat"))?;
    Ok(s1.samestat(&s2))
}

/// `os.path.abspath(path)`—`normpath(join(os.getcwdb(), path))`; an
/// absolute path is only normalised, with no system call.
///
/// # References
/// - [getcwd(3)](https://man7.org/linux/man-pages/man3/getcwd.3.html)
pub fn abspath(path: impl PathLike) -> Result<Vec<u8>, Error> {
    let path = path.path_bytes();
    if isabs(path) {
        Ok(normpath(path))
    } else {
        Ok(normpath(join(crate::os::getcwdb()?, path)))
    }
}

/// `os.path.realpath(path)`—the canonical path: absolute, normalised, each
/// symbolic link on the way replaced by its target, resolved again.
///
/// Python 3.11's rules (`strict=False`): a component that does not exist
/// (or cannot be examined) is kept as it is and resolution goes on; a
/// symbolic link loop stops resolution there and the rest of the path is
/// appended unresolved. `..` after a symbolic link goes up from the link's
/// target, as the kernel does.
///
/// Errors: an embedded NUL (`EINVAL`; Python: `ValueError`), a link that
/// cannot be read although `lstat` called it one, the working directory
/// for a relative result, and `ELOOP` for links nested 900 deep in each
/// other's targets (which only links that climb through ever more `..`
/// reach; Python: `RecursionError`).
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html),
///   [readlink(2)](https://man7.org/linux/man-pages/man2/readlink.2.html),
///   [realpath(3)](https://man7.org/linux/man-pages/man3/realpath.3.html)
pub fn realpath(path: impl PathLike) -> Result<Vec<u8>, Error> {
    let (resolved, _) = joinrealpath(path.path_bytes(), false)?;
    abspath(resolved)
}

/// `os.path.realpath(path, strict=True)`—[`realpath`], except that a
/// component that does not exist is its `lstat` error, and a symbolic link
/// loop is `ELOOP`.
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html),
///   [readlink(2)](https://man7.org/linux/man-pages/man2/readlink.2.html)
pub fn realpath_strict(path: impl PathLike) -> Result<Vec<u8>, Error> {
    let (resolved, _) = joinrealpath(path.path_bytes(), true)?;
    abspath(resolved)
}

/// How deep links may nest inside links' targets before [`realpath`]
/// gives up: about where CPython's recursion limit (1000 frames) stops
/// its `_joinrealpath`.
const MAX_NESTED_LINKS: usize = 900;

/// A symbolic link being resolved: its path, and what was left of the
/// path around it when it was met.
struct Pending {
    link: Vec<u8>,
    rest: Vec<u8>,
}

/// The symbolic links met so far: `None` while a link is being resolved
/// (meeting it again is a loop), then its resolution.
struct Seen(Vec<(Vec<u8>, Option<Vec<u8>>)>);

impl Seen {
    fn get(&self, link: &[u8]) -> Option<&Option<Vec<u8>>> {
        self.0.iter().find(|(l, _)| l == link).map(|(_, r)| r)
    }

    fn set(&mut self, link: &[u8], resolved: Option<Vec<u8>>) {
        match self.0.iter_mut().find(|(l, _)| l == link) {
            Some(entry) => entry.1 = resolved,
            None => self.0.push((link.to_vec(), resolved)),
        }
    }
}

/// Python's `_joinrealpath('', rest, strict, {})`, with the recursion into
/// each link's target made a loop over a stack of [`Pending`] links, so
/// that a long chain of links cannot exhaust the stack. Returns the path
/// and whether it resolved completely (no loop).
fn joinrealpath(rest: &[u8], strict: bool) -> Result<(Vec<u8>, bool), Error> {
    let mut path: Vec<u8> = Vec::new();
    let mut rest: Vec<u8> = rest.to_vec();
    let mut pos = 0;
    let mut pending: Vec<Pending> = Vec::new();
    let mut seen = Seen(Vec::new());
    if isabs(&rest) {
        pos = 1;
        path = b"/".to_vec();
    }
    loop {
        if pos >= rest.len() {
            // This part is done: the link whose target it was is resolved.
            let Some(done) = pending.pop() else {
                return Ok((path, true));
            };
            seen.set(&done.link, Some(path.clone()));
            rest = done.rest;
            pos = 0;
            continue;
        }
        let end = rest[pos..]
            .iter()
            .position(|&b| b == b'/')
            .map_or(rest.len(), |i| pos + i);
        let name = &rest[pos..end];
        let after = (end + 1).min(rest.len());
        if name.is_empty() || name == b"." {
            pos = after;
            continue;
        }
        if name == b".." {
            if path.is_empty() {
                path = b"..".to_vec();
            } else {
                let (head, tail) = split(&path);
                path = if tail == b".." {
                    join(join(head, ".."), "..")
                } else {
                    head
                };
            }
            pos = after;
            continue;
        }
        let newpath = join(&path, name);
        if newpath.contains(&0) {
            // Python's os.lstat raises ValueError, which realpath lets out.
            return Err(Error::new(Errno::INVAL, "lstat").with_path(&newpath));
        }
        let is_link = match core_os::lstat(&newpath) {
            Ok(st) => st.is_symlink(),
            Err(e) if strict => return Err(Error::new(e, "lstat").with_path(&newpath)),
            Err(_) => false,
        };
        if !is_link {
            path = newpath;
            pos = after;
            continue;
        }
        match seen.get(&newpath) {
            Some(Some(resolved)) => {
                path = resolved.clone();
                pos = after;
                continue;
            }
            Some(None) => {
                if strict {
                    let e = core_os::stat(&newpath).err().unwrap_or(Errno::LOOP);
                    return Err(Error::new(e, "stat").with_path(&newpath));
                }
                // A loop: what is resolved, then the rest as it is, and so
                // on out through every link being resolved.
                let mut out = join(&newpath, &rest[after..]);
                while let Some(p) = pending.pop() {
                    out = join(out, &p.rest);
                }
                return Ok((out, false));
            }
            None => {}
        }
        if pending.len() >= MAX_NESTED_LINKS {
            // Links whose targets climb through ever more `..` are new
            // paths each time, so `seen` never catches them; Python's
            // recursion gives up with RecursionError.
            return Err(Error::new(Errno::LOOP, "realpath").with_path(&newpath));
        }
        seen.set(&newpath, None);
        let target = crate::os::readlink(&newpath)?;
        pending.push(Pending {
            link: newpath,
            rest: rest[after..].to_vec(),
        });
        rest = target;
        pos = 0;
        if isabs(&rest) {
            pos = 1;
            path = b"/".to_vec();
        }
    }
}

/// `os.path.relpath(path, start)`—`path` relative to `start`, both made
/// absolute first ([`abspath`]), without looking at symbolic links. Pass
/// `"."` for Python's `start=None`.
///
/// `ValueError` for an empty `path` (`no path specified`); the working
/// directory's error when either is relative and it cannot be read.
///
/// ```
/// use strata_alloc::os::path::relpath;
/// assert_eq!(relpath("/usr/lib", "/usr/share/doc").unwrap(), b"../../lib");
/// assert_eq!(relpath("/a", "/a").unwrap(), b".");
/// assert!(relpath("", ".").is_err());
/// ```
///
/// # References
/// - [getcwd(3)](https://man7.org/linux/man-pages/man3/getcwd.3.html)
pub fn relpath(path: impl PathLike, start: impl PathLike) -> Result<Vec<u8>, super::Error> {
    let path = path.path_bytes();
    if path.is_empty() {
        return Err(super::ValueError::new("no path specified").into());
    }
    let start_abs = abspath(start)?;
    let path_abs = abspath(path)?;
    let comps = |p: &[u8]| -> Vec<Vec<u8>> {
        p.split(|&b| b == b'/')
            .filter(|c| !c.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    };
    let start_list = comps(&start_abs);
    let path_list = comps(&path_abs);
    // Python takes commonprefix() of the two lists: the shared leading
    // components.
    let i = start_list
        .iter()
        .zip(&path_list)
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel: Vec<&[u8]> = Vec::new();
    rel.extend(core::iter::repeat_n(&b".."[..], start_list.len() - i));
    rel.extend(path_list[i..].iter().map(Vec::as_slice));
    if rel.is_empty() {
        return Ok(b".".to_vec());
    }
    Ok(super::join_all(rel[0], &rel[1..]))
}
