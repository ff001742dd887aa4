//! The symbol hash tables: System V's `DT_HASH` and GNU's `DT_GNU_HASH`.
//!
//! Both map a name to the few symbol indices that may hold it; the caller
//! compares names (and versions). The GNU table first tests a Bloom
//! filter, as glibc's `dl-lookup.c` does, so that most misses read one
//! word. Either table also gives the number of dynamic symbols, which the
//! dynamic section does not.
//!
//! Every count, bucket and chain index is checked when the table is
//! parsed or walked: a bucket pointing past the chain, a chain that
//! loops, a table longer than its segment are [`Error`]s.
//!
//! # References
//! - [System V gABI, "Hash Table"](https://refspecs.linuxfoundation.org/elf/gabi4+/ch5.dynamic.html#hash)
//! - [glibc `elf/dl-lookup.c`](https://sourceware.org/git/?p=glibc.git;a=blob;f=elf/dl-lookup.c)

use super::{AddressSpace, Class, Data, Error, Fields, add, get_at, mul};

/// The System V hash of `name` (`elf_hash` in the gABI).
///
/// # Example
/// ```
/// assert_eq!(strata_core::elf::sysv_hash(b"printf"), 0x0779_05a6);
/// ```
pub fn sysv_hash(name: &[u8]) -> u32 {
    let mut h: u32 = 0;
    for &c in name {
        h = (h << 4).wrapping_add(u32::from(c));
        let g = h & 0xf000_0000;
        h ^= g >> 24;
        h &= !g;
    }
    h
}

/// The GNU hash of `name` (`dl_new_hash` in glibc: djb2, `h * 33 + c`).
///
/// # Example
/// ```
/// assert_eq!(strata_core::elf::gnu_hash(b""), 5381);
/// assert_eq!(strata_core::elf::gnu_hash(b"printf"), 0x156b_2bb8);
/// ```
pub fn gnu_hash(name: &[u8]) -> u32 {
    name.iter().fold(5381u32, |h, &c| {
        h.wrapping_mul(33).wrapping_add(u32::from(c))
    })
}

/// A `DT_HASH` table: `nbucket`, `nchain`, the buckets, the chains.
#[derive(Clone, Copy, Debug)]
pub struct SysvHash<'a> {
    table: &'a [u8],
    data: Data,
    entry: usize,
    nbucket: u64,
    nchain: u32,
}

impl<'a> SysvHash<'a> {
    /// The table at `addr` in `space`. `entry` is 4, or 8 on 64-bit s390
    /// and Alpha (see [`SysvHash::entry_size`]).
    pub fn parse(
        space: &impl AddressSpace<'a>,
        addr: u64,
        data: Data,
        entry: usize,
    ) -> Result<SysvHash<'a>, Error> {
        let what = "DT_HASH table";
        let head = space.bytes(addr, 2 * entry as u64, what)?;
        let mut t = SysvHash {
            table: head,
            data,
            entry,
            nbucket: 0,
            nchain: 0,
        };
        let nbucket = t.entry(0);
        let nchain = t.entry(1);
        if nbucket == 0 {
            return Err(Error::Invalid {
                what: "DT_HASH nbucket",
                value: 0,
            });
        }
        t.nchain = u32::try_from(nchain).map_err(|_| Error::Invalid {
            what: "DT_HASH nchain",
            value: nchain,
        })?;
        let n = add(add(2, nbucket, what)?, nchain, what)?;
        t.table = space.bytes(addr, mul(n, entry as u64, what)?, what)?;
        t.nbucket = nbucket;
        Ok(t)
    }

    /// The entry size of `DT_HASH` for a machine and class: 8 bytes on
    /// 64-bit s390 and on Alpha (their `Elf_Symndx` is 64-bit), 4 on the
    /// rest.
    pub fn entry_size(machine: u16, class: Class) -> usize {
        match (machine, class) {
            (super::EM_S390 | super::EM_ALPHA, Class::Elf64) => 8,
            _ => 4,
        }
    }

    fn entry(&self, i: u64) -> u64 {
        let f = Fields {
            bytes: self.table,
            data: self.data,
        };
        // Callers keep i below 2 + nbucket + nchain, the table's length.
        let at = i as usize * self.entry;
        match self.entry {
            8 => f.u64(at),
            _ => u64::from(f.u32(at)),
        }
    }

    /// `nchain`: the number of symbols in the dynamic symbol table.
    pub fn symbol_count(&self) -> u32 {
        self.nchain
    }

    /// `nbucket`.
    pub fn bucket_count(&self) -> u64 {
        self.nbucket
    }

    /// The symbol indices on the chain for hash `h` (see [`sysv_hash`]):
    /// an index past `nchain`, or a chain longer than `nchain` (a loop),
    /// is an error and ends the walk.
    pub fn chain(&self, h: u32) -> SysvChain<'a> {
        SysvChain {
            table: *self,
            next: self.entry(2 + u64::from(h) % self.nbucket),
            steps: 0,
        }
    }
}

/// The walk of one `DT_HASH` chain (see [`SysvHash::chain`]).
#[derive(Clone, Debug)]
pub struct SysvChain<'a> {
    table: SysvHash<'a>,
    next: u64,
    steps: u32,
}

impl Iterator for SysvChain<'_> {
    type Item = Result<u32, Error>;

    fn next(&mut self) -> Option<Result<u32, Error>> {
        let i = self.next;
        if i == 0 {
            return None;
        }
        self.next = 0;
        let nchain = self.table.nchain;
        if i >= u64::from(nchain) {
            return Some(Err(Error::BadIndex {
                what: "DT_HASH chain index",
                index: i,
                count: u64::from(nchain),
            }));
        }
        if self.steps >= nchain {
            return Some(Err(Error::Invalid {
                what: "DT_HASH chain loops at index",
                value: i,
            }));
        }
        self.steps += 1;
        self.next = self.table.entry(2 + self.table.nbucket + i);
        Some(Ok(i as u32))
    }
}

/// A `DT_GNU_HASH` table: its header, Bloom filter, buckets and the
/// chain of hashes of the hashed symbols (those from `symoffset` on).
#[derive(Clone, Copy, Debug)]
pub struct GnuHash<'a> {
    class: Class,
    data: Data,
    symoffset: u32,
    bloom_shift: u32,
    bloom: &'a [u8],
    buckets: &'a [u8],
    chain: &'a [u8],
    count: u32,
}

impl<'a> GnuHash<'a> {
    /// The table at `addr` in `space`. Its length is not recorded
    /// anywhere: the chains are walked to the end of the last bucket's,
    /// which also gives the symbol count.
    pub fn parse(
        space: &impl AddressSpace<'a>,
        addr: u64,
        class: Class,
        data: Data,
    ) -> Result<GnuHash<'a>, Error> {
        let what = "DT_GNU_HASH table";
        let head = space.bytes(addr, 16, what)?;
        let tail = space.tail(addr).unwrap_or(head);
        let f = Fields { bytes: head, data };
        let (nbuckets, symoffset, bloom_size, bloom_shift) =
            (f.u32(0), f.u32(4), f.u32(8), f.u32(12));
        if nbuckets == 0 {
            return Err(Error::Invalid {
                what: "DT_GNU_HASH nbuckets",
                value: 0,
            });
        }
        // glibc masks the word index with bloom_size - 1.
        if !bloom_size.is_power_of_two() {
            return Err(Error::Invalid {
                what: "DT_GNU_HASH bloom size",
                value: u64::from(bloom_size),
            });
        }
        if bloom_shift >= 32 {
            return Err(Error::Invalid {
                what: "DT_GNU_HASH bloom shift",
                value: u64::from(bloom_shift),
            });
        }
        let word = match class {
            Class::Elf32 => 4,
            Class::Elf64 => 8,
        };
        let bloom_len = mul(u64::from(bloom_size), word, what)?;
        let buckets_at = add(16, bloom_len, what)?;
        let chain_at = add(buckets_at, 4 * u64::from(nbuckets), what)?;
        let all = space.bytes(addr, chain_at, what)?;
        let mut t = GnuHash {
            class,
            data,
            symoffset,
            bloom_shift,
            bloom: &all[16..buckets_at as usize],
            buckets: &all[buckets_at as usize..],
            chain: &[],
            count: symoffset,
        };
        let mut last = 0;
        for b in 0..nbuckets {
            let start = t.bucket(b);
            if start != 0 && start < symoffset {
                return Err(Error::Invalid {
                    what: "DT_GNU_HASH bucket below symoffset",
                    value: u64::from(start),
                });
            }
            last = last.max(start);
        }
        let chain = &tail[chain_at as usize..];
        if last != 0 {
            // Walk the last chain to its end (the entry with bit 0 set).
            let mut i = last;
            loop {
                let at = 4 * u64::from(i - symoffset);
                let entry = get_at(chain, at, 4).ok_or(Error::Truncated {
                    what: "DT_GNU_HASH chain",
                    need: chain_at + at + 4,
                    have: tail.len() as u64,
                })?;
                if (Fields { bytes: entry, data }).u32(0) & 1 == 1 {
                    break;
                }
                i = i.checked_add(1).ok_or(Error::Overflow {
                    what: "DT_GNU_HASH chain",
                })?;
            }
            t.count = i.checked_add(1).ok_or(Error::Overflow {
                what: "DT_GNU_HASH chain",
            })?;
        }
        // The walk above read up to here.
        t.chain = &chain[..4 * (t.count - symoffset) as usize];
        Ok(t)
    }

    fn bucket(&self, b: u32) -> u32 {
        Fields {
            bytes: self.buckets,
            data: self.data,
        }
        .u32(4 * b as usize)
    }

    fn bucket_count(&self) -> u32 {
        (self.buckets.len() / 4) as u32
    }

    /// The number of dynamic symbols: one past the end of the last chain
    /// (or `symoffset` when every bucket is empty).
    pub fn symbol_count(&self) -> u32 {
        self.count
    }

    /// `symoffset`: the index of the first hashed symbol.
    pub fn symoffset(&self) -> u32 {
        self.symoffset
    }

    /// Whether the Bloom filter lets hash `h` through (`false`: no symbol
    /// has this hash).
    pub fn bloom_may_contain(&self, h: u32) -> bool {
        let f = Fields {
            bytes: self.bloom,
            data: self.data,
        };
        let words = match self.class {
            Class::Elf32 => self.bloom.len() / 4,
            Class::Elf64 => self.bloom.len() / 8,
        } as u32;
        let bits = if self.class == Class::Elf32 { 32 } else { 64 };
        let i = ((h / bits) & (words - 1)) as usize;
        let word = match self.class {
            Class::Elf32 => u64::from(f.u32(4 * i)),
            Class::Elf64 => f.u64(8 * i),
        };
        let mask = (1u64 << (h % bits)) | (1u64 << ((h >> self.bloom_shift) % bits));
        word & mask == mask
    }

    /// The symbol indices whose hash is `h` (see [`gnu_hash`]), after the
    /// Bloom filter.
    pub fn chain(&self, h: u32) -> GnuChain<'a> {
        let next = if self.bloom_may_contain(h) {
            self.bucket(h % self.bucket_count())
        } else {
            0
        };
        GnuChain {
            table: *self,
            h,
            next,
        }
    }
}

/// The symbols of one `DT_GNU_HASH` chain with a given hash (see
/// [`GnuHash::chain`]).
#[derive(Clone, Debug)]
pub struct GnuChain<'a> {
    table: GnuHash<'a>,
    h: u32,
    next: u32,
}

impl Iterator for GnuChain<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        while self.next != 0 {
            let i = self.next;
            // Parsing checked every bucket is at least symoffset and that
            // the chains end inside the table.
            let at = 4 * u64::from(i.checked_sub(self.table.symoffset)?);
            let bytes = get_at(self.table.chain, at, 4)?;
            let c = Fields {
                bytes,
                data: self.table.data,
            }
            .u32(0);
            self.next = if c & 1 == 0 { i + 1 } else { 0 };
            if (c ^ self.h) >> 1 == 0 {
                return Some(i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::MemoryImage;

    #[test]
    fn hash_functions() {
        assert_eq!(sysv_hash(b""), 0);
        assert_eq!(sysv_hash(b"printf"), 0x0779_05a6);
        assert_eq!(gnu_hash(b"printf"), 0x156b_2bb8);
        // Long names fold the high nibble back in.
        assert_eq!(
            sysv_hash(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") >> 28,
            0
        );
    }

    fn words(v: &[u32]) -> std::vec::Vec<u8> {
        v.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    #[test]
    fn bad_sysv_tables() {
        let parse = |v: &[u32]| {
            let b = words(v);
            SysvHash::parse(&MemoryImage::new(&b, 0), 0, Data::Lsb, 4).map(|t| t.symbol_count())
        };
        assert_eq!(parse(&[1, 2, 1, 0, 0]), Ok(2));
        assert!(matches!(
            parse(&[0, 2, 1, 0, 0]),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(parse(&[1, 9, 1, 0]), Err(Error::Truncated { .. })));
        assert!(matches!(parse(&[1]), Err(Error::Truncated { .. })));
        assert!(matches!(
            parse(&[u32::MAX, u32::MAX]),
            Err(Error::Truncated { .. })
        ));
        let b = words(&[1, 0, 0]);
        let b64: std::vec::Vec<u8> = [1u64, u64::MAX]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        assert!(SysvHash::parse(&MemoryImage::new(&b, 0), 0, Data::Lsb, 4).is_ok());
        assert!(matches!(
            SysvHash::parse(&MemoryImage::new(&b64, 0), 0, Data::Lsb, 8),
            Err(Error::Invalid { .. })
        ));
        // A bucket past nchain, a chain entry past it, a loop.
        for (v, want) in [
            (&[1u32, 2, 5, 0, 0][..], "index"),
            (&[1, 2, 1, 0, 7][..], "index"),
            (&[1, 2, 1, 0, 1][..], "loop"),
        ] {
            let b = words(v);
            let t = SysvHash::parse(&MemoryImage::new(&b, 0), 0, Data::Lsb, 4).unwrap();
            let err = t.chain(0).find_map(|r| r.err()).unwrap();
            match want {
                "index" => assert!(matches!(err, Error::BadIndex { .. })),
                _ => assert!(matches!(err, Error::Invalid { .. })),
            }
            assert!(t.chain(0).take(10).count() <= 3);
        }
    }

    #[test]
    fn bad_gnu_tables() {
        let parse = |v: &[u32]| {
            let b = words(v);
            GnuHash::parse(&MemoryImage::new(&b, 0), 0, Class::Elf32, Data::Lsb)
                .map(|t| t.symbol_count())
        };
        // nbuckets, symoffset, bloom_size, bloom_shift, bloom, buckets, chain
        assert_eq!(parse(&[1, 1, 1, 5, !0, 1, 3]), Ok(2));
        assert_eq!(parse(&[1, 1, 1, 5, !0, 1, 2, 4, 5]), Ok(4));
        assert_eq!(parse(&[1, 3, 1, 5, 0, 0]), Ok(3));
        for v in [
            &[0, 1, 1, 5, 0][..],
            &[1, 1, 3, 5, 0, 0, 0, 0][..],
            &[1, 1, 0, 5, 0][..],
            &[1, 1, 1, 32, 0, 0][..],
            &[1, 2, 1, 5, 0, 1, 3][..],
        ] {
            assert!(matches!(parse(v), Err(Error::Invalid { .. })), "{v:?}");
        }
        // The last chain never ends; the table is past its region.
        assert!(matches!(
            parse(&[1, 1, 1, 5, !0, 1, 2, 4]),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            parse(&[4, 1, 1, 5, 0]),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            parse(&[1, 1, 1 << 31, 5]),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(parse(&[1, 1]), Err(Error::Truncated { .. })));
        // The Bloom filter turns a miss away before the buckets.
        let b = words(&[1, 1, 1, 5, 0, 1, 3]);
        let t = GnuHash::parse(&MemoryImage::new(&b, 0), 0, Class::Elf32, Data::Lsb).unwrap();
        assert!(!t.bloom_may_contain(3));
        assert_eq!(t.chain(3).count(), 0);
        let b = words(&[1, 1, 1, 5, !0, 1, 3]);
        let t = GnuHash::parse(&MemoryImage::new(&b, 0), 0, Class::Elf32, Data::Lsb).unwrap();
        assert_eq!(t.chain(3).collect::<std::vec::Vec<_>>(), [1]);
        assert_eq!(t.chain(2).collect::<std::vec::Vec<_>>(), [1]);
        assert_eq!(t.chain(5).count(), 0);
    }
}
