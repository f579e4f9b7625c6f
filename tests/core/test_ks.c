/* The two-sample Kolmogorov-Smirnov test (ks.h) on values derived by
 * hand: the statistic of tiny samples (disjoint, identical, all tied,
 * one value each, +-Inf, signed zeros, unequal sizes, ties across the
 * samples) and against a brute-force searchsorted on random tied
 * samples; the exact p-value against a count of every interleaving of
 * two samples of up to 16 values together; the lattice rounding (half to
 * even), the method chosen, both fallbacks of the exact mode; the
 * asymptotic p-value's n (round half to even); closed forms, bounds,
 * monotonicity and the agreement of scipy's exact methods where they meet
 * for lt_kolmogorov_sf; the error paths. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fsort.h"
#include "ks.h"
#include "rng.h"
#include "tap.h"

static double stat(const double *a, int64_t na, const double *b, int64_t nb)
{
    return lt_ks_statistic(a, na, b, nb);
}

static void test_statistic_by_hand(void)
{
    double a3[] = {1, 2, 3}, b3[] = {4, 5, 6};
    is_num(stat(a3, 3, b3, 3), 1.0, 0, "disjoint samples: D = 1");
    is_num(stat(b3, 3, a3, 3), 1.0, 0, "disjoint samples, swapped: D = 1");
    is_num(stat(a3, 3, a3, 3), 0.0, 0, "identical samples: D = 0");
    double one[] = {1}, two[] = {2};
    is_num(stat(one, 1, two, 1), 1.0, 0, "one value each, different: D = 1");
    is_num(stat(one, 1, one, 1), 0.0, 0, "one value each, equal: D = 0");
    double t3[] = {2, 2, 2}, t2[] = {2, 2}, u2[] = {3, 3};
    is_num(stat(t3, 3, t2, 2), 0.0, 0, "all values tied across both samples: D = 0");
    is_num(stat(t3, 3, u2, 2), 1.0, 0, "two constants: D = 1");
    /* ties across the samples are compared after the whole run of equal
     * values: at 1, F_a = 1 and F_b = 1/2 (not F_b = 0) */
    double a01[] = {0, 1}, b12[] = {1, 2};
    is_num(stat(a01, 2, b12, 2), 0.5, 0, "a tie across the samples: D = 1/2, not 1");
    double at[] = {1, 2, 2, 3}, bt[] = {2, 2, 2, 4};
    is_num(stat(at, 4, bt, 4), 0.25, 0, "runs of ties in both: D = 1/4");
    double a4[] = {1, 2, 3, 4}, b2[] = {2.5, 10};
    is_num(stat(a4, 4, b2, 2), 0.5, 0, "4 vs 2 values: D = 1/2");
    double a1[] = {1, 5, 9}, b7[] = {2, 3, 4, 6, 7, 8, 10};
    is_num(stat(a1, 3, b7, 7), 1.0 / 3.0, 0, "3 vs 7 values: D = 1/3 (at the first value)");
    is_num(stat(b7, 7, a1, 3), 1.0 / 3.0, 0, "7 vs 3 values: D = 1/3");
    double ai[] = {-INFINITY, 0, INFINITY}, bi[] = {-INFINITY, -INFINITY, 1};
    /* |1/3 - 2/3| at -Inf and |2/3 - 1| at 1 tie; as doubles the second is
     * larger, and scipy's max takes it */
    is_num(stat(ai, 3, bi, 3), 1.0 - 2.0 / 3.0, 0, "-Inf and +Inf as values: D = 1 - 2/3");
    double ainf[] = {INFINITY, INFINITY}, bfin[] = {1, 2};
    is_num(stat(ainf, 2, bfin, 2), 1.0, 0, "+Inf only against finite values: D = 1");
    double binf[] = {INFINITY};
    is_num(stat(ainf, 2, binf, 1), 0.0, 0, "+Inf against +Inf: D = 0");
    double z1[] = {-0.0}, z2[] = {0.0};
    is_num(stat(z1, 1, z2, 1), 0.0, 0, "-0 and +0 are tied: D = 0");
    double h1[] = {-1e300, 1e-300, 1e300}, h2[] = {-1e-300, 2e-300, 1e300};
    is_num(stat(h1, 3, h2, 3), 1.0 / 3.0, 0, "1e300 and 1e-300 magnitudes: D = 1/3");
    /* the value is scipy's float: i/na - j/nb, each count divided first */
    double c5[] = {0, 1, 2, 3, 4}, c3[] = {0.5, 3.5, 3.6};
    is_num(stat(c5, 5, c3, 3), 4.0 / 5.0 - 1.0 / 3.0, 0, "5 vs 3: D = 4/5 - 1/3 (at 3) as doubles");

    lt_clearerr();
    ok(isnan(stat(a3, 0, b3, 3)) && strstr(lt_errmsg(), "sample sizes 0 and 3"),
       "an empty sample: NaN and \"%s\"", lt_errmsg());
    ok(isnan(stat(a3, 3, b3, -1)), "a negative size: NaN");
}

/* #(v[0..n) <= x), n small or large: a binary search */
static int64_t upper(const double *v, int64_t n, double x)
{
    int64_t lo = 0, hi = n;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* scipy's way: at every value of both samples, the two searchsorted
 * (side = "right") fractions and their difference */
static double brute(const double *a, int64_t na, const double *b, int64_t nb)
{
    double d = 0;
    for (int s = 0; s < 2; s++) {
        const double *v = s ? b : a;
        int64_t n = s ? nb : na;
        for (int64_t k = 0; k < n; k++) {
            double dk = (double)upper(a, na, v[k]) / (double)na -
                        (double)upper(b, nb, v[k]) / (double)nb;
            dk = fabs(dk);
            d = dk > d ? dk : d;
        }
    }
    return d;
}

static void test_statistic_random(void)
{
    lt_rng r;
    lt_rng_seed(&r, 7);
    static const int64_t sizes[][2] = {{1, 1}, {1, 500}, {500, 1}, {2, 3}, {777, 1000},
                                       {5000, 3}, {4096, 4096}, {10007, 9973}};
    for (int tie = 0; tie < 3; tie++) {
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            int64_t na = sizes[s][0], nb = sizes[s][1];
            double *a = malloc((size_t)na * sizeof *a), *b = malloc((size_t)nb * sizeof *b);
            for (int64_t i = 0; i < na; i++) {
                double u = lt_rng_uniform(&r);
                a[i] = tie == 1 ? floor(u * 20) : tie == 2 ? floor(u * 3) : u;
            }
            for (int64_t i = 0; i < nb; i++) {
                double u = lt_rng_uniform(&r) * 1.05 + 0.01;
                b[i] = tie == 1 ? floor(u * 20) : tie == 2 ? floor(u * 3) : u;
            }
            if (na > 2)
                a[0] = -INFINITY, a[1] = INFINITY;
            if (nb > 2)
                b[nb - 1] = INFINITY;
            lt_f64_sort(a, na);
            lt_f64_sort(b, nb);
            double got = stat(a, na, b, nb), want = brute(a, na, b, nb);
            is_num(got, want, 0, "%s, %lld vs %lld: D as the brute-force searchsorted",
                   tie == 0 ? "distinct" : tie == 1 ? "20 levels" : "3 levels", (long long)na,
                   (long long)nb);
            free(a);
            free(b);
        }
    }
}

/* The exact p-value against every interleaving of n1 a's and n2 b's (the
 * permutation distribution of D with no ties): count[K] arrangements have
 * max |i n2 - j n1| = K; P(D >= K/(n1 n2)) = sum over K' >= K / total. */
static void test_exact_enumerated(void)
{
    int pairs = 0, badpairs = 0, fallbacks = 0;
    for (int n1 = 1; n1 <= 15; n1++) {
        for (int n2 = 1; n1 + n2 <= 16; n2++) {
            int nn = n1 + n2, kmaxall = n1 * n2;
            double *count = calloc((size_t)kmaxall + 1, sizeof *count);
            double total = 0;
            for (uint32_t mask = 0; mask < (1u << nn); mask++) {
                if (__builtin_popcount(mask) != n1)
                    continue;
                int i = 0, j = 0, kmax = 0;
                for (int s = 0; s < nn; s++) {
                    if (mask >> s & 1)
                        i++;
                    else
                        j++;
                    int k = abs(i * n2 - j * n1);
                    kmax = k > kmax ? k : kmax;
                }
                count[kmax]++;
                total++;
            }
            int bad = 0;
            double tail = 0;
            for (int k = kmaxall; k >= 0; k--) {
                tail += count[k];
                if (count[k] == 0)
                    continue;
                double want = tail / total, de;
                lt_ks_mode used;
                double d = (double)k / (double)kmaxall;
                double p = lt_ks_pvalue(d, n1, n2, LT_KS_EXACT, &used, &de);
                if (used == LT_KS_ASYMP) {
                    /* only where scipy's sum rounds past 1: P = 1 there */
                    fallbacks++;
                    bad += want != 1.0;
                } else {
                    bad += fabs(p - want) > 1e-13 * want || fabs(de - d) > 1e-15;
                }
            }
            pairs++;
            badpairs += bad > 0;
            if (bad)
                printf("# %d vs %d: %d values of D off\n", n1, n2, bad);
            free(count);
        }
    }
    ok(badpairs == 0, "exact p-values of %d pairs of sizes (n1 + n2 <= 16) as the count of "
       "every interleaving, to 1e-13 relative", pairs);
    ok(fallbacks > 0, "%d of them fell back to asymp, each where P = 1", fallbacks);
}

static void test_exact_by_hand(void)
{
    lt_ks_mode used;
    double de;
    is_num(lt_ks_pvalue(1.0, 3, 3, LT_KS_AUTO, &used, &de), 0.1, 1e-16,
           "disjoint 3 and 3: p = 2 / C(6, 3)");
    ok(used == LT_KS_EXACT && de == 1.0, "  exact, D = 1");
    is_num(lt_ks_pvalue(2.0 / 3.0, 3, 3, LT_KS_AUTO, NULL, NULL), 0.6, 1e-15,
           "3 and 3, D = 2/3: p = 2 C(6, 1) / C(6, 3)");
    is_num(lt_ks_pvalue(0.4, 5, 5, LT_KS_EXACT, &used, NULL), 220.0 / 252.0, 1e-15,
           "5 and 5, D = 2/5: p = 2 (C(10, 3) - C(10, 1)) / C(10, 5)");
    ok(used == LT_KS_EXACT, "  exact");
    is_num(lt_ks_pvalue(1.0, 1, 2, LT_KS_AUTO, NULL, NULL), 2.0 / 3.0, 1e-15,
           "1 and 2 disjoint: p = 2/3");
    is_num(lt_ks_pvalue(1.0, 2, 3, LT_KS_AUTO, NULL, NULL), 0.2, 1e-15,
           "2 and 3 disjoint: p = 2 / C(5, 2)");
    is_num(lt_ks_pvalue(1.0, 5, 8, LT_KS_AUTO, NULL, NULL), 2.0 / 1287.0, 1e-17,
           "5 and 8 disjoint: p = 2 / C(13, 5)");
    is_num(lt_ks_pvalue(1.0, 1, 1, LT_KS_EXACT, &used, NULL), 1.0, 0,
           "1 and 1: p = 1 (both orders give D = 1)");
    is_num(lt_ks_pvalue(0.0, 40, 7, LT_KS_AUTO, &used, &de), 1.0, 0, "D = 0: p = 1");
    ok(used == LT_KS_EXACT && de == 0, "  exact");
    is_num(lt_ks_pvalue(0.5, 10000, 10000, LT_KS_AUTO, &used, NULL), 0, 1e-300,
           "10000 and 10000, D = 1/2: p ~ 0");
    ok(used == LT_KS_EXACT, "  exact at max(n1, n2) = 10000");
    double p1 = lt_ks_pvalue(0.03, 700, 300, LT_KS_EXACT, NULL, NULL);
    double p2 = lt_ks_pvalue(0.03, 300, 700, LT_KS_EXACT, NULL, NULL);
    ok(p1 == p2 && p1 > 0.9 && p1 < 1, "the exact count is symmetric in n1, n2 (%.17g)", p1);
}

static void test_lattice(void)
{
    double de;
    lt_ks_mode used;
    is_num(lt_ks_pvalue(0.25, 2, 2, LT_KS_EXACT, &used, &de), 1.0, 0,
           "2 and 2, D = 1/4: d lcm = 1/2 rounds to even 0, p = 1");
    is_num(de, 0.0, 0, "  the lattice D = 0");
    is_num(lt_ks_pvalue(0.75, 2, 2, LT_KS_EXACT, &used, &de), 1.0 / 3.0, 1e-16,
           "2 and 2, D = 3/4: d lcm = 3/2 rounds to even 2, p = 2 / C(4, 2)");
    is_num(de, 1.0, 0, "  the lattice D = 1");
    lt_ks_pvalue(0.3, 3, 7, LT_KS_AUTO, NULL, &de);
    is_num(de, 6.0 / 21.0, 0, "3 and 7, D = 0.3: d lcm = 6.3 rounds to 6, D = 6/21");
    lt_ks_pvalue(0.33, 3, 3, LT_KS_AUTO, NULL, &de);
    is_num(de, 1.0 / 3.0, 0, "3 and 3, D = 0.33: D = 1/3");
    lt_ks_pvalue(0.3, 3, 7, LT_KS_ASYMP, NULL, &de);
    is_num(de, 0.3, 0, "no rounding in the asymptotic mode");
    lt_ks_pvalue(0.3, 10001, 7, LT_KS_AUTO, NULL, &de);
    is_num(de, 0.3, 0, "nor when auto goes asymptotic");
}

static void test_modes(void)
{
    lt_ks_mode used;
    double de;
    double d = 0.01;
    double p = lt_ks_pvalue(d, 10001, 10000, LT_KS_AUTO, &used, &de);
    ok(used == LT_KS_ASYMP && p == lt_kolmogorov_sf(d, 5000),
       "auto, 10001 and 10000: asymptotic, kstwo.sf(d, round(5000.25) = 5000)");
    p = lt_ks_pvalue(d, 10001, 10000, LT_KS_EXACT, &used, &de);
    ok(used == LT_KS_EXACT && p > 0 && p < 1, "exact asked for 10001 and 10000: exact (%.6g)", p);
    p = lt_ks_pvalue(0.2, 30, 40, LT_KS_ASYMP, &used, NULL);
    ok(used == LT_KS_ASYMP && p == lt_kolmogorov_sf(0.2, 17),
       "asymp, 30 and 40: kstwo.sf(d, round(1200/70 = 17.14))");
    /* n = round(n1 n2 / (n1 + n2)), half to even; D = 0.8 with n = 2 and
     * n = 4 falls in x >= 1 - 1/n, P = 2 (1 - x)^n */
    is_num(lt_ks_pvalue(0.8, 3, 6, LT_KS_ASYMP, NULL, NULL), 0.08, 1e-16,
           "asymp, 3 and 6: n = 2, p = 2 (0.2)^2");
    is_num(lt_ks_pvalue(0.8, 5, 5, LT_KS_ASYMP, NULL, NULL), 0.08, 1e-16,
           "asymp, 5 and 5: n = round(2.5) = 2, p = 2 (0.2)^2");
    is_num(lt_ks_pvalue(0.8, 7, 7, LT_KS_ASYMP, NULL, NULL), 0.0032, 1e-17,
           "asymp, 7 and 7: n = round(3.5) = 4, p = 2 (0.2)^4");
    is_num(lt_ks_pvalue(0.8, 9, 9, LT_KS_ASYMP, NULL, NULL), 0.0032, 1e-17,
           "asymp, 9 and 9: n = round(4.5) = 4, p = 2 (0.2)^4");

    /* exact asked, lcm(65536, 65537) > 2^31 - 1: asymptotic, d unrounded */
    p = lt_ks_pvalue(0.01, 65536, 65537, LT_KS_EXACT, &used, &de);
    ok(used == LT_KS_ASYMP && de == 0.01 && p == lt_kolmogorov_sf(0.01, 32768),
       "exact asked, lcm over int32: asymptotic with n = 32768, D not rounded");
    p = lt_ks_pvalue(0.01, 46340, 46340, LT_KS_EXACT, &used, &de);
    ok(used == LT_KS_EXACT && p > 0 && p < 1, "exact asked, 46340 and 46340 (lcm 46340): exact");
    /* exact, and scipy's alternating sum comes to 1 + 2^-52 for 5 and 5 at
     * D = 1/5: it warns and goes asymptotic (kstwo.sf(0.2, 2) = 1) */
    p = lt_ks_pvalue(0.2, 5, 5, LT_KS_EXACT, &used, &de);
    ok(used == LT_KS_ASYMP && p == 1 && de == 0.2,
       "5 and 5, D = 1/5: the sum rounds past 1, asymptotic p = 1");
    p = lt_ks_pvalue(0.2, 5, 5, LT_KS_AUTO, &used, &de);
    ok(used == LT_KS_ASYMP && p == 1, "  the same in auto");
    p = lt_ks_pvalue(1.0 / 30, 30, 30, LT_KS_AUTO, &used, &de);
    ok(used == LT_KS_ASYMP && p == 1 && de == 1.0 / 30, "30 and 30, D = 1/30: the same");

    lt_clearerr();
    p = lt_ks_pvalue(1.0, 1, 1, LT_KS_ASYMP, &used, &de);
    ok(isnan(p) && used == LT_KS_ASYMP && strstr(lt_errmsg(), "round(n1 n2 / (n1 + n2))"),
       "asymp, 1 and 1: n = round(1/2) = 0, NaN as scipy (\"%s\")", lt_errmsg());
}

static void test_pvalue_errors(void)
{
    lt_clearerr();
    ok(isnan(lt_ks_pvalue(0.5, 0, 3, LT_KS_AUTO, NULL, NULL)) &&
           strstr(lt_errmsg(), "sample sizes 0 and 3"),
       "n1 = 0: NaN and \"%s\"", lt_errmsg());
    lt_clearerr();
    ok(isnan(lt_ks_pvalue(-0.1, 3, 3, LT_KS_AUTO, NULL, NULL)) &&
           strstr(lt_errmsg(), "expected a number in [0, 1]"),
       "D = -0.1: NaN and \"%s\"", lt_errmsg());
    ok(isnan(lt_ks_pvalue(1.5, 3, 3, LT_KS_AUTO, NULL, NULL)), "D = 1.5: NaN");
    ok(isnan(lt_ks_pvalue(NAN, 3, 3, LT_KS_AUTO, NULL, NULL)), "D = NaN: NaN");
    lt_clearerr();
    ok(isnan(lt_ks_pvalue(0.5, 3, 3, (lt_ks_mode)7, NULL, NULL)) &&
           strstr(lt_errmsg(), "mode 7"),
       "mode 7: NaN and \"%s\"", lt_errmsg());
}

/* the Kolmogorov limit P(sqrt(n) D_n >= z), 2 sum (-1)^(k-1) exp(-2 k^2 z^2) */
static double kolmogorov_limit(double z)
{
    double s = 0;
    for (int k = 1; k < 100; k++)
        s += (k % 2 ? 2 : -2) * exp(-2.0 * k * k * z * z);
    return s;
}

static void test_kolmogorov(void)
{
    /* closed forms (Ruben and Gambino) */
    is_num(lt_kolmogorov_sf(0.75, 1), 0.5, 1e-16, "n = 1: P(D >= x) = 2 - 2x");
    is_num(lt_kolmogorov_sf(0.4, 2), 0.82, 1e-15, "n = 2, x = 0.4: 1 - 2!/2^2 (2 n x - 1)^2");
    is_num(lt_kolmogorov_sf(0.75, 2), 0.125, 1e-16, "n = 2, x = 0.75: 2 (1 - x)^2");
    is_num(lt_kolmogorov_sf(0.9, 3), 0.002, 1e-17, "n = 3, x = 0.9: 2 (1 - x)^3");
    ok(lt_kolmogorov_sf(1.0, 5) == 0 && lt_kolmogorov_sf(2.0, 5) == 0 &&
           lt_kolmogorov_sf(INFINITY, 5) == 0,
       "x >= 1: 0");
    ok(lt_kolmogorov_sf(0.1, 5) == 1 && lt_kolmogorov_sf(0, 5) == 1 &&
           lt_kolmogorov_sf(-1, 5) == 1 && lt_kolmogorov_sf(-INFINITY, 5) == 1,
       "x <= 1/(2n): 1");
    ok(isnan(lt_kolmogorov_sf(NAN, 5)), "x NaN: NaN");
    lt_clearerr();
    ok(isnan(lt_kolmogorov_sf(0.5, 0)) && strstr(lt_errmsg(), "n = 0, expected n >= 1"),
       "n = 0: NaN and \"%s\"", lt_errmsg());

    /* bounds and monotonicity on a fine grid (scipy's methods meet with
     * jumps up to ~3e-6, at n x^1.5 = 1.4 near n = 141) */
    static const int64_t ns[] = {1,      2,      3,      5,       10,      16,     50,
                                 140,    141,    1000,   4095,    4096,    100000, 100001,
                                 500000, 999999, 1000000, 1000001, 10000000};
    for (size_t q = 0; q < sizeof ns / sizeof *ns; q++) {
        int64_t n = ns[q];
        double prev = 1.0, worst = 0;
        int inside = 1;
        for (int i = 0; i <= 4000; i++) {
            /* dense at small x, where the mass is for large n */
            double u = i / 4000.0, x = 1.1 * u * u;
            double p = lt_kolmogorov_sf(x, n);
            inside &= p >= 0 && p <= 1;
            worst = p - prev > worst ? p - prev : worst;
            prev = p;
        }
        ok(inside && worst <= 1e-5, "n = %lld: in [0, 1], nonincreasing (largest rise %.2g)",
           (long long)n, worst);
    }

    /* where two exact methods meet they agree: Ruben-Gambino | Durbin at
     * x = 1/n, Durbin | Pomeranz at n x^2 = 0.754693, Pomeranz | Smirnov
     * at n x^2 = 4 and at x = 1/2, Smirnov | Ruben-Gambino at 1 - 1/n;
     * to 5e-11 relative, over x (1 -+ 1e-14) (the slope alone moves
     * 2 (1 - x)^20 by 8e-12 there, and scipy's Pomeranz and Smirnov differ
     * by 2e-11 at n = 140); the Pelz-Good asymptotics meet Smirnov to 1e-5 */
    struct {
        int64_t n;
        double x;
        const char *what;
    } meets[] = {{10, 0.1, "Ruben-Gambino | Durbin, n = 10"},
                 {100, 0.01, "Ruben-Gambino | Durbin, n = 100"},
                 {10, sqrt(0.754693 / 10), "Durbin | Pomeranz, n = 10"},
                 {120, sqrt(0.754693 / 120), "Durbin | Pomeranz, n = 120"},
                 {30, sqrt(4.0 / 30), "Pomeranz | Smirnov, n = 30"},
                 {140, sqrt(4.0 / 140), "Pomeranz | Smirnov, n = 140"},
                 {9, 0.5, "Pomeranz | Smirnov at x = 1/2, n = 9"},
                 {12, 0.5, "Pomeranz | Smirnov at x = 1/2, n = 12"},
                 {20, 0.95, "Smirnov | Ruben-Gambino, n = 20"},
                 {1000, sqrt(2.2 / 1000), "Pelz-Good | Smirnov, n = 1000 (to 1e-5)"}};
    for (size_t q = 0; q < sizeof meets / sizeof *meets; q++) {
        double lo = lt_kolmogorov_sf(meets[q].x * (1 - 1e-14), meets[q].n);
        double hi = lt_kolmogorov_sf(meets[q].x * (1 + 1e-14), meets[q].n);
        double tol = meets[q].n == 1000 ? 1e-5 : 5e-11;
        ok(fabs(lo - hi) <= tol * lo, "%s: %.15g | %.15g", meets[q].what, lo, hi);
    }

    /* large n: close to the Kolmogorov limit (the next term is O(n^-1/2)) */
    double worst = 0;
    for (double z = 0.3; z <= 3.0; z += 0.1) {
        double p = lt_kolmogorov_sf(z / sqrt(1e7), 10000000), k = kolmogorov_limit(z);
        worst = fabs(p - k) / k > worst ? fabs(p - k) / k : worst;
    }
    ok(worst < 2e-3, "n = 10^7: within %.2g of the Kolmogorov limit, relative", worst);
}

int main(void)
{
    test_statistic_by_hand();
    test_statistic_random();
    test_exact_enumerated();
    test_exact_by_hand();
    test_lattice();
    test_modes();
    test_pvalue_errors();
    test_kolmogorov();
    return tap_done();
}
