"""Generates json_cases.rs: json.loads(input) -> json.dumps(result) or
str(error), as CPython's json module gives them.

Where Python succeeds and Strata cannot (an int outside i64, a lone
surrogate), the case carries Strata's documented error and the script
checks that Python did succeed on it.

After the cases, random edits of them (seeded: the same file each run),
those where Python succeeds and Strata cannot left out.

Run from this folder: python3 gen_json.py > json_cases.rs
"""
import json
import random
import sys

import rustlit

CASES = [
    # values
    'null', 'true', 'false', '0', '-0', '1', '-1', '123', '9223372036854775807',
    '-9223372036854775808', '1.5', '-1.5', '1e3', '1E3', '1e+3', '1e-3', '1.25e2',
    '0.1', '1e400', '-1e400', '1e-400', '5e-324', '123456789.125', '1e16', '1e15',
    '0.0001', '0.00001', 'NaN', 'Infinity', '-Infinity', '"abc"', '""', '[]', '{}',
    ' [ 1 , 2 ] ', '\t\n\r 1 \n', '[1, [2, [3, {"a": [4]}]]]',
    '{"a": 1, "b": 2, "a": 3}', '{"b": {}, "a": []}', '{"": 0}',
    '"\\" \\\\ \\/ \\b \\f \\n \\r \\t"', '"\\u0041\\u00e9\\u20ac"', '"\\ud83d\\ude00"',
    '"\\uD83D\\uDE00x"', '"é€😀"', '"\x7f"', '["\\u0000", "\\u001f"]',
    '{"version": 1, "handlers": {"console": {"class": "logging.StreamHandler", "level": "DEBUG"}}}',
    '"a\\u0062c"', '[null,true,false]', '-0.0', '0e0', '0E-0', '2.5E+10',
    # errors
    '', ' ', '\n\n  ', 'nul', 'nulls', 'tru', 'True', 'NAN', 'nan', 'inf', '-Inf', '-', '--1',
    '+1', '.5', '01', '1.', '1.e3', '1e', '1e+', '1e-', '1ee', '0x10', '1 2', '[1 2]',
    '[1,]', '[,1]', '[', ']', '[1', '[1,', '{', '}', '{"a"', '{"a":', '{"a":1', '{"a":1,',
    '{"a" 1}', '{"a":1 "b":2}', '{"a":1,}', '{1:2}', "{'a':1}", '{"a":}', '[1]]', '{} {}',
    '"abc', '"', '"\\', '"\\"', '"a\x01"', '"a\nb"', '"\t"', '"\x1f"', '"\\x"', '"\\a"',
    '"\\\x00"', '"\\u"', '"\\u12"', '"\\u123', '"\\u1234', '"\\u12x4"', '"\\uXYZW"',
    '"\\ud800\\u12x4"', '"\\ud800\\u', '"\\ud800\\udc0"', '"\\ud800\\udc00', '"\\ud800\\udc00"',
    '\ufeff1', '\ufeff', ' \ufeff1', '[\ufeff]', 'é', '"é', '["é" "é"]',
    '[1,\n2,\n3\n4]', '{\n"a":\n1\n,\n"b"\n}', '\n\n\nx', '[\n\n  "\\q"]', '"a\nb\nc"',
    '[1]\n\nx', '[' * 5 + ']' * 4, '{"a": [1, {"b": }]}', '[1.5e3, -]', '[-NaN]',
    '[1, 2, 3,, 4]', '"\\ud800"x', '1 "\\ud800"',
    # deep nesting: Python's RecursionError (how deep Python goes depends
    # on its stack; json.rs's own test checks MAX_DEPTH itself)
    '[' * 996 + ']' * 996, '{"a":' * 996 + '1' + '}' * 996, '[' * 2000,
]

# Python succeeds; Strata cannot hold the result.
DEVIATIONS = {
    '9223372036854775808': 'Integer out of range: line 1 column 1 (char 0)',
    '-9223372036854775809': 'Integer out of range: line 1 column 1 (char 0)',
    '[1, 123456789012345678901234567890]': 'Integer out of range: line 1 column 5 (char 4)',
    '"\\ud800"': 'Lone surrogate in string: line 1 column 2 (char 1)',
    '"\\udc00\\ud800"': 'Lone surrogate in string: line 1 column 2 (char 1)',
    '["ok", "a\\ud800\\u0041"]': 'Lone surrogate in string: line 1 column 10 (char 9)',
    '"\\ud800\\ud800\\udc00"': 'Lone surrogate in string: line 1 column 2 (char 1)',
    '{"\\udfff": 1}': 'Lone surrogate in string: line 1 column 3 (char 2)',
    '[9999999999999999999, "\\ud800"]': 'Integer out of range: line 1 column 2 (char 1)',
}


def has_deviation(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return not -2**63 <= v < 2**63
    if isinstance(v, str):
        return any(0xd800 <= ord(c) < 0xe000 for c in v)
    if isinstance(v, list):
        return any(map(has_deviation, v))
    if isinstance(v, dict):
        return any(has_deviation(k) or has_deviation(x) for k, x in v.items())
    return False


ALPHABET = list('[]{}:,"\\ \n\t\r-+.eE0123456789abfnrtuNIaly/') + [
    '\x01', 'é', 'ü', '\ufeff', 'u00', 'ud83d', 'ude00', 'true', 'null', 'NaN', 'Infinity']


def mutations(count):
    random.seed(1)
    seeds = [c for c in CASES if len(c) < 200]
    out = []
    while len(out) < count:
        s = list(random.choice(seeds))
        for _ in range(random.randint(1, 4)):
            op = random.random()
            i = random.randint(0, len(s))
            if op < 0.5:
                s.insert(i, random.choice(ALPHABET))
            elif s and op < 0.8:
                del s[min(i, len(s) - 1)]
            elif s:
                s[min(i, len(s) - 1)] = random.choice(ALPHABET)
        text = ''.join(s)
        try:
            v = json.loads(text)
            if has_deviation(v):
                continue
        except json.JSONDecodeError:
            pass
        out.append(text)
    return out


def main():
    print(rustlit.HEADER.format(script='gen_json.py', out='json_cases.rs',
                                version=sys.version.split()[0]))
    print('pub const CASES: &[(&str, Result<&str, &str>)] = &[')
    for text in CASES + mutations(2000):
        try:
            v = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as e:
            print('    (%s, %s),' % (rustlit.s(text), rustlit.result(False, str(e))))
            continue
        assert not has_deviation(v), text
        print('    (%s, %s),' % (rustlit.s(text), rustlit.result(True, json.dumps(v))))
    for text, msg in DEVIATIONS.items():
        assert has_deviation(json.loads(text)), text
        print('    (%s, %s),' % (rustlit.s(text), rustlit.result(False, msg)))
    print('];')


main()
