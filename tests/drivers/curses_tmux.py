#!/usr/bin/env python3
"""Runs each scene of tests/oracle/curses_scenes with Python's curses
(ncurses) and with Strata's (the `curses` test program), on the same
terminal types, and prints TAP lines:

- in tmux (a private server, 80x24): the final screens, with attributes
  and colours (`capture-pane -e`), and the cursor must be identical;
- in a pty recorder: every byte each one writes is counted, frame by
  frame; Strata's must be at most ncurses's in every frame (issue 18).
The terminal types run side by side.

Usage: curses_tmux.py STRATA_PROGRAM [RUNNER...]
A scene's `#! keys K...` line names the keys tmux types into it (`hex:`
for raw bytes), `#! resize W H` the size tmux resizes it to; the errors
each run logs must be the same too. Last, a run with a TERM that has no
entry: Python's error and nothing drawn.
"""
import concurrent.futures
import fcntl
import itertools
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

from tap import check, plan

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "..", "oracle")
SCENES = os.path.join(ORACLE, "curses_scenes")
PYTHON = ["python3", os.path.join(ORACLE, "curses_scene.py")]
TERMS = ["xterm-256color", "linux", "vt100", "screen"]

strata = sys.argv[1:2]
runner = sys.argv[2:]
STRATA = runner + strata
SOCKET = f"strata-curses-{os.getpid()}"
LOGS = tempfile.mkdtemp(prefix="strata-curses-")
RUNS = itertools.count()


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
                          capture_output=True, text=True, timeout=20)


def screen(target):
    return tmux("capture-pane", "-p", "-e", "-t", target).stdout


def look(target):
    """What the pane shows, with the cursor: a change of either counts."""
    where = tmux("display", "-p", "-t", target, "#{cursor_x},#{cursor_y}").stdout
    return screen(target) + where


def settle(target, before=None, timeout=10.0):
    """Waits until the pane has stopped changing for 300 ms — after it has
    changed from `before` (what it showed before a key, or None for a new
    pane's blank screen), which a slow machine may take a while to do; a
    key that changes nothing costs 3 s."""
    start = time.monotonic()
    deadline = start + timeout
    last = look(target)
    blank = before is None
    while blank or last == before:
        if time.monotonic() > start + 3:
            break
        time.sleep(0.05)
        last = look(target)
        blank = before is None and not screen(target).strip()
    since = time.monotonic()
    while time.monotonic() < deadline:
        now = look(target)
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


def keys_of(scene):
    """How many times the scene waits for a key before `end`."""
    n = 0
    for line in open(scene, encoding="utf-8"):
        w = line.split(" ")[0].strip()
        n += w in ("key", "getkey", "getch")
    return n


def header(scene, name):
    """The words of a scene's `#! NAME ...` line (empty when none)."""
    for line in open(scene, encoding="utf-8"):
        if line.startswith(f"#! {name} "):
            return line.split()[2:]
    return []


def in_tmux(argv, term, scene, name, ends=False):
    """The final screen, cursor and error log of one run in a fresh 80x24
    session (`ends`: once the program has ended by itself)."""
    target = f"s{next(RUNS)}{name}"
    log = os.path.join(LOGS, target)
    cmd = " ".join(["env", f"TERM={term}", f"CURSES_SCENE_LOG={log}"]
                   + [f"'{a}'" for a in argv + [scene]])
    tmux("new-session", "-d", "-s", target, "-x", "80", "-y", "24", cmd)
    settle(target)
    deadline = time.monotonic() + 10
    while ends and time.monotonic() < deadline and tmux(
            "display", "-p", "-t", target, "#{pane_dead}").stdout.strip() != "1":
        time.sleep(0.05)
    if ends and time.monotonic() >= deadline:
        ps = subprocess.run(["ps", "-o", "pid,stat,wchan:20,args", "-p",
                             tmux("display", "-p", "-t", target, "#{pane_pid}").stdout.strip()],
                            capture_output=True, text=True).stdout
        print(f"# {target}: still running after 10 s:\n# " + ps.replace("\n", "\n# "))
    if ends:
        settle(target)
    typed = header(scene, "keys")
    resize = header(scene, "resize")
    if typed:
        for key in typed:
            before = look(target)
            if key.startswith("hex:"):
                raw = key[4:]
                tmux("send-keys", "-t", target, "-H",
                     *[raw[i:i + 2] for i in range(0, len(raw), 2)])
            else:
                tmux("send-keys", "-t", target, key)
            if key == "Escape" or key.startswith("hex:1b"):
                # A lone ESC is a key only after ESCDELAY (1 s).
                time.sleep(1.2)
            settle(target, before)
    elif resize:
        before = look(target)
        tmux("resize-window", "-t", target, "-x", resize[0], "-y", resize[1])
        settle(target, before)
    else:
        for _ in range(keys_of(scene)):
            before = look(target)
            tmux("send-keys", "-t", target, "x")
            settle(target, before)
    # The status line tmux writes over a dead pane has the time in it.
    shown = "".join(line for line in screen(target).splitlines(True)
                    if not line.startswith("Pane is dead"))
    cursor = tmux("display", "-p", "-t", target, "#{cursor_x},#{cursor_y}").stdout
    tmux("send-keys", "-t", target, "x")
    time.sleep(0.2)
    tmux("kill-session", "-t", target)
    try:
        with open(log, encoding="utf-8") as f:
            errors = f.read()
        os.remove(log)
    except FileNotFoundError:
        errors = ""
    # The interpreters word a malformed scene line each their own way.
    errors = re.sub(r"bad scene line: .*", "bad scene line", errors)
    return shown, cursor.strip(), errors


def recorded(argv, term, scene):
    """The bytes one run writes on a 24x80 pty, frame by frame: a key is
    typed when the output has been quiet for 200 ms, and each frame is
    what came before the next key (the last, what came until the end)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = term
        try:
            # The size set before the program starts: set after, it would
            # be a SIGWINCH, and a KEY_RESIZE for a getch to end on.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execvp(argv[0], argv + [scene])
        finally:
            os._exit(127)
    out = b""
    frames = []
    keys = keys_of(scene) + 1

    def drain():
        """Reads until 200 ms pass with nothing — counted from the first
        byte, which a slow machine may take up to 3 s to send."""
        nonlocal out
        end = time.monotonic() + 5
        quiet = time.monotonic() + 3
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
        alive = drain()
        frames.append(len(out) - sum(frames))
        if not alive:
            break
        os.write(fd, b"x")
    drain()
    frames.append(len(out) - sum(frames))
    os.waitpid(pid, 0)
    os.close(fd)
    return frames


def compare(name, want, got):
    """One check, as (name, passed, detail): the same cells, cursor and
    errors as ncurses's run."""
    same = (cells(want[0]), want[1], want[2]) == (cells(got[0]), got[1], got[2])
    detail = ""
    if not same:
        import difflib
        show = lambda r: (r[0] + "cursor " + r[1] + "\nerrors:\n" + r[2]).splitlines()
        detail = "\n".join(difflib.unified_diff(
            show(want), show(got), "ncurses", "strata", lineterm=""))
    return (f"{name}: the screen is ncurses's", same, detail)


def one_terminal(term, scenes):
    """Every scene on one terminal type: the checks, notes and byte totals
    (run beside the other terminal types)."""
    results, notes = [], []
    totals = [0, 0]
    for name in scenes:
        scene = os.path.join(SCENES, name)
        short = name[:-6]
        want = in_tmux(PYTHON, term, scene, "py")
        got = in_tmux(STRATA, term, scene, "st")
        results.append(compare(f"{term} {short}", want, got))
        # Typed keys and resizing need tmux: no byte count.
        if header(scene, "keys") or header(scene, "resize"):
            continue
        py = recorded(PYTHON, term, scene)
        st = recorded(STRATA, term, scene)
        totals[0] += sum(st)
        totals[1] += sum(py)
        frames = len(st) == len(py) and all(a <= b for a, b in zip(st, py))
        results.append((f"{term} {short}: bytes per frame at most ncurses's "
                        f"(strata {st}, ncurses {py})", frames, ""))
    return results, totals


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
        with concurrent.futures.ThreadPoolExecutor(len(TERMS)) as pool:
            jobs = [pool.submit(one_terminal, term, scenes) for term in TERMS]
            for job in jobs:
                results, (st, py) = job.result()
                for result in results:
                    check(*result)
                totals["strata"] += st
                totals["ncurses"] += py
        # A terminal with no entry anywhere: Python's error, the screen
        # left alone.
        scene = os.path.join(SCENES, "text.scene")
        want = in_tmux(PYTHON, "strata-no-such-terminal", scene, "py", ends=True)
        got = in_tmux(STRATA, "strata-no-such-terminal", scene, "st", ends=True)
        check(*compare("an unknown TERM", want, got))
        if "could not find terminal" not in want[2]:
            check("an unknown TERM: Python's error is in the log", False, want[2])
    finally:
        tmux("kill-server")
    s, n = totals["strata"], totals["ncurses"]
    print(f"# bytes, all scenes and terminals: strata {s}, ncurses {n}"
          + (f" ({s / n:.2f} x)" if n else ""))
    return plan()


sys.exit(main())
