/* luaopen_lunette: assembles the library table and the metatables from
 * the registration entries of the binding modules (help.h), and the
 * host-facing settings of lunette.h. */
#include "lunette.h"

#include <gsl/gsl_errno.h>
#include <lauxlib.h>

#include "help.h"
#include "l_aux.h"

int luaopen_lunette(lua_State *L)
{
    /* GSL's default handler aborts the process; the kernels check the
     * status codes instead (for the host and for stock lua5.4 alike). */
    gsl_set_error_handler_off();
    lt_lua_open_column(L);
    lt_lua_open_frame(L);
    lt_lua_open_expr(L);
    lt_lua_open_verbs(L);
    lt_lua_open_plot(L);
    lt_lua_open_session(L);
    lt_lua_open_evaluate(L);
    lt_lua_open_drift(L);
    lua_newtable(L);
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        if (!g->type) {
            lt_lua_setfuncs(L, g->regs);
            continue;
        }
        lua_pushfstring(L, "lunette.%s", g->type);
        luaL_getmetatable(L, lua_tostring(L, -1));
        lua_getfield(L, -1, "__methods");
        lt_lua_setfuncs(L, g->regs);
        lua_pop(L, 3);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, LT_NA_KEY);
    lua_setfield(L, -2, "NA");
    lt_lua_push_session(L);
    lua_setfield(L, -2, "session");
    return 1;
}

/* Stack: lib, key, value -> setglobal pops the value, leaving the key for
 * lua_next. */
void lt_lua_install_globals(lua_State *L)
{
    luaL_requiref(L, "lunette", luaopen_lunette, 0);
    lua_pushnil(L);
    while (lua_next(L, -2))
        lua_setglobal(L, lua_tostring(L, -2));
    lua_pop(L, 1);
}

void lt_lua_set_progress(lua_State *L, lt_progress *p)
{
    lua_pushlightuserdata(L, p);
    lua_setfield(L, LUA_REGISTRYINDEX, LT_PROGRESS_KEY);
}

lt_progress *lt_lua_get_progress(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LT_PROGRESS_KEY);
    lt_progress *p = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return p;
}

void lt_lua_set_display(lua_State *L, int width, bool color)
{
    lua_pushinteger(L, width);
    lua_setfield(L, LUA_REGISTRYINDEX, LT_WIDTH_KEY);
    lua_pushboolean(L, color);
    lua_setfield(L, LUA_REGISTRYINDEX, LT_COLOR_KEY);
}
