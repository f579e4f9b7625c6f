/* Sorting rows by several keys (see sort.h).
 *
 * Each key becomes an unsigned integer that orders as the key does
 * ("encoded"): f64 bits with the sign flipped (negatives complemented),
 * i64 with the sign bit flipped, bool as 0/1, strings as the rank of their
 * dictionary entry (the used entries are sorted once, not the rows).  The
 * key's minimum is subtracted and only the bits its range needs are kept;
 * a descending key is the complement within its range; missing values get
 * the value just above the range, so they sort last either way.  The keys,
 * first key highest, then form one wide integer of B bits, the
 * "composite".
 *
 * - B plus the bits of a row number fit in 64: the row number sits in the
 *   low bits of one 64-bit word per row, and an LSD radix sort on the key
 *   bits alone orders the words; ties keep row order because LSD passes
 *   are stable.
 * - Otherwise (key, row) pairs are sorted by the top 64 bits of the
 *   composite ("group" 0); runs of rows that tie on it are then sorted,
 *   run by run, by the next 64 bits, and so on.
 *
 * The radix sort uses digits of up to 11 bits, skips digits that are
 * constant, and on large inputs splits each pass across OpenMP threads
 * (per-thread histograms, contiguous chunks, so the scatter is the same
 * stable permutation whatever the thread count). */
#include "sort.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };
/* Widest radix digit, and the longest run sorted by insertion. */
enum { DIGIT = 11, SMALL = 48 };

static inline int bitlen(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

static inline uint64_t low_mask(int bits)
{
    return bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
}

/* An order-preserving unsigned image of a double (-0.0 as 0.0). */
static inline uint64_t f64_bits(double x)
{
    x += 0.0;   /* -0.0 + 0.0 is +0.0 */
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b ^ ((uint64_t)((int64_t)b >> 63) | (UINT64_C(1) << 63));
}

static inline uint64_t i64_bits(int64_t x) { return (uint64_t)x ^ (UINT64_C(1) << 63); }

static inline bool bit_na(const uint8_t *valid, int64_t r)
{
    return valid && !((valid[r >> 3] >> (r & 7)) & 1);
}

/* ---- keys as segments of the composite ------------------------------------ */

/* How a segment computes its bits from its column. */
enum seg_kind { SEG_F64, SEG_I64, SEG_BOOL, SEG_STR, SEG_FLAG };

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
    int bits, off;         /* width and position (bit 0 = least significant) */
} seg;

typedef struct sorter {
    seg *segs;
    int nseg;
    int bits;      /* B, the composite's width */
    int ngroup;    /* 64-bit groups, the most significant first */
    bool wide;     /* row numbers need int64 (else uint32) */
    uint32_t **tbls;
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

/* Byte order of two strings with lengths: memcmp, then the shorter first. */
static int cmp_bytes(const char *s, size_t ls, const char *t, size_t lt)
{
    size_t m = ls < lt ? ls : lt;
    int c = m ? memcmp(s, t, m) : 0;
    return c ? c : (ls > lt) - (ls < lt);
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

static int cmp_ref_bytes(const void *p, const void *q)
{
    const str_ref *a = p, *b = q;
    return cmp_bytes(a->s, a->len, b->s, b->len);
}

static int cmp_ref_natural(const void *p, const void *q)
{
    const str_ref *a = p, *b = q;
    return cmp_natural(a->s, a->len, b->s, b->len);
}

/* Ranks of the dictionary entries that c uses, in byte or natural order:
 * *tbl (malloc'd, dictionary size + 1 entries) gets rank[code + 1] (0 for
 * unused codes and the missing slot), *nrank the number of distinct
 * ranks, *nmiss the missing values.  Only used entries are sorted, so a
 * few rows on a big shared dictionary stay cheap. */
static int rank_str(const lt_col *c, bool natural, uint32_t **tbl, uint32_t *nrank,
                    int64_t *nmiss)
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
    str_ref *refs = malloc((size_t)(nu ? nu : 1) * sizeof *refs);
    if (!refs) {
        free(t);
        free(used);
        return lt_nomem();
    }
    nu = 0;
    for (int32_t k = 0; k < d; k++)
        if (used[k + 1]) {
            refs[nu].code = k;
            refs[nu].s = lt_dict_str(c->dict, k, &refs[nu].len);
            nu++;
        }
    int (*cmp)(const void *, const void *) = natural ? cmp_ref_natural : cmp_ref_bytes;
    qsort(refs, (size_t)nu, sizeof *refs, cmp);
    uint32_t r = 0;
    for (int32_t j = 0; j < nu; j++) {
        if (j > 0 && cmp(&refs[j - 1], &refs[j]) != 0)
            r++;
        t[refs[j].code + 1] = r;
    }
    free(refs);
    free(used);
    *tbl = t;
    *nrank = nu ? r + 1 : 0;
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
    switch (c->type) {
    case LT_F64: rg = range_f64(lt_col_f64(c), c->n); break;
    case LT_I64:
    case LT_TIME: rg = range_i64(lt_col_i64(c), c->valid, c->n); break;
    case LT_BOOL: rg = range_bool(lt_col_bool(c), c->valid, c->n); break;
    case LT_STR: {
        uint32_t nrank = 0;
        int st = rank_str(c, natural, &tbl, &nrank, &rg.nmiss);
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
    case LT_F64: v.kind = SEG_F64; break;
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
#define FOR_ROWS(m, rows, wide, par, BODY)                                      \
    do {                                                                         \
        if (!(rows)) {                                                           \
            _Pragma("omp parallel for schedule(static) if (parallel: par)")     \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = i; BODY; }     \
        } else if (wide) {                                                       \
            const int64_t *rw_ = (rows);                                         \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = rw_[i]; BODY; } \
        } else {                                                                 \
            const uint32_t *rn_ = (rows);                                        \
            for (int64_t i = 0; i < (m); i++) { const int64_t r = rn_[i]; BODY; } \
        }                                                                        \
    } while (0)

/* k[i] |= ((e >> sr) << sl) & mask for the segment's value e of row i. */
static void add_seg(const seg *g, int64_t m, const void *rows, bool wide, uint64_t *k, int sr,
                    int sl, uint64_t mask)
{
    const uint8_t *valid = g->col->valid;
    const uint64_t flip = g->flip, base = g->base, miss = g->miss;
    bool par = !rows && m >= PAR_MIN;
    switch (g->kind) {
    case SEG_F64: {
        const double *x = lt_col_f64(g->col);
        FOR_ROWS(m, rows, wide, par, {
            uint64_t e = x[r] != x[r] ? miss : (f64_bits(x[r]) ^ flip) - base;
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
    if (pack) {
#pragma omp parallel for simd schedule(static) if (parallel: par)
        for (int64_t i = 0; i < m; i++)
            k[i] = (uint64_t)i;
    } else {
        memset(k, 0, (size_t)m * sizeof *k);
    }
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

/* ---- radix sort ------------------------------------------------------------ */

static inline void *ix_at(void *ix, bool wide, int64_t i)
{
    return wide ? (void *)((int64_t *)ix + i) : (void *)((uint32_t *)ix + i);
}

/* Stable LSD radix sort of k[0..m) by bits [b0, b1) (bits above b1 are 0),
 * moving ix along (NULL: keys only; uint32 or wide int64 entries); tk and
 * tix are scratch of m entries.  Runs up to nthr threads.  Returns 1 when
 * the result is in tk/tix, 0 when in k/ix, < 0 on allocation failure. */
static int radix(uint64_t *k, void *ix, uint64_t *tk, void *tix, int64_t m, int b0, int b1,
                 bool wide, int nthr)
{
    int nbits = b1 - b0;
    if (nbits <= 0 || m < 2)
        return 0;
    int maxw = DIGIT;
    while (maxw > 4 && ((int64_t)1 << maxw) > 4 * m)   /* small inputs: small digits */
        maxw--;
    int P = (nbits + maxw - 1) / maxw, w = (nbits + P - 1) / P;
    size_t R = (size_t)1 << w;
    if (m < PAR_MIN)
        nthr = 1;
    int64_t *cnt = calloc((size_t)nthr * P * R, sizeof *cnt);
    if (!cnt)
        return lt_nomem();
    bool skip[64];
    int flips = 0;
#pragma omp parallel num_threads(nthr) if (nthr > 1)
    {
        int nt = omp_get_num_threads(), t = omp_get_thread_num();
        int64_t c0 = m * t / nt, c1 = m * (t + 1) / nt;
        int64_t *my = cnt + (size_t)t * P * R;
        for (int64_t i = c0; i < c1; i++) {
            uint64_t v = k[i] >> b0;
            for (int d = 0; d < P; d++)
                my[(size_t)d * R + ((v >> (d * w)) & (R - 1))]++;
        }
#pragma omp barrier
#pragma omp single
        for (int d = 0; d < P; d++) {
            skip[d] = false;
            for (size_t b = 0; b < R && !skip[d]; b++) {
                int64_t tot = 0;
                for (int u = 0; u < nt; u++)
                    tot += cnt[((size_t)u * P + d) * R + b];
                skip[d] = tot == m;
            }
            flips += !skip[d];
        }
        uint64_t *src = k, *dst = tk;
        void *sx = ix, *dx = tix;
        bool fresh = true;
        for (int d = 0; d < P; d++) {
            if (skip[d])
                continue;
            int sh = b0 + d * w;
            int64_t *h = my + (size_t)d * R;
            if (!fresh && nt > 1) {   /* this chunk's histogram changed */
                memset(h, 0, R * sizeof *h);
                for (int64_t i = c0; i < c1; i++)
                    h[(src[i] >> sh) & (R - 1)]++;
#pragma omp barrier
            }
#pragma omp single
            {
                int64_t pos = 0;
                for (size_t b = 0; b < R; b++)
                    for (int u = 0; u < nt; u++) {
                        int64_t *c = &cnt[((size_t)u * P + d) * R + b];
                        int64_t x = *c;
                        *c = pos;
                        pos += x;
                    }
            }
            if (!ix) {
                for (int64_t i = c0; i < c1; i++)
                    dst[h[(src[i] >> sh) & (R - 1)]++] = src[i];
            } else if (wide) {
                const int64_t *a = sx;
                int64_t *b = dx;
                for (int64_t i = c0; i < c1; i++) {
                    int64_t p = h[(src[i] >> sh) & (R - 1)]++;
                    dst[p] = src[i];
                    b[p] = a[i];
                }
            } else {
                const uint32_t *a = sx;
                uint32_t *b = dx;
                for (int64_t i = c0; i < c1; i++) {
                    int64_t p = h[(src[i] >> sh) & (R - 1)]++;
                    dst[p] = src[i];
                    b[p] = a[i];
                }
            }
#pragma omp barrier
            uint64_t *tp = src;
            src = dst;
            dst = tp;
            void *tx = sx;
            sx = dx;
            dx = tx;
            fresh = false;
        }
    }
    free(cnt);
    return flips & 1;
}

/* Stable insertion sort of (k, ix)[0..m) by k, for short runs. */
static void insertion(uint64_t *k, void *ix, int64_t m, bool wide)
{
    for (int64_t i = 1; i < m; i++) {
        uint64_t v = k[i];
        int64_t j = i;
        if (wide) {
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

/* Rows ix[a..b) are in order by the groups before g, and cur[a..b) holds
 * group g - 1 of their composites.  Sort each run of equal cur values by
 * the groups from g on; spare and ixs are scratch over the same range.
 * The rows end in ix; cur and spare are clobbered. */
static int refine(const sorter *s, int g, int64_t a, int64_t b, uint64_t *cur, uint64_t *spare,
                  void *ix, void *ixs)
{
    int lo, hi;
    group_bits(s, g, &lo, &hi);
    for (int64_t i = a; i < b;) {
        int64_t j = i + 1;
        while (j < b && cur[j] == cur[i])
            j++;
        if (j - i > 1) {
            int64_t m = j - i;
            void *rx = ix_at(ix, s->wide, i);
            build_group(s, g, m, rx, spare + i, 0);
            if (m <= SMALL) {
                insertion(spare + i, rx, m, s->wide);
            } else {
                int r = radix(spare + i, rx, cur + i, ix_at(ixs, s->wide, i), m, 0, hi - lo,
                              s->wide, 1);
                if (r < 0)
                    return r;
                if (r) {   /* back where the caller expects them */
                    memcpy(spare + i, cur + i, (size_t)m * sizeof *cur);
                    memcpy(rx, ix_at(ixs, s->wide, i),
                           (size_t)m * (s->wide ? sizeof(int64_t) : sizeof(uint32_t)));
                }
            }
            if (g + 1 < s->ngroup) {
                int r = refine(s, g + 1, i, j, spare, cur, ix, ixs);
                if (r < 0)
                    return r;
            }
        }
        i = j;
    }
    return 0;
}

/* Whether k[0..m) >> sh is non-decreasing (1), strictly decreasing (-1),
 * or neither (0). */
static int presorted(const uint64_t *k, int64_t m, int sh)
{
    int up = 1, down = 1;
#pragma omp parallel for simd schedule(static) reduction(&: up, down) if (parallel: m >= PAR_MIN)
    for (int64_t i = 1; i < m; i++) {
        uint64_t x = k[i - 1] >> sh, y = k[i] >> sh;
        up &= x <= y;
        down &= x > y;
    }
    return up ? 1 : down ? -1 : 0;
}

/* The permutation, given segments: perm has n entries. */
static int sort_rows(const sorter *s, int64_t n, int64_t *perm)
{
    int nthr = omp_get_max_threads();
    int ib = bitlen((uint64_t)n - 1);
    if (s->bits + ib <= 64) {   /* one word per row: key bits over the row */
        uint64_t *k = (uint64_t *)perm, *tk = malloc((size_t)n * sizeof *tk);
        if (!tk)
            return lt_nomem();
        build_group(s, 0, n, NULL, k, ib);
        int pre = presorted(k, n, ib), r = 0;
        if (pre == 0)
            r = radix(k, NULL, tk, NULL, n, ib, ib + s->bits, false, nthr);
        if (r >= 0) {
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
        return r < 0 ? r : 0;
    }
    /* (key, row) pairs; perm's memory serves as the second key buffer */
    size_t isz = s->wide ? sizeof(int64_t) : sizeof(uint32_t);
    uint64_t *k = malloc((size_t)n * sizeof *k), *tk = (uint64_t *)perm;
    void *ix = malloc((size_t)n * isz), *tix = malloc((size_t)n * isz);
    int st = k && ix && tix ? 0 : lt_nomem();
    if (st == 0) {
        if (s->wide) {
            int64_t *x = ix;
            for (int64_t i = 0; i < n; i++)
                x[i] = i;
        } else {
            uint32_t *x = ix;
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
            for (int64_t i = 0; i < n; i++)
                x[i] = (uint32_t)i;
        }
        int lo, hi;
        group_bits(s, 0, &lo, &hi);
        build_group(s, 0, n, NULL, k, 0);
        int pre = presorted(k, n, 0), r = 0;
        if (pre == 0) {
            r = radix(k, ix, tk, tix, n, 0, hi - lo, s->wide, nthr);
        } else if (pre < 0) {
            r = 2;   /* strictly decreasing: reversed, and no ties to refine */
        }
        if (r < 0)
            st = r;
        if (r == 1) {
            uint64_t *tp = k;
            k = tk;
            tk = tp;
            void *tx = ix;
            ix = tix;
            tix = tx;
        }
        if (st == 0 && r != 2 && s->ngroup > 1)
            st = refine(s, 1, 0, n, k, tk, ix, tix);
        if (st == 0) {
            if (r == 2) {
                for (int64_t i = 0; i < n; i++)
                    perm[i] = n - 1 - i;
            } else if (s->wide) {
                const int64_t *x = ix;
                for (int64_t i = 0; i < n; i++)
                    perm[i] = x[i];
            } else {
                const uint32_t *x = ix;
#pragma omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)
                for (int64_t i = 0; i < n; i++)
                    perm[i] = x[i];
            }
        }
    }
    /* one of k/tk is perm itself */
    free(k == (uint64_t *)perm ? tk : k);
    free(ix);
    free(tix);
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
    sorter s = { .wide = n > (int64_t)UINT32_MAX };
    s.segs = calloc((size_t)(2 * nkeys + 1), sizeof *s.segs);
    s.tbls = calloc((size_t)nkeys + 1, sizeof *s.tbls);
    int st = s.segs && s.tbls ? 0 : lt_nomem();
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
