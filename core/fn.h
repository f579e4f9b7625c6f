/* The functions of expressions.
 *
 * One table of named column functions serves the expression trees
 * (expr.h), the string parser, and the Lua bindings, which offer every
 * function as a method of expressions (col"x":lower()) and of columns
 * (churn.contract:lower()).  Each module that implements functions
 * exports an array of lt_fn ending with a NULL name; fn.c lists the
 * arrays, so lt_fn_find sees them all.
 *
 * Three kinds:
 *   LT_FN_MAP     element-wise.  Arguments have ctx->nrow values or one
 *                 value (broadcast); the result has the length of the
 *                 longest.  A function may take an argument of another
 *                 length when it says so (is_in's set of values).
 *   LT_FN_AGG     one value per group.  args[0] has ctx->nrow values (it
 *                 is absent for count()); further arguments are
 *                 one-value parameters (quantile's q).  The result has
 *                 ctx->ngroups values, in group order.  Missing values
 *                 are skipped (pandas, Polars and SQL do so).
 *   LT_FN_WINDOW  one value per row, computed along each group in row
 *                 order.  args[0] has ctx->nrow values; parameters have
 *                 one value, except a time column to window on, which
 *                 has ctx->nrow values.  The result has ctx->nrow values.
 *
 * An implementation returns a new column (one reference, the caller's) or
 * NULL with lt_errmsg set to what was wrong, without naming the function
 * or the expression ("cannot compare i64 with str", "expected a str
 * column, got i64", "q = 1.5 is outside [0, 1]"): the evaluator prefixes
 * the expression as the user wrote it.  Implementations never modify
 * their arguments. */
#ifndef LT_FN_H
#define LT_FN_H

#include <stdint.h>

#include "column.h"

/* The rows and groups a function runs over.  Ungrouped: ngroups is 1 and
 * gid, start and order are NULL (the one group is rows 0..nrow-1, also
 * when nrow is 0).  Grouped: gid[i] in [0, ngroups) is the group of row
 * i, and the rows of group g in row order are order[start[g]] ..
 * order[start[g+1] - 1]; a grouped frame of 0 rows has 0 groups. */
typedef struct lt_fn_ctx {
    int64_t nrow;
    int64_t ngroups;
    const int32_t *gid;
    const int64_t *start;
    const int64_t *order;
} lt_fn_ctx;

/* Number of rows of group g, and its k-th row. */
static inline int64_t lt_fn_group_size(const lt_fn_ctx *ctx, int64_t g)
{
    return ctx->start ? ctx->start[g + 1] - ctx->start[g] : ctx->nrow;
}
static inline int64_t lt_fn_group_row(const lt_fn_ctx *ctx, int64_t g, int64_t k)
{
    return ctx->order ? ctx->order[ctx->start[g] + k] : k;
}

typedef enum lt_fn_kind { LT_FN_MAP, LT_FN_AGG, LT_FN_WINDOW } lt_fn_kind;

typedef lt_col *(*lt_fn_impl)(lt_col *const *args, int nargs, const lt_fn_ctx *ctx);

typedef struct lt_fn {
    const char *name;     /* "mean", "lower", "add" */
    lt_fn_kind kind;
    int min_args;         /* counting the subject, args[0] */
    int max_args;         /* -1: any number */
    lt_fn_impl impl;
    const char *op;       /* infix or prefix spelling of an operator ("+",
                             "==", "and", "not") or NULL */
    int prec;             /* its Lua precedence (fn.c), 0 for functions */
    /* Help, in the form of a method of expressions and columns: */
    const char *sig;      /* "x:quantile(q)" */
    const char *summary;  /* one line, then optional lines of detail */
    const char *example;  /* Lua lines */
} lt_fn;

/* The function `name`, or NULL. */
const lt_fn *lt_fn_find(const char *name);
/* The closest function name to `name` (for "did you mean"), or NULL. */
const char *lt_fn_suggest(const char *name);
/* Walk all functions: *i starts at 0; NULL at the end. */
const lt_fn *lt_fn_next(int *i);

/* One-value parameters (lag's k, quantile's q, split_part's separator):
 * 0 and *out, or LT_EINVAL "k must be one whole number" naming `what`.
 * lt_fn_str_param returns the string (valid while c lives) or NULL. */
int lt_fn_int_param(const lt_col *c, const char *what, int64_t *out);
int lt_fn_num_param(const lt_col *c, const char *what, double *out);
const char *lt_fn_str_param(const lt_col *c, const char *what);
/* As lt_fn_str_param, but a missing string is allowed: NULL with *err
 * untouched (the function then gives missing results); anything else
 * that is not one string sets *err to LT_EINVAL and lt_errmsg. */
const char *lt_fn_str_param_na(const lt_col *c, const char *what, int *err);

/* The arrays of each module. */
extern const lt_fn lt_ops_fns[];     /* fn.c: operators, math, when, cast ... */
extern const lt_fn lt_agg_fns[];     /* agg.c */
extern const lt_fn lt_window_fns[];  /* window.c */
extern const lt_fn lt_string_fns[];  /* strings.c */
extern const lt_fn lt_date_fns[];    /* dates.c */

#endif
