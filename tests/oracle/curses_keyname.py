"""Writes curses_keyname.txt: Python's curses.keyname for codes -2..599
and a few past (code, then the name in hex, or ERR for ValueError).
Run under a terminal: TERM=xterm-256color script -qc 'python3 curses_keyname.py' /dev/null"""
import curses
import os

s = curses.initscr()
rows = []
for n in list(range(-2, 600)) + [1000, 4095, 4096, 32767]:
    try:
        rows.append("%d %s" % (n, curses.keyname(n).hex()))
    except ValueError:
        rows.append("%d ERR" % n)
curses.endwin()
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "curses_keyname.txt")
open(out, "w").write("\n".join(r.rstrip() for r in rows) + "\n")
