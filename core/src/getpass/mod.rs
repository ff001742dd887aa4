//! Python's `getpass` module: [`getpass`] reads a password without echo,
//! [`getuser`] names the user.
//!
//! ```
//! use strata_core::getpass;
//!
//! // The login name: LOGNAME, USER, LNAME, USERNAME, else /etc/passwd.
//! let mut buf = [0u8; 64];
//! match getpass::getuser(&mut buf) {
//!     Ok(name) => assert!(!name.is_empty()),
//!     Err(e) => assert_eq!(e, strata_core::errno::ENOENT),
//! }
//! ```
//!
//! As in CPython: the prompt goes to and the password comes from
//! `/dev/tty`; only `ECHO` is turned off (`ISIG` stays, so Ctrl-C still
//! works); with no terminal it falls back to stdin ([`fallback_getpass`]),
//! warning `Warning: Password input may be echoed.` on the stream. Where
//! CPython also issues a `GetPassWarning` through `warnings`, Strata
//! (which has no `warnings` module) marks the [`Password`]:
//! [`Password::warning`] gives the [`GetPassWarning`], so the caller can
//! log it or refuse an echoed password.
//!
//! What Strata adds: the terminal is restored on every way out, including
//! `SIGINT`, `SIGTERM` and `SIGTSTP` — the signal is then re-raised with
//! its previous disposition, so the program dies, stops or handles it as
//! it would have. (A stopped `getpass` turns echo off again when
//! continued.) The password lives in the caller's buffer, and
//! [`Password`] zeroes it when dropped; nothing is copied elsewhere.
//!
//! What differs: no allocation, so the caller gives the buffer, and errors
//! are values ([`GetpassError::Eof`] for Python's `EOFError`).
//! [`unix_getpass`] is [`getpass`], as on CPython's Unix; there is no
//! `win_getpass` (Windows' console API, which Linux has not).

mod passwd;

pub use passwd::{PasswdEntry, name_for_uid, parse_line};

use crate::errno::Errno;
use crate::signal::{self, Handler, SigAction, SigSet, SigmaskHow, Signal};
use crate::tty::{self, LocalModes, When};
use core::fmt;
use rustix::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

/// Why [`getpass`] returned no password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GetpassError {
    /// End of input before a newline (Python's `EOFError`).
    Eof,
    /// The line did not fit in the buffer (it was read to its end and the
    /// buffer zeroed).
    TooLong,
    /// A signal ended the read and its previous disposition let the
    /// program go on (a handler, or ignored).
    Interrupted(Signal),
    /// The terminal or stdin failed.
    Os(Errno),
}

impl fmt::Display for GetpassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GetpassError::Eof => f.write_str("EOF when reading a password"),
            GetpassError::TooLong => f.write_str("password longer than the buffer"),
            GetpassError::Interrupted(sig) => write!(f, "interrupted by {sig}"),
            GetpassError::Os(e) => write!(f, "getpass: {}", e),
        }
    }
}

impl core::error::Error for GetpassError {}

impl From<Errno> for GetpassError {
    fn from(e: Errno) -> Self {
        GetpassError::Os(e)
    }
}

/// `getpass.GetPassWarning`—echo could not be turned off: there was no
/// terminal to control, so the password was read as typed, possibly
/// echoed (CPython's `Can not control echo on the terminal.`).
///
/// CPython issues it through `warnings.warn`; Strata returns it with the
/// password ([`Password::warning`]). `Display` prints CPython's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GetPassWarning;

impl fmt::Display for GetPassWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Can not control echo on the terminal.")
    }
}

impl core::error::Error for GetPassWarning {}

/// A password read by [`getpass`]: the bytes before the newline, in the
/// caller's buffer, which is zeroed when this is dropped.
pub struct Password<'a> {
    buf: &'a mut [u8],
    len: usize,
    warning: Option<GetPassWarning>,
}

impl Password<'_> {
    /// [`GetPassWarning`] if echo could not be turned off (the password
    /// came from [`fallback_getpass`]), where CPython warns.
    pub fn warning(&self) -> Option<GetPassWarning> {
        self.warning
    }

    /// The password's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The password as text, if it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(self.as_bytes()).ok()
    }
}

impl Drop for Password<'_> {
    fn drop(&mut self) {
        zero(self.buf);
    }
}

impl fmt::Debug for Password<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Password({} bytes)", self.len)
    }
}

/// Zeroes with volatile writes, so the compiler cannot skip it as dead.
fn zero(buf: &mut [u8]) {
    for b in buf.iter_mut() {
        // SAFETY: `b` is a valid, exclusive reference.
        unsafe { core::ptr::write_volatile(b, 0) };
    }
}

/// The signals after which the terminal must be restored.
const RESTORE_ON: [Signal; 3] = [signal::SIGINT, signal::SIGTERM, signal::SIGTSTP];

/// `getpass.getpass(prompt, stream)`—prompts and reads a line without echo
/// into `buf`.
///
/// The prompt goes to `/dev/tty` (or to `stream` if given); input comes
/// from `/dev/tty`, or stdin where `/dev/tty` cannot be opened. If echo
/// cannot be turned off on that (it is no terminal), this is
/// [`fallback_getpass`]: stdin read as typed, the echo warning and the
/// prompt on `stream` (else the terminal, else stderr), and
/// [`Password::warning`] set. A newline is written after the input, as
/// CPython does.
///
/// # References
/// - [termios(3)](https://man7.org/linux/man-pages/man3/termios.3.html)
/// - [tty(4)](https://man7.org/linux/man-pages/man4/tty.4.html)
pub fn getpass<'b>(
    prompt: &str,
    stream: Option<BorrowedFd<'_>>,
    buf: &'b mut [u8],
) -> Result<Password<'b>, GetpassError> {
    let opened = rustix::fs::open(
        c"/dev/tty",
        rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    );
    // SAFETY: fds 0 and 2 are borrowed for this call only.
    let (stdin, stderr) = unsafe { (BorrowedFd::borrow_raw(0), BorrowedFd::borrow_raw(2)) };
    let (input, out): (BorrowedFd<'_>, BorrowedFd<'_>) = match &opened {
        Ok(tty) => (tty.as_fd(), stream.unwrap_or(tty.as_fd())),
        Err(_) => (stdin, stream.unwrap_or(stderr)),
    };
    let (result, warning) = match tty::tcgetattr(input) {
        Ok(old) => (without_echo(prompt, input, out, &old, buf), None),
        Err(_) => (fallback(prompt, stdin, out, buf), Some(GetPassWarning)),
    };
    let _ = write_all(out, b"\n");
    drop::<Option<OwnedFd>>(opened.ok());
    password(result, buf, warning)
}

/// `getpass.unix_getpass(prompt, stream)`—the Unix implementation behind
/// `getpass.getpass`: [`getpass`] itself.
pub use self::getpass as unix_getpass;

/// `getpass.fallback_getpass(prompt, stream)`—reads a password from stdin
/// without touching the terminal: writes `Warning: Password input may be
/// echoed.` and the prompt to `stream` (stderr when `None`), then reads
/// one line. The [`Password`] carries [`GetPassWarning`], where CPython
/// warns. No newline follows (the echoed input has its own), as in
/// CPython; [`getpass`] uses this when it cannot turn echo off.
///
/// # References
/// - [tty(4)](https://man7.org/linux/man-pages/man4/tty.4.html)
pub fn fallback_getpass<'b>(
    prompt: &str,
    stream: Option<BorrowedFd<'_>>,
    buf: &'b mut [u8],
) -> Result<Password<'b>, GetpassError> {
    // SAFETY: fds 0 and 2 are borrowed for this call only.
    let (stdin, stderr) = unsafe { (BorrowedFd::borrow_raw(0), BorrowedFd::borrow_raw(2)) };
    let result = fallback(prompt, stdin, stream.unwrap_or(stderr), buf);
    password(result, buf, Some(GetPassWarning))
}

/// The fallback's warning, prompt and line.
fn fallback(
    prompt: &str,
    input: BorrowedFd<'_>,
    out: BorrowedFd<'_>,
    buf: &mut [u8],
) -> Result<usize, GetpassError> {
    let _ = write_all(out, b"Warning: Password input may be echoed.\n");
    read_line(prompt, input, out, buf, None)
}

/// The [`Password`] a read gave, or its error with the buffer zeroed.
fn password(
    result: Result<usize, GetpassError>,
    buf: &mut [u8],
    warning: Option<GetPassWarning>,
) -> Result<Password<'_>, GetpassError> {
    match result {
        Ok(len) => Ok(Password { buf, len, warning }),
        Err(e) => {
            zero(buf);
            Err(e)
        }
    }
}

/// Turns echo off, reads, and restores the terminal whatever happens.
///
/// The signals that must restore the terminal stay blocked except inside
/// the wait for input (`ppoll` with the old mask, atomically), so one that
/// arrives between two reads cannot be missed and leave `read` blocking.
fn without_echo(
    prompt: &str,
    input: BorrowedFd<'_>,
    out: BorrowedFd<'_>,
    old: &tty::Termios,
    buf: &mut [u8],
) -> Result<usize, GetpassError> {
    let mut quiet = old.clone();
    quiet.local_modes.remove(LocalModes::ECHO);
    let watched = SigSet::of(&RESTORE_ON);
    let old_mask = signal::pthread_sigmask(SigmaskHow::Block, watched)?;
    let mut previous = [None; RESTORE_ON.len()];
    for (slot, &sig) in previous.iter_mut().zip(&RESTORE_ON) {
        *slot = signal::getsignal(sig).ok();
        let _ = signal::catch(sig, true);
        let _ = signal::caught(sig);
    }
    let result = loop {
        if let Err(e) = tty::tcsetattr(input, When::Flush, &quiet) {
            break Err(GetpassError::Os(e));
        }
        let read = read_line(prompt, input, out, buf, Some(old_mask));
        let _ = tty::tcsetattr(input, When::Flush, old);
        match read {
            Err(GetpassError::Interrupted(sig)) if sig == signal::SIGTSTP => {
                // Stop as the user asked, with the terminal restored; echo
                // goes off again when we are continued.
                let _ = signal::signal(sig, Handler::Default);
                let _ = signal::pthread_sigmask(SigmaskHow::SetMask, old_mask);
                let _ = signal::raise_signal(sig);
                let _ = signal::pthread_sigmask(SigmaskHow::Block, watched);
                let _ = signal::catch(sig, true);
            }
            other => break other,
        }
    };
    for (prev, &sig) in previous.iter().zip(&RESTORE_ON) {
        let action = prev.unwrap_or(SigAction::new(Handler::Default));
        let _ = signal::sigaction(sig, &action);
    }
    let _ = signal::pthread_sigmask(SigmaskHow::SetMask, old_mask);
    if let Err(GetpassError::Interrupted(sig)) = result {
        // Now deliver it as the program would have received it.
        let _ = signal::raise_signal(sig);
    }
    result
}

/// Writes the prompt and reads one line into `buf`, one byte at a time so
/// that nothing after the newline is consumed. With `wait_mask`, each wait
/// for input unblocks the watched signals (see [`without_echo`]) and a
/// caught one ends the read.
fn read_line(
    prompt: &str,
    input: BorrowedFd<'_>,
    out: BorrowedFd<'_>,
    buf: &mut [u8],
    wait_mask: Option<SigSet>,
) -> Result<usize, GetpassError> {
    write_all(out, prompt.as_bytes())?;
    let mut len = 0;
    let mut overflow = false;
    loop {
        if let Some(mask) = wait_mask {
            if let Some(sig) = RESTORE_ON.into_iter().find(|&s| signal::caught(s) > 0) {
                return Err(GetpassError::Interrupted(sig));
            }
            match wait_readable(input, mask) {
                Ok(()) => {}
                Err(Errno::INTR) => continue,
                Err(e) => return Err(GetpassError::Os(e)),
            }
        }
        let mut byte = [0u8; 1];
        match rustix::io::read(input, &mut byte).map_err(Errno::from) {
            Ok(0) if len == 0 && !overflow => return Err(GetpassError::Eof),
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => match buf.get_mut(len) {
                Some(slot) => {
                    *slot = byte[0];
                    len += 1;
                }
                None => overflow = true,
            },
            Err(Errno::INTR) => {}
            Err(e) => return Err(GetpassError::Os(e)),
        }
        zero(&mut byte);
    }
    if overflow {
        Err(GetpassError::TooLong)
    } else {
        Ok(len)
    }
}

/// `ppoll` for input on `fd` with `mask` as the signal mask while waiting.
fn wait_readable(fd: BorrowedFd<'_>, mask: SigSet) -> Result<(), Errno> {
    #[repr(C)]
    struct PollFd {
        fd: i32,
        events: i16,
        revents: i16,
    }
    let mut pfd = PollFd {
        fd: fd.as_raw_fd(),
        events: 1,
        revents: 0,
    }; // POLLIN
    let bits = mask.bits();
    // SAFETY: ppoll reads one pollfd and writes its revents, reads the
    // 8-byte mask; a null timeout waits for ever.
    crate::sys::result(unsafe {
        strata_arch::syscall5(
            crate::sys::nr(linux_raw_sys::general::__NR_ppoll),
            &mut pfd as *mut PollFd as usize,
            1,
            0,
            &bits as *const u64 as usize,
            8,
        )
    })
    .map(drop)
}

fn write_all(fd: impl AsFd, mut bytes: &[u8]) -> Result<(), Errno> {
    while !bytes.is_empty() {
        let n = crate::os::write(&fd, bytes)?;
        bytes = bytes.get(n..).unwrap_or_default();
    }
    Ok(())
}

/// `getpass.getuser()`—the login name: the first non-empty of `LOGNAME`,
/// `USER`, `LNAME`, `USERNAME`, else the password database's name for the
/// real uid, copied into `buf`. `ENOENT` when nothing names the user.
///
/// # References
/// - [passwd(5)](https://man7.org/linux/man-pages/man5/passwd.5.html)
pub fn getuser(buf: &mut [u8]) -> Result<&[u8], Errno> {
    for name in ["LOGNAME", "USER", "LNAME", "USERNAME"] {
        if let Some(value) = crate::os::getenv(name).filter(|v| !v.is_empty()) {
            let out = buf.get_mut(..value.len()).ok_or(Errno::RANGE)?;
            out.copy_from_slice(value);
            return Ok(out);
        }
    }
    name_for_uid(c"/etc/passwd", crate::os::getuid(), buf)?.ok_or(Errno::NOENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::fd::AsFd;

    #[test]
    fn the_fallback_warns_prompts_and_reads_a_line() {
        let (input_r, input_w) = crate::os::pipe().unwrap();
        let (out_r, out_w) = crate::os::pipe().unwrap();
        crate::os::write(&input_w, b"s3cret\nnext").unwrap();
        let mut buf = [0u8; 32];
        let len = fallback("Password: ", input_r.as_fd(), out_w.as_fd(), &mut buf).unwrap();
        let p = password(Ok(len), &mut buf, Some(GetPassWarning)).unwrap();
        assert_eq!(p.as_bytes(), b"s3cret");
        assert_eq!(p.warning(), Some(GetPassWarning));
        drop(p);
        assert_eq!(buf, [0; 32], "zeroed on drop");
        let mut shown = [0u8; 64];
        let n = crate::os::read(&out_r, &mut shown).unwrap();
        // CPython's fallback_getpass writes exactly this to its stream.
        assert_eq!(
            &shown[..n],
            b"Warning: Password input may be echoed.\nPassword: "
        );
        // Only the line was consumed.
        let n = crate::os::read(&input_r, &mut shown).unwrap();
        assert_eq!(&shown[..n], b"next");
    }

    #[test]
    fn the_warning_is_cpythons() {
        assert_eq!(
            std::format!("{GetPassWarning}"),
            "Can not control echo on the terminal."
        );
        let mut buf = [1u8; 4];
        assert!(password(Err(GetpassError::Eof), &mut buf, None).is_err());
        assert_eq!(buf, [0; 4]);
        let _ = unix_getpass;
    }
}
