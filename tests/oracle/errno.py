#!/usr/bin/env python3
"""Writes errno.txt: CPython's view of errno on this machine (glibc, Linux).

Two kinds of lines, tab-separated:
  code  <n>  <errno.errorcode.get(n) or ->  <os.strerror(n)>
  name  <NAME>  <getattr(errno, NAME)>
Run: python3 tests/oracle/errno.py > tests/oracle/errno.txt
"""
import errno
import os

for n in range(-2, 140):
    print(f"code\t{n}\t{errno.errorcode.get(n, '-')}\t{os.strerror(n)}")
for name in sorted(n for n in dir(errno) if n.startswith("E")):
    print(f"name\t{name}\t{getattr(errno, name)}")
