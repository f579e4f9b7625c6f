/* Reshaping frames (see reshape.h): pivot_longer stacks columns into
 * rows, pivot_wider spreads a key column into columns, crosstab counts
 * pairs of values.  pivot_wider and crosstab group with core/group.h and
 * aggregate with the LT_FN_AGG functions of fn.h. */
#include "reshape.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "group.h"
#include "ops.h"

/* ---- small helpers ------------------------------------------------------ */

static bool bit_get(const uint8_t *bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

/* Add c under name to f and drop the caller's reference to c (also on
 * failure, so that callers can write `if (add_owned(...) < 0) goto fail`). */
static int add_owned(lt_frame *f, const char *name, lt_col *c)
{
    if (!c)
        return lt_errcode() ? lt_errcode() : LT_ENOMEM;
    int rc = lt_frame_add(f, name, c);
    lt_col_unref(c);
    return rc;
}

static void *alloc_n(int64_t n, size_t size)
{
    void *p = malloc((size_t)(n > 0 ? n : 1) * size);
    if (!p)
        lt_nomem();
    return p;
}

/* Each value of c repeated k times in place: r[i * k + j] = c[i]. */
static lt_col *repeat_each(const lt_col *c, int64_t k)
{
    int64_t n = c->n * k;
    lt_col *r = c->type == LT_STR ? lt_col_new_str(n, c->dict) : lt_col_new(c->type, n);
    if (!r)
        return NULL;
    r->tkind = c->tkind;
    switch (c->type) {
    case LT_F64: {
        const double *x = lt_col_f64(c);
        double *y = lt_col_f64(r);
        for (int64_t i = 0; i < c->n; i++)
            for (int64_t j = 0; j < k; j++)
                y[i * k + j] = x[i];
        break;
    }
    case LT_I64:
    case LT_TIME: {
        const int64_t *x = lt_col_i64(c);
        int64_t *y = lt_col_i64(r);
        for (int64_t i = 0; i < c->n; i++)
            for (int64_t j = 0; j < k; j++)
                y[i * k + j] = x[i];
        break;
    }
    case LT_BOOL: {
        const uint8_t *x = lt_col_bool(c);
        uint8_t *y = lt_col_bool(r);
        for (int64_t i = 0; i < c->n; i++)
            memset(y + i * k, x[i], (size_t)k);
        break;
    }
    case LT_STR: {
        const int32_t *x = lt_col_codes(c);
        int32_t *y = lt_col_codes(r);
        for (int64_t i = 0; i < c->n; i++)
            for (int64_t j = 0; j < k; j++)
                y[i * k + j] = x[i];
        break;
    }
    }
    if (c->valid)
        for (int64_t i = 0; i < c->n; i++)
            if (!bit_get(c->valid, i))
                for (int64_t j = 0; j < k; j++)
                    if (lt_col_set_na(r, i * k + j) < 0) {
                        lt_col_unref(r);
                        return NULL;
                    }
    return lt_col_finish(r);
}

/* ---- pivot_longer ------------------------------------------------------- */

enum family { FAM_NUM, FAM_STR, FAM_TIME };

static enum family family_of(lt_type t)
{
    return t == LT_STR ? FAM_STR : t == LT_TIME ? FAM_TIME : FAM_NUM;
}

static const char *family_name(enum family fam)
{
    return fam == FAM_STR ? "str" : fam == FAM_TIME ? "time" : "number";
}

/* The type of the stacked values of cols[0..n) (all of one family), and
 * for times the kind; LT_ETYPE naming two columns that do not mix. */
static int stacked_type(const lt_frame *f, const int *cols, int n, lt_type *type,
                        lt_time_kind *kind)
{
    const lt_col *c0 = f->cols[cols[0]];
    enum family fam = family_of(c0->type);
    *type = c0->type;
    *kind = c0->tkind;
    for (int k = 1; k < n; k++) {
        const lt_col *c = f->cols[cols[k]];
        if (family_of(c->type) != fam)
            return lt_seterr(LT_ETYPE,
                             "pivot_longer: cannot stack %s column '%s' with %s column '%s' "
                             "into one value column; pivot them separately or convert one "
                             "with astype",
                             family_name(fam), f->names[cols[0]],
                             family_name(family_of(c->type)), f->names[cols[k]]);
        if (fam == FAM_NUM && (c->type == LT_F64 || (c->type == LT_I64 && *type == LT_BOOL)))
            *type = c->type;
        if (fam == FAM_TIME && c->tkind == LT_DATETIME)
            *kind = LT_DATETIME;
    }
    return 0;
}

/* For string columns on different dictionaries: one dictionary holding
 * all their strings, and for each column a table from its codes to the
 * new ones (maps[k] NULL when column k is on *dict already). */
static int merge_dicts(const lt_frame *f, const int *cols, int n, lt_dict **dict,
                       int32_t **maps)
{
    bool same = true;
    for (int k = 1; k < n; k++)
        same &= f->cols[cols[k]]->dict == f->cols[cols[0]]->dict;
    if (same) {
        *dict = lt_dict_ref(f->cols[cols[0]]->dict);
        return 0;
    }
    if (!(*dict = lt_dict_new()))
        return LT_ENOMEM;
    for (int k = 0; k < n; k++) {
        const lt_dict *d = f->cols[cols[k]]->dict;
        int32_t size = lt_dict_size(d);
        if (!(maps[k] = alloc_n(size, sizeof *maps[k])))
            return LT_ENOMEM;
        for (int32_t code = 0; code < size; code++) {
            size_t len;
            const char *s = lt_dict_str(d, code, &len);
            if ((maps[k][code] = lt_dict_intern(*dict, s, len)) < 0)
                return (int)maps[k][code];
        }
    }
    return 0;
}

/* Copy column c (already of the stacked type's family, numbers converted)
 * into slots k, k + stride, ... of r; map recodes strings (may be NULL). */
static int interleave(lt_col *r, const lt_col *c, int64_t k, int64_t stride,
                      const int32_t *map)
{
    int64_t n = c->n;
    switch (r->type) {
    case LT_F64: {
        const double *x = lt_col_f64(c);
        double *y = lt_col_f64(r) + k;
        for (int64_t i = 0; i < n; i++)
            y[i * stride] = x[i];
        break;
    }
    case LT_I64:
    case LT_TIME: {
        const int64_t *x = lt_col_i64(c);
        int64_t *y = lt_col_i64(r) + k;
        for (int64_t i = 0; i < n; i++)
            y[i * stride] = x[i];
        break;
    }
    case LT_BOOL: {
        const uint8_t *x = lt_col_bool(c);
        uint8_t *y = lt_col_bool(r) + k;
        for (int64_t i = 0; i < n; i++)
            y[i * stride] = x[i];
        break;
    }
    case LT_STR: {
        const int32_t *x = lt_col_codes(c);
        int32_t *y = lt_col_codes(r) + k;
        if (map)
            for (int64_t i = 0; i < n; i++)
                y[i * stride] = x[i] < 0 ? -1 : map[x[i]];
        else
            for (int64_t i = 0; i < n; i++)
                y[i * stride] = x[i];
        break;
    }
    }
    if (c->valid)
        for (int64_t i = 0; i < n; i++)
            if (!bit_get(c->valid, i) && lt_col_set_na(r, k + i * stride) < 0)
                return LT_ENOMEM;
    return 0;
}

/* The stacked value column of cols[0..n). */
static lt_col *stack_values(const lt_frame *f, const int *cols, int n)
{
    lt_type type;
    lt_time_kind kind;
    if (stacked_type(f, cols, n, &type, &kind) < 0)
        return NULL;
    int64_t total = f->nrow * n;
    lt_col *r = NULL;
    lt_dict *dict = NULL;
    int32_t **maps = NULL;
    if (type == LT_STR) {
        if (!(maps = calloc((size_t)n, sizeof *maps))) {
            lt_nomem();
            return NULL;
        }
        if (merge_dicts(f, cols, n, &dict, maps) == 0)
            r = lt_col_new_str(total, dict);
    } else {
        r = lt_col_new(type, total);
    }
    if (!r)
        goto fail;
    r->tkind = kind;
    for (int k = 0; k < n; k++) {
        const lt_col *c = f->cols[cols[k]];
        lt_col *conv = NULL;
        if (type != LT_STR && type != LT_TIME && c->type != type) {
            if (!(conv = lt_col_astype(c, type, false)))
                goto fail;
            c = conv;
        }
        int rc = interleave(r, c, k, n, maps ? maps[k] : NULL);
        lt_col_unref(conv);
        if (rc < 0)
            goto fail;
    }
    lt_col_finish(r);
    goto done;
fail:
    lt_col_unref(r);
    r = NULL;
done:
    for (int k = 0; maps && k < n; k++)
        free(maps[k]);
    free(maps);
    lt_dict_unref(dict);
    return r;
}

/* The names column: names[k] at rows k, k + n, ... */
static lt_col *stack_names(const lt_frame *f, const int *cols, int n)
{
    lt_dict *dict = lt_dict_new();
    if (!dict)
        return NULL;
    lt_col *r = lt_col_new_str(f->nrow * n, dict);
    lt_dict_unref(dict);
    if (!r)
        return NULL;
    int32_t *codes = lt_col_codes(r);
    for (int k = 0; k < n; k++) {
        int32_t code = lt_dict_intern(dict, f->names[cols[k]], strlen(f->names[cols[k]]));
        if (code < 0) {
            lt_col_unref(r);
            return NULL;
        }
        for (int64_t i = 0; i < f->nrow; i++)
            codes[i * n + k] = code;
    }
    return lt_col_finish(r);
}

static int check_longer_args(const lt_frame *f, const int *cols, int ncols,
                             const char *names_to, const char *values_to, uint8_t *stacked)
{
    if (ncols <= 0)
        return lt_seterr(LT_EINVAL, "pivot_longer: no columns to stack; cols must name "
                                    "or select at least one column");
    for (int k = 0; k < ncols; k++) {
        if (cols[k] < 0 || cols[k] >= f->ncol)
            return lt_seterr(LT_EINVAL, "pivot_longer: column index %d is outside a frame "
                                        "of %d columns", cols[k], f->ncol);
        if (stacked[cols[k]])
            return lt_seterr(LT_EINVAL, "pivot_longer: column '%s' is given twice in cols",
                             f->names[cols[k]]);
        stacked[cols[k]] = 1;
    }
    if (!names_to || !*names_to || !values_to || !*values_to)
        return lt_seterr(LT_EINVAL, "pivot_longer: names_to and values_to must be "
                                    "non-empty names");
    if (strcmp(names_to, values_to) == 0)
        return lt_seterr(LT_EINVAL, "pivot_longer: names_to and values_to are both '%s'; "
                                    "give two different names", names_to);
    for (int j = 0; j < f->ncol; j++) {
        if (stacked[j])
            continue;
        const char *clash = strcmp(f->names[j], names_to) == 0 ? "names_to"
                            : strcmp(f->names[j], values_to) == 0 ? "values_to" : NULL;
        if (clash)
            return lt_seterr(LT_EINVAL, "pivot_longer: %s = '%s' is also the name of an id "
                                        "column; choose another name", clash, f->names[j]);
    }
    if (f->nrow > INT64_MAX / ncols)
        return lt_seterr(LT_EINVAL, "pivot_longer: %lld rows x %d columns is too many rows",
                         (long long)f->nrow, ncols);
    return 0;
}

lt_frame *lt_frame_pivot_longer(const lt_frame *f, const int *cols, int ncols,
                                const char *names_to, const char *values_to)
{
    uint8_t *stacked = calloc((size_t)(f->ncol > 0 ? f->ncol : 1), 1);
    if (!stacked) {
        lt_nomem();
        return NULL;
    }
    lt_frame *r = NULL;
    if (check_longer_args(f, cols, ncols, names_to, values_to, stacked) < 0)
        goto fail;
    lt_col *values = stack_values(f, cols, ncols);
    if (!values)
        goto fail;
    if (!(r = lt_frame_new())) {
        lt_col_unref(values);
        goto fail;
    }
    for (int j = 0; j < f->ncol; j++)
        if (!stacked[j] && add_owned(r, f->names[j], repeat_each(f->cols[j], ncols)) < 0) {
            lt_col_unref(values);
            goto fail;
        }
    lt_col *names = stack_names(f, cols, ncols);
    int rc = names ? lt_frame_add(r, names_to, names) : LT_ENOMEM;
    if (rc == 0)
        rc = lt_frame_add(r, values_to, values);
    lt_col_unref(names);
    lt_col_unref(values);
    if (rc < 0)
        goto fail;
    free(stacked);
    return r;
fail:
    free(stacked);
    lt_frame_free(r);
    return NULL;
}

/* ---- pivot_wider -------------------------------------------------------- */

/* Value i of c for a message: 'text' for strings, NA, or as printed. */
static void format_value(const lt_col *c, int64_t i, char *buf, size_t size)
{
    if (lt_col_is_na(c, i)) {
        snprintf(buf, size, "NA");
        return;
    }
    if (c->type == LT_STR) {
        size_t len;
        const char *s = lt_col_get_str(c, i, &len);
        snprintf(buf, size, "'%.*s'", (int)(len < 60 ? len : 60), s);
        return;
    }
    lt_col *one = lt_col_slice(c, i, 1);
    lt_col *s = one ? lt_col_astype(one, LT_STR, false) : NULL;
    const char *text = s ? lt_col_get_str(s, 0, NULL) : NULL;
    snprintf(buf, size, "%s", text ? text : "?");
    lt_col_unref(s);
    lt_col_unref(one);
}

/* The error for a cell reached by `count` rows, the first being `row`. */
static int duplicate_error(const lt_frame *f, const int *id, int nid, int names_from,
                           int64_t row, int64_t count)
{
    char ids[512] = "", val[80];
    size_t used = 0;
    for (int j = 0; j < nid && used < sizeof ids; j++) {
        format_value(f->cols[id[j]], row, val, sizeof val);
        int w = snprintf(ids + used, sizeof ids - used, "%s%s = %s", j ? ", " : "",
                         f->names[id[j]], val);
        used += w > 0 ? (size_t)w : 0;
    }
    format_value(f->cols[names_from], row, val, sizeof val);
    if (nid == 0)
        return lt_seterr(LT_EINVAL, "pivot_wider: %lld rows have %s = %s and there are no "
                                    "id columns; give agg = 'mean' (or 'first', 'sum', "
                                    "'count' ...) to combine them",
                         (long long)count, f->names[names_from], val);
    return lt_seterr(LT_EINVAL, "pivot_wider: %lld rows share id (%s) and %s = %s; give "
                                "agg = 'mean' (or 'first', 'sum', 'count' ...) to combine "
                                "them",
                     (long long)count, ids, f->names[names_from], val);
}

static int numeric_rank(lt_type t) { return t == LT_BOOL ? 0 : t == LT_I64 ? 1 : 2; }

/* c with the cells where empty[i] is set holding `fill` (a present value
 * of a compatible type; numbers promote to the wider type).  name is the
 * value column's, for the message. */
static lt_col *fill_cells(const lt_col *c, const uint8_t *empty, const lt_col *fill,
                          const char *name)
{
    lt_type out = c->type;
    if (lt_type_is_numeric(c->type) && lt_type_is_numeric(fill->type)) {
        if (numeric_rank(fill->type) > numeric_rank(c->type))
            out = fill->type;
    } else if (c->type != fill->type) {
        lt_seterr(LT_ETYPE, "pivot_wider: fill is %s, which does not fit the %s values of "
                            "'%s'", lt_type_name(fill->type), lt_type_name(c->type), name);
        return NULL;
    }
    lt_col *base = out == c->type ? lt_col_ref((lt_col *)c) : lt_col_astype(c, out, false);
    lt_col *fv = fill->type == out ? lt_col_ref((lt_col *)fill) : lt_col_astype(fill, out, false);
    lt_col *r = NULL;
    lt_dict *dict = NULL;
    int32_t fill_code = -1;
    if (!base || !fv)
        goto done;
    if (out == LT_STR) {
        size_t len;
        const char *s = lt_col_get_str(fv, 0, &len);
        fill_code = lt_dict_find(base->dict, s, len);
        if (fill_code >= 0) {
            dict = lt_dict_ref(base->dict);
        } else {
            /* A fresh dictionary gives the same codes to the same strings
             * interned in order, so base's codes stay valid. */
            if (!(dict = lt_dict_new()))
                goto done;
            int32_t size = lt_dict_size(base->dict);
            for (int32_t k = 0; k < size; k++) {
                const char *t = lt_dict_str(base->dict, k, &len);
                if (lt_dict_intern(dict, t, len) < 0)
                    goto done;
            }
            s = lt_col_get_str(fv, 0, &len);
            if ((fill_code = lt_dict_intern(dict, s, len)) < 0)
                goto done;
        }
        r = lt_col_new_str(c->n, dict);
    } else {
        r = lt_col_new(out, c->n);
    }
    if (!r)
        goto done;
    r->tkind = base->tkind == LT_DATETIME || fv->tkind == LT_DATETIME ? LT_DATETIME : LT_DATE;
    size_t es = out == LT_BOOL ? 1 : out == LT_STR ? 4 : 8;
    memcpy(r->data, base->data, (size_t)c->n * es);
    for (int64_t i = 0; i < c->n; i++) {
        if (empty[i]) {
            switch (out) {
            case LT_F64: lt_col_f64(r)[i] = lt_col_f64(fv)[0]; break;
            case LT_I64:
            case LT_TIME: lt_col_i64(r)[i] = lt_col_i64(fv)[0]; break;
            case LT_BOOL: lt_col_bool(r)[i] = lt_col_bool(fv)[0]; break;
            case LT_STR: lt_col_codes(r)[i] = fill_code; break;
            }
        } else if (base->valid && !bit_get(base->valid, i) && lt_col_set_na(r, i) < 0) {
            lt_col_unref(r);
            r = NULL;
            goto done;
        }
    }
    lt_col_finish(r);
done:
    lt_dict_unref(dict);
    lt_col_unref(fv);
    lt_col_unref(base);
    return r;
}

static int check_wider_args(const lt_frame *f, const int *id, int nid, int names_from,
                            const int *values, int nvalues, const lt_fn *agg,
                            const lt_col *fill, uint8_t *role)
{
    /* role: 1 id, 2 names_from, 3 value */
    static const char *const role_name[] = {"", "an id column", "names_from",
                                            "a value column"};
    if (names_from < 0 || names_from >= f->ncol)
        return lt_seterr(LT_EINVAL, "pivot_wider: names_from index %d is outside a frame of "
                                    "%d columns", names_from, f->ncol);
    role[names_from] = 2;
    if (nvalues <= 0)
        return lt_seterr(LT_EINVAL, "pivot_wider: values_from must name at least one column");
    for (int pass = 0; pass < 2; pass++) {
        const int *idx = pass ? id : values;
        int n = pass ? nid : nvalues;
        for (int k = 0; k < n; k++) {
            if (idx[k] < 0 || idx[k] >= f->ncol)
                return lt_seterr(LT_EINVAL, "pivot_wider: column index %d is outside a frame "
                                            "of %d columns", idx[k], f->ncol);
            uint8_t want = pass ? 1 : 3;
            if (role[idx[k]])
                return lt_seterr(LT_EINVAL, "pivot_wider: column '%s' is %s and %s; give "
                                            "each column one role",
                                 f->names[idx[k]], role_name[role[idx[k]]],
                                 role[idx[k]] == want ? "named twice" : role_name[want]);
            role[idx[k]] = want;
        }
    }
    if (agg && agg->kind != LT_FN_AGG)
        return lt_seterr(LT_EINVAL, "pivot_wider: agg = '%s' is not an aggregate function",
                         agg->name);
    if (fill && fill->n != 1)
        return lt_seterr(LT_ELENGTH, "pivot_wider: fill must be one value, got %lld",
                         (long long)fill->n);
    return 0;
}

/* The names of the new columns, value-major: names[v * nlev + l].  Checks
 * them against the id names and each other. */
static char **wider_names(const lt_frame *f, const int *id, int nid, const int *values,
                          int nvalues, const lt_col *levels, int64_t nlev)
{
    int64_t n = nvalues * nlev;
    char **names = calloc((size_t)(n > 0 ? n : 1), sizeof *names);
    lt_dict *seen = lt_dict_new();
    if (!names || !seen)
        goto oom;
    for (int j = 0; j < nid; j++)
        if (lt_dict_intern(seen, f->names[id[j]], strlen(f->names[id[j]])) < 0)
            goto oom;
    for (int v = 0; v < nvalues; v++) {
        for (int64_t l = 0; l < nlev; l++) {
            size_t len;
            const char *key = lt_col_get_str(levels, l, &len);
            if (!key)
                key = "NA", len = 2;
            const char *vname = f->names[values[v]];
            size_t size = nvalues > 1 ? strlen(vname) + len + 2 : len + 1;
            char *s = names[v * nlev + l] = malloc(size);
            if (!s)
                goto oom;
            if (nvalues > 1)
                snprintf(s, size, "%s_%.*s", vname, (int)len, key);
            else
                snprintf(s, size, "%.*s", (int)len, key);
            int32_t before = lt_dict_size(seen);
            int32_t code = lt_dict_intern(seen, s, strlen(s));
            if (code < 0)
                goto oom;
            if (code < before) {
                if (code < nid)
                    lt_seterr(LT_EINVAL, "pivot_wider: new column '%s' (from %s) has the name "
                                         "of an id column; rename one of them first",
                              s, f->names[values[v]]);
                else
                    lt_seterr(LT_EINVAL, "pivot_wider: two new columns are named '%s'; "
                                         "rename or recode the keys first", s);
                goto fail;
            }
        }
    }
    lt_dict_unref(seen);
    return names;
oom:
    lt_nomem();
fail:
    for (int64_t k = 0; names && k < n; k++)
        free(names[k]);
    free(names);
    lt_dict_unref(seen);
    return NULL;
}

/* The cells of the table: cell[i] = id group * nlev + key level of row
 * i; start[c] .. start[c + 1] index into order, the rows of cell c in row
 * order (a counting sort). */
typedef struct cells {
    int64_t n;
    int32_t *cell;
    int64_t *start, *order;
} cells;

static void cells_fini(cells *t)
{
    free(t->cell);
    free(t->start);
    free(t->order);
}

static int cells_init(cells *t, int64_t nrow, const int32_t *gid, const int32_t *lev,
                      int64_t nlev, int64_t ncells)
{
    t->n = ncells;
    t->cell = alloc_n(nrow, sizeof *t->cell);
    t->start = calloc((size_t)ncells + 2, sizeof *t->start);
    t->order = alloc_n(nrow, sizeof *t->order);
    if (!t->cell || !t->start || !t->order)
        return lt_nomem();
    for (int64_t i = 0; i < nrow; i++) {
        int32_t c = (int32_t)(gid[i] * nlev + lev[i]);
        t->cell[i] = c;
        t->start[c + 2]++;
    }
    for (int64_t c = 0; c < ncells; c++)
        t->start[c + 2] += t->start[c + 1];
    for (int64_t i = 0; i < nrow; i++)
        t->order[t->start[t->cell[i] + 1]++] = i;
    return 0;
}

static int64_t cell_size(const cells *t, int64_t c) { return t->start[c + 1] - t->start[c]; }

/* The values of column v per cell (ncells values, missing where no row
 * is), by agg or by the one row of each cell. */
static lt_col *cell_values(const lt_col *v, const cells *t, const lt_fn *agg, int64_t *idx)
{
    if (!agg) {
        for (int64_t c = 0; c < t->n; c++)
            idx[c] = cell_size(t, c) ? t->order[t->start[c]] : -1;
        return lt_col_take(v, idx, t->n);
    }
    lt_fn_ctx ctx = {.nrow = v->n, .ngroups = t->n, .gid = t->cell, .start = t->start,
                     .order = t->order};
    lt_col *const args[1] = {(lt_col *)v};
    lt_col *a = agg->impl(args, 1, &ctx);
    if (!a) {
        /* Name the function, as the expression evaluator does. */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", lt_errmsg());
        lt_seterr(lt_errcode(), "pivot_wider: agg = '%s': %s", agg->name, msg);
        return NULL;
    }
    if (a->n != t->n) {
        lt_col_unref(a);
        lt_seterr(LT_EINVAL, "pivot_wider: agg = '%s' gave %lld values for %lld cells",
                  agg->name, (long long)a->n, (long long)t->n);
        return NULL;
    }
    for (int64_t c = 0; c < t->n; c++)
        idx[c] = cell_size(t, c) ? c : -1;
    lt_col *r = lt_col_take(a, idx, t->n);
    lt_col_unref(a);
    return r;
}

lt_frame *lt_frame_pivot_wider(const lt_frame *f, const int *id, int nid, int names_from,
                               const int *values, int nvalues, const lt_fn *agg,
                               const lt_col *fill)
{
    lt_frame *r = NULL;
    lt_groups *gi = NULL, *gk = NULL;
    lt_col **idcols = NULL, *levels = NULL, *levnames = NULL;
    char **names = NULL;
    int64_t *idx = NULL;
    uint8_t *empty = NULL;
    cells t = {0};
    int64_t nlev = 0;
    uint8_t *role = calloc((size_t)(f->ncol > 0 ? f->ncol : 1), 1);
    if (!role) {
        lt_nomem();
        return NULL;
    }
    if (check_wider_args(f, id, nid, names_from, values, nvalues, agg, fill, role) < 0)
        goto fail;
    if (fill && lt_col_is_na(fill, 0))
        fill = NULL;

    /* Rows: the distinct id tuples, in order of first appearance (no ids:
     * one group of all rows). */
    if (!(idcols = alloc_n(nid, sizeof *idcols)))
        goto fail;
    for (int j = 0; j < nid; j++)
        idcols[j] = f->cols[id[j]];
    if (!(gi = lt_groups_new2(idcols, NULL, nid, f->nrow, 0, LT_GROUPS_NO_ROWS)))
        goto fail;
    int64_t ng = gi->ngroups;
    /* Columns: the distinct keys, sorted, missing last. */
    lt_col *key = f->cols[names_from];
    if (!(gk = lt_groups_new2(&key, NULL, 1, f->nrow, 0,
                              LT_GROUPS_SORTED | LT_GROUPS_NO_ROWS)))
        goto fail;
    nlev = gk->ngroups;
    if (ng > 0 && nlev > INT32_MAX / ng) {
        lt_seterr(LT_EINVAL, "pivot_wider: %lld id rows x %lld keys of '%s' make too many "
                             "cells (the limit is 2^31 - 1)",
                  (long long)ng, (long long)nlev, f->names[names_from]);
        goto fail;
    }
    if (!(levels = lt_col_take(key, gk->first, nlev)) ||
        !(levnames = lt_col_astype(levels, LT_STR, false)) ||
        !(names = wider_names(f, id, nid, values, nvalues, levnames, nlev)))
        goto fail;

    int64_t ncells = ng * nlev;
    if (cells_init(&t, f->nrow, gi->gid, gk->gid, nlev, ncells) < 0)
        goto fail;
    if (!agg)
        for (int64_t c = 0; c < ncells; c++)
            if (cell_size(&t, c) > 1) {
                duplicate_error(f, id, nid, names_from, t.order[t.start[c]], cell_size(&t, c));
                goto fail;
            }
    if (!(idx = alloc_n(ncells > ng ? ncells : ng, sizeof *idx)) ||
        !(empty = alloc_n(ncells, 1)) || !(r = lt_frame_new()))
        goto fail;
    for (int64_t c = 0; c < ncells; c++)
        empty[c] = cell_size(&t, c) == 0;

    for (int j = 0; j < nid; j++)
        if (add_owned(r, f->names[id[j]], lt_col_take(f->cols[id[j]], gi->first, ng)) < 0)
            goto fail;
    for (int v = 0; v < nvalues; v++) {
        lt_col *cv = cell_values(f->cols[values[v]], &t, agg, idx);
        if (cv && fill) {
            lt_col *filled = fill_cells(cv, empty, fill, f->names[values[v]]);
            lt_col_unref(cv);
            cv = filled;
        }
        if (!cv)
            goto fail;
        for (int64_t l = 0; l < nlev; l++) {
            for (int64_t g = 0; g < ng; g++)
                idx[g] = g * nlev + l;
            if (add_owned(r, names[v * nlev + l], lt_col_take(cv, idx, ng)) < 0) {
                lt_col_unref(cv);
                goto fail;
            }
        }
        lt_col_unref(cv);
    }
    goto done;
fail:
    lt_frame_free(r);
    r = NULL;
done:
    for (int64_t k = 0; names && k < nvalues * nlev; k++)
        free(names[k]);
    free(names);
    cells_fini(&t);
    free(idx);
    free(empty);
    lt_col_unref(levnames);
    lt_col_unref(levels);
    lt_groups_free(gk);
    lt_groups_free(gi);
    free(idcols);
    free(role);
    return r;
}

/* ---- crosstab ----------------------------------------------------------- */

/* The first column of the table: the levels of a, then "All" when
 * `all_row` (the levels as text then). */
static lt_col *row_labels(const lt_col *levels, bool all_row)
{
    if (!all_row)
        return lt_col_ref((lt_col *)levels);
    lt_col *text = lt_col_astype(levels, LT_STR, false);
    if (!text)
        return NULL;
    int64_t n = levels->n;
    const char **strs = alloc_n(n + 1, sizeof *strs);
    size_t *lens = alloc_n(n + 1, sizeof *lens);
    lt_col *r = NULL;
    if (strs && lens) {
        for (int64_t i = 0; i < n; i++)
            strs[i] = lt_col_get_str(text, i, &lens[i]);
        strs[n] = "All";
        lens[n] = 3;
        r = lt_col_from_strs(strs, lens, n + 1);
    }
    free(strs);
    free(lens);
    lt_col_unref(text);
    return r;
}

/* Counts (i64) or shares (f64, num / den) of one output column. */
static lt_col *table_column(const int64_t *num, const int64_t *den, int64_t n, bool shares)
{
    lt_col *c = lt_col_new(shares ? LT_F64 : LT_I64, n);
    if (!c)
        return NULL;
    for (int64_t i = 0; i < n; i++) {
        if (!shares)
            lt_col_i64(c)[i] = num[i];
        else
            lt_col_f64(c)[i] = den[i] ? (double)num[i] / (double)den[i] : NAN;
    }
    return lt_col_finish(c);
}

lt_frame *lt_crosstab(const lt_col *a, const lt_col *b, const char *name, bool margins,
                      lt_crosstab_norm normalize)
{
    if (a->n != b->n) {
        lt_seterr(LT_ELENGTH, "crosstab: the two columns differ in length (%lld and %lld "
                              "values)", (long long)a->n, (long long)b->n);
        return NULL;
    }
    if (!name || !*name) {
        lt_seterr(LT_EINVAL, "crosstab: the first column needs a non-empty name");
        return NULL;
    }
    lt_frame *r = NULL;
    lt_col *ka = NULL, *kb = NULL, *la = NULL, *lb = NULL, *lbs = NULL;
    lt_groups *ga = NULL, *gb = NULL;
    int64_t *count = NULL, *num = NULL, *den = NULL;
    uint8_t *keep = NULL;

    /* pandas' dropna: pairs with a missing value do not count. */
    if (a->nmiss || b->nmiss) {
        if (!(keep = alloc_n(a->n, 1)))
            goto fail;
        int64_t nkeep = 0;
        for (int64_t i = 0; i < a->n; i++)
            nkeep += keep[i] = !lt_col_is_na(a, i) && !lt_col_is_na(b, i);
        if (!(ka = lt_col_compress(a, keep, nkeep)) || !(kb = lt_col_compress(b, keep, nkeep)))
            goto fail;
    } else {
        ka = lt_col_ref((lt_col *)a);
        kb = lt_col_ref((lt_col *)b);
    }
    int flags = LT_GROUPS_SORTED | LT_GROUPS_NO_ROWS;
    if (!(ga = lt_groups_new2(&ka, NULL, 1, ka->n, 0, flags)) ||
        !(gb = lt_groups_new2(&kb, NULL, 1, kb->n, 0, flags)))
        goto fail;
    int64_t na = ga->ngroups, nb = gb->ngroups, n = ka->n;
    if (na > 0 && nb > INT32_MAX / na) {
        lt_seterr(LT_EINVAL, "crosstab: %lld x %lld distinct values make too many cells "
                             "(the limit is 2^31 - 1)", (long long)na, (long long)nb);
        goto fail;
    }
    /* count[i * (nb + 1) + j]: the table with row totals in column nb and
     * column totals in row na. */
    int64_t w = nb + 1;
    if (!(count = calloc((size_t)((na + 1) * w), sizeof *count)) ||
        !(num = alloc_n(na + 1, sizeof *num)) || !(den = alloc_n(na + 1, sizeof *den)))
        goto fail;
    for (int64_t i = 0; i < n; i++)
        count[ga->gid[i] * w + gb->gid[i]]++;
    for (int64_t i = 0; i < na; i++)
        for (int64_t j = 0; j < nb; j++) {
            count[i * w + nb] += count[i * w + j];
            count[na * w + j] += count[i * w + j];
        }
    int64_t total = n;
    count[na * w + nb] = total;

    if (!(la = lt_col_take(ka, ga->first, na)) || !(lb = lt_col_take(kb, gb->first, nb)) ||
        !(lbs = lt_col_astype(lb, LT_STR, false)))
        goto fail;
    bool all_row = margins && normalize != LT_NORM_COLUMNS;
    bool all_col = margins && normalize != LT_NORM_INDEX;
    int64_t nrow = na + all_row;
    for (int64_t j = 0; j < nb; j++) {
        const char *s = lt_col_get_str(lbs, j, NULL);
        if (strcmp(s, name) == 0 || (all_col && strcmp(s, "All") == 0)) {
            lt_seterr(LT_EINVAL, "crosstab: a value of the second column, '%s', would name "
                                 "a column like %s; recode it first",
                      s, strcmp(s, name) == 0 ? "the first one" : "the margins");
            goto fail;
        }
    }
    if (!(r = lt_frame_new()) || add_owned(r, name, row_labels(la, all_row)) < 0)
        goto fail;
    bool shares = normalize != LT_NORM_NONE;
    for (int64_t j = 0; j < nb + all_col; j++) {
        for (int64_t i = 0; i < nrow; i++) {
            num[i] = count[i * w + j];
            switch (normalize) {
            case LT_NORM_NONE: den[i] = 1; break;
            case LT_NORM_ALL: den[i] = total; break;
            /* The margins of a normalized table are shares of the total. */
            case LT_NORM_INDEX: den[i] = i == na ? total : count[i * w + nb]; break;
            case LT_NORM_COLUMNS: den[i] = j == nb ? total : count[na * w + j]; break;
            }
        }
        const char *cname = j == nb ? "All" : lt_col_get_str(lbs, j, NULL);
        if (add_owned(r, cname, table_column(num, den, nrow, shares)) < 0)
            goto fail;
    }
    goto done;
fail:
    lt_frame_free(r);
    r = NULL;
done:
    free(count);
    free(num);
    free(den);
    free(keep);
    lt_groups_free(ga);
    lt_groups_free(gb);
    lt_col_unref(lbs);
    lt_col_unref(lb);
    lt_col_unref(la);
    lt_col_unref(kb);
    lt_col_unref(ka);
    return r;
}
