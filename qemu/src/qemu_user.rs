//! Which qemu-user emulators run tier 3, and their versions.
//!
//! The first is always Debian 12's own `qemu-user-static` (QEMU 7.2),
//! which `scripts/setup` downloads and unpacks under the target directory,
//! so every machine tests against the same QEMU whatever it has installed.
//! An installed `qemu-user-static` on `PATH` (backports' 10.0, say) runs
//! the tier a second time when its version differs: programs meet old and
//! new emulators alike where they are deployed.

use crate::machine::Arch;
use crate::run::Runner;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where `scripts/setup` unpacks Debian 12's `qemu-user-static`, inside
/// the target directory.
pub const DEBIAN12_DIR: &str = "qemu/debian12/usr/bin";

/// The emulators tier 3 can use.
const EMULATED: [Arch; 3] = [Arch::Aarch64, Arch::Riscv64, Arch::Armv7];

/// One installed set of `qemu-<arch>-static` binaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QemuUser {
    /// The directory that holds them.
    pub dir: PathBuf,
    /// Their version, as `--version` prints it (`7.2.22`).
    pub version: String,
}

impl QemuUser {
    /// The set in `dir`, with the version one of its binaries reports;
    /// `None` if it holds none or none of them runs.
    pub fn probe(dir: &Path) -> Option<QemuUser> {
        EMULATED.into_iter().find_map(|arch| {
            let out = Command::new(dir.join(arch.qemu_user()))
                .arg("--version")
                .output()
                .ok()?;
            let version = parse_version(&String::from_utf8_lossy(&out.stdout))?;
            Some(QemuUser {
                dir: dir.to_path_buf(),
                version,
            })
        })
    }

    /// Runs programs for `arch` under this set's emulator.
    pub fn runner(&self, arch: Arch) -> Runner {
        // From the root: a runner may be used from another directory.
        let emulator = self.dir.join(arch.qemu_user());
        Runner::new(arch, [std::path::absolute(&emulator).unwrap_or(emulator)])
    }
}

/// `7.2.22` from `qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7...)`.
fn parse_version(text: &str) -> Option<String> {
    let mut words = text.lines().next()?.split_whitespace();
    words.find(|w| *w == "version")?;
    words.next().map(str::to_string)
}

/// Debian 12's set, unpacked under `target_dir`, or what to run to get it.
pub fn debian12(target_dir: &Path) -> Result<QemuUser, String> {
    let dir = target_dir.join(DEBIAN12_DIR);
    QemuUser::probe(&dir).ok_or_else(|| {
        format!(
            "no Debian 12 qemu-user-static in {}: run scripts/setup (it downloads and unpacks it)",
            dir.display()
        )
    })
}

/// The first set on `PATH`, found by its aarch64 emulator.
pub fn on_path() -> Option<QemuUser> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| dir.join(Arch::Aarch64.qemu_user()).is_file())
        .find_map(|dir| QemuUser::probe(&dir))
}

/// The sets tier 3 runs: Debian 12's, then `PATH`'s if its version
/// differs. An error says Debian 12's is missing (`PATH`'s, if any, is
/// still listed).
pub fn for_tiers(target_dir: &Path) -> (Vec<QemuUser>, Result<(), String>) {
    let mut sets = Vec::new();
    let debian = debian12(target_dir);
    if let Ok(set) = &debian {
        sets.push(set.clone());
    }
    if let Some(installed) = on_path()
        && sets.iter().all(|s| s.version != installed.version)
    {
        sets.push(installed);
    }
    (sets, debian.map(drop))
}

/// The set `strata-qemu run` uses: Debian 12's when present, else
/// `PATH`'s.
pub fn preferred(target_dir: &Path) -> Option<QemuUser> {
    debian12(target_dir).ok().or_else(on_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_line() {
        assert_eq!(
            parse_version(
                "qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022\n"
            )
            .as_deref(),
            Some("7.2.22")
        );
        assert_eq!(parse_version("nothing here\n"), None);
        assert_eq!(parse_version(""), None);
    }
}
