#!/usr/bin/env python3
"""Writes getopt.txt: CPython's getopt.getopt and getopt.gnu_getopt over a
corpus of command lines, for strata-core's getopt module to match byte for
byte.

Run: python3 tests/oracle/getopt.py > tests/oracle/getopt.txt

Python 3.11 (on the build machine) predates Python 3.14's additions to
getopt: optional values (`x::` in shortopts, `name=?` in longopts) and the
in-order mode of a leading `-` in gnu_getopt's shortopts. So every case is
run twice: through the real `getopt` module, and through `rules_314` below,
a small independent re-statement of 3.14's Lib/getopt.py. Where the two
agree, the case is recorded as `py311` (this also checks rules_314 against
the real module on every such case); where they differ, the case must use a
3.14 addition (asserted), and rules_314's result is recorded as `rule314`.

Format: records of tab-separated lines. Every byte string is escaped:
printable ASCII except `\\` stands for itself, `\\` is `\\\\`, and every
other byte (space, tab, controls, 0x7f-0xff) is `\\xHH`. Arguments reach
Python as `bytes.decode("utf-8", "surrogateescape")`, as sys.argv does,
and results are encoded back the same way. A list is zero or more fields
after the tag, so `argv` is an empty list and `argv<TAB>` a list holding
one empty string.

  case  <n>  <getopt|gnu_getopt>  <env>  <py311|rule314>  <shortopts>
        env: `-` when POSIXLY_CORRECT is unset, else `=` and its value
  long  <longopt>...                 the longopts list
  argv  <arg>...                     the args list
then either the result,
  opt   <option>  <value>            one per (option, value) pair, in order
  group <arg>...                     an in-order (None, [args]) pair (3.14)
  args  <arg>...                     the returned non-option list
or the error raised,
  error <GetoptError.opt>  <GetoptError.msg>
"""
import os
import random
import sys

# This file is itself called getopt.py: keep its folder off the path so
# that the import below finds the standard library's module.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _here]
import getopt  # noqa: E402


def rules_314(func, args, shortopts, longopts, posixly_correct):
    """CPython 3.14's getopt(func == 'getopt') or gnu_getopt rules.

    Returns (opts, prog_args) or raises getopt.GetoptError, like the real
    functions. Written from the 3.14 documentation and source, not copied.
    """
    in_order = False
    if func == "getopt":
        options_first = True
    elif shortopts.startswith("-"):
        shortopts, options_first, in_order = shortopts[1:], False, True
    elif shortopts.startswith("+"):
        shortopts, options_first = shortopts[1:], True
    else:
        options_first = bool(posixly_correct)
    opts, pending, i = [], [], 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            pending += args[i:]
            break
        is_long = arg.startswith("--")
        if not is_long and (not arg.startswith("-") or arg == "-"):
            if options_first:
                pending += args[i - 1:]
                break
            pending.append(arg)
            continue
        if in_order and pending:
            opts.append((None, pending))
            pending = []
        if is_long:
            name, eq, value = arg[2:].partition("=")
            value = value if eq else None
            matches = [o for o in longopts if o.startswith(name)]
            if not matches:
                raise getopt.GetoptError(f"option --{name} not recognized", name)
            if name in matches:
                kind, full = "none", name
            elif name + "=" in matches:
                kind, full = "required", name
            elif name + "=?" in matches:
                kind, full = "optional", name
            elif len(matches) > 1:
                raise getopt.GetoptError(f"option --{name} not a unique prefix", name)
            elif matches[0].endswith("=?"):
                kind, full = "optional", matches[0][:-2]
            elif matches[0].endswith("="):
                kind, full = "required", matches[0][:-1]
            else:
                kind, full = "none", matches[0]
            if kind == "required" and value is None:
                if i == len(args):
                    raise getopt.GetoptError(f"option --{full} requires argument", full)
                value = args[i]
                i += 1
            elif kind == "none" and value is not None:
                raise getopt.GetoptError(
                    f"option --{full} must not have an argument", full)
            opts.append(("--" + full, value or ""))
            continue
        j = 1
        while j < len(arg):
            c = arg[j]
            j += 1
            at = shortopts.find(c) if c != ":" else -1
            if at < 0:
                raise getopt.GetoptError(f"option -{c} not recognized", c)
            colons = shortopts[at + 1:at + 3]
            if not colons.startswith(":"):
                opts.append(("-" + c, ""))
                continue
            if colons == "::" or j < len(arg):
                value = arg[j:]
            elif i < len(args):
                value = args[i]
                i += 1
            else:
                raise getopt.GetoptError(f"option -{c} requires argument", c)
            opts.append(("-" + c, value))
            break
    return opts, pending


def uses_314(func, shortopts, longopts):
    """Whether a case relies on something Python 3.11 does differently."""
    if func == "gnu_getopt" and shortopts.startswith("-"):
        return True
    if func == "gnu_getopt" and shortopts.startswith("+"):
        shortopts = shortopts[1:]
    return "::" in shortopts or any(o.endswith("=?") for o in longopts)


def run(call):
    try:
        return ("ok",) + tuple(call())
    except getopt.GetoptError as e:
        return ("error", e.opt, e.msg)


def real(func, args, shortopts, longopts, env):
    if env is None:
        os.environ.pop("POSIXLY_CORRECT", None)
    else:
        os.environ["POSIXLY_CORRECT"] = env
    return run(lambda: getattr(getopt, func)(list(args), shortopts, list(longopts)))


def esc(s):
    out = []
    for b in s.encode("utf-8", "surrogateescape"):
        if b == 0x5C:
            out.append("\\\\")
        elif 0x21 <= b <= 0x7E:
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


def line(tag, *fields):
    print("\t".join((tag,) + tuple(esc(f) for f in fields)))


def arg(raw):
    """A command-line argument given as bytes, as sys.argv would hold it."""
    return raw.decode("utf-8", "surrogateescape") if isinstance(raw, bytes) else raw


CASES = []


def case(func, shortopts, longopts, args, env=None):
    CASES.append((func, shortopts, tuple(longopts), tuple(arg(a) for a in args), env))


def both(shortopts, longopts, args, env=None):
    case("getopt", shortopts, longopts, args, env)
    case("gnu_getopt", shortopts, longopts, args, env)


L = ["alpha=", "beta", "apple", "color=?", "foo", "foobar", "file="]

# Short options: alone, clustered, attached and separate values.
both("ab", [], ["-a"])
both("ab", [], ["-a", "-b", "-a"])
both("abc", [], ["-abc"])
both("abc", [], ["-cba", "rest"])
both("o:", [], ["-ovalue"])
both("o:", [], ["-o", "value"])
both("o:", [], ["-o", "value", "x"])
both("ao:", [], ["-aovalue"])
both("ao:", [], ["-ao", "value"])
both("ao:", [], ["-oa"])
both("o:a", [], ["-o", "-a"])
both("o:", [], ["-o", "--"])
both("o:", [], ["-o", "-"])
both("o:", [], ["-o", ""])
both("o:", [], ["-o="])
both("o:a", [], ["-o", "v", "-a"])
# Missing value at the end.
both("o:", [], ["-o"])
both("ao:", [], ["-ao"])
both("ao:", [], ["-a", "-o"])
# Unknown short options, in and out of clusters.
both("ab", [], ["-x"])
both("ab", [], ["-axb"])
both("ab", [], ["-a", "-x", "file"])
both("", [], ["-a"])
both("a:", [], ["-:"])
both(":a", [], ["-:"])
both("a:b", [], ["-a:"])
# Option characters that are punctuation.
both("+a", [], ["-+"])
both("a-", [], ["-a-"])
both("a=", [], ["-a="])
both("?", [], ["-?"])
both("1a", [], ["-1"])
both("a", [], ["-1"])
both("0123456789", [], ["-12", "-3"])
both("1:", [], ["-1.5"])
both("a", [], ["-5", "x"])
both("a", [], ["a", "-5"])
# The first occurrence decides.
both("a:a", [], ["-a", "v"])
both("aa:", [], ["-a", "v"])
# Optional short values (3.14).
both("c::", [], ["-c"])
both("c::", [], ["-cval"])
both("c::", [], ["-c", "val"])
both("c::a", [], ["-ca"])
both("ac::", [], ["-ac"])
both("ac::", [], ["-acv", "x"])
both("c:::", [], ["-c"])
both("c::", [], ["-c", "-c"])

# Non-options, `-`, `--` and empty strings.
both("a", [], [])
both("a", [], ["-"])
both("a", [], ["-", "-a"])
both("a", [], ["--"])
both("a", [], ["--", "-a"])
both("a", [], ["--", "--"])
both("a", [], ["-a", "--", "-a", "b"])
both("a", [], [""])
both("a", [], ["", "-a"])
both("a", [], ["-a", ""])
both("a", [], ["file", "-a"])
both("a", [], ["-a", "file", "-a"])
both("a", [], ["-a", "file", "--", "-a"])
both("a", [], ["x y", "-a"])

# Long options.
both("", L, ["--beta"])
both("", L, ["--alpha=1"])
both("", L, ["--alpha", "1"])
both("", L, ["--alpha=", "x"])
both("", L, ["--alpha=a=b"])
both("", L, ["--alpha", "--beta"])
both("", L, ["--alpha"])
both("", L, ["--beta=2"])
both("", L, ["--beta="])
both("", L, ["--gamma"])
both("", L, ["--gamma=1"])
both("", L, ["--al", "1"])
both("", L, ["--al=1"])
both("", L, ["--b"])
both("", L, ["--be=1"])
both("", L, ["--a"])
both("", L, ["--a=1"])
both("", L, ["--ap"])
both("", L, ["--fo"])
both("", L, ["--foo"])
both("", L, ["--foo=1"])
both("", L, ["--foob"])
both("", L, ["--f"])
both("", L, ["--fi", "x"])
both("", L, ["--=x"])
both("", ["=x"], ["--=x"])
both("", [""], ["--=x"])
both("", ["="], ["--=x"])
both("", ["="], ["--", "-a"])
both("", [], ["--x"])
both("", [], ["--x=1"])
both("", ["name", "name="], ["--name=1"])
both("", ["name=", "name"], ["--name", "x"])
both("", ["name=", "name="], ["--na", "x"])
both("", ["name="], ["--name", "--other"])
both("", ["ab=c"], ["--ab"])
both("", ["ab=c"], ["--a=c"])
both("", ["x=="], ["--x", "1"])
both("", ["x=="], ["--x==", "1"])
both("", ["verbose"], ["--verbose", "--verb", "--v"])
both("", ["verbose", "version"], ["--vers"])
both("", ["verbose", "version"], ["--ver"])
both("", ["verbose", "verbose"], ["--verb"])
# Optional long values (3.14).
both("", L, ["--color"])
both("", L, ["--color=auto"])
both("", L, ["--color", "auto"])
both("", L, ["--col"])
both("", L, ["--c=never"])
both("", L, ["--color="])
both("", ["x=?", "x="], ["--x", "v"])
both("", ["x=?", "xy"], ["--x", "v"])
both("", ["x=?"], ["--x=?"])
both("", ["x=?", "x"], ["--x=1"])
both("", ["=?"], ["--", "-a"])
both("", ["=?"], ["--=1"])
# Shorts and longs together.
both("ab:", ["alpha=", "beta"], ["-a", "--alpha", "1", "-bval", "--beta", "rest"])
both("ab:", ["alpha=", "beta"], ["-ab", "--beta", "x", "--alpha"])

# Non-UTF-8 and non-ASCII arguments (surrogateescape on the Python side).
both("ab", [], [b"-\xff"])
both("ab", [], [b"-a\xff"])
both("o:", [], [b"-o\xff\xfe"])
both("o:", [], [b"-o", b"\xff"])
both("a", [], [b"\xff", b"-a"])
both("\u00e9a", [], ["-\u00e9a"])
both("\u00e9:", [], ["-\u00e9", "v"])
both("\u00e9", [], [b"-\xc3"])
both("\u00e9", [], [b"-\xa9"])
both("\u00e9", [], [b"-\xc3\xc3\xa9"])
both("\u20ac:", [], [b"-\xe2\x82"])
both("a", [], [b"-\xed\xb2\x80"])
both("", ["caf\u00e9"], ["--caf"])
both("", ["caf\u00e9"], [b"--caf\xc3"])
both("", ["caf\u00e9"], [b"--caf\xc3\xa9"])
both("", ["caf\u00e9="], [b"--caf=\xff"])
both("", L, [b"--\xff"])
both("", L, [b"--beta=\xff"])
both("", ["\U0001f600="], ["--\U0001f600", "x"])

# gnu_getopt: options after non-options, POSIXLY_CORRECT, `+` and `-`.
MIX = ["a", "-b", "c", "--beta", "d", "-ov", "--", "-e", "f"]
both("bo:e", ["beta"], MIX)
both("bo:e", ["beta"], MIX, env="1")
both("bo:e", ["beta"], MIX, env="")
both("bo:e", ["beta"], MIX, env="yes")
case("gnu_getopt", "+bo:e", ["beta"], MIX)
case("gnu_getopt", "+bo:e", ["beta"], MIX, env="1")
case("gnu_getopt", "-bo:e", ["beta"], MIX)
case("gnu_getopt", "-bo:e", ["beta"], MIX, env="1")
case("gnu_getopt", "-bo:e", ["beta"], ["-b", "x", "y", "-e", "z"])
case("gnu_getopt", "-b", [], ["x", "--", "y"])
case("gnu_getopt", "-b", [], ["x", "-b", "y", "--", "z"])
case("gnu_getopt", "-b", [], [])
case("gnu_getopt", "-", [], ["-x"])
case("gnu_getopt", "-+", [], ["a", "-+"])
case("gnu_getopt", "+", [], ["-+"])
case("gnu_getopt", "++", [], ["-+", "a", "-+"])
case("gnu_getopt", "+-", [], ["-a"])
case("gnu_getopt", "+-", [], ["-a-"])
case("gnu_getopt", "--", [], ["-a-"])
both("a", [], ["x", "-a", "y", "-b"])
both("a", [], ["x", "-a", "y", "-b"], env="1")
both("o:", [], ["x", "-o"])
both("o:", [], ["x", "-o", "-", "y"])
both("a", ["long"], ["-", "--long", "", "-a", "-"])
both("a", ["long"], ["-", "--long", "", "-a", "-"], env="1")
both("a", [], ["x", "--", "-a"])
both("a", [], ["x", "--", "-a"], env="1")
both("c::", ["color=?"], ["x", "-c", "y", "--color", "z"])

# Pseudo-random command lines (fixed seed): each specification draws mostly
# from tokens that mean something to it, and now and then from the rest.
rng = random.Random(3141)
SPECS = [
    ("ab:c::", ["alpha=", "all", "beta=?", "b"],
     ["-a", "-b", "-ab", "-bx", "-ba", "-c", "-cv", "-ca", "-abc", "--alpha",
      "--alpha=1", "--al", "--a", "--all", "--beta", "--beta=2", "--b", "--be"]),
    ("+xy:", ["yes", "yellow=", "y"],
     ["-x", "-y", "-yv", "-xy", "-xyv", "--yes", "--ye", "--yel=1", "--yel",
      "--y", "--y=1", "--yellow"]),
    ("-xy:", ["yes", "yellow="],
     ["-x", "-y", "-yv", "-xy", "--yes", "--ye", "--yel=1", "--y", "--yellow"]),
    ("a:-", ["a", "a=", "ab"],
     ["-a", "-a-", "--a", "--a=", "--a=1", "--ab", "--ab=1", "-a:", "---"]),
    ("\u00e9:z", ["\u00e9t\u00e9=?", "zz"],
     ["-z", "-\u00e9", "-\u00e9v", "-z\u00e9", "--\u00e9", "--\u00e9t\u00e9=s",
      "--\u00e9t", "--zz", "--z", "--z=1", b"-\xc3", b"--\xc3"]),
]
COMMON = ["--", "-", "", "file", "x y", "-1", b"\xfe", "--=", "-:", b"-\xff"]
ALL = sorted({t for spec in SPECS for t in spec[2]} | set(COMMON), key=repr)
for _ in range(320):
    shortopts, longopts, tokens = rng.choice(SPECS)
    func = rng.choice(["getopt", "gnu_getopt"])
    env = rng.choice([None, None, "1", ""])
    args = []
    for _ in range(rng.randrange(0, 7)):
        pool = rng.choices([tokens, COMMON, ALL], weights=[7, 2, 1])[0]
        args.append(rng.choice(pool))
    case(func, shortopts, longopts, args, env)


for n, (func, shortopts, longopts, args, env) in enumerate(CASES):
    # The specification is &str on the Rust side.
    assert all(s.encode("utf-8") is not None for s in (shortopts,) + longopts)
    got = real(func, args, shortopts, longopts, env)
    want = run(lambda: rules_314(func, list(args), shortopts, list(longopts), env))
    if got == want:
        source = "py311"
    else:
        assert uses_314(func, shortopts, longopts), (n, got, want)
        source = "rule314"
    line("case", str(n), func, "-" if env is None else "=" + env, source, shortopts)
    line("long", *longopts)
    line("argv", *args)
    if want[0] == "error":
        line("error", want[1], want[2])
        continue
    _, opts, prog_args = want
    for name, value in opts:
        if name is None:
            line("group", *value)
        else:
            line("opt", name, value)
    line("args", *prog_args)
