/* How far apart two distributions are (divergence.h): the Wasserstein
 * distance of two sorted samples in one merge walk, the quantile bins of
 * a reference and the counts of a sample in them, and PSI, Jensen-Shannon
 * and the chi-square test of homogeneity on counts.
 *
 * Every sum is compensated (nsum.h) and runs serially in a fixed order,
 * so the results do not depend on the thread count; the drift report
 * threads across columns, not inside these kernels.  The formulas follow
 * scipy 1.10 (stats.wasserstein_distance, spatial.distance.jensenshannon,
 * stats.chi2_contingency) and tests/reference holds the agreement. */
#include "divergence.h"

#include <math.h>
#include <stdbool.h>

#include <gsl/gsl_cdf.h>

#include "fsort.h"
#include "nsum.h"

/* 2^53: integers up to here are exact in a double. */
#define EXACT_INT 9007199254740992.0

/* The walk visits the distinct pooled values z in order; between z and
 * the next one z' the two empirical CDFs are the constants i / na and
 * j / nb (i, j the counts of a and b at or below z), so the integral is
 * the sum of |i / na - j / nb| (z' - z).  |i nb - j na| is an exact
 * integer while na nb < 2^53, so each weight has one rounding.
 *
 * Infinite values, as scipy's formula gives them: a step from or to an
 * infinity is infinite, so the distance is +Inf (the CDFs always differ
 * there: the infinity is the one extreme value of one sample); but an
 * infinity held twice in the pooled sample gives scipy a step Inf - Inf =
 * NaN, and so NaN, whatever else the samples hold.  A zero weight on an
 * infinite step (finite values so far apart that z' - z overflows, equal
 * CDFs between them) is 0 * Inf = NaN there too. */
double lt_wasserstein(const double *a, int64_t na, const double *b, int64_t nb)
{
    if (na < 1 || nb < 1)
        return NAN;
    double fa = (double)na, fb = (double)nb, nanb = fa * fb;
    bool exact = nanb <= EXACT_INT;
    bool any_nan = false, any_inf = false;
    nsum s = { 0, 0 };
    int64_t i = 0, j = 0;
    double z = a[0] < b[0] ? a[0] : b[0];
    for (;;) {
        int64_t i0 = i, j0 = j;
        while (i < na && a[i] == z)
            i++;
        while (j < nb && b[j] == z)
            j++;
        if (i == i0 && j == j0)
            return NAN;   /* a NaN, against the contract: no progress */
        if (isinf(z) && (i - i0) + (j - j0) > 1)
            any_nan = true;
        if (i == na && j == nb)
            break;
        double next;
        if (i == na)
            next = b[j];
        else if (j == nb)
            next = a[i];
        else
            next = a[i] < b[j] ? a[i] : b[j];
        double w = exact ? fabs((double)i * fb - (double)j * fa) / nanb
                         : fabs((double)i / fa - (double)j / fb);
        double t = w * (next - z);
        if (isnan(t))
            any_nan = true;
        else if (isinf(t))
            any_inf = true;
        else
            nsum_add(&s, t);
        z = next;
    }
    if (any_nan)
        return NAN;
    if (any_inf || isinf(s.s))
        return INFINITY;
    return nsum_value(&s);
}

double lt_sample_sd(const double *x, int64_t n)
{
    if (n < 1)
        return NAN;
    nsum s = { 0, 0 };
    for (int64_t i = 0; i < n; i++)
        nsum_add(&s, x[i]);
    double mean = nsum_value(&s) / (double)n;
    nsum ss = { 0, 0 };
    for (int64_t i = 0; i < n; i++) {
        double d = x[i] - mean;
        nsum_add(&ss, d * d);
    }
    return sqrt(nsum_value(&ss) / (double)n);
}

/* The quantiles rise with k, so a repeated edge is the previous one.  A
 * NaN edge (type 7 between -Inf and +Inf: a reference of infinities
 * only) is left out, so that every kept edge orders the values. */
int lt_quantile_edges(const double *r, int64_t n, int bins, double *edges)
{
    if (n < 1 || bins < 2)
        return 0;
    for (int k = 1; k < bins; k++)
        edges[k - 1] = lt_quantile7(r, n, (double)k / bins);
    return lt_quantile_edges_from(edges, bins, edges);
}

int lt_quantile_edges_from(const double *q, int bins, double *edges)
{
    int m = 0;
    for (int k = 1; k < bins; k++) {
        double e = q[k - 1];
        if (isnan(e) || (m > 0 && e == edges[m - 1]))
            continue;
        edges[m++] = e;
    }
    return m;
}

void lt_bin_counts(const double *x, int64_t n, const double *edges, int m, int64_t *count)
{
    int64_t prev = 0;
    for (int i = 0; i < m; i++) {
        int64_t end = lt_f64_upper_bound(x, prev, n, edges[i]);
        count[i] = end - prev;
        prev = end;
    }
    count[m] = n - prev;
}

/* The totals of two count vectors; false when a count is negative or a
 * total is 0 (no shares). */
static bool totals(const int64_t *ref, const int64_t *cur, int k, double *sr, double *sc)
{
    int64_t r = 0, c = 0;
    for (int i = 0; i < k; i++) {
        if (ref[i] < 0 || cur[i] < 0)
            return false;
        r += ref[i];
        c += cur[i];
    }
    *sr = (double)r;
    *sc = (double)c;
    return r > 0 && c > 0;
}

double lt_psi(const int64_t *ref, const int64_t *cur, int k, double eps)
{
    double sr, sc;
    if (!(eps > 0) || !totals(ref, cur, k, &sr, &sc))
        return NAN;
    nsum s = { 0, 0 };
    for (int i = 0; i < k; i++) {
        double r = (double)ref[i] / sr, c = (double)cur[i] / sc;
        if (r == 0)
            r = eps;
        if (c == 0)
            c = eps;
        nsum_add(&s, (c - r) * log(c / r));
    }
    return nsum_value(&s);
}

/* scipy.special.rel_entr for x >= 0, y > 0 where x > 0: x ln(x / y), and
 * 0 ln 0 = 0. */
static double rel_entr(double x, double y)
{
    return x > 0 ? x * log(x / y) : 0;
}

/* As scipy: p and q the shares, m their mean, the two divergences summed
 * apart and then together.  Rounding can leave a sum of nearly equal
 * shares a hair below 0, where scipy's square root gives NaN; here 0. */
double lt_js_distance(const int64_t *ref, const int64_t *cur, int k, double base)
{
    double sr, sc;
    if (!(base > 0) || base == 1 || isinf(base) || !totals(ref, cur, k, &sr, &sc))
        return NAN;
    nsum left = { 0, 0 }, right = { 0, 0 };
    for (int i = 0; i < k; i++) {
        double p = (double)ref[i] / sr, q = (double)cur[i] / sc, m = (p + q) / 2.0;
        nsum_add(&left, rel_entr(p, m));
        nsum_add(&right, rel_entr(q, m));
    }
    double js = (nsum_value(&left) + nsum_value(&right)) / log(base);
    return js > 0 ? sqrt(js / 2.0) : 0;
}

/* The expected counts are row total * column total / grand total, as
 * scipy's expected_freq forms them; each cell adds (O - E)^2 / E. */
lt_chi2_result lt_chi2_homogeneity(const int64_t *ref, const int64_t *cur, int k)
{
    lt_chi2_result res = { NAN, NAN, 0 };
    int64_t r = 0, c = 0;
    int kept = 0;
    for (int i = 0; i < k; i++) {
        if (ref[i] < 0 || cur[i] < 0)
            return res;
        r += ref[i];
        c += cur[i];
        kept += ref[i] + cur[i] > 0;
    }
    res.df = kept > 1 ? kept - 1 : 0;
    if (r == 0 || c == 0)
        return res;
    if (kept < 2) {
        res.statistic = 0;
        res.p_value = 1;
        return res;
    }
    double R = (double)r, C = (double)c, T = R + C;
    nsum s = { 0, 0 };
    for (int i = 0; i < k; i++) {
        double col = (double)(ref[i] + cur[i]);
        if (col == 0)
            continue;
        double er = R * col / T, ec = C * col / T;
        double dr = (double)ref[i] - er, dc = (double)cur[i] - ec;
        nsum_add(&s, dr * dr / er);
        nsum_add(&s, dc * dc / ec);
    }
    res.statistic = nsum_value(&s);
    res.p_value = gsl_cdf_chisq_Q(res.statistic, res.df);
    return res;
}
