/* Reshaping frames: long to wide (pivot_wider), wide to long
 * (pivot_longer), and two-way frequency tables (crosstab).
 *
 * The semantics follow tidyr's pivot_longer / pivot_wider and pandas'
 * crosstab, so that results agree cell by cell with pandas' melt,
 * pivot_table and crosstab (tests/reference/test_reshape.lua); where the
 * two differ, the choice is stated below.  Every function returns a new
 * frame (NULL with lt_errmsg on failure, the message starting with the
 * function's Lua name) and leaves its inputs untouched. */
#ifndef LT_RESHAPE_H
#define LT_RESHAPE_H

#include <stdbool.h>

#include "column.h"
#include "fn.h"
#include "frame.h"

/* Wide to long.  cols[0..ncols) are the columns to stack (indexes of f,
 * distinct, at least one); the other columns are the id columns, kept in
 * their order and each value repeated ncols times.  The result has
 * nrow * ncols rows, ordered by row of f, then by the order of cols
 * (tidyr's order; pandas' melt orders by column first), and columns:
 * the id columns, `names_to` (str: the stacked column's name) and
 * `values_to` (its value).
 * The stacked columns must be of one family: numbers (bool < i64 < f64,
 * the widest wins: i64 with i64 stays i64, i64 with f64 gives f64),
 * strings (one dictionary holding all their strings), or times (dates
 * with datetimes give datetimes).  Otherwise LT_ETYPE naming two columns
 * of different families.  LT_EINVAL for no column, a repeated one, an
 * empty names_to or values_to, the two equal, or one of them equal to an
 * id column's name. */
lt_frame *lt_frame_pivot_longer(const lt_frame *f, const int *cols, int ncols,
                                const char *names_to, const char *values_to);

/* Long to wide.  One row per distinct tuple of the id columns
 * id[0..nid) (in order of first appearance; missing values are a value
 * of their own), then one column per distinct value of column
 * `names_from` and per value column values[0..nvalues):
 * - new columns come in sorted key order (numbers ascending, strings by
 *   bytes, false before true), a missing key last and named "NA"; other
 *   keys are named as the printer shows them (lt_col_astype to str);
 *   with several value columns the names are "<value>_<key>", grouped by
 *   value column (tidyr's default; pandas' pivot_table columns in the
 *   same order);
 * - a cell holds the value of the one row with that id tuple and key.
 *   With agg NULL, two or more such rows are LT_EINVAL naming the id and
 *   the key and suggesting agg; with agg (an LT_FN_AGG function of fn.h,
 *   called with the value column alone), the cell is the aggregate of
 *   its rows (agg = mean is pandas' pivot_table);
 * - a cell that no row reaches is missing, or `fill` when it is given (a
 *   length-1 column; numbers promote as in lt_col_fill_na: an i64 value
 *   column filled with a f64 gives f64; a str fill of a number column is
 *   LT_ETYPE).  fill does not replace a missing value present in the
 *   data or produced by agg (tidyr's values_fill; pandas' fill_value
 *   replaces both).
 * With nid = 0 the result has one row (none when f has no rows).
 * LT_EINVAL when names_from is also an id or value column, a value column
 * is also an id column, a new column name equals an id column's name or
 * another new name, or the table would exceed 2^31 - 1 cells. */
lt_frame *lt_frame_pivot_wider(const lt_frame *f, const int *id, int nid, int names_from,
                               const int *values, int nvalues, const lt_fn *agg,
                               const lt_col *fill);

typedef enum lt_crosstab_norm {
    LT_NORM_NONE,     /* counts (i64) */
    LT_NORM_ALL,      /* each count over the grand total (f64) */
    LT_NORM_INDEX,    /* each count over its row's total */
    LT_NORM_COLUMNS   /* each count over its column's total */
} lt_crosstab_norm;

/* Two-way table of counts of the pairs (a[i], b[i]), as pandas'
 * crosstab.  Rows: the distinct values of a in sorted order, in a first
 * column named `name` of a's type; then one column per distinct value of
 * b in sorted order, named as the printer shows the value.  Pairs with a
 * missing value are left out (pandas' dropna = True).  Counts are i64;
 * normalized shares f64 (NaN where the total is 0).
 * margins adds a last row and a last column named "All" (pandas' name)
 * holding the row and column totals (the first column becomes str to hold
 * "All"); with normalize, as pandas: ALL keeps both margins (shares of
 * the grand total), INDEX keeps only the "All" row (the column totals'
 * shares) and COLUMNS only the "All" column.
 * LT_ELENGTH when a and b differ in length; LT_EINVAL when a value of b
 * names a column like the first one or "All" (with margins). */
lt_frame *lt_crosstab(const lt_col *a, const lt_col *b, const char *name, bool margins,
                      lt_crosstab_norm normalize);

#endif
