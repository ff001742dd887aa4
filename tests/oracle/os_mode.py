#!/usr/bin/env python3
"""Writes os_mode.txt: CPython's stat.filemode, S_IS* and S_IMODE for a
spread of modes (every file type with set-id, sticky and permission
combinations). Each line: octal mode, filemode, the seven S_IS* tests as
0/1 digits (DIR REG LNK CHR BLK FIFO SOCK), S_IMODE in decimal.

    python3 tests/oracle/os_mode.py > tests/oracle/os_mode.txt
"""
import stat

TYPES = [0, stat.S_IFSOCK, stat.S_IFLNK, stat.S_IFREG, stat.S_IFBLK,
         stat.S_IFDIR, stat.S_IFCHR, stat.S_IFIFO]
PERMS = [0o000, 0o777, 0o644, 0o755, 0o4755, 0o2755, 0o1777, 0o4644,
         0o2644, 0o1666, 0o7000, 0o7777, 0o0111, 0o0222]
for t in TYPES:
    for p in PERMS:
        m = t | p
        tests = [stat.S_ISDIR, stat.S_ISREG, stat.S_ISLNK, stat.S_ISCHR,
                 stat.S_ISBLK, stat.S_ISFIFO, stat.S_ISSOCK]
        bits = "".join("1" if f(m) else "0" for f in tests)
        print(f"{m:o}\t{stat.filemode(m)}\t{bits}\t{stat.S_IMODE(m)}")
