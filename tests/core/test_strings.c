/* Unit tests of core/strings.c through the expression functions of
 * lt_string_fns: case (ASCII and UTF-8), length in code points, search,
 * regular expressions, replace, split_part (PostgreSQL's edges), strip,
 * concatenation with conversion and broadcasting, missing values and
 * parameters, and the error messages. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "error.h"
#include "fn.h"
#include "str.h"
#include "colbuild.h"
#include "tap.h"
#include "timefmt.h"


/* A str column; NULL entries are missing. */
static lt_col *strs_(int64_t n, const char *const *v) { return keep(lt_col_from_strs(v, NULL, n)); }
#define STRS(...) strs_(LEN(((const char *[]){ __VA_ARGS__ })), (const char *[]){ __VA_ARGS__ })

static lt_col *one(const char *s) { return keep(lt_col_scalar_str(s, strlen(s))); }
static lt_col *one_i(int64_t v) { return keep(lt_col_scalar_i64(v)); }
static lt_col *one_f(double v) { return keep(lt_col_scalar_f64(v)); }
static lt_col *na_str(void) { return STRS(NULL); }

/* The column as text: 'str' values quoted, NA for missing, T/F for bool. */
static char *show(const lt_col *c)
{
    static char out[4096];
    size_t len = 0;
    out[0] = '\0';
    if (!c)
        return snprintf(out, sizeof out, "error: %s", lt_errmsg()), out;
    for (int64_t i = 0; i < c->n && len < sizeof out - 64; i++) {
        const char *sep = i ? " " : "";
        char v[128];
        if (lt_col_is_na(c, i))
            snprintf(v, sizeof v, "NA");
        else if (c->type == LT_STR)
            snprintf(v, sizeof v, "'%s'", lt_col_get_str(c, i, NULL));
        else if (c->type == LT_BOOL)
            snprintf(v, sizeof v, "%c", lt_col_bool(c)[i] ? 'T' : 'F');
        else if (c->type == LT_I64)
            snprintf(v, sizeof v, "%lld", (long long)lt_col_i64(c)[i]);
        else if (c->type == LT_F64)
            snprintf(v, sizeof v, "%.17g", lt_col_f64(c)[i]);
        else
            lt_time_format(lt_col_i64(c)[i], c->tkind, v, sizeof v);
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", sep, v);
    }
    return out;
}

static const lt_fn *fn(const char *name)
{
    for (const lt_fn *f = lt_string_fns; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* Call function `name` on args (the subject first), as the evaluator does. */
static lt_col *call(const char *name, int nargs, lt_col *const *args)
{
    const lt_fn *f = fn(name);
    lt_fn_ctx ctx = { args[0]->n, 1, NULL, NULL, NULL };
    return f->impl(args, nargs, &ctx);
}
#define CALL(name, ...) \
    call(name, (int)LEN(((lt_col *[]){ __VA_ARGS__ })), (lt_col *[]){ __VA_ARGS__ })

/* Check the result's type and values, then free it. */
__attribute__((format(printf, 4, 5)))
static void is_col(lt_col *r, lt_type type, const char *want, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (r && r->type != type) {
        ok(0, "%s", what);
        printf("#   type %s, want %s\n", lt_type_name(r->type), lt_type_name(type));
    } else {
        is_str(show(r), want, "%s", what);
    }
    lt_col_unref(r);
}

/* The call must fail with `code` and exactly `msg`. */
static void is_err(lt_col *r, int code, const char *msg, const char *what)
{
    if (r) {
        ok(0, "%s (no error; got %s)", what, show(r));
        lt_col_unref(r);
        return;
    }
    is_str(lt_errmsg(), msg, "%s: message", what);
    is_int(lt_errcode(), code, "%s: code", what);
}

/* ---- case and length ---------------------------------------------------- */

static void test_case(void)
{
    lt_col *s = STRS("Éric", "ABC def", "", NULL, "straße", "ÀÖØ-àöø 1");
    is_col(CALL("lower", s), LT_STR, "'éric' 'abc def' '' NA 'straße' 'àöø-àöø 1'", "lower");
    is_col(CALL("upper", s), LT_STR, "'ÉRIC' 'ABC DEF' '' NA 'STRAẞE' 'ÀÖØ-ÀÖØ 1'",
           "upper: ß to capital ẞ (one code point each)");
    is_col(CALL("upper", STRS("ȿ", "ǆ", "ω")), LT_STR, "'Ȿ' 'Ǆ' 'Ω'",
           "upper: 2-byte letters to 3 bytes, digraphs, Greek");
    is_col(CALL("lower", STRS("ΣΑΣ", "Ǆ")), LT_STR, "'σασ' 'ǆ'", "lower: Greek, digraph");
    is_col(CALL("upper", STRS("a\xff" "b", "\xc3")), LT_STR, "'A\xff" "B' '\xc3'",
           "bytes that are not UTF-8 are kept");

    lt_col *r = CALL("lower", STRS("A", "a", "B", "A"));
    is_int(lt_dict_size(r->dict), 2, "lower: equal results share one code");
    is_int(lt_col_codes(r)[0] == lt_col_codes(r)[1], 1, "lower: A and a have the same code");
    lt_col_unref(r);

    is_col(CALL("len", STRS("Éric", "straße", "", NULL, "日本", "👍", "abc")), LT_I64,
           "4 6 0 NA 2 1 3", "len counts code points");
    is_col(CALL("len", STRS("a\xff" "b")), LT_I64, "3", "len: a stray byte counts as one");
    is_col(CALL("len", STRS(NULL, NULL)), LT_I64, "NA NA", "len of all missing");
    is_col(CALL("strip", STRS("  a b \t", "\t\t", "x", "", NULL, " \n ")), LT_STR,
           "'a b' '' 'x' '' NA '\n'", "strip: spaces and tabs only");
}

/* ---- search ------------------------------------------------------------- */

static void test_search(void)
{
    lt_col *s = STRS("hello", "world", "", NULL, "Hello");
    is_col(CALL("contains", s, one("o")), LT_BOOL, "T T F NA T", "contains");
    is_col(CALL("contains", s, one("")), LT_BOOL, "T T T NA T", "contains \"\"");
    is_col(CALL("contains", s, one("hello world")), LT_BOOL, "F F F NA F",
           "contains a longer string");
    is_col(CALL("starts_with", s, one("he")), LT_BOOL, "T F F NA F",
           "starts_with is case-sensitive");
    is_col(CALL("starts_with", s, one("")), LT_BOOL, "T T T NA T", "starts_with \"\"");
    is_col(CALL("ends_with", s, one("ld")), LT_BOOL, "F T F NA F", "ends_with");
    is_col(CALL("ends_with", s, one("xhello")), LT_BOOL, "F F F NA F",
           "ends_with longer than the string");
    is_col(CALL("ends_with", s, one("")), LT_BOOL, "T T T NA T", "ends_with \"\"");
    is_col(CALL("contains", s, na_str()), LT_BOOL, "NA NA NA NA NA",
           "a missing parameter gives missing results");
    is_col(CALL("contains", STRS("a.b", "ab"), one(".")), LT_BOOL, "T F",
           "contains is literal");

    is_col(CALL("matches", STRS("abc", "ab1", "", NULL, "ABC"), one("^[a-z]+$")), LT_BOOL,
           "T F F NA F", "matches anchored");
    is_col(CALL("matches", STRS("tel 555-1234", "none", "12-3"), one("[0-9]{3}-[0-9]{4}")),
           LT_BOOL, "T F F", "matches anywhere, ERE intervals");
    is_col(CALL("matches", STRS("x", ""), one("")), LT_BOOL, "T T", "the empty regex matches");
    is_col(CALL("matches", STRS("cat", "dog", "bird"), one("cat|dog")), LT_BOOL, "T T F",
           "alternation");
    lt_col *r = CALL("matches", STRS("x"), one("("));
    ok(!r && strncmp(lt_errmsg(), "bad regular expression '(': ", 28) == 0
           && strlen(lt_errmsg()) > 28, "a bad regex names itself and the reason");
    is_int(lt_errcode(), LT_EINVAL, "bad regex: code");
    is_err(CALL("matches", STRS("x"), one("a{2,1}")), LT_EINVAL,
           "bad regular expression 'a{2,1}': Invalid content of \\{\\}",
           "a bad interval");
    is_col(CALL("matches", STRS("x", NULL), na_str()), LT_BOOL, "NA NA",
           "a missing regex gives missing results");
}

/* ---- replace, split_part ------------------------------------------------ */

static void test_replace(void)
{
    lt_col *s = STRS("a.b.c", "aaa", "", NULL, "no dots");
    is_col(CALL("replace", s, one("."), one("--")), LT_STR,
           "'a--b--c' 'aaa' '' NA 'no dots'", "replace every occurrence, literally");
    is_col(CALL("replace", s, one("aa"), one("b")), LT_STR,
           "'a.b.c' 'ba' '' NA 'no dots'", "replace left to right, not overlapping");
    is_col(CALL("replace", s, one(""), one("x")), LT_STR,
           "'a.b.c' 'aaa' '' NA 'no dots'", "an empty old changes nothing");
    is_col(CALL("replace", s, one("."), one("")), LT_STR,
           "'abc' 'aaa' '' NA 'no dots'", "replace with \"\" deletes");
    is_col(CALL("replace", STRS("straße"), one("ß"), one("ss")), LT_STR, "'strasse'",
           "replace UTF-8");
    is_col(CALL("replace", s, one("."), na_str()), LT_STR, "NA NA NA NA NA",
           "a missing new gives missing results");
    is_col(CALL("replace", STRS("ab", "ba"), one("a"), one("b")), LT_STR, "'bb' 'bb'",
           "results that coincide");

    /* PostgreSQL 16: split_part('a,b,,c', ',', i) */
    lt_col *s2 = STRS("a,b,,c", "", NULL, "x");
    static const struct { int64_t i; const char *want; } cases[] = {
        { 1, "'a' '' NA 'x'" }, { 2, "'b' '' NA ''" }, { 3, "'' '' NA ''" },
        { 4, "'c' '' NA ''" }, { 5, "'' '' NA ''" }, { -1, "'c' '' NA 'x'" },
        { -2, "'' '' NA ''" }, { -4, "'a' '' NA ''" }, { -5, "'' '' NA ''" },
        { INT64_MAX, "'' '' NA ''" }, { INT64_MIN, "'' '' NA ''" },
    };
    for (int k = 0; k < (int)LEN(cases); k++)
        is_col(CALL("split_part", s2, one(","), one_i(cases[k].i)), LT_STR, cases[k].want,
               "split_part(s, ',', %lld)", (long long)cases[k].i);
    is_col(CALL("split_part", STRS("a::b::c"), one("::"), one_i(2)), LT_STR, "'b'",
           "split_part with a 2-byte separator");
    is_col(CALL("split_part", STRS("a::b::c"), one("::"), one_i(-1)), LT_STR, "'c'",
           "split_part from the end, 2-byte separator");
    is_col(CALL("split_part", STRS(":::"), one("::"), one_i(2)), LT_STR, "':'",
           "separators are found left to right");
    is_col(CALL("split_part", STRS("abc", ""), one(""), one_i(1)), LT_STR, "'abc' ''",
           "an empty separator: the string is field 1");
    is_col(CALL("split_part", STRS("abc"), one(""), one_i(-1)), LT_STR, "'abc'",
           "an empty separator: and field -1");
    is_col(CALL("split_part", STRS("abc"), one(""), one_i(2)), LT_STR, "''",
           "an empty separator: no field 2");
    is_col(CALL("split_part", STRS("a b"), one(" "), one_f(2.0)), LT_STR, "'b'",
           "a whole f64 position");
    is_col(CALL("split_part", STRS("a b"), na_str(), one_i(1)), LT_STR, "NA",
           "a missing separator");
    is_col(CALL("split_part", STRS("a b"), one(" "), keep(lt_col_from_f64((double[]){ NAN }, 1))),
           LT_STR, "NA", "a missing position");
    is_err(CALL("split_part", STRS("a b"), one(" "), one_i(0)), LT_EINVAL,
           "field position 0: fields count from 1 (or from -1 at the end)", "position 0");
    is_err(CALL("split_part", STRS("a b"), one(" "), one_f(1.5)), LT_EINVAL,
           "i must be a whole number, got a fraction", "a fractional position");
    is_err(CALL("split_part", STRS("a b"), one(" "), one("1")), LT_EINVAL,
           "i must be a whole number, got str", "a str position");
    lt_col *two = keep(lt_col_from_i64((int64_t[]){ 1, 2 }, NULL, 2));
    is_err(CALL("split_part", STRS("a b"), one(" "), two), LT_EINVAL,
           "i must be one whole number", "a column of positions");
}

/* ---- concat ------------------------------------------------------------- */

static void test_concat(void)
{
    lt_col *a = STRS("a", "b", NULL, "a", "");
    lt_col *b = STRS("x", "y", "z", "x", "");
    is_col(CALL("concat", a, b), LT_STR, "'ax' 'by' NA 'ax' ''", "str .. str by rows");
    is_col(CALL("concat", a, one("!")), LT_STR, "'a!' 'b!' NA 'a!' '!'", "str .. one value");
    is_col(CALL("concat", one("<"), a), LT_STR, "'<a' '<b' NA '<a' '<'", "one value .. str");
    is_col(CALL("concat", one("a"), one("b")), LT_STR, "'ab'", "one value .. one value");
    is_col(CALL("concat", a, na_str()), LT_STR, "NA NA NA NA NA", "str .. missing");
    is_col(CALL("concat", na_str(), a), LT_STR, "NA NA NA NA NA", "missing .. str");

    lt_col *ids = keep(lt_col_from_i64((int64_t[]){ 1, -2, 0 }, (uint8_t[]){ 0, 0, 1 }, 3));
    is_col(CALL("concat", one("id "), ids), LT_STR, "'id 1' 'id -2' NA", "str .. i64");
    is_col(CALL("concat", keep(lt_col_from_f64((double[]){ 2.5, 0.1, NAN, -0.0 }, 4)), one("x")),
           LT_STR, "'2.5x' '0.1x' NA '0x'", "f64 .. str, as astype writes numbers");
    is_col(CALL("concat", keep(lt_col_scalar_bool(true)), one("!")), LT_STR, "'true!'",
           "bool .. str");
    int64_t t[] = { lt_days_from_civil(2024, 1, 31) * LT_US_PER_DAY };
    is_col(CALL("concat", one("on "), keep(lt_col_from_time(t, NULL, 1, LT_DATE))), LT_STR,
           "'on 2024-01-31'", "str .. date");
    is_col(CALL("concat", one("at "), keep(lt_col_from_time(t, NULL, 1, LT_DATETIME))), LT_STR,
           "'at 2024-01-31 00:00:00'", "str .. datetime");
    is_col(CALL("concat", ids, ids), LT_STR, "'11' '-2-2' NA", "i64 .. i64");
    is_col(CALL("concat", one("x"), STRS(NULL)), LT_STR, "NA", "one value .. one missing");
    is_col(CALL("concat", keep(lt_col_from_strs(NULL, NULL, 0)), one("x")), LT_STR, "",
           "an empty column .. one value");
    is_err(CALL("concat", a, STRS("x", "y")), LT_ELENGTH,
           "columns have lengths 5 and 2; expected equal lengths or one of length 1",
           "lengths that do not broadcast");

    /* Two columns of many distinct strings: joined row by row. */
    enum { N = 100 };
    char bufa[N][8], bufb[N][8];
    const char *va[N], *vb[N];
    for (int i = 0; i < N; i++) {
        snprintf(bufa[i], 8, "a%d", i);
        snprintf(bufb[i], 8, "b%d", (i * 7) % N);
        va[i] = bufa[i];
        vb[i] = i == 13 ? NULL : bufb[i];
    }
    lt_col *r = CALL("concat", keep(lt_col_from_strs(va, NULL, N)),
                     keep(lt_col_from_strs(vb, NULL, N)));
    is_str(lt_col_get_str(r, 57, NULL), "a57b99", "many distinct pairs: row 58");
    is_int(lt_col_is_na(r, 13), 1, "many distinct pairs: missing row");
    is_int(r->nmiss, 1, "many distinct pairs: one missing");
    lt_col_unref(r);
}

/* ---- errors and the table ----------------------------------------------- */

static void test_errors(void)
{
    lt_col *i = keep(lt_col_from_i64((int64_t[]){ 1, 2 }, NULL, 2));
    static const char *const names[] = { "lower", "upper", "len", "strip" };
    for (int k = 0; k < (int)LEN(names); k++)
        is_err(CALL(names[k], i), LT_ETYPE, "expected a str column, got i64", names[k]);
    is_err(CALL("contains", i, one("x")), LT_ETYPE, "expected a str column, got i64",
           "contains on i64");
    is_err(CALL("contains", STRS("a"), one_i(1)), LT_EINVAL, "sub must be one string, got i64",
           "contains with a number");
    is_err(CALL("starts_with", STRS("a", "b"), STRS("a", "b")), LT_EINVAL,
           "prefix must be one string", "a column as prefix");
    is_err(CALL("replace", STRS("a"), one("a"), one_i(1)), LT_EINVAL,
           "new must be one string, got i64", "replace with a number");
    is_err(lt_str_lower(keep(lt_col_scalar_f64(1))), LT_ETYPE,
           "expected a str column, got f64", "lt_str_lower on f64");

    lt_col *empty = keep(lt_col_from_strs(NULL, NULL, 0));
    is_col(CALL("upper", empty), LT_STR, "", "upper of no rows");
    is_col(CALL("len", empty), LT_I64, "", "len of no rows");
    is_col(CALL("contains", empty, one("x")), LT_BOOL, "", "contains on no rows");

    /* The subject's dictionary may hold strings it does not use. */
    lt_col *big = STRS("keep", "drop", "DROP", "Keep");
    lt_col *part = keep(lt_col_take(big, (int64_t[]){ 3, 0 }, 2));
    lt_col *r = CALL("upper", part);
    is_str(show(r), "'KEEP' 'KEEP'", "upper of a column sharing a larger dictionary");
    is_int(lt_dict_size(r->dict), 1, "only the strings used are transformed");
    lt_col_unref(r);

    int nfn = 0, documented = 0;
    for (const lt_fn *f = lt_string_fns; f->name; f++, nfn++)
        documented += f->kind == LT_FN_MAP && f->sig && strchr(f->sig, ':') && f->summary
                      && f->example && f->impl && f->min_args >= 1
                      && f->max_args >= f->min_args;
    is_int(documented, nfn, "every string function has its help and arity");
    is_int(nfn, 11, "eleven string functions");
    is_str(fn("concat")->op, "..", "concat is the .. operator");
}

int main(void)
{
    test_case();
    test_search();
    test_replace();
    test_concat();
    test_errors();
    drain();
    return tap_done();
}
