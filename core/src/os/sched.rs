//! The scheduler: Python's `os.sched_*` functions.
//!
//! [`CpuSet`] stands for the set of ints Python's affinity calls use; it
//! holds CPUs 0 to 8191 (the kernel's largest `NR_CPUS`), so the kernel
//! never refuses it as too small.

use crate::errno::Errno;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use strata_arch::{syscall0, syscall1, syscall2, syscall3};

/// `os.SCHED_OTHER`: the default time-sharing policy.
pub const SCHED_OTHER: i32 = 0;
/// `os.SCHED_FIFO`: real-time, first in first out.
pub const SCHED_FIFO: i32 = 1;
/// `os.SCHED_RR`: real-time, round robin.
pub const SCHED_RR: i32 = 2;
/// `os.SCHED_BATCH`: CPU-bound batch work.
pub const SCHED_BATCH: i32 = 3;
/// `os.SCHED_IDLE`: only when nothing else runs.
pub const SCHED_IDLE: i32 = 5;
/// `os.SCHED_RESET_ON_FORK`: or'ed into a policy, children start with
/// the default policy.
pub const SCHED_RESET_ON_FORK: i32 = 0x4000_0000;

/// `os.sched_param`: a policy's parameters.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[doc(alias = "sched_param")]
pub struct SchedParam {
    /// The static priority (1..=99 for real-time policies, else 0).
    pub sched_priority: i32,
}

/// `os.sched_yield()`—gives the CPU to another runnable thread.
///
/// # References
/// - [sched_yield(2)](https://man7.org/linux/man-pages/man2/sched_yield.2.html)
pub fn sched_yield() {
    // SAFETY: no arguments; it cannot fail.
    unsafe { syscall0(nr(k::__NR_sched_yield)) };
}

/// `os.sched_get_priority_min(policy)`.
///
/// # References
/// - [sched_get_priority_min(2)](https://man7.org/linux/man-pages/man2/sched_get_priority_min.2.html)
pub fn sched_get_priority_min(policy: i32) -> Result<i32, Errno> {
    // SAFETY: an integer argument.
    result(unsafe { syscall1(nr(k::__NR_sched_get_priority_min), policy as usize) })
        .map(|v| v as i32)
}

/// `os.sched_get_priority_max(policy)`.
///
/// # References
/// - [sched_get_priority_max(2)](https://man7.org/linux/man-pages/man2/sched_get_priority_max.2.html)
pub fn sched_get_priority_max(policy: i32) -> Result<i32, Errno> {
    // SAFETY: an integer argument.
    result(unsafe { syscall1(nr(k::__NR_sched_get_priority_max), policy as usize) })
        .map(|v| v as i32)
}

/// `os.sched_getscheduler(pid)`—the policy of `pid` (0: this process).
///
/// # References
/// - [sched_getscheduler(2)](https://man7.org/linux/man-pages/man2/sched_getscheduler.2.html)
pub fn sched_getscheduler(pid: i32) -> Result<i32, Errno> {
    // SAFETY: an integer argument.
    result(unsafe { syscall1(nr(k::__NR_sched_getscheduler), pid as usize) }).map(|v| v as i32)
}

/// `os.sched_setscheduler(pid, policy, param)`.
///
/// # References
/// - [sched_setscheduler(2)](https://man7.org/linux/man-pages/man2/sched_setscheduler.2.html)
pub fn sched_setscheduler(pid: i32, policy: i32, param: &SchedParam) -> Result<(), Errno> {
    // SAFETY: the kernel reads one sched_param.
    result(unsafe {
        syscall3(
            nr(k::__NR_sched_setscheduler),
            pid as usize,
            policy as usize,
            param as *const SchedParam as usize,
        )
    })
    .map(drop)
}

/// `os.sched_getparam(pid)`.
///
/// # References
/// - [sched_getparam(2)](https://man7.org/linux/man-pages/man2/sched_getparam.2.html)
pub fn sched_getparam(pid: i32) -> Result<SchedParam, Errno> {
    let mut param = SchedParam::default();
    // SAFETY: the kernel writes one sched_param.
    result(unsafe {
        syscall2(
            nr(k::__NR_sched_getparam),
            pid as usize,
            &mut param as *mut SchedParam as usize,
        )
    })?;
    Ok(param)
}

/// `os.sched_setparam(pid, param)`.
///
/// # References
/// - [sched_setparam(2)](https://man7.org/linux/man-pages/man2/sched_setparam.2.html)
pub fn sched_setparam(pid: i32, param: &SchedParam) -> Result<(), Errno> {
    // SAFETY: the kernel reads one sched_param.
    result(unsafe {
        syscall2(
            nr(k::__NR_sched_setparam),
            pid as usize,
            param as *const SchedParam as usize,
        )
    })
    .map(drop)
}

/// `os.sched_rr_get_interval(pid)`—the round-robin time slice of `pid`,
/// in seconds.
///
/// # References
/// - [sched_rr_get_interval(2)](https://man7.org/linux/man-pages/man2/sched_rr_get_interval.2.html)
pub fn sched_rr_get_interval(pid: i32) -> Result<f64, Errno> {
    // 64-bit seconds everywhere: 32-bit arm uses the time64 call.
    let mut ts = [0i64; 2];
    #[cfg(target_arch = "arm")]
    let call = nr(k::__NR_sched_rr_get_interval_time64);
    #[cfg(not(target_arch = "arm"))]
    let call = nr(k::__NR_sched_rr_get_interval);
    // SAFETY: the kernel writes one 64-bit timespec.
    result(unsafe { syscall2(call, pid as usize, ts.as_mut_ptr() as usize) })?;
    Ok(ts[0] as f64 + ts[1] as f64 * 1e-9)
}

/// The number of CPUs a [`CpuSet`] can hold.
pub const CPU_SETSIZE: usize = 8192;
const WORDS: usize = CPU_SETSIZE / 64;

/// A set of CPU numbers, for [`sched_getaffinity`] and
/// [`sched_setaffinity`] (Python uses a set of ints).
#[derive(Clone, PartialEq, Eq)]
pub struct CpuSet {
    bits: [u64; WORDS],
}

impl Default for CpuSet {
    fn default() -> Self {
        CpuSet::new()
    }
}

impl CpuSet {
    /// No CPUs.
    pub const fn new() -> Self {
        CpuSet { bits: [0; WORDS] }
    }

    /// Adds `cpu`; `EINVAL` past [`CPU_SETSIZE`].
    pub fn insert(&mut self, cpu: usize) -> Result<(), Errno> {
        let word = self.bits.get_mut(cpu / 64).ok_or(Errno::INVAL)?;
        *word |= 1 << (cpu % 64);
        Ok(())
    }

    /// Removes `cpu`.
    pub fn remove(&mut self, cpu: usize) {
        if let Some(word) = self.bits.get_mut(cpu / 64) {
            *word &= !(1 << (cpu % 64));
        }
    }

    /// Whether `cpu` is in the set.
    pub fn contains(&self, cpu: usize) -> bool {
        self.bits
            .get(cpu / 64)
            .is_some_and(|w| w & (1 << (cpu % 64)) != 0)
    }

    /// `len(set)`.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether no CPU is in the set.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&w| w == 0)
    }

    /// The CPUs, lowest first.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..CPU_SETSIZE).filter(|&c| self.contains(c))
    }
}

impl core::fmt::Debug for CpuSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// `os.sched_getaffinity(pid)`—the CPUs `pid` (0: this process) may run
/// on.
///
/// # References
/// - [sched_getaffinity(2)](https://man7.org/linux/man-pages/man2/sched_getaffinity.2.html)
pub fn sched_getaffinity(pid: i32) -> Result<CpuSet, Errno> {
    let mut set = CpuSet::new();
    // SAFETY: the kernel writes at most size_of(bits) bytes into bits.
    result(unsafe {
        syscall3(
            nr(k::__NR_sched_getaffinity),
            pid as usize,
            size_of::<[u64; WORDS]>(),
            set.bits.as_mut_ptr() as usize,
        )
    })?;
    Ok(set)
}

/// `os.sched_setaffinity(pid, mask)`—restricts `pid` (0: this process)
/// to the CPUs in `mask`.
///
/// # References
/// - [sched_setaffinity(2)](https://man7.org/linux/man-pages/man2/sched_setaffinity.2.html)
pub fn sched_setaffinity(pid: i32, mask: &CpuSet) -> Result<(), Errno> {
    // SAFETY: the kernel reads size_of(bits) bytes.
    result(unsafe {
        syscall3(
            nr(k::__NR_sched_setaffinity),
            pid as usize,
            size_of::<[u64; WORDS]>(),
            mask.bits.as_ptr() as usize,
        )
    })
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_sets_hold_what_is_put_in() {
        let mut s = CpuSet::new();
        assert!(s.is_empty());
        s.insert(0).unwrap();
        s.insert(63).unwrap();
        s.insert(64).unwrap();
        s.insert(CPU_SETSIZE - 1).unwrap();
        assert_eq!(s.insert(CPU_SETSIZE), Err(Errno::INVAL));
        assert_eq!(s.count(), 4);
        assert!(s.contains(63) && !s.contains(62));
        s.remove(63);
        let cpus: std::vec::Vec<_> = s.iter().collect();
        assert_eq!(cpus, [0, 64, CPU_SETSIZE - 1]);
    }
}
