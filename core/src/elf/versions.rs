//! Symbol versions: `DT_VERSYM` (one index per symbol), `DT_VERDEF` (the
//! versions an object defines) and `DT_VERNEED` (the versions it needs
//! from each library), what `readelf -V` shows.
//!
//! A symbol's index 0 is local, 1 global and unversioned; from 2 on it
//! names a definition (`vd_ndx`) or a need (`vna_other`). Bit 15 hides
//! it: `memcpy@GLIBC_2.2.5` in libc is hidden, so only a lookup that asks
//! for that version finds it, while a plain lookup finds the default
//! `memcpy@@GLIBC_2.14`. The records are chained by byte offsets; each
//! offset is checked, and a chain is walked no further than the count
//! the dynamic section (or the record) gives, so none can loop.
//!
//! # References
//! - [LSB, "Symbol Versioning"](https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html)

use super::{Data, Error, Fields, StringTable, add, get_at};

/// The iterator over a chain of `count` version records: each `next` reads
/// one with the type's `record`, and the first error ends the chain.
macro_rules! records {
    ($t:ident, $item:ty) => {
        impl<'a> Iterator for $t<'a> {
            type Item = Result<$item, Error>;

            fn next(&mut self) -> Option<Result<$item, Error>> {
                if self.left == 0 {
                    return None;
                }
                self.left -= 1;
                let r = self.record();
                if r.is_err() {
                    self.left = 0;
                }
                Some(r)
            }
        }
    };
}

/// `VER_NDX_LOCAL`: a local symbol.
pub const VER_NDX_LOCAL: u16 = 0;
/// `VER_NDX_GLOBAL`: a global symbol of no particular version.
pub const VER_NDX_GLOBAL: u16 = 1;
/// The hidden bit of a `DT_VERSYM` entry.
pub const VERSYM_HIDDEN: u16 = 0x8000;
/// `VER_FLG_BASE`: the definition that names the object itself.
pub const VER_FLG_BASE: u16 = 1;
/// `VER_FLG_WEAK`: a weak version reference.
pub const VER_FLG_WEAK: u16 = 2;

/// How [`DynamicObject::lookup_version`](super::DynamicObject::lookup_version)
/// picks among a name's versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionQuery<'q> {
    /// `name`: the default version (any symbol not hidden), as `dlsym`.
    Default,
    /// `name@VERSION`: that version, hidden or not, as `dlvsym`.
    Named(&'q [u8]),
    /// `name@@VERSION`: that version, and it must be the default.
    DefaultNamed(&'q [u8]),
}

impl<'q> VersionQuery<'q> {
    /// Splits `memcpy@GLIBC_2.14` (or `@@`, or a bare name) into the name
    /// and the query.
    ///
    /// # Example
    /// ```
    /// use strata_core::elf::VersionQuery;
    /// assert_eq!(
    ///     VersionQuery::split(b"memcpy@GLIBC_2.2.5"),
    ///     (&b"memcpy"[..], VersionQuery::Named(b"GLIBC_2.2.5"))
    /// );
    /// assert_eq!(VersionQuery::split(b"memcpy"), (&b"memcpy"[..], VersionQuery::Default));
    /// ```
    pub fn split(spec: &'q [u8]) -> (&'q [u8], VersionQuery<'q>) {
        match spec.iter().position(|&b| b == b'@') {
            None => (spec, VersionQuery::Default),
            Some(at) => match spec[at + 1..].strip_prefix(b"@") {
                Some(v) => (&spec[..at], VersionQuery::DefaultNamed(v)),
                None => (&spec[..at], VersionQuery::Named(&spec[at + 1..])),
            },
        }
    }
}

/// The version of one dynamic symbol, resolved to its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SymbolVersion<'a> {
    /// The index, without the hidden bit.
    pub index: u16,
    /// Bit 15: only a lookup naming this version finds the symbol.
    pub hidden: bool,
    /// The version's name (`None` for indices 0 and 1 unless a definition
    /// names index 1).
    pub name: Option<&'a [u8]>,
    /// For a needed version, the library it is needed from.
    pub file: Option<&'a [u8]>,
}

fn need<'a>(
    region: &'a [u8],
    at: u64,
    len: usize,
    what: &'static str,
) -> Result<Fields<'a>, Error> {
    // Not Data-aware yet: the caller sets `data`.
    let bytes = get_at(region, at, len).ok_or(Error::Truncated {
        what,
        need: at.saturating_add(len as u64),
        have: region.len() as u64,
    })?;
    Ok(Fields {
        bytes,
        data: Data::Lsb,
    })
}

fn next_offset(at: u64, next: u32, what: &'static str) -> Result<u64, Error> {
    add(at, u64::from(next), what)
}

/// One version definition (`Elf*_Verdef`) and its names.
#[derive(Clone, Debug)]
pub struct Verdef<'a> {
    /// `vd_flags`: [`VER_FLG_BASE`], [`VER_FLG_WEAK`].
    pub flags: u16,
    /// `vd_ndx`: the index symbols of this version carry.
    pub index: u16,
    /// `vd_cnt`: how many names follow (the version's, then parents').
    pub count: u16,
    /// `vd_hash`: [`sysv_hash`](super::sysv_hash) of the name.
    pub hash: u32,
    /// The version's name (the first `Elf*_Verdaux`).
    pub name: &'a [u8],
    /// Where this record is, from the start of `DT_VERDEF`.
    pub offset: u64,
    names: Names<'a>,
}

impl<'a> Verdef<'a> {
    /// The names of the versions this one inherits from (the second and
    /// later `Verdaux`).
    pub fn parents(&self) -> Names<'a> {
        let mut n = self.names.clone();
        let _ = n.next();
        n
    }
}

/// The names of a definition's `Verdaux` chain (see [`Verdef::parents`]).
#[derive(Clone, Debug)]
pub struct Names<'a> {
    region: &'a [u8],
    data: Data,
    strings: StringTable<'a>,
    at: u64,
    left: u16,
}

impl<'a> Names<'a> {
    fn record(&mut self) -> Result<&'a [u8], Error> {
        let mut f = need(self.region, self.at, 8, "Verdaux")?;
        f.data = self.data;
        let name = self.strings.get(u64::from(f.u32(0)))?;
        self.at = next_offset(self.at, f.u32(4), "vda_next")?;
        Ok(name)
    }
}

records!(Names, &'a [u8]);

/// The version definitions, in order (see
/// [`DynamicObject::verdefs`](super::DynamicObject::verdefs)).
#[derive(Clone, Debug)]
pub struct Verdefs<'a> {
    region: &'a [u8],
    data: Data,
    strings: StringTable<'a>,
    at: u64,
    left: u64,
}

impl<'a> Verdefs<'a> {
    /// `count` definitions at the start of `region` (the bytes from
    /// `DT_VERDEF` on), their names in `strings`.
    pub fn new(region: &'a [u8], data: Data, strings: StringTable<'a>, count: u64) -> Verdefs<'a> {
        Verdefs {
            region,
            data,
            strings,
            at: 0,
            left: count,
        }
    }

    fn record(&mut self) -> Result<Verdef<'a>, Error> {
        let mut f = need(self.region, self.at, 20, "Verdef")?;
        f.data = self.data;
        let version = f.u16(0);
        if version != 1 {
            return Err(Error::Invalid {
                what: "vd_version",
                value: u64::from(version),
            });
        }
        let count = f.u16(6);
        let mut names = Names {
            region: self.region,
            data: self.data,
            strings: self.strings,
            at: next_offset(self.at, f.u32(12), "vd_aux")?,
            left: count,
        };
        let name = names.clone().next().ok_or(Error::Invalid {
            what: "vd_cnt",
            value: 0,
        })??;
        let next = f.u32(16);
        let def = Verdef {
            flags: f.u16(2),
            index: f.u16(4),
            count,
            hash: f.u32(8),
            name,
            offset: self.at,
            names: {
                names.left = count;
                names
            },
        };
        if next == 0 && self.left > 0 {
            return Err(Error::Invalid {
                what: "vd_next 0 before the last of DT_VERDEFNUM",
                value: self.left,
            });
        }
        self.at = next_offset(self.at, next, "vd_next")?;
        Ok(def)
    }
}

records!(Verdefs, Verdef<'a>);

/// One needed version (`Elf*_Vernaux`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vernaux<'a> {
    /// `vna_hash`: [`sysv_hash`](super::sysv_hash) of the name.
    pub hash: u32,
    /// `vna_flags`: [`VER_FLG_WEAK`].
    pub flags: u16,
    /// `vna_other`: the index symbols needing this version carry.
    pub index: u16,
    /// The version's name.
    pub name: &'a [u8],
    /// Where this record is, from the start of `DT_VERNEED`.
    pub offset: u64,
}

/// The versions needed from one library (`Elf*_Verneed`).
#[derive(Clone, Debug)]
pub struct Verneed<'a> {
    /// The library's name (`vn_file`).
    pub file: &'a [u8],
    /// `vn_cnt`: how many versions.
    pub count: u16,
    /// Where this record is, from the start of `DT_VERNEED`.
    pub offset: u64,
    versions: Vernauxes<'a>,
}

impl<'a> Verneed<'a> {
    /// The versions needed from [`file`](Self::file).
    pub fn versions(&self) -> Vernauxes<'a> {
        self.versions.clone()
    }
}

/// The `Vernaux` chain of one [`Verneed`].
#[derive(Clone, Debug)]
pub struct Vernauxes<'a> {
    region: &'a [u8],
    data: Data,
    strings: StringTable<'a>,
    at: u64,
    left: u16,
}

impl<'a> Vernauxes<'a> {
    fn record(&mut self) -> Result<Vernaux<'a>, Error> {
        let mut f = need(self.region, self.at, 16, "Vernaux")?;
        f.data = self.data;
        let aux = Vernaux {
            hash: f.u32(0),
            flags: f.u16(4),
            index: f.u16(6),
            name: self.strings.get(u64::from(f.u32(8)))?,
            offset: self.at,
        };
        self.at = next_offset(self.at, f.u32(12), "vna_next")?;
        Ok(aux)
    }
}

records!(Vernauxes, Vernaux<'a>);

/// The libraries versions are needed from, in order (see
/// [`DynamicObject::verneeds`](super::DynamicObject::verneeds)).
#[derive(Clone, Debug)]
pub struct Verneeds<'a> {
    region: &'a [u8],
    data: Data,
    strings: StringTable<'a>,
    at: u64,
    left: u64,
}

impl<'a> Verneeds<'a> {
    /// `count` records at the start of `region` (the bytes from
    /// `DT_VERNEED` on), their names in `strings`.
    pub fn new(region: &'a [u8], data: Data, strings: StringTable<'a>, count: u64) -> Verneeds<'a> {
        Verneeds {
            region,
            data,
            strings,
            at: 0,
            left: count,
        }
    }

    fn record(&mut self) -> Result<Verneed<'a>, Error> {
        let mut f = need(self.region, self.at, 16, "Verneed")?;
        f.data = self.data;
        let version = f.u16(0);
        if version != 1 {
            return Err(Error::Invalid {
                what: "vn_version",
                value: u64::from(version),
            });
        }
        let count = f.u16(2);
        let n = Verneed {
            file: self.strings.get(u64::from(f.u32(4)))?,
            count,
            offset: self.at,
            versions: Vernauxes {
                region: self.region,
                data: self.data,
                strings: self.strings,
                at: next_offset(self.at, f.u32(8), "vn_aux")?,
                left: count,
            },
        };
        let next = f.u32(12);
        if next == 0 && self.left > 0 {
            return Err(Error::Invalid {
                what: "vn_next 0 before the last of DT_VERNEEDNUM",
                value: self.left,
            });
        }
        self.at = next_offset(self.at, next, "vn_next")?;
        Ok(n)
    }
}

records!(Verneeds, Verneed<'a>);

#[cfg(test)]
mod tests {
    use super::*;

    fn le(fields: &[(usize, u32)]) -> std::vec::Vec<u8> {
        let mut v = std::vec::Vec::new();
        for &(size, value) in fields {
            v.extend_from_slice(&value.to_le_bytes()[..size]);
        }
        v
    }

    #[test]
    fn split_specs() {
        assert_eq!(
            VersionQuery::split(b"a@@V"),
            (&b"a"[..], VersionQuery::DefaultNamed(b"V"))
        );
        assert_eq!(
            VersionQuery::split(b"a@"),
            (&b"a"[..], VersionQuery::Named(b""))
        );
    }

    #[test]
    fn bad_verdefs() {
        let strings = StringTable::new(b"\0lib.so\0V1\0", "s");
        // version, flags, ndx, cnt, hash, aux, next; then name, next.
        let good = le(&[
            (2, 1),
            (2, 1),
            (2, 1),
            (2, 1),
            (4, 0),
            (4, 20),
            (4, 0),
            (4, 1),
            (4, 0),
        ]);
        let defs: std::vec::Vec<_> = Verdefs::new(&good, Data::Lsb, strings, 1).collect();
        assert_eq!(defs.len(), 1);
        let d = defs[0].as_ref().unwrap();
        assert_eq!(
            (d.name, d.index, d.flags),
            (&b"lib.so"[..], 1, VER_FLG_BASE)
        );
        assert_eq!(d.parents().count(), 0);
        let cases = [
            (
                le(&[
                    (2, 2),
                    (2, 1),
                    (2, 1),
                    (2, 1),
                    (4, 0),
                    (4, 20),
                    (4, 0),
                    (4, 1),
                    (4, 0),
                ]),
                1,
                "vd_version",
            ),
            (
                le(&[(2, 1), (2, 1), (2, 1), (2, 0), (4, 0), (4, 20), (4, 0)]),
                1,
                "vd_cnt",
            ),
            (good.clone(), 2, "vd_next 0 before the last of DT_VERDEFNUM"),
            (
                le(&[
                    (2, 1),
                    (2, 1),
                    (2, 1),
                    (2, 1),
                    (4, 0),
                    (4, 20),
                    (4, 0),
                    (4, 99),
                    (4, 0),
                ]),
                1,
                "s",
            ),
            (
                le(&[
                    (2, 1),
                    (2, 1),
                    (2, 1),
                    (2, 1),
                    (4, 0),
                    (4, u32::MAX),
                    (4, 0),
                ]),
                1,
                "Verdaux",
            ),
            (good[..12].to_vec(), 1, "Verdef"),
        ];
        for (bytes, count, what) in cases {
            let mut it = Verdefs::new(&bytes, Data::Lsb, strings, count);
            let err = it.find_map(|r| r.err()).unwrap();
            let got = match err {
                Error::Invalid { what, .. }
                | Error::Truncated { what, .. }
                | Error::BadIndex { what, .. } => what,
                e => panic!("{e:?}"),
            };
            assert_eq!(got, what);
            assert!(it.next().is_none(), "an error ends the walk");
        }
        // A count far beyond the records never loops.
        let looping = le(&[
            (2, 1),
            (2, 0),
            (2, 2),
            (2, 1),
            (4, 0),
            (4, 20),
            (4, 0),
            (4, 8),
            (4, 0),
        ]);
        let n = Verdefs::new(&looping, Data::Lsb, strings, u64::MAX)
            .take(5)
            .count();
        assert_eq!(n, 1);
    }

    #[test]
    fn bad_verneeds() {
        let strings = StringTable::new(b"\0libc.so.6\0G\0", "s");
        // version, cnt, file, aux, next; then hash, flags, other, name, next.
        let good = le(&[
            (2, 1),
            (2, 1),
            (4, 1),
            (4, 16),
            (4, 0),
            (4, 7),
            (2, 0),
            (2, 3),
            (4, 11),
            (4, 0),
        ]);
        let n: std::vec::Vec<_> = Verneeds::new(&good, Data::Lsb, strings, 1)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(n[0].file, b"libc.so.6");
        let v: std::vec::Vec<_> = n[0].versions().map(|r| r.unwrap()).collect();
        assert_eq!((v[0].name, v[0].index, v[0].hash), (&b"G"[..], 3, 7));
        let bad_version = le(&[(2, 0), (2, 1), (4, 1), (4, 16), (4, 0)]);
        assert!(matches!(
            Verneeds::new(&bad_version, Data::Lsb, strings, 1).next(),
            Some(Err(Error::Invalid {
                what: "vn_version",
                ..
            }))
        ));
        assert!(matches!(
            Verneeds::new(&good, Data::Lsb, strings, 2).next(),
            Some(Err(Error::Invalid { .. }))
        ));
        let bad_aux = le(&[
            (2, 1),
            (2, 2),
            (4, 1),
            (4, 16),
            (4, 0),
            (4, 7),
            (2, 0),
            (2, 3),
            (4, 11),
            (4, 100),
        ]);
        let n = Verneeds::new(&bad_aux, Data::Lsb, strings, 1)
            .next()
            .unwrap()
            .unwrap();
        let r: std::vec::Vec<_> = n.versions().collect();
        assert!(
            r[0].is_ok()
                && matches!(
                    r[1],
                    Err(Error::Truncated {
                        what: "Vernaux",
                        ..
                    })
                )
        );
        let bad_file = le(&[(2, 1), (2, 0), (4, 99), (4, 16), (4, 0)]);
        assert!(matches!(
            Verneeds::new(&bad_file, Data::Lsb, strings, 1).next(),
            Some(Err(Error::BadIndex { .. }))
        ));
    }
}
