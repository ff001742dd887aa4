//! Raw system calls as `Result`s, for the few calls rustix keeps private
//! (rt_sigaction with a restorer, rt_sigprocmask, timers, signalfd), and
//! [`newer`]: the fallbacks for calls an old kernel or an emulator lacks.

pub(crate) mod newer;

use crate::errno::Errno;

/// The kernel's raw return: `-4095..=-1` is a negated errno.
#[inline]
pub(crate) fn result(ret: usize) -> Result<usize, Errno> {
    if ret > -4096isize as usize {
        Err(Errno::from_raw_os_error(
            (ret as isize).wrapping_neg() as i32
        ))
    } else {
        Ok(ret)
    }
}

/// A syscall number from linux-raw-sys as the arch layer takes it.
#[inline]
pub(crate) const fn nr(n: u32) -> usize {
    n as usize
}

#[cfg(test)]
mod tests {
    #[test]
    fn negative_returns_are_errnos() {
        assert_eq!(super::result(0), Ok(0));
        assert_eq!(super::result(7), Ok(7));
        assert_eq!(super::result(-2isize as usize), Err(crate::errno::ENOENT));
        assert_eq!(
            super::result(-4095isize as usize).map_err(|e| e.raw_os_error()),
            Err(4095)
        );
        assert!(super::result(-4096isize as usize).is_ok());
    }
}
