/* lt_f64_sort and lt_quantile7 (fsort.h): against qsort on random,
 * tied, signed and infinite samples, and R's type 7 quantiles. */
#include <stdlib.h>

#include "fsort.h"
#include "rng.h"
#include "tap.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sort v both ways and compare. */
static void check(double *v, int64_t n, const char *what)
{
    double *w = malloc((size_t)(n ? n : 1) * sizeof *w);
    for (int64_t i = 0; i < n; i++)
        w[i] = v[i];
    qsort(w, (size_t)n, sizeof *w, cmp);
    int rc = lt_f64_sort(v, n);
    int64_t bad = -1;
    for (int64_t i = 0; i < n && bad < 0; i++)
        if (v[i] != w[i])
            bad = i;
    ok(rc == 0 && bad < 0, "%s: %lld values sorted (first difference at %lld)", what,
       (long long)n, (long long)bad);
    free(w);
}

int main(void)
{
    lt_rng r;
    lt_rng_seed(&r, 42);
    enum { N = 100000 };
    double *v = malloc(N * sizeof *v);

    check(v, 0, "empty");
    v[0] = 3;
    check(v, 1, "one value");
    for (int i = 0; i < 50; i++)
        v[i] = (double)((i * 7) % 13) - 6;
    check(v, 50, "small, insertion sort");
    for (int i = 0; i < N; i++)
        v[i] = (lt_rng_uniform(&r) - 0.5) * 1e6;
    check(v, N, "uniform, both signs");
    for (int i = 0; i < N; i++)
        v[i] = (double)(i % 7);
    check(v, N, "seven tied values");
    for (int i = 0; i < N; i++)
        v[i] = i % 3 == 0 ? -INFINITY : i % 3 == 1 ? INFINITY : ldexp(lt_rng_uniform(&r), i % 2000 - 1000);
    check(v, N, "infinities and every exponent");
    for (int i = 0; i < N; i++)
        v[i] = i % 2 ? -0.0 : 0.0;
    lt_f64_sort(v, N);
    ok(v[0] == 0 && !signbit(v[0]) && v[N - 1] == 0, "-0.0 and 0.0 sort as equal, back as 0.0");

    /* R: quantile(c(1, 2, 4, 8, 16), c(0, .1, .5, .95, 1)) */
    double s[] = { 1, 2, 4, 8, 16 };
    double want[] = { 1, 1.4, 4, 14.4, 16 }, q[] = { 0, 0.1, 0.5, 0.95, 1 };
    for (int i = 0; i < 5; i++)
        is_num(lt_quantile7(s, 5, q[i]), want[i], 1e-12, "quantile7 at %g", q[i]);
    double inf[] = { 1, INFINITY, INFINITY };
    ok(lt_quantile7(inf, 3, 0.75) == INFINITY, "quantile7 between two Inf is Inf, not NaN");
    is_num(lt_quantile7(s, 1, 0.5), 1, 0, "quantile7 of one value");
    free(v);
    return tap_done();
}
