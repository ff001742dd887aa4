//! Section headers (`Elf32_Shdr` / `Elf64_Shdr`) and their names.
//!
//! What `readelf -S` lists. A loader never needs sections (it works from
//! the program headers); tools and tests do, and so does finding a symbol
//! count in an object without hash tables. The escapes for more than
//! 0xff00 sections are honoured: `e_shnum == 0` puts the count in section
//! 0's `sh_size`, `e_shstrndx == SHN_XINDEX` puts the index in its
//! `sh_link`.

use super::{Class, Data, Error, Fields, Header, StringTable, add, mul, slice};

/// `SHN_UNDEF`: no section.
pub const SHN_UNDEF: u16 = 0;
/// `SHN_LORESERVE`: the first reserved section index.
pub const SHN_LORESERVE: u16 = 0xff00;
/// `SHN_ABS`: an absolute symbol's section index.
pub const SHN_ABS: u16 = 0xfff1;
/// `SHN_COMMON`: a common symbol's section index.
pub const SHN_COMMON: u16 = 0xfff2;
/// `SHN_XINDEX`: the real index is elsewhere (section 0's `sh_link`).
pub const SHN_XINDEX: u16 = 0xffff;

/// `SHT_NULL`: an unused section header.
pub const SHT_NULL: u32 = 0;
/// `SHT_PROGBITS`: program data.
pub const SHT_PROGBITS: u32 = 1;
/// `SHT_SYMTAB`: the full symbol table.
pub const SHT_SYMTAB: u32 = 2;
/// `SHT_STRTAB`: a string table.
pub const SHT_STRTAB: u32 = 3;
/// `SHT_HASH`: the System V symbol hash table.
pub const SHT_HASH: u32 = 5;
/// `SHT_DYNAMIC`: the dynamic section.
pub const SHT_DYNAMIC: u32 = 6;
/// `SHT_NOTE`: notes.
pub const SHT_NOTE: u32 = 7;
/// `SHT_NOBITS`: occupies no file space (`.bss`).
pub const SHT_NOBITS: u32 = 8;
/// `SHT_DYNSYM`: the dynamic symbol table.
pub const SHT_DYNSYM: u32 = 11;
/// `SHT_GNU_HASH`: the GNU symbol hash table.
pub const SHT_GNU_HASH: u32 = 0x6fff_fff6;
/// `SHT_GNU_verdef`: version definitions.
pub const SHT_GNU_VERDEF: u32 = 0x6fff_fffd;
/// `SHT_GNU_verneed`: versions needed.
pub const SHT_GNU_VERNEED: u32 = 0x6fff_fffe;
/// `SHT_GNU_versym`: the symbol version table.
pub const SHT_GNU_VERSYM: u32 = 0x6fff_ffff;

const SHDR32_SIZE: usize = 40;
const SHDR64_SIZE: usize = 64;

/// One section header, widened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionHeader {
    /// `sh_name`: the name's offset in the section name string table.
    pub sh_name: u32,
    /// `sh_type`: [`SHT_PROGBITS`], [`SHT_DYNSYM`], ...
    pub sh_type: u32,
    /// `sh_flags`: `SHF_*`.
    pub sh_flags: u64,
    /// `sh_addr`: its address in memory, 0 if not loaded.
    pub sh_addr: u64,
    /// `sh_offset`: where it starts in the file.
    pub sh_offset: u64,
    /// `sh_size`: its size in bytes.
    pub sh_size: u64,
    /// `sh_link`: a related section's index.
    pub sh_link: u32,
    /// `sh_info`: more, by type.
    pub sh_info: u32,
    /// `sh_addralign`.
    pub sh_addralign: u64,
    /// `sh_entsize`: the size of one entry, for tables.
    pub sh_entsize: u64,
}

/// The section header table with its names (see [`Header::sections`]).
///
/// # Example
/// ```no_run
/// use strata_core::elf::Header;
/// let file = std::fs::read("/lib/x86_64-linux-gnu/libz.so.1").unwrap();
/// let sections = Header::parse(&file)?.sections(&file)?;
/// let (index, dynsym) = sections.by_name(b".dynsym")?.unwrap();
/// assert!(index > 0 && dynsym.sh_entsize == 24);
/// # Ok::<(), strata_core::elf::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Sections<'a> {
    file: &'a [u8],
    table: &'a [u8],
    class: Class,
    data: Data,
    entsize: usize,
    count: usize,
    names: Option<StringTable<'a>>,
}

impl Header {
    /// The section headers of `file` (the whole file), with the section
    /// name string table when `e_shstrndx` names one.
    ///
    /// # References
    /// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
    pub fn sections<'a>(&self, file: &'a [u8]) -> Result<Sections<'a>, Error> {
        let size = match self.class {
            Class::Elf32 => SHDR32_SIZE,
            Class::Elf64 => SHDR64_SIZE,
        };
        let mut s = Sections {
            file,
            table: &[],
            class: self.class,
            data: self.data,
            entsize: usize::from(self.e_shentsize),
            count: 0,
            names: None,
        };
        if self.e_shoff == 0 {
            // No table; then e_shnum must say so too.
            if self.e_shnum != 0 {
                return Err(Error::Invalid {
                    what: "e_shnum without e_shoff",
                    value: u64::from(self.e_shnum),
                });
            }
            return Ok(s);
        }
        if s.entsize < size {
            return Err(Error::BadEntrySize {
                what: "section header",
                size: u64::from(self.e_shentsize),
            });
        }
        // Section 0 holds the escaped count and name table index.
        let first = slice(file, self.e_shoff, size as u64, "section header 0")?;
        s.table = first;
        s.count = 1;
        let zero = s.parse(first);
        let count = match self.e_shnum {
            0 => zero.sh_size,
            n => u64::from(n),
        };
        let len = mul(count, u64::from(self.e_shentsize), "section header table")?;
        s.table = slice(file, self.e_shoff, len, "section header table")?;
        s.count = usize::try_from(count).map_err(|_| Error::Overflow {
            what: "section header table",
        })?;
        let names = match self.e_shstrndx {
            SHN_UNDEF => return Ok(s),
            SHN_XINDEX => u64::from(zero.sh_link),
            n if n >= SHN_LORESERVE => {
                return Err(Error::Invalid {
                    what: "e_shstrndx",
                    value: u64::from(n),
                });
            }
            n => u64::from(n),
        };
        let sh = s.get(names).map_err(|e| match e {
            Error::BadIndex { index, count, .. } => Error::BadIndex {
                what: "e_shstrndx",
                index,
                count,
            },
            e => e,
        })?;
        s.names = Some(StringTable::new(
            s.data_of(&sh)?,
            "section name string table",
        ));
        Ok(s)
    }
}

impl<'a> Sections<'a> {
    fn parse(&self, b: &[u8]) -> SectionHeader {
        let f = Fields {
            bytes: b,
            data: self.data,
        };
        match self.class {
            Class::Elf32 => SectionHeader {
                sh_name: f.u32(0),
                sh_type: f.u32(4),
                sh_flags: u64::from(f.u32(8)),
                sh_addr: u64::from(f.u32(12)),
                sh_offset: u64::from(f.u32(16)),
                sh_size: u64::from(f.u32(20)),
                sh_link: f.u32(24),
                sh_info: f.u32(28),
                sh_addralign: u64::from(f.u32(32)),
                sh_entsize: u64::from(f.u32(36)),
            },
            Class::Elf64 => SectionHeader {
                sh_name: f.u32(0),
                sh_type: f.u32(4),
                sh_flags: f.u64(8),
                sh_addr: f.u64(16),
                sh_offset: f.u64(24),
                sh_size: f.u64(32),
                sh_link: f.u32(40),
                sh_info: f.u32(44),
                sh_addralign: f.u64(48),
                sh_entsize: f.u64(56),
            },
        }
    }

    /// How many section headers there are (0 without a table).
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Section `index`: `BadIndex` past the table.
    pub fn get(&self, index: u64) -> Result<SectionHeader, Error> {
        let bad = Error::BadIndex {
            what: "section index",
            index,
            count: self.count as u64,
        };
        let i = usize::try_from(index).map_err(|_| bad)?;
        if i >= self.count {
            return Err(bad);
        }
        // The table's length was checked against count * entsize.
        let at = i * self.entsize;
        let b = self.table.get(at..at + self.entsize).ok_or(bad)?;
        Ok(self.parse(b))
    }

    /// The section headers in table order.
    pub fn iter(&self) -> impl Iterator<Item = SectionHeader> + 'a {
        let s = *self;
        (0..s.count).filter_map(move |i| s.get(i as u64).ok())
    }

    /// The section name string table, if `e_shstrndx` names one.
    pub fn names(&self) -> Option<StringTable<'a>> {
        self.names
    }

    /// The name of `sh`: `Missing` when the file has no name table.
    pub fn name(&self, sh: &SectionHeader) -> Result<&'a [u8], Error> {
        self.names
            .ok_or(Error::Missing {
                what: "section name string table",
            })?
            .get(u64::from(sh.sh_name))
    }

    /// The first section called `name`, with its index.
    pub fn by_name(&self, name: &[u8]) -> Result<Option<(usize, SectionHeader)>, Error> {
        for (i, sh) in self.iter().enumerate() {
            if self.name(&sh)? == name {
                return Ok(Some((i, sh)));
            }
        }
        Ok(None)
    }

    /// The first section of type `sh_type`, with its index.
    pub fn by_type(&self, sh_type: u32) -> Option<(usize, SectionHeader)> {
        self.iter()
            .enumerate()
            .find(|(_, sh)| sh.sh_type == sh_type)
    }

    /// The bytes of `sh` in the file (none for `SHT_NOBITS`).
    pub fn data_of(&self, sh: &SectionHeader) -> Result<&'a [u8], Error> {
        if sh.sh_type == SHT_NOBITS {
            return Ok(&[]);
        }
        add(sh.sh_offset, sh.sh_size, "section")?;
        slice(self.file, sh.sh_offset, sh.sh_size, "section")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::testkit::{Spec, build, put};

    fn all() -> [(Class, Data); 4] {
        [
            (Class::Elf32, Data::Lsb),
            (Class::Elf32, Data::Msb),
            (Class::Elf64, Data::Lsb),
            (Class::Elf64, Data::Msb),
        ]
    }

    #[test]
    fn sections_by_name_in_every_layout() {
        for (class, data) in all() {
            let f = build(&Spec::small(class, data));
            let h = Header::parse(&f.bytes).unwrap();
            let s = h.sections(&f.bytes).unwrap();
            assert_eq!(s.len(), f.section_names.len() + 1);
            let names: std::vec::Vec<&[u8]> =
                s.iter().skip(1).map(|sh| s.name(&sh).unwrap()).collect();
            assert_eq!(names, f.section_names);
            let (i, dynsym) = s.by_name(b".dynsym").unwrap().unwrap();
            assert_eq!(dynsym.sh_type, SHT_DYNSYM);
            assert_eq!(s.by_type(SHT_DYNSYM).unwrap().0, i);
            assert_eq!(
                dynsym.sh_entsize,
                if class == Class::Elf32 { 16 } else { 24 }
            );
            assert_eq!(s.data_of(&dynsym).unwrap().len() as u64, dynsym.sh_size);
            assert_eq!(s.by_name(b".nothing").unwrap(), None);
        }
    }

    #[test]
    fn the_xindex_escapes() {
        for (class, data) in all() {
            let mut spec = Spec::small(class, data);
            spec.xindex = true;
            let f = build(&spec);
            let h = Header::parse(&f.bytes).unwrap();
            assert_eq!((h.e_shnum, h.e_shstrndx), (0, SHN_XINDEX));
            let s = h.sections(&f.bytes).unwrap();
            assert_eq!(s.len(), f.section_names.len() + 1);
            assert!(s.by_name(b".shstrtab").unwrap().is_some());
        }
    }

    #[test]
    fn bad_section_tables() {
        let f = build(&Spec::small(Class::Elf64, Data::Lsb));
        let h = Header::parse(&f.bytes).unwrap();
        let end = f.bytes.len();
        // Truncated table, overflowing offset, small entries.
        assert!(matches!(
            h.sections(&f.bytes[..end - 10]),
            Err(Error::Truncated { .. })
        ));
        let far = Header {
            e_shoff: u64::MAX - 2,
            ..h
        };
        assert!(matches!(
            far.sections(&f.bytes),
            Err(Error::Truncated { .. })
        ));
        let small = Header {
            e_shentsize: 10,
            ..h
        };
        assert!(matches!(
            small.sections(&f.bytes),
            Err(Error::BadEntrySize { size: 10, .. })
        ));
        // e_shstrndx past the table, or reserved.
        let past = Header {
            e_shstrndx: h.e_shnum,
            ..h
        };
        assert!(matches!(
            past.sections(&f.bytes),
            Err(Error::BadIndex {
                what: "e_shstrndx",
                ..
            })
        ));
        let reserved = Header {
            e_shstrndx: SHN_ABS,
            ..h
        };
        assert!(matches!(
            reserved.sections(&f.bytes),
            Err(Error::Invalid { .. })
        ));
        let orphan = Header { e_shoff: 0, ..h };
        assert!(matches!(
            orphan.sections(&f.bytes),
            Err(Error::Invalid { .. })
        ));
        // A name offset past the name table; a section past the file; a
        // section count from section 0 that is absurd.
        let s = h.sections(&f.bytes).unwrap();
        let sh = SectionHeader {
            sh_name: 1 << 30,
            ..s.get(1).unwrap()
        };
        assert!(matches!(s.name(&sh), Err(Error::BadIndex { .. })));
        let sh = SectionHeader {
            sh_offset: u64::MAX,
            sh_size: 2,
            ..sh
        };
        assert!(matches!(s.data_of(&sh), Err(Error::Overflow { .. })));
        assert!(matches!(s.get(999), Err(Error::BadIndex { .. })));
        let mut g = f.bytes.clone();
        let zero = h.e_shoff as usize;
        put(&mut g, Data::Lsb, zero + 32, 8, u64::MAX); // section 0's sh_size
        let escaped = Header { e_shnum: 0, ..h };
        assert!(matches!(escaped.sections(&g), Err(Error::Overflow { .. })));
        // No name table: names are Missing, the headers still readable.
        let unnamed = Header {
            e_shstrndx: SHN_UNDEF,
            ..h
        };
        let s = unnamed.sections(&f.bytes).unwrap();
        assert!(matches!(
            s.name(&s.get(1).unwrap()),
            Err(Error::Missing { .. })
        ));
    }
}
