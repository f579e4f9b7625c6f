/* divergence.h: the Wasserstein distance, the population sd, quantile
 * edges and bin counts, PSI, Jensen-Shannon and the chi-square test of
 * homogeneity on values worked by hand, with ties, infinities, empty
 * bins and degenerate tables. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "divergence.h"
#include "tap.h"

#define W(a, b) lt_wasserstein(a, sizeof a / sizeof a[0], b, sizeof b / sizeof b[0])

static void wasserstein(void)
{
    double one0[] = { 0 }, one5[] = { 5 };
    is_num(W(one0, one5), 5, 0, "one value each: |0 - 5|");
    double a[] = { 0, 1, 3 }, b[] = { 5, 6, 8 };
    /* disjoint, b = a + 5: steps 1/3 * 1 + 2/3 * 2 + 1 * 2 + 2/3 * 1 + 1/3 * 2 */
    is_num(W(a, b), 5, 1e-15, "disjoint, shifted by 5: 5");
    is_num(W(b, a), 5, 1e-15, "symmetric");
    is_num(W(a, a), 0, 0, "identical: exactly 0");
    double t1[] = { 1, 1, 2 }, t2[] = { 1, 2, 2 };
    is_num(W(t1, t2), 1.0 / 3, 1e-16, "ties {1,1,2} vs {1,2,2}: |2/3 - 1/3| * 1");
    double u1[] = { 0, 2 }, u2[] = { 1 };
    is_num(W(u1, u2), 1, 1e-16, "unequal sizes {0,2} vs {1}: 1/2 + 1/2");
    double c1[] = { 3, 3, 3 }, c2[] = { 3, 3 }, c3[] = { 4, 4 };
    is_num(W(c1, c2), 0, 0, "equal constants: 0");
    is_num(W(c1, c3), 1, 0, "constants 3 and 4: 1");
    double s1[] = { -0.0, 1 }, s2[] = { 0.0, 1 };
    is_num(W(s1, s2), 0, 0, "-0 and 0 are one value");

    /* infinities as scipy 1.10 gives them */
    double f1[] = { 1, 2 }, i1[] = { 1, INFINITY };
    is_num(W(f1, i1), INFINITY, 0, "+Inf in one sample: Inf");
    double i2[] = { 2, INFINITY };
    ok(isnan(W(i1, i2)), "+Inf in both: NaN (scipy's Inf - Inf step)");
    double i3[] = { 0, INFINITY, INFINITY }, f3[] = { 1, 2 };
    ok(isnan(W(i3, f3)), "+Inf twice in one sample: NaN (scipy's Inf - Inf step)");
    double n1[] = { -INFINITY, 1 }, p1[] = { 0, INFINITY };
    is_num(W(n1, p1), INFINITY, 0, "-Inf in one, +Inf in the other: Inf");
    double h1[] = { -1e308, 1e308 }, h2[] = { -1e308, 1e308, 1e308 };
    ok(isnan(W(h1, h1)), "equal CDFs over an overflowing step: 0 * Inf = NaN, as scipy");
    is_num(W(h1, h2), INFINITY, 0, "unequal CDFs over an overflowing step: Inf");
    double bad[] = { 1, NAN };
    ok(isnan(W(bad, f1)), "a NaN (against the contract): NaN, no endless loop");
    ok(isnan(lt_wasserstein(a, 0, b, 3)), "empty sample: NaN");

    /* large: b = a + 0.25, 10^6 values each: exactly the shift */
    enum { N = 1000000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    for (int i = 0; i < N; i++) {
        x[i] = (double)i / N;
        y[i] = x[i] + 0.25;
    }
    is_num(lt_wasserstein(x, N, y, N), 0.25, 1e-13, "10^6 vs 10^6 shifted by 0.25");
    /* half the sample: uniform on [0, 1) vs on [0, 0.5), W = 1/4 too */
    is_num(lt_wasserstein(x, N, x, N / 2), 0.25, 1e-6, "uniform [0,1) vs its lower half");
    free(x);
    free(y);
}

static void sample_sd(void)
{
    double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 }, w[8];
    is_num(lt_sample_sd(v, 8), 2, 1e-15, "sd of {2,4,4,4,5,5,7,9}: 2");
    for (int i = 0; i < 8; i++)
        w[i] = v[i] + 1e9;
    is_num(lt_sample_sd(w, 8), 2, 1e-15, "the same shifted by 1e9: 2 (two passes)");
    is_num(lt_sample_sd(v, 1), 0, 0, "one value: 0");
    double c[] = { 7.25, 7.25, 7.25 };
    is_num(lt_sample_sd(c, 3), 0, 0, "constant: 0");
    ok(isnan(lt_sample_sd(v, 0)), "no value: NaN");
}

static void edges_and_counts(void)
{
    double r[10], e[9];
    for (int i = 0; i < 10; i++)
        r[i] = i + 1;
    /* positions 9 k / 4 = 2.25, 4.5, 6.75 on 1..10 */
    int m = lt_quantile_edges(r, 10, 4, e);
    ok(m == 3 && e[0] == 3.25 && e[1] == 5.5 && e[2] == 7.75, "quartiles of 1..10: 3.25, 5.5, "
       "7.75 (m = %d)", m);
    is_int(lt_quantile_edges(r, 10, 1, e), 0, "one bin: no edge");
    /* seven 0s and three 1s, deciles at positions 0.9 k: 0 for k <= 6,
     * 0.3 at 6.3, 1 at 7.2 and 8.1: repeated edges merged */
    double f[] = { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1 };
    m = lt_quantile_edges(f, 10, 10, e);
    ok(m == 3 && e[0] == 0 && fabs(e[1] - 0.3) < 1e-15 && e[2] == 1, "few distinct values: "
       "edges 0, 0.3, 1 (m = %d)", m);
    double c[] = { 4, 4, 4, 4 };
    m = lt_quantile_edges(c, 4, 10, e);
    ok(m == 1 && e[0] == 4, "constant reference: one edge, two bins");
    m = lt_quantile_edges(c, 1, 5, e);
    ok(m == 1 && e[0] == 4, "one value: one edge");
    double inf[] = { -INFINITY, INFINITY };
    is_int(lt_quantile_edges(inf, 2, 2, e), 0, "-Inf and +Inf only: the NaN median is no edge");
    double ti[] = { 1, 2, INFINITY, INFINITY };
    m = lt_quantile_edges(ti, 4, 2, e);
    ok(m == 1 && e[0] == INFINITY, "median between 2 and Inf: Inf");

    /* right-closed: a value on an edge counts in the bin below it */
    double x[] = { 1, 2, 2, 3, 5 }, ed[] = { 2, 4 };
    int64_t k[3];
    lt_bin_counts(x, 5, ed, 2, k);
    ok(k[0] == 3 && k[1] == 1 && k[2] == 1, "counts (-Inf,2] (2,4] (4,Inf): 3 1 1");
    double ed2[] = { 0, 10 };
    lt_bin_counts(x, 5, ed2, 2, k);
    ok(k[0] == 0 && k[1] == 5 && k[2] == 0, "all in the middle bin");
    lt_bin_counts(x, 5, ed, 0, k);
    is_int(k[0], 5, "no edge: one bin of all");
    lt_bin_counts(x, 0, ed, 2, k);
    ok(k[0] == 0 && k[1] == 0 && k[2] == 0, "no value: zeros");
    double xi[] = { -INFINITY, 2, INFINITY };
    lt_bin_counts(xi, 3, ed, 2, k);
    ok(k[0] == 2 && k[1] == 0 && k[2] == 1, "infinities in the outer bins");
}

static void psi(void)
{
    int64_t r[] = { 50, 50 }, c[] = { 50, 50 };
    is_num(lt_psi(r, c, 2, LT_PSI_EPS), 0, 0, "equal shares: 0");
    int64_t r2[] = { 60, 40 }, c2[] = { 40, 60 };
    /* (0.4 - 0.6) ln(0.4/0.6) + (0.6 - 0.4) ln(0.6/0.4) = 0.4 ln 1.5 */
    is_num(lt_psi(r2, c2, 2, LT_PSI_EPS), 0.4 * log(1.5), 1e-15, "60/40 vs 40/60: 0.4 ln 1.5");
    int64_t r3[] = { 100, 0 }, c3[] = { 50, 50 };
    /* the empty reference bin's share is eps */
    is_num(lt_psi(r3, c3, 2, LT_PSI_EPS), -0.5 * log(0.5) + (0.5 - 1e-4) * log(0.5 / 1e-4), 1e-15,
           "empty reference bin: share 1e-4");
    is_num(lt_psi(c3, r3, 2, LT_PSI_EPS), -0.5 * log(0.5) + (0.5 - 1e-4) * log(0.5 / 1e-4), 1e-15,
           "empty current bin: the same (PSI is symmetric)");
    is_num(lt_psi(r3, c3, 2, 1e-3), -0.5 * log(0.5) + (0.5 - 1e-3) * log(0.5 / 1e-3), 1e-15,
           "eps 1e-3");
    int64_t r4[] = { 3, 0, 5 }, c4[] = { 6, 0, 10 };
    is_num(lt_psi(r4, c4, 3, LT_PSI_EPS), 0, 0, "a bin empty on both sides adds 0");
    int64_t z[] = { 0, 0 }, neg[] = { 5, -1 };
    ok(isnan(lt_psi(z, c, 2, LT_PSI_EPS)), "empty reference: NaN");
    ok(isnan(lt_psi(r, z, 2, LT_PSI_EPS)), "empty current: NaN");
    ok(isnan(lt_psi(r, c, 2, 0)), "eps 0: NaN");
    ok(isnan(lt_psi(neg, c, 2, LT_PSI_EPS)), "negative count: NaN");
    ok(isnan(lt_psi(r, c, 0, LT_PSI_EPS)), "no bins: NaN");
}

static void js(void)
{
    int64_t a[] = { 1, 2, 3 }, b[] = { 2, 4, 6 };
    is_num(lt_js_distance(a, b, 3, 2), 0, 0, "same shares: 0");
    int64_t d1[] = { 5, 5, 0, 0 }, d2[] = { 0, 0, 3, 7 };
    is_num(lt_js_distance(d1, d2, 4, 2), 1, 1e-15, "disjoint supports, base 2: 1");
    is_num(lt_js_distance(d1, d2, 4, M_E), sqrt(log(2)), 1e-15, "disjoint, base e: sqrt(ln 2)");
    /* p = (1/2, 1/2), q = (1, 0), m = (3/4, 1/4):
     * KL(p||m) = ln(2/3)/2 + ln(2)/2, KL(q||m) = ln(4/3) */
    int64_t p[] = { 1, 1 }, q[] = { 1, 0 };
    double kl = 0.5 * log(2.0 / 3) + 0.5 * log(2) + log(4.0 / 3);
    is_num(lt_js_distance(p, q, 2, 2), sqrt(kl / 2 / log(2)), 1e-15, "{1,1} vs {1,0}, base 2");
    is_num(lt_js_distance(p, q, 2, 10), sqrt(kl / 2 / log(10)), 1e-15, "base 10");
    is_num(lt_js_distance(q, p, 2, 2), sqrt(kl / 2 / log(2)), 1e-15, "symmetric");
    int64_t z[] = { 0, 0 }, neg[] = { 1, -1 };
    ok(isnan(lt_js_distance(z, p, 2, 2)), "empty reference: NaN");
    ok(isnan(lt_js_distance(p, z, 2, 2)), "empty current: NaN");
    ok(isnan(lt_js_distance(p, q, 2, 1)), "base 1: NaN");
    ok(isnan(lt_js_distance(p, q, 2, 0)), "base 0: NaN");
    ok(isnan(lt_js_distance(p, q, 2, -2)), "negative base: NaN");
    ok(isnan(lt_js_distance(neg, q, 2, 2)), "negative count: NaN");
}

static void chi2(void)
{
    /* 30/100 vs 45/100: pooled 0.375, z^2 = 0.15^2 / (0.375 0.625 (2/100))
     * = 4.8; p = P(|Z| > z) = erfc(z / sqrt 2) */
    int64_t r[] = { 30, 70 }, c[] = { 45, 55 };
    lt_chi2_result x = lt_chi2_homogeneity(r, c, 2);
    is_num(x.statistic, 4.8, 1e-14, "2 x 2: z^2 of the two-proportion test, 4.8");
    is_num(x.p_value, erfc(sqrt(4.8 / 2)), 1e-15, "2 x 2: two-sided normal p-value");
    is_int(x.df, 1, "2 x 2: df 1");
    int64_t r0[] = { 0, 30, 0, 70 }, c0[] = { 0, 45, 0, 55 };
    x = lt_chi2_homogeneity(r0, c0, 4);
    ok(x.statistic == lt_chi2_homogeneity(r, c, 2).statistic && x.df == 1, "columns empty in "
       "both rows dropped: the same test");
    /* E = 15 20 25 in both rows: 2 (25/15 + 0 + 25/25) = 16/3, df 2,
     * p = exp(-x / 2) */
    int64_t r3[] = { 10, 20, 30 }, c3[] = { 20, 20, 20 };
    x = lt_chi2_homogeneity(r3, c3, 3);
    is_num(x.statistic, 16.0 / 3, 1e-14, "2 x 3: 16/3");
    is_num(x.p_value, exp(-8.0 / 3), 1e-15, "2 x 3: exp(-8/3)");
    is_int(x.df, 2, "2 x 3: df 2");
    /* an unseen category: ref 0 in a column; E = 5 5 | 5 5 in col 2 */
    int64_t ru[] = { 10, 0 }, cu[] = { 0, 10 };
    x = lt_chi2_homogeneity(ru, cu, 2);
    is_num(x.statistic, 20, 1e-14, "categories each seen on one side: N = 20");
    int64_t rs[] = { 10, 20, 30 }, cs[] = { 20, 40, 60 };
    x = lt_chi2_homogeneity(rs, cs, 3);
    ok(x.statistic == 0 && x.p_value == 1 && x.df == 2, "same shares: 0, p 1");
    /* degenerate tables */
    int64_t r1[] = { 0, 17, 0 }, c1[] = { 0, 4, 0 };
    x = lt_chi2_homogeneity(r1, c1, 3);
    ok(x.statistic == 0 && x.p_value == 1 && x.df == 0, "one category left: 0, p 1, df 0");
    int64_t ze[] = { 0, 0, 0 };
    x = lt_chi2_homogeneity(ze, r3, 3);
    ok(isnan(x.statistic) && isnan(x.p_value) && x.df == 2, "empty reference: NaN, NaN, df 2");
    x = lt_chi2_homogeneity(r3, ze, 3);
    ok(isnan(x.statistic) && isnan(x.p_value) && x.df == 2, "empty current: NaN, NaN, df 2");
    x = lt_chi2_homogeneity(ze, ze, 3);
    ok(isnan(x.statistic) && isnan(x.p_value) && x.df == 0, "both empty: NaN, NaN, df 0");
    x = lt_chi2_homogeneity(r1, ze, 3);
    ok(isnan(x.statistic) && x.df == 0, "one category, empty current: NaN, df 0");
    x = lt_chi2_homogeneity(r, c, 0);
    ok(isnan(x.statistic) && x.df == 0, "no category: NaN, df 0");
    int64_t neg[] = { 5, -1 };
    x = lt_chi2_homogeneity(neg, c, 2);
    ok(isnan(x.statistic) && isnan(x.p_value) && x.df == 0, "negative count: NaN, NaN, 0");
    /* far in the tail: GSL's upper tail, not 1 - cdf */
    int64_t rt[] = { 5000, 5000 }, ct[] = { 4000, 6000 };
    x = lt_chi2_homogeneity(rt, ct, 2);
    ok(x.p_value > 0 && x.p_value < 1e-40, "tail p-value %g stays above 0", x.p_value);
    is_num(x.p_value, erfc(sqrt(x.statistic / 2)), 1e-9 * x.p_value, "tail: erfc agrees");
}

int main(void)
{
    gsl_set_error_handler_off();   /* as lunette does at start-up */
    wasserstein();
    sample_sd();
    edges_and_counts();
    psi();
    js();
    chi2();
    return tap_done();
}
