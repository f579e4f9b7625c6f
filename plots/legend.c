/* Legends (legend.h): which layers have an entry, and where the legend
 * box goes.  The automatic place is decided on a coarse occupancy grid of
 * the plotting area, so both renderers agree whatever their resolution. */
#include "legend.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

size_t lt_legend_entries(const lt_figure *f, lt_legend_entry *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < f->npanel; i++) {
        const lt_panel *p = &f->panels[i];
        for (size_t j = 0; j < p->nlayer && n < max; j++) {
            const lt_layer *l = &p->layers[j];
            if (l->label == NULL)
                continue;
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = strcmp(out[k].label, l->label) == 0;
            if (!seen)
                out[n++] = (lt_legend_entry){l->label, l->kind, l->color, l->dashed};
        }
    }
    return n;
}

/* The occupancy grid: GW x GH cells over the unit square, row 0 at the
 * bottom. */
enum { GW = 48, GH = 24 };

typedef struct grid {
    bool on[GH][GW];
    const lt_scale *xs, *ys;
} grid;

static int cell_of(double pos, int n)
{
    int c = (int)floor(pos * n);
    return c < 0 ? 0 : c >= n ? n - 1 : c;
}

static bool inside(double px, double py)
{
    return px >= 0 && px <= 1 && py >= 0 && py <= 1;
}

static void mark_pos(grid *g, double px, double py)
{
    if (isfinite(px) && isfinite(py) && inside(px, py))
        g->on[cell_of(py, GH)][cell_of(px, GW)] = true;
}

static void mark_point(grid *g, double x, double y)
{
    mark_pos(g, lt_scale_pos(g->xs, x), lt_scale_pos(g->ys, y));
}

/* Every cell of the rectangle between two data corners (clipped). */
static void mark_rect(grid *g, double x0, double x1, double y0, double y1)
{
    double a = lt_scale_pos(g->xs, x0), b = lt_scale_pos(g->xs, x1);
    double c = lt_scale_pos(g->ys, y0), d = lt_scale_pos(g->ys, y1);
    if (!(isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d)))
        return;
    if (a > b) { double t = a; a = b; b = t; }
    if (c > d) { double t = c; c = d; d = t; }
    if (b < 0 || a > 1 || d < 0 || c > 1)
        return;
    int cx0 = cell_of(a, GW), cx1 = cell_of(b, GW);
    int cy0 = cell_of(c, GH), cy1 = cell_of(d, GH);
    for (int r = cy0; r <= cy1; r++)
        for (int k = cx0; k <= cx1; k++)
            g->on[r][k] = true;
}

/* A segment sampled finely enough to touch each cell it crosses. */
static void mark_segment(grid *g, double x0, double y0, double x1, double y1)
{
    double a = lt_scale_pos(g->xs, x0), b = lt_scale_pos(g->xs, x1);
    double c = lt_scale_pos(g->ys, y0), d = lt_scale_pos(g->ys, y1);
    if (!(isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d)))
        return;
    double len = fmax(fabs(b - a) * GW, fabs(d - c) * GH);
    int steps = len > 4 * (GW + GH) ? 4 * (GW + GH) : (int)ceil(len) + 1;
    for (int s = 0; s <= steps; s++) {
        double t = (double)s / steps;
        mark_pos(g, a + (b - a) * t, c + (d - c) * t);
    }
}

static void mark_path(grid *g, const double *x, const double *y, size_t n, bool step)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (step) {
            mark_segment(g, x[i], y[i], x[i + 1], y[i]);
            mark_segment(g, x[i + 1], y[i], x[i + 1], y[i + 1]);
        } else {
            mark_segment(g, x[i], y[i], x[i + 1], y[i + 1]);
        }
    }
    if (n == 1)
        mark_point(g, x[0], y[0]);
}

static void mark_layer(grid *g, const lt_layer *l)
{
    switch (l->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP:
        mark_path(g, l->x, l->y, l->n, l->kind == LT_LAYER_STEP);
        break;
    case LT_LAYER_POINTS: case LT_LAYER_TEXT:
        for (size_t i = 0; i < l->n; i++)
            mark_point(g, l->x[i], l->y[i]);
        break;
    case LT_LAYER_RECT:
        for (size_t i = 0; i < l->n; i++)
            mark_rect(g, l->x0[i], l->x1[i], l->y0[i], l->y1[i]);
        break;
    case LT_LAYER_BAND:
        for (size_t i = 0; i + 1 < l->n; i++)
            mark_rect(g, l->x[i], l->x[i + 1], fmin(l->y0[i], l->y0[i + 1]),
                      fmax(l->y1[i], l->y1[i + 1]));
        break;
    case LT_LAYER_BOX:
        for (size_t i = 0; i < l->n; i++) {
            const lt_box_stats *b = &l->box[i];
            mark_rect(g, l->x[i] - 0.4, l->x[i] + 0.4, b->lo_whisker, b->hi_whisker);
            for (size_t k = 0; k < b->nout; k++)
                mark_point(g, l->x[i], b->out[k]);
        }
        break;
    case LT_LAYER_HEATMAP:
        mark_rect(g, -0.5, l->ncol - 0.5, -0.5, l->nrow - 0.5);
        break;
    case LT_LAYER_HLINE:   /* reference lines cross the panel: the legend may */
    case LT_LAYER_VLINE:   /* sit over them rather than leave the panel */
        break;
    }
}

/* Occupied cells in the corner box of fw x fh cells at (right?, top?). */
static int corner_load(const grid *g, bool right, bool top, int fw, int fh)
{
    int n = 0;
    for (int r = 0; r < fh; r++)
        for (int c = 0; c < fw; c++)
            n += g->on[top ? GH - 1 - r : r][right ? GW - 1 - c : c];
    return n;
}

lt_legend_pos lt_legend_place(const lt_figure *f, const lt_panel *p,
                              const lt_scale *xs, const lt_scale *ys,
                              double frac_w, double frac_h)
{
    if (f->legend != LT_LEGEND_AUTO)
        return f->legend;
    grid g;
    memset(&g, 0, sizeof g);
    g.xs = xs;
    g.ys = ys;
    for (size_t i = 0; i < p->nlayer; i++)
        mark_layer(&g, &p->layers[i]);
    /* One cell of air around the box so it does not touch the data. */
    int fw = (int)ceil(frac_w * GW) + 1, fh = (int)ceil(frac_h * GH) + 1;
    if (fw > GW / 2 || fh > GH / 2)
        return LT_LEGEND_RIGHT;
    static const struct { lt_legend_pos pos; bool right, top; } corners[] = {
        {LT_LEGEND_TOP_RIGHT, true, true}, {LT_LEGEND_TOP_LEFT, false, true},
        {LT_LEGEND_BOTTOM_RIGHT, true, false}, {LT_LEGEND_BOTTOM_LEFT, false, false},
    };
    for (size_t i = 0; i < sizeof corners / sizeof corners[0]; i++)
        if (corner_load(&g, corners[i].right, corners[i].top, fw, fh) == 0)
            return corners[i].pos;
    return LT_LEGEND_RIGHT;
}
