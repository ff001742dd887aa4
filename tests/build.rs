//! Links the test programs as static, libc-free executables with
//! strata-build, as a user's program is linked, and compiles the C side of
//! the `c_malloc` program.

fn main() {
    strata_build::link_static();
    c_malloc_tests();
    println!("cargo:rerun-if-changed=build.rs");
}

/// Compiles the C side of the `c_malloc` program with gcc, for the host
/// only (there is no cross C compiler here), and links it into that program.
fn c_malloc_tests() {
    println!("cargo::rustc-check-cfg=cfg(strata_c_tests)");
    println!("cargo:rerun-if-changed=c/malloc_test.c");
    if std::env::var("TARGET").ok() != std::env::var("HOST").ok() {
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
