//! Replacing the process image: `os.execv`, `execve`, `execvp`,
//! `execvpe`, and the `PATH` search they and `posix_spawnp` share.
//!
//! Arguments and environment entries are C strings (`&CStr`: `c"..."`
//! literals, or what `os::argv()` yields); the alloc layer takes owned
//! strings and builds these. The NULL-terminated pointer arrays the
//! kernel wants are built on the stack, or for very long lists in a
//! temporary anonymous mapping, so nothing is allocated.
//!
//! Differences from Python: an exec function returns the `Errno` it
//! failed with instead of raising; Python's `ValueError`s (empty `argv`,
//! empty `argv[0]`) are `EINVAL`. As in Python, buffered stdout is not
//! flushed first: call `io::stdout().flush()` before an exec.

use super::path::CPath;
use crate::errno::Errno;
use crate::sys::newer::EXECVEAT;
use crate::sys::{nr, result};
use core::ffi::CStr;
use core::ptr::NonNull;
use linux_raw_sys::general as k;
use rustix::fd::{AsFd, AsRawFd};
use strata_arch::{syscall3, syscall5};

/// The environment a new program gets.
#[derive(Clone, Copy, Debug)]
pub enum Env<'a> {
    /// This process's environment as the kernel passed it (the alloc
    /// layer passes its own, possibly changed, copy as `Entries`).
    Inherit,
    /// These `NAME=value` entries.
    Entries(&'a [&'a CStr]),
}

impl Env<'_> {
    /// The value of `name` in this environment.
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        match self {
            Env::Inherit => super::getenv(name),
            Env::Entries(entries) => entries.iter().find_map(|e| {
                let e = e.to_bytes();
                let eq = e.iter().position(|&b| b == b'=')?;
                (&e[..eq] == name).then(|| &e[eq + 1..])
            }),
        }
    }
}

/// How many pointers fit in the stack part of a [`PtrArray`].
const STACK_SLOTS: usize = 128;

/// A NULL-terminated array of C string pointers, as `execve` takes.
pub(crate) struct PtrArray {
    stack: [*const u8; STACK_SLOTS],
    mapped: Option<(NonNull<u8>, usize)>,
}

impl PtrArray {
    /// The array for `strings`: on the stack for short lists, else in a
    /// fresh anonymous mapping (unmapped on drop).
    pub(crate) fn new(strings: &[&CStr]) -> Result<PtrArray, Errno> {
        let mut array = PtrArray {
            stack: [core::ptr::null(); STACK_SLOTS],
            mapped: None,
        };
        let slots: &mut [*const u8] = if strings.len() < STACK_SLOTS {
            &mut array.stack
        } else {
            let bytes = (strings.len() + 1)
                .checked_mul(size_of::<*const u8>())
                .ok_or(Errno::TOOBIG)?;
            let ptr = super::mmap_anonymous(bytes)?;
            array.mapped = Some((ptr, bytes));
            // SAFETY: a fresh, zeroed, writable mapping of `bytes` bytes,
            // aligned to a page, holds strings.len() + 1 pointers.
            unsafe { core::slice::from_raw_parts_mut(ptr.as_ptr().cast(), strings.len() + 1) }
        };
        for (slot, s) in slots.iter_mut().zip(strings) {
            *slot = s.as_ptr().cast();
        }
        slots[strings.len()] = core::ptr::null();
        Ok(array)
    }

    /// The environment's array: the kernel's own for `Inherit`.
    pub(crate) fn env(env: Env<'_>) -> Result<EnvArray, Errno> {
        match env {
            Env::Inherit => Ok(EnvArray::Inherited(crate::rt::raw_environ())),
            Env::Entries(entries) => Ok(EnvArray::Built(PtrArray::new(entries)?)),
        }
    }

    pub(crate) fn as_ptr(&self) -> *const *const u8 {
        match self.mapped {
            Some((ptr, _)) => ptr.as_ptr().cast(),
            None => self.stack.as_ptr(),
        }
    }
}

impl Drop for PtrArray {
    fn drop(&mut self) {
        if let Some((ptr, len)) = self.mapped {
            // SAFETY: the mapping is ours, made in `new`, and no pointer
            // into it outlives self.
            let _ = unsafe { super::munmap(ptr.as_ptr(), len) };
        }
    }
}

/// An environment array: built, or the one the process started with.
// The big variant lives on the stack on purpose: no allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum EnvArray {
    Inherited(*const *const u8),
    Built(PtrArray),
}

/// An empty environment, for a process started outside `main!`.
static EMPTY_ENV: [usize; 1] = [0];

impl EnvArray {
    pub(crate) fn as_ptr(&self) -> *const *const u8 {
        match self {
            EnvArray::Inherited(p) if p.is_null() => EMPTY_ENV.as_ptr().cast(),
            EnvArray::Inherited(p) => *p,
            EnvArray::Built(a) => a.as_ptr(),
        }
    }
}

/// Python's checks on `argv` before an exec or spawn.
pub(crate) fn check_argv(argv: &[&CStr]) -> Result<(), Errno> {
    match argv.first() {
        None => Err(Errno::INVAL),
        Some(first) if first.is_empty() => Err(Errno::INVAL),
        Some(_) => Ok(()),
    }
}

/// `execve(2)` on prepared arrays; returns only on failure.
///
/// # Safety
/// `argv` and `envp` are NULL-terminated arrays of C strings.
pub(crate) unsafe fn raw_execve(
    path: &CStr,
    argv: *const *const u8,
    envp: *const *const u8,
) -> Errno {
    // SAFETY: the caller guarantees the arrays; the path is a C string.
    let ret = unsafe {
        syscall3(
            nr(k::__NR_execve),
            path.as_ptr() as usize,
            argv as usize,
            envp as usize,
        )
    };
    result(ret).err().unwrap_or(Errno::INVAL)
}

/// `os.execv(path, args)`—runs the program at `path` in place of this
/// one, with this process's environment. Returns only on failure.
///
/// # References
/// - [execve(2)](https://man7.org/linux/man-pages/man2/execve.2.html)
pub fn execv(path: impl AsRef<[u8]>, argv: &[&CStr]) -> Errno {
    execve(path, argv, Env::Inherit)
}

/// `os.execve(path, args, env)`—as [`execv`], with the environment `env`.
///
/// # References
/// - [execve(2)](https://man7.org/linux/man-pages/man2/execve.2.html)
pub fn execve(path: impl AsRef<[u8]>, argv: &[&CStr], env: Env<'_>) -> Errno {
    let run = || -> Result<Errno, Errno> {
        check_argv(argv)?;
        let path = CPath::new(path.as_ref())?;
        let args = PtrArray::new(argv)?;
        let envp = PtrArray::env(env)?;
        // SAFETY: both arrays were just built NULL-terminated.
        Ok(unsafe { raw_execve(path.as_cstr(), args.as_ptr(), envp.as_ptr()) })
    };
    run().unwrap_or_else(|e| e)
}

/// `os.execve(fd, args, env)`—runs the program open on `fd`
/// (`execveat(fd, "", AT_EMPTY_PATH)`; C's `fexecve`).
///
/// Where the system lacks `execveat` (Linux before 3.19, QEMU 7.2), it
/// runs `/proc/self/fd/N` instead, as glibc does, and then without
/// `/proc` mounted the error is `ENOSYS`.
///
/// # References
/// - [execveat(2)](https://man7.org/linux/man-pages/man2/execveat.2.html)
/// - [fexecve(3)](https://man7.org/linux/man-pages/man3/fexecve.3.html)
pub fn fexecve(fd: impl AsFd, argv: &[&CStr], env: Env<'_>) -> Errno {
    let fd = fd.as_fd().as_raw_fd();
    let run = || -> Result<Errno, Errno> {
        check_argv(argv)?;
        let args = PtrArray::new(argv)?;
        let envp = PtrArray::env(env)?;
        if EXECVEAT.worth_trying() {
            // SAFETY: both arrays are NULL-terminated; "" is a C string.
            let ret = unsafe {
                syscall5(
                    nr(k::__NR_execveat),
                    fd as usize,
                    c"".as_ptr() as usize,
                    args.as_ptr() as usize,
                    envp.as_ptr() as usize,
                    k::AT_EMPTY_PATH as usize,
                )
            };
            let error = result(ret).err().unwrap_or(Errno::INVAL);
            if !EXECVEAT.saw(error) {
                return Ok(error);
            }
        }
        let path = CPath::proc_self_fd(fd)?;
        // SAFETY: both arrays are NULL-terminated; the path is a C string.
        let error = unsafe { raw_execve(path.as_cstr(), args.as_ptr(), envp.as_ptr()) };
        // Without /proc there is no way to run an fd: glibc says ENOSYS.
        let no_proc = matches!(
            rustix::fs::statat(
                rustix::fs::CWD,
                c"/proc/self/fd",
                rustix::fs::AtFlags::empty()
            ),
            Err(rustix::io::Errno::NOENT)
        );
        Ok(if no_proc { Errno::NOSYS } else { error })
    };
    run().unwrap_or_else(|e| e)
}

/// `os.execvp(file, args)`—[`execv`], looking `file` up in `PATH` as
/// Python does (see [`execvpe`]).
///
/// # References
/// - [execvp(3)](https://man7.org/linux/man-pages/man3/execvp.3.html)
pub fn execvp(file: impl AsRef<[u8]>, argv: &[&CStr]) -> Errno {
    execvpe(file, argv, Env::Inherit)
}

/// `os.execvpe(file, args, env)`—[`execve`], looking `file` up in the
/// `PATH` of `env` (or [`DEFPATH`](super::DEFPATH) if it has none).
///
/// Python's rules, which differ from C's `execvp`: a `file` with a `/`
/// is run as is; otherwise every `PATH` entry is tried in order (an empty
/// entry is the current directory), and if all fail, the first error
/// other than `ENOENT`/`ENOTDIR` is reported, else the last one. A script
/// without `#!` is not retried with `/bin/sh`.
///
/// # References
/// - [execvp(3)](https://man7.org/linux/man-pages/man3/execvp.3.html)
pub fn execvpe(file: impl AsRef<[u8]>, argv: &[&CStr], env: Env<'_>) -> Errno {
    let file = file.as_ref();
    if file.contains(&b'/') {
        return execve(file, argv, env);
    }
    let run = || -> Result<Errno, Errno> {
        check_argv(argv)?;
        let args = PtrArray::new(argv)?;
        let envp = PtrArray::env(env)?;
        let path = env.get(b"PATH").unwrap_or(super::DEFPATH.as_bytes());
        let mut errors = PythonSearch::default();
        for dir in exec_path(path) {
            let err = match CPath::join(dir, file) {
                // SAFETY: both arrays are NULL-terminated.
                Ok(full) => unsafe { raw_execve(full.as_cstr(), args.as_ptr(), envp.as_ptr()) },
                Err(e) => e,
            };
            errors.record(err);
        }
        Ok(errors.result())
    };
    run().unwrap_or_else(|e| e)
}

/// `os.get_exec_path(env)`'s entries for a `PATH` value: split at `:`,
/// empty entries kept (they mean the current directory).
pub fn exec_path(path: &[u8]) -> impl Iterator<Item = &[u8]> {
    path.split(|&b| b == b':')
}

/// Python's `os._execvpe` choice of error after a `PATH` search.
#[derive(Default, Debug)]
pub(crate) struct PythonSearch {
    saved: Option<Errno>,
    last: Option<Errno>,
}

impl PythonSearch {
    pub(crate) fn record(&mut self, e: Errno) {
        self.last = Some(e);
        if e != Errno::NOENT && e != Errno::NOTDIR && self.saved.is_none() {
            self.saved = Some(e);
        }
    }

    pub(crate) fn result(&self) -> Errno {
        self.saved.or(self.last).unwrap_or(Errno::NOENT)
    }
}

/// glibc's `execvpe` rule, which `posix_spawnp` follows: what to do after
/// one entry failed with `e`.
#[derive(Default, Debug)]
pub(crate) struct GlibcSearch {
    got_eacces: bool,
}

impl GlibcSearch {
    /// `None`: try the next entry; `Some(e)`: stop and report `e`.
    pub(crate) fn record(&mut self, e: Errno) -> Option<Errno> {
        match e {
            Errno::ACCESS => {
                self.got_eacces = true;
                None
            }
            Errno::NOENT | Errno::STALE | Errno::NOTDIR | Errno::NODEV | Errno::TIMEDOUT => None,
            Errno::NAMETOOLONG => None,
            other => Some(other),
        }
    }

    /// The error after every entry failed.
    pub(crate) fn result(&self) -> Errno {
        if self.got_eacces {
            Errno::ACCESS
        } else {
            Errno::NOENT
        }
    }
}

/// `os.execl(path, arg0, arg1, ...)`—[`execv`](crate::os::execv) with
/// the arguments listed, as Python's variadic form reads: each argument
/// is a `&CStr` (or anything `AsRef<CStr>`). Like `execv`, it evaluates
/// to the [`Errno`](crate::errno::Errno) the exec failed with.
///
/// A macro, since Rust has no variadic functions; the `e` forms take the
/// environment after a `;` ([`execle!`](crate::os::execle)).
///
/// ```no_run
/// use strata_core::os;
/// let err = os::execl!("/bin/ls", c"ls", c"-l");
/// // Only reached if the exec failed.
/// # let _ = err;
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __os_execl {
    ($path:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::execv($path, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+])
    };
}

/// `os.execle(path, arg0, ..., env)`—[`execve`](crate::os::execve) with
/// the arguments listed and the environment (an [`Env`](crate::os::Env))
/// after a `;`: `execle!(path, c"prog", c"-v"; os::Env::Entries(&env))`.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_execle {
    ($path:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::execve($path, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+], $env)
    };
}

/// `os.execlp(file, arg0, ...)`—[`execvp`](crate::os::execvp) with the
/// arguments listed.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_execlp {
    ($file:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::execvp($file, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+])
    };
}

/// `os.execlpe(file, arg0, ..., env)`—[`execvpe`](crate::os::execvpe)
/// with the arguments listed and the environment after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_execlpe {
    ($file:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::execvpe($file, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+], $env)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_path_keeps_empty_entries() {
        let dirs: std::vec::Vec<_> = exec_path(b"/bin::/usr/bin:").collect();
        assert_eq!(dirs, [&b"/bin"[..], b"", b"/usr/bin", b""]);
        assert_eq!(exec_path(b"").count(), 1);
    }

    #[test]
    fn python_reports_the_first_interesting_error() {
        let mut s = PythonSearch::default();
        assert_eq!(s.result(), Errno::NOENT);
        s.record(Errno::NOENT);
        s.record(Errno::NOTDIR);
        assert_eq!(s.result(), Errno::NOTDIR, "the last one when all are dull");
        s.record(Errno::ACCESS);
        s.record(Errno::NOEXEC);
        s.record(Errno::NOENT);
        assert_eq!(s.result(), Errno::ACCESS, "the first interesting one");
    }

    #[test]
    fn glibc_stops_at_hard_errors_and_remembers_eacces() {
        let mut s = GlibcSearch::default();
        assert_eq!(s.record(Errno::NOENT), None);
        assert_eq!(s.record(Errno::ACCESS), None);
        assert_eq!(s.record(Errno::NOTDIR), None);
        assert_eq!(s.result(), Errno::ACCESS);
        assert_eq!(s.record(Errno::NOEXEC), Some(Errno::NOEXEC));
        assert_eq!(GlibcSearch::default().result(), Errno::NOENT);
    }

    #[test]
    fn env_lookup_and_argv_checks() {
        let entries = [c"A=1", c"PATH=/x:/y", c"PATHX=no"];
        let env = Env::Entries(&entries);
        assert_eq!(env.get(b"PATH"), Some(&b"/x:/y"[..]));
        assert_eq!(env.get(b"B"), None);
        assert_eq!(check_argv(&[]), Err(Errno::INVAL));
        assert_eq!(check_argv(&[c""]), Err(Errno::INVAL));
        assert_eq!(check_argv(&[c"ls"]), Ok(()));
    }

    #[test]
    fn pointer_arrays_are_null_terminated_on_stack_and_mapped() {
        let strings = [c"a", c"bb"];
        let a = PtrArray::new(&strings).unwrap();
        // SAFETY: the array holds 3 pointers.
        unsafe {
            assert_eq!(*a.as_ptr(), strings[0].as_ptr().cast());
            assert!((*a.as_ptr().add(2)).is_null());
        }
        let many = std::vec![c"x"; STACK_SLOTS + 10];
        let b = PtrArray::new(&many).unwrap();
        assert!(b.mapped.is_some());
        // SAFETY: the mapped array holds many.len() + 1 pointers.
        unsafe {
            assert_eq!(*b.as_ptr().add(STACK_SLOTS + 9), many[0].as_ptr().cast());
            assert!((*b.as_ptr().add(many.len())).is_null());
        }
    }

    #[test]
    fn the_listed_forms_forward_and_report_the_failure() {
        use crate::os;
        assert_eq!(os::execl!("/nonexistent/x", c"x", c"-l"), Errno::NOENT);
        let env = [c"PATH=/nonexistent"];
        assert_eq!(
            os::execle!("/nonexistent/x", c"x"; Env::Entries(&env)),
            Errno::NOENT
        );
        assert_eq!(os::execlp!("/nonexistent/y", c"y"), Errno::NOENT);
        assert_eq!(
            os::execlpe!("no-such-program-here", c"p"; Env::Entries(&env)),
            Errno::NOENT
        );
        // An empty argv[0] is Python's ValueError, EINVAL here.
        assert_eq!(os::execl!("/bin/true", c""), Errno::INVAL);
    }
}
