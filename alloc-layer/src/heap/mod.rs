//! The heap: Strata's global allocator for libc-free programs.
//!
//! A program opts in with [`strata_alloc::main!`](crate::main), which
//! installs it as `#[global_allocator]`. Design:
//!
//! - **Small blocks** (up to 64 KiB, alignment up to 4 KiB) come from 44
//!   size classes. Each class allocates from spans, aligned runs of 64 KiB
//!   (256 KiB for classes above 4 KiB) that hold objects of that class only.
//!   An object's span is found by masking its address, so `free` is O(1)
//!   and needs no per-object header.
//! - **Large blocks** are mapped directly with `mmap` and grown or shrunk
//!   in place (or moved without copying) by `mremap`. Up to four freed
//!   ones of up to 2 MiB are kept for reuse, so that churning buffers
//!   costs no system calls; the rest are unmapped on free.
//!   From 16 MiB on they ask for transparent huge pages
//!   (`MADV_HUGEPAGE`), so that filling one takes a 512th of the page
//!   faults; the price, where the kernel grants them, is that a huge block
//!   touched only sparsely holds whole 2 MiB pages.
//! - **Zeroed allocations** use memory the kernel zeroed wherever the heap
//!   knows it is still untouched (fresh spans, new mappings), skipping the
//!   memset.
//! - **Returning memory**: when a span's last object is freed, its pages go
//!   back to the kernel with `madvise(MADV_DONTNEED)` (one page stays for
//!   bookkeeping; each class keeps its working span and one spare small span
//!   to avoid thrashing), so a program's RSS falls after a peak.
//! - **Threads**: every class, pool and the cache has a lock (a futex
//!   mutex that spins briefly first), taken only once the process has a
//!   second thread ([`set_threaded`]); fork holds every lock across the
//!   call, so the child's heap is whole.
//! - **Per-thread caches**: once threaded, each thread keeps a short free
//!   list of each class up to 4 KiB (at most 64 blocks or about 16 KiB a
//!   class, under 0.5 MiB a thread), reached from its thread block, so
//!   most allocations and frees take no lock and no atomic
//!   read-modify-write. An empty list takes half its bound from the class
//!   at once, a full one gives half back, each under the class's lock
//!   once. A block freed by another thread joins the freeing thread's list
//!   (it is just a block of its class) and reaches its span when that list
//!   overflows or its thread ends: the thread layer flushes a thread's
//!   cache as it ends, so that the spans empty and their memory goes back
//!   to the kernel as before. A single-threaded program, or one whose
//!   thread pointer a libc owns, never uses them. In a forked child the
//!   other threads' caches are lost (their blocks leak, as glibc's do).
//!
//! Like every `malloc`, the heap is **not async-signal-safe**: a signal
//! handler must not allocate or free.
//!
//! What differs from glibc's malloc: one set of classes for all threads
//! behind their per-thread caches, no arenas per thread; no `mallopt`;
//! memory is returned to the kernel eagerly rather than only from the top
//! of the heap.
//!
//! A program built with `main!` has it already; any other program (this
//! example, a std one) can install it itself:
//!
//! ```
//! use strata_alloc::heap::Heap;
//!
//! #[global_allocator]
//! static HEAP: Heap = Heap;
//!
//! let mut v: Vec<u64> = (0..1000).collect();
//! v.extend_from_within(..);
//! assert_eq!(v.len(), 2000);
//! let big = vec![0u8; 32 << 20]; // a large block: its own mapping
//! assert!(big.iter().all(|&b| b == 0));
//! ```

#[doc(hidden)]
pub mod c_abi;
mod cache;
mod classes;
mod lock;
mod span;

pub use lock::set_threaded;

use cache::{CACHED_CLASSES, ThreadCache};
use classes::{COUNT, class_for, size, span_size};
use core::alloc::{GlobalAlloc, Layout};
use core::ptr::{self, null_mut};
use lock::Lock;
use span::{Pool, Span, is_big};
use strata_core::os;

/// One class's spans with room (a doubly linked list; allocation takes from
/// the head) and a spare empty span.
struct Class {
    head: *mut Span,
    spare: *mut Span,
}

// SAFETY: the pointers are to spans the heap owns, used only under the
// class's lock.
unsafe impl Send for Class {}

static CLASSES: [Lock<Class>; COUNT] = [const {
    Lock::new(Class {
        head: null_mut(),
        spare: null_mut(),
    })
}; COUNT];
static SMALL_SPANS: Lock<Pool> = Lock::new(Pool::new(classes::SMALL_SPAN));
static BIG_SPANS: Lock<Pool> = Lock::new(Pool::new(classes::BIG_SPAN));

fn pool(class: usize) -> &'static Lock<Pool> {
    if is_big(span_size(class)) {
        &BIG_SPANS
    } else {
        &SMALL_SPANS
    }
}

impl Class {
    /// Puts `span` at the head of the list.
    ///
    /// # Safety
    /// `span` is a live span of this class, not listed.
    unsafe fn link(&mut self, span: *mut Span) {
        // SAFETY: the caller guarantees a live unlisted span; the head, if
        // any, is a live listed span.
        unsafe {
            (*span).prev = null_mut();
            (*span).next = self.head;
            if !self.head.is_null() {
                (*self.head).prev = span;
            }
            (*span).listed = true;
        }
        self.head = span;
    }

    /// Takes `span` out of the list.
    ///
    /// # Safety
    /// `span` is a live span in this class's list.
    unsafe fn unlink(&mut self, span: *mut Span) {
        // SAFETY: listed spans and their neighbours are live.
        unsafe {
            let (prev, next) = ((*span).prev, (*span).next);
            if prev.is_null() {
                self.head = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
            (*span).listed = false;
        }
    }
}

/// An object of `class`: null when the kernel has no memory left.
/// `zero` asks for `size` zeroed bytes.
#[inline]
fn alloc_small(class: usize, zero: Option<usize>) -> *mut u8 {
    if class < CACHED_CLASSES {
        let cache = cache::mine();
        if !cache.is_null() {
            // SAFETY: the calling thread's own cache; nothing else uses it.
            let object = alloc_from(unsafe { &mut *cache }, class);
            if let Some(size) = zero
                && !object.is_null()
            {
                // SAFETY: the object has at least `size` bytes.
                unsafe { ptr::write_bytes(object, 0, size) };
            }
            return object;
        }
    }
    alloc_locked(class, zero)
}

/// An object of `class` (below [`CACHED_CLASSES`]) from `cache`, which is
/// refilled from the class first if it is empty.
#[inline]
fn alloc_from(cache: &mut ThreadCache, class: usize) -> *mut u8 {
    match cache.pop(class) {
        Some(object) => object,
        None => refill(cache, class),
    }
}

/// Takes a batch of objects of `class` under its lock: one for the
/// caller, the rest into `cache` (empty for this class).
#[cold]
fn refill(cache: &mut ThreadCache, class: usize) -> *mut u8 {
    CLASSES[class].with(|c| {
        let Some((object, _)) = pop_locked(c, class) else {
            return null_mut();
        };
        for _ in 1..cache::batch(class) {
            match pop_locked(c, class) {
                // SAFETY: a fresh object of this class, ours alone.
                Some((more, _)) => unsafe { cache.push(class, more) },
                None => break,
            }
        }
        object
    })
}

/// An object of `class` taken under its lock, bypassing any cache.
fn alloc_locked(class: usize, zero: Option<usize>) -> *mut u8 {
    let Some((object, fresh)) = CLASSES[class].with(|c| pop_locked(c, class)) else {
        return null_mut();
    };
    if let Some(size) = zero
        && !fresh
    {
        // SAFETY: the object has at least `size` bytes.
        unsafe { ptr::write_bytes(object, 0, size) };
    }
    object
}

/// An object from `class`'s spans (a new span if they are full), and
/// whether it is known to be zero; `None` when the kernel has no memory.
fn pop_locked(c: &mut Class, class: usize) -> Option<(*mut u8, bool)> {
    loop {
        let span = c.head;
        if span.is_null() {
            let span = new_span(class, c)?;
            // SAFETY: a new span is live and unlisted.
            unsafe { c.link(span) };
            continue;
        }
        // SAFETY: listed spans are live spans of this class.
        match unsafe { Span::pop(span, class) } {
            Some(found) => return Some(found),
            // Full: out of the list until an object comes back.
            // SAFETY: `span` is listed.
            None => unsafe { c.unlink(span) },
        }
    }
}

/// A span for `class`: the spare if there is one, else one from the pool.
fn new_span(class: usize, c: &mut Class) -> Option<*mut Span> {
    if !c.spare.is_null() {
        let spare = core::mem::replace(&mut c.spare, null_mut());
        // SAFETY: the spare is an empty span of this class; reinitialising
        // forgets its free list. Its memory is not known to be zero.
        return Some(unsafe { Span::init(spare as *mut u8, class, false) });
    }
    let (base, zeroed) = pool(class).with(Pool::take)?;
    // SAFETY: the pool hands out unused, span-aligned spans of this size.
    Some(unsafe { Span::init(base, class, zeroed) })
}

/// Frees `object` of `class`.
///
/// # Safety
/// `object` came from [`alloc_small`] with the same class and is not used
/// any more.
#[inline]
unsafe fn dealloc_small(object: *mut u8, class: usize) {
    if class < CACHED_CLASSES {
        let cache = cache::mine();
        if !cache.is_null() {
            // SAFETY: the calling thread's own cache; the caller gives the
            // object up.
            unsafe { free_to(&mut *cache, object, class) };
            return;
        }
    }
    // SAFETY: as the caller guarantees.
    unsafe { dealloc_locked(object, class) }
}

/// Frees `object` of `class` (below [`CACHED_CLASSES`]) into `cache`; a
/// full list gives a batch back to the class first.
///
/// # Safety
/// As [`dealloc_small`]'s.
#[inline]
unsafe fn free_to(cache: &mut ThreadCache, object: *mut u8, class: usize) {
    if !cache.has_room(class) {
        flush(cache, class, cache::batch(class));
    }
    // SAFETY: the caller gives the object up; it is of this class.
    unsafe { cache.push(class, object) };
}

/// Gives up to `n` of `cache`'s objects of `class` back to their spans,
/// under the class's lock once; spans that empty go back to their pool
/// after it, so that their `madvise` holds up no other thread's flush.
#[cold]
fn flush(cache: &mut ThreadCache, class: usize, n: u32) {
    if cache.count(class) == 0 {
        return;
    }
    let mut released: *mut Span = null_mut();
    CLASSES[class].with(|c| {
        for _ in 0..n {
            let Some(object) = cache.pop(class) else {
                break;
            };
            // SAFETY: cached objects are free objects of this class.
            if let Some(span) = unsafe { free_locked(c, object, class) } {
                // An empty span out of every list: its `next` is ours to
                // chain the released ones with.
                // SAFETY: the span is live and unlisted.
                unsafe { (*span).next = released };
                released = span;
            }
        }
    });
    if !released.is_null() {
        pool(class).with(|p| {
            while !released.is_null() {
                let span = released;
                // SAFETY: chained above: empty spans out of every list.
                unsafe {
                    released = (*span).next;
                    p.give(span as *mut u8);
                }
            }
        });
    }
}

/// Gives every object in `cache` back to its span (a thread is ending).
fn flush_all(cache: &mut ThreadCache) {
    for class in 0..CACHED_CLASSES {
        flush(cache, class, u32::MAX);
    }
}

/// Frees `object` of `class` under its lock, bypassing any cache.
///
/// # Safety
/// As [`dealloc_small`]'s.
unsafe fn dealloc_locked(object: *mut u8, class: usize) {
    // SAFETY: as the caller guarantees.
    let released = CLASSES[class].with(|c| unsafe { free_locked(c, object, class) });
    if let Some(span) = released {
        // SAFETY: the span is empty and out of every list.
        pool(class).with(|p| unsafe { p.give(span as *mut u8) });
    }
}

/// Puts `object` back in its span, under its class's lock; the span if it
/// is now empty and must go back to its pool.
///
/// # Safety
/// As [`dealloc_small`]'s; `c` is `object`'s class, locked.
unsafe fn free_locked(c: &mut Class, object: *mut u8, class: usize) -> Option<*mut Span> {
    let span = Span::of(object, class);
    // SAFETY: the object's span is live; it holds this object.
    unsafe {
        Span::push(span, object);
        if !(*span).listed {
            c.link(span);
        }
        if (*span).used != 0 || (c.head == span && (*span).next.is_null()) {
            // Still in use, or the class's only span: keep it.
            return None;
        }
        c.unlink(span);
    }
    if c.spare.is_null() && !is_big(span_size(class)) {
        c.spare = span;
        None
    } else {
        Some(span)
    }
}

/// At the end of a thread (the thread layer calls this after the
/// thread's destructors): its cached blocks go back to their spans, so
/// that their memory can go back to the kernel.
#[doc(hidden)]
pub fn thread_exit() {
    cache::thread_exit();
}

/// The length of the mapping behind a large block of `size` bytes.
fn mapping_len(size: usize) -> Option<usize> {
    let page = os::page_size();
    size.checked_add(page - 1).map(|n| n & !(page - 1))
}

/// Blocks from this size on ask for transparent huge pages: a block this
/// large is nearly always filled, and one fault then maps 2 MiB instead of
/// 4 KiB. The most it can cost is one partly used huge page at each end.
const HUGE_MIN: usize = 16 << 20;

/// Asks for huge pages for a large block's mapping, when it is large
/// enough; a kernel without them says no, which changes nothing.
fn advise_huge(ptr: *mut u8, len: usize) -> *mut u8 {
    if len >= HUGE_MIN {
        // SAFETY: `ptr..ptr + len` is a whole large-block mapping.
        let _ = unsafe { os::madvise_hugepage(ptr, len) };
    }
    ptr
}

/// A large block: its own mapping, aligned to `align`. `zero`: the block
/// must read as zero (a new mapping does; a cached one may not).
fn alloc_large(size: usize, align: usize, zero: bool) -> *mut u8 {
    let Some(len) = mapping_len(size) else {
        return null_mut();
    };
    let page = os::page_size();
    if align <= page {
        if !zero && let Some(p) = CACHE.with(|c| c.take(len)) {
            return p;
        }
        return match os::mmap_anonymous(len) {
            Ok(p) => advise_huge(p.as_ptr(), len),
            Err(_) if release_address_space() => alloc_large(size, align, zero),
            Err(_) => null_mut(),
        };
    }
    span::map_aligned(len, align).map_or(null_mut(), |p| advise_huge(p as *mut u8, len))
}

/// Frees a large block: into the cache, or back to the kernel.
///
/// # Safety
/// `ptr..ptr + len` is a whole large-block mapping nobody uses any more.
unsafe fn dealloc_large(ptr: *mut u8, len: usize) {
    if !CACHE.with(|c| c.put(ptr, len)) {
        // SAFETY: the caller gives up the whole mapping.
        let _ = unsafe { os::munmap(ptr, len) };
    }
}

/// Freed large mappings kept for the next large allocation.
///
/// A program that grows and copies buffers above 64 KiB would otherwise
/// pay an `mmap`/`munmap` pair, and a page fault for every page, per
/// buffer. The next request takes a cached mapping of its exact length
/// with no system call, or resizes one with a single `mremap`; its pages
/// are already resident. At most [`CACHED`] mappings of at most
/// [`CACHE_MAX_LEN`] each are kept, and all are unmapped when the address
/// space runs short.
struct Cache {
    blocks: [(usize, usize); CACHED],
    count: usize,
}

const CACHED: usize = 4;
const CACHE_MAX_LEN: usize = 2 << 20;

static CACHE: Lock<Cache> = Lock::new(Cache {
    blocks: [(0, 0); CACHED],
    count: 0,
});

impl Cache {
    /// A mapping of exactly `len` bytes: a cached one of that length, else
    /// the cached one nearest in length, resized.
    fn take(&mut self, len: usize) -> Option<*mut u8> {
        if len > CACHE_MAX_LEN || self.count == 0 {
            return None;
        }
        let k = (0..self.count).min_by_key(|&k| self.blocks[k].1.abs_diff(len))?;
        let (ptr, old_len) = self.blocks[k];
        self.count -= 1;
        self.blocks[k] = self.blocks[self.count];
        if old_len == len {
            return Some(ptr as *mut u8);
        }
        // SAFETY: cached blocks are whole large-block mappings nobody uses.
        match unsafe { os::mremap(ptr as *mut u8, old_len, len) } {
            Ok(p) => Some(p.as_ptr()),
            Err(_) => {
                // SAFETY: as above; mremap failed, the mapping is unchanged.
                let _ = unsafe { os::munmap(ptr as *mut u8, old_len) };
                None
            }
        }
    }

    /// Keeps `ptr..ptr + len` for reuse; false when it is too large or
    /// the cache is full.
    fn put(&mut self, ptr: *mut u8, len: usize) -> bool {
        if len > CACHE_MAX_LEN || self.count == CACHED {
            return false;
        }
        self.blocks[self.count] = (ptr as usize, len);
        self.count += 1;
        true
    }
}

/// For when a large block's `mmap` fails: unmaps the cached large
/// mappings, the pools' reserved but unused chunk ends and the stacks
/// the thread layer keeps for reuse. True if that freed any address
/// space, so that a retry may succeed.
fn release_address_space() -> bool {
    let cached = release_cached();
    let small = SMALL_SPANS.with(Pool::trim);
    let big = BIG_SPANS.with(Pool::trim);
    let stacks = strata_core::thread::raw::release_cached_stacks();
    cached | small | big | stacks
}

/// Unmaps every cached large mapping, for when `mmap` fails; true if
/// there was any, so that a retry may succeed.
pub(super) fn release_cached() -> bool {
    let mut blocks = [(0, 0); CACHED];
    let count = CACHE.with(|c| {
        blocks = c.blocks;
        core::mem::replace(&mut c.count, 0)
    });
    for &(ptr, len) in &blocks[..count] {
        // SAFETY: cached blocks are whole mappings nobody uses; they are
        // out of the cache now.
        let _ = unsafe { os::munmap(ptr as *mut u8, len) };
    }
    count > 0
}

/// Before a fork: takes every heap lock, in one order, so that no other
/// thread is inside the heap when the child is copied.
fn lock_all() {
    if !lock::threaded() {
        return;
    }
    for class in &CLASSES {
        class.lock();
    }
    SMALL_SPANS.lock();
    BIG_SPANS.lock();
    CACHE.lock();
}

/// After a fork, in the parent: lets every heap lock go.
fn unlock_all() {
    if !lock::threaded() {
        return;
    }
    CACHE.unlock();
    BIG_SPANS.unlock();
    SMALL_SPANS.unlock();
    for class in &CLASSES {
        class.unlock();
    }
}

/// After a fork, in the child: opens every heap lock without waking
/// anyone (the threads that slept on them were not copied).
fn reset_all() {
    if !lock::threaded() {
        return;
    }
    CACHE.reset();
    BIG_SPANS.reset();
    SMALL_SPANS.reset();
    for class in &CLASSES {
        class.reset();
    }
}

/// Strata's global allocator; installed by [`crate::main!`].
#[doc(hidden)]
pub struct Heap;

// SAFETY: every block returned is valid for its layout and distinct from
// every other live block: small ones are distinct objects of their span,
// large ones their own mappings.
unsafe impl GlobalAlloc for Heap {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_for(layout.size(), layout.align()) {
            Some(class) => alloc_small(class, None),
            None => alloc_large(layout.size(), layout.align(), false),
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match class_for(layout.size(), layout.align()) {
            Some(class) => alloc_small(class, Some(layout.size())),
            // New mappings are zero-filled by the kernel.
            None => alloc_large(layout.size(), layout.align(), true),
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_for(layout.size(), layout.align()) {
            // SAFETY: the caller frees a block of this layout, so of this class.
            Some(class) => unsafe { dealloc_small(ptr, class) },
            None => {
                if let Some(len) = mapping_len(layout.size()) {
                    // SAFETY: large blocks are whole mappings of this length.
                    unsafe { dealloc_large(ptr, len) };
                }
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        let old = class_for(layout.size(), align);
        let new = class_for(new_size, align);
        if old.is_some() && old == new {
            return ptr;
        }
        if old.is_none() && new.is_none() && align <= os::page_size() {
            // Large to large: the kernel moves page tables, not bytes.
            let (Some(old_len), Some(new_len)) =
                (mapping_len(layout.size()), mapping_len(new_size))
            else {
                return null_mut();
            };
            if old_len == new_len {
                return ptr;
            }
            // SAFETY: large blocks are whole mappings of old_len bytes.
            let mut moved = unsafe { os::mremap(ptr, old_len, new_len) };
            if moved.is_err() && new_len > old_len && release_address_space() {
                // SAFETY: as above; a failed mremap leaves the mapping as it was.
                moved = unsafe { os::mremap(ptr, old_len, new_len) };
            }
            // A mapping keeps its advice when mremap grows or moves it:
            // only a block that crosses the threshold still needs it.
            return match moved {
                Ok(p) if old_len < HUGE_MIN => advise_huge(p.as_ptr(), new_len),
                Ok(p) => p.as_ptr(),
                Err(_) => null_mut(),
            };
        }
        // SAFETY: the caller guarantees a valid layout for new_size.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, align) };
        // SAFETY: as GlobalAlloc::realloc's default: copy, then free.
        unsafe {
            let moved = self.alloc(new_layout);
            if !moved.is_null() {
                ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            moved
        }
    }
}

/// The bytes a block of `layout` really has (at least `layout.size()`):
/// its class's size, or its mapping's length.
fn usable_size(layout: Layout) -> usize {
    match class_for(layout.size(), layout.align()) {
        Some(class) => size(class),
        None => mapping_len(layout.size()).unwrap_or(layout.size()),
    }
}

#[cfg(test)]
mod tests;
