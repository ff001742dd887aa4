//! Links the test programs as static, libc-free executables.
//!
//! Flags go to binaries only (`rustc-link-arg-bins`), so build scripts and
//! host tests keep the normal glibc link.

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let script = format!("{dir}/static.ld");
    let host = std::env::var("HOST").unwrap_or_default();
    // Position-dependent: nothing would apply PIE relocations before our
    // `_start` runs. Small: no build id, no RELRO padding, code and data in
    // as few pages as the linker allows. No unwind tables (static.ld): they
    // only serve unwinding, and these programs abort on panic.
    let common = [
        "-static",
        "-no-pie",
        "-Wl,--build-id=none",
        "-Wl,-z,norelro",
        "-Wl,-z,noseparate-code",
        "-Wl,--no-eh-frame-hdr",
    ];
    if target == host {
        // The host links through gcc (cc): drop its startup files and libs.
        for arg in ["-nostartfiles", "-nostdlib"].iter().chain(common.iter()) {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
        println!("cargo:rustc-link-arg-bins=-Wl,--script={script}");
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
            "--no-eh-frame-hdr",
        ] {
            println!("cargo:rustc-link-arg-bins={arg}");
        }
        println!("cargo:rustc-link-arg-bins=--script={script}");
    }
    c_malloc_tests(&target, &host);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=static.ld");
}

/// Compiles the C side of the `c_malloc` program with gcc, for the host
/// only (there is no cross C compiler here), and links it into that program.
fn c_malloc_tests(target: &str, host: &str) {
    println!("cargo::rustc-check-cfg=cfg(strata_c_tests)");
    println!("cargo:rerun-if-changed=c/malloc_test.c");
    if target != host {
        return;
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let object = out.join("malloc_test.o");
    let status = std::process::Command::new("gcc")
        .args([
            "-O2",
            "-ffreestanding",
            "-fno-builtin",
            "-fno-stack-protector",
            "-fno-pic",
            "-c",
        ])
        .arg("c/malloc_test.c")
        .arg("-o")
        .arg(&object)
        .status()
        .expect("gcc is needed to build the C malloc tests (apt-get install gcc)");
    assert!(status.success(), "gcc failed on c/malloc_test.c");
    println!("cargo:rustc-link-arg-bin=c_malloc={}", object.display());
    println!("cargo:rustc-cfg=strata_c_tests");
}
