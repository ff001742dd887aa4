//! The `path` test program: `os.path` and `fnmatch`.
//!
//! First the CPython oracles (tests/oracle/posixpath.txt and fnmatch.txt,
//! embedded), one check per group of records, from `/` as the fixture was
//! made; then the functions that ask the file system, live, on a tree this
//! program makes in a fresh directory under `$TMPDIR` (default `/tmp`,
//! made if missing, as when running as PID 1 with nothing mounted):
//! files, directories, symbolic links in chains and loops, dangling ones,
//! and `expanduser`/`expandvars` with an environment set here. The
//! expected values follow from Python's rules, not from this machine.
#![no_std]
#![no_main]

extern crate alloc;

#[path = "../path_oracle.rs"]
mod path_oracle;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::os::{self, path};
use strata_alloc::println;
use strata_tests::Tap;

strata_alloc::main!(main);

const POSIXPATH: &str = include_str!("../../oracle/posixpath.txt");
const FNMATCH: &str = include_str!("../../oracle/fnmatch.txt");

fn main() -> i32 {
    let mut tap = Tap::new();
    oracles(&mut tap);
    let dir = temp_dir();
    let Ok(real) = path::realpath(&dir) else {
        println!("Bail out! realpath of the temporary directory failed");
        return 1;
    };
    tree(&mut tap, &dir);
    questions(&mut tap, &dir);
    getters(&mut tap, &dir);
    resolution(&mut tap, &dir, &real);
    mounts(&mut tap, &dir);
    expansion(&mut tap);
    cleanup(&mut tap, &dir);
    tap.finish()
}

fn report(tap: &mut Tap, prefix: &str, groups: &[path_oracle::Group]) {
    for g in groups {
        if let Some(why) = &g.skipped {
            tap.check(&format!("{prefix}: {} # SKIP {why}", g.name), true);
            continue;
        }
        for m in &g.first {
            println!("# mismatch: {m}");
        }
        tap.check(
            &format!(
                "{prefix}: {} ({} records, {} failed)",
                g.name, g.checked, g.failed
            ),
            g.passed(),
        );
    }
}

fn oracles(tap: &mut Tap) {
    // The fixture's abspath and realpath were made from `/`.
    let cwd_ok = os::chdir("/").is_ok();
    tap.check("chdir to / for the posixpath oracle", cwd_ok);
    report(
        tap,
        "posixpath oracle",
        &path_oracle::posixpath(POSIXPATH, os::getuid()),
    );
    report(tap, "fnmatch oracle", &path_oracle::fnmatch(FNMATCH));
}

// ---------------------------------------------------------------- helpers

fn join(dir: &[u8], name: &str) -> Vec<u8> {
    path::join(dir, name)
}

fn write_file(p: &[u8], data: &[u8]) -> bool {
    let Ok(fd) = os::open(p, os::O_WRONLY | os::O_CREAT | os::O_TRUNC, 0o644) else {
        return false;
    };
    os::write(&fd, data) == Ok(data.len())
}

/// A fresh directory under `$TMPDIR` (default `/tmp`, made if missing).
fn temp_dir() -> Vec<u8> {
    let base = os::getenv("TMPDIR").unwrap_or_else(|| b"/tmp".to_vec());
    if !path::isdir(&base) {
        let _ = os::mkdir(&base, 0o1777);
    }
    let mut n = 0;
    loop {
        let dir = path::join(&base, format!("strata-path-{}-{}", os::getpid(), n));
        match os::mkdir(&dir, 0o700) {
            Ok(()) => return dir,
            Err(_) if n < 100 => n += 1,
            Err(e) => {
                println!("Bail out! cannot make a temporary directory: {e}");
                os::_exit(1);
            }
        }
    }
}

/// The links and files of the tree, as (name, target) for links.
const LINKS: [(&str, &str); 12] = [
    ("l", "f"),
    ("dl", "d"),
    ("dangling", "nowhere"),
    ("c1", "c2"),
    ("c2", "c3"),
    ("c3", "f"),
    ("loop1", "loop2"),
    ("loop2", "loop1"),
    ("self", "self"),
    ("up", "d/.."),
    ("d/back", "../f"),
    ("d/rel", "../dl/sub"),
];

fn tree(tap: &mut Tap, dir: &[u8]) {
    let mut ok = write_file(&join(dir, "f"), b"0123456789")
        && os::mkdir(join(dir, "d"), 0o755).is_ok()
        && os::mkdir(join(dir, "d/sub"), 0o755).is_ok()
        && write_file(&join(dir, "d/sub/g"), b"");
    for (name, target) in LINKS {
        ok &= os::symlink(target, join(dir, name)).is_ok();
    }
    // An absolute link, through the relative chain.
    ok &= os::symlink(join(dir, "c1"), join(dir, "abs")).is_ok();
    tap.check("a tree of files, directories and symbolic links", ok);
}

fn questions(tap: &mut Tap, dir: &[u8]) {
    let p = |name: &str| join(dir, name);
    tap.check(
        "exists: a file, a directory, a link to either; not a dangling link",
        path::exists(p("f"))
            && path::exists(p("d"))
            && path::exists(p("l"))
            && path::exists(p("dl"))
            && !path::exists(p("dangling"))
            && !path::exists(p("nothing")),
    );
    tap.check(
        "lexists: true for a dangling link, false for nothing",
        path::lexists(p("dangling")) && !path::lexists(p("nothing")),
    );
    tap.check(
        "isdir and isfile follow links",
        path::isdir(p("d"))
            && path::isdir(p("dl"))
            && !path::isdir(p("f"))
            && path::isfile(p("f"))
            && path::isfile(p("l"))
            && path::isfile(p("c1"))
            && !path::isfile(p("d"))
            && !path::isfile(p("dangling")),
    );
    tap.check(
        "islink: links (dangling and looping too), not what they point to",
        path::islink(p("l"))
            && path::islink(p("dl"))
            && path::islink(p("dangling"))
            && path::islink(p("loop1"))
            && !path::islink(p("f"))
            && !path::islink(p("d"))
            && !path::islink(p("nothing")),
    );
    tap.check(
        "a loop of links neither exists nor is a directory or a file",
        !path::exists(p("loop1")) && !path::isdir(p("self")) && !path::isfile(p("loop2")),
    );
    let long = alloc::vec![b'x'; 5000];
    tap.check(
        "the questions answer false for a NUL, a name too long, a file as a directory",
        !path::exists(b"a\0b")
            && !path::lexists(b"/\0")
            && !path::isdir(&long)
            && !path::islink(&long)
            && !path::exists(p("f/x"))
            && !path::ismount(b"/\0"),
    );
}

fn getters(tap: &mut Tap, dir: &[u8]) {
    let p = |name: &str| join(dir, name);
    tap.check(
        "getsize of a file and through a link",
        path::getsize(p("f")) == Ok(10) && path::getsize(p("l")) == Ok(10),
    );
    let missing = path::getsize(p("nothing"));
    tap.check(
        "getsize of nothing is ENOENT from stat, naming the path",
        missing.as_ref().is_err_and(|e| {
            e.errno() == strata_alloc::errno::ENOENT
                && e.operation() == "stat"
                && e.path() == Some(&p("nothing")[..])
        }),
    );
    let set = os::utime(
        p("f"),
        Some((1_000_000_000_500_000_000, 1_234_567_890_250_000_000)),
    );
    tap.check(
        "getatime and getmtime are the times utime set, in seconds",
        set.is_ok()
            && path::getatime(p("f")) == Ok(1_000_000_000.5)
            && path::getmtime(p("l")) == Ok(1_234_567_890.25),
    );
    tap.check(
        "getctime is the last status change: after 2020",
        path::getctime(p("f")).is_ok_and(|t| t > 1.6e9) && path::getctime(p("dangling")).is_err(),
    );
    tap.check(
        "samefile: a file and the links to it, not another",
        path::samefile(p("f"), p("l")) == Ok(true)
            && path::samefile(p("c1"), p("abs")) == Ok(true)
            && path::samefile(p("d/back"), p("f")) == Ok(true)
            && path::samefile(p("f"), p("d")) == Ok(false)
            && path::samefile(p("dl"), p("d")) == Ok(true),
    );
    let err = path::samefile(p("f"), p("dangling"));
    tap.check(
        "samefile with a dangling link is stat's error naming it",
        err.is_err_and(|e| {
            e.errno() == strata_alloc::errno::ENOENT && e.path() == Some(&p("dangling")[..])
        }),
    );
    let (a, b, c) = (
        os::open(p("f"), os::O_RDONLY, 0),
        os::open(p("l"), os::O_RDONLY, 0),
        os::open(p("d"), os::O_RDONLY, 0),
    );
    let same = match (&a, &b, &c) {
        (Ok(a), Ok(b), Ok(c)) => {
            path::sameopenfile(a, b) == Ok(true) && path::sameopenfile(a, c) == Ok(false)
        }
        _ => false,
    };
    tap.check("sameopenfile: two opens of a file, not a directory", same);
    let (s1, s2, s3) = (os::stat(p("f")), os::lstat(p("l")), os::stat(p("l")));
    tap.check(
        "samestat: stat of a link is its target's, lstat is not",
        match (s1, s2, s3) {
            (Ok(s1), Ok(s2), Ok(s3)) => path::samestat(&s1, &s3) && !path::samestat(&s1, &s2),
            _ => false,
        },
    );
}

fn resolution(tap: &mut Tap, dir: &[u8], real: &[u8]) {
    let p = |name: &str| join(dir, name);
    let r = |name: &str| join(real, name);
    let no_links = {
        // Every prefix of the resolved directory is a real directory.
        let mut prefix = Vec::new();
        let mut ok = path::isabs(real);
        for comp in real.split(|&b| b == b'/').filter(|c| !c.is_empty()) {
            prefix.push(b'/');
            prefix.extend_from_slice(comp);
            ok &= path::isdir(&prefix) && !path::islink(&prefix);
        }
        ok
    };
    tap.check(
        "realpath of the directory: absolute, no links in it",
        no_links,
    );
    let cases: [(&str, Vec<u8>); 14] = [
        ("f", r("f")),
        ("l", r("f")),
        ("c1", r("f")),
        ("abs", r("f")),
        ("dl/sub/g", r("d/sub/g")),
        ("up", real.to_vec()),
        ("up/f", r("f")),
        ("d/back", r("f")),
        ("d/rel", r("d/sub")),
        ("dangling", r("nowhere")),
        ("dangling/x/..", r("nowhere")),
        // A loop stops resolution there; the rest is appended as it is
        // (and normalised with the whole).
        ("loop1", r("loop1")),
        ("loop2/x/../y", r("loop2/y")),
        ("self/.", r("self")),
    ];
    let mut bad = String::new();
    for (name, want) in &cases {
        match path::realpath(p(name)) {
            Ok(got) if got == *want => {}
            got => {
                bad = format!(
                    "realpath({name}) = {:?}, want {}",
                    got.map(|g| path_oracle::esc(&g)),
                    path_oracle::esc(want)
                );
                println!("# {bad}");
            }
        }
    }
    tap.check(
        "realpath through chains, absolute and relative links, .., loops",
        bad.is_empty(),
    );
    tap.check(
        "realpath_strict: ENOENT for a dangling link, ELOOP for a loop, the path for a good one",
        path::realpath_strict(p("dangling"))
            .is_err_and(|e| e.errno() == strata_alloc::errno::ENOENT)
            && path::realpath_strict(p("loop1"))
                .is_err_and(|e| e.errno() == strata_alloc::errno::ELOOP)
            && path::realpath_strict(p("c1")) == Ok(r("f")),
    );
    tap.check(
        "realpath of a path with a NUL is EINVAL (Python: ValueError)",
        path::realpath(join(dir, "a\0b")).is_err_and(|e| e.errno() == strata_alloc::errno::EINVAL),
    );
    let in_dir = os::chdir(dir).is_ok();
    tap.check(
        "relative paths from the directory: realpath, abspath, relpath",
        in_dir
            && path::realpath("l") == Ok(r("f"))
            && path::realpath("") == Ok(real.to_vec())
            && path::realpath("dl/../f") == Ok(r("f"))
            && path::abspath("x/../y") == Ok(r("y"))
            && path::abspath("") == os::getcwdb()
            && path::relpath(r("d/x"), ".") == Ok(b"d/x".to_vec())
            && path::relpath("d/sub", "d/x/y") == Ok(b"../../sub".to_vec()),
    );
    let _ = os::chdir("/");
    climbing_links(tap);
}

/// A link in `/` to `../NAME`, resolved from `/` as a relative path, names
/// a new path at every turn (`../NAME`, `../../NAME`, ...), so no loop is
/// ever seen: realpath must give up (Python: RecursionError), not run on.
/// Only as PID 1, whose `/` is this program's own.
fn climbing_links(tap: &mut Tap) {
    const NAME: &str = "strata-climb";
    if os::getpid() != 1 {
        tap.check(
            "realpath gives up on links that climb forever # SKIP only as PID 1 (it needs a link in /)",
            true,
        );
        return;
    }
    let made = os::symlink(format!("../{NAME}"), format!("/{NAME}")).is_ok();
    let gave_up = os::chdir("/").is_ok()
        && path::realpath(NAME).is_err_and(|e| e.errno() == strata_alloc::errno::ELOOP);
    let removed = os::unlink(format!("/{NAME}")).is_ok();
    tap.check(
        "realpath gives up on links that climb forever: ELOOP",
        made && gave_up && removed,
    );
}

fn mounts(tap: &mut Tap, dir: &[u8]) {
    tap.check("ismount: / is a mount point", path::ismount("/"));
    tap.check(
        "ismount: not a directory in the tree, a link, nothing",
        !path::ismount(dir)
            && !path::ismount(join(dir, "d"))
            && !path::ismount(join(dir, "dl"))
            && !path::ismount(join(dir, "nothing")),
    );
    // procfs is mounted on /proc where /proc/self exists.
    if path::isdir("/proc/self") {
        tap.check(
            "ismount: /proc (procfs mounted here)",
            path::ismount("/proc") && !path::ismount("/proc/self/fd/.."),
        );
    } else {
        tap.check("ismount: /proc # SKIP no procfs mounted", true);
    }
}

fn expansion(tap: &mut Tap) {
    let home_set = os::putenv("HOME", "/home/strata//").is_ok();
    tap.check(
        "expanduser with HOME set: its trailing slashes go",
        home_set
            && path::expanduser("~") == b"/home/strata"
            && path::expanduser("~/a/b") == b"/home/strata/a/b"
            && path::expanduser("x~") == b"x~"
            && path::expanduser("~strata-no-such-user/x") == b"~strata-no-such-user/x",
    );
    let _ = os::putenv("HOME", "/");
    tap.check(
        "expanduser with HOME=/ gives /",
        path::expanduser("~") == b"/",
    );
    let unset = os::unsetenv("HOME").is_ok();
    // Without HOME, the password database: read here the same way (or
    // empty where there is none, as under PID 1).
    let passwd = read("/etc/passwd");
    tap.check(
        "expanduser without HOME reads /etc/passwd for the uid and for ~root",
        unset
            && path::expanduser("~") == path::expanduser_with("~", None, &passwd)
            && path::expanduser("~root/x") == path::expanduser_with("~root/x", None, &passwd)
            && (!passwd.starts_with(b"root:") || path::expanduser("~root") != b"~root"),
    );
    let set = os::putenv("STRATA_PATH_V", "val").is_ok() && os::putenv("STRATA_PATH_E", "").is_ok();
    tap.check(
        "expandvars reads the process environment",
        set && path::expandvars("$STRATA_PATH_V/${STRATA_PATH_V}x$STRATA_PATH_E.") == b"val/valx."
            && path::expandvars("$STRATA_PATH_NONE/$") == b"$STRATA_PATH_NONE/$"
            && path::expandvars("${STRATA_PATH_V") == b"${STRATA_PATH_V",
    );
}

fn read(p: &str) -> Vec<u8> {
    let mut out = Vec::new();
    if let Ok(fd) = os::open(p, os::O_RDONLY, 0) {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
    }
    out
}

fn cleanup(tap: &mut Tap, dir: &[u8]) {
    let mut ok = true;
    for (name, _) in LINKS.iter().rev() {
        ok &= os::unlink(join(dir, name)).is_ok();
    }
    ok &= os::unlink(join(dir, "abs")).is_ok()
        && os::unlink(join(dir, "d/sub/g")).is_ok()
        && os::rmdir(join(dir, "d/sub")).is_ok()
        && os::rmdir(join(dir, "d")).is_ok()
        && os::unlink(join(dir, "f")).is_ok()
        && os::rmdir(dir).is_ok();
    tap.check("the tree is removed", ok);
}
