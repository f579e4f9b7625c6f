/* Eager element-wise operations on columns (see ops.h): arithmetic,
 * comparisons, logic, math, missing-value handling and type conversion.
 *
 * Every binary kernel runs one of three loops (a and b full, a broadcast,
 * b broadcast) so that each loop has unit stride or a loop-invariant operand
 * and vectorises; big loops also split across OpenMP threads (static
 * schedule, so results never depend on the thread count).  Missing values
 * are resolved after the kernel, in one serial pass that only runs when an
 * operand has missing values (or an i64 operation overflowed). */
#include "ops.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "numparse.h"
#include "timefmt.h"

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };

/* for i in [0, n) over the local `n`: vectorised, threaded when n is big.
 * PARFOR_OR also ORs the local int `bad` across threads. */
#define PARFOR                                                                     \
    _Pragma("omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN)") \
    for (int64_t i = 0; i < n; i++)
#define PARFOR_OR                                                                  \
    _Pragma("omp parallel for simd schedule(static) if (parallel: n >= PAR_MIN) reduction(|: bad)") \
    for (int64_t i = 0; i < n; i++)

/* Run the statement(s) in __VA_ARGS__ for every row i with ia / ib the rows
 * of the operands, in the loop LOOP, specialised on the locals `sa` / `sb`
 * (operand is full length, not broadcast). */
#define BCAST(LOOP, ...)                                                  \
    do {                                                                  \
        if (sa && sb) {                                                   \
            LOOP { const int64_t ia = i, ib = i; __VA_ARGS__; }           \
        } else if (sa) {                                                  \
            LOOP { const int64_t ia = i, ib = 0; (void)ib; __VA_ARGS__; } \
        } else {                                                          \
            LOOP { const int64_t ia = 0, ib = i; (void)ia; __VA_ARGS__; } \
        }                                                                 \
    } while (0)

static const char *const arith_names[] = { "+", "-", "*", "/", "%", "^" };
static const char *const cmp_names[] = { "==", "~=", "<", "<=", ">", ">=" };

/* ---- shared helpers ------------------------------------------------------ */

/* Length of the result of a binary operation, or -1 (with lt_errmsg set). */
static int64_t result_len(const lt_col *a, const lt_col *b, const char *what)
{
    if (a->n == b->n || b->n == 1)
        return a->n;
    if (a->n == 1)
        return b->n;
    lt_seterr(LT_ELENGTH,
              "%s: columns have lengths %lld and %lld; expected equal lengths "
              "or one of length 1",
              what, (long long)a->n, (long long)b->n);
    return -1;
}

/* The values of a numeric or time column as doubles, NaN for missing: the
 * column's own array for f64, else a converted copy left in *tmp (caller
 * frees).  NULL on allocation failure. */
static const double *f64_view(const lt_col *c, double **tmp)
{
    *tmp = NULL;
    if (c->type == LT_F64)
        return lt_col_f64(c);
    double *v = malloc((size_t)(c->n ? c->n : 1) * sizeof *v);
    if (!v) {
        lt_nomem();
        return NULL;
    }
    int64_t n = c->n;
    if (c->type == LT_BOOL) {
        const uint8_t *x = lt_col_bool(c);
        PARFOR v[i] = x[i];
    } else {
        const int64_t *x = lt_col_i64(c);
        PARFOR v[i] = (double)x[i];
    }
    if (c->valid)
        for (int64_t i = 0; i < n; i++)
            if (lt_col_is_na(c, i))
                v[i] = NAN;
    *tmp = v;
    return v;
}

/* The values of an i64, time or bool column as int64 (missing slots hold
 * 0): the column's own array, or for bool a widened copy in *tmp. */
static const int64_t *i64_view(const lt_col *c, int64_t **tmp)
{
    *tmp = NULL;
    if (c->type != LT_BOOL)
        return lt_col_i64(c);
    int64_t *v = malloc((size_t)(c->n ? c->n : 1) * sizeof *v);
    if (!v) {
        lt_nomem();
        return NULL;
    }
    const uint8_t *x = lt_col_bool(c);
    int64_t n = c->n;
    PARFOR v[i] = x[i];
    *tmp = v;
    return v;
}

/* Mark row i of r missing wherever row ia of a or row ib of b (b may be
 * NULL) is missing; broadcast operands have length 1.  0 or LT_ENOMEM. */
static int mark_na(lt_col *r, const lt_col *a, const lt_col *b)
{
    if (!a->nmiss && (!b || !b->nmiss))
        return 0;
    for (int64_t i = 0; i < r->n; i++) {
        bool na = lt_col_is_na(a, a->n == 1 ? 0 : i)
                  || (b && lt_col_is_na(b, b->n == 1 ? 0 : i));
        if (na && lt_col_set_na(r, i) < 0)
            return LT_ENOMEM;
    }
    return 0;
}

static lt_col *ref_of(const lt_col *a)
{
    return lt_col_ref((lt_col *)a);
}

/* Switch this thread to the "C" locale (until c_locale_leave), so that '.'
 * is the decimal point of snprintf whatever setlocale() the host
 * application called.  NULL on failure. */
static locale_t c_locale_enter(locale_t *old)
{
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    *old = c ? uselocale(c) : (locale_t)0;
    return c;
}

static void c_locale_leave(locale_t c, locale_t old)
{
    uselocale(old);
    freelocale(c);
}

/* ---- arithmetic ---------------------------------------------------------- */

/* Floored modulo of doubles (Lua's luai_nummod: sign of the divisor). */
static inline double f64_mod(double x, double y)
{
    double m = fmod(x, y);
    if ((m > 0) ? y < 0 : (m < 0 && y != m))
        m += y;
    return m;
}

static inline double f64_op(double x, double y, lt_arith op)
{
    switch (op) {
    case LT_ADD: return x + y;
    case LT_SUB: return x - y;
    case LT_MUL: return x * y;
    case LT_DIV: return x / y;
    case LT_MOD: return f64_mod(x, y);
    case LT_POW: /* missing stays missing, even where pow(NaN, 0) is 1 */
        return (x != x || y != y) ? x + y : pow(x, y);
    }
    return NAN;
}

/* x op y for + - * %; true when the result does not exist (overflow,
 * modulo by zero), *r then unspecified. */
static inline bool i64_op(int64_t x, int64_t y, lt_arith op, int64_t *r)
{
    switch (op) {
    case LT_ADD: return __builtin_add_overflow(x, y, r);
    case LT_SUB: return __builtin_sub_overflow(x, y, r);
    case LT_MUL: return __builtin_mul_overflow(x, y, r);
    case LT_MOD:
        if (y == 0) {
            *r = 0;
            return true;
        }
        if (y == -1) {   /* INT64_MIN % -1 traps in C */
            *r = 0;
            return false;
        }
        *r = x % y;
        if (*r != 0 && (*r ^ y) < 0)
            *r += y;
        return false;
    default:
        *r = 0;
        return true;
    }
}

static void f64_arith(const double *x, const double *y, double *out, int64_t n,
                      bool sa, bool sb, lt_arith op)
{
    switch (op) {
#define CASE(OP) case OP: BCAST(PARFOR, out[i] = f64_op(x[ia], y[ib], OP)); break
    CASE(LT_ADD); CASE(LT_SUB); CASE(LT_MUL); CASE(LT_DIV); CASE(LT_MOD); CASE(LT_POW);
#undef CASE
    }
}

/* Integer kernel; returns whether any row overflowed (or divided by 0). */
static int i64_arith(const int64_t *x, const int64_t *y, int64_t *out, int64_t n,
                     bool sa, bool sb, lt_arith op)
{
    int bad = 0;
    switch (op) {
#define CASE(OP) case OP: BCAST(PARFOR_OR, bad |= i64_op(x[ia], y[ib], OP, &out[i])); break
    CASE(LT_ADD); CASE(LT_SUB); CASE(LT_MUL); CASE(LT_MOD);
#undef CASE
    default: break;
    }
    return bad;
}

lt_col *lt_col_arith(const lt_col *a, const lt_col *b, lt_arith op)
{
    const char *name = arith_names[op];
    if (!lt_type_is_numeric(a->type) || !lt_type_is_numeric(b->type)) {
        lt_seterr(LT_ETYPE, "cannot compute %s %s %s; expected numbers (f64, i64 or bool)",
                  lt_type_name(a->type), name, lt_type_name(b->type));
        return NULL;
    }
    int64_t n = result_len(a, b, name);
    if (n < 0)
        return NULL;
    bool sa = a->n == n, sb = b->n == n;
    bool real = a->type == LT_F64 || b->type == LT_F64 || op == LT_DIV || op == LT_POW;
    lt_col *r = lt_col_new(real ? LT_F64 : LT_I64, n);
    if (!r)
        return NULL;
    int status = 0;
    if (real) {
        double *ta, *tb;
        const double *x = f64_view(a, &ta), *y = f64_view(b, &tb);
        if (x && y)
            f64_arith(x, y, lt_col_f64(r), n, sa, sb, op);
        else
            status = LT_ENOMEM;
        free(ta);
        free(tb);
        return lt_col_done(r, status);
    }
    int64_t *ta, *tb;
    const int64_t *x = i64_view(a, &ta), *y = i64_view(b, &tb);
    if (!x || !y) {
        status = LT_ENOMEM;
    } else if (i64_arith(x, y, lt_col_i64(r), n, sa, sb, op)) {
        /* Rare: find the rows that overflowed, together with missing ones. */
        for (int64_t i = 0; i < n && status == 0; i++) {
            int64_t v;
            bool na = i64_op(x[sa ? i : 0], y[sb ? i : 0], op, &v)
                      || lt_col_is_na(a, sa ? i : 0) || lt_col_is_na(b, sb ? i : 0);
            if (na)
                status = lt_col_set_na(r, i);
        }
    } else {
        status = mark_na(r, a, b);
    }
    free(ta);
    free(tb);
    return lt_col_done(r, status);
}

/* -a is -1 * a: exact for doubles (-0.0 included), missing for -INT64_MIN. */
lt_col *lt_col_neg(const lt_col *a)
{
    lt_col *minus1 = lt_col_scalar_i64(-1);
    if (!minus1)
        return NULL;
    lt_col *r = lt_col_arith(minus1, a, LT_MUL);
    lt_col_unref(minus1);
    if (!r && lt_errcode() == LT_ETYPE)
        lt_seterr(LT_ETYPE, "cannot negate a %s column; expected a number (f64, i64 or bool)",
                  lt_type_name(a->type));
    return r;
}

/* ---- comparisons --------------------------------------------------------- */

/* Three-way comparison of an int64 with a double, exact over the whole
 * range (converting either side would round above 2^53).  NaN gives 0; the
 * caller marks those rows missing. */
static inline int cmp_i64_f64(int64_t x, double y)
{
    if (y != y)
        return 0;
    if (y >= 0x1p63)
        return -1;
    if (y < -0x1p63)
        return 1;
    double t = trunc(y);          /* now in [-2^63, 2^63): exact as int64 */
    int64_t ti = (int64_t)t;
    if (x != ti)
        return x < ti ? -1 : 1;
    return y > t ? -1 : y < t ? 1 : 0;
}

/* The result of op for x < y, x == y and x > y, as 0/1 masks. */
typedef struct cmp_masks { uint8_t lt, eq, gt; } cmp_masks;

static cmp_masks masks_of(lt_cmp op)
{
    static const cmp_masks m[] = {
        [LT_EQ] = { 0, 1, 0 }, [LT_NE] = { 1, 0, 1 }, [LT_LT] = { 1, 0, 0 },
        [LT_LE] = { 1, 1, 0 }, [LT_GT] = { 0, 0, 1 }, [LT_GE] = { 0, 1, 1 },
    };
    return m[op];
}

/* Comparison kernels of two arrays of one type, branch-free so they
 * vectorise: out = (x<y & lt) | (x==y & eq) | (x>y & gt). */
#define DEFINE_CMP(NAME, T)                                                        \
    static void NAME(const T *x, const T *y, uint8_t *out, int64_t n,              \
                     bool sa, bool sb, cmp_masks m)                                 \
    {                                                                              \
        BCAST(PARFOR, out[i] = (uint8_t)(((x[ia] < y[ib]) & m.lt)                   \
                                         | ((x[ia] == y[ib]) & m.eq)                \
                                         | ((x[ia] > y[ib]) & m.gt)));              \
    }
DEFINE_CMP(cmp_f64, double)
DEFINE_CMP(cmp_i64, int64_t)
DEFINE_CMP(cmp_i32, int32_t)
#undef DEFINE_CMP

static void cmp_mixed(const int64_t *x, const double *y, uint8_t *out, int64_t n,
                      bool sa, bool sb, cmp_masks m)
{
    BCAST(PARFOR, int c = cmp_i64_f64(x[ia], y[ib]);
          out[i] = (uint8_t)(((c < 0) & m.lt) | ((c == 0) & m.eq) | ((c > 0) & m.gt)));
}

/* op with its operands swapped: a < b is b > a. */
static lt_cmp flip(lt_cmp op)
{
    static const lt_cmp f[] = { [LT_EQ] = LT_EQ, [LT_NE] = LT_NE, [LT_LT] = LT_GT,
                                [LT_LE] = LT_GE, [LT_GT] = LT_LT, [LT_GE] = LT_LE };
    return f[op];
}

static int cmp_numbers(const lt_col *a, const lt_col *b, lt_cmp op, lt_col *r,
                       bool sa, bool sb)
{
    int64_t n = r->n;
    uint8_t *out = lt_col_bool(r);
    bool fa = a->type == LT_F64, fb = b->type == LT_F64;
    int status = 0;
    if (fa && fb) {
        cmp_f64(lt_col_f64(a), lt_col_f64(b), out, n, sa, sb, masks_of(op));
    } else if (!fa && !fb) {
        int64_t *ta, *tb;
        const int64_t *x = i64_view(a, &ta), *y = i64_view(b, &tb);
        if (x && y)
            cmp_i64(x, y, out, n, sa, sb, masks_of(op));
        else
            status = LT_ENOMEM;
        free(ta);
        free(tb);
    } else {
        /* i64/bool against f64, compared exactly: put the integer on the left. */
        const lt_col *ci = fa ? b : a, *cf = fa ? a : b;
        int64_t *t;
        const int64_t *x = i64_view(ci, &t);
        if (x)
            cmp_mixed(x, lt_col_f64(cf), out, n, fa ? sb : sa, fa ? sa : sb,
                      masks_of(fa ? flip(op) : op));
        else
            status = LT_ENOMEM;
        free(t);
    }
    return status;
}

/* Byte-order three-way comparison of two strings with lengths. */
static int strcmp_len(const char *s, size_t ls, const char *t, size_t lt)
{
    int c = memcmp(s, t, ls < lt ? ls : lt);
    return c ? c : (ls > lt) - (ls < lt);
}

/* str column `a` (full length) against the single string of `b`: the result
 * for each dictionary code is computed once (tbl[code + 1], tbl[0] for
 * missing), then codes are mapped: O(n + dictionary). */
static int cmp_str_scalar(const lt_col *a, const lt_col *b, lt_cmp op, lt_col *r)
{
    int64_t n = r->n;
    uint8_t *out = lt_col_bool(r);
    size_t ls;
    const char *s = lt_col_get_str(b, 0, &ls);
    if (!s) {   /* against a missing string: everything is missing */
        for (int64_t i = 0; i < n; i++)
            if (lt_col_set_na(r, i) < 0)
                return LT_ENOMEM;
        return 0;
    }
    int32_t size = lt_dict_size(a->dict);
    uint8_t *tbl = calloc((size_t)size + 1, 1);
    if (!tbl)
        return lt_nomem();
    if (op == LT_EQ || op == LT_NE) {
        int32_t k = lt_dict_find(a->dict, s, ls);
        if (k >= 0)
            tbl[k + 1] = 1;
        if (op == LT_NE)
            for (int32_t c = 1; c <= size; c++)
                tbl[c] = !tbl[c];
    } else {
        cmp_masks m = masks_of(op);
        for (int32_t c = 0; c < size; c++) {
            size_t lc;
            const char *sc = lt_dict_str(a->dict, c, &lc);
            int v = strcmp_len(sc, lc, s, ls);
            tbl[c + 1] = v < 0 ? m.lt : v == 0 ? m.eq : m.gt;
        }
    }
    const int32_t *codes = lt_col_codes(a);
    PARFOR out[i] = tbl[codes[i] + 1];
    free(tbl);
    return mark_na(r, a, NULL);
}

typedef struct str_ref { const char *s; size_t len; int32_t side, code; } str_ref;

static int cmp_str_ref(const void *p, const void *q)
{
    const str_ref *x = p, *y = q;
    return strcmp_len(x->s, x->len, y->s, y->len);
}

/* Rank (in byte order, equal strings equal ranks) of every string of the
 * dictionaries da and db (db may be da or NULL): rank[side][code + 1],
 * rank[side][0] = -1 for missing codes. */
static int rank_dicts(const lt_dict *da, const lt_dict *db, int32_t *rank[2])
{
    int32_t na = lt_dict_size(da), nb = db ? lt_dict_size(db) : 0;
    str_ref *refs = malloc((size_t)(na + nb ? na + nb : 1) * sizeof *refs);
    if (!refs)
        return lt_nomem();
    for (int32_t c = 0; c < na + nb; c++) {
        str_ref *e = &refs[c];
        e->side = c >= na;
        e->code = e->side ? c - na : c;
        e->s = lt_dict_str(e->side ? db : da, e->code, &e->len);
    }
    qsort(refs, (size_t)(na + nb), sizeof *refs, cmp_str_ref);
    int32_t rk = -1;
    for (int32_t j = 0; j < na + nb; j++) {
        if (j == 0 || cmp_str_ref(&refs[j - 1], &refs[j]) != 0)
            rk++;
        rank[refs[j].side][refs[j].code + 1] = rk;
    }
    rank[0][0] = -1;
    if (db)
        rank[1][0] = -1;
    free(refs);
    return 0;
}

/* Two full-length str columns.  On one dictionary, == and ~= compare codes;
 * otherwise both sides are mapped to ranks over the union of their
 * dictionaries (so equal strings on different dictionaries compare equal)
 * and the ranks are compared. */
static int cmp_str_full(const lt_col *a, const lt_col *b, lt_cmp op, lt_col *r)
{
    int64_t n = r->n;
    bool same = a->dict == b->dict;
    if (same && (op == LT_EQ || op == LT_NE)) {
        cmp_i32(lt_col_codes(a), lt_col_codes(b), lt_col_bool(r), n, true, true,
                masks_of(op));
        return mark_na(r, a, b);
    }
    int32_t *rank[2] = { NULL, NULL };
    int32_t *ra = malloc((size_t)(n ? n : 1) * sizeof *ra);
    int32_t *rb = malloc((size_t)(n ? n : 1) * sizeof *rb);
    rank[0] = malloc(((size_t)lt_dict_size(a->dict) + 1) * sizeof *rank[0]);
    rank[1] = same ? rank[0] : malloc(((size_t)lt_dict_size(b->dict) + 1) * sizeof *rank[1]);
    int status = ra && rb && rank[0] && rank[1] ? 0 : lt_nomem();
    if (status == 0)
        status = rank_dicts(a->dict, same ? NULL : b->dict, rank);
    if (status == 0) {
        const int32_t *ca = lt_col_codes(a), *cb = lt_col_codes(b);
        const int32_t *rka = rank[0], *rkb = rank[1];
        PARFOR {
            ra[i] = rka[ca[i] + 1];
            rb[i] = rkb[cb[i] + 1];
        }
        cmp_i32(ra, rb, lt_col_bool(r), n, true, true, masks_of(op));
        status = mark_na(r, a, b);
    }
    free(ra);
    free(rb);
    if (!same)
        free(rank[1]);
    free(rank[0]);
    return status;
}

typedef enum kind { K_NUM, K_STR, K_TIME } kind;

static kind kind_of(lt_type t)
{
    return t == LT_STR ? K_STR : t == LT_TIME ? K_TIME : K_NUM;
}

lt_col *lt_col_cmp(const lt_col *a, const lt_col *b, lt_cmp op)
{
    if (kind_of(a->type) != kind_of(b->type)) {
        lt_seterr(LT_ETYPE, "cannot compare %s with %s (%s); expected numbers with "
                  "numbers, str with str or time with time",
                  lt_type_name(a->type), lt_type_name(b->type), cmp_names[op]);
        return NULL;
    }
    int64_t n = result_len(a, b, cmp_names[op]);
    if (n < 0)
        return NULL;
    lt_col *r = lt_col_new(LT_BOOL, n);
    if (!r)
        return NULL;
    bool sa = a->n == n, sb = b->n == n;
    int status;
    if (kind_of(a->type) != K_STR) {
        status = cmp_numbers(a, b, op, r, sa, sb);
        if (status == 0)
            status = mark_na(r, a, b);
    } else if (!sb) {
        status = cmp_str_scalar(a, b, op, r);
    } else if (!sa) {
        status = cmp_str_scalar(b, a, flip(op), r);
    } else {
        status = cmp_str_full(a, b, op, r);
    }
    return lt_col_done(r, status);
}

/* ---- logic --------------------------------------------------------------- */

lt_col *lt_col_logic(const lt_col *a, const lt_col *b, lt_logic op)
{
    const char *name = op == LT_AND ? "and" : "or";
    if (a->type != LT_BOOL || b->type != LT_BOOL) {
        lt_seterr(LT_ETYPE, "cannot compute %s %s %s; expected bool columns",
                  lt_type_name(a->type), name, lt_type_name(b->type));
        return NULL;
    }
    int64_t n = result_len(a, b, name);
    if (n < 0)
        return NULL;
    lt_col *r = lt_col_new(LT_BOOL, n);
    if (!r)
        return NULL;
    bool sa = a->n == n, sb = b->n == n;
    const uint8_t *x = lt_col_bool(a), *y = lt_col_bool(b);
    uint8_t *out = lt_col_bool(r);
    if (op == LT_AND)
        BCAST(PARFOR, out[i] = x[ia] & y[ib]);
    else
        BCAST(PARFOR, out[i] = x[ia] | y[ib]);
    int status = 0;
    if (a->nmiss || b->nmiss) {
        /* Three-valued logic: a known operand equal to the dominant value
         * (false for and, true for or) decides the result even when the
         * other one is missing. */
        uint8_t dom = op == LT_OR;
        for (int64_t i = 0; i < n && status == 0; i++) {
            int64_t ia = sa ? i : 0, ib = sb ? i : 0;
            bool nx = lt_col_is_na(a, ia), ny = lt_col_is_na(b, ib);
            if ((nx || ny) && !((!nx && x[ia] == dom) || (!ny && y[ib] == dom)))
                status = lt_col_set_na(r, i);
        }
    }
    return lt_col_done(r, status);
}

lt_col *lt_col_not(const lt_col *a)
{
    if (a->type != LT_BOOL) {
        lt_seterr(LT_ETYPE, "cannot negate (not) a %s column; expected bool",
                  lt_type_name(a->type));
        return NULL;
    }
    int64_t n = a->n;
    lt_col *r = lt_col_new(LT_BOOL, n);
    if (!r)
        return NULL;
    const uint8_t *x = lt_col_bool(a);
    uint8_t *out = lt_col_bool(r);
    PARFOR out[i] = !x[i];
    return lt_col_done(r, mark_na(r, a, NULL));
}

/* ---- math ---------------------------------------------------------------- */

/* R_pow_di of R's nmath: x^n by repeated squaring, 1/x^|n| for n < 0. */
static double pow_di(double x, int n)
{
    double xn = 1.0;
    bool neg = n < 0;
    if (neg)
        n = -n;
    for (;;) {
        if (n & 1)
            xn *= x;
        if ((n >>= 1))
            x *= x;
        else
            break;
    }
    return neg ? 1.0 / xn : xn;
}

/* R 4.x round(x, digits) (nmath/fround.c): of the two candidates with
 * `dig` decimals around x, the nearer one as the doubles stand, the even
 * one on an exact tie; nearbyint (half to even) for 0 digits. */
static double fround(double x, int dig)
{
    enum { MAX_DIGITS = 308 };
    if (x != x || isinf(x) || x == 0.0 || dig > MAX_DIGITS + 15)
        return x;
    if (dig < -MAX_DIGITS)
        return 0.0;
    if (dig == 0)
        return nearbyint(x);
    double sgn = 1.0;
    if (x < 0) {
        sgn = -1.0;
        x = -x;
    }
    if (dig + (logb(x) + 0.5) * 0.301029995663981195 > 15)   /* DBL_DIG */
        return sgn * x;
    double pow10, x10, i10, xd, xu;
    if (dig <= MAX_DIGITS) {
        pow10 = pow_di(10.0, dig);
        x10 = pow10 * x;
        i10 = floor(x10);
        xd = i10 / pow10;
        xu = ceil(x10) / pow10;
    } else {   /* 10^dig would overflow: x is tiny */
        double p10 = pow_di(10.0, dig - MAX_DIGITS);
        pow10 = pow_di(10.0, MAX_DIGITS);
        x10 = (pow10 * x) * p10;
        i10 = floor(x10);
        xd = i10 / pow10 / p10;
        xu = ceil(x10) / pow10 / p10;
    }
    double du = xu - x, dd = x - xd;
    return sgn * ((du < dd || (du == dd && fmod(i10, 2.0) == 1)) ? xu : xd);
}

/* Round an integer to a multiple of 10^-dig (dig < 0), half to even;
 * true when the result does not fit in int64. */
static bool i64_round(int64_t x, int dig, int64_t *r)
{
    if (dig < -19) {   /* |x| < 10^19 / 2 ... so everything rounds to 0 */
        *r = 0;
        return false;
    }
    __int128 p = 1;
    for (int k = 0; k < -dig; k++)
        p *= 10;
    __int128 q = x / p, rem = x % p;   /* truncated */
    if (rem < 0) {
        q--;
        rem += p;
    }
    if (2 * rem > p || (2 * rem == p && (q & 1)))
        q++;
    __int128 v = q * p;
    if (v > INT64_MAX || v < INT64_MIN)
        return true;
    *r = (int64_t)v;
    return false;
}

static const char *const math_names[] = { "log", "exp", "sqrt", "abs", "round" };

/* abs and round on integers: the result stays i64 (bool widens to i64). */
static lt_col *math_int(const lt_col *a, lt_math fn, int digits)
{
    int64_t n = a->n;
    lt_col *r = lt_col_new(LT_I64, n);
    if (!r)
        return NULL;
    int64_t *t;
    const int64_t *x = i64_view(a, &t);
    int64_t *out = lt_col_i64(r);
    int status = x ? 0 : LT_ENOMEM;
    for (int64_t i = 0; i < n && status == 0; i++) {
        bool bad;
        if (fn == LT_ABS) {
            bad = x[i] == INT64_MIN;
            out[i] = bad ? 0 : x[i] < 0 ? -x[i] : x[i];
        } else if (digits >= 0) {
            bad = false;
            out[i] = x[i];
        } else {
            bad = i64_round(x[i], digits, &out[i]);
        }
        if (bad || lt_col_is_na(a, i))
            status = lt_col_set_na(r, i);
    }
    free(t);
    return lt_col_done(r, status);
}

lt_col *lt_col_math(const lt_col *a, lt_math fn, int digits)
{
    if (!lt_type_is_numeric(a->type)) {
        lt_seterr(LT_ETYPE, "cannot compute %s of a %s column; expected a number "
                  "(f64, i64 or bool)", math_names[fn], lt_type_name(a->type));
        return NULL;
    }
    if (a->type != LT_F64 && (fn == LT_ABS || fn == LT_ROUND)) {
        if (a->type == LT_I64 && fn == LT_ROUND && digits >= 0)
            return ref_of(a);
        return math_int(a, fn, digits);
    }
    int64_t n = a->n;
    lt_col *r = lt_col_new(LT_F64, n);
    if (!r)
        return NULL;
    double *t;
    const double *x = f64_view(a, &t);
    if (!x)
        return lt_col_done(r, LT_ENOMEM);
    double *out = lt_col_f64(r);
    switch (fn) {
    case LT_LOG: PARFOR out[i] = log(x[i]); break;
    case LT_EXP: PARFOR out[i] = exp(x[i]); break;
    case LT_SQRT: PARFOR out[i] = sqrt(x[i]); break;
    case LT_ABS: PARFOR out[i] = fabs(x[i]); break;
    case LT_ROUND: PARFOR out[i] = fround(x[i], digits); break;
    }
    free(t);
    return lt_col_done(r, 0);
}

/* ---- missing values ------------------------------------------------------ */

lt_col *lt_col_is_na_col(const lt_col *a)
{
    int64_t n = a->n;
    lt_col *r = lt_col_new(LT_BOOL, n);
    if (!r)
        return NULL;
    uint8_t *out = lt_col_bool(r);
    if (a->type == LT_F64) {
        const double *x = lt_col_f64(a);
        PARFOR out[i] = x[i] != x[i];
    } else if (a->valid) {
        const uint8_t *v = a->valid;
        PARFOR out[i] = !((v[i >> 3] >> (i & 7)) & 1);
    }
    return lt_col_finish(r);
}

/* Numeric type order for fill_na's promotion: bool < i64 < f64. */
static int num_rank(lt_type t)
{
    return t == LT_BOOL ? 0 : t == LT_I64 ? 1 : 2;
}

/* A str column with a's codes where present and `s` where missing. */
static lt_col *fill_str(const lt_col *a, const char *s, size_t len)
{
    lt_dict *d = a->dict;
    int32_t k = lt_dict_find(d, s, len);
    bool own = k < 0;
    if (own) {
        /* a's dictionary is shared and immutable: copy it (same codes) and
         * add s at the end. */
        d = lt_dict_new();
        if (!d)
            return NULL;
        int32_t size = lt_dict_size(a->dict);
        for (int32_t c = 0; c <= size; c++) {
            size_t lc = len;
            const char *sc = c < size ? lt_dict_str(a->dict, c, &lc) : s;
            if ((k = lt_dict_intern(d, sc, lc)) < 0) {
                lt_dict_unref(d);
                return NULL;
            }
        }
    }
    lt_col *r = lt_col_new_str(a->n, d);
    if (own)
        lt_dict_unref(d);
    if (!r)
        return NULL;
    const int32_t *x = lt_col_codes(a);
    int32_t *out = lt_col_codes(r);
    int64_t n = a->n;
    PARFOR out[i] = x[i] < 0 ? k : x[i];
    return lt_col_finish(r);
}

lt_col *lt_col_fill_na(const lt_col *a, const lt_col *value)
{
    if (value->n != 1) {
        lt_seterr(LT_ELENGTH, "fill_na: the value must be a single value, got %lld values",
                  (long long)value->n);
        return NULL;
    }
    kind ka = kind_of(a->type);
    if (ka != kind_of(value->type)) {
        lt_seterr(LT_ETYPE, "fill_na: cannot fill a %s column with a %s value; expected %s",
                  lt_type_name(a->type), lt_type_name(value->type),
                  ka == K_NUM ? "a number" : lt_type_name(a->type));
        return NULL;
    }
    lt_type to = a->type;
    if (ka == K_NUM && num_rank(value->type) > num_rank(a->type))
        to = value->type;
    lt_time_kind tkind = LT_DATE;
    if (ka == K_TIME && (a->tkind == LT_DATETIME || value->tkind == LT_DATETIME))
        tkind = LT_DATETIME;
    bool same_type = to == a->type && (ka != K_TIME || tkind == a->tkind);
    if (a->nmiss == 0 || value->nmiss) {   /* nothing to fill: only convert */
        if (same_type)
            return ref_of(a);
        lt_col *r = to == a->type ? lt_col_slice(a, 0, a->n) : lt_col_astype(a, to, false);
        if (r && ka == K_TIME)
            r->tkind = tkind;   /* a fresh column, ours alone */
        return r;
    }
    if (ka == K_STR) {
        size_t len;
        const char *s = lt_col_get_str(value, 0, &len);
        return fill_str(a, s, len);
    }
    /* Numbers and times: convert a to the result type, then fill. */
    lt_col *c = lt_col_astype(a, to, false);
    if (!c)
        return NULL;
    int64_t n = a->n;
    lt_col *r = lt_col_new(to, n);
    if (!r) {
        lt_col_unref(c);
        return NULL;
    }
    r->tkind = tkind;
    int status = 0;
    switch (to) {
    case LT_F64: {
        const double *x = lt_col_f64(c);
        double v = lt_col_get_num(value, 0), *out = lt_col_f64(r);
        PARFOR out[i] = x[i] != x[i] ? v : x[i];
        break;
    }
    case LT_I64:
    case LT_TIME: {
        int64_t *t;
        const int64_t *v = i64_view(value, &t);
        if (!v) {
            status = LT_ENOMEM;
            break;
        }
        memcpy(lt_col_i64(r), lt_col_i64(c), (size_t)n * sizeof(int64_t));
        for (int64_t i = 0; i < n; i++)
            if (lt_col_is_na(c, i))
                lt_col_i64(r)[i] = v[0];
        free(t);
        break;
    }
    case LT_BOOL:
        memcpy(lt_col_bool(r), lt_col_bool(c), (size_t)n);
        for (int64_t i = 0; i < n; i++)
            if (lt_col_is_na(c, i))
                lt_col_bool(r)[i] = lt_col_bool(value)[0];
        break;
    case LT_STR:
        break;
    }
    lt_col_unref(c);
    return lt_col_done(r, status);
}

/* ---- conversion ---------------------------------------------------------- */

/* A str value converts as the CSV reader reads a field of a column of the
 * target type: outer spaces and tabs are ignored, the reader's default
 * missing-value tokens give a missing value (not an error), numbers go
 * through core/numparse.h, bools are true/false/yes/no in any case or 1/0
 * (as for a column forced to bool), times ISO 8601. */
static bool is_na_token(const char *s, size_t len)
{
    static const char *const tokens[] = { "", "NA", "N/A", "null", "NaN" };
    for (size_t k = 0; k < sizeof tokens / sizeof *tokens; k++)
        if (strlen(tokens[k]) == len && memcmp(tokens[k], s, len) == 0)
            return true;
    return false;
}

static bool is_word(const char *s, size_t len, const char *w)
{
    return strlen(w) == len && strncasecmp(s, w, len) == 0;
}

static bool parse_bool(const char *s, size_t len, uint8_t *out)
{
    if (is_word(s, len, "true") || is_word(s, len, "yes") || is_word(s, len, "1")) {
        *out = 1;
        return true;
    }
    if (is_word(s, len, "false") || is_word(s, len, "no") || is_word(s, len, "0")) {
        *out = 0;
        return true;
    }
    return false;
}

/* f64 -> integer: *r gets x truncated toward zero; returns 0 when x is
 * integral and in range, 1 when it has a fraction, 2 when out of range. */
static int f64_to_i64(double x, int64_t *r)
{
    if (!(x >= -0x1p63 && x < 0x1p63))
        return 2;
    double t = trunc(x);
    *r = (int64_t)t;
    return t != x;
}

/* The parsed value of one dictionary string. */
typedef struct parsed {
    enum { P_OK, P_NA, P_BAD, P_FRAC, P_RANGE } status;
    union { double f; int64_t i; uint8_t b; } v;
    lt_time_kind kind;
} parsed;

static parsed parse_str(const char *s, size_t len, lt_type to)
{
    parsed p = { P_OK, { 0 }, LT_DATETIME };
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    double f;
    if (is_na_token(s, len)) {
        p.status = P_NA;
        return p;
    }
    switch (to) {
    case LT_F64:
        if (!lt_num_parse_f64(s, len, &p.v.f))
            p.status = P_BAD;
        break;
    case LT_I64:
        switch (lt_num_parse_i64(s, len, &p.v.i)) {
        case 1: break;
        case 2: p.status = P_RANGE; break;
        default:   /* "1e3" is the integer 1000; "nan" is missing */
            if (!lt_num_parse_f64(s, len, &f)) {
                p.status = P_BAD;
            } else if (f != f) {
                p.status = P_NA;
            } else {
                int e = f64_to_i64(f, &p.v.i);
                p.status = e == 0 ? P_OK : e == 1 ? P_FRAC : P_RANGE;
            }
        }
        break;
    case LT_BOOL:
        if (!parse_bool(s, len, &p.v.b))
            p.status = P_BAD;
        break;
    case LT_TIME:
        if (lt_time_parse(s, len, &p.v.i, &p.kind) != 0)
            p.status = P_BAD;
        break;
    case LT_STR:
        break;
    }
    return p;
}

static const char *const expected_text[] = {
    [LT_F64] = "a number", [LT_I64] = "an integer", [LT_BOOL] = "true, false, yes, no, 1 or 0",
    [LT_STR] = "a string", [LT_TIME] = "an ISO 8601 date or datetime",
};

/* str -> f64/i64/bool/time: each dictionary string is parsed once, then
 * rows take the parsed value of their code. */
static lt_col *from_str(const lt_col *a, lt_type to, bool lenient)
{
    int32_t size = lt_dict_size(a->dict);
    parsed *tbl = malloc((size_t)(size ? size : 1) * sizeof *tbl);
    if (!tbl) {
        lt_nomem();
        return NULL;
    }
    for (int32_t k = 0; k < size; k++) {
        size_t len;
        const char *s = lt_dict_str(a->dict, k, &len);
        tbl[k] = parse_str(s, len, to);
        if (lenient && tbl[k].status == P_FRAC)
            tbl[k].status = P_OK;   /* lenient truncates toward zero */
    }

    int64_t n = a->n;
    lt_col *r = lt_col_new(to, n);
    if (!r) {
        free(tbl);
        return NULL;
    }
    const int32_t *codes = lt_col_codes(a);
    bool dates = true, any = false;
    int status = 0;
    for (int64_t i = 0; i < n && status == 0; i++) {
        const parsed *p = codes[i] < 0 ? NULL : &tbl[codes[i]];
        if (p && p->status != P_OK && p->status != P_NA && !lenient) {
            const char *s = lt_dict_str(a->dict, codes[i], NULL);
            status = lt_seterr(LT_EINVAL, "astype: '%s' (row %lld) is not %s%s; use the "
                               "lenient option to make such values missing",
                               s, (long long)i + 1, expected_text[to],
                               p->status == P_RANGE ? " in the range of i64"
                               : p->status == P_FRAC ? " (it has a fraction)" : "");
            break;
        }
        if (!p || p->status != P_OK) {
            status = lt_col_set_na(r, i);
            continue;
        }
        switch (to) {
        case LT_F64: lt_col_f64(r)[i] = p->v.f; break;
        case LT_I64: lt_col_i64(r)[i] = p->v.i; break;
        case LT_BOOL: lt_col_bool(r)[i] = p->v.b; break;
        case LT_TIME:
            lt_col_i64(r)[i] = p->v.i;
            dates &= p->kind == LT_DATE;
            any = true;
            break;
        case LT_STR: break;
        }
    }
    r->tkind = any && dates ? LT_DATE : LT_DATETIME;
    free(tbl);
    return lt_col_done(r, status);
}

/* Value i (present) of a non-str column as text: integers plainly, doubles
 * with 15 significant digits or 17 when 15 do not read back to the same
 * double, Inf/-Inf, true/false, ISO 8601 times.  buf holds >= 32 bytes. */
static size_t format_value(const lt_col *a, int64_t i, char *buf, size_t cap)
{
    switch (a->type) {
    case LT_F64: {
        double x = lt_col_f64(a)[i] + 0.0;   /* -0 prints as 0, as in R */
        if (isinf(x))
            return (size_t)snprintf(buf, cap, "%s", x > 0 ? "Inf" : "-Inf");
        int len = snprintf(buf, cap, "%.15g", x);
        double back;
        if (!lt_num_parse_f64(buf, (size_t)len, &back) || back != x)
            len = snprintf(buf, cap, "%.17g", x);
        return (size_t)len;
    }
    case LT_I64: return (size_t)snprintf(buf, cap, "%" PRId64, lt_col_i64(a)[i]);
    case LT_BOOL: return (size_t)snprintf(buf, cap, "%s", lt_col_bool(a)[i] ? "true" : "false");
    case LT_TIME: return lt_time_format(lt_col_i64(a)[i], a->tkind, buf, cap);
    case LT_STR: break;
    }
    return 0;
}

static lt_col *to_str(const lt_col *a)
{
    lt_dict *d = lt_dict_new();
    if (!d)
        return NULL;
    lt_col *r = lt_col_new_str(a->n, d);
    lt_dict_unref(d);
    if (!r)
        return NULL;
    locale_t old, c = c_locale_enter(&old);
    if (!c)
        return lt_col_done(r, lt_nomem());
    int status = 0;
    int32_t *out = lt_col_codes(r);
    for (int64_t i = 0; i < a->n && status == 0; i++) {
        if (lt_col_is_na(a, i)) {
            status = lt_col_set_na(r, i);
            continue;
        }
        char buf[64];
        size_t len = format_value(a, i, buf, sizeof buf);
        int32_t code = lt_dict_intern(d, buf, len);
        if (code < 0)
            status = code;
        else
            out[i] = code;
    }
    c_locale_leave(c, old);
    return lt_col_done(r, status);
}

/* Between numbers and times (bool <-> time excluded). */
static lt_col *convert_num(const lt_col *a, lt_type to, bool lenient)
{
    int64_t n = a->n;
    lt_col *r = lt_col_new(to, n);
    if (!r)
        return NULL;
    r->tkind = LT_DATETIME;
    int status = 0;
    if (to == LT_F64) {
        double *t;
        const double *x = f64_view(a, &t);
        if (x)
            memcpy(lt_col_f64(r), x, (size_t)n * sizeof *x);
        free(t);
        return lt_col_done(r, x ? 0 : LT_ENOMEM);
    }
    for (int64_t i = 0; i < n && status == 0; i++) {
        if (lt_col_is_na(a, i)) {
            status = lt_col_set_na(r, i);
            continue;
        }
        if (to == LT_BOOL) {
            lt_col_bool(r)[i] = a->type == LT_F64 ? lt_col_f64(a)[i] != 0
                                                  : lt_col_i64(a)[i] != 0;
        } else if (a->type == LT_BOOL) {
            lt_col_i64(r)[i] = lt_col_bool(a)[i];
        } else if (a->type != LT_F64) {
            lt_col_i64(r)[i] = lt_col_i64(a)[i];
        } else {
            double x = lt_col_f64(a)[i];
            int e = f64_to_i64(x, &lt_col_i64(r)[i]);
            if (e == 2 && lenient)
                status = lt_col_set_na(r, i);
            else if (e == 2 || (e == 1 && !lenient))
                status = lt_seterr(LT_EINVAL, "astype: %.17g (row %lld) is not %s; use "
                                   "the lenient option to %s", x, (long long)i + 1,
                                   e == 1 ? "a whole number" : "in the range of i64",
                                   e == 1 ? "truncate it" : "make it missing");
        }
    }
    return lt_col_done(r, status);
}

lt_col *lt_col_astype(const lt_col *a, lt_type to, bool lenient)
{
    if (a->type == to)
        return ref_of(a);
    if (to == LT_STR)
        return to_str(a);
    if (a->type == LT_STR)
        return from_str(a, to, lenient);
    if ((a->type == LT_BOOL && to == LT_TIME) || (a->type == LT_TIME && to == LT_BOOL)) {
        lt_seterr(LT_ETYPE, "astype: cannot convert %s to %s", lt_type_name(a->type),
                  lt_type_name(to));
        return NULL;
    }
    return convert_num(a, to, lenient);
}
