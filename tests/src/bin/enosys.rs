//! `enosys PROGRAM [ARG]...`: runs PROGRAM as if on an old kernel, where
//! the newer system calls Strata uses answer `ENOSYS`.
//!
//! It installs a seccomp filter that fails `statx`, `clone3`,
//! `close_range`, `getrandom`, `faccessat2`, `copy_file_range`, `openat2`,
//! `execveat`, and `ioctl` with `TCGETS2`/`TCSETS2`/`TCSETSW2`/`TCSETSF2`
//! with `ENOSYS`, allows every other call, and execs PROGRAM (a path, not
//! searched in `PATH`) with the remaining arguments and this environment.
//! The filter outlives the exec, so PROGRAM and all its children run under
//! it. A call of another ABI (another `seccomp_data.arch`, x86_64's x32)
//! kills the process.
//!
//! The harness runs the test programs under it (tier 2, x86_64 natively:
//! qemu-user has no seccomp). Exit status as env(1): 125 if the filter
//! cannot be installed, 126 if PROGRAM cannot be run, 127 if it is missing.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use core::ffi::CStr;
use linux_raw_sys::general as nr;
use linux_raw_sys::ioctl::{TCGETS2, TCSETS2, TCSETSF2, TCSETSW2};
use strata_core::errno::Errno;
use strata_core::{eprintln, os};

strata_alloc::main!(main);

/// The calls an old kernel lacks (the version that added each).
const NEWER: [u32; 8] = [
    nr::__NR_statx,           // 4.11
    nr::__NR_clone3,          // 5.3
    nr::__NR_close_range,     // 5.9
    nr::__NR_getrandom,       // 3.17
    nr::__NR_faccessat2,      // 5.8
    nr::__NR_copy_file_range, // 4.5
    nr::__NR_openat2,         // 5.6
    nr::__NR_execveat,        // 3.19
];

/// The `termios2` ioctls (2.6.20, but missing in QEMU 7.2).
const NEWER_IOCTLS: [u32; 4] = [TCGETS2, TCSETS2, TCSETSW2, TCSETSF2];

/// The first refused call the installed filter lets through, tried with
/// arguments that make each fail harmlessly (bad fd, NULL, size 0) where it
/// runs; `None` if all answer ENOSYS.
fn not_refused() -> Option<u32> {
    const BAD_FD: usize = -1isize as usize;
    let tries: [(u32, [usize; 6]); 9] = [
        (nr::__NR_statx, [BAD_FD, 0, 0, 0, 0, 0]),
        (nr::__NR_clone3, [0; 6]), // size 0: EINVAL before anything
        (nr::__NR_close_range, [1, 0, 0, 0, 0, 0]), // first > last: EINVAL
        (nr::__NR_getrandom, [0; 6]), // 0 bytes
        (nr::__NR_faccessat2, [BAD_FD, 0, 0, 0, 0, 0]),
        (nr::__NR_copy_file_range, [BAD_FD, 0, BAD_FD, 0, 0, 0]),
        (nr::__NR_openat2, [BAD_FD, 0, 0, 0, 0, 0]), // size 0: EINVAL
        (nr::__NR_execveat, [BAD_FD, 0, 0, 0, 0, 0]), // NULL path: EFAULT
        (nr::__NR_ioctl, [BAD_FD, TCGETS2 as usize, 0, 0, 0, 0]),
    ];
    // SAFETY: each call gets a bad fd, NULL pointers or a zero size,
    // with which it touches no memory and changes nothing.
    tries
        .into_iter()
        .find_map(|(call, a)| (!unsafe { strata_tests::answers_enosys(call, a) }).then_some(call))
}

fn main() -> i32 {
    let argv: Vec<&CStr> = os::argv().skip(1).collect();
    let Some(program) = argv.first() else {
        eprintln!("usage: enosys PROGRAM [ARG]...");
        return 125;
    };
    let installed = strata_tests::seccomp::Filter::new()
        .refuse(&NEWER, Errno::NOSYS)
        .refuse_ioctls(&NEWER_IOCTLS, Errno::NOSYS)
        .install();
    if let Err(e) = installed {
        eprintln!("enosys: cannot install the seccomp filter: {}", e);
        return 125;
    }
    if let Some(call) = not_refused() {
        eprintln!("enosys: the filter let system call {call} through");
        return 125;
    }
    let e = os::execv(program.to_bytes(), &argv);
    eprintln!(
        "enosys: cannot run {}: {}",
        program.to_str().unwrap_or("PROGRAM"),
        e
    );
    if e == Errno::NOENT { 127 } else { 126 }
}
