/* Lua bindings of frames (core/frame.h, describe.h, sample.h): the
 * "lunette.Frame" type and its verbs, the frame{} constructor, the
 * numeric()/nominal()/temporal()/of_type() selectors ("lunette.Selector")
 * and the NA sentinel ("lunette.NA"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "error.h"
#include "help.h"
#include "l_aux.h"
#include "ops.h"
#include "print.h"
#include "sample.h"

/* ---- metamethods -------------------------------------------------------- */

static int frame_gc(lua_State *L)
{
    lt_frame **slot = luaL_checkudata(L, 1, LT_FRAME_MT);
    lt_frame_free(*slot);
    *slot = NULL;
    return 0;
}

static int frame_tostring(lua_State *L)
{
    lt_frame **slot = luaL_checkudata(L, 1, LT_FRAME_MT);
    if (!*slot) {
        lua_pushliteral(L, "lunette.Frame (closed)");
        return 1;
    }
    lt_print_opts o;
    lt_lua_print_opts(L, &o);
    void **box = lt_lua_newbox(L);
    *box = lt_frame_format(*slot, &o);
    return lt_lua_pushboxed(L, box, "tostring");
}

static int frame_len(lua_State *L)
{
    lua_pushinteger(L, lt_lua_checkframe(L, 1)->nrow);
    return 1;
}

/* df.x = v: frames are values (select, head ... share their columns), so
 * assigning into one would change every alias; say what to do instead. */
static int frame_newindex(lua_State *L)
{
    lt_lua_checkframe(L, 1);
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "cannot assign df.%s: frames are immutable; build a new "
                      "frame, e.g. df:cbind(frame{ %s = ... })", key, key);
}

/* Push a new reference to c as a Column that remembers its name. */
static void pushcol(lua_State *L, lt_col *c, const char *name)
{
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_ref(c);
    lua_pushstring(L, name);
    lua_setiuservalue(L, -2, 1);
}

/* df.name: a method when one has that name, else the column. */
static int frame_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            return 1;
    }
    const lt_frame *f = lt_lua_checkframe(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "frame: index with a column name, got %s", lt_lua_typename(L, 2));
    const char *name = lua_tostring(L, 2);
    int i = lt_frame_index(f, name);
    if (i >= 0) {
        pushcol(L, f->cols[i], f->names[i]);
        return 1;
    }
    if (!lt_frame_suggest(f, name)) {
        /* no column comes close: perhaps a misspelt method (df:fitler"...") */
        enum { MAXM = 256 };
        const char *methods[MAXM];
        size_t n = 0;
        lua_pushnil(L);
        while (n < MAXM && lua_next(L, lua_upvalueindex(1))) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING)
                methods[n++] = lua_tostring(L, -1);   /* the method table keeps it */
        }
        const char *near = lt_lua_suggest(name, methods, n);
        if (near)
            return luaL_error(L, "frame: no column or method '%s' (did you mean the method "
                                 "'%s'?)", name, near);
    }
    return lt_lua_nocolumn(L, f, name, "frame");
}

/* ---- selectors and NA --------------------------------------------------- */

/* A selector picks the columns of some types; its user value is the name
 * it prints as ("numeric()", "of_type(\"date\")"). */
typedef struct selector {
    unsigned types;     /* bit (1 << lt_type) set for each type selected */
    unsigned tkinds;    /* LT_TIME columns: bit (1 << lt_time_kind) for each kind */
} selector;

static int push_selector(lua_State *L, unsigned types, unsigned tkinds, const char *name)
{
    selector *s = lua_newuserdatauv(L, sizeof *s, 1);
    s->types = types;
    s->tkinds = tkinds;
    luaL_setmetatable(L, LT_SELECTOR_MT);
    lua_pushstring(L, name);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

enum { ALL_TKINDS = 1u << LT_DATE | 1u << LT_DATETIME };

static bool selects(const selector *s, const lt_col *c)
{
    return (s->types >> c->type & 1) && (c->type != LT_TIME || (s->tkinds >> c->tkind & 1));
}

static int numeric(lua_State *L)
{
    return push_selector(L, 1u << LT_F64 | 1u << LT_I64, 0, "numeric()");
}

static int nominal(lua_State *L)
{
    return push_selector(L, 1u << LT_STR | 1u << LT_BOOL, 0, "nominal()");
}

static int temporal(lua_State *L)
{
    return push_selector(L, 1u << LT_TIME, ALL_TKINDS, "temporal()");
}

/* of_type("str", ...): "time" takes dates and datetimes, "date" and
 * "datetime" one kind each; the other names as lt_type_parse. */
static int of_type(lua_State *L)
{
    int top = lua_gettop(L);
    luaL_argexpected(L, top >= 1, 1, "type name");
    unsigned types = 0, tkinds = 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "of_type(");
    for (int i = 1; i <= top; i++) {
        const char *name = luaL_checkstring(L, i);
        lt_time_kind kind;
        lt_type t = lt_lua_checktype(L, i, name, &kind);
        types |= 1u << t;
        if (t == LT_TIME)
            tkinds |= strcmp(name, "time") == 0 ? ALL_TKINDS : 1u << kind;
        lua_pushfstring(L, "%s\"%s\"", i > 1 ? ", " : "", name);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, ')');
    luaL_pushresult(&b);
    return push_selector(L, types, tkinds, lua_tostring(L, -1));
}

static int selector_tostring(lua_State *L)
{
    luaL_checkudata(L, 1, LT_SELECTOR_MT);
    lua_getiuservalue(L, 1, 1);
    return 1;
}

static int na_tostring(lua_State *L)
{
    lua_pushliteral(L, "NA");
    return 1;
}

/* ---- frame{} ------------------------------------------------------------ */

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The column names of the frame{} table at 1, in order, into a scratch
 * array pushed on the stack (the names live in the table or in opts). */
static const char **column_order(lua_State *L, int *ncol, bool *pairs)
{
    lua_Integer nkeys = 0, nstr = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        nkeys++;
        nstr += lua_type(L, -1) == LUA_TSTRING;
    }
    lua_Integer narr = (lua_Integer)lua_rawlen(L, 1);
    *pairs = narr > 0;
    if (*pairs && nkeys != narr)
        luaL_argerror(L, 1, "either {name, values} pairs or named columns expected, not both");
    if (!*pairs && nstr != nkeys)
        luaL_argerror(L, 1, "column names must be strings");
    luaL_argcheck(L, nkeys <= INT32_MAX, 1, "too many columns");
    *ncol = (int)nkeys;
    const char **names = lt_lua_buffer(L, (size_t)nkeys, sizeof *names);
    int top = lua_gettop(L);

    if (*pairs) {
        luaL_argcheck(L, lt_lua_optfield(L, 2, "names") == LUA_TNIL, 2,
                      "option 'names' is for named columns ({name, values} pairs keep their order)");
        for (lua_Integer i = 1; i <= narr; i++) {
            if (lua_rawgeti(L, 1, i) != LUA_TTABLE || lua_rawgeti(L, -1, 1) != LUA_TSTRING)
                luaL_argerror(L, 1, lua_pushfstring(L,
                    "pair %I: {name, values} with a string name expected", i));
            names[i - 1] = lua_tostring(L, -1);
            lua_settop(L, top);
        }
        return names;
    }
    if (lt_lua_optfield(L, 2, "names") != LUA_TNIL) {
        luaL_argcheck(L, lua_istable(L, -1), 2, "option 'names': array of column names expected");
        lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= len; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
                luaL_argerror(L, 2, lua_pushfstring(L,
                    "option 'names': entry %I is %s, column name expected", i,
                    lt_lua_typename(L, -1)));
            lua_pushvalue(L, -1);
            if (lua_rawget(L, 1) == LUA_TNIL)
                luaL_argerror(L, 2, lua_pushfstring(L,
                    "option 'names': '%s' is not a column of the table", lua_tostring(L, -2)));
            lua_pop(L, 2);
        }
        luaL_argcheck(L, len == *ncol, 2,
                      lua_pushfstring(L, "option 'names': %d names expected (one per column)",
                                      *ncol));
        for (int i = 0; i < *ncol; i++) {
            lua_rawgeti(L, -1, i + 1);
            names[i] = lua_tostring(L, -1);  /* the option table keeps it alive */
            lua_pop(L, 1);
        }
        lua_settop(L, top);
        return names;
    }
    lua_pop(L, 1);
    int k = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        names[k++] = lua_tostring(L, -1);
    }
    qsort(names, (size_t)k, sizeof *names, cmpstr);
    return names;
}

/* frame{ a = {...}, b = {...} } / frame({...}, { names = {...} }) /
 * frame{ {"b", {...}}, {"a", {...}} }. */
static int frame_new(lua_State *L)
{
    static const char *const opts[] = {"names", NULL};
    luaL_checktype(L, 1, LUA_TTABLE);
    lt_lua_checkopts(L, 2, opts);
    lua_settop(L, 2);
    int ncol;
    bool pairs;
    const char **names = column_order(L, &ncol, &pairs);
    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *f = *slot = lt_frame_new();
    lt_lua_result(L, f, "frame");
    int top = lua_gettop(L);
    for (int i = 0; i < ncol; i++) {
        if (pairs) {
            lua_rawgeti(L, 1, i + 1);
            lua_rawgeti(L, -1, 2);
        } else {
            lua_getfield(L, 1, names[i]);
        }
        lt_col *c = lt_lua_tocol(L, -1);
        if (!c && luaL_testudata(L, -1, LT_COLUMN_MT))
            return luaL_error(L, "frame: column '%s' is a closed column", names[i]);
        if (!c && lua_istable(L, -1)) {
            int arr = lua_absindex(L, -1);
            c = lt_lua_array_to_col(L, arr, "frame",
                                    lua_pushfstring(L, "column '%s'", names[i]));
        }
        else if (!c)
            return luaL_error(L, "frame: column '%s': array or column expected, got %s",
                              names[i], lt_lua_typename(L, -1));
        if (f->ncol > 0 && c->n != f->nrow)
            return luaL_error(L, "frame: column '%s' has length %I, expected %I as column '%s'"
                                 " (mark missing values with NA)",
                              names[i], (lua_Integer)c->n, (lua_Integer)f->nrow, f->names[0]);
        if (lt_frame_add(f, names[i], c) < 0)
            return lt_lua_error(L, "frame");
        lua_settop(L, top);
    }
    return 1;
}

/* ---- accessors ---------------------------------------------------------- */

static int frame_ncol(lua_State *L)
{
    lua_pushinteger(L, lt_lua_checkframe(L, 1)->ncol);
    return 1;
}

static int frame_names(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_createtable(L, f->ncol, 0);
    for (int i = 0; i < f->ncol; i++) {
        lua_pushstring(L, f->names[i]);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int frame_types(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_createtable(L, f->ncol, 0);
    for (int i = 0; i < f->ncol; i++) {
        lua_pushstring(L, lt_type_name(f->cols[i]->type));
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int frame_col(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    const char *name = luaL_checkstring(L, 2);
    int i = lt_lua_colindex(L, f, name, "col");
    pushcol(L, f->cols[i], f->names[i]);
    return 1;
}

/* ---- rows --------------------------------------------------------------- */

static int slice_rows(lua_State *L, int64_t off, int64_t len, const char *name)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_slice(f, off, len);
    return lt_lua_result(L, *slot, name);
}

enum { DEFAULT_HEAD = 6 };

static lua_Integer checkcount(lua_State *L)
{
    lua_Integer n = luaL_optinteger(L, 2, DEFAULT_HEAD);
    luaL_argcheck(L, n >= 0, 2, "non-negative number of rows expected");
    return n;
}

static int frame_head(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_Integer n = checkcount(L);
    return slice_rows(L, 0, n < f->nrow ? n : f->nrow, "head");
}

static int frame_tail(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_Integer n = checkcount(L);
    if (n > f->nrow)
        n = f->nrow;
    return slice_rows(L, f->nrow - n, n, "tail");
}

static int frame_slice(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    lua_Integer j = luaL_optinteger(L, 3, f->nrow);
    luaL_argcheck(L, i >= 1, 2, "row number >= 1 expected");
    luaL_argcheck(L, j >= i - 1, 3, "row number >= i - 1 expected (slice(i, i - 1) is empty)");
    lua_Integer off = i - 1 < f->nrow ? i - 1 : f->nrow;
    lua_Integer end = j < f->nrow ? j : f->nrow;
    return slice_rows(L, off, end > off ? end - off : 0, "slice");
}

/* Row numbers of take(): a Lua array or an i64 column, 1-based. */
static int frame_take(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    const lt_col *c = lt_lua_tocol(L, 2);
    if (!c)
        luaL_argexpected(L, lua_istable(L, 2), 2, "array of row numbers or i64 column");
    else
        luaL_argcheck(L, c->type == LT_I64, 2, "i64 column of row numbers expected");
    lua_Integer n = c ? c->n : (lua_Integer)lua_rawlen(L, 2);
    int64_t *idx = lt_lua_buffer(L, (size_t)n, sizeof *idx);
    for (lua_Integer k = 0; k < n; k++) {
        int isint = 1;
        lua_Integer r;
        if (c) {
            isint = !lt_col_is_na(c, k);
            r = lt_col_i64(c)[k];
        } else {
            lua_rawgeti(L, 2, k + 1);
            r = lua_tointegerx(L, -1, &isint);
            lua_pop(L, 1);
        }
        if (!isint)
            luaL_argerror(L, 2, lua_pushfstring(L, "entry %I is not a row number", k + 1));
        if (r < 1 || r > f->nrow)
            luaL_argerror(L, 2, lua_pushfstring(L, "row %I out of range 1..%I", r,
                                                (lua_Integer)f->nrow));
        idx[k] = r - 1;
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_take(f, idx, n);
    return lt_lua_result(L, *slot, "take");
}

/* for row, i in df:rows(): upvalues are the frame and the next row. */
static int rows_next(lua_State *L)
{
    lt_frame **slot = lua_touserdata(L, lua_upvalueindex(1));
    if (!*slot)
        return luaL_error(L, "rows: frame is closed");
    const lt_frame *f = *slot;
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    if (i >= f->nrow)
        return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(2));
    lua_createtable(L, 0, f->ncol);
    for (int j = 0; j < f->ncol; j++) {
        lt_lua_pushvalue(L, f->cols[j], i);
        lua_setfield(L, -2, f->names[j]);
    }
    lua_pushinteger(L, i + 1);
    return 2;
}

static int frame_rows(lua_State *L)
{
    lt_lua_checkframe(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, rows_next, 2);
    return 1;
}

static int frame_to_table(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lua_createtable(L, 0, f->ncol);
    for (int j = 0; j < f->ncol; j++) {
        lt_lua_pusharray(L, f->cols[j]);
        lua_setfield(L, -2, f->names[j]);
    }
    return 1;
}

/* ---- columns ------------------------------------------------------------ */

/* Does `name` match the glob `pat`?  '*' matches any run of characters, '?'
 * one UTF-8 character; everything else itself.  Backtracks to the last
 * '*' only, so the time is O(len(pat) * len(name)). */
static bool glob_match(const char *pat, const char *name)
{
    const char *star = NULL, *resume = NULL;
    while (*name) {
        if (*pat == '*') {
            star = pat++;
            resume = name;
        } else if (*pat == '?' || (*pat && *pat == *name)) {
            if (*pat == '?')   /* skip the continuation bytes of one character */
                while ((name[1] & 0xC0) == 0x80)
                    name++;
            pat++;
            name++;
        } else if (star) {
            /* let the '*' take one more character */
            do
                resume++;
            while ((*resume & 0xC0) == 0x80);
            pat = star + 1;
            name = resume;
        } else {
            return false;
        }
    }
    while (*pat == '*')
        pat++;
    return !*pat;
}

static void mark(int i, uint8_t *marks, int *order, int *n)
{
    if (!marks[i]) {
        marks[i] = 1;
        order[(*n)++] = i;
    }
}

/* Mark the columns named by the value at vidx (a name, a glob pattern or a
 * selector, given as argument arg) in `marks`, appending newly marked ones
 * to order[n...]; returns the new n.  A name that exists wins over the
 * pattern it would be. */
static int mark_value(lua_State *L, int arg, int vidx, const lt_frame *f, const char *fname,
                      uint8_t *marks, int *order, int n)
{
    if (lua_type(L, vidx) == LUA_TSTRING) {
        const char *name = lua_tostring(L, vidx);
        int i = lt_frame_index(f, name);
        if (i >= 0 || !strpbrk(name, "*?")) {
            mark(lt_lua_colindex(L, f, name, fname), marks, order, &n);
            return n;
        }
        bool any = false;
        for (i = 0; i < f->ncol; i++)
            if (glob_match(name, f->names[i])) {
                mark(i, marks, order, &n);
                any = true;
            }
        if (!any)
            luaL_error(L, "%s: pattern '%s' matches no column", fname, name);
        return n;
    }
    const selector *s = luaL_testudata(L, vidx, LT_SELECTOR_MT);
    if (!s)
        luaL_argerror(L, arg, lua_pushfstring(L,
            "column name, pattern, selector or a table of them expected, got %s",
            lt_lua_typename(L, vidx)));
    for (int i = 0; i < f->ncol; i++)
        if (selects(s, f->cols[i]))
            mark(i, marks, order, &n);
    return n;
}

/* mark_value over the arguments 2..top (and the entries of tables). */
static int mark_args(lua_State *L, int top, const lt_frame *f, const char *fname,
                     uint8_t *marks, int *order)
{
    int n = 0;
    luaL_argexpected(L, top >= 2, 2, "column name or selector");
    for (int arg = 2; arg <= top; arg++) {
        if (!lua_istable(L, arg)) {
            n = mark_value(L, arg, arg, f, fname, marks, order, n);
            continue;
        }
        lua_Integer len = (lua_Integer)lua_rawlen(L, arg);
        for (lua_Integer k = 1; k <= len; k++) {
            lua_rawgeti(L, arg, k);
            n = mark_value(L, arg, lua_gettop(L), f, fname, marks, order, n);
            lua_pop(L, 1);
        }
    }
    return n;
}

int lt_lua_checkcols(lua_State *L, int arg, int idx, const lt_frame *f, const char *fname,
                     int *out)
{
    idx = lua_absindex(L, idx);
    uint8_t *marks = lt_lua_buffer(L, (size_t)f->ncol, 1);
    memset(marks, 0, (size_t)f->ncol);
    int n = 0;
    if (!lua_istable(L, idx)) {
        n = mark_value(L, arg, idx, f, fname, marks, out, n);
    } else {
        lua_Integer len = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer k = 1; k <= len; k++) {
            lua_rawgeti(L, idx, k);
            n = mark_value(L, arg, lua_gettop(L), f, fname, marks, out, n);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    return n;
}

static int select_cols(lua_State *L, bool drop, const char *fname)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    int top = lua_gettop(L);
    uint8_t *marks = lt_lua_buffer(L, (size_t)f->ncol, 1);
    int *order = lt_lua_buffer(L, (size_t)f->ncol, sizeof *order);
    memset(marks, 0, (size_t)f->ncol);
    int n = mark_args(L, top, f, fname, marks, order);
    if (drop) {
        n = 0;
        for (int i = 0; i < f->ncol; i++)
            if (!marks[i])
                order[n++] = i;
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_select(f, order, n);
    return lt_lua_result(L, *slot, fname);
}

static int frame_select(lua_State *L) { return select_cols(L, false, "select"); }
static int frame_drop(lua_State *L) { return select_cols(L, true, "drop"); }

/* rename{ old = "new", ... } or rename("old", "new"): all names change at
 * once, so { a = "b", b = "a" } swaps. */
static int frame_rename(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    const char **names = lt_lua_buffer(L, (size_t)f->ncol, sizeof *names);
    memcpy(names, f->names, (size_t)f->ncol * sizeof *names);
    if (lua_type(L, 2) == LUA_TSTRING) {
        int i = lt_lua_colindex(L, f, lua_tostring(L, 2), "rename");
        names[i] = luaL_checkstring(L, 3);
    } else {
        luaL_argexpected(L, lua_istable(L, 2), 2, "table { old = \"new\" } or old name");
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                luaL_argerror(L, 2, "table of old = \"new\" string pairs expected");
            names[lt_lua_colindex(L, f, lua_tostring(L, -2), "rename")] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
    }
    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *g = *slot = lt_frame_new();
    lt_lua_result(L, g, "rename");
    for (int i = 0; i < f->ncol; i++)
        if (lt_frame_add(g, names[i], f->cols[i]) < 0)
            return lt_lua_error(L, "rename");
    return 1;
}

static int frame_cbind(lua_State *L)
{
    const lt_frame *a = lt_lua_checkframe(L, 1);
    const lt_frame *b = lt_lua_checkframe(L, 2);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_bind_cols(a, b);
    return lt_lua_result(L, *slot, "cbind");
}

static int frame_describe(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_describe(f);
    return lt_lua_result(L, *slot, "describe");
}

/* ---- random rows, row binding, missing values ---------------------------- */

enum { DEFAULT_SEED = 1 };

/* The seed option: any Lua integer, as the uint64_t it stands for. */
static uint64_t optseed(lua_State *L, int arg)
{
    return (uint64_t)lt_lua_optint(L, arg, "seed", DEFAULT_SEED);
}

/* df:sample{ n = | frac =, replace = false, seed = 1 } */
static int frame_sample(lua_State *L)
{
    static const char *const opts[] = {"n", "frac", "replace", "seed", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    luaL_argexpected(L, lua_istable(L, 2), 2, "options table { n = | frac = }");
    lt_lua_checkopts(L, 2, opts);
    bool has_n = lt_lua_optfield(L, 2, "n") != LUA_TNIL;
    bool has_frac = lt_lua_optfield(L, 2, "frac") != LUA_TNIL;
    lua_pop(L, 2);
    luaL_argcheck(L, has_n != has_frac, 2,
                  has_n ? "give n or frac, not both" : "option n or frac expected");
    lua_Integer n = lt_lua_optint(L, 2, "n", -1);
    luaL_argcheck(L, !has_n || n >= 0, 2, "option 'n': non-negative number of rows expected");
    double frac = lt_lua_optnum(L, 2, "frac", 0);
    bool replace = lt_lua_optbool(L, 2, "replace", false);
    uint64_t seed = optseed(L, 2);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_sample(f, n, frac, replace, seed);
    return lt_lua_result(L, *slot, "sample");
}

/* train, test = df:split{ frac = 0.8, stratify = nil, seed = 1 } */
static int frame_split(lua_State *L)
{
    static const char *const opts[] = {"frac", "stratify", "seed", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    lt_lua_checkopts(L, 2, opts);
    double frac = lt_lua_optnum(L, 2, "frac", 0.8);
    const char *strat = lt_lua_optstr(L, 2, "stratify", NULL);
    if (strat)
        lt_lua_colindex(L, f, strat, "split");
    uint64_t seed = optseed(L, 2);
    lt_frame **train = lt_lua_newframe(L);
    lt_frame **test = lt_lua_newframe(L);
    if (lt_frame_split(f, frac, strat, seed, train, test) < 0)
        return lt_lua_error(L, "split");
    return 2;
}

/* df:concat(other, ...): the frames' rows, columns matched by name. */
static int frame_concat(lua_State *L)
{
    int top = lua_gettop(L);
    lt_lua_checkframe(L, 1);
    const lt_frame **fs = lt_lua_buffer(L, (size_t)top, sizeof *fs);
    for (int i = 1; i <= top; i++)
        fs[i - 1] = lt_lua_checkframe(L, i);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_concat(fs, top);
    return lt_lua_result(L, *slot, "concat");
}

/* df:drop_na(...): names, patterns and selectors as select; none: all. */
static int frame_drop_na(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    int top = lua_gettop(L);
    uint8_t *marks = lt_lua_buffer(L, (size_t)f->ncol, 1);
    int *order = lt_lua_buffer(L, (size_t)f->ncol, sizeof *order);
    memset(marks, 0, (size_t)f->ncol);
    int n = top >= 2 ? mark_args(L, top, f, "drop_na", marks, order) : 0;
    if (top >= 2 && n == 0)   /* selectors that chose nothing: nothing to check */
        n = -1;
    lt_frame **slot = lt_lua_newframe(L);
    *slot = n < 0 ? lt_frame_copy(f) : lt_frame_drop_na(f, order, n);
    return lt_lua_result(L, *slot, "drop_na");
}

/* Raise "fill_na: column 'x': <lt_errmsg()>" without repeating "fill_na: ". */
static int fill_error(lua_State *L, const char *name)
{
    const char *msg = lt_errmsg();
    if (strncmp(msg, "fill_na: ", 9) == 0)
        msg += 9;
    return luaL_error(L, "fill_na: column '%s': %s", name, msg);
}

/* The fill value at idx as a length-1 column owned by the stack (it
 * replaces the value at idx).  For the column `name` of type time (target
 * not NULL), a Lua string is parsed as a date or datetime. */
static lt_col *fill_value(lua_State *L, int idx, const lt_col *target, const char *name)
{
    idx = lua_absindex(L, idx);
    int t = lua_type(L, idx);
    const lt_col *c = lt_lua_tocol(L, idx);
    if ((c && c->n != 1) || (!c && t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN)) {
        const char *got = c ? lua_pushfstring(L, "a column of %I values", (lua_Integer)c->n)
                            : lt_lua_typename(L, idx);
        if (name)
            luaL_error(L, "fill_na: column '%s': a number, string, boolean or column of "
                       "length 1 expected, got %s", name, got);
        luaL_argerror(L, 2, lua_pushfstring(L, "a number, string, boolean, column of length 1 "
                                            "or table { column = value } expected, got %s",
                                            got));
    }
    const lt_col *v = lt_lua_checkoperand(L, idx, "fill_na");
    if (!target || target->type != LT_TIME || v->type != LT_STR)
        return (lt_col *)v;
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_astype(v, LT_TIME, true);
    if (!*slot)
        fill_error(L, name);
    if (lt_col_is_na(*slot, 0))
        luaL_error(L, "fill_na: column '%s': '%s' is not a date or datetime (expected ISO "
                   "8601, such as 2024-01-31 or 2024-01-31 13:45:00)", name,
                   lt_col_get_str(v, 0, NULL));
    lua_replace(L, idx);
    return *slot;
}

/* Does a fill value of type vt fit a column of type ct (the frame-wide
 * form of fill_na)?  Numbers fill f64 and i64, the rest their own type. */
static bool takes(lt_type ct, lt_type vt)
{
    if (vt == LT_F64 || vt == LT_I64)
        return ct == LT_F64 || ct == LT_I64;
    return ct == vt;
}

/* df:fill_na{ col = value, ... } or df:fill_na(value). */
static int frame_fill_na(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    luaL_argexpected(L, !lua_isnoneornil(L, 2), 2, "value or table { column = value }");
    lua_settop(L, 2);
    /* The new columns, each owned by a Column userdata in the table at 3. */
    lt_col **cols = lt_lua_buffer(L, (size_t)f->ncol, sizeof *cols);
    memcpy(cols, f->cols, (size_t)f->ncol * sizeof *cols);
    lua_createtable(L, f->ncol, 0);
    if (lua_istable(L, 2)) {
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                luaL_argerror(L, 2, lua_pushfstring(L, "table { column = value } expected, "
                                                    "got a %s key", lt_lua_typename(L, -2)));
            const char *name = lua_tostring(L, -2);
            int i = lt_lua_colindex(L, f, name, "fill_na");
            const lt_col *v = fill_value(L, -1, f->cols[i], name);
            lt_col **slot = lt_lua_newcol(L);
            *slot = lt_col_fill_na(f->cols[i], v);
            if (!*slot)
                fill_error(L, name);
            cols[i] = *slot;
            lua_rawseti(L, 4, i + 1);
            lua_pop(L, 1);
        }
    } else {
        const lt_col *v = fill_value(L, 2, NULL, NULL);
        bool any = false;
        for (int i = 0; i < f->ncol; i++) {
            if (!takes(f->cols[i]->type, v->type))
                continue;
            any = true;
            if (f->cols[i]->nmiss == 0)
                continue;
            lt_col **slot = lt_lua_newcol(L);
            *slot = lt_col_fill_na(f->cols[i], v);
            if (!*slot)
                fill_error(L, f->names[i]);
            cols[i] = *slot;
            lua_rawseti(L, 4, i + 1);
        }
        static const char *const what[] = {
            [LT_F64] = "a number (f64 or i64 columns)", [LT_I64] = "a number (f64 or i64 columns)",
            [LT_BOOL] = "a boolean (bool columns)", [LT_STR] = "a string (str columns)",
            [LT_TIME] = "a time (time columns)",
        };
        if (!any)
            luaL_error(L, "fill_na: no column of the frame takes %s", what[v->type]);
    }
    lt_frame **slot = lt_lua_newframe(L);
    lt_frame *g = *slot = lt_frame_new();
    lt_lua_result(L, g, "fill_na");
    for (int i = 0; i < f->ncol; i++)
        if (lt_frame_add(g, f->names[i], cols[i]) < 0)
            return lt_lua_error(L, "fill_na");
    g->nrow = f->nrow;
    return 1;
}

/* ---- registration ------------------------------------------------------- */

const lt_lua_reg lt_lua_frame_lib[] = {
    {"frame", frame_new, "frame(columns [, opts])", "Build a frame from Lua arrays or columns.\n"
     "frame{ a = {...}, b = {...} } orders named columns alphabetically, unless\n"
     "opts.names gives the order; frame{ {\"b\", {...}}, {\"a\", {...}} } keeps the\n"
     "order of its pairs.  Types come from the values: all integers give i64,\n"
     "numbers f64, booleans bool, strings str.  Missing values are NA or nil\n"
     "holes; an array's length is its field n if present, else #array, so write\n"
     "trailing missing values as NA.  A column may also be given as a Column.",
     "names = {...}   the column order of named columns (each exactly once)",
     "df = frame{ id = { 1, 2, 3 }, score = { 0.5, NA, 2 } }\n"
     "df = frame({ id = { 1, 2 }, s = { \"a\", \"b\" } }, { names = { \"s\", \"id\" } })\n"
     "df = frame{ { \"z\", { 1, 2 } }, { \"a\", { \"x\", \"y\" } } }"},
    {"numeric", numeric, "numeric()", "Selector of numeric columns (f64, i64).", NULL,
     "churn:select(numeric())"},
    {"nominal", nominal, "nominal()", "Selector of nominal columns (str, bool).", NULL,
     "churn:drop(nominal())"},
    {"temporal", temporal, "temporal()", "Selector of time columns (dates and datetimes).",
     NULL, "sales:select(temporal())"},
    {"of_type", of_type, "of_type(type, ...)", "Selector of the columns of the given types.\n"
     "Types are \"f64\", \"i64\", \"bool\", \"str\", \"time\" (dates and datetimes),\n"
     "\"date\" or \"datetime\" (one kind of time), or aliases such as \"int\".",
     NULL, "churn:select(of_type(\"str\"))\nchurn:drop(of_type(\"i64\", \"bool\"))"},
    {"NA", NULL, "NA", "The missing value marker for frame{} arrays.", NULL,
     "frame{ x = { 1, NA, 3 } }.x:missing()   --> 1"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_frame_methods[] = {
    {"indexing", NULL, "#df, df.name, df[\"name\"]", "Row count; a column by name.\n"
     "A method of the same name wins (df.names is the method): df:col(name)\n"
     "always means the column.  An unknown name raises, suggesting a close one.",
     NULL, "print(#churn)\nlocal t = churn.tenure\nlocal c = churn[\"monthly_charges\"]"},
    {"ncol", frame_ncol, "df:ncol()", "Number of columns.", NULL, "churn:ncol()   --> 20"},
    {"names", frame_names, "df:names()", "Column names, as an array.", NULL,
     "churn:names()[1]   --> \"churn\""},
    {"types", frame_types, "df:types()", "Column types, an array aligned with names().\n"
     "Each is \"f64\", \"i64\", \"bool\", \"str\" or \"time\".", NULL,
     "local names, types = churn:names(), churn:types()\n"
     "for i = 1, #names do print(names[i], types[i]) end"},
    {"col", frame_col, "df:col(name)", "The column `name`, never a method.", NULL,
     "churn:col(\"tenure\")"},
    {"head", frame_head, "df:head([n])", "The first n rows (default 6).", NULL,
     "churn:head()\nchurn:head(10)"},
    {"tail", frame_tail, "df:tail([n])", "The last n rows (default 6).", NULL,
     "churn:tail(3)"},
    {"slice", frame_slice, "df:slice(i [, j])", "Rows i to j, 1-based and inclusive.\n"
     "j defaults to the last row; both are clamped to the frame; slice(i, i - 1)\n"
     "is empty.", NULL, "churn:slice(101, 200)"},
    {"select", frame_select, "df:select(...)", "Columns by name, pattern or selector, in order.\n"
     "Arguments are names, glob patterns, selectors (numeric(), nominal(),\n"
     "temporal(), of_type(...)) or tables of them.  In a pattern, * matches any\n"
     "run of characters and ? one character; a pattern's columns come in frame\n"
     "order, and a name that exists is taken as a name even if it contains * or\n"
     "?.  A column named twice appears once.  An unknown name raises with a \"did\n"
     "you mean\", a pattern that matches no column raises too.",
     NULL, "churn:select(\"churn\", \"tenure\")\nchurn:select(\"churn\", numeric())\n"
           "churn:select{ \"contract\", \"tenure\" }\nchurn:select(\"*_charges\", \"?ender\")"},
    {"drop", frame_drop, "df:drop(...)", "All columns but the given ones.\n"
     "Arguments as for select: names, patterns, selectors or tables of them.", NULL,
     "churn:drop(\"total_charges\")\nchurn:drop(nominal())\nchurn:drop(\"*_id\")"},
    {"rename", frame_rename, "df:rename{ old = \"new\" }", "Rename columns, all at once.\n"
     "Also df:rename(old, new).  { a = \"b\", b = \"a\" } swaps two names.",
     NULL, "churn:rename{ tenure = \"months\" }\nchurn:rename(\"churn\", \"left\")"},
    {"take", frame_take, "df:take(rows)", "The given rows (1-based), in that order.\n"
     "rows is an array or an i64 column of row numbers; repeats are allowed.",
     NULL, "churn:take{ 1, 3, 5 }"},
    {"sample", frame_sample, "df:sample(opts)", "Random rows, in the order drawn.\n"
     "opts gives exactly one of n (a row count) or frac (a fraction of the rows,\n"
     "rounded to the nearest count, halves to even).  Without replacement each row\n"
     "comes at most once, so n must not exceed #df and frac must not exceed 1; with\n"
     "replacement any count is fine, except from a frame of no rows.  0 rows give an\n"
     "empty frame with df's columns.  The same seed gives the same rows.",
     "n         the number of rows\n"
     "frac      the fraction of the rows instead (0.1 for 10%)\n"
     "replace = false   draw with replacement\n"
     "seed = 1          the random seed (any integer)",
     "churn:sample{ n = 5 }\nchurn:sample{ frac = 0.1, seed = 7 }\n"
     "churn:sample{ n = #churn, replace = true }   -- a bootstrap resample"},
    {"split", frame_split, "df:split([opts])", "Split rows into train and test frames.\n"
     "Returns train, test: every row in one of them, each keeping df's row order.\n"
     "train gets round(frac * #df) rows (halves to even), at least one row and at\n"
     "most #df - 1 when df has 2 rows or more.  With stratify, the same rule holds\n"
     "within each value of that column (missing values are one stratum), so each\n"
     "value keeps its share on both sides; the train size is then the sum over\n"
     "the strata and may differ slightly from round(frac * #df).  A stratum of one\n"
     "row goes to train when frac > 0.5.  frac is strictly between 0 and 1; a frame\n"
     "of no rows raises.  The same seed gives the same split.",
     "frac = 0.8       the fraction of rows for train\n"
     "stratify = nil   a column name: split within each of its values\n"
     "seed = 1         the random seed (any integer)",
     "train, test = churn:split{ frac = 0.8, stratify = \"churn\", seed = 7 }"},
    {"concat", frame_concat, "df:concat(other, ...)", "Rows of df, then of each other frame.\n"
     "Columns are matched by name: the result has every name in the order it\n"
     "first appears, and a column absent from a frame is missing on its rows (as\n"
     "dplyr's bind_rows).  Types: equal types stay; bool < i64 < f64 promote;\n"
     "date with datetime gives datetime; strings merge.  Any other mix raises,\n"
     "naming the column, both types and the frames (1 is df).",
     NULL, "train:concat(test)\njan:concat(feb, mar)"},
    {"drop_na", frame_drop_na, "df:drop_na(...)", "Rows without missing values.\n"
     "Only the given columns are checked (names, patterns, selectors or tables\n"
     "of them, as for select); with no argument, every column.  f64 NaN counts\n"
     "as missing.", NULL, "churn:drop_na()\nchurn:drop_na(\"total_charges\")\n"
     "churn:drop_na(numeric())"},
    {"fill_na", frame_fill_na, "df:fill_na{ col = value }", "Replace missing values.\n"
     "With a table, each named column's missing values become its value, with\n"
     "the types of Column:fill_na (an i64 column filled with 0.5 becomes f64; a\n"
     "string fills a time column as an ISO date or datetime).  With one value,\n"
     "df:fill_na(value), every column that takes it and has missing values is\n"
     "filled: numbers fill f64 and i64 columns, booleans bool, strings str, and a\n"
     "length-1 column its own type; it raises when no column takes the value.\n"
     "Other columns are shared as they are.",
     NULL, "churn:fill_na{ total_charges = 0, payment_method = \"unknown\" }\n"
           "churn:fill_na(0)\nsales:fill_na{ day = \"2024-01-01\" }"},
    {"cbind", frame_cbind, "df:cbind(other)", "Columns of df, then of other.\n"
     "Both need the same number of rows, and distinct names.", NULL,
     "churn:select(\"churn\"):cbind(churn:select(numeric()))"},
    {"describe", frame_describe, "df:describe()", "Summary statistics by column.\n"
     "One row per column of df: column, type, count, missing, mean, std, min,\n"
     "q25, median, q75, max (numbers), unique, top, freq (str, bool, time).", NULL,
     "churn:describe()"},
    {"rows", frame_rows, "df:rows()", "Iterate over rows as tables name -> value.\n"
     "Missing values are nil; the row number comes second.",
     NULL, "for row, i in churn:head(3):rows() do print(i, row.tenure) end"},
    {"to_table", frame_to_table, "df:to_table()", "Columns as a table name -> array.\n"
     "Missing values are nil holes; each array has its length in field n.", NULL,
     "local t = churn:head(3):to_table()\nprint(t.tenure[1], t.tenure.n)   --> 1   3\n"
     "frame(t, { names = churn:names() })   -- back to a frame"},
    {"write_csv", lt_lua_write_csv, "df:write_csv(path [, opts])",
     "Write df to a CSV file, as write_csv.",
     "sep = \",\"   header = true   na = \"\"   (see help\"write_csv\")",
     "churn:head(100):write_csv(\"sample.csv\")"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_frame(lua_State *L)
{
    static const luaL_Reg frame_meta[] = {
        {"__gc", frame_gc},
        {"__close", frame_gc},
        {"__tostring", frame_tostring},
        {"__len", frame_len},
        {"__newindex", frame_newindex},
        {NULL, NULL},
    };
    static const luaL_Reg selector_meta[] = {
        {"__tostring", selector_tostring},
        {NULL, NULL},
    };
    static const luaL_Reg na_meta[] = {
        {"__tostring", na_tostring},
        {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_FRAME_MT, frame_meta, frame_index);
    lt_lua_newmeta(L, LT_SELECTOR_MT, selector_meta, NULL);
    lt_lua_newmeta(L, LT_NA_MT, na_meta, NULL);
    lua_newuserdatauv(L, 0, 0);
    luaL_setmetatable(L, LT_NA_MT);
    lua_setfield(L, LUA_REGISTRYINDEX, LT_NA_KEY);
}
