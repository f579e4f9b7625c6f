/* lt_anderson_ksamp (anderson.h): statistics worked by hand with exact
 * fractions, the merge against a direct transcription of Scholz and
 * Stephens' sums on random tied samples, rank invariance, the critical
 * values, the caps, and the errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anderson.h"
#include "error.h"
#include "fsort.h"
#include "rng.h"
#include "tap.h"

static int ad(lt_ad_result *r, int k, const double *const *x, const int64_t *n)
{
    memset(r, 0, sizeof *r);
    return lt_anderson_ksamp(x, n, k, r);
}

/* Two samples given inline. */
static int ad2(lt_ad_result *r, const double *a, int64_t na, const double *b, int64_t nb)
{
    const double *x[2] = { a, b };
    int64_t n[2] = { na, nb };
    return ad(r, 2, x, n);
}

/* The variance formula cancels badly for small N (at N = 4, terms of
 * about 500 leave 4/3), so the hand values agree to 1e-13, not 1e-16. */
#define HAND 1e-13

static void hand_values(void)
{
    lt_ad_result r;
    /* {1, 2} vs {3, 4}: N = 4, distinct z = 1..4 with B = 0.5, 1.5, 2.5,
     * 3.5 and B (N - B) - N / 4 = 0.75, 2.75, 2.75, 0.75.  Sample 1 has
     * M = 0.5, 1.5, 2, 2, so N M - 2 B = 1, 3, 3, 1; sample 2 the same
     * with signs -.  Each sample: (1/4) (1/0.75 + 9/2.75 + 9/2.75 +
     * 1/0.75) / 2 = 38/33, A2akN = (3/4) (76/33) = 19/11.  H = 1,
     * h = 1 + 1/2 + 1/3 = 11/6, g = (1/3)(1/2 + 1/3) + (1/2)(1/3) = 4/9,
     * a = 28/9, b = -277/9, c = 203/3, d = 24, sigma^2 = (64 a + 16 b + 4 c
     * + d) / 6 = 2/9; statistic (19/11 - 1) / sqrt(2/9) = 12 sqrt(2) / 11. */
    double a[] = { 1, 2 }, b[] = { 3, 4 };
    is_int(ad2(&r, a, 2, b, 2), 0, "{1,2} vs {3,4}: ok");
    is_num(r.statistic, 12 * sqrt(2) / 11, HAND, "{1,2} vs {3,4}: 12 sqrt(2) / 11");
    ok(!r.capped && r.p_value > 0.05 && r.p_value < 0.1, "{1,2} vs {3,4}: p = %g between the "
       "levels of its neighbouring critical values", r.p_value);

    /* identical samples: every M_ij = B_j n_i / N, A2akN = 0; the same N and
     * n as above, so sigma^2 = 2/9 and the statistic -1 / sqrt(2/9) */
    is_int(ad2(&r, a, 2, a, 2), 0, "{1,2} vs {1,2}: ok");
    is_num(r.statistic, -3 / sqrt(2), HAND, "identical samples: -3 / sqrt(2)");
    ok(r.capped && r.p_value == 0.25, "identical samples: p capped at 0.25");

    /* ties, {1, 2, 2} vs {2, 3}: z = 1, 2, 3 with l = 1, 3, 1; A2akN =
     * 43/30; H = 5/6, h = 25/12, g = 85/144, sigma^2 = 1429/5184 */
    double t1[] = { 1, 2, 2 }, t2[] = { 2, 3 };
    is_int(ad2(&r, t1, 3, t2, 2), 0, "{1,2,2} vs {2,3}: ok");
    is_num(r.statistic, (43.0 / 30 - 1) / sqrt(1429.0 / 5184), HAND,
           "ties: (43/30 - 1) / sqrt(1429/5184)");

    /* k = 3, {1}, {2}, {3, 4}: A2akN = 26/11, sigma^2 = 11/54, m = 2 */
    double u1[] = { 1 }, u2[] = { 2 }, u3[] = { 3, 4 };
    const double *x[3] = { u1, u2, u3 };
    int64_t n[3] = { 1, 1, 2 };
    is_int(ad(&r, 3, x, n), 0, "k = 3: ok");
    is_num(r.statistic, (26.0 / 11 - 2) / sqrt(11.0 / 54), HAND,
           "k = 3: (26/11 - 2) / sqrt(11/54)");
}

static void critical_values(void)
{
    double a[] = { 1, 2, 3 }, b[] = { 2, 5 };
    lt_ad_result r;
    ad2(&r, a, 3, b, 2);
    /* m = 1: b0 + b1 + b2 of Table 2 */
    static const double want1[LT_AD_NLEVEL] = { 0.325, 1.226, 1.961, 2.718, 3.752, 4.592, 6.546 };
    int bad = -1;
    for (int i = 0; i < LT_AD_NLEVEL; i++)
        if (fabs(r.critical[i] - want1[i]) > 1e-15 && bad < 0)
            bad = i;
    ok(bad < 0, "k = 2: critical values b0 + b1 + b2");
    /* m = 3: the 0.05 level, 1.645 + 0.678 / sqrt(3) - 0.362 / 3 */
    const double *x[4] = { a, b, a, b };
    int64_t n[4] = { 3, 2, 3, 2 };
    ad(&r, 4, x, n);
    is_num(r.critical[2], 1.645 + 0.678 / sqrt(3) - 0.362 / 3, 1e-15, "k = 4: 5%% critical value");
    ok(lt_ad_levels[0] == 0.25 && lt_ad_levels[6] == 0.001, "levels 0.25 .. 0.001");
}

/* Scholz and Stephens' eq. 7 and the variance, transcribed directly (a
 * count over all values per distinct value, g as the double sum). */
static double direct_statistic(int k, double *const *x, const int64_t *n)
{
    int64_t N = 0;
    for (int i = 0; i < k; i++)
        N += n[i];
    double *z = malloc((size_t)N * sizeof *z);
    for (int i = 0, p = 0; i < k; i++)
        for (int64_t j = 0; j < n[i]; j++)
            z[p++] = x[i][j];
    lt_f64_sort(z, N);
    double A = 0;
    for (int64_t j = 0; j < N; j++) {
        if (j > 0 && z[j] == z[j - 1])
            continue;
        double below = 0, l = 0;
        for (int64_t t = 0; t < N; t++) {
            below += z[t] < z[j];
            l += z[t] == z[j];
        }
        double B = below + l / 2;
        for (int i = 0; i < k; i++) {
            double le = 0, eq = 0;
            for (int64_t t = 0; t < n[i]; t++) {
                le += x[i][t] <= z[j];
                eq += x[i][t] == z[j];
            }
            double M = le - eq / 2, d = N * M - B * n[i];
            A += l / N * d * d / (B * (N - B) - N * l / 4) / n[i];
        }
    }
    A *= (N - 1.0) / N;
    double H = 0, h = 0, g = 0;
    for (int i = 0; i < k; i++)
        H += 1.0 / n[i];
    for (int64_t i = 1; i < N; i++)
        h += 1.0 / i;
    for (int64_t i = 1; i <= N - 2; i++)
        for (int64_t j = i + 1; j <= N - 1; j++)
            g += 1.0 / ((double)(N - i) * j);
    double K = k, fN = N;
    double a = (4 * g - 6) * (K - 1) + (10 - 6 * g) * H;
    double b = (2 * g - 4) * K * K + 8 * h * K + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * K * K + (4 * h - 4 * g + 6) * K + (2 * h - 6) * H + 4 * h;
    double d = (2 * h + 6) * K * K - 4 * h * K;
    double s2 = (a * fN * fN * fN + b * fN * fN + c * fN + d) / ((fN - 1) * (fN - 2) * (fN - 3));
    free(z);
    return (A - (K - 1)) / sqrt(s2);
}

static void against_direct(void)
{
    lt_rng rng;
    lt_rng_seed(&rng, 7);
    for (int rep = 0; rep < 6; rep++) {
        int k = 2 + rep % 3;
        double *x[4];
        int64_t n[4];
        for (int i = 0; i < k; i++) {
            n[i] = 5 + (int64_t)lt_rng_below(&rng, 120);
            x[i] = malloc((size_t)n[i] * sizeof *x[i]);
            /* integers 0..14 shifted per sample: many ties, some drift */
            for (int64_t j = 0; j < n[i]; j++)
                x[i][j] = (double)lt_rng_below(&rng, 15) + (rep > 2 ? i : 0);
            lt_f64_sort(x[i], n[i]);
        }
        lt_ad_result r;
        int rc = ad(&r, k, (const double *const *)x, n);
        double want = direct_statistic(k, x, n);
        ok(rc == 0 && fabs(r.statistic - want) <= 1e-12 * fmax(1, fabs(want)),
           "random tied samples %d (k = %d): merge = direct sums (%.15g, %.15g)", rep, k,
           r.statistic, want);
        for (int i = 0; i < k; i++)
            free(x[i]);
    }
}

static void invariance(void)
{
    lt_rng rng;
    lt_rng_seed(&rng, 11);
    enum { NA = 300, NB = 200 };
    double a[NA], b[NB], ta[NA], tb[NB];
    for (int i = 0; i < NA; i++)
        a[i] = floor(lt_rng_uniform(&rng) * 50);
    for (int i = 0; i < NB; i++)
        b[i] = floor(lt_rng_uniform(&rng) * 50 + 1);
    lt_f64_sort(a, NA);
    lt_f64_sort(b, NB);
    lt_ad_result r, s;
    ad2(&r, a, NA, b, NB);
    /* a rank test: any increasing map of the values changes nothing, bit
     * for bit, and the largest values may as well be +Inf */
    for (int i = 0; i < NA; i++)
        ta[i] = exp(a[i] / 10) - 3;
    for (int i = 0; i < NB; i++)
        tb[i] = exp(b[i] / 10) - 3;
    ad2(&s, ta, NA, tb, NB);
    ok(s.statistic == r.statistic && s.p_value == r.p_value, "increasing map: same statistic "
       "%.17g", s.statistic);
    double top = b[NB - 1];
    for (int i = 0; i < NA; i++)
        ta[i] = a[i] == top ? INFINITY : a[i];
    for (int i = 0; i < NB; i++)
        tb[i] = b[i] == top ? INFINITY : b[i];
    ad2(&s, ta, NA, tb, NB);
    ok(s.statistic == r.statistic, "the largest value as +Inf: same statistic");
    for (int i = 0; i < NA; i++)
        ta[i] = a[i] == a[0] ? -INFINITY : a[i];
    for (int i = 0; i < NB; i++)
        tb[i] = b[i] == a[0] ? -INFINITY : b[i];
    ad2(&s, ta, NA, tb, NB);
    ok(s.statistic == r.statistic, "the smallest value as -Inf: same statistic");
    /* swapping the samples: the same sums in another order */
    ad2(&s, b, NB, a, NA);
    is_num(s.statistic, r.statistic, 1e-13 * fabs(r.statistic), "samples swapped");
    ok(!r.capped && r.p_value > 0.001 && r.p_value < 0.25, "a shift of 1 in 50: p = %g "
       "interpolated", r.p_value);
}

static void caps(void)
{
    enum { N = 200 };
    double a[N], b[N];
    for (int i = 0; i < N; i++) {
        a[i] = i;
        b[i] = i + 150;
    }
    lt_ad_result r;
    ad2(&r, a, N, b, N);
    ok(r.capped && r.p_value == 0.001 && r.statistic > r.critical[6], "far apart: p capped at "
       "0.001 (statistic %g)", r.statistic);
    for (int i = 0; i < N; i++)
        b[i] = i + 0.5;
    ad2(&r, a, N, b, N);
    ok(r.capped && r.p_value == 0.25 && r.statistic < r.critical[0], "interleaved: p capped "
       "at 0.25 (statistic %g)", r.statistic);
    /* the p-value falls as the shift grows, through the interpolated range */
    double prev = 1;
    int falls = 1, interpolated = 0;
    for (int s = 0; s <= 60; s += 4) {
        for (int i = 0; i < N; i++)
            b[i] = i + s;
        ad2(&r, a, N, b, N);
        falls &= r.p_value <= prev;
        interpolated += !r.capped;
        prev = r.p_value;
    }
    ok(falls && interpolated >= 3, "p falls with the shift, %d values interpolated",
       interpolated);
}

static void errors(void)
{
    double a[] = { 1, 2, 3 }, b[] = { 2, 2 }, c[] = { 3, 1, 2 }, nanv[] = { 1, NAN, 2 };
    double e[] = { 5, 5, 5 }, f[] = { 5, 5 };
    lt_ad_result r;
    const double *x1[1] = { a };
    int64_t n1[1] = { 3 };
    is_int(ad(&r, 1, x1, n1), LT_EINVAL, "k = 1: LT_EINVAL");
    is_str(lt_errmsg(), "anderson_ksamp: k = 1 samples; the test needs at least 2", "k = 1: "
           "message");
    is_int(ad(&r, 0, x1, n1), LT_EINVAL, "k = 0: LT_EINVAL");
    is_int(ad2(&r, a, 3, b, 0), LT_EINVAL, "empty sample: LT_EINVAL");
    is_str(lt_errmsg(), "anderson_ksamp: sample 2 is empty; every sample needs at least one "
           "value", "empty sample: message");
    is_int(ad2(&r, e, 3, f, 2), LT_EINVAL, "all values equal: LT_EINVAL");
    is_str(lt_errmsg(), "anderson_ksamp: all values are equal; the test needs at least two "
           "distinct values", "all values equal: message");
    is_int(ad2(&r, a, 1, b, 2), LT_EINVAL, "N = 3: LT_EINVAL");
    is_str(lt_errmsg(), "anderson_ksamp: 3 values in all; the variance of the statistic needs "
           "at least 4", "N = 3: message");
    is_int(ad2(&r, a, 3, c, 3), LT_EINVAL, "unsorted sample: LT_EINVAL");
    is_str(lt_errmsg(), "anderson_ksamp: the samples must be sorted ascending without NaN",
           "unsorted sample: message");
    is_int(ad2(&r, a, 3, nanv, 3), LT_EINVAL, "NaN: LT_EINVAL");
    double g[] = { 1, 2 }, h[] = { 2, 2 };
    is_int(ad2(&r, g, 2, h, 2), 0, "N = 4, two distinct values: ok");
    ok(isfinite(r.statistic), "N = 4: finite statistic %g", r.statistic);
}

int main(void)
{
    hand_values();
    critical_values();
    against_direct();
    invariance();
    caps();
    errors();
    return tap_done();
}
