//! File status: `os.stat` and friends, `os.statvfs`, and the mode helpers
//! of Python's `stat` module (`S_ISDIR`, `S_IMODE`, `filemode`, ...).
//!
//! [`StatResult`] has every field of Python's `os.stat_result` on Linux,
//! the float times computed as CPython computes them (`sec + nsec *
//! 1e-9`) so that they compare equal, and the integer `_ns` times. It is
//! a plain struct rather than a tuple: Rust code names fields.

use super::fd::CWD;
use super::path::with_path;
use crate::errno::Errno;
use rustix::fd::AsFd;
use rustix::fs::AtFlags;

/// `os.stat_result`: what the kernel knows about a file.
#[derive(Clone, Copy, Debug, PartialEq)]
#[doc(alias = "stat_result")]
pub struct StatResult {
    /// File type and permission bits.
    pub st_mode: u32,
    /// Inode number.
    pub st_ino: u64,
    /// Device the file lives on.
    pub st_dev: u64,
    /// Number of hard links.
    pub st_nlink: u64,
    /// Owner's user id.
    pub st_uid: u32,
    /// Owner's group id.
    pub st_gid: u32,
    /// Size in bytes (for a symlink, the length of its target).
    pub st_size: i64,
    /// Last access, in seconds (float, as Python gives it).
    pub st_atime: f64,
    /// Last modification, in seconds.
    pub st_mtime: f64,
    /// Last status change, in seconds.
    pub st_ctime: f64,
    /// Last access, in nanoseconds since the epoch.
    pub st_atime_ns: i64,
    /// Last modification, in nanoseconds since the epoch.
    pub st_mtime_ns: i64,
    /// Last status change, in nanoseconds since the epoch.
    pub st_ctime_ns: i64,
    /// 512-byte blocks allocated.
    pub st_blocks: u64,
    /// Preferred I/O block size.
    pub st_blksize: u64,
    /// The device a device file stands for.
    pub st_rdev: u64,
}

// The kernel's field widths vary by architecture; the casts only widen.
#[allow(clippy::unnecessary_cast)]
impl From<rustix::fs::Stat> for StatResult {
    fn from(s: rustix::fs::Stat) -> Self {
        let time = |sec: i64, nsec: u64| sec as f64 + nsec as f64 * 1e-9;
        let ns = |sec: i64, nsec: u64| sec.wrapping_mul(1_000_000_000).wrapping_add(nsec as i64);
        let (at, atn) = (s.st_atime as i64, s.st_atime_nsec as u64);
        let (mt, mtn) = (s.st_mtime as i64, s.st_mtime_nsec as u64);
        let (ct, ctn) = (s.st_ctime as i64, s.st_ctime_nsec as u64);
        StatResult {
            st_mode: s.st_mode as u32,
            st_ino: s.st_ino as u64,
            st_dev: s.st_dev as u64,
            st_nlink: s.st_nlink as u64,
            st_uid: s.st_uid as u32,
            st_gid: s.st_gid as u32,
            st_size: s.st_size as i64,
            st_atime: time(at, atn),
            st_mtime: time(mt, mtn),
            st_ctime: time(ct, ctn),
            st_atime_ns: ns(at, atn),
            st_mtime_ns: ns(mt, mtn),
            st_ctime_ns: ns(ct, ctn),
            st_blocks: s.st_blocks as u64,
            st_blksize: s.st_blksize as u64,
            st_rdev: s.st_rdev as u64,
        }
    }
}

impl StatResult {
    /// `stat.S_ISDIR(st_mode)`.
    pub fn is_dir(&self) -> bool {
        S_ISDIR(self.st_mode)
    }

    /// `stat.S_ISREG(st_mode)`.
    pub fn is_file(&self) -> bool {
        S_ISREG(self.st_mode)
    }

    /// `stat.S_ISLNK(st_mode)`.
    pub fn is_symlink(&self) -> bool {
        S_ISLNK(self.st_mode)
    }

    /// `os.path.samestat(self, other)`: the same device and inode.
    pub fn samestat(&self, other: &StatResult) -> bool {
        self.st_dev == other.st_dev && self.st_ino == other.st_ino
    }
}

/// `os.stat(path)`—the status of the file `path` names, following
/// symbolic links.
///
/// # References
/// - [stat(2)](https://man7.org/linux/man-pages/man2/stat.2.html)
pub fn stat(path: impl AsRef<[u8]>) -> Result<StatResult, Errno> {
    stat_at(CWD, path, true)
}

/// `os.lstat(path)`—as [`stat`], but a symbolic link is described
/// itself.
///
/// # References
/// - [lstat(2)](https://man7.org/linux/man-pages/man2/lstat.2.html)
pub fn lstat(path: impl AsRef<[u8]>) -> Result<StatResult, Errno> {
    stat_at(CWD, path, false)
}

/// `os.stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)`.
///
/// A relative `path` starts at `dir_fd` ([`CWD`] for the current
/// directory). An empty `path` is `ENOENT`, as in Python; use [`fstat`]
/// for the directory itself.
///
/// # References
/// - [fstatat(2)](https://man7.org/linux/man-pages/man2/fstatat.2.html)
pub fn stat_at(
    dir_fd: impl AsFd,
    path: impl AsRef<[u8]>,
    follow_symlinks: bool,
) -> Result<StatResult, Errno> {
    with_path(path.as_ref(), |p| stat_cstr(&dir_fd, p, follow_symlinks))
}

/// [`stat_at`] on a path that is already a C string.
#[inline]
pub(crate) fn stat_cstr(
    dir_fd: impl AsFd,
    path: &core::ffi::CStr,
    follow_symlinks: bool,
) -> Result<StatResult, Errno> {
    let flags = if follow_symlinks {
        AtFlags::empty()
    } else {
        AtFlags::SYMLINK_NOFOLLOW
    };
    rustix::fs::statat(dir_fd, path, flags)
        .map(StatResult::from)
        .map_err(Into::into)
}

/// `os.fstat(fd)`—the status of an open file.
///
/// # References
/// - [fstat(2)](https://man7.org/linux/man-pages/man2/fstat.2.html)
pub fn fstat(fd: impl AsFd) -> Result<StatResult, Errno> {
    rustix::fs::fstat(fd)
        .map(StatResult::from)
        .map_err(Into::into)
}

/// `os.statvfs_result`: what the kernel knows about a file system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[doc(alias = "statvfs_result")]
pub struct StatvfsResult {
    /// Block size for I/O.
    pub f_bsize: u64,
    /// Fragment size: the unit of the block counts.
    pub f_frsize: u64,
    /// Size in `f_frsize` units.
    pub f_blocks: u64,
    /// Free blocks.
    pub f_bfree: u64,
    /// Free blocks for unprivileged users.
    pub f_bavail: u64,
    /// Inodes.
    pub f_files: u64,
    /// Free inodes.
    pub f_ffree: u64,
    /// Free inodes for unprivileged users.
    pub f_favail: u64,
    /// Mount flags (`ST_RDONLY`, `ST_NOSUID`, ...).
    pub f_flag: u64,
    /// Longest file name.
    pub f_namemax: u64,
    /// File system id.
    pub f_fsid: u64,
}

/// `os.ST_RDONLY`: mounted read-only.
pub const ST_RDONLY: u64 = 1;
/// `os.ST_NOSUID`: set-user/group-id bits ignored.
pub const ST_NOSUID: u64 = 2;
/// `os.ST_NODEV`: device files not usable.
pub const ST_NODEV: u64 = 4;
/// `os.ST_NOEXEC`: no program execution.
pub const ST_NOEXEC: u64 = 8;
/// `os.ST_SYNCHRONOUS`: writes are synchronous.
pub const ST_SYNCHRONOUS: u64 = 16;
/// `os.ST_MANDLOCK`: mandatory locks allowed.
pub const ST_MANDLOCK: u64 = 64;
/// `os.ST_NOATIME`: access times not updated.
pub const ST_NOATIME: u64 = 1024;
/// `os.ST_NODIRATIME`: directory access times not updated.
pub const ST_NODIRATIME: u64 = 2048;
/// `os.ST_RELATIME`: access times updated relative to mtime.
pub const ST_RELATIME: u64 = 4096;
/// `os.ST_WRITE`: glibc's `ST_WRITE` (write on file, directory or
/// symlink); Linux never sets it in `f_flag`.
pub const ST_WRITE: u64 = 128;
/// `os.ST_APPEND`: glibc's `ST_APPEND` (append-only file); Linux never
/// sets it in `f_flag`.
pub const ST_APPEND: u64 = 256;

/// The kernel's `ST_VALID` marker, which glibc (and so Python) drops.
const ST_VALID: u64 = 0x20;

impl From<rustix::fs::StatVfs> for StatvfsResult {
    fn from(s: rustix::fs::StatVfs) -> Self {
        StatvfsResult {
            f_bsize: s.f_bsize,
            f_frsize: s.f_frsize,
            f_blocks: s.f_blocks,
            f_bfree: s.f_bfree,
            f_bavail: s.f_bavail,
            f_files: s.f_files,
            f_ffree: s.f_ffree,
            f_favail: s.f_favail,
            f_flag: s.f_flag.bits() & !ST_VALID,
            f_namemax: s.f_namemax,
            f_fsid: s.f_fsid,
        }
    }
}

/// `os.statvfs(path)`—the status of the file system holding `path`.
///
/// # References
/// - [statvfs(3)](https://man7.org/linux/man-pages/man3/statvfs.3.html)
pub fn statvfs(path: impl AsRef<[u8]>) -> Result<StatvfsResult, Errno> {
    with_path(path.as_ref(), |p| {
        rustix::fs::statvfs(p).map(StatvfsResult::from)
    })
}

/// `os.fstatvfs(fd)`—as [`statvfs`], for an open file.
///
/// # References
/// - [fstatvfs(3)](https://man7.org/linux/man-pages/man3/fstatvfs.3.html)
pub fn fstatvfs(fd: impl AsFd) -> Result<StatvfsResult, Errno> {
    rustix::fs::fstatvfs(fd)
        .map(StatvfsResult::from)
        .map_err(Into::into)
}

/// `stat.S_IFMT`: the file-type bits of a mode.
pub const S_IFMT: u32 = 0o170000;
/// `stat.S_IFSOCK`: socket.
pub const S_IFSOCK: u32 = 0o140000;
/// `stat.S_IFLNK`: symbolic link.
pub const S_IFLNK: u32 = 0o120000;
/// `stat.S_IFREG`: regular file.
pub const S_IFREG: u32 = 0o100000;
/// `stat.S_IFBLK`: block device.
pub const S_IFBLK: u32 = 0o060000;
/// `stat.S_IFDIR`: directory.
pub const S_IFDIR: u32 = 0o040000;
/// `stat.S_IFCHR`: character device.
pub const S_IFCHR: u32 = 0o020000;
/// `stat.S_IFIFO`: FIFO.
pub const S_IFIFO: u32 = 0o010000;
/// `stat.S_ISUID`: set user id on execution.
pub const S_ISUID: u32 = 0o4000;
/// `stat.S_ISGID`: set group id on execution.
pub const S_ISGID: u32 = 0o2000;
/// `stat.S_ISVTX`: sticky bit.
pub const S_ISVTX: u32 = 0o1000;
/// `stat.S_IRWXU`: owner's permissions.
pub const S_IRWXU: u32 = 0o700;
/// `stat.S_IRUSR`.
pub const S_IRUSR: u32 = 0o400;
/// `stat.S_IWUSR`.
pub const S_IWUSR: u32 = 0o200;
/// `stat.S_IXUSR`.
pub const S_IXUSR: u32 = 0o100;
/// `stat.S_IRWXG`: group's permissions.
pub const S_IRWXG: u32 = 0o070;
/// `stat.S_IRGRP`.
pub const S_IRGRP: u32 = 0o040;
/// `stat.S_IWGRP`.
pub const S_IWGRP: u32 = 0o020;
/// `stat.S_IXGRP`.
pub const S_IXGRP: u32 = 0o010;
/// `stat.S_IRWXO`: others' permissions.
pub const S_IRWXO: u32 = 0o007;
/// `stat.S_IROTH`.
pub const S_IROTH: u32 = 0o004;
/// `stat.S_IWOTH`.
pub const S_IWOTH: u32 = 0o002;
/// `stat.S_IXOTH`.
pub const S_IXOTH: u32 = 0o001;

macro_rules! type_tests {
    ($($name:ident = $ty:ident, $what:literal;)*) => {
        $(
            #[doc = concat!("`stat.", stringify!($name), "(mode)`: whether `mode` is a ", $what, ".")]
            #[allow(non_snake_case)]
            pub const fn $name(mode: u32) -> bool {
                mode & S_IFMT == $ty
            }
        )*
    };
}

type_tests! {
    S_ISDIR = S_IFDIR, "directory";
    S_ISREG = S_IFREG, "regular file";
    S_ISLNK = S_IFLNK, "symbolic link";
    S_ISCHR = S_IFCHR, "character device";
    S_ISBLK = S_IFBLK, "block device";
    S_ISFIFO = S_IFIFO, "FIFO";
    S_ISSOCK = S_IFSOCK, "socket";
}

/// `stat.S_IMODE(mode)`: the bits `chmod` sets (permissions, set-id,
/// sticky).
#[allow(non_snake_case)]
pub const fn S_IMODE(mode: u32) -> u32 {
    mode & 0o7777
}

/// `stat.S_IFMT(mode)`: the file-type bits.
#[allow(non_snake_case)]
pub const fn S_IFMT_OF(mode: u32) -> u32 {
    mode & S_IFMT
}

/// `stat.filemode(mode)`: `ls -l`'s ten characters, e.g. `-rw-r--r--`.
pub fn filemode(mode: u32) -> [u8; 10] {
    let mut out = [b'-'; 10];
    out[0] = match mode & S_IFMT {
        S_IFLNK => b'l',
        S_IFSOCK => b's',
        S_IFREG => b'-',
        S_IFBLK => b'b',
        S_IFDIR => b'd',
        S_IFCHR => b'c',
        S_IFIFO => b'p',
        _ => b'?',
    };
    let bits: [(u32, u8); 9] = [
        (S_IRUSR, b'r'),
        (S_IWUSR, b'w'),
        (S_IXUSR, b'x'),
        (S_IRGRP, b'r'),
        (S_IWGRP, b'w'),
        (S_IXGRP, b'x'),
        (S_IROTH, b'r'),
        (S_IWOTH, b'w'),
        (S_IXOTH, b'x'),
    ];
    for (i, (bit, c)) in bits.iter().enumerate() {
        if mode & bit != 0 {
            out[i + 1] = *c;
        }
    }
    let special = |x: bool, set: bool, on: u8, off: u8| match (x, set) {
        (_, false) => None,
        (true, true) => Some(on),
        (false, true) => Some(off),
    };
    for (slot, flag, on, off) in [
        (3, S_ISUID, b's', b'S'),
        (6, S_ISGID, b's', b'S'),
        (9, S_ISVTX, b't', b'T'),
    ] {
        if let Some(c) = special(out[slot] == b'x', mode & flag != 0, on, off) {
            out[slot] = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython's `stat.filemode` and `S_IS*` answers, from
    /// tests/oracle/os_mode.py.
    const ORACLE: &str = include_str!("../../../tests/oracle/os_mode.txt");

    #[test]
    fn mode_helpers_match_cpython() {
        let mut checked = 0;
        for line in ORACLE.lines() {
            let mut f = line.split('\t');
            let mode = u32::from_str_radix(f.next().unwrap(), 8).unwrap();
            let want_mode = f.next().unwrap();
            let want_tests = f.next().unwrap();
            let want_imode: u32 = f.next().unwrap().parse().unwrap();
            assert_eq!(
                core::str::from_utf8(&filemode(mode)).unwrap(),
                want_mode,
                "filemode({mode:o})"
            );
            let tests = [
                S_ISDIR(mode),
                S_ISREG(mode),
                S_ISLNK(mode),
                S_ISCHR(mode),
                S_ISBLK(mode),
                S_ISFIFO(mode),
                S_ISSOCK(mode),
            ];
            let got: std::string::String =
                tests.iter().map(|&t| if t { '1' } else { '0' }).collect();
            assert_eq!(got, want_tests, "S_IS*({mode:o})");
            assert_eq!(S_IMODE(mode), want_imode);
            checked += 1;
        }
        assert!(checked >= 64, "{checked}");
    }

    #[test]
    fn float_times_are_cpythons_sum() {
        // SAFETY: Stat is plain integers, for which all zeroes is valid.
        let mut raw: rustix::fs::Stat = unsafe { core::mem::zeroed() };
        raw.st_mtime = 1_700_000_000 as _;
        raw.st_mtime_nsec = 123_456_789 as _;
        let s = StatResult::from(raw);
        assert_eq!(s.st_mtime_ns, 1_700_000_000_123_456_789);
        assert_eq!(s.st_mtime, 1_700_000_000f64 + 123_456_789f64 * 1e-9);
        assert!(s.samestat(&s));
    }
}
