/* How far apart two distributions are: the Wasserstein distance of two
 * samples, the bins of a reference sample at its quantiles, and on
 * binned or category counts the population stability index, the
 * Jensen-Shannon distance and Pearson's chi-square test of homogeneity.
 * Samples are sorted ascending (fsort.h), without NaN. */
#ifndef LT_DIVERGENCE_H
#define LT_DIVERGENCE_H

#include <stdint.h>

/* The first Wasserstein (earth mover's) distance between the empirical
 * distributions of a[0..na) and b[0..nb), na, nb >= 1, both sorted:
 * the integral of |F_a - F_b|, as scipy.stats.wasserstein_distance
 * without weights, in one merge walk with a compensated sum.  Infinite
 * values as scipy 1.10 treats them: +Inf when the samples hold an
 * infinity (each infinity at most once in both together); NaN when one
 * infinity occurs twice or more in both together (scipy's step Inf - Inf,
 * even where the masses differ), or when finite values so far apart that
 * their step overflows lie where the two CDFs agree (0 * Inf). */
double lt_wasserstein(const double *a, int64_t na, const double *b, int64_t nb);

/* The population standard deviation (ddof = 0) of x[0..n), n >= 1, two
 * passes with compensated sums: the scale of lt_wasserstein's normalised
 * form (Evidently's wasserstein distance "normed"). */
double lt_sample_sd(const double *x, int64_t n);

/* Quantile bins of the sorted reference r[0..n), n >= 1: the inner
 * edges are the type 7 quantiles (fsort.h) at k / bins, k = 1 .. bins-1,
 * with repeated edges kept once, so a sample with few distinct values
 * gets fewer bins.  The bins are right-closed and the outer ones open:
 * (-Inf, e0], (e0, e1], ..., (e_last, +Inf), so that every value of
 * either sample falls in one (numpy: searchsorted(edges, x, "left")).
 * A NaN quantile (between -Inf and +Inf) is no edge.
 * edges needs room for bins - 1 values; returns the number of inner
 * edges m (0 .. bins - 1): there are m + 1 bins.  bins >= 1. */
int lt_quantile_edges(const double *r, int64_t n, int bins, double *edges);

/* The same edges from the quantiles q[k - 1] at k / bins, k = 1 .. bins - 1,
 * found otherwise (by selection, without sorting the reference): edges
 * (may be q itself) gets the kept ones; returns their number. */
int lt_quantile_edges_from(const double *q, int bins, double *edges);

/* Counts of the sorted x[0..n) in the m + 1 bins of the inner edges
 * edges[0..m) (as lt_quantile_edges defines them): count[0..m]. */
void lt_bin_counts(const double *x, int64_t n, const double *edges, int m, int64_t *count);

/* The default replacement of an empty bin's share in lt_psi. */
#define LT_PSI_EPS 1e-4

/* The population stability index of k bins or categories:
 *   sum_i (c_i - r_i) ln(c_i / r_i),
 * r_i = ref[i] / sum(ref) and c_i = cur[i] / sum(cur) the shares, a
 * share of 0 replaced by eps (> 0; LT_PSI_EPS by default) before the sum
 * so that a bin empty on one side counts (heavily) instead of giving
 * Inf.  NaN when either side has no count, a count is negative or eps is
 * not > 0. */
double lt_psi(const int64_t *ref, const int64_t *cur, int k, double eps);

/* The Jensen-Shannon distance of the shares of ref and cur (k counts
 * each), scipy.spatial.distance.jensenshannon(ref, cur, base): the
 * square root of (KL(p || m) + KL(q || m)) / 2, m = (p + q) / 2,
 * logarithms in `base` (> 0, != 1; 2 bounds it by 1, e gives scipy's
 * default); 0 log 0 = 0, no epsilon.  NaN when either side has no
 * count, a count is negative or the base is not finite, > 0 and != 1.
 * A sum that rounding leaves a hair below 0 gives 0 (scipy: NaN). */
double lt_js_distance(const int64_t *ref, const int64_t *cur, int k, double base);

typedef struct lt_chi2_result {
    double statistic, p_value;
    int df;
} lt_chi2_result;

/* Pearson's chi-square test of homogeneity of the 2 x k table whose
 * rows are ref and cur: scipy.stats.chi2_contingency(table,
 * correction = False) after dropping the categories empty in both rows;
 * df = (categories left) - 1, p from the chi-square distribution (GSL's
 * upper tail, accurate far into the tail).  A category unseen in the
 * reference is just a column with ref 0.  Degenerate tables give a
 * defined result, not an error: an empty row gives NaN, NaN, df (df 0
 * when fewer than two categories are left); else fewer than two
 * categories left gives statistic 0, p 1, df 0.  A negative count gives
 * NaN, NaN, 0.  With two
 * categories this is the two-proportion z-test (statistic z^2, the same
 * p-value). */
lt_chi2_result lt_chi2_homogeneity(const int64_t *ref, const int64_t *cur, int k);

#endif
