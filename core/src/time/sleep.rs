//! `time.sleep`: an absolute deadline on `CLOCK_MONOTONIC`, slept towards
//! with `clock_nanosleep(TIMER_ABSTIME)` and resumed after a signal, so an
//! interruption neither shortens nor lengthens the sleep. CPython 3.11
//! does the same, and stops when a signal handler raises (PEP 475); here
//! that is a signal caught with `interrupts: true` (see
//! [`crate::signal::catch`]), as for Strata's other blocking calls.

use super::clock::{
    CLOCK_MONOTONIC, KernelTimespec, Round, clock_nanosleep, monotonic_ns, secs_to_ns,
};
use super::error::Error;

const TIMER_ABSTIME: u32 = linux_raw_sys::general::TIMER_ABSTIME;

/// The duration CPython sleeps for `secs`: nanoseconds rounded away from
/// zero (`_PyTime_ROUND_TIMEOUT`), checked to be non-negative.
pub(crate) fn timeout_ns(secs: f64) -> Result<i64, Error> {
    let ns = secs_to_ns(secs, Round::Up)?;
    if ns < 0 {
        return Err(Error::NegativeSleep);
    }
    Ok(ns)
}

/// `time.sleep(secs)`—suspends the calling thread for `secs` seconds.
///
/// The deadline is fixed when the call starts: a signal that interrupts
/// the sleep does not end it early, and the time spent handling it is not
/// added. Only a signal caught with `interrupts: true`
/// ([`crate::signal::catch`]) ends it, with `EINTR` (Python's
/// `KeyboardInterrupt` from SIGINT). A negative duration is
/// [`Error::NegativeSleep`], NaN is [`Error::NotANumber`], and 2^63
/// nanoseconds or more [`Error::TooLarge`], with CPython's messages.
///
/// # References
/// - [clock_nanosleep(2)](https://man7.org/linux/man-pages/man2/clock_nanosleep.2.html)
#[doc(alias = "time.sleep")]
pub fn sleep(secs: f64) -> Result<(), Error> {
    let ns = timeout_ns(secs)?;
    let deadline = monotonic_ns().saturating_add(ns);
    let ts = KernelTimespec {
        tv_sec: deadline / 1_000_000_000,
        tv_nsec: deadline % 1_000_000_000,
    };
    loop {
        match clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts) {
            Ok(()) => return Ok(()),
            Err(crate::errno::EINTR) if !crate::signal::interrupted() => continue,
            Err(e) => return Err(Error::Os(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_convert_as_cpython() {
        assert_eq!(timeout_ns(0.0), Ok(0));
        assert_eq!(timeout_ns(-0.0), Ok(0));
        assert_eq!(timeout_ns(1.5), Ok(1_500_000_000));
        // 1e-10 s is 0.1 ns: rounded up to 1 ns; below zero it is an error.
        assert_eq!(timeout_ns(1e-10), Ok(1));
        assert_eq!(timeout_ns(-1e-10), Err(Error::NegativeSleep));
        assert_eq!(timeout_ns(-1.0), Err(Error::NegativeSleep));
        assert_eq!(timeout_ns(f64::NAN), Err(Error::NotANumber));
        assert_eq!(timeout_ns(f64::INFINITY), Err(Error::TooLarge));
        // Out of range is checked before the sign, as in CPython.
        assert_eq!(timeout_ns(-1e300), Err(Error::TooLarge));
        assert_eq!(timeout_ns(9.3e9), Err(Error::TooLarge));
    }

    #[test]
    fn sleeps_at_least_as_long_as_asked() {
        let start = monotonic_ns();
        sleep(0.02).unwrap();
        let slept = monotonic_ns() - start;
        assert!(slept >= 20_000_000, "{slept}");
        assert!(sleep(0.0).is_ok());
        assert_eq!(sleep(-1.0), Err(Error::NegativeSleep));
    }
}
