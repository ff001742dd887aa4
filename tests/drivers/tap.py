"""TAP lines for the drivers: `check` prints one result (with the detail
of a failure as comments), `plan` the count at the end and the exit
status."""
import sys

_count = _failed = 0


def check(name, ok, detail=""):
    global _count, _failed
    _count += 1
    print(("ok" if ok else "not ok") + f" {_count} - {name}")
    if not ok:
        _failed += 1
        for line in detail.rstrip().splitlines()[:40]:
            print("  # " + line)
    sys.stdout.flush()


def plan():
    """Prints the plan; the status to exit with (1 when a check failed)."""
    print(f"1..{_count}")
    return 1 if _failed else 0
