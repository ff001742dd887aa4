//! Colour pairs and colours: `start_color`, `init_pair`, `init_color` and
//! the queries, as ncurses 6.4 keeps them.

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
        }
    }

    /// The colours of `pair` (-1 for the terminal's default).
    pub(crate) fn pair(&self, pair: u16) -> (i32, i32) {
        if pair == 0 {
            return self.pair0;
        }
        self.pairs
            .get(usize::from(pair))
            .copied()
            .unwrap_or((0, 0))
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
                CGA.get(c)
                    .copied()
                    .unwrap_or_else(|| xterm_rgb(c as u8))
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
