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

/* 0, or LT_ETYPE for a column that the reduction does not accept (str;
 * time for sum, mean, var and std).  Results are doubles, so i64 values
 * beyond 2^53 come back rounded.  Integer (i64, bool) means are R's
 * sum / n without the second pass, as R does for integer vectors. */
int lt_col_reduce(const lt_col *c, lt_reduce op, bool na_rm, double *out);

/* Exact sum, min or max of an i64, bool or time column, as an int64
 * (through lt_col_reduce, values beyond 2^53 would round).  *present is
 * false when the result is missing (no value; or a missing value and not
 * na_rm); an empty sum is 0.  0, LT_ETYPE (another type or reduction), or
 * LT_ERANGE when the sum overflows int64. */
int lt_col_reduce_i64(const lt_col *c, lt_reduce op, bool na_rm, int64_t *out,
                      bool *present);

/* Quantiles at probs[0..np) (each in [0, 1]) by R's type 7 / numpy's
 * "linear" interpolation.  0, LT_ETYPE or LT_EINVAL. */
int lt_col_quantile(const lt_col *c, const double *probs, int np, bool na_rm,
                    double *out);

/* Number of distinct values; missing counts as one value when present and
 * count_na is set.  For f64, -0.0 and 0.0 are one value.  LT_ENOMEM (< 0)
 * on allocation failure. */
int64_t lt_col_n_unique(const lt_col *c, bool count_na);

/* Distinct values in order of first appearance (missing included once, at
 * its first position). */
lt_col *lt_col_unique(const lt_col *c);

/* Value counts: a frame with columns `value` (c's type) and `n` (i64),
 * sorted by n descending, ties in order of first appearance; missing
 * values form a row of their own unless dropna. */
lt_frame *lt_col_counts(const lt_col *c, bool dropna);

/* ---- additions for describe (also usable on their own) ---------------- */

/* The summary that lt_frame_describe shows of a numeric, bool or time
 * column, over its non-missing values, in one call (one copy of the
 * values, three passes and one selection): count; mean and std as
 * lt_col_reduce with na_rm (computed for time too, in microseconds); min,
 * max; and the quantiles at probs[0..np) into q (as lt_col_quantile; q may
 * be NULL when np is 0).  With no values, every statistic is NaN (std also
 * with one).  0, LT_ETYPE (str), LT_EINVAL (a prob outside [0, 1]) or
 * LT_ENOMEM. */
typedef struct lt_summary {
    int64_t count;
    double mean, std, min, max;
} lt_summary;
int lt_col_summary(const lt_col *c, const double *probs, int np, lt_summary *s,
                   double *q);

/* The most frequent non-missing value of any column: *row gets the row of
 * its first appearance and *freq its count; ties go to the value that
 * appears first.  All missing (or empty): *row = -1, *freq = 0.  Returns
 * the number of distinct non-missing values, or LT_ENOMEM. */
int64_t lt_col_top(const lt_col *c, int64_t *row, int64_t *freq);

#endif
