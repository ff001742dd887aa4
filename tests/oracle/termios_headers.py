#!/usr/bin/env python3
"""Checks termios.txt (CPython on x86_64) against the kernel headers of
aarch64, riscv64 and armv7, as installed with the Debian cross compilers
(gcc-aarch64-linux-gnu, ...): every name the headers define must have the
fixture's value (VSWTCH is glibc's name, absent there). The speeds are
left out (Strata has none) and NCCS is the kernel's 19 everywhere. Prints
one line per arch; exits 1 on a mismatch.

Run: python3 tests/oracle/termios_headers.py
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARCHES = ["x86_64-linux-gnu", "aarch64-linux-gnu", "riscv64-linux-gnu", "arm-linux-gnueabihf"]
HEADERS = "#include <asm/termios.h>\n#include <linux/tty.h>\n#include <sys/ttydefaults.h>\n"

fixture = dict(line.split("=") for line in open(os.path.join(HERE, "termios.txt")).read().split())
names = [n for n in fixture if not re.fullmatch(r"B\d+|EXTA|EXTB|NCCS", n)]


def c_eval(expr):
    """The value of a C constant expression of these headers."""
    expr = re.sub(r"'\\([0-7]+)'", lambda c: str(int(c.group(1), 8)), expr)
    expr = re.sub(r"'(.)'", lambda c: str(ord(c.group(1))), expr)
    expr = re.sub(r"\b(0x[0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr)
    expr = re.sub(r"\b0([0-7]+)\b", r"0o\1", expr)
    return eval(expr, {})


failed = False
for arch in ARCHES:
    gcc = f"{arch}-gcc" if arch != "x86_64-linux-gnu" else "gcc"
    src = HEADERS + "".join(f'"{n}" {n}\n' for n in names)
    try:
        out = subprocess.run([gcc, "-E", "-P", "-x", "c", "-"], input=src.encode(),
                             capture_output=True, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"{arch}: skipped ({e})")
        continue
    checked, wrong, undefined = 0, [], []
    for line in out.splitlines():
        m = re.fullmatch(r'"(\w+)" (.+)', line.strip())
        if not m:
            continue
        if m.group(1) == m.group(2):
            undefined.append(m.group(1))
            continue
        value = c_eval(m.group(2))
        checked += 1
        if value != int(fixture[m.group(1)]):
            wrong.append(f"{m.group(1)}={value}")
    print(f"{arch}: {checked} names checked, mismatches: {wrong or 'none'}, "
          f"not in these headers: {' '.join(undefined) or 'none'}")
    failed |= bool(wrong)
sys.exit(1 if failed else 0)
