/* repr: the text the REPL shows for a value.  Objects print through their
 * __tostring (frames as tables, columns as vectors); plain Lua tables,
 * which Lua would show as "table: 0x...", print as constructors that can
 * be read back: { "a", "b", n = 2 }, nested, sorted by key, wrapped to the
 * display width, with cycles and very large tables cut short. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "l_aux.h"
#include "lunette.h"

enum { MAX_DEPTH = 4, MAX_ITEMS = 100 };

/* The text is built in a malloc'd buffer owned by a box on the Lua stack,
 * so a Lua error (out of memory, a failing __tostring) frees it. */
typedef struct repr_state {
    lua_State *L;
    void **box;      /* *box: the text */
    size_t len, cap;
    size_t line;     /* where the current line starts */
    int width;       /* display width for wrapping the outer table, 0: none */
    int seen;        /* stack index of the set of tables being printed */
} repr_state;

static void add_value(repr_state *st, int idx, int depth);

static void put(repr_state *st, const char *s, size_t n)
{
    if (st->len + n > st->cap) {
        size_t cap = st->cap ? st->cap : 256;
        while (cap < st->len + n)
            cap *= 2;
        char *p = realloc(*st->box, cap);
        if (!p)
            luaL_error(st->L, "repr: out of memory");
        *st->box = p;
        st->cap = cap;
    }
    memcpy((char *)*st->box + st->len, s, n);
    st->len += n;
}

static void puts_(repr_state *st, const char *s) { put(st, s, strlen(s)); }

/* Append the string at the top of the stack and pop it. */
static void put_top(repr_state *st)
{
    size_t n;
    const char *s = lua_tolstring(st->L, -1, &n);
    put(st, s, n);
    lua_pop(st->L, 1);
}

static bool is_word_char(char c)
{
    return c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
}

bool lt_lua_isident(const char *s, size_t len)
{
    static const char *const keywords[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
        "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
        "true", "until", "while", NULL
    };
    if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_word_char(s[i]))
            return false;
    for (int k = 0; keywords[k]; k++)
        if (strlen(keywords[k]) == len && memcmp(s, keywords[k], len) == 0)
            return false;
    return true;
}

/* A string as a Lua literal, as string.format("%q") writes it, but with
 * newlines as \n so that a value stays on one line. */
static void add_quoted(repr_state *st, const char *s, size_t len)
{
    put(st, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(st, esc, 2);
        } else if (c == '\n') {
            puts_(st, "\\n");
        } else if (c < 32 || c == 127) {
            snprintf(esc, sizeof esc, "\\%d", c);
            puts_(st, esc);
        } else {
            put(st, s + i, 1);
        }
    }
    put(st, "\"", 1);
}

/* The outer table wraps: when the item that starts at `item` (after a
 * ", " separator) ends past the width, break the line before it. */
static void wrap(repr_state *st, size_t item)
{
    char *p = *st->box;
    if (st->width <= 0 || item < st->line + 4
        || lt_display_width(p + st->line, st->len - st->line) <= st->width)
        return;
    put(st, "  ", 2);    /* room for the indent */
    p = *st->box;
    memmove(p + item + 2, p + item, st->len - 2 - item);
    memcpy(p + item - 1, "\n   ", 3);   /* ", x" becomes ",\n  x" */
    st->line = item;
}

static int compare_keys(lua_State *L, int a, int b)
{
    int ta = lua_type(L, a), tb = lua_type(L, b);
    if (ta != tb)
        return ta < tb;
    if (ta == LUA_TNUMBER || ta == LUA_TSTRING)
        return lua_compare(L, a, b, LUA_OPLT);
    return 0;
}

/* The non-array keys of table t, sorted (numbers, then strings, then the
 * rest in traversal order), pushed as an array; returns how many. */
static lua_Integer sorted_keys(lua_State *L, int t, lua_Integer n_array)
{
    lua_newtable(L);
    int keys = lua_gettop(L);
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1
            && lua_tointeger(L, -1) <= n_array)
            continue;
        /* insertion sort: tables printed here are small (MAX_ITEMS) */
        lua_Integer pos = ++n;
        while (pos > 1) {
            lua_rawgeti(L, keys, pos - 1);
            int less = compare_keys(L, -2, -1);
            if (!less) {
                lua_pop(L, 1);
                break;
            }
            lua_rawseti(L, keys, pos);
            pos--;
        }
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, pos);
        if (n > MAX_ITEMS) {
            lua_pop(L, 1);
            break;
        }
    }
    return n;
}

/* Start an entry of a table: separator, then (outer table only) wrap. */
static size_t begin_item(repr_state *st, bool first)
{
    if (!first)
        puts_(st, ", ");
    return st->len;
}

static void end_item(repr_state *st, size_t item, int depth)
{
    if (depth == 0)
        wrap(st, item);
}

static void add_table(repr_state *st, int t, int depth)
{
    lua_State *L = st->L;
    lua_pushvalue(L, t);
    if (lua_rawget(L, st->seen) != LUA_TNIL || depth >= MAX_DEPTH) {
        lua_pop(L, 1);
        puts_(st, "{…}");
        return;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, t);
    lua_pushboolean(L, 1);
    lua_rawset(L, st->seen);

    /* The array part 1..n (nil holes allowed when a field n says so). */
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);
    if (lua_getfield(L, t, "n") == LUA_TNUMBER && lua_isinteger(L, -1)
        && lua_tointeger(L, -1) > n)
        n = lua_tointeger(L, -1);
    lua_pop(L, 1);
    puts_(st, "{ ");
    bool first = true;
    lua_Integer shown = 0;
    for (lua_Integer i = 1; i <= n && shown < MAX_ITEMS; i++, shown++) {
        size_t item = begin_item(st, first);
        lua_rawgeti(L, t, i);
        add_value(st, -1, depth + 1);
        lua_pop(L, 1);
        end_item(st, item, depth);
        first = false;
    }
    lua_Integer nkeys = sorted_keys(L, t, n);
    int keys = lua_gettop(L);
    for (lua_Integer k = 1; k <= nkeys && shown < MAX_ITEMS; k++, shown++) {
        size_t item = begin_item(st, first);
        lua_rawgeti(L, keys, k);
        size_t klen;
        const char *ks = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &klen) : NULL;
        if (ks && lt_lua_isident(ks, klen)) {
            put(st, ks, klen);
        } else {
            puts_(st, "[");
            add_value(st, -1, depth + 1);
            puts_(st, "]");
        }
        puts_(st, " = ");
        lua_rawget(L, t);
        add_value(st, -1, depth + 1);
        lua_pop(L, 1);
        end_item(st, item, depth);
        first = false;
    }
    lua_pop(L, 1);   /* keys */
    if (shown < n + nkeys) {
        size_t item = begin_item(st, first);
        puts_(st, "…");
        end_item(st, item, depth);
        first = false;
    }
    if (first)
        st->len--;   /* "{ " of an empty table becomes "{}" */
    puts_(st, first ? "}" : " }");

    lua_pushvalue(L, t);
    lua_pushnil(L);
    lua_rawset(L, st->seen);
}

static void add_value(repr_state *st, int idx, int depth)
{
    lua_State *L = st->L;
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        if (depth > 0) {
            size_t len;
            const char *s = lua_tolstring(L, idx, &len);
            add_quoted(st, s, len);
            return;
        }
        break;
    case LUA_TTABLE:
        if (!luaL_getmetafield(L, idx, "__tostring")) {
            add_table(st, idx, depth);
            return;
        }
        lua_pop(L, 1);
        break;
    case LUA_TUSERDATA:
        /* Inside a table a frame's many-line print would be unreadable:
         * show its type, <Frame> or <Column>. */
        if (depth > 0 && luaL_getmetafield(L, idx, "__name") == LUA_TSTRING) {
            const char *name = lua_tostring(L, -1);
            const char *dot = strrchr(name, '.');
            lua_pushfstring(L, "<%s>", dot ? dot + 1 : name);
            lua_remove(L, -2);
            put_top(st);
            return;
        }
        break;
    }
    luaL_tolstring(L, idx, NULL);
    put_top(st);
}

void lt_lua_repr(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lt_print_opts o;
    lt_lua_print_opts(L, &o);
    repr_state st = { L, lt_lua_newbox(L), 0, 0, 0, o.width, 0 };
    lua_newtable(L);
    st.seen = lua_gettop(L);
    add_value(&st, idx, 0);
    lua_pushlstring(L, *st.box ? *st.box : "", st.len);
    lua_replace(L, -3);   /* over the box, which frees the text */
    lua_pop(L, 1);        /* the seen table */
}

static int l_repr(lua_State *L)
{
    luaL_checkany(L, 1);
    lt_lua_repr(L, 1);
    return 1;
}

const lt_lua_reg lt_lua_repr_lib[] = {
    {"repr", l_repr, "repr(v)",
     "The text the REPL prints for a value.\n"
     "Objects print as their tostring (frames as tables, columns as vectors);\n"
     "plain tables as constructors, { \"a\", \"b\", n = 2 }, sorted by key,\n"
     "wrapped to the terminal width, nested tables to 4 levels, at most 100\n"
     "entries each.",
     NULL, "repr(churn:names())\nprint(repr{ x = 1, y = { 2, 3 } })   --> { x = 1, y = { 2, 3 } }"},
    {NULL, NULL, NULL, NULL, NULL, NULL}
};
