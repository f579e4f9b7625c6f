/* The drift report on unsorted samples (psi, js and chi2 on numbers
 * count in the reference's quantile bins, ks walks the few buckets that
 * may hold its statistic, by fselect.h) against the same from sorted
 * samples: the statistic as lt_quantile_edges, lt_bin_counts and the
 * kernels give it, D and p as lt_ks_statistic and lt_ks_pvalue, and the
 * plot bins and notes as wasserstein (which sorts) gives them, on
 * samples of many shapes and sizes, with missing values: both above
 * DP_SORT_SMALL values (unsorted), one (the other sorted), none. */
#include <stdlib.h>
#include <string.h>

#include "colbuild.h"
#include "divergence.h"
#include "drift.h"
#include "fsort.h"
#include "ks.h"
#include "shapes.h"
#include "tap.h"

/* A column of n values of shape sh, every 9th missing when `holes`. */
static lt_col *shaped(shape sh, int64_t n, double shift, bool holes)
{
    double *v = sample(sh, n, shift);
    for (int64_t i = 8; holes && i < n; i += 9)
        v[i] = NAN;
    lt_col *c = cf(n, v);
    free(v);
    return c;
}

/* The non-missing values of c, sorted. */
static double *sorted_values(const lt_col *c, int64_t *n)
{
    const double *x = lt_col_f64(c);
    double *v = malloc((size_t)(c->n ? c->n : 1) * sizeof *v);
    *n = 0;
    for (int64_t i = 0; i < c->n; i++)
        if (x[i] == x[i])
            v[(*n)++] = x[i];
    lt_f64_sort(v, *n);
    return v;
}

/* The statistic of method m on the reference's 10 quantile bins of the
 * sorted samples. */
static double binned(lt_drift_method m, const double *a, int64_t na, const double *b,
                     int64_t nb)
{
    double edges[9];
    int64_t cnt[2][10];
    int e = lt_quantile_edges(a, na, 10, edges);
    lt_bin_counts(a, na, edges, e, cnt[0]);
    lt_bin_counts(b, nb, edges, e, cnt[1]);
    if (m == LT_DRIFT_PSI)
        return lt_psi(cnt[0], cnt[1], e + 1, LT_PSI_EPS);
    if (m == LT_DRIFT_JS)
        return lt_js_distance(cnt[0], cnt[1], e + 1, 2);
    return lt_chi2_homogeneity(cnt[0], cnt[1], e + 1).statistic;
}

static bool same_hist(const lt_drift_hist *x, const lt_drift_hist *y)
{
    bool eq = x->nbin == y->nbin && x->ncat == 0 && y->ncat == 0;
    for (int i = 0; eq && i < x->nbin; i++)
        eq = x->ref[i] == y->ref[i] && x->cur[i] == y->cur[i];
    for (int i = 0; eq && x->nbin && i <= x->nbin; i++)
        eq = same(x->edges[i], y->edges[i]);
    return eq;
}

static bool same_cats(const lt_drift_hist *x, const lt_drift_hist *y)
{
    bool eq = x->ncat == y->ncat && x->nbin == 0 && y->nbin == 0;
    for (int i = 0; eq && i < x->ncat; i++)
        eq = strcmp(x->cats[i], y->cats[i]) == 0 && x->ref[i] == y->ref[i]
             && x->cur[i] == y->cur[i];
    return eq;
}

static bool same_note(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static void check(const char *what, lt_col *r, lt_col *c)
{
    lt_drift_col sorted, got;
    lt_drift_spec spec = {"x", LT_DRIFT_WASSERSTEIN, NAN, false};
    int64_t na, nb;
    double *a = sorted_values(r, &na), *b = sorted_values(c, &nb);
    ok(lt_drift_column(r, c, &spec, NULL, &sorted) == 0, "%s: wasserstein", what);
    lt_drift_method ms[] = {LT_DRIFT_PSI, LT_DRIFT_JS, LT_DRIFT_CHI2, LT_DRIFT_KS};
    for (int k = 0; k < 4; k++) {
        spec.method = ms[k];
        const char *name = lt_drift_method_name(ms[k]);
        ok(lt_drift_column(r, c, &spec, NULL, &got) == 0, "%s: %s", what, name);
        if (got.kind != LT_DRIFT_NUMERIC) {   /* few distinct values: categories */
            ok(got.hist.ncat > 0, "%s: %s as categories", what, name);
        } else {
            bool stat = na == 0 || nb == 0 ? isnan(got.statistic) : false;
            if (na && nb && ms[k] != LT_DRIFT_KS) {
                stat = same(got.statistic, binned(ms[k], a, na, b, nb));
            } else if (na && nb) {
                double dx, p = lt_ks_pvalue(lt_ks_statistic(a, na, b, nb), na, nb, LT_KS_AUTO,
                                            NULL, &dx);
                stat = same(got.statistic, dx) && same(got.p_value, p);
            }
            ok(stat, "%s: %s statistic as from the sorted samples", what, name);
            ok(same_hist(&got.hist, &sorted.hist), "%s: %s plot bins as wasserstein's", what,
               name);
            ok(same_note(got.note, sorted.note), "%s: %s note as wasserstein's (%s)", what, name,
               got.note ? got.note : "none");
        }
        lt_drift_col_clear(&got);
    }
    lt_drift_col_clear(&sorted);
    free(a);
    free(b);

    /* up to 100 distinct values counted as categories in a hash set, as
     * when asked for (the sorted samples merged) */
    lt_drift_opts o;
    lt_drift_opts_init(&o);
    o.max_distinct = 100;
    spec.method = LT_DRIFT_PSI;
    ok(lt_drift_column(r, c, &spec, &o, &got) == 0, "%s: psi, max_distinct 100", what);
    if (got.kind == LT_DRIFT_CATEGORICAL) {
        lt_drift_col asked;
        spec.categorical = true;
        ok(lt_drift_column(r, c, &spec, &o, &asked) == 0, "%s: psi as categories", what);
        ok(same(got.statistic, asked.statistic) && same_cats(&got.hist, &asked.hist)
               && same_note(got.note, asked.note) && got.nunseen == asked.nunseen,
           "%s: few categories of numbers hashed as merged", what);
        lt_drift_col_clear(&asked);
    }
    lt_drift_col_clear(&got);
}

/* Over time the windows are compared the same way: psi's plot bins as
 * wasserstein's in each window, against the first one and against a
 * frame. */
static void test_over_time(void)
{
    int64_t n = 30000;
    double *t = malloc((size_t)n * sizeof *t);
    for (int64_t i = 0; i < n; i++)
        t[i] = (double)(i % 3) * 10 + 1;
    lt_frame *f = lt_frame_new(), *ref = lt_frame_new();
    lt_frame_add(f, "t", cf(n, t));
    lt_frame_add(f, "x", shaped(DECIMALS, n, 0, true));
    lt_frame_add(f, "k", shaped(INTEGERS, n, 0, false));
    lt_frame_add(ref, "x", shaped(DECIMALS, 5000, 1, false));
    lt_frame_add(ref, "k", shaped(INTEGERS, 5000, 1, false));
    for (int base = LT_DRIFT_FIRST; base <= LT_DRIFT_FRAME; base += LT_DRIFT_FRAME) {
        lt_drift_opts o;
        lt_drift_opts_init(&o);
        o.method = LT_DRIFT_PSI;
        lt_drift_series *p = lt_drift_over_time(f, "t", "10", base, ref, NULL, 0, &o);
        o.method = LT_DRIFT_WASSERSTEIN;
        lt_drift_series *k = lt_drift_over_time(f, "t", "10", base, ref, NULL, 0, &o);
        bool eq = p && k && p->nwin == 3;
        for (int w = 0; eq && w < p->nwin; w++)
            for (int j = 0; eq && p->win[w] && j < p->win[w]->ncol; j++)
                eq = same_hist(&p->win[w]->cols[j].hist, &k->win[w]->cols[j].hist)
                     && same_note(p->win[w]->cols[j].note, k->win[w]->cols[j].note);
        ok(eq, "over time against the %s: psi's plot bins and notes as wasserstein's",
           base == LT_DRIFT_FIRST ? "first window" : "frame");
        lt_drift_series_free(p);
        lt_drift_series_free(k);
    }
    lt_frame_free(f);
    lt_frame_free(ref);
    free(t);
    drain();
}

int main(void)
{
    lt_rng_seed(&rng, 11);
    int64_t sizes[][2] = {{100000, 60000}, {20000, 9000}, {5000, 1000},
                          {2000, 3000}, {70, 65}, {300, 1}};
    char what[96];
    for (int sh = 0; sh < NSHAPE; sh++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            for (int holes = 0; holes < 2; holes++) {
                snprintf(what, sizeof what, "%s, %lld and %lld values%s", shape_name[sh],
                         (long long)sizes[k][0], (long long)sizes[k][1],
                         holes ? ", some missing" : "");
                check(what, shaped((shape)sh, sizes[k][0], 0, holes),
                      shaped((shape)sh, sizes[k][1], sh == CONSTANT ? 0 : 0.5, holes));
                drain();
            }
    test_over_time();
    /* all missing on one side: the plot of the other */
    check("all missing in current", shaped(DECIMALS, 5000, 0, false),
          cf(3, (double[]){NA, NA, NA}));
    drain();
    return tap_done();
}
