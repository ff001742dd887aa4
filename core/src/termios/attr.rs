//! Terminal attributes: `tcgetattr` and `tcsetattr`, with their `TCGETS`
//! fallback.

use crate::errno::Errno;
use crate::sys::newer::TCGETS2;
use crate::sys::{nr, result};
use linux_raw_sys::{general as k, ioctl as kio};
use rustix::fd::{AsFd, AsRawFd, BorrowedFd};
use rustix::termios::Termios;

/// When [`tcsetattr`] applies a change: Python's `TCSANOW`, `TCSADRAIN`
/// and `TCSAFLUSH` ([`TCSANOW`](super::TCSANOW) … are these values; `as
/// u32` gives the kernel's number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum When {
    /// `termios.TCSANOW`: at once.
    #[doc(alias = "TCSANOW")]
    Now = k::TCSANOW,
    /// `termios.TCSADRAIN`: after pending output is sent.
    #[doc(alias = "TCSADRAIN")]
    Drain = k::TCSADRAIN,
    /// `termios.TCSAFLUSH`: after pending output is sent, discarding
    /// unread input.
    #[doc(alias = "TCSAFLUSH")]
    Flush = k::TCSAFLUSH,
}

/// `termios.tcgetattr(fd)`—the terminal's attributes.
///
/// `TCGETS2`, or `TCGETS` where the system lacks it (QEMU 7.2, some
/// seccomp profiles); the speeds then come from the `CBAUD` bits, and a
/// speed only `TCGETS2` can express is `ERANGE`.
///
/// # References
/// - [tcgetattr(3)](https://man7.org/linux/man-pages/man3/tcgetattr.3.html)
/// - [TCGETS(2const)](https://man7.org/linux/man-pages/man2/TCGETS.2const.html)
pub fn tcgetattr(fd: impl AsFd) -> Result<Termios, Errno> {
    let fd = fd.as_fd();
    TCGETS2.call(
        || {
            let mut t = zeroed_termios();
            // SAFETY: TCGETS2 writes one `struct termios2`, the layout of
            // rustix's `Termios` on Linux (checked below).
            unsafe { ioctl(fd, kio::TCGETS2, &mut t as *mut Termios as usize) }?;
            Ok::<_, Errno>(t)
        },
        || {
            let mut t = zeroed_termios();
            // SAFETY: TCGETS writes one `struct termios`, the first
            // `OLD_SIZE` bytes of `struct termios2`.
            unsafe { ioctl(fd, kio::TCGETS, &mut t as *mut Termios as usize) }?;
            let cflag = t.control_modes;
            let encoded_out = cflag.bits() & k::CBAUD;
            let encoded_in = (cflag.bits() & k::CIBAUD) >> k::IBSHIFT;
            let out = decode_speed(encoded_out).ok_or(Errno::RANGE)?;
            // An input code of B0 means "the same as the output speed".
            let input = match encoded_in {
                0 => out,
                code => decode_speed(code).ok_or(Errno::RANGE)?,
            };
            t.set_output_speed(out)?;
            t.set_input_speed(input)?;
            // The setters rewrite the CBAUD bits; keep what the kernel said.
            t.control_modes = cflag;
            Ok::<_, Errno>(t)
        },
    )
}

/// `termios.tcsetattr(fd, when, attributes)`—sets the attributes.
///
/// `TCSETS2`, or `TCSETS` where the system lacks it (see [`tcgetattr`]);
/// a speed that `TCSETS` cannot express is then `ERANGE`.
///
/// # References
/// - [tcsetattr(3)](https://man7.org/linux/man-pages/man3/tcsetattr.3.html)
pub fn tcsetattr(fd: impl AsFd, when: When, termios: &Termios) -> Result<(), Errno> {
    let fd = fd.as_fd();
    let (newer, older) = match when {
        When::Now => (kio::TCSETS2, kio::TCSETS),
        When::Drain => (kio::TCSETSW2, kio::TCSETSW),
        When::Flush => (kio::TCSETSF2, kio::TCSETSF),
    };
    let at = termios as *const Termios as usize;
    TCGETS2.call(
        // SAFETY: TCSETS2 reads one `struct termios2`, `Termios`'s layout.
        || unsafe { ioctl(fd, newer, at) }.map(drop),
        || {
            let cflag = termios.control_modes.bits();
            if cflag & k::CBAUD == k::BOTHER || (cflag & k::CIBAUD) >> k::IBSHIFT == k::BOTHER {
                return Err(Errno::RANGE);
            }
            // SAFETY: TCSETS reads the `struct termios` that starts
            // `struct termios2`.
            unsafe { ioctl(fd, older, at) }.map(drop)
        },
    )
}

// rustix's `Termios` is `struct termios2` on Linux, and `struct termios`
// is its first part.
const _: () = {
    assert!(size_of::<Termios>() == size_of::<k::termios2>());
    assert!(size_of::<k::termios>() <= size_of::<k::termios2>());
};

pub(super) fn zeroed_termios() -> Termios {
    // SAFETY: every field of `Termios` is an integer, a bitflags wrapper
    // of one or an array of bytes: all zeroes is a valid value.
    unsafe { core::mem::zeroed() }
}

/// `ioctl(fd, request, arg)`: the kernel's return value.
///
/// # Safety
/// Where `request` takes a pointer, `arg` must point at memory of the size
/// and direction `request` uses.
pub(super) unsafe fn ioctl(fd: BorrowedFd<'_>, request: u32, arg: usize) -> Result<usize, Errno> {
    // SAFETY: the caller vouches for `arg`; the fd is borrowed, open.
    let ret = unsafe {
        strata_arch::syscall3(
            nr(k::__NR_ioctl),
            fd.as_raw_fd() as usize,
            request as usize,
            arg,
        )
    };
    result(ret)
}

/// The speed a `CBAUD` code stands for (`B9600` → 9600); `None` for
/// `BOTHER` and codes no kernel uses.
fn decode_speed(code: u32) -> Option<u32> {
    const LOW: [u32; 16] = [
        0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
    ];
    const HIGH: [u32; 15] = [
        57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000,
        2500000, 3000000, 3500000, 4000000,
    ];
    match code {
        0..16 => Some(LOW[code as usize]),
        _ if code & !k::CBAUD != 0 || code & k::CBAUDEX == 0 => None,
        _ => HIGH
            .get(((code & !k::CBAUDEX) as usize).checked_sub(1)?)
            .copied(),
    }
}

/// The kernel's view of a [`Termios`].
pub(super) fn as_kernel(t: &Termios) -> k::termios2 {
    // SAFETY: rustix's `Termios` is `struct termios2` on Linux (same size,
    // checked above; the same fields in the same order, all integers), so
    // every bit pattern of one is a valid other.
    unsafe { core::mem::transmute_copy(t) }
}
