//! The heap's lock: taken only once the process has more than one
//! thread; then a futex mutex that spins briefly before it sleeps.
//!
//! Until the second thread there is nothing to exclude, and an
//! uncontended atomic swap per call would be the largest cost of a small
//! allocation (glibc skips its locks the same way). Whoever starts the
//! second thread calls [`set_threaded`] first; the switch is one way.
//!
//! With threads, a pure spin lock (what this was before threads existed)
//! burns the waiter's whole time slice when the holder is preempted — on
//! a machine with fewer cores than threads, that is most waits. So a
//! waiter spins a little (a heap critical section is a few dozen
//! instructions) and then sleeps in `futex(2)`; the holder wakes it only
//! when someone sleeps (Drepper's mutex). Most calls of a threaded
//! program take no lock at all: they are served by the thread's cache
//! (`cache.rs`), which goes to the class's lock once per batch.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use strata_core::sync::futex;

static THREADED: AtomicBool = AtomicBool::new(cfg!(test));

/// Switches every heap lock on, for good. Must be called before a second
/// thread that may allocate is started.
pub fn set_threaded() {
    if !THREADED.swap(true, Ordering::SeqCst) {
        // A fork while another thread holds a heap lock would leave it
        // held in the child for ever: hold them all across fork, as
        // glibc's malloc does.
        let _ = strata_core::os::register_at_fork(
            Some(super::lock_all),
            Some(super::unlock_all),
            Some(super::reset_all),
        );
    }
    super::cache::enable();
}

/// Whether the locks are on.
pub(super) fn threaded() -> bool {
    THREADED.load(Ordering::Relaxed)
}

const FREE: u32 = 0;
const HELD: u32 = 1;
const SLEEPERS: u32 = 2;

/// How many times a waiter looks again before it sleeps.
const SPINS: u32 = 200;

/// Data behind the heap's lock.
pub(super) struct Lock<T> {
    state: AtomicU32,
    data: UnsafeCell<T>,
}

// SAFETY: access to `data` is serialized by `state` whenever more than
// one thread exists (see `with`).
unsafe impl<T: Send> Sync for Lock<T> {}

impl<T> Lock<T> {
    pub(super) const fn new(data: T) -> Self {
        Lock {
            state: AtomicU32::new(FREE),
            data: UnsafeCell::new(data),
        }
    }

    /// Runs `f` with exclusive access to the data.
    #[inline]
    pub(super) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let threaded = THREADED.load(Ordering::Relaxed);
        if threaded {
            self.lock();
        }
        // SAFETY: with one thread, nothing else can be inside `with` (the
        // heap is not reentrant: `f` never allocates, and the heap is
        // documented async-signal-unsafe); with more, `state` excludes them.
        let result = f(unsafe { &mut *self.data.get() });
        if threaded {
            self.unlock();
        }
        result
    }

    #[inline]
    pub(super) fn lock(&self) {
        if self
            .state
            .compare_exchange(FREE, HELD, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow();
        }
    }

    #[cold]
    fn lock_slow(&self) {
        for _ in 0..SPINS {
            core::hint::spin_loop();
            if self.state.load(Ordering::Relaxed) == FREE
                && self
                    .state
                    .compare_exchange(FREE, HELD, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
            {
                return;
            }
        }
        while self.state.swap(SLEEPERS, Ordering::Acquire) != FREE {
            futex::wait(&self.state, SLEEPERS, None);
        }
    }

    #[inline]
    pub(super) fn unlock(&self) {
        if self.state.swap(FREE, Ordering::Release) == SLEEPERS {
            futex::wake(&self.state, 1);
        }
    }

    /// Opens the lock without waking anyone (a forked child: the only
    /// thread left is the one that locked it before the fork).
    pub(super) fn reset(&self) {
        self.state.store(FREE, Ordering::Relaxed);
    }
}
