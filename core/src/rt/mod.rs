//! The runtime: process startup, exit and panics.
//!
//! ```
//! use strata_core::rt::Termination;
//!
//! // What `main` returns becomes the exit status.
//! assert_eq!(().report(), 0);
//! assert_eq!(3u8.report(), 3);
//! assert_eq!(Ok::<i32, strata_core::errno::Errno>(7).report(), 7);
//! ```
//!
//! The path of a program: the kernel jumps to `_start` (from
//! `strata_arch::start_asm!`, placed by [`main!`](crate::main)), which hands
//! the initial stack pointer to [`start`]. `start` records `argc`, `argv`,
//! `envp` and the auxiliary vector where they lie, tells rustix where the
//! auxv is (no `prctl`, no `/proc`), derives the stack-protector canary from
//! `AT_RANDOM`, and calls the user's `main`. Its result becomes the exit
//! status through [`exit`], which runs the [`atexit`] handlers and flushes
//! stdout. None of this makes a system call, so a program works as PID 1
//! with nothing mounted.
//!
//! Python counterparts: `sys.exit`/`os._exit`/`os.abort`, and the `atexit`
//! module.

mod exit;
mod main;
mod panic;

pub use exit::{_exit, abort, atexit, exit};
#[doc(hidden)]
pub use exit::{set_shutdown_hook, stack_smashing_detected};
pub use main::Termination;

/// Tells exit and the panic handler that thread blocks exist.
pub(crate) fn threaded() {
    exit::threaded();
    panic::threaded();
}
#[doc(hidden)]
pub use panic::panic;
pub use panic::set_panic_hook;

use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering::Relaxed};

/// What the kernel left on the initial stack. Written once by [`start`]
/// before `main` runs, read-only afterwards.
static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());
static ENVP: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());
static AUXV: AtomicPtr<usize> = AtomicPtr::new(core::ptr::null_mut());
static STACK_GUARD: AtomicUsize = AtomicUsize::new(0);

/// The auxv key of the 16 random bytes the kernel gives every process.
const AT_RANDOM: usize = 25;

/// The runtime's entry, called by `_start` with the initial stack pointer.
///
/// # Safety
/// Called once, by `_start`, with the stack the kernel built: `argc`, the
/// `argv` pointers and NULL, the `envp` pointers and NULL, then the auxv
/// pairs ending in `AT_NULL`.
#[doc(hidden)]
pub unsafe fn start(sp: *mut usize, main: fn() -> i32) -> ! {
    // SAFETY: the caller guarantees the kernel's stack layout, so every
    // pointer below stays inside it.
    unsafe {
        let argc = *sp;
        let argv = sp.add(1) as *mut *const u8;
        let envp = argv.add(argc + 1);
        let mut end = envp;
        while !(*end).is_null() {
            end = end.add(1);
        }
        ARGC.store(argc, Relaxed);
        ARGV.store(argv, Relaxed);
        ENVP.store(envp, Relaxed);
        AUXV.store(end.add(1) as *mut usize, Relaxed);
        // With "use-explicitly-provided-auxv", rustix reads the auxv that
        // follows envp instead of asking the kernel for it.
        rustix::param::init(envp as *mut *mut u8);
    }
    init_stack_guard();
    exit(main())
}

/// [`start`] for the architectures where gcc reads the canary from the
/// global `__stack_chk_guard` (all but x86_64): also stores it there.
///
/// # Safety
/// As [`start`]; `guard` is the program's `__stack_chk_guard`.
#[doc(hidden)]
pub unsafe fn start_guarded(sp: *mut usize, main: fn() -> i32, guard: *mut usize) -> ! {
    // SAFETY: only the pointer to store the canary in is new; `start`
    // stores it before main runs, when no C code can read it yet.
    unsafe {
        GUARD_SYMBOL.store(guard, Relaxed);
        start(sp, main)
    }
}

/// The program's `__stack_chk_guard`, where it has one.
static GUARD_SYMBOL: AtomicPtr<usize> = AtomicPtr::new(core::ptr::null_mut());

/// The pointer guard (glibc's `%fs:0x30`, which `PTR_MANGLE` reads): the
/// second word of `AT_RANDOM`, read when a thread block is made (not at
/// startup, which stays free of work a program may not need).
pub fn pointer_guard() -> usize {
    match auxv_entry(AT_RANDOM) {
        Some(random) => {
            let mut bytes = [0u8; size_of::<usize>()];
            // SAFETY: AT_RANDOM points at 16 bytes the kernel keeps for
            // the life of the process; a word from byte 8 fits.
            unsafe {
                core::ptr::copy_nonoverlapping(
                    (random as *const u8).add(16 - bytes.len()),
                    bytes.as_mut_ptr(),
                    bytes.len(),
                )
            };
            usize::from_ne_bytes(bytes)
        }
        None => 0,
    }
}

/// Derives the stack-protector canary from the first word of `AT_RANDOM`,
/// with its low byte zeroed (as glibc does) so that a string overflow
/// cannot reproduce it.
fn init_stack_guard() {
    if let Some(random) = auxv_entry(AT_RANDOM) {
        let mut bytes = [0u8; size_of::<usize>()];
        // SAFETY: AT_RANDOM points at 16 bytes the kernel keeps for the
        // life of the process.
        unsafe {
            core::ptr::copy_nonoverlapping(random as *const u8, bytes.as_mut_ptr(), bytes.len())
        };
        let guard = usize::from_ne_bytes(bytes) & !0xff;
        STACK_GUARD.store(guard, Relaxed);
        #[cfg(not(target_arch = "x86_64"))]
        {
            let symbol = GUARD_SYMBOL.load(Relaxed);
            if !symbol.is_null() {
                // SAFETY: start_guarded stored the program's own
                // __stack_chk_guard, a writable word.
                unsafe { symbol.write_volatile(guard) };
            }
        }
    }
}

/// The stack-protector canary: the value C code built with
/// `-fstack-protector` will find in `__stack_chk_guard` or at the thread
/// block's canary slot once one is installed. Zero before startup (and in
/// programs that did not start through [`start`]).
pub fn stack_guard() -> usize {
    STACK_GUARD.load(Relaxed)
}

/// In a std program on glibc (the `std` feature, which strata-std turns
/// on), glibc calls each `.init_array` function with `argc`, `argv` and
/// `envp` before `main`, as std's own startup relies on: that is where
/// Strata learns them, so `os::argv()` and `os::environ()` are the
/// program's. Kept beside [`raw_args`], which every reader calls, so the
/// linker keeps it.
#[cfg(all(feature = "std", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array.00099")]
static RECORD_ARGS: extern "C" fn(i32, *const *const u8, *const *const u8) = record_args;

#[cfg(all(feature = "std", target_env = "gnu"))]
extern "C" fn record_args(argc: i32, argv: *const *const u8, envp: *const *const u8) {
    if ARGV.load(Relaxed).is_null() && !argv.is_null() {
        ARGC.store(usize::try_from(argc).unwrap_or(0), Relaxed);
        ARGV.store(argv.cast_mut(), Relaxed);
        ENVP.store(envp.cast_mut(), Relaxed);
    }
}

/// Whether [`start`] ran: a Strata program, which owns the thread pointer.
/// A std program on glibc has `argv` too (from `.init_array`), but glibc
/// owns its thread pointer; only `start` records the auxv.
pub(crate) fn started() -> bool {
    !AUXV.load(Relaxed).is_null()
}

/// The raw `argc`/`argv` pair, or `(0, null)` where no one recorded them.
pub(crate) fn raw_args() -> (usize, *const *const u8) {
    #[cfg(all(feature = "std", not(target_env = "gnu")))]
    if ARGV.load(Relaxed).is_null() {
        args_from_std();
    }
    (ARGC.load(Relaxed), ARGV.load(Relaxed))
}

/// A std program on a C library that does not hand `argv` to
/// `.init_array` (musl): std's own arguments, copied once into C strings
/// that live as long as the program.
#[cfg(all(feature = "std", not(target_env = "gnu")))]
#[cold]
fn args_from_std() {
    use std::os::unix::ffi::OsStringExt;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let mut pointers: std::vec::Vec<*const u8> = std::env::args_os()
            .filter_map(|arg| std::ffi::CString::new(arg.into_vec()).ok())
            .map(|arg| arg.into_raw() as *const u8)
            .collect();
        let argc = pointers.len();
        pointers.push(core::ptr::null());
        let argv = std::boxed::Box::leak(pointers.into_boxed_slice());
        ARGC.store(argc, Relaxed);
        ARGV.store(argv.as_mut_ptr(), Relaxed);
    });
}

/// The raw `envp` array, NULL-terminated, or null where no one recorded it.
pub(crate) fn raw_environ() -> *const *const u8 {
    ENVP.load(Relaxed)
}

/// The value of auxv entry `key`, if the kernel provided one.
pub(crate) fn auxv_entry(key: usize) -> Option<usize> {
    let mut p = AUXV.load(Relaxed);
    if p.is_null() || key == 0 {
        return None;
    }
    // SAFETY: a non-null AUXV points at the kernel's (key, value) pairs,
    // terminated by AT_NULL (0), which live as long as the process.
    unsafe {
        while *p != 0 {
            if *p == key {
                return Some(*p.add(1));
            }
            p = p.add(2);
        }
    }
    None
}
