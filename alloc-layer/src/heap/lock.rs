//! The heap's lock: a spin lock that is only taken once the process has
//! more than one thread.
//!
//! Until then there is nothing to exclude, and an uncontended atomic swap
//! per call would be the largest cost of a small allocation (glibc skips
//! its locks the same way). Whoever starts the second thread calls
//! [`set_threaded`] first; the switch is one way.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};

static THREADED: AtomicBool = AtomicBool::new(cfg!(test));

/// Switches every heap lock on, for good. Must be called before a second
/// thread that may allocate is started.
pub fn set_threaded() {
    THREADED.store(true, Ordering::SeqCst);
}

/// Data behind the heap's lock.
pub(super) struct Lock<T> {
    held: AtomicBool,
    data: UnsafeCell<T>,
}

// SAFETY: access to `data` is serialized by `held` whenever more than one
// thread exists (see `with`).
unsafe impl<T: Send> Sync for Lock<T> {}

impl<T> Lock<T> {
    pub(super) const fn new(data: T) -> Self {
        Lock {
            held: AtomicBool::new(false),
            data: UnsafeCell::new(data),
        }
    }

    /// Runs `f` with exclusive access to the data.
    #[inline]
    pub(super) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let threaded = THREADED.load(Ordering::Relaxed);
        if threaded {
            while self
                .held
                .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
            {
                core::hint::spin_loop();
            }
        }
        // SAFETY: with one thread, nothing else can be inside `with` (the
        // heap is not reentrant: `f` never allocates, and the heap is
        // documented async-signal-unsafe); with more, `held` excludes them.
        let result = f(unsafe { &mut *self.data.get() });
        if threaded {
            self.held.store(false, Ordering::Release);
        }
        result
    }
}
