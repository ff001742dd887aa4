//! stdout (buffered, 4 KiB) and stderr (unbuffered) over fds 1 and 2.

use crate::errno::Errno;
use core::fmt;
use rustix::fd::BorrowedFd;
use spin::Mutex;

const STDOUT_CAPACITY: usize = 4096;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Not asked yet: the `ioctl` is made on the first decision.
    Unknown,
    Line,
    Block,
}

struct Buffer {
    bytes: [u8; STDOUT_CAPACITY],
    len: usize,
    mode: Mode,
    /// The first write error, reported at exit (C's `ferror`).
    error: Option<Errno>,
}

static STDOUT: Mutex<Buffer> = Mutex::new(Buffer {
    bytes: [0; STDOUT_CAPACITY],
    len: 0,
    mode: Mode::Unknown,
    error: None,
});

fn fd(raw: i32) -> BorrowedFd<'static> {
    // SAFETY: fds 1 and 2 are borrowed, never closed here. If one is not
    // open, writes fail with EBADF, which the callers handle.
    unsafe { BorrowedFd::borrow_raw(raw) }
}

/// Writes all of `bytes`, retrying short writes and `EINTR`. A closed fd
/// (`EBADF`) swallows the bytes, as Rust's std does for stdio.
fn write_all(fd: BorrowedFd<'_>, mut bytes: &[u8]) -> Result<(), Errno> {
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
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

impl Buffer {
    fn flush(&mut self) -> Result<(), Errno> {
        let len = core::mem::take(&mut self.len);
        // On error the bytes are dropped (retrying would only fail again)
        // and the first error is kept for the report at exit.
        let result = write_all(fd(1), self.bytes.get(..len).unwrap_or_default());
        if let Err(e) = result {
            self.error.get_or_insert(e);
        }
        result
    }

    fn line_buffered(&mut self) -> bool {
        if self.mode == Mode::Unknown {
            self.mode = if rustix::termios::isatty(fd(1)) {
                Mode::Line
            } else {
                Mode::Block
            };
        }
        self.mode == Mode::Line
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Errno> {
        if bytes.len() > STDOUT_CAPACITY - self.len {
            self.flush()?;
        }
        if bytes.len() >= STDOUT_CAPACITY {
            // Larger than the buffer: straight through, no copy.
            let result = write_all(fd(1), bytes);
            if let Err(e) = result {
                self.error.get_or_insert(e);
            }
            return result;
        }
        // Written without indexing that could panic, so a program that
        // only prints carries no panic machinery.
        let start = self.len;
        if let Some(room) = self.bytes.get_mut(start..start + bytes.len()) {
            room.copy_from_slice(bytes);
            self.len = start + bytes.len();
        }
        if memchr_newline(bytes) && self.line_buffered() {
            self.flush()?;
        }
        Ok(())
    }
}

fn memchr_newline(bytes: &[u8]) -> bool {
    bytes.contains(&b'\n')
}

/// A handle to the process's stdout; see [`stdout`].
#[derive(Clone, Copy, Debug)]
pub struct Stdout(());

/// `sys.stdout`—the buffered standard output.
pub fn stdout() -> Stdout {
    Stdout(())
}

impl Stdout {
    /// Writes all of `bytes` through the buffer.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Errno> {
        STDOUT.lock().write(bytes)
    }

    /// `sys.stdout.flush()`—writes out what is buffered.
    pub fn flush(&self) -> Result<(), Errno> {
        STDOUT.lock().flush()
    }
}

/// Formatting into stdout keeps the first error, since `fmt::Error` carries
/// none. The lock is taken per piece, so a `Display` impl may print too.
struct StdoutWriter(Result<(), Errno>);

impl fmt::Write for StdoutWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = stdout().write(s.as_bytes());
        self.0.map_err(|_| fmt::Error)
    }
}

impl fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write(s.as_bytes()).map_err(|_| fmt::Error)
    }
}

#[doc(hidden)]
#[inline]
pub fn _print(args: fmt::Arguments<'_>) {
    // A literal without arguments skips the formatting machinery entirely;
    // with LTO this keeps `core::fmt` out of programs that only print
    // literals. Errors are kept for the report at exit.
    let _ = match args.as_str() {
        Some(s) => stdout().write(s.as_bytes()),
        None => print_fmt(args),
    };
}

#[inline(never)]
fn print_fmt(args: fmt::Arguments<'_>) -> Result<(), Errno> {
    let mut writer = StdoutWriter(Ok(()));
    let _ = fmt::write(&mut writer, args);
    writer.0
}

/// Flushes stdout for [`exit`](crate::rt::exit). If any write to stdout
/// failed (other than to a closed fd), says so on stderr, once, and
/// returns the first error.
pub(crate) fn flush_stdout_at_exit() -> Result<(), Errno> {
    // try_lock: an exit from inside a print (a panic in our own code) must
    // not spin forever on the lock it holds.
    let Some(mut buffer) = STDOUT.try_lock() else {
        return Ok(());
    };
    let _ = buffer.flush();
    let error = buffer.error;
    drop(buffer);
    match error {
        None => Ok(()),
        Some(e) => {
            report_stdout_error(e);
            Err(e)
        }
    }
}

/// `strata: cannot write to stdout: [Errno 32]`, built without `core::fmt`
/// or the errno tables so that every program can afford it.
#[cold]
fn report_stdout_error(e: Errno) {
    let mut line = *b"strata: cannot write to stdout: [Errno       ";
    let mut end = line.len() - 6;
    let mut digits = [0u8; 5];
    let mut n = e.raw_os_error().unsigned_abs();
    let mut count = 0;
    while count < digits.len() {
        digits[count] = b'0' + (n % 10) as u8;
        n /= 10;
        count += 1;
        if n == 0 {
            break;
        }
    }
    for &d in digits[..count].iter().rev() {
        line[end] = d;
        end += 1;
    }
    let _ = stderr().write(&line[..end]);
    let _ = stderr().write(b"]\n");
}

/// A handle to the process's stderr; see [`stderr`].
#[derive(Clone, Copy, Debug)]
pub struct Stderr(());

/// `sys.stderr`—the unbuffered standard error.
pub fn stderr() -> Stderr {
    Stderr(())
}

impl Stderr {
    /// Writes all of `bytes` to fd 2 at once.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Errno> {
        write_all(fd(2), bytes)
    }
}

impl fmt::Write for Stderr {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write(s.as_bytes()).map_err(|_| fmt::Error)
    }
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
        // `get_mut`, not indexing: no panic paths in the panic reporter.
        match self.bytes.get_mut(self.len..self.len + s.len()) {
            Some(room) => {
                room.copy_from_slice(s);
                self.len += s.len();
            }
            None => {
                let _ = stderr().write(s);
            }
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
