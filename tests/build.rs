//! Links the test programs as static, libc-free executables with
//! strata-build, as a user's program is linked, and compiles the C sides
//! of the `c_malloc` and `threads` programs.

fn main() {
    strata_build::link_static();
    c_tests();
    println!("cargo:rerun-if-changed=build.rs");
}

/// Compiles the C sides with gcc for the target being built (Debian's cross
/// compilers for aarch64, riscv64 and armv7, which `scripts/setup`
/// installs for the tests) and links each into its program:
/// `c/malloc_test.c` into `c_malloc`, `c/runtime_test.c` (built with
/// `-fstack-protector-all`) into `threads`.
fn c_tests() {
    println!("cargo::rustc-check-cfg=cfg(strata_c_tests)");
    for file in ["c/malloc_test.c", "c/runtime_test.c"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let arch = target.split('-').next().unwrap_or("");
    let (gcc, package) = match arch {
        "x86_64" => ("gcc", "gcc"),
        "aarch64" => ("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"),
        "riscv64gc" => ("riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu"),
        "armv7" => ("arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf"),
        _ => return,
    };
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (source, program, protector) in [
        ("c/malloc_test.c", "c_malloc", "-fno-stack-protector"),
        ("c/runtime_test.c", "threads", "-fstack-protector-all"),
    ] {
        let object = out.join(format!("{program}.o"));
        let status = std::process::Command::new(gcc)
            .args(["-O2", "-ffreestanding", "-fno-builtin", "-fno-pic", protector, "-c"])
            .arg(source)
            .arg("-o")
            .arg(&object)
            .status()
            .unwrap_or_else(|e| {
                panic!("{gcc} is needed to build the C tests: {e} (apt-get install {package}, or run scripts/setup)")
            });
        assert!(status.success(), "{gcc} failed on {source}");
        println!("cargo:rustc-link-arg-bin={program}={}", object.display());
    }
    println!("cargo:rustc-cfg=strata_c_tests");
}
