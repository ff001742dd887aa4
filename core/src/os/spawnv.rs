//! Python's spawn family: `os.spawnv`, `spawnve`, `spawnvp`, `spawnvpe`,
//! and the variadic `spawnl`, `spawnle`, `spawnlp`, `spawnlpe` (macros,
//! see [`spawnl!`](crate::os::spawnl)), with the modes [`P_WAIT`],
//! [`P_NOWAIT`] and [`P_NOWAITO`].
//!
//! CPython on Linux writes these in Python as `fork` + `exec`; here they
//! are [`posix_spawn`](super::posix_spawn) (a vfork-style child, much
//! cheaper than a fork) followed, in [`P_WAIT`] mode, by a wait. What
//! differs from Python: a program that cannot be run (no such file, not
//! executable) is the exec's `Errno`, where Python's forked child exits
//! with status 127 and the parent learns only that.
//!
//! The `p` forms search the `PATH` of the environment the child gets (for
//! [`spawnvp`], this process's), as Python's `execvp` does, with glibc's
//! rules for the search itself (see [`posix_spawnp`](super::posix_spawnp)).

use super::exec::Env;
use super::spawn::SpawnAttrs;
use crate::errno::Errno;
use core::ffi::CStr;

/// `os.P_WAIT`—a spawn function waits for the child and returns its exit
/// code (minus the signal that killed it).
pub const P_WAIT: i32 = 0;
/// `os.P_NOWAIT`—a spawn function returns the child's pid at once; wait
/// for it with [`waitpid`](super::waitpid).
pub const P_NOWAIT: i32 = 1;
/// `os.P_NOWAITO`—the same as [`P_NOWAIT`] on Linux, as in Python.
pub const P_NOWAITO: i32 = 1;

/// What a spawn returns for `mode`, once the child `pid` is started.
fn finish(mode: i32, pid: i32) -> Result<i32, Errno> {
    if mode == P_NOWAIT {
        return Ok(pid);
    }
    loop {
        let (_, status) = super::waitpid(pid, 0)?;
        if !super::WIFSTOPPED(status) {
            return super::waitstatus_to_exitcode(status);
        }
    }
}

/// `os.spawnv(mode, path, args)`—runs the program at `path` with `args`
/// and this process's environment; with [`P_WAIT`] returns its exit code
/// (or minus the signal that ended it), with [`P_NOWAIT`] its pid. As in
/// Python, any other mode waits.
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
/// - [waitpid(2)](https://man7.org/linux/man-pages/man2/waitpid.2.html)
pub fn spawnv(mode: i32, path: impl AsRef<[u8]>, args: &[&CStr]) -> Result<i32, Errno> {
    spawnve(mode, path, args, Env::Inherit)
}

/// `os.spawnve(mode, path, args, env)`—[`spawnv`] with the environment
/// `env`.
///
/// # References
/// - [posix_spawn(3)](https://man7.org/linux/man-pages/man3/posix_spawn.3.html)
pub fn spawnve(
    mode: i32,
    path: impl AsRef<[u8]>,
    args: &[&CStr],
    env: Env<'_>,
) -> Result<i32, Errno> {
    let pid = super::posix_spawn(path, args, env, &SpawnAttrs::default())?;
    finish(mode, pid)
}

/// `os.spawnvp(mode, file, args)`—[`spawnv`], looking `file` up in
/// `PATH`.
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn spawnvp(mode: i32, file: impl AsRef<[u8]>, args: &[&CStr]) -> Result<i32, Errno> {
    spawnvpe(mode, file, args, Env::Inherit)
}

/// `os.spawnvpe(mode, file, args, env)`—[`spawnve`], looking `file` up
/// in the `PATH` of `env` (or [`DEFPATH`](super::DEFPATH) if it has
/// none).
///
/// # References
/// - [posix_spawnp(3)](https://man7.org/linux/man-pages/man3/posix_spawnp.3.html)
pub fn spawnvpe(
    mode: i32,
    file: impl AsRef<[u8]>,
    args: &[&CStr],
    env: Env<'_>,
) -> Result<i32, Errno> {
    let path = env.get(b"PATH").unwrap_or(super::DEFPATH.as_bytes());
    let pid = super::posix_spawnp_in(path, file, args, env, &SpawnAttrs::default())?;
    finish(mode, pid)
}

/// `os.spawnl(mode, path, arg0, arg1, ...)`—[`spawnv`](crate::os::spawnv)
/// with the arguments listed (each a `&CStr` or anything that is
/// `AsRef<CStr>`).
///
/// ```no_run
/// use strata_core::os;
/// let code = os::spawnl!(os::P_WAIT, "/bin/sh", c"sh", c"-c", c"exit 3")?;
/// assert_eq!(code, 3);
/// # Ok::<(), strata_core::errno::Errno>(())
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __os_spawnl {
    ($mode:expr, $path:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::spawnv($mode, $path, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+])
    };
}

/// `os.spawnle(mode, path, arg0, ..., env)`—[`spawnve`](crate::os::spawnve)
/// with the arguments listed; the environment (an [`Env`](crate::os::Env))
/// follows a `;`: `spawnle!(os::P_WAIT, path, c"prog", c"-v"; env)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_spawnle {
    ($mode:expr, $path:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::spawnve($mode, $path, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+], $env)
    };
}

/// `os.spawnlp(mode, file, arg0, ...)`—[`spawnvp`](crate::os::spawnvp)
/// with the arguments listed.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_spawnlp {
    ($mode:expr, $file:expr, $($arg:expr),+ $(,)?) => {
        $crate::os::spawnvp($mode, $file, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+])
    };
}

/// `os.spawnlpe(mode, file, arg0, ..., env)`—[`spawnvpe`](crate::os::spawnvpe)
/// with the arguments listed and the environment after a `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __os_spawnlpe {
    ($mode:expr, $file:expr, $($arg:expr),+ ; $env:expr) => {
        $crate::os::spawnvpe($mode, $file, &[$(::core::convert::AsRef::<::core::ffi::CStr>::as_ref(&$arg)),+], $env)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::os;

    #[test]
    fn wait_mode_gives_the_exit_code_or_minus_the_signal() {
        assert_eq!(spawnv(P_WAIT, "/bin/sh", &[c"sh", c"-c", c"exit 3"]), Ok(3));
        assert_eq!(
            spawnv(P_WAIT, "/bin/sh", &[c"sh", c"-c", c"kill -9 $$"]),
            Ok(-9)
        );
        assert_eq!(spawnvp(P_WAIT, "sh", &[c"sh", c"-c", c"exit 0"]), Ok(0));
        let env = [c"PATH=/nonexistent"];
        assert_eq!(
            spawnvpe(P_WAIT, "sh", &[c"sh"], Env::Entries(&env)),
            Err(Errno::NOENT)
        );
        assert_eq!(spawnv(P_WAIT, "/nonexistent", &[c"x"]), Err(Errno::NOENT));
        assert_eq!(spawnv(P_WAIT, "/bin/sh", &[]), Err(Errno::INVAL));
    }

    #[test]
    fn nowait_mode_gives_a_pid_to_wait_for() {
        let pid = spawnv(P_NOWAIT, "/bin/sh", &[c"sh", c"-c", c"exit 5"]).unwrap();
        let (got, status) = os::waitpid(pid, 0).unwrap();
        assert_eq!((got, os::waitstatus_to_exitcode(status)), (pid, Ok(5)));
    }

    #[test]
    fn the_listed_forms_forward() {
        let script = c"exit 7";
        assert_eq!(
            crate::os::spawnl!(P_WAIT, "/bin/sh", c"sh", c"-c", script),
            Ok(7)
        );
        let env = [c"A=4"];
        assert_eq!(
            crate::os::spawnle!(P_WAIT, "/bin/sh", c"sh", c"-c", c"exit $A"; Env::Entries(&env)),
            Ok(4)
        );
        assert_eq!(crate::os::spawnlp!(P_WAIT, "true", c"true"), Ok(0));
        let env = [c"PATH=/bin:/usr/bin", c"B=6"];
        assert_eq!(
            crate::os::spawnlpe!(P_WAIT, "sh", c"sh", c"-c", c"exit $B"; Env::Entries(&env)),
            Ok(6)
        );
    }
}
