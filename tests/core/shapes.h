/* Samples of many shapes for the tests of the drift bins (test_fselect,
 * test_drift_bins): the shapes that take every path of fselect.h. */
#ifndef LT_TEST_SHAPES_H
#define LT_TEST_SHAPES_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static lt_rng rng;

/* The same double, bit for bit (0.0 is not -0.0). */
__attribute__((unused)) static bool same(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

static double normal(void)
{
    double u = lt_rng_uniform(&rng), v = lt_rng_uniform(&rng);
    return sqrt(-2 * log(1 - u)) * cos(2 * M_PI * v);
}

typedef enum shape {
    DECIMALS,    /* normal, 3 decimals: by key */
    CROSSING,    /* normal around 0, 3 decimals: by value */
    INTEGERS,    /* Poisson-like counts: a bucket per key */
    TIES,        /* few non-integers, crossing 0: big buckets probed */
    ZEROS,       /* mostly -0.0 and +0.0, some integers around them */
    INFINITE,    /* spread with -Inf and +Inf, some values huge or tiny */
    CONSTANT,    /* one value */
    LOGNORMAL,   /* a long tail beyond the sampled bulk */
    NSHAPE
} shape;

static const char *const shape_name[NSHAPE] = {
    "decimals", "crossing 0", "integers", "ties", "zeros", "infinities", "constant", "lognormal",
};

static double draw(shape s, double shift)
{
    switch (s) {
    case DECIMALS:
        return round((50 + shift + 10 * normal()) * 1000) / 1000;
    case CROSSING:
        return round((shift + normal()) * 1000) / 1000;
    case INTEGERS:
        return round(40 + shift + 6 * normal());
    case TIES:
        return (double)((int)lt_rng_below(&rng, 7) - 3) * 0.3 + shift * 0.1;
    case ZEROS: {
        uint64_t k = lt_rng_below(&rng, 10);
        return k < 5 ? -0.0 : k < 8 ? 0.0 : round(3 * normal() + shift);
    }
    case INFINITE: {
        uint64_t k = lt_rng_below(&rng, 100);
        return k == 0   ? -INFINITY
               : k == 1 ? INFINITY
               : k == 2 ? ldexp(normal(), 1000)
               : k == 3 ? ldexp(normal(), -1000)
                        : normal() + shift;
    }
    case CONSTANT:
        return 2.5;
    default:
        return round(exp(3 + shift + 2 * normal()) * 1000) / 1000;
    }
}

__attribute__((unused)) static double *sample(shape s, int64_t n, double shift)
{
    double *v = malloc((size_t)(n ? n : 1) * sizeof *v);
    for (int64_t i = 0; i < n; i++)
        v[i] = draw(s, shift);
    return v;
}

#endif
