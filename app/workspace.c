/* The user's globals for the inspector (workspace.h).  Values are read
 * with raw accesses only, so no metamethod of the user's runs here: the
 * one call out is an object's __shape, and only when it is a C function
 * (lunette's own), in protected mode. */
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "l_aux.h"

#define BASELINE_KEY "lunette.workspace.baseline"

void lt_workspace_baseline(lua_State *L)
{
    lua_newtable(L);
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
    }
    lua_pop(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, BASELINE_KEY);
}

/* Was the global at key -2 with value -1 there at the start? */
static bool in_baseline(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, BASELINE_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        return false;
    }
    lua_pushvalue(L, -3);
    lua_rawget(L, -2);
    bool same = lua_rawequal(L, -1, -3);
    lua_pop(L, 2);
    return same;
}

/* The type shown: "Frame" for lunette.Frame, else Lua's type name. */
static const char *type_name(lua_State *L, int idx, char *buf, size_t cap)
{
    int t = luaL_getmetafield(L, idx, "__name");   /* pushes nothing for nil */
    if (t == LUA_TNIL)
        return luaL_typename(L, idx);
    const char *n = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (n)
        snprintf(buf, cap, "%s", strncmp(n, "lunette.", 8) == 0 ? n + 8 : n);
    lua_pop(L, 1);
    return n ? buf : luaL_typename(L, idx);
}

/* The __shape of the value at idx into shape (workspace.h): false when
 * it has none, it is not a C function, it fails or returns no string. */
static bool shape_of(lua_State *L, int idx, char *shape, size_t cap)
{
    idx = lua_absindex(L, idx);
    int t = luaL_getmetafield(L, idx, "__shape");   /* raw; pushes nothing for nil */
    if (t == LUA_TNIL)
        return false;
    if (!lua_iscfunction(L, -1)) {
        lua_pop(L, 1);
        return false;
    }
    lua_pushvalue(L, idx);
    bool got = lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING;
    if (got) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        /* cut at a character boundary */
        size_t n = len < cap - 1 ? len : cap - 1;
        while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(shape, s, n);
        shape[n] = '\0';
    }
    lua_pop(L, 1);
    return got;
}

/* The shape column and the memory of the value at idx. */
static void describe(lua_State *L, int idx, char *shape, size_t cap, size_t *bytes,
                     bool *viewable)
{
    *shape = '\0';
    *bytes = 0;
    *viewable = false;
    lt_frame **fs = luaL_testudata(L, idx, LT_FRAME_MT);
    lt_col **cs = fs ? NULL : luaL_testudata(L, idx, LT_COLUMN_MT);
    if (fs && *fs) {
        snprintf(shape, cap, "%lld x %d", (long long)(*fs)->nrow, (*fs)->ncol);
        *bytes = lt_frame_bytes(*fs);
        *viewable = true;
    } else if (cs && *cs) {
        snprintf(shape, cap, "%lld", (long long)(*cs)->n);
        *bytes = lt_col_bytes(*cs);
        *viewable = true;
    } else if (fs || cs) {
        snprintf(shape, cap, "closed");
    } else if (shape_of(L, idx, shape, cap)) {
        /* an object's own words */
    } else if (lua_isinteger(L, idx)) {
        snprintf(shape, cap, "%lld", (long long)lua_tointeger(L, idx));
    } else if (lua_type(L, idx) == LUA_TNUMBER) {
        snprintf(shape, cap, "%.6g", lua_tonumber(L, idx));   /* as R's print */
    } else if (lua_type(L, idx) == LUA_TBOOLEAN) {
        snprintf(shape, cap, "%s", lua_toboolean(L, idx) ? "true" : "false");
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        snprintf(shape, cap, "\"%.*s\"", (int)(len < 40 ? len : 40), s);
        *bytes = len;
    } else if (lua_type(L, idx) == LUA_TTABLE) {
        snprintf(shape, cap, "#%lld", (long long)lua_rawlen(L, idx));
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const lt_inspector_item *)a)->name, ((const lt_inspector_item *)b)->name);
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

int lt_workspace_scan(lua_State *L, lt_workspace *ws)
{
    ws->items = NULL;
    ws->n = 0;
    int cap = 0;
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        bool skip = lua_type(L, -2) != LUA_TSTRING || in_baseline(L) ||
                    strcmp(lua_tostring(L, -2), "_") == 0;
        if (!skip) {
            if (ws->n == cap) {
                cap = cap ? 2 * cap : 16;
                lt_inspector_item *p = realloc(ws->items, (size_t)cap * sizeof *p);
                if (!p) {
                    lua_pop(L, 3);
                    lt_workspace_fini(ws);
                    return -1;
                }
                ws->items = p;
            }
            char type[64], shape[64];
            lt_inspector_item *it = &ws->items[ws->n];
            memset(it, 0, sizeof *it);
            describe(L, -1, shape, sizeof shape, &it->bytes, &it->viewable);
            it->name = dup(lua_tostring(L, -2));
            it->type = dup(type_name(L, -1, type, sizeof type));
            it->shape = dup(shape);
            ws->n++;
            if (!it->name || !it->type || !it->shape) {
                lua_pop(L, 3);
                lt_workspace_fini(ws);
                return -1;
            }
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (ws->n > 1)
        qsort(ws->items, (size_t)ws->n, sizeof *ws->items, by_name);
    return 0;
}

void lt_workspace_fini(lt_workspace *ws)
{
    for (int i = 0; i < ws->n; i++) {
        free((char *)ws->items[i].name);
        free((char *)ws->items[i].type);
        free((char *)ws->items[i].shape);
    }
    free(ws->items);
    ws->items = NULL;
    ws->n = 0;
}
