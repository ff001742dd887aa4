#!/usr/bin/python3
"""Writes pickle_fixtures.txt: `name hex` lines, the bytes of
pickle.dumps(case, 1) for the cases the unit tests of
alloc-layer/src/logging/handlers/pickle.rs build by the same names.

Run from this folder: /usr/bin/python3 make_pickle_fixtures.py
"""
import pickle


def numbered(n):
    return {str(i): i for i in range(n)}


def distinct(s):
    # A new str object with the same text (not the constant).
    return "".join(list(s))


cases = {
    "none": None,
    "true": True,
    "false": False,
    "int_0": 0,
    "int_255": 255,
    "int_256": 256,
    "int_65535": 65535,
    "int_65536": 65536,
    "int_minus1": -1,
    "int_i32min": -2**31,
    "int_i32max": 2**31 - 1,
    "int_i32min_minus1": -2**31 - 1,
    "int_i32max_plus1": 2**31,
    "int_2_100": 2**100,
    "int_minus_2_100": -2**100,
    "int_i128min": -2**127,
    "float_1_5": 1.5,
    "float_minus0": -0.0,
    "float_inf": float("inf"),
    "float_tiny": 5e-324,
    "float_time": 1_700_000_000.1234567,
    "str_empty": "",
    "str_ascii": "hello",
    "str_unicode": "héllo ☃ 𝄞",
    "str_nul": "a\0b\n",
    "tuple_empty": (),
    "tuple_one": (1,),
    "tuple_mixed": (1, "a", None),
    "dict_empty": {},
    "dict_one": {"a": 1},
    "dict_nested": {"t": (True, 2.0), "d": {"x": "yz"}, "e": ()},
}
for n in (2, 1000, 1001, 2001):
    cases[f"dict_{n}"] = numbered(n)

shared = distinct("shared text")
cases["memo_strings"] = {
    "a": shared, "b": shared,
    "c": distinct("twin"), "d": distinct("twin"),
    "e": "", "f": distinct("x")[:0],
    "g": "é", "h": distinct("é"),
}
keys = [str(i) for i in range(300)]
long = {k: 0 for k in keys}
long["last"] = keys[299]
cases["memo_long"] = long

with open("pickle_fixtures.txt", "w") as f:
    for name, value in cases.items():
        f.write(f"{name} {pickle.dumps(value, 1).hex()}\n")
