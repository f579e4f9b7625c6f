/* Order statistics and counts of two samples without sorting them
 * (fselect.h): the bucket of each value and a histogram per sample, and
 * the values of the buckets asked about, collected (and sorted when an
 * order statistic lies there).  The bucket numbers (2 bytes a value) make
 * the collecting passes light. */
#include "fselect.h"

#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "fsort.h"
#include "radix.h"

enum {
    WANT_COUNT = 1,    /* a count below a value ends in the bucket */
    WANT_ORDER = 2,    /* an order statistic lies there: sort it */
    /* a bucket that holds this many times the average is probed first */
    BIG_FACTOR = 16,
    SAMPLE = 4096,     /* values that tell where the bulk lies */
    /* a bucket for every 2^6 values, 2^4 to 2^12 of them: a million
     * values put a few hundred in each, which sort in no time; fine: 2^4
     * values, up to 2^16 buckets */
    PER_BUCKET_BITS = 6, MIN_BITS = 4, MAX_BITS = 12,
    FINE_PER_BUCKET_BITS = 4, FINE_MAX_BITS = 16
};

_Static_assert(FINE_MAX_BITS <= 16, "bucket numbers are kept in 16 bits");

/* What is known of a bucket of a sample besides its count (have[s][b]),
 * and what holds it (bk[s][b], set as the bucket leaves HAVE_NONE). */
enum {
    HAVE_NONE,
    HAVE_MIXED,    /* probed, more than one value: to be copied */
    HAVE_ONE,      /* one value, lo */
    HAVE_VALUES,   /* its values in val */
    HAVE_SORTED    /* ... sorted */
};
typedef struct fbucket {
    double *val;
    double lo, hi;     /* probed: the range of its values */
} fbucket;

/* The key of x clamped to [klo, khi]. */
static inline uint64_t key_in(const fsel *f, double x)
{
    uint64_t k = f64_bits(x);
    k = k < f->klo ? f->klo : k;
    return k > f->khi ? f->khi : k;
}

static inline int key_bucket(const fsel *f, double x)
{
    return (int)((key_in(f, x) - f->klo) >> f->shift);
}

static inline int value_bucket(const fsel *f, double x)
{
    double t = (x - f->vlo) * f->scale, last = f->nb - 1;
    t = t > 0 ? t : 0;
    return (int)(t < last ? t : last);
}

static int bucket_of(const fsel *f, double x)
{
    return f->by_key ? key_bucket(f, x) : value_bucket(f, x);
}

static int64_t in_bucket(const fsel *f, int s, int b)
{
    return f->cum[s][b + 1] - f->cum[s][b];
}

/* First index of the sorted v[0..n) with v[i] > x (le) or >= x. */
static int64_t bound(const double *v, int64_t n, double x, bool le)
{
    int64_t lo = 0, hi = n;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (le ? v[mid] <= x : v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Where the bulk of both samples lies: the 0.1% and 99.9% values of the
 * finite ones among SAMPLE evenly strided values, and the lowest bit in
 * which their keys differ (*grain; 0 when they are all equal).  1, 0
 * when none is finite, or LT_ENOMEM. */
static int bulk(const fsel *f, double *lo, double *hi, int *grain)
{
    int64_t total = f->n[0] + f->n[1], m = total < SAMPLE ? total : SAMPLE, k = 0;
    if (total == 0)
        return 0;
    double *v = malloc((size_t)m * sizeof *v);
    if (!v)
        return lt_nomem();
    for (int s = 0; s < 2; s++) {
        int64_t ms = s ? m - m * f->n[0] / total : m * f->n[0] / total;
        for (int64_t i = 0; i < ms; i++) {
            double x = f->x[s][i * f->n[s] / ms];
            if (isfinite(x))
                v[k++] = x;
        }
    }
    uint64_t vary = 0;
    for (int64_t i = 1; i < k; i++)
        vary |= f64_bits(v[i]) ^ f64_bits(v[0]);
    *grain = vary ? __builtin_ctzll(vary) : 0;
    int st = lt_f64_sort(v, k);
    if (st == 0 && k > 0) {
        *lo = v[(k - 1) / 1000];
        *hi = v[k - 1 - (k - 1) / 1000];
    }
    free(v);
    return st < 0 ? st : k > 0;
}

/* The cut of the bulk [lo, hi] into at most 2^bits buckets: by key when
 * it has one sign, else by value; one bucket when it is a point.  By
 * key, the buckets are no finer than the grain of the keys, so that a
 * bulk of few keys (integers) gets a bucket for each. */
static void cut(fsel *f, double lo, double hi, int grain, int bits)
{
    f->nb = 1;
    f->by_key = lo > 0 || hi < 0;
    if (f->by_key) {
        f->klo = f64_bits(lo);
        f->khi = f64_bits(hi);
        int span = bitlen(f->khi - f->klo);
        f->shift = span > bits ? span - bits : 0;
        f->shift = f->shift > grain ? f->shift : grain;
        f->nb = (int)((f->khi - f->klo) >> f->shift) + 1;
    } else if (lo < hi && isfinite(hi - lo)) {
        f->nb = 1 << bits;
        f->vlo = lo;
        f->scale = f->nb / (hi - lo);
    }
}

/* The bucket of each value of sample s and the running counts (the loop
 * written out for each cut, so that the test leaves the loop).  By key,
 * returns the bits below the shift that some key (less klo) has. */
static uint64_t index_sample(fsel *f, int s)
{
    const double *x = f->x[s];
    uint16_t *idx = f->idx[s];
    int64_t *c = f->cum[s] + 1;
    uint64_t low = 0;
    if (f->by_key)
        for (int64_t i = 0; i < f->n[s]; i++) {
            uint64_t k = key_in(f, x[i]) - f->klo;
            c[idx[i] = (uint16_t)(k >> f->shift)]++;
            low |= k;
        }
    else
        for (int64_t i = 0; i < f->n[s]; i++)
            c[idx[i] = (uint16_t)value_bucket(f, x[i])]++;
    for (int b = 1; b < f->nb; b++)
        c[b] += c[b - 1];
    return low & (((uint64_t)1 << f->shift) - 1);
}

/* When no key has bits below the shift, a bucket between the end ones
 * (which also take the values beyond the bulk) holds one key: its value
 * is known. */
static void mark_single(fsel *f)
{
    for (int s = 0; s < 2; s++)
        for (int b = 1; b < f->nb - 1; b++)
            if (in_bucket(f, s, b) > 0) {
                fbucket *e = &f->bk[s][b];
                f->have[s][b] = HAVE_ONE;
                e->lo = e->hi = f64_of_bits(f->klo + ((uint64_t)b << f->shift));
            }
}

/* The buckets of the unsorted samples and their running counts. */
static int index_buckets(fsel *f, bool fine)
{
    double blo = 0, bhi = 0;
    int grain = 0, st = bulk(f, &blo, &bhi, &grain);
    if (st < 0)
        return st;
    int most = fine ? FINE_MAX_BITS : MAX_BITS, per = fine ? FINE_PER_BUCKET_BITS : PER_BUCKET_BITS;
    int bits = bitlen((uint64_t)(f->n[0] + f->n[1])) - per;
    cut(f, blo, bhi, grain, bits < MIN_BITS ? MIN_BITS : bits > most ? most : bits);
    uint64_t low = 0;
    for (int s = 0; s < 2; s++) {
        f->cum[s] = calloc((size_t)f->nb + 1, sizeof *f->cum[s]);
        f->bk[s] = malloc((size_t)f->nb * sizeof *f->bk[s]);
        f->want[s] = calloc((size_t)f->nb, sizeof *f->want[s]);
        f->have[s] = calloc((size_t)f->nb, sizeof *f->have[s]);
        f->idx[s] = malloc((size_t)(f->n[s] ? f->n[s] : 1) * sizeof *f->idx[s]);
        if (!f->cum[s] || !f->bk[s] || !f->want[s] || !f->have[s] || !f->idx[s])
            return lt_nomem();
        low |= index_sample(f, s);
    }
    if (f->by_key && !low)
        mark_single(f);
    return 0;
}

int fsel_init(fsel *f, const double *a, int64_t na, const double *b, int64_t nb, int flags)
{
    *f = (fsel){.x = {a, b}, .n = {na, nb}, .sorted = flags & FSEL_SORTED};
    if (f->sorted)
        return 0;
    int st = index_buckets(f, flags & FSEL_FINE);
    if (st < 0)
        fsel_fini(f);
    return st;
}

void fsel_fini(fsel *f)
{
    for (int s = 0; s < 2; s++) {
        for (int b = 0; f->have[s] && b < f->nb; b++)
            if (f->have[s][b] >= HAVE_VALUES)
                free(f->bk[s][b].val);
        free(f->bk[s]);
        free(f->have[s]);
        free(f->want[s]);
        free(f->idx[s]);
        free(f->cum[s]);
    }
    *f = (fsel){0};
}

/* The bucket of the value of rank r of sample s or of both: the first
 * whose running count passes r. */
static int bucket_of_rank(const fsel *f, int s, int64_t r)
{
    int lo = 0, hi = f->nb - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int64_t upto = s == FSEL_BOTH ? f->cum[0][mid + 1] + f->cum[1][mid + 1]
                                      : f->cum[s][mid + 1];
        if (upto <= r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does a bucket that has `have` answer what `want` asks of it? */
static bool answers(int have, int want)
{
    return have == HAVE_ONE || have == HAVE_SORTED || (have == HAVE_VALUES && !(want & WANT_ORDER));
}

/* Ask for bucket b of sample s (or of each) what `want` says, where it
 * holds values and cannot answer yet. */
static void want_bucket(fsel *f, int s, int b, int want)
{
    for (int t = 0; t < 2; t++)
        if ((s == t || s == FSEL_BOTH) && in_bucket(f, t, b) > 0 && !answers(f->have[t][b], want))
            f->want[t][b] |= (uint8_t)want;
}

void fsel_want_rank(fsel *f, int s, int64_t r)
{
    if (!f->sorted)
        want_bucket(f, s, bucket_of_rank(f, s, r), WANT_ORDER);
}

void fsel_want_value(fsel *f, int s, double e)
{
    if (!f->sorted)
        want_bucket(f, s, bucket_of(f, e), WANT_COUNT);
}

/* What a pass does with the values of a bucket. */
enum { SKIP, COPY, PROBE };

/* One pass over sample s: the values of the buckets to COPY written
 * through dst (the next free slot of each), the range of those to PROBE
 * taken. */
static void pass(fsel *f, int s, const uint8_t *act, double **dst)
{
    const double *x = f->x[s];
    const uint16_t *idx = f->idx[s];
    fbucket *bk = f->bk[s];
    for (int64_t i = 0; i < f->n[s]; i++) {
        int b = idx[i];
        if (act[b] == COPY) {
            *dst[b]++ = x[i];
        } else if (act[b] == PROBE) {
            bk[b].lo = x[i] < bk[b].lo ? x[i] : bk[b].lo;
            bk[b].hi = x[i] > bk[b].hi ? x[i] : bk[b].hi;
        }
    }
}

/* Plan a pass for the wanted buckets of sample s whose values are not
 * known yet (listed in pending): a big one is probed for its range, unless
 * it was already, the others copied (the end buckets too, which hold the
 * values beyond the bulk rather than ties).  How many, or LT_ENOMEM. */
static int plan(fsel *f, int s, uint8_t *act, double **dst, int *pending)
{
    int64_t big = BIG_FACTOR * (f->n[s] / f->nb + 1);
    int k = 0;
    for (int b = 0; b < f->nb; b++) {
        int have = f->have[s][b];
        act[b] = SKIP;
        if (!f->want[s][b] || (have != HAVE_NONE && have != HAVE_MIXED))
            continue;
        fbucket *e = &f->bk[s][b];
        int64_t m = in_bucket(f, s, b);
        if (m >= big && have == HAVE_NONE && b > 0 && b < f->nb - 1) {
            act[b] = PROBE;
            e->lo = INFINITY;
            e->hi = -INFINITY;
        } else if ((dst[b] = e->val = malloc((size_t)m * sizeof *e->val))) {
            act[b] = COPY;
        } else {
            while (k > 0)   /* the copies planned so far are not the bucket's yet */
                if (act[pending[--k]] == COPY)
                    free(f->bk[s][pending[k]].val);
            return lt_nomem();
        }
        pending[k++] = b;
    }
    return k;
}

/* Collect what is wanted of sample s: a pass that copies the buckets
 * wanted and probes the big ones, a second one for the big ones that
 * hold more than one value; then the buckets that hold an order
 * statistic are sorted. */
static int collect_one(fsel *f, int s)
{
    uint8_t *act = malloc((size_t)f->nb);
    double **dst = malloc((size_t)f->nb * sizeof *dst);
    int *pending = malloc((size_t)f->nb * sizeof *pending);
    int st = act && dst && pending ? 0 : lt_nomem(), k = 0;
    while (st == 0 && (k = plan(f, s, act, dst, pending)) > 0) {
        pass(f, s, act, dst);
        for (int t = 0; t < k; t++) {
            int b = pending[t];
            f->have[s][b] = act[b] == COPY ? HAVE_VALUES
                            : f->bk[s][b].lo == f->bk[s][b].hi ? HAVE_ONE : HAVE_MIXED;
        }
    }
    if (k < 0)
        st = k;
    for (int b = 0; st == 0 && b < f->nb; b++) {
        if (!f->want[s][b])
            continue;
        if ((f->want[s][b] & WANT_ORDER) && f->have[s][b] == HAVE_VALUES) {
            st = lt_f64_sort(f->bk[s][b].val, in_bucket(f, s, b));
            f->have[s][b] = HAVE_SORTED;
        }
        f->want[s][b] = 0;
    }
    free(act);
    free(dst);
    free(pending);
    return st;
}

int fsel_collect(fsel *f, int s)
{
    int st = 0;
    for (int t = 0; !f->sorted && t < 2 && st == 0; t++)
        if (s == t || s == FSEL_BOTH)
            st = collect_one(f, t);
    return st;
}

/* The values of bucket b of sample s below e (le: at most e). */
static int64_t below_in(const fsel *f, int s, int b, double e, bool le)
{
    const fbucket *k = &f->bk[s][b];
    int have = f->have[s][b];
    int64_t m = in_bucket(f, s, b), below = 0;
    const double *x = f->x[s];
    if (have == HAVE_ONE)
        below = (le ? k->lo <= e : k->lo < e) ? m : 0;
    else if (have == HAVE_SORTED)
        below = bound(k->val, m, e, le);
    else if (have == HAVE_VALUES)
        for (int64_t i = 0; i < m; i++)
            below += le ? k->val[i] <= e : k->val[i] < e;
    else if (m > 0)   /* not collected: a pass */
        for (int64_t i = 0; i < f->n[s]; i++)
            below += f->idx[s][i] == b && (le ? x[i] <= e : x[i] < e);
    return below;
}

/* The value of rank r (0-based) of bucket b of sample s, NaN when it
 * was not asked. */
static double kth_in(const fsel *f, int s, int b, int64_t r)
{
    const fbucket *k = &f->bk[s][b];
    int have = f->have[s][b];
    return have == HAVE_ONE ? k->lo : have == HAVE_SORTED ? k->val[r] : NAN;
}

/* The value of rank r of bucket b of both samples: by the ranks in
 * each when a bucket holds one value, else of the two sorted arrays. */
static double kth_both(const fsel *f, int b, int64_t r)
{
    int h0 = f->have[0][b], h1 = f->have[1][b];
    int64_t m0 = in_bucket(f, 0, b), m1 = in_bucket(f, 1, b);
    if (m0 == 0 || m1 == 0)
        return kth_in(f, m0 ? 0 : 1, b, r);
    if (h0 == HAVE_SORTED && h1 == HAVE_SORTED)
        return lt_f64_kth2(f->bk[0][b].val, m0, f->bk[1][b].val, m1, r);
    /* one sample's bucket holds the one value u (mu times): the other's
     * values below u come first, then u, then the rest */
    int t = h0 == HAVE_ONE ? 0 : h1 == HAVE_ONE ? 1 : -1;
    if (t < 0 || (f->have[1 - t][b] != HAVE_ONE && f->have[1 - t][b] != HAVE_SORTED))
        return NAN;
    double u = f->bk[t][b].lo;
    int64_t mu = t ? m1 : m0, lt = below_in(f, 1 - t, b, u, false);
    if (r < lt)
        return kth_in(f, 1 - t, b, r);
    return r < lt + mu ? u : kth_in(f, 1 - t, b, r - mu);
}

double fsel_kth(const fsel *f, int s, int64_t r)
{
    if (f->sorted)
        return s == FSEL_BOTH ? lt_f64_kth2(f->x[0], f->n[0], f->x[1], f->n[1], r) : f->x[s][r];
    int b = bucket_of_rank(f, s, r);
    double x = s != FSEL_BOTH ? kth_in(f, s, b, r - f->cum[s][b])
                              : kth_both(f, b, r - f->cum[0][b] - f->cum[1][b]);
    return x + 0.0;   /* -0.0 as 0.0, as a sorted sample has it */
}

int64_t fsel_count(const fsel *f, int s, double e, bool le)
{
    if (f->sorted)
        return bound(f->x[s], f->n[s], e, le);
    int b = bucket_of(f, e);
    return f->cum[s][b] + below_in(f, s, b, e, le);
}

int fsel_buckets(const fsel *f)
{
    return f->nb;
}

void fsel_bucket(const fsel *f, int b, int64_t before[2], int64_t in[2])
{
    for (int s = 0; s < 2; s++) {
        before[s] = f->cum[s][b];
        in[s] = in_bucket(f, s, b);
    }
}

void fsel_want_bucket(fsel *f, int b)
{
    want_bucket(f, FSEL_BOTH, b, WANT_ORDER);
}

bool fsel_bucket_one(const fsel *f, int b)
{
    double v[2];
    int k = 0;
    for (int s = 0; s < 2; s++) {
        const fbucket *e = &f->bk[s][b];
        int64_t m = in_bucket(f, s, b);
        if (m == 0)
            continue;
        if (f->have[s][b] == HAVE_SORTED && e->val[0] == e->val[m - 1])
            v[k++] = e->val[0];
        else if (f->have[s][b] == HAVE_ONE)
            v[k++] = e->lo;
        else
            return false;
    }
    return k < 2 || v[0] == v[1];
}

int fsel_bucket_values(fsel *f, int s, int b, const double **v)
{
    fbucket *k = &f->bk[s][b];
    int64_t m = in_bucket(f, s, b);
    *v = NULL;
    if (m == 0)
        return 0;
    if (f->have[s][b] == HAVE_ONE) {
        if (!(k->val = malloc((size_t)m * sizeof *k->val)))
            return lt_nomem();
        for (int64_t i = 0; i < m; i++)
            k->val[i] = k->lo;
        f->have[s][b] = HAVE_SORTED;
    }
    *v = f->have[s][b] == HAVE_SORTED ? k->val : NULL;
    return 0;
}

void fsel_want_quantile(fsel *f, int s, int64_t first, int64_t m, double q)
{
    int64_t i;
    double h;
    lt_quantile7_at(m, q, &i, &h);
    if (i >= m - 1) {
        fsel_want_rank(f, s, first + m - 1);
        return;
    }
    fsel_want_rank(f, s, first + i);
    if (h != 0)
        fsel_want_rank(f, s, first + i + 1);
}

double fsel_quantile(const fsel *f, int s, int64_t first, int64_t m, double q)
{
    int64_t i;
    double h;
    lt_quantile7_at(m, q, &i, &h);
    if (i >= m - 1)
        return fsel_kth(f, s, first + m - 1);
    double lo = fsel_kth(f, s, first + i);
    return h == 0 ? lo : lt_quantile7_mix(lo, fsel_kth(f, s, first + i + 1), h);
}
