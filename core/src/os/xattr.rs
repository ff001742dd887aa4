//! Linux extended attributes: Python's `os.getxattr`, `setxattr`,
//! `listxattr` and `removexattr`.
//!
//! Python takes a path or an fd in one argument; here the fd forms are
//! separate functions (`fgetxattr`, ...), as in C. Values and name lists
//! are written into the caller's buffer (the alloc layer returns owned
//! ones); an empty buffer asks for the size needed.

use super::path::CPath;
use crate::errno::Errno;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use rustix::fd::{AsFd, AsRawFd};
use strata_arch::{syscall2, syscall3, syscall4, syscall5};

/// `os.XATTR_CREATE`: fail with `EEXIST` if the attribute exists.
pub const XATTR_CREATE: i32 = 1;
/// `os.XATTR_REPLACE`: fail with `ENODATA` unless the attribute exists.
pub const XATTR_REPLACE: i32 = 2;
/// `os.XATTR_SIZE_MAX`: the largest value Linux stores.
pub const XATTR_SIZE_MAX: usize = 65536;

fn pick(follow_symlinks: bool, follow: u32, nofollow: u32) -> usize {
    nr(if follow_symlinks { follow } else { nofollow })
}

/// `os.getxattr(path, attribute, follow_symlinks=...)`—the value of an
/// attribute, written into `buf` (`ERANGE` if it does not fit; an empty
/// `buf` returns an empty slice after checking the attribute exists).
///
/// # References
/// - [getxattr(2)](https://man7.org/linux/man-pages/man2/getxattr.2.html)
pub fn getxattr(
    path: impl AsRef<[u8]>,
    attribute: impl AsRef<[u8]>,
    buf: &mut [u8],
    follow_symlinks: bool,
) -> Result<&[u8], Errno> {
    let p = CPath::new(path.as_ref())?;
    let a = CPath::new(attribute.as_ref())?;
    let call = pick(follow_symlinks, k::__NR_getxattr, k::__NR_lgetxattr);
    // SAFETY: two C strings we own; the kernel writes at most buf.len()
    // bytes into buf.
    let len = result(unsafe {
        syscall4(
            call,
            p.as_cstr().as_ptr() as usize,
            a.as_cstr().as_ptr() as usize,
            buf.as_mut_ptr() as usize,
            buf.len(),
        )
    })?;
    Ok(&buf[..len.min(buf.len())])
}

/// `os.getxattr(fd, attribute)`.
///
/// # References
/// - [fgetxattr(2)](https://man7.org/linux/man-pages/man2/fgetxattr.2.html)
pub fn fgetxattr(
    fd: impl AsFd,
    attribute: impl AsRef<[u8]>,
    buf: &mut [u8],
) -> Result<&[u8], Errno> {
    let a = CPath::new(attribute.as_ref())?;
    // SAFETY: as in getxattr.
    let len = result(unsafe {
        syscall4(
            nr(k::__NR_fgetxattr),
            fd.as_fd().as_raw_fd() as usize,
            a.as_cstr().as_ptr() as usize,
            buf.as_mut_ptr() as usize,
            buf.len(),
        )
    })?;
    Ok(&buf[..len.min(buf.len())])
}

/// `os.setxattr(path, attribute, value, flags=0, follow_symlinks=...)`.
/// `flags`: 0, [`XATTR_CREATE`] or [`XATTR_REPLACE`].
///
/// # References
/// - [setxattr(2)](https://man7.org/linux/man-pages/man2/setxattr.2.html)
pub fn setxattr(
    path: impl AsRef<[u8]>,
    attribute: impl AsRef<[u8]>,
    value: &[u8],
    flags: i32,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    let p = CPath::new(path.as_ref())?;
    let a = CPath::new(attribute.as_ref())?;
    let call = pick(follow_symlinks, k::__NR_setxattr, k::__NR_lsetxattr);
    // SAFETY: two C strings and a value the kernel only reads.
    result(unsafe {
        syscall5(
            call,
            p.as_cstr().as_ptr() as usize,
            a.as_cstr().as_ptr() as usize,
            value.as_ptr() as usize,
            value.len(),
            flags as usize,
        )
    })
    .map(drop)
}

/// `os.setxattr(fd, attribute, value, flags=0)`.
///
/// # References
/// - [fsetxattr(2)](https://man7.org/linux/man-pages/man2/fsetxattr.2.html)
pub fn fsetxattr(
    fd: impl AsFd,
    attribute: impl AsRef<[u8]>,
    value: &[u8],
    flags: i32,
) -> Result<(), Errno> {
    let a = CPath::new(attribute.as_ref())?;
    // SAFETY: a C string and a value the kernel only reads.
    result(unsafe {
        syscall5(
            nr(k::__NR_fsetxattr),
            fd.as_fd().as_raw_fd() as usize,
            a.as_cstr().as_ptr() as usize,
            value.as_ptr() as usize,
            value.len(),
            flags as usize,
        )
    })
    .map(drop)
}

/// `os.listxattr(path, follow_symlinks=...)`—the attribute names, read
/// into `buf` (`ERANGE` if they do not fit).
///
/// # References
/// - [listxattr(2)](https://man7.org/linux/man-pages/man2/listxattr.2.html)
pub fn listxattr<'b>(
    path: impl AsRef<[u8]>,
    buf: &'b mut [u8],
    follow_symlinks: bool,
) -> Result<XattrNames<'b>, Errno> {
    let p = CPath::new(path.as_ref())?;
    let call = pick(follow_symlinks, k::__NR_listxattr, k::__NR_llistxattr);
    // SAFETY: a C string; the kernel writes at most buf.len() bytes.
    let len = result(unsafe {
        syscall3(
            call,
            p.as_cstr().as_ptr() as usize,
            buf.as_mut_ptr() as usize,
            buf.len(),
        )
    })?;
    Ok(XattrNames::new(&buf[..len.min(buf.len())]))
}

/// `os.listxattr(fd)`.
///
/// # References
/// - [flistxattr(2)](https://man7.org/linux/man-pages/man2/flistxattr.2.html)
pub fn flistxattr<'b>(fd: impl AsFd, buf: &'b mut [u8]) -> Result<XattrNames<'b>, Errno> {
    // SAFETY: the kernel writes at most buf.len() bytes.
    let len = result(unsafe {
        syscall3(
            nr(k::__NR_flistxattr),
            fd.as_fd().as_raw_fd() as usize,
            buf.as_mut_ptr() as usize,
            buf.len(),
        )
    })?;
    Ok(XattrNames::new(&buf[..len.min(buf.len())]))
}

/// The names [`listxattr`] read: NUL-separated in the buffer.
#[derive(Clone, Debug)]
pub struct XattrNames<'b> {
    rest: &'b [u8],
    total: usize,
}

impl<'b> XattrNames<'b> {
    fn new(rest: &'b [u8]) -> Self {
        XattrNames {
            rest,
            total: rest.len(),
        }
    }

    /// The bytes the names take, NULs included (what a size query gives).
    pub fn byte_len(&self) -> usize {
        self.total
    }
}

impl<'b> Iterator for XattrNames<'b> {
    type Item = &'b [u8];

    fn next(&mut self) -> Option<&'b [u8]> {
        while !self.rest.is_empty() {
            let end = self
                .rest
                .iter()
                .position(|&b| b == 0)
                .unwrap_or(self.rest.len());
            let name = &self.rest[..end];
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if !name.is_empty() {
                return Some(name);
            }
        }
        None
    }
}

/// `os.removexattr(path, attribute, follow_symlinks=...)`.
///
/// # References
/// - [removexattr(2)](https://man7.org/linux/man-pages/man2/removexattr.2.html)
pub fn removexattr(
    path: impl AsRef<[u8]>,
    attribute: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<(), Errno> {
    let p = CPath::new(path.as_ref())?;
    let a = CPath::new(attribute.as_ref())?;
    let call = pick(follow_symlinks, k::__NR_removexattr, k::__NR_lremovexattr);
    // SAFETY: two C strings the kernel only reads.
    result(unsafe {
        syscall2(
            call,
            p.as_cstr().as_ptr() as usize,
            a.as_cstr().as_ptr() as usize,
        )
    })
    .map(drop)
}

/// `os.removexattr(fd, attribute)`.
///
/// # References
/// - [fremovexattr(2)](https://man7.org/linux/man-pages/man2/fremovexattr.2.html)
pub fn fremovexattr(fd: impl AsFd, attribute: impl AsRef<[u8]>) -> Result<(), Errno> {
    let a = CPath::new(attribute.as_ref())?;
    // SAFETY: a C string the kernel only reads.
    result(unsafe {
        syscall2(
            nr(k::__NR_fremovexattr),
            fd.as_fd().as_raw_fd() as usize,
            a.as_cstr().as_ptr() as usize,
        )
    })
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_nuls() {
        let names: std::vec::Vec<_> = XattrNames::new(b"user.a\0user.bb\0").collect();
        assert_eq!(names, [&b"user.a"[..], &b"user.bb"[..]]);
        assert_eq!(XattrNames::new(b"").count(), 0);
        assert_eq!(
            XattrNames::new(b"x\0\0y")
                .collect::<std::vec::Vec<_>>()
                .len(),
            2
        );
    }
}
