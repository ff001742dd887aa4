//! `os.scandir`: a streaming `getdents64` iterator over a buffer the
//! caller lends, yielding [`DirEntry`]s with Python's lazy, cached stat.
//!
//! What differs from Python: no allocation, so the caller provides the
//! buffer the kernel fills (32 KiB is what glibc's `readdir` uses; 512
//! bytes is the least that holds any entry), a name is at most 255 bytes
//! held inside the entry, and `DirEntry.path` is written into a caller's
//! buffer ([`DirEntry::path`]). The alloc layer's `listdir`, `walk` and
//! `fwalk` are built on this.

use super::fd::{CWD, retry};
use super::path::{CPath, is_dot_or_dotdot, with_join, with_path};
use super::stat::{S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, StatResult, stat_cstr};
use crate::errno::Errno;
use crate::sys::{nr, result};
use core::cell::Cell;
use linux_raw_sys::general as k;
use rustix::fd::{AsRawFd, BorrowedFd, OwnedFd};
use rustix::fs::OFlags;
use strata_arch::syscall3;

/// `DT_UNKNOWN`: the file system did not say; a stat will.
const DT_UNKNOWN: u8 = 0;
const DT_DIR: u8 = 4;
const DT_REG: u8 = 8;
const DT_LNK: u8 = 10;

/// Where the entries' directory is, for their `stat` and `path`.
#[derive(Clone, Copy, Debug)]
enum DirRef<'a> {
    /// `os.scandir(path)`: entries are reached through `path/name`.
    Path(&'a [u8]),
    /// `os.scandir(fd)`: entries are reached relative to the fd.
    Fd(BorrowedFd<'a>),
}

#[derive(Debug)]
enum DirFd<'a> {
    Owned(OwnedFd),
    Borrowed(BorrowedFd<'a>),
}

/// The iterator [`scandir`] returns; see the module doc.
///
/// An error ends the iteration after it is yielded. With a borrowed fd,
/// the directory is rewound when the iterator is dropped (as CPython
/// does), so the fd can be scanned again.
#[derive(Debug)]
pub struct ScandirIterator<'a> {
    fd: DirFd<'a>,
    dir: DirRef<'a>,
    buf: &'a mut [u8],
    pos: usize,
    len: usize,
    done: bool,
}

/// `os.scandir(path)`—the entries of the directory `path`, except `.`
/// and `..`, in the order the file system keeps them.
///
/// # References
/// - [getdents64(2)](https://man7.org/linux/man-pages/man2/getdents64.2.html)
pub fn scandir<'a>(
    path: &'a (impl AsRef<[u8]> + ?Sized),
    buf: &'a mut [u8],
) -> Result<ScandirIterator<'a>, Errno> {
    let path = path.as_ref();
    let fd = super::open(path, OFlags::RDONLY | OFlags::DIRECTORY, 0)?;
    Ok(ScandirIterator {
        fd: DirFd::Owned(fd),
        dir: DirRef::Path(path),
        buf,
        pos: 0,
        len: 0,
        done: false,
    })
}

/// `os.scandir(fd)`—the entries of an open directory, read from its
/// current position; [`DirEntry::stat`] works relative to `fd` and
/// [`DirEntry::path`] is the bare name, as in Python.
///
/// # References
/// - [getdents64(2)](https://man7.org/linux/man-pages/man2/getdents64.2.html)
pub fn scandir_fd<'a>(fd: BorrowedFd<'a>, buf: &'a mut [u8]) -> ScandirIterator<'a> {
    ScandirIterator {
        fd: DirFd::Borrowed(fd),
        dir: DirRef::Fd(fd),
        buf,
        pos: 0,
        len: 0,
        done: false,
    }
}

impl ScandirIterator<'_> {
    fn raw_fd(&self) -> i32 {
        match &self.fd {
            DirFd::Owned(fd) => fd.as_raw_fd(),
            DirFd::Borrowed(fd) => fd.as_raw_fd(),
        }
    }

    fn fill(&mut self) -> Result<usize, Errno> {
        let fd = self.raw_fd() as usize;
        let (ptr, len) = (self.buf.as_mut_ptr() as usize, self.buf.len());
        // SAFETY: the kernel writes at most `len` bytes into the buffer
        // we hold exclusively.
        retry(|| result(unsafe { syscall3(nr(k::__NR_getdents64), fd, ptr, len) }))
    }
}

impl<'a> ScandirIterator<'a> {
    /// The next entry as the kernel wrote it, lent from the buffer: its
    /// name, inode and type, without copying the name into a
    /// [`DirEntry`]. For listings that only need names; turn it into a
    /// `DirEntry` with [`RawDirEntry::to_entry`] where a stat may be
    /// needed.
    pub fn next_raw(&mut self) -> Option<Result<RawDirEntry<'_, 'a>, Errno>> {
        loop {
            if self.pos >= self.len {
                if self.done {
                    return None;
                }
                match self.fill() {
                    Ok(0) => {
                        self.done = true;
                        return None;
                    }
                    Ok(n) => {
                        self.len = n;
                        self.pos = 0;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
            }
            let Some(record) = parse_record(&self.buf[self.pos..self.len]) else {
                self.done = true;
                self.len = 0;
                return Some(Err(Errno::IO));
            };
            let start = self.pos;
            self.pos += record.reclen;
            if is_dot_or_dotdot(record.name) {
                continue;
            }
            let (ino, d_type, name_len) = (record.ino, record.d_type, record.name.len());
            return Some(Ok(RawDirEntry {
                name: &self.buf[start + 19..start + 19 + name_len],
                ino,
                d_type,
                dir: self.dir,
            }));
        }
    }
}

/// An entry lent by [`ScandirIterator::next_raw`].
#[derive(Clone, Copy, Debug)]
pub struct RawDirEntry<'b, 'a> {
    name: &'b [u8],
    ino: u64,
    d_type: u8,
    dir: DirRef<'a>,
}

impl<'a> RawDirEntry<'_, 'a> {
    /// The entry's file name.
    pub fn name(&self) -> &[u8] {
        self.name
    }

    /// The inode number.
    pub fn inode(&self) -> u64 {
        self.ino
    }

    /// Whether the file system said it is a directory (`Some(false)` for
    /// another known type, `None` when it did not say, or for a symbolic
    /// link, whose target only a stat knows).
    pub fn is_dir_hint(&self) -> Option<bool> {
        match self.d_type {
            DT_UNKNOWN | DT_LNK => None,
            t => Some(t == DT_DIR),
        }
    }

    /// The full [`DirEntry`], with its stat cache.
    pub fn to_entry(&self) -> DirEntry<'a> {
        DirEntry::new(
            Record {
                ino: self.ino,
                reclen: 0,
                d_type: self.d_type,
                name: self.name,
            },
            self.dir,
        )
    }
}

impl<'a> Iterator for ScandirIterator<'a> {
    type Item = Result<DirEntry<'a>, Errno>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.next_raw()?.map(|raw| raw.to_entry()))
    }
}

impl Drop for ScandirIterator<'_> {
    fn drop(&mut self) {
        if let DirFd::Borrowed(fd) = self.fd {
            let _ = rustix::fs::seek(fd, rustix::fs::SeekFrom::Start(0));
        }
    }
}

/// One `linux_dirent64` record.
struct Record<'b> {
    ino: u64,
    reclen: usize,
    d_type: u8,
    name: &'b [u8],
}

/// Reads the record at the start of `bytes`: `d_ino` (8), `d_off` (8),
/// `d_reclen` (2), `d_type` (1), then the NUL-terminated name.
fn parse_record(bytes: &[u8]) -> Option<Record<'_>> {
    let header = bytes.get(..19)?;
    let ino = u64::from_ne_bytes(header[0..8].try_into().ok()?);
    let reclen = usize::from(u16::from_ne_bytes([header[16], header[17]]));
    let d_type = header[18];
    let name_area = bytes.get(19..reclen)?;
    let name_len = name_area.iter().position(|&b| b == 0)?;
    Some(Record {
        ino,
        reclen,
        d_type,
        name: &name_area[..name_len],
    })
}

/// `os.DirEntry`: one entry of a [`scandir`], with its name, inode and
/// file type as `getdents64` gave them, and `stat` results cached on
/// first use (one for each `follow_symlinks` value), as in Python.
#[derive(Clone, Debug)]
pub struct DirEntry<'a> {
    name: [u8; 255],
    name_len: u8,
    ino: u64,
    d_type: u8,
    dir: DirRef<'a>,
    stat: Cell<Option<StatResult>>,
    lstat: Cell<Option<StatResult>>,
}

impl<'a> DirEntry<'a> {
    fn new(record: Record<'_>, dir: DirRef<'a>) -> Self {
        let mut name = [0u8; 255];
        // Linux names are at most 255 bytes (NAME_MAX).
        let len = record.name.len().min(255);
        name[..len].copy_from_slice(&record.name[..len]);
        DirEntry {
            name,
            name_len: len as u8,
            ino: record.ino,
            d_type: record.d_type,
            dir,
            stat: Cell::new(None),
            lstat: Cell::new(None),
        }
    }

    /// `DirEntry.name`: the entry's file name.
    pub fn name(&self) -> &[u8] {
        &self.name[..usize::from(self.name_len)]
    }

    /// `DirEntry.path`: the scanned path joined with the name (just the
    /// name when the directory was given as an fd), written into `buf`.
    /// `ENAMETOOLONG` if it does not fit.
    pub fn path<'b>(&self, buf: &'b mut [u8]) -> Result<&'b [u8], Errno> {
        let joined = match self.dir {
            DirRef::Path(dir) => CPath::join(dir, self.name())?,
            DirRef::Fd(_) => CPath::new(self.name())?,
        };
        let bytes = joined.as_bytes();
        let out = buf.get_mut(..bytes.len()).ok_or(Errno::NAMETOOLONG)?;
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// The directory the entry was read from: the path given to
    /// [`scandir`], or `None` for [`scandir_fd`].
    pub fn dir_path(&self) -> Option<&'a [u8]> {
        match self.dir {
            DirRef::Path(p) => Some(p),
            DirRef::Fd(_) => None,
        }
    }

    /// `DirEntry.inode()`: the inode number from the directory entry.
    pub fn inode(&self) -> u64 {
        self.ino
    }

    /// `DirEntry.is_junction()`: always false on Linux.
    pub fn is_junction(&self) -> bool {
        false
    }

    /// `DirEntry.stat(follow_symlinks=...)`: the entry's status, from the
    /// cache after the first call.
    ///
    /// # References
    /// - [fstatat(2)](https://man7.org/linux/man-pages/man2/fstatat.2.html)
    pub fn stat(&self, follow_symlinks: bool) -> Result<StatResult, Errno> {
        if follow_symlinks {
            if let Some(st) = self.stat.get() {
                return Ok(st);
            }
            let st = if self.is_symlink()? {
                self.fetch(true)?
            } else {
                self.stat(false)?
            };
            self.stat.set(Some(st));
            Ok(st)
        } else {
            if let Some(st) = self.lstat.get() {
                return Ok(st);
            }
            let st = self.fetch(false)?;
            self.lstat.set(Some(st));
            Ok(st)
        }
    }

    fn fetch(&self, follow_symlinks: bool) -> Result<StatResult, Errno> {
        match self.dir {
            DirRef::Path(dir) => {
                with_join(dir, self.name(), |p| stat_cstr(CWD, p, follow_symlinks))
            }
            DirRef::Fd(fd) => with_path(self.name(), |p| stat_cstr(fd, p, follow_symlinks)),
        }
    }

    /// `DirEntry.is_symlink()`: from the entry's type, or an `lstat` when
    /// the file system gave none. A vanished file is `Ok(false)`.
    pub fn is_symlink(&self) -> Result<bool, Errno> {
        if self.d_type != DT_UNKNOWN {
            return Ok(self.d_type == DT_LNK);
        }
        self.test_mode(false, S_IFLNK)
    }

    /// `DirEntry.is_dir(follow_symlinks=...)`: from the entry's type
    /// where that suffices, else a (cached) stat. A vanished file is
    /// `Ok(false)`, as Python catches `FileNotFoundError` here.
    pub fn is_dir(&self, follow_symlinks: bool) -> Result<bool, Errno> {
        self.test_type(follow_symlinks, DT_DIR, S_IFDIR)
    }

    /// `DirEntry.is_file(follow_symlinks=...)`: as [`DirEntry::is_dir`],
    /// for a regular file.
    pub fn is_file(&self, follow_symlinks: bool) -> Result<bool, Errno> {
        self.test_type(follow_symlinks, DT_REG, S_IFREG)
    }

    fn test_type(&self, follow_symlinks: bool, d_type: u8, mode: u32) -> Result<bool, Errno> {
        let need_stat = self.d_type == DT_UNKNOWN || (follow_symlinks && self.d_type == DT_LNK);
        if need_stat {
            self.test_mode(follow_symlinks, mode)
        } else {
            Ok(self.d_type == d_type)
        }
    }

    fn test_mode(&self, follow_symlinks: bool, mode: u32) -> Result<bool, Errno> {
        match self.stat(follow_symlinks) {
            Ok(st) => Ok(st.st_mode & S_IFMT == mode),
            Err(Errno::NOENT) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ino: u64, d_type: u8, name: &[u8]) -> std::vec::Vec<u8> {
        let reclen = (19 + name.len() + 1).next_multiple_of(8);
        let mut r = std::vec![0u8; reclen];
        r[0..8].copy_from_slice(&ino.to_ne_bytes());
        r[16..18].copy_from_slice(&(reclen as u16).to_ne_bytes());
        r[18] = d_type;
        r[19..19 + name.len()].copy_from_slice(name);
        r
    }

    #[test]
    fn records_parse_and_bad_ones_are_refused() {
        let mut buf = record(7, DT_DIR, b"sub");
        buf.extend(record(9, DT_LNK, &[b'x'; 255]));
        let a = parse_record(&buf).unwrap();
        assert_eq!((a.ino, a.d_type, a.name), (7, DT_DIR, &b"sub"[..]));
        let b = parse_record(&buf[a.reclen..]).unwrap();
        assert_eq!((b.ino, b.d_type, b.name.len()), (9, DT_LNK, 255));
        assert!(parse_record(&buf[..10]).is_none());
        let mut bad = record(1, DT_REG, b"abc");
        let len = bad.len();
        bad[16..18].copy_from_slice(&((len + 8) as u16).to_ne_bytes());
        assert!(parse_record(&bad).is_none(), "reclen past the end");
        let mut unterminated = record(1, DT_REG, b"abcd");
        for b in &mut unterminated[19..] {
            *b = b'a';
        }
        assert!(parse_record(&unterminated).is_none());
    }

    #[test]
    fn entries_answer_from_d_type_without_a_stat() {
        let buf = record(5, DT_DIR, b"d");
        let e = DirEntry::new(
            parse_record(&buf).unwrap(),
            DirRef::Path(b"/nonexistent-dir"),
        );
        assert_eq!(e.name(), b"d");
        assert_eq!(e.inode(), 5);
        assert_eq!(e.is_dir(true), Ok(true));
        assert_eq!(e.is_file(false), Ok(false));
        assert_eq!(e.is_symlink(), Ok(false));
        let mut p = [0u8; 64];
        assert_eq!(e.path(&mut p), Ok(&b"/nonexistent-dir/d"[..]));
        let mut small = [0u8; 4];
        assert_eq!(e.path(&mut small), Err(Errno::NAMETOOLONG));
        // A symlink followed needs a stat: the missing file reads as false.
        let buf = record(6, DT_LNK, b"l");
        let l = DirEntry::new(
            parse_record(&buf).unwrap(),
            DirRef::Path(b"/nonexistent-dir"),
        );
        assert_eq!(l.is_dir(true), Ok(false));
        assert_eq!(l.is_symlink(), Ok(true));
        assert_eq!(l.stat(false), Err(Errno::NOENT));
    }
}
