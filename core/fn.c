/* The function registry of expressions, and the functions that wrap the
 * eager kernels of ops.h and cond.h: operators, math, when, cast ... */
#include "fn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "error.h"
#include "ops.h"
#include "suggest.h"

/* ---- the registry ------------------------------------------------------- */

static const lt_fn *const tables[] = {
    lt_ops_fns,
    lt_string_fns,
    lt_date_fns,
    lt_window_fns,
    lt_agg_fns,
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

const lt_fn *lt_fn_next(int *i)
{
    int k = *i;
    for (int t = 0; t < NTABLES; t++) {
        int len = 0;
        while (tables[t][len].name)
            len++;
        if (k < len) {
            (*i)++;
            return &tables[t][k];
        }
        k -= len;
    }
    return NULL;
}

const lt_fn *lt_fn_find(const char *name)
{
    for (int t = 0; t < NTABLES; t++)
        for (const lt_fn *f = tables[t]; f->name; f++)
            if (strcmp(f->name, name) == 0)
                return f;
    return NULL;
}

const char *lt_fn_suggest(const char *name)
{
    enum { MAXFN = 512 };
    const char *names[MAXFN];
    int n = 0, i = 0;
    for (const lt_fn *f; n < MAXFN && (f = lt_fn_next(&i));)
        names[n++] = f->name;
    return lt_suggest(name, names, n);
}

/* ---- parameters --------------------------------------------------------- */

int lt_fn_int_param(const lt_col *c, const char *what, int64_t *out)
{
    if (c->n != 1 || lt_col_is_na(c, 0))
        return lt_seterr(LT_EINVAL, "%s must be one whole number", what);
    if (c->type == LT_I64 || c->type == LT_BOOL) {
        *out = c->type == LT_I64 ? lt_col_i64(c)[0] : lt_col_bool(c)[0];
        return 0;
    }
    double d = c->type == LT_F64 ? lt_col_f64(c)[0] : NAN;
    if (!(d >= -0x1p62 && d <= 0x1p62) || d != trunc(d))
        return lt_seterr(LT_EINVAL, "%s must be a whole number, got %s", what,
                         c->type == LT_F64 ? "a fraction" : lt_type_name(c->type));
    *out = (int64_t)d;
    return 0;
}

int lt_fn_num_param(const lt_col *c, const char *what, double *out)
{
    if (c->n != 1 || !lt_type_is_numeric(c->type) || lt_col_is_na(c, 0))
        return lt_seterr(LT_EINVAL, "%s must be one number%s%s", what,
                         c->n == 1 && !lt_type_is_numeric(c->type) ? ", got " : "",
                         c->n == 1 && !lt_type_is_numeric(c->type) ? lt_type_name(c->type)
                                                                   : "");
    *out = lt_col_get_num(c, 0);
    return 0;
}

const char *lt_fn_str_param(const lt_col *c, const char *what)
{
    const char *s = c->n == 1 && c->type == LT_STR ? lt_col_get_str(c, 0, NULL) : NULL;
    if (!s)
        lt_seterr(LT_EINVAL, "%s must be one string%s%s", what,
                  c->n == 1 && c->type != LT_STR ? ", got " : "",
                  c->n == 1 && c->type != LT_STR ? lt_type_name(c->type) : "");
    return s;
}

const char *lt_fn_str_param_na(const lt_col *c, const char *what, int *err)
{
    if (c->n == 1 && c->type == LT_STR && lt_col_is_na(c, 0))
        return NULL;
    const char *s = lt_fn_str_param(c, what);
    if (!s)
        *err = LT_EINVAL;
    return s;
}

/* ---- operators ---------------------------------------------------------- */

#define ARITH(NAME, OP)                                                          \
    static lt_col *NAME(lt_col *const *a, int n, const lt_fn_ctx *ctx)         \
    {                                                                            \
        (void)n, (void)ctx;                                                      \
        return lt_col_arith(a[0], a[1], OP);                                     \
    }
ARITH(fn_add, LT_ADD)
ARITH(fn_sub, LT_SUB)
ARITH(fn_mul, LT_MUL)
ARITH(fn_div, LT_DIV)
ARITH(fn_mod, LT_MOD)
ARITH(fn_pow, LT_POW)

static lt_col *fn_neg(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_neg(a[0]);
}

/* Comparisons; a string compared with a time is read as a time
 * (col"date":ge("2024-01-01")). */
static lt_col *compare(lt_col *x, lt_col *y, lt_cmp op)
{
    lt_col *tmp = NULL;
    if (x->type == LT_TIME && y->type == LT_STR)
        y = tmp = lt_col_astype(y, LT_TIME, false);
    else if (y->type == LT_TIME && x->type == LT_STR)
        x = tmp = lt_col_astype(x, LT_TIME, false);
    if (!x || !y)
        return NULL;
    lt_col *r = lt_col_cmp(x, y, op);
    lt_col_unref(tmp);
    return r;
}

#define CMP(NAME, OP)                                                            \
    static lt_col *NAME(lt_col *const *a, int n, const lt_fn_ctx *ctx)         \
    {                                                                            \
        (void)n, (void)ctx;                                                      \
        return compare(a[0], a[1], OP);                                          \
    }
CMP(fn_eq, LT_EQ)
CMP(fn_ne, LT_NE)
CMP(fn_lt, LT_LT)
CMP(fn_le, LT_LE)
CMP(fn_gt, LT_GT)
CMP(fn_ge, LT_GE)

static lt_col *fn_and(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_logic(a[0], a[1], LT_AND);
}

static lt_col *fn_or(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_logic(a[0], a[1], LT_OR);
}

static lt_col *fn_not(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_not(a[0]);
}

static lt_col *fn_between(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    lt_col *lo = compare(a[0], a[1], LT_GE);
    lt_col *hi = lo ? compare(a[0], a[2], LT_LE) : NULL;
    lt_col *r = hi ? lt_col_logic(lo, hi, LT_AND) : NULL;
    lt_col_unref(lo);
    lt_col_unref(hi);
    return r;
}

static lt_col *fn_is_in(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_is_in(a[0], a[1]);
}

/* when(c1, v1 [, c2, v2 ...] [, otherwise]): folded from the right into
 * ifelse calls; without an otherwise, missing. */
static lt_col *fn_when(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)ctx;
    lt_col *r;
    if (n % 2) {
        r = lt_col_ref(a[n - 1]);
    } else {
        if (!(r = lt_col_new(LT_BOOL, 1)) || lt_col_set_na(r, 0) < 0) {
            lt_col_unref(r);
            return NULL;
        }
        lt_col_finish(r);
    }
    for (int k = (n % 2 ? n - 1 : n) - 2; k >= 0 && r; k -= 2) {
        lt_col *next = lt_col_ifelse(a[k], a[k + 1], r);
        lt_col_unref(r);
        r = next;
    }
    return r;
}

static lt_col *fn_is_na(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_is_na_col(a[0]);
}

static lt_col *fn_fill_na(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)n, (void)ctx;
    return lt_col_fill_na(a[0], a[1]);
}

/* cast(x, type [, lenient]); "date" also marks the result as dates, which
 * needs every value at midnight. */
static lt_col *fn_cast(lt_col *const *a, int n, const lt_fn_ctx *ctx)
{
    (void)ctx;
    const char *name = lt_fn_str_param(a[1], "the type");
    int64_t lenient = 0;
    if (!name || (n > 2 && lt_fn_int_param(a[2], "lenient", &lenient) < 0))
        return NULL;
    lt_type t;
    lt_time_kind kind;
    if (lt_type_parse(name, &t, &kind) < 0)
        return NULL;
    lt_col *r = lt_col_astype(a[0], t, lenient != 0);
    if (!r || t != LT_TIME || r->tkind == kind)
        return r;
    if (kind == LT_DATETIME || r->refs > 1) {
        /* a new column of the other kind, sharing nothing */
        lt_col *c = lt_col_slice(r, 0, r->n);
        lt_col_unref(r);
        if (!(r = c))
            return NULL;
    }
    if (kind == LT_DATE)
        for (int64_t i = 0; i < r->n; i++)
            if (!lt_col_is_na(r, i) && lt_col_i64(r)[i] % LT_US_PER_DAY != 0) {
                lt_col_unref(r);
                lt_seterr(LT_EINVAL, "value %lld has a time of day; use floor(x, 'day') "
                          "to drop it", (long long)(i + 1));
                return NULL;
            }
    r->tkind = kind;
    return r;
}

static lt_col *math(lt_col *const *a, int n, lt_math fn)
{
    int64_t digits = 0;
    if (n > 1 && lt_fn_int_param(a[1], "digits", &digits) < 0)
        return NULL;
    if (digits < -308 || digits > 308) {
        lt_seterr(LT_EINVAL, "digits = %lld; expected -308 to 308", (long long)digits);
        return NULL;
    }
    return lt_col_math(a[0], fn, (int)digits);
}

#define MATH(NAME, FN)                                                           \
    static lt_col *NAME(lt_col *const *a, int n, const lt_fn_ctx *ctx)         \
    {                                                                            \
        (void)ctx;                                                               \
        return math(a, n, FN);                                                   \
    }
MATH(fn_log, LT_LOG)
MATH(fn_exp, LT_EXP)
MATH(fn_sqrt, LT_SQRT)
MATH(fn_abs, LT_ABS)
MATH(fn_round, LT_ROUND)

#define BINOP(NAME, FN, OP, PREC, WHAT, EX)                                     \
    {NAME, LT_FN_MAP, 2, 2, FN, OP, PREC, "x:" NAME "(y)", WHAT, EX}

const lt_fn lt_ops_fns[] = {
    BINOP("add", fn_add, "+", 10, "x + y, element-wise (also the + operator).",
          "col\"monthly_charges\" + 1"),
    BINOP("sub", fn_sub, "-", 10, "x - y (also the - operator).",
          "col\"total_charges\" - col\"monthly_charges\""),
    BINOP("mul", fn_mul, "*", 11, "x * y (also the * operator).", "col\"tenure\" * 12"),
    BINOP("div", fn_div, "/", 11, "x / y, always f64 (also the / operator).",
          "col\"total_charges\" / col\"tenure\""),
    BINOP("mod", fn_mod, "%", 11, "x % y, floored as Lua and R (also %).",
          "col\"tenure\" % 12"),
    BINOP("pow", fn_pow, "^", 14, "x ^ y, f64 (also the ^ operator).", "col\"tenure\" ^ 2"),
    {"neg", LT_FN_MAP, 1, 1, fn_neg, "-", 12, "x:neg()", "-x (also unary -).", "-col\"tenure\""},
    BINOP("eq", fn_eq, "==", 3, "x == y as a bool column.\nMissing where either is missing. "
          "A string compared with a time is read as a date or datetime.",
          "col\"contract\":eq(\"Two year\")"),
    BINOP("ne", fn_ne, "~=", 3, "x ~= y as a bool column.", "col\"contract\":ne(\"Month-to-month\")"),
    BINOP("lt", fn_lt, "<", 3, "x < y as a bool column (strings by byte order).",
          "col\"tenure\":lt(12)"),
    BINOP("le", fn_le, "<=", 3, "x <= y as a bool column.", "col\"tenure\":le(12)"),
    BINOP("gt", fn_gt, ">", 3, "x > y as a bool column.", "col\"tenure\":gt(12)"),
    BINOP("ge", fn_ge, ">=", 3, "x >= y as a bool column.", "col\"tenure\":ge(24)"),
    {"and", LT_FN_MAP, 2, 2, fn_and, "and", 2, "a & b",
     "Logical and of bool columns.\n"
     "Three-valued: missing and false is false. `and` in strings.", "col\"senior_citizen\" & col\"partner\":eq(\"Yes\")"},
    {"or", LT_FN_MAP, 2, 2, fn_or, "or", 1, "a | b",
     "Logical or of bool columns.\nThree-valued: missing or true is true. `or` in strings.",
     "col\"tenure\":lt(3) | col\"tenure\":gt(60)"},
    {"not", LT_FN_MAP, 1, 1, fn_not, "not", 12, "~a",
     "Logical not of a bool column.\nThe ~ operator, or `not` in strings.",
     "~col\"tenure\":gt(12)"},
    {"between", LT_FN_MAP, 3, 3, fn_between, NULL, 0, "x:between(lo, hi)",
     "lo <= x and x <= hi, as a bool column.", "col\"tenure\":between(12, 24)"},
    {"is_in", LT_FN_MAP, 2, 2, fn_is_in, NULL, 0, "x:is_in(values)",
     "Is x one of the values? (a bool column)\n"
     "The values: a Lua array, or a list {...} in strings. Never missing: a\n"
     "missing x is in the values when they hold nil.",
     "col\"payment_method\":is_in{ \"Mailed check\", \"Electronic check\" }"},
    {"when", LT_FN_MAP, 2, -1, fn_when, NULL, 0, "when(c1, v1 [, c2, v2 ...] [, otherwise])",
     "The first v whose condition holds, else otherwise (missing when absent).\n"
     "A missing condition counts as false; the values unify as numbers, str or time.",
     "when(col\"tenure\":lt(12), \"new\", col\"tenure\":lt(48), \"settled\", \"loyal\")"},
    {"is_na", LT_FN_MAP, 1, 1, fn_is_na, NULL, 0, "x:is_na()",
     "Bool column, true where x is missing.",
     "col\"total_charges\":is_na()"},
    {"fill_na", LT_FN_MAP, 2, 2, fn_fill_na, NULL, 0, "x:fill_na(v)",
     "x with missing values replaced by v.\nNumbers promote to the wider type.",
     "col\"total_charges\":fill_na(0)"},
    {"cast", LT_FN_MAP, 2, 3, fn_cast, NULL, 0, "x:cast(type [, lenient])",
     "Convert to another type (as Column:astype).\n"
     "Types: f64, i64, bool, str, date or datetime. With lenient true,\n"
     "values that do not convert become missing instead of an error.",
     "col\"senior_citizen\":cast(\"str\")"},
    {"log", LT_FN_MAP, 1, 1, fn_log, NULL, 0, "x:log()", "Natural logarithm (f64).",
     "col\"monthly_charges\":log()"},
    {"exp", LT_FN_MAP, 1, 1, fn_exp, NULL, 0, "x:exp()", "Exponential (f64).",
     "(-col\"tenure\"):exp()"},
    {"sqrt", LT_FN_MAP, 1, 1, fn_sqrt, NULL, 0, "x:sqrt()",
     "Square root (f64); negatives give missing.", "col\"tenure\":sqrt()"},
    {"abs", LT_FN_MAP, 1, 1, fn_abs, NULL, 0, "x:abs()", "Absolute value (i64 stays i64).",
     "(col\"tenure\" - 36):abs()"},
    {"round", LT_FN_MAP, 1, 2, fn_round, NULL, 0, "x:round([digits])",
     "Round to digits decimals (default 0).\nHalf to even, as R's round().",
     "col\"monthly_charges\":round(-1)"},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, NULL},
};
