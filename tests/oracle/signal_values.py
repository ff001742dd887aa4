#!/usr/bin/env python3
"""Writes signal_values.txt: CPython's integer names of signal, NAME=VALUE.

The signal numbers (aliases included), SIG_DFL/SIG_IGN, SIG_BLOCK/
SIG_UNBLOCK/SIG_SETMASK, ITIMER_*, NSIG.
Run: python3 tests/oracle/signal_values.py > tests/oracle/signal_values.txt
"""
import signal

for name in dir(signal):
    value = getattr(signal, name)
    if not name.startswith("_") and isinstance(value, int):
        print(f"{name}={int(value)}")
