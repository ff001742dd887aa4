//! Directories with owned results: `os.listdir`, `os.walk`, `os.fwalk`,
//! `os.makedirs`, `os.removedirs`, `os.renames`.
//!
//! [`walk`] and [`fwalk`] follow CPython 3.11's order and rules exactly
//! (entries in the order the file system returns them; the same
//! symlink, error and pruning behaviour). They are iterators of owned
//! entries; Python's pruning by editing `dirnames` in place needs the
//! entry back, so `next_mut` lends it instead: in top-down mode, removing
//! a name from `dirnames` keeps the walk out of that directory. An
//! `onerror` callback receives the errors Python would pass to its
//! `onerror`.

use super::Error;
use super::PathLike;
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use strata_core::errno::Errno;
use strata_core::os as core_os;
use strata_core::os::{AsFd, AsRawFd, BorrowedFd, OFlags, OwnedFd, StatResult};

/// The buffer each directory read uses (glibc's `readdir` size).
const SCAN_BUFFER: usize = 32 * 1024;

use super::path::pure::split_borrowed as split;
use super::path::{exists, join};

/// `os.scandir(path)`—the entries of the directory `path`, except `.`
/// and `..`, in the order the file system keeps them, read through `buf`
/// (32 KiB, glibc's `readdir` size, is a good one). As core's
/// [`strata_core::os::scandir`], with errors, on opening and while
/// reading, that name the path.
///
/// ```
/// use strata_alloc::os;
///
/// let mut buf = vec![0; 32 * 1024];
/// for entry in os::scandir("/", &mut buf)? {
///     let entry = entry?;
///     assert!(!entry.name().contains(&b'/'));
/// }
/// let e = os::scandir("/nonexistent", &mut buf).err().unwrap();
/// assert_eq!(e.to_string(), "scandir(\"/nonexistent\"): No such file or directory (ENOENT)");
/// # Ok::<(), os::Error>(())
/// ```
///
/// # References
/// - [getdents64(2)](https://man7.org/linux/man-pages/man2/getdents64.2.html)
pub fn scandir<'a>(
    path: &'a (impl PathLike + ?Sized),
    buf: &'a mut [u8],
) -> Result<Scandir<'a>, Error> {
    let path = path.path_bytes();
    let entries =
        core_os::scandir(path, buf).map_err(|e| Error::new(e, "scandir").with_path(path))?;
    Ok(Scandir { entries, path })
}

/// The entries of one directory; see [`scandir`].
pub struct Scandir<'a> {
    entries: core_os::ScandirIterator<'a>,
    path: &'a [u8],
}

impl<'a> Iterator for Scandir<'a> {
    type Item = Result<core_os::DirEntry<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = self.path;
        Some(
            self.entries
                .next()?
                .map_err(|e| Error::new(e, "scandir").with_path(path)),
        )
    }
}

/// `os.listdir(path)`—the names in a directory, except `.` and `..`, in
/// the order the file system keeps them.
///
/// # References
/// - [getdents64(2)](https://man7.org/linux/man-pages/man2/getdents64.2.html)
pub fn listdir(path: impl PathLike) -> Result<Vec<Vec<u8>>, Error> {
    let path = path.path_bytes();
    let err = |e| Error::new(e, "listdir").with_path(path);
    let mut buf = vec![0u8; SCAN_BUFFER];
    let mut names = Vec::new();
    let mut entries = core_os::scandir(path, &mut buf).map_err(err)?;
    while let Some(entry) = entries.next_raw() {
        names.push(entry.map_err(err)?.name().to_vec());
    }
    Ok(names)
}

/// `os.listdir(fd)`—as [`listdir`], for an open directory (read from the
/// start, which is where it is left after).
pub fn listdir_fd(fd: BorrowedFd<'_>) -> Result<Vec<Vec<u8>>, Error> {
    let err = |e| Error::new(e, "listdir");
    seek_start(fd).map_err(err)?;
    let mut buf = vec![0u8; SCAN_BUFFER];
    let mut names = Vec::new();
    let mut entries = core_os::scandir_fd(fd, &mut buf);
    while let Some(entry) = entries.next_raw() {
        names.push(entry.map_err(err)?.name().to_vec());
    }
    Ok(names)
}

fn seek_start(fd: BorrowedFd<'_>) -> Result<(), Errno> {
    core_os::lseek(fd, 0, core_os::SEEK_SET).map(drop)
}

/// `os.makedirs(name, mode=0o777, exist_ok=False)`—makes a directory and
/// any missing parents (the parents with mode 0o777, as Python 3.7+).
/// With `exist_ok`, an existing directory is not an error.
///
/// # References
/// - [mkdir(2)](https://man7.org/linux/man-pages/man2/mkdir.2.html)
pub fn makedirs(name: impl PathLike, mode: u32, exist_ok: bool) -> Result<(), Error> {
    let name = name.path_bytes();
    let (mut head, mut tail) = split(name);
    if tail.is_empty() {
        (head, tail) = split(head);
    }
    if !head.is_empty() && !tail.is_empty() && !exists(head) {
        match makedirs(head, 0o777, exist_ok) {
            Err(e) if e.errno() == Errno::EXIST => {}
            other => other?,
        }
        if tail == b"." {
            return Ok(());
        }
    }
    match core_os::mkdir(name, mode) {
        Ok(()) => Ok(()),
        // Not only EEXIST: the kernel may give EACCES or EROFS first.
        Err(_) if exist_ok && core_os::stat(name).is_ok_and(|st| st.is_dir()) => Ok(()),
        Err(e) => Err(Error::new(e, "mkdir").with_path(name)),
    }
}

/// `os.removedirs(name)`—removes a directory, then each parent that
/// becomes empty, stopping quietly at the first that cannot go.
///
/// # References
/// - [rmdir(2)](https://man7.org/linux/man-pages/man2/rmdir.2.html)
pub fn removedirs(name: impl PathLike) -> Result<(), Error> {
    let name = name.path_bytes();
    super::rmdir(name)?;
    let (mut head, mut tail) = split(name);
    if tail.is_empty() {
        (head, tail) = split(head);
    }
    while !head.is_empty() && !tail.is_empty() {
        if core_os::rmdir(head).is_err() {
            break;
        }
        (head, tail) = split(head);
    }
    Ok(())
}

/// `os.renames(old, new)`—[`rename`](super::rename), making the
/// directories `new` needs and then removing those of `old` that became
/// empty.
///
/// # References
/// - [rename(2)](https://man7.org/linux/man-pages/man2/rename.2.html)
pub fn renames(old: impl PathLike, new: impl PathLike) -> Result<(), Error> {
    let (old, new) = (old.path_bytes(), new.path_bytes());
    let (head, tail) = split(new);
    if !head.is_empty() && !tail.is_empty() && !exists(head) {
        makedirs(head, 0o777, false)?;
    }
    super::rename(old, new)?;
    let (head, tail) = split(old);
    if !head.is_empty() && !tail.is_empty() {
        let _ = removedirs(head);
    }
    Ok(())
}

/// One step of [`walk`]: Python's `(dirpath, dirnames, filenames)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WalkEntry {
    /// The directory, as `top` joined with the names leading here.
    pub dirpath: Vec<u8>,
    /// Its subdirectories (symbolic links to directories included).
    pub dirnames: Vec<Vec<u8>>,
    /// Everything else in it.
    pub filenames: Vec<Vec<u8>>,
}

type OnError<'a> = Option<Box<dyn FnMut(Error) + 'a>>;

struct Frame {
    entry: WalkEntry,
    /// Bottom-up: the subdirectories to walk, chosen at scan time.
    children: Vec<Vec<u8>>,
    next_child: usize,
    yielded: bool,
}

/// The iterator [`walk`] returns; set Python's keywords with
/// [`Walk::topdown`], [`Walk::followlinks`] and [`Walk::onerror`].
pub struct Walk<'a> {
    top: Option<Vec<u8>>,
    frames: Vec<Frame>,
    topdown: bool,
    followlinks: bool,
    onerror: OnError<'a>,
    buf: Vec<u8>,
    /// Bottom-up: a frame popped and lent out by `next_mut`.
    done: Option<Frame>,
}

/// `os.walk(top, topdown=True, onerror=None, followlinks=False)`—every
/// directory under `top` (itself first, top-down by default), with its
/// subdirectory and file names.
///
/// As in Python, each directory is opened by its whole path, so a tree
/// deeper than `PATH_MAX` (4096 bytes of path) fails there with
/// `ENAMETOOLONG`; [`fwalk`] opens each directory relative to its parent's
/// descriptor and has no such limit.
///
/// ```
/// use strata_alloc::os;
///
/// let top = std::env::temp_dir().join(format!("strata-walk-{}", os::getpid()));
/// let top = top.to_str().unwrap();
/// os::makedirs(format!("{top}/a/b"), 0o755, false)?;
/// let dirs: Vec<Vec<u8>> = os::walk(top).map(|entry| entry.dirpath).collect();
/// assert_eq!(dirs, [format!("{top}"), format!("{top}/a"), format!("{top}/a/b")]
///     .map(String::into_bytes));
/// for dir in dirs.iter().rev() {
///     os::rmdir(dir)?;
/// }
/// # Ok::<(), os::Error>(())
/// ```
///
/// # References
/// - [getdents64(2)](https://man7.org/linux/man-pages/man2/getdents64.2.html)
pub fn walk<'a>(top: impl PathLike) -> Walk<'a> {
    Walk {
        top: Some(top.path_bytes().to_vec()),
        frames: Vec::new(),
        topdown: true,
        followlinks: false,
        onerror: None,
        buf: Vec::new(),
        done: None,
    }
}

impl<'a> Walk<'a> {
    /// `topdown=`: a directory before (true) or after its
    /// subdirectories.
    pub fn topdown(mut self, topdown: bool) -> Self {
        self.topdown = topdown;
        self
    }

    /// `followlinks=`: walk into symbolic links to directories.
    pub fn followlinks(mut self, followlinks: bool) -> Self {
        self.followlinks = followlinks;
        self
    }

    /// `onerror=`: called with each directory that cannot be read (which
    /// is then skipped); without it, such errors are ignored.
    pub fn onerror(mut self, f: impl FnMut(Error) + 'a) -> Self {
        self.onerror = Some(Box::new(f));
        self
    }

    fn report(&mut self, e: Error) {
        if let Some(f) = &mut self.onerror {
            f(e);
        }
    }

    /// Reads `path`; on error reports it and returns `None`.
    fn read_frame(&mut self, path: Vec<u8>) -> Option<Frame> {
        if self.buf.is_empty() {
            self.buf = vec![0u8; SCAN_BUFFER];
        }
        let mut entry = WalkEntry {
            dirpath: path,
            ..WalkEntry::default()
        };
        let mut children = Vec::new();
        let failed = {
            let dirpath = &entry.dirpath;
            match core_os::scandir(dirpath, &mut self.buf) {
                Err(e) => Some(Error::new(e, "scandir").with_path(dirpath)),
                Ok(mut entries) => {
                    let mut failed = None;
                    while let Some(item) = entries.next_raw() {
                        let raw = match item {
                            Ok(raw) => raw,
                            Err(err) => {
                                failed = Some(Error::new(err, "scandir").with_path(dirpath));
                                break;
                            }
                        };
                        // The entry's type usually answers; a stat only
                        // for links and file systems that give no type.
                        let (is_dir, is_link) = match raw.is_dir_hint() {
                            Some(d) => (d, false),
                            None => {
                                let e = raw.to_entry();
                                (
                                    e.is_dir(true).unwrap_or(false),
                                    e.is_symlink().unwrap_or(false),
                                )
                            }
                        };
                        if is_dir {
                            entry.dirnames.push(raw.name().to_vec());
                        } else {
                            entry.filenames.push(raw.name().to_vec());
                        }
                        if !self.topdown && is_dir && (self.followlinks || !is_link) {
                            children.push(join(dirpath, raw.name()));
                        }
                    }
                    failed
                }
            }
        };
        if let Some(e) = failed {
            self.report(e);
            return None;
        }
        Some(Frame {
            entry,
            children,
            next_child: 0,
            yielded: false,
        })
    }

    /// The next directory, lent so that a top-down walk can be pruned by
    /// editing `dirnames` (Python's in-place list edits).
    pub fn next_mut(&mut self) -> Option<&mut WalkEntry> {
        self.done = None;
        if let Some(top) = self.top.take()
            && let Some(frame) = self.read_frame(top)
        {
            self.frames.push(frame);
        }
        loop {
            let topdown = self.topdown;
            let frame = self.frames.last_mut()?;
            if topdown && !frame.yielded {
                frame.yielded = true;
                let last = self.frames.len() - 1;
                return Some(&mut self.frames[last].entry);
            }
            let child = if topdown {
                let names = &frame.entry.dirnames;
                let next = names
                    .get(frame.next_child)
                    .map(|n| join(&frame.entry.dirpath, n));
                frame.next_child += 1;
                match next {
                    // os.path.islink, checked when the walk gets there.
                    Some(path)
                        if !self.followlinks
                            && core_os::lstat(&path).is_ok_and(|st| st.is_symlink()) =>
                    {
                        continue;
                    }
                    other => other,
                }
            } else {
                let next = frame.children.get(frame.next_child).cloned();
                frame.next_child += 1;
                next
            };
            match child {
                Some(path) => {
                    if let Some(f) = self.read_frame(path) {
                        self.frames.push(f);
                    }
                }
                None => {
                    let frame = self.frames.pop()?;
                    if !topdown {
                        return Some(&mut self.done.insert(frame).entry);
                    }
                }
            }
        }
    }
}

impl Iterator for Walk<'_> {
    type Item = WalkEntry;

    fn next(&mut self) -> Option<WalkEntry> {
        let entry = self.next_mut()?;
        Some(entry.clone())
    }
}

/// One step of [`fwalk`]: Python's `(dirpath, dirnames, filenames,
/// dirfd)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FWalkEntry {
    /// The directory, as `top` joined with the names leading here.
    pub dirpath: Vec<u8>,
    /// Its subdirectories.
    pub dirnames: Vec<Vec<u8>>,
    /// Everything else in it.
    pub filenames: Vec<Vec<u8>>,
    /// An fd open on the directory, valid until the next step (as in
    /// Python); [`FWalk::next_mut`] lends it as a `BorrowedFd`.
    pub dirfd: i32,
}

struct FFrame {
    fd: OwnedFd,
    entry: FWalkEntry,
    next_child: usize,
    yielded: bool,
}

/// The iterator [`fwalk`] returns.
pub struct FWalk<'a> {
    frames: Vec<FFrame>,
    topdown: bool,
    follow_symlinks: bool,
    onerror: OnError<'a>,
    buf: Vec<u8>,
    done: Option<FFrame>,
}

/// `os.fwalk(top, topdown=True, onerror=None, *, follow_symlinks=False)`
/// —[`walk`] that also yields an fd for each directory and reaches every
/// entry through its directory's fd, so that a renamed or replaced path
/// cannot redirect it (Python's `lstat`/`open`/`fstat` checks).
///
/// Opening `top` fails as Python's first step would: that error comes
/// back here.
///
/// # References
/// - [openat(2)](https://man7.org/linux/man-pages/man2/openat.2.html)
pub fn fwalk<'a>(top: impl PathLike, follow_symlinks: bool) -> Result<FWalk<'a>, Error> {
    let top = top.path_bytes();
    let err = |e, op| Error::new(e, op).with_path(top);
    let orig = if follow_symlinks {
        None
    } else {
        Some(core_os::lstat(top).map_err(|e| err(e, "stat"))?)
    };
    let fd =
        core_os::open(top, OFlags::RDONLY | OFlags::NONBLOCK, 0).map_err(|e| err(e, "open"))?;
    let mut walk = FWalk {
        frames: Vec::new(),
        topdown: true,
        follow_symlinks,
        onerror: None,
        buf: vec![0u8; SCAN_BUFFER],
        done: None,
    };
    let descend = match orig {
        None => true,
        Some(orig) => {
            orig.is_dir() && core_os::fstat(&fd).is_ok_and(|st: StatResult| st.samestat(&orig))
        }
    };
    if descend && let Some(frame) = walk.read_frame(fd, top.to_vec()) {
        walk.frames.push(frame);
    }
    Ok(walk)
}

impl<'a> FWalk<'a> {
    /// `topdown=`.
    pub fn topdown(mut self, topdown: bool) -> Self {
        self.topdown = topdown;
        self
    }

    /// `onerror=`: called with each subdirectory that cannot be opened or
    /// read (which is then skipped).
    pub fn onerror(mut self, f: impl FnMut(Error) + 'a) -> Self {
        self.onerror = Some(Box::new(f));
        self
    }

    fn report(&mut self, e: Error) {
        if let Some(f) = &mut self.onerror {
            f(e);
        }
    }

    fn read_frame(&mut self, fd: OwnedFd, path: Vec<u8>) -> Option<FFrame> {
        let mut entry = FWalkEntry {
            dirpath: path,
            dirnames: Vec::new(),
            filenames: Vec::new(),
            dirfd: fd.as_raw_fd(),
        };
        let mut failed = None;
        let mut entries = core_os::scandir_fd(fd.as_fd(), &mut self.buf);
        while let Some(item) = entries.next_raw() {
            let raw = match item {
                Ok(raw) => raw,
                Err(err) => {
                    failed = Some(Error::new(err, "scandir").with_path(&entry.dirpath));
                    break;
                }
            };
            let is_dir = match raw.is_dir_hint() {
                Some(d) => Ok(d),
                None => raw.to_entry().is_dir(true),
            };
            match is_dir {
                Ok(true) => entry.dirnames.push(raw.name().to_vec()),
                Ok(false) => entry.filenames.push(raw.name().to_vec()),
                // Dangling symlinks are files; vanished files are dropped.
                Err(_) => {
                    if raw.to_entry().is_symlink().unwrap_or(false) {
                        entry.filenames.push(raw.name().to_vec());
                    }
                }
            }
        }
        drop(entries);
        if let Some(e) = failed {
            self.report(e);
            return None;
        }
        Some(FFrame {
            fd,
            entry,
            next_child: 0,
            yielded: false,
        })
    }

    /// Opens subdirectory `name` of the frame on top, as Python does.
    fn open_child(&mut self, name: &[u8]) -> Option<FFrame> {
        let frame = self.frames.last()?;
        let parent = frame.fd.as_fd();
        let path = join(&frame.entry.dirpath, name);
        let orig = if self.follow_symlinks {
            None
        } else {
            match core_os::stat_at(parent, name, false) {
                Ok(st) => Some(st),
                Err(e) => {
                    self.report(Error::new(e, "stat").with_path(&path));
                    return None;
                }
            }
        };
        let fd = match core_os::openat(parent, name, OFlags::RDONLY | OFlags::NONBLOCK, 0) {
            Ok(fd) => fd,
            Err(e) => {
                self.report(Error::new(e, "open").with_path(&path));
                return None;
            }
        };
        if let Some(orig) = orig
            && !core_os::fstat(&fd).is_ok_and(|st| st.samestat(&orig))
        {
            return None;
        }
        self.read_frame(fd, path)
    }

    /// The next directory and a borrowed fd open on it, lent so that a
    /// top-down walk can be pruned by editing `dirnames`.
    pub fn next_mut(&mut self) -> Option<(&mut FWalkEntry, BorrowedFd<'_>)> {
        self.done = None;
        loop {
            let topdown = self.topdown;
            let frame = self.frames.last_mut()?;
            if topdown && !frame.yielded {
                frame.yielded = true;
                let last = self.frames.len() - 1;
                let f = &mut self.frames[last];
                return Some((&mut f.entry, f.fd.as_fd()));
            }
            let next = frame.entry.dirnames.get(frame.next_child).cloned();
            frame.next_child += 1;
            match next {
                Some(name) => {
                    if let Some(child) = self.open_child(&name) {
                        self.frames.push(child);
                    }
                }
                None => {
                    let frame = self.frames.pop()?;
                    if !topdown {
                        let f = self.done.insert(frame);
                        return Some((&mut f.entry, f.fd.as_fd()));
                    }
                }
            }
        }
    }
}

impl Iterator for FWalk<'_> {
    type Item = FWalkEntry;

    fn next(&mut self) -> Option<FWalkEntry> {
        self.next_mut().map(|(entry, _)| entry.clone())
    }
}
