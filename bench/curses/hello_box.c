/* Issue 18's size figure, the C ncurses peer of strata-hello-box: "hello"
 * in a boxed window on a panel, then a key. */
#include <curses.h>
#include <panel.h>

int main(void)
{
	WINDOW *win;

	initscr();
	win = newwin(3, 9, 1, 2);
	box(win, 0, 0);
	mvwaddstr(win, 1, 2, "hello");
	new_panel(win);
	update_panels();
	doupdate();
	wgetch(win);
	endwin();
	return 0;
}
