/* The workspace the inspector lists (app/workspace.h), from a lua_State
 * with the library's globals: the user's globals only, sorted, and the
 * shape of each, the objects' own through their __shape (Drift,
 * DriftColumn, DriftSeries, the evaluation objects), a closed one's
 * "closed", and no __shape of the user's run. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lunette.h"
#include "tap.h"
#include "workspace.h"

static bool run(lua_State *L, const char *code)
{
    bool good = luaL_dostring(L, code) == LUA_OK;
    if (!good)
        printf("#   %s\n", lua_tostring(L, -1));
    lua_settop(L, 0);
    return good;
}

/* The item named `name` of ws, or NULL. */
static const lt_inspector_item *item(const lt_workspace *ws, const char *name)
{
    for (int i = 0; i < ws->n; i++)
        if (strcmp(ws->items[i].name, name) == 0)
            return &ws->items[i];
    return NULL;
}

/* The shape of `name` is `want` (and its type `type`). */
static void shape_is(const lt_workspace *ws, const char *name, const char *type,
                     const char *want)
{
    const lt_inspector_item *it = item(ws, name);
    if (!ok(it && strcmp(it->type, type) == 0 && strcmp(it->shape, want) == 0,
            "%s: %s, \"%s\"", name, type, want))
        printf("#   got %s, \"%s\"\n", it ? it->type : "(none)", it ? it->shape : "");
}

int main(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lt_lua_install_globals(L);
    lt_workspace_baseline(L);
    /* x drifts (shifted by 10), g does not; t makes five windows of 20. */
    bool made = run(L,
        "local t, x, g = {}, {}, {}\n"
        "for i = 1, 80 do t[i] = i; x[i] = i % 10 + (i > 40 and 10 or 0);"
        " g[i] = i % 2 == 0 and 'a' or 'b' end\n"
        "df = frame{ t = t, x = x, g = g }\n"
        "d = drift(df:filter't <= 40':drop('t'), df:filter't > 40':drop('t'))\n"
        "c = d:column('x')\n"
        "cg = d:column('g')\n"
        "w = drift_over_time(df, 't', { every = 20, reference = 'previous' })\n"
        "local e = frame{ y = { 'y', 'n', 'y', 'n', 'y', 'n', 'y', 'y' },"
        " p = { 0.9, 0.2, 0.7, 0.4, 0.3, 0.1, 0.8, 0.6 } }\n"
        "ev = evaluate(e.y, e.p)\n"
        "cm = ev:confusion()\n"
        "roc = ev:roc()\n"
        "ci = ev:ci()\n"
        "local k = frame{ t = { 'a', 'b', 'c', 'a' }, p = { 'a', 'b', 'b', 'a' } }\n"
        "m3 = evaluate(k.t, k.p)\n"
        "both = compare(ev, ev:threshold(0.3))\n"
        "closed = drift(df:filter't <= 40':drop('t'), df:filter't > 40':drop('t'))\n"
        "do local z <close> = closed end\n"
        "lua_shape = setmetatable({}, { __shape = function() return 'ran' end })\n"
        "failing = setmetatable({ 1 }, { __shape = error })\n"
        "numbered = setmetatable({ 1, 2 }, { __shape = rawlen })\n"
        "long = setmetatable({ [string.rep('\\xC3\\xA9', 40)] = 1 }, { __shape = next })\n");
    ok(made, "the objects are made");
    lt_workspace ws;
    if (!ok(lt_workspace_scan(L, &ws) == 0, "scanned"))
        return tap_done();
    ok(item(&ws, "drift") == NULL && item(&ws, "print") == NULL, "the library's globals left out");
    shape_is(&ws, "df", "Frame", "80 x 3");
    shape_is(&ws, "d", "Drift", "2 cols, 1 drifted");
    shape_is(&ws, "c", "DriftColumn", "x: drifted");
    shape_is(&ws, "cg", "DriftColumn", "g: not drifted");
    shape_is(&ws, "w", "DriftSeries", "5 windows");
    shape_is(&ws, "ev", "Evaluation", "binary, 8 rows");
    shape_is(&ws, "m3", "Evaluation", "3 classes, 4 rows");
    shape_is(&ws, "cm", "Confusion", "2 x 2");
    const lt_inspector_item *r = item(&ws, "roc");
    ok(r && strncmp(r->shape, "roc, ", 5) == 0 && strstr(r->shape, " points"),
       "roc: \"roc, n points\" (%s)", r ? r->shape : "");
    r = item(&ws, "ci");
    ok(r && strcmp(r->type, "Interval") == 0 && strncmp(r->shape, "AUC 0.", 6) == 0,
       "ci: \"AUC lo-hi\" (%s)", r ? r->shape : "");
    shape_is(&ws, "both", "Comparison", "2 evaluations");
    shape_is(&ws, "closed", "Drift", "closed");
    shape_is(&ws, "lua_shape", "table", "#0");
    shape_is(&ws, "failing", "table", "#1");
    shape_is(&ws, "numbered", "table", "#2");
    r = item(&ws, "long");
    ok(r && strlen(r->shape) == 62 && strncmp(r->shape, "\xC3\xA9\xC3\xA9", 4) == 0,
       "a long shape cut to 63 bytes at a character boundary (%zu bytes)",
       r ? strlen(r->shape) : 0);
    bool sorted = true;
    for (int i = 1; i < ws.n; i++)
        sorted = sorted && strcmp(ws.items[i - 1].name, ws.items[i].name) < 0;
    ok(sorted, "sorted by name");
    lua_getglobal(L, "lua_shape");
    ok(lua_gettop(L) == 1, "the scan leaves the stack as it was");
    lua_settop(L, 0);
    lt_workspace_fini(&ws);
    lua_close(L);
    return tap_done();
}
