/* The statistics of data drift as plain Lua functions (l_drift.h):
 * ks_test, wasserstein, anderson_ksamp on the kernels of core/ks.h,
 * divergence.h and anderson.h; psi, js_distance and chi2_test through
 * lt_drift_column, the code path of each column of a drift report (so
 * that bins and categories are the report's).  Samples are Columns or
 * Lua arrays; missing values are dropped, and counted in the last
 * result, a table { n = {...}, missing = {...}, ... }.  Scratch arrays
 * live on the Lua stack. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "anderson.h"
#include "divergence.h"
#include "error.h"
#include "fsort.h"
#include "ks.h"
#include "l_aux.h"
#include "l_drift.h"

/* Raise "fname: <lt_errmsg>", without the core's own "fname: " or
 * "drift: " in front. */
static int stat_error(lua_State *L, const char *fname)
{
    const char *m = lt_errmsg();
    size_t len = strlen(fname);
    if (strncmp(m, fname, len) == 0 && strncmp(m + len, ": ", 2) == 0)
        m += len + 2;
    else if (strncmp(m, "drift: ", 7) == 0)
        m += 7;
    return luaL_error(L, "%s: %s", fname, m);
}

/* The sample at idx (argument arg; `what` names it): a Column as is, or
 * a Lua array made a Column, which is pushed. */
static const lt_col *checksample(lua_State *L, int idx, int arg, const char *fname,
                                 const char *what)
{
    idx = lua_absindex(L, idx);
    if (lua_istable(L, idx))
        return lt_lua_array_to_col(L, idx, fname, what);
    if (!luaL_testudata(L, idx, LT_COLUMN_MT))
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: a Column or an array of values expected, "
                                              "got %s", what, lt_lua_typename(L, idx)));
    return lt_lua_checkcol(L, idx);
}

/* The values of the numeric column c without the missing ones, sorted,
 * in an array pushed on the stack; *n values, *miss missing. */
static double *sorted_values(lua_State *L, const lt_col *c, const char *fname,
                             const char *what, int64_t *n, int64_t *miss)
{
    if (!lt_type_is_numeric(c->type))
        luaL_error(L, "%s: %s is a %s column; expected numbers", fname, what,
                   lt_col_type_label(c));
    double *v = lt_lua_buffer(L, (size_t)(c->n > 0 ? c->n : 1), sizeof *v);
    int64_t k = 0;
    for (int64_t i = 0; i < c->n; i++) {
        double x = lt_col_get_num(c, i);
        if (!isnan(x))
            v[k++] = x;
    }
    *n = k;
    *miss = c->n - k;
    if (k == 0 && c->n == 0)
        luaL_error(L, "%s: %s has no values", fname, what);
    if (k == 0)
        luaL_error(L, "%s: %s has no values (all %I missing)", fname, what, (lua_Integer)c->n);
    if (lt_f64_sort(v, k) < 0)
        stat_error(L, fname);
    return v;
}

/* The info table as the REPL shows it: "(4,857 and 2,186 values; 11
 * missing dropped; asymp)", so that a plain function's last result says
 * what it was computed on instead of "table: 0x...". */
static int info_tostring(lua_State *L)
{
    lua_settop(L, 1);
    lua_getfield(L, 1, "n");         /* 2 */
    lua_getfield(L, 1, "missing");   /* 3 */
    lua_Integer k = luaL_len(L, 2), dropped = 0;
    luaL_Buffer b;   /* after the fields: the buffer may take a stack slot */
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '(');
    for (lua_Integer i = 1; i <= k; i++) {
        char buf[32];
        lua_geti(L, 2, i);
        lua_Integer n = lua_tointeger(L, -1);
        lua_geti(L, 3, i);
        dropped += lua_tointeger(L, -1);
        lua_pop(L, 2);
        luaL_addstring(&b, i == 1 ? "" : i == k ? " and " : ", ");
        luaL_addstring(&b, lt_count_format((int64_t)n, buf, sizeof buf));
    }
    luaL_addstring(&b, " values");
    if (dropped > 0) {
        char buf[32];
        lua_pushfstring(L, "; %s missing dropped",
                        lt_count_format((int64_t)dropped, buf, sizeof buf));
        luaL_addvalue(&b);
    }
    if (lua_getfield(L, 1, "mode") == LUA_TSTRING) {
        luaL_addstring(&b, "; ");
        luaL_addvalue(&b);
    } else {
        lua_pop(L, 1);
    }
    luaL_addchar(&b, ')');
    luaL_pushresult(&b);
    return 1;
}

/* Push { n = { n[0..k) }, missing = { miss[0..k) } }, which prints as
 * info_tostring says. */
static void push_info(lua_State *L, int k, const int64_t *n, const int64_t *miss)
{
    lua_createtable(L, 0, 4);
    lua_createtable(L, k, 0);
    for (int i = 0; i < k; i++) {
        lua_pushinteger(L, n[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "n");
    lua_createtable(L, k, 0);
    for (int i = 0; i < k; i++) {
        lua_pushinteger(L, miss[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "missing");
    if (luaL_newmetatable(L, "lunette.SampleInfo")) {
        lua_pushcfunction(L, info_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_setmetatable(L, -2);
}

/* The samples a and b (arguments 1 and 2) of fname, checked and sorted
 * as sorted_values (both pushed): *va, *vb; n and miss of each. */
static void sorted_pair(lua_State *L, const char *fname, const double **va, const double **vb,
                        int64_t n[2], int64_t miss[2])
{
    const lt_col *a = checksample(L, 1, 1, fname, "a");
    const lt_col *b = checksample(L, 2, 2, fname, "b");
    *va = sorted_values(L, a, fname, "a", &n[0], &miss[0]);
    *vb = sorted_values(L, b, fname, "b", &n[1], &miss[1]);
}

/* ks_test(a, b [, opts]) -> D, p, info */
int ld_ks_test(lua_State *L)
{
    const char *fname = "ks_test";
    static const char *const known[] = {"mode", NULL};
    static const char *const modes[] = {"auto", "exact", "asymp", NULL};
    lua_settop(L, 3);
    lt_lua_checkopts(L, 3, known);
    int mode = lt_lua_optchoice(L, 3, "mode", modes, 0);
    int64_t n[2], miss[2];
    const double *va, *vb;
    sorted_pair(L, fname, &va, &vb, n, miss);
    double d = lt_ks_statistic(va, n[0], vb, n[1]);
    lt_ks_mode used;
    double dex;
    double p = lt_ks_pvalue(d, n[0], n[1], (lt_ks_mode)mode, &used, &dex);
    lua_pushnumber(L, dex);
    lua_pushnumber(L, p);
    push_info(L, 2, n, miss);
    lua_pushstring(L, used == LT_KS_EXACT ? "exact" : "asymp");
    lua_setfield(L, -2, "mode");
    return 3;
}

/* wasserstein(a, b [, opts]) -> distance, info */
int ld_wasserstein(lua_State *L)
{
    const char *fname = "wasserstein";
    static const char *const known[] = {"normalize", NULL};
    lua_settop(L, 3);
    lt_lua_checkopts(L, 3, known);
    bool normalize = lt_lua_optbool(L, 3, "normalize", false);
    int64_t n[2], miss[2];
    const double *va, *vb;
    sorted_pair(L, fname, &va, &vb, n, miss);
    double w = lt_wasserstein(va, n[0], vb, n[1]);
    double sd = lt_sample_sd(va, n[0]);
    if (normalize && sd == 0)
        return luaL_error(L, "%s: normalize = true divides by the standard deviation of a, "
                          "which is 0 (a is constant)", fname);
    lua_pushnumber(L, normalize ? w / sd : w);
    push_info(L, 2, n, miss);
    lua_pushnumber(L, sd);
    lua_setfield(L, -2, "sd");
    return 2;
}

/* psi, js_distance and chi2_test: ref and cur compared by method m as
 * one column of a report.  Pushes the statistic, then (chi2) the
 * p-value and df, then the info table; returns how many. */
static int via_column(lua_State *L, lt_drift_method m, const char *fname)
{
    static const char *const psi_known[] = {"bins", "eps", NULL};
    static const char *const js_known[] = {"bins", "base", NULL};
    static const char *const none[] = {NULL};
    lua_settop(L, 3);
    lt_lua_checkopts(L, 3, m == LT_DRIFT_PSI ? psi_known : m == LT_DRIFT_JS ? js_known : none);
    lt_drift_opts o;
    lt_drift_opts_init(&o);
    lua_Integer bins = lt_lua_optint(L, 3, "bins", o.bins);
    luaL_argcheck(L, bins >= 1 && bins <= 10000, 3, "option 'bins': 1 to 10000 expected");
    o.bins = (int)bins;
    o.eps = lt_lua_optnum(L, 3, "eps", o.eps);
    luaL_argcheck(L, o.eps > 0 && o.eps < 1, 3,
                  "option 'eps': a share between 0 and 1 (exclusive) expected");
    o.js_base = lt_lua_optnum(L, 3, "base", o.js_base);
    luaL_argcheck(L, o.js_base > 0 && o.js_base != 1 && isfinite(o.js_base), 3,
                  "option 'base': a logarithm base > 0 other than 1 expected");
    o.max_distinct = 0;       /* numbers are binned, unless chi2 asks for categories */
    o.missing_shift = 1;      /* missing values are only counted here */
    const lt_col *r = checksample(L, 1, 1, fname, "ref");
    const lt_col *c = checksample(L, 2, 2, fname, "cur");
    bool rnum = lt_type_is_numeric(r->type) && r->type != LT_BOOL;
    bool cnum = lt_type_is_numeric(c->type) && c->type != LT_BOOL;
    if (r->type == LT_TIME || c->type == LT_TIME)
        return luaL_error(L, "%s: %s is a %s column; expected numbers or categories", fname,
                          r->type == LT_TIME ? "ref" : "cur",
                          lt_col_type_label(r->type == LT_TIME ? r : c));
    if (rnum != cnum || (!rnum && r->type != c->type))
        return luaL_error(L, "%s: ref is %s and cur is %s; expected two samples of numbers "
                          "or two of categories of one type", fname, lt_col_type_label(r),
                          lt_col_type_label(c));
    const lt_col *cols[2] = {r, c};
    static const char *const what[2] = {"ref", "cur"};
    for (int i = 0; i < 2; i++) {
        if (cols[i]->n == 0)
            return luaL_error(L, "%s: %s has no values", fname, what[i]);
        if (cols[i]->nmiss == cols[i]->n)
            return luaL_error(L, "%s: %s has no values (all %I missing)", fname, what[i],
                              (lua_Integer)cols[i]->n);
    }
    lt_drift_spec spec = {NULL, m, NAN, m == LT_DRIFT_CHI2};
    lt_drift_col out;
    memset(&out, 0, sizeof out);
    /* nothing raises while `out` holds memory */
    int rc = lt_drift_column(r, c, &spec, &o, &out);
    double stat = out.statistic, p = out.p_value;
    int df = out.df, unseen = out.nunseen;
    lt_drift_kind kind = out.kind;
    int64_t n[2] = {out.n_ref, out.n_cur}, miss[2] = {out.miss_ref, out.miss_cur};
    lt_drift_col_clear(&out);
    if (rc < 0)
        return stat_error(L, fname);
    lua_pushnumber(L, stat);
    int nret = 1;
    if (m == LT_DRIFT_CHI2) {
        lua_pushnumber(L, p);
        lua_pushinteger(L, df);
        nret += 2;
    }
    push_info(L, 2, n, miss);
    lua_pushstring(L, ld_kind_name(kind));
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, unseen);
    lua_setfield(L, -2, "unseen");
    return nret + 1;
}

int ld_psi(lua_State *L) { return via_column(L, LT_DRIFT_PSI, "psi"); }
int ld_js_distance(lua_State *L) { return via_column(L, LT_DRIFT_JS, "js_distance"); }

int ld_chi2_test(lua_State *L)
{
    if (lua_gettop(L) > 2 && !lua_isnil(L, 3))
        return luaL_argerror(L, 3, "chi2_test takes no options");
    return via_column(L, LT_DRIFT_CHI2, "chi2_test");
}

/* anderson_ksamp(samples) -> statistic, p, critical, capped, info */
int ld_anderson_ksamp(lua_State *L)
{
    const char *fname = "anderson_ksamp";
    lua_settop(L, 1);
    luaL_argexpected(L, lua_istable(L, 1), 1, "a list of samples");
    lua_Integer k = (lua_Integer)lua_rawlen(L, 1);
    if (k < 2 || k > 100000)
        return luaL_argerror(L, 1, lua_pushfstring(L, "a list of 2 or more samples expected, "
                                                   "got %I", k));
    const double **x = lt_lua_buffer(L, (size_t)k, sizeof *x);
    int64_t *n = lt_lua_buffer(L, (size_t)k, sizeof *n);
    int64_t *miss = lt_lua_buffer(L, (size_t)k, sizeof *miss);
    for (lua_Integer i = 0; i < k; i++) {
        luaL_checkstack(L, 4, fname);
        lua_rawgeti(L, 1, i + 1);
        char what[32];
        snprintf(what, sizeof what, "sample %d", (int)i + 1);
        const lt_col *c = checksample(L, -1, 1, fname, what);
        x[i] = sorted_values(L, c, fname, what, &n[i], &miss[i]);   /* all stay on the stack */
    }
    lt_ad_result res;
    if (lt_anderson_ksamp(x, n, (int)k, &res) < 0)
        return stat_error(L, fname);
    lua_pushnumber(L, res.statistic);
    lua_pushnumber(L, res.p_value);
    lua_createtable(L, LT_AD_NLEVEL, LT_AD_NLEVEL);
    for (int j = 0; j < LT_AD_NLEVEL; j++) {
        lua_pushnumber(L, lt_ad_levels[j]);
        lua_pushnumber(L, res.critical[j]);
        lua_rawset(L, -3);
        lua_pushnumber(L, lt_ad_levels[j]);
        lua_rawseti(L, -2, j + 1);
    }
    lua_pushboolean(L, res.capped);
    push_info(L, (int)k, n, miss);
    return 5;
}
