//! Process management that is not exec, spawn or wait: `os.fork` with
//! `register_at_fork`, `killpg`, `nice`, `pidfd_open`, `times`.
//!
//! `register_at_fork` holds a fixed number of callbacks (32 of each kind)
//! because core does not allocate; past that it is `ENOMEM`. As in
//! Python, buffered stdout is not flushed by `fork`: flush first, or the
//! child repeats what was buffered.

use crate::errno::Errno;
use crate::signal::Signal;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use rustix::fd::OwnedFd;
use spin::Mutex;
use strata_arch::{syscall1, syscall2, syscall5};

/// How many callbacks of each kind [`register_at_fork`] keeps.
pub const AT_FORK_MAX: usize = 32;

#[derive(Clone, Copy)]
struct AtFork {
    before: Option<fn()>,
    after_in_parent: Option<fn()>,
    after_in_child: Option<fn()>,
}

struct AtForkList {
    list: [Option<AtFork>; AT_FORK_MAX],
    len: usize,
}

static AT_FORK: Mutex<AtForkList> = Mutex::new(AtForkList {
    list: [None; AT_FORK_MAX],
    len: 0,
});

/// `os.register_at_fork(before=, after_in_parent=, after_in_child=)`—
/// functions [`fork`] calls: `before` ones in reverse order of
/// registration, the `after` ones in order. At least one must be given
/// (else `EINVAL`, Python's `TypeError`); past [`AT_FORK_MAX`]
/// registrations, `ENOMEM`.
pub fn register_at_fork(
    before: Option<fn()>,
    after_in_parent: Option<fn()>,
    after_in_child: Option<fn()>,
) -> Result<(), Errno> {
    if before.is_none() && after_in_parent.is_none() && after_in_child.is_none() {
        return Err(Errno::INVAL);
    }
    let mut at = AT_FORK.lock();
    let len = at.len;
    let slot = at.list.get_mut(len).ok_or(Errno::NOMEM)?;
    *slot = Some(AtFork {
        before,
        after_in_parent,
        after_in_child,
    });
    at.len = len + 1;
    Ok(())
}

/// A copy of the registrations, so that no lock is held while they run
/// (a callback may register another, or fork).
fn at_fork_snapshot() -> ([Option<AtFork>; AT_FORK_MAX], usize) {
    let at = AT_FORK.lock();
    (at.list, at.len)
}

/// `os.fork()`—a copy of this process; 0 in the child, the child's id in
/// the parent.
///
/// Runs the [`register_at_fork`] callbacks around it. The raw
/// `clone(SIGCHLD)` system call, so it works alike on every
/// architecture.
///
/// # References
/// - [fork(2)](https://man7.org/linux/man-pages/man2/fork.2.html)
pub fn fork() -> Result<i32, Errno> {
    let (list, len) = at_fork_snapshot();
    for entry in list[..len].iter().rev().flatten() {
        if let Some(f) = entry.before {
            f();
        }
    }
    // SAFETY: clone without CLONE_VM gives the child its own copy of the
    // address space, so both continue safely from here, as after fork.
    let ret = result(unsafe { syscall5(nr(k::__NR_clone), k::SIGCHLD as usize, 0, 0, 0, 0) });
    let child = matches!(ret, Ok(0));
    if child {
        // Only the caller lives on in the child: it is its main thread now.
        crate::thread::after_fork_child();
    }
    for entry in list[..len].iter().flatten() {
        let after = if child {
            entry.after_in_child
        } else {
            entry.after_in_parent
        };
        if let Some(f) = after {
            f();
        }
    }
    ret.map(|pid| pid as i32)
}

/// `os.killpg(pgid, sig)`—sends `sig` to every process in group `pgid`
/// (negative: `EINVAL`).
///
/// # References
/// - [killpg(3)](https://man7.org/linux/man-pages/man3/killpg.3.html)
pub fn killpg(pgid: i32, sig: Signal) -> Result<(), Errno> {
    if pgid < 0 {
        return Err(Errno::INVAL);
    }
    crate::signal::kill(-pgid, sig)
}

/// `os.nice(increment)`—adds to this process's nice value and returns
/// the new one (as glibc: `getpriority` + `setpriority`; lowering needs
/// privilege, `EPERM`).
///
/// # References
/// - [nice(2)](https://man7.org/linux/man-pages/man2/nice.2.html)
pub fn nice(increment: i32) -> Result<i32, Errno> {
    let old = super::getpriority(super::PRIO_PROCESS, 0)?;
    let new = old.saturating_add(increment).clamp(-20, 19);
    super::setpriority(super::PRIO_PROCESS, 0, new)
        .map_err(|e| if e == Errno::ACCESS { Errno::PERM } else { e })?;
    super::getpriority(super::PRIO_PROCESS, 0)
}

/// `os.PIDFD_NONBLOCK`: `waitid` on the pidfd does not block.
pub const PIDFD_NONBLOCK: u32 = k::O_NONBLOCK;

/// `os.pidfd_open(pid, flags=0)`—an fd that refers to process `pid`
/// (close-on-exec, always): poll it to learn when the process ends, wait
/// on it with `waitid(P_PIDFD, ...)`.
///
/// # References
/// - [pidfd_open(2)](https://man7.org/linux/man-pages/man2/pidfd_open.2.html)
pub fn pidfd_open(pid: i32, flags: u32) -> Result<OwnedFd, Errno> {
    // SAFETY: integer arguments; the result is a new fd.
    let fd = result(unsafe { syscall2(nr(k::__NR_pidfd_open), pid as usize, flags as usize) })?;
    // SAFETY: the kernel just made this fd for us.
    Ok(unsafe { super::fd::own(fd) })
}

/// `os.times_result`: CPU times in seconds, and the time since an
/// arbitrary point in the past.
#[derive(Clone, Copy, Debug, PartialEq)]
#[doc(alias = "times_result")]
pub struct TimesResult {
    /// User time of this process.
    pub user: f64,
    /// System time of this process.
    pub system: f64,
    /// User time of waited-for children.
    pub children_user: f64,
    /// System time of waited-for children.
    pub children_system: f64,
    /// Elapsed real time since a fixed point (boot, on Linux).
    pub elapsed: f64,
}

/// `os.times()`—CPU times of this process and its children.
///
/// # References
/// - [times(2)](https://man7.org/linux/man-pages/man2/times.2.html)
pub fn times() -> TimesResult {
    let mut tms = [0 as core::ffi::c_long; 4];
    // SAFETY: the kernel writes one struct tms (four clock_t = long).
    let elapsed = unsafe { syscall1(nr(k::__NR_times), tms.as_mut_ptr() as usize) };
    let ticks = super::sysinfo::clock_ticks() as f64;
    let secs = |t: core::ffi::c_long| t as f64 / ticks;
    TimesResult {
        user: secs(tms[0]),
        system: secs(tms[1]),
        children_user: secs(tms[2]),
        children_system: secs(tms[3]),
        // A clock_t count that may have wrapped on 32-bit targets.
        elapsed: elapsed as core::ffi::c_long as f64 / ticks,
    }
}
