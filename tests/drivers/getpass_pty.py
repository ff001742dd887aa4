#!/usr/bin/env python3
"""Drives the `getpass` test program on a real pseudo-terminal and prints
TAP lines (`ok N - name`), which the harness tallies.

Usage: getpass_pty.py PROGRAM [RUNNER...]   (RUNNER: e.g. qemu-aarch64-static)

The child gets the pty's slave as its controlling terminal (setsid +
TIOCSCTTY) and as stdin/stdout/stderr; this script keeps the master, to
type, and the slave, to read the terminal's mode from outside.
"""
import fcntl
import os
import select
import signal
import subprocess
import sys
import termios
import time

PROGRAM = sys.argv[1]
RUNNER = sys.argv[2:]
count = 0
failed = 0


def check(name, ok, detail=""):
    global count, failed
    count += 1
    if ok:
        print(f"ok {count} - {name}")
    else:
        failed += 1
        print(f"not ok {count} - {name}")
        if detail:
            print("  # " + detail.replace("\n", "\n  # "))


def spawn(*args):
    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        # A shell runs a background job with SIGINT and SIGQUIT ignored, and
        # getpass rightly re-raises into the disposition it found: start
        # the program as a terminal would, with every signal at its default.
        for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGTSTP):
            signal.signal(sig, signal.SIG_DFL)
        os.execvp((RUNNER or [PROGRAM])[0], RUNNER + [PROGRAM] + list(args))
    return pid, master, slave


def read_until(master, needle, timeout=20.0):
    """What the terminal showed, up to and including `needle`."""
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def finish(pid, master, timeout=20.0):
    """The rest of the output, and the wait status."""
    rest = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                rest += os.read(master, 1024)
            except OSError:
                pass
        if done:
            return rest, status
    os.kill(pid, signal.SIGKILL)
    return rest, os.waitpid(pid, 0)[1]


def echo_on(slave):
    return bool(termios.tcgetattr(slave)[3] & termios.ECHO)


def echo_off_soon(slave, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not echo_on(slave):
            return True
        time.sleep(0.01)
    return False


# 1. A password typed at the prompt: not echoed, read, terminal restored.
pid, master, slave = spawn("read", "hunter2")
shown = read_until(master, b"Password: ")
check("the prompt shows on the terminal", shown.endswith(b"Password: "), repr(shown))
check("echo is off while it waits", echo_off_soon(slave))
isig = bool(termios.tcgetattr(slave)[3] & termios.ISIG)
check("ISIG stays on", isig)
os.write(master, b"hunter2\n")
rest, status = finish(pid, master)
check("the password is not echoed", b"hunter2" not in rest, repr(rest))
check("the program read it", b"match" in rest and b"mismatch" not in rest, repr(rest))
check("no GetPassWarning on a terminal", b"warning" not in rest, repr(rest))
check("exit status 0", os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, str(status))
check("echo is back on after success", echo_on(slave))
os.close(master)
os.close(slave)

# 2. End of input: EOF reported, terminal restored.
pid, master, slave = spawn("read", "x")
read_until(master, b"Password: ")
echo_off_soon(slave)
os.write(master, b"\x04")
rest, status = finish(pid, master)
check("^D gives EOF", b"eof" in rest and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3, repr(rest) + " " + str(status))
check("echo is back on after EOF", echo_on(slave))
os.close(master)
os.close(slave)

# 3. Ctrl-C: the terminal is restored, then SIGINT kills the program.
pid, master, slave = spawn("read", "x")
read_until(master, b"Password: ")
echo_off_soon(slave)
os.write(master, b"\x03")
rest, status = finish(pid, master)
check("^C ends the program by SIGINT", os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT, str(status) + " " + repr(rest))
check("echo is back on after SIGINT", echo_on(slave))
os.close(master)
os.close(slave)

# 4. SIGTERM from outside: same.
pid, master, slave = spawn("read", "x")
read_until(master, b"Password: ")
echo_off_soon(slave)
os.kill(pid, signal.SIGTERM)
rest, status = finish(pid, master)
check("SIGTERM ends the program by SIGTERM", os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, str(status))
check("echo is back on after SIGTERM", echo_on(slave))
os.close(master)
os.close(slave)

# 5. No terminal at all: stdin is read, with CPython's warning.
run = subprocess.run(
    RUNNER + [PROGRAM, "read", "s3cret"],
    input=b"s3cret\n",
    capture_output=True,
    start_new_session=True,
    timeout=60,
)
check(
    "without a terminal: the warning and prompt on stderr, stdin read",
    run.stderr == b"Warning: Password input may be echoed.\nPassword: \n"
    and run.stdout == b"match\nwarning: Can not control echo on the terminal.\n",
    repr(run.stderr) + " " + repr(run.stdout),
)

# 5b. fallback_getpass, beside CPython's with the same input: the same
# bytes on stderr (CPython's own `warnings` line left out), and the
# GetPassWarning as a value.
run = subprocess.run(
    RUNNER + [PROGRAM, "fallback", "s3cret"],
    input=b"s3cret\nmore\n",
    capture_output=True,
    start_new_session=True,
    timeout=60,
)
cpython = subprocess.run(
    [sys.executable, "-W", "ignore", "-c", "import getpass; getpass.fallback_getpass()"],
    input=b"s3cret\nmore\n",
    capture_output=True,
    start_new_session=True,
    timeout=60,
)
check(
    "fallback_getpass writes what CPython's writes, and warns",
    run.stderr == cpython.stderr
    and run.stdout == b"match\nwarning: Can not control echo on the terminal.\n",
    repr(run.stderr) + " " + repr(cpython.stderr) + " " + repr(run.stdout),
)

# 6. getuser: the environment first, then /etc/passwd.
env = {k: v for k, v in os.environ.items() if k not in ("LOGNAME", "USER", "LNAME", "USERNAME")}
run = subprocess.run(RUNNER + [PROGRAM, "user"], env=dict(env, USER="from-env"), capture_output=True, timeout=60)
check("getuser reads USER", run.stdout == b"from-env\n", repr(run.stdout))
run = subprocess.run(RUNNER + [PROGRAM, "user"], env=dict(env, LNAME="", USERNAME="un"), capture_output=True, timeout=60)
check("getuser skips empty values", run.stdout == b"un\n", repr(run.stdout))
import pwd
run = subprocess.run(RUNNER + [PROGRAM, "user"], env=env, capture_output=True, timeout=60)
check("getuser falls back to /etc/passwd", run.stdout.decode().strip() == pwd.getpwuid(os.getuid()).pw_name, repr(run.stdout))

print(f"1..{count}")
sys.exit(1 if failed else 0)
