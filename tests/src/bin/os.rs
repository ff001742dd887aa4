//! The os test program: every function of Strata's `os` module exercised
//! for real on a temporary directory and on real child processes, success
//! and error paths, and the answers Python also gives compared with
//! `python3` run from here (skipped, with a `# skip` line, where there is
//! no python3).
//!
//! `os child-fds` is the exec target of the inheritance check: it prints
//! the fds it has (`/proc/self/fd`, minus the one it reads that through)
//! and exits. Under qemu-user a foreign-architecture program cannot exec
//! itself (no binfmt_misc: `ENOEXEC`), so there the check lists the fds of
//! an exec'd `/bin/sh` from `/proc/<pid>/fd` instead.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::ffi::CString;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::ffi::CStr;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use strata_alloc::os::{self, AsFd, AsRawFd, BorrowedFd, FileAction, OFlags, SpawnAttrs};
use strata_alloc::{errno::Errno, println, signal};
use strata_tests::Tap;

strata_alloc::main!(main);

/// `format!` through `core::fmt`: alloc's `format` would need unwinding
/// symbols a libc-free program lacks.
macro_rules! fmt {
    ($($arg:tt)*) => {{
        let mut s = String::new();
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}

fn main() -> i32 {
    let mut args = os::argv();
    if args.nth(1).map(CStr::to_bytes) == Some(b"child-fds") {
        return child_fds();
    }
    let mut t = Tap::new();
    let old_umask = os::umask(0o022);
    let dir = temp_dir();
    bad_input(&mut t, &dir);
    fd_basics(&mut t, &dir);
    fd_transfer(&mut t, &dir);
    fd_special(&mut t, &dir);
    files(&mut t, &dir);
    directories(&mut t, &dir);
    xattrs(&mut t, &dir);
    params(&mut t);
    forks(&mut t);
    execs(&mut t, &dir);
    spawns(&mut t, &dir);
    spawn_family(&mut t);
    ptys(&mut t);
    limits(&mut t, &dir);
    groups(&mut t);
    inheritance(&mut t);
    waits(&mut t);
    shells(&mut t, &dir);
    scheduler(&mut t);
    system_info(&mut t);
    random(&mut t);
    os::umask(old_umask);
    python_oracle(&mut t, &dir);
    cleanup(&mut t, &dir);
    t.finish()
}

// ---------------------------------------------------------------- helpers

fn err<T>(r: Result<T, Errno>) -> Option<Errno> {
    r.err()
}

fn aerr<T>(r: Result<T, os::Error>) -> Option<Errno> {
    r.err().map(|e| e.errno())
}

fn join(dir: &[u8], name: &str) -> Vec<u8> {
    let mut p = dir.to_vec();
    p.push(b'/');
    p.extend_from_slice(name.as_bytes());
    p
}

fn cstring(bytes: &[u8]) -> CString {
    CString::new(bytes).unwrap_or_default()
}

fn flush() {
    let _ = strata_alloc::io::stdout().flush();
}

fn write_file(path: &[u8], data: &[u8]) -> bool {
    let Ok(fd) = os::open(path, os::O_WRONLY | os::O_CREAT | os::O_TRUNC, 0o644) else {
        return false;
    };
    os::write(&fd, data) == Ok(data.len())
}

fn read_file(path: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if let Ok(fd) = os::open(path, os::O_RDONLY, 0) {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
    }
    out
}

fn read_all(fd: impl AsFd) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// A fresh directory under `$TMPDIR` (default `/tmp`).
fn temp_dir() -> Vec<u8> {
    let base = os::getenv("TMPDIR").unwrap_or_else(|| b"/tmp".to_vec());
    let mut n = 0;
    loop {
        let dir = fmt!("{}/strata-os-{}-{}", os::fsdecode(&base), os::getpid(), n);
        match os::mkdir(&dir, 0o700) {
            Ok(()) => return dir.into_bytes(),
            Err(_) if n < 100 => n += 1,
            Err(e) => {
                println!("Bail out! cannot make a temporary directory: {e}");
                os::_exit(1);
            }
        }
    }
}

/// Runs `/bin/sh -c script` with stdout to a pipe (plus `actions`, after
/// that dup2) and `attrs`; returns the wait status and the output.
fn sh_with(script: &str, actions: &[FileAction<'_>], attrs: SpawnAttrs<'_>) -> (i32, Vec<u8>) {
    let Ok((r, w)) = os::pipe() else {
        return (-1, Vec::new());
    };
    let mut all = vec![FileAction::Dup2 {
        fd: w.as_raw_fd(),
        new_fd: 1,
    }];
    all.extend_from_slice(actions);
    let attrs = SpawnAttrs {
        file_actions: &all,
        ..attrs
    };
    let spawned = os::posix_spawn("/bin/sh", &["sh", "-c", script], None, &attrs);
    drop(w);
    let Ok(pid) = spawned else {
        return (-1, Vec::new());
    };
    let out = read_all(&r);
    let status = os::waitpid(pid, 0).map_or(-1, |(_, s)| s);
    (status, out)
}

fn sh(script: &str) -> (i32, Vec<u8>) {
    sh_with(script, &[], SpawnAttrs::default())
}

/// Forks a child that runs `f` and exits with its result; returns the
/// child's wait status.
fn in_child(f: impl FnOnce() -> i32) -> i32 {
    flush();
    match os::fork() {
        Ok(0) => os::_exit(f()),
        Ok(pid) => os::waitpid(pid, 0).map_or(-1, |(_, s)| s),
        Err(_) => -1,
    }
}

/// Records a check, showing `detail` as a comment when it fails.
fn check_with(t: &mut Tap, name: &str, ok: bool, detail: impl core::fmt::Debug) {
    if !ok {
        println!("# {name}: {detail:?}");
    }
    t.check(name, ok);
}

fn exited(status: i32, code: i32) -> bool {
    os::WIFEXITED(status) && os::WEXITSTATUS(status) == code
}

/// Borrows a raw fd number for a check.
fn raw(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: only used with fds this program keeps open while borrowed,
    // or to see that a closed number is refused (EBADF).
    unsafe { BorrowedFd::borrow_raw(fd) }
}

// ---------------------------------------------------------------- bad input

fn bad_input(t: &mut Tap, dir: &[u8]) {
    t.check(
        "a path with an embedded NUL is EINVAL",
        aerr(os::stat(b"a\0b")) == Some(Errno::INVAL),
    );
    let long = vec![b'a'; 5000];
    t.check(
        "a path of PATH_MAX bytes or more is ENAMETOOLONG",
        aerr(os::stat(&long)) == Some(Errno::NAMETOOLONG),
    );
    let fd = os::open(dir, os::O_RDONLY, 0);
    t.check(
        "dup2 to a negative fd is EBADF",
        fd.as_ref()
            .is_ok_and(|fd| err(os::dup2(fd, -1, true)) == Some(Errno::BADF)),
    );
    let e = os::stat("/nope").err().map(|e| fmt!("{e}"));
    t.check(
        "errors name the operation, the path and the errno",
        e.as_deref() == Some("stat(\"/nope\"): No such file or directory (ENOENT)"),
    );
    let e = os::rename("/nope-a", "/nope-b").err().map(|e| fmt!("{e}"));
    t.check(
        "two-path errors name both",
        e.as_deref()
            == Some("rename(\"/nope-a\", \"/nope-b\"): No such file or directory (ENOENT)"),
    );
    let e = os::mkdir_at(os::CWD, "/nope/dir", 0o700)
        .err()
        .map(|e| fmt!("{e}"));
    let e2 = os::rename_at(os::CWD, "/nope-a", os::CWD, "/nope-b").err();
    t.check(
        "dir_fd variants name their paths too",
        e.as_deref() == Some("mkdir(\"/nope/dir\"): No such file or directory (ENOENT)")
            && e2.is_some_and(|e| e.path2() == Some(&b"/nope-b"[..])),
    );
    let e = os::stat("").err().map(|e| e.errno());
    t.check("an empty path is ENOENT", e == Some(Errno::NOENT));
}

// ---------------------------------------------------------------- fds

fn fd_basics(t: &mut Tap, dir: &[u8]) {
    let path = join(dir, "data");
    let fd = match os::open(&path, os::O_WRONLY | os::O_CREAT | os::O_EXCL, 0o640) {
        Ok(fd) => fd,
        Err(e) => {
            t.check(&fmt!("open O_CREAT|O_EXCL ({e})"), false);
            return;
        }
    };
    t.check(
        "O_FSYNC and O_NDELAY are O_SYNC and O_NONBLOCK, as in CPython",
        os::O_FSYNC == os::O_SYNC && os::O_NDELAY == os::O_NONBLOCK,
    );
    t.check(
        "open makes a non-inheritable fd (PEP 446)",
        os::get_inheritable(&fd) == Ok(false),
    );
    t.check(
        "open's mode is masked by the umask",
        os::fstat(&fd).is_ok_and(|st| os::S_IMODE(st.st_mode) == 0o640 && st.is_file()),
    );
    let again = os::open(&path, os::O_WRONLY | os::O_CREAT | os::O_EXCL, 0o640);
    t.check(
        "O_EXCL on an existing file is EEXIST, naming the path",
        again
            .err()
            .is_some_and(|e| e.errno() == Errno::EXIST && e.path() == Some(&path[..])),
    );
    t.check("write", os::write(&fd, b"hello world") == Ok(11));
    let parts = [os::IoSlice::new(b"abc"), os::IoSlice::new(b"def")];
    t.check("writev", os::writev(&fd, &parts) == Ok(6));
    t.check(
        "pwrite leaves the position alone",
        os::pwrite(&fd, b"XY", 0) == Ok(2) && os::lseek(&fd, 0, os::SEEK_CUR) == Ok(17),
    );
    let parts = [os::IoSlice::new(b"12"), os::IoSlice::new(b"34")];
    t.check(
        "pwritev",
        os::pwritev(&fd, &parts, 17, os::ReadWriteFlags::empty()) == Ok(4),
    );
    t.check("fsync", os::fsync(&fd).is_ok());
    t.check("fdatasync", os::fdatasync(&fd).is_ok());
    t.check("close reports success", os::close(fd).is_ok());
    t.check(
        "the file holds what was written",
        read_file(&path) == b"XYllo worldabcdef1234",
    );

    let Ok(fd) = os::open(&path, os::O_RDONLY, 0) else {
        t.check("reopen", false);
        return;
    };
    let mut five = [0u8; 5];
    t.check(
        "read",
        os::read(&fd, &mut five) == Ok(5) && &five == b"XYllo",
    );
    let mut three = [0u8; 3];
    t.check(
        "pread at an offset",
        os::pread(&fd, &mut three, 6) == Ok(3) && &three == b"wor",
    );
    let (mut a, mut b) = ([0u8; 2], [0u8; 3]);
    let n = {
        let mut bufs = [os::IoSliceMut::new(&mut a), os::IoSliceMut::new(&mut b)];
        os::readv(&fd, &mut bufs)
    };
    t.check(
        "readv fills the buffers in order",
        n == Ok(5) && &a == b" w" && &b == b"orl",
    );
    let mut c = [0u8; 4];
    let n = {
        let mut bufs = [os::IoSliceMut::new(&mut c)];
        os::preadv(&fd, &mut bufs, 17, os::ReadWriteFlags::empty())
    };
    t.check("preadv", n == Ok(4) && &c == b"1234");
    t.check(
        "lseek SEEK_CUR/SEEK_END/SEEK_SET",
        os::lseek(&fd, 0, os::SEEK_CUR) == Ok(10)
            && os::lseek(&fd, -1, os::SEEK_END) == Ok(20)
            && os::lseek(&fd, 2, os::SEEK_SET) == Ok(2),
    );
    t.check(
        "lseek refuses a negative SEEK_SET and an unknown whence",
        err(os::lseek(&fd, -1, os::SEEK_SET)) == Some(Errno::INVAL)
            && err(os::lseek(&fd, 0, 9)) == Some(Errno::INVAL),
    );
    t.check(
        "pread at a negative offset is EINVAL",
        err(os::pread(&fd, &mut three, -1)) == Some(Errno::INVAL),
    );
    t.check(
        "writing a read-only fd is EBADF",
        err(os::write(&fd, b"x")) == Some(Errno::BADF),
    );

    // dup, dup2 and the inheritable flag.
    let d = os::dup(&fd);
    t.check(
        "dup is non-inheritable and shares the position",
        d.as_ref().is_ok_and(|d| {
            os::get_inheritable(d) == Ok(false)
                && os::lseek(d, 7, os::SEEK_SET) == Ok(7)
                && os::lseek(&fd, 0, os::SEEK_CUR) == Ok(7)
        }),
    );
    t.check(
        "dup2 is inheritable by default",
        os::dup2(&fd, 50, true) == Ok(50) && os::get_inheritable(raw(50)) == Ok(true),
    );
    t.check(
        "dup2 with inheritable=False is close-on-exec",
        os::dup2(&fd, 51, false) == Ok(51) && os::get_inheritable(raw(51)) == Ok(false),
    );
    let fdn = fd.as_raw_fd();
    t.check(
        "dup2 of an fd onto itself returns it",
        os::dup2(&fd, fdn, true) == Ok(fdn),
    );
    t.check(
        "set_inheritable sets and clears",
        os::set_inheritable(&fd, true).is_ok()
            && os::get_inheritable(&fd) == Ok(true)
            && os::set_inheritable(&fd, false).is_ok()
            && os::get_inheritable(&fd) == Ok(false),
    );
    // SAFETY: 50 and 51 are the dup2 copies made above, owned by no one.
    unsafe { os::closerange(50, 52) };
    t.check(
        "closerange closes the range",
        err(os::get_inheritable(raw(50))) == Some(Errno::BADF)
            && err(os::get_inheritable(raw(51))) == Some(Errno::BADF)
            && os::get_inheritable(&fd).is_ok(),
    );
    drop(d);

    // Sizes.
    let Ok(w) = os::open(&path, os::O_RDWR, 0) else {
        return;
    };
    t.check(
        "ftruncate",
        os::ftruncate(&w, 100).is_ok() && os::fstat(&w).is_ok_and(|s| s.st_size == 100),
    );
    t.check(
        "ftruncate to a negative length is EINVAL",
        err(os::ftruncate(&w, -1)) == Some(Errno::INVAL),
    );
    t.check(
        "truncate by path",
        os::truncate(&path, 10).is_ok() && os::stat(&path).is_ok_and(|s| s.st_size == 10),
    );
    // Past 4 GiB: the length's high word reaches the kernel on 32-bit too.
    let big = 5 << 30;
    t.check(
        "truncate by path past 4 GiB, sparse",
        os::truncate(&path, big).is_ok()
            && os::stat(&path).is_ok_and(|s| s.st_size == big)
            && os::truncate(&path, 10).is_ok(),
    );
    match os::posix_fallocate(&w, 0, 8192) {
        Ok(()) => t.check(
            "posix_fallocate grows the file",
            os::fstat(&w).is_ok_and(|s| s.st_size == 8192),
        ),
        Err(e) => {
            println!("# skip posix_fallocate: {e:?} on this file system");
            t.check(
                "posix_fallocate reports the file system's refusal",
                e == Errno::OPNOTSUPP,
            );
        }
    }
    t.check(
        "posix_fallocate of length 0 is EINVAL",
        err(os::posix_fallocate(&w, 0, 0)) == Some(Errno::INVAL),
    );
    t.check(
        "posix_fadvise",
        os::posix_fadvise(&w, 0, 0, os::POSIX_FADV_SEQUENTIAL).is_ok()
            && os::posix_fadvise(&w, 0, 4096, os::POSIX_FADV_DONTNEED).is_ok()
            && err(os::posix_fadvise(&w, 0, 0, 77)) == Some(Errno::INVAL),
    );
    t.check(
        "fchmod",
        os::fchmod(&w, 0o600).is_ok()
            && os::fstat(&w).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o600),
    );
    t.check(
        "fchown to our own ids, and with both left alone",
        os::fchown(&w, Some(os::getuid()), Some(os::getgid())).is_ok()
            && os::fchown(&w, None, None).is_ok(),
    );

    // SEEK_DATA and SEEK_HOLE on a sparse file.
    let sparse = join(dir, "sparse");
    if let Ok(s) = os::open(&sparse, os::O_RDWR | os::O_CREAT, 0o600) {
        let _ = os::pwrite(&s, b"data", 1 << 20);
        let size = (1 << 20) + 4;
        let data = os::lseek(&s, 0, os::SEEK_DATA);
        let hole = os::lseek(&s, 0, os::SEEK_HOLE);
        t.check(
            "SEEK_DATA and SEEK_HOLE agree with the file's layout",
            matches!((data, hole), (Ok(d), Ok(h)) if (d == 0x100000 && h == 0) || (d == 0 && h == size)),
        );
        t.check(
            "SEEK_DATA past the end is ENXIO",
            err(os::lseek(&s, size as i64 + 10, os::SEEK_DATA)) == Some(Errno::NXIO),
        );
    }

    // Blocking flag and pipes.
    match os::pipe() {
        Ok((r, w)) => {
            t.check(
                "pipe ends are non-inheritable",
                os::get_inheritable(&r) == Ok(false) && os::get_inheritable(&w) == Ok(false),
            );
            t.check(
                "get_blocking/set_blocking",
                os::get_blocking(&r) == Ok(true)
                    && os::set_blocking(&r, false).is_ok()
                    && os::get_blocking(&r) == Ok(false),
            );
            t.check(
                "a non-blocking read of an empty pipe is EAGAIN",
                err(os::read(&r, &mut [0u8; 4])) == Some(Errno::AGAIN),
            );
        }
        Err(_) => t.check("pipe", false),
    }
    match os::pipe2(os::O_NONBLOCK) {
        Ok((r, w)) => t.check(
            "pipe2 without O_CLOEXEC is inheritable, with O_NONBLOCK set",
            os::get_inheritable(&r) == Ok(true)
                && os::get_inheritable(&w) == Ok(true)
                && os::get_blocking(&w) == Ok(false),
        ),
        Err(_) => t.check("pipe2", false),
    }
    t.check(
        "pipe2 with O_CLOEXEC is not; other flags are EINVAL",
        os::pipe2(os::O_CLOEXEC).is_ok_and(|(r, _)| os::get_inheritable(&r) == Ok(false))
            && err(os::pipe2(os::O_APPEND)) == Some(Errno::INVAL),
    );
}

fn fd_transfer(t: &mut Tap, dir: &[u8]) {
    let src_path = join(dir, "digits");
    let _ = write_file(&src_path, b"0123456789");
    let (Ok(src), Ok((r, w))) = (os::open(&src_path, os::O_RDONLY, 0), os::pipe()) else {
        t.check("transfer setup", false);
        return;
    };
    let mut buf = [0u8; 16];
    t.check(
        "sendfile at an offset leaves the file position",
        os::sendfile(&w, &src, Some(2), 5) == Ok(5)
            && os::read(&r, &mut buf) == Ok(5)
            && &buf[..5] == b"23456"
            && os::lseek(&src, 0, os::SEEK_CUR) == Ok(0),
    );
    t.check(
        "sendfile without an offset advances it",
        os::sendfile(&w, &src, None, 3) == Ok(3)
            && os::read(&r, &mut buf) == Ok(3)
            && &buf[..3] == b"012"
            && os::lseek(&src, 0, os::SEEK_CUR) == Ok(3),
    );
    t.check(
        "splice from a file into a pipe",
        os::splice(&src, &w, 4, Some(1), None, 0) == Ok(4)
            && os::read(&r, &mut buf) == Ok(4)
            && &buf[..4] == b"1234",
    );
    t.check(
        "splice with unknown flags is EINVAL",
        err(os::splice(&src, &w, 4, Some(1), None, 0x1000)) == Some(Errno::INVAL),
    );
    let dst_path = join(dir, "digits-copy");
    if let Ok(dst) = os::open(&dst_path, os::O_WRONLY | os::O_CREAT, 0o600) {
        let copied = os::copy_file_range(&src, &dst, 10, Some(0), Some(0));
        // A raw call, as Python's: ENOSYS where the kernel lacks it, only there.
        let lacks = kernel_lacks(linux_raw_sys::general::__NR_copy_file_range);
        t.check(
            "copy_file_range (ENOSYS where the kernel has none)",
            if lacks {
                copied == Err(Errno::NOSYS)
            } else {
                copied == Ok(10) && read_file(&dst_path) == b"0123456789"
            },
        );
    }

    // eventfd
    match os::eventfd(0, os::EFD_CLOEXEC | os::EFD_NONBLOCK) {
        Ok(e) => {
            t.check(
                "eventfd is non-inheritable with EFD_CLOEXEC",
                os::get_inheritable(&e) == Ok(false),
            );
            t.check(
                "eventfd adds what is written and reads it all",
                os::eventfd_write(&e, 3).is_ok()
                    && os::eventfd_write(&e, 4).is_ok()
                    && os::eventfd_read(&e) == Ok(7),
            );
            t.check(
                "an empty non-blocking eventfd is EAGAIN",
                err(os::eventfd_read(&e)) == Some(Errno::AGAIN),
            );
        }
        Err(_) => t.check("eventfd", false),
    }
    let sem = os::eventfd(2, os::EFD_SEMAPHORE | os::EFD_NONBLOCK | os::EFD_CLOEXEC);
    t.check(
        "EFD_SEMAPHORE reads one at a time",
        sem.as_ref().is_ok_and(|s| {
            os::eventfd_read(s) == Ok(1)
                && os::eventfd_read(s) == Ok(1)
                && err(os::eventfd_read(s)) == Some(Errno::AGAIN)
        }),
    );

    // memfd
    match os::memfd_create("strata-test", os::MFD_CLOEXEC) {
        Ok(m) => {
            let link = os::readlink(fmt!("/proc/self/fd/{}", m.as_raw_fd()));
            t.check(
                "memfd_create: a named, non-inheritable memory file",
                os::get_inheritable(&m) == Ok(false)
                    && os::write(&m, &[7u8; 4096]) == Ok(4096)
                    && os::fstat(&m).is_ok_and(|s| s.st_size == 4096)
                    && link.is_ok_and(|l| l.starts_with(b"/memfd:strata-test")),
            );
        }
        Err(_) => t.check("memfd_create", false),
    }
    t.check(
        "memfd_create with unknown flags is EINVAL",
        err(os::memfd_create("x", 0x8000_0000)) == Some(Errno::INVAL),
    );
}

fn fd_special(t: &mut Tap, dir: &[u8]) {
    // lockf, seen from a second process.
    let path = join(dir, "locked");
    let _ = write_file(&path, b"lock me");
    if let Ok(fd) = os::open(&path, os::O_RDWR, 0) {
        t.check("lockf F_TLOCK", os::lockf(&fd, os::F_TLOCK, 0).is_ok());
        let status = in_child(|| {
            let Ok(fd) = os::open(&path, os::O_RDWR, 0) else {
                return 10;
            };
            let test = os::lockf(&fd, os::F_TEST, 0);
            let tlock = os::lockf(&fd, os::F_TLOCK, 0);
            match (test, tlock) {
                (Err(Errno::ACCESS), Err(Errno::AGAIN | Errno::ACCESS)) => 0,
                _ => 11,
            }
        });
        t.check(
            "another process sees the lock (F_TEST EACCES, F_TLOCK fails)",
            exited(status, 0),
        );
        t.check(
            "our own lock tests free",
            os::lockf(&fd, os::F_TEST, 0).is_ok(),
        );
        t.check("lockf F_ULOCK", os::lockf(&fd, os::F_ULOCK, 0).is_ok());
        let status = in_child(|| {
            let Ok(fd) = os::open(&path, os::O_RDWR, 0) else {
                return 10;
            };
            i32::from(os::lockf(&fd, os::F_TLOCK, 0).is_err())
        });
        t.check("after F_ULOCK another process may lock", exited(status, 0));
        t.check(
            "an unknown lockf command is EINVAL",
            err(os::lockf(&fd, 9, 0)) == Some(Errno::INVAL),
        );
    }

    // Terminals.
    match os::pipe() {
        Ok((r, _w)) => {
            let mut buf = [0u8; 64];
            t.check(
                "a pipe is no terminal",
                !os::isatty(&r)
                    && err(strata_alloc::tty::ttyname(&r, &mut buf)) == Some(Errno::NOTTY),
            );
        }
        Err(_) => t.check("pipe", false),
    }
    match os::openpty() {
        Ok((master, slave)) => {
            let name = os::ttyname(&slave);
            t.check(
                "openpty gives a terminal named /dev/pts/N",
                os::isatty(&slave) && name.is_ok_and(|n| n.starts_with("/dev/pts/")),
            );
            t.check(
                "openpty's fds are non-inheritable",
                os::get_inheritable(&master) == Ok(false)
                    && os::get_inheritable(&slave) == Ok(false),
            );
            t.check(
                "get_terminal_size of a new pty",
                os::get_terminal_size(&slave).is_ok(),
            );
        }
        Err(e) => {
            println!("# skip openpty: {e:?} (no /dev/pts here)");
            t.check(
                "openpty fails only for want of ptys",
                e == Errno::NOENT || e == Errno::NXIO,
            );
        }
    }

    // Special files.
    let fifo = join(dir, "fifo");
    t.check(
        "mkfifo makes a FIFO that opens without blocking for O_NONBLOCK reads",
        os::mkfifo(&fifo, 0o600).is_ok()
            && os::stat(&fifo).is_ok_and(|s| os::S_ISFIFO(s.st_mode))
            && os::open(&fifo, os::O_RDONLY | os::O_NONBLOCK, 0).is_ok(),
    );
    t.check(
        "truncate of a FIFO is EINVAL at once (nothing opens it)",
        aerr(os::truncate(&fifo, 0)) == Some(Errno::INVAL),
    );
    let node = join(dir, "node");
    t.check(
        "mknod S_IFREG",
        os::mknod(&node, os::S_IFREG | 0o600, 0).is_ok()
            && os::stat(&node).is_ok_and(|s| os::S_ISREG(s.st_mode)),
    );
    t.check(
        "mkfifo over an existing file is EEXIST",
        aerr(os::mkfifo(&node, 0o600)) == Some(Errno::EXIST),
    );
    let dev = os::makedev(8, 17);
    t.check(
        "makedev, major, minor",
        os::major(dev) == 8 && os::minor(dev) == 17 && dev == 2065,
    );
}

// ---------------------------------------------------------------- files

fn files(t: &mut Tap, dir: &[u8]) {
    let file = join(dir, "file");
    let _ = write_file(&file, b"contents");
    t.check(
        "access F_OK/R_OK/W_OK and a missing file",
        os::access(&file, os::F_OK) == Ok(true)
            && os::access(&file, os::R_OK | os::W_OK) == Ok(true)
            && os::access(join(dir, "missing"), os::F_OK) == Ok(false),
    );
    t.check(
        "access: X_OK on a directory, effective ids",
        os::access(dir, os::X_OK) == Ok(true)
            && os::access_at(os::CWD, &file, os::R_OK, true, true) == Ok(true),
    );
    t.check(
        "access with a NUL is EINVAL",
        aerr(os::access(b"a\0", os::F_OK)) == Some(Errno::INVAL),
    );
    t.check(
        "chmod",
        os::chmod(&file, 0o604).is_ok()
            && os::stat(&file).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o604),
    );
    t.check(
        "lchmod on a file",
        os::lchmod(&file, 0o644).is_ok()
            && os::stat(&file).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o644),
    );
    let link = join(dir, "link");
    t.check("symlink", os::symlink("file", &link).is_ok());
    t.check(
        "lchmod on a symbolic link is EOPNOTSUPP (Linux keeps no link mode)",
        aerr(os::lchmod(&link, 0o600)) == Some(Errno::OPNOTSUPP),
    );
    t.check(
        "readlink",
        os::readlink(&link).is_ok_and(|target| target == b"file"),
    );
    let long_target = "t".repeat(3000);
    let long_link = join(dir, "long-link");
    t.check(
        "readlink of a 3000-byte target grows its buffer",
        os::symlink(&long_target, &long_link).is_ok()
            && os::readlink(&long_link).is_ok_and(|t| t == long_target.as_bytes()),
    );
    let mut small = [0u8; 8];
    t.check(
        "core readlink into a small buffer is ENAMETOOLONG",
        err(strata_core::os::readlink(&long_link, &mut small)) == Some(Errno::NAMETOOLONG),
    );
    t.check(
        "readlink of a regular file is EINVAL",
        aerr(os::readlink(&file)) == Some(Errno::INVAL),
    );
    let (st, lst) = (os::stat(&link), os::lstat(&link));
    let target = os::stat(&file);
    t.check(
        "stat follows a link, lstat does not",
        matches!((&st, &lst, &target), (Ok(s), Ok(l), Ok(f))
            if s.st_ino == f.st_ino && l.is_symlink() && l.st_size == 4),
    );
    let dfd = os::open(dir, os::O_RDONLY | os::O_DIRECTORY, 0);
    t.check(
        "stat with dir_fd and follow_symlinks=False",
        dfd.as_ref().is_ok_and(|d| {
            os::stat_at(d, "link", false).is_ok_and(|s| s.is_symlink())
                && os::stat_at(d, "link", true).is_ok_and(|s| s.is_file())
        }),
    );
    t.check(
        "chown and lchown to our own ids",
        os::chown(&file, Some(os::getuid()), Some(os::getgid())).is_ok()
            && os::lchown(&link, Some(os::getuid()), None).is_ok()
            && os::chown(&file, None, None).is_ok(),
    );
    t.check(
        "chmod_at and chown_at relative to a directory fd",
        dfd.as_ref().is_ok_and(|d| {
            os::chmod_at(d, "file", 0o640, true).is_ok()
                && os::chown_at(d, "link", None, None, false).is_ok()
                && os::stat(&file).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o640)
        }),
    );
    let hard = join(dir, "hard");
    t.check(
        "link: a second name, nlink 2, same inode",
        os::link(&file, &hard).is_ok()
            && os::stat(&hard).is_ok_and(|h| {
                h.st_nlink == 2 && target.as_ref().is_ok_and(|f| f.st_ino == h.st_ino)
            }),
    );
    t.check(
        "link onto an existing name is EEXIST",
        aerr(os::link(&file, &hard)) == Some(Errno::EXIST),
    );
    t.check(
        "link_at with follow_symlinks links the target",
        dfd.as_ref().is_ok_and(|d| {
            os::link_at(d, "link", d, "hard2", true).is_ok()
                && os::lstat(join(dir, "hard2")).is_ok_and(|s| s.is_file() && s.st_nlink == 3)
        }),
    );
    // rename, replace, renames
    let a = join(dir, "ren-a");
    let b = join(dir, "ren-b");
    let _ = write_file(&a, b"A");
    let _ = write_file(&b, b"B");
    t.check(
        "rename replaces the destination",
        os::rename(&a, &b).is_ok()
            && read_file(&b) == b"A"
            && aerr(os::stat(&a)) == Some(Errno::NOENT),
    );
    let _ = write_file(&a, b"C");
    t.check(
        "replace",
        os::replace(&a, &b).is_ok() && read_file(&b) == b"C",
    );
    let old_dir = join(dir, "old");
    let _ = os::mkdir(&old_dir, 0o755);
    let old = join(dir, "old/x");
    let new = join(dir, "new/deeper/x");
    let _ = write_file(&old, b"x");
    t.check(
        "renames makes the new parents and removes the emptied old ones",
        os::renames(&old, &new).is_ok()
            && read_file(&new) == b"x"
            && aerr(os::stat(&old_dir)) == Some(Errno::NOENT),
    );
    t.check(
        "remove and unlink",
        os::remove(&hard).is_ok()
            && os::unlink(join(dir, "hard2")).is_ok()
            && aerr(os::unlink(&hard)) == Some(Errno::NOENT),
    );
    t.check(
        "remove of a directory is EISDIR",
        aerr(os::remove(dir)) == Some(Errno::ISDIR),
    );
    t.check(
        "unlink_at relative to a directory fd",
        dfd.as_ref().is_ok_and(|d| {
            os::symlink("x", join(dir, "tmp-link")).is_ok() && os::unlink_at(d, "tmp-link").is_ok()
        }),
    );
    // times
    let ns = (1_000_000_000_123_456_789, 1_500_000_000_987_654_321);
    t.check(
        "utime sets nanosecond times",
        os::utime(&file, Some(ns)).is_ok()
            && os::stat(&file).is_ok_and(|s| {
                s.st_atime_ns == ns.0 && s.st_mtime_ns == ns.1 && s.st_mtime == 1.5e9 + 0.987654321
            }),
    );
    let before = os::stat(&file).map(|s| s.st_ctime_ns).unwrap_or(0);
    t.check(
        "utime(None) sets now",
        os::utime(&file, None).is_ok()
            && os::stat(&file).is_ok_and(|s| s.st_mtime_ns >= before - 1_000_000_000),
    );
    t.check(
        "utime_at without following changes the link, not the target",
        os::utime_at(os::CWD, &link, Some((5_000_000_000, 6_000_000_000)), false).is_ok()
            && os::lstat(&link).is_ok_and(|s| s.st_mtime_ns == 6_000_000_000)
            && os::stat(&file).is_ok_and(|s| s.st_mtime_ns != 6_000_000_000),
    );
    t.check(
        "futimens and negative times",
        os::open(&file, os::O_RDONLY, 0).is_ok_and(|fd| {
            os::futimens(&fd, Some((-1_500_000_000, 7))).is_ok()
                && os::fstat(&fd).is_ok_and(|s| s.st_atime_ns == -1_500_000_000)
        }),
    );
    os::sync();
    t.check(
        "sync, and the file still reads back",
        read_file(&file) == b"contents",
    );
    t.check(
        "truncate to a negative length is EINVAL",
        aerr(os::truncate(&file, -5)) == Some(Errno::INVAL),
    );
    let vfs = os::statvfs(dir);
    let fvfs = dfd.as_ref().map(os::fstatvfs);
    t.check(
        "statvfs and fstatvfs agree",
        matches!((&vfs, &fvfs), (Ok(a), Ok(Ok(b)))
            if a.f_bsize > 0 && a.f_namemax >= 255 && a.f_fsid == b.f_fsid && a.f_blocks == b.f_blocks),
    );
    // The working directory.
    let cwd = os::open(".", os::O_RDONLY | os::O_DIRECTORY, 0);
    let dir_st = os::stat(dir);
    t.check(
        "chdir, getcwd",
        os::chdir(dir).is_ok()
            && os::getcwdb().is_ok_and(|c| {
                os::stat(&c).ok().map(|s| s.st_ino) == dir_st.as_ref().ok().map(|s| s.st_ino)
            })
            && os::stat("file").is_ok(),
    );
    t.check(
        "fchdir back",
        cwd.as_ref().is_ok_and(|c| os::fchdir(c).is_ok())
            && aerr(os::stat("file")) == Some(Errno::NOENT),
    );
    let e = os::chdir("/nonexistent-strata").err().map(|e| fmt!("{e}"));
    t.check(
        "chdir to a missing directory names it",
        e.as_deref() == Some("chdir(\"/nonexistent-strata\"): No such file or directory (ENOENT)"),
    );
    // chroot, in a child so that this process keeps its root.
    let status = in_child(|| match os::chroot(dir) {
        Ok(()) => {
            let root = os::stat("/").map(|s| s.st_ino);
            i32::from(root.ok() != dir_st.as_ref().ok().map(|s| s.st_ino))
        }
        Err(e) if e.errno() == Errno::PERM => 2,
        Err(_) => 3,
    });
    t.check(
        "chroot makes the directory / (or EPERM without privilege)",
        exited(status, 0) || (exited(status, 2) && os::geteuid() != 0),
    );
}

// ---------------------------------------------------------------- directories

/// The tree the directory checks and the Python comparison share.
fn make_tree(top: &[u8]) -> bool {
    let p = |n: &str| join(top, n);
    let mut ok = os::mkdir(top, 0o755).is_ok();
    for d in ["sub1", "sub1/deep", "sub2", "sub3"] {
        ok &= os::mkdir(p(d), 0o755).is_ok();
    }
    for (f, data) in [
        ("a.txt", &b"alpha\n"[..]),
        ("\u{e9}.txt", b"e"),
        ("sub1/c.txt", b"c"),
        ("sub1/deep/d.txt", b"dd"),
        ("sub1/deep/e.txt", b"eee"),
        ("sub3/x1", b"1"),
        ("sub3/x2", b"2"),
        ("sub3/x3", b"3"),
        ("sub3/x4", b"4"),
        ("sub3/x5", b"5"),
    ] {
        ok &= write_file(&p(f), data);
    }
    ok &= os::open(p("b.bin"), os::O_WRONLY | os::O_CREAT, 0o600)
        .is_ok_and(|fd| os::pwrite(&fd, b"z", 65536) == Ok(1));
    ok &= os::link(p("a.txt"), p("hard")).is_ok();
    ok &= os::symlink("a.txt", p("link-a")).is_ok();
    ok &= os::symlink("sub1", p("link-sub1")).is_ok();
    ok &= os::symlink("missing", p("dangling")).is_ok();
    ok &= os::mkfifo(p("fifo"), 0o644).is_ok();
    ok &= os::utime(
        p("a.txt"),
        Some((1_234_567_890_111_222_333, 1_300_000_000_444_555_666)),
    )
    .is_ok();
    ok
}

fn names(v: &[Vec<u8>]) -> Vec<u8> {
    v.join(&b","[..])
}

fn directories(t: &mut Tap, dir: &[u8]) {
    let sub = join(dir, "sub");
    t.check(
        "mkdir with a mode",
        os::mkdir(&sub, 0o750).is_ok()
            && os::stat(&sub).is_ok_and(|s| s.is_dir() && os::S_IMODE(s.st_mode) == 0o750),
    );
    let e = os::mkdir(&sub, 0o750).err();
    t.check(
        "mkdir of an existing directory is EEXIST naming it",
        e.as_ref().is_some_and(|e| {
            e.errno() == Errno::EXIST
                && fmt!("{e}").starts_with("mkdir(\"")
                && e.path() == Some(&sub[..])
        }),
    );
    let deep = join(dir, "m/a/b/c");
    t.check(
        "makedirs makes the parents",
        os::makedirs(&deep, 0o700, false).is_ok()
            && os::stat(&deep).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o700)
            && os::stat(join(dir, "m/a")).is_ok_and(|s| os::S_IMODE(s.st_mode) == 0o755),
    );
    t.check(
        "makedirs of an existing directory: EEXIST, or fine with exist_ok",
        aerr(os::makedirs(&deep, 0o700, false)) == Some(Errno::EXIST)
            && os::makedirs(&deep, 0o700, true).is_ok(),
    );
    let f = join(dir, "m/file");
    let _ = write_file(&f, b"");
    t.check(
        "makedirs over a file is EEXIST even with exist_ok",
        aerr(os::makedirs(&f, 0o700, true)) == Some(Errno::EXIST),
    );
    t.check(
        "makedirs with a trailing slash and a dot",
        os::makedirs(join(dir, "m2/x/"), 0o755, false).is_ok()
            && os::makedirs(join(dir, "m3/y/."), 0o755, false).is_ok()
            && os::stat(join(dir, "m3/y")).is_ok_and(|s| s.is_dir()),
    );
    t.check(
        "rmdir of a non-empty directory is ENOTEMPTY, of a file ENOTDIR",
        aerr(os::rmdir(join(dir, "m"))) == Some(Errno::NOTEMPTY)
            && aerr(os::rmdir(&f)) == Some(Errno::NOTDIR),
    );
    let _ = os::remove(&f);
    t.check(
        "removedirs removes the leaf and the emptied parents",
        os::removedirs(&deep).is_ok() && aerr(os::stat(join(dir, "m"))) == Some(Errno::NOENT),
    );
    t.check(
        "rmdir_at and mkdir_at relative to a directory fd",
        os::open(dir, os::O_RDONLY | os::O_DIRECTORY, 0).is_ok_and(|d| {
            os::mkdir_at(&d, "at-dir", 0o755).is_ok() && os::rmdir_at(&d, "at-dir").is_ok()
        }),
    );

    let top = join(dir, "tree");
    t.check("the test tree is built", make_tree(&top));

    // scandir
    let mut buf = vec![0u8; 32768];
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut entry_checks = true;
    match os::scandir(&top, &mut buf) {
        Ok(it) => {
            for e in it {
                let Ok(e) = e else {
                    entry_checks = false;
                    break;
                };
                let st = os::lstat(join(&top, &os::fsdecode(e.name())));
                entry_checks &= st.as_ref().is_ok_and(|s| s.st_ino == e.inode());
                entry_checks &= e.stat(false).ok() == st.ok();
                match e.name() {
                    b"a.txt" => {
                        entry_checks &= e.is_file(true) == Ok(true) && e.is_dir(true) == Ok(false)
                    }
                    b"sub1" => entry_checks &= e.is_dir(false) == Ok(true),
                    b"link-sub1" => {
                        entry_checks &= e.is_symlink() == Ok(true)
                            && e.is_dir(true) == Ok(true)
                            && e.is_dir(false) == Ok(false)
                            && e.stat(true).is_ok_and(|s| s.is_dir())
                    }
                    b"dangling" => {
                        entry_checks &= e.is_symlink() == Ok(true)
                            && e.is_file(true) == Ok(false)
                            && e.stat(true).err() == Some(Errno::NOENT)
                    }
                    _ => {}
                }
                let mut pbuf = [0u8; 512];
                let mut want = top.clone();
                want.push(b'/');
                want.extend_from_slice(e.name());
                entry_checks &= e.path(&mut pbuf).is_ok_and(|p| p == &want[..]);
                entry_checks &= !e.is_junction();
                seen.push(e.name().to_vec());
            }
        }
        Err(_) => entry_checks = false,
    }
    seen.sort();
    let mut want: Vec<Vec<u8>> = [
        "a.txt",
        "b.bin",
        "dangling",
        "fifo",
        "hard",
        "link-a",
        "link-sub1",
        "sub1",
        "sub2",
        "sub3",
        "\u{e9}.txt",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    want.sort();
    t.check("scandir yields every entry but . and ..", seen == want);
    t.check(
        "DirEntry: inode, type tests, cached stat, symlinks, path",
        entry_checks,
    );
    let listed = os::listdir(&top).map(|mut v| {
        v.sort();
        v
    });
    t.check("listdir", listed.as_ref().is_ok_and(|l| *l == want));
    let by_fd = os::open(&top, os::O_RDONLY | os::O_DIRECTORY, 0).map(|fd| {
        let mut buf = vec![0u8; 4096];
        let mut n: Vec<Vec<u8>> = Vec::new();
        let mut stat_ok = true;
        for e in os::scandir_fd(fd.as_fd(), &mut buf).flatten() {
            let mut pbuf = [0u8; 300];
            stat_ok &= e.path(&mut pbuf).is_ok_and(|p| p == e.name()) && e.stat(false).is_ok();
            n.push(e.name().to_vec());
        }
        n.sort();
        let again = os::listdir_fd(fd.as_fd()).map(|v| v.len());
        (n, stat_ok, again)
    });
    t.check(
        "scandir of an fd: bare names, stats relative to it, rewound after",
        by_fd
            .as_ref()
            .is_ok_and(|(n, ok, again)| *n == want && *ok && *again == Ok(want.len())),
    );
    let e = os::listdir("/nonexistent-strata")
        .err()
        .map(|e| fmt!("{e}"));
    t.check(
        "listdir of a missing directory names it",
        e.as_deref()
            == Some("listdir(\"/nonexistent-strata\"): No such file or directory (ENOENT)"),
    );
    t.check(
        "scandir of a file is ENOTDIR",
        strata_core::os::scandir(&join(&top, "a.txt"), &mut buf).err() == Some(Errno::NOTDIR),
    );
    let mut tiny = [0u8; 16];
    t.check(
        "scandir with a buffer too small for an entry reports EINVAL",
        strata_core::os::scandir(&top, &mut tiny)
            .is_ok_and(|mut it| matches!(it.next(), Some(Err(Errno::INVAL)))),
    );

    // walk
    let steps: Vec<os::WalkEntry> = os::walk(&top).collect();
    t.check(
        "walk visits every directory, top first",
        steps.len() == 5
            && steps[0].dirpath == top
            && steps.iter().all(|s| s.dirpath.starts_with(&top)),
    );
    let bottom: Vec<os::WalkEntry> = os::walk(&top).topdown(false).collect();
    t.check(
        "walk bottom-up ends with the top",
        bottom.len() == 5 && bottom.last().is_some_and(|s| s.dirpath == top),
    );
    let follow = os::walk(&top).followlinks(true).count();
    t.check(
        "walk with followlinks enters the linked directory",
        follow == 7,
    );
    let mut pruned = os::walk(&top);
    let mut visited = Vec::new();
    while let Some(step) = pruned.next_mut() {
        step.dirnames.retain(|n| n != b"sub1");
        visited.push(step.dirpath.clone());
    }
    t.check(
        "walk top-down is pruned by editing dirnames",
        visited.len() == 3
            && !visited
                .iter()
                .any(|p| p.ends_with(b"sub1") || p.ends_with(b"deep")),
    );
    let mut errors = Vec::new();
    let n = os::walk("/nonexistent-strata")
        .onerror(|e| errors.push(e.errno()))
        .count();
    t.check(
        "walk reports an unreadable top to onerror and yields nothing",
        n == 0 && errors == [Errno::NOENT],
    );

    // fwalk
    match os::fwalk(&top, false) {
        Ok(mut fw) => {
            let mut steps = 0;
            let mut stats_ok = true;
            while let Some((step, fd)) = fw.next_mut() {
                steps += 1;
                for f in &step.filenames {
                    let st = os::stat_at(fd, f, false);
                    stats_ok &= st.is_ok();
                }
                stats_ok &= step.dirfd == fd.as_raw_fd();
            }
            t.check("fwalk visits every directory", steps == 5);
            t.check("fwalk's directory fds reach the files", stats_ok);
        }
        Err(_) => t.check("fwalk", false),
    }
    let fb: Vec<os::FWalkEntry> = os::fwalk(&top, false)
        .map(|w| w.topdown(false).collect())
        .unwrap_or_default();
    t.check(
        "fwalk bottom-up ends with the top",
        fb.len() == 5 && fb.last().is_some_and(|s| s.dirpath == top),
    );
    t.check(
        "fwalk of a missing top fails at once",
        os::fwalk("/nonexistent-strata", false)
            .err()
            .map(|e| e.errno())
            == Some(Errno::NOENT),
    );
    t.check(
        "fwalk of a symlink to a directory yields nothing unless following",
        os::fwalk(join(&top, "link-sub1"), false).is_ok_and(|w| w.count() == 0)
            && os::fwalk(join(&top, "link-sub1"), true).is_ok_and(|w| w.count() == 2),
    );
}

// ---------------------------------------------------------------- xattrs

fn xattrs(t: &mut Tap, dir: &[u8]) {
    let file = join(dir, "xattr-file");
    let _ = write_file(&file, b"x");
    match os::setxattr(&file, b"user.strata", b"v1", 0, true) {
        Err(e) if e.errno() == Errno::OPNOTSUPP => {
            println!(
                "# skip xattrs: the file system of {} has no user xattrs",
                os::fsdecode(dir)
            );
            t.check("setxattr reports EOPNOTSUPP", true);
            return;
        }
        r => t.check("setxattr", r.is_ok()),
    }
    t.check(
        "getxattr",
        os::getxattr(&file, "user.strata", true).is_ok_and(|v| v == b"v1"),
    );
    t.check(
        "listxattr",
        os::listxattr(&file, true).is_ok_and(|names| names.iter().any(|n| n == b"user.strata")),
    );
    t.check(
        "XATTR_CREATE on an existing attribute is EEXIST",
        aerr(os::setxattr(
            &file,
            b"user.strata",
            b"v2",
            os::XATTR_CREATE,
            true,
        )) == Some(Errno::EXIST),
    );
    t.check(
        "XATTR_REPLACE on a missing one is ENODATA",
        aerr(os::setxattr(
            &file,
            b"user.none",
            b"v",
            os::XATTR_REPLACE,
            true,
        )) == Some(Errno::NODATA),
    );
    let mut small = [0u8; 1];
    t.check(
        "core getxattr into a small buffer is ERANGE",
        err(strata_core::os::getxattr(
            &file,
            "user.strata",
            &mut small,
            true,
        )) == Some(Errno::RANGE),
    );
    let fd = os::open(&file, os::O_RDWR, 0);
    t.check(
        "the fd forms: fsetxattr, fgetxattr, flistxattr, fremovexattr",
        fd.as_ref().is_ok_and(|fd| {
            let mut buf = [0u8; 64];
            let mut list = [0u8; 256];
            os::fsetxattr(fd, "user.fd", b"fdv", 0).is_ok()
                && os::fgetxattr(fd, "user.fd", &mut buf).is_ok_and(|v| v == b"fdv")
                && os::flistxattr(fd, &mut list).is_ok_and(|mut n| n.any(|n| n == b"user.fd"))
                && os::fremovexattr(fd, "user.fd").is_ok()
        }),
    );
    t.check(
        "removexattr, then getxattr is ENODATA",
        os::removexattr(&file, b"user.strata", true).is_ok()
            && aerr(os::getxattr(&file, "user.strata", true)) == Some(Errno::NODATA),
    );
    let link = join(dir, "xattr-link");
    let _ = os::symlink("xattr-file", &link);
    t.check(
        "user xattrs on a link itself are refused (EPERM), through it allowed",
        aerr(os::setxattr(&link, b"user.l", b"1", 0, false)) == Some(Errno::PERM)
            && os::setxattr(&link, b"user.l", b"1", 0, true).is_ok(),
    );
}

// ---------------------------------------------------------------- process parameters

fn params(t: &mut Tap) {
    let me = os::readlink("/proc/self");
    t.check(
        "getpid matches /proc/self",
        me.is_ok_and(|m| m == fmt!("{}", os::getpid()).as_bytes()),
    );
    let (r, e, s) = os::getresuid();
    t.check(
        "getresuid: real, effective, saved",
        r == os::getuid() && e == os::geteuid() && (os::geteuid() != 0 || s == 0),
    );
    let (rg, eg, _) = os::getresgid();
    t.check("getresgid", rg == os::getgid() && eg == os::getegid());
    t.check(
        "setting the ids we have succeeds",
        os::setuid(os::getuid()).is_ok()
            && os::setgid(os::getgid()).is_ok()
            && os::seteuid(os::geteuid()).is_ok()
            && os::setegid(os::getegid()).is_ok()
            && os::setreuid(None, None).is_ok()
            && os::setregid(None, None).is_ok()
            && os::setresuid(None, None, None).is_ok()
            && os::setresgid(None, None, None).is_ok(),
    );
    let groups = os::getgroups();
    t.check("getgroups", groups.is_ok());
    let set = groups.as_ref().map(|g| strata_core::os::setgroups(g));
    t.check(
        "setgroups of the same groups: fine as root, EPERM otherwise",
        match set {
            Ok(Ok(())) => os::geteuid() == 0,
            Ok(Err(e)) => e == Errno::PERM && os::geteuid() != 0,
            Err(_) => false,
        },
    );
    let status = in_child(|| {
        // A non-root user cannot become root.
        if os::geteuid() == 0 {
            return i32::from(
                os::setuid(65534).is_err() || os::getuid() != 65534 || os::setuid(0).is_ok(),
            );
        }
        i32::from(os::setuid(0).err() != Some(Errno::PERM))
    });
    t.check(
        "setuid drops root for good (or is refused)",
        exited(status, 0),
    );
    t.check(
        "getpgid(0) is getpgrp, getpgid of no process is ESRCH",
        os::getpgid(0) == Ok(os::getpgrp())
            && os::getpgid(os::getpid()) == Ok(os::getpgrp())
            && err(os::getpgid(i32::MAX)) == Some(Errno::SRCH),
    );
    let status = in_child(|| {
        if os::setpgrp().is_err() || os::getpgrp() != os::getpid() {
            return 1;
        }
        i32::from(os::setpgid(0, os::getpid()).is_err())
    });
    t.check("setpgrp/setpgid lead a new group", exited(status, 0));
    // A session led from outside our PID namespace (a container's runner)
    // reads as 0, so only a negative id would be wrong.
    t.check(
        "getsid",
        os::getsid(0).is_ok_and(|s| s >= 0) && os::getsid(os::getpid()) == os::getsid(0),
    );
    let status = in_child(|| match os::setsid() {
        Ok(sid) if sid == os::getpid() && os::getsid(0) == Ok(sid) => 0,
        _ => 1,
    });
    t.check(
        "setsid starts a session led by the caller",
        exited(status, 0),
    );
    let prio = os::getpriority(os::PRIO_PROCESS, 0);
    t.check(
        "getpriority/setpriority round trip",
        prio.is_ok_and(|p| {
            os::setpriority(os::PRIO_PROCESS, 0, p).is_ok()
                && os::getpriority(os::PRIO_PROCESS, 0) == Ok(p)
        }),
    );
    let status = in_child(|| {
        let Ok(p) = os::getpriority(os::PRIO_PROCESS, 0) else {
            return 1;
        };
        if p >= 18 {
            return 0;
        }
        let n = os::nice(1);
        let raised = os::setpriority(os::PRIO_PROCESS, 0, p + 2);
        i32::from(
            n != Ok(p + 1) || raised.is_err() || os::getpriority(os::PRIO_PROCESS, 0) != Ok(p + 2),
        )
    });
    t.check("nice and setpriority lower the priority", exited(status, 0));
    t.check(
        "getpriority with an unknown `which` is EINVAL",
        err(os::getpriority(99, 0)) == Some(Errno::INVAL),
    );
    let old = os::umask(0o027);
    t.check(
        "umask returns the old mask",
        os::umask(old) == 0o027 && old == 0o022,
    );
    let u = os::uname();
    let machine = if cfg!(target_arch = "x86_64") {
        "x86_64"
    } else if cfg!(target_arch = "aarch64") {
        "aarch64"
    } else if cfg!(target_arch = "riscv64") {
        "riscv64"
    } else {
        "armv7l"
    };
    t.check(
        "uname: Linux, this machine",
        u.sysname() == "Linux" && u.machine() == machine && !u.release().is_empty(),
    );
    t.check(
        "ctermid and strerror",
        os::ctermid() == "/dev/tty"
            && os::strerror(2).as_str() == Some("No such file or directory"),
    );
    let login = os::getlogin();
    t.check(
        "getlogin names a user or says there is no login",
        match &login {
            Ok(name) => !name.is_empty(),
            Err(e) => matches!(e.errno(), Errno::NOENT | Errno::NOTTY | Errno::NXIO),
        },
    );
}

// ---------------------------------------------------------------- fork

static FORK_LOG: AtomicU64 = AtomicU64::new(0);

/// Set when this program cannot exec itself (qemu-user without
/// binfmt_misc), i.e. when it runs under an emulator.
static EMULATED: AtomicBool = AtomicBool::new(false);

/// qemu-user copies `sysinfo`'s memory counts into a 32-bit guest's
/// struct without rescaling `mem_unit`, so they wrap above 4 GiB; a real
/// 32-bit kernel scales them.
fn sysinfo_truncated() -> bool {
    cfg!(target_pointer_width = "32") && EMULATED.load(Ordering::SeqCst)
}

fn log(c: u8) {
    let _ = FORK_LOG.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| {
        Some(v << 8 | u64::from(c))
    });
}

fn tag(s: &[u8]) -> u64 {
    s.iter().fold(0, |v, &c| v << 8 | u64::from(c))
}

fn forks(t: &mut Tap) {
    t.check(
        "register_at_fork with nothing is EINVAL",
        err(os::register_at_fork(None, None, None)) == Some(Errno::INVAL),
    );
    let registered =
        os::register_at_fork(Some(|| log(b'a')), Some(|| log(b'p')), Some(|| log(b'c'))).is_ok()
            && os::register_at_fork(Some(|| log(b'b')), Some(|| log(b'q')), Some(|| log(b'd')))
                .is_ok();
    FORK_LOG.store(0, Ordering::SeqCst);
    // before: b then a (reverse order); after: c then d, or p then q.
    let status = in_child(|| i32::from(FORK_LOG.load(Ordering::SeqCst) != tag(b"bacd")));
    let parent_log = FORK_LOG.load(Ordering::SeqCst);
    check_with(
        t,
        "register_at_fork: before in reverse, after in order, in parent and child",
        registered && exited(status, 0) && parent_log == tag(b"bapq"),
        (registered, status, parent_log.to_be_bytes()),
    );
    let status = in_child(|| os::_exit(9));
    t.check(
        "fork and _exit: WIFEXITED, WEXITSTATUS",
        os::WIFEXITED(status)
            && os::WEXITSTATUS(status) == 9
            && os::waitstatus_to_exitcode(status) == Ok(9),
    );
    let status = in_child(|| os::abort());
    t.check(
        "abort ends the child with SIGABRT",
        os::WIFSIGNALED(status)
            && os::WTERMSIG(status) == 6
            && os::waitstatus_to_exitcode(status) == Ok(-6),
    );
}

// ---------------------------------------------------------------- exec

fn execs(t: &mut Tap, dir: &[u8]) {
    let status = in_child(|| {
        let e = os::execv("/bin/sh", &["sh", "-c", "exit 7"]);
        e.errno().raw_os_error()
    });
    t.check("execv runs the program", exited(status, 7));
    let env = [(b"STRATA_V".to_vec(), b"42".to_vec())];
    let status = in_child(|| {
        os::execve("/bin/sh", &["sh", "-c", "exit $STRATA_V"], &env)
            .errno()
            .raw_os_error()
    });
    t.check("execve passes the environment", exited(status, 42));
    let status = in_child(|| {
        os::execvp("sh", &["sh", "-c", "exit 5"])
            .errno()
            .raw_os_error()
    });
    t.check("execvp finds sh in PATH", exited(status, 5));
    let status = in_child(|| {
        os::execvp("strata-no-such-program", &["x"])
            .errno()
            .raw_os_error()
    });
    t.check(
        "execvp of a missing program is ENOENT",
        exited(status, Errno::NOENT.raw_os_error()),
    );
    let noexec = join(dir, "noexec");
    let _ = os::mkdir(&noexec, 0o755);
    let _ = write_file(&join(&noexec, "prog"), b"#!/bin/sh\nexit 0\n");
    let mut path = noexec.clone();
    path.extend_from_slice(b":/nonexistent-strata");
    let env = [(b"PATH".to_vec(), path)];
    let status = in_child(|| os::execvpe("prog", &["prog"], &env).errno().raw_os_error());
    t.check(
        "execvpe reports EACCES found before a later ENOENT (Python's rule)",
        exited(status, Errno::ACCESS.raw_os_error()),
    );
    let empty: [&str; 0] = [];
    t.check(
        "execv with an empty argv or argv[0] is EINVAL",
        os::execv("/bin/sh", &empty).errno() == Errno::INVAL
            && os::execv("/bin/sh", &[""]).errno() == Errno::INVAL,
    );
    let status = in_child(|| match os::open("/bin/sh", os::O_RDONLY, 0) {
        Ok(fd) => strata_core::os::fexecve(
            &fd,
            &[c"sh", c"-c", c"exit 4"],
            strata_core::os::Env::Inherit,
        )
        .raw_os_error(),
        Err(_) => 100,
    });
    t.check("fexecve runs an open program", exited(status, 4));
}

// ---------------------------------------------------------------- posix_spawn

/// `field` (1-based) of `/proc/$$/stat`, as the child shell sees it.
fn stat_field(n: usize) -> String {
    fmt!(
        "read -r l < /proc/$$/stat; set -- $l; shift {}; echo $1",
        n - 1
    )
}

/// The `key:` line of `/proc/$$/status`, as the child shell sees it.
fn status_field(key: &str) -> String {
    fmt!("while read -r k v; do [ \"$k\" = \"{key}:\" ] && echo $v; done < /proc/$$/status; :")
}

fn spawns(t: &mut Tap, dir: &[u8]) {
    let out = join(dir, "spawn-out");
    let out_c = cstring(&out);
    let actions = [
        FileAction::Open {
            fd: 5,
            path: &out_c,
            flags: OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC,
            mode: 0o600,
        },
        FileAction::Dup2 { fd: 5, new_fd: 1 },
        FileAction::Close { fd: 5 },
    ];
    let attrs = SpawnAttrs {
        file_actions: &actions,
        ..SpawnAttrs::default()
    };
    let script = "echo hello; { echo x >&5; } 2>/dev/null || echo closed";
    let status = os::posix_spawn("/bin/sh", &["sh", "-c", script], None, &attrs)
        .and_then(|pid| os::waitpid(pid, 0).map_err(|e| os::Error::new(e, "waitpid")));
    t.check(
        "posix_spawn file actions open, dup2, close, seen from the child",
        status.is_ok_and(|(_, s)| exited(s, 0)) && read_file(&out) == b"hello\nclosed\n",
    );
    // dup2 of an fd onto itself makes it inheritable.
    if let Ok((r, w)) = os::pipe() {
        let n = w.as_raw_fd();
        let acts = [FileAction::Dup2 { fd: n, new_fd: n }];
        let script = fmt!("echo via >&{n}");
        let pid = os::posix_spawn(
            "/bin/sh",
            &["sh", "-c", &script],
            None,
            &SpawnAttrs {
                file_actions: &acts,
                ..SpawnAttrs::default()
            },
        );
        drop(w);
        let got = read_all(&r);
        let _ = pid.as_ref().map(|&p| os::waitpid(p, 0));
        t.check(
            "dup2 of an fd onto itself clears close-on-exec",
            got == b"via\n",
        );
    }
    // closefrom
    let _ = os::open(dir, os::O_RDONLY, 0).map(|fd| os::dup2(&fd, 60, true));
    // dash redirects only fds 0-9, so look in /proc.
    let probe = "[ -e /proc/$$/fd/60 ] && echo open || echo closed";
    let (_, kept) = sh(probe);
    let (_, closed) = sh_with(
        probe,
        &[FileAction::CloseFrom { fd: 3 }],
        SpawnAttrs::default(),
    );
    t.check(
        "an inheritable fd reaches the child; CLOSEFROM closes it",
        kept == b"open\n" && closed == b"closed\n",
    );
    // SAFETY: fd 60 is the dup2 copy made above, owned by no one.
    unsafe { os::closerange(60, 61) };

    let (st, out) = sh_with(
        &fmt!("echo $$ $({})", stat_field(5)),
        &[],
        SpawnAttrs {
            setpgroup: Some(0),
            ..SpawnAttrs::default()
        },
    );
    let words: Vec<&[u8]> = out.trim_ascii().split(|&b| b == b' ').collect();
    t.check(
        "setpgroup=0: the child leads its own group",
        exited(st, 0) && words.len() == 2 && words[0] == words[1],
    );
    let (st, out) = sh_with(
        &fmt!("{}; echo $$", stat_field(6)),
        &[],
        SpawnAttrs {
            setsid: true,
            ..SpawnAttrs::default()
        },
    );
    let lines: Vec<&[u8]> = out.trim_ascii().split(|&b| b == b'\n').collect();
    t.check(
        "setsid: the child leads a new session",
        exited(st, 0) && lines.len() == 2 && lines[0] == lines[1],
    );
    let (st, out) = sh_with(
        &status_field("SigBlk"),
        &[],
        SpawnAttrs {
            setsigmask: Some(signal::SigSet::of(&[signal::SIGUSR1, signal::SIGTERM])),
            ..SpawnAttrs::default()
        },
    );
    t.check(
        "setsigmask: the child's mask is the one given",
        exited(st, 0) && out.trim_ascii() == b"0000000000004200",
    );
    let ours = signal::pthread_sigmask(signal::SigmaskHow::Block, signal::SigSet::empty());
    let ours = ours.map(|m| m.iter().fold(0u64, |b, s| b | 1 << (s.as_raw() - 1)));
    let (_, out) = sh(&status_field("SigBlk"));
    t.check(
        "without setsigmask the child has our mask",
        ours.is_ok_and(|m| out.trim_ascii() == fmt!("{m:016x}").as_bytes()),
    );
    let _ = signal::signal(signal::SIGUSR2, signal::Handler::Ignore);
    let (_, ignored) = sh(&status_field("SigIgn"));
    let (_, reset) = sh_with(
        &status_field("SigIgn"),
        &[],
        SpawnAttrs {
            setsigdef: signal::SigSet::of(&[signal::SIGUSR2]),
            ..SpawnAttrs::default()
        },
    );
    let _ = signal::signal(signal::SIGUSR2, signal::Handler::Default);
    let bit = |s: &[u8]| {
        u64::from_str_radix(core::str::from_utf8(s.trim_ascii()).unwrap_or("0"), 16)
            .is_ok_and(|m| m & (1 << 11) != 0)
    };
    t.check(
        "an ignored signal stays ignored; setsigdef resets it",
        bit(&ignored) && !bit(&reset),
    );
    // A caught signal must not stay caught across the spawn.
    let _ = signal::catch(signal::SIGUSR1, false);
    let (_, caught) = sh(&status_field("SigCgt"));
    let _ = signal::signal(signal::SIGUSR1, signal::Handler::Default);
    t.check(
        "a signal we catch is not caught in the child",
        u64::from_str_radix(core::str::from_utf8(caught.trim_ascii()).unwrap_or("0"), 16)
            .is_ok_and(|m| m & (1 << 9) == 0),
    );
    let (st, out) = sh_with(
        &status_field("Uid"),
        &[],
        SpawnAttrs {
            resetids: true,
            ..SpawnAttrs::default()
        },
    );
    let ids: Vec<&[u8]> = out
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    t.check(
        "resetids: real and effective ids match",
        exited(st, 0) && ids.len() == 4 && ids[0] == ids[1],
    );
    let (st, out) = sh_with(
        &stat_field(41),
        &[],
        SpawnAttrs {
            scheduler: Some((Some(os::SCHED_BATCH), os::SchedParam { sched_priority: 0 })),
            ..SpawnAttrs::default()
        },
    );
    t.check(
        "scheduler: the child runs under SCHED_BATCH",
        exited(st, 0) && out.trim_ascii() == b"3",
    );

    // Errors come back from the child as errnos.
    let none = SpawnAttrs::default();
    t.check(
        "posix_spawn of a missing program is ENOENT",
        aerr(os::posix_spawn("/nonexistent-strata", &["x"], None, &none)) == Some(Errno::NOENT),
    );
    let missing = c"/nonexistent-strata/file";
    let bad_open = [FileAction::Open {
        fd: 0,
        path: missing,
        flags: OFlags::RDONLY,
        mode: 0,
    }];
    let bad_dup = [FileAction::Dup2 { fd: 999, new_fd: 5 }];
    let with = |a| SpawnAttrs {
        file_actions: a,
        ..SpawnAttrs::default()
    };
    t.check(
        "a failing file action reports its errno",
        aerr(os::posix_spawn("/bin/sh", &["sh"], None, &with(&bad_open))) == Some(Errno::NOENT)
            && aerr(os::posix_spawn("/bin/sh", &["sh"], None, &with(&bad_dup)))
                == Some(Errno::BADF),
    );
    let empty: [&str; 0] = [];
    t.check(
        "posix_spawn with an empty argv is EINVAL",
        aerr(os::posix_spawn("/bin/sh", &empty, None, &none)) == Some(Errno::INVAL),
    );
    t.check(
        "failed children are reaped",
        err(os::waitpid(-1, os::WNOHANG)) == Some(Errno::CHILD),
    );
    let found = os::posix_spawnp("sh", &["sh", "-c", "exit 3"], None, &none)
        .map(|pid| os::waitpid(pid, 0).map(|(_, s)| s));
    t.check(
        "posix_spawnp finds sh in PATH",
        found.is_ok_and(|s| s.is_ok_and(|s| exited(s, 3))),
    );
    t.check(
        "posix_spawnp of a missing program is ENOENT",
        aerr(os::posix_spawnp(
            "strata-no-such-program",
            &["x"],
            None,
            &none,
        )) == Some(Errno::NOENT),
    );
    let old_path = os::getenv("PATH");
    let mut path = join(dir, "noexec");
    path.extend_from_slice(b":/nonexistent-strata");
    let _ = os::putenv("PATH", &path);
    let denied = aerr(os::posix_spawnp("prog", &["prog"], None, &none));
    match &old_path {
        Some(p) => drop(os::putenv("PATH", p)),
        None => drop(os::unsetenv("PATH")),
    }
    t.check(
        "posix_spawnp searches the current PATH and reports EACCES (glibc's rule)",
        denied == Some(Errno::ACCESS),
    );
    let env = [(b"STRATA_SPAWN".to_vec(), b"yes".to_vec())];
    let (r, w) = match os::pipe() {
        Ok(p) => p,
        Err(_) => return,
    };
    let acts = [FileAction::Dup2 {
        fd: w.as_raw_fd(),
        new_fd: 1,
    }];
    let pid = os::posix_spawn(
        "/bin/sh",
        &["sh", "-c", "echo ${STRATA_SPAWN:-no} ${HOME:-unset}"],
        Some(&env),
        &with(&acts),
    );
    drop(w);
    let out = read_all(&r);
    let _ = pid.map(|p| os::waitpid(p, 0));
    t.check(
        "posix_spawn with an explicit env gives only that",
        out == b"yes unset\n",
    );
}

// ---------------------------------------------------------------- inheritance

// ---------------------------------------------------------------- spawn family, ptys, limits, groups

fn spawn_family(t: &mut Tap) {
    let sh = |mode: i32, script: &str| os::spawnv(mode, "/bin/sh", &["sh", "-c", script]);
    check_with(
        t,
        "spawnv P_WAIT: the exit code",
        sh(os::P_WAIT, "exit 3") == Ok(3),
        sh(os::P_WAIT, "exit 3"),
    );
    let killed = sh(os::P_WAIT, "kill -9 $$");
    check_with(
        t,
        "spawnv P_WAIT: minus the signal that killed it",
        killed == Ok(-9),
        killed,
    );
    let nowait = sh(os::P_NOWAIT, "exit 5");
    let waited = nowait
        .as_ref()
        .ok()
        .map(|&pid| os::waitpid(pid, 0).map(|(p, s)| (p == pid, os::waitstatus_to_exitcode(s))));
    check_with(
        t,
        "spawnv P_NOWAIT: a pid that waitpid reaps",
        waited == Some(Ok((true, Ok(5)))),
        waited,
    );
    let nowaito = sh(os::P_NOWAITO, "exit 0");
    let reaped = nowaito
        .as_ref()
        .ok()
        .map(|&pid| os::waitpid(pid, 0).map(|(_, s)| s));
    t.check(
        "spawnv P_NOWAITO: the same as P_NOWAIT",
        reaped.is_some_and(|r| r.is_ok_and(|s| exited(s, 0))),
    );
    let env = vec![
        (b"PATH".to_vec(), b"/bin:/usr/bin".to_vec()),
        (b"N".to_vec(), b"4".to_vec()),
    ];
    let got = (
        os::spawnve(os::P_WAIT, "/bin/sh", &["sh", "-c", "exit $N"], &env),
        os::spawnvp(os::P_WAIT, "sh", &["sh", "-c", "exit 6"]),
        os::spawnvpe(os::P_WAIT, "sh", &["sh", "-c", "exit $N"], &env),
    );
    check_with(
        t,
        "spawnve, spawnvp, spawnvpe",
        got == (Ok(4), Ok(6), Ok(4)),
        &got,
    );
    let missing = os::spawnv(os::P_WAIT, "/nonexistent/prog", &["prog"]).map_err(|e| e.errno());
    check_with(
        t,
        "spawnv of a missing program: ENOENT (Python's child: 127)",
        missing == Err(Errno::NOENT),
        missing,
    );
    let none = os::spawnvpe(
        os::P_WAIT,
        "sh",
        &["sh"],
        &[(b"PATH".to_vec(), b"/nonexistent".to_vec())],
    )
    .map_err(|e| e.errno());
    t.check("spawnvpe searches env's PATH", none == Err(Errno::NOENT));
    let listed = (
        os::spawnl!(os::P_WAIT, "/bin/sh", "sh", "-c", "exit 7"),
        os::spawnle!(os::P_WAIT, "/bin/sh", "sh", "-c", "exit $N"; &env),
        os::spawnlp!(os::P_WAIT, "sh", "sh", "-c", "exit 8"),
        os::spawnlpe!(os::P_WAIT, "sh", "sh", "-c", "exit $N"; &env),
    );
    check_with(
        t,
        "spawnl, spawnle, spawnlp, spawnlpe",
        listed == (Ok(7), Ok(4), Ok(8), Ok(4)),
        &listed,
    );
    // Core's forms take C strings.
    let core_listed = strata_core::os::spawnl!(os::P_WAIT, "/bin/sh", c"sh", c"-c", c"exit 9");
    t.check("core spawnl! with C strings", core_listed == Ok(9));
    let status = in_child(|| {
        let e = os::execl!("/bin/sh", "sh", "-c", "exit 11");
        100 + e.errno().raw_os_error()
    });
    check_with(t, "execl replaces the process", exited(status, 11), status);
    let status = in_child(|| {
        let env = [(b"E".to_vec(), b"12".to_vec())];
        let e = os::execle!("/bin/sh", "sh", "-c", "exit $E"; &env);
        100 + e.errno().raw_os_error()
    });
    check_with(t, "execle passes env", exited(status, 12), status);
    let status = in_child(|| {
        let e = os::execlp!("sh", "sh", "-c", "exit 13");
        100 + e.errno().raw_os_error()
    });
    check_with(t, "execlp searches PATH", exited(status, 13), status);
    let status = in_child(|| {
        let env = [
            (b"PATH".to_vec(), b"/bin:/usr/bin".to_vec()),
            (b"E".to_vec(), b"14".to_vec()),
        ];
        let e = os::execlpe!("sh", "sh", "-c", "exit $E"; &env);
        100 + e.errno().raw_os_error()
    });
    check_with(t, "execlpe searches env's PATH", exited(status, 14), status);
    let e = os::execl!("/nonexistent/prog", "prog");
    t.check(
        "execl of a missing program returns ENOENT",
        e.errno() == Errno::NOENT,
    );
}

fn ptys(t: &mut Tap) {
    flush();
    match os::forkpty() {
        Ok((0, None)) => {
            // The child: stdin, stdout, stderr are the pty, its terminal.
            let me = os::getpid();
            let fg = os::tcgetpgrp(raw(0));
            let set = os::tcsetpgrp(raw(1), me);
            let line = fmt!(
                "child tty={} fg={} set={} sid={}\n",
                os::isatty(raw(0)) && os::isatty(raw(1)) && os::isatty(raw(2)),
                fg == Ok(me),
                set.is_ok(),
                os::getsid(0) == Ok(me),
            );
            let _ = os::write(raw(1), line.as_bytes());
            os::_exit(0);
        }
        Ok((pid, Some(master))) => {
            let mut got = Vec::new();
            let mut buf = [0u8; 256];
            // The master reads EIO once the child is gone and its side closed.
            while let Ok(n @ 1..) = os::read(&master, &mut buf) {
                got.extend_from_slice(&buf[..n]);
            }
            let status = os::waitpid(pid, 0).map_or(-1, |(_, s)| s);
            let text = String::from_utf8_lossy(&got).into_owned();
            check_with(
                t,
                "forkpty: the child's output through the master",
                exited(status, 0) && text.contains("child tty=true fg=true set=true sid=true"),
                (&text, status),
            );
            t.check(
                "forkpty: the parent's end is close-on-exec",
                os::get_inheritable(&master) == Ok(false),
            );
        }
        other => check_with(t, "forkpty", false, other.map(|(p, _)| p)),
    }
    if let Ok((master, slave)) = os::openpty() {
        t.check(
            "tcgetpgrp through a master nobody holds: 0",
            os::tcgetpgrp(&master) == Ok(0),
        );
        t.check(
            "tcgetpgrp of a terminal that is not ours: ENOTTY",
            os::tcgetpgrp(&slave) == Err(Errno::NOTTY),
        );
        // Python's answers: a negative group is EINVAL, then a terminal
        // that is not ours ENOTTY.
        let set = (os::tcsetpgrp(&slave, -5), os::tcsetpgrp(&slave, 0));
        check_with(
            t,
            "tcsetpgrp: EINVAL for a negative group, ENOTTY on a terminal not ours",
            set == (Err(Errno::INVAL), Err(Errno::NOTTY)),
            set,
        );
        // login_tty in a child that is not a group leader.
        let status = in_child(|| match os::login_tty(slave) {
            Ok(()) => i32::from(os::tcgetpgrp(raw(0)) != Ok(os::getpid())),
            Err(e) => 100 + e.raw_os_error(),
        });
        check_with(
            t,
            "login_tty: a session on the pty, which is its terminal",
            exited(status, 0),
            status,
        );
    }
    if let Ok((r, _w)) = os::pipe() {
        t.check(
            "tcgetpgrp of a pipe: ENOTTY",
            os::tcgetpgrp(&r) == Err(Errno::NOTTY),
        );
    }
}

/// glibc's confstr answers, per architecture (tests/oracle/os_confstr.c).
const CONFSTR_ORACLE: &str = include_str!("../../oracle/os_confstr.txt");

fn limits(t: &mut Tap, dir: &[u8]) {
    let arch = if cfg!(target_arch = "x86_64") {
        "x86_64"
    } else if cfg!(target_arch = "aarch64") {
        "aarch64"
    } else if cfg!(target_arch = "riscv64") {
        "riscv64"
    } else {
        "armv7"
    };
    let mut wrong = Vec::new();
    let mut seen = 0;
    for l in CONFSTR_ORACLE.lines() {
        let mut f = l.splitn(3, '\t');
        let (Some(a), Some(name), value) = (f.next(), f.next(), f.next().unwrap_or("")) else {
            continue;
        };
        if a == arch {
            seen += 1;
            if os::confstr(name) != Ok(value) {
                wrong.push((name, os::confstr(name)));
            }
        }
    }
    check_with(
        t,
        "confstr: glibc's answers on this architecture",
        wrong.is_empty() && seen == os::CONFSTR_NAMES.len(),
        (&wrong, seen),
    );
    t.check(
        "confstr: CS_GNU_LIBC_VERSION is EINVAL (not glibc), unknown names too",
        os::confstr("CS_GNU_LIBC_VERSION") == Err(Errno::INVAL)
            && os::confstr("CS_GNU_LIBPTHREAD_VERSION") == Err(Errno::INVAL)
            && os::confstr("CS_NOPE") == Err(Errno::INVAL),
    );
    t.check(
        "pathconf of an unknown name: EINVAL",
        os::pathconf("/", "PC_NOPE") == Err(Errno::INVAL),
    );
    if let Ok((r, _w)) = os::pipe() {
        let got = (
            os::fpathconf(&r, "PC_PIPE_BUF"),
            os::fpathconf(&r, "PC_LINK_MAX"),
            os::fpathconf(&r, "PC_ASYNC_IO"),
        );
        check_with(
            t,
            "fpathconf of a pipe: glibc's 4096, 127, -1",
            got == (Ok(4096), Ok(127), Ok(-1)),
            got,
        );
    }
    if let Ok(fd) = os::open(dir, os::O_RDONLY, 0) {
        let same = os::PATHCONF_NAMES
            .iter()
            .all(|(n, _)| os::fpathconf(&fd, n) == os::pathconf(dir, n));
        t.check("fpathconf of a directory is its pathconf", same);
    }
    let e = os::fpathconf(raw(999), "PC_NAME_MAX");
    t.check("fpathconf of a closed fd: EBADF", e == Err(Errno::BADF));
}

fn groups(t: &mut Tap) {
    t.check(
        "getgrouplist of an unknown user: just the group",
        os::getgrouplist("no-such-user-here", 4242).as_deref() == Ok(&[4242][..]),
    );
    let mut small = [0u32; 0];
    t.check(
        "core getgrouplist into a buffer too small: ERANGE",
        strata_core::os::getgrouplist("root", 0, &mut small) == Err(Errno::RANGE),
    );
    let root = os::geteuid() == 0;
    let status = in_child(|| {
        let want = os::getgrouplist("root", 0).unwrap_or_default();
        match os::initgroups("root", 0) {
            Ok(()) => {
                let mut got = os::getgroups().unwrap_or_default();
                let mut want = want;
                got.sort_unstable();
                want.sort_unstable();
                want.dedup();
                i32::from(got != want)
            }
            Err(e) => 100 + e.raw_os_error(),
        }
    });
    if root {
        check_with(
            t,
            "initgroups sets getgrouplist's groups",
            exited(status, 0),
            status,
        );
    } else {
        check_with(
            t,
            "initgroups without CAP_SETGID: EPERM",
            exited(status, 101),
            status,
        );
    }
}

/// `os child-fds`: prints the open fds, except the one used to list them.
fn child_fds() -> i32 {
    let Ok(dir) = strata_core::os::open("/proc/self/fd", OFlags::RDONLY | OFlags::DIRECTORY, 0)
    else {
        return 2;
    };
    let mut buf = [0u8; 4096];
    let mut fds: Vec<i32> = strata_core::os::scandir_fd(dir.as_fd(), &mut buf)
        .flatten()
        .filter_map(|e| core::str::from_utf8(e.name()).ok()?.parse().ok())
        .filter(|&fd| fd != dir.as_raw_fd())
        .collect();
    fds.sort_unstable();
    let list: Vec<String> = fds.iter().map(|fd| fmt!("{fd}")).collect();
    println!("{}", list.join(" "));
    0
}

/// The fds of process `pid` (`/proc/PID/fd`), sorted.
fn fds_of(pid: &str) -> Vec<i32> {
    let mut fds: Vec<i32> = os::listdir(fmt!("/proc/{pid}/fd"))
        .unwrap_or_default()
        .iter()
        .filter_map(|n| core::str::from_utf8(n).ok()?.parse().ok())
        .collect();
    fds.sort_unstable();
    fds
}

fn inheritance(t: &mut Tap) {
    // A mix: an inheritable dup2 copy, an fd made inheritable, and
    // close-on-exec ones (open, dup, dup2 with inheritable=False).
    let (Ok(a), Ok((r, w))) = (os::open("/dev/null", os::O_RDONLY, 0), os::pipe()) else {
        t.check("inheritance setup", false);
        return;
    };
    let _ = os::dup2(&a, 40, true);
    let _ = os::dup2(&a, 41, false);
    let inh = os::dup(&a);
    let _ = inh.as_ref().map(|fd| os::set_inheritable(fd, true));
    let non = os::dup(&a);
    // What may cross: every fd of ours without FD_CLOEXEC; the child's
    // stdout becomes the pipe's write end.
    let mut want: Vec<i32> = fds_of("self")
        .into_iter()
        .filter(|&fd| os::get_inheritable(raw(fd)) == Ok(true))
        .collect();
    if !want.contains(&1) {
        want.push(1);
        want.sort_unstable();
    }
    let sure = want.contains(&40)
        && inh.as_ref().is_ok_and(|fd| want.contains(&fd.as_raw_fd()))
        && !want.contains(&41)
        && non.as_ref().is_ok_and(|fd| !want.contains(&fd.as_raw_fd()));
    let acts = [FileAction::Dup2 {
        fd: w.as_raw_fd(),
        new_fd: 1,
    }];
    let attrs = SpawnAttrs {
        file_actions: &acts,
        ..SpawnAttrs::default()
    };
    let me = os::posix_spawn("/proc/self/exe", &["os", "child-fds"], None, &attrs);
    match me {
        Ok(pid) => {
            drop(w);
            let out = read_all(&r);
            let _ = os::waitpid(pid, 0);
            let got: Vec<i32> = core::str::from_utf8(&out)
                .unwrap_or("")
                .split_ascii_whitespace()
                .filter_map(|s| s.parse().ok())
                .collect();
            t.check(
                "an exec'd child lists /proc/self/fd: exactly our inheritable fds crossed",
                sure && got == want,
            );
        }
        Err(e) if e.errno() == Errno::NOEXEC => {
            EMULATED.store(true, Ordering::SeqCst);
            println!(
                "# skip self-exec: qemu-user cannot exec a foreign binary (ENOEXEC); listing an exec'd /bin/sh from /proc/PID/fd instead"
            );
            let Ok((cr, cw)) = os::pipe() else {
                return;
            };
            let acts = [
                FileAction::Dup2 {
                    fd: cr.as_raw_fd(),
                    new_fd: 0,
                },
                FileAction::Dup2 {
                    fd: w.as_raw_fd(),
                    new_fd: 1,
                },
            ];
            let attrs = SpawnAttrs {
                file_actions: &acts,
                ..SpawnAttrs::default()
            };
            let pid = os::posix_spawn("/bin/sh", &["sh", "-c", "read x"], None, &attrs);
            let mut want0 = want.clone();
            if !want0.contains(&0) {
                want0.insert(0, 0);
            }
            // Under qemu-user the vfork child is a plain fork: the parent
            // may look before the child has exec'd. Look again for up to
            // 2 s until the shell is blocked in its read; a leaked fd stays.
            let mut got = None;
            if let Ok(p) = pid.as_ref() {
                for _ in 0..200 {
                    let fds = fds_of(&fmt!("{p}"));
                    let settled = fds == want0;
                    got = Some(fds);
                    if settled {
                        break;
                    }
                    let _ = strata_alloc::time::sleep(0.01);
                }
            }
            drop(cw);
            let _ = pid.map(|p| os::waitpid(p, 0));
            t.check(
                "an exec'd child's /proc/PID/fd: exactly our inheritable fds crossed",
                sure && got.is_some_and(|g| g == want0),
            );
        }
        Err(e) => {
            println!("# self-exec failed: {e}");
            t.check("an exec'd child lists its fds", false);
        }
    }
    // SAFETY: 40 and 41 are the dup2 copies made above, owned by no one.
    unsafe { os::closerange(40, 42) };
}

// ---------------------------------------------------------------- waits

/// Spawns `sh -c 'read x'` blocked on a pipe we hold; returns the pid and
/// the write end (dropping it lets the shell exit with 1).
fn blocked_shell(setpgroup: Option<i32>) -> Option<(i32, os::OwnedFd)> {
    let (r, w) = os::pipe().ok()?;
    let acts = [FileAction::Dup2 {
        fd: r.as_raw_fd(),
        new_fd: 0,
    }];
    let attrs = SpawnAttrs {
        file_actions: &acts,
        setpgroup,
        ..SpawnAttrs::default()
    };
    let pid = os::posix_spawn("/bin/sh", &["sh", "-c", "read x"], None, &attrs).ok()?;
    Some((pid, w))
}

fn waits(t: &mut Tap) {
    if let Some((pid, w)) = blocked_shell(None) {
        t.check(
            "waitpid WNOHANG on a running child is (0, 0)",
            os::waitpid(pid, os::WNOHANG) == Ok((0, 0)),
        );
        t.check(
            "waitid WNOHANG with no child ready is None",
            os::waitid(os::P_PID, pid, os::WEXITED | os::WNOHANG) == Ok(None),
        );
        let stopped = os::kill(pid, signal::SIGSTOP).is_ok()
            && os::waitpid(pid, os::WUNTRACED).is_ok_and(|(p, s)| {
                p == pid
                    && os::WIFSTOPPED(s)
                    && os::WSTOPSIG(s) == 19
                    && os::waitstatus_to_exitcode(s) == Err(Errno::INVAL)
            });
        t.check(
            "WUNTRACED sees a stopped child (WIFSTOPPED, WSTOPSIG)",
            stopped,
        );
        let continued = os::kill(pid, signal::SIGCONT).is_ok()
            && os::waitpid(pid, os::WCONTINUED).is_ok_and(|(p, s)| p == pid && os::WIFCONTINUED(s));
        t.check("WCONTINUED sees it continue", continued);
        drop(w);
        let done = os::waitpid(pid, 0);
        t.check(
            "the shell ends when its stdin does",
            done.is_ok_and(|(p, s)| p == pid && exited(s, 1)),
        );
    }
    if let Some((pid, _w)) = blocked_shell(None) {
        let status = os::kill(pid, signal::SIGTERM).and_then(|()| os::waitpid(pid, 0));
        t.check(
            "kill: WIFSIGNALED, WTERMSIG",
            status.is_ok_and(|(_, s)| {
                os::WIFSIGNALED(s)
                    && os::WTERMSIG(s) == 15
                    && os::waitstatus_to_exitcode(s) == Ok(-15)
            }),
        );
    }
    if let Some((pid, _w)) = blocked_shell(Some(0)) {
        let status = os::killpg(pid, signal::SIGKILL).and_then(|()| os::waitpid(pid, 0));
        t.check(
            "killpg reaches a child's group",
            status.is_ok_and(|(_, s)| os::WTERMSIG(s) == 9),
        );
    }
    t.check(
        "killpg of a negative group is EINVAL",
        err(os::killpg(-1, signal::SIGKILL)) == Some(Errno::INVAL),
    );
    let none = SpawnAttrs::default();
    if let Ok(pid) = os::posix_spawn("/bin/sh", &["sh", "-c", "exit 3"], None, &none) {
        let info = os::waitid(os::P_PID, pid, os::WEXITED | os::WNOWAIT);
        t.check(
            "waitid: pid, uid, SIGCHLD, status, CLD_EXITED",
            info.is_ok_and(|i| {
                i.is_some_and(|i| {
                    i.si_pid == pid
                        && i.si_uid == os::getuid()
                        && i.si_signo == 17
                        && i.si_status == 3
                        && i.si_code == os::CLD_EXITED
                })
            }),
        );
        let w4 = os::wait4(pid, 0);
        t.check(
            "WNOWAIT left it waitable; wait4 reports its resource usage",
            w4.is_ok_and(|(p, s, ru)| {
                p == pid && exited(s, 3) && ru.ru_maxrss > 0 && ru.ru_utime >= 0.0
            }),
        );
    }
    if let Ok(pid) = os::posix_spawn("/bin/sh", &["sh", "-c", "exit 4"], None, &none) {
        match os::pidfd_open(pid, 0) {
            Ok(fd) => {
                let info = os::waitid(os::P_PIDFD, fd.as_raw_fd(), os::WEXITED);
                t.check(
                    "pidfd_open: non-inheritable, and waitid(P_PIDFD) waits on it",
                    os::get_inheritable(&fd) == Ok(false)
                        && info
                            .is_ok_and(|i| i.is_some_and(|i| i.si_pid == pid && i.si_status == 4)),
                );
            }
            Err(e) => {
                let _ = os::waitpid(pid, 0);
                println!("# skip pidfd_open: {e:?}");
                t.check(
                    "pidfd_open is missing only where the kernel lacks it",
                    e == Errno::NOSYS,
                );
            }
        }
    }
    if let Ok(pid) = os::posix_spawn("/bin/sh", &["sh", "-c", "exit 0"], None, &none) {
        t.check("wait", os::wait().is_ok_and(|(p, s)| p == pid && s == 0));
    }
    if let Ok(pid) = os::posix_spawn("/bin/sh", &["sh", "-c", "exit 2"], None, &none) {
        t.check(
            "wait3",
            os::wait3(0).is_ok_and(|(p, s, ru)| p == pid && exited(s, 2) && ru.ru_minflt >= 0),
        );
    }
    t.check(
        "wait with no children is ECHILD",
        err(os::wait()) == Some(Errno::CHILD),
    );
    pep475(t);
    let t0 = os::times();
    let mut t1 = os::times();
    while t1.elapsed - t0.elapsed < 0.05 {
        t1 = os::times();
    }
    t.check(
        "times: elapsed advances and a busy loop shows as CPU time",
        t1.user + t1.system > t0.user + t0.system
            && t1.children_user >= 0.0
            && t1.children_system >= 0.0,
    );
}

/// Waits interrupted by a signal retry (PEP 475) unless the signal was
/// caught as interrupting.
fn pep475(t: &mut Tap) {
    use core::time::Duration;
    let none = SpawnAttrs::default();
    let _ = signal::catch(signal::SIGALRM, false);
    let _ = signal::caught(signal::SIGALRM);
    let child = os::posix_spawn("/bin/sh", &["sh", "-c", "sleep 0.3"], None, &none);
    let _ = signal::setitimer(
        signal::ITIMER_REAL,
        Duration::from_millis(20),
        Duration::from_millis(20),
    );
    let waited = child.as_ref().map(|&pid| os::waitpid(pid, 0));
    let _ = signal::setitimer(signal::ITIMER_REAL, Duration::ZERO, Duration::ZERO);
    let alarms = signal::caught(signal::SIGALRM);
    check_with(
        t,
        "waitpid interrupted by signals retries until the child ends (PEP 475)",
        matches!((&child, &waited), (Ok(pid), Ok(Ok((p, s)))) if p == pid && exited(*s, 0))
            && alarms >= 3,
        alarms,
    );
    if let Some((pid, w)) = blocked_shell(None) {
        let _ = signal::catch(signal::SIGALRM, true);
        let _ = signal::setitimer(
            signal::ITIMER_REAL,
            Duration::from_millis(30),
            Duration::ZERO,
        );
        let interrupted = os::waitpid(pid, 0);
        drop(w);
        let reaped = os::waitpid(pid, 0);
        t.check(
            "an interrupting signal stops waitpid with EINTR",
            interrupted == Err(Errno::INTR) && reaped.is_ok_and(|(p, _)| p == pid),
        );
    }
    let _ = signal::signal(signal::SIGALRM, signal::Handler::Default);
}

// ---------------------------------------------------------------- system, popen, environ

fn shells(t: &mut Tap, dir: &[u8]) {
    flush();
    let before =
        signal::getsignal(signal::SIGINT).map(|a| matches!(a.handler, signal::Handler::Default));
    t.check(
        "system returns the wait status",
        os::system("exit 3").is_ok_and(|s| exited(s, 3)),
    );
    let file = join(dir, "system-out");
    let cmd = fmt!("echo from-system > '{}'", os::fsdecode(&file));
    t.check(
        "system runs a shell command",
        os::system(&cmd).is_ok_and(|s| s == 0) && read_file(&file) == b"from-system\n",
    );
    let after =
        signal::getsignal(signal::SIGINT).map(|a| matches!(a.handler, signal::Handler::Default));
    t.check(
        "system leaves SIGINT as it found it",
        before.is_ok() && before == after,
    );
    let mut p = os::popen("echo hi", "r");
    let out = p.as_mut().map(|p| p.read_to_string());
    t.check(
        "popen reads the command's output; close is None for status 0",
        matches!(&out, Ok(Ok(s)) if s == "hi\n")
            && p.is_ok_and(|p| p.close().is_ok_and(|c| c.is_none())),
    );
    t.check(
        "popen close gives Python's status for a failure",
        os::popen("exit 5", "r").is_ok_and(|p| p.close().is_ok_and(|c| c == Some(5 << 8))),
    );
    let target = join(dir, "popen-in");
    let cmd = fmt!("cat > '{}'", os::fsdecode(&target));
    let written = os::popen(&cmd, "w").is_ok_and(|mut p| {
        p.write_all(b"to stdin").is_ok() && p.close().is_ok_and(|c| c.is_none())
    });
    t.check(
        "popen writes the command's stdin",
        written && read_file(&target) == b"to stdin",
    );
    t.check(
        "popen with a bad mode is EINVAL",
        aerr(os::popen("true", "x")) == Some(Errno::INVAL),
    );
    let _ = os::open("/dev/null", os::O_RDONLY, 0).map(|fd| os::dup2(&fd, 61, true));
    let closed = os::popen("[ -e /proc/$$/fd/61 ] && echo open || echo closed", "r")
        .and_then(|mut p| p.read_to_string());
    // SAFETY: fd 61 is the dup2 copy made above, owned by no one.
    unsafe { os::closerange(61, 62) };
    t.check(
        "popen's command gets none of our fds (close_fds)",
        closed.is_ok_and(|s| s == "closed\n"),
    );

    t.check(
        "putenv and getenv",
        os::putenv("STRATA_OS_T", "v1").is_ok()
            && os::getenv("STRATA_OS_T") == Some(b"v1".to_vec()),
    );
    let seen = os::popen("echo ${STRATA_OS_T:-unset}", "r").and_then(|mut p| p.read_to_string());
    t.check("a child sees a putenv", seen.is_ok_and(|s| s == "v1\n"));
    t.check(
        "environ lists it",
        os::environ().any(|(k, v)| k == b"STRATA_OS_T" && v == b"v1"),
    );
    let _ = os::unsetenv("STRATA_OS_T");
    let seen = os::popen("echo ${STRATA_OS_T:-unset}", "r").and_then(|mut p| p.read_to_string());
    t.check(
        "unsetenv removes it for children too",
        seen.is_ok_and(|s| s == "unset\n") && os::getenv("STRATA_OS_T").is_none(),
    );
    t.check(
        "putenv refuses a name with '='",
        aerr(os::putenv("A=B", "x")) == Some(Errno::INVAL),
    );
    let status = in_child(|| {
        let _ = os::putenv("STRATA_EXEC", "11");
        os::execv("/bin/sh", &["sh", "-c", "exit $STRATA_EXEC"])
            .errno()
            .raw_os_error()
    });
    t.check("execv passes the changed environment", exited(status, 11));
}

// ---------------------------------------------------------------- scheduler, system information, random

fn scheduler(t: &mut Tap) {
    os::sched_yield();
    t.check(
        "sched_getscheduler and sched_getparam of this process",
        os::sched_getscheduler(0) == Ok(os::SCHED_OTHER)
            && os::sched_getparam(0).is_ok_and(|p| p.sched_priority == 0),
    );
    t.check(
        "sched_setparam with the same priority",
        os::sched_setparam(0, &os::SchedParam { sched_priority: 0 }).is_ok(),
    );
    t.check(
        "sched_get_priority_min/max",
        os::sched_get_priority_min(os::SCHED_FIFO) == Ok(1)
            && os::sched_get_priority_max(os::SCHED_RR) == Ok(99)
            && os::sched_get_priority_max(os::SCHED_OTHER) == Ok(0)
            && err(os::sched_get_priority_max(77)) == Some(Errno::INVAL),
    );
    t.check(
        "sched_rr_get_interval",
        os::sched_rr_get_interval(0).is_ok_and(|s| (0.0..10.0).contains(&s)),
    );
    let status = in_child(|| {
        let zero = os::SchedParam { sched_priority: 0 };
        let batch = os::sched_setscheduler(0, os::SCHED_BATCH, &zero);
        let fifo0 = os::sched_setscheduler(0, os::SCHED_FIFO, &zero);
        i32::from(
            batch.is_err()
                || os::sched_getscheduler(0) != Ok(os::SCHED_BATCH)
                || fifo0 != Err(Errno::INVAL),
        )
    });
    t.check(
        "sched_setscheduler SCHED_BATCH (and FIFO at 0 is EINVAL)",
        exited(status, 0),
    );
    let set = os::sched_getaffinity(0);
    t.check(
        "sched_getaffinity counts process_cpu_count",
        set.as_ref()
            .is_ok_and(|s| Some(s.count()) == os::process_cpu_count() && s.count() >= 1),
    );
    t.check(
        "sched_setaffinity to the same set; an empty set is EINVAL",
        set.as_ref()
            .is_ok_and(|s| os::sched_setaffinity(0, s).is_ok())
            && err(os::sched_setaffinity(0, &os::CpuSet::new())) == Some(Errno::INVAL),
    );
}

fn system_info(t: &mut Tap) {
    t.check("cpu_count", os::cpu_count().is_some_and(|n| n >= 1));
    t.check(
        "sysconf page size and clock ticks",
        os::sysconf("SC_PAGE_SIZE") == Ok(os::page_size() as i64)
            && os::sysconf("SC_PAGESIZE") == Ok(os::page_size() as i64)
            && os::sysconf("SC_CLK_TCK").is_ok_and(|t| t > 0),
    );
    t.check(
        "sysconf of an unknown name is EINVAL",
        err(os::sysconf("SC_NOPE")) == Some(Errno::INVAL),
    );
    t.check(
        "sysconf memory pages",
        matches!((os::sysconf("SC_PHYS_PAGES"), os::sysconf("SC_AVPHYS_PAGES")),
            (Ok(p), Ok(a)) if p > 0 && a > 0 && (a <= p || sysinfo_truncated())),
    );
    if sysinfo_truncated() {
        println!(
            "# skip SC_AVPHYS_PAGES <= SC_PHYS_PAGES: qemu-user wraps sysinfo's memory counts for a 32-bit guest"
        );
    }
    t.check(
        "getloadavg: three finite, non-negative numbers",
        os::getloadavg()
            .is_ok_and(|(a, b, c)| [a, b, c].iter().all(|x| x.is_finite() && *x >= 0.0)),
    );
    t.check(
        "the path constants",
        os::SEP == "/"
            && os::CURDIR == "."
            && os::PARDIR == ".."
            && os::PATHSEP == ":"
            && os::DEFPATH == "/bin:/usr/bin"
            && os::DEVNULL == "/dev/null"
            && os::LINESEP == "\n"
            && os::ALTSEP.is_none()
            && os::EXTSEP == ".",
    );
}

/// Whether the kernel lacks `nr`, probed with bad fds and NULL pointers.
fn kernel_lacks(nr: u32) -> bool {
    let bad = -1isize as usize;
    // SAFETY: fds -1 and null, empty buffers: the call fails or does
    // nothing, whichever it is.
    unsafe { strata_tests::answers_enosys(nr, [bad, 0, bad, 0, 0, 0]) }
}

fn random(t: &mut Tap) {
    let mut a = [0u8; 64];
    // getrandom is a raw call, as Python's: ENOSYS where the kernel
    // lacks it (urandom falls back), and only there.
    if kernel_lacks(linux_raw_sys::general::__NR_getrandom) {
        t.check(
            "getrandom is ENOSYS where the kernel has none",
            err(os::getrandom(&mut a, 0)) == Some(Errno::NOSYS),
        );
    } else {
        t.check(
            "getrandom fills the buffer",
            os::getrandom(&mut a, 0) == Ok(64) && a.iter().any(|&b| b != 0),
        );
        t.check(
            "getrandom GRND_NONBLOCK; unknown flags are EINVAL",
            os::getrandom(&mut a, os::GRND_NONBLOCK).is_ok()
                && err(os::getrandom(&mut a, 0x100)) == Some(Errno::INVAL),
        );
    }
    let mut big = vec![0u8; 1 << 20];
    t.check(
        "urandom fills a MiB completely",
        os::urandom(&mut big).is_ok() && big.chunks(4096).all(|c| c.iter().any(|&b| b != 0)),
    );
    let (mut x, mut y) = ([0u8; 32], [0u8; 32]);
    t.check(
        "two urandom draws differ",
        os::urandom(&mut x).is_ok() && os::urandom(&mut y).is_ok() && x != y,
    );
}

// ---------------------------------------------------------------- Python

/// What both Strata and CPython print about the same tree and process;
/// `python_oracle` compares them group by group.
const PYTHON: &str = include_str!("../../oracle/os_live.py");

/// Names compared with Python's sysconf (not SC_AVPHYS_PAGES, which
/// moves between the two reads).
const SYSCONF_COMPARED: [&str; 17] = [
    "SC_ARG_MAX",
    "SC_CHILD_MAX",
    "SC_CLK_TCK",
    "SC_IOV_MAX",
    "SC_LINE_MAX",
    "SC_LOGIN_NAME_MAX",
    "SC_NGROUPS_MAX",
    "SC_NPROCESSORS_CONF",
    "SC_NPROCESSORS_ONLN",
    "SC_OPEN_MAX",
    "SC_PAGESIZE",
    "SC_PAGE_SIZE",
    "SC_PHYS_PAGES",
    "SC_RE_DUP_MAX",
    "SC_STREAM_MAX",
    "SC_TTY_NAME_MAX",
    "SC_TZNAME_MAX",
];

/// [`SYSCONF_COMPARED`], less `SC_PHYS_PAGES` where the emulator wraps
/// it (see [`sysinfo_truncated`]).
fn sysconf_compared() -> Vec<&'static str> {
    SYSCONF_COMPARED
        .iter()
        .copied()
        .filter(|&n| !(sysinfo_truncated() && n == "SC_PHYS_PAGES"))
        .collect()
}

struct Lines(Vec<Vec<u8>>);

impl Lines {
    fn line(&mut self, fields: &[&[u8]]) {
        self.0.push(fields.join(&b"\t"[..]));
    }

    fn text(&mut self, fields: &[&str]) {
        let f: Vec<&[u8]> = fields.iter().map(|s| s.as_bytes()).collect();
        self.line(&f);
    }
}

fn rel<'p>(top: &[u8], p: &'p [u8]) -> &'p [u8] {
    let r = &p[top.len().min(p.len())..];
    let r = r.strip_prefix(b"/").unwrap_or(r);
    if r.is_empty() { b"." } else { r }
}

fn st_text(s: &os::StatResult) -> String {
    let mode = os::filemode(s.st_mode);
    fmt!(
        "{} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}",
        s.st_mode,
        s.st_ino,
        s.st_dev,
        s.st_nlink,
        s.st_uid,
        s.st_gid,
        s.st_size,
        s.st_atime.to_bits(),
        s.st_mtime.to_bits(),
        s.st_ctime.to_bits(),
        s.st_atime_ns,
        s.st_mtime_ns,
        s.st_ctime_ns,
        s.st_blocks,
        s.st_blksize,
        s.st_rdev,
        core::str::from_utf8(&mode).unwrap_or("?")
    )
}

/// Strata's side of the comparison, in the script's order.
fn our_lines(top: &[u8], path: &[u8]) -> Lines {
    let mut out = Lines(Vec::new());
    let mut paths: Vec<Vec<u8>> = Vec::new();
    for step in os::walk(top) {
        for n in step.dirnames.iter().chain(&step.filenames) {
            let mut p = step.dirpath.clone();
            p.push(b'/');
            p.extend_from_slice(n);
            paths.push(p);
        }
    }
    paths.sort();
    for p in &paths {
        let l = os::lstat(p).map(|s| st_text(&s)).unwrap_or_default();
        out.line(&[b"lstat", rel(top, p), l.as_bytes()]);
        match os::stat(p) {
            Ok(s) => out.line(&[b"stat", rel(top, p), st_text(&s).as_bytes()]),
            Err(e) => out.line(&[
                b"stat",
                rel(top, p),
                b"ERR",
                fmt!("{}", e.errno().raw_os_error()).as_bytes(),
            ]),
        }
    }
    for d in [top.to_vec(), join(top, "sub1"), join(top, "sub3")] {
        let names = os::listdir(&d).unwrap_or_default();
        out.line(&[b"listdir", rel(top, &d), &names.join(&b","[..])]);
    }
    let walks: [(&[u8], os::Walk<'_>); 3] = [
        (b"walk-top", os::walk(top)),
        (b"walk-bottom", os::walk(top).topdown(false)),
        (b"walk-follow", os::walk(top).followlinks(true)),
    ];
    for (kind, w) in walks {
        for s in w {
            out.line(&[
                kind,
                rel(top, &s.dirpath),
                &names(&s.dirnames),
                &names(&s.filenames),
            ]);
        }
    }
    for (kind, topdown) in [(&b"fwalk-top"[..], true), (b"fwalk-bottom", false)] {
        if let Ok(w) = os::fwalk(top, false) {
            for s in w.topdown(topdown) {
                out.line(&[
                    kind,
                    rel(top, &s.dirpath),
                    &names(&s.dirnames),
                    &names(&s.filenames),
                ]);
            }
        }
    }
    let u = os::uname();
    out.text(&["uname", u.sysname(), u.nodename(), u.release(), u.version()]);
    out.text(&["cpu_count", &fmt!("{}", os::cpu_count().unwrap_or(0))]);
    for n in sysconf_compared() {
        out.text(&["sysconf", n, &fmt!("{}", os::sysconf(n).unwrap_or(-999))]);
    }
    let path_env = [(b"PATH".to_vec(), path.to_vec())];
    out.line(&[
        b"exec_path",
        &os::get_exec_path(Some(&path_env)).join(&b":"[..]),
        &os::get_exec_path(Some(&[])).join(&b":"[..]),
    ]);
    out.text(&["loadavg", &fmt!("{}", os::getloadavg().map_or(0, |_| 3))]);
    if let Ok(v) = os::statvfs(top) {
        out.text(&[
            "statvfs",
            &fmt!("{}", v.f_bsize),
            &fmt!("{}", v.f_frsize),
            &fmt!("{}", v.f_blocks),
            &fmt!("{}", v.f_files),
            &fmt!("{}", v.f_flag),
            &fmt!("{}", v.f_namemax),
            &fmt!("{}", v.f_fsid),
        ]);
    }
    let ids = [os::getuid(), os::geteuid(), os::getgid(), os::getegid()].map(|i| fmt!("{i}"));
    out.text(&["ids", &ids[0], &ids[1], &ids[2], &ids[3]]);
    let (r, e, s) = os::getresuid();
    let (rg, eg, sg) = os::getresgid();
    let res = [r, e, s, rg, eg, sg].map(|i| fmt!("{i}"));
    out.text(&[
        "resids", &res[0], &res[1], &res[2], &res[3], &res[4], &res[5],
    ]);
    let groups: Vec<String> = os::getgroups()
        .unwrap_or_default()
        .iter()
        .map(|g| fmt!("{g}"))
        .collect();
    out.text(&["groups", &groups.join(",")]);
    out.text(&["ppid", &fmt!("{}", os::getpid())]);
    out.text(&[
        "pgrp",
        &fmt!("{}", os::getpgrp()),
        &fmt!("{}", os::getsid(0).unwrap_or(-1)),
    ]);
    out.text(&[
        "priority",
        &fmt!("{}", os::getpriority(os::PRIO_PROCESS, 0).unwrap_or(-99)),
    ]);
    let mut sched = vec!["sched".into()];
    for p in [
        os::SCHED_FIFO,
        os::SCHED_RR,
        os::SCHED_OTHER,
        os::SCHED_BATCH,
        os::SCHED_IDLE,
    ] {
        sched.push(fmt!("{}", os::sched_get_priority_min(p).unwrap_or(-1)));
        sched.push(fmt!("{}", os::sched_get_priority_max(p).unwrap_or(-1)));
    }
    let sched_ref: Vec<&str> = sched.iter().map(String::as_str).collect();
    out.text(&sched_ref);
    let cpus: Vec<String> = os::sched_getaffinity(0)
        .map(|s| s.iter().map(|c| fmt!("{c}")).collect())
        .unwrap_or_default();
    out.text(&["affinity", &cpus.join(",")]);
    let login = os::getlogin().unwrap_or_else(|_| "ERR".into());
    out.text(&["getlogin", &login]);
    let m = os::umask(0);
    os::umask(m);
    out.text(&["umask", &fmt!("{m}")]);
    out.text(&[
        "devices",
        &fmt!("{}", os::makedev(259, 65537)),
        &fmt!("{}", os::major(4294967295)),
        &fmt!("{}", os::minor(4294967295)),
        &fmt!("{}", os::makedev(8, 1)),
    ]);
    let msgs: Vec<String> = [1, 2, 13, 22, 110, 133, 200]
        .iter()
        .map(|&e| fmt!("{}", os::strerror(e)))
        .collect();
    let mut f = vec!["strerror"];
    f.extend(msgs.iter().map(String::as_str));
    out.text(&f);
    let mut pc_names: Vec<&str> = os::PATHCONF_NAMES.iter().map(|&(n, _)| n).collect();
    pc_names.sort_unstable();
    for p in [top, b"/", b"/tmp", b"/proc", b"/nonexistent"] {
        let shown = if p == top { rel(top, p) } else { p };
        for n in &pc_names {
            let v = match os::pathconf(p, n) {
                Ok(v) => fmt!("{v}"),
                Err(e) => fmt!("ERR\t{}", e.raw_os_error()),
            };
            out.line(&[b"pathconf", shown, n.as_bytes(), v.as_bytes()]);
        }
    }
    let table = |names: &[(&str, i32)]| {
        let mut names = names.to_vec();
        names.sort_unstable();
        let v: Vec<String> = names.iter().map(|(k, v)| fmt!("{k}={v}")).collect();
        v.join(",")
    };
    out.text(&["pathconf_names", &table(&os::PATHCONF_NAMES)]);
    out.text(&["confstr_names", &table(&os::CONFSTR_NAMES)]);
    let consts: Vec<String> = consts_compared()
        .iter()
        .map(|(k, v)| fmt!("{k}={v}"))
        .collect();
    let mut f = vec!["consts"];
    f.extend(consts.iter().map(String::as_str));
    out.text(&f);
    let sh = |mode: i32, script: &str| os::spawnv(mode, "/bin/sh", &["sh", "-c", script]);
    let nowait = sh(os::P_NOWAIT, "exit 5").map_or(-1, |pid| {
        os::waitpid(pid, 0).map_or(-1, |(_, s)| os::waitstatus_to_exitcode(s).unwrap_or(-1))
    });
    let code = |r: Result<i32, os::Error>| r.map_or_else(|e| fmt!("{e}"), |c| fmt!("{c}"));
    out.text(&[
        "spawn",
        &code(sh(os::P_WAIT, "exit 3")),
        &code(sh(os::P_WAIT, "kill -9 $$")),
        &fmt!("{nowait}"),
        &code(os::spawnlp!(os::P_WAIT, "sh", "sh", "-c", "exit 7")),
    ]);
    let mut name = [0u8; 256];
    let user = strata_alloc::getpass::name_for_uid(c"/etc/passwd", os::getuid(), &mut name)
        .ok()
        .flatten()
        .map(<[u8]>::to_vec);
    let users = [
        (user, os::getgid()),
        (Some(b"root".to_vec()), 0),
        (Some(b"no-such-user-here".to_vec()), 4242),
    ];
    for (u, g) in users {
        let Some(u) = u else { continue };
        let groups = os::getgrouplist(&u, g).unwrap_or_default();
        let groups: Vec<String> = groups.iter().map(|g| fmt!("{g}")).collect();
        out.line(&[
            b"grouplist",
            &u,
            fmt!("{g}").as_bytes(),
            groups.join(",").as_bytes(),
        ]);
    }
    out
}

/// The constants compared with Python's (`consts`): every integer
/// constant of Python's `os` on Linux that Strata has (all of them but
/// the `POSIX_SPAWN_*` tuple tags, see [`FileAction`]).
const CONSTS: &[(&str, i64)] = &[
    ("CLD_CONTINUED", os::CLD_CONTINUED as i64),
    ("CLD_DUMPED", os::CLD_DUMPED as i64),
    ("CLD_EXITED", os::CLD_EXITED as i64),
    ("CLD_KILLED", os::CLD_KILLED as i64),
    ("CLD_STOPPED", os::CLD_STOPPED as i64),
    ("CLD_TRAPPED", os::CLD_TRAPPED as i64),
    ("EFD_CLOEXEC", os::EFD_CLOEXEC as i64),
    ("EFD_NONBLOCK", os::EFD_NONBLOCK as i64),
    ("EFD_SEMAPHORE", os::EFD_SEMAPHORE as i64),
    ("EX_CANTCREAT", os::EX_CANTCREAT as i64),
    ("EX_CONFIG", os::EX_CONFIG as i64),
    ("EX_DATAERR", os::EX_DATAERR as i64),
    ("EX_IOERR", os::EX_IOERR as i64),
    ("EX_NOHOST", os::EX_NOHOST as i64),
    ("EX_NOINPUT", os::EX_NOINPUT as i64),
    ("EX_NOPERM", os::EX_NOPERM as i64),
    ("EX_NOUSER", os::EX_NOUSER as i64),
    ("EX_OK", os::EX_OK as i64),
    ("EX_OSERR", os::EX_OSERR as i64),
    ("EX_OSFILE", os::EX_OSFILE as i64),
    ("EX_PROTOCOL", os::EX_PROTOCOL as i64),
    ("EX_SOFTWARE", os::EX_SOFTWARE as i64),
    ("EX_TEMPFAIL", os::EX_TEMPFAIL as i64),
    ("EX_UNAVAILABLE", os::EX_UNAVAILABLE as i64),
    ("EX_USAGE", os::EX_USAGE as i64),
    ("F_LOCK", os::F_LOCK as i64),
    ("F_OK", os::F_OK as i64),
    ("F_TEST", os::F_TEST as i64),
    ("F_TLOCK", os::F_TLOCK as i64),
    ("F_ULOCK", os::F_ULOCK as i64),
    ("GRND_NONBLOCK", os::GRND_NONBLOCK as i64),
    ("GRND_RANDOM", os::GRND_RANDOM as i64),
    ("MFD_ALLOW_SEALING", os::MFD_ALLOW_SEALING as i64),
    ("MFD_CLOEXEC", os::MFD_CLOEXEC as i64),
    ("MFD_HUGETLB", os::MFD_HUGETLB as i64),
    ("MFD_HUGE_16GB", os::MFD_HUGE_16GB as i64),
    ("MFD_HUGE_16MB", os::MFD_HUGE_16MB as i64),
    ("MFD_HUGE_1GB", os::MFD_HUGE_1GB as i64),
    ("MFD_HUGE_1MB", os::MFD_HUGE_1MB as i64),
    ("MFD_HUGE_256MB", os::MFD_HUGE_256MB as i64),
    ("MFD_HUGE_2GB", os::MFD_HUGE_2GB as i64),
    ("MFD_HUGE_2MB", os::MFD_HUGE_2MB as i64),
    ("MFD_HUGE_32MB", os::MFD_HUGE_32MB as i64),
    ("MFD_HUGE_512KB", os::MFD_HUGE_512KB as i64),
    ("MFD_HUGE_512MB", os::MFD_HUGE_512MB as i64),
    ("MFD_HUGE_64KB", os::MFD_HUGE_64KB as i64),
    ("MFD_HUGE_8MB", os::MFD_HUGE_8MB as i64),
    ("MFD_HUGE_MASK", os::MFD_HUGE_MASK as i64),
    ("MFD_HUGE_SHIFT", os::MFD_HUGE_SHIFT as i64),
    ("NGROUPS_MAX", os::NGROUPS_MAX as i64),
    ("O_ACCMODE", os::O_ACCMODE.bits() as i64),
    ("O_APPEND", os::O_APPEND.bits() as i64),
    ("O_ASYNC", os::O_ASYNC.bits() as i64),
    ("O_CLOEXEC", os::O_CLOEXEC.bits() as i64),
    ("O_CREAT", os::O_CREAT.bits() as i64),
    ("O_DIRECT", os::O_DIRECT.bits() as i64),
    ("O_DIRECTORY", os::O_DIRECTORY.bits() as i64),
    ("O_DSYNC", os::O_DSYNC.bits() as i64),
    ("O_EXCL", os::O_EXCL.bits() as i64),
    ("O_FSYNC", os::O_FSYNC.bits() as i64),
    ("O_LARGEFILE", os::O_LARGEFILE.bits() as i64),
    ("O_NDELAY", os::O_NDELAY.bits() as i64),
    ("O_NOATIME", os::O_NOATIME.bits() as i64),
    ("O_NOCTTY", os::O_NOCTTY.bits() as i64),
    ("O_NOFOLLOW", os::O_NOFOLLOW.bits() as i64),
    ("O_NONBLOCK", os::O_NONBLOCK.bits() as i64),
    ("O_PATH", os::O_PATH.bits() as i64),
    ("O_RDONLY", os::O_RDONLY.bits() as i64),
    ("O_RDWR", os::O_RDWR.bits() as i64),
    ("O_RSYNC", os::O_RSYNC.bits() as i64),
    ("O_SYNC", os::O_SYNC.bits() as i64),
    ("O_TMPFILE", os::O_TMPFILE.bits() as i64),
    ("O_TRUNC", os::O_TRUNC.bits() as i64),
    ("O_WRONLY", os::O_WRONLY.bits() as i64),
    ("POSIX_FADV_DONTNEED", os::POSIX_FADV_DONTNEED as i64),
    ("POSIX_FADV_NOREUSE", os::POSIX_FADV_NOREUSE as i64),
    ("POSIX_FADV_NORMAL", os::POSIX_FADV_NORMAL as i64),
    ("POSIX_FADV_RANDOM", os::POSIX_FADV_RANDOM as i64),
    ("POSIX_FADV_SEQUENTIAL", os::POSIX_FADV_SEQUENTIAL as i64),
    ("POSIX_FADV_WILLNEED", os::POSIX_FADV_WILLNEED as i64),
    ("PRIO_PGRP", os::PRIO_PGRP as i64),
    ("PRIO_PROCESS", os::PRIO_PROCESS as i64),
    ("PRIO_USER", os::PRIO_USER as i64),
    ("P_ALL", os::P_ALL as i64),
    ("P_NOWAIT", os::P_NOWAIT as i64),
    ("P_NOWAITO", os::P_NOWAITO as i64),
    ("P_PGID", os::P_PGID as i64),
    ("P_PID", os::P_PID as i64),
    ("P_PIDFD", os::P_PIDFD as i64),
    ("P_WAIT", os::P_WAIT as i64),
    ("RTLD_DEEPBIND", os::RTLD_DEEPBIND as i64),
    ("RTLD_GLOBAL", os::RTLD_GLOBAL as i64),
    ("RTLD_LAZY", os::RTLD_LAZY as i64),
    ("RTLD_LOCAL", os::RTLD_LOCAL as i64),
    ("RTLD_NODELETE", os::RTLD_NODELETE as i64),
    ("RTLD_NOLOAD", os::RTLD_NOLOAD as i64),
    ("RTLD_NOW", os::RTLD_NOW as i64),
    ("RWF_APPEND", os::RWF_APPEND.bits() as i64),
    ("RWF_DSYNC", os::RWF_DSYNC.bits() as i64),
    ("RWF_HIPRI", os::RWF_HIPRI.bits() as i64),
    ("RWF_NOWAIT", os::RWF_NOWAIT.bits() as i64),
    ("RWF_SYNC", os::RWF_SYNC.bits() as i64),
    ("R_OK", os::R_OK as i64),
    ("SCHED_BATCH", os::SCHED_BATCH as i64),
    ("SCHED_FIFO", os::SCHED_FIFO as i64),
    ("SCHED_IDLE", os::SCHED_IDLE as i64),
    ("SCHED_OTHER", os::SCHED_OTHER as i64),
    ("SCHED_RESET_ON_FORK", os::SCHED_RESET_ON_FORK as i64),
    ("SCHED_RR", os::SCHED_RR as i64),
    ("SEEK_CUR", os::SEEK_CUR as i64),
    ("SEEK_DATA", os::SEEK_DATA as i64),
    ("SEEK_END", os::SEEK_END as i64),
    ("SEEK_HOLE", os::SEEK_HOLE as i64),
    ("SEEK_SET", os::SEEK_SET as i64),
    ("SPLICE_F_MORE", os::SPLICE_F_MORE as i64),
    ("SPLICE_F_MOVE", os::SPLICE_F_MOVE as i64),
    ("SPLICE_F_NONBLOCK", os::SPLICE_F_NONBLOCK as i64),
    ("ST_APPEND", os::ST_APPEND as i64),
    ("ST_MANDLOCK", os::ST_MANDLOCK as i64),
    ("ST_NOATIME", os::ST_NOATIME as i64),
    ("ST_NODEV", os::ST_NODEV as i64),
    ("ST_NODIRATIME", os::ST_NODIRATIME as i64),
    ("ST_NOEXEC", os::ST_NOEXEC as i64),
    ("ST_NOSUID", os::ST_NOSUID as i64),
    ("ST_RDONLY", os::ST_RDONLY as i64),
    ("ST_RELATIME", os::ST_RELATIME as i64),
    ("ST_SYNCHRONOUS", os::ST_SYNCHRONOUS as i64),
    ("ST_WRITE", os::ST_WRITE as i64),
    ("TMP_MAX", os::TMP_MAX as i64),
    ("WCONTINUED", os::WCONTINUED as i64),
    ("WEXITED", os::WEXITED as i64),
    ("WNOHANG", os::WNOHANG as i64),
    ("WNOWAIT", os::WNOWAIT as i64),
    ("WSTOPPED", os::WSTOPPED as i64),
    ("WUNTRACED", os::WUNTRACED as i64),
    ("W_OK", os::W_OK as i64),
    ("XATTR_CREATE", os::XATTR_CREATE as i64),
    ("XATTR_REPLACE", os::XATTR_REPLACE as i64),
    ("XATTR_SIZE_MAX", os::XATTR_SIZE_MAX as i64),
    ("X_OK", os::X_OK as i64),
];

/// Open flags whose values differ between architectures (arm's
/// `O_DIRECTORY`, ...): under qemu-user the python3 that answers is the
/// host's, so they are compared on x86_64 only.
const ARCH_FLAGS: [&str; 5] = [
    "O_DIRECT",
    "O_DIRECTORY",
    "O_LARGEFILE",
    "O_NOFOLLOW",
    "O_TMPFILE",
];

/// The names of [`CONSTS`] this architecture compares with the host's
/// python3.
fn consts_compared() -> Vec<(&'static str, i64)> {
    let mut v: Vec<(&str, i64)> = CONSTS
        .iter()
        .copied()
        .filter(|(n, _)| cfg!(target_arch = "x86_64") || !ARCH_FLAGS.contains(n))
        .collect();
    v.sort_unstable();
    v
}

fn python_oracle(t: &mut Tap, dir: &[u8]) {
    let top = join(dir, "tree");
    // pyenv's shim changes PATH on its way to python3: pass ours along.
    let path = os::getenv("PATH").unwrap_or_default();
    let ours = our_lines(&top, &path);
    let Ok((r, w)) = os::pipe() else {
        return;
    };
    let acts = [FileAction::Dup2 {
        fd: w.as_raw_fd(),
        new_fd: 1,
    }];
    let attrs = SpawnAttrs {
        file_actions: &acts,
        ..SpawnAttrs::default()
    };
    if sysinfo_truncated() {
        println!(
            "# skip comparing SC_PHYS_PAGES: qemu-user wraps sysinfo's memory counts for a 32-bit guest"
        );
    }
    let names = sysconf_compared().join(",");
    let const_names: Vec<&str> = consts_compared().iter().map(|&(n, _)| n).collect();
    let const_names = const_names.join(",");
    let top_text = os::fsdecode(&top);
    // python3 is the oracle, not under test: under tier 2's memory limit
    // (a soft RLIMIT_AS) it gets the hard limit, then ours is put back.
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::As);
    let mut raised = limit;
    raised.current = limit.maximum;
    let _ = setrlimit(Resource::As, raised);
    let spawned = os::posix_spawnp(
        "python3",
        &[
            "python3",
            "-c",
            PYTHON,
            &top_text,
            &names,
            &os::fsdecode(&path),
            &const_names,
        ],
        None,
        &attrs,
    );
    let _ = setrlimit(Resource::As, limit);
    drop(w);
    let pid = match spawned {
        Ok(pid) => pid,
        Err(e) => {
            println!("# skip comparison with CPython: {e}");
            t.check(
                "python3 is absent, nothing to compare",
                e.errno() == Errno::NOENT,
            );
            return;
        }
    };
    let out = read_all(&r);
    let status = os::waitpid(pid, 0).map_or(-1, |(_, s)| s);
    let theirs: Vec<&[u8]> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    t.check(
        "python3 ran the comparison script",
        exited(status, 0) && theirs.len() > 30,
    );
    let groups = [
        "lstat",
        "stat",
        "listdir",
        "walk-top",
        "walk-bottom",
        "walk-follow",
        "fwalk-top",
        "fwalk-bottom",
        "uname",
        "cpu_count",
        "sysconf",
        "loadavg",
        "statvfs",
        "ids",
        "resids",
        "groups",
        "ppid",
        "pgrp",
        "priority",
        "exec_path",
        "sched",
        "affinity",
        "getlogin",
        "umask",
        "devices",
        "strerror",
        "pathconf",
        "pathconf_names",
        "confstr_names",
        "consts",
        "grouplist",
        "spawn",
    ];
    for g in groups {
        let key = |l: &&[u8]| l.split(|&b| b == b'\t').next() == Some(g.as_bytes());
        let a: Vec<&[u8]> = ours.0.iter().map(Vec::as_slice).filter(key).collect();
        let b: Vec<&[u8]> = theirs.iter().copied().filter(key).collect();
        let same = !a.is_empty() && a == b;
        if !same {
            for (x, y) in a.iter().zip(&b).filter(|(x, y)| x != y).take(3) {
                println!("# ours:   {}", os::fsdecode(x));
                println!("# python: {}", os::fsdecode(y));
            }
            if a.len() != b.len() {
                println!("# {g}: {} lines here, {} from python", a.len(), b.len());
            }
        }
        t.check(&fmt!("same as CPython: {g}"), same);
    }
}

// ---------------------------------------------------------------- cleanup

fn cleanup(t: &mut Tap, dir: &[u8]) {
    let mut ok = true;
    for step in os::walk(dir).topdown(false) {
        for f in &step.filenames {
            let mut p = step.dirpath.clone();
            p.push(b'/');
            p.extend_from_slice(f);
            ok &= os::unlink(&p).is_ok();
        }
        for d in &step.dirnames {
            let mut p = step.dirpath.clone();
            p.push(b'/');
            p.extend_from_slice(d);
            // A symlink to a directory is listed with the directories.
            ok &= match os::lstat(&p) {
                Ok(s) if s.is_symlink() => os::unlink(&p).is_ok(),
                _ => os::rmdir(&p).is_ok(),
            };
        }
    }
    ok &= os::rmdir(dir).is_ok();
    t.check(
        "the temporary tree is removed with walk(topdown=False)",
        ok && aerr(os::stat(dir)) == Some(Errno::NOENT),
    );
}
