//! The std baseline: the same output line, no argument parsing.
fn main() {
    let argc = std::env::args_os().count();
    let name = String::from("app");
    println!(
        "verbose={} quiet={} number={} opt_number={:?} width={} output={:?} color={:?} defines={} dry_run={} cmd={:?} release={} jobs={} targets={}",
        argc,
        false,
        5,
        Some(argc),
        10,
        Some(name.as_str()),
        Some("auto"),
        0,
        false,
        Some("build"),
        false,
        1,
        0
    );
}
