"""Runs a program on a real pty of 60 lines and 200 columns with
TERM=xterm-256color, reads everything it writes there as fast as it
comes, and prints how many bytes that was.

    ptydrive.py [--stderr FILE] [--keys TEXT] [--timeout S] PROGRAM ARGS...

The program's stderr goes to FILE (default: discarded), so its figures do
not mix with the screen. With --keys, TEXT is typed once the program has
written its first bytes (its screen is up), and again whenever it has
been quiet for a fifth of a second (a key typed before the program set
its modes may be dropped). Exits with the program's
status, or 124 after --timeout seconds (default 120).
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

LINES, COLS = 60, 200


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--stderr", default=os.devnull)
    p.add_argument("--keys")
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    if not a.command:
        p.error("a program is needed")
    env = dict(os.environ, TERM="xterm-256color")
    # The size must come from the pty, not from the environment.
    env.pop("LINES", None)
    env.pop("COLUMNS", None)
    err = os.open(a.stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    pid, master = pty.fork()
    if pid == 0:
        # The child: fds 0-2 are the pty's slave, its controlling terminal.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLS, 0, 0))
        os.dup2(err, 2)
        try:
            os.execvpe(a.command[0], a.command, env)
        finally:
            os._exit(127)
    os.close(err)
    total = 0
    keys = a.keys.encode() if a.keys is not None else None
    started = False
    deadline = time.monotonic() + a.timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            print(f"ptydrive: {a.command[0]} timed out", file=sys.stderr)
            sys.exit(124)
        quiet = 0.2 if keys and started else left
        if not select.select([master], [], [], min(left, quiet))[0]:
            if keys and started:
                os.write(master, keys)
            continue
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the slave's last holder has gone
            break
        if not chunk:
            break
        total += len(chunk)
        if keys and not started:
            os.write(master, keys)
        started = True
    _, status = os.waitpid(pid, 0)
    print(total)
    sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)


main()
