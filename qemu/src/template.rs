//! The template crate (`examples/template`, a `wc`) as a user gets it:
//! copied out of the workspace, its path dependencies pointed at this
//! checkout, built with cargo for each architecture under test, run
//! natively and under each qemu-user, and `cargo test`ed.
//!
//! The copy lives in one folder per checkout under the system's temporary
//! directory and is rewritten only where it differs, and its builds go to
//! `target/template`, so a run after the first rebuilds only what changed.
//! The workspace's `Cargo.lock` pins the versions and cargo runs
//! `--offline`: the workspace's own builds have fetched every crate.

use crate::machine::Arch;
use crate::qemu_user::QemuUser;
use crate::run::{Runner, capture};
use crate::tiers::Report;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A cold build of one target takes about 40 s here; a loaded machine
/// may take several times that.
const BUILD_LIMIT: Duration = Duration::from_secs(900);
const RUN_LIMIT: Duration = Duration::from_secs(60);
/// What the template's Cargo.toml says to reach the checkout's crates.
const CHECKOUT_PREFIX: &str = "path = \"../../";
const INPUT: &str = "one two\nthree\n";

/// Copies, builds, runs and tests the template for `arches`; the qemu-user
/// sets in `qemus` run the non-host builds.
pub fn run(report: &mut Report, target_dir: &Path, arches: &[Arch], qemus: &[QemuUser]) {
    let started = Instant::now();
    let target_dir = std::path::absolute(target_dir).unwrap_or_else(|_| target_dir.to_path_buf());
    // The checkout this harness was built from, wherever its target
    // directory is.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("/"))
        .to_path_buf();
    let copy = copy_dir(&repo);
    let crate_dir = copy.join("wc");
    let copied = copy_out(&repo, &crate_dir);
    let ok = copied.is_ok();
    report.check(
        &format!(
            "template: copied out of the workspace to {}, depending on this checkout",
            crate_dir.display()
        ),
        copied,
    );
    if !ok {
        return;
    }
    let build_dir = target_dir.join("template");
    // One cargo for every target: with one codegen unit a crate compiles
    // on one core, so targets built side by side use both.
    let mut args = vec!["build", "--release"];
    for arch in arches {
        args.extend(["--target", arch.target()]);
    }
    let names: Vec<&str> = arches.iter().map(|a| a.name()).collect();
    let built = cargo(&crate_dir, &build_dir, &args);
    let ok = built.is_ok();
    report.check(
        &format!(
            "template: wc builds for {} (cargo build --release)",
            names.join(", ")
        ),
        built,
    );
    if !ok {
        return;
    }
    for &arch in arches {
        let program = build_dir.join(arch.target()).join("release/wc");
        report.check(
            &format!(
                "template: wc for {} is static, no interpreter, no DT_NEEDED",
                arch.name()
            ),
            crate::tiers::linkage(arch, &program),
        );
        let runners: Vec<(String, Runner)> = if arch.is_host() {
            vec![(format!("tier 2 {}", arch.name()), Runner::native(arch))]
        } else {
            qemus
                .iter()
                .map(|q| {
                    let tier = format!("tier 3 {} (qemu {})", arch.name(), q.version);
                    (tier, q.runner(arch))
                })
                .collect()
        };
        for (tier, runner) in runners {
            report.check(
                &format!("{tier}: template wc counts stdin and files, names a missing one"),
                wc_runs(&runner, &program, &copy),
            );
        }
    }
    report.check(
        "template: cargo test passes (the lib's unit tests, the binary's integration tests)",
        cargo(&crate_dir, &build_dir, &["test"]),
    );
    println!(
        "# template: copied, built for {} target(s), run and tested in {:.1} s",
        arches.len(),
        started.elapsed().as_secs_f64()
    );
}

/// One folder per checkout, so that two checkouts on one machine never
/// share a copy and each keeps its own up to date: the crate in `wc/`,
/// the files the runs read beside it (a file in the crate would make
/// cargo rerun its build script).
fn copy_dir(repo: &Path) -> PathBuf {
    let name: String = repo
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::env::temp_dir().join(format!("strata-template{name}"))
}

/// Mirrors `examples/template` into `dest` (leaving its build output
/// behind), points its path dependencies at `repo` and gives it the
/// workspace's `Cargo.lock`.
fn copy_out(repo: &Path, dest: &Path) -> Result<(), String> {
    let src = repo.join("examples/template");
    let mut files = Vec::new();
    list_files(&src, Path::new(""), &mut files).map_err(|e| format!("{}: {e}", src.display()))?;
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    for rel in &files {
        let from = src.join(rel);
        let mut bytes = std::fs::read(&from).map_err(|e| io(&from, e))?;
        if rel == Path::new("Cargo.toml") {
            bytes = point_at_checkout(&String::from_utf8_lossy(&bytes), repo)?.into_bytes();
        }
        write_if_changed(&dest.join(rel), &bytes).map_err(|e| io(&dest.join(rel), e))?;
    }
    // A file taken out of the template must leave the copy too.
    let mut copied = Vec::new();
    list_files(dest, Path::new(""), &mut copied).map_err(|e| io(dest, e))?;
    for rel in copied {
        if !files.contains(&rel) && rel != Path::new("Cargo.lock") {
            std::fs::remove_file(dest.join(&rel)).map_err(|e| io(&dest.join(&rel), e))?;
        }
    }
    // Cargo trims the copied lock to the template's packages, so the copy
    // never equals the workspace's: it is replaced only when the
    // workspace's changes (a rewrite would rerun the build script, which
    // relinks). The last lock copied is kept beside the crate.
    let lock = repo.join("Cargo.lock");
    let bytes = std::fs::read(&lock).map_err(|e| io(&lock, e))?;
    let last = dest.with_extension("lock");
    if std::fs::read(&last).ok().as_deref() != Some(bytes.as_slice())
        || !dest.join("Cargo.lock").exists()
    {
        std::fs::write(dest.join("Cargo.lock"), &bytes)
            .map_err(|e| io(&dest.join("Cargo.lock"), e))?;
        std::fs::write(&last, &bytes).map_err(|e| io(&last, e))?;
    }
    Ok(())
}

/// The files under `dir/rel`, relative to `dir`; a user's build output
/// (`target`) and lock file are not the template's.
fn list_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        let rel = rel.join(entry.file_name());
        if rel == Path::new("target") || rel == Path::new("Cargo.lock") {
            continue;
        }
        if entry.file_type()?.is_dir() {
            list_files(dir, &rel, out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// Rewrites the template's `path = "../../..."` dependencies to `repo`.
fn point_at_checkout(manifest: &str, repo: &Path) -> Result<String, String> {
    if !manifest.contains(CHECKOUT_PREFIX) {
        return Err(format!(
            "examples/template/Cargo.toml has no {CHECKOUT_PREFIX}...\" dependency to point at the checkout"
        ));
    }
    let repo = repo
        .to_string_lossy()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    Ok(manifest.replace(CHECKOUT_PREFIX, &format!("path = \"{repo}/")))
}

/// Writes only when the bytes differ: cargo sees an unchanged file as
/// unchanged and rebuilds nothing.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

/// `cargo ARGS --offline` in the copy, building into `build_dir`; prints
/// how long it took (the test command's time budget is tight).
fn cargo(crate_dir: &Path, build_dir: &Path, args: &[&str]) -> Result<(), String> {
    let started = Instant::now();
    let result = cargo_run(crate_dir, build_dir, args);
    println!(
        "# template: cargo {}: {:.1} s",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
    result
}

fn cargo_run(crate_dir: &Path, build_dir: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(args)
        .args(["--offline", "--quiet"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", build_dir);
    let run = capture(&mut cmd, BUILD_LIMIT)?;
    if run.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {} --offline: {}\n{}{}",
            args.join(" "),
            run.status,
            tail(&run.stdout),
            tail(&run.stderr)
        ))
    }
}

/// The last lines of a long output: where cargo says what failed.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(40);
    lines[start..].iter().map(|l| format!("{l}\n")).collect()
}

/// The program as a user runs it: counts from stdin, files with a total,
/// a missing file named on stderr with status 1.
fn wc_runs(runner: &Runner, program: &Path, dir: &Path) -> Result<(), String> {
    let input = dir.join("input.txt");
    std::fs::write(&input, INPUT).map_err(|e| format!("{}: {e}", input.display()))?;
    let quoted = crate::run::shell_quote(input.as_os_str());
    let stdin = capture(
        Command::new("sh")
            .arg("-c")
            .arg(format!("{} < {quoted}", runner.shell_line(program))),
        RUN_LIMIT,
    )?;
    expect(&stdin, 0, " 2  3 14\n", "")?;
    let missing = dir.join("missing.txt");
    let files = capture(
        runner
            .command(program)
            .arg("-lc")
            .arg(&input)
            .arg(&missing)
            .arg(&input),
        RUN_LIMIT,
    )?;
    let i = input.display();
    expect(
        &files,
        1,
        &format!(" 2 14 {i}\n 2 14 {i}\n 4 28 total\n"),
        &format!("wc: {}: No such file or directory\n", missing.display()),
    )
}

fn expect(run: &crate::run::Captured, code: i32, stdout: &str, stderr: &str) -> Result<(), String> {
    if run.status.code() == Some(code) && run.stdout == stdout && run.stderr == stderr {
        Ok(())
    } else {
        Err(format!(
            "status {}, stdout {:?}, stderr {:?}; want status {code}, stdout {stdout:?}, stderr {stderr:?}",
            run.status, run.stdout, run.stderr
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_dependencies_point_at_the_checkout() {
        let manifest = "[dependencies]\nstrata-alloc = { path = \"../../alloc-layer\" }\n\
                        [build-dependencies]\nstrata-build = { path = \"../../build-helper\" }\n";
        let rewritten = point_at_checkout(manifest, Path::new("/work/a \"b\"")).unwrap();
        assert_eq!(
            rewritten,
            "[dependencies]\nstrata-alloc = { path = \"/work/a \\\"b\\\"/alloc-layer\" }\n\
             [build-dependencies]\nstrata-build = { path = \"/work/a \\\"b\\\"/build-helper\" }\n"
        );
        assert!(point_at_checkout("[dependencies]\n", Path::new("/w")).is_err());
    }

    #[test]
    fn one_copy_per_checkout() {
        let a = copy_dir(Path::new("/work/wt-a"));
        let b = copy_dir(Path::new("/work/wt-b"));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(std::env::temp_dir().as_path()));
        assert!(a.ends_with("strata-template_work_wt_a"));
    }
}
