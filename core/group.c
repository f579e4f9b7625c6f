/* Grouping (see group.h): dense ids of key tuples, and distinct rows.
 *
 * Each key is first mapped to dense codes 0..card-1 of its own, missing
 * being one more code (last when sorted):
 *   str   the dictionary code through a table (a second dictionary is
 *         matched to the first by text), codes in string order when sorted;
 *   bool  false, true, missing;
 *   i64 / time whose values span a small range: a table indexed by value -
 *         min, which gives codes in value order for free;
 *   others (f64, wide i64 / time): an open-addressing hash of the values,
 *         codes in order of first appearance, ranked by a radix sort of the
 *         distinct values when sorted.
 * The codes of several keys combine in mixed radix (the first key most
 * significant, so numeric order of the combined code is lexicographic
 * order of the tuple).  When the product of the cardinalities is small
 * the combined code indexes a table directly -- sorted groups with their
 * rows then come from one counting sort of the codes -- else the combined
 * codes are hashed (and densified on the way whenever the product would
 * overflow 64 bits).  Row-wise maps run on OpenMP threads, and counting
 * sorts in one chunk of rows per thread; the passes that assign ids in
 * row order are serial, so ids never depend on the thread count. */
#include "group.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "error.h"

/* malloc for arrays of a value per row: big ones 2 MB aligned and marked
 * for transparent huge pages where the system has them (Linux), which
 * saves the page fault per 4 KB of their first touch -- about half the
 * time of grouping 5M rows into few groups.  Freed with free(). */
static void *rows_malloc(size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (bytes >= 4 * huge) {
        size_t size = (bytes + huge - 1) / huge * huge;
        void *p = aligned_alloc(huge, size);
        if (p)
            madvise(p, size, MADV_HUGEPAGE);   /* advice: failure is harmless */
        return p;
    }
#endif
    return malloc(bytes ? bytes : 1);
}

static void *rows_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = rows_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };

#define PARFOR                                                          \
    _Pragma("omp parallel for schedule(static) if (n >= PAR_MIN)")       \
    for (int64_t i = 0; i < n; i++)

static bool bit_get(const uint8_t *bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

/* Largest table indexed directly by a code (entries), for n rows: a table
 * a few times the rows costs less than hashing them. */
static uint64_t direct_limit(int64_t n) { return (uint64_t)n * 4 + (1u << 16); }

/* ---- open-addressing hash of 64-bit values -------------------------------- */

typedef struct vhash {
    uint64_t *keys;
    int32_t *ids;     /* -1: empty slot */
    uint64_t mask;
    int shift;        /* 64 - log2(slots) */
    int64_t size;
} vhash;

static uint64_t vslot(const vhash *h, uint64_t k)
{
    k ^= k >> 29;   /* doubles differ in their high bits */
    return (k * UINT64_C(0x9E3779B97F4A7C15)) >> h->shift;
}

static int vhash_init(vhash *h, int64_t expect)
{
    int bits = 4;
    while (bits < 62 && (INT64_C(1) << bits) < expect * 2)
        bits++;
    h->mask = (UINT64_C(1) << bits) - 1;
    h->shift = 64 - bits;
    h->size = 0;
    h->keys = malloc((h->mask + 1) * sizeof *h->keys);
    h->ids = malloc((h->mask + 1) * sizeof *h->ids);
    if (!h->keys || !h->ids) {
        free(h->keys);
        free(h->ids);
        h->keys = NULL;
        h->ids = NULL;
        return lt_nomem();
    }
    memset(h->ids, 0xff, (h->mask + 1) * sizeof *h->ids);
    return 0;
}

static void vhash_fini(vhash *h)
{
    free(h->keys);
    free(h->ids);
}

static int vhash_grow(vhash *h)
{
    vhash n;
    if (vhash_init(&n, (int64_t)(h->mask + 1)) < 0)
        return LT_ENOMEM;
    for (uint64_t s = 0; s <= h->mask; s++) {
        if (h->ids[s] < 0)
            continue;
        uint64_t t = vslot(&n, h->keys[s]);
        while (n.ids[t] >= 0)
            t = (t + 1) & n.mask;
        n.keys[t] = h->keys[s];
        n.ids[t] = h->ids[s];
    }
    n.size = h->size;
    vhash_fini(h);
    *h = n;
    return 0;
}

/* The id of k, or -1 with *slot where it would go. */
static inline int32_t vhash_find(const vhash *h, uint64_t k, uint64_t *slot)
{
    uint64_t s = vslot(h, k);
    for (;;) {
        int32_t id = h->ids[s];
        if (id < 0 || h->keys[s] == k) {
            *slot = s;
            return id;
        }
        s = (s + 1) & h->mask;
    }
}

/* Store k with id at slot (from vhash_find); grows the table when half full. */
static int vhash_put(vhash *h, uint64_t slot, uint64_t k, int32_t id)
{
    h->keys[slot] = k;
    h->ids[slot] = id;
    if (++h->size * 2 > (int64_t)(h->mask + 1))
        return vhash_grow(h);
    return 0;
}

/* ---- radix sort ------------------------------------------------------------ */

/* Sort idx[0..n) by keys[idx[i]] ascending, stably (an LSD radix sort, 8
 * bits a pass, skipping bytes that are equal in every key); keys are
 * unsigned, so callers make them order-preserving first (okey_*). */
static int radix_sort(const uint64_t *keys, int32_t *idx, int64_t n)
{
    if (n < 2)
        return 0;
    int64_t (*cnt)[256] = calloc(8, sizeof *cnt);
    int32_t *tmp = malloc((size_t)n * sizeof *tmp);
    if (!cnt || !tmp) {
        free(cnt);
        free(tmp);
        return lt_nomem();
    }
    for (int64_t i = 0; i < n; i++) {
        uint64_t k = keys[idx[i]];
        for (int b = 0; b < 8; b++)
            cnt[b][(k >> (8 * b)) & 0xff]++;
    }
    uint64_t k0 = keys[idx[0]];
    int32_t *src = idx, *dst = tmp;
    for (int b = 0; b < 8; b++) {
        if (cnt[b][(k0 >> (8 * b)) & 0xff] == n)
            continue;   /* this byte is the same in every key */
        int64_t pos = 0;
        for (int v = 0; v < 256; v++) {
            int64_t c = cnt[b][v];
            cnt[b][v] = pos;
            pos += c;
        }
        for (int64_t i = 0; i < n; i++) {
            int32_t j = src[i];
            dst[cnt[b][(keys[j] >> (8 * b)) & 0xff]++] = j;
        }
        int32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != idx)
        memcpy(idx, src, (size_t)n * sizeof *idx);
    free(cnt);
    free(tmp);
    return 0;
}

/* Unsigned keys that sort as the signed integers / doubles (not NaN) do. */
static uint64_t okey_i64(uint64_t bits) { return bits ^ (UINT64_C(1) << 63); }
static uint64_t okey_f64(uint64_t bits)
{
    return bits >> 63 ? ~bits : bits | (UINT64_C(1) << 63);
}

/* ---- per-key codes --------------------------------------------------------- */

typedef enum kkind { K_STR, K_BOOL, K_RANGE, K_HASH } kkind;

/* One key over the rows of its (up to two) columns.  The code of a row:
 *   K_STR    side[s].tbl[code + 1]        (tbl[0] is missing)
 *   K_BOOL   tbl[missing ? 0 : v + 1]
 *   K_RANGE  tbl[missing ? 0 : v - base + 1]
 *   K_HASH   tbl ? tbl[codes[row]] : codes[row] */
typedef struct key {
    kkind kind;
    int nside;
    struct { const lt_col *c; int64_t off, n; int32_t *tbl; bool own; } side[2];
    int64_t base;
    int32_t *tbl;
    int32_t *codes;
    int64_t card;
} key;

static void key_fini(key *k)
{
    for (int s = 0; s < k->nside; s++)
        if (k->side[s].own)
            free(k->side[s].tbl);
    free(k->tbl);
    free(k->codes);
}

/* Codes for raw indexes 0..nraw-1 of which present[] ones occur: in the
 * order given by `rank` (an array of the present raw indexes >= 1, or NULL
 * for ascending raw order), then missing (raw 0) last.  Returns the table
 * (-1 for absent raws) or NULL; *card gets the number of codes. */
static int32_t *assign_codes(const uint8_t *present, int64_t nraw, const int32_t *rank,
                             int64_t nrank, int64_t *card)
{
    int32_t *tbl = malloc((size_t)nraw * sizeof *tbl);
    if (!tbl) {
        lt_nomem();
        return NULL;
    }
    memset(tbl, 0xff, (size_t)nraw * sizeof *tbl);
    int32_t code = 0;
    if (rank) {
        for (int64_t j = 0; j < nrank; j++)
            tbl[rank[j]] = code++;
    } else {
        for (int64_t x = 1; x < nraw; x++)
            if (present[x])
                tbl[x] = code++;
    }
    if (present[0])
        tbl[0] = code++;
    *card = code;
    return tbl;
}

typedef struct sref { const char *s; size_t len; int32_t raw; } sref;

static int cmp_sref(const void *p, const void *q)
{
    const sref *x = p, *y = q;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void mark_codes(const lt_col *c, int64_t n, uint8_t *used)
{
    const int32_t *codes = lt_col_codes(c);
    for (int64_t i = 0; i < n; i++)
        used[codes[i] + 1] = 1;
}

/* str keys: raw indexes are the codes of the first column's dictionary
 * plus one; strings of the second dictionary that the first lacks get raw
 * indexes after those. */
static int prep_str(key *k, bool sorted)
{
    const lt_col *ca = k->side[0].c;
    const lt_dict *da = ca->dict;
    int64_t nda = lt_dict_size(da);
    uint8_t *used_a = calloc((size_t)nda + 1, 1);
    int32_t *mapb = NULL, *newb = NULL;   /* b's raw -> unified raw; new strings' b codes */
    uint8_t *present = NULL, *used_b = NULL;
    int32_t *rank = NULL;
    sref *refs = NULL;
    int status = LT_ENOMEM;
    if (!used_a)
        goto done;
    mark_codes(ca, k->side[0].n, used_a);
    int64_t nraw = nda + 1, nnew = 0;
    const lt_col *cb = k->nside > 1 ? k->side[1].c : NULL;
    bool other = cb && cb->dict != da;
    if (cb && !other)
        mark_codes(cb, k->side[1].n, used_a);
    if (other) {
        int64_t ndb = lt_dict_size(cb->dict);
        used_b = calloc((size_t)ndb + 1, 1);
        mapb = malloc(((size_t)ndb + 1) * sizeof *mapb);
        newb = malloc(((size_t)ndb + 1) * sizeof *newb);
        if (!used_b || !mapb || !newb)
            goto done;
        mark_codes(cb, k->side[1].n, used_b);
        mapb[0] = 0;
        for (int32_t c = 0; c < ndb; c++) {
            if (!used_b[c + 1])
                continue;
            size_t len;
            const char *s = lt_dict_str(cb->dict, c, &len);
            int32_t ca_code = lt_dict_find(da, s, len);
            if (ca_code >= 0) {
                mapb[c + 1] = ca_code + 1;
            } else {
                mapb[c + 1] = (int32_t)(nraw + nnew);
                newb[nnew++] = c;
            }
        }
    }
    present = calloc((size_t)(nraw + nnew), 1);
    if (!present)
        goto done;
    memcpy(present, used_a, (size_t)nraw);
    if (other) {
        int64_t ndb = lt_dict_size(cb->dict);
        for (int64_t x = 0; x <= ndb; x++)
            if (used_b[x])
                present[mapb[x]] = 1;
    }
    int64_t nrank = 0;
    if (sorted) {
        refs = malloc((size_t)(nraw + nnew) * sizeof *refs);
        rank = malloc((size_t)(nraw + nnew) * sizeof *rank);
        if (!refs || !rank)
            goto done;
        for (int64_t x = 1; x < nraw + nnew; x++) {
            if (!present[x])
                continue;
            sref *r = &refs[nrank++];
            r->raw = (int32_t)x;
            r->s = x < nraw ? lt_dict_str(da, (int32_t)(x - 1), &r->len)
                            : lt_dict_str(cb->dict, newb[x - nraw], &r->len);
        }
        qsort(refs, (size_t)nrank, sizeof *refs, cmp_sref);
        for (int64_t j = 0; j < nrank; j++)
            rank[j] = refs[j].raw;
    }
    int32_t *tbl = assign_codes(present, nraw + nnew, rank, nrank, &k->card);
    if (!tbl)
        goto done;
    k->side[0].tbl = tbl;
    k->side[0].own = true;
    if (cb && !other) {
        k->side[1].tbl = tbl;
    } else if (other) {
        int64_t ndb = lt_dict_size(cb->dict);
        int32_t *tb = malloc(((size_t)ndb + 1) * sizeof *tb);
        if (!tb)
            goto done;
        for (int64_t x = 0; x <= ndb; x++)
            tb[x] = used_b[x] ? tbl[mapb[x]] : -1;
        k->side[1].tbl = tb;
        k->side[1].own = true;
    }
    status = 0;
done:
    if (status == LT_ENOMEM)
        lt_nomem();
    free(used_a);
    free(used_b);
    free(mapb);
    free(newb);
    free(present);
    free(rank);
    free(refs);
    return status;
}

static int prep_bool(key *k)
{
    uint8_t present[3] = { 0, 0, 0 };
    for (int s = 0; s < k->nside; s++) {
        const lt_col *c = k->side[s].c;
        const uint8_t *v = lt_col_bool(c);
        for (int64_t i = 0; i < k->side[s].n; i++)
            present[c->valid && !bit_get(c->valid, i) ? 0 : v[i] + 1] = 1;
    }
    k->base = 0;
    k->tbl = assign_codes(present, 3, NULL, 0, &k->card);
    return k->tbl ? 0 : LT_ENOMEM;
}

/* i64 / time keys whose values span fewer than direct_limit values. */
static int prep_range(key *k, int64_t lo, int64_t hi, bool any)
{
    int64_t nraw = any ? (int64_t)((uint64_t)hi - (uint64_t)lo) + 2 : 1;
    uint8_t *present = calloc((size_t)nraw, 1);
    if (!present)
        return lt_nomem();
    for (int s = 0; s < k->nside; s++) {
        const lt_col *c = k->side[s].c;
        const int64_t *v = lt_col_i64(c);
        int64_t n = k->side[s].n;
        if (c->valid) {
            for (int64_t i = 0; i < n; i++)
                present[bit_get(c->valid, i) ? v[i] - lo + 1 : 0] = 1;
        } else {
            for (int64_t i = 0; i < n; i++)
                present[v[i] - lo + 1] = 1;
        }
    }
    k->kind = K_RANGE;
    k->base = lo;
    k->tbl = assign_codes(present, nraw, NULL, 0, &k->card);
    free(present);
    return k->tbl ? 0 : LT_ENOMEM;
}

/* f64, and i64 / time of a wide range: hash the values (f64 with -0.0 as
 * 0.0; NaN is missing). */
static int prep_hash(key *k, bool sorted, int64_t nrow)
{
    bool f64 = k->side[0].c->type == LT_F64;
    vhash h;
    uint64_t *vals = NULL;   /* distinct values by code */
    int64_t cap = 1024, nv = 0;
    int32_t miss = -1;
    k->kind = K_HASH;
    k->codes = rows_malloc((size_t)nrow * sizeof *k->codes);
    vals = malloc((size_t)cap * sizeof *vals);
    if (!k->codes || !vals || vhash_init(&h, 1024) < 0) {
        free(vals);
        return lt_nomem();
    }
    int status = 0;
    for (int s = 0; s < k->nside && status == 0; s++) {
        const lt_col *c = k->side[s].c;
        int32_t *codes = k->codes + k->side[s].off;
        for (int64_t i = 0; i < k->side[s].n; i++) {
            uint64_t bits;
            if (f64) {
                double v = lt_col_f64(c)[i];
                if (v != v) {
                    if (miss < 0)
                        miss = (int32_t)nv++;
                    codes[i] = miss;
                    continue;
                }
                if (v == 0)
                    v = 0.0;   /* -0.0 */
                memcpy(&bits, &v, 8);
            } else {
                if (c->valid && !bit_get(c->valid, i)) {
                    if (miss < 0)
                        miss = (int32_t)nv++;
                    codes[i] = miss;
                    continue;
                }
                bits = (uint64_t)lt_col_i64(c)[i];
            }
            uint64_t slot;
            int32_t id = vhash_find(&h, bits, &slot);
            if (id < 0) {
                if (nv >= cap) {   /* > when the missing code took the last slot */
                    uint64_t *nvals = realloc(vals, (size_t)cap * 2 * sizeof *vals);
                    if (!nvals) {
                        status = lt_nomem();
                        break;
                    }
                    vals = nvals;
                    cap *= 2;
                }
                id = (int32_t)nv;
                vals[nv++] = bits;
                if (vhash_put(&h, slot, bits, id) < 0) {
                    status = LT_ENOMEM;
                    break;
                }
            }
            codes[i] = id;
        }
    }
    vhash_fini(&h);
    k->card = nv;
    if (status == 0 && sorted && nv > 1) {
        /* Rank the values; missing (code miss) goes last. */
        int32_t *idx = malloc((size_t)nv * sizeof *idx);
        k->tbl = malloc((size_t)nv * sizeof *k->tbl);
        if (!idx || !k->tbl) {
            free(idx);
            free(vals);
            return lt_nomem();
        }
        int64_t m = 0;
        for (int64_t c = 0; c < nv; c++) {
            if (c == miss)
                continue;
            vals[c] = f64 ? okey_f64(vals[c]) : okey_i64(vals[c]);
            idx[m++] = (int32_t)c;
        }
        status = radix_sort(vals, idx, m);
        for (int64_t j = 0; j < m; j++)
            k->tbl[idx[j]] = (int32_t)j;
        if (miss >= 0)
            k->tbl[miss] = (int32_t)m;
        free(idx);
    }
    free(vals);
    return status;
}

static int prep_key(key *k, bool sorted, int64_t nrow)
{
    const lt_col *c = k->side[0].c;
    switch (c->type) {
    case LT_STR: k->kind = K_STR; return prep_str(k, sorted);
    case LT_BOOL: k->kind = K_BOOL; return prep_bool(k);
    case LT_F64: return prep_hash(k, sorted, nrow);
    case LT_I64:
    case LT_TIME: break;
    }
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    bool any = false;
    for (int s = 0; s < k->nside; s++) {
        const lt_col *x = k->side[s].c;
        const int64_t *v = lt_col_i64(x);
        int64_t n = k->side[s].n;
        if (x->nmiss == n)
            continue;
        any = true;
        int64_t l = INT64_MAX, h = INT64_MIN;
        if (x->valid) {
            for (int64_t i = 0; i < n; i++)
                if (bit_get(x->valid, i)) {
                    l = v[i] < l ? v[i] : l;
                    h = v[i] > h ? v[i] : h;
                }
        } else {
            _Pragma("omp parallel for reduction(min: l) reduction(max: h) if (n >= PAR_MIN)")
            for (int64_t i = 0; i < n; i++) {
                l = v[i] < l ? v[i] : l;
                h = v[i] > h ? v[i] : h;
            }
        }
        lo = l < lo ? l : lo;
        hi = h > hi ? h : hi;
    }
    if (!any || (uint64_t)hi - (uint64_t)lo < direct_limit(nrow))
        return prep_range(k, lo, hi, any);
    return prep_hash(k, sorted, nrow);
}

/* acc[row] = acc[row] * k->card + code(row) over all rows of k (acc =
 * code for the first key), in 64 bits or, when acc32 is given, 32 bits. */
#define ACC(CODE)                                                         \
    do {                                                                  \
        if (acc32 && first) {                                             \
            PARFOR acc32[i] = (uint32_t)(CODE);                           \
        } else if (acc32) {                                               \
            PARFOR acc32[i] = acc32[i] * (uint32_t)card + (uint32_t)(CODE); \
        } else if (first) {                                               \
            PARFOR acc[i] = (uint64_t)(CODE);                             \
        } else {                                                          \
            PARFOR acc[i] = acc[i] * card + (uint64_t)(CODE);             \
        }                                                                 \
    } while (0)

static void add_codes(const key *k, uint64_t *acc0, uint32_t *acc32_0, bool first)
{
    const uint64_t card = (uint64_t)k->card;
    for (int s = 0; s < k->nside; s++) {
        const lt_col *c = k->side[s].c;
        const uint8_t *valid = c->valid;
        const int64_t n = k->side[s].n;
        uint64_t *acc = acc0 ? acc0 + k->side[s].off : NULL;
        uint32_t *acc32 = acc32_0 ? acc32_0 + k->side[s].off : NULL;
        const int32_t *tbl = k->kind == K_STR ? k->side[s].tbl : k->tbl;
        switch (k->kind) {
        case K_STR: {
            const int32_t *x = lt_col_codes(c);
            ACC(tbl[x[i] + 1]);
            break;
        }
        case K_BOOL: {
            const uint8_t *x = lt_col_bool(c);
            if (valid)
                ACC(tbl[bit_get(valid, i) ? x[i] + 1 : 0]);
            else
                ACC(tbl[x[i] + 1]);
            break;
        }
        case K_RANGE: {
            const int64_t *x = lt_col_i64(c);
            const int64_t base = k->base;
            if (valid)
                ACC(tbl[bit_get(valid, i) ? x[i] - base + 1 : 0]);
            else
                ACC(tbl[x[i] - base + 1]);
            break;
        }
        case K_HASH: {
            const int32_t *x = k->codes + k->side[s].off;
            if (tbl)
                ACC(tbl[x[i]]);
            else
                ACC(x[i]);
            break;
        }
        }
    }
}

/* ---- combined codes to group ids ------------------------------------------ */

static int too_many(void)
{
    return lt_seterr(LT_ERANGE, "more than %d groups: group ids do not fit 32 bits",
                     INT32_MAX);
}

/* Group ids of the n combined codes (each < card) into gid, numbered in
 * order of first appearance or of the codes (sorted); first[g] gets the
 * first row of group g when first is not NULL (unsorted only).  The codes
 * are acc (64 bits) or acc32 (32 bits, which may be gid itself: ids
 * replace codes in place; only for card <= direct_limit(n)).  Returns the
 * number of groups or a negative LT_E*. */
#define DIRECT_FIRST_SEEN(CODE)                                          \
    for (int64_t i = 0; i < n; i++) {                                   \
        uint64_t c = (CODE);                                            \
        int32_t g = tbl[c];                                             \
        if (g < 0) {                                                    \
            if (ng == INT32_MAX) {                                      \
                free(tbl);                                              \
                return too_many();                                      \
            }                                                           \
            g = tbl[c] = (int32_t)ng;                                   \
            if (first)                                                  \
                first[ng] = i;                                          \
            ng++;                                                       \
        }                                                               \
        gid[i] = g;                                                     \
    }

static int64_t densify(const uint64_t *acc, const uint32_t *acc32, int64_t n, uint64_t card,
                       bool sorted, int32_t *gid, int64_t *first)
{
    int64_t ng = 0;
    if (card <= direct_limit(n)) {
        int32_t *tbl = rows_malloc((size_t)card * sizeof *tbl);
        if (!tbl)
            return lt_nomem();
        memset(tbl, 0xff, (size_t)card * sizeof *tbl);
        if (!sorted && acc32) {
            DIRECT_FIRST_SEEN(acc32[i]);
        } else if (!sorted) {
            DIRECT_FIRST_SEEN(acc[i]);
        } else {
            if (acc32)
                for (int64_t i = 0; i < n; i++)
                    tbl[acc32[i]] = 0;
            else
                for (int64_t i = 0; i < n; i++)
                    tbl[acc[i]] = 0;
            for (uint64_t c = 0; c < card; c++) {
                if (tbl[c] < 0)
                    continue;
                if (ng == INT32_MAX) {
                    free(tbl);
                    return too_many();
                }
                tbl[c] = (int32_t)ng++;
            }
            if (acc32) {
                PARFOR gid[i] = tbl[acc32[i]];
            } else {
                PARFOR gid[i] = tbl[acc[i]];
            }
        }
        free(tbl);
        return ng;
    }
    vhash h;
    int64_t cap = 1024;
    uint64_t *vals = sorted ? malloc((size_t)cap * sizeof *vals) : NULL;
    if ((sorted && !vals) || vhash_init(&h, 1 << 16) < 0) {
        free(vals);
        return lt_nomem();
    }
    int64_t status = 0;
    for (int64_t i = 0; i < n; i++) {
        uint64_t slot;
        int32_t g = vhash_find(&h, acc[i], &slot);
        if (g < 0) {
            if (ng == INT32_MAX) {
                status = too_many();
                break;
            }
            if (sorted && ng == cap) {
                uint64_t *nv = realloc(vals, (size_t)cap * 2 * sizeof *vals);
                if (!nv) {
                    status = lt_nomem();
                    break;
                }
                vals = nv;
                cap *= 2;
            }
            g = (int32_t)ng;
            if (sorted)
                vals[ng] = acc[i];
            if (first)
                first[ng] = i;
            ng++;
            if (vhash_put(&h, slot, acc[i], g) < 0) {
                status = LT_ENOMEM;
                break;
            }
        }
        gid[i] = g;
    }
    vhash_fini(&h);
    if (status == 0 && sorted) {
        int32_t *idx = malloc((size_t)(ng ? ng : 1) * sizeof *idx);
        int32_t *perm = malloc((size_t)(ng ? ng : 1) * sizeof *perm);
        if (!idx || !perm) {
            status = lt_nomem();
        } else {
            for (int64_t g = 0; g < ng; g++)
                idx[g] = (int32_t)g;
            status = radix_sort(vals, idx, ng);
            for (int64_t j = 0; j < ng; j++)
                perm[idx[j]] = (int32_t)j;
            PARFOR gid[i] = perm[gid[i]];
        }
        free(idx);
        free(perm);
    }
    free(vals);
    return status < 0 ? status : ng;
}

/* ---- building ------------------------------------------------------------- */

void lt_groups_free(lt_groups *g)
{
    if (!g)
        return;
    free(g->gid);
    free(g->first);
    free(g->start);
    free(g->order);
    free(g);
}

/* build_rows (below) on one thread with renumbering, for many codes
 * (random access dominates): a code's cursor and id side by side in one
 * table of int32 (rows fit int32), so that each row touches one place. */
static int renumber_rows(lt_groups *g, uint64_t card)
{
    int64_t n = g->nrow;
    int32_t *tab = rows_calloc((size_t)card * 2, sizeof *tab);
    if (!tab)
        return lt_nomem();
    int32_t *gid = g->gid;
    int64_t *start = g->start, *order = g->order;
    for (int64_t i = 0; i < n; i++)
        tab[2 * (size_t)(uint32_t)gid[i]]++;
    int32_t ng = 0, pos = 0;
    for (uint64_t k = 0; k < card; k++) {
        int32_t m = tab[2 * k];
        if (m == 0)
            continue;
        tab[2 * k] = pos;
        tab[2 * k + 1] = ng;
        start[ng++] = pos;
        pos += m;
    }
    start[ng] = pos;
    for (int64_t i = 0; i < n; i++) {
        int32_t *e = &tab[2 * (size_t)(uint32_t)gid[i]];
        order[e[0]++] = i;
        gid[i] = e[1];
    }
    free(tab);
    g->ngroups = ng;
    int64_t *st = realloc(start, ((size_t)ng + 1) * sizeof *st);
    if (st)
        g->start = st;
    return 0;
}

/* start/order by a counting sort of the rows by their code gid[i] < card
 * (stable: rows in row order within each group).  With `renumber`, the
 * codes are not yet ids: those present become ids 0, 1 ... in code order,
 * written over gid in the same pass, and ngroups is set (this numbers
 * sorted groups and lays out their rows at once); else the codes are the
 * ids 0..ngroups-1.  Big inputs split the rows into one chunk per thread,
 * each counted and scattered with its own cursors after the chunks before
 * it, so the result is the same whatever the threads. */
static int build_rows(lt_groups *g, uint64_t card, bool renumber)
{
    int64_t n = g->nrow;
    uint64_t maxg = renumber ? (card < (uint64_t)n ? card : (uint64_t)n) : (uint64_t)g->ngroups;
    g->start = rows_malloc(((size_t)maxg + 1) * sizeof *g->start);
    g->order = rows_malloc((size_t)n * sizeof *g->order);
    if (!g->start || !g->order)
        return lt_nomem();
    int nt = n >= PAR_MIN ? omp_get_max_threads() : 1;
    if (nt > 1 && card * (uint64_t)nt > (uint64_t)n)
        nt = 1;   /* the counts of many small groups cost more than they save */
    if (nt == 1 && renumber && n <= INT32_MAX)
        return renumber_rows(g, card);
    int64_t *cnt = rows_calloc((size_t)nt * (size_t)(card ? card : 1), sizeof *cnt);
    int32_t *id = renumber ? rows_malloc((size_t)card * sizeof *id) : NULL;
    if (!cnt || (renumber && !id)) {
        free(cnt);
        return lt_nomem();
    }
    int32_t *gid = g->gid;
    int64_t *start = g->start, *order = g->order;
    int64_t ng = 0;
    int used = nt;
    #pragma omp parallel num_threads(nt) if (nt > 1)
    {
        #pragma omp single
        used = omp_get_num_threads();
        int t = omp_get_thread_num();
        int64_t lo = n / used * t + (t < n % used ? t : n % used);
        int64_t hi = lo + n / used + (t < n % used);
        int64_t *c = cnt + (size_t)t * (size_t)card;
        for (int64_t i = lo; i < hi; i++)
            c[(uint32_t)gid[i]]++;
        #pragma omp barrier
        #pragma omp single
        {
            int64_t pos = 0;
            for (uint64_t k = 0; k < card; k++) {
                int64_t begin = pos;
                for (int u = 0; u < used; u++) {
                    int64_t m = cnt[(size_t)u * (size_t)card + k];
                    cnt[(size_t)u * (size_t)card + k] = pos;
                    pos += m;
                }
                if (renumber && pos == begin)
                    continue;   /* a combination that does not occur */
                start[ng] = begin;
                if (renumber)
                    id[k] = (int32_t)ng;
                ng++;
            }
            start[ng] = pos;
        }
        if (renumber) {
            for (int64_t i = lo; i < hi; i++) {
                uint32_t k = (uint32_t)gid[i];
                order[c[k]++] = i;
                gid[i] = id[k];
            }
        } else {
            for (int64_t i = lo; i < hi; i++)
                order[c[(uint32_t)gid[i]]++] = i;
        }
    }
    free(cnt);
    free(id);
    if (renumber) {
        g->ngroups = ng;
        int64_t *st = realloc(start, ((size_t)ng + 1) * sizeof *st);
        if (st)
            g->start = st;
    }
    return 0;
}

static lt_groups *build(lt_col *const *a, lt_col *const *b, int nkeys, int64_t na, int64_t nb,
                        int flags)
{
    bool sorted = flags & LT_GROUPS_SORTED;
    bool first_later = false;   /* first[] from the ids, after numbering */
    bool rows_done = false;     /* start and order are built */
    int64_t n = na + nb;
    lt_groups *g = calloc(1, sizeof *g);
    key *keys = calloc((size_t)(nkeys ? nkeys : 1), sizeof *keys);
    uint64_t *acc = NULL;
    int status = 0;
    if (!g || !keys) {
        status = lt_nomem();
        goto done;
    }
    g->nrow = n;
    g->gid = rows_malloc((size_t)n * sizeof *g->gid);
    g->first = rows_malloc((size_t)n * sizeof *g->first);
    if (!g->gid || !g->first) {
        status = lt_nomem();
        goto done;
    }
    if (n == 0) {
        g->ngroups = 0;
    } else if (nkeys == 0) {
        g->ngroups = 1;
        memset(g->gid, 0, (size_t)n * sizeof *g->gid);
        g->first[0] = 0;
    } else {
        for (int j = 0; j < nkeys; j++) {
            key *k = &keys[j];
            k->nside = nb > 0 ? 2 : 1;
            k->side[0].c = a[j];
            k->side[0].n = na;
            if (nb > 0) {
                k->side[1].c = b[j];
                k->side[1].off = na;
                k->side[1].n = nb;
            }
            if ((status = prep_key(k, sorted, n)) < 0)
                goto done;
        }
        uint64_t prod = 1;
        for (int j = 0; j < nkeys; j++) {
            uint64_t kc = (uint64_t)keys[j].card;
            prod = prod > UINT64_MAX / kc ? UINT64_MAX : prod * kc;
        }
        int64_t ng;
        if (prod <= direct_limit(n) && prod <= UINT32_MAX) {
            /* The common case: combined codes fit 32 bits and index a
             * table; they are built in gid and replaced by the ids. */
            uint32_t *acc32 = (uint32_t *)g->gid;
            for (int j = 0; j < nkeys; j++)
                add_codes(&keys[j], NULL, acc32, j == 0);
            if (sorted && !(flags & LT_GROUPS_NO_ROWS) && n <= INT32_MAX) {
                /* Number the groups and lay out their rows in one counting
                 * sort of the codes. */
                if ((status = build_rows(g, prod, true)) < 0)
                    goto done;
                ng = g->ngroups;
                rows_done = true;
            } else if (nkeys == 1 && (sorted || keys[0].kind == K_HASH)) {
                /* The codes of one key are dense, and in key order when
                 * sorted (hashed ones in order of first appearance else):
                 * they are the ids. */
                ng = (int64_t)prod;
                if (ng > INT32_MAX) {
                    status = too_many();
                    goto done;
                }
                first_later = true;
            } else {
                ng = densify(NULL, acc32, n, prod, sorted, g->gid, sorted ? NULL : g->first);
            }
        } else {
            acc = rows_malloc((size_t)n * sizeof *acc);
            if (!acc) {
                status = lt_nomem();
                goto done;
            }
            /* Combine key by key; when the product would not fit (many
             * keys of many values), densify what is combined so far
             * first: its ids are at most n. */
            uint64_t card = 0;
            for (int j = 0; j < nkeys; j++) {
                uint64_t kc = (uint64_t)keys[j].card;
                if (j > 0 && card > UINT64_MAX / kc) {
                    ng = densify(acc, NULL, n, card, sorted, g->gid, NULL);
                    if (ng < 0) {
                        status = (int)ng;
                        goto done;
                    }
                    PARFOR acc[i] = (uint64_t)g->gid[i];
                    card = (uint64_t)ng;
                }
                add_codes(&keys[j], acc, NULL, j == 0);
                card = j == 0 ? kc : card * kc;
            }
            ng = densify(acc, NULL, n, card, sorted, g->gid, sorted ? NULL : g->first);
        }
        if (ng < 0) {
            status = (int)ng;
            goto done;
        }
        g->ngroups = ng;
    }
    if (!(flags & LT_GROUPS_NO_ROWS) && !rows_done
        && (status = build_rows(g, (uint64_t)g->ngroups, false)) < 0)
        goto done;
    if ((sorted || first_later) && g->ngroups > 0) {
        if (g->order) {
            for (int64_t k = 0; k < g->ngroups; k++)
                g->first[k] = g->order[g->start[k]];
        } else {
            memset(g->first, 0xff, (size_t)g->ngroups * sizeof *g->first);
            for (int64_t i = n - 1; i >= 0; i--)
                g->first[g->gid[i]] = i;
        }
    }
    int64_t *first = realloc(g->first, (size_t)(g->ngroups ? g->ngroups : 1) * sizeof *first);
    if (first)
        g->first = first;
done:
    for (int j = 0; keys && j < nkeys; j++)
        key_fini(&keys[j]);
    free(keys);
    free(acc);
    if (status < 0) {
        lt_groups_free(g);
        return NULL;
    }
    return g;
}

/* The message for a[k] / b[k] of incompatible types, or 0. */
static int check_pair(const lt_col *x, const lt_col *y, int k)
{
    if (x->type == y->type)
        return 0;
    return lt_seterr(LT_ETYPE, "key %d is %s in the first table and %s in the second; "
                     "expected one type", k + 1, lt_type_name(x->type), lt_type_name(y->type));
}

lt_groups *lt_groups_new2(lt_col *const *a, lt_col *const *b, int nkeys, int64_t na,
                          int64_t nb, int flags)
{
    if (nkeys < 0 || na < 0 || nb < 0 || (nkeys > 0 && (!a || (nb > 0 && !b)))) {
        lt_seterr(LT_EINVAL, "groups: bad arguments (nkeys %d, rows %lld and %lld)", nkeys,
                  (long long)na, (long long)nb);
        return NULL;
    }
    for (int k = 0; k < nkeys; k++) {
        if (a[k]->n != na || (nb > 0 && b[k]->n != nb)) {
            lt_seterr(LT_ELENGTH, "key %d has %lld values, expected %lld", k + 1,
                      (long long)(a[k]->n != na ? a[k]->n : b[k]->n),
                      (long long)(a[k]->n != na ? na : nb));
            return NULL;
        }
        if (nb > 0 && check_pair(a[k], b[k], k) < 0)
            return NULL;
    }
    return build(a, b, nkeys, na, nb, flags);
}

lt_groups *lt_groups_new(lt_col *const *keys, int nkeys, bool sorted)
{
    if (nkeys <= 0 || !keys) {
        lt_seterr(LT_EINVAL, "groups: no key columns (lt_groups_new2 with a row count "
                  "makes one group of all rows)");
        return NULL;
    }
    for (int k = 1; k < nkeys; k++)
        if (keys[k]->n != keys[0]->n) {
            lt_seterr(LT_ELENGTH, "key %d has %lld values, expected %lld as key 1", k + 1,
                      (long long)keys[k]->n, (long long)keys[0]->n);
            return NULL;
        }
    return build(keys, NULL, nkeys, keys[0]->n, 0, sorted ? LT_GROUPS_SORTED : 0);
}

void lt_groups_ctx(const lt_groups *g, lt_fn_ctx *ctx)
{
    ctx->nrow = g->nrow;
    ctx->ngroups = g->ngroups;
    ctx->gid = g->gid;
    ctx->start = g->start;
    ctx->order = g->order;
}

/* ---- distinct ------------------------------------------------------------- */

lt_frame *lt_frame_distinct(const lt_frame *f, const int *cols, int ncols)
{
    int nk = ncols > 0 ? ncols : f->ncol;
    lt_col **keys = malloc((size_t)(nk ? nk : 1) * sizeof *keys);
    if (!keys) {
        lt_nomem();
        return NULL;
    }
    for (int k = 0; k < nk; k++) {
        int i = ncols > 0 ? cols[k] : k;
        if (i < 0 || i >= f->ncol) {
            free(keys);
            lt_seterr(LT_EINVAL, "distinct: column index %d is outside a frame of %d columns",
                      i + 1, f->ncol);
            return NULL;
        }
        keys[k] = f->cols[i];
    }
    lt_groups *g = lt_groups_new2(keys, NULL, nk, f->nrow, 0, LT_GROUPS_NO_ROWS);
    free(keys);
    if (!g)
        return NULL;
    lt_frame *r = g->ngroups == f->nrow ? lt_frame_copy(f)
                                        : lt_frame_take(f, g->first, g->ngroups);
    lt_groups_free(g);
    return r;
}
