/* Tab completion for the line REPL.
 *
 * readline hands us the word before the cursor (word breaks are Lua's
 * operators and brackets, so `a.b.c` and `df:me` arrive whole).  The
 * candidates come from Lua: the value named by the path before the last
 * `.` or `:` is looked up under lua_pcall (an __index function may run or
 * fail), then
 *   `.`  frames (metatable __name "lunette.Frame"): the columns, from
 *        v:names(); tables: their keys; and what the metatable offers:
 *        its method table (field "__methods", as names or
 *        name = function) and the keys of a table __index;
 *   `:`  methods: the metatable's method table, the functions of a table
 *        __index (strings: the string library), a table's function keys;
 *   `["` frame columns or a table's string keys, closed as `"]`.
 * Inside any other string literal Tab completes file names. */
#include "complete.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <readline/readline.h>

enum { KEY_IDENT = 1, KEY_FUNC = 2 };   /* add_keys filters */

static lua_State *comp_L;
static char **cands;          /* this completion's matches, owned here */
static size_t ncands, next_cand;
static size_t shown_from;     /* bytes of each match hidden in listings */

static const char *const keywords[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for",
    "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat",
    "return", "then", "true", "until", "while", NULL
};

bool lt_complete_is_name(const char *s, size_t n)
{
    if (n == 0 || isdigit((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_')
            return false;
    for (const char *const *k = keywords; *k; k++)
        if (strlen(*k) == n && memcmp(*k, s, n) == 0)
            return false;
    return true;
}

/* Append the string at the top of the stack to the array at `out`.
 * [-1, +0] */
static void add_top(lua_State *L, int out)
{
    lua_rawseti(L, out, (lua_Integer)lua_rawlen(L, out) + 1);
}

/* The string keys of the table at `t` that pass `filter`. */
static void add_keys(lua_State *L, int t, int out, int filter)
{
    lua_pushnil(L);
    while (lua_next(L, t)) {
        size_t n;
        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tolstring(L, -2, &n);
            if ((!(filter & KEY_IDENT) || lt_complete_is_name(k, n)) &&
                (!(filter & KEY_FUNC) || lua_isfunction(L, -1))) {
                lua_pushvalue(L, -2);
                add_top(L, out);
            }
        }
        lua_pop(L, 1);
    }
}

/* A metatable's __methods: { name = fn, ... } or { "name", ... }. */
static void add_method_table(lua_State *L, int t, int out)
{
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) == LUA_TSTRING)
            lua_pushvalue(L, -2);
        else if (lua_type(L, -1) == LUA_TSTRING)
            lua_pushvalue(L, -1);
        else
            lua_pushnil(L);
        if (lua_isnil(L, -1))
            lua_pop(L, 1);
        else
            add_top(L, out);
        lua_pop(L, 1);
    }
}

/* What the metatable of `v` offers: its method table, and the keys of a table
 * __index (only its functions when `filter` has KEY_FUNC). */
static void add_meta(lua_State *L, int v, int out, int filter)
{
    if (!lua_getmetatable(L, v))
        return;
    int mt = lua_gettop(L);
    if (lua_getfield(L, mt, "__methods") == LUA_TTABLE)
        add_method_table(L, mt + 1, out);
    if (lua_getfield(L, mt, "__index") == LUA_TTABLE)
        add_keys(L, mt + 2, out, filter);
    lua_settop(L, mt - 1);
}

static bool is_frame(lua_State *L, int v)
{
    bool frame = false;
    if (luaL_getmetafield(L, v, "__name") == LUA_TSTRING) {
        frame = strcmp(lua_tostring(L, -1), "lunette.Frame") == 0;
        lua_pop(L, 1);
    }
    return frame;
}

/* The column names of the frame at `v`, from v:names(). */
static void add_columns(lua_State *L, int v, int out, int filter)
{
    lua_getfield(L, v, "names");
    lua_pushvalue(L, v);
    lua_call(L, 1, 1);
    if (lua_istable(L, -1)) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            size_t len = 0;
            const char *name = lua_rawgeti(L, -1, i) == LUA_TSTRING
                               ? lua_tolstring(L, -1, &len) : NULL;
            if (name && (!(filter & KEY_IDENT) || lt_complete_is_name(name, len)))
                add_top(L, out);
            else
                lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* Push the value a dotted path of identifiers names, starting at the
 * globals; nil when a step is not a table or userdata. [-0, +1, e] */
static void push_path(lua_State *L, const char *path, size_t len)
{
    const char *p = path, *end = path + len;
    lua_pushglobaltable(L);
    while (p < end) {
        const char *dot = memchr(p, '.', (size_t)(end - p));
        if (!dot)
            dot = end;
        int t = lua_type(L, -1);
        if (!lt_complete_is_name(p, (size_t)(dot - p)) ||
            (t != LUA_TTABLE && t != LUA_TUSERDATA)) {
            lua_pop(L, 1);
            lua_pushnil(L);
            return;
        }
        lua_pushlstring(L, p, (size_t)(dot - p));
        lua_gettable(L, -2);
        lua_remove(L, -2);
        p = dot + 1;
    }
}

/* The names that can follow `sep` after the value at `path`. */
static void add_value_names(lua_State *L, const char *path, size_t len,
                            char sep, int out)
{
    push_path(L, path, len);
    int v = lua_gettop(L);
    bool table = lua_istable(L, v);
    if (sep == ':') {
        if (table)
            add_keys(L, v, out, KEY_IDENT | KEY_FUNC);
        add_meta(L, v, out, KEY_IDENT | KEY_FUNC);
    } else if (is_frame(L, v)) {
        add_columns(L, v, out, sep == '.' ? KEY_IDENT : 0);
    } else if (sep == '.') {
        if (table)
            add_keys(L, v, out, KEY_IDENT);
        add_meta(L, v, out, KEY_IDENT);
    } else if (table) {
        add_keys(L, v, out, 0);
    }
}

/* collect(path, sep) -> array of candidate names for what follows `sep`
 * ("" = globals, ".", ":" or "[") after the value at `path`. */
static int collect(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    char sep = luaL_checkstring(L, 2)[0];
    lua_newtable(L);
    int out = lua_gettop(L);
    if (sep == '\0') {
        lua_pushglobaltable(L);
        add_keys(L, out + 1, out, KEY_IDENT);
    } else {
        add_value_names(L, path, len, sep, out);
    }
    lua_settop(L, out);
    return 1;
}

static void free_candidates(void)
{
    for (size_t i = next_cand; i < ncands; i++)
        free(cands[i]);
    free(cands);
    cands = NULL;
    ncands = next_cand = 0;
}

/* Keep `head` + `name` when `name` starts with `prefix`. */
static void add_candidate(const char *head, size_t headlen, const char *name,
                          const char *prefix)
{
    size_t plen = strlen(prefix), nlen = strlen(name);
    if (nlen < plen || memcmp(name, prefix, plen) != 0)
        return;
    char *s = malloc(headlen + nlen + 1);
    char **grown = realloc(cands, (ncands + 1) * sizeof *cands);
    if (!s || !grown) {
        free(s);
        if (grown)
            cands = grown;
        return;
    }
    cands = grown;
    memcpy(s, head, headlen);
    memcpy(s + headlen, name, nlen + 1);
    cands[ncands++] = s;
}

/* Fill `cands` with what can follow `path` + `sep`, each written as
 * `head` + name; `prefix` is the part of the name already typed. */
static void load_candidates(const char *path, size_t pathlen, char sep,
                            const char *head, size_t headlen,
                            const char *prefix)
{
    lua_State *L = comp_L;
    int top = lua_gettop(L);
    free_candidates();
    lua_pushcfunction(L, collect);
    lua_pushlstring(L, path, pathlen);
    lua_pushlstring(L, &sep, sep ? 1 : 0);
    if (lua_pcall(L, 2, 1, 0) == LUA_OK) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, -1, i);
            add_candidate(head, headlen, lua_tostring(L, -1), prefix);
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top);
    if (sep == '\0')
        for (const char *const *k = keywords; *k; k++)
            add_candidate("", 0, *k, prefix);
}

/* readline generator over `cands`; readline frees what it is given. */
static char *next_candidate(const char *text, int state)
{
    (void)text;
    if (state == 0)
        next_cand = 0;
    return next_cand < ncands ? cands[next_cand++] : NULL;
}

static char **matches_of_candidates(const char *text)
{
    char **m = rl_completion_matches(text, next_candidate);
    free_candidates();
    return m;
}

/* `x["col` or `a.b["key`: the path before the `[` at `bracket`. */
static char **complete_index(const char *text, int bracket)
{
    int from = bracket;
    while (from > 0 && (isalnum((unsigned char)rl_line_buffer[from - 1]) ||
                        rl_line_buffer[from - 1] == '_' ||
                        rl_line_buffer[from - 1] == '.'))
        from--;
    if (from == bracket)
        return NULL;
    rl_completion_append_character = ']';   /* after readline's closing quote */
    load_candidates(rl_line_buffer + from, (size_t)(bracket - from), '[',
                    "", 0, text);
    return matches_of_candidates(text);
}

/* A global, or a field/method of the value a dotted path names. */
static char **complete_expression(const char *text)
{
    const char *sep = NULL;
    for (const char *p = text; *p; p++)
        if (*p == '.' || *p == ':')
            sep = p;
    if (!sep) {
        load_candidates("", 0, '\0', "", 0, text);
    } else {
        size_t headlen = (size_t)(sep - text) + 1;
        shown_from = headlen;
        load_candidates(text, (size_t)(sep - text), *sep, text, headlen,
                        sep + 1);
    }
    return matches_of_candidates(text);
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1;   /* no file-name fallback */
    rl_completion_append_character = '\0';
    shown_from = 0;
    if (rl_completion_quote_character) {
        /* `start` is just after the opening quote. */
        if (start >= 2 && rl_line_buffer[start - 2] == '[')
            return complete_index(text, start - 2);
        return rl_completion_matches(text, rl_filename_completion_function);
    }
    return complete_expression(text);
}

/* List `a.b.name` candidates as `name`, as a shell lists file names. */
static void display_matches(char **matches, int n, int longest)
{
    (void)longest;
    char **shown = malloc(((size_t)n + 2) * sizeof *shown);
    if (!shown)
        return;
    int width = 0;
    for (int i = 0; i <= n; i++) {
        size_t len = strlen(matches[i]);
        shown[i] = matches[i] + (len >= shown_from ? shown_from : len);
        if (i > 0 && (int)strlen(shown[i]) > width)
            width = (int)strlen(shown[i]);
    }
    shown[n + 1] = NULL;
    rl_display_match_list(shown, n, width);
    rl_forced_update_display();
    free(shown);
}

/* rl_char_is_quoted_p: whether line[index] is inside a string literal,
 * so that a `/` in `read_csv("data/x` does not end the word. */
static int in_string(char *line, int index)
{
    char quote = '\0';
    for (int i = 0; i < index; i++) {
        if (quote && line[i] == '\\' && i + 1 < index)
            i++;
        else if (quote ? line[i] == quote : line[i] == '"' || line[i] == '\'')
            quote = quote ? '\0' : line[i];
    }
    return quote != '\0';
}

void lt_complete_init(lua_State *L)
{
    comp_L = L;
    rl_attempted_completion_function = complete;
    rl_completion_display_matches_hook = display_matches;
    /* Lua's operators and brackets end a word; `.` and `:` do not. */
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{}()[],+-*/%^#~?";
    rl_completer_quote_characters = "\"'";
    rl_char_is_quoted_p = in_string;
}
