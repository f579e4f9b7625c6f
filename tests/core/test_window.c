/* Unit tests of core/window.c: every window function of lt_window_fns on
 * small columns worked out by hand, ungrouped and with interleaved groups,
 * with missing values, windows and shifts longer than the group, time
 * windows with gaps and equal times, infinities, and the error messages.
 * Where the last bits of a double depend on the algorithm, the expected
 * value is pandas 1.5.3's, printed with repr() (the command is above). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "error.h"
#include "fn.h"
#include "tap.h"
#include "window.h"

#define NA NAN
#define LEN(a) ((int64_t)(sizeof(a) / sizeof *(a)))
#define DAY LT_US_PER_DAY

/* ---- harness --------------------------------------------------------------- */

static const lt_fn *find(const char *name)
{
    for (const lt_fn *f = lt_window_fns; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static lt_fn_ctx ungrouped(int64_t n)
{
    return (lt_fn_ctx){ .nrow = n, .ngroups = 1 };
}

/* Groups from gid[0..n) (ids 0..ngroups-1): start and order by counting. */
typedef struct groups {
    lt_fn_ctx ctx;
    int64_t start[16];
    int64_t order[64];
} groups;

static void make_groups(groups *g, const int32_t *gid, int64_t n, int64_t ngroups)
{
    memset(g, 0, sizeof *g);
    for (int64_t i = 0; i < n; i++)
        g->start[gid[i] + 1]++;
    for (int64_t k = 0; k < ngroups; k++)
        g->start[k + 1] += g->start[k];
    int64_t fill[16];
    memcpy(fill, g->start, sizeof fill);
    for (int64_t i = 0; i < n; i++)
        g->order[fill[gid[i]]++] = i;
    g->ctx = (lt_fn_ctx){ .nrow = n, .ngroups = ngroups, .gid = gid, .start = g->start,
                          .order = g->order };
}

/* Call the window function `name` with up to 3 arguments (NULL-ended);
 * the arguments are released. */
static lt_col *call(const char *name, const lt_fn_ctx *ctx, lt_col *a0, lt_col *a1, lt_col *a2)
{
    lt_col *args[3] = { a0, a1, a2 };
    int nargs = a0 ? (a1 ? (a2 ? 3 : 2) : 1) : 0;
    const lt_fn *f = find(name);
    lt_col *r = f ? f->impl(args, nargs, ctx) : NULL;
    if (!r)
        printf("# %s: %s\n", name, lt_errmsg());
    for (int i = 0; i < 3; i++)
        lt_col_unref(args[i]);
    return r;
}

static lt_col *f64s(const double *v, int64_t n) { return lt_col_from_f64(v, n); }
static lt_col *k_i64(int64_t v) { return lt_col_scalar_i64(v); }
static lt_col *k_str(const char *s) { return lt_col_scalar_str(s, strlen(s)); }

/* An i64 column with NA_I marking missing values. */
#define NA_I INT64_MIN
static lt_col *i64s(const int64_t *v, int64_t n)
{
    uint8_t na[64];
    for (int64_t i = 0; i < n; i++)
        na[i] = v[i] == NA_I;
    return lt_col_from_i64(v, na, n);
}

/* r is an f64 column equal to want (bit for bit; NaN for missing). */
static void is_f64(lt_col *r, const double *want, int64_t n, const char *what)
{
    if (!ok(r && r->type == LT_F64 && r->n == n, "%s: f64 of %lld values", what, (long long)n)) {
        lt_col_unref(r);
        return;
    }
    int64_t bad = -1;
    for (int64_t i = 0; i < n && bad < 0; i++) {
        double g = lt_col_f64(r)[i];
        if (!(g == want[i] && signbit(g) == signbit(want[i])) && !(isnan(g) && isnan(want[i])))
            bad = i;
    }
    if (!ok(bad < 0, "%s: values", what))
        printf("#   row %lld: got %.17g, want %.17g\n", (long long)bad + 1,
               lt_col_f64(r)[bad], want[bad]);
    lt_col_unref(r);
}

/* r is an integer column of type `type` equal to want (NA_I: missing). */
static void is_ints(lt_col *r, lt_type type, const int64_t *want, int64_t n, const char *what)
{
    if (!ok(r && r->type == type && r->n == n, "%s: %s of %lld values", what,
            lt_type_name(type), (long long)n)) {
        if (r)
            printf("#   got %s of %lld\n", lt_type_name(r->type), (long long)r->n);
        lt_col_unref(r);
        return;
    }
    int64_t bad = -1;
    for (int64_t i = 0; i < n && bad < 0; i++) {
        bool na = lt_col_is_na(r, i);
        int64_t g = type == LT_BOOL ? lt_col_bool(r)[i] : lt_col_i64(r)[i];
        if (na != (want[i] == NA_I) || (!na && g != want[i]))
            bad = i;
    }
    if (!ok(bad < 0, "%s: values", what))
        printf("#   row %lld: got %s%lld, want %lld\n", (long long)bad + 1,
               lt_col_is_na(r, bad) ? "NA " : "",
               (long long)(type == LT_BOOL ? lt_col_bool(r)[bad] : lt_col_i64(r)[bad]),
               (long long)want[bad]);
    lt_col_unref(r);
}

/* The call failed with `code` and exactly this message. */
static void is_err(lt_col *r, int code, const char *msg, const char *what)
{
    ok(r == NULL, "%s fails", what);
    lt_col_unref(r);
    is_int(lt_errcode(), code, "%s: code", what);
    is_str(lt_errmsg(), msg, "%s: message", what);
}

/* ---- lag, lead, diff --------------------------------------------------------- */

static void test_shifts(void)
{
    lt_fn_ctx u = ungrouped(5);
    const double x[] = { 1, 2, NA, 4, 5 };
    is_f64(call("lag", &u, f64s(x, 5), NULL, NULL), (double[]){ NA, 1, 2, NA, 4 }, 5, "lag()");
    is_f64(call("lag", &u, f64s(x, 5), k_i64(2), NULL), (double[]){ NA, NA, 1, 2, NA }, 5,
           "lag(2)");
    is_f64(call("lag", &u, f64s(x, 5), k_i64(0), NULL), x, 5, "lag(0) is x");
    is_f64(call("lag", &u, f64s(x, 5), k_i64(-1), NULL), (double[]){ 2, NA, 4, 5, NA }, 5,
           "lag(-1) looks ahead");
    is_f64(call("lead", &u, f64s(x, 5), NULL, NULL), (double[]){ 2, NA, 4, 5, NA }, 5,
           "lead()");
    is_f64(call("lead", &u, f64s(x, 5), k_i64(-2), NULL), (double[]){ NA, NA, 1, 2, NA }, 5,
           "lead(-2) is lag(2)");
    is_f64(call("lag", &u, f64s(x, 5), k_i64(5), NULL), (double[]){ NA, NA, NA, NA, NA }, 5,
           "lag(5): all shifted out");
    is_f64(call("lead", &u, f64s(x, 5), k_i64(INT64_MAX), NULL),
           (double[]){ NA, NA, NA, NA, NA }, 5, "lead(INT64_MAX)");
    is_f64(call("lead", &u, f64s(x, 5), k_i64(INT64_MIN), NULL),
           (double[]){ NA, NA, NA, NA, NA }, 5, "lead(INT64_MIN)");
    is_f64(call("lag", &u, f64s(x, 5), lt_col_scalar_f64(3.0), NULL),
           (double[]){ NA, NA, NA, 1, 2 }, 5, "lag(3.0): a whole f64 is a k");

    /* strings keep their dictionary */
    const char *s[] = { "a", "b", NULL, "d" };
    lt_fn_ctx u4 = ungrouped(4);
    lt_col *r = call("lag", &u4, lt_col_from_strs(s, NULL, 4), NULL, NULL);
    ok(r && r->type == LT_STR && lt_col_is_na(r, 0) && lt_col_is_na(r, 3),
       "lag of str: missing rows");
    is_str(r ? lt_col_get_str(r, 1, NULL) : NULL, "a", "lag of str: row 2");
    is_str(r ? lt_col_get_str(r, 2, NULL) : NULL, "b", "lag of str: row 3");
    lt_col_unref(r);

    /* Interleaved groups: 0 = rows 1,3,6; 1 = rows 2,4,5; 2 = row 7 (1-based). */
    static const int32_t gid[] = { 0, 1, 0, 1, 1, 0, 2 };
    groups g;
    make_groups(&g, gid, 7, 3);
    const int64_t v[] = { 10, 20, 11, 21, 22, 12, 30 };
    is_ints(call("lag", &g.ctx, i64s(v, 7), NULL, NULL), LT_I64,
            (int64_t[]){ NA_I, NA_I, 10, 20, 21, 11, NA_I }, 7, "grouped lag");
    is_ints(call("lead", &g.ctx, i64s(v, 7), NULL, NULL), LT_I64,
            (int64_t[]){ 11, 21, 12, 22, NA_I, NA_I, NA_I }, 7, "grouped lead");
    is_ints(call("lag", &g.ctx, i64s(v, 7), k_i64(2), NULL), LT_I64,
            (int64_t[]){ NA_I, NA_I, NA_I, NA_I, 20, 10, NA_I }, 7, "grouped lag(2)");
    is_ints(call("lag", &g.ctx, i64s(v, 7), k_i64(4), NULL), LT_I64,
            (int64_t[]){ NA_I, NA_I, NA_I, NA_I, NA_I, NA_I, NA_I }, 7,
            "grouped lag(4): k beyond every group");
    is_ints(call("diff", &g.ctx, i64s(v, 7), NULL, NULL), LT_I64,
            (int64_t[]){ NA_I, NA_I, 1, 1, 1, 1, NA_I }, 7, "grouped diff, i64 stays i64");
    is_ints(call("diff", &g.ctx, i64s(v, 7), k_i64(-1), NULL), LT_I64,
            (int64_t[]){ -1, -1, -1, -1, NA_I, NA_I, NA_I }, 7, "grouped diff(-1)");

    is_f64(call("diff", &u, f64s(x, 5), NULL, NULL), (double[]){ NA, 1, NA, NA, 1 }, 5,
           "diff of f64 with a missing value");
    is_f64(call("diff", &u, f64s(x, 5), k_i64(3), NULL), (double[]){ NA, NA, NA, 3, 3 }, 5,
           "diff(3)");
    const uint8_t b[] = { 1, 0, 0, 1 };
    lt_fn_ctx u4b = ungrouped(4);
    is_ints(call("diff", &u4b, lt_col_from_bool(b, NULL, 4), NULL, NULL), LT_I64,
            (int64_t[]){ NA_I, -1, 0, 1 }, 4, "diff of bool gives i64");
    const int64_t big[] = { INT64_MIN + 1, INT64_MAX, 0 };
    lt_fn_ctx u3 = ungrouped(3);
    is_ints(call("diff", &u3, i64s(big, 3), NULL, NULL), LT_I64,
            (int64_t[]){ NA_I, NA_I, -INT64_MAX }, 3, "diff overflowing i64 is missing");

    is_err(call("diff", &u4, lt_col_from_strs(s, NULL, 4), NULL, NULL), LT_ETYPE,
           "expected a number column (f64, i64 or bool), got str", "diff of str");
    is_err(call("lag", &u, f64s(x, 5), lt_col_scalar_f64(1.5), NULL), LT_EINVAL,
           "k = 1.5 is not a whole number", "lag(1.5)");
    is_err(call("lag", &u, f64s(x, 5), lt_col_scalar_f64(INFINITY), NULL), LT_EINVAL,
           "k = inf is not a whole number", "lag(Inf)");
    is_f64(call("lead", &u, f64s(x, 5), lt_col_scalar_f64(-1e300), NULL),
           (double[]){ NA, NA, NA, NA, NA }, 5, "lead(-1e300): all shifted out");
    is_err(call("lag", &u, f64s(x, 5), i64s((int64_t[]){ 1, 2 }, 2), NULL), LT_EINVAL,
           "k must be one value, got a column of 2 values", "lag of a k column");
    is_err(call("lag", &u, f64s(x, 5), i64s((int64_t[]){ NA_I }, 1), NULL), LT_EINVAL,
           "k is missing; expected a value", "lag of a missing k");
    is_err(call("lead", &u, f64s(x, 5), k_str("1"), NULL), LT_ETYPE,
           "k must be a whole number, got a str value", "lead('1')");
    is_err(call("lag", &u4, f64s(x, 5), NULL, NULL), LT_ELENGTH,
           "the column has 5 values, expected one per row (4)",
           "lag of a column of another length");
}

/* ---- running totals ---------------------------------------------------------- */

static void test_cumulative(void)
{
    lt_fn_ctx u4 = ungrouped(4), u5 = ungrouped(5);
    is_f64(call("cumsum", &u4, f64s((double[]){ 1.5, NA, 2.25, -1 }, 4), NULL, NULL),
           (double[]){ 1.5, NA, 3.75, 2.75 }, 4, "cumsum skips a missing value");
    is_f64(call("cumsum", &u4, f64s((double[]){ NA, NA, NA, NA }, 4), NULL, NULL),
           (double[]){ NA, NA, NA, NA }, 4, "cumsum of all missing");
    /* Kahan: /usr/bin/python3 -c 'import pandas as pd;
     * print(pd.Series([1e16, 1, 1, -1e16, 1]).groupby([0]*5).cumsum().tolist())' */
    is_f64(call("cumsum", &u5, f64s((double[]){ 1e16, 1, 1, -1e16, 1 }, 5), NULL, NULL),
           (double[]){ 1e16, 1e16, 1.0000000000000002e16, 2, 3 }, 5,
           "cumsum is compensated (pandas' groupby cumsum)");
    is_f64(call("cumsum", &u5, f64s((double[]){ 1, INFINITY, 1, -INFINITY, 2 }, 5), NULL, NULL),
           (double[]){ 1, INFINITY, INFINITY, NA, NA }, 5, "cumsum through infinities");
    is_ints(call("cumsum", &u4, lt_col_from_bool((uint8_t[]){ 1, 0, 0, 1 },
                                                 (uint8_t[]){ 0, 0, 1, 0 }, 4), NULL, NULL),
            LT_I64, (int64_t[]){ 1, 1, NA_I, 2 }, 4, "cumsum of bool gives i64");
    const int64_t big[] = { INT64_C(1) << 53, 1, 1, NA_I };
    is_ints(call("cumsum", &u4, i64s(big, 4), NULL, NULL), LT_I64,
            (int64_t[]){ INT64_C(1) << 53, (INT64_C(1) << 53) + 1, (INT64_C(1) << 53) + 2, NA_I },
            4, "cumsum of i64 is exact beyond 2^53");

    static const int32_t gid[] = { 0, 1, 0, 1, 1, 0, 2 };
    groups g;
    make_groups(&g, gid, 7, 3);
    const int64_t v[] = { 10, 20, 11, NA_I, 22, 12, 30 };
    is_ints(call("cumsum", &g.ctx, i64s(v, 7), NULL, NULL), LT_I64,
            (int64_t[]){ 10, 20, 21, NA_I, 42, 33, 30 }, 7, "grouped cumsum");
    is_ints(call("cumprod", &g.ctx, i64s(v, 7), NULL, NULL), LT_I64,
            (int64_t[]){ 10, 20, 110, NA_I, 440, 1320, 30 }, 7, "grouped cumprod");
    is_ints(call("cummax", &g.ctx, i64s((int64_t[]){ 3, 5, 1, 4, 6, 7, NA_I }, 7), NULL, NULL),
            LT_I64, (int64_t[]){ 3, 5, 3, 5, 6, 7, NA_I }, 7, "grouped cummax");
    is_ints(call("cummin", &g.ctx, i64s((int64_t[]){ 3, 5, 1, 4, 6, 7, NA_I }, 7), NULL, NULL),
            LT_I64, (int64_t[]){ 3, 5, 1, 4, 4, 1, NA_I }, 7, "grouped cummin");

    is_f64(call("cumprod", &u4, f64s((double[]){ 2, 3, NA, 4 }, 4), NULL, NULL),
           (double[]){ 2, 6, NA, 24 }, 4, "cumprod of f64");
    is_f64(call("cummax", &u5, f64s((double[]){ 1, 3, NA, 2, 5 }, 5), NULL, NULL),
           (double[]){ 1, 3, NA, 3, 5 }, 5, "cummax of f64");
    is_f64(call("cummin", &u5, f64s((double[]){ NA, 3, -INFINITY, 2, 5 }, 5), NULL, NULL),
           (double[]){ NA, 3, -INFINITY, -INFINITY, -INFINITY }, 5,
           "cummin from a missing first value, through -Inf");
    is_f64(call("cummax", &u4, f64s((double[]){ 0.0, -0.0, NA, -1 }, 4), NULL, NULL),
           (double[]){ 0.0, 0.0, NA, 0.0 }, 4, "cummax keeps the first of 0.0 and -0.0");
    is_ints(call("cummax", &u4, lt_col_from_bool((uint8_t[]){ 0, 1, 0, 0 }, NULL, 4), NULL, NULL),
            LT_BOOL, (int64_t[]){ 0, 1, 1, 1 }, 4, "cummax of bool stays bool");
    lt_col *r = call("cummin", &u4,
                     lt_col_from_time((int64_t[]){ 5 * DAY, 2 * DAY, 0, 3 * DAY },
                                      (uint8_t[]){ 0, 0, 1, 0 }, 4, LT_DATE), NULL, NULL);
    ok(r && r->tkind == LT_DATE, "cummin of a date column stays a date column");
    is_ints(r, LT_TIME, (int64_t[]){ 5 * DAY, 2 * DAY, NA_I, 2 * DAY }, 4, "cummin of dates");

    lt_fn_ctx u2 = ungrouped(2);
    is_err(call("cumsum", &u2, i64s((int64_t[]){ INT64_MAX, 1 }, 2), NULL, NULL), LT_ERANGE,
           "the running sum overflows i64 at row 2; convert the column to f64 first",
           "cumsum overflow");
    /* The first bad row of all groups is reported, whichever group runs first. */
    is_err(call("cumprod", &g.ctx,
                i64s((int64_t[]){ 1, INT64_C(1) << 62, 2, 2, 1, INT64_C(1) << 62, 1 }, 7),
                NULL, NULL),
           LT_ERANGE, "the running product overflows i64 at row 4; convert the column to f64 "
           "first", "grouped cumprod overflow");
    const char *s[] = { "a", "b" };
    is_err(call("cumsum", &u2, lt_col_from_strs(s, NULL, 2), NULL, NULL), LT_ETYPE,
           "expected a number column (f64, i64 or bool), got str", "cumsum of str");
    is_err(call("cummax", &u2, lt_col_from_strs(s, NULL, 2), NULL, NULL), LT_ETYPE,
           "expected a number column (f64, i64 or bool) or a time column, got str",
           "cummax of str");
    is_err(call("cumsum", &u2, lt_col_from_time((int64_t[]){ 0, 1 }, NULL, 2, LT_DATE), NULL,
                NULL),
           LT_ETYPE, "expected a number column (f64, i64 or bool), got time", "cumsum of time");

    lt_fn_ctx empty = ungrouped(0);
    is_f64(call("cumsum", &empty, f64s(NULL, 0), NULL, NULL), NULL, 0, "cumsum of nothing");
    lt_fn_ctx none = { .nrow = 0, .ngroups = 0, .start = (int64_t[]){ 0 },
                       .order = (int64_t[]){ 0 } };
    is_ints(call("cummax", &none, i64s(NULL, 0), NULL, NULL), LT_I64, NULL, 0,
            "cummax over no groups");
}

/* ---- ranks -------------------------------------------------------------------- */

static void test_rank(void)
{
    lt_fn_ctx u5 = ungrouped(5);
    const double x[] = { 3, 1, NA, 1, 2 };
    is_f64(call("rank", &u5, f64s(x, 5), NULL, NULL), (double[]){ 4, 1.5, NA, 1.5, 3 }, 5,
           "rank average (default)");
    is_f64(call("rank", &u5, f64s(x, 5), k_str("average"), NULL),
           (double[]){ 4, 1.5, NA, 1.5, 3 }, 5, "rank average");
    is_ints(call("rank", &u5, f64s(x, 5), k_str("min"), NULL), LT_I64,
            (int64_t[]){ 4, 1, NA_I, 1, 3 }, 5, "rank min");
    is_ints(call("rank", &u5, f64s(x, 5), k_str("max"), NULL), LT_I64,
            (int64_t[]){ 4, 2, NA_I, 2, 3 }, 5, "rank max");
    is_ints(call("rank", &u5, f64s(x, 5), k_str("dense"), NULL), LT_I64,
            (int64_t[]){ 3, 1, NA_I, 1, 2 }, 5, "rank dense");
    is_ints(call("rank", &u5, f64s(x, 5), k_str("first"), NULL), LT_I64,
            (int64_t[]){ 4, 1, NA_I, 2, 3 }, 5, "rank first");
    is_ints(call("row_number", &u5, f64s(x, 5), NULL, NULL), LT_I64,
            (int64_t[]){ 4, 1, NA_I, 2, 3 }, 5, "row_number(x) is rank first");
    is_ints(call("row_number", &u5, NULL, NULL, NULL), LT_I64, (int64_t[]){ 1, 2, 3, 4, 5 }, 5,
            "row_number()");

    lt_fn_ctx u4 = ungrouped(4);
    is_f64(call("rank", &u4, f64s((double[]){ 0.0, -0.0, -1, INFINITY }, 4), NULL, NULL),
           (double[]){ 2.5, 2.5, 1, 4 }, 4, "-0.0 ties with 0.0; Inf ranks last");
    is_f64(call("rank", &u4, f64s((double[]){ -INFINITY, -1e300, -2, -1 }, 4), NULL, NULL),
           (double[]){ 1, 2, 3, 4 }, 4, "negative doubles in order");
    const int64_t big[] = { (INT64_C(1) << 53) + 1, INT64_C(1) << 53, INT64_MIN, INT64_MAX };
    is_ints(call("rank", &u4, i64s(big, 4), k_str("min"), NULL), LT_I64,
            (int64_t[]){ 2, 1, NA_I, 3 }, 4,
            "i64 ranks exactly beyond 2^53 (INT64_MIN is NA here)");
    const char *s[] = { "b", "a", "b", NULL };
    is_f64(call("rank", &u4, lt_col_from_strs(s, NULL, 4), NULL, NULL),
           (double[]){ 2.5, 1, 2.5, NA }, 4, "rank of strings");
    const char *s2[] = { "a", "B", "ab", "" };
    is_ints(call("rank", &u4, lt_col_from_strs(s2, NULL, 4), k_str("first"), NULL), LT_I64,
            (int64_t[]){ 3, 2, 4, 1 }, 4, "strings rank in byte order");
    is_ints(call("rank", &u4, lt_col_from_bool((uint8_t[]){ 1, 0, 1, 1 }, NULL, 4), k_str("dense"),
                 NULL),
            LT_I64, (int64_t[]){ 2, 1, 2, 2 }, 4, "rank of bool");
    is_f64(call("rank", &u4, lt_col_from_time((int64_t[]){ 3, 1, 2, 1 }, NULL, 4, LT_DATETIME),
                NULL, NULL),
           (double[]){ 4, 1.5, 3, 1.5 }, 4, "rank of times");

    /* a run longer than the insertion-sort runs: 100 values, 10 of each */
    double h[100], want[100];
    for (int i = 0; i < 100; i++) {
        h[i] = (i * 7) % 10;
        want[i] = h[i] * 10 + 5.5;
    }
    lt_fn_ctx u100 = ungrouped(100);
    is_f64(call("rank", &u100, f64s(h, 100), NULL, NULL), want, 100, "rank of 100 values");

    static const int32_t gid[] = { 0, 1, 0, 1, 1, 0, 2 };
    groups g;
    make_groups(&g, gid, 7, 3);
    const double v[] = { 5, 2, 5, NA, 1, 4, 9 };
    is_f64(call("rank", &g.ctx, f64s(v, 7), NULL, NULL), (double[]){ 2.5, 2, 2.5, NA, 1, 1, 1 },
           7, "grouped rank");
    is_ints(call("rank", &g.ctx, f64s(v, 7), k_str("max"), NULL), LT_I64,
            (int64_t[]){ 3, 2, 3, NA_I, 1, 1, 1 }, 7, "grouped rank max");
    is_ints(call("row_number", &g.ctx, NULL, NULL, NULL), LT_I64,
            (int64_t[]){ 1, 1, 2, 2, 3, 3, 1 }, 7, "grouped row_number()");

    is_err(call("rank", &u5, f64s(x, 5), k_str("avg"), NULL), LT_EINVAL,
           "unknown rank method 'avg'; expected average, min, max, dense or first",
           "unknown rank method");
    is_err(call("rank", &u5, f64s(x, 5), k_i64(1), NULL), LT_ETYPE,
           "method must be a string (average, min, max, dense or first), got a i64 value",
           "rank method of another type");
    lt_fn_ctx empty = ungrouped(0);
    is_f64(call("rank", &empty, f64s(NULL, 0), NULL, NULL), NULL, 0, "rank of nothing");
}

/* ---- rolling windows of rows ---------------------------------------------------- */

static void test_rolling_rows(void)
{
    lt_fn_ctx u8 = ungrouped(8);
    const double x[] = { 1, 2, 3, 4, NA, 6, 7, 8 };
    is_f64(call("rolling_sum", &u8, f64s(x, 8), k_i64(3), NULL),
           (double[]){ NA, NA, 6, 9, NA, NA, NA, 21 }, 8, "rolling_sum(3)");
    is_f64(call("rolling_mean", &u8, f64s(x, 8), k_i64(3), NULL),
           (double[]){ NA, NA, 2, 3, NA, NA, NA, 7 }, 8, "rolling_mean(3)");
    is_f64(call("rolling_std", &u8, f64s(x, 8), k_i64(3), NULL),
           (double[]){ NA, NA, 1, 1, NA, NA, NA, 1 }, 8, "rolling_std(3)");
    is_f64(call("rolling_min", &u8, f64s(x, 8), k_i64(3), NULL),
           (double[]){ NA, NA, 1, 2, NA, NA, NA, 6 }, 8, "rolling_min(3)");
    is_f64(call("rolling_max", &u8, f64s(x, 8), k_i64(3), NULL),
           (double[]){ NA, NA, 3, 4, NA, NA, NA, 8 }, 8, "rolling_max(3)");
    is_f64(call("rolling_sum", &u8, f64s(x, 8), k_i64(1), NULL), x, 8, "rolling_sum(1) is x");
    is_f64(call("rolling_std", &u8, f64s(x, 8), k_i64(1), NULL),
           (double[]){ NA, NA, NA, NA, NA, NA, NA, NA }, 8, "rolling_std(1) is missing");
    is_f64(call("rolling_mean", &u8, f64s(x, 8), k_i64(9), NULL),
           (double[]){ NA, NA, NA, NA, NA, NA, NA, NA }, 8, "width beyond the rows");

    lt_fn_ctx u6 = ungrouped(6);
    const double y[] = { 5, 3, 4, 1, 2, 6 };
    is_f64(call("rolling_min", &u6, f64s(y, 6), k_i64(3), NULL),
           (double[]){ NA, NA, 3, 1, 1, 1 }, 6, "rolling_min through the deque");
    is_f64(call("rolling_max", &u6, f64s(y, 6), k_i64(3), NULL),
           (double[]){ NA, NA, 5, 4, 4, 6 }, 6, "rolling_max through the deque");
    is_ints(call("rolling_max", &u6, i64s((int64_t[]){ 5, 3, NA_I, 1, 2, 6 }, 6), k_i64(2), NULL),
            LT_I64, (int64_t[]){ NA_I, 5, NA_I, NA_I, 2, 6 }, 6, "rolling_max of i64 stays i64");
    is_ints(call("rolling_sum", &u6, i64s((int64_t[]){ 5, 3, NA_I, 1, 2, 6 }, 6), k_i64(2), NULL),
            LT_I64, (int64_t[]){ NA_I, 8, NA_I, NA_I, 3, 8 }, 6, "rolling_sum of i64 stays i64");
    is_f64(call("rolling_mean", &u6, i64s((int64_t[]){ 5, 3, NA_I, 1, 2, 6 }, 6), k_i64(2), NULL),
           (double[]){ NA, 4, NA, NA, 1.5, 4 }, 6, "rolling_mean of i64 gives f64");
    is_ints(call("rolling_min", &u6, lt_col_from_bool((uint8_t[]){ 1, 1, 0, 1, 1, 1 }, NULL, 6),
                 k_i64(2), NULL),
            LT_BOOL, (int64_t[]){ NA_I, 1, 0, 0, 1, 1 }, 6, "rolling_min of bool stays bool");

    lt_fn_ctx u3 = ungrouped(3);
    const int64_t big[] = { (INT64_C(1) << 53) + 1, 1, INT64_MAX - 1 };
    is_ints(call("rolling_sum", &u3, i64s(big, 3), k_i64(2), NULL), LT_I64,
            (int64_t[]){ NA_I, (INT64_C(1) << 53) + 2, INT64_MAX }, 3,
            "rolling_sum of i64 is exact, up to INT64_MAX");
    is_err(call("rolling_sum", &u3, i64s((int64_t[]){ 1, INT64_MAX, 1 }, 3), k_i64(2), NULL),
           LT_ERANGE, "the window sum overflows i64 at row 2; convert the column to f64 first",
           "rolling_sum overflow");

    /* A window of one repeated value is exact (pandas' rule). */
    is_f64(call("rolling_mean", &u3, f64s((double[]){ 0.1, 0.1, 0.1 }, 3), k_i64(3), NULL),
           (double[]){ NA, NA, 0.1 }, 3, "mean of a constant window");
    is_f64(call("rolling_std", &u3, f64s((double[]){ 0.1, 0.1, 0.1 }, 3), k_i64(3), NULL),
           (double[]){ NA, NA, 0 }, 3, "std of a constant window");
    /* Last bits as pandas: /usr/bin/python3 -c 'import pandas as pd;
     * s = pd.Series([0.1, 0.7, 0.2, 0.9, 0.4]); print(s.rolling(3).std().tolist(),
     * s.rolling(3).mean().tolist(),
     * pd.Series([3., 1, 4, 1, 5, 9, 2, 6]).rolling(4).std().tolist())' */
    lt_fn_ctx u5 = ungrouped(5);
    const double z[] = { 0.1, 0.7, 0.2, 0.9, 0.4 };
    is_f64(call("rolling_std", &u5, f64s(z, 5), k_i64(3), NULL),
           (double[]){ NA, NA, 0.32145502536643183, 0.36055512754639885, 0.3605551275463989 }, 5,
           "rolling_std(3) as pandas, to the bit");
    is_f64(call("rolling_mean", &u5, f64s(z, 5), k_i64(3), NULL),
           (double[]){ NA, NA, 0.3333333333333333, 0.6, 0.5 }, 5,
           "rolling_mean(3) as pandas, to the bit");
    is_f64(call("rolling_std", &u8, f64s((double[]){ 3, 1, 4, 1, 5, 9, 2, 6 }, 8), k_i64(4), NULL),
           (double[]){ NA, NA, NA, 1.5, 2.0615528128088303, 3.304037933599835, 3.593976442141304,
                       2.886751345948129 }, 8, "rolling_std(4) as pandas, to the bit");

    /* Infinities are values. */
    lt_fn_ctx u4 = ungrouped(4);
    const double inf[] = { 1, INFINITY, 2, 3 };
    is_f64(call("rolling_sum", &u4, f64s(inf, 4), k_i64(2), NULL),
           (double[]){ NA, INFINITY, INFINITY, 5 }, 4, "rolling_sum through +Inf");
    is_f64(call("rolling_mean", &u4, f64s(inf, 4), k_i64(2), NULL),
           (double[]){ NA, INFINITY, INFINITY, 2.5 }, 4, "rolling_mean through +Inf");
    is_f64(call("rolling_std", &u4, f64s(inf, 4), k_i64(2), NULL),
           (double[]){ NA, NA, NA, 0.70710678118654757 }, 4, "rolling_std with Inf is NaN");
    is_f64(call("rolling_max", &u4, f64s(inf, 4), k_i64(2), NULL),
           (double[]){ NA, INFINITY, INFINITY, 3 }, 4, "rolling_max with Inf");
    is_f64(call("rolling_sum", &u3, f64s((double[]){ INFINITY, -INFINITY, 1 }, 3), k_i64(2), NULL),
           (double[]){ NA, NA, -INFINITY }, 3, "Inf - Inf is NaN");
    is_f64(call("rolling_sum", &u4, f64s((double[]){ 1e308, 1e308, -1e308, 1 }, 4), k_i64(2),
                NULL),
           (double[]){ NA, INFINITY, 0, -1e308 }, 4, "a sum that overflowed starts afresh");

    static const int32_t gid[] = { 0, 1, 0, 1, 1, 0, 2 };
    groups g;
    make_groups(&g, gid, 7, 3);
    const double v[] = { 10, 20, 11, 21, 22, 12, 30 };
    is_f64(call("rolling_sum", &g.ctx, f64s(v, 7), k_i64(2), NULL),
           (double[]){ NA, NA, 21, 41, 43, 23, NA }, 7, "grouped rolling_sum(2)");
    is_f64(call("rolling_mean", &g.ctx, f64s(v, 7), k_i64(3), NULL),
           (double[]){ NA, NA, NA, NA, 21, 11, NA }, 7, "grouped rolling_mean(3)");
    is_f64(call("rolling_min", &g.ctx, f64s(v, 7), k_i64(4), NULL),
           (double[]){ NA, NA, NA, NA, NA, NA, NA }, 7, "grouped width beyond every group");
    is_f64(call("rolling_max", &g.ctx, f64s(v, 7), k_i64(1), NULL), v, 7,
           "grouped rolling_max(1)");

    is_err(call("rolling_mean", &u8, f64s(x, 8), k_i64(0), NULL), LT_EINVAL,
           "width = 0 is not >= 1; expected a row count (>= 1) or a duration such as '7d'",
           "width 0");
    is_err(call("rolling_mean", &u8, f64s(x, 8), lt_col_scalar_f64(2.5), NULL), LT_EINVAL,
           "width = 2.5 is not a whole number", "width 2.5");
    is_err(call("rolling_mean", &u8, f64s(x, 8), k_i64(2),
                lt_col_from_time((int64_t[]){ 0, 1, 2, 3, 4, 5, 6, 7 }, NULL, 8, LT_DATE)),
           LT_EINVAL, "a time column to window on goes with a duration width such as '7d', "
           "not with a row count (2)", "time column with a row count");
    const char *s[] = { "a", "b", "c" };
    is_err(call("rolling_sum", &u3, lt_col_from_strs(s, NULL, 3), k_i64(2), NULL), LT_ETYPE,
           "expected a number column (f64, i64 or bool), got str", "rolling_sum of str");
    is_err(call("rolling_mean", &u3,
                lt_col_from_time((int64_t[]){ 0, 1, 2 }, NULL, 3, LT_DATE), k_i64(2), NULL),
           LT_ETYPE, "expected a number column (f64, i64 or bool), got time",
           "rolling_mean of time");
    lt_fn_ctx empty = ungrouped(0);
    is_f64(call("rolling_mean", &empty, f64s(NULL, 0), k_i64(3), NULL), NULL, 0,
           "rolling_mean of nothing");
}

/* ---- rolling windows of time ----------------------------------------------------- */

static void test_rolling_time(void)
{
    int64_t us;
    static const struct { const char *s; int64_t us; } durs[] = {
        { "7d", 7 * DAY }, { "2w", 14 * DAY }, { "12h", INT64_C(12) * 3600000000 },
        { "30m", INT64_C(30) * 60000000 }, { "1min", 60000000 }, { "90s", 90000000 },
        { "250ms", 250000 }, { "90D", 90 * DAY },
    };
    for (size_t i = 0; i < sizeof durs / sizeof *durs; i++) {
        int st = lt_window_parse_duration(durs[i].s, strlen(durs[i].s), &us);
        ok(st == 0 && us == durs[i].us, "duration '%s'", durs[i].s);
    }
    static const char *const bad[] = { "7", "d", "", "1.5h", "7x", "-1d", "7 d" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int st = lt_window_parse_duration(bad[i], strlen(bad[i]), &us);
        ok(st == LT_EINVAL && strstr(lt_errmsg(), "is not a duration"), "'%s' is no duration",
           bad[i]);
    }
    is_int(lt_window_parse_duration("0d", 2, &us), LT_EINVAL, "'0d' is not positive");
    is_str(lt_errmsg(), "width '0d' is not positive; expected a duration such as '7d'",
           "'0d' message");
    is_int(lt_window_parse_duration("99999999999999w", 15, &us), LT_EINVAL, "too long a duration");

    /* /usr/bin/python3: t = pd.to_datetime(['2020-01-01', '2020-01-01', '2020-01-02',
     * '2020-01-05', '2020-01-05', '2020-01-06']); df = pd.DataFrame({'t': t,
     * 'x': [1., 2, 3, 4, np.nan, 6]}); df.rolling('2D', on='t').std() ... */
    lt_fn_ctx u6 = ungrouped(6);
    const int64_t t[] = { 0, 0, DAY, 4 * DAY, 4 * DAY, 5 * DAY };
    const double x[] = { 1, 2, 3, 4, NA, 6 };
#define ON() lt_col_from_time(t, NULL, 6, LT_DATE)
    is_f64(call("rolling_mean", &u6, f64s(x, 6), k_str("2d"), ON()),
           (double[]){ 1, 1.5, 2, 4, 4, 5 }, 6, "rolling_mean('2d'): gap, equal times");
    is_f64(call("rolling_sum", &u6, f64s(x, 6), k_str("2d"), ON()),
           (double[]){ 1, 3, 6, 4, 4, 10 }, 6, "rolling_sum('2d')");
    is_f64(call("rolling_std", &u6, f64s(x, 6), k_str("2d"), ON()),
           (double[]){ NA, 0.70710678118654757, 1, NA, NA, 1.4142135623730951 }, 6,
           "rolling_std('2d')");
    is_f64(call("rolling_max", &u6, f64s(x, 6), k_str("2d"), ON()),
           (double[]){ 1, 2, 3, 4, 4, 6 }, 6, "rolling_max('2d')");
    is_f64(call("rolling_min", &u6, f64s(x, 6), k_str("2d"), ON()),
           (double[]){ 1, 1, 1, 4, 4, 4 }, 6, "rolling_min('2d')");
    is_f64(call("rolling_mean", &u6, f64s(x, 6), k_str("24h"), ON()),
           (double[]){ 1, 1.5, 3, 4, 4, 6 }, 6, "rolling_mean('24h'): (t - 1d, t]");
    is_ints(call("rolling_sum", &u6, i64s((int64_t[]){ 1, 2, 3, 4, NA_I, 6 }, 6), k_str("2d"),
                 ON()),
            LT_I64, (int64_t[]){ 1, 3, 6, 4, 4, 10 }, 6, "rolling_sum('2d') of i64");
    is_ints(call("rolling_min", &u6, i64s((int64_t[]){ 1, 2, 3, NA_I, NA_I, 6 }, 6), k_str("1d"),
                 ON()),
            LT_I64, (int64_t[]){ 1, 1, 3, NA_I, NA_I, 6 }, 6,
            "rolling_min('1d') of i64: a window of missing values is missing");
    is_f64(call("rolling_mean", &u6, f64s(x, 6), k_str("2d"),
                lt_col_from_time(t, NULL, 6, LT_DATETIME)),
           (double[]){ 1, 1.5, 2, 4, 4, 5 }, 6, "on a datetime column");

    /* Two interleaved groups, each ascending, the whole not. */
    static const int32_t gid[] = { 0, 1, 0, 1, 0, 1 };
    groups g;
    make_groups(&g, gid, 6, 2);
    const int64_t tg[] = { 10 * DAY, 0, 11 * DAY, 3 * DAY, 13 * DAY, 4 * DAY };
    const double xg[] = { 1, 10, 2, 20, 3, 30 };
    is_f64(call("rolling_sum", &g.ctx, f64s(xg, 6), k_str("2d"),
                lt_col_from_time(tg, NULL, 6, LT_DATE)),
           (double[]){ 1, 10, 3, 20, 3, 50 }, 6, "grouped rolling_sum('2d')");

    const int64_t down[] = { 0, 2 * DAY, DAY };
    lt_fn_ctx u3 = ungrouped(3);
    is_err(call("rolling_mean", &u3, f64s(x, 3), k_str("2d"),
                lt_col_from_time(down, NULL, 3, LT_DATE)),
           LT_EINVAL, "the time column to window on is not ascending: row 3 (1970-01-02) "
           "comes after row 2 (1970-01-03); sort by it first", "times out of order");
    const int64_t tdown[] = { 10 * DAY, 0, 11 * DAY, 3 * DAY, 9 * DAY, 4 * DAY };
    is_err(call("rolling_max", &g.ctx, f64s(xg, 6), k_str("2d"),
                lt_col_from_time(tdown, NULL, 6, LT_DATETIME)),
           LT_EINVAL, "the time column to window on is not ascending within its group: row 5 "
           "(1970-01-10 00:00:00) comes after row 3 (1970-01-12 00:00:00); sort by it first",
           "grouped times out of order");
    is_err(call("rolling_sum", &u3, f64s(x, 3), k_str("2d"),
                lt_col_from_time(down, (uint8_t[]){ 0, 1, 0 }, 3, LT_DATE)),
           LT_EINVAL, "the time column to window on is missing at row 2; it must have a value "
           "in every row", "missing time");
    is_err(call("rolling_sum", &u3, f64s(x, 3), k_str("7d"), NULL), LT_EINVAL,
           "a duration width ('7d') needs a time column to window on, as "
           "rolling_mean(x, '7d', on)", "duration without a time column");
    is_err(call("rolling_sum", &u3, f64s(x, 3), k_str("7d"), i64s((int64_t[]){ 1, 2, 3 }, 3)),
           LT_ETYPE, "the column to window on must be a time column, got i64",
           "window on an i64 column");
    is_err(call("rolling_sum", &u3, f64s(x, 3), k_str("7d"),
                lt_col_from_time(down, NULL, 2, LT_DATE)),
           LT_ELENGTH, "the time column to window on has 2 values, expected one per row (3)",
           "time column of another length");
    is_err(call("rolling_sum", &u3, f64s(x, 3), k_str("7x"), ON()), LT_EINVAL,
           "width '7x' is not a duration; expected a whole count and a unit w, d, h, m "
           "(minutes), s or ms, such as '7d' or '90s'", "bad duration");
#undef ON
}

/* ---- exponentially weighted mean -------------------------------------------------- */

static void test_ewm(void)
{
    /* /usr/bin/python3 -c 'import pandas as pd, numpy as np;
     * print(pd.Series([np.nan, 1, np.nan, 2, 3]).ewm(alpha=0.5).mean().tolist())' */
    lt_fn_ctx u5 = ungrouped(5);
    const double x[] = { NA, 1, NA, 2, 3 };
    is_f64(call("ewm_mean", &u5, f64s(x, 5), lt_col_scalar_f64(0.5), NULL),
           (double[]){ NA, 1, 1, 1.8, 2.5384615384615383 }, 5, "ewm_mean(0.5)");
    is_f64(call("ewm_mean", &u5, f64s(x, 5), k_i64(1), NULL), (double[]){ NA, 1, 1, 2, 3 }, 5,
           "ewm_mean(1) follows x");
    is_f64(call("ewm_mean", &u5, f64s((double[]){ 0.3, 0.3, NA, 0.3, 0.3 }, 5),
                lt_col_scalar_f64(0.1), NULL),
           (double[]){ 0.3, 0.3, 0.3, 0.3, 0.3 }, 5, "ewm_mean of a constant is exact");
    /* by hand: (0.7 * 10 + 11) / 1.7 and (1.19 * that + 12) / 2.19 */
    static const int32_t gid[] = { 0, 1, 0, 1, 1, 0, 2 };
    groups g;
    make_groups(&g, gid, 7, 3);
    const int64_t v[] = { 10, 20, 11, 21, 22, 12, 30 };
    is_f64(call("ewm_mean", &g.ctx, i64s(v, 7), lt_col_scalar_f64(0.3), NULL),
           (double[]){ 10, 20, 10.588235294117647, 20.58823529411765, 21.232876712328768,
                       11.232876712328768, 30 }, 7, "grouped ewm_mean(0.3) of i64");
    is_f64(call("ewm_mean", &u5, f64s((double[]){ 1, INFINITY, 1, NA, 1 }, 5),
                lt_col_scalar_f64(0.5), NULL),
           (double[]){ 1, INFINITY, INFINITY, INFINITY, INFINITY }, 5, "ewm_mean through +Inf");

    is_err(call("ewm_mean", &u5, f64s(x, 5), lt_col_scalar_f64(0), NULL), LT_EINVAL,
           "alpha = 0 is outside (0, 1]", "alpha 0");
    is_err(call("ewm_mean", &u5, f64s(x, 5), lt_col_scalar_f64(1.5), NULL), LT_EINVAL,
           "alpha = 1.5 is outside (0, 1]", "alpha 1.5");
    is_err(call("ewm_mean", &u5, f64s(x, 5), lt_col_scalar_f64(NAN), NULL), LT_EINVAL,
           "alpha is missing; expected a value", "alpha missing");
    is_err(call("ewm_mean", &u5, f64s(x, 5), k_str("0.5"), NULL), LT_ETYPE,
           "alpha must be a number, got a str value", "alpha as a string");
}

/* ---- many rows: groups run on several threads ------------------------------------ */

static void test_big(void)
{
    enum { N = 200000, G = 1000 };
    int32_t *gid = malloc(N * sizeof *gid);
    int64_t *start = malloc((G + 1) * sizeof *start), *order = malloc(N * sizeof *order);
    int64_t *v = malloc(N * sizeof *v), *want = malloc(N * sizeof *want);
    double *wf = malloc(N * sizeof *wf);
    if (!ok(gid && start && order && v && want && wf, "allocations")) {
        free(gid); free(start); free(order); free(v); free(want); free(wf);
        return;
    }
    /* group g holds rows g, g + G, g + 2G, ... (interleaved) */
    for (int64_t i = 0; i < N; i++) {
        gid[i] = (int32_t)(i % G);
        order[(i % G) * (N / G) + i / G] = i;
        v[i] = 1;
    }
    for (int64_t g = 0; g <= G; g++)
        start[g] = g * (N / G);
    lt_fn_ctx ctx = { .nrow = N, .ngroups = G, .gid = gid, .start = start, .order = order };
    for (int64_t i = 0; i < N; i++)
        want[i] = i / G + 1;
    is_ints(call("cumsum", &ctx, lt_col_from_i64(v, NULL, N), NULL, NULL), LT_I64, want, N,
            "cumsum over 200000 rows in 1000 groups");
    is_ints(call("row_number", &ctx, NULL, NULL, NULL), LT_I64, want, N,
            "row_number over 200000 rows in 1000 groups");
    for (int64_t i = 0; i < N; i++)
        wf[i] = i / G < 2 ? NA : 3;
    double *ones = malloc(N * sizeof *ones);
    for (int64_t i = 0; ones && i < N; i++)
        ones[i] = 1;
    is_f64(call("rolling_sum", &ctx, f64s(ones, N), k_i64(3), NULL), wf, N,
           "rolling_sum(3) over 200000 rows in 1000 groups");
    free(ones);
    for (int64_t i = 0; i < N; i++) {
        v[i] = i;
        want[i] = i >= 2 * G ? i - 2 * G : NA_I;
    }
    is_ints(call("lag", &ctx, lt_col_from_i64(v, NULL, N), k_i64(2), NULL), LT_I64, want, N,
            "lag(2) over 200000 rows in 1000 groups");
    for (int64_t i = 0; i < N; i++)
        want[i] = i + G < N ? i + G : NA_I;
    is_ints(call("lead", &ctx, lt_col_from_i64(v, NULL, N), NULL, NULL), LT_I64, want, N,
            "lead() over 200000 rows in 1000 groups");
    for (int64_t i = 0; i < N; i++)
        v[i] = 1;
    /* Overflows in group 999 (rows 1000 and 2000, 1-based) and in group 5 (rows 6, 1006,
     * 2006): the lower row is reported, though group 5 runs first. */
    v[999] = INT64_MAX;
    v[5 + 2 * G] = INT64_MAX;
    is_err(call("cumsum", &ctx, lt_col_from_i64(v, NULL, N), NULL, NULL), LT_ERANGE,
           "the running sum overflows i64 at row 2000; convert the column to f64 first",
           "the first overflowing row of all groups");
    free(gid); free(start); free(order); free(v); free(want); free(wf);
}

/* ---- the table ---------------------------------------------------------------------- */

static void test_table(void)
{
    static const char *const names[] = {
        "lag", "lead", "diff", "cumsum", "cumprod", "cummax", "cummin", "rank", "row_number",
        "rolling_sum", "rolling_mean", "rolling_std", "rolling_min", "rolling_max", "ewm_mean",
    };
    int n = 0;
    for (const lt_fn *f = lt_window_fns; f->name; f++) {
        n++;
        ok(f->kind == LT_FN_WINDOW && f->impl && f->sig && f->summary && f->example &&
           strstr(f->sig, f->name) && !f->op,
           "%s: a window function with help", f->name);
    }
    is_int(n, (int)(sizeof names / sizeof *names), "number of window functions");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        ok(find(names[i]) != NULL, "%s is in the table", names[i]);
    is_int(find("row_number")->min_args, 0, "row_number() takes no column");
    is_int(find("rolling_mean")->max_args, 3, "rolling_mean takes x, width, on");
}

int main(void)
{
    test_shifts();
    test_cumulative();
    test_rank();
    test_rolling_rows();
    test_rolling_time();
    test_ewm();
    test_big();
    test_table();
    return tap_done();
}
