/* Unit tests of core/sort.c: the exact permutations for each key type in
 * both directions (missing last, -0.0, NaN vs Inf, INT64_MIN/MAX, byte
 * and natural string order), stability, several keys, bad arguments, and
 * randomized comparisons against qsort with a reference comparator, on
 * inputs sized for every internal path (one word per row, (key, row)
 * pairs, several 64-bit groups, threaded passes). */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "frame.h"
#include "sort.h"
#include "colbuild.h"
#include "tap.h"


/* ---- checks ------------------------------------------------------------ */

static int same_perm(const int64_t *got, const int64_t *want, int64_t n, const char *what)
{
    int64_t bad = -1;
    for (int64_t i = 0; got && i < n && bad < 0; i++)
        if (got[i] != want[i])
            bad = i;
    int pass = ok(got && bad < 0, "%s", what);
    if (!got) {
        printf("#   NULL: %s\n", lt_errmsg());
    } else if (!pass) {
        printf("#   got ");
        for (int64_t i = 0; i < n; i++)
            printf(" %lld", (long long)got[i]);
        printf("\n#   want");
        for (int64_t i = 0; i < n; i++)
            printf(" %lld", (long long)want[i]);
        printf("\n");
    }
    return pass;
}

/* Sort by one key and compare with the expected permutation. */
static void check1(const lt_col *c, bool desc, bool natural, const int64_t *want,
                   const char *what)
{
    lt_sort_key k = { c, desc };
    lt_sort_opts o = { .natural = natural };
    int64_t *p = lt_sort_order(&k, 1, c->n, &o);
    same_perm(p, want, c->n, what);
    free(p);
}

/* ---- one key of each type ---------------------------------------------- */

static void test_f64(void)
{
    /*                     0   1   2    3  4     5    6          7         8 */
    const double x[] = { 3, -1, NA, 2, -0.0, 0.0, -INFINITY, INFINITY, 2 };
    check1(cf(9, x), false, false, (int64_t[]){ 6, 1, 4, 5, 3, 8, 0, 7, 2 },
           "f64 ascending: -Inf first, -0.0 ties 0.0, Inf before NaN");
    check1(cf(9, x), true, false, (int64_t[]){ 7, 0, 3, 8, 4, 5, 1, 6, 2 },
           "f64 descending: NaN still last, ties in row order");
    const double z[] = { 0.0, 1, -0.0, -1, 0.0 };
    check1(cf(5, z), false, false, (int64_t[]){ 3, 0, 2, 4, 1 }, "f64: 0.0 and -0.0 are one value");
    check1(cf(5, z), true, false, (int64_t[]){ 1, 0, 2, 4, 3 }, "f64 descending: 0.0 and -0.0 tie");
    const double nan_inf[] = { NA, INFINITY, NA, -INFINITY };
    check1(cf(4, nan_inf), false, false, (int64_t[]){ 3, 1, 0, 2 }, "f64: NaN after Inf");
    check1(cf(4, nan_inf), true, false, (int64_t[]){ 1, 3, 0, 2 }, "f64 desc: NaN after -Inf");
    const double tiny[] = { 5e-324, -5e-324, 0, 1.7976931348623157e308, -1.7976931348623157e308 };
    check1(cf(5, tiny), false, false, (int64_t[]){ 4, 1, 2, 0, 3 },
           "f64: denormals and the largest doubles");
    const double allna[] = { NA, NA, NA };
    check1(cf(3, allna), true, false, (int64_t[]){ 0, 1, 2 }, "f64 all missing: row order");
    const double one_na[] = { 7, NA, 7 };
    check1(cf(3, one_na), true, false, (int64_t[]){ 0, 2, 1 }, "f64 constant with a NaN");
    const double big[] = { 9007199254740994.0, 9007199254740992.0, -1e300 };
    check1(cf(3, big), false, false, (int64_t[]){ 2, 1, 0 }, "f64 large values");
}

static void test_i64(void)
{
    const int64_t v[] = { INT64_MAX, 5, 0, INT64_MIN, -5, 5, (INT64_C(1) << 53) + 1,
                          INT64_C(1) << 53 };
    /* all 2^64 values spanned and a missing one: the flag segment */
    check1(ci(8, v, "__x_____"), false, false, (int64_t[]){ 3, 4, 1, 5, 7, 6, 0, 2 },
           "i64 ascending: INT64_MIN..MAX exactly, 2^53 + 1 after 2^53, NA last");
    check1(ci(8, v, "__x_____"), true, false, (int64_t[]){ 0, 6, 7, 1, 5, 4, 3, 2 },
           "i64 descending: NA still last");
    check1(ci(8, v, NULL), false, false, (int64_t[]){ 3, 4, 2, 1, 5, 7, 6, 0 },
           "i64 full range without missing");
    const int64_t w[] = { 3, 1, 2, 1, 3 };
    check1(ci(5, w, "x___x"), false, false, (int64_t[]){ 1, 3, 2, 0, 4 },
           "i64 missing rows keep their order at the end");
    check1(ci(5, w, "x___x"), true, false, (int64_t[]){ 2, 1, 3, 0, 4 },
           "i64 descending, missing at the end");
    const int64_t c[] = { INT64_MIN, INT64_MIN };
    check1(ci(2, c, "x_"), true, false, (int64_t[]){ 1, 0 }, "i64 one value and one NA");
}

static void test_bool_time(void)
{
    check1(cb("TNFTF"), false, false, (int64_t[]){ 2, 4, 0, 3, 1 }, "bool: false < true, NA last");
    check1(cb("TNFTF"), true, false, (int64_t[]){ 0, 3, 2, 4, 1 }, "bool descending");
    check1(cb("NNN"), false, false, (int64_t[]){ 0, 1, 2 }, "bool all missing");
    const int64_t t[] = { 100, -100, 0, 0, INT64_C(1) << 60 };
    lt_col *tc = keep(lt_col_from_time(t, na_mask(5, "__x__"), 5, LT_DATETIME));
    check1(tc, false, false, (int64_t[]){ 1, 3, 0, 4, 2 }, "time by value, NA last");
    check1(tc, true, false, (int64_t[]){ 4, 0, 3, 1, 2 }, "time descending");
}

static void test_str(void)
{
    const char *s[] = { "b", "ab", NULL, "a", "", "abc", "b", "B" };
    check1(cs(8, s), false, false, (int64_t[]){ 4, 7, 3, 1, 5, 0, 6, 2 },
           "str byte order: empty first, prefix before longer, upper before lower");
    check1(cs(8, s), true, false, (int64_t[]){ 0, 6, 5, 1, 3, 7, 4, 2 },
           "str descending, NA last");
    const char *u[] = { "\xc3\xa9", "z", "a", "\x7f" };
    check1(cs(4, u), false, false, (int64_t[]){ 2, 1, 3, 0 }, "str: UTF-8 bytes above ASCII");
    /* a slice shares its parent's dictionary, unused entries included */
    const char *big[] = { "m", "c", "x", "b", "a", NULL, "c" };
    lt_col *slice = keep(lt_col_slice(cs(7, big), 3, 4));
    check1(slice, false, false, (int64_t[]){ 1, 0, 3, 2 }, "str slice on a shared dictionary");
    check1(slice, true, false, (int64_t[]){ 3, 0, 1, 2 }, "str slice descending");
    const char *lng[] = { "prefix__long_a", "prefix__long", "prefix__", "prefix_",
                          "prefix__long_b", "prefix__long_a_more", "prefix__lonG" };
    check1(cs(7, lng), false, false, (int64_t[]){ 3, 2, 6, 1, 0, 5, 4 },
           "str: shared prefixes beyond 8 and 16 bytes");
    const char *nul[] = { NULL, NULL };
    check1(cs(2, nul), false, false, (int64_t[]){ 0, 1 }, "str all missing");
    const char *one[] = { "q", "q", NULL, "q" };
    check1(cs(4, one), true, false, (int64_t[]){ 0, 1, 3, 2 }, "str one value and a NA");
}

static void test_natural(void)
{
    const char *s[] = { "a2", "a10", "a02", "b", "" };
    check1(cs(5, s), false, true, (int64_t[]){ 4, 0, 2, 1, 3 },
           "natural: a2 < a02 < a10 < b, empty first");
    check1(cs(5, s), false, false, (int64_t[]){ 4, 2, 1, 0, 3 }, "bytes: a02 < a10 < a2");
    check1(cs(5, s), true, true, (int64_t[]){ 3, 1, 2, 0, 4 }, "natural descending");
    const char *t[] = {
        "file010",                    /* 0 */
        "file9",                      /* 1 */
        "x00",                        /* 2 */
        "x0",                         /* 3 */
        "x",                          /* 4 */
        "a1b",                        /* 5 */
        "a1",                         /* 6 */
        "1.10",                       /* 7 */
        "1.9",                        /* 8 */
        "n123456789012345678901234",  /* 9: beyond 64 bits */
        "n99",                        /* 10 */
        "a01b2",                      /* 11 */
        "a1b02",                      /* 12 */
        "a-1",                        /* 13 */
        "a_1",                        /* 14 */
        NULL,                         /* 15 */
        "n123456789012345678901233",  /* 16 */
    };
    check1(cs(17, t), false, true,
           (int64_t[]){ 8, 7, 13, 6, 5, 12, 11, 14, 1, 0, 10, 16, 9, 4, 3, 2, 15 },
           "natural: numbers by value, zeros break ties, '-' < digits < '_'");
}

/* ---- several keys, stability, edge cases -------------------------------- */

static void test_multi(void)
{
    const double x[] = { 1, 0, 1, 0, 1, 0 };
    check1(cf(6, x), false, false, (int64_t[]){ 1, 3, 5, 0, 2, 4 }, "stable ascending");
    check1(cf(6, x), true, false, (int64_t[]){ 0, 2, 4, 1, 3, 5 }, "stable descending");

    const char *g[] = { "x", "y", "x", "y", "x", NULL };
    const double v[] = { 3, 1, NA, 2, 1, 0 };
    lt_col *kg = cs(6, g), *kv = cf(6, v);
    struct { bool d1, d2; int64_t want[6]; const char *what; } cases[] = {
        { false, false, { 4, 0, 2, 1, 3, 5 }, "str asc, f64 asc" },
        { false, true, { 0, 4, 2, 3, 1, 5 }, "str asc, f64 desc (NaN last within x)" },
        { true, false, { 1, 3, 4, 0, 2, 5 }, "str desc, f64 asc" },
        { true, true, { 3, 1, 0, 4, 2, 5 }, "str desc, f64 desc" },
    };
    for (int c = 0; c < (int)LEN(cases); c++) {
        lt_sort_key k[] = { { kg, cases[c].d1 }, { kv, cases[c].d2 } };
        int64_t *p = lt_sort_order(k, 2, 6, NULL);
        same_perm(p, cases[c].want, 6, cases[c].what);
        free(p);
    }

    /* three keys, the middle one constant */
    const int64_t a[] = { 2, 1, 2, 1 };
    const int64_t con[] = { 9, 9, 9, 9 };
    const uint8_t bb[] = { 0, 1, 1, 0 };
    lt_col *kb = keep(lt_col_from_bool(bb, NULL, 4));
    lt_sort_key k3[] = { { ci(4, a, NULL), true }, { ci(4, con, NULL), false }, { kb, true } };
    int64_t *p = lt_sort_order(k3, 3, 4, NULL);
    same_perm(p, (int64_t[]){ 2, 0, 1, 3 }, 4, "i64 desc, constant, bool desc");
    free(p);
}

static void test_edges(void)
{
    int64_t *p = lt_sort_order(NULL, 0, 4, NULL);
    same_perm(p, (int64_t[]){ 0, 1, 2, 3 }, 4, "zero keys: identity");
    free(p);

    const double e[] = { 0 };
    lt_sort_key k = { cf(0, e), false };
    p = lt_sort_order(&k, 1, 0, NULL);
    ok(p != NULL, "empty input: a non-NULL empty permutation");
    free(p);

    lt_sort_key k1 = { cf(1, (double[]){ NA }), true };
    p = lt_sort_order(&k1, 1, 1, NULL);
    same_perm(p, (int64_t[]){ 0 }, 1, "one row");
    free(p);

    lt_sort_key k2[] = { { cf(3, (double[]){ 1, 2, 3 }), false },
                         { cf(2, (double[]){ 1, 2 }), false } };
    p = lt_sort_order(k2, 2, 3, NULL);
    ok(!p && lt_errcode() == LT_ELENGTH, "keys of different lengths: LT_ELENGTH");
    is_str(lt_errmsg(), "sort: key 2 has 2 values; expected 3 (one per row)", "its message");
    p = lt_sort_order(k2, 1, -1, NULL);
    ok(!p && lt_errcode() == LT_EINVAL, "negative row count: LT_EINVAL");
    lt_sort_key knull = { NULL, false };
    p = lt_sort_order(&knull, 1, 3, NULL);
    ok(!p && lt_errcode() == LT_EINVAL, "NULL column: LT_EINVAL");
    is_str(lt_errmsg(), "sort: key 1 has no column", "its message");
}

static void test_frame(void)
{
    lt_frame *f = lt_frame_new();
    lt_col *a = cf(4, (double[]){ 2, NA, 1, 2 });
    lt_col *b = cs(4, (const char *[]){ "w", "x", "y", "z" });
    lt_frame_add(f, "a", a);
    lt_frame_add(f, "b", b);
    lt_sort_key k = { a, true };
    lt_frame *r = lt_frame_sort(f, &k, 1, NULL);
    ok(r && r->nrow == 4 && r->ncol == 2 && strcmp(r->names[1], "b") == 0,
       "frame sort keeps the columns and rows");
    if (r) {
        const char *want[] = { "w", "z", "y", "x" };
        int good = 1;
        for (int i = 0; i < 4; i++)
            good &= strcmp(lt_col_get_str(r->cols[1], i, NULL), want[i]) == 0;
        ok(good && isnan(lt_col_f64(r->cols[0])[3]) && lt_col_f64(r->cols[0])[2] == 1,
           "frame sort by a desc: w z y x, NaN last");
    }
    lt_frame_free(r);

    lt_sort_key kb = { b, false };
    r = lt_frame_sort(f, &kb, 1, NULL);
    ok(r && r->cols[0] == a && r->cols[1] == b, "a frame already in order shares its columns");
    lt_frame_free(r);

    lt_sort_key kbad = { cf(2, (double[]){ 1, 2 }), false };
    r = lt_frame_sort(f, &kbad, 1, NULL);
    ok(!r && lt_errcode() == LT_ELENGTH, "frame sort with a key of another length");
    is_str(lt_errmsg(), "sort: key 1 has 2 values; expected 4 (the frame's rows)", "its message");
    lt_frame_free(f);
}

/* ---- randomized, against qsort --------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)   /* splitmix64 */
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static const lt_sort_key *ref_keys;
static int ref_nkeys;

/* The reference order: key by key, missing last, then row number. */
static int ref_cmp(const void *p, const void *q)
{
    int64_t i = *(const int64_t *)p, j = *(const int64_t *)q;
    for (int k = 0; k < ref_nkeys; k++) {
        const lt_col *c = ref_keys[k].col;
        bool ni = lt_col_is_na(c, i), nj = lt_col_is_na(c, j);
        int r = 0;
        if (ni || nj) {
            if (ni != nj)
                return ni ? 1 : -1;   /* before the direction: missing last */
            continue;
        }
        switch (c->type) {
        case LT_F64: {
            double x = lt_col_f64(c)[i], y = lt_col_f64(c)[j];
            r = (x > y) - (x < y);
            break;
        }
        case LT_I64:
        case LT_TIME: {
            int64_t x = lt_col_i64(c)[i], y = lt_col_i64(c)[j];
            r = (x > y) - (x < y);
            break;
        }
        case LT_BOOL: r = lt_col_bool(c)[i] - lt_col_bool(c)[j]; break;
        case LT_STR: {
            size_t lx, ly;
            const char *x = lt_col_get_str(c, i, &lx), *y = lt_col_get_str(c, j, &ly);
            int m = memcmp(x, y, lx < ly ? lx : ly);
            r = m ? (m > 0) - (m < 0) : (lx > ly) - (lx < ly);
            break;
        }
        }
        if (r)
            return ref_keys[k].desc ? -r : r;
    }
    return (i > j) - (i < j);
}

/* Random column kinds for the randomized checks. */
enum kind {
    K_F64,       /* doubles of many magnitudes, signs, zeros, Inf, NaN */
    K_F64_FEW,   /* a few doubles, many ties */
    K_I64,       /* full-range integers with missing values */
    K_I64_SMALL, /* 0..99, missing values */
    K_I40,       /* 40-bit integers from a set of `card` values (any, when card >= n) */
    K_BOOL,
    K_STR,       /* short strings with shared prefixes, missing values */
    K_TIME,
    K_DEC,       /* 2 decimals, signs, Inf, NaN (sorted as scaled integers) */
    K_DEC_BAD,   /* 1 decimal, but rows 1 and n - 2 hold 0.1 + 0.2: rejected */
    K_STR_MANY,  /* mostly distinct strings, long shared prefixes, missing values */
};

static lt_col *rand_col(enum kind kind, int64_t n, int64_t card)
{
    lt_col *c;
    switch (kind) {
    case K_F64:
    case K_F64_FEW: {
        static const double special[] = { 0.0, -0.0, INFINITY, -INFINITY, NA, 1.5, -1.5 };
        c = lt_col_new(LT_F64, n);
        double *x = lt_col_f64(c);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (kind == K_F64_FEW)
                x[i] = special[r % 7];
            else if (r % 16 == 0)
                x[i] = special[(r >> 8) % 7];
            else
                x[i] = ldexp((double)(int64_t)(r >> 11) - (double)(INT64_C(1) << 52),
                             (int)((r >> 4) % 80) - 40);
        }
        break;
    }
    case K_DEC:
    case K_DEC_BAD: {
        static const double special[] = { INFINITY, -INFINITY, NA, 0.0, -0.0 };
        c = lt_col_new(LT_F64, n);
        double *x = lt_col_f64(c);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (kind == K_DEC)
                x[i] = r % 20 == 0 ? special[(r >> 8) % 5]
                                   : (double)((int64_t)(r >> 8) % 200001 - 100000) / 100;
            else
                x[i] = (double)((int64_t)(r >> 8) % 2001 - 1000) / 10;
        }
        if (kind == K_DEC_BAD && n > 3)
            x[1] = x[n - 2] = 0.1 + 0.2;
        break;
    }
    case K_I64:
    case K_I64_SMALL:
    case K_TIME:
    case K_I40: {
        uint64_t *vals = NULL;
        if (kind == K_I40 && card > 0 && card < n) {
            vals = malloc((size_t)card * sizeof *vals);
            for (int64_t j = 0; j < card; j++)
                vals[j] = rnd() & ((UINT64_C(1) << 40) - 1);
        }
        c = lt_col_new(kind == K_TIME ? LT_TIME : LT_I64, n);
        int64_t *x = lt_col_i64(c);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (kind == K_I40)
                x[i] = (int64_t)(vals && card > 0 ? vals[r % (uint64_t)card]
                                                  : r & ((UINT64_C(1) << 40) - 1));
            else if (kind == K_I64_SMALL)
                x[i] = (int64_t)(r % 100);
            else if (r % 13 == 0)
                x[i] = r & 1 ? INT64_MIN : INT64_MAX;
            else
                x[i] = (int64_t)r;
            if (kind != K_I40 && rnd() % 10 == 0)
                lt_col_set_na(c, i);
        }
        free(vals);
        break;
    }
    case K_BOOL: {
        c = lt_col_new(LT_BOOL, n);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            lt_col_bool(c)[i] = r & 1;
            if (r % 7 == 0)
                lt_col_set_na(c, i);
        }
        break;
    }
    case K_STR_MANY: {
        static const char *const pre[] = { "", "abcdefgh", "abcdefgh12345678", "\xc3\xa9" };
        lt_dict *d = lt_dict_new();
        c = lt_col_new_str(n, d);
        lt_dict_unref(d);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (r % 50 == 0) {
                lt_col_set_na(c, i);
                continue;
            }
            char buf[64];
            int len = snprintf(buf, sizeof buf, "%s", pre[r % 4]);
            for (int j = (int)((r >> 2) % 6); j > 0; j--)
                buf[len++] = (char)('a' + (rnd() % 26));
            lt_col_codes(c)[i] = lt_dict_intern(d, buf, (size_t)len);
        }
        break;
    }
    default: {
        static const char *const words[] = { "", "a", "ab", "abc", "abd", "b", "ba", "B",
                                             "zz", "\xc3\xa9t\xc3\xa9", "a\x01", "ab ",
                                             "abcdefgh", "abcdefghi", "abcdefgh01234567",
                                             "abcdefgh012345678", "abcdefgh01234567z" };
        lt_dict *d = lt_dict_new();
        c = lt_col_new_str(n, d);
        lt_dict_unref(d);
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (r % 11 == 0) {
                lt_col_set_na(c, i);
                continue;
            }
            const char *w = words[(r >> 8) % LEN(words)];
            char buf[64];
            int len = snprintf(buf, sizeof buf, "%s%s", w, r % 3 ? "" : w);
            lt_col_codes(c)[i] = lt_dict_intern(d, buf, (size_t)len);
        }
        break;
    }
    }
    return keep(lt_col_finish(c));
}

/* Sort by the keys and compare with qsort's order (and, when `threads`,
 * with the order computed on one thread). */
static void check_ref(const lt_sort_key *k, int nk, int64_t n, bool threads, const char *what)
{
    int64_t *want = malloc((size_t)n * sizeof *want);
    for (int64_t i = 0; i < n; i++)
        want[i] = i;
    ref_keys = k;
    ref_nkeys = nk;
    qsort(want, (size_t)n, sizeof *want, ref_cmp);
    int64_t *got = lt_sort_order(k, nk, n, NULL);
    same_perm(got, want, n, what);
    free(got);
    if (threads) {
        int saved = omp_get_max_threads();
        omp_set_num_threads(1);
        got = lt_sort_order(k, nk, n, NULL);
        omp_set_num_threads(saved > 1 ? saved : 2);
        same_perm(got, want, n, "  ... the same on one thread");
        free(got);
        omp_set_num_threads(saved);
    }
    free(want);
}

static void test_random(void)
{
    rng_state = 20240611;
    static const struct { enum kind k[3]; int nk; } combos[] = {
        { { K_F64 }, 1 },          { { K_I64 }, 1 },           { { K_STR }, 1 },
        { { K_BOOL }, 1 },         { { K_TIME }, 1 },          { { K_F64_FEW }, 1 },
        { { K_STR, K_F64 }, 2 },   { { K_I64_SMALL, K_F64 }, 2 },
        { { K_DEC }, 1 },          { { K_DEC_BAD }, 1 },       { { K_STR, K_DEC, K_DEC_BAD }, 3 },
        { { K_STR_MANY }, 1 },
        { { K_BOOL, K_STR, K_I64_SMALL }, 3 },                 { { K_F64_FEW, K_I64 }, 2 },
        { { K_I64, K_I64, K_I64 }, 3 },                        { { K_STR, K_F64_FEW, K_BOOL }, 3 },
    };
    for (int c = 0; c < (int)LEN(combos); c++)
        for (int trial = 0; trial < 3; trial++) {
            int64_t n = trial == 0 ? 3000 : trial == 1 ? 257 : 2;
            lt_sort_key k[3];
            for (int j = 0; j < combos[c].nk; j++) {
                k[j].col = rand_col(combos[c].k[j], n, 0);
                k[j].desc = (rnd() >> 7) & 1;
            }
            char what[96];
            snprintf(what, sizeof what, "random: combination %d, %lld rows", c, (long long)n);
            check_ref(k, combos[c].nk, n, false, what);
            drain();
        }
}

/* Inputs large enough for threaded passes and the multi-group path. */
static void test_large(void)
{
    rng_state = 77;
    int64_t n = 200000;
    /* 3 x 40 bits = 120 bits: two groups; runs that tie on the first group
     * are short (insertion) or long (radix) */
    lt_sort_key k[3] = { { rand_col(K_I40, n, 5), false },
                         { rand_col(K_I40, n, 1000), true },
                         { rand_col(K_I40, n, 1 << 30), false } };
    check_ref(k, 3, n, true, "3 keys of 40 bits, 200000 rows");
    /* 40 + 40 + 65 bits (full-range i64 with missing values): three groups */
    lt_sort_key k2[3] = { { rand_col(K_I40, n, 4), true },
                          { rand_col(K_I40, n, 3), false },
                          { rand_col(K_I64, n, 0), false } };
    check_ref(k2, 3, n, true, "40 + 40 + 65 bits, 200000 rows");
    lt_sort_key k3[2] = { { rand_col(K_STR, n, 0), false }, { rand_col(K_F64, n, 0), true } };
    check_ref(k3, 2, n, true, "str and f64 (pairs), 200000 rows");
    lt_sort_key k4[2] = { { rand_col(K_STR, n, 0), true }, { rand_col(K_I64_SMALL, n, 0), false } };
    check_ref(k4, 2, n, true, "str and small i64 (one word per row), 200000 rows");
    /* 65 + 40 bits: the 41 bits below the top 64 ride over the row number */
    lt_sort_key k8[2] = { { rand_col(K_I64, n, 0), false }, { rand_col(K_I40, n, 1000), true } };
    check_ref(k8, 2, n, true, "i64 and 40 bits: low bits in a 64-bit payload");
    lt_sort_key k9[2] = { { rand_col(K_F64_FEW, n, 0), true }, { rand_col(K_I64, n, 0), false } };
    check_ref(k9, 2, n, true, "few doubles and i64: low bits in a 32-bit payload");
    lt_sort_key k5[3] = { { rand_col(K_I64, n, 0), false }, { rand_col(K_I64, n, 0), true },
                          { rand_col(K_F64, n, 0), false } };
    check_ref(k5, 3, n, true, "i64, i64, f64 with missing values: three groups");
    lt_sort_key k7[2] = { { rand_col(K_STR_MANY, n, 0), false }, { rand_col(K_BOOL, n, 0), true } };
    check_ref(k7, 2, n, true, "many distinct strings (threaded dictionary sort), bool desc");
    lt_sort_key k6[2] = { { rand_col(K_DEC, n, 0), true }, { rand_col(K_DEC_BAD, n, 0), false } };
    check_ref(k6, 2, n, true, "decimal f64 keys, one of them rejected late");

    /* already in order, reversed, reversed with ties */
    lt_col *up = lt_col_new(LT_I64, n), *down = lt_col_new(LT_F64, n), *steps = lt_col_new(LT_I64, n);
    for (int64_t i = 0; i < n; i++) {
        lt_col_i64(up)[i] = i * 3;
        lt_col_f64(down)[i] = -0.5 * (double)i;
        lt_col_i64(steps)[i] = (n - i) / 10;
    }
    lt_sort_key ku = { keep(lt_col_finish(up)), false };
    check_ref(&ku, 1, n, true, "already sorted");
    lt_sort_key kd = { keep(lt_col_finish(down)), false };
    check_ref(&kd, 1, n, true, "strictly decreasing");
    lt_sort_key ks = { keep(lt_col_finish(steps)), false };
    check_ref(&ks, 1, n, true, "decreasing with ties");
    lt_sort_key kw[2] = { { ku.col, true }, { rand_col(K_F64, n, 0), false } };
    check_ref(kw, 2, n, true, "descending key already ascending, pairs");
    drain();
}

int main(void)
{
    test_f64();
    test_i64();
    test_bool_time();
    test_str();
    test_natural();
    test_multi();
    test_edges();
    test_frame();
    drain();
    test_random();
    test_large();
    return tap_done();
}
