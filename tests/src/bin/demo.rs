//! The demo: what the runtime knows about the process, with no libc.
//! The README's first command runs it natively and then as PID 1 under
//! QEMU.
#![no_std]
#![no_main]

use strata_core::{os, println};

strata_core::main!(main);

fn main() {
    println!(
        "Strata demo ({}), a static program with no libc",
        strata_core::__private::strata_arch::NAME
    );
    for (i, arg) in os::argv().enumerate() {
        println!("  argv[{i}]      {}", arg.to_str().unwrap_or("<not UTF-8>"));
    }
    let (count, bytes) =
        os::environ().fold((0, 0), |(n, b), (k, v)| (n + 1, b + k.len() + v.len() + 2));
    println!("  environment  {count} variables, {bytes} bytes");
    println!(
        "  page size    {} bytes",
        os::getauxval(os::AT_PAGESZ).unwrap_or(0)
    );
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
    strata_tests::power_off_if_init(0);
}
