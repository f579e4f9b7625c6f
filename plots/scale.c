/* Scales (scale.h): axis ranges, nice tick positions and tick labels for
 * linear, log, time and category axes.  lt_pretty follows R's pretty()
 * (R_pretty in src/appl/pretty.c) so that axes and histogram breaks match
 * R's; tests/reference/make_scale_fixtures.R holds R's answers. */
#include "scale.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "timefmt.h"

#define PAD 0.04            /* R's xaxs = "r": 4% each side */
#define MAX_TICKS 2000      /* a safety cap; real axes have a dozen */

/* ---- R's pretty() ------------------------------------------------------ */

/* R's defaults: high.u.bias h = 1.5, u5.bias h5 = .5 + 1.5 h, shrink.sml,
 * f.min, and the tolerance of the rounding to units. */
#define PR_H 1.5
#define PR_H5 (0.5 + 1.5 * PR_H)
#define PR_SHRINK 0.75
#define PR_FMIN 0x1p-20
#define PR_EPS 1e-10

void lt_pretty(double lo, double hi, int n, double *start, double *step,
               int *count)
{
    lt_pretty_min(lo, hi, n, n < 0 ? 0 : n / 3, start, step, count);
}

void lt_pretty_min(double lo, double hi, int n, int min_n, double *start,
                   double *step, int *count)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        *start = isfinite(lo) ? lo : isfinite(hi) ? hi : 0;
        *step = 1;
        *count = 1;
        return;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    int ndiv = n < 0 ? 0 : n;
    if (min_n < 0)
        min_n = 0;
    if (min_n > ndiv)
        min_n = ndiv;
    double dx = hi - lo, cell;
    bool small;
    if (dx == 0 && hi == 0) {
        cell = 1;
        small = true;
    } else {
        /* A range within a few rounding errors of its magnitude is
         * "small": the unit then comes from the magnitude. */
        cell = fmax(fabs(lo), fabs(hi));
        double u = 1 + ((PR_H5 >= 1.5 * PR_H + 0.5) ? 1 / (1 + PR_H) : 1.5 / (1 + PR_H5));
        u *= (ndiv > 1 ? ndiv : 1) * DBL_EPSILON;
        small = dx < cell * u * 3;
    }
    if (small) {
        if (cell > 10)
            cell = 9 + cell / 10;
        cell *= PR_SHRINK;
        if (min_n > 1)
            cell /= min_n;
    } else {
        /* hi - lo may overflow near DBL_MAX: divide first. */
        cell = isfinite(dx) ? dx : hi / 2 - lo / 2;
        if (ndiv > 1)
            cell = isfinite(dx) ? cell / ndiv : cell / ndiv * 2;
    }
    if (cell < PR_FMIN * DBL_MIN)
        cell = PR_FMIN * DBL_MIN;
    else if (cell > DBL_MAX / 1.25)
        cell = DBL_MAX / 1.25;

    /* unit: 1, 2, 5 or 10 times the power of ten below cell, the one
     * closest to cell with a bias towards the larger units. */
    double base = pow(10.0, floor(log10(cell)));
    double unit = base;
    if (2 * base - cell < PR_H * (cell - unit)) {
        unit = 2 * base;
        if (5 * base - cell < PR_H5 * (cell - unit)) {
            unit = 5 * base;
            if (10 * base - cell < PR_H * (cell - unit))
                unit = 10 * base;
        }
    }

    double ns = floor(lo / unit + PR_EPS), nu = ceil(hi / unit - PR_EPS);
    for (int i = 0; i < 8 && ns * unit > lo + PR_EPS * unit; i++)
        ns--;
    for (int i = 0; i < 8 && nu * unit < hi - PR_EPS * unit; i++)
        nu++;
    int k = (int)(0.5 + nu - ns);
    if (k < min_n) {
        /* widen symmetrically (away from 0 first) to min_n intervals */
        k = min_n - k;
        if (ns >= 0) {
            nu += k / 2;
            ns -= k / 2 + k % 2;
        } else {
            ns -= k / 2;
            nu += k / 2 + k % 2;
        }
        ndiv = min_n;
    } else {
        ndiv = k;
    }
    /* The bounds cover the input even where ns * unit rounds inside it. */
    double l = ns * unit < lo ? ns * unit : lo;
    double u = nu * unit > hi ? nu * unit : hi;
    if (!isfinite(l))     /* past DBL_MAX: stop there */
        l = -DBL_MAX;
    if (!isfinite(u))
        u = DBL_MAX;
    *start = l;
    *count = ndiv + 1;
    *step = ndiv > 0 ? u / ndiv - l / ndiv : unit;
}

/* The i-th value of a pretty sequence, with values within rounding error
 * of 0 made 0 (as pretty.default does). */
static double pretty_at(double start, double step, int i)
{
    double v = start + i * step;
    return fabs(v) < 1e-10 * step ? 0 : v;
}

/* ---- number labels ----------------------------------------------------- */

/* Decimals needed to write multiples of step exactly (0.25 -> 2). */
static int step_decimals(double step)
{
    step = fabs(step);
    if (!(step > 0) || !isfinite(step))
        return 0;
    double x = step;
    for (int d = 0; d <= 15; d++, x = step * pow(10, d)) {
        if (fabs(x - nearbyint(x)) <= 1e-6 * x)
            return d;
    }
    return 15;
}

/* Write the digits of the non-negative integer string `digits` with a comma
 * every three digits. */
static void group_thousands(const char *digits, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

void lt_tick_format(double v, double step, char *buf, size_t cap)
{
    if (isnan(v)) {
        snprintf(buf, cap, "NaN");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, cap, v > 0 ? "Inf" : "-Inf");
        return;
    }
    step = fabs(step);
    if (!(step > 0) || !isfinite(step))
        step = fabs(v) > 0 ? fabs(v) : 1;
    if (fabs(v) < 1e-9 * step)
        v = 0;

    double av = fabs(v);
    if (v != 0 && (step < 1e-4 || av >= 1e15)) {
        /* scientific: the mantissa with the decimals of the step at this
         * exponent, trailing zeros dropped ("2e-05", "2.5e-05") */
        int ev = (int)floor(log10(av));
        int d = step_decimals(step / pow(10, ev));
        char num[64];
        snprintf(num, sizeof num, "%.*e", d, v);
        char *e = strchr(num, 'e'), *z = e;
        while (z > num && z[-1] == '0')
            z--;
        if (z > num && z[-1] == '.')
            z--;
        memmove(z, e, strlen(e) + 1);
        snprintf(buf, cap, "%s", num);
        return;
    }
    if (v == 0 && (step < 1e-4 || step >= 1e15)) {
        snprintf(buf, cap, "0");
        return;
    }

    static const struct { double div; char sfx; } units[] = {
        {1e12, 'T'}, {1e9, 'B'}, {1e6, 'M'},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        /* "1.5M", unless the step needs more than 3 decimals of M */
        if (av >= units[i].div && step_decimals(step / units[i].div) <= 3) {
            int d = step_decimals(step / units[i].div);
            double r = v / units[i].div;
            snprintf(buf, cap, "%.*f%c", d, r, units[i].sfx);
            return;
        }
    }

    int d = step_decimals(step);
    char num[64];
    snprintf(num, sizeof num, "%.*f", d, av);   /* av < 1e15: fits */
    /* rounding can reach 1e6: then it is "1M" after all */
    if (av < 1e6 && strtod(num, NULL) >= 1e6 && step_decimals(step / 1e6) <= 3) {
        snprintf(buf, cap, "%s%.*fM", v < 0 ? "-" : "", step_decimals(step / 1e6), av / 1e6);
        return;
    }
    bool zero = strspn(num, "0.") == strlen(num);
    size_t ilen = strcspn(num, ".");
    char grouped[96];
    group_thousands(num, ilen, grouped);
    snprintf(buf, cap, "%s%s%s", v < 0 && !zero ? "-" : "", grouped, num + ilen);
}

/* ---- tick storage ------------------------------------------------------ */

typedef struct ticks {
    int n, cap, limit;
    lt_tick *t;
    bool fail;
} ticks;

static lt_tick *tick_add(ticks *tk, double v)
{
    if (tk->fail || tk->n >= tk->limit)
        return NULL;
    if (tk->n == tk->cap) {
        int cap = tk->cap ? 2 * tk->cap : 16;
        lt_tick *t = realloc(tk->t, (size_t)cap * sizeof *t);
        if (t == NULL) {
            tk->fail = true;
            return NULL;
        }
        tk->t = t;
        tk->cap = cap;
    }
    lt_tick *t = &tk->t[tk->n++];
    t->value = v;
    t->label[0] = '\0';
    return t;
}

static void tick_num(ticks *tk, double v, double step)
{
    lt_tick *t = tick_add(tk, v);
    if (t)
        lt_tick_format(v, step, t->label, sizeof t->label);
}

/* Is v inside [lo, hi] up to a rounding error of the step? */
static bool inside(double v, double lo, double hi, double step)
{
    double eps = 1e-9 * step;
    return v >= lo - eps && v <= hi + eps;
}

static void linear_ticks(ticks *tk, double lo, double hi, int target)
{
    double start, step;
    int count;
    lt_pretty(lo, hi, target, &start, &step, &count);
    for (int i = 0; i < count; i++) {
        double v = pretty_at(start, step, i);
        if (inside(v, lo, hi, step))
            tick_num(tk, v, step);
    }
}

/* Log axis ticks, as R's axTicks for log axes: with fewer than two powers
 * of ten in range, linear pretty values; with up to three, 1, 2, 5 times
 * the powers; beyond, powers of ten, every k-th when there are many. */
static void log_ticks(ticks *tk, double lo, double hi, int target)
{
    double ll = log10(lo), lh = log10(hi);
    double e1 = ceil(ll - 1e-9), e2 = floor(lh + 1e-9);
    if (e2 - e1 < 1) {
        double start, step;
        int count;
        lt_pretty(lo, hi, target, &start, &step, &count);
        for (int i = 0; i < count; i++) {
            double v = pretty_at(start, step, i);
            if (v > 0 && inside(v, lo, hi, step))
                tick_num(tk, v, step);
        }
        return;
    }
    if (e2 - e1 <= 2) {
        static const double mult[3] = {1, 2, 5};
        for (double e = e1 - 1; e <= e2; e++) {
            double p = pow(10, e);
            for (int m = 0; m < 3; m++) {
                double v = mult[m] * p;
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))
                    tick_num(tk, v, p);
            }
        }
        return;
    }
    /* every k-th power, k a pretty integer */
    double start, step;
    int count;
    lt_pretty(e1, e2, target, &start, &step, &count);
    double k = step < 1 ? 1 : nearbyint(step);
    for (double e = ceil(e1 / k) * k; e <= e2; e += k) {
        double v = pow(10, e);
        tick_num(tk, v, v);
    }
}

/* ---- time ticks -------------------------------------------------------- */

#define US_SEC 1e6
#define US_MIN 6e7
#define US_HOUR 3.6e9
#define US_DAY 8.64e10

typedef enum tunit { TU_SUB, TU_SEC, TU_MIN, TU_HOUR, TU_DAY, TU_WEEK, TU_MONTH, TU_YEAR } tunit;

typedef struct tstep {
    tunit unit;
    int k;
    double approx;   /* length in microseconds (months and years average) */
} tstep;

static const tstep time_steps[] = {
    {TU_SEC, 1, 1 * US_SEC}, {TU_SEC, 2, 2 * US_SEC}, {TU_SEC, 5, 5 * US_SEC},
    {TU_SEC, 10, 10 * US_SEC}, {TU_SEC, 15, 15 * US_SEC}, {TU_SEC, 30, 30 * US_SEC},
    {TU_MIN, 1, 1 * US_MIN}, {TU_MIN, 2, 2 * US_MIN}, {TU_MIN, 5, 5 * US_MIN},
    {TU_MIN, 10, 10 * US_MIN}, {TU_MIN, 15, 15 * US_MIN}, {TU_MIN, 30, 30 * US_MIN},
    {TU_HOUR, 1, 1 * US_HOUR}, {TU_HOUR, 2, 2 * US_HOUR}, {TU_HOUR, 3, 3 * US_HOUR},
    {TU_HOUR, 6, 6 * US_HOUR}, {TU_HOUR, 12, 12 * US_HOUR},
    {TU_DAY, 1, US_DAY}, {TU_DAY, 2, 2 * US_DAY}, {TU_WEEK, 1, 7 * US_DAY},
    {TU_WEEK, 2, 14 * US_DAY},
    {TU_MONTH, 1, 30.436875 * US_DAY}, {TU_MONTH, 2, 2 * 30.436875 * US_DAY},
    {TU_MONTH, 3, 3 * 30.436875 * US_DAY}, {TU_MONTH, 6, 6 * 30.436875 * US_DAY},
};

static const char *const month_abbr[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Split microseconds since 1970 into days and microseconds of the day. */
static void split_us(double us, int64_t *days, double *tod)
{
    double d = floor(us / US_DAY);
    *days = (int64_t)d;
    *tod = us - d * US_DAY;
}

static void time_label(lt_tick *t, tunit unit, double step_us, bool multiday)
{
    int64_t days, y;
    double tod;
    int m, d;
    split_us(t->value, &days, &tod);
    lt_civil_from_days(days, &y, &m, &d);
    long long secs = (long long)floor(tod / US_SEC + 1e-6);
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    char *b = t->label;
    size_t cap = sizeof t->label;
    switch (unit) {
    case TU_YEAR:
        snprintf(b, cap, "%lld", (long long)y);
        break;
    case TU_MONTH:
        snprintf(b, cap, "%s %lld", month_abbr[m - 1], (long long)y);
        break;
    case TU_DAY: case TU_WEEK:
        snprintf(b, cap, "%04lld-%02d-%02d", (long long)y, m, d);
        break;
    case TU_HOUR: case TU_MIN:
        if (multiday && secs == 0)
            snprintf(b, cap, "%04lld-%02d-%02d", (long long)y, m, d);
        else
            snprintf(b, cap, "%02d:%02d", hh, mm);
        break;
    case TU_SEC:
        snprintf(b, cap, "%02d:%02d:%02d", hh, mm, ss);
        break;
    case TU_SUB: {
        /* seconds with the decimals of the step */
        int dec = step_decimals(step_us / US_SEC);
        double s = fmod(tod / US_SEC, 60.0);
        int w = dec > 0 ? dec + 3 : 2;
        snprintf(b, cap, "%02d:%02d:%0*.*f", hh, mm, w, dec, s);
        break;
    }
    }
}

static double us_of_day(int64_t days)
{
    return (double)days * US_DAY;
}

static void time_ticks(ticks *tk, double lo, double hi, int target,
                       lt_time_kind tkind)
{
    double span = hi - lo;
    if (target < 1)
        target = 1;
    /* The smallest unit that gives at most 1.5 target intervals (pretty()
     * too gives up to about that many); under two seconds, pretty
     * fractions of a second. */
    tstep st = {TU_YEAR, 0, 0};
    size_t nsteps = sizeof time_steps / sizeof time_steps[0];
    for (size_t i = 0; i < nsteps; i++) {
        if (tkind == LT_DATE && time_steps[i].unit < TU_DAY)
            continue;
        if (span / time_steps[i].approx <= 1.5 * target) {
            st = time_steps[i];
            break;
        }
    }
    if (tkind == LT_DATETIME && span < 2 * US_SEC)
        st.unit = TU_SUB;
    if (st.k == 0 && st.unit == TU_YEAR) {
        /* years: a pretty number of years, at least 1 */
        double start, step;
        int count;
        lt_pretty(0, span / (365.2425 * US_DAY), target, &start, &step, &count);
        st.k = step < 1 ? 1 : (int)fmin(nearbyint(step), 1e9);
    }
    int64_t dlo, dhi;
    double tlo, thi;
    split_us(lo, &dlo, &tlo);
    split_us(hi, &dhi, &thi);
    bool multiday = dhi > dlo;
    int64_t y, y2;
    int m, d;
    lt_civil_from_days(dlo, &y, &m, &d);
    lt_civil_from_days(dhi, &y2, &m, &d);
    lt_tick *t;

    switch (st.unit) {
    case TU_SUB: {
        double start, step;
        int count;
        lt_pretty(lo, hi, target, &start, &step, &count);
        for (int i = 0; i < count; i++) {
            double v = pretty_at(start, step, i);
            if (inside(v, lo, hi, step) && (t = tick_add(tk, v)))
                time_label(t, TU_SUB, step, multiday);
        }
        break;
    }
    case TU_SEC: case TU_MIN: case TU_HOUR: case TU_DAY: {
        /* fixed lengths that divide a day (or are days): multiples since
         * 1970 fall on calendar boundaries */
        double step = st.approx, first = ceil(lo / step);
        for (double i = 0; (first + i) * step <= hi; i++) {
            if ((t = tick_add(tk, (first + i) * step)) == NULL)
                break;
            time_label(t, st.unit, step, multiday);
        }
        break;
    }
    case TU_WEEK: {
        /* Mondays (1970-01-05 is day 4); every other Monday since then
         * for two weeks */
        int64_t per = 7 * st.k;
        int64_t first = dlo + ((4 - dlo) % per + per) % per;
        if (us_of_day(first) < lo)
            first += per;
        for (int64_t dd = first; us_of_day(dd) <= hi; dd += per)
            if ((t = tick_add(tk, us_of_day(dd))))
                time_label(t, TU_WEEK, st.approx, multiday);
            else
                break;
        break;
    }
    case TU_MONTH: {
        /* months m with (m - 1) % k == 0: quarters start in Jan, Apr... */
        int64_t yy = y;
        for (int mm = 1; yy <= y2; mm += st.k) {
            if (mm > 12) {
                mm -= 12;
                yy++;
            }
            double v = us_of_day(lt_days_from_civil(yy, mm, 1));
            if (v > hi)
                break;
            if (v >= lo && (t = tick_add(tk, v)) != NULL)
                time_label(t, TU_MONTH, st.approx, multiday);
        }
        break;
    }
    case TU_YEAR: {
        /* Jan 1 of the years divisible by k (floor division before 0) */
        for (int64_t yy = y - ((y % st.k) + st.k) % st.k; yy <= y2; yy += st.k) {
            double v = us_of_day(lt_days_from_civil(yy, 1, 1));
            if (v >= lo && v <= hi && (t = tick_add(tk, v)) != NULL)
                time_label(t, TU_YEAR, st.approx, multiday);
        }
        break;
    }
    }
}

/* ---- category ticks ---------------------------------------------------- */

/* Copy s into the label, cut on a UTF-8 boundary with "…" when too long. */
static void cat_label(char *dst, size_t cap, const char *s)
{
    if (s == NULL)
        s = "";
    size_t len = strlen(s);
    if (len < cap) {
        memcpy(dst, s, len + 1);
        return;
    }
    size_t keep = cap - 1 - 3;   /* room for "…" (3 bytes) and the NUL */
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    memcpy(dst, s, keep);
    memcpy(dst + keep, "\xE2\x80\xA6", 4);
}

/* ---- scales ------------------------------------------------------------ */

static const lt_axis *axis_of(const lt_panel *p, int axis)
{
    return axis == 0 ? &p->x : &p->y;
}

static const char *axis_name(int axis)
{
    return axis == 0 ? "x" : "y";
}

static int make_ticks(lt_scale *s, int target)
{
    ticks tk = {0, 0, s->kind == LT_SCALE_CATEGORY ? s->ncat : MAX_TICKS, NULL, false};
    if (target < 2)
        target = 2;
    if (target > MAX_TICKS / 2 && s->kind != LT_SCALE_CATEGORY)
        target = MAX_TICKS / 2;
    /* times beyond year ~30000 are not calendar dates any more: numbers */
    bool numeric_time = s->kind == LT_SCALE_TIME && (fabs(s->lo) > 1e18 || fabs(s->hi) > 1e18);
    switch (numeric_time ? LT_SCALE_LINEAR : s->kind) {
    case LT_SCALE_LINEAR:
        linear_ticks(&tk, s->lo, s->hi, target);
        break;
    case LT_SCALE_LOG:
        log_ticks(&tk, s->lo, s->hi, target);
        break;
    case LT_SCALE_TIME:
        time_ticks(&tk, s->lo, s->hi, target, s->tkind);
        break;
    case LT_SCALE_CATEGORY: {
        /* every k-th category when they do not all fit */
        int k = s->ncat > target ? (s->ncat + target - 1) / target : 1;
        for (int i = 0; i < s->ncat; i += k) {
            lt_tick *t = tick_add(&tk, s->cats[i].value);
            if (t)
                memcpy(t->label, s->cats[i].label, sizeof t->label);
        }
        break;
    }
    }
    if (tk.fail) {
        free(tk.t);
        return lt_nomem();
    }
    free(s->ticks);
    s->ticks = tk.t;
    s->nticks = tk.n;
    return 0;
}

int lt_scale_retick(lt_scale *s, int target)
{
    return make_ticks(s, target);
}

void lt_scale_fini(lt_scale *s)
{
    free(s->ticks);
    free(s->cats);
    s->ticks = NULL;
    s->cats = NULL;
    s->nticks = s->ncat = 0;
}

static int init_category(lt_scale *s, const lt_axis *a, int axis)
{
    s->reverse = axis == 1;
    if (a->ncat <= 0) {
        s->lo = 0;
        s->hi = 1;
        return 0;
    }
    s->lo = -0.5;
    s->hi = a->ncat - 0.5;
    s->cats = calloc((size_t)a->ncat, sizeof *s->cats);
    if (s->cats == NULL)
        return lt_nomem();
    s->ncat = a->ncat;
    for (int i = 0; i < a->ncat; i++) {
        s->cats[i].value = i;
        cat_label(s->cats[i].label, sizeof s->cats[i].label, a->cats ? a->cats[i] : NULL);
    }
    return 0;
}

/* Data bounds over all panels; false when none has a finite value. */
static bool all_bounds(const lt_panel *panels, size_t n, int axis, bool positive,
                       double *lo, double *hi, size_t *nonpos)
{
    bool found = false;
    *lo = INFINITY;
    *hi = -INFINITY;
    *nonpos = 0;
    for (size_t i = 0; i < n; i++) {
        double l, h;
        size_t np = 0;
        if (lt_panel_bounds(&panels[i], axis, positive, &l, &h, &np)) {
            found = true;
            *lo = fmin(*lo, l);
            *hi = fmax(*hi, h);
        }
        *nonpos += np;
    }
    return found;
}

static int check_limits(const lt_axis *a, int axis, const char *what)
{
    if (!isnan(a->lo) && !isfinite(a->lo))
        return lt_seterr(LT_EINVAL, "%s%s axis: lower limit %g, expected a finite number",
                         what, axis_name(axis), a->lo);
    if (!isnan(a->hi) && !isfinite(a->hi))
        return lt_seterr(LT_EINVAL, "%s%s axis: upper limit %g, expected a finite number",
                         what, axis_name(axis), a->hi);
    if (!isnan(a->lo) && !isnan(a->hi) && a->lo >= a->hi)
        return lt_seterr(LT_EINVAL, "%s%s axis: limits %g .. %g, expected lower < upper",
                         what, axis_name(axis), a->lo, a->hi);
    return 0;
}

/* Range of a linear or time axis in data coordinates: data bounds or the
 * user's limits per side; automatic sides padded by 4% of the range, but
 * not a side at 0 with `zero` (bars grow from it).  All-equal data v gets
 * v +- 40% of |v| (+-1 for 0) as R's plot.window does, or +-1 day (dates)
 * / +-1 hour (datetimes) on a time axis. */
static void linear_range(lt_scale *s, const lt_axis *a, bool found, double dlo,
                         double dhi)
{
    bool time = a->scale == LT_SCALE_TIME;
    if (!found) {
        dlo = 0;
        dhi = time ? US_DAY : 1;
    }
    if (a->zero && !time && found) {
        dlo = fmin(dlo, 0);
        dhi = fmax(dhi, 0);
    }
    bool alo = isnan(a->lo), ahi = isnan(a->hi);
    double lo = alo ? dlo : a->lo, hi = ahi ? dhi : a->hi;
    /* (both limits given are lo < hi: check_limits) */
    if (lo >= hi && alo && ahi) {
        double w = time ? (a->tkind == LT_DATE ? US_DAY : US_HOUR)
                        : (lo == 0 ? 1 : 0.4 * fabs(lo));
        if (a->zero && !time && lo == 0) {
            hi = 1;
        } else {
            lo -= w;
            hi += w;
        }
    } else if (lo >= hi) {
        /* one limit given, beyond all the data: a range on its far side */
        double at = alo ? hi : lo;
        double w = time ? US_DAY : fabs(at) > 0 ? fabs(at) : 1;
        if (alo)
            lo = hi - w;
        else
            hi = lo + w;
    }
    double w = hi - lo;
    if (!isfinite(w))
        w = DBL_MAX;
    bool padlo = alo && !(a->zero && !time && lo == 0);
    bool padhi = ahi && !(a->zero && !time && hi == 0);
    if (padlo)
        lo -= PAD * w;
    if (padhi)
        hi += PAD * w;
    if (!isfinite(lo))
        lo = -DBL_MAX;
    if (!isfinite(hi))
        hi = DBL_MAX;
    s->lo = lo;
    s->hi = hi;
}

static int init_log(lt_scale *s, const lt_axis *a, const lt_panel *panels,
                    size_t n, int axis)
{
    if (!isnan(a->lo) && a->lo <= 0)
        return lt_seterr(LT_EINVAL, "log %s axis: lower limit %g is <= 0, expected a positive limit",
                         axis_name(axis), a->lo);
    if (!isnan(a->hi) && a->hi <= 0)
        return lt_seterr(LT_EINVAL, "log %s axis: upper limit %g is <= 0, expected a positive limit",
                         axis_name(axis), a->hi);
    double dlo, dhi;
    size_t nonpos;
    bool found = all_bounds(panels, n, axis, true, &dlo, &dhi, &nonpos);
    if (nonpos > 0) {
        double min, max;
        size_t np;
        all_bounds(panels, n, axis, false, &min, &max, &np);
        return lt_seterr(LT_EINVAL,
                         "log %s axis: %zu value%s <= 0 (the smallest is %g); a log scale needs positive values",
                         axis_name(axis), nonpos, nonpos == 1 ? " is" : "s are", min);
    }
    if (!found) {
        dlo = 1;
        dhi = 10;
    }
    bool alo = isnan(a->lo), ahi = isnan(a->hi);
    double ll = log10(alo ? dlo : a->lo), lh = log10(ahi ? dhi : a->hi);
    if (ll >= lh) {
        /* all equal, or one limit on the wrong side of the data: a decade
         * around (or next to) it */
        if (alo && ahi) {
            ll -= 0.5;
            lh += 0.5;
        } else if (alo) {
            ll = lh - 1;
        } else {
            lh = ll + 1;
        }
    }
    double w = lh - ll;
    if (alo)
        ll -= PAD * w;
    if (ahi)
        lh += PAD * w;
    s->lo = alo ? pow(10, ll) : a->lo;
    s->hi = ahi ? pow(10, lh) : a->hi;
    if (s->lo < DBL_MIN)
        s->lo = DBL_MIN;
    if (!isfinite(s->hi))
        s->hi = DBL_MAX;
    return 0;
}

int lt_scale_init_shared(lt_scale *s, const lt_panel *panels, size_t n,
                         int axis, int target)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return lt_seterr(LT_EINVAL, "scale: no panels");
    const lt_axis *a = axis_of(&panels[0], axis);
    s->kind = a->scale;
    s->tkind = a->tkind;
    int rc = 0;
    switch (a->scale) {
    case LT_SCALE_CATEGORY:
        rc = init_category(s, a, axis);
        break;
    case LT_SCALE_LOG:
        rc = check_limits(a, axis, "log ");
        if (rc == 0)
            rc = init_log(s, a, panels, n, axis);
        break;
    case LT_SCALE_LINEAR: case LT_SCALE_TIME: {
        rc = check_limits(a, axis, "");
        if (rc == 0) {
            double dlo, dhi;
            size_t np;
            bool found = all_bounds(panels, n, axis, false, &dlo, &dhi, &np);
            linear_range(s, a, found, dlo, dhi);
        }
        break;
    }
    }
    /* categories: a tick each until a retick asks for fewer */
    if (rc == 0)
        rc = make_ticks(s, s->kind == LT_SCALE_CATEGORY ? INT_MAX : target);
    if (rc < 0)
        lt_scale_fini(s);
    return rc;
}

int lt_scale_init(lt_scale *s, const lt_panel *p, int axis, int target)
{
    return lt_scale_init_shared(s, p, 1, axis, target);
}

double lt_scale_pos(const lt_scale *s, double v)
{
    double t;
    if (isnan(v))
        return NAN;
    if (s->kind == LT_SCALE_LOG) {
        if (v <= 0)
            return NAN;
        double ll = log10(s->lo);
        t = (log10(v) - ll) / (log10(s->hi) - ll);
    } else {
        t = (v - s->lo) / (s->hi - s->lo);
    }
    return s->reverse ? 1 - t : t;
}
