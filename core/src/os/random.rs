//! Random bytes from the kernel: `os.getrandom` and `os.urandom`.

use super::fd::retry;
use crate::errno::Errno;
use crate::sys::newer::GETRANDOM;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use strata_arch::syscall3;

/// `os.GRND_NONBLOCK`: fail with `EAGAIN` rather than wait for the pool.
pub const GRND_NONBLOCK: u32 = k::GRND_NONBLOCK;
/// `os.GRND_RANDOM`: draw from the blocking pool (a no-op since 5.6).
pub const GRND_RANDOM: u32 = k::GRND_RANDOM;

/// `os.getrandom(size, flags=0)`—fills some of `buf` from the kernel's
/// generator and returns how much (at most 32 MiB per call; with
/// `GRND_RANDOM`, possibly less). One system call, like Python's; an
/// interrupted call is retried (PEP 475).
///
/// # References
/// - [getrandom(2)](https://man7.org/linux/man-pages/man2/getrandom.2.html)
pub fn getrandom(buf: &mut [u8], flags: u32) -> Result<usize, Errno> {
    let (ptr, len) = (buf.as_mut_ptr() as usize, buf.len());
    // SAFETY: the kernel writes at most len bytes into buf.
    retry(|| result(unsafe { syscall3(nr(k::__NR_getrandom), ptr, len, flags as usize) }))
}

/// `os.urandom(size)`—fills all of `buf` with random bytes suitable for
/// cryptography, retrying short reads and `EINTR`.
///
/// # References
/// - [getrandom(2)](https://man7.org/linux/man-pages/man2/getrandom.2.html)
pub fn urandom(buf: &mut [u8]) -> Result<(), Errno> {
    let mut filled = 0;
    while filled < buf.len() && GETRANDOM.worth_trying() {
        match getrandom(&mut buf[filled..], 0) {
            Ok(n) => filled += n,
            Err(e) if GETRANDOM.saw(e) => break,
            Err(e) => return Err(e),
        }
    }
    if filled < buf.len() {
        return urandom_file(&mut buf[filled..]);
    }
    Ok(())
}

/// Kernels before 3.17 lack getrandom: read `/dev/urandom`, as CPython
/// falls back to.
fn urandom_file(buf: &mut [u8]) -> Result<(), Errno> {
    let fd = super::open("/dev/urandom", rustix::fs::OFlags::RDONLY, 0)?;
    let mut filled = 0;
    while filled < buf.len() {
        match super::read(&fd, &mut buf[filled..])? {
            0 => return Err(Errno::IO),
            n => filled += n,
        }
    }
    Ok(())
}
