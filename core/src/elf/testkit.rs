//! Builds small shared objects in any class and byte order for the tests:
//! a string and symbol table with both hash tables, versions defined and
//! needed, notes, a dynamic section and section headers, all in one
//! `PT_LOAD` that maps file offset `o` at address `o + VADDR_SHIFT`.
//!
//! The hash functions are the parser's own; the system tests check them
//! against real libraries, so the tables built here are the real format.

use super::{Class, Data, gnu_hash, sysv_hash};
use std::vec::Vec;

/// Where the kit's only segment puts file offset 0.
pub const VADDR_SHIFT: u64 = 0x40_0000;

/// What to build.
#[derive(Clone, Debug)]
pub struct Spec {
    pub class: Class,
    pub data: Data,
    /// Escape `e_shnum` and `e_shstrndx` through section 0.
    pub xindex: bool,
    /// How many plain `symN` symbols besides the named ones.
    pub extra: usize,
}

impl Spec {
    pub fn small(class: Class, data: Data) -> Spec {
        Spec {
            class,
            data,
            xindex: false,
            extra: 40,
        }
    }
}

/// One symbol as built.
#[derive(Clone, Debug)]
pub struct KitSymbol {
    pub name: Vec<u8>,
    /// Version name and hidden bit.
    pub version: Option<(&'static str, bool)>,
    pub defined: bool,
    pub value: u64,
    versym: u16,
}

impl KitSymbol {
    /// `name`, `name@V` or `name@@V`.
    pub fn spec(&self) -> Vec<u8> {
        let mut s = self.name.clone();
        if let (Some((v, hidden)), true) = (self.version, self.defined) {
            s.extend_from_slice(if hidden { b"@" } else { b"@@" });
            s.extend_from_slice(v.as_bytes());
        }
        s
    }
}

/// Where each table starts in the file.
#[derive(Clone, Debug, Default)]
pub struct Offsets {
    pub dynstr: usize,
    pub dynsym: usize,
    pub hash: usize,
    pub gnu_hash: usize,
    pub versym: usize,
    pub verdef: usize,
    pub verneed: usize,
    pub note: usize,
    pub dynamic: usize,
    pub shdrs: usize,
}

/// A built object.
pub struct Built {
    pub bytes: Vec<u8>,
    pub symbols: Vec<KitSymbol>,
    pub section_names: Vec<&'static [u8]>,
    pub build_id: Vec<u8>,
    pub at: Offsets,
}

impl Built {
    /// Rewrites the first dynamic entry tagged `tag` as `(new_tag, value)`.
    pub fn set_dyn(&mut self, spec: &Spec, tag: i64, new_tag: i64, value: u64) {
        let ws = if spec.class == Class::Elf64 { 8 } else { 4 };
        let mut at = self.at.dynamic;
        loop {
            let mut b = [0u8; 8];
            b[8 - ws..].copy_from_slice(&self.bytes[at..at + ws]);
            if spec.data == Data::Lsb {
                b = [0; 8];
                b[..ws].copy_from_slice(&self.bytes[at..at + ws]);
            }
            let t = match spec.data {
                Data::Lsb => u64::from_le_bytes(b),
                Data::Msb => u64::from_be_bytes(b),
            };
            assert_ne!(t, 0, "no tag {tag:#x}");
            if t == tag as u64 || (ws == 4 && t as u32 == tag as u32) {
                put(&mut self.bytes, spec.data, at, ws, new_tag as u64);
                put(&mut self.bytes, spec.data, at + ws, ws, value);
                return;
            }
            at += 2 * ws;
        }
    }

    /// Writes `value` as `size` bytes at `at`.
    pub fn poke(&mut self, spec: &Spec, at: usize, size: usize, value: u64) {
        put(&mut self.bytes, spec.data, at, size, value);
    }
}

/// Writes `value` as `size` bytes at `at` in byte order `data`.
pub fn put(buf: &mut [u8], data: Data, at: usize, size: usize, value: u64) {
    let b = match data {
        Data::Lsb => value.to_le_bytes(),
        Data::Msb => value.to_be_bytes(),
    };
    let src = match data {
        Data::Lsb => &b[..size],
        Data::Msb => &b[8 - size..],
    };
    buf[at..at + size].copy_from_slice(src);
}

struct W {
    buf: Vec<u8>,
    data: Data,
    wide: bool,
}

impl W {
    fn int(&mut self, size: usize, v: u64) {
        let at = self.buf.len();
        self.buf.resize(at + size, 0);
        put(&mut self.buf, self.data, at, size, v);
    }
    fn u16(&mut self, v: u64) {
        self.int(2, v)
    }
    fn u32(&mut self, v: u64) {
        self.int(4, v)
    }
    fn word(&mut self, v: u64) {
        self.int(if self.wide { 8 } else { 4 }, v)
    }
    fn align(&mut self, n: usize) -> usize {
        while !self.buf.len().is_multiple_of(n) {
            self.buf.push(0);
        }
        self.buf.len()
    }
}

struct Strings(Vec<u8>);

impl Strings {
    fn add(&mut self, s: &[u8]) -> u64 {
        // Reuse an earlier copy, as linkers do.
        let mut needle = s.to_vec();
        needle.push(0);
        if let Some(at) = self
            .0
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
        {
            return at as u64;
        }
        let at = self.0.len();
        self.0.extend_from_slice(&needle);
        at as u64
    }
}

const VERSIONS: [&str; 3] = ["libkit.so.1", "V1", "V2"];

/// Builds the object `spec` describes.
#[allow(clippy::field_reassign_with_default)] // each offset is known only in turn
pub fn build(spec: &Spec) -> Built {
    let wide = spec.class == Class::Elf64;
    let ws = if wide { 8 } else { 4 };
    let mut w = W {
        buf: Vec::new(),
        data: spec.data,
        wide,
    };

    // Symbols: the undefined ones first (GNU hash leaves them out), the
    // defined ones sorted by GNU bucket.
    let sym = |name: &[u8], version, defined, versym: u16| KitSymbol {
        name: name.to_vec(),
        version,
        defined,
        value: 0,
        versym,
    };
    let mut defined = std::vec![
        sym(b"foo", Some(("V2", false)), true, 3),
        sym(b"foo", Some(("V1", true)), true, 0x8002),
        sym(b"bar", Some(("V1", false)), true, 2),
        sym(b"baz", None, true, 1),
    ];
    for i in 0..spec.extra {
        defined.push(sym(std::format!("sym{i}").as_bytes(), None, true, 1));
    }
    let nbuckets = (defined.len() / 4).max(1) as u32;
    defined.sort_by_key(|s| gnu_hash(&s.name) % nbuckets);
    let mut symbols = std::vec![
        sym(b"", None, false, 0),
        sym(b"puts", Some(("GLIBC_2.2.5", false)), false, 4),
    ];
    let symoffset = symbols.len() as u32;
    symbols.extend(defined);
    for (i, s) in symbols.iter_mut().enumerate() {
        if s.defined {
            s.value = 0x1000 + 16 * i as u64;
        }
    }
    let n = symbols.len();

    let mut strings = Strings(std::vec![0]);
    let needed = [strings.add(b"libc.so.6"), strings.add(b"libm.so.6")];
    let soname = strings.add(b"libkit.so.1");
    let runpath = strings.add(b"$ORIGIN/lib");
    let glibc = strings.add(b"GLIBC_2.2.5");
    let version_names: Vec<u64> = VERSIONS.iter().map(|v| strings.add(v.as_bytes())).collect();
    let names: Vec<u64> = symbols.iter().map(|s| strings.add(&s.name)).collect();

    // Header and program headers, patched at the end.
    let (ehsize, phentsize, shentsize) = if wide { (64, 56, 64) } else { (52, 32, 40) };
    w.buf.resize(ehsize + 3 * phentsize, 0);
    let mut at = Offsets::default();

    at.dynstr = w.align(8);
    w.buf.extend_from_slice(&strings.0);
    let dynstr_size = strings.0.len();

    at.dynsym = w.align(8);
    for (s, &name) in symbols.iter().zip(&names) {
        let (info, shndx) = if s.defined {
            (0x12u64, 7u64)
        } else {
            (0x12, 0)
        };
        if wide {
            w.u32(name);
            w.int(1, info);
            w.int(1, 0);
            w.u16(shndx);
            w.word(s.value);
            w.word(8);
        } else {
            w.u32(name);
            w.word(s.value);
            w.word(8);
            w.int(1, info);
            w.int(1, 0);
            w.u16(shndx);
        }
    }
    let syment = if wide { 24 } else { 16 };

    // System V: every symbol but 0, pushed on its bucket's chain.
    at.hash = w.align(8);
    let nbucket = 5usize;
    let mut bucket = std::vec![0u64; nbucket];
    let mut chain = std::vec![0u64; n];
    for (i, s) in symbols.iter().enumerate().skip(1) {
        let b = sysv_hash(&s.name) as usize % nbucket;
        chain[i] = bucket[b];
        bucket[b] = i as u64;
    }
    w.u32(nbucket as u64);
    w.u32(n as u64);
    bucket.iter().chain(&chain).for_each(|&v| w.u32(v));

    // GNU: Bloom filter, buckets, chain of hashes with bit 0 ending each.
    at.gnu_hash = w.align(8);
    let bits = 8 * ws as u32;
    let (bloom_size, shift) = (2u32, if wide { 6u32 } else { 5 });
    let mut bloom = std::vec![0u64; bloom_size as usize];
    let mut buckets = std::vec![0u64; nbuckets as usize];
    let mut hashes = Vec::new();
    for i in symoffset as usize..n {
        let h = gnu_hash(&symbols[i].name);
        bloom[((h / bits) % bloom_size) as usize] |=
            (1 << (h % bits)) | (1 << ((h >> shift) % bits));
        let b = (h % nbuckets) as usize;
        if buckets[b] == 0 {
            buckets[b] = i as u64;
        }
        let last = i + 1 == n || gnu_hash(&symbols[i + 1].name) % nbuckets != h % nbuckets;
        hashes.push(u64::from(h & !1) | u64::from(last));
    }
    w.u32(u64::from(nbuckets));
    w.u32(u64::from(symoffset));
    w.u32(u64::from(bloom_size));
    w.u32(u64::from(shift));
    bloom.iter().for_each(|&v| w.word(v));
    buckets.iter().chain(&hashes).for_each(|&v| w.u32(v));

    at.versym = w.align(8);
    symbols.iter().for_each(|s| w.u16(u64::from(s.versym)));

    // Definitions: the base (the soname), V1, V2 with V1 as parent.
    at.verdef = w.align(8);
    let parents: [&[usize]; 3] = [&[], &[], &[1]];
    for (i, v) in VERSIONS.iter().enumerate() {
        let cnt = 1 + parents[i].len();
        w.u16(1);
        w.u16(if i == 0 { 1 } else { 0 });
        w.u16(i as u64 + 1);
        w.u16(cnt as u64);
        w.u32(u64::from(sysv_hash(v.as_bytes())));
        w.u32(20);
        w.u32(if i + 1 == VERSIONS.len() {
            0
        } else {
            20 + 8 * cnt as u64
        });
        let auxes: Vec<usize> = core::iter::once(i)
            .chain(parents[i].iter().copied())
            .collect();
        for (k, &a) in auxes.iter().enumerate() {
            w.u32(version_names[a]);
            w.u32(if k + 1 == auxes.len() { 0 } else { 8 });
        }
    }
    at.verneed = w.align(8);
    w.u16(1);
    w.u16(1);
    w.u32(needed[0]);
    w.u32(16);
    w.u32(0);
    w.u32(u64::from(sysv_hash(b"GLIBC_2.2.5")));
    w.u16(0);
    w.u16(4);
    w.u32(glibc);
    w.u32(0);

    // Notes: an ABI tag, the build id, and one whose name and descriptor
    // need padding.
    at.note = w.align(8);
    let build_id: Vec<u8> = (0..20).map(|i| 0xa0 ^ i).collect();
    let notes: [(&[u8], u64, Vec<u8>); 3] = [
        (b"GNU\0", 1, std::vec![0; 16]),
        (b"GNU\0", 3, build_id.clone()),
        (b"Xyz12\0", 7, std::vec![1, 2, 3]),
    ];
    for (name, kind, desc) in &notes {
        w.u32(name.len() as u64);
        w.u32(desc.len() as u64);
        w.u32(*kind);
        w.buf.extend_from_slice(name);
        w.align(4);
        w.buf.extend_from_slice(desc);
        w.align(4);
    }
    let note_size = w.buf.len() - at.note;

    let v = |o: usize| o as u64 + VADDR_SHIFT;
    at.dynamic = w.align(8);
    let tags: [(i64, u64); 16] = [
        (super::DT_NEEDED, needed[0]),
        (super::DT_NEEDED, needed[1]),
        (super::DT_SONAME, soname),
        (super::DT_RUNPATH, runpath),
        (super::DT_STRTAB, v(at.dynstr)),
        (super::DT_STRSZ, dynstr_size as u64),
        (super::DT_SYMTAB, v(at.dynsym)),
        (super::DT_SYMENT, syment),
        (super::DT_HASH, v(at.hash)),
        (super::DT_GNU_HASH, v(at.gnu_hash)),
        (super::DT_VERSYM, v(at.versym)),
        (super::DT_VERDEF, v(at.verdef)),
        (super::DT_VERDEFNUM, 3),
        (super::DT_VERNEED, v(at.verneed)),
        (super::DT_VERNEEDNUM, 1),
        (super::DT_NULL, 0),
    ];
    for (tag, val) in tags {
        w.word(tag as u64);
        w.word(val);
    }
    let dynamic_size = w.buf.len() - at.dynamic;

    let section_names: Vec<&'static [u8]> = std::vec![
        b".dynsym",
        b".dynstr",
        b".hash",
        b".gnu.hash",
        b".gnu.version",
        b".gnu.version_d",
        b".gnu.version_r",
        b".note.gnu.build-id",
        b".dynamic",
        b".shstrtab",
    ];
    let mut shstr = Strings(std::vec![0]);
    let sh_names: Vec<u64> = section_names.iter().map(|s| shstr.add(s)).collect();
    let shstrtab = w.align(8);
    w.buf.extend_from_slice(&shstr.0);

    at.shdrs = w.align(8);
    let count = section_names.len() + 1;
    let shstrndx = count - 1;
    // name, type, flags, offset, size, link, info, align, entsize
    let rows: [(u32, usize, usize, u32, u32, u64); 10] = [
        (11, at.dynsym, n * syment as usize, 2, 1, syment),
        (3, at.dynstr, dynstr_size, 0, 0, 0),
        (5, at.hash, 4 * (2 + nbucket + n), 1, 0, 4),
        (
            0x6fff_fff6,
            at.gnu_hash,
            16 + ws * 2 + 4 * (nbuckets as usize + hashes.len()),
            1,
            0,
            0,
        ),
        (0x6fff_ffff, at.versym, 2 * n, 1, 0, 2),
        (0x6fff_fffd, at.verdef, at.verneed - at.verdef, 2, 3, 0),
        (0x6fff_fffe, at.verneed, 32, 2, 1, 0),
        (7, at.note, note_size, 0, 0, 0),
        (6, at.dynamic, dynamic_size, 2, 0, 2 * ws as u64),
        (3, shstrtab, shstr.0.len(), 0, 0, 0),
    ];
    // Section 0, with the escapes when asked for.
    let shdr = |w: &mut W,
                name: u64,
                kind: u64,
                addr: u64,
                off: u64,
                size: u64,
                link: u64,
                info: u64,
                entsize: u64| {
        w.u32(name);
        w.u32(kind);
        w.word(if addr != 0 { 2 } else { 0 });
        w.word(addr);
        w.word(off);
        w.word(size);
        w.u32(link);
        w.u32(info);
        w.word(if kind == 3 { 1 } else { 8 });
        w.word(entsize);
    };
    let (zero_size, zero_link) = if spec.xindex {
        (count as u64, shstrndx as u64)
    } else {
        (0, 0)
    };
    shdr(&mut w, 0, 0, 0, 0, zero_size, zero_link, 0, 0);
    for (i, &(kind, off, size, link, info, entsize)) in rows.iter().enumerate() {
        let addr = if i + 1 == rows.len() { 0 } else { v(off) };
        shdr(
            &mut w,
            sh_names[i],
            u64::from(kind),
            addr,
            off as u64,
            size as u64,
            u64::from(link),
            u64::from(info),
            entsize,
        );
    }
    let total = w.buf.len() as u64;

    // Now the header and the program headers.
    let mut h = W {
        buf: Vec::new(),
        data: spec.data,
        wide,
    };
    h.buf.extend_from_slice(b"\x7fELF");
    h.buf.push(if wide { 2 } else { 1 });
    h.buf.push(if spec.data == Data::Lsb { 1 } else { 2 });
    h.buf.push(1);
    h.buf.resize(16, 0);
    h.u16(u64::from(super::ET_DYN));
    h.u16(if wide { 62 } else { 40 });
    h.u32(1);
    h.word(0x1000);
    h.word(ehsize as u64);
    h.word(at.shdrs as u64);
    h.u32(0);
    h.u16(ehsize as u64);
    h.u16(phentsize as u64);
    h.u16(3);
    h.u16(shentsize as u64);
    h.u16(if spec.xindex { 0 } else { count as u64 });
    h.u16(if spec.xindex { 0xffff } else { shstrndx as u64 });
    let phdrs = [
        (super::PT_LOAD, 0usize, total as usize, 5u32, 0x1000u64),
        (super::PT_DYNAMIC, at.dynamic, dynamic_size, 6, 8),
        (super::PT_NOTE, at.note, note_size, 4, 4),
    ];
    for (kind, off, size, flags, align) in phdrs {
        h.u32(u64::from(kind));
        if wide {
            h.u32(u64::from(flags));
        }
        h.word(off as u64);
        h.word(v(off));
        h.word(v(off));
        h.word(size as u64);
        h.word(size as u64);
        if !wide {
            h.u32(u64::from(flags));
        }
        h.word(align);
    }
    w.buf[..h.buf.len()].copy_from_slice(&h.buf);
    Built {
        bytes: w.buf,
        symbols,
        section_names,
        build_id,
        at,
    }
}
