//! A std program's command line and environment, as Strata sees them: the
//! same as std's (glibc hands them to Strata before `main`).

#[test]
fn argv_and_environ_are_the_programs() {
    let ours: Vec<Vec<u8>> = strata_std::os::argv()
        .map(|a| a.to_bytes().to_vec())
        .collect();
    let std_args: Vec<Vec<u8>> = std::env::args_os()
        .map(std::os::unix::ffi::OsStringExt::into_vec)
        .collect();
    assert_eq!(ours, std_args);
    assert!(!ours.is_empty());
    // The environment the process started with (std's startup has not
    // changed it yet).
    let path = strata_std::os::getenv("PATH").map(|p| p.to_vec());
    let std_path = std::env::var_os("PATH").map(std::os::unix::ffi::OsStringExt::into_vec);
    assert_eq!(path, std_path);
    assert!(strata_std::os::program_name().starts_with(b"args"));
}
