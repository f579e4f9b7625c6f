/* Sorted samples of doubles: a radix sort of a plain array and type 7
 * quantiles of a sorted one, for the kernels that read a sample in
 * order (drift's two-sample tests and bins, bootstrap intervals). */
#ifndef LT_FSORT_H
#define LT_FSORT_H

#include <math.h>
#include <stdint.h>

/* Sort v[0..n) ascending in place (-Inf first, +Inf last; -0.0 and 0.0
 * equal, -0.0 comes back as 0.0; NaN must not occur).  An LSD radix sort on one thread: the
 * callers thread across samples.  0, or LT_ENOMEM when the scratch array
 * (n doubles) cannot be allocated. */
int lt_f64_sort(double *v, int64_t n);

/* Where the type 7 quantile q of n sorted values lies: at the 0-based
 * position *i + *h = (n - 1) q, between index *i and *i + 1. */
static inline void lt_quantile7_at(int64_t n, double q, int64_t *i, double *h)
{
    double pos = (double)(n - 1) * q;
    *i = (int64_t)floor(pos);
    *h = pos - (double)*i;
}

/* The type 7 value between the neighbours lo and hi at fraction h:
 * (1 - h) lo + h hi, and lo itself when h is 0 or the neighbours are
 * equal (no 0 * Inf). */
static inline double lt_quantile7_mix(double lo, double hi, double h)
{
    return h == 0 || hi == lo ? lo : (1 - h) * lo + h * hi;
}

/* Quantile q in [0, 1] of the sorted v[0..n), n >= 1, interpolated as
 * R's type 7 (numpy's "linear") computes it: (1 - h) v[i] + h v[i + 1] at
 * the 0-based position i + h = (n - 1) q.  Equal neighbours give their
 * value exactly (no 0 * Inf). */
static inline double lt_quantile7(const double *v, int64_t n, double q)
{
    int64_t i;
    double h;
    lt_quantile7_at(n, q, &i, &h);
    return i >= n - 1 ? v[n - 1] : lt_quantile7_mix(v[i], v[i + 1], h);
}

/* The first index i in lo..n of the sorted v[0..n) with v[i] > x (n when
 * none): C++'s upper_bound, a binary search from lo.  So the count of
 * v[lo..n) at or below x is the result minus lo. */
static inline int64_t lt_f64_upper_bound(const double *v, int64_t lo, int64_t n, double x)
{
    int64_t hi = n;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The k-th smallest (0-based, k < na + nb) of the sorted a[0..na) and
 * b[0..nb) together, without merging them. */
double lt_f64_kth2(const double *a, int64_t na, const double *b, int64_t nb, int64_t k);

#endif
