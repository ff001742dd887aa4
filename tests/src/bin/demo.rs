//! The demo: what Strata gives a static program with no libc. The README's
//! first command runs it natively and then as PID 1 under QEMU.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use strata_alloc::getopt::gnu_getopt;
use strata_alloc::tty::{self, TerminalSize};
use strata_alloc::{os, println, signal};

strata_alloc::main!(main);

fn main() {
    println!(
        "Strata demo ({}): a static program with no libc",
        strata_core::__private::strata_arch::NAME
    );
    runtime();
    terminal();
    options();
    heap();
    signals();
    strata_tests::power_off_if_init(0);
}

fn runtime() {
    println!("\n[runtime]");
    for (i, arg) in os::argv().enumerate() {
        println!("  argv[{i}]      {}", arg.to_str().unwrap_or("<not UTF-8>"));
    }
    let (count, bytes) =
        os::environ().fold((0, 0), |(n, b), (k, v)| (n + 1, b + k.len() + v.len() + 2));
    println!("  environment  {count} variables, {bytes} bytes");
    println!("  page size    {} bytes", os::page_size());
    let platform = os::getauxval_str(os::AT_PLATFORM).and_then(|p| p.to_str().ok());
    println!("  AT_PLATFORM  {}", platform.unwrap_or("(not given)"));
    println!(
        "  AT_HWCAP     {:#x}",
        os::getauxval(os::AT_HWCAP).unwrap_or(0)
    );
    println!(
        "  uid {}  gid {}  pid {}  ppid {}",
        os::getuid(),
        os::getgid(),
        os::getpid(),
        os::getppid()
    );
    let init = os::getpid() == 1;
    println!(
        "  PID 1        {}",
        if init {
            "yes: this program is the init of a Linux kernel"
        } else {
            "no"
        }
    );
}

fn terminal() {
    println!("\n[terminal]");
    // SAFETY: fd 1 is only inspected.
    let stdout = unsafe { rustix::fd::BorrowedFd::borrow_raw(1) };
    let size = tty::terminal_size(TerminalSize {
        columns: 80,
        lines: 24,
    });
    println!("  stdout is a terminal: {}", tty::isatty(stdout));
    println!(
        "  size (shutil.get_terminal_size): {} columns x {} lines",
        size.columns, size.lines
    );
}

fn options() {
    println!("\n[getopt] gnu_getopt(argv[1:], \"vn:\", [\"verbose\", \"name=\"])");
    let mut args = os::argv();
    args.next();
    let mut parsed = gnu_getopt(args, "vn:", &["verbose", "name="]);
    for item in &mut parsed {
        match item {
            Ok((opt, value)) => println!(
                "  option {opt} = {:?}",
                core::str::from_utf8(value).unwrap_or("?")
            ),
            Err(e) => println!("  error: {e}"),
        }
    }
    let rest: Vec<&str> = parsed
        .args()
        .map(|a| core::str::from_utf8(a).unwrap_or("?"))
        .collect();
    println!("  arguments {rest:?}");
}

fn heap() {
    println!("\n[heap]");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut counts = BTreeMap::new();
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *counts.entry(x % 10).or_insert(0u32) += 1;
    }
    let spread: Vec<u32> = counts.values().copied().collect();
    println!("  100,000 random numbers into a BTreeMap by last digit: {spread:?}");
}

fn signals() {
    println!("\n[signal]");
    let _ = signal::catch(signal::SIGUSR1, false);
    let _ = signal::raise_signal(signal::SIGUSR1);
    println!(
        "  raised SIGUSR1, handler counted {}",
        signal::caught(signal::SIGUSR1)
    );
}
