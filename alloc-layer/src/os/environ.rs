//! `os.environ`: one owned copy of the environment that [`putenv`] and
//! [`unsetenv`] change and that the exec and spawn functions pass on.
//!
//! Python keeps `os.environ` and the C `environ` in step; Strata has no C
//! `environ`, so this copy is the only one. It is made on first use from
//! the block the kernel passed (the first of duplicate names wins, as in
//! CPython). Until something changes it, children get the kernel's block
//! itself, uncopied.
//!
//! In a std program (the `std` feature, which strata-std turns on) there
//! is a C `environ`, and std's `env` module owns it: every function here
//! reads and writes it through `std::env`, so `std::env::set_var` and
//! [`putenv`] see each other, and children get what both see.

use super::Error;
use alloc::ffi::CString;
use alloc::vec::Vec;
#[cfg(not(feature = "std"))]
use core::cell::UnsafeCell;
#[cfg(not(feature = "std"))]
use core::sync::atomic::{AtomicBool, Ordering};
use strata_core::errno::Errno;

type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

#[cfg(not(feature = "std"))]
struct Env {
    pairs: Option<Pairs>,
    changed: bool,
}

#[cfg(not(feature = "std"))]
/// A spin lock: the environment is touched rarely and never from a
/// signal handler.
struct Lock {
    held: AtomicBool,
    env: UnsafeCell<Env>,
}

#[cfg(not(feature = "std"))]
// SAFETY: `env` is only reached inside `with`, which `held` serializes.
unsafe impl Sync for Lock {}

#[cfg(not(feature = "std"))]
static ENV: Lock = Lock {
    held: AtomicBool::new(false),
    env: UnsafeCell::new(Env {
        pairs: None,
        changed: false,
    }),
};

/// Runs `f` on the environment, copying it from the kernel's block first
/// if this is the first use. `f` must not call back into this module.
#[cfg(not(feature = "std"))]
fn with_env<R>(f: impl FnOnce(&mut Pairs, &mut bool) -> R) -> R {
    while ENV
        .held
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        core::hint::spin_loop();
    }
    // SAFETY: `held` is ours, so no one else is inside.
    let env = unsafe { &mut *ENV.env.get() };
    let pairs = env.pairs.get_or_insert_with(|| {
        let mut pairs: Pairs = Vec::new();
        for (k, v) in strata_core::os::environ() {
            if !pairs.iter().any(|(name, _)| name == k) {
                pairs.push((k.to_vec(), v.to_vec()));
            }
        }
        pairs
    });
    let result = f(pairs, &mut env.changed);
    ENV.held.store(false, Ordering::Release);
    result
}

/// The std program's environment, through std's lock: what `f` sees is
/// read fresh, and a change `f` makes (it sets the flag) is written back
/// with `std::env`.
#[cfg(feature = "std")]
fn with_env<R>(f: impl FnOnce(&mut Pairs, &mut bool) -> R) -> R {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let before: Pairs = std::env::vars_os()
        .map(|(k, v)| (k.into_vec(), v.into_vec()))
        .collect();
    let mut pairs = before.clone();
    let mut changed = false;
    let result = f(&mut pairs, &mut changed);
    if changed {
        let os = std::ffi::OsStr::from_bytes;
        for (key, _) in before
            .iter()
            .filter(|(k, _)| !pairs.iter().any(|(n, _)| n == k))
        {
            // SAFETY: std's contract for remove_var: nothing else reads or
            // writes the environment meanwhile except through std::env.
            // Strata reads it only through std::env in a std program; C
            // code reading `environ` on another thread at the same moment
            // is the hazard CPython's os.unsetenv has too (see `unsetenv`).
            unsafe { std::env::remove_var(os(key)) };
        }
        for (key, value) in pairs.iter().filter(|entry| !before.contains(entry)) {
            // SAFETY: as for remove_var above (see `putenv`).
            unsafe { std::env::set_var(os(key), os(value)) };
        }
    }
    result
}

/// `os.environb.items()`—the current environment, in order.
#[doc(alias = "environb")]
pub fn environ() -> alloc::vec::IntoIter<(Vec<u8>, Vec<u8>)> {
    environ_pairs().into_iter()
}

/// `list(os.environb.items())`—the current environment, in order.
pub fn environ_pairs() -> Vec<(Vec<u8>, Vec<u8>)> {
    with_env(|pairs, _| pairs.clone())
}

/// `os.getenvb(key)`—the current value of `key`.
///
/// # References
/// - [getenv(3)](https://man7.org/linux/man-pages/man3/getenv.3.html)
#[doc(alias = "getenvb")]
pub fn getenv(key: impl AsRef<[u8]>) -> Option<Vec<u8>> {
    let key = key.as_ref();
    with_env(|pairs, _| {
        pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, v)| v.clone())
    })
}

/// `os.getenvb(key, default)`.
pub fn getenv_or(key: impl AsRef<[u8]>, default: impl AsRef<[u8]>) -> Vec<u8> {
    getenv(key).unwrap_or_else(|| default.as_ref().to_vec())
}

fn check_name(op: &'static str, key: &[u8]) -> Result<(), Error> {
    if key.is_empty() || key.contains(&b'=') || key.contains(&0) {
        return Err(Error::new(Errno::INVAL, op).with_path(key));
    }
    Ok(())
}

/// `os.putenv(key, value)` / `os.environ[key] = value`—sets a variable
/// for this process's later lookups and for every child started after.
/// An empty name, or one holding `=` or NUL, or a value holding NUL, is
/// `EINVAL` (Python's `ValueError`).
///
/// In a std program this is `std::env::set_var`, with its rule: no other
/// thread may read the environment through C (`getenv`) at the same
/// moment, as with CPython's `os.putenv`.
///
/// # References
/// - [setenv(3)](https://man7.org/linux/man-pages/man3/setenv.3.html)
pub fn putenv(key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Result<(), Error> {
    let (key, value) = (key.as_ref(), value.as_ref());
    check_name("putenv", key)?;
    if value.contains(&0) {
        return Err(Error::new(Errno::INVAL, "putenv").with_path(key));
    }
    with_env(|pairs, changed| {
        *changed = true;
        match pairs.iter_mut().find(|(name, _)| name == key) {
            Some(entry) => entry.1 = value.to_vec(),
            None => pairs.push((key.to_vec(), value.to_vec())),
        }
    });
    Ok(())
}

/// `os.unsetenv(key)` / `del os.environ[key]`—removes a variable (no
/// error if it was not set). In a std program this is
/// `std::env::remove_var`, with the rule [`putenv`] gives.
///
/// # References
/// - [unsetenv(3)](https://man7.org/linux/man-pages/man3/unsetenv.3.html)
pub fn unsetenv(key: impl AsRef<[u8]>) -> Result<(), Error> {
    let key = key.as_ref();
    check_name("unsetenv", key)?;
    with_env(|pairs, changed| {
        *changed = true;
        pairs.retain(|(name, _)| name != key);
    });
    Ok(())
}

/// `os.get_exec_path(env=None)`—the directories `execvp` searches: the
/// `PATH` of `env` (default: the current environment), or
/// [`DEFPATH`](super::DEFPATH) when there is none; split at `:`, empty
/// entries kept.
pub fn get_exec_path(env: Option<&[(Vec<u8>, Vec<u8>)]>) -> Vec<Vec<u8>> {
    let path = match env {
        Some(pairs) => pairs
            .iter()
            .find(|(name, _)| name == b"PATH")
            .map(|(_, v)| v.clone()),
        None => getenv("PATH"),
    };
    let path = path.unwrap_or_else(|| super::DEFPATH.as_bytes().to_vec());
    strata_core::os::exec_path(&path)
        .map(<[u8]>::to_vec)
        .collect()
}

/// `NAME=value` C strings for a child, or `None` while the environment
/// is the kernel's block unchanged (pass `Env::Inherit` then).
#[cfg(not(feature = "std"))]
pub(crate) fn current_block() -> Option<Vec<CString>> {
    with_env(|pairs, changed| (*changed).then(|| block(pairs)))
}

/// `NAME=value` C strings for a child: std's environment as it is now.
#[cfg(feature = "std")]
pub(crate) fn current_block() -> Option<Vec<CString>> {
    Some(with_env(|pairs, _| block(pairs)))
}

/// `NAME=value` C strings for `pairs`; entries holding NUL are dropped
/// (putenv refuses them; an explicit list may hold them).
pub(crate) fn block(pairs: &[(Vec<u8>, Vec<u8>)]) -> Vec<CString> {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let mut entry = Vec::with_capacity(k.len() + v.len() + 1);
            entry.extend_from_slice(k);
            entry.push(b'=');
            entry.extend_from_slice(v);
            CString::new(entry).ok()
        })
        .collect()
}

/// The current `PATH`, for `execvp` and `posix_spawnp`.
pub(crate) fn search_path() -> Vec<u8> {
    getenv("PATH").unwrap_or_else(|| super::DEFPATH.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn putenv_getenv_unsetenv_and_exec_path() {
        assert_eq!(getenv("STRATA_TEST_X"), None);
        putenv("STRATA_TEST_X", "1").unwrap();
        putenv("STRATA_TEST_X", "2").unwrap();
        assert_eq!(getenv("STRATA_TEST_X"), Some(b"2".to_vec()));
        assert_eq!(
            environ_pairs()
                .iter()
                .filter(|(k, _)| k == b"STRATA_TEST_X")
                .count(),
            1
        );
        assert!(
            current_block().is_some_and(|b| b.iter().any(|c| c.as_bytes() == b"STRATA_TEST_X=2"))
        );
        unsetenv("STRATA_TEST_X").unwrap();
        assert_eq!(getenv_or("STRATA_TEST_X", "d"), b"d");
        assert_eq!(putenv("A=B", "1").unwrap_err().errno(), Errno::INVAL);
        assert_eq!(putenv("", "1").unwrap_err().errno(), Errno::INVAL);
        assert_eq!(putenv("A", "a\0b").unwrap_err().errno(), Errno::INVAL);
        let env = [(b"PATH".to_vec(), b"/a::/b".to_vec())];
        assert_eq!(
            get_exec_path(Some(&env)),
            [b"/a".to_vec(), b"".to_vec(), b"/b".to_vec()]
        );
        assert_eq!(
            get_exec_path(Some(&[])),
            [b"/bin".to_vec(), b"/usr/bin".to_vec()]
        );
    }
}
