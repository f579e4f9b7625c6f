/* Reductions and tallies over one column (see reduce.h).
 *
 * The numeric reductions copy R's algorithms so that results agree with R
 * to the last bit: sum and mean accumulate in long double, sequentially (no
 * threads, so the thread count never changes a result), the mean of doubles
 * takes R's second pass, var is the two-pass algorithm of R's cov.c, and
 * median/quantile follow median.default and quantile(type = 7) on values
 * put in place by selection (expected O(n)) instead of a full sort.
 *
 * Distinct values are found by one grouping pass ("factorize"): by
 * dictionary code for str (O(n + dictionary)), by value for bool, and
 * through a hash table on the 64-bit value for i64/time and on the bits for
 * f64 (-0.0 folded into 0.0; NaN is missing). */
#include "reduce.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "ops.h"

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

/* The non-missing values of a numeric or time column, as doubles in row
 * order (n of them; the column had nmiss missing ones).  With `copy` they
 * are always in a private array that the caller may reorder. */
typedef struct values {
    lt_col *col;        /* f64 column holding x, or NULL */
    double *own;        /* private array holding x, or NULL */
    const double *x;
    int64_t n, nmiss;
} values;

static int load(const lt_col *c, bool copy, values *v)
{
    memset(v, 0, sizeof *v);
    lt_col *f = lt_col_astype(c, LT_F64, false);
    if (!f)
        return lt_errcode();
    const double *x = lt_col_f64(f);
    v->nmiss = f->nmiss;
    if (!copy && f->nmiss == 0) {
        v->col = f;
        v->x = x;
        v->n = f->n;
        return 0;
    }
    int64_t m = f->n - f->nmiss;
    v->own = malloc((size_t)(m ? m : 1) * sizeof *v->own);
    if (!v->own) {
        lt_col_unref(f);
        return lt_nomem();
    }
    for (int64_t i = 0, j = 0; i < f->n; i++)
        if (x[i] == x[i])
            v->own[j++] = x[i];
    lt_col_unref(f);
    v->x = v->own;
    v->n = m;
    return 0;
}

static void unload(values *v)
{
    lt_col_unref(v->col);
    free(v->own);
}

/* ---- R's numeric algorithms --------------------------------------------- */

/* rsum of R's summary.c. */
static double sum_r(const double *x, int64_t n)
{
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++)
        s += x[i];
    return s > DBL_MAX ? INFINITY : s < -DBL_MAX ? -INFINITY : (double)s;
}

/* R's mean: for doubles, sum / n refined by the mean of the residuals, all
 * in long double; for integer vectors just sum / n. */
static double mean_r(const double *x, int64_t n, bool integral)
{
    if (n == 0)
        return NAN;
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++)
        s += x[i];
    s /= n;
    if (integral || !isfinite((double)s))
        return (double)s;
    long double t = 0.0L;
    for (int64_t i = 0; i < n; i++)
        t += x[i] - s;
    s += t / n;
    return (double)s;
}

/* R's var (cov.c): squared deviations from the (double) mean, each product
 * in double, summed in long double, over n - 1. */
static double var_r(const double *x, int64_t n, double mean)
{
    if (n < 2)
        return NAN;
    long double s = 0.0L;
    for (int64_t i = 0; i < n; i++) {
        long double d = x[i] - (long double)mean;
        s += d * d;
    }
    return (double)(s / (n - 1));
}

static void min_max(const double *x, int64_t n, double *mn, double *mx)
{
    double lo = n ? x[0] : NAN, hi = lo;
    for (int64_t i = 1; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    *mn = lo;
    *mx = hi;
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
 * Quickselect with a three-way partition (runs of equal values cost
 * nothing) around a median-of-three pivot; a range that keeps shrinking
 * slowly is sorted instead, so the worst case stays O(n log n). */
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
        int64_t lt = lo, i = lo, gt = hi - 1;
        while (i <= gt) {
            if (x[i] < p)
                swap(x, lt++, i++);
            else if (x[i] > p)
                swap(x, i, gt--);
            else
                i++;
        }
        /* now x[lo, lt) < p, x[lt, gt] == p, x(gt, hi) > p */
        if (k < lt)
            hi = lt;
        else if (k > gt)
            lo = gt + 1;
        else
            return;
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
    int64_t *ks = malloc((size_t)(2 * np + 1) * sizeof *ks);
    if (!ks)
        return lt_nomem();
    for (int j = 0; j < np; j++) {
        double index = 1 + (double)(n - 1) * probs[j];
        ks[2 * j] = (int64_t)floor(index) - 1;
        ks[2 * j + 1] = (int64_t)ceil(index) - 1;
    }
    select_ranks(x, n, ks, 2 * np);
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
    double pair[2] = { x[n / 2 - 1], x[n / 2] };
    return mean_r(pair, 2, integral);
}

static int check_probs(const double *probs, int np)
{
    for (int j = 0; j < np; j++)
        if (!(probs[j] >= 0 && probs[j] <= 1))
            return lt_seterr(LT_EINVAL, "quantile: probability %g is outside [0, 1]",
                             probs[j]);
    return 0;
}

/* ---- exact integer reductions ------------------------------------------- */

/* Value i of an i64, bool or time column (not missing). */
static inline int64_t int_at(const lt_col *c, int64_t i)
{
    return c->type == LT_BOOL ? lt_col_bool(c)[i] : lt_col_i64(c)[i];
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
    int64_t acc = 0, seen = 0;
    for (int64_t i = 0; i < c->n; i++) {
        if (lt_col_is_na(c, i))
            continue;
        int64_t x = int_at(c, i);
        if (op == LT_SUM) {
            if (__builtin_add_overflow(acc, x, &acc))
                return lt_seterr(LT_ERANGE, "sum: the sum overflows i64; convert "
                                 "first (astype(\"f64\")) for an approximate sum");
        } else if (seen == 0 || (op == LT_MIN ? x < acc : x > acc)) {
            acc = x;
        }
        seen++;
    }
    *out = acc;
    *present = op == LT_SUM || seen > 0;
    return 0;
}

/* Sum, mean, min or max of an i64, bool or time column from the exact
 * values: R accumulates integers in long double (which holds every int64
 * exactly) and rounds once, at the end. */
static double reduce_int(const lt_col *c, lt_reduce op)
{
    long double s = 0.0L;
    int64_t n = 0, mn = 0, mx = 0;
    for (int64_t i = 0; i < c->n; i++) {
        if (lt_col_is_na(c, i))
            continue;
        int64_t x = int_at(c, i);
        mn = n == 0 || x < mn ? x : mn;
        mx = n == 0 || x > mx ? x : mx;
        s += x;
        n++;
    }
    switch (op) {
    case LT_SUM: return (double)s;
    case LT_MEAN: return n ? (double)(s / n) : NAN;
    case LT_MIN: return n ? (double)mn : NAN;
    case LT_MAX: return n ? (double)mx : NAN;
    default: return NAN;
    }
}

/* ---- public reductions -------------------------------------------------- */

/* R averages integer and logical vectors without the second pass; times
 * are doubles in R (POSIXct), so they take it. */
static bool integral(const lt_col *c)
{
    return c->type == LT_I64 || c->type == LT_BOOL;
}

int lt_col_reduce(const lt_col *c, lt_reduce op, bool na_rm, double *out)
{
    *out = NAN;
    bool time_ok = op == LT_MIN || op == LT_MAX || op == LT_MEDIAN;
    int status = check_type(c, time_ok, reduce_names[op]);
    if (status < 0)
        return status;
    if (integral(c) || (c->type == LT_TIME && op != LT_MEDIAN)) {
        if (op == LT_SUM || op == LT_MEAN || op == LT_MIN || op == LT_MAX) {
            if (!c->nmiss || na_rm)
                *out = reduce_int(c, op);
            return 0;
        }
    }
    values v;
    if ((status = load(c, op == LT_MEDIAN, &v)) < 0)
        return status;
    if (v.nmiss && !na_rm) {
        unload(&v);
        return 0;
    }
    double mn, mx;
    switch (op) {
    case LT_SUM: *out = sum_r(v.x, v.n); break;
    case LT_MEAN: *out = mean_r(v.x, v.n, integral(c)); break;
    case LT_VAR: *out = var_r(v.x, v.n, mean_r(v.x, v.n, false)); break;
    case LT_STD: *out = sqrt(var_r(v.x, v.n, mean_r(v.x, v.n, false))); break;
    case LT_MIN:
    case LT_MAX:
        min_max(v.x, v.n, &mn, &mx);
        *out = op == LT_MIN ? mn : mx;
        break;
    case LT_MEDIAN: *out = median_r(v.own, v.n, integral(c)); break;
    }
    unload(&v);
    return 0;
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
    if (status < 0 || (status = load(c, true, &v)) < 0)
        return status;
    if ((!v.nmiss || na_rm) && v.n > 0)
        status = quantiles_r(v.own, v.n, probs, np, out);
    unload(&v);
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
    if (status < 0 || (status = load(c, true, &v)) < 0)
        return status;
    s->count = v.n;
    if (v.n > 0) {
        double mean = mean_r(v.x, v.n, false);
        s->mean = integral(c) ? mean_r(v.x, v.n, true) : mean;
        s->std = sqrt(var_r(v.x, v.n, mean));
        min_max(v.x, v.n, &s->min, &s->max);
        status = quantiles_r(v.own, v.n, probs, np, q);
    }
    unload(&v);
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

static uint64_t mix64(uint64_t x)   /* MurmurHash3's finaliser */
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdu;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53u;
    x ^= x >> 33;
    return x;
}

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
                uint64_t j = mix64(h->keys[i]) & big.mask;
                while (big.ids[j] >= 0)
                    j = (j + 1) & big.mask;
                big.keys[j] = h->keys[i];
                big.ids[j] = h->ids[i];
            }
        big.used = h->used;
        hmap_fini(h);
        *h = big;
    }
    uint64_t i = mix64(key) & h->mask;
    while (h->ids[i] >= 0 && h->keys[i] != key)
        i = (i + 1) & h->mask;
    if (h->ids[i] < 0) {
        h->keys[i] = key;
        h->used++;
    }
    return &h->ids[i];
}

/* The hash key of present value i: the integer, or the bits of the double
 * with -0.0 turned into 0.0. */
static uint64_t key_of(const lt_col *c, int64_t i)
{
    if (c->type != LT_F64)
        return (uint64_t)lt_col_i64(c)[i];
    double x = lt_col_f64(c)[i] + 0.0;
    uint64_t k;
    memcpy(&k, &x, sizeof k);
    return k;
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
            int64_t *slot = lt_col_is_na(c, i) ? &g->na : hmap_slot(&h, key_of(c, i));
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
