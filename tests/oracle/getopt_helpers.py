#!/usr/bin/env python3
"""Writes getopt_helpers.txt: CPython's getopt.short_has_arg and
getopt.long_has_args over a few cases (Python 3.11: no `::`, no `=?`).

Run: python3 tests/oracle/getopt_helpers.py > tests/oracle/getopt_helpers.txt

Tab-separated lines:
  short  <opt>  <shortopts>  <True|False|error: opt: msg>
  long   <opt>  <longopt,...>  <has_arg match|error: opt: msg>
"""
import os
import sys

# getopt.py lives beside this file: keep its folder off the path.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _here]
import getopt  # noqa: E402

SHORT = [
    ("a", "ab:c"), ("b", "ab:c"), ("c", "ab:c"), ("x", "ab:c"), (":", "a:"),
    ("a", "a:a"), ("a", "aa:"), ("é", "xé:"), ("e", "é"), ("ab", "ab"), ("", "a"),
]
LONG = [
    ("foo", ["foo"]), ("foo", ["foo="]), ("fo", ["foo", "foobar"]),
    ("foob", ["foo", "foobar"]), ("foo", ["foo", "foo="]), ("foo", ["foo=", "foo"]),
    ("x", ["foo"]), ("f", ["foo=", "bar"]), ("", ["a", "b"]), ("ver", ["verbose", "version"]),
    ("verb", ["verbose", "version="]), ("versio", ["verbose", "version="]),
]

for opt, shortopts in SHORT:
    try:
        result = str(getopt.short_has_arg(opt, shortopts))
    except getopt.GetoptError as e:
        result = f"error: {e.opt}: {e.msg}"
    print(f"short\t{opt}\t{shortopts}\t{result}")
for opt, longopts in LONG:
    try:
        has_arg, match = getopt.long_has_args(opt, longopts)
        result = f"{has_arg} {match}"
    except getopt.GetoptError as e:
        result = f"error: {e.opt}: {e.msg}"
    print(f"long\t{opt}\t{','.join(longopts)}\t{result}")
