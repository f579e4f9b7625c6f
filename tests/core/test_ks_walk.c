/* lt_ks_statistic on samples large enough for the pruned walk (only the
 * stretches that could hold the largest difference are walked) against
 * the statistic by its definition, bit for bit: every point where a run
 * of equal values ends, the largest |i nb - j na| among them, and of the
 * points that reach it the largest |i / na - j / nb|.  Samples of many
 * shapes (ties, integers, infinities, zeros), near and far apart. */
#include <stdlib.h>

#include "fsort.h"
#include "ks.h"
#include "shapes.h"
#include "tap.h"

static double by_definition(const double *a, int64_t na, const double *b, int64_t nb)
{
    int64_t i = 0, j = 0, kmax = 0;
    double d = 0;
    while (i < na || j < nb) {
        double v = j == nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
        while (i < na && a[i] == v)
            i++;
        while (j < nb && b[j] == v)
            j++;
        int64_t k = i * nb - j * na;
        k = k < 0 ? -k : k;
        double dk = fabs((double)i / (double)na - (double)j / (double)nb);
        if (k > kmax || (k == kmax && dk > d))
            d = dk;
        kmax = k > kmax ? k : kmax;
    }
    return d;
}

static void check(shape sh, int64_t na, int64_t nb, double shift)
{
    double *a = sample(sh, na, 0), *b = sample(sh, nb, shift);
    lt_f64_sort(a, na);
    lt_f64_sort(b, nb);
    double got = lt_ks_statistic(a, na, b, nb), want = by_definition(a, na, b, nb);
    ok(same(got, want), "%s, %lld and %lld values, shift %g: D = %.17g", shape_name[sh],
       (long long)na, (long long)nb, shift, got);
    if (!same(got, want))
        printf("#   want %.17g\n", want);
    free(a);
    free(b);
}

int main(void)
{
    lt_rng_seed(&rng, 23);
    int64_t sizes[][2] = {{512, 512}, {1000, 30000}, {100000, 100000}, {250000, 3000}};
    double shifts[] = {0, 0.01, 0.5, 3, -0.5};
    for (int sh = 0; sh < NSHAPE; sh++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            for (size_t s = 0; s < sizeof shifts / sizeof *shifts; s++)
                check((shape)sh, sizes[k][0], sizes[k][1], shifts[s]);
    return tap_done();
}
