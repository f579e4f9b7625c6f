/* The figures of a drift report (drift_figures.h): text snapshots
 * (tests/plots/snapshots/drift_*.txt, drawn without colour; the sizes are
 * the figures' own for an 80-column terminal unless said; UPDATE_SNAPSHOTS=1
 * rewrites them, then LOOK at the diff), the layers each builder makes
 * (order, colours, clipping, shares, reference lines), the colours of the
 * terminal cells, pixels of the Cairo rendering at data positions, and
 * the error of every bad input. */
#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "drift_figures.h"
#include "error.h"
#include "figure.h"
#include "legend.h"
#include "palette.h"
#include "render_cairo.h"
#include "render_text.h"
#include "scale.h"
#include "pixels.h"
#include "snapshot.h"
#include "tap.h"

/* ---- fixtures -------------------------------------------------------- */

/* Eight columns as a report of the telco data gives them: +Inf (a p-value
 * of 0), severities past the threshold and under it, a long name, a
 * column not compared (NaN, no label). */
static const lt_driftfig_bar OV[8] = {
    {"monthly_charges", "wasserstein 0.42", 4.2, true},
    {"tenure", "wasserstein 0.31", 3.1, true},
    {"gender", "js 0.01", 0.1, false},
    {"total_charges", "wasserstein 0.18", 1.8, true},
    {"partner", NULL, NAN, false},
    {"payment_method_electronic_check", "js 0.07", 0.7, false},
    {"senior_citizen", "ks p < 1e-16", INFINITY, true},
    {"contract", "js 0.13", 1.3, true},
};
/* ... by severity, most severe first */
static const int OV_ORDER[8] = {6, 0, 1, 3, 7, 5, 2, 4};

static lt_figure *fig_overview(void)
{
    return lt_driftfig_overview(OV, 8, "Data drift: 5 of 7 columns drifted (71%)",
                                "reference 5,174 rows, current 1,869 rows: dataset drift");
}

/* The telco data's 19 columns, customers of a year or less against the
 * others (tenure left out), as drift() reports them: the statistic over
 * a threshold of 0.1; total_charges past the axis cap of 10. */
static const lt_driftfig_bar TELCO[19] = {
    {"churn", "js 0.2794", 2.794, true},
    {"female", "js 0.0007875", 0.007875, false},
    {"senior_citizen", "js 0.02663", 0.2663, false},
    {"partner", "js 0.2842", 2.842, true},
    {"dependents", "js 0.1339", 1.339, true},
    {"phone_service", "js 0.006945", 0.06945, false},
    {"multiple_lines", "js 0.2561", 2.561, true},
    {"internet_service", "js 0.0286", 0.286, false},
    {"online_security", "js 0.2424", 2.424, true},
    {"online_backup", "js 0.2677", 2.677, true},
    {"device_protection", "js 0.275", 2.75, true},
    {"tech_support", "js 0.238", 2.38, true},
    {"streaming_tv", "js 0.2171", 2.171, true},
    {"streaming_movies", "js 0.2192", 2.192, true},
    {"contract", "js 0.4923", 4.923, true},
    {"paperless_billing", "js 0.004923", 0.04923, false},
    {"payment_method", "js 0.2958", 2.958, true},
    {"monthly_charges", "wasserstein 0.4083", 4.083, true},
    {"total_charges", "wasserstein 1.327", 13.27, true},
};

static lt_figure *fig_telco(void)
{
    return lt_driftfig_overview(TELCO, 19, "Data drift: 14 of 19 columns drifted",
                                "dataset drift: 74% of the columns drifted, threshold 50%");
}

/* Monthly charges in 10 bins; 5,174 reference and 1,869 current rows. */
static const double EDGES[11] = {18.25, 28.3, 38.35, 48.4, 58.45, 68.5,
                                 78.55, 88.6, 98.65, 108.7, 118.75};
static const int64_t HREF[10] = {640, 380, 300, 410, 560, 700, 790, 700, 450, 244};
static const int64_t HCUR[10] = {90, 70, 80, 130, 200, 300, 370, 330, 190, 109};

static lt_figure *fig_numeric(void)
{
    return lt_driftfig_numeric(EDGES, 10, HREF, HCUR, "monthly_charges",
                               "monthly_charges: wasserstein 0.42 (threshold 0.1), drifted",
                               "5,174 reference and 1,869 current values");
}

/* Contracts, one of them unseen in the reference. */
static const char *const CATS[4] = {"Month-to-month", "Two year", "One year", "Five year"};
static const int64_t CREF[4] = {2220, 1647, 1307, 0};
static const int64_t CCUR[4] = {1655, 221, 300, 45};

static lt_figure *fig_categorical(void)
{
    return lt_driftfig_categorical(CATS, 4, CREF, CCUR, "contract",
                                   "contract: chi2 p < 1e-16, drifted", NULL);
}

/* Five columns over twelve months; the first window of `gender` not
 * compared (NaN), a p-value of 0 (+Inf) and a negative severity. */
enum { NW = 12, NC = 5 };
static const char *WIN[NW];
static char win_names[NW][16];
static const char *const WCOLS[NC] = {"monthly_charges", "tenure", "contract",
                                      "payment_method_electronic_check", "gender"};
static double WSEV[NC * NW];
static bool WDRIFT[NC * NW];

static void make_windows(void)
{
    for (int w = 0; w < NW; w++) {
        snprintf(win_names[w], sizeof win_names[w], "2024-%02d", w + 1);
        WIN[w] = win_names[w];
    }
    for (int c = 0; c < NC; c++)
        for (int w = 0; w < NW; w++) {
            double s;
            switch (c) {
            case 0: s = 0.25 * w; break;                    /* rising: 0 .. 2.75 */
            case 1: s = w % 4 == 3 ? 1.5 : 0.4; break;      /* every fourth */
            case 2: s = w == 6 ? INFINITY : 0.2; break;
            case 3: s = w == 2 ? -0.5 : 0.05 * w; break;
            default: s = w == 0 ? NAN : 0.3; break;
            }
            WSEV[c * NW + w] = s;
            WDRIFT[c * NW + w] = s >= 1;
        }
}

static lt_figure *fig_windows(bool with_lines)
{
    static const int lines[2] = {0, 1};
    return lt_driftfig_windows(WIN, NW, WCOLS, NC, WSEV, WDRIFT, with_lines ? lines : NULL,
                               with_lines ? 2 : 0, "Drift by month against January");
}

/* ---- snapshots ------------------------------------------------------- */

/* n columns named feature_000 ..., every seventh with a long name, on a
 * steep curve of severities with their PSI as labels. */
static lt_figure *fig_many(int n)
{
    lt_driftfig_bar *b = calloc((size_t)n, sizeof *b);
    char (*name)[40] = calloc((size_t)n, sizeof *name);
    char (*lab)[24] = calloc((size_t)n, sizeof *lab);
    for (int i = 0; i < n; i++) {
        snprintf(name[i], sizeof name[i], i % 7 == 0 ? "a_rather_long_feature_name_%03d"
                                                     : "feature_%03d", i);
        double s = 3.0 * pow((double)((i * 37) % n) / n, 3);
        snprintf(lab[i], sizeof lab[i], "psi %.3f", s / 10);
        b[i] = (lt_driftfig_bar){name[i], lab[i], s, s >= 1};
    }
    lt_figure *f = lt_driftfig_overview(b, n, "Data drift", NULL);
    free(b);
    free(name);
    free(lab);
    return f;
}

static void test_snapshots(void)
{
    snapshot_at("drift_overview", fig_overview(), 0, 0);
    snapshot_at("drift_overview_80x24", fig_overview(), 80, 24);
    snapshot_at("drift_overview_one", lt_driftfig_overview(&OV[2], 1, NULL, NULL), 0, 0);
    snapshot_at("drift_overview_40", fig_many(40), 0, 0);
    /* 200 columns squeezed into 24 rows: every k-th name, and the values
     * only beside the names shown. */
    snapshot_at("drift_overview_200_small", fig_many(200), 80, 24);
    /* The workbench's plot pane, 120 x 40 and 80 x 24 terminals: the
     * most severe columns, a row each, the rest counted in the caption. */
    snapshot_at("drift_overview_pane", fig_telco(), 59, 22);
    snapshot_at("drift_overview_pane_80x24", fig_telco(), 55, 8);
    snapshot_at("drift_numeric", fig_numeric(), 80, 24);
    snapshot_at("drift_categorical", fig_categorical(), 0, 0);
    snapshot_at("drift_windows", fig_windows(true), 0, 0);
    snapshot_at("drift_windows_heatmap", fig_windows(false), 0, 0);
}

/* ---- layers ---------------------------------------------------------- */

static const lt_layer *layer_labelled(const lt_panel *p, const char *label)
{
    for (size_t i = 0; i < p->nlayer; i++)
        if (p->layers[i].label && strcmp(p->layers[i].label, label) == 0)
            return &p->layers[i];
    return NULL;
}

static const lt_layer *layer_of(const lt_panel *p, lt_layer_kind kind, size_t k)
{
    for (size_t i = 0; i < p->nlayer; i++)
        if (p->layers[i].kind == kind && k-- == 0)
            return &p->layers[i];
    return NULL;
}

static void test_overview_layers(void)
{
    lt_figure *f = fig_overview();
    if (!ok(f != NULL, "overview built"))
        return;
    const lt_panel *p = &f->panels[0];
    bool order = p->y.scale == LT_SCALE_CATEGORY && p->y.ncat == 8;
    for (int r = 0; order && r < 8; r++)
        order = strcmp(p->y.cats[r], OV[OV_ORDER[r]].column) == 0;
    ok(order, "columns top down by severity: +Inf first, NaN last");
    is_num(p->x.lo, 0, 0, "x axis from 0");
    is_num(p->x.hi, 4.2, 0, "x axis to the largest finite severity (4.2)");
    is_str(p->x.label, "drift score / threshold", "x axis title");
    is_str(f->title, "Data drift: 5 of 7 columns drifted (71%)", "title as given");

    /* The threshold: a dashed grey line at 1 drawn first, under the bars. */
    const lt_layer *v = &p->layers[0];
    ok(v->kind == LT_LAYER_VLINE && v->n == 1 && v->x[0] == 1 && v->dashed &&
           v->color == LT_COLOR_AUTO,
       "a dashed grey line at x = 1 under the bars");
    const lt_layer *d = layer_labelled(p, "drifted"), *nd = layer_labelled(p, "not drifted");
    if (ok(d && nd, "a layer of drifted and one of other bars")) {
        ok(d->color == 0 && nd->color == 7 && lt_palette_category(nd->color).r == 0x99 &&
               d->horizontal && nd->horizontal,
           "drifted in the palette's first colour, the others in its grey, horizontal");
        /* drifted in rank order: senior_citizen (+Inf at 4.2), 4.2, 3.1,
         * 1.8, 1.3 at positions 0..4 */
        double want[5] = {INFINITY, 4.2, 3.1, 1.8, 1.3};
        bool bars = d->n == 5;
        for (size_t i = 0; bars && i < 5; i++)
            bars = d->x0[i] == 0 && d->x1[i] == want[i] && d->y0[i] == (double)i - 0.24 &&
                   d->y1[i] == (double)i + 0.24;
        ok(bars, "drifted bars from 0 to their severity (+Inf past the axis end)");
        ok(nd->n == 2 && nd->x1[0] == 0.7 && nd->x1[1] == 0.1 && nd->y0[0] == 5 - 0.24,
           "the others: 0.7 and 0.1, no bar for NaN");
    }
    const lt_layer *t = layer_of(p, LT_LAYER_TEXT, 0);
    if (ok(t && t->n == 8 && t->align == LT_TEXT_AFTER, "eight values, past the bars' ends")) {
        bool labels = true;
        for (int r = 0; r < 7; r++)
            labels = labels && strcmp(t->text[r], OV[OV_ORDER[r]].label) == 0 &&
                     t->y[r] == r;
        ok(labels, "each value at its column's position");
        ok(t->x[0] == 4.2 && t->x[5] == 0.7 && t->x[7] == 0, "anchored at the bars' ends");
        is_str(t->text[7], "not compared", "a NaN column without a label: \"not compared\"");
    }
    lt_legend_entry e[8];
    size_t ne = lt_legend_entries(f, e, 8);
    ok(ne == 3 && strcmp(e[0].label, "drifted") == 0 && strcmp(e[1].label, "not drifted") == 0 &&
           strcmp(e[2].label, "threshold") == 0 && e[2].dashed,
       "legend: drifted, not drifted, threshold (dashed)");
    ok(f->legend == LT_LEGEND_BOTTOM, "legend below");
    is_int(f->text_height, 2 * 8 + 4 + 2 + 1,
           "terminal: two rows a column, chrome, titles and the caption of the bar past the "
           "axis");
    is_str(f->caption, "past the axis end: senior_citizen at infinity",
           "the caption names the bar past the axis end");
    /* Notes for a terminal too short: what the columns ranked k and
     * after hold. */
    const char *const *more = (const char *const *)p->y.more;
    if (ok(more != NULL && more[0] == NULL, "notes of the columns left out")) {
        is_str(more[7], "1 more column not shown, not compared", "k = 7: partner (NaN)");
        is_str(more[6], "2 more columns not shown, none drifted (1 not compared)",
               "k = 6: gender and partner");
        is_str(more[3], "5 more columns not shown, 2 drifted", "k = 3: two of five drifted");
        is_str(more[1], "7 more columns not shown, 4 drifted", "k = 1");
    }
    is_num(f->aspect, 0.4, 1e-12, "a page: aspect 0.05 a column");
    lt_figure_free(f);

    /* The x axis: at least 2, at most 10, the largest finite severity. */
    struct { double s[3]; double hi; } ax[] = {
        {{0.3, 0.1, 0.2}, 2}, {{0.3, 37, 0.2}, 10}, {{INFINITY, NAN, 0.5}, 2},
        {{INFINITY, INFINITY, INFINITY}, 2}, {{2.5, 9.99, -1}, 9.99}};
    for (size_t k = 0; k < sizeof ax / sizeof ax[0]; k++) {
        lt_driftfig_bar b[3];
        for (int i = 0; i < 3; i++)
            b[i] = (lt_driftfig_bar){"c", NULL, ax[k].s[i], ax[k].s[i] >= 1};
        f = lt_driftfig_overview(b, 3, NULL, NULL);
        ok(f && f->panels[0].x.hi == ax[k].hi && f->panels[0].x.lo == 0,
           "severities %g, %g, %g: x axis 0 .. %g", ax[k].s[0], ax[k].s[1], ax[k].s[2],
           ax[k].hi);
        lt_figure_free(f);
    }
    /* Negative severity: a bar of length 0 (its label at 0); ties keep
     * the order given. */
    lt_driftfig_bar tie[4] = {{"a", "a", 0.5, false}, {"b", "b", -0.2, false},
                              {"c", "c", 0.5, false}, {"d", "d", 0.7, false}};
    f = lt_driftfig_overview(tie, 4, NULL, NULL);
    if (ok(f != NULL, "ties built")) {
        const lt_panel *q = &f->panels[0];
        ok(strcmp(q->y.cats[0], "d") == 0 && strcmp(q->y.cats[1], "a") == 0 &&
               strcmp(q->y.cats[2], "c") == 0 && strcmp(q->y.cats[3], "b") == 0,
           "ties in the order given");
        const lt_layer *g = layer_labelled(q, "not drifted");
        ok(g && g->n == 4 && g->x1[3] == 0 && layer_labelled(q, "drifted") == NULL,
           "a negative severity as 0; no drifted layer when none drifted");
        ok(f->title == NULL && f->subtitle == NULL, "no title, no subtitle");
    }
    lt_figure_free(f);
    /* Many columns: no aspect, a row each, bars that touch. */
    f = fig_many(200);
    if (ok(f != NULL, "200 columns built")) {
        const lt_layer *g = layer_labelled(&f->panels[0], "not drifted");
        ok(f->aspect == 0 && f->text_height == 200 + 4 + 1 && g &&
               fabs(g->y1[0] - g->y0[0] - 0.9) < 1e-12,
           "200 columns: a row each, no aspect, bars 0.9 thick");
    }
    lt_figure_free(f);
}

/* Columns drifted by their missing share below their threshold rank
 * with the drifted; the notes of the columns left out. */
static void test_overview_ranks(void)
{
    lt_driftfig_bar b[5] = {{"a", NULL, 0.8, false}, {"b", "missing", 0.3, true},
                            {"c", NULL, 2, true}, {"d", NULL, NAN, false},
                            {"e", NULL, 0.1, false}};
    lt_figure *f = lt_driftfig_overview(b, 5, NULL, NULL);
    if (!ok(f != NULL, "ranks built"))
        return;
    const lt_axis *y = &f->panels[0].y;
    ok(strcmp(y->cats[0], "c") == 0 && strcmp(y->cats[1], "b") == 0 &&
           strcmp(y->cats[2], "a") == 0 && strcmp(y->cats[3], "e") == 0 &&
           strcmp(y->cats[4], "d") == 0,
       "drifted first (b drifted at 0.3 above a at 0.8), then by severity, NaN last");
    is_str(y->more[2], "3 more columns not shown, none drifted (1 not compared)", "k = 2");
    is_str(y->more[1], "4 more columns not shown, 1 drifted", "k = 1");
    ok(f->caption == NULL, "nothing past the axis: no caption");
    lt_figure_free(f);
    for (int i = 0; i < 5; i++)
        b[i].drifted = true;
    f = lt_driftfig_overview(b, 5, NULL, NULL);
    if (ok(f != NULL, "all drifted built"))
        is_str(f->panels[0].y.more[3], "2 more columns not shown, all drifted",
               "every column left out drifted");
    lt_figure_free(f);
    lt_driftfig_bar c[3] = {{"x", NULL, 0.5, false}, {"y", NULL, 0.2, false},
                            {"z", NULL, 0.1, false}};
    f = lt_driftfig_overview(c, 3, NULL, NULL);
    if (ok(f != NULL, "none drifted built")) {
        is_str(f->panels[0].y.more[1], "2 more columns not shown, all below the threshold",
               "none left out drifted");
        is_str(f->panels[0].y.more[2], "1 more column not shown, below the threshold",
               "one left out");
    }
    lt_figure_free(f);
    /* Past the axis: their bars keep their length, the caption names
     * the first three. */
    lt_driftfig_bar d[5] = {{"p", NULL, 12, true}, {"q", NULL, INFINITY, true},
                            {"r", NULL, 30.25, true}, {"s", NULL, 11, true},
                            {"t", NULL, 9, true}};
    f = lt_driftfig_overview(d, 5, NULL, NULL);
    if (ok(f != NULL, "past the axis built")) {
        const lt_layer *l = layer_labelled(&f->panels[0], "drifted");
        ok(l && l->x1[0] == INFINITY && l->x1[1] == 30.25 && l->x1[4] == 9 &&
               f->panels[0].x.hi == 10,
           "bars to their severity on an axis to 10");
        is_str(f->caption, "past the axis end: q at infinity, r at 30.2, p at 12, 1 more",
               "the caption: the first three past the axis, and how many more");
    }
    lt_figure_free(f);
}

static double sum_of(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

static void test_numeric_layers(void)
{
    lt_figure *f = fig_numeric();
    if (!ok(f != NULL, "numeric built"))
        return;
    const lt_panel *p = &f->panels[0];
    const lt_layer *r = layer_labelled(p, "reference (n = 5,174)");
    const lt_layer *c = layer_labelled(p, "current (n = 1,869)");
    if (ok(r && c && p->nlayer == 2 && &p->layers[0] == r,
           "reference under current, labelled with their counts")) {
        ok(r->color == 7 && r->alpha == 1 && c->color == 0 && c->alpha == 0.5,
           "reference grey, current in colour at half opacity");
        is_num(sum_of(r->y1, r->n), 1, 1e-12, "reference shares sum to 1");
        is_num(sum_of(c->y1, c->n), 1, 1e-12, "current shares sum to 1");
        bool bins = r->n == 10 && c->n == 10;
        for (size_t i = 0; bins && i < 10; i++)
            bins = r->x0[i] == EDGES[i] && r->x1[i] == EDGES[i + 1] && c->x0[i] == EDGES[i] &&
                   c->x1[i] == EDGES[i + 1] && r->y0[i] == 0 && c->y0[i] == 0 &&
                   r->y1[i] == (double)HREF[i] / 5174 && c->y1[i] == (double)HCUR[i] / 1869;
        ok(bins, "the same bins, each side as shares of its own count");
    }
    is_str(p->x.label, "monthly_charges", "x axis: the column");
    is_str(p->y.label, "share", "y axis: share");
    ok(p->y.zero, "bars from 0");
    is_str(f->subtitle, "5,174 reference and 1,869 current values", "subtitle as given");
    is_int(f->text_height, 22, "terminal: 24 rows at most with title and subtitle");
    lt_figure_free(f);
    /* One bin; no column name. */
    double e1[2] = {-1, 1};
    int64_t a1 = 3, b1 = 9;
    f = lt_driftfig_numeric(e1, 1, &a1, &b1, NULL, NULL, NULL);
    ok(f && f->panels[0].layers[0].y1[0] == 1 && f->panels[0].layers[1].y1[0] == 1 &&
           strcmp(f->panels[0].x.label, "value") == 0 && f->title == NULL,
       "one bin: both shares 1; x axis \"value\" without a column name");
    lt_figure_free(f);
}

static void test_categorical_layers(void)
{
    lt_figure *f = fig_categorical();
    if (!ok(f != NULL, "categorical built"))
        return;
    const lt_panel *p = &f->panels[0];
    ok(p->y.ncat == 4 && strcmp(p->y.cats[0], "Month-to-month") == 0 &&
           strcmp(p->y.cats[2], "One year") == 0 && strcmp(p->y.cats[3], "Five year (unseen)") == 0,
       "categories in the order given, the unseen one marked");
    const lt_layer *r = layer_labelled(p, "reference (n = 5,174)");
    const lt_layer *c = layer_labelled(p, "current (n = 2,221)");
    if (ok(r && c && r->horizontal && c->horizontal && r->color == 7 && c->color == 0,
           "horizontal bars, reference grey, current in colour")) {
        is_num(sum_of(r->x1, r->n), 1, 1e-12, "reference shares sum to 1");
        is_num(sum_of(c->x1, c->n), 1, 1e-12, "current shares sum to 1");
        bool pairs = r->n == 4 && c->n == 4;
        for (size_t i = 0; pairs && i < 4; i++)
            pairs = r->y1[i] == c->y0[i] && r->y0[i] < r->y1[i] && c->y0[i] < (double)i &&
                    c->y1[i] > (double)i && r->y1[i] < (double)i;
        ok(pairs, "pairs that touch: the reference above, the current across the name");
        ok(r->x1[3] == 0 && c->x1[3] == 45.0 / 2221, "the unseen category: 0 and its share");
    }
    const lt_layer *t = layer_of(p, LT_LAYER_TEXT, 0);
    if (ok(t && t->n == 8 && t->align == LT_TEXT_AFTER, "a share past each bar")) {
        is_str(t->text[0], "74.5%", "current Month-to-month 1,655 / 2,221, first");
        is_str(t->text[3], "2.0%", "current of the unseen category");
        is_str(t->text[4], "42.9%", "then the reference: Month-to-month 2,220 / 5,174");
        is_str(t->text[7], "0%", "reference of the unseen category");
        ok(t->y[0] == 0 && t->x[0] == 1655.0 / 2221 && t->y[4] == -1.0 / 3 &&
               t->x[4] == 2220.0 / 5174,
           "each at its bar's end and middle");
    }
    is_num(p->x.hi, 1.15 * 1655.0 / 2221, 1e-15, "x axis to 1.15 x the largest share");
    is_str(f->caption, "1 category unseen in the reference", "the caption counts the unseen");
    is_str(p->y.label, "contract", "y axis: the column");
    is_int(f->text_height, 3 * 4 + 4 + 1 + 1 + 1, "terminal: three rows a category");
    lt_figure_free(f);
    /* Shares near the ends. */
    const char *two[2] = {"a", "b"};
    int64_t ra[2] = {1, 99999}, ca[2] = {0, 7};
    f = lt_driftfig_categorical(two, 2, ra, ca, NULL, NULL, NULL);
    const lt_layer *u = f ? layer_of(&f->panels[0], LT_LAYER_TEXT, 0) : NULL;
    ok(u && strcmp(u->text[2], "<0.1%") == 0 && strcmp(u->text[3], ">99.9%") == 0 &&
           strcmp(u->text[0], "0%") == 0 && strcmp(u->text[1], "100%") == 0 &&
           f->caption == NULL && f->panels[0].y.label == NULL,
       "\"<0.1%%\", \">99.9%%\", \"0%%\", \"100%%\"; no caption without unseen ones");
    lt_figure_free(f);
}

static void test_windows_layers(void)
{
    lt_figure *f = fig_windows(true);
    if (!ok(f != NULL, "windows built"))
        return;
    ok(f->npanel == 2 && f->nrow == 2 && f->ncol == 1, "two panels, one above the other");
    const lt_panel *p = &f->panels[0];
    const lt_layer *h = &p->layers[0];
    if (ok(p->nlayer == 1 && h->kind == LT_LAYER_HEATMAP && h->nrow == NC && h->ncol == NW,
           "a heatmap of 5 columns x 12 windows")) {
        ok(h->cmap == LT_CMAP_BLUES && h->zlo == 0 && h->zhi == 2.75,
           "Blues from 0 to the largest finite severity (2.75)");
        ok(h->z[2 * NW + 6] == 2.75 && h->z[3 * NW + 2] == 0 && isnan(h->z[4 * NW]) &&
               h->z[NW + 3] == 1.5,
           "+Inf at the top, a negative at 0, NaN kept (a blank cell)");
        bool marks = h->cell_text != NULL;
        for (int i = 0; marks && i < NC * NW; i++)
            marks = WDRIFT[i] ? h->cell_text[i] && strcmp(h->cell_text[i], "\xE2\x80\xA2") == 0
                              : h->cell_text[i] == NULL;
        ok(marks, "a dot in the drifted cells only");
    }
    ok(p->x.ncat == NW && strcmp(p->x.cats[11], "2024-12") == 0 && p->y.ncat == NC &&
           strcmp(p->y.cats[3], "payment_method_electronic_check") == 0,
       "windows across, columns down");
    is_str(f->caption, "colour: drift score / threshold, \xE2\x80\xA2 drifted; larger scores in "
           "the top colour", "the caption says what colour and dots mean");
    const lt_panel *q = &f->panels[1];
    const lt_layer *ref = &q->layers[0];
    ok(ref->kind == LT_LAYER_HLINE && ref->y[0] == 1 && ref->dashed &&
           ref->color == LT_COLOR_AUTO && strcmp(ref->label, "threshold") == 0,
       "lines panel: a dashed grey threshold at 1");
    const lt_layer *l0 = layer_labelled(q, "monthly_charges"), *l1 = layer_labelled(q, "tenure");
    if (ok(l0 && l1 && l0->kind == LT_LAYER_LINE && l0->n == NW && q->nlayer == 3,
           "a line per chosen column, named")) {
        bool same = true;
        for (int w = 0; w < NW; w++)
            same = same && l0->x[w] == w && l0->y[w] == WSEV[w] && l1->y[w] == WSEV[NW + w];
        ok(same, "their severities at the windows' positions");
        ok(l0->color != l1->color && l0->color >= 0 && l1->color >= 0, "in colours of their own");
    }
    ok(q->x.ncat == NW && q->y.lo == 0 && fabs(q->y.hi - 2.75 * 1.04) < 1e-12,
       "lines panel on the same windows, y from 0 to the largest severity and a little room");
    is_int(f->text_height, 1 + 2 * 10 + 3, "terminal: two panels of 10 rows at least");
    lt_figure_free(f);

    f = fig_windows(false);
    ok(f && f->npanel == 1 && f->text_height == 1 + NC + 3 + 1, "no lines: one panel");
    lt_figure_free(f);
    /* No drifted flags, one window, a line through it: points. */
    double one[2] = {0.5, 12};
    const char *w1[1] = {"2024"}, *c2[2] = {"a", "b"};
    int ln = 1;
    f = lt_driftfig_windows(w1, 1, c2, 2, one, NULL, &ln, 1, NULL);
    if (ok(f != NULL, "one window, no flags built")) {
        const lt_layer *hh = &f->panels[0].layers[0];
        const lt_layer *pt = layer_labelled(&f->panels[1], "b");
        ok(hh->cell_text == NULL && hh->zhi == 10 && hh->z[0] == 10 && hh->z[1] == 0.5 &&
               strcmp(f->panels[0].y.cats[0], "b") == 0,
           "no dots; b, the more severe, on top; 12 past the scale's end at 10");
        ok(pt && pt->kind == LT_LAYER_POINTS && pt->y[0] == 10,
           "one window: the line a point, clipped to 10");
        ok(strstr(f->caption, "larger scores") != NULL && strstr(f->caption, "drifted") == NULL,
           "the caption says what was clipped, no dots to explain");
    }
    lt_figure_free(f);
}

/* Rows of the heatmap: the most windows drifted first, then the most
 * severe, a column never compared last; notes for a short terminal. */
static void test_windows_ranks(void)
{
    const char *w3[3] = {"1", "2", "3"}, *cols[4] = {"calm", "never", "twice", "once"};
    double sev[12] = {0.2, 0.9, 0.5, NAN, NAN, NAN, 1.5, 0.1, 3, 0.3, 7, 0.2};
    bool dr[12] = {false, false, false, false, false, false, true, false, true,
                   false, true, false};
    lt_figure *f = lt_driftfig_windows(w3, 3, cols, 4, sev, dr, NULL, 0, NULL);
    if (!ok(f != NULL, "ranked windows built"))
        return;
    const lt_panel *p = &f->panels[0];
    const lt_layer *h = &p->layers[0];
    ok(strcmp(p->y.cats[0], "twice") == 0 && strcmp(p->y.cats[1], "once") == 0 &&
           strcmp(p->y.cats[2], "calm") == 0 && strcmp(p->y.cats[3], "never") == 0,
       "twice drifted, once (at 7), calm, never compared");
    ok(h->z[0] == 1.5 && h->z[2] == 3 && h->z[4] == 7 && h->z[6] == 0.2 && isnan(h->z[9]) &&
           h->cell_text[0] && h->cell_text[2] && !h->cell_text[1] && h->cell_text[4],
       "cells and dots move with their rows");
    is_str(p->y.more[1], "3 more columns not shown, 1 drifted in some window", "k = 1");
    is_str(p->y.more[2], "2 more columns not shown, none drifted in any window", "k = 2");
    is_str(p->y.more[3], "1 more column not shown, drifted in no window", "k = 3");
    lt_figure_free(f);
}

/* ---- errors ---------------------------------------------------------- */

/* f is NULL and lt_errmsg holds `part`. */
static void fails(lt_figure *f, const char *part, const char *what)
{
    const char *m = lt_errmsg();
    if (!ok(f == NULL && m && strstr(m, part), "%s: error \"%s\"", what, part))
        printf("#   got %s: \"%s\"\n", f ? "a figure" : "NULL", m ? m : "");
    lt_figure_free(f);
}

static void test_errors(void)
{
    fails(lt_driftfig_overview(OV, 0, NULL, NULL), "0 columns, expected at least 1",
          "overview n = 0");
    fails(lt_driftfig_overview(OV, -3, NULL, NULL), "-3 columns", "overview n < 0");
    fails(lt_driftfig_overview(NULL, 2, NULL, NULL), "no bars given", "overview NULL bars");
    lt_driftfig_bar nameless[2] = {{"a", NULL, 1, true}, {NULL, NULL, 1, true}};
    fails(lt_driftfig_overview(nameless, 2, NULL, NULL), "bar 2 has no column name",
          "overview nameless bar");

    const char *what = "numeric";
    fails(lt_driftfig_numeric(EDGES, 0, HREF, HCUR, "x", NULL, NULL),
          "0 bins, expected at least 1", what);
    fails(lt_driftfig_numeric(NULL, 3, HREF, HCUR, "x", NULL, NULL),
          "edges is NULL, expected 4 values", what);
    fails(lt_driftfig_numeric(EDGES, 3, HREF, NULL, "x", NULL, NULL),
          "cur is NULL, expected 3 values", what);
    double same[4] = {0, 1, 1, 2}, down[4] = {0, 2, 1, 3}, nan[4] = {0, NAN, 1, 2};
    double inf[4] = {-INFINITY, 0, 1, 2};
    fails(lt_driftfig_numeric(same, 3, HREF, HCUR, "x", NULL, NULL),
          "bin edges 2 and 3 are 1 and 1, expected them increasing", "numeric equal edges");
    fails(lt_driftfig_numeric(down, 3, HREF, HCUR, "x", NULL, NULL),
          "bin edges 2 and 3 are 2 and 1", "numeric decreasing edges");
    fails(lt_driftfig_numeric(nan, 3, HREF, HCUR, "x", NULL, NULL),
          "bin edge 2 is nan, expected a finite number", "numeric NaN edge");
    fails(lt_driftfig_numeric(inf, 3, HREF, HCUR, "x", NULL, NULL),
          "bin edge 1 is -inf", "numeric infinite edge");
    int64_t zero[3] = {0, 0, 0}, neg[3] = {4, -1, 2};
    fails(lt_driftfig_numeric(EDGES, 3, zero, HCUR, "x", NULL, NULL),
          "no reference values (every count is 0)", "numeric no reference count");
    fails(lt_driftfig_numeric(EDGES, 3, HREF, zero, "x", NULL, NULL),
          "no current values", "numeric no current count");
    fails(lt_driftfig_numeric(EDGES, 3, HREF, neg, "x", NULL, NULL),
          "the current count of bin 2 is -1, expected a count >= 0", "numeric negative count");

    what = "categorical";
    fails(lt_driftfig_categorical(CATS, 0, CREF, CCUR, "x", NULL, NULL),
          "0 categories, expected at least 1", what);
    fails(lt_driftfig_categorical(NULL, 2, CREF, CCUR, "x", NULL, NULL),
          "cats is NULL", what);
    fails(lt_driftfig_categorical(CATS, 2, NULL, CCUR, "x", NULL, NULL), "ref is NULL", what);
    const char *holes[2] = {"a", NULL};
    fails(lt_driftfig_categorical(holes, 2, CREF, CCUR, "x", NULL, NULL),
          "category 2 has no name", "categorical nameless category");
    fails(lt_driftfig_categorical(CATS, 3, zero, CCUR, "x", NULL, NULL),
          "no reference values", "categorical no reference count");
    fails(lt_driftfig_categorical(CATS, 3, CREF, zero, "x", NULL, NULL),
          "no current values", "categorical no current count");
    fails(lt_driftfig_categorical(CATS, 3, neg, CCUR, "x", NULL, NULL),
          "the reference count of category 2 is -1", "categorical negative count");

    int lines[2] = {0, 5};
    fails(lt_driftfig_windows(WIN, 0, WCOLS, NC, WSEV, WDRIFT, NULL, 0, NULL),
          "0 windows, expected at least 1", "windows nwin = 0");
    fails(lt_driftfig_windows(WIN, NW, WCOLS, 0, WSEV, WDRIFT, NULL, 0, NULL),
          "0 columns, expected at least 1", "windows ncol = 0");
    fails(lt_driftfig_windows(WIN, NW, WCOLS, NC, NULL, WDRIFT, NULL, 0, NULL),
          "severity is NULL, expected 60 values", "windows NULL severity");
    fails(lt_driftfig_windows(WIN, NW, WCOLS, NC, WSEV, WDRIFT, lines, 2, NULL),
          "line 2 is column index 5, expected 0 to 4 (of 5 columns)", "windows line past the end");
    lines[1] = -1;
    fails(lt_driftfig_windows(WIN, NW, WCOLS, NC, WSEV, WDRIFT, lines, 2, NULL),
          "line 2 is column index -1", "windows negative line index");
    fails(lt_driftfig_windows(WIN, NW, WCOLS, NC, WSEV, WDRIFT, NULL, 2, NULL),
          "2 line columns but no indexes", "windows lines NULL");
    fails(lt_driftfig_windows(WIN, NW, WCOLS, NC, WSEV, WDRIFT, lines, -1, NULL),
          "-1 line columns", "windows nline < 0");
    const char *wholes[2] = {"2024-01", NULL}, *choles[2] = {NULL, "b"};
    fails(lt_driftfig_windows(wholes, 2, WCOLS, 1, WSEV, NULL, NULL, 0, NULL),
          "window 2 has no label", "windows unnamed window");
    fails(lt_driftfig_windows(WIN, 1, choles, 2, WSEV, NULL, NULL, 0, NULL),
          "column 1 has no name", "windows unnamed column");
}

/* ---- the terminal in colour ------------------------------------------ */

static const lt_cell *cell_at(const lt_canvas *c, int x, int y)
{
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static void test_terminal(void)
{
    lt_figure *f = fig_overview();
    int w, h;
    lt_text_size(f, 80, &w, &h);
    lt_text_opts o = {.width = w, .height = h};
    lt_canvas *c = lt_render_text(f, &o);
    if (ok(c != NULL, "overview drawn in colour")) {
        int x, y = 0;
        /* the bar right of each name: the colour of its kind */
        struct { const char *name; int color; } rows[] = {
            {"tenure", 0}, {"contract", 0}, {"payment_method_electronic_check", 7},
            {"gender", 7}};
        for (size_t k = 0; k < 4; k++) {
            y = 0;
            const lt_cell *at = find_text(c, rows[k].name, &x, &y);
            int bx = x + (int)strlen(rows[k].name) + 2;   /* " │" then the bar */
            ok(at && bx < c->w && cell_at(c, bx, y)->ch == 0x2588 &&
                   same_rgb(cell_at(c, bx, y)->fg, lt_palette_category(rows[k].color)),
               "%s: its bar in palette colour %d", rows[k].name, rows[k].color);
        }
        /* The value of the +Inf bar, inside it: white on the bar's blue. */
        y = 0;
        const lt_cell *v = find_text(c, "ks p < 1e-16", &x, &y);
        ok(v && (v->flags & LT_CELL_BG) && same_rgb(v->bg, lt_palette_category(0)) &&
               same_rgb(v->fg, lt_palette_contrast(lt_palette_category(0))),
           "the value of a bar at the edge inside it, in white on its colour");
        /* The long name whole, a value past a short bar on the default
         * background. */
        y = 0;
        ok(find_text(c, "payment_method_electronic_check", &x, &y) != NULL,
           "a name of 31 characters shown whole in 80 columns");
        y = 0;
        v = find_text(c, "js 0.07", &x, &y);
        ok(v && !(v->flags & LT_CELL_BG) && cell_at(c, x - 1, y)->ch == ' ' &&
               cell_at(c, x - 2, y)->ch != ' ',
           "a value one cell past its bar");
    }
    lt_canvas_free(c);
    lt_figure_free(f);

    /* Overlaid histograms: the overlap mixed, each side alone in its own. */
    f = fig_numeric();
    o = (lt_text_opts){.width = 80, .height = 24};
    c = lt_render_text(f, &o);
    if (ok(c != NULL, "numeric drawn in colour")) {
        lt_rgb grey = lt_palette_category(7), blue = lt_palette_category(0);
        lt_rgb both = {(uint8_t)lround(grey.r + (blue.r - grey.r) * 0.5),
                       (uint8_t)lround(grey.g + (blue.g - grey.g) * 0.5),
                       (uint8_t)lround(grey.b + (blue.b - grey.b) * 0.5)};
        int nboth = 0, ngrey = 0, nblue = 0;
        for (int i = 0; i < c->w * c->h; i++) {
            const lt_cell *p = &c->cells[i];
            if (p->ch != 0x2588 || !(p->flags & LT_CELL_FG))
                continue;
            nboth += same_rgb(p->fg, both);
            ngrey += same_rgb(p->fg, grey);
            nblue += same_rgb(p->fg, blue);
        }
        ok(nboth > 50 && ngrey > 20 && nblue > 5,
           "full cells of the overlap mixed (%d), of the reference alone grey (%d), of the "
           "current alone blue (%d)", nboth, ngrey, nblue);
    }
    lt_canvas_free(c);
    lt_figure_free(f);

    /* Windows: the two panels' areas share their left and right edges. */
    f = fig_windows(true);
    lt_text_size(f, 80, &w, &h);
    o = (lt_text_opts){.width = w, .height = h, .mono = true};
    c = lt_render_text(f, &o);
    if (ok(c != NULL, "windows drawn")) {
        int corner[2], n = 0, right[2] = {0, 0};
        for (int y = 0; y < c->h && n < 2; y++)
            for (int x = 0; x < c->w; x++)
                if (cell_at(c, x, y)->ch == 0x2514) {   /* └ */
                    corner[n] = x;
                    for (int k = x + 1; k < c->w && (cell_at(c, k, y)->ch == 0x2500 ||
                                                     cell_at(c, k, y)->ch == 0x252C); k++)
                        right[n] = k;
                    n++;
                    break;
                }
        ok(n == 2 && corner[0] == corner[1] && right[0] == right[1],
           "heatmap and lines start and end in the same columns (%d..%d, %d..%d)",
           n > 0 ? corner[0] : -1, right[0], n > 1 ? corner[1] : -1, right[1]);
    }
    lt_canvas_free(c);
    lt_figure_free(f);
}

/* The pane of the workbench: each column shown has its own row, and its
 * bar; none twice. */
static void test_pane(void)
{
    lt_figure *f = fig_telco();
    lt_text_opts o = {.width = 59, .height = 22};
    lt_canvas *c = lt_render_text(f, &o);
    if (ok(c != NULL, "telco overview in the pane")) {
        int shown = 0, rows_ok = 0, last = -1;
        bool order = true;
        for (int y = 0; y < c->h; y++) {
            int x = 0, x0, yy = y;
            for (int r = 0; r < 19; r++) {
                const char *name = f->panels[0].y.cats[r];
                yy = y;
                if (find_text(c, name, &x0, &yy) && yy == y &&
                    cell_at(c, x0 + (int)strlen(name), y)->ch == ' ' &&
                    cell_at(c, x0 + (int)strlen(name) + 1, y)->ch == 0x2502) {
                    shown++;
                    order = order && r == last + 1;
                    last = r;
                    x = x0 + (int)strlen(name) + 2;
                    rows_ok += cell_at(c, x, y)->ch == 0x2588;
                    break;
                }
            }
        }
        ok(shown == 14 && rows_ok == 14 && order,
           "the 14 most severe columns, in order, a row and a bar each (%d shown, %d with bars)",
           shown, rows_ok);
        int x, y = 0;
        ok(find_text(c, "past the axis end: total_charges at 13.3; 5 more columns", &x, &y) &&
               y == c->h - 2 && find_text(c, "not shown, all below the threshold", &x, &y) &&
               y == c->h - 1,
           "the caption names the bar past the axis and counts the 5 left out, none drifted");
    }
    lt_canvas_free(c);
    lt_figure_free(f);
}

/* ---- Cairo ----------------------------------------------------------- */

/* a over b at opacity t, as Cairo composites it (to a unit). */
static lt_rgb over(lt_rgb a, lt_rgb b, double t)
{
    return (lt_rgb){(uint8_t)lround(a.r * t + b.r * (1 - t)),
                    (uint8_t)lround(a.g * t + b.g * (1 - t)),
                    (uint8_t)lround(a.b * t + b.b * (1 - t))};
}

static const lt_rgb WHITE = {255, 255, 255};

static void test_cairo(void)
{
    lt_rgb blue = lt_palette_category(0), grey = lt_palette_category(7);
    raster im;
    mapper m;

    /* Overview: drifted bars blue, the others grey, nothing for NaN. */
    lt_figure *f = fig_overview();
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        bool colours = true;
        for (int r = 0; r < 7; r++) {
            const lt_driftfig_bar *b = &OV[OV_ORDER[r]];
            double x = 0.5 * fmin(b->severity, 4.2);
            lt_rgb got = raster_px(&im, mx(&m, x), my(&m, r));
            bool want = cdist(got, b->drifted ? blue : grey) <= 2;
            if (!want)
                printf("#   %s: got %02x%02x%02x\n", b->column, got.r, got.g, got.b);
            colours = colours && want;
        }
        ok(colours, "every drifted bar in the accent colour, the others in grey");
        ok(cdist(raster_px(&im, mx(&m, 2.6), my(&m, 7)), WHITE) <= 2, "no bar for a NaN severity");
        /* The value of the +Inf bar in white inside it, near its end. */
        int white = 0;
        for (double x = mx(&m, 3.0); x < mx(&m, 4.2) - 2; x += 1)
            for (double dy = -4; dy <= 4; dy += 1)
                white += cdist(raster_px(&im, x, my(&m, 0) + dy), WHITE) <= 60;
        ok(white > 30, "the value inside the bar at the edge, in white (%d pixels)", white);
        /* The value of a short bar in dark ink just past it. */
        int ink = 0;
        for (double x = mx(&m, 0.7) + 2; x < mx(&m, 0.7) + 60; x += 1)
            for (double dy = -5; dy <= 5; dy += 1)
                ink += luminance(raster_px(&im, x, my(&m, 5) + dy)) < 100;
        ok(ink > 20, "the value past a short bar in dark ink (%d pixels)", ink);
        /* The threshold between the bars, grey and dashed. */
        int dash = 0, gap = 0;
        for (double y = my(&m, 6.3); y < my(&m, 6.7); y += 1) {
            lt_rgb p = raster_px(&im, mx(&m, 1), y);
            dash += cdist(p, LT_RGB_REF) <= 40;
            gap += cdist(p, WHITE) <= 30;
        }
        ok(dash > 3 && gap > 0, "the threshold at 1 between bars, dashed (%d on, %d off)",
           dash, gap);
        ok(cdist(raster_px(&im, mx(&m, 1), my(&m, 1)), blue) <= 2,
           "the threshold under the bars: a bar past it stays blue there");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* Numeric: grey where only the reference reaches, light blue where
     * only the current does, their mix where both do. */
    f = fig_numeric();
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        double mid0 = (EDGES[0] + EDGES[1]) / 2, mid6 = (EDGES[6] + EDGES[7]) / 2;
        double r0 = 640.0 / 5174, c0 = 90.0 / 1869, r6 = 790.0 / 5174, c6 = 370.0 / 1869;
        lt_rgb only_ref = raster_px(&im, mx(&m, mid0), my(&m, (r0 + c0) / 2));
        lt_rgb only_cur = raster_px(&im, mx(&m, mid6), my(&m, (r6 + c6) / 2));
        lt_rgb both = raster_px(&im, mx(&m, mid6), my(&m, r6 / 2));
        ok(cdist(only_ref, grey) <= 2, "reference alone: grey");
        ok(cdist(only_cur, over(blue, WHITE, 0.5)) <= 2, "current alone: blue at half opacity");
        ok(cdist(both, over(blue, grey, 0.5)) <= 2, "both: the mix of the two");
        ok(cdist(raster_px(&im, mx(&m, mid0), my(&m, r0 + 0.02)), WHITE) <= 30,
           "nothing above the taller bar");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* Categorical: grey over blue per pair. */
    f = fig_categorical();
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        ok(cdist(raster_px(&im, mx(&m, 0.1), my(&m, 1 - 1.0 / 3)), grey) <= 2 &&
               cdist(raster_px(&im, mx(&m, 0.05), my(&m, 1)), blue) <= 2,
           "each pair: the reference grey above, the current blue");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* 21 categories on the default page: too close for every value; the
     * current shares, beside the names, all shown. */
    const char *names[21];
    char nbuf[21][32];
    int64_t r21[21], c21[21];
    for (int i = 0; i < 21; i++) {
        snprintf(nbuf[i], sizeof nbuf[i], "category %d", i);
        names[i] = nbuf[i];
        r21[i] = 2000 / (i + 1);
        c21[i] = 1500 / (i + 2) + (i % 3) * 40;
    }
    f = lt_driftfig_categorical(names, 21, r21, c21, "product", NULL, NULL);
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        int64_t nc = 0;
        for (int i = 0; i < 21; i++)
            nc += c21[i];
        int shown = 0;
        for (int i = 0; i < 21; i++) {
            double end = mx(&m, (double)c21[i] / (double)nc);
            int ink = 0;
            for (double x = end + 3; x < end + 40; x += 1)
                for (double dy = -3; dy <= 3; dy += 1)
                    ink += luminance(raster_px(&im, x, my(&m, i) + dy)) < 110;
            shown += ink > 8;
        }
        is_int(shown, 21, "21 pairs: the current share past every current bar");
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* Windows: cells in Blues by severity, darker for higher; NaN grey. */
    f = fig_windows(true);
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        bool exact = true, darker = true;
        double prev = 1e9;
        for (int w = 0; w < NW; w++) {
            /* row 0 rises: 0, 0.25, ..., 2.75; away from the dots */
            lt_rgb p = raster_px(&im, mx(&m, w - 0.3), my(&m, 0 - 0.3));
            exact = exact && cdist(p, lt_palette_map(LT_CMAP_BLUES, 0.25 * w / 2.75)) <= 1;
            darker = darker && luminance(p) < prev;
            prev = luminance(p);
        }
        ok(exact, "each cell in Blues at its severity / 2.75");
        ok(darker, "a higher severity, a darker cell");
        ok(cdist(raster_px(&im, mx(&m, 0), my(&m, 4)), lt_palette_map(LT_CMAP_BLUES, NAN)) <= 1,
           "a window not compared: grey");
        ok(cdist(raster_px(&im, mx(&m, 6.3), my(&m, 2.3)), lt_palette_map(LT_CMAP_BLUES, 1)) <= 1,
           "+Inf in the darkest colour");
        /* the dot of a drifted dark cell: white ink at its centre */
        int white = 0;
        for (double dx = -4; dx <= 4; dx += 1)
            for (double dy = -4; dy <= 4; dy += 1)
                white += cdist(raster_px(&im, mx(&m, 11) + dx, my(&m, 0) + dy), WHITE) <= 60;
        ok(white > 3, "a drifted dark cell carries a white dot (%d pixels)", white);
        mapper_fini(&m);
        mapper m2;
        if (mapper_init(&m2, f, &im.o, 1)) {
            ok(fabs(m2.x - m.x) < 1 && fabs(m2.w - m.w) < 1,
               "the lines panel under the heatmap's columns (x %.0f / %.0f, w %.0f / %.0f)",
               m2.x, m.x, m2.w, m.w);
            int grey_on = 0;
            for (double x = m2.x + 2; x < m2.x + m2.w - 2; x += 1)
                grey_on += cdist(raster_px(&im, x, my(&m2, 1)), LT_RGB_REF) <= 40;
            ok(grey_on > m2.w / 3, "the threshold at 1 across the lines panel");
            mapper_fini(&m2);
        }
    }
    free(im.px);
    lt_figure_free(f);

    /* The telco overview on the default page: 19 bars, each in its own
     * band (white between them); total_charges past the axis cap of 10:
     * drawn to the edge, broken by a white gap before a stub, its value
     * in white on a tag of its colour left of the gap. */
    f = fig_telco();
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        int own = 0;
        for (int r = 0; r < 19; r++) {
            const lt_driftfig_bar *b = NULL;
            for (int i = 0; i < 19; i++)
                if (strcmp(TELCO[i].column, f->panels[0].y.cats[r]) == 0)
                    b = &TELCO[i];
            double x = mx(&m, fmin(b->severity, 10) / 2);
            /* (a bar under 4 px long: only its band) */
            bool in = mx(&m, b->severity) - m.x < 4 ||
                      cdist(raster_px(&im, x, my(&m, r)), b->drifted ? blue : grey) <= 2;
            bool apart = r == 18 || cdist(raster_px(&im, x, my(&m, r + 0.5)), WHITE) <= 2;
            own += in && apart;
        }
        is_int(own, 19, "19 bars, each in its own band, white between them");
        double y = my(&m, 0), end = m.x + m.w;
        int gap = 0, gap_at = -1;
        for (int x = (int)(end - 40); x < (int)end - 1; x++)
            if (cdist(raster_px(&im, x, y), WHITE) <= 40) {
                gap++;
                gap_at = x;
            }
        ok(gap >= 2 && gap <= 12 && gap_at < end - 6,
           "a white gap (%d px) in the bar past the axis, before its end", gap);
        ok(cdist(raster_px(&im, end - 2, y), blue) <= 2 && cdist(raster_px(&im, end - 40, y), blue) <= 40,
           "the bar's colour on both sides of the gap");
        /* the tag: the bar's colour above and below the bar's own band,
         * left of the gap, around white text */
        double top = my(&m, -0.24), bottom = my(&m, 0.24);
        int tag_above = 0, tag_below = 0, ink = 0, all = 0;
        for (double x = mx(&m, 7.5); x < end - 40; x += 1) {
            tag_above += cdist(raster_px(&im, x, top - 3), blue) <= 2;
            tag_below += cdist(raster_px(&im, x, bottom + 3), blue) <= 2;
            for (double yy = top; yy <= bottom; yy += 1, all++)
                ink += cdist(raster_px(&im, x, yy), WHITE) <= 60;
        }
        ok(tag_above > 60 && tag_below > 60,
           "the value on a tag of the bar's colour, taller than the bar (%d, %d px)", tag_above,
           tag_below);
        /* (on a white halo, most of the bar there would be white) */
        ok(ink > 60 && ink < all / 4,
           "its text in white on the tag, no white halo (%d of %d px white)", ink, all);
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);

    /* 200 columns on the default page: thin bars still in their colours. */
    f = fig_many(200);
    if (draw_raster(f, 1200, 750, &im) && mapper_init(&m, f, &im.o, 0)) {
        /* (the 150 longest reach past 0.02) */
        int blue_rows = 0, grey_rows = 0;
        for (int r = 0; r < 150; r++) {
            lt_rgb p = raster_px(&im, mx(&m, 0.02), my(&m, r));
            blue_rows += cdist(p, blue) <= 30;
            grey_rows += cdist(p, grey) <= 30;
        }
        ok(blue_rows + grey_rows >= 145 && blue_rows > 40 && grey_rows > 40,
           "bars of 200 columns drawn solid, no white edges (%d blue, %d grey rows of 150)",
           blue_rows, grey_rows);
        mapper_fini(&m);
    }
    free(im.px);
    lt_figure_free(f);
}

int main(void)
{
    make_windows();
    test_snapshots();
    test_overview_layers();
    test_overview_ranks();
    test_numeric_layers();
    test_categorical_layers();
    test_windows_layers();
    test_windows_ranks();
    test_errors();
    test_terminal();
    test_pane();
    test_cairo();
    cairo_debug_reset_static_data();
    FcFini();
    return tap_done();
}
