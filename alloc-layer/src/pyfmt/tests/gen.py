#!/usr/bin/env python3
"""The oracle for strata-alloc's pyfmt: runs Python 3.11's own `%`,
`format()`, `str.format` and `string.Template` over a generated set of
formats and values, and writes what Python gives (text, or exception class
and message) to cases.txt beside this script, which the unit test
`pyfmt::tests` replays.

    python3 alloc-layer/src/pyfmt/tests/gen.py

One case per line, fields separated by tabs; in a field `\\`, tab and
newline are written `\\\\`, `\\t`, `\\n`:

    OP  FORMAT  RESULT  ARG...

OP: `pt` fmt % tuple, `pm` fmt % mapping, `fv` format(value, spec) (FORMAT
is the spec, one ARG), `fs` fmt.format(*positional, **keywords), `ts`
Template(fmt).substitute(**kw), `tss` safe_substitute, `ti`
get_identifiers() (RESULT is the identifiers joined by spaces).
RESULT: `=text` or `!ExceptionName:message`.
ARG: `i:42` int, `b:1` bool, `f:<repr>` float, `n:` None, `s:text` str;
prefixed by `name=` for a keyword / mapping entry.
"""
import os
import random
import string
import sys

assert sys.version_info[:2] == (3, 11), "the fixture is Python 3.11's"

rng = random.Random(20261203)


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def typed(v):
    if v is None:
        return "n:"
    if isinstance(v, bool):
        return "b:%d" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:" + repr(v)
    assert isinstance(v, str)
    return "s:" + v


def representable(s):
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


lines = []
seen = set()


def case(op, fmt, fn, args):
    key = (op, fmt, tuple(args))
    if key in seen:
        return
    seen.add(key)
    try:
        got = fn()
        if isinstance(got, list):
            got = " ".join(got)
        result = "=" + got
    except (TypeError, ValueError, KeyError, IndexError, OverflowError) as e:
        result = "!%s:%s" % (type(e).__name__, str(e))
    if not (representable(result) and representable(fmt)):
        return
    lines.append("\t".join([op, esc(fmt), esc(result)] + [esc(a) for a in args]))


INTS = [0, 1, -1, 7, 42, -42, 255, 65, 1234567, -9876543210, 2**63 - 1, -(2**63), 10**20]
FLOATS = [0.0, -0.0, 0.1, 1.5, -2.5, 123456.789, 1e16, 1e-7, 3.14159265358979,
          float("nan"), float("inf"), float("-inf"), 1e100, 0.5, 2.675, -1234.5678]
STRS = ["", "a", "abc", "héllo", "日本語", "x'y", 'q"', "tab\there", "\x7f€"]
OTHERS = [True, False, None]
VALUES = INTS + FLOATS + STRS + OTHERS


def pt(fmt, args):
    case("pt", fmt, lambda: fmt % tuple(args), [typed(a) for a in args])


def pm(fmt, mapping):
    case("pm", fmt, lambda: fmt % mapping, ["%s=%s" % (k, typed(v)) for k, v in mapping.items()])


# --- % : every conversion, flag set, width and precision over the values.
CONVS = "sradiuoxXeEfFgGc"
FLAGS = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+#0", "- "]
WIDTHS = ["", "1", "6", "12"]
PRECS = ["", ".0", ".1", ".3", ".8"]
for conv in CONVS:
    for v in VALUES:
        pt("%" + conv, [v])
    for _ in range(90):
        spec = "%" + rng.choice(FLAGS) + rng.choice(WIDTHS) + rng.choice(PRECS) + conv
        pt(spec, [rng.choice(VALUES)])
for c in [0x41, 0xe9, 0x65e5, 0x1f600, 0x10ffff, 0x110000, -1, "€", "ab", "", 1.0, None]:
    pt("%c|%3c|%-3c", [c, 65, 66] if not isinstance(c, str) or len(c) == 1 else [c, 65, 66])
for fmt, args in [
    ("%s %s", [1]), ("%s", [1, 2]), ("", [1]), ("%", []), ("abc %", [1]), ("%5", [1]),
    ("%.", [1]), ("%-", [1]), ("%q", []), ("%q", [1]), ("x%yz", [1]), ("é%é", [1]),
    ("%ld|%hd|%Lf", [3, 4, 1.5]), ("%lld", [3]), ("%5%", []), ("%5%", [1]), ("%%|%s%%", ["x"]),
    ("%*d", [5, 42]), ("%-*d|", [5, 42]), ("%*d|", [-5, 42]), ("%.*f", [2, 3.14159]),
    ("%.*f", [-2, 3.14159]), ("%*.*f", [9, 2, 3.14159]), ("%*d", ["a", 1]), ("%*d", [1.5, 1]),
    ("%*d", [True, 1]), ("%*s", [3]), ("%(a)s", [1]), ("%99999999999999999999d", [1]),
    ("%.99999999999d", [1]), ("%s %r %a", ["é", "é", "é"]), ("%a", ["日\n"]),
    ("%.2s|%5.1s|%-4.3s|", ["héllo", "日本", "abcdef"]), ("%x %X %o", [255, 255, 8]),
    ("%#x %#X %#o", [-255, 255, 0]), ("%#.5x %#08x %-#8X|", [42, 42, 42]),
    ("%d", [1e100]), ("%d", [-1e20]), ("%i", [-0.9]), ("%u", [2.99]), ("%d", [float("nan")]),
    ("%d", [float("inf")]), ("%x", [1.5]), ("%o", ["7"]), ("%d", ["7"]), ("%d", [None]),
    ("%f", ["1"]), ("%e", [None]), ("%g", [10**20]), ("%c", [3.5]), ("%c", ["xy"]),
    ("%05s|%+s|% s", ["a", "b", "c"]), ("%+05d|% 05d|%-+5d|", [1, 2, 3]),
    ("%010.3f|%-10.2e|%+.3g", [-3.14159, 31415.9, 0.000123456]), ("%#g|%#.0f|%#.0e", [1.0, 2.0, 3.0]),
    ("%05f|%-6f|%06.1f", [float("nan"), float("inf"), float("-inf")]),
]:
    pt(fmt, args)
for fmt, mapping in [
    ("%(a)s", {"a": 1}), ("%(a)s %(b)r", {"a": "x", "b": "y"}), ("%(a)s", {}),
    ("%(missing)d", {"a": 1}), ("%(a)5.2f|%(a)-8d|", {"a": 3.14159}), ("%(a)", {"a": 1}),
    ("%(a", {"a": 1}), ("%(a(b))s", {"a(b)": 1}), ("%()s", {"": "empty"}), ("%(a)q", {}),
    ("%(a)q", {"a": 1}), ("%(a)*d", {"a": 3}), ("%(a)s %s", {"a": 1}), ("%(a)%", {"a": 1}),
    ("%(é)s|%(a)c", {"é": "ü", "a": 97}), ("%(asctime)s %(levelname)-8s %(message)s",
                                          {"asctime": "2026-12-03", "levelname": "INFO", "message": "hi"}),
    ("%(n)05d|%(n)+x|%(n)#o", {"n": -42}), ("100%% %(p)s", {"p": "sure"}), ("plain", {}),
]:
    pm(fmt, mapping)


# --- format(value, spec).
def fv(spec, v):
    case("fv", spec, lambda: format(v, spec), [typed(v)])


TYPES = ["", "s", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%"]
for t in TYPES:
    for v in VALUES:
        fv(t, v)
FILLS = ["", "<", ">", "^", "=", "*<", "*>", "*^", "0=", "é^", "-="]
SIGNS = ["", "+", "-", " "]
for _ in range(2200):
    spec = (rng.choice(FILLS) + rng.choice(SIGNS) + rng.choice(["", "", "z"]) + rng.choice(["", "", "#"])
            + rng.choice(["", "", "0"]) + rng.choice(["", "", "1", "8", "15"]) + rng.choice(["", "", ",", "_"])
            + rng.choice(["", "", ".0", ".2", ".6", ".12"]) + rng.choice(TYPES))
    fv(spec, rng.choice(VALUES))
for spec, v in [
    (",", 1234567), ("_", 1234567), ("_x", 0xDEADBEEF), ("_b", 255), ("_o", 4095), (",x", 255),
    (",d", -1234567), ("012,", 1234), ("015,.2f", 1234567.891), ("0=12,", -5), (",.3e", 12345.6),
    (",", 1234567.891), ("_", 1234.5), (",g", 123456789.0), (",%", 12345.678), ("#x", 255), ("#b", -5),
    ("#o", 8), ("#X", 255), ("c", 65), ("c", 0x1F600), ("c", -1), ("c", 0x110000), ("+c", 65), (",c", 65),
    (".3", "abcdef"), ("5.2", "héllo"), ("^7", "日本"), ("<5", None), ("", None), ("s", None), ("x", "a"),
    ("d", "a"), ("d", 1.5), ("f", "a"), ("+", "a"), ("=5", "a"), (",", "a"), ("#", "a"), ("0", "a"),
    ("05", "ab"), ("z", "a"), ("z", 1), ("zd", 1), ("z.1f", -0.01), ("z", -0.0), ("zg", -0.0),
    (".2", 1), (".2d", 1), ("x", 1.5), ("c", 1.5), (".1c", 65), ("=", 5), ("=^", 5), ("<<", 5),
    ("10000000000000000000", 1), (".10000000000000000000f", 1.0), ("5q", 1), ("q", 1.0), ("q", "s"),
    ("%", 0.5), (".1%", 0.12345), ("e", 0), ("g", 10**17), ("n", 1234567), ("n", 1234.5),
    (",n", 1), ("_n", 1.0), ("_c", 65), (",s", "a"), ("_", "a"), (".0", 1.5), (".0", 0.5), ("", 1e16),
    ("", 1e-5), (".3", 1e16), ("10", 1.5), ("#", 1.0), ("#.0", 1.0), ("#g", 100.0), ("", True),
    ("d", True), ("5", True), ("x", False), ("f", True), (">5", True), ("s", True), ("^", ""),
    ("\x00<5", 1), ("{<5", 1), ("}<5", 1), ("abc", 1), ("0>5", "a"), (".", 1), ("5.", 1.0), (",_", 1),
    ("_,", 1), ("-0", 1.5), (" =5", -3),
]:
    fv(spec, v)


# --- str.format.
def fs(fmt, pos, kw):
    case("fs", fmt, lambda: fmt.format(*pos, **kw),
         [typed(a) for a in pos] + ["%s=%s" % (k, typed(v)) for k, v in kw.items()])


for fmt, pos, kw in [
    ("{}", [1], {}), ("{} {}", [1, "a"], {}), ("{0} {1} {0}", ["x", "y"], {}), ("{1}", ["x"], {}),
    ("{}", [], {}), ("{} {0}", [1], {}), ("{0} {}", [1], {}), ("{name}", [], {"name": "n"}),
    ("{name}", [], {}), ("{name!r} {name!s} {name!a}", [], {"name": "é"}), ("{!r:>8}", ["a"], {}),
    ("{!x}", [1], {}), ("{!}", [1], {}), ("{!rr}", [1], {}), ("{:{}}", ["a", 5], {}),
    ("{:{w}.{p}f}", [3.14159], {"w": 10, "p": 2}), ("{:{}{}}", [3, "<", 4], {}),
    ("{0:{1}}", ["a", 4], {}), ("{:{:{}}}", [1, 2, 3], {}), ("{{}} {{{}}}", [1], {}), ("}", [], {}),
    ("{", [], {}), ("a}b", [], {}), ("{0", [1], {}), ("{:", [1], {}), ("{0!r", [1], {}),
    ("{:>5}|{:<5}|{:^5}", [1, 2, 3], {}),
    ("{:,}|{:_x}|{:08.3f}", [1234567, 65535, -3.14159], {}), ("{x:d}", [], {"x": "s"}),
    ("{x:q}", [], {"x": 1}), ("{:s}", [1], {}), ("{asctime} {levelname:<8} {message}", [],
                                                  {"asctime": "t", "levelname": "INFO", "message": "m"}),
    ("{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}", list(range(11)), {}), ("{00}", ["z"], {}), ("{-1}", ["z"], {}),
    ("{ }", [], {" ": 1}), ("{é}", [], {"é": 2}), ("{:{}}", [1, "x"], {}), ("{:}", [None], {}),
    ("{!s:^9}", [None], {}), ("{:>{w}}", ["r"], {"w": 6}), ("{:{w}}", ["r"], {"w": "6"}),
    ("{0:}{0!s:}", [2.5], {}), ("{}}", [1], {}), ("{{", [], {}), ("}}", [], {}), ("{{}", [], {}),
    ("{:d}", [True], {}), ("{:%}", [True], {}), ("{:{}}", [1, "{}"], {}), ("x{0:{1}{2}}y", [5, "0", 4], {}),
    ("{:^{}.{}}", ["abcdef", 9, 3], {}), ("{:{}}", [1, 10**30], {}),
]:
    fs(fmt, pos, kw)
for _ in range(150):
    spec = rng.choice(FILLS) + rng.choice(SIGNS) + rng.choice(["", "8", "12"]) + rng.choice(["", ".3"]) + rng.choice(TYPES)
    fs("<{:" + spec + "}>", [rng.choice(VALUES)], {})


# --- string.Template.
def tpl(fmt, kw):
    args = ["%s=%s" % (k, typed(v)) for k, v in kw.items()]
    t = string.Template(fmt)
    case("ts", fmt, lambda: t.substitute(**kw), args)
    case("tss", fmt, lambda: t.safe_substitute(**kw), args)
    case("ti", fmt, lambda: t.get_identifiers(), [])


for fmt, kw in [
    ("$who likes $what", {"who": "tim", "what": "kung pao"}), ("${who}s", {"who": "tim"}),
    ("$$ $$who $who$", {"who": 1}), ("$who", {}), ("${who", {"who": 1}), ("$", {}), ("a $ b", {}),
    ("$1", {}), ("$é", {}), ("${é}", {}), ("${}", {}), ("${ who}", {"who": 1}), ("$_x_1 $_", {"_x_1": 2, "_": 3}),
    ("$WHO $Who", {"WHO": 1, "Who": 2}), ("line1\nline2 $", {}), ("ab\ncd\nef$!", {}), ("\n$", {}),
    ("$a$b$c", {"a": 1, "b": 2.5, "c": None}), ("$a.$b", {"a": True, "b": "x"}), ("${a}${b}", {"a": -1}),
    ("$a $a $b $a", {}), ("$$", {}), ("$$$", {}), ("$$$a", {"a": "z"}), ("é $a é", {"a": "日本"}),
    ("${a}b $ab", {"a": 1}), ("${A_1}", {"A_1": 0.1}), ("x$", {}), ("$ ", {}), ("$-a", {"a": 1}),
    ("${a}}", {"a": 1}), ("${{a}}", {"a": 1}), ("$a\u0130", {"a": 1}), ("$K", {"K": 1}), ("$\u212a", {}),
    ("", {}), ("no placeholders", {}), ("$a$", {"a": 1}), ("r\n$ab $\n", {"ab": 1}),
]:
    tpl(fmt, kw)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "cases.txt"), "w", encoding="utf-8") as f:
    f.write("# Generated by gen.py from Python %s; do not edit.\n" % sys.version.split()[0])
    for line in lines:
        f.write(line + "\n")
print("%d cases" % len(lines))
