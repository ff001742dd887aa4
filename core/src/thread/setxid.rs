//! Every thread's blocks in one list, and what needs it: the id setters
//! (`setuid`, `setgroups`, ...) applied to every thread, as glibc does.
//!
//! The kernel changes the credentials of the calling thread only; POSIX
//! (and Python, which documents `os.setuid` for the process) wants the
//! process's. Like glibc's `SIGSETXID`, the caller makes the call, then
//! signals every other thread (reserved signal 33, `tgkill`) whose handler
//! makes the same call, and waits until all have. The list's lock is also
//! held across `clone`, so a thread being made either inherits the new
//! ids or is in the list when they are broadcast.

use super::ThreadData;
use crate::errno::Errno;
use crate::sync::Mutex;
use core::ffi::c_void;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicPtr, AtomicU32, AtomicUsize, Ordering};

/// The list's head; the rest hangs off `ThreadData::next`.
static LIST: Mutex<Head> = Mutex::new(Head(null_mut()));

struct Head(*mut ThreadData);
// SAFETY: the blocks it points at live as long as they are listed, and
// are only linked and unlinked under LIST's lock.
unsafe impl Send for Head {}

/// Adds `data` (a new thread's block) to the list, then runs `clone`
/// with the list locked; takes it back out if the clone failed.
pub fn register_around(
    data: &'static ThreadData,
    clone: impl FnOnce() -> Result<u32, Errno>,
) -> Result<u32, Errno> {
    let mut head = LIST.lock();
    data.next.store(head.0, Ordering::Relaxed);
    head.0 = data as *const ThreadData as *mut ThreadData;
    let result = clone();
    if result.is_err() {
        unlink(&mut head, data);
    }
    result
}

/// Adds the main thread's block.
pub(super) fn register_main(data: &'static ThreadData) {
    let mut head = LIST.lock();
    data.next.store(head.0, Ordering::Relaxed);
    head.0 = data as *const ThreadData as *mut ThreadData;
}

/// Takes an ending thread's block out of the list.
pub fn unregister(data: &'static ThreadData) {
    unlink(&mut LIST.lock(), data);
}

fn unlink(head: &mut Head, data: &ThreadData) {
    let target = data as *const ThreadData as *mut ThreadData;
    let mut link: *const AtomicPtr<ThreadData> = core::ptr::null();
    let mut p = head.0;
    while !p.is_null() {
        // SAFETY: listed blocks are live while the lock is held.
        let next = unsafe { (*p).next.load(Ordering::Relaxed) };
        if p == target {
            if link.is_null() {
                head.0 = next;
            } else {
                // SAFETY: `link` is the `next` field of a listed block.
                unsafe { (*link).store(next, Ordering::Relaxed) };
            }
            return;
        }
        // SAFETY: as above.
        link = unsafe { &(*p).next };
        p = next;
    }
}

/// The tid of the listed block at `data` (compared by address: an ident
/// of a thread that has ended points at nothing listed).
pub(super) fn tid_of(data: *const ThreadData) -> Option<u32> {
    let head = LIST.lock();
    let mut p = head.0;
    while !p.is_null() {
        if core::ptr::eq(p, data) {
            // SAFETY: listed blocks are live while the lock is held.
            return Some(unsafe { (*p).tid.load(Ordering::Relaxed) });
        }
        // SAFETY: as above.
        p = unsafe { (*p).next.load(Ordering::Relaxed) };
    }
    None
}

/// In a forked child: the caller's block is the only one.
pub(super) fn after_fork_child(me: &'static ThreadData) {
    // SAFETY: the child has one thread; whoever held the lock is gone.
    unsafe { LIST.force_unlock() };
    let mut head = LIST.lock();
    me.next.store(null_mut(), Ordering::Relaxed);
    head.0 = me as *const ThreadData as *mut ThreadData;
}

/// The reserved signal the broadcast travels by (glibc's `SIGSETXID`).
const SIGSETXID: i32 = 33;

/// The call every thread makes, and how many are yet to make it.
static CALL: [AtomicUsize; 4] = [const { AtomicUsize::new(0) }; 4];
static PENDING: AtomicU32 = AtomicU32::new(0);

/// The broadcast under way (numbered, so that a thread signalled twice
/// carries it out once).
static GENERATION: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_setxid(_: i32, _: *const crate::signal::SigInfo, _: *mut c_void) {
    let Some(me) = super::current_if_installed() else {
        return;
    };
    let generation = GENERATION.load(Ordering::Acquire);
    if me.setxid_done.swap(generation, Ordering::AcqRel) == generation {
        return;
    }
    let [nr, a0, a1, a2] = [0, 1, 2, 3].map(|i| CALL[i].load(Ordering::Acquire));
    // SAFETY: the broadcaster stored a credential call whose pointer
    // argument (setgroups') it keeps alive until PENDING reaches 0.
    unsafe { strata_arch::syscall3(nr, a0, a1, a2) };
    if PENDING.fetch_sub(1, Ordering::AcqRel) == 1 {
        crate::sync::futex::wake_all(&PENDING);
    }
}

/// Makes credential call `nr(a0, a1, a2)` on the calling thread and, if
/// it succeeded and other threads exist, on every one of them.
pub(crate) fn setxid(nr: usize, a0: usize, a1: usize, a2: usize) -> Result<usize, Errno> {
    let Some(me) = super::current_if_installed() else {
        // No thread block: no other thread.
        // SAFETY: the caller passes a credential call's valid arguments.
        return crate::sys::result(unsafe { strata_arch::syscall3(nr, a0, a1, a2) });
    };
    let head = LIST.lock();
    // SAFETY: as above.
    let done = crate::sys::result(unsafe { strata_arch::syscall3(nr, a0, a1, a2) })?;
    let me_ptr = me as *const ThreadData as *mut ThreadData;
    let mut others = 0;
    let mut p = head.0;
    while !p.is_null() {
        if p != me_ptr {
            others += 1;
        }
        // SAFETY: listed blocks are live while the lock is held.
        p = unsafe { (*p).next.load(Ordering::Relaxed) };
    }
    if others == 0 {
        return Ok(done);
    }
    install_handler()?;
    for (slot, v) in CALL.iter().zip([nr, a0, a1, a2]) {
        slot.store(v, Ordering::Release);
    }
    let generation = GENERATION.load(Ordering::Relaxed).wrapping_add(1).max(1);
    GENERATION.store(generation, Ordering::Release);
    me.setxid_done.store(generation, Ordering::Release);
    PENDING.store(others, Ordering::Release);
    let pid = crate::os::getpid();
    // Signal every thread that has not carried the call out yet, and
    // again after a while: an emulator (qemu-user 10 on riscv64) has been
    // seen to lose one.
    loop {
        let mut p = head.0;
        while !p.is_null() {
            // SAFETY: listed blocks are live while the lock is held.
            let block = unsafe { &*p };
            if block.setxid_done.load(Ordering::Acquire) != generation {
                // SAFETY: tgkill takes integers; a listed thread has not
                // begun to end (it unlists itself first, under this lock).
                let sent = unsafe {
                    strata_arch::syscall3(
                        linux_raw_sys::general::__NR_tgkill as usize,
                        pid as usize,
                        block.tid.load(Ordering::Relaxed) as usize,
                        SIGSETXID as usize,
                    )
                };
                if crate::sys::result(sent).is_err()
                    && block.setxid_done.swap(generation, Ordering::AcqRel) != generation
                {
                    // Gone (it cannot be, listed; but never wait for it).
                    PENDING.fetch_sub(1, Ordering::AcqRel);
                }
            }
            p = block.next.load(Ordering::Relaxed);
        }
        let deadline = crate::sync::futex::Deadline::after(0.05);
        loop {
            let left = PENDING.load(Ordering::Acquire);
            if left == 0 || deadline.passed() {
                break;
            }
            crate::sync::futex::wait(&PENDING, left, Some(&deadline));
        }
        if PENDING.load(Ordering::Acquire) == 0 {
            break;
        }
    }
    drop(head);
    Ok(done)
}

fn install_handler() -> Result<(), Errno> {
    static INSTALLED: AtomicU32 = AtomicU32::new(0);
    if INSTALLED.load(Ordering::Acquire) != 0 {
        return Ok(());
    }
    use crate::signal::{Handler, SigAction, SigActionFlags, SigSet, Signal};
    let sig = Signal::new(SIGSETXID).ok_or(Errno::INVAL)?;
    let action = SigAction {
        handler: Handler::Info(on_setxid),
        flags: SigActionFlags::RESTART,
        mask: SigSet::empty(),
    };
    crate::signal::sigaction(sig, &action)?;
    INSTALLED.store(1, Ordering::Release);
    Ok(())
}
