/* Frames: named columns of one length, shared by reference (see frame.h). */
#include "frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "suggest.h"

lt_frame *lt_frame_new(void)
{
    lt_frame *f = calloc(1, sizeof *f);
    if (!f)
        lt_nomem();
    return f;
}

void lt_frame_free(lt_frame *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->ncol; i++) {
        lt_col_unref(f->cols[i]);
        free(f->names[i]);
    }
    free(f->cols);
    free(f->names);
    free(f);
}

int lt_frame_index(const lt_frame *f, const char *name)
{
    for (int i = 0; i < f->ncol; i++)
        if (strcmp(f->names[i], name) == 0)
            return i;
    return -1;
}

lt_col *lt_frame_col(const lt_frame *f, const char *name)
{
    int i = lt_frame_index(f, name);
    return i < 0 ? NULL : f->cols[i];
}

int lt_frame_add(lt_frame *f, const char *name, lt_col *c)
{
    if (!name || !*name)
        return lt_seterr(LT_EINVAL, "a column name must not be empty");
    if (lt_frame_index(f, name) >= 0)
        return lt_seterr(LT_EINVAL, "duplicate column name '%s'", name);
    if (f->ncol > 0 && c->n != f->nrow)
        return lt_seterr(LT_ELENGTH, "column '%s' has %lld values, expected %lld (the frame's rows)",
                         name, (long long)c->n, (long long)f->nrow);
    if (f->ncol == f->cap) {
        int cap = f->cap ? f->cap * 2 : 8;
        lt_col **cols = realloc(f->cols, (size_t)cap * sizeof *cols);
        if (!cols)
            return lt_nomem();
        f->cols = cols;
        char **names = realloc(f->names, (size_t)cap * sizeof *names);
        if (!names)
            return lt_nomem();
        f->names = names;
        f->cap = cap;
    }
    char *dup = strdup(name);
    if (!dup)
        return lt_nomem();
    f->names[f->ncol] = dup;
    f->cols[f->ncol] = lt_col_ref(c);
    f->ncol++;
    f->nrow = c->n;
    return 0;
}

const char *lt_frame_suggest(const lt_frame *f, const char *name)
{
    return lt_suggest(name, (const char *const *)f->names, f->ncol);
}

/* fn applied to each column of f picked by idx[0..n), in parallel (the
 * columns are independent): new columns in out[], or a negative code,
 * with the message of the first failure carried over to this thread. */
static int map_parallel(const lt_frame *f, const int *idx, int n, lt_col **out,
                        lt_col *(*fn)(const lt_col *, const void *), const void *arg)
{
    int code = 0;
    char msg[256] = "";
    #pragma omp parallel for schedule(dynamic, 1) if (n > 1 && f->nrow >= (1 << 16))
    for (int k = 0; k < n; k++) {
        out[k] = fn(f->cols[idx ? idx[k] : k], arg);
        if (!out[k]) {
            #pragma omp critical(lt_frame_map)
            if (!code) {
                code = lt_errcode();
                snprintf(msg, sizeof msg, "%s", lt_errmsg());
            }
        }
    }
    if (code)
        lt_seterr(code, "%s", msg);
    return code;
}

/* Build a frame from f's columns picked by idx, each transformed by fn
 * (NULL: shared as is).  fn returns a new column or NULL on error. */
static lt_frame *map_columns(const lt_frame *f, const int *idx, int n,
                             lt_col *(*fn)(const lt_col *, const void *), const void *arg)
{
    for (int k = 0; k < n; k++)
        if (idx && (idx[k] < 0 || idx[k] >= f->ncol)) {
            lt_seterr(LT_EINVAL, "column index %d is outside a frame of %d columns",
                      idx[k] + 1, f->ncol);
            return NULL;
        }
    lt_frame *r = lt_frame_new();
    lt_col **cols = calloc((size_t)(n ? n : 1), sizeof *cols);
    if (!r || !cols) {
        if (r && !cols)
            lt_nomem();
        free(cols);
        lt_frame_free(r);
        return NULL;
    }
    int status = 0;
    if (fn)
        status = map_parallel(f, idx, n, cols, fn, arg);
    for (int k = 0; k < n && status == 0; k++) {
        int i = idx ? idx[k] : k;
        status = lt_frame_add(r, f->names[i], fn ? cols[k] : f->cols[i]);
    }
    for (int k = 0; fn && k < n; k++)
        lt_col_unref(cols[k]);
    free(cols);
    if (status < 0) {
        lt_frame_free(r);
        return NULL;
    }
    if (n == 0 && !fn)
        r->nrow = f->nrow;
    return r;
}

lt_frame *lt_frame_copy(const lt_frame *f) { return map_columns(f, NULL, f->ncol, NULL, NULL); }

lt_frame *lt_frame_select(const lt_frame *f, const int *idx, int n)
{
    return map_columns(f, idx, n, NULL, NULL);
}

lt_frame *lt_frame_rename(const lt_frame *f, int i, const char *name)
{
    if (i < 0 || i >= f->ncol) {
        lt_seterr(LT_EINVAL, "column index %d is outside a frame of %d columns", i + 1, f->ncol);
        return NULL;
    }
    int j = lt_frame_index(f, name);
    if (j >= 0 && j != i) {
        lt_seterr(LT_EINVAL, "cannot rename '%s' to '%s': a column of that name exists",
                  f->names[i], name);
        return NULL;
    }
    if (!*name) {
        lt_seterr(LT_EINVAL, "a column name must not be empty");
        return NULL;
    }
    lt_frame *r = lt_frame_copy(f);
    if (!r)
        return NULL;
    char *dup = strdup(name);
    if (!dup) {
        lt_frame_free(r);
        lt_nomem();
        return NULL;
    }
    free(r->names[i]);
    r->names[i] = dup;
    return r;
}

struct range { int64_t off, len; };

static lt_col *slice_col(const lt_col *c, const void *arg)
{
    const struct range *r = arg;
    return lt_col_slice(c, r->off, r->len);
}

lt_frame *lt_frame_slice(const lt_frame *f, int64_t off, int64_t len)
{
    struct range r;
    r.off = off < 0 ? 0 : off > f->nrow ? f->nrow : off;
    r.len = len < 0 ? 0 : len > f->nrow - r.off ? f->nrow - r.off : len;
    lt_frame *out = map_columns(f, NULL, f->ncol, slice_col, &r);
    if (out && f->ncol == 0)
        out->nrow = r.len;
    return out;
}

struct rows { const int64_t *idx; int64_t n; };

static lt_col *take_col(const lt_col *c, const void *arg)
{
    const struct rows *r = arg;
    return lt_col_take(c, r->idx, r->n);
}

lt_frame *lt_frame_take(const lt_frame *f, const int64_t *idx, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (idx[i] < 0 || idx[i] >= f->nrow) {
            lt_seterr(LT_EINVAL, "row %lld is outside a frame of %lld rows",
                      (long long)idx[i] + 1, (long long)f->nrow);
            return NULL;
        }
    struct rows r = { idx, n };
    lt_frame *out = map_columns(f, NULL, f->ncol, take_col, &r);
    if (out && f->ncol == 0)
        out->nrow = n;
    return out;
}

lt_frame *lt_frame_bind_cols(const lt_frame *a, const lt_frame *b)
{
    if (a->ncol && b->ncol && a->nrow != b->nrow) {
        lt_seterr(LT_ELENGTH, "cannot bind columns: %lld rows and %lld rows",
                  (long long)a->nrow, (long long)b->nrow);
        return NULL;
    }
    lt_frame *r = lt_frame_copy(a);
    if (!r)
        return NULL;
    for (int i = 0; i < b->ncol; i++)
        if (lt_frame_add(r, b->names[i], b->cols[i]) < 0) {
            lt_frame_free(r);
            return NULL;
        }
    return r;
}

size_t lt_frame_bytes(const lt_frame *f)
{
    size_t b = sizeof *f;
    for (int i = 0; i < f->ncol; i++)
        b += lt_col_bytes(f->cols[i]) + strlen(f->names[i]) + 1;
    return b;
}
