/* The aggregate functions of expressions (fn.h, LT_FN_AGG): count, sum,
 * mean, median, std, var, min, max, first, last, n_unique, quantile; one
 * value per group.
 *
 * Every aggregate skips missing values, as pandas, Polars and SQL do (R's
 * na.rm = TRUE).  A group left without values gives a missing result,
 * except count and sum, which give 0.
 *
 * The numeric ones run through the grouped kernels of reduce.c
 * (reduce_groups.h), so they are R's algorithms (long double sums, the
 * second pass of the mean, two-pass var, median.default, quantile type 7)
 * and a group's result is, bit for bit, what lt_col_reduce gives on that
 * group's values.  Sums, means, variances, counts and extremes take one to
 * three sequential passes over the rows with accumulators indexed by
 * group; median, quantile and n_unique work through each group's rows
 * (ctx->order), in parallel over groups; first and last look at the ends
 * of each group's rows.  No result depends on the thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fn.h"
#include "ops.h"
#include "reduce.h"
#include "reduce_groups.h"

/* Run the statements for each row of any column, as LT_EACH_F64 /
 * LT_EACH_VALID do (v, ok, g), v being the double, integer or code. */
#define EACH_ROW(c, ctx, ...)                                                     \
    do {                                                                          \
        switch ((c)->type) {                                                      \
        case LT_F64: LT_EACH_F64(lt_col_f64(c), ctx, __VA_ARGS__); break;         \
        case LT_BOOL: LT_EACH_VALID(c, ctx, uint8_t, lt_col_bool(c), __VA_ARGS__); break; \
        case LT_STR: LT_EACH_VALID(c, ctx, int32_t, lt_col_codes(c), __VA_ARGS__); break; \
        default: LT_EACH_VALID(c, ctx, int64_t, lt_col_i64(c), __VA_ARGS__); break; \
        }                                                                         \
    } while (0)

/* ---- checks and results ------------------------------------------------- */

/* The subject args[0] must have one value per row. */
static int check_rows(const lt_col *x, const lt_fn_ctx *ctx)
{
    if (x->n == ctx->nrow)
        return 0;
    return lt_seterr(LT_ELENGTH, "expected %lld values (one per row), got %lld",
                     (long long)ctx->nrow, (long long)x->n);
}

static int check_number(const lt_col *x, bool time_ok)
{
    if (lt_type_is_numeric(x->type) || (time_ok && x->type == LT_TIME))
        return 0;
    return lt_seterr(LT_ETYPE, "expected %s, got a %s column",
                     time_ok ? "numbers (f64, i64 or bool) or times" : "numbers (f64, i64 or bool)",
                     lt_type_name(x->type));
}

/* quantile's q: one number in [0, 1]. */
static int check_q(const lt_col *q, double *p)
{
    if (q->n != 1 || !lt_type_is_numeric(q->type) || lt_col_is_na(q, 0))
        return lt_seterr(LT_EINVAL, "q must be one number in [0, 1]");
    *p = lt_col_get_num(q, 0);
    if (!(*p >= 0 && *p <= 1))
        return lt_seterr(LT_EINVAL, "q = %g is outside [0, 1]", *p);
    return 0;
}

/* A result column of ng values of the subject's kind (type, time kind,
 * dictionary), zeroed. */
static lt_col *new_result(lt_type type, const lt_col *like, int64_t ng)
{
    lt_col *r = type == LT_STR ? lt_col_new_str(ng, like->dict) : lt_col_new(type, ng);
    if (r && like)
        r->tkind = like->tkind;
    return r;
}

/* Mark missing the groups with count[g] == 0, and finish r (NULL on
 * failure, r released). */
static lt_col *finish_counted(lt_col *r, const int64_t *count)
{
    for (int64_t g = 0; g < r->n; g++)
        if (!count[g] && lt_col_set_na(r, g) < 0) {
            lt_col_unref(r);
            return NULL;
        }
    return lt_col_finish(r);
}

/* Finish r, or release it and return NULL when status < 0. */
static lt_col *finish(lt_col *r, int status)
{
    if (status < 0) {
        lt_col_unref(r);
        return NULL;
    }
    return lt_col_finish(r);
}

/* The subject as doubles (NaN missing): a new reference, or NULL. */
static lt_col *as_f64(const lt_col *x)
{
    return lt_col_astype(x, LT_F64, false);
}

/* A time median or quantile in microseconds, as a time: rounded down to
 * the microsecond, inside int64. */
static int64_t to_time(double us)
{
    return us >= 0x1p63 ? INT64_MAX : us < -0x1p63 ? INT64_MIN : (int64_t)floor(us);
}

/* ---- count, sum, mean, var, std ------------------------------------------ */

static lt_col *agg_count(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    if (nargs > 0 && check_rows(args[0], ctx) < 0)
        return NULL;
    lt_col *r = lt_col_new(LT_I64, ctx->ngroups);
    if (!r)
        return NULL;
    int64_t *out = lt_col_i64(r);
    if (nargs == 0 || args[0]->nmiss == 0) {
        for (int64_t g = 0; g < ctx->ngroups; g++)
            out[g] = lt_fn_group_size(ctx, g);
    } else {
        const lt_col *x = args[0];
        EACH_ROW(x, ctx, out[g] += ok);
    }
    return lt_col_finish(r);
}

static lt_col *agg_sum(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    const lt_col *x = args[0];
    if (check_rows(x, ctx) < 0 || check_number(x, false) < 0)
        return NULL;
    lt_col *r = lt_col_new(x->type == LT_F64 ? LT_F64 : LT_I64, ctx->ngroups);
    if (!r)
        return NULL;
    if (x->type == LT_F64)
        return finish(r, lt_reduce_sum_f64(lt_col_f64(x), ctx, lt_col_f64(r)));
    int64_t bad;
    int status = lt_reduce_isum(x, ctx, lt_col_i64(r), &bad);
    if (status == LT_ERANGE) {
        if (ctx->gid)
            lt_seterr(LT_ERANGE, "the sum of group %lld overflows i64; cast to f64 "
                      "first (x:cast(\"f64\"):sum()) for an approximate sum",
                      (long long)bad + 1);
        else
            lt_seterr(LT_ERANGE, "the sum overflows i64; cast to f64 first "
                      "(x:cast(\"f64\"):sum()) for an approximate sum");
    }
    return finish(r, status);
}

static lt_col *agg_mean(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    const lt_col *x = args[0];
    if (check_rows(x, ctx) < 0 || check_number(x, false) < 0)
        return NULL;
    lt_col *r = lt_col_new(LT_F64, ctx->ngroups);
    if (!r)
        return NULL;
    int status = x->type == LT_F64 ? lt_reduce_mean_f64(lt_col_f64(x), ctx, false, lt_col_f64(r))
                                   : lt_reduce_mean_int(x, ctx, lt_col_f64(r));
    return finish(r, status);
}

static lt_col *var_std(lt_col *const *args, const lt_fn_ctx *ctx, bool std)
{
    const lt_col *x = args[0];
    if (check_rows(x, ctx) < 0 || check_number(x, false) < 0)
        return NULL;
    lt_col *f = as_f64(x);
    lt_col *r = f ? lt_col_new(LT_F64, ctx->ngroups) : NULL;
    int status = r ? lt_reduce_var_f64(lt_col_f64(f), ctx, lt_col_f64(r)) : LT_ENOMEM;
    lt_col_unref(f);
    if (!r)
        return NULL;
    if (std && status == 0)
        for (int64_t g = 0; g < ctx->ngroups; g++)
            lt_col_f64(r)[g] = sqrt(lt_col_f64(r)[g]);
    return finish(r, status);
}

static lt_col *agg_var(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return var_std(args, ctx, false);
}

static lt_col *agg_std(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return var_std(args, ctx, true);
}

/* ---- median and quantile ------------------------------------------------- */

/* p < 0: the median. */
static lt_col *select_agg(const lt_col *x, const lt_fn_ctx *ctx, double p)
{
    if (check_rows(x, ctx) < 0 || check_number(x, true) < 0)
        return NULL;
    int64_t ng = ctx->ngroups;
    bool integral = x->type == LT_I64 || x->type == LT_BOOL;
    lt_col *f = as_f64(x);
    lt_col *r = f ? new_result(x->type == LT_TIME ? LT_TIME : LT_F64, x, ng) : NULL;
    if (!r) {
        lt_col_unref(f);
        return NULL;
    }
    double *q = x->type == LT_TIME ? malloc((size_t)(ng > 0 ? ng : 1) * sizeof *q) : lt_col_f64(r);
    int status = !q ? lt_nomem()
                 : p < 0 ? lt_reduce_median_f64(lt_col_f64(f), ctx, integral, q)
                         : lt_reduce_quantile_f64(lt_col_f64(f), ctx, p, q);
    lt_col_unref(f);
    if (x->type == LT_TIME) {
        for (int64_t g = 0; status == 0 && g < ng; g++) {
            if (q[g] == q[g])
                lt_col_i64(r)[g] = to_time(q[g]);
            else
                status = lt_col_set_na(r, g);
        }
        free(q);
    }
    return finish(r, status);
}

static lt_col *agg_median(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return select_agg(args[0], ctx, -1);
}

static lt_col *agg_quantile(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    double p = 0;
    if (check_q(args[1], &p) < 0)
        return NULL;
    return select_agg(args[0], ctx, p);
}

/* ---- min and max --------------------------------------------------------- */

typedef struct dict_entry {
    const char *s;
    size_t len;
    int32_t code;
} dict_entry;

static int cmp_entry(const void *p, const void *q)
{
    const dict_entry *a = p, *b = q;
    int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Strings by byte order: rank each dictionary code once (O(D log D)),
 * then keep the best rank of each group in one pass over the codes. */
static lt_col *minmax_str(const lt_col *x, const lt_fn_ctx *ctx, bool max)
{
    int32_t size = lt_dict_size(x->dict);
    int64_t ng = ctx->ngroups;
    dict_entry *e = malloc((size_t)(size ? size : 1) * sizeof *e);
    int32_t *rank = malloc((size_t)(size ? size : 1) * sizeof *rank);
    int32_t *best = malloc((size_t)(ng > 0 ? ng : 1) * sizeof *best);
    lt_col *r = NULL;
    if (!e || !rank || !best) {
        lt_nomem();
        goto out;
    }
    for (int32_t k = 0; k < size; k++) {
        e[k].s = lt_dict_str(x->dict, k, &e[k].len);
        e[k].code = k;
    }
    qsort(e, (size_t)size, sizeof *e, cmp_entry);
    for (int32_t k = 0; k < size; k++)
        rank[e[k].code] = k;
    for (int64_t g = 0; g < ng; g++)
        best[g] = max ? -1 : INT32_MAX;
    if (max)
        LT_EACH_VALID(x, ctx, int32_t, lt_col_codes(x),
                      best[g] = ok && rank[v] > best[g] ? rank[v] : best[g]);
    else
        LT_EACH_VALID(x, ctx, int32_t, lt_col_codes(x),
                      best[g] = ok && rank[v] < best[g] ? rank[v] : best[g]);
    if (!(r = new_result(LT_STR, x, ng)))
        goto out;
    for (int64_t g = 0; g < ng; g++) {
        bool found = best[g] >= 0 && best[g] < size;
        lt_col_codes(r)[g] = found ? e[best[g]].code : 0;
        if (!found && lt_col_set_na(r, g) < 0) {
            lt_col_unref(r);
            r = NULL;
            goto out;
        }
    }
    r = lt_col_finish(r);
out:
    free(e);
    free(rank);
    free(best);
    return r;
}

static lt_col *minmax(const lt_col *x, const lt_fn_ctx *ctx, bool max)
{
    if (check_rows(x, ctx) < 0)
        return NULL;
    if (x->type == LT_STR)
        return minmax_str(x, ctx, max);
    lt_col *r = new_result(x->type, x, ctx->ngroups);
    if (!r)
        return NULL;
    if (x->type == LT_F64)
        return finish(r, lt_reduce_minmax_f64(lt_col_f64(x), ctx, max, lt_col_f64(r)));
    /* i64, time, bool: exact integers, same type */
    int64_t *v = malloc((size_t)(ctx->ngroups > 0 ? ctx->ngroups : 1) * sizeof *v);
    int64_t *count = v ? malloc((size_t)(ctx->ngroups > 0 ? ctx->ngroups : 1) * sizeof *count)
                       : NULL;
    int status = count ? lt_reduce_iminmax(x, ctx, max, v, count) : lt_nomem();
    for (int64_t g = 0; status == 0 && g < ctx->ngroups; g++) {
        if (x->type == LT_BOOL)
            lt_col_bool(r)[g] = (uint8_t)v[g];
        else
            lt_col_i64(r)[g] = v[g];
    }
    if (status == 0)
        r = finish_counted(r, count);
    else
        lt_col_unref(r);
    free(v);
    free(count);
    return status == 0 ? r : NULL;
}

static lt_col *agg_min(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return minmax(args[0], ctx, false);
}

static lt_col *agg_max(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return minmax(args[0], ctx, true);
}

/* ---- first and last ------------------------------------------------------ */

/* The first (last) non-missing value of each group, found from the start
 * (end) of the group's rows: one look per group unless values are missing. */
static lt_col *first_last(const lt_col *x, const lt_fn_ctx *ctx, bool last)
{
    if (check_rows(x, ctx) < 0)
        return NULL;
    int64_t *rows = malloc((size_t)(ctx->ngroups > 0 ? ctx->ngroups : 1) * sizeof *rows);
    if (!rows) {
        lt_nomem();
        return NULL;
    }
    for (int64_t g = 0; g < ctx->ngroups; g++) {
        int64_t len = lt_fn_group_size(ctx, g);
        rows[g] = -1;
        for (int64_t k = 0; k < len; k++) {
            int64_t i = lt_fn_group_row(ctx, g, last ? len - 1 - k : k);
            if (!lt_col_is_na(x, i)) {
                rows[g] = i;
                break;
            }
        }
    }
    lt_col *r = lt_col_take(x, rows, ctx->ngroups);   /* row -1: missing */
    free(rows);
    return r;
}

static lt_col *agg_first(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return first_last(args[0], ctx, false);
}

static lt_col *agg_last(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return first_last(args[0], ctx, true);
}

/* ---- n_unique ------------------------------------------------------------ */

/* A set of 64-bit keys per thread, reused from group to group: the keys of
 * group g are the slots stamped g within the prefix [0, mask] that the
 * group uses, and any other slot is free, so nothing is cleared between
 * groups.  A group's prefix starts small and doubles at half load, so the
 * memory follows the number of distinct values, not the group's size. */
typedef struct kslot {
    uint64_t key;
    int32_t stamp;
} kslot;

typedef struct kset {
    kslot *slot;
    uint64_t *moved;
    uint64_t cap;   /* slots allocated, a power of 2 */
} kset;

static int kset_reserve(kset *s, uint64_t cap)
{
    if (cap <= s->cap)
        return 0;
    kslot *slot = realloc(s->slot, cap * sizeof *slot);
    if (slot)
        s->slot = slot;
    uint64_t *moved = slot ? realloc(s->moved, cap / 2 * sizeof *moved) : NULL;
    if (!moved)
        return LT_ENOMEM;
    s->moved = moved;
    for (uint64_t h = s->cap; h < cap; h++)
        s->slot[h].stamp = -1;
    s->cap = cap;
    return 0;
}

static void kset_free(kset *s)
{
    free(s->slot);
    free(s->moved);
}

/* Put key in group g's slots [0, mask]; true when it was not there. */
static inline bool kset_add(kset *s, uint64_t mask, int32_t g, uint64_t key)
{
    uint64_t h = lt_mix64(key) & mask;
    while (s->slot[h].stamp == g && s->slot[h].key != key)
        h = (h + 1) & mask;
    if (s->slot[h].stamp == g)
        return false;
    s->slot[h] = (kslot){ key, g };
    return true;
}

/* Distinct non-missing values of x among rows[0..len) (rows NULL: rows
 * 0..len-1) as group g, or LT_ENOMEM. */
static int64_t distinct(kset *s, const lt_col *x, const int64_t *rows, int64_t len, int32_t g)
{
    uint64_t mask = 15;
    while (mask < 2047 && mask + 1 < 2 * (uint64_t)len)
        mask = 2 * mask + 1;
    if (kset_reserve(s, mask + 1) < 0)
        return LT_ENOMEM;
    int64_t count = 0;
    for (int64_t k = 0; k < len; k++) {
        int64_t i = rows ? rows[k] : k;
        if (lt_col_is_na(x, i) || !kset_add(s, mask, g, lt_value_key(x, i)))
            continue;
        if (2 * (uint64_t)++count <= mask + 1)
            continue;
        /* Half full: move the group's keys into a prefix twice as long. */
        if (kset_reserve(s, 2 * (mask + 1)) < 0)
            return LT_ENOMEM;
        uint64_t m = 0;
        for (uint64_t h = 0; h <= mask; h++)
            if (s->slot[h].stamp == g) {
                s->moved[m++] = s->slot[h].key;
                s->slot[h].stamp = -1;
            }
        mask = 2 * mask + 1;
        for (uint64_t j = 0; j < m; j++)
            kset_add(s, mask, g, s->moved[j]);
    }
    return count;
}

/* Groups are independent, each counted by one thread. */
static int n_unique_groups(const lt_col *x, const lt_fn_ctx *ctx, int64_t *out)
{
    if (!ctx->gid) {
        kset s = { 0 };
        out[0] = distinct(&s, x, NULL, ctx->nrow, 0);
        kset_free(&s);
        return out[0] < 0 ? lt_nomem() : 0;
    }
    int bad = 0;
#pragma omp parallel if (ctx->nrow >= LT_REDUCE_PAR_MIN) reduction(|: bad)
    {
        kset s = { 0 };
#pragma omp for schedule(guided)
        for (int64_t g = 0; g < ctx->ngroups; g++) {
            int64_t len = ctx->start[g + 1] - ctx->start[g];
            out[g] = bad ? 0 : distinct(&s, x, ctx->order + ctx->start[g], len, (int32_t)g);
            bad |= out[g] < 0;
        }
        kset_free(&s);
    }
    return bad ? lt_nomem() : 0;
}

static lt_col *agg_n_unique(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    const lt_col *x = args[0];
    if (check_rows(x, ctx) < 0)
        return NULL;
    lt_col *r = lt_col_new(LT_I64, ctx->ngroups);
    if (!r)
        return NULL;
    return finish(r, n_unique_groups(x, ctx, lt_col_i64(r)));
}

/* ---- the table ----------------------------------------------------------- */

#define AGG(NAME, MIN, MAX, FN, SIG, SUMMARY, EXAMPLE) \
    { NAME, LT_FN_AGG, MIN, MAX, FN, NULL, 0, SIG, SUMMARY, EXAMPLE }

const lt_fn lt_agg_fns[] = {
    AGG("count", 0, 1, agg_count, "count()",
        "Rows per group (i64); x:count() counts the non-missing values of x.",
        "churn:group_by(\"contract\"):agg{ n = count(), billed = col\"total_charges\":count() }"),
    AGG("sum", 1, 1, agg_sum, "x:sum()",
        "Sum per group (0 for none).\n"
        "Missing values are skipped.  f64 gives f64 (accumulated in long double,\n"
        "as R); i64 and bool give an exact i64 (a sum beyond the i64 range is an\n"
        "error: cast to f64 first).",
        "churn:group_by(\"contract\"):agg{ months = col\"tenure\":sum() }"),
    AGG("mean", 1, 1, agg_mean, "x:mean()",
        "Mean per group (f64).\nMissing values are skipped; missing for none.\n"
        "R's algorithm: long double sum / n, refined by a second pass for f64.\n"
        "The mean of a bool is the share of true values.",
        "churn:group_by(\"contract\"):agg{ rate = col\"churn\":eq(\"Yes\"):mean() }"),
    AGG("median", 1, 1, agg_median, "x:median()",
        "Median per group.\nMissing values are skipped; missing for none.\n"
        "f64 for numbers (R's median: the mean of the middle two for an even\n"
        "count); a time for times (the middle of two times is rounded down to\n"
        "the microsecond).",
        "churn:group_by(\"contract\"):agg{ spend = col\"monthly_charges\":median() }"),
    AGG("std", 1, 1, agg_std, "x:std()",
        "Standard deviation per group (f64, n - 1).\n"
        "Missing values are skipped; missing for fewer than 2 values.",
        "churn:group_by(\"contract\"):agg{ sd = col\"monthly_charges\":std() }"),
    AGG("var", 1, 1, agg_var, "x:var()",
        "Variance per group (f64, n - 1).\n"
        "R's two-pass algorithm. Missing values are skipped; missing for fewer\n"
        "than 2 values.",
        "churn:group_by(\"contract\"):agg{ v = col\"monthly_charges\":var() }"),
    AGG("min", 1, 1, agg_min, "x:min()",
        "Smallest value per group, of x's type.\n"
        "Missing values are skipped; missing for none.  Strings compare by\n"
        "bytes (the result keeps x's dictionary); for bool, false < true.",
        "churn:group_by(\"contract\"):agg{ shortest = col\"tenure\":min() }"),
    AGG("max", 1, 1, agg_max, "x:max()",
        "Largest value per group, of x's type.\n"
        "Missing values are skipped; missing for none.  Strings compare by\n"
        "bytes; for bool, false < true.",
        "churn:group_by(\"contract\"):agg{ longest = col\"tenure\":max() }"),
    AGG("first", 1, 1, agg_first, "x:first()",
        "First non-missing value per group.\n"
        "In row order, of x's type (as pandas' GroupBy.first); missing when the\n"
        "group has none.",
        "churn:group_by(\"contract\"):agg{ pay = col\"payment_method\":first() }"),
    AGG("last", 1, 1, agg_last, "x:last()",
        "Last non-missing value per group.\n"
        "In row order, of x's type (as pandas' GroupBy.last); missing when the\n"
        "group has none.",
        "churn:group_by(\"contract\"):agg{ pay = col\"payment_method\":last() }"),
    AGG("n_unique", 1, 1, agg_n_unique, "x:n_unique()",
        "Distinct non-missing values per group (i64).\n"
        "For f64, 0 and -0 are one value.",
        "churn:group_by(\"contract\"):agg{ methods = col\"payment_method\":n_unique() }"),
    AGG("quantile", 2, 2, agg_quantile, "x:quantile(q)",
        "Quantile q in [0, 1] per group.\n"
        "Missing values are skipped; missing for none.  R's type 7 (numpy's\n"
        "\"linear\", digits as R): f64 for numbers, a time (rounded down to the\n"
        "microsecond) for times.",
        "churn:group_by(\"contract\"):agg{ p90 = col\"monthly_charges\":quantile(0.9) }"),
    { NULL, LT_FN_AGG, 0, 0, NULL, NULL, 0, NULL, NULL, NULL },
};
