#!/usr/bin/env python3
"""Writes argparse.jsonl: CPython's argparse over a corpus of parsers and
command lines, for strata-alloc's argparse to match byte for byte.

Run from anywhere: python3 tests/oracle/argparse.py > tests/oracle/argparse.jsonl

Each case is a parser, described declaratively so that this script and the
Rust tests (alloc-layer/src/argparse/tests/case.rs) build the same parser
from the same description, and a list of calls on it with what CPython
produced. The script re-runs itself under PYTHONUTF8=1 (so file objects
report encoding='utf-8') and works from alloc-layer/, the folder `cargo
test` runs strata-alloc's tests in, so relative file names agree.

Format: one JSON object per line (JSON escapes keep every line ASCII; a
lone surrogate \\udcXX stands for the byte XX that is not UTF-8, as Python
decodes argv with surrogateescape):

  {"name": str, "parser": PARSER, "calls": [{"call": CALL, "result": RESULT}]}

PARSER = {"kw": {...}, "items": [ITEM, ...]}
  kw: ArgumentParser keywords: prog, usage, description, epilog,
      prefix_chars, fromfile_prefix_chars, argument_default,
      conflict_handler, add_help, allow_abbrev, exit_on_error, and
      formatter: {"classes": [names], "max_help_position": n, "width": n}
      (names: raw_description, raw_text, argument_defaults, metavar_type),
      parents: [PARSER, ...], convert: "split" (a subclass whose
      convert_arg_line_to_args is line.split()).
ITEM = ["arg", [names], {kwargs}]
     | ["group", {"title":…, "description":…, "prefix_chars":…,
                  "argument_default":…, "conflict_handler":…}, [ITEM, ...]]
     | ["mutex", {"required": bool}, [ITEM, ...]]      (in a parser or group)
     | ["defaults", {dest: value}]
     | ["subparsers", {kwargs}, [["parser", name, {"aliases": [...],
                       "help": str, "deprecated": bool}, PARSER], ...]]
  add_argument kwargs are Python's, with names for what is not JSON:
      action: Python's names, "boolean_optional", or "custom:record" (stores
              [option_string, values]), "custom:exit" (parser.exit(3,
              'custom exit VALUES\\n')), "custom:fail" (raises
              ArgumentError(self, 'custom failure'));
      type: "int", "float", "str", "bool", "upper" (str.upper), "even"
            (int, ArgumentTypeError "N is not even" for odd N), "csv"
            (s.split(',')), "file:MODE" (FileType(MODE));
      nargs: an int or '?', '*', '+', '...', 'A...', '==SUPPRESS==';
      metavar: a string, or a list for a tuple; deprecated: Python 3.13's
      keyword (see below).
CALL = ["parse_args" | "parse_known_args" | "parse_intermixed_args" |
        "parse_known_intermixed_args", [args], columns]
     | ["format_help" | "format_usage", columns]
     | ["get_default", dest]
RESULT for a parse: {"ns": repr(namespace) or null, "extras": [..] (known
  variants), "exit": status or null, "out": stdout, "err": stderr,
  "raise": "ExceptionName: str(e)" or null}
  for format_*: {"text": str}; for get_default: {"repr": repr(value)}.
A case whose parser cannot be built has "build_error": "Name: message"
(and "exit"/"err" when Python exited) and no calls.

Streams are written as Python writes them: stderr with backslashreplace,
so a stray byte shows as the text \\udcXX.

Python 3.11 predates add_argument(deprecated=True) and add_parser(...,
deprecated=True) (3.13). Cases that use them run against this machine's
argparse.py with 3.13's few lines for them patched in (see patched());
everything else runs against the unmodified module.
"""
import io
import json
import os
import sys
import types

# This file is itself called argparse.py: keep its folder off the path so
# that the import below finds the standard library's module.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _here]
import argparse  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ALLOC = os.path.join(HERE, "..", "..", "alloc-layer")
FILES = "../tests/oracle/argparse_files/"


def patched():
    """argparse.py of this Python, plus 3.13's `deprecated` support."""
    src = open(argparse.__file__, encoding="utf-8").read()
    edits = [
        # add_argument(deprecated=…) keeps the flag on the action.
        ("        action = action_class(**kwargs)\n",
         "        deprecated = kwargs.pop('deprecated', False)\n"
         "        action = action_class(**kwargs)\n"
         "        action.deprecated = deprecated\n"),
        # the option warning, before each action is taken
        ("            for action, args, option_string in action_tuples:\n"
         "                take_action(action, args, option_string)\n",
         "            for action, args, option_string in action_tuples:\n"
         "                if getattr(action, 'deprecated', False) and option_string not in warned:\n"
         "                    self._warning(_(\"option '%(option)s' is deprecated\") %\n"
         "                                  {'option': option_string})\n"
         "                    warned.add(option_string)\n"
         "                take_action(action, args, option_string)\n"),
        # the positional warning
        ("                start_index += arg_count\n"
         "                take_action(action, args)\n",
         "                start_index += arg_count\n"
         "                if args and getattr(action, 'deprecated', False) and action.dest not in warned:\n"
         "                    self._warning(_(\"argument '%(argument_name)s' is deprecated\") %\n"
         "                                  {'argument_name': action.dest})\n"
         "                    warned.add(action.dest)\n"
         "                take_action(action, args)\n"),
        ("        seen_actions = set()\n",
         "        seen_actions = set()\n        warned = set()\n"),
        # add_parser(deprecated=…) and the command warning
        ("        aliases = kwargs.pop('aliases', ())\n",
         "        aliases = kwargs.pop('aliases', ())\n"
         "        if kwargs.pop('deprecated', False):\n"
         "            self._deprecated.add(name)\n"
         "            self._deprecated.update(aliases)\n"),
        ("        self._choices_actions = []\n",
         "        self._choices_actions = []\n        self._deprecated = set()\n"),
        # (3.13 warns through the parent parser; 3.11 has already rebound
        # `parser` to the sub-parser by then, so the check goes first.)
        ("        # select the parser\n",
         "        if parser_name in self._deprecated:\n"
         "            parser._warning(_(\"command '%(parser_name)s' is deprecated\") %\n"
         "                            {'parser_name': parser_name})\n\n"
         "        # select the parser\n"),
        ("    def exit(self, status=0, message=None):\n",
         "    def _warning(self, message):\n"
         "        args = {'prog': self.prog, 'message': message}\n"
         "        self._print_message(_('%(prog)s: warning: %(message)s\\n') % args, _sys.stderr)\n\n"
         "    def exit(self, status=0, message=None):\n"),
    ]
    for old, new in edits:
        assert src.count(old) == 1, old
        src = src.replace(old, new)
    module = types.ModuleType("argparse_313")
    exec(compile(src, "argparse_313", "exec"), module.__dict__)
    return module


AP313 = patched()


def uses_deprecated(spec):
    return '"deprecated"' in json.dumps(spec)


# ---- what the names in a description stand for -------------------------

def types_for(ap):
    def upper(s):
        return s.upper()

    def even(s):
        n = int(s)
        if n % 2:
            raise ap.ArgumentTypeError("%r is not even" % n)
        return n

    def csv(s):
        return s.split(",")

    named = {"int": int, "float": float, "str": str, "bool": bool,
             "upper": upper, "even": even, "csv": csv}
    return named


def actions_for(ap):
    class Record(ap.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            setattr(namespace, self.dest, [option_string, values])

    class Exit(ap.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            parser.exit(3, "custom exit %s\n" % (values,))

    class Fail(ap.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            raise ap.ArgumentError(self, "custom failure")

    return {"custom:record": Record, "custom:exit": Exit, "custom:fail": Fail,
            "boolean_optional": ap.BooleanOptionalAction}


def formatter_for(ap, spec):
    names = {"raw_description": ap.RawDescriptionHelpFormatter,
             "raw_text": ap.RawTextHelpFormatter,
             "argument_defaults": ap.ArgumentDefaultsHelpFormatter,
             "metavar_type": ap.MetavarTypeHelpFormatter}
    bases = tuple(names[n] for n in spec.get("classes", [])) or (ap.HelpFormatter,)
    cls = bases[0] if len(bases) == 1 else type("Combined", bases, {})
    extra = {k: spec[k] for k in ("max_help_position", "width", "indent_increment") if k in spec}
    if extra:
        return lambda prog: cls(prog, **extra)
    return cls


def suppress(ap, kw):
    """The string '==SUPPRESS==' in a description is argparse.SUPPRESS
    itself (argparse tests it with `is`)."""
    return {k: ap.SUPPRESS if v == ap.SUPPRESS else v for k, v in kw.items()}


def arg_kwargs(ap, kw):
    kw = suppress(ap, kw)
    if "type" in kw:
        t = kw["type"]
        kw["type"] = ap.FileType(t[5:]) if t.startswith("file:") else types_for(ap)[t]
    if "action" in kw:
        kw["action"] = actions_for(ap).get(kw["action"], kw["action"])
    if isinstance(kw.get("metavar"), list):
        kw["metavar"] = tuple(kw["metavar"])
    return kw


def build(ap, spec):
    kw = suppress(ap, spec.get("kw", {}))
    cls = ap.ArgumentParser
    if kw.pop("convert", None) == "split":
        cls = type("SplitParser", (ap.ArgumentParser,),
                   {"convert_arg_line_to_args": lambda self, line: line.split()})
    if "formatter" in kw:
        kw["formatter_class"] = formatter_for(ap, kw.pop("formatter"))
    if "parents" in kw:
        kw["parents"] = [build(ap, p) for p in kw["parents"]]
    parser = cls(**kw)
    add_items(ap, parser, parser, spec.get("items", []))
    return parser


def add_items(ap, parser, container, items):
    for item in items:
        kind = item[0]
        if kind == "arg":
            container.add_argument(*item[1], **arg_kwargs(ap, item[2]))
        elif kind == "group":
            group = container.add_argument_group(**suppress(ap, item[1]))
            add_items(ap, parser, group, item[2])
        elif kind == "mutex":
            group = container.add_mutually_exclusive_group(**item[1])
            add_items(ap, parser, group, item[2])
        elif kind == "defaults":
            container.set_defaults(**item[1])
        elif kind == "subparsers":
            sub = container.add_subparsers(**suppress(ap, item[1]))
            for _, name, extra, pspec in item[2]:
                extra = suppress(ap, extra)
                pkw = suppress(ap, pspec.get("kw", {}))
                if "formatter" in pkw:
                    pkw["formatter_class"] = formatter_for(ap, pkw.pop("formatter"))
                if "parents" in pkw:
                    pkw["parents"] = [build(ap, p) for p in pkw["parents"]]
                child = sub.add_parser(name, **extra, **pkw)
                add_items(ap, child, child, pspec.get("items", []))
        else:
            raise ValueError(kind)


# ---- running --------------------------------------------------------------

def out_text(buf, errors):
    return buf.getvalue().encode("utf-8", errors).decode("utf-8", "surrogateescape")


class Stream(io.StringIO):
    """A captured stream that FileType('w') may return for '-': shown as
    the real sys.stdout is."""

    def __init__(self, name):
        super().__init__()
        self.name = name

    def __repr__(self):
        return "<_io.TextIOWrapper name=%r mode='w' encoding='utf-8'>" % self.name


def capture(fn):
    """Runs fn with stdout/stderr captured: (value, exit, out, err, raised)."""
    old = sys.stdout, sys.stderr
    out, err = Stream("<stdout>"), Stream("<stderr>")
    sys.stdout, sys.stderr = out, err
    value = status = raised = None
    try:
        value = fn()
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    except Exception as e:  # noqa: BLE001 - the exception is the result
        raised = "%s: %s" % (type(e).__name__, e)
    finally:
        sys.stdout, sys.stderr = old
    return value, status, out_text(out, "surrogateescape"), out_text(err, "backslashreplace"), raised


def close_files(value):
    if isinstance(value, io.IOBase) and not isinstance(value, Stream) and value not in (
            sys.stdin, sys.stdout, sys.stdin.buffer, sys.stdout.buffer):
        value.close()
    elif isinstance(value, list):
        for v in value:
            close_files(v)


def run_call(parser, call):
    if call[0] == "get_default":
        return {"repr": repr(parser.get_default(call[1]))}
    os.environ["COLUMNS"] = str(call[-1])
    if call[0] in ("format_help", "format_usage"):
        return {"text": getattr(parser, call[0])()}
    value, status, out, err, raised = capture(lambda: getattr(parser, call[0])(call[1]))
    result = {"ns": None, "exit": status, "out": out, "err": err, "raise": raised}
    if value is not None:
        ns, extras = value if call[0].startswith("parse_known") else (value, None)
        result["ns"] = repr(ns)
        if extras is not None:
            result["extras"] = extras
        for v in vars(ns).values():
            close_files(v)
    return result


def run_case(name, spec, calls):
    ap = AP313 if uses_deprecated(spec) else argparse
    os.environ["COLUMNS"] = "80"
    parser, status, _, err, raised = capture(lambda: build(ap, spec))
    record = {"name": name, "parser": spec, "calls": []}
    if parser is None:
        record["build_error"] = raised
        record["exit"] = status
        record["err"] = err
        return record
    for call in calls:
        record["calls"].append({"call": call, "result": run_call(parser, call)})
    return record


# ---- the corpus -------------------------------------------------------------

CASES = []


def P(*items, **kw):
    return {"kw": kw, "items": list(items)}


def A(*names, **kw):
    return ["arg", list(names), kw]


def G(*items, **kw):
    return ["group", kw, list(items)]


def M(*items, required=False):
    return ["mutex", {"required": required}, list(items)]


def D(**kw):
    return ["defaults", kw]


def S(parsers, **kw):
    return ["subparsers", kw, [["parser", n, extra, p] for n, extra, p in parsers]]


def case(name, parser, argvs=(), widths=(), cols=80, known=False, intermixed=False, defaults=()):
    calls = []
    method = "parse_known_args" if known else "parse_args"
    if intermixed:
        method = "parse_known_intermixed_args" if known else "parse_intermixed_args"
    for argv in argvs:
        calls.append([method, list(argv), cols])
    for w in widths:
        calls.append(["format_help", w])
        calls.append(["format_usage", w])
    for d in defaults:
        calls.append(["get_default", d])
    CASES.append((name, parser, calls))


def cases():
    simple = P(A("-x"), A("--foo"), A("bar"), prog="PROG")
    case("store basics", simple, [
        ["a"], ["-x", "1", "a"], ["-x1", "a"], ["-x=1", "a"], ["--foo", "f", "a"],
        ["--foo=f", "a"], ["--fo", "f", "a"], ["--f=f", "a"], ["a", "-x"], [],
        ["a", "b"], ["-y", "a"], ["--bar", "a"], ["--", "-x"], ["-x", "--", "a"],
        ["a", "--foo"], ["-x", "-1", "a"], ["--foo", "--", "a"], ["-", "-x", "-"],
    ], widths=[80, 30])
    case("store known", simple, [["a", "-y", "b", "--zz=1"], ["-q"], ["a", "--", "b"]], known=True)

    flags = P(A("-a", action="store_true"), A("-b", action="store_true"),
              A("-c", action="count", default=0), A("-o"), prog="flags")
    case("combined short flags", flags, [
        ["-ab"], ["-abc"], ["-abcc"], ["-abo", "x"], ["-aboX"], ["-ab=1"], ["-ob"],
        ["-a-b"], ["-ax"], ["-ccc"], ["-a", "-o=v"], ["-o"], ["-o", "-a"],
    ], widths=[80])

    neg = P(A("-x", type="int"), A("nums", nargs="*", type="float"), prog="neg")
    case("negative numbers are positional", neg, [
        ["-1"], ["-x", "-1", "-2.5"], ["-x", "3", "-.5", "-7"], ["-1x"], ["-x", "-1x"],
        ["--", "-5"], ["-x-3"],
    ])
    neg2 = P(A("-1", dest="one", action="store_true"), A("foo", nargs="?"), prog="neg2")
    case("negative-looking options", neg2, [["-1"], ["-2"], ["x"], ["-1", "-2"], ["--", "-2"]], widths=[80])

    abbrev = P(A("--foobar"), A("--foonly"), A("--baz", action="store_true"), prog="ab")
    case("abbreviations", abbrev, [
        ["--foob", "1"], ["--foo", "1"], ["--fo=2"], ["--b"], ["--foonly=x", "--foobar", "y"],
        ["--baz=1"], ["--ba", "--foon", "z"],
    ])
    case("no abbreviations", P(A("--foobar"), A("--baz", action="store_true"), prog="na", allow_abbrev=False),
         [["--foob", "1"], ["--foobar", "1"], ["--ba"], ["--baz"]])
    case("single-dash long options", P(A("-foo"), A("-f", action="store_true"), A("-foobar"), prog="sd"),
         [["-foo", "x"], ["-fooy"], ["-f"], ["-fo", "q"], ["-foob", "z"], ["-foobar", "w"], ["-fx"]], widths=[80])

    # actions
    acts = P(
        A("--const", action="store_const", const=42),
        A("--yes", action="store_true"), A("--no", action="store_false"),
        A("--app", action="append"), A("--appd", action="append", default=["d"]),
        A("--appc", action="append_const", const="C", dest="consts"),
        A("--appc2", action="append_const", const=2, dest="consts"),
        A("--ext", action="extend", nargs="+"), A("--exts", action="extend"),
        A("-v", "--verbose", action="count"),
        A("--flag", action="boolean_optional", help="a flag"),
        A("--flag2", action="boolean_optional", default=True, help="flag two (default: %(default)s)"),
        prog="acts")
    case("actions", acts, [
        [], ["--const"], ["--yes", "--no"], ["--app", "1", "--app", "2"], ["--appd", "x", "--appd", "y"],
        ["--appc", "--appc2", "--appc"], ["--ext", "a", "b", "--ext", "c"], ["--exts", "abc"],
        ["-vvv", "--verbose"], ["--flag"], ["--no-flag"], ["--no-flag2", "--flag2"], ["--const=1"],
        ["--yes=x"], ["--fla"], ["--no-f"],
    ], widths=[80, 50])
    case("version", P(A("-V", "--version", action="version", version="%(prog)s 1.2.3"), prog="ver"),
         [["-V"], ["--version"], ["--vers"], ["-V", "x"]], widths=[80])
    case("version long", P(A("--version", action="version",
                                 version="%(prog)s version 2.0 built with many words to wrap around the edge"),
                           prog="verlong"), [["--version"]], cols=30)
    case("help exits", P(A("--foo", help="foo help"), prog="hp", description="Does things."),
         [["-h"], ["--help"], ["--he"], ["--foo", "1", "-h"], ["-h", "--bogus"]])
    case("help in prefix chars", P(A("+f", action="store_true"), A("++bar"), prefix_chars="+", prog="pp"),
         [["+f"], ["++bar", "x"], ["+h"], ["-f"], ["++b=1"], ["+fh"]], widths=[80])
    case("mixed prefix chars", P(A("-a"), A("+b"), A("//c"), prefix_chars="-+/", prog="mix"),
         [["-a", "1", "+b", "2", "//c", "3"], ["+b2"], ["/c"], ["//c=4"], ["-h"]], widths=[80])

    custom = P(A("--rec", action="custom:record", nargs=2), A("pos", action="custom:record", nargs="?"),
               A("--bye", action="custom:exit"), A("--bad", action="custom:fail", nargs=0), prog="cu")
    case("custom actions", custom, [["--rec", "a", "b", "p"], [], ["--bye", "now"], ["--bad"], ["--rec", "a"]],
         widths=[80])

    # nargs
    nargs = P(A("--one", nargs=1), A("--two", nargs=2), A("--opt", nargs="?", const="C", default="D"),
              A("--star", nargs="*"), A("--plus", nargs="+"), A("pos", nargs=2), A("rest", nargs="..."),
              prog="na")
    case("nargs", nargs, [
        ["a", "b"], ["--one", "x", "a", "b"], ["--two", "x", "y", "a", "b"], ["--two", "x", "a", "b"],
        ["--opt", "a", "b"], ["--opt", "--", "a", "b"], ["a", "b", "--opt"], ["--star", "a", "b"],
        ["--star", "--", "a", "b"], ["--plus"], ["--plus", "1", "2", "a", "b"], ["a", "b", "c", "--one", "z"],
        ["a"], ["--one=q", "a", "b"], ["--two=q", "a", "b"], ["a", "-", "--", "--x"],
    ], widths=[80, 40])
    pos = P(A("a", nargs="?", default="da"), A("b", nargs="*", default=["db"]), A("c", nargs="+"), prog="pos")
    case("positional nargs", pos, [["1"], ["1", "2"], ["1", "2", "3", "4"], [], ["--", "1"], ["1", "--", "-2"]],
         widths=[80])
    pos2 = P(A("x", nargs="*"), A("-f"), prog="pos2")
    case("star positional around options", pos2, [[], ["a", "-f", "1", "b"], ["-f", "1"], ["a", "b"]])
    case("star positional with choices", P(A("x", nargs="*", choices=["a", "b"]), prog="sc"),
         [[], ["a"], ["c"], ["a", "b"]], widths=[80])
    case("star positional with default and choices",
         P(A("x", nargs="*", choices=["a", "b"], default="a"), prog="sd"), [[], ["b"]])
    case("remainder", P(A("-v", action="store_true"), A("cmd"), A("args", nargs="..."), prog="rem"),
         [["run", "-v", "--x"], ["-v", "run", "a", "--", "b"], ["-v"], ["run"]], widths=[80])
    case("optional remainder", P(A("--rest", nargs="..."), A("-v", action="store_true"), prog="orem"),
         [["--rest", "a", "-v", "b"], ["-v", "--rest"], ["--rest", "--", "x"]], widths=[80])
    case("nargs suppress", P(A("--s", nargs="==SUPPRESS=="), A("p", nargs="?"), prog="ns"),
         [["--s"], ["--s", "x"], []], widths=[80])

    # defaults and types
    types = P(A("--i", type="int"), A("--f", type="float"), A("--s", type="str"), A("--b", type="bool"),
              A("--u", type="upper"), A("--e", type="even"), A("--c", type="csv"),
              A("--di", type="int", default="7"), A("--dl", type="int", default="x"), prog="ty")
    ints = [" 12 ", "+3", "1_000", "\u00a05", "\u0663", "010", "-0", "1__0", "_1", "1_", "abc", "",
            "0x10", "1.5", "9223372036854775807", "\x1c5", "12\u2003", "- 1"]
    floats = ["1.5", "1_0.5", ".5", "5.", "inf", "-Infinity", "nan", "1e5", "1E+5_0", "1e", "e5",
              "\u0661.\u0665", " 1.5 ", "1._5", "0.1", "1e16", "1.5e-7", "123456789.123", "-0.0", "2.5e300"]
    argvs = [["--i", v] for v in ints] + [["--f", v] for v in floats]
    argvs += [["--b", ""], ["--b", "False"], ["--u", "abc"], ["--e", "4"], ["--e", "3"], ["--e", "x"],
              ["--c", "a,b,,c"], ["--di", "8"], ["--dl", "9"], []]
    case("types", types, argvs, widths=[80])
    case("bad string default", P(A("--n", type="int", default="bad"), prog="bd"), [[], ["--n", "1"]])
    case("default conversion skipped when set",
         P(A("--n", type="int", default="5"), A("--m", dest="n", type="int", default="x"), prog="dc"),
         [[], ["--m", "2"]])
    case("positional optional default converted", P(A("p", nargs="?", type="int", default="3"), prog="pd"),
         [[], ["4"], ["z"]])
    case("const converted", P(A("--o", nargs="?", type="int", const="9"), prog="cc"), [["--o"], ["--o", "1"]])
    sup = P(A("--a", default="==SUPPRESS=="), A("--b", action="store_true", default="==SUPPRESS=="),
            A("p", nargs="?", default="==SUPPRESS=="), prog="sup")
    case("suppressed defaults", sup, [[], ["--a", "1"], ["--b", "x"]], widths=[80])
    case("argument_default", P(A("--a"), A("--b", default=None), A("--c", action="store_true"), A("p", nargs="?"),
                               prog="ad", argument_default="AD"), [[], ["--a", "1", "x"]], defaults=["a", "b", "c"])
    case("argument_default suppress", P(A("--a"), A("--c", action="store_true"), prog="ads",
                                        argument_default="==SUPPRESS=="), [[], ["--c"]])
    case("set_defaults", P(D(x=1, y="why"), A("--x", type="int"), A("--z", default="Z"), D(z="zz", w=[1, 2]),
                           prog="sd"), [[], ["--x", "5"], ["--z", "q"]], defaults=["x", "y", "z", "w", "nope"])
    case("choices", P(A("--c", choices=["rock", "paper", "scissors"]), A("--n", type="int", choices=[1, 2, 3]),
                      A("--m", choices=["a b", "c'd", 'e"f', "g'h\"i"]), A("p", nargs="?", choices=["x", "y"]),
                      prog="ch"),
         [["--c", "rock"], ["--c", "roc"], ["--n", "2"], ["--n", "5"], ["--n", "x"], ["z"], ["--m", "a b"],
          ["--m", "q"], ["--c=paper", "y"]], widths=[80, 40])
    case("required options", P(A("--req", required=True), A("-r", required=True, dest="r2"), A("pos"),
                               A("pos2", nargs="+"), prog="rq"),
         [[], ["--req", "1"], ["--req", "1", "-r", "2", "a"], ["--req", "1", "-r", "2", "a", "b"]], widths=[80])

    # help text
    helps = P(
        A("--foo", type="int", default=42, help="foo of %(prog)s (default: %(default)s, type %(type)s)"),
        A("--bar", choices=["a", "b"], help="one of %(choices)s, dest %(dest)s"),
        A("--baz", metavar="BZ", help="metavar %(metavar)s, required %(required)s, nargs %(nargs)s"),
        A("--pct", default=0.5, help="50%% of %(default).2f, %(default)5.1e"),
        A("--hidden", help="==SUPPRESS=="),
        A("--very-long-option-name-indeed", metavar="VALUE", help="this help starts on the next line"),
        A("-s", help="a well-known, state-of-the-art, re-usable flag -- with an em--dash and "
                     "hyphen-ated words that wrap around nicely at narrow widths"),
        A("--empty", help=""), A("--space", help="   "),
        A("pos", help="positional %(dest)s"),
        prog="helps", description="A description that is long enough to need wrapping when the terminal "
                                  "is narrow, with   extra   spaces\tand\ttabs.",
        epilog="Epilog for %(prog)s.")
    case("help strings", helps, [["-h"]], widths=[80, 120, 50, 30, 20, 10])
    case("metavars", P(A("--pair", nargs=2, metavar=["A", "B"]), A("--st", nargs="*", metavar=["X", "Y"]),
                       A("--pl", nargs="+", metavar=["P", "Q"]), A("--one", nargs="*", metavar="O"),
                       A("--opt", nargs="?", metavar=["M"]), A("p", nargs=2),
                       A("--d", dest="other"), prog="mv"),
         [["p1", "p2"], ["--pair", "1", "2", "a", "b"], ["--pl"]], widths=[80, 30])
    case("bad metavar tuple", P(A("--x", nargs=2, metavar=["A"])), [])
    case("bad metavar tuple plus", P(A("--x", nargs="+", metavar=["A", "B", "C"])), [])

    # formatter classes
    fmt_items = [A("--num", type="int", default=3, help="a number\n   with lines"), A("--name", help="a name"),
                 A("--flag", action="store_true", help="a flag"), A("files", nargs="*", help="the files"),
                 A("opt", nargs="?", default="o", help="optional thing")]
    desc = "First line.\n\n    indented line\nlast line of the\ndescription."
    for names in [["raw_description"], ["raw_text"], ["argument_defaults"], ["metavar_type"],
                  ["argument_defaults", "raw_description"]]:
        items = fmt_items if "metavar_type" not in names else [
            A("--num", type="int", default=3, help="a number"), A("--name", type="str", help="a name"),
            A("vals", type="float", nargs="+")]
        case("formatter " + "+".join(names),
             P(*items, prog="fmt", description=desc, epilog=desc, formatter={"classes": names}),
             [["-h"]], widths=[80, 40])
    case("formatter max_help_position", P(*fmt_items, prog="mhp", formatter={"max_help_position": 40}),
         [], widths=[80, 100])
    case("formatter width", P(*fmt_items, prog="fw", formatter={"width": 50}), [], widths=[80])
    case("formatter indent", P(*fmt_items, prog="fi", formatter={"indent_increment": 4}), [], widths=[80])

    # usage wrapping
    many = P(*[A("--option-%d" % i, metavar="VALUE%d" % i) for i in range(8)],
             A("--flag", action="store_true"), A("first"), A("second", nargs="+"), A("third", nargs="*"),
             prog="wrapper")
    case("long usage", many, [["x"]], widths=[80, 60, 40, 25])
    case("long prog", P(A("--aaaa"), A("--bbbb"), A("pos"), prog="a-very-long-program-name-that-goes-on"),
         [[]], widths=[80, 40, 30])
    case("long prog only positionals", P(A("aaaa"), A("bbbb"), A("cccc"), prog="a-very-long-program-name",
                                         add_help=False), [[]], widths=[30])
    case("long prog only optionals", P(A("--aaaa"), A("--bbbb"), prog="a-long-program-name-here"), [[]],
         widths=[30, 20])
    case("custom usage", P(A("--x"), prog="cu", usage="%(prog)s [options] FILE"), [["--y"]], widths=[80])
    case("suppressed usage", P(A("--x"), prog="su", usage="==SUPPRESS=="), [["--y"]], widths=[80])
    case("no help", P(prog="nothing", add_help=False), [[], ["x"]], widths=[80])
    case("only description", P(prog="od", add_help=False, description="Just this."), [], widths=[80])

    # groups
    groups = P(
        A("--top"),
        G(A("--g1a", help="in group one"), A("g1pos", help="positional in group"),
          title="group one", description="The first group."),
        G(A("--g2", action="store_true"), title="group two"),
        G(A("--empty-group-arg", help="==SUPPRESS=="), title="hidden group"),
        G(A("--untitled"), description="no title"),
        prog="grp")
    case("argument groups", groups, [["p"], ["--g1a", "1", "p", "--g2"]], widths=[80, 40])
    mutex = P(M(A("--a", action="store_true"), A("--b", action="store_true"), A("--c")),
              M(A("--x", action="store_true"), A("--y", action="store_true"), required=True),
              A("--z"), prog="mx")
    case("mutually exclusive", mutex, [
        ["--x"], ["--y", "--a"], ["--x", "--y"], ["--a", "--b", "--x"], [], ["--c", "1", "--a", "--x"],
        ["--a", "--a", "--x"], ["--z", "1"],
    ], widths=[80, 30])
    mx_in_group = P(G(M(A("--on", action="store_true", help="turn on"), A("--off", action="store_true",
                                                                            help="turn off")),
                      A("--level", type="int"), title="switch"), prog="mg")
    case("mutex in group", mx_in_group, [["--on", "--off"], ["--on"]], widths=[80])
    mx_pos = P(M(A("--foo"), A("bar", nargs="?")), prog="mp")
    case("mutex with positional", mx_pos, [[], ["--foo", "1"], ["b"], ["--foo", "1", "b"]], widths=[80])
    mx_hidden = P(M(A("--a", action="store_true"), A("--b", action="store_true", help="==SUPPRESS=="),
                    A("--c", action="store_true"), required=True), prog="mh")
    case("mutex with hidden member", mx_hidden, [[], ["--b"], ["--a", "--b"]], widths=[80])
    mx_const = P(M(A("--o", nargs="?"), A("--p", action="store_true")), prog="mc")
    case("mutex and default-valued options", mx_const, [["--o", "--p"], ["--o", "v", "--p"]])
    mx_meta = P(A("--mode", metavar="(fast|slow)"), A("--level", metavar="[N]"),
                M(A("--in", metavar="(FILE)"), A("--stdin", action="store_true")),
                M(A("--one", metavar="(X)"), A("--two", help="==SUPPRESS=="), required=True),
                A("target", metavar="(T)"), A("rest", nargs="?", metavar="[R]"), prog="mm")
    case("metavars with brackets keep them", mx_meta, [["--one", "1", "t"], []], widths=[80, 24])
    case("required mutex with one shown member", P(M(A("--a"), A("--b", help="==SUPPRESS=="), required=True),
                                                    prog="m1"), [[]], widths=[80])
    case("mutex required member", P(M(A("--r", required=True))), [])
    case("mutex required positional", P(M(A("p"))), [])

    # conflicts and parents
    case("conflict error", P(A("-f", "--foo"), A("--foo")), [])
    case("conflict error two", P(A("-f", "--foo"), A("-f", "--foo", "--bar")), [])
    case("conflict with help", P(A("-h")), [])
    resolve = P(A("-f", "--foo", help="old foo"), A("--foo", help="new foo"), A("-x", help="old x"),
                A("-x", help="new x"), prog="res", conflict_handler="resolve")
    case("conflict resolve", resolve, [["-f", "1", "--foo", "2", "-x", "3"]], widths=[80])
    case("conflict resolve help", P(A("-h", "--help", action="store_true", help="my help"), prog="rh",
                                    conflict_handler="resolve"), [["-h"], ["--help"]], widths=[80])
    case("conflict resolve in group", P(G(A("--a", help="group a"), title="g"), A("--a", help="top a"),
                                        prog="rg", conflict_handler="resolve"), [["--a", "1"]], widths=[80])
    parent = P(A("--parent-opt", type="int", default=1), G(A("--pg"), title="parent group"),
               M(A("--pm1", action="store_true"), A("--pm2", action="store_true")), D(pd="parent default"),
               add_help=False)
    case("parents", P(A("child"), prog="kid", parents=[parent]),
         [["c"], ["--parent-opt", "5", "c", "--pg", "g"], ["--pm1", "--pm2", "c"]], widths=[80])
    case("parents two", P(prog="kid2", parents=[P(A("--a"), add_help=False), P(A("--b"), add_help=False)]),
         [["--a", "1", "--b", "2"]], widths=[80])
    case("parents conflict", P(prog="kid3", parents=[P(A("--a"))]), [])
    case("parents group title clash", P(G(A("--x"), title="options"), prog="kid4"), [])

    # fromfile
    ff = P(A("--foo"), A("-v", action="store_true"), A("rest", nargs="*"), prog="ff", fromfile_prefix_chars="@")
    case("fromfile", ff, [
        ["@" + FILES + "args.txt"], ["x", "@" + FILES + "nested.txt", "y"], ["@" + FILES + "empty.txt"],
        ["@" + FILES + "crlf.txt"], ["@" + FILES + "missing.txt"], ["@" + FILES], ["@"], [""],
    ])
    case("fromfile split", P(A("--foo", nargs="+"), A("rest", nargs="*"), prog="ffs", fromfile_prefix_chars="@",
                             convert="split"), [["@" + FILES + "split.txt"]])

    # files
    files = P(A("--in", type="file:r"), A("--out", type="file:w"), A("--rb", type="file:rb"),
              A("--bad", type="file:q"), prog="fi")
    case("file types", files, [
        ["--in", FILES + "plain.txt"], ["--in", "-"], ["--out", "-"], ["--in", FILES + "missing.txt"],
        ["--in", FILES], ["--out", FILES + "no/such/dir.txt"], ["--rb", FILES + "plain.txt"],
        ["--bad", FILES + "plain.txt"],
    ], widths=[80])

    # exit_on_error
    noexit = P(A("--n", type="int"), A("p"), prog="ne", exit_on_error=False)
    case("exit_on_error false", noexit, [
        ["--n", "x", "a"], ["a", "b"], ["--n"], ["-h"], ["a", "--n", "1"],
    ])

    # subcommands
    sub = P(A("--verbose", action="store_true"),
            S([("checkout", {"aliases": ["co"], "help": "check out a branch"},
                P(A("branch"), A("-b", action="store_true", help="new branch"), D(func="checkout"))),
               ("commit", {"help": "record changes"},
                P(A("-m", "--message", required=True), A("-a", "--all", action="store_true"),
                  D(func="commit"))),
               ("status", {}, P(A("--short", action="store_true")))],
              dest="cmd", help="the command"),
            prog="git")
    case("subcommands", sub, [
        ["checkout", "main"], ["co", "-b", "dev"], ["--verbose", "commit", "-m", "msg", "-a"], ["status"],
        ["status", "--short", "extra"], ["commit"], ["push"], [], ["checkout"], ["-h"], ["checkout", "-h"],
        ["commit", "--mess", "x", "--verbose"], ["--verbose", "co", "x", "--unknown"],
    ], widths=[80, 40])
    case("subcommands known", sub, [["status", "--short", "extra", "--zz"], ["co", "b", "-q"]], known=True)
    sub_req = P(S([("a", {}, P(A("x"))), ("b", {}, P())], required=True, dest="which"), prog="sr")
    case("required subcommand", sub_req, [[], ["a"], ["a", "1"], ["b"], ["c"]], widths=[80])
    sub_req2 = P(S([("a", {}, P()), ("b", {}, P())], required=True), prog="sr2")
    case("required subcommand without dest", sub_req2, [["b"], ["z"]], widths=[80])
    sub_title = P(A("-q", action="store_true"),
                  S([("run", {"help": "run it"}, P(A("target", nargs="?"))), ("stop", {"help": "==SUPPRESS=="}, P())],
                    title="commands", description="Things to do.", metavar="COMMAND", help="what to do"),
                  prog="st")
    case("subcommands with title", sub_title, [["run"], ["stop"], ["walk"]], widths=[80, 40])
    sub_prog = P(A("pre"), S([("go", {}, P(A("--fast", action="store_true")))], prog="custom prog"), prog="spg")
    case("subcommand prog", sub_prog, [["p", "go", "--slow"], ["p", "go", "-h"]], widths=[80])
    sub_auto_prog = P(A("--opt"), A("first"), M(A("--m1"), A("--m2")),
                      S([("go", {}, P(A("--fast", action="store_true")))]), prog="sap")
    case("subcommand prog from usage", sub_auto_prog, [["f", "go", "--slow"]], widths=[80])
    nested = P(S([("remote", {"help": "remotes"},
                   P(S([("add", {"help": "add one"}, P(A("name"), A("url"))),
                        ("rm", {"aliases": ["remove"]}, P(A("name")))], dest="sub")))], dest="top"), prog="nest")
    case("nested subcommands", nested, [
        ["remote", "add", "o", "u"], ["remote", "remove", "o"], ["remote", "rm"], ["remote", "add", "-h"],
        ["remote", "x"],
    ], widths=[80])
    defaults_sub = P(A("--x", default="top"), S([("a", {}, P(A("--x", default="sub"))), ("b", {}, P(D(x="bdef")))]),
                     prog="ds")
    case("subparser defaults override", defaults_sub, [["a"], ["--x", "1", "a"], ["b"], ["--x", "2", "b"]])
    case("subparser errors exit with its usage", P(S([("s", {}, P(A("--n", type="int"), exit_on_error=False))]),
                                                   prog="se"), [["s", "--n", "x"]])
    case("two subparsers", P(S([("a", {}, P())]), S([("b", {}, P())])), [])
    case("duplicate subparser", P(S([("a", {}, P()), ("a", {}, P())], dest="d")), [])
    case("duplicate alias", P(S([("a", {}, P()), ("b", {"aliases": ["a"]}, P())])), [])
    case("subparser formatter", P(S([("r", {"help": "raw"},
                                      P(A("--x", help="line one\nline two"), description="keep\n  this",
                                        formatter={"classes": ["raw_text"]}))]), prog="sf"),
         [["r", "-h"]], widths=[80])

    # intermixed
    inter = P(A("--foo"), A("cmd"), A("rest", nargs="*", type="int"), prog="im")
    case("intermixed", inter, [
        ["doit", "1", "--foo", "bar", "2", "3"], ["--foo", "x", "c"], ["c", "1", "--bad", "2"], [],
        ["c", "x"], ["-h"], ["c", "--foo"],
    ], intermixed=True)
    case("intermixed known", inter, [["doit", "1", "--foo", "bar", "2", "--zz", "3"]], intermixed=True, known=True)
    case("intermixed plain parse for contrast", inter, [["doit", "1", "--foo", "bar", "2", "3"]])
    case("intermixed remainder", P(A("x", nargs="...")), [["a"]], intermixed=True)
    case("intermixed subparsers", P(S([("a", {}, P())])), [["a"]], intermixed=True)
    case("intermixed mutex positional", P(M(A("--a"), A("p", nargs="?"))), [["x"]], intermixed=True)
    req_inter = P(A("--req", required=True), M(A("--m1"), A("--m2"), required=True), A("pos", nargs="+"),
                  A("opt", nargs="?", default="dflt"), prog="ri")
    case("intermixed required", req_inter, [
        ["a", "--req", "r", "b", "--m1", "x"], ["a"], ["--req", "r", "--m2", "y"],
    ], intermixed=True)

    # definition errors
    bad = [
        ("store nargs 0", P(A("--x", nargs=0))), ("append nargs 0", P(A("--x", action="append", nargs=0))),
        ("const without ?", P(A("--x", const=1))), ("required positional", P(A("p", required=True))),
        ("dest twice", P(A("p", dest="q"))), ("bad option string", P(A("-x", "y"))),
        ("no dest", P(A("--"))), ("unexpected kwarg", P(A("--x", action="store_true", type="int"))),
        ("unexpected nargs", P(A("--x", action="count", nargs=1))),
        ("unexpected choices", P(A("--x", action="store_const", choices=[1]))),
        ("version kwargs", P(A("--v", action="version", nargs=1))),
        ("help action positional", P(A("x", action="help"))),
    ]
    for name, p in bad:
        case("definition error: " + name, p, [[]], widths=[80])
    case("empty mutex group", P(M(), prog="em"), [[]])

    # deprecated (Python 3.13)
    dep = P(A("--old", deprecated=True, help="old option"), A("-o", "--older", action="store_true", deprecated=True),
            A("p", nargs="?", deprecated=True),
            S([("new", {}, P()), ("legacy", {"aliases": ["leg"], "deprecated": True, "help": "legacy command"},
                                  P(A("--z", deprecated=True)))], dest="cmd"),
            prog="dep")
    case("deprecated", dep, [
        [], ["--old", "1"], ["--old", "1", "--old", "2", "-o", "--older"], ["x", "new"], ["legacy"], ["leg", "--z", "1"],
        ["--old", "x", "--bogus"], ["--ol=3"],
    ], widths=[80])

    # non-UTF-8 arguments
    raw = "\udcff"
    case("bytes arguments", P(A("--name"), A("--n", type="int"), A("--c", choices=["a"]), A("files", nargs="*"),
                              prog="by"),
         [["--name", "caf\udce9", "f" + raw], ["--n", raw], ["--c", raw], ["-" + raw], ["--na" + raw],
          ["--name=\u00e9t\u00e9"]])
    case("bytes abbreviation", P(A("--x\u00e9a"), A("--x\u00e9b"), prog="ba"), [["--x\u00e9", "1"], ["--x", "2"]])
    case("unicode repr", P(A("--c", choices=["a"]), prog="ur"),
         [["--c", "tab\there"], ["--c", "nl\nx"], ["--c", "\u00e9\u00a0\u200b\U0001f600\u0378\x7f"],
          ["--c", "back\\slash"], ["--c", "it's"], ["--c", "say \"hi\""]])

    # a rich parser at several widths, for the usage and help layout
    rich = P(
        A("-v", "--verbose", action="count", default=0, help="more output"),
        A("-q", "--quiet", action="store_true", help="less output"),
        A("-o", "--output", metavar="FILE", help="write to FILE"),
        A("-j", "--jobs", type="int", default=1, help="parallel jobs (default: %(default)s)"),
        A("--color", choices=["auto", "always", "never"], default="auto", help="when to colour"),
        A("--define", "-D", action="append", metavar="KEY=VALUE", help="set a variable"),
        A("--dry-run", action="boolean_optional", help="only print"),
        A("inputs", nargs="+", help="input files"),
        A("target", nargs="?", help="the target"),
        prog="rich", description="Builds things.", epilog="See the manual.")
    case("rich parser", rich, [
        ["a"], ["-vvq", "a", "b", "-o", "out"], ["-j", "x", "a"], ["--col", "al", "a"], ["-D", "a=1", "-Db=2", "a"],
        ["--no-dry-run", "a"], ["-o"],
    ], widths=[120, 80, 60, 40, 24, 12])


def main():
    if os.environ.get("PYTHONUTF8") != "1":
        env = dict(os.environ, PYTHONUTF8="1")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    os.chdir(ALLOC)
    # A parser without prog= takes basename(sys.argv[0]); the Rust tests
    # give such parsers prog='' (a test binary's argv is not Strata's).
    sys.argv[0] = ""
    cases()
    out = sys.stdout
    n_calls = 0
    for name, spec, calls in CASES:
        record = run_case(name, spec, calls)
        n_calls += len(record["calls"])
        out.write(json.dumps(record, ensure_ascii=True, sort_keys=True) + "\n")
    print("%d cases, %d calls" % (len(CASES), n_calls), file=sys.stderr)


if __name__ == "__main__":
    main()
