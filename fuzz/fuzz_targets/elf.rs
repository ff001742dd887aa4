//! core::elf on arbitrary bytes (header, program headers, PT_INTERP, the
//! dynamic section; section headers and their names; the dynamic symbols
//! with both hash tables, versions, DT_NEEDED and friends; notes and the
//! build id), then platform's architecture() and libc_ver() on the same
//! bytes as a file: never a panic, never a read out of bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::platform;
use strata_core::elf::{self, DynamicObject, HashTable, Header, MemoryImage, VersionQuery};

/// Names to look up: some the seeds define, some they do not.
const NAMES: [&[u8]; 6] = [b"foo", b"bar", b"memcpy", b"deflate", b"sym7", b""];

fn dynamic_object(o: &DynamicObject<'_>) {
    for n in o.needed().take(1000) {
        let _ = n;
    }
    let _ = (o.soname(), o.runpath(), o.rpath());
    if let Ok(syms) = o.symbols() {
        // Every symbol found by name is one with that name.
        for (i, sym) in syms.iter().enumerate().take(200) {
            let Ok(name) = o.symbol_name(&sym) else {
                continue;
            };
            for table in [HashTable::Gnu, HashTable::Sysv] {
                if let Ok(Some(j)) = o.lookup_in(table, name, VersionQuery::Default) {
                    let found = syms.get(j).unwrap();
                    assert_eq!(o.symbol_name(&found).unwrap(), name);
                    assert!(found.is_defined());
                }
            }
            let _ = o.symbol_version(i as u32);
        }
        assert_eq!(syms.iter().count(), syms.len() as usize);
    }
    for name in NAMES {
        let _ = o.lookup(name);
        let _ = o.lookup_version(name, VersionQuery::Named(b"V1"));
        let _ = o.lookup_version(name, VersionQuery::DefaultNamed(b"GLIBC_2.14"));
    }
    for d in o.verdefs().into_iter().flatten().take(1000) {
        if let Ok(d) = d {
            for p in d.parents().take(1000) {
                let _ = p;
            }
        }
    }
    for n in o.verneeds().into_iter().flatten().take(1000) {
        if let Ok(n) = n {
            for v in n.versions().take(1000) {
                let _ = v;
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = elf::file_type(data);
    if let Ok(h) = Header::parse(data) {
        if let Ok(phdrs) = h.program_headers(data) {
            assert_eq!(phdrs.count(), usize::from(h.e_phnum));
        }
        let _ = h.interpreter(data);
        if let Ok(Some(entries)) = h.dynamic(data) {
            for d in entries.clone().take(100_000) {
                assert_ne!(d.d_tag, elf::DT_NULL);
            }
            // Through the PT_LOAD map, and as if the file were the image.
            if let Ok(Some(o)) = DynamicObject::from_file(data) {
                dynamic_object(&o);
            }
            if let Ok(o) = DynamicObject::new(&h, entries, &MemoryImage::new(data, 0)) {
                dynamic_object(&o);
            }
        }
        if let Ok(s) = h.sections(data) {
            assert_eq!(s.iter().count(), s.len());
            for sh in s.iter().take(1000) {
                let _ = s.name(&sh);
                let _ = s.data_of(&sh);
            }
            let _ = s.by_name(b".dynsym");
        }
        let _ = h.build_id(data);
        let _ = h.find_note(data, |n| (n.kind == 0xffff_ffff).then_some(()));
    }
    // The file-level answers, through a file as a user gives them.
    thread_local! {
        static PATH: String = format!("/tmp/strata-fuzz-elf-{}", std::process::id());
    }
    PATH.with(|path| {
        if std::fs::write(path, data).is_err() {
            return;
        }
        let (bits, linkage) = platform::architecture(Some(path.as_str()));
        assert!(["32bit", "64bit"].contains(&bits));
        assert!(["", "ELF", "MSDOS", "WindowsPE"].contains(&linkage));
        let chunk = 1 + usize::from(data.first().copied().unwrap_or(0)) % 64;
        let (lib, _) = platform::libc_ver_with(Some(path.as_str()), "", "", chunk).unwrap();
        assert!(["", "libc", "glibc"].contains(&lib.as_str()));
    });
});
