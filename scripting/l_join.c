/* Lua bindings of joins and distinct rows (core/join.h, core/group.h):
 * the Frame methods join and distinct. */
#include <stdint.h>
#include <string.h>

#include "group.h"
#include "help.h"
#include "join.h"
#include "l_aux.h"

/* Key names from option `key` of the options table at arg: a string or an
 * array of strings.  Returns how many (0 when absent); the names are
 * stored in a stack-owned array (*out) and stay valid as long as the
 * options table does. */
static int key_names(lua_State *L, int arg, const char *key, const char ***out)
{
    int t = lt_lua_optfield(L, arg, key);
    int n = 0;
    if (t == LUA_TSTRING) {
        const char **names = lt_lua_buffer(L, 1, sizeof *names);
        names[0] = lua_tostring(L, -2);
        *out = names;
        n = 1;
    } else if (t == LUA_TTABLE) {
        lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
        if (len == 0 || len > INT32_MAX)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': a non-empty array of "
                                                  "column names expected", key));
        const char **names = lt_lua_buffer(L, (size_t)len, sizeof *names);
        for (lua_Integer i = 1; i <= len; i++) {
            if (lua_rawgeti(L, -2, i) != LUA_TSTRING)
                luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': entry %I is %s, "
                                                      "expected a column name", key, i,
                                                      lt_lua_typename(L, -1)));
            names[i - 1] = lua_tostring(L, -1);   /* the array holds the string */
            lua_pop(L, 1);
        }
        *out = names;
        n = (int)len;
    } else if (t != LUA_TNIL) {
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': column name or array of "
                                              "names expected, got %s", key,
                                              lt_lua_typename(L, -1)));
    }
    /* Keep the buffer, drop the field value (the options table holds it). */
    if (n > 0)
        lua_remove(L, -2);
    else
        lua_pop(L, 1);
    return n;
}

static const char *const how_names[] = { "inner", "left", "right", "full", "semi", "anti",
                                         "outer", NULL };

/* df:join(other [, opts]) */
static int frame_join(lua_State *L)
{
    static const char *const known[] = { "on", "left_on", "right_on", "how", "suffix", NULL };
    const lt_frame *l = lt_lua_checkframe(L, 1);
    const lt_frame *r = lt_lua_checkframe(L, 2);
    lt_lua_checkopts(L, 3, known);
    lua_settop(L, 3);

    const char *hs = lt_lua_optstr(L, 3, "how", "inner");
    int how = 0;
    while (how_names[how] && strcmp(how_names[how], hs) != 0)
        how++;
    if (!how_names[how]) {
        const char *s = lt_lua_suggest(hs, how_names, 7);
        return luaL_argerror(L, 3, s
            ? lua_pushfstring(L, "option 'how': unknown join '%s'; did you mean '%s'?", hs, s)
            : lua_pushfstring(L, "option 'how': unknown join '%s' (expected inner, left, "
                              "right, full, semi or anti)", hs));
    }
    if (how == 6)
        how = LT_JOIN_FULL;   /* pandas' name */

    const char *suffix[2] = { "_x", "_y" };
    int t = lt_lua_optfield(L, 3, "suffix");
    if (t != LUA_TNIL) {
        bool good = t == LUA_TTABLE && lua_rawlen(L, -1) == 2;
        for (int k = 0; good && k < 2; k++) {
            good = lua_rawgeti(L, -1, k + 1) == LUA_TSTRING;
            suffix[k] = lua_tostring(L, -1);   /* the table holds the string */
            lua_pop(L, 1);
        }
        if (!good)
            luaL_argerror(L, 3, "option 'suffix': two strings expected, as { \"_x\", \"_y\" }");
    }
    lua_pop(L, 1);

    const char **on = NULL, **lon = NULL, **ron = NULL;
    int non = key_names(L, 3, "on", &on);
    int nl = key_names(L, 3, "left_on", &lon);
    int nr = key_names(L, 3, "right_on", &ron);
    if (non > 0 && (nl > 0 || nr > 0))
        return luaL_argerror(L, 3, "give either 'on' or 'left_on' and 'right_on', not both");
    if ((nl > 0) != (nr > 0))
        return luaL_argerror(L, 3, nl > 0 ? "'left_on' needs 'right_on'" : "'right_on' needs 'left_on'");
    if (nl != nr)
        return luaL_argerror(L, 3, lua_pushfstring(L, "'left_on' names %d keys and 'right_on' %d",
                                                   nl, nr));
    if (non > 0) {
        lon = ron = on;
        nl = non;
    } else if (nl == 0) {
        /* No keys given: the columns both frames have, as pandas does. */
        lon = lt_lua_buffer(L, (size_t)l->ncol + 1, sizeof *lon);
        for (int i = 0; i < l->ncol; i++)
            if (lt_frame_index(r, l->names[i]) >= 0)
                lon[nl++] = l->names[i];
        if (nl == 0)
            return luaL_error(L, "join: the frames have no column in common; give the keys "
                              "with on = or left_on = and right_on =");
        ron = lon;
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_join(l, r, lon, ron, nl, (lt_join_how)how, suffix[0], suffix[1]);
    return lt_lua_result(L, *slot, "join");
}

/* Mark the column named by the string at idx (argument arg). */
static void mark_name(lua_State *L, int arg, int idx, const lt_frame *f, uint8_t *mark,
                      int *cols, int *n)
{
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_argerror(L, arg, lua_pushfstring(L, "column name expected, got %s",
                                              lt_lua_typename(L, idx)));
    int i = lt_lua_colindex(L, f, lua_tostring(L, idx), "distinct");
    if (!mark[i]) {
        mark[i] = 1;
        cols[(*n)++] = i;
    }
}

/* df:distinct(...): names or arrays of names; none means all columns. */
static int frame_distinct(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    int top = lua_gettop(L);
    uint8_t *mark = lt_lua_buffer(L, (size_t)f->ncol + 1, 1);
    int *cols = lt_lua_buffer(L, (size_t)f->ncol + 1, sizeof *cols);
    memset(mark, 0, (size_t)f->ncol + 1);
    int n = 0;
    for (int arg = 2; arg <= top; arg++) {
        if (!lua_istable(L, arg)) {
            mark_name(L, arg, arg, f, mark, cols, &n);
            continue;
        }
        lua_Integer len = (lua_Integer)lua_rawlen(L, arg);
        for (lua_Integer k = 1; k <= len; k++) {
            lua_rawgeti(L, arg, k);
            mark_name(L, arg, lua_gettop(L), f, mark, cols, &n);
            lua_pop(L, 1);
        }
    }
    if (top >= 2 && n == 0)
        return luaL_argerror(L, 2, "column names expected, got an empty array");
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_distinct(f, cols, n);
    return lt_lua_result(L, *slot, "distinct");
}

const lt_lua_reg lt_lua_join_methods[] = {
    {"join", frame_join, "df:join(other [, opts])", "Join two frames on key columns.\n"
     "A hash join; rows whose keys are equal match, every pair of them when keys\n"
     "repeat on both sides.  Missing keys match missing keys (as in pandas, dplyr\n"
     "and data.table): drop them first with filter if they should not.  Keys must\n"
     "have one type on both sides (i64 and f64 do not mix); strings match by text.\n"
     "Rows, as pandas' merge: inner and left keep the left row order (each row with\n"
     "its matches in right order; left keeps unmatched rows too), right the right\n"
     "row order, full sorts by the keys (missing last); semi / anti keep the left\n"
     "rows with / without a match, left columns only.\n"
     "Columns: df's in order, then other's; a right key of the same name as its\n"
     "left key is merged into it (right values for right joins, either side for\n"
     "full joins); keys of different names are both kept.  Other names on both\n"
     "sides get the suffixes.",
     "on = common columns      key name or array of names, the same in both frames\n"
     "left_on, right_on        key names of df and of other, in pairs\n"
     "how = \"inner\"            \"inner\", \"left\", \"right\", \"full\" (or \"outer\"),\n"
     "                         \"semi\", \"anti\"\n"
     "suffix = { \"_x\", \"_y\" }  appended to other names found on both sides",
     "plans = frame{ contract = { \"Month-to-month\", \"One year\", \"Two year\" },\n"
     "               months = { 1, 12, 24 } }\n"
     "churn:join(plans, { on = \"contract\", how = \"left\" })\n"
     "orders:join(customers, { on = \"customer_id\", how = \"left\" })\n"
     "a:join(b, { left_on = \"id\", right_on = \"key\", how = \"anti\" })"},
    {"distinct", frame_distinct, "df:distinct(...)", "The first row of each distinct tuple.\n"
     "Arguments are column names or arrays of names; none means all columns.\n"
     "All columns are kept, rows in order of first appearance (pandas'\n"
     "drop_duplicates, dplyr's distinct with .keep_all).  Missing values equal\n"
     "each other; -0.0 equals 0.0.",
     NULL,
     "churn:distinct(\"contract\")\n"
     "churn:distinct(\"contract\", \"payment_method\")\n"
     "#churn:distinct()   -- rows without duplicates"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
