//! The parsers against real libraries, compared with what binutils'
//! `readelf` (2.40 on Debian 12) prints for them:
//!
//! - `readelf --dyn-syms -W LIB`: every dynamic symbol, with its version;
//! - `readelf -V -W LIB`: the version definitions and needs;
//! - `readelf -n -W LIB`: the notes and the build id;
//! - `readelf -S -W LIB`: the section headers.
//!
//! readelf runs from the test, so the expectations follow whatever
//! version of each library the machine has. The libraries are the
//! x86_64 ones every Debian 12 has, the cross ones where a cross
//! toolchain or multiarch put them (`/usr/arm-linux-gnueabihf/lib`,
//! `/lib/s390x-linux-gnu`, ...), and every ELF file in the folders of
//! `STRATA_ELF_TEST_LIBS` (colon-separated; e.g. the `lib/*` folders of
//! `apt-get download libc6:armhf libc6:s390x` unpacked with `dpkg-deb
//! -x`). A missing library or a missing readelf is said on stderr and
//! skipped; the byte orders and classes no library here has are covered
//! by the kit's objects in the other tests.

use super::*;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;
use std::{eprintln, format};

const HOST_LIBS: [&str; 4] = [
    "/lib/x86_64-linux-gnu/libz.so.1",
    "/lib/x86_64-linux-gnu/libc.so.6",
    "/lib/x86_64-linux-gnu/libm.so.6",
    "/lib/x86_64-linux-gnu/liblz4.so.1",
];

const CROSS_DIRS: [&str; 6] = [
    "/usr/arm-linux-gnueabihf/lib",
    "/lib/arm-linux-gnueabihf",
    "/usr/s390x-linux-gnu/lib",
    "/lib/s390x-linux-gnu",
    "/usr/powerpc-linux-gnu/lib",
    "/usr/aarch64-linux-gnu/lib",
];

fn libraries() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for l in HOST_LIBS {
        if Path::new(l).exists() {
            out.push(PathBuf::from(l));
        } else {
            eprintln!("skipping {l}: not on this machine");
        }
    }
    let extra = std::env::var("STRATA_ELF_TEST_LIBS").unwrap_or_default();
    let dirs = CROSS_DIRS
        .iter()
        .map(|s| s.to_string())
        .chain(extra.split(':').filter(|s| !s.is_empty()).map(String::from));
    for dir in dirs {
        for name in ["libc.so.6", "libm.so.6", "libz.so.1"] {
            let p = Path::new(&dir).join(name);
            if p.exists() && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn readelf(args: &[&str], lib: &Path) -> Option<String> {
    match std::process::Command::new("readelf")
        .args(args)
        .arg(lib)
        .output()
    {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!(
            "readelf {args:?} {lib:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => {
            eprintln!("skipping the readelf comparison: readelf: {e} (binutils is not installed)");
            None
        }
    }
}

fn load(lib: &Path) -> Vec<u8> {
    std::fs::read(lib).unwrap()
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A symbol as `readelf --dyn-syms -W` prints its columns.
fn readelf_line(o: &DynamicObject<'_>, file: &[u8], class: Class, i: u32) -> String {
    let sym = o.symbols().unwrap().get(i).unwrap();
    let kind = match sym.kind() {
        0 => "NOTYPE",
        1 => "OBJECT",
        2 => "FUNC",
        3 => "SECTION",
        4 => "FILE",
        5 => "COMMON",
        6 => "TLS",
        10 => "IFUNC",
        k => return format!("type {k}"),
    };
    let bind = match sym.bind() {
        0 => "LOCAL",
        1 => "GLOBAL",
        2 => "WEAK",
        10 => "UNIQUE",
        b => return format!("bind {b}"),
    };
    let vis = ["DEFAULT", "INTERNAL", "HIDDEN", "PROTECTED"][usize::from(sym.visibility())];
    let ndx = match sym.st_shndx {
        0 => "UND".to_string(),
        sections::SHN_ABS => "ABS".to_string(),
        sections::SHN_COMMON => "COM".to_string(),
        n => n.to_string(),
    };
    let mut name = s(o.symbol_name(&sym).unwrap());
    if sym.kind() == 3 && name.is_empty() {
        // A section symbol: readelf names it after its section.
        let sections = Header::parse(file).unwrap().sections(file).unwrap();
        name = s(sections
            .name(&sections.get(u64::from(sym.st_shndx)).unwrap())
            .unwrap());
    }
    // readelf's rule: no version for indices 0 and 1; a definition's name
    // for a defined symbol, a need's (with its index) otherwise.
    // Nor for the symbols that name a version (ABS, named as it).
    if let Some(v) = o.symbol_version(i).unwrap() {
        let names_version = sym.st_shndx == sections::SHN_ABS && v.name == Some(name.as_bytes());
        if let (true, Some(vname)) = (v.index > 1 && !names_version, v.name) {
            match (v.file, v.hidden) {
                (Some(_), _) => name += &format!("@{} ({})", s(vname), v.index),
                (None, true) => name += &format!("@{}", s(vname)),
                (None, false) => name += &format!("@@{}", s(vname)),
            }
        }
    }
    let width = if class == Class::Elf64 { 16 } else { 8 };
    format!(
        "{i}: {:0width$x} {} {kind} {bind} {vis} {ndx} {name}",
        sym.st_value, sym.st_size
    )
}

/// readelf's line with its columns single-spaced, the size in decimal.
fn normalize(line: &str) -> String {
    let mut t: Vec<String> = line.split_whitespace().map(String::from).collect();
    if let Some(hex) = t.get(2).and_then(|v| v.strip_prefix("0x")) {
        t[2] = u64::from_str_radix(hex, 16).unwrap().to_string();
    }
    t.join(" ")
}

#[test]
fn dynamic_symbols_match_readelf() {
    for lib in libraries() {
        let Some(out) = readelf(&["--dyn-syms", "-W"], &lib) else {
            return;
        };
        let file = load(&lib);
        let h = Header::parse(&file).unwrap();
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        let theirs: Vec<String> = out
            .lines()
            .filter(|l| {
                l.trim_start()
                    .split(':')
                    .next()
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(normalize)
            .collect();
        let n = o.symbols().unwrap().len();
        assert_eq!(theirs.len(), n as usize, "{lib:?}: symbol count");
        for (i, want) in theirs.iter().enumerate() {
            assert_eq!(
                normalize(&readelf_line(&o, &file, h.class, i as u32)),
                *want,
                "{lib:?}"
            );
        }
        eprintln!("{lib:?}: {n} dynamic symbols as readelf shows them");
    }
}

#[test]
fn both_hash_tables_find_every_symbol() {
    for lib in libraries() {
        let file = load(&lib);
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        let syms = o.symbols().unwrap();
        let gnu = o.gnu_hash().unwrap();
        assert_eq!(
            gnu.symbol_count(),
            syms.len(),
            "{lib:?}: the GNU table's count"
        );
        if let Some(sysv) = o.sysv_hash() {
            assert_eq!(sysv.symbol_count(), syms.len());
        }
        let (mut found, mut bloom_misses, mut misses) = (0, 0, 0);
        for i in 0..syms.len() {
            let sym = syms.get(i).unwrap();
            let name = o.symbol_name(&sym).unwrap();
            // Look each one up by name@VERSION (or @@, or bare).
            let mut spec = name.to_vec();
            let v = o.symbol_version(i).unwrap();
            if let Some(SymbolVersion {
                name: Some(vn),
                hidden,
                file: None,
                index,
            }) = v
                && index > 1
            {
                spec.extend_from_slice(if hidden { b"@" } else { b"@@" });
                spec.extend_from_slice(vn);
            }
            let (n, q) = VersionQuery::split(&spec);
            let by_gnu = o.lookup_in(HashTable::Gnu, n, q).unwrap();
            if o.sysv_hash().is_some() {
                assert_eq!(
                    o.lookup_in(HashTable::Sysv, n, q).unwrap(),
                    by_gnu,
                    "{lib:?} {}",
                    s(&spec)
                );
            }
            if !sym.is_defined() || sym.bind() == symbols::STB_LOCAL {
                assert!(by_gnu.is_none_or(|j| j != i));
                continue;
            }
            let j = by_gnu.unwrap_or_else(|| panic!("{lib:?}: {} not found", s(&spec)));
            let other = syms.get(j).unwrap();
            // The same index, or a duplicate of the same name and version.
            assert_eq!(o.symbol_name(&other).unwrap(), name);
            assert_eq!(o.symbol_version(j).unwrap(), v);
            found += 1;
            // A name that is not there: the Bloom filter usually says so.
            let mut absent = name.to_vec();
            absent.extend_from_slice(b"_not_here");
            if !gnu.bloom_may_contain(gnu_hash(&absent)) {
                bloom_misses += 1;
            }
            assert_eq!(o.lookup(&absent).unwrap(), None);
            if o.sysv_hash().is_some() {
                assert_eq!(
                    o.lookup_in(HashTable::Sysv, &absent, VersionQuery::Default)
                        .unwrap(),
                    None
                );
            }
            misses += 1;
        }
        assert!(found > 20, "{lib:?}");
        assert!(
            bloom_misses * 2 > misses,
            "{lib:?}: the Bloom filter let {} of {misses} through",
            misses - bloom_misses
        );
        eprintln!(
            "{lib:?}: {found} symbols found by both tables, {bloom_misses}/{misses} misses stopped by the Bloom filter"
        );
    }
}

#[test]
fn versions_match_readelf() {
    for lib in libraries() {
        let Some(out) = readelf(&["-V", "-W"], &lib) else {
            return;
        };
        let file = load(&lib);
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        // What readelf says, in our words.
        let (mut defs, mut needs) = (Vec::new(), Vec::new());
        let mut section = "";
        for line in out.lines() {
            if line.starts_with("Version definition") {
                section = "def";
            } else if line.starts_with("Version needs") {
                section = "need";
            } else if line.starts_with("Version symbols") {
                section = "";
            }
            let after = |key: &str| {
                line.split(key)
                    .nth(1)
                    .map(|r| r.split_whitespace().next().unwrap_or("").to_string())
            };
            match section {
                "def" if line.contains("Rev:") => defs.push(format!(
                    "{} {} {}",
                    after("Index:").unwrap(),
                    after("Cnt:").unwrap(),
                    after("Name:").unwrap()
                )),
                "def" if line.contains("Parent") => {
                    let last = defs.last_mut().unwrap();
                    *last += &format!(" <{}", line.rsplit(' ').next().unwrap());
                }
                "need" if line.contains("File:") => needs.push(format!(
                    "{} {}",
                    after("File:").unwrap(),
                    after("Cnt:").unwrap()
                )),
                "need" if line.contains("Name:") => {
                    let last = needs.last_mut().unwrap();
                    *last += &format!(
                        " {}/{}",
                        after("Name:").unwrap(),
                        after("Version:").unwrap()
                    );
                }
                _ => {}
            }
        }
        let ours_defs: Vec<String> = o
            .verdefs()
            .into_iter()
            .flatten()
            .map(|d| {
                let d = d.unwrap();
                let mut l = format!("{} {} {}", d.index, d.count, s(d.name));
                for p in d.parents() {
                    l += &format!(" <{}", s(p.unwrap()));
                }
                l
            })
            .collect();
        let ours_needs: Vec<String> = o
            .verneeds()
            .into_iter()
            .flatten()
            .map(|n| {
                let n = n.unwrap();
                let mut l = format!("{} {}", s(n.file), n.count);
                for v in n.versions() {
                    let v = v.unwrap();
                    l += &format!(" {}/{}", s(v.name), v.index);
                    assert_eq!(v.hash, sysv_hash(v.name));
                }
                l
            })
            .collect();
        assert_eq!(ours_defs, defs, "{lib:?}");
        assert_eq!(ours_needs, needs, "{lib:?}");
        assert!(!needs.is_empty(), "{lib:?}");
        eprintln!(
            "{lib:?}: {} version definitions, {} files of needs as readelf shows them",
            defs.len(),
            needs.len()
        );
    }
}

#[test]
fn notes_match_readelf() {
    for lib in libraries() {
        let Some(out) = readelf(&["-n", "-W"], &lib) else {
            return;
        };
        let file = load(&lib);
        let h = Header::parse(&file).unwrap();
        let theirs: Vec<String> = out
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains("\t") && !l.contains("Data size"))
            .map(|l| {
                let t: Vec<&str> = l.split_whitespace().collect();
                format!(
                    "{} {}",
                    t[0],
                    u64::from_str_radix(t[1].trim_start_matches("0x"), 16).unwrap()
                )
            })
            .collect();
        let mut ours = Vec::new();
        h.find_note(&file, |n| {
            ours.push(format!("{} {}", s(n.name), n.desc.len()));
            None::<()>
        })
        .unwrap();
        assert_eq!(ours, theirs, "{lib:?}");
        let want = out
            .lines()
            .find_map(|l| l.split("Build ID: ").nth(1))
            .map(|s| s.trim().to_string());
        let id = h
            .build_id(&file)
            .unwrap()
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>());
        assert_eq!(id, want, "{lib:?}");
        // From the sections too, as if there were no program headers.
        let bare = Header { e_phnum: 0, ..h };
        assert_eq!(bare.build_id(&file).unwrap(), h.build_id(&file).unwrap());
        eprintln!(
            "{lib:?}: {} notes, build id {}",
            ours.len(),
            id.unwrap_or_default()
        );
    }
}

#[test]
fn sections_match_readelf() {
    for lib in libraries() {
        let Some(out) = readelf(&["-S", "-W"], &lib) else {
            return;
        };
        let file = load(&lib);
        let h = Header::parse(&file).unwrap();
        let sections = h.sections(&file).unwrap();
        let mut n = 0;
        for line in out
            .lines()
            .filter(|l| l.trim_start().starts_with('[') && !l.contains("[Nr]"))
        {
            let rest = line.split_once(']').unwrap().1;
            let mut t: Vec<&str> = rest.split_whitespace().collect();
            let nums: Vec<u64> = t
                .split_off(t.len() - 3)
                .iter()
                .map(|v| v.parse().unwrap())
                .collect();
            if t.last()
                .is_some_and(|f| f.bytes().all(|b| b.is_ascii_alphabetic()) && t.len() > 6)
            {
                t.pop();
            }
            let hex: Vec<u64> = t
                .split_off(t.len() - 4)
                .iter()
                .map(|v| u64::from_str_radix(v, 16).unwrap())
                .collect();
            t.pop(); // the type's name
            let name = t.join(" ");
            let sh = sections.get(n).unwrap();
            assert_eq!(s(sections.name(&sh).unwrap()), name, "{lib:?} [{n}]");
            assert_eq!(
                [
                    sh.sh_addr,
                    sh.sh_offset,
                    sh.sh_size,
                    sh.sh_entsize,
                    u64::from(sh.sh_link),
                    u64::from(sh.sh_info),
                    sh.sh_addralign
                ],
                [hex[0], hex[1], hex[2], hex[3], nums[0], nums[1], nums[2]],
                "{lib:?} [{n}] {name}"
            );
            if !name.is_empty() {
                let (first, _) = sections.by_name(name.as_bytes()).unwrap().unwrap();
                assert!(first as u64 <= n);
            }
            n += 1;
        }
        assert_eq!(n, sections.len() as u64, "{lib:?}");
        let (_, dynsym) = sections.by_name(b".dynsym").unwrap().unwrap();
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        assert_eq!(
            dynsym.sh_size / dynsym.sh_entsize,
            u64::from(o.symbols().unwrap().len())
        );
        eprintln!("{lib:?}: {n} sections as readelf shows them");
    }
}

/// Values recorded from `readelf --dyn-syms -W` and `readelf -V -W` on
/// Debian 12's x86_64 libc.so.6 (2.36) and libz.so.1 (1.2.13): stable
/// across their point releases, as ABI is.
#[test]
fn recorded_memcpy_and_zlib() {
    let libc = Path::new(HOST_LIBS[1]);
    if libc.exists() {
        let file = load(libc);
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        assert_eq!(o.soname().unwrap(), Some(&b"libc.so.6"[..]));
        assert_eq!(
            o.needed().map(|n| n.unwrap()).collect::<Vec<_>>(),
            [b"ld-linux-x86-64.so.2"]
        );
        // memcpy@@GLIBC_2.14 (IFUNC) is the default; memcpy@GLIBC_2.2.5
        // (FUNC, hidden) only for those who ask.
        let new = o.lookup(b"memcpy").unwrap().unwrap();
        let v = o.symbol_version(new).unwrap().unwrap();
        assert_eq!((v.name, v.hidden), (Some(&b"GLIBC_2.14"[..]), false));
        assert_eq!(
            o.symbols().unwrap().get(new).unwrap().kind(),
            symbols::STT_GNU_IFUNC
        );
        assert_eq!(o.lookup_spec(b"memcpy@@GLIBC_2.14").unwrap(), Some(new));
        assert_eq!(o.lookup_spec(b"memcpy@GLIBC_2.14").unwrap(), Some(new));
        let old = o.lookup_spec(b"memcpy@GLIBC_2.2.5").unwrap().unwrap();
        assert_ne!(old, new);
        let v = o.symbol_version(old).unwrap().unwrap();
        assert_eq!((v.name, v.hidden), (Some(&b"GLIBC_2.2.5"[..]), true));
        assert_eq!(
            o.symbols().unwrap().get(old).unwrap().kind(),
            symbols::STT_FUNC
        );
        assert_eq!(o.lookup_spec(b"memcpy@@GLIBC_2.2.5").unwrap(), None);
        assert_eq!(o.lookup_spec(b"memcpy@GLIBC_2.99").unwrap(), None);
        // Both tables agree on it.
        for q in [VersionQuery::Default, VersionQuery::Named(b"GLIBC_2.2.5")] {
            assert_eq!(
                o.lookup_in(HashTable::Gnu, b"memcpy", q).unwrap(),
                o.lookup_in(HashTable::Sysv, b"memcpy", q).unwrap()
            );
        }
        let names: Vec<_> = o.verdefs().unwrap().map(|d| d.unwrap().name).collect();
        assert_eq!(
            &names[..3],
            [&b"libc.so.6"[..], b"GLIBC_2.2.5", b"GLIBC_2.2.6"]
        );
    } else {
        eprintln!("skipping libc.so.6: not on this machine");
    }
    let libz = Path::new(HOST_LIBS[0]);
    if libz.exists() {
        let file = load(libz);
        let o = DynamicObject::from_file(&file).unwrap().unwrap();
        assert_eq!(o.soname().unwrap(), Some(&b"libz.so.1"[..]));
        assert_eq!(o.runpath().unwrap(), None);
        assert_eq!(o.rpath().unwrap(), None);
        assert!(
            o.sysv_hash().is_none(),
            "Debian links libz with GNU hash alone"
        );
        let d = o.lookup(b"deflate").unwrap().unwrap();
        assert_eq!(
            o.symbol_name(&o.symbols().unwrap().get(d).unwrap())
                .unwrap(),
            b"deflate"
        );
        let defs: Vec<_> = o.verdefs().unwrap().map(|d| d.unwrap()).collect();
        assert_eq!(defs[1].name, b"ZLIB_1.2.0");
        assert_eq!(
            defs[2].parents().map(|p| p.unwrap()).collect::<Vec<_>>(),
            [b"ZLIB_1.2.0"]
        );
    } else {
        eprintln!("skipping libz.so.1: not on this machine");
    }
}

/// The kit's objects (four layouts, each also with the section escapes)
/// are the fuzz target's seeds in fuzz/corpus/elf: they must be what the
/// kit builds today. `STRATA_ELF_WRITE_SEEDS=1` writes them anew.
#[test]
fn fuzz_seeds_are_the_kits() {
    use testkit::{Spec, build};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/elf");
    let write = std::env::var_os("STRATA_ELF_WRITE_SEEDS").is_some();
    for (class, data, name) in [
        (Class::Elf32, Data::Lsb, "kit-elf32-lsb"),
        (Class::Elf32, Data::Msb, "kit-elf32-msb"),
        (Class::Elf64, Data::Lsb, "kit-elf64-lsb"),
        (Class::Elf64, Data::Msb, "kit-elf64-msb"),
    ] {
        let mut spec = Spec::small(class, data);
        spec.extra = 6;
        for (xindex, file) in [(false, name.to_string()), (true, format!("{name}-xindex"))] {
            spec.xindex = xindex;
            let bytes = build(&spec).bytes;
            let path = dir.join(&file);
            if write {
                std::fs::write(&path, &bytes).unwrap();
            } else if dir.is_dir() {
                // The crate's package has no fuzz folder beside it.
                let seed = std::fs::read(&path).unwrap_or_default();
                assert!(
                    seed == bytes,
                    "{file} is not the kit's object: STRATA_ELF_WRITE_SEEDS=1 writes it"
                );
            }
        }
    }
}
