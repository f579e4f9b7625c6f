/* Columns and string dictionaries: allocation, building, reference
 * counting, and the row-wise copies (slice, take, compress) every verb
 * needs.  See column.h for the memory layout. */
#include "column.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- string dictionaries ------------------------------------------------ */

struct lt_dict {
    int refs;
    int32_t size;     /* number of strings */
    int32_t cap;      /* capacity of off/hash (in strings) */
    int64_t *off;     /* off[i]: start of string i in pool; off[size]: pool end */
    uint64_t *hash;   /* hash of string i, kept for rehashing */
    char *pool;       /* strings, each followed by a NUL */
    size_t pool_cap;
    int32_t *slots;   /* open addressing: code, or -1 for empty */
    uint64_t mask;    /* number of slots - 1 (a power of two minus one) */
};

/* A fast 64-bit hash of a byte string: 8 bytes per step, multiply-mix. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15u;
    uint64_t h = 0xCBF29CE484222325u ^ (len * k);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
        s += 8;
        len -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, len);
    h = (h ^ w) * k;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93u;
    h ^= h >> 32;
    return h;
}

lt_dict *lt_dict_new(void)
{
    lt_dict *d = calloc(1, sizeof *d);
    if (!d)
        goto fail;
    d->refs = 1;
    d->cap = 16;
    d->off = malloc((size_t)(d->cap + 1) * sizeof *d->off);
    d->hash = malloc((size_t)d->cap * sizeof *d->hash);
    d->pool_cap = 256;
    d->pool = malloc(d->pool_cap);
    d->mask = 31;
    d->slots = malloc((d->mask + 1) * sizeof *d->slots);
    if (!d->off || !d->hash || !d->pool || !d->slots) {
        lt_dict_unref(d);
        goto fail;
    }
    d->off[0] = 0;
    memset(d->slots, 0xff, (d->mask + 1) * sizeof *d->slots);
    return d;
fail:
    lt_nomem();
    return NULL;
}

lt_dict *lt_dict_ref(lt_dict *d)
{
    d->refs++;
    return d;
}

void lt_dict_unref(lt_dict *d)
{
    if (!d || --d->refs > 0)
        return;
    free(d->off);
    free(d->hash);
    free(d->pool);
    free(d->slots);
    free(d);
}

int32_t lt_dict_size(const lt_dict *d) { return d->size; }

const char *lt_dict_str(const lt_dict *d, int32_t code, size_t *len)
{
    if (len)
        *len = (size_t)(d->off[code + 1] - d->off[code] - 1);
    return d->pool + d->off[code];
}

static int32_t probe(const lt_dict *d, const char *s, size_t len, uint64_t h,
                     uint64_t *slot)
{
    uint64_t i = h & d->mask;
    for (;;) {
        int32_t code = d->slots[i];
        if (code < 0) {
            *slot = i;
            return -1;
        }
        if (d->hash[code] == h
            && (size_t)(d->off[code + 1] - d->off[code] - 1) == len
            && memcmp(d->pool + d->off[code], s, len) == 0)
            return code;
        i = (i + 1) & d->mask;
    }
}

int32_t lt_dict_find(const lt_dict *d, const char *s, size_t len)
{
    if (len == 0)
        s = "";   /* callers may pass NULL for the empty string */
    uint64_t slot;
    return probe(d, s, len, hash_bytes(s, len), &slot);
}

/* Double the slot table and reinsert every code (hashes are kept). */
static int rehash(lt_dict *d)
{
    uint64_t nmask = d->mask * 2 + 1;
    int32_t *slots = malloc((nmask + 1) * sizeof *slots);
    if (!slots)
        return lt_nomem();
    memset(slots, 0xff, (nmask + 1) * sizeof *slots);
    for (int32_t c = 0; c < d->size; c++) {
        uint64_t i = d->hash[c] & nmask;
        while (slots[i] >= 0)
            i = (i + 1) & nmask;
        slots[i] = c;
    }
    free(d->slots);
    d->slots = slots;
    d->mask = nmask;
    return 0;
}

static int grow(void **p, size_t elem, size_t need, size_t *cap)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *q = realloc(*p, ncap * elem);
    if (!q)
        return lt_nomem();
    *p = q;
    *cap = ncap;
    return 0;
}

int32_t lt_dict_intern(lt_dict *d, const char *s, size_t len)
{
    if (len == 0)
        s = "";   /* callers may pass NULL for the empty string */
    uint64_t h = hash_bytes(s, len), slot;
    int32_t code = probe(d, s, len, h, &slot);
    if (code >= 0)
        return code;
    if (d->size == INT32_MAX)
        return lt_seterr(LT_ENOMEM, "too many distinct strings in one column (limit %d)",
                         INT32_MAX);
    size_t used = (size_t)d->off[d->size];
    size_t cap = (size_t)d->cap;
    if (grow((void **)&d->pool, 1, used + len + 1, &d->pool_cap) < 0)
        return LT_ENOMEM;
    if ((size_t)d->size + 1 >= cap) {
        size_t hcap = cap;
        if (grow((void **)&d->hash, sizeof *d->hash, cap * 2, &hcap) < 0)
            return LT_ENOMEM;
        size_t ocap = cap + 1;
        if (grow((void **)&d->off, sizeof *d->off, cap * 2 + 1, &ocap) < 0)
            return LT_ENOMEM;
        d->cap = (int32_t)(cap * 2 > INT32_MAX ? INT32_MAX : cap * 2);
    }
    memcpy(d->pool + used, s, len);
    d->pool[used + len] = '\0';
    code = d->size++;
    d->off[d->size] = (int64_t)(used + len + 1);
    d->hash[code] = h;
    d->slots[slot] = code;
    if ((uint64_t)d->size * 4 > (d->mask + 1) * 3 && rehash(d) < 0) {
        /* The string is stored but unreachable by hashing: undo it. */
        d->slots[slot] = -1;
        d->size--;
        return LT_ENOMEM;
    }
    return code;
}

/* ---- columns ------------------------------------------------------------ */

static size_t elem_size(lt_type t)
{
    switch (t) {
    case LT_F64: return sizeof(double);
    case LT_I64:
    case LT_TIME: return sizeof(int64_t);
    case LT_BOOL: return 1;
    case LT_STR: return sizeof(int32_t);
    }
    return 8;
}

static size_t bitmap_bytes(int64_t n) { return (size_t)(n + 7) / 8; }

lt_col *lt_col_new(lt_type type, int64_t n)
{
    if (n < 0) {
        lt_seterr(LT_EINVAL, "column length %lld is negative", (long long)n);
        return NULL;
    }
    lt_col *c = calloc(1, sizeof *c);
    if (!c || !(c->data = calloc(n ? (size_t)n : 1, elem_size(type)))) {
        free(c);
        lt_nomem();
        return NULL;
    }
    c->type = type;
    c->tkind = LT_DATETIME;
    c->n = n;
    c->refs = 1;
    return c;
}

lt_col *lt_col_new_str(int64_t n, lt_dict *dict)
{
    lt_col *c = lt_col_new(LT_STR, n);
    if (c)
        c->dict = lt_dict_ref(dict);
    return c;
}

int lt_col_set_na(lt_col *c, int64_t i)
{
    switch (c->type) {
    case LT_F64:
        lt_col_f64(c)[i] = NAN;
        return 0;
    case LT_I64:
    case LT_TIME: lt_col_i64(c)[i] = 0; break;
    case LT_BOOL: lt_col_bool(c)[i] = 0; break;
    case LT_STR: lt_col_codes(c)[i] = -1; break;
    }
    if (!c->valid) {
        c->valid = malloc(bitmap_bytes(c->n));
        if (!c->valid)
            return lt_nomem();
        memset(c->valid, 0xff, bitmap_bytes(c->n));
    }
    c->valid[i >> 3] &= (uint8_t)~(1u << (i & 7));
    return 0;
}

lt_col *lt_col_finish(lt_col *c)
{
    int64_t miss = 0;
    if (c->type == LT_F64) {
        const double *v = lt_col_f64(c);
        for (int64_t i = 0; i < c->n; i++)
            miss += v[i] != v[i];
    } else if (c->valid) {
        int64_t full = c->n / 8;
        for (int64_t b = 0; b < full; b++)
            miss += 8 - __builtin_popcount(c->valid[b]);
        for (int64_t i = full * 8; i < c->n; i++)
            miss += !((c->valid[i >> 3] >> (i & 7)) & 1);
        if (miss == 0) {
            free(c->valid);
            c->valid = NULL;
        }
    }
    c->nmiss = miss;
    return c;
}

lt_col *lt_col_done(lt_col *c, int status)
{
    if (status < 0) {
        lt_col_unref(c);
        return NULL;
    }
    return lt_col_finish(c);
}

lt_col *lt_col_new_na(lt_type t, lt_time_kind k, int64_t n)
{
    lt_col *r;
    if (t == LT_STR) {
        lt_dict *d = lt_dict_new();
        if (!d)
            return NULL;
        r = lt_col_new_str(n, d);
        lt_dict_unref(d);
    } else {
        r = lt_col_new(t, n);
    }
    if (!r)
        return NULL;
    r->tkind = k;
    int status = 0;
    for (int64_t i = 0; i < n && status == 0; i++)
        status = lt_col_set_na(r, i);
    return lt_col_done(r, status);
}

lt_col *lt_col_ref(lt_col *c)
{
    c->refs++;
    return c;
}

void lt_col_unref(lt_col *c)
{
    if (!c || --c->refs > 0)
        return;
    free(c->data);
    free(c->valid);
    lt_dict_unref(c->dict);
    free(c);
}

double lt_col_get_num(const lt_col *c, int64_t i)
{
    if (lt_col_is_na(c, i))
        return NAN;
    switch (c->type) {
    case LT_F64: return lt_col_f64(c)[i];
    case LT_I64:
    case LT_TIME: return (double)lt_col_i64(c)[i];
    case LT_BOOL: return lt_col_bool(c)[i];
    case LT_STR: return NAN;
    }
    return NAN;
}

const char *lt_col_get_str(const lt_col *c, int64_t i, size_t *len)
{
    if (c->type != LT_STR || lt_col_is_na(c, i))
        return NULL;
    return lt_dict_str(c->dict, lt_col_codes(c)[i], len);
}

const char *lt_type_name(lt_type t)
{
    static const char *const names[] = { "f64", "i64", "bool", "str", "time" };
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

const char *lt_col_type_label(const lt_col *c)
{
    if (c->type == LT_TIME)
        return c->tkind == LT_DATE ? "date" : "datetime";
    return lt_type_name(c->type);
}

int lt_type_parse(const char *name, lt_type *t, lt_time_kind *kind)
{
    static const struct { const char *name; lt_type type; lt_time_kind kind; } table[] = {
        { "f64", LT_F64, 0 }, { "float", LT_F64, 0 }, { "double", LT_F64, 0 },
        { "i64", LT_I64, 0 }, { "int", LT_I64, 0 }, { "integer", LT_I64, 0 },
        { "bool", LT_BOOL, 0 }, { "str", LT_STR, 0 }, { "string", LT_STR, 0 },
        { "time", LT_TIME, LT_DATETIME }, { "datetime", LT_TIME, LT_DATETIME },
        { "date", LT_TIME, LT_DATE },
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(name, table[i].name) == 0) {
            *t = table[i].type;
            if (kind)
                *kind = table[i].type == LT_TIME ? table[i].kind : LT_DATETIME;
            return 0;
        }
    return lt_seterr(LT_EINVAL,
                     "unknown type '%s' (expected f64, i64, bool, str, date or datetime)",
                     name);
}

/* An empty column shaped like c (same type, kind, dictionary). */
static lt_col *new_like(const lt_col *c, int64_t n)
{
    lt_col *r = c->type == LT_STR ? lt_col_new_str(n, c->dict) : lt_col_new(c->type, n);
    if (r)
        r->tkind = c->tkind;
    return r;
}

static bool bit_get(const uint8_t *bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

lt_col *lt_col_slice(const lt_col *c, int64_t off, int64_t len)
{
    if (off < 0 || len < 0 || off > c->n || len > c->n - off) {
        lt_seterr(LT_EINVAL, "slice [%lld, %lld) is outside a column of %lld values",
                  (long long)off, (long long)(off + len), (long long)c->n);
        return NULL;
    }
    lt_col *r = new_like(c, len);
    if (!r)
        return NULL;
    size_t es = elem_size(c->type);
    memcpy(r->data, (const char *)c->data + (size_t)off * es, (size_t)len * es);
    if (c->valid)
        for (int64_t i = 0; i < len; i++)
            if (!bit_get(c->valid, off + i) && lt_col_set_na(r, i) < 0) {
                lt_col_unref(r);
                return NULL;
            }
    return lt_col_finish(r);
}

/* Below this many rows the gathers of lt_col_take stay on one thread. */
enum { TAKE_PAR_MIN = 1 << 16 };

/* out[i] = x[idx[i]] for every type width, `miss` where idx[i] < 0. */
#define GATHER(T, out, x, miss)                                                     \
    do {                                                                            \
        T *o_ = (T *)(out);                                                         \
        const T *x_ = (const T *)(x);                                               \
        _Pragma("omp parallel for schedule(static) if (parallel: n >= TAKE_PAR_MIN)") \
        for (int64_t i = 0; i < n; i++)                                             \
            o_[i] = idx[i] < 0 ? (miss) : x_[idx[i]];                               \
    } while (0)

/* Typed gathers, threaded on big inputs; the validity bitmap is built a
 * byte (8 rows) at a time, so threads never share a byte. */
lt_col *lt_col_take(const lt_col *c, const int64_t *idx, int64_t n)
{
    int64_t top = -1;
    int neg = 0;
#pragma omp parallel for simd schedule(static) reduction(max: top) reduction(|: neg) \
    if (parallel: n >= TAKE_PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        top = idx[i] > top ? idx[i] : top;
        neg |= idx[i] < 0;
    }
    if (top >= c->n) {
        int64_t i = 0;
        while (idx[i] < c->n)
            i++;
        lt_seterr(LT_EINVAL, "row index %lld is outside a column of %lld values",
                  (long long)idx[i] + 1, (long long)c->n);
        return NULL;
    }
    lt_col *r = new_like(c, n);
    if (!r)
        return NULL;
    switch (c->type) {
    case LT_F64: GATHER(double, r->data, c->data, NAN); break;
    case LT_I64:
    case LT_TIME: GATHER(int64_t, r->data, c->data, 0); break;
    case LT_BOOL: GATHER(uint8_t, r->data, c->data, 0); break;
    case LT_STR: GATHER(int32_t, r->data, c->data, -1); break;
    }
    if (c->type != LT_F64 && (c->valid || neg)) {
        int64_t nb = (int64_t)bitmap_bytes(n);
        uint8_t *v = malloc((size_t)(nb ? nb : 1));
        if (!v) {
            lt_col_unref(r);
            lt_nomem();
            return NULL;
        }
        const uint8_t *cv = c->valid;
#pragma omp parallel for schedule(static) if (parallel: n >= TAKE_PAR_MIN)
        for (int64_t b = 0; b < nb; b++) {
            unsigned byte = 0;
            for (int64_t i = 8 * b; i < 8 * b + 8; i++) {   /* bits past n set, as set_na */
                bool ok = i >= n || (idx[i] >= 0 && (!cv || bit_get(cv, idx[i])));
                byte |= (unsigned)ok << (i & 7);
            }
            v[b] = (uint8_t)byte;
        }
        r->valid = v;
    }
    return lt_col_finish(r);
}

lt_col *lt_col_compress(const lt_col *c, const uint8_t *mask, int64_t nkeep)
{
    int64_t *idx = malloc((size_t)(nkeep ? nkeep : 1) * sizeof *idx);
    if (!idx) {
        lt_nomem();
        return NULL;
    }
    int64_t k = 0;
    for (int64_t i = 0; i < c->n && k < nkeep; i++)
        if (mask[i])
            idx[k++] = i;
    lt_col *r = lt_col_take(c, idx, k);
    free(idx);
    return r;
}

/* ---- builders from plain arrays --------------------------------------- */

/* A column of n values copied from v, with na[i] marking missing ones. */
static lt_col *from_array(lt_type type, const void *v, const uint8_t *na, int64_t n)
{
    lt_col *c = lt_col_new(type, n);
    if (!c)
        return NULL;
    if (n > 0)
        memcpy(c->data, v, (size_t)n * elem_size(type));
    if (na)
        for (int64_t i = 0; i < n; i++)
            if (na[i] && lt_col_set_na(c, i) < 0) {
                lt_col_unref(c);
                return NULL;
            }
    return lt_col_finish(c);
}

lt_col *lt_col_from_f64(const double *v, int64_t n) { return from_array(LT_F64, v, NULL, n); }

lt_col *lt_col_from_i64(const int64_t *v, const uint8_t *na, int64_t n)
{
    return from_array(LT_I64, v, na, n);
}

lt_col *lt_col_from_bool(const uint8_t *v, const uint8_t *na, int64_t n)
{
    lt_col *c = from_array(LT_BOOL, v, na, n);
    if (c)   /* normalise any non-zero byte to 1 */
        for (int64_t i = 0; i < n; i++)
            lt_col_bool(c)[i] = lt_col_bool(c)[i] != 0;
    return c;
}

lt_col *lt_col_from_time(const int64_t *v, const uint8_t *na, int64_t n, lt_time_kind kind)
{
    lt_col *c = from_array(LT_TIME, v, na, n);
    if (c)
        c->tkind = kind;
    return c;
}

lt_col *lt_col_from_strs(const char *const *strs, const size_t *lens, int64_t n)
{
    lt_dict *d = lt_dict_new();
    if (!d)
        return NULL;
    lt_col *c = lt_col_new_str(n, d);
    lt_dict_unref(d);
    if (!c)
        return NULL;
    for (int64_t i = 0; i < n; i++) {
        int32_t code;
        if (!strs[i])
            code = lt_col_set_na(c, i);
        else
            code = lt_col_codes(c)[i] =
                lt_dict_intern(d, strs[i], lens ? lens[i] : strlen(strs[i]));
        if (code < 0) {
            lt_col_unref(c);
            return NULL;
        }
    }
    return lt_col_finish(c);
}

lt_col *lt_col_scalar_f64(double v) { return lt_col_from_f64(&v, 1); }
lt_col *lt_col_scalar_i64(int64_t v) { return lt_col_from_i64(&v, NULL, 1); }

lt_col *lt_col_scalar_bool(bool v)
{
    uint8_t b = v;
    return lt_col_from_bool(&b, NULL, 1);
}

lt_col *lt_col_scalar_str(const char *s, size_t len)
{
    return lt_col_from_strs(&s, &len, 1);
}

size_t lt_col_bytes(const lt_col *c)
{
    size_t b = sizeof *c + (size_t)c->n * elem_size(c->type);
    if (c->valid)
        b += bitmap_bytes(c->n);
    if (c->dict)
        b += (size_t)c->dict->off[c->dict->size]
             + (size_t)c->dict->cap * (sizeof *c->dict->off + sizeof *c->dict->hash)
             + (c->dict->mask + 1) * sizeof *c->dict->slots;
    return b;
}
