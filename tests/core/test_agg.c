/* Unit tests of core/agg.c: the aggregate functions of expressions, run
 * on hand-made groupings (lt_fn_ctx).  Expected doubles come from R 4.2.2
 * (the commands are in the comments, printed with sprintf("%.17g")) and
 * are compared exactly; the rest are worked out by hand. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fn.h"
#include "reduce.h"
#include "tap.h"

#define NA NAN
#define LEN(a) ((int64_t)(sizeof(a) / sizeof *(a)))

/* ---- helpers ------------------------------------------------------------ */

/* A grouping of the rows by gid, with start and order built by a counting
 * sort (rows of a group in row order), in caller arrays. */
typedef struct grouping {
    lt_fn_ctx ctx;
    int64_t *start, *order;
} grouping;

static grouping group(const int32_t *gid, int64_t nrow, int64_t ngroups)
{
    grouping g;
    g.start = calloc((size_t)ngroups + 1, sizeof *g.start);
    g.order = malloc((size_t)(nrow ? nrow : 1) * sizeof *g.order);
    for (int64_t i = 0; i < nrow; i++)
        g.start[gid[i] + 1]++;
    for (int64_t k = 0; k < ngroups; k++)
        g.start[k + 1] += g.start[k];
    int64_t *fill = malloc((size_t)(ngroups ? ngroups : 1) * sizeof *fill);
    memcpy(fill, g.start, (size_t)ngroups * sizeof *fill);
    for (int64_t i = 0; i < nrow; i++)
        g.order[fill[gid[i]]++] = i;
    free(fill);
    g.ctx = (lt_fn_ctx){ nrow, ngroups, gid, g.start, g.order };
    return g;
}

static void ungroup(grouping *g)
{
    free(g->start);
    free(g->order);
}

static const lt_fn *agg(const char *name)
{
    for (const lt_fn *f = lt_agg_fns; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* name(x [, p]) over ctx; p may be NULL. */
static lt_col *run(const char *name, const lt_col *x, const lt_col *p, const lt_fn_ctx *ctx)
{
    lt_col *args[2] = { (lt_col *)x, (lt_col *)p };
    return agg(name)->impl(args, x ? (p ? 2 : 1) : 0, ctx);
}

/* The same double (both NaN also agree). */
static bool same(double a, double b)
{
    return (a != a && b != b) || memcmp(&a, &b, sizeof a) == 0;
}

/* r is an f64 column equal to want[0..n), bit for bit. */
static void is_f64s(lt_col *r, const double *want, int64_t n, const char *what)
{
    bool pass = r && r->type == LT_F64 && r->n == n;
    for (int64_t g = 0; pass && g < n; g++)
        if (!same(lt_col_f64(r)[g], want[g])) {
            printf("#   group %lld: got %.17g, want %.17g\n", (long long)g,
                   lt_col_f64(r)[g], want[g]);
            pass = false;
        }
    if (!r)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(r);
}

/* r is a column of `type` whose values are want[0..n), na[g] marking
 * missing ones (na may be NULL). */
static void is_ints(lt_col *r, lt_type type, const int64_t *want, const uint8_t *na,
                    int64_t n, const char *what)
{
    bool pass = r && r->type == type && r->n == n;
    for (int64_t g = 0; pass && g < n; g++) {
        bool miss = lt_col_is_na(r, g);
        int64_t v = miss ? 0 : type == LT_BOOL ? lt_col_bool(r)[g] : lt_col_i64(r)[g];
        if (miss != (na && na[g]) || (!miss && v != want[g])) {
            printf("#   group %lld: got %s%lld, want %s%lld\n", (long long)g,
                   miss ? "NA " : "", (long long)v, na && na[g] ? "NA " : "",
                   (long long)want[g]);
            pass = false;
        }
    }
    if (!r)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(r);
}

/* r is a str column with strings want[0..n) (NULL: missing) on dict. */
static void is_strs(lt_col *r, const char *const *want, int64_t n, const lt_dict *dict,
                    const char *what)
{
    bool pass = r && r->type == LT_STR && r->n == n && r->dict == dict;
    for (int64_t g = 0; pass && g < n; g++) {
        const char *s = lt_col_get_str(r, g, NULL);
        if (s && want[g] ? strcmp(s, want[g]) != 0 : s != want[g]) {
            printf("#   group %lld: got %s, want %s\n", (long long)g, s ? s : "NA",
                   want[g] ? want[g] : "NA");
            pass = false;
        }
    }
    if (!r)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(r);
}

static void is_error(lt_col *r, int code, const char *msg, const char *what)
{
    bool pass = !r && lt_errcode() == code && strstr(lt_errmsg(), msg);
    ok(pass, "%s", what);
    if (!pass)
        printf("#   got %s (%d: %s)\n", r ? "a column" : "NULL", lt_errcode(), lt_errmsg());
    lt_col_unref(r);
}

/* ---- the table ---------------------------------------------------------- */

static void test_table(void)
{
    static const char *const names[] = { "count", "sum", "mean", "median", "std", "var",
                                          "min", "max", "first", "last", "n_unique",
                                          "quantile" };
    int n = 0;
    bool documented = true;
    for (const lt_fn *f = lt_agg_fns; f->name; f++, n++) {
        documented &= f->kind == LT_FN_AGG && f->impl && !f->op && f->sig && f->summary
                      && f->example && *f->sig && *f->summary && *f->example;
        documented &= strncmp(f->sig, "x:", 2) == 0 || strcmp(f->name, "count") == 0;
    }
    is_int(n, LEN(names), "twelve aggregates");
    for (int64_t k = 0; k < LEN(names); k++)
        ok(agg(names[k]) != NULL, "%s is in the table", names[k]);
    ok(documented, "each is an aggregate with a method signature, summary and example");
    is_str(agg("count")->sig, "count()", "count()'s signature");
    ok(agg("count")->min_args == 0 && agg("count")->max_args == 1, "count takes 0 or 1 argument");
    ok(agg("quantile")->min_args == 2 && agg("quantile")->max_args == 2, "quantile takes x and q");
    ok(agg("mean")->min_args == 1 && agg("mean")->max_args == 1, "mean takes x");
}

/* ---- f64 per group ------------------------------------------------------ */

/* Groups 0..4 of x; group 2 has only missing values, group 4 no rows.
 * g0 <- c(2.5, -3.75, 0.1, 0.3, 1e-3); g1 <- c(1.25, 10.125, 0.2, 7); g3 <- 42.42
 * for (x in list(g0, g1, g3)) cat(sprintf("%.17g", c(sum(x), mean(x), var(x),
 *   sd(x), median(x), min(x), max(x), quantile(x, c(0, .25, .5, .9, 1)))), "\n") */
static const int32_t gid12[] = { 0, 1, 0, 2, 1, 0, 3, 1, 0, 2, 1, 0 };
static const double x12[] = { 2.5, 1.25, -3.75, NA, 10.125, 0.1, 42.42, 0.2, 0.3, NA, 7, 1e-3 };

static void test_f64(void)
{
    grouping gr = group(gid12, LEN(x12), 5);
    const lt_fn_ctx *ctx = &gr.ctx;
    lt_col *x = lt_col_from_f64(x12, LEN(x12));

    is_ints(run("count", NULL, NULL, ctx), LT_I64, (int64_t[]){ 5, 4, 2, 1, 0 }, NULL, 5,
            "count(): rows per group, 0 for a group of no rows");
    is_ints(run("count", x, NULL, ctx), LT_I64, (int64_t[]){ 5, 4, 0, 1, 0 }, NULL, 5,
            "x:count(): non-missing values per group");
    is_f64s(run("sum", x, NULL, ctx),
            (double[]){ -0.84899999999999998, 18.574999999999999, 0, 42.420000000000002, 0 }, 5,
            "sum per group as R; 0 without values");
    is_f64s(run("mean", x, NULL, ctx),
            (double[]){ -0.16980000000000001, 4.6437499999999998, NA, 42.420000000000002, NA }, 5,
            "mean per group as R; missing without values");
    is_f64s(run("var", x, NULL, ctx),
            (double[]){ 5.0670852000000002, 22.286822916666665, NA, NA, NA }, 5,
            "var per group as R; missing for fewer than 2 values");
    is_f64s(run("std", x, NULL, ctx),
            (double[]){ 2.2510187027210593, 4.720892173802179, NA, NA, NA }, 5, "std per group as R");
    is_f64s(run("median", x, NULL, ctx),
            (double[]){ 0.10000000000000001, 4.125, NA, 42.420000000000002, NA }, 5,
            "median per group as R (mean of the middle two for an even count)");
    is_f64s(run("min", x, NULL, ctx),
            (double[]){ -3.75, 0.20000000000000001, NA, 42.420000000000002, NA }, 5, "min per group");
    is_f64s(run("max", x, NULL, ctx), (double[]){ 2.5, 10.125, NA, 42.420000000000002, NA }, 5,
            "max per group");
    is_f64s(run("first", x, NULL, ctx), (double[]){ 2.5, 1.25, NA, 42.42, NA }, 5,
            "first non-missing value per group");
    is_f64s(run("last", x, NULL, ctx), (double[]){ 1e-3, 7, NA, 42.42, NA }, 5,
            "last non-missing value per group");
    is_ints(run("n_unique", x, NULL, ctx), LT_I64, (int64_t[]){ 5, 4, 0, 1, 0 }, NULL, 5,
            "n_unique per group, missing not counted");

    static const struct {
        double q, want[5];
    } qs[] = {
        { 0, { -3.75, 0.20000000000000001, NA, 42.420000000000002, NA } },
        { .25, { 0.001, 0.98750000000000004, NA, 42.420000000000002, NA } },
        { .5, { 0.10000000000000001, 4.125, NA, 42.420000000000002, NA } },
        { .9, { 1.6199999999999992, 9.1875, NA, 42.420000000000002, NA } },   /* numpy: 1.62...03 */
        { 1, { 2.5, 10.125, NA, 42.420000000000002, NA } },
    };
    for (int k = 0; k < (int)LEN(qs); k++) {
        lt_col *q = lt_col_scalar_f64(qs[k].q);
        is_f64s(run("quantile", x, q, ctx), qs[k].want, 5, "quantile per group (R type 7)");
        lt_col_unref(q);
    }
    lt_col_unref(x);
    ungroup(&gr);
}

/* Long double accumulation and the second pass of the mean, per group:
 * a <- c(0.1, 0.7, 1e16, -1e16, 0.3); b <- c(1/3, 2/3, 1/7, 0.1, 0.2)
 * sum(a) mean(a) var(a) median(a) quantile(a, .3); sum(b) mean(b) var(b) median(b) */
static void test_accumulation(void)
{
    const int32_t gid[] = { 1, 0, 0, 1, 0, 1, 0, 1, 0, 1 };
    const double v[] = { 1. / 3, 0.1, 0.7, 2. / 3, 1e16, 1. / 7, -1e16, 0.1, 0.3, 0.2 };
    grouping gr = group(gid, LEN(v), 2);
    lt_col *x = lt_col_from_f64(v, LEN(v));
    lt_col *q = lt_col_scalar_f64(.3);
    is_f64s(run("sum", x, NULL, &gr.ctx), (double[]){ 1.0998046875, 1.4428571428571428 }, 2,
            "sums accumulate in long double (a double sum would give 1)");
    is_f64s(run("mean", x, NULL, &gr.ctx),
            (double[]){ 0.22014843749999999, 0.28857142857142859 }, 2, "means as R");
    is_f64s(run("var", x, NULL, &gr.ctx),
            (double[]){ 5.0000000000000003e+31, 0.052399092970521532 }, 2, "variances as R");
    is_f64s(run("median", x, NULL, &gr.ctx),
            (double[]){ 0.29999999999999999, 0.20000000000000001 }, 2, "medians as R");
    lt_col *qa = run("quantile", x, q, &gr.ctx);
    ok(qa && same(lt_col_f64(qa)[0], 0.14000000000000004), "quantile(0.3) as R");
    lt_col_unref(qa);
    lt_col_unref(q);
    lt_col_unref(x);
    ungroup(&gr);
}

/* Infinities are values.  R: sum(c(Inf, 1)), sum(c(Inf, -Inf)), sum(c(-Inf, 2)), and
 * mean, var, median, quantile(.5) of the same groups. */
static void test_inf(void)
{
    const int32_t gid[] = { 0, 1, 2, 0, 1, 2, 2 };
    const double v[] = { INFINITY, INFINITY, -INFINITY, 1, -INFINITY, 2, NA };
    grouping gr = group(gid, LEN(v), 3);
    lt_col *x = lt_col_from_f64(v, LEN(v));
    lt_col *half = lt_col_scalar_f64(.5);
    is_f64s(run("sum", x, NULL, &gr.ctx), (double[]){ INFINITY, NA, -INFINITY }, 3,
            "sum: Inf, Inf - Inf is NaN (missing), -Inf");
    is_f64s(run("mean", x, NULL, &gr.ctx), (double[]){ INFINITY, NA, -INFINITY }, 3,
            "mean with infinities");
    is_f64s(run("var", x, NULL, &gr.ctx), (double[]){ NA, NA, NA }, 3,
            "var with an infinity is NaN");
    is_f64s(run("median", x, NULL, &gr.ctx), (double[]){ INFINITY, NA, -INFINITY }, 3,
            "median with infinities");
    is_f64s(run("quantile", x, half, &gr.ctx), (double[]){ INFINITY, NA, -INFINITY }, 3,
            "quantile with infinities");
    is_f64s(run("min", x, NULL, &gr.ctx), (double[]){ 1, -INFINITY, -INFINITY }, 3, "min");
    is_f64s(run("max", x, NULL, &gr.ctx), (double[]){ INFINITY, INFINITY, 2 }, 3, "max");

    /* 0 and -0 are one value; the first of them is the extreme. */
    const double z[] = { 0.0, -0.0, 1, -0.0, 0.0, 2, NA };
    lt_col *zc = lt_col_from_f64(z, LEN(z));
    is_ints(run("n_unique", zc, NULL, &gr.ctx), LT_I64, (int64_t[]){ 1, 1, 2 }, NULL, 3,
            "n_unique: 0 and -0 are one value");
    lt_col *mn = run("min", zc, NULL, &gr.ctx);
    ok(mn && !signbit(lt_col_f64(mn)[0]) && signbit(lt_col_f64(mn)[1]),
       "min of equal zeros is the first one");
    lt_col_unref(mn);
    lt_col_unref(zc);
    lt_col_unref(half);
    lt_col_unref(x);
    ungroup(&gr);
}

/* ---- integers, bools, strings, times ------------------------------------ */

static void test_i64(void)
{
    const int64_t big = (INT64_C(1) << 53) + 1;
    /* groups: {2^53+1, 2^53+1}, {5, NA}, {INT64_MAX, 1, -1}, {5, -2, 9}, {NA} */
    const int32_t gid[] = { 0, 1, 2, 0, 1, 2, 2, 3, 3, 3, 4 };
    const int64_t v[] = { big, 5, INT64_MAX, big, 0, 1, -1, 5, -2, 9, 0 };
    const uint8_t na[] = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
    grouping gr = group(gid, LEN(v), 5);
    const lt_fn_ctx *ctx = &gr.ctx;
    lt_col *x = lt_col_from_i64(v, na, LEN(v));

    is_ints(run("sum", x, NULL, ctx), LT_I64,
            (int64_t[]){ 2 * big, 5, INT64_MAX, 12, 0 }, NULL, 5,
            "i64 sums are exact i64 (beyond 2^53; INT64_MAX + 1 - 1 fits)");
    is_ints(run("min", x, NULL, ctx), LT_I64, (int64_t[]){ big, 5, -1, -2, 0 },
            (uint8_t[]){ 0, 0, 0, 0, 1 }, 5, "i64 min stays exact i64, missing without values");
    is_ints(run("max", x, NULL, ctx), LT_I64, (int64_t[]){ big, 5, INT64_MAX, 9, 0 },
            (uint8_t[]){ 0, 0, 0, 0, 1 }, 5, "i64 max");
    is_ints(run("first", x, NULL, ctx), LT_I64, (int64_t[]){ big, 5, INT64_MAX, 5, 0 },
            (uint8_t[]){ 0, 0, 0, 0, 1 }, 5, "i64 first");
    is_ints(run("last", x, NULL, ctx), LT_I64, (int64_t[]){ big, 5, -1, 9, 0 },
            (uint8_t[]){ 0, 0, 0, 0, 1 }, 5, "i64 last skips the trailing missing value");
    is_ints(run("n_unique", x, NULL, ctx), LT_I64, (int64_t[]){ 1, 1, 3, 3, 0 }, NULL, 5,
            "i64 n_unique");
    /* R: mean(c(5L, -2L, 9L)) var(c(5, -2, 9)); the mean of two 2^53+1 in long
     * double is 2^53+1, which rounds (to even) to 2^53 as a double. */
    is_f64s(run("mean", x, NULL, ctx),
            (double[]){ 9007199254740992.0, 5, 3074457345618258432.0, 4, NA }, 5,
            "i64 means: long double sum / n");
    lt_col *var = run("var", x, NULL, ctx);
    ok(var && lt_col_f64(var)[3] == 31 && isnan(lt_col_f64(var)[1]), "i64 var");
    lt_col_unref(var);

    /* median(c(5L, -2L, 9L, 14L)) is 7 */
    const int32_t gid4[] = { 0, 0, 0, 0 };
    lt_col *y = lt_col_from_i64((int64_t[]){ 5, -2, 9, 14 }, NULL, 4);
    grouping g4 = group(gid4, 4, 1);
    is_f64s(run("median", y, NULL, &g4.ctx), (double[]){ 7 }, 1, "i64 median is f64");
    lt_col_unref(y);
    ungroup(&g4);

    /* Overflow: the error names the group (1-based, the row of the result). */
    const int32_t gido[] = { 0, 0, 1, 1, 2, 2 };
    lt_col *o = lt_col_from_i64((int64_t[]){ 1, 2, 3, 4, INT64_MAX, 1 }, NULL, 6);
    grouping go = group(gido, 6, 3);
    is_error(run("sum", o, NULL, &go.ctx), LT_ERANGE, "the sum of group 3 overflows i64",
             "an overflowing i64 sum is LT_ERANGE naming the group");
    ok(strstr(lt_errmsg(), "cast(\"f64\")") != NULL, "and says how to get an approximate sum");
    lt_col *neg = lt_col_from_i64((int64_t[]){ INT64_MIN, -1 }, NULL, 2);
    lt_fn_ctx one = { 2, 1, NULL, NULL, NULL };
    is_error(run("sum", neg, NULL, &one), LT_ERANGE, "the sum overflows i64",
             "negative overflow, ungrouped");
    lt_col_unref(neg);
    lt_col_unref(o);
    ungroup(&go);
    lt_col_unref(x);
    ungroup(&gr);
}

static void test_bool(void)
{
    const int32_t gid[] = { 0, 0, 0, 1, 1, 2, 3 };
    const uint8_t v[] = { 1, 0, 1, 0, 0, 0, 1 };
    const uint8_t na[] = { 0, 0, 0, 0, 0, 1, 0 };
    grouping gr = group(gid, LEN(v), 4);
    lt_col *x = lt_col_from_bool(v, na, LEN(v));
    is_ints(run("sum", x, NULL, &gr.ctx), LT_I64, (int64_t[]){ 2, 0, 0, 1 }, NULL, 4,
            "bool sum: number of true values (i64)");
    is_f64s(run("mean", x, NULL, &gr.ctx), (double[]){ 0.66666666666666663, 0, NA, 1 }, 4,
            "bool mean: share of true");
    is_ints(run("min", x, NULL, &gr.ctx), LT_BOOL, (int64_t[]){ 0, 0, 0, 1 },
            (uint8_t[]){ 0, 0, 1, 0 }, 4, "bool min is bool");
    is_ints(run("max", x, NULL, &gr.ctx), LT_BOOL, (int64_t[]){ 1, 0, 0, 1 },
            (uint8_t[]){ 0, 0, 1, 0 }, 4, "bool max is bool");
    is_ints(run("first", x, NULL, &gr.ctx), LT_BOOL, (int64_t[]){ 1, 0, 0, 1 },
            (uint8_t[]){ 0, 0, 1, 0 }, 4, "bool first is bool");
    is_ints(run("n_unique", x, NULL, &gr.ctx), LT_I64, (int64_t[]){ 2, 1, 0, 1 }, NULL, 4,
            "bool n_unique");
    is_f64s(run("median", x, NULL, &gr.ctx), (double[]){ 1, 0, NA, 1 }, 4, "bool median");
    lt_col_unref(x);
    ungroup(&gr);
}

static void test_str(void)
{
    /* "ä" is c3 a4 in UTF-8: after every ASCII string. */
    const char *s[] = { "b", "B", "ab", NULL, "\xc3\xa4", "z", "", "a", NULL };
    const int32_t gid[] = { 0, 0, 0, 1, 1, 1, 2, 2, 3 };
    grouping gr = group(gid, LEN(s), 4);
    lt_col *x = lt_col_from_strs(s, NULL, LEN(s));
    is_strs(run("min", x, NULL, &gr.ctx), (const char *[]){ "B", "z", "", NULL }, 4, x->dict,
            "str min by bytes, on x's dictionary");
    is_strs(run("max", x, NULL, &gr.ctx), (const char *[]){ "b", "\xc3\xa4", "a", NULL }, 4,
            x->dict, "str max by bytes");
    is_strs(run("first", x, NULL, &gr.ctx), (const char *[]){ "b", "\xc3\xa4", "", NULL }, 4,
            x->dict, "str first skips missing");
    is_strs(run("last", x, NULL, &gr.ctx), (const char *[]){ "ab", "z", "a", NULL }, 4,
            x->dict, "str last");
    is_ints(run("n_unique", x, NULL, &gr.ctx), LT_I64, (int64_t[]){ 3, 2, 2, 0 }, NULL, 4,
            "str n_unique");
    is_ints(run("count", x, NULL, &gr.ctx), LT_I64, (int64_t[]){ 3, 2, 2, 0 }, NULL, 4,
            "str count(x)");
    is_error(run("sum", x, NULL, &gr.ctx), LT_ETYPE,
             "expected numbers (f64, i64 or bool), got a str column", "no sum of strings");
    is_error(run("mean", x, NULL, &gr.ctx), LT_ETYPE, "got a str column", "no mean of strings");
    is_error(run("var", x, NULL, &gr.ctx), LT_ETYPE, "got a str column", "no var of strings");
    is_error(run("median", x, NULL, &gr.ctx), LT_ETYPE,
             "expected numbers (f64, i64 or bool) or times, got a str column",
             "no median of strings");
    lt_col_unref(x);
    ungroup(&gr);
}

static void test_time(void)
{
    const int64_t day = LT_US_PER_DAY;
    /* {day 0, day 1}, {1, 2}, {-1, -2}, {5, NA, 100, 7} microseconds */
    const int32_t gid[] = { 0, 0, 1, 1, 2, 2, 3, 3, 3, 3 };
    const int64_t v[] = { day, 0, 1, 2, -1, -2, 5, 0, 100, 7 };
    const uint8_t na[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 };
    grouping gr = group(gid, LEN(v), 4);
    lt_col *x = lt_col_from_time(v, na, LEN(v), LT_DATE);
    lt_col *m = run("median", x, NULL, &gr.ctx);
    ok(m && m->type == LT_TIME && m->tkind == LT_DATE, "a time median is a time of the same kind");
    is_ints(m, LT_TIME, (int64_t[]){ day / 2, 1, -2, 7 }, NULL, 4,
            "time medians, rounded down to the microsecond");
    lt_col *half = lt_col_scalar_f64(.5), *one = lt_col_scalar_i64(1);
    is_ints(run("quantile", x, half, &gr.ctx), LT_TIME, (int64_t[]){ day / 2, 1, -2, 7 }, NULL, 4,
            "time quantile(0.5) is a time");
    is_ints(run("quantile", x, one, &gr.ctx), LT_TIME, (int64_t[]){ day, 2, -1, 100 }, NULL, 4,
            "time quantile(1) (q as an i64)");
    lt_col *mx = run("max", x, NULL, &gr.ctx);
    ok(mx && mx->tkind == LT_DATE, "time max keeps the kind");
    is_ints(mx, LT_TIME, (int64_t[]){ day, 2, -1, 100 }, NULL, 4, "time max");
    is_ints(run("first", x, NULL, &gr.ctx), LT_TIME, (int64_t[]){ day, 1, -1, 5 }, NULL, 4,
            "time first");
    is_error(run("sum", x, NULL, &gr.ctx), LT_ETYPE, "got a time column", "no sum of times");
    is_error(run("mean", x, NULL, &gr.ctx), LT_ETYPE, "got a time column", "no mean of times");
    lt_col_unref(half);
    lt_col_unref(one);
    lt_col_unref(x);
    ungroup(&gr);
}

/* ---- parameters, shapes, errors ----------------------------------------- */

static void test_quantile_param(void)
{
    grouping gr = group(gid12, LEN(x12), 5);
    lt_col *x = lt_col_from_f64(x12, LEN(x12));
    lt_col *q = lt_col_scalar_f64(1.5);
    is_error(run("quantile", x, q, &gr.ctx), LT_EINVAL, "q = 1.5 is outside [0, 1]", "q > 1");
    lt_col_unref(q);
    q = lt_col_scalar_f64(-0.25);
    is_error(run("quantile", x, q, &gr.ctx), LT_EINVAL, "q = -0.25 is outside [0, 1]", "q < 0");
    lt_col_unref(q);
    q = lt_col_scalar_f64(NA);
    is_error(run("quantile", x, q, &gr.ctx), LT_EINVAL, "q must be one number in [0, 1]",
             "a missing q");
    lt_col_unref(q);
    q = lt_col_scalar_str("0.5", 3);
    is_error(run("quantile", x, q, &gr.ctx), LT_EINVAL, "q must be one number", "a str q");
    lt_col_unref(q);
    q = lt_col_from_f64((double[]){ .1, .9 }, 2);
    is_error(run("quantile", x, q, &gr.ctx), LT_EINVAL, "q must be one number", "two qs");
    lt_col_unref(q);

    lt_col *short_x = lt_col_from_f64((double[]){ 1, 2 }, 2);
    is_error(run("mean", short_x, NULL, &gr.ctx), LT_ELENGTH,
             "expected 12 values (one per row), got 2", "a subject of the wrong length");
    lt_col_unref(short_x);
    lt_col_unref(x);
    ungroup(&gr);
}

/* Ungrouped (gid NULL, one group of all rows), including no rows at all;
 * and a grouped frame of no rows (no groups). */
static void test_ungrouped(void)
{
    lt_col *x = lt_col_from_f64(x12, LEN(x12));
    lt_fn_ctx one = { LEN(x12), 1, NULL, NULL, NULL };
    /* R: x <- c(2.5, 1.25, -3.75, 10.125, 0.1, 42.42, 0.2, 0.3, 7, 1e-3);
     * sum(x) mean(x) var(x) median(x) */
    is_f64s(run("sum", x, NULL, &one), (double[]){ 60.146000000000001 }, 1, "ungrouped sum");
    is_f64s(run("mean", x, NULL, &one), (double[]){ 6.0146000000000006 }, 1, "ungrouped mean");
    is_f64s(run("var", x, NULL, &one), (double[]){ 179.02587715555558 }, 1, "ungrouped var");
    is_f64s(run("median", x, NULL, &one), (double[]){ 0.77500000000000002 }, 1,
            "ungrouped median");
    is_ints(run("count", NULL, NULL, &one), LT_I64, (int64_t[]){ 12 }, NULL, 1, "ungrouped count()");
    is_ints(run("count", x, NULL, &one), LT_I64, (int64_t[]){ 10 }, NULL, 1, "ungrouped x:count()");
    is_ints(run("n_unique", x, NULL, &one), LT_I64, (int64_t[]){ 10 }, NULL, 1,
            "ungrouped n_unique");
    is_f64s(run("last", x, NULL, &one), (double[]){ 1e-3 }, 1, "ungrouped last");
    const char *s[] = { "pear", NULL, "apple", "fig" };
    lt_col *sc = lt_col_from_strs(s, NULL, 4);
    lt_fn_ctx one4 = { 4, 1, NULL, NULL, NULL };
    is_strs(run("min", sc, NULL, &one4), (const char *[]){ "apple" }, 1, sc->dict,
            "ungrouped str min");
    is_strs(run("first", sc, NULL, &one4), (const char *[]){ "pear" }, 1, sc->dict,
            "ungrouped str first");
    lt_col_unref(sc);
    lt_col_unref(x);

    lt_col *e = lt_col_new(LT_F64, 0);
    lt_col *ei = lt_col_new(LT_I64, 0);
    lt_fn_ctx none = { 0, 1, NULL, NULL, NULL };
    is_ints(run("count", NULL, NULL, &none), LT_I64, (int64_t[]){ 0 }, NULL, 1, "count() of no rows");
    is_f64s(run("sum", e, NULL, &none), (double[]){ 0 }, 1, "sum of no rows is 0");
    is_ints(run("sum", ei, NULL, &none), LT_I64, (int64_t[]){ 0 }, NULL, 1, "i64 sum of no rows is 0");
    is_f64s(run("mean", e, NULL, &none), (double[]){ NA }, 1, "mean of no rows is missing");
    is_f64s(run("median", e, NULL, &none), (double[]){ NA }, 1, "median of no rows is missing");
    is_f64s(run("first", e, NULL, &none), (double[]){ NA }, 1, "first of no rows is missing");
    is_ints(run("max", ei, NULL, &none), LT_I64, (int64_t[]){ 0 }, (uint8_t[]){ 1 }, 1,
            "i64 max of no rows is missing");
    is_ints(run("n_unique", e, NULL, &none), LT_I64, (int64_t[]){ 0 }, NULL, 1,
            "n_unique of no rows is 0");

    int32_t gid0[] = { 0 };
    int64_t start0[] = { 0 };
    lt_fn_ctx zero = { 0, 0, gid0, start0, start0 };
    const char *names[] = { "count", "sum", "mean", "median", "std", "var", "min", "max",
                            "first", "last", "n_unique" };
    bool empty = true;
    for (int k = 0; k < (int)LEN(names); k++) {
        lt_col *r = run(names[k], e, NULL, &zero);
        empty &= r && r->n == 0;
        lt_col_unref(r);
    }
    lt_col *q = lt_col_scalar_f64(.5);
    lt_col *r = run("quantile", e, q, &zero);
    ok(empty && r && r->n == 0, "no groups: every aggregate gives an empty column");
    lt_col_unref(r);
    lt_col_unref(q);
    lt_col_unref(e);
    lt_col_unref(ei);
}

/* ---- agreement with lt_col_reduce, bit for bit ---------------------------- */

static uint64_t rng = 88172645463325252u;
static uint64_t next(void)   /* xorshift64 */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Values hard to sum: random magnitudes and signs, decimals, some missing. */
static double awkward(void)
{
    uint64_t r = next();
    if (r % 17 == 0)
        return NA;
    double mant = (double)(r >> 11) / 9007199254740992.0;
    int e = (int)(next() % 40) - 20;
    return ((r >> 3) & 1 ? -1 : 1) * ldexp(mant, e) + (double)(r % 1000) / 10;
}

static void test_against_reduce(void)
{
    enum { N = 5000, G = 37 };
    int32_t *gid = malloc(N * sizeof *gid);
    double *v = malloc(N * sizeof *v);
    int64_t *iv = malloc(N * sizeof *iv);
    uint8_t *ina = malloc(N);
    for (int i = 0; i < N; i++) {
        uint64_t r = next();
        gid[i] = (int32_t)(r % 7 == 0 ? 0 : r % G);   /* one big group, others small */
        v[i] = awkward();
        iv[i] = (int64_t)(next() >> 2) - (INT64_C(1) << 61);   /* beyond 2^53 */
        ina[i] = next() % 13 == 0;
    }
    grouping gr = group(gid, N, G);
    lt_col *x = lt_col_from_f64(v, N), *xi = lt_col_from_i64(iv, ina, N);
    lt_col *q = lt_col_scalar_f64(.3);
    static const struct {
        const char *name;
        lt_reduce op;
    } ops[] = {
        { "sum", LT_SUM }, { "mean", LT_MEAN }, { "var", LT_VAR }, { "std", LT_STD },
        { "median", LT_MEDIAN }, { "min", LT_MIN }, { "max", LT_MAX },
    };
    for (int k = 0; k < (int)LEN(ops); k++) {
        for (int t = 0; t < 2; t++) {
            lt_col *c = t ? xi : x;
            if (t && (ops[k].op == LT_SUM || ops[k].op == LT_MIN || ops[k].op == LT_MAX))
                continue;   /* exact i64 results, tested above */
            lt_col *r = run(ops[k].name, c, NULL, &gr.ctx);
            bool pass = r != NULL;
            for (int g = 0; pass && g < G; g++) {
                lt_col *part = lt_col_take(c, gr.order + gr.start[g], gr.start[g + 1] - gr.start[g]);
                double want;
                lt_col_reduce(part, ops[k].op, true, &want);
                pass = same(lt_col_f64(r)[g], want);
                if (!pass)
                    printf("#   group %d: got %.17g, want %.17g\n", g, lt_col_f64(r)[g], want);
                lt_col_unref(part);
            }
            ok(pass, "%s %s per group equals lt_col_reduce on each group, bit for bit",
               t ? "i64" : "f64", ops[k].name);
            lt_col_unref(r);
        }
    }
    lt_col *r = run("quantile", x, q, &gr.ctx);
    bool pass = r != NULL;
    for (int g = 0; pass && g < G; g++) {
        lt_col *part = lt_col_take(x, gr.order + gr.start[g], gr.start[g + 1] - gr.start[g]);
        double want;
        lt_col_quantile(part, (double[]){ .3 }, 1, true, &want);
        pass = same(lt_col_f64(r)[g], want);
        lt_col_unref(part);
    }
    ok(pass, "quantile(0.3) per group equals lt_col_quantile, bit for bit");
    lt_col_unref(r);

    /* The whole column as one group: lt_col_reduce itself. */
    lt_fn_ctx one = { N, 1, NULL, NULL, NULL };
    double want;
    lt_col_reduce(x, LT_MEAN, true, &want);
    r = run("mean", x, NULL, &one);
    ok(r && same(lt_col_f64(r)[0], want), "ungrouped mean equals lt_col_reduce");
    lt_col_unref(r);
    lt_col_unref(q);
    lt_col_unref(x);
    lt_col_unref(xi);
    ungroup(&gr);
    free(gid);
    free(v);
    free(iv);
    free(ina);
}

/* n_unique against lt_col_n_unique on each group's values, with groups
 * large enough to grow the key sets (thousands of distinct values) and to
 * run in parallel, and ungrouped. */
static void test_n_unique(void)
{
    enum { N = 100000, G = 3 };
    int32_t *gid = malloc(N * sizeof *gid);
    int64_t *iv = malloc(N * sizeof *iv);
    double *v = malloc(N * sizeof *v);
    uint8_t *na = malloc(N);
    for (int i = 0; i < N; i++) {
        gid[i] = (int32_t)(next() % G);
        iv[i] = (int64_t)(next() % 20000) - 10000;
        v[i] = (double)(next() % 30000) / 8 - 1000;   /* 0 and -0 both occur */
        na[i] = next() % 11 == 0;
        if (v[i] == 0 && i % 2)
            v[i] = -0.0;
    }
    grouping gr = group(gid, N, G);
    lt_col *cols[2] = { lt_col_from_i64(iv, na, N), lt_col_from_f64(v, N) };
    for (int t = 0; t < 2; t++) {
        lt_col *r = run("n_unique", cols[t], NULL, &gr.ctx);
        bool pass = r != NULL;
        for (int g = 0; pass && g < G; g++) {
            lt_col *part = lt_col_take(cols[t], gr.order + gr.start[g], gr.start[g + 1] - gr.start[g]);
            pass = lt_col_i64(r)[g] == lt_col_n_unique(part, false) && lt_col_i64(r)[g] > 2000;
            lt_col_unref(part);
        }
        ok(pass, "%s n_unique of big groups equals lt_col_n_unique", t ? "f64" : "i64");
        lt_col_unref(r);
        lt_fn_ctx one = { N, 1, NULL, NULL, NULL };
        r = run("n_unique", cols[t], NULL, &one);
        ok(r && lt_col_i64(r)[0] == lt_col_n_unique(cols[t], false),
           "%s n_unique ungrouped equals lt_col_n_unique", t ? "f64" : "i64");
        lt_col_unref(r);
        lt_col_unref(cols[t]);
    }
    ungroup(&gr);
    free(gid);
    free(iv);
    free(v);
    free(na);
}

/* Results do not depend on the number of threads (selections and n_unique
 * run in parallel over groups above 2^16 rows). */
static void test_threads(void)
{
    enum { N = 100000, G = 301 };
    int32_t *gid = malloc(N * sizeof *gid);
    double *v = malloc(N * sizeof *v);
    for (int i = 0; i < N; i++) {
        gid[i] = (int32_t)(next() % G);
        v[i] = awkward();
    }
    grouping gr = group(gid, N, G);
    lt_col *x = lt_col_from_f64(v, N);
    lt_col *q = lt_col_scalar_f64(.9);
    const char *names[] = { "median", "quantile", "n_unique", "mean", "var" };
    int saved = omp_get_max_threads();
    for (int k = 0; k < (int)LEN(names); k++) {
        omp_set_num_threads(1);
        lt_col *p = strcmp(names[k], "quantile") == 0 ? q : NULL;
        lt_col *a = run(names[k], x, p, &gr.ctx);
        omp_set_num_threads(3);
        lt_col *b = run(names[k], x, p, &gr.ctx);
        size_t size = a && a->type == LT_I64 ? sizeof(int64_t) : sizeof(double);
        ok(a && b && a->type == b->type && memcmp(a->data, b->data, G * size) == 0,
           "%s: the same results on 1 and 3 threads", names[k]);
        lt_col_unref(a);
        lt_col_unref(b);
    }
    omp_set_num_threads(saved);
    lt_col_unref(q);
    lt_col_unref(x);
    ungroup(&gr);
    free(gid);
    free(v);
}

int main(void)
{
    test_table();
    test_f64();
    test_accumulation();
    test_inf();
    test_i64();
    test_bool();
    test_str();
    test_time();
    test_quantile_param();
    test_ungrouped();
    test_against_reduce();
    test_n_unique();
    test_threads();
    return tap_done();
}
