/* Agreement of the window functions (core/window.c) with pandas on the
 * example data: tests/reference/window_telco.csv and window_air.csv, made
 * by tests/reference/make_window_fixtures.py (pandas 1.5.3).  The telco
 * functions run grouped by contract (groups built here from the contract
 * column, interleaved in file order) and ungrouped, over all rows; the
 * fixture holds a sample of the rows.  Values must agree to 1e-12
 * relative, missing values exactly; the number of bit-identical values is
 * reported as a TAP comment. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "csv.h"
#include "error.h"
#include "fn.h"
#include "frame.h"
#include "tap.h"

#define TOL 1e-12

typedef struct spec {
    const char *want;   /* fixture column */
    const char *fn;
    char kind;          /* parameter: 'i' i64, 'f' f64, 's' str, 0 none */
    const char *param;
    const char *x;      /* data column */
    bool grouped;
} spec;

static const spec telco_specs[] = {
    { "g_lag_1_monthly_charges", "lag", 'i', "1", "monthly_charges", true },
    { "g_lead_2_monthly_charges", "lead", 'i', "2", "monthly_charges", true },
    { "g_diff_1_monthly_charges", "diff", 'i', "1", "monthly_charges", true },
    { "g_cumsum_monthly_charges", "cumsum", 0, NULL, "monthly_charges", true },
    { "g_cummax_monthly_charges", "cummax", 0, NULL, "monthly_charges", true },
    { "g_cummin_monthly_charges", "cummin", 0, NULL, "monthly_charges", true },
    { "g_rank_average_monthly_charges", "rank", 's', "average", "monthly_charges", true },
    { "g_rank_dense_monthly_charges", "rank", 's', "dense", "monthly_charges", true },
    { "g_rank_first_monthly_charges", "rank", 's', "first", "monthly_charges", true },
    { "g_rolling_sum_3_monthly_charges", "rolling_sum", 'i', "3", "monthly_charges", true },
    { "g_rolling_mean_3_monthly_charges", "rolling_mean", 'i', "3", "monthly_charges", true },
    { "g_rolling_std_3_monthly_charges", "rolling_std", 'i', "3", "monthly_charges", true },
    { "g_rolling_min_3_monthly_charges", "rolling_min", 'i', "3", "monthly_charges", true },
    { "g_rolling_max_3_monthly_charges", "rolling_max", 'i', "3", "monthly_charges", true },
    { "g_rolling_std_20_monthly_charges", "rolling_std", 'i', "20", "monthly_charges", true },
    { "g_ewm_mean_0.3_monthly_charges", "ewm_mean", 'f', "0.3", "monthly_charges", true },
    { "g_cumsum_total_charges", "cumsum", 0, NULL, "total_charges", true },
    { "g_rank_average_total_charges", "rank", 0, NULL, "total_charges", true },
    { "g_rank_min_total_charges", "rank", 's', "min", "total_charges", true },
    { "g_rank_max_total_charges", "rank", 's', "max", "total_charges", true },
    { "g_rolling_mean_3_total_charges", "rolling_mean", 'i', "3", "total_charges", true },
    { "g_rolling_std_3_total_charges", "rolling_std", 'i', "3", "total_charges", true },
    { "g_rolling_max_3_total_charges", "rolling_max", 'i', "3", "total_charges", true },
    { "g_ewm_mean_0.3_total_charges", "ewm_mean", 'f', "0.3", "total_charges", true },
    { "g_diff_1_tenure", "diff", 0, NULL, "tenure", true },
    { "g_cumsum_tenure", "cumsum", 0, NULL, "tenure", true },
    { "g_rank_min_tenure", "rank", 's', "min", "tenure", true },
    { "g_rolling_sum_3_tenure", "rolling_sum", 'i', "3", "tenure", true },
    { "g_rolling_mean_20_tenure", "rolling_mean", 'i', "20", "tenure", true },
    { "all_cumsum_monthly_charges", "cumsum", 0, NULL, "monthly_charges", false },
    { "all_rank_average_monthly_charges", "rank", 0, NULL, "monthly_charges", false },
    { "all_rolling_std_20_monthly_charges", "rolling_std", 'i', "20", "monthly_charges", false },
    { "all_ewm_mean_0.3_monthly_charges", "ewm_mean", 'f', "0.3", "monthly_charges", false },
};

/* The air data: all ungrouped, durations on the month column. */
static const spec air_specs[] = {
    { "rolling_sum_90d", "rolling_sum", 's', "90d", "passengers", false },
    { "rolling_mean_90d", "rolling_mean", 's', "90d", "passengers", false },
    { "rolling_std_90d", "rolling_std", 's', "90d", "passengers", false },
    { "rolling_min_90d", "rolling_min", 's', "90d", "passengers", false },
    { "rolling_max_90d", "rolling_max", 's', "90d", "passengers", false },
    { "rolling_sum_365d", "rolling_sum", 's', "365d", "passengers", false },
    { "rolling_mean_365d", "rolling_mean", 's', "365d", "passengers", false },
    { "rolling_std_365d", "rolling_std", 's', "365d", "passengers", false },
    { "rolling_min_365d", "rolling_min", 's', "365d", "passengers", false },
    { "rolling_max_365d", "rolling_max", 's', "365d", "passengers", false },
    { "rolling_mean_12", "rolling_mean", 'i', "12", "passengers", false },
    { "rolling_std_12", "rolling_std", 'i', "12", "passengers", false },
    { "ewm_mean_0.2", "ewm_mean", 'f', "0.2", "passengers", false },
};

static const lt_fn *find(const char *name)
{
    for (const lt_fn *f = lt_window_fns; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static lt_frame *read(const char *path)
{
    lt_frame *f = lt_csv_read(path, NULL);
    if (!ok(f != NULL, "read %s", path))
        printf("# %s\n", lt_errmsg());
    return f;
}

/* Groups of the str column key, numbered by first appearance. */
typedef struct groups {
    lt_fn_ctx ctx;
    int32_t *gid;
    int64_t *start, *order;
} groups;

static int make_groups(groups *g, const lt_col *key)
{
    int64_t n = key->n;
    int32_t nd = lt_dict_size(key->dict);
    int32_t *id = malloc((size_t)nd * sizeof *id);
    g->gid = malloc((size_t)n * sizeof *g->gid);
    g->start = calloc((size_t)nd + 1, sizeof *g->start);
    g->order = malloc((size_t)n * sizeof *g->order);
    int64_t *fill = calloc((size_t)nd + 1, sizeof *fill);
    if (!id || !g->gid || !g->start || !g->order || !fill)
        return -1;
    int32_t ng = 0;
    for (int32_t c = 0; c < nd; c++)
        id[c] = -1;
    for (int64_t i = 0; i < n; i++) {
        int32_t c = lt_col_codes(key)[i];
        if (id[c] < 0)
            id[c] = ng++;
        g->gid[i] = id[c];
        g->start[id[c] + 1]++;
    }
    for (int32_t k = 0; k < ng; k++)
        g->start[k + 1] += g->start[k];
    memcpy(fill, g->start, (size_t)(ng + 1) * sizeof *fill);
    for (int64_t i = 0; i < n; i++)
        g->order[fill[g->gid[i]]++] = i;
    g->ctx = (lt_fn_ctx){ .nrow = n, .ngroups = ng, .gid = g->gid, .start = g->start,
                          .order = g->order };
    free(id);
    free(fill);
    return 0;
}

/* Run spec s on data and compare with the fixture's column at rows
 * rows[0..m) of the data (rows NULL: the fixture's row i is row i). */
static void check(const spec *s, const lt_frame *data, const lt_frame *want, const int64_t *rows,
                  const lt_fn_ctx *ctx, lt_col *on)
{
    const lt_fn *f = find(s->fn);
    lt_col *x = lt_frame_col(data, s->x), *w = lt_frame_col(want, s->want);
    if (!f || !x || !w) {
        ok(0, "%s: function %s and columns %s and %s", s->want, s->fn, s->x, s->want);
        return;
    }
    lt_col *args[3] = { x, NULL, on };
    int nargs = 1;
    switch (s->kind) {
    case 'i': args[nargs++] = lt_col_scalar_i64(atoll(s->param)); break;
    case 'f': args[nargs++] = lt_col_scalar_f64(atof(s->param)); break;
    case 's': args[nargs++] = lt_col_scalar_str(s->param, strlen(s->param)); break;
    }
    if (on)
        nargs = 3;
    lt_col *r = f->impl(args, nargs, ctx);
    lt_col_unref(args[1]);
    if (!r) {
        ok(0, "%s: %s", s->want, lt_errmsg());
        return;
    }
    int64_t exact = 0, bad = -1;
    double worst = 0;
    for (int64_t i = 0; i < w->n; i++) {
        int64_t row = rows ? rows[i] : i;
        double g = lt_col_get_num(r, row), e = lt_col_get_num(w, i);
        if (isnan(g) || isnan(e)) {
            if (isnan(g) != isnan(e) && bad < 0)
                bad = i;
            exact++;
            continue;
        }
        double rel = g == e ? 0 : fabs(g - e) / fabs(e);
        exact += g == e;
        if (rel > worst)
            worst = rel;
        if (!(rel <= TOL) && bad < 0)
            bad = i;
    }
    if (!ok(bad < 0, "%s agrees with pandas", s->want))
        printf("#   data row %lld: got %.17g, want %.17g\n",
               (long long)(rows ? rows[bad] : bad) + 1,
               lt_col_get_num(r, rows ? rows[bad] : bad), lt_col_get_num(w, bad));
    printf("#   %lld of %lld values bit-identical, largest relative difference %.3g\n",
           (long long)exact, (long long)w->n, worst);
    lt_col_unref(r);
}

/* Every fixture column (but those named in `skip`) has a spec. */
static void covered(const lt_frame *want, const spec *specs, size_t n, const char *skip1,
                    const char *skip2)
{
    int missing = 0;
    for (int c = 0; c < want->ncol; c++) {
        const char *name = want->names[c];
        if (strcmp(name, skip1) == 0 || (skip2 && strcmp(name, skip2) == 0))
            continue;
        size_t k = 0;
        while (k < n && strcmp(specs[k].want, name) != 0)
            k++;
        if (k == n) {
            printf("# fixture column %s is not checked\n", name);
            missing++;
        }
    }
    ok(missing == 0, "every fixture column is checked");
}

static void test_telco(void)
{
    lt_frame *data = read(EXAMPLES_DIR "/data/telco_churn.csv");
    lt_frame *want = read(REFERENCE_DIR "/window_telco.csv");
    if (!data || !want) {
        lt_frame_free(data);
        lt_frame_free(want);
        return;
    }
    size_t ns = sizeof telco_specs / sizeof *telco_specs;
    covered(want, telco_specs, ns, "row", "contract");
    lt_col *row = lt_frame_col(want, "row");
    lt_col *key = lt_frame_col(data, "contract");
    groups g = { 0 };
    if (ok(row && row->type == LT_I64 && key && key->type == LT_STR && make_groups(&g, key) == 0,
           "telco: rows of the fixture and groups by contract")) {
        is_int(g.ctx.ngroups, 3, "three contracts");
        lt_fn_ctx all = { .nrow = data->nrow, .ngroups = 1 };
        for (size_t k = 0; k < ns; k++)
            check(&telco_specs[k], data, want, lt_col_i64(row),
                  telco_specs[k].grouped ? &g.ctx : &all, NULL);
    }
    free(g.gid);
    free(g.start);
    free(g.order);
    lt_frame_free(data);
    lt_frame_free(want);
}

static void test_air(void)
{
    lt_frame *data = read(EXAMPLES_DIR "/data/air_passengers.csv");
    lt_frame *want = read(REFERENCE_DIR "/window_air.csv");
    if (!data || !want) {
        lt_frame_free(data);
        lt_frame_free(want);
        return;
    }
    size_t ns = sizeof air_specs / sizeof *air_specs;
    covered(want, air_specs, ns, "month", NULL);
    lt_col *month = lt_frame_col(data, "month"), *wmonth = lt_frame_col(want, "month");
    bool same = month && wmonth && month->type == LT_TIME && wmonth->type == LT_TIME &&
                month->n == wmonth->n &&
                memcmp(month->data, wmonth->data, (size_t)month->n * sizeof(int64_t)) == 0;
    if (ok(same, "air: the fixture's months are the data's")) {
        lt_fn_ctx all = { .nrow = data->nrow, .ngroups = 1 };
        for (size_t k = 0; k < ns; k++)
            check(&air_specs[k], data, want, NULL, &all,
                  air_specs[k].kind == 's' ? month : NULL);
    }
    lt_frame_free(data);
    lt_frame_free(want);
}

int main(void)
{
    test_telco();
    test_air();
    return tap_done();
}
