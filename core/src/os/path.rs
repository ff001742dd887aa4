//! Path arguments: bytes from the caller, a NUL-terminated copy on the
//! stack for the kernel.
//!
//! Python takes `str`, `bytes` or a path-like object and raises
//! `ValueError` for an embedded NUL. Here a path is anything that is
//! `AsRef<[u8]>` (`&str`, `&[u8]`, `String`, `Vec<u8>`); an embedded NUL is
//! `EINVAL` and a path of `PATH_MAX` bytes or more is `ENAMETOOLONG`, both
//! as values, before any system call.

use crate::errno::Errno;
use core::ffi::CStr;
use core::mem::MaybeUninit;

/// The longest path the kernel takes, NUL included (`PATH_MAX`).
pub const PATH_MAX: usize = 4096;

/// `os.TMP_MAX`: glibc's count of the distinct names `tmpnam` can make
/// (238328, 62 to the 3rd power). Strata has no `tmpnam`; the constant is
/// here for code that reads Python's.
pub const TMP_MAX: i32 = 238_328;

/// `os.curdir`.
#[doc(alias = "curdir")]
pub const CURDIR: &str = ".";
/// `os.pardir`.
#[doc(alias = "pardir")]
pub const PARDIR: &str = "..";
/// `os.sep`.
#[doc(alias = "sep")]
pub const SEP: &str = "/";
/// `os.altsep` (`None` on POSIX).
#[doc(alias = "altsep")]
pub const ALTSEP: Option<&str> = None;
/// `os.extsep`.
#[doc(alias = "extsep")]
pub const EXTSEP: &str = ".";
/// `os.pathsep`: the separator of `PATH` entries.
#[doc(alias = "pathsep")]
pub const PATHSEP: &str = ":";
/// `os.defpath`: the search path when the environment has no `PATH`.
#[doc(alias = "defpath")]
pub const DEFPATH: &str = "/bin:/usr/bin";
/// `os.linesep`.
#[doc(alias = "linesep")]
pub const LINESEP: &str = "\n";
/// `os.devnull`.
#[doc(alias = "devnull")]
pub const DEVNULL: &str = "/dev/null";
/// `os.name`.
#[doc(alias = "name")]
pub const NAME: &str = "posix";

/// A path copied with its terminating NUL, ready for a system call.
///
/// The buffer is left uninitialised past the NUL: a path call should not
/// pay for clearing 4 KiB.
pub(crate) struct CPath {
    buf: [MaybeUninit<u8>; PATH_MAX],
    len: usize,
}

impl CPath {
    /// Copies `path`, refusing an embedded NUL (`EINVAL`) or one too long
    /// for the kernel (`ENAMETOOLONG`).
    #[inline]
    pub(crate) fn new(path: &[u8]) -> Result<CPath, Errno> {
        let mut c = CPath {
            buf: [MaybeUninit::uninit(); PATH_MAX],
            len: 0,
        };
        c.push(path)?;
        Ok(c)
    }

    /// Appends bytes, keeping the NUL terminator.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Result<(), Errno> {
        if memchr_nul(bytes) {
            return Err(Errno::INVAL);
        }
        let end = self.len + bytes.len();
        if end >= PATH_MAX {
            return Err(Errno::NAMETOOLONG);
        }
        // SAFETY: self.len + bytes.len() < PATH_MAX, so the copy and the
        // NUL stay inside the buffer; MaybeUninit<u8> has u8's layout.
        unsafe {
            core::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                self.buf.as_mut_ptr().add(self.len).cast::<u8>(),
                bytes.len(),
            );
        }
        self.buf[end] = MaybeUninit::new(0);
        self.len = end;
        Ok(())
    }

    /// `dir` joined with `name` as `os.path.join` does for a relative
    /// `name` ("" + name is name; a `/` is added unless `dir` ends in one).
    pub(crate) fn join(dir: &[u8], name: &[u8]) -> Result<CPath, Errno> {
        let mut c = CPath::new(dir)?;
        if !dir.is_empty() && !dir.ends_with(b"/") {
            c.push(b"/")?;
        }
        c.push(name)?;
        Ok(c)
    }

    /// `/proc/self/fd/N`: the path through which the kernel reaches what
    /// fd `N` has open (chmod of an `O_PATH` fd, `fexecve` without
    /// `execveat`, `ttyname`).
    pub(crate) fn proc_self_fd(fd: i32) -> Result<CPath, Errno> {
        let mut c = CPath::new(b"/proc/self/fd/")?;
        let mut digits = [0u8; 12];
        c.push(super::files::decimal(check_fd(fd)? as u32, &mut digits))?;
        Ok(c)
    }

    /// The path without its NUL.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        // SAFETY: buf[..len] was written by `push`.
        unsafe { core::slice::from_raw_parts(self.buf.as_ptr().cast::<u8>(), self.len) }
    }

    /// The path as a C string.
    pub(crate) fn as_cstr(&self) -> &CStr {
        // SAFETY: `push` refused interior NULs and always writes a NUL at
        // `len`, so buf[..=len] is initialised and is one C string.
        unsafe {
            CStr::from_bytes_with_nul_unchecked(core::slice::from_raw_parts(
                self.buf.as_ptr().cast::<u8>(),
                self.len + 1,
            ))
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// Paths shorter than this are copied into a small stack buffer; most
/// are (rustix picks the same size).
const SMALL: usize = 256;

/// Copies `parts` one after another into `buf` with a NUL after them,
/// refusing an embedded NUL (`EINVAL`) or a result of `buf.len()` bytes
/// or more (`ENAMETOOLONG`).
#[inline]
fn cstr_in<'b>(buf: &'b mut [MaybeUninit<u8>], parts: &[&[u8]]) -> Result<&'b CStr, Errno> {
    let mut len = 0;
    for part in parts {
        if memchr_nul(part) {
            return Err(Errno::INVAL);
        }
        let end = len + part.len();
        if end >= buf.len() {
            return Err(Errno::NAMETOOLONG);
        }
        // SAFETY: len + part.len() < buf.len(), so the copy stays inside
        // the buffer; MaybeUninit<u8> has u8's layout.
        unsafe {
            core::ptr::copy_nonoverlapping(
                part.as_ptr(),
                buf.as_mut_ptr().add(len).cast::<u8>(),
                part.len(),
            );
        }
        len = end;
    }
    buf[len] = MaybeUninit::new(0);
    // SAFETY: buf[..=len] was written just now: the parts, which hold no
    // NUL, then one NUL.
    Ok(unsafe {
        CStr::from_bytes_with_nul_unchecked(core::slice::from_raw_parts(
            buf.as_ptr().cast::<u8>(),
            len + 1,
        ))
    })
}

/// Runs `f` with the concatenation of `parts` as a C string, built in a
/// stack buffer of this frame: nothing is moved, which matters when a
/// directory walk makes one such call per file.
#[inline]
fn with_parts<T, E: Into<Errno>>(
    parts: &[&[u8]],
    f: impl FnOnce(&CStr) -> Result<T, E>,
) -> Result<T, Errno> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len < SMALL {
        let mut buf = [MaybeUninit::<u8>::uninit(); SMALL];
        f(cstr_in(&mut buf, parts)?).map_err(Into::into)
    } else {
        let mut buf = [MaybeUninit::<u8>::uninit(); PATH_MAX];
        f(cstr_in(&mut buf, parts)?).map_err(Into::into)
    }
}

/// Runs `f` with `path` as a C string (see the module doc for the errors).
#[inline]
pub(crate) fn with_path<T, E: Into<Errno>>(
    path: &[u8],
    f: impl FnOnce(&CStr) -> Result<T, E>,
) -> Result<T, Errno> {
    with_parts(&[path], f)
}

/// Runs `f` with `dir` joined to `name` as [`CPath::join`] joins them.
#[inline]
pub(crate) fn with_join<T, E: Into<Errno>>(
    dir: &[u8],
    name: &[u8],
    f: impl FnOnce(&CStr) -> Result<T, E>,
) -> Result<T, Errno> {
    let sep: &[u8] = if dir.is_empty() || dir.ends_with(b"/") {
        b""
    } else {
        b"/"
    };
    with_parts(&[dir, sep, name], f)
}

/// A negative fd number is `EBADF`, as the kernel would say, without
/// reaching it (a negative raw fd may not become a `BorrowedFd`).
#[inline]
pub(crate) fn check_fd(fd: i32) -> Result<i32, Errno> {
    if fd < 0 { Err(Errno::BADF) } else { Ok(fd) }
}

/// `os.path.basename`-free helper: whether a name is `.` or `..`.
#[inline]
pub(crate) fn is_dot_or_dotdot(name: &[u8]) -> bool {
    name == b"." || name == b".."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked_and_terminated() {
        let p = CPath::new(b"/etc/passwd").unwrap();
        assert_eq!(p.as_cstr().to_bytes(), b"/etc/passwd");
        assert_eq!(CPath::new(b"a\0b").err(), Some(Errno::INVAL));
        assert!(CPath::new(&[b'a'; PATH_MAX - 1]).is_ok());
        assert_eq!(
            CPath::new(&[b'a'; PATH_MAX]).err(),
            Some(Errno::NAMETOOLONG)
        );
        assert_eq!(CPath::new(b"").unwrap().as_bytes(), b"");
    }

    #[test]
    fn join_follows_os_path_join_for_relative_names() {
        assert_eq!(CPath::join(b"", b"ls").unwrap().as_bytes(), b"ls");
        assert_eq!(CPath::join(b"/bin", b"ls").unwrap().as_bytes(), b"/bin/ls");
        assert_eq!(CPath::join(b"/bin/", b"ls").unwrap().as_bytes(), b"/bin/ls");
        assert_eq!(CPath::join(b".", b"x").unwrap().as_bytes(), b"./x");
        assert_eq!(check_fd(-1), Err(Errno::BADF));
        let joined = with_join(b"/bin", b"ls", |c| Ok::<_, Errno>(c.to_bytes().to_vec()));
        assert_eq!(joined.as_deref(), Ok(&b"/bin/ls"[..]));
        let joined = with_join(b"", b"ls", |c| Ok::<_, Errno>(c.to_bytes().to_vec()));
        assert_eq!(joined.as_deref(), Ok(&b"ls"[..]));
        let long = std::vec![b'a'; 300];
        let copied = with_path(&long, |c| Ok::<_, Errno>(c.to_bytes().len()));
        assert_eq!(copied, Ok(300), "the large buffer takes over");
        assert_eq!(with_path(b"a\0", |_| Ok::<_, Errno>(())), Err(Errno::INVAL));
        assert_eq!(
            with_path(&[b'a'; PATH_MAX], |_| Ok::<_, Errno>(())),
            Err(Errno::NAMETOOLONG)
        );
        assert_eq!(check_fd(3), Ok(3));
        assert!(is_dot_or_dotdot(b"..") && !is_dot_or_dotdot(b"...x"));
    }
}
