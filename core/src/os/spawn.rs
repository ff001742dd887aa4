//! `os.posix_spawn` and `os.posix_spawnp`: a child started with a
//! vfork-style `clone(CLONE_VM | CLONE_VFORK)` and `execve`, with file
//! actions and the attributes Python offers.
//!
//! How it works, following musl's `posix_spawn`:
//! - The parent blocks every signal, makes a close-on-exec pipe, and
//!   clones with `CLONE_VM | CLONE_VFORK`: the child runs in the parent's
//!   memory, on the parent's stack below the parent's frames, while the
//!   parent sleeps until the child execs or exits. No page tables are
//!   copied, which is what makes it cheaper than `fork`.
//! - Caught signals go back to their default action in the child (a
//!   handler must never run on shared memory): the kernel does it with
//!   `clone3(CLONE_CLEAR_SIGHAND)` (Linux 5.5), else the child does, one
//!   signal at a time. The child then applies the attributes and
//!   file actions, restores the signal mask and execs. If anything fails,
//!   it writes the errno to the pipe and exits with 127. The parent reads
//!   the pipe: end of file means the exec happened.
//! - The clone and the child's first step are a few instructions of
//!   assembly per architecture (see `clone_vfork`): between the system
//!   call and the call into the child's code, nothing may touch the
//!   shared stack, and only assembly can promise that. The child's code
//!   makes raw system calls only and touches no global state (no locks,
//!   no signal bookkeeping, no `signal::interrupted` flag), since every
//!   write it made would be the parent's too.
//! - Under qemu-user, `CLONE_VFORK` becomes a plain fork (a copy, the
//!   parent not suspended); the pipe makes the error report and the wait
//!   for the exec work there too.
//!
//! Python's keywords are fields of [`SpawnAttrs`]; its file-action tuples
//! are [`FileAction`]s. As in Python, `argv` may not be empty and its
//! first element may not be empty (`EINVAL` here).

use super::exec::{Env, GlibcSearch, PtrArray, check_argv, raw_execve};
use super::path::CPath;
use super::sched::SchedParam;
use crate::errno::Errno;
use crate::signal::SigSet;
use crate::sys::newer::CLONE3;
use crate::sys::{nr, result};
use core::ffi::CStr;
use linux_raw_sys::general as k;
use rustix::fd::AsRawFd;
use rustix::fs::OFlags;
use strata_arch::{syscall1, syscall2, syscall3, syscall4};

/// One of Python's `posix_spawn` file actions, applied in the child in
/// order before the exec.
#[derive(Clone, Copy, Debug)]
pub enum FileAction<'a> {
    /// `(os.POSIX_SPAWN_OPEN, fd, path, flags, mode)`: open `path` as
    /// `fd` (the flags are used as given: no close-on-exec is added).
    Open {
        /// The fd number the file gets.
        fd: i32,
        /// What to open.
        path: &'a CStr,
        /// `O_*` flags.
        flags: OFlags,
        /// Permissions for `O_CREAT`.
        mode: u32,
    },
    /// `(os.POSIX_SPAWN_CLOSE, fd)`: close `fd`.
    Close {
        /// The fd to close.
        fd: i32,
    },
    /// `(os.POSIX_SPAWN_DUP2, fd, new_fd)`: make `new_fd` a copy of `fd`
    /// (inheritable; with `fd == new_fd`, just clears close-on-exec, as
    /// glibc 2.29 and POSIX 2024 do).
    Dup2 {
        /// The fd to copy.
        fd: i32,
        /// Where the copy goes.
        new_fd: i32,
    },
    /// `(os.POSIX_SPAWN_CLOSEFROM, fd)` (Python 3.13): close every fd
    /// from `fd` up.
    CloseFrom {
        /// The lowest fd to close.
        fd: i32,
    },
}

/// Python's `posix_spawn` keyword arguments.
#[derive(Clone, Copy, Debug, Default)]
pub struct SpawnAttrs<'a> {
    /// `file_actions=`.
    pub file_actions: &'a [FileAction<'a>],
    /// `setpgroup=`: put the child in this process group (0: a new group
    /// led by the child).
    pub setpgroup: Option<i32>,
    /// `resetids=`: the child's effective ids become the real ones.
    pub resetids: bool,
    /// `setsid=`: the child starts a new session.
    pub setsid: bool,
    /// `setsigmask=`: the child's signal mask (else the parent's).
    pub setsigmask: Option<SigSet>,
    /// `setsigdef=`: signals whose action the child resets to the default
    /// (caught signals are reset anyway, as exec would).
    pub setsigdef: SigSet,
    /// `scheduler=(policy, param)`: `Some((Some(policy), param))` sets
    /// policy and priority, `Some((None, param))` only the priority.
    pub scheduler: Option<(Option<i32>, SchedParam)>,
}

/// What the child runs.
enum Target<'a> {
    Path(&'a CStr),
    Search { file: &'a [u8], path: &'a [u8] },
}

/// Everything the child needs, prepared by the parent in its own frame.
struct Child<'a> {
    target: Target<'a>,
    argv: *const *const u8,
    envp: *const *const u8,
    attrs: &'a SpawnAttrs<'a>,
    pipe: i32,
    old_mask: u64,
    /// The kernel already reset caught signals (`CLONE_CLEAR_SIGHAND`).
    cleared: bool,
}

/// `os.posix_spawn(path, argv, env, **attrs)`—starts the program at
/// `path` as a child process and returns its pid. An error on the child's
/// side (a file action, the exec itself) comes back as its errno.
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
pub fn posix_spawn(
    path: impl AsRef<[u8]>,
    argv: &[&CStr],
    env: Env<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Errno> {
    let path = CPath::new(path.as_ref())?;
    spawn(Target::Path(path.as_cstr()), argv, env, attrs)
}

/// `os.posix_spawnp(file, argv, env, **attrs)`—[`posix_spawn`], looking
/// `file` up in this process's `PATH` (not `env`'s) as glibc does: every
/// entry in order; `EACCES` is remembered, "not there" errors go on to
/// the next entry, any other error stops the search.
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn posix_spawnp(
    file: impl AsRef<[u8]>,
    argv: &[&CStr],
    env: Env<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Errno> {
    let path = super::getenv("PATH").unwrap_or(super::DEFPATH.as_bytes());
    posix_spawnp_in(path, file, argv, env, attrs)
}

/// [`posix_spawnp`] with the search path given: the alloc layer passes
/// the `PATH` of its own, changeable environment.
pub fn posix_spawnp_in(
    search_path: &[u8],
    file: impl AsRef<[u8]>,
    argv: &[&CStr],
    env: Env<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Errno> {
    let file = file.as_ref();
    if file.is_empty() {
        return Err(Errno::NOENT);
    }
    if file.contains(&0) {
        return Err(Errno::INVAL);
    }
    if file.contains(&b'/') {
        return posix_spawn(file, argv, env, attrs);
    }
    spawn(
        Target::Search {
            file,
            path: search_path,
        },
        argv,
        env,
        attrs,
    )
}

fn sigprocmask(how: u32, set: u64) -> u64 {
    let mut old = 0u64;
    // SAFETY: the kernel reads and writes one 8-byte mask each.
    unsafe {
        syscall4(
            nr(k::__NR_rt_sigprocmask),
            how as usize,
            &set as *const u64 as usize,
            &mut old as *mut u64 as usize,
            8,
        )
    };
    old
}

fn spawn(
    target: Target<'_>,
    argv: &[&CStr],
    env: Env<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Errno> {
    check_argv(argv)?;
    let args = PtrArray::new(argv)?;
    let envp = PtrArray::env(env)?;
    let (read_end, write_end) = super::pipe()?;
    let old_mask = sigprocmask(k::SIG_SETMASK, !0);
    let mut child = Child {
        target,
        argv: args.as_ptr(),
        envp: envp.as_ptr(),
        attrs,
        pipe: write_end.as_raw_fd(),
        old_mask,
        cleared: true,
    };
    let cloned = clone_child(&mut child);
    drop(write_end);
    let outcome = match cloned {
        Ok(pid) => {
            let mut code = [0u8; 4];
            let mut got = 0;
            // Signals are blocked: a read can only end by data or EOF.
            while got < 4 {
                match rustix::io::read(&read_end, &mut code[got..]).map_err(Errno::from) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(Errno::INTR) => continue,
                    Err(_) => break,
                }
            }
            if got == 4 {
                let mut status = 0i32;
                // SAFETY: reaps the failed child; the kernel writes one
                // int.
                unsafe {
                    syscall4(
                        nr(k::__NR_wait4),
                        pid,
                        &mut status as *mut i32 as usize,
                        0,
                        0,
                    )
                };
                Err(Errno::from_raw_os_error(i32::from_ne_bytes(code)))
            } else {
                Ok(pid as i32)
            }
        }
        Err(e) => Err(e),
    };
    sigprocmask(k::SIG_SETMASK, old_mask);
    outcome
}

/// `struct clone_args`, the first version (64 bytes).
#[repr(C)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
}

/// Starts the child: `clone3` with `CLONE_CLEAR_SIGHAND`, so that the
/// kernel resets caught signals (one system call instead of one per
/// signal in the child), else `clone`.
fn clone_child(child: &mut Child<'_>) -> Result<usize, Errno> {
    if CLONE3.worth_trying() {
        let args = CloneArgs {
            flags: (k::CLONE_VM | k::CLONE_VFORK) as u64 | k::CLONE_CLEAR_SIGHAND,
            pidfd: 0,
            child_tid: 0,
            parent_tid: 0,
            exit_signal: k::SIGCHLD as u64,
            stack: 0,
            stack_size: 0,
            tls: 0,
        };
        child.cleared = true;
        let args_addr = &args as *const CloneArgs as usize;
        match result(clone_vfork(
            child,
            nr(k::__NR_clone3),
            args_addr,
            size_of::<CloneArgs>(),
        )) {
            Err(e) if CLONE3.saw(e) => {}
            other => return other,
        }
    }
    child.cleared = false;
    let flags = (k::CLONE_VM | k::CLONE_VFORK | k::SIGCHLD) as usize;
    result(clone_vfork(child, nr(k::__NR_clone), flags, 0))
}

/// Clones the vfork-style child, which runs [`child_main`] and never
/// returns here; the parent gets the raw result. `nr` is `clone` (with
/// `a0` the flags) or `clone3` (`a0` the arguments, `a1` their size);
/// every other argument is 0: no new stack, no thread ids, no TLS. The
/// assembly is the arch layer's [`strata_arch::clone_vfork`].
fn clone_vfork(child: &Child<'_>, nr: usize, a0: usize, a1: usize) -> usize {
    let arg = child as *const Child<'_> as *const ();
    // SAFETY: child_entry never returns and runs only child_main, which
    // does what a vfork child may (no allocation or locks; exec or _exit);
    // `arg` is this frame's `child`, untouched while the child runs.
    unsafe { strata_arch::clone_vfork(nr, a0, a1, child_entry, arg) }
}

/// Where the child starts, called by [`strata_arch::clone_vfork`] with the
/// [`Child`] the parent prepared.
extern "C" fn child_entry(arg: *const ()) -> ! {
    // SAFETY: `arg` is the `&Child` clone_vfork was given; the parent's
    // frame holding it stays untouched while the child runs.
    let child = unsafe { &*(arg as *const Child<'_>) };
    child_main(child)
}

const SIG_DFL: usize = 0;
const SIG_IGN: usize = 1;

/// The child's side. Raw system calls only; see the module doc.
#[inline(never)]
fn child_main(c: &Child<'_>) -> ! {
    let err = match child_setup(c) {
        Ok(pipe) => (child_exec(c, pipe), pipe),
        Err(e) => e,
    };
    let (code, pipe) = err;
    let bytes = code.raw_os_error().to_ne_bytes();
    // SAFETY: writes 4 bytes from our stack to the pipe, then ends this
    // process (not the parent: CLONE_VM without CLONE_THREAD is a
    // process of its own).
    unsafe {
        syscall3(nr(k::__NR_write), pipe as usize, bytes.as_ptr() as usize, 4);
        syscall1(nr(k::__NR_exit_group), 127);
    }
    loop {
        core::hint::spin_loop();
    }
}

fn raw(ret: usize) -> Result<usize, Errno> {
    result(ret)
}

/// Applies the attributes and file actions; returns the (maybe moved)
/// pipe fd, or the error with the pipe fd to report it on.
fn child_setup(c: &Child<'_>) -> Result<i32, (Errno, i32)> {
    let attrs = c.attrs;
    let mut pipe = c.pipe;
    let fail = |e: Errno, pipe: i32| (e, pipe);

    // Caught signals back to their defaults: a handler must not run in
    // the child while it shares memory with the parent.
    for sig in 1..=64u32 {
        if sig == k::SIGKILL || sig == k::SIGSTOP {
            continue;
        }
        let forced =
            crate::signal::Signal::new(sig as i32).is_some_and(|s| attrs.setsigdef.contains(s));
        if !forced {
            match crate::signal::raw_handler(sig) {
                Ok(SIG_DFL | SIG_IGN) | Err(_) => continue,
                Ok(_) => {}
            }
        }
        let _ = crate::signal::reset_to_default(sig);
    }

    if let Some((policy, param)) = attrs.scheduler {
        // SAFETY: the kernel reads one sched_param.
        let r = unsafe {
            match policy {
                Some(policy) => syscall3(
                    nr(k::__NR_sched_setscheduler),
                    0,
                    policy as usize,
                    &param as *const SchedParam as usize,
                ),
                None => syscall2(
                    nr(k::__NR_sched_setparam),
                    0,
                    &param as *const SchedParam as usize,
                ),
            }
        };
        raw(r).map_err(|e| fail(e, pipe))?;
    }
    if attrs.setsid {
        // SAFETY: no arguments.
        raw(unsafe { strata_arch::syscall0(nr(k::__NR_setsid)) }).map_err(|e| fail(e, pipe))?;
    }
    if let Some(pgroup) = attrs.setpgroup {
        // SAFETY: integer arguments.
        raw(unsafe { syscall2(nr(k::__NR_setpgid), 0, pgroup as usize) })
            .map_err(|e| fail(e, pipe))?;
    }
    if attrs.resetids {
        super::setgid(super::getgid()).map_err(|e| fail(e, pipe))?;
        super::setuid(super::getuid()).map_err(|e| fail(e, pipe))?;
    }

    for action in attrs.file_actions {
        let target = match *action {
            FileAction::Open { fd, .. } | FileAction::Close { fd } => fd,
            FileAction::Dup2 { new_fd, .. } => new_fd,
            FileAction::CloseFrom { .. } => -1,
        };
        if target == pipe {
            // Move the pipe out of the way (close-on-exec is restored
            // below).
            // SAFETY: integer arguments.
            let moved =
                raw(unsafe { syscall3(nr(FCNTL), pipe as usize, k::F_DUPFD_CLOEXEC as usize, 0) })
                    .map_err(|e| fail(e, pipe))?;
            // SAFETY: closes our own copy of the pipe.
            unsafe { syscall1(nr(k::__NR_close), pipe as usize) };
            pipe = moved as i32;
        }
        file_action(action, pipe).map_err(|e| fail(e, pipe))?;
    }
    Ok(pipe)
}

#[cfg(target_pointer_width = "64")]
const FCNTL: u32 = k::__NR_fcntl;
#[cfg(target_pointer_width = "32")]
const FCNTL: u32 = k::__NR_fcntl64;

fn file_action(action: &FileAction<'_>, pipe: i32) -> Result<(), Errno> {
    match *action {
        FileAction::Close { fd } => {
            if fd < 0 {
                return Err(Errno::BADF);
            }
            // SAFETY: an integer argument; POSIX lets a close of an
            // unopened fd pass, and so does glibc.
            unsafe { syscall1(nr(k::__NR_close), fd as usize) };
        }
        FileAction::Dup2 { fd, new_fd } => {
            if fd < 0 || new_fd < 0 || fd == pipe {
                return Err(Errno::BADF);
            }
            if fd == new_fd {
                // SAFETY: integer arguments.
                let flags = raw(unsafe { syscall2(nr(FCNTL), fd as usize, k::F_GETFD as usize) })?;
                // SAFETY: integer arguments.
                raw(unsafe {
                    syscall3(
                        nr(FCNTL),
                        fd as usize,
                        k::F_SETFD as usize,
                        flags & !(k::FD_CLOEXEC as usize),
                    )
                })?;
            } else {
                // SAFETY: integer arguments.
                raw(unsafe { syscall3(nr(k::__NR_dup3), fd as usize, new_fd as usize, 0) })?;
            }
        }
        FileAction::Open {
            fd,
            path,
            flags,
            mode,
        } => {
            if fd < 0 {
                return Err(Errno::BADF);
            }
            // SAFETY: a C string and integers.
            let opened = raw(unsafe {
                syscall4(
                    nr(k::__NR_openat),
                    k::AT_FDCWD as usize,
                    path.as_ptr() as usize,
                    flags.bits() as usize,
                    mode as usize,
                )
            })? as i32;
            if opened != fd {
                // SAFETY: integer arguments; then our temporary fd goes.
                let moved =
                    raw(unsafe { syscall3(nr(k::__NR_dup3), opened as usize, fd as usize, 0) });
                // SAFETY: closes the fd we just opened.
                unsafe { syscall1(nr(k::__NR_close), opened as usize) };
                moved?;
            }
        }
        FileAction::CloseFrom { fd } => {
            if fd < 0 {
                return Err(Errno::BADF);
            }
            // Keep the error pipe open. closerange falls back to one close
            // per fd where the kernel has no close_range; both are raw
            // system calls, safe in this child.
            // SAFETY: the child owns its copy of the fd table and is about
            // to exec: nothing else uses these fds.
            unsafe {
                if pipe >= fd {
                    super::fd::closerange(fd, pipe);
                    super::fd::closerange(pipe + 1, i32::MAX);
                } else {
                    super::fd::closerange(fd, i32::MAX);
                }
            }
        }
    }
    Ok(())
}

/// Restores the mask and execs; returns the error to report.
fn child_exec(c: &Child<'_>, pipe: i32) -> Errno {
    // Make sure the pipe closes on exec even if it was moved.
    // SAFETY: integer arguments.
    unsafe {
        syscall3(
            nr(FCNTL),
            pipe as usize,
            k::F_SETFD as usize,
            k::FD_CLOEXEC as usize,
        )
    };
    let mask = c.attrs.setsigmask.map_or(c.old_mask, |m| m.bits());
    sigprocmask(k::SIG_SETMASK, mask);
    match c.target {
        // SAFETY: the parent built both arrays NULL-terminated.
        Target::Path(path) => unsafe { raw_execve(path, c.argv, c.envp) },
        Target::Search { file, path } => {
            let mut search = GlibcSearch::default();
            for dir in super::exec_path(path) {
                let err = match CPath::join(dir, file) {
                    // SAFETY: as above.
                    Ok(full) => unsafe { raw_execve(full.as_cstr(), c.argv, c.envp) },
                    Err(e) => e,
                };
                if let Some(stop) = search.record(err) {
                    return stop;
                }
            }
            search.result()
        }
    }
}
