/* Reductions and tallies over one column.
 *
 * Numeric reductions accept f64, i64 and bool (and time for min/max/median
 * /quantile, whose results are microseconds).  With na_rm, missing values
 * are skipped (pandas' default); without it, any missing value makes the
 * result NaN (R's default).  An empty input (after removing missing
 * values) gives NaN, except sum (0) and count.  Sums and means accumulate
 * in long double with R's second pass for the mean, so results agree with
 * R to the last digit.  var and std use n - 1 (NaN for fewer than 2). */
#ifndef LT_REDUCE_H
#define LT_REDUCE_H

#include "column.h"
#include "frame.h"

typedef enum lt_reduce {
    LT_SUM, LT_MEAN, LT_VAR, LT_STD, LT_MIN, LT_MAX, LT_MEDIAN
} lt_reduce;

/* 0, or LT_ETYPE for a column that the reduction does not accept. */
int lt_col_reduce(const lt_col *c, lt_reduce op, bool na_rm, double *out);

/* Quantiles at probs[0..np) (each in [0, 1]) by R's type 7 / numpy's
 * "linear" interpolation.  0, LT_ETYPE or LT_EINVAL. */
int lt_col_quantile(const lt_col *c, const double *probs, int np, bool na_rm,
                    double *out);

/* Number of distinct values; missing counts as one value when present and
 * count_na is set. */
int64_t lt_col_n_unique(const lt_col *c, bool count_na);

/* Distinct values in order of first appearance (missing included once, at
 * its first position). */
lt_col *lt_col_unique(const lt_col *c);

/* Value counts: a frame with columns `value` (c's type) and `n` (i64),
 * sorted by n descending, ties in order of first appearance; missing
 * values form a row of their own unless dropna. */
lt_frame *lt_col_counts(const lt_col *c, bool dropna);

#endif
