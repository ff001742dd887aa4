//! The primitives under std threads (host tests): counts that a wrong
//! lock would lose, Python's argument rules and messages.

use super::*;
use std::sync::Arc;
use std::vec::Vec;

#[test]
fn lock_counts_under_contention() {
    struct Shared {
        lock: Lock,
        count: core::cell::UnsafeCell<u64>,
    }
    // SAFETY: `count` is only touched with `lock` held.
    unsafe impl Sync for Shared {}
    let shared = Arc::new(Shared {
        lock: Lock::new(),
        count: core::cell::UnsafeCell::new(0),
    });
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let s = shared.clone();
            std::thread::spawn(move || {
                for _ in 0..50_000 {
                    let _g = s.lock.lock();
                    // SAFETY: the lock is held.
                    unsafe { *s.count.get() += 1 };
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // SAFETY: every thread has ended.
    assert_eq!(unsafe { *shared.count.get() }, 200_000);
}

#[test]
fn lock_rules_follow_python() {
    let l = Lock::new();
    assert_eq!(l.release(), Err(Error::Runtime("release unlocked lock")));
    assert_eq!(
        l.acquire(false, 1.0),
        Err(Error::Value(
            "can't specify a timeout for a non-blocking call"
        ))
    );
    assert_eq!(
        l.acquire(true, -2.0),
        Err(Error::Value("timeout value must be positive"))
    );
    assert!(matches!(l.acquire(true, 1e300), Err(Error::Overflow(_))));
    assert!(matches!(l.acquire(true, f64::NAN), Err(Error::Value(_))));
    assert_eq!(l.acquire(true, -1.0), Ok(true));
    assert!(l.locked());
    assert_eq!(l.acquire(false, -1.0), Ok(false));
    let t0 = std::time::Instant::now();
    assert_eq!(l.acquire(true, 0.05), Ok(false));
    assert!(t0.elapsed() >= std::time::Duration::from_millis(50));
    // Another thread may release it (a Lock has no owner).
    let l = Arc::new(l);
    let l2 = l.clone();
    std::thread::spawn(move || l2.release().unwrap())
        .join()
        .unwrap();
    assert!(!l.locked());
}

#[test]
fn rlock_reenters_and_checks_its_owner() {
    let r = Arc::new(RLock::new());
    assert_eq!(
        r.release(),
        Err(Error::Runtime("cannot release un-acquired lock"))
    );
    assert_eq!(r.acquire(true, -1.0), Ok(true));
    assert_eq!(r.acquire(true, -1.0), Ok(true));
    let r2 = r.clone();
    let other = std::thread::spawn(move || (r2.acquire(false, -1.0), r2.release()))
        .join()
        .unwrap();
    assert_eq!(
        other,
        (
            Ok(false),
            Err(Error::Runtime("cannot release un-acquired lock"))
        )
    );
    r.release().unwrap();
    assert!(r.locked());
    r.release().unwrap();
    assert!(!r.locked());
}

#[test]
fn condition_moves_items_through_a_bounded_queue() {
    struct Queue {
        cond: Condition,
        items: core::cell::UnsafeCell<std::collections::VecDeque<u64>>,
    }
    // SAFETY: `items` is only touched with the condition's lock held.
    unsafe impl Sync for Queue {}
    let q = Arc::new(Queue {
        cond: Condition::new(),
        items: Default::default(),
    });
    const N: u64 = 100_000;
    let producer = {
        let q = q.clone();
        std::thread::spawn(move || {
            for i in 0..N {
                let g = q.cond.lock();
                // SAFETY: the lock is held.
                g.wait_for(|| unsafe { (*q.items.get()).len() } < 16, None)
                    .unwrap();
                // SAFETY: the lock is held.
                unsafe { (*q.items.get()).push_back(i) };
                g.notify_all();
            }
        })
    };
    let mut sum = 0;
    for _ in 0..N {
        let g = q.cond.lock();
        // SAFETY: the lock is held.
        g.wait_for(|| unsafe { !(*q.items.get()).is_empty() }, None)
            .unwrap();
        // SAFETY: the lock is held.
        sum += unsafe { (*q.items.get()).pop_front().unwrap() };
        g.notify_all();
    }
    producer.join().unwrap();
    assert_eq!(sum, N * (N - 1) / 2);
}

#[test]
fn condition_rules_and_timeouts() {
    let c = Condition::new();
    assert_eq!(
        c.wait(None),
        Err(Error::Runtime("cannot wait on un-acquired lock"))
    );
    assert_eq!(
        c.notify(1),
        Err(Error::Runtime("cannot notify on un-acquired lock"))
    );
    let g = c.lock();
    assert_eq!(g.wait(Some(0.02)), Ok(false));
    assert_eq!(g.wait(Some(-1.0)), Ok(false));
    drop(g);
}

#[test]
fn notify_wakes_exactly_n() {
    let c = Arc::new(Condition::new());
    let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let threads: Vec<_> = (0..3)
        .map(|_| {
            let (c, woken) = (c.clone(), woken.clone());
            std::thread::spawn(move || {
                let g = c.lock();
                if g.wait(Some(2.0)).unwrap() {
                    woken.fetch_add(1, core::sync::atomic::Ordering::SeqCst);
                }
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    {
        let g = c.lock();
        g.notify(2);
    }
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(woken.load(core::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn semaphores_count_and_bound() {
    assert_eq!(
        Semaphore::new(-1).err(),
        Some(Error::Value("semaphore initial value must be >= 0"))
    );
    let s = Semaphore::new(1).unwrap();
    assert_eq!(s.release(0), Err(Error::Value("n must be one or more")));
    assert_eq!(
        s.acquire(false, Some(1.0)),
        Err(Error::Value(
            "can't specify timeout for non-blocking acquire"
        ))
    );
    assert_eq!(s.acquire(true, None), Ok(true));
    assert_eq!(s.acquire(false, None), Ok(false));
    assert_eq!(s.acquire(true, Some(0.02)), Ok(false));
    s.release(3).unwrap();
    assert_eq!(s.value(), 3);
    let b = BoundedSemaphore::new(1).unwrap();
    assert_eq!(
        b.release(1),
        Err(Error::Value("Semaphore released too many times"))
    );
    let b = Arc::new(b);
    b.acquire(true, None).unwrap();
    let b2 = b.clone();
    let t = std::thread::spawn(move || b2.acquire(true, Some(5.0)));
    std::thread::sleep(std::time::Duration::from_millis(50));
    b.release(1).unwrap();
    assert_eq!(t.join().unwrap(), Ok(true));
}

#[test]
fn event_wakes_waiters() {
    let e = Arc::new(Event::new());
    assert_eq!(e.wait(Some(0.01)), Ok(false));
    let e2 = e.clone();
    let t = std::thread::spawn(move || e2.wait(Some(5.0)));
    std::thread::sleep(std::time::Duration::from_millis(50));
    e.set();
    assert_eq!(t.join().unwrap(), Ok(true));
    e.clear();
    assert!(!e.is_set());
}

#[test]
fn barrier_indexes_breaks_and_resets() {
    assert_eq!(
        Barrier::new(0, None, None).err(),
        Some(Error::Value("parties must be > 0"))
    );
    let b = Arc::new(Barrier::new(3, None, None).unwrap());
    let threads: Vec<_> = (0..3)
        .map(|_| {
            let b = b.clone();
            std::thread::spawn(move || b.wait(None))
        })
        .collect();
    let mut indexes: Vec<usize> = threads
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .collect();
    indexes.sort();
    assert_eq!(indexes, [0, 1, 2]);
    // A timeout breaks it for everyone, until reset.
    assert_eq!(b.wait(Some(0.02)), Err(Error::BrokenBarrier));
    assert!(b.broken());
    assert_eq!(b.wait(None), Err(Error::BrokenBarrier));
    b.reset();
    assert!(!b.broken());
    let b2 = b.clone();
    let t = std::thread::spawn(move || b2.wait(None));
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(b.n_waiting(), 1);
    b.abort();
    assert_eq!(t.join().unwrap(), Err(Error::BrokenBarrier));
}

#[test]
fn mutex_rwlock_once_lazy() {
    let m = Arc::new(Mutex::new(0u64));
    let rw = Arc::new(RwLock::new(0u64));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (m, rw) = (m.clone(), rw.clone());
            std::thread::spawn(move || {
                for _ in 0..20_000 {
                    *m.lock() += 1;
                    *rw.write() += 1;
                    let _ = *rw.read();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(*m.lock(), 80_000);
    assert_eq!(*rw.read(), 80_000);
    static RUNS: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);
    static ONCE: Once = Once::new();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(|| {
                ONCE.call_once(|| {
                    RUNS.fetch_add(1, core::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                })
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(RUNS.load(core::sync::atomic::Ordering::SeqCst), 1);
    static LAZY: Lazy<u64> = Lazy::new(|| 42);
    assert_eq!(*LAZY, 42);
}
