/* Issue 18's size figure, the C ncurses peer of strata-hello-box: "hello"
 * in a boxed window, then a key. */
#include <curses.h>

int main(void)
{
	WINDOW *win;

	initscr();
	refresh();
	win = newwin(3, 9, 1, 2);
	box(win, 0, 0);
	mvwaddstr(win, 1, 2, "hello");
	wrefresh(win);
	wgetch(win);
	endwin();
	return 0;
}
