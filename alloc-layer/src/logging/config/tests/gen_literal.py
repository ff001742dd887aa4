"""Generates literal_cases.rs: repr(eval(input)) for expressions that
logging.config.fileConfig could find in args= and kwargs=, names left as
themselves (a name's repr is its dotted name), as literal.rs's Display
writes them.

Run from this folder: python3 gen_literal.py > literal_cases.rs
"""
import sys

import rustlit


class Name:
    def __init__(self, name):
        self.name = name

    def __getattr__(self, attr):
        return Name(self.name + '.' + attr)

    def __repr__(self):
        return self.name

    def __eq__(self, other):
        return isinstance(other, Name) and other.name == self.name

    def __hash__(self):
        return hash(self.name)


class Names(dict):
    def __missing__(self, key):
        return Name(key)


CASES = [
    '()', '(sys.stdout,)', '(sys.stderr,)', "('python.log', 'a')", "('app.log', 'w', 'utf-8')",
    "(('localhost', handlers.SYSLOG_UDP_PORT), handlers.SysLogHandler.LOG_USER)",
    'logging.handlers.SysLogHandler.LOG_USER', 'sys . stdout', "{'encoding': 'utf-8'}", '{}',
    "{'maxBytes': 1024, 'backupCount': 3,}", "('a.log', 'a', 1_000_000, 5)",
    'sys.stdout,', '1, 2', '1, 2,', '(1)', '((1))', '(1,)', '[1, [2, (3,)], {}]', '[]', '[1,]',
    "'single'", '"double"', "'''triple\nsingle'''", '"""triple\ndouble"""', "r'\\d+\\n'",
    "R'\\x'", "u'unicode'", "U'x'", "'a' 'b' \"c\"", "'a' r'\\b'", "('a'\n 'b')",
    "'\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r'", "'\\x41\\101\\0\\777\\u00e9\\U0001F600'", "'\\d\\%'",
    "'line\\\ncontinued'", "'''a\\\nb'''", "'é€😀'", "'\\x00\\x7f\\x9f\\u200b'", "\"it's\"",
    "'say \"hi\"'", "'both \\' \"'",
    '0', '-0', '42', '-42', '+42', '--1', '- 1', '0x1F', '0X1f', '0o17', '0O17', '0b101',
    '0B1_01', '0x_1f', '1_000', '00', '0_0', '9223372036854775807', '-9223372036854775808',
    '1.5', '-1.5', '1.', '.5', '1e3', '1E-3', '1.5e+3', '1_0.2_5', '1e1_0', '01.5', '0e0',
    '1e400', '-1e400', '1e-400', '0.1', '123456789.125', '1e16', '-(1)', '-(-(2.5))',
    'True', 'False', 'None', '(True, False, None)',
    "{1: 'a', True: 'b', 1.0: 'c'}", "{'a': 1, 'b': 2, 'a': 3}", "{(1, 2): 'x', (1, 2.0): 'y'}",
    '{sys.stdout: 1, sys.stdout: 2}', '{0: 1, -0.0: 2, False: 3}',
    '  (1, 2)', '\t1', '(1,  # comment\n 2)', '1  # comment', '1\n', '1\n\n# c\n',
    '(1,\n\n2)', '[\n1,\n2\n]', '{\n"a":\n1}', '1 \\\n, 2', '(1,\r\n2)', "'''a\r\nb'''",
    'inf', 'nan', 'ext', '_private', 'caf\u00e9', 'match', 'case', 'sys.stdout.buffer',
]


def main():
    print(rustlit.HEADER.format(script='gen_literal.py', out='literal_cases.rs',
                                version=sys.version.split()[0]))
    print('pub const CASES: &[(&str, &str)] = &[')
    for text in CASES:
        value = eval(text, {'__builtins__': {}}, Names())
        print('    (%s, %s),' % (rustlit.s(text), rustlit.s(repr(value))))
    print('];')


main()
