/* main.c: placeholder entry point, replaced by the command line. */
#include <stdio.h>

int main(void)
{
    fputs("versus: not built yet\n", stderr);
    return 2;
}
