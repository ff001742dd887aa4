//! What Strata's static test programs share: TAP-style reporting that the
//! host harness (strata-qemu) reads natively, under qemu-user and from a
//! serial console, a clean power-off when the program runs as PID 1, and
//! the seccomp filters with which `tty seccomp` and `enosys` play a
//! stricter or older system.
#![no_std]

use strata_core::{os, println};

/// Numbers checks and prints `ok N - name` / `not ok N - name`.
#[derive(Default)]
pub struct Tap {
    count: u32,
    failed: u32,
}

impl Tap {
    /// A report with no checks yet.
    pub fn new() -> Self {
        Tap::default()
    }

    /// A report that goes on after `count` checks printed elsewhere,
    /// `failed` of which failed.
    pub fn continuing(count: u32, failed: u32) -> Self {
        Tap { count, failed }
    }

    /// Records one check.
    pub fn check(&mut self, name: &str, ok: bool) {
        self.count += 1;
        if ok {
            println!("ok {} - {}", self.count, name);
        } else {
            self.failed += 1;
            println!("not ok {} - {}", self.count, name);
        }
    }

    /// Prints the plan line and returns the exit status (1 if any check
    /// failed). As PID 1 it also prints `# exit status N` and powers the
    /// machine off, since init's exit status reaches no one.
    pub fn finish(self) -> i32 {
        println!("1..{}", self.count);
        let status = i32::from(self.failed > 0);
        power_off_if_init(status);
        status
    }
}

/// As PID 1: reports `status` on the console, flushes, and powers off
/// through reboot(2). Elsewhere: does nothing.
pub fn power_off_if_init(status: i32) {
    if os::getpid() != 1 {
        return;
    }
    println!("# exit status {status}");
    let _ = strata_core::io::stdout().flush();
    let _ = rustix::system::reboot(rustix::system::RebootCommand::PowerOff);
}

/// xorshift64: a deterministic stream of test sizes, offsets and bytes.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Whether the kernel (or a seccomp filter) answers system call `call`
/// with `ENOSYS`: the probe behind checks of raw calls that an old kernel
/// lacks.
///
/// # Safety
/// `args` must make the call harmless where it exists (bad fds, NULL
/// pointers, zero sizes), since it may run.
pub unsafe fn answers_enosys(call: u32, args: [usize; 6]) -> bool {
    use strata_core::__private::strata_arch::syscall6;
    let [a, b, c, d, e, f] = args;
    // SAFETY: the caller vouches that the call with these arguments
    // touches no memory and changes nothing.
    let ret = unsafe { syscall6(call as usize, a, b, c, d, e, f) };
    ret as isize == -(linux_raw_sys::errno::ENOSYS as isize)
}

/// Formats `n` in decimal into `buf`, returning the digits.
pub fn decimal(n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// Seccomp filters (classic BPF over `struct seccomp_data`) for the
/// programs that play a stricter or older system: `tty seccomp` refuses
/// `TCGETS2` with `ENOTTY`, as some container profiles do, and `enosys`
/// answers the newer system calls with `ENOSYS`, as an old kernel does.
///
/// A call of another architecture's ABI (whose numbers mean other calls)
/// kills the process: the filter fails closed.
///
/// # References
/// - [seccomp(2)](https://man7.org/linux/man-pages/man2/seccomp.2.html)
/// - [PR_SET_SECCOMP(2const)](https://man7.org/linux/man-pages/man2/PR_SET_SECCOMP.2const.html)
pub mod seccomp {
    use strata_core::errno::Errno;

    /// `seccomp_data.arch` of this program's own system calls
    /// (`AUDIT_ARCH_*` of `<linux/audit.h>`).
    #[cfg(target_arch = "x86_64")]
    pub const AUDIT_ARCH: u32 = 0xc000_003e;
    /// `seccomp_data.arch` of this program's own system calls.
    #[cfg(target_arch = "aarch64")]
    pub const AUDIT_ARCH: u32 = 0xc000_00b7;
    /// `seccomp_data.arch` of this program's own system calls.
    #[cfg(target_arch = "riscv64")]
    pub const AUDIT_ARCH: u32 = 0xc000_00f3;
    /// `seccomp_data.arch` of this program's own system calls.
    #[cfg(target_arch = "arm")]
    pub const AUDIT_ARCH: u32 = 0x4000_0028;

    /// `BPF_LD | BPF_W | BPF_ABS`: load a word of `seccomp_data`.
    const LD_ABS: u16 = 0x20;
    /// `BPF_JMP | BPF_JEQ | BPF_K`.
    const JEQ: u16 = 0x15;
    /// `BPF_JMP | BPF_JGE | BPF_K`.
    #[cfg(target_arch = "x86_64")]
    const JGE: u16 = 0x35;
    /// `BPF_RET | BPF_K`.
    const RET: u16 = 0x06;
    const RET_KILL_PROCESS: u32 = 0x8000_0000;
    const RET_ERRNO: u32 = 0x0005_0000;
    const RET_ALLOW: u32 = 0x7fff_0000;
    /// Offsets in `seccomp_data`: the call number, the arch, `args[1]`'s
    /// low half (little-endian on every architecture Strata supports).
    const NR: u32 = 0;
    const ARCH: u32 = 4;
    const ARG1_LOW: u32 = 24;
    /// x86_64's x32 calls carry the same arch with this bit set.
    #[cfg(target_arch = "x86_64")]
    const X32_SYSCALL_BIT: u32 = 0x4000_0000;

    /// `struct sock_filter`.
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct SockFilter {
        code: u16,
        jt: u8,
        jf: u8,
        k: u32,
    }

    /// `struct sock_fprog`.
    #[repr(C)]
    struct SockFprog {
        len: u16,
        filter: *const SockFilter,
    }

    /// How many instructions a filter holds: enough for 24 refused calls
    /// and ioctl requests, and short enough for every jump to fit a `u8`.
    const CAPACITY: usize = 64;

    /// A filter under construction: calls it does not name are allowed.
    pub struct Filter {
        ops: [SockFilter; CAPACITY],
        len: usize,
        overflowed: bool,
    }

    impl Default for Filter {
        fn default() -> Self {
            Filter::new()
        }
    }

    impl Filter {
        /// A filter that allows every call of this program's own ABI and
        /// kills the process on any other.
        pub fn new() -> Filter {
            let mut f = Filter {
                ops: [SockFilter {
                    code: 0,
                    jt: 0,
                    jf: 0,
                    k: 0,
                }; CAPACITY],
                len: 0,
                overflowed: false,
            };
            f.op(LD_ABS, 0, 0, ARCH);
            f.op(JEQ, 1, 0, AUDIT_ARCH);
            f.op(RET, 0, 0, RET_KILL_PROCESS);
            f.op(LD_ABS, 0, 0, NR);
            #[cfg(target_arch = "x86_64")]
            {
                f.op(JGE, 0, 1, X32_SYSCALL_BIT);
                f.op(RET, 0, 0, RET_KILL_PROCESS);
            }
            f
        }

        fn op(&mut self, code: u16, jt: u8, jf: u8, k: u32) {
            match self.ops.get_mut(self.len) {
                Some(slot) => {
                    *slot = SockFilter { code, jt, jf, k };
                    self.len += 1;
                }
                None => self.overflowed = true,
            }
        }

        /// Makes each of the system calls numbered `calls` fail with
        /// `errno`.
        pub fn refuse(&mut self, calls: &[u32], errno: Errno) -> &mut Self {
            for &nr in calls {
                self.op(JEQ, 0, 1, nr);
                self.op(RET, 0, 0, ret_errno(errno));
            }
            self
        }

        /// Makes `ioctl(fd, request, ...)` fail with `errno` for each of
        /// `requests`; other requests go through.
        pub fn refuse_ioctls(&mut self, requests: &[u32], errno: Errno) -> &mut Self {
            // Past the loaded request, each request's test and return, and
            // the final allow: where a call other than ioctl goes on.
            let Some(skip) = requests
                .len()
                .checked_mul(2)
                .and_then(|n| u8::try_from(n + 2).ok())
            else {
                self.overflowed = true;
                return self;
            };
            self.op(JEQ, 0, skip, linux_raw_sys::general::__NR_ioctl);
            // The kernel takes the request as an unsigned int: its low half.
            self.op(LD_ABS, 0, 0, ARG1_LOW);
            for &request in requests {
                self.op(JEQ, 0, 1, request);
                self.op(RET, 0, 0, ret_errno(errno));
            }
            self.op(RET, 0, 0, RET_ALLOW);
            self
        }

        /// Installs the filter for this process and every program it
        /// execs, after `PR_SET_NO_NEW_PRIVS` (which lets an unprivileged
        /// process install one). `E2BIG` if the filter outgrew its room.
        pub fn install(&mut self) -> Result<(), Errno> {
            self.op(RET, 0, 0, RET_ALLOW);
            if self.overflowed {
                return Err(Errno::TOOBIG);
            }
            let prog = SockFprog {
                len: self.len as u16,
                filter: self.ops.as_ptr(),
            };
            // prctl checks that the arguments an option does not use are 0:
            // all five are passed, or stray registers make it EINVAL.
            use strata_core::__private::strata_arch::syscall5;
            let prctl = linux_raw_sys::general::__NR_prctl as usize;
            const PR_SET_NO_NEW_PRIVS: usize = 38;
            const PR_SET_SECCOMP: usize = 22;
            const SECCOMP_MODE_FILTER: usize = 2;
            // SAFETY: PR_SET_NO_NEW_PRIVS takes integers.
            check(unsafe { syscall5(prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) })?;
            // SAFETY: PR_SET_SECCOMP reads the program, which outlives the
            // call (the kernel copies it).
            check(unsafe {
                syscall5(
                    prctl,
                    PR_SET_SECCOMP,
                    SECCOMP_MODE_FILTER,
                    &prog as *const SockFprog as usize,
                    0,
                    0,
                )
            })?;
            Ok(())
        }
    }

    /// A raw call's result: `-errno` in its last 4095 values.
    fn check(ret: usize) -> Result<(), Errno> {
        if ret > -4096isize as usize {
            Err(Errno::from_raw_os_error(-(ret as isize) as i32))
        } else {
            Ok(())
        }
    }

    fn ret_errno(errno: Errno) -> u32 {
        RET_ERRNO | (errno.raw_os_error() as u32 & 0xffff)
    }
}
