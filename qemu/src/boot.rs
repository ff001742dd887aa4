//! Booting a static program as PID 1 of a Linux kernel under qemu-system.

use crate::machine::Arch;
use crate::run::capture;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Boots `program` as `/init` of `kernel` and returns the serial console's
/// output once the guest powers off (or the kernel panics, which QEMU turns
/// into an exit thanks to `panic=-1 -no-reboot`).
///
/// `init_args` reach the program as `argv[1..]` (the kernel passes what
/// follows `--` on its command line to init; no quoting, so no spaces).
///
/// Software emulation (`-accel tcg`): KVM hangs on the machines this was
/// built on. The initramfs is written by [`crate::cpio`], no external tool.
pub fn boot(
    arch: Arch,
    program: &[u8],
    init_args: &[&str],
    kernel: &Path,
    limit: Duration,
) -> Result<String, String> {
    if init_args
        .iter()
        .any(|a| a.is_empty() || a.contains(char::is_whitespace))
    {
        return Err("init arguments must be non-empty words without spaces".into());
    }
    let (qemu, machine, console) = arch
        .qemu_system()
        .ok_or_else(|| format!("no qemu-system setup for {}", arch.name()))?;
    let initrd = std::env::temp_dir().join(format!(
        "strata-initrd-{}-{}.cpio",
        arch.name(),
        std::process::id()
    ));
    std::fs::write(&initrd, crate::cpio::initramfs(program))
        .map_err(|e| format!("cannot write {}: {e}", initrd.display()))?;
    let mut cmd = Command::new(qemu);
    cmd.args(machine)
        .args(["-accel", "tcg", "-m", "256", "-smp", "1", "-no-reboot"])
        .args(["-display", "none", "-monitor", "none", "-serial", "stdio"])
        .arg("-kernel")
        .arg(kernel)
        .arg("-initrd")
        .arg(&initrd)
        .arg("-append")
        .arg(format!(
            "console={console} panic=-1 quiet -- {}",
            init_args.join(" ")
        ));
    let result = capture(&mut cmd, limit);
    let _ = std::fs::remove_file(&initrd);
    let run = result.map_err(|e| {
        if e.contains("cannot start") {
            format!("{e}: install it with `apt-get install qemu-system-x86 qemu-system-arm`")
        } else {
            format!("{e}: the guest never powered off")
        }
    })?;
    if !run.status.success() {
        return Err(format!(
            "{qemu} failed ({}): {}",
            run.status,
            run.stderr.trim()
        ));
    }
    Ok(run.stdout)
}
