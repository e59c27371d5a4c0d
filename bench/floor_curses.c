/* floor_curses.c: the least a curses program can do (initscr, one refresh,
 * endwin), the floor the benchmark holds versus's first frame against. */
#include <curses.h>
#include <locale.h>

int main(void)
{
    setlocale(LC_ALL, "");
    initscr();
    refresh();
    endwin();
    return 0;
}
