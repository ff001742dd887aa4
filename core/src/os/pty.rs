//! The controlling terminal from the `os` module's side: `os.login_tty`,
//! `os.forkpty`, `os.tcgetpgrp`, `os.tcsetpgrp`. Opening a pty is
//! [`openpty`](super::openpty) (in [`crate::tty`]).

use crate::errno::Errno;
use rustix::fd::{AsFd, AsRawFd, OwnedFd};

/// `os.tcgetpgrp(fd)`—the foreground process group of the terminal open
/// on `fd`; 0 if it has none (a pty's master end whose slave no session
/// holds), as glibc and Python answer.
///
/// # References
/// - [tcgetpgrp(3)](https://man7.org/linux/man-pages/man3/tcgetpgrp.3.html)
pub fn tcgetpgrp(fd: impl AsFd) -> Result<i32, Errno> {
    // Not rustix's tcgetpgrp, which turns a group of 0 into an error.
    // SAFETY: TIOCGPGRP writes one pid_t.
    let pgrp = unsafe {
        rustix::ioctl::ioctl(
            fd,
            rustix::ioctl::Getter::<
                { linux_raw_sys::ioctl::TIOCGPGRP as rustix::ioctl::Opcode },
                i32,
            >::new(),
        )?
    };
    Ok(pgrp)
}

/// `os.tcsetpgrp(fd, pgrp)`—makes `pgrp` the foreground process group of
/// the terminal open on `fd` (a background caller gets `SIGTTOU` unless
/// it blocks or ignores it). The kernel judges, as for glibc: an fd that
/// is no terminal is `ENOTTY`; on a terminal, a negative `pgrp` is
/// `EINVAL`, then one that is not this process's controlling terminal
/// `ENOTTY`, then a group that does not exist `ESRCH`.
///
/// # References
/// - [tcsetpgrp(3)](https://man7.org/linux/man-pages/man3/tcsetpgrp.3.html)
pub fn tcsetpgrp(fd: impl AsFd, pgrp: i32) -> Result<(), Errno> {
    // Not rustix's tcsetpgrp, whose Pid cannot carry 0 or a negative
    // number to the kernel.
    // SAFETY: TIOCSPGRP reads one pid_t.
    unsafe {
        rustix::ioctl::ioctl(
            fd,
            rustix::ioctl::Setter::<
                { linux_raw_sys::ioctl::TIOCSPGRP as rustix::ioctl::Opcode },
                i32,
            >::new(pgrp),
        )?;
    }
    Ok(())
}

/// `os.login_tty(fd)` (Python 3.11)—prepares the terminal open on `fd`
/// for a login session: a new session ([`setsid`](super::setsid)), `fd`
/// its controlling terminal, and `fd` copied onto stdin, stdout and
/// stderr (inheritable), then closed. Fails with `EPERM` in a process
/// group leader (as `setsid` does).
///
/// # References
/// - [login_tty(3)](https://man7.org/linux/man-pages/man3/login_tty.3.html)
pub fn login_tty(fd: OwnedFd) -> Result<(), Errno> {
    super::setsid()?;
    rustix::process::ioctl_tiocsctty(&fd)?;
    for std in 0..3 {
        super::dup2(&fd, std, true)?;
    }
    if fd.as_raw_fd() <= 2 {
        // dup2 onto itself left fd's close-on-exec flag as it was.
        super::set_inheritable(&fd, true)?;
        core::mem::forget(fd);
    }
    Ok(())
}

/// `os.forkpty()`—[`fork`](super::fork) with the child on a new
/// pseudo-terminal: `(0, None)` in the child, whose stdin, stdout and
/// stderr are the pty and whose controlling terminal it is; `(pid,
/// Some(master))` in the parent, which reads the child's output from the
/// master end and writes its input there (close-on-exec, as in Python).
///
/// As glibc's: [`openpty`](super::openpty), `fork`, then
/// [`login_tty`] in the child, which exits with status 1 if that fails.
/// Python's child gets `-1` for the fd; here it is `None`.
///
/// # References
/// - [forkpty(3)](https://man7.org/linux/man-pages/man3/forkpty.3.html)
pub fn forkpty() -> Result<(i32, Option<OwnedFd>), Errno> {
    let (master, slave) = super::openpty()?;
    match super::fork()? {
        0 => {
            drop(master);
            if login_tty(slave).is_err() {
                crate::rt::_exit(1);
            }
            Ok((0, None))
        }
        pid => Ok((pid, Some(master))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pty_that_is_not_our_terminal_has_no_foreground_group() {
        let (master, slave) = super::super::openpty().unwrap();
        // Asked through the master: the slave's group, none yet.
        assert_eq!(tcgetpgrp(&master), Ok(0));
        // Through the slave, which is not this process's terminal: ENOTTY.
        assert_eq!(tcgetpgrp(&slave), Err(Errno::NOTTY));
        let (r, _w) = super::super::pipe().unwrap();
        assert_eq!(tcgetpgrp(&r), Err(Errno::NOTTY));
        // As Python: not a terminal comes first, whatever the group.
        assert_eq!(tcsetpgrp(&r, 0), Err(Errno::NOTTY));
        assert_eq!(tcsetpgrp(&r, -5), Err(Errno::NOTTY));
        assert_eq!(tcsetpgrp(&r, 1), Err(Errno::NOTTY));
        // Through the master, the kernel judges the group itself.
        assert_eq!(tcsetpgrp(&master, -5), Err(Errno::INVAL));
    }
}
