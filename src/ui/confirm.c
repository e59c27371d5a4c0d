/* confirm.c: a yes/no question on the status line (reset custom weights,
 * overwrite a file), over whatever asked it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_internal.h"
#include "ui/view.h"
#include "util/xalloc.h"

typedef struct ConfirmView {
    View base;
    Confirm what;
} ConfirmView;

/* ---- yes/no questions ----------------------------------------------------------------------- */

void dialog_confirm(Ui *ui, Confirm what)
{
    ((ConfirmView *)ui_view(ui, VIEW_CONFIRM))->what = what;
    view_push(ui, VIEW_CONFIRM);
    ui->dirty |= DIRTY_OVERLAY | DIRTY_STATUS;
}

void ui_do_reset(Ui *ui)
{
    session_reset(ui->s);
    ui_weights_changed(ui);
    ui_message(ui, MSG_INFO, "weights reset to the data's defaults (z undoes)");
}

static void confirm_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    Confirm what = ((ConfirmView *)v)->what;
    Rect r = ui->lay.status;
    fill_row(ui, r.y, 0, r.w, ROLE_WARNING);
    char *q = what == CONFIRM_RESET
                  ? xstrdup("Reset the custom weights to the data's defaults? (y/n) ")
                  : xasprintf("%s exists: overwrite it? (y/n) ", export_dialog_path(ui));
    int used = put_styled(ui, r.y, 1, r.w - 2, ROLE_WARNING, true, q);
    free(q);
    ui->cursor_y = r.y;
    ui->cursor_x = 1 + used < r.w ? 1 + used : r.w - 1;
}

static bool confirm_key(Ui *ui, View *v, int key)
{
    bool yes = keymap_action(SCOPE_CONFIRM, key) == DLG_YES;
    Confirm what = ((ConfirmView *)v)->what;
    view_pop(ui); /* back to what asked: the dashboard or the export dialog */
    if (what == CONFIRM_RESET) {
        if (yes)
            ui_do_reset(ui);
        else
            ui_message(ui, MSG_INFO, "reset cancelled: the weights are unchanged");
    } else if (yes) {
        export_dialog_write(ui);
    } else {
        ui_message(ui, MSG_INFO, "not overwritten: edit the path or press Esc");
    }
    return true;
}


const ViewOps confirm_view_ops = {
    .name = "confirm",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = confirm_draw,
    .key = confirm_key,
    .size = sizeof(ConfirmView),
};
