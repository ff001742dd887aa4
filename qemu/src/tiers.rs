//! The harness of test tiers 2-4: the static programs of `tests/`, run
//! natively (tier 2), under qemu-user (tier 3) and as PID 1 under
//! qemu-system (tier 4), each check printed as `ok - ...`/`not ok - ...`.
//!
//! Tier 2 also runs the programs on two constrained systems: an old kernel
//! (`enosys`: the newer system calls answer ENOSYS) and a small machine (a
//! soft `RLIMIT_AS` of 8 MiB). Tier 3 runs under Debian 12's own QEMU 7.2
//! and again under an installed qemu-user of another version. Each way of
//! running is a [`Runner`]; the checks take one instead of an
//! architecture. Last, [`crate::template`] builds the template crate for
//! the same architectures and runs it with the same runners.

use crate::machine::Arch;
use crate::qemu_user::{self, QemuUser};
use crate::run::{Captured, Runner, capture};
use crate::{boot, elf, tap};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Where the programs and kernels are, and what to run.
pub struct Config {
    /// Cargo's target directory: programs are in `<triple>/release/`.
    pub target_dir: PathBuf,
    /// Where `scripts/setup` unpacked the non-host kernels.
    pub kernel_dir: PathBuf,
    /// The architectures to test.
    pub arches: Vec<Arch>,
    /// Whether to boot under qemu-system (tier 4).
    pub boot: bool,
    /// Whether to build, run and test the template crate
    /// (`examples/template`, see [`crate::template`]).
    pub template: bool,
}

/// Counts the harness's own checks.
#[derive(Default)]
pub struct Report {
    /// Checks that passed.
    pub passed: usize,
    /// Names and reasons of checks that failed.
    pub failed: Vec<String>,
}

impl Report {
    pub(crate) fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.passed += 1;
                println!("ok - {name}");
            }
            Err(why) => {
                println!("not ok - {name}\n  {}", why.replace('\n', "\n  "));
                self.failed.push(name.to_string());
            }
        }
    }
}

const RUN_LIMIT: Duration = Duration::from_secs(60);
const BOOT_LIMIT: Duration = Duration::from_secs(180);
/// The programs every architecture builds.
const PROGRAMS: [&str; 24] = [
    "hello",
    "runtime",
    "exits",
    "demo",
    "heap",
    "hello_heap",
    "c_malloc",
    "curses_ascii",
    "signals",
    "getopt",
    "tty",
    "getpass",
    "argparse",
    "time",
    "io",
    "io_oracle",
    "logging_oracle",
    "os",
    "path",
    "enosys",
    "platform",
    "threads",
    "logging",
    "log_rotate",
];
/// The programs that report `ok N - name` lines and need no arguments,
/// with the environment variables they check.
const TAP_PROGRAMS: [(&str, &[(&str, &str)]); 16] = [
    ("heap", &[]),
    ("c_malloc", &[]),
    ("curses_ascii", &[]),
    ("signals", &[]),
    ("getopt", &[]),
    ("tty", &[("COLUMNS", "77")]),
    ("argparse", &[]),
    ("time", &[]),
    ("io", &[]),
    ("io_oracle", &[]),
    ("logging_oracle", &[]),
    ("os", &[]),
    ("platform", &[]),
    ("path", &[]),
    ("threads", &[]),
    ("logging", &[]),
];
/// The programs booted as PID 1 in tier 4.
const BOOTED: [&str; 5] = ["runtime", "heap", "platform", "path", "threads"];
/// The address-space limit (a soft `RLIMIT_AS`, which a program's
/// children may raise back) that every program but `heap` runs under in
/// the memory-limit tier: 8 MiB.
const AS_LIMIT: u64 = 8 << 20;
/// The smallest `RLIMIT_AS` the `heap` program passes at: its RSS check
/// builds a peak of about 120 MiB on purpose (it fails at 128 MiB).
const HEAP_MIN_AS: u64 = 136 << 20;

/// One way of running the programs, and the name its checks carry
/// (`tier 3 aarch64 (qemu 7.2.22)`).
struct Tier {
    name: String,
    runner: Runner,
}

impl Tier {
    fn label(&self, what: &str) -> String {
        format!("{}: {what}", self.name)
    }
}

/// Runs every tier for every architecture in `config`.
pub fn run(config: &Config) -> Report {
    let mut report = Report::default();
    let qemus = if config.arches.iter().any(|a| !a.is_host()) {
        emulators(&mut report, &config.target_dir)
    } else {
        Vec::new()
    };
    for &arch in &config.arches {
        let dir = config.target_dir.join(arch.target()).join("release");
        let tier = if arch.is_host() { "tier 2" } else { "tier 3" };
        // Linkage is a property of the file: checked once, not per runner.
        for program in PROGRAMS {
            report.check(
                &format!(
                    "{tier} {}: {program} is static, no interpreter, no DT_NEEDED",
                    arch.name()
                ),
                linkage(arch, &dir.join(program)),
            );
        }
        if arch.is_host() {
            let native = Tier {
                name: format!("tier 2 {}", arch.name()),
                runner: Runner::native(arch),
            };
            everywhere(&mut report, &native, &dir, &config.target_dir);
            host_only(&mut report, &native, &dir, &config.target_dir);
            without_newer_syscalls(&mut report, arch, &dir, &config.target_dir);
            under_memory_limit(&mut report, arch, &dir);
        } else {
            for qemu in &qemus {
                let emulated = Tier {
                    name: format!("tier 3 {} (qemu {})", arch.name(), qemu.version),
                    runner: qemu.runner(arch),
                };
                everywhere(&mut report, &emulated, &dir, &config.target_dir);
            }
        }
        if config.boot {
            if let Some(reason) = arch.no_boot_reason() {
                println!("# tier 4 {}: skipped: {reason}", arch.name());
            } else if arch.qemu_system().is_some() {
                for program in BOOTED {
                    let name = format!(
                        "tier 4 {}: {program} as PID 1 under qemu-system",
                        arch.name()
                    );
                    report.check(&name, pid1(arch, &dir.join(program), &config.kernel_dir));
                }
                report.check(
                    &format!(
                        "tier 4 {}: demo as PID 1 prints its five zones as date(1) does (built-in tzdata)",
                        arch.name()
                    ),
                    demo_zones_as_pid1(arch, &dir.join("demo"), &config.kernel_dir),
                );
            }
        }
    }
    if config.template {
        crate::template::run(&mut report, &config.target_dir, &config.arches, &qemus);
    }
    report
}

/// The qemu-user sets tier 3 runs under, printed with their versions;
/// Debian 12's own must be among them.
fn emulators(report: &mut Report, target_dir: &Path) -> Vec<QemuUser> {
    let (sets, debian) = qemu_user::for_tiers(target_dir);
    let listed: Vec<String> = sets
        .iter()
        .map(|q| format!("{} ({})", q.version, q.dir.display()))
        .collect();
    println!(
        "# qemu-user: {}",
        if listed.is_empty() {
            "none".to_string()
        } else {
            listed.join(", ")
        }
    );
    report.check(
        &format!(
            "tier 3: Debian 12's qemu-user-static is unpacked in {}",
            target_dir.join(qemu_user::DEBIAN12_DIR).display()
        ),
        debian,
    );
    if sets.is_empty() {
        report.check(
            "tier 3: a qemu-user to run the programs under",
            Err("none unpacked and no qemu-aarch64-static on PATH: run scripts/setup".into()),
        );
    }
    sets
}

/// The checks that run under every runner: natively, under each qemu-user.
fn everywhere(report: &mut Report, tier: &Tier, dir: &Path, target_dir: &Path) {
    let runner = &tier.runner;
    report.check(&tier.label("hello prints hello, world"), hello(runner, dir));
    tap_programs(report, tier, dir);
    report.check(
        &tier.label("getpass on a pseudo-terminal (tests/drivers/getpass_pty.py)"),
        getpass_on_a_pty(runner, dir, target_dir),
    );
    report.check(
        &tier.label("argparse --help exits 0, a bad value exits 2 with usage"),
        argparse_exits(runner, dir),
    );
    report.check(
        &tier.label("hello_heap prints through the heap"),
        hello_heap(runner, dir),
    );
    report.check(
        &tier.label("a failed allocation prints Rust's message and aborts"),
        out_of_memory(runner, dir),
    );
    report.check(
        &tier.label("runtime checks pass with 3000 args and 2000 env vars"),
        runtime(runner, dir),
    );
    report.check(&tier.label("demo prints every section"), demo(runner, dir));
    report.check(
        &tier.label("platform answers as CPython (tests/oracle/platform.py --live)"),
        platform_oracle(runner, dir, target_dir),
    );
    report.check(
        &tier.label("a panic in a thread aborts the program, naming the thread"),
        thread_panic(runner, dir),
    );
    report.check(
        &tier.label("exit from a thread runs the exit handlers once"),
        thread_exit(runner, dir),
    );
    report.check(
        &tier.label("exit waits for non-daemon threads, not for daemons"),
        thread_shutdown(runner, dir),
    );
    report.check(
        &tier.label("c_malloc ran the C side"),
        c_side_ran(runner, dir),
    );
    report.check(
        &tier.label("C's overrun stack buffer: `*** stack smashing detected ***`, SIGABRT"),
        stack_smashing(runner, dir),
    );
    for (mode, expect) in &EXITS {
        report.check(
            &tier.label(&format!("exits {mode}")),
            exits(runner, dir, mode, expect),
        );
    }
    report.check(
        &tier.label("stdout is line-buffered on a terminal, block-buffered on a pipe"),
        buffering(runner, dir),
    );
    report.check(
        &tier.label("closed stdout: exit 0, nothing on stderr"),
        closed_stdout(runner, dir),
    );
    report.check(
        &tier.label("broken pipe: killed by SIGPIPE, nothing on stderr"),
        broken_pipe(runner, dir),
    );
    report.check(
        &tier.label("full disk: `exits: write error: No space left on device`, 120"),
        full_stdout(runner, dir),
    );
}

fn tap_programs(report: &mut Report, tier: &Tier, dir: &Path) {
    for (program, env) in TAP_PROGRAMS {
        report.check(
            &tier.label(&format!("{program} checks pass")),
            tap_program(&tier.runner, dir, program, env),
        );
    }
}

/// The checks that need the host itself: strace, seccomp, sh's traps.
fn host_only(report: &mut Report, tier: &Tier, dir: &Path, target_dir: &Path) {
    let runner = &tier.runner;
    report.check(
        &tier.label("terminal attributes work where seccomp refuses TCGETS2"),
        tap_run(runner.command(&dir.join("tty")).arg("seccomp")),
    );
    report.check(
        &tier.label("broken pipe with SIGPIPE ignored: one message, status 120"),
        broken_pipe_ignored(runner, dir),
    );
    report.check(
        &tier.label("under prlimit --nproc=1 a thread that cannot be made is EAGAIN"),
        thread_nproc(dir),
    );
    report.check(
        &tier.label("hello makes ioctl, write, exit_group and nothing else"),
        hello_syscalls(dir),
    );
    report.check(
        &tier.label("heap churn: 16,800 large buffers copied in under 200 mapping calls"),
        churn_syscalls(dir),
    );
    report.check(
        &tier.label("logging rotation under kill -9"),
        rotation_under_kill(runner, dir),
    );
    report.check(
        &tier.label("curses draws ncurses's screens in tmux, in no more bytes (tests/drivers/curses_tmux.py)"),
        curses_in_tmux(dir, target_dir),
    );
    report.check(
        &tier.label(
            "demo --top: the process list, help panel, filter, resize (tests/drivers/top_tmux.py)",
        ),
        python_driver(target_dir, "top_tmux.py", &dir.join("demo")),
    );
}

/// An old kernel, played by `enosys` (a seccomp filter that answers the
/// newer system calls with ENOSYS): the programs must take their
/// fallbacks and pass all the same.
fn without_newer_syscalls(report: &mut Report, arch: Arch, dir: &Path, target_dir: &Path) {
    let tier = Tier {
        name: format!("tier 2 {} (newer syscalls ENOSYS)", arch.name()),
        runner: Runner::new(arch, [absolute(&dir.join("enosys"))]),
    };
    tap_programs(report, &tier, dir);
    report.check(
        &tier.label("runtime checks pass with 3000 args and 2000 env vars"),
        runtime(&tier.runner, dir),
    );
    report.check(
        &tier.label("demo prints every section"),
        demo(&tier.runner, dir),
    );
    report.check(
        &tier.label("getpass on a pseudo-terminal (tests/drivers/getpass_pty.py)"),
        getpass_on_a_pty(&tier.runner, dir, target_dir),
    );
}

/// A small machine, played by a soft `RLIMIT_AS` (util-linux's prlimit):
/// the heap must get by, and fail as a value or Rust's message when it
/// cannot.
fn under_memory_limit(report: &mut Report, arch: Arch, dir: &Path) {
    let limited = |bytes: u64| Tier {
        name: format!("tier 2 {} (RLIMIT_AS {} MiB)", arch.name(), bytes >> 20),
        runner: Runner::new(arch, ["prlimit".to_string(), format!("--as={bytes}:")]),
    };
    let small = limited(AS_LIMIT);
    for (program, env) in TAP_PROGRAMS {
        let tier = if program == "heap" {
            &limited(HEAP_MIN_AS)
        } else {
            &small
        };
        report.check(
            &tier.label(&format!("{program} checks pass")),
            tap_program(&tier.runner, dir, program, env),
        );
    }
    report.check(
        &small.label("demo prints every section"),
        demo(&small.runner, dir),
    );
    report.check(
        &small.label("hello_heap prints through the heap"),
        hello_heap(&small.runner, dir),
    );
    report.check(
        &small.label("a failed allocation prints Rust's message and aborts"),
        out_of_memory(&small.runner, dir),
    );
}

/// `path` from the root, so that a runner works from any directory.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

pub(crate) fn linkage(arch: Arch, program: &Path) -> Result<(), String> {
    let bytes = std::fs::read(program).map_err(|e| format!("{}: {e}", program.display()))?;
    let l = elf::linkage(&bytes)?;
    if l.machine != arch.elf_machine() {
        return Err(format!("e_machine {} is not {}'s", l.machine, arch.name()));
    }
    if !l.is_static() {
        return Err(format!("not static: {l:?}"));
    }
    // file(1) is an independent second opinion.
    let file = Command::new("file")
        .arg("-b")
        .arg(program)
        .output()
        .map_err(|e| format!("file(1): {e}"))?;
    let says = String::from_utf8_lossy(&file.stdout);
    if !says.contains("statically linked") || says.contains("interpreter") {
        return Err(format!("file(1) says: {says}"));
    }
    Ok(())
}

fn expect_eq(what: &str, got: &str, want: &str) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

fn expect_code(run: &Captured, code: i32) -> Result<(), String> {
    match run.status.code() {
        Some(c) if c == code => Ok(()),
        _ => Err(format!(
            "status {}, want {code}; stderr {:?}",
            run.status, run.stderr
        )),
    }
}

/// Killed by `SIGABRT`, as `abort()` ends a program.
fn expect_abort(run: &Captured) -> Result<(), String> {
    match run.status.signal() {
        Some(6) => Ok(()),
        _ => Err(format!(
            "status {}, want SIGABRT; stderr {:?}",
            run.status, run.stderr
        )),
    }
}

fn hello(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(&mut runner.command(&dir.join("hello")), RUN_LIMIT)?;
    expect_code(&run, 0)?;
    expect_eq("stdout", &run.stdout, "hello, world\n")?;
    expect_eq("stderr", &run.stderr, "")
}

fn tap_program(
    runner: &Runner,
    dir: &Path,
    program: &str,
    env: &[(&str, &str)],
) -> Result<(), String> {
    let mut cmd = runner.command(&dir.join(program));
    cmd.env_remove("LINES").envs(env.iter().copied());
    tap_run(&mut cmd)
}

/// Runs a program that prints TAP lines: all must pass, status 0, nothing
/// on stderr.
///
/// qemu-user's own reports about children that a test kills on purpose
/// (`qemu: uncaught target signal 6`) are not the program's output.
fn tap_run(cmd: &mut Command) -> Result<(), String> {
    let run = capture(cmd, RUN_LIMIT)?;
    tap_passed(&run.stdout)
        .map_err(|e| format!("{e}\nstatus {}; stderr {:?}", run.status, run.stderr))?;
    expect_code(&run, 0)?;
    let own: String = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("qemu: "))
        .collect();
    expect_eq("stderr", &own, "")
}

/// The Python driver types at the program through a real pty and reads
/// the terminal's mode from outside; it prints TAP lines.
fn getpass_on_a_pty(runner: &Runner, dir: &Path, target_dir: &Path) -> Result<(), String> {
    let repo = target_dir.parent().unwrap_or(Path::new(""));
    let driver = repo.join("tests/drivers/getpass_pty.py");
    let mut cmd = Command::new("python3");
    // The driver takes the runner's argv after the program.
    cmd.arg(&driver)
        .arg(dir.join("getpass"))
        .args(&runner.prefix);
    let run = capture(&mut cmd, Duration::from_secs(300))?;
    tap_passed(&run.stdout).map_err(|e| format!("{e}\nstderr: {}", run.stderr))?;
    expect_code(&run, 0)
}

/// Each curses scene drawn by Python's curses (ncurses) and by the
/// `curses` program, in tmux under four terminal types: identical screens,
/// and Strata's bytes at most ncurses's (the driver's TAP lines).
fn curses_in_tmux(dir: &Path, target_dir: &Path) -> Result<(), String> {
    python_driver(target_dir, "curses_tmux.py", &dir.join("curses"))
}

/// A driver of tests/drivers run on `program`: its TAP lines must pass.
fn python_driver(target_dir: &Path, driver: &str, program: &Path) -> Result<(), String> {
    let repo = target_dir.parent().unwrap_or(Path::new(""));
    let mut cmd = Command::new("python3");
    cmd.arg(repo.join("tests/drivers").join(driver))
        .arg(program);
    let run = capture(&mut cmd, Duration::from_secs(900))?;
    tap_passed(&run.stdout).map_err(|e| format!("{e}\nstderr: {}", run.stderr))?;
    expect_code(&run, 0)
}

/// `parse_args_or_exit` behaves as a Python program: help on stdout and
/// status 0; usage and `PROG: error: ...` on stderr and status 2.
fn argparse_exits(runner: &Runner, dir: &Path) -> Result<(), String> {
    let help = capture(
        runner.command(&dir.join("argparse")).arg("--help"),
        RUN_LIMIT,
    )?;
    expect_code(&help, 0)?;
    if !help.stdout.starts_with("usage: ") || !help.stderr.is_empty() {
        return Err(format!(
            "--help: stdout {:?}, stderr {:?}",
            help.stdout, help.stderr
        ));
    }
    let bad = capture(
        runner.command(&dir.join("argparse")).args(["--count", "x"]),
        RUN_LIMIT,
    )?;
    expect_code(&bad, 2)?;
    if !bad.stderr.starts_with("usage: ")
        || !bad.stderr.contains(": error: ")
        || !bad.stdout.is_empty()
    {
        return Err(format!(
            "--count x: stdout {:?}, stderr {:?}",
            bad.stdout, bad.stderr
        ));
    }
    Ok(())
}

fn hello_heap(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(&mut runner.command(&dir.join("hello_heap")), RUN_LIMIT)?;
    expect_code(&run, 0)?;
    expect_eq("stdout", &run.stdout, "hello, heap\n")
}

fn out_of_memory(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(runner.command(&dir.join("heap")).arg("oom"), RUN_LIMIT)?;
    expect_abort(&run)?;
    let first = run.stderr.lines().next().unwrap_or("");
    let n = first
        .strip_prefix("memory allocation of ")
        .and_then(|r| r.strip_suffix(" bytes failed"));
    match n.map(str::parse::<u64>) {
        Some(Ok(_)) => Ok(()),
        _ => Err(format!("stderr {:?}", run.stderr)),
    }
}

/// `threads panic`: SIGABRT, and Rust's message with the thread's name.
fn thread_panic(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(runner.command(&dir.join("threads")).arg("panic"), RUN_LIMIT)?;
    expect_abort(&run)?;
    let first = run.stderr.lines().next().unwrap_or("");
    if !first.starts_with("thread 'doomed' panicked at ")
        || !run.stderr.contains("boom in a thread")
    {
        return Err(format!("stderr {:?}", run.stderr));
    }
    expect_eq("stdout", &run.stdout, "")
}

/// `threads exit`: a thread's `exit(3)` ends the process with 3 after the
/// one handler ran once.
fn thread_exit(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(runner.command(&dir.join("threads")).arg("exit"), RUN_LIMIT)?;
    expect_code(&run, 3)?;
    expect_eq("stdout", &run.stdout, "exit handler ran\n")
}

/// `threads shutdown`: the worker's line comes after main's and before
/// the exit handler's; the sleeping daemon does not hold the exit up.
fn thread_shutdown(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(
        runner.command(&dir.join("threads")).arg("shutdown"),
        RUN_LIMIT,
    )?;
    expect_code(&run, 0)?;
    expect_eq(
        "stdout",
        &run.stdout,
        "main returns\nworker done\nexit handler ran\n",
    )
}

/// `threads smash`: gcc's canary check in a thread reports as glibc's
/// does and aborts the process.
fn stack_smashing(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(runner.command(&dir.join("threads")).arg("smash"), RUN_LIMIT)?;
    expect_abort(&run)?;
    // qemu-user adds a line of its own about the signal.
    expect_eq(
        "stderr's first line",
        run.stderr.lines().next().unwrap_or(""),
        "*** stack smashing detected ***: terminated",
    )
}

/// `threads nproc` under `prlimit --nproc=1:1` (the program drops root,
/// whom the limit does not bind): `EAGAIN`, printed, status 0.
fn thread_nproc(dir: &Path) -> Result<(), String> {
    let mut cmd = Command::new("prlimit");
    cmd.arg("--nproc=1:1").arg(dir.join("threads")).arg("nproc");
    let run = capture(&mut cmd, RUN_LIMIT)?;
    expect_code(&run, 0)?;
    expect_eq("stdout", &run.stdout, "EAGAIN\n")
}

fn c_side_ran(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(&mut runner.command(&dir.join("c_malloc")), RUN_LIMIT)?;
    let c_lines = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok ") && l.contains(" - C: "))
        .count();
    if c_lines >= 10 {
        Ok(())
    } else {
        Err(format!("only {c_lines} C checks:\n{}", run.stdout))
    }
}

fn runtime(runner: &Runner, dir: &Path) -> Result<(), String> {
    let mut cmd = runner.command(&dir.join("runtime"));
    cmd.arg("--pattern");
    cmd.args((0..3000).map(|k| {
        if k % 5 == 0 {
            String::new()
        } else {
            k.to_string()
        }
    }));
    cmd.env_clear()
        .env("STRATA_ENV_COUNT", "2000")
        .env("STRATA_EMPTY", "");
    cmd.envs((0..2000).map(|k| (format!("STRATA_E{k}"), k.to_string())));
    let run = capture(&mut cmd, RUN_LIMIT)?;
    tap_passed(&run.stdout)?;
    expect_code(&run, 0)
}

/// `platform report` beside `tests/oracle/platform.py --live`, line by
/// line: CPython's answers on this machine, with the runtime standing in
/// for glibc (see the script). Under qemu-user CPython plays the emulated
/// CPU: the machine the program's uname reports and its pointer size
/// (the kernel, the files and os-release are the host's either way).
fn platform_oracle(runner: &Runner, dir: &Path, target_dir: &Path) -> Result<(), String> {
    let repo = target_dir.parent().unwrap_or(Path::new(""));
    let program = absolute(&dir.join("platform"));
    let mut paths: Vec<String> = [
        program.clone(),
        absolute(&dir.join("hello")),
        PathBuf::from("/bin/ls"),
        PathBuf::from("/bin/sh"),
        PathBuf::from("/etc/os-release"),
        PathBuf::from("/nonexistent/strata"),
        PathBuf::from("/"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    // Real dynamic programs of both C libraries, where the host has them.
    let musl = musl_program();
    paths.extend(musl.iter().map(|p| p.display().to_string()));
    let glibc = Path::new("/usr/lib/x86_64-linux-gnu/libc.so.6");
    if glibc.exists() {
        paths.push(glibc.display().to_string());
    }
    let ours = capture(
        runner.command(&program).arg("report").args(&paths),
        RUN_LIMIT,
    )?;
    expect_code(&ours, 0)?;
    let field = |prefix: &str| {
        ours.stdout
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .map(str::to_string)
            .ok_or(format!("no {prefix:?} line: {}", ours.stdout))
    };
    let (bits, machine) = (field("# bits ")?, field("uname.machine\t")?);
    let mut python = Command::new("python3");
    python
        .arg(repo.join("tests/oracle/platform.py"))
        .arg("--live");
    if !runner.arch.is_host() {
        python.args(["--machine", &machine, "--bits", &bits]);
    }
    let theirs = capture(python.args(&paths), RUN_LIMIT);
    if let Some(dir) = musl.as_deref().and_then(Path::parent) {
        let _ = std::fs::remove_dir_all(dir);
    }
    let theirs = theirs?;
    expect_code(&theirs, 0)?;
    let ours: Vec<&str> = ours
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    let theirs: Vec<&str> = theirs.stdout.lines().collect();
    if ours.len() < 20 {
        return Err(format!("only {} lines: {ours:?}", ours.len()));
    }
    match ours.iter().zip(&theirs).find(|(a, b)| a != b) {
        Some((a, b)) => Err(format!("Strata: {a:?}\nCPython: {b:?}")),
        None if ours.len() != theirs.len() => {
            Err(format!("{} lines, CPython {}", ours.len(), theirs.len()))
        }
        None => Ok(()),
    }
}

/// A dynamically linked musl program built with musl-gcc, if it is
/// installed (its `DT_NEEDED` is `libc.so`).
fn musl_program() -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("strata-musl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let (src, out) = (dir.join("m.c"), dir.join("musl-dynamic"));
    std::fs::write(&src, "int main(void) { return 0; }\n").ok()?;
    let built = Command::new("musl-gcc")
        .arg("-o")
        .arg(&out)
        .arg(&src)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    built.then_some(out)
}

/// A line of each of the demo's sections, as it must print them on any
/// system it runs on.
const DEMO_LINES: [&str; 14] = [
    "Strata demo (",
    "  platform     Linux-",
    "  os-release   ",
    "  argv[5]      from the host",
    "  a child spawned by os.system says hello",
    "  its exit code: 0",
    "  option -n = \"strata\"",
    "  arguments [\"hello\", \"from the host\"]",
    "  verbose=Some(true) name=Some(\"strata\") unknown=0",
    "  | usage: demo [-h] [-v] [-n NAME] [words ...]",
    "  Europe/Berlin            2",
    ": written through TextIOWrapper, BufferedWriter and FileIO",
    "  100,000 random numbers into a BTreeMap by last digit: [",
    "  raised SIGUSR1, handler counted 1",
];

/// The demo as the README runs it: status 0, nothing on stderr, and each
/// section's result where an error would show instead.
fn demo(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(
        runner.command(&dir.join("demo")).args([
            "--verbose",
            "-n",
            "strata",
            "hello",
            "from the host",
        ]),
        RUN_LIMIT,
    )?;
    expect_code(&run, 0)?;
    expect_eq("stderr", &run.stderr, "")?;
    match DEMO_LINES
        .iter()
        .find(|want| !run.stdout.lines().any(|l| l.contains(*want)))
    {
        None => Ok(()),
        Some(want) => Err(format!(
            "no line with {want:?}; stdout:\n{}",
            run.stdout.trim_end()
        )),
    }
}

fn tap_passed(output: &str) -> Result<(), String> {
    let t = tap::tally(output);
    if t.all_passed() {
        Ok(())
    } else {
        Err(format!(
            "{} passed, failed {:?}, plan {:?}; output:\n{}",
            t.passed,
            t.failed,
            t.planned,
            output.trim_end()
        ))
    }
}

/// The zones the demo's `[time]` section shows, one line each: the name
/// padded to 24 columns, then `%Y-%m-%d %H:%M:%S %Z (%z)` of one instant.
const DEMO_ZONES: [&str; 5] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "EST5EDT,M3.2.0,M11.1.0",
];

/// The demo as PID 1, where the initramfs holds nothing but `/init`: no
/// `/usr/share/zoneinfo`, so its zones come from the tzdata built in. Each
/// zone line must be what GNU date(1) prints on the host, with the
/// system's zoneinfo, for the instant of the demo's UTC line: real
/// abbreviations and offsets, never glibc's `Europe` with UTC.
fn demo_zones_as_pid1(arch: Arch, program: &Path, kernel_dir: &Path) -> Result<(), String> {
    let kernel = arch.kernel(kernel_dir)?;
    let program = std::fs::read(program).map_err(|e| format!("{}: {e}", program.display()))?;
    let args = ["--verbose", "-n", "qemu", "booted"];
    let console = boot::boot(arch, &program, &args, &kernel, BOOT_LIMIT)?;
    if !console.lines().any(|l| l.trim_end() == "# exit status 0") {
        return Err(format!("no `# exit status 0` from the guest:\n{console}"));
    }
    let shown = |tz: &str| {
        console.lines().find_map(|l| {
            l.trim_end()
                .strip_prefix(&format!("  {tz:<24} "))
                .map(str::to_string)
        })
    };
    let utc = shown("UTC").ok_or_else(|| format!("no UTC line:\n{console}"))?;
    let when = utc
        .strip_suffix(" UTC (+0000)")
        .ok_or_else(|| format!("UTC line {utc:?}"))?;
    let date = |tz: &str, args: &[&str]| -> Result<String, String> {
        let out = Command::new("date")
            .env("TZ", tz)
            .args(args)
            .output()
            .map_err(|e| format!("date(1): {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "date {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    };
    let epoch = date("UTC", &["-d", when, "+%s"])?;
    for tz in DEMO_ZONES {
        let got = shown(tz).ok_or_else(|| format!("no {tz} line:\n{console}"))?;
        let want = date(
            tz,
            &["-d", &format!("@{epoch}"), "+%Y-%m-%d %H:%M:%S %Z (%z)"],
        )?;
        expect_eq(tz, &got, &want)?;
    }
    Ok(())
}

/// What each mode of `tests/src/bin/exits.rs` must produce.
struct Expect {
    stdout: &'static str,
    /// The whole of stderr, or its start and end when it holds a line
    /// number.
    stderr: (&'static str, &'static str),
    /// An exit code, or a negative signal number.
    status: i32,
}

const EXITS: [(&str, Expect); 7] = [
    (
        "return-code",
        Expect {
            stdout: "buffered",
            stderr: ("", ""),
            status: 42,
        },
    ),
    (
        "result-err",
        Expect {
            stdout: "",
            stderr: (
                "exits: [Errno 2] No such file or directory: '/nonexistent/strata'\n",
                "",
            ),
            status: 1,
        },
    ),
    (
        "panic",
        Expect {
            stdout: "before panic",
            stderr: ("panicked at tests/src/bin/exits.rs:", ":\nboom 7\n"),
            status: 101,
        },
    ),
    (
        "atexit",
        Expect {
            stdout: "capacity 32\natexit 3\natexit 2\natexit 2b\natexit 1\n",
            stderr: ("", ""),
            status: 0,
        },
    ),
    (
        "exit",
        Expect {
            stdout: "flushed by exit",
            stderr: ("", ""),
            status: 7,
        },
    ),
    (
        "_exit",
        Expect {
            stdout: "",
            stderr: ("", ""),
            status: 3,
        },
    ),
    (
        "abort",
        Expect {
            stdout: "",
            stderr: ("", ""),
            status: -6,
        },
    ),
];

fn exits(runner: &Runner, dir: &Path, mode: &str, expect: &Expect) -> Result<(), String> {
    let run = capture(runner.command(&dir.join("exits")).arg(mode), RUN_LIMIT)?;
    if expect.status < 0 {
        if run.status.signal() != Some(-expect.status) {
            return Err(format!(
                "status {}, want signal {}",
                run.status, -expect.status
            ));
        }
    } else {
        expect_code(&run, expect.status)?;
    }
    expect_eq("stdout", &run.stdout, expect.stdout)?;
    let (start, end) = expect.stderr;
    if end.is_empty() {
        // Under qemu-user a fatal signal may add QEMU's own line; only
        // Strata's output is checked.
        if expect.status < 0 {
            return Ok(());
        }
        expect_eq("stderr", &run.stderr, start)
    } else if run.stderr.starts_with(start)
        && run.stderr.ends_with(end)
        && run.stderr.lines().count() == 2
    {
        Ok(())
    } else {
        Err(format!("stderr {:?}, want {start:?}...{end:?}", run.stderr))
    }
}

/// `exits flood` through `sh`, which can close fds and ignore signals
/// before it `exec`s the program.
fn flood_command(runner: &Runner, dir: &Path, shell: &str) -> Command {
    let line = runner.shell_line(&dir.join("exits"));
    let script = shell.replace("PROG", &format!("{line} flood"));
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(script);
    cmd
}

/// `exits line-then-_exit` skips the exit flush: what reaches the reader is
/// exactly what the buffering policy wrote out on its own.
fn buffering(runner: &Runner, dir: &Path) -> Result<(), String> {
    let piped = capture(
        runner.command(&dir.join("exits")).arg("line-then-_exit"),
        RUN_LIMIT,
    )?;
    expect_eq("into a pipe", &piped.stdout, "")?;
    // script(1) runs the program on a pseudo-terminal and copies its output.
    let line = format!("{} line-then-_exit", runner.shell_line(&dir.join("exits")));
    let tty = capture(
        Command::new("script").args(["-qec", &line, "/dev/null"]),
        RUN_LIMIT,
    )
    .map_err(|e| format!("{e} (script(1) is in Debian's bsdutils)"))?;
    expect_eq("on a terminal", &tty.stdout, "line\r\n")
}

fn full_stdout(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(
        &mut flood_command(runner, dir, "exec PROG >/dev/full"),
        RUN_LIMIT,
    )?;
    expect_code(&run, 120)?;
    expect_eq(
        "stderr",
        &run.stderr,
        "exits: write error: No space left on device\n",
    )
}

fn closed_stdout(runner: &Runner, dir: &Path) -> Result<(), String> {
    let run = capture(&mut flood_command(runner, dir, "exec PROG >&-"), RUN_LIMIT)?;
    expect_code(&run, 0)?;
    expect_eq("stderr", &run.stderr, "")
}

/// Reads one line of `exits flood` and closes the pipe: the program's next
/// write breaks. Returns its status and stderr.
fn read_then_break_pipe(mut cmd: Command) -> Result<(std::process::ExitStatus, String), String> {
    use std::io::Read;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .ok_or("no stdout")?
        .read_exact(&mut first)
        .map_err(|e| e.to_string())?;
    let status =
        crate::run::wait(&mut child, RUN_LIMIT).ok_or("did not stop after the pipe broke")?;
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .ok_or("no stderr")?
        .read_to_string(&mut stderr)
        .map_err(|e| e.to_string())?;
    Ok((status, stderr))
}

fn broken_pipe(runner: &Runner, dir: &Path) -> Result<(), String> {
    let (status, stderr) = read_then_break_pipe(flood_command(runner, dir, "exec PROG"))?;
    if status.signal() != Some(13) {
        return Err(format!("status {status}, want SIGPIPE; stderr {stderr:?}"));
    }
    // qemu-user may report the signal itself; the program must not.
    if runner.arch.is_host() {
        expect_eq("stderr", &stderr, "")
    } else {
        Ok(())
    }
}

fn broken_pipe_ignored(runner: &Runner, dir: &Path) -> Result<(), String> {
    let (status, stderr) =
        read_then_break_pipe(flood_command(runner, dir, "trap '' PIPE; exec PROG"))?;
    if status.code() != Some(120) {
        return Err(format!("status {status}, want 120; stderr {stderr:?}"));
    }
    expect_eq("stderr", &stderr, "exits: write error: Broken pipe\n")
}

/// The system calls `program ARGS` makes after `execve`, by name, from
/// strace.
fn syscalls(program: &Path, args: &[&str]) -> Result<Vec<String>, String> {
    let log = std::env::temp_dir().join(format!("strata-strace-{}", std::process::id()));
    let run = capture(
        Command::new("strace")
            .arg("-qq")
            .arg("-o")
            .arg(&log)
            .arg(program)
            .args(args),
        RUN_LIMIT,
    )
    .map_err(|e| format!("{e} (apt-get install strace)"))?;
    expect_code(&run, 0)?;
    let trace = std::fs::read_to_string(&log).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&log);
    Ok(trace
        .lines()
        .filter_map(|l| l.split('(').next())
        .skip(1)
        .map(str::to_string)
        .collect())
}

fn hello_syscalls(dir: &Path) -> Result<(), String> {
    let calls = syscalls(&dir.join("hello"), &[])?;
    if calls == ["ioctl", "write", "exit_group"] {
        Ok(())
    } else {
        Err(format!("syscalls after execve: {calls:?}"))
    }
}

/// Without the heap's cache of large mappings, `heap churn` makes an
/// `mmap`/`munmap` pair per buffer (33,634 calls).
fn churn_syscalls(dir: &Path) -> Result<(), String> {
    let calls = syscalls(&dir.join("heap"), &["churn"])?;
    let mapping = calls
        .iter()
        .filter(|c| matches!(c.as_str(), "mmap" | "munmap" | "mremap"))
        .count();
    if mapping < 200 {
        Ok(())
    } else {
        Err(format!("{mapping} mmap/munmap/mremap calls"))
    }
}

fn pid1(arch: Arch, program: &Path, kernel_dir: &Path) -> Result<(), String> {
    let kernel = arch.kernel(kernel_dir)?;
    let program = std::fs::read(program).map_err(|e| format!("{}: {e}", program.display()))?;
    let console = boot::boot(arch, &program, &[], &kernel, BOOT_LIMIT)?;
    tap_passed(&console)?;
    if console.lines().any(|l| l.trim_end() == "# exit status 0") {
        Ok(())
    } else {
        Err(format!("no `# exit status 0` from the guest:\n{console}"))
    }
}

/// How many times `log_rotate` is started and killed.
const ROTATION_RUNS: u32 = 200;
/// `log_rotate`'s `backupCount`: a run that reaches it has lost its
/// oldest file, and its numbers no longer start at 1.
const ROTATION_BACKUPS: u32 = 200;

/// What one killed run of `log_rotate` left.
#[derive(Debug, Default, PartialEq, Eq)]
struct RotationRun {
    /// Files in the directory.
    files: usize,
    /// Whole records read back.
    records: u64,
    /// Whether the newest file ends in part of a record.
    partial: bool,
    /// Whether the kill came inside a rollover: `app.log` missing, or a
    /// gap in the backups' numbers.
    mid_rollover: bool,
}

/// Reads the directory of one killed run of `log_rotate`: only `app.log`
/// and `app.log.N`; read oldest first (`app.log.N` … `app.log.1`,
/// `app.log`), whole lines of decimal numbers 1, 2, 3, … with no number
/// missing or twice (so no record lost but the one in flight), and only
/// the newest file may end in part of a line, the start of the next
/// number.
fn check_rotation_dir(dir: &Path) -> Result<RotationRun, String> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy().into_owned();
        let key = if name == "app.log" {
            0
        } else {
            match name.strip_prefix("app.log.").map(str::parse::<u32>) {
                Some(Ok(n)) if n >= 1 && !name.ends_with(".0") => n,
                _ => return Err(format!("unexpected file {name:?}")),
            }
        };
        files.push((key, name));
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut run = RotationRun {
        files: files.len(),
        ..RotationRun::default()
    };
    if let Some(&(oldest, _)) = files.first() {
        if oldest >= ROTATION_BACKUPS {
            return Err(format!(
                "app.log.{oldest}: backupCount {ROTATION_BACKUPS} reached, the oldest file may be gone"
            ));
        }
        let keys: Vec<u32> = files.iter().map(|f| f.0).collect();
        run.mid_rollover = keys.last() != Some(&0) || keys.windows(2).any(|w| w[0] != w[1] + 1);
    }
    let mut next: u64 = 1;
    for (i, (_, name)) in files.iter().enumerate() {
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let mut pieces: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let tail = pieces.pop().unwrap_or_default();
        for line in pieces {
            let text = String::from_utf8_lossy(line);
            let n = match text.parse::<u64>() {
                Ok(n) if !text.starts_with(['0', '+']) => n,
                _ => return Err(format!("{name}: line {text:?} is not a record number")),
            };
            if n != next {
                return Err(format!("{name}: record {n} where {next} was due"));
            }
            next += 1;
            run.records += 1;
        }
        if !tail.is_empty() {
            let tail = String::from_utf8_lossy(tail);
            if i + 1 != files.len() {
                return Err(format!(
                    "{name}: ends in {tail:?} but is not the newest file"
                ));
            }
            if !next.to_string().starts_with(&*tail) {
                return Err(format!("{name}: ends in {tail:?}, not the start of {next}"));
            }
            run.partial = true;
        }
    }
    Ok(run)
}

/// xorshift64*: the kill delays, from a seed the report prints.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// `log_rotate DIR` started [`ROTATION_RUNS`] times, each in a fresh
/// directory, and killed with SIGKILL 1-30 ms later (random); every
/// directory must then pass [`check_rotation_dir`], and the runs must
/// have rolled over (some of them killed inside a rollover) for the check
/// to mean anything.
fn rotation_under_kill(runner: &Runner, dir: &Path) -> Result<(), String> {
    let program = absolute(&dir.join("log_rotate"));
    let root = std::env::temp_dir().join(format!("strata-rotation-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = seed;
    let mut totals = RotationRun::default();
    let (mut rolled, mut partial, mut mid) = (0, 0, 0);
    for n in 0..ROTATION_RUNS {
        let run_dir = root.join(format!("run{n}"));
        std::fs::create_dir(&run_dir).map_err(|e| format!("{}: {e}", run_dir.display()))?;
        let delay = 1 + next_random(&mut rng) % 30;
        let where_ = || {
            format!(
                "run {n} (seed {seed}, killed after {delay} ms, {})",
                run_dir.display()
            )
        };
        let mut child = runner
            .command(&program)
            .arg(&run_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        if out.status.signal() != Some(9) {
            return Err(format!(
                "{}: {} before the kill, stderr {:?}",
                where_(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        if !out.stderr.is_empty() {
            return Err(format!(
                "{}: stderr {:?}",
                where_(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let run = check_rotation_dir(&run_dir).map_err(|e| format!("{}: {e}", where_()))?;
        totals.files += run.files;
        totals.records += run.records;
        rolled += usize::from(run.files > 1);
        partial += usize::from(run.partial);
        mid += usize::from(run.mid_rollover);
    }
    let _ = std::fs::remove_dir_all(&root);
    println!(
        "# log_rotate: {ROTATION_RUNS} runs (seed {seed}), {} records in {} files; {rolled} runs rolled over, {mid} killed inside a rollover, {partial} in a write",
        totals.records, totals.files
    );
    if rolled < ROTATION_RUNS as usize / 4 {
        return Err(format!("only {rolled} of {ROTATION_RUNS} runs rolled over"));
    }
    Ok(())
}

#[cfg(test)]
mod rotation_tests {
    use super::*;

    fn dir_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "strata-rotation-test-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    /// A directory's files: names and contents.
    type Files<'a> = &'a [(&'a str, &'a str)];

    fn check(name: &str, files: Files) -> Result<RotationRun, String> {
        let dir = dir_with(name, files);
        let result = check_rotation_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    #[test]
    fn rotation_dirs_that_pass() {
        assert_eq!(check("empty", &[]), Ok(RotationRun::default()));
        let whole = check(
            "whole",
            &[
                ("app.log.2", "1\n2\n"),
                ("app.log.1", "3\n"),
                ("app.log", "4\n5"),
            ],
        );
        assert_eq!(
            whole,
            Ok(RotationRun {
                files: 3,
                records: 4,
                partial: true,
                mid_rollover: false
            })
        );
        // Killed between renaming .1 to .2 and app.log to .1, or before
        // the new app.log was opened.
        let gap = check(
            "gap",
            &[
                ("app.log.3", "1\n"),
                ("app.log.2", "2\n"),
                ("app.log", "3\n"),
            ],
        );
        assert_eq!(gap.map(|r| r.mid_rollover), Ok(true));
        let missing = check("missing", &[("app.log.2", "1\n"), ("app.log.1", "2\n")]);
        assert_eq!(missing.map(|r| (r.records, r.mid_rollover)), Ok((2, true)));
    }

    #[test]
    fn rotation_dirs_that_fail() {
        let cases: [(&str, Files, &str); 7] = [
            (
                "dup",
                &[("app.log.1", "1\n2\n"), ("app.log", "2\n")],
                "app.log: record 2 where 3 was due",
            ),
            (
                "lost",
                &[("app.log.1", "1\n"), ("app.log", "3\n")],
                "app.log: record 3 where 2 was due",
            ),
            (
                "late",
                &[("app.log", "2\n")],
                "app.log: record 2 where 1 was due",
            ),
            (
                "order",
                &[("app.log.1", "1\n"), ("app.log.2", "2\n")],
                "app.log.2: record 2 where 1 was due",
            ),
            (
                "torn",
                &[("app.log.1", "1\n2"), ("app.log", "3\n")],
                "app.log.1: ends in \"2\" but is not the newest file",
            ),
            (
                "bad",
                &[("app.log", "1\nx\n")],
                "app.log: line \"x\" is not a record number",
            ),
            (
                "stray",
                &[("app.log.bak", "")],
                "unexpected file \"app.log.bak\"",
            ),
        ];
        for (name, files, want) in cases {
            assert_eq!(check(name, files), Err(want.to_string()), "{name}");
        }
        assert_eq!(
            check("tail", &[("app.log", "1\n3")]),
            Err("app.log: ends in \"3\", not the start of 2".to_string())
        );
    }

    /// The harness's check alone, on a `log_rotate` already built:
    /// `cargo build --release -p strata-tests --bin log_rotate` (to
    /// target/release, or `--target x86_64-unknown-linux-gnu`), then
    /// `cargo test -p strata-qemu rotation_under_kill -- --ignored`.
    #[test]
    #[ignore = "needs a release build of log_rotate; takes a few seconds"]
    fn rotation_under_kill_alone() {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
        let arch = Arch::X86_64;
        let dirs = [
            target.join(arch.target()).join("release"),
            target.join("release"),
        ];
        let dir = dirs
            .iter()
            .find(|d| d.join("log_rotate").exists())
            .expect("build log_rotate first");
        let started = std::time::Instant::now();
        assert_eq!(rotation_under_kill(&Runner::native(arch), dir), Ok(()));
        std::eprintln!("took {:?}", started.elapsed());
    }
}
