/* view.c: the stack of open views and the calls that go to them; see
 * view.h. */
#include "ui/view.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"
#include "util/xalloc.h"

static const ViewOps *const view_table[VIEW_COUNT] = {
#define X(id, ops) [id] = &ops,
    UI_VIEWS(X)
#undef X
};

void ui_views_new(Ui *ui)
{
    for (int id = 0; id < VIEW_COUNT; id++) {
        const ViewOps *ops = view_table[id];
        View *v = xcalloc(1, ops->size);
        v->ops = ops;
        v->id = (ViewId)id;
        ui->views[id] = v;
        if (ops->init)
            ops->init(ui, v);
    }
    ui->open[0] = VIEW_DASHBOARD;
    ui->nopen = 1;
}

void ui_views_free(Ui *ui)
{
    for (int id = 0; id < VIEW_COUNT; id++) {
        View *v = ui->views[id];
        if (!v)
            continue;
        if (v->ops->free)
            v->ops->free(v);
        free(v);
        ui->views[id] = NULL;
    }
    ui->nopen = 0;
}

View *ui_view(const Ui *ui, ViewId id) { return ui->views[id]; }

ViewId view_top(const Ui *ui) { return ui->nopen ? ui->open[ui->nopen - 1] : VIEW_DASHBOARD; }

bool view_is_open(const Ui *ui, ViewId id)
{
    for (size_t i = 0; i < ui->nopen; i++)
        if (ui->open[i] == id)
            return true;
    return false;
}

ViewId view_screen(const Ui *ui)
{
    for (size_t i = ui->nopen; i > 0; i--)
        if (!ui->views[ui->open[i - 1]]->ops->overlay)
            return ui->open[i - 1];
    return VIEW_DASHBOARD;
}

void view_push(Ui *ui, ViewId id)
{
    if (view_is_open(ui, id) || ui->nopen == VIEW_COUNT)
        return;
    ui->open[ui->nopen++] = id;
}

void view_pop(Ui *ui)
{
    if (ui->nopen <= 1)
        return;
    ui->dirty |= ui->views[ui->open[--ui->nopen]]->ops->uncover;
}

void view_close(Ui *ui, ViewId id)
{
    while (ui->nopen > 1 && view_is_open(ui, id))
        view_pop(ui);
}

void views_draw(Ui *ui, unsigned dirty)
{
    size_t from = 0;
    for (size_t i = ui->nopen; i > 0; i--) {
        if (!ui->views[ui->open[i - 1]]->ops->overlay) {
            from = i - 1;
            break;
        }
    }
    for (size_t i = from; i < ui->nopen; i++) {
        View *v = ui->views[ui->open[i]];
        v->ops->draw(ui, v, dirty);
    }
}

bool views_key(Ui *ui, int key)
{
    View *v = ui->views[view_top(ui)];
    return v->ops->key ? v->ops->key(ui, v, key) : false;
}

void views_mouse(Ui *ui, int x, int y, unsigned long bstate)
{
    View *v = ui->views[view_top(ui)];
    if (v->ops->mouse)
        v->ops->mouse(ui, v, x, y, bstate);
}

void views_resize(Ui *ui)
{
    for (size_t i = 0; i < ui->nopen; i++) {
        View *v = ui->views[ui->open[i]];
        if (v->ops->resize)
            v->ops->resize(ui, v);
    }
}
