//! Rust shapes for Strata's own code: `Mutex<T>`, `RwLock<T>`, `Once`,
//! `Lazy<T>`. No poisoning: Strata programs abort on panic, so a lock is
//! never left held by a thread that goes on.

use super::futex;
use super::lock::RawLock;
use core::cell::UnsafeCell;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};
use core::sync::atomic::{AtomicU32, Ordering};

/// `std::sync::Mutex` without poisoning, on the futex lock of
/// [`Lock`](super::Lock): data only reachable through a guard.
pub struct Mutex<T: ?Sized> {
    raw: RawLock,
    data: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time access to `data`.
unsafe impl<T: ?Sized + Send> Sync for Mutex<T> {}
// SAFETY: moving the mutex moves the data.
unsafe impl<T: ?Sized + Send> Send for Mutex<T> {}

impl<T> Mutex<T> {
    /// A mutex holding `data`.
    pub const fn new(data: T) -> Self {
        Mutex {
            raw: RawLock::new(),
            data: UnsafeCell::new(data),
        }
    }

    /// The data, out of the mutex.
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Waits for the lock; the guard gives the data and unlocks on drop.
    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, T> {
        self.raw.lock(None);
        MutexGuard { mutex: self }
    }

    /// The lock if it is free now.
    pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        self.raw.try_lock().then_some(MutexGuard { mutex: self })
    }

    /// The data, through exclusive access to the mutex.
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }

    /// Opens the lock in a forked child, where its holder no longer
    /// exists (`register_at_fork`'s `after_in_child`).
    ///
    /// # Safety
    /// Only in the child of a fork, with no other thread alive, and with
    /// the data in a state fit to use (as the parent left it).
    pub unsafe fn force_unlock(&self) {
        self.raw.reset();
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

/// Access to a [`Mutex`]'s data; unlocks on drop.
pub struct MutexGuard<'a, T: ?Sized> {
    mutex: &'a Mutex<T>,
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.mutex.data.get() }
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock.
        unsafe { &mut *self.mutex.data.get() }
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.mutex.raw.unlock();
    }
}

/// The writer's mark in [`RwLock`]'s state; below it, the reader count.
const WRITER: u32 = u32::MAX;

/// `std::sync::RwLock` without poisoning: many readers or one writer.
///
/// One word counts the readers (or is `WRITER`); a second counts
/// sleepers, so that unlocking makes a system call only when someone
/// waits. Waiters of both kinds are woken together and race again.
pub struct RwLock<T: ?Sized> {
    state: AtomicU32,
    sleepers: AtomicU32,
    data: UnsafeCell<T>,
}

// SAFETY: readers share `&T` (so T: Sync), a writer has `&mut T` alone.
unsafe impl<T: ?Sized + Send + Sync> Sync for RwLock<T> {}
// SAFETY: moving the lock moves the data.
unsafe impl<T: ?Sized + Send> Send for RwLock<T> {}

impl<T> RwLock<T> {
    /// A lock holding `data`.
    pub const fn new(data: T) -> Self {
        RwLock {
            state: AtomicU32::new(0),
            sleepers: AtomicU32::new(0),
            data: UnsafeCell::new(data),
        }
    }
}

impl<T: ?Sized> RwLock<T> {
    /// Shared access, waiting while a writer holds it.
    pub fn read(&self) -> RwLockReadGuard<'_, T> {
        loop {
            let s = self.state.load(Ordering::Relaxed);
            if s < WRITER - 1 {
                if self
                    .state
                    .compare_exchange_weak(s, s + 1, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    return RwLockReadGuard { lock: self };
                }
                continue;
            }
            self.sleep(s);
        }
    }

    /// Exclusive access, waiting while anyone holds it.
    pub fn write(&self) -> RwLockWriteGuard<'_, T> {
        loop {
            match self
                .state
                .compare_exchange(0, WRITER, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => return RwLockWriteGuard { lock: self },
                Err(s) => self.sleep(s),
            }
        }
    }

    fn sleep(&self, seen: u32) {
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        futex::wait(&self.state, seen, None);
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }

    fn wake(&self) {
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            futex::wake_all(&self.state);
        }
    }
}

impl<T: Default> Default for RwLock<T> {
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

/// Shared access to an [`RwLock`]'s data.
pub struct RwLockReadGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
}

impl<T: ?Sized> Deref for RwLockReadGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard counts as a reader; no writer can be in.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized> Drop for RwLockReadGuard<'_, T> {
    fn drop(&mut self) {
        if self.lock.state.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.lock.wake();
        }
    }
}

/// Exclusive access to an [`RwLock`]'s data.
pub struct RwLockWriteGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
}

impl<T: ?Sized> Deref for RwLockWriteGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard is the writer.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized> DerefMut for RwLockWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard is the writer.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T: ?Sized> Drop for RwLockWriteGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.state.store(0, Ordering::SeqCst);
        self.lock.wake();
    }
}

const INCOMPLETE: u32 = 0;
const RUNNING: u32 = 1;
/// Running, and someone sleeps waiting for it.
const WAITED: u32 = 2;
const COMPLETE: u32 = 3;

/// `std::sync::Once`: runs a function once; later callers wait for it to
/// finish, then return at once (one load).
pub struct Once {
    state: AtomicU32,
}

impl Default for Once {
    fn default() -> Self {
        Once::new()
    }
}

impl Once {
    /// Not yet run.
    pub const fn new() -> Self {
        Once {
            state: AtomicU32::new(INCOMPLETE),
        }
    }

    /// Whether the function has run to the end.
    pub fn is_completed(&self) -> bool {
        self.state.load(Ordering::Acquire) == COMPLETE
    }

    /// Runs `f` if no call has yet; waits while another thread runs it.
    #[inline]
    pub fn call_once(&self, f: impl FnOnce()) {
        if !self.is_completed() {
            self.call_slow(f);
        }
    }

    #[cold]
    fn call_slow(&self, f: impl FnOnce()) {
        match self
            .state
            .compare_exchange(INCOMPLETE, RUNNING, Ordering::Acquire, Ordering::Acquire)
        {
            Ok(_) => {
                f();
                if self.state.swap(COMPLETE, Ordering::Release) == WAITED {
                    futex::wake_all(&self.state);
                }
            }
            Err(_) => loop {
                let s = self.state.load(Ordering::Acquire);
                if s == COMPLETE {
                    return;
                }
                if s == RUNNING
                    && self
                        .state
                        .compare_exchange(RUNNING, WAITED, Ordering::Relaxed, Ordering::Relaxed)
                        .is_err()
                {
                    continue;
                }
                futex::wait(&self.state, WAITED, None);
            },
        }
    }
}

/// `std::sync::LazyLock`: a value made by `init` on first use, by
/// exactly one thread.
pub struct Lazy<T, F = fn() -> T> {
    once: Once,
    init: UnsafeCell<Option<F>>,
    value: UnsafeCell<MaybeUninit<T>>,
}

// SAFETY: `init` runs once under `once`; afterwards `value` is only read.
unsafe impl<T: Send + Sync, F: Send> Sync for Lazy<T, F> {}

impl<T, F: FnOnce() -> T> Lazy<T, F> {
    /// A value that `init` will make on first use.
    pub const fn new(init: F) -> Self {
        Lazy {
            once: Once::new(),
            init: UnsafeCell::new(Some(init)),
            value: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// The value, made now if this is the first use.
    pub fn force(this: &Self) -> &T {
        this.once.call_once(|| {
            // SAFETY: inside call_once only one thread is here.
            let init = unsafe { (*this.init.get()).take() };
            if let Some(init) = init {
                // SAFETY: as above; nobody reads `value` before completion.
                unsafe { (*this.value.get()).write(init()) };
            }
        });
        // SAFETY: completed: the value is written and never written again.
        unsafe { (*this.value.get()).assume_init_ref() }
    }
}

impl<T, F: FnOnce() -> T> Deref for Lazy<T, F> {
    type Target = T;
    fn deref(&self) -> &T {
        Lazy::force(self)
    }
}

impl<T, F> Drop for Lazy<T, F> {
    fn drop(&mut self) {
        if self.once.is_completed() {
            // SAFETY: completed: the value was written.
            unsafe { self.value.get_mut().assume_init_drop() };
        }
    }
}
