#!/usr/bin/env python3
"""Writes posixpath.txt: CPython's posixpath (os.path on Linux), bytes API,
over a generated corpus, for strata-alloc's os::path to match byte for byte.

Run: python3 tests/oracle/posixpath.py > tests/oracle/posixpath.txt

The corpus (seeded, so every run writes the same file): paths built from
components such as `.`, `..`, `...`, `.x`, `a.b.c`, non-UTF-8 bytes, `~`,
`~user`, `$A`, `${A}`, `${`, a lone `$`, unknown variables and a rare NUL,
joined by one to three slashes, with zero to four leading and zero to two
trailing slashes, plus hand-picked cases.

The functions that touch the system run under a fixed world:
- the working directory is `/` (os.chdir), and no component of the corpus
  names anything in `/` (asserted here; listed as `absent` lines so that
  the Rust side can check the same of its machine), so realpath sees no
  symbolic link and abspath joins onto `/`;
- the environment is exactly the `env` lines (os.environ cleared first);
- `pwd` is replaced by a module that reads the `passwd` lines (two
  databases, one without an entry for the current uid, for bpo-10496).
  `@UID@` in a passwd line stands for the uid the test runs as.

Format: tab-separated records. Every byte string is escaped: printable ASCII
except `\\` and `!` stands for itself, `\\` is `\\\\`, every other byte (`!`,
space, tab, controls, 0x7f-0xff) is `\\xHH`. A result that is an exception
is `!` and its class name.

  absent  <name>                         nothing is called <name> in /
  env     <name> <value>                 the environment of expandvars
  passwd  <db> <line>                    a line of password database <db>
  p   <path> <normpath> <split head> <split tail> <splitext root>
      <splitext ext> <basename> <dirname> <isabs 0|1> <abspath>
      <realpath> <expandvars>
  u   <db> <HOME or !unset> <path> <expanduser>
  j   <a> <b> <join(a, b)>
  j3  <a> <b> <c> <join(a, b, c)>
  r   <path> <start> <relpath(path, start)>
  c   <n> <path>*n <commonpath> <commonprefix>
"""
import os
import posixpath
import random
import sys
import types

rng = random.Random(20261202)

COMPONENTS = [
    b".", b"..", b"...", b"a", b"b", b"abc", b".x", b"x.", b"a.b", b"a.b.c",
    b"..y", b"z..", b"\xff", b"\xc3\xa9t\xc3\xa9", b"\x80.\x81", b"~", b"~u1",
    b"~root", b"~nobody-here", b"$", b"$A", b"${A}", b"${", b"}", b"$UNKNOWN",
    b"$A_1", b"${B}x", b"$$", b"a b", b"tab\tx", b"\\", b"-", b"=",
]
ENV = {
    b"A": b"/x", b"B": b"", b"A_1": b"$A", b"HOME": b"/home/h",
    b"x": b"\xff", b"a b": b"[ab]", b"1": b"one",
}
DBS = {
    "self": [
        b"root:x:4000000:4000000:root:/root:/bin/sh",
        b"u1:x:4000001:4000001::/home/u1:/bin/sh",
        b"u2:x:4000002:4000002::/home/u2/:/bin/sh",
        b"slash:x:4000003:4000003::/:/bin/sh",
        b"empty:x:4000004:4000004:::/bin/sh",
        b"dup:x:4000005:1::/first:/bin/sh",
        b"dup:x:4000006:1::/second:/bin/sh",
        b"me:x:@UID@:100::/home/me//:/bin/sh",
        b"odd:x:4000007:1::relative/dir:/bin/sh",
        b"hi:x:4000008:1::/h\xffme:/bin/sh",
    ],
}
DBS["noself"] = [line for line in DBS["self"] if b"@UID@" not in line]


def esc(b):
    out = []
    for c in b:
        if c == 0x5C:
            out.append("\\\\")
        elif 0x20 < c < 0x7F and c != 0x21:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


def run(f, *args):
    try:
        r = f(*args)
    except Exception as e:  # the class is the record
        return "!" + type(e).__name__
    if isinstance(r, bool):
        return "1" if r else "0"
    return esc(r)


class FakePwd(types.ModuleType):
    """pwd over one of DBS: the first entry that matches, as glibc's files
    backend gives it; KeyError when none; ValueError for a NUL."""

    def __init__(self):
        super().__init__("pwd")
        self.db = "self"

    def _entries(self):
        uid = str(os.getuid()).encode()
        for line in DBS[self.db]:
            f = line.replace(b"@UID@", uid).split(b":")
            yield types.SimpleNamespace(
                pw_name=os.fsdecode(f[0]), pw_uid=int(f[2]),
                pw_dir=os.fsdecode(f[5]))

    def getpwuid(self, uid):
        for e in self._entries():
            if e.pw_uid == uid:
                return e
        raise KeyError(uid)

    def getpwnam(self, name):
        if "\0" in name:
            raise ValueError("embedded null character")
        for e in self._entries():
            if e.pw_name == name:
                return e
        raise KeyError(name)


def path():
    if rng.random() < 0.02:
        return b"\0".join([path(), b"n"])
    lead = b"/" * rng.choice([0, 0, 0, 1, 1, 2, 3, 4])
    n = rng.randint(0, 6)
    parts = [rng.choice(COMPONENTS) for _ in range(n)]
    seps = [b"/" * rng.choice([1, 1, 1, 2, 3]) for _ in range(max(n - 1, 0))]
    body = parts[0] if parts else b""
    for s, p in zip(seps, parts[1:]):
        body += s + p
    trail = b"/" * rng.choice([0, 0, 0, 1, 2]) if body else b""
    return lead + body + trail


HAND = [
    b"", b"/", b"//", b"///", b"////", b".", b"..", b"/.", b"/..", b"//..",
    b"///..", b"./", b"../", b"./.", b"a/..", b"a/../..", b"../a/../..",
    b"/a/../../b", b"//a//b//", b"///a///b", b"a//b", b"a/./b", b"a/.",
    b".a", b"a.", b".a.b", b"a/.b", b"a.b/c", b"a/b.", b"..a", b"a..b",
    b"~", b"~/", b"~/x", b"~u1", b"~u1/", b"~root/x", b"~~", b"x/~",
    b"$", b"$$", b"$A", b"${A}", b"${A", b"$A$", b"${}", b"${a b}", b"$1x",
    b"a$Ab", b"a${A}b", b"$A_1/$B/$x", b"${UNKNOWN}/$UNKNOWN", b"\xff/\xfe",
    b"\0", b"a\0b", b"/\0/..", b"tab\tx", b"\\", b"a\\b/..",
]


def main():
    for name in set(COMPONENTS) - {b".", b".."}:
        assert not os.path.lexists(b"/" + name), name
    os.chdir("/")
    os.environ.clear()
    for k, v in ENV.items():
        os.environb[k] = v
    fake = FakePwd()
    sys.modules["pwd"] = fake

    out = sys.stdout
    for name in sorted(set(COMPONENTS) - {b".", b".."}):
        print("absent", esc(name), sep="\t", file=out)
    for k, v in sorted(ENV.items()):
        print("env", esc(k), esc(v), sep="\t", file=out)
    for db, lines in sorted(DBS.items()):
        for line in lines:
            print("passwd", db, esc(line), sep="\t", file=out)

    paths = HAND + [path() for _ in range(2400)]
    for p in paths:
        (head, tail), (root, ext) = posixpath.split(p), posixpath.splitext(p)
        print("p", esc(p), run(posixpath.normpath, p), esc(head), esc(tail),
              esc(root), esc(ext), run(posixpath.basename, p),
              run(posixpath.dirname, p), run(posixpath.isabs, p),
              run(posixpath.abspath, p), run(posixpath.realpath, p),
              run(posixpath.expandvars, p), sep="\t", file=out)

    homes = [None, b"", b"/", b"//", b"/home/h", b"/home/h/", b"rel/dir",
             b"/h\xff/"]
    users = [b"", b"u1", b"u2", b"slash", b"empty", b"dup", b"me", b"odd",
             b"hi", b"root", b"nobody-here", b"\xff", b"a\0b", b"~", b"u1 "]
    tildes = [b"~", b"~/", b"~//", b"~/a", b"~u1", b"~u1/", b"~u1//x", b"x~"]
    for _ in range(700):
        tail = rng.choice([b"", b"/", b"//", b"/a", b"/a/", b"//a/b"])
        tildes.append(b"~" + rng.choice(users) + tail)
    for p in tildes:
        for db in sorted(DBS):
            fake.db = db
            home = rng.choice(homes)
            if home is None:
                os.environ.pop("HOME", None)
            else:
                os.environb[b"HOME"] = home
            print("u", db, "!unset" if home is None else esc(home), esc(p),
                  run(posixpath.expanduser, p), sep="\t", file=out)
    os.environb[b"HOME"] = ENV[b"HOME"]

    for _ in range(1200):
        a, b = path(), path()
        print("j", esc(a), esc(b), run(posixpath.join, a, b), sep="\t",
              file=out)
    for _ in range(400):
        a, b, c = path(), path(), path()
        print("j3", esc(a), esc(b), esc(c), run(posixpath.join, a, b, c),
              sep="\t", file=out)

    tree = [b"a", b"b", b"c", b".", b"..", b"\xff"]

    def near():
        lead = rng.choice([b"", b"/", b"//"])
        n = rng.randint(0, 4)
        return lead + b"/".join(rng.choice(tree) for _ in range(n)) + \
            rng.choice([b"", b"/"])

    for _ in range(1500):
        a, b = (near(), near()) if rng.random() < 0.8 else (path(), path())
        print("r", esc(a), esc(b), run(posixpath.relpath, a, b), sep="\t",
              file=out)
    for _ in range(1000):
        ps = [near() for _ in range(rng.choice([0, 1, 2, 2, 3, 4]))]
        if ps and rng.random() < 0.7:
            # Same kind, so that most lists get past the mix check.
            kind = b"/" if ps[0].startswith(b"/") else b""
            ps = [kind + p.lstrip(b"/") for p in ps]
        print("c", len(ps), *map(esc, ps), run(posixpath.commonpath, ps),
              run(posixpath.commonprefix, ps) if ps else "",
              sep="\t", file=out)


main()
