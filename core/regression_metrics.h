/* Metrics of a regression: how far predictions are from the actual values.
 *
 * Definitions follow scikit-learn where it has the metric (MAE, RMSE, R2,
 * explained variance, median AE, including its "force_finite" answers for
 * a constant truth) and R's forecast/yardstick packages for the
 * percentage errors, which are given in percent:
 *   MAPE  = 100 * mean(|y - yhat| / |y|)           NaN when some y is 0
 *           (sklearn divides by max(|y|, DBL_EPSILON) instead)
 *   sMAPE = 100 * mean(|y - yhat| / ((|y| + |yhat|) / 2)),
 *           a row with y = yhat = 0 counting 0 *)
 * (*) yardstick's smape gives NaN there; a perfect prediction of 0 is
 * no error. */
#ifndef LT_REGRESSION_METRICS_H
#define LT_REGRESSION_METRICS_H

#include <stdint.h>

typedef struct lt_regression_metrics {
    int64_t n;
    int64_t nzero;             /* rows with y = 0 (why MAPE is NaN) */
    double mae, mse, rmse;
    double mape, smape;
    double r2;                 /* 1 - SS_res / SS_tot; for a constant y: 1
                                  when every prediction is exact, else 0 */
    double explained_variance; /* 1 - var(y - yhat) / var(y); for a
                                  constant y: 1 when y - yhat is constant,
                                  else 0 */
    double median_ae;          /* median of |y - yhat| */
    double max_error;          /* max |y - yhat| */
    double mean_error;         /* mean(yhat - y): the bias */
} lt_regression_metrics;

/* The metrics of n pairs (y[i], yhat[i]), all finite (the caller drops
 * missing rows; Inf or NaN is LT_EINVAL naming the row).  n = 0 is
 * LT_EINVAL.  Sums are compensated so that 10^7 rows lose no digits. */
int lt_regression_metrics_compute(const double *y, const double *yhat, int64_t n,
                                  lt_regression_metrics *out);

#endif
