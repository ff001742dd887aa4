//! Per-thread caches: a short free list per small class for each thread,
//! so that most allocations and frees of a threaded program take no lock
//! and no atomic read-modify-write.
//!
//! glibc's tcache is the model: a bounded stack of free blocks per class,
//! reached from the thread's own block (here a field of
//! `strata_core::thread::ThreadData`). An empty list is refilled with
//! [`batch`] objects under the class's lock at once; a full one gives
//! [`batch`] back the same way, so the lock is taken once per batch
//! rather than once per call. A block freed by another thread is just a
//! block of its class: it joins the freeing thread's list, and reaches its
//! span (and so the kernel, once the span is empty) when that list
//! overflows or its thread ends.
//!
//! The caches are on only once the process has a second thread and
//! Strata's thread blocks are in place ([`enable`]): a single-threaded
//! program never installs its thread block for the heap's sake, and a
//! program whose thread pointer a libc owns (host tests, strata-std) keeps
//! the locked path.

use super::classes::size;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicBool, Ordering};

/// Classes cached: those up to 4 KiB (the small spans). Larger blocks are
/// rarer, and a few cached per thread would hold much memory.
pub(super) const CACHED_CLASSES: usize = {
    let mut c = 0;
    while size(c) <= 4096 {
        c += 1;
    }
    c
};

/// How many blocks a thread keeps of `class`: at most about 16 KiB (or
/// 8 blocks) a class, 64 at most, so a thread holds under 0.5 MiB.
#[inline]
pub(super) const fn limit(class: usize) -> u32 {
    LIMITS[class] as u32
}

/// [`limit`] of each cached class, worked out once (the free path must
/// not divide).
const LIMITS: [u8; CACHED_CLASSES] = {
    let mut limits = [0; CACHED_CLASSES];
    let mut c = 0;
    while c < CACHED_CLASSES {
        let n = 16 * 1024 / size(c);
        limits[c] = if n > 64 {
            64
        } else if n < 8 {
            8
        } else {
            n as u8
        };
        c += 1;
    }
    limits
};

/// How many blocks move between a cache and its class at once.
#[inline]
pub(super) const fn batch(class: usize) -> u32 {
    limit(class) / 2
}

/// A cached block, linked through its first word.
struct Link {
    next: *mut Link,
}

/// One thread's cache.
pub(super) struct ThreadCache {
    heads: [*mut Link; CACHED_CLASSES],
    counts: [u32; CACHED_CLASSES],
}

impl ThreadCache {
    pub(super) const fn new() -> Self {
        ThreadCache {
            heads: [null_mut(); CACHED_CLASSES],
            counts: [0; CACHED_CLASSES],
        }
    }

    /// A cached block of `class`, if there is one.
    #[inline]
    pub(super) fn pop(&mut self, class: usize) -> Option<*mut u8> {
        let head = self.heads[class];
        if head.is_null() {
            return None;
        }
        // SAFETY: listed blocks are free blocks of this class, linked
        // through their first word by `push`.
        self.heads[class] = unsafe { (*head).next };
        self.counts[class] -= 1;
        Some(head as *mut u8)
    }

    /// Whether `class`'s list has room.
    #[inline]
    pub(super) fn has_room(&self, class: usize) -> bool {
        self.counts[class] < limit(class)
    }

    /// Lists `object`, even past the limit (the caller checks
    /// [`has_room`](Self::has_room) or flushes after).
    ///
    /// # Safety
    /// `object` is a free block of `class` (at least a word, aligned),
    /// used by nobody else from now on.
    #[inline]
    pub(super) unsafe fn push(&mut self, class: usize, object: *mut u8) {
        let link = object as *mut Link;
        // SAFETY: the caller gives us the block; its first word is ours.
        unsafe { (*link).next = self.heads[class] };
        self.heads[class] = link;
        self.counts[class] += 1;
    }

    /// How many blocks of `class` are listed.
    pub(super) fn count(&self, class: usize) -> u32 {
        self.counts[class]
    }
}

/// Whether threads use their caches (see the module doc).
static ON: AtomicBool = AtomicBool::new(false);

/// Turns the caches on if Strata owns the thread blocks; called when the
/// process becomes threaded (the blocks are installed first).
pub(super) fn enable() {
    if strata_core::thread::current_if_installed().is_some() {
        ON.store(true, Ordering::Relaxed);
    }
}

/// `ThreadData::heap` of a thread whose cache is gone for good (it is
/// ending): its frees take the locked path.
const OFF: usize = 1;

/// The calling thread's cache, made on first use; null when caches are
/// off, or for a thread that is ending.
#[inline]
pub(super) fn mine() -> *mut ThreadCache {
    if !ON.load(Ordering::Relaxed) {
        return null_mut();
    }
    // SAFETY: `ON` is set only once the blocks are installed.
    let data = unsafe { strata_core::thread::current_unchecked() };
    match data.heap.load(Ordering::Relaxed) {
        0 => make(data),
        OFF => null_mut(),
        p => p as *mut ThreadCache,
    }
}

/// Makes the calling thread's cache, from the heap's own locked path.
#[cold]
fn make(data: &strata_core::thread::ThreadData) -> *mut ThreadCache {
    let class = super::classes::class_of(size_of::<ThreadCache>());
    let cache = super::alloc_locked(class, None) as *mut ThreadCache;
    if cache.is_null() {
        return null_mut();
    }
    // SAFETY: a fresh block of at least the cache's size; classes are
    // aligned to at least 16, more than the cache needs.
    unsafe { cache.write(ThreadCache::new()) };
    data.heap.store(cache as usize, Ordering::Relaxed);
    cache
}

/// At the end of a thread: its cached blocks go back to their spans, the
/// cache itself is freed, and the thread's later frees take the locked
/// path.
pub(super) fn thread_exit() {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    // SAFETY: as in `mine`.
    let data = unsafe { strata_core::thread::current_unchecked() };
    let cache = data.heap.swap(OFF, Ordering::Relaxed);
    if cache == 0 || cache == OFF {
        return;
    }
    let cache = cache as *mut ThreadCache;
    // SAFETY: the thread's own cache, out of its block now: nobody else
    // sees it.
    unsafe {
        super::flush_all(&mut *cache);
        let class = super::classes::class_of(size_of::<ThreadCache>());
        super::dealloc_locked(cache as *mut u8, class);
    }
}
