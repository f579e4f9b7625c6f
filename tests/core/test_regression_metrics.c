/* core/regression_metrics.c: the metrics of small cases checked by hand,
 * a constant truth (sklearn's force_finite answers), zeros in the truth,
 * huge and tiny values, compensated sums over 10^6 rows, the same result
 * on any thread count, and the errors.  (Agreement with scikit-learn is
 * test_confusion_ref.c.) */
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "regression_metrics.h"
#include "tap.h"

#define LEN(a) ((int64_t)(sizeof(a) / sizeof *(a)))
#define TOL 1e-15

static bool compute(const double *y, const double *yhat, int64_t n, lt_regression_metrics *m,
                    const char *what)
{
    int rc = lt_regression_metrics_compute(y, yhat, n, m);
    return ok(rc == 0, "%s: %s", what, rc ? lt_errmsg() : "computed");
}

/* y = 1 2 3 4, yhat = 1.5 2 2 5: errors yhat - y = 0.5 0 -1 1. */
static void test_by_hand(void)
{
    double y[] = { 1, 2, 3, 4 }, yhat[] = { 1.5, 2, 2, 5 };
    lt_regression_metrics m;
    if (!compute(y, yhat, 4, &m, "4 rows"))
        return;
    is_int(m.n, 4, "n");
    is_int(m.nzero, 0, "no y = 0");
    is_num(m.mae, 2.5 / 4, TOL, "MAE");
    is_num(m.mse, 2.25 / 4, TOL, "MSE");
    is_num(m.rmse, 0.75, TOL, "RMSE");
    is_num(m.median_ae, 0.75, TOL, "median AE of 0 .5 1 1");
    is_num(m.max_error, 1, TOL, "max error");
    is_num(m.mean_error, 0.125, TOL, "mean error (bias)");
    is_num(m.mape, 100 * (0.5 + 1.0 / 3 + 0.25) / 4, 1e-13, "MAPE in percent");
    is_num(m.smape, 100 * (0.4 + 0 + 0.4 + 2.0 / 9) / 4, 1e-13, "sMAPE in percent");
    /* SS_tot = 5, SS_res = 2.25; residual variance sum 2.1875 */
    is_num(m.r2, 1 - 2.25 / 5, TOL, "R2");
    is_num(m.explained_variance, 1 - 2.1875 / 5, TOL, "explained variance");

    /* odd n: the middle error */
    double y3[] = { 10, 20, 30 }, h3[] = { 13, 19, 30 };
    if (compute(y3, h3, 3, &m, "3 rows"))
        ok(m.median_ae == 1 && m.max_error == 3 && m.mean_error == 2.0 / 3,
           "median AE 1 of 3 1 0, max 3");

    /* one row: no variance in y, so R2 is 0 unless exact */
    if (compute((double[]){ 2 }, (double[]){ 3 }, 1, &m, "1 row"))
        ok(m.mae == 1 && m.rmse == 1 && m.r2 == 0 && m.explained_variance == 1 &&
           m.mape == 50 && fabs(m.smape - 40) < 1e-13, "one row: R2 0, EV 1 (constant error)");
}

/* A constant y: sklearn's force_finite answers. */
static void test_constant(void)
{
    double y[] = { 0.1, 0.1, 0.1, 0.1, 0.1 };
    lt_regression_metrics m;
    if (compute(y, y, 5, &m, "constant, exact"))
        ok(m.r2 == 1 && m.explained_variance == 1 && m.mae == 0 && m.smape == 0 && m.mape == 0,
           "constant y, exact predictions: R2 1, EV 1");
    double shifted[] = { 0.3, 0.3, 0.3, 0.3, 0.3 };
    if (compute(y, shifted, 5, &m, "constant, shifted"))
        ok(m.r2 == 0 && m.explained_variance == 1, "constant y, constant error: R2 0, EV 1 "
           "(%g, %g)", m.r2, m.explained_variance);
    double noisy[] = { 0.1, 0.2, 0.1, 0.1, 0.1 };
    if (compute(y, noisy, 5, &m, "constant, noisy"))
        ok(m.r2 == 0 && m.explained_variance == 0, "constant y, varying error: R2 0, EV 0");
    /* not constant y, constant error: EV 1, R2 below 1 */
    double y2[] = { 1, 2, 3 }, h2[] = { 2, 3, 4 };
    if (compute(y2, h2, 3, &m, "shifted"))
        ok(m.explained_variance == 1 && m.r2 == 1 - 3.0 / 2, "shifted predictions: EV 1, "
           "R2 -0.5");
}

static void test_zeros(void)
{
    double y[] = { 0, 1, -2, 0 }, yhat[] = { 0, 2, -1, 1 };
    lt_regression_metrics m;
    if (!compute(y, yhat, 4, &m, "zeros in y"))
        return;
    ok(m.nzero == 2 && isnan(m.mape), "two y = 0: nzero 2, MAPE NaN");
    /* terms 0 (0 and 0), 1/1.5, 1/1.5, 1/0.5 */
    is_num(m.smape, 100 * (0 + 2.0 / 3 + 2.0 / 3 + 2) / 4, 1e-13,
           "sMAPE: a perfect 0 counts 0, a miss of 0 counts 200%%");
    double z[] = { 0, 0 };
    if (compute(z, z, 2, &m, "all 0"))
        ok(m.smape == 0 && isnan(m.mape) && m.r2 == 1, "all 0, exact: sMAPE 0, R2 1");
}

/* Values whose squares overflow (or underflow) are scaled by a power of
 * two: the metrics are those of the scaled data, scaled back. */
static void test_extremes(void)
{
    double y[] = { 1.5, -2, 3.25, 0.5, 7 }, yhat[] = { 1, -1.5, 4, 0.25, 6 };
    lt_regression_metrics base, m;
    if (!compute(y, yhat, 5, &base, "base"))
        return;
    for (int e = -1, pass = 0; pass < 2; pass++, e = 1) {
        double s = ldexp(1, e * 1000), ys[5], hs[5];
        for (int i = 0; i < 5; i++) {
            ys[i] = y[i] * s;
            hs[i] = yhat[i] * s;
        }
        if (!compute(ys, hs, 5, &m, e > 0 ? "times 2^1000" : "times 2^-1000"))
            continue;
        ok(m.r2 == base.r2 && m.explained_variance == base.explained_variance &&
           m.mape == base.mape && m.smape == base.smape,
           "times 2^%d: R2 %.17g, EV, MAPE, sMAPE as unscaled", e * 1000, m.r2);
        ok(m.mae == base.mae * s && m.max_error == base.max_error * s &&
           m.median_ae == base.median_ae * s && m.mean_error == base.mean_error * s,
           "times 2^%d: MAE, max, median, bias scale with the data", e * 1000);
        if (e > 0)
            ok(isinf(m.mse) && isinf(m.rmse) == 0 && m.rmse == base.rmse * s,
               "times 2^1000: MSE overflows (Inf), RMSE does not");
        else
            ok(m.mse == 0 && m.rmse == base.rmse * s, "times 2^-1000: MSE underflows to 0, "
               "RMSE does not");
    }
    /* differences that overflow: y = -yhat = 1e308 */
    double big[] = { 1e308, 1e308 }, nbig[] = { -1e308, -1e308 };
    if (compute(big, nbig, 2, &m, "opposite huge values"))
        ok(m.mape == 200 && m.smape == 200 && m.max_error == INFINITY,
           "opposite huge values: MAPE, sMAPE 200, max error Inf");
}

/* 10^6 errors alternating 1e8 and 0.1: a plain double sum loses the 0.1s
 * to rounding (relative error ~1e-11); the compensated one keeps them.
 * The same bits on 1, 2 and 3 threads. */
static void test_compensated(void)
{
    enum { N = 1000000 };
    double *y = calloc(N, sizeof *y), *yhat = malloc(N * sizeof *yhat);
    for (int i = 0; i < N; i++) {
        yhat[i] = i % 2 ? 0.1 : 1e8;
        y[i] = 1;
    }
    /* y = 1, so yhat - y is 1e8 - 1 (exact) or 0.1 - 1 = -0.9 (rounded
     * as in the kernel), half of the rows each: the means are those of
     * the pair, which long double gives to ~1e-19 */
    long double big = 1e8 - 1, small = 1 - 0.1;
    long double mae = (big + small) / 2 * N, mse = (big * big + small * small) / 2 * N;
    lt_regression_metrics m[3];
    for (int t = 1; t <= 3; t++) {
        omp_set_num_threads(t);
        compute(y, yhat, N, &m[t - 1], "10^6 rows");
    }
    omp_set_num_threads(2);
    /* a plain double sum is off by ~1e-11 relative here */
    is_num(m[0].mae, (double)(mae / N), 2.3e-16 * (double)(mae / N), "10^6 rows: MAE to 1 ulp");
    is_num(m[0].mse, (double)(mse / N), 4.5e-16 * (double)(mse / N),
           "10^6 rows: MSE to 2 ulp (the squares are rounded)");
    ok(memcmp(&m[0], &m[1], sizeof m[0]) == 0 && memcmp(&m[1], &m[2], sizeof m[0]) == 0,
       "10^6 rows: the same metrics on 1, 2, 3 threads");
    is_num(m[0].median_ae, (0.9 + (1e8 - 1)) / 2, 1.5e-8, "10^6 rows: median AE the mean of "
           "the middle pair");
    free(y);
    free(yhat);
}

static void test_errors(void)
{
    lt_regression_metrics m;
    double y[] = { 1, 2, 3 }, h[] = { 1, NAN, 3 }, inf[] = { 1, 2, -INFINITY };
    int rc = lt_regression_metrics_compute(y, h, 3, &m);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 2") && strstr(lt_errmsg(), "predicted"),
       "NaN prediction: %s", lt_errmsg());
    rc = lt_regression_metrics_compute(inf, y, 3, &m);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 3") && strstr(lt_errmsg(), "actual") &&
       strstr(lt_errmsg(), "-inf"), "-Inf actual value: %s", lt_errmsg());
    rc = lt_regression_metrics_compute(y, y, 0, &m);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "n = 0"), "n = 0: %s", lt_errmsg());

    /* the first bad row of a large input */
    enum { N = 100000 };
    double *a = malloc(N * sizeof *a);
    for (int i = 0; i < N; i++)
        a[i] = i;
    a[90000] = NAN;
    a[70001] = INFINITY;
    rc = lt_regression_metrics_compute(a, a, N, &m);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 70002 "), "first bad row of %d: %s", N,
       lt_errmsg());
    free(a);
}

int main(void)
{
    test_by_hand();
    test_constant();
    test_zeros();
    test_extremes();
    test_compensated();
    test_errors();
    return tap_done();
}
