#!/usr/bin/env python3
"""Writes curses_ascii.txt: CPython's curses.ascii for every value that
core/src/curses/ascii.rs must match.

Lines are space-separated; the first word says what the line is:

  const <NAME> <value>
      every upper-case constant of curses.ascii (NUL ... US, SP, DEL, and the
      aliases TAB, HT, LF, NL), in source order.
  controlnames <index> <name>
      curses.ascii.controlnames, one entry a line.
  int <v> <flags> <ascii> <ctrl> <alt> <unctrl>
      the functions called with the Python int v.
  str <v> <flags> <ascii> <ctrl> <alt> <unctrl>
      the functions called with the 1-character str chr(v).

<flags> is one 0/1 digit per predicate, in this order:
  isalnum isalpha isascii isblank iscntrl isdigit isgraph islower isprint
  ispunct isspace isupper isxdigit isctrl ismeta
<ascii> <ctrl> <alt> are the results of ascii(), ctrl(), alt(): the decimal
int for an int argument, `chr(N)` (N decimal) for a str argument, since
Python returns the argument's type.
<unctrl> is the UTF-8 encoding of unctrl()'s result in lower-case hex.

Values: int -512..511 plus the edges of the fixed-width integer types Strata
accepts; str chr(0)..chr(511) plus code points up to U+10FFFF (no
surrogates, which a Rust char cannot hold). The script checks that each
function returns the type it documents and that the predicates and unctrl
give the same answer for chr(v) as for v, which the Rust side relies on.

Run: python3 tests/oracle/curses_ascii.py  (writes the .txt beside it)
"""
import curses.ascii as ca
import os
import sys

PREDICATES = [
    "isalnum", "isalpha", "isascii", "isblank", "iscntrl", "isdigit",
    "isgraph", "islower", "isprint", "ispunct", "isspace", "isupper",
    "isxdigit", "isctrl", "ismeta",
]

INT_EDGES = [
    -(2**63), -(2**31) - 1, -(2**31), -65537, -65536, -32769, -32768,
    -513, -640, -1000, 512, 639, 640, 1000, 0xff7f, 0xffff, 0x10000,
    32767, 32768, 65535, 65536, 0x10ffff, 0x7fffffff, 0x80000000,
    0xffffff7f, 0xffffffff, 0x100000000, 2**63 - 129, 2**63 - 1,
]
CHAR_EDGES = [
    0x27f, 0x280, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff7f, 0xfffd, 0xffff,
    0x10000, 0x10ff7f, 0x10ff80, 0x10ffff,
]


def results(c, wrap):
    flags = ""
    for name in PREDICATES:
        r = getattr(ca, name)(c)
        assert type(r) is bool, (name, c, r)
        flags += "1" if r else "0"
    out = [flags]
    for name in ["ascii", "ctrl", "alt"]:
        r = getattr(ca, name)(c)
        out.append(wrap(r))
    u = ca.unctrl(c)
    assert type(u) is str and 1 <= len(u.encode()) <= 4, (c, u)
    out.append(u.encode().hex())
    return out


def as_int(r):
    assert type(r) is int, r
    return str(r)


def as_char(r):
    assert type(r) is str and len(r) == 1, r
    return f"chr({ord(r)})"


def main():
    lines = []
    with open(ca.__file__) as f:
        source_order = [
            line.split()[0] for line in f
            if line[:1].isupper() and "=" in line
        ]
    for name in source_order:
        lines.append(f"const {name} {getattr(ca, name)}")
    for i, name in enumerate(ca.controlnames):
        lines.append(f"controlnames {i} {name}")
    for v in list(range(-512, 512)) + INT_EDGES:
        lines.append(" ".join(["int", str(v)] + results(v, as_int)))
    for v in list(range(0, 512)) + CHAR_EDGES:
        int_side = results(v, as_int)
        str_side = results(chr(v), as_char)
        assert str_side[0] == int_side[0] and str_side[4] == int_side[4], v
        lines.append(" ".join(["str", str(v)] + str_side))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "curses_ascii.txt")
    with open(out, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    print(f"{out}: {len(lines)} lines from Python {sys.version.split()[0]}")


main()
