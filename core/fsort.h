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

/* Quantile q in [0, 1] of the sorted v[0..n), n >= 1, interpolated as
 * R's type 7 (numpy's "linear") computes it: (1 - h) v[i] + h v[i + 1] at
 * the 0-based position i + h = (n - 1) q.  Equal neighbours give their
 * value exactly (no 0 * Inf). */
static inline double lt_quantile7(const double *v, int64_t n, double q)
{
    double pos = (double)(n - 1) * q;
    int64_t i = (int64_t)floor(pos);
    double h = pos - (double)i;
    if (i >= n - 1 || h == 0 || v[i + 1] == v[i])
        return v[i < n - 1 ? i : n - 1];
    return (1 - h) * v[i] + h * v[i + 1];
}

#endif
