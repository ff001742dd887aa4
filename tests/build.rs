//! Links the test programs as static, libc-free executables.
//!
//! Flags go to binaries only (`rustc-link-arg-bins`), so build scripts and
//! host tests keep the normal glibc link.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    // Position-dependent: nothing would apply PIE relocations before our
    // `_start` runs. Small: no build id, no RELRO padding, code and data in
    // as few pages as the linker allows.
    let common = [
        "-static",
        "-no-pie",
        "-Wl,--build-id=none",
        "-Wl,-z,norelro",
        "-Wl,-z,noseparate-code",
    ];
    if target == host {
        // The host links through gcc (cc): drop its startup files and libs.
        for arg in ["-nostartfiles", "-nostdlib"].iter().chain(common.iter()) {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
    } else {
        // Cross targets link with rust-lld directly (see .cargo/config.toml).
        for arg in [
            "-static",
            "--no-pie",
            "--build-id=none",
            "-z",
            "norelro",
            "-z",
            "noseparate-code",
        ] {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
