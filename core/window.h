/* Window functions of expressions: lag, lead, diff, running totals,
 * ranks, rolling windows and the exponentially weighted mean.
 *
 * They are LT_FN_WINDOW functions of the table lt_window_fns (fn.h): one
 * value per row, computed along each group in row order (over all rows
 * when ungrouped).  Parameters (k, width, method, alpha) are one-value
 * columns; a time column to window on has one value per row.
 *
 * The values are pandas' (1.5, the reference), function by function:
 *   lag(x, k), lead(x, k)   Series.shift(k) / shift(-k) per group; k may be
 *                           0 or negative (the other direction); the rows
 *                           shifted in are missing.  Any type.
 *   diff(x, k)              x - lag(x, k), with the arithmetic of ops.h:
 *                           i64 stays i64 (missing on overflow), bool
 *                           gives i64 (pandas: xor of bools), f64 stays f64.
 *   cumsum, cumprod         running sum / product skipping missing values
 *                           (which stay missing at their rows).  f64 sums
 *                           are Kahan-compensated as pandas' groupby
 *                           cumsum; i64 and bool give exact i64 and an
 *                           overflow is LT_ERANGE.
 *   cummax, cummin          running extremes, missing skipped; the type
 *                           is kept (f64, i64, bool, time).
 *   rank(x, method)         pandas' rank(method, na_option = "keep"):
 *                           "average" (default) gives f64 (tied rows get
 *                           the mean of their positions), "min", "max",
 *                           "dense", "first" give i64, as R's rank does;
 *                           missing stays missing.  Numbers, times, bools
 *                           and strings (byte order) rank.
 *   row_number()            1, 2, ... n along the group (i64).
 *                           row_number(x) is dplyr's: rank(x, "first").
 *   rolling_sum/mean/std/min/max(x, width [, on])
 *                           width a row count: the `width` rows ending at
 *                           the row, missing until the window is full or
 *                           when it holds a missing value (pandas'
 *                           rolling(width), min_periods = width).  width
 *                           a duration ("90s", "30m", "12h", "7d", "2w";
 *                           also "min", "ms"): the rows whose time in the
 *                           time column `on` lies in (t - width, t], rows
 *                           with the same time as a later row included
 *                           only up to the row itself, missing values
 *                           skipped, missing when none is left (pandas'
 *                           rolling("7D", on = ...), min_periods = 1).
 *                           `on` must be ascending within each group and
 *                           never missing.  std divides by n - 1.  The
 *                           sums are pandas' Kahan add/remove, the
 *                           variance its Welford add/remove, with its
 *                           exact-value rule for windows of one repeated
 *                           value, so results agree with pandas to the
 *                           last bit or within a few ulps.  i64/bool
 *                           rolling_sum gives an exact i64; rolling_min/
 *                           max keep the type.
 *   ewm_mean(x, alpha)      pandas' ewm(alpha, adjust = True,
 *                           ignore_na = False).mean(): a missing value
 *                           keeps the previous mean (but still ages the
 *                           weights).  alpha in (0, 1].
 *
 * Infinities are values (the column contract), where pandas' rolling and
 * ewm treat them as missing and its groupby cumsum turns everything after
 * one into NaN: a window or running sum holding +Inf is +Inf (NaN with
 * -Inf too), a variance holding one is NaN, extremes and ranks order
 * them.
 *
 * Results never depend on the thread count: groups run in parallel, each
 * sequentially. */
#ifndef LT_WINDOW_H
#define LT_WINDOW_H

#include <stddef.h>
#include <stdint.h>

/* Parse a duration: a positive whole count and a unit, w d h m min s ms
 * (any case; "m" is minutes), such as "7d", "12h" or "90s", into
 * microseconds.  0, or LT_EINVAL with a message naming s. */
int lt_window_parse_duration(const char *s, size_t len, int64_t *us);

#endif
