"""Generates ini_cases.rs: what CPython's configparser.ConfigParser()
makes of each input, read the way logging.config.fileConfig reads a file
(cp.read(filename), UTF-8, universal newlines) or with read_string: either
the exception (class and str()) or a dump of every section's options with
their raw and interpolated values (ini.rs's test writes the same dump).

After the cases, random edits of them (seeded: the same file each run),
around the first 8 KiB chunk's end for the long ones.

Run from this folder: python3 gen_ini.py > ini_cases.rs
"""
import configparser
import os
import random
import sys
import tempfile

import rustlit

LOGGING = b"""[loggers]
keys=root,simpleExample

[handlers]
keys=consoleHandler

[formatters]
keys=simpleFormatter

[logger_root]
level=DEBUG
handlers=consoleHandler

[logger_simpleExample]
level=DEBUG
handlers=consoleHandler
qualname=simpleExample
propagate=0

[handler_consoleHandler]
class=StreamHandler
level=DEBUG
formatter=simpleFormatter
args=(sys.stdout,)

[formatter_simpleFormatter]
format=%(asctime)s - %(name)s - %(levelname)s - %(message)s
datefmt=%Y-%m-%d
"""

FILE_CASES = [
    LOGGING,
    b'', b'\n\n', b'# only a comment\n; another\n',
    b'[s]\na=1\nb : 2\nc=x=y\nd: e=f:g\nKEY = Value\n  Mixed Case  =  spaced out  \n',
    b'[s]\nmy key = 1\nempty =\nempty2:\n',
    b'[s]\na = first\n  second\n\tthird\n\n  after blank\n\n\n[t]\nb=1\n',
    b'[s]\na = 1\n  # a comment inside\n  2\n; another\n  3\n',
    b'[s]\na = 1\n  [t]\n  b = 2\n',
    b'[s]\n  a=1\n  b=2\n',
    b'[s]\n a=1\n  b=2\n c=3\n',
    b'[s]\na=1\n\n\n',
    b'[s]\na=\n  x\n',
    b'[s]\na=1\n  \n  \n',
    b'[s]\n\xc3\x9cN\xc3\x8fCODE=1\n\xce\xa3\xce\x91\xce\xa3 = sigma\n',
    b'[S]\nA=1\n[s]\na=2\n',
    b'[s]\na=1\n[s]\nb=2\n',
    b'[s]\na=1\nA=2\n',
    b'[DEFAULT]\na=1\n[DEFAULT]\nb=2\n[s]\nc=3\n',
    b'[DEFAULT]\na=1\n[DEFAULT]\na=2\n',
    b'[s]\na=1\n[t]\na=2\n',
    b'a=1\n', b'\n  \n# c\nfoo\n', b'  a = 1\n', b"it's = \"quoted\"\n",
    b'[s]\nnovalue\n  \nbad line\n[t]\nalso bad\n',
    b"[s]\nit's\n\"both' quotes\"\nwith\ttab\nctl\x01char\n\xc3\xa9t\xc3\xa9\n\xe2\x80\x8bzw\n",
    b'[s]\n=value\n', b'[s]\n=a\n=b\n', b'[s]\n  = x\n',
    b'[]\n', b'[s]\n[]\n', b'[a] junk\nx=1\n', b'[a]]\nx=1\n', b'[ a ]\nx=1\n',
    b'[]]\nx=1\n', b'[[a]\nx=1\n', b'[a\n',
    b'[s]\r\na=1\r\n  2\r\nb=3\r\n', b'[s]\ra=1\rb=2\r', b'[s]\n\r\na=1\r\n\r\n  x\r',
    b'\xef\xbb\xbf[s]\na=1\n',
    b'[s]\na=1\x0c\n\x0cb=2\n\xe3\x80\x80  c\n\x1cd=4\n',
    b'[s]\na=1 ; not a comment\nb=2 # nor this\n',
    b'[s]\n#\n;\nrem=1\n',
    # not UTF-8
    b'\xff', b'[s]\na=\xe9\n', b'[s]\na=\xe2\x82', b'[s]\na=\xed\xa0\x80\n',
    b'[s]\na=\xc3\x28\n', b'[s]\na=\xf0\x9f\x98\n', b'[s]\nbad line\na=\xff\n',
    # past the first 8 KiB chunk
    b'[s]\n' + b'x' * 8200 + b'\n\xff\n',
    b'[s]\na=1\n[s]\n' + b'#' * 9000 + b'\n\xff\n',
    b'[s]\nbad line\n' + b'#' * 9000 + b'\n\xff\n',
    b'[s]\n' + b'#' * 8184 + b'\xe2\x82\xac\n\xff\n',
    b'[s]\n' + b'#' * 8186 + b'\xe2\x82\xac\n',
    b'[s]\n' + b'#' * 8186 + b'\xe2\x82\n',
    b'[s]\n' + b'#' * 8186 + b'\xed\xa0\x80\n',
    b'[s]\n' + b'#' * 8183 + b'\r\na=1\r\n\xff',
    b'a=1\n' + b'#' * 9000 + b'\n\xff\n',
    # interpolation
    b'[DEFAULT]\nbase=/var\n[s]\npath=%(base)s/log\nself=%(path)s/x\npct=100%%\nbare=50%\n'
    b'odd=%x\nnos=%(base)\nempty=%()s\nmissing=%(nope)s\nupper=%(BASE)s\n',
    b'[s]\na=%(a)s\n',
    b'[s]\na=%(b)s\nb=%(c)s\nc=%(d)s\nd=%(e)s\ne=%(f)s\nf=%(g)s\ng=%(h)s\nh=%(i)s\ni=%(j)s\n'
    b'j=%(k)s\nk=%(l)s\nl=end\n',
    b'[s]\na=%(b)s\nb=%(c)s\nc=%(d)s\nd=%(e)s\ne=%(f)s\nf=%(g)s\ng=%(h)s\nh=%(i)s\ni=%(j)s\n'
    b'j=%(k)s\nk=%%\n',
    b'[DEFAULT]\nd=%(own)s\n[s]\nown=mine\n[t]\nx=1\n',
    b'[s]\nfmt=%(asctime)s %(message)s\ndatefmt=%Y-%m-%d\n',
    b'[s]\na=x\n  %(b)s\nb=multi\n  line\n',
    b'[s]\na=%(b\n  c)s\nb\n  c=1\n',
    b'[s]\na=%%(b)s %\n',
    b'[s]\na=%(b)s%(c)s\nb=%%\nc=%(b)s\n',
    b'[s]\na=\xc3\xa9%(\xc3\x89)s\n\xc3\xa9=x\n',
]

STRING_CASES = [
    b'[s]\na=1\r\nb=x\ry\n',
    b'[s]\ra=1\r',
    b'[s]\na=1\n[s]\n',
    b'x\n',
    b'[s]\nbad\n',
]


ALPHABET = [
    b'[', b']', b'=', b':', b'#', b';', b' ', b'\t', b'\n', b'\r', b'%', b'(', b')', b's', b'a',
    b'A', b'DEFAULT', b'%(a)s', b'%%', b'\n  ', b'\xc3\xa9', b'\xff', b'\xe2\x82', b'\x0c', b'x',
    b"'", b'"', b'\n[s]\n', b'\n[DEFAULT]\n', b'\xce\xa3']


def mutations(count, long):
    random.seed(1 + long)
    seeds = [c for c in FILE_CASES if (len(c) > 8000) == long]
    out = []
    for _ in range(count):
        s = bytearray(random.choice(seeds))
        for _ in range(random.randint(1, 5)):
            if long:
                i = random.randint(8170, min(8210, len(s)))
            else:
                i = random.randint(0, len(s))
            if random.random() < 0.6:
                s[i:i] = random.choice(ALPHABET)
            elif s:
                del s[min(i, len(s) - 1)]
        data = bytes(s)
        string = random.random() < 0.2
        if string:
            try:
                data.decode()
            except UnicodeDecodeError:
                string = False
        out.append((data, string))
    return out


def dump(cp):
    out = []
    for section in ['DEFAULT'] + cp.sections():
        out.append('[%s]\n' % section)
        opts = list(cp.defaults()) if section == 'DEFAULT' else cp.options(section)
        for o in opts:
            raw = cp.get(section, o, raw=True)
            try:
                v = repr(cp.get(section, o))
            except configparser.Error as e:
                v = '!%s: %s' % (type(e).__name__, e)
            out.append('%r = %r -> %s\n' % (o, raw, v))
    return ''.join(out)


def run(data, string):
    cp = configparser.ConfigParser()
    try:
        if string:
            cp.read_string(data.decode())
        else:
            with open('logging.ini', 'wb') as f:
                f.write(data)
            cp.read('logging.ini', encoding='utf-8')
    except (configparser.Error, UnicodeDecodeError) as e:
        return rustlit.result(False, '%s: %s' % (type(e).__name__, e))
    return rustlit.result(True, dump(cp))


def main():
    print(rustlit.HEADER.format(script='gen_ini.py', out='ini_cases.rs',
                                version=sys.version.split()[0]))
    print('pub struct Case {\n    pub input: &\'static [u8],\n    pub string: bool,\n'
          '    pub want: Result<&\'static str, &\'static str>,\n}\n')
    print('pub const CASES: &[Case] = &[')
    os.chdir(tempfile.mkdtemp())
    cases = [(data, False) for data in FILE_CASES] + [(data, True) for data in STRING_CASES]
    for data, string in cases + mutations(500, False) + mutations(10, True):
        print('    Case {\n        input: %s,\n        string: %s,\n        want: %s,\n    },'
              % (rustlit.b(data), 'true' if string else 'false', run(data, string)))
    os.remove('logging.ini')
    print('];')


main()
