/* Reductions and tallies over one column (see reduce.h), and the grouped
 * kernels behind them (reduce_groups.h).
 *
 * The numeric reductions copy R's algorithms so that results agree with R
 * to the last bit: sum and mean accumulate in long double, sequentially in
 * row order (no threads, so the thread count never changes a result), the
 * mean of doubles takes R's second pass, var is the two-pass algorithm of
 * R's cov.c, and median/quantile follow median.default and
 * quantile(type = 7) on values put in place by selection (expected O(n))
 * instead of a full sort.  Each kernel works per group, with accumulators
 * indexed by group; a one-column reduction is the case of one group, so a
 * reduction per group (agg.c) gives what lt_col_reduce gives on the
 * group's values.  Selections per group run in parallel over groups, each
 * group on one thread, so threads never change their results either.
 *
 * Distinct values are found by one grouping pass ("factorize"): by
 * dictionary code for str (O(n + dictionary)), by value for bool, and
 * through a hash table on the 64-bit value for i64/time and on the bits for
 * f64 (-0.0 folded into 0.0; NaN is missing). */
#include "reduce.h"
#include "reduce_groups.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "ops.h"

__extension__ typedef __int128 i128;

static const char *const reduce_names[] = {
    "sum", "mean", "var", "std", "min", "max", "median"
};

/* LT_ETYPE unless c is numeric (or time, when time_ok). */
static int check_type(const lt_col *c, bool time_ok, const char *what)
{
    if (lt_type_is_numeric(c->type) || (time_ok && c->type == LT_TIME))
        return 0;
    return lt_seterr(LT_ETYPE, "%s: cannot reduce a %s column; expected f64, i64 or bool%s",
                     what, lt_type_name(c->type), time_ok ? " (or time)" : "");
}

/* ---- the values as doubles ---------------------------------------------- */

/* The n non-missing values of a numeric or time column, as doubles in row
 * order, in a private array that the caller may reorder (the column had
 * nmiss missing ones). */
typedef struct values {
    double *x;
    int64_t n, nmiss;
} values;

static int load(const lt_col *c, values *v)
{
    memset(v, 0, sizeof *v);
    lt_col *f = lt_col_astype(c, LT_F64, false);
    if (!f)
        return lt_errcode();
    const double *x = lt_col_f64(f);
    int64_t m = f->n - f->nmiss;
    v->nmiss = f->nmiss;
    v->x = malloc((size_t)(m ? m : 1) * sizeof *v->x);
    if (!v->x) {
        lt_col_unref(f);
        return lt_nomem();
    }
    for (int64_t i = 0, j = 0; i < f->n; i++)
        if (x[i] == x[i])
            v->x[j++] = x[i];
    lt_col_unref(f);
    v->n = m;
    return 0;
}

/* ---- R's mean ------------------------------------------------------------ */

/* The end of R's mean of n values whose sum / n is m (long double): for
 * doubles and a finite m, m plus the mean of the residuals x - m (their
 * sum is resid); for integer vectors m alone. */
static double mean_finish(long double m, long double resid, int64_t n, bool integral)
{
    return integral || !isfinite((double)m) ? (double)m : (double)(m + resid / n);
}

/* ---- selection ---------------------------------------------------------- */

static int cmp_double(const void *p, const void *q)
{
    double a = *(const double *)p, b = *(const double *)q;
    return (a > b) - (a < b);
}

static void swap(double *x, int64_t i, int64_t j)
{
    double t = x[i];
    x[i] = x[j];
    x[j] = t;
}

static double median3(double a, double b, double c)
{
    if (a > b) {
        double t = a;
        a = b;
        b = t;
    }
    return c < a ? a : c > b ? b : c;
}

/* nth_element on x[lo, hi) (no NaN): afterwards x[k] holds the value of
 * rank k, with no greater value before it and no smaller one after it.
 * Quickselect around a median-of-three pivot p with branch-free
 * partitions (Lomuto's, swapping unconditionally and advancing by the
 * comparison: a data-dependent branch per value would be mispredicted
 * half the time on random data): first < p | >= p, then, when k lies to
 * the right, == p | > p, so runs of equal values cost nothing.  A range
 * that keeps shrinking slowly is sorted instead, so the worst case stays
 * O(n log n). */
static void select_kth(double *x, int64_t lo, int64_t hi, int64_t k)
{
    int budget = 8;
    for (int64_t len = hi - lo; len > 1; len >>= 1)
        budget += 2;
    while (hi - lo > 16) {
        if (k == lo) {   /* the smallest of the range (the rank after one just
                            selected, for quantiles): one scan */
            int64_t m = lo;
            for (int64_t i = lo + 1; i < hi; i++)
                m = x[i] < x[m] ? i : m;
            swap(x, lo, m);
            return;
        }
        if (budget-- == 0) {
            qsort(x + lo, (size_t)(hi - lo), sizeof *x, cmp_double);
            return;
        }
        double p = median3(x[lo], x[lo + (hi - lo) / 2], x[hi - 1]);
        int64_t lt = lo;   /* x[lo, lt) < p <= x[lt, i) */
        for (int64_t i = lo; i < hi; i++) {
            double t = x[i];
            x[i] = x[lt];
            x[lt] = t;
            lt += t < p;
        }
        if (k < lt) {   /* p is in the range, so lt < hi: it shrinks */
            hi = lt;
            continue;
        }
        int64_t eq = lt;   /* x[lt, eq) == p < x[eq, i) */
        for (int64_t i = lt; i < hi; i++) {
            double t = x[i];
            x[i] = x[eq];
            x[eq] = t;
            eq += t <= p;
        }
        if (k < eq)
            return;
        lo = eq;   /* eq > lt >= lo: it shrinks */
    }
    for (int64_t i = lo + 1; i < hi; i++)   /* insertion sort of what is left */
        for (int64_t j = i; j > lo && x[j - 1] > x[j]; j--)
            swap(x, j - 1, j);
}

static int cmp_i64(const void *p, const void *q)
{
    int64_t a = *(const int64_t *)p, b = *(const int64_t *)q;
    return (a > b) - (a < b);
}

/* Put the values of ranks ks[0..nk) in place (ks is sorted in place): each
 * selection works on what lies after the previous rank. */
static void select_ranks(double *x, int64_t n, int64_t *ks, int nk)
{
    qsort(ks, (size_t)nk, sizeof *ks, cmp_i64);
    int64_t from = 0;
    for (int j = 0; j < nk; j++) {
        if (ks[j] < from)   /* a duplicate rank, already in place */
            continue;
        select_kth(x, from, n, ks[j]);
        from = ks[j] + 1;
    }
}

/* R's quantile(x, probs, type = 7) of x[0, n) (n > 0; x is reordered). */
static int quantiles_r(double *x, int64_t n, const double *probs, int np, double *q)
{
    int64_t kbuf[8];   /* no malloc for a few probabilities (one per group) */
    int64_t *ks = np <= 4 ? kbuf : malloc((size_t)(2 * np) * sizeof *ks);
    if (!ks)
        return lt_nomem();
    for (int j = 0; j < np; j++) {
        double index = 1 + (double)(n - 1) * probs[j];
        ks[2 * j] = (int64_t)floor(index) - 1;
        ks[2 * j + 1] = (int64_t)ceil(index) - 1;
    }
    select_ranks(x, n, ks, 2 * np);
    if (ks != kbuf)
        free(ks);
    for (int j = 0; j < np; j++) {
        double index = 1 + (double)(n - 1) * probs[j];
        double lo = floor(index), xhi = x[(int64_t)ceil(index) - 1];
        double qs = x[(int64_t)lo - 1];
        if (index > lo && xhi != qs) {
            double h = index - lo;
            qs = (1 - h) * qs + h * xhi;
        }
        q[j] = qs;
    }
    return 0;
}

/* R's median.default of x[0, n) (x is reordered). */
static double median_r(double *x, int64_t n, bool integral)
{
    if (n == 0)
        return NAN;
    int64_t ks[2] = { (n - 1) / 2, n / 2 };
    select_ranks(x, n, ks, n % 2 ? 1 : 2);
    if (n % 2)
        return x[ks[0]];
    double a = x[n / 2 - 1], b = x[n / 2];   /* mean(c(a, b)) */
    long double m = ((long double)a + b) / 2;
    return mean_finish(m, (a - m) + (b - m), 2, integral);
}

static int check_probs(const double *probs, int np)
{
    for (int j = 0; j < np; j++)
        if (!(probs[j] >= 0 && probs[j] <= 1))
            return lt_seterr(LT_EINVAL, "quantile: probability %g is outside [0, 1]",
                             probs[j]);
    return 0;
}

/* ---- grouped kernels (reduce_groups.h) ----------------------------------- */

/* n zeroed entries of `size` bytes (at least one), or NULL after lt_nomem. */
static void *zalloc(int64_t n, size_t size)
{
    void *p = calloc((size_t)(n > 0 ? n : 1), size);
    if (!p)
        lt_nomem();
    return p;
}

/* rsum of R's summary.c: the long double sum, rounded once. */
static double round_sum(long double s)
{
    return s > DBL_MAX ? INFINITY : s < -DBL_MAX ? -INFINITY : (double)s;
}

int lt_reduce_sum_f64(const double *x, const lt_fn_ctx *ctx, double *out)
{
    long double *s = zalloc(ctx->ngroups, sizeof *s);
    if (!s)
        return LT_ENOMEM;
    LT_EACH_F64(x, ctx, s[g] += ok ? v : 0.0);   /* + 0.0 changes no sum */
    for (int64_t k = 0; k < ctx->ngroups; k++)
        out[k] = round_sum(s[k]);
    free(s);
    return 0;
}

/* R's mean of doubles per group (the residual pass only when `integral`
 * is false), and the number of values into cnt (zeroed by the caller). */
static int means(const double *x, const lt_fn_ctx *ctx, bool integral, double *out,
                 int64_t *cnt)
{
    int64_t ng = ctx->ngroups;
    long double *m = zalloc(ng, sizeof *m), *t = m ? zalloc(ng, sizeof *t) : NULL;
    if (!t) {
        free(m);
        return LT_ENOMEM;
    }
    LT_EACH_F64(x, ctx, m[g] += ok ? v : 0.0; cnt[g] += ok);
    bool refine = false;
    for (int64_t k = 0; k < ng; k++) {
        m[k] = cnt[k] ? m[k] / cnt[k] : NAN;
        refine |= !integral && isfinite((double)m[k]);
    }
    if (refine)
        LT_EACH_F64(x, ctx, t[g] += ok ? v - m[g] : 0.0L);
    for (int64_t k = 0; k < ng; k++)
        out[k] = cnt[k] ? mean_finish(m[k], t[k], cnt[k], integral) : NAN;
    free(m);
    free(t);
    return 0;
}

int lt_reduce_mean_f64(const double *x, const lt_fn_ctx *ctx, bool integral, double *out)
{
    int64_t *cnt = zalloc(ctx->ngroups, sizeof *cnt);
    int status = cnt ? means(x, ctx, integral, out, cnt) : LT_ENOMEM;
    free(cnt);
    return status;
}

/* cov.c: squared deviations from the (double) mean, in long double. */
int lt_reduce_var_f64(const double *x, const lt_fn_ctx *ctx, double *out)
{
    int64_t ng = ctx->ngroups;
    int64_t *cnt = zalloc(ng, sizeof *cnt);
    long double *q = cnt ? zalloc(ng, sizeof *q) : NULL;
    int status = q ? means(x, ctx, false, out, cnt) : LT_ENOMEM;
    if (status == 0) {
        LT_EACH_F64(x, ctx, long double d = ok ? v - (long double)out[g] : 0.0L; q[g] += d * d);
        for (int64_t k = 0; k < ng; k++)
            out[k] = cnt[k] < 2 ? NAN : (double)(q[k] / (cnt[k] - 1));
    }
    free(cnt);
    free(q);
    return status;
}

/* From +Inf (-Inf for max), a value replaces the extreme only when
 * strictly smaller (larger), so the first of equal values wins, as when
 * starting from the first value; NaN never compares, so it is skipped
 * without a branch and the ungrouped loop vectorises. */
int lt_reduce_minmax_f64(const double *x, const lt_fn_ctx *ctx, bool max, double *out)
{
    int64_t ng = ctx->ngroups;
    double *m = malloc((size_t)(ng > 0 ? ng : 1) * sizeof *m);
    int64_t *cnt = m ? zalloc(ng, sizeof *cnt) : NULL;
    if (!cnt) {
        int status = m ? LT_ENOMEM : lt_nomem();
        free(m);
        return status;
    }
    for (int64_t k = 0; k < ng; k++)
        m[k] = max ? -INFINITY : INFINITY;
    if (max)
        LT_EACH_F64(x, ctx, m[g] = v > m[g] ? v : m[g]; cnt[g] += ok);
    else
        LT_EACH_F64(x, ctx, m[g] = v < m[g] ? v : m[g]; cnt[g] += ok);
    for (int64_t k = 0; k < ng; k++)
        out[k] = cnt[k] ? m[k] : NAN;
    free(m);
    free(cnt);
    return 0;
}

/* The statistic of the m values in buf (reordered): median or quantile. */
static double select_stat(double *buf, int64_t m, bool median, double p, bool integral)
{
    if (m == 0)
        return NAN;
    if (median)
        return median_r(buf, m, integral);
    double q;
    quantiles_r(buf, m, &p, 1, &q);   /* no allocation for one probability */
    return q;
}

/* Each group's values copied through ctx->order into a scratch buffer per
 * thread and selected there; groups are independent, so any schedule gives
 * the same results. */
static int select_groups(const double *x, const lt_fn_ctx *ctx, bool median, double p,
                         bool integral, double *out)
{
    if (!ctx->gid) {
        double *buf = malloc((size_t)(ctx->nrow > 0 ? ctx->nrow : 1) * sizeof *buf);
        if (!buf)
            return lt_nomem();
        int64_t m = 0;
        for (int64_t i = 0; i < ctx->nrow; i++)
            if (x[i] == x[i])
                buf[m++] = x[i];
        out[0] = select_stat(buf, m, median, p, integral);
        free(buf);
        return 0;
    }
    int64_t ng = ctx->ngroups, big = 1;
    for (int64_t g = 0; g < ng; g++)
        big = ctx->start[g + 1] - ctx->start[g] > big ? ctx->start[g + 1] - ctx->start[g] : big;
    int bad = 0;
#pragma omp parallel if (ctx->nrow >= LT_REDUCE_PAR_MIN) reduction(|: bad)
    {
        double *buf = malloc((size_t)big * sizeof *buf);
        bad = !buf;
#pragma omp for schedule(guided)
        for (int64_t g = 0; g < ng; g++) {
            if (!buf)
                continue;
            const int64_t *rows = ctx->order + ctx->start[g];
            int64_t len = ctx->start[g + 1] - ctx->start[g], m = 0;
            for (int64_t k = 0; k < len; k++) {
                double v = x[rows[k]];
                if (v == v)
                    buf[m++] = v;
            }
            out[g] = select_stat(buf, m, median, p, integral);
        }
        free(buf);
    }
    return bad ? lt_nomem() : 0;
}

int lt_reduce_median_f64(const double *x, const lt_fn_ctx *ctx, bool integral,
                         double *out)
{
    return select_groups(x, ctx, true, 0, integral, out);
}

int lt_reduce_quantile_f64(const double *x, const lt_fn_ctx *ctx, double p, double *out)
{
    return select_groups(x, ctx, false, p, false, out);
}

/* R accumulates integers in long double, which holds every int64 exactly
 * (and sums exactly while they stay below 2^64). */
int lt_reduce_sum_int(const lt_col *c, const lt_fn_ctx *ctx, long double *sum,
                      int64_t *count)
{
    memset(sum, 0, (size_t)ctx->ngroups * sizeof *sum);
    memset(count, 0, (size_t)ctx->ngroups * sizeof *count);
    LT_EACH_INT(c, ctx, sum[g] += ok ? v : 0; count[g] += ok);
    return 0;
}

int lt_reduce_mean_int(const lt_col *c, const lt_fn_ctx *ctx, double *out)
{
    long double *s = zalloc(ctx->ngroups, sizeof *s);
    int64_t *cnt = s ? zalloc(ctx->ngroups, sizeof *cnt) : NULL;
    int status = cnt ? lt_reduce_sum_int(c, ctx, s, cnt) : LT_ENOMEM;
    for (int64_t k = 0; status == 0 && k < ctx->ngroups; k++)
        out[k] = cnt[k] ? mean_finish(s[k] / cnt[k], 0, cnt[k], true) : NAN;
    free(s);
    free(cnt);
    return status;
}

/* 128-bit accumulators cannot overflow (that takes 2^64 values), so a sum
 * is an error only when its final value does not fit, whatever the order. */
int lt_reduce_isum(const lt_col *c, const lt_fn_ctx *ctx, int64_t *out, int64_t *bad)
{
    *bad = -1;
    i128 *s = zalloc(ctx->ngroups, sizeof *s);
    if (!s)
        return LT_ENOMEM;
    LT_EACH_INT(c, ctx, s[g] += ok ? v : 0);
    for (int64_t k = 0; k < ctx->ngroups; k++) {
        bool fits = s[k] >= INT64_MIN && s[k] <= INT64_MAX;
        out[k] = fits ? (int64_t)s[k] : 0;
        if (!fits && *bad < 0)
            *bad = k;
    }
    free(s);
    return *bad >= 0 ? LT_ERANGE : 0;
}

int lt_reduce_iminmax(const lt_col *c, const lt_fn_ctx *ctx, bool max, int64_t *out,
                      int64_t *count)
{
    memset(out, 0, (size_t)ctx->ngroups * sizeof *out);
    memset(count, 0, (size_t)ctx->ngroups * sizeof *count);
    if (max)
        LT_EACH_INT(c, ctx, out[g] = ok && (!count[g] || v > out[g]) ? v : out[g]; count[g] += ok);
    else
        LT_EACH_INT(c, ctx, out[g] = ok && (!count[g] || v < out[g]) ? v : out[g]; count[g] += ok);
    return 0;
}

/* ---- public reductions -------------------------------------------------- */

/* R averages integer and logical vectors without the second pass; times
 * are doubles in R (POSIXct), so they take it. */
static bool integral(const lt_col *c)
{
    return c->type == LT_I64 || c->type == LT_BOOL;
}

int lt_col_reduce_i64(const lt_col *c, lt_reduce op, bool na_rm, int64_t *out,
                      bool *present)
{
    *out = 0;
    *present = false;
    bool integer = c->type == LT_I64 || c->type == LT_BOOL || c->type == LT_TIME;
    if (!integer || !(op == LT_SUM || op == LT_MIN || op == LT_MAX))
        return lt_seterr(LT_ETYPE, "%s: no exact integer result for a %s column",
                         reduce_names[op], lt_type_name(c->type));
    if (c->nmiss && !na_rm)
        return 0;
    lt_fn_ctx one = { c->n, 1, NULL, NULL, NULL };
    int64_t x, count = 1, bad;
    int status = op == LT_SUM ? lt_reduce_isum(c, &one, &x, &bad)
                              : lt_reduce_iminmax(c, &one, op == LT_MAX, &x, &count);
    if (status == LT_ERANGE)
        return lt_seterr(LT_ERANGE, "sum: the sum overflows i64; convert first "
                         "(astype(\"f64\")) for an approximate sum");
    if (status < 0)
        return status;
    *out = count ? x : 0;
    *present = count > 0;
    return 0;
}

int lt_col_reduce(const lt_col *c, lt_reduce op, bool na_rm, double *out)
{
    *out = NAN;
    bool time_ok = op == LT_MIN || op == LT_MAX || op == LT_MEDIAN;
    int status = check_type(c, time_ok, reduce_names[op]);
    if (status < 0)
        return status;
    if (c->nmiss && !na_rm)
        return 0;
    lt_fn_ctx one = { c->n, 1, NULL, NULL, NULL };
    if (c->type != LT_F64 && (op == LT_MIN || op == LT_MAX)) {
        int64_t x, count;
        status = lt_reduce_iminmax(c, &one, op == LT_MAX, &x, &count);
        if (status == 0 && count)
            *out = (double)x;
        return status;
    }
    if (integral(c) && op == LT_MEAN)
        return lt_reduce_mean_int(c, &one, out);
    if (integral(c) && op == LT_SUM) {   /* the exact values, rounded once */
        long double s;
        int64_t count;
        status = lt_reduce_sum_int(c, &one, &s, &count);
        *out = status == 0 ? (double)s : NAN;
        return status;
    }
    lt_col *f = lt_col_astype(c, LT_F64, false);
    if (!f)
        return lt_errcode();
    const double *x = lt_col_f64(f);
    switch (op) {
    case LT_SUM: status = lt_reduce_sum_f64(x, &one, out); break;
    case LT_MEAN: status = lt_reduce_mean_f64(x, &one, false, out); break;
    case LT_VAR:
    case LT_STD:
        status = lt_reduce_var_f64(x, &one, out);
        *out = op == LT_STD ? sqrt(*out) : *out;
        break;
    case LT_MIN:
    case LT_MAX: status = lt_reduce_minmax_f64(x, &one, op == LT_MAX, out); break;
    case LT_MEDIAN: status = lt_reduce_median_f64(x, &one, integral(c), out); break;
    }
    lt_col_unref(f);
    if (status < 0)
        *out = NAN;
    return status;
}

int lt_col_quantile(const lt_col *c, const double *probs, int np, bool na_rm,
                    double *out)
{
    for (int j = 0; j < np; j++)
        out[j] = NAN;
    int status = check_type(c, true, "quantile");
    if (status == 0)
        status = check_probs(probs, np);
    values v;
    if (status < 0 || (status = load(c, &v)) < 0)
        return status;
    if ((!v.nmiss || na_rm) && v.n > 0)
        status = quantiles_r(v.x, v.n, probs, np, out);
    free(v.x);
    return status;
}

int lt_col_summary(const lt_col *c, const double *probs, int np, lt_summary *s,
                   double *q)
{
    *s = (lt_summary){ 0, NAN, NAN, NAN, NAN };
    for (int j = 0; j < np; j++)
        q[j] = NAN;
    int status = check_type(c, true, "summary");
    if (status == 0)
        status = check_probs(probs, np);
    values v;
    if (status < 0 || (status = load(c, &v)) < 0)
        return status;
    s->count = v.n;
    lt_fn_ctx one = { v.n, 1, NULL, NULL, NULL };
    if (v.n > 0 && (status = lt_reduce_mean_f64(v.x, &one, integral(c), &s->mean)) == 0
        && (status = lt_reduce_var_f64(v.x, &one, &s->std)) == 0
        && (status = lt_reduce_minmax_f64(v.x, &one, false, &s->min)) == 0
        && (status = lt_reduce_minmax_f64(v.x, &one, true, &s->max)) == 0) {
        s->std = sqrt(s->std);
        status = quantiles_r(v.x, v.n, probs, np, q);
    }
    free(v.x);
    return status;
}

/* ---- grouping by value -------------------------------------------------- */

/* The distinct values of a column in order of first appearance: group g
 * first appears at row first[g] and occurs count[g] times; missing values
 * are group `na` (-1 when there are none). */
typedef struct groups {
    int64_t k, cap, na;
    int64_t *first, *count;
} groups;

static void groups_free(groups *g)
{
    free(g->first);
    free(g->count);
}

/* Count row i into the group in *slot, creating the group when *slot < 0. */
static int tally(groups *g, int64_t *slot, int64_t i)
{
    if (*slot < 0) {
        if (g->k == g->cap) {
            int64_t cap = g->cap ? 2 * g->cap : 64;
            int64_t *f = realloc(g->first, (size_t)cap * sizeof *f);
            if (f)
                g->first = f;
            int64_t *c = f ? realloc(g->count, (size_t)cap * sizeof *c) : NULL;
            if (!c)
                return lt_nomem();
            g->count = c;
            g->cap = cap;
        }
        g->first[g->k] = i;
        g->count[g->k] = 0;
        *slot = g->k++;
    }
    g->count[*slot]++;
    return 0;
}

/* Open addressing on 64-bit keys; ids[i] < 0 marks an empty slot. */
typedef struct hmap {
    uint64_t *keys;
    int64_t *ids;
    uint64_t mask;
    int64_t used;
} hmap;

static int hmap_init(hmap *h, uint64_t cap)
{
    h->mask = cap - 1;
    h->used = 0;
    h->keys = malloc(cap * sizeof *h->keys);
    h->ids = malloc(cap * sizeof *h->ids);
    if (!h->keys || !h->ids) {
        free(h->keys);
        free(h->ids);
        return lt_nomem();
    }
    memset(h->ids, 0xff, cap * sizeof *h->ids);
    return 0;
}

static void hmap_fini(hmap *h)
{
    free(h->keys);
    free(h->ids);
}

/* The id slot of key (inserting the key, with id -1, when new); NULL when
 * growing the table failed. */
static int64_t *hmap_slot(hmap *h, uint64_t key)
{
    if ((uint64_t)(h->used + 1) * 2 > h->mask + 1) {
        hmap big;
        if (hmap_init(&big, (h->mask + 1) * 2) < 0)
            return NULL;
        for (uint64_t i = 0; i <= h->mask; i++)
            if (h->ids[i] >= 0) {
                uint64_t j = lt_mix64(h->keys[i]) & big.mask;
                while (big.ids[j] >= 0)
                    j = (j + 1) & big.mask;
                big.keys[j] = h->keys[i];
                big.ids[j] = h->ids[i];
            }
        big.used = h->used;
        hmap_fini(h);
        *h = big;
    }
    uint64_t i = lt_mix64(key) & h->mask;
    while (h->ids[i] >= 0 && h->keys[i] != key)
        i = (i + 1) & h->mask;
    if (h->ids[i] < 0) {
        h->keys[i] = key;
        h->used++;
    }
    return &h->ids[i];
}

static int factorize(const lt_col *c, groups *g)
{
    memset(g, 0, sizeof *g);
    g->na = -1;
    int status = 0;
    if (c->type == LT_STR || c->type == LT_BOOL) {
        /* Small value domain: a table from code (or 0/1) to group. */
        int64_t size = c->type == LT_STR ? lt_dict_size(c->dict) : 2;
        int64_t *slot = malloc((size_t)(size ? size : 1) * sizeof *slot);
        if (!slot)
            return lt_nomem();
        memset(slot, 0xff, (size_t)size * sizeof *slot);
        for (int64_t i = 0; i < c->n && status == 0; i++) {
            int64_t v = c->type == LT_STR ? lt_col_codes(c)[i] : lt_col_bool(c)[i];
            status = tally(g, lt_col_is_na(c, i) ? &g->na : &slot[v], i);
        }
        free(slot);
    } else {
        hmap h;
        if ((status = hmap_init(&h, 256)) < 0)
            return status;
        for (int64_t i = 0; i < c->n && status == 0; i++) {
            int64_t *slot = lt_col_is_na(c, i) ? &g->na : hmap_slot(&h, lt_value_key(c, i));
            status = slot ? tally(g, slot, i) : lt_nomem();
        }
        hmap_fini(&h);
    }
    if (status < 0)
        groups_free(g);
    return status;
}

int64_t lt_col_n_unique(const lt_col *c, bool count_na)
{
    groups g;
    int status = factorize(c, &g);
    if (status < 0)
        return status;
    groups_free(&g);
    return g.k - (g.na >= 0 && !count_na);
}

lt_col *lt_col_unique(const lt_col *c)
{
    groups g;
    if (factorize(c, &g) < 0)
        return NULL;
    lt_col *r = lt_col_take(c, g.first, g.k);
    groups_free(&g);
    return r;
}

int64_t lt_col_top(const lt_col *c, int64_t *row, int64_t *freq)
{
    *row = -1;
    *freq = 0;
    groups g;
    int status = factorize(c, &g);
    if (status < 0)
        return status;
    for (int64_t j = 0; j < g.k; j++)
        if (j != g.na && g.count[j] > *freq) {   /* strict: the first one wins ties */
            *freq = g.count[j];
            *row = g.first[j];
        }
    groups_free(&g);
    return g.k - (g.na >= 0);
}

typedef struct tally_row { int64_t count, group; } tally_row;

/* More frequent first, then earlier first appearance (= lower group). */
static int cmp_tally(const void *p, const void *q)
{
    const tally_row *a = p, *b = q;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->group > b->group) - (a->group < b->group);
}

lt_frame *lt_col_counts(const lt_col *c, bool dropna)
{
    groups g;
    if (factorize(c, &g) < 0)
        return NULL;
    lt_frame *f = NULL;
    lt_col *vals = NULL, *ns = NULL;
    tally_row *t = malloc((size_t)(g.k ? g.k : 1) * sizeof *t);
    int64_t *rows = malloc((size_t)(g.k ? g.k : 1) * sizeof *rows);
    int64_t *cnt = malloc((size_t)(g.k ? g.k : 1) * sizeof *cnt);
    if (!t || !rows || !cnt) {
        lt_nomem();
        goto out;
    }
    int64_t m = 0;
    for (int64_t j = 0; j < g.k; j++)
        if (!(dropna && j == g.na))
            t[m++] = (tally_row){ g.count[j], j };
    qsort(t, (size_t)m, sizeof *t, cmp_tally);
    for (int64_t j = 0; j < m; j++) {
        rows[j] = g.first[t[j].group];
        cnt[j] = t[j].count;
    }
    vals = lt_col_take(c, rows, m);
    ns = lt_col_from_i64(cnt, NULL, m);
    f = vals && ns ? lt_frame_new() : NULL;
    if (f && (lt_frame_add(f, "value", vals) < 0 || lt_frame_add(f, "n", ns) < 0)) {
        lt_frame_free(f);
        f = NULL;
    }
out:
    lt_col_unref(vals);
    lt_col_unref(ns);
    free(t);
    free(rows);
    free(cnt);
    groups_free(&g);
    return f;
}
