"""Issue 18's frame-time figure with CPython's curses, for reference: the
frame of strata-frame (its doc gives it), `frame.py [FRAMES]`, printing
`ns_per_frame N` and `size LINESxCOLS` to stderr after endwin."""
import curses
import sys
import time

SEGMENT = 50
GLYPHS = 94


def main():
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    stdscr = curses.initscr()
    curses.start_color()
    for pair in range(1, 8):
        curses.init_pair(pair, pair, (pair + 4) % 8)
    lines, cols = stdscr.getmaxyx()
    # Line y of frame k (of 94) is rows[y * 94 + k].
    rows = [
        "".join(
            chr(33 + (k * (1 + (x * x + 7 * y) % (GLYPHS - 1)) + (x * x * y + 5 * x)) % GLYPHS)
            for x in range(cols)
        )
        for y in range(lines)
        for k in range(GLYPHS)
    ]
    segments = list(enumerate(range(0, cols, SEGMENT)))
    start = time.monotonic_ns()
    for k in range(frames):
        for y in range(lines):
            row = rows[y * GLYPHS + k % GLYPHS]
            for s, x in segments:
                n = y + s + k
                attr = curses.color_pair(1 + n % 7) | (curses.A_BOLD if n % 3 == 0 else 0)
                try:
                    stdscr.addstr(y, x, row[x : x + SEGMENT], attr)
                except curses.error:
                    # The bottom right cell: drawn, the cursor stays.
                    if y != lines - 1 or x + SEGMENT < cols:
                        raise
        stdscr.refresh()
    elapsed = time.monotonic_ns() - start
    curses.endwin()
    print(f"ns_per_frame {elapsed // max(frames, 1)}", file=sys.stderr)
    print(f"size {lines}x{cols}", file=sys.stderr)


main()
