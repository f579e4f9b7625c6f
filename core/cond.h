/* Conditional values and set membership: the kernels of when() and
 * is_in(), eager like ops.h (operands of one length or broadcast from
 * length 1). */
#ifndef LT_COND_H
#define LT_COND_H

#include "column.h"

/* Row i of `a` where cond[i] is true, else row i of `b`.  A missing
 * condition counts as false (SQL CASE, dplyr case_when).  The branches
 * unify as numbers (bool < i64 < f64), str (dictionaries merged) or time
 * (a datetime wins over a date); a branch that is only missing values of
 * type bool (the untyped missing value, nil in Lua) takes the other's
 * type.  LT_ETYPE: cond not bool, or branches of different kinds
 * ("branches are i64 and str"); LT_ELENGTH as ops.h. */
lt_col *lt_col_ifelse(const lt_col *cond, const lt_col *a, const lt_col *b);

/* A bool column (never missing): is row i of x one of the values of set
 * (any length)?  A missing x is in the set when the set holds a missing
 * value.  Numbers compare by value across types (exactly for i64); str
 * by text; a time with times, or with strings in ISO form.  LT_ETYPE for
 * other mixes ("cannot look for str values in a i64 column"). */
lt_col *lt_col_is_in(const lt_col *x, const lt_col *set);

#endif
