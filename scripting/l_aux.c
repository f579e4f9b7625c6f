/* Helpers shared by the Lua binding modules (see l_aux.h). */
#include "l_aux.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "suggest.h"
#include "timefmt.h"

int lt_lua_error(lua_State *L, const char *fname)
{
    const char *msg = lt_errmsg();
    size_t len = strlen(fname);
    /* Core messages that already name the function keep their prefix. */
    if (strncmp(msg, fname, len) == 0 && msg[len] == ':')
        return luaL_error(L, "%s", msg);
    return luaL_error(L, "%s: %s", fname, *msg ? msg : "failed");
}

int lt_lua_result(lua_State *L, const void *p, const char *fname)
{
    if (!p)
        return lt_lua_error(L, fname);
    return 1;
}

void **lt_lua_newobject(lua_State *L, const char *mt, int nuv)
{
    void **slot = lua_newuserdatauv(L, sizeof *slot, nuv);
    *slot = NULL;
    luaL_setmetatable(L, mt);
    return slot;
}

lt_frame **lt_lua_newframe(lua_State *L)
{
    return (lt_frame **)lt_lua_newobject(L, LT_FRAME_MT, 0);
}

lt_col **lt_lua_newcol(lua_State *L)
{
    return (lt_col **)lt_lua_newobject(L, LT_COLUMN_MT, 1);
}

const char *lt_lua_colname(lua_State *L, int idx)
{
    const char *name = NULL;
    if (lua_getiuservalue(L, idx, 1) == LUA_TSTRING)
        name = lua_tostring(L, -1);   /* the column's user value keeps it */
    lua_pop(L, 1);
    return name;
}

void *lt_lua_checkobject(lua_State *L, int idx, const char *mt, const char *what)
{
    void **slot = luaL_checkudata(L, idx, mt);
    if (!*slot)
        luaL_argerror(L, idx, lua_pushfstring(L, "%s is closed", what));
    return *slot;
}

lt_frame *lt_lua_checkframe(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_FRAME_MT, "frame");
}

lt_col *lt_lua_checkcol(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_COLUMN_MT, "column");
}

lt_col *lt_lua_tocol(lua_State *L, int idx)
{
    lt_col **slot = luaL_testudata(L, idx, LT_COLUMN_MT);
    return slot ? *slot : NULL;
}

bool lt_lua_isna(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, LT_NA_MT) != NULL;
}

lt_col *lt_lua_checkoperand(lua_State *L, int idx, const char *what)
{
    idx = lua_absindex(L, idx);
    int t = lua_type(L, idx);
    if (t == LUA_TUSERDATA && luaL_testudata(L, idx, LT_COLUMN_MT))
        return lt_lua_checkcol(L, idx);
    if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN)
        luaL_error(L, "%s: column, number, string or boolean expected, got %s",
                   what, lt_lua_typename(L, idx));
    lt_col **slot = lt_lua_newcol(L);
    if (t == LUA_TBOOLEAN) {
        *slot = lt_col_scalar_bool(lua_toboolean(L, idx));
    } else if (t == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        *slot = lt_col_scalar_str(s, len);
    } else if (lua_isinteger(L, idx)) {
        *slot = lt_col_scalar_i64(lua_tointeger(L, idx));
    } else {
        *slot = lt_col_scalar_f64(lua_tonumber(L, idx));
    }
    lt_lua_result(L, *slot, what);
    lua_replace(L, idx);
    return *slot;
}

static int box_gc(lua_State *L)
{
    void **box = luaL_checkudata(L, 1, LT_BOX_MT);
    free(*box);
    *box = NULL;
    return 0;
}

void **lt_lua_newbox(lua_State *L)
{
    void **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    if (luaL_newmetatable(L, LT_BOX_MT)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return box;
}

int lt_lua_pushboxed(lua_State *L, void **box, const char *fname)
{
    if (!*box)
        return luaL_error(L, "%s: out of memory", fname);
    lua_pushstring(L, *box);
    free(*box);
    *box = NULL;
    lua_remove(L, -2);
    return 1;
}

void *lt_lua_buffer(lua_State *L, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        luaL_error(L, "out of memory");
    return lua_newuserdatauv(L, n * size, 0);
}

/* ---- option tables ------------------------------------------------------ */

bool lt_lua_checkopts(lua_State *L, int arg, const char *const *known)
{
    if (lua_isnoneornil(L, arg))
        return false;
    luaL_checktype(L, arg, LUA_TTABLE);
    size_t nknown = 0;
    while (known[nknown])
        nknown++;
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L,
                "options are named, got a %s key", lt_lua_typename(L, -1)));
        const char *key = lua_tostring(L, -1);
        size_t i = 0;
        while (i < nknown && strcmp(known[i], key) != 0)
            i++;
        if (i == nknown) {
            const char *s = lt_lua_suggest(key, known, nknown);
            luaL_argerror(L, arg, s
                ? lua_pushfstring(L, "unknown option '%s'; did you mean '%s'?", key, s)
                : lua_pushfstring(L, "unknown option '%s'", key));
        }
    }
    return true;
}

int lt_lua_optfield(lua_State *L, int arg, const char *key)
{
    if (lua_type(L, arg) != LUA_TTABLE) {
        lua_pushnil(L);
        return LUA_TNIL;
    }
    return lua_getfield(L, arg, key);
}

static int opterror(lua_State *L, int arg, const char *key, const char *expected)
{
    return luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %s expected, got %s",
                                                 key, expected, lt_lua_typename(L, -1)));
}

bool lt_lua_optbool(lua_State *L, int arg, const char *key, bool def)
{
    int t = lt_lua_optfield(L, arg, key);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        opterror(L, arg, key, "boolean");
    bool v = t == LUA_TNIL ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

lua_Integer lt_lua_optint(lua_State *L, int arg, const char *key, lua_Integer def)
{
    int isint = 0;
    lua_Integer v = def;
    if (lt_lua_optfield(L, arg, key) != LUA_TNIL) {
        if (lua_type(L, -1) == LUA_TNUMBER)
            v = lua_tointegerx(L, -1, &isint);
        if (!isint)
            opterror(L, arg, key, "integer");
    }
    lua_pop(L, 1);
    return v;
}

/* The string stays valid after the pop: the options table holds it. */
const char *lt_lua_optstr(lua_State *L, int arg, const char *key, const char *def)
{
    int t = lt_lua_optfield(L, arg, key);
    if (t != LUA_TNIL && t != LUA_TSTRING)
        opterror(L, arg, key, "string");
    const char *v = t == LUA_TNIL ? def : lua_tostring(L, -1);
    lua_pop(L, 1);
    return v;
}

double lt_lua_optnum(lua_State *L, int arg, const char *key, double def)
{
    int t = lt_lua_optfield(L, arg, key);
    if (t != LUA_TNIL && t != LUA_TNUMBER)
        opterror(L, arg, key, "number");
    double v = t == LUA_TNIL ? def : lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

int lt_lua_optchoice(lua_State *L, int arg, const char *key, const char *const *names, int def)
{
    const char *s = lt_lua_optstr(L, arg, key, NULL);
    if (!s)
        return def;
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; names[i]; i++) {
        if (i)
            luaL_addstring(&b, names[i + 1] ? ", " : " or ");
        luaL_addchar(&b, '"');
        luaL_addstring(&b, names[i]);
        luaL_addchar(&b, '"');
    }
    luaL_pushresult(&b);
    return luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %s expected, got '%s'", key,
                                                 lua_tostring(L, -1), s));
}

/* ---- suggestions -------------------------------------------------------- */

const char *lt_lua_suggest(const char *name, const char *const *cands, size_t n)
{
    int k = n < INT32_MAX ? (int)n : INT32_MAX;
    const char *best = lt_suggest(name, cands, k);
    if (best)
        return best;
    /* An abbreviation of three letters or more: the first name it starts. */
    size_t len = strlen(name);
    for (int i = 0; len >= 3 && i < k; i++)
        if (strncasecmp(name, cands[i], len) == 0)
            return cands[i];
    return NULL;
}

int lt_lua_nofield(lua_State *L, const char *what, const char *key, const char *const *a,
                   const char *const *b, int methods)
{
    enum { MAXN = 64 };
    const char *cands[MAXN];
    size_t nc = 0;
    for (; a && *a && nc < MAXN; a++)
        cands[nc++] = *a;
    for (; b && *b && nc < MAXN; b++)
        cands[nc++] = *b;
    methods = lua_absindex(L, methods);
    lua_pushnil(L);
    while (nc < MAXN && lua_next(L, methods)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING)
            cands[nc++] = lua_tostring(L, -1);   /* the method table keeps it */
    }
    const char *near = lt_lua_suggest(key, cands, nc);
    if (near)
        return luaL_error(L, "%s: no field or method '%s' (did you mean '%s'?)", what, key,
                          near);
    return luaL_error(L, "%s: no field or method '%s'", what, key);
}

int lt_lua_nocolumn(lua_State *L, const lt_frame *f, const char *name,
                    const char *fname)
{
    const char *s = lt_frame_suggest(f, name);
    if (s)
        return luaL_error(L, "%s: column '%s' not found (did you mean '%s'?)",
                          fname, name, s);
    return luaL_error(L, "%s: column '%s' not found", fname, name);
}

int lt_lua_colindex(lua_State *L, const lt_frame *f, const char *name,
                    const char *fname)
{
    int i = lt_frame_index(f, name);
    if (i < 0)
        lt_lua_nocolumn(L, f, name, fname);
    return i;
}

/* ---- values ------------------------------------------------------------- */

void lt_lua_pushvalue(lua_State *L, const lt_col *c, int64_t i)
{
    if (lt_col_is_na(c, i)) {
        lua_pushnil(L);
        return;
    }
    switch (c->type) {
    case LT_F64:
        lua_pushnumber(L, lt_col_f64(c)[i]);
        break;
    case LT_I64:
        lua_pushinteger(L, lt_col_i64(c)[i]);
        break;
    case LT_BOOL:
        lua_pushboolean(L, lt_col_bool(c)[i]);
        break;
    case LT_STR: {
        size_t len;
        const char *s = lt_col_get_str(c, i, &len);
        lua_pushlstring(L, s, len);
        break;
    }
    case LT_TIME: {
        char buf[64];
        size_t len = lt_time_format(lt_col_i64(c)[i], c->tkind, buf, sizeof buf);
        lua_pushlstring(L, buf, len);
        break;
    }
    }
}

void lt_lua_pushnumber(lua_State *L, double v, bool integral)
{
    if (isnan(v))
        lua_pushnil(L);
    else if (integral && v == floor(v) && fabs(v) < 0x1p63)
        lua_pushinteger(L, (lua_Integer)v);
    else
        lua_pushnumber(L, v);
}

void lt_lua_print_opts(lua_State *L, lt_print_opts *o)
{
    lt_print_opts_init(o);
    if (lua_getfield(L, LUA_REGISTRYINDEX, LT_WIDTH_KEY) == LUA_TNUMBER)
        o->width = (int)lua_tointeger(L, -1);
    lua_getfield(L, LUA_REGISTRYINDEX, LT_COLOR_KEY);
    o->color = lua_toboolean(L, -1);
    lua_pop(L, 2);
}

const char *lt_lua_typename(lua_State *L, int idx)
{
    const char *name = luaL_typename(L, idx);
    int t = luaL_getmetafield(L, idx, "__name");
    if (t == LUA_TSTRING)
        name = lua_tostring(L, -1);  /* the metatable keeps it alive */
    if (t != LUA_TNIL)
        lua_pop(L, 1);
    return name;
}

lt_type lt_lua_checktype(lua_State *L, int arg, const char *name,
                         lt_time_kind *kind)
{
    lt_type t;
    if (lt_type_parse(name, &t, kind) != 0)
        luaL_argerror(L, arg, lua_pushfstring(L,
            "type f64, i64, bool, str, date or datetime expected, got '%s'", name));
    return t;
}

void lt_lua_newmeta(lua_State *L, const char *name, const luaL_Reg *meta,
                    lua_CFunction index)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "__methods");
    if (index)
        lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

void lt_lua_pusharray(lua_State *L, const lt_col *c)
{
    if (c->n >= INT32_MAX)
        luaL_error(L, "to_table: %I values are too many for a Lua table", (lua_Integer)c->n);
    lua_createtable(L, (int)c->n, 1);
    for (int64_t i = 0; i < c->n; i++) {
        lt_lua_pushvalue(L, c, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, c->n);
    lua_setfield(L, -2, "n");
}

/* ---- Lua arrays as columns ----------------------------------------------- */

enum kind { K_NONE, K_INT, K_FLOAT, K_BOOL, K_STR };

static const char *const kind_names[] = {"missing", "a number", "a number", "a boolean",
                                         "a string"};

/* The length of the Lua array at idx: its field n, else #t. */
static lua_Integer array_length(lua_State *L, int idx, const char *fname, const char *name)
{
    lua_Integer n;
    if (lua_getfield(L, idx, "n") != LUA_TNIL) {
        int isint;
        n = lua_tointegerx(L, -1, &isint);
        if (!isint || n < 0)
            luaL_error(L, "%s: %s: field n must be a non-negative integer", fname, name);
    } else {
        n = (lua_Integer)lua_rawlen(L, idx);
    }
    lua_pop(L, 1);
    return n;
}

/* The kind of the value at the top (K_NONE for nil and NA). */
static enum kind value_kind(lua_State *L, const char *fname, const char *name, lua_Integer i)
{
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        return K_NONE;
    case LUA_TNUMBER:
        return lua_isinteger(L, -1) ? K_INT : K_FLOAT;
    case LUA_TBOOLEAN:
        return K_BOOL;
    case LUA_TSTRING:
        return K_STR;
    default:
        if (lt_lua_isna(L, -1))
            return K_NONE;
        return luaL_error(L, "%s: %s value %I: number, string, boolean or NA "
                             "expected, got %s", fname, name, i, lt_lua_typename(L, -1));
    }
}

lt_col *lt_lua_array_to_col(lua_State *L, int idx, const char *fname, const char *name)
{
    lua_Integer n = array_length(L, idx, fname, name);
    enum kind kind = K_NONE;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        enum kind k = value_kind(L, fname, name, i);
        lua_pop(L, 1);
        if (k == K_NONE || k == kind)
            continue;
        if ((k == K_INT || k == K_FLOAT) && (kind == K_INT || kind == K_FLOAT))
            kind = K_FLOAT;
        else if (kind == K_NONE)
            kind = k;
        else
            luaL_error(L, "%s: %s mixes value types: value %I is %s, "
                          "earlier ones are %s", fname, name, i, kind_names[k], kind_names[kind]);
    }
    lt_col **slot = lt_lua_newcol(L);
    if (kind == K_STR) {
        const char **strs = lt_lua_buffer(L, (size_t)n, sizeof *strs);
        size_t *lens = lt_lua_buffer(L, (size_t)n, sizeof *lens);
        for (lua_Integer i = 0; i < n; i++) {
            /* the array keeps each string alive */
            lua_rawgeti(L, idx, i + 1);
            lens[i] = 0;
            strs[i] = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &lens[i]) : NULL;
            lua_pop(L, 1);
        }
        *slot = lt_col_from_strs(strs, lens, n);
        lt_lua_result(L, *slot, fname);
        lua_pop(L, 2);
        return *slot;
    }
    lt_type type = kind == K_INT ? LT_I64 : kind == K_BOOL ? LT_BOOL : LT_F64;
    lt_col *c = *slot = lt_col_new(type, n);
    lt_lua_result(L, c, fname);
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, idx, i + 1);
        int t = lua_type(L, -1);
        if (t != LUA_TNUMBER && t != LUA_TBOOLEAN) {
            if (lt_col_set_na(c, i) < 0)
                lt_lua_error(L, fname);
        } else if (type == LT_I64) {
            lt_col_i64(c)[i] = lua_tointeger(L, -1);
        } else if (type == LT_BOOL) {
            lt_col_bool(c)[i] = (uint8_t)lua_toboolean(L, -1);
        } else {
            lt_col_f64(c)[i] = lua_tonumber(L, -1);
        }
        lua_pop(L, 1);
    }
    lt_col_finish(c);
    return c;
}

void lt_lua_print_top(lua_State *L)
{
    if (lua_getglobal(L, "print") == LUA_TFUNCTION) {
        lua_insert(L, -2);
        lua_call(L, 1, 0);
        return;
    }
    lua_pop(L, 1);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    fwrite(s, 1, len, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    lua_pop(L, 1);
}

