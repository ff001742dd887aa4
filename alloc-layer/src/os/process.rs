//! Starting programs with owned arguments and the current environment:
//! the exec family, `posix_spawn`/`posix_spawnp`, `os.system` and
//! `os.popen`.
//!
//! Arguments are any `AsRef<[u8]>` (one holding NUL is `EINVAL`, Python's
//! `ValueError`). Without an explicit `env`, children get the environment
//! as [`putenv`](super::putenv) and [`unsetenv`](super::unsetenv) left
//! it, and the `PATH` searches read that environment, as in Python.

use super::Error;
use super::PathLike;
use super::environ::{block, current_block, search_path};
use alloc::ffi::CString;
use alloc::string::String;
use alloc::vec::Vec;
use core::ffi::CStr;
use strata_core::errno::Errno;
use strata_core::os as core_os;
use strata_core::os::{Env, FileAction, OwnedFd, SpawnAttrs};
use strata_core::signal::{self, Handler, SigAction, SigSet, SigmaskHow};

type Pairs<'p> = Option<&'p [(Vec<u8>, Vec<u8>)]>;

/// C strings for `args`; `EINVAL` if one holds NUL.
fn cstrings<A: AsRef<[u8]>>(args: &[A]) -> Result<Vec<CString>, Errno> {
    args.iter()
        .map(|a| CString::new(a.as_ref()).map_err(|_| Errno::INVAL))
        .collect()
}

/// Runs `f` with `args` and the environment as core wants them.
fn with_args<A: AsRef<[u8]>, T>(
    args: &[A],
    env: Pairs<'_>,
    f: impl FnOnce(&[&CStr], Env<'_>) -> T,
) -> Result<T, Errno> {
    let args = cstrings(args)?;
    let arg_refs: Vec<&CStr> = args.iter().map(CString::as_c_str).collect();
    let entries = match env {
        Some(pairs) => Some(block(pairs)),
        None => current_block(),
    };
    let env_refs: Option<Vec<&CStr>> = entries
        .as_ref()
        .map(|e| e.iter().map(CString::as_c_str).collect());
    let env = match &env_refs {
        Some(refs) => Env::Entries(refs),
        None => Env::Inherit,
    };
    Ok(f(&arg_refs, env))
}

fn exec_error(op: &'static str, path: &[u8], e: Errno) -> Error {
    Error::new(e, op).with_path(path)
}

/// `os.execv(path, args)`—replaces this program with the one at `path`,
/// passing the current environment. Returns only on failure.
///
/// # References
/// - [execve(2)](https://man7.org/linux/man-pages/man2/execve.2.html)
pub fn execv<A: AsRef<[u8]>>(path: impl PathLike, args: &[A]) -> Error {
    let path = path.path_bytes();
    let e = with_args(args, None, |a, env| core_os::execve(path, a, env)).unwrap_or_else(|e| e);
    exec_error("execv", path, e)
}

/// `os.execve(path, args, env)`—as [`execv`] with the environment `env`.
///
/// # References
/// - [execve(2)](https://man7.org/linux/man-pages/man2/execve.2.html)
pub fn execve<A: AsRef<[u8]>>(
    path: impl PathLike,
    args: &[A],
    env: &[(Vec<u8>, Vec<u8>)],
) -> Error {
    let path = path.path_bytes();
    let e =
        with_args(args, Some(env), |a, env| core_os::execve(path, a, env)).unwrap_or_else(|e| e);
    exec_error("execve", path, e)
}

/// `os.execvp(file, args)`—[`execv`], looking `file` up in the current
/// environment's `PATH` with Python's rules (core's
/// [`strata_core::os::execvpe`]).
///
/// # References
/// - [execvp(3)](https://man7.org/linux/man-pages/man3/execvp.3.html)
pub fn execvp<A: AsRef<[u8]>>(file: impl PathLike, args: &[A]) -> Error {
    let file = file.path_bytes();
    let e = with_args(args, None, |a, env| core_os::execvpe(file, a, env)).unwrap_or_else(|e| e);
    exec_error("execvp", file, e)
}

/// `os.execvpe(file, args, env)`—[`execve`], looking `file` up in `env`'s
/// `PATH`.
///
/// # References
/// - [execvp(3)](https://man7.org/linux/man-pages/man3/execvp.3.html)
pub fn execvpe<A: AsRef<[u8]>>(
    file: impl PathLike,
    args: &[A],
    env: &[(Vec<u8>, Vec<u8>)],
) -> Error {
    let file = file.path_bytes();
    let e =
        with_args(args, Some(env), |a, env| core_os::execvpe(file, a, env)).unwrap_or_else(|e| e);
    exec_error("execvpe", file, e)
}

/// `os.posix_spawn(path, argv, env, ...)`—starts the program at `path`
/// and returns its pid; `env` `None` passes the current environment.
/// See core's [`strata_core::os::posix_spawn`].
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
pub fn posix_spawn<A: AsRef<[u8]>>(
    path: impl PathLike,
    argv: &[A],
    env: Pairs<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Error> {
    let path = path.path_bytes();
    with_args(argv, env, |a, env| {
        core_os::posix_spawn(path, a, env, attrs)
    })
    .and_then(|r| r)
    .map_err(|e| exec_error("posix_spawn", path, e))
}

/// `os.posix_spawnp(file, argv, env, ...)`—[`posix_spawn`], looking
/// `file` up in the current environment's `PATH` (glibc's rules).
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn posix_spawnp<A: AsRef<[u8]>>(
    file: impl PathLike,
    argv: &[A],
    env: Pairs<'_>,
    attrs: &SpawnAttrs<'_>,
) -> Result<i32, Error> {
    let file = file.path_bytes();
    let path = search_path();
    with_args(argv, env, |a, env| {
        core_os::posix_spawnp_in(&path, file, a, env, attrs)
    })
    .and_then(|r| r)
    .map_err(|e| exec_error("posix_spawnp", file, e))
}

/// `os.spawnv(mode, path, args)`—runs the program at `path` with the
/// current environment; with [`P_WAIT`](super::P_WAIT) returns its exit
/// code (minus the signal that ended it), with
/// [`P_NOWAIT`](super::P_NOWAIT) its pid. See core's
/// [`strata_core::os::spawnv`] (a program that cannot be run is its
/// errno, not Python's exit code 127).
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
pub fn spawnv<A: AsRef<[u8]>>(mode: i32, path: impl PathLike, args: &[A]) -> Result<i32, Error> {
    let path = path.path_bytes();
    with_args(args, None, |a, env| core_os::spawnve(mode, path, a, env))
        .and_then(|r| r)
        .map_err(|e| exec_error("spawnv", path, e))
}

/// `os.spawnve(mode, path, args, env)`—[`spawnv`] with the environment
/// `env`.
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
pub fn spawnve<A: AsRef<[u8]>>(
    mode: i32,
    path: impl PathLike,
    args: &[A],
    env: &[(Vec<u8>, Vec<u8>)],
) -> Result<i32, Error> {
    let path = path.path_bytes();
    with_args(args, Some(env), |a, env| {
        core_os::spawnve(mode, path, a, env)
    })
    .and_then(|r| r)
    .map_err(|e| exec_error("spawnve", path, e))
}

/// `os.spawnvp(mode, file, args)`—[`spawnv`], looking `file` up in the
/// current environment's `PATH`.
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn spawnvp<A: AsRef<[u8]>>(mode: i32, file: impl PathLike, args: &[A]) -> Result<i32, Error> {
    let file = file.path_bytes();
    with_args(args, None, |a, env| core_os::spawnvpe(mode, file, a, env))
        .and_then(|r| r)
        .map_err(|e| exec_error("spawnvp", file, e))
}

/// `os.spawnvpe(mode, file, args, env)`—[`spawnve`], looking `file` up in
/// `env`'s `PATH`.
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn spawnvpe<A: AsRef<[u8]>>(
    mode: i32,
    file: impl PathLike,
    args: &[A],
    env: &[(Vec<u8>, Vec<u8>)],
) -> Result<i32, Error> {
    let file = file.path_bytes();
    with_args(args, Some(env), |a, env| {
        core_os::spawnvpe(mode, file, a, env)
    })
    .and_then(|r| r)
    .map_err(|e| exec_error("spawnvpe", file, e))
}

/// `os.execl(path, arg0, arg1, ...)`—the alloc layer's
/// [`execv`](crate::os::execv) with the arguments listed, each anything
/// `AsRef<[u8]>` (`"ls"`, a `Vec<u8>`, ...); evaluates to the
/// [`Error`](crate::os::Error) the exec failed with. The `e` forms take
/// the environment after a `;`.
///
/// ```no_run
/// use strata_alloc::os;
/// let err = os::execl!("/bin/ls", "ls", "-l");
/// // Only reached if the exec failed.
/// # let _ = err;
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_execl {
    ($path:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::execv($path, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+])
    };
}

/// `os.execle(path, arg0, ..., env)`—[`execve`](crate::os::execve) with
/// the arguments listed and `env` (`&[(Vec<u8>, Vec<u8>)]`) after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_execle {
    ($path:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::execve($path, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+], $env)
    };
}

/// `os.execlp(file, arg0, ...)`—[`execvp`](crate::os::execvp) with the
/// arguments listed.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_execlp {
    ($file:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::execvp($file, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+])
    };
}

/// `os.execlpe(file, arg0, ..., env)`—[`execvpe`](crate::os::execvpe)
/// with the arguments listed and `env` after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_execlpe {
    ($file:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::execvpe($file, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+], $env)
    };
}

/// `os.spawnl(mode, path, arg0, ...)`—[`spawnv`](crate::os::spawnv) with
/// the arguments listed.
///
/// ```
/// use strata_alloc::os;
/// assert_eq!(os::spawnl!(os::P_WAIT, "/bin/sh", "sh", "-c", "exit 3")?, 3);
/// # Ok::<(), os::Error>(())
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_spawnl {
    ($mode:expr, $path:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::spawnv($mode, $path, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+])
    };
}

/// `os.spawnle(mode, path, arg0, ..., env)`—[`spawnve`](crate::os::spawnve)
/// with the arguments listed and `env` after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_spawnle {
    ($mode:expr, $path:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::spawnve($mode, $path, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+], $env)
    };
}

/// `os.spawnlp(mode, file, arg0, ...)`—[`spawnvp`](crate::os::spawnvp)
/// with the arguments listed.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_spawnlp {
    ($mode:expr, $file:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::spawnvp($mode, $file, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+])
    };
}

/// `os.spawnlpe(mode, file, arg0, ..., env)`—[`spawnvpe`](crate::os::spawnvpe)
/// with the arguments listed and `env` after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __alloc_os_spawnlpe {
    ($mode:expr, $file:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::spawnvpe($mode, $file, &[$(::core::convert::AsRef::<[u8]>::as_ref(&$arg)),+], $env)
    };
}

/// The shell `system` and `popen` run commands with.
const SHELL: &[u8] = b"/bin/sh";

/// `os.system(command)`—runs `command` with `/bin/sh -c` and returns its
/// wait status (decode it with `WEXITSTATUS` or
/// `waitstatus_to_exitcode`).
///
/// As C's `system`, which Python calls: `SIGINT` and `SIGQUIT` are
/// ignored and `SIGCHLD` blocked in this process while the command runs,
/// and the child starts with them at their defaults. If the shell cannot
/// start, the status says exit code 127. Buffered stdout is not flushed
/// first, as in Python.
///
/// # References
/// - [system(3)](https://man7.org/linux/man-pages/man3/system.3.html)
pub fn system(command: impl AsRef<[u8]>) -> Result<i32, Error> {
    let command = command.as_ref();
    let err = |e| Error::new(e, "system").with_path(command);
    let ignore = SigAction::new(Handler::Ignore);
    let old_int = signal::sigaction(signal::SIGINT, &ignore).map_err(err)?;
    let old_quit = signal::sigaction(signal::SIGQUIT, &ignore).map_err(err)?;
    let old_mask =
        signal::pthread_sigmask(SigmaskHow::Block, SigSet::of(&[signal::SIGCHLD])).map_err(err)?;
    let mut sigdef = SigSet::empty();
    if !matches!(old_int.handler, Handler::Ignore) {
        sigdef = sigdef.with(signal::SIGINT);
    }
    if !matches!(old_quit.handler, Handler::Ignore) {
        sigdef = sigdef.with(signal::SIGQUIT);
    }
    let attrs = SpawnAttrs {
        setsigmask: Some(old_mask),
        setsigdef: sigdef,
        ..SpawnAttrs::default()
    };
    let args: [&[u8]; 4] = [b"sh", b"-c", b"--", command];
    let status = match posix_spawn(SHELL, &args, None, &attrs) {
        Ok(pid) => core_os::waitpid(pid, 0).map(|(_, status)| status),
        Err(_) => Ok(127 << 8),
    };
    let _ = signal::sigaction(signal::SIGINT, &old_int);
    let _ = signal::sigaction(signal::SIGQUIT, &old_quit);
    let _ = signal::pthread_sigmask(SigmaskHow::SetMask, old_mask);
    status.map_err(err)
}

/// Which end of a [`popen`] pipe this process holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Read,
    Write,
}

/// `os.popen(cmd, mode)`'s stream: the command's stdout (mode `"r"`) or
/// stdin (mode `"w"`), and its process.
#[derive(Debug)]
pub struct Popen {
    fd: Option<OwnedFd>,
    pid: i32,
    direction: Direction,
}

/// `os.popen(cmd, mode="r")`—runs `cmd` with `/bin/sh -c`, connected by a
/// pipe to its stdout (`"r"`) or stdin (`"w"`); other modes are `EINVAL`.
///
/// As Python's (built on `subprocess` with `close_fds=True`), the
/// command gets no fd of ours besides 0, 1 and 2. The stream is bytes;
/// [`Popen::read_to_string`] decodes.
///
/// # References
/// - [popen(3)](https://man7.org/linux/man-pages/man3/popen.3.html)
pub fn popen(cmd: impl AsRef<[u8]>, mode: &str) -> Result<Popen, Error> {
    let cmd = cmd.as_ref();
    let err = |e| Error::new(e, "popen").with_path(cmd);
    let direction = match mode {
        "r" | "rb" => Direction::Read,
        "w" | "wb" => Direction::Write,
        _ => return Err(err(Errno::INVAL)),
    };
    let (read_end, write_end) = core_os::pipe().map_err(err)?;
    let (ours, theirs, target) = match direction {
        Direction::Read => (read_end, write_end, 1),
        Direction::Write => (write_end, read_end, 0),
    };
    let actions = [
        FileAction::Dup2 {
            fd: core_os::AsRawFd::as_raw_fd(&theirs),
            new_fd: target,
        },
        FileAction::CloseFrom { fd: 3 },
    ];
    let attrs = SpawnAttrs {
        file_actions: &actions,
        ..SpawnAttrs::default()
    };
    let args: [&[u8]; 4] = [b"sh", b"-c", b"--", cmd];
    let pid = posix_spawn(SHELL, &args, None, &attrs).map_err(|e| err(e.errno()))?;
    drop(theirs);
    Ok(Popen {
        fd: Some(ours),
        pid,
        direction,
    })
}

impl Popen {
    /// The child's process id.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// The pipe (`None` after [`Popen::close`]).
    pub fn fd(&self) -> Option<&OwnedFd> {
        self.fd.as_ref()
    }

    fn stream(&self, want: Direction) -> Result<&OwnedFd, Error> {
        match &self.fd {
            Some(fd) if self.direction == want => Ok(fd),
            _ => Err(Error::new(Errno::BADF, "popen")),
        }
    }

    /// Reads some of the command's output into `buf`; 0 at its end.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        let fd = self.stream(Direction::Read)?;
        core_os::read(fd, buf).map_err(|e| Error::new(e, "read"))
    }

    /// Reads the rest of the command's output.
    pub fn read_to_end(&mut self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        let mut chunk = [0u8; 8192];
        loop {
            match self.read(&mut chunk)? {
                0 => return Ok(out),
                n => out.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// Reads the rest of the output as text (lossy, see
    /// [`fsdecode`](super::fsdecode)).
    pub fn read_to_string(&mut self) -> Result<String, Error> {
        self.read_to_end().map(|b| super::fsdecode(&b))
    }

    /// Writes all of `data` to the command's stdin.
    pub fn write_all(&mut self, mut data: &[u8]) -> Result<(), Error> {
        let fd = self.stream(Direction::Write)?;
        while !data.is_empty() {
            let n = core_os::write(fd, data).map_err(|e| Error::new(e, "write"))?;
            data = &data[n..];
        }
        Ok(())
    }

    /// Closes the pipe and waits for the command: `None` if it exited
    /// with 0, else Python's value, the exit code (or minus the signal)
    /// shifted left by 8.
    pub fn close(mut self) -> Result<Option<i32>, Error> {
        self.finish()
    }

    fn finish(&mut self) -> Result<Option<i32>, Error> {
        let Some(fd) = self.fd.take() else {
            return Ok(None);
        };
        drop(fd);
        let (_, status) = core_os::waitpid(self.pid, 0).map_err(|e| Error::new(e, "waitpid"))?;
        let code = core_os::waitstatus_to_exitcode(status).unwrap_or(status);
        Ok((code != 0).then_some(code << 8))
    }
}

impl Drop for Popen {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

#[cfg(test)]
mod tests {
    use crate::os;
    use alloc::vec;

    #[test]
    fn spawn_family_waits_or_gives_the_pid() {
        assert_eq!(
            os::spawnv(os::P_WAIT, "/bin/sh", &["sh", "-c", "exit 3"]),
            Ok(3)
        );
        assert_eq!(
            os::spawnvp(os::P_WAIT, "sh", &["sh", "-c", "kill -9 $$"]),
            Ok(-9)
        );
        let env = vec![(b"X".to_vec(), b"5".to_vec())];
        assert_eq!(
            os::spawnve(os::P_WAIT, "/bin/sh", &["sh", "-c", "exit $X"], &env),
            Ok(5)
        );
        // No PATH in env: DEFPATH, which has sh.
        assert_eq!(
            os::spawnvpe(os::P_WAIT, "sh", &["sh", "-c", "exit $X"], &env),
            Ok(5)
        );
        let pid = os::spawnv(os::P_NOWAIT, "/bin/sh", &["sh", "-c", "exit 4"]).unwrap();
        let (_, status) = os::waitpid(pid, 0).unwrap();
        assert_eq!(os::waitstatus_to_exitcode(status), Ok(4));
        let e = os::spawnv(os::P_WAIT, "/nonexistent", &["x"]).unwrap_err();
        assert_eq!(
            alloc::string::ToString::to_string(&e),
            "spawnv(\"/nonexistent\"): No such file or directory (ENOENT)"
        );
    }

    #[test]
    fn the_variadic_macros_forward() {
        let script = alloc::string::String::from("exit 6");
        assert_eq!(
            os::spawnl!(os::P_WAIT, "/bin/sh", "sh", "-c", script),
            Ok(6)
        );
        assert_eq!(os::spawnlp!(os::P_WAIT, "true", b"true"), Ok(0));
        let env = vec![(b"Y".to_vec(), b"2".to_vec())];
        assert_eq!(
            os::spawnle!(os::P_WAIT, "/bin/sh", "sh", "-c", "exit $Y"; &env),
            Ok(2)
        );
        assert_eq!(
            os::spawnlpe!(os::P_WAIT, "sh", "sh", "-c", "exit $Y"; &env),
            Ok(2)
        );
        assert_eq!(
            os::execl!("/nonexistent", "x").errno(),
            crate::errno::Errno::NOENT
        );
        assert_eq!(
            os::execle!("/nonexistent", "x"; &env).errno(),
            crate::errno::Errno::NOENT
        );
        assert_eq!(
            os::execlp!("/nonexistent", "x").errno(),
            crate::errno::Errno::NOENT
        );
        assert_eq!(
            os::execlpe!("no-such-program-here", "x"; &[(b"PATH".to_vec(), b"/nonexistent".to_vec())]).errno(),
            crate::errno::Errno::NOENT
        );
    }
}
