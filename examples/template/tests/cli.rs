//! Runs the real program, the static binary cargo built for these tests,
//! as a user would: files, stdin, a missing file, a bad option.
use std::io::Write;
use std::process::{Command, Stdio};

fn wc(args: &[&str], stdin: &[u8]) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wc binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().expect("wc exits, not killed"),
    )
}

#[test]
fn counts_stdin() {
    assert_eq!(
        wc(&[], b"one two\nthree\n"),
        (" 2  3 14\n".into(), String::new(), 0)
    );
    assert_eq!(wc(&["-w"], b"a b c"), ("3\n".into(), String::new(), 0));
}

#[test]
fn counts_files_with_a_total_and_names_a_missing_one() {
    let dir = std::env::temp_dir().join(format!("wc-template-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a");
    std::fs::write(&a, "one two\nthree\n").unwrap();
    let a = a.to_str().unwrap();
    let missing = dir.join("missing");
    let missing = missing.to_str().unwrap();
    let (out, err, status) = wc(&["-lc", a, missing, a], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out, format!(" 2 14 {a}\n 2 14 {a}\n 4 28 total\n"));
    assert_eq!(err, format!("wc: {missing}: No such file or directory\n"));
    assert_eq!(status, 1);
}

#[test]
fn a_bad_option_is_status_2_with_usage() {
    let (out, err, status) = wc(&["--nope"], b"");
    assert_eq!(out, "");
    assert!(
        err.starts_with("usage: wc [-h] [-l] [-w] [-c] [file ...]\n"),
        "{err}"
    );
    assert_eq!(status, 2);
}
