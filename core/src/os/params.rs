//! Process parameters: ids, groups, sessions, priority, umask, uname and
//! the login name.
//!
//! The id setters are the raw system calls, which change the calling
//! thread only; glibc broadcasts them to every thread. Strata programs are
//! single-threaded until a thread layer exists, and that layer will have
//! to broadcast. Python's `-1` ("leave unchanged") is `None`.

use crate::errno::Errno;
use crate::sys::{nr, result};
use linux_raw_sys::general as k;
use strata_arch::{syscall0, syscall1, syscall2, syscall3};

// 32-bit arm kept 16-bit ids in the original calls; the `32` ones take
// full ids.
#[cfg(not(target_arch = "arm"))]
use k::{
    __NR_getgroups as NR_GETGROUPS, __NR_getresgid as NR_GETRESGID, __NR_getresuid as NR_GETRESUID,
    __NR_setgid as NR_SETGID, __NR_setgroups as NR_SETGROUPS, __NR_setregid as NR_SETREGID,
    __NR_setresgid as NR_SETRESGID, __NR_setresuid as NR_SETRESUID, __NR_setreuid as NR_SETREUID,
    __NR_setuid as NR_SETUID,
};
#[cfg(target_arch = "arm")]
use k::{
    __NR_getgroups32 as NR_GETGROUPS, __NR_getresgid32 as NR_GETRESGID,
    __NR_getresuid32 as NR_GETRESUID, __NR_setgid32 as NR_SETGID, __NR_setgroups32 as NR_SETGROUPS,
    __NR_setregid32 as NR_SETREGID, __NR_setresgid32 as NR_SETRESGID,
    __NR_setresuid32 as NR_SETRESUID, __NR_setreuid32 as NR_SETREUID, __NR_setuid32 as NR_SETUID,
};

/// `None` → the kernel's "unchanged" (-1).
fn id(v: Option<u32>) -> usize {
    v.map_or(u32::MAX as usize, |v| v as usize)
}

/// `os.getpid()`—the calling process's id.
///
/// # References
/// - [getpid(2)](https://man7.org/linux/man-pages/man2/getpid.2.html)
pub fn getpid() -> i32 {
    rustix::process::getpid().as_raw_nonzero().get()
}

/// `os.getppid()`—the parent's process id (0 for PID 1).
///
/// # References
/// - [getppid(2)](https://man7.org/linux/man-pages/man2/getppid.2.html)
pub fn getppid() -> i32 {
    rustix::process::getppid().map_or(0, |pid| pid.as_raw_nonzero().get())
}

/// `os.getuid()`—the real user id.
///
/// # References
/// - [getuid(2)](https://man7.org/linux/man-pages/man2/getuid.2.html)
pub fn getuid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// `os.geteuid()`—the effective user id.
///
/// # References
/// - [geteuid(2)](https://man7.org/linux/man-pages/man2/geteuid.2.html)
pub fn geteuid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// `os.getgid()`—the real group id.
///
/// # References
/// - [getgid(2)](https://man7.org/linux/man-pages/man2/getgid.2.html)
pub fn getgid() -> u32 {
    rustix::process::getgid().as_raw()
}

/// `os.getegid()`—the effective group id.
///
/// # References
/// - [getegid(2)](https://man7.org/linux/man-pages/man2/getegid.2.html)
pub fn getegid() -> u32 {
    rustix::process::getegid().as_raw()
}

/// `os.setuid(uid)`—sets the user ids (all three when privileged).
///
/// # References
/// - [setuid(2)](https://man7.org/linux/man-pages/man2/setuid.2.html)
pub fn setuid(uid: u32) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETUID), uid as usize, 0, 0).map(drop)
}

/// `os.setgid(gid)`—sets the group ids.
///
/// # References
/// - [setgid(2)](https://man7.org/linux/man-pages/man2/setgid.2.html)
pub fn setgid(gid: u32) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETGID), gid as usize, 0, 0).map(drop)
}

/// `os.seteuid(euid)`—sets the effective user id (as glibc:
/// `setresuid(-1, euid, -1)`).
///
/// # References
/// - [seteuid(2)](https://man7.org/linux/man-pages/man2/seteuid.2.html)
pub fn seteuid(euid: u32) -> Result<(), Errno> {
    setresuid(None, Some(euid), None)
}

/// `os.setegid(egid)`—sets the effective group id.
///
/// # References
/// - [setegid(2)](https://man7.org/linux/man-pages/man2/setegid.2.html)
pub fn setegid(egid: u32) -> Result<(), Errno> {
    setresgid(None, Some(egid), None)
}

/// `os.setreuid(ruid, euid)`—sets the real and effective user ids.
///
/// # References
/// - [setreuid(2)](https://man7.org/linux/man-pages/man2/setreuid.2.html)
pub fn setreuid(ruid: Option<u32>, euid: Option<u32>) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETREUID), id(ruid), id(euid), 0).map(drop)
}

/// `os.setregid(rgid, egid)`—sets the real and effective group ids.
///
/// # References
/// - [setregid(2)](https://man7.org/linux/man-pages/man2/setregid.2.html)
pub fn setregid(rgid: Option<u32>, egid: Option<u32>) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETREGID), id(rgid), id(egid), 0).map(drop)
}

/// `os.setresuid(ruid, euid, suid)`—sets the real, effective and saved
/// user ids.
///
/// # References
/// - [setresuid(2)](https://man7.org/linux/man-pages/man2/setresuid.2.html)
pub fn setresuid(ruid: Option<u32>, euid: Option<u32>, suid: Option<u32>) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETRESUID), id(ruid), id(euid), id(suid)).map(drop)
}

/// `os.setresgid(rgid, egid, sgid)`—sets the real, effective and saved
/// group ids.
///
/// # References
/// - [setresgid(2)](https://man7.org/linux/man-pages/man2/setresgid.2.html)
pub fn setresgid(rgid: Option<u32>, egid: Option<u32>, sgid: Option<u32>) -> Result<(), Errno> {
    crate::thread::setxid(nr(NR_SETRESGID), id(rgid), id(egid), id(sgid)).map(drop)
}

fn getres(call: u32) -> (u32, u32, u32) {
    let mut ids = [0u32; 3];
    // SAFETY: the kernel writes one u32 through each pointer. It cannot
    // fail for valid pointers.
    unsafe {
        syscall3(
            nr(call),
            &mut ids[0] as *mut u32 as usize,
            &mut ids[1] as *mut u32 as usize,
            &mut ids[2] as *mut u32 as usize,
        )
    };
    (ids[0], ids[1], ids[2])
}

/// `os.getresuid()`—the real, effective and saved user ids.
///
/// # References
/// - [getresuid(2)](https://man7.org/linux/man-pages/man2/getresuid.2.html)
pub fn getresuid() -> (u32, u32, u32) {
    getres(NR_GETRESUID)
}

/// `os.getresgid()`—the real, effective and saved group ids.
///
/// # References
/// - [getresgid(2)](https://man7.org/linux/man-pages/man2/getresgid.2.html)
pub fn getresgid() -> (u32, u32, u32) {
    getres(NR_GETRESGID)
}

/// `NGROUPS_MAX`: the most supplementary groups Linux allows.
pub const NGROUPS_MAX: usize = 65536;

/// `os.getgroups()`—the supplementary group ids, written into `buf`
/// (`EINVAL` if it is too small; an empty `buf` still works and the
/// alloc layer sizes one). Does not include the effective group unless
/// it is also supplementary, as the kernel reports.
///
/// # References
/// - [getgroups(2)](https://man7.org/linux/man-pages/man2/getgroups.2.html)
pub fn getgroups(buf: &mut [u32]) -> Result<&[u32], Errno> {
    let n = getgroups_count(buf.len(), buf.as_mut_ptr())?;
    Ok(&buf[..n.min(buf.len())])
}

/// Whether `gid` is one of this process's supplementary groups (glibc's
/// `group_member`).
pub(crate) fn in_groups(gid: u32) -> bool {
    let mut small = [0u32; 256];
    if let Ok(groups) = getgroups(&mut small) {
        return groups.contains(&gid);
    }
    // More than 256 groups (getgroups said EINVAL): room for NGROUPS_MAX.
    let len = NGROUPS_MAX * size_of::<u32>();
    let Ok(map) = super::mmap_anonymous(len) else {
        return false;
    };
    // SAFETY: the mapping is fresh, `len` bytes, aligned for u32, ours.
    let all = unsafe { core::slice::from_raw_parts_mut(map.as_ptr().cast::<u32>(), NGROUPS_MAX) };
    let found = getgroups(all).is_ok_and(|g| g.contains(&gid));
    // SAFETY: the mapping was made above and `all` is not used again.
    let _ = unsafe { super::munmap(map.as_ptr(), len) };
    found
}

/// How many supplementary groups there are (`getgroups(0, NULL)`).
pub fn getgroups_len() -> Result<usize, Errno> {
    getgroups_count(0, core::ptr::null_mut())
}

fn getgroups_count(len: usize, ptr: *mut u32) -> Result<usize, Errno> {
    let len = len.min(NGROUPS_MAX);
    // SAFETY: the kernel writes at most `len` u32s through `ptr` (none
    // when len is 0).
    result(unsafe { syscall2(nr(NR_GETGROUPS), len, ptr as usize) })
}

/// `os.setgroups(groups)`—replaces the supplementary groups (needs
/// `CAP_SETGID`).
///
/// # References
/// - [setgroups(2)](https://man7.org/linux/man-pages/man2/setgroups.2.html)
pub fn setgroups(groups: &[u32]) -> Result<(), Errno> {
    if groups.len() > NGROUPS_MAX {
        return Err(Errno::INVAL);
    }
    // Every thread reads the same groups.len() u32s, which live until
    // all have.
    crate::thread::setxid(nr(NR_SETGROUPS), groups.len(), groups.as_ptr() as usize, 0).map(drop)
}

/// `os.getpgid(pid)`—the process group of `pid` (0: this process).
///
/// # References
/// - [getpgid(2)](https://man7.org/linux/man-pages/man2/getpgid.2.html)
pub fn getpgid(pid: i32) -> Result<i32, Errno> {
    // SAFETY: an integer argument.
    result(unsafe { syscall1(nr(k::__NR_getpgid), pid as usize) }).map(|v| v as i32)
}

/// `os.setpgid(pid, pgrp)`—moves `pid` (0: this process) into process
/// group `pgrp` (0: a new group numbered after `pid`).
///
/// # References
/// - [setpgid(2)](https://man7.org/linux/man-pages/man2/setpgid.2.html)
pub fn setpgid(pid: i32, pgrp: i32) -> Result<(), Errno> {
    // SAFETY: integer arguments.
    result(unsafe { syscall2(nr(k::__NR_setpgid), pid as usize, pgrp as usize) }).map(drop)
}

/// `os.getpgrp()`—this process's group.
///
/// # References
/// - [getpgrp(2)](https://man7.org/linux/man-pages/man2/getpgrp.2.html)
pub fn getpgrp() -> i32 {
    getpgid(0).unwrap_or(0)
}

/// `os.setpgrp()`—makes this process the leader of a new group
/// (`setpgid(0, 0)`).
///
/// # References
/// - [setpgrp(2)](https://man7.org/linux/man-pages/man2/setpgrp.2.html)
pub fn setpgrp() -> Result<(), Errno> {
    setpgid(0, 0)
}

/// `os.getsid(pid)`—the session of `pid` (0: this process).
///
/// # References
/// - [getsid(2)](https://man7.org/linux/man-pages/man2/getsid.2.html)
pub fn getsid(pid: i32) -> Result<i32, Errno> {
    // SAFETY: an integer argument.
    result(unsafe { syscall1(nr(k::__NR_getsid), pid as usize) }).map(|v| v as i32)
}

/// `os.setsid()`—starts a new session and group with this process as
/// leader; `EPERM` for a group leader. Returns the new session id.
///
/// # References
/// - [setsid(2)](https://man7.org/linux/man-pages/man2/setsid.2.html)
pub fn setsid() -> Result<i32, Errno> {
    // SAFETY: no arguments.
    result(unsafe { syscall0(nr(k::__NR_setsid)) }).map(|v| v as i32)
}

/// `os.PRIO_PROCESS`: `who` is a process id.
pub const PRIO_PROCESS: i32 = 0;
/// `os.PRIO_PGRP`: `who` is a process group id.
pub const PRIO_PGRP: i32 = 1;
/// `os.PRIO_USER`: `who` is a user id.
pub const PRIO_USER: i32 = 2;

/// `os.getpriority(which, who)`—the nice value (-20..19) of a process,
/// group or user (`who` 0: the caller's). The kernel returns `20 - nice`
/// so that no success looks like an error; this undoes it.
///
/// # References
/// - [getpriority(2)](https://man7.org/linux/man-pages/man2/getpriority.2.html)
pub fn getpriority(which: i32, who: i32) -> Result<i32, Errno> {
    // SAFETY: integer arguments.
    let raw = result(unsafe { syscall2(nr(k::__NR_getpriority), which as usize, who as usize) })?;
    Ok(20 - raw as i32)
}

/// `os.setpriority(which, who, priority)`—sets the nice value.
///
/// # References
/// - [setpriority(2)](https://man7.org/linux/man-pages/man2/setpriority.2.html)
pub fn setpriority(which: i32, who: i32, priority: i32) -> Result<(), Errno> {
    // SAFETY: integer arguments.
    result(unsafe {
        syscall3(
            nr(k::__NR_setpriority),
            which as usize,
            who as usize,
            priority as usize,
        )
    })
    .map(drop)
}

/// `os.umask(mask)`—sets the file-creation mask; returns the old one.
///
/// # References
/// - [umask(2)](https://man7.org/linux/man-pages/man2/umask.2.html)
pub fn umask(mask: u32) -> u32 {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(mask)).as_raw_mode()
}

/// `os.uname_result`: the five fields Python shows, plus Linux's domain
/// name.
#[doc(alias = "uname_result")]
pub struct UnameResult(rustix::system::Uname);

impl UnameResult {
    fn field(c: &core::ffi::CStr) -> &str {
        let bytes = c.to_bytes();
        match core::str::from_utf8(bytes) {
            Ok(s) => s,
            // Kernel strings are ASCII in practice; keep the valid part.
            Err(e) => core::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        }
    }

    /// `sysname`: `Linux`.
    pub fn sysname(&self) -> &str {
        Self::field(self.0.sysname())
    }

    /// `nodename`: the host name.
    pub fn nodename(&self) -> &str {
        Self::field(self.0.nodename())
    }

    /// `release`: the kernel release, e.g. `6.1.0-13-amd64`.
    pub fn release(&self) -> &str {
        Self::field(self.0.release())
    }

    /// `version`: the kernel build, e.g. `#1 SMP PREEMPT_DYNAMIC ...`.
    pub fn version(&self) -> &str {
        Self::field(self.0.version())
    }

    /// `machine`: `x86_64`, `aarch64`, `riscv64`, `armv7l`, ...
    pub fn machine(&self) -> &str {
        Self::field(self.0.machine())
    }

    /// The NIS domain name (not in Python's result).
    pub fn domainname(&self) -> &str {
        Self::field(self.0.domainname())
    }
}

impl core::fmt::Debug for UnameResult {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("uname_result")
            .field("sysname", &self.sysname())
            .field("nodename", &self.nodename())
            .field("release", &self.release())
            .field("version", &self.version())
            .field("machine", &self.machine())
            .finish()
    }
}

/// `os.uname()`—what the kernel says about itself and the machine.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn uname() -> UnameResult {
    UnameResult(rustix::system::uname())
}

/// `os.getlogin()`—the name of the user logged in on the controlling
/// terminal, written into `buf`.
///
/// As glibc: the audit login uid (`/proc/self/loginuid`) when one is set,
/// else the `utmp` record of stdin's terminal; the uid becomes a name
/// through `/etc/passwd`. `ENOENT` when neither gives one (no terminal,
/// no login session, as in a container), `ERANGE` if `buf` is too small.
///
/// # References
/// - [getlogin(3)](https://man7.org/linux/man-pages/man3/getlogin.3.html)
pub fn getlogin(buf: &mut [u8]) -> Result<&[u8], Errno> {
    if let Some(uid) = loginuid() {
        let mut name = [0u8; 256];
        return match crate::getpass::name_for_uid(c"/etc/passwd", uid, &mut name)? {
            Some(n) => copy_into(n, buf),
            None => Err(Errno::NOENT),
        };
    }
    let mut tty = [0u8; 64];
    // SAFETY: fd 0 is only borrowed for the ttyname call; if it is
    // closed, the call fails with EBADF.
    let stdin = unsafe { rustix::fd::BorrowedFd::borrow_raw(0) };
    let line = crate::tty::ttyname(stdin, &mut tty).map_err(|_| Errno::NOTTY)?;
    let line = line.strip_prefix("/dev/").unwrap_or(line).as_bytes();
    let mut user = [0u8; 32];
    match utmp_user(c"/var/run/utmp", line, &mut user)? {
        Some(n) => copy_into(n, buf),
        None => Err(Errno::NOENT),
    }
}

fn copy_into<'b>(name: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], Errno> {
    let out = buf.get_mut(..name.len()).ok_or(Errno::RANGE)?;
    out.copy_from_slice(name);
    Ok(out)
}

/// The audit login uid, unless unset (`4294967295`) or unreadable.
fn loginuid() -> Option<u32> {
    let fd = super::open("/proc/self/loginuid", rustix::fs::OFlags::RDONLY, 0).ok()?;
    let mut text = [0u8; 16];
    let n = super::read(&fd, &mut text).ok()?;
    let uid = parse_u32(text[..n].trim_ascii())?;
    (uid != u32::MAX).then_some(uid)
}

fn parse_u32(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// glibc's `struct utmp`: 384 bytes on every Linux architecture, with
/// `ut_type` at 0, `ut_line[32]` at 8 and `ut_user[32]` at 44.
const UTMP_SIZE: usize = 384;
const USER_PROCESS: i16 = 7;

/// The user of the `USER_PROCESS` record for terminal `line` in `path`.
fn utmp_user<'b>(
    path: &core::ffi::CStr,
    line: &[u8],
    user: &'b mut [u8; 32],
) -> Result<Option<&'b [u8]>, Errno> {
    let fd = super::open(path.to_bytes(), rustix::fs::OFlags::RDONLY, 0)?;
    let mut record = [0u8; UTMP_SIZE];
    loop {
        let mut filled = 0;
        while filled < UTMP_SIZE {
            match super::read(&fd, &mut record[filled..])? {
                0 => return Ok(None),
                n => filled += n,
            }
        }
        if let Some(name) = utmp_match(&record, line) {
            user[..name.len()].copy_from_slice(name);
            return Ok(Some(&user[..name.len()]));
        }
    }
}

fn utmp_match<'r>(record: &'r [u8; UTMP_SIZE], line: &[u8]) -> Option<&'r [u8]> {
    let field = |r: core::ops::Range<usize>| {
        let f = &record[r];
        &f[..f.iter().position(|&b| b == 0).unwrap_or(f.len())]
    };
    let kind = i16::from_ne_bytes([record[0], record[1]]);
    (kind == USER_PROCESS && field(8..40) == line).then(|| field(44..76))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utmp_records_match_by_line() {
        let mut r = [0u8; UTMP_SIZE];
        r[0..2].copy_from_slice(&USER_PROCESS.to_ne_bytes());
        r[8..13].copy_from_slice(b"pts/3");
        r[44..49].copy_from_slice(b"alice");
        assert_eq!(utmp_match(&r, b"pts/3"), Some(&b"alice"[..]));
        assert_eq!(utmp_match(&r, b"pts/4"), None);
        r[0] = 8; // DEAD_PROCESS
        assert_eq!(utmp_match(&r, b"pts/3"), None);
    }

    #[test]
    fn loginuid_text_parses() {
        assert_eq!(parse_u32(b"1000"), Some(1000));
        assert_eq!(parse_u32(b"4294967295"), Some(u32::MAX));
        assert_eq!(parse_u32(b"4294967296"), None);
        assert_eq!(parse_u32(b""), None);
        assert_eq!(parse_u32(b"-1"), None);
    }
}
