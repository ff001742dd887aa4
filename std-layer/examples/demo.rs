//! The demo as an ordinary std program: the same sections as the static
//! demo (tests/src/demo_sections.rs), through strata-std, with std's
//! startup, glibc's or musl's C library and std's allocator. The README
//! sets its size, system calls and start-up time beside the static one's.

extern crate alloc;

// The shared sections name strata_alloc (strata-std's own dependency, with
// its std features on); linking strata-std brings its std bridges.
use strata_std as _;

#[path = "../../tests/src/demo_sections.rs"]
mod sections;

fn main() {
    use std::os::unix::ffi::OsStrExt;
    // std's arguments: on musl, Strata cannot learn them before main.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let argv: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    sections::run(std::env::consts::ARCH, "a std program", &argv);
}
