/* Lua bindings of CSV reading and writing (core/csv.h): read_csv and
 * write_csv (also the method df:write_csv). */
#include <string.h>

#include "csv.h"
#include "error.h"
#include "help.h"
#include "l_aux.h"
#include "lunette.h"

/* The array of strings in option `key` of the table at arg, in a scratch
 * array pushed on the stack (NULL, pushing nil, when absent). */
static const char **string_array(lua_State *L, int arg, const char *key, int *n)
{
    int t = lt_lua_optfield(L, arg, key);
    if (t == LUA_TNIL) {
        *n = 0;
        return NULL;
    }
    if (t != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': array of strings expected, got %s",
                                              key, lt_lua_typename(L, -1)));
    size_t len = lua_rawlen(L, -1);
    luaL_argcheck(L, len < INT32_MAX, arg, "too many strings");
    const char **strs = lt_lua_buffer(L, len, sizeof *strs);
    for (size_t i = 0; i < len; i++) {
        if (lua_rawgeti(L, -2, (lua_Integer)i + 1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': entry %d is %s, string expected",
                                                  key, (int)i + 1, lt_lua_typename(L, -1)));
        strs[i] = lua_tostring(L, -1);  /* the option table keeps it alive */
        lua_pop(L, 1);
    }
    lua_remove(L, -2);
    *n = (int)len;
    return strs;
}

/* Option sep: one character. */
static char checksep(lua_State *L, int arg, char def)
{
    const char *sep = lt_lua_optstr(L, arg, "sep", NULL);
    if (!sep)
        return def;
    luaL_argcheck(L, strlen(sep) == 1, arg, "option 'sep': one character expected");
    return sep[0];
}

/* Option decimal: "." or ",". */
static char checkdecimal(lua_State *L, int arg)
{
    const char *d = lt_lua_optstr(L, arg, "decimal", ".");
    luaL_argcheck(L, strcmp(d, ".") == 0 || strcmp(d, ",") == 0, arg,
                  "option 'decimal': \".\" or \",\" expected");
    return d[0];
}

static lua_Integer checkcount(lua_State *L, int arg, const char *key, lua_Integer def)
{
    lua_Integer v = lt_lua_optint(L, arg, key, def);
    if (v < 0 && v != def)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': non-negative integer expected", key));
    return v;
}

/* Option types = { column = "type", ... } into o's parallel arrays (three
 * scratch arrays pushed on the stack). */
static void checktypes(lua_State *L, int arg, lt_csv_opts *o)
{
    int t = lt_lua_optfield(L, arg, "types");
    if (t == LUA_TNIL)
        return;
    if (t != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "option 'types': table column = type expected, "
                                                 "got %s", lt_lua_typename(L, -1)));
    int tidx = lua_gettop(L);
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, tidx)) {
        lua_pop(L, 1);
        n++;
    }
    luaL_argcheck(L, n < INT32_MAX, arg, "option 'types': too many columns");
    const char **cols = lt_lua_buffer(L, n, sizeof *cols);
    lt_type *types = lt_lua_buffer(L, n, sizeof *types);
    lt_time_kind *kinds = lt_lua_buffer(L, n, sizeof *kinds);
    size_t i = 0;
    lua_pushnil(L);
    while (lua_next(L, tidx)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, "option 'types': column = \"type\" string pairs expected");
        cols[i] = lua_tostring(L, -2);
        if (lt_type_parse(lua_tostring(L, -1), &types[i], &kinds[i]) != 0)
            luaL_argerror(L, arg, lua_pushfstring(L,
                "option 'types': column '%s': type f64, i64, bool, str, date or datetime "
                "expected, got '%s'", cols[i], lua_tostring(L, -1)));
        lua_pop(L, 1);
        i++;
    }
    o->type_cols = cols;
    o->types = types;
    o->tkinds = kinds;
    o->ntypes = (int)n;
}

static int read_csv(lua_State *L)
{
    static const char *const known[] = {"sep", "header", "types", "columns", "nrows", "skip",
                                        "na", "parse_bool", "parse_times", "decimal", "threads",
                                        NULL};
    const char *path = luaL_checkstring(L, 1);
    lt_lua_checkopts(L, 2, known);
    lua_settop(L, 2);
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.sep = checksep(L, 2, o.sep);
    o.decimal = checkdecimal(L, 2);
    o.header = lt_lua_optbool(L, 2, "header", o.header);
    o.skip = checkcount(L, 2, "skip", o.skip);
    o.nrows = checkcount(L, 2, "nrows", o.nrows);
    lua_Integer threads = checkcount(L, 2, "threads", o.threads);
    luaL_argcheck(L, threads <= 4096, 2, "option 'threads': at most 4096");
    o.threads = (int)threads;
    o.parse_bool = lt_lua_optbool(L, 2, "parse_bool", o.parse_bool);
    o.parse_times = lt_lua_optbool(L, 2, "parse_times", o.parse_times);
    o.na = string_array(L, 2, "na", &o.nna);
    o.columns = string_array(L, 2, "columns", &o.ncolumns);
    checktypes(L, 2, &o);
    if ((o.progress = lt_lua_get_progress(L)))
        o.progress->label = "read_csv";

    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_csv_read(path, &o);
    if (!*slot && lt_errcode() == LT_ECANCELED)
        return luaL_error(L, "read_csv: cancelled");
    return lt_lua_result(L, *slot, "read_csv");
}

int lt_lua_write_csv(lua_State *L)
{
    static const char *const known[] = {"sep", "header", "na", "decimal", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    const char *path = luaL_checkstring(L, 2);
    lt_lua_checkopts(L, 3, known);
    lt_csv_write_opts o;
    lt_csv_write_opts_init(&o);
    o.sep = checksep(L, 3, o.sep);
    o.decimal = checkdecimal(L, 3);
    o.header = lt_lua_optbool(L, 3, "header", o.header);
    o.na = lt_lua_optstr(L, 3, "na", o.na);
    if ((o.progress = lt_lua_get_progress(L)))
        o.progress->label = "write_csv";
    if (lt_csv_write(f, path, &o) < 0) {
        if (lt_errcode() == LT_ECANCELED)
            return luaL_error(L, "write_csv: cancelled");
        return lt_lua_error(L, "write_csv");
    }
    return 0;
}

const lt_lua_reg lt_lua_csv_lib[] = {
    {"read_csv", read_csv, "read_csv(path [, opts])",
     "Read a CSV file into a frame.\n"
     "Each column's type is inferred over the whole file: i64, f64, time (ISO\n"
     "dates and datetimes), str; bool with parse_bool.  Quoted fields may hold\n"
     "separators, quotes and newlines.  An unquoted NA token is missing; a quoted\n"
     "field never is in a str column (\"\" is the empty string, \"NA\" two letters).",
     "sep = sniffed        field separator, one character (, ; tab | sniffed)\n"
     "header = true        first row holds the names (else V1, V2, ...)\n"
     "types = {}           force types: { col = \"str\", other = \"date\" }; types are\n"
     "                     f64, i64, bool, str, date, datetime\n"
     "columns = all        array of the columns to keep\n"
     "nrows = all          read at most this many data rows\n"
     "skip = 0             lines to skip before the header\n"
     "na = {\"\", \"NA\", \"N/A\", \"null\", \"NaN\"}   tokens read as missing\n"
     "parse_bool = false   read true/false/yes/no columns as bool\n"
     "parse_times = true   read ISO dates and datetimes as time columns\n"
     "decimal = \".\"        decimal mark: \",\" reads 1,5 as 1.5 (sep then ; or \\t)\n"
     "threads = 0          parser threads (0: all cores)",
     "churn = read_csv(\"examples/data/telco_churn.csv\")\n"
     "few = read_csv(\"data.csv\", { sep = \";\", nrows = 100, types = { id = \"str\" } })"},
    {"write_csv", lt_lua_write_csv, "write_csv(df, path [, opts])",
     "Write a frame to a CSV file.\n"
     "Written to a temporary file renamed over path, so a failure leaves no\n"
     "half-written file.  Strings that would not read back as written are quoted.\n"
     "A missing value is an empty field (or opts.na) and an empty string is \"\",\n"
     "so read_csv tells them apart: every frame it reads writes back the same.",
     "sep = \",\"            field separator, one character\n"
     "header = true        write the column names first\n"
     "na = \"\"              text written for missing values\n"
     "decimal = \".\"        decimal mark of numbers, \".\" or \",\"",
     "write_csv(churn:head(100), \"sample.csv\")\n"
     "write_csv(df, \"out.tsv\", { sep = \"\\t\", na = \"NA\" })"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
