//! core::elf on arbitrary bytes (header, program headers, PT_INTERP, the
//! dynamic section), then platform's architecture() and libc_ver() on
//! the same bytes as a file: never a panic, never a read out of bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_alloc::platform;
use strata_core::elf::{self, Header};

fuzz_target!(|data: &[u8]| {
    let _ = elf::file_type(data);
    if let Ok(h) = Header::parse(data) {
        if let Ok(phdrs) = h.program_headers(data) {
            assert_eq!(phdrs.count(), usize::from(h.e_phnum));
        }
        let _ = h.interpreter(data);
        if let Ok(Some(entries)) = h.dynamic(data) {
            for d in entries.take(100_000) {
                assert_ne!(d.d_tag, elf::DT_NULL);
            }
        }
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
