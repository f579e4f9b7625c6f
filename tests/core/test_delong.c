/* DeLong's variance, interval and paired test (core/delong.c): a case
 * worked by hand, agreement with a brute-force numpy implementation of the
 * placement formulas (tests/reference/make_delong_fixtures.py, 1e-9
 * relative), pROC's published values on its aSAH data (the numbers its
 * own test suite asserts, 1e-12 relative: see the script for the data's
 * provenance), the same results on 1 and 2 threads, and errors. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "delong.h"
#include "error.h"
#include "frame.h"
#include "reference.h"
#include "rng.h"
#include "tap.h"

/* |got - want| <= tol * |want| (both NaN, or equal, also pass). */
static int is_rel(double got, double want, double tol, const char *what, const char *name)
{
    return is_num(got, want, tol * fabs(want), "%s: %s", name, what);
}

static void test_by_hand(void)
{
    /* positives 0.9 0.4 0.7, negatives 0.4 0.1 0.5: V10 = 1, 1/2, 1 and
     * V01 = 5/6, 1, 2/3; AUC = 5/6, var = (1/12) / 3 + (1/36) / 3 = 1/27 */
    uint8_t t[] = {1, 0, 1, 0, 0, 1};
    double x[] = {0.9, 0.4, 0.4, 0.1, 0.5, 0.7};
    lt_scores *s = lt_scores_new(t, x, 6, NULL);
    double auc = 0, var = 0, lo = 0, hi = 0;
    ok(lt_delong_var(s, &auc, &var) == 0, "by hand: variance computed");
    is_num(auc, 5.0 / 6, 1e-15, "by hand: AUC 5/6");
    is_num(var, 1.0 / 27, 1e-16, "by hand: variance 1/27");
    ok(lt_delong_ci(s, 0.95, &lo, &hi) == 0, "by hand: interval computed");
    is_num(lo, 5.0 / 6 - 1.959963984540054 * sqrt(1.0 / 27), 1e-14, "by hand: lower bound");
    is_num(hi, 1, 0, "by hand: upper bound clipped to 1");
    is_int(lt_delong_ci(s, 1, &lo, &hi), LT_EINVAL, "level 1 is refused");
    is_str(lt_errmsg(), "delong: level = 1; expected a confidence level between 0 and 1, "
           "such as 0.95", "level: message");
    is_int(lt_delong_ci(s, NAN, &lo, &hi), LT_EINVAL, "level NaN is refused");
    lt_scores_free(s);

    /* perfect separation: every placement 1, variance 0, interval [1, 1] */
    uint8_t tp[] = {1, 1, 0, 0};
    double xp[] = {3, 2, 1, -INFINITY};
    s = lt_scores_new(tp, xp, 4, NULL);
    lt_delong_var(s, &auc, &var);
    ok(auc == 1 && var == 0, "perfect separation: AUC 1, variance 0");
    lt_delong_ci(s, 0.95, &lo, &hi);
    ok(lo == 1 && hi == 1, "perfect separation: interval [1, 1]");
    lt_scores_free(s);

    /* all scores tied: AUC 1/2, every placement 1/2, variance 0 */
    uint8_t ta[] = {1, 0, 1, 0, 1};
    double xa[] = {7, 7, 7, 7, 7};
    s = lt_scores_new(ta, xa, 5, NULL);
    lt_delong_var(s, &auc, &var);
    ok(auc == 0.5 && var == 0, "all tied: AUC 1/2, variance 0");
    lt_scores_free(s);
}

/* ---- the numpy fixtures ------------------------------------------------- */

static void test_fixtures(void)
{
    lt_frame *data = lt_csv_read(REFERENCE_DIR "/delong_data.csv", NULL);
    lt_frame *want = lt_csv_read(REFERENCE_DIR "/delong_expected.csv", NULL);
    if (!ok(data && want, "fixtures read")) {
        printf("# %s\n", lt_errmsg());
        return;
    }
    const double tol = 1e-9;
    const lt_col *cases = lt_frame_col(data, "case");
    int64_t n = data->nrow;
    uint8_t *t = malloc((size_t)n);
    double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    for (int64_t k = 0; k < want->nrow; k++) {
        const char *name = lt_col_get_str(lt_frame_col(want, "case"), k, NULL);
        int64_t m = 0;
        for (int64_t i = 0; i < n; i++)
            if (strcmp(lt_col_get_str(cases, i, NULL), name) == 0) {
                t[m] = (uint8_t)ref_num(data, "truth", i);
                a[m] = ref_num(data, "score1", i);
                b[m] = ref_num(data, "score2", i);
                m++;
            }
        lt_scores *s1 = lt_scores_new(t, a, m, NULL), *s2 = lt_scores_new(t, b, m, NULL);
        double auc1, var1, auc2, var2, lo, hi;
        ok(lt_delong_var(s1, &auc1, &var1) == 0 && lt_delong_var(s2, &auc2, &var2) == 0,
           "%s: %lld rows, variances computed", name, (long long)m);
        is_rel(auc1, ref_num(want, "auc1", k), tol, "auc1", name);
        is_rel(var1, ref_num(want, "var1", k), tol, "var1", name);
        is_rel(auc2, ref_num(want, "auc2", k), tol, "auc2", name);
        is_rel(var2, ref_num(want, "var2", k), tol, "var2", name);
        lt_delong_ci(s1, 0.95, &lo, &hi);
        is_rel(lo, ref_num(want, "lo95", k), tol, "95% interval, lower", name);
        is_rel(hi, ref_num(want, "hi95", k), tol, "95% interval, upper", name);
        lt_delong_ci(s1, 0.90, &lo, &hi);
        is_rel(lo, ref_num(want, "lo90", k), tol, "90% interval, lower", name);
        is_rel(hi, ref_num(want, "hi90", k), tol, "90% interval, upper", name);
        lt_delong_test r;
        ok(lt_delong_compare(t, a, b, m, &r) == 0, "%s: test computed", name);
        is_rel(r.auc1, ref_num(want, "auc1", k), tol, "test auc1", name);
        is_rel(r.auc2, ref_num(want, "auc2", k), tol, "test auc2", name);
        is_rel(r.diff, ref_num(want, "diff", k), tol, "difference", name);
        is_rel(r.se, ref_num(want, "se", k), tol, "se of the difference", name);
        is_rel(r.z, ref_num(want, "z", k), tol, "z", name);
        is_rel(r.p_value, ref_num(want, "p", k), tol, "p", name);
        is_rel(r.corr, ref_num(want, "corr", k), tol, "correlation", name);
        lt_scores_free(s1);
        lt_scores_free(s2);
    }
    free(t);
    free(a);
    free(b);
    lt_frame_free(data);
    lt_frame_free(want);
}

/* ---- pROC on aSAH ------------------------------------------------------- */

static void test_asah(void)
{
    lt_frame *f = lt_csv_read(REFERENCE_DIR "/delong_asah.csv", NULL);
    if (!ok(f && f->nrow == 113, "aSAH: 113 rows read"))
        return;
    uint8_t t[113];
    double wfns[113], s100b[113], ndka[113];
    int npoor = 0;
    for (int i = 0; i < 113; i++) {
        t[i] = strcmp(lt_col_get_str(lt_frame_col(f, "outcome"), i, NULL), "Poor") == 0;
        npoor += t[i];
        wfns[i] = ref_num(f, "wfns", i);
        s100b[i] = ref_num(f, "s100b", i);
        ndka[i] = ref_num(f, "ndka", i);
    }
    is_int(npoor, 41, "aSAH: 41 poor outcomes (the cases), 72 good");
    const double tol = 1e-12;
    struct { const char *name; double *x; double auc, var; } m[] = {
        {"wfns", wfns, 0.823678861788618, 0.00146991470882363},
        {"ndka", ndka, 0.611957994579946, 0.0031908105493913},
        {"s100b", s100b, 0.731368563685637, 0.00266868245717244},
    };
    for (int k = 0; k < 3; k++) {
        lt_scores *s = lt_scores_new(t, m[k].x, 113, NULL);
        double auc, var;
        lt_delong_var(s, &auc, &var);
        is_rel(auc, m[k].auc, tol, "AUC as pROC", m[k].name);
        is_rel(var, m[k].var, tol, "var(roc) as pROC's test-var.R", m[k].name);
        double lo, hi;
        lt_delong_ci(s, 0.95, &lo, &hi);
        if (k == 1) {   /* test-ci.auc.R */
            is_rel(lo, 0.501244999271703, tol, "ci.auc lower as pROC", m[k].name);
            is_rel(hi, 0.722670989888189, tol, "ci.auc upper as pROC", m[k].name);
        }
        if (k == 2) {   /* pROC's documented print(roc1): 95% CI: 0.6301-0.8326 (DeLong) */
            is_num(lo, 0.6301, 5e-5, "s100b: 95%% CI lower 0.6301 as pROC prints it");
            is_num(hi, 0.8326, 5e-5, "s100b: 95%% CI upper 0.8326 as pROC prints it");
        }
        lt_scores_free(s);
    }

    /* roc.test(r.wfns, r.s100b) etc., test-roc.test.R */
    struct { double *a, *b; const char *name; double z, p, lo, hi; } c[] = {
        {wfns, s100b, "wfns vs s100b", 2.20898359144091, 0.0271757822291882,
         0.0104061769564846, 0.174214419249478},
        {wfns, ndka, "wfns vs ndka", 2.79777591868904, 0.00514557970691098,
         0.0634011709339876, 0.3600405634833566},
        {ndka, s100b, "ndka vs s100b", -1.39077002573558, 0.164295175223054,
         -0.2876917446341914, 0.0488706064228094},
    };
    for (int k = 0; k < 3; k++) {
        lt_delong_test r;
        ok(lt_delong_compare(t, c[k].a, c[k].b, 113, &r) == 0, "%s: test computed", c[k].name);
        is_rel(r.z, c[k].z, tol, "Z as pROC's roc.test", c[k].name);
        is_rel(r.p_value, c[k].p, tol, "p as pROC's roc.test", c[k].name);
        /* roc.test's interval of the difference: diff -+ qnorm(0.975) se */
        double q = 1.959963984540054;
        is_rel(r.diff - q * r.se, c[k].lo, 1e-11, "interval of the difference, lower", c[k].name);
        is_rel(r.diff + q * r.se, c[k].hi, 1e-11, "interval of the difference, upper", c[k].name);
        lt_delong_test rev;
        lt_delong_compare(t, c[k].b, c[k].a, 113, &rev);
        ok(rev.z == -r.z && rev.p_value == r.p_value && rev.corr == r.corr,
           "%s: swapped scores give -Z and the same p", c[k].name);
    }
    lt_frame_free(f);
}

/* ---- threads ------------------------------------------------------------ */

static void test_threads(void)
{
    enum { N = 200000 };
    uint8_t *t = malloc(N);
    double *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
    lt_rng r;
    lt_rng_seed(&r, 99);
    for (int i = 0; i < N; i++) {
        t[i] = lt_rng_uniform(&r) < 0.3;
        a[i] = floor((t[i] * 0.7 + lt_rng_uniform(&r)) * 1000) / 1000;   /* ties */
        b[i] = 0.5 * a[i] + lt_rng_uniform(&r);
    }
    lt_delong_test r1, r2;
    double auc1, var1, auc2, var2;
    omp_set_num_threads(1);
    lt_scores *s = lt_scores_new(t, a, N, NULL);
    int st1 = lt_delong_compare(t, a, b, N, &r1);
    lt_delong_var(s, &auc1, &var1);
    lt_scores_free(s);
    omp_set_num_threads(2);
    s = lt_scores_new(t, a, N, NULL);
    int st2 = lt_delong_compare(t, a, b, N, &r2);
    lt_delong_var(s, &auc2, &var2);
    lt_scores_free(s);
    ok(st1 == 0 && st2 == 0 && memcmp(&r1, &r2, sizeof r1) == 0,
       "200000 rows: the same test on 1 and 2 threads, to the bit");
    ok(auc1 == auc2 && var1 == var2 && auc1 == r1.auc1,
       "200000 rows: the same variance on 1 and 2 threads; AUC as the test's");
    free(t);
    free(a);
    free(b);
}

/* ---- errors ------------------------------------------------------------- */

static void test_errors(void)
{
    uint8_t t[] = {1, 0, 0, 0, 1};
    double x[] = {0.3, 0.1, 0.2, 0.4, 0.9};
    double y[] = {0.5, 0.2, NAN, 0.1, 0.3};
    lt_delong_test r;
    double auc, var;

    uint8_t t1[] = {1, 0, 0, 0, 0};
    lt_scores *s = lt_scores_new(t1, x, 5, NULL);
    is_int(lt_delong_var(s, &auc, &var), LT_EINVAL, "one positive: no variance");
    is_str(lt_errmsg(), "delong: the variance of the AUC needs at least 2 positive and 2 "
           "negative rows; got 1 positive and 4 negative", "one positive: message");
    double lo, hi;
    is_int(lt_delong_ci(s, 0.95, &lo, &hi), LT_EINVAL, "one positive: no interval");
    lt_scores_free(s);
    s = lt_scores_new(t, x, 0, NULL);
    is_int(lt_delong_var(s, &auc, &var), LT_EINVAL, "no rows: no variance");
    lt_scores_free(s);

    is_int(lt_delong_compare(t1, x, x, 5, &r), LT_EINVAL, "test: one positive");
    is_str(lt_errmsg(), "delong: the test of two AUCs needs at least 2 positive and 2 "
           "negative rows; got 1 positive and 4 negative", "test, one positive: message");
    is_int(lt_delong_compare(t, x, y, 5, &r), LT_EINVAL, "test: NaN in score2");
    is_str(lt_errmsg(), "delong: score2 at row 3 is NaN; expected the rows missing in either "
           "score dropped", "NaN: message names the score and the row");
    uint8_t t2[] = {1, 0, 2, 0, 1};
    is_int(lt_delong_compare(t2, x, x, 5, &r), LT_EINVAL, "test: truth 2");
    is_str(lt_errmsg(), "delong: truth at row 3 is 2; expected 0 or 1", "truth 2: message");
    is_int(lt_delong_compare(t, x, x, 5, &r), LT_EINVAL, "test: the same score twice");
    is_str(lt_errmsg(), "delong: the two scores rank the rows identically; the difference "
           "of their AUCs has no variance, so z and p are undefined", "identical: message");
    double x2[5];
    for (int i = 0; i < 5; i++)
        x2[i] = 3 * x[i] - 1;   /* the same ranks */
    is_int(lt_delong_compare(t, x, x2, 5, &r), LT_EINVAL, "test: a monotone transform");
}

int main(void)
{
    test_by_hand();
    test_fixtures();
    test_asah();
    test_threads();
    test_errors();
    return tap_done();
}
