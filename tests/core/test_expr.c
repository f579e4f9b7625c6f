/* Unit tests of core/expr.c and core/expr_parse.c: trees built by hand and
 * parsed, Lua precedence and associativity, every literal form, quoted
 * names, nil comparisons, method calls, lists, error messages with their
 * columns, format round trips, and a seeded fuzz loop (run under ASan for
 * leaks and crashes). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "expr.h"
#include "numparse.h"
#include "tap.h"

#define LEN(a) ((int)(sizeof(a) / sizeof *(a)))

/* ---- helpers ------------------------------------------------------------ */

typedef struct sbuf {
    char s[4096];
    size_t n;
} sbuf;

static void add(sbuf *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k >= sizeof b->s)
        k = sizeof b->s - b->n - 1;
    memcpy(b->s + b->n, s, k);
    b->n += k;
    b->s[b->n] = '\0';
}

/* A literal value in the s-expressions: 12 (i64), 12.0 (f64), 'a' (str,
 * raw bytes), true, nil. */
static void sexp_value(sbuf *b, const lt_col *c, int64_t i)
{
    char tmp[64];
    if (lt_col_is_na(c, i)) {
        add(b, "nil");
        return;
    }
    switch (c->type) {
    case LT_F64: lt_num_format_f64(lt_col_f64(c)[i], tmp); add(b, tmp); break;
    case LT_I64: snprintf(tmp, sizeof tmp, "%lld", (long long)lt_col_i64(c)[i]); add(b, tmp); break;
    case LT_BOOL: add(b, lt_col_bool(c)[i] ? "true" : "false"); break;
    case LT_STR:
        add(b, "'");
        add(b, lt_col_get_str(c, i, NULL));
        add(b, "'");
        break;
    case LT_TIME: add(b, "time"); break;
    }
}

/* The tree as an s-expression: (and (gt tenure 12) x), columns bare,
 * lists {1 2}, so that structure is checked independently of format. */
static void sexp_rec(sbuf *b, const lt_expr *e)
{
    switch (e->kind) {
    case LT_EXPR_COL:
        add(b, e->name);
        break;
    case LT_EXPR_LIT:
        if (e->lit->n == 1) {
            sexp_value(b, e->lit, 0);
        } else {
            add(b, "{");
            for (int64_t i = 0; i < e->lit->n; i++) {
                if (i)
                    add(b, " ");
                sexp_value(b, e->lit, i);
            }
            add(b, "}");
        }
        break;
    case LT_EXPR_CALL:
        add(b, "(");
        add(b, e->fn->name);
        for (int i = 0; i < e->nargs; i++) {
            add(b, " ");
            sexp_rec(b, e->args[i]);
        }
        add(b, ")");
        break;
    }
}

static char sexp_out[4096];

static const char *sexp(const lt_expr *e)
{
    sbuf b = {{0}, 0};
    sexp_rec(&b, e);
    memcpy(sexp_out, b.s, b.n + 1);
    return sexp_out;
}

/* Structural equality: kinds, names, functions, literal types and values. */
static bool same_tree(const lt_expr *a, const lt_expr *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case LT_EXPR_COL:
        return strcmp(a->name, b->name) == 0;
    case LT_EXPR_LIT: {
        const lt_col *x = a->lit, *y = b->lit;
        if (x->type != y->type || x->n != y->n)
            return false;
        for (int64_t i = 0; i < x->n; i++) {
            if (lt_col_is_na(x, i) != lt_col_is_na(y, i))
                return false;
            if (lt_col_is_na(x, i))
                continue;
            switch (x->type) {
            case LT_F64:
                if (memcmp(&lt_col_f64(x)[i], &lt_col_f64(y)[i], sizeof(double)) != 0)
                    return false;
                break;
            case LT_I64:
            case LT_TIME:
                if (lt_col_i64(x)[i] != lt_col_i64(y)[i])
                    return false;
                break;
            case LT_BOOL:
                if (lt_col_bool(x)[i] != lt_col_bool(y)[i])
                    return false;
                break;
            case LT_STR: {
                size_t lx, ly;
                const char *sx = lt_col_get_str(x, i, &lx), *sy = lt_col_get_str(y, i, &ly);
                if (lx != ly || memcmp(sx, sy, lx) != 0)
                    return false;
                break;
            }
            }
        }
        return true;
    }
    case LT_EXPR_CALL:
        if (a->fn != b->fn || a->nargs != b->nargs)
            return false;
        for (int i = 0; i < a->nargs; i++)
            if (!same_tree(a->args[i], b->args[i]))
                return false;
        return true;
    }
    return false;
}

/* src as a one-line test description: control bytes escaped. */
static const char *shown(const char *src)
{
    static char ring[4][512];
    static int k;
    char *out = ring[k++ % 4];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)src; *p && n < 500; p++) {
        if (*p < 0x20 || *p == 0x7f)
            n += (size_t)snprintf(out + n, 512 - n, "\\x%02x", *p);
        else
            out[n++] = (char)*p;
    }
    out[n] = '\0';
    return out;
}

/* src parses to the s-expression want. */
static void parses_to(const char *src, const char *want)
{
    lt_expr *e = lt_expr_parse(src);
    if (!e) {
        ok(0, "parse \"%s\"", shown(src));
        printf("#   error: %s\n", lt_errmsg());
        return;
    }
    is_str(sexp(e), want, "parse \"%s\"", shown(src));
    lt_expr_unref(e);
}

/* src parses and formats as want. */
static void formats_as(const char *src, const char *want)
{
    lt_expr *e = lt_expr_parse(src);
    if (!e) {
        ok(0, "format of \"%s\"", shown(src));
        printf("#   error: %s\n", lt_errmsg());
        return;
    }
    char *f = lt_expr_format(e);
    is_str(f, want, "format of \"%s\"", shown(src));
    free(f);
    lt_expr_unref(e);
}

/* src fails with exactly the message want (LT_EPARSE). */
static void fails_with(const char *src, const char *want)
{
    lt_clearerr();
    lt_expr *e = lt_expr_parse(src);
    if (e) {
        ok(0, "\"%s\" is an error", shown(src));
        lt_expr_unref(e);
        return;
    }
    is_str(lt_errmsg(), want, "error of \"%s\"", shown(src));
    is_int(lt_errcode(), LT_EPARSE, "LT_EPARSE for \"%s\"", shown(src));
}

/* The same for an ASCII source shown whole: the column and message, the
 * caret under the column. */
static void fails_at(const char *src, int col, const char *msg)
{
    char want[1024];
    snprintf(want, sizeof want, "syntax error at column %d: %s\n  %s\n  %*s^", col, msg, src,
             col - 1, "");
    fails_with(src, want);
}

/* Format of a tree built by hand is want, and parsing want gives the same
 * tree back.  Takes over e. */
static void builds(lt_expr *e, const char *want)
{
    if (!e) {
        ok(0, "build %s: %s", want, lt_errmsg());
        return;
    }
    char *f = lt_expr_format(e);
    is_str(f, want, "format of hand-built %s", shown(sexp(e)));
    lt_expr *back = f ? lt_expr_parse(f) : NULL;
    if (!back)
        printf("#   error: %s\n", lt_errmsg());
    ok(back && same_tree(e, back), "\"%s\" parses back to the same tree", shown(want));
    lt_expr_unref(back);
    lt_expr_unref(e);
    free(f);
}

/* Hand-built nodes; each constructor takes over its arguments. */
static lt_expr *C(const char *name) { return lt_expr_col(name); }

static lt_expr *L(lt_col *c)
{
    lt_expr *e = lt_expr_lit(c);
    lt_col_unref(c);
    return e;
}

static lt_expr *I(int64_t v) { return L(lt_col_scalar_i64(v)); }
static lt_expr *F(double v) { return L(lt_col_scalar_f64(v)); }
static lt_expr *S(const char *s) { return L(lt_col_scalar_str(s, strlen(s))); }

static lt_expr *call(const char *fn, lt_expr *a, lt_expr *b)
{
    lt_expr *args[2] = { a, b };
    lt_expr *e = lt_expr_call_name(fn, args, b ? 2 : 1);
    lt_expr_unref(a);
    lt_expr_unref(b);
    return e;
}

static bool have_concat;

/* ---- tests -------------------------------------------------------------- */

static void test_build(void)
{
    lt_expr *x = lt_expr_col("tenure");
    is_str(x->name, "tenure", "lt_expr_col copies the name");
    is_int(x->pos, -1, "a built node has pos -1");
    is_int(x->refs, 1, "one reference");
    lt_col *twelve = lt_col_scalar_i64(12);
    lt_expr *k = lt_expr_lit(twelve);
    is_int(twelve->refs, 2, "lt_expr_lit takes its own reference to the column");
    lt_expr *args[2] = { x, k };
    lt_expr *gt = lt_expr_call_name("gt", args, 2);
    is_int(x->refs, 2, "lt_expr_call takes references to its arguments");
    is_str(gt->fn->name, "gt", "call of gt");
    lt_expr_unref(x);
    lt_expr_unref(k);
    char *f = lt_expr_format(gt);
    is_str(f, "tenure > 12", "format of a hand-built comparison");
    free(f);
    lt_expr *parsed = lt_expr_parse("tenure > 12");
    ok(same_tree(gt, parsed), "hand-built and parsed trees agree");
    lt_expr_unref(parsed);
    /* a shared subtree: (tenure > 12) and (tenure > 12) */
    lt_expr *both_args[2] = { gt, gt };
    lt_expr *both = lt_expr_call_name("and", both_args, 2);
    is_int(gt->refs, 3, "a subtree shared twice holds three references");
    lt_expr_unref(gt);
    f = lt_expr_format(both);
    is_str(f, "tenure > 12 and tenure > 12", "shared subtrees format twice");
    free(f);
    lt_expr_unref(both);
    is_int(twelve->refs, 1, "freeing the tree releases the literal's column");
    lt_col_unref(twelve);
    lt_expr_unref(NULL);
    ok(1, "lt_expr_unref(NULL) is a no-op");

    /* arity errors */
    lt_expr *a = lt_expr_col("x");
    lt_expr *three[3] = { a, a, a };
    ok(!lt_expr_call(lt_fn_find("round"), three, 3), "round of 3 arguments fails");
    is_str(lt_errmsg(), "round takes 1 to 2 arguments (x [, digits]), not 3", "round arity message");
    is_int(lt_errcode(), LT_EINVAL, "arity is LT_EINVAL");
    ok(!lt_expr_call(lt_fn_find("between"), three, 1), "between of 1 argument fails");
    is_str(lt_errmsg(), "between takes 3 arguments (x, lo, hi), not 1", "between arity message");
    ok(!lt_expr_call(lt_fn_find("when"), three, 1), "when of 1 argument fails");
    is_str(lt_errmsg(), "when takes at least 2 arguments (c1, v1 [, c2, v2 ...] [, otherwise]), not 1",
           "when arity message");
    ok(!lt_expr_call(lt_fn_find("not"), three, 2), "not of 2 arguments fails");
    is_str(lt_errmsg(), "not takes 1 argument, not 2", "an operator's signature is not an argument list");
    /* the functions of other modules, described the same way */
    const lt_fn quantile = {"quantile", LT_FN_AGG, 2, 2, NULL, NULL, 0, "x:quantile(q)", "", ""};
    const lt_fn count = {"count", LT_FN_AGG, 0, 0, NULL, NULL, 0, "count()", "", ""};
    ok(!lt_expr_call(&quantile, three, 1), "quantile of 1 argument fails");
    is_str(lt_errmsg(), "quantile takes 2 arguments (x, q), not 1", "the message of expr.h");
    ok(!lt_expr_call(&count, three, 1), "count of 1 argument fails");
    is_str(lt_errmsg(), "count takes no arguments, not 1", "count arity message");
    lt_expr *c0 = lt_expr_call(&count, NULL, 0);
    ok(c0 && c0->nargs == 0 && c0->args == NULL, "a call of no arguments");
    f = lt_expr_format(c0);
    is_str(f, "count()", "format of a call of no arguments");
    free(f);
    lt_expr_unref(c0);

    lt_clearerr();
    lt_expr *with_null[2] = { a, NULL };
    ok(!lt_expr_call_name("add", with_null, 2), "a NULL argument fails the call");
    is_str(lt_errmsg(), "add: argument 2 is missing", "and says which");
    lt_seterr(LT_ENOMEM, "out of memory");
    ok(!lt_expr_call_name("add", with_null, 2) && lt_errcode() == LT_ENOMEM,
       "the failure that gave the NULL argument keeps its message");
    ok(!lt_expr_lit(NULL), "lt_expr_lit(NULL) fails");
    ok(!lt_expr_col(NULL) && lt_errcode() == LT_EINVAL, "lt_expr_col(NULL) fails");
    ok(!lt_expr_call_name("rond", three, 1), "unknown function");
    is_str(lt_errmsg(), "unknown function 'rond' (did you mean 'round'?)", "unknown function message");
    is_int(lt_errcode(), LT_EINVAL, "unknown function is LT_EINVAL");
    ok(!lt_expr_call_name("zzzzzz", three, 1), "unknown function without suggestion");
    is_str(lt_errmsg(), "unknown function 'zzzzzz'", "no suggestion when nothing is close");
    lt_expr_unref(a);
}

static void test_precedence(void)
{
    parses_to("a or b and c", "(or a (and b c))");
    parses_to("a and b or c", "(or (and a b) c)");
    parses_to("not a == b", "(eq (not a) b)");
    parses_to("not (a == b)", "(not (eq a b))");
    parses_to("-x^2", "(neg (pow x 2))");
    parses_to("2^3^2", "(pow 2 (pow 3 2))");
    parses_to("-2^2", "(neg (pow 2 2))");
    parses_to("2^-2", "(pow 2 -2)");
    parses_to("2^-x^2", "(pow 2 (neg (pow x 2)))");
    parses_to("a - b - c", "(sub (sub a b) c)");
    parses_to("a / b * c % d", "(mod (mul (div a b) c) d)");
    parses_to("a + b * c", "(add a (mul b c))");
    parses_to("(a + b) * c", "(mul (add a b) c)");
    parses_to("a < b < c", "(lt (lt a b) c)");
    parses_to("a == b ~= c", "(ne (eq a b) c)");
    parses_to("a + 1 > b * 2 and c <= d or not e", "(or (and (gt (add a 1) (mul b 2)) (le c d)) (not e))");
    parses_to("a >= 1 & b < 2 | ~c", "(or (and (ge a 1) (lt b 2)) (not c))");
    parses_to("~a & b", "(and (not a) b)");
    parses_to("not not a", "(not (not a))");
    parses_to("- -x", "(neg (neg x))");
    parses_to("-x * y", "(mul (neg x) y)");
    parses_to("a * -b + c", "(add (mul a (neg b)) c)");
    parses_to("x % 2 == 0", "(eq (mod x 2) 0)");
    if (have_concat) {
        parses_to("a .. b .. c", "(concat a (concat b c))");
        parses_to("a .. b + 1", "(concat a (add b 1))");
        parses_to("a .. b == c", "(eq (concat a b) c)");
    } else {
        fails_at("a .. b", 3, "the operator function 'concat' is missing");
    }

    /* only the parentheses needed */
    formats_as("((a)) + ((b))", "a + b");
    formats_as("a - (b - c)", "a - (b - c)");
    formats_as("(a - b) - c", "a - b - c");
    formats_as("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2");
    formats_as("2 ^ (3 ^ 2)", "2 ^ 3 ^ 2");
    formats_as("(a or b) and c", "(a or b) and c");
    formats_as("a or (b and c)", "a or b and c");
    formats_as("not (a == b)", "not (a == b)");
    formats_as("(not a) == b", "not a == b");
    formats_as("-(x ^ 2)", "-x ^ 2");
    formats_as("(-x) ^ 2", "(-x) ^ 2");
    formats_as("2 ^ (-x)", "2 ^ -x");
    formats_as("a * (-b)", "a * -b");
    formats_as("-(a + b)", "-(a + b)");
    formats_as("-(-x)", "- -x");
    formats_as("a - (-b)", "a - -b");
    formats_as("a-1", "a - 1");
    formats_as("(a < b) < c", "a < b < c");
    formats_as("a < (b < c)", "a < (b < c)");
    formats_as("a & b | ~c", "a and b or not c");
    formats_as("(a)  *(b+c)/d", "a * (b + c) / d");
    formats_as("a / (b * c)", "a / (b * c)");
    if (have_concat) {
        formats_as("(a .. b) .. c", "(a .. b) .. c");
        formats_as("a .. (b .. c)", "a .. b .. c");
    }
}

static void test_literals(void)
{
    parses_to("12", "12");
    parses_to("0", "0");
    parses_to("12.0", "12.0");
    parses_to("12.", "12.0");
    parses_to(".5", "0.5");
    parses_to("1e3", "1000.0");
    parses_to("1E-2", "0.01");
    parses_to("2.5e+1", "25.0");
    parses_to("0x10", "16");
    parses_to("0XfF", "255");
    parses_to("0xFFFFFFFFFFFFFFFF", "-1");       /* hex wraps around, as in Lua */
    parses_to("0x8000000000000000", "-9223372036854775808");
    parses_to("0x1p4", "16.0");
    parses_to("0x.8", "0.5");
    parses_to("0xA.8p1", "21.0");
    parses_to("9223372036854775807", "9223372036854775807");
    parses_to("9223372036854775808", "9.223372036854776e+18");   /* decimal overflow: float */
    parses_to("-9223372036854775808", "-9.223372036854776e+18");
    parses_to("1e999", "inf");
    parses_to("-1e999", "-inf");
    parses_to("-0.0", "-0.0");
    parses_to("-3", "-3");
    parses_to("- 3", "-3");
    parses_to("-2.5", "-2.5");
    parses_to("-(3)", "(neg 3)");
    parses_to("- -3", "(neg -3)");
    parses_to("-0x8000000000000000", "-9223372036854775808");   /* wraps, as in Lua */
    parses_to("true", "true");
    parses_to("false", "false");
    parses_to("nil", "nil");
    parses_to("'abc'", "'abc'");
    parses_to("\"abc\"", "'abc'");
    parses_to("''", "''");
    fails_at("'it''s'", 5, "unexpected string 's' after the expression");

    /* the types */
    lt_expr *e = lt_expr_parse("nil");
    ok(e->lit->type == LT_BOOL && e->lit->n == 1 && lt_col_is_na(e->lit, 0),
       "nil is one missing bool (R's NA is logical)");
    lt_expr_unref(e);
    e = lt_expr_parse("7");
    ok(e->lit->type == LT_I64 && lt_col_i64(e->lit)[0] == 7, "an integer is an i64 literal");
    lt_expr_unref(e);
    e = lt_expr_parse("7.0");
    ok(e->lit->type == LT_F64 && lt_col_f64(e->lit)[0] == 7.0, "a decimal is an f64 literal");
    lt_expr_unref(e);
    e = lt_expr_parse("-0.0");
    ok(e->lit->type == LT_F64 && signbit(lt_col_f64(e->lit)[0]), "-0.0 keeps its sign");
    lt_expr_unref(e);

    /* escapes */
    struct { const char *src, *want; } esc[] = {
        {"'a\\nb'", "a\nb"},
        {"'\\a\\b\\f\\n\\r\\t\\v'", "\a\b\f\n\r\t\v"},
        {"'\\\\ \\' \\\"'", "\\ ' \""},
        {"\"it's\"", "it's"},
        {"'say \"hi\"'", "say \"hi\""},
        {"'\\65\\066\\0671'", "ABC1"},
        {"'\\x41\\x7a'", "Az"},
        {"'\\u{48}\\u{e9}\\u{20AC}\\u{1F600}'", "H\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"},
        {"'a\\z   \n  b'", "ab"},
        {"'a\\\nb'", "a\nb"},
        {"'caf\xc3\xa9'", "caf\xc3\xa9"},
        {"'\\255'", "\xff"},
        {"[[a 'raw' \\n]]", "a 'raw' \\n"},
        {"[[\nfirst newline dropped\r\nlines]]", "first newline dropped\nlines"},
        {"[==[a ]] b]=] c]==]", "a ]] b]=] c"},
    };
    for (int i = 0; i < LEN(esc); i++) {
        e = lt_expr_parse(esc[i].src);
        if (!e) {
            ok(0, "escape %d: %s", i, lt_errmsg());
            continue;
        }
        size_t len;
        const char *s = lt_col_get_str(e->lit, 0, &len);
        ok(e->lit->type == LT_STR && len == strlen(esc[i].want) && memcmp(s, esc[i].want, len) == 0,
           "escapes in %s", shown(esc[i].src));
        lt_expr_unref(e);
    }
}

static void test_names(void)
{
    parses_to("`monthly charges` > 3", "(gt monthly charges 3)");
    parses_to("`a``b`", "a`b");
    parses_to("``", "");
    parses_to("`caf\xc3\xa9`", "caf\xc3\xa9");
    parses_to("caf\xc3\xa9 + 1", "(add caf\xc3\xa9 1)");     /* UTF-8 in identifiers */
    parses_to("end > start", "(gt end start)");                /* keywords that are not operators */
    parses_to("_x1", "_x1");
    parses_to("`and`", "and");
    parses_to("`nil` == nil", "(is_na nil)");
    parses_to("inf", "inf");   /* a column named inf */

    builds(C("tenure"), "tenure");
    builds(C("monthly charges"), "`monthly charges`");
    builds(C("a`b"), "`a``b`");
    builds(C("`"), "````");
    builds(C(""), "``");
    builds(C("1x"), "`1x`");
    builds(C("and"), "`and`");
    builds(C("end"), "`end`");
    builds(C("nil"), "`nil`");
    builds(C("caf\xc3\xa9"), "`caf\xc3\xa9`");
    builds(C("a.b"), "`a.b`");
    builds(C("x_1"), "x_1");
}

static void test_nil(void)
{
    parses_to("x == nil", "(is_na x)");
    parses_to("nil == x", "(is_na x)");
    parses_to("x ~= nil", "(not (is_na x))");
    parses_to("nil ~= x + 1", "(not (is_na (add x 1)))");
    parses_to("x == nil and y ~= nil", "(and (is_na x) (not (is_na y)))");
    parses_to("x < nil", "(lt x nil)");
    formats_as("x ~= nil", "not is_na(x)");
    formats_as("x == nil", "is_na(x)");
    formats_as("fill_na(x, nil)", "fill_na(x, nil)");
}

static void test_calls(void)
{
    parses_to("round(x)", "(round x)");
    parses_to("round(x, 2)", "(round x 2)");
    parses_to("x:round(2)", "(round x 2)");
    parses_to("x:abs():round(1)", "(round (abs x) 1)");
    parses_to("(a + b):abs()", "(abs (add a b))");
    parses_to("`my col`:sqrt()", "(sqrt my col)");
    parses_to("abs(x):round()", "(round (abs x))");
    parses_to("-x:abs()", "(neg (abs x))");
    parses_to("x:between(1, 3)", "(between x 1 3)");
    parses_to("x:is_in{1, 2}", "(is_in x {1 2})");
    parses_to("x:is_in({'a', 'b'})", "(is_in x {'a' 'b'})");
    parses_to("x:cast'str'", "(cast x 'str')");
    parses_to("when(x > 1, 'big', 'small')", "(when (gt x 1) 'big' 'small')");
    parses_to("when(a, 1, b, 2, 3)", "(when a 1 b 2 3)");
    parses_to("x:is_na()", "(is_na x)");
    parses_to("not x:is_na()", "(not (is_na x))");
    parses_to("round ( x , 2 )", "(round x 2)");
    formats_as("x:round(2)", "round(x, 2)");
    formats_as("x:is_in{1, 2}", "is_in(x, {1, 2})");
    formats_as("x:between(-1,1)", "between(x, -1, 1)");
    formats_as("abs(x) ^ 2", "abs(x) ^ 2");
    formats_as("-abs(x)", "-abs(x)");

    /* positions: operators at their operator, calls at the name */
    lt_expr *e = lt_expr_parse("tenure > 12 and x:round(-1)");
    is_int(e->pos, 12, "pos of and");
    is_int(e->args[0]->pos, 7, "pos of >");
    is_int(e->args[0]->args[0]->pos, 0, "pos of a column");
    is_int(e->args[0]->args[1]->pos, 9, "pos of a number");
    is_int(e->args[1]->pos, 18, "pos of a method call: its name");
    is_int(e->args[1]->args[1]->pos, 24, "pos of a negative number: its '-'");
    lt_expr_unref(e);
    e = lt_expr_parse("  `a b` ~= nil");
    is_int(e->pos, 8, "pos of not is_na: the ~=");
    is_int(e->args[0]->pos, 8, "pos of is_na: the ~=");
    is_int(e->args[0]->args[0]->pos, 2, "pos of a quoted name: its backquote");
    lt_expr_unref(e);
    e = lt_expr_parse("round(x, 2)");
    is_int(e->pos, 0, "pos of a call");
    lt_expr_unref(e);
    e = lt_expr_parse("x:is_in{1, 2}");
    is_int(e->args[1]->pos, 7, "pos of a list: its '{'");
    lt_expr_unref(e);
}

static void test_lists(void)
{
    parses_to("x:is_in{1, 2, 3}", "(is_in x {1 2 3})");
    parses_to("x:is_in{1, 2.5}", "(is_in x {1.0 2.5})");
    parses_to("x:is_in{-1, -2.5}", "(is_in x {-1.0 -2.5})");
    parses_to("x:is_in{'a', nil, 'b'}", "(is_in x {'a' nil 'b'})");
    parses_to("x:is_in{true, false}", "(is_in x {true false})");
    parses_to("x:is_in{1; 2,}", "(is_in x {1 2})");
    parses_to("x:is_in{}", "(is_in x {})");
    parses_to("x:is_in{nil, nil}", "(is_in x {nil nil})");
    parses_to("x:is_in{7}", "(is_in x 7)");
    lt_expr *e = lt_expr_parse("{1, nil, 3}");
    ok(e->lit->type == LT_I64 && e->lit->n == 3 && lt_col_is_na(e->lit, 1) &&
       lt_col_i64(e->lit)[2] == 3, "an i64 list with a missing value");
    lt_expr_unref(e);
    e = lt_expr_parse("{}");
    ok(e->lit->type == LT_BOOL && e->lit->n == 0, "an empty list is an empty bool column");
    lt_expr_unref(e);
    e = lt_expr_parse("{'a', 'b'}");
    ok(e->lit->type == LT_STR && e->lit->n == 2, "a str list");
    lt_expr_unref(e);
    formats_as("{1, 2.5}", "{1.0, 2.5}");
    formats_as("{'a',nil}", "{'a', nil}");
    formats_as("{ }", "{}");
    formats_as("{true}", "true");

    /* a long column as a literal */
    double v[101];
    for (int i = 0; i < 101; i++)
        v[i] = i;
    lt_col *c = lt_col_from_f64(v, 101);
    e = lt_expr_lit(c);
    lt_col_unref(c);
    char *f = lt_expr_format(e);
    is_str(f, "<column of 101 values>", "a long literal");
    free(f);
    lt_expr_unref(e);
    c = lt_col_from_f64(v, 100);
    e = lt_expr_lit(c);
    lt_col_unref(c);
    f = lt_expr_format(e);
    ok(f && strncmp(f, "{0.0, 1.0, 2.0, ", 16) == 0 && strlen(f) > 500, "100 values still a list");
    free(f);
    lt_expr_unref(e);
}

static void test_hand_built(void)
{
    builds(I(12), "12");
    builds(I(-5), "-5");
    builds(I(INT64_MAX), "9223372036854775807");
    builds(I(INT64_MIN), "0x8000000000000000");
    builds(F(3.0), "3.0");
    builds(F(-3.0), "-3.0");
    builds(F(0.1), "0.1");
    builds(F(1.0 / 3), "0.3333333333333333");
    builds(F(1e300), "1e+300");
    builds(F(5e-324), "5e-324");
    builds(F(-0.0), "-0.0");
    builds(F(INFINITY), "1e9999");
    builds(F(-INFINITY), "-1e9999");
    builds(F(123456789012345678.0), "1.2345678901234568e+17");
    lt_expr *na = F(NAN);
    char *naf = lt_expr_format(na);
    is_str(naf, "nil", "a missing f64 formats as nil (which parses as a missing bool)");
    free(naf);
    lt_expr_unref(na);
    builds(L(lt_col_scalar_bool(true)), "true");
    builds(S("it's"), "'it\\'s'");
    builds(S("a\\b\n\t\r"), "'a\\\\b\\n\\t\\r'");
    builds(S("\x01" "2\x7f" "x\x1b"), "'\\0012\\127x\\27'");
    builds(S("caf\xc3\xa9 \"q\""), "'caf\xc3\xa9 \"q\"'");
    builds(call("neg", I(3), NULL), "-(3)");
    builds(call("neg", I(-3), NULL), "-(-3)");
    builds(call("neg", F(2.5), NULL), "-(2.5)");
    builds(call("neg", call("neg", C("x"), NULL), NULL), "- -x");
    builds(call("not", I(-3), NULL), "not -3");
    builds(call("pow", I(-2), I(2)), "(-2) ^ 2");
    builds(call("pow", I(2), I(-2)), "2 ^ -2");
    builds(call("pow", call("neg", C("x"), NULL), I(2)), "(-x) ^ 2");
    builds(call("neg", call("pow", C("x"), I(2)), NULL), "-x ^ 2");
    builds(call("sub", C("a"), I(-1)), "a - -1");
    builds(call("sub", C("a"), call("sub", C("b"), C("c"))), "a - (b - c)");
    builds(call("sub", call("sub", C("a"), C("b")), C("c")), "a - b - c");
    builds(call("mul", call("add", C("a"), C("b")), call("add", C("c"), C("d"))), "(a + b) * (c + d)");
    builds(call("not", call("eq", C("a"), C("b")), NULL), "not (a == b)");
    builds(call("eq", call("not", C("a"), NULL), C("b")), "not a == b");
    builds(call("and", call("or", C("a"), C("b")), C("c")), "(a or b) and c");
    builds(call("or", C("a"), call("and", C("b"), C("c"))), "a or b and c");
    builds(call("lt", C("a"), call("lt", C("b"), C("c"))), "a < (b < c)");
    builds(call("is_na", C("x"), NULL), "is_na(x)");
    builds(call("round", call("div", C("a"), C("b")), I(2)), "round(a / b, 2)");
    builds(call("gt", C("monthly charges"), F(70.5)), "`monthly charges` > 70.5");
    if (have_concat) {
        builds(call("concat", call("concat", C("a"), C("b")), C("c")), "(a .. b) .. c");
        builds(call("concat", C("a"), call("concat", C("b"), C("c"))), "a .. b .. c");
    }
    /* a time literal reads as its ISO text */
    int64_t day = 19723 * INT64_C(86400000000);
    lt_expr *t = L(lt_col_from_time(&day, NULL, 1, LT_DATE));
    char *f = lt_expr_format(t);
    is_str(f, "'2024-01-01'", "a date literal formats as its ISO text");
    free(f);
    lt_expr_unref(t);
}

static void test_errors(void)
{
    fails_with("tenure > and x",
               "syntax error at column 10: expected an expression after '>', got 'and'\n"
               "  tenure > and x\n"
               "           ^");
    fails_with("tenure > 12 and",
               "syntax error at column 16: expected an expression after 'and'\n"
               "  tenure > 12 and\n"
               "                 ^");
    fails_with("", "syntax error at column 1: empty expression\n  \n  ^");
    fails_at("   ", 4, "empty expression");
    fails_at("-- just a comment", 18, "empty expression");
    fails_at("a)", 2, "unexpected ')'");
    fails_at(")", 1, "unexpected ')'");
    fails_at("a + )", 5, "expected an expression after '+', got ')'");
    fails_at("(a + b", 7, "expected ')' to close '(' at column 1");
    fails_at("x * (a + b", 11, "expected ')' to close '(' at column 5");
    fails_at("round(x, 2", 11, "expected ')' to close '(' at column 6");
    fails_at("round(x 2)", 9, "expected ')' to close '(' at column 6");
    fails_at("round(x,)", 9, "expected an expression after ',', got ')'");
    fails_at("a b", 3, "unexpected 'b' after the expression");
    fails_at("a 'b' c", 1, "unknown function 'a'");
    fails_at("a + 1 'x'", 7, "unexpected string 'x' after the expression");
    fails_at("a + 1 `x y`", 7, "unexpected `x y` after the expression");
    fails_at("x = 1", 3, "unexpected '=' (compare with '==')");
    fails_at("(x = 1)", 4, "unexpected '=' (compare with '==')");
    fails_at("x != 1", 3, "unexpected '!=' (Lua writes 'not equal' as '~=')");
    fails_at("x > 'abc", 5, "unclosed string");
    fails_at("x > \"abc", 5, "unclosed string");
    fails_with("x > 'ab\ncd'", "syntax error at column 5: unclosed string\n  x > 'ab cd'\n      ^");
    fails_at("`abc + 1", 1, "unclosed quoted name (a backquote inside is written ``)");
    fails_at("'a\\qb'", 3, "invalid escape '\\q' in a string");
    fails_at("'a\\xg1'", 3, "'\\x' needs two hex digits in a string");
    fails_at("'\\256'", 2, "escape '\\256' is larger than 255");
    fails_at("'a\\0'", 3, "a string cannot hold a zero byte");
    fails_at("'a\\x00'", 3, "a string cannot hold a zero byte");
    fails_at("'\\u{0}'", 2, "a string cannot hold a zero byte");
    fails_at("'\\u{110000}'", 2, "escape '\\u{110000...' is beyond U+10FFFF");
    fails_at("'\\u{41'", 2, "'\\u{' needs a closing '}' in a string");
    fails_at("'\\u41'", 2, "'\\u' needs hex digits in braces in a string, as \\u{e9}");
    fails_at("3abc + 1", 1, "malformed number '3abc'");
    fails_at("x > 1..2", 5, "malformed number '1..2'");
    fails_at("0x + 1", 1, "malformed number '0x'");
    fails_at("1e + 1", 1, "malformed number '1e'");
    fails_at("x @ 2", 3, "unexpected character '@'");
    fails_with("x + \x01", "syntax error at column 5: unexpected byte 0x01\n  x +  \n      ^");
    fails_at("meen(x)", 1, "unknown function 'meen' (did you mean 'mean'?)");
    fails_at("x + rond(x)", 5, "unknown function 'rond' (did you mean 'round'?)");
    fails_at("x:rond()", 3, "unknown function 'rond' (did you mean 'round'?)");
    fails_at("round(x, 1, 2)", 1, "round takes 1 to 2 arguments (x [, digits]), not 3");
    fails_at("a + x:round(1, 2)", 7, "round takes 1 to 2 arguments (x [, digits]), not 3");
    fails_at("x:between(1)", 3, "between takes 3 arguments (x, lo, hi), not 2");
    fails_at("x:", 3, "expected a function name after ':', got the end");
    fails_at("x:1", 3, "expected a function name after ':', got '1'");
    fails_at("x:abs + 1", 7, "expected '(' after ':abs', got '+'");
    fails_at("x.abs() > 1", 2, "unexpected '.' (a method is called with ':', as x:abs())");
    fails_at("x + [[abc", 5, "unclosed string");
    fails_at("x + [=[abc]]", 5, "unclosed string");
    fails_at("x --[[ abc", 3, "unclosed comment");
    fails_at("x[1]", 2, "unexpected '[' after the expression");
    fails_at("a.b > 1", 2, "unexpected '.' (a column name with a dot is written `a.b`)");
    fails_at("{1, 'a'}", 5, "a list holds values of one type: a string after number values");
    fails_at("{true, 1}", 8, "a list holds values of one type: a number after boolean values");
    fails_at("{1, x}", 5, "a list holds only literal values (numbers, strings, true, false, nil), got 'x'");
    fails_at("{1, -'a'}", 6, "expected a number after '-' in a list, got string 'a'");
    fails_at("{1, 2", 6, "expected '}' to close '{' at column 1");
    fails_at("{1 2}", 4, "expected '}' to close '{' at column 1");
    fails_at("{1,", 1, "expected '}' to close '{'");
    fails_at("not", 4, "expected an expression after 'not'");
    fails_at("- ", 3, "expected an expression after '-'");
    fails_at("a + * b", 5, "expected an expression after '+', got '*'");
    fails_at("a // b", 3, "unexpected '//' after the expression");
    fails_at("#x", 1, "unexpected '#'");
    fails_at("x:round(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" b)", 42, "expected ')' to close '(' at column 8");
    fails_at("a and and", 7, "expected an expression after 'and', got 'and'");
    fails_at("a ~ b", 3, "unexpected '~' after the expression");
    fails_at("f(x)(y)", 1, "unknown function 'f'");
    fails_at("abs(x)(y)", 7, "unexpected '(' after the expression");
    fails_at("x + 12345678901234567890123456789012345678901234567890 y", 56,
             "unexpected 'y' after the expression");
    fails_with("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(x)",
               "syntax error at column 1: unknown function "
               "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'\n"
               "  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\n"
               "  ^");
    fails_at("x + 'a string that goes on for a long while' y", 46, "unexpected 'y' after the expression");
    fails_at("x + 1 'a string that goes on for a long while'", 7,
             "unexpected string 'a string that goes on f... after the expression");

    /* UTF-8: the column counts characters, the caret counts cells */
    fails_with("`caf\xc3\xa9` > and",
               "syntax error at column 10: expected an expression after '>', got 'and'\n"
               "  `caf\xc3\xa9` > and\n"
               "           ^");
    fails_with("'\xe6\x97\xa5\xe6\x9c\xac' + ) ",
               "syntax error at column 8: expected an expression after '+', got ')'\n"
               "  '\xe6\x97\xa5\xe6\x9c\xac' + ) \n"
               "           ^");
    /* control characters show as spaces, so the caret stays aligned */
    fails_with("a\t+\n)",
               "syntax error at column 5: expected an expression after '+', got ')'\n"
               "  a + )\n"
               "      ^");
    /* a long source: a window around the column */
    fails_with("tenure > 12 and monthly_charges > 70 and contract ~= 'Month-to-month' and "
               "payment_method == 'Electronic check' and senior_citizen == and partner == 'Yes'",
               "syntax error at column 134: expected an expression after '==', got 'and'\n"
               "  ...ethod == 'Electronic check' and senior_citizen == and partner == 'Yes'\n"
               "                                                       ^");
    fails_with("x + ) and monthly_charges > 70 and contract ~= 'Month-to-month' and payment_method",
               "syntax error at column 5: expected an expression after '+', got ')'\n"
               "  x + ) and monthly_charges > 70 and contract ~= 'Month-to-month' and pa...\n"
               "      ^");
    fails_with("tenure > 12 and monthly_charges > 70 and contract ~= 'Month-to-month' and "
               "payment_method == 'Electronic check' and senior_citizen == 1 and partner == ",
               "syntax error at column 151: expected an expression after '=='\n"
               "  ...t_method == 'Electronic check' and senior_citizen == 1 and partner == \n"
               "                                                                           ^");

    ok(lt_expr_parse(NULL) == NULL && lt_errcode() == LT_EPARSE, "NULL source: an error");
}

static void test_depth(void)
{
    char src[2048];
    int n = 0;
    for (int i = 0; i < 150; i++)
        src[n++] = '(';
    src[n++] = 'x';
    for (int i = 0; i < 150; i++)
        src[n++] = ')';
    src[n] = '\0';
    lt_expr *e = lt_expr_parse(src);
    ok(e && e->kind == LT_EXPR_COL, "150 nested parentheses parse");
    lt_expr_unref(e);

    n = 0;
    for (int i = 0; i < 300; i++)
        src[n++] = '(';
    src[n++] = 'x';
    src[n] = '\0';
    ok(!lt_expr_parse(src), "300 nested parentheses: an error");
    char want[256];
    snprintf(want, sizeof want, "syntax error at column 201: expression nested too deeply "
             "(more than 200 levels)\n  ...%.70s...\n  %38s^", src, "");
    is_str(lt_errmsg(), want, "nesting error message");

    n = 0;
    for (int i = 0; i < 1000; i++) {
        src[n++] = '-';
        src[n++] = ' ';
    }
    src[n++] = 'x';
    src[n] = '\0';
    ok(!lt_expr_parse(src) && lt_errcode() == LT_EPARSE, "1000 unary minuses: an error");
    n = 0;
    for (int i = 0; i < 600; i++)
        n += snprintf(src + n, sizeof src - (size_t)n, "2^");
    src[n++] = '2';
    src[n] = '\0';
    ok(!lt_expr_parse(src) && lt_errcode() == LT_EPARSE, "600 right-associative powers: an error");

    /* a long left-associative chain is a loop, not a recursion */
    size_t cap = 5000 * 4 + 2;
    char *big = malloc(cap);
    size_t k = 0;
    for (int i = 0; i < 5000; i++) {
        memcpy(big + k, "x + ", 4);
        k += 4;
    }
    memcpy(big + k, "1", 2);
    e = lt_expr_parse(big);
    ok(e != NULL, "a sum of 5001 terms parses");
    char *f = e ? lt_expr_format(e) : NULL;
    ok(f && strcmp(f, big) == 0, "and formats back");
    free(f);
    lt_expr_unref(e);
    free(big);

    /* trees built by hand stop at the depth limit, with a message */
    lt_expr *d = lt_expr_col("x");
    int depth = 0;
    for (lt_expr *next; (next = call("neg", lt_expr_ref(d), NULL)); depth++) {
        lt_expr_unref(d);
        d = next;
    }
    is_int(depth, LT_EXPR_MAX_DEPTH, "calls nest up to LT_EXPR_MAX_DEPTH");
    ok(strstr(lt_errmsg(), "nested more than 10000 levels deep") != NULL,
       "then refuse: %s", lt_errmsg());
    lt_expr_unref(d);
}

static const char *const round_trips[] = {
    "tenure > 12 and contract ~= 'Month-to-month'",
    "sqrt(churn == 'Yes')",
    "(a + b) * c - d / e % f",
    "a ^ b ^ c",
    "(a ^ b) ^ c",
    "-a ^ -b",
    "-(a + b) * -c",
    "not a and not (b or c)",
    "a or b and c or d",
    "(a or b) and (c or d)",
    "x == nil or y ~= nil",
    "x:round(2) >= 3.5",
    "round(x / 3, 1) + abs(y - 1)",
    "between(x, -1, 1)",
    "x:is_in{1, 2, 3}",
    "x:is_in{'a', 'b', nil}",
    "x:is_in{1.5, -2}",
    "when(x > 10, 'high', x > 5, 'mid', 'low')",
    "`monthly charges` / `total charges`",
    "`a``b` + 1",
    "caf\xc3\xa9 * 2",
    "'\\0012' == s",
    "s == 'line\\nbreak\\ttab\\\\'",
    "s ~= \"double \\\"quoted\\\"\"",
    "x > 1e300",
    "x < -1e999",
    "x == 0x10",
    "x == 0xFFFFFFFFFFFFFFFF",
    "x + 9223372036854775808",
    "x * 0.1 + 1e-7",
    "x == -0.0",
    "- -x",
    "-(-3)",
    "-(3) + (-3) ^ 2",
    "2 ^ -x ^ 2",
    "a < b < c",
    "a < (b < c)",
    "~a | b & ~c",
    "not not (x == 1)",
    "fill_na(x, 0):sqrt():log()",
    "x % 2 == 1 and x:exp() > 10 or x:is_na()",
    "{true, nil, false}",
    "cast(x, 'f64')",
};

static void test_round_trips(void)
{
    for (int i = 0; i < LEN(round_trips); i++) {
        const char *src = round_trips[i];
        lt_expr *e1 = lt_expr_parse(src);
        if (!e1) {
            ok(0, "round trip of %s: %s", src, lt_errmsg());
            continue;
        }
        char *f1 = lt_expr_format(e1);
        lt_expr *e2 = f1 ? lt_expr_parse(f1) : NULL;
        char *f2 = e2 ? lt_expr_format(e2) : NULL;
        ok(e2 && same_tree(e1, e2) && f2 && strcmp(f1, f2) == 0, "round trip of %s -> %s",
           shown(src), f1 ? shown(f1) : "(null)");
        free(f1);
        free(f2);
        lt_expr_unref(e1);
        lt_expr_unref(e2);
    }
    /* the canonical form of a few */
    formats_as("tenure>12 and contract~='Month-to-month'", "tenure > 12 and contract ~= 'Month-to-month'");
    formats_as("s ~= \"double \\\"quoted\\\"\"", "s ~= 'double \"quoted\"'");
    formats_as("x == 0x10", "x == 16");
    formats_as("x + 9223372036854775808", "x + 9.223372036854776e+18");
    formats_as("x < -1e999", "x < -1e9999");
    formats_as("-(3) + (-3) ^ 2", "-(3) + (-3) ^ 2");
    formats_as("~a | b & ~c", "not a or b and not c");
    formats_as("x:is_in{1.5, -2}", "is_in(x, {1.5, -2.0})");
    formats_as("x -- a comment\n + 1", "x + 1");
    formats_as("x --[[ a long\ncomment ]] + 1", "x + 1");
    formats_as("x --[==[ ]] ]==] + [[it's]]", "x + 'it\\'s'");
}

/* ---- fuzz --------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int fuzz_bad, fuzz_trees;

/* Parse s: an error must be LT_EPARSE with the standard head; a tree must
 * format, and its format must parse to the same tree and format. */
static void fuzz_one(const char *s)
{
    lt_clearerr();
    lt_expr *e = lt_expr_parse(s);
    if (!e) {
        if (lt_errcode() != LT_EPARSE || strncmp(lt_errmsg(), "syntax error at column ", 23) != 0) {
            if (fuzz_bad++ < 5)
                printf("#   bad error for \"%s\": %d %s\n", s, lt_errcode(), lt_errmsg());
        }
        return;
    }
    fuzz_trees++;
    char *f1 = lt_expr_format(e);
    lt_expr *e2 = f1 ? lt_expr_parse(f1) : NULL;
    char *f2 = e2 ? lt_expr_format(e2) : NULL;
    if (!e2 || !same_tree(e, e2) || strcmp(f1, f2) != 0) {
        if (fuzz_bad++ < 5)
            printf("#   round trip fails for \"%s\": \"%s\" -> %s\n", s, f1 ? f1 : "(null)",
                   f2 ? f2 : lt_errmsg());
    }
    free(f1);
    free(f2);
    lt_expr_unref(e);
    lt_expr_unref(e2);
}

static void test_fuzz(void)
{
    static const char *const atoms[] = {
        "x", "y", "`a b`", "1", "2.5", "-3", "0x10", "'s'", "\"t\"", "nil", "true", "false",
        "+", "-", "*", "/", "%", "^", "==", "~=", "<", "<=", ">", ">=", "and", "or", "not",
        "&", "|", "~", "(", ")", "{", "}", ",", ":", "round", "abs", "is_in", "when", "..",
        " ", "'\\n'", "1e400", "--", "\n", "`", "'", "\\", "\xc3\xa9", "\xff", "9223372036854775808",
        "[[", "]]", "[=[", "]=]", "--[[", ".", "=",
    };
    char s[256];
    /* random sequences of tokens and fragments */
    for (int it = 0; it < 20000; it++) {
        size_t n = 0;
        int k = (int)(rnd() % 12) + 1;
        for (int j = 0; j < k; j++) {
            const char *a = atoms[rnd() % LEN(atoms)];
            size_t len = strlen(a);
            if (n + len + 2 >= sizeof s)
                break;
            memcpy(s + n, a, len);
            n += len;
            if (rnd() % 2)
                s[n++] = ' ';
        }
        s[n] = '\0';
        fuzz_one(s);
    }
    /* random bytes */
    for (int it = 0; it < 5000; it++) {
        size_t n = rnd() % 40;
        for (size_t j = 0; j < n; j++) {
            s[j] = (char)(rnd() % 255 + 1);
        }
        s[n] = '\0';
        fuzz_one(s);
    }
    /* every truncation and single-byte mutation of the round-trip list */
    for (int i = 0; i < LEN(round_trips); i++) {
        size_t len = strlen(round_trips[i]);
        for (size_t cut = 0; cut <= len && cut < sizeof s; cut++) {
            memcpy(s, round_trips[i], cut);
            s[cut] = '\0';
            fuzz_one(s);
        }
        for (int m = 0; m < 200 && len < sizeof s; m++) {
            memcpy(s, round_trips[i], len + 1);
            s[rnd() % len] = (char)(rnd() % 255 + 1);
            fuzz_one(s);
        }
    }
    printf("# fuzz: %d inputs parsed to trees\n", fuzz_trees);
    ok(fuzz_trees > 2000, "fuzz: enough inputs are valid to exercise formatting");
    is_int(fuzz_bad, 0, "fuzz: every input parses and round-trips, or fails with a syntax error");
}

int main(void)
{
    have_concat = lt_fn_find("concat") != NULL;
    test_build();
    test_precedence();
    test_literals();
    test_names();
    test_nil();
    test_calls();
    test_lists();
    test_hand_built();
    test_errors();
    test_depth();
    test_round_trips();
    test_fuzz();
    return tap_done();
}
