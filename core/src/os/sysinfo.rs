//! System information: `os.cpu_count`, `process_cpu_count`, `sysconf`,
//! `getloadavg`.
//!
//! The answers are glibc's (2.36), which CPython on Linux reports: online
//! CPUs from `/sys/devices/system/cpu/online`, configured CPUs by
//! counting `cpuN` directories, the load average from `sysinfo(2)`.
//! `sysconf` takes Python's string names (`"SC_PAGE_SIZE"`); an unknown
//! name is `EINVAL` (Python's `ValueError`).

use super::sched::sched_getaffinity;
use crate::errno::Errno;
use rustix::fs::OFlags;
use rustix::process::{Resource, getrlimit};

/// The clock ticks per second the kernel passed (`AT_CLKTCK`), 100 if
/// none.
pub(crate) fn clock_ticks() -> usize {
    super::getauxval(17).filter(|&t| t > 0).unwrap_or(100)
}

/// `os.cpu_count()`—the number of CPUs online, `None` if unknown.
///
/// # References
/// - [get_nprocs(3)](https://man7.org/linux/man-pages/man3/get_nprocs.3.html)
pub fn cpu_count() -> Option<usize> {
    online_cpus().filter(|&n| n > 0)
}

/// `os.process_cpu_count()` (Python 3.13)—the CPUs this process may run
/// on (its affinity), `None` if unknown.
///
/// # References
/// - [sched_getaffinity(2)](https://man7.org/linux/man-pages/man2/sched_getaffinity.2.html)
pub fn process_cpu_count() -> Option<usize> {
    sched_getaffinity(0)
        .ok()
        .map(|set| set.count())
        .filter(|&n| n > 0)
        .or_else(cpu_count)
}

fn online_cpus() -> Option<usize> {
    let mut buf = [0u8; 256];
    read_file(b"/sys/devices/system/cpu/online", &mut buf)
        .and_then(count_cpu_list)
        .or_else(|| sched_getaffinity(0).ok().map(|s| s.count()))
}

fn configured_cpus() -> Option<usize> {
    let mut buf = [0u8; 4096];
    let dir = b"/sys/devices/system/cpu";
    let count = super::scandir(dir, &mut buf).ok().map(|entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| {
                let n = e.name();
                n.len() > 3 && n.starts_with(b"cpu") && n[3..].iter().all(u8::is_ascii_digit)
            })
            .count()
    });
    count.filter(|&n| n > 0).or_else(online_cpus)
}

/// Reads a small file whole into `buf`.
fn read_file<'b>(path: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let fd = super::open(path, OFlags::RDONLY, 0).ok()?;
    let mut len = 0;
    loop {
        match super::read(&fd, &mut buf[len..]).ok()? {
            0 => return Some(&buf[..len]),
            n => len += n,
        }
        if len == buf.len() {
            return None;
        }
    }
}

/// Counts the CPUs in a kernel CPU list such as `0-3,8,10-11\n`.
pub(crate) fn count_cpu_list(list: &[u8]) -> Option<usize> {
    let list = list.trim_ascii();
    if list.is_empty() {
        return None;
    }
    let number = |s: &[u8]| -> Option<usize> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        s.iter().try_fold(0usize, |n, &d| {
            n.checked_mul(10)?.checked_add(usize::from(d - b'0'))
        })
    };
    list.split(|&b| b == b',').try_fold(0usize, |total, part| {
        let n = match part.iter().position(|&b| b == b'-') {
            Some(dash) => {
                let (lo, hi) = (number(&part[..dash])?, number(&part[dash + 1..])?);
                hi.checked_sub(lo)? + 1
            }
            None => {
                number(part)?;
                1
            }
        };
        total.checked_add(n)
    })
}

/// `os.getloadavg()`—the 1, 5 and 15 minute load averages.
///
/// # References
/// - [getloadavg(3)](https://man7.org/linux/man-pages/man3/getloadavg.3.html)
pub fn getloadavg() -> Result<(f64, f64, f64), Errno> {
    let info = rustix::system::sysinfo();
    // SI_LOAD_SHIFT: the kernel's loads are fixed point with 16 bits.
    let load = |i: usize| info.loads[i] as f64 / 65536.0;
    Ok((load(0), load(1), load(2)))
}

fn rlimit(resource: Resource) -> i64 {
    getrlimit(resource)
        .current
        .map_or(-1, |v| i64::try_from(v).unwrap_or(i64::MAX))
}

fn pages(bytes_of: impl Fn(&rustix::system::Sysinfo) -> u64) -> i64 {
    let info = rustix::system::sysinfo();
    let unit = u64::from(info.mem_unit.max(1));
    let bytes = bytes_of(&info).saturating_mul(unit);
    (bytes / super::page_size() as u64) as i64
}

/// `os.sysconf(name)`—a system configuration value, by Python's name:
///
/// | name | value |
/// |---|---|
/// | `SC_ARG_MAX` | the stack limit / 4, at least 131072 |
/// | `SC_CHILD_MAX` | `RLIMIT_NPROC` (-1: unlimited) |
/// | `SC_CLK_TCK` | clock ticks per second |
/// | `SC_NGROUPS_MAX` | 65536 |
/// | `SC_OPEN_MAX` | `RLIMIT_NOFILE` |
/// | `SC_PAGESIZE`, `SC_PAGE_SIZE` | the page size |
/// | `SC_PHYS_PAGES`, `SC_AVPHYS_PAGES` | total and free memory in pages |
/// | `SC_NPROCESSORS_CONF`, `SC_NPROCESSORS_ONLN` | configured and online CPUs |
/// | `SC_LOGIN_NAME_MAX`, `SC_LINE_MAX`, `SC_IOV_MAX`, `SC_TTY_NAME_MAX`, `SC_STREAM_MAX`, `SC_RE_DUP_MAX`, `SC_XOPEN_VERSION` | glibc's constants |
/// | `SC_TZNAME_MAX`, `SC_SEM_NSEMS_MAX` | -1 (no limit) |
///
/// # References
/// - [sysconf(3)](https://man7.org/linux/man-pages/man3/sysconf.3.html)
// sysinfo's fields are c_ulong: u32 on arm, where the casts widen.
#[allow(clippy::unnecessary_cast)]
pub fn sysconf(name: &str) -> Result<i64, Errno> {
    Ok(match name {
        "SC_ARG_MAX" => match getrlimit(Resource::Stack).current {
            Some(stack) => i64::try_from(stack / 4).unwrap_or(i64::MAX).max(131072),
            None => i64::MAX / 4,
        },
        "SC_CHILD_MAX" => rlimit(Resource::Nproc),
        "SC_CLK_TCK" => clock_ticks() as i64,
        "SC_NGROUPS_MAX" => super::NGROUPS_MAX as i64,
        "SC_OPEN_MAX" => rlimit(Resource::Nofile),
        "SC_PAGESIZE" | "SC_PAGE_SIZE" => super::page_size() as i64,
        "SC_PHYS_PAGES" => pages(|i| i.totalram as u64),
        "SC_AVPHYS_PAGES" => pages(|i| i.freeram as u64),
        "SC_NPROCESSORS_CONF" => configured_cpus().map_or(1, |n| n as i64),
        "SC_NPROCESSORS_ONLN" => online_cpus().map_or(1, |n| n as i64),
        "SC_LOGIN_NAME_MAX" => 256,
        "SC_LINE_MAX" => 2048,
        "SC_IOV_MAX" => 1024,
        "SC_TTY_NAME_MAX" => 32,
        "SC_STREAM_MAX" => 16,
        "SC_RE_DUP_MAX" => 32767,
        "SC_XOPEN_VERSION" => 700,
        "SC_TZNAME_MAX" | "SC_SEM_NSEMS_MAX" => -1,
        _ => return Err(Errno::INVAL),
    })
}

/// The names [`sysconf`] knows, for `os.sysconf_names`.
#[doc(alias = "sysconf_names")]
pub const SYSCONF_NAMES: [&str; 20] = [
    "SC_ARG_MAX",
    "SC_AVPHYS_PAGES",
    "SC_CHILD_MAX",
    "SC_CLK_TCK",
    "SC_IOV_MAX",
    "SC_LINE_MAX",
    "SC_LOGIN_NAME_MAX",
    "SC_NGROUPS_MAX",
    "SC_NPROCESSORS_CONF",
    "SC_NPROCESSORS_ONLN",
    "SC_OPEN_MAX",
    "SC_PAGESIZE",
    "SC_PAGE_SIZE",
    "SC_PHYS_PAGES",
    "SC_RE_DUP_MAX",
    "SC_SEM_NSEMS_MAX",
    "SC_STREAM_MAX",
    "SC_TTY_NAME_MAX",
    "SC_TZNAME_MAX",
    "SC_XOPEN_VERSION",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists_count_like_glibc() {
        assert_eq!(count_cpu_list(b"0-1\n"), Some(2));
        assert_eq!(count_cpu_list(b"0"), Some(1));
        assert_eq!(count_cpu_list(b"0-3,8,10-11"), Some(7));
        assert_eq!(count_cpu_list(b""), None);
        assert_eq!(count_cpu_list(b"3-1"), None);
        assert_eq!(count_cpu_list(b"a-b"), None);
        assert_eq!(count_cpu_list(b"0,,1"), None);
    }

    #[test]
    fn every_listed_name_answers_and_others_do_not() {
        for name in SYSCONF_NAMES {
            assert!(sysconf(name).is_ok(), "{name}");
        }
        assert_eq!(sysconf("SC_NOPE"), Err(Errno::INVAL));
    }
}
