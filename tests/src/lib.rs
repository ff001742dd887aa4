//! What Strata's static test programs share: TAP-style reporting that the
//! host harness (strata-qemu) reads natively, under qemu-user and from a
//! serial console, and a clean power-off when the program runs as PID 1.
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
