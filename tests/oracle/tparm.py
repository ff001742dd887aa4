#!/usr/bin/env python3
"""Oracle for strata_alloc::curses::tparm: CPython's curses.tparm (ncurses).

Writes tests/oracle/tparm.txt. One python process per terminal (setupterm
is per process). Within a process ncurses keeps the static variables
%P[A-Z] across calls, so the replay keeps one state per block, in order.

Format, one item per line:
  T <name>                     a new process (fresh static variables)
  <cap> TAB <p1,p2,...> TAB = <output>
  <cap> TAB <p1,p2,...> TAB ! <exception type>
Bytes outside printable ASCII, and backslash, are written \\xHH.

Cap strings that would make ncurses follow an int as a char * (a %pN
before %s or %l) are called with all-zero parameters only (NULL, read as
""): anything else crashes the process.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PARAMS = [
    (),
    (1, 2, 3, 4, 5, 6, 7, 8, 9),
    (5, 10),
    (255, 0, 127),
    (-1, -1, -1, -1),
    (2147483647, 1000000, 99999, -2147483648),
    (0, 0, 1, 16, 233),
]
STATIC_SET = re.compile(rb"%P[A-Z]")
STRINGY = re.compile(rb"%[:#\- .0-9]*[sl]")

EDGE = [
    b"%%", b"%c", b"%s", b"%d", b"%o", b"%x", b"%X", b"%p1%c", b"%p1%d%p2%o%p3%x%p4%X",
    b"%p1%:-5d|", b"%p1%:-05d|", b"%p1%05d", b"%p1%5d", b"%p1%-5d", b"%p1%.3d",
    b"%p1%5.3d", b"%p1% d", b"%p1%#o", b"%p1%#x", b"%p1%#X", b"%p1%#5.3x",
    b"%p1%.0d", b"%p1%5#d", b"%p1%5.#d", b"%p1%1.2.3d", b"%p1%10001d", b"%p1%10000d",
    b"%p1%:+5d", b"%p1%:#x", b"%p1%: 4d", b"%5s", b"%:-5s|", b"%.2s", b"%05s|",
    b"%{65}%s", b"%{3}%l%d", b"%l%d",
    b"%p1%p2%p3%p4%p5%p6%p7%p8%p9%d%d%d%d%d%d%d%d%d",
    b"%p0%d", b"%p%d", b"%pa%d", b"%p9%d",
    b"%p1%Pa%ga%d", b"%ga%d", b"%p1%PA", b"%gA%d", b"%p2%PZ%gZ%gA%+%d", b"%gZ%d",
    b"%P1%g1%d", b"%P", b"%g", b"%'A'%d", b"%'%'%c", b"%'", b"%'a", b"%'ab%d",
    b"%{}%d", b"%{12}%d", b"%{12x%d", b"%{99999999999}%d", b"%{2147483648}%d",
    b"%p1%p2%+%d", b"%p1%p2%-%d", b"%p1%p2%*%d", b"%p1%p2%/%d", b"%p1%p2%m%d",
    b"%p1%{0}%/%d", b"%p1%{0}%m%d", b"%{-7}%d", b"%{7}%{-2}%/%d",
    b"%p1%p2%&%d", b"%p1%p2%|%d", b"%p1%p2%^%d", b"%p1%p2%=%d", b"%p1%p2%>%d",
    b"%p1%p2%<%d", b"%p1%p2%A%d", b"%p1%p2%O%d", b"%p1%!%d", b"%p1%~%d",
    b"%+%d", b"%-%d", b"%*%d", b"%!%d", b"%~%d", b"%=%d", b"%A%d",
    b"%i%p1%d;%p2%d", b"%i%i%p1%d;%p2%d;%p3%d", b"%i%d;%d", b"%i%d;%d;%d", b"%d;%d",
    b"%i%c%c", b"%d", b"%p1%i%d", b"%+%i%d%d",
    b"%?%p1%t1%e2%;", b"%?%p1%t1%;x", b"%?%p1%{1}%=%ta%e%p1%{2}%=%tb%e%p1%{3}%=%tc%ed%;",
    b"%?%p1%t%?%p2%tA%eB%;%eC%;", b"%?%p1%tA%e%?%p2%tB%eC%;%;D", b"%t1", b"%e1%;2",
    b"%;%d", b"%?", b"%?%p1%t", b"%?%p1%tA%e", b"%?%p1%tA%eB", b"%?%p2%tA%%e%eB%;",
    b"%z%d", b"%", b"x%", b"%:", b"%:-", b"%.", b"%#", b"%5", b"%#z",
    b"%{1}%{2}%{3}%{4}%{5}%{6}%{7}%{8}%{9}%{10}%{11}%{12}%{13}%{14}%{15}%{16}%{17}%{18}%{19}%{20}%{21}%{22}%d%d%d",
    b"%{0}%c", b"%{256}%c", b"%{321}%c", b"%{-1}%c", b"abc%p1%cdef",
    b"\x1b[%p1%d;%p2%dH", b"\x1b[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m",
    b"%p1%s", b"%p1%l%d", b"%p1%p2%s",
    # ncurses 6.4's stack pointer below an empty stack (%s, %l), and back.
    b"%s%p1%p2%p1%d%d%d", b"%s%s%p1%p2%p1%d%d%d", b"%l%p1%p2%p1%d%d%d",
    b"%s%x%'&'%#o%p2%X", b"%s%s%d%{38}%d%p2", b"%2s%{610}%d%^%p9",
    # %i in termcap mode writes the two bottom stack slots.
    b"%'P'%{112}%.2x%i%.2x", b"%{935}%{957}%i%d%d", b"%i%{5}%d%d%d",
]
def random_caps(n=3000, seed=20261204):
    """Seeded random token strings: operators in orders no terminal uses."""
    import random

    rng = random.Random(seed)
    toks = [b"x", b";", b"%%", b"%c", b"%d", b"%o", b"%x", b"%X", b"%s", b"%l",
            b"%:-3d", b"%03d", b"%.2x", b"%#o", b"% d", b"%2s", b"%i", b"%?", b"%t",
            b"%e", b"%;", b"%z", b"%!", b"%~", b"%P", b"%g", b"%p"]
    toks += [b"%p" + bytes([c]) for c in b"0123456789"]
    toks += [b"%P" + v for v in (b"a", b"b", b"A", b"B")]
    toks += [b"%g" + v for v in (b"a", b"b", b"A", b"B")]
    toks += [b"%" + bytes([c]) for c in b"+-*/m&|^=<>AO"]
    caps = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.08:
                parts.append(b"%{" + str(rng.randint(0, 999)).encode() + b"}")
            elif r < 0.12:
                parts.append(b"%'" + bytes([rng.randint(33, 126)]) + b"'")
            else:
                parts.append(rng.choice(toks))
        caps.append(b"".join(parts))
    return caps


RANDOM_PARAMS = [(), (3, 7, -2), (300, 0, 65, 1)]

EDGE_PARAMS = [
    (), (7, 8), (1, 2, 3), (0, 1), (2, 0), (-5, 3), (65, 66, 67), (300, -300),
    (2147483647, -2147483648, 4096),
]


def esc(b):
    return "".join(chr(c) if 32 <= c < 127 and c != 92 else "\\x%02x" % c for c in b)


def child(term, kind):
    import curses

    curses.setupterm(term, 1)
    keep = []  # ncurses 6.4 caches its scan by address: keep each alive
    out = []
    seen = set()
    if kind == "edge":
        caps = EDGE
    elif kind and kind.startswith("random"):
        caps = random_caps(seed=20261204 + int(kind[6:]))
    else:
        names = subprocess.run(
            ["infocmp", "-1", "-x", "-A", TERMINFO_DIR, term],
            capture_output=True,
        ).stdout.decode("latin-1").splitlines()
        caps = []
        for line in names:
            m = re.match(r"\s+([A-Za-z0-9_]+)=", line)
            if m:
                v = curses.tigetstr(m.group(1))
                if v and b"%" in v:
                    caps.append(v)
    sys.stdin.close()
    for cap in caps:
        if cap in seen:
            continue
        seen.add(cap)
        sets = EDGE_PARAMS if kind == "edge" else RANDOM_PARAMS if kind else PARAMS
        if not kind and STRINGY.search(cap):
            sets = [()]
        for ps in sets:
            if kind and STRINGY.search(cap) and any(ps):
                continue
            c = bytes(bytearray(cap))
            keep.append(c)
            try:
                r = "= " + esc(curses.tparm(c, *ps))
            except Exception as e:
                r = "! " + type(e).__name__
            out.append("%s\t%s\t%s" % (esc(c), ",".join(map(str, ps)), r))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


TERMINFO_DIR = None

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        TERMINFO_DIR = sys.argv[4] or None
        if TERMINFO_DIR:
            os.environ["TERMINFO"] = TERMINFO_DIR
        child(sys.argv[2], sys.argv[3] if sys.argv[3] != "terms" else None)
        sys.exit(0)
    terms = []
    seen_names = set()
    for d in ["/usr/share/terminfo", "/lib/terminfo"]:
        if not os.path.isdir(d):
            continue
        for sub in sorted(os.listdir(d)):
            p = os.path.join(d, sub)
            if not os.path.isdir(p):
                continue
            for name in sorted(os.listdir(p)):
                if name not in seen_names:
                    seen_names.add(name)
                    terms.append((name, d))
    seen_caps = set()
    skipped = []
    lines = []
    nterms = 0

    def run(name, d, kind):
        r = subprocess.run(
            [sys.executable, __file__, "--child", name, kind, d],
            capture_output=True,
        )
        if r.returncode != 0:
            # Hard-copy terminals: ncurses' setupterm refuses them.
            skipped.append(name)
            return None
        return r.stdout.decode("ascii").splitlines()

    edge = run("dumb", "", "edge")
    lines.append("T edge-cases")
    lines += edge
    rand = []
    for k in range(4):
        got = run("dumb", "", "random%d" % k)
        if got is not None:
            lines.append("T random%d" % k)
            lines += got
            rand += got
    for name, d in terms:
        got = run(name, d, "terms")
        if got is None:
            continue
        nterms += 1
        # Dedupe across terminals, but keep every cap that sets a static
        # variable: the replay must see the same sets in the same order.
        block = []
        for ln in got:
            cap = ln.split("\t", 1)[0]
            if cap in seen_caps and not STATIC_SET.search(cap.encode()):
                continue
            block.append(ln)
        for ln in block:
            seen_caps.add(ln.split("\t", 1)[0])
        if block:
            lines.append("T " + name)
            lines += block
    with open(os.path.join(HERE, "tparm.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    ncases = sum(1 for l in lines if not l.startswith("T "))
    print(
        "%d cases: %d edge, %d random, the rest from %d terminals (%d skipped)"
        % (ncases, len(edge), len(rand), nterms, len(skipped)),
        file=sys.stderr,
    )
