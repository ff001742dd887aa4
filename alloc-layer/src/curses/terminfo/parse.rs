//! The compiled entry format of term(5): legacy (magic 0432, 16-bit
//! numbers) and 32-bit (magic 01036), with ncurses' extended section.
//!
//! Every count and offset is checked against the bytes there are; a
//! defect is a [`ParseError`] value, never a panic.

use super::names::{BOOLEANS, NUMBERS, STRINGS};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

const MAGIC_LEGACY: u16 = 0o432;
const MAGIC_32BIT: u16 = 0o1036;

/// The part of a compiled entry a [`ParseError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The 12-byte header.
    Header,
    /// The terminal names.
    Names,
    /// The boolean flags.
    Booleans,
    /// The numbers.
    Numbers,
    /// The string offsets.
    Strings,
    /// The string table.
    StringTable,
    /// The extended section's 10-byte header.
    ExtHeader,
    /// The extended booleans.
    ExtBooleans,
    /// The extended numbers.
    ExtNumbers,
    /// The extended string offsets.
    ExtStrings,
    /// The extended name offsets.
    ExtNames,
    /// The extended string table.
    ExtStringTable,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Names => "names section",
            Section::Booleans => "booleans section",
            Section::Numbers => "numbers section",
            Section::Strings => "string offsets",
            Section::StringTable => "string table",
            Section::ExtHeader => "extended header",
            Section::ExtBooleans => "extended booleans",
            Section::ExtNumbers => "extended numbers",
            Section::ExtStrings => "extended string offsets",
            Section::ExtNames => "extended name offsets",
            Section::ExtStringTable => "extended string table",
        }
    }
}

/// Why a compiled terminfo entry (term(5)) could not be read.
///
/// Python has no counterpart: its `setupterm` reports every such entry
/// as `could not find terminal`, which [`setupterm`](super::setupterm)
/// does too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The magic number is neither 0432 (legacy) nor 01036 (32-bit).
    BadMagic(u16),
    /// A count or size in a header is negative.
    NegativeCount {
        /// The section the count belongs to.
        section: Section,
        /// The value read.
        value: i16,
    },
    /// A section runs past the end of the data.
    Truncated {
        /// The section cut short.
        section: Section,
        /// Bytes it needs.
        needed: usize,
        /// Bytes left.
        available: usize,
    },
    /// A string or name offset points outside its string table.
    OffsetOutOfRange {
        /// The table the offset is into.
        section: Section,
        /// The offset's index within its section.
        index: usize,
        /// The offset read.
        offset: usize,
        /// The table's size.
        size: usize,
    },
    /// A string or name has no NUL before the end of its table.
    Unterminated {
        /// The table the string is in.
        section: Section,
        /// The offset it starts at.
        offset: usize,
    },
    /// An extended capability name is not UTF-8.
    BadName {
        /// The offset of the name.
        offset: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::BadMagic(m) => write!(f, "bad terminfo magic number {m:#o}"),
            ParseError::NegativeCount { section, value } => {
                write!(f, "negative count {value} for the {}", section.name())
            }
            ParseError::Truncated {
                section,
                needed,
                available,
            } => write!(
                f,
                "terminfo {} truncated: needs {needed} bytes, {available} left",
                section.name()
            ),
            ParseError::OffsetOutOfRange {
                section,
                index,
                offset,
                size,
            } => write!(
                f,
                "offset {offset} (entry {index}) past the end of the {} ({size} bytes)",
                section.name()
            ),
            ParseError::Unterminated { section, offset } => {
                write!(
                    f,
                    "unterminated string at offset {offset} of the {}",
                    section.name()
                )
            }
            ParseError::BadName { offset } => {
                write!(
                    f,
                    "extended capability name at offset {offset} is not UTF-8"
                )
            }
        }
    }
}

impl core::error::Error for ParseError {}

/// An extended (user-defined) capability's value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ext {
    Flag(bool),
    Number(Option<i32>),
    Str(Option<Vec<u8>>),
}

/// A parsed compiled terminfo entry: what ncurses' `setupterm` loads as
/// `cur_term` (term(5), terminfo(5)).
///
/// Lookups are by terminfo short name (`"am"`, `"colors"`, `"cup"`), the
/// names Python's `curses.tigetflag`, `tigetnum` and `tigetstr` take;
/// extended capabilities (`"Tc"`, `"RGB"`, `"kUP5"`) included.
///
/// ```
/// use strata_alloc::curses::Terminfo;
///
/// assert!(Terminfo::parse(b"\x1a\x01").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terminfo {
    names: Vec<u8>,
    flags: Vec<bool>,
    numbers: Vec<Option<i32>>,
    strings: Vec<Option<Vec<u8>>>,
    ext: Vec<(String, Ext)>,
}

/// A cursor over the entry's bytes, which checks every read.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, section: Section) -> Result<&'a [u8], ParseError> {
        let available = self.data.len() - self.pos;
        if n > available {
            return Err(ParseError::Truncated {
                section,
                needed: n,
                available,
            });
        }
        let out = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    /// term(5): sections after the booleans start on an even offset.
    fn align(&mut self) {
        if self.pos % 2 == 1 && self.pos < self.data.len() {
            self.pos += 1;
        }
    }

    /// A header count (truncation is the header's; negative, `section`'s).
    fn count(&mut self, header: Section, section: Section) -> Result<usize, ParseError> {
        let b = self.take(2, header)?;
        let value = i16::from_le_bytes([b[0], b[1]]);
        usize::try_from(value).map_err(|_| ParseError::NegativeCount { section, value })
    }
}

fn shorts(b: &[u8]) -> impl DoubleEndedIterator<Item = i16> + '_ {
    b.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]]))
}

/// Numbers: -1 absent, -2 cancelled; ncurses keeps only values >= 0.
fn numbers(b: &[u8], wide: bool) -> Vec<Option<i32>> {
    let valid = |n: i32| (n >= 0).then_some(n);
    if wide {
        b.chunks_exact(4)
            .map(|c| valid(i32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect()
    } else {
        shorts(b).map(|n| valid(i32::from(n))).collect()
    }
}

/// The NUL-terminated string at `offset` of `table`.
fn cstr(table: &[u8], offset: usize, section: Section) -> Result<&[u8], ParseError> {
    let rest = &table[offset..];
    match rest.iter().position(|&b| b == 0) {
        Some(end) => Ok(&rest[..end]),
        None => Err(ParseError::Unterminated { section, offset }),
    }
}

/// Resolves string offsets (negative: absent or cancelled) into `table`.
fn strings(
    offsets: &[u8],
    table: &[u8],
    section: Section,
) -> Result<Vec<Option<Vec<u8>>>, ParseError> {
    shorts(offsets)
        .enumerate()
        .map(|(index, off)| {
            let Ok(offset) = usize::try_from(off) else {
                return Ok(None);
            };
            if offset >= table.len() {
                return Err(ParseError::OffsetOutOfRange {
                    section,
                    index,
                    offset,
                    size: table.len(),
                });
            }
            cstr(table, offset, section).map(|s| Some(s.to_vec()))
        })
        .collect()
}

impl Terminfo {
    /// Parses a compiled entry (term(5)), legacy or 32-bit, with its
    /// extended section if there is one. ncurses' `_nc_read_termtype`;
    /// Python reads entries only through `setupterm`.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the first defect: bad magic, a negative
    /// count, a section past the end, an offset outside its table.
    pub fn parse(data: &[u8]) -> Result<Terminfo, ParseError> {
        let mut r = Reader { data, pos: 0 };
        let m = r.take(2, Section::Header)?;
        let wide = match u16::from_le_bytes([m[0], m[1]]) {
            MAGIC_LEGACY => false,
            MAGIC_32BIT => true,
            other => return Err(ParseError::BadMagic(other)),
        };
        let width = if wide { 4 } else { 2 };
        let names_size = r.count(Section::Header, Section::Names)?;
        let bool_count = r.count(Section::Header, Section::Booleans)?;
        let num_count = r.count(Section::Header, Section::Numbers)?;
        let str_count = r.count(Section::Header, Section::Strings)?;
        let table_size = r.count(Section::Header, Section::StringTable)?;

        let names_raw = r.take(names_size, Section::Names)?;
        let names = names_raw.split(|&b| b == 0).next().unwrap_or(&[]).to_vec();
        let flags = r
            .take(bool_count, Section::Booleans)?
            .iter()
            .map(|&b| b == 1)
            .collect();
        r.align();
        let numbers = numbers(r.take(num_count * width, Section::Numbers)?, wide);
        let offsets = r.take(str_count * 2, Section::Strings)?;
        let table = r.take(table_size, Section::StringTable)?;
        let strings = strings(offsets, table, Section::StringTable)?;
        let mut entry = Terminfo {
            names,
            flags,
            numbers,
            strings,
            ext: Vec::new(),
        };

        r.align();
        // ncurses writes no extended section when there are no extended caps.
        if r.data.len() - r.pos >= 10 {
            entry.ext = extended(&mut r, width)?;
        }
        Ok(entry)
    }

    /// The names field: the terminal's names separated by `|`, the last
    /// one its description (e.g. `xterm|xterm terminal emulator (X Window
    /// System)`). ncurses' `termname()`/`longname()` split it; term(5).
    pub fn names(&self) -> &[u8] {
        &self.names
    }

    /// The boolean capability `cap` (`"am"`): `None` if `cap` is no
    /// boolean capability, standard or extended, of this entry;
    /// `Some(false)` if absent or cancelled. Python's `curses.tigetflag`
    /// gives -1, 0 and 1 for these (terminfo(5)).
    pub fn flag(&self, cap: &str) -> Option<bool> {
        if let Some(i) = BOOLEANS.iter().position(|&n| n == cap) {
            return Some(self.flags.get(i).copied().unwrap_or(false));
        }
        self.ext.iter().find_map(|(n, v)| match v {
            Ext::Flag(b) if n == cap => Some(*b),
            _ => None,
        })
    }

    /// The numeric capability `cap` (`"colors"`): `None` if absent,
    /// cancelled, or not a numeric capability; Python's
    /// `curses.tigetnum` (terminfo(5)).
    pub fn number(&self, cap: &str) -> Option<i32> {
        if let Some(i) = NUMBERS.iter().position(|&n| n == cap) {
            return self.numbers.get(i).copied().flatten();
        }
        self.ext.iter().find_map(|(n, v)| match v {
            Ext::Number(x) if n == cap => *x,
            _ => None,
        })
    }

    /// The string capability `cap` (`"cup"`), undecoded (padding and
    /// `%` parameters as in the entry): `None` if absent, cancelled, or
    /// not a string capability; Python's `curses.tigetstr`
    /// (terminfo(5)).
    pub fn string(&self, cap: &str) -> Option<&[u8]> {
        if let Some(i) = STRINGS.iter().position(|&n| n == cap) {
            return self.strings.get(i).and_then(|s| s.as_deref());
        }
        self.ext.iter().find_map(|(n, v)| match v {
            Ext::Str(s) if n == cap => s.as_deref(),
            _ => None,
        })
    }

    /// The extended string capabilities with a value, in the entry's
    /// order (`("kUP5", b"\x1b[1;5A")`): ncurses gives the `k…` ones key
    /// codes past `KEY_MAX` in this order.
    pub fn extended_strings(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.ext.iter().filter_map(|(n, v)| match v {
            Ext::Str(Some(s)) => Some((n.as_str(), s.as_slice())),
            _ => None,
        })
    }

    /// ncurses' `_nc_get_screensize`: `lines` and `cols` become the
    /// given size where known, else stay the entry's, else 24 and 80.
    pub(super) fn set_screen_size(&mut self, lines: Option<i32>, cols: Option<i32>) {
        if self.numbers.len() < 3 {
            self.numbers.resize(3, None);
        }
        // cols is number 0, lines number 2.
        self.numbers[0] = cols.or(self.numbers[0]).or(Some(80));
        self.numbers[2] = lines.or(self.numbers[2]).or(Some(24));
    }

    /// The kind of `cap` in this entry: whether it names a boolean (0),
    /// numeric (1) or string (2) capability, for Python's -1/-2 results.
    pub(super) fn kind(&self, cap: &str) -> Option<u8> {
        if BOOLEANS.contains(&cap) {
            return Some(0);
        }
        if NUMBERS.contains(&cap) {
            return Some(1);
        }
        if STRINGS.contains(&cap) {
            return Some(2);
        }
        self.ext
            .iter()
            .find(|(n, _)| n == cap)
            .map(|(_, v)| match v {
                Ext::Flag(_) => 0,
                Ext::Number(_) => 1,
                Ext::Str(_) => 2,
            })
    }
}

/// ncurses' extended section: five counts, booleans, (aligned) numbers,
/// string offsets, name offsets, then one table holding the string values
/// and after them the names, whose offsets count from the end of the
/// last string value.
fn extended(r: &mut Reader<'_>, width: usize) -> Result<Vec<(String, Ext)>, ParseError> {
    let bools = r.count(Section::ExtHeader, Section::ExtHeader)?;
    let nums = r.count(Section::ExtHeader, Section::ExtHeader)?;
    let strs = r.count(Section::ExtHeader, Section::ExtHeader)?;
    // The count of strings present + names; the offsets are what matter.
    let _items = r.count(Section::ExtHeader, Section::ExtHeader)?;
    let table_size = r.count(Section::ExtHeader, Section::ExtHeader)?;
    let names_count = bools + nums + strs;
    let flags = r.take(bools, Section::ExtBooleans)?;
    r.align();
    let numbers = numbers(r.take(nums * width, Section::ExtNumbers)?, width == 4);
    let str_offsets = r.take(strs * 2, Section::ExtStrings)?;
    let name_offsets = r.take(names_count * 2, Section::ExtNames)?;
    let table = r.take(table_size, Section::ExtStringTable)?;
    let values = strings(str_offsets, table, Section::ExtStringTable)?;

    // As ncurses: the names begin after the last string value present.
    let mut base = 0;
    for off in shorts(str_offsets).rev() {
        if let Ok(off) = usize::try_from(off) {
            base = off + cstr(table, off, Section::ExtStringTable)?.len() + 1;
            break;
        }
    }
    let names_table = &table[base.min(table.len())..];
    let mut names = Vec::with_capacity(names_count);
    for (index, off) in shorts(name_offsets).enumerate() {
        let offset = usize::try_from(off).unwrap_or(usize::MAX);
        if offset >= names_table.len() {
            return Err(ParseError::OffsetOutOfRange {
                section: Section::ExtNames,
                index,
                offset,
                size: names_table.len(),
            });
        }
        let name = cstr(names_table, offset, Section::ExtNames)?;
        let name = core::str::from_utf8(name).map_err(|_| ParseError::BadName { offset })?;
        names.push(String::from(name));
    }

    let values = flags
        .iter()
        .map(|&b| Ext::Flag(b == 1))
        .chain(numbers.into_iter().map(Ext::Number))
        .chain(values.into_iter().map(Ext::Str));
    Ok(names.into_iter().zip(values).collect())
}
