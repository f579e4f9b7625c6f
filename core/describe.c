/* Summary statistics of every column of a frame (see describe.h): one
 * lt_col_summary per numeric or bool column (a copy of its values, three
 * passes and one selection for the three quartiles) and one grouping pass
 * (lt_col_top) per str, bool or time column. */
#include "describe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reduce.h"
#include "timefmt.h"

enum { NSTAT = 7 };
static const char *const stat_names[NSTAT] = {
    "mean", "std", "min", "q25", "median", "q75", "max"
};

/* The per-column results, one array entry per described column. */
typedef struct table {
    const char **name, **type, **top;
    size_t *name_len, *type_len, *top_len;
    int64_t *count, *missing, *unique, *freq;
    uint8_t *no_unique;          /* unique and freq are missing */
    double *stat[NSTAT];
    char (*time_top)[32];        /* the text of `top` for time columns */
} table;

static void table_free(table *t)
{
    free(t->name);
    free(t->type);
    free(t->top);
    free(t->name_len);
    free(t->type_len);
    free(t->top_len);
    free(t->count);
    free(t->missing);
    free(t->unique);
    free(t->freq);
    free(t->no_unique);
    free(t->time_top);
    for (int s = 0; s < NSTAT; s++)
        free(t->stat[s]);
}

static int table_init(table *t, size_t n)
{
    memset(t, 0, sizeof *t);
    n = n ? n : 1;
    bool ok = (t->name = calloc(n, sizeof *t->name)) && (t->type = calloc(n, sizeof *t->type))
              && (t->top = calloc(n, sizeof *t->top))
              && (t->name_len = calloc(n, sizeof(size_t)))
              && (t->type_len = calloc(n, sizeof(size_t)))
              && (t->top_len = calloc(n, sizeof(size_t)))
              && (t->count = calloc(n, sizeof(int64_t))) && (t->missing = calloc(n, sizeof(int64_t)))
              && (t->unique = calloc(n, sizeof(int64_t))) && (t->freq = calloc(n, sizeof(int64_t)))
              && (t->no_unique = calloc(n, 1))
              && (t->time_top = calloc(n, sizeof *t->time_top));
    for (int s = 0; ok && s < NSTAT; s++)
        ok = (t->stat[s] = calloc(n, sizeof(double))) != NULL;
    if (!ok) {
        table_free(t);
        return lt_nomem();
    }
    return 0;
}

/* Describe column c into entry j. */
static int describe_col(const lt_col *c, const char *name, int j, table *t)
{
    static const double probs[3] = { 0.25, 0.5, 0.75 };
    t->name[j] = name;
    t->type[j] = lt_col_type_label(c);
    t->name_len[j] = strlen(name);
    t->type_len[j] = strlen(t->type[j]);
    t->count[j] = c->n - c->nmiss;
    t->missing[j] = c->nmiss;
    for (int s = 0; s < NSTAT; s++)
        t->stat[s][j] = NAN;
    if (c->type != LT_STR && c->type != LT_TIME) {
        lt_summary sm;
        double q[3];
        int status = lt_col_summary(c, probs, 3, &sm, q);
        if (status < 0)
            return status;
        double v[NSTAT] = { sm.mean, sm.std, sm.min, q[0], q[1], q[2], sm.max };
        for (int s = 0; s < NSTAT; s++)
            t->stat[s][j] = v[s];
    }
    t->no_unique[j] = 1;
    if (c->type == LT_STR || c->type == LT_BOOL || c->type == LT_TIME) {
        int64_t row, freq, k = lt_col_top(c, &row, &freq);
        if (k < 0)
            return (int)k;
        t->unique[j] = k;
        t->no_unique[j] = 0;
        if (row >= 0) {
            t->freq[j] = freq;
            if (c->type == LT_STR) {
                t->top[j] = lt_col_get_str(c, row, &t->top_len[j]);
            } else if (c->type == LT_TIME) {
                t->top_len[j] = lt_time_format(lt_col_i64(c)[row], c->tkind,
                                               t->time_top[j], sizeof t->time_top[j]);
                t->top[j] = t->time_top[j];
            } else {
                t->top_len[j] = strlen(t->top[j] = lt_col_bool(c)[row] ? "true" : "false");
            }
        }
    }
    return 0;
}

/* Add c under name to f and drop our reference; a NULL c (a failed build)
 * or a failed add makes the status negative. */
static int add(lt_frame *f, const char *name, lt_col *c, int status)
{
    if (status == 0)
        status = c ? lt_frame_add(f, name, c) : lt_errcode();
    lt_col_unref(c);
    return status;
}

lt_frame *lt_frame_describe(const lt_frame *f)
{
    table t;
    int n = f->ncol;
    if (table_init(&t, (size_t)n) < 0)
        return NULL;
    int status = 0;
    for (int j = 0; j < n && status == 0; j++)
        status = describe_col(f->cols[j], f->names[j], j, &t);
    /* freq is missing where no value was found (no_unique, or all missing). */
    uint8_t *no_freq = malloc((size_t)(n ? n : 1));
    if (!no_freq && status == 0)
        status = lt_nomem();
    for (int j = 0; j < n && no_freq; j++)
        no_freq[j] = !t.top[j];
    lt_frame *r = status == 0 ? lt_frame_new() : NULL;
    if (!r) {
        free(no_freq);
        table_free(&t);
        return NULL;
    }
    status = add(r, "column", lt_col_from_strs(t.name, t.name_len, n), status);
    status = add(r, "type", lt_col_from_strs(t.type, t.type_len, n), status);
    status = add(r, "count", lt_col_from_i64(t.count, NULL, n), status);
    status = add(r, "missing", lt_col_from_i64(t.missing, NULL, n), status);
    for (int s = 0; s < NSTAT; s++)
        status = add(r, stat_names[s], lt_col_from_f64(t.stat[s], n), status);
    status = add(r, "unique", lt_col_from_i64(t.unique, t.no_unique, n), status);
    status = add(r, "top", lt_col_from_strs(t.top, t.top_len, n), status);
    status = add(r, "freq", lt_col_from_i64(t.freq, no_freq, n), status);
    free(no_freq);
    table_free(&t);
    if (status < 0) {
        lt_frame_free(r);
        return NULL;
    }
    return r;
}
