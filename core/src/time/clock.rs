//! The clocks: `time`, `monotonic`, `perf_counter`, `process_time`,
//! `thread_time` (each also in `_ns`), `clock_gettime`/`settime`/`getres`
//! and `get_clock_info`, on `clock_gettime(2)`.
//!
//! Reading a clock goes through rustix, which calls the vDSO's
//! `clock_gettime` when the runtime has told it where the vDSO is (a
//! Strata program does at startup) and makes the system call otherwise
//! (host tests, programs on another runtime). Setting a clock, its
//! resolution and clock ids rustix has no name for use the system call
//! directly, with 64-bit times on every architecture.

use super::error::Error;
use crate::errno::Errno;

/// A clock id, as `time.CLOCK_*` (Python's are plain `int`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClockId(i32);

impl ClockId {
    /// Any clock id the kernel may know, such as a CPU-time clock of
    /// another process.
    pub const fn from_raw(id: i32) -> ClockId {
        ClockId(id)
    }

    /// The kernel's number.
    pub const fn as_raw(self) -> i32 {
        self.0
    }
}

/// `time.CLOCK_REALTIME`: the wall clock, adjustable.
pub const CLOCK_REALTIME: ClockId = ClockId(0);
/// `time.CLOCK_MONOTONIC`: cannot go backwards; slewed by NTP.
pub const CLOCK_MONOTONIC: ClockId = ClockId(1);
/// `time.CLOCK_PROCESS_CPUTIME_ID`: CPU time of the process.
pub const CLOCK_PROCESS_CPUTIME_ID: ClockId = ClockId(2);
/// `time.CLOCK_THREAD_CPUTIME_ID`: CPU time of the calling thread.
pub const CLOCK_THREAD_CPUTIME_ID: ClockId = ClockId(3);
/// `time.CLOCK_MONOTONIC_RAW`: monotonic, never slewed.
pub const CLOCK_MONOTONIC_RAW: ClockId = ClockId(4);
/// `time.CLOCK_BOOTTIME`: monotonic, counting time suspended.
pub const CLOCK_BOOTTIME: ClockId = ClockId(7);
/// `time.CLOCK_TAI`: International Atomic Time.
pub const CLOCK_TAI: ClockId = ClockId(11);

/// A kernel `timespec` with 64-bit fields on every architecture.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub(crate) struct KernelTimespec {
    pub tv_sec: i64,
    pub tv_nsec: i64,
}

/// The clock system calls with 64-bit times: the `*time64` ones on the
/// 32-bit architecture.
mod nr {
    #[cfg(target_pointer_width = "64")]
    pub use linux_raw_sys::general::{
        __NR_clock_getres as GETRES, __NR_clock_gettime as GETTIME,
        __NR_clock_nanosleep as NANOSLEEP, __NR_clock_settime as SETTIME,
    };
    #[cfg(target_pointer_width = "32")]
    pub use linux_raw_sys::general::{
        __NR_clock_getres_time64 as GETRES, __NR_clock_gettime64 as GETTIME,
        __NR_clock_nanosleep_time64 as NANOSLEEP, __NR_clock_settime64 as SETTIME,
    };
}

/// The kernel's raw result: `-4095..=-1` is a negated errno.
fn raw_result(ret: usize) -> Result<usize, Errno> {
    if ret > -4096isize as usize {
        Err(Errno::from_raw_os_error(
            (ret as isize).wrapping_neg() as i32
        ))
    } else {
        Ok(ret)
    }
}

/// A clock call taking a clock id and a timespec pointer.
fn clock_call(nr: u32, id: ClockId, ts: *mut KernelTimespec) -> Result<(), Errno> {
    // SAFETY: `ts` points at a live, writable (for gettime/getres) or
    // initialised (for settime) KernelTimespec, the layout the *time64
    // calls and the 64-bit calls use; the kernel touches nothing else.
    let ret = unsafe { strata_arch::syscall2(nr as usize, id.0 as isize as usize, ts as usize) };
    raw_result(ret).map(drop)
}

/// `clock_nanosleep(id, flags, ts, NULL)`.
pub(crate) fn clock_nanosleep(id: ClockId, flags: u32, ts: &KernelTimespec) -> Result<(), Errno> {
    // SAFETY: `ts` is a valid timespec the kernel only reads; the
    // remaining-time pointer is NULL, which the kernel accepts.
    let ret = unsafe {
        strata_arch::syscall4(
            nr::NANOSLEEP as usize,
            id.0 as isize as usize,
            flags as usize,
            ts as *const KernelTimespec as usize,
            0,
        )
    };
    raw_result(ret).map(drop)
}

/// Reads a clock through rustix (the vDSO when known) where rustix names
/// it, else through the system call.
pub(crate) fn gettime(id: ClockId) -> Result<KernelTimespec, Errno> {
    use rustix::time::{ClockId as R, DynamicClockId as D};
    let known = match id {
        CLOCK_REALTIME => Some(D::Known(R::Realtime)),
        CLOCK_MONOTONIC => Some(D::Known(R::Monotonic)),
        CLOCK_PROCESS_CPUTIME_ID => Some(D::Known(R::ProcessCPUTime)),
        CLOCK_THREAD_CPUTIME_ID => Some(D::Known(R::ThreadCPUTime)),
        CLOCK_MONOTONIC_RAW => Some(D::Known(R::MonotonicRaw)),
        CLOCK_BOOTTIME => Some(D::Boottime),
        CLOCK_TAI => Some(D::Tai),
        _ => None,
    };
    match known {
        Some(d) => rustix::time::clock_gettime_dynamic(d)
            .map(|ts| KernelTimespec {
                tv_sec: ts.tv_sec,
                tv_nsec: ts.tv_nsec,
            })
            .map_err(Into::into),
        None => {
            let mut ts = KernelTimespec::default();
            clock_call(nr::GETTIME, id, &mut ts)?;
            Ok(ts)
        }
    }
}

/// CPython's `_PyTime_FromTimespec`: nanoseconds as a 64-bit integer.
fn to_ns(ts: KernelTimespec) -> Result<i64, Error> {
    ts.tv_sec
        .checked_mul(1_000_000_000)
        .and_then(|ns| ns.checked_add(ts.tv_nsec))
        .ok_or(Error::TooLarge)
}

/// How CPython rounds seconds to nanoseconds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Round {
    /// `_PyTime_ROUND_FLOOR`.
    Floor,
    /// `_PyTime_ROUND_UP` (`_PyTime_ROUND_TIMEOUT`): away from zero.
    Up,
}

/// CPython's `_PyTime_FromDouble`: seconds to nanoseconds, rounded, or
/// the error CPython raises (NaN, or outside 64-bit nanoseconds).
pub(crate) fn secs_to_ns(secs: f64, round: Round) -> Result<i64, Error> {
    if secs.is_nan() {
        return Err(Error::NotANumber);
    }
    let d = secs * 1e9;
    // -2^63 <= d < 2^63, both bounds exact in f64.
    if !(i64::MIN as f64..-(i64::MIN as f64)).contains(&d) {
        return Err(Error::TooLarge);
    }
    // In range: the truncation loses only the fraction.
    let t = d as i64;
    let tf = t as f64;
    Ok(if tf > d {
        t - 1
    } else if tf < d && round == Round::Up {
        t + 1
    } else {
        t
    })
}

/// CPython's `_PyTime_AsSecondsDouble`.
fn ns_to_secs(ns: i64) -> f64 {
    if ns.unsigned_abs() < 1 << 53 {
        // Exact as a double: dividing gives the same double CPython's
        // whole-second branch would.
        return ns as f64 / 1e9;
    }
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

/// A clock that cannot fail on Linux, in nanoseconds (saturated past
/// 2262, where CPython raises). These clocks exist on every kernel Strata
/// runs on; should one fail anyway, 0 is returned rather than panicking
/// (CPython aborts at startup in that case).
#[inline(always)]
fn infallible_ns(id: rustix::time::ClockId) -> i64 {
    match rustix::time::clock_gettime_dynamic(rustix::time::DynamicClockId::Known(id)) {
        Ok(ts) => ts
            .tv_sec
            .saturating_mul(1_000_000_000)
            .saturating_add(ts.tv_nsec),
        Err(_) => 0,
    }
}

/// `time.time()`—seconds since the Epoch, from `CLOCK_REALTIME`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.time")]
pub fn time() -> f64 {
    ns_to_secs(time_ns())
}

/// `time.time_ns()`—nanoseconds since the Epoch.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.time_ns")]
pub fn time_ns() -> i64 {
    infallible_ns(rustix::time::ClockId::Realtime)
}

/// `time.monotonic()`—seconds of `CLOCK_MONOTONIC`, for measuring
/// intervals.
///
/// Computed as nanoseconds × 1e-9, where CPython divides by 1e9: the two
/// can differ in the last bit of the float, which no reading can show
/// (there is never a second reading of the same instant), and the
/// division would make every call about 5 ns slower (the vDSO's fenced
/// counter read waits for it). [`monotonic_ns`] is exact.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.monotonic")]
pub fn monotonic() -> f64 {
    monotonic_ns() as f64 * 1e-9
}

/// `time.monotonic_ns()`—nanoseconds of `CLOCK_MONOTONIC`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.monotonic_ns")]
pub fn monotonic_ns() -> i64 {
    infallible_ns(rustix::time::ClockId::Monotonic)
}

/// `time.perf_counter()`—the clock for benchmarks; `CLOCK_MONOTONIC` on
/// Linux, as in CPython, and [`monotonic`] itself.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.perf_counter")]
pub fn perf_counter() -> f64 {
    monotonic()
}

/// `time.perf_counter_ns()`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.perf_counter_ns")]
pub fn perf_counter_ns() -> i64 {
    monotonic_ns()
}

/// `time.process_time()`—CPU seconds used by the process (user and
/// system), from `CLOCK_PROCESS_CPUTIME_ID`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.process_time")]
pub fn process_time() -> f64 {
    ns_to_secs(process_time_ns())
}

/// `time.process_time_ns()`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.process_time_ns")]
pub fn process_time_ns() -> i64 {
    infallible_ns(rustix::time::ClockId::ProcessCPUTime)
}

/// `time.thread_time()`—CPU seconds used by the calling thread.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.thread_time")]
pub fn thread_time() -> f64 {
    ns_to_secs(thread_time_ns())
}

/// `time.thread_time_ns()`.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.thread_time_ns")]
pub fn thread_time_ns() -> i64 {
    infallible_ns(rustix::time::ClockId::ThreadCPUTime)
}

/// `time.clock_gettime(clk_id)`—a clock in seconds, computed as CPython
/// does (`tv_sec + tv_nsec * 1e-9`).
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.clock_gettime")]
pub fn clock_gettime(clk_id: ClockId) -> Result<f64, Error> {
    let ts = gettime(clk_id)?;
    Ok(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

/// `time.pthread_getcpuclockid(thread_id)`—the CPU-time clock of one
/// thread of this process, `thread_id` being its
/// `threading.get_ident()`: the kernel's per-thread clock id
/// (`MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)`, as glibc makes it).
/// `ESRCH` when no such thread lives.
///
/// # References
/// - [pthread_getcpuclockid(3)](https://man7.org/linux/man-pages/man3/pthread_getcpuclockid.3.html)
/// - [clock_getres(2)](https://man7.org/linux/man-pages/man2/clock_getres.2.html) (dynamic clocks)
#[doc(alias = "time.pthread_getcpuclockid")]
pub fn pthread_getcpuclockid(thread_id: usize) -> Result<ClockId, Errno> {
    let tid = if thread_id == crate::thread::get_ident() {
        crate::thread::get_native_id()
    } else {
        crate::thread::tid_of(thread_id).ok_or(Errno::SRCH)?
    };
    const CPUCLOCK_PERTHREAD: i32 = 4;
    const CPUCLOCK_SCHED: i32 = 2;
    Ok(ClockId(
        (!(tid as i32)).wrapping_shl(3) | CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED,
    ))
}

/// `time.clock_gettime_ns(clk_id)`—a clock in nanoseconds.
///
/// # References
/// - [clock_gettime(2)](https://man7.org/linux/man-pages/man2/clock_gettime.2.html)
#[doc(alias = "time.clock_gettime_ns")]
pub fn clock_gettime_ns(clk_id: ClockId) -> Result<i64, Error> {
    to_ns(gettime(clk_id)?)
}

/// `time.clock_getres(clk_id)`—the resolution of a clock in seconds.
///
/// # References
/// - [clock_getres(2)](https://man7.org/linux/man-pages/man2/clock_getres.2.html)
#[doc(alias = "time.clock_getres")]
pub fn clock_getres(clk_id: ClockId) -> Result<f64, Error> {
    let mut ts = KernelTimespec::default();
    clock_call(nr::GETRES, clk_id, &mut ts)?;
    Ok(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

/// `time.clock_settime(clk_id, time)`—sets a clock (needs
/// `CAP_SYS_TIME`). The seconds are rounded down to nanoseconds, as
/// CPython does.
///
/// # References
/// - [clock_settime(2)](https://man7.org/linux/man-pages/man2/clock_settime.2.html)
#[doc(alias = "time.clock_settime")]
pub fn clock_settime(clk_id: ClockId, time: f64) -> Result<(), Error> {
    clock_settime_ns(clk_id, secs_to_ns(time, Round::Floor)?)
}

/// `time.clock_settime_ns(clk_id, time)`—sets a clock from nanoseconds.
///
/// # References
/// - [clock_settime(2)](https://man7.org/linux/man-pages/man2/clock_settime.2.html)
#[doc(alias = "time.clock_settime_ns")]
pub fn clock_settime_ns(clk_id: ClockId, time: i64) -> Result<(), Error> {
    let mut ts = KernelTimespec {
        tv_sec: time.div_euclid(1_000_000_000),
        tv_nsec: time.rem_euclid(1_000_000_000),
    };
    clock_call(nr::SETTIME, clk_id, &mut ts)?;
    Ok(())
}

/// What `time.get_clock_info(name)` returns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClockInfo {
    /// The call behind the clock, e.g. `clock_gettime(CLOCK_MONOTONIC)`.
    pub implementation: &'static str,
    /// Whether the clock can go backwards.
    pub monotonic: bool,
    /// Whether the clock can be set or slewed by the system.
    pub adjustable: bool,
    /// The clock's resolution in seconds.
    pub resolution: f64,
}

/// `time.get_clock_info(name)`—facts about the clock behind `time`,
/// `monotonic`, `perf_counter`, `process_time` or `thread_time`.
///
/// # References
/// - [clock_getres(2)](https://man7.org/linux/man-pages/man2/clock_getres.2.html)
#[doc(alias = "time.get_clock_info")]
pub fn get_clock_info(name: &str) -> Result<ClockInfo, Error> {
    let (id, implementation, monotonic, adjustable) = match name {
        "time" => (CLOCK_REALTIME, "clock_gettime(CLOCK_REALTIME)", false, true),
        "monotonic" | "perf_counter" => (
            CLOCK_MONOTONIC,
            "clock_gettime(CLOCK_MONOTONIC)",
            true,
            false,
        ),
        "process_time" => (
            CLOCK_PROCESS_CPUTIME_ID,
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            true,
            false,
        ),
        "thread_time" => (
            CLOCK_THREAD_CPUTIME_ID,
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            true,
            false,
        ),
        _ => return Err(Error::UnknownClock),
    };
    Ok(ClockInfo {
        implementation,
        monotonic,
        adjustable,
        resolution: clock_getres(id)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_without_a_vdso_and_move_forward() {
        let a = monotonic_ns();
        let b = monotonic_ns();
        assert!(a > 0 && b >= a);
        let now = time();
        assert!(now > 1.6e9 && now < 5e9, "{now}");
        assert!(process_time_ns() > 0);
        assert!(thread_time_ns() > 0);
        for id in [CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME, CLOCK_TAI] {
            assert!(clock_gettime_ns(id).unwrap() > 0);
            assert!(clock_getres(id).unwrap() > 0.0);
        }
        let tai = clock_gettime(CLOCK_TAI).unwrap();
        assert!((tai - now).abs() < 100.0);
    }

    #[test]
    fn unknown_clocks_and_permissions_are_errors() {
        assert_eq!(
            clock_gettime(ClockId::from_raw(99)),
            Err(Error::Os(crate::errno::EINVAL))
        );
        assert_eq!(get_clock_info("sundial"), Err(Error::UnknownClock));
        let info = get_clock_info("time").unwrap();
        assert_eq!(info.implementation, "clock_gettime(CLOCK_REALTIME)");
        assert!(info.adjustable && !info.monotonic && info.resolution > 0.0);
        // Setting the monotonic clock is never allowed.
        assert_eq!(
            clock_settime_ns(CLOCK_MONOTONIC, 0),
            Err(Error::Os(crate::errno::EINVAL))
        );
        assert_eq!(
            clock_settime(CLOCK_REALTIME, f64::NAN),
            Err(Error::NotANumber)
        );
    }

    #[test]
    fn seconds_convert_as_cpython() {
        assert_eq!(ns_to_secs(3_000_000_000), 3.0);
        assert_eq!(ns_to_secs(1_500_000_001), 1_500_000_001f64 / 1e9);
        assert_eq!(ns_to_secs(-1), -1e-9);
    }
}
