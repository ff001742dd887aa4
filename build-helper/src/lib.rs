//! Links a Strata program as a static, libc-free executable: the one call a
//! program's `build.rs` makes, for x86_64, aarch64, riscv64 and armv7 Linux.
//!
//! Python has no counterpart: a Python program is never linked. What this
//! crate stands on is `gcc(1)`'s `-nostartfiles`, `-nostdlib` and
//! `-static`, and `ld(1)`'s options of the same names; it differs from a
//! hand-written `build.rs` in choosing the flags for the linker cargo
//! will really run (a C compiler driver or `ld`/`rust-lld` itself) and in
//! shipping `static.ld` inside the crate, so a program gets it wherever
//! strata-build comes from (a path, git, a registry).
//!
//! # What a program's crate holds
//!
//! The program's logic lives in a library target, which `cargo test` tests
//! under the std harness; the binary is a few lines that call into it and
//! is never built as a test or bench harness (`test = false`,
//! `bench = false`). `Cargo.toml`:
//!
//! ```toml
//! [package]
//! name = "wc"
//! version = "0.1.0"
//! edition = "2024"
//!
//! [[bin]]
//! name = "wc"
//! path = "src/main.rs"
//! test = false            # the unit tests are the lib's (see below)
//! bench = false           # cargo bench, cargo clippy --all-targets
//!
//! # Paths into a Strata checkout.
//! [dependencies]
//! strata-alloc = { path = "../strata/alloc-layer" }  # or strata-core, without a heap
//!
//! [build-dependencies]
//! strata-build = { path = "../strata/build-helper" }
//!
//! [profile.release]
//! opt-level = "z"
//! lto = true
//! codegen-units = 1
//! panic = "abort"
//! strip = true
//!
//! [profile.dev]
//! panic = "abort"
//! ```
//!
//! `build.rs`:
//!
//! ```no_run
//! fn main() {
//!     strata_build::link_static();
//! }
//! ```
//!
//! `src/lib.rs` (`no_std` for the program, std under `cargo test`):
//!
//! ```ignore
//! #![cfg_attr(not(test), no_std)]
//! extern crate alloc;
//!
//! pub fn run() -> i32 {
//!     strata_alloc::println!("hello from the lib");
//!     0
//! }
//!
//! #[cfg(test)]
//! mod tests {
//!     #[test]
//!     fn it_runs() {
//!         assert_eq!(super::run(), 0);
//!     }
//! }
//! ```
//!
//! `src/main.rs`:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//!
//! strata_alloc::main!(main);
//!
//! fn main() -> i32 {
//!     wc::run()
//! }
//! ```
//!
//! And, for the three cross targets, `.cargo/config.toml` beside
//! `Cargo.toml` (the host needs nothing: it links through `cc`):
//!
//! ```toml
//! [target.aarch64-unknown-linux-gnu]
//! linker = "rust-lld"
//! rustflags = ["-C", "linker-flavor=ld.lld"]
//!
//! [target.riscv64gc-unknown-linux-gnu]
//! linker = "rust-lld"
//! rustflags = ["-C", "linker-flavor=ld.lld"]
//!
//! [target.armv7-unknown-linux-gnueabihf]
//! linker = "rust-lld"
//! rustflags = ["-C", "linker-flavor=ld.lld"]
//! ```
//!
//! `examples/template` in Strata's repository is this layout as a working
//! program, built for the four targets and tested by Strata's harness. The
//! `main.rs` and `lib.rs` blocks above are not doc tests because they are
//! a `no_main` program and a crate of their own; the `build.rs` block is
//! compiled but not run, because [`link_static`] speaks to cargo and needs
//! a build script's environment.
//!
//! # Why the binary has `test = false` and `bench = false`
//!
//! Cargo hands a build script's `rustc-link-arg-bins` (and
//! `rustc-link-arg-bin=NAME`) to the binary's unit-test harness as well
//! (and to its bench harness, which `cargo bench` and
//! `cargo clippy --all-targets` build),
//! and the build script runs once for both: nothing in its environment
//! tells them apart (`PROFILE` is `debug` and `CARGO_CFG_PANIC` is
//! `unwind` for either). The std harness linked without C's startup files
//! has no `_start` and crashes at once. A binary whose tests are its
//! library's never meets those flags as a harness, and `main!` refuses to
//! compile under `cfg(test)` with a message that names this fix, so a
//! forgotten `test = false` is a clear compile error, not a crash.
//! (Rust has no stable way to pass link flags from the source, where
//! `cfg(test)` could choose them, and gives a build script no way to
//! choose the C startup files per harness.)
//! Integration tests (`tests/*.rs`) work: cargo builds the real static
//! binary for them, and they can run it through `CARGO_BIN_EXE_<name>`.

// The crate docs show a whole `build.rs`, whose `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::path::{Path, PathBuf};

/// The file that [`link_static`] hands the linker: it drops `.eh_frame`,
/// the unwind tables that a program which aborts on panic never reads.
const STATIC_LD: &str = include_str!("../static.ld");

/// The kind of program cargo links with: the C compiler driver (`cc`,
/// `gcc`, `clang`), which takes linker options behind `-Wl,`, or a linker
/// itself (`ld`, `ld.lld`, `rust-lld`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavor {
    Cc,
    Ld,
}

/// What cargo tells a build script about the link to come.
#[derive(Debug, Default)]
struct Build {
    target: String,
    host: String,
    target_os: String,
    /// `CARGO_ENCODED_RUSTFLAGS`, split.
    rustflags: Vec<String>,
    /// `RUSTC_LINKER`: the target's configured linker, if any.
    linker: Option<String>,
}

/// Links every binary of the calling package as a static, position-
/// dependent executable without libc or C's startup files, for the target
/// being built; writes `static.ld` into `OUT_DIR` and passes it on. Call
/// it from `build.rs`; the binaries must come with their own `_start`
/// (`strata_core::main!` or `strata_alloc::main!` places it).
///
/// No Python counterpart. The flags, for a C compiler driver (the host's
/// `cc`, or a cross `gcc` configured as the target's linker):
///
/// ```text
/// -nostartfiles -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,norelro
/// -Wl,-z,noseparate-code -Wl,--no-eh-frame-hdr -Wl,--script=$OUT_DIR/static.ld
/// ```
///
/// and for `ld`, `ld.lld` or `rust-lld` (`linker-flavor=ld.lld`), which
/// have no startup files or default libraries to leave out:
///
/// ```text
/// -static --no-pie --build-id=none -z norelro -z noseparate-code
/// --no-eh-frame-hdr --script=$OUT_DIR/static.ld
/// ```
///
/// Position-dependent, because nothing would apply PIE relocations before
/// `_start` runs; no build id, no RELRO padding, code and data in as few
/// pages as the linker allows and no unwind tables, because a small
/// program is the point. The flags go to binaries only
/// (`cargo::rustc-link-arg-bins`), so build scripts and the library's
/// tests keep the normal glibc link (see the crate docs for the binary's
/// own tests).
///
/// The linker is the one cargo will run: `-C linker-flavor` or
/// `-C linker` in the target's rustflags, else the target's configured
/// `linker` (`RUSTC_LINKER`), else `cc`. A cross target with none of them
/// configured cannot link through the host's `cc`; that, a target that is
/// not Linux and an unwritable `OUT_DIR` fail the build with a
/// `cargo::error` that says what to write in `.cargo/config.toml`.
/// Prints no `rerun-if-changed`: the package's own choice stays whole.
///
/// # References
/// - [`gcc(1)`, Link Options](https://gcc.gnu.org/onlinedocs/gcc/Link-Options.html)
/// - [`ld(1)`](https://man7.org/linux/man-pages/man1/ld.1.html)
/// - [cargo's build script outputs](https://doc.rust-lang.org/cargo/reference/build-scripts.html#outputs-of-the-build-script)
pub fn link_static() {
    match plan() {
        Ok(args) => {
            for arg in args {
                println!("cargo::rustc-link-arg-bins={arg}");
            }
        }
        Err(message) => println!("cargo::error=strata-build: {message}"),
    }
}

/// Reads cargo's environment, writes `static.ld`, and returns the flags.
fn plan() -> Result<Vec<String>, String> {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let out_dir = std::env::var_os("OUT_DIR")
        .ok_or("OUT_DIR is not set: call link_static() from a build script")?;
    let build = Build {
        target: var("TARGET"),
        host: var("HOST"),
        target_os: var("CARGO_CFG_TARGET_OS"),
        rustflags: split_rustflags(&var("CARGO_ENCODED_RUSTFLAGS")),
        linker: std::env::var("RUSTC_LINKER").ok().filter(|l| !l.is_empty()),
    };
    let flavor = flavor(&build)?;
    let script = PathBuf::from(out_dir).join("static.ld");
    write_if_changed(&script, STATIC_LD)
        .map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    Ok(link_args(flavor, &script))
}

/// Rewrites `path` only when its text differs, so a rerun of the build
/// script leaves the file (and what depends on its time) alone.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, text)
}

/// `CARGO_ENCODED_RUSTFLAGS` holds the flags separated by `0x1f`.
fn split_rustflags(encoded: &str) -> Vec<String> {
    if encoded.is_empty() {
        return Vec::new();
    }
    encoded.split('\x1f').map(str::to_string).collect()
}

/// The last value of codegen option `key` in `flags` (`-C key=v`,
/// `-Ckey=v`, `--codegen key=v`, `--codegen=key=v`): rustc lets the last
/// one win.
fn codegen_option<'a>(flags: &'a [String], key: &str) -> Option<&'a str> {
    let mut found = None;
    let mut flags = flags.iter();
    while let Some(flag) = flags.next() {
        let option = if flag == "-C" || flag == "--codegen" {
            flags.next().map(String::as_str)
        } else {
            flag.strip_prefix("--codegen=")
                .or_else(|| flag.strip_prefix("-C"))
        };
        if let Some(value) = option
            .and_then(|o| o.strip_prefix(key))
            .and_then(|rest| rest.strip_prefix('='))
        {
            found = Some(value);
        }
    }
    found
}

/// Which kind of linker cargo will run for `build`, as rustc decides it:
/// an explicit flavor first, then the linker's name.
fn flavor(build: &Build) -> Result<Flavor, String> {
    if build.target_os != "linux" {
        return Err(format!(
            "Strata programs run on Linux; {} is not a Linux target",
            build.target
        ));
    }
    if let Some(flavor) = codegen_option(&build.rustflags, "linker-flavor") {
        return match flavor {
            "gcc" | "gnu-cc" | "gnu-lld-cc" => Ok(Flavor::Cc),
            "ld" | "ld.lld" | "gnu" | "gnu-lld" => Ok(Flavor::Ld),
            other => Err(format!(
                "linker-flavor={other} is not an ELF linker strata-build knows (gcc, ld, ld.lld)"
            )),
        };
    }
    let linker = codegen_option(&build.rustflags, "linker").or(build.linker.as_deref());
    match linker {
        Some(linker) => Ok(flavor_of_linker(linker)),
        None if arch(&build.target) == arch(&build.host) => Ok(Flavor::Cc),
        None => Err(format!(
            "no linker is configured for {t}, and the host's cc cannot link it; \
             add to .cargo/config.toml: [target.{t}] linker = \"rust-lld\" \
             rustflags = [\"-C\", \"linker-flavor=ld.lld\"]",
            t = build.target
        )),
    }
}

/// A linker's kind from its file name, as rustc infers it: the `ld`
/// family by name, anything else (`cc`, `gcc`, `aarch64-linux-gnu-gcc`,
/// `clang`) a C compiler driver.
fn flavor_of_linker(linker: &str) -> Flavor {
    let name = Path::new(linker)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(linker);
    let name = name.strip_suffix(".exe").unwrap_or(name);
    let ld_family = matches!(
        name,
        "ld" | "ld.bfd" | "ld.gold" | "ld.lld" | "lld" | "rust-lld" | "mold" | "ld.mold"
    ) || name.ends_with("-ld")
        || name.ends_with("-ld.bfd");
    if ld_family { Flavor::Ld } else { Flavor::Cc }
}

/// `aarch64` from `aarch64-unknown-linux-gnu`.
fn arch(triple: &str) -> &str {
    triple.split('-').next().unwrap_or(triple)
}

/// The link flags for `flavor`, with `script` as the added linker script.
fn link_args(flavor: Flavor, script: &Path) -> Vec<String> {
    let script = script.display();
    let mut args: Vec<String> = match flavor {
        Flavor::Cc => [
            "-nostartfiles",
            "-nostdlib",
            "-static",
            "-no-pie",
            "-Wl,--build-id=none",
            "-Wl,-z,norelro",
            "-Wl,-z,noseparate-code",
            "-Wl,--no-eh-frame-hdr",
        ]
        .map(str::to_string)
        .to_vec(),
        Flavor::Ld => [
            "-static",
            "--no-pie",
            "--build-id=none",
            "-z",
            "norelro",
            "-z",
            "noseparate-code",
            "--no-eh-frame-hdr",
        ]
        .map(str::to_string)
        .to_vec(),
    };
    match flavor {
        // `-Wl,` splits at commas; a path that holds one goes through
        // `-Xlinker`, which passes its next argument whole.
        Flavor::Cc if script.to_string().contains(',') => {
            args.push("-Xlinker".to_string());
            args.push(format!("--script={script}"));
        }
        Flavor::Cc => args.push(format!("-Wl,--script={script}")),
        Flavor::Ld => args.push(format!("--script={script}")),
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(target: &str, flags: &[&str], linker: Option<&str>) -> Build {
        Build {
            target: target.to_string(),
            host: "x86_64-unknown-linux-gnu".to_string(),
            target_os: "linux".to_string(),
            rustflags: flags.iter().map(|f| f.to_string()).collect(),
            linker: linker.map(str::to_string),
        }
    }

    #[test]
    fn host_links_through_cc() {
        assert_eq!(
            flavor(&build("x86_64-unknown-linux-gnu", &[], None)),
            Ok(Flavor::Cc)
        );
        assert_eq!(
            flavor(&build("x86_64-unknown-linux-musl", &[], None)),
            Ok(Flavor::Cc)
        );
    }

    #[test]
    fn cross_targets_follow_the_configured_linker() {
        // The project's own .cargo/config.toml.
        let lld = build(
            "aarch64-unknown-linux-gnu",
            &["-C", "linker-flavor=ld.lld"],
            Some("rust-lld"),
        );
        assert_eq!(flavor(&lld), Ok(Flavor::Ld));
        let joined = build("riscv64gc-unknown-linux-gnu", &["-Clinker-flavor=ld"], None);
        assert_eq!(flavor(&joined), Ok(Flavor::Ld));
        let cross_gcc = build(
            "armv7-unknown-linux-gnueabihf",
            &[],
            Some("/usr/bin/arm-linux-gnueabihf-gcc"),
        );
        assert_eq!(flavor(&cross_gcc), Ok(Flavor::Cc));
        let cross_ld = build(
            "aarch64-unknown-linux-gnu",
            &[],
            Some("aarch64-linux-gnu-ld"),
        );
        assert_eq!(flavor(&cross_ld), Ok(Flavor::Ld));
        // rustflags' -C linker is passed after cargo's, so it wins.
        let overridden = build(
            "aarch64-unknown-linux-gnu",
            &["--codegen", "linker=rust-lld"],
            Some("aarch64-linux-gnu-gcc"),
        );
        assert_eq!(flavor(&overridden), Ok(Flavor::Ld));
        // The last flavor wins, as in rustc.
        let twice = build(
            "aarch64-unknown-linux-gnu",
            &["-C", "linker-flavor=gcc", "--codegen=linker-flavor=ld.lld"],
            None,
        );
        assert_eq!(flavor(&twice), Ok(Flavor::Ld));
    }

    #[test]
    fn a_cross_target_without_a_linker_says_what_to_write() {
        let err = flavor(&build("aarch64-unknown-linux-gnu", &[], None)).unwrap_err();
        assert!(
            err.contains("[target.aarch64-unknown-linux-gnu] linker = \"rust-lld\""),
            "{err}"
        );
        assert!(err.contains("linker-flavor=ld.lld"), "{err}");
    }

    #[test]
    fn other_systems_and_flavors_are_refused() {
        let mut wasm = build("wasm32-unknown-unknown", &[], None);
        wasm.target_os = "unknown".to_string();
        assert!(flavor(&wasm).unwrap_err().contains("not a Linux target"));
        let msvc = build(
            "x86_64-unknown-linux-gnu",
            &["-C", "linker-flavor=msvc"],
            None,
        );
        assert!(flavor(&msvc).unwrap_err().contains("linker-flavor=msvc"));
    }

    #[test]
    fn an_unrelated_codegen_option_is_not_the_linker() {
        // `linker-plugin-lto` starts with `linker` but is another option.
        let flags = ["-C", "linker-plugin-lto=yes", "-Copt-level=3"].map(str::to_string);
        assert_eq!(codegen_option(&flags, "linker"), None);
        assert_eq!(codegen_option(&flags, "opt-level"), Some("3"));
    }

    #[test]
    fn rustflags_are_split_at_unit_separators() {
        assert_eq!(split_rustflags(""), Vec::<String>::new());
        assert_eq!(
            split_rustflags("-C\x1flinker-flavor=ld.lld"),
            ["-C", "linker-flavor=ld.lld"]
        );
    }

    #[test]
    fn flags_for_cc_and_for_ld() {
        let script = Path::new("/out/static.ld");
        assert_eq!(
            link_args(Flavor::Cc, script),
            [
                "-nostartfiles",
                "-nostdlib",
                "-static",
                "-no-pie",
                "-Wl,--build-id=none",
                "-Wl,-z,norelro",
                "-Wl,-z,noseparate-code",
                "-Wl,--no-eh-frame-hdr",
                "-Wl,--script=/out/static.ld",
            ]
        );
        assert_eq!(
            link_args(Flavor::Ld, script),
            [
                "-static",
                "--no-pie",
                "--build-id=none",
                "-z",
                "norelro",
                "-z",
                "noseparate-code",
                "--no-eh-frame-hdr",
                "--script=/out/static.ld",
            ]
        );
    }

    #[test]
    fn a_script_path_with_a_comma_passes_whole() {
        let args = link_args(Flavor::Cc, Path::new("/a,b/static.ld"));
        assert_eq!(
            args[args.len() - 2..],
            ["-Xlinker", "--script=/a,b/static.ld"]
        );
    }

    #[test]
    fn the_script_is_written_once() {
        let dir = std::env::temp_dir().join(format!("strata-build-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("static.ld");
        write_if_changed(&path, STATIC_LD).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), STATIC_LD);
        let first = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_if_changed(&path, STATIC_LD).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), first);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(STATIC_LD.contains("/DISCARD/ : { *(.eh_frame) }"));
    }
}
