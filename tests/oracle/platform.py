#!/usr/bin/env python3
"""CPython's `platform` module as the oracle for strata_alloc::platform.

    python3 tests/oracle/platform.py            # rewrite the fixtures
    python3 tests/oracle/platform.py --live [--machine M] [--bits B] PATH...

Without arguments it writes, beside this script:

- os_release.txt: freedesktop_os_release() of each file in os-release/
  (CPython's candidates pointed at that one file), in file-name order:
  a line `== NAME`, then `KEY<TAB>VALUE` per item in dict order (VALUE as
  json.dumps writes a string), or one `error<TAB>str(exception)` line;
  last, the errors when no candidate can be read, as `== (candidates
  A, B)` blocks.
- platform_files.txt: answers that depend only on their arguments, one
  per line, fields separated by tabs, bytes in hex, strings as JSON:
    architecture HEX BITS LINKAGE        architecture() of a file holding HEX
    libc_ver CHUNKSIZE HEX LIB VERSION   libc_ver() of such a file
    system_alias ["s","r","v"] ["s","r","v"]
    _platform [args...] "result"
- platform.txt: this machine's answers, for the record (the live mode
  is what the tests compare against, on whatever machine runs them).

With --live it prints, for the platform test program to be compared
with (tests/src/bin/platform.rs `report`), CPython's answers on this
machine as `KEY<TAB>VALUE` lines. Two things stand in for what a Strata
program is: libc_ver() without a path answers ('strata', <the workspace
version>), as a libc-free runtime must, and platform() is CPython's
with that answer. --machine and --bits play another architecture's
python3 under qemu-user (the kernel is the host's; the machine and the
pointer size are the emulated CPU's): what `uname -m` and
struct.calcsize('P') would give there.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# This script's own name would shadow the standard library's module.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != HERE]

import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402


def workspace_version():
    with open(os.path.join(HERE, "..", "..", "Cargo.toml")) as f:
        text = f.read()
    package = text.split("[workspace.package]", 1)[1]
    return re.search(r'^version = "([^"]+)"', package, re.M).group(1)


def os_release_of(candidates):
    platform._os_release_cache = None
    saved = platform._os_release_candidates
    platform._os_release_candidates = tuple(candidates)
    try:
        return platform.freedesktop_os_release(), None
    except Exception as e:  # OSError or UnicodeDecodeError, as a user sees it
        return None, str(e)
    finally:
        platform._os_release_candidates = saved
        platform._os_release_cache = None


def os_release_block(name, info, error):
    lines = [f"== {name}"]
    if error is not None:
        lines.append(f"error\t{error}")
    else:
        lines += [f"{k}\t{json.dumps(v)}" for k, v in info.items()]
    return lines


def write_os_release():
    folder = os.path.join(HERE, "os-release")
    lines = []
    for name in sorted(os.listdir(folder)):
        info, error = os_release_of([os.path.join(folder, name)])
        lines += os_release_block(name, info, error)
    for candidates in (
        ["/nonexistent/etc/os-release", "/nonexistent/usr/lib/os-release"],
        ["/nonexistent/os-release", "/"],
        ["/"],
    ):
        info, error = os_release_of(candidates)
        lines += os_release_block(f"(candidates {', '.join(candidates)})", info, error)
    with open(os.path.join(HERE, "os_release.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def elf_header(cls=2, data=1, etype=2, machine=62, size=64, version=1):
    """The first `size` bytes of an ELF file header as the fields say."""
    order = "little" if data != 2 else "big"
    b = b"\x7fELF" + bytes([cls, data, version, 0]) + bytes(8)
    b += etype.to_bytes(2, order) + machine.to_bytes(2, order) + (1).to_bytes(4, order)
    return (b + bytes(64))[:size]


def pe_header(machine=0x8664, magic=0x20B, subsystem=3, lfanew=0x40):
    """An MZ stub and a PE header as far as file(1) reads it."""
    b = bytearray(lfanew + 0x100)
    b[0:2] = b"MZ"
    b[0x3C:0x40] = lfanew.to_bytes(4, "little")
    b[lfanew:lfanew + 4] = b"PE\0\0"
    b[lfanew + 4:lfanew + 8] = machine.to_bytes(2, "little") + (1).to_bytes(2, "little")
    b[lfanew + 20:lfanew + 24] = (0xF0).to_bytes(2, "little") + (0x22).to_bytes(2, "little")
    b[lfanew + 24:lfanew + 26] = magic.to_bytes(2, "little")
    b[lfanew + 92:lfanew + 94] = subsystem.to_bytes(2, "little")
    return bytes(b)


ARCHITECTURE_FILES = [
    elf_header(),                       # 64-bit executable
    elf_header(cls=1),                  # 32-bit executable
    elf_header(cls=1, machine=40, size=52),
    elf_header(etype=3),                # shared object / PIE
    elf_header(cls=1, etype=3),
    elf_header(data=2),                 # big-endian
    elf_header(cls=1, data=2, etype=3, machine=8),
    elf_header(etype=1),                # relocatable
    elf_header(etype=4),                # core
    elf_header(etype=0),
    elf_header(etype=5),
    elf_header(etype=0xFE00),
    elf_header(etype=0xFF00),
    elf_header(etype=0x0200),           # ET_EXEC in the wrong byte order
    elf_header(data=2, etype=0x0300),
    elf_header(cls=0),                  # invalid class, valid order
    elf_header(cls=3, etype=3),
    elf_header(cls=1, data=0),          # invalid byte order
    elf_header(data=3),
    elf_header(version=0),
    elf_header(size=4),
    elf_header(size=16),
    elf_header(size=17),
    elf_header(size=18),
    elf_header(cls=1, size=18),
    b"\x7fEL",
    b"",
    b"#!/bin/sh\necho executable\n",
    b"MZ" + bytes(62),
    b"MZ" + bytes(1000),
    b"MZ",
    pe_header(),
    pe_header(machine=0x14C, magic=0x10B, lfanew=0x80),
    pe_header(subsystem=10),
    b"\x7fELF" * 16,
]

LIBC_VER_FILES = [
    (16384, b"[xxx__libc_initxxx]"),
    (16384, b"[xxxGLIBC_2.9xxx]"),
    (16384, b"[xxxlibc.so.1.2.5xxx]"),
    (16384, b"[xxxlibc_pthread.so.1.2.5xxx]"),
    (16384, b"[xxxxxx]"),
    (16384, b""),
    (16384, b"GLIBC_2.2.5\0GLIBC_2.34\0GLIBC_2.3\0GLIBC_2.14\0libc.so.6\0"),
    (16384, b"libc.so.6\0GLIBC_2.17\0"),
    (16384, b"__libc_init libc.so.7 libc.so.10 libc.so.9"),
    (16384, b"libc_r.so.4.1 libc.so.5"),
    (16384, b"libc_r.so.4 libc_r.so.3 libc_r.so"),
    (16384, b"libc.so.1.2_r libc_x.so"),
    (16384, b"libc.so."),
    (16384, b"libc.so.x libc_.so libc__.so.2"),
    (16384, b"GLIBC_ GLIBC_. GLIBC_.2 GLIBC_1..2"),
    (16384, b"/lib/ld-musl-x86_64.so.1\0libc.so\0"),
    (16384, b"GLIBC_2.3\0__libc_init\0libc.so.9\0"),
    (3, b"xxGLIBC_2.34xxGLIBC_2.4xx"),
    (3, b"xlibc.so.6.1x"),
    (4, b"__libc_init"),
    (1, b"libc_pthread.so.1.2.5"),
    (5, b"abcdGLIBC_2.36"),
    (16, b"x" * 10 + b"GLIBC_1.23.4\0GLIBC_1.9\0GLIBC_1.21\0"),
    (100, b"y" * 1500 + b"GLIBC_2.30" + b"z" * 1500 + b"libc.so.6"),
    (0, b"GLIBC_2.1"),
]

SYSTEM_ALIAS = [
    ("Linux", "6.1.0-13-amd64", "#1 SMP"),
    ("SunOS", "5.11", "11.4"),
    ("SunOS", "5.9", "Generic"),
    ("SunOS", "4.1.4", "x"),
    ("SunOS", "10", "x"),
    ("SunOS", "5", "x"),
    ("SunOS", "5.", "x"),
    ("SunOS", "x.1", "y"),
    ("SunOS", " 7 .1", "y"),
    ("SunOS", "+8_0.1", "y"),
    ("win32", "10", "10.0.19041"),
    ("win16", "", ""),
    ("Windows", "10", "x"),
    ("Darwin", "23.1.0", "x"),
    ("", "", ""),
]

PLATFORM_ARGS = [
    ("Linux", "6.1.0-13-amd64", "x86_64", "", "with", "glibc2.36"),
    ("Linux", "6.18.44-fc-v1098", "x86_64", "", "with", "strata0.1.0"),
    ("Linux", "5.10.0 (custom)", "armv7l", "ARMv7 Processor rev 4 (v7l)", "with", "libc"),
    ("Linux", "4.19.0", "unknown", "unknown", "with", ""),
    ("Linux", "a/b\\c:d;e\"f", "x", "  padded  ", "with", "glibc2.17"),
    ("Linux", "unknownunknown", "-", "", "with", "x--"),
    ("Linux", "", "", "", "with", ""),
    (" Linux", "1\t", "\u3000m", "", "with", "strata0.1.0"),
    ("Linux", "1", "2", "--", "with", "-"),
]


def write_files():
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "f")
        for content in ARCHITECTURE_FILES:
            with open(path, "wb") as f:
                f.write(content)
            bits, linkage = platform.architecture(path)
            lines.append(f"architecture\t{content.hex()}\t{bits}\t{linkage}")
        for chunksize, content in LIBC_VER_FILES:
            with open(path, "wb") as f:
                f.write(content)
            lib, version = platform.libc_ver(path, chunksize=chunksize)
            lines.append(f"libc_ver\t{chunksize}\t{content.hex()}\t{lib}\t{version}")
    for args in SYSTEM_ALIAS:
        got = platform.system_alias(*args)
        lines.append(f"system_alias\t{json.dumps(list(args))}\t{json.dumps(list(got))}")
    for args in PLATFORM_ARGS:
        lines.append(f"_platform\t{json.dumps(list(args))}\t{json.dumps(platform._platform(*args))}")
    with open(os.path.join(HERE, "platform_files.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def write_machine():
    u = platform.uname()
    lines = [f"# CPython {platform.python_version()} on this machine, for the record."]
    lines += [f"uname.{k}\t{v}" for k, v in zip(u._fields, u)]
    for aliased in (0, 1):
        for terse in (0, 1):
            lines.append(f"platform({aliased},{terse})\t{platform.platform(aliased, terse)}")
    lines.append(f"architecture()\t{platform.architecture()}")
    lines.append(f"libc_ver()\t{platform.libc_ver()}")
    strata = os.path.join(HERE, "..", "..", "target", "x86_64-unknown-linux-gnu", "release", "hello")
    for path in (sys.executable, "/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6", strata,
                 "/etc/os-release", "/tmp"):
        shown = "strata hello" if path == strata else path
        if not os.path.exists(path):
            continue
        lines.append(f"architecture({shown})\t{platform.architecture(path)}")
        try:
            lines.append(f"libc_ver({shown})\t{platform.libc_ver(path)}")
        except OSError as e:
            lines.append(f"libc_ver({shown})\t{type(e).__name__}: {e}")
    with tempfile.TemporaryDirectory() as tmp:
        # A musl program, dynamically linked, if musl-gcc is here.
        src, prog = os.path.join(tmp, "m.c"), os.path.join(tmp, "musl-dynamic")
        with open(src, "w") as f:
            f.write("int main(void) { return 0; }\n")
        try:
            subprocess.run(["musl-gcc", "-o", prog, src], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            pass
        else:
            lines.append(f"architecture(musl-gcc dynamic)\t{platform.architecture(prog)}")
            lines.append(f"libc_ver(musl-gcc dynamic)\t{platform.libc_ver(prog)}")
    lines.append(f"file -b /bin/ls\t{subprocess.run(['file', '-b', '/bin/ls'], capture_output=True, text=True).stdout.strip()}")
    lines.append(f"uname -p\t{subprocess.run(['uname', '-p'], capture_output=True, text=True).stdout.strip()}")
    with open(os.path.join(HERE, "platform.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def live(args):
    machine = bits = None
    while args and args[0].startswith("--"):
        if args[0] == "--machine":
            machine, args = args[1], args[2:]
        elif args[0] == "--bits":
            bits, args = args[1], args[2:]
        else:
            sys.exit(f"unknown option {args[0]}")
    real_uname = os.uname
    if machine is not None:
        def emulated_uname():
            u = real_uname()
            return os.uname_result((u.sysname, u.nodename, u.release, u.version, machine))
        os.uname = emulated_uname
    strata = ("strata", workspace_version())
    real_libc_ver = platform.libc_ver
    platform.libc_ver = lambda executable=None, *a, **k: (
        strata if not executable else real_libc_ver(executable, *a, **k))
    u = platform.uname()
    out = [f"uname.{k}\t{v}" for k, v in zip(u._fields, u)]
    for aliased in (0, 1):
        for terse in (0, 1):
            out.append(f"platform({aliased},{terse})\t{platform.platform(aliased, terse)}")
    out.append(f"libc_ver()\t{' '.join(platform.libc_ver())}")
    for path in args:
        b, l = platform.architecture(path, bits or "")
        out.append(f"architecture({path})\t{b} {l}")
        try:
            out.append(f"libc_ver({path})\t{' '.join(real_libc_ver(path))}")
        except OSError as e:
            out.append(f"libc_ver({path})\terror {e.errno}")
    info, error = os_release_of(platform._os_release_candidates)
    if error is not None:
        out.append(f"os_release\terror {error}")
    else:
        out += [f"os_release.{k}\t{json.dumps(v)}" for k, v in info.items()]
    print("\n".join(out))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--live"]:
        live(sys.argv[2:])
    else:
        write_os_release()
        write_files()
        write_machine()
