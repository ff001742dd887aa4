#!/usr/bin/env python3
"""Runs each scene of tests/oracle/curses_scenes with Python's curses
(ncurses) and with Strata's (the `curses` test program), on the same
terminal types, and prints TAP lines:

- in tmux (a private server, 80x24): the final screens, with attributes
  and colours (`capture-pane -e`), and the cursor must be identical;
- in a pty recorder: every byte each one writes is counted, per scene
  (reported beside each other; the benchmark figure of issue 18).

Usage: curses_tmux.py STRATA_PROGRAM [RUNNER...]
The input scene is typed with tmux send-keys; the resize scene is
resized with resize-window."""
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "..", "oracle")
SCENES = os.path.join(ORACLE, "curses_scenes")
PYTHON = ["python3", os.path.join(ORACLE, "curses_scene.py")]
TERMS = ["xterm-256color", "linux", "vt100", "screen"]
INPUT_KEYS = ["Up", "F1", "a", "Enter", "Escape"]

strata = sys.argv[1:2]
runner = sys.argv[2:]
STRATA = runner + strata
count = failed = 0
SOCKET = f"strata-curses-{os.getpid()}"


def check(name, ok, detail=""):
    global count, failed
    count += 1
    print(("ok" if ok else "not ok") + f" {count} - {name}")
    if not ok:
        failed += 1
        for line in detail.splitlines()[:40]:
            print("  # " + line)
    sys.stdout.flush()


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
                          capture_output=True, text=True, timeout=20)


def screen(target):
    return tmux("capture-pane", "-p", "-e", "-t", target).stdout


def settle(target, timeout=10.0):
    """Waits until the pane has stopped changing for 300 ms."""
    last, since = None, time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = screen(target)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > 0.3:
            break
        time.sleep(0.05)
    return last


SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def cells(captured):
    """The screen as rows of (character, attributes) cells: what is shown,
    whatever escape sequences tmux chose to write it with (where it puts
    \\x0f or a reset depends on how the cells came to be, not on them)."""
    state = {}
    acs = False
    rows = []
    for line in captured.split("\n"):
        row = []
        i = 0
        while i < len(line):
            m = SGR.match(line, i)
            if m:
                sgr(state, m.group(1))
                i = m.end()
                continue
            c = line[i]
            i += 1
            if c == "\x0e":
                acs = True
            elif c == "\x0f":
                acs = False
            elif c == "\x1b":
                continue
            else:
                row.append((c, acs and c != " ", tuple(sorted(state.items()))))
        while row and row[-1][0] == " " and not dict(row[-1][2]).get("bg") \
                and not dict(row[-1][2]).get("reverse"):
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def sgr(state, params):
    """Applies one SGR sequence's parameters to `state`."""
    p = [int(x) if x.isdigit() else 0 for x in params.replace(":", ";").split(";")]
    names = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink",
             7: "reverse", 8: "invisible"}
    offs = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",),
            25: ("blink",), 27: ("reverse",), 28: ("invisible",)}
    i = 0
    while i < len(p):
        n = p[i]
        if n == 0:
            state.clear()
        elif n in names:
            state[names[n]] = True
        elif n in offs:
            for k in offs[n]:
                state.pop(k, None)
        elif n in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
            state["fg" if n == 38 else "bg"] = p[i + 2]
            i += 2
        elif 30 <= n <= 37 or 90 <= n <= 97:
            state["fg"] = n - 30 if n < 90 else n - 82
        elif 40 <= n <= 47 or 100 <= n <= 107:
            state["bg"] = n - 40 if n < 100 else n - 92
        elif n == 39:
            state.pop("fg", None)
        elif n == 49:
            state.pop("bg", None)
        i += 1


def scripted_keys(scene):
    """The tmux keys a scene's `#! keys` line types, one at a time."""
    for line in open(scene, encoding="utf-8"):
        if line.startswith("#! keys "):
            return line.split()[2:]
    return []


def keys_of(scene):
    """How many times the scene waits for a key before `end`."""
    n = 0
    for line in open(scene, encoding="utf-8"):
        w = line.split(" ")[0].strip()
        n += w in ("key", "getkey", "getch")
    return n


def in_tmux(argv, term, scene, name):
    """The final screen and cursor of one run in a fresh 80x24 session."""
    target = f"s{count}{name}"
    cmd = " ".join(["env", f"TERM={term}"] + [f"'{a}'" for a in argv + [scene]])
    tmux("new-session", "-d", "-s", target, "-x", "80", "-y", "24", cmd)
    settle(target)
    base = os.path.basename(scene)
    typed = scripted_keys(scene)
    if typed:
        for key in typed:
            tmux("send-keys", "-t", target, key)
            settle(target, 2.0)
    elif base == "input.scene":
        for key in INPUT_KEYS:
            tmux("send-keys", "-t", target, key)
            settle(target)
    elif base == "resize.scene":
        tmux("resize-window", "-t", target, "-x", "60", "-y", "20")
        settle(target)
    else:
        for _ in range(keys_of(scene)):
            tmux("send-keys", "-t", target, "x")
            settle(target)
    # The status line tmux writes over a dead pane has the time in it.
    shown = "".join(line for line in screen(target).splitlines(True)
                    if not line.startswith("Pane is dead"))
    cursor = tmux("display", "-p", "-t", target, "#{cursor_x},#{cursor_y}").stdout
    tmux("send-keys", "-t", target, "x")
    time.sleep(0.2)
    tmux("kill-session", "-t", target)
    return shown, cursor.strip()


def recorded(argv, term, scene):
    """Every byte one run writes on a 24x80 pty, the keys typed when the
    output has been quiet for 200 ms."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = term
        try:
            os.execvp(argv[0], argv + [scene])
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    keys = keys_of(scene) + 1

    def drain():
        nonlocal out
        end = time.monotonic() + 5
        quiet = time.monotonic() + 0.2
        while time.monotonic() < min(end, quiet):
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                out += data
                quiet = time.monotonic() + 0.2
        return True

    for _ in range(keys):
        if not drain():
            break
        os.write(fd, b"x")
    drain()
    os.waitpid(pid, 0)
    os.close(fd)
    return out


def main():
    if not strata:
        print("usage: curses_tmux.py STRATA_PROGRAM [RUNNER...]", file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        check("tmux is installed (scripts/setup installs it)", False)
        return 1
    scenes = sorted(f for f in os.listdir(SCENES) if f.endswith(".scene"))
    totals = {"strata": 0, "ncurses": 0}
    # A session that outlives the runs, so that the option holds for all
    # of them, even one that ends before it could be set on its own.
    tmux("new-session", "-d", "-s", "keep", "-x", "80", "-y", "24", "cat")
    tmux("set-option", "-g", "remain-on-exit", "on")
    try:
        for term in TERMS:
            for name in scenes:
                scene = os.path.join(SCENES, name)
                short = name[:-6]
                want = in_tmux(PYTHON, term, scene, "py")
                got = in_tmux(STRATA, term, scene, "st")
                same = (cells(want[0]), want[1]) == (cells(got[0]), got[1])
                detail = ""
                if not same:
                    import difflib
                    detail = "\n".join(difflib.unified_diff(
                        (want[0] + "cursor " + want[1]).splitlines(),
                        (got[0] + "cursor " + got[1]).splitlines(),
                        "ncurses", "strata", lineterm=""))
                check(f"{term} {short}: the screen is ncurses's", same, detail)
                # Typed keys and resizing need tmux: no byte count.
                if name in ("input.scene", "resize.scene") or scripted_keys(scene):
                    continue
                py = len(recorded(PYTHON, term, scene))
                st = len(recorded(STRATA, term, scene))
                totals["ncurses"] += py
                totals["strata"] += st
                print(f"# bytes {term} {short}: strata {st}, ncurses {py}")
    finally:
        tmux("kill-server")
    s, n = totals["strata"], totals["ncurses"]
    print(f"# bytes, all scenes and terminals: strata {s}, ncurses {n}"
          + (f" ({s / n:.2f} x)" if n else ""))
    print(f"1..{count}")
    return 1 if failed else 0


sys.exit(main())
