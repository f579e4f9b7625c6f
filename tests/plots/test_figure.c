/* The figure model: layers copy their inputs, bounds cover every layer
 * kind, copies are deep, facets grow the grid. */
#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "figure.h"
#include "palette.h"
#include "tap.h"

static void test_layers_copy_and_colours(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double x[3] = {1, 2, 3}, y[3] = {4, NAN, 6};
    lt_layer *a = lt_panel_add_xy(p, LT_LAYER_LINE, x, y, 3, "a");
    x[0] = 100;   /* the layer holds its own copy */
    ok(a->x[0] == 1 && a->n == 3 && a->color == 0, "line copies its data, colour 0");
    lt_layer *r = lt_panel_add_refs(p, LT_LAYER_HLINE, y, 1, NULL);
    ok(r->color == LT_COLOR_AUTO && r->dashed, "an unlabelled reference line takes no colour");
    lt_layer *b = lt_panel_add_xy(p, LT_LAYER_POINTS, x, y, 3, NULL);
    ok(b->color == 1, "the next series takes colour 1");
    ok(p->layers[0].x[0] == 1, "earlier layers survive the realloc");
    lt_figure_free(f);
}

static void test_bounds(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double lo, hi;
    ok(!lt_panel_bounds(p, 0, false, &lo, &hi, NULL), "an empty panel has no bounds");
    double x0[2] = {0, 1}, x1[2] = {1, 2}, y0[2] = {0, 0}, y1[2] = {5, 7};
    lt_panel_add_rects(p, x0, x1, y0, y1, 2, NULL);
    double bx[2] = {-1, 3}, blo[2] = {-2, 1}, bhi[2] = {2, 9};
    lt_panel_add_band(p, bx, blo, bhi, 2, "band");
    double v = 12;
    lt_panel_add_refs(p, LT_LAYER_HLINE, &v, 1, NULL);
    bool found = lt_panel_bounds(p, 0, false, &lo, &hi, NULL);
    ok(found && lo == -1 && hi == 3, "x bounds %g..%g", lo, hi);
    found = lt_panel_bounds(p, 1, false, &lo, &hi, NULL);
    ok(found && lo == -2 && hi == 12, "y bounds %g..%g", lo, hi);
    size_t nonpos;
    found = lt_panel_bounds(p, 1, true, &lo, &hi, &nonpos);
    ok(found && lo == 1 && hi == 12 && nonpos == 3, "positive y bounds %g..%g, %zu skipped",
       lo, hi, nonpos);

    lt_box_stats box = {1, 2, 3, 4, 5, 2, (double[]){-10, 20}};
    double bxp = 0;
    lt_panel *q = lt_figure_add_panel(f);
    lt_panel_add_boxes(q, &bxp, &box, 1, NULL);
    ok(lt_panel_bounds(q, 1, false, &lo, &hi, NULL) && lo == -10 && hi == 20, "box bounds reach the outliers");
    ok(lt_panel_bounds(q, 0, false, &lo, &hi, NULL) && lo == -0.4 && hi == 0.4, "a box is 0.8 wide");
    ok(f->npanel == 2 && f->nrow == 2 && f->ncol == 1, "a second panel adds a row");
    ok(lt_figure_grid(f, 2) == 0 && f->nrow == 1, "two columns: one row");
    ok(lt_figure_grid(f, 0) == LT_EINVAL, "ncol 0 is an error");
    lt_figure_free(f);
}

static void test_copy_and_take(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Title");
    lt_figure_note(f, "3 missing values skipped");
    lt_figure_note(f, "log scale");
    ok(strcmp(f->caption, "3 missing values skipped; log scale") == 0, "notes join with '; '");
    const char *cats[2] = {"a", "b"};
    lt_axis_set_categories(&f->panels[0].x, cats, 2);
    double z[4] = {1, 2, 3, 4};
    const char *txt[4] = {"1", NULL, "3", "4"};
    lt_panel_add_heatmap(&f->panels[0], z, 2, 2, txt, LT_CMAP_SEQUENTIAL);
    lt_figure *c = lt_figure_copy(f);
    ok(c && c->title != f->title && strcmp(c->title, "Title") == 0, "copy duplicates strings");
    ok(c->panels[0].x.scale == LT_SCALE_CATEGORY && strcmp(c->panels[0].x.cats[1], "b") == 0,
       "copy keeps categories");
    ok(c->panels[0].layers[0].cell_text[1] == NULL && strcmp(c->panels[0].layers[0].cell_text[3], "4") == 0,
       "copy keeps cell text with holes");
    double lo, hi;
    ok(lt_panel_bounds(&c->panels[0], 1, false, &lo, &hi, NULL) && lo == -0.5 && hi == 1.5,
       "heatmap rows span -0.5..1.5");
    ok(lt_figure_take_panels(f, c) == 0 && f->npanel == 2 && c->npanel == 0, "panels move");
    ok(!lt_figure_is_empty(c) == false, "the source is empty after the move");
    lt_figure_free(c);
    lt_figure_free(f);
}

static void test_palette(void)
{
    lt_rgb a = lt_palette_category(0), b = lt_palette_category(LT_PALETTE_NCAT);
    ok(a.r == b.r && a.g == b.g && a.b == b.b, "categories cycle");
    lt_rgb lo = lt_palette_map(LT_CMAP_SEQUENTIAL, 0), hi = lt_palette_map(LT_CMAP_SEQUENTIAL, 2);
    ok(lo.r == 0x44 && lo.b == 0x54 && hi.r == 0xFD && hi.g == 0xE7, "viridis ends, t clamped");
    lt_rgb mid = lt_palette_map(LT_CMAP_DIVERGING, 0.5);
    ok(mid.r == 0xF7 && mid.g == 0xF7, "diverging middle is near white");
    lt_rgb t = lt_palette_contrast(lo), u = lt_palette_contrast(hi);
    ok(t.r == 0xFF && u.r == LT_RGB_TEXT.r, "white text on dark purple, dark text on yellow");
}

int main(void)
{
    test_layers_copy_and_colours();
    test_bounds();
    test_copy_and_take();
    test_palette();
    return tap_done();
}
