/* floor_frame.c: a bare curses program that paints versus's own screens,
 * the fair floor for its first frame and its key presses. bench/screen.py
 * turns tmux captures of versus into FRAMES (a header, -DFRAMES='"path"'):
 * the first frame's cells, then for each later capture only the cells that
 * changed, in runs of equal attributes. The program paints the first frame
 * and refreshes; then every key but q paints the next step's changed cells
 * (the steps repeat in turn) and refreshes; q ends it. The least any
 * program can do to put those screens on a terminal. */
#include <curses.h>
#include <locale.h>
#include <wchar.h>

typedef struct Run {
    short y, x;
    unsigned char attrs; /* bit 0 bold, 1 dim, 2 italic, 3 underline, 4 reverse */
    short pair;
    int off, len; /* into TEXT */
} Run;

#include FRAMES

static attr_t curses_attrs(unsigned a)
{
    return ((a & 1) ? A_BOLD : 0) | ((a & 2) ? A_DIM : 0) | ((a & 4) ? A_ITALIC : 0) |
           ((a & 8) ? A_UNDERLINE : 0) | ((a & 16) ? A_REVERSE : 0);
}

/* Paints one step's runs and sends them. */
__attribute__((noinline)) static void paint_step(int step)
{
    for (int i = STEP_FIRST[step]; i < STEP_FIRST[step + 1]; i++) {
        const Run *r = &RUNS[i];
        attr_set(curses_attrs(r->attrs), r->pair, NULL);
        mvaddnwstr(r->y, r->x, TEXT + r->off, r->len);
    }
    refresh();
}

int main(void)
{
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    curs_set(0);
    start_color();
    use_default_colors();
    for (short p = 1; p < (short)(sizeof PAIRS / sizeof PAIRS[0]); p++)
        init_pair(p, PAIRS[p][0], PAIRS[p][1]);
    paint_step(0);
    int next = 0, nsteps = NSTEPS;
    for (;;) {
        int c = getch();
        if (c == 'q' || c == ERR)
            break;
        if (nsteps > 0) {
            paint_step(1 + next);
            next = (next + 1) % nsteps;
        }
    }
    endwin();
    return 0;
}
