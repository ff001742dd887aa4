//! The C allocation functions, backed by the same heap: what the dynamic
//! linker will hand to the C libraries it loads. Exported under their C
//! names by [`crate::main!`] when the `c-malloc` feature is on.
//!
//! C's `free` gets no size, so each C block carries a 16-byte header just
//! before the pointer: the size of the underlying block and the offset from
//! its start. Errors are reported the C way, by a null pointer or a
//! returned errno value (`posix_memalign`); the per-thread `errno` of C
//! arrives with the thread block.
//!
//! # References
//! - [malloc(3)](https://man7.org/linux/man-pages/man3/malloc.3.html)
//! - [posix_memalign(3)](https://man7.org/linux/man-pages/man3/posix_memalign.3.html)
//! - [malloc_usable_size(3)](https://man7.org/linux/man-pages/man3/malloc_usable_size.3.html)

use super::{Heap, usable_size};
use core::alloc::{GlobalAlloc, Layout};
use core::ptr::null_mut;

const HEADER: usize = 16;

/// What sits in the 16 bytes before a C block.
#[repr(C)]
struct Header {
    /// The size of the heap block, header and padding included.
    total: usize,
    /// From the heap block's start to the C pointer; also its alignment.
    offset: usize,
}

/// A block of `size` bytes aligned to `align` (a power of two), with its
/// header; null on overflow or when memory runs out.
fn allocate(size: usize, align: usize, zero: bool) -> *mut u8 {
    let offset = align.max(HEADER);
    let Some(total) = size.checked_add(offset) else {
        return null_mut();
    };
    let Ok(layout) = Layout::from_size_align(total, offset) else {
        return null_mut();
    };
    // SAFETY: the layout has a non-zero size.
    let base = unsafe {
        if zero {
            Heap.alloc_zeroed(layout)
        } else {
            Heap.alloc(layout)
        }
    };
    if base.is_null() {
        return null_mut();
    }
    // SAFETY: offset >= 16 bytes of the block precede the C pointer.
    unsafe {
        let user = base.add(offset);
        (user.sub(HEADER) as *mut Header).write(Header { total, offset });
        user
    }
}

/// The header and heap layout of a C block.
///
/// # Safety
/// `user` came from [`allocate`] and is live.
unsafe fn header(user: *mut u8) -> (Header, Layout) {
    // SAFETY: the caller guarantees the header precedes `user`.
    let h = unsafe { (user.sub(HEADER) as *const Header).read() };
    // SAFETY: the header holds the layout `allocate` validated.
    let layout = unsafe { Layout::from_size_align_unchecked(h.total, h.offset) };
    (h, layout)
}

/// C `malloc(size)`.
pub extern "C" fn malloc(size: usize) -> *mut u8 {
    allocate(size, HEADER, false)
}

/// C `calloc(count, size)`: zeroed; null when `count * size` overflows.
pub extern "C" fn calloc(count: usize, size: usize) -> *mut u8 {
    match count.checked_mul(size) {
        Some(bytes) => allocate(bytes, HEADER, true),
        None => null_mut(),
    }
}

/// C `free(ptr)`: `free(NULL)` does nothing.
///
/// # Safety
/// `ptr` is null or a live block from these functions.
pub unsafe extern "C" fn free(ptr: *mut u8) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller guarantees a live C block.
    unsafe {
        let (h, layout) = header(ptr);
        Heap.dealloc(ptr.sub(h.offset), layout);
    }
}

/// C `realloc(ptr, size)`: `realloc(NULL, n)` is `malloc(n)`;
/// `realloc(p, 0)` frees `p` and returns null, as glibc does.
///
/// # Safety
/// `ptr` is null or a live block from these functions.
pub unsafe extern "C" fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        return malloc(size);
    }
    if size == 0 {
        // SAFETY: forwarded contract.
        unsafe { free(ptr) };
        return null_mut();
    }
    // SAFETY: the caller guarantees a live C block.
    let (h, layout) = unsafe { header(ptr) };
    if h.offset == HEADER {
        let Some(total) = size.checked_add(HEADER) else {
            return null_mut();
        };
        if Layout::from_size_align(total, HEADER).is_err() {
            return null_mut();
        }
        // SAFETY: the block has this layout; the new size is valid. On
        // success the header moves with the block and is updated.
        unsafe {
            let base = Heap.realloc(ptr.sub(HEADER), layout, total);
            if base.is_null() {
                return null_mut();
            }
            (base as *mut Header).write(Header {
                total,
                offset: HEADER,
            });
            return base.add(HEADER);
        }
    }
    // An over-aligned block: realloc promises only malloc's alignment.
    let moved = malloc(size);
    if !moved.is_null() {
        // SAFETY: both blocks hold at least the bytes copied.
        unsafe {
            core::ptr::copy_nonoverlapping(ptr, moved, size.min(h.total - h.offset));
            free(ptr);
        }
    }
    moved
}

/// C `aligned_alloc(align, size)`: null unless `align` is a power of two.
pub extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
    if !align.is_power_of_two() {
        return null_mut();
    }
    allocate(size, align, false)
}

/// C `posix_memalign(out, align, size)`: 0, or `EINVAL` when `align` is
/// not a power of two multiple of `sizeof(void *)`, or `ENOMEM`.
///
/// # Safety
/// `out` is valid for a pointer write.
pub unsafe extern "C" fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> i32 {
    if !align.is_power_of_two() || align < size_of::<usize>() {
        return strata_core::errno::EINVAL.raw_os_error();
    }
    let block = allocate(size, align, false);
    if block.is_null() {
        return strata_core::errno::ENOMEM.raw_os_error();
    }
    // SAFETY: the caller guarantees `out` is writable.
    unsafe { out.write(block) };
    0
}

/// C `malloc_usable_size(ptr)`: the bytes the block really has; 0 for null.
///
/// # Safety
/// `ptr` is null or a live block from these functions.
pub unsafe extern "C" fn malloc_usable_size(ptr: *mut u8) -> usize {
    if ptr.is_null() {
        return 0;
    }
    // SAFETY: the caller guarantees a live C block.
    let (h, layout) = unsafe { header(ptr) };
    usable_size(layout) - h.offset
}

/// Emits the C symbols (with the `c-malloc` feature).
#[cfg(feature = "c-malloc")]
#[doc(hidden)]
#[macro_export]
macro_rules! __malloc_symbols {
    () => {
        #[unsafe(no_mangle)]
        extern "C" fn malloc(size: usize) -> *mut u8 {
            $crate::heap::c_abi::malloc(size)
        }
        #[unsafe(no_mangle)]
        extern "C" fn calloc(count: usize, size: usize) -> *mut u8 {
            $crate::heap::c_abi::calloc(count, size)
        }
        /// # Safety
        /// As C's.
        #[unsafe(no_mangle)]
        unsafe extern "C" fn free(ptr: *mut u8) {
            // SAFETY: forwarded contract.
            unsafe { $crate::heap::c_abi::free(ptr) }
        }
        /// # Safety
        /// As C's.
        #[unsafe(no_mangle)]
        unsafe extern "C" fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
            // SAFETY: forwarded contract.
            unsafe { $crate::heap::c_abi::realloc(ptr, size) }
        }
        #[unsafe(no_mangle)]
        extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
            $crate::heap::c_abi::aligned_alloc(align, size)
        }
        /// # Safety
        /// As C's.
        #[unsafe(no_mangle)]
        unsafe extern "C" fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> i32 {
            // SAFETY: forwarded contract.
            unsafe { $crate::heap::c_abi::posix_memalign(out, align, size) }
        }
        /// # Safety
        /// As C's.
        #[unsafe(no_mangle)]
        unsafe extern "C" fn malloc_usable_size(ptr: *mut u8) -> usize {
            // SAFETY: forwarded contract.
            unsafe { $crate::heap::c_abi::malloc_usable_size(ptr) }
        }
    };
}

/// Without the `c-malloc` feature, no C symbols.
#[cfg(not(feature = "c-malloc"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __malloc_symbols {
    () => {};
}
