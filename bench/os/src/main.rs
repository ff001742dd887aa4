//! bench-os: Strata's os functions beside their Rust peers, in one
//! process, for the figures of the os issue. Prints `FIGURE IMPL SECONDS
//! [CHECK]` lines (best of the repetitions, repetitions interleaved);
//! `./run` adds GNU find, cp and CPython and prints the ratios.
//!
//! Modes:
//!   mktree ROOT                  5,000 directories, 100,000 files
//!   mkflat DIR N                 one directory of N empty files
//!   mkbig FILE MIB               a file of MIB mebibytes
//!   walk ROOT REPS               total file bytes via stat, every walker
//!   listdir DIR REPS             the names of a big directory
//!   spawn N [PROGRAM]            spawn + wait PROGRAM (/bin/true) N times
//!   copy SRC DST REPS            copy a file
//!   time REPS CMD ARGS...        best wall time of an external command

use std::ffi::{CStr, CString, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use strata_alloc::os as sos;
use strata_core::os as cos;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let num = |i: usize, default: usize| arg(i).parse().unwrap_or(default);
    match arg(1).as_str() {
        "mktree" => mktree(Path::new(&arg(2))),
        "mkflat" => mkflat(Path::new(&arg(2)), num(3, 100_000)),
        "mkbig" => mkbig(Path::new(&arg(2)), num(3, 1024)),
        "walk" => walk(&arg(2), num(3, 5)),
        "listdir" => listdir(&arg(2), num(3, 5)),
        "spawn" => spawn(
            num(2, 2000),
            &args.get(3).cloned().unwrap_or("/bin/true".into()),
        ),
        "copy" => copy(&arg(2), &arg(3), num(4, 6)),
        "time" => time_command(num(2, 3), &args[3..]),
        _ => {
            eprintln!("usage: bench-os mktree|mkflat|mkbig|walk|listdir|spawn|copy|time ...");
            std::process::exit(2);
        }
    }
}

/// Runs each named closure `reps` times, round robin, and prints the best
/// time of each with the value it computed (which must agree).
fn race(figure: &str, reps: usize, runs: &mut [(&str, &mut dyn FnMut() -> u64)]) {
    let mut best = vec![Duration::MAX; runs.len()];
    let mut checks = vec![0u64; runs.len()];
    for rep in 0..reps {
        // Rotate who goes first, so that no peer always meets a cold cache.
        for k in 0..runs.len() {
            let i = (rep + k) % runs.len();
            let start = Instant::now();
            checks[i] = (runs[i].1)();
            best[i] = best[i].min(start.elapsed());
        }
    }
    for (i, (name, _)) in runs.iter().enumerate() {
        println!("{figure} {name} {:.6} {}", best[i].as_secs_f64(), checks[i]);
    }
}

// ------------------------------------------------------------ data

fn mktree(root: &Path) {
    // 50 directories of 99 subdirectories: 5,000 directories; 20 files
    // in each: 100,000 files of 0..1000 bytes.
    let data = vec![b'x'; 1000];
    let mut n = 0usize;
    fs::create_dir_all(root).expect("root");
    let mut put = |dir: &Path| {
        for f in 0..20 {
            fs::write(dir.join(format!("f{f:02}.txt")), &data[..n % 1000]).expect("file");
            n += 1;
        }
    };
    for a in 0..50 {
        let top = root.join(format!("d{a:02}"));
        fs::create_dir(&top).expect("dir");
        put(&top);
        for b in 0..99 {
            let sub = top.join(format!("s{b:02}"));
            fs::create_dir(&sub).expect("dir");
            put(&sub);
        }
    }
}

fn mkflat(dir: &Path, n: usize) {
    fs::create_dir_all(dir).expect("dir");
    for i in 0..n {
        fs::File::create(dir.join(format!("entry-{i:06}"))).expect("file");
    }
}

fn mkbig(file: &Path, mib: usize) {
    use std::io::Write;
    let mut f = fs::File::create(file).expect("file");
    let block: Vec<u8> = (0..1 << 20)
        .map(|i: u32| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    for _ in 0..mib {
        f.write_all(&block).expect("write");
    }
    f.sync_all().expect("sync");
}

// ------------------------------------------------------------ walk

/// Strata's `os.fwalk`, each file's size by `stat(name, dir_fd=...)`.
fn strata_fwalk(root: &str) -> u64 {
    let mut total = 0;
    let Ok(mut walk) = sos::fwalk(root, false) else {
        return 0;
    };
    while let Some((entry, fd)) = walk.next_mut() {
        for name in &entry.filenames {
            if let Ok(st) = cos::stat_at(fd, name, false) {
                total += st.st_size as u64;
            }
        }
    }
    total
}

/// Strata's `os.walk`, each file's size by `lstat(join(dirpath, name))`:
/// the idiom Python programs use.
fn strata_walk(root: &str) -> u64 {
    let mut total = 0;
    let mut walk = sos::walk(root);
    let mut path = Vec::new();
    while let Some(entry) = walk.next_mut() {
        for name in &entry.filenames {
            path.clear();
            path.extend_from_slice(&entry.dirpath);
            path.push(b'/');
            path.extend_from_slice(name);
            if let Ok(st) = cos::lstat(&path) {
                total += st.st_size as u64;
            }
        }
    }
    total
}

/// Core's scandir over directory fds, no allocation per entry: the
/// lowest layer, for reference.
fn strata_scandir(dir: cos::BorrowedFd<'_>, buf: &mut Vec<u8>) -> u64 {
    let mut total = 0;
    let mut subdirs: Vec<cos::OwnedFd> = Vec::new();
    let mut entries = cos::scandir_fd(dir, buf);
    while let Some(Ok(entry)) = entries.next_raw() {
        let is_dir = match entry.is_dir_hint() {
            Some(d) => d,
            None => entry.to_entry().is_dir(false) == Ok(true),
        };
        if is_dir {
            if let Ok(fd) = cos::openat(dir, entry.name(), cos::O_RDONLY | cos::O_DIRECTORY, 0) {
                subdirs.push(fd);
            }
        } else if let Ok(st) = cos::stat_at(dir, entry.name(), false) {
            total += st.st_size as u64;
        }
    }
    drop(entries);
    for fd in subdirs {
        total += strata_scandir(cos::AsFd::as_fd(&fd), buf);
    }
    total
}

fn walkdir_crate(root: &str) -> u64 {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn std_read_dir(dir: &Path) -> u64 {
    let mut total = 0;
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        match entry.file_type() {
            Ok(t) if t.is_dir() => total += std_read_dir(&entry.path()),
            Ok(_) => total += entry.metadata().map_or(0, |m| m.len()),
            Err(_) => {}
        }
    }
    total
}

fn walk(root: &str, reps: usize) {
    let mut buf = vec![0u8; 32 * 1024];
    let root_fd = cos::open(root, cos::O_RDONLY | cos::O_DIRECTORY, 0).expect("root");
    race(
        "walk",
        reps,
        &mut [
            ("strata-fwalk", &mut || strata_fwalk(root)),
            ("strata-walk", &mut || strata_walk(root)),
            ("strata-scandir", &mut || {
                strata_scandir(cos::AsFd::as_fd(&root_fd), &mut buf)
            }),
            ("walkdir", &mut || walkdir_crate(root)),
            ("std-read_dir", &mut || std_read_dir(Path::new(root))),
        ],
    );
}

// ------------------------------------------------------------ listdir

fn listdir(dir: &str, reps: usize) {
    let mut buf = vec![0u8; 32 * 1024];
    race(
        "listdir",
        reps,
        &mut [
            ("strata-listdir", &mut || {
                sos::listdir(dir).map_or(0, |v| v.len() as u64)
            }),
            ("strata-scandir", &mut || {
                let Ok(mut it) = cos::scandir(dir, &mut buf) else {
                    return 0;
                };
                let mut n = 0;
                while let Some(Ok(_)) = it.next_raw() {
                    n += 1;
                }
                n
            }),
            ("std-read_dir", &mut || {
                fs::read_dir(dir).map_or(0, |it| {
                    it.flatten()
                        .map(|e| e.file_name())
                        .collect::<Vec<OsString>>()
                        .len() as u64
                })
            }),
        ],
    );
}

// ------------------------------------------------------------ spawn

fn spawn(n: usize, program: &str) {
    // The same environment for every peer: std passes the process's own.
    let env: Vec<CString> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let mut e = k.as_bytes().to_vec();
            e.push(b'=');
            e.extend_from_slice(v.as_bytes());
            CString::new(e).ok()
        })
        .collect();
    let env_refs: Vec<&CStr> = env.iter().map(CString::as_c_str).collect();
    let program_c = CString::new(program).expect("program");
    let argv = [program_c.as_c_str()];
    let attrs = cos::SpawnAttrs::default();
    let block = 100.min(n.max(1));
    let rounds = n.div_ceil(block);
    let mut strata_spawn = || {
        for _ in 0..block {
            let pid = cos::posix_spawn(program, &argv, cos::Env::Entries(&env_refs), &attrs)
                .expect("posix_spawn");
            let (_, status) = cos::waitpid(pid, 0).expect("waitpid");
            assert_eq!(status, 0);
        }
        block as u64
    };
    let mut strata_fork = || {
        for _ in 0..block {
            let pid = cos::fork().expect("fork");
            if pid == 0 {
                cos::execve(program, &argv, cos::Env::Entries(&env_refs));
                cos::_exit(127);
            }
            let (_, status) = cos::waitpid(pid, 0).expect("waitpid");
            assert_eq!(status, 0);
        }
        block as u64
    };
    let mut std_command = || {
        for _ in 0..block {
            let status = Command::new(program).status().expect("spawn");
            assert!(status.success());
        }
        block as u64
    };
    // Sum of the rounds, not the best: spawning is what is measured.
    let mut totals = [Duration::ZERO; 3];
    for _ in 0..rounds {
        let runs: [&mut dyn FnMut() -> u64; 3] =
            [&mut strata_spawn, &mut strata_fork, &mut std_command];
        for (i, run) in runs.into_iter().enumerate() {
            let start = Instant::now();
            run();
            totals[i] += start.elapsed();
        }
    }
    for (name, total) in ["strata-posix_spawn", "strata-fork+execve", "std-Command"]
        .iter()
        .zip(totals)
    {
        println!("spawn {name} {:.6} {}", total.as_secs_f64(), rounds * block);
    }
}

// ------------------------------------------------------------ copy

/// Strata: `copy_file_range` until the end, `sendfile` where the kernel
/// cannot (what `shutil.copyfile` does on Linux).
fn strata_copy(src: &str, dst: &str) -> u64 {
    let from = cos::open(src, cos::O_RDONLY, 0).expect("src");
    let to = cos::open(dst, cos::O_WRONLY | cos::O_CREAT | cos::O_TRUNC, 0o644).expect("dst");
    let mut total = 0u64;
    let mut use_sendfile = false;
    loop {
        let chunk = 1 << 30;
        let n = if use_sendfile {
            cos::sendfile(&to, &from, None, chunk)
        } else {
            match cos::copy_file_range(&from, &to, chunk, None, None) {
                Err(strata_core::errno::Errno::XDEV | strata_core::errno::Errno::NOSYS) => {
                    use_sendfile = true;
                    continue;
                }
                other => other,
            }
        };
        match n {
            Ok(0) => return total,
            Ok(n) => total += n as u64,
            Err(e) => panic!("copy: {e:?}"),
        }
    }
}

/// A way to copy `src` to `dst`, returning the bytes copied.
type Copier = dyn Fn(&str, &str) -> u64;

fn copy(src: &str, dst: &str, reps: usize) {
    // Each copy goes to a new file, after the previous one's dirty pages
    // are on disk: ext4 flushes a file truncated and rewritten at close
    // (auto_da_alloc), which would tax whoever reuses the destination.
    let cp = |src: &str, dst: &str| {
        let status = Command::new("cp").arg(src).arg(dst).status().expect("cp");
        assert!(status.success());
        fs::metadata(dst).map_or(0, |m| m.len())
    };
    let runs: [(&str, &Copier); 3] = [
        ("strata-copy_file_range", &strata_copy),
        ("std-fs-copy", &|s, d| fs::copy(s, d).expect("copy")),
        ("cp", &cp),
    ];
    let mut best = [Duration::MAX; 3];
    let mut checks = [0u64; 3];
    for rep in 0..reps {
        // Rotate who goes first: the first copy after a sync pays more.
        for k in 0..runs.len() {
            let i = (rep + k) % runs.len();
            let run = runs[i].1;
            let _ = fs::remove_file(dst);
            cos::sync();
            let start = Instant::now();
            checks[i] = run(src, dst);
            best[i] = best[i].min(start.elapsed());
        }
    }
    let _ = fs::remove_file(dst);
    for (i, (name, _)) in runs.iter().enumerate() {
        println!("copy {name} {:.6} {}", best[i].as_secs_f64(), checks[i]);
    }
}

// ------------------------------------------------------------ external

fn time_command(reps: usize, cmd: &[String]) {
    let mut best = Duration::MAX;
    for _ in 0..reps {
        let start = Instant::now();
        let status = Command::new(&cmd[0])
            .args(&cmd[1..])
            .stdout(Stdio::null())
            .status()
            .expect("command");
        assert!(status.success(), "{cmd:?} failed");
        best = best.min(start.elapsed());
    }
    println!("{:.6}", best.as_secs_f64());
}
