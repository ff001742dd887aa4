#!/usr/bin/env python3
"""Writes termios.txt: every integer name of CPython's termios, NAME=VALUE.

Run: python3 tests/oracle/termios_names.py > tests/oracle/termios.txt
(Not named termios.py: that would shadow the module it imports.)
(CPython 3.11 on x86_64 Linux; the values are the asm-generic ones that
aarch64, riscv64 and armv7 share.) Strata leaves out the speeds (B0 ...
B4000000, EXTA, EXTB: its speeds are baud numbers) and its NCCS is the
kernel's 19, not glibc's 32; the tests know both.
"""
import termios

for name in dir(termios):
    value = getattr(termios, name)
    if not name.startswith("_") and isinstance(value, int):
        print(f"{name}={value}")
