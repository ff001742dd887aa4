//! ELF files: the identification bytes, the file header, the program
//! headers and the dynamic section, read from a byte slice or an fd; the
//! section headers ([`sections`]), the dynamic symbols with their hash
//! tables and versions ([`symbols`], [`hash`], [`versions`]) and notes
//! ([`notes`]).
//!
//! For `platform.architecture()` and `platform.libc_ver()` now, and for
//! the dynamic linker (`dl`, issue 16). Every layout here is read in both
//! classes (ELF32, ELF64) and both byte orders, whatever the host's. Python has no ELF module (CPython's
//! `platform` runs `file(1)` instead); the layouts are the System V gABI's
//! as `<elf.h>` gives them.
//!
//! Every offset and size read from the file is checked against the slice
//! before it is used: a truncated or hostile file gives an [`Error`],
//! never a panic or an out-of-bounds read. Nothing here allocates.
//!
//! # References
//! - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)

use crate::errno::Errno;
use rustix::fd::AsFd;

pub mod hash;
pub mod image;
pub mod notes;
pub mod sections;
pub mod strtab;
pub mod symbols;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests_system;
pub mod versions;

pub use hash::{GnuHash, SysvHash, gnu_hash, sysv_hash};
pub use image::{AddressSpace, FileImage, MemoryImage};
pub use notes::{Note, Notes};
pub use sections::{SectionHeader, Sections};
pub use strtab::StringTable;
pub use symbols::{DynamicObject, HashTable, Symbol, SymbolTable};
pub use versions::{SymbolVersion, Verdef, Verdefs, Vernaux, Verneed, Verneeds, VersionQuery};

/// `\x7fELF`, the first four bytes of every ELF file.
pub const ELFMAG: [u8; 4] = *b"\x7fELF";
/// `EI_NIDENT`: the size of the identification bytes.
pub const EI_NIDENT: usize = 16;
/// `ELFCLASS32`: 32-bit objects.
pub const ELFCLASS32: u8 = 1;
/// `ELFCLASS64`: 64-bit objects.
pub const ELFCLASS64: u8 = 2;
/// `ELFDATA2LSB`: little-endian.
pub const ELFDATA2LSB: u8 = 1;
/// `ELFDATA2MSB`: big-endian.
pub const ELFDATA2MSB: u8 = 2;
/// `EV_CURRENT`: the only ELF version.
pub const EV_CURRENT: u8 = 1;

/// `ET_NONE`: no file type.
pub const ET_NONE: u16 = 0;
/// `ET_REL`: a relocatable object.
pub const ET_REL: u16 = 1;
/// `ET_EXEC`: an executable at a fixed address.
pub const ET_EXEC: u16 = 2;
/// `ET_DYN`: a shared object (or a position-independent executable).
pub const ET_DYN: u16 = 3;
/// `ET_CORE`: a core dump.
pub const ET_CORE: u16 = 4;

/// `EM_386`.
pub const EM_386: u16 = 3;
/// `EM_ARM` (32-bit Arm).
pub const EM_ARM: u16 = 40;
/// `EM_X86_64`.
pub const EM_X86_64: u16 = 62;
/// `EM_AARCH64`.
pub const EM_AARCH64: u16 = 183;
/// `EM_RISCV`.
pub const EM_RISCV: u16 = 243;

/// `PT_NULL`: an unused program header.
pub const PT_NULL: u32 = 0;
/// `PT_LOAD`: a loadable segment.
pub const PT_LOAD: u32 = 1;
/// `PT_DYNAMIC`: the dynamic section.
pub const PT_DYNAMIC: u32 = 2;
/// `PT_INTERP`: the path of the program interpreter.
pub const PT_INTERP: u32 = 3;
/// `PT_NOTE`: notes.
pub const PT_NOTE: u32 = 4;
/// `PT_PHDR`: the program header table itself.
pub const PT_PHDR: u32 = 6;
/// `PT_TLS`: the thread-local storage template.
pub const PT_TLS: u32 = 7;

/// `EM_S390` (s390x too): its `DT_HASH` entries are 8 bytes in ELF64.
pub const EM_S390: u16 = 22;
/// `EM_ALPHA`: its `DT_HASH` entries are 8 bytes.
pub const EM_ALPHA: u16 = 0x9026;

/// `DT_NULL`: the end of the dynamic section.
pub const DT_NULL: i64 = 0;
/// `DT_NEEDED`: a library the object needs (a string table offset).
pub const DT_NEEDED: i64 = 1;
/// `DT_HASH`: the address of the System V symbol hash table.
pub const DT_HASH: i64 = 4;
/// `DT_STRTAB`: the address of the dynamic string table.
pub const DT_STRTAB: i64 = 5;
/// `DT_SYMTAB`: the address of the dynamic symbol table.
pub const DT_SYMTAB: i64 = 6;
/// `DT_STRSZ`: the size of the dynamic string table.
pub const DT_STRSZ: i64 = 10;
/// `DT_SYMENT`: the size of one dynamic symbol.
pub const DT_SYMENT: i64 = 11;
/// `DT_SONAME`: the object's own name (a string table offset).
pub const DT_SONAME: i64 = 14;
/// `DT_RPATH`: the old search path (a string table offset).
pub const DT_RPATH: i64 = 15;
/// `DT_RUNPATH`: the search path (a string table offset).
pub const DT_RUNPATH: i64 = 29;
/// `DT_GNU_HASH`: the address of the GNU symbol hash table.
pub const DT_GNU_HASH: i64 = 0x6fff_fef5;
/// `DT_VERSYM`: the address of the symbol version table.
pub const DT_VERSYM: i64 = 0x6fff_fff0;
/// `DT_VERDEF`: the address of the version definitions.
pub const DT_VERDEF: i64 = 0x6fff_fffc;
/// `DT_VERDEFNUM`: how many version definitions there are.
pub const DT_VERDEFNUM: i64 = 0x6fff_fffd;
/// `DT_VERNEED`: the address of the versions needed.
pub const DT_VERNEED: i64 = 0x6fff_fffe;
/// `DT_VERNEEDNUM`: how many files versions are needed from.
pub const DT_VERNEEDNUM: i64 = 0x6fff_ffff;
/// `DT_FLAGS_1`: more flags (`DF_1_*`).
pub const DT_FLAGS_1: i64 = 0x6fff_fffb;
/// `DF_1_PIE`, in `DT_FLAGS_1`: a position-independent executable.
pub const DF_1_PIE: u64 = 0x0800_0000;

/// Why bytes are not a usable ELF header, table or section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// Fewer bytes than the structure needs.
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Bytes it needs (from the start of the file).
        need: u64,
        /// Bytes there are.
        have: u64,
    },
    /// The first four bytes are not `\x7fELF`.
    NotElf,
    /// `EI_CLASS` is neither 32- nor 64-bit.
    BadClass(u8),
    /// `EI_DATA` is neither little- nor big-endian.
    BadData(u8),
    /// `EI_VERSION` is not `EV_CURRENT`.
    BadVersion(u8),
    /// A table's entry size is smaller than its class's structure.
    BadEntrySize {
        /// Which table.
        what: &'static str,
        /// The size the header (or `DT_SYMENT`) gives.
        size: u64,
    },
    /// Reading the file failed.
    Io(Errno),
    /// An offset plus a size, or a count times a size, overflows 64 bits.
    Overflow {
        /// What was being located.
        what: &'static str,
    },
    /// An address that no `PT_LOAD` segment (or mapped image) holds.
    Unmapped {
        /// What the address points at.
        what: &'static str,
        /// The virtual address.
        addr: u64,
    },
    /// An index or offset past the end of the table it points into.
    BadIndex {
        /// Which index.
        what: &'static str,
        /// Its value.
        index: u64,
        /// How many entries (or bytes) the table has.
        count: u64,
    },
    /// A string that runs to the end of its table without a NUL.
    Unterminated {
        /// Which table.
        what: &'static str,
    },
    /// A table or tag that another one needs is absent.
    Missing {
        /// What is missing.
        what: &'static str,
    },
    /// A field holds a value the format does not allow.
    Invalid {
        /// Which field.
        what: &'static str,
        /// Its value.
        value: u64,
    },
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            Error::Truncated { what, need, have } => {
                write!(
                    f,
                    "ELF {what} truncated: needs {need} bytes, file has {have}"
                )
            }
            Error::NotElf => f.write_str("not an ELF file (no \\x7fELF magic)"),
            Error::BadClass(c) => write!(f, "ELF class {c} is neither 32- nor 64-bit"),
            Error::BadData(d) => write!(f, "ELF data encoding {d} is neither LSB nor MSB"),
            Error::BadVersion(v) => write!(f, "ELF version {v} is not 1"),
            Error::BadEntrySize { what, size } => {
                write!(f, "ELF {what} entry size {size} is too small")
            }
            Error::Io(e) => write!(f, "reading the ELF file: {}", e),
            Error::Overflow { what } => write!(f, "ELF {what}: offset or size overflows"),
            Error::Unmapped { what, addr } => {
                write!(f, "ELF {what} at {addr:#x} is in no loaded segment")
            }
            Error::BadIndex { what, index, count } => {
                write!(f, "ELF {what} {index} is out of range (table has {count})")
            }
            Error::Unterminated { what } => write!(f, "ELF {what}: string without a NUL"),
            Error::Missing { what } => write!(f, "ELF {what} is missing"),
            Error::Invalid { what, value } => write!(f, "ELF {what} {value:#x} is invalid"),
        }
    }
}

/// 32- or 64-bit objects (`EI_CLASS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `ELFCLASS32`.
    Elf32,
    /// `ELFCLASS64`.
    Elf64,
}

/// The byte order of the object's fields (`EI_DATA`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Data {
    /// `ELFDATA2LSB`.
    Lsb,
    /// `ELFDATA2MSB`.
    Msb,
}

/// The identification bytes as they are, valid or not: what `file(1)`
/// reads before it trusts anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ident {
    /// `EI_CLASS`, raw.
    pub class: u8,
    /// `EI_DATA`, raw.
    pub data: u8,
    /// `EI_VERSION`, raw.
    pub version: u8,
    /// `EI_OSABI`.
    pub osabi: u8,
    /// `EI_ABIVERSION`.
    pub abiversion: u8,
}

impl Ident {
    /// The identification of `bytes`: `NotElf` without the magic,
    /// `Truncated` with fewer than 16 bytes.
    pub fn parse(bytes: &[u8]) -> Result<Ident, Error> {
        if bytes.get(..4) != Some(&ELFMAG[..]) {
            return Err(Error::NotElf);
        }
        let b = bytes.get(..EI_NIDENT).ok_or(Error::Truncated {
            what: "identification",
            need: EI_NIDENT as u64,
            have: bytes.len() as u64,
        })?;
        Ok(Ident {
            class: b[4],
            data: b[5],
            version: b[6],
            osabi: b[7],
            abiversion: b[8],
        })
    }

    /// `EI_CLASS`, if it is a valid one.
    pub fn class(&self) -> Option<Class> {
        match self.class {
            ELFCLASS32 => Some(Class::Elf32),
            ELFCLASS64 => Some(Class::Elf64),
            _ => None,
        }
    }

    /// `EI_DATA`, if it is a valid one.
    pub fn data(&self) -> Option<Data> {
        match self.data {
            ELFDATA2LSB => Some(Data::Lsb),
            ELFDATA2MSB => Some(Data::Msb),
            _ => None,
        }
    }
}

/// Fixed-size fields at known offsets, in the file's byte order.
#[derive(Clone, Copy)]
struct Fields<'a> {
    bytes: &'a [u8],
    data: Data,
}

impl Fields<'_> {
    fn array<const N: usize>(&self, at: usize) -> [u8; N] {
        // Callers check the length of `bytes` once per structure.
        let mut out = [0u8; N];
        if let Some(src) = self.bytes.get(at..at + N) {
            out.copy_from_slice(src);
        }
        out
    }

    fn u16(&self, at: usize) -> u16 {
        let a = self.array(at);
        match self.data {
            Data::Lsb => u16::from_le_bytes(a),
            Data::Msb => u16::from_be_bytes(a),
        }
    }

    fn u32(&self, at: usize) -> u32 {
        let a = self.array(at);
        match self.data {
            Data::Lsb => u32::from_le_bytes(a),
            Data::Msb => u32::from_be_bytes(a),
        }
    }

    fn u64(&self, at: usize) -> u64 {
        let a = self.array(at);
        match self.data {
            Data::Lsb => u64::from_le_bytes(a),
            Data::Msb => u64::from_be_bytes(a),
        }
    }

    /// A 32-bit field in 32-bit objects, a 64-bit one in 64-bit ones.
    fn word(&self, class: Class, at32: usize, at64: usize) -> u64 {
        match class {
            Class::Elf32 => u64::from(self.u32(at32)),
            Class::Elf64 => self.u64(at64),
        }
    }
}

/// Reads `e_type` the way `file(1)` does: from any file with the magic, a
/// valid byte order and the two bytes at offset 16, whatever its class or
/// version. `None` when those are missing.
///
/// # References
/// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
/// - [file(1)](https://man7.org/linux/man-pages/man1/file.1.html)
pub fn file_type(bytes: &[u8]) -> Option<u16> {
    let ident = Ident::parse(bytes).ok()?;
    let data = ident.data()?;
    bytes.get(17)?;
    Some(Fields { bytes, data }.u16(16))
}

/// The ELF file header (`Elf32_Ehdr` / `Elf64_Ehdr`), every field widened
/// to its 64-bit size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The identification bytes.
    pub ident: Ident,
    /// `EI_CLASS`.
    pub class: Class,
    /// `EI_DATA`.
    pub data: Data,
    /// `e_type`: [`ET_EXEC`], [`ET_DYN`], ...
    pub e_type: u16,
    /// `e_machine`: [`EM_X86_64`], ...
    pub e_machine: u16,
    /// `e_version`.
    pub e_version: u32,
    /// `e_entry`: the entry point's address.
    pub e_entry: u64,
    /// `e_phoff`: where the program header table starts in the file.
    pub e_phoff: u64,
    /// `e_shoff`: where the section header table starts.
    pub e_shoff: u64,
    /// `e_flags`: processor flags.
    pub e_flags: u32,
    /// `e_ehsize`: this header's size.
    pub e_ehsize: u16,
    /// `e_phentsize`: the size of one program header.
    pub e_phentsize: u16,
    /// `e_phnum`: how many program headers there are.
    pub e_phnum: u16,
    /// `e_shentsize`: the size of one section header.
    pub e_shentsize: u16,
    /// `e_shnum`: how many section headers there are.
    pub e_shnum: u16,
    /// `e_shstrndx`: the section holding the section names.
    pub e_shstrndx: u16,
}

/// `sizeof(Elf32_Ehdr)`.
pub const EHDR32_SIZE: usize = 52;
/// `sizeof(Elf64_Ehdr)`.
pub const EHDR64_SIZE: usize = 64;
const PHDR32_SIZE: usize = 32;
const PHDR64_SIZE: usize = 56;
const DYN32_SIZE: usize = 8;
const DYN64_SIZE: usize = 16;

fn truncated(what: &'static str, need: u64, have: usize) -> Error {
    Error::Truncated {
        what,
        need,
        have: have as u64,
    }
}

impl Header {
    /// Parses the file header at the start of `bytes` (64 bytes are always
    /// enough). The class, byte order and version must be valid.
    ///
    /// # References
    /// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
    pub fn parse(bytes: &[u8]) -> Result<Header, Error> {
        let ident = Ident::parse(bytes)?;
        let class = ident.class().ok_or(Error::BadClass(ident.class))?;
        let data = ident.data().ok_or(Error::BadData(ident.data))?;
        if ident.version != EV_CURRENT {
            return Err(Error::BadVersion(ident.version));
        }
        let size = match class {
            Class::Elf32 => EHDR32_SIZE,
            Class::Elf64 => EHDR64_SIZE,
        };
        if bytes.len() < size {
            return Err(truncated("file header", size as u64, bytes.len()));
        }
        let f = Fields { bytes, data };
        // After e_entry/e_phoff/e_shoff the 64-bit layout is 12 bytes on.
        let tail = match class {
            Class::Elf32 => 36,
            Class::Elf64 => 48,
        };
        Ok(Header {
            ident,
            class,
            data,
            e_type: f.u16(16),
            e_machine: f.u16(18),
            e_version: f.u32(20),
            e_entry: f.word(class, 24, 24),
            e_phoff: f.word(class, 28, 32),
            e_shoff: f.word(class, 32, 40),
            e_flags: f.u32(tail),
            e_ehsize: f.u16(tail + 4),
            e_phentsize: f.u16(tail + 6),
            e_phnum: f.u16(tail + 8),
            e_shentsize: f.u16(tail + 10),
            e_shnum: f.u16(tail + 12),
            e_shstrndx: f.u16(tail + 14),
        })
    }

    /// Reads and parses the header of the file open on `fd` (from offset
    /// 0, whatever the fd's position).
    ///
    /// # References
    /// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
    pub fn read(fd: impl AsFd) -> Result<Header, Error> {
        let mut buf = [0u8; EHDR64_SIZE];
        let n = read_prefix(fd, &mut buf).map_err(Error::Io)?;
        Header::parse(&buf[..n])
    }

    /// The program headers in `file` (the whole file, or at least up to
    /// the end of the table).
    ///
    /// # References
    /// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
    pub fn program_headers<'a>(&self, file: &'a [u8]) -> Result<ProgramHeaders<'a>, Error> {
        let size = match self.class {
            Class::Elf32 => PHDR32_SIZE,
            Class::Elf64 => PHDR64_SIZE,
        };
        if self.e_phnum > 0 && usize::from(self.e_phentsize) < size {
            return Err(Error::BadEntrySize {
                what: "program header",
                size: u64::from(self.e_phentsize),
            });
        }
        let table = slice(
            file,
            self.e_phoff,
            u64::from(self.e_phentsize) * u64::from(self.e_phnum),
            "program header table",
        )?;
        Ok(ProgramHeaders {
            table,
            class: self.class,
            data: self.data,
            entsize: usize::from(self.e_phentsize),
            next: 0,
            count: usize::from(self.e_phnum),
        })
    }

    /// The `PT_INTERP` path (without its NUL), if the object names one.
    pub fn interpreter<'a>(&self, file: &'a [u8]) -> Result<Option<&'a [u8]>, Error> {
        for ph in self.program_headers(file)? {
            if ph.p_type == PT_INTERP {
                let path = slice(file, ph.p_offset, ph.p_filesz, "PT_INTERP")?;
                let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
                return Ok(Some(&path[..end]));
            }
        }
        Ok(None)
    }

    /// The entries of the `PT_DYNAMIC` segment, if there is one, up to
    /// `DT_NULL`.
    ///
    /// # References
    /// - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
    pub fn dynamic<'a>(&self, file: &'a [u8]) -> Result<Option<Dynamic<'a>>, Error> {
        for ph in self.program_headers(file)? {
            if ph.p_type == PT_DYNAMIC {
                let bytes = slice(file, ph.p_offset, ph.p_filesz, "PT_DYNAMIC")?;
                return Ok(Some(Dynamic {
                    bytes,
                    class: self.class,
                    data: self.data,
                    at: 0,
                }));
            }
        }
        Ok(None)
    }
}

/// `file[offset..offset + len]`, or `Truncated`.
fn slice<'a>(file: &'a [u8], offset: u64, len: u64, what: &'static str) -> Result<&'a [u8], Error> {
    let end = offset.checked_add(len).ok_or(Error::Truncated {
        what,
        need: u64::MAX,
        have: file.len() as u64,
    })?;
    match (usize::try_from(offset), usize::try_from(end)) {
        (Ok(start), Ok(stop)) if stop <= file.len() => Ok(&file[start..stop]),
        _ => Err(truncated(what, end, file.len())),
    }
}

/// `b[at..at + len]`, or `None`, without overflowing on any target.
fn get_at(b: &[u8], at: u64, len: usize) -> Option<&[u8]> {
    let start = usize::try_from(at).ok()?;
    b.get(start..start.checked_add(len)?)
}

/// `a + b`, or `Overflow` naming `what`.
fn add(a: u64, b: u64, what: &'static str) -> Result<u64, Error> {
    a.checked_add(b).ok_or(Error::Overflow { what })
}

/// `a * b`, or `Overflow` naming `what`.
fn mul(a: u64, b: u64, what: &'static str) -> Result<u64, Error> {
    a.checked_mul(b).ok_or(Error::Overflow { what })
}

/// Reads the start of the file open on `fd` into `buf` (from offset 0,
/// with `pread`, retrying short reads): the number of bytes read, fewer
/// than `buf.len()` only at the end of the file.
///
/// # References
/// - [pread(2)](https://man7.org/linux/man-pages/man2/pread.2.html)
pub fn read_prefix(fd: impl AsFd, buf: &mut [u8]) -> Result<usize, Errno> {
    let mut n = 0;
    while n < buf.len() {
        match crate::os::pread(&fd, &mut buf[n..], n as i64)? {
            0 => break,
            got => n += got,
        }
    }
    Ok(n)
}

/// One program header (`Elf32_Phdr` / `Elf64_Phdr`), widened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramHeader {
    /// `p_type`: [`PT_LOAD`], [`PT_INTERP`], ...
    pub p_type: u32,
    /// `p_flags`: `PF_R`/`PF_W`/`PF_X`.
    pub p_flags: u32,
    /// `p_offset`: where the segment starts in the file.
    pub p_offset: u64,
    /// `p_vaddr`: its address in memory.
    pub p_vaddr: u64,
    /// `p_paddr`: its physical address.
    pub p_paddr: u64,
    /// `p_filesz`: its size in the file.
    pub p_filesz: u64,
    /// `p_memsz`: its size in memory.
    pub p_memsz: u64,
    /// `p_align`.
    pub p_align: u64,
}

/// The program headers, in table order (see [`Header::program_headers`]).
#[derive(Clone, Debug)]
pub struct ProgramHeaders<'a> {
    table: &'a [u8],
    class: Class,
    data: Data,
    entsize: usize,
    next: usize,
    count: usize,
}

impl Iterator for ProgramHeaders<'_> {
    type Item = ProgramHeader;

    fn next(&mut self) -> Option<ProgramHeader> {
        if self.next >= self.count {
            return None;
        }
        let at = self.next * self.entsize;
        self.next += 1;
        // The table's length was checked against count * entsize.
        let f = Fields {
            bytes: self.table.get(at..at + self.entsize)?,
            data: self.data,
        };
        Some(match self.class {
            Class::Elf32 => ProgramHeader {
                p_type: f.u32(0),
                p_offset: u64::from(f.u32(4)),
                p_vaddr: u64::from(f.u32(8)),
                p_paddr: u64::from(f.u32(12)),
                p_filesz: u64::from(f.u32(16)),
                p_memsz: u64::from(f.u32(20)),
                p_flags: f.u32(24),
                p_align: u64::from(f.u32(28)),
            },
            Class::Elf64 => ProgramHeader {
                p_type: f.u32(0),
                p_flags: f.u32(4),
                p_offset: f.u64(8),
                p_vaddr: f.u64(16),
                p_paddr: f.u64(24),
                p_filesz: f.u64(32),
                p_memsz: f.u64(40),
                p_align: f.u64(48),
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.count - self.next.min(self.count);
        (left, Some(left))
    }
}

/// One dynamic entry (`Elf32_Dyn` / `Elf64_Dyn`), widened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dyn {
    /// `d_tag`: [`DT_NEEDED`], [`DT_FLAGS_1`], ...
    pub d_tag: i64,
    /// `d_un`: a value or an address.
    pub d_val: u64,
}

/// The dynamic entries up to `DT_NULL` or the segment's end (see
/// [`Header::dynamic`]).
#[derive(Clone, Debug)]
pub struct Dynamic<'a> {
    bytes: &'a [u8],
    class: Class,
    data: Data,
    at: usize,
}

impl<'a> Dynamic<'a> {
    /// The entries in `bytes`, a dynamic section read from wherever it is
    /// (a file's `PT_DYNAMIC`, or the mapped image a loader has).
    pub fn new(bytes: &'a [u8], class: Class, data: Data) -> Dynamic<'a> {
        Dynamic {
            bytes,
            class,
            data,
            at: 0,
        }
    }
}

impl Iterator for Dynamic<'_> {
    type Item = Dyn;

    fn next(&mut self) -> Option<Dyn> {
        let size = match self.class {
            Class::Elf32 => DYN32_SIZE,
            Class::Elf64 => DYN64_SIZE,
        };
        let f = Fields {
            bytes: self.bytes.get(self.at..self.at + size)?,
            data: self.data,
        };
        let entry = match self.class {
            // d_tag is signed: sign-extend the 32-bit one.
            Class::Elf32 => Dyn {
                d_tag: i64::from(f.u32(0) as i32),
                d_val: u64::from(f.u32(4)),
            },
            Class::Elf64 => Dyn {
                d_tag: f.u64(0) as i64,
                d_val: f.u64(8),
            },
        };
        if entry.d_tag == DT_NULL {
            self.at = self.bytes.len();
            return None;
        }
        self.at += size;
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 64-bit LSB executable with two program headers (PT_INTERP, then
    /// PT_DYNAMIC with DT_NEEDED, DT_FLAGS_1 and DT_NULL).
    fn elf64() -> std::vec::Vec<u8> {
        let mut f = std::vec![0u8; 64];
        f[..4].copy_from_slice(&ELFMAG);
        f[4] = ELFCLASS64;
        f[5] = ELFDATA2LSB;
        f[6] = EV_CURRENT;
        f[16..18].copy_from_slice(&ET_DYN.to_le_bytes());
        f[18..20].copy_from_slice(&EM_X86_64.to_le_bytes());
        f[20..24].copy_from_slice(&1u32.to_le_bytes());
        f[32..40].copy_from_slice(&64u64.to_le_bytes()); // e_phoff
        f[52..54].copy_from_slice(&64u16.to_le_bytes()); // e_ehsize
        f[54..56].copy_from_slice(&56u16.to_le_bytes()); // e_phentsize
        f[56..58].copy_from_slice(&2u16.to_le_bytes()); // e_phnum
        let interp_at = 64 + 2 * 56;
        let dyn_at = interp_at + 16;
        for (kind, off, size) in [(PT_INTERP, interp_at, 11u64), (PT_DYNAMIC, dyn_at, 48)] {
            let mut ph = [0u8; 56];
            ph[..4].copy_from_slice(&kind.to_le_bytes());
            ph[8..16].copy_from_slice(&(off as u64).to_le_bytes());
            ph[32..40].copy_from_slice(&size.to_le_bytes());
            f.extend_from_slice(&ph);
        }
        f.extend_from_slice(b"/lib/ld.so\0\0\0\0\0\0");
        for (tag, val) in [(DT_NEEDED, 7u64), (DT_FLAGS_1, DF_1_PIE), (DT_NULL, 0)] {
            f.extend_from_slice(&tag.to_le_bytes());
            f.extend_from_slice(&val.to_le_bytes());
        }
        f
    }

    #[test]
    fn header_tables_and_dynamic() {
        let f = elf64();
        let h = Header::parse(&f).unwrap();
        assert_eq!(
            (h.class, h.data, h.e_type, h.e_machine),
            (Class::Elf64, Data::Lsb, ET_DYN, EM_X86_64)
        );
        assert_eq!((h.e_phoff, h.e_phnum, h.e_phentsize), (64, 2, 56));
        let types: std::vec::Vec<u32> = h.program_headers(&f).unwrap().map(|p| p.p_type).collect();
        assert_eq!(types, [PT_INTERP, PT_DYNAMIC]);
        assert_eq!(h.interpreter(&f).unwrap(), Some(&b"/lib/ld.so"[..]));
        let dynamic: std::vec::Vec<Dyn> = h.dynamic(&f).unwrap().unwrap().collect();
        assert_eq!(
            dynamic,
            [
                Dyn {
                    d_tag: DT_NEEDED,
                    d_val: 7
                },
                Dyn {
                    d_tag: DT_FLAGS_1,
                    d_val: DF_1_PIE
                }
            ]
        );
    }

    #[test]
    fn a_32_bit_big_endian_header() {
        let mut f = std::vec![0u8; 52];
        f[..4].copy_from_slice(&ELFMAG);
        f[4] = ELFCLASS32;
        f[5] = ELFDATA2MSB;
        f[6] = EV_CURRENT;
        f[16..18].copy_from_slice(&ET_EXEC.to_be_bytes());
        f[18..20].copy_from_slice(&8u16.to_be_bytes());
        f[24..28].copy_from_slice(&0x1000u32.to_be_bytes());
        let h = Header::parse(&f).unwrap();
        assert_eq!(
            (h.class, h.data, h.e_type, h.e_machine, h.e_entry),
            (Class::Elf32, Data::Msb, ET_EXEC, 8, 0x1000)
        );
        assert_eq!(h.program_headers(&f).unwrap().count(), 0);
        assert_eq!(file_type(&f), Some(ET_EXEC));
    }

    #[test]
    fn bad_input_is_an_error() {
        let f = elf64();
        assert_eq!(Header::parse(b"\x7fEL"), Err(Error::NotElf));
        assert_eq!(Header::parse(b"MZ\x90\x00"), Err(Error::NotElf));
        assert!(matches!(
            Header::parse(&f[..10]),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            Header::parse(&f[..40]),
            Err(Error::Truncated {
                need: 64,
                have: 40,
                ..
            })
        ));
        for (at, value, want) in [
            (4, 0, Error::BadClass(0)),
            (4, 3, Error::BadClass(3)),
            (5, 0, Error::BadData(0)),
            (6, 2, Error::BadVersion(2)),
        ] {
            let mut g = f.clone();
            g[at] = value;
            assert_eq!(Header::parse(&g), Err(want));
        }
        // Tables that point past the end, or overflow when added up.
        let h = Header::parse(&f).unwrap();
        assert!(matches!(
            h.program_headers(&f[..100]),
            Err(Error::Truncated { .. })
        ));
        let far = Header {
            e_phoff: u64::MAX - 8,
            ..h
        };
        assert!(matches!(
            far.program_headers(&f),
            Err(Error::Truncated { .. })
        ));
        let small = Header {
            e_phentsize: 8,
            ..h
        };
        assert!(matches!(
            small.program_headers(&f),
            Err(Error::BadEntrySize { .. })
        ));
        let mut g = f.clone();
        g[64 + 32..64 + 40].copy_from_slice(&u64::MAX.to_le_bytes()); // PT_INTERP's p_filesz
        assert!(matches!(h.interpreter(&g), Err(Error::Truncated { .. })));
        // A dynamic segment cut short ends the entries, never reads past.
        let cut = f.len() - 20;
        let mut g = f[..cut].to_vec();
        g[64 + 56 + 32..64 + 56 + 40].copy_from_slice(&28u64.to_le_bytes());
        assert_eq!(h.dynamic(&g).unwrap().unwrap().count(), 1);
    }

    #[test]
    fn file_type_is_lenient_like_file() {
        let mut f = elf64();
        f[4] = 9; // a bad class: file(1) still reads e_type
        assert_eq!(file_type(&f), Some(ET_DYN));
        f[5] = 0; // a bad byte order: it does not
        assert_eq!(file_type(&f), None);
        assert_eq!(file_type(&elf64()[..17]), None);
        assert_eq!(file_type(b"#!/bin/sh\n"), None);
    }

    #[test]
    fn reads_from_an_fd() {
        let f = elf64();
        let path = std::format!("/tmp/strata-elf-{}", std::process::id());
        std::fs::write(&path, &f).unwrap();
        let fd = crate::os::open(&path, rustix::fs::OFlags::RDONLY, 0).unwrap();
        let _ = std::fs::remove_file(&path);
        assert_eq!(Header::read(&fd).unwrap(), Header::parse(&f).unwrap());
    }
}
