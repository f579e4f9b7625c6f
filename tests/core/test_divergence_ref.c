/* core/divergence.c and core/anderson.c against scipy 1.10.1 and a PSI
 * written out in numpy 1.24, fixtures in tests/reference made by
 * make_divergence_fixtures.py (the script says what each file holds).
 *
 * Agreement asked, relative to scipy's value (so a 0 must be 0, an Inf an
 * Inf and a NaN a NaN), tighter than the 1e-9 for statistics and
 * 1e-6 for p-values since it is achieved (the largest differences seen,
 * printed as a TAP comment, are about 2e-14 for both):
 *   statistics and distances (Wasserstein, AD statistic, PSI, JS, chi2)
 *                                                      1e-10 (STAT);
 *   AD critical values and quantile edges              1e-12 (EXACTISH);
 *   AD p-values (the same interpolation) and chi-square p-values (GSL
 *   against scipy's cephes, down to 1e-215)            1e-9 (PVAL);
 * the AD cap flag, the number of edges, degrees of freedom exactly. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "anderson.h"
#include "divergence.h"
#include "fsort.h"
#include "reference.h"

#define STAT 1e-10
#define EXACTISH 1e-12
#define PVAL 1e-9

enum { MAXCASE = 64, MAXK = 4 };

/* The samples of one case of divergence_samples.csv, each sorted. */
typedef struct scase {
    char name[40];
    int k;
    double *x[MAXK];
    int64_t n[MAXK];
} scase;

static scase cases[MAXCASE];
static int ncases;

/* Largest relative difference seen per kind, for the TAP comments. */
static double worst_stat, worst_pval;

static double rel_diff(double got, double want)
{
    if ((isnan(got) && isnan(want)) || got == want)
        return 0;
    return want != 0 ? fabs(got - want) / fabs(want) : INFINITY;
}

static bool close_to(double got, double want, double rel, double *worst, const char *what,
                     const char *c)
{
    bool pass = ref_close(got, want, rel);
    double d = rel_diff(got, want);
    if (worst && isfinite(d) && d > *worst)
        *worst = d;
    ok(pass, "%s: %s", c, what);
    if (!pass)
        printf("#   got %.17g, want %.17g\n", got, want);
    return pass;
}

static const scase *find_case(const char *name)
{
    for (int i = 0; i < ncases; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    ok(0, "case %s in divergence_samples.csv", name);
    return NULL;
}

/* Read divergence_samples.csv: rows of a case are together, samples
 * numbered from 0; each sample sorted with lt_f64_sort. */
static bool load_samples(void)
{
    lt_frame *f = ref_read("divergence_samples.csv");
    if (!f)
        return false;
    for (int64_t from = 0, end; from < f->nrow && ncases < MAXCASE; from = end) {
        scase *s = &cases[ncases++];
        snprintf(s->name, sizeof s->name, "%s", ref_str(f, "case", from));
        end = from;
        while (end < f->nrow && strcmp(ref_str(f, "case", end), s->name) == 0) {
            int i = (int)ref_num(f, "sample", end);
            if (i + 1 > s->k)
                s->k = i + 1;
            s->n[i]++;
            end++;
        }
        for (int i = 0; i < s->k; i++) {
            s->x[i] = malloc((size_t)s->n[i] * sizeof *s->x[i]);
            s->n[i] = 0;
        }
        for (int64_t r = from; r < end; r++) {
            int i = (int)ref_num(f, "sample", r);
            s->x[i][s->n[i]++] = ref_num(f, "value", r);
        }
        for (int i = 0; i < s->k; i++)
            lt_f64_sort(s->x[i], s->n[i]);
    }
    ok(ncases == 29, "%d cases of samples", ncases);
    lt_frame_free(f);
    return true;
}

static void test_wasserstein(void)
{
    lt_frame *f = ref_read("divergence_wasserstein.csv");
    if (!f)
        return;
    for (int64_t r = 0; r < f->nrow; r++) {
        const scase *s = find_case(ref_str(f, "case", r));
        if (s)
            close_to(lt_wasserstein(s->x[0], s->n[0], s->x[1], s->n[1]), ref_num(f, "value", r),
                     STAT, &worst_stat, "wasserstein_distance", s->name);
    }
    ok(f->nrow == 22, "%lld Wasserstein cases", (long long)f->nrow);
    lt_frame_free(f);
}

static void test_anderson(void)
{
    lt_frame *f = ref_read("divergence_anderson.csv");
    if (!f)
        return;
    int uncapped = 0;
    for (int64_t r = 0; r < f->nrow; r++) {
        const scase *s = find_case(ref_str(f, "case", r));
        if (!s)
            continue;
        lt_ad_result res;
        int rc = lt_anderson_ksamp((const double *const *)s->x, s->n, s->k, &res);
        if (!ok(rc == 0, "%s: anderson_ksamp of %d samples", s->name, s->k)) {
            printf("# %s\n", lt_errmsg());
            continue;
        }
        close_to(res.statistic, ref_num(f, "statistic", r), STAT, &worst_stat, "AD statistic",
                 s->name);
        int bad = -1;
        for (int i = 0; i < LT_AD_NLEVEL; i++) {
            char col[4] = { 'c', (char)('1' + i), 0 };
            if (!ref_close(res.critical[i], ref_num(f, col, r), EXACTISH) && bad < 0)
                bad = i;
        }
        ok(bad < 0, "%s: the 7 critical values", s->name);
        if (bad >= 0)
            printf("#   c%d: got %.17g\n", bad + 1, res.critical[bad]);
        close_to(res.p_value, ref_num(f, "p_value", r), PVAL, &worst_pval, "AD p-value",
                 s->name);
        is_int(res.capped, (int)ref_num(f, "capped", r), "%s: capped as scipy warns", s->name);
        uncapped += !res.capped;
    }
    ok(f->nrow == 28 && uncapped == 6, "%lld AD cases, %d p-values interpolated",
       (long long)f->nrow, uncapped);
    lt_frame_free(f);
}

static void test_psi_bins(void)
{
    lt_frame *f = ref_read("divergence_psi.csv"), *e = ref_read("divergence_edges.csv");
    if (f && e) {
        int64_t erow = 0;
        for (int64_t r = 0; r < f->nrow; r++) {
            const scase *s = find_case(ref_str(f, "case", r));
            if (!s)
                continue;
            int bins = (int)ref_num(f, "bins", r);
            double edges[16];
            int m = lt_quantile_edges(s->x[0], s->n[0], bins, edges);
            is_int(m, (int)ref_num(f, "edges", r), "%s: %d bins, the number of edges", s->name,
                   bins);
            int bad = -1;
            for (int i = 0; i < m; i++, erow++)
                if ((erow >= e->nrow || strcmp(ref_str(e, "case", erow), s->name) != 0 ||
                     (int)ref_num(e, "i", erow) != i ||
                     !ref_close(edges[i], ref_num(e, "edge", erow), EXACTISH)) && bad < 0)
                    bad = i;
            ok(bad < 0, "%s: %d bins, the edges", s->name, bins);
            if (bad >= 0)
                printf("#   edge %d: got %.17g\n", bad, edges[bad]);
            int64_t rc[17], cc[17];
            lt_bin_counts(s->x[0], s->n[0], edges, m, rc);
            lt_bin_counts(s->x[1], s->n[1], edges, m, cc);
            char what[64];
            snprintf(what, sizeof what, "PSI on %d quantile bins", bins);
            close_to(lt_psi(rc, cc, m + 1, LT_PSI_EPS), ref_num(f, "psi", r), STAT, &worst_stat,
                     what, s->name);
            snprintf(what, sizeof what, "JS (base 2) on %d quantile bins", bins);
            close_to(lt_js_distance(rc, cc, m + 1, 2), ref_num(f, "js2", r), STAT, &worst_stat,
                     what, s->name);
        }
        ok(f->nrow == 34 && erow == e->nrow, "%lld PSI cases, %lld edges", (long long)f->nrow,
           (long long)erow);
    }
    lt_frame_free(f);
    lt_frame_free(e);
}

static void test_counts(void)
{
    lt_frame *f = ref_read("divergence_counts.csv");
    lt_frame *w = ref_read("divergence_counts_expected.csv");
    if (f && w) {
        int64_t r = 0;
        for (int64_t from = 0, end; from < f->nrow; from = end, r++) {
            const char *c = ref_str(f, "case", from);
            for (end = from; end < f->nrow && strcmp(ref_str(f, "case", end), c) == 0; end++)
                ;
            int k = (int)(end - from);
            int64_t ref[32], cur[32];
            for (int i = 0; i < k; i++) {
                ref[i] = (int64_t)ref_num(f, "ref", from + i);
                cur[i] = (int64_t)ref_num(f, "cur", from + i);
            }
            if (!ok(r < w->nrow && strcmp(ref_str(w, "case", r), c) == 0, "%s: expected row", c))
                break;
            close_to(lt_js_distance(ref, cur, k, 2), ref_num(w, "js2", r), STAT, &worst_stat,
                     "jensenshannon, base 2", c);
            close_to(lt_js_distance(ref, cur, k, M_E), ref_num(w, "jse", r), STAT, &worst_stat,
                     "jensenshannon, base e", c);
            close_to(lt_psi(ref, cur, k, LT_PSI_EPS), ref_num(w, "psi", r), STAT, &worst_stat,
                     "PSI", c);
            lt_chi2_result x = lt_chi2_homogeneity(ref, cur, k);
            close_to(x.statistic, ref_num(w, "chi2", r), STAT, &worst_stat, "chi2 statistic", c);
            close_to(x.p_value, ref_num(w, "chi2_p", r), PVAL, &worst_pval, "chi2 p-value", c);
            is_int(x.df, (int)ref_num(w, "df", r), "%s: chi2 degrees of freedom", c);
        }
        ok(r == 12 && r == w->nrow, "%lld count cases", (long long)r);
    }
    lt_frame_free(f);
    lt_frame_free(w);
}

int main(void)
{
    gsl_set_error_handler_off();   /* as lunette does at start-up */
    if (load_samples()) {
        test_wasserstein();
        test_anderson();
        test_psi_bins();
    }
    test_counts();
    printf("# largest relative difference: statistics %.3g, p-values %.3g\n", worst_stat,
           worst_pval);
    for (int i = 0; i < ncases; i++)
        for (int j = 0; j < cases[i].k; j++)
            free(cases[i].x[j]);
    return tap_done();
}
