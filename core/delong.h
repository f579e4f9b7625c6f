/* DeLong's method: the variance of the AUC without resampling, its
 * confidence interval, and the test of two AUCs measured on the same rows.
 *
 * DeLong, DeLong and Clarke-Pearson (1988), "Comparing the areas under two
 * or more correlated receiver operating characteristic curves: a
 * nonparametric approach", Biometrics 44(3).  For each positive row i the
 * placement V10_i = (negatives scored below it + 1/2 tied) / nneg, for
 * each negative j V01_j = (positives scored above it + 1/2 tied) / npos;
 * the AUC is the mean of either, and
 *   var(AUC) = var(V10) / npos + var(V01) / nneg
 * with sample variances (denominator n - 1), as pROC computes it.  The
 * placements come from walks down sorted arrays: lt_scores' two for the
 * variance, the rows in the order of each score for the paired test. */
#ifndef LT_DELONG_H
#define LT_DELONG_H

#include <stdint.h>

#include "scores.h"

/* AUC and its DeLong variance, from the rows' truth (0/1) and scores.
 * LT_EINVAL with fewer than 2 positives or 2 negatives (no variance);
 * 0 otherwise. */
int lt_delong_var(const lt_scores *s, double *auc, double *var);

/* Confidence interval at `level` (0 < level < 1): auc -+ z * sqrt(var),
 * z the normal quantile, clipped to [0, 1] (pROC's ci.auc(method =
 * "delong")). */
int lt_delong_ci(const lt_scores *s, double level, double *lo, double *hi);

typedef struct lt_delong_test {
    double auc1, auc2;
    double diff;        /* auc1 - auc2 */
    double se;          /* standard error of the difference */
    double z;           /* diff / se */
    double p_value;     /* two-sided, normal */
    double corr;        /* correlation of the two AUC estimates */
} lt_delong_test;

/* Paired test of two scores of the same n rows (truth 0/1, no NaN in
 * either score: the caller drops rows missing in any of them), as pROC's
 * roc.test(method = "delong", paired = TRUE):
 *   var(diff) = var1 + var2 - 2 cov,
 * cov from the covariance of the placements of the same rows.  LT_EINVAL
 * with fewer than 2 rows of a class, or when the difference has no
 * variance (identical scores: z and p are then undefined, "the two
 * scores rank the rows identically"). */
int lt_delong_compare(const uint8_t *truth, const double *score1, const double *score2,
                      int64_t n, lt_delong_test *out);

#endif
