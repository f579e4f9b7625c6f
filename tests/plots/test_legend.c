/* Legends: entries from labelled layers, and the automatic corner. */
#include <math.h>
#include <stdlib.h>

#include "figure.h"
#include "legend.h"
#include "scale.h"
#include "tap.h"

static lt_legend_pos place(lt_figure *f)
{
    lt_scale xs, ys;
    lt_scale_init(&xs, &f->panels[0], 0, 5);
    lt_scale_init(&ys, &f->panels[0], 1, 5);
    lt_legend_pos pos = lt_legend_place(f, &f->panels[0], &xs, &ys, 0.25, 0.2);
    lt_scale_fini(&xs);
    lt_scale_fini(&ys);
    return pos;
}

static void test_entries(void)
{
    lt_figure *f = lt_figure_new();
    double x[2] = {0, 1}, y[2] = {0, 1};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 2, "train");
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, x, y, 2, NULL);
    lt_panel *q = lt_figure_add_panel(f);
    lt_panel_add_xy(q, LT_LAYER_LINE, x, y, 2, "train");
    lt_panel_add_xy(q, LT_LAYER_STEP, x, y, 2, "test");
    lt_legend_entry e[4];
    size_t n = lt_legend_entries(f, e, 4);
    ok(n == 2 && strcmp(e[0].label, "train") == 0 && strcmp(e[1].label, "test") == 0,
       "labels once each, in order (%zu)", n);
    ok(e[0].kind == LT_LAYER_LINE && e[0].color == 0 && e[1].color == 1, "kind and colour of the first layer");
    ok(lt_legend_entries(f, e, 1) == 1, "at most max entries");
    lt_figure_free(f);
}

static void test_corners(void)
{
    lt_figure *f = lt_figure_new();
    /* A rising line: the top-left and bottom-right corners are empty. */
    double x[2] = {0, 10}, y[2] = {0, 10};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 2, "up");
    ok(place(f) == LT_LEGEND_TOP_LEFT, "a rising line leaves the top left free");
    lt_figure_free(f);

    f = lt_figure_new();
    double x2[3] = {0, 5, 10}, y2[3] = {10, 0, 10};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x2, y2, 3, "v");
    lt_panel_add_refs(&f->panels[0], LT_LAYER_HLINE, (double[]){9}, 1, NULL);
    ok(place(f) == LT_LEGEND_BOTTOM_RIGHT, "a V leaves the bottom corners; reference lines do not count");
    f->legend = LT_LEGEND_NONE;
    ok(place(f) == LT_LEGEND_NONE, "an explicit choice wins");
    lt_figure_free(f);

    /* Points everywhere: outside. */
    f = lt_figure_new();
    double px[400], py[400];
    for (int i = 0; i < 400; i++) {
        px[i] = i % 20;
        py[i] = i / 20;
    }
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, px, py, 400, "grid");
    ok(place(f) == LT_LEGEND_RIGHT, "a full panel puts the legend outside");
    lt_figure_free(f);
}

int main(void)
{
    test_entries();
    test_corners();
    return tap_done();
}
