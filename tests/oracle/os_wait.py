#!/usr/bin/env python3
"""Writes os_wait.txt: CPython's decoding of wait statuses. Each line: the
status, then WIFEXITED WEXITSTATUS WIFSIGNALED WTERMSIG WCOREDUMP
WIFSTOPPED WSTOPSIG WIFCONTINUED (booleans as 0/1) and
waitstatus_to_exitcode (or ValueError).

    python3 tests/oracle/os_wait.py > tests/oracle/os_wait.txt
"""
import os

statuses = set()
for code in (0, 1, 2, 42, 127, 255):
    statuses.add(code << 8)                 # exited
for sig in range(1, 65):
    statuses.add(sig)                       # killed
    statuses.add(sig | 0x80)                # killed, core dumped
    statuses.add((sig << 8) | 0x7f)         # stopped
statuses.add(0xffff)                        # continued
statuses.update((0x7f, 0x17f, 0x80, 0x1ff))
for s in sorted(statuses):
    b = lambda x: "1" if x else "0"
    try:
        code = str(os.waitstatus_to_exitcode(s))
    except ValueError:
        code = "ValueError"
    print("\t".join([str(s), b(os.WIFEXITED(s)), str(os.WEXITSTATUS(s)),
                     b(os.WIFSIGNALED(s)), str(os.WTERMSIG(s)),
                     b(os.WCOREDUMP(s)), b(os.WIFSTOPPED(s)),
                     str(os.WSTOPSIG(s)), b(os.WIFCONTINUED(s)), code]))
