/* The k-sample Anderson-Darling test (anderson.h) as scipy 1.10's
 * stats.anderson_ksamp computes it with midrank = True: the statistic
 * A2akN of Scholz and Stephens (1987, eq. 7), standardised by its
 * variance under the null, the critical values of their Table 2 and the
 * p-value scipy interpolates from them.
 *
 * scipy finds, for every distinct pooled value z_j, its place in the
 * pooled and in each sorted sample by binary search, O(L k log N) for L
 * distinct values.  Here one k-way merge walks the sorted samples
 * together and meets the z_j in order, O(N + L k): for the drift report's
 * two samples of a million values, a few milliseconds.  The counts are
 * kept as integers "twice the midrank", exact in a double, so each term
 * has a handful of roundings and the terms add up compensated (nsum.h),
 * serially: the same result whatever the thread count. */
#include "anderson.h"

#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "nsum.h"

const double lt_ad_levels[LT_AD_NLEVEL] = { 0.25, 0.10, 0.05, 0.025, 0.01, 0.005, 0.001 };

/* Scholz and Stephens, Table 2: critical value b0 + b1 / sqrt(m) + b2 / m
 * for m = k - 1, at lt_ad_levels. */
static const double tab_b0[LT_AD_NLEVEL] = { 0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085 };
static const double tab_b1[LT_AD_NLEVEL] = { -0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615 };
static const double tab_b2[LT_AD_NLEVEL] = { -0.105, -0.305, -0.362, -0.391, -0.396, -0.345,
                                             -0.154 };

/* A2akN by the merge.  At the distinct value z_j, with c pooled values
 * below it, l equal to it and c' = N - c - l above, and in sample i
 * (n_i values) f_i equal to it and u_i at or below it:
 *   B_j  = c + l / 2             (scipy's Bj, the pooled midrank)
 *   M_ij = u_i - f_i / 2         (scipy's Mij)
 *   B_j (N - B_j) - N l / 4 = c c' + (c + c') l / 4
 * and the term of (i, j) is l / N (N M_ij - B_j n_i)^2 / that, over n_i.
 * With d = 2 (N M_ij - B_j n_i) = N (2 M_ij) - (2 B_j) n_i and D = 4
 * (c c' + (c + c') l / 4), both integers (exact while N^2 < 2^52), the
 * term is l d^2 / (N D n_i); the sum over i and j, times (N - 1) / N.
 * The next z is the least head of the samples; it must rise strictly,
 * else a sample is out of order (or holds a NaN): LT_EINVAL.  pos[] and
 * twoM[] are scratch of k values each. */
static int midrank_statistic(const double *const *x, const int64_t *n, int k, int64_t N,
                             int64_t *pos, double *twoM, double *a2)
{
    double fN = (double)N;
    int64_t below = 0;
    double prev = -INFINITY;
    nsum s = { 0, 0 };
    for (int i = 0; i < k; i++)
        pos[i] = 0;
    while (below < N) {
        double z = NAN;
        for (int i = 0; i < k; i++)
            if (pos[i] < n[i] && (isnan(z) || x[i][pos[i]] < z))
                z = x[i][pos[i]];
        if (isnan(z) || (below > 0 && !(z > prev)))
            return lt_seterr(LT_EINVAL, "anderson_ksamp: the samples must be sorted ascending "
                             "without NaN");
        prev = z;
        int64_t l = 0;
        for (int i = 0; i < k; i++) {
            int64_t p = pos[i];
            while (pos[i] < n[i] && x[i][pos[i]] == z)
                pos[i]++;
            l += pos[i] - p;
            twoM[i] = (double)(p + pos[i]);
        }
        double fc = (double)below, fl = (double)l, above = (double)(N - below - l);
        double twoB = 2 * fc + fl, D = 4 * fc * above + (fc + above) * fl;
        double t = 0;
        for (int i = 0; i < k; i++) {
            double d = fN * twoM[i] - twoB * (double)n[i];
            t += d * d / (double)n[i];
        }
        nsum_add(&s, fl * t / D);
        below += l;
    }
    *a2 = nsum_value(&s) / fN * ((fN - 1) / fN);
    return 0;
}

/* The variance of A2akN under the null (Scholz and Stephens, eq. 4), with
 * H = sum 1 / n_i, h = sum_{i < N} 1 / i and
 * g = sum_{i <= N-2} sum_{i < j < N} 1 / ((N - i) j), which scipy forms
 * as the running sums of 1 / (N-1), 1 / (N-2), ... over 2, 3, ...; so
 * here, compensated.  N >= 4. */
static double null_variance(const int64_t *n, int k, int64_t N)
{
    nsum Hs = { 0, 0 }, run = { 0, 0 }, gs = { 0, 0 };
    for (int i = 0; i < k; i++)
        nsum_add(&Hs, 1.0 / (double)n[i]);
    for (int64_t t = 0; t <= N - 3; t++) {
        nsum_add(&run, 1.0 / (double)(N - 1 - t));
        nsum_add(&gs, nsum_value(&run) / (double)(t + 2));
    }
    double H = nsum_value(&Hs), h = nsum_value(&run) + 1, g = nsum_value(&gs);
    double fk = k, fN = (double)N;
    double a = (4 * g - 6) * (fk - 1) + (10 - 6 * g) * H;
    double b = (2 * g - 4) * fk * fk + 8 * h * fk + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * fk * fk + (4 * h - 4 * g + 6) * fk + (2 * h - 6) * H + 4 * h;
    double d = (2 * h + 6) * fk * fk - 4 * h * fk;
    return (a * fN * fN * fN + b * fN * fN + c * fN + d) / ((fN - 1) * (fN - 2) * (fN - 3));
}

/* The least-squares quadratic through (x[i], y[i]), i < 7, as numpy's
 * polyfit(x, y, 2) finds it: the columns x^2, x, 1 scaled to unit length
 * and a Householder QR (polyfit solves by SVD; both are backward stable
 * and agree far below the 1e-9 the tests ask).  c[0] x^2 + c[1] x + c[2]. */
static void quadratic_fit(const double *x, const double *y, double c[3])
{
    enum { R = LT_AD_NLEVEL };
    double A[3][R], b[R], scale[3];
    for (int i = 0; i < R; i++) {
        A[0][i] = x[i] * x[i];
        A[1][i] = x[i];
        A[2][i] = 1;
        b[i] = y[i];
    }
    for (int j = 0; j < 3; j++) {
        double ss = 0;
        for (int i = 0; i < R; i++)
            ss += A[j][i] * A[j][i];
        scale[j] = sqrt(ss);
        for (int i = 0; i < R; i++)
            A[j][i] /= scale[j];
    }
    /* Householder reflections: column j below the diagonal to 0, the
     * same reflection applied to the later columns and to b */
    for (int j = 0; j < 3; j++) {
        double norm = 0;
        for (int i = j; i < R; i++)
            norm += A[j][i] * A[j][i];
        norm = sqrt(norm);
        double alpha = A[j][j] > 0 ? -norm : norm;
        double v[R];
        for (int i = 0; i < R; i++)
            v[i] = i < j ? 0 : A[j][i];
        v[j] -= alpha;
        double vv = 0;
        for (int i = j; i < R; i++)
            vv += v[i] * v[i];
        for (int jj = j; jj < 3; jj++) {
            double dot = 0;
            for (int i = j; i < R; i++)
                dot += v[i] * A[jj][i];
            for (int i = j; i < R; i++)
                A[jj][i] -= 2 * dot / vv * v[i];
        }
        double dot = 0;
        for (int i = j; i < R; i++)
            dot += v[i] * b[i];
        for (int i = j; i < R; i++)
            b[i] -= 2 * dot / vv * v[i];
    }
    /* back substitution on the upper triangle R c = (Q^T b)[0..3) */
    for (int j = 2; j >= 0; j--) {
        double t = b[j];
        for (int jj = j + 1; jj < 3; jj++)
            t -= A[jj][j] * c[jj];
        c[j] = t / A[j][j];
    }
    for (int j = 0; j < 3; j++)
        c[j] /= scale[j];
}

int lt_anderson_ksamp(const double *const *x, const int64_t *n, int k, lt_ad_result *out)
{
    if (k < 2)
        return lt_seterr(LT_EINVAL, "anderson_ksamp: k = %d samples; the test needs at least 2",
                         k);
    int64_t N = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < k; i++) {
        if (n[i] < 1)
            return lt_seterr(LT_EINVAL, "anderson_ksamp: sample %d is empty; every sample "
                             "needs at least one value", i + 1);
        N += n[i];
        if (x[i][0] < lo)
            lo = x[i][0];
        if (x[i][n[i] - 1] > hi)
            hi = x[i][n[i] - 1];
    }
    if (!(lo < hi))
        return lt_seterr(LT_EINVAL, "anderson_ksamp: all values are equal; the test needs at "
                         "least two distinct values");
    if (N < 4)
        return lt_seterr(LT_EINVAL, "anderson_ksamp: %lld values in all; the variance of the "
                         "statistic needs at least 4", (long long)N);
    int64_t *pos = malloc((size_t)k * sizeof *pos);
    double *twoM = malloc((size_t)k * sizeof *twoM);
    double a2kn = 0;
    int rc = pos && twoM ? midrank_statistic(x, n, k, N, pos, twoM, &a2kn) : lt_nomem();
    free(pos);
    free(twoM);
    if (rc < 0)
        return rc;

    double m = k - 1;
    out->statistic = (a2kn - m) / sqrt(null_variance(n, k, N));
    double cmin = INFINITY, cmax = -INFINITY, logsig[LT_AD_NLEVEL];
    for (int i = 0; i < LT_AD_NLEVEL; i++) {
        out->critical[i] = tab_b0[i] + tab_b1[i] / sqrt(m) + tab_b2[i] / m;
        cmin = fmin(cmin, out->critical[i]);
        cmax = fmax(cmax, out->critical[i]);
        logsig[i] = log(lt_ad_levels[i]);
    }
    double A2 = out->statistic;
    out->capped = true;
    if (A2 < cmin) {
        out->p_value = lt_ad_levels[0];
    } else if (A2 > cmax) {
        out->p_value = lt_ad_levels[LT_AD_NLEVEL - 1];
    } else {
        double c[3];
        quadratic_fit(out->critical, logsig, c);
        out->p_value = exp((c[0] * A2 + c[1]) * A2 + c[2]);
        out->capped = false;
    }
    return 0;
}
