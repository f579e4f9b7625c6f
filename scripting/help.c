/* The help system: help() in Lua and lt_lua_help for the REPL's `?name`,
 * both reading the registration entries of help.h. */
#include "help.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <lauxlib.h>

#include "l_aux.h"
#include "lunette.h"

static int help(lua_State *L);

static const lt_lua_reg help_lib[] = {
    {"help", help, "help([topic])",
     "Show help on a function, method or group.\n"
     "Without a topic: the list of all topics, by group.",
     "topic   a lunette function or object (help(read_csv), help(df)), or a\n"
     "        name: \"read_csv\", \"Frame:head\", \"head\", \"Columns\"",
     "help()\nhelp(read_csv)\nhelp\"Frame:head\"\nhelp\"Columns\""},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_group lt_lua_groups[] = {
    {"Frames", NULL, lt_lua_frame_lib},
    {"Frame methods", "Frame", lt_lua_frame_methods},
    {"Frame verbs", "Frame", lt_lua_verb_methods},
    {"Grouped frames", "GroupedFrame", lt_lua_grouped_methods},
    {"Columns", "Column", lt_lua_column_methods},
    {"Expressions", NULL, lt_lua_expr_lib},
    {"Expression functions", "Expr", lt_lua_fn_regs},
    {"CSV", NULL, lt_lua_csv_lib},
    {"Printing", NULL, lt_lua_repr_lib},
    {"Dates", NULL, lt_lua_date_lib},
    {"Joins", "Frame", lt_lua_join_methods},
    {"Reshaping", "Frame", lt_lua_reshape_methods},
    {"Cross tables", NULL, lt_lua_reshape_lib},
    {"Plots", NULL, lt_lua_plot_lib},
    {"Figure methods", "Figure", lt_lua_figure_methods},
    {"Evaluation", NULL, lt_lua_evaluate_lib},
    {"Evaluation methods", "Evaluation", lt_lua_evaluation_methods},
    {"Confusion methods", "Confusion", lt_lua_confusion_methods},
    {"Curve methods", "Curve", lt_lua_curve_methods},
    {"Comparison methods", "Comparison", lt_lua_comparison_methods},
    {"Workbench", NULL, lt_lua_view_lib},
    {"Sessions", NULL, lt_lua_session_lib},
    {"Session methods", "Session", lt_lua_session_methods},
    {"Resampling", NULL, lt_lua_folds_lib},
    {"Data drift", NULL, lt_lua_drift_lib},
    {"Drift methods", "Drift", lt_lua_drift_methods},
    {"DriftColumn fields", "DriftColumn", lt_lua_driftcol_methods},
    {"DriftSeries methods", "DriftSeries", lt_lua_driftseries_methods},
    {"Help", NULL, help_lib},
    {NULL, NULL, NULL},
};

/* __call of a library table such as plot: its function, called without
 * the table, so that argument numbers are the caller's. */
static int call_table(lua_State *L)
{
    lua_remove(L, 1);
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* __index of a library table: a misspelt field raises with a suggestion. */
static int index_table(lua_State *L)
{
    const char *prefix = lua_tostring(L, lua_upvalueindex(1));
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    enum { MAXF = 64 };
    const char *fields[MAXF];
    size_t n = 0;
    lua_pushnil(L);
    while (n < MAXF && lua_next(L, 1)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING)
            fields[n++] = lua_tostring(L, -1);   /* the table keeps it */
    }
    const char *near = lt_lua_suggest(key, fields, n);
    if (near)
        return luaL_error(L, "%s: no function '%s' (did you mean '%s'?)", prefix, key, near);
    return luaL_error(L, "%s: no function '%s'", prefix, key);
}

/* The table t[prefix] (t at index t), made when absent, pushed; a
 * function already there becomes its __call. */
static void push_subtable(lua_State *L, int t, const char *prefix)
{
    int type = lua_getfield(L, t, prefix);
    if (type == LUA_TTABLE)
        return;
    lua_newtable(L);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, prefix);
    lua_pushcclosure(L, index_table, 1);
    lua_setfield(L, -2, "__index");
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, -3);
        lua_pushcclosure(L, call_table, 1);
        lua_setfield(L, -2, "__call");
    }
    lua_setmetatable(L, -2);
    lua_remove(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, t, prefix);
}

void lt_lua_setfuncs(lua_State *L, const lt_lua_reg *regs)
{
    for (; regs->name; regs++) {
        if (!regs->fn)
            continue;
        const char *dot = strchr(regs->name, '.');
        if (dot) {   /* "plot.hist": field hist of the table plot */
            int t = lua_gettop(L);
            lua_pushlstring(L, regs->name, (size_t)(dot - regs->name));
            push_subtable(L, t, lua_tostring(L, -1));
            lua_pushcfunction(L, regs->fn);
            lua_setfield(L, -2, dot + 1);
            lua_pop(L, 2);
        } else if (lua_getfield(L, -1, regs->name) == LUA_TTABLE) {
            /* the table of its dotted entries exists: fn is its __call */
            lua_getmetatable(L, -1);
            lua_pushcfunction(L, regs->fn);
            lua_pushcclosure(L, call_table, 1);
            lua_setfield(L, -2, "__call");
            lua_pop(L, 2);
        } else {
            lua_pop(L, 1);
            lua_pushcfunction(L, regs->fn);
            lua_setfield(L, -2, regs->name);
        }
    }
}

/* ---- output (all of it is built in an lt_sbuf, then handed over) ------ */

/* Lines of `text`, each after `indent` spaces. */
static void sb_indented(lt_sbuf *b, const char *text, int indent)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        int n = nl ? (int)(nl - text) : (int)strlen(text);
        lt_sbuf_printf(b, "%*s%.*s\n", indent, "", n, text);
        text += n + (nl != NULL);
    }
}

/* ---- formatting --------------------------------------------------------- */

static void format_entry(lt_sbuf *b, const lt_lua_reg *r)
{
    if (b->len)
        lt_sbuf_printf(b, "\n");
    lt_sbuf_printf(b, "%s\n", r->sig);
    sb_indented(b, r->summary, 2);
    if (r->options) {
        lt_sbuf_printf(b, "Options:\n");
        sb_indented(b, r->options, 2);
    }
    lt_sbuf_printf(b, "Example:\n");
    sb_indented(b, r->example, 2);
}

enum { SIG_COLUMN = 30 };

static void format_group(lt_sbuf *b, const lt_lua_group *g)
{
    lt_sbuf_printf(b, "%s%s\n", b->len ? "\n" : "", g->title);
    for (const lt_lua_reg *r = g->regs; r->name; r++) {
        int n = (int)strcspn(r->summary, "\n");
        if ((int)strlen(r->sig) <= SIG_COLUMN)
            lt_sbuf_printf(b, "  %-*s %.*s\n", SIG_COLUMN, r->sig, n, r->summary);
        else
            lt_sbuf_printf(b, "  %s\n  %*s %.*s\n", r->sig, SIG_COLUMN, "", n, r->summary);
    }
}

static void format_overview(lt_sbuf *b)
{
    lt_sbuf_printf(b, "lunette help: help(fn), help\"name\" or help\"Frame:head\" for a topic,\n"
                 "help\"Columns\" for a group.\n");
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++)
        format_group(b, g);
}

/* ---- lookup ------------------------------------------------------------- */

/* The group whose title or type is `name` (case-insensitive), or NULL. */
static const lt_lua_group *find_group(const char *name, size_t len)
{
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        if ((strlen(g->title) == len && strncasecmp(g->title, name, len) == 0) ||
            (g->type && strlen(g->type) == len && strncasecmp(g->type, name, len) == 0))
            return g;
    }
    return NULL;
}

/* The method group named by a "df"/"c" alias or a type name, or NULL. */
static const lt_lua_group *find_type(const char *name, size_t len)
{
    if (len == 2 && strncmp(name, "df", 2) == 0)
        name = "Frame", len = 5;
    else if (len == 1 && name[0] == 'c')
        name = "Column", len = 6;
    else if (len == 3 && strncmp(name, "fig", 3) == 0)
        name = "Figure", len = 6;
    /* a type first: the group "Evaluation" lists functions, the type
     * "Evaluation" has the methods */
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++)
        if (g->type && strlen(g->type) == len && strncasecmp(g->type, name, len) == 0)
            return g;
    const lt_lua_group *g = find_group(name, len);
    return g && g->type ? g : NULL;
}

/* Append every entry named `name` in groups of the given kind (library
 * fields when methods is false); returns how many. */
static int format_named(lt_sbuf *b, const char *name, bool methods)
{
    int found = 0;
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        if ((g->type != NULL) != methods)
            continue;
        for (const lt_lua_reg *r = g->regs; r->name; r++) {
            if (strcmp(r->name, name) == 0) {
                format_entry(b, r);
                found++;
            }
        }
    }
    return found;
}

/* Append the library entries of dotted names that end in "." + name
 * ("hist" finds plot.hist); returns how many. */
static int format_suffix(lt_sbuf *b, const char *name)
{
    int found = 0;
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        for (const lt_lua_reg *r = g->regs; !g->type && r->name; r++) {
            const char *dot = strrchr(r->name, '.');
            if (dot && strcmp(dot + 1, name) == 0) {
                format_entry(b, r);
                found++;
            }
        }
    }
    return found;
}

/* Every name help accepts, for suggestions: a NULL-terminated malloc'd
 * array of malloc'd strings, or NULL. */
static char **topic_names(size_t *n)
{
    size_t cap = 0;
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        cap += 1;
        for (const lt_lua_reg *r = g->regs; r->name; r++)
            cap += 2;
    }
    char **names = calloc(cap + 1, sizeof *names);
    if (!names)
        return NULL;
    size_t k = 0;
    bool oom = false;
    for (const lt_lua_group *g = lt_lua_groups; g->title; g++) {
        oom |= !(names[k++] = strdup(g->title));
        for (const lt_lua_reg *r = g->regs; r->name; r++) {
            oom |= !(names[k++] = strdup(r->name));
            if (g->type) {
                size_t len = strlen(g->type) + strlen(r->name) + 2;
                char *s = names[k++] = malloc(len);
                if (s)
                    snprintf(s, len, "%s:%s", g->type, r->name);
                oom |= !s;
            }
        }
    }
    *n = k;
    if (oom) {
        for (size_t i = 0; i < k; i++)
            free(names[i]);
        free(names);
        return NULL;
    }
    return names;
}

static char *suggestion(const char *topic)
{
    size_t n;
    char **names = topic_names(&n);
    if (!names)
        return NULL;
    const char *best = lt_lua_suggest(topic, (const char *const *)names, n);
    char *line = NULL;
    if (best) {
        size_t len = strlen(best) + 20;
        line = malloc(len);
        if (line)
            snprintf(line, len, "did you mean '%s'?", best);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return line;
}

char *lt_lua_help(lua_State *L, const char *topic, char **suggest)
{
    (void)L;
    if (suggest)
        *suggest = NULL;
    lt_sbuf b = {0};
    /* "head()" and " head " mean "head". */
    while (topic && (*topic == ' ' || *topic == '\t'))
        topic++;
    size_t len = topic ? strlen(topic) : 0;
    while (len && (topic[len - 1] == ' ' || topic[len - 1] == '\t'))
        len--;
    if (len >= 2 && topic[len - 2] == '(' && topic[len - 1] == ')')
        len -= 2;
    if (len == 0) {
        format_overview(&b);
        return lt_sbuf_take(&b);
    }
    char name[128];
    if (len >= sizeof name)
        return NULL;
    memcpy(name, topic, len);
    name[len] = '\0';

    const char *sep = strpbrk(name, ":.");
    if (sep && *sep == '.' && format_named(&b, name, false))
        return lt_sbuf_take(&b);   /* a field of a library table: plot.hist */
    if (sep) {
        /* The methods of a type may come from several groups. */
        const lt_lua_group *t = find_type(name, (size_t)(sep - name));
        for (const lt_lua_group *g = lt_lua_groups; t && g->title; g++) {
            if (!g->type || strcmp(g->type, t->type) != 0)
                continue;
            for (const lt_lua_reg *r = g->regs; r->name; r++) {
                if (strcmp(r->name, sep + 1) == 0) {
                    format_entry(&b, r);
                    return lt_sbuf_take(&b);
                }
            }
        }
    } else if (format_named(&b, name, false)) {
        return lt_sbuf_take(&b);
    } else {
        const lt_lua_group *g = find_group(name, len), *ty = find_type(name, len);
        if (ty && strcasecmp(ty->type, name) == 0) {
            /* A type name: every group of its methods, after the group
             * of functions titled so ("Evaluation": evaluate, compare). */
            if (g && !g->type)
                format_group(&b, g);
            for (const lt_lua_group *h = lt_lua_groups; h->title; h++)
                if (h->type && strcmp(h->type, ty->type) == 0)
                    format_group(&b, h);
        } else if (g) {
            format_group(&b, g);
        } else {
            format_named(&b, name, true);
            format_suffix(&b, name);
        }
        if (b.len || b.oom)
            return lt_sbuf_take(&b);
    }
    free(b.s);
    if (suggest)
        *suggest = suggestion(name);
    return NULL;
}

/* ---- help() in Lua ------------------------------------------------------ */

/* Help on a value: a lunette function (every entry registered with it),
 * an object (its group), or the NA sentinel.  Returns the malloc'd text or
 * NULL with *known false when the value is not lunette's. */
static char *help_value(lua_State *L, int idx, bool *known)
{
    lt_sbuf b = {0};
    *known = true;
    if (lua_iscfunction(L, idx)) {
        lua_CFunction fn = lua_tocfunction(L, idx);
        for (const lt_lua_group *g = lt_lua_groups; g->title; g++)
            for (const lt_lua_reg *r = g->regs; r->name; r++)
                if (r->fn == fn)
                    format_entry(&b, r);
        if (b.len || b.oom)
            return lt_sbuf_take(&b);
    } else if (luaL_testudata(L, idx, LT_FRAME_MT)) {
        return lt_lua_help(L, "Frame", NULL);
    } else if (luaL_testudata(L, idx, LT_COLUMN_MT)) {
        return lt_lua_help(L, "Column", NULL);
    } else if (luaL_testudata(L, idx, LT_SELECTOR_MT)) {
        format_named(&b, "numeric", false);
        format_named(&b, "nominal", false);
        return lt_sbuf_take(&b);
    } else if (lt_lua_isna(L, idx)) {
        return lt_lua_help(L, "NA", NULL);
    } else if (lua_istable(L, idx)) {
        /* A table of the library (plot): help on its name. */
        idx = lua_absindex(L, idx);
        int top = lua_gettop(L);
        char *text = NULL;
        luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
        if (lua_getfield(L, -1, "lunette") == LUA_TTABLE) {
            lua_pushnil(L);
            while (!text && lua_next(L, -2)) {
                if (lua_type(L, -2) == LUA_TSTRING && lua_rawequal(L, -1, idx))
                    text = lt_lua_help(L, lua_tostring(L, -2), NULL);
                lua_pop(L, 1);
            }
        }
        lua_settop(L, top);
        if (text) {
            free(b.s);
            return text;
        }
    } else if (lua_type(L, idx) == LUA_TUSERDATA) {
        /* Any other lunette object: the methods of its type. */
        char *text = NULL;
        int t = luaL_getmetafield(L, idx, "__name");
        if (t == LUA_TSTRING) {
            const char *tname = lua_tostring(L, -1);
            if (strncmp(tname, "lunette.", 8) == 0 && find_type(tname + 8, strlen(tname + 8)))
                text = lt_lua_help(L, tname + 8, NULL);
        }
        if (t != LUA_TNIL)
            lua_pop(L, 1);
        if (text) {
            free(b.s);
            return text;
        }
    }
    free(b.s);
    *known = false;
    return NULL;
}

/* help([topic]): prints through the global `print`, so that a host that
 * redirects print (the TUI console) shows it too. */
static int help(lua_State *L)
{
    lua_settop(L, 1);
    void **text = lt_lua_newbox(L);
    if (lua_type(L, 1) == LUA_TSTRING || lua_isnil(L, 1)) {
        const char *topic = lua_tostring(L, 1);
        void **sugg = lt_lua_newbox(L);
        *text = lt_lua_help(L, topic, (char **)sugg);
        if (!*text && topic && *sugg)
            return luaL_error(L, "help: no topic '%s' (%s)", topic, (char *)*sugg);
        if (!*text && topic)
            return luaL_error(L, "help: no topic '%s'", topic);
        lua_pop(L, 1);
    } else {
        bool known;
        *text = help_value(L, 1, &known);
        if (!known)
            return luaL_argerror(L, 1, lua_pushfstring(L,
                "a lunette function or object, or a topic name expected, got %s",
                lt_lua_typename(L, 1)));
    }
    lt_lua_pushboxed(L, text, "help");
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    if (len && s[len - 1] == '\n')
        lua_pushlstring(L, s, len - 1);
    else
        lua_pushvalue(L, -1);
    lt_lua_print_top(L);
    return 0;
}
