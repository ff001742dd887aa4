//! The io test program: real files in a fresh temporary directory, pipes,
//! `/dev/full`, a non-blocking pipe and a timer signal, through every layer
//! of Strata's `io` (raw, buffered, text, in-memory, `open()`).
//!
//! Faults it provokes and checks: `ENOSPC` from `/dev/full` (reported,
//! bytes kept, still closed), `EAGAIN` on a non-blocking pipe (the count of
//! bytes taken, nothing lost or written twice), short writes and `EINTR`
//! from a 1 ms timer while a blocking pipe write waits on a reader that
//! only drains from the signal handler, and `EINTR` during reads.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use core::time::Duration;
use strata_alloc::io::{
    self, BufferedIOBase, BufferedIOBaseExt, BufferedWriter, BytesIO, Error, FileIO, IOBase,
    OpenOptions, RawIOBase, RawIOBaseExt, Reconfigure, StringIO, TextIOBase, TextIOWrapperExt,
    Whence,
};
use strata_alloc::{errno::Errno, os, signal as sig};
use strata_tests::Tap;

strata_alloc::main!(main);

fn main() -> i32 {
    let mut tap = Tap::new();
    let Some(dir) = temp_dir() else {
        tap.check("a temporary directory can be made", false);
        return tap.finish();
    };
    let path = |name: &str| format!("{dir}/{name}");
    files(&mut tap, &path);
    text(&mut tap, &path);
    errors(&mut tap, &path);
    dev_full(&mut tap);
    nonblocking(&mut tap);
    interrupted_writes(&mut tap);
    interrupted_reads(&mut tap);
    copies(&mut tap, &path);
    memory(&mut tap);
    standard_input(&mut tap);
    owned_lines(&mut tap, &path);
    standard_error(&mut tap);
    for name in ["a", "b", "text", "sig", "copy", "x"] {
        let _ = rustix::fs::unlinkat(
            rustix::fs::CWD,
            path(name).as_str(),
            rustix::fs::AtFlags::empty(),
        );
    }
    let _ = rustix::fs::unlinkat(
        rustix::fs::CWD,
        dir.as_str(),
        rustix::fs::AtFlags::REMOVEDIR,
    );
    tap.finish()
}

/// `$TMPDIR` (or `/tmp`), plus a directory of our own.
fn temp_dir() -> Option<String> {
    let base = strata_core::os::getenv(b"TMPDIR")
        .and_then(|v| core::str::from_utf8(v).ok())
        .filter(|v| !v.is_empty())
        .unwrap_or("/tmp");
    let dir = format!("{base}/strata-io-{}", os::getpid());
    rustix::fs::mkdirat(
        rustix::fs::CWD,
        dir.as_str(),
        rustix::fs::Mode::from_raw_mode(0o700),
    )
    .ok()?;
    Some(dir)
}

fn files(tap: &mut Tap, path: &dyn Fn(&str) -> String) {
    // Raw: modes, append, truncate, exclusive creation.
    let a = path("a");
    let mut w = FileIO::open(a.as_str(), "w").expect("open w");
    tap.check(
        "FileIO writes and reports its mode",
        RawIOBase::write(&mut w, b"hello").is_ok() && w.mode() == "wb",
    );
    drop(w);
    tap.check(
        "mode x refuses an existing file (FileExistsError)",
        FileIO::open(a.as_str(), "x")
            .map(drop)
            .map_err(|e| e.python_class())
            == Err("FileExistsError"),
    );
    let mut f = FileIO::open(a.as_str(), "a+").expect("open a+");
    let start = f.tell();
    let _ = f.seek(0, Whence::Set);
    let _ = RawIOBase::write(&mut f, b", world");
    let _ = f.seek(0, Whence::Set);
    let all = f.readall().unwrap_or_default();
    tap.check(
        "append mode starts at the end and always writes there",
        start == Ok(5) && all == b"hello, world",
    );
    tap.check(
        "truncate cuts and leaves the position",
        f.truncate(Some(5)) == Ok(5) && f.tell() == Ok(12) && f.seek(0, Whence::End) == Ok(5),
    );
    drop(f);

    // Buffered: a write larger than the buffer goes straight through.
    let b = path("b");
    let raw = FileIO::open(b.as_str(), "w").expect("open b");
    let mut w = BufferedWriter::with_buffer(raw, [0u8; 64]);
    let big: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    let _ = w.write(b"head");
    let _ = w.write(&big);
    let on_disk = rustix::fs::stat(b.as_str()).map(|s| s.st_size).unwrap_or(0);
    tap.check(
        "a write larger than the buffer goes straight through",
        on_disk == 1004 && w.get_ref().pending() == 0,
    );
    let _ = w.write(b"tail");
    tap.check(
        "close flushes",
        w.close().is_ok() && rustix::fs::stat(b.as_str()).map(|s| s.st_size) == Ok(1008),
    );
    let mut r = io::open(b.as_str(), "rb").expect("open rb");
    let reader = r.binary().expect("binary");
    let mut head = [0u8; 4];
    let _ = reader.readinto(&mut head);
    let _ = reader.seek(2, Whence::Set);
    let mut again = [0u8; 2];
    let _ = reader.readinto(&mut again);
    tap.check(
        "BufferedReader reads, seeks inside its buffer and reads again",
        &head == b"head" && &again == b"ad" && reader.tell() == Ok(4),
    );
    let rest = reader.read(None).unwrap_or_default();
    tap.check(
        "read() returns the rest",
        rest.len() == 1004 && rest[..1000] == big[..] && &rest[1000..] == b"tail",
    );

    // BufferedRandom: read, write in the middle, read on.
    let mut f = io::open(a.as_str(), "r+b").expect("open r+b");
    let rw = f.binary().expect("binary");
    let mut two = [0u8; 2];
    let _ = rw.readinto(&mut two);
    let _ = rw.write(b"LL");
    let _ = rw.flush();
    let _ = rw.seek(0, Whence::Set);
    let all = rw.read(None).unwrap_or_default();
    tap.check(
        "BufferedRandom writes where it read up to",
        f.python_class() == "BufferedRandom" && all == b"heLLo",
    );
}

fn text(tap: &mut Tap, path: &dyn Fn(&str) -> String) {
    let t = path("text");
    let options = OpenOptions {
        encoding: Some("utf-8-sig"),
        newline: Some("\r\n"),
        ..OpenOptions::default()
    };
    let mut f = io::open_with(t.as_str(), "w", options).expect("open text");
    let stream = f.text().expect("text");
    let _ = stream.write("caf\u{e9}\nsecond line\n");
    let _ = stream.write("third\rend");
    let _ = f.close();
    let raw = raw_file::read(&t);
    tap.check(
        "utf-8-sig writes a BOM; newline='\\r\\n' translates",
        raw == b"\xef\xbb\xbfcaf\xc3\xa9\r\nsecond line\r\nthird\rend",
    );
    let options = OpenOptions {
        encoding: Some("utf-8-sig"),
        ..OpenOptions::default()
    };
    let mut f = io::open_with(t.as_str(), "r", options).expect("open text r");
    let stream = f.text().expect("text");
    let mut marks = Vec::new();
    loop {
        let at = stream.tell();
        let line = stream.readline_string().unwrap_or_default();
        if line.is_empty() {
            break;
        }
        marks.push((at, line));
    }
    let lines: Vec<&str> = marks.iter().map(|(_, l)| l.as_str()).collect();
    tap.check(
        "universal newlines read \\r\\n and \\r as \\n, BOM skipped",
        lines == ["caf\u{e9}\n", "second line\n", "third\n", "end"],
    );
    let round_trip = marks.iter().rev().all(|(at, line)| {
        let Ok(at) = at else { return false };
        stream.seek(*at as i64, Whence::Set) == Ok(*at)
            && stream.readline_string().as_deref() == Ok(line.as_str())
    });
    tap.check("tell() cookies seek back to each line", round_trip);
    let seen: Vec<&str> = stream.newlines().iter().collect();
    tap.check("newlines records \\r and \\r\\n", seen == ["\r", "\r\n"]);

    // Latin-1 and a decode error naming its offset.
    let _ = raw_file::write(&t, b"ok line\nbad \xff here\n");
    let mut f = io::open(t.as_str(), "r").expect("open");
    let stream = f.text().expect("text");
    let first = stream.readline_string();
    let e = stream.readline_string().map(drop).unwrap_err_or();
    tap.check(
        "invalid UTF-8 is an error naming the byte offset",
        first.as_deref() == Ok("ok line\n")
            && e == "'utf-8' codec can't decode byte 0xff in position 12: invalid start byte",
    );
    let _ = stream.reconfigure(&Reconfigure {
        errors: Some("surrogateescape"),
        ..Reconfigure::default()
    });
    tap.check(
        "after reconfigure(errors='surrogateescape') the byte passes through",
        stream.readline_vec().as_deref() == Ok(&b"bad \xff here\n"[..]),
    );
    let options = OpenOptions {
        encoding: Some("latin-1"),
        ..OpenOptions::default()
    };
    let mut f = io::open_with(t.as_str(), "r", options).expect("open latin-1");
    let all = f.text().map(|s| s.read_string(None));
    tap.check(
        "latin-1 decodes every byte",
        matches!(all, Ok(Ok(ref s)) if s == "ok line\nbad \u{ff} here\n"),
    );
}

trait ErrText {
    fn unwrap_err_or(self) -> String;
}

impl ErrText for Result<(), Error> {
    fn unwrap_err_or(self) -> String {
        match self {
            Ok(()) => String::new(),
            Err(e) => format!("{e}"),
        }
    }
}

fn errors(tap: &mut Tap, path: &dyn Fn(&str) -> String) {
    let t = path("text");
    let msg = |r: Result<(), Error>| r.unwrap_err_or();
    let mut f = io::open(t.as_str(), "w").expect("open w");
    let read = f.text().map(|s| s.readline_string().map(drop));
    tap.check(
        "reading a write-only text stream: not readable",
        matches!(read, Ok(Err(Error::Unsupported("not readable")))),
    );
    let _ = f.close();
    let wrote = f.text().map(|s| msg(s.write("x").map(drop)));
    tap.check(
        "writing a closed stream: I/O operation on closed file.",
        wrote.as_deref() == Ok("I/O operation on closed file."),
    );
    tap.check(
        "open() rejects 'rw' with Python's message",
        io::open(t.as_str(), "rw").map(drop).unwrap_err_or()
            == "must have exactly one of create/read/write/append mode",
    );
    tap.check(
        "open() rejects 'rr' as an invalid mode",
        io::open(t.as_str(), "rr").map(drop).unwrap_err_or() == "invalid mode: 'rr'",
    );
    let (r, w) = os::pipe().expect("pipe");
    let fd = rustix::fd::AsRawFd::as_raw_fd(&r);
    let options = OpenOptions {
        closefd: false,
        ..OpenOptions::default()
    };
    let mut p = io::open_fd(fd, "r", options).expect("open pipe");
    tap.check(
        "seeking a pipe's text stream: underlying stream is not seekable",
        msg(p.seek(0, Whence::Set).map(drop)) == "underlying stream is not seekable",
    );
    let options = OpenOptions {
        closefd: false,
        ..OpenOptions::default()
    };
    let mut p = io::open_fd(fd, "rb", options).expect("open pipe rb");
    tap.check(
        "seeking a pipe's buffered stream: File or stream is not seekable.",
        msg(p.seek(0, Whence::Set).map(drop)) == "File or stream is not seekable.",
    );
    tap.check(
        "telling a pipe's position: [Errno 29] Illegal seek",
        msg(p.tell().map(drop)) == "[Errno 29] Illegal seek",
    );
    drop(w);
}

fn dev_full(tap: &mut Tap) {
    let Ok(raw) = FileIO::open("/dev/full", "w") else {
        tap.check("/dev/full can be opened", false);
        return;
    };
    let mut w = BufferedWriter::with_buffer(raw, [0u8; 32]);
    let took = w.write(b"0123456789");
    let flushed = w.flush();
    tap.check(
        "/dev/full: the write is buffered, the flush says ENOSPC",
        took == Ok(10) && flushed == Err(Error::Os(Errno::NOSPC)),
    );
    tap.check(
        "the unwritten bytes stay buffered",
        w.get_ref().pending() == 10,
    );
    let closed = w.close();
    tap.check(
        "close reports the flush error and still closes",
        closed == Err(Error::Os(Errno::NOSPC)) && w.closed(),
    );
    tap.check(
        "it prints as Python's OSError",
        format!("{}", Error::Os(Errno::NOSPC)) == "[Errno 28] No space left on device",
    );
}

/// The byte at stream offset `i` of the patterned streams below.
fn pattern(i: usize) -> u8 {
    (i.wrapping_mul(31) ^ (i >> 9)) as u8
}

fn nonblocking(tap: &mut Tap) {
    let (r, w) = os::pipe().expect("pipe");
    let _ = os::set_blocking(&w, false);
    let wfd = rustix::fd::IntoRawFd::into_raw_fd(w);
    let raw = FileIO::from_fd(wfd, "w", true).expect("FileIO");
    let mut out = BufferedWriter::with_buffer(raw, [0u8; 4096]);
    let data: Vec<u8> = (0..300_000).map(pattern).collect();
    let _ = os::set_blocking(&r, false);
    let mut sent = 0;
    let mut received = Vec::new();
    let mut blocked = 0;
    let mut failed = false;
    let mut buf = [0u8; 65536];
    while !failed && (sent < data.len() || out.get_ref().pending() > 0) {
        // Write until the pipe is full...
        loop {
            let result = if sent < data.len() {
                out.write(&data[sent..(sent + 7000).min(data.len())])
            } else {
                out.flush().map(|()| 0)
            };
            match result {
                Ok(n) => {
                    sent += n;
                    if sent == data.len() && out.get_ref().pending() == 0 {
                        break;
                    }
                }
                Err(Error::BlockingIO { written }) => {
                    sent += written;
                    blocked += 1;
                    break;
                }
                Err(_) => {
                    failed = true;
                    break;
                }
            }
        }
        // ...then the reader drains it.
        loop {
            match os::read(&r, &mut buf) {
                Ok(0) | Err(Errno::AGAIN) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
                Err(_) => {
                    failed = true;
                    break;
                }
            }
        }
    }
    drop(out);
    while let Ok(n @ 1..) = os::read(&r, &mut buf) {
        received.extend_from_slice(&buf[..n]);
    }
    tap.check(
        "a non-blocking pipe: BlockingIOError says how much was taken",
        blocked > 0 && !failed,
    );
    tap.check(
        "every byte arrives once, in order",
        received.len() == data.len() && received == data,
    );
}

static DRAIN_FD: AtomicI32 = AtomicI32::new(-1);
static DRAINED: AtomicUsize = AtomicUsize::new(0);
static DRAIN_OK: AtomicBool = AtomicBool::new(true);
static DRAIN_LIMIT: AtomicUsize = AtomicUsize::new(0);

/// SIGALRM: reads up to 16 KiB from the (non-blocking) pipe and checks
/// them against the pattern. read(2) is async-signal-safe.
extern "C" fn drain(_: i32) {
    let fd = DRAIN_FD.load(Ordering::SeqCst);
    let mut buf = [0u8; 16384];
    // SAFETY: the fd is the pipe's open read end while the timer runs.
    let fd = unsafe { rustix::fd::BorrowedFd::borrow_raw(fd) };
    let limit = DRAIN_LIMIT.load(Ordering::SeqCst).min(buf.len());
    if let Ok(n) = rustix::io::read(fd, &mut buf[..limit]) {
        let at = DRAINED.fetch_add(n, Ordering::SeqCst);
        if !buf[..n]
            .iter()
            .enumerate()
            .all(|(k, &b)| b == pattern(at + k))
        {
            DRAIN_OK.store(false, Ordering::SeqCst);
        }
    }
}

fn interrupted_writes(tap: &mut Tap) {
    let (r, w) = os::pipe().expect("pipe");
    let _ = os::set_blocking(&r, false);
    DRAIN_FD.store(rustix::fd::AsRawFd::as_raw_fd(&r), Ordering::SeqCst);
    DRAIN_LIMIT.store(16384, Ordering::SeqCst);
    // No SA_RESTART: each alarm interrupts the blocked write, which then
    // either returns short or fails with EINTR; both are retried.
    let _ = sig::sigaction(
        sig::SIGALRM,
        &sig::SigAction::new(sig::Handler::Function(drain)),
    );
    let _ = sig::setitimer(
        sig::ITIMER_REAL,
        Duration::from_millis(1),
        Duration::from_millis(1),
    );
    let wfd = rustix::fd::IntoRawFd::into_raw_fd(w);
    let raw = FileIO::from_fd(wfd, "w", true).expect("FileIO");
    let mut out = BufferedWriter::with_buffer(raw, [0u8; 8192]);
    let data: Vec<u8> = (0..400_000).map(pattern).collect();
    let mut result = Ok(0);
    for chunk in data.chunks(50_000) {
        result = out.write(chunk);
        if result.is_err() {
            break;
        }
    }
    let flushed = out.flush();
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::ZERO, Duration::ZERO);
    drop(out);
    // What the handler did not take is still in the pipe.
    let mut buf = [0u8; 16384];
    let _ = os::set_blocking(&r, true);
    let mut ok = DRAIN_OK.load(Ordering::SeqCst);
    loop {
        match os::read(&r, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let at = DRAINED.fetch_add(n, Ordering::SeqCst);
                ok &= buf[..n]
                    .iter()
                    .enumerate()
                    .all(|(k, &b)| b == pattern(at + k));
            }
        }
    }
    tap.check(
        "writes blocked on a full pipe survive EINTR and short writes",
        result.is_ok() && flushed.is_ok(),
    );
    tap.check(
        "no byte lost or duplicated across 1 ms timer interruptions",
        ok && DRAINED.load(Ordering::SeqCst) == data.len(),
    );
}

static FEED_FD: AtomicI32 = AtomicI32::new(-1);
static FED: AtomicUsize = AtomicUsize::new(0);

/// SIGALRM: writes one line for the blocked reader.
extern "C" fn feed(_: i32) {
    let n = FED.fetch_add(1, Ordering::SeqCst);
    let line = [b'a' + (n % 26) as u8, b'\n'];
    // SAFETY: the fd is the pipe's open write end while the timer runs.
    let fd = unsafe { rustix::fd::BorrowedFd::borrow_raw(FEED_FD.load(Ordering::SeqCst)) };
    let _ = rustix::io::write(fd, &line);
}

fn interrupted_reads(tap: &mut Tap) {
    let (r, w) = os::pipe().expect("pipe");
    FEED_FD.store(rustix::fd::AsRawFd::as_raw_fd(&w), Ordering::SeqCst);
    let _ = sig::sigaction(
        sig::SIGALRM,
        &sig::SigAction::new(sig::Handler::Function(feed)),
    );
    let _ = sig::setitimer(
        sig::ITIMER_REAL,
        Duration::from_millis(1),
        Duration::from_millis(1),
    );
    let rfd = rustix::fd::AsRawFd::as_raw_fd(&r);
    let options = OpenOptions {
        closefd: false,
        ..OpenOptions::default()
    };
    let mut f = io::open_fd(rfd, "r", options).expect("open");
    let stream = f.text().expect("text");
    let mut lines = Vec::new();
    let mut failed = None;
    for _ in 0..20 {
        match stream.readline_string() {
            Ok(l) => lines.push(l),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::ZERO, Duration::ZERO);
    let in_order = lines
        .iter()
        .enumerate()
        .all(|(k, l)| l.as_bytes() == [b'a' + (k % 26) as u8, b'\n']);
    tap.check(
        "blocking text reads retry EINTR (PEP 475) and lose nothing",
        failed.is_none() && lines.len() == 20 && in_order,
    );
    // Interrupting: the error comes back as InterruptedError.
    let _ = sig::catch(sig::SIGALRM, true);
    let _ = sig::setitimer(sig::ITIMER_REAL, Duration::from_millis(5), Duration::ZERO);
    let mut buf = [0u8; 8];
    let got = FileIO::from_fd(rfd, "r", false).map(|mut raw| raw.readinto(&mut buf));
    tap.check(
        "an interrupting signal surfaces as InterruptedError",
        matches!(got, Ok(Err(ref e)) if e.python_class() == "InterruptedError"),
    );
    drop(w);
}

fn copies(tap: &mut Tap, path: &dyn Fn(&str) -> String) {
    let (src, dst) = (path("b"), path("copy"));
    let mut a = io::open(src.as_str(), "rb").expect("open src");
    let mut b = io::open(dst.as_str(), "wb").expect("open dst");
    let n = io::copyfileobj(a.binary().expect("a"), b.binary().expect("b"));
    let _ = b.close();
    tap.check(
        "copyfileobj copies a file (copy_file_range)",
        n == Ok(1008) && raw_file::read(&dst) == raw_file::read(&src),
    );
    let (r, w) = os::pipe().expect("pipe");
    let mut a = io::open(src.as_str(), "rb").expect("open src");
    let options = OpenOptions {
        closefd: false,
        ..OpenOptions::default()
    };
    let mut p = io::open_fd(rustix::fd::AsRawFd::as_raw_fd(&w), "wb", options).expect("pipe");
    let n = io::copyfileobj(a.binary().expect("a"), p.binary().expect("p"));
    drop(p);
    drop(w);
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(k @ 1..) = os::read(&r, &mut buf) {
        got.extend_from_slice(&buf[..k]);
    }
    tap.check(
        "copyfileobj copies a file into a pipe (sendfile/splice)",
        n == Ok(1008) && got == raw_file::read(&src),
    );
}

fn memory(tap: &mut Tap) {
    let mut b = BytesIO::with_value(*b"abc");
    let _ = b.seek(6, Whence::Set);
    let _ = BufferedIOBase::write(&mut b, b"x");
    tap.check(
        "BytesIO fills a gap with zeros",
        b.getvalue() == Ok(&b"abc\0\0\0x"[..]),
    );
    let mut s = StringIO::with_value("a\r\nb\rc", None).expect("StringIO");
    let lines = s.readlines().unwrap_or_default();
    tap.check(
        "StringIO(newline=None) translates on write",
        lines == ["a\n", "b\n", "c"] && s.tell() == Ok(5),
    );
    let _ = TextIOBase::write(&mut s, "é");
    tap.check(
        "StringIO positions count characters",
        s.tell() == Ok(6) && s.getvalue().as_deref() == Ok("a\nb\ncé"),
    );
}

/// `sys.stdin` over a pipe put on fd 0: lines decoded, `\r\n` read as
/// `\n`, end of file as an empty line.
fn standard_input(tap: &mut Tap) {
    let (r, w) = os::pipe().expect("pipe");
    let _ = rustix::io::write(&w, "first line\r\nsecond caf\u{e9}\nno ending".as_bytes());
    drop(w);
    // SAFETY: fd 0 is replaced, never closed through this handle (it is
    // never dropped).
    let mut zero = core::mem::ManuallyDrop::new(unsafe {
        <rustix::fd::OwnedFd as rustix::fd::FromRawFd>::from_raw_fd(0)
    });
    if rustix::io::dup2(&r, &mut zero).is_err() {
        tap.check("stdin can be replaced by a pipe", false);
        return;
    }
    let mut stdin = io::stdin().lock();
    let mut lines: Vec<String> = Vec::new();
    loop {
        match TextIOBase::readline(&mut **stdin) {
            Ok("") => break,
            Ok(l) => lines.push(l.into()),
            Err(_) => break,
        }
    }
    tap.check(
        "stdin reads decoded lines with universal newlines",
        lines == ["first line\n", "second caf\u{e9}\n", "no ending"],
    );
}

/// Small file helpers on raw calls, independent of the code under test.
mod raw_file {
    use alloc::vec::Vec;

    pub fn read(path: &str) -> Vec<u8> {
        let Ok(fd) = rustix::fs::openat(
            rustix::fs::CWD,
            path,
            rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = rustix::io::read(&fd, &mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    pub fn write(path: &str, data: &[u8]) -> Result<(), rustix::io::Errno> {
        let fd = rustix::fs::openat(
            rustix::fs::CWD,
            path,
            rustix::fs::OFlags::WRONLY
                | rustix::fs::OFlags::CREATE
                | rustix::fs::OFlags::TRUNC
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::from_raw_mode(0o600),
        )?;
        let mut rest = data;
        while !rest.is_empty() {
            let n = rustix::io::write(&fd, rest)?;
            rest = &rest[n..];
        }
        Ok(())
    }
}

/// `readline`, `readlines` and `for line in f` on a raw file (a byte at a
/// time, so the file position stops right after the line, as CPython's
/// `RawIOBase`) and on a StringIO.
fn owned_lines(tap: &mut Tap, path: &dyn Fn(&str) -> String) {
    let name = path("lines");
    let written = FileIO::open(name.as_str(), "w")
        .and_then(|mut f| RawIOBase::write(&mut f, b"a\nbb\nccc"))
        .is_ok();
    let Ok(mut f) = FileIO::open(name.as_str(), "r") else {
        tap.check("a raw file to read lines from", false);
        return;
    };
    let first = RawIOBaseExt::readline_vec(&mut f, None);
    let at = f.tell();
    let short = RawIOBaseExt::readline_vec(&mut f, Some(1));
    let rest = RawIOBaseExt::readlines(&mut f, None);
    tap.check(
        "raw readline stops right after the line; readline(1); readlines",
        written
            && first.as_deref() == Ok(&b"a\n"[..])
            && at == Ok(2)
            && short.as_deref() == Ok(&b"b"[..])
            && rest == Ok(alloc::vec![b"b\n".to_vec(), b"ccc".to_vec()]),
    );
    let iterated: Vec<_> = FileIO::open(name.as_str(), "r")
        .map(|mut f| f.lines().collect::<Result<Vec<_>, _>>())
        .unwrap_or(Err(Error::CLOSED))
        .unwrap_or_default();
    tap.check(
        "for line in a raw file",
        iterated == [&b"a\n"[..], b"bb\n", b"ccc"],
    );
    let _ = rustix::fs::unlinkat(rustix::fs::CWD, name.as_str(), rustix::fs::AtFlags::empty());
    let text: Vec<_> = StringIO::with_value("x\r\ny\nz", None)
        .map(|mut s| s.lines().collect::<Result<Vec<_>, _>>())
        .unwrap_or(Err(Error::CLOSED))
        .unwrap_or_default();
    tap.check(
        "for line in a StringIO, newlines translated",
        text == ["x\n", "y\n", "z"],
    );
}

/// `sys.stderr` as a text stream; closed last, since closing it is for
/// good.
fn standard_error(tap: &mut Tap) {
    let mut e = io::stderr();
    tap.check(
        "stderr is a writable text stream on fd 2: utf-8, backslashreplace",
        TextIOBase::encoding(&e) == "utf-8"
            && TextIOBase::errors(&e) == "backslashreplace"
            && e.fileno() == Ok(2)
            && e.writable()
            && !e.readable()
            && TextIOBase::write(&mut e, "") == Ok(0),
    );
    let mut buf = [0u8; 4];
    tap.check(
        "reading stderr: UnsupportedOperation: not readable",
        matches!(
            TextIOBase::read(&mut e, &mut buf),
            Err(Error::Unsupported("not readable"))
        ),
    );
    // SAFETY: fd 2 is only borrowed, to see that it is still open.
    let fd2 = unsafe { rustix::fd::BorrowedFd::borrow_raw(2) };
    tap.check(
        "closing stderr closes the stream, not fd 2 (closefd=False)",
        e.close().is_ok()
            && e.closed()
            && TextIOBase::write(&mut e, "lost") == Err(Error::CLOSED)
            && e.fileno() == Err(Error::CLOSED)
            && rustix::io::fcntl_getfd(fd2).is_ok(),
    );
}
