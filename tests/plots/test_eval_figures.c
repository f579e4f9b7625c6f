/* The figures of a model evaluation (eval_figures.h): text snapshots
 * (tests/plots/snapshots/eval_*.txt, drawn without colour at fixed sizes;
 * UPDATE_SNAPSHOTS=1 rewrites them, then LOOK at the diff), the colours
 * of the terminal cells, pixels of the Cairo rendering at data positions,
 * the thinning of long curves (kept endpoints, a bounded deviation), the
 * multi-line cell texts and the aspect of both renderers, and degenerate
 * inputs (errors named, or a sensible figure; never a crash).
 *
 * The curves are made here from seeded binormal scores (core/scores.h
 * makes them for real; these tests need only points). */
#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "error.h"
#include "frame.h"
#include "scores.h"
#include "eval_figures.h"
#include "figure.h"
#include "palette.h"
#include "render_cairo.h"
#include "render_text.h"
#include "scale.h"
#include "pixels.h"
#include "snapshot.h"
#include "tap.h"

/* ---- snapshots ------------------------------------------------------- */

/* ---- data ------------------------------------------------------------ */

static double lcg(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return ((*s >> 8) + 0.5) / 16777216.0;
}

static double gauss(unsigned *s)
{
    double u = lcg(s), v = lcg(s);
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

typedef struct scored {
    double s;
    int truth;
} scored;

static int by_score_desc(const void *a, const void *b)
{
    double x = ((const scored *)a)->s, y = ((const scored *)b)->s;
    return x > y ? -1 : x < y;
}

/* The curves of n binormal scores (positives shifted by sep, prevalence
 * prev), as core/scores.h lays them out: ROC from (0, 0) by falling
 * threshold; PR by rising threshold (falling recall), ending at (0, 1);
 * gain and lift by falling threshold; calibration in 10 bins; the
 * threshold curve by falling threshold. */
typedef struct curves {
    size_t n, npos, nneg;
    double *fpr, *tpr;
    size_t nroc;
    double *rec, *prec;
    size_t npr;
    double *tested, *found, *lift;
    double *thr, *tp_prec, *tp_rec, *tp_f1;
    size_t nthr;
    double cal_x[10], cal_y[10];
    size_t ncal;
    double auc;    /* by counting ordered pairs, ties 1/2 */
    double ap;     /* sum of (R_k - R_{k-1}) P_k over distinct thresholds */
} curves;

static void curves_make(curves *c, size_t n, double sep, double prev, unsigned seed)
{
    memset(c, 0, sizeof *c);
    scored *d = malloc(n * sizeof *d);
    unsigned s = seed;
    for (size_t i = 0; i < n; i++) {
        d[i].truth = lcg(&s) < prev;
        c->npos += (size_t)d[i].truth;
        /* scores on a grid of 1/4000 so that some tie */
        double p = 1 / (1 + exp(-(gauss(&s) + sep * d[i].truth - 1.2)));
        d[i].s = round(p * 4000) / 4000;
    }
    c->n = n;
    c->nneg = n - c->npos;
    qsort(d, n, sizeof *d, by_score_desc);
    c->fpr = malloc((n + 1) * sizeof(double));
    c->tpr = malloc((n + 1) * sizeof(double));
    c->tested = malloc((n + 1) * sizeof(double));
    c->found = malloc((n + 1) * sizeof(double));
    c->lift = malloc((n + 1) * sizeof(double));
    c->thr = malloc(n * sizeof(double));
    c->tp_prec = malloc(n * sizeof(double));
    c->tp_rec = malloc(n * sizeof(double));
    c->tp_f1 = malloc(n * sizeof(double));
    c->rec = malloc((n + 1) * sizeof(double));
    c->prec = malloc((n + 1) * sizeof(double));
    c->fpr[0] = c->tpr[0] = c->tested[0] = c->found[0] = 0;
    c->lift[0] = NAN;
    size_t k = 1, tp = 0, fp = 0, m = 0;
    double pairs = 0, rprev = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, tp0 = tp, fp0 = fp;
        while (j < n && d[j].s == d[i].s) {
            tp += (size_t)d[j].truth;
            fp += (size_t)!d[j].truth;
            j++;
        }
        /* pairs: new positives above every negative seen before, ties 1/2 */
        pairs += (double)(tp - tp0) * ((double)fp0 + (double)(fp - fp0) / 2);
        c->fpr[k] = (double)fp / c->nneg;
        c->tpr[k] = (double)tp / c->npos;
        c->tested[k] = (double)j / n;
        c->found[k] = (double)tp / c->npos;
        c->lift[k] = c->found[k] / c->tested[k];
        c->thr[m] = d[i].s;
        c->tp_prec[m] = (double)tp / j;
        c->tp_rec[m] = (double)tp / c->npos;
        c->tp_f1[m] = 2.0 * tp / (2.0 * tp + fp + (c->npos - tp));
        c->ap += (c->tp_rec[m] - rprev) * c->tp_prec[m];
        rprev = c->tp_rec[m];
        k++;
        m++;
        i = j;
    }
    c->auc = 1 - pairs / ((double)c->npos * c->nneg);
    c->nroc = k;
    c->nthr = m;
    for (size_t i = 0; i < m; i++) {
        c->rec[i] = c->tp_rec[m - 1 - i];
        c->prec[i] = c->tp_prec[m - 1 - i];
    }
    c->rec[m] = 0;
    c->prec[m] = 1;
    c->npr = m + 1;
    double sx[10] = {0}, sy[10] = {0};
    size_t cnt[10] = {0};
    for (size_t i = 0; i < n; i++) {
        int b = d[i].s >= 1 ? 9 : (int)(d[i].s * 10);
        sx[b] += d[i].s;
        sy[b] += d[i].truth;
        cnt[b]++;
    }
    for (int b = 0; b < 10; b++)
        if (cnt[b]) {
            c->cal_x[c->ncal] = sx[b] / cnt[b];
            c->cal_y[c->ncal] = sy[b] / cnt[b];
            c->ncal++;
        }
    free(d);
}

static void curves_free(curves *c)
{
    free(c->fpr), free(c->tpr), free(c->tested), free(c->found), free(c->lift);
    free(c->thr), free(c->tp_prec), free(c->tp_rec), free(c->tp_f1);
    free(c->rec), free(c->prec);
}

static curves A, B;   /* a good model and a weaker one, 3000 rows */

static lt_figure *fig_roc(void)
{
    lt_curve_series s[2] = {{"gbm", A.fpr, A.tpr, A.nroc}, {"logistic", B.fpr, B.tpr, B.nroc}};
    return lt_evalfig_curves(LT_CURVE_ROC, s, 2, NAN, NULL);
}

static lt_figure *fig_pr(void)
{
    lt_curve_series s[2] = {{"gbm", A.rec, A.prec, A.npr}, {"logistic", B.rec, B.prec, B.npr}};
    return lt_evalfig_curves(LT_CURVE_PR, s, 2, (double)A.npos / A.n, NULL);
}

static lt_figure *fig_gain(void)
{
    lt_curve_series s[1] = {{"gbm", A.tested, A.found, A.nroc}};
    return lt_evalfig_curves(LT_CURVE_GAIN, s, 1, (double)A.npos / A.n, NULL);
}

static lt_figure *fig_lift(void)
{
    lt_curve_series s[2] = {{"gbm", A.tested, A.lift, A.nroc}, {"logistic", B.tested, B.lift, B.nroc}};
    return lt_evalfig_curves(LT_CURVE_LIFT, s, 2, NAN, NULL);
}

static lt_figure *fig_calibration(void)
{
    lt_curve_series s[2] = {{"gbm", A.cal_x, A.cal_y, A.ncal}, {"logistic", B.cal_x, B.cal_y, B.ncal}};
    return lt_evalfig_curves(LT_CURVE_CALIBRATION, s, 2, NAN, NULL);
}

static lt_figure *fig_threshold(void)
{
    return lt_evalfig_threshold(A.thr, A.tp_prec, A.tp_rec, A.tp_f1, A.nthr, 0.35, NULL);
}

static const int64_t CM2[4] = {4613, 561, 702, 1167};
static const char *const L2[2] = {"No", "Yes"};
static const int64_t CM3[9] = {50, 0, 0, 0, 47, 3, 0, 4, 46};
static const char *const L3[3] = {"setosa", "versicolor", "virginica"};

static int64_t cm20[400];
static char names20[20][40];
static const char *l20[20];

static void make_cm20(void)
{
    unsigned s = 5;
    for (int i = 0; i < 20; i++) {
        snprintf(names20[i], sizeof names20[i], i == 7 ? "a rather long class name %d" : "class %02d",
                 i);
        l20[i] = names20[i];
        for (int j = 0; j < 20; j++)
            cm20[i * 20 + j] = i == j ? 40 + (int64_t)(lcg(&s) * 900)
                                      : lcg(&s) < 0.3 ? (int64_t)(lcg(&s) * 30) : 0;
    }
}

static lt_figure *fig_regression(size_t n, unsigned seed)
{
    double *y = malloc(n * sizeof *y), *yh = malloc(n * sizeof *yh);
    unsigned s = seed;
    for (size_t i = 0; i < n; i++) {
        double x = lcg(&s) * 10;
        yh[i] = 3 + 2 * x;
        y[i] = yh[i] + gauss(&s) * (0.5 + 0.2 * x);
    }
    lt_figure *f = lt_evalfig_regression(y, yh, n, NULL);
    free(y);
    free(yh);
    return f;
}

/* ---- snapshots of every figure --------------------------------------- */

static void test_snapshots(void)
{
    snapshot_at("eval_confusion2", lt_evalfig_confusion(CM2, 2, L2, NULL), 80, 24);
    snapshot_at("eval_confusion3", lt_evalfig_confusion(CM3, 3, L3, "Iris species"), 80, 24);
    snapshot_at("eval_confusion3_small", lt_evalfig_confusion(CM3, 3, L3, NULL), 60, 14);
    snapshot_at("eval_confusion20", lt_evalfig_confusion(cm20, 20, l20, NULL), 0, 0);
    snapshot_at("eval_confusion20_wide", lt_evalfig_confusion(cm20, 20, l20, NULL), 120, 40);
    snapshot_at("eval_roc", fig_roc(), 80, 24);
    snapshot_at("eval_roc_wide", fig_roc(), 120, 40);
    snapshot_at("eval_pr", fig_pr(), 80, 24);
    snapshot_at("eval_gain", fig_gain(), 80, 24);
    snapshot_at("eval_lift", fig_lift(), 80, 24);
    snapshot_at("eval_calibration", fig_calibration(), 80, 24);
    snapshot_at("eval_threshold", fig_threshold(), 80, 24);
    snapshot_at("eval_regression", fig_regression(500, 3), 80, 24);
}


/* ---- the terminal in colour ------------------------------------------ */

static void test_confusion_colours(void)
{
    lt_figure *f = lt_evalfig_confusion(CM2, 2, L2, NULL);
    lt_text_opts o = {.width = 80, .height = 24};
    lt_canvas *c = lt_render_text(f, &o);
    if (!ok(c != NULL, "2 x 2 confusion drawn in colour")) {
        lt_figure_free(f);
        return;
    }
    /* Row shares: No 4613/5174 = 0.8916, 561/5174; Yes 702/1869, 1167/1869. */
    struct { const char *count, *pct; double share; } cell[4] = {
        {"4,613", "89.2%", 4613.0 / 5174}, {"561", "10.8%", 561.0 / 5174},
        {"702", "37.6%", 702.0 / 1869}, {"1,167", "62.4%", 1167.0 / 1869}};
    for (int i = 0; i < 4; i++) {
        int x, y = 0, px, py = 0;
        const lt_cell *a = find_text(c, cell[i].count, &x, &y);
        const lt_cell *b = find_text(c, cell[i].pct, &px, &py);
        if (!ok(a && b, "cell %d shows \"%s\" and \"%s\"", i, cell[i].count, cell[i].pct))
            continue;
        ok(py == y + 1, "cell %d: the percentage on the row under the count", i);
        lt_rgb bg = lt_palette_map(LT_CMAP_BLUES, cell[i].share);
        ok((a->flags & LT_CELL_BG) && same_rgb(a->bg, bg),
           "cell %d: background Blues at the row share %.3f", i, cell[i].share);
        lt_rgb want = lt_palette_contrast(bg);
        ok((a->flags & LT_CELL_FG) && same_rgb(a->fg, want) && same_rgb(b->fg, want),
           "cell %d: both lines in the contrasting colour", i);
        if (i == 0 || i == 1)
            ok(same_rgb(want, i == 0 ? (lt_rgb){255, 255, 255} : LT_RGB_TEXT),
               "cell %d: %s text", i, i == 0 ? "white on the dark" : "dark on the light");
    }
    ok(lt_palette_contrast(lt_palette_map(LT_CMAP_BLUES, 1)).r == 255 &&
           lt_palette_contrast(lt_palette_map(LT_CMAP_BLUES, 0)).r == LT_RGB_TEXT.r,
       "Blues: white text at the dark end, dark text at the light end");
    /* The axes name the classes and what they are. */
    int x, y = 0, y2 = 0;
    ok(find_text(c, "truth", &x, &y) && find_text(c, "predicted", &x, &y2),
       "axis titles \"truth\" and \"predicted\"");
    lt_canvas_free(c);
    lt_figure_free(f);

    /* Without colour, the largest share is the darkest shade. */
    f = lt_evalfig_confusion(CM3, 3, L3, NULL);
    o.mono = true;
    c = lt_render_text(f, &o);
    if (ok(c != NULL, "3 x 3 confusion drawn without colour")) {
        int x1, y1 = 3;   /* below the titles */
        ok(find_text(c, "50", &x1, &y1) && c->cells[(size_t)y1 * (size_t)c->w + (size_t)x1 - 2].ch == 0x2588,
           "setosa, all its row: full blocks around \"50\"");
    }
    lt_canvas_free(c);
    lt_figure_free(f);
}

/* ---- multi-line cell texts in the text renderer ---------------------- */

/* A 2 x 2 heatmap of texts t drawn at w x h without colour. */
static char *heat_text(const char *const t[4], int w, int h)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double z[4] = {0, 1, 2, 3};
    const char *names[2] = {"a", "b"};
    lt_panel_add_heatmap(p, z, 2, 2, t, LT_CMAP_SEQUENTIAL);
    lt_axis_set_categories(&p->x, names, 2);
    lt_axis_set_categories(&p->y, names, 2);
    f->legend = LT_LEGEND_NONE;
    lt_text_opts o = {.width = w, .height = h};
    char *s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    lt_figure_free(f);
    return s;
}

static int count_of(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; p && (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static void test_cell_lines(void)
{
    const char *t[4] = {"1,234\n56.7%", "8\n0.6%", "77\n5.4%", "9\n0.7%"};
    /* Tall cells: both lines, the count above the percentage. */
    char *s = heat_text(t, 40, 14);
    const char *a = s ? strstr(s, "1,234") : NULL, *b = s ? strstr(s, "56.7%") : NULL;
    ok(a && b && b > a && strchr(a, '\n') < b && count_of(s, "%") == 4,
       "cells of 5 rows show count over percentage");
    free(s);
    /* One row per cell: the counts alone. */
    s = heat_text(t, 40, 5);
    ok(s && strstr(s, "1,234") && strstr(s, " 77") && count_of(s, "%") == 0,
       "cells of one row show the first line alone");
    free(s);
    /* One row, counts too wide for the cells: the percentages, which
     * fit.  (Cells 8 wide: "1,234,567" does not fit with a cell to
     * spare, "56.7%" does.) */
    const char *u[4] = {"1,234,567\n56.7%", "8\n0.6%", "77\n5.4%", "9\n0.7%"};
    s = heat_text(u, 20, 5);
    ok(s && !strstr(s, "1,2") && strstr(s, "56.7%") && count_of(s, "%") == 4,
       "a first line too wide: the second line in every cell");
    if (s && !strstr(s, "56.7%"))
        printf("# got:\n%s\n", s);
    free(s);
    /* Nothing fits every cell: the first line where it fits. */
    const char *v[4] = {"1,234,567\n1156.78%", "8\n0.6%", "77\n125.4%", "9\n0.7%"};
    s = heat_text(v, 20, 5);
    ok(s && !strstr(s, "1,2") && !strstr(s, "%") && strstr(s, " 8 ") && strstr(s, " 77 "),
       "no line fits every cell: the first line in the cells it fits");
    free(s);
    /* A single-line text keeps being cut to its cell. */
    const char *w[4] = {"abcdefghijkl", "x", "y", "z"};
    s = heat_text(w, 20, 5);
    ok(s && strstr(s, "\xE2\x80\xA6"), "a one-line text too wide is cut with an ellipsis");
    free(s);
}

/* ---- Cairo ----------------------------------------------------------- */

static void test_cairo_confusion(void)
{
    lt_figure *f = lt_evalfig_confusion(CM3, 3, L3, NULL);
    raster im;
    mapper m;
    if (!draw_raster(f, 1200, 750, &im) || !mapper_init(&m, f, &im.o, 0)) {
        free(im.px);
        lt_figure_free(f);
        return;
    }
    ok(fabs(m.w - m.h) <= 2, "the matrix is square (%.0f x %.0f) on a wide page", m.w, m.h);
    ok(m.x > 200 && m.x + m.w < 1000, "and centred on the page (%.0f .. %.0f)", m.x, m.x + m.w);
    /* Colour by row share, sampled between the text and the cell's edge. */
    double share[9], darkest = 1e9;
    int at = -1;
    bool colours = true;
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            double tot = 0;
            for (int k = 0; k < 3; k++)
                tot += (double)CM3[r * 3 + k];
            share[r * 3 + c] = CM3[r * 3 + c] / tot;
            lt_rgb got = raster_px(&im, mx(&m, c - 0.4), my(&m, r + 0.35));
            colours = colours && cdist(got, lt_palette_map(LT_CMAP_BLUES, share[r * 3 + c])) <= 1;
            if (luminance(got) < darkest) {
                darkest = luminance(got);
                at = r * 3 + c;
            }
        }
    ok(colours, "every cell in Blues at its row share");
    ok(at == 0 && share[0] == 1, "the darkest cell is the largest share (setosa, 100%%)");
    /* Two lines of text: ink above and below the cell's middle. */
    int above = 0, below = 0, white = 0, dark = 0;
    double cx = mx(&m, 1), cy = my(&m, 1), ch = fabs(my(&m, 1.5) - my(&m, 0.5));
    for (double dy = -ch * 0.2; dy <= ch * 0.2; dy += 1)
        for (double dx = -30; dx <= 30; dx += 1) {
            lt_rgb p = raster_px(&im, cx + dx, cy + dy);
            bool ink = cdist(p, lt_palette_map(LT_CMAP_BLUES, share[4])) > 60;
            above += ink && dy < -2;
            below += ink && dy > 2;
            white += p.r > 0xC0 && p.g > 0xC0 && p.b > 0xC0;
        }
    for (double dy = -ch * 0.2; dy <= ch * 0.2; dy += 1)
        for (double dx = -30; dx <= 30; dx += 1) {
            lt_rgb p = raster_px(&im, mx(&m, 2) + dx, my(&m, 1) + dy);
            dark += p.r < 0x60 && p.g < 0x60 && p.b < 0x80;
        }
    ok(above > 20 && below > 20, "the dark cell shows two lines (ink above %d, below %d)", above,
       below);
    ok(white > 20, "in white on the dark cell (%d pixels)", white);
    ok(dark > 20, "in dark text on the light cell (%d pixels)", dark);
    mapper_fini(&m);
    free(im.px);
    lt_figure_free(f);

    /* Twenty classes on the default page: every class named on both
     * axes (smaller names rather than fewer), every count shown. */
    f = lt_evalfig_confusion(cm20, 20, l20, NULL);
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        int rows = 0, cols = 0, diag = 0;
        for (int r = 0; r < 20; r++) {
            int ink = 0;
            for (double x = m.x - 40; x < m.x - 6; x += 1)
                for (double dy = -3; dy <= 3; dy += 1)
                    ink += cdist(raster_px(&im, x, my(&m, r) + dy), (lt_rgb){255, 255, 255}) > 80;
            rows += ink > 5;
        }
        /* Names turned 45 degrees run along x + y = const: ink under the
         * axis projected on x + y has a run per name. */
        int hist[4000] = {0};
        for (int y = (int)(m.y + m.h) + 3; y < (int)(m.y + m.h) + 60; y++)
            for (int x = (int)m.x - 80; x < (int)(m.x + m.w) + 20; x++)
                if (x >= 0 && x + y < 4000 &&
                    cdist(raster_px(&im, x, y), (lt_rgb){255, 255, 255}) > 80)
                    hist[x + y]++;
        for (int u = 1, len = 0; u < 4000; u++) {
            len = hist[u] > 1 ? len + 1 : 0;
            cols += len == 3;
        }
        for (int k = 0; k < 20; k++) {
            double tot = 0;
            for (int c = 0; c < 20; c++)
                tot += (double)cm20[k * 20 + c];
            lt_rgb bg = lt_palette_map(LT_CMAP_BLUES, cm20[k * 21] / tot);
            lt_rgb fg = lt_palette_contrast(bg);
            int ink = 0;
            for (double dx = -8; dx <= 8; dx += 1)
                for (double dy = -3; dy <= 3; dy += 1)
                    ink += cdist(raster_px(&im, mx(&m, k) + dx, my(&m, k) + dy), fg) < 60;
            diag += ink > 3;
        }
        is_int(rows, 20, "20 classes: a name at every row");
        is_int(cols, 20, "20 classes: a name under every column");
        is_int(diag, 20, "20 classes: the count in every diagonal cell, in the contrasting colour");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);
}

static void test_cairo_curves(void)
{
    /* ROC: a step from (0, 0) up to (0, 0.5), across to (0.5, 1), then
     * (1, 1); the chance diagonal. */
    double x[4] = {0, 0, 0.5, 1}, y[4] = {0, 0.5, 1, 1};
    lt_curve_series s = {"model", x, y, 4};
    lt_figure *f = lt_evalfig_curves(LT_CURVE_ROC, &s, 1, NAN, NULL);
    raster im;
    mapper m;
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        ok(fabs(m.w - m.h) / m.h < 0.1, "ROC square-ish: %.0f x %.0f", m.w, m.h);
        ok(m.xs.lo < 0 && m.xs.lo > -0.05 && m.xs.hi > 1 && m.xs.hi < 1.05 &&
               m.ys.lo < 0 && m.ys.hi > 1,
           "ROC axes 0..1 with a little room (%.3f .. %.3f)", m.xs.lo, m.xs.hi);
        lt_rgb c0 = lt_palette_category(0);
        ok(cdist(raster_px(&im, mx(&m, 0), my(&m, 0.25)), c0) <= 40 &&
               cdist(raster_px(&im, mx(&m, 0.25), my(&m, 0.75)), c0) <= 40 &&
               cdist(raster_px(&im, mx(&m, 0.75), my(&m, 1)), c0) <= 40,
           "the curve through its points in colour 0");
        int grey = 0;
        for (int k = 1; k < 40; k++) {
            double t = k / 40.0;
            lt_rgb p = raster_px(&im, mx(&m, t), my(&m, t));
            grey += cdist(p, LT_RGB_REF) <= 40;
        }
        ok(grey >= 20, "the chance diagonal in grey (%d of 39 samples on the dashes)", grey);
        ok(cdist(raster_px(&im, mx(&m, 0.75), my(&m, 0.25)), (lt_rgb){255, 255, 255}) <= 30,
           "nothing below the diagonal");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* Threshold: the dashed line at the chosen threshold. */
    f = fig_threshold();
    if (draw_raster(f, 1000, 600, &im) && mapper_init(&m, f, &im.o, 0)) {
        int grey = 0;
        for (int k = 1; k < 40; k++) {
            lt_rgb p = raster_px(&im, mx(&m, 0.35), m.y + m.h * k / 40.0);
            grey += cdist(p, LT_RGB_REF) <= 40;
        }
        ok(grey >= 15, "threshold: a dashed vertical line at 0.35 (%d of 39 samples)", grey);
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* Regression: the identity line of predicted vs actual, equal ranges. */
    f = fig_regression(400, 9);
    lt_panel *b = &f->panels[1];
    ok(b->x.lo == b->y.lo && b->x.hi == b->y.hi && b->x.lo < b->x.hi,
       "predicted vs actual: equal ranges %.2f .. %.2f", b->x.lo, b->x.hi);
    ok(f->npanel == 2 && f->ncol == 2, "regression: two panels side by side");
    ok(f->panels[0].nlayer == 2 && f->panels[0].layers[0].kind == LT_LAYER_HLINE &&
           f->panels[0].layers[0].y[0] == 0,
       "residuals vs fitted: a reference line at 0");
    lt_figure_free(f);
    double ya[3] = {1, 2, 3}, yb[3] = {1.3, 1.7, 3.2};
    f = lt_evalfig_regression(ya, yb, 3, NULL);
    b = &f->panels[1];
    if (draw_raster(f, 1200, 600, &im) && mapper_init(&m, f, &im.o, 1)) {
        double lo = b->x.lo, hi = b->x.hi;
        int grey = 0;
        for (int k = 1; k < 40; k++) {
            double v = lo + (hi - lo) * (0.02 + 0.96 * k / 40.0);
            lt_rgb p = raster_px(&im, mx(&m, v), my(&m, v));
            grey += cdist(p, LT_RGB_REF) <= 40;
        }
        ok(grey >= 20, "the identity line from corner to corner (%d of 39 on the dashes)", grey);
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);
}

/* ---- thinning -------------------------------------------------------- */

/* Distance of p from segment a-b. */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(px - ax - t * dx, py - ay - t * dy);
}

/* The largest distance of the points (x, y)[0..n) from the polyline
 * (tx, ty)[0..tn) whose points are a subsequence of them; -1 when they
 * are not. */
static double deviation(const double *x, const double *y, size_t n, const double *tx,
                        const double *ty, size_t tn)
{
    size_t j = 0;
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        if (j < tn && x[i] == tx[j] && y[i] == ty[j]) {
            j++;
            continue;
        }
        if (j == 0)
            return -1;
        /* (past the end: a repeat of the last point, as the staircase
         * may end) */
        size_t b = j < tn ? j : tn - 1;
        worst = fmax(worst, seg_dist(x[i], y[i], tx[j - 1], ty[j - 1], tx[b], ty[b]));
    }
    return j == tn ? worst : -1;
}

static int by_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

static void test_thinning(void)
{
    /* A million distinct scores, binormal: the ROC and PR curves. */
    size_t np = 500000, nn = 500000;
    double *pos = malloc(np * sizeof *pos), *neg = malloc(nn * sizeof *neg);
    unsigned s = 11;
    for (size_t i = 0; i < np; i++)
        pos[i] = gauss(&s) + 1;
    for (size_t i = 0; i < nn; i++)
        neg[i] = gauss(&s);
    qsort(pos, np, sizeof *pos, by_desc);
    qsort(neg, nn, sizeof *neg, by_desc);
    size_t n = np + nn + 1;
    double *fx = malloc(n * sizeof *fx), *fy = malloc(n * sizeof *fy);
    double *rx = malloc(n * sizeof *rx), *ry = malloc(n * sizeof *ry);
    size_t i = 0, j = 0, k = 1;
    double pairs = 0, ap = 0;
    fx[0] = fy[0] = 0;
    while (i < np || j < nn) {
        if (j == nn || (i < np && pos[i] > neg[j])) {
            i++;
            pairs += (double)(nn - j);   /* above every negative not yet passed */
            ap += (1.0 / np) * ((double)i / (double)(i + j));
        } else {
            j++;
        }
        fx[k] = (double)j / nn;
        fy[k] = (double)i / np;
        /* PR by falling recall, written from the end */
        rx[n - 1 - k] = (double)i / np;
        ry[n - 1 - k] = (double)i / (double)(i + j);
        k++;
    }
    rx[n - 1] = 0;
    ry[n - 1] = 1;
    double auc = pairs / ((double)np * nn);
    free(pos);
    free(neg);

    lt_curve_series roc = {"big", fx, fy, n};
    lt_figure *f = lt_evalfig_curves(LT_CURVE_ROC, &roc, 1, NAN, NULL);
    const lt_layer *l = f ? &f->panels[0].layers[1] : NULL;
    if (ok(l && l->kind == LT_LAYER_LINE, "1M-point ROC: a line layer")) {
        ok(l->n <= 4000, "thinned from %zu to %zu points (<= 4000)", n, l->n);
        ok(l->x[0] == 0 && l->y[0] == 0 && l->x[l->n - 1] == 1 && l->y[l->n - 1] == 1,
           "first and last points kept");
        double dev = deviation(fx, fy, n, l->x, l->y, l->n);
        ok(dev >= 0 && dev <= 1e-4, "every dropped point within 1e-4 of the thinned line (%.2g)",
           dev);
        char want[64];
        snprintf(want, sizeof want, "big (AUC %.3f)", auc);
        is_str(l->label, want, "the label carries the AUC counted over pairs");
    }
    lt_figure_free(f);

    lt_curve_series pr = {"big", rx, ry, n};
    f = lt_evalfig_curves(LT_CURVE_PR, &pr, 1, 0.5, NULL);
    l = f ? &f->panels[0].layers[1] : NULL;
    if (ok(l && l->kind == LT_LAYER_LINE, "1M-point PR: a line layer")) {
        ok(l->n <= 4000, "thinned from %zu to %zu points", n, l->n);
        /* The staircase of AP: precision holds down to the next recall. */
        size_t m = 2 * n - 1;
        double *sx = malloc(m * sizeof *sx), *sy = malloc(m * sizeof *sy);
        for (size_t q = 0, o = 0; q < n; q++) {
            if (q > 0) {
                sx[o] = rx[q];
                sy[o++] = ry[q - 1];
            }
            sx[o] = rx[q];
            sy[o++] = ry[q];
        }
        ok(l->x[0] == rx[0] && l->y[0] == ry[0] && l->x[l->n - 1] == 0 && l->y[l->n - 1] == 1,
           "first and last points kept");
        double dev = deviation(sx, sy, m, l->x, l->y, l->n);
        ok(dev >= 0 && dev <= 1e-4, "the staircase within 1e-4 of the thinned line (%.2g)", dev);
        free(sx);
        free(sy);
        char want[64];
        snprintf(want, sizeof want, "big (AP %.3f)", ap);
        is_str(l->label, want, "the label carries the AP of the staircase");
    }
    lt_figure_free(f);
    /* The same PR points in the other order: the same staircase. */
    for (size_t q = 0; q < n / 2; q++) {
        double t = rx[q];
        rx[q] = rx[n - 1 - q];
        rx[n - 1 - q] = t;
        t = ry[q];
        ry[q] = ry[n - 1 - q];
        ry[n - 1 - q] = t;
    }
    f = lt_evalfig_curves(LT_CURVE_PR, &pr, 1, 0.5, NULL);
    l = f ? &f->panels[0].layers[1] : NULL;
    ok(l && l->x[0] == 1 && l->x[l->n - 1] == 0 && l->y[l->n - 1] == 1,
       "PR points by rising recall are drawn by falling recall");
    lt_figure_free(f);
    free(fx), free(fy), free(rx), free(ry);

    /* Short curves keep every corner. */
    double x[5] = {0, 0, 0.5, 0.5, 1}, y[5] = {0, 0.5, 0.5, 1, 1};
    lt_curve_series sh = {NULL, x, y, 5};
    f = lt_evalfig_curves(LT_CURVE_ROC, &sh, 1, NAN, NULL);
    l = f ? &f->panels[0].layers[1] : NULL;
    ok(l && l->n == 5, "a 5-point staircase keeps its 5 points");
    is_str(l ? l->label : NULL, "AUC 0.750", "an unlabelled ROC gets \"AUC 0.750\"");
    lt_figure_free(f);
    /* Collinear points go. */
    double cx[5] = {0, 0.25, 0.5, 0.75, 1}, cy[5] = {0, 0.25, 0.5, 0.75, 1};
    lt_curve_series co = {"AUC given", cx, cy, 5};
    f = lt_evalfig_curves(LT_CURVE_ROC, &co, 1, NAN, NULL);
    l = f ? &f->panels[0].layers[1] : NULL;
    ok(l && l->n == 2, "points on a straight line thin to its ends");
    is_str(l ? l->label : NULL, "AUC given", "a label naming the AUC is kept as it is");
    lt_figure_free(f);
}

/* ---- every figure through both renderers, and the references --------- */

static void test_structure(void)
{
    lt_figure *f = fig_roc();
    const lt_panel *p = f ? &f->panels[0] : NULL;
    ok(p && p->layers[0].kind == LT_LAYER_LINE && p->layers[0].dashed &&
           p->layers[0].color == LT_COLOR_AUTO && p->layers[0].x[1] == 1 &&
           p->layers[0].y[1] == 1 && p->layers[0].label == NULL,
       "ROC: the chance diagonal first, dashed grey, without a legend entry");
    ok(p && p->layers[1].color == 0 && p->layers[2].color == 1,
       "ROC: the series take colours 0 and 1");
    is_str(f ? f->title : NULL, "ROC curve", "ROC: default title");
    ok(f && f->aspect == 1, "ROC: a square panel");
    lt_figure_free(f);

    f = fig_pr();
    p = f ? &f->panels[0] : NULL;
    ok(p && p->layers[0].kind == LT_LAYER_HLINE && fabs(p->layers[0].y[0] - (double)A.npos / A.n) < 1e-15,
       "PR: a reference line at the prevalence");
    lt_figure_free(f);

    f = fig_gain();
    p = f ? &f->panels[0] : NULL;
    ok(p && p->nlayer == 3 && p->layers[1].n == 3 && p->layers[1].x[1] == (double)A.npos / A.n &&
           p->layers[1].y[1] == 1,
       "gain: the perfect model reaches 1 at the prevalence");
    lt_figure_free(f);

    f = fig_lift();
    p = f ? &f->panels[0] : NULL;
    ok(p && p->layers[0].kind == LT_LAYER_HLINE && p->layers[0].y[0] == 1,
       "lift: a reference line at 1");
    lt_figure_free(f);

    f = fig_calibration();
    p = f ? &f->panels[0] : NULL;
    ok(p && p->nlayer == 5 && p->layers[2].kind == LT_LAYER_POINTS &&
           p->layers[2].color == p->layers[1].color && p->layers[4].color == p->layers[3].color,
       "calibration: points and lines, each pair in one colour");
    lt_figure_free(f);

    /* Everything draws in both renderers at a size where it is small. */
    lt_figure *all[9] = {fig_roc(), fig_pr(), fig_gain(), fig_lift(), fig_calibration(),
                         fig_threshold(), lt_evalfig_confusion(cm20, 20, l20, NULL),
                         lt_evalfig_confusion(CM2, 2, L2, NULL), fig_regression(200, 4)};
    for (int i = 0; i < 9; i++) {
        lt_text_opts o = {.width = 40, .height = 12};
        char *t = lt_figure_to_text(all[i], &o, LT_COLOR_TRUE, NULL);
        lt_raster_opts r = {400, 300, 72};
        uint8_t *px = NULL;
        ok(t && fits(t, 1000, 12) && lt_render_cairo_rgba(all[i], &r, &px) == 0,
           "figure %d draws at 40 x 12 cells and 400 x 300 pixels", i);
        free(t);
        free(px);
        lt_figure_free(all[i]);
    }
}

/* ---- degenerate inputs ----------------------------------------------- */

static bool fails(lt_figure *f, const char *needle, const char *what)
{
    bool pass = f == NULL && strstr(lt_errmsg(), needle) != NULL;
    ok(pass, "%s: an error naming \"%s\"", what, needle);
    if (!pass)
        printf("#   got %s, \"%s\"\n", f ? "a figure" : "NULL", lt_errmsg());
    lt_figure_free(f);
    return pass;
}

/* f is a figure that both renderers draw; freed. */
static void draws(lt_figure *f, const char *what)
{
    lt_text_opts o = {.width = 80, .height = 24};
    char *t = f ? lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL) : NULL;
    uint8_t *px = NULL;
    lt_raster_opts r = {600, 400, 100};
    ok(t && lt_render_cairo_rgba(f, &r, &px) == 0, "%s: a figure both renderers draw", what);
    if (!t || !px)
        printf("#   %s\n", lt_errmsg());
    free(t);
    free(px);
    lt_figure_free(f);
}

static void test_degenerate(void)
{
    double x[3] = {0, 0.5, 1}, y[3] = {0, 0.8, 1}, nan3[3] = {NAN, NAN, NAN};
    lt_curve_series s = {"m", x, y, 3};
    fails(lt_evalfig_curves(LT_CURVE_ROC, &s, 0, NAN, NULL), "no curve", "no series");
    fails(lt_evalfig_curves(LT_CURVE_ROC, NULL, 1, NAN, NULL), "no curve", "NULL series");
    lt_curve_series e = {"empty", x, y, 0};
    fails(lt_evalfig_curves(LT_CURVE_ROC, &e, 1, NAN, NULL), "curve 1 (empty)", "n = 0");
    lt_curve_series nx = {"m", NULL, y, 3};
    fails(lt_evalfig_curves(LT_CURVE_ROC, &nx, 1, NAN, NULL), "no coordinates", "NULL x");
    lt_curve_series nn = {"nan", nan3, y, 3};
    fails(lt_evalfig_curves(LT_CURVE_PR, &nn, 1, NAN, NULL), "no point with finite",
          "all NaN");
    fails(lt_evalfig_curves((lt_curve_kind)9, &s, 1, NAN, NULL), "unknown kind", "bad kind");
    fails(lt_evalfig_curves(LT_CURVE_PR, &s, 1, 1.5, NULL), "baseline 1.5", "baseline > 1");
    lt_curve_series one = {"one", x + 1, y + 1, 1};
    draws(lt_evalfig_curves(LT_CURVE_ROC, &one, 1, NAN, NULL), "ROC of one point");
    lt_figure *f = lt_evalfig_curves(LT_CURVE_ROC, &one, 1, NAN, NULL);
    is_str(f ? f->panels[0].layers[1].label : NULL, "one", "one point: no AUC to add");
    lt_figure_free(f);
    double gx[5] = {0, 0.2, NAN, 0.7, 1}, gy[5] = {0, 0.5, 0.6, 0.9, 1};
    lt_curve_series gap = {"gap", gx, gy, 5};
    f = lt_evalfig_curves(LT_CURVE_GAIN, &gap, 1, 0.3, NULL);
    const lt_layer *l = f ? &f->panels[0].layers[2] : NULL;
    ok(l && l->n == 5 && isnan(l->x[2]) && l->x[3] == 0.7,
       "a NaN point breaks the line (the runs either side kept)");
    draws(f, "a curve with a NaN point");
    draws(lt_evalfig_curves(LT_CURVE_LIFT, &gap, 1, NAN, NULL), "lift with a NaN point");
    double inf[3] = {0, INFINITY, 1};
    lt_curve_series in = {"inf", x, inf, 3};
    draws(lt_evalfig_curves(LT_CURVE_LIFT, &in, 1, NAN, NULL), "lift with an infinite point");

    double t[3] = {0.9, 0.5, 0.1};
    fails(lt_evalfig_threshold(t, y, y, y, 0, 0.5, NULL), "n = 0", "threshold n = 0");
    fails(lt_evalfig_threshold(t, NULL, y, y, 3, 0.5, NULL), "precision is NULL",
          "threshold NULL precision");
    fails(lt_evalfig_threshold(nan3, y, y, y, 3, 0.5, NULL), "no finite threshold",
          "all thresholds NaN");
    fails(lt_evalfig_threshold(t, nan3, nan3, nan3, 3, 0.5, NULL), "no finite value",
          "all metrics NaN");
    draws(lt_evalfig_threshold(t, nan3, y, y, 3, NAN, NULL), "precision NaN throughout, no chosen");
    double big[2] = {-3, 8};
    draws(lt_evalfig_threshold(big, y, y, y, 2, 2, NULL), "thresholds that are margins");
    double one_t = 0.5;
    draws(lt_evalfig_threshold(&one_t, y, y, y, 1, 0.5, NULL), "a single threshold");

    int64_t c1 = 7, neg[4] = {1, -2, 3, 4}, zero_row[4] = {5, 1, 0, 0}, zeros[4] = {0};
    fails(lt_evalfig_confusion(&c1, 0, NULL, NULL), "0 classes", "k = 0");
    fails(lt_evalfig_confusion(&c1, 5000, NULL, NULL), "5000 classes", "k = 5000");
    fails(lt_evalfig_confusion(NULL, 2, NULL, NULL), "no counts", "NULL counts");
    fails(lt_evalfig_confusion(neg, 2, NULL, NULL), "truth 1, predicted 2 is -2",
          "a negative count");
    f = lt_evalfig_confusion(&c1, 1, NULL, NULL);
    ok(f && strcmp(f->panels[0].x.cats[0], "0") == 0 && f->panels[0].layers[0].z[0] == 1,
       "k = 1: one cell named 0, all its row");
    draws(f, "k = 1");
    f = lt_evalfig_confusion(zero_row, 2, L2, NULL);
    ok(f && isnan(f->panels[0].layers[0].z[2]) && isnan(f->panels[0].layers[0].z[3]) &&
           f->caption && strstr(f->caption, "1 true class without rows"),
       "a class that never occurs: grey cells and a note");
    ok(f && strcmp(f->panels[0].layers[0].cell_text[2], "0") == 0,
       "its cells show the count alone");
    draws(f, "an all-zero row");
    f = lt_evalfig_confusion(zeros, 2, L2, NULL);
    is_str(f ? f->subtitle : NULL, "no rows", "an all-zero matrix: \"no rows\"");
    draws(f, "an all-zero matrix");
    const char *partial[2] = {"yes", NULL};
    f = lt_evalfig_confusion(CM2, 2, partial, NULL);
    ok(f && strcmp(f->panels[0].y.cats[1], "1") == 0, "a NULL label: the class number");
    lt_figure_free(f);
    int64_t huge[4] = {INT64_C(123456789012), 1, 0, 2};
    f = lt_evalfig_confusion(huge, 2, NULL, NULL);
    is_str(f ? f->panels[0].layers[0].cell_text[0] : NULL, "123,456,789,012\n>99.9%",
           "thousands separators; a share under 100%% that rounds to it");
    draws(f, "huge counts");

    fails(lt_evalfig_regression(y, y, 0, NULL), "n = 0", "regression n = 0");
    fails(lt_evalfig_regression(NULL, y, 3, NULL), "y is NULL", "regression NULL y");
    fails(lt_evalfig_regression(nan3, y, 3, NULL), "none of the 3 rows", "regression all NaN");
    f = lt_evalfig_regression(y, x, 1, NULL);
    ok(f && f->panels[1].x.lo < 0 && f->panels[1].x.hi > 0, "one row: a range around it");
    draws(f, "regression of one row");
    double yy[3] = {1, NAN, 3}, cst[3] = {2, 2, 2};
    f = lt_evalfig_regression(yy, cst, 3, NULL);
    ok(f && f->caption && strstr(f->caption, "1 row with a missing"), "a missing row noted");
    draws(f, "regression with a missing row");
    draws(lt_evalfig_regression(cst, cst, 3, NULL), "a perfect constant prediction");
}

/* ---- from core/scores.h ---------------------------------------------- */

static const double *col(const lt_frame *f, const char *name)
{
    lt_col *c = f ? lt_frame_col(f, name) : NULL;
    return c ? lt_col_f64(c) : NULL;
}

/* The curves as core/scores.h gives them make the figures, and the AUC
 * and AP the figures add to the labels are the ones it computes. */
static void test_from_scores(void)
{
    enum { N = 4000 };
    uint8_t *truth = malloc(N);
    double *score = malloc(N * sizeof *score);
    unsigned st = 21;
    for (int i = 0; i < N; i++) {
        truth[i] = lcg(&st) < 0.3;
        double p = 1 / (1 + exp(-(gauss(&st) + 1.3 * truth[i] - 1)));
        score[i] = round(p * 200) / 200;   /* ties */
    }
    lt_scores *sc = lt_scores_new(truth, score, N, NULL);
    if (!ok(sc != NULL, "scores sorted")) {
        free(truth);
        free(score);
        return;
    }
    char want[64];
    lt_frame *roc = lt_scores_roc(sc, true);
    lt_curve_series rs = {NULL, col(roc, "fpr"), col(roc, "tpr"), roc ? (size_t)roc->nrow : 0};
    lt_figure *f = lt_evalfig_curves(LT_CURVE_ROC, &rs, 1, NAN, NULL);
    snprintf(want, sizeof want, "AUC %.3f", lt_scores_metric(sc, LT_METRIC_AUC, 0.5, NULL, NULL));
    is_str(f ? f->panels[0].layers[1].label : NULL, want, "ROC of lt_scores_roc: %s", want);
    ok(f && f->panels[0].layers[1].n <= rs.n, "ROC: no more points than given");
    draws(f, "ROC from lt_scores_roc");

    lt_frame *pr = lt_scores_pr(sc);
    lt_curve_series ps = {"model", col(pr, "recall"), col(pr, "precision"),
                          pr ? (size_t)pr->nrow : 0};
    f = lt_evalfig_curves(LT_CURVE_PR, &ps, 1, (double)sc->npos / N, NULL);
    snprintf(want, sizeof want, "model (AP %.3f)",
             lt_scores_metric(sc, LT_METRIC_AP, 0.5, NULL, NULL));
    is_str(f ? f->panels[0].layers[1].label : NULL, want, "PR of lt_scores_pr: %s", want);
    draws(f, "PR from lt_scores_pr");

    lt_frame *g = lt_scores_gain(sc);
    lt_curve_series gs = {"model", col(g, "tested"), col(g, "found"), g ? (size_t)g->nrow : 0};
    draws(lt_evalfig_curves(LT_CURVE_GAIN, &gs, 1, (double)sc->npos / N, NULL),
          "gain from lt_scores_gain");
    lt_curve_series ls = {"model", col(g, "tested"), col(g, "lift"), g ? (size_t)g->nrow : 0};
    draws(lt_evalfig_curves(LT_CURVE_LIFT, &ls, 1, NAN, NULL), "lift from lt_scores_gain");

    lt_frame *t = lt_scores_threshold_curve(sc);
    draws(lt_evalfig_threshold(col(t, "threshold"), col(t, "precision"), col(t, "recall"),
                               col(t, "f1"), t ? (size_t)t->nrow : 0, 0.5, NULL),
          "threshold curve from lt_scores_threshold_curve");

    lt_frame *cal = lt_scores_calibration(sc, 10, false);
    lt_curve_series cs = {"model", col(cal, "mean_predicted"), col(cal, "fraction_positive"),
                          cal ? (size_t)cal->nrow : 0};
    draws(lt_evalfig_curves(LT_CURVE_CALIBRATION, &cs, 1, NAN, NULL),
          "calibration from lt_scores_calibration");
    lt_frame_free(roc);
    lt_frame_free(pr);
    lt_frame_free(g);
    lt_frame_free(t);
    lt_frame_free(cal);
    lt_scores_free(sc);
    free(truth);
    free(score);
}

/* ---- the aspect in the terminal -------------------------------------- */

/* The plotting area of a one-panel canvas: the axis corner U+2514 and
 * the axis lines from it. */
static bool text_area(const lt_canvas *c, int *aw, int *ah, int *right)
{
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++) {
            if (c->cells[(size_t)y * (size_t)c->w + (size_t)x].ch != 0x2514)
                continue;
            int w = 0, h = 0;
            while (x + 1 + w < c->w &&
                   (c->cells[(size_t)y * (size_t)c->w + (size_t)(x + 1 + w)].ch == 0x2500 ||
                    c->cells[(size_t)y * (size_t)c->w + (size_t)(x + 1 + w)].ch == 0x252C))
                w++;
            while (y - 1 - h >= 0 &&
                   (c->cells[(size_t)(y - 1 - h) * (size_t)c->w + (size_t)x].ch == 0x2502 ||
                    c->cells[(size_t)(y - 1 - h) * (size_t)c->w + (size_t)x].ch == 0x2524))
                h++;
            *aw = w;
            *ah = h;
            *right = 0;
            for (int yy = 0; yy < c->h; yy++)
                for (int xx = 0; xx < c->w; xx++)
                    if (c->cells[(size_t)yy * (size_t)c->w + (size_t)xx].ch != ' ')
                        *right = xx > *right ? xx : *right;
            return true;
        }
    return false;
}

static void test_text_aspect(void)
{
    int sizes[3][2] = {{80, 24}, {120, 40}, {200, 30}};
    for (int i = 0; i < 3; i++) {
        lt_figure *f = fig_roc();
        lt_text_opts o = {.width = sizes[i][0], .height = sizes[i][1]};
        lt_canvas *c = lt_render_text(f, &o);
        int aw = 0, ah = 0, right = 0, x, y = 0;
        if (ok(c && text_area(c, &aw, &ah, &right), "ROC at %d x %d drawn", o.width, o.height)) {
            /* a cell is about twice as high as wide */
            ok(fabs(2.0 * ah / aw - 1) < 0.12, "square-ish: %d cells wide, %d rows high", aw, ah);
            const lt_cell *e = find_text(c, "gbm (AUC", &x, &y);
            ok(e && x > aw && y < 4, "the legend whole, right of the area, at its top");
            ok(right < o.width - 10, "the canvas right of the legend left blank (to %d)", right);
        }
        lt_canvas_free(c);
        lt_figure_free(f);
    }
    /* A heatmap keeps the width for its cells. */
    lt_figure *f = lt_evalfig_confusion(CM3, 3, L3, NULL);
    lt_text_opts o = {.width = 100, .height = 24};
    lt_canvas *c = lt_render_text(f, &o);
    int aw = 0, ah = 0, right = 0;
    bool found = c && text_area(c, &aw, &ah, &right);
    ok(found && right >= 95, "a confusion matrix is not narrowed in the terminal (to column %d)",
       right);
    lt_canvas_free(c);
    lt_figure_free(f);
}

int main(void)
{
    curves_make(&A, 3000, 1.6, 0.27, 1);
    curves_make(&B, 3000, 0.9, 0.27, 2);
    make_cm20();
    test_snapshots();
    test_confusion_colours();
    test_cell_lines();
    test_cairo_confusion();
    test_cairo_curves();
    test_thinning();
    test_structure();
    test_degenerate();
    test_from_scores();
    test_text_aspect();
    curves_free(&A);
    curves_free(&B);
    cairo_debug_reset_static_data();
    FcFini();
    return tap_done();
}
