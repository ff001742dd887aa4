//! The `ioctl` request numbers of Python's `termios`, and the calls that
//! take them.
//!
//! Python passes these numbers to `fcntl.ioctl(fd, request, arg)`, which
//! reads or writes whatever buffer the caller hands it. A safe Rust call
//! cannot do that for an arbitrary request: the kernel would write as many
//! bytes as the request says. So the safe calls here take only the
//! requests whose argument they know, and answer `EINVAL` for any other;
//! [`ioctl`] takes every request and is `unsafe`. (Like rustix's own safe
//! `ioctl_fionread` and `tcflow`, the safe calls trust that a file which
//! is no terminal either answers these numbers as Linux's generic ones
//! or refuses them, with `ENOTTY`.)
//!
//! | call | argument | requests |
//! |---|---|---|
//! | [`ioctl_get_int`] | the kernel writes one `int` | [`GET_INT`] |
//! | [`ioctl_set_int`] | the kernel reads one `int` | [`SET_INT`] |
//! | [`ioctl_arg`], [`ioctl_none`] | an `int` by value, or none | [`BY_VALUE`] |
//! | [`ioctl`] (`unsafe`) | any pointer | all |

use super::attr::ioctl as raw_ioctl;
use crate::errno::Errno;
use core::ffi::{c_int, c_void};
use linux_raw_sys::ioctl as kio;
use rustix::fd::AsFd;

/// The requests [`ioctl_get_int`] takes: the kernel writes one `int`.
pub const GET_INT: &[u32] = &[
    FIONREAD,
    TIOCOUTQ,
    TIOCMGET,
    TIOCGETD,
    TIOCGPGRP,
    TIOCGSOFTCAR,
    TIOCSERGETLSR,
];

/// The requests [`ioctl_set_int`] takes: the kernel reads one `int`.
pub const SET_INT: &[u32] = &[
    FIONBIO,
    FIOASYNC,
    TIOCMSET,
    TIOCMBIS,
    TIOCMBIC,
    TIOCSETD,
    TIOCSPGRP,
    TIOCSSOFTCAR,
    TIOCPKT,
];

/// The requests [`ioctl_arg`] and [`ioctl_none`] take: an integer passed
/// by value, or no argument at all.
pub const BY_VALUE: &[u32] = &[
    TIOCSCTTY,
    TIOCNOTTY,
    TIOCEXCL,
    TIOCNXCL,
    TIOCCONS,
    FIOCLEX,
    FIONCLEX,
    TCSBRK,
    TCSBRKP,
    TCXONC,
    TCFLSH,
    TIOCMIWAIT,
    TIOCSERCONFIG,
];

/// `fcntl.ioctl(fd, request, buf)` for a request that writes one `int`
/// ([`GET_INT`]: [`FIONREAD`], [`TIOCMGET`], [`TIOCGPGRP`], …): that
/// `int`. `EINVAL` for any other request.
///
/// # References
/// - [ioctl(2)](https://man7.org/linux/man-pages/man2/ioctl.2.html)
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html)
/// - [FIONREAD(2const)](https://man7.org/linux/man-pages/man2/FIONREAD.2const.html)
#[doc(alias = "ioctl")]
pub fn ioctl_get_int(fd: impl AsFd, request: u32) -> Result<c_int, Errno> {
    if !GET_INT.contains(&request) {
        return Err(Errno::INVAL);
    }
    let mut value: c_int = 0;
    // SAFETY: every request of GET_INT writes exactly one `int`.
    unsafe { raw_ioctl(fd.as_fd(), request, &mut value as *mut c_int as usize) }?;
    Ok(value)
}

/// `fcntl.ioctl(fd, request, value)` for a request that reads one `int`
/// ([`SET_INT`]: [`FIONBIO`], [`TIOCMSET`], [`TIOCSPGRP`], [`TIOCPKT`],
/// …). `EINVAL` for any other request.
///
/// # References
/// - [ioctl(2)](https://man7.org/linux/man-pages/man2/ioctl.2.html)
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html)
#[doc(alias = "ioctl")]
pub fn ioctl_set_int(fd: impl AsFd, request: u32, value: c_int) -> Result<(), Errno> {
    if !SET_INT.contains(&request) {
        return Err(Errno::INVAL);
    }
    // SAFETY: every request of SET_INT reads exactly one `int`, which
    // lives until the call returns.
    unsafe { raw_ioctl(fd.as_fd(), request, &value as *const c_int as usize) }.map(drop)
}

/// `fcntl.ioctl(fd, request, arg)` for a request that takes an integer by
/// value or nothing ([`BY_VALUE`]: [`TIOCSCTTY`], [`TCSBRK`],
/// [`TIOCMIWAIT`], …): the kernel's return value. `EINVAL` for any other
/// request.
///
/// # References
/// - [ioctl(2)](https://man7.org/linux/man-pages/man2/ioctl.2.html)
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html)
#[doc(alias = "ioctl")]
pub fn ioctl_arg(fd: impl AsFd, request: u32, arg: c_int) -> Result<c_int, Errno> {
    if !BY_VALUE.contains(&request) {
        return Err(Errno::INVAL);
    }
    // SAFETY: no request of BY_VALUE reads `arg` as a pointer. The value
    // goes sign-extended, as C's `int` argument does.
    let ret = unsafe { raw_ioctl(fd.as_fd(), request, arg as isize as usize) }?;
    Ok(ret as c_int)
}

/// `fcntl.ioctl(fd, request)` for a request of [`BY_VALUE`] with no
/// argument ([`TIOCNOTTY`], [`FIOCLEX`], [`TIOCEXCL`], [`TIOCSCTTY`]
/// without stealing, …): [`ioctl_arg`] with 0.
///
/// # References
/// - [ioctl(2)](https://man7.org/linux/man-pages/man2/ioctl.2.html)
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html)
#[doc(alias = "ioctl")]
pub fn ioctl_none(fd: impl AsFd, request: u32) -> Result<c_int, Errno> {
    ioctl_arg(fd, request, 0)
}

/// `fcntl.ioctl(fd, request, arg)` with any request and a raw argument:
/// the kernel's return value.
///
/// # Safety
/// Where `request` takes a pointer, `arg` must point at memory of the size
/// the request reads or writes, valid for that access until the call
/// returns; the requests that take no pointer are safe through
/// [`ioctl_arg`].
///
/// # References
/// - [ioctl(2)](https://man7.org/linux/man-pages/man2/ioctl.2.html)
/// - [ioctl_tty(2)](https://man7.org/linux/man-pages/man2/ioctl_tty.2.html)
pub unsafe fn ioctl(fd: impl AsFd, request: u32, arg: *mut c_void) -> Result<c_int, Errno> {
    // SAFETY: the caller vouches for `arg`.
    let ret = unsafe { raw_ioctl(fd.as_fd(), request, arg as usize) }?;
    Ok(ret as c_int)
}

// Request numbers (`<asm-generic/ioctls.h>`): what the argument is, then what it does.
/// `termios.FIOASYNC`—set-int: signal-driven I/O on or off.
pub const FIOASYNC: u32 = kio::FIOASYNC;
/// `termios.FIOCLEX`—no argument: set close-on-exec.
pub const FIOCLEX: u32 = kio::FIOCLEX;
/// `termios.FIONBIO`—set-int: non-blocking I/O on or off.
pub const FIONBIO: u32 = kio::FIONBIO;
/// `termios.FIONCLEX`—no argument: clear close-on-exec.
pub const FIONCLEX: u32 = kio::FIONCLEX;
/// `termios.FIONREAD`—get-int: bytes waiting to be read.
pub const FIONREAD: u32 = kio::FIONREAD;
/// `termios.TCFLSH`—value: `tcflush`.
pub const TCFLSH: u32 = kio::TCFLSH;
/// `termios.TCGETA`—pointer: get a `struct termio`.
pub const TCGETA: u32 = kio::TCGETA;
/// `termios.TCGETS`—pointer: get a `struct termios`.
pub const TCGETS: u32 = kio::TCGETS;
/// `termios.TCSBRK`—value: `tcdrain` (1) or a break (0).
pub const TCSBRK: u32 = kio::TCSBRK;
/// `termios.TCSBRKP`—value: a break of N tenths of a second.
pub const TCSBRKP: u32 = kio::TCSBRKP;
/// `termios.TCSETA`—pointer: set a `struct termio` now.
pub const TCSETA: u32 = kio::TCSETA;
/// `termios.TCSETAF`—pointer: set a `struct termio` after flushing.
pub const TCSETAF: u32 = kio::TCSETAF;
/// `termios.TCSETAW`—pointer: set a `struct termio` after draining.
pub const TCSETAW: u32 = kio::TCSETAW;
/// `termios.TCSETS`—pointer: set a `struct termios` now.
pub const TCSETS: u32 = kio::TCSETS;
/// `termios.TCSETSF`—pointer: set a `struct termios` after flushing.
pub const TCSETSF: u32 = kio::TCSETSF;
/// `termios.TCSETSW`—pointer: set a `struct termios` after draining.
pub const TCSETSW: u32 = kio::TCSETSW;
/// `termios.TCXONC`—value: `tcflow`.
pub const TCXONC: u32 = kio::TCXONC;
/// `termios.TIOCCONS`—no argument: redirect console output here.
pub const TIOCCONS: u32 = kio::TIOCCONS;
/// `termios.TIOCEXCL`—no argument: exclusive mode.
pub const TIOCEXCL: u32 = kio::TIOCEXCL;
/// `termios.TIOCGETD`—get-int: the line discipline.
pub const TIOCGETD: u32 = kio::TIOCGETD;
/// `termios.TIOCGICOUNT`—pointer: the serial interrupt counts.
pub const TIOCGICOUNT: u32 = kio::TIOCGICOUNT;
/// `termios.TIOCGLCKTRMIOS`—pointer: the locked `struct termios`.
pub const TIOCGLCKTRMIOS: u32 = kio::TIOCGLCKTRMIOS;
/// `termios.TIOCGPGRP`—get-int: the foreground process group.
pub const TIOCGPGRP: u32 = kio::TIOCGPGRP;
/// `termios.TIOCGSERIAL`—pointer: get `struct serial_struct`.
pub const TIOCGSERIAL: u32 = kio::TIOCGSERIAL;
/// `termios.TIOCGSOFTCAR`—get-int: whether `CLOCAL` is forced.
pub const TIOCGSOFTCAR: u32 = kio::TIOCGSOFTCAR;
/// `termios.TIOCGWINSZ`—pointer: get the `struct winsize` (`tcgetwinsize`).
pub const TIOCGWINSZ: u32 = kio::TIOCGWINSZ;
/// `termios.TIOCINQ`—get-int: bytes waiting to be read (`FIONREAD`).
pub const TIOCINQ: u32 = kio::TIOCINQ;
/// `termios.TIOCLINUX`—pointer: Linux console functions.
pub const TIOCLINUX: u32 = kio::TIOCLINUX;
/// `termios.TIOCMBIC`—set-int: clear modem bits.
pub const TIOCMBIC: u32 = kio::TIOCMBIC;
/// `termios.TIOCMBIS`—set-int: set modem bits.
pub const TIOCMBIS: u32 = kio::TIOCMBIS;
/// `termios.TIOCMGET`—get-int: the modem bits.
pub const TIOCMGET: u32 = kio::TIOCMGET;
/// `termios.TIOCMIWAIT`—value: wait for a change of the given modem bits.
pub const TIOCMIWAIT: u32 = kio::TIOCMIWAIT;
/// `termios.TIOCMSET`—set-int: set the modem bits.
pub const TIOCMSET: u32 = kio::TIOCMSET;
/// `termios.TIOCNOTTY`—no argument: give up the controlling terminal.
pub const TIOCNOTTY: u32 = kio::TIOCNOTTY;
/// `termios.TIOCNXCL`—no argument: leave exclusive mode.
pub const TIOCNXCL: u32 = kio::TIOCNXCL;
/// `termios.TIOCOUTQ`—get-int: bytes waiting to be sent.
pub const TIOCOUTQ: u32 = kio::TIOCOUTQ;
/// `termios.TIOCPKT`—set-int: packet mode on a pseudo-terminal master.
pub const TIOCPKT: u32 = kio::TIOCPKT;
/// `termios.TIOCSCTTY`—value: make this the controlling terminal (1: steal it, as root).
pub const TIOCSCTTY: u32 = kio::TIOCSCTTY;
/// `termios.TIOCSERCONFIG`—no argument: autoconfigure the serial port.
pub const TIOCSERCONFIG: u32 = kio::TIOCSERCONFIG;
/// `termios.TIOCSERGETLSR`—get-int: the line status register.
pub const TIOCSERGETLSR: u32 = kio::TIOCSERGETLSR;
/// `termios.TIOCSERGETMULTI`—pointer: get multiport configuration.
pub const TIOCSERGETMULTI: u32 = kio::TIOCSERGETMULTI;
/// `termios.TIOCSERGSTRUCT`—pointer: the driver's serial structure.
pub const TIOCSERGSTRUCT: u32 = kio::TIOCSERGSTRUCT;
/// `termios.TIOCSERGWILD`—obsolete.
pub const TIOCSERGWILD: u32 = kio::TIOCSERGWILD;
/// `termios.TIOCSERSETMULTI`—pointer: set multiport configuration.
pub const TIOCSERSETMULTI: u32 = kio::TIOCSERSETMULTI;
/// `termios.TIOCSERSWILD`—obsolete.
pub const TIOCSERSWILD: u32 = kio::TIOCSERSWILD;
/// `termios.TIOCSETD`—set-int: the line discipline.
pub const TIOCSETD: u32 = kio::TIOCSETD;
/// `termios.TIOCSLCKTRMIOS`—pointer: set the locked `struct termios`.
pub const TIOCSLCKTRMIOS: u32 = kio::TIOCSLCKTRMIOS;
/// `termios.TIOCSPGRP`—set-int: the foreground process group.
pub const TIOCSPGRP: u32 = kio::TIOCSPGRP;
/// `termios.TIOCSSERIAL`—pointer: set `struct serial_struct`.
pub const TIOCSSERIAL: u32 = kio::TIOCSSERIAL;
/// `termios.TIOCSSOFTCAR`—set-int: force `CLOCAL` on or off.
pub const TIOCSSOFTCAR: u32 = kio::TIOCSSOFTCAR;
/// `termios.TIOCSTI`—pointer: insert one byte into the input queue.
pub const TIOCSTI: u32 = kio::TIOCSTI;
/// `termios.TIOCSWINSZ`—pointer: set the `struct winsize` (`tcsetwinsize`).
pub const TIOCSWINSZ: u32 = kio::TIOCSWINSZ;
