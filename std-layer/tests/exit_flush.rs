//! What Strata's stdout holds when a std program ends reaches the file,
//! and Strata's atexit handlers run: the C library's exit runs them.

use std::process::Command;

#[test]
fn strata_stdout_is_flushed_when_a_std_program_exits() {
    if std::env::var_os("STRATA_EXIT_FLUSH_CHILD").is_some() {
        // Into Strata's buffer (stdout is a pipe here, so block-buffered).
        strata_std::println!("written through Strata, never flushed by hand");
        strata_std::rt::atexit(|| strata_std::println!("and an atexit handler ran")).unwrap();
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args([
            "--exact",
            "strata_stdout_is_flushed_when_a_std_program_exits",
            "--nocapture",
        ])
        .env("STRATA_EXIT_FLUSH_CHILD", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("written through Strata, never flushed by hand\n"),
        "{text}"
    );
    assert!(text.contains("and an atexit handler ran\n"), "{text}");
}
