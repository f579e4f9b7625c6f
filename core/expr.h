/* Expressions: trees of column references, literals and function calls
 * (fn.h), built from Lua or parsed from a string in Lua syntax, and
 * evaluated column-at-a-time against a frame.
 *
 * Trees are immutable and reference-counted, so a subtree can be shared
 * by several trees (col"x" used twice) and by Lua userdata. */
#ifndef LT_EXPR_H
#define LT_EXPR_H

#include "column.h"
#include "fn.h"
#include "frame.h"

typedef enum lt_expr_kind { LT_EXPR_COL, LT_EXPR_LIT, LT_EXPR_CALL } lt_expr_kind;

typedef struct lt_expr {
    lt_expr_kind kind;
    int refs;
    int pos;                /* 0-based byte offset in the parsed string, or -1 */
    int depth;              /* levels of calls below and including this node */
    char *name;             /* LT_EXPR_COL: the column name */
    lt_col *lit;            /* LT_EXPR_LIT: one value (broadcast), or a list
                               (is_in's set), or a whole column of the frame's
                               length (a bool column given to filter) */
    const lt_fn *fn;        /* LT_EXPR_CALL */
    int nargs;
    struct lt_expr **args;  /* LT_EXPR_CALL: nargs references */
} lt_expr;

/* Constructors: one reference, the caller's; NULL with lt_errmsg on
 * failure.  lt_expr_lit and lt_expr_call take new references to c and to
 * args (the caller keeps theirs).  lt_expr_call checks the arity:
 * LT_EINVAL "quantile takes 2 arguments (x, q), not 1", and the depth:
 * trees deeper than LT_EXPR_MAX_DEPTH (which the recursive evaluator and
 * formatter walk on the C stack) are LT_EINVAL. */
enum { LT_EXPR_MAX_DEPTH = 10000 };
lt_expr *lt_expr_col(const char *name);
lt_expr *lt_expr_lit(lt_col *c);
lt_expr *lt_expr_call(const lt_fn *fn, lt_expr *const *args, int nargs);
/* lt_expr_call of the function `name`; LT_EINVAL "unknown function 'meen'
 * (did you mean 'mean'?)" when there is none. */
lt_expr *lt_expr_call_name(const char *name, lt_expr *const *args, int nargs);

lt_expr *lt_expr_ref(lt_expr *e);
void lt_expr_unref(lt_expr *e);   /* NULL is a no-op */

/* The expression in the string syntax below, as a user would write it
 * ("tenure > 12 and contract ~= 'Month-to-month'", "mean(churn == 'Yes')"):
 * a malloc'd string, or NULL when out of memory. */
char *lt_expr_format(const lt_expr *e);

/* Parse the string form (expr_parse.c): Lua expression syntax.
 *   or and not == ~= < <= > >= .. + - * / % ^ (Lua precedence), unary -,
 *   parentheses; & | and unary ~ as and / or / not;
 *   column names as identifiers or `quoted name`;
 *   numbers (integers give i64 literals, others f64), 'strings' and
 *   "strings" with Lua escapes, true, false;
 *   x == nil / x ~= nil as is_na(x) / not is_na(x);
 *   calls f(a, b) and method calls a:f(b) of the functions of fn.h;
 *   {lit, lit, ...} lists for is_in.
 * Each node records its offset in src.  A syntax error is LT_EPARSE with a
 * message that gives the 1-based column and shows it:
 *   "syntax error at column 10: expected an expression after '>', got 'and'\n"
 *   "  tenure > and x\n"
 *   "           ^" */
lt_expr *lt_expr_parse(const char *src);

/* ---- evaluation (expr.c) ------------------------------------------------ */

/* What a result must be: one value per row of the frame, or one value
 * per group (agg). */
typedef enum lt_level { LT_LEVEL_ROW, LT_LEVEL_GROUP } lt_level;

/* Evaluate e over the rows of f, grouped as ctx says (ctx->nrow must be
 * f->nrow).  An aggregate inside a row-level expression is broadcast to
 * the rows of its group (x - mean(x)); a row-level value where `want` is
 * LT_LEVEL_GROUP is an error.  The result has f->nrow values (ROW) or
 * ctx->ngroups values (GROUP); literals are repeated to that length.
 * Errors name the expression once: "tenure > 'x': cannot compare i64 with
 * str"; an unknown column: "column 'tenur' not found (did you mean
 * 'tenure'?)". */
lt_col *lt_expr_eval(const lt_expr *e, const lt_frame *f, const lt_fn_ctx *ctx,
                     lt_level want);

#endif
