/* Order statistics and counts of two samples of doubles, sorted or not,
 * internal to liblunette: what the drift report's bins need (a few
 * quantiles of the reference and of both samples together, the counts of
 * each below a few edges), in a few passes over unsorted samples instead
 * of sorting them.
 *
 * Unsorted samples are cut into buckets by value and counted per bucket.
 * An order statistic lies in the bucket that the running counts point
 * at, a count below e ends in e's bucket: only the values of those
 * buckets are needed, and they are collected (and sorted, for an order
 * statistic) on demand.  So the questions come in rounds: ask
 * (fsel_want_*), collect (fsel_collect: one pass over a sample for all
 * that was asked of it since the last), then read the answers (fsel_kth,
 * fsel_count, fsel_quantile).  Sorted samples answer at once; asking and
 * collecting cost nothing then.
 *
 * The buckets cover the bulk of both samples (a sample of a few thousand
 * values tells where it lies; beyond it, values fall in the end buckets)
 * in equal steps of the order-preserving keys of radix.h, logarithmic
 * across octaves, when the bulk has one sign, else of the values.  Any
 * cut gives the same answers: a poor one only collects more.  A bucket
 * far larger than the others mostly holds one value many times (a tie
 * of many rows): its range is found first, and its values copied only
 * when they differ. */
#ifndef LT_FSELECT_H
#define LT_FSELECT_H

#include <stdbool.h>
#include <stdint.h>

/* The sample argument: 0, 1, or both together. */
enum { FSEL_BOTH = 2 };

typedef struct fsel {
    const double *x[2];
    int64_t n[2];
    bool sorted;
    /* unsorted: nb buckets of keys, (clamp(key, klo, khi) - klo) >> shift,
     * or of values, (x - vlo) * scale clamped to [0, nb) */
    int nb;
    bool by_key;
    uint64_t klo, khi;
    int shift;
    double vlo, scale;
    uint16_t *idx[2];           /* the bucket of each value */
    int64_t *cum[2];            /* nb + 1 running counts: values before bucket b */
    uint8_t *want[2];           /* what is asked of each bucket, since the last
                                   collection */
    uint8_t *have[2];           /* what is known of each bucket */
    struct fbucket *bk[2];      /* ... and what holds it */
} fsel;

enum {
    FSEL_SORTED = 1,   /* both samples are sorted ascending */
    FSEL_FINE = 2      /* a bucket for every 16 values rather than 64 (and up
                          to 2^16 of them): for a walk over the whole range,
                          whose work the buckets' width bounds (the KS
                          statistic) */
};

/* Index the samples a[0..na) and b[0..nb) (no NaN; either may be empty,
 * and both must stay alive and unchanged until fsel_fini); flags:
 * FSEL_*.  0 or LT_ENOMEM. */
int fsel_init(fsel *f, const double *a, int64_t na, const double *b, int64_t nb, int flags);
void fsel_fini(fsel *f);

/* Ask for the value of rank r (0-based, below the size) of sample s or of
 * both together; ask for counts of sample s (or of each) below e. */
void fsel_want_rank(fsel *f, int s, int64_t r);
void fsel_want_value(fsel *f, int s, double e);

/* Collect the values asked of sample s (or of each) since the last
 * collection: at most one pass over each sample.  0 or LT_ENOMEM. */
int fsel_collect(fsel *f, int s);

/* The value of rank r of sample s or of both (asked and collected; NaN
 * when it was not). */
double fsel_kth(const fsel *f, int s, int64_t r);

/* The values of sample s below e (le: at most e).  Exact whatever was
 * asked; a count not asked and collected costs a pass. */
int64_t fsel_count(const fsel *f, int s, double e, bool le);

/* The buckets of unsorted samples, for a caller that walks them in order
 * (the KS statistic): how many; of bucket b, the values of each sample
 * before it and in it; asking for its values, sorted, in both samples;
 * and once collected, whether they are all one value, and those of
 * sample s (*v; a bucket of one value is written out, NULL when it holds
 * none).  0 or LT_ENOMEM. */
int fsel_buckets(const fsel *f);
void fsel_bucket(const fsel *f, int b, int64_t before[2], int64_t in[2]);
void fsel_want_bucket(fsel *f, int b);
bool fsel_bucket_one(const fsel *f, int b);
int fsel_bucket_values(fsel *f, int s, int b, const double **v);

/* The type 7 quantile q (fsort.h) of the m values of sample s (or both)
 * from rank `first` on (the finite values: first = the -Inf count, m the
 * finite ones), m >= 1: ask for it, and read it once collected. */
void fsel_want_quantile(fsel *f, int s, int64_t first, int64_t m, double q);
double fsel_quantile(const fsel *f, int s, int64_t first, int64_t m, double q);

#endif
