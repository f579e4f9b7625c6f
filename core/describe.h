/* Summary statistics of every column of a frame. */
#ifndef LT_DESCRIBE_H
#define LT_DESCRIBE_H

#include "frame.h"

/* One row per column of f, with columns
 *   column (str), type (str), count (i64, non-missing), missing (i64),
 *   mean, std, min, q25, median, q75, max (f64; numbers and bool;
 *   missing for str and time, whose min and max are not numbers: the
 *   column's min/max/quantile give them as times),
 *   unique (i64), top (str), freq (i64) (str, bool and time — top as ISO
 *   text; missing for numbers).
 * Quantiles as lt_col_quantile.
 *
 * Details (additions to the contract above): `type` is lt_type_name(),
 * except "date" or "datetime" for time columns.  mean/std/min/quartiles/
 * max skip missing values (lt_col_summary); mean is R's mean (integer
 * columns without the second pass), std is R's sd.  `unique` counts
 * distinct non-missing values (0 when all are missing); `top` is the most
 * frequent one ("true"/"false" for bool), ties going to the value that
 * appears first in the column, and `freq` its count; both are missing when
 * the column has no value. */
lt_frame *lt_frame_describe(const lt_frame *f);

#endif
