/* The text renderer (render_text.h): a figure laid out on a canvas.
 *
 * Layout works in cells.  The figure is cut into rows (title, subtitle,
 * the panel grid, a shared x label, a legend below, the caption) and the
 * grid into panels.  Each panel measures its tick labels to place its
 * plotting area, whose contents are drawn on a canvas of their own (so
 * that everything is clipped to the area) and then copied in.  A unit
 * position u in [0, 1] of a scale (scale.h) is u * aw cells from the left
 * of an area aw cells wide, u * 2aw braille dots; upward likewise with
 * ah rows of 4 dots. */
#include "render_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "legend.h"
#include "scale.h"

enum {
    MAX_LEGEND = 32,     /* legend entries shown */
    LEGEND_GAP = 3,      /* cells between entries of a legend below */
    XLABEL_GAP = 2,      /* cells between x tick labels */
    FACET_HGAP = 3,      /* cells between panels side by side */
    CBAR_CELLS = 12,     /* cells of a heatmap's colour bar */
    LONG_NAME = 32,      /* category names shown whole up to this wide ... */
    AREA_KEEP = 40,      /* ... while the plotting area keeps this many cells */
};

#define ELLIPSIS 0x2026u
#define FULL 0x2588u
#define SHADE_LIGHT 0x2591u
#define SHADE_MEDIUM 0x2592u
#define SHADE_DARK 0x2593u
#define CUT_MARK 0x00BBu   /* », the end of a bar past its axis */

/* Chrome for a terminal whose background may be dark or light: text in
 * the default colour, muted parts (tick labels, axes, subtitle, caption)
 * a middle grey that reads on both.  The palette's greys are for paper. */
static const lt_rgb MUTED = {0x8A, 0x8A, 0x8A};

/* Fills of bar layers without colour, by colour index. */
static const uint32_t mono_fill[4] = {FULL, SHADE_DARK, SHADE_MEDIUM, SHADE_LIGHT};
/* Dash patterns (canvas.h, here over pairs of dots) of line series
 * without colour, by colour index: solid, dotted, dash-dot, sparse; an
 * explicitly dashed line is DASHED. */
static const uint8_t mono_pattern[4] = {0xFF, 0x55, 0x5F, 0x11};
#define DASHED 0x3F

typedef struct tick_label {
    int tick;            /* index into the scale's ticks */
    int pos;             /* column (x) or row (y) in the area */
    int start, w;        /* x: first canvas column and width of the label */
} tick_label;

typedef struct panel_box {
    const lt_panel *p;
    int x, y, w, h;          /* the panel's cells */
    int ax, ay, aw, ah;      /* its plotting area */
    int ytw;                 /* width of the y tick labels */
    int lpad, rpad;          /* room for x tick labels past the area */
    bool title, ylab, xlab, cbar, xticks;
    lt_scale xs, ys;
    bool xs_ok, ys_ok;
    int nxl, nyl;
    tick_label *xl, *yl;     /* the labelled ticks (malloc'd) */
    const lt_layer *heat;    /* the first heatmap layer, for its colour bar */
    double zlo, zhi;
    bool numbered;           /* category labels numbered (number_labels) */
    int min_lpad, min_rpad;  /* shared with the panels above and below */
} panel_box;

typedef struct render {
    const lt_figure *f;
    lt_text_opts o;
    lt_canvas *c;
    panel_box *pb;
    size_t npb;
    lt_legend_entry ent[MAX_LEGEND];
    size_t nent;
    int legw;                /* legend width in cells */
    int leg_lines;           /* rows of a legend below */
    lt_legend_pos legpos;
    bool shared_xlabel;
    int line_colors[16];     /* colours of the solid line series */
    int nline_colors;
    int W, H;                /* the box the figure is laid out in, from the
                                canvas's top-left corner */
    bool measure;            /* lay out only, draw nothing */
    bool legend_right;       /* an automatic legend goes right of the
                                panels (a narrowed figure) */
    bool keep_caption;       /* drop the titles before the caption */
} render;

/* ---- text ------------------------------------------------------------ */

static int imin(int a, int b)
{
    return a < b ? a : b;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

/* Width of s when cut to maxw cells. */
static int text_w(const char *s, int maxw)
{
    return s ? imin(lt_text_width(s), maxw) : 0;
}

/* Draw s from (x, y) in at most maxw cells, cut with an ellipsis when
 * longer.  Returns the cells used. */
static int put_text(lt_canvas *c, int x, int y, const char *s, int maxw,
                    const lt_rgb *fg, uint8_t flags)
{
    if (s == NULL || maxw <= 0)
        return 0;
    if (lt_text_width(s) <= maxw)
        return lt_canvas_text(c, x, y, s, maxw, fg, flags);
    int n = lt_canvas_text(c, x, y, s, maxw - 1, fg, flags);
    /* "Bank transf…", not "Bank …" */
    while (n > 0 && x + n - 1 >= 0 && x + n - 1 < c->w &&
           c->cells[(size_t)y * (size_t)c->w + (size_t)(x + n - 1)].ch == ' ' && y >= 0 && y < c->h)
        lt_canvas_put(c, x + --n, y, ' ', NULL, 0);
    lt_canvas_put(c, x + n, y, ELLIPSIS, fg, flags);
    return n + 1;
}

static void put_muted(lt_canvas *c, int x, int y, const char *s, int maxw)
{
    put_text(c, x, y, s, maxw, &MUTED, LT_CELL_DIM);
}

/* Word-wrap s into at most maxlines lines of w cells: the byte offsets
 * of the line starts and ends go to starts/ends; returns the lines. */
static int wrap_lines(const char *s, int w, int maxlines, size_t *starts, size_t *ends)
{
    size_t len = strlen(s), pos = 0;
    int n = 0;
    while (pos < len && n < maxlines) {
        while (s[pos] == ' ')
            pos++;
        if (pos >= len)
            break;
        size_t end = pos, brk = 0;
        int cells = 0;
        /* Walk characters while they fit; remember the last space. */
        while (end < len) {
            size_t next = end + 1;
            while (next < len && ((unsigned char)s[next] & 0xC0) == 0x80)
                next++;
            char ch[8] = {0};
            memcpy(ch, s + end, next - end < 7 ? next - end : 7);
            int cw = lt_text_width(ch);
            if (cells + cw > w)
                break;
            if (s[end] == ' ')
                brk = end;
            cells += cw;
            end = next;
        }
        if (end < len && brk > pos && n + 1 < maxlines)
            end = brk;
        starts[n] = pos;
        ends[n] = n + 1 == maxlines ? len : end;
        n++;
        pos = end;
    }
    return n;
}

/* Draw a wrapped text block from row y; returns the rows used. */
static int put_wrapped(lt_canvas *c, int y, const char *s, int w, int maxlines,
                       const lt_rgb *fg, uint8_t flags)
{
    size_t starts[8], ends[8];
    int n = wrap_lines(s, w, imin(maxlines, 8), starts, ends);
    for (int i = 0; i < n; i++) {
        size_t len = ends[i] - starts[i];
        char *line = malloc(len + 1);
        if (line == NULL)
            return i;
        memcpy(line, s + starts[i], len);
        line[len] = '\0';
        put_text(c, 0, y + i, line, w, fg, flags);
        free(line);
    }
    return n;
}

static int count_lines(const char *s, int w, int maxlines)
{
    size_t starts[8], ends[8];
    return s ? wrap_lines(s, w, imin(maxlines, 8), starts, ends) : 0;
}

/* ---- colours --------------------------------------------------------- */

static lt_rgb layer_rgb(const lt_layer *l)
{
    return l->color == LT_COLOR_AUTO ? LT_RGB_REF : lt_palette_category(l->color);
}

static lt_rgb mix(lt_rgb a, lt_rgb b, double t)
{
    return (lt_rgb){(uint8_t)lround(a.r + (b.r - a.r) * t),
                    (uint8_t)lround(a.g + (b.g - a.g) * t),
                    (uint8_t)lround(a.b + (b.b - a.b) * t)};
}

/* ---- the plotting area ----------------------------------------------- */

typedef struct area {
    lt_canvas *c;            /* aw x ah cells */
    const lt_scale *xs, *ys;
    int aw, ah;
    bool mono;
    const int *line_colors;  /* colours of the solid line series, in order */
    int nline_colors;
    /* A categorical y axis whose names are thinned: named[i] for the
     * categories that show theirs (NULL when every name shows). */
    const unsigned char *named;
    int nnamed;
} area;

static double ux(const area *a, double x)
{
    return lt_scale_pos(a->xs, x);
}

static double uy(const area *a, double y)
{
    return lt_scale_pos(a->ys, y);
}

/* Braille dot coordinates of unit positions: the range spans dots
 * 0 .. 2aw-1 (its ends clamped in); beyond it stays outside. */
static double dot_x(const area *a, double u)
{
    double d = u * 2 * a->aw - 0.5;
    if (u >= 0 && u <= 1)
        d = fmin(fmax(d, 0), 2 * a->aw - 1);
    return d;
}

static double dot_y(const area *a, double v)
{
    double d = (1 - v) * 4 * a->ah - 0.5;
    if (v >= 0 && v <= 1)
        d = fmin(fmax(d, 0), 4 * a->ah - 1);
    return d;
}

static bool in_unit(double u)
{
    return u >= 0 && u <= 1;
}

/* Cell column of unit position u, row of unit position v (clamped). */
/* (A position on a cell boundary up to rounding goes to the cell after
 * it, the same for tick labels and the bars they name.) */
static int col_of(int aw, double u)
{
    int c = (int)floor(u * aw + 1e-9);
    return c < 0 ? 0 : c >= aw ? aw - 1 : c;
}

static int row_of(int ah, double v)
{
    int r = (int)floor((1 - v) * ah + 1e-9);
    return r < 0 ? 0 : r >= ah ? ah - 1 : r;
}

static lt_cell *area_cell(const area *a, int x, int y)
{
    if (x < 0 || y < 0 || x >= a->aw || y >= a->ah)
        return NULL;
    return &a->c->cells[(size_t)y * (size_t)a->aw + (size_t)x];
}

/* The dash pattern of a line: DASHED when asked; without colour, the
 * solid line series other than the first get patterns in turn. */
static uint8_t line_pattern(bool mono, const int *colors, int ncolors, int color,
                            bool dashed)
{
    if (dashed)
        return DASHED;
    if (!mono)
        return 0xFF;
    for (int i = 0; i < ncolors; i++)
        if (colors[i] == color)
            return mono_pattern[i % 4];
    return 0xFF;
}

/* LINE and STEP: segments between consecutive finite points; a point
 * with no finite neighbour is a dot. */
static void draw_path(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    uint8_t pat = line_pattern(a->mono, a->line_colors, a->nline_colors, l->color, l->dashed);
    double px = 0, py = 0;
    size_t run = 0;
    for (size_t i = 0; i <= l->n; i++) {
        double u = i < l->n ? ux(a, l->x[i]) : NAN;
        double v = i < l->n ? uy(a, l->y[i]) : NAN;
        if (!isfinite(u) || !isfinite(v)) {
            if (run == 1)
                lt_canvas_dot(a->c, (int)lround(px), (int)lround(py), &col);
            run = 0;
            continue;
        }
        double dx = dot_x(a, u), dy = dot_y(a, v);
        if (run > 0) {
            if (l->kind == LT_LAYER_STEP) {
                lt_canvas_dot_linef(a->c, px, py, dx, py, &col, pat);
                lt_canvas_dot_linef(a->c, dx, py, dx, dy, &col, pat);
            } else {
                lt_canvas_dot_linef(a->c, px, py, dx, dy, &col, pat);
            }
        }
        run++;
        px = dx;
        py = dy;
    }
}

/* POINTS: one dot each; few points (or wide markers) get 2 x 2 dots so
 * that they do not get lost. */
static void draw_points(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    bool big = l->n <= 50 || l->width > 1;
    for (size_t i = 0; i < l->n; i++) {
        double u = ux(a, l->x[i]), v = uy(a, l->y[i]);
        if (!in_unit(u) || !in_unit(v))
            continue;
        int dx = (int)lround(dot_x(a, u)), dy = (int)lround(dot_y(a, v));
        lt_canvas_dot(a->c, dx, dy, &col);
        if (big) {
            int dx2 = dx + 1 < 2 * a->aw ? dx + 1 : dx - 1;
            int dy2 = dy + 1 < 4 * a->ah ? dy + 1 : dy - 1;
            lt_canvas_dot(a->c, dx2, dy, &col);
            lt_canvas_dot(a->c, dx, dy2, &col);
            lt_canvas_dot(a->c, dx2, dy2, &col);
        }
    }
}

/* HLINE, VLINE: dashed lines across the area (a dotted one would read
 * as a row of points). */
static void draw_refs(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    uint8_t pat = l->dashed ? DASHED : 0xFF;
    for (size_t i = 0; i < l->n; i++) {
        if (l->kind == LT_LAYER_HLINE) {
            double v = uy(a, l->y[i]);
            if (!in_unit(v))
                continue;
            double dy = round(dot_y(a, v));
            lt_canvas_dot_linef(a->c, 0, dy, 2 * a->aw - 1, dy, &col, pat);
        } else {
            double u = ux(a, l->x[i]);
            if (!in_unit(u))
                continue;
            double dx = round(dot_x(a, u));
            lt_canvas_dot_linef(a->c, dx, 0, dx, 4 * a->ah - 1, &col, pat);
        }
    }
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Does v equal one of the sorted values (up to rounding)? */
static bool among(const double *sorted, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sorted[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    double tol = 1e-9 * fmax(1, fabs(v));
    return (lo < n && fabs(sorted[lo] - v) <= tol) ||
           (lo > 0 && fabs(sorted[lo - 1] - v) <= tol);
}

static bool is_lower_eighth(uint32_t ch)
{
    return ch >= 0x2581 && ch <= 0x2587;
}

static bool is_left_eighth(uint32_t ch)
{
    return ch >= 0x2589 && ch <= 0x258F;
}

static bool is_upper_part(uint32_t ch)
{
    return ch == 0x2580 || ch == 0x2594;
}

static bool is_right_part(uint32_t ch)
{
    return ch == 0x2590 || ch == 0x2595;
}

static bool is_shade(uint32_t ch)
{
    return ch >= SHADE_LIGHT && ch <= SHADE_DARK;
}

/* A cell of a translucent bar (alpha < 1, k eighths of it from the base)
 * over a bar of another colour: where the two overlap the colours mix,
 * as on a page (without colour: the dark shade, between the full block
 * and the lighter shades of bars alone).  Returns false when the cell
 * holds no other bar, for bar_cell to draw it. */
static bool blend_cell(area *a, int x, int y, int k, bool horizontal, const lt_rgb *col,
                       double alpha)
{
    lt_cell *p = area_cell(a, x, y);
    if (!(p->flags & LT_CELL_FG) ||
        (p->fg.r == col->r && p->fg.g == col->g && p->fg.b == col->b))
        return false;
    int m = p->ch == FULL || is_shade(p->ch) ? 8
            : horizontal ? (is_left_eighth(p->ch) ? (int)(0x2590u - p->ch) : 0)
                         : (is_lower_eighth(p->ch) ? (int)(p->ch - 0x2580u) : 0);
    if (m == 0)
        return false;
    int kk = imin(k, 8), lo = imin(kk, m), hi = imax(kk, m);
    if (a->mono) {
        if (lo >= 4)
            lt_canvas_put(a->c, x, y, SHADE_DARK, &p->fg, 0);
        return true;
    }
    lt_rgb under = p->fg, both = mix(under, *col, alpha), top = k > m ? *col : under;
    uint32_t part = horizontal ? 0x2590u - (uint32_t)lo : 0x2580u + (uint32_t)lo;
    if (lo >= 8) {
        lt_canvas_put(a->c, x, y, FULL, &both, 0);
    } else if (hi >= 8) {
        /* the overlap from the base, the taller bar above it */
        lt_canvas_put(a->c, x, y, part, &both, 0);
        lt_canvas_fill_bg(a->c, x, y, 1, 1, top);
    } else {
        uint32_t ch = horizontal ? 0x2590u - (uint32_t)hi : 0x2580u + (uint32_t)hi;
        lt_rgb fg = 2 * lo >= hi ? both : top;
        lt_canvas_put(a->c, x, y, ch, &fg, 0);
    }
    return true;
}

/* One cell of a bar covering k eighths of it.  Eighth blocks draw the
 * part at the bottom of a cell (left for horizontal bars) exactly: the
 * growing end of a bar, or the base of a bar going down (`exact`).  A bar
 * that covers the top (right) part of a cell meets the bar below it in a
 * stack: in colour that cell keeps the lower bar's block and takes this
 * colour as background; else it is rounded to half cells. */
static void bar_cell(area *a, int x, int y, int k, bool exact, bool horizontal,
                     const lt_rgb *col, uint32_t fill, double alpha)
{
    lt_cell *p = area_cell(a, x, y);
    if (p == NULL || k <= 0)
        return;
    if (alpha < 1 && blend_cell(a, x, y, k, horizontal, col, alpha))
        return;
    if (k >= 8) {
        lt_canvas_put(a->c, x, y, fill, col, 0);
        return;
    }
    /* Bars sharing cells (more categories than cells) show the longest. */
    bool same = (p->flags & LT_CELL_FG) && p->fg.r == col->r && p->fg.g == col->g &&
                p->fg.b == col->b;
    if (same && p->ch == fill)
        return;
    if (same && exact && fill == FULL) {
        int had = horizontal ? (is_left_eighth(p->ch) ? (int)(0x2590u - p->ch) : 0)
                             : (is_lower_eighth(p->ch) ? (int)(p->ch - 0x2580u) : 0);
        if (had >= k)
            return;
    }
    if (fill != FULL) {
        /* Shades have no eighths. */
        if (k >= 4)
            lt_canvas_put(a->c, x, y, fill, col, 0);
        return;
    }
    if (exact) {
        uint32_t ch = horizontal ? 0x2590u - (uint32_t)k : 0x2580u + (uint32_t)k;
        /* The bar above was drawn first: it becomes the background. */
        bool above = horizontal ? is_right_part(p->ch) : is_upper_part(p->ch);
        lt_rgb under = p->fg;
        bool had_fg = p->flags & LT_CELL_FG;
        lt_canvas_put(a->c, x, y, ch, col, 0);
        if (!a->mono && above && had_fg)
            lt_canvas_fill_bg(a->c, x, y, 1, 1, under);
        return;
    }
    bool meets = horizontal ? is_left_eighth(p->ch) : is_lower_eighth(p->ch);
    if (!a->mono && meets && (p->flags & LT_CELL_FG)) {
        lt_canvas_fill_bg(a->c, x, y, 1, 1, *col);
        return;
    }
    uint32_t ch = k >= 6 ? FULL
                  : horizontal ? (k >= 3 ? 0x2590u : 0x2595u)
                               : (k >= 3 ? 0x2580u : 0x2594u);
    lt_canvas_put(a->c, x, y, ch, col, 0);
}

/* The cells [c0, c1] whose centres lie in [lo, hi) (at least the one of
 * the middle). */
static void centre_cells(double lo, double hi, int *c0, int *c1)
{
    *c0 = (int)ceil(lo - 0.5);
    *c1 = (int)ceil(hi - 0.5) - 1;
    if (*c1 < *c0)
        *c0 = *c1 = (int)floor((lo + hi) / 2);
}

/* RECT: bars.  Vertical bars fill columns and grow up (or down) with
 * eighth blocks at the end; horizontal bars fill rows and grow right.
 * Bars of a layer that touch (histograms) keep a one-cell gap when they
 * are 3 cells wide or more. */
static void draw_rects(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    uint32_t fill = a->mono && l->color > 0 ? mono_fill[l->color % 4] : FULL;
    bool hz = l->horizontal;
    /* Edges along the category direction, sorted, to find touching bars. */
    const double *lo_e = hz ? l->y0 : l->x0, *hi_e = hz ? l->y1 : l->x1;
    const double *lo_v = hz ? l->x0 : l->y0, *hi_v = hz ? l->x1 : l->y1;
    double *los = malloc((l->n ? l->n : 1) * 2 * sizeof *los), *his = los + l->n;
    size_t ns = 0;
    if (los) {
        for (size_t i = 0; i < l->n; i++) {
            if (isfinite(lo_e[i]) && isfinite(hi_e[i])) {
                los[ns] = fmin(lo_e[i], hi_e[i]);
                his[ns++] = fmax(lo_e[i], hi_e[i]);
            }
        }
        qsort(los, ns, sizeof *los, cmp_double);
        qsort(his, ns, sizeof *his, cmp_double);
    }
    for (size_t i = 0; i < l->n; i++) {
        /* Category direction in cells (columns, or rows from the top). */
        double e0, e1;
        if (hz) {
            e0 = (1 - uy(a, lo_e[i])) * a->ah;
            e1 = (1 - uy(a, hi_e[i])) * a->ah;
        } else {
            e0 = ux(a, lo_e[i]) * a->aw;
            e1 = ux(a, hi_e[i]) * a->aw;
        }
        double u0 = hz ? ux(a, lo_v[i]) : uy(a, lo_v[i]);
        double u1 = hz ? ux(a, hi_v[i]) : uy(a, hi_v[i]);
        if (!isfinite(e0) || !isfinite(e1) || isnan(u0) || isnan(u1))
            continue;
        int c0, c1;
        bool touching = los && (among(los, ns, fmax(lo_e[i], hi_e[i])) ||
                                among(his, ns, fmin(lo_e[i], hi_e[i])));
        if (touching) {
            /* Histogram bins tile by their edges, with a gap on the far
             * side when wide enough to spare a cell. */
            centre_cells(fmin(e0, e1), fmax(e0, e1), &c0, &c1);
            if (c1 - c0 >= 2) {
                if (hz == (e1 < e0))
                    c0++;
                else
                    c1--;
            }
        } else {
            /* Separate bars: equal widths around their centres.  A
             * horizontal one takes no row whose centre is outside it
             * (rows are coarse: bars of a pair that touch would share
             * one). */
            long wc = lround(fabs(e1 - e0));
            wc = wc < 1 ? 1 : wc;
            c0 = (int)floor((e0 + e1) / 2 - wc / 2.0 + 0.5 + 1e-9);
            c1 = c0 + (int)wc - 1;
            if (hz) {
                int k0, k1;
                centre_cells(fmin(e0, e1), fmax(e0, e1), &k0, &k1);
                c0 = imax(c0, k0);
                c1 = imin(c1, k1);
            }
        }
        int n = hz ? a->aw : a->ah;
        /* Value direction in eighths of a cell, from the base. */
        double base = fmin(u0, u1), top = fmax(u0, u1);
        base = fmax(base, 0);
        top = fmin(top, 1);
        if (base >= top)
            continue;
        long b8, t8;
        if (hz) {
            b8 = lround(base * n * 8);
            t8 = lround(top * n * 8);
        } else {
            /* rows count from the top: growing up is toward row 0 */
            b8 = lround((1 - top) * n * 8);
            t8 = lround((1 - base) * n * 8);
        }
        for (int c = c0; c <= c1; c++) {
            for (long q = b8 / 8; q * 8 < t8 && q < n; q++) {
                long from = q * 8 > b8 ? q * 8 : b8, to = q * 8 + 8 < t8 ? q * 8 + 8 : t8;
                bool at_lo = from == q * 8, at_hi = to == q * 8 + 8;
                /* Rows count from the top, columns from the left. */
                bool exact = hz ? !(at_hi && !at_lo) : !(at_lo && !at_hi);
                int x = hz ? (int)q : c, y = hz ? c : (int)q;
                bar_cell(a, x, y, (int)(to - from), exact, hz, &col, fill, l->alpha);
            }
        }
        /* Past the end of the axis: the break mark (figure.h). */
        if (hz && fmax(u0, u1) > 1 + 1e-9)
            for (int c = c0; c <= c1; c++)
                if (area_cell(a, n - 1, c) != NULL) {
                    lt_rgb ink = lt_palette_contrast(col);
                    lt_canvas_put(a->c, n - 1, c, CUT_MARK, a->mono ? &col : &ink, 0);
                    if (!a->mono)
                        lt_canvas_fill_bg(a->c, n - 1, c, 1, 1, col);
                }
    }
    free(los);
}

/* BAND: the cells whose centres lie between the limits take a tint of
 * the layer colour as background (stronger where bands overlap); without
 * colour, light then medium shade. */
static void draw_band(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    lt_rgb base = {0x38, 0x38, 0x38};
    double strength = fmin(0.9, fmax(0.2, l->alpha * 1.6));
    for (size_t i = 0; i < l->n; i++) {
        size_t j = i + 1 < l->n ? i + 1 : i;
        double xa = ux(a, l->x[i]) * a->aw, xb = ux(a, l->x[j]) * a->aw;
        double la = (1 - uy(a, l->y0[i])) * a->ah, lb = (1 - uy(a, l->y0[j])) * a->ah;
        double ha = (1 - uy(a, l->y1[i])) * a->ah, hb = (1 - uy(a, l->y1[j])) * a->ah;
        if (!isfinite(xa) || !isfinite(xb) || !isfinite(la) || !isfinite(lb) ||
            !isfinite(ha) || !isfinite(hb))
            continue;
        if (j == i && l->n > 1)
            break;
        int c0, c1;
        if (xb > xa) {
            /* Columns whose centre is in [xa, xb); the last segment
             * closes its end. */
            c0 = (int)ceil(xa - 0.5);
            c1 = (int)ceil(xb - 0.5) - 1;
            if (j + 1 == l->n)
                c1 = (int)floor(xb - 0.5);
        } else {
            c0 = c1 = (int)floor(xa);
        }
        for (int c = imax(c0, 0); c <= c1 && c < a->aw; c++) {
            double t = xb > xa ? (c + 0.5 - xa) / (xb - xa) : 0;
            double ylo = la + (lb - la) * t, yhi = ha + (hb - ha) * t;
            if (ylo < yhi) {
                double s = ylo;
                ylo = yhi;
                yhi = s;
            }
            for (int r = imax((int)ceil(yhi - 0.5), 0); r + 0.5 <= ylo && r < a->ah; r++) {
                lt_cell *p = area_cell(a, c, r);
                if (a->mono) {
                    if (p->ch == ' ')
                        p->ch = SHADE_LIGHT;
                    else if (p->ch == SHADE_LIGHT)
                        p->ch = SHADE_MEDIUM;
                } else {
                    lt_rgb from = (p->flags & LT_CELL_BG) ? p->bg : base;
                    lt_canvas_fill_bg(a->c, c, r, 1, 1, mix(from, col, strength));
                }
            }
        }
    }
}

/* BOX: per box, the whiskers and box from box-drawing characters and the
 * median as a double line; outliers as braille dots. */
static void draw_boxes(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    for (size_t i = 0; i < l->n; i++) {
        const lt_box_stats *b = &l->box[i];
        double xl = ux(a, l->x[i] - 0.4) * a->aw, xr = ux(a, l->x[i] + 0.4) * a->aw;
        double xm = ux(a, l->x[i]);
        if (!isfinite(xl) || !isfinite(xr) || !isfinite(xm))
            continue;
        /* An odd width keeps the whisker in the middle. */
        long wc = lround(fabs(xr - xl));
        wc = wc < 1 ? 1 : wc % 2 == 0 ? wc - 1 : wc;
        int cm = col_of(a->aw, xm);
        int c0 = cm - (int)wc / 2, c1 = cm + (int)wc / 2;
        /* Outliers first: a box line drawn in the same cell wins. */
        for (size_t k = 0; k < b->nout; k++) {
            double v = uy(a, b->out[k]);
            if (!in_unit(v))
                continue;
            int dy = (int)lround(dot_y(a, v));
            lt_canvas_dot(a->c, 2 * cm, dy, &col);
            lt_canvas_dot(a->c, 2 * cm + 1, dy, &col);
        }
        double vals[5] = {b->hi_whisker, b->q3, b->median, b->q1, b->lo_whisker};
        int rows[5];
        bool okv = true;
        for (int k = 0; k < 5; k++) {
            double v = uy(a, vals[k]);
            okv = okv && isfinite(v);
            rows[k] = isfinite(v) ? (int)floor((1 - v) * a->ah) : 0;
            if (isfinite(v) && v <= 0)
                rows[k] = a->ah;   /* below the area */
        }
        if (!okv)
            continue;
        int rh = rows[0], r3 = rows[1], rm = rows[2], r1 = rows[3], rl = rows[4];
        /* whiskers */
        for (int r = rh; r < r3; r++)
            lt_canvas_put(a->c, cm, r, 0x2502, &col, 0);
        for (int r = r1 + 1; r <= rl; r++)
            lt_canvas_put(a->c, cm, r, 0x2502, &col, 0);
        int cap0 = cm - (c1 - c0) / 4, cap1 = cm + (c1 - c0) / 4;
        if (rh < r3) {
            for (int c = cap0; c <= cap1; c++)
                lt_canvas_put(a->c, c, rh, c == cm ? 0x252C : 0x2500, &col, 0);
        }
        if (rl > r1) {
            for (int c = cap0; c <= cap1; c++)
                lt_canvas_put(a->c, c, rl, c == cm ? 0x2534 : 0x2500, &col, 0);
        }
        if (c1 - c0 < 2) {
            /* Too narrow for a drawn box: a solid one. */
            for (int r = r3; r <= r1; r++)
                for (int c = c0; c <= c1; c++)
                    lt_canvas_put(a->c, c, r, FULL, &col, 0);
            for (int c = c0; c <= c1; c++)
                lt_canvas_put(a->c, c, rm, 0x2501, &col, LT_CELL_BOLD);
        } else {
            for (int r = r3; r <= r1; r++) {
                lt_canvas_put(a->c, c0, r, 0x2502, &col, 0);
                lt_canvas_put(a->c, c1, r, 0x2502, &col, 0);
            }
            for (int c = c0; c <= c1; c++) {
                uint32_t top = c == c0 ? 0x250C : c == c1 ? 0x2510 : c == cm && rh < r3 ? 0x2534 : 0x2500;
                uint32_t bot = c == c0 ? 0x2514 : c == c1 ? 0x2518 : c == cm && rl > r1 ? 0x252C : 0x2500;
                lt_canvas_put(a->c, c, r3, top, &col, 0);
                lt_canvas_put(a->c, c, r1, bot, &col, 0);
            }
            for (int c = c0; c <= c1; c++) {
                uint32_t ch = c == c0 ? 0x255E : c == c1 ? 0x2561 : 0x2550;
                lt_canvas_put(a->c, c, rm, ch, &col, LT_CELL_BOLD);
            }
        }
    }
}

/* The colour limits of a heatmap: the user's, else the data's range (a
 * diverging map centred on 0). */
static void heat_limits(const lt_layer *l, double *lo, double *hi)
{
    double mn = INFINITY, mx = -INFINITY;
    for (size_t i = 0; i < l->n; i++) {
        if (isfinite(l->z[i])) {
            mn = fmin(mn, l->z[i]);
            mx = fmax(mx, l->z[i]);
        }
    }
    if (mn > mx)
        mn = mx = 0;
    if (l->cmap == LT_CMAP_DIVERGING && isnan(l->zlo) && isnan(l->zhi)) {
        double m = fmax(fabs(mn), fabs(mx));
        mn = -m;
        mx = m;
    }
    *lo = isnan(l->zlo) ? mn : l->zlo;
    *hi = isnan(l->zhi) ? mx : l->zhi;
}

static double heat_t(double z, double lo, double hi)
{
    if (!isfinite(z))
        return NAN;
    if (hi <= lo)
        return 0.5;
    return (z - lo) / (hi - lo);
}

/* Five levels without colour: blank for the lowest fifth, so that a
 * matrix of mostly small values reads clearly.  A diverging map shades
 * by the distance from its centre (the cell text gives the sign). */
static uint32_t shade_of(lt_colormap m, double t)
{
    if (m == LT_CMAP_DIVERGING)
        t = fabs(2 * t - 1);
    return t < 0.2 ? ' ' : t < 0.4 ? SHADE_LIGHT : t < 0.6 ? SHADE_MEDIUM : t < 0.8 ? SHADE_DARK : FULL;
}

/* The cells x0..x1, y0..y1 of heatmap cell (r, c) in the area; false
 * when it is not on the scales. */
static bool heat_cell(const area *a, int r, int c, int *x0, int *x1, int *y0, int *y1)
{
    double xa = ux(a, c - 0.5) * a->aw, xb = ux(a, c + 0.5) * a->aw;
    double ya = (1 - uy(a, r - 0.5)) * a->ah, yb = (1 - uy(a, r + 0.5)) * a->ah;
    if (!isfinite(xa) || !isfinite(xb) || !isfinite(ya) || !isfinite(yb))
        return false;
    centre_cells(fmin(xa, xb), fmax(xa, xb), x0, x1);
    centre_cells(fmin(ya, yb), fmax(ya, yb), y0, y1);
    return true;
}

/* Which lines of multi-line cell texts to show, the same in every cell
 * (a matrix reads by comparing cells): all of them when every cell has
 * the rows and the width for them, with a cell to spare between
 * neighbours; else the first line that fits every cell alone; else the
 * first line in the cells where it fits (*partial).  Returns a bit mask
 * of line indices. */
static unsigned heat_lines_shown(const area *a, const lt_layer *l, bool *partial)
{
    int minw = INT32_MAX, minh = INT32_MAX, nl = 0;
    int widest[LT_CELL_LINES_MAX] = {0};
    char line[LT_CELL_LINES_MAX][LT_CELL_LINE_BYTES];
    *partial = false;
    for (int r = 0; r < l->nrow; r++)
        for (int cc = 0; cc < l->ncol; cc++) {
            int x0, x1, y0, y1;
            if (!heat_cell(a, r, cc, &x0, &x1, &y0, &y1))
                continue;
            /* cells cut by the edge of the area count as they show */
            x0 = imax(x0, 0), y0 = imax(y0, 0);
            x1 = imin(x1, a->aw - 1), y1 = imin(y1, a->ah - 1);
            if (x1 < x0 || y1 < y0)
                continue;
            minw = imin(minw, x1 - x0 + 1);
            minh = imin(minh, y1 - y0 + 1);
            const char *txt = l->cell_text[(size_t)r * (size_t)l->ncol + (size_t)cc];
            int n = lt_figure_cell_lines(txt, line);
            nl = imax(nl, n);
            for (int j = 0; j < n; j++)
                widest[j] = imax(widest[j], lt_text_width(line[j]));
        }
    if (nl == 0 || minw == INT32_MAX)
        return 0;
    int room = minw - 1;
    bool all = nl <= minh;
    for (int j = 0; j < nl; j++)
        all = all && widest[j] <= room;
    if (all)
        return (1u << nl) - 1;
    for (int j = 0; j < nl; j++)
        if (widest[j] <= room)
            return 1u << j;
    *partial = true;
    return 1;
}

static bool multi_line(const lt_layer *l)
{
    for (size_t i = 0; l->cell_text && i < l->n; i++)
        if (l->cell_text[i] && strchr(l->cell_text[i], '\n'))
            return true;
    return false;
}

/* HEATMAP: blocks of cells in the colour map with the cell text centred
 * in a contrasting colour; without colour, shades by value with the text
 * on a clear strip.  A text of one line is cut to its cell; the lines of
 * a multi-line text are shown whole or not at all (heat_lines_shown). */
static void draw_heatmap(area *a, const lt_layer *l)
{
    double lo, hi;
    heat_limits(l, &lo, &hi);
    bool multi = multi_line(l), partial = false;
    unsigned shown = multi ? heat_lines_shown(a, l, &partial) : 0;
    char line[LT_CELL_LINES_MAX][LT_CELL_LINE_BYTES];
    for (int r = 0; r < l->nrow; r++) {
        for (int cc = 0; cc < l->ncol; cc++) {
            size_t i = (size_t)r * (size_t)l->ncol + (size_t)cc;
            int x0, x1, y0, y1;
            if (!heat_cell(a, r, cc, &x0, &x1, &y0, &y1))
                continue;
            double t = heat_t(l->z[i], lo, hi);
            lt_rgb bg = lt_palette_map(l->cmap, t);
            const char *txt = l->cell_text ? l->cell_text[i] : NULL;
            int w = x1 - x0 + 1;
            /* The lines to write: one cut to the cell, or the chosen
             * lines of a multi-line text. */
            const char *show[LT_CELL_LINES_MAX];
            int m = 0;
            if (multi) {
                int n = lt_figure_cell_lines(txt, line);
                for (int j = 0; j < n; j++)
                    if ((shown & (1u << j)) && !(partial && lt_text_width(line[j]) > w - 1))
                        show[m++] = line[j];
            } else if (txt && text_w(txt, w) > 0) {
                show[m++] = txt;
            }
            /* The text around the row of the axis label (the centre's
             * row), the first of two lines above it. */
            int ty = row_of(a->ah, uy(a, r)) - m / 2;
            ty = imax(y0, imin(ty, y1 - m + 1));
            if (a->mono) {
                if (!isnan(t)) {
                    uint32_t sh = shade_of(l->cmap, t);
                    for (int y = y0; y <= y1; y++)
                        for (int x = x0; x <= x1; x++)
                            lt_canvas_put(a->c, x, y, sh, NULL, 0);
                }
                for (int j = 0; j < m; j++) {
                    /* A clear strip one cell wider than the text. */
                    int tw = text_w(show[j], w), tx = x0 + (w - tw) / 2;
                    for (int x = imax(tx - 1, x0); x <= imin(tx + tw, x1); x++)
                        lt_canvas_put(a->c, x, ty + j, ' ', NULL, 0);
                    put_text(a->c, tx, ty + j, show[j], w, NULL, 0);
                }
            } else {
                if (!isnan(t))
                    lt_canvas_fill_bg(a->c, x0, y0, w, y1 - y0 + 1, bg);
                lt_rgb fg = isnan(t) ? MUTED : lt_palette_contrast(bg);
                for (int j = 0; j < m; j++) {
                    int tw = text_w(show[j], w), tx = x0 + (w - tw) / 2;
                    put_text(a->c, tx, ty + j, show[j], w, &fg, 0);
                }
            }
        }
    }
}

/* Is a block character (a bar's cell)? */
static bool is_block(uint32_t ch)
{
    return ch >= 0x2580 && ch <= 0x2595;
}

/* TEXT of LT_TEXT_AFTER: the value of a horizontal bar one cell past its
 * last cell (the one its eighths reach), or inside the bar when that runs
 * past the area: then on the bar's colour, a cell of the bar kept at its
 * end.  One label per row, the first wins; with thinned category names,
 * only at the named ones. */
static void draw_after_texts(area *a, const lt_layer *l)
{
    lt_rgb col = layer_rgb(l);
    const lt_rgb *fg = l->color == LT_COLOR_AUTO ? NULL : &col;
    unsigned char *used = calloc((size_t)a->ah, 1);
    if (used == NULL)
        return;
    for (size_t i = 0; i < l->n; i++) {
        double u = ux(a, l->x[i]), v = uy(a, l->y[i]);
        if (isnan(u) || !in_unit(v) || l->text == NULL || l->text[i] == NULL)
            continue;
        int row = row_of(a->ah, v);
        long cat = lround(l->y[i]);
        if (used[row] || (a->named && (cat < 0 || cat >= a->nnamed || !a->named[cat])))
            continue;
        used[row] = 1;
        u = fmin(fmax(u, 0), 1);
        /* the bar's last cell, as draw_rects fills eighths */
        int last = (int)((lround(u * a->aw * 8) + 7) / 8) - 1;
        int w = text_w(l->text[i], a->aw);
        /* past whatever bar the row shows (bars sharing a row when there
         * are more categories than rows; an end too thin to draw) */
        int end = -1;
        for (int c = a->aw - 1; c >= 0 && end < 0; c--)
            if (is_block(area_cell(a, c, row)->ch))
                end = c;
        int x = end + 2;
        if (x + w <= a->aw) {
            put_text(a->c, x, row, l->text[i], a->aw - x, fg, 0);
            continue;
        }
        /* Inside, right-aligned before the bar's last cell (before the
         * blank in front of the break mark of a bar past the axis), with
         * a blank cell in front. */
        const lt_cell *own = area_cell(a, imax(last, 0), row);
        bool cut = own && own->ch == CUT_MARK;
        int stop = cut ? last - 1 : last;
        x = imax(0, stop - w);
        bool on_bar = !a->mono && own && (own->flags & LT_CELL_FG) &&
                      (cut ? (own->flags & LT_CELL_BG) != 0 : is_block(own->ch));
        lt_rgb bar = !on_bar ? col : cut ? own->bg : own->fg, ink = lt_palette_contrast(bar);
        if (x > 0)
            lt_canvas_put(a->c, x - 1, row, ' ', NULL, 0);
        if (cut && stop >= 0)
            lt_canvas_put(a->c, stop, row, ' ', NULL, 0);
        put_text(a->c, x, row, l->text[i], imax(0, stop - x), on_bar ? &ink : fg, 0);
        if (on_bar)
            lt_canvas_fill_bg(a->c, imax(x - 1, 0), row, last - imax(x - 1, 0), 1, bar);
    }
    free(used);
}

/* TEXT: each label centred on its anchor. */
static void draw_texts(area *a, const lt_layer *l)
{
    if (l->align == LT_TEXT_AFTER) {
        draw_after_texts(a, l);
        return;
    }
    lt_rgb col = layer_rgb(l);
    const lt_rgb *fg = l->color == LT_COLOR_AUTO ? NULL : &col;
    for (size_t i = 0; i < l->n; i++) {
        double u = ux(a, l->x[i]), v = uy(a, l->y[i]);
        if (!in_unit(u) || !in_unit(v) || l->text == NULL || l->text[i] == NULL)
            continue;
        int w = text_w(l->text[i], a->aw);
        int x = col_of(a->aw, u) - (w - 1) / 2;
        x = imax(0, imin(x, a->aw - w));
        put_text(a->c, x, row_of(a->ah, v), l->text[i], a->aw, fg, 0);
    }
}

static void draw_layer(area *a, const lt_layer *l)
{
    switch (l->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP:
        draw_path(a, l);
        break;
    case LT_LAYER_POINTS:
        draw_points(a, l);
        break;
    case LT_LAYER_RECT:
        draw_rects(a, l);
        break;
    case LT_LAYER_BAND:
        draw_band(a, l);
        break;
    case LT_LAYER_BOX:
        draw_boxes(a, l);
        break;
    case LT_LAYER_HEATMAP:
        draw_heatmap(a, l);
        break;
    case LT_LAYER_TEXT:
        draw_texts(a, l);
        break;
    case LT_LAYER_HLINE: case LT_LAYER_VLINE:
        draw_refs(a, l);
        break;
    }
}

/* Draw the layers of b on a canvas of the area and copy it in. */
static int draw_area(render *R, panel_box *b)
{
    if (b->aw < 1 || b->ah < 1)
        return 0;
    lt_canvas *sub = lt_canvas_new(b->aw, b->ah);
    if (sub == NULL)
        return lt_errcode();
    area a = {sub, &b->xs, &b->ys, b->aw, b->ah, R->o.mono, R->line_colors, R->nline_colors,
              NULL, 0};
    unsigned char *named = NULL;
    if (b->ys.kind == LT_SCALE_CATEGORY && b->nyl < b->ys.ncat) {
        named = calloc((size_t)b->ys.ncat, 1);
        if (named == NULL) {
            lt_canvas_free(sub);
            return lt_nomem();
        }
        for (int i = 0; i < b->nyl; i++) {
            long cat = lround(b->ys.ticks[b->yl[i].tick].value);
            if (cat >= 0 && cat < b->ys.ncat)
                named[cat] = 1;
        }
        a.named = named;
        a.nnamed = b->ys.ncat;
    }
    for (size_t i = 0; i < b->p->nlayer; i++)
        if (b->p->layers[i].n > 0)
            draw_layer(&a, &b->p->layers[i]);
    free(named);
    for (int y = 0; y < b->ah; y++)
        for (int x = 0; x < b->aw; x++) {
            int cx = b->ax + x, cy = b->ay + y;
            if (cx < R->c->w && cy < R->c->h)
                R->c->cells[(size_t)cy * (size_t)R->c->w + (size_t)cx] =
                    sub->cells[(size_t)y * (size_t)b->aw + (size_t)x];
        }
    lt_canvas_free(sub);
    return 0;
}

/* ---- axes ------------------------------------------------------------ */

/* The y tick labels: numbers at ticks at least two rows apart (fewer ticks
 * until they are); category names row by row, every k-th when there are
 * more than rows.  Sets b->yl, b->nyl and b->ytw (cut to maxw). */
static int choose_ylabels(panel_box *b, int maxw)
{
    lt_scale *s = &b->ys;
    free(b->yl);
    b->yl = NULL;
    b->nyl = 0;
    if (s->kind == LT_SCALE_CATEGORY) {
        int n = s->nticks;
        int k = n > b->ah ? (n + b->ah - 1) / b->ah : 1;
        b->yl = malloc((size_t)(n > 0 ? n : 1) * sizeof *b->yl);
        if (b->yl == NULL)
            return lt_nomem();
        int last = -2;
        for (int i = 0; i < n; i += k) {
            int row = row_of(b->ah, lt_scale_pos(s, s->ticks[i].value));
            if (row == last)
                continue;
            b->yl[b->nyl++] = (tick_label){i, row, 0, 0};
            last = row;
        }
    } else {
        int target = imax(2, imin(8, b->ah / 3 + 1));
        for (;;) {
            int ok = 1;
            for (int i = 1; i < s->nticks && ok; i++) {
                int r0 = row_of(b->ah, lt_scale_pos(s, s->ticks[i - 1].value));
                int r1 = row_of(b->ah, lt_scale_pos(s, s->ticks[i].value));
                ok = abs(r1 - r0) >= 2;
            }
            if (ok || target <= 2)
                break;
            target--;
            if (lt_scale_retick(s, target) != 0)
                return LT_ENOMEM;
        }
        b->yl = malloc((size_t)(s->nticks > 0 ? s->nticks : 1) * sizeof *b->yl);
        if (b->yl == NULL)
            return lt_nomem();
        int last = -2;
        for (int i = 0; i < s->nticks; i++) {
            int row = row_of(b->ah, lt_scale_pos(s, s->ticks[i].value));
            if (abs(row - last) < 2)
                continue;
            b->yl[b->nyl++] = (tick_label){i, row, 0, 0};
            last = row;
        }
    }
    b->ytw = 0;
    for (int i = 0; i < b->nyl; i++)
        b->ytw = imax(b->ytw, text_w(s->ticks[b->yl[i].tick].label, maxw));
    return 0;
}

/* Place the x tick labels of the ticks i = 0, k, 2k, ... (all when k is
 * 1) cut to maxw cells, centred under their ticks, each XLABEL_GAP (1 for
 * categories) from the last one kept; with `strict`, a label that would
 * leave [lo, hi) is dropped.  Returns how many were dropped; *left and
 * *right get how far the labels reach out of [lo, hi). */
static int place_xlabels(panel_box *b, int k, int maxw, bool strict, int lo, int hi,
                         int *left, int *right)
{
    lt_scale *s = &b->xs;
    int gap = s->kind == LT_SCALE_CATEGORY ? 1 : XLABEL_GAP;
    int dropped = 0, end = -1000000;
    b->nxl = 0;
    *left = *right = 0;
    for (int i = 0; i < s->nticks; i += k) {
        double u = lt_scale_pos(s, s->ticks[i].value);
        if (!in_unit(u))
            continue;
        int col = col_of(b->aw, u);
        int w = text_w(s->ticks[i].label, maxw);
        int start = b->ax + col - (w - 1) / 2;
        if (start < end + gap || (strict && (start < lo || start + w > hi))) {
            dropped++;
            continue;
        }
        *left = imax(*left, lo - start);
        *right = imax(*right, start + w - hi);
        b->xl[b->nxl++] = (tick_label){i, col, start, w};
        end = start + w;
    }
    return dropped;
}

/* The longest category name. */
static int longest_label(const lt_scale *s)
{
    int w = 0;
    for (int i = 0; i < s->nticks; i++)
        w = imax(w, lt_text_width(s->ticks[i].label));
    return w;
}

/* Every k-th category label, cut to maxw: the smallest k whose slot
 * shows a readable part of the names. */
static void category_step(const panel_box *b, int *k, int *maxw)
{
    int n = b->xs.nticks;
    int want = imin(longest_label(&b->xs), 10);
    double slot = n > 0 ? (double)b->aw / n : b->aw;
    for (*k = 1; *k < n; (*k)++) {
        if ((int)floor(*k * slot) - 1 >= want)
            break;
    }
    *maxw = imax(1, imin(longest_label(&b->xs), (int)floor(*k * slot) - 1));
    if (*maxw < want && *k >= n)
        *maxw = want;
}

/* Room for a label per x tick. */
static int realloc_xl(panel_box *b)
{
    tick_label *xl = realloc(b->xl, (size_t)(b->xs.nticks > 0 ? b->xs.nticks : 1) * sizeof *xl);
    if (xl == NULL)
        return lt_nomem();
    b->xl = xl;
    return 0;
}

/* s cut to at most maxw cells (and cap bytes), with "…" when cut. */
static void cut_text(const char *s, int maxw, char *out, size_t cap)
{
    size_t len = strlen(s), i = 0, o = 0;
    bool whole = lt_text_width(s) <= maxw && len < cap;
    int room = whole ? maxw : maxw - 1, cells = 0;
    while (i < len) {
        size_t j = i;
        int w = lt_text_cp_width(lt_text_decode(s, len, &j));
        if (cells + w > room || o + (j - i) + 4 > cap)
            break;
        memcpy(out + o, s + i, j - i);
        o += j - i;
        cells += w;
        i = j;
    }
    if (!whole && maxw > 0) {
        while (o > 0 && out[o - 1] == ' ')
            o--;
        memcpy(out + o, "\xE2\x80\xA6", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* A square heatmap with the same categories on both axes (a confusion or
 * correlation matrix) whose column names do not fit under the columns:
 * the columns are numbered and each row name carries its number ("a long
 * class name  7"), so that every column is named, if by reference. */
static bool wants_numbers(const panel_box *b, int k, int maxw)
{
    const lt_panel *p = b->p;
    if (b->heat == NULL || b->xs.kind != LT_SCALE_CATEGORY ||
        b->ys.kind != LT_SCALE_CATEGORY || p->x.ncat != p->y.ncat || p->x.ncat < 2)
        return false;
    if (k == 1 && maxw >= imin(longest_label(&b->xs), 8))
        return false;
    for (int i = 0; i < p->x.ncat; i++) {
        const char *a = p->x.cats ? p->x.cats[i] : NULL, *c = p->y.cats ? p->y.cats[i] : NULL;
        if ((a == NULL) != (c == NULL) || (a && strcmp(a, c) != 0))
            return false;
    }
    return true;
}

static void number_labels(panel_box *b, int maxw)
{
    int n = b->xs.ncat;
    char num[16];
    int nd = snprintf(num, sizeof num, "%d", n);
    for (int pass = 0; pass < 2; pass++) {
        lt_tick *t = pass ? b->xs.ticks : b->xs.cats;
        int nt = pass ? b->xs.nticks : b->xs.ncat;
        for (int i = 0; i < nt; i++)
            snprintf(t[i].label, sizeof t[i].label, "%d", (int)lround(t[i].value) + 1);
    }
    for (int pass = 0; pass < 2; pass++) {
        lt_tick *t = pass ? b->ys.ticks : b->ys.cats;
        int nt = pass ? b->ys.nticks : b->ys.ncat;
        for (int i = 0; i < nt; i++) {
            int at = (int)lround(t[i].value);
            const char *name = b->p->y.cats && at >= 0 && at < b->p->y.ncat && b->p->y.cats[at]
                                   ? b->p->y.cats[at] : "";
            char cut[sizeof t[i].label];
            cut_text(name, imax(1, maxw - nd - 1), cut, sizeof cut - (size_t)nd - 2);
            /* cut leaves room for the number */
            char both[sizeof cut + 16];
            snprintf(both, sizeof both, "%s %*d", cut, nd, at + 1);
            memcpy(t[i].label, both, sizeof t[i].label - 1);
            t[i].label[sizeof t[i].label - 1] = '\0';
        }
    }
}

/* Place the area of panel b from its row budget and tick labels. */
static int layout_panel(render *R, panel_box *b)
{
    const lt_panel *p = b->p;
    int rows = b->h;
    b->title = p->title != NULL;
    b->ylab = p->y.label != NULL;
    b->xlab = p->x.label != NULL && !R->shared_xlabel;
    b->cbar = b->heat != NULL && R->f->legend != LT_LEGEND_NONE;
    b->xticks = true;
    /* Drop the least needed rows while the area would be too flat. */
    for (int pass = 0; pass < 6; pass++) {
        int used = b->title + b->ylab + b->xlab + b->cbar + 1 + b->xticks;
        if (rows - used >= 3)
            break;
        if (b->cbar) b->cbar = false;
        else if (b->ylab) b->ylab = false;
        else if (b->xlab) b->xlab = false;
        else if (b->title) b->title = false;
        else if (b->xticks) b->xticks = false;
    }
    int top = b->title + b->ylab;
    b->ay = b->y + top;
    b->ah = imax(1, rows - top - 1 - b->xticks - b->xlab - b->cbar);

    int ty = imax(2, imin(8, b->ah / 3 + 1));
    int tx = imax(2, imin(10, b->w / 10));
    /* A categorical axis takes a tick per category; the labels shown are
     * chosen below. */
    if (p->y.scale == LT_SCALE_CATEGORY)
        ty = imax(2, p->y.ncat);
    int rc = lt_scale_init(&b->ys, p, 1, ty);
    if (rc != 0)
        return rc;
    b->ys_ok = true;
    rc = lt_scale_init(&b->xs, p, 0, p->x.scale == LT_SCALE_CATEGORY ? imax(2, p->x.ncat) : tx);
    if (rc != 0)
        return rc;
    b->xs_ok = true;

    int ymaxw = imax(4, b->w / 3);
    if (b->ys.kind == LT_SCALE_CATEGORY && !b->numbered) {
        /* Category names whole up to LONG_NAME cells while the area keeps
         * AREA_KEEP cells (a heatmap: three per column); a heatmap of
         * more columns than the rest leaves room for keeps a cell per
         * column, its names cut to no less than 10 cells. */
        bool heat_cols = b->heat != NULL && b->xs.kind == LT_SCALE_CATEGORY;
        int keep = heat_cols ? imax(AREA_KEEP, 3 * b->xs.ncat) : AREA_KEEP;
        ymaxw = imax(ymaxw, imin(LONG_NAME, b->w - 3 - keep));
        if (heat_cols)
            ymaxw = imin(ymaxw, imax(10, b->w - 3 - b->xs.ncat));
    }
    if (b->numbered) {
        /* Names only as wide as leaves three cells per column. */
        ymaxw = imax(8, imin(ymaxw, b->w - 2 - 3 * b->xs.ncat));
        number_labels(b, ymaxw);
    }
    if ((rc = choose_ylabels(b, ymaxw)) != 0)
        return rc;
    b->xl = malloc((size_t)(b->xs.nticks > 0 ? b->xs.nticks : 1) * sizeof *b->xl);
    if (b->xl == NULL)
        return lt_nomem();

    /* Tick labels, a space, the axis line, then the area; the x tick
     * labels may reach past the area into lpad and rpad. */
    b->lpad = imax(b->ytw + 2, b->min_lpad);
    b->rpad = b->min_rpad;
    int lo = b->x, hi = b->x + b->w, k = 1, maxw = 1000;
    for (int pass = 0; pass < 2; pass++) {
        b->ax = b->x + b->lpad;
        b->aw = imax(1, b->w - b->lpad - b->rpad);
        if (!b->xticks) {
            b->nxl = 0;
            return 0;
        }
        if (b->xs.kind == LT_SCALE_CATEGORY) {
            category_step(b, &k, &maxw);
        } else {
            tx = imax(2, imin(10, b->aw / 9));
            if ((rc = lt_scale_retick(&b->xs, tx)) != 0)
                return rc;
            if ((rc = realloc_xl(b)) != 0)
                return rc;
        }
        if (pass == 1)
            break;
        /* How far would the labels reach, unconstrained? */
        int left, right;
        place_xlabels(b, k, maxw, false, lo, hi, &left, &right);
        if (left <= 0 && right <= 0)
            break;
        b->lpad += imax(0, imin(left, 6));
        b->rpad = imax(b->min_rpad, imin(right, 8));
    }
    /* Fewer ticks until every label fits. */
    for (;;) {
        int left, right;
        int dropped = place_xlabels(b, k, maxw, true, lo, hi, &left, &right);
        if (dropped == 0 || b->xs.kind == LT_SCALE_CATEGORY || tx <= 2)
            break;
        tx--;
        if ((rc = lt_scale_retick(&b->xs, tx)) != 0 || (rc = realloc_xl(b)) != 0)
            return rc;
    }
    if (!b->numbered && wants_numbers(b, k, maxw)) {
        /* Again, with numbers for names. */
        lt_scale_fini(&b->xs);
        lt_scale_fini(&b->ys);
        b->xs_ok = b->ys_ok = false;
        free(b->xl);
        free(b->yl);
        b->xl = b->yl = NULL;
        b->numbered = true;
        return layout_panel(R, b);
    }
    return 0;
}

/* Axis lines, ticks and labels of panel b. */
static void draw_axes(render *R, panel_box *b)
{
    lt_canvas *c = R->c;
    int axc = b->ax - 1, base = b->ay + b->ah;
    bool ycat = b->ys.kind == LT_SCALE_CATEGORY, xcat = b->xs.kind == LT_SCALE_CATEGORY;
    for (int y = b->ay; y < base; y++)
        lt_canvas_put(c, axc, y, 0x2502, &MUTED, LT_CELL_DIM);
    lt_canvas_put(c, axc, base, 0x2514, &MUTED, LT_CELL_DIM);
    for (int x = b->ax; x < b->ax + b->aw; x++)
        lt_canvas_put(c, x, base, 0x2500, &MUTED, LT_CELL_DIM);
    for (int i = 0; i < b->nyl; i++) {
        const lt_tick *t = &b->ys.ticks[b->yl[i].tick];
        int y = b->ay + b->yl[i].pos;
        int w = text_w(t->label, b->ytw);
        if (!ycat)
            lt_canvas_put(c, axc, y, 0x2524, &MUTED, LT_CELL_DIM);
        if (ycat)
            put_text(c, axc - 1 - w, y, t->label, b->ytw, NULL, 0);
        else
            put_muted(c, axc - 1 - w, y, t->label, b->ytw);
    }
    for (int i = 0; i < b->nxl; i++) {
        const tick_label *xl = &b->xl[i];
        lt_canvas_put(c, b->ax + xl->pos, base, 0x252C, &MUTED, LT_CELL_DIM);
        const char *s = b->xs.ticks[xl->tick].label;
        if (xcat)
            put_text(c, xl->start, base + 1, s, xl->w, NULL, 0);
        else
            put_muted(c, xl->start, base + 1, s, xl->w);
    }
    int row = base + 1 + b->xticks;
    if (b->xlab) {
        int w = text_w(b->p->x.label, b->w);
        int x = b->ax + (b->aw - w) / 2;
        x = imax(b->x, imin(x, b->x + b->w - w));
        put_text(c, x, row, b->p->x.label, b->w, NULL, 0);
        row++;
    }
    if (b->ylab)
        put_text(c, b->x, b->ay - 1, b->p->y.label, b->w, NULL, 0);
    if (b->title) {
        int w = text_w(b->p->title, b->w);
        int x = b->ax + (b->aw - w) / 2;
        x = imax(b->x, imin(x, b->x + b->w - w));
        put_text(c, x, b->y, b->p->title, b->w, NULL, LT_CELL_BOLD);
    }
    if (b->cbar) {
        /* "lo ████████████ hi", right-aligned under the area */
        char lo[48], hi[48];
        double start, step = 0;
        int count;
        if (b->zhi > b->zlo)
            lt_pretty(b->zlo, b->zhi, 4, &start, &step, &count);
        lt_tick_format(b->zlo, step > 0 ? step : 1, lo, sizeof lo);
        lt_tick_format(b->zhi, step > 0 ? step : 1, hi, sizeof hi);
        int n = imin(CBAR_CELLS, imax(4, b->aw / 3));
        int wl = lt_text_width(lo), wh = lt_text_width(hi);
        /* Without colour the lowest level is blank: thin bars show where
         * the scale begins and ends. */
        int edge = R->o.mono ? 1 : 0;
        int x = b->ax + b->aw - (wl + 1 + edge + n + edge + 1 + wh);
        x = imax(b->x, x);
        put_muted(c, x, row, lo, wl);
        x += wl + 1;
        if (edge) {
            lt_canvas_put(c, x, row, 0x2595, &MUTED, LT_CELL_DIM);
            lt_canvas_put(c, x + 1 + n, row, 0x258F, &MUTED, LT_CELL_DIM);
            x++;
        }
        for (int i = 0; i < n; i++) {
            double t = n > 1 ? (double)i / (n - 1) : 0.5;
            if (R->o.mono)
                lt_canvas_put(c, x + i, row, shade_of(b->heat->cmap, t), NULL, 0);
            else
                lt_canvas_fill_bg(c, x + i, row, 1, 1, lt_palette_map(b->heat->cmap, t));
        }
        put_muted(c, x + n + edge + 1, row, hi, wh);
    }
}

/* ---- legend ---------------------------------------------------------- */

/* An entry's cells: a legend beside the panels cuts its labels to a
 * third of the canvas; one below, to a row (w cells). */
static int entry_width(const render *R, const lt_legend_entry *e, int w)
{
    return 3 + text_w(e->label, w > 0 ? imax(8, w - 3) : imax(8, R->c ? R->c->w / 3 : 30));
}

/* The swatch of an entry: two cells of the layer's mark. */
static void draw_swatch(render *R, int x, int y, const lt_legend_entry *e)
{
    lt_canvas *c = R->c;
    lt_rgb col = e->color == LT_COLOR_AUTO ? LT_RGB_REF : lt_palette_category(e->color);
    uint32_t a = 0x2500, bch = 0x2500;
    uint8_t flags = 0;
    switch (e->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP:
        switch (line_pattern(R->o.mono, R->line_colors, R->nline_colors, e->color, e->dashed)) {
        case 0xFF:
            break;
        case DASHED:
            a = bch = 0x254C;     /* ╌ */
            break;
        case 0x55:
            a = bch = 0x2504;     /* ┄ */
            break;
        default:
            a = 0x2500;           /* ─╴ */
            bch = 0x2574;
            break;
        }
        break;
    case LT_LAYER_POINTS:
        a = 0x25CF;
        bch = ' ';
        break;
    case LT_LAYER_RECT: case LT_LAYER_BOX:
        a = bch = R->o.mono && e->color > 0 ? mono_fill[e->color % 4] : FULL;
        break;
    case LT_LAYER_BAND:
        if (R->o.mono) {
            a = bch = SHADE_LIGHT;
        } else {
            lt_rgb base = {0x38, 0x38, 0x38};
            lt_canvas_fill_bg(c, x, y, 2, 1, mix(base, col, 0.4));
            a = bch = ' ';
        }
        break;
    case LT_LAYER_HLINE: case LT_LAYER_VLINE:
        if (e->dashed)
            a = bch = 0x254C;
        break;
    default:
        a = bch = FULL;
        break;
    }
    lt_canvas_put(c, x, y, a, &col, flags);
    lt_canvas_put(c, x + 1, y, bch, &col, flags);
}

/* The legend as a column of entries at (x, y), cleared behind. */
static void draw_legend_column(render *R, int x, int y, int maxrows)
{
    int lw = R->legw;
    for (size_t i = 0; i < R->nent && (int)i < maxrows; i++) {
        for (int k = -1; k <= lw; k++) {
            lt_cell *p = (x + k >= 0 && x + k < R->c->w && y + (int)i < R->c->h)
                             ? &R->c->cells[(size_t)(y + (int)i) * (size_t)R->c->w + (size_t)(x + k)]
                             : NULL;
            if (p)
                *p = (lt_cell){.ch = ' '};
        }
        draw_swatch(R, x, y + (int)i, &R->ent[i]);
        put_text(R->c, x + 3, y + (int)i, R->ent[i].label, lw - 3, NULL, 0);
    }
}

/* Rows a legend below takes in w cells. */
static int legend_rows(const render *R, int w)
{
    int rows = R->nent ? 1 : 0, x = 0;
    for (size_t i = 0; i < R->nent; i++) {
        int ew = entry_width(R, &R->ent[i], w);
        if (x > 0 && x + LEGEND_GAP + ew > w) {
            rows++;
            x = 0;
        }
        x += (x > 0 ? LEGEND_GAP : 0) + ew;
    }
    return rows;
}

static void draw_legend_below(render *R, int y, int x0, int w)
{
    int x = 0;
    for (size_t i = 0; i < R->nent; i++) {
        int ew = entry_width(R, &R->ent[i], w);
        if (x > 0 && x + LEGEND_GAP + ew > w) {
            y++;
            x = 0;
        }
        if (x > 0)
            x += LEGEND_GAP;
        draw_swatch(R, x0 + x, y, &R->ent[i]);
        put_text(R->c, x0 + x + 3, y, R->ent[i].label, imin(ew - 3, w - x - 3), NULL, 0);
        x += ew;
    }
}

/* ---- the figure ------------------------------------------------------ */

static void free_boxes(render *R)
{
    for (size_t i = 0; i < R->npb; i++) {
        panel_box *b = &R->pb[i];
        if (b->xs_ok)
            lt_scale_fini(&b->xs);
        if (b->ys_ok)
            lt_scale_fini(&b->ys);
        free(b->xl);
        free(b->yl);
        memset(b, 0, sizeof *b);
    }
}

/* Lay out every panel of the grid in cells of pw x ph from (x, y). */
static int layout_cells(render *R, int x, int y, int pw, int ph)
{
    const lt_figure *f = R->f;
    int ncol = imax(1, f->ncol);
    for (size_t i = 0; i < R->npb; i++) {
        panel_box *b = &R->pb[i];
        b->p = &f->panels[i];
        int r = (int)i / ncol, cidx = (int)i % ncol;
        b->x = x + cidx * (pw + FACET_HGAP);
        b->y = y + r * (ph + 1);
        b->w = imax(8, pw);
        b->h = imax(2, ph);
        b->heat = NULL;
        for (size_t j = 0; j < b->p->nlayer && b->heat == NULL; j++)
            if (b->p->layers[j].kind == LT_LAYER_HEATMAP && b->p->layers[j].n > 0)
                b->heat = &b->p->layers[j];
        if (b->heat)
            heat_limits(b->heat, &b->zlo, &b->zhi);
        int rc = layout_panel(R, b);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Lay out the panel grid in the rectangle (x, y, w, h). */
static int layout_grid(render *R, int x, int y, int w, int h)
{
    const lt_figure *f = R->f;
    int ncol = imax(1, f->ncol), nrow = imax(1, f->nrow);
    int pw = (w - (ncol - 1) * FACET_HGAP) / ncol;
    int ph = (h - (nrow - 1)) / nrow;
    /* Panels of a column of the grid share the left and right edges of
     * their plotting areas (as on a page), so that their x positions line
     * up: laid out once, then again with the widest margins. */
    int pads[2 * 64] = {0};
    for (int pass = 0; pass < 2; pass++) {
        free_boxes(R);
        for (size_t i = 0; i < R->npb; i++) {
            int cidx = (int)i % ncol;
            R->pb[i].min_lpad = pass && cidx < 64 ? pads[2 * cidx] : 0;
            R->pb[i].min_rpad = pass && cidx < 64 ? pads[2 * cidx + 1] : 0;
        }
        int rc = layout_cells(R, x, y, pw, ph);
        if (rc != 0 || nrow < 2)
            return rc;
        bool same = true;
        for (size_t i = 0; i < R->npb; i++) {
            int cidx = (int)i % ncol;
            if (cidx >= 64)
                continue;
            const panel_box *b = &R->pb[i];
            same = same && (i < (size_t)ncol || (b->lpad == pads[2 * cidx] &&
                                                 b->rpad == pads[2 * cidx + 1]));
            pads[2 * cidx] = imax(pads[2 * cidx], b->lpad);
            pads[2 * cidx + 1] = imax(pads[2 * cidx + 1], b->rpad);
        }
        if (same)
            return 0;
    }
    return 0;
}

static bool same_xlabels(const lt_figure *f)
{
    if (f->npanel < 2 || f->panels[0].x.label == NULL)
        return false;
    for (size_t i = 1; i < f->npanel; i++)
        if (f->panels[i].x.label == NULL ||
            strcmp(f->panels[i].x.label, f->panels[0].x.label) != 0)
            return false;
    return true;
}

static bool is_corner(lt_legend_pos p)
{
    return p == LT_LEGEND_TOP_LEFT || p == LT_LEGEND_TOP_RIGHT ||
           p == LT_LEGEND_BOTTOM_LEFT || p == LT_LEGEND_BOTTOM_RIGHT;
}

static int render_figure(render *R)
{
    const lt_figure *f = R->f;
    lt_canvas *c = R->c;
    int W = R->W, H = R->H;

    R->nent = f->legend == LT_LEGEND_NONE ? 0 : lt_legend_entries(f, R->ent, MAX_LEGEND);
    R->legw = 0;
    for (size_t i = 0; i < R->nent; i++)
        R->legw = imax(R->legw, entry_width(R, &R->ent[i], 0));
    R->shared_xlabel = same_xlabels(f);
    R->nline_colors = 0;
    for (size_t i = 0; i < f->npanel; i++) {
        for (size_t j = 0; j < f->panels[i].nlayer; j++) {
            const lt_layer *l = &f->panels[i].layers[j];
            if ((l->kind != LT_LAYER_LINE && l->kind != LT_LAYER_STEP) || l->dashed ||
                l->color < 0 || R->nline_colors == 16)
                continue;
            bool seen = false;
            for (int k = 0; k < R->nline_colors && !seen; k++)
                seen = R->line_colors[k] == l->color;
            if (!seen)
                R->line_colors[R->nline_colors++] = l->color;
        }
    }

    /* Rows around the grid, dropped from the least needed while the
     * panels would get too flat. */
    bool title = f->title != NULL, subtitle = f->subtitle != NULL;
    int cap_lines = count_lines(f->caption, W, 3);
    int nrow = imax(1, f->nrow);
    R->legpos = R->nent == 0 ? LT_LEGEND_NONE : f->legend;
    if (R->legpos == LT_LEGEND_AUTO && (f->npanel > 1 || R->legend_right))
        R->legpos = LT_LEGEND_RIGHT;
    int leg_right = 0, leg_below = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (R->legpos == LT_LEGEND_RIGHT) {
            if (W - (R->legw + 2) >= imax(30, W / 2)) {
                leg_right = R->legw + 2;
                leg_below = 0;
            } else {
                R->legpos = LT_LEGEND_BOTTOM;
            }
        }
        if (R->legpos == LT_LEGEND_BOTTOM) {
            leg_right = 0;
            leg_below = legend_rows(R, W);
        }
        int xl = R->shared_xlabel;
        int top, bottom;
        for (;;) {
            top = title + subtitle;
            bottom = xl + leg_below + cap_lines;
            if (H - top - bottom >= nrow * 5 || (!subtitle && cap_lines == 0 && !title))
                break;
            /* (the caption of categories cut short says what is not
             * shown: it goes last) */
            if (cap_lines > 0 && !R->keep_caption)
                cap_lines--;
            else if (subtitle)
                subtitle = false;
            else if (title)
                title = false;
            else
                cap_lines--;
        }
        int gw = W - leg_right, gh = imax(nrow * 2, H - top - bottom);
        int rc = layout_grid(R, 0, top, gw, gh);
        if (rc != 0)
            return rc;
        if (R->legpos == LT_LEGEND_AUTO) {
            panel_box *b = &R->pb[0];
            R->legpos = lt_legend_place(f, b->p, &b->xs, &b->ys,
                                        (R->legw + 1.0) / b->aw,
                                        (double)R->nent / b->ah);
            if (R->legpos == LT_LEGEND_RIGHT || R->legpos == LT_LEGEND_BOTTOM)
                continue;
        }
        if (is_corner(R->legpos)) {
            panel_box *b = &R->pb[0];
            if (R->legw + 2 > b->aw || (int)R->nent > b->ah) {
                R->legpos = LT_LEGEND_BOTTOM;
                continue;
            }
        }
        /* Everything fits: draw. */
        if (R->measure)
            return 0;
        int y = 0;
        if (title)
            put_text(c, 0, y++, f->title, W, NULL, LT_CELL_BOLD);
        if (subtitle)
            put_muted(c, 0, y++, f->subtitle, W);
        for (size_t i = 0; i < R->npb; i++) {
            if ((rc = draw_area(R, &R->pb[i])) != 0)
                return rc;
            draw_axes(R, &R->pb[i]);
        }
        int gy_end = top;
        for (size_t i = 0; i < R->npb; i++)
            gy_end = imax(gy_end, R->pb[i].y + R->pb[i].h);
        if (R->shared_xlabel) {
            int w = text_w(f->panels[0].x.label, W);
            put_text(c, imax(0, (gw - w) / 2), gy_end, f->panels[0].x.label, W, NULL, 0);
        }
        panel_box *b0 = &R->pb[0];
        switch (R->legpos) {
        case LT_LEGEND_TOP_RIGHT:
            draw_legend_column(R, b0->ax + b0->aw - R->legw, b0->ay, b0->ah);
            break;
        case LT_LEGEND_TOP_LEFT:
            draw_legend_column(R, b0->ax + 2, b0->ay, b0->ah);
            break;
        case LT_LEGEND_BOTTOM_RIGHT:
            draw_legend_column(R, b0->ax + b0->aw - R->legw, b0->ay + b0->ah - (int)R->nent,
                               b0->ah);
            break;
        case LT_LEGEND_BOTTOM_LEFT:
            draw_legend_column(R, b0->ax + 2, b0->ay + b0->ah - (int)R->nent, b0->ah);
            break;
        case LT_LEGEND_RIGHT:
            draw_legend_column(R, W - R->legw, b0->ay, H - b0->ay);
            break;
        case LT_LEGEND_BOTTOM:
            draw_legend_below(R, gy_end + R->shared_xlabel, 0, W);
            break;
        default:
            break;
        }
        if (cap_lines > 0)
            put_wrapped(c, H - cap_lines, f->caption, W, cap_lines, &MUTED, LT_CELL_DIM);
        return 0;
    }
    return lt_seterr(LT_EINVAL, "plot: no room for the legend in %d x %d cells", W, H);
}

/* The shape of the first plotting area, height / width, counting a cell
 * twice as high as wide (R->W wide), or NaN when the layout fails. */
static double area_shape(render *R)
{
    R->measure = true;
    int rc = render_figure(R);
    R->measure = false;
    const panel_box *b = &R->pb[0];
    return rc == 0 && b->aw > 0 ? 2.0 * b->ah / b->aw : NAN;
}

/* The figure's aspect (figure.h): the widest box whose first area is
 * tall enough, or the one cell wider when that is nearer the shape, with
 * an automatic legend right of the panels.  Panels of heatmaps keep the
 * full width. */
static int fit_aspect(render *R)
{
    const lt_figure *f = R->f;
    double a = f->aspect;
    if (!(a > 0 && isfinite(a)) || f->npanel == 0)
        return 0;
    for (size_t i = 0; i < f->npanel; i++)
        for (size_t j = 0; j < f->panels[i].nlayer; j++)
            if (f->panels[i].layers[j].kind == LT_LAYER_HEATMAP)
                return 0;
    double q = area_shape(R);
    if (!(q < a))
        return 0;   /* not too wide (or no layout: render_figure says why) */
    /* The room freed on the right takes the legend rather than a corner
     * of the smaller area. */
    R->legend_right = true;
    q = area_shape(R);
    if (!(q < a))
        return 0;
    /* From the full width down, to the first box whose area is tall
     * enough (not a bisection: the shape jumps where the legend moves
     * below). */
    int full = R->W, lo = 20;
    /* (in steps of a 64th of the range first, for huge canvases) */
    int step = imax(1, (full - lo) / 64), hi = full;
    for (int w = full - step; w >= lo - step + 1; w -= step) {
        R->W = imax(w, lo);
        if (area_shape(R) >= a)
            break;
        hi = R->W;
    }
    double prev = NAN;
    for (int w = hi - 1; w >= lo; w--) {
        R->W = w;
        q = area_shape(R);
        if (q >= a) {
            if (fabs(log(prev / a)) < fabs(log(q / a)))
                R->W = w + 1;
            return 0;
        }
        prev = q;
    }
    R->W = lo;
    return 0;
}

/* Lay f out on o's canvas and draw it (*out: the canvas), or with
 * out NULL only lay it out, and get the rows of each panel's plotting
 * area (rows: npanel ints, or NULL); with keep_caption the titles make
 * room before the caption does.  0, or a negative code with
 * lt_errmsg. */
static int render_at(const lt_figure *f, const lt_text_opts *o, bool keep_caption,
                     lt_canvas **out, int *rows)
{
    render R;
    memset(&R, 0, sizeof R);
    R.keep_caption = keep_caption;
    R.f = f;
    R.o = *o;
    R.c = lt_canvas_new(o->width, o->height);
    if (R.c == NULL)
        return lt_errcode();
    R.npb = f->npanel;
    R.pb = calloc(R.npb ? R.npb : 1, sizeof *R.pb);
    if (R.pb == NULL) {
        lt_canvas_free(R.c);
        return lt_nomem();
    }
    R.W = o->width;
    R.H = o->height;
    int rc = fit_aspect(&R);
    if (rc == 0) {
        R.measure = out == NULL;
        rc = render_figure(&R);
    }
    for (size_t i = 0; rc == 0 && rows != NULL && i < R.npb; i++)
        rows[i] = R.pb[i].ah;
    free_boxes(&R);
    free(R.pb);
    if (rc != 0 || out == NULL)
        lt_canvas_free(R.c);
    else
        *out = R.c;
    return rc;
}

/* ---- categories cut short (figure.h: lt_axis.more) -------------------- */

/* Does element i of l sit at y >= lim (a position past the categories
 * kept)?  Rectangles by their middle. */
static bool past(const lt_layer *l, size_t i, double lim)
{
    switch (l->kind) {
    case LT_LAYER_RECT:
        return (l->y0[i] + l->y1[i]) / 2 >= lim;
    case LT_LAYER_LINE: case LT_LAYER_STEP: case LT_LAYER_POINTS: case LT_LAYER_TEXT:
    case LT_LAYER_HLINE:
        return l->y[i] >= lim;
    default:
        return false;
    }
}

/* Keep the first k categories of p's y axis and the elements at them. */
static void keep_categories(lt_panel *p, int k)
{
    double lim = k - 0.5;
    for (size_t j = 0; j < p->nlayer; j++) {
        lt_layer *l = &p->layers[j];
        if (l->kind == LT_LAYER_HEATMAP) {
            if (l->nrow > k) {
                size_t keep = (size_t)k * (size_t)l->ncol;
                for (size_t i = keep; l->cell_text && i < (size_t)l->nrow * (size_t)l->ncol; i++)
                    free(l->cell_text[i]);
                l->nrow = k;
            }
            continue;
        }
        size_t m = 0;
        for (size_t i = 0; i < l->n; i++) {
            if (past(l, i, lim)) {
                if (l->text)
                    free(l->text[i]);
                if (l->box)
                    free(l->box[i].out);
                continue;
            }
#define MOVE(a) if (l->a) l->a[m] = l->a[i]
            MOVE(x); MOVE(y); MOVE(x0); MOVE(x1); MOVE(y0); MOVE(y1); MOVE(text); MOVE(box);
#undef MOVE
            m++;
        }
        l->n = m;
    }
    lt_axis *a = &p->y;
    for (int i = k; i < a->ncat; i++) {
        free(a->cats ? a->cats[i] : NULL);
        free(a->more ? a->more[i] : NULL);
    }
    a->ncat = k;
}

/* f, or a copy of it whose categorical y axes with notes (lt_axis.more)
 * keep only as many categories as their areas have rows at o's size,
 * with the note of what is left out in the caption (*copy: that copy,
 * for the caller to free; NULL for f itself).  The caption may take a
 * row of the areas: measured again until the cut fits.  0, or a
 * negative code with lt_errmsg. */
static int cut_categories(const lt_figure *f, const lt_text_opts *o, lt_figure **copy)
{
    *copy = NULL;
    bool any = false;
    for (size_t i = 0; i < f->npanel; i++)
        any = any || (f->panels[i].y.scale == LT_SCALE_CATEGORY && f->panels[i].y.more &&
                      f->panels[i].y.ncat > 1);
    if (!any)
        return 0;
    int *rows = calloc(f->npanel, sizeof *rows), *keep = calloc(f->npanel, sizeof *keep);
    if (rows == NULL || keep == NULL) {
        free(rows);
        free(keep);
        return lt_nomem();
    }
    for (size_t i = 0; i < f->npanel; i++)
        keep[i] = f->panels[i].y.ncat;
    const lt_figure *cur = f;
    int rc = 0;
    /* (each pass keeps fewer: at most a few passes) */
    for (int pass = 0; pass < 8; pass++) {
        if ((rc = render_at(cur, o, cur != f, NULL, rows)) != 0)
            break;
        bool fits = true;
        for (size_t i = 0; i < f->npanel; i++) {
            const lt_axis *a = &f->panels[i].y;
            if (a->scale != LT_SCALE_CATEGORY || a->more == NULL || keep[i] <= rows[i])
                continue;
            keep[i] = rows[i] < 1 ? 1 : rows[i];
            fits = false;
        }
        if (fits)
            break;
        lt_figure_free(*copy);
        if ((*copy = lt_figure_copy(f)) == NULL) {
            rc = LT_ENOMEM;
            break;
        }
        for (size_t i = 0; i < f->npanel && rc == 0; i++) {
            lt_axis *a = &(*copy)->panels[i].y;
            if (a->scale != LT_SCALE_CATEGORY || a->more == NULL || keep[i] >= a->ncat)
                continue;
            const char *note = a->more[keep[i]];
            if (note)
                rc = lt_figure_note(*copy, note);
            keep_categories(&(*copy)->panels[i], keep[i]);
        }
        if (rc != 0)
            break;
        cur = *copy;
    }
    free(rows);
    free(keep);
    if (rc != 0) {
        lt_figure_free(*copy);
        *copy = NULL;
    }
    return rc;
}

lt_canvas *lt_render_text(const lt_figure *f, const lt_text_opts *o)
{
    if (f == NULL || lt_figure_is_empty(f)) {
        lt_seterr(LT_EINVAL, "plot: nothing to draw (no data)");
        return NULL;
    }
    if (o->width < 20 || o->height < 5) {
        lt_seterr(LT_EINVAL, "plot: %d x %d cells is too small, expected at least 20 x 5",
                  o->width, o->height);
        return NULL;
    }
    lt_figure *cut;
    if (cut_categories(f, o, &cut) != 0)
        return NULL;
    lt_canvas *c = NULL;
    render_at(cut ? cut : f, o, cut != NULL, &c, NULL);
    lt_figure_free(cut);
    return c;
}

void lt_text_size(const lt_figure *f, int term_width, int *width, int *height)
{
    if (term_width <= 0)
        term_width = 80;
    int w = f->text_width > 0 ? f->text_width : imin(term_width, 100);
    w = imax(20, w);
    int h;
    if (f->text_height > 0) {
        h = f->text_height;
    } else {
        int panel = imax(12, imin(24, w * 2 / 5));
        h = panel * imax(1, f->nrow);
        h += (f->title != NULL) + (f->subtitle != NULL);
        h += count_lines(f->caption, w, 3);
        if (f->legend == LT_LEGEND_BOTTOM)
            h += 1;
    }
    *width = w;
    *height = imax(5, h);
}

char *lt_figure_to_text(const lt_figure *f, const lt_text_opts *o,
                        lt_color_mode mode, size_t *len)
{
    lt_text_opts oo = *o;
    oo.mono = oo.mono || mode == LT_COLOR_NONE;
    lt_canvas *c = lt_render_text(f, &oo);
    if (c == NULL)
        return NULL;
    char *s = lt_canvas_to_ansi(c, mode, o->ascii, len);
    lt_canvas_free(c);
    return s;
}
