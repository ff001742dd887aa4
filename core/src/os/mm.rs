//! Memory from the kernel: anonymous mappings, for the heap. Python's
//! `mmap` module covers file mappings; these are the calls underneath it
//! (and underneath every `malloc`).

use crate::errno::Errno;
use core::ffi::c_void;
use core::ptr::NonNull;
use rustix::mm::{self, Advice, MapFlags, MremapFlags, ProtFlags};

/// `os.sysconf('SC_PAGE_SIZE')`, `mmap.PAGESIZE`—the page size the kernel
/// reported at exec (`AT_PAGESZ`); 4096 outside a Strata-started program.
pub fn page_size() -> usize {
    super::getauxval(super::AT_PAGESZ)
        .filter(|p| p.is_power_of_two())
        .unwrap_or(4096)
}

/// Maps `len` bytes of fresh, zeroed, private read-write memory.
///
/// `MAP_NORESERVE`: address space is cheap; only touched pages count.
///
/// # References
/// - [mmap(2)](https://man7.org/linux/man-pages/man2/mmap.2.html)
pub fn mmap_anonymous(len: usize) -> Result<NonNull<u8>, Errno> {
    // SAFETY: a null hint without MAP_FIXED makes a new mapping that
    // cannot alias anything Rust knows about.
    let ptr = unsafe {
        mm::mmap_anonymous(
            core::ptr::null_mut(),
            len,
            ProtFlags::READ | ProtFlags::WRITE,
            MapFlags::PRIVATE | MapFlags::NORESERVE,
        )?
    };
    NonNull::new(ptr.cast()).ok_or(Errno::NOMEM)
}

/// Unmaps `len` bytes at `ptr`.
///
/// # Safety
/// The range is page-aligned at its start, was mapped, and nothing uses it
/// any more.
///
/// # References
/// - [munmap(2)](https://man7.org/linux/man-pages/man2/munmap.2.html)
pub unsafe fn munmap(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    // SAFETY: the caller vouches for the range.
    unsafe { mm::munmap(ptr.cast::<c_void>(), len) }.map_err(Into::into)
}

/// Grows or shrinks the mapping at `ptr` from `old_len` to `new_len`
/// bytes, moving it if it must (`MREMAP_MAYMOVE`): no bytes are copied,
/// page tables are. Pages added at the end are zero.
///
/// # Safety
/// `ptr..ptr+old_len` is one whole mapping made by [`mmap_anonymous`];
/// after success only the returned pointer may be used.
///
/// # References
/// - [mremap(2)](https://man7.org/linux/man-pages/man2/mremap.2.html)
pub unsafe fn mremap(ptr: *mut u8, old_len: usize, new_len: usize) -> Result<NonNull<u8>, Errno> {
    // SAFETY: the caller vouches for the mapping.
    let moved = unsafe { mm::mremap(ptr.cast(), old_len, new_len, MremapFlags::MAYMOVE)? };
    NonNull::new(moved.cast()).ok_or(Errno::NOMEM)
}

/// Asks for transparent huge pages in `ptr..ptr+len` (`MADV_HUGEPAGE`):
/// where the kernel has them (`enabled` set to `madvise` or `always`),
/// one fault maps 2 MiB instead of 4 KiB.
///
/// # Safety
/// `ptr` is page-aligned and the range is mapped private anonymous memory.
///
/// # References
/// - [madvise(2)](https://man7.org/linux/man-pages/man2/madvise.2.html)
pub unsafe fn madvise_hugepage(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    // SAFETY: the caller vouches for the range; the advice changes no
    // contents.
    unsafe { mm::madvise(ptr.cast(), len, Advice::LinuxHugepage) }.map_err(Into::into)
}

/// Gives the pages of `ptr..ptr+len` back to the kernel while keeping the
/// mapping (`MADV_DONTNEED`): the process's RSS falls at once, and the next
/// touch of a page finds it zeroed.
///
/// # Safety
/// `ptr` is page-aligned, the range is mapped private anonymous memory, and
/// nothing relies on its contents.
///
/// # References
/// - [madvise(2)](https://man7.org/linux/man-pages/man2/madvise.2.html)
pub unsafe fn madvise_dontneed(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    // SAFETY: the caller vouches for the range.
    unsafe { mm::madvise(ptr.cast(), len, Advice::LinuxDontNeed) }.map_err(Into::into)
}
