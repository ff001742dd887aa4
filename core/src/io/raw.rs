//! `io.FileIO`: raw, unbuffered binary I/O on a file descriptor.
//!
//! Modes `r`, `w`, `x`, `a` with an optional `+` (and a `b`, which changes
//! nothing), as Python's `FileIO` takes them: every descriptor is opened
//! close-on-exec (PEP 446), created files get mode `0o666` less the umask,
//! a directory is refused with `EISDIR` after an `fstat`, and an append-mode
//! file starts positioned at its end so that `tell()` is right at once.
//! Reads and writes retry `EINTR` unless an interrupting signal was caught
//! (PEP 475, through [`crate::os::read`]/[`crate::os::write`]).
//!
//! What differs from Python: the name kept for `name` is at most 255 bytes
//! (core has no heap; longer paths are named by their descriptor), and the
//! `opener` is a Rust closure returning an owned descriptor.

use super::error::{Error, Result};
use super::traits::{IOBase, RawIOBase, Whence};
use crate::errno::Errno;
use core::cell::Cell;
use core::ffi::CStr;
use core::fmt;
use rustix::fd::{AsRawFd, BorrowedFd, IntoRawFd, OwnedFd};
use rustix::fs::{Mode, OFlags, SeekFrom};

const READABLE: u8 = 1;
const WRITABLE: u8 = 2;
const APPENDING: u8 = 4;
const CREATED: u8 = 8;
const CLOSEFD: u8 = 16;
/// `seekable()` has been asked; [`SEEKABLE`] holds the answer.
const PROBED: u8 = 32;
const SEEKABLE: u8 = 64;
/// `w`: truncate on open (what tells `w+` from `r+`).
const TRUNCATE: u8 = 128;

/// What a `FileIO` mode string asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawMode(u8);

impl RawMode {
    /// Parses a `FileIO` mode: exactly one of `r`, `w`, `x`, `a`, at most
    /// one `+`, any `b`. Errors carry Python's messages.
    pub fn parse(mode: &str) -> Result<RawMode> {
        let mut flags = 0;
        let mut rwa = false;
        let mut plus = false;
        for c in mode.bytes() {
            match c {
                b'r' | b'w' | b'x' | b'a' if !rwa => {
                    rwa = true;
                    flags |= match c {
                        b'r' => READABLE,
                        b'w' => WRITABLE | TRUNCATE,
                        b'x' => WRITABLE | CREATED,
                        _ => WRITABLE | APPENDING,
                    };
                }
                b'+' if !plus => {
                    plus = true;
                    flags |= READABLE | WRITABLE;
                }
                b'b' => {}
                b'r' | b'w' | b'x' | b'a' | b'+' => return Err(BAD_MODE),
                _ => {
                    return Err(Error::BadArgument(super::error::BadArgument::new(
                        super::error::ArgumentKind::RawMode,
                        mode,
                    )));
                }
            }
        }
        if rwa {
            Ok(RawMode(flags))
        } else {
            Err(BAD_MODE)
        }
    }

    /// Whether reading is allowed.
    pub fn readable(self) -> bool {
        self.0 & READABLE != 0
    }

    /// Whether writing is allowed.
    pub fn writable(self) -> bool {
        self.0 & WRITABLE != 0
    }

    /// Whether writes go to the end (`a`).
    pub fn appending(self) -> bool {
        self.0 & APPENDING != 0
    }

    /// Whether the file must not exist yet (`x`).
    pub fn creating(self) -> bool {
        self.0 & CREATED != 0
    }

    /// The `open(2)` flags for this mode, close-on-exec included.
    pub fn oflags(self) -> OFlags {
        let mut f = OFlags::CLOEXEC;
        f |= match (self.readable(), self.writable()) {
            (true, true) => OFlags::RDWR,
            (false, true) => OFlags::WRONLY,
            _ => OFlags::RDONLY,
        };
        if self.creating() {
            f |= OFlags::CREATE | OFlags::EXCL;
        } else if self.appending() {
            f |= OFlags::CREATE | OFlags::APPEND;
        } else if self.0 & TRUNCATE != 0 {
            f |= OFlags::CREATE | OFlags::TRUNC;
        }
        f
    }

    /// Python's `FileIO.mode`: `rb`, `wb`, `xb`, `ab`, `rb+`, `xb+`, `ab+`
    /// (`w+` reports `rb+`, as CPython does).
    pub fn as_str(self) -> &'static str {
        match (
            self.creating(),
            self.appending(),
            self.readable(),
            self.writable(),
        ) {
            (true, _, true, _) => "xb+",
            (true, _, false, _) => "xb",
            (false, true, true, _) => "ab+",
            (false, true, false, _) => "ab",
            (false, false, true, true) => "rb+",
            (false, false, true, false) => "rb",
            _ => "wb",
        }
    }
}

/// `ValueError` for a mode with no or several of `r`/`w`/`x`/`a`.
const BAD_MODE: Error =
    Error::Value("Must have exactly one of create/read/write/append mode and at most one plus");

/// What `FileIO.name` is: the path it was opened with, or the descriptor.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Name<'a> {
    /// Opened from a descriptor (or a path longer than 255 bytes).
    Fd(i32),
    /// The path, as given.
    Path(&'a [u8]),
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Fd(fd) => write!(f, "{fd}"),
            Name::Path(p) => write!(f, "{:?}", p.utf8_chunks().map(|c| c.valid()).next()),
        }
    }
}

const NAME_MAX: usize = 255;

/// `io.FileIO`—a file descriptor as a raw stream.
///
/// Dropping a `FileIO` closes its descriptor when it owns it (`closefd`),
/// as CPython's finalizer does.
///
/// # References
/// - [io.FileIO](https://docs.python.org/3/library/io.html#io.FileIO)
/// - [open(2)](https://man7.org/linux/man-pages/man2/open.2.html)
pub struct FileIO {
    /// -1 once closed.
    fd: i32,
    /// CLOSEFD, PROBED, SEEKABLE: a `Cell` so that `seekable(&self)` can
    /// remember its answer.
    flags: Cell<u8>,
    mode: RawMode,
    blksize: u32,
    name_len: u8,
    has_path: bool,
    name: [u8; NAME_MAX],
}

impl fmt::Debug for FileIO {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "FileIO(fd={}, mode={:?}, name={:?})",
            self.fd,
            self.mode.as_str(),
            self.name()
        )
    }
}

impl FileIO {
    /// `FileIO(path, mode)`—opens `path`.
    ///
    /// # References
    /// - [openat(2)](https://man7.org/linux/man-pages/man2/openat.2.html)
    pub fn open<P: rustix::path::Arg>(path: P, mode: &str) -> Result<FileIO> {
        Self::open_with(path, mode, |path, flags| {
            rustix::fs::openat(rustix::fs::CWD, path, flags, Mode::from_raw_mode(0o666))
                .map_err(Into::into)
        })
    }

    /// `FileIO(path, mode, opener=opener)`—opens `path` through `opener`,
    /// which receives the path and the `open(2)` flags (close-on-exec
    /// included) and returns the descriptor.
    pub fn open_with<P, F>(path: P, mode: &str, opener: F) -> Result<FileIO>
    where
        P: rustix::path::Arg,
        F: FnOnce(&CStr, OFlags) -> core::result::Result<OwnedFd, Errno>,
    {
        let mode = RawMode::parse(mode)?;
        let mut file = FileIO::closed_with(mode);
        let mut failed = None;
        let fd = path.into_with_c_str(|c| {
            let bytes = c.to_bytes();
            if let Some(room) = file.name.get_mut(..bytes.len()) {
                room.copy_from_slice(bytes);
                file.name_len = bytes.len() as u8;
                file.has_path = true;
            }
            opener(c, mode.oflags()).map_err(|e| {
                failed = Some(Error::Os(e).with_filename(bytes));
                e.into()
            })
        });
        let fd = match (fd, failed) {
            (Ok(fd), _) => fd,
            (Err(_), Some(named)) => return Err(named),
            (Err(e), None) => return Err(e.into()),
        };
        file.fd = fd.into_raw_fd();
        file.flags.set(CLOSEFD);
        file.after_open()?;
        Ok(file)
    }

    /// `FileIO(fd, mode, closefd)`—wraps an open descriptor. With
    /// `closefd`, the `FileIO` owns it and closes it.
    pub fn from_fd(fd: i32, mode: &str, closefd: bool) -> Result<FileIO> {
        if fd < 0 {
            return Err(Error::Value("negative file descriptor"));
        }
        let mode = RawMode::parse(mode)?;
        let mut file = FileIO::closed_with(mode);
        file.fd = fd;
        if closefd {
            file.flags.set(CLOSEFD);
        }
        file.after_open()?;
        Ok(file)
    }

    const fn closed_with(mode: RawMode) -> FileIO {
        FileIO {
            fd: -1,
            flags: Cell::new(0),
            mode,
            blksize: 0,
            name_len: 0,
            has_path: false,
            name: [0; NAME_MAX],
        }
    }

    /// As CPython: refuse a directory, learn the block size, and move an
    /// append-mode file to its end. On error the descriptor is closed (if
    /// owned) and the error returned.
    fn after_open(&mut self) -> Result<()> {
        match self.check_after_open() {
            Ok(blksize) => {
                self.blksize = blksize;
                Ok(())
            }
            Err(e) => {
                let e = match self.name() {
                    Name::Path(path) => e.with_filename(path),
                    Name::Fd(_) => e,
                };
                let _ = self.close();
                Err(e)
            }
        }
    }

    fn check_after_open(&self) -> Result<u32> {
        let fd = self.borrow()?;
        let st = rustix::fs::fstat(fd)?;
        if st.st_mode & 0o170000 == 0o040000 {
            return Err(Error::Os(Errno::ISDIR));
        }
        if self.mode.appending() {
            match rustix::fs::seek(fd, SeekFrom::End(0)).map_err(Errno::from) {
                Ok(_) | Err(Errno::SPIPE) => {}
                Err(e) => return Err(Error::Os(e)),
            }
        }
        let blksize = st.st_blksize as i64;
        Ok(if blksize > 1 {
            blksize.min(u32::MAX as i64) as u32
        } else {
            0
        })
    }

    /// The descriptor, or the closed-file error.
    fn borrow(&self) -> Result<BorrowedFd<'_>> {
        if self.fd < 0 {
            return Err(Error::CLOSED_RAW);
        }
        // SAFETY: `fd` is open while `self` is (close sets it to -1); the
        // borrow cannot outlive `self`.
        Ok(unsafe { BorrowedFd::borrow_raw(self.fd) })
    }

    /// `mode`—Python's normalized mode string (`rb`, `rb+`, `wb`, ...).
    pub fn mode(&self) -> &'static str {
        self.mode.as_str()
    }

    /// The parsed mode.
    pub fn raw_mode(&self) -> RawMode {
        self.mode
    }

    /// `name`—the path given to [`open`](FileIO::open), or the descriptor.
    pub fn name(&self) -> Name<'_> {
        match self.name.get(..usize::from(self.name_len)) {
            Some(p) if self.has_path => Name::Path(p),
            _ => Name::Fd(self.fd),
        }
    }

    /// `closefd`—whether closing this closes the descriptor.
    pub fn closefd(&self) -> bool {
        self.flags.get() & CLOSEFD != 0
    }

    /// The file system's preferred I/O size (`st_blksize`), which `open()`
    /// uses as the default buffer size; 0 if unknown.
    pub fn blksize(&self) -> usize {
        self.blksize as usize
    }

    /// Gives up ownership of the descriptor: it stays open, and `self`
    /// becomes closed.
    pub fn into_raw_fd(mut self) -> i32 {
        core::mem::replace(&mut self.fd, -1)
    }

    fn check_open(&self) -> Result<()> {
        if self.fd < 0 {
            Err(Error::CLOSED_RAW)
        } else {
            Ok(())
        }
    }
}

impl IOBase for FileIO {
    fn closed(&self) -> bool {
        self.fd < 0
    }

    /// `close()`. With `closefd`, `close(2)`: its error (say `EIO` from a
    /// network file system) is returned, and the descriptor is gone
    /// either way.
    fn close(&mut self) -> Result<()> {
        let fd = core::mem::replace(&mut self.fd, -1);
        if fd < 0 || self.flags.get() & CLOSEFD == 0 {
            return Ok(());
        }
        // SAFETY: we own `fd` (CLOSEFD) and forget it before the call, so
        // nothing uses it afterwards, even when close reports an error.
        let ret = unsafe {
            strata_arch::syscall1(
                crate::sys::nr(linux_raw_sys::general::__NR_close),
                fd as usize,
            )
        };
        crate::sys::result(ret).map(drop).map_err(Error::Os)
    }

    fn fileno(&self) -> Result<i32> {
        self.check_open()?;
        Ok(self.fd)
    }

    fn flush(&mut self) -> Result<()> {
        self.check_open()
    }

    fn isatty(&self) -> Result<bool> {
        Ok(rustix::termios::isatty(self.borrow()?))
    }

    fn readable(&self) -> bool {
        self.fd >= 0 && self.mode.readable()
    }

    fn writable(&self) -> bool {
        self.fd >= 0 && self.mode.writable()
    }

    /// `seekable()`—asked of the kernel once (`lseek(fd, 0, SEEK_CUR)`),
    /// then remembered.
    fn seekable(&self) -> bool {
        if self.fd < 0 {
            return false;
        }
        let flags = self.flags.get();
        if flags & PROBED != 0 {
            return flags & SEEKABLE != 0;
        }
        let Ok(fd) = self.borrow() else {
            return false;
        };
        let seekable = rustix::fs::seek(fd, SeekFrom::Current(0)).is_ok();
        self.flags
            .set(flags | PROBED | if seekable { SEEKABLE } else { 0 });
        seekable
    }

    /// `seek(offset, whence)`—`lseek(2)`.
    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        let fd = self.borrow()?;
        let pos = match whence {
            Whence::Set => SeekFrom::Start(offset as u64),
            Whence::Cur => SeekFrom::Current(offset),
            Whence::End => SeekFrom::End(offset),
        };
        if whence == Whence::Set && offset < 0 {
            return Err(Error::Os(Errno::INVAL));
        }
        let result = rustix::fs::seek(fd, pos).map_err(Errno::from);
        let flags = self.flags.get() | PROBED;
        match result {
            Ok(p) => {
                self.flags.set(flags | SEEKABLE);
                Ok(p)
            }
            Err(e) => {
                if e == Errno::SPIPE {
                    self.flags.set(flags & !SEEKABLE);
                }
                Err(Error::Os(e))
            }
        }
    }

    /// `truncate(size=None)`—`ftruncate(2)`; the position does not move.
    fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
        self.check_open()?;
        if !self.mode.writable() {
            return Err(Error::Unsupported("File not open for writing"));
        }
        let size = match size {
            Some(s) => s,
            None => self.tell()?,
        };
        rustix::fs::ftruncate(self.borrow()?, size)?;
        Ok(size)
    }
}

impl RawIOBase for FileIO {
    /// `readinto(b)`—one `read(2)`; `EAGAIN` where Python returns `None`.
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        let fd = self.borrow()?;
        if !self.mode.readable() {
            return Err(Error::Unsupported("File not open for reading"));
        }
        Ok(crate::os::read(fd, buf)?)
    }

    /// `write(b)`—one `write(2)`, which may write less than all.
    fn write(&mut self, data: &[u8]) -> Result<usize> {
        let fd = self.borrow()?;
        if !self.mode.writable() {
            return Err(Error::Unsupported("File not open for writing"));
        }
        Ok(crate::os::write(fd, data)?)
    }
}

impl AsRawFd for FileIO {
    fn as_raw_fd(&self) -> i32 {
        self.fd
    }
}

impl fmt::Write for FileIO {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        RawIOBase::writelines(self, [s.as_bytes()]).map_err(|_| fmt::Error)
    }
}

impl Drop for FileIO {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    fn temp(name: &str) -> String {
        let dir = std::env::temp_dir().join(std::format!("strata-io-raw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name).to_str().unwrap().into()
    }

    #[test]
    fn modes_parse_as_python_parses_them() {
        for (mode, want) in [
            ("r", "rb"),
            ("rb", "rb"),
            ("w", "wb"),
            ("x", "xb"),
            ("a", "ab"),
            ("r+", "rb+"),
            ("w+", "rb+"),
            ("a+", "ab+"),
            ("x+", "xb+"),
            ("+r", "rb+"),
        ] {
            assert_eq!(RawMode::parse(mode).unwrap().as_str(), want, "{mode}");
        }
        for bad in ["", "b", "rw", "r++", "ra"] {
            assert_eq!(RawMode::parse(bad), Err(BAD_MODE), "{bad}");
        }
        let e = RawMode::parse("rt").unwrap_err();
        assert_eq!(
            std::format!("{e}"),
            "invalid mode: rt",
            "FileIO does not quote it"
        );
    }

    #[test]
    fn flags_follow_the_mode() {
        let f = |m| RawMode::parse(m).unwrap().oflags();
        assert_eq!(f("r"), OFlags::CLOEXEC | OFlags::RDONLY);
        assert_eq!(
            f("w"),
            OFlags::CLOEXEC | OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC
        );
        assert_eq!(
            f("w+"),
            OFlags::CLOEXEC | OFlags::RDWR | OFlags::CREATE | OFlags::TRUNC
        );
        assert_eq!(f("r+"), OFlags::CLOEXEC | OFlags::RDWR);
        assert_eq!(
            f("a"),
            OFlags::CLOEXEC | OFlags::WRONLY | OFlags::CREATE | OFlags::APPEND
        );
        assert_eq!(
            f("x+"),
            OFlags::CLOEXEC | OFlags::RDWR | OFlags::CREATE | OFlags::EXCL
        );
    }

    #[test]
    fn a_file_round_trip_with_append_and_truncate() {
        let path = temp("round");
        let mut w = FileIO::open(path.as_str(), "w").unwrap();
        assert_eq!(w.name(), Name::Path(path.as_bytes()));
        assert_eq!(RawIOBase::write(&mut w, b"hello").unwrap(), 5);
        assert_eq!(
            w.readinto(&mut [0; 4]),
            Err(Error::Unsupported("File not open for reading"))
        );
        w.close().unwrap();
        assert_eq!(w.close(), Ok(()));
        assert_eq!(RawIOBase::write(&mut w, b"x"), Err(Error::CLOSED_RAW));

        let mut a = FileIO::open(path.as_str(), "a+").unwrap();
        assert_eq!(a.tell().unwrap(), 5, "append mode starts at the end");
        a.seek(0, Whence::Set).unwrap();
        RawIOBase::write(&mut a, b", world").unwrap();
        a.seek(0, Whence::Set).unwrap();
        let mut buf = [0u8; 64];
        let n = a.readinto(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"hello, world", "O_APPEND writes at the end");
        assert_eq!(a.truncate(Some(4)).unwrap(), 4);
        assert_eq!(a.tell().unwrap(), 12, "truncate does not move");
        assert_eq!(a.seek(0, Whence::End).unwrap(), 4);
        drop(a);

        assert_eq!(
            FileIO::open(path.as_str(), "x").unwrap_err(),
            Error::Os(Errno::EXIST).with_filename(path.as_bytes())
        );
        assert_eq!(
            FileIO::open("/", "r").unwrap_err().to_string(),
            "[Errno 21] Is a directory: '/'"
        );
        assert_eq!(
            FileIO::open("/nonexistent/x", "r")
                .unwrap_err()
                .python_class(),
            "FileNotFoundError"
        );
        let mut r = FileIO::open(path.as_str(), "r").unwrap();
        assert_eq!(
            RawIOBase::write(&mut r, b"x"),
            Err(Error::Unsupported("File not open for writing"))
        );
        let mut line = [0u8; 3];
        assert_eq!(RawIOBase::readline(&mut r, &mut line).unwrap(), 3);
        assert_eq!(&line, b"hel");
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn pipes_are_not_seekable_and_closefd_is_honoured() {
        let (rd, wr) = crate::os::pipe().unwrap();
        let mut r = FileIO::from_fd(rd.as_raw_fd(), "r", false).unwrap();
        assert!(!r.seekable());
        assert_eq!(r.tell(), Err(Error::Os(Errno::SPIPE)));
        assert_eq!(r.name(), Name::Fd(rd.as_raw_fd()));
        r.close().unwrap();
        // closefd=False: the descriptor is still open.
        assert!(rustix::fs::fcntl_getfl(&rd).is_ok());
        let fd = wr.into_raw_fd();
        let mut w = FileIO::from_fd(fd, "w", true).unwrap();
        w.close().unwrap();
        // SAFETY: only probing; the fd number is closed.
        let probe = rustix::fs::fcntl_getfl(unsafe { BorrowedFd::borrow_raw(fd) });
        assert_eq!(probe, Err(Errno::BADF.into()));
    }

    #[test]
    fn opener_receives_the_flags() {
        let path = temp("opener");
        let mut seen = OFlags::empty();
        let f = FileIO::open_with(path.as_str(), "w", |p, flags| {
            seen = flags;
            Ok(rustix::fs::openat(
                rustix::fs::CWD,
                p,
                flags,
                Mode::from_raw_mode(0o600),
            )?)
        })
        .unwrap();
        assert!(seen.contains(OFlags::CLOEXEC | OFlags::TRUNC));
        assert_eq!(f.mode(), "wb");
        drop(f);
        std::fs::remove_file(&path).unwrap();
    }
}
