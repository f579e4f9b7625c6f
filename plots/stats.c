/* Statistics of the statistical layers (stats.h): histogram breaks and
 * counts, R's bw.nrd0, Gaussian kernel densities and R's boxplot.stats.
 * Each follows a named peer (R's hist(), numpy.histogram, bw.nrd0,
 * scipy.stats.gaussian_kde, boxplot.stats); tests/reference holds their
 * answers on the example data. */
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fsort.h"
#include "scale.h"

#define MAX_BINS 1000000

/* Exact densities up to this many kernel evaluations (n * npoints); beyond,
 * the data is binned first (see lt_density). */
#define KDE_EXACT_MAX (1 << 24)
/* Binned path: grid spacing bw / KDE_GRID_PER_BW, kernel cut at
 * KDE_CUT bandwidths, at most KDE_GRID_MAX grid points. */
#define KDE_GRID_PER_BW 64
#define KDE_CUT 8.5
#define KDE_GRID_MAX (1 << 20)

/* ---- finite values -------------------------------------------------------- */

/* Check x[0..n): the number of NaN values in *nmissing, the finite range in
 * *min, *max and their count in *nfinite.  LT_EINVAL for an infinite value,
 * named with its index, for `what`. */
static int scan(const char *what, const double *x, size_t n, size_t *nfinite,
                size_t *nmissing, double *min, double *max)
{
    size_t nf = 0, nm = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (isnan(v)) {
            nm++;
        } else if (isinf(v)) {
            return lt_seterr(LT_EINVAL, "%s: value %zu is %s, expected finite numbers",
                             what, i + 1, v > 0 ? "Inf" : "-Inf");
        } else {
            nf++;
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
    }
    *nfinite = nf;
    *nmissing = nm;
    *min = lo;
    *max = hi;
    return 0;
}

static int no_values(const char *what, size_t nmissing)
{
    if (nmissing > 0)
        return lt_seterr(LT_EINVAL, "%s: no values (all %zu are missing)", what, nmissing);
    return lt_seterr(LT_EINVAL, "%s: no values", what);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The finite values of x in a new array (*m of them), or NULL. */
static double *finite_copy(const double *x, size_t n, size_t *m)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            s[k++] = x[i];
    *m = k;
    return s;
}

/* The finite values of x, sorted, in a new array (*m of them), or NULL. */
static double *sorted_finite(const double *x, size_t n, size_t *m)
{
    double *s = finite_copy(x, n, m);
    if (s)
        qsort(s, *m, sizeof *s, cmp_double);
    return s;
}

/* Hoare's selection: reorder s[0..n) so that s[k] is the value a sort
 * would put there, with nothing larger before it and nothing smaller
 * after.  Expected O(n), where a sort of millions of values is the whole
 * cost of a bandwidth. */
static void select_nth(double *s, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = s[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (s[i] < pivot)
                i++;
            while (s[j] > pivot)
                j--;
            if (i <= j) {
                double t = s[i];
                s[i] = s[j];
                s[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* ---- histograms --------------------------------------------------------- */

void lt_hist_fini(lt_hist *h)
{
    free(h->edges);
    free(h->counts);
    memset(h, 0, sizeof *h);
}

/* Bin of v among edges e[0..nb] with numpy's rule: [e[i], e[i+1]), the
 * last bin closed; -1 outside.  The bin equal widths would give is the
 * first guess (exact for the usual equal bins, as numpy does it), then
 * the edges themselves decide, so rounding never misplaces a value. */
static int find_bin(const double *e, int nb, double scale, double v)
{
    if (!(v >= e[0] && v <= e[nb]))
        return -1;
    if (v == e[nb])
        return nb - 1;
    int b = (int)((v - e[0]) * scale);
    if (b >= nb)
        b = nb - 1;
    if (v < e[b] || v >= e[b + 1]) {
        int lo = 0, hi = nb;   /* e[lo] <= v < e[hi] */
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (v < e[mid])
                hi = mid;
            else
                lo = mid;
        }
        b = lo;
    }
    return b;
}

int lt_hist_count(lt_hist *h, const double *x, size_t n, bool density)
{
    if (h->nbins < 1 || h->edges == NULL || h->counts == NULL)
        return lt_seterr(LT_EINVAL, "histogram: no bins to count into");
    size_t nf = 0, nm = 0;   /* set by scan; initialised for -O3 -Wmaybe-uninitialized */
    double min = 0, max = 0;
    int rc = scan("histogram", x, n, &nf, &nm, &min, &max);
    if (rc < 0)
        return rc;
    memset(h->counts, 0, (size_t)h->nbins * sizeof *h->counts);
    const double *e = h->edges;
    int nb = h->nbins;
    double scale = nb / (e[nb] - e[0]);
    size_t used = 0;
    bool failed = false;
    /* Integer counts per thread, summed: the same whatever the threads. */
    #pragma omp parallel if (n > 100000)
    {
        size_t *mine = calloc((size_t)nb, sizeof *mine);
        size_t mine_used = 0;
        #pragma omp for schedule(static)
        for (size_t i = 0; i < n; i++) {
            int b = find_bin(e, nb, scale, x[i]);
            if (b >= 0 && mine) {
                mine[b]++;
                mine_used++;
            }
        }
        #pragma omp critical
        {
            if (mine == NULL)
                failed = true;
            for (int b = 0; mine && b < nb; b++)
                h->counts[b] += (double)mine[b];
            used += mine_used;
        }
        free(mine);
    }
    if (failed)
        return lt_nomem();
    h->nused = used;
    h->nmissing = nm;
    if (density && used > 0)
        for (int b = 0; b < h->nbins; b++)
            h->counts[b] /= (double)used * (h->edges[b + 1] - h->edges[b]);
    return 0;
}

int lt_hist_init(lt_hist *h, const double *x, size_t n, int bins)
{
    memset(h, 0, sizeof *h);
    if (bins > MAX_BINS)
        return lt_seterr(LT_EINVAL, "histogram: bins = %d, expected at most %d", bins, MAX_BINS);
    size_t nf = 0, nm = 0;   /* set by scan; initialised for -O3 -Wmaybe-uninitialized */
    double min = 0, max = 0;
    int rc = scan("histogram", x, n, &nf, &nm, &min, &max);
    if (rc < 0)
        return rc;
    if (nf == 0)
        return no_values("histogram", nm);

    double start = 0, step = 1;
    int nb;
    if (min == max) {
        /* numpy: the range [v - 0.5, v + 0.5], one bin unless asked */
        min -= 0.5;
        max += 0.5;
        nb = bins > 0 ? bins : 1;
        bins = nb;
    } else if (bins > 0) {
        nb = bins;
    } else {
        /* R's hist(): pretty(range(x), nclass.Sturges(x), min.n = 1) */
        int k = (int)ceil(log2((double)nf) + 1);
        int count;
        lt_pretty_min(min, max, k, 1, &start, &step, &count);
        nb = count - 1;
    }
    h->edges = malloc(((size_t)nb + 1) * sizeof *h->edges);
    h->counts = calloc((size_t)nb, sizeof *h->counts);
    if (h->edges == NULL || h->counts == NULL) {
        lt_hist_fini(h);
        return lt_nomem();
    }
    h->nbins = nb;
    if (bins > 0) {
        /* as numpy.linspace(min, max, bins + 1) */
        double w = (max - min) / nb;
        for (int i = 0; i < nb; i++)
            h->edges[i] = min + i * w;
        h->edges[nb] = max;
    } else {
        /* as R's seq(l, u, length.out = nb + 1): from the start in the
         * first half, from the end in the second */
        double end = start + nb * step;
        for (int i = 0; i <= nb; i++) {
            double v = i < (nb + 1) / 2 ? start + i * step : end - (nb - i) * step;
            h->edges[i] = fabs(v) < 1e-14 * step ? 0 : v;
        }
    }
    return lt_hist_count(h, x, n, false);
}

/* ---- bandwidth ---------------------------------------------------------- */

/* R's quantile(x, p, type = 7) of s[0..n), which it reorders (selection,
 * not a sort): fsort.h's type 7 position and mix of the two order
 * statistics around it. */
static double quantile7(double *s, size_t n, double p)
{
    int64_t lo;
    double h;
    lt_quantile7_at((int64_t)n, p, &lo, &h);
    select_nth(s, n, (size_t)lo);
    if (h == 0)
        return s[lo];
    /* The next order statistic: the smallest value after s[lo]. */
    double next = s[lo + 1];
    for (size_t i = (size_t)lo + 2; i < n; i++)
        if (s[i] < next)
            next = s[i];
    return lt_quantile7_mix(s[lo], next, h);
}

/* Sample standard deviation of x[0..n) (finite values only), two passes. */
static double sd_finite(const double *x, size_t n, size_t nf)
{
    long double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            sum += x[i];
    long double mean = sum / (long double)nf;
    long double ss = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) {
            long double d = x[i] - mean;
            ss += d * d;
        }
    return (double)sqrtl(ss / (long double)(nf - 1));
}

int lt_bw_nrd0(const double *x, size_t n, double *bw)
{
    size_t nf = 0, nm = 0;   /* set by scan; initialised for -O3 -Wmaybe-uninitialized */
    double min = 0, max = 0;
    int rc = scan("bandwidth", x, n, &nf, &nm, &min, &max);
    if (rc < 0)
        return rc;
    if (nf < 2)
        return lt_seterr(LT_EINVAL, "bandwidth: %zu value%s, expected at least 2", nf,
                         nf == 1 ? "" : "s");
    size_t m;
    double *s = finite_copy(x, n, &m);
    if (s == NULL)
        return lt_nomem();
    double sd = sd_finite(x, n, nf);
    double iqr = quantile7(s, m, 0.75) - quantile7(s, m, 0.25);
    free(s);
    double lo = fmin(sd, iqr / 1.34);
    /* R's fallbacks when that is 0: the sd, the first value, 1 */
    if (!(lo != 0)) {
        lo = sd;
        if (!(lo != 0)) {
            for (size_t i = 0; i < n; i++)
                if (isfinite(x[i])) {
                    lo = fabs(x[i]);
                    break;
                }
            if (!(lo != 0))
                lo = 1;
        }
    }
    *bw = 0.9 * lo * pow((double)nf, -0.2);
    return 0;
}

/* ---- densities ---------------------------------------------------------- */

#define INV_SQRT_2PI 0.39894228040143267794

static void kde_exact(const double *x, size_t n, size_t nf, double bw, int np,
                      const double *gx, double *gy)
{
    double norm = INV_SQRT_2PI / ((double)nf * bw);
    for (int j = 0; j < np; j++) {
        double sum = 0, g = gx[j];
        for (size_t i = 0; i < n; i++) {
            if (!isfinite(x[i]))
                continue;
            double z = (g - x[i]) / bw;
            sum += exp(-0.5 * z * z);
        }
        gy[j] = sum * norm;
    }
}

/* Linear binning (each value split between its two neighbouring grid
 * points in proportion to its distance, which keeps the mass and the mean
 * of every value), then the kernel sum over the grid within KDE_CUT
 * bandwidths of each output point. */
static int kde_binned(const double *x, size_t n, size_t nf, double min,
                      double max, double bw, int np, const double *gx, double *gy)
{
    double range = max - min;
    double want = ceil(range / bw * KDE_GRID_PER_BW) + 1;
    size_t ng = want < 2 ? 2 : want > KDE_GRID_MAX ? KDE_GRID_MAX : (size_t)want;
    double delta = range / (double)(ng - 1);
    double *w = calloc(ng, sizeof *w);
    if (w == NULL)
        return lt_nomem();
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            continue;
        double pos = delta > 0 ? (x[i] - min) / delta : 0;
        size_t k = (size_t)pos;
        if (k >= ng - 1)
            k = ng - 2;
        double t = pos - (double)k;
        w[k] += 1 - t;
        w[k + 1] += t;
    }
    double norm = INV_SQRT_2PI / ((double)nf * bw);
    for (int j = 0; j < np; j++) {
        double g = gx[j], sum = 0;
        double a = delta > 0 ? (g - KDE_CUT * bw - min) / delta : 0;
        double b = delta > 0 ? (g + KDE_CUT * bw - min) / delta : (double)ng - 1;
        size_t k0 = a <= 0 ? 0 : (size_t)ceil(a);
        size_t k1 = b >= (double)(ng - 1) ? ng - 1 : (size_t)floor(b);
        for (size_t k = k0; b >= 0 && k <= k1 && k < ng; k++) {
            if (w[k] == 0)
                continue;
            double z = (g - (min + (double)k * delta)) / bw;
            sum += w[k] * exp(-0.5 * z * z);
        }
        gy[j] = sum * norm;
    }
    free(w);
    return 0;
}

int lt_density(const double *x, size_t n, double bw, int npoints, double *gx,
               double *gy)
{
    if (npoints < 2)
        return lt_seterr(LT_EINVAL, "density: npoints = %d, expected at least 2", npoints);
    size_t nf = 0, nm = 0;   /* set by scan; initialised for -O3 -Wmaybe-uninitialized */
    double min = 0, max = 0;
    int rc = scan("density", x, n, &nf, &nm, &min, &max);
    if (rc < 0)
        return rc;
    if (nf == 0)
        return no_values("density", nm);
    if (!(bw > 0)) {
        if (nf < 2)
            return lt_seterr(LT_EINVAL,
                             "density: 1 value, expected at least 2 to choose a bandwidth (or give bw)");
        rc = lt_bw_nrd0(x, n, &bw);
        if (rc < 0)
            return rc;
    }
    if (!isfinite(bw))
        return lt_seterr(LT_EINVAL, "density: bw = %g, expected a finite number", bw);
    /* as numpy.linspace(min - 3 bw, max + 3 bw, npoints) */
    double lo = min - 3 * bw, hi = max + 3 * bw;
    double step = (hi - lo) / (npoints - 1);
    for (int j = 0; j < npoints - 1; j++)
        gx[j] = lo + j * step;
    gx[npoints - 1] = hi;
    if ((double)nf * npoints <= KDE_EXACT_MAX)
        kde_exact(x, n, nf, bw, npoints, gx, gy);
    else if ((rc = kde_binned(x, n, nf, min, max, bw, npoints, gx, gy)) < 0)
        return rc;
    return 0;
}

/* ---- box statistics ----------------------------------------------------- */

int lt_box_compute(const double *x, size_t n, lt_box_stats *b)
{
    memset(b, 0, sizeof *b);
    size_t m = 0;
    double *s = sorted_finite(x, n, &m);
    if (s == NULL)
        return lt_nomem();
    if (m == 0) {
        free(s);
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            nm += isnan(x[i]) != 0;
        return no_values("box plot", nm);
    }
    /* fivenum: Tukey's hinges at depth floor((m + 3) / 2) / 2 */
    double n4 = floor((double)(m + 3) / 2) / 2;
    double d[5] = {1, n4, (double)(m + 1) / 2, (double)m + 1 - n4, (double)m};
    double f[5];
    for (int i = 0; i < 5; i++)
        f[i] = 0.5 * (s[(size_t)floor(d[i]) - 1] + s[(size_t)ceil(d[i]) - 1]);
    double iqr = f[3] - f[1];
    double lo_fence = f[1] - 1.5 * iqr, hi_fence = f[3] + 1.5 * iqr;
    /* whiskers: the most extreme values inside the fences */
    size_t first = 0, last = m - 1;
    while (s[first] < lo_fence)
        first++;
    while (s[last] > hi_fence)
        last--;
    b->lo_whisker = s[first];
    b->q1 = f[1];
    b->median = f[2];
    b->q3 = f[3];
    b->hi_whisker = s[last];
    free(s);
    b->nout = first + (m - 1 - last);
    if (b->nout > 0) {
        b->out = malloc(b->nout * sizeof *b->out);
        if (b->out == NULL) {
            b->nout = 0;
            return lt_nomem();
        }
        /* outliers in data order, as boxplot.stats lists them */
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (isfinite(x[i]) && (x[i] < lo_fence || x[i] > hi_fence))
                b->out[k++] = x[i];
    }
    return 0;
}
