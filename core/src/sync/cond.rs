//! `Condition`, `Event`, `Semaphore`, `BoundedSemaphore` and `Barrier`.

use super::futex::{self, Deadline};
use super::lock::{RLock, RawLock};
use super::{Error, Timeout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicU32, Ordering};

/// One thread in [`Condition::wait`]: a node on its own stack, linked
/// into the condition's list while it waits; `notified` is its futex.
struct Waiter {
    notified: AtomicU32,
    prev: *mut Waiter,
    next: *mut Waiter,
}

/// The waiters, oldest first (`Condition._waiters`).
struct List {
    head: *mut Waiter,
    tail: *mut Waiter,
}

/// How many notified waiters a [`Condition`] wakes only once its lock is
/// let go (more are woken at once).
const DEFERRED: usize = 4;

/// Waiters already notified (unlinked, their word set) whose futex wake
/// waits for the lock to be let go: woken while the notifier still holds
/// the lock, a waiter would find it taken and sleep a second time on it.
/// A wake that comes after the waiter saw its word and left is harmless:
/// a futex wake touches no memory, and every futex wait here rechecks
/// its condition.
struct Deferred {
    words: [*const AtomicU32; DEFERRED],
    len: usize,
}

/// `threading.Condition`—a condition variable with its own [`RLock`]
/// (Python's default).
///
/// As CPython's, each waiter sleeps on its own word, queued oldest
/// first, so `notify(n)` wakes exactly the `n` longest waiting and a
/// thread that starts waiting after a notify is not woken by it; there
/// are no spurious wake-ups. Waiting and notifying need the lock
/// (`RuntimeError` otherwise).
pub struct Condition {
    lock: RLock,
    waiters: UnsafeCell<List>,
    deferred: UnsafeCell<Deferred>,
}

// SAFETY: `waiters` and `deferred` are only touched by the thread that
// holds `lock`; the
// nodes it links live on the stacks of threads blocked in `wait`, which
// unlink them (or are unlinked) before they return.
unsafe impl Sync for Condition {}
// SAFETY: as above; the list is empty whenever no thread is in `wait`.
unsafe impl Send for Condition {}

impl Default for Condition {
    fn default() -> Self {
        Condition::new()
    }
}

impl Condition {
    /// `threading.Condition()`—with a fresh `RLock`.
    pub const fn new() -> Self {
        Condition {
            lock: RLock::new(),
            waiters: UnsafeCell::new(List {
                head: null_mut(),
                tail: null_mut(),
            }),
            deferred: UnsafeCell::new(Deferred {
                words: [core::ptr::null(); DEFERRED],
                len: 0,
            }),
        }
    }

    /// `Condition.acquire(blocking=True, timeout=-1)`.
    pub fn acquire(&self, blocking: bool, timeout: f64) -> Result<bool, Error> {
        self.lock.acquire(blocking, timeout)
    }

    /// `Condition.release()`.
    pub fn release(&self) -> Result<(), Error> {
        if !self.lock.held_once() {
            return self.lock.release();
        }
        let woken = self.take_deferred();
        let released = self.lock.release();
        woken.wake();
        released
    }

    /// The deferred wakes, taken out for waking once the lock is let go.
    fn take_deferred(&self) -> Deferred {
        // SAFETY: the caller holds the lock, so `deferred` is ours.
        unsafe { core::mem::replace(&mut *self.deferred.get(), Deferred::NONE) }
    }

    /// `with cond:`—the lock, released when the guard drops.
    pub fn lock(&self) -> ConditionGuard<'_> {
        self.lock.acquire_for(Timeout::Forever);
        ConditionGuard { cond: self }
    }

    /// `Condition.wait(timeout=None)`—releases the lock (every level),
    /// sleeps until notified or `timeout` seconds pass, takes the lock
    /// back. True if notified, false on timeout.
    pub fn wait(&self, timeout: Option<f64>) -> Result<bool, Error> {
        if !self.lock.is_owned() {
            return Err(Error::Runtime("cannot wait on un-acquired lock"));
        }
        let deadline = Timeout::for_wait(timeout)?.deadline();
        Ok(self.wait_until(deadline.as_ref()))
    }

    fn wait_until(&self, deadline: Option<&Deadline>) -> bool {
        let mut node = Waiter {
            notified: AtomicU32::new(0),
            prev: null_mut(),
            next: null_mut(),
        };
        let me: *mut Waiter = &mut node;
        // SAFETY: the caller holds the lock, so the list is ours.
        unsafe { self.push(me) };
        let woken = self.take_deferred();
        let saved = self.lock.release_all();
        woken.wake();
        // SAFETY: `me` stays valid until this function returns; other
        // threads only touch it under the lock, which we take back below.
        let notified = unsafe { &(*me).notified };
        // A notify often comes within a few hundred nanoseconds (the other
        // thread is running); waiting that long awake saves two context
        // switches, and on a virtual machine the wake-up of an idle CPU.
        for _ in 0..super::lock::wait_spins() {
            if notified.load(Ordering::Acquire) == 1 {
                break;
            }
            core::hint::spin_loop();
        }
        loop {
            if notified.load(Ordering::Acquire) == 1 {
                break;
            }
            if deadline.is_some_and(Deadline::passed) || !futex::wait(notified, 0, deadline) {
                break;
            }
        }
        self.lock.restore(saved);
        let got = notified.load(Ordering::Acquire) == 1;
        if !got {
            // Timed out: nobody unlinked us, and under the lock nobody can.
            // SAFETY: `me` is linked and the lock is held.
            unsafe { self.unlink(me) };
        }
        got
    }

    /// `Condition.wait_for(predicate, timeout=None)`—waits until
    /// `predicate()` is true or the time is up; returns the predicate's
    /// last value.
    pub fn wait_for(
        &self,
        mut predicate: impl FnMut() -> bool,
        timeout: Option<f64>,
    ) -> Result<bool, Error> {
        if !self.lock.is_owned() {
            return Err(Error::Runtime("cannot wait on un-acquired lock"));
        }
        let deadline = Timeout::for_wait(timeout)?.deadline();
        loop {
            if predicate() {
                return Ok(true);
            }
            if deadline.as_ref().is_some_and(Deadline::passed) {
                return Ok(false);
            }
            self.wait_until(deadline.as_ref());
        }
    }

    /// `Condition.notify(n=1)`—wakes up to `n` waiting threads, the
    /// longest waiting first.
    pub fn notify(&self, n: usize) -> Result<(), Error> {
        if !self.lock.is_owned() {
            return Err(Error::Runtime("cannot notify on un-acquired lock"));
        }
        for _ in 0..n {
            // SAFETY: the lock is held, so the list is ours.
            let head = unsafe { (*self.waiters.get()).head };
            if head.is_null() {
                break;
            }
            // SAFETY: a linked node lives until its thread takes the lock
            // back, which it cannot do while we hold it.
            unsafe {
                self.unlink(head);
                (*head).notified.store(1, Ordering::Release);
                let deferred = &mut *self.deferred.get();
                if deferred.len < DEFERRED {
                    deferred.words[deferred.len] = &(*head).notified;
                    deferred.len += 1;
                } else {
                    futex::wake(&(*head).notified, 1);
                }
            }
        }
        Ok(())
    }

    /// `Condition.notify_all()`—wakes every waiting thread.
    pub fn notify_all(&self) -> Result<(), Error> {
        self.notify(usize::MAX)
    }

    /// # Safety
    /// The lock is held; `node` is valid and unlinked.
    unsafe fn push(&self, node: *mut Waiter) {
        // SAFETY: as the caller guarantees.
        unsafe {
            let list = &mut *self.waiters.get();
            (*node).prev = list.tail;
            (*node).next = null_mut();
            if list.tail.is_null() {
                list.head = node;
            } else {
                (*list.tail).next = node;
            }
            list.tail = node;
        }
    }

    /// # Safety
    /// The lock is held; `node` is linked.
    unsafe fn unlink(&self, node: *mut Waiter) {
        // SAFETY: as the caller guarantees; its neighbours are linked too.
        unsafe {
            let list = &mut *self.waiters.get();
            let (prev, next) = ((*node).prev, (*node).next);
            if prev.is_null() {
                list.head = next;
            } else {
                (*prev).next = next;
            }
            if next.is_null() {
                list.tail = prev;
            } else {
                (*next).prev = prev;
            }
        }
    }
}

/// Holds a [`Condition`]'s lock until dropped; waits and notifies through
/// it.
pub struct ConditionGuard<'a> {
    cond: &'a Condition,
}

impl ConditionGuard<'_> {
    /// [`Condition::wait`] with the lock this guard holds.
    pub fn wait(&self, timeout: Option<f64>) -> Result<bool, Error> {
        self.cond.wait(timeout)
    }

    /// [`Condition::wait_for`].
    pub fn wait_for(
        &self,
        predicate: impl FnMut() -> bool,
        timeout: Option<f64>,
    ) -> Result<bool, Error> {
        self.cond.wait_for(predicate, timeout)
    }

    /// [`Condition::notify`].
    pub fn notify(&self, n: usize) {
        let _ = self.cond.notify(n);
    }

    /// [`Condition::notify_all`].
    pub fn notify_all(&self) {
        let _ = self.cond.notify_all();
    }
}

impl Drop for ConditionGuard<'_> {
    fn drop(&mut self) {
        let _ = self.cond.release();
    }
}

impl Deferred {
    const NONE: Deferred = Deferred {
        words: [core::ptr::null(); DEFERRED],
        len: 0,
    };

    fn wake(&self) {
        for &word in &self.words[..self.len] {
            futex::wake_address(word, 1);
        }
    }
}

/// `threading.Event`—a flag threads can wait for.
///
/// One word: bit 0 is the flag, bit 1 says a thread may be asleep, so
/// that `set` makes a system call only when someone waits.
pub struct Event {
    state: AtomicU32,
}

const FLAG: u32 = 1;
const SLEEPERS: u32 = 2;

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}

impl Event {
    /// `threading.Event()`—cleared.
    pub const fn new() -> Self {
        Event {
            state: AtomicU32::new(0),
        }
    }

    /// `Event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.state.load(Ordering::Acquire) & FLAG != 0
    }

    /// `Event.set()`—sets the flag and wakes every waiter.
    pub fn set(&self) {
        if self.state.swap(FLAG, Ordering::Release) & SLEEPERS != 0 {
            futex::wake_all(&self.state);
        }
    }

    /// `Event.clear()`.
    pub fn clear(&self) {
        self.state.fetch_and(!FLAG, Ordering::Relaxed);
    }

    /// `Event.wait(timeout=None)`—waits until the flag is set; returns the
    /// flag (false only on timeout).
    pub fn wait(&self, timeout: Option<f64>) -> Result<bool, Error> {
        let deadline = Timeout::for_wait(timeout)?.deadline();
        loop {
            let s = self.state.load(Ordering::Acquire);
            if s & FLAG != 0 {
                return Ok(true);
            }
            if deadline.as_ref().is_some_and(Deadline::passed) {
                return Ok(false);
            }
            if s & SLEEPERS == 0
                && self
                    .state
                    .compare_exchange(s, s | SLEEPERS, Ordering::Relaxed, Ordering::Relaxed)
                    .is_err()
            {
                continue;
            }
            if !futex::wait(&self.state, s | SLEEPERS, deadline.as_ref()) {
                return Ok(self.is_set());
            }
        }
    }
}

/// `threading.Semaphore`—a counter that `acquire` takes from and
/// `release` adds to; `acquire` waits while it is zero.
pub struct Semaphore {
    value: AtomicU32,
    sleepers: AtomicU32,
    /// `BoundedSemaphore`'s initial value; `u32::MAX` for none.
    bound: u32,
}

impl Semaphore {
    /// `threading.Semaphore(value=1)`; a negative value is `ValueError:
    /// semaphore initial value must be >= 0`.
    pub const fn new(value: i64) -> Result<Self, Error> {
        Semaphore::with_bound(value, false)
    }

    const fn with_bound(value: i64, bounded: bool) -> Result<Self, Error> {
        if value < 0 {
            return Err(Error::Value("semaphore initial value must be >= 0"));
        }
        if value >= u32::MAX as i64 {
            return Err(Error::Overflow("semaphore initial value is too large"));
        }
        Ok(Semaphore {
            value: AtomicU32::new(value as u32),
            sleepers: AtomicU32::new(0),
            bound: if bounded { value as u32 } else { u32::MAX },
        })
    }

    /// `Semaphore.acquire(blocking=True, timeout=None)`—takes one; true
    /// if it did. A timeout with `blocking=False` is `ValueError`.
    pub fn acquire(&self, blocking: bool, timeout: Option<f64>) -> Result<bool, Error> {
        if !blocking && timeout.is_some() {
            return Err(Error::Value(
                "can't specify timeout for non-blocking acquire",
            ));
        }
        let timeout = match timeout {
            _ if !blocking => Timeout::NoWait,
            None => Timeout::Forever,
            Some(t) if t.is_nan() => return Err(Error::Value("Invalid value NaN (not a number)")),
            Some(t) => Timeout::Secs(t.clamp(0.0, super::TIMEOUT_MAX)),
        };
        let deadline = match timeout {
            Timeout::Secs(_) => timeout.deadline(),
            _ => None,
        };
        loop {
            let v = self.value.load(Ordering::Relaxed);
            if v > 0 {
                if self
                    .value
                    .compare_exchange_weak(v, v - 1, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    return Ok(true);
                }
                continue;
            }
            if timeout == Timeout::NoWait || deadline.as_ref().is_some_and(Deadline::passed) {
                return Ok(false);
            }
            self.sleepers.fetch_add(1, Ordering::SeqCst);
            futex::wait(&self.value, 0, deadline.as_ref());
            self.sleepers.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// `Semaphore.release(n=1)`—adds `n` and wakes up to `n` waiters.
    /// `n < 1` is `ValueError: n must be one or more`; past a bounded
    /// semaphore's initial value, `ValueError: Semaphore released too many
    /// times`.
    pub fn release(&self, n: u32) -> Result<(), Error> {
        if n < 1 {
            return Err(Error::Value("n must be one or more"));
        }
        let bound = self.bound;
        self.value
            .fetch_update(Ordering::SeqCst, Ordering::Relaxed, |v| {
                v.checked_add(n).filter(|&sum| sum <= bound)
            })
            .map_err(|_| {
                if bound == u32::MAX {
                    Error::Overflow("semaphore value is too large")
                } else {
                    Error::Value("Semaphore released too many times")
                }
            })?;
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            futex::wake(&self.value, n);
        }
        Ok(())
    }

    /// The current value (Python's `_value`).
    pub fn value(&self) -> u32 {
        self.value.load(Ordering::Relaxed)
    }
}

/// `threading.BoundedSemaphore`—a [`Semaphore`] whose `release` may not
/// raise the value past its initial one.
pub struct BoundedSemaphore(Semaphore);

impl BoundedSemaphore {
    /// `threading.BoundedSemaphore(value=1)`.
    pub const fn new(value: i64) -> Result<Self, Error> {
        match Semaphore::with_bound(value, true) {
            Ok(s) => Ok(BoundedSemaphore(s)),
            Err(e) => Err(e),
        }
    }
}

impl core::ops::Deref for BoundedSemaphore {
    type Target = Semaphore;
    fn deref(&self) -> &Semaphore {
        &self.0
    }
}

/// A small internal condition: a mutex and a generation word that
/// `notify_all` bumps; waiters recheck their predicate after each wake.
struct Monitor {
    lock: RawLock,
    generation: AtomicU32,
}

impl Monitor {
    const fn new() -> Self {
        Monitor {
            lock: RawLock::new(),
            generation: AtomicU32::new(0),
        }
    }

    /// With the lock held: releases it, sleeps until a notify or the
    /// deadline, takes it back.
    fn wait(&self, deadline: Option<&Deadline>) {
        let seen = self.generation.load(Ordering::Relaxed);
        self.lock.unlock();
        futex::wait(&self.generation, seen, deadline);
        self.lock.lock(None);
    }

    fn notify_all(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        futex::wake_all(&self.generation);
    }
}

/// `threading.Barrier`—`parties` threads wait until all have arrived.
///
/// A port of CPython's state machine: filling, draining, resetting,
/// broken. `wait` returns the arrival index (0 to `parties - 1`); a
/// timeout, [`abort`](Barrier::abort) or [`reset`](Barrier::reset) while
/// threads wait breaks it for them (`BrokenBarrierError`).
pub struct Barrier {
    monitor: Monitor,
    state: UnsafeCell<BarrierState>,
    parties: usize,
    action: Option<fn()>,
    timeout: Option<f64>,
}

struct BarrierState {
    /// 0 filling, 1 draining, -1 resetting, -2 broken.
    phase: i8,
    count: usize,
}

// SAFETY: `state` is only touched with `monitor.lock` held.
unsafe impl Sync for Barrier {}

impl Barrier {
    /// `threading.Barrier(parties, action=None, timeout=None)`; zero
    /// parties is `ValueError: parties must be > 0`.
    pub const fn new(
        parties: usize,
        action: Option<fn()>,
        timeout: Option<f64>,
    ) -> Result<Self, Error> {
        if parties == 0 {
            return Err(Error::Value("parties must be > 0"));
        }
        Ok(Barrier {
            monitor: Monitor::new(),
            state: UnsafeCell::new(BarrierState { phase: 0, count: 0 }),
            parties,
            action,
            timeout,
        })
    }

    fn with<R>(&self, f: impl FnOnce(&mut BarrierState) -> R) -> R {
        // SAFETY: callers hold the monitor's lock.
        f(unsafe { &mut *self.state.get() })
    }

    /// `Barrier.wait(timeout=None)`—arrives and waits for the others;
    /// the arrival index, or `BrokenBarrierError`.
    pub fn wait(&self, timeout: Option<f64>) -> Result<usize, Error> {
        let timeout = timeout.or(self.timeout);
        let deadline = Timeout::for_wait(timeout)?.deadline();
        self.monitor.lock.lock(None);
        // _enter: wait while the barrier drains or resets.
        while matches!(self.with(|s| s.phase), -1 | 1) {
            self.monitor.wait(None);
        }
        if self.with(|s| s.phase) < 0 {
            self.monitor.lock.unlock();
            return Err(Error::BrokenBarrier);
        }
        let index = self.with(|s| {
            s.count += 1;
            s.count - 1
        });
        let result = if index + 1 == self.parties {
            // _release: the last to arrive runs the action and lets all go.
            if let Some(action) = self.action {
                action();
            }
            self.with(|s| s.phase = 1);
            self.monitor.notify_all();
            Ok(index)
        } else {
            // _wait
            loop {
                if self.with(|s| s.phase) != 0 {
                    break;
                }
                if deadline.as_ref().is_some_and(Deadline::passed) {
                    self.break_locked();
                    break;
                }
                self.monitor.wait(deadline.as_ref());
            }
            if self.with(|s| s.phase) < 0 {
                Err(Error::BrokenBarrier)
            } else {
                Ok(index)
            }
        };
        // _exit
        let done = self.with(|s| {
            s.count -= 1;
            s.count == 0 && matches!(s.phase, -1 | 1)
        });
        if done {
            self.with(|s| s.phase = 0);
            self.monitor.notify_all();
        }
        self.monitor.lock.unlock();
        result
    }

    fn break_locked(&self) {
        self.with(|s| s.phase = -2);
        self.monitor.notify_all();
    }

    /// `Barrier.reset()`—back to empty; threads waiting now get
    /// `BrokenBarrierError`.
    pub fn reset(&self) {
        self.monitor.lock.lock(None);
        self.with(|s| {
            if s.count > 0 {
                if s.phase == 0 || s.phase == -2 {
                    s.phase = -1;
                }
            } else {
                s.phase = 0;
            }
        });
        self.monitor.notify_all();
        self.monitor.lock.unlock();
    }

    /// `Barrier.abort()`—breaks the barrier: current and later waits get
    /// `BrokenBarrierError` until [`reset`](Barrier::reset).
    pub fn abort(&self) {
        self.monitor.lock.lock(None);
        self.break_locked();
        self.monitor.lock.unlock();
    }

    /// `Barrier.parties`.
    pub fn parties(&self) -> usize {
        self.parties
    }

    /// `Barrier.n_waiting`—threads waiting in the filling phase.
    pub fn n_waiting(&self) -> usize {
        self.monitor.lock.lock(None);
        let n = self.with(|s| if s.phase == 0 { s.count } else { 0 });
        self.monitor.lock.unlock();
        n
    }

    /// `Barrier.broken`.
    pub fn broken(&self) -> bool {
        self.monitor.lock.lock(None);
        let broken = self.with(|s| s.phase == -2);
        self.monitor.lock.unlock();
        broken
    }
}
