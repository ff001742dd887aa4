//! Strata's own handler: it counts, optionally marks an interruption, and
//! writes to the wakeup fd. Everything it touches is an atomic or a raw
//! `write`, so it is async-signal-safe.

use super::action::{Handler, SigAction, SigActionFlags, SigSet, sigaction};
use super::{NSIG, Signal};
use crate::errno::Errno;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, Ordering};

static COUNTS: [AtomicU32; NSIG as usize] = [const { AtomicU32::new(0) }; NSIG as usize];
static INTERRUPTING: AtomicU64 = AtomicU64::new(0);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn record(sig: i32) {
    note(sig, false);
}

/// `signal.default_int_handler(sig)`—Python's handler for `SIGINT`, which
/// raises `KeyboardInterrupt`. Strata's analogue marks an interruption:
/// [`interrupted`] turns true and Strata's blocking calls return the next
/// `EINTR` instead of retrying it, whatever `sig` is. It also counts the
/// arrival for [`caught`] and writes to the [`set_wakeup_fd`] fd, as
/// [`catch`]'s handler does; it is async-signal-safe.
///
/// Strata installs nothing at startup; `catch(SIGINT, true)` gives the
/// same behaviour. To install this one, use [`sigaction`] with
/// [`SigActionFlags::empty()`], so that the kernel does not restart the
/// interrupted call ([`signal`](super::signal()) sets `SA_RESTART`).
///
/// # References
/// - [signal(7)](https://man7.org/linux/man-pages/man7/signal.7.html)
pub extern "C" fn default_int_handler(sig: i32) {
    note(sig, true);
}

fn note(sig: i32, interrupt: bool) {
    let Some(signal) = Signal::new(sig) else {
        return;
    };
    COUNTS[sig as usize].fetch_add(1, Ordering::SeqCst);
    if interrupt || INTERRUPTING.load(Ordering::SeqCst) & signal.bit() != 0 {
        INTERRUPTED.store(true, Ordering::SeqCst);
    }
    let fd = WAKEUP_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = sig as u8;
        // SAFETY: write(2) is async-signal-safe; the byte lives across the
        // call. A full pipe or a closed fd just loses the wakeup, as in
        // CPython.
        unsafe {
            strata_arch::syscall3(
                crate::sys::nr(linux_raw_sys::general::__NR_write),
                fd as usize,
                &byte as *const u8 as usize,
                1,
            );
        }
    }
}

/// Catches `sig` with Strata's recording handler: each arrival is counted
/// (read with [`caught`]) and announced on the [`set_wakeup_fd`] fd.
///
/// With `interrupts`, an arrival also stops Strata's blocking calls: the
/// next `EINTR` they see is returned instead of retried (Python's
/// `KeyboardInterrupt` for `SIGINT`). Without it, they retry (PEP 475).
/// The handler is installed without `SA_RESTART` so that the decision is
/// Strata's, not the kernel's.
pub fn catch(sig: Signal, interrupts: bool) -> Result<(), Errno> {
    if interrupts {
        INTERRUPTING.fetch_or(sig.bit(), Ordering::SeqCst);
    } else {
        INTERRUPTING.fetch_and(!sig.bit(), Ordering::SeqCst);
    }
    let action = SigAction {
        handler: Handler::Function(record),
        flags: SigActionFlags::empty(),
        mask: SigSet::empty(),
    };
    sigaction(sig, &action).map(drop)
}

/// How many times `sig` arrived since the last call (only for signals
/// installed with [`catch`] or [`default_int_handler`]); resets the count.
pub fn caught(sig: Signal) -> u32 {
    COUNTS[sig.as_raw() as usize].swap(0, Ordering::SeqCst)
}

/// Whether an interrupting signal arrived since the last call; resets it.
/// Strata's blocking calls ask this on `EINTR` (PEP 475).
pub fn interrupted() -> bool {
    INTERRUPTED.swap(false, Ordering::SeqCst)
}

/// `signal.set_wakeup_fd(fd)`—where [`catch`]'s handler writes one byte,
/// the signal number, for each arrival (a self-pipe, so a poll loop wakes
/// up). `-1` turns it off. Returns the previous fd.
///
/// The fd should be non-blocking, as CPython requires: a handler must
/// never block.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    WAKEUP_FD.swap(fd.max(-1), Ordering::SeqCst)
}
