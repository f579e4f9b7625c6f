/* Statistics on small inputs worked out by hand (R's values where noted):
 * histogram breaks and counts, bw.nrd0 and its fallbacks, densities (both
 * the exact and the binned path), box statistics, and every error.  The
 * example-data comparisons with R, numpy and scipy are in test_stats_ref.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "stats.h"
#include "tap.h"

static void edges_are(const lt_hist *h, const double *want, int n, const char *what)
{
    bool same = h->nbins == n - 1;
    for (int i = 0; same && i < n; i++)
        same = fabs(h->edges[i] - want[i]) <= 1e-15 * fabs(want[i]);
    ok(same, "%s: %d edges", what, h->nbins + 1);
}

static void counts_are(const lt_hist *h, const double *want, int n, const char *what)
{
    bool same = h->nbins == n;
    for (int i = 0; same && i < n; i++)
        same = h->counts[i] == want[i];
    ok(same, "%s", what);
}

static void test_hist(void)
{
    double x[7] = {1, 2, 2, 3, NAN, 3, 3};
    lt_hist h;
    ok(lt_hist_init(&h, x, 7, 0) == 0, "default breaks");
    /* Sturges: ceil(log2(6) + 1) = 4; R: pretty(c(1, 3), 4, min.n = 1) */
    edges_are(&h, (double[]){1, 1.5, 2, 2.5, 3}, 5, "R's hist(c(1,2,2,3,3,3))$breaks");
    counts_are(&h, (double[]){1, 0, 2, 3}, 4, "[a, b) bins, the last closed");
    ok(h.nused == 6 && h.nmissing == 1, "6 used, 1 missing");
    lt_hist_fini(&h);
    ok(h.edges == NULL && h.nbins == 0, "fini clears");

    ok(lt_hist_init(&h, x, 7, 2) == 0, "2 bins");
    edges_are(&h, (double[]){1, 2, 3}, 3, "min..max in 2");
    counts_are(&h, (double[]){1, 5}, 2, "2 is in the second bin");
    ok(lt_hist_count(&h, x, 7, true) == 0, "densities");
    counts_are(&h, (double[]){1.0 / 6, 5.0 / 6}, 2, "count / (n * width)");
    /* another sample on the same edges: values outside are not counted */
    double y[5] = {0, 1.5, 2.5, 3, 4};
    ok(lt_hist_count(&h, y, 5, false) == 0, "count another sample");
    counts_are(&h, (double[]){1, 2}, 2, "0 and 4 are outside");
    ok(h.nused == 3 && h.nmissing == 0, "3 used");
    ok(lt_hist_count(&h, y, 5, true) == 0, "densities of the other sample");
    counts_are(&h, (double[]){1.0 / 3, 2.0 / 3}, 2, "over the values counted");
    lt_hist_fini(&h);

    double e[3] = {5, 5, 5};
    ok(lt_hist_init(&h, e, 3, 0) == 0, "all equal");
    edges_are(&h, (double[]){4.5, 5.5}, 2, "one bin [v - 0.5, v + 0.5]");
    counts_are(&h, (double[]){3}, 1, "holding them all");
    lt_hist_fini(&h);
    ok(lt_hist_init(&h, e, 3, 4) == 0, "all equal, 4 bins");
    edges_are(&h, (double[]){4.5, 4.75, 5, 5.25, 5.5}, 5, "numpy's 4 bins around 5");
    counts_are(&h, (double[]){0, 0, 3, 0}, 4, "numpy.histogram([5, 5, 5], 4)");
    lt_hist_fini(&h);
    double one = -7;
    ok(lt_hist_init(&h, &one, 1, 0) == 0, "one value");
    edges_are(&h, (double[]){-7.5, -6.5}, 2, "around it");
    lt_hist_fini(&h);

    ok(lt_hist_init(&h, x, 0, 0) == LT_EINVAL, "no values");
    is_str(lt_errmsg(), "histogram: no values", "message");
    double nan[3] = {NAN, NAN, NAN};
    ok(lt_hist_init(&h, nan, 3, 0) == LT_EINVAL, "all missing");
    is_str(lt_errmsg(), "histogram: no values (all 3 are missing)", "message");
    double inf[3] = {1, INFINITY, 2};
    ok(lt_hist_init(&h, inf, 3, 0) == LT_EINVAL, "Inf");
    is_str(lt_errmsg(), "histogram: value 2 is Inf, expected finite numbers", "names it");
    ok(h.edges == NULL && h.counts == NULL, "nothing allocated");
    ok(lt_hist_init(&h, x, 7, 1000001) == LT_EINVAL, "too many bins");
    is_str(lt_errmsg(), "histogram: bins = 1000001, expected at most 1000000", "message");
    ok(lt_hist_count(&h, x, 7, false) == LT_EINVAL, "count without edges");
    ok(lt_hist_init(&h, x, 7, 1) == 0, "edges again");
    inf[1] = -INFINITY;
    ok(lt_hist_count(&h, inf, 3, false) == LT_EINVAL, "count with -Inf");
    is_str(lt_errmsg(), "histogram: value 2 is -Inf, expected finite numbers", "names it");
    lt_hist_fini(&h);

    /* pretty breaks covering a range that starts off the unit */
    double z[4] = {-0.3, 0.2, 0.71, 0.05};
    ok(lt_hist_init(&h, z, 4, 0) == 0, "breaks around 0");
    /* Sturges 3: pretty(c(-0.3, 0.71), 3, min.n = 1) = -0.5, 0, 0.5, 1 */
    edges_are(&h, (double[]){-0.5, 0, 0.5, 1}, 4, "covering the data");
    counts_are(&h, (double[]){1, 2, 1}, 3, "counts");
    lt_hist_fini(&h);
}

static void test_bw(void)
{
    double bw = 0;
    double a[6] = {1, NAN, 2, 3, 4, 5};
    ok(lt_bw_nrd0(a, 6, &bw) == 0, "bw of 1..5");
    is_num(bw, 0.97358462285063574, 1e-15, "R's bw.nrd0(1:5), NaN skipped");
    double b[5] = {1, 1, 1, 1, 10};
    ok(lt_bw_nrd0(b, 5, &bw) == 0, "IQR 0");
    is_num(bw, 2.6254636866422754, 1e-15, "falls back to the sd (R)");
    double c[4] = {NAN, -3, -3, -3};
    ok(lt_bw_nrd0(c, 4, &bw) == 0, "sd 0");
    is_num(bw, 0.9 * 3 * pow(3, -0.2), 1e-15, "falls back to |the first value|");
    double d[2] = {0, 0};
    ok(lt_bw_nrd0(d, 2, &bw) == 0, "all 0");
    is_num(bw, 0.78349550696651171, 1e-15, "falls back to 1 (R's bw.nrd0(c(0, 0)))");
    ok(lt_bw_nrd0(a, 1, &bw) == LT_EINVAL, "one value");
    is_str(lt_errmsg(), "bandwidth: 1 value, expected at least 2", "message");
    ok(lt_bw_nrd0(c, 1, &bw) == LT_EINVAL, "no finite value");
    is_str(lt_errmsg(), "bandwidth: 0 values, expected at least 2", "message");
    double e[3] = {1, 2, -INFINITY};
    ok(lt_bw_nrd0(e, 3, &bw) == LT_EINVAL, "-Inf");
    is_str(lt_errmsg(), "bandwidth: value 3 is -Inf, expected finite numbers", "names it");
}

static void test_density(void)
{
    double gx[5], gy[5];
    double v = 2;
    ok(lt_density(&v, 1, 0.5, 5, gx, gy) == 0, "one value with a bandwidth");
    ok(gx[0] == 0.5 && gx[1] == 1.25 && gx[2] == 2 && gx[3] == 2.75 && gx[4] == 3.5,
       "points from v - 3 bw to v + 3 bw");
    is_num(gy[2], 2 * 0.3989422804014327, 1e-15, "the kernel's peak: phi(0) / bw");
    is_num(gy[0], 2 * 0.3989422804014327 * exp(-4.5), 1e-15, "phi(3) / bw at the end");
    is_num(gy[1], 2 * 0.3989422804014327 * exp(-1.125), 1e-15, "phi(1.5) / bw");
    ok(lt_density(&v, 1, 0, 5, gx, gy) == LT_EINVAL, "one value without bandwidth");
    is_str(lt_errmsg(), "density: 1 value, expected at least 2 to choose a bandwidth (or give bw)",
           "message");
    double two[3] = {0, NAN, 1};
    ok(lt_density(two, 3, 1, 3, gx, gy) == 0, "two values, NaN skipped");
    is_num(gy[1], 0.3989422804014327 * exp(-0.125), 1e-15, "the mean of two kernels at 0.5");
    ok(lt_density(two, 3, 1, 1, gx, gy) == LT_EINVAL, "npoints 1");
    is_str(lt_errmsg(), "density: npoints = 1, expected at least 2", "message");
    two[1] = INFINITY;
    ok(lt_density(two, 3, 1, 3, gx, gy) == LT_EINVAL, "Inf");
    is_str(lt_errmsg(), "density: value 2 is Inf, expected finite numbers", "names it");
    double nan[2] = {NAN, NAN};
    ok(lt_density(nan, 2, 1, 3, gx, gy) == LT_EINVAL, "all missing");
    is_str(lt_errmsg(), "density: no values (all 2 are missing)", "message");
    ok(lt_density(two, 3, INFINITY, 3, gx, gy) == LT_EINVAL, "infinite bandwidth");

    /* all equal: bw from the value itself, the density peaks at it */
    double e[3] = {5, 5, 5};
    double ex[3], ey[3];
    ok(lt_density(e, 3, 0, 3, ex, ey) == 0, "all equal");
    double bw = 0.9 * 5 * pow(3, -0.2);
    is_num(ex[0], 5 - 3 * bw, 1e-14, "from 5 - 3 bw");
    is_num(ey[1], 0.3989422804014327 / bw, 1e-15, "phi(0) / bw at 5");
}

/* The binned path (n * npoints > 2^24) against the exact sum. */
static void test_density_binned(void)
{
    enum { N = 40000, NP = 512 };
    double *x = malloc(N * sizeof *x);
    /* a skewed, bimodal sample without randomness */
    for (int i = 0; i < N; i++) {
        double u = (i + 0.5) / N;
        x[i] = i % 3 ? 10 * u * u : 4 + sin(40 * u);
    }
    double *gx = malloc(NP * sizeof *gx), *gy = malloc(NP * sizeof *gy);
    double bw;
    ok(lt_bw_nrd0(x, N, &bw) == 0, "bandwidth");
    ok(lt_density(x, N, 0, NP, gx, gy) == 0, "binned density of 40000 values");
    double peak = 0, worst = 0, area = 0;
    for (int j = 0; j < NP; j++) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            double z = (gx[j] - x[i]) / bw;
            s += exp(-0.5 * z * z);
        }
        s *= 0.3989422804014327 / (N * bw);
        peak = fmax(peak, s);
        worst = fmax(worst, fabs(gy[j] - s));
        if (j > 0)
            area += 0.5 * (gy[j] + gy[j - 1]) * (gx[j] - gx[j - 1]);
    }
    ok(worst <= 3e-5 * peak, "within 3e-5 of the peak of the exact sum (%.2g)", worst / peak);
    is_num(area, 1, 1e-3, "area 1");
    free(x);
    free(gx);
    free(gy);
}

static void box_is(const double *x, size_t n, const double *want, size_t nout,
                   const double *out, const char *what)
{
    lt_box_stats b;
    if (!ok(lt_box_compute(x, n, &b) == 0, "%s", what))
        return;
    ok(b.lo_whisker == want[0] && b.q1 == want[1] && b.median == want[2] && b.q3 == want[3] &&
           b.hi_whisker == want[4],
       "%s: %g %g %g %g %g", what, b.lo_whisker, b.q1, b.median, b.q3, b.hi_whisker);
    bool same = b.nout == nout;
    for (size_t i = 0; same && i < nout; i++)
        same = b.out[i] == out[i];
    ok(same, "%s: %zu outliers", what, b.nout);
    free(b.out);
}

static void test_box(void)
{
    double a[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
    box_is(a, 10, (double[]){1, 3, 5.5, 8, 9}, 1, (double[]){100},
           "R's boxplot.stats(c(1:9, 100))");
    double b[13] = {100, 1, 2, NAN, 3, 4, 5, 6, 7, 8, 9, -50, INFINITY};
    box_is(b, 13, (double[]){1, 2.5, 5, 7.5, 9}, 2, (double[]){100, -50},
           "R's boxplot.stats(c(100, 1:9, -50)): outliers in data order, NaN and Inf skipped");
    double c[4] = {4, 3, 2, 1};
    box_is(c, 4, (double[]){1, 1.5, 2.5, 3.5, 4}, 0, NULL, "fivenum(1:4): Tukey's hinges");
    double one = 4;
    box_is(&one, 1, (double[]){4, 4, 4, 4, 4}, 0, NULL, "one value");
    double e[3] = {2, 2, 2};
    box_is(e, 3, (double[]){2, 2, 2, 2, 2}, 0, NULL, "all equal");
    /* all equal but one: IQR 0, the odd one is out */
    double f[5] = {2, 2, 3, 2, 2};
    box_is(f, 5, (double[]){2, 2, 2, 2, 2}, 1, (double[]){3}, "IQR 0");

    lt_box_stats s;
    ok(lt_box_compute(a, 0, &s) == LT_EINVAL, "no values");
    is_str(lt_errmsg(), "box plot: no values", "message");
    double nan[2] = {NAN, NAN};
    ok(lt_box_compute(nan, 2, &s) == LT_EINVAL && s.out == NULL, "all missing");
    is_str(lt_errmsg(), "box plot: no values (all 2 are missing)", "message");
}

int main(void)
{
    test_hist();
    test_bw();
    test_density();
    test_density_binned();
    test_box();
    return tap_done();
}
