//! `strata-qemu`: run Strata's static programs natively, under qemu-user,
//! or as PID 1 under qemu-system, and run test tiers 2-4.
//!
//! ```text
//! strata-qemu tiers [--target-dir DIR] [--kernel-dir DIR] [--arch A]... [--no-boot] [--no-template]
//! strata-qemu run ARCH PROGRAM [ARG]...     (qemu-user: Debian 12's, else PATH's)
//! strata-qemu boot ARCH PROGRAM [--kernel-dir DIR] [-- INIT-ARG...]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use strata_qemu::machine::Arch;
use strata_qemu::{boot, qemu_user, run, tiers};

const USAGE: &str =
    "usage: strata-qemu tiers [--target-dir DIR] [--kernel-dir DIR] [--arch A]... [--no-boot] [--no-template]
       strata-qemu run ARCH PROGRAM [ARG]...
       strata-qemu boot ARCH PROGRAM [--kernel-dir DIR] [-- INIT-ARG...]
ARCH: x86_64, aarch64, riscv64, armv7";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("strata-qemu: {message}");
            ExitCode::from(2)
        }
    }
}

fn arch(name: Option<&String>) -> Result<Arch, String> {
    let name = name.ok_or(USAGE)?;
    Arch::from_name(name).ok_or_else(|| format!("unknown architecture {name:?}\n{USAGE}"))
}

fn dispatch(args: &[String]) -> Result<ExitCode, String> {
    let target_dir = PathBuf::from("target");
    let mut kernel_dir = PathBuf::from("target/kernels");
    match args.first().map(String::as_str) {
        Some("tiers") => {
            let mut config = tiers::Config {
                target_dir,
                kernel_dir,
                arches: Vec::new(),
                boot: true,
                template: true,
            };
            let mut rest = args[1..].iter();
            while let Some(flag) = rest.next() {
                let mut value = || rest.next().cloned().ok_or(format!("{flag} needs a value"));
                match flag.as_str() {
                    "--target-dir" => config.target_dir = value()?.into(),
                    "--kernel-dir" => config.kernel_dir = value()?.into(),
                    "--arch" => config.arches.push(arch(Some(&value()?))?),
                    "--no-boot" => config.boot = false,
                    "--no-template" => config.template = false,
                    _ => return Err(format!("unknown option {flag:?}\n{USAGE}")),
                }
            }
            if config.arches.is_empty() {
                config.arches = Arch::ALL.to_vec();
            }
            let report = tiers::run(&config);
            println!("# {} passed, {} failed", report.passed, report.failed.len());
            for name in &report.failed {
                println!("# FAILED: {name}");
            }
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some("run") => {
            let arch = arch(args.get(1))?;
            let program = args.get(2).ok_or(USAGE)?;
            let runner = if arch.is_host() {
                run::Runner::native(arch)
            } else {
                qemu_user::preferred(&target_dir)
                    .ok_or("no qemu-user: run scripts/setup")?
                    .runner(arch)
            };
            let status = runner
                .command(program.as_ref())
                .args(&args[3..])
                .status()
                .map_err(|e| format!("cannot run {program}: {e}"))?;
            Ok(ExitCode::from(status.code().unwrap_or(1) as u8))
        }
        Some("boot") => {
            let arch = arch(args.get(1))?;
            let program = args.get(2).ok_or(USAGE)?;
            let mut rest = args[3..].iter();
            let mut init_args = Vec::new();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--kernel-dir" => {
                        kernel_dir = rest.next().ok_or("--kernel-dir needs a value")?.into()
                    }
                    "--" => init_args.extend(rest.by_ref().map(String::as_str)),
                    other => return Err(format!("unknown option {other:?}\n{USAGE}")),
                }
            }
            let kernel = arch.kernel(&kernel_dir)?;
            let bytes = std::fs::read(program).map_err(|e| format!("{program}: {e}"))?;
            let console = boot::boot(arch, &bytes, &init_args, &kernel, Duration::from_secs(180))?;
            print!("{}", console.replace('\r', ""));
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    }
}
