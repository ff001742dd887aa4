//! The futex calls every lock here sleeps and wakes with (public for the
//! thread layer's join and the heap's lock), and the
//! deadlines they sleep until (absolute, on `CLOCK_MONOTONIC`, so that a
//! wait that restarts after a signal or a spurious wake does not stretch).

use core::num::NonZeroU32;
use core::sync::atomic::AtomicU32;
use rustix::thread::futex;
use rustix::time::{ClockId, Timespec};

/// When a timed wait gives up: an absolute `CLOCK_MONOTONIC` time.
#[derive(Clone, Copy)]
pub struct Deadline(Timespec);

impl Deadline {
    /// `secs` seconds from now (finite, non-negative: the caller checked).
    pub fn after(secs: f64) -> Deadline {
        let now = rustix::time::clock_gettime(ClockId::Monotonic);
        let whole = secs as i64;
        let nanos = ((secs - whole as f64) * 1e9) as i64;
        let mut sec = now.tv_sec.saturating_add(whole);
        let mut nsec = now.tv_nsec + nanos;
        if nsec >= 1_000_000_000 {
            nsec -= 1_000_000_000;
            sec = sec.saturating_add(1);
        }
        Deadline(Timespec {
            tv_sec: sec,
            tv_nsec: nsec,
        })
    }

    /// Whether the deadline has passed.
    pub fn passed(&self) -> bool {
        let now = rustix::time::clock_gettime(ClockId::Monotonic);
        (now.tv_sec, now.tv_nsec) >= (self.0.tv_sec, self.0.tv_nsec)
    }
}

/// Sleeps while `word` holds `expected`, until woken or `deadline`.
/// False only when the deadline passed; a wake, a signal or a changed
/// word return true (callers recheck their condition in a loop).
pub fn wait(word: &AtomicU32, expected: u32, deadline: Option<&Deadline>) -> bool {
    wait_flags(word, expected, deadline, futex::Flags::PRIVATE)
}

/// [`wait`] on a shared futex: for the tid word the kernel clears and
/// wakes (`CLONE_CHILD_CLEARTID`), whose wake is not a private one.
pub fn wait_shared(word: &AtomicU32, expected: u32, deadline: Option<&Deadline>) -> bool {
    wait_flags(word, expected, deadline, futex::Flags::empty())
}

fn wait_flags(
    word: &AtomicU32,
    expected: u32,
    deadline: Option<&Deadline>,
    flags: futex::Flags,
) -> bool {
    let result = match deadline {
        None => futex::wait(word, flags, expected, None),
        // FUTEX_WAIT_BITSET takes an absolute time on CLOCK_MONOTONIC.
        Some(d) => futex::wait_bitset(word, flags, expected, Some(&d.0), NonZeroU32::MAX),
    };
    !matches!(result, Err(rustix::io::Errno::TIMEDOUT))
}

/// Wakes up to `n` threads sleeping on `word`.
pub fn wake(word: &AtomicU32, n: u32) {
    let _ = futex::wake(word, futex::Flags::PRIVATE, n);
}

/// [`wake`] by address, for a word that may no longer exist (a
/// condition's deferred wake): the kernel only names the address, and no
/// Rust reference to the dead word is made.
pub(crate) fn wake_address(word: *const AtomicU32, n: u32) {
    use linux_raw_sys::general::{__NR_futex, FUTEX_PRIVATE_FLAG, FUTEX_WAKE};
    // SAFETY: FUTEX_WAKE reads no memory at `word`; it only hashes the
    // address (private futex) and wakes whoever sleeps on it.
    unsafe {
        strata_arch::syscall3(
            __NR_futex as usize,
            word as usize,
            (FUTEX_WAKE | FUTEX_PRIVATE_FLAG) as usize,
            n as usize,
        )
    };
}

/// Wakes every thread sleeping on `word`.
pub fn wake_all(word: &AtomicU32) {
    wake(word, i32::MAX as u32);
}
