//! The `platform` test program.
//!
//! Without arguments: TAP checks that hold wherever it runs, natively,
//! under qemu-user and as PID 1 with nothing mounted (where the
//! os-release files are missing and the answer must be CPython's error).
//! Every function answers or returns a clear error: the checks compare
//! each answer with what the raw `uname(2)`, the program's own file and
//! the filesystem say.
//!
//! `platform report PATH...` prints the answers as
//! `tests/oracle/platform.py --live` prints CPython's, for the harness to
//! compare line by line (first a `# bits` line, which tells the harness
//! the pointer size to give CPython when it plays another architecture).
#![no_std]
#![no_main]

extern crate alloc;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use strata_alloc::platform::{self, OsReleaseError};
use strata_alloc::{errno, os, println};
use strata_tests::Tap;

strata_alloc::main!(main);

const BITS: &str = if cfg!(target_pointer_width = "64") {
    "64bit"
} else {
    "32bit"
};

fn main() -> i32 {
    let args: Vec<String> = os::argv_strings();
    if args.get(1).map(String::as_str) == Some("report") {
        report(&args[2..]);
        return 0;
    }
    let mut t = Tap::new();
    uname(&mut t);
    platform_string(&mut t);
    architecture(&mut t);
    libc_ver(&mut t);
    os_release(&mut t);
    runtime(&mut t);
    t.finish()
}

fn uname(t: &mut Tap) {
    let u = platform::uname();
    let raw = rustix::system::uname();
    let text = |c: &core::ffi::CStr| String::from_utf8_lossy(c.to_bytes()).into_owned();
    t.check("uname().system is Linux", u.system == "Linux");
    t.check(
        "uname() node, release, version, machine are uname(2)'s",
        u.node == text(raw.nodename())
            && u.release == text(raw.release())
            && u.version == text(raw.version())
            && u.machine == text(raw.machine()),
    );
    // qemu-user and the kernels report these for the four targets.
    let machines: &[&str] = match strata_core::__private::strata_arch::NAME {
        "armv7l" => &["armv7l", "armv8l"],
        name => &[name],
    };
    t.check(
        &format!("machine() {:?} is this architecture's", u.machine),
        machines.contains(&u.machine.as_str()),
    );
    t.check(
        "processor() is '' (uname -p says unknown)",
        u.processor.is_empty(),
    );
    t.check(
        "system(), node(), release(), version(), machine() are uname()'s",
        platform::system() == u.system
            && platform::node() == u.node
            && platform::release() == u.release
            && platform::version() == u.version
            && platform::machine() == u.machine
            && platform::processor().is_empty(),
    );
    let repr = format!("{u:?}");
    t.check(
        "uname() shows as CPython's uname_result",
        repr.starts_with("uname_result(system='Linux', node=")
            && repr.ends_with(&format!("machine='{}')", u.machine)),
    );
    t.check(
        "system_alias leaves Linux alone, makes SunOS 5.11 Solaris 2.11",
        platform::system_alias("Linux", &u.release, "v")
            == ("Linux".into(), u.release.clone(), "v".into())
            && platform::system_alias("SunOS", "5.11", "x")
                == ("Solaris".into(), "2.11".into(), "x".into()),
    );
}

/// CPython's clean-up of the platform string, written out again here.
fn cleaned(parts: &[&str]) -> String {
    let mut s: String = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join("-")
        .replace(' ', "_");
    for c in ['/', '\\', ':', ';', '"', '(', ')'] {
        s = s.replace(c, "-");
    }
    s = s.replace("unknown", "");
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    String::from(s.trim_end_matches('-'))
}

fn platform_string(t: &mut Tap) {
    let u = platform::uname();
    let libc = format!("strata{}", platform::runtime_version());
    let want = cleaned(&["Linux", &u.release, &u.machine, "with", &libc]);
    for (aliased, terse) in [(false, false), (true, false), (false, true), (true, true)] {
        let got = platform::platform(aliased, terse);
        t.check(
            &format!("platform({aliased}, {terse}) = {got}"),
            got == want,
        );
    }
}

fn architecture(t: &mut Tap) {
    let me = os::getauxval_str(os::AT_EXECFN)
        .map(|p| String::from_utf8_lossy(p.to_bytes()).into_owned());
    t.check(
        &format!("architecture() of this program is ({BITS}, ELF)"),
        platform::architecture(None::<&str>) == (BITS, "ELF"),
    );
    if let Some(me) = &me {
        t.check(
            &format!("architecture({me:?}) is ({BITS}, ELF)"),
            platform::architecture(Some(me)) == (BITS, "ELF"),
        );
    }
    t.check(
        "architecture() of a missing file or a directory is the defaults",
        platform::architecture(Some("/nonexistent/strata")) == (BITS, "")
            && platform::architecture(Some("/")) == (BITS, "")
            && platform::architecture_with(Some("/nonexistent"), "8bit", "X") == ("8bit", "X"),
    );
}

fn libc_ver(t: &mut Tap) {
    let runtime = (
        String::from("strata"),
        String::from(platform::runtime_version()),
    );
    t.check(
        "libc_ver() is the runtime itself",
        platform::libc_ver(None::<&str>).as_ref() == Ok(&runtime),
    );
    if let Some(me) = os::getauxval_str(os::AT_EXECFN) {
        let got = platform::libc_ver(Some(me.to_bytes()));
        t.check(
            &format!("libc_ver(this program) finds no libc: {got:?}"),
            got == Ok((String::new(), String::new())),
        );
    }
    let missing = platform::libc_ver(Some("/nonexistent/strata"));
    t.check(
        "libc_ver(missing file) is ENOENT naming the path",
        matches!(&missing, Err(e) if e.errno() == errno::ENOENT
            && format!("{e}") == "open(\"/nonexistent/strata\"): No such file or directory (ENOENT)"),
    );
    t.check(
        "libc_ver(a directory) is EISDIR",
        platform::libc_ver(Some("/")).map_err(|e| e.errno()) == Err(errno::EISDIR),
    );
}

fn os_release(t: &mut Tap) {
    let present = platform::OS_RELEASE_CANDIDATES
        .iter()
        .find(|p| os::stat(p).map(|s| s.is_file()).unwrap_or(false));
    let got = platform::freedesktop_os_release();
    match present {
        Some(path) => {
            let bytes = read(path);
            let parsed = platform::parse_os_release(&bytes);
            t.check(
                &format!("freedesktop_os_release() parses {path}"),
                matches!(&got, Ok(info) if Ok(info) == parsed.as_ref()),
            );
            t.check(
                "os-release has NAME, ID and PRETTY_NAME first",
                got.as_ref().is_ok_and(|info| {
                    let keys: Vec<&str> = info.items().take(3).map(|(k, _)| k).collect();
                    keys == ["NAME", "ID", "PRETTY_NAME"]
                }),
            );
        }
        None => {
            // As PID 1: nothing mounted, no /etc.
            let text = got.as_ref().map_err(|e| format!("{e}"));
            t.check(
                "no os-release: CPython's OSError text",
                text == Err(String::from(
                    "[Errno 2] Unable to read files /etc/os-release, /usr/lib/os-release",
                )),
            );
            t.check(
                "no os-release: errno ENOENT",
                got.as_ref().err().and_then(OsReleaseError::errno) == Some(errno::ENOENT),
            );
        }
    }
    let dir = platform::freedesktop_os_release_in(&["/nonexistent/os-release", "/"]);
    t.check(
        "a directory as os-release: [Errno 21]",
        dir.map_err(|e| format!("{e}"))
            == Err(String::from(
                "[Errno 21] Unable to read files /nonexistent/os-release, /",
            )),
    );
}

fn runtime(t: &mut Tap) {
    let (a, b, c) = platform::runtime_version_tuple();
    t.check(
        &format!("runtime_version() {}", platform::runtime_version()),
        format!("{a}.{b}.{c}") == platform::runtime_version()
            && platform::runtime_version() == env!("CARGO_PKG_VERSION"),
    );
    let arch = match strata_core::__private::strata_arch::NAME {
        "armv7l" => "armv7",
        name => name,
    };
    t.check(
        &format!("runtime_target() {}", platform::runtime_target()),
        platform::runtime_target().starts_with(arch),
    );
    t.check(
        &format!("runtime_compiler() {}", platform::runtime_compiler()),
        platform::runtime_compiler().starts_with("rustc "),
    );
    println!(
        "# runtime_build_date() {:?} (set only with SOURCE_DATE_EPOCH)",
        platform::runtime_build_date()
    );
}

fn read(path: &str) -> Vec<u8> {
    let Ok(fd) = os::open(path, os::O_RDONLY, 0) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = os::read(&fd, &mut buf) {
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// A JSON string as Python's json.dumps writes it (ASCII only).
fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of `platform.py --live`, from Strata's answers.
fn report(paths: &[String]) {
    println!("# bits {BITS}");
    let u = platform::uname();
    let names = [
        "system",
        "node",
        "release",
        "version",
        "machine",
        "processor",
    ];
    for (name, value) in names.iter().zip(u.fields()) {
        println!("uname.{name}\t{value}");
    }
    for aliased in [false, true] {
        for terse in [false, true] {
            println!(
                "platform({},{})\t{}",
                u8::from(aliased),
                u8::from(terse),
                platform::platform(aliased, terse)
            );
        }
    }
    match platform::libc_ver(None::<&str>) {
        Ok((lib, version)) => println!("libc_ver()\t{lib} {version}"),
        Err(e) => println!("libc_ver()\terror {}", e.errno().raw_os_error()),
    }
    for path in paths {
        let (bits, linkage) = platform::architecture(Some(path));
        println!("architecture({path})\t{bits} {linkage}");
        match platform::libc_ver(Some(path)) {
            Ok((lib, version)) => println!("libc_ver({path})\t{lib} {version}"),
            Err(e) => println!("libc_ver({path})\terror {}", e.errno().raw_os_error()),
        }
    }
    match platform::freedesktop_os_release() {
        Ok(info) => {
            for (k, v) in info.items() {
                println!("os_release.{k}\t{}", json(v));
            }
        }
        Err(e) => println!("os_release\terror {e}"),
    }
}
