"""Prints the logging benchmark's table from the `FIGURE NAME VALUE` lines
that bench/logging/run collected (Strata's are named `strata`).

    python3 table.py RESULTS

ratio = Strata / peer: below 1, Strata is faster (the issue's goals are
written that way: "<= 0.75x spdlog-rs"). A goal is judged against the
like-for-like peer only, marked `=`; the others are there to read.
"""
import os
import sys

KIB = 1024

# figure: (title, unit, [(peer, like-for-like?)], goal text, goal test)
# The goal test takes the figures of every name for this figure and all
# results (the rotating goal compares with Strata's plain file figure).
FIGURES = [
    ("file", "record to a file, flushed each record", "ns",
     [("spdlog-flush", True), ("spdlog-buffered", False), ("cpython", False)],
     "<=150 ns, <=0.75x spdlog",
     lambda s, peer, res: s <= 150 and peer is not None and s / peer <= 0.75),
    ("file-buffered", "record to a file, kept in 64 KiB (opt-in)", "ns",
     [("spdlog-buffered", True), ("spdlog-flush", False)],
     "<=150 ns, <=0.75x spdlog",
     lambda s, peer, res: s <= 150 and peer is not None and s / peer <= 0.75),
    ("file-null", "  part: record made, NullHandler", "ns",
     [], "(where file's time goes)", None),
    ("file-format", "  part: made + formatted, not written", "ns",
     [], "(where file's time goes)", None),
    ("disabled", "disabled debug! call", "ns",
     [("spdlog", True), ("log-crate", False), ("cpython", False)],
     "<=1 ns",
     lambda s, peer, res: s <= 1),
    ("rotating", "RotatingFileHandler, 1 MiB files", "ns",
     [("spdlog-flush", True), ("spdlog-buffered", False), ("cpython", False)],
     "<=1.2x Strata's file",
     lambda s, peer, res: "strata" in res.get("file", {})
     and s <= 1.2 * res["file"]["strata"]),
    ("queue", "QueueHandler, caller's cost", "ns",
     [("spdlog-async-big", True), ("spdlog-async", False), ("cpython", False)],
     "<=100 ns",
     lambda s, peer, res: s <= 100),
    ("queue-drain", "QueueHandler, first record to drained", "ns",
     [("spdlog-async-big", True), ("spdlog-async", False), ("cpython", False)],
     "(none)", None),
    ("size-rotating", "static basicConfig+RotatingFileHandler", "B",
     [], "<=150 KiB", lambda s, peer, res: s <= 150 * KIB),
    ("size-file", "static basicConfig+FileHandler (no Rotating yet)", "B",
     [], "<=150 KiB (of the rotating program)",
     lambda s, peer, res: s <= 150 * KIB),
]


def number(v, unit):
    if unit == "B":
        return f"{v:,.0f} B ({v / KIB:.1f} KiB)"
    return f"{v:,.2f} ns"


def main():
    res = {}
    for line in open(sys.argv[1]):
        parts = line.split()
        if len(parts) == 3:
            res.setdefault(parts[0], {})[parts[1]] = float(parts[2])
    # The buffered figure's peers are the file figure's.
    if "file-buffered" in res:
        for peer in ("spdlog-buffered", "spdlog-flush"):
            if peer in res.get("file", {}):
                res["file-buffered"][peer] = res["file"][peer]
    rows = [("figure", "Strata", "peer", "peer value", "ratio", "goal", "met?")]
    cpu = os.environ.get("LOG_BENCH_CLOCK") == "cpu"
    for key, title, unit, peers, goal, test in FIGURES:
        # On the CPU clock the drain's other thread is not counted.
        if key not in res or (cpu and key == "queue-drain"):
            continue
        got = res[key]
        s = got.get("strata")
        like = next((got[p] for p, l in peers if l and p in got), None)
        if s is None:
            met = "no Strata figure"
        elif test is None:
            met = "-"
        else:
            met = "yes" if test(s, like, res) else "NO"
        first = True
        shown = [(p, l) for p, l in peers if p in got] or [("-", False)]
        for peer, is_like in shown:
            v = got.get(peer)
            ratio = f"{s / v:.2f}" if s is not None and v else "-"
            rows.append((
                f"{key}: {title}" if first else "",
                number(s, unit) if first and s is not None else ("-" if first else ""),
                ("= " if is_like else "  ") + peer,
                number(v, unit) if v is not None else "-",
                ratio,
                goal if first else "",
                met if first else "",
            ))
            first = False
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, r in enumerate(rows):
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            print("-+-".join("-" * w for w in widths))
    print("\nratio = Strata / peer (below 1: Strata is faster); '=' marks the"
          " like-for-like peer the goal is judged against.")


main()
