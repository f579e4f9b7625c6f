/* Random rows of a frame: sampling and train/test splits.
 *
 * Both are reproducible: the same frame, arguments and seed give the same
 * rows on every platform and thread count (core/rng.h drives every draw).
 *
 * Row counts from fractions are round(frac * n) computed in double and
 * rounded to the nearest integer, halves to even (as R's round and
 * Python's round, which pandas' sample uses): 0.5 * 5 = 2.5 gives 2. */
#ifndef LT_SAMPLE_H
#define LT_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"

/* n random rows of f, in the order they were drawn (as pandas' sample and
 * dplyr's slice_sample return them); when n < 0, round(frac * f->nrow)
 * rows instead.
 * Without replacement every row appears at most once: the first n steps of
 * a Fisher-Yates shuffle of the row numbers 0..nrow-1 (step i swaps entry
 * i with entry i + lt_rng_below(nrow - i)).  With replacement each row is
 * lt_rng_below(nrow).
 * Errors (LT_EINVAL): n > nrow without replacement ("cannot sample 5 rows
 * from 3 without replacement"), n > 0 from a frame of no rows (even with
 * replacement), frac NaN, negative, or above 1 without replacement.  0
 * rows (of any frame, an empty one included) is an empty frame with f's
 * columns. */
lt_frame *lt_frame_sample(const lt_frame *f, int64_t n, double frac, bool replace,
                          uint64_t seed);

/* Split f's rows into *train and *test (new frames, both keeping f's row
 * order; every row in exactly one of them).  Returns 0, or a negative
 * LT_E* code with *train and *test NULL.
 *
 * Without strat_col: train gets k = round(frac * n) rows, clamped to
 * [1, n - 1] when n >= 2 so that neither side is empty; the rows are the
 * first k of a Fisher-Yates shuffle of 0..n-1 (as lt_frame_sample).
 *
 * With strat_col (a column name of f, any type; missing values form a
 * stratum of their own): strata are taken in the order of their first
 * row, and each stratum of n_s rows gives k_s = round(frac * n_s) rows to
 * train, clamped to [1, n_s - 1] when n_s >= 2 (a stratum of 1 row goes
 * to train when round(frac) = 1, i.e. frac > 0.5).  Each stratum draws its
 * rows as above, from its row numbers in frame order, one generator
 * running through the strata in turn.  The proportions of every stratum
 * are thus kept as closely as rounding allows, but the train size is the
 * sum of the per-stratum roundings and may differ from round(frac * n) by
 * up to about half the number of strata; scikit-learn's
 * train_test_split(stratify=) instead fixes the total first and shares it
 * out by largest remainders.  f64 strata compare by value (-0 equals 0).
 *
 * Errors: frac not strictly between 0 and 1 (LT_EINVAL), f without rows
 * (LT_EINVAL: "cannot split a frame of no rows"), strat_col not a column
 * of f (LT_EINVAL, with a "did you mean" suggestion). */
int lt_frame_split(const lt_frame *f, double frac, const char *strat_col, uint64_t seed,
                   lt_frame **train, lt_frame **test);

#endif
