/* Unit tests of core/describe.c: the summary frame of a small frame with
 * one column of each type, checked cell by cell (std values from
 * Rscript 4.2.2, as noted). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "error.h"
#include "tap.h"

#define NA NAN

static const char *const out_names[] = {
    "column", "type", "count", "missing", "mean", "std", "min", "q25", "median", "q75",
    "max", "unique", "top", "freq",
};
enum { NOUT = sizeof out_names / sizeof *out_names };

/* One expected row: numbers for the f64 cells (NaN = missing), -1 for a
 * missing integer cell, NULL for a missing string. */
typedef struct row {
    const char *column, *type;
    int64_t count, missing;
    double stat[7];
    int64_t unique;
    const char *top;
    int64_t freq;
} row;

static lt_frame *input(void)
{
    lt_frame *f = lt_frame_new();
    lt_col *c[6] = {
        lt_col_from_f64((double[]){ 1.5, NA, -2, 4, 10 }, 5),
        lt_col_from_i64((int64_t[]){ 3, 1, 0, 3, 8 }, (uint8_t[]){ 0, 0, 1, 0, 0 }, 5),
        lt_col_from_bool((uint8_t[]){ 1, 0, 1, 0, 1 }, (uint8_t[]){ 0, 0, 0, 1, 0 }, 5),
        lt_col_from_strs((const char *[]){ "b", "a", "b", NULL, "a" }, NULL, 5),
        lt_col_from_time((int64_t[]){ 0, 2 * LT_US_PER_DAY, LT_US_PER_DAY, 0, 3 * LT_US_PER_DAY },
                         (uint8_t[]){ 0, 0, 0, 1, 0 }, 5, LT_DATE),
        lt_col_from_f64((double[]){ NA, NA, NA, NA, NA }, 5),
    };
    const char *names[6] = { "x", "k", "flag", "s", "d", "empty" };
    for (int j = 0; j < 6; j++) {
        lt_frame_add(f, names[j], c[j]);
        lt_col_unref(c[j]);
    }
    return f;
}

static bool cell_ok(const lt_col *c, int64_t i, double num, const char *str)
{
    switch (c->type) {
    case LT_F64: {
        double v = lt_col_f64(c)[i];
        return (isnan(v) && isnan(num)) || v == num;
    }
    case LT_I64:
        return num < 0 ? lt_col_is_na(c, i) : !lt_col_is_na(c, i) && lt_col_i64(c)[i] == num;
    case LT_STR: {
        const char *s = lt_col_get_str(c, i, NULL);
        return s && str ? strcmp(s, str) == 0 : s == str;
    }
    default:
        return false;
    }
}

static void check_row(const lt_frame *d, int64_t i, const row *w)
{
    double nums[NOUT] = { 0, 0, (double)w->count, (double)w->missing, w->stat[0], w->stat[1],
                          w->stat[2], w->stat[3], w->stat[4], w->stat[5], w->stat[6],
                          (double)w->unique, 0, (double)w->freq };
    const char *strs[NOUT] = { w->column, w->type, [12] = w->top };
    bool pass = true;
    for (int j = 0; j < NOUT; j++)
        if (!cell_ok(d->cols[j], i, nums[j], strs[j])) {
            pass = false;
            printf("#   column %s wrong (want %.17g / %s)\n", out_names[j], nums[j],
                   strs[j] ? strs[j] : "-");
        }
    ok(pass, "describe row of '%s'", w->column);
}

int main(void)
{
    lt_frame *f = input();
    lt_frame *d = lt_frame_describe(f);
    bool shape = d && d->nrow == 6 && d->ncol == NOUT;
    for (int j = 0; shape && j < NOUT; j++)
        shape = strcmp(d->names[j], out_names[j]) == 0;
    ok(shape, "describe: one row per column, the columns of describe.h");
    if (shape) {
        ok(d->cols[0]->type == LT_STR && d->cols[2]->type == LT_I64 && d->cols[4]->type == LT_F64
               && d->cols[11]->type == LT_I64 && d->cols[12]->type == LT_STR
               && d->cols[13]->type == LT_I64, "describe: column types");
        /* Rscript -e 'sprintf("%.17g", c(sd(c(1.5, -2, 4, 10)), sd(c(3, 1, 3, 8)),
         *                             sd(c(1, 0, 1, 1))))'
         * Dates are described like nominal columns: 4 distinct, each once,
         * so the first (1970-01-01) is the top. */
        const row want[] = {
            { "x", "f64", 4, 1, { 3.375, 5.0559371040391712, -2, 0.625, 2.75, 5.5, 10 },
              -1, NULL, -1 },
            { "k", "i64", 4, 1, { 3.75, 2.9860788111948193, 1, 2.5, 3, 4.25, 8 }, -1, NULL, -1 },
            { "flag", "bool", 4, 1, { 0.75, 0.5, 0, 0.75, 1, 1, 1 }, 2, "true", 3 },
            { "s", "str", 4, 1, { NA, NA, NA, NA, NA, NA, NA }, 2, "b", 2 },
            { "d", "date", 4, 1, { NA, NA, NA, NA, NA, NA, NA }, 4, "1970-01-01", 1 },
            { "empty", "f64", 0, 5, { NA, NA, NA, NA, NA, NA, NA }, -1, NULL, -1 },
        };
        for (int i = 0; i < 6; i++)
            check_row(d, i, &want[i]);
    }
    lt_frame_free(d);

    lt_frame *none = lt_frame_new();
    d = lt_frame_describe(none);
    ok(d && d->nrow == 0 && d->ncol == NOUT, "describe of a frame without columns");
    lt_frame_free(d);
    lt_frame_free(none);

    /* A str column with no value: unique 0, top and freq missing. */
    lt_frame *g = lt_frame_new();
    lt_col *c = lt_col_from_strs((const char *[]){ NULL, NULL }, NULL, 2);
    lt_frame_add(g, "z", c);
    lt_col_unref(c);
    d = lt_frame_describe(g);
    if (d)
        check_row(d, 0, &(row){ "z", "str", 0, 2, { NA, NA, NA, NA, NA, NA, NA }, 0, NULL, -1 });
    else
        ok(false, "describe row of 'z' (%s)", lt_errmsg());
    lt_frame_free(d);
    lt_frame_free(g);
    lt_frame_free(f);
    return tap_done();
}
