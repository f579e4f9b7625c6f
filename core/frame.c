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

/* ---- concat ------------------------------------------------------------- */

/* Numbers, times and strings: the classes that concat may mix within. */
static int type_class(lt_type t)
{
    return lt_type_is_numeric(t) ? 0 : t == LT_TIME ? 1 : 2;
}

static int num_rank(lt_type t) { return t == LT_BOOL ? 0 : t == LT_I64 ? 1 : 2; }

/* Copy the rows of src into dst from row off, converted to dst's type
 * (a numeric promotion, or str codes through `remap` when not NULL). */
static int copy_rows(lt_col *dst, int64_t off, const lt_col *src, const int32_t *remap)
{
    int64_t n = src->n;
    bool same = dst->type == src->type;
    switch (dst->type) {
    case LT_F64: {
        double *out = lt_col_f64(dst) + off;
        if (same)
            memcpy(out, lt_col_f64(src), (size_t)n * sizeof *out);
        else if (src->type == LT_I64)
            for (int64_t i = 0; i < n; i++)
                out[i] = (double)lt_col_i64(src)[i];
        else
            for (int64_t i = 0; i < n; i++)
                out[i] = lt_col_bool(src)[i];
        break;
    }
    case LT_I64:
    case LT_TIME: {
        int64_t *out = lt_col_i64(dst) + off;
        if (same)
            memcpy(out, lt_col_i64(src), (size_t)n * sizeof *out);
        else
            for (int64_t i = 0; i < n; i++)
                out[i] = lt_col_bool(src)[i];
        break;
    }
    case LT_BOOL:
        memcpy(lt_col_bool(dst) + off, lt_col_bool(src), (size_t)n);
        break;
    case LT_STR: {
        int32_t *out = lt_col_codes(dst) + off;
        const int32_t *x = lt_col_codes(src);
        if (!remap) {
            memcpy(out, x, (size_t)n * sizeof *out);
            break;
        }
        for (int64_t i = 0; i < n; i++)
            out[i] = x[i] < 0 ? -1 : remap[x[i]];
        break;
    }
    }
    /* Missing values: f64 sources carry NaN; the others their bitmap. */
    if (src->type != LT_F64 && src->valid)
        for (int64_t i = 0; i < n; i++)
            if (lt_col_is_na(src, i) && lt_col_set_na(dst, off + i) < 0)
                return LT_ENOMEM;
    return 0;
}

/* codes of src's dictionary in d, interning the strings src uses. */
static int32_t *remap_codes(lt_dict *d, const lt_col *src)
{
    int32_t size = lt_dict_size(src->dict);
    int32_t *map = malloc((size_t)(size ? size : 1) * sizeof *map);
    if (!map) {
        lt_nomem();
        return NULL;
    }
    memset(map, 0xff, (size_t)size * sizeof *map);
    const int32_t *x = lt_col_codes(src);
    for (int64_t i = 0; i < src->n; i++) {
        int32_t c = x[i];
        if (c < 0 || map[c] >= 0)
            continue;
        size_t len;
        const char *s = lt_dict_str(src->dict, c, &len);
        if ((map[c] = lt_dict_intern(d, s, len)) < 0) {
            free(map);
            return NULL;
        }
    }
    return map;
}

/* A new dictionary holding d's strings under the same codes. */
static lt_dict *dict_copy(const lt_dict *d)
{
    lt_dict *r = lt_dict_new();
    for (int32_t c = 0; r && c < lt_dict_size(d); c++) {
        size_t len;
        const char *s = lt_dict_str(d, c, &len);
        if (lt_dict_intern(r, s, len) < 0) {
            lt_dict_unref(r);
            r = NULL;
        }
    }
    return r;
}

/* Column `name` of the concatenation: cols[k] is its column in frame k or
 * NULL; total rows. */
static lt_col *concat_col(const lt_frame *const *fs, int n, const lt_col *const *cols,
                          const char *name, int64_t total)
{
    int first = -1;
    lt_type type = LT_F64;
    lt_time_kind tkind = LT_DATE;
    bool one_dict = true;
    for (int k = 0; k < n; k++) {
        const lt_col *c = cols[k];
        if (!c)
            continue;
        if (first < 0) {
            first = k;
            type = c->type;
        } else if (type_class(c->type) != type_class(cols[first]->type)) {
            lt_seterr(LT_ETYPE, "concat: column '%s' is %s in frame %d and %s in frame %d; "
                      "expected one type, numbers or times", name, lt_col_type_label(cols[first]),
                      first + 1, lt_col_type_label(c), k + 1);
            return NULL;
        } else if (num_rank(c->type) > num_rank(type)) {
            type = c->type;
        }
        if (c->type == LT_TIME && c->tkind == LT_DATETIME)
            tkind = LT_DATETIME;
        if (c->type == LT_STR && c->dict != cols[first]->dict)
            one_dict = false;
    }
    lt_col *out;
    lt_dict *d = NULL;
    if (type == LT_STR) {
        d = one_dict ? lt_dict_ref(cols[first]->dict) : dict_copy(cols[first]->dict);
        if (!d)
            return NULL;
        out = lt_col_new_str(total, d);
    } else {
        out = lt_col_new(type, total);
    }
    if (!out)
        goto fail;
    out->tkind = type == LT_TIME ? tkind : LT_DATETIME;
    int64_t off = 0;
    for (int k = 0; k < n; off += fs[k]->nrow, k++) {
        const lt_col *c = cols[k];
        if (!c) {
            for (int64_t i = 0; i < fs[k]->nrow; i++)
                if (lt_col_set_na(out, off + i) < 0)
                    goto fail;
            continue;
        }
        int32_t *remap = NULL;
        if (type == LT_STR && !one_dict && k != first && !(remap = remap_codes(d, c)))
            goto fail;
        int rc = copy_rows(out, off, c, remap);
        free(remap);
        if (rc < 0)
            goto fail;
    }
    lt_dict_unref(d);
    return lt_col_finish(out);
fail:
    lt_col_unref(out);
    lt_dict_unref(d);
    return NULL;
}

lt_frame *lt_frame_concat(const lt_frame *const *fs, int n)
{
    if (n < 0) {
        lt_seterr(LT_EINVAL, "concat: %d frames", n);
        return NULL;
    }
    int64_t total = 0;
    int maxcol = 0;
    for (int k = 0; k < n; k++) {
        total += fs[k]->nrow;
        maxcol += fs[k]->ncol;
    }
    lt_frame *r = lt_frame_new();
    const char **names = malloc((size_t)(maxcol ? maxcol : 1) * sizeof *names);
    const lt_col **cols = malloc((size_t)(n ? n : 1) * sizeof *cols);
    if (!r || !names || !cols) {
        if (r)
            lt_nomem();
        goto fail;
    }
    /* The union of the names, in the order of first appearance. */
    int nnames = 0;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < fs[k]->ncol; j++) {
            int i = 0;
            while (i < nnames && strcmp(names[i], fs[k]->names[j]) != 0)
                i++;
            if (i == nnames)
                names[nnames++] = fs[k]->names[j];
        }
    for (int i = 0; i < nnames; i++) {
        for (int k = 0; k < n; k++)
            cols[k] = lt_frame_col(fs[k], names[i]);
        lt_col *c = concat_col(fs, n, cols, names[i], total);
        if (!c)
            goto fail;
        int rc = lt_frame_add(r, names[i], c);
        lt_col_unref(c);
        if (rc < 0)
            goto fail;
    }
    r->nrow = total;
    free(names);
    free(cols);
    return r;
fail:
    free(names);
    free(cols);
    lt_frame_free(r);
    return NULL;
}

/* ---- drop_na ------------------------------------------------------------ */

lt_frame *lt_frame_drop_na(const lt_frame *f, const int *cols, int ncols)
{
    for (int k = 0; k < ncols; k++)
        if (cols[k] < 0 || cols[k] >= f->ncol) {
            lt_seterr(LT_EINVAL, "column index %d is outside a frame of %d columns",
                      cols[k] + 1, f->ncol);
            return NULL;
        }
    int64_t n = f->nrow;
    uint8_t *drop = calloc(n ? (size_t)n : 1, 1);
    if (!drop) {
        lt_nomem();
        return NULL;
    }
    int64_t ndrop = 0;
    for (int k = 0; k < (ncols ? ncols : f->ncol); k++) {
        const lt_col *c = f->cols[ncols ? cols[k] : k];
        if (c->nmiss == 0)
            continue;
        for (int64_t i = 0; i < n; i++)
            if (!drop[i] && lt_col_is_na(c, i)) {
                drop[i] = 1;
                ndrop++;
            }
    }
    lt_frame *r = NULL;
    if (ndrop == 0) {
        r = lt_frame_copy(f);
    } else {
        int64_t *idx = malloc((size_t)(n - ndrop ? n - ndrop : 1) * sizeof *idx);
        if (!idx) {
            lt_nomem();
        } else {
            int64_t m = 0;
            for (int64_t i = 0; i < n; i++)
                if (!drop[i])
                    idx[m++] = i;
            r = lt_frame_take(f, idx, m);
            free(idx);
        }
    }
    free(drop);
    return r;
}
