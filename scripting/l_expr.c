/* Expressions in Lua: the Expr userdata ("lunette.Expr") built by col(),
 * lit(), when(), count(), operators and methods; sort keys from desc();
 * and the functions of core/fn.h offered as methods of expressions (a
 * tree node) and of columns (evaluated at once). */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "error.h"
#include "expr.h"
#include "help.h"
#include "l_aux.h"

/* ---- the userdata -------------------------------------------------------- */

lt_expr **lt_lua_newexpr(lua_State *L)
{
    lt_expr **slot = lua_newuserdatauv(L, sizeof *slot, 0);
    *slot = NULL;
    luaL_setmetatable(L, LT_EXPR_MT);
    return slot;
}

lt_expr *lt_lua_checkexpr(lua_State *L, int idx)
{
    lt_expr **slot = luaL_checkudata(L, idx, LT_EXPR_MT);
    luaL_argcheck(L, *slot != NULL, idx, "closed expression");
    return *slot;
}

static int expr_gc(lua_State *L)
{
    lt_expr **slot = luaL_checkudata(L, 1, LT_EXPR_MT);
    lt_expr_unref(*slot);
    *slot = NULL;
    return 0;
}

static int expr_tostring(lua_State *L)
{
    lt_expr *e = lt_lua_checkexpr(L, 1);
    void **box = lt_lua_newbox(L);
    *box = lt_expr_format(e);
    lt_lua_pushboxed(L, box, "tostring");
    lua_pushfstring(L, "expr: %s", lua_tostring(L, -1));
    return 1;
}

/* A literal expression of the column at idx, pushed. */
static lt_expr *push_lit(lua_State *L, lt_col *c, const char *fname)
{
    lt_expr **slot = lt_lua_newexpr(L);
    *slot = lt_expr_lit(c);
    lt_lua_result(L, *slot, fname);
    return *slot;
}

/* The untyped missing value (nil, NA): one missing bool. */
static lt_col *push_missing(lua_State *L, const char *fname)
{
    lt_col **slot = lt_lua_newcol(L);
    if ((*slot = lt_col_new(LT_BOOL, 1)) && lt_col_set_na(*slot, 0) == 0)
        lt_col_finish(*slot);
    else
        lt_lua_error(L, fname);
    return *slot;
}

/* The value at idx as a column for an eager call: a column, a scalar, an
 * array (a list of values), nil or NA (missing).  Replaces the value. */
static lt_col *checkvalue(lua_State *L, int idx, const char *fname)
{
    idx = lua_absindex(L, idx);
    lt_col *c;
    if (lua_isnoneornil(L, idx) || lt_lua_isna(L, idx)) {
        c = push_missing(L, fname);
    } else if (lua_type(L, idx) == LUA_TTABLE) {
        c = lt_lua_array_to_col(L, idx, fname, "the values");
    } else if (luaL_testudata(L, idx, LT_EXPR_MT)) {
        luaL_error(L, "%s: argument %d is an expression; call the method on an expression "
                      "(col\"name\") to build a tree, or pass plain values", fname, idx);
        return NULL;
    } else {
        return lt_lua_checkoperand(L, idx, fname);
    }
    lua_replace(L, idx);
    return c;
}

lt_expr *lt_lua_toexpr(lua_State *L, int idx, const char *fname, bool parse)
{
    idx = lua_absindex(L, idx);
    lt_expr **slot = luaL_testudata(L, idx, LT_EXPR_MT);
    if (slot && *slot)
        return *slot;
    lt_expr *e;
    if (parse && lua_type(L, idx) == LUA_TSTRING) {
        slot = lt_lua_newexpr(L);
        *slot = lt_expr_parse(lua_tostring(L, idx));
        lt_lua_result(L, *slot, fname);
        e = *slot;
    } else {
        lt_col *c = checkvalue(L, idx, fname);
        e = push_lit(L, c, fname);
    }
    lua_replace(L, idx);
    return e;
}

/* Is any value at first..last an expression? */
static bool any_expr(lua_State *L, int first, int last)
{
    for (int k = first; k <= last; k++)
        if (luaL_testudata(L, k, LT_EXPR_MT))
            return true;
    return false;
}

/* ---- building trees ------------------------------------------------------ */

/* Push the call of fn on the values at first..last (made expressions). */
static int push_call(lua_State *L, const lt_fn *fn, int first, int last)
{
    int n = last - first + 1;
    lt_expr **args = lt_lua_buffer(L, (size_t)(n > 0 ? n : 1), sizeof *args);
    for (int k = 0; k < n; k++) {
        /* a window's third argument is the time column to window on: a
         * string there names it (col"x":rolling_mean("7d", "date")) */
        if (k == 2 && fn->kind == LT_FN_WINDOW && lua_type(L, first + k) == LUA_TSTRING) {
            lt_expr **on = lt_lua_newexpr(L);
            *on = lt_expr_col(lua_tostring(L, first + k));
            lt_lua_result(L, *on, fn->name);
            lua_replace(L, first + k);
        }
        args[k] = lt_lua_toexpr(L, first + k, fn->name, false);
    }
    lt_expr **slot = lt_lua_newexpr(L);
    *slot = lt_expr_call(fn, args, n);
    return lt_lua_result(L, *slot, fn->name);
}

static int push_call_name(lua_State *L, const char *name, int first, int last)
{
    const lt_fn *fn = lt_fn_find(name);
    if (!fn)
        return luaL_error(L, "%s: no such function", name);
    return push_call(L, fn, first, last);
}

/* The function of upvalue 1 called eagerly on the column at 1 and the
 * values after it (the methods of columns): a column, or for an aggregate
 * its one value. */
static int eager_call(lua_State *L, const lt_fn *fn)
{
    int n = lua_gettop(L);
    if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args))
        return luaL_error(L, "%s: expected %d to %d arguments, got %d", fn->name,
                          fn->min_args, fn->max_args, n);
    lt_col **args = lt_lua_buffer(L, (size_t)(n ? n : 1), sizeof *args);
    for (int k = 0; k < n; k++)
        args[k] = checkvalue(L, k + 1, fn->name);
    lt_fn_ctx ctx = {n ? args[0]->n : 0, 1, NULL, NULL, NULL};
    lt_col **slot = lt_lua_newcol(L);
    *slot = fn->impl(args, n, &ctx);
    lt_lua_result(L, *slot, fn->name);
    if (fn->kind == LT_FN_AGG)
        lt_lua_pushvalue(L, *slot, 0);
    return 1;
}

static int method_call(lua_State *L)
{
    const lt_fn *fn = lua_touserdata(L, lua_upvalueindex(1));
    if (any_expr(L, 1, lua_gettop(L)))
        return push_call(L, fn, 1, lua_gettop(L));
    return eager_call(L, fn);
}

int lt_lua_push_fn_method(lua_State *L, const char *name)
{
    const lt_fn *fn = lt_fn_find(name);
    if (!fn) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushlightuserdata(L, (void *)fn);
    lua_pushcclosure(L, method_call, 1);
    return 1;
}

static int expr_index(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2);
    if (lt_fn_find(name))
        return lt_lua_push_fn_method(L, name);
    const char *near = lt_fn_suggest(name);
    if (near)
        return luaL_error(L, "expressions have no method '%s' (did you mean '%s'?)", name,
                          near);
    return luaL_error(L, "expressions have no method '%s'; see help\"Expression functions\"",
                      name);
}

#define BINARY(NAME, FN)                                                         \
    static int NAME(lua_State *L) { return push_call_name(L, FN, 1, 2); }
BINARY(expr_add, "add")
BINARY(expr_sub, "sub")
BINARY(expr_mul, "mul")
BINARY(expr_div, "div")
BINARY(expr_mod, "mod")
BINARY(expr_pow, "pow")
BINARY(expr_band, "and")
BINARY(expr_bor, "or")
BINARY(expr_concat, "concat")

static int expr_unm(lua_State *L) { return push_call_name(L, "neg", 1, 1); }
static int expr_bnot(lua_State *L) { return push_call_name(L, "not", 1, 1); }

/* Lua makes the results of < and <= booleans: refuse them with the way out. */
static int expr_order(lua_State *L)
{
    return luaL_error(L, "expressions cannot use < <= > >= == ~= (Lua makes their "
                         "results booleans): use the methods :lt :le :gt :ge :eq :ne, "
                         "e.g. col\"tenure\":gt(12)");
}

/* ---- library functions --------------------------------------------------- */

static int l_col(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lt_expr **slot = lt_lua_newexpr(L);
    *slot = lt_expr_col(name);
    return lt_lua_result(L, *slot, "col");
}

static int l_lit(lua_State *L)
{
    luaL_checkany(L, 1);
    lt_lua_toexpr(L, 1, "lit", false);
    lua_settop(L, 1);
    return 1;
}

static int l_when(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_argcheck(L, n >= 2, n + 1, "a condition and a value expected");
    const lt_fn *fn = lt_fn_find("when");
    if (any_expr(L, 1, n))
        return push_call(L, fn, 1, n);
    return eager_call(L, fn);
}

static int l_count(lua_State *L)
{
    return push_call_name(L, "count", 1, lua_gettop(L));
}

/* desc(x): a sort key, x a column name or an expression; the Desc
 * userdata keeps the expression as its user value. */
static int l_desc(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING) {
        lt_expr **slot = lt_lua_newexpr(L);
        *slot = lt_expr_col(lua_tostring(L, 1));
        lt_lua_result(L, *slot, "desc");
        lua_replace(L, 1);
    }
    luaL_argexpected(L, luaL_testudata(L, 1, LT_EXPR_MT), 1, "column name or expression");
    lua_newuserdatauv(L, 0, 1);
    luaL_setmetatable(L, LT_DESC_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

lt_expr *lt_lua_todesc(lua_State *L, int idx)
{
    if (!luaL_testudata(L, idx, LT_DESC_MT))
        return NULL;
    lua_getiuservalue(L, idx, 1);
    lt_expr *e = lt_lua_checkexpr(L, -1);
    lua_pop(L, 1);   /* the Desc at idx keeps it alive */
    return e;
}

static int desc_tostring(lua_State *L)
{
    lua_getiuservalue(L, 1, 1);
    lt_expr *e = lt_lua_checkexpr(L, -1);
    void **box = lt_lua_newbox(L);
    *box = lt_expr_format(e);
    lt_lua_pushboxed(L, box, "tostring");
    lua_pushfstring(L, "desc(%s)", lua_tostring(L, -1));
    return 1;
}

const lt_lua_reg lt_lua_expr_lib[] = {
    {"col", l_col, "col(name)", "An expression naming a column.\n"
     "For filter, mutate, agg and sort. Build on it with operators\n"
     "(+ - * / % ^ & | ~ ..) and methods (:gt, :mean, :lower ...; see\n"
     "help\"Expression functions\"). Comparisons are methods, because Lua\n"
     "makes the results of == < <= booleans. The same trees can be written\n"
     "as strings: \"tenure > 12 and contract ~= 'Two year'\".",
     NULL, "churn:filter(col\"tenure\":gt(12) & col\"contract\":ne(\"Month-to-month\"))"},
    {"lit", l_lit, "lit(value)", "A literal value as an expression.\n"
     "A number, string, boolean, nil, an array (for is_in) or a column.", NULL,
     "churn:mutate{ source = lit(\"telco\") }"},
    {"when", l_when, "when(c1, v1 [, c2, v2 ...] [, otherwise])",
     "The value of the first condition that holds.\n"
     "Row by row, as SQL's CASE. A missing condition counts as false;\n"
     "without otherwise, missing. Given columns instead of expressions, it\n"
     "computes at once and returns a column.",
     NULL,
     "churn:mutate{ band = when(col\"tenure\":lt(12), \"new\",\n"
     "                          col\"tenure\":lt(48), \"settled\", \"loyal\") }"},
    {"count", l_count, "count([x])", "Aggregate: rows, or values of x, per group.\n"
     "count() counts rows; count(x) the non-missing values of x.",
     NULL, "churn:group_by(\"contract\"):agg{ n = count() }"},
    {"desc", l_desc, "desc(x)", "A sort key in descending order.\n"
     "x is a column name or an expression; missing values still sort last.", NULL,
     "churn:sort{ \"contract\", desc(\"monthly_charges\") }"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* Help entries of the functions of core/fn.h, made once from the
 * registry (those that are also library functions are left to them). */
enum { MAX_FNS = 256 };
lt_lua_reg lt_lua_fn_regs[MAX_FNS + 1];

static bool in_lib(const char *name)
{
    for (const lt_lua_reg *r = lt_lua_expr_lib; r->name; r++)
        if (strcmp(r->name, name) == 0)
            return true;
    return false;
}

static void fill_fn_regs(void)
{
    int n = 0, i = 0;
    for (const lt_fn *fn; n < MAX_FNS && (fn = lt_fn_next(&i));) {
        if (in_lib(fn->name))
            continue;
        lt_lua_fn_regs[n++] = (lt_lua_reg){fn->name, NULL, fn->sig, fn->summary, NULL, fn->example};
    }
    lt_lua_fn_regs[n] = (lt_lua_reg){NULL, NULL, NULL, NULL, NULL, NULL};
}

void lt_lua_open_expr(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__gc", expr_gc},
        {"__close", expr_gc},
        {"__tostring", expr_tostring},
        {"__add", expr_add},
        {"__sub", expr_sub},
        {"__mul", expr_mul},
        {"__div", expr_div},
        {"__mod", expr_mod},
        {"__pow", expr_pow},
        {"__unm", expr_unm},
        {"__band", expr_band},
        {"__bor", expr_bor},
        {"__bnot", expr_bnot},
        {"__concat", expr_concat},
        {"__lt", expr_order},
        {"__le", expr_order},
        {NULL, NULL},
    };
    static const luaL_Reg desc_meta[] = {
        {"__tostring", desc_tostring},
        {NULL, NULL},
    };
    fill_fn_regs();
    lt_lua_newmeta(L, LT_EXPR_MT, meta, expr_index);
    lt_lua_newmeta(L, LT_DESC_MT, desc_meta, NULL);
}
