/* Data drift reports (core/drift.c, core/drift_time.c): the auto choice
 * at its boundaries, every method against its kernel called directly,
 * thresholds, severity and the verdict, categories on two dictionaries,
 * the plot data, missing and constant columns, skipped columns, every
 * error message, thread-count independence, progress and cancellation,
 * and the windows over time. */
#include <math.h>
#include <omp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "anderson.h"
#include "colbuild.h"
#include "divergence.h"
#include "drift.h"
#include "error.h"
#include "frame.h"
#include "fsort.h"
#include "ks.h"
#include "rng.h"
#include "tap.h"
#include "ticks.h"
#include "timefmt.h"

/* ---- builders --------------------------------------------------------------- */

/* A frame of (name, column) pairs ending with NULL; the columns stay in
 * the pool. */
static lt_frame *frame(const char *name, ...)
{
    lt_frame *f = lt_frame_new();
    va_list ap;
    va_start(ap, name);
    for (const char *n = name; n; n = va_arg(ap, const char *))
        lt_frame_add(f, n, va_arg(ap, lt_col *));
    va_end(ap);
    return f;
}

/* n values about normal (mean mu, sd 1; sum of 12 uniforms), rounded to
 * `dec` decimals (ties), every `nan_every`-th one NaN (0: none). */
static double *normals(int64_t n, double mu, int dec, int nan_every, uint64_t seed)
{
    double *v = malloc((size_t)n * sizeof *v), scale = pow(10, dec);
    lt_rng r;
    lt_rng_seed(&r, seed);
    for (int64_t i = 0; i < n; i++) {
        double s = -6;
        for (int k = 0; k < 12; k++)
            s += lt_rng_uniform(&r);
        v[i] = nan_every && i % nan_every == 0 ? NAN : round((mu + s) * scale) / scale;
    }
    return v;
}

static lt_col *normal_col(int64_t n, double mu, int dec, int nan_every, uint64_t seed)
{
    double *v = normals(n, mu, dec, nan_every, seed);
    lt_col *c = cf(n, v);
    free(v);
    return c;
}

/* The non-NaN values of c (f64 or i64), sorted: the kernels' input. */
static double *sorted_values(const lt_col *c, int64_t *n)
{
    double *v = malloc((size_t)(c->n ? c->n : 1) * sizeof *v);
    *n = 0;
    for (int64_t i = 0; i < c->n; i++)
        if (!lt_col_is_na(c, i))
            v[(*n)++] = lt_col_get_num(c, i);
    lt_f64_sort(v, *n);
    return v;
}

/* A str column of the texts, each repeated cnt[i] times, in blocks. */
static lt_col *str_counts(int k, const char *const *texts, const int *cnt)
{
    int64_t n = 0;
    for (int i = 0; i < k; i++)
        n += cnt[i];
    const char **v = malloc((size_t)(n ? n : 1) * sizeof *v);
    for (int i = 0, t = 0; i < k; i++)
        for (int j = 0; j < cnt[i]; j++)
            v[t++] = texts[i];
    lt_col *c = cs(n, v);
    free(v);
    return c;
}

static lt_drift_spec spec(const char *name, lt_drift_method m)
{
    return (lt_drift_spec){name, m, NAN, false};
}

static lt_drift_opts defaults(void)
{
    lt_drift_opts o;
    lt_drift_opts_init(&o);
    return o;
}

/* lt_drift_column with method m (and threshold thr, NaN: default). */
static int column(const lt_col *r, const lt_col *c, lt_drift_method m, double thr,
                  lt_drift_col *out)
{
    lt_drift_spec s = {"x", m, thr, false};
    lt_drift_opts o = defaults();
    return lt_drift_column(r, c, &s, &o, out);
}

static int errs(const void *res, int code, const char *msg, const char *what)
{
    int pass = res == NULL && lt_errcode() == code && strcmp(lt_errmsg(), msg) == 0;
    ok(pass, "%s", what);
    if (!pass)
        printf("#   got %d \"%s\"\n#   want %d \"%s\"\n", lt_errcode(), lt_errmsg(), code, msg);
    return pass;
}

/* lt_drift_compare expected to fail with msg. */
static void compare_fails(const lt_frame *r, const lt_frame *c, const lt_drift_spec *cols,
                          int ncols, const lt_drift_opts *o, int code, const char *msg)
{
    lt_drift *d = lt_drift_compare(r, c, cols, ncols, o);
    errs(d, code, msg, msg);
    lt_drift_free(d);
}

/* ---- names and options ---------------------------------------------------------- */

static void test_names(void)
{
    const char *names[] = {"auto", "ks", "anderson", "chi2", "wasserstein", "psi", "js",
                           "missing", "none"};
    int good = 1;
    for (int m = 0; m < LT_DRIFT_NMETHOD; m++)
        good &= strcmp(lt_drift_method_name(m), names[m]) == 0
                && lt_drift_method_parse(names[m]) == (m <= LT_DRIFT_JS ? m : -1);
    ok(good, "method names and parse round trip; missing and none are not parsed");
    is_int(lt_drift_method_parse("KS"), -1, "parse is case-sensitive");
    is_int(lt_drift_method_parse(NULL), -1, "parse(NULL) is -1");
    ok(lt_drift_method_is_test(LT_DRIFT_KS) && lt_drift_method_is_test(LT_DRIFT_ANDERSON)
           && lt_drift_method_is_test(LT_DRIFT_CHI2) && !lt_drift_method_is_test(LT_DRIFT_PSI)
           && !lt_drift_method_is_test(LT_DRIFT_JS)
           && !lt_drift_method_is_test(LT_DRIFT_WASSERSTEIN),
       "ks, anderson, chi2 are tests; wasserstein, psi, js distances");
    ok(lt_drift_default_threshold(LT_DRIFT_CHI2) == 0.05
           && lt_drift_default_threshold(LT_DRIFT_JS) == 0.1,
       "default thresholds 0.05 and 0.1");
    lt_drift_opts o = defaults();
    ok(o.method == LT_DRIFT_AUTO && isnan(o.threshold) && o.bins == 10 && o.eps == LT_PSI_EPS
           && o.js_base == 2 && o.small == 1000 && o.max_distinct == 10 && o.drift_share == 0.5
           && o.missing_shift == 0.1 && o.progress == NULL,
       "lt_drift_opts_init sets the documented defaults");
}

/* ---- auto --------------------------------------------------------------------------- */

static void test_auto(void)
{
    lt_drift_col c;
    lt_col *cur = normal_col(500, 0, 3, 0, 2);
    /* 1001 rows, one NaN: 1000 reference values */
    lt_col *r1000 = normal_col(1001, 0, 3, 1001, 1), *r1001 = normal_col(1001, 0, 3, 0, 1);
    is_int(lt_drift_column(r1000, cur, NULL, NULL, &c), 0, "auto on 1000 numbers");
    is_int(c.method, LT_DRIFT_KS, "1000 reference values: ks");
    is_str(c.why, "auto: numeric, 1,000 reference values <= 1000", "why of ks");
    is_int(c.n_ref, 1000, "the NaN is not a reference value");
    lt_drift_col_clear(&c);
    lt_drift_column(r1001, cur, NULL, NULL, &c);
    is_int(c.method, LT_DRIFT_WASSERSTEIN, "1001 reference values: wasserstein");
    is_str(c.why, "auto: numeric, 1,001 reference values > 1000", "why of wasserstein");
    ok(isnan(c.p_value) && c.score == c.statistic, "a distance has no p-value; its score is the "
       "statistic");
    lt_drift_col_clear(&c);

    const char *ab[] = {"a", "b"};
    lt_col *s1000 = str_counts(2, ab, (int[]){600, 400});
    lt_col *s1001 = str_counts(2, ab, (int[]){600, 401});
    lt_col *scur = str_counts(2, ab, (int[]){50, 50});
    lt_drift_column(s1000, scur, NULL, NULL, &c);
    is_int(c.method, LT_DRIFT_CHI2, "1000 reference category values: chi2");
    is_str(c.why, "auto: categorical, 1,000 reference values <= 1000", "why of chi2");
    lt_drift_col_clear(&c);
    lt_drift_column(s1001, scur, NULL, NULL, &c);
    is_int(c.method, LT_DRIFT_JS, "1001 reference category values: js");
    is_str(c.why, "auto: categorical, 1,001 reference values > 1000", "why of js");
    lt_drift_col_clear(&c);

    /* max_distinct: 10 distinct values in both frames together vs 11 */
    double v[40], w[20];
    for (int i = 0; i < 40; i++)
        v[i] = i % 8;                    /* 0..7 */
    for (int i = 0; i < 20; i++)
        w[i] = 2 + i % 8;                /* 2..9: 10 in all */
    lt_drift_column(cf(40, v), cf(20, w), NULL, NULL, &c);
    is_int(c.kind, LT_DRIFT_CATEGORICAL, "10 distinct values in both together: categorical");
    is_int(c.method, LT_DRIFT_CHI2, "... compared by chi2");
    is_str(c.why, "auto: categorical (10 distinct values <= 10), 40 reference values <= 1000",
           "why of a few distinct numbers");
    is_int(c.hist.ncat, 10, "a category per value");
    is_str(c.hist.cats[0], "2", "numbers as categories are named by their value (2 is the "
           "most frequent of the ties in the reference)");
    lt_drift_col_clear(&c);
    w[0] = 10;                           /* 11 in all */
    lt_drift_column(cf(40, v), cf(20, w), NULL, NULL, &c);
    is_int(c.kind, LT_DRIFT_NUMERIC, "11 distinct values in both together: numeric");
    is_int(c.method, LT_DRIFT_KS, "... compared by ks");
    lt_drift_col_clear(&c);

    lt_drift_opts o = defaults();
    o.max_distinct = 11;
    lt_drift_column(cf(40, v), cf(20, w), NULL, &o, &c);
    is_int(c.kind, LT_DRIFT_CATEGORICAL, "max_distinct = 11 makes them categories");
    lt_drift_col_clear(&c);

    /* a numeric method given keeps numbers numeric; psi given counts */
    lt_drift_spec s = spec("x", LT_DRIFT_KS);
    lt_drift_column(cf(40, v), cf(20, w), &s, NULL, &c);
    ok(c.kind == LT_DRIFT_NUMERIC && strcmp(c.why, "given") == 0, "ks given: numeric, why "
       "\"given\"");
    lt_drift_col_clear(&c);
    s = spec("x", LT_DRIFT_PSI);
    lt_drift_column(cf(40, v), cf(20, v), &s, NULL, &c);
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.method == LT_DRIFT_PSI, "psi given on 8 values: "
       "categorical");
    is_str(c.why, "given (categorical: 8 distinct values <= 10)", "why of psi given");
    lt_drift_col_clear(&c);
    s = (lt_drift_spec){"x", LT_DRIFT_AUTO, NAN, true};
    lt_drift_column(r1001, cur, &s, NULL, &c);
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.method == LT_DRIFT_JS, "categorical = true: js");
    is_str(c.why, "auto: categorical (as asked), 1,001 reference values > 1000",
           "why of categorical as asked");
    lt_drift_col_clear(&c);

    o = defaults();
    o.small = 5000;
    lt_drift_column(r1001, cur, NULL, &o, &c);
    is_str(c.why, "auto: numeric, 1,001 reference values <= 5000", "small is an option");
    lt_drift_col_clear(&c);
    drain();
}

/* ---- methods against their kernels ------------------------------------------------ */

static void test_kernels(void)
{
    lt_drift_col c;
    lt_col *ra = normal_col(300, 0, 1, 7, 11), *cb = normal_col(250, 0.3, 1, 9, 12);
    int64_t na, nb;
    double *a = sorted_values(ra, &na), *b = sorted_values(cb, &nb);

    column(ra, cb, LT_DRIFT_KS, NAN, &c);
    double dx, d = lt_ks_statistic(a, na, b, nb);
    double p = lt_ks_pvalue(d, na, nb, LT_KS_AUTO, NULL, &dx);
    ok(c.statistic == dx && c.p_value == p && c.score == p, "ks: statistic and p-value of the "
       "kernel (D %.4f, p %.4g)", dx, p);
    ok(c.n_ref == na && c.n_cur == nb && c.miss_ref == 300 - na && c.miss_cur == 250 - nb,
       "values and missing counted");
    ok(c.threshold == 0.05 && c.drifted == (p < 0.05), "ks: threshold 0.05, drifted iff p < it");
    lt_drift_col_clear(&c);

    column(ra, cb, LT_DRIFT_ANDERSON, NAN, &c);
    lt_ad_result ad;
    lt_anderson_ksamp((const double *[]){a, b}, (int64_t[]){na, nb}, 2, &ad);
    ok(c.statistic == ad.statistic && c.p_value == ad.p_value, "anderson: the kernel with k = 2");
    lt_drift_col_clear(&c);

    column(ra, cb, LT_DRIFT_WASSERSTEIN, NAN, &c);
    double w = lt_wasserstein(a, na, b, nb), sd = lt_sample_sd(a, na);
    ok(c.wasserstein == w && c.statistic == w / sd, "wasserstein: raw distance and distance / "
       "reference sd");
    lt_drift_col_clear(&c);

    double edges[9];
    int m = lt_quantile_edges(a, na, 10, edges);
    int64_t rc[10] = {0}, cc[10] = {0};
    lt_bin_counts(a, na, edges, m, rc);
    lt_bin_counts(b, nb, edges, m, cc);
    column(ra, cb, LT_DRIFT_PSI, NAN, &c);
    ok(c.statistic == lt_psi(rc, cc, m + 1, LT_PSI_EPS) && c.kind == LT_DRIFT_NUMERIC,
       "psi: on 10 reference quantile bins");
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_JS, NAN, &c);
    ok(c.statistic == lt_js_distance(rc, cc, m + 1, 2), "js: the same bins, base 2");
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_CHI2, NAN, &c);
    lt_chi2_result ch = lt_chi2_homogeneity(rc, cc, m + 1);
    ok(c.statistic == ch.statistic && c.p_value == ch.p_value && c.df == ch.df,
       "chi2 on numbers: the same bins (df %d)", c.df);
    lt_drift_col_clear(&c);

    lt_drift_opts o = defaults();
    o.bins = 4;
    o.eps = 0.01;
    o.js_base = M_E;
    m = lt_quantile_edges(a, na, 4, edges);
    memset(rc, 0, sizeof rc);
    memset(cc, 0, sizeof cc);
    lt_bin_counts(a, na, edges, m, rc);
    lt_bin_counts(b, nb, edges, m, cc);
    lt_drift_spec s = spec("x", LT_DRIFT_PSI);
    lt_drift_column(ra, cb, &s, &o, &c);
    ok(c.statistic == lt_psi(rc, cc, m + 1, 0.01), "psi: bins and eps are options");
    lt_drift_col_clear(&c);
    s.method = LT_DRIFT_JS;
    lt_drift_column(ra, cb, &s, &o, &c);
    ok(c.statistic == lt_js_distance(rc, cc, m + 1, M_E), "js: base is an option");
    lt_drift_col_clear(&c);

    /* categories: counts in the order of the reference's dictionary, then
     * the current's new ones */
    const char *rt[] = {"Month", "One year", "Two year"}, *ct[] = {"Two year", "Month", "Weekly"};
    lt_col *rs = str_counts(3, rt, (int[]){50, 30, 20});
    lt_col *cs_ = str_counts(3, ct, (int[]){25, 40, 5});
    int64_t r3[4] = {50, 30, 20, 0}, c3[4] = {40, 0, 25, 5};
    column(rs, cs_, LT_DRIFT_CHI2, NAN, &c);
    ch = lt_chi2_homogeneity(r3, c3, 4);
    ok(c.statistic == ch.statistic && c.p_value == ch.p_value && c.df == 3,
       "chi2 on categories: the 2 x 4 table with the unseen one");
    lt_drift_col_clear(&c);
    column(rs, cs_, LT_DRIFT_PSI, NAN, &c);
    ok(c.statistic == lt_psi(r3, c3, 4, LT_PSI_EPS), "psi on category shares");
    lt_drift_col_clear(&c);
    column(rs, cs_, LT_DRIFT_JS, NAN, &c);
    ok(c.statistic == lt_js_distance(r3, c3, 4, 2), "js on category shares");
    lt_drift_col_clear(&c);

    /* i64 and f64 read as the same numbers */
    int64_t iv[300];
    uint8_t ina[300];
    for (int i = 0; i < 300; i++) {
        iv[i] = (int64_t)round(lt_col_f64(ra)[i] * 10);
        ina[i] = isnan(lt_col_f64(ra)[i]);
    }
    double fv[300];
    for (int i = 0; i < 300; i++)
        fv[i] = ina[i] ? NAN : (double)iv[i];
    lt_col *ri = keep(lt_col_from_i64(iv, ina, 300)), *rf = cf(300, fv);
    lt_drift_col c2;
    column(ri, cb, LT_DRIFT_KS, NAN, &c);
    column(rf, cb, LT_DRIFT_KS, NAN, &c2);
    ok(c.statistic == c2.statistic && c.p_value == c2.p_value && c.n_ref == c2.n_ref
           && c.ref_type == LT_I64 && c.cur_type == LT_F64,
       "an i64 column compares as the same values in f64");
    lt_drift_col_clear(&c);
    lt_drift_col_clear(&c2);
    free(a);
    free(b);
    drain();
}

/* ---- thresholds, severity, verdict ----------------------------------------------- */

static void test_thresholds(void)
{
    lt_drift_col c;
    lt_col *ra = normal_col(200, 0, 2, 0, 21), *cb = normal_col(200, 0.25, 2, 0, 22);
    column(ra, cb, LT_DRIFT_KS, NAN, &c);
    double p = c.p_value;
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_KS, p, &c);
    ok(!c.drifted && c.threshold == p, "p = threshold: not drifted (p < threshold drifts)");
    is_num(c.severity, 1, 1e-15, "severity log(p) / log(threshold) = 1 at the threshold");
    lt_drift_col_clear(&c);
    double t = nextafter(p, 1);
    column(ra, cb, LT_DRIFT_KS, t, &c);
    ok(c.drifted, "p just below the threshold: drifted");
    ok(c.severity == log(p) / log(t), "severity is log(p) / log(threshold)");
    lt_drift_col_clear(&c);

    column(ra, cb, LT_DRIFT_WASSERSTEIN, NAN, &c);
    double s = c.statistic;
    ok(c.threshold == 0.1 && c.drifted == (s >= 0.1), "wasserstein: default threshold 0.1");
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_WASSERSTEIN, s, &c);
    ok(c.drifted && c.severity == 1, "distance = threshold: drifted (>=), severity 1");
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_WASSERSTEIN, nextafter(s, INFINITY), &c);
    ok(!c.drifted, "distance just below the threshold: not drifted");
    lt_drift_col_clear(&c);
    column(ra, cb, LT_DRIFT_PSI, 0.02, &c);
    ok(c.severity == c.statistic / 0.02, "severity of a distance: statistic / threshold");
    lt_drift_col_clear(&c);

    /* p = 1: severity 0 (not -0); p = 0: +Inf */
    double same[] = {1, 2, 3, 4, 5};
    column(cf(5, same), cf(5, same), LT_DRIFT_KS, NAN, &c);
    ok(c.p_value == 1 && c.severity == 0 && !signbit(c.severity), "p = 1: severity +0");
    lt_drift_col_clear(&c);
    const char *ab[] = {"a", "b"};
    column(str_counts(1, ab, (int[]){5000}), str_counts(1, ab + 1, (int[]){5000}), LT_DRIFT_CHI2,
           NAN, &c);
    ok(c.p_value == 0 && c.severity == INFINITY && c.drifted, "p = 0: severity +Inf");
    lt_drift_col_clear(&c);

    /* the report's threshold, and a spec's over it */
    lt_frame *r = frame("a", ra, "b", ra, NULL), *cu = frame("a", cb, "b", cb, NULL);
    lt_drift_opts o = defaults();
    o.method = LT_DRIFT_PSI;
    o.threshold = 0.001;
    lt_drift_spec cols[] = {{"a", LT_DRIFT_AUTO, NAN, false}, {"b", LT_DRIFT_AUTO, 5, false}};
    lt_drift *d = lt_drift_compare(r, cu, cols, 2, &o);
    ok(d && d->cols[0].threshold == 0.001 && d->cols[1].threshold == 5
           && d->cols[0].method == LT_DRIFT_PSI && strcmp(d->cols[0].why, "given") == 0,
       "opts threshold for every column, a spec's own threshold over it");
    lt_drift_free(d);
    lt_frame_free(r);
    lt_frame_free(cu);
    drain();
}

static void test_verdict(void)
{
    lt_col *x0 = normal_col(400, 0, 2, 0, 31), *x1 = normal_col(400, 0, 2, 0, 32);
    double nan400[400];
    for (int i = 0; i < 400; i++)
        nan400[i] = NAN;
    lt_col *far = normal_col(400, 3, 2, 0, 33), *none = cf(400, nan400);
    lt_frame *r = frame("a", x0, "b", x0, "c", x0, "d", x0, "e", none, NULL);
    lt_frame *c = frame("a", far, "b", far, "c", x1, "d", x1, "e", none, NULL);
    lt_drift *d = lt_drift_compare(r, c, NULL, 0, NULL);
    ok(d && d->ncol == 5 && d->nref == 400 && d->ncur == 400, "a report of 5 columns");
    ok(d->cols[0].drifted && d->cols[1].drifted && !d->cols[2].drifted && !d->cols[3].drifted
           && d->cols[4].method == LT_DRIFT_NONE,
       "two shifted columns drift, two do not, one is not compared");
    is_int(d->ndrifted, 2, "ndrifted");
    is_num(d->share, 0.5, 0, "share: 2 of the 4 compared columns");
    ok(d->dataset_drift && d->drift_share == 0.5, "share 0.5 >= 0.5: dataset drift");
    ok(strcmp(d->cols[0].name, "a") == 0 && strcmp(d->cols[4].name, "e") == 0,
       "columns in the reference's order");
    lt_drift_free(d);
    lt_drift_opts o = defaults();
    o.drift_share = 0.51;
    d = lt_drift_compare(r, c, NULL, 0, &o);
    ok(!d->dataset_drift && d->drift_share == 0.51, "share 0.5 < 0.51: no dataset drift");
    lt_drift_free(d);
    lt_drift_spec one = spec("e", LT_DRIFT_AUTO);
    d = lt_drift_compare(r, c, &one, 1, NULL);
    ok(d && d->ncol == 1 && isnan(d->share) && !d->dataset_drift && d->ndrifted == 0,
       "nothing compared: share NaN, no verdict");
    lt_drift_free(d);
    lt_frame_free(r);
    lt_frame_free(c);
    drain();
}

/* ---- categories ---------------------------------------------------------------------- */

static void test_categories(void)
{
    lt_drift_col c;
    /* the current column's dictionary is in another order, with 2 new ones */
    const char *rv[] = {"a", "a", "a", "b", "b", "c"};
    const char *cv[] = {"DSL2", "b", "Fiber2", "DSL2", "a", "b", NULL};
    lt_col *r = cs(6, rv), *cu = cs(7, cv);
    is_int(column(r, cu, LT_DRIFT_CHI2, NAN, &c), 0, "chi2 on two dictionaries");
    lt_chi2_result ch = lt_chi2_homogeneity((int64_t[]){3, 2, 1, 0, 0},
                                            (int64_t[]){1, 2, 0, 2, 1}, 5);
    ok(c.statistic == ch.statistic && c.p_value == ch.p_value && c.df == 4,
       "categories matched by text, the unseen ones as columns with reference 0");
    is_int(c.nunseen, 2, "two categories unseen in the reference");
    is_str(c.note, "2 categories unseen in reference: DSL2, Fiber2; missing 0% -> 14.3%",
           "the note names them (and the missing share moved)");
    ok(c.n_cur == 6 && c.miss_cur == 1, "a missing string is counted, not compared");
    const char *order[] = {"a", "b", "c", "DSL2", "Fiber2"};
    int64_t ro[] = {3, 2, 1, 0, 0}, co[] = {1, 2, 0, 2, 1};
    int good = c.hist.ncat == 5 && c.hist.nbin == 0 && !c.hist.edges;
    for (int i = 0; good && i < 5; i++)
        good = strcmp(c.hist.cats[i], order[i]) == 0 && c.hist.ref[i] == ro[i]
               && c.hist.cur[i] == co[i];
    ok(good, "plot categories: by reference count, then the unseen by current count");
    lt_drift_col_clear(&c);

    /* ties: by current count, then by text */
    const char *t1[] = {"y", "x", "z", "w"}, *t2[] = {"x", "y", "w"};
    column(str_counts(4, t1, (int[]){2, 2, 1, 1}), str_counts(3, t2, (int[]){1, 3, 1}),
           LT_DRIFT_JS, NAN, &c);
    const char *tie[] = {"y", "x", "w", "z"};
    good = c.hist.ncat == 4;
    for (int i = 0; good && i < 4; i++)
        good = strcmp(c.hist.cats[i], tie[i]) == 0;
    ok(good, "ties in the reference count go by current count, then by text");
    ok(c.nunseen == 0 && c.note == NULL, "nothing unseen, nothing to note");
    lt_drift_col_clear(&c);

    /* 25 categories: the top 20 and "(other)"; 7 unseen listed up to 5 */
    char names[32][8];
    const char *p[32];
    int rn[32], cn[32];
    for (int i = 0; i < 32; i++) {
        snprintf(names[i], sizeof names[i], "c%02d", i);
        p[i] = names[i];
        rn[i] = 25 - i;
        cn[i] = 1 + i % 3;
    }
    lt_col *r25 = str_counts(25, p, rn), *c32 = str_counts(32, p, cn);
    column(r25, c32, LT_DRIFT_PSI, NAN, &c);
    is_int(c.hist.ncat, 21, "20 categories and \"(other)\"");
    int64_t oref = 0, ocur = 0;
    for (int i = 20; i < 25; i++)
        oref += rn[i];
    for (int i = 20; i < 32; i++)
        ocur += cn[i];
    ok(strcmp(c.hist.cats[0], "c00") == 0 && strcmp(c.hist.cats[19], "c19") == 0
           && strcmp(c.hist.cats[20], "(other)") == 0 && c.hist.ref[20] == oref
           && c.hist.cur[20] == ocur,
       "\"(other)\" sums the rest (reference %lld, current %lld)", (long long)oref,
       (long long)ocur);
    is_int(c.nunseen, 7, "7 unseen");
    is_str(c.note, "7 categories unseen in reference: c26, c29, c25, c28, c31, ...",
           "the note lists 5 of them, most frequent first");
    lt_drift_col_clear(&c);

    /* one unseen, singular */
    const char *u1[] = {"a", "new"};
    column(str_counts(1, u1, (int[]){4}), str_counts(2, u1, (int[]){3, 1}), LT_DRIFT_CHI2, NAN, &c);
    is_str(c.note, "constant in reference; 1 category unseen in reference: new",
           "one category unseen; a constant reference noted first");
    lt_drift_col_clear(&c);

    /* one shared dictionary (a frame split in two) */
    const char *all[] = {"p", "q", "r", "p", "q", "p"};
    lt_col *whole = cs(6, all);
    lt_col *h1 = keep(lt_col_slice(whole, 0, 3)), *h2 = keep(lt_col_slice(whole, 3, 3));
    column(h1, h2, LT_DRIFT_CHI2, NAN, &c);
    ch = lt_chi2_homogeneity((int64_t[]){1, 1, 1}, (int64_t[]){2, 1, 0}, 3);
    ok(h1->dict == h2->dict && c.statistic == ch.statistic && c.nunseen == 0,
       "one dictionary: codes counted as they are");
    lt_drift_col_clear(&c);
    drain();
}

static void test_bool_mix(void)
{
    lt_drift_col c;
    lt_drift_column(cb("TTFFN"), cb("TFFFF"), NULL, NULL, &c);
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.method == LT_DRIFT_CHI2, "bool: categorical, chi2");
    is_str(c.why, "auto: categorical, 4 reference values <= 1000", "why of a bool");
    ok(c.hist.ncat == 2 && strcmp(c.hist.cats[0], "false") == 0
           && strcmp(c.hist.cats[1], "true") == 0 && c.hist.ref[0] == 2 && c.hist.cur[0] == 4,
       "categories false and true (tie on the reference broken by the current)");
    lt_chi2_result ch = lt_chi2_homogeneity((int64_t[]){2, 2}, (int64_t[]){4, 1}, 2);
    ok(c.statistic == ch.statistic && c.n_ref == 4 && c.miss_ref == 1,
       "chi2 of the counts of false and true");
    lt_drift_col_clear(&c);

    /* a bool among numbers: categories named by their values */
    lt_drift_column(cb("TTFF"), ci(5, (int64_t[]){0, 1, 1, 0, 2}, NULL), NULL, NULL, &c);
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.ref_type == LT_BOOL && c.cur_type == LT_I64,
       "bool with i64: categorical");
    is_str(c.why, "auto: categorical (bool), 4 reference values <= 1000", "why of bool with i64");
    ok(c.hist.ncat == 3 && strcmp(c.hist.cats[0], "0") == 0 && strcmp(c.hist.cats[2], "2") == 0
           && c.nunseen == 1,
       "categories 0, 1 and the unseen 2");
    is_str(c.note, "1 category unseen in reference: 2", "the unseen value noted");
    lt_drift_col_clear(&c);

    lt_drift_column(cf(4, (double[]){0, 1, 0.5, 1}), cb("TFT"), NULL, NULL, &c);
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.hist.ncat == 3
           && strcmp(c.hist.cats[2], "0.5") == 0,
       "f64 with bool: categories 1, 0, 0.5");
    lt_drift_col_clear(&c);
    drain();
}

/* ---- missing and constant ------------------------------------------------------------- */

static void test_missing(void)
{
    lt_drift_col c;
    lt_col *some = cf(4, (double[]){1, 2, 3, 4}), *nothing = cf(3, (double[]){NA, NA, NA});
    is_int(lt_drift_column(some, nothing, NULL, NULL, &c), 0, "all missing in current: a result");
    ok(c.method == LT_DRIFT_MISSING && c.drifted && c.severity == 0 && isnan(c.statistic)
           && isnan(c.score) && c.n_cur == 0 && c.miss_cur == 3 && c.missing_drifted,
       "all missing in current: method missing, drifted, severity 0");
    is_str(c.note, "all missing in current; missing 0% -> 100%", "its note");
    is_str(c.why, "not compared: all missing in current", "its why");
    ok(c.kind == LT_DRIFT_CATEGORICAL && c.hist.ncat == 4 && c.hist.ref[0] == 1
           && c.hist.cur[0] == 0, "the reference is still plotted (4 values: categories)");
    lt_drift_col_clear(&c);
    lt_drift_column(nothing, some, NULL, NULL, &c);
    ok(c.method == LT_DRIFT_MISSING && c.drifted && c.n_ref == 0, "all missing in reference");
    is_str(c.note, "all missing in reference; missing 100% -> 0%", "its note");
    lt_drift_col_clear(&c);
    lt_drift_column(nothing, nothing, NULL, NULL, &c);
    ok(c.method == LT_DRIFT_NONE && !c.drifted && !c.missing_drifted && c.severity == 0
           && c.hist.nbin == 0 && c.hist.ncat == 0,
       "all missing in both: none, not drifted");
    is_str(c.note, "all missing in both", "its note");
    lt_drift_col_clear(&c);
    const char *na3[] = {NULL, NULL, NULL}, *abc[] = {"a", "b", "c"};
    lt_drift_column(cs(3, abc), cs(3, na3), NULL, NULL, &c);
    ok(c.method == LT_DRIFT_MISSING && c.kind == LT_DRIFT_CATEGORICAL && c.hist.ncat == 3,
       "a str column all missing in current");
    lt_drift_col_clear(&c);

    /* the missing share: a shift of 0.1 is not past 0.1, 0.2 is */
    double v[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, w1[10], w2[10];
    memcpy(w1, v, sizeof v);
    memcpy(w2, v, sizeof v);
    w1[0] = NAN;
    w2[0] = w2[1] = NAN;
    lt_drift_column(cf(10, v), cf(10, w1), NULL, NULL, &c);
    ok(!c.missing_drifted && !c.drifted && c.note == NULL, "missing 0%% -> 10%%: not past 0.1");
    lt_drift_col_clear(&c);
    lt_drift_column(cf(10, v), cf(10, w2), NULL, NULL, &c);
    ok(c.missing_drifted && c.drifted && c.p_value >= 0.05, "missing 0%% -> 20%%: drifted by the "
       "missing share alone");
    is_str(c.note, "missing 0% -> 20%", "the shift noted");
    ok(c.severity < 1, "severity is the method's");
    lt_drift_col_clear(&c);
    lt_drift_opts o = defaults();
    o.missing_shift = 0.25;
    lt_drift_column(cf(10, v), cf(10, w2), NULL, &o, &c);
    ok(!c.missing_drifted && !c.drifted, "missing_shift is an option");
    lt_drift_col_clear(&c);
    drain();
}

static void test_constant(void)
{
    lt_drift_col c;
    double k5[20], var[20];
    for (int i = 0; i < 20; i++) {
        k5[i] = 5;
        var[i] = i;
    }
    lt_col *konst = cf(20, k5), *vary = cf(20, var);
    column(konst, vary, LT_DRIFT_WASSERSTEIN, NAN, &c);
    ok(c.statistic == INFINITY && c.wasserstein > 0 && c.drifted,
       "wasserstein on a constant reference: +Inf when the distance is > 0");
    is_str(c.note, "constant in reference", "noted");
    lt_drift_col_clear(&c);
    column(konst, konst, LT_DRIFT_WASSERSTEIN, NAN, &c);
    ok(c.statistic == 0 && !c.drifted, "wasserstein of two equal constants: 0");
    is_str(c.note, "constant in both (the same value)", "noted");
    lt_drift_col_clear(&c);
    column(konst, konst, LT_DRIFT_ANDERSON, NAN, &c);
    ok(isnan(c.statistic) && c.p_value == 1 && !c.drifted && c.severity == 0,
       "anderson of one value in both: statistic NaN, p 1");
    lt_drift_col_clear(&c);
    column(konst, konst, LT_DRIFT_KS, NAN, &c);
    ok(c.statistic == 0 && c.p_value == 1 && !c.drifted, "ks of two equal constants: D 0, p 1");
    ok(c.hist.nbin == 1 && c.hist.edges[0] == 4.5 && c.hist.edges[1] == 5.5
           && c.hist.ref[0] == 20 && c.hist.cur[0] == 20,
       "one bin of width 1 around one value");
    lt_drift_col_clear(&c);
    column(vary, cf(3, (double[]){7, 7, 7}), LT_DRIFT_PSI, NAN, &c);
    is_str(c.note, "constant in current", "a constant current side noted");
    lt_drift_col_clear(&c);
    column(konst, cf(3, (double[]){6, 6, 6}), LT_DRIFT_KS, NAN, &c);
    ok(c.statistic == 1 && c.drifted, "two different constants: D = 1");
    is_str(c.note, "constant in both", "noted");
    lt_drift_col_clear(&c);
    column(cf(2, (double[]){1, 2}), cf(1, (double[]){3}), LT_DRIFT_ANDERSON, NAN, &c);
    ok(isnan(c.statistic) && isnan(c.p_value) && !c.drifted, "anderson on 3 values: NaN");
    is_str(c.note, "anderson needs 4 values or more, not 3; constant in current", "noted");
    lt_drift_col_clear(&c);
    drain();
}

/* ---- plot bins --------------------------------------------------------------------- */

static void test_hist(void)
{
    lt_drift_col c;
    lt_col *ra = normal_col(1000, 0, 3, 0, 41), *cb = normal_col(700, 1, 3, 0, 42);
    int64_t na, nb;
    double *a = sorted_values(ra, &na), *b = sorted_values(cb, &nb);
    double *all = malloc((size_t)(na + nb) * sizeof *all);
    memcpy(all, a, (size_t)na * sizeof *a);
    memcpy(all + na, b, (size_t)nb * sizeof *b);
    lt_f64_sort(all, na + nb);
    double lo = lt_quantile7(all, na + nb, 0.005), hi = lt_quantile7(all, na + nb, 0.995);
    column(ra, cb, LT_DRIFT_KS, NAN, &c);
    ok(c.hist.nbin == 24 && c.hist.ncat == 0, "ceil(2 * 1700^(1/3)) = 24 bins");
    ok(c.hist.edges[0] == lo && c.hist.edges[24] == hi, "between the pooled 0.5%% and 99.5%% "
       "quantiles");
    int64_t sr = 0, sc = 0, want0 = 0, want_last = 0;
    for (int i = 0; i < c.hist.nbin; i++) {
        sr += c.hist.ref[i];
        sc += c.hist.cur[i];
    }
    for (int64_t i = 0; i < na; i++) {
        want0 += a[i] < c.hist.edges[1];
        want_last += a[i] >= c.hist.edges[23];
    }
    ok(sr == na && sc == nb, "every value in a bin");
    ok(c.hist.ref[0] == want0 && c.hist.ref[23] == want_last,
       "values beyond the quantiles count in the outer bins");
    int eq = 1;
    for (int i = 0; i < 24; i++)
        eq &= fabs(c.hist.edges[i + 1] - c.hist.edges[i] - (hi - lo) / 24) < 1e-12;
    ok(eq, "equal widths");
    lt_drift_col_clear(&c);

    double big[400];
    for (int i = 0; i < 400; i++)
        big[i] = i;
    lt_drift_column(cf(400, big), cf(400, big), NULL, NULL, &c);
    ok(c.hist.nbin == 19, "ceil(2 * 800^(1/3)) = 19 bins");
    lt_drift_col_clear(&c);
    double many[40000];
    for (int i = 0; i < 40000; i++)
        many[i] = i % 1000;
    lt_drift_column(cf(40000, many), cf(40000, many), NULL, NULL, &c);
    ok(c.hist.nbin == 30, "at most 30 bins");
    lt_drift_col_clear(&c);

    double inf[] = {-INFINITY, 1, 2, 3, INFINITY};
    column(cf(5, inf), cf(3, (double[]){1, 2, 3}), LT_DRIFT_KS, NAN, &c);
    ok(c.hist.nbin >= 1 && isfinite(c.hist.edges[0]) && isfinite(c.hist.edges[c.hist.nbin])
           && c.hist.ref[0] >= 1 && c.hist.ref[c.hist.nbin - 1] >= 1,
       "infinities count in the outer bins of finite edges");
    lt_drift_col_clear(&c);
    double tiny[] = {1, nextafter(1, 2), nextafter(nextafter(1, 2), 2)};
    column(cf(3, tiny), cf(3, tiny), LT_DRIFT_KS, NAN, &c);
    ok(c.hist.nbin == 1 && c.hist.edges[0] == 1 && c.hist.edges[1] > 1 && c.hist.ref[0] == 3,
       "a span too narrow to cut: one bin");
    lt_drift_col_clear(&c);
    double huge = 0x1p60;
    column(cf(1, &huge), cf(1, &huge), LT_DRIFT_KS, NAN, &c);
    ok(c.hist.nbin == 1 && c.hist.edges[0] == huge - 0x1p20 && c.hist.edges[1] == huge + 0x1p20,
       "one huge value: a bin wide enough to hold it");
    lt_drift_col_clear(&c);
    column(cf(2, (double[]){INFINITY, INFINITY}), cf(1, (double[]){-INFINITY}), LT_DRIFT_KS, NAN,
           &c);
    ok(c.hist.nbin == 0 && c.statistic == 1, "no finite value: no bins");
    lt_drift_col_clear(&c);
    free(a);
    free(b);
    free(all);
    drain();
}

/* ---- which columns ---------------------------------------------------------------- */

static void test_columns(void)
{
    int64_t days[6] = {0, 1, 2, 3, 4, 5}, later[6];
    for (int i = 0; i < 6; i++) {
        days[i] *= LT_US_PER_DAY;
        later[i] = days[i] + 3 * LT_US_PER_DAY;
    }
    lt_col *d1 = ct(6, days, NULL, LT_DATE), *d2 = ct(6, later, NULL, LT_DATE);
    lt_col *x = cf(6, (double[]){1, 2, 3, 4, 5, 6});
    lt_frame *r = frame("id", x, "date", d1, "x", x, NULL);
    lt_frame *c = frame("x", x, "date", d2, "extra", x, NULL);
    lt_drift *d = lt_drift_compare(r, c, NULL, 0, NULL);
    ok(d && d->ncol == 1 && strcmp(d->cols[0].name, "x") == 0, "default: the shared non-time "
       "column");
    ok(d && d->nskipped == 3 && strcmp(d->skipped[0], "id (only in reference)") == 0
           && strcmp(d->skipped[1], "date (time)") == 0
           && strcmp(d->skipped[2], "extra (only in current)") == 0,
       "skipped: only in one frame, and times");
    lt_drift_free(d);
    lt_drift_spec named[] = {spec("date", LT_DRIFT_AUTO), spec("x", LT_DRIFT_AUTO)};
    d = lt_drift_compare(r, c, named, 2, NULL);
    ok(d && d->ncol == 2 && d->nskipped == 0 && d->cols[0].ref_type == LT_TIME
           && d->cols[0].method == LT_DRIFT_CHI2,
       "a time column named is compared (9 distinct days: categories)");
    ok(d && d->cols[0].hist.ncat == 9 && strcmp(d->cols[0].hist.cats[0], "1970-01-04") == 0
           && strcmp(d->cols[0].hist.cats[3], "1970-01-01") == 0
           && strcmp(d->cols[0].hist.cats[8], "1970-01-09") == 0 && d->cols[0].nunseen == 3,
       "time categories named as dates");
    lt_drift_free(d);
    lt_drift_spec ks = spec("date", LT_DRIFT_KS);
    d = lt_drift_compare(r, c, &ks, 1, NULL);
    double a[6], b[6];
    for (int i = 0; i < 6; i++) {
        a[i] = (double)days[i];
        b[i] = (double)later[i];
    }
    double dx, p = lt_ks_pvalue(lt_ks_statistic(a, 6, b, 6), 6, 6, LT_KS_AUTO, NULL, &dx);
    ok(d && d->cols[0].statistic == dx && d->cols[0].p_value == p && dx == 0.5,
       "ks on times: on their microseconds");
    lt_drift_free(d);
    lt_frame_free(r);
    lt_frame_free(c);
    drain();
}

/* ---- errors ----------------------------------------------------------------------- */

static void test_errors(void)
{
    lt_col *x = cf(3, (double[]){1, 2, 3});
    const char *sv[] = {"a", "b", "c"};
    lt_col *s = cs(3, sv);
    lt_col *t = ct(3, (int64_t[]){0, 1, 2}, NULL, LT_DATE);
    lt_frame *empty = lt_frame_new(), *zero = frame("x", cf(0, (double[]){0}), NULL);
    lt_frame *r = frame("tenure", x, "contract", s, "x", x, "d", t, NULL);
    lt_frame *c = frame("tenure", x, "contract", s, "x", s, "d", x, NULL);
    lt_drift_spec one;

    compare_fails(empty, r, NULL, 0, NULL, LT_EINVAL, "drift: the reference frame has no rows");
    compare_fails(r, zero, NULL, 0, NULL, LT_EINVAL, "drift: the current frame has no rows");
    one = spec("tenur", LT_DRIFT_AUTO);
    compare_fails(r, c, &one, 1, NULL, LT_EINVAL,
                  "drift: column 'tenur' is not in the reference frame (did you mean 'tenure'?)");
    lt_frame *c2 = frame("contract", s, NULL);
    one = spec("tenure", LT_DRIFT_AUTO);
    compare_fails(r, c2, &one, 1, NULL, LT_EINVAL,
                  "drift: column 'tenure' is not in the current frame");
    one = spec("x", LT_DRIFT_AUTO);
    compare_fails(r, c, &one, 1, NULL, LT_ETYPE,
                  "drift: column 'x' is f64 in the reference and str in the current frame");
    compare_fails(r, c, NULL, 0, NULL, LT_ETYPE,
                  "drift: column 'x' is f64 in the reference and str in the current frame");
    one = spec("d", LT_DRIFT_AUTO);
    compare_fails(r, c, &one, 1, NULL, LT_ETYPE,
                  "drift: column 'd' is date in the reference and f64 in the current frame");
    one = spec("contract", LT_DRIFT_KS);
    compare_fails(r, c, &one, 1, NULL, LT_ETYPE,
                  "drift: ks compares numbers; column 'contract' is str; use chi2, psi or js");
    lt_drift_opts o = defaults();
    o.method = LT_DRIFT_WASSERSTEIN;
    one = spec("contract", LT_DRIFT_AUTO);
    compare_fails(r, c, &one, 1, &o, LT_ETYPE, "drift: wasserstein compares numbers; column "
                  "'contract' is str; use chi2, psi or js");
    one = (lt_drift_spec){"tenure", LT_DRIFT_ANDERSON, NAN, true};
    compare_fails(r, c, &one, 1, NULL, LT_EINVAL, "drift: anderson compares numbers; column "
                  "'tenure' is asked to be compared as categories; use chi2, psi or js");
    lt_frame *fb = frame("f", cb("TFT"), NULL), *fi = frame("f", x, NULL);
    one = spec("f", LT_DRIFT_KS);
    compare_fails(fb, fi, &one, 1, NULL, LT_ETYPE, "drift: ks compares numbers; column 'f' is "
                  "bool in the reference frame; use chi2, psi or js");
    compare_fails(fb, fb, &one, 1, NULL, LT_ETYPE, "drift: ks compares numbers; column 'f' is "
                  "bool; use chi2, psi or js");
    lt_frame *other = frame("zz", x, NULL), *times = frame("d", t, NULL);
    compare_fails(r, other, NULL, 0, NULL, LT_EINVAL,
                  "drift: the reference and current frames share no column");
    compare_fails(times, times, NULL, 0, NULL, LT_EINVAL, "drift: the shared columns are all "
                  "times; name them in the column list to compare them");
    lt_drift_spec twice[] = {spec("tenure", LT_DRIFT_AUTO), spec("tenure", LT_DRIFT_KS)};
    compare_fails(r, c, twice, 2, NULL, LT_EINVAL, "drift: column 'tenure' is named twice");
    one = spec(NULL, LT_DRIFT_AUTO);
    compare_fails(r, c, &one, 1, NULL, LT_EINVAL, "drift: column 1 of the list has no name");

    o = defaults();
    o.bins = 0;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: bins = 0; expected at least 1");
    o = defaults();
    o.threshold = -1;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: threshold = -1; expected a positive "
                  "number");
    o = defaults();
    o.eps = 0;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: eps = 0; expected a share in (0, 1)");
    o = defaults();
    o.js_base = 1;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: js_base = 1; expected a positive base "
                  "other than 1");
    o = defaults();
    o.small = -1;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: small = -1; expected 0 or more");
    o = defaults();
    o.max_distinct = -2;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: max_distinct = -2; expected 0 or more");
    o = defaults();
    o.drift_share = 0;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: drift_share = 0; expected a share in "
                  "(0, 1]");
    o = defaults();
    o.missing_shift = NAN;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: missing_shift = nan; expected a share "
                  "in [0, 1]");
    o = defaults();
    o.method = LT_DRIFT_MISSING;
    compare_fails(r, r, NULL, 0, &o, LT_EINVAL, "drift: method 7 is not one of auto, ks, "
                  "anderson, chi2, wasserstein, psi, js");
    one = (lt_drift_spec){"tenure", LT_DRIFT_NONE, NAN, false};
    compare_fails(r, r, &one, 1, NULL, LT_EINVAL, "drift: method 8 for column 'tenure' is not "
                  "one of auto, ks, anderson, chi2, wasserstein, psi, js");
    one = (lt_drift_spec){"tenure", LT_DRIFT_PSI, 0, false};
    compare_fails(r, r, &one, 1, NULL, LT_EINVAL, "drift: threshold = 0 for column 'tenure'; "
                  "expected a positive number");
    one = (lt_drift_spec){"tenure", LT_DRIFT_AUTO, 1.5, false};
    compare_fails(r, r, &one, 1, NULL, LT_EINVAL, "drift: threshold = 1.5 for column 'tenure', "
                  "tested by a p-value; expected a number in (0, 1)");
    one = (lt_drift_spec){"tenure", LT_DRIFT_PSI, 1.5, false};
    lt_drift *d = lt_drift_compare(r, r, &one, 1, NULL);
    ok(d && d->cols[0].threshold == 1.5, "a distance's threshold may be above 1");
    lt_drift_free(d);

    lt_drift_col col;
    int st = lt_drift_column(cf(0, (double[]){0}), x, NULL, NULL, &col);
    ok(st == LT_EINVAL && strcmp(lt_errmsg(), "drift: the reference column has no rows") == 0,
       "lt_drift_column: a reference without rows");
    one = spec("v", LT_DRIFT_AUTO);
    st = lt_drift_column(x, cf(0, (double[]){0}), &one, NULL, &col);
    ok(st == LT_EINVAL && strcmp(lt_errmsg(), "drift: the current column 'v' has no rows") == 0,
       "lt_drift_column: a current column without rows, named");
    st = lt_drift_column(s, x, NULL, NULL, &col);
    ok(st == LT_ETYPE && strcmp(lt_errmsg(), "drift: the column is str in the reference and f64 "
       "in the current frame") == 0, "lt_drift_column: kinds without a name");

    lt_frame *frames[] = {empty, zero, r, c, c2, fb, fi, other, times};
    for (size_t i = 0; i < sizeof frames / sizeof *frames; i++)
        lt_frame_free(frames[i]);
    drain();
}

/* ---- threads, progress, cancellation ---------------------------------------------- */

static int same_col(const lt_drift_col *a, const lt_drift_col *b)
{
#define SAME(f) (a->f == b->f || (isnan((double)a->f) && isnan((double)b->f)))
    int s = SAME(statistic) && SAME(p_value) && SAME(score) && SAME(threshold) && SAME(severity)
            && SAME(wasserstein) && a->drifted == b->drifted && a->method == b->method
            && a->kind == b->kind && a->df == b->df && a->n_ref == b->n_ref
            && a->n_cur == b->n_cur && a->nunseen == b->nunseen && strcmp(a->name, b->name) == 0
            && strcmp(a->why, b->why) == 0
            && (a->note ? b->note && strcmp(a->note, b->note) == 0 : !b->note)
            && a->hist.nbin == b->hist.nbin && a->hist.ncat == b->hist.ncat;
#undef SAME
    int nh = a->hist.nbin ? a->hist.nbin : a->hist.ncat;
    for (int i = 0; s && i < nh; i++)
        s = a->hist.ref[i] == b->hist.ref[i] && a->hist.cur[i] == b->hist.cur[i];
    for (int i = 0; s && i <= a->hist.nbin && a->hist.nbin; i++)
        s = a->hist.edges[i] == b->hist.edges[i];
    for (int i = 0; s && i < a->hist.ncat; i++)
        s = strcmp(a->hist.cats[i], b->hist.cats[i]) == 0;
    return s;
}

static int same_report(const lt_drift *a, const lt_drift *b)
{
    if (!a || !b || a->ncol != b->ncol || a->ndrifted != b->ndrifted)
        return 0;
    for (int j = 0; j < a->ncol; j++)
        if (!same_col(&a->cols[j], &b->cols[j]))
            return 0;
    return 1;
}

/* 25 columns of n rows: 20 numeric (some shifted, with NaNs), 5 str. */
static void wide_frames(int64_t n, lt_frame **r, lt_frame **c)
{
    *r = lt_frame_new();
    *c = lt_frame_new();
    const char *cat[] = {"DSL", "Fiber", "None", "Cable", "Sat"};
    const char **sv = malloc((size_t)n * sizeof *sv), **sw = malloc((size_t)n * sizeof *sw);
    lt_rng g;
    lt_rng_seed(&g, 5);
    char name[16];
    for (int j = 0; j < 25; j++) {
        snprintf(name, sizeof name, "c%02d", j);
        if (j < 20) {
            lt_frame_add(*r, name, normal_col(n, 0, 2, 97, 100 + j));
            lt_frame_add(*c, name, normal_col(n, j % 4 == 0 ? 0.2 : 0, 2, 89, 200 + j));
        } else {
            for (int64_t i = 0; i < n; i++) {
                sv[i] = cat[lt_rng_below(&g, 4)];
                sw[i] = cat[lt_rng_below(&g, j == 24 ? 5 : 4)];
            }
            lt_frame_add(*r, name, cs(n, sv));
            lt_frame_add(*c, name, cs(n, sw));
        }
    }
    free(sv);
    free(sw);
}

static void test_threads(void)
{
    lt_frame *r, *c;
    wide_frames(20000, &r, &c);
    lt_drift_opts o = defaults();
    omp_set_num_threads(1);
    lt_drift *d1 = lt_drift_compare(r, c, NULL, 0, &o);
    omp_set_num_threads(2);
    ticks k = {pthread_self(), 0, 0, 0, 0, 1, NULL};
    lt_progress p = {on_tick, &k, "drift", 0};
    k.p = &p;
    o.progress = &p;
    lt_drift *d2 = lt_drift_compare(r, c, NULL, 0, &o);
    ok(d1 && d1->ncol == 25 && same_report(d1, d2), "the same report on 1 and 2 threads");
    ok(d1 && d1->cols[0].method == LT_DRIFT_WASSERSTEIN && d1->cols[20].method == LT_DRIFT_JS
           && d1->cols[0].drifted && !d1->cols[1].drifted,
       "auto on 20,000 rows: wasserstein and js; the shifted columns drift");
    ok(d1 && d1->cols[24].nunseen == 1, "a category new in the current frame");
    ok(k.n >= 2 && k.others == 0 && k.monotone && k.last == 1,
       "progress: %d ticks from the calling thread only, rising to 1", k.n);
    lt_drift_free(d2);

    /* cancellation: at the first tick, and after the first column */
    omp_set_num_threads(1);
    k = (ticks){pthread_self(), 0, 0, 1, 0, 1, &p};
    p.cancel = 0;
    d2 = lt_drift_compare(r, c, NULL, 0, &o);
    errs(d2, LT_ECANCELED, "drift: cancelled after 0 of 25 columns", "cancelled at once");
    k = (ticks){pthread_self(), 0, 0, 2, 0, 1, &p};
    p.cancel = 0;
    d2 = lt_drift_compare(r, c, NULL, 0, &o);
    errs(d2, LT_ECANCELED, "drift: cancelled after 1 of 25 columns", "cancelled after a column");
    omp_set_num_threads(2);
    k = (ticks){pthread_self(), 0, 0, 3, 0, 1, &p};
    p.cancel = 0;
    d2 = lt_drift_compare(r, c, NULL, 0, &o);
    ok(d2 == NULL && lt_errcode() == LT_ECANCELED, "cancelled on 2 threads");
    lt_drift_free(d1);
    lt_frame_free(r);
    lt_frame_free(c);
    drain();
}

/* ---- over time --------------------------------------------------------------------- */

static int64_t day(int y, int m, int d) { return lt_days_from_civil(y, m, d) * LT_US_PER_DAY; }

/* The column `name` of f on rows idx[0..n). */
static lt_col *rows_of(const lt_frame *f, const char *name, const int64_t *idx, int64_t n)
{
    return keep(lt_col_take(lt_frame_col(f, name), idx, n));
}

static void test_over_time(void)
{
    /* Jan: rows 0-2, 8; Feb: 3, 4, 9; (no March); Apr: 6, 7; row 5 has no date */
    int64_t t[10] = {day(2024, 1, 3), day(2024, 1, 20), day(2024, 1, 31), day(2024, 2, 1),
                     day(2024, 2, 15), 0, day(2024, 4, 2), day(2024, 4, 30), day(2024, 1, 9),
                     day(2024, 2, 29)};
    double x[10] = {1.5, 2.5, 3.5, 10, 11, 99, 20, 21, 4.5, NAN};
    const char *s[10] = {"a", "b", "a", "b", "b", "a", "c", "c", "a", "b"};
    lt_col *tc = ct(10, t, ".....x....", LT_DATE), *xc = cf(10, x), *sc = cs(10, s);
    lt_frame *ev = frame("date", tc, "x", xc, "s", sc, NULL);
    lt_drift_spec ks[] = {spec("x", LT_DRIFT_KS), spec("s", LT_DRIFT_CHI2)};

    /* numbers with 3 distinct values or more are numeric here */
    lt_drift_opts o = defaults();
    o.max_distinct = 2;
    lt_drift_series *w = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FIRST, NULL, NULL, 0,
                                            &o);
    ok(w && w->nwin == 3 && w->is_time && w->tkind == LT_DATE, "three months with rows (March "
       "has none)");
    ok(w && w->start[0] == (double)day(2024, 1, 1) && w->start[1] == (double)day(2024, 2, 1)
           && w->start[2] == (double)day(2024, 4, 1),
       "windows start at the months' floors, in time order");
    ok(w && w->rows[0] == 4 && w->rows[1] == 3 && w->rows[2] == 2 && w->dropped == 1,
       "rows per window; the row without a date dropped and counted");
    ok(w && w->win[0] == NULL && w->win[1] && w->win[2], "the first window has no baseline");
    ok(w && w->win[1]->ncol == 2 && strcmp(w->win[1]->cols[0].name, "x") == 0
           && strcmp(w->win[1]->cols[1].name, "s") == 0 && w->win[1]->nskipped == 0,
       "every column but the time column");
    ok(w && w->win[2]->nref == 4 && w->win[2]->ncur == 2 && w->win[2]->drift_share == 0.5,
       "window 2 against window 0");
    ok(w && w->win[1]->cols[0].method == LT_DRIFT_KS
           && strcmp(w->win[1]->cols[0].why, "auto: numeric, median window of 3 rows <= 1000")
                  == 0
           && w->win[1]->cols[1].method == LT_DRIFT_CHI2,
       "auto once from the median window size");
    ok(w && w->win[1]->cols[0].n_cur == 2 && w->win[1]->cols[0].miss_cur == 1
           && w->win[1]->cols[0].missing_drifted
           && strcmp(w->win[1]->cols[0].note, "missing 0% -> 33.3%") == 0,
       "February's missing x counted and its share compared with January's");
    lt_drift_series_free(w);

    /* each window as the pair of its rows compared directly */
    int64_t jan[] = {0, 1, 2, 8}, feb[] = {3, 4, 9}, apr[] = {6, 7};
    lt_drift_col c;
    w = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FIRST, NULL, ks, 2, NULL);
    lt_drift_column(rows_of(ev, "x", jan, 4), rows_of(ev, "x", apr, 2), &ks[0], NULL, &c);
    ok(w && same_col(&w->win[2]->cols[0], &c), "April's x as ks of the Jan and Apr rows");
    lt_drift_col_clear(&c);
    lt_drift_column(rows_of(ev, "s", jan, 4), rows_of(ev, "s", feb, 3), &ks[1], NULL, &c);
    ok(w && same_col(&w->win[1]->cols[1], &c), "February's s as chi2 of the Jan and Feb rows");
    lt_drift_col_clear(&c);
    lt_drift_series_free(w);

    w = lt_drift_over_time(ev, "date", "month", LT_DRIFT_PREVIOUS, NULL, ks, 1, NULL);
    lt_drift_column(rows_of(ev, "x", feb, 3), rows_of(ev, "x", apr, 2), &ks[0], NULL, &c);
    ok(w && w->win[0] == NULL && w->win[2]->ncol == 1 && same_col(&w->win[2]->cols[0], &c)
           && w->win[2]->nref == 3,
       "previous: April against February");
    lt_drift_col_clear(&c);
    lt_drift_series_free(w);

    lt_frame *ref = frame("x", cf(5, (double[]){1, 2, 3, 4, 5}), NULL);
    w = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FRAME, ref, NULL, 0, &o);
    ok(w && w->win[0] && w->win[0]->nref == 5 && w->win[0]->ncol == 1
           && w->win[0]->nskipped == 1 && strcmp(w->win[0]->skipped[0], "s (only in current)") == 0,
       "a frame baseline: every window compared, columns of one frame skipped");
    lt_drift_spec xa = spec("x", LT_DRIFT_AUTO);
    lt_drift_column(lt_frame_col(ref, "x"), rows_of(ev, "x", jan, 4), &xa, &o, &c);
    ok(w && same_col(&w->win[0]->cols[0], &c), "January against the frame, as lt_drift_column");
    lt_drift_col_clear(&c);
    lt_drift_series_free(w);

    /* numeric widths */
    double tv[8] = {-3, 1, 5, 12, 15, 27, NAN, 29};
    lt_frame *nv = frame("t", cf(8, tv), "y", cf(8, (double[]){1, 2, 3, 4, 5, 6, 7, 8}), NULL);
    w = lt_drift_over_time(nv, "t", "10", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    ok(w && !w->is_time && w->nwin == 4 && w->start[0] == -10 && w->start[1] == 0
           && w->start[2] == 10 && w->start[3] == 20 && w->dropped == 1,
       "width 10: windows from -10, 0, 10, 20; NaN dropped");
    ok(w && w->rows[0] == 1 && w->rows[1] == 2 && w->rows[2] == 2 && w->rows[3] == 2,
       "rows per numeric window");
    lt_drift_series_free(w);
    w = lt_drift_over_time(nv, "t", "2.5", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    ok(w && w->nwin == 7 && w->start[0] == -5 && w->start[1] == 0 && w->start[6] == 27.5,
       "width 2.5: only the windows with rows");
    lt_drift_series_free(w);

    /* the kind is decided once, over all windows */
    int64_t ft[9];
    double fx[9];
    for (int i = 0; i < 9; i++) {
        ft[i] = day(2024, 1 + i / 3, 1);
        fx[i] = i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 3 + i;
    }
    lt_frame *few = frame("d", ct(9, ft, NULL, LT_DATE), "x", cf(9, fx), NULL);
    w = lt_drift_over_time(few, "d", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    ok(w && w->win[1]->cols[0].kind == LT_DRIFT_CATEGORICAL
           && strcmp(w->win[1]->cols[0].why, "auto: categorical (5 distinct values <= 10), "
                     "median window of 3 rows <= 1000") == 0,
       "a numeric column of 5 values in all windows: categories");
    ok(w && w->win[2]->cols[0].hist.ncat == 4 && w->win[2]->cols[0].nunseen == 1,
       "categories of the pair of windows");
    lt_drift_series_free(w);

    /* errors */
    lt_drift_series *e;
    int64_t jt[3] = {day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 31)};
    lt_frame *jf = frame("d", ct(3, jt, NULL, LT_DATE), "x", cf(3, (double[]){1, 2, 3}), NULL);
    e = lt_drift_over_time(jf, "d", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: the rows of 'd' fall in one window of period 'month'; "
         "the first baseline needs two or more", "one window with the first baseline");
    e = lt_drift_over_time(jf, "d", "month", LT_DRIFT_FRAME, jf, NULL, 0, NULL);
    ok(e && e->nwin == 1 && e->win[0], "one window is enough against a frame");
    lt_drift_series_free(e);
    lt_frame *pv = frame("t", cf(3, (double[]){1, 2, 3}), "y", cf(3, (double[]){1, 2, 3}), NULL);
    e = lt_drift_over_time(pv, "t", "100", LT_DRIFT_PREVIOUS, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: the rows of 't' fall in one window of width '100'; the "
         "previous baseline needs two or more", "one numeric window with previous");
    e = lt_drift_over_time(ev, "date", "fortnight", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: unknown period 'fortnight' (expected year, quarter, "
         "month, week, day, hour, minute, second, or a count and a unit: us, ms, s, m, h, d, w, "
         "mo, q, y, as in \"15m\", \"6h\", \"3mo\")", "an unknown period");
    e = lt_drift_over_time(nv, "t", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: every = 'month'; the windows of the numeric column "
         "need a positive width such as \"10\"", "a period on a numeric column");
    e = lt_drift_over_time(nv, "t", "-1", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: every = '-1'; the windows of the numeric column "
         "need a positive width such as \"10\"", "a negative width");
    e = lt_drift_over_time(ev, "dat", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: column 'dat' is not in the frame (did you mean "
         "'date'?)", "a time column not in the frame");
    e = lt_drift_over_time(ev, "s", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_ETYPE, "drift_over_time: column 's' is str; expected a time or numeric column",
         "a str time column");
    lt_frame *allna = frame("d", ct(2, (int64_t[]){0, 0}, "xx", LT_DATE), "x", cf(2, x), NULL);
    e = lt_drift_over_time(allna, "d", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: column 'd' has no values (all missing)",
         "a time column all missing");
    lt_drift_spec tcol = spec("date", LT_DRIFT_AUTO);
    e = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FIRST, NULL, &tcol, 1, NULL);
    errs(e, LT_EINVAL, "drift_over_time: column 'date' makes the windows; it is not compared",
         "the time column named");
    lt_drift_spec nope = spec("nope", LT_DRIFT_AUTO);
    e = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FIRST, NULL, &nope, 1, NULL);
    errs(e, LT_EINVAL, "drift_over_time: column 'nope' is not in the frame", "a column not there");
    e = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FRAME, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: the reference frame is missing; the frame baseline "
         "needs one", "a frame baseline without a frame");
    lt_frame *sref = frame("x", sc, NULL);
    e = lt_drift_over_time(ev, "date", "month", LT_DRIFT_FRAME, sref, NULL, 0, NULL);
    errs(e, LT_ETYPE, "drift_over_time: column 'x' is str in the reference and f64 in the "
         "current frame", "kinds differ between the frame and the windows");
    lt_frame *onlyt = frame("date", tc, NULL);
    e = lt_drift_over_time(onlyt, "date", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: the frame has no column besides 'date' to compare",
         "nothing to compare");
    lt_frame *empty = lt_frame_new();
    e = lt_drift_over_time(empty, "date", "month", LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: the frame has no rows", "a frame without rows");
    e = lt_drift_over_time(ev, "date", NULL, LT_DRIFT_FIRST, NULL, NULL, 0, NULL);
    errs(e, LT_EINVAL, "drift_over_time: no window given; expected a period such as \"month\" "
         "or \"7d\"", "no period");

    lt_frame *frames[] = {ev, ref, nv, few, jf, pv, allna, sref, onlyt, empty};
    for (size_t i = 0; i < sizeof frames / sizeof *frames; i++)
        lt_frame_free(frames[i]);
    drain();
}

static void test_over_time_threads(void)
{
    lt_frame *r, *c;
    wide_frames(8000, &r, &c);
    int64_t *t = malloc(8000 * sizeof *t);
    for (int i = 0; i < 8000; i++)
        t[i] = day(2023, 1 + i % 12, 1 + i % 28);
    lt_frame_add(r, "when", keep(lt_col_from_time(t, NULL, 8000, LT_DATE)));
    free(t);
    omp_set_num_threads(1);
    lt_drift_series *w1 = lt_drift_over_time(r, "when", "quarter", LT_DRIFT_PREVIOUS, NULL, NULL,
                                             0, NULL);
    omp_set_num_threads(2);
    ticks k = {pthread_self(), 0, 0, 0, 0, 1, NULL};
    lt_progress p = {on_tick, &k, "drift", 0};
    k.p = &p;
    lt_drift_opts o = defaults();
    o.progress = &p;
    lt_drift_series *w2 = lt_drift_over_time(r, "when", "quarter", LT_DRIFT_PREVIOUS, NULL, NULL,
                                             0, &o);
    int same = w1 && w2 && w1->nwin == 4 && w2->nwin == 4;
    for (int i = 1; same && i < 4; i++)
        same = same_report(w1->win[i], w2->win[i]);
    ok(same, "the same windows on 1 and 2 threads");
    ok(w1 && w1->win[1]->cols[0].method == LT_DRIFT_WASSERSTEIN
           && strcmp(w1->win[1]->cols[0].why,
                     "auto: numeric, median window of 2,000.5 rows > 1000") == 0,
       "auto from the median of windows of 2001, 2001, 2000 and 1998 rows");
    ok(k.others == 0 && k.monotone && k.last == 1, "progress from the calling thread only");
    k = (ticks){pthread_self(), 0, 0, 1, 0, 1, &p};
    p.cancel = 0;
    lt_drift_series *w3 = lt_drift_over_time(r, "when", "quarter", LT_DRIFT_PREVIOUS, NULL, NULL,
                                             0, &o);
    errs(w3, LT_ECANCELED, "drift_over_time: cancelled after 0 of 25 columns", "cancelled");
    lt_drift_series_free(w1);
    lt_drift_series_free(w2);
    lt_frame_free(r);
    lt_frame_free(c);
    drain();
}

int main(void)
{
    test_names();
    test_auto();
    test_kernels();
    test_thresholds();
    test_verdict();
    test_categories();
    test_bool_mix();
    test_missing();
    test_constant();
    test_hist();
    test_columns();
    test_errors();
    test_threads();
    test_over_time();
    test_over_time_threads();
    return tap_done();
}
