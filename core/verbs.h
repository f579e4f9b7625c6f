/* Frame verbs driven by expressions: filter, mutate, aggregate.
 *
 * Each verb evaluates its expressions against the input frame (expr.h),
 * ungrouped when ctx is NULL or grouped as ctx says, and returns a new
 * frame (NULL with lt_errmsg on failure); the input is never changed. */
#ifndef LT_VERBS_H
#define LT_VERBS_H

#include "expr.h"
#include "frame.h"
#include "group.h"

/* Rows where cond is true; a missing condition counts as false (dplyr,
 * SQL).  LT_ETYPE when cond is not bool ("filter: tenure + 1 gives i64;
 * expected a bool condition"). */
lt_frame *lt_frame_filter(const lt_frame *f, const lt_expr *cond, const lt_fn_ctx *ctx);
/* Rows where mask (bool, f->nrow values) is true, missing as false. */
lt_frame *lt_frame_filter_mask(const lt_frame *f, const lt_col *mask);

/* Columns names[k] = exprs[k], each evaluated against the input f (not
 * against the other new columns).  A name of an existing column replaces
 * it in place; other names are appended in the order given.  Duplicate
 * names are LT_EINVAL. */
lt_frame *lt_frame_mutate(const lt_frame *f, const char *const *names,
                          lt_expr *const *exprs, int n, const lt_fn_ctx *ctx);

/* One row per group of g (in g's order): the key columns keys[0..nkeys)
 * of f at each group's first row, then names[k] = exprs[k] evaluated per
 * group.  g NULL (and no keys): one row over all rows, also when there
 * are none (count() 0), as dplyr's summarise.  An output name equal to a
 * key or repeated is LT_EINVAL. */
lt_frame *lt_frame_agg(const lt_frame *f, const lt_groups *g, const int *keys, int nkeys,
                       const char *const *names, lt_expr *const *exprs, int n);

#endif
