//! Attributes, colours and the alternate character set: Python's `A_*`,
//! `COLOR_*` and `ACS_*` constants, `color_pair` and `pair_number`.
//!
//! A character with attributes is a `chtype` as in ncurses: the character
//! in the low byte ([`A_CHARTEXT`]), a colour pair in the next
//! ([`A_COLOR`]), attribute bits above.

/// `curses.A_NORMAL`.
pub const A_NORMAL: u32 = 0;
/// `curses.A_CHARTEXT`: the character's bits of a `chtype`.
pub const A_CHARTEXT: u32 = 0xff;
/// `curses.A_COLOR`: the colour pair's bits of a `chtype`.
pub const A_COLOR: u32 = 0xff00;
/// `curses.A_ATTRIBUTES`: every bit but the character's.
pub const A_ATTRIBUTES: u32 = 0xffff_ff00;
/// `curses.A_STANDOUT`: the terminal's best highlighting.
pub const A_STANDOUT: u32 = 0x1_0000;
/// `curses.A_UNDERLINE`.
pub const A_UNDERLINE: u32 = 0x2_0000;
/// `curses.A_REVERSE`.
pub const A_REVERSE: u32 = 0x4_0000;
/// `curses.A_BLINK`.
pub const A_BLINK: u32 = 0x8_0000;
/// `curses.A_DIM`.
pub const A_DIM: u32 = 0x10_0000;
/// `curses.A_BOLD`.
pub const A_BOLD: u32 = 0x20_0000;
/// `curses.A_ALTCHARSET`: the character is one of the line-drawing set
/// (see [`ACS_ULCORNER`] …).
pub const A_ALTCHARSET: u32 = 0x40_0000;
/// `curses.A_INVIS`.
pub const A_INVIS: u32 = 0x80_0000;
/// `curses.A_PROTECT`.
pub const A_PROTECT: u32 = 0x100_0000;
/// `curses.A_HORIZONTAL` (no terminal in terminfo shows it).
pub const A_HORIZONTAL: u32 = 0x200_0000;
/// `curses.A_LEFT`.
pub const A_LEFT: u32 = 0x400_0000;
/// `curses.A_LOW`.
pub const A_LOW: u32 = 0x800_0000;
/// `curses.A_RIGHT`.
pub const A_RIGHT: u32 = 0x1000_0000;
/// `curses.A_TOP`.
pub const A_TOP: u32 = 0x2000_0000;
/// `curses.A_VERTICAL`.
pub const A_VERTICAL: u32 = 0x4000_0000;
/// `curses.A_ITALIC`.
pub const A_ITALIC: u32 = 0x8000_0000;

/// `curses.COLOR_BLACK`.
pub const COLOR_BLACK: i16 = 0;
/// `curses.COLOR_RED`.
pub const COLOR_RED: i16 = 1;
/// `curses.COLOR_GREEN`.
pub const COLOR_GREEN: i16 = 2;
/// `curses.COLOR_YELLOW`.
pub const COLOR_YELLOW: i16 = 3;
/// `curses.COLOR_BLUE`.
pub const COLOR_BLUE: i16 = 4;
/// `curses.COLOR_MAGENTA`.
pub const COLOR_MAGENTA: i16 = 5;
/// `curses.COLOR_CYAN`.
pub const COLOR_CYAN: i16 = 6;
/// `curses.COLOR_WHITE`.
pub const COLOR_WHITE: i16 = 7;

/// `curses.color_pair(pair)`—the attribute bits that select colour pair
/// `pair` (0–255 fit in a `chtype`).
///
/// ```
/// use strata_alloc::curses::{color_pair, pair_number, A_BOLD};
///
/// assert_eq!(color_pair(3), 0x300);
/// assert_eq!(pair_number(color_pair(3) | A_BOLD), 3);
/// ```
#[doc(alias = "curses.color_pair")]
pub const fn color_pair(pair: u8) -> u32 {
    (pair as u32) << 8
}

/// `curses.pair_number(attr)`—the colour pair in `attr`'s [`A_COLOR`] bits.
#[doc(alias = "curses.pair_number")]
pub const fn pair_number(attr: u32) -> u8 {
    ((attr & A_COLOR) >> 8) as u8
}

macro_rules! acs {
    ($($(#[$doc:meta])* $name:ident = $ch:literal;)*) => {
        $( $(#[$doc])* pub const $name: u32 = A_ALTCHARSET | $ch as u32; )*
    };
}

acs! {
    /// `curses.ACS_ULCORNER`: ┌.
    ACS_ULCORNER = b'l';
    /// `curses.ACS_LLCORNER`: └.
    ACS_LLCORNER = b'm';
    /// `curses.ACS_URCORNER`: ┐.
    ACS_URCORNER = b'k';
    /// `curses.ACS_LRCORNER`: ┘.
    ACS_LRCORNER = b'j';
    /// `curses.ACS_LTEE`: ├.
    ACS_LTEE = b't';
    /// `curses.ACS_RTEE`: ┤.
    ACS_RTEE = b'u';
    /// `curses.ACS_BTEE`: ┴.
    ACS_BTEE = b'v';
    /// `curses.ACS_TTEE`: ┬.
    ACS_TTEE = b'w';
    /// `curses.ACS_HLINE`: ─.
    ACS_HLINE = b'q';
    /// `curses.ACS_VLINE`: │.
    ACS_VLINE = b'x';
    /// `curses.ACS_PLUS`: ┼.
    ACS_PLUS = b'n';
    /// `curses.ACS_S1`: scan line 1 (⎺).
    ACS_S1 = b'o';
    /// `curses.ACS_S3`: scan line 3 (⎻).
    ACS_S3 = b'p';
    /// `curses.ACS_S7`: scan line 7 (⎼).
    ACS_S7 = b'r';
    /// `curses.ACS_S9`: scan line 9 (⎽).
    ACS_S9 = b's';
    /// `curses.ACS_DIAMOND`: ◆.
    ACS_DIAMOND = b'`';
    /// `curses.ACS_CKBOARD`: ▒.
    ACS_CKBOARD = b'a';
    /// `curses.ACS_DEGREE`: °.
    ACS_DEGREE = b'f';
    /// `curses.ACS_PLMINUS`: ±.
    ACS_PLMINUS = b'g';
    /// `curses.ACS_BULLET`: ·.
    ACS_BULLET = b'~';
    /// `curses.ACS_LARROW`: ←.
    ACS_LARROW = b',';
    /// `curses.ACS_RARROW`: →.
    ACS_RARROW = b'+';
    /// `curses.ACS_DARROW`: ↓.
    ACS_DARROW = b'.';
    /// `curses.ACS_UARROW`: ↑.
    ACS_UARROW = b'-';
    /// `curses.ACS_BOARD`: a board of squares (#).
    ACS_BOARD = b'h';
    /// `curses.ACS_LANTERN`: a lantern (☃ on some terminals).
    ACS_LANTERN = b'i';
    /// `curses.ACS_BLOCK`: █.
    ACS_BLOCK = b'0';
    /// `curses.ACS_LEQUAL`: ≤.
    ACS_LEQUAL = b'y';
    /// `curses.ACS_GEQUAL`: ≥.
    ACS_GEQUAL = b'z';
    /// `curses.ACS_PI`: π.
    ACS_PI = b'{';
    /// `curses.ACS_NEQUAL`: ≠.
    ACS_NEQUAL = b'|';
    /// `curses.ACS_STERLING`: £.
    ACS_STERLING = b'}';
    /// `curses.ACS_BSSB`, another name of [`ACS_ULCORNER`].
    ACS_BSSB = b'l';
    /// `curses.ACS_SSBB`, another name of [`ACS_LLCORNER`].
    ACS_SSBB = b'm';
    /// `curses.ACS_BBSS`, another name of [`ACS_URCORNER`].
    ACS_BBSS = b'k';
    /// `curses.ACS_SBBS`, another name of [`ACS_LRCORNER`].
    ACS_SBBS = b'j';
    /// `curses.ACS_SBSS`, another name of [`ACS_RTEE`].
    ACS_SBSS = b'u';
    /// `curses.ACS_SSSB`, another name of [`ACS_LTEE`].
    ACS_SSSB = b't';
    /// `curses.ACS_SSBS`, another name of [`ACS_BTEE`].
    ACS_SSBS = b'v';
    /// `curses.ACS_BSSS`, another name of [`ACS_TTEE`].
    ACS_BSSS = b'w';
    /// `curses.ACS_BSBS`, another name of [`ACS_HLINE`].
    ACS_BSBS = b'q';
    /// `curses.ACS_SBSB`, another name of [`ACS_VLINE`].
    ACS_SBSB = b'x';
    /// `curses.ACS_SSSS`, another name of [`ACS_PLUS`].
    ACS_SSSS = b'n';
}

/// The Unicode character for a line-drawing character, where the terminal
/// is told to draw them as Unicode: lib_wacs.c's table.
pub(crate) fn acs_unicode(ch: u8) -> Option<char> {
    Some(match ch {
        b'l' => '\u{250c}',
        b'm' => '\u{2514}',
        b'k' => '\u{2510}',
        b'j' => '\u{2518}',
        b't' => '\u{251c}',
        b'u' => '\u{2524}',
        b'v' => '\u{2534}',
        b'w' => '\u{252c}',
        b'q' => '\u{2500}',
        b'x' => '\u{2502}',
        b'n' => '\u{253c}',
        b'o' => '\u{23ba}',
        b's' => '\u{23bd}',
        b'`' => '\u{25c6}',
        b'a' => '\u{2592}',
        b'f' => '\u{00b0}',
        b'g' => '\u{00b1}',
        b'~' => '\u{00b7}',
        b',' => '\u{2190}',
        b'+' => '\u{2192}',
        b'.' => '\u{2193}',
        b'-' => '\u{2191}',
        b'h' => '\u{2592}',
        b'i' => '\u{2603}',
        b'0' => '\u{25ae}',
        b'p' => '\u{23bb}',
        b'r' => '\u{23bc}',
        b'y' => '\u{2264}',
        b'z' => '\u{2265}',
        b'{' => '\u{03c0}',
        b'|' => '\u{2260}',
        b'}' => '\u{00a3}',
        _ => return None,
    })
}

/// What ncurses draws for a line-drawing character when the terminal has
/// no alternate character set (`acsc`): lib_acs.c's ASCII fallbacks.
pub(crate) fn acs_fallback(ch: u8) -> u8 {
    match ch {
        b'l' | b'm' | b'k' | b'j' | b'u' | b't' | b'v' | b'w' | b'n' | b'`' => b'+',
        b'q' | b'o' | b'p' | b'r' => b'-',
        b's' => b'_',
        b'x' => b'|',
        b'a' => b':',
        b'f' => b'\'',
        b'g' | b'h' | b'i' | b'0' => b'#',
        b'~' => b'o',
        b',' | b'y' => b'<',
        b'+' | b'z' => b'>',
        b'.' => b'v',
        b'-' => b'^',
        b'{' => b'*',
        b'|' => b'!',
        b'}' => b'f',
        other => other,
    }
}
