/* Neumaier's compensated sum, internal to liblunette: the kernels that
 * add many rows (scores.c, confusion.c, regression_metrics.c) keep one per
 * fixed block of rows and merge the blocks in order, so that 10^7 rows
 * lose no digits and the result does not depend on the thread count. */
#ifndef LT_NSUM_H
#define LT_NSUM_H

#include <math.h>

/* s + c is the running total; { 0, 0 } is an empty sum. */
typedef struct nsum {
    double s, c;
} nsum;

static inline void nsum_add(nsum *a, double x)
{
    double t = a->s + x;
    a->c += fabs(a->s) >= fabs(x) ? (a->s - t) + x : (x - t) + a->s;
    a->s = t;
}

/* Add the sum b to a. */
static inline void nsum_merge(nsum *a, const nsum *b)
{
    nsum_add(a, b->s);
    nsum_add(a, b->c);
}

static inline double nsum_value(const nsum *a) { return a->s + a->c; }

#endif
