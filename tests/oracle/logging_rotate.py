#!/usr/bin/env python3
"""Writes logging_rotate.txt: what CPython 3.11's RotatingFileHandler,
TimedRotatingFileHandler and WatchedFileHandler do to a directory over
sequences of records, for strata-alloc's logging.handlers to replay.

Run: python3 tests/oracle/logging_rotate.py > tests/oracle/logging_rotate.txt

Each case runs in a fresh temporary directory holding `app.log` (and the
files a case puts there first). The timed handler's clock is `time.time`,
replaced by a controlled one; the local zone is set with TZ and
time.tzset() (UTC, or Europe/Berlin around its 2024 summer-time changes).

Format, one item a line; a replayer echoes the input lines and writes the
`=` lines from its own run, and the two texts must be equal:

  case rotating max=N backup=N namer=0|1 delay=0|1 mode=a|w pre=NAMES
  case timed when=W interval=N backup=N utc=0|1 at=HH:MM:SS|- tz=Z
             namer=0|1 delay=0|1 clock=T mtime=T|- pre=NAMES
  case watched delay=0|1 pre=NAMES
      a new handler on app.log (timed: the clock reads T; with mtime, the
      file app.log exists, empty unless pre made it, with that
      modification time; pre: comma-separated names, each made first
      holding "x\\n", or - for none)
  clock T           the clock reads T from now on
  emit MSG          one record whose message is MSG (the rest of the line)
  rename A B        os.rename(A, B) in the case directory
  remove A          os.remove(A)
  = error CLASS: TEXT   the constructor raised
  = at N            the handler's rolloverAt (timed cases)
  = file NAME TEXT  each file of the directory, sorted by name, its
                    content with `\\` as `\\\\` and newlines as `\\n`
  = end             after each step's files

The namer, where on, appends `.gz` to the name it is given.
"""
import logging
import logging.handlers
import os
import shutil
import tempfile
import time
import datetime

clock = [0]
time.time = lambda: clock[0]
out = []


def esc(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def state(d, h):
    if isinstance(h, logging.handlers.TimedRotatingFileHandler):
        out.append("= at %d" % h.rolloverAt)
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding="utf-8") as f:
            out.append("= file %s %s" % (name, esc(f.read())))
    out.append("= end")


def run(header, steps):
    """header: the case line's words after `case`; steps: (op, arg) pairs."""
    out.append("case " + header)
    kind, *words = header.split()
    opts = dict(w.split("=", 1) for w in words)
    d = tempfile.mkdtemp(prefix="strata-rotate-oracle-")
    base = os.path.join(d, "app.log")
    if opts.get("pre", "-") != "-":
        for name in opts["pre"].split(","):
            with open(os.path.join(d, name), "w") as f:
                f.write("x\n")
    delay = opts.get("delay") == "1"
    try:
        if kind == "rotating":
            h = logging.handlers.RotatingFileHandler(
                base, mode=opts["mode"], maxBytes=int(opts["max"]),
                backupCount=int(opts["backup"]), delay=delay)
        elif kind == "watched":
            h = logging.handlers.WatchedFileHandler(base, delay=delay)
        else:
            clock[0] = int(opts["clock"])
            os.environ["TZ"] = opts["tz"]
            time.tzset()
            if opts["mtime"] != "-":
                if not os.path.exists(base):
                    open(base, "w").close()
                os.utime(base, (int(opts["mtime"]), int(opts["mtime"])))
            at = None
            if opts["at"] != "-":
                hh, mm, ss = map(int, opts["at"].split(":"))
                at = datetime.time(hh, mm, ss)
            h = logging.handlers.TimedRotatingFileHandler(
                base, when=opts["when"], interval=int(opts["interval"]),
                backupCount=int(opts["backup"]), delay=delay,
                utc=opts["utc"] == "1", atTime=at)
    except ValueError as e:
        out.append("= error ValueError: %s" % e)
        shutil.rmtree(d)
        return
    if opts.get("namer") == "1":
        h.namer = lambda name: name + ".gz"
    state(d, h)
    for op, arg in steps:
        out.append("%s %s" % (op, arg))
        if op == "clock":
            clock[0] = int(arg)
            continue
        if op == "emit":
            h.handle(logging.makeLogRecord({"msg": arg}))
        elif op == "rename":
            a, b = arg.split()
            os.rename(os.path.join(d, a), os.path.join(d, b))
        elif op == "remove":
            os.remove(os.path.join(d, arg))
        state(d, h)
    h.close()
    shutil.rmtree(d)


def emits(msgs):
    return [("emit", m) for m in msgs]


# Rotating: sizes against maxBytes, backups, the namer, modes, delay.
sizes = ["a" * n for n in (5, 12, 30, 3, 19, 40, 1, 0, 25, 8, 8, 8, 60, 2)]
for backup in (0, 1, 3):
    run("rotating max=40 backup=%d namer=0 delay=0 mode=a pre=-" % backup,
        emits(sizes))
run("rotating max=40 backup=2 namer=1 delay=0 mode=a pre=-", emits(sizes))
run("rotating max=40 backup=3 namer=0 delay=1 mode=a pre=-", emits(sizes[:6]))
run("rotating max=0 backup=3 namer=0 delay=0 mode=w pre=app.log",
    emits(sizes[:4]))
run("rotating max=30 backup=2 namer=0 delay=0 mode=w pre=app.log",
    emits(sizes[:6]))
run("rotating max=10 backup=2 namer=0 delay=0 mode=a pre=-",
    emits(["123456789", "12345678", "1", "123456789"]))
# Characters against bytes: é is one character and two bytes.
run("rotating max=20 backup=3 namer=0 delay=0 mode=a pre=-",
    emits(["é" * n for n in (4, 6, 9, 10, 3, 15, 1)]))
run("rotating max=25 backup=2 namer=0 delay=0 mode=a "
    "pre=app.log.1,app.log.2,app.log.3", emits(sizes[:7]))
run("rotating max=25 backup=2 namer=1 delay=0 mode=a "
    "pre=app.log.1.gz,app.log.2.gz,app.log.3.gz,app.log.1",
    emits(sizes[:7]))

# Watched: moved and deleted under the handler.
run("watched delay=0 pre=-", [("emit", "one"), ("rename", "app.log app.log.1"),
                              ("emit", "two"), ("emit", "three"),
                              ("remove", "app.log"), ("emit", "four"),
                              ("remove", "app.log.1"), ("emit", "five")])
run("watched delay=1 pre=-", [("emit", "one"), ("emit", "two"),
                              ("rename", "app.log old.log"), ("emit", "three"),
                              ("emit", "four")])


def timed(when, interval, start, deltas, backup=2, utc=1, at="-", tz="UTC",
          namer=0, delay=0, mtime=None, pre="-"):
    # Without delay the constructor opens (creates) app.log and takes the
    # first rollover from its mtime: give it the clock's time.
    if mtime is None:
        mtime = "-" if delay else str(start)
    steps = []
    t = start
    for i, dt in enumerate(deltas):
        t += dt
        steps.append(("clock", str(t)))
        steps.append(("emit", "record %d at %d" % (i, t)))
    run("timed when=%s interval=%d backup=%d utc=%d at=%s tz=%s namer=%d "
        "delay=%d clock=%d mtime=%s pre=%s"
        % (when, interval, backup, utc, at, tz, namer, delay, start, mtime,
           pre), steps)


T0 = 1700000000          # Tue 2023-11-14 22:13:20 UTC
SPRING = 1711706400      # Fri 2024-03-29 10:00 UTC; Berlin goes to CEST on the 31st
AUTUMN = 1729850400      # Fri 2024-10-25 10:00 UTC; back to CET on the 27th
H, D = 3600, 86400
BERLIN = "Europe/Berlin"

for tz, utc in (("UTC", 1), ("UTC", 0), (BERLIN, 0)):
    timed("S", 1, T0, [0, 0, 1, 1, 2, 5, 1, 1], utc=utc, tz=tz)
    timed("M", 1, T0, [30, 30, 61, 120, 59, 1, 7], backup=3, utc=utc, tz=tz)
    timed("H", 1, T0, [600, 1800, 3600, 100, 7300, 3600], utc=utc, tz=tz)
    timed("D", 1, T0, [H, 5 * H, D, D + 7, 3 * D], utc=utc, tz=tz)
    timed("MIDNIGHT", 1, T0, [H, 2 * H, D, D, 5 * D, H], utc=utc, tz=tz)
timed("s", 3, T0, [0, 1, 2, 3, 4, 5, 9], backup=0)
timed("m", 2, T0, [50, 70, 130, 240], namer=1)
timed("h", 3, SPRING, [H * k for k in (3, 4, 6, 9, 12, 15, 20, 24)], utc=0,
      tz=BERLIN)
timed("d", 2, SPRING, [D, D, D, D, D], utc=0, tz=BERLIN)
for start in (SPRING, AUTUMN):
    timed("midnight", 1, start, [H * 7, D, D, H * 12, D, D], utc=0, tz=BERLIN)
    timed("MIDNIGHT", 1, start, [H * 7, D, D, D, D], utc=0, tz=BERLIN,
          at="03:30:00")
    timed("MIDNIGHT", 2, start, [D, D, D, D], utc=0, tz=BERLIN, at="02:30:00")
    timed("W6", 1, start, [D, D, D, 7 * D, 7 * D], utc=0, tz=BERLIN)
    timed("W0", 1, start, [D * 3, D * 4, D * 7], utc=0, tz=BERLIN,
          at="01:15:00")
timed("MIDNIGHT", 1, T0, [H, D, D], at="23:59:59")
timed("MIDNIGHT", 1, T0, [H, D, D], at="22:13:20")
for day in range(7):
    timed("W%d" % day, 1, T0, [D, D * 2, D * 3, D * 7, D * 8], backup=3)
timed("w3", 2, T0, [D * 5, D * 9, D * 14], at="12:00:00")
# Backups: the namer, and other files in the directory.
others = ("app.log.2023-01-01,app.2023-01-02.log,app.log.bak,"
          "app.log.2023-01-03.gz,other.log.2023-01-04,app.log.2023-1-5,"
          "app.log.x.2023-01-06.y,app.log.2023-01-07_10")
timed("MIDNIGHT", 1, T0, [H, D, D, D], backup=2, pre=others)
timed("MIDNIGHT", 1, T0, [H, D, D, D], backup=2, namer=1, pre=others)
timed("MIDNIGHT", 1, T0, [H, D, D, D], backup=20, pre=others)
timed("S", 1, T0, [1, 1, 1, 1], backup=1, namer=1)
timed("H", 1, T0, [H, H, H], backup=1, delay=1)
# The first rollover counts from the existing file's modification time.
timed("H", 1, T0, [0, 10, H], mtime=str(T0 - 2 * H), pre="app.log")
timed("MIDNIGHT", 1, T0, [0, H], mtime=str(T0 - 3 * D), pre="app.log")
timed("MIDNIGHT", 1, SPRING, [H, D, D, D], utc=0, tz=BERLIN, delay=1)
timed("W2", 1, AUTUMN, [D, D, D, 7 * D], utc=0, tz=BERLIN, delay=1)
# Bad `when`.
for when in ("X", "W7", "W", "W12", "", "Wa", "midnightx", "w9"):
    timed(when, 1, T0, [])

print("\n".join(out))
