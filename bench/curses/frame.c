/* Issue 18's frame-time figure, the ncurses peer of strata-frame (whose
 * doc gives the frame): `frame [FRAMES]` draws FRAMES (default 500) full
 * frames, each changing every cell, and prints `ns_per_frame N` and
 * `size LINESxCOLS` to stderr after endwin. The clock (monotonic) runs
 * around the frame loop only. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEGMENT 50
#define GLYPHS 94

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	long frames = argc > 1 ? strtol(argv[1], NULL, 10) : 500;
	int lines, cols, x, y, k, s, pair;
	char *rows;
	long long start, elapsed;

	initscr();
	start_color();
	for (pair = 1; pair <= 7; pair++)
		init_pair(pair, pair, (pair + 4) % 8);
	getmaxyx(stdscr, lines, cols);
	/* Line y of frame k (of 94) at rows + (y * GLYPHS + k) * cols. */
	rows = malloc((size_t)lines * GLYPHS * cols);
	if (!rows)
		return 1;
	for (y = 0; y < lines; y++)
		for (k = 0; k < GLYPHS; k++)
			for (x = 0; x < cols; x++) {
				int a = 1 + (x * x + 7 * y) % (GLYPHS - 1);
				int b = (x * x * y + 5 * x) % GLYPHS;

				rows[((size_t)y * GLYPHS + k) * cols + x] = 33 + (k * a + b) % GLYPHS;
			}
	start = now_ns();
	for (k = 0; k < frames; k++) {
		for (y = 0; y < lines; y++) {
			const char *row = rows + ((size_t)y * GLYPHS + k % GLYPHS) * cols;

			for (s = 0, x = 0; x < cols; s++, x += SEGMENT) {
				int n = y + s + k;
				int len = cols - x < SEGMENT ? cols - x : SEGMENT;

				attrset(COLOR_PAIR(1 + n % 7) | (n % 3 == 0 ? A_BOLD : 0));
				/* ERR at the bottom right: drawn, the cursor stays. */
				mvaddnstr(y, x, row + x, len);
			}
		}
		refresh();
	}
	elapsed = now_ns() - start;
	endwin();
	fprintf(stderr, "ns_per_frame %lld\n", elapsed / (frames > 0 ? frames : 1));
	fprintf(stderr, "size %dx%d\n", lines, cols);
	return 0;
}
