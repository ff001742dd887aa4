//! Python's `platform` module on Linux: what the kernel, the executable's
//! ELF header and the os-release file say about the system, and the
//! runtime's own build, without libc, subprocesses or guesses.
//!
//! ```
//! use strata_alloc::platform;
//!
//! let u = platform::uname();
//! assert_eq!(u.system, "Linux");
//! // Linux-6.1.0-13-amd64-x86_64-with-strata0.1.0
//! let p = platform::platform(false, false);
//! assert!(p.starts_with("Linux-") && p.contains(&u.machine));
//! match platform::freedesktop_os_release() {
//!     Ok(info) => assert!(info.get("NAME").is_some()),
//!     Err(e) => assert!(e.to_string().contains("Unable to read files")),
//! }
//! ```
//!
//! The functions and what they stand on:
//! - [`uname`] ([`system`], [`node`], [`release`], [`version`],
//!   [`machine`], [`processor`]): `uname(2)` through core's
//!   [`os::uname`](strata_core::os::uname), with CPython's `unknown` → `''`.
//! - [`platform()`], [`system_alias`]: CPython's string with its clean-up
//!   rules (`Linux-<release>-<machine>-with-<libc><version>`).
//! - [`architecture`]: bits and linkage from the ELF header
//!   ([`strata_core::elf`]).
//! - [`libc_ver`]: CPython's scan of a binary for `GLIBC_x.y`,
//!   `libc.so.N` and `__libc_init`.
//! - [`freedesktop_os_release`]: `/etc/os-release`, else
//!   `/usr/lib/os-release`, parsed by CPython's rules.
//! - The runtime, where CPython describes the interpreter
//!   (`python_version`, `python_compiler`, `python_build`):
//!   [`runtime_version`], [`runtime_version_tuple`], [`runtime_target`],
//!   [`runtime_compiler`], [`runtime_build_date`].
//!
//! What differs from CPython 3.11, and why:
//! - `architecture()` reads the ELF header where CPython runs `file -b`
//!   on the binary. It answers what CPython derives from `file`'s words:
//!   `32bit`/`64bit` from `EI_CLASS` and `ELF` for an ELF file whose
//!   `e_type` is `ET_EXEC` or `ET_DYN` with a valid byte order (`file`
//!   then says `executable`, `pie executable` or `shared object`); for
//!   anything else (a relocatable object, a core dump, a truncated header,
//!   a script, text, a missing file) the defaults, as CPython returns them
//!   when `file`'s words lack `executable`. An `MZ` file is `MSDOS`, or
//!   `WindowsPE` with a PE signature in its first 512 bytes, as CPython
//!   reports `file`'s `MS-DOS executable` and `PE32 executable`; `file`'s
//!   rarer `MZ` variants (NE, LE, icon libraries) are not told apart. With no path it reads the
//!   running program, found through `AT_EXECFN` (CPython:
//!   `sys.executable`); if that cannot be opened (a relative `AT_EXECFN`
//!   after `chdir`, a deleted file) the answer is CPython's fallback, the
//!   pointer size and `''`.
//! - `processor()` is `''`, which is what CPython 3.11 returns on Linux
//!   with upstream coreutils: it runs `uname -p`, which prints `unknown`
//!   there. (Fedora and RHEL patch coreutils to print the machine instead;
//!   there CPython says `x86_64` where Strata says `''`.) No subprocess.
//! - `libc_ver()` without a path describes the C library in use, as
//!   CPython asks glibc's `confstr(_CS_GNU_LIBC_VERSION)`: a Strata
//!   program has no libc, so the runtime answers for itself,
//!   `("strata", "0.1.0")`, and `platform()` ends in `-with-strata0.1.0`
//!   where CPython's ends in `-with-glibc2.36`. With a path it is
//!   CPython's scan: a glibc program gives `("glibc", "2.34")` (the
//!   newest symbol version it needs), a musl one `("libc", "")` (its
//!   `DT_NEEDED` is `libc.so`; CPython 3.11 knows no musl), a static
//!   Strata program `("", "")`.
//! - Nothing is cached (CPython caches `uname()`, `platform()` and the
//!   os-release fields): each call asks again. uname fields that are not
//!   UTF-8 keep their valid prefix (CPython: surrogate escapes).
//! - Results are Rust values: [`UnameResult`] for CPython's named tuple,
//!   tuples of `String`s, errors as values ([`OsReleaseError`],
//!   [`crate::os::Error`]).
//!
//! # References
//! - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
//! - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
//! - [os-release(5)](https://man7.org/linux/man-pages/man5/os-release.5.html)
//! - [confstr(3)](https://man7.org/linux/man-pages/man3/confstr.3.html)

mod libc;
mod os_release;
#[cfg(test)]
mod tests;

pub use libc::LIBC_VER_CHUNKSIZE;
pub use os_release::{
    DecodeError, OS_RELEASE_CANDIDATES, OsRelease, OsReleaseError, freedesktop_os_release,
    freedesktop_os_release_in, parse_os_release, parse_os_release_lines,
};

use alloc::borrow::ToOwned;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use strata_core::elf;

/// `platform.uname_result`: CPython's named tuple of six strings.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnameResult {
    /// `system`: `Linux`.
    pub system: String,
    /// `node`: the host name.
    pub node: String,
    /// `release`: the kernel release.
    pub release: String,
    /// `version`: the kernel's build string.
    pub version: String,
    /// `machine`: `x86_64`, `aarch64`, `riscv64`, `armv7l`, ...
    pub machine: String,
    /// `processor`: `''` on Linux (see the module doc).
    pub processor: String,
}

impl UnameResult {
    /// The six fields in tuple order (`tuple(uname())`).
    pub fn fields(&self) -> [&str; 6] {
        [
            &self.system,
            &self.node,
            &self.release,
            &self.version,
            &self.machine,
            &self.processor,
        ]
    }
}

impl fmt::Debug for UnameResult {
    /// CPython's repr, which shows the five fields of `os.uname()`:
    /// `uname_result(system='Linux', node='vm', ...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("uname_result(")?;
        let names = ["system", "node", "release", "version", "machine"];
        for (i, (name, value)) in names.iter().zip(self.fields()).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}=")?;
            strata_core::__private::write_repr(f, value.chars().map(u32::from))?;
        }
        f.write_str(")")
    }
}

fn unknown_as_blank(s: &str) -> String {
    if s == "unknown" {
        String::new()
    } else {
        s.to_owned()
    }
}

/// `platform.uname()`—system, node, release, version, machine and
/// processor, `unknown` given as `''`.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn uname() -> UnameResult {
    let u = crate::os::uname();
    UnameResult {
        system: unknown_as_blank(u.sysname()),
        node: unknown_as_blank(u.nodename()),
        release: unknown_as_blank(u.release()),
        version: unknown_as_blank(u.version()),
        machine: unknown_as_blank(u.machine()),
        processor: processor(),
    }
}

/// `platform.system()`—the OS name: `Linux`.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn system() -> String {
    unknown_as_blank(crate::os::uname().sysname())
}

/// `platform.node()`—the host name (`uname(2)`'s `nodename`).
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn node() -> String {
    unknown_as_blank(crate::os::uname().nodename())
}

/// `platform.release()`—the kernel release, e.g. `6.1.0-13-amd64`.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn release() -> String {
    unknown_as_blank(crate::os::uname().release())
}

/// `platform.version()`—the kernel's build string, e.g. `#1 SMP
/// PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)`.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn version() -> String {
    unknown_as_blank(crate::os::uname().version())
}

/// `platform.machine()`—the machine type, e.g. `x86_64`.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn machine() -> String {
    unknown_as_blank(crate::os::uname().machine())
}

/// `platform.processor()`—`''`: what CPython 3.11 gets on Linux from
/// `uname -p` (`unknown`), without running it (see the module doc).
///
/// # References
/// - [uname(1)](https://man7.org/linux/man-pages/man1/uname.1.html)
pub fn processor() -> String {
    String::new()
}

/// `platform.system_alias(system, release, version)`—the marketing names
/// CPython gives some systems: SunOS 5 and later as Solaris (release
/// minus 3), `win32`/`win16` as Windows; any other system unchanged.
pub fn system_alias(system: &str, release: &str, version: &str) -> (String, String, String) {
    let (mut system, mut release) = (system.to_owned(), release.to_owned());
    if system == "SunOS" {
        // Python compares the strings, as here.
        if release.as_str() < "5" {
            return (system, release, version.to_owned());
        }
        let mut parts: Vec<String> = release.split('.').map(str::to_owned).collect();
        if let Some(major) = py_int(&parts[0]) {
            parts[0] = (major - 3).to_string();
            release = parts.join(".");
        }
        system = "Solaris".to_owned();
    } else if system == "win32" || system == "win16" {
        system = "Windows".to_owned();
    }
    (system, release, version.to_owned())
}

/// Python's `int(text)` for ASCII: surrounding whitespace, a sign, digits
/// with single `_` between them.
fn py_int(text: &str) -> Option<i128> {
    let t = py_strip(text);
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut n: i128 = 0;
    for b in digits.bytes().filter(|&b| b != b'_') {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(if negative { -n } else { n })
}

/// Python's `str.isspace()`.
fn py_isspace(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x20' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}'
        | '\u{3000}')
}

/// Python's `str.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_isspace)
}

/// CPython's `_platform(*args)`: the non-empty parts stripped and joined
/// with `-`, characters a file name should avoid made `-`, `unknown`
/// dropped, `--` folded and trailing `-` removed.
fn platform_string(parts: &[&str]) -> String {
    let joined: Vec<&str> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| py_strip(p))
        .collect();
    let mut s: String = joined
        .join("-")
        .chars()
        .map(|c| match c {
            ' ' => '_',
            '/' | '\\' | ':' | ';' | '"' | '(' | ')' => '-',
            c => c,
        })
        .collect();
    s = s.replace("unknown", "");
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    while s.ends_with('-') {
        s.pop();
    }
    s
}

/// `platform.platform(aliased, terse)`—one string that names the
/// platform: on Linux `system-release-machine[-processor]-with-LIBVERSION`
/// whatever `aliased` and `terse` say (as in CPython), the libc part from
/// [`libc_ver`]`(None)`, i.e. `strata` and the runtime's version.
///
/// # References
/// - [uname(2)](https://man7.org/linux/man-pages/man2/uname.2.html)
pub fn platform(aliased: bool, terse: bool) -> String {
    let u = uname();
    let mut processor = u.processor.as_str();
    if u.machine == processor {
        processor = "";
    }
    let (system, release, _) = if aliased {
        system_alias(&u.system, &u.release, &u.version)
    } else {
        (u.system.clone(), u.release.clone(), String::new())
    };
    if system == "Linux" {
        let (lib, libversion) = libc_ver_runtime();
        let libc = alloc::format!("{lib}{libversion}");
        return platform_string(&[&system, &release, &u.machine, processor, "with", &libc]);
    }
    // Other systems, by CPython's generic rule (Linux is the one Strata
    // runs on; a kernel that calls itself otherwise still gets an answer).
    if terse {
        platform_string(&[&system, &release])
    } else {
        let (bits, linkage) = architecture(None::<&[u8]>);
        platform_string(&[&system, &release, &u.machine, processor, bits, linkage])
    }
}

/// The pointer size as CPython writes it: `64bit` or `32bit`.
const POINTER_BITS: &str = if cfg!(target_pointer_width = "64") {
    "64bit"
} else {
    "32bit"
};

/// `platform.architecture(executable)`—`(bits, linkage)` of an
/// executable, by default the running program: `("64bit", "ELF")`,
/// `("32bit", "ELF")`, or `(pointer size, "")` for a file that is not an
/// ELF executable or shared object or cannot be read (see the module doc
/// for how this follows CPython's use of `file`).
///
/// # References
/// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
/// - [file(1)](https://man7.org/linux/man-pages/man1/file.1.html)
pub fn architecture<P: AsRef<[u8]>>(executable: Option<P>) -> (&'static str, &'static str) {
    architecture_with(executable, "", "")
}

/// `platform.architecture(executable, bits, linkage)`—[`architecture`]
/// with CPython's defaults given: they are returned for what the header
/// does not tell (an empty `bits` means the pointer size).
pub fn architecture_with<'a, P: AsRef<[u8]>>(
    executable: Option<P>,
    bits: &'a str,
    linkage: &'a str,
) -> (&'a str, &'a str) {
    let bits = if bits.is_empty() { POINTER_BITS } else { bits };
    // Enough for the ELF header and a PE signature close after the MZ one.
    let mut head = [0u8; 512];
    let n = match &executable {
        Some(path) => read_head(path.as_ref(), &mut head),
        None => crate::os::getauxval_str(crate::os::AT_EXECFN)
            .and_then(|p| read_head(p.to_bytes(), &mut head)),
    };
    let Some(n) = n else {
        return (bits, linkage);
    };
    let head = &head[..n];
    if let Some(dos) = dos_linkage(head) {
        return (bits, dos);
    }
    match elf::file_type(head) {
        Some(elf::ET_EXEC | elf::ET_DYN) => {}
        _ => return (bits, linkage),
    }
    let bits = match head[4] {
        elf::ELFCLASS32 => "32bit",
        elf::ELFCLASS64 => "64bit",
        _ => bits,
    };
    (bits, "ELF")
}

/// What CPython makes of `file`'s `MS-DOS executable` (`MSDOS`) and
/// `PE32[+] executable ... for MS Windows` (`WindowsPE`): an `MZ` header,
/// with the `PE\0\0` signature where `e_lfanew` points for the latter.
/// (`file` knows more `MZ` variants, NE and LE among them; those are
/// reported as MS-DOS here.)
fn dos_linkage(head: &[u8]) -> Option<&'static str> {
    if !head.starts_with(b"MZ") || head.len() < 64 {
        return None;
    }
    let lfanew = u32::from_le_bytes([head[0x3c], head[0x3d], head[0x3e], head[0x3f]]);
    let pe = usize::try_from(lfanew)
        .ok()
        .and_then(|at| head.get(at..at.checked_add(4)?))
        == Some(b"PE\0\0");
    Some(if pe { "WindowsPE" } else { "MSDOS" })
}

/// The first bytes of a regular file (`file` reads nothing else: a FIFO
/// or a device is `fifo (named pipe)` or `character special` to it).
fn read_head(path: &[u8], buf: &mut [u8]) -> Option<usize> {
    use strata_core::os::{O_NOCTTY, O_NONBLOCK, O_RDONLY};
    if path.is_empty() {
        return None;
    }
    let fd = strata_core::os::open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0).ok()?;
    if !crate::os::fstat(&fd).ok()?.is_file() {
        return None;
    }
    elf::read_prefix(&fd, buf).ok()
}

/// What `libc_ver()` says without a path: the runtime stands where
/// glibc's `confstr(_CS_GNU_LIBC_VERSION)` would.
fn libc_ver_runtime() -> (String, String) {
    ("strata".to_owned(), runtime_version().to_owned())
}

/// `platform.libc_ver(executable)`—`(lib, version)` of the C library.
///
/// Without a path (or with an empty one): the C library of this program,
/// which is the runtime itself, `("strata", runtime_version())`. With a
/// path: CPython's scan of that file for `GLIBC_x.y` (the newest wins),
/// `libc[_threads].so[.N]` and `__libc_init` — `("glibc", "2.34")` for
/// a glibc program, `("libc", "")` for a musl one, `("", "")` for a
/// static program without a libc. Errors are the file's: CPython raises
/// `OSError` too (a FIFO or device, which it would read forever or block
/// on, is `EINVAL` here).
///
/// # References
/// - [confstr(3)](https://man7.org/linux/man-pages/man3/confstr.3.html)
/// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
pub fn libc_ver<P: AsRef<[u8]>>(
    executable: Option<P>,
) -> Result<(String, String), crate::os::Error> {
    libc_ver_with(executable, "", "", LIBC_VER_CHUNKSIZE)
}

/// `platform.libc_ver(executable, lib, version, chunksize)`—[`libc_ver`]
/// with CPython's defaults for what the scan does not find, and its chunk
/// size (which decides where a match split across chunks is seen).
pub fn libc_ver_with<P: AsRef<[u8]>>(
    executable: Option<P>,
    lib: &str,
    version: &str,
    chunksize: usize,
) -> Result<(String, String), crate::os::Error> {
    match executable {
        Some(path) if !path.as_ref().is_empty() => {
            libc::scan_file(path.as_ref(), lib, version, chunksize)
        }
        _ => Ok(libc_ver_runtime()),
    }
}

/// The runtime's version (the crate's), where CPython has
/// `platform.python_version()`: `0.1.0`.
pub fn runtime_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// `platform.python_version_tuple()`'s analogue: `("0", "1", "0")`.
pub fn runtime_version_tuple() -> (&'static str, &'static str, &'static str) {
    (
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    )
}

/// The target the program was built for, e.g. `x86_64-unknown-linux-gnu`
/// (CPython's nearest is `sysconfig.get_platform()`).
pub fn runtime_target() -> &'static str {
    env!("STRATA_TARGET")
}

/// `platform.python_compiler()`'s analogue: the compiler that built the
/// runtime, as `rustc -V` prints it (`rustc 1.88.0 (6b00bc388
/// 2025-06-23)`); `''` if the build could not ask it.
pub fn runtime_compiler() -> &'static str {
    option_env!("STRATA_RUSTC_VERSION").unwrap_or("")
}

/// The build date of `platform.python_build()`, in its format (`May  9
/// 2026 07:35:25`, UTC), from `SOURCE_DATE_EPOCH` when the build was given
/// one; `None` otherwise, since a date taken from the clock would make
/// every build differ.
pub fn runtime_build_date() -> Option<&'static str> {
    option_env!("STRATA_BUILD_DATE")
}
