//! `shutil.copyfileobj` for Strata's streams, with the kernel doing the
//! copy where it can.
//!
//! When both streams sit on file descriptors, what is buffered is moved
//! first (the source's read-ahead written, the destination flushed), so
//! that the descriptors' positions are the streams' positions; then
//! `copy_file_range(2)` copies inside the kernel (and the file system may
//! share extents), falling back to `sendfile(2)`, then to `splice(2)` when
//! one side is a pipe, and last to reads and writes through the source's
//! buffer. Python's `copyfileobj` always reads and writes; its
//! `shutil.copyfile` uses the same kernel calls as here.

use super::error::{Error, Result};
use super::traits::BufferedIOBase;
use crate::errno::Errno;
use crate::sys::newer::COPY_FILE_RANGE;
use rustix::fd::BorrowedFd;

/// How much one kernel call is asked to copy.
const CHUNK: usize = 1 << 30;

/// Copies everything left in `src` to `dst`, returning how many bytes.
///
/// On an error part-way, [`Error::PartialWrite`] says how many bytes were
/// copied before it.
///
/// # References
/// - [shutil.copyfileobj](https://docs.python.org/3/library/shutil.html#shutil.copyfileobj)
/// - [copy_file_range(2)](https://man7.org/linux/man-pages/man2/copy_file_range.2.html)
/// - [sendfile(2)](https://man7.org/linux/man-pages/man2/sendfile.2.html)
/// - [splice(2)](https://man7.org/linux/man-pages/man2/splice.2.html)
pub fn copyfileobj<R, W>(src: &mut R, dst: &mut W) -> Result<u64>
where
    R: BufferedIOBase + ?Sized,
    W: BufferedIOBase + ?Sized,
{
    let mut total = 0u64;
    let with_count = |e: Error, total: u64| match (e, total) {
        (Error::Os(errno), t) if t > 0 => Error::PartialWrite {
            errno,
            written: t as usize,
        },
        (e, _) => e,
    };
    if let (Ok(in_fd), Ok(out_fd)) = (src.fileno(), dst.fileno()) {
        // The read-ahead first, then nothing is buffered on either side.
        // (Only what is already there: reading more here would copy the
        // first buffer's worth through memory.)
        let ahead = match src.buffered_len() {
            Some(n) => n,
            None => src.fill_buf(0).map(|a| a.len()).unwrap_or(0),
        };
        if ahead > 0 {
            let bytes = src.take(ahead);
            let n = bytes.len();
            dst.write(bytes)?;
            total += n as u64;
        }
        dst.flush().map_err(|e| with_count(e, total))?;
        // SAFETY: both descriptors belong to streams borrowed mutably for
        // the whole call, so they stay open.
        let (i, o) = unsafe {
            (
                BorrowedFd::borrow_raw(in_fd),
                BorrowedFd::borrow_raw(out_fd),
            )
        };
        match kernel_copy(i, o, &mut total) {
            Ok(true) => return Ok(total),
            Ok(false) => {}
            Err(e) => return Err(with_count(Error::Os(e), total)),
        }
    }
    loop {
        let chunk = src.fill_buf(1).map_err(|e| with_count(e, total))?;
        if chunk.is_empty() {
            return Ok(total);
        }
        let n = chunk.len();
        let bytes = src.take(n);
        dst.write(bytes).map_err(|e| with_count(e, total))?;
        total += n as u64;
    }
}

/// Whether an error means "this call cannot do this pair", so the next
/// method should be tried (only before any byte has moved).
fn unsupported(e: Errno) -> bool {
    matches!(
        e,
        Errno::XDEV
            | Errno::INVAL
            | Errno::NOSYS
            | Errno::PERM
            | Errno::OPNOTSUPP
            | Errno::BADF
            | Errno::SPIPE
    )
}

/// Copies with copy_file_range, sendfile or splice. `Ok(false)`: none of
/// them applies and nothing was copied.
fn kernel_copy(
    i: BorrowedFd<'_>,
    o: BorrowedFd<'_>,
    total: &mut u64,
) -> core::result::Result<bool, Errno> {
    type Call = fn(BorrowedFd<'_>, BorrowedFd<'_>) -> core::result::Result<usize, Errno>;
    let methods: [Call; 3] = [
        |i, o| Ok(rustix::fs::copy_file_range(i, None, o, None, CHUNK)?),
        |i, o| Ok(rustix::fs::sendfile(o, i, None, CHUNK)?),
        |i, o| {
            let flags = rustix::pipe::SpliceFlags::MOVE;
            Ok(rustix::pipe::splice(i, None, o, None, CHUNK, flags)?)
        },
    ];
    for (k, call) in methods.into_iter().enumerate() {
        // copy_file_range is skipped once the system has shown it lacks it.
        if k == 0 && !COPY_FILE_RANGE.worth_trying() {
            continue;
        }
        let mut moved = false;
        loop {
            match call(i, o) {
                Ok(0) => return Ok(true),
                Ok(n) => {
                    moved = true;
                    *total += n as u64;
                }
                Err(Errno::INTR) if !crate::signal::interrupted() => {}
                Err(e) if !moved && unsupported(e) => {
                    if k == 0 {
                        COPY_FILE_RANGE.saw(e);
                    }
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{IOBase, open};
    use std::string::String;
    use std::vec::Vec;

    fn temp(name: &str) -> String {
        let dir = std::env::temp_dir().join(std::format!("strata-io-copy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name).to_str().unwrap().into()
    }

    #[test]
    fn copies_files_after_what_was_read_and_written() {
        let (a, b) = (temp("a"), temp("b"));
        let data: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&a, &data).unwrap();
        let mut src = open(a.as_str(), "rb").unwrap();
        let mut dst = open(b.as_str(), "wb").unwrap();
        // Some bytes read by hand first (leaving read-ahead), some written.
        let mut head = [0u8; 10];
        src.binary().unwrap().readinto(&mut head).unwrap();
        dst.binary().unwrap().write(b"HEAD").unwrap();
        let n = copyfileobj(src.binary().unwrap(), dst.binary().unwrap()).unwrap();
        assert_eq!(n, data.len() as u64 - 10);
        dst.close().unwrap();
        let out = std::fs::read(&b).unwrap();
        assert_eq!(&out[..4], b"HEAD");
        assert_eq!(&out[4..], &data[10..]);
    }

    #[test]
    fn copies_into_a_pipe_and_between_memory_streams() {
        use crate::io::FixedBytesIO;
        let mut src = FixedBytesIO::with_value(*b"abcdef", 6);
        let mut dst = FixedBytesIO::<[u8; 8]>::new();
        assert_eq!(copyfileobj(&mut src, &mut dst).unwrap(), 6);
        assert_eq!(dst.getvalue().unwrap(), b"abcdef");

        let a = temp("p");
        std::fs::write(&a, b"into the pipe").unwrap();
        let (r, w) = crate::os::pipe().unwrap();
        use rustix::fd::AsRawFd;
        let mut src = open(a.as_str(), "rb").unwrap();
        let mut dst = crate::io::File::<[u8; 64], [u8; 0]>::open_in(
            crate::io::Target::<&str>::Fd(w.as_raw_fd()),
            "wb",
            crate::io::OpenOptions {
                closefd: false,
                ..Default::default()
            },
            [0; 64],
            [],
        )
        .unwrap();
        assert_eq!(
            copyfileobj(src.binary().unwrap(), dst.binary().unwrap()).unwrap(),
            13
        );
        dst.close().unwrap();
        let mut buf = [0u8; 32];
        let n = crate::os::read(&r, &mut buf).unwrap();
        assert_eq!(&buf[..n], b"into the pipe");
    }
}
