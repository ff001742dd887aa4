#!/usr/bin/env python3
"""Drives the demo's live screen (`demo --top`) in tmux and prints TAP
lines: the header and the process list from /proc, the help panel shown
and hidden by `?`, a filter typed in the textpad after `/`, a redraw after
tmux resize-window, and `q` ending the program with the screen restored.

Usage: top_tmux.py DEMO_PROGRAM"""
import os
import shutil
import subprocess
import sys
import time

from tap import check, plan

SOCKET = f"strata-top-{os.getpid()}"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
                          capture_output=True, text=True, timeout=20)


def screen():
    return tmux("capture-pane", "-p", "-t", "top").stdout


def wait_for(pred, timeout=10.0):
    """The screen once `pred` holds for it (or the last one seen)."""
    deadline = time.monotonic() + timeout
    while True:
        now = screen()
        if pred(now) or time.monotonic() > deadline:
            return now
        time.sleep(0.1)


def rows(text):
    """The process rows: the lines under the header, by their command."""
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if "COMMAND" in l), len(lines))
    return [l.split()[-1] for l in lines[start + 1:] if l.strip()]


def main():
    if len(sys.argv) != 2:
        print("usage: top_tmux.py DEMO_PROGRAM", file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        check("tmux is installed (scripts/setup installs it)", False)
        return 1
    demo = os.path.abspath(sys.argv[1])
    tmux("new-session", "-d", "-s", "keep", "cat")
    tmux("set-option", "-g", "remain-on-exit", "on")
    tmux("new-session", "-d", "-s", "top", "-x", "100", "-y", "30",
         f"env TERM=xterm-256color '{demo}' --top")
    try:
        s = wait_for(lambda t: "load average" in t and "COMMAND" in t)
        check("the header shows the load and the tasks",
              "strata top - up" in s and "Tasks:" in s and "MiB used" in s, s)
        check("the list starts with PID 1, from /proc",
              len(rows(s)) > 5 and any(l.split()[:1] == ["1"] for l in s.splitlines()), s)
        tmux("send-keys", "-t", "top", "?")
        s = wait_for(lambda t: "this help" in t)
        check("? shows the help panel over the list",
              "this help" in s and "\u250c" in s or "this help" in s and "lqq" in s, s)
        tmux("send-keys", "-t", "top", "?")
        s = wait_for(lambda t: "this help" not in t)
        check("? again hides it, the list drawn where it was",
              "this help" not in s and len(rows(s)) > 5, s)
        tmux("send-keys", "-t", "top", "/")
        wait_for(lambda t: "filter: " in t.splitlines()[-1] if t.splitlines() else False)
        for key in ["d", "e", "m", "o", "Enter"]:
            tmux("send-keys", "-t", "top", key)
            time.sleep(0.1)
        s = wait_for(lambda t: "filter: demo" in t and rows(t) == ["demo"])
        check("/ demo Enter keeps only the demo's row", rows(s) == ["demo"], s)
        tmux("resize-window", "-t", "top", "-x", "60", "-y", "15")
        s = wait_for(lambda t: len(t.splitlines()) <= 15 and "load average" in t)
        width = max((len(l) for l in s.splitlines()), default=0)
        check("a resize redraws the screen at its new size",
              "strata top" in s and width <= 60 and rows(s) == ["demo"], s)
        tmux("send-keys", "-t", "top", "q")
        s = wait_for(lambda t: "Pane is dead" in t)
        status = tmux("display", "-p", "-t", "top", "#{pane_dead_status}").stdout.strip()
        check("q ends the program with status 0", status == "0", s + f"\nstatus {status!r}")
        alt = tmux("display", "-p", "-t", "top", "#{alternate_on}").stdout.strip()
        check("the terminal is back from the alternate screen", alt == "0", f"alternate_on {alt!r}")
    finally:
        tmux("kill-server")
    return plan()


sys.exit(main())
