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
 * strings (byte order), times with times; mixing kinds is LT_ETYPE.
 *
 * Details (additions to the contract above):
 * - Every function returns a new column (one reference, the caller's) or
 *   NULL with lt_errmsg; a result equal to the input (astype to the same
 *   type, round of i64 with digits >= 0, fill_na with nothing to fill)
 *   may be a new reference to the input itself.
 * - Arithmetic, neg, math: str and time operands are LT_ETYPE (convert a
 *   time with lt_col_astype(t, LT_I64) to compute on microseconds).
 * - ^ gives a missing value when an operand is missing, even where R and
 *   IEEE give NA^0 = 1^NA = 1.  Integer / and ^ follow IEEE on doubles.
 * - i64 compared with f64 is exact (no rounding above 2^53); bool compares
 *   as 0/1 with numbers.  Strings on one dictionary compare by code for
 *   == and ~=; otherwise each distinct string is ranked once (O(n +
 *   dictionary)), so columns on different dictionaries compare by text.
 * - neg(a) is -1 * a: -0.0 for 0.0, missing for -INT64_MIN; bool gives i64.
 * - Big columns split across OpenMP threads with a static schedule;
 *   results never depend on the thread count. */
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
 * as R does and keeps i64 unchanged.
 * Details: round of f64 is R 4.x's round() (nmath/fround.c): the nearer of
 * the two decimal candidates as the doubles stand, so round(0.15, 1) is
 * 0.1 and round(2.5) is 2; digits may be negative (round(1234.5, -2) is
 * 1200).  i64 with digits < 0 is rounded exactly to a multiple of
 * 10^-digits, half to even, and stays i64 (missing on overflow).  abs of
 * INT64_MIN is missing.  abs and round of bool give i64. */
lt_col *lt_col_math(const lt_col *a, lt_math fn, int digits);

/* A bool column, true where a is missing (never missing itself). */
lt_col *lt_col_is_na_col(const lt_col *a);
/* a with missing values replaced by the length-1 column `value`, which
 * must have a compatible type (numbers for numbers, str for str ...).
 * Details: numbers promote bool < i64 < f64 (i64 filled with f64 gives
 * f64, whether or not a value was missing); a time filled with a datetime
 * becomes a datetime; a missing `value` leaves the values as they are.  A
 * str result shares a's dictionary when it holds the string, else uses a
 * copy of it with the string added.  LT_ELENGTH when value->n != 1,
 * LT_ETYPE ("fill_na: cannot fill a str column with a f64 value"). */
lt_col *lt_col_fill_na(const lt_col *a, const lt_col *value);
/* Convert to another type.  Numbers <-> numbers (f64 -> i64 truncates
 * toward zero; non-integral or out-of-range values are LT_EINVAL unless
 * `lenient`, which makes them missing), anything -> str (as printed),
 * str -> numbers/bool/time by parsing (unparsable: LT_EINVAL naming the
 * first bad value, or missing when `lenient`).
 * Details:
 * - f64 -> i64 (and -> time): a fraction is LT_EINVAL, or truncated toward
 *   zero when lenient; a value outside int64 (or +-Inf) is LT_EINVAL, or
 *   missing when lenient.  Messages name the value and its 1-based row:
 *   "astype: 2.5 (row 2) is not a whole number; use the lenient option to
 *   truncate it".
 * - numbers -> bool: 0 is false, anything else true (as R's as.logical).
 * - time <-> i64/f64: microseconds since 1970-01-01 (numbers give a
 *   datetime column); bool <-> time is LT_ETYPE.
 * - str -> other types parse as read_csv reads a field of that type: outer
 *   spaces/tabs ignored; "", "NA", "N/A", "null", "NaN" are missing;
 *   numbers through lt_num_parse_i64/f64 (core/numparse.h: ints, decimals,
 *   exponents, Inf, nan = missing); i64 also takes integral decimals such
 *   as "1e3"; bool takes true/false/yes/no in any case and 1/0; time takes
 *   ISO 8601 (lt_time_parse) and gives a date column when every value is a
 *   date, else a datetime column.  Each distinct string is parsed once.
 * - anything -> str, as the printer shows values: integers plainly,
 *   doubles with %.15g or %.17g when 15 digits do not read back to the same
 *   double (0.1, 0.30000000000000004), -0 as 0, Inf and -Inf, true/false,
 *   times as lt_time_format; missing stays missing. */
lt_col *lt_col_astype(const lt_col *a, lt_type to, bool lenient);

#endif
