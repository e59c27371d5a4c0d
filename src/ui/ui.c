/* ui.c: temporary entry until the dashboard lands. */
#include "ui/ui.h"

#include <stdio.h>

int ui_run(Session *session, const UiOptions *opts)
{
    (void)session;
    (void)opts;
    fputs("versus: the dashboard is not built yet; use --export\n", stderr);
    return 2;
}
