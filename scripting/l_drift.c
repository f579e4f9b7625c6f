/* Lua bindings of data drift (core/drift.h, plots/drift_figures.h):
 * drift() and drift_over_time(), and the objects they return,
 * "lunette.Drift" (fields, d:stats(), d:column(), d:drifted(), plot),
 * "lunette.DriftColumn" (fields, plot) and "lunette.DriftSeries"
 * (fields, w:stats(), w:window(), plot); the registration and help
 * entries of the plain functions of l_drift_stats.c.  The text of the
 * objects is made by l_drift_print.c.
 *
 * Options are read into an lt_drift_opts and, when a column has its own
 * settings (columns, a table of methods or thresholds, categorical), a
 * list of lt_drift_spec on the Lua stack; the names point into the
 * frames, which the stack keeps alive during the call. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "drift_figures.h"
#include "error.h"
#include "help.h"
#include "l_aux.h"
#include "l_drift.h"
#include "lunette.h"

/* ---- handles -------------------------------------------------------------------- */

static void series_free(ld_series *s)
{
    if (!s)
        return;
    for (int w = 0; s->labels && s->s && w < s->s->nwin; w++)
        free(s->labels[w]);
    free(s->labels);
    free(s->time);
    free(s->every);
    lt_drift_series_free(s->s);
    free(s);
}

/* Push a userdata of metatable mt holding a closed handle, with nuv user
 * values. */
static ld_handle *newhandle(lua_State *L, const char *mt, int nuv)
{
    ld_handle *h = lua_newuserdatauv(L, sizeof *h, nuv);
    memset(h, 0, sizeof *h);
    lt_drift_opts_init(&h->o);
    h->window = -1;
    luaL_setmetatable(L, mt);
    return h;
}

ld_handle *ld_check(lua_State *L, int idx, const char *mt, const char *what)
{
    ld_handle *h = luaL_checkudata(L, idx, mt);
    if (!h->p)
        luaL_argerror(L, idx, lua_pushfstring(L, "%s is closed", what));
    for (const ld_handle *u = h->up; u; u = u->up)
        if (!u->p)
            luaL_argerror(L, idx, lua_pushfstring(L, "%s belongs to a closed object", what));
    return h;
}

/* Open, with every parent (the shapes say "closed" rather than raise). */
static bool is_open(const ld_handle *h)
{
    bool open = h->p != NULL;
    for (const ld_handle *u = h->up; u; u = u->up)
        open &= u->p != NULL;
    return open;
}

/* __shape of the three objects, for the workspace panel (app/workspace.h):
 * "19 cols, 14 drifted", "monthly_charges: drifted", "7 windows". */
static int drift_shape(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFT_MT);
    if (!is_open(h))
        lua_pushliteral(L, "closed");
    else
        lua_pushfstring(L, "%d cols, %d drifted", ((const lt_drift *)h->p)->ncol,
                        ((const lt_drift *)h->p)->ndrifted);
    return 1;
}

static int col_shape(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTCOL_MT);
    const lt_drift_col *c = h->p;
    if (!is_open(h))
        lua_pushliteral(L, "closed");
    else
        lua_pushfstring(L, "%s: %s", c->name, c->method == LT_DRIFT_NONE ? "not compared"
                                              : c->drifted                ? "drifted"
                                                                          : "not drifted");
    return 1;
}

static int series_shape(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTSERIES_MT);
    if (!is_open(h)) {
        lua_pushliteral(L, "closed");
    } else {
        int n = ((const ld_series *)h->p)->s->nwin;
        lua_pushfstring(L, "%d window%s", n, n == 1 ? "" : "s");
    }
    return 1;
}

static int drift_gc(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFT_MT);
    if (h->owned)
        lt_drift_free(h->p);
    h->p = NULL;
    return 0;
}

static int col_gc(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTCOL_MT);
    h->p = NULL;   /* the parent's */
    return 0;
}

static int series_gc(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTSERIES_MT);
    if (h->owned)
        series_free(h->p);
    h->p = NULL;
    return 0;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Raise "fname: <lt_errmsg>" ("fname: cancelled"); the core names
 * itself ("drift: ..."), the message names the Lua function instead. */
static int core_error(lua_State *L, const char *fname)
{
    if (lt_errcode() == LT_ECANCELED)
        return luaL_error(L, "%s: cancelled", fname);
    const char *m = lt_errmsg();
    static const char *const selves[] = {"drift_over_time: ", "drift: ", NULL};
    for (int i = 0; selves[i]; i++)
        if (strncmp(m, selves[i], strlen(selves[i])) == 0) {
            m += strlen(selves[i]);
            break;
        }
    return luaL_error(L, "%s: %s", fname, m);
}

/* ---- options -------------------------------------------------------------------- */

static const char *const method_names[] = {"auto", "ks", "anderson", "chi2", "wasserstein",
                                           "psi", "js", NULL};

/* The method named by the value at idx (`what` names it in errors). */
static lt_drift_method checkmethod(lua_State *L, int arg, int idx, const char *what)
{
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: a method name expected, got %s", what,
                                              lt_lua_typename(L, idx)));
    const char *name = lua_tostring(L, idx);
    int m = lt_drift_method_parse(name);
    if (m < 0) {
        const char *s = lt_lua_suggest(name, method_names, 7);
        luaL_argerror(L, arg, s ? lua_pushfstring(L, "%s: unknown method '%s' (did you mean "
                                                  "'%s'?)", what, name, s)
                                : lua_pushfstring(L, "%s: unknown method '%s'; expected auto, "
                                                  "ks, anderson, chi2, wasserstein, psi or js",
                                                  what, name));
    }
    return (lt_drift_method)m;
}

static double checkthreshold(lua_State *L, int arg, int idx, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: a number expected, got %s", what,
                                              lt_lua_typename(L, idx)));
    double v = lua_tonumber(L, idx);
    if (!(v > 0) || !isfinite(v))
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: a positive number expected, got %f",
                                              what, v));
    return v;
}

/* The columns to compare with their own settings; v NULL when the core
 * takes its default columns. */
typedef struct specs {
    lt_drift_spec *v;
    int n;
    /* the default columns chosen here: what they leave out, as the core
     * would list it ("date (time)") */
    const char **skip_name;
    const char **skip_why;
    int nskip;
} specs;

typedef struct frames {
    const lt_frame *main;    /* whose columns are compared: the reference, the events */
    const lt_frame *other;   /* where they must also be: current, the reference frame */
    const char *main_only;   /* "only in reference" */
    const char *other_only;  /* "only in current" */
    const char *time;        /* drift_over_time: the time column, else NULL */
} frames;

/* The spec of column `name` (option `opt` names it), or raise. */
static lt_drift_spec *spec_of(lua_State *L, int arg, const specs *sp, const frames *fr,
                              const char *name, const char *opt)
{
    for (int i = 0; i < sp->n; i++)
        if (strcmp(sp->v[i].name, name) == 0)
            return &sp->v[i];
    if (lt_frame_index(fr->main, name) >= 0) {
        for (int k = 0; k < sp->nskip; k++)
            if (strcmp(sp->skip_name[k], name) == 0)
                luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': column '%s' is not "
                                                      "compared (%s); name it in columns",
                                                      opt, name, sp->skip_why[k]));
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': column '%s' is not compared",
                                              opt, name));
    }
    const char *s = lt_frame_suggest(fr->main, name);
    luaL_argerror(L, arg, s ? lua_pushfstring(L, "option '%s': no column '%s' (did you mean "
                                              "'%s'?)", opt, name, s)
                            : lua_pushfstring(L, "option '%s': no column '%s'", opt, name));
    return NULL;
}

/* The default columns: those of main also in other, except time columns
 * and the time column of drift_over_time; what is left out goes to the
 * skip lists. */
static int default_columns(lua_State *L, const frames *fr, specs *sp, int *idx)
{
    const lt_frame *m = fr->main, *o = fr->other;
    int cap = m->ncol + (o ? o->ncol : 0);
    sp->skip_name = lt_lua_buffer(L, (size_t)(cap > 0 ? cap : 1), sizeof *sp->skip_name);
    sp->skip_why = lt_lua_buffer(L, (size_t)(cap > 0 ? cap : 1), sizeof *sp->skip_why);
    sp->nskip = 0;
    int n = 0;
    for (int i = 0; i < m->ncol; i++) {
        const char *name = m->names[i];
        const char *why = NULL;
        if (fr->time && strcmp(name, fr->time) == 0)
            continue;
        if (o && lt_frame_index(o, name) < 0)
            why = fr->main_only;
        else if (m->cols[i]->type == LT_TIME)
            why = "time";
        if (why) {
            sp->skip_name[sp->nskip] = name;
            sp->skip_why[sp->nskip++] = why;
        } else {
            idx[n++] = i;
        }
    }
    for (int i = 0; o && i < o->ncol; i++)
        if (lt_frame_index(m, o->names[i]) < 0 && (!fr->time || strcmp(o->names[i], fr->time))) {
            sp->skip_name[sp->nskip] = o->names[i];
            sp->skip_why[sp->nskip++] = fr->other_only;
        }
    return n;
}

/* Read the drift options of the table at arg (known: its keys) into o
 * and sp. */
static void read_options(lua_State *L, int arg, const char *const *known, const frames *fr,
                         const char *fname, lt_drift_opts *o, specs *sp)
{
    lt_lua_checkopts(L, arg, known);
    lt_drift_opts_init(o);
    memset(sp, 0, sizeof *sp);
    lua_Integer bins = lt_lua_optint(L, arg, "bins", o->bins);
    luaL_argcheck(L, bins >= 1 && bins <= 10000, arg, "option 'bins': 1 to 10000 expected");
    o->bins = (int)bins;
    o->eps = lt_lua_optnum(L, arg, "eps", o->eps);
    luaL_argcheck(L, o->eps > 0 && o->eps < 1, arg,
                  "option 'eps': a share between 0 and 1 (exclusive) expected");
    o->js_base = lt_lua_optnum(L, arg, "base", o->js_base);
    luaL_argcheck(L, o->js_base > 0 && o->js_base != 1 && isfinite(o->js_base), arg,
                  "option 'base': a logarithm base > 0 other than 1 expected");
    lua_Integer small = lt_lua_optint(L, arg, "small", o->small);
    luaL_argcheck(L, small >= 0, arg, "option 'small': a count >= 0 expected");
    o->small = (int64_t)small;
    lua_Integer md = lt_lua_optint(L, arg, "max_distinct", o->max_distinct);
    luaL_argcheck(L, md >= 0 && md <= 1000000, arg, "option 'max_distinct': 0 to 1000000 "
                  "expected");
    o->max_distinct = (int)md;
    o->drift_share = lt_lua_optnum(L, arg, "drift_share", o->drift_share);
    luaL_argcheck(L, o->drift_share > 0 && o->drift_share <= 1, arg,
                  "option 'drift_share': a share in (0, 1] expected");
    o->missing_shift = lt_lua_optnum(L, arg, "missing_shift", o->missing_shift);
    luaL_argcheck(L, o->missing_shift >= 0 && o->missing_shift <= 1, arg,
                  "option 'missing_shift': a share in [0, 1] expected");

    int top = lua_gettop(L);
    int tm = lt_lua_optfield(L, arg, "method");
    if (tm == LUA_TSTRING)
        o->method = checkmethod(L, arg, -1, "option 'method'");
    else if (tm != LUA_TNIL && tm != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "option 'method': a method name or a table "
                                              "{ column = method } expected, got %s",
                                              lt_lua_typename(L, -1)));
    int tt = lt_lua_optfield(L, arg, "threshold");
    if (tt == LUA_TNUMBER)
        o->threshold = checkthreshold(L, arg, -1, "option 'threshold'");
    else if (tt != LUA_TNIL && tt != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "option 'threshold': a number or a table "
                                              "{ column = number } expected, got %s",
                                              lt_lua_typename(L, -1)));
    int tc = lt_lua_optfield(L, arg, "categorical");
    if (tc != LUA_TNIL && tc != LUA_TSTRING && tc != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "option 'categorical': a list of column names "
                                              "expected, got %s", lt_lua_typename(L, -1)));
    int tcols = lt_lua_optfield(L, arg, "columns");
    if (tcols == LUA_TNIL && tm != LUA_TTABLE && tt != LUA_TTABLE && tc == LUA_TNIL) {
        lua_settop(L, top);
        return;   /* the core's default columns, the same settings for all */
    }
    int imethod = top + 1, ithr = top + 2, icat = top + 3, icols = top + 4;
    int *idx = lt_lua_buffer(L, (size_t)(fr->main->ncol > 0 ? fr->main->ncol : 1), sizeof *idx);
    int n;
    if (tcols != LUA_TNIL) {
        n = lt_lua_checkcols(L, arg, icols, fr->main, fname, idx);
        luaL_argcheck(L, n > 0, arg, "option 'columns': no column named");
        for (int k = 0; k < n; k++)
            if (fr->time && strcmp(fr->main->names[idx[k]], fr->time) == 0)
                luaL_argerror(L, arg, lua_pushfstring(L, "option 'columns': '%s' is the time "
                                                      "column, which is not compared",
                                                      fr->time));
    } else {
        n = default_columns(L, fr, sp, idx);
    }
    sp->n = n;
    sp->v = lt_lua_buffer(L, (size_t)(n > 0 ? n : 1), sizeof *sp->v);
    for (int k = 0; k < n; k++)
        sp->v[k] = (lt_drift_spec){.name = fr->main->names[idx[k]], .method = LT_DRIFT_AUTO,
                                   .threshold = NAN, .categorical = false};
    char what[160];
    if (tm == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, imethod)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                luaL_argerror(L, arg, "option 'method': a table { column = method } expected");
            const char *name = lua_tostring(L, -2);
            snprintf(what, sizeof what, "option 'method', column '%s'", name);
            spec_of(L, arg, sp, fr, name, "method")->method =
                checkmethod(L, arg, -1, what);
            lua_pop(L, 1);
        }
    }
    if (tt == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, ithr)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                luaL_argerror(L, arg, "option 'threshold': a table { column = number } "
                              "expected");
            const char *name = lua_tostring(L, -2);
            snprintf(what, sizeof what, "option 'threshold', column '%s'", name);
            spec_of(L, arg, sp, fr, name, "threshold")->threshold =
                checkthreshold(L, arg, -1, what);
            lua_pop(L, 1);
        }
    }
    if (tc == LUA_TSTRING) {
        spec_of(L, arg, sp, fr, lua_tostring(L, icat), "categorical")->categorical = true;
    } else if (tc == LUA_TTABLE) {
        lua_Integer len = (lua_Integer)lua_rawlen(L, icat);
        for (lua_Integer k = 1; k <= len; k++) {
            if (lua_rawgeti(L, icat, k) != LUA_TSTRING)
                luaL_argerror(L, arg, lua_pushfstring(L, "option 'categorical': item %I is %s, "
                                                      "expected a column name", k,
                                                      lt_lua_typename(L, -1)));
            spec_of(L, arg, sp, fr, lua_tostring(L, -1), "categorical")->categorical =
                true;
            lua_pop(L, 1);
        }
    }
    /* the spec list and the skip lists stay on the stack (above top) */
}

/* Give d the skip list of the default columns chosen here (sp), as the
 * core gives it for its own: "date (time)".  Plain C, after the core
 * call: nothing here raises. */
static int fill_skipped(lt_drift *d, const specs *sp)
{
    if (sp->nskip == 0 || d->nskipped > 0)
        return 0;
    free(d->skipped);   /* the core's empty list */
    d->skipped = calloc((size_t)sp->nskip, sizeof *d->skipped);
    if (!d->skipped)
        return lt_nomem();
    for (int k = 0; k < sp->nskip; k++) {
        size_t len = strlen(sp->skip_name[k]) + strlen(sp->skip_why[k]) + 4;
        char *s = malloc(len);
        if (!s)
            return lt_nomem();
        snprintf(s, len, "%s (%s)", sp->skip_name[k], sp->skip_why[k]);
        d->skipped[d->nskipped++] = s;
    }
    return 0;
}

static lt_progress *progress(lua_State *L, const char *fname)
{
    lt_progress *p = lt_lua_get_progress(L);
    if (p)
        p->label = fname;
    return p;
}

static const char *const drift_known[] = {
    "columns", "method", "threshold", "categorical", "bins", "eps", "base", "small",
    "max_distinct", "drift_share", "missing_shift", NULL};

/* ---- drift() ---------------------------------------------------------------------- */

static int l_drift(lua_State *L)
{
    const char *fname = "drift";
    if (!luaL_testudata(L, 1, LT_FRAME_MT))
        luaL_argexpected(L, 0, 1, "Frame (the reference)");
    if (!luaL_testudata(L, 2, LT_FRAME_MT))
        luaL_argexpected(L, 0, 2, "Frame (the current data)");
    const lt_frame *ref = lt_lua_checkframe(L, 1), *cur = lt_lua_checkframe(L, 2);
    lua_settop(L, 3);
    frames fr = {ref, cur, "only in reference", "only in current", NULL};
    lt_drift_opts o;
    specs sp;
    read_options(L, 3, drift_known, &fr, fname, &o, &sp);
    ld_handle *h = newhandle(L, LT_DRIFT_MT, 0);
    h->owned = true;
    h->o = o;
    o.progress = progress(L, fname);
    lt_drift *d = lt_drift_compare(ref, cur, sp.v, sp.v ? sp.n : 0, &o);
    if (!d)
        return core_error(L, fname);
    h->p = d;
    if (sp.v && fill_skipped(d, &sp) < 0)
        return core_error(L, fname);
    return 1;
}

/* ---- Drift: fields and methods ----------------------------------------------------- */

static lt_drift *checkdrift(lua_State *L, int idx)
{
    return ld_check(L, idx, LT_DRIFT_MT, "drift report")->p;
}

static void pushnum(lua_State *L, double v)
{
    if (isnan(v))
        lua_pushnil(L);
    else
        lua_pushnumber(L, v);
}

static const char *const drift_fields[] = {
    "n_drifted", "share", "dataset_drift", "drift_share", "n_reference", "n_current",
    "n_columns", "columns", "skipped", "verdict", NULL};
static const char *const col_fields[] = {
    "name", "type", "kind", "method", "why", "statistic", "p_value", "score", "threshold",
    "severity", "drifted", "missing_drifted", "df", "wasserstein", "n_ref", "n_cur",
    "missing_ref", "missing_cur", "unseen", "note", NULL};
static const char *const series_fields[] = {
    "n_windows", "labels", "rows", "dropped", "time", "every", "reference", NULL};

/* The method `key` from the method table (upvalue 1), pushed, or 0. */
static const char *index_key(lua_State *L, const char *what, bool *method)
{
    if (lua_type(L, 2) != LUA_TSTRING)
        luaL_error(L, "%s: index with a field name, got %s", what, lt_lua_typename(L, 2));
    lua_pushvalue(L, 2);
    *method = lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL;
    if (!*method)
        lua_pop(L, 1);
    return lua_tostring(L, 2);
}

static void pushnames(lua_State *L, const lt_drift *d, bool drifted_only)
{
    lua_newtable(L);
    int k = 0;
    for (int i = 0; i < d->ncol; i++)
        if (!drifted_only || d->cols[i].drifted) {
            lua_pushstring(L, d->cols[i].name);
            lua_rawseti(L, -2, ++k);
        }
}

static int drift_index(lua_State *L)
{
    const lt_drift *d = checkdrift(L, 1);
    bool method;
    const char *key = index_key(L, "drift", &method);
    if (method)
        return 1;
    if (strcmp(key, "n_drifted") == 0)
        lua_pushinteger(L, d->ndrifted);
    else if (strcmp(key, "share") == 0)
        pushnum(L, d->share);
    else if (strcmp(key, "dataset_drift") == 0)
        lua_pushboolean(L, d->dataset_drift);
    else if (strcmp(key, "drift_share") == 0)
        lua_pushnumber(L, d->drift_share);
    else if (strcmp(key, "n_reference") == 0)
        lua_pushinteger(L, d->nref);
    else if (strcmp(key, "n_current") == 0)
        lua_pushinteger(L, d->ncur);
    else if (strcmp(key, "n_columns") == 0)
        lua_pushinteger(L, ld_ncompared(d));
    else if (strcmp(key, "columns") == 0)
        pushnames(L, d, false);
    else if (strcmp(key, "skipped") == 0) {
        lua_createtable(L, d->nskipped, 0);
        for (int i = 0; i < d->nskipped; i++) {
            lua_pushstring(L, d->skipped[i]);
            lua_rawseti(L, -2, i + 1);
        }
    } else if (strcmp(key, "verdict") == 0) {
        char v[160];
        lua_pushstring(L, ld_verdict(d, v, sizeof v));
    } else {
        return lt_lua_nofield(L, "drift", key, drift_fields, NULL, lua_upvalueindex(1));
    }
    return 1;
}

/* The printout context of the Drift handle h. */
static void context(const ld_handle *h, ld_context *ctx)
{
    ctx->o = &h->o;
    ctx->window = ctx->baseline = NULL;
    if (h->window >= 0 && h->up) {
        const ld_series *s = h->up->p;
        ctx->window = s->labels[h->window];
        ctx->baseline = s->base == LT_DRIFT_FRAME ? "the reference frame"
                      : s->base == LT_DRIFT_FIRST ? s->labels[0]
                      : s->labels[h->window - 1];
    }
}

static int drift_tostring(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFT_MT);
    bool open = h->p != NULL;
    for (const ld_handle *u = h->up; u; u = u->up)
        open &= u->p != NULL;
    if (!open) {
        lua_pushliteral(L, "lunette.Drift (closed)");
        return 1;
    }
    lt_print_opts po;
    lt_lua_print_opts(L, &po);
    ld_context ctx;
    context(h, &ctx);
    void **box = lt_lua_newbox(L);
    *box = ld_format(h->p, &ctx, &po);
    return lt_lua_pushboxed(L, box, "tostring");
}

static int addcol(lt_frame *f, const char *name, lt_col *c)
{
    if (!c)
        return lt_errcode() ? lt_errcode() : LT_ENOMEM;
    int rc = lt_frame_add(f, name, c);
    lt_col_unref(c);
    return rc;
}

/* "i64", or "i64/f64" for a column of two types. */
static const char *type_pair(lt_type a, lt_type b)
{
    static const char *const pair[5][5] = {
        {"f64", "f64/i64", "f64/bool", "f64/str", "f64/time"},
        {"i64/f64", "i64", "i64/bool", "i64/str", "i64/time"},
        {"bool/f64", "bool/i64", "bool", "bool/str", "bool/time"},
        {"str/f64", "str/i64", "str/bool", "str", "str/time"},
        {"time/f64", "time/i64", "time/bool", "time/str", "time"},
    };
    return pair[a][b];
}

/* d:stats(): one row per column. */
static int drift_stats(lua_State *L)
{
    const lt_drift *d = checkdrift(L, 1);
    int n = d->ncol;
    size_t cap = (size_t)(n > 0 ? n : 1);
    const char **name = lt_lua_buffer(L, cap, sizeof *name);
    const char **type = lt_lua_buffer(L, cap, sizeof *type);
    const char **kind = lt_lua_buffer(L, cap, sizeof *kind);
    const char **method = lt_lua_buffer(L, cap, sizeof *method);
    const char **note = lt_lua_buffer(L, cap, sizeof *note);
    double *num = lt_lua_buffer(L, cap * 5, sizeof *num);
    int64_t *cnt = lt_lua_buffer(L, cap * 4, sizeof *cnt);
    uint8_t *drifted = lt_lua_buffer(L, cap, 1);
    for (int i = 0; i < n; i++) {
        const lt_drift_col *c = &d->cols[i];
        name[i] = c->name;
        type[i] = type_pair(c->ref_type, c->cur_type);
        kind[i] = ld_kind_name(c->kind);
        method[i] = lt_drift_method_name(c->method);
        note[i] = c->note;
        bool cmp = c->method != LT_DRIFT_MISSING && c->method != LT_DRIFT_NONE;
        num[i] = cmp ? c->statistic : NAN;
        num[cap + i] = cmp ? c->p_value : NAN;
        num[2 * cap + i] = cmp ? c->score : NAN;
        num[3 * cap + i] = cmp ? c->threshold : NAN;
        num[4 * cap + i] = c->severity;
        cnt[i] = c->n_ref;
        cnt[cap + i] = c->n_cur;
        cnt[2 * cap + i] = c->miss_ref;
        cnt[3 * cap + i] = c->miss_cur;
        drifted[i] = c->drifted;
    }
    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *f = *slot = lt_frame_new();
    int rc = f ? 0 : LT_ENOMEM;
    if (rc == 0)
        rc = addcol(f, "column", lt_col_from_strs(name, NULL, n));
    if (rc == 0)
        rc = addcol(f, "type", lt_col_from_strs(type, NULL, n));
    if (rc == 0)
        rc = addcol(f, "kind", lt_col_from_strs(kind, NULL, n));
    if (rc == 0)
        rc = addcol(f, "method", lt_col_from_strs(method, NULL, n));
    static const char *const nums[] = {"statistic", "p_value", "score", "threshold",
                                       "severity"};
    for (int k = 0; k < 5 && rc == 0; k++)
        rc = addcol(f, nums[k], lt_col_from_f64(num + (size_t)k * cap, n));
    if (rc == 0)
        rc = addcol(f, "drifted", lt_col_from_bool(drifted, NULL, n));
    static const char *const cnts[] = {"n_ref", "n_cur", "missing_ref", "missing_cur"};
    for (int k = 0; k < 4 && rc == 0; k++)
        rc = addcol(f, cnts[k], lt_col_from_i64(cnt + (size_t)k * cap, NULL, n));
    if (rc == 0)
        rc = addcol(f, "note", lt_col_from_strs(note, NULL, n));
    if (rc < 0)
        return lt_lua_error(L, "stats");
    return 1;
}

/* Push the DriftColumn of column i of the Drift at index 1. */
static void pushcolumn(lua_State *L, ld_handle *dh, int i)
{
    lt_drift *d = dh->p;
    ld_handle *h = newhandle(L, LT_DRIFTCOL_MT, 1);
    h->p = &d->cols[i];
    h->up = dh;
    h->o = dh->o;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
}

/* The column of the report d nearest to name (lt_lua_suggest), or NULL. */
static const char *near_column(lua_State *L, const lt_drift *d, const char *name)
{
    const char **names = lt_lua_buffer(L, (size_t)(d->ncol > 0 ? d->ncol : 1), sizeof *names);
    for (int i = 0; i < d->ncol; i++)
        names[i] = d->cols[i].name;
    return lt_lua_suggest(name, names, (size_t)d->ncol);
}

/* d:column(name) */
static int drift_column(lua_State *L)
{
    ld_handle *dh = ld_check(L, 1, LT_DRIFT_MT, "drift report");
    const lt_drift *d = dh->p;
    const char *name = luaL_checkstring(L, 2);
    for (int i = 0; i < d->ncol; i++)
        if (strcmp(d->cols[i].name, name) == 0) {
            pushcolumn(L, dh, i);
            return 1;
        }
    size_t len = strlen(name);
    for (int i = 0; i < d->nskipped; i++)
        if (strncmp(d->skipped[i], name, len) == 0 && d->skipped[i][len] == ' ')
            return luaL_error(L, "column: '%s' was not compared: %s", name, d->skipped[i]);
    const char *s = near_column(L, d, name);
    if (s)
        return luaL_error(L, "column: no column '%s' in the report (did you mean '%s'?)", name,
                          s);
    return luaL_error(L, "column: no column '%s' in the report", name);
}

/* d:drifted() */
static int drift_drifted(lua_State *L)
{
    pushnames(L, checkdrift(L, 1), true);
    return 1;
}

/* The options of a __plot at argument 2: known keys, title. */
static const char *plot_title(lua_State *L, const char *const *known)
{
    lt_lua_checkopts(L, 2, known);
    return lt_lua_optstr(L, 2, "title", NULL);
}

/* The overview bar of column c; label: room for 128 bytes. */
static lt_driftfig_bar bar_of(const lt_drift_col *c, char *label)
{
    lt_driftfig_bar b = {c->name, label, c->severity, c->drifted};
    if (c->method == LT_DRIFT_NONE) {
        b.severity = NAN;
        snprintf(label, 128, "%s", "not compared");
    } else if (c->method == LT_DRIFT_MISSING) {
        b.severity = c->drifted ? INFINITY : 0;
        snprintf(label, 128, "%s", c->note ? c->note : "missing");
    } else {
        char v[96];
        snprintf(label, 128, "%s%s", ld_value_label(c, v, sizeof v),
                 c->missing_drifted ? "; missing share moved" : "");
    }
    return b;
}

static int drift_plot(lua_State *L)
{
    static const char *const known[] = {"title", "subtitle", NULL};
    ld_handle *h = ld_check(L, 1, LT_DRIFT_MT, "drift report");
    const lt_drift *d = h->p;
    const char *title = plot_title(L, known);
    const char *subtitle = lt_lua_optstr(L, 2, "subtitle", NULL);
    if (d->ncol < 1)
        return luaL_error(L, "plot: the report compares no column");
    lt_driftfig_bar *bars = lt_lua_buffer(L, (size_t)d->ncol, sizeof *bars);
    char *labels = lt_lua_buffer(L, (size_t)d->ncol, 128);
    for (int i = 0; i < d->ncol; i++)
        bars[i] = bar_of(&d->cols[i], labels + (size_t)i * 128);
    char t[256], v[160];
    if (!title) {
        ld_context ctx;
        context(h, &ctx);
        int n = ld_ncompared(d);
        if (ctx.window)
            snprintf(t, sizeof t, "Data drift, %s against %s: %d of %d column%s drifted",
                     ctx.window, ctx.baseline, d->ndrifted, n, n == 1 ? "" : "s");
        else
            snprintf(t, sizeof t, "Data drift: %d of %d column%s drifted", d->ndrifted, n,
                     n == 1 ? "" : "s");
        title = t;
    }
    if (!subtitle) {
        char p1[16], p2[16];
        if (ld_ncompared(d) == 0)
            snprintf(v, sizeof v, "no column compared");
        else
            snprintf(v, sizeof v, "%s: %s of the columns drifted, threshold %s",
                     d->dataset_drift ? "dataset drift" : "no dataset drift",
                     ld_pct(d->share, p1, sizeof p1), ld_pct(d->drift_share, p2, sizeof p2));
        subtitle = v;
    }
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_driftfig_overview(bars, d->ncol, title, subtitle);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- DriftColumn ------------------------------------------------------------------ */

static int col_index(lua_State *L)
{
    ld_handle *h = ld_check(L, 1, LT_DRIFTCOL_MT, "drift column");
    const lt_drift_col *c = h->p;
    bool method;
    const char *key = index_key(L, "drift column", &method);
    if (method)
        return 1;
    bool cmp = c->method != LT_DRIFT_MISSING && c->method != LT_DRIFT_NONE;
    if (strcmp(key, "name") == 0)
        lua_pushstring(L, c->name);
    else if (strcmp(key, "type") == 0)
        lua_pushstring(L, lt_type_name(c->ref_type));
    else if (strcmp(key, "kind") == 0)
        lua_pushstring(L, ld_kind_name(c->kind));
    else if (strcmp(key, "method") == 0)
        lua_pushstring(L, lt_drift_method_name(c->method));
    else if (strcmp(key, "why") == 0)
        lua_pushstring(L, c->why ? c->why : "");
    else if (strcmp(key, "statistic") == 0)
        pushnum(L, cmp ? c->statistic : NAN);
    else if (strcmp(key, "p_value") == 0)
        pushnum(L, cmp ? c->p_value : NAN);
    else if (strcmp(key, "score") == 0)
        pushnum(L, cmp ? c->score : NAN);
    else if (strcmp(key, "threshold") == 0)
        pushnum(L, cmp ? c->threshold : NAN);
    else if (strcmp(key, "severity") == 0)
        pushnum(L, c->severity);
    else if (strcmp(key, "drifted") == 0)
        lua_pushboolean(L, c->drifted);
    else if (strcmp(key, "missing_drifted") == 0)
        lua_pushboolean(L, c->missing_drifted);
    else if (strcmp(key, "df") == 0)
        lua_pushinteger(L, c->df);
    else if (strcmp(key, "wasserstein") == 0)
        pushnum(L, c->method == LT_DRIFT_WASSERSTEIN ? c->wasserstein : NAN);
    else if (strcmp(key, "n_ref") == 0)
        lua_pushinteger(L, c->n_ref);
    else if (strcmp(key, "n_cur") == 0)
        lua_pushinteger(L, c->n_cur);
    else if (strcmp(key, "missing_ref") == 0)
        lua_pushinteger(L, c->miss_ref);
    else if (strcmp(key, "missing_cur") == 0)
        lua_pushinteger(L, c->miss_cur);
    else if (strcmp(key, "unseen") == 0)
        lua_pushinteger(L, c->nunseen);
    else if (strcmp(key, "note") == 0) {
        if (c->note)
            lua_pushstring(L, c->note);
        else
            lua_pushnil(L);
    } else {
        return lt_lua_nofield(L, "drift column", key, col_fields, NULL, lua_upvalueindex(1));
    }
    return 1;
}

static int col_tostring(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTCOL_MT);
    bool open = h->p != NULL;
    for (const ld_handle *u = h->up; u; u = u->up)
        open &= u->p != NULL;
    if (!open) {
        lua_pushliteral(L, "lunette.DriftColumn (closed)");
        return 1;
    }
    lt_print_opts po;
    lt_lua_print_opts(L, &po);
    void **box = lt_lua_newbox(L);
    *box = ld_col_format(h->p, &po);
    return lt_lua_pushboxed(L, box, "tostring");
}

static int col_plot(lua_State *L)
{
    static const char *const known[] = {"title", "subtitle", NULL};
    ld_handle *h = ld_check(L, 1, LT_DRIFTCOL_MT, "drift column");
    const lt_drift_col *c = h->p;
    const char *title = plot_title(L, known);
    const char *subtitle = lt_lua_optstr(L, 2, "subtitle", c->note);
    const lt_drift_hist *hs = &c->hist;
    bool numeric = c->kind == LT_DRIFT_NUMERIC;
    int k = numeric ? hs->nbin : hs->ncat;
    int64_t nref = 0, ncur = 0;
    for (int i = 0; i < k; i++) {
        nref += hs->ref[i];
        ncur += hs->cur[i];
    }
    if (k < 1 || nref == 0 || ncur == 0)
        return luaL_error(L, "plot: column '%s' has no %svalues to draw (%s)", c->name,
                          k < 1 ? "" : nref == 0 ? "reference " : "current ",
                          c->note ? c->note : lt_drift_method_name(c->method));
    char t[256];
    if (!title)
        title = ld_col_title(c, t, sizeof t);
    lt_figure **slot = lt_lua_newfigure(L);
    if (numeric)
        *slot = lt_driftfig_numeric(hs->edges, hs->nbin, hs->ref, hs->cur, c->name, title,
                                    subtitle);
    else
        *slot = lt_driftfig_categorical((const char *const *)hs->cats, hs->ncat, hs->ref,
                                        hs->cur, c->name, title, subtitle);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- drift_over_time() -------------------------------------------------------------- */

static const char *const series_known[] = {
    "every", "reference", "columns", "method", "threshold", "categorical", "bins", "eps",
    "base", "small", "max_distinct", "drift_share", "missing_shift", NULL};

static const char *const base_names[] = {"first", "previous", "frame"};

static int l_drift_over_time(lua_State *L)
{
    const char *fname = "drift_over_time";
    if (!luaL_testudata(L, 1, LT_FRAME_MT))
        luaL_argexpected(L, 0, 1, "Frame (the events)");
    const lt_frame *ev = lt_lua_checkframe(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING)
        luaL_argexpected(L, 0, 2, "the name of the time column");
    const char *time = lua_tostring(L, 2);
    int ti = lt_lua_colindex(L, ev, time, fname);
    lua_settop(L, 3);
    lt_lua_checkopts(L, 3, series_known);
    /* every: a period for a time column, a window length for numbers */
    bool is_time = ev->cols[ti]->type == LT_TIME;
    char every[64];
    int te = lt_lua_optfield(L, 3, "every");   /* index 4 */
    if (te == LUA_TNUMBER) {
        double v = lua_tonumber(L, 4);
        luaL_argcheck(L, !is_time, 3, lua_pushfstring(L, "option 'every': '%s' is a time "
                      "column; a period such as \"month\", \"week\" or \"7d\" expected", time));
        luaL_argcheck(L, v > 0 && isfinite(v), 3, "option 'every': a positive window length "
                      "expected");
        snprintf(every, sizeof every, "%.17g", v);
    } else if (te == LUA_TSTRING) {
        snprintf(every, sizeof every, "%s", lua_tostring(L, 4));
    } else if (te == LUA_TNIL) {
        if (!is_time)
            luaL_argerror(L, 3, lua_pushfstring(L, "option 'every': a window length is needed "
                          "for the numeric column '%s' (every = 10 makes windows [0, 10), "
                          "[10, 20) ...)", time));
        snprintf(every, sizeof every, "month");
    } else {
        luaL_argerror(L, 3, lua_pushfstring(L, "option 'every': a period or a number "
                                            "expected, got %s", lt_lua_typename(L, 4)));
    }
    /* reference: "first", "previous" or a frame */
    lt_drift_baseline base = LT_DRIFT_FIRST;
    const lt_frame *rf = NULL;
    int tr = lt_lua_optfield(L, 3, "reference");   /* index 5; the table keeps it */
    if (tr == LUA_TSTRING && strcmp(lua_tostring(L, 5), "first") == 0)
        base = LT_DRIFT_FIRST;
    else if (tr == LUA_TSTRING && strcmp(lua_tostring(L, 5), "previous") == 0)
        base = LT_DRIFT_PREVIOUS;
    else if (luaL_testudata(L, 5, LT_FRAME_MT)) {
        base = LT_DRIFT_FRAME;
        rf = lt_lua_checkframe(L, 5);
    } else if (tr != LUA_TNIL) {
        luaL_argerror(L, 3, lua_pushfstring(L, "option 'reference': \"first\", \"previous\" or "
                                            "a Frame expected, got %s",
                                            tr == LUA_TSTRING ? lua_pushfstring(L, "'%s'",
                                                lua_tostring(L, 5))
                                                              : lt_lua_typename(L, 5)));
    }
    frames fr = {ev, rf, "only in the events", "only in the reference frame", time};
    lt_drift_opts o;
    specs sp;
    read_options(L, 3, series_known, &fr, fname, &o, &sp);
    ld_handle *h = newhandle(L, LT_DRIFTSERIES_MT, 0);
    ld_series *ls = calloc(1, sizeof *ls);
    if (!ls)
        return luaL_error(L, "%s: out of memory", fname);
    h->p = ls;
    h->owned = true;
    h->o = o;
    ls->base = base;
    ls->ref_rows = rf ? rf->nrow : 0;
    if (!(ls->time = dupstr(time)) || !(ls->every = dupstr(every)))
        return luaL_error(L, "%s: out of memory", fname);
    o.progress = progress(L, fname);
    ls->s = lt_drift_over_time(ev, time, every, base, rf, sp.v, sp.v ? sp.n : 0, &o);
    if (!ls->s)
        return core_error(L, fname);
    const lt_drift_series *s = ls->s;
    ls->labels = calloc((size_t)(s->nwin > 0 ? s->nwin : 1), sizeof *ls->labels);
    if (!ls->labels)
        return luaL_error(L, "%s: out of memory", fname);
    for (int w = 0; w < s->nwin; w++) {
        char buf[64];
        ld_window_label(s->start[w], s->is_time, s->tkind, every, buf, sizeof buf);
        if (!(ls->labels[w] = dupstr(buf)))
            return luaL_error(L, "%s: out of memory", fname);
        if (s->win[w] && sp.v && fill_skipped(s->win[w], &sp) < 0)
            return core_error(L, fname);
    }
    return 1;
}

/* ---- DriftSeries -------------------------------------------------------------------- */

static ld_series *checkseries(lua_State *L, int idx)
{
    return ld_check(L, idx, LT_DRIFTSERIES_MT, "drift series")->p;
}

static int series_index(lua_State *L)
{
    const ld_series *ls = checkseries(L, 1);
    const lt_drift_series *s = ls->s;
    bool method;
    const char *key = index_key(L, "drift series", &method);
    if (method)
        return 1;
    if (strcmp(key, "n_windows") == 0) {
        lua_pushinteger(L, s->nwin);
    } else if (strcmp(key, "labels") == 0 || strcmp(key, "rows") == 0) {
        bool labels = key[0] == 'l';
        lua_createtable(L, s->nwin, 0);
        for (int w = 0; w < s->nwin; w++) {
            if (labels)
                lua_pushstring(L, ls->labels[w]);
            else
                lua_pushinteger(L, s->rows[w]);
            lua_rawseti(L, -2, w + 1);
        }
    } else if (strcmp(key, "dropped") == 0) {
        lua_pushinteger(L, s->dropped);
    } else if (strcmp(key, "time") == 0) {
        lua_pushstring(L, ls->time);
    } else if (strcmp(key, "every") == 0) {
        lua_pushstring(L, ls->every);
    } else if (strcmp(key, "reference") == 0) {
        lua_pushstring(L, base_names[ls->base]);
    } else {
        return lt_lua_nofield(L, "drift series", key, series_fields, NULL, lua_upvalueindex(1));
    }
    return 1;
}

static int series_tostring(lua_State *L)
{
    ld_handle *h = luaL_checkudata(L, 1, LT_DRIFTSERIES_MT);
    if (!h->p) {
        lua_pushliteral(L, "lunette.DriftSeries (closed)");
        return 1;
    }
    lt_print_opts po;
    lt_lua_print_opts(L, &po);
    void **box = lt_lua_newbox(L);
    *box = ld_series_format(h->p, &h->o, &po);
    return lt_lua_pushboxed(L, box, "tostring");
}

/* w:window(i) */
static int series_window(lua_State *L)
{
    ld_handle *sh = ld_check(L, 1, LT_DRIFTSERIES_MT, "drift series");
    const ld_series *ls = sh->p;
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || i > ls->s->nwin)
        return luaL_argerror(L, 2, lua_pushfstring(L, "a window 1 to %d expected, got %I",
                                                   ls->s->nwin, i));
    lt_drift *d = ls->s->win[i - 1];
    if (!d) {
        lua_pushnil(L);   /* the baseline window */
        return 1;
    }
    ld_handle *h = newhandle(L, LT_DRIFT_MT, 1);
    h->p = d;
    h->up = sh;
    h->o = sh->o;
    h->window = (int)i - 1;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

/* w:stats(): one row per window and column. */
static int series_stats(lua_State *L)
{
    const ld_series *ls = checkseries(L, 1);
    const lt_drift_series *s = ls->s;
    size_t n = 0;
    for (int w = 0; w < s->nwin; w++)
        if (s->win[w])
            n += (size_t)s->win[w]->ncol;
    size_t cap = n > 0 ? n : 1;
    const char **win = lt_lua_buffer(L, cap, sizeof *win);
    const char **name = lt_lua_buffer(L, cap, sizeof *name);
    const char **method = lt_lua_buffer(L, cap, sizeof *method);
    double *num = lt_lua_buffer(L, cap * 3, sizeof *num);
    int64_t *cnt = lt_lua_buffer(L, cap * 2, sizeof *cnt);
    uint8_t *drifted = lt_lua_buffer(L, cap, 1);
    size_t r = 0;
    for (int w = 0; w < s->nwin; w++) {
        const lt_drift *d = s->win[w];
        for (int i = 0; d && i < d->ncol; i++, r++) {
            const lt_drift_col *c = &d->cols[i];
            bool cmp = c->method != LT_DRIFT_MISSING && c->method != LT_DRIFT_NONE;
            win[r] = ls->labels[w];
            name[r] = c->name;
            method[r] = lt_drift_method_name(c->method);
            num[r] = cmp ? c->statistic : NAN;
            num[cap + r] = cmp ? c->p_value : NAN;
            num[2 * cap + r] = c->severity;
            cnt[r] = c->n_ref;
            cnt[cap + r] = c->n_cur;
            drifted[r] = c->drifted;
        }
    }
    int64_t nn = (int64_t)n;
    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *f = *slot = lt_frame_new();
    int rc = f ? 0 : LT_ENOMEM;
    if (rc == 0)
        rc = addcol(f, "window", lt_col_from_strs(win, NULL, nn));
    if (rc == 0)
        rc = addcol(f, "column", lt_col_from_strs(name, NULL, nn));
    if (rc == 0)
        rc = addcol(f, "method", lt_col_from_strs(method, NULL, nn));
    static const char *const nums[] = {"statistic", "p_value", "severity"};
    for (int k = 0; k < 3 && rc == 0; k++)
        rc = addcol(f, nums[k], lt_col_from_f64(num + (size_t)k * cap, nn));
    if (rc == 0)
        rc = addcol(f, "drifted", lt_col_from_bool(drifted, NULL, nn));
    if (rc == 0)
        rc = addcol(f, "n_ref", lt_col_from_i64(cnt, NULL, nn));
    if (rc == 0)
        rc = addcol(f, "n_cur", lt_col_from_i64(cnt + cap, NULL, nn));
    if (rc < 0)
        return lt_lua_error(L, "stats");
    return 1;
}

static const lt_drift *first_report(const lt_drift_series *s)
{
    for (int w = 0; w < s->nwin; w++)
        if (s->win[w])
            return s->win[w];
    return NULL;
}

/* The index of column `name` among the columns of d, or raise. */
static int report_col(lua_State *L, const lt_drift *d, const char *name)
{
    for (int i = 0; i < d->ncol; i++)
        if (strcmp(d->cols[i].name, name) == 0)
            return i;
    const char *s = near_column(L, d, name);
    return luaL_argerror(L, 2, s ? lua_pushfstring(L, "option 'columns': column '%s' is not "
                                                   "compared (did you mean '%s'?)", name, s)
                                 : lua_pushfstring(L, "option 'columns': column '%s' is not "
                                                   "compared", name));
}

static int series_plot(lua_State *L)
{
    static const char *const known[] = {"columns", "title", NULL};
    ld_handle *h = ld_check(L, 1, LT_DRIFTSERIES_MT, "drift series");
    const ld_series *ls = h->p;
    const lt_drift_series *s = ls->s;
    const char *title = plot_title(L, known);
    const lt_drift *first = first_report(s);
    if (!first || first->ncol < 1)
        return luaL_error(L, "plot: no window was compared");
    int ncol = first->ncol, nwin = s->nwin;
    /* the lines: columns = "name" or { names } */
    int *lines = lt_lua_buffer(L, (size_t)ncol, sizeof *lines);
    int nline = 0;
    int tc = lt_lua_optfield(L, 2, "columns");
    int ic = lua_gettop(L);
    if (tc == LUA_TSTRING) {
        lines[nline++] = report_col(L, first, lua_tostring(L, ic));
    } else if (tc == LUA_TTABLE) {
        lua_Integer len = (lua_Integer)lua_rawlen(L, ic);
        for (lua_Integer k = 1; k <= len; k++) {
            if (lua_rawgeti(L, ic, k) != LUA_TSTRING)
                luaL_argerror(L, 2, "option 'columns': a list of column names expected");
            int c = report_col(L, first, lua_tostring(L, -1));
            lua_pop(L, 1);
            bool seen = false;
            for (int j = 0; j < nline; j++)
                seen |= lines[j] == c;
            if (!seen)
                lines[nline++] = c;
        }
    } else if (tc != LUA_TNIL) {
        luaL_argerror(L, 2, lua_pushfstring(L, "option 'columns': a list of column names "
                                            "expected, got %s", lt_lua_typename(L, ic)));
    }
    size_t cells = (size_t)ncol * (size_t)nwin;
    double *sev = lt_lua_buffer(L, cells, sizeof *sev);
    bool *drifted = lt_lua_buffer(L, cells, sizeof *drifted);
    const char **names = lt_lua_buffer(L, (size_t)ncol, sizeof *names);
    for (int c = 0; c < ncol; c++) {
        names[c] = first->cols[c].name;
        for (int w = 0; w < nwin; w++) {
            const lt_drift *d = s->win[w];
            size_t k = (size_t)c * (size_t)nwin + (size_t)w;
            sev[k] = NAN;
            drifted[k] = false;
            if (!d || c >= d->ncol)
                continue;
            const lt_drift_col *x = &d->cols[c];
            sev[k] = x->method == LT_DRIFT_NONE ? NAN
                   : x->method == LT_DRIFT_MISSING ? (x->drifted ? INFINITY : 0)
                   : x->severity;
            drifted[k] = x->drifted;
        }
    }
    char t[256];
    if (!title) {
        snprintf(t, sizeof t, "Drift over time: '%s' by %s%s", ls->time,
                 s->is_time ? "" : "steps of ", ls->every);
        title = t;
    }
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_driftfig_windows((const char *const *)ls->labels, nwin, names, ncol, sev,
                                drifted, lines, nline, title);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- registration ------------------------------------------------------------------ */

const lt_lua_reg lt_lua_drift_lib[] = {
    {"drift", l_drift, "drift(reference, current [, opts])",
     "Compare two frames column by column.\n"
     "Which features moved, how much, by which test or distance.\n"
     "Every column of both frames (time columns aside: dates always move) is\n"
     "compared by a two-sample test or a distance.  The printout is a table of\n"
     "column, type, method, statistic, p-value, threshold, drifted (with the\n"
     "missing shares and notes when there are), then the verdict:\n"
     "\"6 of 19 columns drifted (32%): dataset drift\".\n"
     "Kinds: str and bool columns are categories; so are numbers with at most\n"
     "max_distinct distinct values in both frames together (0/1 flags, small\n"
     "counts; marked * in the type column), or named in categorical; other\n"
     "numbers are numeric.  method = \"auto\" chooses per column, as Evidently\n"
     "does: with at most `small` reference values a test, ks for numbers and\n"
     "chi2 for categories; above, a distance, wasserstein for numbers and js\n"
     "for categories.  The methods:\n"
     "  ks           two-sample Kolmogorov-Smirnov, as scipy's ks_2samp (p\n"
     "               exact up to 10,000 values a sample); numbers only\n"
     "  anderson     k-sample Anderson-Darling, as scipy's anderson_ksamp\n"
     "               (p capped to [0.001, 0.25]); numbers only\n"
     "  chi2         chi-square on the 2 x k table of counts (categories, or\n"
     "               the psi bins of numbers), no continuity correction\n"
     "  wasserstein  Wasserstein distance / reference sd (ddof 0); numbers\n"
     "  psi          population stability index: sum (c - r) ln(c / r) over\n"
     "               the bins, r and c the reference and current shares\n"
     "  js           Jensen-Shannon distance of the shares, log base `base`\n"
     "A test drifts when p < threshold (default 0.05), a distance when it is\n"
     ">= threshold (default 0.1).  psi and js bin numbers at the reference's\n"
     "quantiles (type 7) 1/bins, 2/bins ... (bins-1)/bins, repeated edges kept\n"
     "once (few distinct values give fewer bins); bins are right-closed, the\n"
     "outer ones open to -inf and +inf.  A share of 0 counts as eps in psi (so\n"
     "an empty bin weighs heavily instead of giving inf); js needs no epsilon.\n"
     "Categories are matched by text; those of the current frame unseen in the\n"
     "reference are reported (chi2 counts them with reference 0, psi gives\n"
     "them the reference share eps, js their share).\n"
     "Missing values are dropped and counted; a column also drifts when its\n"
     "missing share moves by more than missing_shift.  A column all missing on\n"
     "one side drifts (method \"missing\"); all missing on both sides it is not\n"
     "compared (\"none\").  Degenerate samples give defined results, said in\n"
     "the column's note: a constant reference makes wasserstein inf (0 when\n"
     "nothing moved); anderson needs 4 values or more (else not drifted).\n"
     "The dataset drifts when at least drift_share of the compared columns\n"
     "drift.  Fields and methods: help\"Drift\".",
     "columns = all shared   names to compare (patterns, numeric() ... as select)\n"
     "method = \"auto\"        a method for all columns, or { column = method }\n"
     "threshold = default    a number for all columns, or { column = number }\n"
     "categorical = {}       numeric columns to compare as categories\n"
     "bins = 10              quantile bins of psi and js on numbers\n"
     "eps = 1e-4             psi's share for a bin empty on one side\n"
     "base = 2               logarithm base of js (2 keeps it in [0, 1])\n"
     "small = 1000           auto: a test up to this many reference values\n"
     "max_distinct = 10      numbers with at most this many distinct values\n"
     "                       are categories (0: never)\n"
     "drift_share = 0.5      dataset drift from this share of drifted columns\n"
     "missing_shift = 0.1    a column drifts when its missing share moves by\n"
     "                       more than this",
     "churn = read_csv(\"examples/data/telco_churn.csv\")\n"
     "new = churn:filter\"tenure <= 12\":drop(\"tenure\")\n"
     "old = churn:filter\"tenure > 12\":drop(\"tenure\")\n"
     "d = drift(old, new)\n"
     "print(d)\n"
     "print(d:column(\"monthly_charges\"))\n"
     "plot(d)\n"
     "drift(old, new, { columns = { \"contract\", \"monthly_charges\" },\n"
     "                  method = { monthly_charges = \"ks\" }, threshold = 0.01 })"},
    {"drift_over_time", l_drift_over_time, "drift_over_time(events, time [, opts])",
     "Drift of a frame across time windows.\n"
     "A DriftSeries.  The rows of `events` are split into windows of its column\n"
     "`time`, every `every` long: calendar periods of a time column (\"month\":\n"
     "2024-01, 2024-02 ...), or [k every, (k + 1) every) of a numeric one.  Each\n"
     "window is compared, as drift() does, with the first window (reference =\n"
     "\"first\"), the window before it (\"previous\") or a given frame.  With\n"
     "method auto, each column's method is chosen once, from its kind and the\n"
     "median window size, and kept for every window.  Rows without a time are\n"
     "left out and counted (w.dropped).  The time column is not compared.\n"
     "Errors: fewer than two windows with \"first\" or \"previous\", a time\n"
     "column that is neither a time nor numbers.  Methods: help\"DriftSeries\".",
     "every = \"month\"        a period (\"year\", \"quarter\", \"month\", \"week\",\n"
     "                       \"day\", \"hour\", or a count and unit: \"7d\", \"2w\",\n"
     "                       \"3mo\"), or a number for a numeric time column\n"
     "reference = \"first\"    \"previous\", or a Frame to compare every window with\n"
     "and the options of drift(): columns, method, threshold, categorical,\n"
     "bins, eps, base, small, max_distinct, drift_share, missing_shift",
     "day = date_range(\"2024-01-01\", \"2024-06-30\")\n"
     "x = {}\n"
     "for i = 1, #day do x[i] = i % 7 + (i > 120 and 3 or 0) end\n"
     "w = drift_over_time(frame{ day = day, x = x }, \"day\", { every = \"month\" })\n"
     "print(w)\n"
     "print(w:window(6))\n"
     "churn = read_csv(\"examples/data/telco_churn.csv\")\n"
     "w = drift_over_time(churn, \"tenure\", { every = 12, reference = \"previous\" })\n"
     "plot(w, { columns = { \"monthly_charges\", \"contract\" } })"},
    {"ks_test", ld_ks_test, "ks_test(a, b [, opts])",
     "Two-sample Kolmogorov-Smirnov test.\n"
     "Returns the statistic D, the p-value and details.  As scipy.stats.ks_2samp\n"
     "(two-sided): D = max |F_a(x) - F_b(x)| of the empirical distribution\n"
     "functions; p exact (the lattice path count) when neither sample has more\n"
     "than 10,000 values (mode auto), else from the Kolmogorov distribution of\n"
     "D_n, n = round(na nb / (na + nb)); in the exact mode D is the lattice\n"
     "value scipy returns.  a and b: number Columns or Lua arrays.  Missing\n"
     "values are dropped and counted in the third result, a table:\n"
     "n = { na, nb } (values used), missing = { ma, mb }, mode = \"exact\" or\n"
     "\"asymp\" (the one used), which prints as \"(4,857 and 2,186 values;\n"
     "exact)\".",
     "mode = \"auto\"      \"exact\" (asymp when the count overflows, as scipy)\n"
     "                   or \"asymp\"",
     "D, p = ks_test({ 1, 2, 3, 4 }, { 3, 4, 5, 6, 7 })\n"
     "print(D, p)\n"
     "churn = read_csv(\"examples/data/telco_churn.csv\")\n"
     "D, p, info = ks_test(churn:filter\"churn == 'Yes'\".monthly_charges,\n"
     "                     churn:filter\"churn == 'No'\".monthly_charges)\n"
     "print(D, p, info.mode, info.n[1], info.n[2])"},
    {"wasserstein", ld_wasserstein, "wasserstein(a, b [, opts])",
     "Wasserstein distance of two samples.\n"
     "The earth mover's distance, and details.  As\n"
     "scipy.stats.wasserstein_distance: the integral of |F_a - F_b|, in the\n"
     "units of the values.  normalize = true divides it by the standard\n"
     "deviation of a (ddof 0), as drift()'s wasserstein method (Evidently's\n"
     "normed distance); a constant `a` is then an error.  a and b: number\n"
     "Columns or Lua arrays; missing values are dropped and counted in the\n"
     "second result: n = { na, nb }, missing = { ma, mb }, sd (of a).",
     "normalize = false    divide by the standard deviation of a",
     "print(wasserstein({ 0, 1, 3 }, { 5, 6, 8 }))                 -- 5\n"
     "print(wasserstein({ 0, 1, 3 }, { 5, 6, 8 }, { normalize = true }))"},
    {"psi", ld_psi, "psi(ref, cur [, opts])",
     "Population stability index of two samples.\n"
     "Returns the index and details.  PSI = sum over bins (c - r) ln(c / r), r\n"
     "and c the shares of the reference and current values in each bin, a share\n"
     "of 0 replaced by eps.  Numbers are binned at the reference's quantiles\n"
     "(type 7) 1/bins ... (bins-1)/bins, repeated edges kept once, right-closed\n"
     "bins, the outer ones open; categories (str or bool Columns, arrays of\n"
     "strings) are the bins, matched by text.  Rules of thumb: < 0.1 stable, 0.1\n"
     "to 0.25 some shift, > 0.25 a large one.  Missing values are dropped and\n"
     "counted in the second result: n = { nr, nc }, missing = { mr, mc }, kind\n"
     "(\"numeric\" or \"categorical\"), unseen (current categories not in the\n"
     "reference).",
     "bins = 10            quantile bins of numbers\n"
     "eps = 1e-4           the share of an empty bin",
     "print(psi({ \"a\", \"a\", \"b\", \"c\" }, { \"a\", \"b\", \"b\", \"b\" }))\n"
     "churn = read_csv(\"examples/data/telco_churn.csv\")\n"
     "print(psi(churn:filter\"tenure > 12\".monthly_charges,\n"
     "          churn:filter\"tenure <= 12\".monthly_charges, { bins = 10 }))"},
    {"js_distance", ld_js_distance, "js_distance(ref, cur [, opts])",
     "Jensen-Shannon distance of two samples.\n"
     "Of their shares; returns the distance and details.  As\n"
     "scipy.spatial.distance.jensenshannon of the shares: the square root of\n"
     "(KL(p || m) + KL(q || m)) / 2, m = (p + q) / 2, logarithms in `base` (2:\n"
     "between 0 and 1).  Bins as psi: quantile bins of the reference for\n"
     "numbers, the categories for str and bool.  No epsilon: an empty bin adds 0\n"
     "log 0 = 0.  Missing values are dropped and counted in the second result\n"
     "(n, missing, kind, unseen, as psi's).",
     "bins = 10            quantile bins of numbers\n"
     "base = 2             the logarithm base (math.exp(1) gives scipy's default)",
     "print(js_distance({ \"a\", \"a\", \"b\" }, { \"a\", \"b\", \"b\" }))\n"
     "print(js_distance({ 1, 2, 3, 4, 5 }, { 3, 4, 5, 6, 7 }, { bins = 2 }))"},
    {"chi2_test", ld_chi2_test, "chi2_test(ref, cur)",
     "Chi-square test of homogeneity.\n"
     "Returns the statistic, the p-value, df and details.  Pearson's test on the\n"
     "2 x k table of the category counts of ref and cur (scipy's\n"
     "chi2_contingency(table, correction = False)); categories empty in both are\n"
     "left out, df = categories - 1.  Numbers are compared as categories, one\n"
     "per distinct value.  A category of cur unseen in ref is a column with\n"
     "count 0 in ref.  One category in all: statistic 0, p 1, df 0.  Missing\n"
     "values are dropped and counted in the fourth result: n, missing, unseen\n"
     "(as psi's).",
     NULL,
     "stat, p, df = chi2_test({ \"a\", \"a\", \"b\", \"b\" }, { \"a\", \"b\", \"b\", \"b\" })\n"
     "print(stat, p, df)"},
    {"anderson_ksamp", ld_anderson_ksamp, "anderson_ksamp(samples)",
     "k-sample Anderson-Darling test.\n"
     "Returns the statistic, p-value, critical values, capped, details.  As\n"
     "scipy.stats.anderson_ksamp (midrank): the standardised statistic; its\n"
     "p-value interpolated from the critical values and capped to [0.001, 0.25]\n"
     "(capped is true when it is a cap); critical is a table of the critical\n"
     "values keyed by significance level (critical[0.05]), its array part the\n"
     "levels in order (0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001).  samples: a\n"
     "list of 2 or more number Columns or arrays; missing values are dropped and\n"
     "counted in the fifth result: n = { ... }, missing = { ... }.  Errors: an\n"
     "empty sample, all values equal.",
     NULL,
     "a, b = { 1, 2, 3, 4, 5 }, { 3, 4, 5, 6, 7, 8 }\n"
     "A2, p, crit, capped = anderson_ksamp({ a, b })\n"
     "print(A2, p, crit[0.05], capped)"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_drift_methods[] = {
    {"fields", NULL, "d.n_drifted, d.share, d.dataset_drift ...",
     "The report's facts as fields.\n"
     "n_drifted (columns), n_columns (compared), share (n_drifted /\n"
     "n_columns), dataset_drift (share >= drift_share), drift_share,\n"
     "n_reference, n_current (rows of the frames), columns (the names, in\n"
     "order), skipped (\"date (time)\" ...: columns left out), verdict (the\n"
     "line \"6 of 19 columns drifted (32%): dataset drift\").\n"
     "plot(d) draws the overview: a bar per column, its drift score over its\n"
     "threshold (p-values as log p / log threshold), drifted ones in colour.",
     NULL,
     "d = drift(frame{ x = { 1, 2, 3, 4 } }, frame{ x = { 3, 4, 5, 6 } })\n"
     "print(d.n_drifted, d.share, d.dataset_drift, d.verdict)"},
    {"stats", drift_stats, "d:stats()",
     "The report as a frame, one row per column.\n"
     "Columns: column, type, kind (numeric or categorical), method, statistic,\n"
     "p_value (missing for distances), score (compared with the threshold:\n"
     "the p-value of a test, the statistic of a distance), threshold,\n"
     "severity (score past threshold: >= 1 when the method finds drift),\n"
     "drifted, n_ref, n_cur (values compared), missing_ref, missing_cur\n"
     "(missing values dropped), note.",
     NULL,
     "d = drift(frame{ x = { 1, 2, 3, 4 } }, frame{ x = { 3, 4, 5, 6 } })\n"
     "print(d:stats())\n"
     "d:stats():write_csv(os.tmpname())"},
    {"column", drift_column, "d:column(name)",
     "One column of the report (a DriftColumn).\n"
     "Its fields (help\"DriftColumn\") and plot(d:column(name)): reference and\n"
     "current histograms overlaid, or category shares side by side.",
     NULL,
     "d = drift(frame{ x = { 1, 2, 3, 4 } }, frame{ x = { 3, 4, 5, 6 } })\n"
     "c = d:column(\"x\")\n"
     "print(c.statistic, c.p_value, c.method, c.drifted)\n"
     "plot(c)"},
    {"drifted", drift_drifted, "d:drifted()", "The names of the drifted columns, a list.",
     NULL,
     "d = drift(frame{ x = { 1, 2, 3, 4 } }, frame{ x = { 3, 4, 5, 6 } })\n"
     "for _, name in ipairs(d:drifted()) do print(name) end"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_driftcol_methods[] = {
    {"fields", NULL, "c.statistic, c.p_value, c.method ...",
     "One column of a drift report, as fields.\n"
     "From d:column(name).  name, type (of the reference column), kind\n"
     "(\"numeric\", \"categorical\"), method (the one used: ks, anderson, chi2,\n"
     "wasserstein, psi, js, or missing / none), why (why this method: \"given\",\n"
     "or auto's reason), statistic (D, A2, chi-square, W / sd, PSI, JS), p_value\n"
     "(tests; nil for distances), score (what the threshold judges), threshold,\n"
     "severity, drifted, missing_drifted (by the missing share), df (chi2),\n"
     "wasserstein (the raw distance), n_ref, n_cur (values compared),\n"
     "missing_ref, missing_cur (values dropped), unseen (categories of the\n"
     "current frame not in the reference), note (nil, or what to know).",
     NULL,
     "d = drift(frame{ x = { 1, 2, 3, 4 } }, frame{ x = { 3, 4, 5, 6 } })\n"
     "c = d:column(\"x\")\n"
     "print(c.method, c.statistic, c.p_value, c.drifted)"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_driftseries_methods[] = {
    {"fields", NULL, "w.n_windows, w.labels ...",
     "A drift over time, as fields.\n"
     "n_windows, labels (each window's: \"2024-03\"), rows (in each window),\n"
     "dropped (rows without a time), time (the column), every, reference\n"
     "(\"first\", \"previous\" or \"frame\").  plot(w [, { columns = { ... } }])\n"
     "draws a heatmap of drift score over threshold per column and window\n"
     "(drifted cells marked), and lines of the columns named.",
     NULL,
     "ev = read_csv(\"examples/data/telco_churn.csv\")\n"
     "w = drift_over_time(ev, \"tenure\", { every = 24 })\n"
     "print(w.n_windows, w.labels[2], w.rows[2])"},
    {"stats", series_stats, "w:stats()",
     "The drift of every window as a long frame.\n"
     "Columns: window (its label), column, method, statistic, p_value\n"
     "(missing for distances), severity, drifted, n_ref, n_cur; the baseline\n"
     "window has no rows.",
     NULL,
     "ev = read_csv(\"examples/data/telco_churn.csv\")\n"
     "w = drift_over_time(ev, \"tenure\", { every = 24 })\n"
     "print(w:stats():filter\"drifted\")"},
    {"window", series_window, "w:window(i)",
     "The Drift of window i (nil: the baseline).\n"
     "i from 1 to w.n_windows; the baseline window has no Drift.",
     NULL,
     "ev = read_csv(\"examples/data/telco_churn.csv\")\n"
     "w = drift_over_time(ev, \"tenure\", { every = 24 })\n"
     "print(w:window(2))"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_drift(lua_State *L)
{
    static const luaL_Reg drift_meta[] = {
        {"__gc", drift_gc}, {"__close", drift_gc}, {"__tostring", drift_tostring},
        {"__plot", drift_plot}, {"__shape", drift_shape}, {NULL, NULL},
    };
    static const luaL_Reg col_meta[] = {
        {"__gc", col_gc}, {"__close", col_gc}, {"__tostring", col_tostring},
        {"__plot", col_plot}, {"__shape", col_shape}, {NULL, NULL},
    };
    static const luaL_Reg series_meta[] = {
        {"__gc", series_gc}, {"__close", series_gc}, {"__tostring", series_tostring},
        {"__plot", series_plot}, {"__shape", series_shape}, {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_DRIFT_MT, drift_meta, drift_index);
    lt_lua_newmeta(L, LT_DRIFTCOL_MT, col_meta, col_index);
    lt_lua_newmeta(L, LT_DRIFTSERIES_MT, series_meta, series_index);
}
