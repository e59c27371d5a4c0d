/* floor_libs.c: links the libraries versus links and exits at once, so the
 * benchmark can tell versus's own work from the cost of loading them. */
#include <curses.h>
#include <jansson.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    /* Referenced, never reached: without a use, --as-needed drops the
     * libraries and the floor would not load them. */
    if (argc > 99) {
        initscr();
        json_decref(json_object());
        yaml_parser_t p;
        yaml_parser_initialize(&p);
    }
    (void)argv;
    return 0;
}
