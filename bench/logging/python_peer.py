"""The logging benchmark's CPython peer (bench/logging/run runs it beside
Strata and spdlog-rs): prints `FIGURE cpython NS` lines, nanoseconds per
record or call, for the same format and message as the other sides.

    python3 python_peer.py DIR RECORDS CALLS

RECORDS and CALLS are smaller than the Rust sides' (CPython is slow);
the figures are per record and per call all the same.
"""
import logging
import logging.handlers
import os
import queue
import sys
import time

# The benchmark's clock: monotonic, or the thread's CPU time with
# LOG_BENCH_CLOCK=cpu (as the Rust sides).
clock = time.thread_time if os.environ.get("LOG_BENCH_CLOCK") == "cpu" else time.perf_counter

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def timed(log, n):
    t = clock()
    for i in range(n):
        log.info("record %d", i)
    return (clock() - t) * 1e9 / n


def with_handler(handler):
    handler.setFormatter(logging.Formatter(FORMAT))
    log = logging.getLogger("bench")
    log.setLevel(logging.INFO)
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()
    log.addHandler(handler)
    return log


def main():
    folder = sys.argv[1]
    n = int(sys.argv[2])
    calls = int(sys.argv[3])
    path = os.path.join

    log = with_handler(logging.FileHandler(path(folder, "cpython.log"), "w"))
    print(f"file cpython {timed(log, n):.2f}")

    log = with_handler(logging.handlers.RotatingFileHandler(
        path(folder, "cpython-rotating.log"), maxBytes=1 << 20, backupCount=5))
    print(f"rotating cpython {timed(log, n):.2f}")

    q = queue.Queue(-1)
    file = logging.FileHandler(path(folder, "cpython-queue.log"), "w")
    file.setFormatter(logging.Formatter(FORMAT))
    listener = logging.handlers.QueueListener(q, file)
    listener.start()
    log = with_handler(logging.handlers.QueueHandler(q))
    t = clock()
    print(f"queue cpython {timed(log, n):.2f}")
    listener.stop()
    print(f"queue-drain cpython {(clock() - t) * 1e9 / n:.2f}")
    file.close()

    quiet = logging.getLogger("bench.quiet")
    quiet.setLevel(logging.WARNING)
    t = clock()
    for i in range(calls):
        quiet.debug("value %d", i * 3)
    print(f"disabled cpython {(clock() - t) * 1e9 / calls:.2f}")


main()
