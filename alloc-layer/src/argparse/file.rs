//! `argparse.FileType` and the file reading behind `fromfile_prefix_chars`.
//!
//! Core has no `open` yet, so the three calls needed here (openat, read,
//! close, plus write for the opened files) go straight to the kernel through
//! the arch layer's raw syscalls; when core's `os` gains `open`, this file
//! is the one to change.

use super::pystr;
use crate::errno::{self, Errno};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use strata_core::__private::strata_arch as arch;

#[cfg(target_arch = "x86_64")]
mod nr {
    pub const READ: usize = 0;
    pub const WRITE: usize = 1;
    pub const CLOSE: usize = 3;
    pub const OPENAT: usize = 257;
    pub const LARGEFILE: usize = 0;
}
#[cfg(any(target_arch = "aarch64", target_arch = "riscv64"))]
mod nr {
    pub const OPENAT: usize = 56;
    pub const CLOSE: usize = 57;
    pub const READ: usize = 63;
    pub const WRITE: usize = 64;
    pub const LARGEFILE: usize = 0;
}
#[cfg(target_arch = "arm")]
mod nr {
    pub const READ: usize = 3;
    pub const WRITE: usize = 4;
    pub const CLOSE: usize = 6;
    pub const OPENAT: usize = 322;
    pub const LARGEFILE: usize = 0o400000;
}

const O_WRONLY: usize = 1;
const O_RDWR: usize = 2;
const O_CREAT: usize = 0o100;
const O_EXCL: usize = 0o200;
const O_TRUNC: usize = 0o1000;
const O_APPEND: usize = 0o2000;
const O_CLOEXEC: usize = 0o2000000;
const AT_FDCWD: isize = -100;

fn result(ret: usize) -> Result<usize, Errno> {
    if ret > -4096isize as usize {
        Err(Errno::from_raw_os_error(
            (ret as isize).wrapping_neg() as i32
        ))
    } else {
        Ok(ret)
    }
}

/// openat(2) relative to the working directory.
fn open_path(path: &[u8], flags: usize) -> Result<i32, Errno> {
    let mut c_path = Vec::with_capacity(path.len() + 1);
    c_path.extend_from_slice(path);
    c_path.push(0);
    if path.contains(&0) {
        return Err(errno::EINVAL);
    }
    loop {
        // SAFETY: `c_path` is NUL-terminated and outlives the call; openat
        // reads nothing else from our memory.
        let ret = unsafe {
            arch::syscall4(
                nr::OPENAT,
                AT_FDCWD as usize,
                c_path.as_ptr() as usize,
                flags | O_CLOEXEC | nr::LARGEFILE,
                0o666,
            )
        };
        match result(ret) {
            Err(errno::EINTR) => continue,
            r => return r.map(|fd| fd as i32),
        }
    }
}

fn read_fd(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    loop {
        // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`.
        let ret =
            unsafe { arch::syscall3(nr::READ, fd as usize, buf.as_mut_ptr() as usize, buf.len()) };
        match result(ret) {
            Err(errno::EINTR) => continue,
            r => return r,
        }
    }
}

fn write_fd(fd: i32, data: &[u8]) -> Result<usize, Errno> {
    loop {
        // SAFETY: the kernel reads at most `data.len()` bytes from `data`.
        let ret =
            unsafe { arch::syscall3(nr::WRITE, fd as usize, data.as_ptr() as usize, data.len()) };
        match result(ret) {
            Err(errno::EINTR) => continue,
            r => return r,
        }
    }
}

fn close_fd(fd: i32) {
    // SAFETY: `fd` is a descriptor this module opened and owns.
    unsafe { arch::syscall1(nr::CLOSE, fd as usize) };
}

/// Python's `str(OSError)` for a call on a file name:
/// `[Errno 2] No such file or directory: 'name'`.
pub(crate) fn os_error_text(e: Errno, name: &[u8]) -> String {
    let code = e.raw_os_error();
    let mut out = text!("[Errno {code}] {}: ", errno::strerror(code));
    pystr::repr_bytes(name, &mut out);
    out
}

/// Reads a whole file, as `open(name).read()` needs it (a directory fails
/// with `EISDIR`, as Python's `open` reports).
pub(crate) fn read_file(name: &[u8]) -> Result<Vec<u8>, Errno> {
    let fd = open_path(name, 0)?;
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    let outcome = loop {
        match read_fd(fd, &mut chunk) {
            Ok(0) => break Ok(()),
            Ok(n) => data.extend_from_slice(&chunk[..n]),
            Err(e) => break Err(e),
        }
    };
    close_fd(fd);
    outcome.map(|()| data)
}

/// `argparse.FileType(mode)`—a [`Type`](super::Type) that opens the named
/// file, or takes stdin/stdout for `-`.
///
/// Python returns a file object; here the value is a [`File`] holding the
/// descriptor, its name and mode. Errors read as Python's:
/// `can't open 'x': [Errno 2] No such file or directory: 'x'`.
/// `bufsize`, `encoding` and `errors` only change the repr, as in Python
/// they only change the object's buffering and decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileType {
    mode: String,
    bufsize: i64,
    encoding: Option<String>,
    errors: Option<String>,
}

impl FileType {
    /// `FileType(mode)`.
    pub fn new(mode: &str) -> Self {
        FileType {
            mode: String::from(mode),
            bufsize: -1,
            encoding: None,
            errors: None,
        }
    }

    /// `FileType(mode, bufsize)`.
    pub fn bufsize(mut self, bufsize: i64) -> Self {
        self.bufsize = bufsize;
        self
    }

    /// `FileType(mode, encoding=…)`.
    pub fn encoding(mut self, encoding: &str) -> Self {
        self.encoding = Some(String::from(encoding));
        self
    }

    /// `FileType(mode, errors=…)`.
    pub fn errors(mut self, errors: &str) -> Self {
        self.errors = Some(String::from(errors));
        self
    }

    /// `repr(FileType(...))`, e.g. `FileType('w')`, which is also the type's
    /// name in error messages.
    pub fn repr(&self) -> String {
        let mut out = String::from("FileType(");
        pystr::repr_str(&self.mode, &mut out);
        if self.bufsize != -1 {
            let _ = write!(out, ", {}", self.bufsize);
        }
        for (key, value) in [("encoding", &self.encoding), ("errors", &self.errors)] {
            if let Some(v) = value {
                let _ = write!(out, ", {key}=");
                pystr::repr_str(v, &mut out);
            }
        }
        out.push(')');
        out
    }

    /// The open(2) flags for a mode Python's `open()` accepts.
    fn flags(&self) -> Option<usize> {
        let mut kind = None;
        let (mut plus, mut binary, mut text) = (false, false, false);
        for c in self.mode.chars() {
            let seen = match c {
                'r' | 'w' | 'a' | 'x' => kind.replace(c).is_some(),
                '+' => core::mem::replace(&mut plus, true),
                'b' => core::mem::replace(&mut binary, true),
                't' => core::mem::replace(&mut text, true),
                _ => return None,
            };
            if seen {
                return None;
            }
        }
        if binary && text {
            return None;
        }
        let access = if plus { O_RDWR } else { 0 };
        Some(match kind? {
            'r' => access,
            'w' => access.max(O_WRONLY) | O_CREAT | O_TRUNC,
            'a' => access.max(O_WRONLY) | O_CREAT | O_APPEND,
            _ => access.max(O_WRONLY) | O_CREAT | O_EXCL,
        })
    }

    /// `FileType.__call__(string)`. `Err(None)` is a `ValueError` (argparse
    /// reports `invalid FileType('q') value: 'x'`), `Err(Some(text))` an
    /// `ArgumentTypeError` with its message.
    pub(crate) fn open(&self, name: &[u8]) -> Result<File, Option<String>> {
        let binary = self.mode.contains('b');
        if name == b"-" {
            let (fd, std_name) = if self.mode.contains('r') {
                (0, "<stdin>")
            } else if self.mode.contains(['w', 'a', 'x']) {
                (1, "<stdout>")
            } else {
                return Err(None);
            };
            let mode = String::from(if fd == 0 { "r" } else { "w" });
            return Ok(File {
                fd,
                owned: false,
                name: String::from(std_name),
                mode,
                binary,
            });
        }
        let flags = self.flags().ok_or(None)?;
        let fd = open_path(name, flags).map_err(|e| Some(cant_open(name, e)))?;
        if flags & (O_WRONLY | O_RDWR) == 0 {
            // Python's open() refuses a directory; reading one says EISDIR.
            if let Err(e) = read_fd(fd, &mut []) {
                close_fd(fd);
                return Err(Some(cant_open(name, e)));
            }
        }
        let mode = self.mode.clone();
        Ok(File {
            fd,
            owned: true,
            name: String::from(pystr::decode(name)),
            mode,
            binary,
        })
    }
}

fn cant_open(name: &[u8], e: Errno) -> String {
    text!(
        "can't open '{}': {}",
        pystr::decode(name),
        os_error_text(e, name)
    )
}

/// A file a [`FileType`] opened: Python's file object, reduced to its
/// descriptor, name and mode. Closed when the last [`Value`](super::Value)
/// holding it goes (stdin and stdout are never closed).
#[derive(Debug)]
pub struct File {
    fd: i32,
    owned: bool,
    name: String,
    mode: String,
    binary: bool,
}

impl File {
    /// `f.fileno()`.
    pub fn fileno(&self) -> i32 {
        self.fd
    }

    /// `f.name` (`<stdin>`/`<stdout>` for `-`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `f.mode`.
    pub fn mode(&self) -> &str {
        &self.mode
    }

    /// `os.read(f.fileno(), len(buf))` into `buf`.
    pub fn read(&self, buf: &mut [u8]) -> Result<usize, Errno> {
        read_fd(self.fd, buf)
    }

    /// `os.write(f.fileno(), data)`.
    pub fn write(&self, data: &[u8]) -> Result<usize, Errno> {
        write_fd(self.fd, data)
    }

    /// Python's repr of the file object, e.g.
    /// `<_io.TextIOWrapper name='x' mode='r' encoding='utf-8'>`.
    pub(crate) fn write_repr(&self, out: &mut String) {
        if self.binary {
            let class = if self.mode.contains('+') {
                "BufferedRandom"
            } else if self.mode.contains('r') {
                "BufferedReader"
            } else {
                "BufferedWriter"
            };
            let _ = write!(out, "<_io.{class} name=");
            pystr::repr_str(&self.name, out);
            out.push('>');
        } else {
            out.push_str("<_io.TextIOWrapper name=");
            pystr::repr_str(&self.name, out);
            out.push_str(" mode=");
            pystr::repr_str(&self.mode, out);
            // Strata reads and writes UTF-8, as Python in UTF-8 mode does.
            out.push_str(" encoding='utf-8'>");
        }
    }
}

impl Drop for File {
    fn drop(&mut self) {
        if self.owned {
            close_fd(self.fd);
        }
    }
}
