/* filter, mutate and agg: expressions evaluated against a frame (see
 * verbs.h). */
#include "verbs.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

static const lt_fn_ctx *ungrouped(const lt_frame *f, lt_fn_ctx *buf)
{
    *buf = (lt_fn_ctx){f->nrow, 1, NULL, NULL, NULL};
    return buf;
}

lt_frame *lt_frame_filter_mask(const lt_frame *f, const lt_col *mask)
{
    if (mask->type != LT_BOOL || mask->n != f->nrow) {
        lt_seterr(LT_EINVAL, "filter: the mask is %lld %s values; expected %lld bool values",
                  (long long)mask->n, lt_type_name(mask->type), (long long)f->nrow);
        return NULL;
    }
    const uint8_t *m = lt_col_bool(mask);
    int64_t keep = 0;
    for (int64_t i = 0; i < f->nrow; i++)
        keep += m[i];   /* a missing slot holds 0 */
    int64_t *idx = malloc((size_t)(keep ? keep : 1) * sizeof *idx);
    if (!idx) {
        lt_nomem();
        return NULL;
    }
    for (int64_t i = 0, k = 0; i < f->nrow; i++)
        if (m[i])
            idx[k++] = i;
    lt_frame *r = lt_frame_take(f, idx, keep);
    free(idx);
    return r;
}

lt_frame *lt_frame_filter(const lt_frame *f, const lt_expr *cond, const lt_fn_ctx *ctx)
{
    lt_fn_ctx buf;
    lt_col *mask = lt_expr_eval(cond, f, ctx ? ctx : ungrouped(f, &buf), LT_LEVEL_ROW);
    if (!mask)
        return NULL;
    lt_frame *r = NULL;
    if (mask->type != LT_BOOL) {
        char *text = lt_expr_format(cond);
        lt_seterr(LT_ETYPE, "%s gives %s; expected a bool condition", text ? text : "?",
                  lt_type_name(mask->type));
        free(text);
    } else {
        r = lt_frame_filter_mask(f, mask);
    }
    lt_col_unref(mask);
    return r;
}

/* The first name repeated in names[0..n), or NULL. */
static const char *repeated(const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return names[i];
    return NULL;
}

/* exprs evaluated at `level` into cols[] (new references); 0 or a code
 * (cols released). */
static int eval_all(const lt_frame *f, lt_expr *const *exprs, int n, const lt_fn_ctx *ctx,
                    lt_level level, lt_col **cols)
{
    for (int k = 0; k < n; k++) {
        if (!(cols[k] = lt_expr_eval(exprs[k], f, ctx, level))) {
            int code = lt_errcode();
            while (k--) {
                lt_col_unref(cols[k]);
                cols[k] = NULL;
            }
            return code;
        }
    }
    return 0;
}

lt_frame *lt_frame_mutate(const lt_frame *f, const char *const *names,
                          lt_expr *const *exprs, int n, const lt_fn_ctx *ctx)
{
    const char *dup = repeated(names, n);
    if (dup) {
        lt_seterr(LT_EINVAL, "mutate: the name '%s' is given twice", dup);
        return NULL;
    }
    lt_fn_ctx buf;
    lt_col **cols = calloc((size_t)(n ? n : 1), sizeof *cols);
    lt_frame *r = lt_frame_new();
    if (!cols || !r) {
        if (r)
            lt_nomem();
        goto fail;
    }
    if (eval_all(f, exprs, n, ctx ? ctx : ungrouped(f, &buf), LT_LEVEL_ROW, cols) < 0) {
        free(cols);
        cols = NULL;
        goto fail;
    }
    int status = 0;
    for (int i = 0; i < f->ncol && status == 0; i++) {
        int k = 0;
        while (k < n && strcmp(names[k], f->names[i]) != 0)
            k++;
        status = lt_frame_add(r, f->names[i], k < n ? cols[k] : f->cols[i]);
    }
    for (int k = 0; k < n && status == 0; k++)
        if (lt_frame_index(f, names[k]) < 0)
            status = lt_frame_add(r, names[k], cols[k]);
    if (f->ncol == 0)
        r->nrow = f->nrow;
    for (int k = 0; k < n; k++)
        lt_col_unref(cols[k]);
    free(cols);
    if (status == 0)
        return r;
    cols = NULL;
fail:
    free(cols);
    lt_frame_free(r);
    return NULL;
}

lt_frame *lt_frame_agg(const lt_frame *f, const lt_groups *g, const int *keys, int nkeys,
                       const char *const *names, lt_expr *const *exprs, int n)
{
    const char *dup = repeated(names, n);
    if (dup) {
        lt_seterr(LT_EINVAL, "agg: the name '%s' is given twice", dup);
        return NULL;
    }
    for (int k = 0; k < n; k++)
        for (int j = 0; j < nkeys; j++)
            if (strcmp(names[k], f->names[keys[j]]) == 0) {
                lt_seterr(LT_EINVAL, "agg: the name '%s' is a group key; choose another",
                          names[k]);
                return NULL;
            }
    lt_fn_ctx ctx = {f->nrow, 1, NULL, NULL, NULL};
    if (g)
        lt_groups_ctx(g, &ctx);
    lt_col **cols = calloc((size_t)(n + nkeys ? n + nkeys : 1), sizeof *cols);
    lt_frame *r = lt_frame_new();
    int status = !cols || !r ? lt_nomem() : 0;
    for (int j = 0; j < nkeys && status == 0; j++)
        if (!(cols[j] = lt_col_take(f->cols[keys[j]], g->first, g->ngroups)))
            status = lt_errcode();
    if (status == 0)
        status = eval_all(f, exprs, n, &ctx, LT_LEVEL_GROUP, cols + nkeys);
    for (int k = 0; k < nkeys + n && status == 0; k++)
        status = lt_frame_add(r, k < nkeys ? f->names[keys[k]] : names[k - nkeys], cols[k]);
    if (r && status == 0 && nkeys + n == 0)
        r->nrow = ctx.ngroups;
    for (int k = 0; cols && k < nkeys + n; k++)
        lt_col_unref(cols[k]);
    free(cols);
    if (status < 0) {
        lt_frame_free(r);
        return NULL;
    }
    return r;
}
