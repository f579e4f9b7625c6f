/* Unit tests of core/ops.c: arithmetic, comparisons, logic, math, missing
 * values and conversions, with exact expected values (R's where R defines
 * them, computed with Rscript 4.2.2 as noted next to each block). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "ops.h"
#include "colbuild.h"
#include "tap.h"
#include "timefmt.h"


/* ---- checks (each one TAP line, freeing the column) --------------------- */

static bool same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b));
}

/* The column's nmiss must agree with its values. */
static bool nmiss_ok(const lt_col *c)
{
    int64_t m = 0;
    for (int64_t i = 0; i < c->n; i++)
        m += lt_col_is_na(c, i);
    return m == c->nmiss;
}

static void is_f64(lt_col *c, int64_t n, const double *want, const char *what)
{
    bool pass = c && c->type == LT_F64 && c->n == n && nmiss_ok(c);
    for (int64_t i = 0; pass && i < n; i++)
        if (!same_double(lt_col_f64(c)[i], want[i])) {
            pass = false;
            printf("#   row %lld: got %.17g, want %.17g\n", (long long)i + 1,
                   lt_col_f64(c)[i], want[i]);
        }
    if (!c)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(c);
}

static void is_i64(lt_col *c, int64_t n, const int64_t *want, const char *na, const char *what)
{
    bool pass = c && c->type == LT_I64 && c->n == n && nmiss_ok(c);
    for (int64_t i = 0; pass && i < n; i++) {
        bool wna = na && na[i] == 'x';
        if (lt_col_is_na(c, i) != wna || (!wna && lt_col_i64(c)[i] != want[i])) {
            pass = false;
            printf("#   row %lld: got %s%lld, want %s%lld\n", (long long)i + 1,
                   lt_col_is_na(c, i) ? "NA " : "", (long long)lt_col_i64(c)[i],
                   wna ? "NA " : "", (long long)want[i]);
        }
    }
    if (!c)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(c);
}

static void is_bool(lt_col *c, const char *want, const char *what)
{
    int64_t n = (int64_t)strlen(want);
    bool pass = c && c->type == LT_BOOL && c->n == n && nmiss_ok(c);
    char got[65] = "";
    for (int64_t i = 0; c && i < c->n && i < 64; i++)
        got[i] = lt_col_is_na(c, i) ? 'N' : lt_col_bool(c)[i] ? 'T' : 'F';
    pass = pass && strcmp(got, want) == 0;
    if (!pass)
        printf("#   got %s, want %s %s\n", got, want, c ? "" : lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(c);
}

static void is_strs(lt_col *c, int64_t n, const char *const *want, const char *what)
{
    bool pass = c && c->type == LT_STR && c->n == n && nmiss_ok(c);
    for (int64_t i = 0; pass && i < n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        if (!(s && want[i] ? strcmp(s, want[i]) == 0 : s == want[i])) {
            pass = false;
            printf("#   row %lld: got %s, want %s\n", (long long)i + 1, s ? s : "NA",
                   want[i] ? want[i] : "NA");
        }
    }
    if (!c)
        printf("#   error: %s\n", lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(c);
}

/* r must be NULL with error `code` and a message containing `msg`. */
static void is_err(lt_col *r, int code, const char *msg, const char *what)
{
    bool pass = !r && lt_errcode() == code && strstr(lt_errmsg(), msg);
    if (!pass)
        printf("#   got %s, code %d, message \"%s\"\n", r ? "a column" : "NULL", lt_errcode(),
               lt_errmsg());
    ok(pass, "%s", what);
    lt_col_unref(r);
    lt_clearerr();
}

/* ---- arithmetic --------------------------------------------------------- */

static void test_arith(void)
{
    lt_col *a = cf(3, (double[]){ 1.5, NA, -2 }), *b = cf(3, (double[]){ 2.25, 1, 0.5 });
    is_f64(lt_col_arith(a, b, LT_ADD), 3, (double[]){ 3.75, NA, -1.5 }, "f64 + f64, NaN propagates");
    is_f64(lt_col_arith(a, b, LT_MUL), 3, (double[]){ 3.375, NA, -1 }, "f64 * f64");

    lt_col *x = ci(3, (int64_t[]){ 1, 0, 3 }, ".x.");
    lt_col *y = ci(3, (int64_t[]){ 10, 20, 30 }, NULL);
    is_i64(lt_col_arith(x, y, LT_ADD), 3, (int64_t[]){ 11, 0, 33 }, ".x.",
           "i64 + i64 stays i64, missing propagates");
    is_i64(lt_col_arith(y, x, LT_SUB), 3, (int64_t[]){ 9, 0, 27 }, ".x.", "i64 - i64");
    lt_col *two = si(2), *ten = sf(10);
    is_i64(lt_col_arith(y, two, LT_MUL), 3, (int64_t[]){ 20, 40, 60 }, NULL,
           "broadcast a length-1 right operand");
    is_f64(lt_col_arith(ten, y, LT_SUB), 3, (double[]){ 0, -10, -20 },
           "broadcast a length-1 left operand; i64 with f64 gives f64");
    is_f64(lt_col_arith(x, ten, LT_DIV), 3, (double[]){ 0.1, NA, 0.3 },
           "i64 / f64 with a missing value");
    lt_col *e = ci(0, (int64_t[]){ 0 }, NULL);
    is_i64(lt_col_arith(e, two, LT_ADD), 0, NULL, NULL, "length 0 with length 1 gives length 0");

    lt_col *tf = cb("TFF"), *tt = cb("TTF");
    is_i64(lt_col_arith(tf, tt, LT_ADD), 3, (int64_t[]){ 2, 1, 0 }, NULL,
           "bool + bool counts as integers (i64)");
    is_f64(lt_col_arith(tf, ten, LT_MUL), 3, (double[]){ 10, 0, 0 }, "bool * f64");

    /* Overflow gives a missing value, as integer overflow does in R. */
    lt_col *big = ci(4, (int64_t[]){ INT64_MAX, 1, INT64_MIN, INT64_C(1) << 62 }, NULL);
    lt_col *one = si(1), *m1 = si(-1);
    is_i64(lt_col_arith(big, one, LT_ADD), 4, (int64_t[]){ 0, 2, INT64_MIN + 1, (INT64_C(1) << 62) + 1 },
           "x...", "INT64_MAX + 1 is missing");
    is_i64(lt_col_arith(big, one, LT_SUB), 4, (int64_t[]){ INT64_MAX - 1, 0, 0, (INT64_C(1) << 62) - 1 },
           "..x.", "INT64_MIN - 1 is missing");
    is_i64(lt_col_arith(big, m1, LT_MUL), 4, (int64_t[]){ -INT64_MAX, -1, 0, -(INT64_C(1) << 62) },
           "..x.", "INT64_MIN * -1 is missing");
    is_i64(lt_col_arith(big, two, LT_MUL), 4, (int64_t[]){ 0, 2, 0, 0 }, "x.xx",
           "2^62 * 2 and INT64_MAX * 2 are missing");

    /* Division: i64 / i64 is f64 with IEEE results (R: 7L/2L, 1L/0L, ...). */
    lt_col *n4 = ci(4, (int64_t[]){ 7, 1, -1, 0 }, NULL), *d4 = ci(4, (int64_t[]){ 2, 0, 0, 0 }, NULL);
    is_f64(lt_col_arith(n4, d4, LT_DIV), 4, (double[]){ 3.5, INFINITY, -INFINITY, NA },
           "i64 / i64: 7/2 = 3.5, 1/0 = Inf, -1/0 = -Inf, 0/0 missing");

    /* Floored modulo; R: c(5 %% 3, -5 %% 3, 5 %% -3, -5 %% -3) = 2 1 -1 -2. */
    lt_col *mx = ci(7, (int64_t[]){ 5, -5, 5, -5, 7, INT64_MIN, 0 }, "......x");
    lt_col *my = ci(7, (int64_t[]){ 3, 3, -3, -3, 0, -1, 3 }, NULL);
    is_i64(lt_col_arith(mx, my, LT_MOD), 7, (int64_t[]){ 2, 1, -1, -2, 0, 0, 0 }, "....x.x",
           "i64 %: floored, by 0 missing, INT64_MIN % -1 = 0");
    /* Rscript -e 'c(5.5 %% 2, -5.5 %% 2, 5.5 %% -2, 1e20 %% 3, -7 %% Inf, 7 %% -Inf, 5 %% 0)' */
    lt_col *fx = cf(7, (double[]){ 5.5, -5.5, 5.5, 1e20, -7, 7, 5 });
    lt_col *fy = cf(7, (double[]){ 2, 2, -2, 3, INFINITY, -INFINITY, 0 });
    is_f64(lt_col_arith(fx, fy, LT_MOD), 7, (double[]){ 1.5, 0.5, -0.5, 1, INFINITY, -INFINITY, NA },
           "f64 % as R's %%");

    /* Rscript -e 'c(2^10, 2^0.5, (-8)^(1/3), 0^0, 10^-2)' */
    lt_col *px = cf(5, (double[]){ 2, 2, -8, 0, 10 });
    lt_col *py = cf(5, (double[]){ 10, 0.5, 1.0 / 3, 0, -2 });
    is_f64(lt_col_arith(px, py, LT_POW), 5,
           (double[]){ 1024, 1.4142135623730951, NA, 1, 0.01 }, "f64 ^ f64");
    lt_col *ix = ci(2, (int64_t[]){ 2, 0 }, ".x"), *iy = ci(2, (int64_t[]){ 10, 0 }, NULL);
    is_f64(lt_col_arith(ix, iy, LT_POW), 2, (double[]){ 1024, NA },
           "i64 ^ i64 gives f64; missing ^ 0 stays missing");

    /* Negation. */
    is_i64(lt_col_neg(ci(3, (int64_t[]){ 1, INT64_MIN, 0 }, "..x")), 3,
           (int64_t[]){ -1, 0, 0 }, ".xx", "neg i64: -INT64_MIN is missing");
    is_f64(lt_col_neg(cf(3, (double[]){ 0.0, -2.5, NA })), 3, (double[]){ -0.0, 2.5, NA },
           "neg f64 keeps the sign of zero");
    is_i64(lt_col_neg(cb("TF")), 2, (int64_t[]){ -1, 0 }, NULL, "neg bool gives i64");

    /* Errors. */
    lt_col *s = cs(2, (const char *[]){ "a", "b" });
    lt_col *l3 = cf(3, (double[]){ 1, 2, 3 }), *l2 = cf(2, (double[]){ 1, 2 });
    is_err(lt_col_arith(l3, l2, LT_ADD), LT_ELENGTH, "columns have lengths 3 and 2",
           "length mismatch names both lengths");
    is_err(lt_col_arith(s, two, LT_ADD), LT_ETYPE, "cannot compute str + i64",
           "str + i64 is a type error");
    lt_col *t = ct(1, (int64_t[]){ 0 }, NULL, LT_DATE);
    is_err(lt_col_arith(t, two, LT_MUL), LT_ETYPE, "cannot compute time * i64",
           "arithmetic on time is a type error");
    is_err(lt_col_neg(s), LT_ETYPE, "cannot negate a str column", "neg str");
}

/* A big column with a broadcast operand: the threaded loops give the same
 * values as a plain loop would. */
static void test_big(void)
{
    enum { N = 200003 };
    int64_t *v = malloc(N * sizeof *v);
    for (int64_t i = 0; i < N; i++)
        v[i] = i % 1000 - 500;
    uint8_t *na = calloc(N, 1);
    na[7] = na[N - 1] = 1;
    lt_col *a = lt_col_from_i64(v, na, N), *k = si(7);
    lt_col *r = lt_col_arith(a, k, LT_MOD), *c = lt_col_cmp(a, k, LT_GT);
    bool pass = r && c && r->nmiss == 2 && c->nmiss == 2;
    for (int64_t i = 0; pass && i < N; i++) {
        if (na[i]) {
            pass = lt_col_is_na(r, i) && lt_col_is_na(c, i);
            continue;
        }
        int64_t m = ((v[i] % 7) + 7) % 7;
        pass = lt_col_i64(r)[i] == m && lt_col_bool(c)[i] == (v[i] > 7);
    }
    ok(pass, "200003 rows: threaded %% and > agree with a plain loop");
    lt_col_unref(r);
    lt_col_unref(c);
    lt_col_unref(a);
    free(v);
    free(na);
}

/* ---- comparisons -------------------------------------------------------- */

static void test_cmp(void)
{
    lt_col *a = cf(4, (double[]){ 1, 2, NA, 4 }), *b = cf(4, (double[]){ 1, 3, 1, 3.5 });
    is_bool(lt_col_cmp(a, b, LT_EQ), "TFNF", "f64 == f64");
    is_bool(lt_col_cmp(a, b, LT_NE), "FTNT", "f64 ~= f64");
    is_bool(lt_col_cmp(a, b, LT_LT), "FTNF", "f64 < f64");
    is_bool(lt_col_cmp(a, b, LT_LE), "TTNF", "f64 <= f64");
    is_bool(lt_col_cmp(a, b, LT_GT), "FFNT", "f64 > f64");
    is_bool(lt_col_cmp(a, b, LT_GE), "TFNT", "f64 >= f64");
    lt_col *two = si(2);
    is_bool(lt_col_cmp(a, two, LT_GE), "FTNT", "f64 >= i64 scalar");
    is_bool(lt_col_cmp(two, a, LT_GT), "TFNF", "i64 scalar > f64 (operands swapped)");

    /* Integers above 2^53 against doubles, compared exactly. */
    int64_t p53 = INT64_C(1) << 53;
    lt_col *xi = ci(7, (int64_t[]){ p53 + 1, p53 + 1, p53, INT64_MAX, INT64_MIN, -1, -1 }, NULL);
    lt_col *yf = cf(7, (double[]){ 0x1p53, 0x1p53 + 2, 0x1p53, 0x1p63, -0x1p63, -0.5, -1.5 });
    is_bool(lt_col_cmp(xi, yf, LT_GT), "TFFFFFT", "i64 > f64 exact above 2^53");
    is_bool(lt_col_cmp(xi, yf, LT_EQ), "FFTFTFF", "i64 == f64: 2^53+1 is not 2^53");
    is_bool(lt_col_cmp(yf, xi, LT_LT), "TFFFFFT", "f64 < i64 (mixed, swapped)");
    is_bool(lt_col_cmp(xi, yf, LT_LE), "FTTTTTF", "i64 <= f64");

    lt_col *bb = cb("TFN"), *ii = ci(3, (int64_t[]){ 1, 1, 0 }, NULL);
    is_bool(lt_col_cmp(bb, ii, LT_EQ), "TFN", "bool == i64 (bool as 0/1)");

    lt_col *t1 = ct(3, (int64_t[]){ 0, LT_US_PER_DAY, 5 }, "..x", LT_DATE);
    lt_col *t2 = ct(3, (int64_t[]){ 1, LT_US_PER_DAY, 0 }, NULL, LT_DATETIME);
    is_bool(lt_col_cmp(t1, t2, LT_LT), "TFN", "time < time (date with datetime)");
    is_err(lt_col_cmp(t1, two, LT_EQ), LT_ETYPE, "cannot compare time with i64",
           "time with a number is a type error");

    /* Strings. */
    lt_col *s = cs(5, (const char *[]){ "b", "a", "c", NULL, "a" });
    lt_col *u = cs(5, (const char *[]){ "a", "a", "d", "x", "b" });   /* another dictionary */
    is_bool(lt_col_cmp(s, u, LT_EQ), "FTFNF", "str == str on different dictionaries");
    is_bool(lt_col_cmp(s, u, LT_NE), "TFTNT", "str ~= str on different dictionaries");
    is_bool(lt_col_cmp(s, u, LT_LT), "FFTNT", "str < str on different dictionaries");
    is_bool(lt_col_cmp(s, u, LT_GE), "TTFNF", "str >= str on different dictionaries");
    lt_col *rev = keep(lt_col_take(s, (int64_t[]){ 4, 3, 2, 1, 0 }, 5));   /* same dictionary */
    is_bool(lt_col_cmp(s, rev, LT_EQ), "FNTNF", "str == str on one dictionary");
    is_bool(lt_col_cmp(s, rev, LT_GT), "TNFNF", "str > str on one dictionary");
    lt_col *sb = sstr("b"), *sz = sstr("zzz");
    is_bool(lt_col_cmp(s, sb, LT_LT), "FTFNT", "str < scalar");
    is_bool(lt_col_cmp(s, sb, LT_EQ), "TFFNF", "str == scalar");
    is_bool(lt_col_cmp(s, sz, LT_EQ), "FFFNF", "str == a string absent from the dictionary");
    is_bool(lt_col_cmp(s, sz, LT_NE), "TTTNT", "str ~= a string absent from the dictionary");
    is_bool(lt_col_cmp(sb, s, LT_GT), "FTFNT", "scalar > str (swapped)");
    lt_col *sna = cs(1, (const char *[]){ NULL });
    is_bool(lt_col_cmp(s, sna, LT_EQ), "NNNNN", "str == missing scalar is all missing");
    lt_col *bytes = cs(4, (const char *[]){ "Z", "ab", "\xc3\xa9", "" });
    lt_col *other = cs(4, (const char *[]){ "a", "a", "z", "a" });
    is_bool(lt_col_cmp(bytes, other, LT_LT), "TFFT", "byte order: Z < a, ab > a, e-acute > z, '' < a");
    is_err(lt_col_cmp(s, two, LT_LT), LT_ETYPE, "cannot compare str with i64",
           "str with a number is a type error");
    lt_col *l2 = cs(2, (const char *[]){ "a", "b" });
    is_err(lt_col_cmp(s, l2, LT_EQ), LT_ELENGTH, "lengths 5 and 2", "str length mismatch");
}

/* ---- logic -------------------------------------------------------------- */

static void test_logic(void)
{
    lt_col *x = cb("TTTFFFNNN"), *y = cb("TFNTFNTFN");
    is_bool(lt_col_logic(x, y, LT_AND), "TFNFFFNFN", "and: three-valued truth table");
    is_bool(lt_col_logic(x, y, LT_OR), "TTTTFNTNN", "or: three-valued truth table");
    is_bool(lt_col_not(x), "FFFTTTNNN", "not keeps missing");
    lt_col *f = cb("F"), *t = cb("T"), *n = cb("N");
    is_bool(lt_col_logic(y, f, LT_AND), "FFFFFFFFF", "and with a false scalar");
    is_bool(lt_col_logic(t, y, LT_OR), "TTTTTTTTT", "or with a true scalar on the left");
    is_bool(lt_col_logic(n, y, LT_AND), "NFNNFNNFN", "and with a missing scalar");
    lt_col *i = ci(9, (int64_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0 }, NULL);
    is_err(lt_col_logic(x, i, LT_OR), LT_ETYPE, "cannot compute bool or i64",
           "or needs bools");
    is_err(lt_col_not(i), LT_ETYPE, "expected bool", "not needs a bool");
    lt_col *x2 = cb("TF");
    is_err(lt_col_logic(x, x2, LT_AND), LT_ELENGTH, "lengths 9 and 2", "and length mismatch");
}

/* ---- math --------------------------------------------------------------- */

static void test_math(void)
{
    /* Rscript -e 'sprintf("%.17g", log(c(1, 2, 10, 0.5)))' etc. */
    is_f64(lt_col_math(ci(4, (int64_t[]){ 1, 2, 10, 0 }, NULL), LT_LOG, 0), 4,
           (double[]){ 0, 0.69314718055994529, 2.3025850929940459, -INFINITY },
           "log of i64 gives f64; log(0) = -Inf");
    is_f64(lt_col_math(cf(3, (double[]){ 0.5, -1, NA }), LT_LOG, 0), 3,
           (double[]){ -0.69314718055994529, NA, NA }, "log(-1) is missing");
    is_f64(lt_col_math(cf(4, (double[]){ 0, 1, -1, 2.5 }), LT_EXP, 0), 4,
           (double[]){ 1, 2.7182818284590451, 0.36787944117144233, 12.182493960703473 }, "exp");
    is_f64(lt_col_math(cf(4, (double[]){ 2, 9, 0.25, -4 }), LT_SQRT, 0), 4,
           (double[]){ 1.4142135623730951, 3, 0.5, NA }, "sqrt; sqrt(-4) is missing");
    is_f64(lt_col_math(cf(3, (double[]){ -2.5, 0.0, NA }), LT_ABS, 0), 3,
           (double[]){ 2.5, 0.0, NA }, "abs f64");
    is_i64(lt_col_math(ci(4, (int64_t[]){ -3, INT64_MIN, 0, 4 }, "..x."), LT_ABS, 0), 4,
           (int64_t[]){ 3, 0, 0, 4 }, ".xx.", "abs i64 stays i64; abs(INT64_MIN) is missing");
    is_i64(lt_col_math(cb("TFN"), LT_ABS, 0), 3, (int64_t[]){ 1, 0, 0 }, "..x", "abs bool gives i64");

    /* r <- c(0.15, 0.25, 2.5, 3.5, -2.5, 0.5, -0.5, 1.005, 2.675, -0.55, 5.015,
     *        1234.5678, 0.285, 1e300, 123.456)
     * Rscript -e 'sprintf("%.17g", round(r, d))' for d in 0, 1, 2, -1, -2 (R 4.2.2). */
    static const double r[15] = { 0.15, 0.25, 2.5, 3.5, -2.5, 0.5, -0.5, 1.005, 2.675, -0.55,
                                  5.015, 1234.5678, 0.285, 1e300, 123.456 };
    static const struct { int digits; double want[15]; } rounds[] = {
        { 0, { 0, 0, 2, 4, -2, 0, -0.0, 1, 3, -1, 5, 1235, 0, 1.0000000000000001e+300, 123 } },
        { 1, { 0.10000000000000001, 0.20000000000000001, 2.5, 3.5, -2.5, 0.5, -0.5, 1,
               2.7000000000000002, -0.59999999999999998, 5, 1234.5999999999999,
               0.29999999999999999, 1.0000000000000001e+300, 123.5 } },
        { 2, { 0.14999999999999999, 0.25, 2.5, 3.5, -2.5, 0.5, -0.5, 1, 2.6699999999999999,
               -0.55000000000000004, 5.0199999999999996, 1234.5699999999999,
               0.28000000000000003, 1.0000000000000001e+300, 123.45999999999999 } },
        { -1, { 0, 0, 0, 0, -0.0, 0, -0.0, 0, 0, -0.0, 10, 1230, 0, 1.0000000000000001e+300, 120 } },
        { -2, { 0, 0, 0, 0, -0.0, 0, -0.0, 0, 0, -0.0, 0, 1200, 0, 1.0000000000000001e+300, 100 } },
    };
    for (size_t k = 0; k < sizeof rounds / sizeof *rounds; k++) {
        char what[64];
        snprintf(what, sizeof what, "round(x, %d) as R 4.x", rounds[k].digits);
        is_f64(lt_col_math(cf(15, r), LT_ROUND, rounds[k].digits), 15, rounds[k].want, what);
    }
    lt_col *ri = ci(3, (int64_t[]){ 12, -7, 0 }, "..x");
    lt_col *same = lt_col_math(ri, LT_ROUND, 2);
    ok(same == ri, "round of i64 with digits >= 0 is the column itself");
    lt_col_unref(same);
    is_i64(lt_col_math(ci(6, (int64_t[]){ 125, 135, -125, 15, INT64_MAX, 7 }, NULL), LT_ROUND, -1),
           6, (int64_t[]){ 120, 140, -120, 20, 0, 10 }, "....x.",
           "round i64 to tens, half to even; overflow is missing");
    is_i64(lt_col_math(ci(2, (int64_t[]){ INT64_MAX, -5 }, NULL), LT_ROUND, -30), 2,
           (int64_t[]){ 0, 0 }, NULL, "round i64 with digits -30 gives 0");
    lt_col *s = cs(1, (const char *[]){ "x" });
    is_err(lt_col_math(s, LT_SQRT, 0), LT_ETYPE, "cannot compute sqrt of a str column",
           "sqrt of str");
}

/* ---- missing values ----------------------------------------------------- */

static void test_na(void)
{
    is_bool(lt_col_is_na_col(cf(3, (double[]){ 1, NA, INFINITY })), "FTF", "is_na f64 (Inf is a value)");
    is_bool(lt_col_is_na_col(ci(3, (int64_t[]){ 1, 0, 0 }, ".x.")), "FTF", "is_na i64");
    is_bool(lt_col_is_na_col(cs(3, (const char *[]){ NULL, "", "a" })), "TFF", "is_na str ('' is a value)");
    is_bool(lt_col_is_na_col(cb("TF")), "FF", "is_na without missing values");

    lt_col *i = ci(3, (int64_t[]){ 1, 0, 3 }, ".x.");
    lt_col *f25 = sf(2.5), *i7 = si(7), *bt = sbool(true);
    is_f64(lt_col_fill_na(i, f25), 3, (double[]){ 1, 2.5, 3 }, "fill i64 with f64 gives f64");
    is_i64(lt_col_fill_na(i, i7), 3, (int64_t[]){ 1, 7, 3 }, NULL, "fill i64 with i64");
    is_i64(lt_col_fill_na(i, bt), 3, (int64_t[]){ 1, 1, 3 }, NULL, "fill i64 with bool");
    lt_col *full = ci(2, (int64_t[]){ 4, 5 }, NULL);
    is_f64(lt_col_fill_na(full, f25), 2, (double[]){ 4, 5 },
           "fill i64 without missing values with f64 still gives f64");
    lt_col *fna = sf(NA);
    is_f64(lt_col_fill_na(i, fna), 3, (double[]){ 1, NA, 3 }, "fill with a missing f64");
    is_f64(lt_col_fill_na(cf(2, (double[]){ NA, 2 }), i7), 2, (double[]){ 7, 2 }, "fill f64 with i64");
    is_bool(lt_col_fill_na(cb("TNF"), cb("F")), "TFF", "fill bool with bool");
    lt_col *s = cs(3, (const char *[]){ "a", NULL, "b" });
    lt_col *sb = sstr("b"), *snew = sstr("zz");
    lt_col *r = lt_col_fill_na(s, sb);
    ok(r && r->dict == s->dict, "fill str with a string of its dictionary shares it");
    is_strs(r, 3, (const char *[]){ "a", "b", "b" }, "fill str with an existing string");
    is_strs(lt_col_fill_na(s, snew), 3, (const char *[]){ "a", "zz", "b" }, "fill str with a new string");
    lt_col *t = ct(2, (int64_t[]){ 0, 0 }, ".x", LT_DATE);
    lt_col *tv = ct(1, (int64_t[]){ 3 * LT_US_PER_DAY }, NULL, LT_DATE);
    lt_col *tf = lt_col_fill_na(t, tv);
    ok(tf && tf->type == LT_TIME && tf->tkind == LT_DATE && tf->nmiss == 0
           && lt_col_i64(tf)[1] == 3 * LT_US_PER_DAY, "fill date with date");
    lt_col_unref(tf);
    is_err(lt_col_fill_na(s, f25), LT_ETYPE, "fill_na: cannot fill a str column with a f64 value",
           "fill str with f64 is a type error");
    is_err(lt_col_fill_na(i, sb), LT_ETYPE, "cannot fill a i64 column with a str value",
           "fill i64 with str is a type error");
    is_err(lt_col_fill_na(t, f25), LT_ETYPE, "cannot fill a time column", "fill time with f64");
    is_err(lt_col_fill_na(i, full), LT_ELENGTH, "single value, got 2", "fill with two values");
}

/* ---- conversions -------------------------------------------------------- */

static void test_astype(void)
{
    lt_col *f = cf(4, (double[]){ 1, -2, NA, 3 });
    is_i64(lt_col_astype(f, LT_I64, false), 4, (int64_t[]){ 1, -2, 0, 3 }, "..x.", "f64 -> i64");
    f = cf(3, (double[]){ 1, 2.5, -2.7 });
    is_err(lt_col_astype(f, LT_I64, false), LT_EINVAL, "2.5 (row 2) is not a whole number",
           "f64 -> i64 rejects a fraction, naming the value and row");
    is_i64(lt_col_astype(f, LT_I64, true), 3, (int64_t[]){ 1, 2, -2 }, NULL,
           "f64 -> i64 lenient truncates toward zero");
    f = cf(3, (double[]){ 1e19, INFINITY, -0x1p63 });
    is_err(lt_col_astype(f, LT_I64, false), LT_EINVAL, "(row 1) is not in the range of i64",
           "f64 -> i64 rejects out-of-range values");
    is_i64(lt_col_astype(f, LT_I64, true), 3, (int64_t[]){ 0, 0, INT64_MIN }, "xx.",
           "f64 -> i64 lenient: out of range is missing");

    lt_col *i = ci(3, (int64_t[]){ (INT64_C(1) << 53) + 1, 0, -5 }, ".x.");
    is_f64(lt_col_astype(i, LT_F64, false), 3, (double[]){ 0x1p53, NA, -5 }, "i64 -> f64");
    is_bool(lt_col_astype(i, LT_BOOL, false), "TNT", "i64 -> bool: non-zero is true");
    lt_col *ti = lt_col_astype(i, LT_TIME, false);
    ok(ti && ti->type == LT_TIME && ti->tkind == LT_DATETIME && lt_col_i64(ti)[2] == -5
           && ti->nmiss == 1, "i64 -> time reads microseconds");
    is_i64(lt_col_astype(ti, LT_I64, false), 3, (int64_t[]){ (INT64_C(1) << 53) + 1, 0, -5 }, ".x.",
           "time -> i64 gives microseconds");
    lt_col_unref(ti);
    lt_col *same = lt_col_astype(i, LT_I64, false);
    ok(same == i, "astype to the same type is the column itself");
    lt_col_unref(same);
    is_bool(lt_col_astype(cf(4, (double[]){ 0, 2.5, NA, -1 }), LT_BOOL, false), "FTNT", "f64 -> bool");
    is_f64(lt_col_astype(cb("TFN"), LT_F64, false), 3, (double[]){ 1, 0, NA }, "bool -> f64");
    is_i64(lt_col_astype(cb("TFN"), LT_I64, false), 3, (int64_t[]){ 1, 0, 0 }, "..x", "bool -> i64");
    lt_col *b = cb("T");
    is_err(lt_col_astype(b, LT_TIME, false), LT_ETYPE, "cannot convert bool to time", "bool -> time");

    /* str -> numbers: what the CSV reader reads as numbers. */
    lt_col *s = cs(11, (const char *[]){ "1.5", "-2e3", "Inf", "-inf", "NA", "", ".5", "5.",
                                         "+1E-2", NULL, "1e308" });
    is_f64(lt_col_astype(s, LT_F64, false), 11,
           (double[]){ 1.5, -2000, INFINITY, -INFINITY, NA, NA, 0.5, 5, 0.01, NA, 1e308 },
           "str -> f64: decimals, exponents, Inf; NA tokens are missing");
    s = cs(4, (const char *[]){ "1", "abc", " 2", "1e" });
    is_err(lt_col_astype(s, LT_F64, false), LT_EINVAL, "'abc' (row 2) is not a number",
           "str -> f64 names the first bad value");
    is_f64(lt_col_astype(s, LT_F64, true), 4, (double[]){ 1, NA, 2, NA },
           "str -> f64 lenient makes bad values missing; outer blanks are ignored");
    s = cs(6, (const char *[]){ "9007199254740993", "-12", "+7", "1e3", "N/A", "nan" });
    is_i64(lt_col_astype(s, LT_I64, false), 6,
           (int64_t[]){ INT64_C(9007199254740993), -12, 7, 1000, 0, 0 }, "....xx",
           "str -> i64 exact beyond 2^53; 1e3 is 1000; NA tokens and nan are missing");
    s = cs(2, (const char *[]){ "2.5", "99999999999999999999" });
    is_err(lt_col_astype(s, LT_I64, false), LT_EINVAL, "'2.5' (row 1) is not an integer (it has a fraction)",
           "str -> i64 rejects a fraction");
    is_i64(lt_col_astype(s, LT_I64, true), 2, (int64_t[]){ 2, 0 }, ".x",
           "str -> i64 lenient: fraction truncated, out of range missing");
    s = cs(8, (const char *[]){ "true", "No", "YES", "false", NULL, "null", "1", " 0" });
    is_bool(lt_col_astype(s, LT_BOOL, false), "TFTFNNTF", "str -> bool");
    s = cs(1, (const char *[]){ "maybe" });
    is_err(lt_col_astype(s, LT_BOOL, false), LT_EINVAL,
           "'maybe' (row 1) is not true, false, yes, no, 1 or 0", "str -> bool rejects maybe");

    s = cs(3, (const char *[]){ "2024-03-01", "1970-01-02", NULL });
    lt_col *t = lt_col_astype(s, LT_TIME, false);
    ok(t && t->tkind == LT_DATE && t->nmiss == 1 && lt_col_i64(t)[1] == LT_US_PER_DAY
           && lt_col_i64(t)[0] == lt_days_from_civil(2024, 3, 1) * LT_US_PER_DAY,
       "str -> time: all dates give a date column");
    is_strs(lt_col_astype(t, LT_STR, false), 3, (const char *[]){ "2024-03-01", "1970-01-02", NULL },
            "date -> str");
    lt_col_unref(t);
    s = cs(2, (const char *[]){ "2024-03-01", "2024-03-01T13:45:00Z" });
    t = lt_col_astype(s, LT_TIME, false);
    ok(t && t->tkind == LT_DATETIME
           && lt_col_i64(t)[1] - lt_col_i64(t)[0] == INT64_C(49500) * 1000000,
       "str -> time: a datetime makes a datetime column");
    is_strs(lt_col_astype(t, LT_STR, false), 2,
            (const char *[]){ "2024-03-01 00:00:00", "2024-03-01 13:45:00" }, "datetime -> str");
    lt_col_unref(t);
    s = cs(2, (const char *[]){ "2024-02-30", "2024-01-01" });
    is_err(lt_col_astype(s, LT_TIME, false), LT_EINVAL, "'2024-02-30' (row 1) is not an ISO 8601 date",
           "str -> time rejects an impossible date");

    /* Anything -> str, formatted as the printer formats values. */
    is_strs(lt_col_astype(cf(10, (double[]){ 0.1, 0.1 + 0.2, 1e20, 1.0 / 3, -0.0, INFINITY,
                                              -INFINITY, 42, NA, -1.5e-7 }), LT_STR, false), 10,
            (const char *[]){ "0.1", "0.30000000000000004", "1e+20", "0.33333333333333331", "0",
                              "Inf", "-Inf", "42", NULL, "-1.5e-07" },
            "f64 -> str: 15 significant digits, 17 when needed to read back");
    is_strs(lt_col_astype(ci(3, (int64_t[]){ -42, INT64_MAX, 0 }, "..x"), LT_STR, false), 3,
            (const char *[]){ "-42", "9223372036854775807", NULL }, "i64 -> str");
    is_strs(lt_col_astype(cb("TFN"), LT_STR, false), 3, (const char *[]){ "true", "false", NULL },
            "bool -> str");
    /* And back: f64 -> str -> f64 gives the same doubles. */
    double back[4] = { 0.1 + 0.2, 1.0 / 3, 6.02214076e23, -2.2250738585072014e-308 };
    lt_col *fb = cf(4, back), *sb = lt_col_astype(fb, LT_STR, false);
    is_f64(sb ? lt_col_astype(sb, LT_F64, false) : NULL, 4, back, "f64 -> str -> f64 round-trips");
    lt_col_unref(sb);
}

int main(void)
{
    test_arith();
    test_big();
    test_cmp();
    test_logic();
    test_math();
    test_na();
    test_astype();
    drain();
    return tap_done();
}
