"""The curses scene interpreter on CPython's curses (ncurses): runs one
scene of curses_scenes/ on the terminal, as Strata's `curses` test
program (tests/src/bin/curses.rs) runs it; tests/drivers/curses_tmux.py
compares the two. A command that raises curses.error is skipped; with
CURSES_SCENE_LOG=path each failure is appended there as `LINE: message`.

Usage: python3 curses_scene.py SCENE_FILE"""
import curses
import curses.panel
import curses.textpad
import os
import re
import sys

ATTRS = {
    "bold": curses.A_BOLD, "dim": curses.A_DIM, "reverse": curses.A_REVERSE,
    "underline": curses.A_UNDERLINE, "standout": curses.A_STANDOUT,
    "blink": curses.A_BLINK, "italic": curses.A_ITALIC,
    "invis": curses.A_INVIS, "altcharset": curses.A_ALTCHARSET,
}


class BadScene(Exception):
    pass


def attrs(field):
    if field == "-":
        return 0
    out = 0
    for name in field.split("|"):
        if name in ATTRS:
            out |= ATTRS[name]
        elif name.startswith("pair") and name[4:].isdigit():
            out |= curses.color_pair(int(name[4:]))
        else:
            raise BadScene("unknown attribute")
    return out


def unescape(s):
    def one(m):
        e = m.group(0)
        if e == "\\n":
            return "\n"
        if e == "\\t":
            return "\t"
        if e == "\\\\":
            return "\\"
        if e.startswith("\\x"):
            return chr(int(e[2:], 16))
        return chr(int(e[3:-1], 16))
    return re.sub(r"\\(n|t|\\|x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\})", one, s)


def ch(field):
    """`ACS_HLINE`, `x` or `x:bold` as a chtype or (str, attr)."""
    c, attr = field, 0
    if ":" in field[1:]:
        c, a = field.rsplit(":", 1)
        attr = attrs(a)
    if c.startswith("ACS_"):
        return getattr(curses, c) | attr
    if len(c) != 1:
        raise BadScene("one character is expected")
    return (c, attr)


def put(method, *args):
    """Calls a char-taking method with a chtype or (str, attr)."""
    *pos, c = args
    if isinstance(c, tuple):
        return method(*pos, c[0], c[1])
    return method(*pos, c)


class Scene:
    def __init__(self):
        self.w = {}
        self.p = {}

    def run(self, line):
        f = line.split(" ")
        cmd = f[0]
        i = lambda n: int(f[n])
        rest = lambda n: unescape(" ".join(f[n:]))
        if cmd == "init":
            s = curses.initscr()
            curses.noecho()
            curses.cbreak()
            s.keypad(True)
            self.w["std"] = s
        elif cmd == "color":
            curses.start_color()
        elif cmd == "default_colors":
            curses.use_default_colors()
        elif cmd == "pair":
            curses.init_pair(i(1), i(2), i(3))
        elif cmd == "win":
            self.w[f[1]] = curses.newwin(i(2), i(3), i(4), i(5))
        elif cmd in ("sub", "der"):
            p = self.w[f[2]]
            make = p.subwin if cmd == "sub" else p.derwin
            self.w[f[1]] = make(i(3), i(4), i(5), i(6))
        elif cmd == "pad":
            self.w[f[1]] = curses.newpad(i(2), i(3))
        elif cmd == "panel":
            self.p[f[1]] = curses.panel.new_panel(self.w[f[2]])
        elif cmd == "update_panels":
            curses.panel.update_panels()
        elif cmd in ("ptop", "pbottom", "phide", "pshow", "pmove"):
            p = self.p[f[1]]
            if cmd == "pmove":
                p.move(i(2), i(3))
            else:
                getattr(p, cmd[1:])()
        elif cmd in ("textbox", "textbox_insert"):
            box = curses.textpad.Textbox(self.w[f[1]], cmd == "textbox_insert")
            text = box.edit()
            std = self.w["std"]
            std.addstr(i(2), i(3), repr(text))
            std.refresh()
        elif cmd == "rect":
            curses.textpad.rectangle(self.w[f[1]], i(2), i(3), i(4), i(5))
        elif cmd == "end":
            self.w["std"].getch()
            curses.endwin()
        elif cmd == "doupdate":
            curses.doupdate()
        elif cmd == "curs_set":
            curses.curs_set(i(1))
        elif cmd == "key":
            self.w["std"].getch()
        else:
            self.on_window(cmd, self.w[f[1]], f, i, rest)

    def on_window(self, cmd, w, f, i, rest):
        if cmd == "add":
            w.addstr(i(2), i(3), rest(5), attrs(f[4]))
        elif cmd == "addn":
            w.addnstr(i(2), i(3), rest(6), i(4), attrs(f[5]))
        elif cmd == "addch":
            put(w.addch, i(2), i(3), ch(rest(4)))
        elif cmd == "ins":
            w.insstr(i(2), i(3), rest(4))
        elif cmd == "insch":
            put(w.insch, i(2), i(3), ch(rest(4)))
        elif cmd == "delch":
            w.delch(i(2), i(3))
        elif cmd == "insln":
            w.insertln()
        elif cmd == "delln":
            w.deleteln()
        elif cmd == "insdelln":
            w.insdelln(i(2))
        elif cmd == "move":
            w.move(i(2), i(3))
        elif cmd == "box":
            w.box()
        elif cmd == "border":
            w.border()
        elif cmd in ("hline", "vline"):
            c = f[4]
            c = getattr(curses, c) if c.startswith("ACS_") else ord(c)
            getattr(w, cmd)(i(2), i(3), c, i(5))
        elif cmd in ("attrset", "attron", "attroff"):
            getattr(w, cmd)(attrs(f[2]))
        elif cmd in ("bkgd", "bkgdset"):
            put(getattr(w, cmd), ch(rest(2)))
        elif cmd in ("scrollok", "idlok", "leaveok", "clearok", "immedok"):
            getattr(w, cmd)(bool(i(2)))
        elif cmd == "setscrreg":
            w.setscrreg(i(2), i(3))
        elif cmd == "scroll":
            w.scroll(i(2))
        elif cmd in ("erase", "clear", "clrtoeol", "clrtobot"):
            getattr(w, cmd)()
        elif cmd == "mvwin":
            w.mvwin(i(2), i(3))
        elif cmd == "resize":
            w.resize(i(2), i(3))
        elif cmd == "touch":
            w.touchwin()
        elif cmd == "untouch":
            w.untouchwin()
        elif cmd == "chgat":
            w.chgat(i(2), i(3), i(4), attrs(f[5]))
        elif cmd in ("overlay", "overwrite"):
            getattr(w, cmd)(self.w[f[2]])
        elif cmd == "copywin":
            dst = self.w[f[2]]
            r = [i(n) for n in range(3, 9)]
            w.overlay(dst, *r) if i(9) else w.overwrite(dst, *r)
        elif cmd in ("noutrefresh", "refresh"):
            getattr(w, cmd)()
        elif cmd in ("prefresh", "pnoutrefresh"):
            r = [i(n) for n in range(2, 8)]
            (w.refresh if cmd == "prefresh" else w.noutrefresh)(*r)
        elif cmd in ("getkey", "getch"):
            shown = repr(w.getkey()) if cmd == "getkey" else str(w.getch())
            w.addstr(i(2), i(3), shown)
            w.clrtoeol()
            w.refresh()
        elif cmd == "resizewait":
            while w.getch() != curses.KEY_RESIZE:
                pass
            curses.update_lines_cols()
            w.addstr(i(2), i(3), f"{curses.LINES}x{curses.COLS}")
            w.clrtoeol()
            w.refresh()
        else:
            raise BadScene("unknown command")


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    scene = Scene()
    log = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        try:
            scene.run(line)
        except (curses.error, ValueError) as e:
            # ValueError: Python's range checks (colour numbers, pairs),
            # which Strata's curses reports as its one error type.
            log.append(f"{n}: {e}\n")
        except (BadScene, IndexError, KeyError) as e:
            log.append(f"{n}: bad scene line: {e}\n")
    path = os.environ.get("CURSES_SCENE_LOG")
    if path:
        with open(path, "a") as f:
            f.writelines(log)


main()
