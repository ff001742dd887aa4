//! Spans: aligned runs of memory (64 KiB or 256 KiB) cut into objects of one
//! class, and the pools that hand spans out and take them back.
//!
//! A span's header sits at its start, so an object finds its span by
//! masking its address. Objects come first from the span's free list, then
//! from a bump index over memory never used since the kernel zeroed it,
//! which lets zeroed allocations skip the memset.

use super::classes::{BIG_SPAN, natural_align, size, span_size};
use core::ptr::{self, null_mut};
use strata_core::os;

/// Room for the header; objects start at the first multiple of the class's
/// natural alignment past it.
const HEADER: usize = 64;

/// A freed object, linked through its first word.
struct Free {
    next: *mut Free,
}

/// The header at the start of every span.
#[repr(C)]
pub(super) struct Span {
    free: *mut Free,
    /// Neighbours in the class's list of spans with room.
    pub(super) next: *mut Span,
    pub(super) prev: *mut Span,
    /// Objects handed out and not yet freed.
    pub(super) used: u32,
    /// Objects ever handed out from the bump area.
    bump: u32,
    capacity: u32,
    /// Whether the span is in its class's list (spans without room are not).
    pub(super) listed: bool,
    /// Whether the bump area is still as the kernel zeroed it.
    zeroed: bool,
}

const _: () = assert!(size_of::<Span>() <= HEADER);

#[inline]
const fn data_offset(class: usize) -> usize {
    let align = natural_align(class);
    if align > HEADER { align } else { HEADER }
}

impl Span {
    /// The span that holds `object` of class `class`.
    #[inline]
    pub(super) fn of(object: *mut u8, class: usize) -> *mut Span {
        (object as usize & !(span_size(class) - 1)) as *mut Span
    }

    /// Writes a fresh header for `class` at `base`.
    ///
    /// # Safety
    /// `base` is a span-aligned run of `span_size(class)` bytes the heap
    /// owns; `zeroed` says whether its data area is all zeroes.
    pub(super) unsafe fn init(base: *mut u8, class: usize, zeroed: bool) -> *mut Span {
        let span = base as *mut Span;
        let capacity = (span_size(class) - data_offset(class)) / size(class);
        // SAFETY: the caller gives us the span's memory; the header fits.
        unsafe {
            span.write(Span {
                free: null_mut(),
                next: null_mut(),
                prev: null_mut(),
                used: 0,
                bump: 0,
                capacity: capacity as u32,
                listed: false,
                zeroed,
            });
        }
        span
    }

    /// Takes an object; `None` when the span is full. The flag says whether
    /// the object is known to be all zeroes.
    ///
    /// # Safety
    /// `span` is a live span of class `class`.
    #[inline]
    pub(super) unsafe fn pop(span: *mut Span, class: usize) -> Option<(*mut u8, bool)> {
        // SAFETY: the caller guarantees a live span; objects on its free
        // list and below its capacity lie inside it.
        unsafe {
            let s = &mut *span;
            if !s.free.is_null() {
                let object = s.free;
                s.free = (*object).next;
                s.used += 1;
                return Some((object as *mut u8, false));
            }
            if s.bump < s.capacity {
                let object =
                    (span as *mut u8).add(data_offset(class) + s.bump as usize * size(class));
                s.bump += 1;
                s.used += 1;
                return Some((object, s.zeroed));
            }
        }
        None
    }

    /// Returns `object` to the span.
    ///
    /// # Safety
    /// `object` came from [`Span::pop`] on this span and is not in use.
    #[inline]
    pub(super) unsafe fn push(span: *mut Span, object: *mut u8) {
        // SAFETY: the caller guarantees `object` is a free object of `span`.
        unsafe {
            let free = object as *mut Free;
            (*free).next = (*span).free;
            (*span).free = free;
            (*span).used -= 1;
        }
    }
}

/// Spans of one size: a stack of released spans, and the unused end of
/// the last chunk mapped from the kernel.
pub(super) struct Pool {
    span: usize,
    chunk: usize,
    released: *mut Released,
    next: usize,
    end: usize,
}

/// A span given back to the kernel, linked through its first page (the one
/// page kept resident).
struct Released {
    next: *mut Released,
}

// SAFETY: the pool's pointers are to memory the heap owns; the pool is
// only used behind its lock.
unsafe impl Send for Pool {}

impl Pool {
    pub(super) const fn new(span: usize) -> Self {
        Pool {
            span,
            chunk: span,
            released: null_mut(),
            next: 0,
            end: 0,
        }
    }

    /// A span-aligned span, and whether its memory is all zeroes.
    pub(super) fn take(&mut self) -> Option<(*mut u8, bool)> {
        if !self.released.is_null() {
            let span = self.released as *mut u8;
            // SAFETY: released spans are ours; only the first page may hold
            // data (the link), the rest was given back and reads as zero.
            unsafe {
                self.released = (*self.released).next;
                ptr::write_bytes(span, 0, kept_resident(self.span));
            }
            return Some((span, true));
        }
        if self.next == self.end {
            let (start, len) = self.map_chunk()?;
            self.next = start;
            self.end = start + len;
        }
        let span = self.next as *mut u8;
        self.next += self.span;
        Some((span, true))
    }

    /// Maps the next chunk of spans: twice the last one, up to
    /// [`MAX_CHUNK_SPANS`] spans, so that a small program reserves little
    /// address space and a large one makes few mappings. Where the
    /// address space is short (`RLIMIT_AS`, a 32-bit process), it falls
    /// back to smaller chunks, down to one span.
    fn map_chunk(&mut self) -> Option<(usize, usize)> {
        let mut len = self.chunk;
        loop {
            if let Some(start) = map_aligned(len, self.span) {
                self.chunk = (len * 2).min(self.span * MAX_CHUNK_SPANS);
                return Some((start, len));
            }
            if len == self.span {
                // Cached large blocks, or the stacks kept for the next
                // threads, may hold the address space needed.
                let stacks = strata_core::thread::raw::release_cached_stacks();
                return if super::release_cached() | stacks {
                    self.map_chunk()
                } else {
                    None
                };
            }
            len /= 2;
            self.chunk = len;
        }
    }

    /// Gives the unused end of the last chunk back to the kernel, for when
    /// the address space runs short; true if there was any.
    pub(super) fn trim(&mut self) -> bool {
        if self.next == self.end {
            return false;
        }
        // SAFETY: next..end is the part of the chunk no span was taken
        // from; it is span-aligned, so page-aligned.
        let _ = unsafe { os::munmap(self.next as *mut u8, self.end - self.next) };
        self.end = self.next;
        true
    }

    /// Takes back a span nobody uses: its pages, all but the first, go back
    /// to the kernel at once, so the process's RSS falls.
    ///
    /// # Safety
    /// `span` came from [`Pool::take`] on this pool and holds no live object.
    pub(super) unsafe fn give(&mut self, span: *mut u8) {
        let keep = kept_resident(self.span);
        // SAFETY: the range is inside the span, page-aligned, and unused.
        unsafe {
            if keep < self.span {
                let _ = os::madvise_dontneed(span.add(keep), self.span - keep);
            }
            let link = span as *mut Released;
            (*link).next = self.released;
            self.released = link;
        }
    }
}

/// The most spans one mapping holds: 4 MiB of small spans, 16 MiB of big
/// ones (address space only; pages arrive as they are touched).
const MAX_CHUNK_SPANS: usize = 64;

/// Maps `len` bytes at an `align`-aligned address (`len` a multiple of
/// the page size, `align` a power of two of at least a page).
///
/// First exactly `len`: the kernel places mappings next to each other,
/// so after the first aligned chunk the next is often aligned too, and no
/// more address space is asked for than is needed, which counts under a
/// memory limit. Otherwise it over-maps by `align` and trims both ends.
pub(super) fn map_aligned(len: usize, align: usize) -> Option<usize> {
    let map = os::mmap_anonymous(len).ok()?.as_ptr() as usize;
    if map & (align - 1) == 0 {
        return Some(map);
    }
    // SAFETY: the mapping was just made, whole, and is unused.
    let _ = unsafe { os::munmap(map as *mut u8, len) };
    let padded = len.checked_add(align - os::page_size())?;
    let map = os::mmap_anonymous(padded).ok()?.as_ptr() as usize;
    let start = (map + align - 1) & !(align - 1);
    let end = start + len;
    // SAFETY: both trimmed ends lie in the mapping just made and are
    // page-aligned (`align` and `len` are multiples of the page size).
    unsafe {
        if start > map {
            let _ = os::munmap(map as *mut u8, start - map);
        }
        if map + padded > end {
            let _ = os::munmap(end as *mut u8, map + padded - end);
        }
    }
    Some(start)
}

/// How much of a released span stays resident: the page holding the link.
fn kept_resident(span: usize) -> usize {
    os::page_size().min(span)
}

/// Whether spans of this size live in the big pool.
pub(super) const fn is_big(span: usize) -> bool {
    span == BIG_SPAN
}
