/* test_layout.c: the dashboard geometry at the sizes people use, at absurd
 * ones, and across every size in a wide sweep (nothing outside the screen,
 * nothing overlapping, every row accounted for). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/layout.h"

static LayoutOptions opts_for(int npanes, int ncriteria, bool expanded)
{
    return (LayoutOptions){ .npanes = npanes, .ntotals = npanes < 2 ? 2 : npanes,
                            .ncriteria = ncriteria, .detail_expanded = expanded };
}

static bool rect_on_screen(Rect r, int w, int h)
{
    return r.x >= 0 && r.y >= 0 && r.w >= 0 && r.h >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

/* Every invariant a drawable layout must hold; returns a reason or NULL. */
static const char *layout_problem(const Layout *l, const LayoutOptions *o)
{
    int w = l->width, h = l->height;
    if (l->too_small)
        return (w >= LAYOUT_MIN_W && h >= LAYOUT_MIN_H) ? "too small although big enough" : NULL;
    if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H)
        return "drawable below the minimum";
    if (l->compact != (w < LAYOUT_COMPACT_W || h < LAYOUT_COMPACT_H))
        return "compact mode at the wrong size";
    Rect all[] = { l->header, l->list_head, l->list, l->detail, l->totals,
                   l->verdict, l->status, l->keybar };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!rect_on_screen(all[i], w, h))
            return "a rectangle leaves the screen";
    if (l->header.y != 0 || l->header.h != 1 || l->list_head.y != 1)
        return "header rows";
    if (l->list.y != 2 || l->list.h < 1)
        return "list rows";
    if (l->detail.y != l->list.y + l->list.h || l->totals.y != l->detail.y + l->detail.h ||
        l->verdict.y != l->totals.y + l->totals.h || l->status.y != l->verdict.y + l->verdict.h ||
        l->keybar.y != l->status.y + 1 || l->keybar.y != h - 1)
        return "rows do not stack up to the height";
    int per_total = 1 + (l->totals_breakdown ? 1 : 0) + (l->totals_behind ? 1 : 0);
    if (l->totals.h != l->ntotals * per_total + (l->totals_titled ? 1 : 0) || l->ntotals < 1)
        return "totals rows";
    if (l->totals_behind && !l->totals_breakdown)
        return "a second line under each total without the first";
    if (l->detail.h != 0 && l->detail.h < 2)
        return "detail area with a title but no body";
    if (l->compact && !o->detail_expanded && l->detail.h != 0 && l->list.h != o->ncriteria)
        return "compact mode shows collapsed details while criteria are hidden";
    if (!l->compact && l->detail.h < 5)
        return "full mode detail too short";
    if (l->npanes < 1 || l->npanes > o->npanes || (l->compact && l->npanes != 1))
        return "pane count";
    int x = l->list.w;
    for (int i = 0; i < l->npanes; i++) {
        Rect p = l->panes[i];
        if (p.x != x || p.y != l->list.y || p.h != l->list.h || !rect_on_screen(p, w, h))
            return "panes are not side by side with the list";
        x += p.w;
    }
    if (x != w)
        return "panes do not reach the right edge";
    Rect p0 = l->panes[0];
    if (l->pane_bar_w < 4 || l->pane_mark_off >= p0.w || l->pane_num_off + 4 > l->pane_mark_off)
        return "pane columns";
    if (l->name_x < 1 || l->name_w < 10 || l->slider_x != l->name_x + l->name_w + 1 ||
        l->slider_w != LAYOUT_SLIDER_W || l->weight_x != l->slider_x + l->slider_w + 1 ||
        l->weight_x + 2 > l->list.w)
        return "list columns";
    if (l->flip_w && (l->flip_x <= l->weight_x + 2 || l->flip_x + l->flip_w > l->list.w))
        return "flip column";
    /* every form holds a weight of 10 in full: "at 10", "flips at 10",
     * "at 10 → " and at least one cell of the name */
    if (l->flip_w && l->flip_w < (l->flip_named ? LAYOUT_FLIP_NAMED + 1 : LAYOUT_FLIP_SHORT))
        return "flip column too narrow for 10";
    if (l->flip_named && (o->flip_name_w <= 0 || l->flip_w > LAYOUT_FLIP_NAMED + LAYOUT_FLIP_NAME_MAX))
        return "named flip column";
    if (l->total_bar_w < 1 || l->total_bar_x + l->total_bar_w >= l->total_num_x ||
        l->total_num_x + 5 > w)
        return "totals columns";
    return NULL;
}

static void assert_layout_ok(const Layout *l, const LayoutOptions *o)
{
    const char *problem = layout_problem(l, o);
    if (problem)
        fail_msg("%dx%d (panes %d, expanded %d): %s", l->width, l->height, o->npanes,
                 o->detail_expanded, problem);
}

static void tiny_sizes_are_too_small(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 20, 6 }, { 39, 40 }, { 200, 9 }, { -5, 3 } };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        Layout l;
        layout_compute(&l, sizes[i][0], sizes[i][1], &o);
        assert_true(l.too_small);
        assert_int_equal(l.min_w, LAYOUT_MIN_W);
        assert_int_equal(l.min_h, LAYOUT_MIN_H);
        assert_int_equal(layout_hit(&l, 0, 0, NULL, NULL), AREA_NONE);
    }
}

static void sixty_by_twenty_is_compact(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    layout_compute(&l, 60, 20, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.too_small);
    assert_true(l.compact);
    assert_int_equal(l.npanes, 1);
    assert_int_equal(l.ntotals, 2);
    /* header, titles, 2 totals, verdict, status, keys: 13 rows; 10 criteria */
    assert_int_equal(l.list.h, 10);
    assert_int_equal(l.detail.h, 3);
    LayoutOptions many = opts_for(2, 40, false);
    layout_compute(&l, 60, 20, &many);
    assert_layout_ok(&l, &many);
    assert_int_equal(l.list.h, 13);
    assert_int_equal(l.detail.h, 0);
    o.detail_expanded = true;
    layout_compute(&l, 60, 20, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.detail.h > l.list.h);
}

static void eighty_by_twenty_four_shows_both_stacks(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    layout_compute(&l, 80, 24, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.compact);
    assert_int_equal(l.npanes, 2);
    assert_int_equal(l.list.h, 10); /* all ten criteria visible */
    assert_true(l.flip_w > 0);
    assert_false(l.totals_titled); /* short of rows: the details get the title's */
    assert_int_equal(l.ntotals, 2);
    assert_int_equal(l.detail.h, 24 - 2 - 10 - 2 - 3);
}

static void expanded_details_take_the_height_they_hold(void **state)
{
    LayoutOptions o = opts_for(2, 10, true);
    o.detail_rows = 30;
    Layout l;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    /* 32 rows between the titles and the totals: 31 for the details, the
     * selected criterion's row keeps the last */
    assert_int_equal(l.detail.h, 31);
    assert_int_equal(l.list.h, 1);
    o.detail_rows = 12;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.list.h, 10); /* what the details leave goes to the list */
    /* collapsed, the list comes first but leaves the details half the rows */
    o.detail_expanded = false;
    o.detail_rows = 40;
    layout_compute(&l, 80, 24, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.detail.h >= 7);
}

static void spare_rows_go_to_the_totals_by_priority(void **state)
{
    (void)state;
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    /* 60 rows: header and titles 2, list 10, totals 3, verdict, status, key
     * bar 3 leave 42 for the details */
    o.detail_rows = 40;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.totals_breakdown); /* 41 of 42 needed: nothing to spare */
    o.detail_rows = 38;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.totals_breakdown);  /* 3 spare: a line under each total */
    assert_false(l.totals_behind);
    assert_int_equal(l.detail.h, 42 - 2);
    o.detail_rows = 30;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.totals_behind);     /* more: a second line under each */
    assert_int_equal(l.detail.h, 42 - 4);
    /* the mouse: each total's three rows are that total's */
    int row = -1;
    assert_int_equal(layout_hit(&l, 5, l.totals.y + 1 + 5, &row, NULL), AREA_TOTALS);
    assert_int_equal(row, 1);
    /* expanded, the details take what they can hold instead */
    o.detail_expanded = true;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.totals_breakdown);
}

static void one_twenty_by_forty_gives_spare_rows_to_details(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.list.h, 10);
    assert_true(l.detail.h >= 20);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_LONG);
    o.detail_expanded = true;
    Layout e;
    layout_compute(&e, 120, 40, &o);
    assert_layout_ok(&e, &o);
    assert_true(e.list.h < l.list.h);
    assert_true(e.detail.h > l.detail.h);
}

static void wide_terminal_shows_more_panes(void **state)
{
    LayoutOptions o = opts_for(3, 10, false);
    Layout l;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.npanes, 3);
    assert_int_equal(l.ntotals, 3);
    o.npanes = 8;
    o.ntotals = 8;
    layout_compute(&l, 200, 60, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.npanes >= 4);
    layout_compute(&l, 80, 24, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.npanes, 2); /* an 80-column screen holds two */
}

/* The flip column spells a flip weight of 10 in full at every width, and
 * names the stack it flips to where the names keep their room. */
static void flips_hold_ten_and_name_their_stack(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    o.flip_name_w = 7; /* "Node.js" */
    Layout l;
    layout_compute(&l, 80, 24, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_SHORT); /* "at 10" */
    assert_false(l.flip_named);
    assert_true(l.name_w >= 23); /* "One language end to end" still fits */
    /* The names keep their preferred width before a flip names its stack. */
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.flip_named);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_LONG); /* "flips at 10" */
    assert_true(l.name_w >= 33); /* "Registry size and library breadth" */
    layout_compute(&l, 160, 40, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.flip_named);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_NAMED + 7); /* "at 10 → Node.js" */
    assert_true(l.name_w >= 33);
    /* A long name is cut at LAYOUT_FLIP_NAME_MAX; with none the long form. */
    o.flip_name_w = 40;
    layout_compute(&l, 200, 50, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.flip_named);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_NAMED + LAYOUT_FLIP_NAME_MAX);
    o.flip_name_w = 0;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_false(l.flip_named);
    assert_int_equal(l.flip_w, LAYOUT_FLIP_LONG); /* "flips at 10" */
}

static void a_long_verdict_gets_two_rows(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    o.verdict_rows = 2;
    Layout l;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.verdict.h, 2);
    assert_int_equal(l.verdict.y, 40 - 4);
    layout_compute(&l, 60, LAYOUT_MIN_H, &o);
    assert_layout_ok(&l, &o);
    assert_int_equal(l.verdict.h, 1); /* no room: one row, cut */
}

static void many_criteria_scroll_in_a_bounded_list(void **state)
{
    LayoutOptions o = opts_for(2, 1000, false);
    Layout l;
    layout_compute(&l, 120, 40, &o);
    assert_layout_ok(&l, &o);
    assert_true(l.list.h < 40);
    assert_true(l.detail.h >= 5);
}

static void every_size_in_a_sweep_is_sound(void **state)
{
    int panes[] = { 1, 2, 3, 8 };
    for (size_t p = 0; p < sizeof panes / sizeof panes[0]; p++) {
        for (int variant = 0; variant < 4; variant++) {
            LayoutOptions o = opts_for(panes[p], 10, variant & 1);
            o.verdict_rows = variant & 2 ? 2 : 1;
            o.flip_name_w = (int)p * 6; /* none, and names up to past the cut */
            for (int w = 1; w <= 300; w += (w < 90 ? 1 : 7)) {
                for (int h = 1; h <= 100; h++) {
                    Layout l;
                    layout_compute(&l, w, h, &o);
                    assert_layout_ok(&l, &o);
                }
            }
        }
    }
}

static void hits_follow_the_geometry(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    layout_compute(&l, 120, 40, &o);
    int row, pane;
    assert_int_equal(layout_hit(&l, 5, 0, &row, &pane), AREA_HEADER);
    assert_int_equal(layout_hit(&l, 3, l.list.y + 4, &row, &pane), AREA_LIST);
    assert_int_equal(row, 4);
    assert_int_equal(layout_hit(&l, l.slider_x + 2, l.list.y + 1, &row, &pane), AREA_SLIDER);
    assert_int_equal(row, 1);
    assert_int_equal(layout_hit(&l, l.panes[1].x + 3, l.list.y + 2, &row, &pane), AREA_PANE);
    assert_int_equal(pane, 1);
    assert_int_equal(row, 2);
    assert_int_equal(layout_hit(&l, 0, l.detail.y + 1, &row, NULL), AREA_DETAIL);
    assert_int_equal(row, 1);
    assert_int_equal(layout_hit(&l, 4, l.totals.y + 1, &row, NULL), AREA_TOTALS);
    assert_int_equal(row, 0);
    assert_int_equal(layout_hit(&l, 4, 39, NULL, NULL), AREA_KEYBAR);
    assert_int_equal(layout_hit(&l, 4, 38, NULL, NULL), AREA_STATUS);
    assert_int_equal(layout_hit(&l, 4, 37, NULL, NULL), AREA_VERDICT);
}

static void slider_clicks_map_to_weights(void **state)
{
    LayoutOptions o = opts_for(2, 10, false);
    Layout l;
    layout_compute(&l, 120, 40, &o);
    assert_int_equal(layout_slider_weight(&l, l.slider_x - 1), 0);
    assert_int_equal(layout_slider_weight(&l, 0), 0);
    for (int i = 0; i < l.slider_w; i++)
        assert_int_equal(layout_slider_weight(&l, l.slider_x + i), i + 1);
    assert_int_equal(layout_slider_weight(&l, l.slider_x + 50), 10); /* a drag past the end */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiny_sizes_are_too_small),
        cmocka_unit_test(sixty_by_twenty_is_compact),
        cmocka_unit_test(eighty_by_twenty_four_shows_both_stacks),
        cmocka_unit_test(spare_rows_go_to_the_totals_by_priority),
        cmocka_unit_test(one_twenty_by_forty_gives_spare_rows_to_details),
        cmocka_unit_test(expanded_details_take_the_height_they_hold),
        cmocka_unit_test(wide_terminal_shows_more_panes),
        cmocka_unit_test(flips_hold_ten_and_name_their_stack),
        cmocka_unit_test(a_long_verdict_gets_two_rows),
        cmocka_unit_test(many_criteria_scroll_in_a_bounded_list),
        cmocka_unit_test(every_size_in_a_sweep_is_sound),
        cmocka_unit_test(hits_follow_the_geometry),
        cmocka_unit_test(slider_clicks_map_to_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
