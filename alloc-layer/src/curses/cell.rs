//! One cell of a window or of the screen: a spacing character with up to
//! four combining marks, its attributes and its colour pair, as ncurses'
//! `cchar_t` (`CCHARW_MAX` is 5).

use super::attr::{A_ATTRIBUTES, A_CHARTEXT, A_COLOR, pair_number};

/// Characters one cell holds: the spacing one and its combining marks.
pub(crate) const CCHARW_MAX: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// `text[0]` is the spacing character; the rest are combining marks,
    /// `'\0'` where unused.
    pub text: [char; CCHARW_MAX],
    /// Attribute bits (`A_*` without [`A_COLOR`]).
    pub attr: u32,
    pub pair: u16,
    pub kind: Kind,
}

/// Whether a cell is a whole character or one half of a wide one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Narrow,
    /// The left cell of a two-cell character.
    WideLeft,
    /// The right cell of a two-cell character: drawn by its left cell.
    WideRight,
}

impl Cell {
    pub(crate) const BLANK: Cell = Cell::new(' ', 0, 0);

    pub(crate) const fn new(ch: char, attr: u32, pair: u16) -> Cell {
        Cell {
            text: [ch, '\0', '\0', '\0', '\0'],
            attr,
            pair,
            kind: Kind::Narrow,
        }
    }

    /// A `chtype`: the character in its low byte, pair and attributes
    /// above (what `inch` returns, and what `addch` and `bkgd` take).
    pub(crate) fn from_chtype(ch: u32) -> Cell {
        let c = char::from((ch & A_CHARTEXT) as u8);
        Cell::new(c, ch & A_ATTRIBUTES & !A_COLOR, u16::from(pair_number(ch)))
    }

    /// This cell as a `chtype`, Python's `inch()`: characters past one
    /// byte keep their low byte, as ncurses' `winch` does.
    pub(crate) fn chtype(&self) -> u32 {
        let pair = u32::from(self.pair.min(255)) << 8;
        (u32::from(self.text[0]) & A_CHARTEXT) | self.attr | pair
    }

    pub(crate) fn ch(&self) -> char {
        self.text[0]
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text[0] == ' ' && self.text[1] == '\0' && self.kind == Kind::Narrow
    }

    /// Adds a combining mark; false when the cell has no room left.
    pub(crate) fn combine(&mut self, mark: char) -> bool {
        match self.text.iter_mut().skip(1).find(|c| **c == '\0') {
            Some(slot) => {
                *slot = mark;
                true
            }
            None => false,
        }
    }

    /// The characters, spacing one first.
    pub(crate) fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.text.iter().copied().take_while(|&c| c != '\0')
    }
}
