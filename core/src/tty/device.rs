//! Terminal devices: is it one, which one, a new pseudo-terminal.

use crate::errno::Errno;
use rustix::fd::{AsFd, AsRawFd, OwnedFd};
use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;

/// `os.isatty(fd)`—whether `fd` is a terminal.
///
/// # References
/// - [isatty(3)](https://man7.org/linux/man-pages/man3/isatty.3.html)
pub fn isatty(fd: impl AsFd) -> bool {
    rustix::termios::isatty(fd)
}

/// `os.ctermid()`—the name of the controlling terminal: `/dev/tty`.
///
/// # References
/// - [ctermid(3)](https://man7.org/linux/man-pages/man3/ctermid.3.html)
pub fn ctermid() -> &'static str {
    "/dev/tty"
}

/// `os.ttyname(fd)`—the path of the terminal on `fd`, written into `buf`.
///
/// Read from `/proc/self/fd`; where /proc is not mounted, a
/// pseudo-terminal is still named from its device number
/// (`/dev/pts/N`). `ENOTTY` if `fd` is not a terminal, `ERANGE` if `buf`
/// is too small.
///
/// # References
/// - [ttyname(3)](https://man7.org/linux/man-pages/man3/ttyname.3.html)
pub fn ttyname(fd: impl AsFd, buf: &mut [u8]) -> Result<&str, Errno> {
    if !isatty(&fd) {
        return Err(Errno::NOTTY);
    }
    let link = crate::os::path::CPath::proc_self_fd(fd.as_fd().as_raw_fd())?;
    let len = match rustix::fs::readlinkat_raw(rustix::fs::CWD, link.as_cstr(), &mut *buf) {
        Ok(len) if len < buf.len() && buf.starts_with(b"/dev/") => len,
        Ok(len) if len >= buf.len() => return Err(Errno::RANGE),
        _ => pts_name(&fd, buf)?,
    };
    core::str::from_utf8(&buf[..len]).map_err(|_| Errno::ILSEQ)
}

/// `/dev/pts/N` from the device number of a pseudo-terminal (majors 136
/// to 143, 256 minors each).
fn pts_name(fd: impl AsFd, buf: &mut [u8]) -> Result<usize, Errno> {
    let st = rustix::fs::fstat(fd)?;
    let (major, minor) = (rustix::fs::major(st.st_rdev), rustix::fs::minor(st.st_rdev));
    if !(136..=143).contains(&major) {
        return Err(Errno::NOTTY);
    }
    let n = (major - 136) * 256 + minor;
    let mut text = [0u8; 24];
    let mut w = Cursor {
        buf: &mut text,
        len: 0,
    };
    core::fmt::write(&mut w, format_args!("/dev/pts/{n}")).map_err(|_| Errno::RANGE)?;
    let len = w.len;
    buf.get_mut(..len)
        .ok_or(Errno::RANGE)?
        .copy_from_slice(&text[..len]);
    Ok(len)
}

/// Formats into a fixed buffer.
struct Cursor<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl core::fmt::Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let room = self
            .buf
            .get_mut(self.len..self.len + s.len())
            .ok_or(core::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len += s.len();
        Ok(())
    }
}

/// `os.openpty()`—a new pseudo-terminal: `(master, slave)`, both
/// close-on-exec (PEP 446), the slave not made the controlling terminal.
///
/// The slave is opened through the master (`TIOCGPTPEER`, no path
/// lookup); where that ioctl is missing (old kernels, some emulators) it is
/// opened as `/dev/pts/N`.
///
/// # References
/// - [openpty(3)](https://man7.org/linux/man-pages/man3/openpty.3.html)
/// - [pts(4)](https://man7.org/linux/man-pages/man4/pts.4.html)
pub fn openpty() -> Result<(OwnedFd, OwnedFd), Errno> {
    let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
    let master = rustix::pty::openpt(flags)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    let slave = match rustix::pty::ioctl_tiocgptpeer(&master, flags) {
        Ok(slave) => slave,
        Err(_) => {
            // SAFETY: TIOCGPTN writes the pty's number into one u32.
            let n: u32 = unsafe {
                rustix::ioctl::ioctl(
                    &master,
                    rustix::ioctl::Getter::<
                        { linux_raw_sys::ioctl::TIOCGPTN as rustix::ioctl::Opcode },
                        u32,
                    >::new(),
                )?
            };
            let mut path = [0u8; 32];
            let mut w = Cursor {
                buf: &mut path,
                len: 0,
            };
            core::fmt::write(&mut w, format_args!("/dev/pts/{n}\0")).map_err(|_| Errno::RANGE)?;
            let len = w.len;
            let name =
                core::ffi::CStr::from_bytes_with_nul(&path[..len]).map_err(|_| Errno::INVAL)?;
            rustix::fs::open(
                name,
                OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
                Mode::empty(),
            )?
        }
    };
    Ok((master, slave))
}

/// Waits until `fd` has input to read, at most `timeout_ms` milliseconds
/// (`None`: for ever); true when it has. A signal's arrival ends the wait
/// early with `EINTR`, not retried, so that the caller can act on it
/// (curses' `KEY_RESIZE`). Python spells this `select.select([fd], [], [],
/// timeout)`.
///
/// ```
/// use strata_core::{os, tty};
///
/// let (read_end, write_end) = os::pipe()?;
/// assert!(!tty::wait_readable(&read_end, Some(0))?);
/// os::write(&write_end, b"x")?;
/// assert!(tty::wait_readable(&read_end, Some(0))?);
/// # Ok::<(), strata_core::errno::Errno>(())
/// ```
///
/// # References
/// - [ppoll(2)](https://man7.org/linux/man-pages/man2/ppoll.2.html)
pub fn wait_readable(fd: impl AsFd, timeout_ms: Option<u32>) -> Result<bool, Errno> {
    #[repr(C)]
    struct PollFd {
        fd: i32,
        events: i16,
        revents: i16,
    }
    const POLLIN: i16 = 1;
    let mut pfd = PollFd {
        fd: fd.as_fd().as_raw_fd(),
        events: POLLIN,
        revents: 0,
    };
    // `i32` fields on 32-bit arm, `i64` elsewhere: both values fit either
    // (at most 4,294,967 s and 999,000,000 ns).
    let ts = timeout_ms.map(|ms| linux_raw_sys::general::timespec {
        tv_sec: (ms / 1000) as _,
        tv_nsec: ((ms % 1000) * 1_000_000) as _,
    });
    let ts_ptr = ts
        .as_ref()
        .map_or(0, |t| t as *const linux_raw_sys::general::timespec as usize);
    // SAFETY: ppoll reads one pollfd and writes its revents, and reads the
    // timespec when its pointer is not null; with no signal mask (null)
    // the size argument is unused.
    let ready = crate::sys::result(unsafe {
        strata_arch::syscall5(
            crate::sys::nr(linux_raw_sys::general::__NR_ppoll),
            &mut pfd as *mut PollFd as usize,
            1,
            ts_ptr,
            0,
            8,
        )
    })?;
    Ok(ready > 0)
}
