/* floor_curses.c: the least a curses program can do (initscr, one refresh,
 * endwin), the floor the benchmark holds versus's first frame against.
 * Built with -DSAME_LIBS it also loads every library versus links, which
 * tells the cost of loading them apart from versus's own start-up work. */
#include <curses.h>
#include <locale.h>
#ifdef SAME_LIBS
#include <jansson.h>
#include <yaml.h>
#endif

int main(int argc, char **argv)
{
#ifdef SAME_LIBS
    /* Referenced, never reached: without a use, --as-needed drops them. */
    if (argc > 99) {
        json_decref(json_object());
        yaml_parser_t p;
        yaml_parser_initialize(&p);
    }
#endif
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "");
    initscr();
    refresh();
    endwin();
    return 0;
}
