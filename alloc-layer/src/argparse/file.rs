//! `argparse.FileType` and the file reading behind `fromfile_prefix_chars`.
//!
//! Files are opened, read and written through core's `os`.

use super::pystr;
use crate::errno::{self, Errno};
use crate::os::{self, BorrowedFd, FromRawFd, IntoRawFd, OFlags, OwnedFd};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// open(2) relative to the working directory (close-on-exec, as all of
/// Strata's fds), handing the descriptor over as a raw number.
fn open_path(path: &[u8], flags: OFlags) -> Result<i32, Errno> {
    strata_core::os::open(path, flags, 0o666).map(IntoRawFd::into_raw_fd)
}

fn borrow(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: `fd` is open for the call: one this module opened and still
    // owns, or stdin/stdout, which are never closed here.
    unsafe { BorrowedFd::borrow_raw(fd) }
}

fn read_fd(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    os::read(borrow(fd), buf)
}

fn write_fd(fd: i32, data: &[u8]) -> Result<usize, Errno> {
    os::write(borrow(fd), data)
}

fn close_fd(fd: i32) {
    // SAFETY: `fd` is a descriptor this module opened and owns.
    drop(unsafe { OwnedFd::from_raw_fd(fd) });
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
    let fd = open_path(name, OFlags::RDONLY)?;
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
    fn flags(&self) -> Option<OFlags> {
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
        let (read_only, writing) = if plus {
            (OFlags::RDWR, OFlags::RDWR)
        } else {
            (OFlags::RDONLY, OFlags::WRONLY)
        };
        Some(match kind? {
            'r' => read_only,
            'w' => writing | OFlags::CREATE | OFlags::TRUNC,
            'a' => writing | OFlags::CREATE | OFlags::APPEND,
            _ => writing | OFlags::CREATE | OFlags::EXCL,
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
        if !flags.intersects(OFlags::WRONLY | OFlags::RDWR) {
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
