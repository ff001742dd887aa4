//! Colour pairs and colours: `start_color`, `init_pair`, `init_color` and
//! the queries, as ncurses 6.4 keeps them.

use super::caps::Caps;
use super::{Error, err, with_screen};
use alloc::vec::Vec;

/// The eight basic colours' RGB values (0–1000) that ncurses assumes
/// before `init_color`, for `color_content` (lib_color.c's `cga_palette`).
const CGA: [(i16, i16, i16); 8] = [
    (0, 0, 0),
    (680, 0, 0),
    (0, 680, 0),
    (680, 680, 0),
    (0, 0, 680),
    (680, 0, 680),
    (0, 680, 680),
    (680, 680, 680),
];

pub(crate) struct Colors {
    pub started: bool,
    /// `use_default_colors()`: -1 is the terminal's own colour.
    pub default_colors: bool,
    /// Pair 0: white on black after `start_color`, the terminal's own
    /// colours with `use_default_colors`.
    pub pair0: (i32, i32),
    pub pairs: Vec<(i32, i32)>,
    pub rgb: Vec<(i16, i16, i16)>,
    pub count: i32,
    pub pair_count: i32,
    /// `init_color` changed the terminal's palette: `endwin` resets it.
    pub changed: bool,
}

impl Colors {
    pub(crate) fn new() -> Colors {
        Colors {
            started: false,
            default_colors: false,
            pair0: (-1, -1),
            pairs: Vec::new(),
            rgb: Vec::new(),
            count: 0,
            pair_count: 0,
            changed: false,
        }
    }

    /// Whether colours are drawn (ncurses's `_coloron`): `start_color` on
    /// a terminal that has them. On one without, `start_color` succeeds
    /// and nothing is coloured.
    pub(crate) fn on(&self) -> bool {
        self.started && self.count > 0 && self.pair_count > 0
    }

    /// The colours of `pair` (-1 for the terminal's default).
    pub(crate) fn pair(&self, pair: u16) -> (i32, i32) {
        if pair == 0 {
            return self.pair0;
        }
        self.pairs.get(usize::from(pair)).copied().unwrap_or((0, 0))
    }

    pub(crate) fn start(&mut self, colors: i32, pairs: i32) {
        self.started = true;
        self.count = colors;
        self.pair_count = pairs;
        if !self.default_colors {
            self.pair0 = (7, 0);
        }
        self.rgb = (0..colors.min(256))
            .map(|c| {
                let c = c as usize;
                CGA.get(c).copied().unwrap_or_else(|| xterm_rgb(c as u8))
            })
            .collect();
    }

    pub(crate) fn set_pair(&mut self, pair: usize, fg: i32, bg: i32) {
        if self.pairs.len() <= pair {
            self.pairs.resize(pair + 1, (0, 0));
        }
        self.pairs[pair] = (fg, bg);
    }

    pub(crate) fn color(&self, n: usize) -> (i16, i16, i16) {
        self.rgb.get(n).copied().unwrap_or((0, 0, 0))
    }

    pub(crate) fn set_color(&mut self, n: usize, rgb: (i16, i16, i16)) {
        if self.rgb.len() <= n {
            self.rgb.resize(n + 1, (0, 0, 0));
        }
        self.rgb[n] = rgb;
    }
}

/// What ncurses 6.4 reports for colours past 7 before `init_color`: the
/// low three bits as full red, green and blue.
fn xterm_rgb(c: u8) -> (i16, i16, i16) {
    let full = |bit: u8| if c & bit != 0 { 1000 } else { 0 };
    (full(1), full(2), full(4))
}

impl Colors {
    /// ncurses 6.4's `_pair_limit`: room past `COLOR_PAIRS` for the pairs
    /// it keeps for default colours, which `init_pair` also accepts.
    fn pair_limit(&self) -> i32 {
        self.pair_count + 2 * self.count + 1
    }

    /// Python's converters: a colour number up to `COLORS-1`.
    fn check_color(&self, c: i32) -> Result<(), Error> {
        if c > self.count - 1 {
            return Err(greater_than_colors(self.count));
        }
        Ok(())
    }

    /// A pair ncurses refused: Python's `ValueError` past `COLOR_PAIRS-1`,
    /// else ncurses' own ERR.
    fn refused(&self, pair: i32, name: &'static str) -> Error {
        if pair >= self.pair_count {
            return greater_than_pairs(self.pair_count);
        }
        err(name)
    }
}

/// Python's messages, with `COLORS-1` or `COLOR_PAIRS-1` in them.
fn greater_than_colors(count: i32) -> Error {
    Error::owned(alloc::format!(
        "Color number is greater than COLORS-1 ({}).",
        count - 1
    ))
}

fn greater_than_pairs(count: i32) -> Error {
    Error::owned(alloc::format!(
        "Color pair is greater than COLOR_PAIRS-1 ({}).",
        count - 1
    ))
}

const NOT_STARTED: Error = err("must call start_color() first");

/// `curses.start_color()`—turns colour on: [`colors`] and [`color_pairs`]
/// take the terminal's counts, pair 0 is white on black, and the
/// terminal's colours are reset (`op`). Succeeds on a terminal without
/// colours too, with both counts 0, as ncurses 6.4.
pub fn start_color() -> Result<(), Error> {
    with_screen(|s| {
        let colors = s.caps.colors.unwrap_or(0);
        let pairs = s.caps.pairs.unwrap_or(0);
        s.colors.start(colors, pairs);
        if let Some(op) = Caps::plain(&s.caps.op) {
            s.out.extend_from_slice(&op);
            let _ = s.flush();
        }
        Ok(())
    })
}

/// `curses.has_colors()`—whether the terminal can show colours.
pub fn has_colors() -> Result<bool, Error> {
    with_screen(|s| {
        let c = &s.caps;
        Ok(c.colors.unwrap_or(0) > 0
            && c.pairs.unwrap_or(0) > 0
            && c.setaf.is_some()
            && c.setab.is_some())
    })
}

/// `curses.can_change_color()`—whether [`init_color`] can redefine the
/// terminal's colours (`ccc` and `initc`).
pub fn can_change_color() -> Result<bool, Error> {
    with_screen(|s| Ok(s.caps.ccc && s.caps.initc.is_some()))
}

/// `curses.COLORS`: how many colours the terminal has, 0 before
/// [`start_color`].
pub fn colors() -> Result<i32, Error> {
    with_screen(|s| Ok(s.colors.count))
}

/// `curses.COLOR_PAIRS`: how many colour pairs, 0 before [`start_color`].
pub fn color_pairs() -> Result<i32, Error> {
    with_screen(|s| Ok(s.colors.pair_count))
}

/// `curses.init_pair(pair, fg, bg)`—defines colour pair `pair` (from 1)
/// as `fg` on `bg`; -1 is the terminal's own colour after
/// [`use_default_colors`]. Cells already drawn in the pair change too at
/// the next refresh.
///
/// # Errors
///
/// Python's texts: `Color pair is less than 0.`, `Color number is greater
/// than COLORS-1 (255).`, `Color pair is greater than COLOR_PAIRS-1
/// (65535).`, `must call start_color() first`, and
/// `init_extended_pair() returned ERR` for pair 0 or a default colour
/// without `use_default_colors`.
pub fn init_pair(pair: i32, fg: i32, bg: i32) -> Result<(), Error> {
    with_screen(|s| {
        if pair < 0 {
            return Err(err("Color pair is less than 0."));
        }
        s.colors.check_color(fg)?;
        s.colors.check_color(bg)?;
        let c = &mut s.colors;
        let default_ok = c.default_colors;
        let valid = |v: i32| v >= 0 || default_ok;
        if !c.started && c.pair_count == 0 && pair >= 1 {
            return Err(c.refused(pair, "init_extended_pair() returned ERR"));
        }
        if !c.started {
            return Err(NOT_STARTED);
        }
        if pair == 0 || pair >= c.pair_limit() || !valid(fg) || !valid(bg) {
            return Err(c.refused(pair, "init_extended_pair() returned ERR"));
        }
        c.set_pair(pair as usize, fg.max(-1), bg.max(-1));
        s.touch_pair(pair as u16);
        Ok(())
    })
}

/// `curses.pair_content(pair)`—`(fg, bg)` of a colour pair; (0, 0) for
/// one never defined.
///
/// # Errors
///
/// `Color pair is less than 0.`, `must call start_color() first`, `Color
/// pair is greater than COLOR_PAIRS-1 (…).`
pub fn pair_content(pair: i32) -> Result<(i32, i32), Error> {
    with_screen(|s| {
        if pair < 0 {
            return Err(err("Color pair is less than 0."));
        }
        let c = &s.colors;
        if !c.started {
            return Err(NOT_STARTED);
        }
        if pair >= c.pair_limit() {
            return Err(c.refused(pair, "extended_pair_content() returned ERR"));
        }
        Ok(match pair {
            0 => c.pair0,
            p => c.pairs.get(p as usize).copied().unwrap_or((0, 0)),
        })
    })
}

/// `curses.color_content(color)`—`(r, g, b)`, each 0–1000.
///
/// # Errors
///
/// `Color number is less than 0.`, `Color number is greater than
/// COLORS-1 (…).`, `must call start_color() first`.
pub fn color_content(color: i32) -> Result<(i16, i16, i16), Error> {
    with_screen(|s| {
        if color < 0 {
            return Err(err("Color number is less than 0."));
        }
        s.colors.check_color(color)?;
        if !s.colors.started {
            return Err(NOT_STARTED);
        }
        Ok(s.colors.color(color as usize))
    })
}

/// `curses.init_color(color, r, g, b)`—redefines a colour (components
/// 0–1000) where [`can_change_color`]; `endwin` gives the terminal its
/// palette back.
///
/// # Errors
///
/// The colour number's errors as [`color_content`]'s, `Color component is
/// less than 0` / `greater than 1000`, and `init_extended_color()
/// returned ERR` on a terminal that cannot change colours.
pub fn init_color(color: i32, r: i16, g: i16, b: i16) -> Result<(), Error> {
    with_screen(|s| {
        if color < 0 {
            return Err(err("Color number is less than 0."));
        }
        s.colors.check_color(color)?;
        for v in [r, g, b] {
            if v < 0 {
                return Err(err("Color component is less than 0"));
            }
            if v > 1000 {
                return Err(err("Color component is greater than 1000"));
            }
        }
        if !s.colors.started {
            return Err(NOT_STARTED);
        }
        let params = [i64::from(color), i64::from(r), i64::from(g), i64::from(b)];
        let bytes = Caps::param(&s.caps.initc, &params)
            .filter(|_| s.caps.ccc)
            .ok_or(err("init_extended_color() returned ERR"))?;
        s.out.extend_from_slice(&bytes);
        s.colors.set_color(color as usize, (r, g, b));
        s.colors.changed = true;
        let _ = s.flush();
        Ok(())
    })
}

/// `curses.use_default_colors()`—colour -1 becomes the terminal's own
/// foreground or background, and pair 0 is those two.
///
/// # Errors
///
/// `must call start_color() first`; `use_default_colors() returned ERR`
/// on a terminal without colours.
pub fn use_default_colors() -> Result<(), Error> {
    with_screen(|s| {
        if !s.colors.started {
            return Err(NOT_STARTED);
        }
        if s.colors.count <= 0 || s.caps.op.is_none() {
            return Err(err("use_default_colors() returned ERR"));
        }
        s.colors.default_colors = true;
        s.colors.pair0 = (-1, -1);
        s.touch_pair(0);
        Ok(())
    })
}

/// The pair recorded in `curscr` for cells whose colours changed under
/// them: it matches no real pair, so the next update redraws them.
pub(crate) const STALE_PAIR: u16 = u16::MAX - 1;

impl super::screen::Screen {
    /// Pair `pair` has new colours: cells the terminal shows in it are
    /// redrawn, and the colours are sent again before the next use.
    pub(crate) fn touch_pair(&mut self, pair: u16) {
        for cell in self.curscr.iter_mut().filter(|c| c.pair == pair) {
            cell.pair = STALE_PAIR;
        }
        if self.phys_pair == pair {
            self.phys_pair = STALE_PAIR;
        }
    }
}
