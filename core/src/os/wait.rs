//! Waiting for children: `os.wait`, `waitpid`, `wait3`, `wait4`,
//! `waitid`, the `W*` status macros and `waitstatus_to_exitcode`.
//!
//! A status is the raw `int` Python hands out; decode it with the `W*`
//! functions, which are glibc's macros. Waits retry `EINTR` (PEP 475).
//! Resource usage is [`Rusage`], Python's `resource.struct_rusage`.

use super::fd::retry;
use crate::errno::Errno;
use crate::sys::{nr, result};
use core::ffi::c_long;
use linux_raw_sys::general as k;
use strata_arch::{syscall4, syscall5};

/// `os.WNOHANG`: return at once if no child has changed state.
pub const WNOHANG: i32 = 1;
/// `os.WUNTRACED`: also report stopped children.
pub const WUNTRACED: i32 = 2;
/// `os.WSTOPPED` (for `waitid`): report stopped children.
pub const WSTOPPED: i32 = 2;
/// `os.WEXITED` (for `waitid`): report children that ended.
pub const WEXITED: i32 = 4;
/// `os.WCONTINUED`: also report children continued by `SIGCONT`.
pub const WCONTINUED: i32 = 8;
/// `os.WNOWAIT` (for `waitid`): leave the child waitable.
pub const WNOWAIT: i32 = 0x0100_0000;

/// `os.P_ALL`: any child.
pub const P_ALL: i32 = 0;
/// `os.P_PID`: the child with this process id.
pub const P_PID: i32 = 1;
/// `os.P_PGID`: any child in this process group.
pub const P_PGID: i32 = 2;
/// `os.P_PIDFD`: the child this pidfd refers to.
pub const P_PIDFD: i32 = 3;

/// `os.CLD_EXITED`.
pub const CLD_EXITED: i32 = 1;
/// `os.CLD_KILLED`.
pub const CLD_KILLED: i32 = 2;
/// `os.CLD_DUMPED`.
pub const CLD_DUMPED: i32 = 3;
/// `os.CLD_TRAPPED`.
pub const CLD_TRAPPED: i32 = 4;
/// `os.CLD_STOPPED`.
pub const CLD_STOPPED: i32 = 5;
/// `os.CLD_CONTINUED`.
pub const CLD_CONTINUED: i32 = 6;

/// `os.WIFEXITED(status)`: the child ended normally.
#[allow(non_snake_case)]
pub const fn WIFEXITED(status: i32) -> bool {
    status & 0x7f == 0
}

/// `os.WEXITSTATUS(status)`: its exit status (when [`WIFEXITED`]).
#[allow(non_snake_case)]
pub const fn WEXITSTATUS(status: i32) -> i32 {
    (status >> 8) & 0xff
}

/// `os.WIFSIGNALED(status)`: a signal ended the child.
#[allow(non_snake_case)]
pub const fn WIFSIGNALED(status: i32) -> bool {
    (((status & 0x7f) + 1) as i8 >> 1) > 0
}

/// `os.WTERMSIG(status)`: the signal that ended it.
#[allow(non_snake_case)]
pub const fn WTERMSIG(status: i32) -> i32 {
    status & 0x7f
}

/// `os.WCOREDUMP(status)`: it dumped core.
#[allow(non_snake_case)]
pub const fn WCOREDUMP(status: i32) -> bool {
    status & 0x80 != 0
}

/// `os.WIFSTOPPED(status)`: the child is stopped.
#[allow(non_snake_case)]
pub const fn WIFSTOPPED(status: i32) -> bool {
    status & 0xff == 0x7f
}

/// `os.WSTOPSIG(status)`: the signal that stopped it.
#[allow(non_snake_case)]
pub const fn WSTOPSIG(status: i32) -> i32 {
    WEXITSTATUS(status)
}

/// `os.WIFCONTINUED(status)`: `SIGCONT` resumed it.
#[allow(non_snake_case)]
pub const fn WIFCONTINUED(status: i32) -> bool {
    status == 0xffff
}

/// `os.waitstatus_to_exitcode(status)`—the exit code, or minus the
/// signal that ended the child; `EINVAL` (Python's `ValueError`) for a
/// stopped or otherwise undecodable status.
pub const fn waitstatus_to_exitcode(status: i32) -> Result<i32, Errno> {
    if WIFEXITED(status) {
        Ok(WEXITSTATUS(status))
    } else if WIFSIGNALED(status) {
        Ok(-WTERMSIG(status))
    } else {
        Err(Errno::INVAL)
    }
}

/// `resource.struct_rusage`: what a child used, as `wait3`/`wait4`
/// report it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rusage {
    /// User CPU time, seconds.
    pub ru_utime: f64,
    /// System CPU time, seconds.
    pub ru_stime: f64,
    /// Peak resident set size, KiB.
    pub ru_maxrss: i64,
    /// Unused on Linux.
    pub ru_ixrss: i64,
    /// Unused on Linux.
    pub ru_idrss: i64,
    /// Unused on Linux.
    pub ru_isrss: i64,
    /// Page faults served without I/O.
    pub ru_minflt: i64,
    /// Page faults that needed I/O.
    pub ru_majflt: i64,
    /// Unused on Linux.
    pub ru_nswap: i64,
    /// Blocks read by the file system.
    pub ru_inblock: i64,
    /// Blocks written by the file system.
    pub ru_oublock: i64,
    /// Unused on Linux.
    pub ru_msgsnd: i64,
    /// Unused on Linux.
    pub ru_msgrcv: i64,
    /// Unused on Linux.
    pub ru_nsignals: i64,
    /// Voluntary context switches.
    pub ru_nvcsw: i64,
    /// Involuntary context switches.
    pub ru_nivcsw: i64,
}

/// The kernel's `struct rusage`: two `timeval`s of two longs, then 14
/// longs (32-bit on arm).
#[repr(C)]
#[derive(Default)]
struct KernelRusage {
    fields: [c_long; 18],
}

// c_long is i64 on the 64-bit targets, where `into` is the identity.
#[allow(clippy::useless_conversion)]
impl From<KernelRusage> for Rusage {
    fn from(r: KernelRusage) -> Self {
        let f = |i: usize| i64::from(r.fields[i]);
        let secs = |i: usize| f(i) as f64 + f(i + 1) as f64 * 1e-6;
        Rusage {
            ru_utime: secs(0),
            ru_stime: secs(2),
            ru_maxrss: f(4),
            ru_ixrss: f(5),
            ru_idrss: f(6),
            ru_isrss: f(7),
            ru_minflt: f(8),
            ru_majflt: f(9),
            ru_nswap: f(10),
            ru_inblock: f(11),
            ru_oublock: f(12),
            ru_msgsnd: f(13),
            ru_msgrcv: f(14),
            ru_nsignals: f(15),
            ru_nvcsw: f(16),
            ru_nivcsw: f(17),
        }
    }
}

fn raw_wait4(
    pid: i32,
    options: i32,
    usage: Option<&mut KernelRusage>,
) -> Result<(i32, i32), Errno> {
    let mut status = 0i32;
    let usage = usage.map_or(0, |u| u as *mut KernelRusage as usize);
    let got = retry(|| {
        // SAFETY: the kernel writes one int and, if asked, one rusage.
        result(unsafe {
            syscall4(
                nr(k::__NR_wait4),
                pid as usize,
                &mut status as *mut i32 as usize,
                options as usize,
                usage,
            )
        })
    })?;
    Ok((got as i32, if got == 0 { 0 } else { status }))
}

/// `os.wait()`—waits for any child; returns `(pid, status)`.
///
/// # References
/// - [wait(2)](https://man7.org/linux/man-pages/man2/wait.2.html)
pub fn wait() -> Result<(i32, i32), Errno> {
    raw_wait4(-1, 0, None)
}

/// `os.waitpid(pid, options)`—waits for child `pid` (-1: any; 0: any in
/// this group; below -1: any in group `-pid`). With [`WNOHANG`] and no
/// change, `(0, 0)`, as in Python.
///
/// # References
/// - [waitpid(2)](https://man7.org/linux/man-pages/man2/waitpid.2.html)
pub fn waitpid(pid: i32, options: i32) -> Result<(i32, i32), Errno> {
    raw_wait4(pid, options, None)
}

/// `os.wait3(options)`—[`wait`] with options, plus the child's resource
/// usage.
///
/// # References
/// - [wait3(2)](https://man7.org/linux/man-pages/man2/wait3.2.html)
pub fn wait3(options: i32) -> Result<(i32, i32, Rusage), Errno> {
    wait4(-1, options)
}

/// `os.wait4(pid, options)`—[`waitpid`] plus the child's resource usage.
///
/// # References
/// - [wait4(2)](https://man7.org/linux/man-pages/man2/wait4.2.html)
pub fn wait4(pid: i32, options: i32) -> Result<(i32, i32, Rusage), Errno> {
    let mut usage = KernelRusage::default();
    let (pid, status) = raw_wait4(pid, options, Some(&mut usage))?;
    Ok((pid, status, usage.into()))
}

/// `os.waitid_result`: what [`waitid`] learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[doc(alias = "waitid_result")]
pub struct WaitidResult {
    /// The child's process id.
    pub si_pid: i32,
    /// The child's real user id.
    pub si_uid: u32,
    /// Always `SIGCHLD`.
    pub si_signo: i32,
    /// The exit status, or the signal (see `si_code`).
    pub si_status: i32,
    /// `CLD_EXITED`, `CLD_KILLED`, `CLD_DUMPED`, `CLD_STOPPED`, ...
    pub si_code: i32,
}

/// `os.waitid(idtype, id, options)`—waits for a child chosen by `idtype`
/// ([`P_PID`], [`P_PGID`], [`P_ALL`], [`P_PIDFD`]) and `id`; `options`
/// must hold [`WEXITED`], [`WSTOPPED`] or [`WCONTINUED`]. `None` when
/// [`WNOHANG`] finds no child ready, as Python returns `None`.
///
/// # References
/// - [waitid(2)](https://man7.org/linux/man-pages/man2/waitid.2.html)
pub fn waitid(idtype: i32, id: i32, options: i32) -> Result<Option<WaitidResult>, Errno> {
    let mut info = SigInfoBuf([0; 128]);
    retry(|| {
        // SAFETY: the kernel writes one siginfo_t (128 bytes) into info;
        // no rusage.
        result(unsafe {
            syscall5(
                nr(k::__NR_waitid),
                idtype as usize,
                id as usize,
                info.0.as_mut_ptr() as usize,
                options as usize,
                0,
            )
        })
    })?;
    let pid = info.i32_at(SI_UNION);
    if pid == 0 {
        return Ok(None);
    }
    Ok(Some(WaitidResult {
        si_pid: pid,
        si_uid: info.i32_at(SI_UNION + 4) as u32,
        si_signo: info.i32_at(0),
        si_status: info.i32_at(SI_UNION + 8),
        si_code: info.i32_at(8),
    }))
}

/// A `siginfo_t`, read field by field.
#[repr(C, align(8))]
struct SigInfoBuf([u8; 128]);

impl SigInfoBuf {
    fn i32_at(&self, at: usize) -> i32 {
        i32::from_ne_bytes([self.0[at], self.0[at + 1], self.0[at + 2], self.0[at + 3]])
    }
}

/// Where the union of `siginfo_t` starts: after three ints, aligned to a
/// pointer.
const SI_UNION: usize = if cfg!(target_pointer_width = "64") {
    16
} else {
    12
};

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython's W* answers for a spread of statuses, from
    /// tests/oracle/os_wait.py.
    const ORACLE: &str = include_str!("../../../tests/oracle/os_wait.txt");

    #[test]
    fn status_macros_match_cpython() {
        let mut checked = 0;
        for line in ORACLE.lines() {
            let f: std::vec::Vec<&str> = line.split('\t').collect();
            let status: i32 = f[0].parse().unwrap();
            let b = |x: bool| if x { "1" } else { "0" };
            let got = [
                b(WIFEXITED(status)).into(),
                WEXITSTATUS(status).to_string(),
                b(WIFSIGNALED(status)).into(),
                WTERMSIG(status).to_string(),
                b(WCOREDUMP(status)).into(),
                b(WIFSTOPPED(status)).into(),
                WSTOPSIG(status).to_string(),
                b(WIFCONTINUED(status)).into(),
                match waitstatus_to_exitcode(status) {
                    Ok(code) => code.to_string(),
                    Err(_) => "ValueError".into(),
                },
            ];
            let got: std::vec::Vec<std::string::String> = got.into();
            assert_eq!(got, f[1..], "status {status}");
            checked += 1;
        }
        assert!(checked > 100, "{checked}");
    }
}
