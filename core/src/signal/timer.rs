//! Interval timers: `setitimer`, `getitimer`, `alarm`.

use crate::errno::Errno;
use crate::sys::{nr, result};
use core::time::Duration;
use linux_raw_sys::general as k;

/// Which clock an interval timer counts, and the signal it sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItimerWhich(u32);

/// `signal.ITIMER_REAL`: wall-clock time; sends `SIGALRM`.
pub const ITIMER_REAL: ItimerWhich = ItimerWhich(k::ITIMER_REAL);
/// `signal.ITIMER_VIRTUAL`: user CPU time; sends `SIGVTALRM`.
pub const ITIMER_VIRTUAL: ItimerWhich = ItimerWhich(k::ITIMER_VIRTUAL);
/// `signal.ITIMER_PROF`: user and system CPU time; sends `SIGPROF`.
pub const ITIMER_PROF: ItimerWhich = ItimerWhich(k::ITIMER_PROF);

/// `signal.ItimerError`, what CPython raises when [`setitimer`] or
/// [`getitimer`] fail: the kernel's errno.
pub type ItimerError = Errno;

fn to_timeval(d: Duration) -> k::timeval {
    // Round up, so that a tiny non-zero delay does not disarm the timer.
    let micros = d.subsec_nanos().div_ceil(1000);
    let (secs, micros) = if micros == 1_000_000 {
        (d.as_secs() + 1, 0)
    } else {
        (d.as_secs(), micros)
    };
    k::timeval {
        tv_sec: secs.min(i32::MAX as u64) as _,
        tv_usec: micros as _,
    }
}

fn from_timeval(t: k::timeval) -> Duration {
    Duration::new(
        t.tv_sec.max(0) as u64,
        (t.tv_usec.clamp(0, 999_999) as u32) * 1000,
    )
}

/// `signal.setitimer(which, delay, interval)`—arms (or, with a zero
/// `delay`, disarms) a timer; returns the previous `(delay, interval)`.
///
/// # References
/// - [setitimer(2)](https://man7.org/linux/man-pages/man2/setitimer.2.html)
pub fn setitimer(
    which: ItimerWhich,
    delay: Duration,
    interval: Duration,
) -> Result<(Duration, Duration), Errno> {
    let new = k::itimerval {
        it_interval: to_timeval(interval),
        it_value: to_timeval(delay),
    };
    let mut old = new;
    // SAFETY: the kernel reads and writes one itimerval of this
    // architecture's layout each.
    result(unsafe {
        strata_arch::syscall3(
            nr(k::__NR_setitimer),
            which.0 as usize,
            &new as *const k::itimerval as usize,
            &mut old as *mut k::itimerval as usize,
        )
    })?;
    Ok((from_timeval(old.it_value), from_timeval(old.it_interval)))
}

/// `signal.getitimer(which)`—the time left and the interval.
///
/// # References
/// - [getitimer(2)](https://man7.org/linux/man-pages/man2/getitimer.2.html)
pub fn getitimer(which: ItimerWhich) -> Result<(Duration, Duration), Errno> {
    let zero = k::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    let mut cur = k::itimerval {
        it_interval: zero,
        it_value: zero,
    };
    // SAFETY: the kernel writes one itimerval.
    result(unsafe {
        strata_arch::syscall2(
            nr(k::__NR_getitimer),
            which.0 as usize,
            &mut cur as *mut k::itimerval as usize,
        )
    })?;
    Ok((from_timeval(cur.it_value), from_timeval(cur.it_interval)))
}

/// `signal.alarm(seconds)`—`SIGALRM` after `seconds` (0 cancels); returns
/// the seconds left on the previous alarm, rounded as glibc does (a
/// pending alarm never reports 0).
///
/// Built on `ITIMER_REAL`, as glibc does: aarch64 and riscv64 have no
/// `alarm` system call.
///
/// # References
/// - [alarm(2)](https://man7.org/linux/man-pages/man2/alarm.2.html)
pub fn alarm(seconds: u32) -> u32 {
    match setitimer(
        ITIMER_REAL,
        Duration::from_secs(u64::from(seconds)),
        Duration::ZERO,
    ) {
        Ok((left, _)) if left.is_zero() => 0,
        Ok((left, _)) => {
            let rounded = left.as_secs() + u64::from(left.subsec_micros() >= 500_000);
            rounded.clamp(1, u64::from(u32::MAX)) as u32
        }
        Err(_) => 0,
    }
}
