//! The dynamic symbols of an object, reached from its dynamic section:
//! the string and symbol tables, the hash tables that find a symbol by
//! name, the symbol versions, and the `DT_NEEDED`/`DT_SONAME`/
//! `DT_RUNPATH`/`DT_RPATH` strings. What `readelf --dyn-syms` and
//! `readelf -d` show, and what the dynamic linker (`dl`) resolves
//! against.
//!
//! The dynamic section gives addresses, so the tables are read through an
//! [`AddressSpace`]: a file's [`FileImage`], or a loaded object's
//! [`MemoryImage`]. Python has no counterpart; `ctypes.CDLL(...).name`
//! ends in `dlsym`, which [`DynamicObject::lookup`] mirrors.
//!
//! # References
//! - [elf(5)](https://man7.org/linux/man-pages/man5/elf.5.html)
//! - [dlsym(3)](https://man7.org/linux/man-pages/man3/dlsym.3.html)

#[cfg(doc)]
use super::MemoryImage;
use super::sections::SHN_UNDEF;
use super::{
    AddressSpace, Class, DT_GNU_HASH, DT_HASH, DT_NEEDED, DT_RPATH, DT_RUNPATH, DT_SONAME,
    DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, DT_VERDEF, DT_VERDEFNUM, DT_VERNEED, DT_VERNEEDNUM,
    DT_VERSYM, Data, Dynamic, Error, Fields, FileImage, GnuHash, Header, StringTable,
    SymbolVersion, SysvHash, Verdefs, Verneeds, VersionQuery, get_at, gnu_hash, mul, sysv_hash,
};

/// `STB_LOCAL`.
pub const STB_LOCAL: u8 = 0;
/// `STB_GLOBAL`.
pub const STB_GLOBAL: u8 = 1;
/// `STB_WEAK`.
pub const STB_WEAK: u8 = 2;
/// `STT_NOTYPE`.
pub const STT_NOTYPE: u8 = 0;
/// `STT_OBJECT`: data.
pub const STT_OBJECT: u8 = 1;
/// `STT_FUNC`: code.
pub const STT_FUNC: u8 = 2;
/// `STT_TLS`: a thread-local variable.
pub const STT_TLS: u8 = 6;
/// `STT_GNU_IFUNC`: a function whose address a resolver returns.
pub const STT_GNU_IFUNC: u8 = 10;

const SYM32_SIZE: usize = 16;
const SYM64_SIZE: usize = 24;

/// One symbol (`Elf32_Sym` / `Elf64_Sym`), widened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// `st_name`: the name's offset in the string table.
    pub st_name: u32,
    /// `st_info`: binding (high nibble) and type (low nibble).
    pub st_info: u8,
    /// `st_other`: the visibility (low 2 bits).
    pub st_other: u8,
    /// `st_shndx`: its section, [`SHN_UNDEF`] when undefined here.
    pub st_shndx: u16,
    /// `st_value`: its address (or offset, for TLS).
    pub st_value: u64,
    /// `st_size`.
    pub st_size: u64,
}

impl Symbol {
    /// `ELF_ST_BIND`: [`STB_GLOBAL`], [`STB_WEAK`], ...
    pub fn bind(&self) -> u8 {
        self.st_info >> 4
    }

    /// `ELF_ST_TYPE`: [`STT_FUNC`], [`STT_OBJECT`], ...
    pub fn kind(&self) -> u8 {
        self.st_info & 0xf
    }

    /// `ELF_ST_VISIBILITY`: `STV_DEFAULT` (0) ... `STV_PROTECTED` (3).
    pub fn visibility(&self) -> u8 {
        self.st_other & 3
    }

    /// Whether this object defines it (`st_shndx` is not `SHN_UNDEF`).
    pub fn is_defined(&self) -> bool {
        self.st_shndx != SHN_UNDEF
    }
}

/// A symbol table: `len()` entries of `Elf*_Sym`.
#[derive(Clone, Copy, Debug)]
pub struct SymbolTable<'a> {
    bytes: &'a [u8],
    class: Class,
    data: Data,
    entsize: usize,
    count: u32,
}

impl<'a> SymbolTable<'a> {
    /// `count` symbols of `entsize` bytes each at the start of `bytes`:
    /// `BadEntrySize` when `entsize` is smaller than the class's `Sym`,
    /// `Truncated` when `bytes` is too short.
    pub fn new(
        bytes: &'a [u8],
        class: Class,
        data: Data,
        entsize: u64,
        count: u32,
    ) -> Result<SymbolTable<'a>, Error> {
        let size = match class {
            Class::Elf32 => SYM32_SIZE,
            Class::Elf64 => SYM64_SIZE,
        };
        let entsize_ok = usize::try_from(entsize).ok().filter(|&e| e >= size);
        let entsize = entsize_ok.ok_or(Error::BadEntrySize {
            what: "symbol",
            size: entsize,
        })?;
        let len = mul(entsize as u64, u64::from(count), "symbol table")?;
        let bytes = get_at(bytes, 0, usize::try_from(len).unwrap_or(usize::MAX)).ok_or(
            Error::Truncated {
                what: "symbol table",
                need: len,
                have: bytes.len() as u64,
            },
        )?;
        Ok(SymbolTable {
            bytes,
            class,
            data,
            entsize,
            count,
        })
    }

    /// How many symbols there are (the first is always the null one).
    pub fn len(&self) -> u32 {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Symbol `index`: `BadIndex` past the table.
    pub fn get(&self, index: u32) -> Result<Symbol, Error> {
        let bad = Error::BadIndex {
            what: "symbol index",
            index: u64::from(index),
            count: u64::from(self.count),
        };
        if index >= self.count {
            return Err(bad);
        }
        // The table's length was checked against count * entsize.
        let at = index as usize * self.entsize;
        let f = Fields {
            bytes: self.bytes.get(at..at + self.entsize).ok_or(bad)?,
            data: self.data,
        };
        Ok(match self.class {
            Class::Elf32 => Symbol {
                st_name: f.u32(0),
                st_value: u64::from(f.u32(4)),
                st_size: u64::from(f.u32(8)),
                st_info: f.bytes[12],
                st_other: f.bytes[13],
                st_shndx: f.u16(14),
            },
            Class::Elf64 => Symbol {
                st_name: f.u32(0),
                st_info: f.bytes[4],
                st_other: f.bytes[5],
                st_shndx: f.u16(6),
                st_value: f.u64(8),
                st_size: f.u64(16),
            },
        })
    }

    /// The symbols in table order.
    pub fn iter(&self) -> impl Iterator<Item = Symbol> + 'a {
        let t = *self;
        (0..t.count).filter_map(move |i| t.get(i).ok())
    }
}

/// Which hash table a lookup goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashTable {
    /// `DT_GNU_HASH`.
    Gnu,
    /// `DT_HASH`.
    Sysv,
}

/// The addresses and counts the dynamic section gives, first of each.
#[derive(Clone, Copy, Debug, Default)]
struct Tags {
    strtab: Option<u64>,
    strsz: Option<u64>,
    symtab: Option<u64>,
    syment: Option<u64>,
    hash: Option<u64>,
    gnu_hash: Option<u64>,
    versym: Option<u64>,
    verdef: Option<u64>,
    verdefnum: Option<u64>,
    verneed: Option<u64>,
    verneednum: Option<u64>,
}

/// An object's dynamic symbols and the tables around them, parsed and
/// checked from its dynamic section.
///
/// # Example
/// ```no_run
/// use strata_core::elf::{DynamicObject, VersionQuery};
/// let file = std::fs::read("/lib/x86_64-linux-gnu/libc.so.6").unwrap();
/// let libc = DynamicObject::from_file(&file)?.unwrap();
/// assert_eq!(libc.soname()?, Some(&b"libc.so.6"[..]));
/// let newest = libc.lookup(b"memcpy")?.unwrap();
/// let old = libc.lookup_version(b"memcpy", VersionQuery::Named(b"GLIBC_2.2.5"))?.unwrap();
/// assert_ne!(newest, old);
/// # Ok::<(), strata_core::elf::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct DynamicObject<'a> {
    data: Data,
    dynamic: Dynamic<'a>,
    strings: Option<StringTable<'a>>,
    symbols: Option<SymbolTable<'a>>,
    gnu: Option<GnuHash<'a>>,
    sysv: Option<SysvHash<'a>>,
    versym: Option<&'a [u8]>,
    verdefs: Option<Verdefs<'a>>,
    verneeds: Option<Verneeds<'a>>,
}

impl<'a> DynamicObject<'a> {
    /// The dynamic object in `file` (a whole ELF file), read through its
    /// `PT_LOAD` segments; `None` when it has no `PT_DYNAMIC`.
    pub fn from_file(file: &'a [u8]) -> Result<Option<DynamicObject<'a>>, Error> {
        let header = Header::parse(file)?;
        let Some(dynamic) = header.dynamic(file)? else {
            return Ok(None);
        };
        let image = FileImage::new(file, &header)?;
        DynamicObject::new(&header, dynamic, &image).map(Some)
    }

    /// Parses the tables `dynamic` points at in `space`. Every table
    /// present is checked now (a table past its segment, a string table
    /// without `DT_STRSZ`, a symbol table without a hash table to count
    /// it are errors); the absent ones are `Missing` when asked for.
    pub fn new(
        header: &Header,
        dynamic: Dynamic<'a>,
        space: &impl AddressSpace<'a>,
    ) -> Result<DynamicObject<'a>, Error> {
        let mut t = Tags::default();
        for d in dynamic.clone() {
            let slot = match d.d_tag {
                DT_STRTAB => &mut t.strtab,
                DT_STRSZ => &mut t.strsz,
                DT_SYMTAB => &mut t.symtab,
                DT_SYMENT => &mut t.syment,
                DT_HASH => &mut t.hash,
                DT_GNU_HASH => &mut t.gnu_hash,
                DT_VERSYM => &mut t.versym,
                DT_VERDEF => &mut t.verdef,
                DT_VERDEFNUM => &mut t.verdefnum,
                DT_VERNEED => &mut t.verneed,
                DT_VERNEEDNUM => &mut t.verneednum,
                _ => continue,
            };
            slot.get_or_insert(d.d_val);
        }
        let (class, data) = (header.class, header.data);
        let strings = match t.strtab {
            None => None,
            Some(addr) => {
                let size = t.strsz.ok_or(Error::Missing { what: "DT_STRSZ" })?;
                Some(StringTable::new(
                    space.bytes(addr, size, "DT_STRTAB")?,
                    "dynamic string table",
                ))
            }
        };
        let sysv = t
            .hash
            .map(|a| {
                SysvHash::parse(
                    space,
                    a,
                    data,
                    SysvHash::entry_size(header.e_machine, class),
                )
            })
            .transpose()?;
        let gnu = t
            .gnu_hash
            .map(|a| GnuHash::parse(space, a, class, data))
            .transpose()?;
        let count = match (sysv, gnu) {
            (Some(s), _) => Some(s.symbol_count()),
            (None, Some(g)) => Some(g.symbol_count()),
            (None, None) => None,
        };
        let symbols = match t.symtab {
            None => None,
            Some(addr) => {
                let count = count.ok_or(Error::Missing {
                    what: "DT_HASH or DT_GNU_HASH (to count DT_SYMTAB)",
                })?;
                let entsize = t.syment.unwrap_or(match class {
                    Class::Elf32 => SYM32_SIZE as u64,
                    Class::Elf64 => SYM64_SIZE as u64,
                });
                let len = mul(entsize, u64::from(count), "DT_SYMTAB")?;
                Some(SymbolTable::new(
                    space.bytes(addr, len, "DT_SYMTAB")?,
                    class,
                    data,
                    entsize,
                    count,
                )?)
            }
        };
        let versym = match t.versym {
            None => None,
            Some(addr) => {
                let n = symbols.ok_or(Error::Missing { what: "DT_SYMTAB" })?.len();
                Some(space.bytes(addr, 2 * u64::from(n), "DT_VERSYM")?)
            }
        };
        let need_strings = || strings.ok_or(Error::Missing { what: "DT_STRTAB" });
        let verdefs = match t.verdef {
            None => None,
            Some(addr) => {
                let n = t.verdefnum.ok_or(Error::Missing {
                    what: "DT_VERDEFNUM",
                })?;
                let region = space.tail(addr).ok_or(Error::Unmapped {
                    what: "DT_VERDEF",
                    addr,
                })?;
                Some(Verdefs::new(region, data, need_strings()?, n))
            }
        };
        let verneeds = match t.verneed {
            None => None,
            Some(addr) => {
                let n = t.verneednum.ok_or(Error::Missing {
                    what: "DT_VERNEEDNUM",
                })?;
                let region = space.tail(addr).ok_or(Error::Unmapped {
                    what: "DT_VERNEED",
                    addr,
                })?;
                Some(Verneeds::new(region, data, need_strings()?, n))
            }
        };
        Ok(DynamicObject {
            data,
            dynamic,
            strings,
            symbols,
            gnu,
            sysv,
            versym,
            verdefs,
            verneeds,
        })
    }

    /// The dynamic entries.
    pub fn dynamic(&self) -> Dynamic<'a> {
        self.dynamic.clone()
    }

    /// The dynamic string table (`DT_STRTAB`).
    pub fn strings(&self) -> Result<StringTable<'a>, Error> {
        self.strings.ok_or(Error::Missing { what: "DT_STRTAB" })
    }

    /// The dynamic symbol table (`DT_SYMTAB`), as long as the hash
    /// tables say.
    pub fn symbols(&self) -> Result<SymbolTable<'a>, Error> {
        self.symbols.ok_or(Error::Missing { what: "DT_SYMTAB" })
    }

    /// The name of `sym`, from the dynamic string table.
    pub fn symbol_name(&self, sym: &Symbol) -> Result<&'a [u8], Error> {
        self.strings()?.get(u64::from(sym.st_name))
    }

    /// The `DT_GNU_HASH` table, if there is one.
    pub fn gnu_hash(&self) -> Option<&GnuHash<'a>> {
        self.gnu.as_ref()
    }

    /// The `DT_HASH` table, if there is one.
    pub fn sysv_hash(&self) -> Option<&SysvHash<'a>> {
        self.sysv.as_ref()
    }

    fn strings_of(&self, tag: i64) -> impl Iterator<Item = Result<&'a [u8], Error>> + '_ {
        self.dynamic
            .clone()
            .filter(move |d| d.d_tag == tag)
            .map(move |d| self.strings()?.get(d.d_val))
    }

    fn first_string(&self, tag: i64) -> Result<Option<&'a [u8]>, Error> {
        self.strings_of(tag).next().transpose()
    }

    /// The `DT_NEEDED` names, in order.
    pub fn needed(&self) -> impl Iterator<Item = Result<&'a [u8], Error>> + '_ {
        self.strings_of(DT_NEEDED)
    }

    /// `DT_SONAME`.
    pub fn soname(&self) -> Result<Option<&'a [u8]>, Error> {
        self.first_string(DT_SONAME)
    }

    /// `DT_RUNPATH` (colon-separated, as it is).
    pub fn runpath(&self) -> Result<Option<&'a [u8]>, Error> {
        self.first_string(DT_RUNPATH)
    }

    /// `DT_RPATH` (colon-separated, as it is).
    pub fn rpath(&self) -> Result<Option<&'a [u8]>, Error> {
        self.first_string(DT_RPATH)
    }

    /// The version definitions (`DT_VERDEF`), if there are any.
    pub fn verdefs(&self) -> Option<Verdefs<'a>> {
        self.verdefs.clone()
    }

    /// The versions needed (`DT_VERNEED`), if there are any.
    pub fn verneeds(&self) -> Option<Verneeds<'a>> {
        self.verneeds.clone()
    }

    fn versym(&self, index: u32) -> Option<u16> {
        let b = get_at(self.versym?, 2 * u64::from(index), 2)?;
        Some(
            Fields {
                bytes: b,
                data: self.data,
            }
            .u16(0),
        )
    }

    /// The name of version definition `index`, if one has it.
    fn definition(&self, index: u16) -> Result<Option<&'a [u8]>, Error> {
        for d in self.verdefs.clone().into_iter().flatten() {
            let d = d?;
            if d.index == index {
                return Ok(Some(d.name));
            }
        }
        Ok(None)
    }

    /// The version of symbol `index` (`DT_VERSYM`, resolved through the
    /// definitions, then the needs); `None` without `DT_VERSYM`.
    pub fn symbol_version(&self, index: u32) -> Result<Option<SymbolVersion<'a>>, Error> {
        if self.versym.is_none() {
            return Ok(None);
        }
        let n = self.symbols()?.len();
        let raw = self.versym(index).ok_or(Error::BadIndex {
            what: "DT_VERSYM index",
            index: u64::from(index),
            count: u64::from(n),
        })?;
        let mut v = SymbolVersion {
            index: raw & !super::versions::VERSYM_HIDDEN,
            hidden: raw & super::versions::VERSYM_HIDDEN != 0,
            name: None,
            file: None,
        };
        v.name = self.definition(v.index)?;
        if v.name.is_none() && v.index > super::versions::VER_NDX_GLOBAL {
            'files: for need in self.verneeds.clone().into_iter().flatten() {
                let need = need?;
                for aux in need.versions() {
                    let aux = aux?;
                    if aux.index == v.index {
                        v.name = Some(aux.name);
                        v.file = Some(need.file);
                        break 'files;
                    }
                }
            }
        }
        Ok(Some(v))
    }

    /// Whether symbol `index`'s version satisfies `query`, as glibc's
    /// `check_match` decides: an object without `DT_VERSYM` satisfies
    /// every query; a hidden symbol only one naming its version; a
    /// version with no definition (index 0, or 1 without `DT_VERDEF`)
    /// any query that is not hidden.
    fn version_matches(&self, index: u32, query: VersionQuery<'_>) -> Result<bool, Error> {
        let Some(raw) = self.versym(index) else {
            return match self.versym {
                None => Ok(true),
                Some(_) => Err(Error::BadIndex {
                    what: "DT_VERSYM index",
                    index: u64::from(index),
                    count: u64::from(self.symbols()?.len()),
                }),
            };
        };
        let hidden = raw & super::versions::VERSYM_HIDDEN != 0;
        let (want, default) = match query {
            VersionQuery::Default => return Ok(!hidden),
            VersionQuery::Named(v) => (v, false),
            VersionQuery::DefaultNamed(v) => (v, true),
        };
        if default && hidden {
            return Ok(false);
        }
        Ok(
            match self.definition(raw & !super::versions::VERSYM_HIDDEN)? {
                Some(name) => name == want,
                None => !hidden,
            },
        )
    }

    fn matches(&self, index: u32, name: &[u8], query: VersionQuery<'_>) -> Result<bool, Error> {
        let sym = self.symbols()?.get(index)?;
        // As glibc's do_lookup_x: undefined and local symbols are not
        // definitions to bind to.
        Ok(sym.is_defined()
            && sym.bind() != STB_LOCAL
            && self.symbol_name(&sym)? == name
            && self.version_matches(index, query)?)
    }

    /// The index of the global or weak symbol this object defines as
    /// `name` in its default version, through `DT_GNU_HASH` when there is one, else
    /// `DT_HASH`, as `dlsym` does.
    pub fn lookup(&self, name: &[u8]) -> Result<Option<u32>, Error> {
        self.lookup_version(name, VersionQuery::Default)
    }

    /// The index of the symbol this object defines as `name` in the
    /// version `query` asks for (see [`VersionQuery`]), as `dlvsym` does.
    pub fn lookup_version(
        &self,
        name: &[u8],
        query: VersionQuery<'_>,
    ) -> Result<Option<u32>, Error> {
        let table = if self.gnu.is_some() {
            HashTable::Gnu
        } else {
            HashTable::Sysv
        };
        self.lookup_in(table, name, query)
    }

    /// [`lookup_version`](Self::lookup_version) of `memcpy`,
    /// `memcpy@GLIBC_2.2.5` or `memcpy@@GLIBC_2.14` (see
    /// [`VersionQuery::split`]).
    pub fn lookup_spec(&self, spec: &[u8]) -> Result<Option<u32>, Error> {
        let (name, query) = VersionQuery::split(spec);
        self.lookup_version(name, query)
    }

    /// The lookup through one given table: `Missing` when the object has
    /// no such table.
    pub fn lookup_in(
        &self,
        table: HashTable,
        name: &[u8],
        query: VersionQuery<'_>,
    ) -> Result<Option<u32>, Error> {
        match table {
            HashTable::Gnu => {
                let gnu = self.gnu.ok_or(Error::Missing {
                    what: "DT_GNU_HASH",
                })?;
                for i in gnu.chain(gnu_hash(name)) {
                    if self.matches(i, name, query)? {
                        return Ok(Some(i));
                    }
                }
            }
            HashTable::Sysv => {
                let sysv = self.sysv.ok_or(Error::Missing { what: "DT_HASH" })?;
                for i in sysv.chain(sysv_hash(name)) {
                    let i = i?;
                    if self.matches(i, name, query)? {
                        return Ok(Some(i));
                    }
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::testkit::{Spec, build};
    use crate::elf::versions::VER_FLG_BASE;

    fn layouts() -> [(Class, Data); 4] {
        [
            (Class::Elf32, Data::Lsb),
            (Class::Elf32, Data::Msb),
            (Class::Elf64, Data::Lsb),
            (Class::Elf64, Data::Msb),
        ]
    }

    #[test]
    fn a_built_object_in_every_layout() {
        for (class, data) in layouts() {
            let spec = Spec::small(class, data);
            let f = build(&spec);
            let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
            assert_eq!(o.soname().unwrap(), Some(&b"libkit.so.1"[..]));
            assert_eq!(o.runpath().unwrap(), Some(&b"$ORIGIN/lib"[..]));
            assert_eq!(o.rpath().unwrap(), None);
            let needed: std::vec::Vec<_> = o.needed().map(|r| r.unwrap()).collect();
            assert_eq!(needed, [&b"libc.so.6"[..], b"libm.so.6"]);
            let syms = o.symbols().unwrap();
            assert_eq!(syms.len() as usize, f.symbols.len());
            assert_eq!(o.gnu_hash().unwrap().symbol_count(), syms.len());
            assert_eq!(o.sysv_hash().unwrap().symbol_count(), syms.len());
            // Every defined symbol is found by both tables at its index.
            for (i, s) in f.symbols.iter().enumerate() {
                let sym = syms.get(i as u32).unwrap();
                assert_eq!(o.symbol_name(&sym).unwrap(), s.name.as_slice());
                assert_eq!(sym.st_value, s.value);
                let spec = s.spec();
                for table in [HashTable::Gnu, HashTable::Sysv] {
                    let (name, query) = VersionQuery::split(&spec);
                    let got = o.lookup_in(table, name, query).unwrap();
                    assert_eq!(
                        got,
                        s.defined.then_some(i as u32),
                        "{class:?} {data:?} {table:?} {:?}",
                        std::string::String::from_utf8_lossy(&spec)
                    );
                }
            }
            // Versions: foo@@V2 is the default, foo@V1 hidden.
            let foo2 = o.lookup(b"foo").unwrap().unwrap();
            assert_eq!(o.lookup_spec(b"foo@@V2").unwrap(), Some(foo2));
            let foo1 = o.lookup_spec(b"foo@V1").unwrap().unwrap();
            assert_ne!(foo1, foo2);
            assert_eq!(o.lookup_spec(b"foo@@V1").unwrap(), None);
            assert_eq!(o.lookup_spec(b"foo@V3").unwrap(), None);
            let v = o.symbol_version(foo1).unwrap().unwrap();
            assert_eq!((v.name, v.hidden, v.file), (Some(&b"V1"[..]), true, None));
            let puts = f.symbols.iter().position(|s| s.name == b"puts").unwrap() as u32;
            let v = o.symbol_version(puts).unwrap().unwrap();
            assert_eq!(
                (v.name, v.file),
                (Some(&b"GLIBC_2.2.5"[..]), Some(&b"libc.so.6"[..]))
            );
            assert_eq!(
                o.lookup(b"puts").unwrap(),
                None,
                "undefined symbols are not found"
            );
            assert_eq!(o.lookup(b"nothing").unwrap(), None);
            let defs: std::vec::Vec<_> = o.verdefs().unwrap().map(|d| d.unwrap()).collect();
            let names: std::vec::Vec<_> = defs.iter().map(|d| d.name).collect();
            assert_eq!(names, [&b"libkit.so.1"[..], b"V1", b"V2"]);
            assert_eq!(defs[0].flags, VER_FLG_BASE);
            let parents: std::vec::Vec<_> = defs[2].parents().map(|p| p.unwrap()).collect();
            assert_eq!(parents, [&b"V1"[..]]);
            let needs: std::vec::Vec<_> = o.verneeds().unwrap().map(|n| n.unwrap()).collect();
            assert_eq!(needs.len(), 1);
            assert_eq!(needs[0].file, b"libc.so.6");
        }
    }

    #[test]
    fn memory_images_work_as_files_do() {
        let f = build(&Spec::small(Class::Elf64, Data::Msb));
        let h = Header::parse(&f.bytes).unwrap();
        let dynamic = h.dynamic(&f.bytes).unwrap().unwrap();
        let mem = crate::elf::MemoryImage::new(&f.bytes, crate::elf::testkit::VADDR_SHIFT);
        let o = DynamicObject::new(&h, dynamic, &mem).unwrap();
        assert!(o.lookup(b"foo").unwrap().is_some());
    }

    #[test]
    fn bad_dynamic_tables() {
        use crate::elf::testkit::VADDR_SHIFT;
        const UNKNOWN: i64 = 0x6000_0001;
        let err = |f: &crate::elf::testkit::Built| DynamicObject::from_file(&f.bytes).map(|_| ());
        for (class, data) in layouts() {
            let spec = Spec::small(class, data);
            let fresh = || build(&spec);
            let end = fresh().bytes.len() as u64 + VADDR_SHIFT;
            let ws = if class == Class::Elf64 { 8 } else { 4 };
            // A tag another needs is missing.
            for (tag, want) in [
                (DT_STRSZ, "DT_STRSZ"),
                (DT_VERDEFNUM, "DT_VERDEFNUM"),
                (DT_VERNEEDNUM, "DT_VERNEEDNUM"),
            ] {
                let mut f = fresh();
                f.set_dyn(&spec, tag, UNKNOWN, 0);
                assert_eq!(err(&f), Err(Error::Missing { what: want }));
            }
            let mut f = fresh();
            f.set_dyn(&spec, DT_HASH, UNKNOWN, 0);
            f.set_dyn(&spec, DT_GNU_HASH, UNKNOWN, 0);
            assert!(matches!(err(&f), Err(Error::Missing { .. })));
            // Without DT_HASH the GNU table counts the symbols alone.
            let mut f = fresh();
            f.set_dyn(&spec, DT_HASH, UNKNOWN, 0);
            let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
            assert_eq!(o.symbols().unwrap().len() as usize, f.symbols.len());
            assert_eq!(
                o.lookup_in(HashTable::Sysv, b"foo", VersionQuery::Default),
                Err(Error::Missing { what: "DT_HASH" })
            );
            assert!(o.lookup(b"bar").unwrap().is_some());
            // Addresses in no segment, tables past the segment's end.
            for tag in [
                DT_STRTAB,
                DT_SYMTAB,
                DT_HASH,
                DT_GNU_HASH,
                DT_VERSYM,
                DT_VERDEF,
                DT_VERNEED,
            ] {
                let mut f = fresh();
                f.set_dyn(&spec, tag, tag, 8);
                assert!(
                    matches!(err(&f), Err(Error::Unmapped { addr: 8, .. })),
                    "{tag:#x}"
                );
                let mut f = fresh();
                f.set_dyn(&spec, tag, tag, end - 2);
                let e = err(&f);
                if tag == DT_VERDEF || tag == DT_VERNEED {
                    // Their records are read when walked.
                    let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
                    let first = if tag == DT_VERDEF {
                        o.verdefs().unwrap().next().unwrap().map(|_| ())
                    } else {
                        o.verneeds().unwrap().next().unwrap().map(|_| ())
                    };
                    assert!(matches!(first, Err(Error::Truncated { .. })), "{tag:#x}");
                } else {
                    assert!(matches!(e, Err(Error::Truncated { .. })), "{tag:#x} {e:?}");
                }
            }
            let mut f = fresh();
            f.set_dyn(&spec, DT_STRSZ, DT_STRSZ, u64::MAX);
            assert!(matches!(err(&f), Err(Error::Truncated { .. })));
            let mut f = fresh();
            f.set_dyn(&spec, DT_SYMENT, DT_SYMENT, 8);
            assert_eq!(
                err(&f),
                Err(Error::BadEntrySize {
                    what: "symbol",
                    size: 8
                })
            );
            let mut f = fresh();
            f.set_dyn(&spec, DT_SYMENT, DT_SYMENT, u64::MAX);
            assert!(matches!(
                err(&f),
                Err(Error::Overflow { .. } | Error::Truncated { .. })
            ));
            // Hash tables: a GNU bucket below symoffset, a System V chain
            // that loops or leaves the table.
            let mut f = fresh();
            let bucket0 = f.at.gnu_hash + 16 + 2 * ws;
            f.poke(&spec, bucket0, 4, 1);
            assert!(matches!(err(&f), Err(Error::Invalid { .. })));
            let n = f.symbols.len();
            let chain = |i: usize| f.at.hash + 4 * (2 + 5 + i);
            let mut f2 = fresh();
            let (c2, c3) = (chain(2), chain(3));
            f2.poke(&spec, f2.at.hash + 8, 4, 2);
            f2.poke(&spec, f2.at.hash + 12, 4, 2);
            f2.poke(&spec, f2.at.hash + 16, 4, 2);
            f2.poke(&spec, f2.at.hash + 20, 4, 2);
            f2.poke(&spec, f2.at.hash + 24, 4, 2);
            f2.poke(&spec, c2, 4, 3);
            f2.poke(&spec, c3, 4, 2);
            let o = DynamicObject::from_file(&f2.bytes).unwrap().unwrap();
            assert!(matches!(
                o.lookup_in(HashTable::Sysv, b"nothing", VersionQuery::Default),
                Err(Error::Invalid { .. })
            ));
            let mut f2 = fresh();
            f2.poke(&spec, f2.at.hash + 8, 4, n as u64);
            f2.poke(&spec, f2.at.hash + 12, 4, n as u64);
            f2.poke(&spec, f2.at.hash + 16, 4, n as u64);
            f2.poke(&spec, f2.at.hash + 20, 4, n as u64);
            f2.poke(&spec, f2.at.hash + 24, 4, n as u64);
            let o = DynamicObject::from_file(&f2.bytes).unwrap().unwrap();
            assert!(matches!(
                o.lookup_in(HashTable::Sysv, b"foo", VersionQuery::Default),
                Err(Error::BadIndex { .. })
            ));
            // A name past the string table; a version index with a bad
            // definition behind it.
            let mut f = fresh();
            for i in 0..n {
                f.poke(
                    &spec,
                    f.at.dynsym + i * if ws == 8 { 24 } else { 16 },
                    4,
                    1 << 30,
                );
            }
            let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
            assert!(matches!(o.lookup(b"foo"), Err(Error::BadIndex { .. })));
            assert!(matches!(o.needed().next(), Some(Ok(_))));
            let mut f = fresh();
            f.poke(&spec, f.at.verdef, 2, 7); // vd_version
            let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
            assert!(matches!(
                o.lookup_spec(b"foo@V1"),
                Err(Error::Invalid {
                    what: "vd_version",
                    ..
                })
            ));
            assert!(matches!(o.symbol_version(3), Err(Error::Invalid { .. })));
            assert!(matches!(
                o.symbol_version(n as u32),
                Err(Error::BadIndex { .. })
            ));
            // A DT_NEEDED past the string table.
            let mut f = fresh();
            f.set_dyn(&spec, DT_NEEDED, DT_NEEDED, 1 << 20);
            let o = DynamicObject::from_file(&f.bytes).unwrap().unwrap();
            assert!(matches!(
                o.needed().next(),
                Some(Err(Error::BadIndex { .. }))
            ));
        }
    }
}
