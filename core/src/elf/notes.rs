//! Notes (`PT_NOTE` segments, `SHT_NOTE` sections): the GNU build id, the
//! ABI tag, properties. What `readelf -n` shows.
//!
//! A note is three 4-byte words (`n_namesz`, `n_descsz`, `n_type`) in
//! either class, then the name and the descriptor, each padded to the
//! note's alignment: 4, or 8 for the segments whose `p_align` is 8 (GNU
//! property notes), as binutils reads them.
//!
//! # References
//! - [elf(5), "Notes"](https://man7.org/linux/man-pages/man5/elf.5.html)

use super::sections::SHT_NOTE;
use super::{Data, Error, Fields, Header, PT_NOTE, get_at, slice};

/// `NT_GNU_ABI_TAG`: the oldest kernel the object runs on.
pub const NT_GNU_ABI_TAG: u32 = 1;
/// `NT_GNU_BUILD_ID`: the build id bitstring.
pub const NT_GNU_BUILD_ID: u32 = 3;
/// `NT_GNU_PROPERTY_TYPE_0`: program properties.
pub const NT_GNU_PROPERTY_TYPE_0: u32 = 5;

/// One note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note<'a> {
    /// The owner's name, without its NUL (`GNU`).
    pub name: &'a [u8],
    /// `n_type`: [`NT_GNU_BUILD_ID`], ...
    pub kind: u32,
    /// The descriptor.
    pub desc: &'a [u8],
}

/// The notes in one segment or section, in order; the first malformed
/// one is an error and ends them.
///
/// # Example
/// ```
/// use strata_core::elf::{Data, Notes};
/// // namesz 4, descsz 2, type 3, "GNU\0", then 2 bytes padded to 4.
/// let bytes = b"\x04\0\0\0\x02\0\0\0\x03\0\0\0GNU\0\xab\xcd\0\0";
/// let note = Notes::new(bytes, Data::Lsb, 4).unwrap().next().unwrap().unwrap();
/// assert_eq!((note.name, note.kind, note.desc), (&b"GNU"[..], 3, &b"\xab\xcd"[..]));
/// ```
#[derive(Clone, Debug)]
pub struct Notes<'a> {
    bytes: &'a [u8],
    data: Data,
    align: u64,
    at: u64,
}

fn align_up(v: u64, align: u64) -> Option<u64> {
    v.checked_add(align - 1).map(|v| v & !(align - 1))
}

impl<'a> Notes<'a> {
    /// The notes in `bytes`, aligned to `align` (0, 1 and 4 mean 4; 8 is
    /// 8; anything else is `Invalid`).
    pub fn new(bytes: &'a [u8], data: Data, align: u64) -> Result<Notes<'a>, Error> {
        let align = match align {
            0 | 1 | 4 => 4,
            8 => 8,
            a => {
                return Err(Error::Invalid {
                    what: "note alignment",
                    value: a,
                });
            }
        };
        Ok(Notes {
            bytes,
            data,
            align,
            at: 0,
        })
    }

    fn note(&mut self) -> Result<Note<'a>, Error> {
        let len = self.bytes.len() as u64;
        let truncated = |need: u64| Error::Truncated {
            what: "note",
            need,
            have: len,
        };
        let head = get_at(self.bytes, self.at, 12).ok_or(truncated(self.at.saturating_add(12)))?;
        let f = Fields {
            bytes: head,
            data: self.data,
        };
        let (namesz, descsz, kind) = (u64::from(f.u32(0)), u64::from(f.u32(4)), f.u32(8));
        let overflow = Error::Overflow { what: "note" };
        let name_at = self.at + 12;
        let desc_at = align_up(name_at + namesz, self.align).ok_or(overflow)?;
        let desc_end = desc_at.checked_add(descsz).ok_or(overflow)?;
        let next = align_up(desc_end, self.align).ok_or(overflow)?;
        let name =
            get_at(self.bytes, name_at, namesz as usize).ok_or(truncated(name_at + namesz))?;
        let desc = get_at(self.bytes, desc_at, descsz as usize).ok_or(truncated(desc_end))?;
        // The last note's padding may be cut off at the end.
        self.at = next.min(len);
        let name = match name.split_last() {
            Some((0, rest)) => rest,
            _ => name,
        };
        Ok(Note { name, kind, desc })
    }
}

impl<'a> Iterator for Notes<'a> {
    type Item = Result<Note<'a>, Error>;

    fn next(&mut self) -> Option<Result<Note<'a>, Error>> {
        if self.at >= self.bytes.len() as u64 {
            return None;
        }
        let r = self.note();
        if r.is_err() {
            self.at = u64::MAX;
        }
        Some(r)
    }
}

impl Header {
    /// The first note for which `pick` returns something, looking in the
    /// `PT_NOTE` segments, or in the `SHT_NOTE` sections of a file that
    /// has no program headers.
    pub fn find_note<'a, T>(
        &self,
        file: &'a [u8],
        mut pick: impl FnMut(&Note<'a>) -> Option<T>,
    ) -> Result<Option<T>, Error> {
        let mut segments = 0;
        for ph in self.program_headers(file)? {
            if ph.p_type != PT_NOTE {
                continue;
            }
            segments += 1;
            let bytes = slice(file, ph.p_offset, ph.p_filesz, "PT_NOTE")?;
            for note in Notes::new(bytes, self.data, ph.p_align)? {
                if let Some(t) = pick(&note?) {
                    return Ok(Some(t));
                }
            }
        }
        if segments > 0 || self.e_phnum > 0 {
            return Ok(None);
        }
        let sections = self.sections(file)?;
        for sh in sections.iter().filter(|sh| sh.sh_type == SHT_NOTE) {
            for note in Notes::new(sections.data_of(&sh)?, self.data, sh.sh_addralign)? {
                if let Some(t) = pick(&note?) {
                    return Ok(Some(t));
                }
            }
        }
        Ok(None)
    }

    /// The GNU build id (`NT_GNU_BUILD_ID` from owner `GNU`), what
    /// `readelf -n` prints as "Build ID".
    ///
    /// # Example
    /// ```no_run
    /// use strata_core::elf::Header;
    /// let file = std::fs::read("/lib/x86_64-linux-gnu/libc.so.6").unwrap();
    /// let id = Header::parse(&file)?.build_id(&file)?.unwrap();
    /// assert_eq!(id.len(), 20);
    /// # Ok::<(), strata_core::elf::Error>(())
    /// ```
    pub fn build_id<'a>(&self, file: &'a [u8]) -> Result<Option<&'a [u8]>, Error> {
        self.find_note(file, |n| {
            (n.name == b"GNU" && n.kind == NT_GNU_BUILD_ID).then_some(n.desc)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elf::testkit::{Spec, build};
    use crate::elf::{Class, Data};

    #[test]
    fn notes_and_the_build_id_in_every_layout() {
        for class in [Class::Elf32, Class::Elf64] {
            for data in [Data::Lsb, Data::Msb] {
                let f = build(&Spec::small(class, data));
                let h = Header::parse(&f.bytes).unwrap();
                assert_eq!(h.build_id(&f.bytes).unwrap(), Some(f.build_id.as_slice()));
                let kinds = h.find_note(&f.bytes, |n| {
                    (n.name == b"Xyz12").then_some((n.kind, n.desc))
                });
                assert_eq!(kinds.unwrap(), Some((7, &[1u8, 2, 3][..])));
                // Without program headers, from the sections.
                let bare = Header { e_phnum: 0, ..h };
                assert_eq!(
                    bare.build_id(&f.bytes).unwrap(),
                    Some(f.build_id.as_slice())
                );
            }
        }
    }

    #[test]
    fn bad_notes() {
        fn n(b: &[u8], align: u64) -> std::vec::Vec<Result<Note<'_>, Error>> {
            Notes::new(b, Data::Lsb, align).unwrap().collect()
        }
        assert!(Notes::new(b"", Data::Lsb, 2).is_err());
        assert_eq!(n(b"", 4).len(), 0);
        assert!(matches!(
            n(b"\x04\0\0\0", 4)[0],
            Err(Error::Truncated { .. })
        ));
        // A name or descriptor past the end, or of absurd size.
        assert!(matches!(
            n(b"\x08\0\0\0\0\0\0\0\0\0\0\0GNU\0", 4)[0],
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            n(b"\0\0\0\0\x05\0\0\0\0\0\0\0GNU\0", 4)[0],
            Err(Error::Truncated { .. })
        ));
        let huge = n(b"\xff\xff\xff\xff\xff\xff\xff\xff\0\0\0\0", 8);
        assert_eq!(huge.len(), 1);
        assert!(huge[0].is_err());
        // Alignment 8: the descriptor starts 8-aligned.
        let b = b"\x04\0\0\0\x08\0\0\0\x05\0\0\0GNU\0\x01\x02\x03\x04\x05\x06\x07\x08";
        let notes = n(b, 8);
        assert_eq!(notes[0].unwrap().desc, b"\x01\x02\x03\x04\x05\x06\x07\x08");
        let notes = n(b"\x02\0\0\0\x01\0\0\0\x05\0\0\0A\0\0\0\x09", 8);
        assert_eq!(notes[0].unwrap().desc, b"\x09");
    }
}
