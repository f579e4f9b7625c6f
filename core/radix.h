/* Pieces shared by the two radix sorts of liblunette, internal to it:
 * sort.c (rows by keys) and scores.c (the scores of each class).  The
 * order-preserving unsigned image of a double, bucket starts from counts,
 * and the counting phase of a top-digit split threaded over contiguous
 * chunks. */
#ifndef LT_RADIX_H
#define LT_RADIX_H

#include <omp.h>
#include <stdint.h>
#include <string.h>

/* The number of significant bits of x (0 for 0). */
static inline int bitlen(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

/* An order-preserving unsigned image of a double: the sign bit flipped
 * for positives, all bits for negatives; -0.0 maps as 0.0. */
static inline uint64_t f64_bits(double x)
{
    x += 0.0;   /* -0.0 + 0.0 is +0.0 */
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b ^ ((uint64_t)((int64_t)b >> 63) | (UINT64_C(1) << 63));
}

/* The double whose image f64_bits gives u. */
static inline double f64_of_bits(uint64_t u)
{
    uint64_t b = u ^ ((u >> 63) ? UINT64_C(1) << 63 : UINT64_MAX);
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* Counts c[0..n) of the buckets of a digit become where each bucket
 * starts (an exclusive prefix sum). */
static inline void bucket_starts(int64_t *c, size_t n)
{
    int64_t pos = 0;
    for (size_t b = 0; b < n; b++) {
        int64_t x = c[b];
        c[b] = pos;
        pos += x;
    }
}

/* The counting phase of a top-digit split of the m keys k over the
 * threads of a parallel region, each thread taking a contiguous chunk:
 * called by every thread, with cnt (nbucket zeroed counters per thread)
 * and bound (nbucket + 1) shared.  Each thread counts the digits
 * (k >> sh) & (nbucket - 1) of its chunk [*c0, *c1); once all have, one
 * thread turns the counts into where each thread puts its first key of
 * each bucket (threads in order within a bucket, so the scatter is stable
 * and the same whatever the thread count) and bound[b] into where bucket
 * b starts (bound[nbucket] = m).  Returns the calling thread's positions,
 * through which it scatters its chunk. */
static inline int64_t *split_count(const uint64_t *k, int64_t m, int sh, int nbucket,
                                   int64_t *cnt, int64_t *bound, int64_t *c0, int64_t *c1)
{
    int nt = omp_get_num_threads(), th = omp_get_thread_num();
    const uint64_t mask = (uint64_t)nbucket - 1;
    *c0 = m * th / nt;
    *c1 = m * (th + 1) / nt;
    int64_t *my = cnt + (size_t)th * (size_t)nbucket;
    for (int64_t i = *c0; i < *c1; i++)
        my[(k[i] >> sh) & mask]++;
#pragma omp barrier
#pragma omp single
    {
        int64_t pos = 0;
        for (int b = 0; b < nbucket; b++) {
            bound[b] = pos;
            for (int u = 0; u < nt; u++) {
                int64_t x = cnt[(size_t)u * (size_t)nbucket + (size_t)b];
                cnt[(size_t)u * (size_t)nbucket + (size_t)b] = pos;
                pos += x;
            }
        }
        bound[nbucket] = m;
    }
    return my;
}

#endif
