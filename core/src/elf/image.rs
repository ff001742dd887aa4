//! Where the tables the dynamic section points at are read from.
//!
//! `DT_SYMTAB`, `DT_GNU_HASH`, `DT_VERDEF`... hold virtual addresses. In a
//! file they are found through the `PT_LOAD` program headers
//! ([`FileImage`]); in an object a loader has mapped they are found in
//! memory ([`MemoryImage`]). Both answer the one question of
//! [`AddressSpace`], so the parsers in [`symbols`](super::symbols) work on
//! either. Python has no counterpart.

use super::{Error, Header, PT_LOAD, ProgramHeaders, add};

/// Readable bytes at virtual addresses.
///
/// # Example
/// ```
/// use strata_core::elf::{AddressSpace, MemoryImage};
/// let image = [1u8, 2, 3, 4];
/// let space = MemoryImage::new(&image, 0x1000);
/// assert_eq!(space.bytes(0x1001, 2, "test").unwrap(), &[2, 3]);
/// assert!(space.bytes(0x2000, 1, "test").is_err());
/// ```
pub trait AddressSpace<'a> {
    /// The bytes from `addr` to the end of the region that holds it, or
    /// `None` when no region does.
    fn tail(&self, addr: u64) -> Option<&'a [u8]>;

    /// `len` bytes at `addr`: `Unmapped` when no region holds `addr`,
    /// `Truncated` when the region ends sooner. `what` names the table in
    /// the error.
    fn bytes(&self, addr: u64, len: u64, what: &'static str) -> Result<&'a [u8], Error> {
        let tail = self.tail(addr).ok_or(Error::Unmapped { what, addr })?;
        match usize::try_from(len) {
            Ok(n) if n <= tail.len() => Ok(&tail[..n]),
            _ => Err(Error::Truncated {
                what,
                need: len,
                have: tail.len() as u64,
            }),
        }
    }
}

/// A file's bytes seen at the addresses its `PT_LOAD` segments give them
/// (only the part each segment has in the file: `p_filesz`, not
/// `p_memsz`).
#[derive(Clone, Debug)]
pub struct FileImage<'a> {
    file: &'a [u8],
    phdrs: ProgramHeaders<'a>,
}

impl<'a> FileImage<'a> {
    /// The address space of `file`, whose header is `header`.
    ///
    /// # Example
    /// ```no_run
    /// use strata_core::elf::{FileImage, Header};
    /// # let file: &[u8] = &[];
    /// let header = Header::parse(file)?;
    /// let image = FileImage::new(file, &header)?;
    /// # Ok::<(), strata_core::elf::Error>(())
    /// ```
    pub fn new(file: &'a [u8], header: &Header) -> Result<FileImage<'a>, Error> {
        Ok(FileImage {
            file,
            phdrs: header.program_headers(file)?,
        })
    }

    /// The file offset of virtual address `addr`, if a `PT_LOAD` segment
    /// has it in the file.
    pub fn offset(&self, addr: u64) -> Option<u64> {
        self.phdrs.clone().find_map(|ph| {
            let end = ph.p_vaddr.checked_add(ph.p_filesz)?;
            if ph.p_type != PT_LOAD || addr < ph.p_vaddr || addr >= end {
                return None;
            }
            ph.p_offset.checked_add(addr - ph.p_vaddr)
        })
    }
}

impl<'a> AddressSpace<'a> for FileImage<'a> {
    fn tail(&self, addr: u64) -> Option<&'a [u8]> {
        self.phdrs.clone().find_map(|ph| {
            let end = add(ph.p_vaddr, ph.p_filesz, "PT_LOAD").ok()?;
            if ph.p_type != PT_LOAD || addr < ph.p_vaddr || addr >= end {
                return None;
            }
            let start = usize::try_from(ph.p_offset.checked_add(addr - ph.p_vaddr)?).ok()?;
            // A segment that runs past the end of the file is cut there.
            let stop = usize::try_from(ph.p_offset.checked_add(ph.p_filesz)?)
                .unwrap_or(usize::MAX)
                .min(self.file.len());
            self.file.get(start..stop)
        })
    }
}

/// An image already in memory: `bytes` holds the addresses from `base`
/// on (for a loaded object, the mapping from its lowest segment, with
/// `base` that segment's `p_vaddr`).
#[derive(Clone, Copy, Debug)]
pub struct MemoryImage<'a> {
    bytes: &'a [u8],
    base: u64,
}

impl<'a> MemoryImage<'a> {
    /// `bytes`, seen from address `base` on.
    pub fn new(bytes: &'a [u8], base: u64) -> MemoryImage<'a> {
        MemoryImage { bytes, base }
    }
}

impl<'a> AddressSpace<'a> for MemoryImage<'a> {
    fn tail(&self, addr: u64) -> Option<&'a [u8]> {
        let at = usize::try_from(addr.checked_sub(self.base)?).ok()?;
        if at >= self.bytes.len() {
            return None;
        }
        Some(&self.bytes[at..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::testkit::{Spec, build};
    use crate::elf::{Class, Data};

    #[test]
    fn file_addresses_go_through_pt_load() {
        let spec = Spec::small(Class::Elf64, Data::Lsb);
        let f = build(&spec);
        let h = Header::parse(&f.bytes).unwrap();
        let image = FileImage::new(&f.bytes, &h).unwrap();
        // The kit maps file offset o at address o + VADDR_SHIFT.
        let shift = crate::elf::testkit::VADDR_SHIFT;
        assert_eq!(image.offset(shift + 4), Some(4));
        assert_eq!(image.offset(3), None);
        assert_eq!(image.bytes(shift, 4, "magic").unwrap(), b"\x7fELF");
        assert_eq!(
            image.bytes(7, 1, "nowhere"),
            Err(Error::Unmapped {
                what: "nowhere",
                addr: 7
            })
        );
        let len = f.bytes.len() as u64;
        assert!(matches!(
            image.bytes(shift, len + 1, "all"),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            image.bytes(shift, u64::MAX, "all"),
            Err(Error::Truncated { .. })
        ));
        // Cut the file short: the segment ends where the file does.
        let cut = &f.bytes[..300];
        let image = FileImage::new(cut, &h).unwrap();
        assert_eq!(image.tail(shift).unwrap().len(), 300);
        assert_eq!(image.tail(shift + 300), Some(&[][..]));
        assert!(matches!(
            image.bytes(shift + 300, 1, "x"),
            Err(Error::Truncated { .. })
        ));
    }

    #[test]
    fn memory_addresses_are_offsets_from_the_base() {
        let m = MemoryImage::new(b"abc", 10);
        assert_eq!(m.tail(11), Some(&b"bc"[..]));
        assert_eq!(m.tail(13), None);
        assert_eq!(m.tail(9), None);
        assert_eq!(m.tail(u64::MAX), None);
    }
}
