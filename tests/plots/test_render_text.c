/* The text renderer: snapshots of representative figures, drawn without
 * colour at fixed sizes and compared exactly with tests/plots/snapshots/
 * NAME.txt (snapshot.h says how to update them).
 *
 * Also: every line fits the width, ASCII mode writes only ASCII, the
 * colour modes emit the SGR of known cells, lt_text_size, and the errors
 * (an empty figure, a log axis with non-positive values, tiny sizes). */
#include <math.h>
#include <stdlib.h>

#include "canvas.h"
#include "error.h"
#include "figure.h"
#include "palette.h"
#include "render_text.h"
#include "snapshot.h"
#include "tap.h"

/* ---- figures --------------------------------------------------------- */

/* Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG). */
static double lcg(unsigned *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (*state >> 8) / 16777216.0;
}

/* Microseconds since 1970 of a calendar day (proleptic Gregorian). */
static double day_us(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    double days = era * 146097.0 + doe - 719468;
    return days * 86400e6;
}

static lt_figure *fig_lines(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Model loss");
    lt_figure_set_str(&f->subtitle, "training and validation, 40 epochs");
    lt_panel *p = &f->panels[0];
    double x[40], a[40], b[40];
    for (int i = 0; i < 40; i++) {
        x[i] = i + 1;
        a[i] = 0.25 + 2.0 * exp(-i / 8.0);
        b[i] = 0.45 + 1.8 * exp(-i / 10.0) + 0.004 * i;
    }
    lt_panel_add_xy(p, LT_LAYER_LINE, x, a, 40, "train");
    lt_panel_add_xy(p, LT_LAYER_LINE, x, b, 40, "validation");
    lt_figure_set_str(&p->x.label, "epoch");
    lt_figure_set_str(&p->y.label, "loss");
    return f;
}

static lt_figure *fig_scatter(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Tenure and total charges");
    lt_panel *p = &f->panels[0];
    double x[200], y[200];
    unsigned st = 42;
    for (int i = 0; i < 200; i++) {
        x[i] = 72 * lcg(&st);
        y[i] = x[i] * (20 + 90 * lcg(&st));
    }
    lt_panel_add_xy(p, LT_LAYER_POINTS, x, y, 200, NULL);
    lt_figure_set_str(&p->x.label, "tenure (months)");
    lt_figure_set_str(&p->y.label, "total charges");
    return f;
}

/* Vertical bars of width 0.8 on a categorical x axis. */
static lt_figure *fig_bars(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Payment method");
    lt_panel *p = &f->panels[0];
    const char *cats[4] = {"Electronic check", "Mailed check", "Bank transfer (automatic)",
                           "Credit card (automatic)"};
    lt_axis_set_categories(&p->x, cats, 4);
    p->y.zero = true;
    double x0[4], x1[4], y0[4] = {0}, y1[4] = {2365, 1612, 1544, 1522};
    for (int i = 0; i < 4; i++) {
        x0[i] = i - 0.4;
        x1[i] = i + 0.4;
    }
    lt_panel_add_rects(p, x0, x1, y0, y1, 4, NULL);
    lt_figure_set_str(&p->y.label, "customers");
    return f;
}

static lt_figure *fig_hbars(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Churn rate by contract");
    lt_panel *p = &f->panels[0];
    const char *cats[3] = {"Month-to-month", "One year", "Two year"};
    lt_axis_set_categories(&p->y, cats, 3);
    p->x.zero = true;
    double x0[3] = {0}, x1[3] = {0.427, 0.113, 0.028}, y0[3], y1[3];
    for (int i = 0; i < 3; i++) {
        y0[i] = i - 0.3;
        y1[i] = i + 0.3;
    }
    lt_layer *l = lt_panel_add_rects(p, x0, x1, y0, y1, 3, NULL);
    l->horizontal = true;
    lt_figure_set_str(&p->x.label, "churn rate");
    return f;
}

static lt_figure *fig_stacked(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Contracts by churn");
    lt_panel *p = &f->panels[0];
    const char *cats[3] = {"Month-to-month", "One year", "Two year"};
    lt_axis_set_categories(&p->x, cats, 3);
    p->y.zero = true;
    double x0[3], x1[3], no0[3] = {0}, no1[3] = {2220, 1307, 1647}, yes1[3] = {3875, 1473, 1695};
    for (int i = 0; i < 3; i++) {
        x0[i] = i - 0.4;
        x1[i] = i + 0.4;
    }
    lt_panel_add_rects(p, x0, x1, no0, no1, 3, "No");
    lt_panel_add_rects(p, x0, x1, no1, yes1, 3, "Yes");
    return f;
}

static lt_figure *fig_grouped(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Contracts by churn");
    lt_panel *p = &f->panels[0];
    const char *cats[3] = {"Month-to-month", "One year", "Two year"};
    lt_axis_set_categories(&p->x, cats, 3);
    p->y.zero = true;
    double ax0[3], ax1[3], bx0[3], bx1[3], y0[3] = {0}, no[3] = {2220, 1307, 1647},
                                            yes[3] = {1655, 166, 48};
    for (int i = 0; i < 3; i++) {
        ax0[i] = i - 0.4;
        ax1[i] = i;
        bx0[i] = i;
        bx1[i] = i + 0.4;
    }
    lt_panel_add_rects(p, ax0, ax1, y0, no, 3, "No");
    lt_panel_add_rects(p, bx0, bx1, y0, yes, 3, "Yes");
    return f;
}

static lt_figure *fig_hist(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Monthly charges");
    lt_panel *p = &f->panels[0];
    double counts[12] = {1606, 107, 281, 414, 568, 718, 803, 935, 708, 502, 293, 108};
    double x0[12], x1[12], y0[12] = {0};
    for (int i = 0; i < 12; i++) {
        x0[i] = 10 + 10 * i;
        x1[i] = 20 + 10 * i;
    }
    p->y.zero = true;
    lt_panel_add_rects(p, x0, x1, y0, counts, 12, NULL);
    lt_figure_set_str(&p->x.label, "monthly charges ($)");
    lt_figure_set_str(&p->y.label, "count");
    return f;
}

/* Air passengers 1958-1960 and a forecast of 1961 with 80% and 95% bands. */
static lt_figure *fig_forecast(void)
{
    static const double air[36] = {340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
                                   360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
                                   417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432};
    static const double fc[12] = {446, 420, 449, 492, 503, 566, 654, 638, 538, 490, 418, 462};
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Air passengers: forecast for 1961");
    lt_panel *p = &f->panels[0];
    p->x.scale = LT_SCALE_TIME;
    p->x.tkind = LT_DATE;
    double t[36], tf[12], lo95[12], hi95[12], lo80[12], hi80[12];
    for (int i = 0; i < 36; i++)
        t[i] = day_us(1958 + i / 12, i % 12 + 1, 1);
    for (int i = 0; i < 12; i++) {
        tf[i] = day_us(1961, i + 1, 1);
        double s = 12 + 3.0 * i;
        lo95[i] = fc[i] - 1.96 * s;
        hi95[i] = fc[i] + 1.96 * s;
        lo80[i] = fc[i] - 1.28 * s;
        hi80[i] = fc[i] + 1.28 * s;
    }
    /* (A layer pointer lasts until the next layer is added.) */
    lt_panel_add_band(p, tf, lo95, hi95, 12, "95%")->color = 0;
    lt_panel_add_band(p, tf, lo80, hi80, 12, "80%")->color = 0;
    lt_panel_add_xy(p, LT_LAYER_LINE, t, air, 36, "observed");
    lt_layer *l = lt_panel_add_xy(p, LT_LAYER_LINE, tf, fc, 12, "forecast");
    l->color = 0;
    l->dashed = true;
    lt_figure_set_str(&p->y.label, "passengers (thousands)");
    return f;
}

static lt_figure *fig_boxes(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Body mass by species");
    lt_panel *p = &f->panels[0];
    const char *cats[3] = {"Adelie", "Chinstrap", "Gentoo"};
    lt_axis_set_categories(&p->x, cats, 3);
    double o1[2] = {2850, 4775}, o3[1] = {6300};
    lt_box_stats b[3] = {
        {2850, 3350, 3700, 4000, 4775, 2, o1},
        {2700, 3487.5, 3700, 3950, 4800, 0, NULL},
        {3950, 4700, 5000, 5500, 6050, 1, o3},
    };
    b[0].lo_whisker = 2900;
    b[0].hi_whisker = 4675;
    double x[3] = {0, 1, 2};
    lt_panel_add_boxes(p, x, b, 3, NULL);
    lt_figure_set_str(&p->y.label, "body mass (g)");
    return f;
}

static lt_figure *fig_heatmap(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Confusion matrix");
    lt_panel *p = &f->panels[0];
    const char *cls[3] = {"setosa", "versicolor", "virginica"};
    lt_axis_set_categories(&p->x, cls, 3);
    lt_axis_set_categories(&p->y, cls, 3);
    double z[9] = {50, 0, 0, 0, 47, 3, 0, 4, 46};
    const char *txt[9] = {"50", "0", "0", "0", "47", "3", "0", "4", "46"};
    lt_panel_add_heatmap(p, z, 3, 3, txt, LT_CMAP_SEQUENTIAL);
    lt_figure_set_str(&p->x.label, "predicted");
    lt_figure_set_str(&p->y.label, "actual");
    return f;
}

static lt_figure *fig_text(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Cluster centres");
    lt_panel *p = &f->panels[0];
    double x[4] = {-2, 1.5, 0.2, 2.4}, y[4] = {1, 2, -1.5, -0.5};
    lt_panel_add_xy(p, LT_LAYER_POINTS, x, y, 4, NULL);
    double ty[4] = {1.35, 2.35, -1.15, -0.15};
    const char *t[4] = {"young, monthly", "loyal", "new, cheap", "fibre \xc3\xa9lite"};
    lt_panel_add_text(p, x, ty, t, 4);
    return f;
}

static lt_figure *fig_refs(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Residuals");
    lt_panel *p = &f->panels[0];
    double x[60], y[60];
    unsigned st = 7;
    for (int i = 0; i < 60; i++) {
        x[i] = i;
        y[i] = (lcg(&st) - 0.5) * 4 + (i > 45 ? 2.5 : 0);
    }
    lt_panel_add_xy(p, LT_LAYER_POINTS, x, y, 60, NULL);
    double h = 0, v = 45;
    lt_panel_add_refs(p, LT_LAYER_HLINE, &h, 1, NULL);
    lt_panel_add_refs(p, LT_LAYER_VLINE, &v, 1, "change point");
    return f;
}

static lt_figure *fig_facets(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Seasonal decomposition");
    const char *names[4] = {"observed", "trend", "seasonal", "remainder"};
    for (int k = 0; k < 4; k++) {
        lt_panel *p = k == 0 ? &f->panels[0] : lt_figure_add_panel(f);
        lt_figure_set_str(&p->title, names[k]);
        double x[48], y[48];
        for (int i = 0; i < 48; i++) {
            x[i] = i;
            double trend = 100 + 2 * i, season = 20 * sin(i * M_PI / 6);
            double rem = 5 * sin(i * 1.7) * cos(i * 0.3);
            y[i] = k == 0 ? trend + season + rem : k == 1 ? trend : k == 2 ? season : rem;
        }
        lt_panel_add_xy(p, LT_LAYER_LINE, x, y, 48, NULL);
        lt_figure_set_str(&p->x.label, "month");
    }
    lt_figure_grid(f, 2);
    return f;
}

static lt_figure *fig_log(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Bacterial growth");
    lt_panel *p = &f->panels[0];
    p->y.scale = LT_SCALE_LOG;
    double x[25], y[25];
    for (int i = 0; i < 25; i++) {
        x[i] = i;
        y[i] = 10 * pow(1.9, i < 18 ? i : 18);
    }
    lt_panel_add_xy(p, LT_LAYER_LINE, x, y, 25, "colonies");
    lt_figure_set_str(&p->x.label, "hours");
    lt_figure_set_str(&p->y.label, "cells per ml");
    return f;
}

static lt_figure *fig_one_point(void)
{
    lt_figure *f = lt_figure_new();
    double x = 3, y = 7;
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, &x, &y, 1, NULL);
    return f;
}

static lt_figure *fig_equal(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "A flat line");
    double x[5] = {1, 2, 3, 4, 5}, y[5] = {2, 2, 2, 2, 2};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 5, NULL);
    return f;
}

static lt_figure *fig_huge(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Huge range");
    double x[13], y[13];
    for (int i = 0; i < 13; i++) {
        x[i] = i;
        y[i] = pow(10, i - 3);
    }
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 13, NULL);
    return f;
}

static lt_figure *fig_many_cats(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "1000 categories");
    lt_panel *p = &f->panels[0];
    char *names[1000];
    double x0[1000], x1[1000], y0[1000] = {0}, y1[1000];
    unsigned st = 3;
    for (int i = 0; i < 1000; i++) {
        names[i] = malloc(16);
        snprintf(names[i], 16, "item%03d", i);
        x0[i] = i - 0.4;
        x1[i] = i + 0.4;
        y1[i] = 10 + 90 * lcg(&st);
    }
    lt_axis_set_categories(&p->x, (const char *const *)names, 1000);
    for (int i = 0; i < 1000; i++)
        free(names[i]);
    p->y.zero = true;
    lt_panel_add_rects(p, x0, x1, y0, y1, 1000, NULL);
    return f;
}

/* Three crossing series fill every corner: the legend goes right; a
 * NaN breaks a line; a caption notes it. */
static lt_figure *fig_legend_right(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Cumulative churn by cohort");
    lt_panel *p = &f->panels[0];
    const char *names[3] = {"2019 cohort", "2020 cohort", "2021 cohort"};
    for (int k = 0; k < 3; k++) {
        double x[30], y[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i;
            y[i] = k == 1 && i == 12 ? NAN : (k == 2 ? 30 - i : i) * (1 + 0.2 * k) + 4 * sin(i / 3.0 + k);
        }
        lt_panel_add_xy(p, k == 1 ? LT_LAYER_STEP : LT_LAYER_LINE, x, y, 30, names[k]);
    }
    lt_figure_note(f, "1 missing value skipped");
    lt_figure_set_str(&p->x.label, "months since signup");
    return f;
}

/* Many long and wide-character category names on the y axis: every
 * k-th is shown, cut with an ellipsis; the legend goes below. */
static lt_figure *fig_hbars_many(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Revenue by city");
    f->legend = LT_LEGEND_BOTTOM;
    lt_panel *p = &f->panels[0];
    char *names[24];
    double x0[24] = {0}, x1[24], y0[24], y1[24];
    for (int i = 0; i < 24; i++) {
        names[i] = malloc(64);
        if (i % 3 == 1)
            snprintf(names[i], 64, "\xe6\x9d\xb1\xe4\xba\xac %d", i);     /* 東京 */
        else
            snprintf(names[i], 64, "Saint-Jean-sur-Richelieu district %d", i);
        x1[i] = 100 + 37 * ((i * 7) % 11);
        y0[i] = i - 0.4;
        y1[i] = i + 0.4;
    }
    lt_axis_set_categories(&p->y, (const char *const *)names, 24);
    for (int i = 0; i < 24; i++)
        free(names[i]);
    p->x.zero = true;
    lt_panel_add_rects(p, x0, x1, y0, y1, 24, "revenue (k$)")->horizontal = true;
    return f;
}

/* A correlation heatmap on the diverging map (centred on 0). */
static lt_figure *fig_corr(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Correlations");
    lt_panel *p = &f->panels[0];
    const char *v[4] = {"tenure", "monthly", "total", "churn"};
    lt_axis_set_categories(&p->x, v, 4);
    lt_axis_set_categories(&p->y, v, 4);
    double z[16] = {1, 0.25, 0.83, -0.35, 0.25, 1, 0.65, 0.19,
                    0.83, 0.65, 1, -0.2, -0.35, 0.19, -0.2, 1};
    const char *t[16];
    char buf[16][8];
    for (int i = 0; i < 16; i++) {
        snprintf(buf[i], 8, "%.2f", z[i]);
        t[i] = buf[i];
    }
    lt_panel_add_heatmap(p, z, 4, 4, t, LT_CMAP_DIVERGING);
    return f;
}

static void test_snapshots(void)
{
    snapshot("lines", fig_lines(), 60, 16);
    snapshot("scatter", fig_scatter(), 60, 16);
    snapshot("bars", fig_bars(), 60, 16);
    snapshot("hbars", fig_hbars(), 60, 10);
    snapshot("stacked", fig_stacked(), 60, 16);
    snapshot("grouped", fig_grouped(), 60, 16);
    snapshot("hist", fig_hist(), 60, 16);
    snapshot("forecast", fig_forecast(), 80, 20);
    snapshot("boxes", fig_boxes(), 60, 18);
    snapshot("heatmap", fig_heatmap(), 50, 14);
    snapshot("text", fig_text(), 60, 16);
    snapshot("refs", fig_refs(), 60, 14);
    snapshot("facets", fig_facets(), 80, 24);
    snapshot("log", fig_log(), 60, 16);
    snapshot("one_point", fig_one_point(), 40, 10);
    snapshot("equal", fig_equal(), 40, 10);
    snapshot("huge", fig_huge(), 60, 14);
    snapshot("many_cats", fig_many_cats(), 60, 12);
    snapshot("tiny", fig_lines(), 20, 5);
    snapshot("legend_right", fig_legend_right(), 70, 16);
    snapshot("hbars_many", fig_hbars_many(), 60, 16);
    snapshot("corr", fig_corr(), 50, 14);
}

/* The text without its SGR sequences (caller frees). */
static char *strip_sgr(const char *s)
{
    char *d = malloc(strlen(s) + 1), *o = d;
    while (d && *s) {
        if (s[0] == '\x1b' && s[1] == '[') {
            s += 2;
            while (*s && *s != 'm')
                s++;
            if (*s)
                s++;
            continue;
        }
        *o++ = *s++;
    }
    if (d)
        *o = '\0';
    return d;
}

static bool all_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static void test_ascii(void)
{
    lt_figure *(*figs[])(void) = {fig_lines, fig_bars, fig_hbars, fig_stacked, fig_forecast,
                                  fig_boxes, fig_heatmap, fig_text, fig_facets};
    int good = 0, n = (int)(sizeof figs / sizeof *figs);
    for (int i = 0; i < n; i++) {
        lt_figure *f = figs[i]();
        lt_text_opts o = {.width = 70, .height = 18, .ascii = true};
        char *plain = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
        char *col = lt_figure_to_text(f, &o, LT_COLOR_TRUE, NULL);
        good += plain && col && all_ascii(plain) && all_ascii(col);
        free(plain);
        free(col);
        lt_figure_free(f);
    }
    is_int(good, n, "ASCII mode writes only ASCII, with and without colour");
    lt_text_opts o = {.width = 60, .height = 14, .ascii = true};
    lt_figure *f = fig_bars();
    char *s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    lt_figure_free(f);
    ok(s && strstr(s, "2,000 +") && strstr(s, "      +------+") && strstr(s, "| ###########"),
       "ASCII axes and bars: '+' ticks, '-' and '|' lines, '#' blocks");
    ok(s && strstr(s, "Electronic~"), "a cut label ends in '~'");
    free(s);
}

static void test_colour(void)
{
    /* The first bar's bottom cell is a full block in category colour 0. */
    lt_figure *f = fig_bars();
    lt_text_opts o = {.width = 60, .height = 16};
    lt_canvas *c = lt_render_text(f, &o);
    const lt_cell *cell = c ? &c->cells[13 * 60 + 10] : NULL;
    ok(cell && cell->ch == 0x2588 && (cell->flags & LT_CELL_FG) && cell->fg.r == 0x00 &&
       cell->fg.g == 0x72 && cell->fg.b == 0xB2, "bar cell: U+2588 in #0072B2");
    lt_canvas_free(c);
    char *s256 = lt_figure_to_text(f, &o, LT_COLOR_256, NULL);
    char *stc = lt_figure_to_text(f, &o, LT_COLOR_TRUE, NULL);
    ok(s256 && strstr(s256, "\x1b[0;38;5;25m\xe2\x96\x88"), "256 colours: the bar is colour 25");
    ok(stc && strstr(stc, "\x1b[0;38;2;0;114;178m\xe2\x96\x88"), "24-bit: the bar is 0;114;178");
    ok(stc && strstr(stc, "\x1b[0;1mPayment method\x1b[0m"), "the title is bold");
    ok(stc && strstr(stc, "\x1b[0;38;2;138;138;138m2,000 \xe2\x94\xa4"),
       "tick labels and the axis in the muted grey");
    char *plain = stc ? strip_sgr(stc) : NULL;
    char *mono = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    ok(plain && mono && strcmp(plain, mono) == 0, "colour adds only SGR sequences to the text");
    free(plain);
    free(mono);
    free(s256);
    free(stc);
    lt_figure_free(f);

    /* Heatmap: the cell of 50 is viridis' top with dark text; without
     * colour, a full shade. */
    f = fig_heatmap();
    o = (lt_text_opts){.width = 50, .height = 14};
    stc = lt_figure_to_text(f, &o, LT_COLOR_TRUE, NULL);
    ok(stc && strstr(stc, "\x1b[0;38;2;34;34;34;48;2;253;231;37m50"),
       "heatmap: 50 in #222222 on #FDE725");
    ok(stc && strstr(stc, "\x1b[0;38;2;255;255;255;48;2;68;1;84m0"),
       "heatmap: 0 in white on #440154");
    plain = stc ? strip_sgr(stc) : NULL;
    ok(plain && fits(plain, 50, 14), "heatmap in colour fits 50 x 14");
    ok(plain && !strstr(plain, "\xe2\x96\x88"), "heatmap in colour has no shade blocks");
    free(plain);
    free(stc);
    lt_figure_free(f);
}

static void test_errors(void)
{
    lt_text_opts o = {.width = 60, .height = 16};
    lt_figure *f = lt_figure_new();
    ok(lt_render_text(f, &o) == NULL, "an empty figure is not drawn");
    is_str(lt_errmsg(), "plot: nothing to draw (no data)", "empty figure message");
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, NULL, NULL, 0, "none");
    ok(lt_figure_to_text(f, &o, LT_COLOR_TRUE, NULL) == NULL, "a layer of no points is empty too");
    is_str(lt_errmsg(), "plot: nothing to draw (no data)", "same message");
    lt_figure_free(f);

    f = lt_figure_new();
    double x[3] = {1, 2, 3}, y[3] = {5, -1, 10};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, x, y, 3, NULL);
    f->panels[0].y.scale = LT_SCALE_LOG;
    ok(lt_render_text(f, &o) == NULL, "a log axis with a negative value is an error");
    ok(strstr(lt_errmsg(), "log") != NULL, "the scale's message: %s", lt_errmsg());
    f->panels[0].y.scale = LT_SCALE_LINEAR;
    o.width = 19;
    ok(lt_render_text(f, &o) == NULL, "19 columns are too few");
    is_str(lt_errmsg(), "plot: 19 x 16 cells is too small, expected at least 20 x 5", "size message");
    o = (lt_text_opts){.width = 20, .height = 5};
    lt_canvas *c = lt_render_text(f, &o);
    ok(c != NULL, "20 x 5 is drawn");
    lt_canvas_free(c);
    lt_figure_free(f);
}

static void test_size(void)
{
    lt_figure *f = fig_lines();   /* title and subtitle */
    int w, h;
    lt_text_size(f, 120, &w, &h);
    ok(w == 100 && h == 26, "wide terminal: 100 x (24 + 2), got %d x %d", w, h);
    lt_text_size(f, 50, &w, &h);
    ok(w == 50 && h == 22, "50 columns: 50 x (20 + 2), got %d x %d", w, h);
    lt_text_size(f, 30, &w, &h);
    ok(w == 30 && h == 14, "30 columns: 30 x (12 + 2), got %d x %d", w, h);
    lt_text_size(f, 0, &w, &h);
    ok(w == 80 && h == 26, "no terminal width: 80 columns, got %d x %d", w, h);
    f->text_width = 70;
    f->text_height = 15;
    lt_text_size(f, 200, &w, &h);
    ok(w == 70 && h == 15, "the figure's hints win, got %d x %d", w, h);
    lt_figure_free(f);
    f = fig_facets();            /* 2 x 2, a title */
    lt_figure_note(f, "48 months");
    lt_text_size(f, 80, &w, &h);
    ok(w == 80 && h == 2 * 24 + 1 + 1, "2 rows of facets, title and caption, got %d x %d", w, h);
    lt_figure_free(f);
}

/* ---- a categorical y axis cut short, bars past the axis ------------- */

/* 24 horizontal bars named c0 .. c23 with their value as a label past
 * them; notes for a terminal too short (figure.h: lt_axis.more) when
 * `notes`; with `past`, bar c0 runs to 300 and c1 to +Inf on an axis
 * ending at 100. */
static lt_figure *fig_cut(bool notes, bool past)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    char names[24][8], labels[24][16], more[24][48];
    const char *np[24], *lp[24], *mp[24];
    double x0[24] = {0}, x1[24], y0[24], y1[24], ty[24];
    for (int i = 0; i < 24; i++) {
        snprintf(names[i], sizeof names[i], "c%d", i);
        x1[i] = 96 - 4 * i;
        snprintf(labels[i], sizeof labels[i], "%g", x1[i]);
        snprintf(more[i], sizeof more[i], "%d more not shown", 24 - i);
        np[i] = names[i];
        lp[i] = labels[i];
        mp[i] = i == 0 ? NULL : more[i];
        y0[i] = i - 0.3;
        y1[i] = i + 0.3;
        ty[i] = i;
    }
    if (past) {
        x1[0] = 300;
        x1[1] = INFINITY;
        snprintf(labels[0], sizeof labels[0], "300");
        snprintf(labels[1], sizeof labels[1], "inf");
    }
    lt_panel_add_rects(p, x0, x1, y0, y1, 24, NULL)->horizontal = true;
    lt_layer *t = lt_panel_add_text(p, x1, ty, lp, 24);
    t->align = LT_TEXT_AFTER;
    if (past)
        t->x[0] = t->x[1] = 100;
    lt_axis_set_categories(&p->y, np, 24);
    if (notes)
        lt_axis_set_more(&p->y, mp);
    p->x.lo = 0;
    p->x.hi = 100;
    return f;
}

/* The row of the canvas whose text starts with `s` after spaces, or -1. */
static int row_named(const lt_canvas *c, const char *s)
{
    for (int y = 0; y < c->h; y++) {
        int x = 0;
        while (x < c->w && c->cells[y * c->w + x].ch == ' ')
            x++;
        size_t k = 0;
        while (s[k] && x + (int)k < c->w && c->cells[y * c->w + x + (int)k].ch == (uint32_t)s[k])
            k++;
        if (s[k] == '\0' && x + (int)k < c->w && c->cells[y * c->w + x + (int)k].ch == ' ')
            return y;
    }
    return -1;
}

static void test_cut(void)
{
    /* 24 categories in 16 rows: the first that fit, a row each, the note
     * of the rest in the caption. */
    snapshot("hbars_cut", fig_cut(true, false), 40, 16);
    lt_figure *f = fig_cut(true, false);
    lt_text_opts o = {.width = 40, .height = 16};
    lt_canvas *c = lt_render_text(f, &o);
    if (ok(c != NULL, "cut: drawn")) {
        /* 16 rows: the axis, its ticks and the caption leave 13 */
        bool rows = true;
        for (int i = 0; i < 13; i++) {
            char nm[8];
            snprintf(nm, sizeof nm, "c%d", i);
            int y = row_named(c, nm);
            rows = rows && y == i && c->cells[y * c->w + 5].ch == 0x2588;
        }
        ok(rows, "c0 .. c12 named, one a row, each with its bar");
        ok(row_named(c, "c13") < 0, "c13 not shown");
        int x = 0;
        while (x < c->w && c->cells[15 * c->w + x].ch == ' ')
            x++;
        ok(c->cells[15 * c->w + x].ch == '1' && c->cells[15 * c->w + x + 1].ch == '1',
           "the caption: the note for 13 kept (\"11 more not shown\")");
    }
    lt_canvas_free(c);
    is_int(f->panels[0].y.ncat, 24, "the figure itself is left whole");
    /* Tall enough: nothing cut, no caption. */
    o.height = 30;
    char *s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    ok(s && strstr(s, "c23 ") && !strstr(s, "not shown"), "30 rows: all 24, no note");
    free(s);
    lt_figure_free(f);
    /* Without notes the categories share rows, as before. */
    f = fig_cut(false, false);
    o.height = 16;
    s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    ok(s && !strstr(s, "not shown") && strstr(s, "c22 "), "without notes: thinned names, no cut");
    free(s);
    lt_figure_free(f);

    /* A heatmap of 30 rows, points at them, an hline: cut alike. */
    f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double z[30 * 2], px[30], py[30];
    const char *rn[30], *cn[2] = {"a", "b"}, *mp[30];
    char rbuf[30][8], mbuf[30][32];
    for (int i = 0; i < 30; i++) {
        z[2 * i] = i;
        z[2 * i + 1] = 30 - i;
        px[i] = i % 2;
        py[i] = i;
        snprintf(rbuf[i], sizeof rbuf[i], "r%d", i);
        snprintf(mbuf[i], sizeof mbuf[i], "%d rows left out", 30 - i);
        rn[i] = rbuf[i];
        mp[i] = mbuf[i];
    }
    lt_panel_add_heatmap(p, z, 30, 2, NULL, LT_CMAP_SEQUENTIAL);
    lt_panel_add_xy(p, LT_LAYER_POINTS, px, py, 30, NULL);
    lt_axis_set_categories(&p->x, cn, 2);
    lt_axis_set_categories(&p->y, rn, 30);
    lt_axis_set_more(&p->y, mp);
    f->legend = LT_LEGEND_NONE;
    o = (lt_text_opts){.width = 30, .height = 12};
    c = lt_render_text(f, &o);
    if (ok(c != NULL, "heatmap cut: drawn")) {
        ok(row_named(c, "r0") == 0 && row_named(c, "r8") == 8 && row_named(c, "r9") < 0,
           "heatmap: r0 .. r8, a row each");
        s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
        ok(s && strstr(s, "21 rows left out"), "heatmap: its note");
        free(s);
    }
    lt_canvas_free(c);
    lt_figure_free(f);
}

static void test_past_axis(void)
{
    /* Bars past the end of the axis end in the break mark », their
     * labels inside before it; ASCII: '>'. */
    lt_figure *f = fig_cut(false, true);
    lt_text_opts o = {.width = 40, .height = 30};
    lt_canvas *c = lt_render_text(f, &o);
    if (ok(c != NULL, "past the axis: drawn")) {
        int y0 = row_named(c, "c0"), y1 = row_named(c, "c1"), y2 = row_named(c, "c2");
        /* the area's last column: where the x axis line ends */
        int end = c->w - 1, base = c->h - 2;
        while (end > 0 && c->cells[base * c->w + end].ch != 0x2500 &&
               c->cells[base * c->w + end].ch != 0x252C)
            end--;
        const lt_cell *e0 = y0 >= 0 ? &c->cells[y0 * c->w + end] : NULL;
        const lt_cell *e1 = y1 >= 0 ? &c->cells[y1 * c->w + end] : NULL;
        lt_rgb blue = lt_palette_category(0), ink = lt_palette_contrast(blue);
        ok(e0 && e0->ch == 0xBB && (e0->flags & LT_CELL_BG) && e0->bg.r == blue.r &&
               e0->bg.b == blue.b && e0->fg.r == ink.r && e0->fg.g == ink.g,
           "300 on an axis to 100: » at the end of the area, on the bar's colour");
        ok(e1 && e1->ch == 0xBB, "+Inf: » too");
        const lt_cell *l0 = y0 >= 0 ? &c->cells[y0 * c->w + end - 4] : NULL;
        ok(l0 && c->cells[y0 * c->w + end - 1].ch == ' ' && l0[2].ch == '0' && l0->ch == '3' &&
               (l0->flags & LT_CELL_BG) && l0->bg.r == blue.r && l0->fg.r == ink.r,
           "its label right before it, a blank between (\"300 »\"), on the bar's colour");
        ok(y2 >= 0 && c->cells[y2 * c->w + end].ch != 0xBB, "a bar within the axis: no mark");
    }
    lt_canvas_free(c);
    o.ascii = true;
    char *s = lt_figure_to_text(f, &o, LT_COLOR_NONE, NULL);
    ok(s && strstr(s, "300 >\n") && strstr(s, "inf >\n"), "ASCII: '>' for the mark");
    free(s);
    lt_figure_free(f);
}

int main(void)
{
    test_snapshots();
    test_cut();
    test_past_axis();
    test_ascii();
    test_colour();
    test_errors();
    test_size();
    return tap_done();
}
