//! Python's `os` module, the parts that need no allocation.
//!
//! ```
//! use strata_core::os;
//!
//! assert!(os::getpid() > 0);
//! let st = os::stat("/")?;
//! assert!(os::S_ISDIR(st.st_mode));
//! // scandir streams a directory through a buffer the caller lends.
//! let mut buf = [0u8; 4096];
//! let names = os::scandir("/", &mut buf)?.filter_map(Result::ok).count();
//! assert!(names > 0);
//! # Ok::<(), strata_core::errno::Errno>(())
//! ```
//!
//! By the sections of Python's documentation:
//! - File names, arguments, environment: [`argv`], [`environ`] and
//!   [`getenv`] (read-only views of what the kernel passed), the path
//!   constants ([`SEP`], [`DEFPATH`], [`DEVNULL`], ...), [`exec_path`].
//! - Process parameters ([`params`](self#process-parameters)): ids,
//!   groups ([`getgrouplist`]/[`initgroups`] read `/etc/group`),
//!   sessions, [`getpriority`], [`umask`], [`uname`],
//!   [`getlogin`], [`strerror`], [`ctermid`], [`getcwd`]/[`chdir`].
//! - File descriptors: [`open`] with every `O_*` flag and `dir_fd`,
//!   [`close`], [`dup`]/[`dup2`], [`read`]/[`write()`] and the vector and
//!   positional forms, [`lseek`], [`fstat`], [`fsync`], [`ftruncate`],
//!   [`posix_fallocate`]/[`posix_fadvise`], [`pipe`]/[`pipe2`],
//!   [`sendfile`], [`copy_file_range`], [`splice`], [`eventfd`],
//!   [`memfd_create`] (with the `MFD_HUGE_*` sizes), [`lockf`], the
//!   inheritable and blocking flags, the terminal calls from
//!   [`crate::tty`], and [`tcgetpgrp`]/[`tcsetpgrp`],
//!   [`login_tty`]/[`forkpty`].
//! - Files and directories: [`access`], [`chmod`], [`chown`], [`link`],
//!   [`mkdir`], [`scandir`] (a streaming `getdents64` iterator over a
//!   caller's buffer, with Python's [`DirEntry`]), [`stat`] with every
//!   `st_*` field ([`StatResult`]), [`statvfs`], [`readlink`],
//!   [`rename`], [`symlink`], [`utime`], the `S_IS*` helpers, extended
//!   attributes ([`getxattr`], ...).
//! - Process management: [`fork`] with [`register_at_fork`], the `exec`
//!   family (the variadic `execl*` as macros: [`execl!`]),
//!   [`posix_spawn`]/[`posix_spawnp`], the `spawn*` family on top of it
//!   ([`spawnv`], [`spawnl!`], [`P_WAIT`]), the [`EX_OK`]... exit codes,
//!   [`kill`], [`killpg`],
//!   [`nice`], [`pidfd_open`], [`times`], the `wait` family with the
//!   `W*` decoders, [`abort`], [`_exit`].
//! - Scheduler: `sched_*`. System information: [`cpu_count`],
//!   [`sysconf`], [`pathconf`]/[`fpathconf`], [`confstr`],
//!   [`getloadavg`]. Random: [`getrandom`], [`urandom`]. The `dlopen`
//!   flags [`RTLD_LAZY`]... for the dynamic linker.
//!
//! What differs from Python, and why:
//! - Paths are any `AsRef<[u8]>`; names come back as bytes, because a
//!   Linux file name is bytes and core cannot allocate a decoded `str`
//!   (the alloc layer's `fsdecode` makes text). An embedded NUL is
//!   `EINVAL` (Python: `ValueError`), a path of `PATH_MAX` bytes or more
//!   `ENAMETOOLONG`, a negative fd `EBADF`: values, never panics.
//! - Errors are `Errno` values; the alloc layer's `os::Error` adds the
//!   operation and the path for display.
//! - Results that Python returns as lists (directory entries, groups,
//!   link targets, xattr names) are written into a caller's buffer or
//!   streamed by an iterator; the alloc layer returns owned ones
//!   (`listdir`, `walk`, `makedirs`, ...), changes the environment, and
//!   runs shells (`system`, `popen`).
//! - Keyword arguments become `_at` variants (`stat_at(dir_fd, path,
//!   follow_symlinks)`) or fields of a struct ([`SpawnAttrs`]); Python's
//!   `-1` for "unchanged" is `None`.
//! - Every fd made here is close-on-exec (PEP 446) except where Python
//!   makes it inheritable (`dup2`, `pipe2` without `O_CLOEXEC`); calls
//!   that may block retry `EINTR` unless an interrupting signal arrived
//!   (PEP 475, see [`crate::signal::catch`]).
//!
//! # Process parameters
//! The id setters are the raw system calls: they change the calling
//! thread, which is the whole process until Strata has threads.

mod args;
mod auxv;
mod dl;
mod exec;
mod fd;
mod files;
mod grp;
mod mm;
mod params;
pub(crate) mod path;
mod pathconf;
mod process;
mod pty;
mod random;
mod rw;
mod scandir;
mod sched;
mod spawn;
mod spawnv;
mod stat;
mod sysexits;
mod sysinfo;
mod transfer;
mod wait;
mod xattr;

pub use crate::errno::strerror;
pub use crate::rt::{_exit, abort};
pub use crate::signal::kill;
pub use crate::tty::{TerminalSize, ctermid, get_terminal_size, isatty, openpty, ttyname};
#[doc(inline)]
pub use crate::{
    __os_execl as execl, __os_execle as execle, __os_execlp as execlp, __os_execlpe as execlpe,
    __os_spawnl as spawnl, __os_spawnle as spawnle, __os_spawnlp as spawnlp,
    __os_spawnlpe as spawnlpe,
};
pub use args::{Args, Environ, argv, environ, getenv, program_name};
pub use auxv::{
    AT_BASE_PLATFORM, AT_EXECFN, AT_HWCAP, AT_HWCAP2, AT_PAGESZ, AT_PLATFORM, AT_RANDOM, getauxval,
    getauxval_str,
};
pub use dl::*;
pub use exec::{Env, exec_path, execv, execve, execvp, execvpe, fexecve};
pub use fd::*;
pub use files::*;
pub use grp::{GroupEntry, getgrouplist, initgroups, parse_group_line};
pub use mm::{madvise_dontneed, madvise_hugepage, mmap_anonymous, mremap, munmap, page_size};
pub use params::*;
pub use path::{
    ALTSEP, CURDIR, DEFPATH, DEVNULL, EXTSEP, LINESEP, NAME, PARDIR, PATH_MAX, PATHSEP, SEP,
    TMP_MAX,
};
pub use pathconf::{CONFSTR_NAMES, PATHCONF_NAMES, confstr, fpathconf, pathconf};
pub use process::*;
pub use pty::{forkpty, login_tty, tcgetpgrp, tcsetpgrp};
pub use random::*;
pub use rw::*;
pub use scandir::{DirEntry, RawDirEntry, ScandirIterator, scandir, scandir_fd};
pub use sched::*;
pub use spawn::{FileAction, SpawnAttrs, posix_spawn, posix_spawnp, posix_spawnp_in};
pub use spawnv::{P_NOWAIT, P_NOWAITO, P_WAIT, spawnv, spawnve, spawnvp, spawnvpe};
pub use stat::*;
pub use sysexits::*;
pub use sysinfo::{SYSCONF_NAMES, cpu_count, getloadavg, process_cpu_count, sysconf};
pub use transfer::*;
pub use wait::*;
pub use xattr::*;
