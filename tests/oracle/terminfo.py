#!/usr/bin/env python3
"""Writes terminfo.txt: what CPython's curses.tigetflag, tigetnum and
tigetstr give for every standard capability name (and some extended ones)
of each compiled terminfo entry under /lib/terminfo (ncurses-base) and of
the EXTRA entries of /usr/share/terminfo (ncurses-term; missing ones are
left out). alloc-layer/src/curses/terminfo/tests.rs parses the
same files with Strata and compares every value.

setupterm has an effect only once per process, so each terminal is read
by a child process of its own, with TERMINFO set to the entry's directory
so that ncurses reads exactly that file, on a pipe (not a terminal) and
without $LINES/$COLUMNS: ncurses then sets lines and cols to the entry's
values, or 24 and 80 where the entry has none.

Lines are space-separated:

  term <name> <path>            starts a terminal's block
  flag <cap> <tigetflag value>  for every cap name (standard + extended)
  num <cap> <tigetnum value>
  str <cap> <hex bytes>|-       - for None; hex of the bytes otherwise
                                (empty string: the single word "")

The cap names are the 44 + 39 + 414 standard names from libtinfo's
boolnames/numnames/strnames (the table alloc-layer/src/curses/terminfo/
names.rs holds) followed by EXTENDED, each asked of all three functions.
"""
import ctypes
import os
import subprocess
import sys

EXTRA = ["putty", "putty-256color", "konsole", "konsole-256color",
         "gnome-256color", "kitty", "alacritty", "st-256color", "iterm2",
         "xterm-direct", "vte-256color", "mlterm", "mintty", "terminator",
         "ms-terminal", "screen.putty-256color", "tmux-direct", "foot"]
EXTENDED = ["Tc", "RGB", "Smulx", "Setulc", "Ss", "Se", "Ms", "XT", "AX", "U8",
            "E3", "kUP5", "kDN5", "kLFT5", "kRIT5", "kUP", "kDN", "kUP3",
            "kDC3", "Cs", "Cr", "Sync", "BE", "BD", "PS", "PE", "XM", "xm",
            "fullkbd", "TS", "kxIN", "kxOUT", "Nope"]


def cap_names():
    lib = ctypes.CDLL("libtinfo.so.6")
    out = []
    for sym, n in (("boolnames", 44), ("numnames", 39), ("strnames", 414)):
        arr = (ctypes.c_char_p * (n + 1)).in_dll(lib, sym)
        out += [arr[i].decode() for i in range(n)]
    return out + EXTENDED


def child(name):
    import curses
    curses.setupterm(name, 1)
    out = sys.stdout
    for cap in cap_names():
        out.write(f"flag {cap} {curses.tigetflag(cap)}\n")
        out.write(f"num {cap} {curses.tigetnum(cap)}\n")
        s = curses.tigetstr(cap)
        out.write(f"str {cap} {'-' if s is None else (s.hex() or chr(34) * 2)}\n")


def main():
    if len(sys.argv) == 2:
        child(sys.argv[1])
        return
    entries = []
    for root, _, files in sorted(os.walk("/lib/terminfo")):
        entries += [("/lib/terminfo", f, os.path.join(root, f)) for f in sorted(files)]
    for f in EXTRA:
        path = os.path.join("/usr/share/terminfo", f[0], f)
        if os.path.isfile(path):
            entries.append(("/usr/share/terminfo", f, path))
    seen = set()
    for top, f, path in entries:
        if f in seen or os.path.islink(path):
            continue
        seen.add(f)
        env = dict(os.environ, TERMINFO=top, TERMINFO_DIRS="", HOME="/nonexistent")
        env.pop("LINES", None)
        env.pop("COLUMNS", None)
        res = subprocess.run([sys.executable, __file__, f], env=env,
                             capture_output=True, text=True, check=True)
        print(f"term {f} {path}")
        sys.stdout.write(res.stdout)


if __name__ == "__main__":
    main()
