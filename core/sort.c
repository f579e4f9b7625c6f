/* Sorting rows by several keys (see sort.h).
 *
 * Each key becomes an unsigned integer that orders as the key does
 * ("encoded"): f64 bits with the sign flipped (negatives complemented), or
 * for decimal doubles (all values n / 10^d, as read from text) the
 * integer n; i64 with the sign bit flipped; bool as 0/1; strings as the
 * rank of their dictionary entry (the used entries are sorted once, not
 * the rows).  The key's minimum is subtracted and only the bits its range
 * needs are kept; a descending key is the complement within its range;
 * missing values get the value just above the range, so they sort last
 * either way.  The keys, first key highest, then form one wide integer of
 * B bits, the "composite".
 *
 * - B plus the bits of a row number fit in 64: the row number sits in the
 *   low bits of one 64-bit word per row and the words are sorted by their
 *   key bits; ties keep row order because every pass is stable.
 * - Otherwise (key, row) pairs are sorted by the top 64 bits of the
 *   composite ("group" 0); runs of rows that tie on it are then sorted,
 *   run by run, by the next 64 bits, and so on.
 *
 * The sort itself is a radix sort: a large input is split into 2^11
 * buckets by its top digit (MSD), threaded with per-thread histograms of
 * contiguous chunks, then each bucket, now small enough for one core's
 * cache, is sorted by LSD passes that skip constant digits, buckets in
 * parallel.  Every step is a stable permutation fixed by the data alone,
 * so the result never depends on the thread count. */
#include "sort.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "radix.h"

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };
/* Widest radix digit, and the longest run sorted by insertion. */
enum { DIGIT = 11, SMALL = 48 };

/* Row numbers in (key, row) pairs are uint32 up to this many rows, int64
 * beyond; a test build lowers it to run the int64 path on small inputs. */
#ifndef LT_SORT_NARROW_MAX
#define LT_SORT_NARROW_MAX UINT32_MAX
#endif

static inline uint64_t low_mask(int bits)
{
    return bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

static inline uint64_t i64_bits(int64_t x) { return (uint64_t)x ^ (UINT64_C(1) << 63); }

static inline bool bit_na(const uint8_t *valid, int64_t r)
{
    return valid && !((valid[r >> 3] >> (r & 7)) & 1);
}

/* ---- radix sort ------------------------------------------------------------ */

/* A run of at most LSD_MAX rows is sorted by LSD passes alone (its keys,
 * rows and scratch stay in one core's cache); a larger one is first split
 * into buckets by its top digit (MSD), each bucket then sorted alone. */
enum { LSD_MAX = 1 << 15, RADIX = 1 << DIGIT, MAX_DEPTH = 8 };

/* Counters of one thread, allocated once per sort so that the recursion
 * never allocates: the histograms of all LSD digits, and the bucket bounds
 * of each MSD level. */
typedef struct scratch {
    int64_t hist[16 * RADIX];
    int64_t bound[MAX_DEPTH][RADIX + 1];
} scratch;

static inline void *ix_at(void *ix, bool wide, int64_t i)
{
    if (!ix)
        return NULL;
    return wide ? (void *)((int64_t *)ix + i) : (void *)((uint32_t *)ix + i);
}

static void copy_back(uint64_t *k, void *ix, const uint64_t *tk, const void *tix, int64_t m,
                      bool wide)
{
    memcpy(k, tk, (size_t)m * sizeof *k);
    if (ix)
        memcpy(ix, tix, (size_t)m * (wide ? sizeof(int64_t) : sizeof(uint32_t)));
}

/* One counting-sort pass: (src, sx) -> (dst, dx) by the digit (v >> sh) &
 * mask, bucket b starting at pos[b] (advanced). */
static void scatter(const uint64_t *src, const void *sx, uint64_t *dst, void *dx, int64_t c0,
                    int64_t c1, int sh, uint64_t mask, int64_t *pos, bool wide)
{
    if (!sx) {
        for (int64_t i = c0; i < c1; i++)
            dst[pos[(src[i] >> sh) & mask]++] = src[i];
    } else if (wide) {
        const int64_t *a = sx;
        int64_t *b = dx;
        for (int64_t i = c0; i < c1; i++) {
            int64_t p = pos[(src[i] >> sh) & mask]++;
            dst[p] = src[i];
            b[p] = a[i];
        }
    } else {
        const uint32_t *a = sx;
        uint32_t *b = dx;
        for (int64_t i = c0; i < c1; i++) {
            int64_t p = pos[(src[i] >> sh) & mask]++;
            dst[p] = src[i];
            b[p] = a[i];
        }
    }
}

/* Stable insertion sort of (k, ix)[0..m) by k, for short runs. */
static void insertion(uint64_t *k, void *ix, int64_t m, bool wide)
{
    for (int64_t i = 1; i < m; i++) {
        uint64_t v = k[i];
        int64_t j = i;
        if (!ix) {
            for (; j > 0 && k[j - 1] > v; j--)
                k[j] = k[j - 1];
        } else if (wide) {
            int64_t *x = ix, r = x[i];
            for (; j > 0 && k[j - 1] > v; j--) {
                k[j] = k[j - 1];
                x[j] = x[j - 1];
            }
            x[j] = r;
        } else {
            uint32_t *x = ix, r = x[i];
            for (; j > 0 && k[j - 1] > v; j--) {
                k[j] = k[j - 1];
                x[j] = x[j - 1];
            }
            x[j] = r;
        }
        k[j] = v;
    }
}

/* Stable LSD radix sort of k[0..m) by bits [b0, b1) (higher bits equal),
 * moving ix along (NULL: keys only; uint32 or, when wide, int64 entries);
 * tk and tix are scratch of m entries.  The result ends in k/ix.  Digits
 * that are the same for every key are skipped. */
static void lsd(uint64_t *k, void *ix, uint64_t *tk, void *tix, int64_t m, int b0, int b1,
                bool wide, scratch *s)
{
    int nbits = b1 - b0, maxw = DIGIT;
    while (maxw > 4 && ((int64_t)1 << maxw) > m)   /* no more buckets than keys */
        maxw--;
    int P = (nbits + maxw - 1) / maxw, w = (nbits + P - 1) / P;
    size_t R = (size_t)1 << w;
    int64_t *h = s->hist;
    memset(h, 0, (size_t)P * R * sizeof *h);
    for (int64_t i = 0; i < m; i++) {
        uint64_t v = k[i] >> b0;
        for (int d = 0; d < P; d++)
            h[(size_t)d * R + ((v >> (d * w)) & (R - 1))]++;
    }
    uint64_t *src = k, *dst = tk;
    void *sx = ix, *dx = tix;
    for (int d = 0; d < P; d++) {
        int sh = b0 + d * w;
        int64_t *c = h + (size_t)d * R;
        if (c[(src[0] >> sh) & (R - 1)] == m)
            continue;
        bucket_starts(c, R);
        scatter(src, sx, dst, dx, 0, m, sh, R - 1, c, wide);
        uint64_t *tp = src;
        src = dst;
        dst = tp;
        void *tx = sx;
        sx = dx;
        dx = tx;
    }
    if (src != k)
        copy_back(k, ix, src, sx, m, wide);
}

/* Stable sort of (k, ix)[0..m) by bits [b0, bhi) of k, the bits above bhi
 * being equal; the result ends in k/ix, tk/tix are scratch.  Large runs
 * are split by their top digit, each bucket sorted recursively. */
static void msd(uint64_t *k, void *ix, uint64_t *tk, void *tix, int64_t m, int b0, int bhi,
                bool wide, scratch *s, int depth)
{
    for (;;) {
        if (m < 2 || bhi <= b0)
            return;
        if (m <= SMALL) {
            insertion(k, ix, m, wide);
            return;
        }
        if (m <= LSD_MAX || bhi - b0 <= DIGIT || depth >= MAX_DEPTH) {
            lsd(k, ix, tk, tix, m, b0, bhi, wide, s);
            return;
        }
        int blo = bhi - DIGIT;
        const uint64_t mask = RADIX - 1;
        int64_t *c = s->bound[depth];
        memset(c, 0, (RADIX + 1) * sizeof *c);
        for (int64_t i = 0; i < m; i++)
            c[((k[i] >> blo) & mask) + 1]++;
        if (c[((k[0] >> blo) & mask) + 1] < m)
            break;
        bhi = blo;   /* the top digit is constant */
    }
    int blo = bhi - DIGIT;
    int64_t *c = s->bound[depth];
    for (int b = 0; b < RADIX; b++)
        c[b + 1] += c[b];
    scatter(k, ix, tk, tix, 0, m, blo, RADIX - 1, c, wide);
    /* now bucket b is [c[b - 1], c[b]) */
    for (int b = 0; b < RADIX; b++) {
        int64_t lo = b ? c[b - 1] : 0, cnt = c[b] - lo;
        if (cnt == 0)
            continue;
        msd(tk + lo, ix_at(tix, wide, lo), k + lo, ix_at(ix, wide, lo), cnt, b0, blo, wide, s,
            depth + 1);
        copy_back(k + lo, ix_at(ix, wide, lo), tk + lo, ix_at(tix, wide, lo), cnt, wide);
    }
}

/* msd() on up to nthr threads for a large input: the top digit is split by
 * all threads (per-thread histograms of contiguous chunks, so the result
 * is the same whatever the thread count), then the buckets are sorted in
 * parallel.  Returns 1 when the result is in tk/tix, 0 when in k/ix, < 0
 * on allocation failure. */
static int msd_top(uint64_t *k, void *ix, uint64_t *tk, void *tix, int64_t m, int b0, int bhi,
                   bool wide, scratch **sc, int nthr)
{
    if (nthr < 2 || m < PAR_MIN || bhi - b0 <= DIGIT) {
        msd(k, ix, tk, tix, m, b0, bhi, wide, sc[0], 0);
        return 0;
    }
    int blo = bhi - DIGIT;
    const uint64_t mask = RADIX - 1;
    int64_t *cnt = calloc((size_t)nthr * RADIX + RADIX + 1, sizeof *cnt);
    if (!cnt)
        return lt_nomem();
    int64_t *bound = cnt + (size_t)nthr * RADIX;
#pragma omp parallel num_threads(nthr)
    {
        int t = omp_get_thread_num();
        int64_t c0, c1;
        int64_t *my = split_count(k, m, blo, RADIX, cnt, bound, &c0, &c1);
        scatter(k, ix, tk, tix, c0, c1, blo, mask, my, wide);
#pragma omp barrier
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < RADIX; b++)
            msd(tk + bound[b], ix_at(tix, wide, bound[b]), k + bound[b], ix_at(ix, wide, bound[b]),
                bound[b + 1] - bound[b], b0, blo, wide, sc[t], 1);
    }
    free(cnt);
    return 1;
}

/* ---- keys as segments of the composite ------------------------------------ */

/* How a segment computes its bits from its column. */
enum seg_kind { SEG_F64, SEG_DEC, SEG_I64, SEG_BOOL, SEG_STR, SEG_FLAG };

/* One key's part of the composite: for a present value with image u,
 * e = (u ^ flip) - base (u - min ascending, max - u descending); for a
 * missing one e = miss.  A key whose values span all 2^64 images and that
 * has missing values needs two segments: SEG_FLAG (1 for missing) above a
 * value segment with miss = 0. */
typedef struct seg {
    const lt_col *col;
    enum seg_kind kind;
    uint64_t flip, base, miss;
    const uint32_t *tbl;   /* SEG_STR: e by code + 1 (missing at 0) */
    double scale, dlo;     /* SEG_DEC: u = round(x * scale) - dlo ... */
    uint64_t pinf;         /* ... -Inf 0, +Inf pinf */
    int bits, off;         /* width and position (bit 0 = least significant) */
} seg;

typedef struct sorter {
    seg *segs;
    int nseg;
    int bits;      /* B, the composite's width */
    int ngroup;    /* 64-bit groups, the most significant first */
    bool wide;     /* row numbers need int64 (else uint32) */
    uint32_t **tbls;
    int nthr;      /* threads for big passes */
    scratch **sc;  /* one per thread */
} sorter;

typedef struct range { uint64_t lo, hi; int64_t nmiss; } range;

static range range_f64(const double *x, int64_t n)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    int64_t nm = 0;
#pragma omp parallel for simd schedule(static) reduction(min: lo) reduction(max: hi) \
    reduction(+: nm) if (parallel: n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        bool na = x[i] != x[i];
        uint64_t u = f64_bits(x[i]);
        lo = lo < u || na ? lo : u;
        hi = hi > u || na ? hi : u;
        nm += na;
    }
    return (range){ lo, hi, nm };
}

/* Decimal doubles.  Values that are all x = fl(n / 10^d) for integers n
 * (numbers read from text with at most d decimals are) sort as their n,
 * which takes far fewer bits than the doubles' images: prices with 3
 * decimals below 1000 need 20 bits, not 60.  fl(n / 10^d) is monotone in
 * n, so distinct such x have distinct n in the same order; the check
 * x == fl(n / 10^d) is made on every value. */
static const double pow10s[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
#define DEC_MAX ((int)(sizeof pow10s / sizeof *pow10s) - 1)

/* y rounded to an integer (half to even) for |y| < 2^51, vectorisable.
 * The range pass and the encoding must round alike, so x * scale must not
 * be fused with the addition: ISO C mode (-std=c11) keeps GCC from
 * contracting to FMA, and clang contracts only within one expression. */
static inline double round_small(double y)
{
    const double big = 6755399441055744.0;   /* 1.5 * 2^52 */
    return (y + big) - big;
}

static inline bool dec_ok(double x, double scale)
{
    double y = x * scale;
    return fabs(y) < 0x1p51 && round_small(y) / scale == x;
}

/* The fewest decimals d <= DEC_MAX that fit a sample of x's finite values,
 * or -1. */
static int dec_places(const double *x, int64_t n)
{
    int d = 0;
    int64_t step = n / 4096 + 1;
    for (int64_t i = 0; i < n; i += step) {
        if (!isfinite(x[i]))
            continue;
        while (d <= DEC_MAX && !dec_ok(x[i], pow10s[d]))
            d++;
        if (d > DEC_MAX)
            return -1;
    }
    return d;
}

/* Whether every finite x is decimal with d places; then the range of the
 * rounded x * 10^d (as doubles), whether -Inf and +Inf occur, and the
 * missing count. */
static bool range_dec(const double *x, int64_t n, int d, double *lo, double *hi, bool *ninf,
                      bool *pinf, int64_t *nmiss)
{
    const double scale = pow10s[d];
    double l = INFINITY, h = -INFINITY;
    int good = 1, ni = 0, pi = 0;
    int64_t nm = 0;
#pragma omp parallel for simd schedule(static) reduction(min: l) reduction(max: h) \
    reduction(&: good) reduction(|: ni, pi) reduction(+: nm) if (parallel: n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        double v = x[i], y = v * scale, r = round_small(y);
        bool na = v != v, inf = fabs(v) == INFINITY, skip = na || inf;
        good &= skip || (fabs(y) < 0x1p51 && r / scale == v);
        l = skip || l < r ? l : r;
        h = skip || h > r ? h : r;
        ni |= v == -INFINITY;
        pi |= v == INFINITY;
        nm += na;
    }
    *lo = l;
    *hi = h;
    *ninf = ni;
    *pinf = pi;
    *nmiss = nm;
    return good && l <= h;
}

static range range_i64(const int64_t *x, const uint8_t *valid, int64_t n)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    int64_t nm = 0;
#pragma omp parallel for schedule(static) reduction(min: lo) reduction(max: hi) \
    reduction(+: nm) if (parallel: n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        bool na = bit_na(valid, i);
        uint64_t u = i64_bits(x[i]);
        lo = lo < u || na ? lo : u;
        hi = hi > u || na ? hi : u;
        nm += na;
    }
    return (range){ lo, hi, nm };
}

static range range_bool(const uint8_t *x, const uint8_t *valid, int64_t n)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    int64_t nm = 0;
#pragma omp parallel for schedule(static) reduction(min: lo) reduction(max: hi) \
    reduction(+: nm) if (parallel: n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        bool na = bit_na(valid, i);
        uint64_t u = x[i];
        lo = lo < u || na ? lo : u;
        hi = hi > u || na ? hi : u;
        nm += na;
    }
    return (range){ lo, hi, nm };
}

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Natural order (sort.h): digit runs by value (leading zeros skipped, then
 * the longer number is the larger, then digit by digit), other bytes by
 * value; the first run with fewer leading zeros breaks a tie. */
static int cmp_natural(const char *s, size_t ls, const char *t, size_t lt)
{
    size_t i = 0, j = 0;
    int tie = 0;
    while (i < ls && j < lt) {
        if (is_digit(s[i]) && is_digit(t[j])) {
            size_t zi = i, zj = j;
            while (zi < ls && s[zi] == '0')
                zi++;
            while (zj < lt && t[zj] == '0')
                zj++;
            size_t ei = zi, ej = zj;
            while (ei < ls && is_digit(s[ei]))
                ei++;
            while (ej < lt && is_digit(t[ej]))
                ej++;
            if (ei - zi != ej - zj)
                return ei - zi < ej - zj ? -1 : 1;
            int c = ei > zi ? memcmp(s + zi, t + zj, ei - zi) : 0;
            if (c)
                return c;
            if (!tie && zi - i != zj - j)
                tie = zi - i < zj - j ? -1 : 1;
            i = ei;
            j = ej;
        } else {
            unsigned char a = (unsigned char)s[i], b = (unsigned char)t[j];
            if (a != b)
                return a < b ? -1 : 1;
            i++;
            j++;
        }
    }
    if (i < ls || j < lt)
        return i < ls ? 1 : -1;
    return tie;
}

typedef struct str_ref { const char *s; size_t len; int32_t code; } str_ref;

static int cmp_ref_natural(const void *p, const void *q)
{
    const str_ref *a = p, *b = q;
    return cmp_natural(a->s, a->len, b->s, b->len);
}

/* The 8 bytes of s from off (zeros past its end) as a big-endian number.
 * Strings hold no NUL, so a string that ends sorts before its extensions. */
static inline uint64_t chunk8(const char *s, size_t len, size_t off)
{
    unsigned char b[8] = { 0 };
    if (off < len)
        memcpy(b, s + off, len - off < 8 ? len - off : 8);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

/* Sort the dictionary codes ix[0..m) by their strings' bytes from off on:
 * radix sort by the 8 bytes at off, then each run of equal chunks that
 * do not end the strings by the next 8 bytes.  tix, k and tk are scratch
 * of m entries.  0, or LT_ENOMEM. */
static int sort_strs(const lt_dict *d, uint32_t *ix, uint32_t *tix, uint64_t *k, uint64_t *tk,
                     int64_t m, size_t off, scratch **sc, int nthr)
{
    uint64_t vary = 0;
    for (int64_t j = 0; j < m; j++) {
        size_t len;
        const char *str = lt_dict_str(d, (int32_t)ix[j], &len);
        k[j] = chunk8(str, len, off);
        vary |= k[j] ^ k[0];
    }
    int r = msd_top(k, ix, tk, tix, m, 0, bitlen(vary), false, sc, nthr);
    if (r < 0)
        return r;
    if (r)
        copy_back(k, ix, tk, tix, m, false);
    for (int64_t i = 0; i < m;) {
        int64_t j = i + 1;
        while (j < m && k[j] == k[i])
            j++;
        if (j - i > 1 && (k[i] & 0xff)) {
            r = sort_strs(d, ix + i, tix + i, k + i, tk + i, j - i, off + 8, sc, 1);
            if (r < 0)
                return r;
        }
        i = j;
    }
    return 0;
}

/* Ranks of the dictionary entries that c uses, in byte or natural order:
 * *tbl (malloc'd, dictionary size + 1 entries) gets rank[code + 1] (0 for
 * unused codes and the missing slot), *nrank the number of ranks (the
 * entries are distinct strings), *nmiss the missing values.  Only used
 * entries are sorted, so a few rows on a big shared dictionary stay
 * cheap. */
static int rank_str(const lt_col *c, bool natural, scratch **sc, int nthr, uint32_t **tbl,
                    uint32_t *nrank, int64_t *nmiss)
{
    int32_t d = lt_dict_size(c->dict);
    int64_t n = c->n, nm = 0;
    const int32_t *codes = lt_col_codes(c);
    uint32_t *t = calloc((size_t)d + 1, sizeof *t);
    uint8_t *used = calloc((size_t)d + 1, 1);
    if (!t || !used) {
        free(t);
        free(used);
        return lt_nomem();
    }
#pragma omp parallel for schedule(static) reduction(+: nm) if (parallel: n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        int32_t k = codes[i] < 0 ? -1 : codes[i];
        nm += k < 0;
#pragma omp atomic write
        used[k + 1] = 1;
    }
    int32_t nu = 0;
    for (int32_t k = 0; k < d; k++)
        nu += used[k + 1];
    size_t m = nu ? (size_t)nu : 1;
    uint32_t *ix = malloc(m * sizeof *ix), *tix = malloc(m * sizeof *tix);
    uint64_t *k = NULL, *tk = NULL;
    str_ref *refs = NULL;
    if (natural)
        refs = malloc(m * sizeof *refs);
    else {
        k = malloc(m * sizeof *k);
        tk = malloc(m * sizeof *tk);
    }
    int st = ix && tix && (natural ? refs != NULL : k && tk) ? 0 : lt_nomem();
    if (st == 0) {
        nu = 0;
        for (int32_t code = 0; code < d; code++)
            if (used[code + 1])
                ix[nu++] = (uint32_t)code;
        if (natural) {
            for (int32_t j = 0; j < nu; j++) {
                refs[j].code = (int32_t)ix[j];
                refs[j].s = lt_dict_str(c->dict, refs[j].code, &refs[j].len);
            }
            qsort(refs, (size_t)nu, sizeof *refs, cmp_ref_natural);
            for (int32_t j = 0; j < nu; j++)
                ix[j] = (uint32_t)refs[j].code;
        } else {
            st = sort_strs(c->dict, ix, tix, k, tk, nu, 0, sc, nthr);
        }
    }
    if (st == 0)
        for (int32_t j = 0; j < nu; j++)
            t[ix[j] + 1] = (uint32_t)j;
    free(ix);
    free(tix);
    free(k);
    free(tk);
    free(refs);
    free(used);
    if (st < 0) {
        free(t);
        return st;
    }
    *tbl = t;
    *nrank = (uint32_t)nu;
    *nmiss = nm;
    return 0;
}

/* Append the segment(s) of key number j to s->segs (which has room for
 * two per key): a key that is constant adds none. */
static int add_key(sorter *s, int j, const lt_sort_key *key, bool natural)
{
    const lt_col *c = key->col;
    range rg;
    uint32_t *tbl = NULL;
    seg dec = { 0 };
    bool is_dec = false;
    switch (c->type) {
    case LT_F64: {
        int d = dec_places(lt_col_f64(c), c->n);
        double dl, dh;
        bool ninf, pinf;
        if (d >= 0 && range_dec(lt_col_f64(c), c->n, d, &dl, &dh, &ninf, &pinf, &rg.nmiss)) {
            dec.scale = pow10s[d];
            dec.dlo = dl - ninf;   /* -Inf below the smallest finite value */
            dec.pinf = (uint64_t)(int64_t)(dh - dec.dlo) + 1;
            rg.lo = 0;
            rg.hi = pinf ? dec.pinf : (uint64_t)(int64_t)(dh - dec.dlo);
            is_dec = true;
        } else {
            rg = range_f64(lt_col_f64(c), c->n);
        }
        break;
    }
    case LT_I64:
    case LT_TIME: rg = range_i64(lt_col_i64(c), c->valid, c->n); break;
    case LT_BOOL: rg = range_bool(lt_col_bool(c), c->valid, c->n); break;
    case LT_STR: {
        uint32_t nrank = 0;
        int st = rank_str(c, natural, s->sc, s->nthr, &tbl, &nrank, &rg.nmiss);
        if (st < 0)
            return st;
        s->tbls[j] = tbl;   /* freed with the sorter */
        rg.lo = 0;
        rg.hi = nrank ? nrank - 1 : 0;
        if (!nrank)
            rg.lo = UINT64_MAX;
        break;
    }
    default: return lt_seterr(LT_ETYPE, "sort: cannot sort a column of type %d", (int)c->type);
    }
    if (rg.nmiss == c->n || (rg.lo == rg.hi && rg.nmiss == 0))
        return 0;   /* all missing, or constant: no bits */
    uint64_t span = rg.hi - rg.lo;
    seg v = { .col = c, .flip = key->desc ? UINT64_MAX : 0,
              .base = key->desc ? ~rg.hi : rg.lo };
    switch (c->type) {
    case LT_F64:
        v.kind = is_dec ? SEG_DEC : SEG_F64;
        v.scale = dec.scale;
        v.dlo = dec.dlo;
        v.pinf = dec.pinf;
        break;
    case LT_BOOL: v.kind = SEG_BOOL; break;
    case LT_STR: v.kind = SEG_STR; break;
    default: v.kind = SEG_I64; break;
    }
    if (rg.nmiss == 0) {
        v.bits = bitlen(span);
    } else if (span < UINT64_MAX) {
        v.miss = span + 1;
        v.bits = bitlen(span + 1);
    } else {   /* no value left for missing: a flag segment above */
        s->segs[s->nseg++] = (seg){ .col = c, .kind = SEG_FLAG, .bits = 1 };
        v.bits = 64;
    }
    if (tbl) {   /* encode the ranks once; the rows then look them up */
        int32_t d = lt_dict_size(c->dict);
        for (int32_t k = 1; k <= d; k++)
            tbl[k] = (uint32_t)((tbl[k] ^ v.flip) - v.base);
        tbl[0] = (uint32_t)v.miss;
        v.tbl = tbl;
    }
    s->segs[s->nseg++] = v;
    return 0;
}

/* Rows: row i of a batch is `i` (rows == NULL) or rows[i], an array of
 * uint32 or, when wide, of int64. */
#define FOR_ROWS(m, rows, wide, par, ...)                                       \
    do {                                                                         \
        if (!(rows)) {                                                           \
            _Pragma("omp parallel for schedule(static) if (parallel: par)")     \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = i; __VA_ARGS__; }     \
        } else if (wide) {                                                       \
            const int64_t *rw_ = (rows);                                         \
            _Pragma("omp parallel for schedule(static) if (parallel: par)")     \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = rw_[i]; __VA_ARGS__; } \
        } else {                                                                 \
            const uint32_t *rn_ = (rows);                                        \
            _Pragma("omp parallel for schedule(static) if (parallel: par)")     \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = rn_[i]; __VA_ARGS__; } \
        }                                                                        \
    } while (0)

/* k[i] |= ((e >> sr) << sl) & mask for the segment's value e of row i. */
static void add_seg(const seg *g, int64_t m, const void *rows, bool wide, uint64_t *k, int sr,
                    int sl, uint64_t mask)
{
    const uint8_t *valid = g->col->valid;
    const uint64_t flip = g->flip, base = g->base, miss = g->miss;
    bool par = m >= PAR_MIN;
    switch (g->kind) {
    case SEG_F64: {
        const double *x = lt_col_f64(g->col);
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = x[r] != x[r] ? miss : (f64_bits(x[r]) ^ flip) - base;
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    case SEG_DEC: {
        const double *x = lt_col_f64(g->col);
        const double scale = g->scale, dlo = g->dlo;
        const uint64_t pinf = g->pinf;
        FOR_ROWS(m, rows, wide, par, {
            double v = x[r], t = round_small(v * scale) - dlo;
            uint64_t u = (uint64_t)(int64_t)(fabs(v) < INFINITY ? t : 0.0);   /* no NaN casts */
            u = v == INFINITY ? pinf : v == -INFINITY ? 0 : u;
            uint64_t e = v != v ? miss : (u ^ flip) - base;
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    case SEG_I64: {
        const int64_t *x = lt_col_i64(g->col);
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = bit_na(valid, r) ? miss : (i64_bits(x[r]) ^ flip) - base;
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    case SEG_BOOL: {
        const uint8_t *x = lt_col_bool(g->col);
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = bit_na(valid, r) ? miss : ((uint64_t)x[r] ^ flip) - base;
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    case SEG_STR: {
        const int32_t *x = lt_col_codes(g->col);
        const uint32_t *tbl = g->tbl;
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = tbl[x[r] < 0 ? 0 : x[r] + 1];
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    case SEG_FLAG: {
        const lt_col *c = g->col;
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = lt_col_is_na(c, r);
            k[i] |= ((e >> sr) << sl) & mask;
        });
        break;
    }
    }
}

/* Bits [lo, hi) of the composite held by group g. */
static void group_bits(const sorter *s, int g, int *lo, int *hi)
{
    *hi = s->bits - 64 * g;
    *lo = *hi > 64 ? *hi - 64 : 0;
}

/* k[i] = group g of the composite of row i (rows as in FOR_ROWS), shifted
 * left by `pack` bits; with pack > 0 the row number fills the low bits. */
static void build_group(const sorter *s, int g, int64_t m, const void *rows, uint64_t *k, int pack)
{
    int lo, hi;
    group_bits(s, g, &lo, &hi);
    bool par = m >= PAR_MIN;
#pragma omp parallel for simd schedule(static) if (parallel: par)
    for (int64_t i = 0; i < m; i++)
        k[i] = pack ? (uint64_t)i : 0;
    uint64_t mask = low_mask(hi - lo) << pack;
    for (int j = 0; j < s->nseg; j++) {
        const seg *sg = &s->segs[j];
        if (sg->off >= hi || sg->off + sg->bits <= lo)
            continue;
        int sr = sg->off < lo ? lo - sg->off : 0;
        int sl = (sg->off > lo ? sg->off - lo : 0) + pack;
        add_seg(sg, m, rows, s->wide, k, sr, sl, mask);
    }
}

/* Thread t of nt's share [*c0, *c1) of key[a..b), moved to run boundaries
 * (no run of equal keys is split).  The runs are sorted with their own
 * keys as scratch, so every thread finds its bounds before any starts
 * (a barrier after this), and scans runs only up to *c1. */
static void run_chunk(const uint64_t *key, int64_t a, int64_t b, int t, int nt, int64_t *c0,
                      int64_t *c1)
{
    int64_t lo = a + (b - a) * t / nt, hi = a + (b - a) * (t + 1) / nt;
    while (lo > a && lo < b && key[lo] == key[lo - 1])
        lo++;
    while (hi > a && hi < b && key[hi] == key[hi - 1])
        hi++;
    *c0 = lo;
    *c1 = hi;
}

/* Rows ix[a..b) are in order by the groups before g, and cur[a..b) holds
 * group g - 1 of their composites.  Sort each run of equal cur values by
 * the groups from g on; spare and ixs are scratch over the same range.
 * The rows end in ix; cur and spare are clobbered.  When many rows tie,
 * group g is gathered for the whole range in one pass (independent loads
 * overlap; run by run they would not), and big ranges are cut at run
 * boundaries into one chunk per thread. */
static void refine(const sorter *s, int g, int64_t a, int64_t b, uint64_t *cur, uint64_t *spare,
                   void *ix, void *ixs, scratch **sc, int nthr)
{
    int lo, hi;
    group_bits(s, g, &lo, &hi);
    int64_t tied = 0;
#pragma omp parallel for simd schedule(static) reduction(+: tied) if (parallel: b - a >= PAR_MIN)
    for (int64_t i = a + 1; i < b; i++)
        tied += cur[i] == cur[i - 1];
    if (tied == 0)
        return;
    bool batch = tied * 4 >= b - a;
    if (batch)
        build_group(s, g, b - a, ix_at(ix, s->wide, a), spare + a, 0);
    int T = b - a >= PAR_MIN ? nthr : 1;
#pragma omp parallel num_threads(T) if (T > 1)
    {
        int t = omp_get_thread_num();
        int64_t c0, c1;
        run_chunk(cur, a, b, t, omp_get_num_threads(), &c0, &c1);
#pragma omp barrier
        for (int64_t i = c0; i < c1;) {
            int64_t j = i + 1;
            while (j < c1 && cur[j] == cur[i])
                j++;
            if (j - i > 1) {
                void *rx = ix_at(ix, s->wide, i);
                if (!batch)
                    build_group(s, g, j - i, rx, spare + i, 0);
                msd(spare + i, rx, cur + i, ix_at(ixs, s->wide, i), j - i, 0, hi - lo, s->wide,
                    sc[t], 0);
                if (g + 1 < s->ngroup)
                    refine(s, g + 1, i, j, spare, cur, ix, ixs, sc + t, 1);
            }
            i = j;
        }
    }
}

/* Sort each run of equal k[0..n) by its payload ix: distinct numbers (the
 * low bits of the composite above the row number), `bits` wide.  spare
 * and, once a run is found, the run's own k serve as scratch.  Big inputs
 * are cut at run boundaries into one chunk per thread. */
static void tie_runs(uint64_t *k, uint64_t *spare, void *ix, int64_t n, bool wide, int bits,
                     scratch **sc, int nthr)
{
    int T = n >= PAR_MIN ? nthr : 1;
#pragma omp parallel num_threads(T) if (T > 1)
    {
        int t = omp_get_thread_num();
        int64_t c0, c1;
        run_chunk(k, 0, n, t, omp_get_num_threads(), &c0, &c1);
#pragma omp barrier
        for (int64_t i = c0; i < c1;) {
            int64_t j = i + 1;
            while (j < c1 && k[j] == k[i])
                j++;
            if (j - i > 1) {
                int64_t m = j - i;
                uint64_t *p64 = (uint64_t *)ix + i;
                uint32_t *p32 = (uint32_t *)ix + i;
                for (int64_t q = 0; q < m; q++)
                    spare[i + q] = wide ? p64[q] : p32[q];
                msd(spare + i, NULL, k + i, NULL, m, 0, bits, false, sc[t], 0);
                for (int64_t q = 0; q < m; q++) {
                    if (wide)
                        p64[q] = spare[i + q];
                    else
                        p32[q] = (uint32_t)spare[i + q];
                }
            }
            i = j;
        }
    }
}

/* Whether k[0..m) >> sh is non-decreasing (1), strictly decreasing (-1),
 * or neither (0); *vary gets the bits (of k >> sh) that are not the same
 * in every key. */
static int presorted(const uint64_t *k, int64_t m, int sh, uint64_t *vary)
{
    int up = 1, down = 1;
    uint64_t v = 0, k0 = k[0] >> sh;
#pragma omp parallel for simd schedule(static) reduction(&: up, down) reduction(|: v) \
    if (parallel: m >= PAR_MIN)
    for (int64_t i = 1; i < m; i++) {
        uint64_t x = k[i - 1] >> sh, y = k[i] >> sh;
        up &= x <= y;
        down &= x > y;
        v |= y ^ k0;
    }
    *vary = v;
    return up ? 1 : down ? -1 : 0;
}

/* The permutation, given segments: perm has n entries. */
static int sort_rows(const sorter *s, int64_t n, int64_t *perm)
{
    int nthr = s->nthr, st = 0;
    scratch **sc = s->sc;
    int ib = bitlen((uint64_t)n - 1);
    uint64_t vary;
    if (s->bits + ib <= 64) {   /* one word per row: key bits over the row */
        uint64_t *k = (uint64_t *)perm, *tk = malloc((size_t)n * sizeof *tk);
        st = tk ? 0 : lt_nomem();
        int pre = 1, r = 0;
        if (st == 0) {
            build_group(s, 0, n, NULL, k, ib);
            pre = presorted(k, n, ib, &vary);
            if (pre == 0)
                r = msd_top(k, NULL, tk, NULL, n, ib, ib + bitlen(vary), false, sc, nthr);
            st = r < 0 ? r : 0;
        }
        if (st == 0) {
            const uint64_t *src = r ? tk : k, mask = low_mask(ib);
            if (pre < 0) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = n - 1 - i;
            } else {
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = (int64_t)(src[i] & mask);
            }
        }
        free(tk);
    } else {
        /* (key, row) pairs, perm's memory serving as the second key buffer.
         * The composite's bits below its top 64 ("rem") ride in the pair's
         * payload above the row number when they fit, so that ties on the
         * top 64 bits sort by the payload alone; otherwise they are
         * gathered run by run (refine). */
        int rem = s->bits - 64;
        bool carry = rem > 0 && rem + ib <= 64;
        bool wide = carry ? rem + ib > 32 : s->wide;
        size_t isz = wide ? sizeof(int64_t) : sizeof(uint32_t);
        uint64_t *k = malloc((size_t)n * sizeof *k), *tk = (uint64_t *)perm;
        uint64_t *kbuf = k;
        void *ix = malloc((size_t)n * isz), *tix = malloc((size_t)n * isz);
        void *ixbuf = ix, *tixbuf = tix;
        st = k && ix && tix ? 0 : lt_nomem();
        int pre = 0, r = 0;
        if (st == 0) {
            if (wide && carry) {   /* the low bits over the row */
                build_group(s, 1, n, NULL, ix, ib);
            } else if (wide) {
                int64_t *x = ix;
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    x[i] = i;
            } else {
                uint32_t *x = ix;
                if (carry)
                    build_group(s, 1, n, NULL, tk, ib);
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    x[i] = carry ? (uint32_t)tk[i] : (uint32_t)i;
            }
            build_group(s, 0, n, NULL, k, 0);
            pre = presorted(k, n, 0, &vary);
            if (pre == 0)
                r = msd_top(k, ix, tk, tix, n, 0, bitlen(vary), wide, sc, nthr);
            st = r < 0 ? r : 0;
        }
        if (st == 0 && r == 1) {
            uint64_t *tp = k;
            k = tk;
            tk = tp;
            void *tx = ix;
            ix = tix;
            tix = tx;
        }
        /* strictly decreasing: reversed, with no ties to resolve */
        if (st == 0 && pre >= 0 && carry)
            tie_runs(k, tk, ix, n, wide, rem + ib, sc, nthr);
        else if (st == 0 && pre >= 0 && s->ngroup > 1)
            refine(s, 1, 0, n, k, tk, ix, tix, sc, nthr);
        if (st == 0) {
            const uint64_t mask = low_mask(ib);
            if (pre < 0) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = n - 1 - i;
            } else if (wide) {
                const uint64_t *x = ix;
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = (int64_t)(x[i] & mask);
            } else {
                const uint32_t *x = ix;
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = (int64_t)(x[i] & mask);
            }
        }
        free(kbuf);
        free(ixbuf);
        free(tixbuf);
    }
    return st;
}

/* ---- public ---------------------------------------------------------------- */

int64_t *lt_sort_order(const lt_sort_key *keys, int nkeys, int64_t n, const lt_sort_opts *o)
{
    if (n < 0 || nkeys < 0 || (nkeys > 0 && !keys)) {
        lt_seterr(LT_EINVAL, "sort: %lld rows and %d keys; expected counts >= 0",
                  (long long)n, nkeys);
        return NULL;
    }
    for (int j = 0; j < nkeys; j++) {
        if (!keys[j].col) {
            lt_seterr(LT_EINVAL, "sort: key %d has no column", j + 1);
            return NULL;
        }
        if (keys[j].col->n != n) {
            lt_seterr(LT_ELENGTH, "sort: key %d has %lld values; expected %lld (one per row)",
                      j + 1, (long long)keys[j].col->n, (long long)n);
            return NULL;
        }
    }
    int64_t *perm = malloc((size_t)(n ? n : 1) * sizeof *perm);
    if (!perm) {
        lt_nomem();
        return NULL;
    }
    sorter s = { .wide = n > (int64_t)LT_SORT_NARROW_MAX };
    s.nthr = n >= PAR_MIN ? omp_get_max_threads() : 1;
    s.segs = calloc((size_t)(2 * nkeys + 1), sizeof *s.segs);
    s.tbls = calloc((size_t)nkeys + 1, sizeof *s.tbls);
    s.sc = calloc((size_t)s.nthr, sizeof *s.sc);
    int st = s.segs && s.tbls && s.sc ? 0 : lt_nomem();
    for (int t = 0; st == 0 && n > 1 && nkeys > 0 && t < s.nthr; t++)
        if (!(s.sc[t] = malloc(sizeof **s.sc)))
            st = lt_nomem();
    for (int j = 0; st == 0 && n > 1 && j < nkeys; j++)
        st = add_key(&s, j, &keys[j], o && o->natural);
    for (int j = s.nseg - 1; j >= 0; j--) {   /* the last key lowest */
        s.segs[j].off = s.bits;
        s.bits += s.segs[j].bits;
    }
    s.ngroup = (s.bits + 63) / 64;
    if (st == 0 && s.bits == 0) {
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
        for (int64_t i = 0; i < n; i++)
            perm[i] = i;
    } else if (st == 0) {
        st = sort_rows(&s, n, perm);
    }
    for (int j = 0; s.tbls && j < nkeys; j++)
        free(s.tbls[j]);
    for (int t = 0; s.sc && t < s.nthr; t++)
        free(s.sc[t]);
    free(s.sc);
    free(s.tbls);
    free(s.segs);
    if (st < 0) {
        free(perm);
        return NULL;
    }
    return perm;
}

lt_frame *lt_frame_sort(const lt_frame *f, const lt_sort_key *keys, int nkeys,
                        const lt_sort_opts *o)
{
    int64_t n = f->nrow;
    for (int j = 0; j < nkeys; j++)
        if (keys && keys[j].col && keys[j].col->n != n) {
            lt_seterr(LT_ELENGTH, "sort: key %d has %lld values; expected %lld (the frame's rows)",
                      j + 1, (long long)keys[j].col->n, (long long)n);
            return NULL;
        }
    int64_t *perm = lt_sort_order(keys, nkeys, n, o);
    if (!perm)
        return NULL;
    int64_t i = 0;
    while (i < n && perm[i] == i)
        i++;
    lt_frame *r = i == n ? lt_frame_copy(f) : lt_frame_take(f, perm, n);
    free(perm);
    return r;
}
