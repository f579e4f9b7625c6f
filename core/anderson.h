/* The k-sample Anderson-Darling test of Scholz and Stephens (1987), as
 * scipy.stats.anderson_ksamp (scipy 1.10, midrank = True, the default)
 * computes it: the standardised statistic, its critical values at seven
 * significance levels, and the p-value scipy interpolates from them
 * (a quadratic in the statistic fitted to log significance), capped to
 * 0.25 below the least critical value and to 0.001 above the greatest, as
 * scipy caps it (scipy warns; we flag it).  Between them the fitted curve
 * passes near, not through, the end points: an interpolated p-value can
 * be a little outside [0.001, 0.25] (0.254 at most), as in scipy. */
#ifndef LT_ANDERSON_H
#define LT_ANDERSON_H

#include <stdbool.h>
#include <stdint.h>

enum { LT_AD_NLEVEL = 7 };

/* The significance levels of the critical values: 0.25, 0.10, 0.05,
 * 0.025, 0.01, 0.005, 0.001. */
extern const double lt_ad_levels[LT_AD_NLEVEL];

typedef struct lt_ad_result {
    double statistic;                  /* standardised A2akN (midrank) */
    double critical[LT_AD_NLEVEL];     /* at lt_ad_levels */
    double p_value;                    /* about [0.001, 0.25] */
    bool capped;                       /* the p-value is a cap: the true one
                                          is below 0.001 or above 0.25 */
} lt_ad_result;

/* The test of k >= 2 samples x[0..k), sample i of n[i] >= 1 values
 * sorted ascending (no NaN; +-Inf are values).  Errors (LT_EINVAL with
 * lt_errmsg): k < 2, an empty sample, fewer than two distinct values in
 * all samples together ("anderson_ksamp: all values are equal; the test
 * needs at least two distinct values"), as scipy refuses them; fewer than
 * 4 values in all (the variance of the statistic divides by (N - 1)
 * (N - 2) (N - 3): scipy fails with N = 2 and gives NaN with N = 3); a
 * sample found out of order or holding NaN.  O(N + L k) for L distinct
 * values, one thread.  0 or an LT_E* code; LT_ENOMEM. */
int lt_anderson_ksamp(const double *const *x, const int64_t *n, int k, lt_ad_result *out);

#endif
