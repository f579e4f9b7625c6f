/* Random rows of a frame (see sample.h): sampling with and without
 * replacement, and train/test splits, plain or stratified. */
#include "sample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rng.h"

/* x rounded to the nearest integer, halves to even (x >= 0, < 2^53). */
static int64_t round_even(double x)
{
    double r = floor(x), d = x - r;
    if (d > 0.5 || (d == 0.5 && fmod(r, 2) != 0))
        r += 1;
    return (int64_t)r;
}

/* Move k random entries of a[0..n) to a[0..k), in the order drawn: the
 * first k steps of a forward Fisher-Yates shuffle. */
static void draw(lt_rng *r, int64_t *a, int64_t n, int64_t k)
{
    for (int64_t i = 0; i < k; i++) {
        int64_t j = i + (int64_t)lt_rng_below(r, (uint64_t)(n - i));
        int64_t t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

lt_frame *lt_frame_sample(const lt_frame *f, int64_t n, double frac, bool replace,
                          uint64_t seed)
{
    int64_t nrow = f->nrow;
    if (n < 0) {
        if (!(frac >= 0)) {
            lt_seterr(LT_EINVAL, "sample: frac = %g is not a fraction of the rows; "
                      "expected a number from 0, such as 0.1", frac);
            return NULL;
        }
        if (!replace && frac > 1) {
            lt_seterr(LT_EINVAL, "sample: frac = %g is above 1; expected at most 1 without "
                      "replacement", frac);
            return NULL;
        }
        if (frac * (double)nrow >= 0x1p53) {
            lt_seterr(LT_EINVAL, "sample: frac = %g asks for too many rows", frac);
            return NULL;
        }
        n = round_even(frac * (double)nrow);
    }
    if (n > 0 && nrow == 0) {
        lt_seterr(LT_EINVAL, "sample: cannot sample %lld rows from a frame of no rows",
                  (long long)n);
        return NULL;
    }
    if (!replace && n > nrow) {
        lt_seterr(LT_EINVAL, "sample: cannot sample %lld rows from %lld without replacement",
                  (long long)n, (long long)nrow);
        return NULL;
    }
    lt_rng r;
    lt_rng_seed(&r, seed);
    size_t len = (size_t)(replace ? n : nrow);
    int64_t *idx = malloc((len ? len : 1) * sizeof *idx);
    if (!idx) {
        lt_nomem();
        return NULL;
    }
    if (replace) {
        for (int64_t i = 0; i < n; i++)
            idx[i] = (int64_t)lt_rng_below(&r, (uint64_t)nrow);
    } else {
        for (int64_t i = 0; i < nrow; i++)
            idx[i] = i;
        draw(&r, idx, nrow, n);
    }
    lt_frame *out = lt_frame_take(f, idx, n);
    free(idx);
    return out;
}

/* ---- strata ------------------------------------------------------------- */

/* Open addressing from 64-bit keys to group ids. */
typedef struct keymap {
    uint64_t *keys;
    int32_t *gids;   /* -1: empty slot */
    uint64_t mask;
    int64_t used;
} keymap;

static int keymap_init(keymap *m, uint64_t nslots)
{
    m->keys = malloc(nslots * sizeof *m->keys);
    m->gids = malloc(nslots * sizeof *m->gids);
    m->mask = nslots - 1;
    m->used = 0;
    if (!m->keys || !m->gids) {
        free(m->keys);
        free(m->gids);
        return lt_nomem();
    }
    memset(m->gids, 0xff, nslots * sizeof *m->gids);
    return 0;
}

static uint64_t slot_of(const keymap *m, uint64_t key)
{
    uint64_t h = key * UINT64_C(0x9E3779B97F4A7C15);
    uint64_t i = (h ^ (h >> 29)) & m->mask;
    while (m->gids[i] >= 0 && m->keys[i] != key)
        i = (i + 1) & m->mask;
    return i;
}

/* The group of key, a new one (*ngroups) when absent; < 0 on failure. */
static int32_t keymap_get(keymap *m, uint64_t key, int32_t *ngroups)
{
    uint64_t i = slot_of(m, key);
    if (m->gids[i] >= 0)
        return m->gids[i];
    if ((uint64_t)(m->used + 1) * 2 > m->mask + 1) {
        keymap big;
        if (keymap_init(&big, (m->mask + 1) * 2) < 0)
            return LT_ENOMEM;
        for (uint64_t s = 0; s <= m->mask; s++)
            if (m->gids[s] >= 0) {
                uint64_t t = slot_of(&big, m->keys[s]);
                big.keys[t] = m->keys[s];
                big.gids[t] = m->gids[s];
            }
        big.used = m->used;
        free(m->keys);
        free(m->gids);
        *m = big;
        i = slot_of(m, key);
    }
    m->keys[i] = key;
    m->used++;
    return m->gids[i] = (*ngroups)++;
}

/* The key of row i of a non-str, non-bool column (not missing). */
static uint64_t key_of(const lt_col *c, int64_t i)
{
    if (c->type == LT_F64) {
        double v = lt_col_f64(c)[i];
        if (v == 0)
            v = 0;   /* -0 and 0 are one stratum */
        uint64_t k;
        memcpy(&k, &v, sizeof k);
        return k;
    }
    return (uint64_t)lt_col_i64(c)[i];
}

/* Stratum ids of c's rows into gid (0, 1, ... in the order of first
 * appearance; missing values are one stratum); the count in *ngroups. */
static int strata(const lt_col *c, int32_t *gid, int32_t *ngroups)
{
    int64_t n = c->n;
    int32_t ng = 0, na_gid = -1;
    if (c->type == LT_STR || c->type == LT_BOOL) {
        /* A direct table: slot 0 for missing, then codes (or false, true). */
        size_t nslots = c->type == LT_STR ? (size_t)lt_dict_size(c->dict) + 1 : 3;
        int32_t *map = malloc(nslots * sizeof *map);
        if (!map)
            return lt_nomem();
        memset(map, 0xff, nslots * sizeof *map);
        for (int64_t i = 0; i < n; i++) {
            size_t s = lt_col_is_na(c, i) ? 0
                       : c->type == LT_STR ? (size_t)lt_col_codes(c)[i] + 1
                                           : (size_t)lt_col_bool(c)[i] + 1;
            if (map[s] < 0)
                map[s] = ng++;
            gid[i] = map[s];
        }
        free(map);
        *ngroups = ng;
        return 0;
    }
    keymap m;
    if (keymap_init(&m, 1024) < 0)
        return LT_ENOMEM;
    for (int64_t i = 0; i < n; i++) {
        if (lt_col_is_na(c, i)) {
            if (na_gid < 0)
                na_gid = ng++;
            gid[i] = na_gid;
            continue;
        }
        int32_t g = keymap_get(&m, key_of(c, i), &ng);
        if (g < 0) {
            free(m.keys);
            free(m.gids);
            return LT_ENOMEM;
        }
        gid[i] = g;
    }
    free(m.keys);
    free(m.gids);
    *ngroups = ng;
    return 0;
}

/* ---- split -------------------------------------------------------------- */

/* Rows of a stratum of n rows that go to train. */
static int64_t train_rows(double frac, int64_t n)
{
    int64_t k = round_even(frac * (double)n);
    if (n >= 2)
        k = k < 1 ? 1 : k > n - 1 ? n - 1 : k;
    return k;
}

/* The rows of f where in_train[i] == want, in order. */
static lt_frame *pick(const lt_frame *f, const uint8_t *in_train, uint8_t want, int64_t *idx)
{
    int64_t k = 0;
    for (int64_t i = 0; i < f->nrow; i++)
        if (in_train[i] == want)
            idx[k++] = i;
    return lt_frame_take(f, idx, k);
}

int lt_frame_split(const lt_frame *f, double frac, const char *strat_col, uint64_t seed,
                   lt_frame **train, lt_frame **test)
{
    *train = *test = NULL;
    if (!(frac > 0 && frac < 1))
        return lt_seterr(LT_EINVAL, "split: frac = %g is outside (0, 1); expected the "
                         "fraction of rows for train, such as 0.8", frac);
    const lt_col *sc = NULL;
    if (strat_col) {
        sc = lt_frame_col(f, strat_col);
        if (!sc) {
            const char *s = lt_frame_suggest(f, strat_col);
            if (s)
                return lt_seterr(LT_EINVAL, "split: stratify column '%s' not found "
                                 "(did you mean '%s'?)", strat_col, s);
            return lt_seterr(LT_EINVAL, "split: stratify column '%s' not found", strat_col);
        }
    }
    int64_t n = f->nrow;
    if (n == 0)
        return lt_seterr(LT_EINVAL, "split: cannot split a frame of no rows");

    int status = 0;
    int32_t *gid = malloc((size_t)n * sizeof *gid);
    int64_t *rows = malloc((size_t)n * sizeof *rows);
    uint8_t *in_train = calloc((size_t)n, 1);
    int64_t *start = NULL;
    int32_t ng = 1;
    if (!gid || !rows || !in_train) {
        status = lt_nomem();
        goto done;
    }
    if (sc) {
        if ((status = strata(sc, gid, &ng)) < 0)
            goto done;
    } else {
        memset(gid, 0, (size_t)n * sizeof *gid);
    }
    /* Counting sort of the rows by stratum, frame order within each. */
    start = calloc((size_t)ng + 1, sizeof *start);
    if (!start) {
        status = lt_nomem();
        goto done;
    }
    for (int64_t i = 0; i < n; i++)
        start[gid[i] + 1]++;
    for (int32_t g = 0; g < ng; g++)
        start[g + 1] += start[g];
    for (int64_t i = 0; i < n; i++)
        rows[start[gid[i]]++] = i;
    for (int32_t g = ng; g > 0; g--)   /* start[g] is now the end of g: shift back */
        start[g] = start[g - 1];
    start[0] = 0;

    lt_rng r;
    lt_rng_seed(&r, seed);
    for (int32_t g = 0; g < ng; g++) {
        int64_t *seg = rows + start[g], len = start[g + 1] - start[g];
        int64_t k = train_rows(frac, len);
        draw(&r, seg, len, k);
        for (int64_t i = 0; i < k; i++)
            in_train[seg[i]] = 1;
    }
    /* rows is free again: reuse it for the row numbers of each side. */
    *train = pick(f, in_train, 1, rows);
    *test = *train ? pick(f, in_train, 0, rows) : NULL;
    if (!*train || !*test) {
        status = lt_errcode();
        lt_frame_free(*train);
        lt_frame_free(*test);
        *train = *test = NULL;
        goto done;
    }
done:
    free(gid);
    free(rows);
    free(in_train);
    free(start);
    return status;
}
