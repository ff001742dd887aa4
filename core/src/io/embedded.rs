//! The `embedded-io` traits—the no_std ecosystem's `Read`, `BufRead`,
//! `Write` and `Seek`—for Strata's streams, behind the `embedded-io`
//! feature, so that a driver, protocol or codec crate written against them
//! reads and writes Strata's files, pipes, terminals and in-memory
//! streams.
//!
//! Raw streams ([`FileIO`], the standard fds) make one system call per
//! `read` or `write`, as their `RawIOBase` methods do. Buffered streams
//! (the [`Buffered`] engine, [`BufferedRWPair`], [`FixedBytesIO`] and, in
//! the alloc layer, `BytesIO`) read with `readinto1`, which waits for some
//! bytes but not for all, as `embedded_io::Read` asks, and take whole
//! writes into their buffer. Text streams are left out: their unit is the
//! character, not the byte; they implement `core::fmt::Write`.
//!
//! The traits block. A stream whose fd was made non-blocking reports
//! `EAGAIN` as an error of kind `Other` (`embedded-io` has no
//! `WouldBlock`).

use super::error::{Error, Result};
use super::{
    Buffered, BufferedRWPair, BufferedRandom, BufferedReader, BufferedWriter, FileIO, FixedBytesIO,
    IOBase, RawIOBase, StdFd, Storage, Whence,
};
use crate::errno::Errno;
use embedded_io::{ErrorKind, SeekFrom};

impl embedded_io::Error for Error {
    fn kind(&self) -> ErrorKind {
        match *self {
            Error::Os(e)
            | Error::OsFile { errno: e, .. }
            | Error::PartialWrite { errno: e, .. } => errno_kind(e),
            Error::Value(_) | Error::BadArgument(_) | Error::BadNumber { .. } => {
                ErrorKind::InvalidInput
            }
            Error::Unsupported(_) => ErrorKind::Unsupported,
            Error::Decode(_) | Error::Encode(_) => ErrorKind::InvalidData,
            Error::BlockingIO { .. } | Error::OsMessage(_) => ErrorKind::Other,
        }
    }
}

/// The kind `std::io::Error::from_raw_os_error` gives an errno, for the
/// kinds `embedded-io` has.
fn errno_kind(e: Errno) -> ErrorKind {
    match e {
        Errno::NOENT => ErrorKind::NotFound,
        Errno::ACCESS | Errno::PERM => ErrorKind::PermissionDenied,
        Errno::CONNREFUSED => ErrorKind::ConnectionRefused,
        Errno::CONNRESET => ErrorKind::ConnectionReset,
        Errno::CONNABORTED => ErrorKind::ConnectionAborted,
        Errno::NOTCONN => ErrorKind::NotConnected,
        Errno::ADDRINUSE => ErrorKind::AddrInUse,
        Errno::ADDRNOTAVAIL => ErrorKind::AddrNotAvailable,
        Errno::PIPE => ErrorKind::BrokenPipe,
        Errno::EXIST => ErrorKind::AlreadyExists,
        Errno::INVAL => ErrorKind::InvalidInput,
        Errno::TIMEDOUT => ErrorKind::TimedOut,
        Errno::INTR => ErrorKind::Interrupted,
        Errno::NOSYS | Errno::OPNOTSUPP => ErrorKind::Unsupported,
        Errno::NOMEM => ErrorKind::OutOfMemory,
        _ => ErrorKind::Other,
    }
}

/// `SeekFrom` as Python's `(offset, whence)`; a start past `i64::MAX` is
/// `EINVAL`, as `lseek` answers for an offset it cannot take.
#[doc(hidden)]
pub fn embedded_seek(pos: SeekFrom) -> Result<(i64, Whence)> {
    Ok(match pos {
        SeekFrom::Start(n) => (i64::try_from(n).map_err(|_| Errno::INVAL)?, Whence::Set),
        SeekFrom::Current(n) => (n, Whence::Cur),
        SeekFrom::End(n) => (n, Whence::End),
    })
}

/// `embedded_io::Write::write` over `RawIOBase::write`: a raw write that
/// takes nothing of a non-empty buffer is `EIO`, since the trait forbids
/// `Ok(0)` there (as the raw `writelines` does).
fn raw_write<T: RawIOBase>(stream: &mut T, data: &[u8]) -> Result<usize> {
    match RawIOBase::write(stream, data)? {
        0 if !data.is_empty() => Err(Error::Os(Errno::IO)),
        n => Ok(n),
    }
}

/// The traits for a raw stream (`RawIOBase`), given its generics and type.
macro_rules! raw_stream {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> embedded_io::ErrorType for $ty {
            type Error = Error;
        }

        impl<$($generics)*> embedded_io::Read for $ty {
            fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
                RawIOBase::readinto(self, buf)
            }
        }

        impl<$($generics)*> embedded_io::Write for $ty {
            fn write(&mut self, buf: &[u8]) -> Result<usize> {
                raw_write(self, buf)
            }

            fn flush(&mut self) -> Result<()> {
                IOBase::flush(self)
            }
        }

        impl<$($generics)*> embedded_io::Seek for $ty {
            fn seek(&mut self, pos: SeekFrom) -> Result<u64> {
                let (offset, whence) = embedded_seek(pos)?;
                IOBase::seek(self, offset, whence)
            }
        }
    };
}

/// The traits for a buffered stream (`BufferedIOBase`), given its
/// generics and type. The alloc layer uses it for `BytesIO`.
#[doc(hidden)]
#[macro_export]
macro_rules! __embedded_io_buffered {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> $crate::io::embedded_io::ErrorType for $ty {
            type Error = $crate::io::Error;
        }

        impl<$($generics)*> $crate::io::embedded_io::Read for $ty {
            fn read(&mut self, buf: &mut [u8]) -> $crate::io::Result<usize> {
                $crate::io::BufferedIOBase::readinto1(self, buf)
            }
        }

        impl<$($generics)*> $crate::io::embedded_io::BufRead for $ty {
            fn fill_buf(&mut self) -> $crate::io::Result<&[u8]> {
                $crate::io::BufferedIOBase::fill_buf(self, 1)
            }

            fn consume(&mut self, amt: usize) {
                $crate::io::BufferedIOBase::consume(self, amt)
            }
        }

        impl<$($generics)*> $crate::io::embedded_io::Write for $ty {
            fn write(&mut self, buf: &[u8]) -> $crate::io::Result<usize> {
                $crate::io::BufferedIOBase::write(self, buf)
            }

            fn flush(&mut self) -> $crate::io::Result<()> {
                $crate::io::IOBase::flush(self)
            }
        }

        impl<$($generics)*> $crate::io::embedded_io::Seek for $ty {
            fn seek(&mut self, pos: $crate::io::embedded_io::SeekFrom) -> $crate::io::Result<u64> {
                let (offset, whence) = $crate::io::embedded_seek(pos)?;
                $crate::io::IOBase::seek(self, offset, whence)
            }
        }
    };
}

raw_stream!([] FileIO);
raw_stream!([const FD: i32] StdFd<FD>);
crate::__embedded_io_buffered!([R: RawIOBase, S: Storage] Buffered<R, S>);
crate::__embedded_io_buffered!([R: RawIOBase, S: Storage] BufferedReader<R, S>);
crate::__embedded_io_buffered!([R: RawIOBase, S: Storage] BufferedWriter<R, S>);
crate::__embedded_io_buffered!([R: RawIOBase, S: Storage] BufferedRandom<R, S>);
crate::__embedded_io_buffered!([S: Storage] FixedBytesIO<S>);
crate::__embedded_io_buffered!(
    [R: RawIOBase, W: RawIOBase, S: Storage, T: Storage] BufferedRWPair<R, W, S, T>
);

#[cfg(test)]
mod tests {
    // Only embedded-io's traits in scope, as in a crate written against
    // them (Strata's own have methods of the same names).
    use crate::io::{
        BufferedRWPair, BufferedRandom, BufferedReader, BufferedWriter, FileIO, FixedBytesIO,
    };
    use embedded_io::{BufRead, Error as _, ErrorKind, Read, Seek, SeekFrom, Write};
    use std::string::String;
    use std::vec::Vec;

    fn temp(name: &str) -> String {
        let dir =
            std::env::temp_dir().join(std::format!("strata-io-embedded-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name).to_str().unwrap().into()
    }

    /// What a crate written against embedded-io does: writes text, goes
    /// back, reads it whole, then line by line through `BufRead`.
    fn round_trip<T: Read + Write + Seek>(s: &mut T) -> (Vec<u8>, u64) {
        s.write_all(b"one\ntwo\n").unwrap();
        writeln!(s, "{}", 3).unwrap();
        s.flush().unwrap();
        let end = s.stream_position().unwrap();
        s.rewind().unwrap();
        let mut all = [0u8; 10];
        s.read_exact(&mut all).unwrap();
        assert_eq!(s.read(&mut [0u8; 4]).unwrap(), 0, "end of file");
        (all.to_vec(), end)
    }

    fn lines<T: BufRead>(s: &mut T) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut line = Vec::new();
        loop {
            let buf = s.fill_buf().unwrap();
            if buf.is_empty() {
                break;
            }
            let n = buf
                .iter()
                .position(|&b| b == b'\n')
                .map_or(buf.len(), |i| i + 1);
            line.extend_from_slice(&buf[..n]);
            s.consume(n);
            if line.ends_with(b"\n") {
                out.push(core::mem::take(&mut line));
            }
        }
        out
    }

    #[test]
    fn raw_buffered_and_memory_streams_serve_embedded_io_code() {
        let want = (b"one\ntwo\n3\n".to_vec(), 10);
        let mut raw = FileIO::open(temp("raw").as_str(), "w+").unwrap();
        assert_eq!(round_trip(&mut raw), want);

        let path = temp("buffered");
        let mut buffered = BufferedRandom::new(FileIO::open(path.as_str(), "w+").unwrap());
        assert_eq!(round_trip(&mut buffered), want);
        buffered.seek(SeekFrom::Start(0)).unwrap();
        assert_eq!(lines(&mut buffered), [&b"one\n"[..], b"two\n", b"3\n"]);
        let mut reader = BufferedReader::new(FileIO::open(path.as_str(), "r").unwrap());
        assert_eq!(reader.seek(SeekFrom::End(-2)).unwrap(), 8);
        assert_eq!(lines(&mut reader), [b"3\n"]);

        let mut memory = FixedBytesIO::<[u8; 32]>::new();
        assert_eq!(round_trip(&mut memory), want);
        memory.seek(SeekFrom::Current(-6)).unwrap();
        assert_eq!(lines(&mut memory), [&b"two\n"[..], b"3\n"]);
    }

    #[test]
    fn a_pipe_pair_reads_what_was_written() {
        let (r, w) = crate::os::pipe().unwrap();
        let open = |fd: crate::os::OwnedFd, mode| {
            FileIO::from_fd(crate::os::IntoRawFd::into_raw_fd(fd), mode, true).unwrap()
        };
        let mut pair = BufferedRWPair::new(open(r, "r"), open(w, "w"));
        pair.write_all(b"ping\n").unwrap();
        pair.flush().unwrap();
        let mut got = [0u8; 5];
        pair.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"ping\n");
        let mut writer = BufferedWriter::new(open(crate::os::pipe().unwrap().1, "w"));
        assert_eq!(Write::write(&mut writer, b"all of it").unwrap(), 9);
    }

    #[test]
    fn errors_have_the_kinds_std_would_give() {
        let missing = FileIO::open(temp("missing/file").as_str(), "r").unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        let path = temp("exists");
        FileIO::open(path.as_str(), "w").unwrap();
        let exists = FileIO::open(path.as_str(), "x").unwrap_err();
        assert_eq!(exists.kind(), ErrorKind::AlreadyExists);
        let mut raw = FileIO::open(temp("closed").as_str(), "w").unwrap();
        crate::io::IOBase::close(&mut raw).unwrap();
        assert_eq!(
            Write::write(&mut raw, b"x").unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        let mut full = FixedBytesIO::<[u8; 4]>::new();
        assert!(full.write_all(b"12345").is_err());
        let far = full.seek(SeekFrom::Start(u64::MAX)).unwrap_err();
        assert_eq!(far.kind(), ErrorKind::InvalidInput);
        let mut reader = BufferedReader::new(FileIO::open(temp("closed").as_str(), "r").unwrap());
        assert_eq!(
            Write::write(&mut reader, b"x").unwrap_err().kind(),
            ErrorKind::Unsupported
        );
        let mut pipe_end = FileIO::from_fd(
            crate::os::IntoRawFd::into_raw_fd(crate::os::pipe().unwrap().1),
            "w",
            true,
        )
        .unwrap();
        let broken = Write::write(&mut pipe_end, b"x").unwrap_err();
        assert_eq!(broken.kind(), ErrorKind::BrokenPipe);
    }
}
