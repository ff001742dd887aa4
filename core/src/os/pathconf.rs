//! File and system limits by name: `os.pathconf`, `os.fpathconf`,
//! `os.confstr`, with Python's name tables `os.pathconf_names` and
//! `os.confstr_names`.
//!
//! The answers are glibc's (2.36), which CPython on Linux reports:
//! glibc asks `statfs(2)` for the file system's type, block sizes and
//! name length and knows the rest as constants. As with
//! [`sysconf`](super::sysconf), names are Python's strings
//! (`"PC_NAME_MAX"`) and an unknown one is `EINVAL` (Python's
//! `ValueError`); `-1` means "no limit", as in Python.
//!
//! `confstr` gives glibc's strings for this architecture, except
//! `CS_GNU_LIBC_VERSION` and `CS_GNU_LIBPTHREAD_VERSION`: Strata is not
//! glibc, so those names are `EINVAL` and absent from [`CONFSTR_NAMES`],
//! which is what CPython built against musl does (there a program asking
//! which glibc it runs on is told it runs on none).
//!
//! # References
//! - [pathconf(3)](https://man7.org/linux/man-pages/man3/pathconf.3.html)
//! - [confstr(3)](https://man7.org/linux/man-pages/man3/confstr.3.html)

use super::path::with_path;
use crate::errno::Errno;
use rustix::fd::AsFd;
use rustix::fs::{FileType, StatFs};

/// `os.pathconf_names`: the names [`pathconf`] knows, with the numbers
/// glibc gives them (`_PC_*`).
#[doc(alias = "pathconf_names")]
pub const PATHCONF_NAMES: [(&str, i32); 20] = [
    ("PC_LINK_MAX", 0),
    ("PC_MAX_CANON", 1),
    ("PC_MAX_INPUT", 2),
    ("PC_NAME_MAX", 3),
    ("PC_PATH_MAX", 4),
    ("PC_PIPE_BUF", 5),
    ("PC_CHOWN_RESTRICTED", 6),
    ("PC_NO_TRUNC", 7),
    ("PC_VDISABLE", 8),
    ("PC_SYNC_IO", 9),
    ("PC_ASYNC_IO", 10),
    ("PC_PRIO_IO", 11),
    ("PC_SOCK_MAXBUF", 12),
    ("PC_FILESIZEBITS", 13),
    ("PC_REC_INCR_XFER_SIZE", 14),
    ("PC_REC_MAX_XFER_SIZE", 15),
    ("PC_REC_MIN_XFER_SIZE", 16),
    ("PC_REC_XFER_ALIGN", 17),
    ("PC_ALLOC_SIZE_MIN", 18),
    ("PC_SYMLINK_MAX", 19),
];

/// `os.confstr_names`: the names [`confstr`] knows, with glibc's numbers
/// (`_CS_*`); `CS_GNU_LIBC_VERSION` (2) and `CS_GNU_LIBPTHREAD_VERSION`
/// (3) are left out (see [`confstr`]).
#[doc(alias = "confstr_names")]
pub const CONFSTR_NAMES: [(&str, i32); 25] = [
    ("CS_PATH", 0),
    ("CS_LFS_CFLAGS", 1000),
    ("CS_LFS_LDFLAGS", 1001),
    ("CS_LFS_LIBS", 1002),
    ("CS_LFS_LINTFLAGS", 1003),
    ("CS_LFS64_CFLAGS", 1004),
    ("CS_LFS64_LDFLAGS", 1005),
    ("CS_LFS64_LIBS", 1006),
    ("CS_LFS64_LINTFLAGS", 1007),
    ("CS_XBS5_ILP32_OFF32_CFLAGS", 1100),
    ("CS_XBS5_ILP32_OFF32_LDFLAGS", 1101),
    ("CS_XBS5_ILP32_OFF32_LIBS", 1102),
    ("CS_XBS5_ILP32_OFF32_LINTFLAGS", 1103),
    ("CS_XBS5_ILP32_OFFBIG_CFLAGS", 1104),
    ("CS_XBS5_ILP32_OFFBIG_LDFLAGS", 1105),
    ("CS_XBS5_ILP32_OFFBIG_LIBS", 1106),
    ("CS_XBS5_ILP32_OFFBIG_LINTFLAGS", 1107),
    ("CS_XBS5_LP64_OFF64_CFLAGS", 1108),
    ("CS_XBS5_LP64_OFF64_LDFLAGS", 1109),
    ("CS_XBS5_LP64_OFF64_LIBS", 1110),
    ("CS_XBS5_LP64_OFF64_LINTFLAGS", 1111),
    ("CS_XBS5_LPBIG_OFFBIG_CFLAGS", 1112),
    ("CS_XBS5_LPBIG_OFFBIG_LDFLAGS", 1113),
    ("CS_XBS5_LPBIG_OFFBIG_LIBS", 1114),
    ("CS_XBS5_LPBIG_OFFBIG_LINTFLAGS", 1115),
];

/// What a limit is asked about: a path or an open file.
#[derive(Clone, Copy)]
enum Of<'a, F> {
    Path(&'a [u8]),
    Fd(F),
}

impl<F: AsFd + Copy> Of<'_, F> {
    fn statfs(self) -> Result<StatFs, Errno> {
        match self {
            Of::Path(p) => with_path(p, |c| rustix::fs::statfs(c)),
            Of::Fd(fd) => rustix::fs::fstatfs(fd).map_err(Into::into),
        }
    }

    fn file_type(self) -> Result<FileType, Errno> {
        let st = match self {
            Of::Path(p) => super::stat(p)?,
            Of::Fd(fd) => super::fstat(fd)?,
        };
        Ok(FileType::from_raw_mode(st.st_mode))
    }
}

// Magic numbers of statfs's f_type (linux/magic.h and glibc's
// linux_fsinfo.h) that change glibc's answers.
const EXT2_SUPER_MAGIC: u32 = 0xef53;
const F2FS_SUPER_MAGIC: u32 = 0xf2f5_2010;
const MINIX_SUPER_MAGIC: u32 = 0x137f;
const MINIX_SUPER_MAGIC2: u32 = 0x138f;
const MINIX2_SUPER_MAGIC: u32 = 0x2468;
const MINIX2_SUPER_MAGIC2: u32 = 0x2478;
const XENIX_SUPER_MAGIC: u32 = 0x012f_f7b4;
const SYSV4_SUPER_MAGIC: u32 = 0x012f_f7b5;
const SYSV2_SUPER_MAGIC: u32 = 0x012f_f7b6;
const COH_SUPER_MAGIC: u32 = 0x012f_f7b7;
const UFS_MAGIC: u32 = 0x0001_1954;
const UFS_CIGAM: u32 = 0x5419_0100;
const REISERFS_SUPER_MAGIC: u32 = 0x5265_4973;
const XFS_SUPER_MAGIC: u32 = 0x5846_5342;
const LUSTRE_SUPER_MAGIC: u32 = 0x0bd0_0bd0;
const BTRFS_SUPER_MAGIC: u32 = 0x9123_683e;
const SMB_SUPER_MAGIC: u32 = 0x517b;
const NTFS_SUPER_MAGIC: u32 = 0x5346_544e;
const UDF_SUPER_MAGIC: u32 = 0x1501_3346;
const JFS_SUPER_MAGIC: u32 = 0x3153_464a;
const VXFS_SUPER_MAGIC: u32 = 0xa501_fcf5;
const CGROUP_SUPER_MAGIC: u32 = 0x0027_e0eb;

// The field types differ per architecture; the casts widen or are no-ops.
#[allow(clippy::unnecessary_cast)]
fn fs_type(s: &StatFs) -> u32 {
    s.f_type as u32
}

/// glibc's `__statfs_link_max`.
fn link_max<F: AsFd + Copy>(of: Of<'_, F>, s: &StatFs) -> i64 {
    match fs_type(s) {
        EXT2_SUPER_MAGIC => ext_link_max(of),
        F2FS_SUPER_MAGIC => 0xffff_ffff,
        MINIX_SUPER_MAGIC | MINIX_SUPER_MAGIC2 => 250,
        MINIX2_SUPER_MAGIC | MINIX2_SUPER_MAGIC2 => 65530,
        XENIX_SUPER_MAGIC | SYSV4_SUPER_MAGIC | SYSV2_SUPER_MAGIC => 126,
        COH_SUPER_MAGIC => 10000,
        UFS_MAGIC | UFS_CIGAM => 32000,
        REISERFS_SUPER_MAGIC => 64535,
        XFS_SUPER_MAGIC => 2_147_483_647,
        LUSTRE_SUPER_MAGIC => 65000,
        _ => 127,
    }
}

/// ext2/3 and ext4 share a magic number; glibc tells them apart by the
/// device's `/sys/fs/ext4/NAME` directory (ext4: 65000 links, else
/// 32000). glibc's last resort, a scan of `/proc/mounts`, is not made:
/// without `/sys` the answer is ext2's, the conservative one.
fn ext_link_max<F: AsFd + Copy>(of: Of<'_, F>) -> i64 {
    const EXT2_LINK_MAX: i64 = 32000;
    const EXT4_LINK_MAX: i64 = 65000;
    let st = match of {
        Of::Path(p) => super::stat(p),
        Of::Fd(fd) => super::fstat(fd),
    };
    let Ok(st) = st else {
        return EXT2_LINK_MAX;
    };
    let mut link = Writer::<64>::new();
    let (major, minor) = (super::major(st.st_dev), super::minor(st.st_dev));
    if core::fmt::write(&mut link, format_args!("/sys/dev/block/{major}:{minor}")).is_err() {
        return EXT2_LINK_MAX;
    }
    let mut target = [0u8; 256];
    let Ok(target) = super::readlink(link.bytes(), &mut target) else {
        return EXT2_LINK_MAX;
    };
    let base = target.rsplit(|&b| b == b'/').next().unwrap_or(target);
    let mut sys = Writer::<320>::new();
    if sys
        .push(b"/sys/fs/ext4/")
        .and_then(|()| sys.push(base))
        .is_err()
    {
        return EXT2_LINK_MAX;
    }
    match super::access(sys.bytes(), super::F_OK) {
        Ok(true) => EXT4_LINK_MAX,
        _ => EXT2_LINK_MAX,
    }
}

/// glibc's `__statfs_filesize_max`.
fn filesize_bits(s: &StatFs) -> i64 {
    match fs_type(s) {
        F2FS_SUPER_MAGIC => 256,
        BTRFS_SUPER_MAGIC => 255,
        EXT2_SUPER_MAGIC | UFS_MAGIC | UFS_CIGAM | REISERFS_SUPER_MAGIC | XFS_SUPER_MAGIC
        | SMB_SUPER_MAGIC | NTFS_SUPER_MAGIC | UDF_SUPER_MAGIC | JFS_SUPER_MAGIC
        | VXFS_SUPER_MAGIC | CGROUP_SUPER_MAGIC | LUSTRE_SUPER_MAGIC => 64,
        _ => 32,
    }
}

#[allow(clippy::unnecessary_cast)]
fn pathconf_of<F: AsFd + Copy>(of: Of<'_, F>, name: &str) -> Result<i64, Errno> {
    // The fragment size, as statvfs reports it (old kernels leave
    // f_frsize 0; glibc then uses f_bsize).
    let frsize = |s: &StatFs| match s.f_frsize as i64 {
        0 => s.f_bsize as i64,
        n => n,
    };
    Ok(match name {
        "PC_LINK_MAX" => link_max(of, &of.statfs()?),
        "PC_MAX_CANON" | "PC_MAX_INPUT" => 255,
        "PC_NAME_MAX" => of.statfs()?.f_namelen as i64,
        "PC_PATH_MAX" => 4096,
        "PC_PIPE_BUF" => 4096,
        "PC_CHOWN_RESTRICTED" => of.statfs().map(|_| 1)?,
        "PC_NO_TRUNC" => 1,
        "PC_VDISABLE" => 0,
        "PC_ASYNC_IO" => match of.file_type()? {
            FileType::RegularFile | FileType::BlockDevice => 1,
            _ => -1,
        },
        "PC_FILESIZEBITS" => filesize_bits(&of.statfs()?),
        "PC_REC_MIN_XFER_SIZE" => of.statfs()?.f_bsize as i64,
        "PC_REC_XFER_ALIGN" | "PC_ALLOC_SIZE_MIN" => frsize(&of.statfs()?),
        "PC_SYNC_IO"
        | "PC_PRIO_IO"
        | "PC_SOCK_MAXBUF"
        | "PC_REC_INCR_XFER_SIZE"
        | "PC_REC_MAX_XFER_SIZE"
        | "PC_SYMLINK_MAX" => -1,
        _ => return Err(Errno::INVAL),
    })
}

/// `os.pathconf(path, name)`—a limit of the file system holding `path`,
/// by Python's name (see [`PATHCONF_NAMES`]); -1 for "no limit". Where
/// glibc asks the file system (`PC_LINK_MAX`, `PC_NAME_MAX`,
/// `PC_FILESIZEBITS`, `PC_ASYNC_IO`, the transfer sizes, ...), a path
/// that does not exist is its errno; the constant answers need no file.
///
/// # References
/// - [pathconf(3)](https://man7.org/linux/man-pages/man3/pathconf.3.html)
pub fn pathconf(path: impl AsRef<[u8]>, name: &str) -> Result<i64, Errno> {
    pathconf_of::<rustix::fd::BorrowedFd<'_>>(Of::Path(path.as_ref()), name)
}

/// `os.fpathconf(fd, name)`—[`pathconf`] for an open file.
///
/// # References
/// - [fpathconf(3)](https://man7.org/linux/man-pages/man3/fpathconf.3.html)
pub fn fpathconf(fd: impl AsFd, name: &str) -> Result<i64, Errno> {
    pathconf_of(Of::Fd(fd.as_fd()), name)
}

/// `os.confstr(name)`—a configuration string, by Python's name (see
/// [`CONFSTR_NAMES`]): glibc 2.36's answer on this architecture
/// (`CS_PATH` is `/bin:/usr/bin`; most are empty). Python returns
/// `None` where C's `confstr` has no value; every name here has one.
///
/// `CS_GNU_LIBC_VERSION` and `CS_GNU_LIBPTHREAD_VERSION` are `EINVAL`:
/// Strata is not glibc, and CPython built on musl answers the same way
/// (there they are unknown names).
///
/// # References
/// - [confstr(3)](https://man7.org/linux/man-pages/man3/confstr.3.html)
pub fn confstr(name: &str) -> Result<&'static str, Errno> {
    // 32-bit glibc (armv7 here) asks for the 64-bit file offset ABI;
    // x86_64's names its -m64 flag; the others are empty.
    const LFS: &str = if cfg!(target_pointer_width = "32") {
        "-D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64"
    } else {
        ""
    };
    const M64: &str = if cfg!(target_arch = "x86_64") {
        "-m64"
    } else {
        ""
    };
    Ok(match name {
        "CS_PATH" => "/bin:/usr/bin",
        "CS_LFS_CFLAGS" | "CS_LFS_LINTFLAGS" | "CS_XBS5_ILP32_OFFBIG_CFLAGS" => LFS,
        "CS_LFS64_CFLAGS" | "CS_LFS64_LINTFLAGS" => "-D_LARGEFILE64_SOURCE",
        "CS_XBS5_LP64_OFF64_CFLAGS" | "CS_XBS5_LP64_OFF64_LDFLAGS" => M64,
        _ if CONFSTR_NAMES.iter().any(|&(n, _)| n == name) => "",
        _ => return Err(Errno::INVAL),
    })
}

/// A short path built on the stack.
struct Writer<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Writer<N> {
    fn new() -> Self {
        Writer {
            buf: [0; N],
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) -> Result<(), core::fmt::Error> {
        let room = self
            .buf
            .get_mut(self.len..self.len + bytes.len())
            .ok_or(core::fmt::Error)?;
        room.copy_from_slice(bytes);
        self.len += bytes.len();
        Ok(())
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl<const N: usize> core::fmt::Write for Writer<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.push(s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_answers_and_others_do_not() {
        let root = crate::os::open("/", crate::os::O_RDONLY, 0).unwrap();
        for (name, _) in PATHCONF_NAMES {
            assert!(pathconf("/", name).is_ok(), "{name}");
            assert_eq!(fpathconf(&root, name), pathconf("/", name), "{name}");
        }
        for (name, _) in CONFSTR_NAMES {
            assert!(confstr(name).is_ok(), "{name}");
        }
        assert_eq!(pathconf("/", "PC_NOPE"), Err(Errno::INVAL));
        assert_eq!(confstr("CS_NOPE"), Err(Errno::INVAL));
        assert_eq!(confstr("CS_GNU_LIBC_VERSION"), Err(Errno::INVAL));
    }

    #[test]
    fn answers_are_glibcs() {
        assert_eq!(confstr("CS_PATH"), Ok("/bin:/usr/bin"));
        assert_eq!(confstr("CS_LFS64_CFLAGS"), Ok("-D_LARGEFILE64_SOURCE"));
        assert_eq!(pathconf("/", "PC_PATH_MAX"), Ok(4096));
        assert_eq!(pathconf("/proc", "PC_LINK_MAX"), Ok(127));
        assert_eq!(pathconf("/proc", "PC_FILESIZEBITS"), Ok(32));
        assert_eq!(pathconf("/nonexistent", "PC_NAME_MAX"), Err(Errno::NOENT));
        assert_eq!(pathconf("/nonexistent", "PC_ASYNC_IO"), Err(Errno::NOENT));
        assert_eq!(pathconf("/nonexistent", "PC_PIPE_BUF"), Ok(4096));
        assert_eq!(pathconf("/", "PC_ASYNC_IO"), Ok(-1));
        assert_eq!(pathconf("/proc/self/status", "PC_ASYNC_IO"), Ok(1));
    }
}
