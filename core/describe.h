/* Summary statistics of every column of a frame. */
#ifndef LT_DESCRIBE_H
#define LT_DESCRIBE_H

#include "frame.h"

/* One row per column of f, with columns
 *   column (str), type (str), count (i64, non-missing), missing (i64),
 *   mean, std, min, q25, median, q75, max (f64; numbers, bool and time;
 *   missing for str — time values as microseconds),
 *   unique (i64), top (str), freq (i64) (str and bool; missing otherwise).
 * Quantiles as lt_col_quantile. */
lt_frame *lt_frame_describe(const lt_frame *f);

#endif
