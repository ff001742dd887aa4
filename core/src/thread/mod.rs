//! The thread block: what the thread pointer points at, laid out as glibc
//! lays its TCB, so that gcc-built code finds what it reads at fixed
//! offsets; Strata's own per-thread data beside it; the program's
//! `PT_TLS` image copied in.
//!
//! ```
//! use strata_core::thread;
//!
//! // threading.get_ident(): the thread pointer, as glibc's pthread_self.
//! let ident = thread::get_ident();
//! assert_ne!(ident, 0);
//! // threading.get_native_id(): the kernel's TID.
//! assert!(thread::get_native_id() > 0);
//! ```
//!
//! Python counterpart: the part of `threading`/`_thread` below the Python
//! objects (`get_ident`, `get_native_id`), plus what C code expects of a
//! libc (`__errno_location`, the stack-protector canary). Threads
//! themselves are `strata_alloc::thread`; locks are [`crate::sync`].
//!
//! Layout, per architecture (facts from `strata_arch`):
//! - x86_64 (TLS variant II): `[TLS image][glibc's tcbhead_t: 0x80
//!   bytes][ThreadData]`, the thread pointer at the header: `%fs:0` holds
//!   the pointer itself, `%fs:0x10` too (`self`), `%fs:0x28` the canary,
//!   `%fs:0x30` the pointer guard.
//! - aarch64 and armv7 (variant I): `[ThreadData][tcb: 16 or 8 bytes]
//!   [TLS image]`, the thread pointer at the tcb; the TLS image at
//!   `tp + align_up(16 or 8, p_align)` where the linker put its offsets.
//!   gcc reads the canary from the global `__stack_chk_guard`, which
//!   [`main!`](crate::main) defines on these architectures.
//! - riscv64 (variant I): `[ThreadData][tcb: 16 bytes][TLS image]`, the
//!   thread pointer at the TLS image; canary as on aarch64.
//!
//! The main thread's block is installed on first need (the first
//! [`get_ident`], [`get_native_id`], TLS or errno use, or the first thread),
//! never at startup: a program that needs none makes no system call for
//! it. It lives in static memory when the program's TLS is small, and in
//! a mapping otherwise.
//!
//! What differs from glibc: no dynamic TLS (`dtv` stays null: nothing is
//! loaded at run time yet); Strata's data is its own, not glibc's
//! `struct pthread`, which C code must not look into anyway.

pub mod raw;
mod setxid;

pub(crate) use setxid::setxid;
pub use setxid::{register_around, unregister};

use crate::errno::Errno;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU32, AtomicUsize, Ordering};
use strata_arch::{TCB_BELOW_TP, TLS_ABOVE_TP, TLS_VARIANT_II};

/// The bytes of glibc's x86_64 `tcbhead_t` Strata reserves (up to and
/// including `__private_ss` at 0x70 and `ssp_base` at 0x78).
const X86_HEADER: usize = 0x80;
/// Where the canary lives in the x86_64 header (`%fs:0x28`).
const CANARY_OFFSET: usize = 0x28;
/// Where the pointer guard lives in the x86_64 header (`%fs:0x30`).
const POINTER_GUARD_OFFSET: usize = 0x30;
/// Where `self` lives in the x86_64 header (`%fs:0x10`).
const SELF_OFFSET: usize = 0x10;

/// How many [`slot`](ThreadData::slot)s of per-thread storage each thread has (the keys of
/// `strata_alloc::thread::Local`).
pub const SLOTS: usize = 64;

/// Strata's own per-thread data, at a fixed place beside the ABI's header.
#[repr(C)]
pub struct ThreadData {
    /// The kernel's id of the thread: written by `CLONE_PARENT_SETTID`,
    /// cleared and woken by `CHILD_CLEARTID` when the thread ends.
    pub tid: AtomicU32,
    /// C's `errno` for this thread ([`errno_location`]).
    errno: AtomicI32,
    /// The thread's name for panic messages (a `&'static str`'s parts,
    /// valid while the thread runs; null for the main thread).
    name_ptr: AtomicPtr<u8>,
    name_len: AtomicUsize,
    /// What the thread layer keeps for this thread (its record).
    pub user: AtomicPtr<()>,
    /// The heap's cache of small blocks for this thread (the alloc
    /// layer's; read on every allocation, so a field, not a [`slot`](ThreadData::slot)).
    pub heap: AtomicUsize,
    /// Per-thread values, one per key handed out by [`new_slot_key`].
    slots: [AtomicUsize; SLOTS],
    /// The next block in the list of every thread's (`setxid`).
    next: AtomicPtr<ThreadData>,
    /// The last id-setting broadcast this thread carried out.
    setxid_done: AtomicU32,
}

impl ThreadData {
    const fn new() -> Self {
        ThreadData {
            tid: AtomicU32::new(0),
            errno: AtomicI32::new(0),
            name_ptr: AtomicPtr::new(core::ptr::null_mut()),
            name_len: AtomicUsize::new(0),
            user: AtomicPtr::new(core::ptr::null_mut()),
            heap: AtomicUsize::new(0),
            slots: [const { AtomicUsize::new(0) }; SLOTS],
            next: AtomicPtr::new(core::ptr::null_mut()),
            setxid_done: AtomicU32::new(0),
        }
    }
}

/// The program's `PT_TLS` segment, found once from `AT_PHDR`.
#[derive(Clone, Copy)]
struct TlsImage {
    /// Where the initialised part is (already relocated).
    addr: usize,
    filesz: usize,
    memsz: usize,
    align: usize,
}

/// Reads the program headers (auxv `AT_PHDR`, `AT_PHNUM`) for `PT_TLS`.
fn find_tls() -> TlsImage {
    const AT_PHDR: usize = 3;
    const AT_PHNUM: usize = 5;
    const PT_PHDR: u32 = 6;
    const PT_TLS: u32 = 7;
    let none = TlsImage {
        addr: 0,
        filesz: 0,
        memsz: 0,
        align: 1,
    };
    let (Some(phdr), Some(phnum)) = (
        crate::rt::auxv_entry(AT_PHDR),
        crate::rt::auxv_entry(AT_PHNUM),
    ) else {
        return none;
    };
    // (p_type, p_vaddr, p_filesz, p_memsz, p_align) of header `i`.
    let read = |i: usize| -> (u32, usize, usize, usize, usize) {
        #[cfg(target_pointer_width = "64")]
        {
            // Elf64_Phdr: type u32, flags u32, offset, vaddr, paddr,
            // filesz, memsz, align (u64 each).
            let p = (phdr + i * 56) as *const u64;
            // SAFETY: the kernel's AT_PHDR points at AT_PHNUM headers
            // mapped for the life of the process.
            unsafe {
                (
                    *(p as *const u32),
                    *p.add(2) as usize,
                    *p.add(4) as usize,
                    *p.add(5) as usize,
                    *p.add(6) as usize,
                )
            }
        }
        #[cfg(target_pointer_width = "32")]
        {
            // Elf32_Phdr: type, offset, vaddr, paddr, filesz, memsz,
            // flags, align (u32 each).
            let p = (phdr + i * 32) as *const u32;
            // SAFETY: as above.
            unsafe {
                (
                    *p,
                    *p.add(2) as usize,
                    *p.add(4) as usize,
                    *p.add(5) as usize,
                    *p.add(7) as usize,
                )
            }
        }
    };
    // A position-independent program is loaded at a bias: PT_PHDR's
    // address versus where the headers really are.
    let bias = (0..phnum)
        .map(read)
        .find(|h| h.0 == PT_PHDR)
        .map_or(0, |h| phdr.wrapping_sub(h.1));
    (0..phnum)
        .map(read)
        .find(|h| h.0 == PT_TLS)
        .map_or(none, |(_, vaddr, filesz, memsz, align)| TlsImage {
            addr: vaddr.wrapping_add(bias),
            filesz: filesz.min(memsz),
            memsz,
            align: align.max(1).next_power_of_two(),
        })
}

fn align_up(n: usize, align: usize) -> usize {
    (n + align - 1) & !(align - 1)
}

/// Where the parts of a block go, as offsets from its start.
#[derive(Clone, Copy)]
struct Layout {
    /// The thread pointer.
    tp: usize,
    /// The TLS image.
    tls: usize,
    /// Strata's [`ThreadData`].
    data: usize,
    /// The whole block's size.
    size: usize,
}

/// The alignment every block starts at (a cache line; more when the TLS
/// segment asks for more).
fn block_align(image: &TlsImage) -> usize {
    image.align.max(64)
}

fn layout(image: &TlsImage) -> Layout {
    let data_size = size_of::<ThreadData>();
    let align = block_align(image);
    if TLS_VARIANT_II {
        let tls_len = align_up(image.memsz, image.align);
        let tp = align_up(tls_len, align);
        Layout {
            tp,
            tls: tp - tls_len,
            data: tp + X86_HEADER,
            size: tp + X86_HEADER + data_size,
        }
    } else {
        let tp = align_up(data_size + TCB_BELOW_TP, align);
        let tls = tp + align_up(TLS_ABOVE_TP, image.align);
        Layout {
            tp,
            tls,
            data: tp - TCB_BELOW_TP - data_size,
            size: tls + image.memsz,
        }
    }
}

static IMAGE: crate::sync::Lazy<TlsImage> = crate::sync::Lazy::new(find_tls);

fn image() -> &'static TlsImage {
    &IMAGE
}

/// The bytes a thread block needs and its alignment, for the thread layer
/// to reserve beside a new thread's stack.
pub fn block_size() -> (usize, usize) {
    let image = image();
    (layout(image).size, block_align(image))
}

/// Lays a thread block out in `area`: the ABI header, the TLS image, the
/// canary and pointer guard, Strata's data. Returns the thread pointer.
///
/// # Safety
/// `area` is writable, zeroed, aligned to [`block_size`]'s alignment and
/// at least its size; it outlives the thread that will use it.
pub unsafe fn init_block(area: *mut u8) -> *mut u8 {
    let image = image();
    let at = layout(image);
    // SAFETY: every write is inside `area` by the layout's construction,
    // which the caller sized; the TLS image is the program's own.
    unsafe {
        let tp = area.add(at.tp);
        core::ptr::copy_nonoverlapping(image.addr as *const u8, area.add(at.tls), image.filesz);
        (area.add(at.data) as *mut ThreadData).write(ThreadData::new());
        if TLS_VARIANT_II {
            let header = tp as *mut usize;
            header.write(tp as usize);
            header.byte_add(SELF_OFFSET).write(tp as usize);
            header
                .byte_add(CANARY_OFFSET)
                .write(crate::rt::stack_guard());
            header
                .byte_add(POINTER_GUARD_OFFSET)
                .write(crate::rt::pointer_guard());
        }
        tp
    }
}

/// Where Strata's data sits from the thread pointer: the same in every
/// layout (after the x86_64 header; below the tcb on variant I), so that
/// finding it reads no TLS image.
const DATA_FROM_TP: isize = if TLS_VARIANT_II {
    X86_HEADER as isize
} else {
    -((TCB_BELOW_TP + size_of::<ThreadData>()) as isize)
};

/// Strata's data in the block whose thread pointer is `tp`.
fn data_at(tp: *mut u8) -> &'static ThreadData {
    // SAFETY: `tp` is the thread pointer of a block made by `init_block`,
    // which lives as long as its thread; the data sits at a fixed offset.
    unsafe { &*(tp.wrapping_offset(DATA_FROM_TP) as *const ThreadData) }
}

/// The calling thread's data, for a hot path that already knows blocks
/// are installed (one read of the thread pointer, no check).
///
/// # Safety
/// [`current_if_installed`] has returned `Some` in this process (so
/// every thread has a block of ours).
#[inline]
pub unsafe fn current_unchecked() -> &'static ThreadData {
    // SAFETY: the caller guarantees the blocks are installed.
    data_at(unsafe { strata_arch::thread_pointer() })
}

/// Whether the main thread's block is in place (then every thread has
/// one: threads are only made after it).
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// The main thread's block, when the TLS segment fits (no system call to
/// get it).
#[repr(C, align(64))]
struct Static([u8; 1024]);
static mut MAIN_BLOCK: Static = Static([0; 1024]);

/// Installs the main thread's block: called on first need, on the main
/// thread (no other exists before it).
#[cold]
fn install_main() -> Result<*mut u8, Errno> {
    let (size, align) = block_size();
    let area = if size <= 1024 && align <= 64 {
        &raw mut MAIN_BLOCK as *mut u8
    } else {
        crate::os::mmap_anonymous(size + align)?.as_ptr()
    };
    let area = area.wrapping_add(area.align_offset(align));
    // SAFETY: zeroed memory (static, or a fresh mapping) of the block's
    // size and alignment, used only as this thread's block from now on.
    let tp = unsafe { init_block(area) };
    // SAFETY: tp heads a complete block that lives for the process.
    unsafe { strata_arch::set_thread_pointer(tp) };
    let data = data_at(tp);
    let pid = crate::os::getpid() as u32;
    data.tid.store(pid, Ordering::Relaxed);
    MAIN_TID.store(pid, Ordering::Relaxed);
    setxid::register_main(data);
    crate::rt::threaded();
    INSTALLED.store(true, Ordering::Release);
    Ok(tp)
}

/// Whether this is a Strata program (started by `main!`): otherwise a libc
/// owns the thread pointer (host tests, strata-std programs).
fn strata_runtime() -> bool {
    crate::rt::started()
}

/// The calling thread's pointer, its block installed if this is the first
/// need. `None` where Strata does not own the thread pointer, or when the
/// main block could not be made (no memory for a large TLS segment).
#[inline]
fn current_tp() -> Option<*mut u8> {
    if INSTALLED.load(Ordering::Acquire) {
        // SAFETY: installed: every thread has a block of ours.
        return Some(unsafe { strata_arch::thread_pointer() });
    }
    if !strata_runtime() {
        return None;
    }
    install_main().ok()
}

/// The calling thread's data; `None` outside a Strata program.
pub fn current() -> Option<&'static ThreadData> {
    current_tp().map(data_at)
}

/// Makes sure the main thread's block is in place, before a second thread
/// starts. An error when there was no memory for it, and `ENOTSUP`
/// outside a Strata program (a libc owns the thread pointer there; use
/// its threads).
pub fn ensure_installed() -> Result<(), Errno> {
    if INSTALLED.load(Ordering::Acquire) {
        return Ok(());
    }
    if !strata_runtime() {
        return Err(Errno::NOTSUP);
    }
    install_main().map(drop)
}

/// `threading.get_ident()`—a number that identifies the calling thread
/// while it runs (its thread pointer, as glibc's `pthread_self()` is);
/// it may be reused after the thread ends.
///
/// Outside a Strata program, the libc's thread pointer (the same number
/// its `pthread_self()` gives on x86_64).
///
/// # References
/// - [pthread_self(3)](https://man7.org/linux/man-pages/man3/pthread_self.3.html)
#[inline]
pub fn get_ident() -> usize {
    match current_tp() {
        Some(tp) => tp as usize,
        // SAFETY: a libc has installed its own thread block.
        None => unsafe { strata_arch::thread_pointer() as usize },
    }
}

/// `threading.get_native_id()`—the kernel's id of the calling thread (its
/// TID; the PID on the main thread).
///
/// # References
/// - [gettid(2)](https://man7.org/linux/man-pages/man2/gettid.2.html)
pub fn get_native_id() -> u32 {
    match current() {
        Some(data) => data.tid.load(Ordering::Relaxed),
        None => rustix::thread::gettid().as_raw_nonzero().get() as u32,
    }
}

/// A fresh key for [`slot`](ThreadData::slot); `None` once all [`SLOTS`] are taken.
pub fn new_slot_key() -> Option<usize> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
        (n < SLOTS).then_some(n + 1)
    })
    .ok()
}

impl ThreadData {
    /// The calling thread's value for `key` (a word; 0 until set).
    pub fn slot(&self, key: usize) -> &AtomicUsize {
        &self.slots[key % SLOTS]
    }

    /// The thread's name for panic messages, if it has one.
    pub fn name(&self) -> Option<&'static str> {
        let ptr = self.name_ptr.load(Ordering::Relaxed);
        if ptr.is_null() {
            return None;
        }
        let len = self.name_len.load(Ordering::Relaxed);
        // SAFETY: set_name stored the parts of a str that the thread layer
        // keeps alive while the thread runs.
        Some(unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(ptr, len)) })
    }

    /// Records the thread's name for panic messages.
    ///
    /// # Safety
    /// `name` stays valid for as long as the thread runs.
    pub unsafe fn set_name(&self, name: &str) {
        self.name_len.store(name.len(), Ordering::Relaxed);
        self.name_ptr
            .store(name.as_ptr() as *mut u8, Ordering::Relaxed);
    }
}

/// C's `__errno_location()`: the calling thread's `errno`. A process-wide
/// word outside a Strata program or when the block could not be made.
pub fn errno_location() -> *mut i32 {
    static FALLBACK: AtomicI32 = AtomicI32::new(0);
    match current() {
        Some(data) => data.errno.as_ptr(),
        None => FALLBACK.as_ptr(),
    }
}

/// The raw pointer to a block's [`ThreadData`], for the thread layer to
/// fill in before the thread starts.
pub fn data_of(tp: *mut u8) -> &'static ThreadData {
    data_at(tp)
}

/// The main thread's id, recorded when its block is installed (and again
/// in a forked child, whose caller becomes its main thread).
static MAIN_TID: AtomicU32 = AtomicU32::new(0);

/// Whether the calling thread is the one the process started with.
pub fn is_main_thread() -> bool {
    if !INSTALLED.load(Ordering::Acquire) {
        return strata_runtime() || get_native_id() == crate::os::getpid() as u32;
    }
    current().is_some_and(|d| d.tid.load(Ordering::Relaxed) == MAIN_TID.load(Ordering::Relaxed))
}

/// The calling thread's data if blocks are installed, without installing
/// one (for the panic handler, which must not make system calls a
/// single-threaded program never made).
pub fn current_if_installed() -> Option<&'static ThreadData> {
    if INSTALLED.load(Ordering::Acquire) {
        // SAFETY: installed: every thread has a block of ours.
        Some(data_at(unsafe { strata_arch::thread_pointer() }))
    } else {
        None
    }
}

/// In a forked child: the caller is the only thread and the new main
/// thread; its block's tid becomes the child's pid.
pub(crate) fn after_fork_child() {
    if let Some(data) = current_if_installed() {
        let pid = crate::os::getpid() as u32;
        data.tid.store(pid, Ordering::Relaxed);
        MAIN_TID.store(pid, Ordering::Relaxed);
        setxid::after_fork_child(data);
    }
}

/// The kernel id of the living thread whose [`get_ident`] is `ident`;
/// `None` if no such thread lives (for `pthread_kill`).
pub fn tid_of(ident: usize) -> Option<u32> {
    current_if_installed()?;
    setxid::tid_of(data_at(ident as *mut u8) as *const ThreadData)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_keep_their_parts_apart() {
        for (memsz, align) in [(0, 1), (8, 8), (100, 16), (4000, 64), (24, 128)] {
            let image = TlsImage {
                addr: 0,
                filesz: 0,
                memsz,
                align,
            };
            let at = layout(&image);
            assert_eq!(at.tp % align, 0);
            assert_eq!(at.tls % align, 0);
            assert!(at.tls + memsz <= at.size);
            assert!(at.data + size_of::<ThreadData>() <= at.size);
            assert_eq!(at.data as isize - at.tp as isize, DATA_FROM_TP);
            if TLS_VARIANT_II {
                assert_eq!(at.tls + align_up(memsz, align), at.tp);
                assert!(at.data >= at.tp + X86_HEADER);
            } else {
                assert!(at.data + size_of::<ThreadData>() <= at.tp - TCB_BELOW_TP);
            }
        }
    }

    #[test]
    fn slot_keys_run_out() {
        let mut got = 0;
        while new_slot_key().is_some() {
            got += 1;
        }
        assert!(got <= SLOTS);
    }

    #[test]
    fn outside_strata_the_libc_ident_is_used() {
        let main = get_ident();
        let other = std::thread::spawn(get_ident).join().unwrap();
        assert_ne!(main, other);
        assert_ne!(get_native_id(), 0);
    }
}
