/* plots/stats.c against its peers on the example data (telco_churn.csv,
 * penguins.csv), fixtures in tests/reference made by
 * make_stats_fixtures.R (R 4.2: hist() breaks, bw.nrd0, boxplot.stats)
 * and make_stats_fixtures.py (numpy.histogram counts and densities,
 * scipy.stats.gaussian_kde).  Breaks, bandwidths and box statistics agree
 * to 1e-12 relative, counts exactly, exact densities to 1e-10 relative and
 * the binned density (35215 values) to 3e-5 of its peak. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "csv.h"
#include "error.h"
#include "frame.h"
#include "reference.h"
#include "stats.h"
#include "tap.h"

static lt_frame *read(const char *path)
{
    lt_frame *f = lt_csv_read(path, NULL);
    if (!ok(f != NULL, "read %s", path))
        printf("# %s\n", lt_errmsg());
    return f;
}

/* A column of a frame as doubles (NaN for missing); *n gets the length. */
static double *numbers(const lt_frame *f, const char *name, size_t *n)
{
    lt_col *c = lt_frame_col(f, name);
    if (c == NULL)
        return NULL;
    double *v = malloc((size_t)c->n * sizeof *v);
    for (int64_t i = 0; i < c->n; i++)
        v[i] = lt_col_get_num(c, i);
    *n = (size_t)c->n;
    return v;
}

static bool close_rel(double got, double want, double rel)
{
    return got == want || fabs(got - want) <= rel * fabs(want);
}

typedef struct data {
    lt_frame *telco, *peng;
} data;

static double *column(const data *d, const char *name, size_t *n)
{
    const lt_frame *f = strcmp(name, "body_mass_g") == 0 ||
                        strcmp(name, "bill_length_mm") == 0 ? d->peng : d->telco;
    return numbers(f, name, n);
}

static const char *const names[] = {
    "tenure", "monthly_charges", "total_charges", "body_mass_g", "bill_length_mm",
};

static void test_breaks_and_counts(const data *d, lt_frame *breaks, lt_frame *counts)
{
    for (size_t c = 0; c < sizeof names / sizeof names[0]; c++) {
        size_t n;
        double *x = column(d, names[c], &n);
        for (int bins = 0; bins <= 30; bins += bins == 0 ? 10 : 20) {
            lt_hist h;
            int rc = lt_hist_init(&h, x, n, bins);
            if (!ok(rc == 0, "%s, bins %d: %s", names[c], bins, rc ? lt_errmsg() : "ok"))
                continue;
            /* R's breaks (bins 0) */
            if (bins == 0) {
                int k = 0, bad = -1;
                for (int64_t i = 0; i < breaks->nrow; i++) {
                    if (strcmp(ref_str(breaks, "column", i), names[c]) != 0)
                        continue;
                    double want = ref_num(breaks, "value", i);
                    if (k > h.nbins || !close_rel(h.edges[k], want, 1e-12))
                        bad = bad < 0 ? k : bad;
                    k++;
                }
                ok(k == h.nbins + 1 && bad < 0, "%s: %d breaks as R's hist() (%d here)%s",
                   names[c], k, h.nbins + 1, bad >= 0 ? ", differ" : "");
            }
            /* numpy's edges (bins > 0) and counts */
            int k = 0, bad_edge = -1, bad_count = -1;
            double sum = 0;
            for (int64_t i = 0; i < counts->nrow; i++) {
                if (strcmp(ref_str(counts, "column", i), names[c]) != 0 ||
                    ref_num(counts, "bins", i) != bins)
                    continue;
                if (k <= h.nbins && !close_rel(h.edges[k], ref_num(counts, "edge", i), 1e-12) &&
                    bad_edge < 0)
                    bad_edge = k;
                if (k < h.nbins && h.counts[k] != ref_num(counts, "count", i) && bad_count < 0)
                    bad_count = k;
                if (k < h.nbins)
                    sum += h.counts[k];
                k++;
            }
            ok(k == h.nbins + 1 && bad_edge < 0, "%s, bins %d: %d edges as numpy's", names[c],
               bins, k);
            if (!ok(bad_count < 0, "%s, bins %d: counts as numpy.histogram", names[c], bins))
                printf("#   bin %d: %g\n", bad_count, h.counts[bad_count]);
            ok(h.nused == (size_t)sum && h.nused + h.nmissing == n, "%s: %zu used, %zu missing",
               names[c], h.nused, h.nmissing);
            /* densities */
            lt_hist_count(&h, x, n, true);
            k = 0;
            int bad = -1;
            for (int64_t i = 0; i < counts->nrow; i++) {
                if (strcmp(ref_str(counts, "column", i), names[c]) != 0 ||
                    ref_num(counts, "bins", i) != bins)
                    continue;
                if (k < h.nbins && !close_rel(h.counts[k], ref_num(counts, "density", i), 1e-12) &&
                    bad < 0)
                    bad = k;
                k++;
            }
            ok(bad < 0, "%s, bins %d: densities as numpy's density=True", names[c], bins);
            lt_hist_fini(&h);
        }
        free(x);
    }
}

static void test_bw_and_density(const data *d, lt_frame *bws, lt_frame *dens)
{
    for (size_t c = 0; c < sizeof names / sizeof names[0]; c++) {
        size_t n;
        double *x = column(d, names[c], &n);
        double bw = NAN, want = NAN;
        for (int64_t i = 0; i < bws->nrow; i++)
            if (strcmp(ref_str(bws, "column", i), names[c]) == 0)
                want = ref_num(bws, "bw", i);
        int rc = lt_bw_nrd0(x, n, &bw);
        ok(rc == 0 && close_rel(bw, want, 1e-12), "%s: bw.nrd0 %.17g, R %.17g", names[c], bw,
           want);
        enum { NP = 512 };
        double gx[NP], gy[NP];
        ok(lt_density(x, n, 0, NP, gx, gy) == 0, "%s: density", names[c]);
        int k = 0, badx = -1, bady = -1;
        double worst = 0;
        for (int64_t i = 0; i < dens->nrow; i++) {
            if (strcmp(ref_str(dens, "column", i), names[c]) != 0)
                continue;
            double wx = ref_num(dens, "x", i), wy = ref_num(dens, "y", i);
            if (k < NP) {
                if (!close_rel(gx[k], wx, 1e-12) && badx < 0)
                    badx = k;
                double rel = fabs(gy[k] - wy) / wy;
                worst = fmax(worst, rel);
                if (!(rel <= 1e-10) && bady < 0)
                    bady = k;
            }
            k++;
        }
        ok(k == NP && badx < 0, "%s: the points of numpy.linspace", names[c]);
        ok(bady < 0, "%s: density as scipy's gaussian_kde (worst %.2g relative)", names[c], worst);
        free(x);
    }
}

/* Past the exact path: monthly_charges 5 times over. */
static void test_density_binned(const data *d, lt_frame *big)
{
    size_t n;
    double *x = column(d, "monthly_charges", &n);
    double *x5 = malloc(5 * n * sizeof *x5);
    for (size_t r = 0; r < 5; r++)
        memcpy(x5 + r * n, x, n * sizeof *x);
    double want_bw = ref_num(big, "bw", 0), bw;
    int rc = lt_bw_nrd0(x5, 5 * n, &bw);
    ok(rc == 0 && close_rel(bw, want_bw, 1e-12), "bw.nrd0 of 35215 values %.17g, numpy %.17g",
       bw, want_bw);
    enum { NP = 512 };
    double gx[NP], gy[NP], peak = 0, worst = 0;
    ok(lt_density(x5, 5 * n, want_bw, NP, gx, gy) == 0, "binned density");
    ok(big->nrow == NP, "%lld points", (long long)big->nrow);
    for (int64_t i = 0; i < big->nrow && i < NP; i++)
        peak = fmax(peak, ref_num(big, "y", i));
    for (int64_t i = 0; i < big->nrow && i < NP; i++)
        worst = fmax(worst, fabs(gy[i] - ref_num(big, "y", i)));
    ok(worst <= 3e-5 * peak, "binned density within %.2g of the peak of scipy's", worst / peak);
    free(x5);
    free(x);
}

static void test_box(const data *d, lt_frame *box)
{
    /* rows come in blocks: lo q1 median q3 hi n out... per (column, group) */
    int64_t i = 0;
    while (i < box->nrow) {
        char col[64], grp[64];
        snprintf(col, sizeof col, "%s", ref_str(box, "column", i));
        snprintf(grp, sizeof grp, "%s", ref_str(box, "group", i));
        double want[6];
        for (int k = 0; k < 6; k++)
            want[k] = ref_num(box, "value", i + k);
        i += 6;
        int64_t o0 = i;
        while (i < box->nrow && strcmp(ref_str(box, "what", i), "out") == 0)
            i++;
        size_t nout = (size_t)(i - o0);

        size_t n;
        double *x = column(d, col, &n);
        if (grp[0]) {
            /* the rows of the group (telco contract or penguin species) */
            const lt_frame *f = strcmp(col, "body_mass_g") == 0 ? d->peng : d->telco;
            const char *key = f == d->peng ? "species" : "contract";
            size_t m = 0;
            for (size_t r = 0; r < n; r++)
                if (strcmp(ref_str(f, key, (int64_t)r), grp) == 0)
                    x[m++] = x[r];
            n = m;
        }
        lt_box_stats b;
        if (!ok(lt_box_compute(x, n, &b) == 0, "box %s %s", col, grp)) {
            free(x);
            continue;
        }
        double got[5] = {b.lo_whisker, b.q1, b.median, b.q3, b.hi_whisker};
        bool same = true;
        for (int k = 0; k < 5; k++)
            same = same && close_rel(got[k], want[k], 1e-12);
        ok(same, "%s%s%s: %g %g %g %g %g as boxplot.stats", col, grp[0] ? " by " : "", grp,
           got[0], got[1], got[2], got[3], got[4]);
        bool outs = b.nout == nout;
        for (size_t k = 0; outs && k < nout; k++)
            outs = b.out[k] == ref_num(box, "value", o0 + (int64_t)k);
        ok(outs, "%s %s: %zu outliers in data order (R: %zu)", col, grp, b.nout, nout);
        free(b.out);
        free(x);
    }
}

int main(void)
{
    data d;
    d.telco = read(EXAMPLES_DIR "/data/telco_churn.csv");
    d.peng = read(EXAMPLES_DIR "/data/penguins.csv");
    lt_frame *breaks = read(REFERENCE_DIR "/stats_breaks.csv");
    lt_frame *counts = read(REFERENCE_DIR "/stats_counts.csv");
    lt_frame *bws = read(REFERENCE_DIR "/stats_bw.csv");
    lt_frame *dens = read(REFERENCE_DIR "/stats_density.csv");
    lt_frame *big = read(REFERENCE_DIR "/stats_density_big.csv");
    lt_frame *box = read(REFERENCE_DIR "/stats_box.csv");
    if (d.telco && d.peng && breaks && counts && bws && dens && big && box) {
        test_breaks_and_counts(&d, breaks, counts);
        test_bw_and_density(&d, bws, dens);
        test_density_binned(&d, big);
        test_box(&d, box);
    }
    lt_frame_free(d.telco);
    lt_frame_free(d.peng);
    lt_frame_free(breaks);
    lt_frame_free(counts);
    lt_frame_free(bws);
    lt_frame_free(dens);
    lt_frame_free(big);
    lt_frame_free(box);
    return tap_done();
}
