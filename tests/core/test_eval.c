/* Unit tests of the expression evaluator (core/eval.c), the operator
 * table (core/fn.c), the when/is_in kernels (core/cond.c) and the
 * filter/mutate/agg verbs (core/verbs.c): levels, broadcasting of
 * aggregates, error messages, with hand-worked values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "ops.h"
#include "error.h"
#include "expr.h"
#include "group.h"
#include "colbuild.h"
#include "tap.h"
#include "verbs.h"


static lt_expr *xpool[256];
static int nxpool;

static lt_expr *xkeep(lt_expr *e)
{
    if (e && nxpool < (int)LEN(xpool))
        xpool[nxpool++] = e;
    return e;
}

static lt_expr *P(const char *src) { return xkeep(lt_expr_parse(src)); }

/* "v1,v2,..." of a column as printed by astype(str), missing as NA. */
static const char *show(const lt_col *c)
{
    static char buf[512];
    if (!c)
        return lt_errmsg();
    lt_col *s = lt_col_astype(c, LT_STR, false);
    size_t used = 0;
    buf[0] = 0;
    for (int64_t i = 0; s && i < s->n && used < sizeof buf - 32; i++) {
        const char *v = lt_col_get_str(s, i, NULL);
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? "," : "",
                                 v ? v : "NA");
    }
    lt_col_unref(s);
    return buf;
}

/* The frame of the tests: g = a b a NA b a, x = 10 20 NA 40 50 60 (i64),
 * y = 1.5 2.5 3.5 4.5 NaN 6.5. */
static lt_frame *make_frame(void)
{
    const char *g[] = {"a", "b", "a", NULL, "b", "a"};
    int64_t x[] = {10, 20, 0, 40, 50, 60};
    uint8_t xna[] = {0, 0, 1, 0, 0, 0};
    double y[] = {1.5, 2.5, 3.5, 4.5, NAN, 6.5};
    lt_frame *f = lt_frame_new();
    lt_frame_add(f, "g", keep(lt_col_from_strs(g, NULL, 6)));
    lt_frame_add(f, "x", keep(lt_col_from_i64(x, xna, 6)));
    lt_frame_add(f, "y", keep(lt_col_from_f64(y, 6)));
    return f;
}

static lt_col *eval(const char *src, const lt_frame *f, const lt_fn_ctx *ctx, lt_level lv)
{
    lt_fn_ctx flat = {f->nrow, 1, NULL, NULL, NULL};
    lt_expr *e = P(src);
    return e ? keep(lt_expr_eval(e, f, ctx ? ctx : &flat, lv)) : NULL;
}

static void test_levels(const lt_frame *f)
{
    is_str(show(eval("x * 2 + 1", f, NULL, LT_LEVEL_ROW)), "21,41,NA,81,101,121", "row arithmetic");
    is_str(show(eval("x - mean(x)", f, NULL, LT_LEVEL_ROW)), "-26,-16,NA,4,14,24",
           "an aggregate is repeated over the rows");
    is_str(show(eval("1 + 1", f, NULL, LT_LEVEL_ROW)), "2,2,2,2,2,2", "literals fill the rows");

    lt_col *keys[] = {f->cols[0]};
    lt_groups *g = lt_groups_new(keys, 1, true);
    lt_fn_ctx ctx;
    lt_groups_ctx(g, &ctx);
    is_str(show(eval("x - mean(x)", f, &ctx, LT_LEVEL_ROW)), "-25,-15,NA,0,15,25",
           "per group: mean of a, b and the missing group");
    is_str(show(eval("sum(x) / count()", f, &ctx, LT_LEVEL_GROUP)), "23.333333333333332,35,40",
           "arithmetic on aggregates, one value per group");
    is_str(show(eval("7", f, &ctx, LT_LEVEL_GROUP)), "7,7,7", "a literal per group");
    ok(eval("x", f, &ctx, LT_LEVEL_GROUP) == NULL, "a row value is no aggregate");
    is_str(lt_errmsg(), "x: gives one value per row; expected one value per group, from an "
                        "aggregate such as mean(...) or count()", "and the message says so");
    ok(eval("mean(sum(x))", f, &ctx, LT_LEVEL_GROUP) == NULL, "aggregates do not nest");
    ok(strstr(lt_errmsg(), "mean(sum(x)): the argument is already an aggregate") != NULL,
       "nesting message: %s", lt_errmsg());
    lt_groups_free(g);
}

static void test_errors(const lt_frame *f)
{
    ok(eval("g == 'a' and x > 'q'", f, NULL, LT_LEVEL_ROW) == NULL, "type error");
    ok(strncmp(lt_errmsg(), "x > 'q': cannot compare i64 with str", 36) == 0,
       "names the failing node once: %s", lt_errmsg());
    ok(eval("xx + 1", f, NULL, LT_LEVEL_ROW) == NULL, "unknown column");
    is_str(lt_errmsg(), "column 'xx' not found (did you mean 'x'?)", "with a suggestion");
    ok(eval("round(y, 0.5)", f, NULL, LT_LEVEL_ROW) == NULL, "a fractional digits parameter");
    is_str(lt_errmsg(), "round(y, 0.5): digits must be a whole number, got a fraction",
           "parameter message");
}

static void test_ops_table(const lt_frame *f)
{
    is_str(show(eval("when(x < 30, 'low', x < 55, 'mid', 'high')", f, NULL, LT_LEVEL_ROW)),
           "low,low,high,mid,mid,high", "when: a missing condition counts as false");
    is_str(show(eval("when(g == 'a', x)", f, NULL, LT_LEVEL_ROW)), "10,NA,NA,NA,NA,60",
           "when without otherwise gives missing");
    is_str(show(eval("when(g == 'a', x, y)", f, NULL, LT_LEVEL_ROW)), "10,2.5,NA,4.5,NA,60",
           "i64 and f64 branches give f64");
    is_str(show(eval("x:between(20, 50)", f, NULL, LT_LEVEL_ROW)),
           "false,true,NA,true,true,false", "between");
    is_str(show(eval("x:is_in({10, 40.0, 41.5})", f, NULL, LT_LEVEL_ROW)),
           "true,false,false,true,false,false", "is_in across number types");
    is_str(show(eval("cast(x, 'f64') / 4", f, NULL, LT_LEVEL_ROW)), "2.5,5,NA,10,12.5,15", "cast");
    is_str(show(eval("fill_na(x, 0)", f, NULL, LT_LEVEL_ROW)), "10,20,0,40,50,60", "fill_na");
    is_str(show(eval("round(y / 3, 2)", f, NULL, LT_LEVEL_ROW)), "0.5,0.83,1.17,1.5,NA,2.17",
           "round with digits");
}

static void test_cond(void)
{
    const char *s1[] = {"p", "q"};
    const char *s2[] = {"r", "p"};
    lt_col *a = keep(lt_col_from_strs(s1, NULL, 2)), *b = keep(lt_col_from_strs(s2, NULL, 2));
    uint8_t cv[] = {0, 1};
    lt_col *c = keep(lt_col_from_bool(cv, NULL, 2));
    is_str(show(keep(lt_col_ifelse(c, a, b))), "r,q", "str branches on two dictionaries");
    lt_col *na = keep(lt_col_new(LT_BOOL, 1));
    lt_col_set_na(na, 0);
    lt_col_finish(na);
    is_str(show(keep(lt_col_ifelse(c, na, a))), "p,NA", "the untyped missing value takes str");
    ok(lt_col_ifelse(a, a, b) == NULL, "a str condition is refused");
    lt_col *i = keep(lt_col_scalar_i64(1));
    ok(lt_col_ifelse(c, a, i) == NULL && strstr(lt_errmsg(), "branches are str and i64"),
       "mixed kinds: %s", lt_errmsg());
    int64_t big[] = {INT64_C(9007199254740993), 3};
    lt_col *bigc = keep(lt_col_from_i64(big, NULL, 2));
    double d[] = {9007199254740992.0};
    is_str(show(keep(lt_col_is_in(bigc, keep(lt_col_from_f64(d, 1))))), "false,false",
           "is_in of i64 against f64 is exact beyond 2^53");
    int64_t e[] = {INT64_C(9007199254740993)};
    is_str(show(keep(lt_col_is_in(bigc, keep(lt_col_from_i64(e, NULL, 1))))), "true,false",
           "and finds the same integer");
    ok(lt_col_is_in(a, i) == NULL, "str values against numbers: %s", lt_errmsg());
}

static void test_verbs(const lt_frame *f)
{
    lt_frame *r = lt_frame_filter(f, P("y > 2 and g ~= nil"), NULL);
    is_int(r ? r->nrow : -1, 3, "filter keeps rows 2, 3 and 6");
    lt_frame_free(r);
    const char *names[] = {"x", "z"};
    lt_expr *ex[] = {P("x + 1"), P("x * 2")};
    r = lt_frame_mutate(f, names, ex, 2, NULL);
    is_int(r ? r->ncol : -1, 4, "mutate replaces x and appends z");
    is_str(r ? r->names[3] : NULL, "z", "z last");
    is_str(show(r ? r->cols[1] : NULL), "11,21,NA,41,51,61", "x replaced in place");
    is_str(show(r ? r->cols[3] : NULL), "20,40,NA,80,100,120", "z from the input x");
    lt_frame_free(r);
    const char *dup[] = {"a", "a"};
    ok(lt_frame_mutate(f, dup, ex, 2, NULL) == NULL, "duplicate names refused: %s", lt_errmsg());
}

int main(void)
{
    lt_frame *f = make_frame();
    test_levels(f);
    test_errors(f);
    test_ops_table(f);
    test_cond();
    test_verbs(f);
    lt_frame_free(f);
    while (nxpool)
        lt_expr_unref(xpool[--nxpool]);
    drain();
    return tap_done();
}
