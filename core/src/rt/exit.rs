//! Leaving the process: exit handlers, `exit`, `_exit`, `abort`.

use crate::errno::Errno;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
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
/// once. If a write to stdout failed, that is reported on stderr and a
/// status of 0 becomes 120, as in CPython.
///
/// # References
/// - [exit(3)](https://man7.org/linux/man-pages/man3/exit.3.html)
pub fn exit(status: i32) -> ! {
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
    let raise = || {
        let pid = rustix::process::getpid();
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::ABORT);
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
