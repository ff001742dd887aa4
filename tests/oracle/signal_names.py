#!/usr/bin/env python3
"""Writes signal.txt: CPython's signal names and strsignal texts (glibc).

One line per signal 1..64, tab-separated: number, Signals(n).name or -,
strsignal(n) or - when CPython returns None.
Run: python3 tests/oracle/signal_names.py > tests/oracle/signal.txt
(Not named signal.py: that would shadow the module it imports.)
"""
import signal

for n in range(1, 65):
    try:
        name = signal.Signals(n).name
    except ValueError:
        name = "-"
    text = signal.strsignal(n)
    print(f"{n}\t{name}\t{text if text is not None else '-'}")
