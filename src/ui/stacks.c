/* stacks.c: the stack chooser: which stacks stand side by side, in the
 * order they were ticked. A view holding the ticks until Enter applies them. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "ui/view.h"

typedef struct StacksView {
    View base;
    size_t sel;             /* the row the cursor is on */
    bool pick[STACKS_MAX];  /* ticked, by stack */
    int order[STACKS_MAX];  /* the ticked stacks in the order ticked */
    size_t norder;
} StacksView;

/* ---- stack picker --------------------------------------------------------------------- */

void dialog_open_stacks(Ui *ui)
{
    StacksView *sv = (StacksView *)ui_view(ui, VIEW_STACKS);
    memset(sv->pick, 0, sizeof sv->pick);
    sv->norder = 0;
    const int *shown;
    size_t nshown = dashboard_shown(ui, &shown);
    for (size_t i = 0; i < nshown; i++) {
        sv->pick[shown[i]] = true;
        sv->order[sv->norder++] = shown[i];
    }
    sv->sel = 0;
    view_push(ui, VIEW_STACKS);
    ui->dirty |= DIRTY_OVERLAY;
}

static void stacks_draw(Ui *ui, View *v, unsigned dirty)
{
    (void)dirty;
    const StacksView *sv = (const StacksView *)v;
    const Dataset *ds = ui->ds;
    Box b = centred_box(ui, (int)ds->nstacks + 4, 76);
    draw_box(ui, b, "Stacks side by side");
    int rows = b.h - 4;
    for (int i = 0; i < rows && (size_t)i < ds->nstacks; i++) {
        size_t s = (size_t)i;
        int y = b.y + 1 + i;
        bool sel = s == sv->sel;
        ThemeRole role = sel ? ROLE_INPUT : ROLE_DIALOG;
        fill_row(ui, y, b.x + 1, b.w - 2, role);
        int pos = 0;
        for (size_t k = 0; k < sv->norder; k++)
            if (sv->order[k] == (int)s)
                pos = (int)k + 1;
        char mark[16];
        if (pos)
            snprintf(mark, sizeof mark, "[%d]", pos);
        else
            snprintf(mark, sizeof mark, "[ ]");
        put_text(ui, y, b.x + 2, 4, role, mark);
        int used = put_styled(ui, y, b.x + 7, 16, role, true, ds->stacks[s].name);
        put_text(ui, y, b.x + 8 + (used > 14 ? used : 14), b.w - 24, role,
                 ds->stacks[s].summary ? ds->stacks[s].summary : "");
    }
    char footer[160];
    put_text_cut(ui, b.y + b.h - 2, b.x + 2, b.w - 4, ROLE_DIALOG,
             keymap_footer(SCOPE_STACKS, footer, sizeof footer));
}

static bool stacks_key(Ui *ui, View *v, int key)
{
    StacksView *sv = (StacksView *)v;
    size_t n = ui->ds->nstacks;
    Action a = keymap_action(SCOPE_STACKS, key);
    if (a == DLG_DOWN) {
        sv->sel = (sv->sel + 1) % n;
    } else if (a == DLG_UP) {
        sv->sel = (sv->sel + n - 1) % n;
    } else if (a == DLG_TOGGLE) {
        int s = (int)sv->sel;
        if (sv->pick[s]) {
            sv->pick[s] = false;
            size_t k = 0;
            while (k < sv->norder && sv->order[k] != s)
                k++;
            for (; k + 1 < sv->norder; k++)
                sv->order[k] = sv->order[k + 1];
            sv->norder--;
        } else {
            sv->pick[s] = true;
            sv->order[sv->norder++] = s;
        }
    } else if (a == DLG_ACCEPT) {
        if (sv->norder < 2) {
            ui_message(ui, MSG_WARNING, "tick at least two stacks to compare");
            ui->dirty |= DIRTY_STATUS | DIRTY_OVERLAY;
            return true;
        }
        dashboard_show_stacks(ui, sv->order, sv->norder);
        view_pop(ui);
        ui_message(ui, MSG_INFO, "%zu stacks chosen", sv->norder);
        return true;
    } else if (a == DLG_CANCEL) {
        view_pop(ui);
        return true;
    }
    ui->dirty |= DIRTY_OVERLAY;
    return true;
}


const ViewOps stacks_view_ops = {
    .name = "stacks",
    .overlay = true,
    .uncover = DIRTY_ALL & ~DIRTY_LAYOUT,
    .draw = stacks_draw,
    .key = stacks_key,
    .size = sizeof(StacksView),
};
