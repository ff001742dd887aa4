//! The runtime test program: startup, argv and environ, auxv, errno, the C
//! memory symbols, the thread pointer and the signal trampoline. Run by the
//! harness natively, under qemu-user and as PID 1 under qemu-system.
//!
//! `runtime --pattern A0 A1 ...`: the harness passes arguments where
//! argument k is empty when k % 5 == 0 and the decimal of k otherwise, and
//! sets `STRATA_E<k>=<k>` for k below `STRATA_ENV_COUNT`.
#![no_std]
#![no_main]

use core::ffi::CStr;
use core::sync::atomic::{AtomicBool, Ordering};
use strata_core::{errno, os};
use strata_tests::{Rng, Tap, decimal};

strata_core::main!(main);

fn main() -> i32 {
    let mut tap = Tap::new();
    startup(&mut tap);
    argv_pattern(&mut tap);
    environ_pattern(&mut tap);
    errno_values(&mut tap);
    c_memory_symbols(&mut tap);
    thread_pointer(&mut tap);
    signal_trampoline(&mut tap);
    tap.finish()
}

fn startup(tap: &mut Tap) {
    let args = os::argv();
    tap.check("argc counts argv[0]", args.len() >= 1);
    tap.check(
        "argv[0] is not empty",
        args.get(0).is_some_and(|a| !a.is_empty()),
    );
    let page = os::getauxval(os::AT_PAGESZ);
    tap.check(
        "AT_PAGESZ is a power of two >= 4096",
        page.is_some_and(|p| p >= 4096 && p.is_power_of_two()),
    );
    tap.check(
        "rustix sees the same page size",
        page == Some(rustix::param::page_size()),
    );
    tap.check(
        "AT_RANDOM is present",
        os::getauxval(os::AT_RANDOM).is_some(),
    );
    let guard = strata_core::rt::stack_guard();
    tap.check(
        "stack guard set from AT_RANDOM, low byte zero",
        guard != 0 && guard & 0xff == 0,
    );
    tap.check(
        "an absent auxv key is None",
        os::getauxval(0x7fff).is_none(),
    );
    tap.check(
        "getauxval_str refuses non-string keys",
        os::getauxval_str(os::AT_PAGESZ).is_none(),
    );
    if let Some(platform) = os::getauxval_str(os::AT_PLATFORM) {
        tap.check("AT_PLATFORM is a non-empty string", !platform.is_empty());
    }
    tap.check("getpid is positive", os::getpid() > 0);
}

fn argv_pattern(tap: &mut Tap) {
    let args = os::argv();
    if args.get(1).map(CStr::to_bytes) != Some(b"--pattern") {
        return;
    }
    let mut buf = [0; 20];
    let all_match = args.clone().skip(2).enumerate().all(|(k, arg)| {
        let want: &[u8] = if k % 5 == 0 {
            b""
        } else {
            decimal(k, &mut buf)
        };
        arg.to_bytes() == want
    });
    tap.check(
        "every argument arrives intact, empty ones too",
        all_match && args.len() > 2,
    );
    let back: usize = args.clone().rev().take(3).count();
    tap.check("argv iterates from the back", back == 3);
}

fn environ_pattern(tap: &mut Tap) {
    let Some(count) = os::getenv("STRATA_ENV_COUNT") else {
        return;
    };
    let count: usize = core::str::from_utf8(count)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut name = [0u8; 40];
    let mut all = true;
    for k in 0..count {
        let mut digits = [0; 20];
        let digits = decimal(k, &mut digits);
        let prefix = b"STRATA_E";
        name[..prefix.len()].copy_from_slice(prefix);
        name[prefix.len()..prefix.len() + digits.len()].copy_from_slice(digits);
        let key = &name[..prefix.len() + digits.len()];
        all &= os::getenv(key) == Some(digits);
    }
    tap.check(
        "thousands of environment entries are all found",
        all && count > 0,
    );
    tap.check(
        "an empty value is Some(\"\")",
        os::getenv("STRATA_EMPTY") == Some(&b""[..]),
    );
    tap.check(
        "an absent name is None",
        os::getenv("STRATA_ABSENT").is_none(),
    );
    tap.check(
        "environ iterates every entry",
        os::environ().count() >= count + 2,
    );
}

fn errno_values(tap: &mut Tap) {
    let err = rustix::fs::open(
        c"/nonexistent/strata",
        rustix::fs::OFlags::RDONLY,
        rustix::fs::Mode::empty(),
    );
    tap.check(
        "open of a missing path is ENOENT",
        err.err().map(errno::Errno::from) == Some(errno::ENOENT),
    );
    tap.check("errorcode names it", errno::errorcode(2) == Some("ENOENT"));
    tap.check(
        "strerror matches glibc",
        errno::strerror(2).as_str() == Some("No such file or directory"),
    );
    tap.check(
        "by_name finds aliases",
        errno::by_name("EWOULDBLOCK") == Some(errno::EAGAIN),
    );
}

unsafe extern "C" {
    fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8;
    fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8;
    fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8;
    fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32;
    fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32;
    fn strlen(s: *const u8) -> usize;
}

const AREA: usize = 12_288;

/// The reference moves bytes one at a time through volatile accesses, so
/// the compiler cannot turn it into a call to the function under test.
fn reference_move(buf: &mut [u8], src: usize, dst: usize, n: usize) {
    let p = buf.as_mut_ptr();
    // SAFETY: the callers keep src+n and dst+n within buf.
    unsafe {
        if dst < src {
            for i in 0..n {
                p.add(dst + i)
                    .write_volatile(p.add(src + i).read_volatile());
            }
        } else {
            for i in (0..n).rev() {
                p.add(dst + i)
                    .write_volatile(p.add(src + i).read_volatile());
            }
        }
    }
}

fn fill_random(rng: &mut Rng, buf: &mut [u8]) {
    for b in buf.iter_mut() {
        *b = rng.next_u64() as u8;
    }
}

fn c_memory_symbols(tap: &mut Tap) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut got = [0u8; AREA];
    let mut want = [0u8; AREA];
    let (mut copy_ok, mut move_ok, mut set_ok, mut cmp_ok) = (true, true, true, true);
    for round in 0..600 {
        // Every fourth round reaches the bulk sizes (rep movsb on x86_64).
        // Offsets and sizes below AREA / 4 keep every range in its half.
        let max = if round % 4 == 0 { AREA / 4 } else { 300 };
        let n = rng.below(max);
        let (src, dst) = (rng.below(AREA / 4), rng.below(AREA / 4));
        fill_random(&mut rng, &mut got);
        want.copy_from_slice(&got);

        // memcpy: disjoint halves.
        reference_move(&mut want, src, AREA / 2 + dst, n);
        // SAFETY: both ranges lie inside `got` and do not overlap.
        unsafe {
            memcpy(
                got.as_mut_ptr().add(AREA / 2 + dst),
                got.as_ptr().add(src),
                n,
            )
        };
        copy_ok &= got == want;

        // memmove: anywhere in the first half, overlapping or not.
        reference_move(&mut want, src, dst, n);
        // SAFETY: both ranges lie inside `got`.
        unsafe { memmove(got.as_mut_ptr().add(dst), got.as_ptr().add(src), n) };
        move_ok &= got == want;

        // memset: the fill byte is the low byte of c.
        let c = rng.next_u64() as i32;
        for i in 0..n {
            want[dst + i] = c as u8;
        }
        // SAFETY: the range lies inside `got`.
        unsafe { memset(got.as_mut_ptr().add(dst), c, n) };
        set_ok &= got == want;

        // memcmp/bcmp: equal, then one byte changed.
        let a = got.as_ptr();
        // SAFETY: a and a+AREA/2 both have AREA/2 readable bytes; n fits.
        unsafe {
            core::ptr::copy_nonoverlapping(a.add(src), got.as_mut_ptr().add(AREA / 2 + src), n);
            let (x, y) = (got.as_ptr().add(src), got.as_ptr().add(AREA / 2 + src));
            cmp_ok &= memcmp(x, y, n) == 0 && bcmp(x, y, n) == 0;
            if n > 0 {
                let at = rng.below(n);
                let old = *x.add(at);
                let new = old.wrapping_add(1 + rng.below(255) as u8);
                *got.as_mut_ptr().add(AREA / 2 + src + at) = new;
                let (x, y) = (got.as_ptr().add(src), got.as_ptr().add(AREA / 2 + src));
                let sign = memcmp(x, y, n).signum();
                cmp_ok &= sign == if old < new { -1 } else { 1 } && bcmp(x, y, n) != 0;
            }
        }
    }
    tap.check(
        "memcpy matches the reference on random sizes and alignments",
        copy_ok,
    );
    tap.check(
        "memmove matches the reference on overlaps both ways",
        move_ok,
    );
    tap.check("memset matches the reference", set_ok);
    tap.check("memcmp orders and bcmp detects a changed byte", cmp_ok);
    // SAFETY: the literals are NUL-terminated.
    let lens = unsafe {
        (
            strlen(c"".as_ptr().cast()),
            strlen(c"strata".as_ptr().cast()),
        )
    };
    tap.check("strlen counts to the NUL", lens == (0, 6));
}

fn thread_pointer(tap: &mut Tap) {
    // A variant II style block: the first word points at the block itself.
    static mut BLOCK: [usize; 16] = [0; 16];
    let block = &raw mut BLOCK;
    // SAFETY: the block is static, and its first word is made to hold its
    // own address before it becomes the thread pointer. Nothing in this
    // program reads thread-local storage.
    let tp = unsafe {
        (*block)[0] = block as usize;
        strata_core::__private::strata_arch::set_thread_pointer(block.cast());
        strata_core::__private::strata_arch::thread_pointer()
    };
    tap.check("the thread pointer reads back as set", tp == block.cast());
}

static SIGNALLED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_usr1(_: i32) {
    SIGNALLED.store(true, Ordering::SeqCst);
}

fn signal_trampoline(tap: &mut Tap) {
    use linux_raw_sys::general as k;
    use strata_core::__private::strata_arch as arch;
    // SAFETY: all zeroes is a valid kernel_sigaction (SIG_DFL, no flags).
    let mut action: k::kernel_sigaction = unsafe { core::mem::zeroed() };
    action.sa_handler_kernel = Some(on_usr1);
    action.sa_flags = k::SA_SIGINFO as _;
    #[cfg(not(target_arch = "riscv64"))]
    {
        action.sa_flags |= k::SA_RESTORER as core::ffi::c_ulong;
        action.sa_restorer = Some(arch::return_from_signal);
    }
    // SAFETY: rt_sigaction reads a kernel_sigaction of this architecture's
    // layout; the handler only stores to an atomic.
    let installed = unsafe {
        arch::syscall4(
            k::__NR_rt_sigaction as usize,
            k::SIGUSR1 as usize,
            &action as *const _ as usize,
            0,
            size_of::<k::kernel_sigset_t>(),
        )
    };
    tap.check("rt_sigaction accepts the trampoline", installed == 0);
    let pid = rustix::process::getpid();
    let sent = rustix::process::kill_process(pid, rustix::process::Signal::USR1);
    // The signal is delivered before kill returns; reaching the next line
    // at all means the trampoline restored the interrupted context.
    tap.check(
        "a handler runs and returns through the trampoline",
        sent.is_ok() && SIGNALLED.load(Ordering::SeqCst),
    );
}
