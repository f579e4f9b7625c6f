/* view(x [, opts]): hands a frame to the host's viewer (the workbench's
 * grid) with the Lua expression that names it, or prints it as the REPL
 * would when there is no viewer, so that a saved session replays as a
 * script.  Also lt_lua_set_viewer of lunette.h. */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "help.h"
#include "l_aux.h"
#include "lunette.h"

#define VIEWER_KEY "lunette.viewer"

/* The host's viewer, a full userdata in the registry (a function pointer
 * does not fit in a light userdata portably). */
typedef struct viewer_rec {
    lt_viewer fn;
    void *ud;
} viewer_rec;

void lt_lua_set_viewer(lua_State *L, lt_viewer viewer, void *ud)
{
    if (viewer) {
        viewer_rec *v = lua_newuserdatauv(L, sizeof *v, 0);
        v->fn = viewer;
        v->ud = ud;
    } else {
        lua_pushnil(L);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, VIEWER_KEY);
}

/* Does global name a sort before b as the name to show?  "_" (the REPL's
 * last value, which the next command replaces) comes after every other
 * name; otherwise byte order, for a choice that does not depend on the
 * order of the globals table. */
static bool better_name(const char *a, const char *b)
{
    if (!b)
        return true;
    bool au = strcmp(a, "_") == 0, bu = strcmp(b, "_") == 0;
    if (au != bu)
        return bu;
    return strcmp(a, b) < 0;
}

/* The best global name (see better_name) whose value satisfies match(L,
 * value index, arg), or NULL.  The string is a key of _G, which keeps it
 * while _G is not changed.  Stack: unchanged. */
static const char *find_global(lua_State *L, bool (*match)(lua_State *, int, const void *),
                               const void *arg)
{
    const char *best = NULL;
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        size_t len;
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &len) : NULL;
        if (k && lt_lua_isident(k, len) && match(L, lua_gettop(L), arg) &&
            better_name(k, best))
            best = k;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return best;
}

/* match: the value is the very value at index *(int *)arg. */
static bool same_value(lua_State *L, int idx, const void *arg)
{
    return lua_rawequal(L, idx, *(const int *)arg);
}

/* match: an open frame whose column `name` is the column c. */
typedef struct col_of {
    const char *name;
    const lt_col *col;
} col_of;

static bool frame_holding(lua_State *L, int idx, const void *arg)
{
    const col_of *co = arg;
    lt_frame **slot = luaL_testudata(L, idx, LT_FRAME_MT);
    if (!slot || !*slot)
        return false;
    int i = lt_frame_index(*slot, co->name);
    return i >= 0 && (*slot)->cols[i] == co->col;
}

/* Push s as a Lua string literal. */
static void push_quoted(lua_State *L, const char *s)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            luaL_addchar(&b, '\\');
            luaL_addchar(&b, (char)*p);
        } else if (*p < 32 || *p == 127) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\%03d", *p);
            luaL_addstring(&b, esc);
        } else {
            luaL_addchar(&b, (char)*p);
        }
    }
    luaL_addchar(&b, '"');
    luaL_pushresult(&b);
}

/* The Column at 1 as a one-column frame, pushed (owned by the stack),
 * then the expression that makes that frame, pushed:
 * frame{ tenure = t } for a global t holding the column, churn:select
 * ("tenure") for the column of a global frame, else "df".  The column is
 * named after the frame column it came from, else after its global, else
 * "value". */
static lt_frame *column_frame(lua_State *L, const char *fname)
{
    lt_col *c = lt_lua_checkcol(L, 1);
    const char *colname = lt_lua_colname(L, 1);
    int one = 1;
    const char *global = find_global(L, same_value, &one);
    const char *name = colname ? colname : global ? global : "value";

    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *f = *slot = lt_frame_new();
    lt_lua_result(L, f, fname);
    if (lt_frame_add(f, name, c) < 0)
        lt_lua_error(L, fname);

    const char *owner = NULL;
    if (!global && colname)
        owner = find_global(L, frame_holding, &(col_of){colname, c});
    if (global && lt_lua_isident(name, strlen(name))) {
        lua_pushfstring(L, "frame{ %s = %s }", name, global);
    } else if (global) {
        push_quoted(L, name);
        lua_pushfstring(L, "frame{ { %s, %s } }", lua_tostring(L, -1), global);
        lua_remove(L, -2);
    } else if (owner) {
        push_quoted(L, colname);
        lua_pushfstring(L, "%s:select(%s)", owner, lua_tostring(L, -1));
        lua_remove(L, -2);
    } else {
        lua_pushliteral(L, "df");
    }
    return f;
}

/* view(x [, opts]) -> nothing. */
static int view(lua_State *L)
{
    static const char *const known[] = {"name", NULL};
    const char *fname = "view";
    bool isframe = luaL_testudata(L, 1, LT_FRAME_MT) != NULL;
    if (!isframe && !luaL_testudata(L, 1, LT_COLUMN_MT))
        return luaL_argerror(L, 1, lua_pushfstring(L, "Frame or Column expected, got %s",
                                                   lua_isnone(L, 1) ? "no value"
                                                                    : lt_lua_typename(L, 1)));
    lua_settop(L, 2);
    lt_lua_checkopts(L, 2, known);
    const char *name = lt_lua_optstr(L, 2, "name", NULL);
    luaL_argcheck(L, !name || name[strspn(name, " \t\r\n")], 2,
                  "option 'name': an expression expected, got an empty string");

    lt_frame *f;
    if (isframe) {
        f = lt_lua_checkframe(L, 1);
        lua_pushvalue(L, 1);
        int one = 1;
        const char *global = find_global(L, same_value, &one);
        lua_pushstring(L, global ? global : "df");
    } else {
        f = column_frame(L, fname);
    }
    /* Stack: x, opts, frame, expression. */
    if (name) {
        lua_pushstring(L, name);
        lua_replace(L, 4);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, VIEWER_KEY);
    const viewer_rec *v = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (v) {
        if (v->fn(v->ud, f, lua_tostring(L, 4)) < 0)
            return lt_lua_error(L, fname);
        return 0;
    }
    lt_lua_repr(L, 3);
    lt_lua_print_top(L);
    return 0;
}

const lt_lua_reg lt_lua_view_lib[] = {
    {"view", view, "view(x [, opts])", "Open a frame in the grid of the workbench.\n"
     "x is a Frame, or a Column (shown as a frame of that one column).  In the\n"
     "grid, sorts and filters are recorded in the session as the Lua of the\n"
     "global that holds x (alphabetically first when several do; \"df\" when\n"
     "none does).  Outside the workbench (the line REPL, scripts) view prints x\n"
     "as the REPL prints a frame, so a saved session replays as a script.",
     "name = nil   the Lua expression for x in the recorded actions, for a\n"
     "             value no global holds (a local, a table field)",
     "view(churn)\nview(churn.contract)\nview(data.train, { name = \"data.train\" })"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
