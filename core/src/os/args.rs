//! The command line and the environment, as the kernel passed them.

use core::ffi::CStr;

/// `sys.argv`—the command-line arguments, `argv[0]` first.
///
/// Borrowed from the process's initial stack: no copy, no allocation.
/// Empty in a program that did not start through `strata_core::main!`.
///
/// # References
/// - [execve(2)](https://man7.org/linux/man-pages/man2/execve.2.html)
#[doc(alias = "sys.argv")]
pub fn argv() -> Args {
    let (argc, argv) = crate::rt::raw_args();
    // SAFETY: the runtime recorded the kernel's argv, which holds argc
    // valid C strings for the life of the process.
    unsafe { Args::from_raw(argc, argv) }
}

/// The program's name as a message names it: `argv[0]` after its last
/// `/` (argparse's default `prog`, and what GNU tools print), or `strata`
/// when there is no `argv[0]`.
pub fn program_name() -> &'static [u8] {
    let Some(arg0) = argv().next() else {
        return b"strata";
    };
    let bytes = arg0.to_bytes();
    match bytes.iter().rposition(|&b| b == b'/') {
        Some(slash) => bytes.get(slash + 1..).unwrap_or_default(),
        None => bytes,
    }
}

/// An iterator over the command-line arguments; see [`argv`].
#[derive(Clone, Debug)]
pub struct Args {
    argv: *const *const u8,
    front: usize,
    back: usize,
}

// SAFETY: Args only reads 'static, immutable C strings.
unsafe impl Send for Args {}
// SAFETY: as above.
unsafe impl Sync for Args {}

impl Args {
    /// # Safety
    /// `argv` holds `argc` pointers to C strings that live forever (or
    /// `argc` is 0).
    pub(crate) unsafe fn from_raw(argc: usize, argv: *const *const u8) -> Self {
        let back = if argv.is_null() { 0 } else { argc };
        Args {
            argv,
            front: 0,
            back,
        }
    }

    /// The argument at `index` (0 is the program), without consuming.
    pub fn get(&self, index: usize) -> Option<&'static CStr> {
        let i = self.front.checked_add(index).filter(|&i| i < self.back)?;
        // SAFETY: i < argc, so argv[i] is one of the kernel's C strings.
        Some(unsafe { CStr::from_ptr(*self.argv.add(i) as *const core::ffi::c_char) })
    }
}

impl Iterator for Args {
    type Item = &'static CStr;

    fn next(&mut self) -> Option<Self::Item> {
        let arg = self.get(0)?;
        self.front += 1;
        Some(arg)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Args {
    fn next_back(&mut self) -> Option<Self::Item> {
        let last = self.len().checked_sub(1)?;
        let arg = self.get(last)?;
        self.back -= 1;
        Some(arg)
    }
}

impl ExactSizeIterator for Args {}

/// `os.environb`—the environment as `(name, value)` byte pairs, in the
/// order the kernel passed them.
///
/// Entries without `=` are skipped, as CPython does. Changes made later by
/// the alloc layer's `os::environ` are not seen here: this is the block the
/// process started with.
///
/// # References
/// - [environ(7)](https://man7.org/linux/man-pages/man7/environ.7.html)
#[doc(alias = "os.environb")]
#[doc(alias = "environb")]
pub fn environ() -> Environ {
    // SAFETY: the runtime recorded the kernel's envp, a NULL-terminated
    // array of C strings that live for the life of the process.
    unsafe { Environ::from_raw(crate::rt::raw_environ()) }
}

/// `os.getenvb(key)`—the value of the first environment entry named `key`
/// (as glibc's `getenv` and CPython's `os.environ` pick it).
///
/// # References
/// - [getenv(3)](https://man7.org/linux/man-pages/man3/getenv.3.html)
#[doc(alias = "os.getenvb")]
#[doc(alias = "getenvb")]
pub fn getenv(key: impl AsRef<[u8]>) -> Option<&'static [u8]> {
    let key = key.as_ref();
    environ()
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value)
}

/// An iterator over the environment; see [`environ`].
#[derive(Clone, Debug)]
pub struct Environ {
    next: *const *const u8,
}

// SAFETY: Environ only reads 'static, immutable C strings.
unsafe impl Send for Environ {}
// SAFETY: as above.
unsafe impl Sync for Environ {}

impl Environ {
    /// # Safety
    /// `envp` is null or a NULL-terminated array of pointers to C strings
    /// that live forever.
    pub(crate) unsafe fn from_raw(envp: *const *const u8) -> Self {
        Environ { next: envp }
    }
}

impl Iterator for Environ {
    type Item = (&'static [u8], &'static [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            // SAFETY: `next` is null or points into the NULL-terminated
            // array; we never step past its terminator.
            let entry = unsafe {
                if self.next.is_null() || (*self.next).is_null() {
                    return None;
                }
                let entry = CStr::from_ptr(*self.next as *const core::ffi::c_char).to_bytes();
                self.next = self.next.add(1);
                entry
            };
            if let Some(eq) = entry.iter().position(|&b| b == b'=') {
                return Some((&entry[..eq], &entry[eq + 1..]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ptrs(strings: &[&'static CStr]) -> std::vec::Vec<*const u8> {
        let mut v: std::vec::Vec<_> = strings.iter().map(|s| s.as_ptr() as *const u8).collect();
        v.push(core::ptr::null());
        v
    }

    #[test]
    fn args_iterate_both_ways_and_index() {
        let v = ptrs(&[c"prog", c"", c"-x", c"last"]);
        // SAFETY: v holds 4 'static C strings.
        let args = unsafe { Args::from_raw(4, v.as_ptr()) };
        assert_eq!(args.len(), 4);
        assert_eq!(args.get(1), Some(c""));
        assert_eq!(args.get(4), None);
        let forward: std::vec::Vec<_> = args.clone().collect();
        assert_eq!(forward, [c"prog", c"", c"-x", c"last"]);
        let mut a = args.clone();
        assert_eq!(a.next_back(), Some(c"last"));
        assert_eq!(a.next(), Some(c"prog"));
        assert_eq!(a.len(), 2);
        assert_eq!(a.get(0), Some(c""));
    }

    #[test]
    fn args_outside_a_strata_program_are_empty() {
        // SAFETY: a null argv with argc 0 is the documented empty case.
        let args = unsafe { Args::from_raw(0, core::ptr::null()) };
        assert_eq!(args.count(), 0);
    }

    #[test]
    fn environ_splits_at_first_equals_and_skips_junk() {
        let v = ptrs(&[
            c"A=1",
            c"NOEQUALS",
            c"B==x=y",
            c"=empty-name",
            c"A=2",
            c"C=",
        ]);
        // SAFETY: v is NULL-terminated and holds 'static C strings.
        let env: std::vec::Vec<_> = unsafe { Environ::from_raw(v.as_ptr()) }.collect();
        let want: [(&[u8], &[u8]); 5] = [
            (b"A", b"1"),
            (b"B", b"=x=y"),
            (b"", b"empty-name"),
            (b"A", b"2"),
            (b"C", b""),
        ];
        assert_eq!(env, want);
        // SAFETY: as above.
        let first_a = unsafe { Environ::from_raw(v.as_ptr()) }.find(|e| e.0 == b"A");
        assert_eq!(first_a, Some((&b"A"[..], &b"1"[..])));
        // SAFETY: a null envp is the documented empty case.
        assert_eq!(unsafe { Environ::from_raw(core::ptr::null()) }.count(), 0);
    }
}
