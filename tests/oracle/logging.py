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
  config  dict  <escaped JSON text>        dictConfig(json.loads(text))
  config  file  <disable 0|1>  <n>  (<key>  <value>) * n  <escaped INI text>
      fileConfig(path, defaults, disable_existing_loggers) on the text
      written to @TMP@/c<id>.ini (see "logging.config" below)
  config  filestr  ...as file...              fileConfig(io.StringIO(text), ...)
  pinlogger  <logger>                       the pin filter on a logger
  clear                                     logging.config's
      _clearExistingHandlers(): every handler flushed and closed
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
  outcome  <i>  <n>  (<class>  <escaped str>) * n
      the i-th configuration's exception, then its __cause__, and so on
      (n = 0: it worked); @TMP@ stands for the directory
  stdout  <escaped text>                    what reached sys.stdout (cases
                                            with configurations)
  file  <name>  <escaped text>              a file the case left in @TMP@
  err  <escaped text>                       what reached stderr (see below)
  end
After each case both sides remove the case's handlers from the root and
the pin filters from the loggers, set the root's level back to WARNING and
call logging.disable(NOTSET); the files in @TMP@ are read and removed.

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


def run_case(case, case_id=None):
    """Runs one case (a list of line field lists) in CPython; returns the
    handlers' outputs, the stderr text and, for the configuration cases,
    stdout, the configurations' outcomes and the files written."""
    global PIN
    loggers = {}
    handlers = {}
    streams = {}
    adapters = {}
    err = Stderr()
    out = new_stdout()
    outcomes = []
    pinned = []

    def lg(name):
        return loggers[name] if name in loggers else logging.getLogger(name)

    real, real_out = sys.stderr, sys.stdout
    sys.stderr, sys.stdout = err, out
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
            elif kind == "config":
                try:
                    run_config(op[1], op[2:], case_id)
                    outcomes.append([])
                except Exception as e:
                    outcomes.append(chain(e))
            elif kind == "pinlogger":
                f = PinFilter()
                lg(op[1]).addFilter(f)
                pinned.append((lg(op[1]), f))
            elif kind == "clear":
                logging.config._clearExistingHandlers()
            else:
                raise ValueError(kind)
    finally:
        sys.stderr, sys.stdout = real, real_out
        for l, f in pinned:
            l.removeFilter(f)
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
    files = {}
    if outcomes:
        prefix = "c%d" % case_id
        for fname in sorted(os.listdir(CFG_DIR)):
            path = os.path.join(CFG_DIR, fname)
            if fname.startswith(prefix + "-"):
                with open(path, encoding="utf-8") as f:
                    files[fname] = f.read()
            os.remove(path)
    out.flush()
    extra = {"stdout": out.buffer.getvalue().decode("utf-8"), "outcomes": outcomes,
             "files": files}
    return {hid: s.getvalue() for hid, s in streams.items()}, err.essential(), extra


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
    if kind == "config" and op[1] == "dict":
        return fields("config", "dict", esc(op[2]))
    if kind == "config":
        _, _, disable, defaults, text = op
        rest = []
        for k, v in defaults.items():
            rest += [esc(k), val(v)]
        return fields("config", op[1], disable, "%d" % len(defaults), *rest, esc(text))
    if kind == "pinlogger":
        return fields("pinlogger", esc(op[1]))
    if kind == "clear":
        return "clear"
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



# ------------------------------------------------------------ logging.config
#
# Groups dictconfig, dictconfig-errors, fileconfig, fileconfig-errors:
# random valid configurations (formatters in each style, datefmt, filters
# by name on loggers and handlers, levels by name and number, propagate,
# disable_existing_loggers either way over loggers made before, the root,
# StreamHandlers on ext://sys.stdout and sys.stderr, FileHandlers,
# RotatingFileHandler, NullHandler, MemoryHandlers with targets, capacity
# and flushLevel, cfg:// references, `()` factories of logging.Formatter,
# logging.Filter and logging.StreamHandler, incremental configurations on
# top; for fileConfig args= and kwargs= with strings, numbers, constants
# and sys.stdout, level=, formatter=, propagate=, qualname, [DEFAULT] and
# `defaults=` interpolation, `%%` in raw formats), the same broken in one
# place, and hand-picked broken ones. The cases stay few (each config
# case's loggers live on, as CPython's do): the program replaying them
# runs in an 8 MiB address space too.
#
# Left out on purpose, where Strata differs:
# - custom Python classes and factories (only the built-in classes; `()`
#   only for logging.Formatter, logging.Filter and the handlers), `.`
#   properties and atTime (refused);
# - a MemoryHandler flushLevel given by name: CPython 3.11 keeps the str
#   and then raises TypeError out of the logging call;
# - an incremental configuration after a failed one, or naming a handler
#   no logger holds: logging._handlers holds weak references, and CPython
#   finds such a handler only until the cycle collector frees the dict;
# - args= that is no Python expression (CPython's SyntaxError is its
#   compiler's text) or a bare stream (CPython iterates it).

# dictConfig and fileConfig cases. A configuration names files under a
# directory written `@TMP@` in the fixture: each side replaces it with a
# directory of its own (the generator's tempfile.mkdtemp(), the replayer's
# under /tmp), and masks its own directory back to `@TMP@` in the error
# texts it compares. fileConfig reads a real file, @TMP@/<case>.ini, so
# that its messages name a path and not a StringIO's address.
#
# Handlers write where both sides can read: ext://sys.stdout (fd 1, caught
# in a memfd by the replayer), ext://sys.stderr (fd 2, the `err` line) and
# FileHandlers into @TMP@ (read back after the case). A record's time and
# call site are pinned by the pin filter put on each logger a case calls,
# after the configuration (a configuration names filters only by name):
# logger filters run once per record, before any handler sees it.

import json  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import logging.config  # noqa: E402
import logging.handlers  # noqa: E402

TMP = "@TMP@"
CFG_DIR = None  # the generator's directory for @TMP@


def new_stdout():
    """sys.stdout for a case: a TextIOWrapper, as the real one (its type
    name shows in fileConfig's TypeErrors)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")


def chain(e):
    """An exception and its __cause__s: (class, str) pairs, @TMP@ masked."""
    out = []
    while e is not None:
        out.append((type(e).__name__, str(e).replace(CFG_DIR, TMP)))
        e = e.__cause__
    return out


def run_config(kind, rest, cid):
    if kind == "dict":
        text = rest[0].replace(TMP, CFG_DIR)
        logging.config.dictConfig(json.loads(text))
    else:
        disable, defaults, text = rest
        text = text.replace(TMP, CFG_DIR)
        defaults = {k: v.replace(TMP, CFG_DIR) for k, v in defaults.items()}
        if kind == "filestr":
            logging.config.fileConfig(io.StringIO(text), defaults or None, disable == "1")
            return
        path = os.path.join(CFG_DIR, "c%d.ini" % cid)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        logging.config.fileConfig(path, defaults or None, disable == "1",
                                  encoding="utf-8")


FMTS = ["%(levelname)s:%(name)s:%(message)s", "%(name)s %(levelno)d %(message)r",
        "[%(levelname)-8s] %(message)s", "%(asctime)s %(message)s",
        "%(asctime)s.%(msecs)03d %(name)s %(message)s", "%(created).2f|%(message)s",
        "100%% %(message)s", "ünï %(name)s → %(message)s", "%(message)s",
        "%(levelname).1s %(lineno)d %(funcName)s %(module)s %(message)s"]
BRACE_FMTS = ["{levelname}:{name}:{message}", "{name!r:>12} {message}",
              "{asctime} {levelno:03d} {message}"]
DOLLAR_FMTS = ["$levelname:$name:$message", "${asctime} $$ ${message}"]
DATEFMTS = [None, None, "%Y-%m-%d", "%H:%M:%S", "%d/%b/%Y %H:%M:%S", "%s", "%%Y %j"]
LEVEL_SPECS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET", 10, 20,
               30, 40, 0, 15, 25, "WARN", "FATAL"]


def cfg_level(g):
    return g.r.choice(LEVEL_SPECS)


def cfg_calls(g, names, n):
    ops = []
    for _ in range(n):
        if g.r.random() < 0.3:
            ops.append(["pin", make_pin(g)])
        t = g.r.choice(names)
        ops.append(call(t, g.r.choice(STD_LEVELS + [5, 15, 25, 45]),
                        g.r.choice(["msg %s", "%s here", "plain %r"]), g.word()))
    return ops


def dict_formatter(g):
    r = g.r.random()
    if r < 0.1:
        return {"format": g.r.choice(BRACE_FMTS), "style": "{",
                "datefmt": g.r.choice(DATEFMTS)}
    if r < 0.15:
        return {"format": g.r.choice(DOLLAR_FMTS), "style": "$"}
    if r < 0.25:
        return {"()": "logging.Formatter", "fmt": g.r.choice(FMTS),
                "datefmt": g.r.choice(DATEFMTS)}
    f = {"format": g.r.choice(FMTS)}
    if g.r.random() < 0.5:
        f["datefmt"] = g.r.choice(DATEFMTS)
    if g.r.random() < 0.1:
        f["class"] = "logging.Formatter"
    if g.r.random() < 0.05:
        f["validate"] = False
    return f


def dict_handler(g, base, hid, formatters, filters, others):
    r = g.r.random()
    if r < 0.4:
        h = {"class": g.r.choice(["logging.StreamHandler", "StreamHandler"]
                                 if g.r.random() < 0.05 else ["logging.StreamHandler"]),
             "stream": g.r.choice(["ext://sys.stdout"] * 3 + ["ext://sys.stderr"])}
    elif r < 0.65:
        h = {"class": "logging.FileHandler",
             "filename": "%s/%s-%s.log" % (TMP, base, hid),
             "mode": g.r.choice(["w", "a"])}
        if g.r.random() < 0.2:
            h["encoding"] = "utf-8"
        if g.r.random() < 0.1:
            h["delay"] = True
    elif r < 0.8 and others:
        h = {"class": "logging.handlers.MemoryHandler",
             "capacity": g.r.choice([1, 2, 3, 100]),
             "target": g.r.choice(others)}
        if g.r.random() < 0.6:
            # Numbers only: CPython 3.11 keeps a level name as it is and
            # then raises TypeError out of the logging call ('>=' between
            # int and str); Strata reads the name as a level.
            h["flushLevel"] = g.r.choice([40, 30, 50, 20])
        if g.r.random() < 0.2:
            h["flushOnClose"] = g.r.choice([True, False])
    elif r < 0.85:
        h = {"class": "logging.NullHandler"}
    elif r < 0.9:
        h = {"()": "logging.StreamHandler", "stream": "ext://sys.stdout"}
    else:
        h = {"class": "logging.handlers.RotatingFileHandler",
             "filename": "%s/%s-%s.log" % (TMP, base, hid), "mode": "w",
             "maxBytes": 0, "backupCount": 0}
    if formatters and g.r.random() < 0.85:
        h["formatter"] = g.r.choice(formatters)
    if g.r.random() < 0.5:
        h["level"] = cfg_level(g)
    if filters and g.r.random() < 0.3:
        h["filters"] = g.r.sample(filters, 1)
    return h


def dict_config_case(g, base):
    """A random valid dictConfig dict, the loggers it names, and all names."""
    names = [base + s for s in [".a", ".a.b", ".b"]]
    d = {"version": 1}
    dis = g.r.random()
    if dis < 0.35:
        d["disable_existing_loggers"] = False
    elif dis < 0.6:
        d["disable_existing_loggers"] = True
    fnames = ["f%d" % i for i in range(g.r.randint(0, 3))]
    if fnames:
        d["formatters"] = {f: dict_formatter(g) for f in fnames}
    flt = ["flt%d" % i for i in range(g.r.choice([0, 0, 1, 2]))]
    if flt:
        d["filters"] = {f: {"name": g.r.choice(names + [base, "", "c"])} for f in flt}
        if g.r.random() < 0.2:
            d["filters"][flt[0]] = {"()": "logging.Filter", "name": g.r.choice(names)}
    hids = g.r.sample(["h0", "h1", "h2", "mem", "z"], g.r.randint(1, 3))
    handlers = {}
    for i, hid in enumerate(hids):
        handlers[hid] = dict_handler(g, base, hid, fnames, flt,
                                     [h for h in hids if h != hid and not h.startswith("mem")])
    d["handlers"] = handlers
    configured = g.r.sample(names, g.r.randint(1, 3))
    loggers = {}
    for n in configured:
        lc = {}
        if g.r.random() < 0.7:
            lc["level"] = cfg_level(g)
        if g.r.random() < 0.8:
            lc["handlers"] = g.r.sample(hids, g.r.randint(1, len(hids)))
        if g.r.random() < 0.4:
            lc["propagate"] = g.r.choice([True, False, 0, 1])
        if flt and g.r.random() < 0.25:
            lc["filters"] = [g.r.choice(flt)]
        loggers[n] = lc
    d["loggers"] = loggers
    if g.r.random() < 0.3:
        rc = {"level": cfg_level(g)}
        if g.r.random() < 0.6:
            rc["handlers"] = [g.r.choice(hids)]
        d["root"] = rc
    if g.r.random() < 0.15:
        # cfg:// references into a section of the program's own.
        d["settings"] = {"fmt": g.r.choice(FMTS), "levels": ["DEBUG", "ERROR", 30],
                         "nested": {"deep": {"level": "INFO"}}}
        d.setdefault("formatters", {})["fcfg"] = {"format": "cfg://settings.fmt"}
        hid = hids[0]
        handlers[hid]["formatter"] = "fcfg"
        handlers[hid]["level"] = g.r.choice(["cfg://settings.levels[1]",
                                             "cfg://settings.nested.deep.level",
                                             "cfg://settings[levels][2]",
                                             "cfg://settings[nested][deep][level]"])
    return d, names, hids


def cfg_case_ops(g, base, names, before):
    ops = []
    for n in before:
        ops.append(["logger", n, g.r.choice(["-", "-", "10", "40"]), "1", "0", "-"])
    return ops


def cfg_tail(g, names, ops, n_calls):
    ops.append(["pin", make_pin(g)])
    for n in names:
        ops.append(["pinlogger", n])
    ops += cfg_calls(g, names, n_calls)


def gen_dictconfig(c, g, n):
    for _ in range(n):
        cid = len(c.cases)
        base = "c%d" % cid
        d, names, hids = dict_config_case(g, base)
        before = g.r.sample(names + [base + ".old"], g.r.randint(0, 2))
        ops = cfg_case_ops(g, base, names, before)
        ops.append(["config", "dict", json.dumps(d, ensure_ascii=False)])
        allnames = names + [base + ".old", ""]
        cfg_tail(g, allnames, ops, g.r.randint(3, 8))
        # (Not after a configuration that fails: its handlers are named
        # in CPython only until the cycle collector frees the dict.)
        if g.r.random() < 0.25 and '"StreamHandler"' not in json.dumps(d):
            # An incremental configuration on top: levels of the named
            # handlers and the loggers, propagate.
            # Only handlers some logger holds: logging._handlers keeps
            # weak references, and an unused handler outlives the first
            # configuration in CPython only until the cycle collector runs.
            used = sorted({h for lc in list(d["loggers"].values()) + [d.get("root", {})]
                           for h in lc.get("handlers", [])})
            inc = {"version": 1, "incremental": True,
                   "handlers": {h: {"level": cfg_level(g)} for h in
                                g.r.sample(used, min(1, len(used)))},
                   "loggers": {g.r.choice(names): {"level": cfg_level(g),
                                                   "propagate": g.r.choice([True, False])}}}
            if g.r.random() < 0.3:
                inc["root"] = {"level": cfg_level(g)}
            ops.append(["config", "dict", json.dumps(inc, ensure_ascii=False)])
            ops += cfg_calls(g, allnames, g.r.randint(2, 5))
        ops.append(["clear"])
        c.add("dictconfig", ops)


def fixed_broken(base):
    """Configurations broken in one place each."""
    out = []
    fn = "%s/%s-h.log" % (TMP, base)
    S = "ext://sys.stdout"
    h = lambda **k: {"class": "logging.StreamHandler", "stream": S, **k}  # noqa: E731
    out += [
        {}, {"version": 2}, {"version": "1"}, {"version": 1.0}, {"version": None},
        {"version": 1, "handlers": {"h": {"class": "logging.NoSuchHandler"}}},
        {"version": 1, "handlers": {"h": {"class": "nosuch.module.Handler"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.handlers.Nope"}}},
        {"version": 1, "handlers": {"h": {"class": "sys.stdout.Thing"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.RotatingFileHandler"}}},
        {"version": 1, "handlers": {"h": {"class": "NullHandler"}}},
        {"version": 1, "handlers": {"h": {"()": "StreamHandler"}}},
        {"version": 1, "handlers": {"h": {}}},
        {"version": 1, "handlers": {"h": h(formatter="missing")}},
        {"version": 1, "handlers": {"h": h(filters=["missing"])}},
        {"version": 1, "handlers": {"h": h(level="LOUD")}},
        {"version": 1, "handlers": {"h": h(level="20")}},
        {"version": 1, "handlers": {"h": h(level=[10])}},
        {"version": 1, "handlers": {"h": h(level=None)}},
        {"version": 1, "handlers": {"h": h(nonsense=1)}},
        {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler",
                                          "stream": "ext://sys.nothing"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler",
                                          "stream": "ext://nosuchmod.x"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler",
                                          "stream": "cfg://missing"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.FileHandler"}}},
        {"version": 1, "handlers": {"h": {"class": "logging.FileHandler",
                                          "filename": fn, "bogus": 2}}},
        {"version": 1, "handlers": {"h": {"class": "logging.FileHandler",
                                          "filename": TMP + "/no/such/dir.log"}}},
        {"version": 1, "handlers": {"m": {"class": "logging.handlers.MemoryHandler",
                                          "capacity": 2, "target": "nope"}}},
        {"version": 1, "handlers": {"m": {"class": "logging.handlers.MemoryHandler",
                                          "target": "h"}, "h": h()}},
        {"version": 1, "handlers": {"a": {"class": "logging.handlers.MemoryHandler",
                                          "capacity": 1, "target": "b"},
                                    "b": {"class": "logging.handlers.MemoryHandler",
                                          "capacity": 1, "target": "a"}}},
        {"version": 1, "formatters": {"f": {"format": "%(message"}}},
        {"version": 1, "formatters": {"f": {"format": "no fields"}}},
        {"version": 1, "formatters": {"f": {"format": "{message", "style": "{"}}},
        {"version": 1, "formatters": {"f": {"format": "$", "style": "$"}}},
        {"version": 1, "formatters": {"f": {"format": "%(message)s", "style": "#"}}},
        {"version": 1, "formatters": {"f": {"format": "%(message)s", "style": "%%"}}},
        {"version": 1, "formatters": {"f": {"()": "mymod.MyFormatter"}}},
        {"version": 1, "formatters": {"f": {"()": "logging.Formatter", "fmt": "%(message)s",
                                            "colour": "red"}}},
        {"version": 1, "formatters": {"f": {"class": "logging.NoFormatter"}}},
        {"version": 1, "formatters": {"f": {"format": "cfg://nothing.here"}}},
        {"version": 1, "formatters": {"f": {"format": "cfg://"}}},
        {"version": 1, "formatters": {"f": {"format": "cfg://x[0"}}, "x": [1]},
        {"version": 1, "formatters": {"f": {"format": "cfg://x[3]"}}, "x": ["a"]},
        {"version": 1, "formatters": {"f": {"format": "cfg://x.y.z"}}, "x": {"y": {}}},
        {"version": 1, "filters": {"f": {"()": "mymod.MyFilter"}}},
        {"version": 1, "loggers": {base: {"handlers": ["nope"]}}},
        {"version": 1, "loggers": {base: {"filters": ["nope"]}}},
        {"version": 1, "loggers": {base: {"level": "LOUD"}}},
        {"version": 1, "loggers": {base: {"level": 10.5}}},
        {"version": 1, "root": {"level": "nope"}},
        {"version": 1, "root": {"handlers": ["nope"]}},
        {"version": 1, "incremental": True, "handlers": {"nope": {"level": "INFO"}}},
        {"version": 1, "incremental": True, "loggers": {base: {"level": "LOUD"}}},
    ]
    return out


def random_broken(g, base):
    """A valid configuration broken in one random place."""
    d = dict_config_case(g, base)[0]
    r = g.r.random()
    hs = d["handlers"]
    hid = g.r.choice(sorted(hs))
    if r < 0.2:
        hs[hid]["formatter"] = "nofmt"
    elif r < 0.35:
        hs[hid]["level"] = g.r.choice(["LOUD", "info", [1], "5"])
    elif r < 0.5:
        hs[hid]["class"] = g.r.choice(["logging.Nope", "nope.Handler",
                                       "logging.handlers.Bad"])
    elif r < 0.6:
        hs[hid]["filters"] = ["noflt"]
    elif r < 0.75:
        lg_ = g.r.choice(sorted(d["loggers"]))
        d["loggers"][lg_]["handlers"] = ["nohandler"]
    elif r < 0.85:
        lg_ = g.r.choice(sorted(d["loggers"]))
        d["loggers"][lg_]["level"] = g.r.choice(["LOUD", "warn"])
    elif r < 0.95:
        d["root"] = {"level": "INFO", "handlers": ["nohandler"]}
    else:
        d.setdefault("formatters", {})["bad"] = {"format": "%(message)"}
    return d


def dict_edge_cases(c, g):
    """Hand-picked valid dictConfigs."""
    S = "ext://sys.stdout"
    F = "%(name)s:%(levelname)s:%(message)s"
    for k in range(8):
        cid = len(c.cases)
        base = "c%d" % cid
        a, ab, b = base + ".a", base + ".a.b", base + ".b"
        ops = []
        h = {"class": "logging.StreamHandler", "stream": S, "formatter": "f"}
        d = {"version": 1, "formatters": {"f": {"format": F}}, "handlers": {"h": h}}
        if k == 0:
            # A child of a configured logger made before: reset (level,
            # handlers, propagate); a sibling: disabled.
            ops += [["logger", ab, "40", "0", "0", "-"], ["logger", b, "-", "1", "0", "-"],
                    ["handler", "h0", "0"], formatter_op("h0", F), ["attach", ab, "h0"]]
            d["loggers"] = {a: {"handlers": ["h"], "level": "DEBUG"}}
        elif k == 1:
            # The same, disable_existing_loggers false.
            ops += [["logger", ab, "40", "0", "0", "-"], ["logger", b, "-", "1", "0", "-"],
                    ["handler", "h0", "0"], formatter_op("h0", F), ["attach", ab, "h0"]]
            d["disable_existing_loggers"] = False
            d["loggers"] = {a: {"handlers": ["h"], "level": "DEBUG"}}
        elif k == 2:
            # Handlers and formatters through cfg://.
            d = {"version": 1, "templates": {"h": h, "f": {"format": "cfg://fmts[1]"}},
                 "fmts": ["x", F + " (cfg)"],
                 "formatters": {"f": "cfg://templates.f"},
                 "handlers": {"h": "cfg://templates.h"},
                 "loggers": {a: {"handlers": ["h"], "level": 10}}}
        elif k == 3:
            # A logger's level, handlers and filters through cfg://.
            d["filters"] = {"only": {"name": ab}}
            d["lv"] = {"x": "INFO"}
            d["loggers"] = {a: {"level": "cfg://lv.x", "handlers": "cfg://names",
                                "filters": ["only"]}}
            d["names"] = ["h"]
        elif k == 4:
            # Root only, propagate false below it, a filter on the handler.
            d["filters"] = {"fa": {"()": "logging.Filter", "name": a}}
            h["filters"] = ["fa"]
            d["root"] = {"level": "DEBUG", "handlers": ["h"]}
            d["loggers"] = {b: {"propagate": False}}
        elif k == 5:
            # Two MemoryHandlers on one target, one flushing at WARNING.
            d["handlers"] = {"t": h, "m1": {"class": "logging.handlers.MemoryHandler",
                                            "capacity": 10, "flushLevel": 30, "target": "t"},
                             "m2": {"class": "logging.handlers.MemoryHandler",
                                    "capacity": 2, "target": "t", "flushOnClose": False}}
            d["loggers"] = {a: {"handlers": ["m1"], "level": 0}, b: {"handlers": ["m2"],
                                                                      "level": 0}}
        elif k == 6:
            # Formatters made by () with fmt, datefmt and style.
            d["formatters"] = {"f": {"()": "logging.Formatter", "fmt": "{asctime}|{message}",
                                     "datefmt": "%Y", "style": "{"}}
            d["loggers"] = {a: {"handlers": ["h"], "level": 10}}
        else:
            # An empty configuration on top of a configured logger.
            d["loggers"] = {a: {"handlers": ["h"], "level": 10}}
        ops.append(["config", "dict", json.dumps(d, ensure_ascii=False)])
        cfg_tail(g, [a, ab, b, ""], ops, 0)
        for t in [a, ab, b, a, ab, b]:
            ops.append(call(t, g.r.choice([10, 20, 30, 40]), "to %s", t))
        if k == 7:
            ops.append(["config", "dict", '{"version": 1}'])
            ops.append(call(a, 40, "after"))
        ops.append(["clear"])
        c.add("dictconfig", ops)


def gen_dict_errors(c, g, n):
    nfixed = len(fixed_broken("c"))
    for i in range(nfixed + n):
        cid = len(c.cases)
        base = "c%d" % cid
        d = fixed_broken(base)[i] if i < nfixed else random_broken(g, base)
        names = [base + s for s in [".a", ".b"]]
        ops = [["logger", base + ".old", "-", "1", "0", "-"],
               ["config", "dict", json.dumps(d, ensure_ascii=False)]]
        cfg_tail(g, names + [base + ".old", ""], ops, g.r.randint(1, 3))
        ops.append(["clear"])
        c.add("dictconfig-errors", ops)


FILE_FMTS = ["%(levelname)s:%(name)s:%(message)s", "100%% %(message)s",
             "%%(name)s is %(name)s: %(message)s", "%(asctime)s %(message)s",
             "[%(levelname)8s] %(message)r", "ünï %(message)s", "%(msecs)03d %(message)s"]


def ini(sections):
    """INI text from [(section, [(key, value)])]."""
    out = []
    for name, items in sections:
        out.append("[%s]" % name)
        out += ["%s=%s" % (k, v) for k, v in items]
        out.append("")
    return "\n".join(out)


def file_handler_section(g, base, hid, fmts, others):
    r = g.r.random()
    items = []
    if r < 0.4:
        items.append(("class", g.r.choice(["StreamHandler", "logging.StreamHandler"])))
        items.append(("args", g.r.choice(["(sys.stdout,)", "(sys.stdout, )",
                                          "[sys.stdout]", "(sys.stderr,)"])))
    elif r < 0.5:
        items.append(("class", "StreamHandler"))
        items.append(("args", "()"))
        items.append(("kwargs", "{'stream': sys.stdout}"))
    elif r < 0.75:
        items.append(("class", g.r.choice(["FileHandler", "logging.FileHandler"])))
        how = g.r.random()
        if how < 0.4:
            items.append(("args", "('%%(dir)s/%s-%s.log', 'w')" % (base, hid)))
        elif how < 0.7:
            items.append(("args", "('%s/%s-%s.log',)" % (TMP, base, hid)))
            items.append(("kwargs", "{'mode': 'w', 'encoding': 'utf-8'}"))
        else:
            items.append(("args", "(r'%%(dir)s/%s-%s.log', \"w\", None, False)" % (base, hid)))
    elif r < 0.9 and others:
        items.append(("class", g.r.choice(["handlers.MemoryHandler",
                                           "logging.handlers.MemoryHandler"])))
        items.append(("args", g.r.choice(["(2, logging.ERROR)", "(1,)", "(100, CRITICAL)",
                                          "(3, 40)", "(2, WARNING)"])))
        items.append(("target", g.r.choice(others)))
    elif r < 0.95:
        items.append(("class", "NullHandler"))
    else:
        items.append(("class", "handlers.RotatingFileHandler"))
        items.append(("args", "('%%(dir)s/%s-%s.log', 'w', 0, 0, 'utf-8')" % (base, hid)))
    if fmts and g.r.random() < 0.85:
        items.append(("formatter", g.r.choice(fmts)))
    if g.r.random() < 0.5:
        items.append(("level", g.r.choice(["DEBUG", "INFO", "WARNING", "ERROR", "NOTSET",
                                           "WARN", "CRITICAL", "%(lvl)s"])))
    return items


def file_config_case(g, base):
    names = [base + s for s in [".a", ".a.b", ".b"]]
    fmts = ["f%d" % i for i in range(g.r.randint(0, 2))]
    hids = g.r.sample(["h0", "h1", "hx", "mem"], g.r.randint(1, 3))
    keys = g.r.sample(names, g.r.randint(0, 3))
    lkeys = ["l%d" % i for i in range(len(keys))]
    order = lkeys + ["root"]
    g.r.shuffle(order)
    sections = [("loggers", [("keys", ", ".join(order) if g.r.random() < 0.3
                              else ",".join(order))]),
                ("handlers", [("keys", ",".join(hids))]),
                ("formatters", [("keys", ",".join(fmts))])]
    if g.r.random() < 0.5:
        sections.insert(0, ("DEFAULT", [("dir", TMP), ("lvl", "INFO")]))
    root = [("handlers", ",".join(g.r.sample(hids, g.r.randint(0, 1))))]
    if g.r.random() < 0.6:
        root.insert(0, ("level", g.r.choice(["DEBUG", "WARNING", "INFO", "NOTSET"])))
    sections.append(("logger_root", root))
    for lk, name in zip(lkeys, keys):
        items = [("qualname", name)]
        if g.r.random() < 0.6:
            items.append(("level", g.r.choice(["DEBUG", "INFO", "ERROR", "NOTSET", "%(lvl)s"])))
        items.append(("handlers", ",".join(g.r.sample(hids, g.r.randint(0, len(hids))))))
        if g.r.random() < 0.6:
            items.append(("propagate", g.r.choice(["0", "1", " 0", "1 "])))
        sections.append(("logger_" + lk, items))
    for i, hid in enumerate(hids):
        # Targets among the handlers listed before: fileConfig sets them
        # all, so a cycle of MemoryHandlers would recurse for ever.
        sections.append(("handler_" + hid, file_handler_section(
            g, base, hid, fmts, hids[:i])))
    for f in fmts:
        items = [("format", g.r.choice(FILE_FMTS))]
        if g.r.random() < 0.4:
            items.append(("datefmt", g.r.choice(["%Y-%m-%d", "%H:%M:%S", "%%Y %d"])))
        if g.r.random() < 0.1:
            items.append(("class", "logging.Formatter"))
        if g.r.random() < 0.1:
            items = [("format", "{levelname}|{message}"), ("style", "{")]
        sections.append(("formatter_" + f, items))
    # Sections in any order: configparser does not care.
    head, tail = sections[:1], sections[1:]
    g.r.shuffle(tail)
    text = ini(head + tail)
    if "[DEFAULT]" not in text and "%%(dir)s" not in text:
        pass
    if ("%(dir)s" in text or "%(lvl)s" in text) and "[DEFAULT]" not in text:
        text = ini([("DEFAULT", [("dir", TMP), ("lvl", "INFO")])]) + text
    return text, names


def gen_fileconfig(c, g, n):
    for _ in range(n):
        cid = len(c.cases)
        base = "c%d" % cid
        text, names = file_config_case(g, base)
        before = g.r.sample(names + [base + ".old"], g.r.randint(0, 3))
        ops = cfg_case_ops(g, base, names, before)
        disable = g.r.choice("01")
        defaults = {}
        if g.r.random() < 0.2:
            defaults = {"dir": TMP, "extra": "x"}
            text = text.replace("[DEFAULT]\ndir=@TMP@\n", "[DEFAULT]\n")
        # Now and then from a StringIO (file_config_str): valid files only,
        # as CPython's parse errors name the StringIO by its address.
        kind = "filestr" if g.r.random() < 0.25 else "file"
        ops.append(["config", kind, disable, defaults, text])
        cfg_tail(g, names + [base + ".old", ""], ops, g.r.randint(3, 7))
        ops.append(["clear"])
        c.add("fileconfig", ops)


def fixed_broken_files(base):
    """Files broken in one place each. Left out: args= and kwargs= that
    are no Python expression: CPython's SyntaxError is its compiler's
    text, Strata's literal reader words its own; `args=sys.stdout`, which
    CPython iterates (reading the stream: UnsupportedOperation on the
    real one, lines of the oracle's capture) where Strata's stdout is no
    iterable."""
    S = "[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\n"
    L = "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n"
    return [
        "", "no section\n", "[loggers]\nkeys=root\n",
        "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n",
        "[loggers]\nkeys=a\n[handlers]\nkeys=\n[formatters]\nkeys=\n",
        "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n[logger_root]\n",
        "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n"
        "[logger_root]\nhandlers=\nlevel=LOUD\n",
        "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n"
        "[logger_root]\nhandlers=\nlevel=20\n",
        "[loggers]\nkeys=root,a\n[handlers]\nkeys=\n[formatters]\nkeys=\n"
        "[logger_root]\nhandlers=\n[logger_a]\nhandlers=\n",
        "[loggers]\nkeys=root,a\n[handlers]\nkeys=\n[formatters]\nkeys=\n"
        "[logger_root]\nhandlers=\n[logger_a]\nqualname=%s.a\nhandlers=\npropagate=yes\n" % base,
        "[loggers]\nkeys=root,a\n[handlers]\nkeys=\n[formatters]\nkeys=\n"
        "[logger_root]\nhandlers=\n[logger_a]\nqualname=%s.a\n" % base,
        L,
        L + "[handler_h]\nargs=(sys.stdout,)\n",
        L + "[handler_h]\nclass=NoSuchHandler\n",
        L + "[handler_h]\nclass=nosuch.Handler\n",
        L + "[handler_h]\nclass=handlers.NoSuch\n",
        L + "[handler_h]\nclass=RotatingFileHandler\nargs=('%s/x.log',)\n" % TMP,
        L + "[handler_h]\nclass=MemoryHandler\nargs=(1,)\n",
        L + "[handler_h]\nclass=logging.MemoryHandler\nargs=(1,)\n",
        L + "[handler_h]\nclass=NullHandler\n",
        L + "[handler_h]\nclass=StreamHandler\nargs=(nothing,)\n",
        L + "[handler_h]\nclass=StreamHandler\nargs=(sys.stdout, 1)\n",
        L + "[handler_h]\nclass=StreamHandler\nkwargs={'strm': 1}\n",
        L + "[handler_h]\nclass=StreamHandler\nkwargs=[1]\n",
        L + "[handler_h]\nclass=FileHandler\nargs=()\n",
        L + "[handler_h]\nclass=FileHandler\nargs=('%s/no/such/x.log',)\n" % TMP,
        L + S + "level=LOUD\n",
        L + S + "level=10\n",
        L + S + "formatter=nofmt\n",
        L + S + "args=(%(missing)s,)\n",
        L + S + "args=(%(x\n",
        L.replace("keys=h\n", "keys=h,m\n", 1).replace("handlers=h\n", "handlers=m\n")
        + S + "[handler_m]\nclass=handlers.MemoryHandler\nargs=(1,)\ntarget=nope\n",
        L.replace("keys=\n", "keys=f\n", 1) + S + "formatter=f\n",
        L.replace("keys=\n", "keys=f\n", 1) + S + "formatter=f\n[formatter_f]\nformat=%(message\n",
        L.replace("keys=\n", "keys=f\n", 1) + S + "formatter=f\n[formatter_f]\nformat=x\nstyle=#\n",
        L.replace("keys=\n", "keys=f\n", 1) + S + "formatter=f\n[formatter_f]\nformat=x\n"
        "class=nosuch.Formatter\n",
        L.replace("keys=\n", "keys=f\n", 1) + S + "formatter=f\n[formatter_f]\nformat=x\n"
        "class=logging.NoFormatter\n",
        L + S + "[handler_h]\nclass=StreamHandler\n",
        L + S + "key without value\n",
        "[loggers]\nkeys=root\n[loggers]\nkeys=root\n",
        "[loggers]\nkeys=root\nkeys=again\n",
    ]


def gen_file_errors(c, g, n):
    nfixed = len(fixed_broken_files("c"))
    for i in range(nfixed + n):
        cid = len(c.cases)
        base = "c%d" % cid
        if i < nfixed:
            text = fixed_broken_files(base)[i]
        else:
            text, _ = file_config_case(g, base)
            r = g.r.random()
            lines = text.split("\n")
            if r < 0.3:
                # An option removed.
                at = g.r.choice([j for j, l in enumerate(lines) if "=" in l])
                del lines[at]
            elif r < 0.5:
                at = g.r.choice([j for j, l in enumerate(lines) if l.startswith("level=")]
                                or [0])
                lines[at] = "level=LOUD" if at else lines[at]
            elif r < 0.7:
                at = g.r.choice([j for j, l in enumerate(lines) if l.startswith("handlers=")])
                lines[at] += ",nohandler"
            elif r < 0.85:
                at = g.r.choice([j for j, l in enumerate(lines) if l.startswith("[")])
                del lines[at]
            else:
                lines.insert(g.r.randint(0, len(lines)), "garbage line")
            text = "\n".join(lines)
        names = [base + s for s in [".a", ".b"]]
        ops = [["logger", base + ".old", "-", "1", "0", "-"],
               ["config", "file", "1", {}, text]]
        cfg_tail(g, names + [base + ".old", ""], ops, g.r.randint(1, 3))
        ops.append(["clear"])
        c.add("fileconfig-errors", ops)


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
    global CFG_DIR
    CFG_DIR = tempfile.mkdtemp(prefix="strata-logging-oracle-")
    dict_edge_cases(c, g)
    gen_dictconfig(c, g, 160)
    gen_dict_errors(c, g, 60)
    gen_fileconfig(c, g, 130)
    gen_file_errors(c, g, 40)
    out = ["# CPython %s logging, written by tests/oracle/logging.py (see there)."
           % ("%d.%d" % sys.version_info[:2])]
    try:
        cases = [(cid, group, ops) + run_case(ops, cid)
                 for cid, (group, ops) in enumerate(c.cases)]
    finally:
        shutil.rmtree(CFG_DIR)
    for cid, group, ops, outputs, err, extra in cases:
        out.append(fields("case", str(cid), group))
        out += [encode_op(op) for op in ops]
        for hid, text in outputs.items():
            out.append(fields("out", hid, esc(text)))
        for i, chained in enumerate(extra["outcomes"]):
            parts = ["outcome", "%d" % i, "%d" % len(chained)]
            for cls, msg in chained:
                parts += [cls, esc(msg)]
            out.append(fields(*parts))
        if extra["outcomes"]:
            out.append(fields("stdout", esc(extra["stdout"])))
        for fname, text in extra["files"].items():
            out.append(fields("file", esc(fname), esc(text)))
        out.append(fields("err", esc(err)))
        out.append("end")
    out += fmtchecks(g)
    with open(os.path.join(outdir, "logging.txt"), "w", encoding="ascii",
              newline="\n") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
