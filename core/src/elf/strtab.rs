//! String tables (`SHT_STRTAB`, `DT_STRTAB`): NUL-terminated names found
//! by their offset.

use super::Error;

/// A string table: `get(offset)` is the name starting there.
///
/// # Example
/// ```
/// use strata_core::elf::StringTable;
/// let t = StringTable::new(b"\0libc.so.6\0", "dynamic string table");
/// assert_eq!(t.get(1).unwrap(), b"libc.so.6");
/// assert_eq!(t.get(5).unwrap(), b".so.6");
/// assert!(t.get(11).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StringTable<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> StringTable<'a> {
    /// The table in `bytes`; `what` names it in errors.
    pub fn new(bytes: &'a [u8], what: &'static str) -> StringTable<'a> {
        StringTable { bytes, what }
    }

    /// The table's bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The string at `offset`, without its NUL: `BadIndex` past the
    /// table, `Unterminated` when no NUL follows before its end.
    pub fn get(&self, offset: u64) -> Result<&'a [u8], Error> {
        let tail = usize::try_from(offset)
            .ok()
            .and_then(|at| self.bytes.get(at..))
            .filter(|t| !t.is_empty())
            .ok_or(Error::BadIndex {
                what: self.what,
                index: offset,
                count: self.bytes.len() as u64,
            })?;
        let end = tail
            .iter()
            .position(|&b| b == 0)
            .ok_or(Error::Unterminated { what: self.what })?;
        Ok(&tail[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_checked() {
        let t = StringTable::new(b"\0ab\0cd", "t");
        assert_eq!(t.get(0).unwrap(), b"");
        assert_eq!(t.get(1).unwrap(), b"ab");
        assert_eq!(t.get(4), Err(Error::Unterminated { what: "t" }));
        assert_eq!(
            t.get(6),
            Err(Error::BadIndex {
                what: "t",
                index: 6,
                count: 6
            })
        );
        assert!(t.get(u64::MAX).is_err());
        assert!(StringTable::new(b"", "t").get(0).is_err());
    }
}
