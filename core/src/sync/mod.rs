//! Locks on futexes: Python's `threading` synchronisation primitives, and
//! Rust's `Mutex<T>`/`RwLock<T>`/`Once`/`Lazy` shapes for Strata's own
//! code.
//!
//! Python counterparts: [`Lock`], [`RLock`], [`Condition`], [`Semaphore`],
//! [`BoundedSemaphore`], [`Event`], [`Barrier`] (`threading`), with
//! Python's argument rules, return values and error messages; a
//! `with` block is a guard here ([`Lock::lock`], [`RLock::lock`],
//! [`Condition::lock`]).
//!
//! ```
//! use strata_core::sync::{Condition, Error, Lock, Mutex};
//!
//! let lock = Lock::new();
//! {
//!     let _held = lock.lock(); // `with lock:`
//!     assert!(lock.locked());
//!     assert_eq!(lock.acquire(false, -1.0), Ok(false)); // not re-entrant
//! }
//! assert_eq!(lock.release(), Err(Error::Runtime("release unlocked lock")));
//!
//! let count = Mutex::new(0u64);
//! *count.lock() += 1;
//! assert_eq!(*count.lock(), 1);
//!
//! let cond = Condition::new();
//! let guard = cond.lock();
//! // Nobody notifies: the wait times out and the lock is held again.
//! assert_eq!(guard.wait(Some(0.01)), Ok(false));
//! ```
//!
//! Every primitive is one or a few 32-bit words: uncontended paths are an
//! atomic instruction and no system call; a thread that must wait sleeps
//! in `futex(2)` (`FUTEX_PRIVATE_FLAG`), timed waits until an absolute
//! `CLOCK_MONOTONIC` deadline (`FUTEX_WAIT_BITSET`), so that setting the
//! wall clock never stretches or cuts them. They never allocate.
//!
//! What differs from Python: exceptions are [`Error`] values; timeouts
//! are `f64` seconds with `-1` (for `acquire`) or `None` (for `wait`) as
//! "no limit"; a `Barrier` action is a plain `fn()`. Spin locks remain
//! only where a futex cannot serve: the exit handler list, which
//! startup code takes before any thread exists. The heap takes no lock
//! at all until the process has a second thread.
//!
//! # References
//! - [futex(2)](https://man7.org/linux/man-pages/man2/futex.2.html)
//! - Ulrich Drepper, "Futexes Are Tricky" (the mutex of `RawLock`).

mod cond;
pub mod futex;
mod lock;
mod mutex;

pub use cond::{Barrier, BoundedSemaphore, Condition, ConditionGuard, Event, Semaphore};
pub use lock::{Lock, LockGuard, RLock, RLockGuard, wait_spins};
pub use mutex::{Lazy, Mutex, MutexGuard, Once, RwLock, RwLockReadGuard, RwLockWriteGuard};

use core::fmt;

/// What Python raises from these primitives, as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// `ValueError` with its message.
    Value(&'static str),
    /// `OverflowError` with its message.
    Overflow(&'static str),
    /// `RuntimeError` with its message.
    Runtime(&'static str),
    /// `threading.BrokenBarrierError`: the barrier was broken or reset
    /// while, or before, the thread waited.
    BrokenBarrier,
}

impl Error {
    /// The name of the Python exception (`ValueError`, ...).
    pub fn python_name(&self) -> &'static str {
        match self {
            Error::Value(_) => "ValueError",
            Error::Overflow(_) => "OverflowError",
            Error::Runtime(_) => "RuntimeError",
            Error::BrokenBarrier => "BrokenBarrierError",
        }
    }
}

impl fmt::Display for Error {
    /// The exception's message, as `str(e)` gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Value(m) | Error::Overflow(m) | Error::Runtime(m) => f.write_str(m),
            Error::BrokenBarrier => Ok(()),
        }
    }
}

/// `_thread.TIMEOUT_MAX`: the longest timeout `acquire` accepts, in
/// seconds.
pub const TIMEOUT_MAX: f64 = 9_223_372_036.0;

/// How long an acquire may wait.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Timeout {
    NoWait,
    Forever,
    Secs(f64),
}

impl Timeout {
    /// `acquire(blocking, timeout)`'s arguments checked as CPython's
    /// `lock_acquire_parse_args` does.
    pub(crate) fn parse(blocking: bool, timeout: f64) -> Result<Timeout, Error> {
        if !blocking && timeout != -1.0 {
            return Err(Error::Value(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        if !blocking {
            return Ok(Timeout::NoWait);
        }
        if timeout == -1.0 {
            return Ok(Timeout::Forever);
        }
        Timeout::secs(timeout)
    }

    /// A positive or zero timeout in seconds, checked as `_PyTime`
    /// converts it.
    fn secs(timeout: f64) -> Result<Timeout, Error> {
        if timeout.is_nan() {
            return Err(Error::Value("Invalid value NaN (not a number)"));
        }
        if timeout < 0.0 {
            return Err(Error::Value("timeout value must be positive"));
        }
        if timeout * 1e9 >= 9_223_372_036_854_775_808.0 {
            return Err(Error::Overflow(
                "timestamp out of range for platform time_t",
            ));
        }
        if timeout > TIMEOUT_MAX {
            return Err(Error::Overflow("timeout value is too large"));
        }
        Ok(Timeout::Secs(timeout))
    }

    /// A `wait(timeout)` argument: `None` waits for ever; zero, negative
    /// or NaN does not wait (as `waiter.acquire(False)`).
    pub(crate) fn for_wait(timeout: Option<f64>) -> Result<Timeout, Error> {
        match timeout {
            None => Ok(Timeout::Forever),
            Some(t) if t > 0.0 => Timeout::secs(t),
            Some(_) => Ok(Timeout::NoWait),
        }
    }

    pub(crate) fn deadline(self) -> Option<futex::Deadline> {
        match self {
            Timeout::Forever => None,
            Timeout::NoWait => Some(futex::Deadline::after(0.0)),
            Timeout::Secs(s) => Some(futex::Deadline::after(s)),
        }
    }
}

#[cfg(test)]
mod tests;
