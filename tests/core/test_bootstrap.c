/* Bootstrap intervals (core/bootstrap.c): constant metrics give exact
 * intervals, the percentile interpolation of R's type 7, the resample
 * counts behave as multinomial draws (loose statistical checks with stated
 * tolerances), DeLong's SE against the bootstrap SE, reproducibility on 1
 * and 2 threads, progress from the calling thread only, cancellation, and
 * errors. */
#include <math.h>
#include <omp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "delong.h"
#include "error.h"
#include "rng.h"
#include "tap.h"
#include "ticks.h"

static lt_bootstrap_opts opts(int nboot, bool stratified, uint64_t seed)
{
    return (lt_bootstrap_opts){nboot, 0.95, stratified, seed, 0.5};
}

static int same_ci(const lt_bootstrap_ci *a, const lt_bootstrap_ci *b)
{
    return a->estimate == b->estimate && a->lo == b->lo && a->hi == b->hi && a->se == b->se
           && a->nvalid == b->nvalid;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* numpy's percentile, method "linear" (= R's type 7), of v[0..n), q in %. */
static double np_percentile(const double *v, int n, double q)
{
    double *s = malloc((size_t)n * sizeof *s);
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp);
    double pos = (n - 1) * q / 100, r;
    int i = (int)pos;
    r = i + 1 < n ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[n - 1];
    free(s);
    return r;
}

/* n rows, about prev of them positive, a score that separates them
 * somewhat, with ties (3 decimals). */
static lt_scores *make_scores(int64_t n, double prev, double shift, uint64_t seed)
{
    uint8_t *t = malloc((size_t)n);
    double *x = malloc((size_t)n * sizeof *x);
    lt_rng r;
    lt_rng_seed(&r, seed);
    for (int64_t i = 0; i < n; i++) {
        t[i] = lt_rng_uniform(&r) < prev;
        x[i] = floor((shift * t[i] + lt_rng_uniform(&r)) * 1000) / 1000;
    }
    lt_scores *s = lt_scores_new(t, x, n, NULL);
    free(t);
    free(x);
    return s;
}

static void test_exact(void)
{
    lt_bootstrap_ci ci;
    double rep[50];
    lt_bootstrap_opts o = opts(50, true, 1);

    uint8_t t[] = {1, 0, 1, 0, 0, 1};
    double tied[] = {4, 4, 4, 4, 4, 4};
    lt_scores *s = lt_scores_new(t, tied, 6, NULL);
    ok(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, rep) == 0, "all tied: computed");
    ok(ci.estimate == 0.5 && ci.lo == 0.5 && ci.hi == 0.5 && ci.se == 0 && ci.nvalid == 50,
       "all tied: AUC 1/2 in every resample, interval [1/2, 1/2], SE 0");
    lt_scores_free(s);

    double sep[] = {0.9, 0.1, 0.8, 0.2, 0.3, 0.7};
    s = lt_scores_new(t, sep, 6, NULL);
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, rep);
    ok(ci.estimate == 1 && ci.lo == 1 && ci.hi == 1 && ci.nvalid == 50,
       "separated, stratified: AUC 1 in every resample");
    /* unstratified: 6 rows, a resample of one class (probability
     * 2 (1/2)^6 = 1/32) has no AUC and is left out */
    o = opts(2000, false, 1);
    double *r2 = malloc(2000 * sizeof *r2);
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, r2);
    int nan = 0, one = 0;
    for (int b = 0; b < 2000; b++) {
        nan += isnan(r2[b]);
        one += r2[b] == 1;
    }
    ok(nan == 2000 - ci.nvalid && one == ci.nvalid && ci.lo == 1 && ci.hi == 1,
       "separated, unstratified: resamples of one class are NaN and left out (%d)", nan);
    ok(nan > 2000 / 32 / 2 && nan < 2000 / 32 * 2,
       "unstratified: about 1/32 of the resamples have one class (%d of 2000, 62.5 expected)",
       nan);
    free(r2);

    /* the threshold metrics see the threshold: at t = 0.75 the two
     * positives above it and all negatives are right, the one at 0.7 not */
    o = opts(50, true, 1);
    o.threshold = 0.75;
    lt_bootstrap_metric(s, LT_METRIC_SPECIFICITY, &o, NULL, &ci, rep);
    ok(ci.estimate == 1 && ci.lo == 1 && ci.hi == 1, "specificity at 0.75: 1 everywhere");
    lt_bootstrap_metric(s, LT_METRIC_RECALL, &o, NULL, &ci, rep);
    is_num(ci.estimate, 2.0 / 3, 1e-15, "recall at 0.75: 2/3 on the rows");
    lt_scores_free(s);
}

static void test_percentiles(void)
{
    lt_scores *s = make_scores(300, 0.4, 0.5, 3);
    enum { B = 199 };
    double rep[B];
    lt_bootstrap_ci ci;
    lt_bootstrap_opts o = opts(B, true, 42);
    o.level = 0.9;
    ok(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, rep) == 0, "199 resamples of 300 rows");
    is_num(ci.estimate, lt_scores_metric(s, LT_METRIC_AUC, 0.5, NULL, NULL), 0,
           "estimate: the AUC of the rows");
    is_num(ci.lo, np_percentile(rep, B, 5), 1e-15, "lower bound: numpy's 5th percentile");
    is_num(ci.hi, np_percentile(rep, B, 95), 1e-15, "upper bound: numpy's 95th percentile");
    double m = 0, ss = 0;
    for (int b = 0; b < B; b++)
        m += rep[b] / B;
    for (int b = 0; b < B; b++)
        ss += (rep[b] - m) * (rep[b] - m);
    is_num(ci.se, sqrt(ss / (B - 1)), 1e-15, "SE: the standard deviation of the replicates");

    double rep2[B];
    lt_bootstrap_ci ci2;
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci2, rep2);
    ok(memcmp(rep, rep2, sizeof rep) == 0, "the same seed, the same replicates");
    o.seed = 43;
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci2, rep2);
    ok(memcmp(rep, rep2, sizeof rep) != 0, "another seed, other replicates");
    o.seed = 42;
    o.nboot = 50;
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci2, rep2);
    ok(memcmp(rep, rep2, 50 * sizeof *rep) == 0, "replicate b does not depend on nboot");
    lt_scores_free(s);
}

/* The counts are multinomial draws: the share of negatives in unstratified
 * resamples of 10000 rows (7000 negatives over two blocks of the count
 * array) has mean 0.7 and SD sqrt(0.7 0.3 / 10000) = 0.004583; the Brier
 * score of fixed probabilities has the bootstrap SD of a mean,
 * sqrt(population variance / n). */
static void test_multinomial(void)
{
    enum { N = 10000, B = 2000 };
    uint8_t *t = malloc(N);
    double *x = malloc(N * sizeof *x);
    for (int i = 0; i < N; i++) {
        t[i] = i % 10 < 3;
        x[i] = (double)i / N;   /* all distinct */
    }
    lt_scores *s = lt_scores_new(t, x, N, NULL);
    double *rep = malloc(B * sizeof *rep);
    lt_bootstrap_ci ci;
    lt_bootstrap_opts o = opts(B, false, 7);
    o.threshold = INFINITY;   /* nothing positive: accuracy = the share of negatives */
    lt_bootstrap_metric(s, LT_METRIC_ACCURACY, &o, NULL, &ci, rep);
    double m = 0;
    for (int b = 0; b < B; b++)
        m += rep[b] / B;
    /* the mean of 2000 has SD 0.0001: 5 SD */
    is_num(m, 0.7, 5e-4, "unstratified: mean share of negatives 0.7 (within 5e-4, 5 SD)");
    /* the SD of 2000 replicates is within 1.6% (one SD) of the truth: 10% */
    is_num(ci.se, sqrt(0.7 * 0.3 / N), 0.1 * sqrt(0.7 * 0.3 / N),
           "unstratified: SD of the share sqrt(0.21 / n) within 10%%");

    double mean = 0, pv = 0;
    for (int i = 0; i < N; i++)
        mean += (x[i] - t[i]) * (x[i] - t[i]) / N;
    for (int i = 0; i < N; i++) {
        double d = (x[i] - t[i]) * (x[i] - t[i]) - mean;
        pv += d * d / N;
    }
    lt_bootstrap_metric(s, LT_METRIC_BRIER, &o, NULL, &ci, rep);
    is_num(ci.se, sqrt(pv / N), 0.1 * sqrt(pv / N), "unstratified Brier: SD of a mean within 10%%");
    /* stratified: the class sizes are fixed, each class a mean of its own */
    double mp = 0, vp = 0, mn = 0, vn = 0;
    for (int i = 0; i < N; i++) {
        double e = (x[i] - t[i]) * (x[i] - t[i]);
        if (t[i])
            mp += e / 3000;
        else
            mn += e / 7000;
    }
    for (int i = 0; i < N; i++) {
        double e = (x[i] - t[i]) * (x[i] - t[i]);
        if (t[i])
            vp += (e - mp) * (e - mp) / 3000;
        else
            vn += (e - mn) * (e - mn) / 7000;
    }
    double want = sqrt(0.09 * vp / 3000 + 0.49 * vn / 7000);
    o.stratified = true;
    lt_bootstrap_metric(s, LT_METRIC_BRIER, &o, NULL, &ci, rep);
    is_num(ci.se, want, 0.1 * want, "stratified Brier: SD of the weighted class means within 10%%");
    lt_scores_free(s);
    free(rep);
    free(t);
    free(x);
}

/* DeLong's SE is an asymptotic estimate of the bootstrap's: on 4000 rows
 * they agree within 10% (the bootstrap SD of 2000 resamples alone is
 * uncertain to 1.6%). */
static void test_delong_se(void)
{
    lt_scores *s = make_scores(4000, 0.3, 0.6, 11);
    double auc, var;
    lt_delong_var(s, &auc, &var);
    lt_bootstrap_opts o = opts(2000, true, 5);
    lt_bootstrap_ci ci;
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL);
    is_num(ci.se, sqrt(var), 0.1 * sqrt(var), "4000 rows: bootstrap SE of the AUC within 10%% of "
           "DeLong's (%.5f vs %.5f)", ci.se, sqrt(var));
    double lo, hi;
    lt_delong_ci(s, 0.95, &lo, &hi);
    ok(fabs(ci.lo - lo) < 0.25 * (hi - lo) && fabs(ci.hi - hi) < 0.25 * (hi - lo),
       "4000 rows: percentile and DeLong intervals within a quarter width "
       "([%.4f, %.4f] vs [%.4f, %.4f])", ci.lo, ci.hi, lo, hi);
    lt_scores_free(s);
}

static void test_threads(void)
{
    /* above the threshold for threads, and more than one block per class */
    lt_scores *s = make_scores(30000, 0.2, 0.4, 17);
    enum { B = 40 };
    double r1[B], r2[B], r3[B];
    lt_bootstrap_ci c1, c2, c3;
    lt_bootstrap_opts o = opts(B, true, 9);
    omp_set_num_threads(1);
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &c1, r1);
    omp_set_num_threads(2);
    lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &c2, r2);
    ok(memcmp(r1, r2, sizeof r1) == 0 && same_ci(&c1, &c2),
       "stratified AUC: the same replicates and interval on 1 and 2 threads");
    o.stratified = false;
    omp_set_num_threads(1);
    lt_bootstrap_metric(s, LT_METRIC_AP, &o, NULL, &c1, r1);
    omp_set_num_threads(2);
    lt_bootstrap_metric(s, LT_METRIC_AP, &o, NULL, &c3, r3);
    ok(memcmp(r1, r3, sizeof r1) == 0 && same_ci(&c1, &c3),
       "unstratified AP: the same replicates and interval on 1 and 2 threads");
    lt_scores_free(s);
}

/* ---- progress and cancellation ------------------------------------------ */

static void test_progress(void)
{
    lt_scores *s = make_scores(20000, 0.3, 0.5, 23);
    lt_progress p = {on_tick, NULL, "bootstrap", 0};
    ticks k = {pthread_self(), 0, 0, -1, 0, 1, &p};
    p.ud = &k;
    lt_bootstrap_opts o = opts(60, true, 1);
    lt_bootstrap_ci ci;
    omp_set_num_threads(2);
    ok(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, &p, &ci, NULL) == 0, "progress: run to the end");
    ok(k.n >= 1 && k.others == 0, "progress: %d ticks, all from the calling thread", k.n);
    ok(k.monotone, "progress: fractions rise within [0, 1]");

    k = (ticks){pthread_self(), 0, 0, 3, 0, 1, &p};
    p.cancel = 0;
    o.nboot = 100000;
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, &p, &ci, NULL), LT_ECANCELED,
           "cancel on the third tick");
    ok(strstr(lt_errmsg(), "bootstrap: cancelled after") != NULL, "cancel: message (%s)",
       lt_errmsg());
    p.cancel = 0;
    lt_scores_free(s);
}

static void test_errors(void)
{
    uint8_t t[] = {1, 0, 1, 0};
    double x[] = {0.9, 0.2, 0.6, 0.4};
    lt_scores *s = lt_scores_new(t, x, 4, NULL);
    lt_bootstrap_ci ci;
    lt_bootstrap_opts o = opts(0, true, 1);
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL, "nboot 0");
    is_str(lt_errmsg(), "bootstrap: nboot = 0; expected at least 1 resample", "nboot: message");
    o = opts(10, true, 1);
    o.level = 1;
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL, "level 1");
    o.level = NAN;
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL, "level NaN");
    o = opts(10, true, 1);
    o.threshold = NAN;
    is_int(lt_bootstrap_metric(s, LT_METRIC_F1, &o, NULL, &ci, NULL), LT_EINVAL,
           "F1 at a NaN threshold");
    is_str(lt_errmsg(), "bootstrap: the threshold of f1 is NaN; expected a number",
           "threshold: message");
    ok(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL) == 0,
       "the threshold is not read by the AUC");
    is_int(lt_bootstrap_metric(s, LT_METRIC_COUNT, &o, NULL, &ci, NULL), LT_EINVAL,
           "not a metric");
    o.nboot = 1;
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL,
           "one resample: no interval");
    ok(ci.nvalid == 1 && isnan(ci.lo) && ci.estimate == 1, "one resample: counted, no bounds");
    lt_scores_free(s);

    uint8_t t1[] = {0, 0, 0};
    s = lt_scores_new(t1, x, 3, NULL);
    o = opts(20, true, 1);
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL,
           "no positives: no AUC anywhere");
    is_str(lt_errmsg(), "bootstrap: auc is defined in 0 of 20 resamples; an interval needs at "
           "least 2 (0 positive and 3 negative rows)", "no positives: message");
    lt_scores_free(s);
    s = lt_scores_new(t1, x, 0, NULL);
    is_int(lt_bootstrap_metric(s, LT_METRIC_AUC, &o, NULL, &ci, NULL), LT_EINVAL, "no rows");
    lt_scores_free(s);
}

int main(void)
{
    test_exact();
    test_percentiles();
    test_multinomial();
    test_delong_se();
    test_threads();
    test_progress();
    test_errors();
    return tap_done();
}
