#!/usr/bin/env python3
"""Writes logging.txt: CPython's logging on a corpus of cases, for Strata's
logging to match byte for byte (replayed by tests/src/bin/logging_oracle.rs,
natively and under qemu-user).

Run: python3 tests/oracle/logging.py tests/oracle

The corpus is a seeded random one plus hand-picked edge cases: format
strings over every deterministic record attribute (widths, precision,
%r/%a, unicode, %%), datefmt and the default time and msec formats, levels
(custom ones from addLevelName included), propagation through placeholder
loggers created in random order, getChild, the root logger, logger and
handler levels, logging.Filter(name) on loggers and handlers, LoggerAdapter,
extra=, logging.disable, and the errors a handler reports (handleError).

Determinism. The time, thread, process and call site of a record are
pinned by a filter placed first on every handler: it overwrites `created`,
`msecs` (CPython 3.11's rule applied to the pinned `created`, here),
`relativeCreated`, `thread`, `threadName`, `process`, `pathname`,
`filename`, `module`, `lineno` and `funcName` with the values of the last
`pin` line. The replayer installs the same filter. TZ is UTC on both sides
(here through os.environ and time.tzset(); the replayer calls
strata_core::time::tzset_with).

Escaping, as the io fixtures: every text is its UTF-8 bytes with printable
ASCII and space standing for themselves except `\\` (written `\\\\`), and
every other byte written `\\xHH`. Fields are separated by tabs.

A value (an argument, an `extra` or `defaults` value, an optional text) is
one field: `N` None, `T`/`F` True/False, `i<int>`, `f<float repr>`,
`s<escaped str>`.

A case, in the order the replayer applies it:
  case  <id>  <group>
  config  <kind>  <escaped text>          (reserved for the dictConfig and
      fileConfig cases: applied first; kind `dict` is the JSON text of a
      dictConfig dict, `file` a fileConfig file; none written yet)
  logger  <name>  <level>  <propagate 0|1>  <disabled 0|1>  <how>
      getLogger(name) in this order (`how` is `-`), or, when `how` is a
      logger name, that logger's getChild(rest of name); the empty name is
      the root; the level is set only when not `-`
  lfilter  <logger>  <name>                 logger.addFilter(Filter(name))
  handler  <hid>  <level>                   StreamHandler(StringIO())
  hfilter  <hid>  <name>                    handler.addFilter(Filter(name))
  formatter  <hid>  <style>  <fmt value>  <datefmt value>  <gm 0|1>
             <default_time_format value>  <default_msec_format value>
             <validate 0|1>  <n>  (<key>  <value>) * n   (defaults=)
      (a value `-` for the default formats leaves the class attribute;
      gm 1 sets converter = time.gmtime)
  attach  <logger>  <hid>
  adapter  <aid>  <logger>  <n>  (<key>  <value>) * n
  pin  <created>  <msecs>  <relativeCreated>  <thread value>
       <threadName value>  <process value>  <pathname>  <filename>
       <module>  <lineno>  <funcName>
  call  L|A  <logger or aid>  <level>  <msg>  <n>  <value> * n
        <m>  (<key>  <value>) * m                 log(level, msg, *args,
                                                  extra=...) (m = 0: none)
  disable  <level>                          logging.disable(level)
  addlevel  <level>  <name>                 logging.addLevelName
  setlevel  <logger>  <level>
  propagate  <logger>  <0|1>
  out  <hid>  <escaped text>                the handler's StringIO at the end
  err  <escaped text>                       what reached stderr (see below)
  end
After each case both sides remove the case's handlers from the root, set
the root's level back to WARNING and call logging.disable(NOTSET).

stderr. handleError prints a traceback Strata cannot print: `err` keeps of
each report its first line `--- Logging error ---`, the exception line (the
last line of the traceback) and the `Message:` and `Arguments:` lines, in
order; every other write (lastResort's) is kept whole. An error CPython
raises out of the logging call (makeRecord's KeyError for an `extra` key
that would overwrite an attribute) is recorded as the report Strata prints
for it instead (errors never escape a Strata logging call): the first line
and the exception line.

Formatter construction, one line per format:
  fmtcheck  <style>  <fmt>  ok
  fmtcheck  <style>  <fmt>  err  <exception class>  <message>
Cases and checks of the `{` and `$` styles are in groups whose names start
with `style-`.

Left out, because Strata differs from CPython 3.11 on purpose:
- `%(taskName)s` and extra={'taskName': ...}: Strata gives every record
  3.12's taskName (None); 3.11 has no such attribute (KeyError / allowed).
- extra={'getMessage': ...}: 3.11 accepts it (not in the record's
  __dict__) and then fails in getMessage ('int' object is not callable);
  Strata refuses it as a reserved name, as makeRecord refuses `message`.
- `%(args)r` and other conversions of `args`: Strata's record holds args as
  values and shows `%(args)s` as the tuple's text, a str to the format.
- `%(exc_info)s` and `%(stack_info)s` are only exercised as None.
"""
import os
import sys

# This file is named logging.py: keep its folder off the import path, so
# that `import logging` finds CPython's.
sys.path = [p for p in sys.path
            if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import io  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

os.environ["TZ"] = "UTC"
time.tzset()

SEED = 20261203


def esc(s):
    out = []
    for c in s.encode("utf-8", "surrogatepass"):
        if c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


def val(v):
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f" + repr(v)
    if isinstance(v, str):
        return "s" + esc(v)
    raise TypeError(v)


def fields(*parts):
    return "\t".join(parts)


# ------------------------------------------------------------ the corpus

CUSTOM_LEVELS = [(5, "TRACE"), (15, "VERBOSE"), (25, "NOTICE"), (35, "ALERT"),
                 (45, "SEVERE"), (1, "Ünïcode"), (99, "LVL 99")]
STD_LEVELS = [10, 20, 30, 40, 50]

ATTRS_STR = ["name", "levelname", "pathname", "filename", "module", "funcName",
             "threadName", "processName", "message", "msg", "asctime"]
ATTRS_INT = ["levelno", "lineno", "thread", "process"]
ATTRS_FLOAT = ["created", "msecs", "relativeCreated"]
ATTRS_NONE = ["exc_info", "exc_text", "stack_info"]

WORDS = ["alpha", "beta", "x", "", "naïve", "日本語", "emoji 😀", "tab\there",
         "new\nline", "quote'\"", "back\\slash", "50%", "%d", "%(name)s",
         "ctl\x01\x7f", "\u00e9t\u00e9", "ß", "\u200b"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def word(self):
        return self.r.choice(WORDS)

    def literal(self):
        r = self.r
        return r.choice(["", " ", " | ", ":", "[", "]", "-", "%%", "100%% ",
                         "é", "→", "日", "\t", "(", "%%(name)s", "{x}", "$y"])

    def flags(self):
        r = self.r
        f = "".join(r.choice("#0+ -") for _ in range(r.choice([0, 0, 0, 1, 2])))
        w = r.choice(["", "", "", "1", "5", "10", "20", "03", "012"])
        p = r.choice(["", "", "", ".0", ".1", ".3", ".10"])
        return f, w, p

    def field(self, extras):
        """A %(key)... field that formats without error."""
        r = self.r
        kind = r.random()
        f, w, p = self.flags()
        if kind < 0.45:
            key = r.choice(ATTRS_STR)
            conv = r.choice("ssssra")
            f = f.replace("0", "").replace("#", "").replace("+", "").replace(" ", "")
            return "%%(%s)%s%s%s%s" % (key, f, w, p, conv)
        if kind < 0.65:
            key = r.choice(ATTRS_INT)
            conv = r.choice("ddddixXosrfeg")
            if conv in "sr":
                p = ""
            return "%%(%s)%s%s%s%s" % (key, f, w, p, conv)
        if kind < 0.85:
            key = r.choice(ATTRS_FLOAT)
            conv = r.choice("ffffdeEgGsr")
            if conv in "sr":
                p = ""
            return "%%(%s)%s%s%s%s" % (key, f, w, p, conv)
        if kind < 0.9:
            return "%%(%s)s" % r.choice(ATTRS_NONE)
        if extras:
            key = r.choice(extras)
            return "%%(%s)%s%s" % (key, w, r.choice("sr"))
        return "%(args)s"

    def fmt(self, extras):
        parts = []
        for _ in range(self.r.randint(1, 5)):
            parts.append(self.literal())
            parts.append(self.field(extras))
        parts.append(self.literal())
        return "".join(parts)

    def datefmt(self):
        r = self.r
        return r.choice([
            None, None, None, "", "%Y-%m-%d", "%H:%M:%S", "%d/%b/%Y:%H:%M:%S %z",
            "%a %A %b %B %j %p %I %y", "%Y%m%dT%H%M%S", "%%Y %Z", "[%c]",
            "%x %X", "%e|%U|%W|%w|%u|%V|%G|%g", "día %d", "%D %T %R %h %n %t",
            "%C %k %l", "%s", "%G-W%V-%u", "%Q %", "%Ey %Od %EY", "%-d %_H %^a %#b",
            "%5Y|%-m|%_3d", "%+",
        ])

    def created(self):
        r = self.r
        base = r.choice([0.0, 1.0, 86399.0, 951782400.0, 1700000000.0,
                         1709251199.0, 2147483647.0, 4102444800.0, -1.0,
                         -86400.5])
        return base + r.choice([0.0, 0.5, 0.999, 0.0005, 0.123456,
                                r.random(), r.randint(0, 10 ** 6) / 10 ** 6])

    def value(self):
        r = self.r
        return r.choice([
            None, True, False, 0, -1, 7, 255, 2 ** 31, -(2 ** 63), 10 ** 20,
            0.0, -0.0, 1.5, 3.14159, 1e100, 1e-7, 2.5e-300, 123456789.125,
            float("inf"), float("nan"), self.word(), "", "x" * 30,
        ])

    def level(self):
        r = self.r
        return r.choice(STD_LEVELS * 3 + [l for l, _ in CUSTOM_LEVELS] +
                        [0, 7, 33, 51, 100, -5])

    def set_level(self):
        r = self.r
        return r.choice(["-", "-", "-", "0", "10", "20", "30", "40", "50",
                         "15", "25", "5", "33"])


def pin_fields(p):
    return ["%r" % p["created"], "%r" % p["msecs"], "%r" % p["relativeCreated"],
            val(p["thread"]), val(p["threadName"]), val(p["process"]),
            esc(p["pathname"]), esc(p["filename"]), esc(p["module"]),
            "%d" % p["lineno"], esc(p["funcName"])]


def make_pin(g):
    r = g.r
    created = g.created()
    path = r.choice(["/srv/app/main.py", "/usr/lib/python3/x.tar.gz", "main.py",
                     ".hidden", "/a/b/", "C:\\w\\f.py", "lib/ünï.py",
                     "(unknown file)", "src/bin/tool.rs"])
    return {
        "created": created,
        "msecs": int((created - int(created)) * 1000) + 0.0,
        "relativeCreated": r.choice([0.0, 1.0, 12.345, 99999.99,
                                     r.random() * 1e6, -3.5]),
        "thread": r.choice([1, 4242, 140000, 2 ** 31 - 1, None]),
        "threadName": r.choice(["MainThread", "Thread-1 (worker)", "ŧħřëàð",
                                "", None]),
        "process": r.choice([1, 777, 65535, None]),
        "pathname": path,
        "filename": os.path.basename(path),
        "module": os.path.splitext(os.path.basename(path))[0],
        "lineno": r.choice([0, 1, 42, 99999, 2 ** 31]),
        "funcName": r.choice(["main", "<module>", "handle_request",
                              "(unknown function)", "fünc"]),
    }


# ------------------------------------------------------------ running

PIN = {}


class PinFilter(logging.Filter):
    def filter(self, record):
        for k, v in PIN.items():
            setattr(record, k, v)
        return True


class Stderr:
    """sys.stderr for a case: each write() kept apart."""

    def __init__(self):
        self.writes = []

    def write(self, s):
        self.writes.append(s)
        return len(s)

    def flush(self):
        pass

    def raised(self, text):
        self.writes.append(("raised", text))

    def essential(self):
        out = []
        i = 0
        w = self.writes
        while i < len(w):
            if isinstance(w[i], tuple):
                out.append(w[i][1])
                i += 1
            elif w[i] == "--- Logging error ---\n":
                out.append(w[i])
                j = i + 1
                while j < len(w) and w[j] != "Call stack:\n":
                    j += 1
                # The traceback's last line: the exception.
                tb = "".join(w[i + 1:j]).splitlines(True)
                out.append(tb[-1])
                while j < len(w) and not w[j].startswith("Message: "):
                    j += 1
                if j < len(w):
                    out.append(w[j])
                i = j + 1
            else:
                out.append(w[i])
                i += 1
        return "".join(out)


def run_case(case):
    """Runs one case (a list of line field lists) in CPython; returns the
    handlers' outputs and the stderr text."""
    global PIN
    loggers = {}
    handlers = {}
    streams = {}
    adapters = {}
    err = Stderr()

    def lg(name):
        return loggers[name] if name in loggers else logging.getLogger(name)

    real = sys.stderr
    sys.stderr = err
    try:
        for op in case:
            kind = op[0]
            if kind == "logger":
                _, name, level, prop, disabled, how = op
                if how == "-":
                    l = logging.getLogger(name)
                else:
                    l = lg(how).getChild(name[len(how) + 1:] if how else name)
                    assert l.name == (name or "root"), (l.name, name)
                if level != "-":
                    l.setLevel(int(level))
                l.propagate = prop == "1"
                l.disabled = disabled == "1"
                loggers[name] = l
            elif kind == "lfilter":
                lg(op[1]).addFilter(logging.Filter(op[2]))
            elif kind == "handler":
                s = io.StringIO()
                h = logging.StreamHandler(s)
                h.setLevel(int(op[2]))
                h.addFilter(PinFilter())
                handlers[op[1]] = h
                streams[op[1]] = s
            elif kind == "hfilter":
                handlers[op[1]].addFilter(logging.Filter(op[2]))
            elif kind == "formatter":
                h = handlers[op[1]]
                fmt, datefmt = op[3], op[4]
                n = int(op[9])
                defaults = {op[10 + 2 * i]: op[11 + 2 * i] for i in range(n)}
                f = logging.Formatter(fmt, datefmt, op[2], validate=op[8] == "1",
                                      defaults=defaults or None)
                if op[5] == "1":
                    f.converter = time.gmtime
                if op[6] != "-":
                    f.default_time_format = op[6]
                if op[7] != "-":
                    f.default_msec_format = op[7]
                h.setFormatter(f)
            elif kind == "attach":
                lg(op[1]).addHandler(handlers[op[2]])
            elif kind == "adapter":
                n = int(op[3])
                extra = {op[4 + 2 * i]: op[5 + 2 * i] for i in range(n)}
                adapters[op[1]] = logging.LoggerAdapter(lg(op[2]), extra)
            elif kind == "pin":
                PIN = op[1]
            elif kind == "call":
                _, how, target, level, msg, args, extra = op
                t = adapters[target] if how == "A" else lg(target)
                try:
                    if extra is None:
                        t.log(level, msg, *args)
                    else:
                        t.log(level, msg, *args, extra=extra)
                except KeyError as e:
                    # Strata reports this on stderr instead of raising.
                    err.raised("--- Logging error ---\nKeyError: %s\n" % e)
            elif kind == "disable":
                logging.disable(int(op[1]))
            elif kind == "addlevel":
                logging.addLevelName(int(op[1]), op[2])
            elif kind == "setlevel":
                lg(op[1]).setLevel(int(op[2]))
            elif kind == "propagate":
                lg(op[1]).propagate = op[2] == "1"
            else:
                raise ValueError(kind)
    finally:
        sys.stderr = real
        for l in loggers.values():
            for h in list(l.handlers):
                l.removeHandler(h)
        root = logging.getLogger()
        for h in list(root.handlers):
            root.removeHandler(h)
        root.setLevel(logging.WARNING)
        root.propagate = True
        root.disabled = False
        for f in list(root.filters):
            root.removeFilter(f)
        logging.disable(logging.NOTSET)
    return {hid: s.getvalue() for hid, s in streams.items()}, err.essential()


def encode_op(op):
    kind = op[0]
    if kind == "logger":
        return fields("logger", esc(op[1]), op[2], op[3], op[4],
                      "-" if op[5] == "-" else esc(op[5]))
    if kind in ("lfilter", "setlevel", "propagate"):
        return fields(kind, esc(op[1]), esc(str(op[2])))
    if kind == "handler":
        return fields("handler", op[1], op[2])
    if kind == "hfilter":
        return fields("hfilter", op[1], esc(op[2]))
    if kind == "formatter":
        n = int(op[9])
        rest = []
        for i in range(n):
            rest += [esc(op[10 + 2 * i]), val(op[11 + 2 * i])]
        return fields("formatter", op[1], op[2], val(op[3]), val(op[4]), op[5],
                      "-" if op[6] == "-" else val(op[6]),
                      "-" if op[7] == "-" else val(op[7]), op[8], op[9], *rest)
    if kind == "attach":
        return fields("attach", esc(op[1]), op[2])
    if kind == "adapter":
        n = int(op[3])
        rest = []
        for i in range(n):
            rest += [esc(op[4 + 2 * i]), val(op[5 + 2 * i])]
        return fields("adapter", op[1], esc(op[2]), op[3], *rest)
    if kind == "pin":
        return fields("pin", *pin_fields(op[1]))
    if kind == "call":
        _, how, target, level, msg, args, extra = op
        parts = ["call", how, esc(target) if how == "L" else target, "%d" % level,
                 esc(msg), "%d" % len(args)] + [val(a) for a in args]
        if extra is None:
            parts.append("0")
        else:
            parts.append("%d" % len(extra))
            for k, v in extra.items():
                parts += [esc(k), val(v)]
        return fields(*parts)
    if kind == "disable":
        return fields("disable", op[1])
    if kind == "addlevel":
        return fields("addlevel", op[1], esc(op[2]))
    raise ValueError(kind)


class Corpus:
    def __init__(self):
        self.cases = []  # (group, ops)

    def add(self, group, ops):
        self.cases.append((group, ops))


def formatter_op(hid, fmt, datefmt=None, gm="0", tf="-", mf="-", style="%",
                 validate="1", defaults=None):
    op = ["formatter", hid, style, fmt, datefmt, gm, tf, mf, validate,
          str(len(defaults or {}))]
    for k, v in (defaults or {}).items():
        op += [k, v]
    return op


def call(target, level, msg, *args, extra=None, adapter=False):
    return ["call", "A" if adapter else "L", target, level, msg, list(args), extra]


def gen_formats(c, g, n):
    """Random formats over every attribute, one handler and a few calls."""
    for i in range(n):
        cid = len(c.cases)
        name = "c%d" % cid + g.r.choice(["", ".a", ".a.b", ".ü"])
        extras = g.r.sample(["user", "ip", "n", "ratio", "flag", "ü_key"],
                            g.r.randint(0, 3))
        ops = [["logger", name, "1", "1", "0", "-"], ["handler", "h0", "0"]]
        fmt = g.fmt(extras)
        defaults = None
        if g.r.random() < 0.2 and extras:
            defaults = {extras[0]: g.value()}
        gm = g.r.choice("0011")
        tf = g.r.choice(["-"] * 6 + ["%H:%M", "%Y", "%d %b"])
        mf = g.r.choice(["-"] * 6 + ["%s.%03d", "%s+%.1f", None, "%s"[:2] + "|%d"])
        ops.append(formatter_op("h0", fmt, g.datefmt(), gm, tf, mf,
                                defaults=defaults))
        ops.append(["attach", name, "h0"])
        if g.r.random() < 0.3:
            # A second handler formats the same record (message and
            # asctime are computed on the record once per formatter).
            ops.append(["handler", "h1", g.r.choice(["0", "0", "20", "30"])])
            ops.append(formatter_op("h1", g.fmt(extras), g.datefmt(),
                                    g.r.choice("01")))
            ops.append(["attach", name.split(".")[0], "h1"])
        for _ in range(g.r.randint(1, 4)):
            ops.append(["pin", make_pin(g)])
            extra = None
            if extras and g.r.random() < 0.9:
                extra = {k: g.value() for k in extras if g.r.random() < 0.95}
            nargs = g.r.choice([0, 0, 1, 2])
            msg = g.r.choice([["plain", "100%", "", "ünï", "%d"], ["with %s", "%r",
                              "ünï %s", "%5s|", "%-8a|", "%.3s"], ["%s and %r",
                              "%s=%s", "%10r%%%s"]][nargs])
            if g.r.random() < 0.05:
                # The odd one that fails: too many arguments or a type.
                msg = g.r.choice(["%d%%", "%5.2f|%-6s", "%(k)s", "plain"])
            args = [g.value() for _ in range(nargs)]
            ops.append(call(name, g.r.choice(STD_LEVELS + [5, 25, 45, 1, 99]),
                            msg, *args, extra=extra))
        c.add("formats", ops)


def gen_trees(c, g, n):
    """Loggers created in random order (placeholders), levels, propagate,
    disabled, filters on loggers and handlers, and calls all over."""
    for i in range(n):
        cid = len(c.cases)
        base = "c%d" % cid
        names = [base, base + ".a", base + ".a.b", base + ".a.b.c", base + ".b",
                 base + ".a.c", base + ".ab", base + ".a.b.c.d"]
        if g.r.random() < 0.3:
            # Empty parts: placeholders named "c1." and "c1..x".
            names += g.r.sample([base + "..x", base + ".a.", base + ".a..b",
                                 base + "...", base + ".", base + ".x.y.z"], 3)
        chosen = g.r.sample(names, g.r.randint(2, len(names)))
        use_root = g.r.random() < 0.15
        ops = []
        for name in chosen:
            how = "-"
            parent = name.rsplit(".", 1)[0]
            if "." in name and parent in [o[1] for o in ops] and g.r.random() < 0.4:
                how = parent
            ops.append(["logger", name, g.set_level(),
                        "1" if g.r.random() < 0.85 else "0",
                        "1" if g.r.random() < 0.08 else "0", how])
        if use_root:
            ops.append(["logger", "", g.r.choice(["-", "10", "30", "40"]), "1",
                        "0", "-"])
        targets = chosen + ([""] if use_root else [])
        nh = g.r.randint(1, 3)
        for h in range(nh):
            hid = "h%d" % h
            ops.append(["handler", hid, g.r.choice(["0", "0", "10", "20", "30", "45"])])
            if g.r.random() < 0.2:
                ops.append(["hfilter", hid, g.r.choice(names + ["", base + ".a.b.c.d.e", "c"])])
            ops.append(formatter_op(hid, g.r.choice([
                "%(name)s:%(levelname)s:%(message)s",
                "%(levelno)d %(name)-20s %(message)r",
                "[%(levelname)8s] %(name)s %(msecs)03d %(message)s",
                None])))
            for t in g.r.sample(targets, g.r.randint(1, min(2, len(targets)))):
                ops.append(["attach", t, hid])
        for t in targets:
            if t and g.r.random() < 0.1:
                ops.append(["lfilter", t, g.r.choice(names + [""])])
        ops.append(["pin", make_pin(g)])
        for _ in range(g.r.randint(3, 10)):
            r = g.r.random()
            if r < 0.12:
                ops.append(["setlevel", g.r.choice(targets + names),
                            g.r.choice([0, 10, 30, 50])])
            elif r < 0.1:
                ops.append(["propagate", g.r.choice(targets), g.r.choice("01")])
            elif r < 0.13:
                ops.append(["disable", g.r.choice(["0", "10", "20", "30", "50"])])
            target = g.r.choice(targets + names)  # unchosen names: placeholders or new
            ops.append(call(target, g.level(), "%s from %s", g.word(), target))
        c.add("trees", ops)


def gen_adapters(c, g, n):
    for i in range(n):
        cid = len(c.cases)
        name = "c%d.adapt" % cid
        keys = g.r.sample(["conn", "user", "req", "ü"], g.r.randint(1, 3))
        ops = [["logger", name, "-", "1", "0", "-"], ["handler", "h0", "0"],
               formatter_op("h0", "%(levelname)s " + " ".join("%%(%s)s" % k for k in keys)
                            + " %(message)s"),
               ["attach", name, "h0"], ["pin", make_pin(g)]]
        extra = {k: g.value() for k in keys if g.r.random() < 0.85}
        if g.r.random() < 0.05:
            # A key makeRecord refuses: every call fails.
            extra[g.r.choice(["name", "message", "lineno"])] = 1
        op = ["adapter", "a0", name, str(len(extra))]
        for k, v in extra.items():
            op += [k, v]
        ops.append(op)
        for _ in range(g.r.randint(1, 4)):
            call_extra = None
            if g.r.random() < 0.3:
                call_extra = {k: g.value() for k in keys}
            ops.append(call("a0", g.level(), "adapted %r", g.value(),
                            extra=call_extra, adapter=True))
        c.add("adapters", ops)


def gen_errors(c, g, n):
    """Calls and formats that fail: handleError's reports."""
    bad_msgs = [("%d", ["x"]), ("%s %s", [1]), ("no args", [1]), ("%(k)s", [1]),
                ("%z", [1]), ("%c", [1000000000]), ("%c", ["ab"]), ("%.*f", [1]),
                ("%x", [1.5]), ("%d", [None]), ("%", [1]), ("%(", [1]),
                ("%s", []), ("%i %i", [1, "2"]), ("%f", ["1"])]
    bad_fmts = ["%(nope)s", "%(levelname)d", "%(name)f", "%(message)x",
                "%(threadName)d", "%(lineno)c %(missing)s", "%(msecs)s %(name)z"]
    for i in range(n):
        cid = len(c.cases)
        name = "c%d.err" % cid
        ops = [["logger", name, "-", "1", "0", "-"], ["handler", "h0", "0"]]
        if g.r.random() < 0.4:
            ops.append(formatter_op("h0", g.r.choice(bad_fmts)))
        else:
            ops.append(formatter_op("h0", "%(levelname)s:%(message)s"))
        ops += [["attach", name, "h0"], ["pin", make_pin(g)]]
        for _ in range(g.r.randint(1, 3)):
            msg, args = g.r.choice(bad_msgs + [("fine %s", ["ok"])])
            extra = None
            if g.r.random() < 0.15:
                extra = {g.r.choice(["message", "asctime", "name", "levelno",
                                     "lineno", "msg", "args", "created",
                                     "relativeCreated", "fine"]): 1}
            ops.append(call(name, g.r.choice(STD_LEVELS), msg, *args, extra=extra))
        c.add("errors", ops)


def edge_cases(c, g):
    pin = make_pin(g)
    pin.update(created=1700000000.123456, msecs=123.0, relativeCreated=42.5,
               thread=4242, threadName="MainThread", process=777,
               pathname="/srv/app/main.py", filename="main.py", module="main",
               lineno=42, funcName="main")

    def one(group, fmt, calls, name=None, datefmt=None, gm="0", tf="-", mf="-",
            defaults=None, level="1", pin_=pin, validate="1"):
        cid = len(c.cases)
        name = name or "c%d" % cid
        ops = [["logger", name, level, "1", "0", "-"], ["handler", "h0", "0"],
               formatter_op("h0", fmt, datefmt, gm, tf, mf, validate=validate,
                            defaults=defaults),
               ["attach", name, "h0"], ["pin", pin_]]
        ops += [call(name, *cl) if isinstance(cl, tuple) else cl for cl in calls]
        c.add(group, ops)

    widths = ["%(levelno)5d", "%(levelno)-5d|", "%(levelno)05d", "%(levelno)+d",
              "%(levelno)x %(levelno)#x %(levelno)#o %(levelno)X", "%(created)f",
              "%(created).3f", "%(created)e", "%(created)g", "%(created)s",
              "%(created)r", "%(msecs)03d", "%(msecs)d", "%(msecs)f", "%(msecs)s",
              "%(relativeCreated)d", "%(relativeCreated).2f", "%(name).2s",
              "%(name)10.3s|", "%(name)-10s|", "%(message)r", "%(message)a",
              "%(message)s %% 100%%", "%%(name)s", "%(name)s%(name)s",
              "%(levelno)c", "%(thread)d %(process)d",
              "%(threadName)r %(processName)s", "%(pathname)s %(filename)s %(module)s",
              "%(lineno)d %(funcName)s", "%(exc_info)s %(exc_text)s %(stack_info)s",
              "%(asctime)s", "%(asctime)-30s|", "%(asctime).10s", "%(args)s",
              "%(msg)s|%(message)s", "ünï %(name)s 😀 %(message)s", "%(levelname)s"]
    for fmt in widths:
        one("edge", fmt, [(20, "hello %s", "wörld"), (30, "no args %d"),
                          (10, "%r %a", "é😀", "x'y")])
    for created in [0.0, 0.9995, 1.0005, -0.5, -1.25, 1e10, 2147483648.999,
                    1709251199.9999, 951868800.0]:
        p = dict(pin, created=created,
                 msecs=int((created - int(created)) * 1000) + 0.0)
        for datefmt, gm, tf, mf in [(None, "0", "-", "-"), (None, "1", "-", "-"),
                                    ("%Y-%m-%dT%H:%M:%S%z", "1", "-", "-"),
                                    (None, "0", "%H:%M:%S", "%s.%03d"),
                                    (None, "0", "-", None), (None, "0", "-", "")]:
            one("edge", "%(asctime)s %(msecs)03d %(created)f %(message)s",
                [(20, "t")], datefmt=datefmt, gm=gm, tf=tf, mf=mf, pin_=p)
    # Unicode logger names and messages, getChild, root, "root".
    cid = len(c.cases)
    base = "c%d" % cid
    c.add("edge", [
        ["logger", base + ".ü", "10", "1", "0", "-"],
        ["logger", base + ".ü.日本", "-", "1", "0", base + ".ü"],
        ["handler", "h0", "0"], formatter_op("h0", "%(name)s|%(message)s"),
        ["attach", base + ".ü", "h0"], ["pin", pin],
        call(base + ".ü.日本", 20, "ñ %s", "😀"),
        call(base + ".ü", 10, "direct"),
    ])
    for how in ["-", ""]:
        cid = len(c.cases)
        c.add("edge", [
            ["logger", "", "20", "1", "0", "-"],
            ["logger", "c%d" % cid, "-", "1", "0", how],
            ["handler", "h0", "0"], formatter_op("h0", "%(name)s:%(levelname)s:%(message)s"),
            ["attach", "", "h0"], ["pin", pin],
            call("", 20, "root info"), call("root", 30, "root by name"),
            call("c%d" % cid, 20, "child of root"), call("c%d" % cid, 10, "dropped"),
        ])
    # Custom levels, a standard one renamed and named back.
    cid = len(c.cases)
    ops = [["logger", "c%d" % cid, "1", "1", "0", "-"], ["handler", "h0", "0"],
           formatter_op("h0", "%(levelno)s %(levelname)-8s %(message)s"),
           ["attach", "c%d" % cid, "h0"], ["pin", pin]]
    for lvl, lname in CUSTOM_LEVELS:
        ops.append(call("c%d" % cid, lvl, "before"))
        ops.append(["addlevel", str(lvl), lname])
        ops.append(call("c%d" % cid, lvl, "after"))
    ops += [["addlevel", "20", "INFORMATION"], call("c%d" % cid, 20, "renamed"),
            ["addlevel", "20", "INFO"], call("c%d" % cid, 20, "named back"),
            call("c%d" % cid, 12, "unnamed")]
    c.add("edge", ops)
    # disable() over levels.
    for lvl in ["0", "10", "20", "50", "55"]:
        cid = len(c.cases)
        ops = [["logger", "c%d" % cid, "1", "1", "0", "-"], ["handler", "h0", "0"],
               formatter_op("h0", "%(levelname)s %(message)s"),
               ["attach", "c%d" % cid, "h0"], ["pin", pin], ["disable", lvl]]
        ops += [call("c%d" % cid, l, "at %d", l) for l in [5, 10, 15, 20, 30, 50, 51]]
        c.add("edge", ops)
    # No handler anywhere: lastResort (WARNING and up, the message alone).
    cid = len(c.cases)
    c.add("edge", [["logger", "c%d.quiet" % cid, "1", "1", "0", "-"], ["pin", pin],
                   call("c%d.quiet" % cid, 20, "info: not shown"),
                   call("c%d.quiet" % cid, 30, "last %s", "resort"),
                   call("c%d.quiet" % cid, 50, "crit\nline")])
    # Handler errors stop only their handler: a second handler still writes.
    cid = len(c.cases)
    c.add("edge", [["logger", "c%d" % cid, "1", "1", "0", "-"],
                   ["handler", "h0", "0"], formatter_op("h0", "%(nope)s"),
                   ["handler", "h1", "0"], formatter_op("h1", "%(message)s"),
                   ["attach", "c%d" % cid, "h0"], ["attach", "c%d" % cid, "h1"],
                   ["pin", pin], call("c%d" % cid, 20, "both %s", "see")])
    # validate=False keeps a format without fields.
    one("edge", "no fields at all", [(20, "m")], validate="0")


def fmtchecks(g):
    percent = ["", "plain", "%(name)s", "%(name)", "%(name)q", "%(na me)s",
               "%()s", "%(name)-10.3s", "%(name)*s", "%(name).*d", "%(name).s",
               "%(name)5.s", "%(ü)s", "%(name)%", "%(name)S", "%(name)R",
               "%%(name)s", "%s", "%(name)#0+ -5.2f", "%(a)s%(", "%(name)l",
               "%(name)hs"]
    for _ in range(150):
        s = "".join(g.r.choice(["%(", ")", "name", "s", "d", "-", "5", ".", "*",
                                "%", "x", " ", "(", "ü"])
                    for _ in range(g.r.randint(1, 8)))
        percent.append(s)
    brace = ["{name}", "{name!r:>10}", "{}", "{0}", "{name", "name}", "{{name}}",
             "{name!x}", "{name:%}", "{name:<}", "{name:10.3}", "{name.attr}",
             "{name[0]}", "{name:{width}}", "plain", "", "{asctime:%Y}", "{ü}"]
    dollar = ["$name", "${name}", "$$name", "$", "$1", "${name", "plain", "",
              "$name$", "${ü}", "$name $$ ${levelname}", "${}"]
    lines = []
    for style, fmts in [("%", percent), ("{", brace), ("$", dollar),
                        ("x", ["%(message)s"]), ("%%", ["%(message)s"])]:
        for f in fmts:
            try:
                logging.Formatter(f, style=style, validate=True)
                lines.append(fields("fmtcheck", style, esc(f), "ok"))
            except Exception as e:
                lines.append(fields("fmtcheck", style, esc(f), "err",
                                    type(e).__name__, esc(str(e))))
    return lines


def brace_field(g):
    r = g.r
    kind = r.random()
    conv = r.choice(["", "", "", "!r", "!s", "!a"])
    align = r.choice(["", "", "<", ">", "^", "*^", "0>", "é<"])
    width = r.choice(["", "", "1", "8", "12"])
    if kind < 0.5 or conv:
        key = r.choice(ATTRS_STR)
        prec = r.choice(["", "", ".3"])
        return "{%s%s:%s%s%s}" % (key, conv, align, width, prec) if (align or width or prec) \
            else "{%s%s}" % (key, conv)
    if kind < 0.75:
        key = r.choice(ATTRS_INT)
        spec = r.choice(["", "d", "5d", "+d", "x", "#x", "o", ",", "_d", "08d", "e"])
        return "{%s:%s}" % (key, spec) if spec else "{%s}" % key
    key = r.choice(ATTRS_FLOAT)
    spec = r.choice(["", ".3f", "f", "e", "g", "012.2f", ".0f", "03.0f", "%", ","])
    return "{%s:%s}" % (key, spec) if spec else "{%s}" % key


def dollar_field(g):
    key = g.r.choice(ATTRS_STR + ATTRS_INT + ATTRS_FLOAT)
    return g.r.choice(["$%s", "${%s}", "${%s}x", "$%s "]) % key


def styles(c, g, n):
    """`{` and `$` formats on records."""
    for style, field, lit in [("{", brace_field, ["", " ", "|", "{{", "}}", "é", "%", "$"]),
                              ("$", dollar_field, ["", " ", "|", "$$", "é", "%", "{", "}"])]:
        for _ in range(n):
            cid = len(c.cases)
            name = "c%d" % cid
            f = "".join(g.r.choice(lit) + field(g) for _ in range(g.r.randint(1, 4)))
            ops = [["logger", name, "1", "1", "0", "-"], ["handler", "h0", "0"],
                   formatter_op("h0", f, g.datefmt(), g.r.choice("01"), style=style),
                   ["attach", name, "h0"]]
            for _ in range(g.r.randint(1, 3)):
                ops += [["pin", make_pin(g)],
                        call(name, g.level(), "msg %s", g.value())]
            c.add("style-" + ("brace" if style == "{" else "dollar"), ops)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    g = Gen(SEED)
    c = Corpus()
    edge_cases(c, g)
    gen_formats(c, g, 700)
    gen_trees(c, g, 300)
    gen_adapters(c, g, 100)
    gen_errors(c, g, 150)
    styles(c, g, 150)
    out = ["# CPython %s logging, written by tests/oracle/logging.py (see there)."
           % ("%d.%d" % sys.version_info[:2])]
    for cid, (group, ops) in enumerate(c.cases):
        outputs, err = run_case(ops)
        out.append(fields("case", str(cid), group))
        out += [encode_op(op) for op in ops]
        for hid, text in outputs.items():
            out.append(fields("out", hid, esc(text)))
        out.append(fields("err", esc(err)))
        out.append("end")
    out += fmtchecks(g)
    with open(os.path.join(outdir, "logging.txt"), "w", encoding="ascii",
              newline="\n") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
