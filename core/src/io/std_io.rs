//! Strata's streams inside a `std` program, behind the `std` feature
//! (`strata-std` turns it on).
//!
//! Both ways round:
//! - `std::io::{Read, Write, Seek}` for Strata's raw and buffered streams,
//!   and `BufRead` for the buffered ones, so a crate written against std's
//!   traits reads and writes Strata's files, pipes and terminals;
//! - Strata's [`IOBase`] and [`RawIOBase`] for std's `File`, `TcpStream`,
//!   `UnixStream`, `Stdin`, `Stdout`, `Stderr` and `Vec<u8>`, so that
//!   [`BufferedReader`](super::BufferedReader), `TextIOWrapper` and
//!   [`copyfileobj`](super::copyfileobj) work on them;
//! - `From` between [`Error`] (and [`Errno`]) and `std::io::Error`, keeping
//!   the kind and the raw OS error, so `?` crosses between the two.
//!
//! A std value closes when it is dropped: `close` on one flushes it and
//! `closed` stays false.

use super::error::{Error, Result};
use super::{
    Buffered, BufferedRWPair, BufferedRandom, BufferedReader, BufferedWriter, FileIO, FixedBytesIO,
    IOBase, RawIOBase, StdFd, Storage, Whence,
};
use crate::errno::Errno;
use std::io::{ErrorKind, SeekFrom};
use std::os::fd::{AsFd, AsRawFd};

impl From<Errno> for std::io::Error {
    /// The same raw OS error, so `kind()` and `raw_os_error()` are std's.
    fn from(e: Errno) -> std::io::Error {
        std::io::Error::from_raw_os_error(e.raw_os_error())
    }
}

impl From<Error> for std::io::Error {
    /// An error with an errno becomes that raw OS error (a file name is
    /// not kept: std's errors have no place for one); the rest keep their
    /// Strata error inside, with the kind Python's class corresponds to.
    fn from(e: Error) -> std::io::Error {
        if let Some(errno) = e.errno() {
            return errno.into();
        }
        let kind = match e {
            Error::Value(_) | Error::BadArgument(_) | Error::BadNumber { .. } => {
                ErrorKind::InvalidInput
            }
            Error::Unsupported(_) => ErrorKind::Unsupported,
            Error::Decode(_) | Error::Encode(_) => ErrorKind::InvalidData,
            Error::BlockingIO { .. } => ErrorKind::WouldBlock,
            _ => ErrorKind::Other,
        };
        std::io::Error::new(kind, e)
    }
}

impl From<std::io::Error> for Error {
    /// The raw OS error if there is one; a Strata error carried inside
    /// comes back as it was; other kinds take the errno Linux gives them.
    fn from(e: std::io::Error) -> Error {
        if let Some(raw) = e.raw_os_error() {
            return Error::Os(Errno::from_raw_os_error(raw));
        }
        if let Some(inner) = e.get_ref().and_then(|inner| inner.downcast_ref::<Error>()) {
            return *inner;
        }
        Error::Os(kind_errno(e.kind()))
    }
}

impl From<std::io::Error> for Errno {
    /// The raw OS error, or the errno Linux gives the error's kind.
    fn from(e: std::io::Error) -> Errno {
        match e.raw_os_error() {
            Some(raw) => Errno::from_raw_os_error(raw),
            None => Error::from(e).errno().unwrap_or(Errno::IO),
        }
    }
}

/// The errno behind a std error kind that came without one.
fn kind_errno(kind: ErrorKind) -> Errno {
    match kind {
        ErrorKind::NotFound => Errno::NOENT,
        ErrorKind::PermissionDenied => Errno::ACCESS,
        ErrorKind::ConnectionRefused => Errno::CONNREFUSED,
        ErrorKind::ConnectionReset => Errno::CONNRESET,
        ErrorKind::ConnectionAborted => Errno::CONNABORTED,
        ErrorKind::NotConnected => Errno::NOTCONN,
        ErrorKind::AddrInUse => Errno::ADDRINUSE,
        ErrorKind::AddrNotAvailable => Errno::ADDRNOTAVAIL,
        ErrorKind::BrokenPipe => Errno::PIPE,
        ErrorKind::AlreadyExists => Errno::EXIST,
        ErrorKind::WouldBlock => Errno::AGAIN,
        ErrorKind::InvalidInput | ErrorKind::InvalidData => Errno::INVAL,
        ErrorKind::TimedOut => Errno::TIMEDOUT,
        ErrorKind::Interrupted => Errno::INTR,
        ErrorKind::Unsupported => Errno::OPNOTSUPP,
        ErrorKind::OutOfMemory => Errno::NOMEM,
        _ => Errno::IO,
    }
}

/// std's `SeekFrom` as Python's `(offset, whence)`; a start past
/// `i64::MAX` is `EINVAL`, as `lseek` answers.
fn whence(pos: SeekFrom) -> Result<(i64, Whence)> {
    Ok(match pos {
        SeekFrom::Start(n) => (i64::try_from(n).map_err(|_| Errno::INVAL)?, Whence::Set),
        SeekFrom::Current(n) => (n, Whence::Cur),
        SeekFrom::End(n) => (n, Whence::End),
    })
}

/// `std::io::{Read, Write, Seek}` for a raw stream: one system call each.
macro_rules! raw_stream {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> std::io::Read for $ty {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                Ok(RawIOBase::readinto(self, buf)?)
            }
        }

        impl<$($generics)*> std::io::Write for $ty {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                Ok(RawIOBase::write(self, buf)?)
            }

            fn flush(&mut self) -> std::io::Result<()> {
                Ok(IOBase::flush(self)?)
            }
        }

        impl<$($generics)*> std::io::Seek for $ty {
            fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
                let (offset, whence) = whence(pos)?;
                Ok(IOBase::seek(self, offset, whence)?)
            }
        }
    };
}

/// `std::io::{Read, BufRead, Write, Seek}` for a buffered stream. `read`
/// is `readinto1`: it waits for some bytes, not for all, as std's `Read`
/// asks. The alloc layer uses it for `BytesIO`.
#[doc(hidden)]
#[macro_export]
macro_rules! __std_io_buffered {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> ::std::io::Read for $ty {
            fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
                Ok($crate::io::BufferedIOBase::readinto1(self, buf)?)
            }
        }

        impl<$($generics)*> ::std::io::BufRead for $ty {
            fn fill_buf(&mut self) -> ::std::io::Result<&[u8]> {
                Ok($crate::io::BufferedIOBase::fill_buf(self, 1)?)
            }

            fn consume(&mut self, amt: usize) {
                $crate::io::BufferedIOBase::consume(self, amt)
            }
        }

        impl<$($generics)*> ::std::io::Write for $ty {
            fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
                Ok($crate::io::BufferedIOBase::write(self, buf)?)
            }

            fn flush(&mut self) -> ::std::io::Result<()> {
                Ok($crate::io::IOBase::flush(self)?)
            }
        }

        impl<$($generics)*> ::std::io::Seek for $ty {
            fn seek(&mut self, pos: ::std::io::SeekFrom) -> ::std::io::Result<u64> {
                let (offset, whence) = $crate::io::std_seek(pos)?;
                Ok($crate::io::IOBase::seek(self, offset, whence)?)
            }
        }
    };
}

#[doc(hidden)]
pub fn std_seek(pos: SeekFrom) -> Result<(i64, Whence)> {
    whence(pos)
}

raw_stream!([] FileIO);
raw_stream!([const FD: i32] StdFd<FD>);
crate::__std_io_buffered!([R: RawIOBase, S: Storage] Buffered<R, S>);
crate::__std_io_buffered!([R: RawIOBase, S: Storage] BufferedReader<R, S>);
crate::__std_io_buffered!([R: RawIOBase, S: Storage] BufferedWriter<R, S>);
crate::__std_io_buffered!([R: RawIOBase, S: Storage] BufferedRandom<R, S>);
crate::__std_io_buffered!([S: Storage] FixedBytesIO<S>);
crate::__std_io_buffered!(
    [R: RawIOBase, W: RawIOBase, S: Storage, T: Storage] BufferedRWPair<R, W, S, T>
);

/// What `fcntl(F_GETFL)` says of an fd's access mode: (readable, writable).
fn access(fd: impl AsFd) -> (bool, bool) {
    use rustix::fs::OFlags;
    match rustix::fs::fcntl_getfl(fd) {
        Ok(flags) => match flags & OFlags::RWMODE {
            OFlags::RDONLY => (true, false),
            OFlags::WRONLY => (false, true),
            _ => (true, true),
        },
        Err(_) => (false, false),
    }
}

/// Strata's traits for a std type that owns an fd: it answers `fileno`,
/// `isatty`, `readable` and `writable` from the fd, reads and writes
/// through std, and seeks where `seekable` says the fd can.
macro_rules! std_fd_stream {
    ($ty:ty, seek: $seekable:literal) => {
        impl IOBase for $ty {
            fn closed(&self) -> bool {
                false
            }

            /// Flushes; the fd closes when the value is dropped.
            fn close(&mut self) -> Result<()> {
                IOBase::flush(self)
            }

            fn fileno(&self) -> Result<i32> {
                Ok(self.as_raw_fd())
            }

            fn flush(&mut self) -> Result<()> {
                Ok(std::io::Write::flush(self)?)
            }

            fn isatty(&self) -> Result<bool> {
                Ok(rustix::termios::isatty(self.as_fd()))
            }

            fn readable(&self) -> bool {
                access(self.as_fd()).0
            }

            fn writable(&self) -> bool {
                access(self.as_fd()).1
            }

            fn seekable(&self) -> bool {
                $seekable
                    && rustix::fs::seek(self.as_fd(), rustix::fs::SeekFrom::Current(0)).is_ok()
            }

            fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
                let pos = match whence {
                    Whence::Set => rustix::fs::SeekFrom::Start(
                        u64::try_from(offset).map_err(|_| Errno::INVAL)?,
                    ),
                    Whence::Cur => rustix::fs::SeekFrom::Current(offset),
                    Whence::End => rustix::fs::SeekFrom::End(offset),
                };
                Ok(rustix::fs::seek(self.as_fd(), pos)?)
            }

            fn truncate(&mut self, size: Option<u64>) -> Result<u64> {
                let size = match size {
                    Some(size) => size,
                    None => IOBase::tell(self)?,
                };
                rustix::fs::ftruncate(self.as_fd(), size)?;
                Ok(size)
            }
        }

        impl RawIOBase for $ty {
            fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
                Ok(std::io::Read::read(self, buf)?)
            }

            fn write(&mut self, data: &[u8]) -> Result<usize> {
                Ok(std::io::Write::write(self, data)?)
            }
        }
    };
}

std_fd_stream!(std::fs::File, seek: true);
std_fd_stream!(std::net::TcpStream, seek: false);
std_fd_stream!(std::os::unix::net::UnixStream, seek: false);

/// Strata's traits for std's standard streams: std's own locks and
/// buffers stay in charge of the bytes.
macro_rules! std_standard_stream {
    ($ty:ty, read: $read:tt, write: $write:tt) => {
        impl IOBase for $ty {
            fn closed(&self) -> bool {
                false
            }

            /// Flushes; std's standard streams are never closed.
            fn close(&mut self) -> Result<()> {
                IOBase::flush(self)
            }

            fn fileno(&self) -> Result<i32> {
                Ok(self.as_raw_fd())
            }

            fn flush(&mut self) -> Result<()> {
                std_standard_stream!(@flush self, $write)
            }

            fn isatty(&self) -> Result<bool> {
                Ok(rustix::termios::isatty(self.as_fd()))
            }

            fn readable(&self) -> bool {
                $read
            }

            fn writable(&self) -> bool {
                $write
            }
        }

        impl RawIOBase for $ty {
            fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
                std_standard_stream!(@read self, buf, $read)
            }

            fn write(&mut self, data: &[u8]) -> Result<usize> {
                std_standard_stream!(@write self, data, $write)
            }
        }
    };
    (@flush $s:ident, true) => { Ok(std::io::Write::flush($s)?) };
    (@flush $s:ident, false) => { Ok(()) };
    (@read $s:ident, $buf:ident, true) => { Ok(std::io::Read::read($s, $buf)?) };
    (@read $s:ident, $buf:ident, false) => {{ let _ = $buf; Err(Error::Unsupported("read")) }};
    (@write $s:ident, $data:ident, true) => { Ok(std::io::Write::write($s, $data)?) };
    (@write $s:ident, $data:ident, false) => {{ let _ = $data; Err(Error::Unsupported("write")) }};
}

std_standard_stream!(std::io::Stdin, read: true, write: false);
std_standard_stream!(std::io::Stdout, read: false, write: true);
std_standard_stream!(std::io::Stderr, read: false, write: true);

/// A `Vec<u8>` is a raw stream that only writes: each write appends, as
/// std's `Write for Vec<u8>` does.
impl IOBase for std::vec::Vec<u8> {
    fn closed(&self) -> bool {
        false
    }

    fn close(&mut self) -> Result<()> {
        Ok(())
    }

    fn writable(&self) -> bool {
        true
    }
}

impl RawIOBase for std::vec::Vec<u8> {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        let _ = buf;
        Err(Error::Unsupported("read"))
    }

    fn write(&mut self, data: &[u8]) -> Result<usize> {
        self.extend_from_slice(data);
        Ok(data.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::errno::Errno;
    use crate::io::{
        BufferedReader, BufferedWriter, Error, FileIO, FixedBytesIO, IOBase, RawIOBase, copyfileobj,
    };
    use std::io::{BufRead, ErrorKind, Read, Seek, SeekFrom, Write};
    use std::string::String;
    use std::vec::Vec;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(std::format!("strata-io-std-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn errors_keep_kind_and_raw_os_error_both_ways() {
        let e: std::io::Error = Errno::NOENT.into();
        assert_eq!((e.kind(), e.raw_os_error()), (ErrorKind::NotFound, Some(2)));
        let e: std::io::Error = Error::Os(Errno::ACCESS).into();
        assert_eq!(
            (e.kind(), e.raw_os_error()),
            (ErrorKind::PermissionDenied, Some(13))
        );
        let e: std::io::Error = Error::Unsupported("fileno").into();
        assert_eq!((e.kind(), e.raw_os_error()), (ErrorKind::Unsupported, None));
        // Back again: the Strata error carried inside comes out whole.
        assert!(matches!(Error::from(e), Error::Unsupported("fileno")));
        let e = std::fs::File::open("/nonexistent/strata").unwrap_err();
        assert!(matches!(Error::from(e), Error::Os(Errno::NOENT)));
        let e = std::io::Error::from(ErrorKind::BrokenPipe);
        assert_eq!(Errno::from(e), Errno::PIPE);
    }

    #[test]
    fn std_traits_on_strata_streams() {
        let path = temp("strata.txt");
        let mut out = BufferedWriter::new(FileIO::open(&*path, "w").unwrap());
        writeln!(out, "one").unwrap();
        out.write_all(b"two\n").unwrap();
        Write::flush(&mut out).unwrap();
        drop(out);
        let mut raw = FileIO::open(&*path, "r").unwrap();
        let mut all = String::new();
        raw.read_to_string(&mut all).unwrap();
        assert_eq!(all, "one\ntwo\n");
        assert_eq!(Seek::seek(&mut raw, SeekFrom::Start(4)).unwrap(), 4);
        let lines: Vec<String> = BufRead::lines(std::io::BufReader::new(raw))
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(lines, ["two"]);
        let reader = BufferedReader::new(FileIO::open(&*path, "r").unwrap());
        let lines: Vec<String> = BufRead::lines(reader).map(|l| l.unwrap()).collect();
        assert_eq!(lines, ["one", "two"]);
        let mut memory = FixedBytesIO::<[u8; 16]>::new();
        memory.write_all(b"abc").unwrap();
        assert_eq!(memory.stream_position().unwrap(), 3);
        // Python's BytesIO clamps a relative seek before the start to 0.
        assert_eq!(Seek::seek(&mut memory, SeekFrom::Current(-10)).unwrap(), 0);
        // A start lseek could not take is EINVAL, seen through std.
        let e = Seek::seek(&mut memory, SeekFrom::Start(u64::MAX)).unwrap_err();
        assert_eq!(
            (e.kind(), e.raw_os_error()),
            (ErrorKind::InvalidInput, Some(22))
        );
    }

    #[test]
    fn strata_traits_on_std_values() {
        let path = temp("std.txt");
        std::fs::write(&path, b"alpha\nbeta\n").unwrap();
        let file = std::fs::File::open(&path).unwrap();
        assert!(file.readable() && !file.writable() && file.seekable());
        assert_eq!(
            file.fileno().unwrap(),
            std::os::fd::AsRawFd::as_raw_fd(&file)
        );
        let mut reader = BufferedReader::new(file);
        let mut line = [0u8; 16];
        let n = crate::io::BufferedIOBase::readline(&mut reader, &mut line).unwrap();
        assert_eq!(&line[..n], b"alpha\n");
        let mut copy = BufferedWriter::new(Vec::new());
        copyfileobj(&mut reader, &mut copy).unwrap();
        IOBase::flush(&mut copy).unwrap();
        let mut copy = copy.into_inner().detach().map_err(|(e, _)| e).unwrap();
        assert_eq!(copy, b"beta\n");
        assert!(RawIOBase::readinto(&mut copy, &mut line).is_err());
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        assert_eq!(IOBase::truncate(&mut file, Some(3)).unwrap(), 3);
        assert_eq!(std::fs::read(&path).unwrap(), b"alp");
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        assert!(!a.seekable() && a.readable() && a.writable());
        assert!(!std::io::stdin().writable() && std::io::stdout().writable());
    }
}
