"""Generates literal_cases.rs: repr(eval(input)) for expressions that
logging.config.fileConfig could find in args= and kwargs=, names left as
themselves (a name's repr is its dotted name), as literal.rs's Display
writes them; then MUTATIONS, random edits of those (seeded, so the file
is the same each run), each with its repr where Python's AST of it holds
only what literal.rs accepts, or None where literal.rs must fail (Python
rejects it, or computes something that is not a literal).

Run from this folder: python3 gen_literal.py > literal_cases.rs
"""
import ast
import random
import sys
import warnings

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
    '1\n\x0c', '\\\n#c\n1', '1\n #c', '1\\\n\n', '\\\n(1,2)', '\x0c1', '  #c\n1', '1\n\\\n\x0c',
    '1 \\\n ', '1 \\\n#c', '-(9223372036854775808)', '(0x10)', '-(-(1))',
    'inf', 'nan', 'ext', '_private', 'caf\u00e9', 'match', 'case', 'sys.stdout.buffer',
]


def literal_only(node):
    if isinstance(node, ast.Expression): return literal_only(node.body)
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, (bytes, complex)) or v is ...: return False
        if isinstance(v, int) and not isinstance(v, bool) and not -2**63 <= v < 2**63: return False
        if isinstance(v, str) and any(0xd800 <= ord(c) < 0xe000 for c in v): return False
        return True
    if isinstance(node, ast.Name): return True
    if isinstance(node, ast.Attribute):
        n = node.value
        while isinstance(n, ast.Attribute): n = n.value
        return isinstance(n, ast.Name)
    if isinstance(node, (ast.Tuple, ast.List)): return all(map(literal_only, node.elts))
    if isinstance(node, ast.Dict):
        return None not in node.keys and all(map(literal_only, node.keys + node.values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        o, sign = node, 1
        while isinstance(o, ast.UnaryOp) and isinstance(o.op, (ast.USub, ast.UAdd)):
            sign *= -1 if isinstance(o.op, ast.USub) else 1
            o = o.operand
        if isinstance(o, ast.Constant) and type(o.value) in (int, float):
            # the result must fit in i64
            return type(o.value) is float or -2**63 <= sign * o.value < 2**63
        return False
    return False


ALPHABET = list("()[]{},:.+-'\"\\ \n\t#_0123456789xobeEjrbuRfN") + ['True', 'None', 'sys', '.stdout', "'''", '"""', '\\x4', '\\u00e9', '\\ud800', 'lambda', 'if', '0x', '1_', '*', '\r\n', 'é', '\\\n']


def mutations(count):
    random.seed(1)
    warnings.simplefilter('ignore')
    out = []
    while len(out) < count:
        s = list(random.choice(CASES))
        for _ in range(random.randint(1, 3)):
            i = random.randint(0, len(s))
            if random.random() < 0.6:
                s.insert(i, random.choice(ALPHABET))
            elif s:
                del s[min(i, len(s) - 1)]
        text = ''.join(s)
        if '\x00' in text or '\\N' in text:
            continue
        try:
            if literal_only(ast.parse(text.lstrip(' \t'), mode='eval')):
                want = 'Some(%s)' % rustlit.s(repr(eval(text, {'__builtins__': {}}, Names())))
            else:
                want = 'None'
        except Exception:
            want = 'None'
        out.append('    (%s, %s),' % (rustlit.s(text), want))
    return out


def main():
    print(rustlit.HEADER.format(script='gen_literal.py', out='literal_cases.rs',
                                version=sys.version.split()[0]))
    print('pub const CASES: &[(&str, &str)] = &[')
    for text in CASES:
        value = eval(text, {'__builtins__': {}}, Names())
        print('    (%s, %s),' % (rustlit.s(text), rustlit.s(repr(value))))
    print('];')
    print()
    print('pub const MUTATIONS: &[(&str, Option<&str>)] = &[')
    print('\n'.join(mutations(2000)))
    print('];')


main()
