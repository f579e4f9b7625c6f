/* Eager, element-wise operations on columns.
 *
 * Binary operations take two columns of equal length, or one of length 1
 * that is broadcast (recycled) against the other; any other pair of
 * lengths is LT_ELENGTH.  Missing values propagate as in R: an operation
 * with a missing operand gives a missing result, except the three-valued
 * logic of and/or (NA & false = false, NA | true = true).
 *
 * Types: bool counts as integer in arithmetic.  i64 (op) i64 stays i64 for
 * + - * % (overflow gives a missing value, as in R) and gives f64 for / and
 * ^.  Any f64 operand gives f64.  Integer % by 0 gives missing; f64 follows
 * IEEE (x/0 = Inf).  % is the floored modulo of Lua and R (sign of the
 * divisor).  Comparisons give bool: numbers with numbers, strings with
 * strings (byte order), times with times; mixing kinds is LT_ETYPE. */
#ifndef LT_OPS_H
#define LT_OPS_H

#include "column.h"

typedef enum lt_arith { LT_ADD, LT_SUB, LT_MUL, LT_DIV, LT_MOD, LT_POW } lt_arith;
typedef enum lt_cmp { LT_EQ, LT_NE, LT_LT, LT_LE, LT_GT, LT_GE } lt_cmp;
typedef enum lt_logic { LT_AND, LT_OR } lt_logic;
typedef enum lt_math { LT_LOG, LT_EXP, LT_SQRT, LT_ABS, LT_ROUND } lt_math;

lt_col *lt_col_arith(const lt_col *a, const lt_col *b, lt_arith op);
lt_col *lt_col_neg(const lt_col *a);
lt_col *lt_col_cmp(const lt_col *a, const lt_col *b, lt_cmp op);
lt_col *lt_col_logic(const lt_col *a, const lt_col *b, lt_logic op); /* bool only */
lt_col *lt_col_not(const lt_col *a);                                 /* bool only */

/* log/exp/sqrt give f64 (log of <= 0 and sqrt of < 0 follow IEEE: -Inf,
 * NaN becomes missing); abs keeps i64; round(x, digits) rounds half to even
 * as R does and keeps i64 unchanged. */
lt_col *lt_col_math(const lt_col *a, lt_math fn, int digits);

/* A bool column, true where a is missing (never missing itself). */
lt_col *lt_col_is_na_col(const lt_col *a);
/* a with missing values replaced by the length-1 column `value`, which
 * must have a compatible type (numbers for numbers, str for str ...). */
lt_col *lt_col_fill_na(const lt_col *a, const lt_col *value);
/* Convert to another type.  Numbers <-> numbers (f64 -> i64 truncates
 * toward zero; non-integral or out-of-range values are LT_EINVAL unless
 * `lenient`, which makes them missing), anything -> str (as printed),
 * str -> numbers/bool/time by parsing (unparsable: LT_EINVAL naming the
 * first bad value, or missing when `lenient`). */
lt_col *lt_col_astype(const lt_col *a, lt_type to, bool lenient);

#endif
