/* Resampling plans for cross-validation: which rows each fold tests.
 *
 * A plan assigns every row, in each repeat, the fold whose test set it
 * belongs to (time-series plans differ: see below).  Plans are
 * reproducible: the same inputs and seed give the same folds on every
 * platform and thread count (core/rng.h). */
#ifndef LT_FOLDS_H
#define LT_FOLDS_H

#include <stdint.h>

#include "column.h"

/* k-fold assignment of n rows: fold[r * n + i] (room for repeats * n) is
 * the fold 0..k-1 of row i in repeat r.  Each repeat shuffles with its own
 * generator (seed, r).
 *   - plain (strata and groups NULL): the rows are shuffled and dealt
 *     into k folds of sizes differing by at most one (the first n % k
 *     folds get the extra row, as sklearn's KFold);
 *   - stratified (strata, a column of n values of any type; missing is a
 *     stratum): each stratum's rows are shuffled, then the strata, in the
 *     order of their first row, are dealt round-robin into the folds with
 *     one fold counter running through all of them, so every fold holds
 *     each stratum's share to within one row and fold sizes differ by at
 *     most one;
 *   - grouped (groups, a column of n values; missing is a group): no
 *     group is split; groups, in shuffled order, go largest first to the
 *     fold with the fewest rows so far (the lowest fold on ties), as
 *     sklearn's GroupKFold balances them.
 * strata and groups together are LT_EINVAL.  Errors: k < 2, k > n
 * ("k = 10 folds need at least 10 rows; the frame has 7"), k greater than
 * the number of groups, repeats < 1, a column of the wrong length. */
int lt_folds_assign(int64_t n, int k, int repeats, const lt_col *strata,
                    const lt_col *groups, uint64_t seed, int32_t *fold);

/* Time-series splits of n rows in time order, as sklearn's
 * TimeSeriesSplit: k splits; test sets of `test_size` rows (0 means
 * n / (k + 1)) ending at the last row, the j-th test set starting at
 * n - (k - j) * test_size; the training set of split j is every row before
 * its test set minus the `gap` rows just before it, and at most
 * `max_train` rows (0 = no limit), the latest ones (an expanding window,
 * or a sliding one with max_train).  train_lo/train_hi/test_lo/test_hi
 * (room for k) receive half-open row ranges.  LT_EINVAL when k < 2 or the
 * splits do not fit ("5 splits of 100 test rows need more than 500 rows;
 * the frame has 300"), naming the numbers. */
int lt_folds_time(int64_t n, int k, int64_t test_size, int64_t gap, int64_t max_train,
                  int64_t *train_lo, int64_t *train_hi, int64_t *test_lo,
                  int64_t *test_hi);

#endif
