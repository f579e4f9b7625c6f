/* The workbench's layouts (app/layout.c) from 1x1 to wide screens: exact
 * rectangles at the sizes users have, and at every size in a range, panes
 * inside the screen, above the status bar, never overlapping. */
#include "layout.h"

#include "tap.h"

static bool rect_is(lt_rect r, int x, int y, int w, int h)
{
    return r.x == x && r.y == y && r.w == w && r.h == h;
}

static bool overlap(lt_rect a, lt_rect b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

/* Everything inside width x height, nothing overlapping, the status bar
 * on the last row. */
static bool sane(const lt_layout *l, int width, int height)
{
    if (!rect_is(l->status, 0, height - 1, width, 1))
        return false;
    lt_rect all[LT_PANE_N + 1];
    int n = 0;
    for (int p = 0; p < LT_PANE_N; p++) {
        if (!l->shown[p])
            continue;
        lt_rect r = l->pane[p];
        if (r.x < 0 || r.y < 0 || r.w < 1 || r.h < 1 || r.x + r.w > width ||
            r.y + r.h > height - 1)
            return false;
        all[n++] = r;
    }
    if (l->rule.w > 0)
        all[n++] = l->rule;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (overlap(all[i], all[j]))
                return false;
    return l->shown[LT_PANE_CONSOLE] || l->shown[LT_PANE_PLOT] || l->shown[LT_PANE_INSPECTOR];
}

int main(void)
{
    lt_layout l;

    lt_layout_compute(80, 24, -1, &l);
    ok(rect_is(l.pane[LT_PANE_CONSOLE], 0, 0, 80, 14), "80x24: the console on top, 14 rows");
    ok(rect_is(l.pane[LT_PANE_PLOT], 0, 14, 55, 9), "80x24: the plot pane below, 55 x 9");
    ok(rect_is(l.rule, 55, 14, 1, 9), "80x24: a rule between plot and inspector");
    ok(rect_is(l.pane[LT_PANE_INSPECTOR], 56, 14, 24, 9), "80x24: the inspector, 24 wide");
    ok(rect_is(l.status, 0, 23, 80, 1), "80x24: the status bar on the last row");

    lt_layout_compute(160, 48, -1, &l);
    ok(rect_is(l.pane[LT_PANE_CONSOLE], 0, 0, 80, 47), "160x48: the console on the left half");
    ok(rect_is(l.rule, 80, 0, 1, 47), "160x48: a rule right of the console");
    ok(rect_is(l.pane[LT_PANE_PLOT], 81, 0, 79, 28), "160x48: the plot pane top right, 3/5");
    ok(rect_is(l.pane[LT_PANE_INSPECTOR], 81, 28, 79, 19), "160x48: the inspector below it");

    lt_layout_compute(120, 24, -1, &l);
    ok(l.pane[LT_PANE_CONSOLE].w == 60 && l.pane[LT_PANE_PLOT].w == 59,
       "120x24 is wide: console 60, right column 59");
    lt_layout_compute(119, 40, -1, &l);
    ok(l.pane[LT_PANE_CONSOLE].w == 119, "119 columns is narrow: the console spans the width");

    lt_layout_compute(59, 30, -1, &l);
    ok(l.shown[LT_PANE_CONSOLE] && !l.shown[LT_PANE_PLOT] && !l.shown[LT_PANE_INSPECTOR] &&
       rect_is(l.pane[LT_PANE_CONSOLE], 0, 0, 59, 29), "below 60 columns: the console alone");
    lt_layout_compute(100, 15, -1, &l);
    ok(!l.shown[LT_PANE_PLOT], "below 16 rows: the console alone");

    lt_layout_compute(80, 24, LT_PANE_PLOT, &l);
    ok(l.shown[LT_PANE_PLOT] && !l.shown[LT_PANE_CONSOLE] && !l.shown[LT_PANE_INSPECTOR] &&
       rect_is(l.pane[LT_PANE_PLOT], 0, 0, 80, 23) && l.rule.w == 0,
       "zoom: the plot pane alone above the status bar");
    lt_layout_compute(30, 10, LT_PANE_INSPECTOR, &l);
    ok(rect_is(l.pane[LT_PANE_INSPECTOR], 0, 0, 30, 9), "zoom works at any size");

    lt_layout_compute(1, 1, -1, &l);
    ok(rect_is(l.status, 0, 1, 1, 1) && rect_is(l.pane[LT_PANE_CONSOLE], 0, 0, 1, 1),
       "1x1 counts as 1x2: one console cell and the status bar");
    lt_layout_compute(0, -5, -1, &l);
    ok(l.status.w == 1, "nonsense sizes are clamped");

    int bad = 0;
    for (int w = 2; w <= 260; w += 3)
        for (int h = 2; h <= 90; h += 2)
            for (int z = -1; z < LT_PANE_N; z++) {
                lt_layout_compute(w, h, z, &l);
                bad += !sane(&l, w, h);
            }
    is_int(bad, 0, "every size from 2x2 to 260x90, zoomed or not: inside, no overlaps");
    return tap_done();
}
