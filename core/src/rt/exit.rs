//! Leaving the process: exit handlers, `exit`, `_exit`, `abort`.

use crate::errno::Errno;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, Ordering::Relaxed};
use spin::Mutex;
use strata_arch::{syscall1, syscall4};

/// How many handlers [`atexit`] holds: C guarantees 32.
const MAX_HANDLERS: usize = 32;

struct Handlers {
    list: [Option<fn()>; MAX_HANDLERS],
    len: usize,
}

static HANDLERS: Mutex<Handlers> = Mutex::new(Handlers {
    list: [None; MAX_HANDLERS],
    len: 0,
});

/// `atexit.register(func)`—runs `func` when the program exits through
/// [`exit`] or by returning from `main`, after handlers registered later
/// (last in, first out). Not run by [`_exit`], [`abort`] or a fatal signal.
///
/// Holds up to 32 handlers (C's minimum); past that, returns `ENOMEM`.
///
/// # References
/// - [atexit(3)](https://man7.org/linux/man-pages/man3/atexit.3.html)
pub fn atexit(func: fn()) -> Result<(), Errno> {
    let mut handlers = HANDLERS.lock();
    let len = handlers.len;
    match handlers.list.get_mut(len) {
        Some(slot) => {
            *slot = Some(func);
            handlers.len = len + 1;
            Ok(())
        }
        None => Err(Errno::NOMEM),
    }
}

/// Takes the most recently registered handler off the list.
fn pop_handler() -> Option<fn()> {
    let mut handlers = HANDLERS.lock();
    let len = handlers.len.checked_sub(1)?;
    handlers.len = len;
    handlers.list.get_mut(len).and_then(Option::take)
}

/// `sys.exit(status)`—runs the [`atexit`] handlers, flushes stdout and ends
/// the process with `status` (the kernel keeps its low 8 bits).
///
/// A handler may register more handlers or call `exit` itself; each runs
/// once. With threads, `exit` from any thread ends the process; on the
/// main thread it first waits for the non-daemon threads (Python's
/// shutdown); the handlers run once, on the first thread to exit, and a
/// second thread that calls `exit` meanwhile waits for the end. If a write to stdout failed, that is reported on stderr and a
/// status of 0 becomes 120, as in CPython.
///
/// # References
/// - [exit(3)](https://man7.org/linux/man-pages/man3/exit.3.html)
pub fn exit(status: i32) -> ! {
    let hook = THREADED_EXIT.load(Relaxed);
    if !hook.is_null() {
        // SAFETY: only `threaded` stores here, a `fn()`.
        let hook: fn() = unsafe { core::mem::transmute(hook) };
        hook();
    }
    while let Some(handler) = pop_handler() {
        handler();
    }
    let status = match crate::io::flush_stdout_at_exit() {
        Ok(()) => status,
        Err(_) if status == 0 => 120,
        Err(_) => status,
    };
    _exit(status)
}

/// In a std program (the `std` feature) the C library's `exit` ends the
/// process, not Strata's: registered with its `atexit` before `main`, this
/// runs Strata's handlers and flushes Strata's stdout there, as [`exit`]
/// would.
#[cfg(feature = "std")]
mod c_exit {
    unsafe extern "C" {
        fn atexit(func: extern "C" fn()) -> core::ffi::c_int;
    }

    extern "C" fn at_c_exit() {
        while let Some(handler) = super::pop_handler() {
            handler();
        }
        let _ = crate::io::flush_stdout_at_exit();
    }

    extern "C" fn register() {
        // SAFETY: atexit takes a function that lives for the program; it
        // is called once, before main, on the one thread there is.
        unsafe { atexit(at_c_exit) };
    }

    /// Runs before `main` on glibc and musl alike (neither passes
    /// arguments that `register` reads).
    #[used]
    #[unsafe(link_section = ".init_array.00099")]
    static REGISTER: extern "C" fn() = register;
}

/// What the thread layer runs when the main thread exits, before the exit
/// handlers: Python's `threading._shutdown`, which waits for the
/// non-daemon threads.
static SHUTDOWN: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// The thread that runs the exit handlers (0: none yet).
static EXITING: AtomicU32 = AtomicU32::new(0);

/// [`exit_with_threads`] once thread blocks exist: a pointer, so that a
/// program without threads links none of it.
static THREADED_EXIT: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Called when the main thread's block is installed: from now on, `exit`
/// and panics know about threads.
pub(crate) fn threaded() {
    // black_box: else LLVM sees the one value ever stored and calls it
    // directly, linking it into every program.
    let hook = core::hint::black_box(exit_with_threads as fn());
    THREADED_EXIT.store(hook as *mut (), Relaxed);
}

/// Sets the function [`exit`] runs first on the main thread (the thread
/// layer's wait for non-daemon threads).
#[doc(hidden)]
pub fn set_shutdown_hook(hook: fn()) {
    SHUTDOWN.store(hook as *mut (), Relaxed);
}

/// [`exit`] once the process may have threads: the shutdown hook on the
/// main thread, then only one thread runs the exit handlers; any other
/// that calls `exit` meanwhile waits for the process to end (as glibc's
/// `exit` does since 2.37).
#[cold]
fn exit_with_threads() {
    let Some(me) = crate::thread::current_if_installed() else {
        return;
    };
    let tid = me.tid.load(Relaxed);
    if crate::thread::is_main_thread() {
        let hook = SHUTDOWN.swap(core::ptr::null_mut(), Relaxed);
        if !hook.is_null() {
            // SAFETY: only set_shutdown_hook stores here, from a `fn()`.
            let hook: fn() = unsafe { core::mem::transmute(hook) };
            hook();
        }
    }
    match EXITING.compare_exchange(0, tid, Relaxed, Relaxed) {
        Ok(_) => {}
        // A handler called exit: it goes on with the rest.
        Err(owner) if owner == tid => {}
        Err(_) => loop {
            crate::sync::futex::wait(&EXITING, EXITING.load(Relaxed), None);
        },
    }
}

/// `os._exit(status)`—ends the process at once: no handlers, no flush.
///
/// # References
/// - [exit_group(2)](https://man7.org/linux/man-pages/man2/exit_group.2.html)
pub fn _exit(status: i32) -> ! {
    // SAFETY: exit_group takes a plain integer and does not return.
    unsafe {
        syscall1(
            linux_raw_sys::general::__NR_exit_group as usize,
            status as usize,
        )
    };
    // exit_group cannot fail; this only satisfies the type.
    loop {
        core::hint::spin_loop();
    }
}

/// What `__stack_chk_fail` does: glibc's message on stderr, then
/// [`abort`].
#[doc(hidden)]
pub fn stack_smashing_detected() -> ! {
    crate::eprintln!("*** stack smashing detected ***: terminated");
    abort()
}

/// `os.abort()`—ends the process with `SIGABRT`, without running exit
/// handlers or flushing stdout.
///
/// As in C: `SIGABRT` is unblocked and raised; if a handler returns, the
/// default action is restored and it is raised again. Where even that does
/// not end the process (PID 1 never receives a signal it does not handle),
/// it exits with status 134, what a shell reports for `SIGABRT`.
///
/// # References
/// - [abort(3)](https://man7.org/linux/man-pages/man3/abort.3.html)
pub fn abort() -> ! {
    static ABORTING: AtomicBool = AtomicBool::new(false);
    use linux_raw_sys::general::{__NR_rt_sigprocmask, SIG_UNBLOCK, SIGABRT};
    let mask: u64 = 1 << (SIGABRT - 1);
    // To the calling thread (tgkill, as glibc's raise): delivered before
    // the call returns, where a signal to the process might land on
    // another thread after this one went on.
    let raise = || {
        let pid = rustix::process::getpid();
        let tid = rustix::thread::gettid();
        // SAFETY: tgkill takes integers.
        unsafe {
            strata_arch::syscall3(
                linux_raw_sys::general::__NR_tgkill as usize,
                pid.as_raw_nonzero().get() as usize,
                tid.as_raw_nonzero().get() as usize,
                SIGABRT as usize,
            )
        };
    };
    // SAFETY: rt_sigprocmask reads the 8-byte mask we pass and writes
    // nothing (null old set).
    unsafe {
        syscall4(
            __NR_rt_sigprocmask as usize,
            SIG_UNBLOCK as usize,
            &mask as *const u64 as usize,
            0,
            8,
        );
    }
    if !ABORTING.swap(true, Relaxed) {
        raise();
    }
    // A handler returned: restore the default action and try again.
    let _ = crate::signal::reset_to_default(SIGABRT);
    raise();
    _exit(134)
}
