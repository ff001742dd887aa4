#!/usr/bin/env python3
"""The CPython side of the os test program's live comparison: the os
program (tests/src/bin/os.rs) embeds this script, runs it with python3 on
the tree it built, and compares these lines with its own, group by group.

    python3 tests/oracle/os_live.py TOP SYSCONF_NAMES PATH CONST_NAMES

TOP: the test tree; SYSCONF_NAMES: comma-separated sysconf names; PATH:
the os program's PATH (pyenv's shim changes python3's own on the way);
CONST_NAMES: comma-separated os constants to print.
Each line: GROUP, then tab-separated fields; floats as their IEEE bits.
"""
import os, sys, stat, struct
top = os.fsencode(sys.argv[1])
W = sys.stdout.buffer.write
def line(*f): W(b"\t".join(x if isinstance(x, bytes) else str(x).encode() for x in f) + b"\n")
def bits(x): return struct.unpack("<Q", struct.pack("<d", x))[0]
def rel(p):
    r = p[len(top):].lstrip(b"/")
    return r or b"."
def st(s): return " ".join(str(v) for v in (s.st_mode, s.st_ino, s.st_dev, s.st_nlink, s.st_uid, s.st_gid, s.st_size, bits(s.st_atime), bits(s.st_mtime), bits(s.st_ctime), s.st_atime_ns, s.st_mtime_ns, s.st_ctime_ns, s.st_blocks, s.st_blksize, s.st_rdev, stat.filemode(s.st_mode)))
paths = []
for dp, dn, fn in os.walk(top):
    for n in dn + fn: paths.append(os.path.join(dp, n))
for p in sorted(paths):
    line("lstat", rel(p), st(os.lstat(p)))
    try: line("stat", rel(p), st(os.stat(p)))
    except OSError as e: line("stat", rel(p), "ERR", e.errno)
for d in (top, os.path.join(top, b"sub1"), os.path.join(top, b"sub3")):
    line("listdir", rel(d), b",".join(os.listdir(d)))
for kind, it in (("walk-top", os.walk(top)), ("walk-bottom", os.walk(top, topdown=False)), ("walk-follow", os.walk(top, followlinks=True))):
    for dp, dn, fn in it: line(kind, rel(dp), b",".join(dn), b",".join(fn))
for kind, it in (("fwalk-top", os.fwalk(top)), ("fwalk-bottom", os.fwalk(top, topdown=False))):
    for dp, dn, fn, fd in it: line(kind, rel(dp), b",".join(dn), b",".join(fn))
u = os.uname()
line("uname", u.sysname, u.nodename, u.release, u.version)
line("cpu_count", os.cpu_count())
for n in sys.argv[2].split(","): line("sysconf", n, os.sysconf(n))
line("exec_path", b":".join(os.fsencode(p) for p in os.get_exec_path({"PATH": sys.argv[3]})), b":".join(os.fsencode(p) for p in os.get_exec_path({})))
line("loadavg", len(os.getloadavg()))
v = os.statvfs(top)
line("statvfs", v.f_bsize, v.f_frsize, v.f_blocks, v.f_files, v.f_flag, v.f_namemax, v.f_fsid)
line("ids", os.getuid(), os.geteuid(), os.getgid(), os.getegid())
line("resids", *(os.getresuid() + os.getresgid()))
line("groups", ",".join(map(str, os.getgroups())))
line("ppid", os.getppid())
line("pgrp", os.getpgrp(), os.getsid(0))
line("priority", os.getpriority(os.PRIO_PROCESS, 0))
line("sched", *(f(p) for p in (os.SCHED_FIFO, os.SCHED_RR, os.SCHED_OTHER, os.SCHED_BATCH, os.SCHED_IDLE) for f in (os.sched_get_priority_min, os.sched_get_priority_max)))
line("affinity", ",".join(map(str, sorted(os.sched_getaffinity(0)))))
try: line("getlogin", os.getlogin())
except OSError: line("getlogin", "ERR")
m = os.umask(0); os.umask(m); line("umask", m)
line("devices", os.makedev(259, 65537), os.major(4294967295), os.minor(4294967295), os.makedev(8, 1))
line("strerror", *(os.strerror(e) for e in (1, 2, 13, 22, 110, 133, 200)))
for p in (top, b"/", b"/tmp", b"/proc", b"/nonexistent"):
    for n in sorted(os.pathconf_names):
        try: line("pathconf", rel(p) if p == top else p, n, os.pathconf(p, n))
        except OSError as e: line("pathconf", rel(p) if p == top else p, n, "ERR", e.errno)
line("pathconf_names", ",".join(f"{k}={v}" for k, v in sorted(os.pathconf_names.items())))
line("confstr_names", ",".join(f"{k}={v}" for k, v in sorted(os.confstr_names.items()) if not k.startswith("CS_GNU_")))
line("consts", *(f"{k}={getattr(os, k)}" for k in sorted(sys.argv[4].split(","))))
import pwd
try: user = pwd.getpwuid(os.getuid()).pw_name
except KeyError: user = None
for u, g in ((user, os.getgid()), ("root", 0), ("no-such-user-here", 4242)):
    if u is not None: line("grouplist", u, g, ",".join(map(str, os.getgrouplist(u, g))))
sh = lambda mode, script: os.spawnv(mode, "/bin/sh", ["sh", "-c", script])
pid = sh(os.P_NOWAIT, "exit 5")
line("spawn", sh(os.P_WAIT, "exit 3"), sh(os.P_WAIT, "kill -9 $$"), os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), os.spawnlp(os.P_WAIT, "sh", "sh", "-c", "exit 7"))
