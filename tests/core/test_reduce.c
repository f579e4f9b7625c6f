/* Unit tests of core/reduce.c: numeric reductions and quantiles against R
 * (values computed with Rscript 4.2.2 and pasted; the command is in the
 * comment above each block), and tallies (n_unique, unique, counts, top)
 * on every column type. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reduce.h"
#include "tap.h"

#define NA NAN
#define LEN(a) ((int)(sizeof(a) / sizeof *(a)))

/* x1 <- c(2.5, 1.25, -3.75, 10.125, 0.1, 0.2, 0.3, 7, 1e-3, 42.42)
 * x2 <- c(3.1, -1.7, 4.4, 1.1, 5.9, 2.6, -5.3)
 * xi <- c(5L, -2L, 9L, 14L, 0L, 3L, 3L, 8L)
 * x3 <- c(1000.001, 1000.002, 1000.003, 1000.004)
 * p  <- c(0, .1, .25, .333, .5, .75, .9, 1)
 * for (x in list(x1, x2, xi, x3))
 *   cat(sprintf("%.17g", c(sum(x), mean(x), var(x), sd(x), median(x), min(x), max(x))),
 *       sprintf("%.17g", quantile(x, p, names = FALSE)), "\n") */
static const double x1[] = { 2.5, 1.25, -3.75, 10.125, 0.1, 0.2, 0.3, 7, 1e-3, 42.42 };
static const double x2[] = { 3.1, -1.7, 4.4, 1.1, 5.9, 2.6, -5.3 };
static const int64_t xi[] = { 5, -2, 9, 14, 0, 3, 3, 8 };
static const double x3[] = { 1000.001, 1000.002, 1000.003, 1000.004 };
static const double probs[] = { 0, .1, .25, .333, .5, .75, .9, 1 };

static const struct {
    const char *name;
    double stat[7];    /* sum mean var sd median min max */
    double q[8];
} want[] = {
    { "x1",
      { 60.146000000000001, 6.0146000000000006, 179.02587715555558, 13.380055200019003,
        0.77500000000000002, -3.75, 42.420000000000002 },
      { -3.75, -0.37410000000000032, 0.125, 0.19970000000000004, 0.77500000000000002, 5.875,
        13.354499999999989, 42.420000000000002 } },
    { "x2",
      { 10.100000000000001, 1.4428571428571431, 14.692857142857143, 3.8331262884044328,
        2.6000000000000001, -5.2999999999999998, 5.9000000000000004 },
      { -5.2999999999999998, -3.1399999999999997, -0.29999999999999993, 1.0944000000000007,
        2.6000000000000001, 3.75, 5.0000000000000009, 5.9000000000000004 } },
    { "xi",
      { 40, 5, 26.857142857142858, 5.1823877563477296, 4, -2, 14 },
      { -2, -0.59999999999999964, 2.25, 3, 4, 8.25, 10.5, 14 } },
    { "x3",
      { 4000.0100000000002, 1000.0025000000001, 1.6666666667394262e-06, 0.0012909944487639853,
        1000.0025000000001, 1000.001, 1000.004 },
      { 1000.001, 1000.0012999999999, 1000.0017499999999, 1000.001999, 1000.0025000000001,
        1000.00325, 1000.0037, 1000.004 } },
};

static const char *const stat_names[] = { "sum", "mean", "var", "std", "median", "min", "max" };
static const lt_reduce stat_ops[] = { LT_SUM, LT_MEAN, LT_VAR, LT_STD, LT_MEDIAN, LT_MIN, LT_MAX };

/* Exact agreement: the same double (both NaN also agree). */
static int is_exact(double got, double wanted, const char *what, const char *name)
{
    return is_num(got, wanted, 0, "%s of %s", what, name);
}

static void check_against_r(const lt_col *c, int k)
{
    for (int s = 0; s < 7; s++) {
        double r;
        int status = lt_col_reduce(c, stat_ops[s], false, &r);
        if (status < 0)
            printf("# %s\n", lt_errmsg());
        is_exact(r, want[k].stat[s], stat_names[s], want[k].name);
    }
    double q[8];
    int status = lt_col_quantile(c, probs, LEN(probs), false, q);
    for (int j = 0; j < LEN(probs); j++) {
        char what[32];
        snprintf(what, sizeof what, "quantile %g", probs[j]);
        is_exact(status == 0 ? q[j] : -1, want[k].q[j], what, want[k].name);
    }
}

static void test_numeric(void)
{
    lt_col *c1 = lt_col_from_f64(x1, LEN(x1)), *c2 = lt_col_from_f64(x2, LEN(x2));
    lt_col *ci = lt_col_from_i64(xi, NULL, LEN(xi)), *c3 = lt_col_from_f64(x3, LEN(x3));
    check_against_r(c1, 0);
    check_against_r(c2, 1);
    check_against_r(ci, 2);
    check_against_r(c3, 3);

    /* Rscript -e 'sprintf("%.17g", mean(c(x1, NA), na.rm = TRUE))' */
    double v[LEN(x1) + 1];
    memcpy(v, x1, sizeof x1);
    v[LEN(x1)] = NA;
    lt_col *cn = lt_col_from_f64(v, LEN(v));
    double r;
    lt_col_reduce(cn, LT_MEAN, true, &r);
    is_exact(r, 6.0146000000000006, "mean with na_rm", "x1 + NA");
    lt_col_reduce(cn, LT_MEAN, false, &r);
    ok(isnan(r), "mean without na_rm is NaN when a value is missing");
    lt_col_reduce(cn, LT_SUM, false, &r);
    ok(isnan(r), "sum without na_rm is NaN when a value is missing");
    lt_col_reduce(cn, LT_MEDIAN, true, &r);
    is_exact(r, 0.77500000000000002, "median with na_rm", "x1 + NA");
    double q[2] = { 0, 0 };
    lt_col_quantile(cn, (double[]){ 0.5, 1 }, 2, false, q);
    ok(isnan(q[0]) && isnan(q[1]), "quantile without na_rm is NaN when a value is missing");
    lt_col_unref(cn);

    /* Empty inputs and a single value. */
    lt_col *e = lt_col_from_f64((double[]){ NA, NA }, 2);
    lt_col_reduce(e, LT_SUM, true, &r);
    is_num(r, 0, 0, "sum of nothing is 0");
    lt_col_reduce(e, LT_MEAN, true, &r);
    ok(isnan(r), "mean of nothing is NaN");
    lt_col_reduce(e, LT_MIN, true, &r);
    ok(isnan(r), "min of nothing is NaN");
    lt_col_reduce(e, LT_MEDIAN, true, &r);
    ok(isnan(r), "median of nothing is NaN");
    lt_col_quantile(e, (double[]){ 0.5 }, 1, true, q);
    ok(isnan(q[0]), "quantile of nothing is NaN");
    lt_col_unref(e);
    lt_col *one = lt_col_scalar_f64(4.5);
    lt_col_reduce(one, LT_VAR, false, &r);
    ok(isnan(r), "var of one value is NaN");
    lt_col_reduce(one, LT_MEDIAN, false, &r);
    is_num(r, 4.5, 0, "median of one value");
    lt_col_unref(one);

    /* Integer inputs: R's mean of integers is sum/n without a second pass;
     * Rscript -e 'sprintf("%.17g", mean(c(1L, 2L, 2L)))' = 1.6666666666666667 */
    lt_col *i3 = lt_col_from_i64((int64_t[]){ 1, 2, 2, 0 }, (uint8_t[]){ 0, 0, 0, 1 }, 4);
    lt_col_reduce(i3, LT_MEAN, true, &r);
    is_num(r, 1.6666666666666667, 0, "mean of i64 with na_rm");
    lt_col_reduce(i3, LT_MEDIAN, true, &r);
    is_num(r, 2, 0, "median of i64 (odd)");
    lt_col_unref(i3);
    lt_col *b = lt_col_from_bool((uint8_t[]){ 1, 0, 1, 1 }, NULL, 4);
    lt_col_reduce(b, LT_MEAN, false, &r);
    is_num(r, 0.75, 0, "mean of bool is the share of true");
    lt_col_reduce(b, LT_SUM, false, &r);
    is_num(r, 3, 0, "sum of bool counts true");
    lt_col_unref(b);

    /* Times: min/max/median/quantile in microseconds; sum is refused. */
    lt_col *t = lt_col_from_time((int64_t[]){ 30, 10, 0, 20 }, (uint8_t[]){ 0, 0, 1, 0 }, 4,
                                 LT_DATETIME);
    lt_col_reduce(t, LT_MIN, true, &r);
    is_num(r, 10, 0, "min of time");
    lt_col_reduce(t, LT_MEDIAN, true, &r);
    is_num(r, 20, 0, "median of time");
    lt_col_quantile(t, (double[]){ 0.25 }, 1, true, q);
    is_num(q[0], 15, 0, "quantile of time");
    int status = lt_col_reduce(t, LT_SUM, true, &r);
    ok(status == LT_ETYPE && strstr(lt_errmsg(), "sum: cannot reduce a time column"),
       "sum of time is a type error");
    lt_col_unref(t);
    lt_col *s = lt_col_scalar_str("a", 1);
    status = lt_col_reduce(s, LT_MAX, true, &r);
    ok(status == LT_ETYPE && strstr(lt_errmsg(), "max: cannot reduce a str column; expected f64, i64 or bool (or time)"),
       "max of str is a type error");
    status = lt_col_quantile(s, probs, 1, true, q);
    ok(status == LT_ETYPE, "quantile of str is a type error");
    lt_col_unref(s);
    status = lt_col_quantile(c1, (double[]){ 0.5, 1.5 }, 2, true, q);
    ok(status == LT_EINVAL && strstr(lt_errmsg(), "probability 1.5 is outside [0, 1]"),
       "quantile rejects a probability above 1");
    status = lt_col_quantile(c1, (double[]){ NA }, 1, true, q);
    ok(status == LT_EINVAL, "quantile rejects a NaN probability");

    /* Summary: the statistics of describe in one call, agreeing with the
     * single reductions. */
    lt_summary sm;
    double sq[3];
    status = lt_col_summary(ci, (double[]){ 0.25, 0.5, 0.75 }, 3, &sm, sq);
    ok(status == 0 && sm.count == 8 && sm.mean == want[2].stat[1] && sm.std == want[2].stat[3]
           && sm.min == -2 && sm.max == 14 && sq[0] == 2.25 && sq[1] == 4 && sq[2] == 8.25,
       "summary of xi agrees with R");
    status = lt_col_summary(c1, NULL, 0, &sm, NULL);
    ok(status == 0 && sm.count == 10 && sm.mean == want[0].stat[1] && sm.std == want[0].stat[3],
       "summary of x1 without quantiles");
    lt_col_unref(c1);
    lt_col_unref(c2);
    lt_col_unref(ci);
    lt_col_unref(c3);
}

static int cmp_double(const void *p, const void *q)
{
    double a = *(const double *)p, b = *(const double *)q;
    return (a > b) - (a < b);
}

/* Selection against a full sort on inputs that break naive quickselect:
 * sorted, reversed, all equal, few distinct values, random. */
static void test_selection(void)
{
    enum { N = 100001 };
    double *v = malloc(N * sizeof *v), *sorted = malloc(N * sizeof *v);
    static const char *const shapes[] = { "sorted", "reversed", "constant", "few values", "random",
                                          "organ pipe" };
    uint64_t seed = 12345;
    for (int shape = 0; shape < LEN(shapes); shape++) {
        for (int64_t i = 0; i < N; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            double rnd = (double)(seed >> 11) / 9007199254740992.0;
            v[i] = shape == 0 ? (double)i : shape == 1 ? (double)(N - i) : shape == 2 ? 7.0
                 : shape == 3 ? floor(rnd * 5) : shape == 4 ? rnd - 0.5
                 : (double)(i < N / 2 ? i : N - i);
        }
        memcpy(sorted, v, N * sizeof *v);
        qsort(sorted, N, sizeof *sorted, cmp_double);
        lt_col *c = lt_col_from_f64(v, N);
        double p[] = { 0.001, 0.25, 0.5, 0.75, 0.999 }, q[5], med;
        lt_col_quantile(c, p, 5, false, q);
        lt_col_reduce(c, LT_MEDIAN, false, &med);
        bool pass = med == sorted[N / 2];
        for (int j = 0; j < 5; j++) {
            double index = 1 + (double)(N - 1) * p[j], lo = floor(index), h = index - lo;
            double a = sorted[(int64_t)lo - 1], b = sorted[(int64_t)ceil(index) - 1];
            double w = index > lo && b != a ? (1 - h) * a + h * b : a;
            pass = pass && q[j] == w;
        }
        ok(pass, "median and quantiles by selection equal those of a full sort (%s)", shapes[shape]);
        lt_col_unref(c);
    }
    free(v);
    free(sorted);
}

/* ---- tallies ------------------------------------------------------------ */

/* counts(c) must list `values` (as printed by fmt) with counts ns. */
static void is_counts(lt_frame *f, int m, const char *const *values, const int64_t *ns,
                      const char *what)
{
    bool pass = f && f->ncol == 2 && f->nrow == m && strcmp(f->names[0], "value") == 0
                && strcmp(f->names[1], "n") == 0 && f->cols[1]->type == LT_I64;
    for (int i = 0; pass && i < m; i++) {
        const lt_col *v = f->cols[0];
        char buf[64];
        if (lt_col_is_na(v, i))
            snprintf(buf, sizeof buf, "NA");
        else if (v->type == LT_STR)
            snprintf(buf, sizeof buf, "%s", lt_col_get_str(v, i, NULL));
        else if (v->type == LT_F64)
            snprintf(buf, sizeof buf, "%g", lt_col_f64(v)[i]);
        else if (v->type == LT_BOOL)
            snprintf(buf, sizeof buf, "%s", lt_col_bool(v)[i] ? "true" : "false");
        else
            snprintf(buf, sizeof buf, "%lld", (long long)lt_col_i64(v)[i]);
        if (strcmp(buf, values[i]) != 0 || lt_col_i64(f->cols[1])[i] != ns[i]) {
            printf("#   row %d: got %s x %lld, want %s x %lld\n", i + 1, buf,
                   (long long)lt_col_i64(f->cols[1])[i], values[i], (long long)ns[i]);
            pass = false;
        }
    }
    ok(pass, "%s", what);
    lt_frame_free(f);
}

static void test_tallies(void)
{
    /* f64: -0.0 and 0.0 are one value, NaN is missing. */
    lt_col *f = lt_col_from_f64((double[]){ 1.5, -0.0, 0.0, NA, 1.5, NA, 2 }, 7);
    is_int(lt_col_n_unique(f, false), 3, "n_unique f64 (-0 == 0, NaN missing)");
    is_int(lt_col_n_unique(f, true), 4, "n_unique f64 counting missing");
    lt_col *u = lt_col_unique(f);
    ok(u && u->type == LT_F64 && u->n == 4 && lt_col_f64(u)[0] == 1.5 && lt_col_f64(u)[1] == 0
           && signbit(lt_col_f64(u)[1]) && isnan(lt_col_f64(u)[2]) && lt_col_f64(u)[3] == 2,
       "unique f64 in order of first appearance");
    lt_col_unref(u);
    is_counts(lt_col_counts(f, false), 4, (const char *[]){ "1.5", "-0", "NA", "2" },
              (int64_t[]){ 2, 2, 2, 1 }, "counts f64: ties in order of first appearance");
    is_counts(lt_col_counts(f, true), 3, (const char *[]){ "1.5", "-0", "2" },
              (int64_t[]){ 2, 2, 1 }, "counts f64 with dropna");
    lt_col_unref(f);

    lt_col *i = lt_col_from_i64((int64_t[]){ 3, 0, 3, 7, INT64_MIN, 7, 7 },
                                (uint8_t[]){ 0, 1, 0, 0, 0, 0, 0 }, 7);
    is_int(lt_col_n_unique(i, false), 3, "n_unique i64");
    is_counts(lt_col_counts(i, false), 4,
              (const char *[]){ "7", "3", "NA", "-9223372036854775808" },
              (int64_t[]){ 3, 2, 1, 1 }, "counts i64");
    u = lt_col_unique(i);
    ok(u && u->n == 4 && lt_col_i64(u)[0] == 3 && lt_col_is_na(u, 1) && lt_col_i64(u)[2] == 7
           && lt_col_i64(u)[3] == INT64_MIN, "unique i64 keeps missing at its first position");
    lt_col_unref(u);
    lt_col_unref(i);

    lt_col *b = lt_col_from_bool((uint8_t[]){ 1, 0, 0, 1 }, (uint8_t[]){ 0, 0, 1, 0 }, 4);
    is_int(lt_col_n_unique(b, true), 3, "n_unique bool counting missing");
    is_counts(lt_col_counts(b, false), 3, (const char *[]){ "true", "false", "NA" },
              (int64_t[]){ 2, 1, 1 }, "counts bool");
    lt_col_unref(b);

    lt_col *s = lt_col_from_strs((const char *[]){ "b", "a", NULL, "b", "c", "a", "b" }, NULL, 7);
    is_int(lt_col_n_unique(s, false), 3, "n_unique str");
    is_int(lt_col_n_unique(s, true), 4, "n_unique str counting missing");
    is_counts(lt_col_counts(s, false), 4, (const char *[]){ "b", "a", "NA", "c" },
              (int64_t[]){ 3, 2, 1, 1 }, "counts str");
    is_counts(lt_col_counts(s, true), 3, (const char *[]){ "b", "a", "c" },
              (int64_t[]){ 3, 2, 1 }, "counts str with dropna");
    u = lt_col_unique(s);
    ok(u && u->n == 4 && u->dict == s->dict && strcmp(lt_col_get_str(u, 0, NULL), "b") == 0
           && strcmp(lt_col_get_str(u, 3, NULL), "c") == 0 && lt_col_is_na(u, 2),
       "unique str shares the dictionary");
    lt_col_unref(u);
    /* A subset on the same (larger) dictionary counts only its own values. */
    lt_col *sub = lt_col_take(s, (int64_t[]){ 4, 4 }, 2);
    is_int(lt_col_n_unique(sub, true), 1, "n_unique of a subset sharing a dictionary");
    lt_col_unref(sub);
    int64_t row, freq;
    is_int(lt_col_top(s, &row, &freq), 3, "top str: distinct values");
    ok(row == 0 && freq == 3, "top str is b, 3 times, first at row 0");
    lt_col_unref(s);
    lt_col *tie = lt_col_from_strs((const char *[]){ "x", "y", "y", "x", NULL, NULL, NULL }, NULL, 7);
    lt_col_top(tie, &row, &freq);
    ok(row == 0 && freq == 2, "top: a tie goes to the value seen first; missing never wins");
    lt_col_unref(tie);
    lt_col *none = lt_col_from_strs((const char *[]){ NULL, NULL }, NULL, 2);
    is_int(lt_col_top(none, &row, &freq), 0, "top of all missing: no values");
    ok(row == -1 && freq == 0, "top of all missing: no row");
    lt_col_unref(none);

    lt_col *t = lt_col_from_time((int64_t[]){ 5, 9, 5 }, NULL, 3, LT_DATE);
    lt_frame *tc = lt_col_counts(t, false);
    ok(tc && tc->cols[0]->type == LT_TIME && tc->cols[0]->tkind == LT_DATE
           && lt_col_i64(tc->cols[0])[0] == 5 && lt_col_i64(tc->cols[1])[0] == 2,
       "counts time keeps the type and kind");
    lt_frame_free(tc);
    lt_col_unref(t);

    /* Many distinct values: the hash table grows; checked against a sort. */
    enum { N = 100000 };
    int64_t *v = malloc(N * sizeof *v);
    double *d = malloc(N * sizeof *d);
    for (int64_t k = 0; k < N; k++) {
        v[k] = (k * 7919) % 65536 - 30000;
        d[k] = (double)v[k];
    }
    qsort(d, N, sizeof *d, cmp_double);
    int64_t distinct = 0;
    for (int64_t k = 0; k < N; k++)
        distinct += k == 0 || d[k] != d[k - 1];
    lt_col *big = lt_col_from_i64(v, NULL, N);
    lt_col *bigf = lt_col_from_f64(d, N);
    is_int(lt_col_n_unique(big, false), distinct, "n_unique of 100000 i64 values");
    is_int(lt_col_n_unique(bigf, false), distinct, "n_unique of 100000 f64 values");
    lt_col_unref(big);
    lt_col_unref(bigf);
    free(v);
    free(d);

    lt_col *empty = lt_col_from_f64((double[]){ 0 }, 0);
    is_int(lt_col_n_unique(empty, true), 0, "n_unique of an empty column");
    is_counts(lt_col_counts(empty, false), 0, NULL, NULL, "counts of an empty column");
    lt_col_unref(empty);
}

/* Integers beyond 2^53 stay exact: sums in int64, means of the exact
 * values in long double (R's mean of an integer vector). */
static void test_exact_integers(void)
{
    int64_t big[] = { INT64_MAX, INT64_MIN, 9007199254740993, 7 };
    lt_col *c = lt_col_from_i64(big, (uint8_t[]){ 0, 0, 0, 1 }, 4);
    int64_t x;
    bool present;
    ok(lt_col_reduce_i64(c, LT_SUM, true, &x, &present) == 0 && present
       && x == 9007199254740992, "exact i64 sum: INT64_MAX + INT64_MIN + 2^53+1");
    ok(lt_col_reduce_i64(c, LT_MAX, true, &x, &present) == 0 && x == INT64_MAX, "exact max");
    ok(lt_col_reduce_i64(c, LT_MIN, true, &x, &present) == 0 && x == INT64_MIN, "exact min");
    ok(lt_col_reduce_i64(c, LT_SUM, false, &x, &present) == 0 && !present,
       "without na_rm a missing value makes the sum missing");
    double d;
    lt_col_reduce(c, LT_MEAN, true, &d);
    is_num(d, 3002399751580330.5, 0, "mean of the exact values (long double), not of doubles");
    lt_col_unref(c);

    int64_t over[] = { INT64_MAX, 1 };
    c = lt_col_from_i64(over, NULL, 2);
    is_int(lt_col_reduce_i64(c, LT_SUM, true, &x, &present), LT_ERANGE, "overflowing sum is an error");
    ok(strstr(lt_errmsg(), "overflows i64") != NULL, "which says so");
    lt_col_reduce(c, LT_SUM, true, &d);
    is_num(d, 9223372036854775808.0, 0, "the double sum does not overflow");
    lt_col_unref(c);

    lt_col *s = lt_col_scalar_str("a", 1);
    is_int(lt_col_reduce_i64(s, LT_SUM, true, &x, &present), LT_ETYPE, "no exact sum of strings");
    lt_col_unref(s);
    lt_col *e = lt_col_new(LT_I64, 0);
    ok(lt_col_reduce_i64(e, LT_SUM, true, &x, &present) == 0 && present && x == 0, "empty sum is 0");
    ok(lt_col_reduce_i64(e, LT_MAX, true, &x, &present) == 0 && !present, "empty max is missing");
    lt_col_unref(e);
}

int main(void)
{
    test_exact_integers();
    test_numeric();
    test_selection();
    test_tallies();
    return tap_done();
}
