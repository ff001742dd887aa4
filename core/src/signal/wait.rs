//! Sending signals and waiting for them.

use super::action::SigSet;
use super::{Signal, catch::interrupted};
use crate::errno::Errno;
use crate::sys::{nr, result};
use core::time::Duration;
use linux_raw_sys::general as k;
use rustix::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use strata_arch::{syscall0, syscall2, syscall3, syscall4, syscall5};

/// What the kernel tells about a signal (`siginfo_t`, 128 bytes): Python's
/// `signal.struct_siginfo`, which [`sigwaitinfo`] and [`sigtimedwait`]
/// return.
#[doc(alias = "struct_siginfo")]
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub struct SigInfo {
    bytes: [u8; 128],
}

/// Where the union of `siginfo_t` starts: after three ints, aligned to a
/// pointer.
const UNION: usize = if cfg!(target_pointer_width = "64") {
    16
} else {
    12
};

impl SigInfo {
    const fn zeroed() -> Self {
        SigInfo { bytes: [0; 128] }
    }

    fn i32_at(&self, at: usize) -> i32 {
        i32::from_ne_bytes([
            self.bytes[at],
            self.bytes[at + 1],
            self.bytes[at + 2],
            self.bytes[at + 3],
        ])
    }

    /// `si_signo`.
    pub fn signo(&self) -> i32 {
        self.i32_at(0)
    }

    /// `si_code`: who sent it (`SI_USER` 0, `SI_TKILL` -6, `SI_KERNEL`…).
    pub fn code(&self) -> i32 {
        self.i32_at(8)
    }

    /// `si_pid`: the sender, for signals sent by a process.
    pub fn pid(&self) -> i32 {
        self.i32_at(UNION)
    }

    /// `si_uid`: the sender's real user id.
    pub fn uid(&self) -> u32 {
        self.i32_at(UNION + 4) as u32
    }

    /// `si_errno`: an errno the sender attached (Linux leaves it 0).
    pub fn errno(&self) -> i32 {
        self.i32_at(4)
    }

    /// `si_status`: for `SIGCHLD`, the child's exit status or the signal
    /// that stopped or ended it (`code` says which).
    pub fn status(&self) -> i32 {
        self.i32_at(UNION + 8)
    }

    /// `si_band`: for `SIGPOLL`/`SIGIO`, the poll events of the fd (a C
    /// `long`).
    pub fn band(&self) -> i64 {
        if cfg!(target_pointer_width = "64") {
            let mut word = [0; 8];
            word.copy_from_slice(&self.bytes[UNION..UNION + 8]);
            i64::from_ne_bytes(word)
        } else {
            i64::from(self.i32_at(UNION))
        }
    }
}

impl core::fmt::Debug for SigInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigInfo")
            .field("signo", &self.signo())
            .field("code", &self.code())
            .field("pid", &self.pid())
            .field("uid", &self.uid())
            .field("errno", &self.errno())
            .field("status", &self.status())
            .finish()
    }
}

/// `os.kill(pid, sig)`—sends `sig` to process `pid` (0: the process
/// group; -1: every process we may signal; below -1: group `-pid`).
///
/// # References
/// - [kill(2)](https://man7.org/linux/man-pages/man2/kill.2.html)
pub fn kill(pid: i32, sig: Signal) -> Result<(), Errno> {
    // SAFETY: kill takes two integers.
    result(unsafe { syscall2(nr(k::__NR_kill), pid as usize, sig.as_raw() as usize) }).map(drop)
}

/// `signal.raise_signal(sig)`—sends `sig` to the calling thread; a handler
/// runs before this returns.
///
/// # References
/// - [raise(3)](https://man7.org/linux/man-pages/man3/raise.3.html)
pub fn raise_signal(sig: Signal) -> Result<(), Errno> {
    // SAFETY: getpid and gettid take no arguments; tgkill three integers.
    result(unsafe {
        let pid = syscall0(nr(k::__NR_getpid));
        let tid = syscall0(nr(k::__NR_gettid));
        syscall3(nr(k::__NR_tgkill), pid, tid, sig.as_raw() as usize)
    })
    .map(drop)
}

/// `signal.pthread_kill(thread_id, sig)`—sends `sig` to one thread of
/// this process: `thread_id` is its `threading.get_ident()` (the
/// thread layer's `ident`). `ESRCH` when no such thread lives; signal 0
/// only checks that it does.
///
/// # References
/// - [pthread_kill(3)](https://man7.org/linux/man-pages/man3/pthread_kill.3.html)
/// - [tgkill(2)](https://man7.org/linux/man-pages/man2/tgkill.2.html)
pub fn pthread_kill(thread_id: usize, sig: i32) -> Result<(), Errno> {
    if !(0..super::NSIG).contains(&sig) {
        return Err(Errno::INVAL);
    }
    let tid = if thread_id == crate::thread::get_ident() {
        crate::thread::get_native_id()
    } else {
        crate::thread::tid_of(thread_id).ok_or(Errno::SRCH)?
    };
    // SAFETY: getpid takes no arguments; tgkill three integers.
    result(unsafe {
        let pid = syscall0(nr(k::__NR_getpid));
        syscall3(nr(k::__NR_tgkill), pid, tid as usize, sig as usize)
    })
    .map(drop)
}

/// `signal.pause()`—sleeps until a signal's handler has run.
///
/// # References
/// - [pause(2)](https://man7.org/linux/man-pages/man2/pause.2.html)
pub fn pause() {
    // ppoll with nothing to poll and no timeout: the generic way to pause
    // (aarch64 and riscv64 have no pause system call). It only returns
    // with EINTR.
    // SAFETY: null pointers with a count of zero are valid for ppoll.
    unsafe { syscall5(nr(k::__NR_ppoll), 0, 0, 0, 0, 0) };
}

/// `signal.sigwait(sigset)`—waits until one of `set` is pending (block
/// them first with `pthread_sigmask`) and takes it.
///
/// # References
/// - [sigwait(3)](https://man7.org/linux/man-pages/man3/sigwait.3.html)
pub fn sigwait(set: SigSet) -> Result<Signal, Errno> {
    loop {
        match timed_wait(set, None) {
            Ok(Some(info)) => return Signal::new(info.signo()).ok_or(Errno::INVAL),
            Ok(None) => continue,
            Err(Errno::INTR) if !interrupted() => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `signal.sigwaitinfo(sigset)`—like [`sigwait`], but returns the whole
/// `siginfo` (who sent it, how). Interrupted waits resume (PEP 475) unless
/// an interrupting signal arrived.
///
/// # References
/// - [sigwaitinfo(2)](https://man7.org/linux/man-pages/man2/sigwaitinfo.2.html)
pub fn sigwaitinfo(set: SigSet) -> Result<SigInfo, Errno> {
    loop {
        match timed_wait(set, None) {
            Ok(Some(info)) => return Ok(info),
            Ok(None) => continue,
            Err(Errno::INTR) if !interrupted() => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `signal.pidfd_send_signal(pidfd, sig, None, flags)`—sends `sig` to the
/// process `pidfd` refers to (`os.pidfd_open`), with no risk of hitting a
/// process that reused its pid. Signal 0 only checks that it lives
/// (`ESRCH` once it has exited). `flags` must be 0 (Linux defines none for
/// process pidfds before 6.9). Python's `siginfo` argument must be `None`,
/// so Strata has none. Linux 5.1 or newer: a pidfd cannot exist on an
/// older kernel, so there is no fallback; `ENOSYS` where the call is
/// filtered.
///
/// # References
/// - [pidfd_send_signal(2)](https://man7.org/linux/man-pages/man2/pidfd_send_signal.2.html)
pub fn pidfd_send_signal(pidfd: impl AsFd, sig: i32, flags: u32) -> Result<(), Errno> {
    if !(0..super::NSIG).contains(&sig) {
        return Err(Errno::INVAL);
    }
    // SAFETY: a null siginfo is allowed; the rest are integers.
    result(unsafe {
        syscall4(
            nr(k::__NR_pidfd_send_signal),
            pidfd.as_fd().as_raw_fd() as usize,
            sig as usize,
            0,
            flags as usize,
        )
    })
    .map(drop)
}

/// `signal.sigtimedwait(sigset, timeout)`—like [`sigwait`] but gives up
/// after `timeout` (`Ok(None)`), and returns the whole `siginfo`.
/// Interrupted waits resume with the time left (PEP 475).
///
/// # References
/// - [sigtimedwait(2)](https://man7.org/linux/man-pages/man2/sigtimedwait.2.html)
pub fn sigtimedwait(set: SigSet, timeout: Duration) -> Result<Option<SigInfo>, Errno> {
    let start = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    loop {
        let now = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
        let elapsed = Duration::new((now.tv_sec - start.tv_sec).max(0) as u64, 0)
            .saturating_add(Duration::from_nanos(now.tv_nsec as u64))
            .saturating_sub(Duration::from_nanos(start.tv_nsec as u64));
        match timed_wait(set, Some(timeout.saturating_sub(elapsed))) {
            Err(Errno::INTR) if !interrupted() => continue,
            other => return other,
        }
    }
}

/// One rt_sigtimedwait: `Ok(None)` on timeout.
fn timed_wait(set: SigSet, timeout: Option<Duration>) -> Result<Option<SigInfo>, Errno> {
    let mask = set.bits();
    let mut info = SigInfo::zeroed();
    let ts = timeout.map(|t| k::__kernel_timespec {
        tv_sec: t.as_secs().min(i64::MAX as u64) as _,
        tv_nsec: t.subsec_nanos() as _,
    });
    let ts_ptr = ts
        .as_ref()
        .map_or(0, |t| t as *const k::__kernel_timespec as usize);
    // 32-bit arm needs the 64-bit-time variant to take a 64-bit timespec.
    #[cfg(target_pointer_width = "32")]
    let call = k::__NR_rt_sigtimedwait_time64;
    #[cfg(target_pointer_width = "64")]
    let call = k::__NR_rt_sigtimedwait;
    // SAFETY: the kernel reads the 8-byte mask and the timespec, and
    // writes at most 128 bytes of siginfo.
    let ret = result(unsafe {
        syscall4(
            nr(call),
            &mask as *const u64 as usize,
            &mut info as *mut SigInfo as usize,
            ts_ptr,
            8,
        )
    });
    match ret {
        Ok(_) => Ok(Some(info)),
        Err(Errno::AGAIN) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `signal.signalfd(...)`—a file descriptor that reads the signals of
/// `set` as [`SignalfdSiginfo`] records (block them first). Close-on-exec
/// (PEP 446); `nonblock` makes reads return `EAGAIN` when none is pending.
/// Python has no `signalfd`; this is Linux's.
///
/// # References
/// - [signalfd(2)](https://man7.org/linux/man-pages/man2/signalfd.2.html)
pub fn signalfd(set: SigSet, nonblock: bool) -> Result<OwnedFd, Errno> {
    let mask = set.bits();
    // SFD_CLOEXEC and SFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK.
    let flags = k::O_CLOEXEC | if nonblock { k::O_NONBLOCK } else { 0 };
    // SAFETY: the kernel reads the 8-byte mask; fd -1 asks for a new fd.
    let fd = result(unsafe {
        syscall4(
            nr(k::__NR_signalfd4),
            -1isize as usize,
            &mask as *const u64 as usize,
            8,
            flags as usize,
        )
    })?;
    // SAFETY: signalfd4 returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// One record read from a [`signalfd`] (`struct signalfd_siginfo`).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C)]
pub struct SignalfdSiginfo {
    /// `ssi_signo`.
    pub signo: u32,
    /// `ssi_errno`.
    pub errno: i32,
    /// `ssi_code`.
    pub code: i32,
    /// `ssi_pid`: the sender.
    pub pid: u32,
    /// `ssi_uid`: the sender's real user id.
    pub uid: u32,
    rest: [u32; 27],
}

const _: () = assert!(size_of::<SignalfdSiginfo>() == 128);

impl SignalfdSiginfo {
    /// Reads one record from a signalfd, retrying `EINTR` (PEP 475).
    pub fn read(fd: &OwnedFd) -> Result<SignalfdSiginfo, Errno> {
        let mut record = SignalfdSiginfo::default();
        loop {
            // SAFETY: the record is 128 plain bytes the kernel may fill.
            let bytes = unsafe {
                core::slice::from_raw_parts_mut(&mut record as *mut SignalfdSiginfo as *mut u8, 128)
            };
            match rustix::io::read(fd, bytes).map_err(Errno::from) {
                Ok(128) => return Ok(record),
                Ok(_) => return Err(Errno::IO),
                Err(Errno::INTR) if !interrupted() => continue,
                Err(e) => return Err(e),
            }
        }
    }
}
