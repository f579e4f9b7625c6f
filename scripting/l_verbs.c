/* Lua bindings of the expression verbs (core/verbs.h, sort.h, group.h):
 * filter, mutate, sort, agg and count on frames, and group_by with its
 * "lunette.GroupedFrame" type. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "group.h"
#include "help.h"
#include "l_aux.h"
#include "sort.h"
#include "verbs.h"

/* ---- named entries: { name = expr, ... } and { {"name", expr}, ... } ---- */

typedef struct entries {
    int n;
    const char **names;   /* kept alive by the table or the stack */
    lt_expr **exprs;      /* kept alive by the stack */
} entries;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Read the entries of the table at idx: array items {name, value} first,
 * in order, then string keys in byte order of the names.  Values are made
 * expressions (strings parsed) and left on the stack. */
static entries checkentries(lua_State *L, int idx, const char *fname)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_Integer narr = (lua_Integer)lua_rawlen(L, idx);
    int nkeys = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING)
            nkeys++;
        else if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1
                 || lua_tointeger(L, -1) > narr)
            luaL_error(L, "%s: entries are name = expression or {name, expression}", fname);
    }
    entries e;
    e.n = (int)narr + nkeys;
    e.names = lt_lua_buffer(L, (size_t)(e.n ? e.n : 1), sizeof *e.names);
    e.exprs = lt_lua_buffer(L, (size_t)(e.n ? e.n : 1), sizeof *e.exprs);
    int k = (int)narr;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING)
            e.names[k++] = lua_tostring(L, -1);
    }
    qsort(e.names + narr, (size_t)nkeys, sizeof *e.names, cmp_names);
    for (k = 0; k < e.n; k++) {
        if (k < narr) {
            lua_rawgeti(L, idx, k + 1);
            if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2)
                luaL_error(L, "%s: entry %d: {name, expression} expected", fname, k + 1);
            lua_rawgeti(L, -1, 1);
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "%s: entry %d: the name must be a string", fname, k + 1);
            e.names[k] = lua_tostring(L, -1);   /* the entry table keeps it */
            lua_pop(L, 1);
            lua_rawgeti(L, -1, 2);
            lua_remove(L, -2);
        } else {
            lua_getfield(L, idx, e.names[k]);
        }
        e.exprs[k] = lt_lua_toexpr(L, lua_gettop(L), fname, true);
    }
    return e;
}

/* ---- grouped frames ------------------------------------------------------ */

typedef struct grouped {
    lt_groups *g;
    int nkeys;
    int keys[];   /* column indexes of the frame (the user value) */
} grouped;

static grouped *checkgrouped(lua_State *L, int idx)
{
    grouped *gr = luaL_checkudata(L, idx, LT_GROUPED_MT);
    luaL_argcheck(L, gr->g != NULL, idx, "closed grouped frame");
    return gr;
}

/* The frame of the grouped frame at idx, pushed. */
static lt_frame *pushframe(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 1);
    return lt_lua_checkframe(L, -1);
}

static int grouped_gc(lua_State *L)
{
    grouped *gr = luaL_checkudata(L, 1, LT_GROUPED_MT);
    lt_groups_free(gr->g);
    gr->g = NULL;
    return 0;
}

/* Push a grouped frame of the frame at 1 by the column names at
 * first..last (an array of names at first also works). */
/* Expression keys (group_by(col"date":year())) become columns named by
 * their string form, added to the frame at 1, which the new frame
 * replaces; each key at first..last is then a column name. */
static const lt_frame *with_expr_keys(lua_State *L, const lt_frame *f, int first, int last,
                                      const char *fname)
{
    int n = 0;
    for (int k = first; k <= last; k++)
        n += luaL_testudata(L, k, LT_EXPR_MT) != NULL;
    if (n == 0)
        return f;
    const char **names = lt_lua_buffer(L, (size_t)n, sizeof *names);
    lt_expr **exprs = lt_lua_buffer(L, (size_t)n, sizeof *exprs);
    n = 0;
    for (int k = first; k <= last; k++) {
        if (!luaL_testudata(L, k, LT_EXPR_MT))
            continue;
        exprs[n] = lt_lua_checkexpr(L, k);
        lua_pushvalue(L, k);                 /* keeps the tree alive */
        void **box = lt_lua_newbox(L);
        *box = lt_expr_format(exprs[n]);
        lt_lua_pushboxed(L, box, fname);
        names[n++] = lua_tostring(L, -1);
        lua_pushvalue(L, -1);
        lua_replace(L, k);                   /* the key is now the name */
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_mutate(f, names, exprs, n, NULL);
    lt_lua_result(L, *slot, fname);
    lua_replace(L, 1);
    return *slot;
}

static grouped *push_grouped(lua_State *L, int first, int last, const char *fname)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    if (first == last && lua_istable(L, first)) {
        int n = (int)lua_rawlen(L, first);
        for (int k = 1; k <= n; k++)
            lua_rawgeti(L, first, k);
        lua_remove(L, first);
        last = first + n - 1;
    }
    int nkeys = last - first + 1;
    luaL_argcheck(L, nkeys > 0, first, "at least one key column expected");
    f = with_expr_keys(L, f, first, last, fname);
    grouped *gr = lua_newuserdatauv(L, sizeof *gr + (size_t)(nkeys > 0 ? nkeys : 0) * sizeof(int), 1);
    gr->g = NULL;
    gr->nkeys = nkeys;
    luaL_setmetatable(L, LT_GROUPED_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lt_col **cols = lt_lua_buffer(L, (size_t)(nkeys > 0 ? nkeys : 1), sizeof *cols);
    for (int k = 0; k < nkeys; k++) {
        const char *name = luaL_checkstring(L, first + k);
        gr->keys[k] = lt_lua_colindex(L, f, name, fname);
        for (int j = 0; j < k; j++)
            if (gr->keys[j] == gr->keys[k])
                luaL_error(L, "%s: the key '%s' is given twice", fname, name);
        cols[k] = f->cols[gr->keys[k]];
    }
    lua_pop(L, 1);
    gr->g = lt_groups_new(cols, nkeys, true);
    if (!gr->g)
        lt_lua_error(L, fname);
    return gr;
}

static int frame_group_by(lua_State *L)
{
    lt_lua_checkframe(L, 1);
    push_grouped(L, 2, lua_gettop(L), "group_by");
    return 1;
}

static int grouped_tostring(lua_State *L)
{
    grouped *gr = luaL_checkudata(L, 1, LT_GROUPED_MT);
    if (!gr->g) {
        lua_pushliteral(L, "lunette.GroupedFrame (closed)");
        return 1;
    }
    const lt_frame *f = pushframe(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "# groups: ");
    for (int k = 0; k < gr->nkeys; k++) {
        if (k)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, f->names[gr->keys[k]]);
    }
    lua_pushfstring(L, " (%I groups)\n", (lua_Integer)gr->g->ngroups);
    luaL_addvalue(&b);
    luaL_tolstring(L, -2, NULL);
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    return 1;
}

/* ---- the verbs ----------------------------------------------------------- */

static int filter(lua_State *L, const lt_frame *f, const lt_fn_ctx *ctx)
{
    lt_frame **slot = lt_lua_newframe(L);
    lt_col *mask = lt_lua_tocol(L, 2);
    if (mask) {
        luaL_argcheck(L, mask->n == f->nrow && mask->type == LT_BOOL, 2,
                      "a bool column of the frame's length expected");
        *slot = lt_frame_filter_mask(f, mask);
    } else {
        luaL_checkany(L, 2);
        *slot = lt_frame_filter(f, lt_lua_toexpr(L, 2, "filter", true), ctx);
    }
    return lt_lua_result(L, *slot, "filter");
}

static int frame_filter(lua_State *L)
{
    return filter(L, lt_lua_checkframe(L, 1), NULL);
}

/* mutate{ name = expr, ... } or mutate(name, expr). */
static int mutate(lua_State *L, const lt_frame *f, const lt_fn_ctx *ctx)
{
    entries e;
    if (lua_type(L, 2) == LUA_TSTRING) {
        luaL_checkany(L, 3);
        e.n = 1;
        e.names = lt_lua_buffer(L, 1, sizeof *e.names);
        e.exprs = lt_lua_buffer(L, 1, sizeof *e.exprs);
        e.names[0] = lua_tostring(L, 2);
        e.exprs[0] = lt_lua_toexpr(L, 3, "mutate", true);
    } else {
        e = checkentries(L, 2, "mutate");
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_mutate(f, e.names, e.exprs, e.n, ctx);
    return lt_lua_result(L, *slot, "mutate");
}

static int frame_mutate(lua_State *L)
{
    return mutate(L, lt_lua_checkframe(L, 1), NULL);
}

/* agg over the groups of gr, or over all rows when gr is NULL. */
static int agg(lua_State *L, const lt_frame *f, grouped *gr)
{
    entries e = checkentries(L, 2, "agg");
    lt_frame **slot = lt_lua_newframe(L);
    *slot = gr ? lt_frame_agg(f, gr->g, gr->keys, gr->nkeys, e.names, e.exprs, e.n)
               : lt_frame_agg(f, NULL, NULL, 0, e.names, e.exprs, e.n);
    return lt_lua_result(L, *slot, "agg");
}

static int grouped_agg(lua_State *L)
{
    grouped *gr = checkgrouped(L, 1);
    const lt_frame *f = pushframe(L, 1);
    lua_pop(L, 1);   /* the grouped frame keeps it */
    return agg(L, f, gr);
}

static int frame_agg(lua_State *L)
{
    return agg(L, lt_lua_checkframe(L, 1), NULL);
}

/* Push the entries table { n = count() }. */
static void push_count_entry(lua_State *L)
{
    lua_createtable(L, 0, 1);
    lt_expr **slot = lt_lua_newexpr(L);
    *slot = lt_expr_call_name("count", NULL, 0);
    lt_lua_result(L, *slot, "count");
    lua_setfield(L, -2, "n");
}

static int grouped_count(lua_State *L)
{
    checkgrouped(L, 1);
    lua_settop(L, 1);
    push_count_entry(L);
    return grouped_agg(L);
}

static int frame_count(lua_State *L)
{
    lt_lua_checkframe(L, 1);
    if (lua_gettop(L) == 1) {   /* no keys: the number of rows, as a frame */
        push_count_entry(L);
        return agg(L, lt_lua_checkframe(L, 1), NULL);
    }
    push_grouped(L, 2, lua_gettop(L), "count");
    lua_replace(L, 1);
    lua_settop(L, 1);
    return grouped_count(L);
}

static int grouped_mutate(lua_State *L)
{
    grouped *gr = checkgrouped(L, 1);
    const lt_frame *f = pushframe(L, 1);
    lua_pop(L, 1);
    lt_fn_ctx ctx;
    lt_groups_ctx(gr->g, &ctx);
    return mutate(L, f, &ctx);
}

static int grouped_filter(lua_State *L)
{
    grouped *gr = checkgrouped(L, 1);
    const lt_frame *f = pushframe(L, 1);
    lua_pop(L, 1);
    lt_fn_ctx ctx;
    lt_groups_ctx(gr->g, &ctx);
    return filter(L, f, &ctx);
}

static int grouped_ungroup(lua_State *L)
{
    checkgrouped(L, 1);
    lua_getiuservalue(L, 1, 1);
    return 1;
}

/* ---- sort ---------------------------------------------------------------- */

static int frame_sort(lua_State *L)
{
    static const char *const opts[] = {"natural", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    int top = lua_gettop(L), opt = 0, keytab = 2;
    if (lua_type(L, 2) == LUA_TTABLE) {          /* sort{ keys } [, opts] */
        opt = top >= 3 ? 3 : 0;
    } else {                                      /* sort(key, ... [, opts]) */
        opt = top >= 3 && lua_type(L, top) == LUA_TTABLE ? top : 0;
        int last = opt ? opt - 1 : top;
        lua_createtable(L, last - 1, 0);
        for (int k = 2; k <= last; k++) {
            lua_pushvalue(L, k);
            lua_rawseti(L, -2, k - 1);
        }
        keytab = lua_gettop(L);
    }
    if (opt)
        lt_lua_checkopts(L, opt, opts);
    lt_sort_opts so = {opt ? lt_lua_optbool(L, opt, "natural", false) : false};
    int n = (int)lua_rawlen(L, keytab);
    luaL_argcheck(L, n > 0, 2, "at least one sort key expected");
    int base = lua_gettop(L);
    for (int k = 1; k <= n; k++)
        lua_rawgeti(L, keytab, k);
    lt_sort_key *keys = lt_lua_buffer(L, (size_t)n, sizeof *keys);
    lt_fn_ctx ctx = {f->nrow, 1, NULL, NULL, NULL};
    for (int k = 0; k < n; k++) {
        int idx = base + k + 1;
        lt_expr *e = lt_lua_todesc(L, idx);
        keys[k].desc = e != NULL;
        if (!e && lua_type(L, idx) == LUA_TSTRING) {
            keys[k].col = f->cols[lt_lua_colindex(L, f, lua_tostring(L, idx), "sort")];
            continue;
        }
        if (!e)
            e = lt_lua_toexpr(L, idx, "sort", false);
        lt_col **slot = lt_lua_newcol(L);
        *slot = lt_expr_eval(e, f, &ctx, LT_LEVEL_ROW);
        lt_lua_result(L, *slot, "sort");
        keys[k].col = *slot;   /* the stack keeps it */
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_sort(f, keys, n, &so);
    return lt_lua_result(L, *slot, "sort");
}

/* ---- registration -------------------------------------------------------- */

const lt_lua_reg lt_lua_verb_methods[] = {
    {"filter", frame_filter, "df:filter(cond)",
     "Rows where cond is true (missing: false).\n"
     "cond is an expression, a string in Lua syntax parsed into the same\n"
     "tree, or a bool column of the frame's length.",
     NULL,
     "churn:filter(col\"tenure\":gt(12) & col\"contract\":ne(\"Month-to-month\"))\n"
     "churn:filter\"tenure > 12 and contract ~= 'Month-to-month'\""},
    {"mutate", frame_mutate, "df:mutate{ name = expr, ... }",
     "New or replaced columns, from expressions.\n"
     "Every entry sees the input frame only: chain :mutate for a column\n"
     "computed from another new one. A replaced column keeps its place; new\n"
     "columns follow the existing ones: entries given as {name, expr} first,\n"
     "in their order, then name = expr entries by name (Lua tables have no\n"
     "order). Strings are parsed as expressions (\"tenure * 12\"); use\n"
     "lit\"x\" for a literal string. df:mutate(name, expr) adds one column.",
     NULL,
     "churn:mutate{ arpu = col\"total_charges\" / col\"tenure\",\n"
     "              long = col\"tenure\":ge(24) }\n"
     "churn:mutate(\"years\", \"tenure / 12\")"},
    {"sort", frame_sort, "df:sort(keys... [, opts])",
     "Rows ordered by one or more keys.\n"
     "Keys are column names, expressions or desc(key), or a table of them:\n"
     "df:sort{ \"a\", desc\"b\" }. Stable; missing values last (also with\n"
     "desc); strings by byte order.",
     "natural = false   strings in natural order, \"a2\" before \"a10\" (no locale)",
     "churn:sort{ \"contract\", desc(\"monthly_charges\") }\n"
     "churn:sort(col\"total_charges\" / col\"tenure\")"},
    {"group_by", frame_group_by, "df:group_by(key, ...)",
     "Group rows by the values of key columns.\n"
     "For :agg, :mutate, :filter and :count. Keys are column names, or\n"
     "expressions, which become columns named by their string form\n"
     "(col\"month\":year() gives \"year(month)\"). Groups come in ascending\n"
     "key order; a missing key is a group of its own, last.",
     NULL,
     "churn:group_by(\"contract\", \"internet_service\"):agg{ n = count() }"},
    {"agg", frame_agg, "df:agg{ name = expr, ... }",
     "One row of aggregates over all rows.\nSee GroupedFrame:agg.", NULL,
     "churn:agg{ n = count(), mean_tenure = col\"tenure\":mean() }"},
    {"count", frame_count, "df:count(key, ...)",
     "Rows per distinct key, in a column n.\nAs dplyr's count: df:group_by(...):count().", NULL,
     "churn:count(\"contract\", \"churn\")"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_grouped_methods[] = {
    {"agg", grouped_agg, "g:agg{ name = expr, ... }",
     "One row per group: the keys, then aggregates.\n"
     "Entries are ordered as in df:mutate. Values are expressions with\n"
     "aggregates (count(), :mean(), :quantile(q) ...) or strings in Lua\n"
     "syntax (\"mean(churn == 'Yes')\"). Aggregates skip missing values; an\n"
     "empty set gives missing (count and sum give 0).",
     NULL,
     "churn:group_by(\"contract\"):agg{ n = count(), rate = col\"churn\":eq(\"Yes\"):mean() }\n"
     "churn:group_by(\"contract\"):agg{ rate = \"mean(churn == 'Yes')\" }"},
    {"mutate", grouped_mutate, "g:mutate{ name = expr, ... }",
     "Columns computed within each group.\n"
     "Aggregates repeat over the group's rows (x - mean(x)) and windows\n"
     "(lag, cumsum, rolling_mean ...) restart per group, in row order.\n"
     "Returns an ungrouped frame.",
     NULL,
     "churn:group_by(\"contract\"):mutate{ dev = col\"tenure\" - col\"tenure\":mean() }"},
    {"filter", grouped_filter, "g:filter(cond)",
     "Rows where cond holds, aggregates per group.", NULL,
     "churn:group_by(\"contract\"):filter\"monthly_charges > median(monthly_charges)\""},
    {"count", grouped_count, "g:count()", "Rows per group: the keys and a column n.", NULL,
     "churn:group_by(\"contract\"):count()"},
    {"ungroup", grouped_ungroup, "g:ungroup()", "The frame without its groups.", NULL,
     "churn:group_by(\"contract\"):ungroup()"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_verbs(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__gc", grouped_gc},
        {"__close", grouped_gc},
        {"__tostring", grouped_tostring},
        {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_GROUPED_MT, meta, NULL);
}
