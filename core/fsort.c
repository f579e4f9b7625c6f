/* Radix sort of plain double arrays (fsort.h): the keys are the
 * order-preserving unsigned images of radix.h, sorted least significant
 * 11-bit digit first; a digit that all keys share costs one counting
 * pass and no scatter.  And the k-th value of two sorted arrays. */
#include <stdlib.h>

#include "error.h"
#include "fsort.h"
#include "radix.h"

enum { DIGIT = 11, RADIX = 1 << DIGIT, NDIGIT = 6, SMALL = 64 };

/* -0.0 comes back as 0.0 here too, as fsort.h says. */
static void insertion_sort(double *v, int64_t n)
{
    if (n > 0)
        v[0] += 0.0;
    for (int64_t i = 1; i < n; i++) {
        double x = v[i] + 0.0;
        int64_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

int lt_f64_sort(double *v, int64_t n)
{
    if (n <= SMALL) {
        insertion_sort(v, n);
        return 0;
    }
    uint64_t *k = malloc(2 * (size_t)n * sizeof *k);
    int64_t(*count)[RADIX] = calloc(NDIGIT, sizeof *count);
    if (!k || !count) {
        free(k);
        free(count);
        return lt_nomem();
    }
    uint64_t *t = k + n;
    for (int64_t i = 0; i < n; i++) {
        k[i] = f64_bits(v[i]);
        for (int d = 0; d < NDIGIT; d++)
            count[d][(k[i] >> (d * DIGIT)) & (RADIX - 1)]++;
    }
    for (int d = 0; d < NDIGIT; d++) {
        int sh = d * DIGIT;
        if (count[d][(k[0] >> sh) & (RADIX - 1)] == n)
            continue;   /* every key has this digit */
        bucket_starts(count[d], RADIX);
        for (int64_t i = 0; i < n; i++)
            t[count[d][(k[i] >> sh) & (RADIX - 1)]++] = k[i];
        uint64_t *swap = k;
        k = t;
        t = swap;
    }
    for (int64_t i = 0; i < n; i++)
        v[i] = f64_of_bits(k[i]);
    free(k < t ? k : t);
    free(count);
    return 0;
}

/* A binary search of how many of the first k + 1 come from a. */
double lt_f64_kth2(const double *a, int64_t na, const double *b, int64_t nb, int64_t k)
{
    int64_t lo = k + 1 > nb ? k + 1 - nb : 0, hi = k + 1 < na ? k + 1 : na;
    for (;;) {
        int64_t i = lo + (hi - lo) / 2, j = k + 1 - i;
        if (i < na && j > 0 && b[j - 1] > a[i])
            lo = i + 1;
        else if (i > 0 && j < nb && a[i - 1] > b[j])
            hi = i - 1;
        else if (i == 0)
            return b[j - 1];
        else if (j == 0)
            return a[i - 1];
        else
            return a[i - 1] > b[j - 1] ? a[i - 1] : b[j - 1];
    }
}
