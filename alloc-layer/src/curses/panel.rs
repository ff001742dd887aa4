//! `curses.panel`: windows stacked in depth, drawn bottom to top by
//! [`update_panels`], so that a window raised over others hides them and
//! a hidden one shows what it covered.
//!
//! As in ncurses, `stdscr` lies under every panel; [`update_panels`]
//! refreshes it and the panels in order (without `doupdate`).
//!
//! ```no_run
//! use strata_alloc::curses::{self, panel};
//!
//! let _stdscr = curses::initscr()?;
//! let help = panel::new_panel(&curses::newwin(5, 30, 2, 2)?)?;
//! help.window()?.box_(0, 0)?;
//! panel::update_panels()?;
//! curses::doupdate()?;
//! help.hide()?;
//! panel::update_panels()?;
//! curses::doupdate()?;
//! curses::endwin()?;
//! # Ok::<(), curses::Error>(())
//! ```

use super::screen::Screen;
use super::window::Window;
use super::{Error, err, with_screen};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

/// The screen's panels: every one, and the visible ones bottom to top.
#[derive(Default)]
pub(crate) struct Deck {
    panels: Vec<Option<Entry>>,
    stack: Vec<usize>,
}

struct Entry {
    win: usize,
    handles: usize,
    user: Option<Box<dyn Any + Send>>,
}

/// A panel (Python's `curses.panel.panel`): a handle to one window's
/// place in the stack. Handles are cheap to clone; the panel goes (and
/// stops holding its window) with its last handle, as Python's does when
/// its object is collected.
pub struct Panel {
    id: usize,
}

impl PartialEq for Panel {
    fn eq(&self, other: &Panel) -> bool {
        self.id == other.id
    }
}

impl Eq for Panel {}

impl core::fmt::Debug for Panel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "<_curses_panel.panel {}>", self.id)
    }
}

impl Clone for Panel {
    fn clone(&self) -> Panel {
        let _ = with_screen(|s| {
            s.panels.entry(self.id).handles += 1;
            Ok(())
        });
        Panel { id: self.id }
    }
}

impl Drop for Panel {
    fn drop(&mut self) {
        let _ = with_screen(|s| {
            let e = s.panels.entry(self.id);
            e.handles -= 1;
            if e.handles == 0 {
                if s.panels.visible(self.id) {
                    uncover(s, self.id);
                    s.panels.unlink(self.id);
                }
                let win = s.panels.entry(self.id).win;
                s.panels.panels[self.id] = None;
                s.release(win);
            }
            Ok(())
        });
    }
}

impl Deck {
    fn entry(&mut self, id: usize) -> &mut Entry {
        self.panels[id]
            .as_mut()
            .expect("a handle names a live panel")
    }

    fn visible(&self, id: usize) -> bool {
        self.stack.contains(&id)
    }

    fn unlink(&mut self, id: usize) {
        self.stack.retain(|&p| p != id);
    }

    /// A new handle to panel `id`.
    fn handle(&mut self, id: usize) -> Panel {
        self.entry(id).handles += 1;
        Panel { id }
    }
}

/// `curses.panel.new_panel(win)`—a panel for `win`, on top of the stack.
///
/// # Errors
///
/// `must call initscr() first`.
pub fn new_panel(win: &Window) -> Result<Panel, Error> {
    with_screen(|s| {
        s.win_mut(win.id).handles += 1;
        let entry = Entry {
            win: win.id,
            handles: 1,
            user: None,
        };
        let id = super::screen::insert(&mut s.panels.panels, entry);
        s.panels.stack.push(id);
        touch(s, win.id);
        Ok(Panel { id })
    })
}

/// `curses.panel.top_panel()`—the panel on top, `None` when none is shown.
pub fn top_panel() -> Result<Option<Panel>, Error> {
    with_screen(|s| {
        let top = s.panels.stack.last().copied();
        Ok(top.map(|id| s.panels.handle(id)))
    })
}

/// `curses.panel.bottom_panel()`—the lowest panel shown, `None` when none
/// is.
pub fn bottom_panel() -> Result<Option<Panel>, Error> {
    with_screen(|s| {
        let bottom = s.panels.stack.first().copied();
        Ok(bottom.map(|id| s.panels.handle(id)))
    })
}

/// `curses.panel.update_panels()`—puts `stdscr` and the shown panels into
/// the next [`doupdate`](super::doupdate), bottom to top: a change under a
/// panel is drawn over again by the panel.
pub fn update_panels() -> Result<(), Error> {
    with_screen(|s| {
        let order = layers(s);
        for (i, &lower) in order.iter().enumerate() {
            for &upper in &order[i + 1..] {
                let Some(area) = overlap(s, lower, upper) else {
                    continue;
                };
                for y in area.top..area.bottom {
                    let w = s.win(lower);
                    let row = (y - w.begy) as usize;
                    let (first, last) = (w.first[row], w.last[row]);
                    let (from, to) = (area.left - w.begx, area.right - w.begx);
                    if first != super::screen::NOCHANGE
                        && (first as i32) < to
                        && last as i32 >= from
                    {
                        let u = s.win_mut(upper);
                        let row = (y - u.begy) as usize;
                        let (from, to) = (area.left - u.begx, area.right - u.begx - 1);
                        u.touch(row, from as usize, to as usize);
                    }
                }
            }
        }
        for id in order {
            s.noutrefresh(id);
        }
        Ok(())
    })
}

impl Panel {
    /// `panel.window()`—the panel's window.
    pub fn window(&self) -> Result<Window, Error> {
        with_screen(|s| {
            let win = s.panels.entry(self.id).win;
            s.win_mut(win).handles += 1;
            Ok(Window { id: win })
        })
    }

    /// `panel.above()`—the panel shown just above this one; `None` at
    /// the top or when this one is hidden.
    pub fn above(&self) -> Result<Option<Panel>, Error> {
        self.neighbour(1)
    }

    /// `panel.below()`—the panel shown just below this one; `None` at
    /// the bottom or when this one is hidden.
    pub fn below(&self) -> Result<Option<Panel>, Error> {
        self.neighbour(-1)
    }

    fn neighbour(&self, step: isize) -> Result<Option<Panel>, Error> {
        with_screen(|s| {
            let stack = &s.panels.stack;
            let Some(at) = stack.iter().position(|&p| p == self.id) else {
                return Ok(None);
            };
            let next = at
                .checked_add_signed(step)
                .and_then(|i| stack.get(i))
                .copied();
            Ok(next.map(|id| s.panels.handle(id)))
        })
    }

    /// `panel.top()`—raises the panel to the top, showing it.
    pub fn top(&self) -> Result<(), Error> {
        self.show()
    }

    /// `panel.show()`—shows the panel on top of the stack.
    pub fn show(&self) -> Result<(), Error> {
        with_screen(|s| {
            if s.panels.stack.last() != Some(&self.id) {
                s.panels.unlink(self.id);
                s.panels.stack.push(self.id);
                let win = s.panels.entry(self.id).win;
                touch(s, win);
            }
            Ok(())
        })
    }

    /// `panel.bottom()`—lowers the panel under every other, showing it.
    pub fn bottom(&self) -> Result<(), Error> {
        with_screen(|s| {
            if s.panels.stack.first() != Some(&self.id) {
                s.panels.unlink(self.id);
                s.panels.stack.insert(0, self.id);
                let win = s.panels.entry(self.id).win;
                touch(s, win);
            }
            Ok(())
        })
    }

    /// `panel.hide()`—takes the panel off the screen (the next
    /// [`update_panels`] draws what it covered); [`show`](Self::show) puts
    /// it back on top.
    pub fn hide(&self) -> Result<(), Error> {
        with_screen(|s| {
            if s.panels.visible(self.id) {
                uncover(s, self.id);
                s.panels.unlink(self.id);
            }
            Ok(())
        })
    }

    /// `panel.hidden()`—whether the panel is hidden.
    pub fn hidden(&self) -> Result<bool, Error> {
        with_screen(|s| Ok(!s.panels.visible(self.id)))
    }

    /// `panel.move(y, x)`—moves the panel's window to screen position
    /// (`y`, `x`), keeping its place in the stack.
    ///
    /// # Errors
    ///
    /// `move_panel() returned ERR` when the window would not fit.
    pub fn move_to(&self, y: i32, x: i32) -> Result<(), Error> {
        with_screen(|s| {
            let win = s.panels.entry(self.id).win;
            let (lines, cols) = (s.lines as i32, s.cols as i32);
            let w = s.win(win);
            if y < 0 || x < 0 || y + w.lines as i32 > lines || x + w.cols as i32 > cols {
                return Err(err("move_panel() returned ERR"));
            }
            if s.panels.visible(self.id) {
                uncover(s, self.id);
            }
            let w = s.win_mut(win);
            w.begy = y;
            w.begx = x;
            w.touch_lines(0, w.lines, true);
            Ok(())
        })
    }

    /// `panel.replace(win)`—shows `win` in the panel's place instead of
    /// its window.
    pub fn replace(&self, win: &Window) -> Result<(), Error> {
        with_screen(|s| {
            let old = s.panels.entry(self.id).win;
            if s.panels.visible(self.id) {
                uncover(s, self.id);
            }
            s.win_mut(win.id).handles += 1;
            s.panels.entry(self.id).win = win.id;
            touch(s, win.id);
            s.release(old);
            Ok(())
        })
    }

    /// `panel.set_userptr(obj)`—keeps `value` with the panel, replacing
    /// what was kept.
    pub fn set_userptr<T: Any + Send>(&self, value: T) -> Result<(), Error> {
        with_screen(|s| {
            s.panels.entry(self.id).user = Some(Box::new(value));
            Ok(())
        })
    }

    /// `panel.userptr()`—a copy of what [`set_userptr`](Self::set_userptr)
    /// kept.
    ///
    /// # Errors
    ///
    /// Python's `no userptr set`, also when what is kept is not a `T`.
    pub fn userptr<T: Any + Clone>(&self) -> Result<T, Error> {
        with_screen(|s| {
            let user = s.panels.entry(self.id).user.as_ref();
            user.and_then(|u| u.downcast_ref::<T>())
                .cloned()
                .ok_or(err("no userptr set"))
        })
    }
}

/// `stdscr` and the windows of the shown panels, bottom to top.
fn layers(s: &mut Screen) -> Vec<usize> {
    let mut order = Vec::with_capacity(s.panels.stack.len() + 1);
    order.push(s.stdscr);
    for i in 0..s.panels.stack.len() {
        let id = s.panels.stack[i];
        order.push(s.panels.entry(id).win);
    }
    order
}

/// Marks all of window `win` to be drawn again.
fn touch(s: &mut Screen, win: usize) {
    let w = s.win_mut(win);
    w.touch_lines(0, w.lines, true);
}

/// Before panel `id` leaves its place: every other layer it covers is to
/// be drawn again where it covers it.
fn uncover(s: &mut Screen, id: usize) {
    let win = s.panels.entry(id).win;
    for other in layers(s) {
        if other == win {
            continue;
        }
        let Some(area) = overlap(s, win, other) else {
            continue;
        };
        let w = s.win_mut(other);
        for y in area.top..area.bottom {
            let (from, to) = (area.left - w.begx, area.right - w.begx - 1);
            w.touch((y - w.begy) as usize, from as usize, to as usize);
        }
    }
}

/// A rectangle of the screen, `top..bottom` by `left..right`.
struct Area {
    top: i32,
    bottom: i32,
    left: i32,
    right: i32,
}

/// Where windows `a` and `b` overlap on the screen.
fn overlap(s: &Screen, a: usize, b: usize) -> Option<Area> {
    let (a, b) = (s.win(a), s.win(b));
    let area = Area {
        top: a.begy.max(b.begy),
        bottom: (a.begy + a.lines as i32).min(b.begy + b.lines as i32),
        left: a.begx.max(b.begx),
        right: (a.begx + a.cols as i32).min(b.begx + b.cols as i32),
    };
    (area.top < area.bottom && area.left < area.right).then_some(area)
}
