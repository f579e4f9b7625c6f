/* Grouping: dense ids of the distinct tuples of key columns, the basis of
 * group_by, distinct and joins.
 *
 * Keys are columns of any type, all of one length.  Equal tuples get one
 * id: numbers compare by value (-0.0 and 0.0 are one value; i64 and f64
 * keys are never mixed), strings by their bytes (also across columns on
 * different dictionaries), times by their microseconds whatever their
 * kind.  A missing value is a value of its own in each key: rows missing
 * in the same keys and equal in the others form one group (every NaN is
 * the same missing value), as in dplyr, pandas (dropna=False) and
 * data.table.
 *
 * Group numbering: in order of first appearance by default; with `sorted`
 * in ascending key order, lexicographic over the keys, each key ascending
 * (numbers numerically, strings by byte order, false before true, times
 * chronologically) with missing last -- the output order of dplyr's
 * group_by and pandas' groupby. */
#ifndef LT_GROUP_H
#define LT_GROUP_H

#include <stdbool.h>
#include <stdint.h>

#include "column.h"
#include "fn.h"
#include "frame.h"

typedef struct lt_groups {
    int64_t nrow, ngroups;
    int32_t *gid;     /* nrow: group of each row */
    int64_t *first;   /* ngroups: first row of each group */
    int64_t *start;   /* ngroups + 1 offsets into order (CSR) */
    int64_t *order;   /* nrow: rows of each group, in row order within the group */
} lt_groups;

/* Groups of the rows of keys[0..nkeys) (nkeys >= 1, all of one length):
 * with `sorted` numbered in key order, else in order of first appearance.
 * 0 rows give 0 groups.  NULL with lt_errmsg on failure: LT_EINVAL for no
 * keys (lt_groups_new2 takes a row count), LT_ELENGTH for keys of
 * different lengths, LT_ERANGE when the groups do not fit int32 ids. */
lt_groups *lt_groups_new(lt_col *const *keys, int nkeys, bool sorted);

/* Flags of lt_groups_new2. */
enum {
    LT_GROUPS_SORTED = 1,   /* number groups in key order */
    LT_GROUPS_NO_ROWS = 2   /* leave start and order NULL (not needed) */
};

/* Joint groups of two tables of keys: rows 0..na-1 are the rows of
 * a[0..nkeys), rows na..na+nb-1 those of b[0..nkeys), so that equal tuples
 * in a and b get the same id (the basis of joins).  a[k] and b[k] must be
 * of one type (any two time columns go together); str keys on different
 * dictionaries compare by text.  b may be NULL when nb is 0; with nkeys 0
 * all na + nb rows form one group (none when there are no rows).  Order
 * of first appearance counts the rows of a first. */
lt_groups *lt_groups_new2(lt_col *const *a, lt_col *const *b, int nkeys, int64_t na,
                          int64_t nb, int flags);

void lt_groups_free(lt_groups *g);   /* NULL is a no-op */

/* Fill ctx so that functions of fn.h run per group of g (ctx borrows g's
 * arrays: it is valid while g lives).  Needs g's rows (start, order). */
void lt_groups_ctx(const lt_groups *g, lt_fn_ctx *ctx);

/* The first row of each distinct tuple of the columns cols[0..ncols) of f
 * (all columns when ncols is 0), with all columns, in order of first
 * appearance: pandas' drop_duplicates(), dplyr's distinct(.keep_all =
 * TRUE).  Missing values are equal to each other, as in grouping.  NULL
 * with lt_errmsg on failure (LT_EINVAL for a column index out of range). */
lt_frame *lt_frame_distinct(const lt_frame *f, const int *cols, int ncols);

#endif
