/* Evaluation of expression trees against a frame, column-at-a-time.
 *
 * Every node evaluates to a column and a level: a literal (one value,
 * broadcast by the kernels), one value per group (an aggregate) or one
 * value per row.  A function call lifts its arguments to the highest
 * level among them before calling its kernel, so mean(x) inside a
 * row-level expression is repeated over the rows of each group. */
#include "expr.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

typedef enum level { LV_SCALAR, LV_GROUP, LV_ROW } level;

typedef struct val {
    lt_col *c;
    level lv;
} val;

typedef struct evaluator {
    const lt_frame *f;
    const lt_fn_ctx *ctx;
    int64_t *gidx;   /* the group of each row as int64 (for lt_col_take), lazily */
} evaluator;

/* Set "<expression>: <current message>", keeping the code. */
static void blame(const lt_expr *e)
{
    int code = lt_errcode();
    char *msg = strdup(lt_errmsg());
    char *text = lt_expr_format(e);
    if (msg && text)
        lt_seterr(code, "%s: %s", text, msg);
    free(msg);
    free(text);
}

/* c (one value) repeated n times. */
static lt_col *repeat(const lt_col *c, int64_t n)
{
    int64_t *idx = calloc((size_t)(n ? n : 1), sizeof *idx);
    if (!idx) {
        lt_nomem();
        return NULL;
    }
    lt_col *r = lt_col_take(c, idx, n);
    free(idx);
    return r;
}

/* v lifted to level `to` (v's column is replaced; the old one released). */
static int lift(evaluator *ev, val *v, level to)
{
    if (v->lv >= to)
        return 0;
    const lt_fn_ctx *ctx = ev->ctx;
    lt_col *r;
    if (to == LV_GROUP) {
        r = repeat(v->c, ctx->ngroups);
    } else if (v->lv == LV_SCALAR || !ctx->gid) {
        r = repeat(v->c, ctx->nrow);
    } else {
        if (!ev->gidx) {
            if (!(ev->gidx = malloc((size_t)(ctx->nrow ? ctx->nrow : 1) * sizeof *ev->gidx)))
                return lt_nomem();
            for (int64_t i = 0; i < ctx->nrow; i++)
                ev->gidx[i] = ctx->gid[i];
        }
        r = lt_col_take(v->c, ev->gidx, ctx->nrow);
    }
    if (!r)
        return lt_errcode();
    lt_col_unref(v->c);
    v->c = r;
    v->lv = to;
    return 0;
}

static int eval_node(evaluator *ev, const lt_expr *e, val *out);

static int eval_column(evaluator *ev, const lt_expr *e, val *out)
{
    lt_col *c = lt_frame_col(ev->f, e->name);
    if (!c) {
        const char *near = lt_frame_suggest(ev->f, e->name);
        if (near)
            return lt_seterr(LT_EINVAL, "column '%s' not found (did you mean '%s'?)",
                             e->name, near);
        return lt_seterr(LT_EINVAL, "column '%s' not found", e->name);
    }
    out->c = lt_col_ref(c);
    out->lv = LV_ROW;
    return 0;
}

/* The arguments of a call, lifted as its kind requires. */
static int prepare_args(evaluator *ev, const lt_expr *e, val *args)
{
    level top = LV_SCALAR;
    for (int k = 0; k < e->nargs; k++)
        if (args[k].lv > top)
            top = args[k].lv;
    switch (e->fn->kind) {
    case LT_FN_MAP:
        for (int k = 0; k < e->nargs; k++)
            if (args[k].lv == LV_GROUP && top == LV_ROW && lift(ev, &args[k], LV_ROW) < 0)
                return lt_errcode();
        return 0;
    case LT_FN_AGG:
        for (int k = 1; k < e->nargs; k++)
            if (args[k].lv != LV_SCALAR)
                return lt_seterr(LT_EINVAL, "argument %d must be a single value", k + 1);
        if (e->nargs && args[0].lv == LV_GROUP)
            return lt_seterr(LT_EINVAL, "the argument is already an aggregate (one value "
                             "per group); aggregates do not nest");
        return e->nargs ? lift(ev, &args[0], LV_ROW) : 0;
    case LT_FN_WINDOW:
        for (int k = 0; k < e->nargs; k++)
            if ((k == 0 || args[k].lv == LV_GROUP) && lift(ev, &args[k], LV_ROW) < 0)
                return lt_errcode();
        return 0;
    }
    return 0;
}

static int eval_call(evaluator *ev, const lt_expr *e, val *out)
{
    val *args = calloc((size_t)(e->nargs ? e->nargs : 1), sizeof *args);
    if (!args)
        return lt_nomem();
    int status = 0;
    for (int k = 0; k < e->nargs && status == 0; k++)
        status = eval_node(ev, e->args[k], &args[k]);
    bool ours = false;   /* a failure of this node, to blame on it */
    if (status == 0) {
        ours = true;
        status = prepare_args(ev, e, args);
    }
    lt_col **cols = status == 0 ? calloc((size_t)(e->nargs ? e->nargs : 1), sizeof *cols)
                                : NULL;
    if (status == 0 && !cols)
        status = lt_nomem();
    if (status == 0) {
        level top = LV_SCALAR;
        for (int k = 0; k < e->nargs; k++) {
            cols[k] = args[k].c;
            if (args[k].lv > top)
                top = args[k].lv;
        }
        out->c = e->fn->impl(cols, e->nargs, ev->ctx);
        out->lv = e->fn->kind == LT_FN_AGG ? LV_GROUP : e->fn->kind == LT_FN_WINDOW ? LV_ROW
                                                                                   : top;
        status = out->c ? 0 : lt_errcode();
        if (status == 0 && out->lv == LV_ROW && out->c->n != ev->ctx->nrow)
            status = lt_seterr(LT_ELENGTH, "gives %lld values for %lld rows",
                               (long long)out->c->n, (long long)ev->ctx->nrow);
        if (status < 0) {
            lt_col_unref(out->c);
            out->c = NULL;
        }
    }
    if (status < 0 && ours)
        blame(e);
    for (int k = 0; k < e->nargs; k++)
        lt_col_unref(args[k].c);
    free(cols);
    free(args);
    return status;
}

static int eval_node(evaluator *ev, const lt_expr *e, val *out)
{
    out->c = NULL;
    switch (e->kind) {
    case LT_EXPR_COL:
        return eval_column(ev, e, out);
    case LT_EXPR_LIT:
        out->c = lt_col_ref(e->lit);
        out->lv = e->lit->n == ev->ctx->nrow && e->lit->n != 1 ? LV_ROW : LV_SCALAR;
        return 0;
    case LT_EXPR_CALL:
        return eval_call(ev, e, out);
    }
    return lt_seterr(LT_EINVAL, "bad expression node");
}

lt_col *lt_expr_eval(const lt_expr *e, const lt_frame *f, const lt_fn_ctx *ctx,
                     lt_level want)
{
    evaluator ev = {f, ctx, NULL};
    val v;
    int status = eval_node(&ev, e, &v);
    if (status == 0 && want == LT_LEVEL_GROUP && v.lv == LV_ROW) {
        status = lt_seterr(LT_EINVAL, "gives one value per row; expected one value per "
                           "group, from an aggregate such as mean(...) or count()");
        blame(e);
    }
    if (status == 0)
        status = lift(&ev, &v, want == LT_LEVEL_GROUP ? LV_GROUP : LV_ROW);
    free(ev.gidx);
    if (status < 0) {
        lt_col_unref(v.c);
        return NULL;
    }
    return v.c;
}
