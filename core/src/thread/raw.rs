//! Making and ending an OS thread, for the thread layer
//! (`strata_alloc::thread`): one mapping per thread (guard page, stack,
//! thread block; the last few ended threads' are reused), `clone` with
//! the thread flags glibc uses, the futex
//! the kernel clears when the thread ends. No allocation.

use crate::errno::Errno;
use crate::sync::futex::{self, Deadline};
use crate::thread as block;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// The flags of glibc's `pthread_create` (`CLONE_SETTLS` for the block,
/// `CLONE_PARENT_SETTID`/`CLONE_CHILD_CLEARTID` on the block's tid word).
const FLAGS: u32 = linux_raw_sys::general::CLONE_VM
    | linux_raw_sys::general::CLONE_FS
    | linux_raw_sys::general::CLONE_FILES
    | linux_raw_sys::general::CLONE_SIGHAND
    | linux_raw_sys::general::CLONE_THREAD
    | linux_raw_sys::general::CLONE_SYSVSEM
    | linux_raw_sys::general::CLONE_SETTLS
    | linux_raw_sys::general::CLONE_PARENT_SETTID
    | linux_raw_sys::general::CLONE_CHILD_CLEARTID;

/// A thread's memory: `[guard page][stack][thread block]`.
#[derive(Clone, Copy)]
pub struct Mapping {
    /// Where the mapping starts (the guard page).
    pub base: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The thread pointer (inside the block).
    pub tp: usize,
    /// Where the stack starts (it grows down from the block).
    pub stack_top: usize,
}

impl Mapping {
    /// The block's tid word: non-zero while the thread lives.
    pub fn tid_word(&self) -> &AtomicU32 {
        &block::data_of(self.tp as *mut u8).tid
    }

    /// Gives the memory back: kept for the next thread of the same stack
    /// size while the cache has room, else unmapped.
    ///
    /// # Safety
    /// The thread has ended (its tid word is 0) and nothing uses the
    /// mapping any more.
    pub unsafe fn unmap(self) {
        if CACHE.put(self.base, self.len) {
            return;
        }
        // SAFETY: as the caller guarantees; the mapping is one mmap's.
        let _ = unsafe { crate::os::munmap(self.base as *mut u8, self.len) };
    }
}

/// How many ended threads' mappings are kept for reuse. Unmapping a
/// stack a thread ran on costs a TLB shootdown on every CPU the process
/// ran on (an inter-processor interrupt, slow in a VM), and a fresh stack
/// costs its page faults again; glibc keeps up to 40 MiB of stacks for
/// this. Four mappings bound what an idle program keeps (with the default
/// 2 MiB stack, only the pages its threads touched are resident).
pub const CACHED: usize = 4;

/// The cache of ended threads' mappings, `(base, len)` pairs.
///
/// Taken with a try-lock and never waited for: a thread that finds it
/// busy maps or unmaps as if it were empty or full. That also keeps a
/// forked child safe when the parent's other thread held it at the fork.
struct Cache {
    busy: AtomicBool,
    entries: UnsafeCell<[(usize, usize); CACHED]>,
}

// SAFETY: `entries` is only touched by the thread that set `busy`.
unsafe impl Sync for Cache {}

static CACHE: Cache = Cache {
    busy: AtomicBool::new(false),
    entries: UnsafeCell::new([(0, 0); CACHED]),
};

impl Cache {
    fn with<R>(&self, f: impl FnOnce(&mut [(usize, usize); CACHED]) -> R) -> Option<R> {
        if self.busy.swap(true, Ordering::Acquire) {
            return None;
        }
        // SAFETY: `busy` was ours to set: no other thread is inside.
        let result = f(unsafe { &mut *self.entries.get() });
        self.busy.store(false, Ordering::Release);
        Some(result)
    }

    /// A kept mapping of exactly `len` bytes, taken out of the cache.
    fn take(&self, len: usize) -> Option<usize> {
        self.with(|entries| {
            let slot = entries.iter_mut().find(|e| e.0 != 0 && e.1 == len)?;
            Some(core::mem::take(slot).0)
        })
        .flatten()
    }

    /// Takes every kept mapping out (the busy cache gives none).
    fn drain(&self) -> [(usize, usize); CACHED] {
        self.with(core::mem::take).unwrap_or_default()
    }

    /// Keeps a mapping; false if there is no room.
    fn put(&self, base: usize, len: usize) -> bool {
        self.with(|entries| match entries.iter_mut().find(|e| e.0 == 0) {
            Some(slot) => {
                *slot = (base, len);
                true
            }
            None => false,
        })
        .unwrap_or(false)
    }
}

/// Maps a thread's memory with `stack` bytes of stack (already checked
/// against the minimum) and lays its block out. `EAGAIN` when there is
/// no memory for it, as `pthread_create` answers.
pub fn map(stack: usize) -> Result<Mapping, Errno> {
    let page = crate::os::page_size();
    let (block_size, align) = block::block_size();
    // A size no address space can hold is EAGAIN too, never a wrap.
    let len = stack
        .checked_add(page - 1)
        .map(|n| n & !(page - 1))
        .and_then(|stack| stack.checked_add(2 * page + block_size + align))
        .map(|n| (n - 1) & !(page - 1))
        .ok_or(Errno::AGAIN)?;
    let stack = len - page - block_size - align;
    let (base, reused) = match CACHE.take(len) {
        Some(base) => (base as *mut u8, true),
        None => (fresh(len, page)?, false),
    };
    let area = base.wrapping_add(page + stack);
    let area = area.wrapping_add(area.align_offset(align));
    if reused {
        // SAFETY: the block's bytes lie inside the kept mapping, which no
        // thread uses any more; init_block wants them zeroed.
        unsafe { area.write_bytes(0, block_size) };
    }
    // SAFETY: `area` lies in the mapping, zeroed, aligned, with
    // block_size bytes before the end (len reserved them plus `align`).
    let tp = unsafe { block::init_block(area) };
    Ok(Mapping {
        base: base as usize,
        len,
        tp: tp as usize,
        stack_top: (area as usize - 64) & !15,
    })
}

/// Unmaps the kept mappings of ended threads: for when memory or address
/// space runs out (a failed `mmap` here or in the heap, under a small
/// `RLIMIT_AS`). True if any was kept, so that a retry may succeed.
pub fn release_cached_stacks() -> bool {
    let mut any = false;
    for (base, len) in CACHE.drain() {
        if base != 0 {
            // SAFETY: a kept mapping is a whole one that no thread uses,
            // and it is out of the cache now.
            let _ = unsafe { crate::os::munmap(base as *mut u8, len) };
            any = true;
        }
    }
    any
}

/// A new mapping of `len` bytes with its first page made the guard; the
/// kept mappings go first if there is no room for it.
fn fresh(len: usize, page: usize) -> Result<*mut u8, Errno> {
    match map_guarded(len, page) {
        Err(_) if release_cached_stacks() => map_guarded(len, page),
        result => result,
    }
}

/// A new mapping of `len` bytes with its first page made the guard.
fn map_guarded(len: usize, page: usize) -> Result<*mut u8, Errno> {
    let base = crate::os::mmap_anonymous(len)
        .map_err(|_| Errno::AGAIN)?
        .as_ptr();
    // SAFETY: the first page of our new mapping becomes the guard: a
    // stack overflow faults there instead of running into other memory.
    let guarded =
        unsafe { rustix::mm::mprotect(base.cast(), page, rustix::mm::MprotectFlags::empty()) };
    if guarded.is_err() {
        // SAFETY: our own mapping, not yet used.
        let _ = unsafe { crate::os::munmap(base, len) };
        return Err(Errno::AGAIN);
    }
    Ok(base)
}

/// Starts the thread: `entry(arg)` on the top of the stack below the
/// block. Returns its tid; on failure the caller still owns `arg`.
///
/// # Safety
/// `mapping` came from [`map`] and is used by no other thread; `entry`
/// never returns and `arg` is valid for it.
pub unsafe fn clone(
    mapping: &Mapping,
    entry: extern "C" fn(*mut u8) -> !,
    arg: *mut u8,
) -> Result<u32, Errno> {
    let tid = mapping.tid_word().as_ptr();
    // SAFETY: the caller vouches for the mapping, entry and arg; the tid
    // word lives in the block as long as the mapping.
    let ret = unsafe {
        strata_arch::clone_thread(
            FLAGS as usize,
            mapping.stack_top as *mut u8,
            tid,
            mapping.tp as *mut u8,
            tid,
            entry,
            arg,
        )
    };
    if ret > -4096isize as usize {
        return Err(Errno::from_raw_os_error(
            (ret as isize).wrapping_neg() as i32
        ));
    }
    Ok(ret as u32)
}

/// Ends the calling thread, its memory left for a joiner to unmap.
pub fn exit() -> ! {
    // SAFETY: exit ends only this thread; the kernel then clears the tid
    // word and wakes its futex (CLONE_CHILD_CLEARTID).
    unsafe { strata_arch::syscall1(linux_raw_sys::general::__NR_exit as usize, 0) };
    unreachable_exit()
}

/// Ends the calling thread and unmaps its own memory (nobody will join
/// it).
///
/// # Safety
/// `mapping` is the calling thread's, and nothing in it is used again.
pub unsafe fn exit_unmapping(mapping: Mapping) -> ! {
    // Block every signal (a handler would run on the stack we unmap), and
    // tell the kernel not to write the tid word into freed memory.
    let all: u64 = !0;
    // SAFETY: rt_sigprocmask reads our 8-byte set; set_tid_address(NULL)
    // turns CLONE_CHILD_CLEARTID off for this thread.
    unsafe {
        strata_arch::syscall4(
            linux_raw_sys::general::__NR_rt_sigprocmask as usize,
            linux_raw_sys::general::SIG_BLOCK as usize,
            &all as *const u64 as usize,
            0,
            8,
        );
        strata_arch::syscall1(linux_raw_sys::general::__NR_set_tid_address as usize, 0);
        strata_arch::exit_thread_unmapping(mapping.base as *mut u8, mapping.len)
    }
}

/// `PR_SET_NAME`—the calling thread's name as the kernel keeps it (15
/// bytes; cut at a NUL).
///
/// # References
/// - [prctl(2)](https://man7.org/linux/man-pages/man2/prctl.2.html)
pub fn set_os_name(name: &str) {
    let mut buf = [0u8; 16];
    let n = name.len().min(15);
    buf[..n].copy_from_slice(&name.as_bytes()[..n]);
    if let Ok(c) = core::ffi::CStr::from_bytes_until_nul(&buf) {
        let _ = rustix::thread::set_name(c);
    }
}

fn unreachable_exit() -> ! {
    loop {
        core::hint::spin_loop();
    }
}

/// Waits until the thread of `mapping` has ended, or `deadline`; true if
/// it has.
pub fn wait_ended(mapping: &Mapping, deadline: Option<&Deadline>) -> bool {
    let word = mapping.tid_word();
    // A short thread often ends within microseconds: watching the word
    // that long first spares the joiner a sleep and its wake-up (as a
    // condition's waiter does).
    for _ in 0..crate::sync::wait_spins() {
        if word.load(Ordering::Acquire) == 0 {
            return true;
        }
        core::hint::spin_loop();
    }
    loop {
        let tid = word.load(Ordering::Acquire);
        if tid == 0 {
            return true;
        }
        if deadline.is_some_and(Deadline::passed) {
            return false;
        }
        // CHILD_CLEARTID wakes with a shared futex, as glibc's join waits.
        futex::wait_shared(word, tid, deadline);
    }
}
