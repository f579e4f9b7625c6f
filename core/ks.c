/* The two-sample Kolmogorov-Smirnov test (ks.h): the statistic by a
 * merge walk, its two-sided p-value as scipy 1.10's ks_2samp computes it
 * (Hodges' lattice-path count for small samples, the distribution of
 * D_n for large ones), and that distribution, P(D_n >= x), as scipy's
 * kstwo.sf: the choice of method by n and x follows Simard and L'Ecuyer
 * (2011) as scipy/stats/_ksstats.py does, so that the two agree to
 * rounding.
 *
 * Methods for P(D_n >= x), by region:
 * - x <= 1/n and x >= 1 - 1/n: Ruben and Gambino's closed forms;
 * - small n x^2: Durbin's matrix, powered by squaring (Marsaglia, Tsang
 *   and Wang 2003), or Pomeranz's recursion (n <= 140);
 * - large n x^2 or x >= 1/2: twice the one-sided Smirnov tail, the
 *   Birnbaum-Tingey sum, summed in logs (see smirnov_sf);
 * - large n and small n x^2: the Pelz-Good asymptotic series.
 * None is iterative in n beyond O(n) scalar steps; the Smirnov sum, O(n)
 * terms, is sampled on a coarser grid when its terms form a wide smooth
 * bump (microseconds at n = 10^6 where scipy takes a second). */
#include "ks.h"

#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "fsort.h"

#define LOG_SQRT_2PI 0.91893853320467274178032973640561764
#define SQRT_2PI 2.50662827463100050241576528481104525
#define PI_SQ (M_PI * M_PI)

/* ------------------------------------------------------------------ */
/* The statistic                                                        */

/* d of the counts i of a[] and j of b[] at or below one value, exactly
 * as scipy's cdf1 - cdf2 (each count divided by its size, then the
 * difference), in absolute value. */
static double diff_at(int64_t i, int64_t na, int64_t j, int64_t nb)
{
    return fabs((double)i / (double)na - (double)j / (double)nb);
}

/* The walk compares integers while na nb stays below this (a test build
 * sets it to 0 to run the walk on doubles). */
#ifndef LT_KS_INT_WALK_MAX
#define LT_KS_INT_WALK_MAX INT64_MAX
#endif

void lt_ks_max_init(lt_ks_max *m, int64_t na, int64_t nb)
{
    *m = (lt_ks_max){na, nb, 0, 0, na <= LT_KS_INT_WALK_MAX / nb};
}

void lt_ks_max_point(lt_ks_max *m, int64_t i, int64_t j)
{
    if (m->exact) {
        int64_t k = i * m->nb - j * m->na;
        k = k < 0 ? -k : k;
        if (k >= m->kmax && k > 0) {
            double dk = diff_at(i, m->na, j, m->nb);
            if (k > m->kmax || dk > m->d)
                m->d = dk;
            m->kmax = k;
        }
    } else {
        double dk = diff_at(i, m->na, j, m->nb);
        m->d = dk > m->d ? dk : m->d;
    }
}

/* Within a piece, i nb - j na moves by at most its a values times nb up
 * and its b values times na down (bounds kept while 4 na nb fits; past
 * that every piece is walked). */
bool lt_ks_max_reachable(const lt_ks_max *m, int64_t i, int64_t j, int64_t ma, int64_t mb)
{
    if (!m->exact || m->na > INT64_MAX / 4 / m->nb)
        return true;
    int64_t at = i * m->nb - j * m->na, up = at + ma * m->nb, down = mb * m->na - at;
    int64_t bound = up > down ? up : down;
    return bound >= m->kmax && bound > 0;
}

/* One value at a time, without branches on the data while both samples
 * have values in the piece: the smaller head taken; after the last of a
 * run of equal values, the ECDFs compared (searchsorted side = "right"),
 * by the integer i nb - j na so that the division runs only when the
 * maximum grows or is tied.  Then the other sample's values, run by run.
 * A piece of one value (a tie of many rows) has only its end. */
void lt_ks_max_walk(lt_ks_max *m, const double *a, int64_t ma, const double *b, int64_t mb,
                    int64_t i0, int64_t j0)
{
    double lo = ma && (!mb || a[0] <= b[0]) ? a[0] : mb ? b[0] : 0;
    double hi = ma && (!mb || a[ma - 1] >= b[mb - 1]) ? a[ma - 1] : mb ? b[mb - 1] : 0;
    if (lo == hi) {
        lt_ks_max_point(m, i0 + ma, j0 + mb);
        return;
    }
    int64_t i = 0, j = 0;
    double v = lo;
    while (i < ma && j < mb) {
        double x = a[i], y = b[j];
        int take = x <= y;
        v = take ? x : y;
        i += take;
        j += !take;
        if (i == ma || j == mb)
            break;
        double next = a[i] < b[j] ? a[i] : b[j];
        if (m->exact) {
            int64_t k = (i0 + i) * m->nb - (j0 + j) * m->na;
            k = k < 0 ? -k : k;
            k = next > v ? k : 0;
            if (k >= m->kmax && k > 0)
                lt_ks_max_point(m, i0 + i, j0 + j);
        } else if (next > v) {
            lt_ks_max_point(m, i0 + i, j0 + j);
        }
    }
    while (i < ma || j < mb) {
        while (i < ma && a[i] == v)
            i++;
        while (j < mb && b[j] == v)
            j++;
        lt_ks_max_point(m, i0 + i, j0 + j);
        v = i < ma ? a[i] : j < mb ? b[j] : v;
    }
}

/* Values of a per piece, at least; and at most so many cuts (on the
 * stack). */
enum { PIECE = 512, MAX_CUTS = 1024 };

/* The samples cut into pieces after every PIECE-th value of a or more
 * (where its run of equal values ends, a point of the walk): the points
 * at the cuts first, then the pieces that could pass them walked. */
double lt_ks_statistic(const double *a, int64_t na, const double *b, int64_t nb)
{
    if (na < 1 || nb < 1) {
        lt_seterr(LT_EINVAL, "ks statistic: sample sizes %lld and %lld, expected both >= 1",
                  (long long)na, (long long)nb);
        return NAN;
    }
    lt_ks_max m;
    lt_ks_max_init(&m, na, nb);
    int64_t ncut = na / PIECE < MAX_CUTS ? na / PIECE : MAX_CUTS;
    int64_t ci[MAX_CUTS + 2], cj[MAX_CUTS + 2];
    ci[0] = cj[0] = 0;
    for (int64_t k = 1; k <= ncut; k++) {
        double cut = a[k * (na / (ncut + 1))];
        ci[k] = lt_f64_upper_bound(a, ci[k - 1], na, cut);
        cj[k] = lt_f64_upper_bound(b, cj[k - 1], nb, cut);
        lt_ks_max_point(&m, ci[k], cj[k]);
    }
    ci[ncut + 1] = na;
    cj[ncut + 1] = nb;
    for (int64_t k = 0; k <= ncut; k++) {
        int64_t ma = ci[k + 1] - ci[k], mb = cj[k + 1] - cj[k];
        if (lt_ks_max_reachable(&m, ci[k], cj[k], ma, mb))
            lt_ks_max_walk(&m, a + ci[k], ma, b + cj[k], mb, ci[k], cj[k]);
    }
    return m.d;
}

/* ------------------------------------------------------------------ */
/* P(D_n >= x): the pieces                                              */

#define EXP128 128
static const double TWO128 = 0x1p128, TWOM128 = 0x1p-128;

/* C = A B for m x m row-major matrices (C distinct from A and B). */
static void matmul(double *restrict c, const double *restrict a, const double *restrict b, int m)
{
    for (int i = 0; i < m; i++) {
        double *ci = c + (size_t)i * m;
        for (int j = 0; j < m; j++)
            ci[j] = 0;
        for (int k = 0; k < m; k++) {
            double aik = a[(size_t)i * m + k];
            const double *bk = b + (size_t)k * m;
            for (int j = 0; j < m; j++)
                ci[j] += aik * bk[j];
        }
    }
}

/* r = r H for a row vector r of length m (t: scratch of m). */
static void vecmat(double *restrict r, double *restrict t, const double *restrict h, int m)
{
    for (int j = 0; j < m; j++)
        t[j] = 0;
    for (int k = 0; k < m; k++) {
        double rk = r[k];
        const double *hk = h + (size_t)k * m;
        for (int j = 0; j < m; j++)
            t[j] += rk * hk[j];
    }
    for (int j = 0; j < m; j++)
        r[j] = t[j];
}

static double clip01(double p)
{
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* P(D_n <= d) by Durbin's matrix: with d = (k - h)/n, k a positive
 * integer and 0 <= h < 1, the probability is n!/n^n times the (k, k)
 * entry of H^n for an m x m matrix H, m = 2k - 1.  H is powered by
 * squaring with its scale kept apart; only row k of the product is
 * needed, so the product is a row vector.  NaN when out of memory. */
static double durbin_cdf(int64_t n, double d)
{
    if (d >= 1.0)
        return 1.0;
    double nd = (double)n * d;
    if (nd <= 0.5)
        return 0.0;
    int k = (int)ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    size_t mm = (size_t)m * (size_t)m;
    double *base = calloc(2 * mm + 3 * (size_t)m, sizeof *base);
    if (!base) {
        lt_nomem();
        return NAN;
    }
    double *hm = base, *sq = hm + mm, *v = sq + mm, *r = v + m, *t = r + m;

    /* v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1/j! (t holds w) */
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
        v[j - 1] = 1.0 - pow(h, j);
        t[j - 1] = fac;
        fac /= j;
        v[j - 1] *= fac;
    }
    double tt = pow(fmax(2 * h - 1.0, 0), m) - 2 * pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;
    for (int i = 1; i < m; i++)
        for (int row = i - 1; row < m; row++)
            hm[(size_t)row * m + i] = t[row - (i - 1)];
    for (int row = 0; row < m; row++)
        hm[(size_t)row * m] = v[row];
    for (int c = 0; c < m; c++)
        hm[(size_t)(m - 1) * m + c] = v[m - 1 - c];

    /* r = e_k H^n, by the bits of n; H is rescaled by 2^-128 whenever its
     * (k, k) entry passes 2^128, hexp counting the scale of H and expnt
     * that of r. */
    for (int j = 0; j < m; j++)
        r[j] = j == k - 1;
    int64_t expnt = 0, hexp = 0;
    for (int64_t nn = n; nn > 0; nn /= 2) {
        if (nn % 2) {
            vecmat(r, t, hm, m);
            expnt += hexp;
        }
        if (nn / 2 == 0)
            break;
        matmul(sq, hm, hm, m);
        double *swap = hm;
        hm = sq;
        sq = swap;
        hexp *= 2;
        if (fabs(hm[(size_t)(k - 1) * m + (k - 1)]) > TWO128) {
            for (size_t q = 0; q < mm; q++)
                hm[q] *= TWOM128;
            hexp += EXP128;
        }
    }
    double p = r[k - 1];
    free(base);

    /* times n!/n^n */
    for (int64_t i = 1; i <= n; i++) {
        p = (double)i * p / (double)n;
        if (fabs(p) < TWOM128) {
            p *= TWO128;
            expnt -= EXP128;
        }
    }
    if (expnt != 0)
        p = ldexp(p, (int)(expnt < INT32_MIN ? INT32_MIN : expnt > INT32_MAX ? INT32_MAX : expnt));
    return clip01(p);
}

/* The rows of Pomeranz's table that may be non-zero, [*j1, *j2]. */
static void pomeranz_range(int64_t i, int64_t n, int64_t ll, int ceilf, int roundf, int64_t *j1,
                           int64_t *j2)
{
    int64_t a, b;
    if (i == 0) {
        a = -ll - ceilf - 1;
        b = ll + ceilf - 1;
    } else {
        int64_t half = (i + 1) / 2;
        if ((i + 1) % 2 == 0) {
            if (half == n + 1) {
                a = n - ll - ceilf - 1;
                b = n + ll + ceilf - 1;
            } else {
                a = half - 1 - ll - roundf - 1;
                b = half + ll - 1 + ceilf - 1;
            }
        } else {
            a = half - 1 - ll - 1;
            b = half + ll + roundf - 1;
        }
    }
    *j1 = a + 2 > 0 ? a + 2 : 0;
    *j2 = b < n ? b : n;
}

/* P(D_n <= x) by Pomeranz's recursion (n <= 140 here): 2n + 1 rows, each
 * the convolution of the previous one with one of three scaled Poisson
 * weight sequences, kept to the few entries that can be non-zero. */
static double pomeranz_cdf(int64_t n, double x)
{
    double t = (double)n * x;
    int64_t ll = (int64_t)floor(t);
    double f = t - (double)ll;
    double g = fmin(f, 1.0 - f);
    int ceilf = f > 0, roundf = f > 0.5;
    int64_t np = 2 * (ll + 1);
    double *buf = calloc(5 * (size_t)np, sizeof *buf);
    if (!buf) {
        lt_nomem();
        return NAN;
    }
    double *gp = buf, *g2p = gp + np, *g12p = g2p + np, *v0 = g12p + np, *v1 = v0 + np;
    gp[0] = g2p[0] = g12p[0] = 1.0;
    double gn = g / (double)n, g2n = 2 * g / (double)n, g12n = (1 - 2 * g) / (double)n;
    for (int64_t m = 1; m < np; m++) {
        gp[m] = gp[m - 1] * gn / (double)m;
        g2p[m] = g2p[m - 1] * g2n / (double)m;
        g12p[m] = g12p[m - 1] * g12n / (double)m;
    }
    int64_t expnt = 0, v0s = 0, v1s = 0, j1, j2;
    v1[0] = 1;
    pomeranz_range(0, n, ll, ceilf, roundf, &j1, &j2);
    for (int64_t i = 1; i < 2 * n + 2; i++) {
        int64_t k1 = j1;
        double *sw = v0;
        v0 = v1;
        v1 = sw;
        int64_t sws = v0s;
        v0s = v1s;
        v1s = sws;
        for (int64_t q = 0; q < np; q++)
            v1[q] = 0;
        pomeranz_range(i, n, ll, ceilf, roundf, &j1, &j2);
        const double *pw = (i == 1 || i == 2 * n + 1) ? gp : (i % 2 ? g2p : g12p);
        int64_t len = j2 - k1 + 1;
        if (len > 0) {
            /* entries conv_start.. of the full convolution of
             * v0[k1 - v0s ..][0..len) with pw[0..len) */
            int64_t off = k1 - v0s, start = j1 - k1, outlen = j2 - j1 + 1;
            double vmax = 0;
            for (int64_t q = 0; q < outlen && q < np; q++) {
                int64_t c = start + q;
                double s = 0;
                for (int64_t u = c - len + 1 > 0 ? c - len + 1 : 0; u <= c && u < len; u++) {
                    int64_t at = off + u;
                    if (at >= 0 && at < np && c - u < np)
                        s += v0[at] * pw[c - u];
                }
                v1[q] = s;
                vmax = s > vmax ? s : vmax;
            }
            if (vmax > 0 && vmax < TWOM128) {
                for (int64_t q = 0; q < np; q++)
                    v1[q] *= TWO128;
                expnt -= EXP128;
            }
            v1s = v0s + j1 - k1;
        }
    }
    int64_t at = n - v1s;
    double ans = at >= 0 && at < np ? v1[at] : 0;
    free(buf);
    for (int64_t m = 1; m <= n; m++) {
        if (fabs(ans) > TWO128) {
            ans *= TWOM128;
            expnt += EXP128;
        }
        ans *= (double)m;
    }
    if (expnt != 0)
        ans = ldexp(ans, (int)expnt);
    return clip01(ans);
}

/* P(D_n <= x) by the Pelz-Good asymptotic series: Li-Chien and
 * Korolyuk's expansion K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5,
 * z = x sqrt(n), in its theta-function form for small z. */
static double pelz_good_cdf(int64_t n, double x)
{
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    double z = sqrt((double)n) * x;
    double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
    double qlog = -PI_SQ / 8 / z2;
    if (qlog < -708)
        return 0.0;
    double q = exp(qlog);
    double k1a = -z2, k1b = PI_SQ / 4;
    double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * PI_SQ / 4,
           k2c = PI_SQ * PI_SQ * (1 - 2 * z2) / 16;
    double pi6 = PI_SQ * PI_SQ * PI_SQ;
    double k3d = pi6 * (5 - 30 * z2) / 64, k3c = PI_SQ * PI_SQ * (-60 * z2 + 212 * z4) / 16,
           k3b = PI_SQ * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * z4 * z4;
    double kk[4] = {0, 0, 0, 0};
    /* Horner in q^8k over the odd m = 2k - 1 */
    int maxk = (int)ceil(16 * z / M_PI);
    for (int k = maxk; k > 0; k--) {
        double m = 2 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
        double qp = pow(q, 8 * k);
        double c[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                       k3a + k3b * m2 + k3c * m4 + k3d * m6};
        for (int e = 0; e < 4; e++)
            kk[e] = kk[e] * qp + c[e];
    }
    double den[4] = {z, 6 * z4, 72 * z4 * z3, 6480 * z6 * z4};
    for (int e = 0; e < 4; e++)
        kk[e] = kk[e] * q * SQRT_2PI / den[e];
    /* the sums over all integers k in K2 and K3 */
    double q2 = exp(-PI_SQ / 2 / z2), s2 = 0, s3 = 0, sqrt3z = sqrt(3.0) * z;
    for (int k = maxk; k > 0; k--) {
        double ksq = (double)k * k, qk = pow(q2, ksq), kpi = M_PI * k;
        s2 += ksq * qk;
        s3 += (sqrt3z + kpi) * (sqrt3z - kpi) * ksq * qk;
    }
    kk[2] += s2 * (PI_SQ * SQRT_2PI / (-36 * z3));
    kk[3] += s3 * (PI_SQ * SQRT_2PI / (216 * z6));
    double sum = 0;
    for (int e = 0; e < 4; e++)
        sum += kk[e] / pow((double)n, e / 2.0);
    return sum;
}

/* log(n!/n^n) by Stirling's series with n log n taken out. */
static double log_nfact_over_npown(double n)
{
    static const double c[8] = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
                                -1.9175269175269175269e-3, 8.4175084175084175084e-4,
                                -5.952380952380952381e-4, 7.9365079365079365079e-4,
                                -2.7777777777777777778e-3, 8.3333333333333333333e-2};
    double rn = 1.0 / n, u = rn / n, p = 0;
    for (int i = 0; i < 8; i++)
        p = p * u + c[i];
    return log(n) / 2 - n + LOG_SQRT_2PI + rn * p;
}

/* The remainder of Stirling's formula, log k! - (k + 1/2) log k + k -
 * log sqrt(2 pi), for an integer k >= 1. */
static double stirling_rest(double k)
{
    if (k < 16) {
        double lf = 0;
        for (int i = 2; i <= (int)k; i++)
            lf += log((double)i);
        return lf - (k + 0.5) * log(k) + k - LOG_SQRT_2PI;
    }
    double r = 1 / k, r2 = r * r;
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
}

/* One term of the Birnbaum-Tingey sum, in logs:
 * log [C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v)], 1 <= v < n - nx,
 * nx = n x given as nxh + nxl.  log C(n, v) by Stirling with the large
 * parts cancelled by hand against the powers, so that no intermediate is
 * much larger than the result (~ n x, which stays below ~2e4 here). */
static double bt_logterm(double n, double v, double nxh, double nxl, double base)
{
    double nmv = n - v;
    double b = (nmv - nxh) - nxl; /* n - v - n x > 0 */
    double y = nxh / nmv;
    double logb = y < 0.5 ? log1p(-y) : log(b / nmv);
    return base - 1.5 * log(v) - 0.5 * log(nmv) - stirling_rest(v) - stirling_rest(nmv) +
           (v - 1) * log1p(nxh / v) + nmv * logb;
}

/* Online sum of exp(g_i), kept as exp(*top) * (*s). */
static void lse_add(double g, double *top, double *s)
{
    if (g > *top) {
        *s = *s * exp(*top - g) + 1;
        *top = g;
    } else {
        *s += exp(g - *top);
    }
}

/* log of h times the sum of the Birnbaum-Tingey terms over the grid
 * vm + j h within [1, vmax], walked up and down from vm until a term
 * falls e^-80 below the largest (the terms are log-concave in v here);
 * with h = 1 also the v = 0 term, x^-1 (1 - x)^n, so that the sum is the
 * whole series. */
static double bt_logsum(double n, double x, double nxh, double nxl, int64_t vm, int64_t vmax,
                        int64_t h)
{
    double base = 1.5 * log(n) - LOG_SQRT_2PI + stirling_rest(n);
    double top = -INFINITY, s = 0;
    for (int64_t v = vm; v <= vmax; v += h) {
        double g = bt_logterm(n, (double)v, nxh, nxl, base);
        lse_add(g, &top, &s);
        if (g < top - 80)
            break;
    }
    for (int64_t v = vm - h; v >= 1; v -= h) {
        double g = bt_logterm(n, (double)v, nxh, nxl, base);
        lse_add(g, &top, &s);
        if (g < top - 80)
            break;
    }
    if (h == 1)
        lse_add(-log(x) + n * log1p(-x), &top, &s);
    return log((double)h) + top + log(s);
}

/* Below this n the Smirnov sum runs over every term (a test build sets
 * it higher to check the grid against the full sum). */
#ifndef LT_KS_GRID_MIN_N
#define LT_KS_GRID_MIN_N 4096
#endif

/* scipy.special.smirnov(n, x): P(D+_n >= x), the one-sided tail, where
 * 1 < n x < n - 1 (the only calls kolmogn_sf makes).  scipy sums the
 * Birnbaum-Tingey series x sum_v C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v)
 * in double-double arithmetic, term by term, for n up to 10^6, and uses an
 * approximation above.  Here the terms are summed in logs, each to ~1e-13
 * relative.  For large n they form a smooth bump thousands of terms wide,
 * and h times the sum over a grid of step h equals the integral of the
 * bump, as does the sum over all integers (h = 1), up to errors that fall
 * like exp(-c / h^2) (the trapezoidal rule on a smooth, vanishing
 * integrand): the grid starts at a step of an eighth of the bump's width
 * at its centre and halves until two steps agree to 1e-12, or reaches 1. */
static double smirnov_sf(int64_t n, double x)
{
    double nd = (double)n;
    /* scipy returns 0 where exp(-2 n x^2) underflows (cephes MINLOG) */
    if (-2 * nd * x * x < -7.451332191019412076235E2)
        return 0.0;
    if (n > 1000000) {
        double logp = -pow(6.0 * nd * x + 1, 2) / 18.0 / nd;
        double sf = logp < -M_LN2 ? exp(logp) : 1 - (-expm1(logp));
        return clip01(sf);
    }
    /* n x exactly as a pair, and its integer part */
    double nxh = nd * x, nxl = fma(nd, x, -nxh);
    double fl = floor(nxh);
    if (fl == nxh && nxl < 0)
        fl -= 1;
    int64_t vmax = n - (int64_t)fl - 1; /* the last v with 1 - x - v/n > 0 */
    if (vmax < 1)
        return clip01(pow(1 - x, nd)); /* only v = 0: (1 - x)^n */
    int64_t vm = (int64_t)((nd - nxh) / 2);
    vm = vm < 1 ? 1 : vm > vmax ? vmax : vm;
    int64_t h = 1;
    if (n >= LT_KS_GRID_MIN_N) {
        double sigma = (nd - nxh) * (nd + nxh) / (4 * nxh * sqrt(nd));
        while (2 * h <= sigma / 8)
            h *= 2;
    }
    double lsum = bt_logsum(nd, x, nxh, nxl, vm, vmax, h);
    while (h > 1) {
        h /= 2;
        double finer = bt_logsum(nd, x, nxh, nxl, vm, vmax, h);
        int agree = fabs(finer - lsum) <= 1e-12;
        lsum = finer;
        if (agree)
            break;
    }
    return clip01(exp(log(x) + lsum));
}

/* P(D_n >= x) as scipy's _kolmogn(n, x, cdf=False), for n >= 1 and
 * 0.5/n < x < 1. */
static double kolmogn_sf(int64_t n, double x)
{
    double nd = (double)n;
    double t = nd * x;
    if (t <= 1.0) {
        /* Ruben-Gambino: 1/2n <= x <= 1/n, P(D_n <= x) = n!/n^n (2t - 1)^n */
        if (t <= 0.5)
            return 1.0;
        double p;
        if (n <= 140) {
            p = 1.0;
            for (int64_t i = 1; i <= n; i++)
                p *= (double)i * (1.0 / nd) * (2 * t - 1);
        } else {
            p = exp(log_nfact_over_npown(nd) + nd * log(2 * t - 1));
        }
        return clip01(1.0 - p);
    }
    if (t >= nd - 1) /* Ruben-Gambino */
        return clip01(2 * pow(1.0 - x, nd));
    if (x >= 0.5) /* D+ and D- cannot both reach x */
        return clip01(2 * smirnov_sf(n, x));
    double nx2 = t * x;
    if (n <= 140) {
        if (nx2 <= 0.754693)
            return clip01(1.0 - durbin_cdf(n, x));
        if (nx2 <= 4)
            return clip01(1.0 - pomeranz_cdf(n, x));
        return clip01(2 * smirnov_sf(n, x));
    }
    if (nx2 >= 370.0)
        return 0.0;
    if (nx2 >= 2.2)
        return clip01(2 * smirnov_sf(n, x));
    double cdf;
    if (n <= 100000 && nd * pow(x, 1.5) <= 1.4)
        cdf = durbin_cdf(n, x);
    else
        cdf = pelz_good_cdf(n, x);
    return clip01(1.0 - cdf);
}

double lt_kolmogorov_sf(double x, int64_t n)
{
    if (n < 1) {
        lt_seterr(LT_EINVAL, "kolmogorov sf: n = %lld, expected n >= 1", (long long)n);
        return NAN;
    }
    if (isnan(x))
        return NAN;
    if (x >= 1.0)
        return 0.0;
    if (x <= 0.5 / (double)n)
        return 1.0;
    return kolmogn_sf(n, x);
}

/* ------------------------------------------------------------------ */
/* The exact two-sample p-value                                         */

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* P(D_{n,n} >= h/n) for two samples of n, by Hodges' alternating sum
 * 2 (C(2n, n-h) - C(2n, n-2h) + ...) / C(2n, n), each ratio a product of
 * h factors, nested Horner-like (scipy's _compute_prob_outside_square). */
static double prob_outside_square(int64_t n, int64_t h)
{
    double p = 0.0;
    for (int64_t k = (int64_t)floor((double)n / (double)h); k >= 0; k--) {
        double p1 = 1.0;
        for (int64_t j = 0; j < h; j++)
            p1 = (double)(n - k * h - j) * p1 / (double)(n + k * h + j + 1);
        p = p1 * (1.0 - p);
    }
    return 2 * p;
}

/* floor(a / b) and ceil(a / b) for b > 0 */
static int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

static int64_t ceildiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}

/* The share of the lattice paths from (0, 0) to (m, n) that leave the band
 * |x/m - y/n| < h / lcm(m, n): Hodges' inside method, with Viehmann's
 * recursion (2021) on the probability of having left rather than on
 * counts, A(i, j) = (i A(i-1, j) + j A(i, j-1)) / (i + j), 1 outside the
 * band (scipy's _compute_outer_prob_inside_method: each cell the same
 * operations in the same order, so the same rounding).
 *
 * A is kept by absolute j and updated in place, column i over column
 * i - 1: the band only moves up, so a cell above the band of column i - 1
 * still holds its initial 1.  Each cell waits on the one below it (a
 * divide, ~20 cycles), so WAVE columns run together as a wavefront,
 * column i0 + r at row s - r in step s: r chains in flight instead of one.
 * -1 when out of memory. */
enum { WAVE = 8 };

static double prob_outside_band(int64_t m, int64_t n, int64_t g, int64_t h)
{
    if (m < n) {
        int64_t t = m;
        m = n;
        n = t;
    }
    int64_t mg = m / g, ng = n / g;
    double *a = malloc((size_t)(n + 2) * sizeof *a);
    if (!a)
        return -1;
    int64_t maxj = ceildiv(h, mg);
    maxj = maxj < n + 1 ? maxj : n + 1;
    for (int64_t j = 0; j < n + 2; j++)
        a[j] = j < maxj ? 0.0 : 1.0;
    for (int64_t i0 = 1; i0 <= m; i0 += WAVE) {
        int kc = m - i0 + 1 < WAVE ? (int)(m - i0 + 1) : WAVE;
        int64_t lo[WAVE], hi[WAVE];
        double val[WAVE], di[WAVE];
        for (int r = 0; r < WAVE; r++) {
            int64_t i = i0 + (r < kc ? r : kc - 1);
            int64_t minj = floordiv(ng * i - h, mg) + 1;
            minj = minj > 0 ? minj : 0;
            minj = minj < n ? minj : n;
            maxj = ceildiv(ng * i + h, mg);
            maxj = maxj < n + 1 ? maxj : n + 1;
            if (maxj <= minj) {
                free(a);
                return 1.0;
            }
            /* a column past m gets an empty range */
            lo[r] = minj;
            hi[r] = r < kc ? maxj : minj;
            di[r] = (double)i;
            val[r] = minj == 0 ? 0.0 : 1.0;
        }
        int64_t send = hi[kc - 1] + kc - 1;
        for (int64_t s = lo[0]; s < send; s++) {
            for (int r = 0; r < WAVE; r++) {
                int64_t j = s - r;
                if (j >= lo[r] && j < hi[r]) {
                    double v = (a[j] * di[r] + val[r] * (double)j) / (di[r] + (double)j);
                    val[r] = v;
                    a[j] = v;
                }
            }
        }
    }
    double p = a[n];
    free(a);
    return p;
}

double lt_ks_pvalue(double d, int64_t n1, int64_t n2, lt_ks_mode mode, lt_ks_mode *used,
                    double *d_exact)
{
    if (used)
        *used = LT_KS_ASYMP;
    if (d_exact)
        *d_exact = d;
    if (n1 < 1 || n2 < 1) {
        lt_seterr(LT_EINVAL, "ks p-value: sample sizes %lld and %lld, expected both >= 1",
                  (long long)n1, (long long)n2);
        return NAN;
    }
    if (!(d >= 0 && d <= 1)) {
        lt_seterr(LT_EINVAL, "ks p-value: statistic %g, expected a number in [0, 1]", d);
        return NAN;
    }
    if (mode != LT_KS_AUTO && mode != LT_KS_EXACT && mode != LT_KS_ASYMP) {
        lt_seterr(LT_EINVAL, "ks p-value: mode %d, expected auto, exact or asymp", (int)mode);
        return NAN;
    }
    int64_t g = gcd64(n1, n2), n1g = n1 / g, n2g = n2 / g;
    int exact;
    if (mode == LT_KS_AUTO)
        exact = (n1 > n2 ? n1 : n2) <= 10000;
    else if (mode == LT_KS_EXACT) /* lcm(n1, n2) must fit an int32, as in scipy */
        exact = !((double)n1g >= (double)INT32_MAX / (double)n2g);
    else
        exact = 0;
    if (exact) {
        /* d on the lattice of multiples of 1/lcm (round half to even) */
        int64_t lcm = n1g * n2;
        int64_t h = (int64_t)nearbyint(d * (double)lcm);
        d = (double)h * 1.0 / (double)lcm;
        if (d_exact)
            *d_exact = d;
        double p;
        if (h == 0)
            p = 1.0;
        else if (n1 == n2)
            p = prob_outside_square(n1, h);
        else
            p = prob_outside_band(n1, n2, g, h);
        if (p == -1 && n1 != n2) {
            lt_nomem();
            return NAN;
        }
        if (p >= 0 && p <= 1) {
            if (used)
                *used = LT_KS_EXACT;
            return p;
        }
        /* outside [0, 1] by rounding: scipy warns and goes asymptotic */
    }
    double big = (double)(n1 > n2 ? n1 : n2), small = (double)(n1 > n2 ? n2 : n1);
    double en = nearbyint(big * small / (big + small));
    if (en < 1) {
        /* n1 = n2 = 1: scipy's kstwo.sf(d, 0) is NaN too */
        lt_seterr(LT_EINVAL, "ks p-value: the asymptotic p-value needs round(n1 n2 / (n1 + n2)) "
                  ">= 1; samples of 1 and 1 give 0 (use the exact mode)");
        return NAN;
    }
    return clip01(lt_kolmogorov_sf(d, (int64_t)en));
}
