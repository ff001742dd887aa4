//! A std program that links strata-std keeps std's world: glibc's malloc
//! and mem functions, glibc's startup, std's allocator. Strata's `_start`,
//! C symbols and global allocator come only from `main!`, which a std
//! program does not use. Checked on this test's own executable with `nm`.

#[test]
fn std_program_keeps_glibc_and_std_startup() {
    // Use Strata in earnest, so its code is linked in.
    let mut parser = strata_std::argparse::ArgumentParser::new().prog("t");
    parser
        .add_argument(strata_std::argparse::Arg::new(&["--n"]))
        .unwrap();
    assert!(parser.parse_args(&["--n", "1"]).is_ok());
    strata_std::logging::get_logger("std_runtime").info("x", ());

    let exe = std::env::current_exe().unwrap();
    let nm = |args: &[&str]| {
        let out = std::process::Command::new("nm")
            .args(args)
            .arg(&exe)
            .output()
            .expect("nm runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // What the executable imports (kept when it is stripped): glibc's.
    let imports: Vec<String> = nm(&["-D", "--undefined-only"])
        .lines()
        .filter_map(|line| {
            line.split_whitespace()
                .last()?
                .split('@')
                .next()
                .map(String::from)
        })
        .collect();
    for name in [
        "malloc",
        "free",
        "memcpy",
        "memset",
        "__libc_start_main",
        "__errno_location",
    ] {
        assert!(imports.iter().any(|i| i == name), "{name} comes from glibc");
    }
    // What it defines, where the symbol table is kept (not in a stripped
    // release build).
    let defined = nm(&["--defined-only"]);
    if !defined.is_empty() {
        for line in defined.lines() {
            let symbol = line.split_whitespace().last().unwrap_or("");
            assert!(
                ![
                    "malloc",
                    "memcpy",
                    "memset",
                    "__errno_location",
                    "__strata_entry"
                ]
                .contains(&symbol),
                "{symbol} is defined here"
            );
        }
        // std's startup runs main, and std's default allocator serves it:
        // no `#[global_allocator]` (its shims are `__rg_*`) was linked in.
        assert!(defined.contains("lang_start_internal"));
        assert!(defined.contains("___rdl_alloc"));
        assert!(!defined.contains("__rg_alloc"));
        // Nor Strata's signal-return trampoline (this program installs no
        // handler through Strata).
        assert!(!defined.contains("return_from_signal"));
    }
}

/// Strata leaves glibc's thread pointer alone in a std program: logging
/// (thread names and ids, its locks) and Strata's thread-local values run
/// on glibc's block, so std's thread-locals stay where they were.
#[test]
fn strata_keeps_out_of_the_thread_pointer() {
    std::thread_local!(static MARK: u8 = const { 7 });
    let before = MARK.with(|m| m as *const u8 as usize);
    let log = strata_std::logging::get_logger("std_runtime.tp");
    log.set_level(strata_std::logging::INFO);
    log.info("%s on %s", ("record", "glibc's block"));
    let lock = strata_std::thread::sync::Mutex::new(1);
    *lock.lock() += 1;
    let after = MARK.with(|m| m as *const u8 as usize);
    assert_eq!(before, after);
    assert_eq!(MARK.with(|m| *m), 7);
}
