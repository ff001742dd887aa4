//! System calls newer than the oldest kernel Strata runs on, and what to
//! do where they are missing.
//!
//! Old kernels answer a call they do not have with `ENOSYS`; so do
//! emulators (Debian 12's QEMU 7.2 has no `TCGETS2` and no `execveat`) and
//! seccomp profiles, which may also answer `EPERM`, `EINVAL` or `ENOTTY`.
//! Each such call has one [`Newer`] here. It tries the newer call once,
//! and once the system has shown it lacks it, every later use goes
//! straight to the older way: no failing system call on every use.
//!
//! An errno other than `ENOSYS` may also be a real answer (`ENOTTY` from
//! `TCGETS2` on a pipe). Such a "refusal" counts as missing only when the
//! older way then succeeds; either way the caller gets the older way's
//! result.

use crate::errno::Errno;
use core::sync::atomic::{AtomicU8, Ordering::Relaxed};

const UNKNOWN: u8 = 0;
const PRESENT: u8 = 1;
const MISSING: u8 = 2;

/// One newer system call and what this system has shown of it.
pub(crate) struct Newer {
    state: AtomicU8,
    /// Errnos besides `ENOSYS` with which a kernel, emulator or seccomp
    /// profile refuses the call where the older way may still work.
    refusals: &'static [Errno],
}

/// `ioctl(TCGETS2)`/`TCSETS2` (Linux 2.6.20, but missing in QEMU 7.2 and
/// some seccomp profiles and WSL): older `TCGETS`/`TCSETS`.
pub(crate) static TCGETS2: Newer =
    Newer::new(&[Errno::NOTTY, Errno::ACCESS, Errno::PERM, Errno::INVAL]);
/// `execveat` (3.19): older `execve("/proc/self/fd/N")`.
pub(crate) static EXECVEAT: Newer = Newer::new(&[]);
/// `close_range` (5.9): older one `close` per fd.
pub(crate) static CLOSE_RANGE: Newer = Newer::new(&[Errno::PERM, Errno::INVAL]);
/// `copy_file_range` (4.5): older `sendfile`, `splice`, or read and write.
pub(crate) static COPY_FILE_RANGE: Newer = Newer::new(&[Errno::PERM]);
/// `getrandom` (3.17): older reads of `/dev/urandom`.
pub(crate) static GETRANDOM: Newer = Newer::new(&[Errno::PERM]);
/// `faccessat2` (5.8): older `stat` and the mode bits, as glibc does.
pub(crate) static FACCESSAT2: Newer = Newer::new(&[Errno::PERM]);
/// `clone3` (5.3; `CLONE_CLEAR_SIGHAND` 5.5): older `clone`.
pub(crate) static CLONE3: Newer = Newer::new(&[Errno::PERM, Errno::INVAL]);

impl Newer {
    const fn new(refusals: &'static [Errno]) -> Newer {
        Newer {
            state: AtomicU8::new(UNKNOWN),
            refusals,
        }
    }

    /// Whether the newer call is worth trying: not yet shown missing.
    pub(crate) fn worth_trying(&self) -> bool {
        self.state.load(Relaxed) != MISSING
    }

    /// Runs `newer`, or `older` where this system lacks the newer call.
    pub(crate) fn call<T, E1: Into<Errno>, E2: Into<Errno>>(
        &self,
        newer: impl FnOnce() -> Result<T, E1>,
        older: impl FnOnce() -> Result<T, E2>,
    ) -> Result<T, Errno> {
        let older = || older().map_err(Into::into);
        if !self.worth_trying() {
            return older();
        }
        match newer().map_err(Into::into) {
            Err(e) if e == Errno::NOSYS => {
                self.mark_missing();
                older()
            }
            Err(e) if self.state.load(Relaxed) == UNKNOWN && self.refusals.contains(&e) => {
                let result = older();
                if result.is_ok() {
                    self.mark_missing();
                }
                result
            }
            result => {
                self.mark_present();
                result
            }
        }
    }

    /// Records what the caller saw itself (for calls, like `execveat`
    /// and `clone3`, whose success never comes back to [`Newer::call`]).
    pub(crate) fn saw(&self, error: Errno) -> bool {
        let missing = error == Errno::NOSYS || self.refusals.contains(&error);
        if missing {
            self.mark_missing();
        }
        missing
    }

    fn mark_missing(&self) {
        self.state.store(MISSING, Relaxed);
    }

    fn mark_present(&self) {
        let _ = self
            .state
            .compare_exchange(UNKNOWN, PRESENT, Relaxed, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::Cell;

    #[test]
    fn enosys_is_remembered_and_the_newer_call_not_repeated() {
        let n = Newer::new(&[Errno::PERM]);
        let tries = Cell::new(0);
        let newer = || {
            tries.set(tries.get() + 1);
            Err::<u8, _>(Errno::NOSYS)
        };
        assert_eq!(n.call(newer, || Ok::<_, Errno>(1)), Ok(1));
        assert_eq!(n.call(newer, || Ok::<_, Errno>(2)), Ok(2));
        assert_eq!(tries.get(), 1);
    }

    #[test]
    fn a_refusal_counts_only_when_the_older_way_works() {
        let n = Newer::new(&[Errno::NOTTY]);
        // ENOTTY on a pipe: the older call fails the same way; not missing.
        assert_eq!(
            n.call(|| Err::<u8, _>(Errno::NOTTY), || Err::<u8, _>(Errno::NOTTY)),
            Err(Errno::NOTTY)
        );
        assert!(n.worth_trying());
        // ENOTTY where the older call works: the system lacks the newer one.
        assert_eq!(
            n.call(|| Err::<u8, _>(Errno::NOTTY), || Ok::<_, Errno>(3)),
            Ok(3)
        );
        assert!(!n.worth_trying());
    }

    #[test]
    fn once_present_a_refusal_is_a_real_error() {
        let n = Newer::new(&[Errno::PERM]);
        assert_eq!(n.call(|| Ok::<_, Errno>(1), || Ok::<_, Errno>(0)), Ok(1));
        assert_eq!(
            n.call(|| Err::<u8, _>(Errno::PERM), || Ok::<_, Errno>(0)),
            Err(Errno::PERM)
        );
        assert!(n.worth_trying());
    }

    #[test]
    fn other_errors_pass_through() {
        let n = Newer::new(&[Errno::PERM]);
        assert_eq!(
            n.call(|| Err::<u8, _>(Errno::BADF), || Ok::<_, Errno>(0)),
            Err(Errno::BADF)
        );
        assert!(n.worth_trying());
    }
}
