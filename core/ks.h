/* The two-sample Kolmogorov-Smirnov test, two-sided, as
 * scipy.stats.ks_2samp (scipy 1.10) computes it: the statistic, and its
 * p-value either exact (the lattice-path count for samples up to 10,000
 * values) or from the Kolmogorov distribution of D_n (larger samples).
 * Samples are given sorted ascending (fsort.h), without NaN; +-Inf are
 * values.  Reference: Hodges (1958) for the exact count, Simard and
 * L'Ecuyer (2011) for the distribution of D_n. */
#ifndef LT_KS_H
#define LT_KS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum lt_ks_mode {
    LT_KS_AUTO,    /* exact when max(n1, n2) <= 10000, else asymptotic */
    LT_KS_EXACT,   /* the exact count, falling back to asymptotic (as scipy
                      does, with its warning) when lcm(n1, n2) does not fit
                      an int32 or rounding takes the count out of [0, 1] */
    LT_KS_ASYMP    /* P(D_n >= d) for one sample of n = round(n1 n2 / (n1 + n2)) */
} lt_ks_mode;

/* D = max |F_a(x) - F_b(x)| of the empirical distribution functions of
 * a[0..na) and b[0..nb), both sorted ascending, na, nb >= 1; a merge
 * walk (of the stretches that can hold the maximum), ties between and
 * within the samples handled as scipy's searchsorted(side = "right").
 * NaN, with lt_errmsg set, when na or nb is below 1. */
double lt_ks_statistic(const double *a, int64_t na, const double *b, int64_t nb);

/* The same maximum over samples held in pieces, each all the values of
 * both samples in a range of values, sorted (drift's buckets of unsorted
 * samples): a point (i, j) is where i values of a and j of b are at or
 * below a value that both samples' next values exceed (the end of a
 * piece is one); the maximum is over all of them, whatever the order
 * they come in.  lt_ks_max_reachable says whether a piece of ma values of
 * a and mb of b after the point (i, j) could hold a point past the
 * maximum so far; only those need to be walked (lt_ks_max_walk, the
 * piece's sorted a[0..ma) and b[0..mb)).  m.d is the statistic once all
 * points are in. */
typedef struct lt_ks_max {
    int64_t na, nb;
    int64_t kmax;     /* the largest |i nb - j na| (exact while `exact`) */
    double d;         /* |i / na - j / nb| there, the largest when tied */
    bool exact;
} lt_ks_max;

void lt_ks_max_init(lt_ks_max *m, int64_t na, int64_t nb);
void lt_ks_max_point(lt_ks_max *m, int64_t i, int64_t j);
bool lt_ks_max_reachable(const lt_ks_max *m, int64_t i, int64_t j, int64_t ma, int64_t mb);
void lt_ks_max_walk(lt_ks_max *m, const double *a, int64_t ma, const double *b, int64_t mb,
                    int64_t i, int64_t j);

/* The two-sided p-value of the statistic d of samples of sizes n1, n2
 * (>= 1), by `mode`; *used (may be NULL) gets LT_KS_EXACT or
 * LT_KS_ASYMP, the one that gave it.  In the exact mode d is first
 * rounded to the lattice, to h / lcm(n1, n2) with h = round(d lcm), as
 * scipy does, and *d_exact (may be NULL) gets that value (scipy returns
 * it as the statistic, also when the count then falls back to the
 * asymptotic p-value of that d); otherwise *d_exact = d.  Result in [0, 1]; NaN,
 * with lt_errmsg set, for n1 or n2 < 1, d outside [0, 1] (or NaN), and in
 * the asymptotic mode for n1 = n2 = 1 (n = round(1/2) = 0: scipy's NaN). */
double lt_ks_pvalue(double d, int64_t n1, int64_t n2, lt_ks_mode mode, lt_ks_mode *used,
                    double *d_exact);

/* P(D_n >= x) for the one-sample Kolmogorov statistic D_n of n >= 1
 * values: scipy.stats.kstwo.sf(x, n) to 1e-10 relative or better where
 * the result exceeds 1e-300 (Durbin's matrix, Pomeranz and the Pelz-Good
 * asymptotics chosen by n and x as Simard and L'Ecuyer advise).  NaN for
 * NaN x, and for n < 1 with lt_errmsg set. */
double lt_kolmogorov_sf(double x, int64_t n);

#endif
