#!/usr/bin/env python3
"""Writes fnmatch.txt: CPython's fnmatch.translate and fnmatch.fnmatchcase
(str and bytes) over a generated corpus of patterns and names, for
strata-alloc's fnmatch to match.

Run: python3 tests/oracle/fnmatch.py > tests/oracle/fnmatch.txt

The corpus (seeded): patterns of up to ten characters drawn mostly from the
characters that mean something in a pattern or in a regular expression
(`*?[]!-^\\` and `.()|&~{}+$# ` and a newline), plus letters, digits,
`é`, `€` and U+10348 (str) or 0x80-0xff (bytes), and hand-picked ones;
for each, names made from the pattern itself (each star replaced by a
random run, each `?` by a character, everything else kept, so a good
share match) and random names over the same alphabet.

Format: tab-separated records. Every byte string is escaped: printable
ASCII except `\\` stands for itself, `\\` is `\\\\`, every other byte is
`\\xHH`; str values are written as their UTF-8.

  t   <pattern> <translate(pattern)>        a str pattern
  m   <name> <0|1>                          fnmatchcase(name, last t pattern)
  tb  <pattern> <regex bytes>               a bytes pattern and the regex
                                            CPython compiles for it
  mb  <name> <0|1>                          fnmatchcase(name, last tb pattern)
"""
import fnmatch
import random
import sys

rng = random.Random(1202)

SPECIAL = list("*?[]!-^\\") * 3 + list(".()|&~{}+$# \n")
LETTERS = list("abcz09AZ_/")
WIDE = ["é", "€", "\U00010348", "ÿ"]
BYTES_HIGH = ["\x80", "\xe9", "\xff"]

HAND = [
    "", "*", "**", "?", "[", "]", "[]", "[!]", "[]]", "[!]]", "[]-]",
    "[a-]", "[-a]", "[!-a]", "[a-c-e]", "[z-a]", "[!z-a]", "[b-a-c]",
    "[a-b-c-d]", "[^a]", "[[]", "[[:alpha:]]", "[\\]", "[\\-a]", "[--0]",
    "[&&]", "[~~]", "[||]", "a*b*c", "*a*", "a**b", "*.txt", ".*", "[!.]*",
    "[a-z]*[0-9]", "\\*", "[*]", "[?]", "x[", "x[!", "x[a", "[é-€]",
    "[€-é]", "[!é]", "*\n", "?\n?", "[ -~]", "[!a-c-]", "[a-\\]", "[---]",
    "[!---]", "[a-c-]", "[!b-a]", "[b-a-]",
]


def esc(s):
    b = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
    out = []
    for c in b:
        if c == 0x5C:
            out.append("\\\\")
        elif 0x20 < c < 0x7F:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


def pattern(alphabet):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))


def names_for(pat, alphabet):
    out = [pat]
    for _ in range(4):
        name = []
        for c in pat:
            if c == "*":
                name.extend(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
            elif c == "?":
                name.append(rng.choice(alphabet))
            else:
                name.append(c)
        out.append("".join(name))
    for _ in range(3):
        out.append("".join(rng.choice(alphabet)
                           for _ in range(rng.randint(0, 5))))
    return list(dict.fromkeys(out))


def main():
    out = sys.stdout
    text = SPECIAL + LETTERS + WIDE
    for pat in HAND + [pattern(text) for _ in range(2000)]:
        print("t", esc(pat), esc(fnmatch.translate(pat)), sep="\t", file=out)
        for name in names_for(pat, text):
            print("m", esc(name), int(fnmatch.fnmatchcase(name, pat)),
                  sep="\t", file=out)
    raw = SPECIAL + LETTERS + BYTES_HIGH
    latin1 = [p for p in HAND if max(map(ord, p), default=0) < 256]
    for pat in latin1 + [pattern(raw) for _ in range(1000)]:
        # Latin-1 throughout, as fnmatch._compile_pattern does.
        bpat = pat.encode("latin-1")
        regex = fnmatch.translate(pat).encode("latin-1")
        print("tb", esc(bpat), esc(regex), sep="\t", file=out)
        for name in names_for(pat, raw):
            bname = name.encode("latin-1")
            print("mb", esc(bname), int(fnmatch.fnmatchcase(bname, bpat)),
                  sep="\t", file=out)


main()
