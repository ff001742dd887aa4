//! `sys.stdin`, `sys.stdout`, `sys.stderr`: text streams over buffered
//! streams over fds 0, 1 and 2, and the printing behind the macros.
//!
//! stdout is a [`TextIOWrapper`] over a 4 KiB [`BufferedWriter`]: line
//! buffering is decided by one `isatty` (an `ioctl`) on the first line
//! ending written, as CPython decides it at startup; Strata waits so that
//! a program that prints nothing makes no system call. stdin is the same
//! over an 8 KiB [`BufferedReader`]. stderr is a text stream written
//! straight through (CPython's is line-buffered; Strata's keeps no bytes,
//! so nothing is lost when a program dies, and takes no lock, so it works
//! inside a panic).
//!
//! Printing never panics and never returns an error: a closed stdout
//! (`EBADF`) swallows output, as Rust's std does; any other error drops
//! the unwritten bytes and is kept, to be reported once at exit (see
//! [`crate::io`]). `EINTR` is retried without losing or repeating a byte.

use super::buffered::{BufferedReader, BufferedWriter};
use super::error::{Error, Result};
use super::slice::put;
use super::text::{Encoder, Reconfigure, TextIOWrapper};
use super::traits::{IOBase, RawIOBase, TextIOBase, Whence};
use crate::errno::Errno;
use core::cell::UnsafeCell;
use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};
use rustix::fd::BorrowedFd;
use rustix::fs::SeekFrom;
use spin::{Mutex, MutexGuard};

const STDOUT_CAPACITY: usize = 4096;
const STDIN_CAPACITY: usize = 8192;

/// fd 0, 1 or 2 as a raw stream: Python's `sys.stdout.buffer.raw`, a
/// `FileIO` opened with `closefd=False`. Its own small type, not
/// [`FileIO`](super::FileIO), so that the standard streams are built with
/// no system call and take a few bytes of a program's data, not a
/// 255-byte name. Writes retry `EINTR` always: printing cannot fail with
/// it, and the interrupt flag stays for the program's own calls.
///
/// The descriptor is part of the type, so that the standard output's
/// static is all zero bytes (`.bss`, nothing in the program file).
#[derive(Debug)]
pub struct StdFd<const FD: i32> {
    closed: bool,
}

impl<const FD: i32> StdFd<FD> {
    const fn new() -> Self {
        StdFd { closed: false }
    }

    pub(crate) fn borrow(&self) -> Result<BorrowedFd<'_>> {
        if self.closed || FD < 0 {
            return Err(Error::CLOSED_RAW);
        }
        // SAFETY: 0, 1 and 2 are never closed by Strata; if one is not
        // open, calls fail with EBADF, which callers handle.
        Ok(unsafe { BorrowedFd::borrow_raw(FD) })
    }
}

impl<const FD: i32> IOBase for StdFd<FD> {
    fn closed(&self) -> bool {
        self.closed
    }

    /// Marks the stream closed; the descriptor stays open (`closefd` is
    /// false for the standard streams, as in Python).
    fn close(&mut self) -> Result<()> {
        self.closed = true;
        Ok(())
    }

    fn fileno(&self) -> Result<i32> {
        self.borrow().map(|_| FD)
    }

    fn isatty(&self) -> Result<bool> {
        Ok(rustix::termios::isatty(self.borrow()?))
    }

    fn readable(&self) -> bool {
        !self.closed && FD == 0
    }

    fn writable(&self) -> bool {
        !self.closed && FD != 0
    }

    fn seekable(&self) -> bool {
        self.borrow()
            .is_ok_and(|fd| rustix::fs::seek(fd, SeekFrom::Current(0)).is_ok())
    }

    fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        let pos = match whence {
            Whence::Set if offset < 0 => return Err(Error::Os(Errno::INVAL)),
            Whence::Set => SeekFrom::Start(offset as u64),
            Whence::Cur => SeekFrom::Current(offset),
            Whence::End => SeekFrom::End(offset),
        };
        Ok(rustix::fs::seek(self.borrow()?, pos)?)
    }
}

impl<const FD: i32> RawIOBase for StdFd<FD> {
    fn readinto(&mut self, buf: &mut [u8]) -> Result<usize> {
        Ok(crate::os::read(self.borrow()?, buf)?)
    }

    fn write(&mut self, data: &[u8]) -> Result<usize> {
        let fd = self.borrow()?;
        loop {
            match rustix::io::write(fd, data).map_err(Errno::from) {
                Err(Errno::INTR) => {}
                other => return Ok(other?),
            }
        }
    }
}

/// A buffer that lives in its own zeroed static, so that it costs no
/// bytes in the program file (a static holding any non-zero byte goes to
/// `.data` whole).
struct StaticBuf<const N: usize>(UnsafeCell<[u8; N]>);

// SAFETY: each buffer is reached only through the one storage value that
// names it, which lives inside a Mutex-guarded stream.
unsafe impl<const N: usize> Sync for StaticBuf<N> {}

static STDOUT_BUF: StaticBuf<STDOUT_CAPACITY> = StaticBuf(UnsafeCell::new([0; STDOUT_CAPACITY]));
static STDIN_BUF: StaticBuf<STDIN_CAPACITY> = StaticBuf(UnsafeCell::new([0; STDIN_CAPACITY]));
static STDIN_LINE: StaticBuf<STDIN_CAPACITY> = StaticBuf(UnsafeCell::new([0; STDIN_CAPACITY]));

/// Storage naming one of the standard streams' static buffers.
macro_rules! static_storage {
    ($(#[$doc:meta])* $name:ident, $buf:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name(());

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                // SAFETY: only one value of this type exists (built in the
                // stream's static initializer; the field is private), and
                // it is reached through the stream's lock: no other
                // reference to the buffer can be live.
                unsafe { &*$buf.0.get() }
            }
        }

        impl AsMut<[u8]> for $name {
            fn as_mut(&mut self) -> &mut [u8] {
                // SAFETY: as for `as_ref`; `&mut self` is unique.
                unsafe { &mut *$buf.0.get() }
            }
        }
    };
}

static_storage!(
    /// stdout's 4 KiB buffer.
    StdoutBuf,
    STDOUT_BUF
);
static_storage!(
    /// stdin's 8 KiB buffer.
    StdinBuf,
    STDIN_BUF
);
static_storage!(
    /// stdin's 8 KiB line buffer.
    StdinLine,
    STDIN_LINE
);

/// The standard output's stream: text over buffered over fd 1.
pub type StdoutStream = TextIOWrapper<BufferedWriter<StdFd<1>, StdoutBuf>, [u8; 0]>;

/// The standard input's stream: text over buffered over fd 0.
pub type StdinStream = TextIOWrapper<BufferedReader<StdFd<0>, StdinBuf>, StdinLine>;

/// A standard stream and the first error its writes met (C's `ferror`).
pub struct Std<T> {
    stream: T,
    error: Option<Errno>,
}

impl<T> core::ops::Deref for Std<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.stream
    }
}

impl<T> core::ops::DerefMut for Std<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.stream
    }
}

static STDOUT: Mutex<Std<StdoutStream>> = Mutex::new(Std {
    stream: TextIOWrapper::stdio(
        // Size 0: the whole storage (4 KiB).
        BufferedWriter::from_parts(StdFd::new(), StdoutBuf(()), 0),
        [],
        true,
    ),
    error: None,
});

static STDIN: Mutex<Std<StdinStream>> = Mutex::new(Std {
    stream: TextIOWrapper::stdio(
        BufferedReader::from_parts(StdFd::new(), StdinBuf(()), 0),
        StdinLine(()),
        false,
    ),
    error: None,
});

/// What the standard output's own write path returns: the kernel's
/// error, if any. A closed stream is `EBADF`, like a closed descriptor.
type Outcome = core::result::Result<(), Errno>;

impl Std<StdoutStream> {
    /// Applies the printing policy to an outcome: `EBADF` is swallowed,
    /// anything else kept. (Nothing stays buffered after an error: the
    /// paths below empty the buffer before writing it.)
    fn policy(&mut self, outcome: Outcome) -> Outcome {
        let Err(e) = outcome else {
            return Ok(());
        };
        if e == Errno::BADF {
            return Ok(());
        }
        self.error.get_or_insert(e);
        Err(e)
    }

    /// The buffer's parts, unless the stream is closed or detached.
    fn parts(
        &mut self,
    ) -> core::result::Result<(BorrowedFd<'_>, &mut [u8], &mut usize, usize), Errno> {
        let b = self.stream.buffer_mut().ok_or(Errno::BADF)?;
        let (raw, buf, wlen, size) = b.get_mut().writer_parts().ok_or(Errno::BADF)?;
        let fd = raw.borrow().map_err(|_| Errno::BADF)?;
        Ok((fd, buf, wlen, size))
    }

    /// Puts `bytes` in the buffer, writing the buffer out first if they
    /// do not fit, and writing them straight out if they are as large as
    /// the buffer.
    ///
    /// The standard output drops what it cannot write instead of keeping
    /// it as `BufferedWriter` does, so its writes take this short path of
    /// their own over the same buffer (which also keeps a program that
    /// only prints small: no `io::Error` is built on the way).
    fn put(&mut self, bytes: &[u8]) -> Outcome {
        let (fd, buf, wlen, size) = self.parts()?;
        if bytes.len() > size.saturating_sub(*wlen) {
            let pending = buf.get(..*wlen).unwrap_or_default();
            *wlen = 0;
            write_all(fd, pending)?;
        }
        if bytes.len() >= size {
            return write_all(fd, bytes);
        }
        if put(buf, *wlen, bytes) {
            *wlen += bytes.len();
        }
        Ok(())
    }

    /// Writes the buffer out.
    fn flush_buffer(&mut self) -> Outcome {
        let (fd, buf, wlen, _) = self.parts()?;
        let pending = buf.get(..*wlen).unwrap_or_default();
        *wlen = 0;
        write_all(fd, pending)
    }

    /// After a write: with line buffering (decided now if still open), a
    /// line ending flushes, as `TextIOWrapper.write` does.
    fn line_flush(&mut self, bytes: &[u8]) -> Outcome {
        if self.stream.may_line_buffer()
            && bytes.iter().any(|&c| c == b'\n' || c == b'\r')
            && self.stream.line_buffering()
        {
            self.flush_buffer()?;
        }
        Ok(())
    }

    /// Reconfigured (another encoding, newline translation): the text
    /// layer encodes into the buffer. Text that cannot be encoded counts
    /// as `EILSEQ`, kept and reported at exit like any other failure.
    #[inline(never)]
    fn encode(&mut self, encode: Encoder<StdoutStream>, bytes: &[u8]) -> Outcome {
        let result = encode(&mut self.stream, bytes);
        result.map_err(|e| {
            // The buffered layer keeps what it could not write; the
            // standard output drops it.
            if let Some(b) = self.stream.buffer_mut() {
                b.get_mut().discard();
            }
            e.errno().unwrap_or(Errno::ILSEQ)
        })
    }

    /// `print`: text through the encoder if there is one.
    fn print_str(&mut self, s: &str) -> Outcome {
        let outcome = match self.stream.encoder() {
            Some(encode) => self.encode(encode, s.as_bytes()),
            None => self.put(s.as_bytes()),
        };
        let outcome = outcome.and_then(|()| self.line_flush(s.as_bytes()));
        self.policy(outcome)
    }

    /// Bytes as they are.
    fn print_bytes(&mut self, bytes: &[u8]) -> Outcome {
        let outcome = self.put(bytes);
        let outcome = outcome.and_then(|()| self.line_flush(bytes));
        self.policy(outcome)
    }

    fn flush(&mut self) -> Outcome {
        let outcome = self.flush_buffer();
        self.policy(outcome)
    }
}

/// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`. A
/// closed fd (`EBADF`) swallows the bytes, as Rust's std does for stdio.
fn write_all(fd: BorrowedFd<'_>, mut bytes: &[u8]) -> core::result::Result<(), Errno> {
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes).map_err(Errno::from) {
            Ok(0) => return Err(Errno::IO),
            // `get`, not indexing: the kernel never reports more than it
            // was given, and this keeps a panic path out of every program.
            Ok(n) => bytes = bytes.get(n..).unwrap_or_default(),
            Err(Errno::INTR) => {}
            Err(Errno::BADF) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A handle to the process's stdout; see [`stdout`].
#[derive(Clone, Copy, Debug)]
pub struct Stdout(());

/// `sys.stdout`—the buffered standard output.
pub fn stdout() -> Stdout {
    Stdout(())
}

impl Stdout {
    /// `sys.stdout.buffer.write(b)`—writes all of `bytes` through the
    /// buffer, flushing at a newline when line-buffered. Errors follow the
    /// printing policy (see the module documentation): `EBADF`, and a
    /// closed stream, are not errors; others are returned and kept.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        Ok(STDOUT.lock().print_bytes(bytes)?)
    }

    /// `sys.stdout.write(s)`, under the same policy. Text the encoding
    /// cannot take is `EILSEQ` (write through [`lock`](Stdout::lock) to
    /// get the `UnicodeEncodeError` itself).
    pub fn write_str(&self, s: &str) -> Result<()> {
        Ok(STDOUT.lock().print_str(s)?)
    }

    /// `sys.stdout.flush()`—writes out what is buffered.
    pub fn flush(&self) -> Result<()> {
        Ok(STDOUT.lock().flush()?)
    }

    /// `sys.stdout.reconfigure(...)`—flushes, then changes the encoding,
    /// errors, newline, line buffering or write-through.
    pub fn reconfigure(&self, args: &Reconfigure<'_>) -> Result<()> {
        STDOUT.lock().reconfigure(args)
    }

    /// The stream itself, locked: writes through it bypass the printing
    /// policy and return their errors.
    pub fn lock(&self) -> MutexGuard<'static, Std<StdoutStream>> {
        STDOUT.lock()
    }
}

impl fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        Stdout::write_str(self, s).map_err(|_| fmt::Error)
    }
}

/// A handle to the process's stdin; see [`stdin`].
#[derive(Clone, Copy, Debug)]
pub struct Stdin(());

/// `sys.stdin`—the buffered standard input, decoded as UTF-8.
pub fn stdin() -> Stdin {
    Stdin(())
}

impl Stdin {
    /// The stream, locked: `readline`, `read`, `reconfigure`... A line is
    /// borrowed from the lock.
    pub fn lock(&self) -> MutexGuard<'static, Std<StdinStream>> {
        STDIN.lock()
    }

    /// `sys.stdin.readline()` into `out`: a line longer than `out` comes
    /// in pieces; empty at end of file.
    pub fn readline_into<'a>(&self, out: &'a mut [u8]) -> Result<&'a str> {
        STDIN.lock().readline_into(out)
    }
}

/// A handle to the process's stderr; see [`stderr`].
#[derive(Clone, Copy, Debug)]
pub struct Stderr(());

/// `sys.stderr`—the unbuffered standard error, a text stream
/// ([`TextIOBase`]) in UTF-8 with `backslashreplace`, as CPython's.
pub fn stderr() -> Stderr {
    Stderr(())
}

/// Whether `sys.stderr.close()` was called. As in CPython (`closefd=False`)
/// that closes the stream, not fd 2.
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

impl Stderr {
    /// Writes all of `bytes` to fd 2 at once, retrying short writes and
    /// `EINTR`. A closed fd 2 swallows them; after
    /// [`close`](IOBase::close) this is `ValueError`.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        if self.closed() {
            return Err(Error::CLOSED);
        }
        // No lock and no buffer: stderr must work inside a panic, even one
        // raised while stdout's lock is held.
        Ok(write_all(stderr_fd(), bytes)?)
    }
}

/// fd 2, borrowed.
fn stderr_fd() -> BorrowedFd<'static> {
    // SAFETY: fd 2 is only borrowed and never closed here; if it is not
    // open, calls on it fail with EBADF.
    unsafe { BorrowedFd::borrow_raw(2) }
}

impl IOBase for Stderr {
    fn closed(&self) -> bool {
        STDERR_CLOSED.load(Ordering::Relaxed)
    }

    fn close(&mut self) -> Result<()> {
        STDERR_CLOSED.store(true, Ordering::Relaxed);
        Ok(())
    }

    fn fileno(&self) -> Result<i32> {
        if self.closed() {
            Err(Error::CLOSED)
        } else {
            Ok(2)
        }
    }

    fn isatty(&self) -> Result<bool> {
        if self.closed() {
            return Err(Error::CLOSED);
        }
        Ok(rustix::termios::isatty(stderr_fd()))
    }

    fn writable(&self) -> bool {
        !self.closed()
    }
}

impl TextIOBase for Stderr {
    fn encoding(&self) -> &'static str {
        "utf-8"
    }

    fn errors(&self) -> &'static str {
        "backslashreplace"
    }

    fn read<'a>(&mut self, _: &'a mut [u8]) -> Result<&'a str> {
        Err(Error::Unsupported("not readable"))
    }

    fn readline(&mut self) -> Result<&str> {
        Err(Error::Unsupported("not readable"))
    }

    /// Writes all of `s` at once (a Rust string is always encodable).
    fn write(&mut self, s: &str) -> Result<usize> {
        Stderr::write(self, s.as_bytes())?;
        Ok(s.len())
    }
}

impl fmt::Write for Stderr {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        Stderr::write(self, s.as_bytes()).map_err(|_| fmt::Error)
    }
}

#[doc(hidden)]
#[inline]
pub fn _print(args: fmt::Arguments<'_>) {
    // A literal without arguments skips the formatting machinery entirely;
    // with LTO this keeps `core::fmt` out of programs that only print
    // literals. Errors are kept for the report at exit.
    match args.as_str() {
        Some(s) => {
            let _ = STDOUT.lock().print_str(s);
        }
        None => print_fmt(args),
    }
}

#[inline(never)]
fn print_fmt(args: fmt::Arguments<'_>) {
    /// Stops formatting at the first error (which is kept for exit). The
    /// lock is taken per piece, so a `Display` impl may print too.
    struct Writer;
    impl fmt::Write for Writer {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            STDOUT.lock().print_str(s).map_err(|_| fmt::Error)
        }
    }
    let _ = fmt::write(&mut Writer, args);
}

/// Flushes stdout for [`exit`](crate::rt::exit). If any write to stdout
/// failed (other than to a closed fd), says so on stderr, once, and
/// returns the first error.
pub(crate) fn flush_stdout_at_exit() -> core::result::Result<(), Errno> {
    // try_lock: an exit from inside a print (a panic in our own code) must
    // not spin forever on the lock it holds.
    let Some(mut out) = STDOUT.try_lock() else {
        return Ok(());
    };
    let _ = out.flush();
    let error = out.error;
    drop(out);
    match error {
        None => Ok(()),
        Some(e) => {
            report_stdout_error(e);
            Err(e)
        }
    }
}

/// The messages of the errors a write to stdout meets at exit, as errno
/// numbers and one NUL-separated string: the errno table is too large to
/// put in every program, and a test checks these against it.
const WRITE_ERRNOS: [u8; 6] = [28, 5, 32, 9, 122, 27];
const WRITE_MESSAGES: &[u8] = b"No space left on device\0Input/output error\0Broken pipe\0\
Bad file descriptor\0Disk quota exceeded\0File too large";

/// `prog: write error: No space left on device`, as GNU tools report a
/// failed stdout at exit (`[Errno N]` for an error not in
/// [`WRITE_ERRNOS`]), built without `core::fmt` or the errno tables so
/// that every program can afford it.
#[cold]
fn report_stdout_error(e: Errno) {
    use rustix::io::IoSlice;
    let code = e.raw_os_error();
    let known = WRITE_ERRNOS.iter().position(|&n| i32::from(n) == code);
    let message = known.and_then(|k| WRITE_MESSAGES.split(|&b| b == 0).nth(k));
    // Kernel errnos are below 4096: four digits, leading zeros dropped.
    let mut digits = *b"0000";
    let mut n = code.unsigned_abs();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let zeros = digits.iter().take(3).take_while(|&&d| d == b'0').count();
    let number = digits.get(zeros..).unwrap_or_default();
    let parts = match message {
        Some(text) => [IoSlice::new(text), IoSlice::new(b""), IoSlice::new(b"")],
        None => [
            IoSlice::new(b"[Errno "),
            IoSlice::new(number),
            IoSlice::new(b"]"),
        ],
    };
    let [a, b, c] = parts;
    let line = [
        IoSlice::new(crate::os::program_name()),
        IoSlice::new(b": write error: "),
        a,
        b,
        c,
        IoSlice::new(b"\n"),
    ];
    // One writev straight to fd 2, as a last word: even a closed
    // `sys.stderr` gets it.
    let _ = rustix::io::writev(stderr_fd(), &line);
}

/// Gathers a formatted message on the stack so that one `eprintln!` is
/// one `write` when it fits in 512 bytes.
struct StderrWriter {
    bytes: [u8; 512],
    len: usize,
}

impl StderrWriter {
    fn flush(&mut self) {
        let _ = stderr().write(self.bytes.get(..self.len).unwrap_or_default());
        self.len = 0;
    }
}

impl fmt::Write for StderrWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let s = s.as_bytes();
        if s.len() > self.bytes.len() - self.len {
            self.flush();
        }
        // No panic paths in the panic reporter.
        if put(&mut self.bytes, self.len, s) {
            self.len += s.len();
        } else {
            let _ = stderr().write(s);
        }
        Ok(())
    }
}

#[doc(hidden)]
#[inline(never)]
pub fn _eprint(args: fmt::Arguments<'_>) {
    let mut writer = StderrWriter {
        bytes: [0; 512],
        len: 0,
    };
    let _ = fmt::write(&mut writer, args);
    writer.flush();
}

#[cfg(test)]
mod tests {
    use super::{WRITE_ERRNOS, WRITE_MESSAGES};
    use crate::errno::strerror;

    #[test]
    fn exit_report_messages_are_the_errno_tables() {
        let messages: std::vec::Vec<_> = WRITE_MESSAGES.split(|&b| b == 0).collect();
        assert_eq!(messages.len(), WRITE_ERRNOS.len());
        for (&code, message) in WRITE_ERRNOS.iter().zip(messages) {
            let want = strerror(i32::from(code)).as_str().unwrap();
            assert_eq!(want.as_bytes(), message, "errno {code}");
        }
    }
}
