//! What a panic does: report it on stderr, then exit with status 101 (on
//! the main thread) or abort naming the thread (on any other).

use core::fmt::{self, Write};
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering::Relaxed};

/// The panic handler [`main!`](crate::main) installs.
///
/// Prints `panicked at FILE:LINE:COL:` and the message on stderr, then
/// leaves through [`exit`](super::exit) with status 101 (exit handlers run
/// and stdout is flushed, as Rust's std does for a panic in `main`). A
/// panic during that exit ends the process at once with 101.
///
/// A failed infallible allocation reaches here too: in `no_std` programs
/// Rust reports it as a panic with the message `memory allocation of N
/// bytes failed`. Like Rust's std, that message is printed alone and the
/// process aborts.
#[doc(hidden)]
pub fn panic(info: &PanicInfo<'_>) -> ! {
    static PANICKING: AtomicBool = AtomicBool::new(false);
    if PANICKING.swap(true, Relaxed) {
        super::_exit(101);
    }
    let hook = PANIC_HOOK.load(Relaxed);
    if !hook.is_null() {
        // SAFETY: only `set_panic_hook` stores here, a `fn()`.
        let hook: fn() = unsafe { core::mem::transmute(hook) };
        hook();
    }
    if starts_with(info, "memory allocation of ") {
        crate::eprintln!("{}", info.message());
        super::abort();
    }
    if let Some(name) = thread_name() {
        // A thread other than main: nothing can unwind it, and the locks
        // it holds would stay held, so the whole program ends, as Rust's
        // std does with panic=abort, naming the thread as std does.
        match info.location() {
            Some(at) => crate::eprintln!(
                "thread '{}' panicked at {}:{}:{}:\n{}",
                name,
                at.file(),
                at.line() as usize,
                at.column() as usize,
                info.message()
            ),
            None => crate::eprintln!("thread '{}' panicked:\n{}", name, info.message()),
        }
        super::abort();
    }
    match info.location() {
        // Widened to usize: one integer formatter serves this and the
        // allocation-failure message, which matters in tiny programs.
        Some(at) => crate::eprintln!(
            "panicked at {}:{}:{}:\n{}",
            at.file(),
            at.line() as usize,
            at.column() as usize,
            info.message()
        ),
        None => crate::eprintln!("panicked:\n{}", info.message()),
    }
    super::exit(101)
}

static PANIC_HOOK: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Sets the function a panic runs before it reports, on any thread (one
/// slot: the last one set): what puts the terminal back before the
/// message is printed on it, as curses does. Unlike `std::panic::set_hook`
/// it does not replace the report. It runs once, even if it panics.
pub fn set_panic_hook(hook: fn()) {
    PANIC_HOOK.store(hook as *mut (), Relaxed);
}

/// The name of the calling thread if it is not the main one; through a
/// pointer set when thread blocks are installed, so that a program
/// without threads links none of it.
fn thread_name() -> Option<&'static str> {
    let hook = THREAD_NAME.load(Relaxed);
    if hook.is_null() {
        return None;
    }
    // SAFETY: only `threaded` stores here, a function of this type.
    let hook: fn() -> Option<&'static str> = unsafe { core::mem::transmute(hook) };
    hook()
}

static THREAD_NAME: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Called when the main thread's block is installed.
pub(crate) fn threaded() {
    fn name() -> Option<&'static str> {
        crate::thread::current_if_installed().and_then(|d| d.name())
    }
    // black_box: as for exit's hook, keeps LLVM from calling it directly.
    let hook = core::hint::black_box(name as fn() -> Option<&'static str>);
    THREAD_NAME.store(hook as *mut (), Relaxed);
}

/// Whether the panic message begins with `prefix`, found without
/// allocating by formatting into a comparer.
fn starts_with(info: &PanicInfo<'_>, prefix: &str) -> bool {
    /// Compares bytes, never slicing a `str`, so that this check adds no
    /// panic paths of its own.
    struct Prefix<'a> {
        rest: &'a [u8],
        matches: bool,
    }
    impl Write for Prefix<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            for &b in s.as_bytes() {
                match self.rest.split_first() {
                    Some((&want, rest)) if want == b => self.rest = rest,
                    Some(_) => self.matches = false,
                    None => {}
                }
                if !self.matches || self.rest.is_empty() {
                    return Err(fmt::Error);
                }
            }
            Ok(())
        }
    }
    let mut p = Prefix {
        rest: prefix.as_bytes(),
        matches: true,
    };
    let _ = write!(p, "{}", info.message());
    p.matches && p.rest.is_empty()
}
