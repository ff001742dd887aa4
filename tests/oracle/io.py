#!/usr/bin/env python3
"""Writes the io_*.txt fixtures: CPython's io module on a corpus of inputs,
for Strata's io to match byte for byte (replayed by tests/src/bin/io_oracle.rs,
natively and under qemu-user).

Run: python3 tests/oracle/io.py tests/oracle

Every byte string is escaped: printable ASCII and space, except `\\`, stand
for themselves, `\\` is `\\\\`, and every other byte is `\\xHH`. Fields are
separated by tabs.
Text results are recorded as their UTF-8 bytes; under surrogateescape a
lone surrogate U+DC80+b is recorded as the byte b, which is how Strata
represents it (see core/src/io/codec.rs).

io_text.txt, one block per (input, encoding, errors, newline):
  case  <input>  <encoding>  <errors>  <newline: - for None, else escaped>
  read  <text>                      TextIOWrapper(...).read()
  readerr  <str(UnicodeDecodeError)>    ... or the error it raised
  line  <tell before>  <line>       one per readline(), when read() worked
  newlines  <f.newlines as repr>
One difference is adjusted here, not hidden: under utf-8-sig CPython counts
an error's position after the BOM it skipped; Strata counts stream bytes.
Positions in such messages are recorded plus 3 (see `bom_shift`).

io_write.txt, one line per (text, encoding, errors, newline):
  write  <text>  <encoding>  <errors>  <newline>  ok  <bytes written>
  write  <text>  <encoding>  <errors>  <newline>  err  <str(UnicodeEncodeError)>

io_open.txt, one line per mode string (every string of up to three of
"rwxab+tU"), opened on an existing file (a fresh name for modes with x):
  open  <mode>  ok  <class name>  <f.mode>
  open  <mode>  err  <exception class>  <message>
and some keyword combinations:
  openkw  <mode>  <keyword>=<value>  ok|err  ...

io_memory.txt, random operation scripts on BytesIO and StringIO:
  script  bytesio|stringio  <newline>  <initial value>
  <op>  <args...>  ->  <result>   (result `err <Class> <message>` on error)
"""
import io
import itertools
import os
import random
import re
import sys
import tempfile

ENCODINGS = ["utf-8", "utf-8-sig", "ascii", "latin-1"]
ERRORS = ["strict", "replace", "ignore", "backslashreplace", "surrogateescape"]
NEWLINES = [None, "", "\n", "\r", "\r\n"]


def esc(b):
    out = []
    for c in b:
        if c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


def nl_field(nl):
    return "-" if nl is None else esc(nl.encode())


def text_bytes(s):
    return s.encode("utf-8", "surrogateescape")


def bom_shift(msg, data, encoding):
    if encoding != "utf-8-sig" or not data.startswith(b"\xef\xbb\xbf"):
        return msg
    return re.sub(
        r"in position (\d+)(-(\d+))?",
        lambda m: "in position %d%s"
        % (int(m.group(1)) + 3, "-%d" % (int(m.group(3)) + 3) if m.group(2) else ""),
        msg,
    )


def corpus():
    fixed = [
        b"", b"plain\n", b"no newline at end", b"a\nb\r\nc\rd", b"\r\n\r\n",
        b"\r\r\n\n", b"x\r", b"\r", b"caf\xc3\xa9\n", b"\xe2\x82\xac\r\n\xf0\x9f\x98\x80",
        b"bad \xff byte\n", b"trunc \xe2\x82", b"trunc mid \xe2\x82 line\n",
        b"\xed\xa0\x80 surrogate\n", b"\xc0\xaf overlong\n", b"\xf4\x90\x80\x80 big\n",
        b"\xef\xbb\xbfbom\nline\n", b"\xef\xbb\xbf", b"\xef\xbb", b"\xef\xbb\xbf\xff\n",
        b"latin \xe9\xe8\n", b"\x80\x81\x82\r\n", b"ascii\x7f\x80\n", b"\xe2\x82\n",
        b"x" * 100 + b"\r\n" + b"y" * 50, b"\xc3\r\n\xa9",
    ]
    rng = random.Random(20240611)
    pieces = [b"a", b"bc", b"\r", b"\n", b"\r\n", b"\xc3\xa9", b"\xe2\x82\xac", b"\xff",
              b"\xe2\x82", b"\xf0\x9f\x98\x80", b" "]
    for _ in range(12):
        fixed.append(b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))))
    return fixed


def text_cases(out):
    for data in corpus():
        for enc in ENCODINGS:
            for errors in ERRORS:
                for nl in NEWLINES:
                    out.write("case\t%s\t%s\t%s\t%s\n" % (esc(data), enc, errors, nl_field(nl)))
                    mk = lambda: io.TextIOWrapper(io.BytesIO(data), encoding=enc, errors=errors, newline=nl)
                    try:
                        text = mk().read()
                    except UnicodeDecodeError as e:
                        out.write("readerr\t%s\n" % esc(bom_shift(str(e), data, enc).encode()))
                        continue
                    out.write("read\t%s\n" % esc(text_bytes(text)))
                    f = mk()
                    while True:
                        t = f.tell()
                        line = f.readline()
                        if not line:
                            break
                        out.write("line\t%d\t%s\n" % (t, esc(text_bytes(line))))
                    out.write("newlines\t%s\n" % esc(repr(f.newlines).encode()))


def write_cases(out):
    texts = ["", "plain", "a\nb\n", "\r\n", "caf\u00e9\n", "\u20acuro", "\U0001f600",
             "mixed \u00e9\u20ac\U0001f600\n", "\x00\x7f\x80\xff", "l1\nl2\r\nl3\r",
             "a\n\u00e9\n\u20ac", b"raw \xff\xfe\n".decode("utf-8", "surrogateescape"),
             b"\xe9t\xe9".decode("utf-8", "surrogateescape")]
    for text in texts:
        for enc in ENCODINGS:
            for errors in ERRORS:
                for nl in NEWLINES:
                    b = io.BytesIO()
                    w = io.TextIOWrapper(b, encoding=enc, errors=errors, newline=nl)
                    head = "write\t%s\t%s\t%s\t%s" % (esc(text_bytes(text)), enc, errors, nl_field(nl))
                    try:
                        w.write(text)
                        w.flush()
                        out.write("%s\tok\t%s\n" % (head, esc(b.getvalue())))
                    except UnicodeEncodeError as e:
                        out.write("%s\terr\t%s\n" % (head, esc(str(e).encode())))


def open_cases(out, tmp):
    existing = os.path.join(tmp, "existing")
    fresh = iter(range(10**6))

    def attempt(mode, **kw):
        path = os.path.join(tmp, "fresh%d" % next(fresh)) if "x" in mode else existing
        with open(existing, "wb") as f:
            f.write(b"content\n")
        try:
            f = open(path, mode, **kw)
        except Exception as e:
            return "err\t%s\t%s" % (type(e).__name__, esc(str(e).encode()))
        result = "ok\t%s\t%s" % (type(f).__name__, esc(f.mode.encode()))
        f.close()
        return result

    alphabet = "rwxab+tU"
    for n in range(4):
        for combo in itertools.product(alphabet, repeat=n):
            mode = "".join(combo)
            out.write("open\t%s\t%s\n" % (esc(mode.encode()), attempt(mode)))
    kws = [
        ("rb", "encoding", "utf-8"), ("rb", "errors", "strict"), ("rb", "newline", "\n"),
        ("r", "newline", "x"), ("r", "buffering", 0), ("rb", "buffering", 0),
        ("w", "buffering", 0), ("wb", "buffering", 0), ("ab", "buffering", 0),
        ("r+b", "buffering", 0), ("r", "buffering", 1), ("r", "buffering", 64),
        ("r", "encoding", "nope"), ("r", "encoding", "UTF8"), ("w", "encoding", "l1"),
    ]
    for mode, key, value in kws:
        text = value if isinstance(value, str) else str(value)
        out.write("openkw\t%s\t%s\t%s\t%s\n" % (esc(mode.encode()), key, esc(text.encode()),
                                                attempt(mode, **{key: value})))


def result(f):
    try:
        r = f()
    except Exception as e:
        return "err\t%s\t%s" % (type(e).__name__, esc(str(e).encode()))
    if isinstance(r, bytes):
        return "b\t" + esc(r)
    if isinstance(r, str):
        return "s\t" + esc(r.encode("utf-8"))
    if isinstance(r, list):
        return "l\t" + "\t".join(esc(x if isinstance(x, bytes) else x.encode()) for x in r)
    return "i\t%s" % r


def memory_cases(out):
    rng = random.Random(1234)
    for script in range(150):
        kind = "bytesio" if script % 2 == 0 else "stringio"
        nl = rng.choice(NEWLINES) if kind == "stringio" else "\n"
        alphabet = ["a", "b", "\r", "\n", "\u00e9", "\u20ac", "xyz"]
        initial = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        if kind == "bytesio":
            init = initial.encode()
            f = io.BytesIO(init)
            out.write("script\tbytesio\t-\t%s\n" % esc(init))
        else:
            f = io.StringIO(initial, newline=nl)
            out.write("script\tstringio\t%s\t%s\n" % (nl_field(nl), esc(initial.encode())))
        for _ in range(30):
            op = rng.choice(["write", "write", "seek", "read", "readline", "truncate",
                             "tell", "getvalue", "readlines"] + (["read1"] if kind == "bytesio" else []))
            args = []
            if op == "write":
                s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))
                arg = s.encode() if kind == "bytesio" else s
                args = [esc(s.encode())]
                r = result(lambda: f.write(arg))
            elif op == "seek":
                whence = rng.choice([0, 0, 1, 2])
                off = rng.randrange(-3, 14) if (kind == "bytesio" or whence == 0 or rng.random() < 0.2) else 0
                args = [str(off), str(whence)]
                r = result(lambda: f.seek(off, whence))
            elif op in ("read", "readline", "read1"):
                n = rng.choice([-1, 0, 1, 2, 3, 5])
                args = [str(n)]
                r = result(lambda: getattr(f, op)(n))
            elif op == "truncate":
                n = rng.choice([None, 0, 2, 5, 20])
                args = ["-" if n is None else str(n)]
                r = result(lambda: f.truncate(n))
            elif op == "readlines":
                r = result(lambda: f.readlines())
            elif op == "tell":
                r = result(lambda: f.tell())
            else:
                r = result(lambda: f.getvalue())
            out.write("%s\t%s\t->\t%s\n" % (op, "\t".join(args), r))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    with open(os.path.join(folder, "io_text.txt"), "w") as out:
        text_cases(out)
    with open(os.path.join(folder, "io_write.txt"), "w") as out:
        write_cases(out)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(folder, "io_open.txt"), "w") as out:
            open_cases(out, tmp)
    with open(os.path.join(folder, "io_memory.txt"), "w") as out:
        memory_cases(out)


if __name__ == "__main__":
    main()
