/* Lua bindings of frames (core/frame.h, describe.h): the "lunette.Frame"
 * type and its verbs, the frame{} constructor, the numeric()/nominal()
 * selectors ("lunette.Selector") and the NA sentinel ("lunette.NA"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "help.h"
#include "l_aux.h"
#include "print.h"

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

/* Push a new reference to c as a Column. */
static void pushcol(lua_State *L, lt_col *c)
{
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_ref(c);
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
    pushcol(L, f->cols[lt_lua_colindex(L, f, name, "frame")]);
    return 1;
}

/* ---- selectors and NA --------------------------------------------------- */

typedef struct selector {
    unsigned types;     /* bit (1 << lt_type) set for each type selected */
    const char *name;
} selector;

static int push_selector(lua_State *L, unsigned types, const char *name)
{
    selector *s = lua_newuserdatauv(L, sizeof *s, 0);
    s->types = types;
    s->name = name;
    luaL_setmetatable(L, LT_SELECTOR_MT);
    return 1;
}

static int numeric(lua_State *L)
{
    return push_selector(L, 1u << LT_F64 | 1u << LT_I64, "numeric()");
}

static int nominal(lua_State *L)
{
    return push_selector(L, 1u << LT_STR | 1u << LT_BOOL, "nominal()");
}

static int selector_tostring(lua_State *L)
{
    lua_pushstring(L, ((selector *)luaL_checkudata(L, 1, LT_SELECTOR_MT))->name);
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
    pushcol(L, f->cols[lt_lua_colindex(L, f, name, "col")]);
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

/* Mark the columns named by the value at vidx (a name or a selector, given
 * as argument arg) in `mark`, appending newly marked ones to order[n...];
 * returns the new n. */
static int mark_value(lua_State *L, int arg, int vidx, const lt_frame *f, const char *fname,
                      uint8_t *mark, int *order, int n)
{
    if (lua_type(L, vidx) == LUA_TSTRING) {
        int i = lt_lua_colindex(L, f, lua_tostring(L, vidx), fname);
        if (!mark[i]) {
            mark[i] = 1;
            order[n++] = i;
        }
        return n;
    }
    const selector *s = luaL_testudata(L, vidx, LT_SELECTOR_MT);
    if (!s)
        luaL_argerror(L, arg, lua_pushfstring(L,
            "column name, numeric(), nominal() or a table of them expected, got %s",
            lt_lua_typename(L, vidx)));
    for (int i = 0; i < f->ncol; i++) {
        if (!mark[i] && (s->types >> f->cols[i]->type & 1)) {
            mark[i] = 1;
            order[n++] = i;
        }
    }
    return n;
}

/* mark_value over the arguments 2..top (and the entries of tables). */
static int mark_args(lua_State *L, int top, const lt_frame *f, const char *fname,
                     uint8_t *mark, int *order)
{
    int n = 0;
    luaL_argexpected(L, top >= 2, 2, "column name or selector");
    for (int arg = 2; arg <= top; arg++) {
        if (!lua_istable(L, arg)) {
            n = mark_value(L, arg, arg, f, fname, mark, order, n);
            continue;
        }
        lua_Integer len = (lua_Integer)lua_rawlen(L, arg);
        for (lua_Integer k = 1; k <= len; k++) {
            lua_rawgeti(L, arg, k);
            n = mark_value(L, arg, lua_gettop(L), f, fname, mark, order, n);
            lua_pop(L, 1);
        }
    }
    return n;
}

static int select_cols(lua_State *L, bool drop, const char *fname)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    int top = lua_gettop(L);
    uint8_t *mark = lt_lua_buffer(L, (size_t)f->ncol, 1);
    int *order = lt_lua_buffer(L, (size_t)f->ncol, sizeof *order);
    memset(mark, 0, (size_t)f->ncol);
    int n = mark_args(L, top, f, fname, mark, order);
    if (drop) {
        n = 0;
        for (int i = 0; i < f->ncol; i++)
            if (!mark[i])
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
    {"select", frame_select, "df:select(...)", "Columns by name or selector, in order.\n"
     "Arguments are names, numeric(), nominal() or tables of them; a column\n"
     "named twice appears once.",
     NULL, "churn:select(\"churn\", \"tenure\")\nchurn:select(\"churn\", numeric())\n"
           "churn:select{ \"contract\", \"tenure\" }"},
    {"drop", frame_drop, "df:drop(...)", "All columns but the given ones.\n"
     "Arguments as for select.", NULL, "churn:drop(\"total_charges\")\nchurn:drop(nominal())"},
    {"rename", frame_rename, "df:rename{ old = \"new\" }", "Rename columns, all at once.\n"
     "Also df:rename(old, new).  { a = \"b\", b = \"a\" } swaps two names.",
     NULL, "churn:rename{ tenure = \"months\" }\nchurn:rename(\"churn\", \"left\")"},
    {"take", frame_take, "df:take(rows)", "The given rows (1-based), in that order.\n"
     "rows is an array or an i64 column of row numbers; repeats are allowed.",
     NULL, "churn:take{ 1, 3, 5 }"},
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
