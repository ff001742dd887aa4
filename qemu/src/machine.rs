//! The four architectures, as QEMU and the toolchain name them.

use std::path::{Path, PathBuf};

/// An architecture Strata supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    /// x86_64, the host here.
    X86_64,
    /// aarch64 (arm64).
    Aarch64,
    /// riscv64gc.
    Riscv64,
    /// armv7, hard float.
    Armv7,
}

impl Arch {
    /// All four, host first.
    pub const ALL: [Arch; 4] = [Arch::X86_64, Arch::Aarch64, Arch::Riscv64, Arch::Armv7];

    /// The short name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
            Arch::Riscv64 => "riscv64",
            Arch::Armv7 => "armv7",
        }
    }

    /// Parses [`Arch::name`].
    pub fn from_name(name: &str) -> Option<Arch> {
        Arch::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The Rust target the programs are built for.
    pub fn target(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64-unknown-linux-gnu",
            Arch::Aarch64 => "aarch64-unknown-linux-gnu",
            Arch::Riscv64 => "riscv64gc-unknown-linux-gnu",
            Arch::Armv7 => "armv7-unknown-linux-gnueabihf",
        }
    }

    /// The ELF `e_machine` of its programs.
    pub fn elf_machine(self) -> u16 {
        match self {
            Arch::X86_64 => 62,
            Arch::Aarch64 => 183,
            Arch::Riscv64 => 243,
            Arch::Armv7 => 40,
        }
    }

    /// Whether programs for it run directly on this machine.
    pub fn is_host(self) -> bool {
        cfg!(target_arch = "x86_64") && self == Arch::X86_64
    }

    /// The file name of its qemu-user emulator (from Debian's
    /// `qemu-user-static`); [`crate::qemu_user`] finds the directories.
    pub fn qemu_user(self) -> &'static str {
        match self {
            Arch::X86_64 => "qemu-x86_64-static",
            Arch::Aarch64 => "qemu-aarch64-static",
            Arch::Riscv64 => "qemu-riscv64-static",
            Arch::Armv7 => "qemu-arm-static",
        }
    }

    /// The full-system emulator and the arguments that pick its machine
    /// and serial console, for the architectures Strata boots.
    pub fn qemu_system(self) -> Option<(&'static str, &'static [&'static str], &'static str)> {
        match self {
            Arch::X86_64 => Some(("qemu-system-x86_64", &["-machine", "q35"], "ttyS0")),
            Arch::Aarch64 => Some((
                "qemu-system-aarch64",
                &["-machine", "virt", "-cpu", "cortex-a57"],
                "ttyAMA0",
            )),
            // `-M virt`'s generated device tree gives the armmp kernel its
            // PL011 console and PSCI power-off.
            Arch::Armv7 => Some((
                "qemu-system-arm",
                &["-machine", "virt", "-cpu", "cortex-a15"],
                "ttyAMA0",
            )),
            Arch::Riscv64 => None,
        }
    }

    /// Why tier 4 cannot boot it, where it cannot.
    pub fn no_boot_reason(self) -> Option<&'static str> {
        match self {
            Arch::Riscv64 => Some("Debian 12 has no riscv64 kernel package"),
            _ => None,
        }
    }

    /// The Linux kernel to boot, and what to run when there is none.
    ///
    /// x86_64: Debian's `linux-image-cloud-amd64` in `/boot`. aarch64:
    /// Debian's `linux-image-*-cloud-arm64`, unpacked under
    /// `kernel_dir/arm64` by `scripts/setup`; armv7: Debian's
    /// `linux-image-*-armmp` (armhf), under `kernel_dir/armhf`.
    pub fn kernel(self, kernel_dir: &Path) -> Result<PathBuf, String> {
        let (dir, hint) = match self {
            Arch::X86_64 => (
                PathBuf::from("/boot"),
                "apt-get install linux-image-cloud-amd64",
            ),
            Arch::Aarch64 => (
                kernel_dir.join("arm64/boot"),
                "scripts/setup (downloads and unpacks Debian's cloud-arm64 kernel)",
            ),
            Arch::Armv7 => (
                kernel_dir.join("armhf/boot"),
                "scripts/setup (downloads and unpacks Debian's armmp kernel)",
            ),
            Arch::Riscv64 => {
                return Err(format!(
                    "Strata does not boot {} under qemu-system: {}",
                    self.name(),
                    self.no_boot_reason().unwrap_or("no kernel")
                ));
            }
        };
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        found.retain(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("vmlinuz-"))
        });
        found.sort();
        found.pop().ok_or_else(|| {
            format!(
                "no {} kernel in {}: run `{hint}`",
                self.name(),
                dir.display()
            )
        })
    }
}
