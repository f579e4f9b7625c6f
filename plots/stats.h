/* Statistics behind the statistical layers: histogram bins, kernel
 * densities and box-plot summaries.  Inputs are plain double arrays;
 * NaN (missing) values are skipped and counted, Inf is an error for bins
 * and densities (no finite range).  Each definition follows a named peer
 * so the tests can compare to it:
 *   breaks    R's hist(): pretty(range(x), nclass.Sturges(x)) by default
 *             (a nice bin width, bins covering the data), or `bins` equal
 *             bins from min to max as numpy.histogram(x, bins);
 *   counts    numpy.histogram's rule: bins are [a, b) and the last is
 *             [a, b];
 *   density   Gaussian kernel, bandwidth R's bw.nrd0 (Silverman's rule of
 *             thumb) unless given, evaluated exactly at `npoints` points
 *             from min - 3 bw to max + 3 bw (R's cut = 3), as
 *             scipy.stats.gaussian_kde with the same bandwidth;
 *   box       R's boxplot.stats(coef = 1.5): hinges from fivenum, whiskers
 *             at the most extreme data within 1.5 IQR of the hinges,
 *             outliers beyond. */
#ifndef LT_STATS_H
#define LT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "figure.h"

typedef struct lt_hist {
    int nbins;
    double *edges;     /* nbins + 1 increasing edges (owned) */
    double *counts;    /* nbins counts (owned); densities when asked */
    size_t nused;      /* finite values counted */
    size_t nmissing;   /* NaN values skipped */
} lt_hist;

/* Edges of `bins` equal bins over [min, max] of x (bins <= 0: the R
 * default above), and the counts of x in them (lt_hist_count).  All-equal
 * data gets the range [v - 0.5, v + 0.5] (numpy's convention), one bin by
 * default.  0, LT_EINVAL (no finite value, an infinite value, bins > 1e6)
 * or LT_ENOMEM, with lt_errmsg. */
int lt_hist_init(lt_hist *h, const double *x, size_t n, int bins);
/* Count the values of x (possibly another sample: the `by` groups share
 * the edges of the whole) into h->counts, replacing what was there;
 * values outside the edges are not counted.  With `density`, counts are
 * divided by (n * width) so the bars have area 1.  0 or LT_EINVAL. */
int lt_hist_count(lt_hist *h, const double *x, size_t n, bool density);
void lt_hist_fini(lt_hist *h);

/* R's bw.nrd0(x) over the finite values of x: 0.9 * min(sd, IQR/1.34) *
 * n^-1/5, with R's fallbacks when that is 0.  LT_EINVAL when fewer than 2
 * finite values. */
int lt_bw_nrd0(const double *x, size_t n, double *bw);
/* Gaussian KDE of the finite values of x at npoints (>= 2) points
 * gx[0..npoints) from min - 3 bw to max + 3 bw; gy gets the density.
 * bw <= 0 means lt_bw_nrd0.  0, LT_EINVAL or LT_ENOMEM.
 * Exact (a sum over every value) up to n * npoints = 2^24; beyond, the
 * values are linearly binned first (as R's density() does) onto a grid
 * bw / 64 apart, and the kernel summed over grid points within 8.5 bw:
 * the error is below 3e-5 of the density's peak (binning error
 * delta^2 / 8 * integral |K''|), unless the data spans more than 16384
 * bandwidths (the grid is capped at 2^20 points). */
int lt_density(const double *x, size_t n, double bw, int npoints, double *gx,
               double *gy);

/* Box statistics of the finite values of x into *b (b->out malloc'd, free
 * it with free()).  LT_EINVAL with no finite value. */
int lt_box_compute(const double *x, size_t n, lt_box_stats *b);

#endif
