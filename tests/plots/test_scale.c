/* Scales: lt_pretty against R's pretty() (tests/reference/scale_pretty.csv,
 * made by make_scale_fixtures.R), tick labels, and the ranges and ticks of
 * linear, log, time and category axes with their edge cases. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "figure.h"
#include "scale.h"
#include "tap.h"
#include "timefmt.h"

#define DAY 86400e6

/* ---- lt_pretty vs R ----------------------------------------------------- */

static void test_pretty_vs_r(void)
{
    FILE *f = fopen(REFERENCE_DIR "/scale_pretty.csv", "r");
    if (!ok(f != NULL, "open scale_pretty.csv"))
        return;
    char line[512];
    int rows = 0;
    if (fgets(line, sizeof line, f) == NULL)
        line[0] = '\0';
    ok(strncmp(line, "lo,hi,n,start,step,count,last", 29) == 0, "fixture header");
    while (fgets(line, sizeof line, f)) {
        char *e = line;
        double lo = strtod(e, &e);
        double hi = strtod(e + 1, &e);
        int n = (int)strtol(e + 1, &e, 10);
        double rstart = strtod(e + 1, &e);
        double rstep = strtod(e + 1, &e);
        int rcount = (int)strtol(e + 1, &e, 10);
        double rlast = strtod(e + 1, &e);
        double start, step;
        int count;
        lt_pretty(lo, hi, n, &start, &step, &count);
        /* R's seq() rounds at the magnitude of the values; the step of a
         * sequence 1e-12 wide at 1 carries that error */
        double tol = 1e-9 * fabs(rstep) + 8 * DBL_EPSILON * fmax(fabs(lo), fabs(hi));
        double last = start + (count - 1) * step;
        ok(count == rcount && fabs(start - rstart) <= tol && fabs(last - rlast) <= tol &&
               (count < 2 || fabs(step - rstep) <= tol),
           "pretty(c(%g, %g), %d): R %.17g by %.17g x %d, got %.17g by %.17g x %d",
           lo, hi, n, rstart, rstep, rcount, start, step, count);
        rows++;
    }
    fclose(f);
    ok(rows >= 40, "%d fixture rows", rows);
}

static void test_pretty_edges(void)
{
    double start, step;
    int count;
    lt_pretty(10, 0, 5, &start, &step, &count);
    ok(start == 0 && step == 2 && count == 6, "reversed bounds are swapped");
    lt_pretty(NAN, 1, 5, &start, &step, &count);
    ok(start == 1 && count == 1, "NaN bound: one value at the finite one");
    lt_pretty(-INFINITY, INFINITY, 5, &start, &step, &count);
    ok(start == 0 && count == 1, "infinite bounds: one value at 0");
    lt_pretty(-DBL_MAX, DBL_MAX, 5, &start, &step, &count);
    ok(isfinite(start) && isfinite(step) && count >= 2 && start <= -DBL_MAX &&
           start + (count - 1) * step >= DBL_MAX * (1 - 1e-15),
       "the whole double range: %g by %g x %d", start, step, count);
    lt_pretty(0, 1, -3, &start, &step, &count);
    ok(start == 0 && step == 1 && count == 2, "n < 0 is n = 0");
}

/* ---- labels ------------------------------------------------------------- */

static void fmt_is(double v, double step, const char *want)
{
    char buf[48];
    lt_tick_format(v, step, buf, sizeof buf);
    is_str(buf, want, "format(%.17g, step %g)", v, step);
}

static void test_tick_format(void)
{
    fmt_is(0.25, 0.25, "0.25");
    fmt_is(0.5, 0.25, "0.50");
    fmt_is(1, 0.25, "1.00");
    fmt_is(10, 10, "10");
    fmt_is(0.30000000000000004, 0.1, "0.3");
    fmt_is(0.2, 0.2, "0.2");
    fmt_is(-0.4, 0.2, "-0.4");
    fmt_is(5.551115123125783e-17, 0.1, "0.0");     /* 0.3 - 0.1 * 3 */
    fmt_is(-5.551115123125783e-17, 0.1, "0.0");    /* never "-0.0" */
    fmt_is(-0.0, 1, "0");
    fmt_is(-0.004, 0.1, "0.0");                    /* rounds to zero */
    fmt_is(12000, 2000, "12,000");
    fmt_is(-12000, 2000, "-12,000");
    fmt_is(999, 1, "999");
    fmt_is(1000, 500, "1,000");
    fmt_is(123456.5, 0.5, "123,456.5");
    fmt_is(750000, 250000, "750,000");
    fmt_is(1e6, 1e6, "1M");
    fmt_is(1e6, 250000, "1.00M");
    fmt_is(1.5e6, 5e5, "1.5M");
    fmt_is(-1.5e6, 5e5, "-1.5M");
    fmt_is(2e9, 1e9, "2B");
    fmt_is(2.5e9, 5e8, "2.5B");
    fmt_is(3e12, 1e12, "3T");
    fmt_is(999999.96, 0.02, "999,999.96");
    fmt_is(999999.6, 0.5, "999,999.6");
    fmt_is(999999.7, 5e5, "1.0M");                 /* rounds up to a million */
    fmt_is(999999.96, 0.1, "1,000,000.0");         /* 0.1 in M needs 7 decimals */
    fmt_is(1000000.5, 0.5, "1,000,000.5");         /* 0.5 in M needs 7 decimals */
    fmt_is(123.456, 0.001, "123.456");
    fmt_is(0.0001, 0.0001, "0.0001");
    fmt_is(2e-5, 1e-5, "2e-05");
    fmt_is(1.5e-5, 5e-6, "1.5e-05");
    fmt_is(0, 1e-5, "0");
    fmt_is(1e15, 1e15, "1e+15");
    fmt_is(1e15, 1e14, "1e+15");
    fmt_is(1.1e15, 1e14, "1.1e+15");
    fmt_is(2.5e-5, 5e-6, "2.5e-05");
    fmt_is(3e-5, 5e-6, "3e-05");                   /* trailing zeros dropped */
    fmt_is(-2e20, 1e20, "-2e+20");
    fmt_is(1e-300, 1e-300, "1e-300");
    fmt_is(7, 0, "7");                             /* no step: the value's own */
    fmt_is(NAN, 1, "NaN");
    fmt_is(-INFINITY, 1, "-Inf");
}

/* ---- helpers ------------------------------------------------------------ */

/* The tick labels joined with "|". */
static const char *labels(const lt_scale *s)
{
    static char buf[2048];
    buf[0] = '\0';
    for (int i = 0; i < s->nticks; i++) {
        if (i > 0)
            strcat(buf, "|");
        strcat(buf, s->ticks[i].label);
    }
    return buf;
}

static lt_figure *points(const double *x, const double *y, size_t n)
{
    lt_figure *f = lt_figure_new();
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, x, y, n, NULL);
    return f;
}

/* ---- linear ------------------------------------------------------------- */

static void test_linear(void)
{
    double x[4] = {1, 2, 3, 10}, y[4] = {0.5, 120, 7, 1e4};
    lt_figure *f = points(x, y, 4);
    lt_panel *p = &f->panels[0];
    lt_scale s;
    ok(lt_scale_init(&s, p, 0, 5) == 0, "linear x");
    is_num(s.lo, 1 - 0.36, 1e-12, "x padded 4%% below");
    is_num(s.hi, 10 + 0.36, 1e-12, "x padded 4%% above");
    ok(s.kind == LT_SCALE_LINEAR && !s.reverse, "linear, not reversed");
    is_str(labels(&s), "2|4|6|8|10", "x ticks inside the range");
    is_num(lt_scale_pos(&s, 1), 0.36 / 9.72, 1e-12, "pos of the smallest value");
    is_num(lt_scale_pos(&s, 10.36), 1, 1e-12, "pos of hi");
    ok(isnan(lt_scale_pos(&s, NAN)), "pos of NaN is NaN");
    is_num(lt_scale_pos(&s, 20), (20 - 0.64) / 9.72, 1e-12, "pos outside the range is outside [0, 1]");
    ok(lt_scale_retick(&s, 2) == 0, "retick");
    is_str(labels(&s), "5|10", "two ticks asked: 5|10");
    ok(lt_scale_retick(&s, 1000000) == 0, "retick for a million");
    ok(s.nticks > 500 && s.nticks <= 2000, "capped: %d ticks", s.nticks);
    ok(lt_scale_retick(&s, 0) == 0 && s.nticks >= 1, "retick for 0 asks for 2");
    lt_scale_fini(&s);
    ok(lt_scale_init(&s, p, 1, 5) == 0, "linear y");
    is_str(labels(&s), "0|2,000|4,000|6,000|8,000|10,000", "y ticks with thousands");
    lt_scale_fini(&s);
    ok(s.ticks == NULL && s.nticks == 0, "fini clears");
    lt_figure_free(f);
}

static void test_linear_zero(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double x0[2] = {0, 1}, x1[2] = {1, 2}, y0[2] = {0, 0}, y1[2] = {5, 7};
    lt_panel_add_rects(p, x0, x1, y0, y1, 2, NULL);
    p->y.zero = true;
    lt_scale s;
    ok(lt_scale_init(&s, p, 1, 5) == 0, "bars from 0");
    ok(s.lo == 0, "no padding below 0 (lo %g)", s.lo);
    is_num(s.hi, 7.28, 1e-12, "4%% above");
    is_str(labels(&s), "0|2|4|6", "ticks from 0");
    lt_scale_fini(&s);

    double n1[2] = {-3, -5};
    lt_figure *g = lt_figure_new();
    lt_panel *q = &g->panels[0];
    lt_panel_add_rects(q, x0, x1, y0, n1, 2, NULL);
    q->y.zero = true;
    ok(lt_scale_init(&s, q, 1, 5) == 0 && s.hi == 0, "negative bars: no padding above 0");
    is_num(s.lo, -5.2, 1e-12, "4%% below");
    lt_scale_fini(&s);

    /* points away from 0 with zero set: the range reaches 0 */
    double px[2] = {1, 2}, py[2] = {50, 100};
    lt_panel_add_xy(q, LT_LAYER_POINTS, px, py, 2, NULL);
    ok(lt_scale_init(&s, q, 1, 5) == 0, "bars both sides of 0");
    is_num(s.lo, -5 - 0.04 * 105, 1e-12, "padded below");
    is_num(s.hi, 100 + 0.04 * 105, 1e-12, "padded above");
    is_str(labels(&s), "0|20|40|60|80|100", "ticks");
    lt_scale_fini(&s);
    lt_figure_free(g);
    lt_figure_free(f);
}

static void test_linear_equal_and_empty(void)
{
    double x[3] = {1, 2, 3}, y[3] = {5, 5, 5}, z[3] = {0, 0, 0};
    lt_figure *f = points(x, y, 3);
    lt_scale s;
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "all-equal y");
    is_num(s.lo, 3 - 0.16, 1e-12, "5 - 40%% - pad");
    is_num(s.hi, 7 + 0.16, 1e-12, "5 + 40%% + pad");
    is_str(labels(&s), "3|4|5|6|7", "ticks around 5");
    lt_scale_fini(&s);
    lt_figure_free(f);

    f = points(x, z, 3);
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "all-zero y");
    is_num(s.lo, -1.08, 1e-12, "-1 - pad");
    is_num(s.hi, 1.08, 1e-12, "1 + pad");
    is_str(labels(&s), "-1.0|-0.5|0.0|0.5|1.0", "ticks around 0, no -0");
    lt_scale_fini(&s);
    f->panels[0].y.zero = true;
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "all-zero bars");
    ok(s.lo == 0, "from 0");
    is_num(s.hi, 1.04, 1e-12, "to 1 + pad");
    lt_scale_fini(&s);
    lt_figure_free(f);

    f = lt_figure_new();
    ok(lt_scale_init(&s, &f->panels[0], 0, 5) == 0, "no data");
    is_num(s.lo, -0.04, 1e-15, "0..1 padded");
    is_num(s.hi, 1.04, 1e-15, "0..1 padded");
    is_str(labels(&s), "0.0|0.2|0.4|0.6|0.8|1.0", "ticks of 0..1");
    lt_scale_fini(&s);
    /* NaN only is no data */
    double nan[2] = {NAN, NAN};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, nan, nan, 2, NULL);
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0 && s.lo == -0.04 && s.hi == 1.04,
       "NaN data: 0..1");
    lt_scale_fini(&s);
    lt_figure_free(f);
}

static void test_linear_limits(void)
{
    double x[3] = {1, 2, 3}, y[3] = {10, 20, 30};
    lt_figure *f = points(x, y, 3);
    lt_panel *p = &f->panels[0];
    lt_scale s;
    p->y.lo = 0;
    ok(lt_scale_init(&s, p, 1, 5) == 0, "lower limit only");
    ok(s.lo == 0, "the user's lower limit is exact");
    is_num(s.hi, 30 + 1.2, 1e-12, "the data side is padded");
    lt_scale_fini(&s);
    p->y.hi = 100;
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.lo == 0 && s.hi == 100, "both limits exact");
    is_str(labels(&s), "0|20|40|60|80|100", "ticks at the limits");
    lt_scale_fini(&s);
    p->y.lo = NAN;
    p->y.hi = 5;   /* below all the data */
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.hi == 5, "upper limit below the data");
    is_num(s.lo, 0 - 0.2, 1e-12, "down to 0, padded");
    lt_scale_fini(&s);
    p->y.lo = 50;
    p->y.hi = NAN;  /* above all the data */
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.lo == 50, "lower limit above the data");
    is_num(s.hi, 102, 1e-12, "up to 100, padded by 4%% of 50");
    lt_scale_fini(&s);
    p->y.scale = LT_SCALE_TIME;
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.lo == 50, "time: lower limit after the data");
    is_num(s.hi, 50 + DAY * 1.04, 1e-3, "a day after it, padded");
    lt_scale_fini(&s);
    p->y.scale = LT_SCALE_LINEAR;
    p->y.lo = 3;
    p->y.hi = 3;
    ok(lt_scale_init(&s, p, 1, 5) == LT_EINVAL, "lo == hi");
    is_str(lt_errmsg(), "y axis: limits 3 .. 3, expected lower < upper", "its message");
    ok(s.ticks == NULL, "nothing left allocated");
    p->y.lo = NAN;
    p->y.hi = INFINITY;
    ok(lt_scale_init(&s, p, 1, 5) == LT_EINVAL, "infinite limit");
    is_str(lt_errmsg(), "y axis: upper limit inf, expected a finite number", "its message");
    p->x.lo = 4;
    p->x.hi = 2;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "lo > hi on x");
    is_str(lt_errmsg(), "x axis: limits 4 .. 2, expected lower < upper", "names the x axis");
    lt_figure_free(f);
}

static void test_shared(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *a = &f->panels[0];
    lt_panel *b = lt_figure_add_panel(f);
    a = &f->panels[0];
    double x1[2] = {0, 10}, y1[2] = {1, 2}, x2[2] = {5, 40}, y2[2] = {3, 4};
    lt_panel_add_xy(a, LT_LAYER_LINE, x1, y1, 2, NULL);
    lt_panel_add_xy(b, LT_LAYER_LINE, x2, y2, 2, NULL);
    lt_scale s;
    ok(lt_scale_init_shared(&s, f->panels, 2, 0, 5) == 0, "shared x");
    is_num(s.lo, -1.6, 1e-12, "the union of both panels, padded");
    is_num(s.hi, 41.6, 1e-12, "the union of both panels, padded");
    is_str(labels(&s), "0|10|20|30|40", "shared ticks");
    lt_scale_fini(&s);
    ok(lt_scale_init_shared(&s, f->panels, 0, 0, 5) == LT_EINVAL, "no panels");
    lt_figure_free(f);
}

/* ---- log ---------------------------------------------------------------- */

static void test_log(void)
{
    double x[4] = {1, 2, 3, 10}, y[4] = {0.5, 120, 7, 1e4};
    lt_figure *f = points(x, y, 4);
    lt_panel *p = &f->panels[0];
    p->y.scale = LT_SCALE_LOG;
    lt_scale s;
    ok(lt_scale_init(&s, p, 1, 5) == 0, "log y");
    double w = 4 + log10(2);
    is_num(log10(s.lo), log10(0.5) - 0.04 * w, 1e-12, "padded by 4%% of the decades");
    is_num(log10(s.hi), 4 + 0.04 * w, 1e-12, "padded above");
    is_str(labels(&s), "1|10|100|1,000|10,000", "powers of ten");
    is_num(lt_scale_pos(&s, 100), (2 - log10(s.lo)) / (log10(s.hi) - log10(s.lo)), 1e-12,
           "pos in log space");
    ok(isnan(lt_scale_pos(&s, 0)) && isnan(lt_scale_pos(&s, -1)), "pos of v <= 0 is NaN");
    lt_scale_fini(&s);

    p->x.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, p, 0, 5) == 0, "log x over one decade");
    is_str(labels(&s), "1|2|5|10", "1, 2, 5 multiples");
    lt_scale_fini(&s);
    lt_figure_free(f);

    /* fewer than two powers of ten inside: linear pretty values */
    double a[2] = {3, 30};
    f = points(a, a, 2);
    f->panels[0].x.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, &f->panels[0], 0, 5) == 0, "log 3..30");
    is_str(labels(&s), "5|10|15|20|25|30", "linear values on a short log axis");
    lt_scale_fini(&s);
    lt_figure_free(f);

    /* 1..100: 1, 2, 5 over two decades */
    double c[2] = {1, 100};
    f = points(c, c, 2);
    f->panels[0].y.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "log 1..100");
    is_str(labels(&s), "1|2|5|10|20|50|100", "1, 2, 5 over two decades");
    lt_scale_fini(&s);
    lt_figure_free(f);

    /* 600 decades: every 100th power */
    double h[2] = {1e-300, 1e300};
    f = points(h, h, 2);
    f->panels[0].y.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "log 1e-300..1e300");
    is_str(labels(&s), "1e-300|1e-200|1e-100|1|1e+100|1e+200|1e+300", "every 100th decade");
    lt_scale_fini(&s);
    lt_figure_free(f);

    /* all equal: a decade around the value */
    double e[2] = {100, 100};
    f = points(e, e, 2);
    f->panels[0].y.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, &f->panels[0], 1, 5) == 0, "log all-equal");
    is_num(log10(s.lo), 1.5 - 0.04, 1e-12, "half a decade below, padded");
    is_num(log10(s.hi), 2.5 + 0.04, 1e-12, "half a decade above, padded");
    is_str(labels(&s), "50|100|150|200|250|300", "linear ticks within the decade");
    lt_scale_fini(&s);
    lt_figure_free(f);

    f = lt_figure_new();
    f->panels[0].x.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, &f->panels[0], 0, 5) == 0, "log without data");
    is_str(labels(&s), "1|2|5|10", "1..10");
    lt_scale_fini(&s);
    lt_figure_free(f);
}

static void test_log_errors(void)
{
    double x[5] = {1, 2, 3, 4, 5}, y[5] = {-2, 0, 4, -1, 8};
    lt_figure *f = points(x, y, 5);
    lt_panel *p = &f->panels[0];
    p->y.scale = LT_SCALE_LOG;
    lt_scale s;
    ok(lt_scale_init(&s, p, 1, 5) == LT_EINVAL, "log y with values <= 0");
    is_str(lt_errmsg(),
           "log y axis: 3 values are <= 0 (the smallest is -2); a log scale needs positive values",
           "counts them and names the smallest");
    y[0] = 1;
    y[1] = 1;
    y[3] = 0;
    lt_figure_free(f);
    f = points(y, x, 5);
    p = &f->panels[0];
    p->x.scale = LT_SCALE_LOG;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "log x with a zero");
    is_str(lt_errmsg(),
           "log x axis: 1 value is <= 0 (the smallest is 0); a log scale needs positive values",
           "singular");
    p->x.lo = 0;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "log limit 0");
    is_str(lt_errmsg(), "log x axis: lower limit 0 is <= 0, expected a positive limit", "message");
    p->x.lo = NAN;
    p->x.hi = -5;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "log upper limit < 0");
    is_str(lt_errmsg(), "log x axis: upper limit -5 is <= 0, expected a positive limit", "message");
    p->x.lo = 10;
    p->x.hi = 1;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "log limits reversed");
    is_str(lt_errmsg(), "log x axis: limits 10 .. 1, expected lower < upper", "message");
    p->x.lo = 1;
    p->x.hi = 1000;
    ok(lt_scale_init(&s, p, 0, 5) == LT_EINVAL, "limits do not hide data <= 0");
    lt_figure_free(f);

    double z[2] = {2, 50};
    f = points(z, z, 2);
    p = &f->panels[0];
    p->y.scale = LT_SCALE_LOG;
    p->y.lo = 1;
    p->y.hi = 1000;
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.lo == 1 && s.hi == 1000, "log limits are exact");
    is_str(labels(&s), "1|10|100|1,000", "their ticks");
    lt_scale_fini(&s);
    lt_figure_free(f);
}

/* ---- time --------------------------------------------------------------- */

static double day_us(int y, int m, int d)
{
    return (double)lt_days_from_civil(y, m, d) * DAY;
}

static const char *time_labels(double lo, double hi, lt_time_kind kind, int target)
{
    static char buf[2048];
    double t[2] = {lo, hi}, v[2] = {0, 1};
    lt_figure *f = points(t, v, 2);
    f->panels[0].x.scale = LT_SCALE_TIME;
    f->panels[0].x.tkind = kind;
    lt_scale s;
    if (lt_scale_init(&s, &f->panels[0], 0, target) != 0) {
        lt_figure_free(f);
        return "(error)";
    }
    snprintf(buf, sizeof buf, "%s", labels(&s));
    lt_scale_fini(&s);
    lt_figure_free(f);
    return buf;
}

static void test_time(void)
{
    double t0 = day_us(2024, 3, 15);
    is_str(time_labels(t0, t0 + 40e6, LT_DATETIME, 5),
           "00:00:00|00:00:10|00:00:20|00:00:30|00:00:40", "40 seconds: every 10 s");
    is_str(time_labels(t0 + 3e6, t0 + 3.35e6, LT_DATETIME, 5),
           "00:00:03.0|00:00:03.1|00:00:03.2|00:00:03.3", "under a second: tenths");
    is_str(time_labels(t0 + 13 * 3600e6, t0 + 13.5 * 3600e6, LT_DATETIME, 5),
           "13:00|13:05|13:10|13:15|13:20|13:25|13:30", "half an hour: every 5 min");
    is_str(time_labels(t0 + 3600e6, t0 + 6 * 3600e6, LT_DATETIME, 5),
           "01:00|02:00|03:00|04:00|05:00|06:00", "5 hours: hourly");
    is_str(time_labels(t0, t0 + 3 * DAY, LT_DATETIME, 5),
           "2024-03-15|12:00|2024-03-16|12:00|2024-03-17|12:00|2024-03-18",
           "3 days: every 12 h, midnights as dates");
    is_str(time_labels(t0, t0 + 3 * DAY, LT_DATE, 5),
           "2024-03-15|2024-03-16|2024-03-17|2024-03-18", "3 days of dates: daily");
    is_str(time_labels(t0, t0 + 30 * DAY, LT_DATE, 5),
           "2024-03-18|2024-03-25|2024-04-01|2024-04-08|2024-04-15", "a month: Mondays");
    is_str(time_labels(t0, t0 + 60 * DAY, LT_DATE, 5),
           "2024-03-18|2024-04-01|2024-04-15|2024-04-29|2024-05-13", "two months: every other Monday");
    is_str(time_labels(t0, t0 + 200 * DAY, LT_DATE, 5),
           "Apr 2024|May 2024|Jun 2024|Jul 2024|Aug 2024|Sep 2024|Oct 2024", "200 days: months");
    is_str(time_labels(day_us(1949, 1, 1), day_us(1960, 12, 1), LT_DATE, 5),
           "1950|1952|1954|1956|1958|1960", "air passengers: every 2 years");
    is_str(time_labels(day_us(1949, 1, 1), day_us(1960, 12, 1), LT_DATE, 10),
           "1949|1950|1951|1952|1953|1954|1955|1956|1957|1958|1959|1960|1961",
           "10 ticks: yearly (1961 is inside the padding)");
    is_str(time_labels(day_us(2023, 1, 1), day_us(2024, 12, 31), LT_DATE, 5),
           "Jan 2023|Jul 2023|Jan 2024|Jul 2024|Jan 2025", "two years: every 6 months from Jan");
    is_str(time_labels(day_us(2023, 1, 10), day_us(2023, 12, 31), LT_DATE, 5),
           "Jan 2023|Mar 2023|May 2023|Jul 2023|Sep 2023|Nov 2023|Jan 2024",
           "a year: every 2 months");
    is_str(time_labels(day_us(2023, 1, 10), day_us(2023, 12, 31), LT_DATE, 4),
           "Jan 2023|Apr 2023|Jul 2023|Oct 2023|Jan 2024", "fewer: quarters");
    is_str(time_labels(day_us(-1250, 1, 1), day_us(2000, 1, 1), LT_DATE, 5),
           "-1000|0|1000|2000", "before year 0: floor division");

    /* the Monday ticks really are Mondays: 2024-03-18 */
    int64_t y;
    int m, d;
    lt_civil_from_days(lt_days_from_civil(2024, 3, 18) + 7, &y, &m, &d);
    ok(y == 2024 && m == 3 && d == 25, "a week later");

    /* all-equal times: a day (dates) or an hour (datetimes) around */
    double e[2] = {t0, t0}, v[2] = {0, 1};
    lt_figure *f = points(e, v, 2);
    lt_panel *p = &f->panels[0];
    p->x.scale = LT_SCALE_TIME;
    p->x.tkind = LT_DATE;
    lt_scale s;
    ok(lt_scale_init(&s, p, 0, 5) == 0, "one date");
    is_num(s.lo, t0 - DAY - 0.08 * DAY, 1, "a day before, padded");
    is_num(s.hi, t0 + DAY + 0.08 * DAY, 1, "a day after, padded");
    is_str(labels(&s), "2024-03-14|2024-03-15|2024-03-16", "three days");
    ok(s.kind == LT_SCALE_TIME && s.tkind == LT_DATE, "kind and tkind");
    lt_scale_fini(&s);
    p->x.tkind = LT_DATETIME;
    ok(lt_scale_init(&s, p, 0, 5) == 0, "one datetime");
    is_num(s.hi - s.lo, 2 * 3600e6 * 1.08, 1, "an hour around it, padded");
    lt_scale_fini(&s);
    lt_figure_free(f);

    double far[2] = {0, 1e300};
    f = points(far, v, 2);
    f->panels[0].x.scale = LT_SCALE_TIME;
    ok(lt_scale_init(&s, &f->panels[0], 0, 5) == 0, "times far beyond any calendar");
    is_str(labels(&s), "0|2e+299|4e+299|6e+299|8e+299|1e+300", "ticked as numbers");
    lt_scale_fini(&s);
    lt_figure_free(f);

    f = lt_figure_new();
    f->panels[0].x.scale = LT_SCALE_TIME;
    ok(lt_scale_init(&s, &f->panels[0], 0, 5) == 0, "time axis without data");
    is_str(labels(&s), "1970-01-01|06:00|12:00|18:00|1970-01-02", "the first day of 1970");
    lt_scale_fini(&s);
    lt_figure_free(f);
}

/* ---- categories --------------------------------------------------------- */

static void test_category(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    const char *names[3] = {"Month-to-month", "One year", "Two year"};
    lt_axis_set_categories(&p->x, names, 3);
    lt_axis_set_categories(&p->y, names, 3);
    lt_scale s;
    ok(lt_scale_init(&s, p, 0, 5) == 0, "category x");
    ok(s.lo == -0.5 && s.hi == 2.5 && !s.reverse, "range -0.5..2.5");
    is_str(labels(&s), "Month-to-month|One year|Two year", "a tick per category");
    ok(s.ticks[2].value == 2, "at its position");
    is_num(lt_scale_pos(&s, 0), 1.0 / 6, 1e-15, "pos of the first category");
    lt_scale_fini(&s);
    ok(lt_scale_init(&s, p, 1, 5) == 0 && s.reverse, "category y is reversed");
    is_num(lt_scale_pos(&s, 0), 5.0 / 6, 1e-15, "the first category at the top");
    lt_scale_fini(&s);

    /* long names: cut on a UTF-8 boundary with an ellipsis */
    char longname[200];
    strcpy(longname, "Température ");
    while (strlen(longname) < 150)
        strcat(longname, "éé");
    const char *ln[1] = {longname};
    lt_axis_set_categories(&p->x, ln, 1);
    ok(lt_scale_init(&s, p, 0, 5) == 0, "a long category name");
    size_t len = strlen(s.ticks[0].label);
    ok(len < sizeof s.ticks[0].label, "fits the label (%zu bytes)", len);
    ok(len >= 3 && strcmp(s.ticks[0].label + len - 3, "\xE2\x80\xA6") == 0, "ends with an ellipsis");
    ok(strncmp(s.ticks[0].label, longname, len - 3) == 0, "keeps the start");
    /* the byte before the ellipsis completes a character: "é" is C3 A9 */
    ok((unsigned char)s.ticks[0].label[len - 4] != 0xC3, "not cut inside a character");
    lt_scale_fini(&s);
    const char *exact[1] = {"0123456789012345678901234567890123456789012345a"};  /* 47 bytes */
    lt_axis_set_categories(&p->x, exact, 1);
    ok(lt_scale_init(&s, p, 0, 5) == 0, "a 47-byte name");
    is_str(s.ticks[0].label, exact[0], "is kept whole");
    lt_scale_fini(&s);

    /* thousands of categories: every k-th after a retick */
    enum { N = 3000 };
    static char buf[N][8];
    const char *many[N];
    for (int i = 0; i < N; i++) {
        snprintf(buf[i], sizeof buf[i], "c%d", i);
        many[i] = buf[i];
    }
    lt_axis_set_categories(&p->x, many, N);
    ok(lt_scale_init(&s, p, 0, 5) == 0 && s.nticks == N, "3000 categories: a tick each");
    ok(lt_scale_retick(&s, 10) == 0, "retick to 10");
    is_int(s.nticks, 10, "10 ticks");
    is_str(s.ticks[1].label, "c300", "every 300th");
    ok(lt_scale_retick(&s, 5000) == 0 && s.nticks == N, "retick back to all");
    lt_scale_fini(&s);
    ok(s.cats == NULL && s.ncat == 0, "fini frees the categories");

    lt_axis_set_categories(&p->x, NULL, 0);
    ok(lt_scale_init(&s, p, 0, 5) == 0 && s.lo == 0 && s.hi == 1 && s.nticks == 0,
       "no categories: 0..1 without ticks");
    lt_scale_fini(&s);
    lt_figure_free(f);
}

int main(void)
{
    test_pretty_vs_r();
    test_pretty_edges();
    test_tick_format();
    test_linear();
    test_linear_zero();
    test_linear_equal_and_empty();
    test_linear_limits();
    test_shared();
    test_log();
    test_log_errors();
    test_time();
    test_category();
    return tap_done();
}
