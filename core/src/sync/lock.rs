//! `Lock` and `RLock`, on one futex word each.

use super::futex::{self, Deadline};
use super::{Error, Timeout};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
/// Locked, and someone may be asleep waiting: unlocking must wake.
const CONTENDED: u32 = 2;

/// How many times a contended acquire looks again before it sleeps: on a
/// multi-core machine the holder is usually about to let go.
const SPINS: u32 = 100;

/// How many rounds a waiter ([`Condition`](super::Condition), a join)
/// watches its word before it sleeps: 1,000 (a few microseconds) where
/// the thread it waits for can run meanwhile, none when the process has
/// one CPU (decided once, from its affinity). Measured with
/// `bench/thread/run` on an idle 2-CPU virtual machine: a ping-pong round
/// trip of 0.3-1 µs spinning against 51 µs when each side sleeps and the
/// hypervisor wakes an idle CPU; spawn + join 38 µs against 50 µs.
pub fn wait_spins() -> u32 {
    use core::sync::atomic::AtomicU8;
    static CPUS: AtomicU8 = AtomicU8::new(0); // 0 unknown, 1 one, 2 more
    let known = match CPUS.load(Ordering::Relaxed) {
        0 => {
            let many = crate::os::process_cpu_count().is_some_and(|n| n > 1);
            let value = if many { 2 } else { 1 };
            CPUS.store(value, Ordering::Relaxed);
            value
        }
        n => n,
    };
    if known == 2 { 10 * SPINS } else { 0 }
}

/// The futex mutex of Drepper's "Futexes Are Tricky" (the third one): one
/// atomic instruction each way when uncontended, a system call only when
/// a thread must sleep or wake a sleeper.
pub(crate) struct RawLock {
    state: AtomicU32,
}

impl RawLock {
    pub(crate) const fn new() -> Self {
        RawLock {
            state: AtomicU32::new(UNLOCKED),
        }
    }

    #[inline]
    pub(crate) fn try_lock(&self) -> bool {
        self.state
            .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Takes the lock, giving up at `deadline`; false if it passed.
    #[inline]
    pub(crate) fn lock(&self, deadline: Option<&Deadline>) -> bool {
        self.try_lock() || self.lock_slow(deadline)
    }

    #[cold]
    fn lock_slow(&self, deadline: Option<&Deadline>) -> bool {
        for _ in 0..SPINS {
            if self.state.load(Ordering::Relaxed) == UNLOCKED && self.try_lock() {
                return true;
            }
            core::hint::spin_loop();
        }
        loop {
            if self.state.swap(CONTENDED, Ordering::Acquire) == UNLOCKED {
                return true;
            }
            if !futex::wait(&self.state, CONTENDED, deadline)
                || deadline.is_some_and(Deadline::passed)
            {
                // One last try: the holder may have let go just now.
                return self.state.swap(CONTENDED, Ordering::Acquire) == UNLOCKED;
            }
        }
    }

    /// Lets go; wakes one sleeper if there may be one.
    #[inline]
    pub(crate) fn unlock(&self) {
        if self.state.swap(UNLOCKED, Ordering::Release) == CONTENDED {
            futex::wake(&self.state, 1);
        }
    }

    pub(crate) fn is_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) != UNLOCKED
    }

    /// Forces the lock open without waking anyone: for a forked child,
    /// where the thread that held it no longer exists.
    pub(crate) fn reset(&self) {
        self.state.store(UNLOCKED, Ordering::Relaxed);
    }
}

/// `threading.Lock`—a primitive lock: not owned, so any thread may
/// release it; not re-entrant.
///
/// Uncontended, `acquire` and `release` are one atomic instruction each
/// and no system call (`futex(2)` only to sleep and to wake a sleeper).
///
/// # References
/// - [futex(2)](https://man7.org/linux/man-pages/man2/futex.2.html)
pub struct Lock {
    raw: RawLock,
}

impl Default for Lock {
    fn default() -> Self {
        Lock::new()
    }
}

impl Lock {
    /// `threading.Lock()`—an unlocked lock.
    pub const fn new() -> Self {
        Lock {
            raw: RawLock::new(),
        }
    }

    /// `Lock.acquire(blocking=True, timeout=-1)`—takes the lock; true if
    /// it was taken. `timeout` in seconds, `-1` for no limit, as in
    /// Python; an invalid one is an error (see `Timeout::parse`).
    pub fn acquire(&self, blocking: bool, timeout: f64) -> Result<bool, Error> {
        let timeout = Timeout::parse(blocking, timeout)?;
        Ok(self.acquire_for(timeout))
    }

    pub(crate) fn acquire_for(&self, timeout: Timeout) -> bool {
        match timeout {
            Timeout::NoWait => self.raw.try_lock(),
            Timeout::Forever => self.raw.lock(None),
            Timeout::Secs(secs) => {
                self.raw.try_lock() || self.raw.lock(Some(&Deadline::after(secs)))
            }
        }
    }

    /// Takes the lock, waiting as long as it takes (`with lock:`); the
    /// guard releases it.
    pub fn lock(&self) -> LockGuard<'_> {
        self.raw.lock(None);
        LockGuard { lock: self }
    }

    /// `Lock.release()`—lets go. Releasing an unlocked lock is
    /// `RuntimeError: release unlocked lock`.
    pub fn release(&self) -> Result<(), Error> {
        if !self.raw.is_locked() {
            return Err(Error::Runtime("release unlocked lock"));
        }
        self.raw.unlock();
        Ok(())
    }

    /// `Lock.locked()`—whether it is held.
    pub fn locked(&self) -> bool {
        self.raw.is_locked()
    }

    /// Opens the lock in a forked child (`_at_fork_reinit`): the thread
    /// that held it is gone.
    pub fn at_fork_reinit(&self) {
        self.raw.reset();
    }
}

/// Holds a [`Lock`] until dropped.
pub struct LockGuard<'a> {
    lock: &'a Lock,
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        self.lock.raw.unlock();
    }
}

/// `threading.RLock`—a re-entrant lock: the thread that holds it may
/// acquire it again, and must release it as many times.
///
/// The owner is [`crate::thread::get_ident`]; the count lives beside it.
/// Releasing a lock the caller does not hold is `RuntimeError: cannot
/// release un-acquired lock`.
pub struct RLock {
    raw: RawLock,
    owner: AtomicUsize,
    count: AtomicUsize,
}

impl Default for RLock {
    fn default() -> Self {
        RLock::new()
    }
}

impl RLock {
    /// `threading.RLock()`—an unlocked re-entrant lock.
    pub const fn new() -> Self {
        RLock {
            raw: RawLock::new(),
            owner: AtomicUsize::new(0),
            count: AtomicUsize::new(0),
        }
    }

    /// `RLock.acquire(blocking=True, timeout=-1)`: as [`Lock::acquire`],
    /// and at once when the caller already holds it.
    pub fn acquire(&self, blocking: bool, timeout: f64) -> Result<bool, Error> {
        let timeout = Timeout::parse(blocking, timeout)?;
        Ok(self.acquire_for(timeout))
    }

    pub(crate) fn acquire_for(&self, timeout: Timeout) -> bool {
        let me = crate::thread::get_ident();
        if self.owner.load(Ordering::Relaxed) == me {
            self.count.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        let taken = match timeout {
            Timeout::NoWait => self.raw.try_lock(),
            Timeout::Forever => self.raw.lock(None),
            Timeout::Secs(secs) => {
                self.raw.try_lock() || self.raw.lock(Some(&Deadline::after(secs)))
            }
        };
        if taken {
            self.owner.store(me, Ordering::Relaxed);
            self.count.store(1, Ordering::Relaxed);
        }
        taken
    }

    /// Takes the lock (`with rlock:`); the guard releases one level.
    pub fn lock(&self) -> RLockGuard<'_> {
        self.acquire_for(Timeout::Forever);
        RLockGuard { lock: self }
    }

    /// `RLock.release()`—lets go of one level; the last one unlocks.
    pub fn release(&self) -> Result<(), Error> {
        if !self.is_owned() {
            return Err(Error::Runtime("cannot release un-acquired lock"));
        }
        if self.count.fetch_sub(1, Ordering::Relaxed) == 1 {
            self.owner.store(0, Ordering::Relaxed);
            self.raw.unlock();
        }
        Ok(())
    }

    /// Whether the calling thread holds it exactly once (so that one more
    /// release lets it go).
    pub(crate) fn held_once(&self) -> bool {
        self.is_owned() && self.count.load(Ordering::Relaxed) == 1
    }

    /// `RLock._is_owned()`—whether the calling thread holds it.
    pub fn is_owned(&self) -> bool {
        self.owner.load(Ordering::Relaxed) == crate::thread::get_ident()
    }

    /// `RLock.locked()`—whether any thread holds it (Python 3.14).
    pub fn locked(&self) -> bool {
        self.raw.is_locked()
    }

    /// Lets go of every level, returning how many there were
    /// (`_release_save`); only for the owner.
    pub(crate) fn release_all(&self) -> usize {
        let count = self.count.swap(0, Ordering::Relaxed);
        self.owner.store(0, Ordering::Relaxed);
        self.raw.unlock();
        count
    }

    /// Takes the lock back with `count` levels (`_acquire_restore`).
    pub(crate) fn restore(&self, count: usize) {
        self.raw.lock(None);
        self.owner
            .store(crate::thread::get_ident(), Ordering::Relaxed);
        self.count.store(count, Ordering::Relaxed);
    }

    /// Opens the lock in a forked child (`_at_fork_reinit`).
    pub fn at_fork_reinit(&self) {
        self.owner.store(0, Ordering::Relaxed);
        self.count.store(0, Ordering::Relaxed);
        self.raw.reset();
    }
}

/// Holds one level of an [`RLock`] until dropped.
pub struct RLockGuard<'a> {
    lock: &'a RLock,
}

impl Drop for RLockGuard<'_> {
    fn drop(&mut self) {
        let _ = self.lock.release();
    }
}
