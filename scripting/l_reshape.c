/* Lua bindings of core/reshape.h: the frame methods pivot_longer,
 * pivot_wider and crosstab, and the crosstab(a, b) function on two
 * columns. */
#include <stdint.h>
#include <string.h>

#include "fn.h"
#include "help.h"
#include "l_aux.h"
#include "reshape.h"

/* The columns of option `key` of the table at arg (as df:select takes
 * them) into out; -1 when the option is absent. */
static int optcols(lua_State *L, int arg, const char *key, const lt_frame *f,
                   const char *fname, int *out)
{
    if (lt_lua_optfield(L, arg, key) == LUA_TNIL) {
        lua_pop(L, 1);
        return -1;
    }
    int n = lt_lua_checkcols(L, arg, -1, f, fname, out);
    lua_pop(L, 1);
    return n;
}

/* df:pivot_longer{ cols = ..., names_to = "name", values_to = "value" } */
static int frame_pivot_longer(lua_State *L)
{
    static const char *const known[] = {"cols", "names_to", "values_to", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lt_lua_checkopts(L, 2, known);
    int *cols = lt_lua_buffer(L, (size_t)f->ncol, sizeof *cols);
    int n = optcols(L, 2, "cols", f, "pivot_longer", cols);
    if (n < 0)
        return luaL_argerror(L, 2, "option 'cols' (the columns to stack) is required");
    const char *names_to = lt_lua_optstr(L, 2, "names_to", "name");
    const char *values_to = lt_lua_optstr(L, 2, "values_to", "value");
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_pivot_longer(f, cols, n, names_to, values_to);
    return lt_lua_result(L, *slot, "pivot_longer");
}

/* The aggregate function named by option agg, or NULL when absent. */
static const lt_fn *optagg(lua_State *L, int arg)
{
    const char *name = lt_lua_optstr(L, arg, "agg", NULL);
    if (!name)
        return NULL;
    const lt_fn *fn = lt_fn_find(name);
    if (!fn) {
        const char *s = lt_fn_suggest(name);
        return luaL_argerror(L, arg, s
            ? lua_pushfstring(L, "option 'agg': unknown function '%s' (did you mean '%s'?)",
                              name, s)
            : lua_pushfstring(L, "option 'agg': unknown function '%s'", name)), NULL;
    }
    if (fn->kind != LT_FN_AGG || fn->min_args > 1)
        return luaL_argerror(L, arg, lua_pushfstring(L,
            "option 'agg': '%s' is not an aggregate of one column (such as 'mean', "
            "'sum', 'count', 'first')", name)), NULL;
    return fn;
}

/* df:pivot_wider{ names_from = "k", values_from = "v", agg, id_cols, fill } */
static int frame_pivot_wider(lua_State *L)
{
    static const char *const known[] = {"names_from", "values_from", "id_cols", "agg",
                                        "fill", NULL};
    const lt_frame *f = lt_lua_checkframe(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lt_lua_checkopts(L, 2, known);
    const char *key = lt_lua_optstr(L, 2, "names_from", NULL);
    if (!key)
        return luaL_argerror(L, 2, "option 'names_from' (the column of new names) is "
                                   "required");
    int names_from = lt_lua_colindex(L, f, key, "pivot_wider");
    int *values = lt_lua_buffer(L, (size_t)f->ncol, sizeof *values);
    int nvalues = optcols(L, 2, "values_from", f, "pivot_wider", values);
    if (nvalues < 0)
        return luaL_argerror(L, 2, "option 'values_from' (the column of values) is "
                                   "required");
    int *id = lt_lua_buffer(L, (size_t)f->ncol, sizeof *id);
    int nid = optcols(L, 2, "id_cols", f, "pivot_wider", id);
    if (nid < 0) {
        /* All the other columns. */
        nid = 0;
        for (int j = 0; j < f->ncol; j++) {
            bool used = j == names_from;
            for (int k = 0; k < nvalues; k++)
                used |= values[k] == j;
            if (!used)
                id[nid++] = j;
        }
    }
    const lt_fn *agg = optagg(L, 2);
    const lt_col *fill = NULL;
    if (lt_lua_optfield(L, 2, "fill") != LUA_TNIL && !lt_lua_isna(L, -1))
        fill = lt_lua_checkoperand(L, -1, "pivot_wider: option 'fill'");
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_pivot_wider(f, id, nid, names_from, values, nvalues, agg, fill);
    return lt_lua_result(L, *slot, "pivot_wider");
}

/* Push the crosstab of a and b with the options at arg. */
static int crosstab_opts(lua_State *L, const lt_col *a, const lt_col *b, int arg,
                         const char *name)
{
    static const char *const known[] = {"margins", "normalize", "name", NULL};
    static const char *const norms[] = {"all", "index", "columns"};
    lt_lua_checkopts(L, arg, known);
    bool margins = lt_lua_optbool(L, arg, "margins", false);
    name = lt_lua_optstr(L, arg, "name", name);
    lt_crosstab_norm norm = LT_NORM_NONE;
    int t = lt_lua_optfield(L, arg, "normalize");
    bool bad = t != LUA_TNIL && t != LUA_TBOOLEAN && t != LUA_TSTRING;
    if (t == LUA_TBOOLEAN && lua_toboolean(L, -1))
        norm = LT_NORM_ALL;
    if (t == LUA_TSTRING) {
        int k = 0;
        while (k < 3 && strcmp(lua_tostring(L, -1), norms[k]) != 0)
            k++;
        norm = (lt_crosstab_norm)(LT_NORM_ALL + k);
        bad = k == 3;
    }
    if (bad)
        return luaL_argerror(L, arg, lua_pushfstring(L,
            "option 'normalize': false, true, \"all\", \"index\" or \"columns\" expected, "
            "got %s", t == LUA_TSTRING ? lua_pushfstring(L, "'%s'", lua_tostring(L, -1))
                                       : lt_lua_typename(L, -1)));
    lua_pop(L, 1);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_crosstab(a, b, name, margins, norm);
    return lt_lua_result(L, *slot, "crosstab");
}

/* crosstab(a, b [, opts]) */
static int crosstab(lua_State *L)
{
    const lt_col *a = lt_lua_checkcol(L, 1);
    const lt_col *b = lt_lua_checkcol(L, 2);
    return crosstab_opts(L, a, b, 3, "a");
}

/* df:crosstab("a", "b" [, opts]) */
static int frame_crosstab(lua_State *L)
{
    const lt_frame *f = lt_lua_checkframe(L, 1);
    const char *na = luaL_checkstring(L, 2);
    const char *nb = luaL_checkstring(L, 3);
    const lt_col *a = f->cols[lt_lua_colindex(L, f, na, "crosstab")];
    const lt_col *b = f->cols[lt_lua_colindex(L, f, nb, "crosstab")];
    return crosstab_opts(L, a, b, 4, na);
}

/* ---- registration ------------------------------------------------------- */

const lt_lua_reg lt_lua_reshape_methods[] = {
    {"pivot_longer", frame_pivot_longer, "df:pivot_longer(opts)",
     "Stack columns into rows (wide to long).\n"
     "As tidyr's pivot_longer: the other columns are ids, repeated once per\n"
     "stacked column.  Rows come by row of df, then in the order of cols\n"
     "(tidyr's order; pandas' melt goes column by column).  The stacked\n"
     "columns must be of one family: numbers (the widest type wins: i64 with\n"
     "f64 gives f64), strings, or times; mixing strings with numbers is an\n"
     "error naming both columns.",
     "cols                 required: names, patterns (\"*_charges\"),\n"
     "                     selectors (numeric() ...) or a table of them, as\n"
     "                     df:select takes them\n"
     "names_to = \"name\"    the new column of stacked column names (str)\n"
     "values_to = \"value\"  the new column of their values",
     "churn:select(\"contract\", \"*_charges\"):pivot_longer{ cols = \"*_charges\" }\n"
     "churn:select(\"contract\", numeric())\n"
     "     :pivot_longer{ cols = numeric(), names_to = \"measure\" }"},
    {"pivot_wider", frame_pivot_wider, "df:pivot_wider(opts)",
     "Spread key values into columns (long to wide).\n"
     "As tidyr's pivot_wider: one row per distinct tuple of the id columns,\n"
     "in order of first appearance; one new column per distinct key, in\n"
     "sorted order (a missing key last, named \"NA\"; numbers and booleans\n"
     "named as printed).  With several value columns the new names are\n"
     "\"<value>_<key>\", value by value.  Two rows for one cell are an error\n"
     "unless agg combines them (agg = \"mean\" is pandas' pivot_table).  A\n"
     "cell no row reaches is missing, or fill; a missing value in the data\n"
     "stays missing (tidyr's values_fill).  A new name equal to an id\n"
     "column's is an error.",
     "names_from           required: the key column\n"
     "values_from          required: the value column(s), as cols of\n"
     "                     pivot_longer\n"
     "id_cols = (others)   the id columns; default all but the above\n"
     "agg = nil            an aggregate: \"mean\", \"sum\", \"count\", \"first\",\n"
     "                     \"median\", \"min\", \"max\" ...; nil: one row per cell\n"
     "fill = nil           a value for cells no row reaches (a number, string\n"
     "                     or boolean of the values' family)",
     "churn:pivot_wider{ id_cols = \"contract\", names_from = \"internet_service\",\n"
     "                   values_from = \"monthly_charges\", agg = \"mean\" }\n"
     "churn:pivot_wider{ id_cols = \"contract\", names_from = \"churn\",\n"
     "                   values_from = \"tenure\", agg = \"count\", fill = 0 }"},
    {"crosstab", frame_crosstab, "df:crosstab(a, b [, opts])",
     "Counts of value pairs of columns a and b.\n"
     "As crosstab(df[a], df[b], opts) (see help\"crosstab\"), with the first\n"
     "column named a.",
     "margins = false      add an \"All\" row and column of totals\n"
     "normalize = false    true or \"all\", \"index\" (rows), \"columns\"\n"
     "name = a             the name of the first column",
     "churn:crosstab(\"contract\", \"churn\")\n"
     "churn:crosstab(\"contract\", \"churn\", { margins = true })\n"
     "churn:crosstab(\"contract\", \"churn\", { normalize = \"index\" })"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_reshape_lib[] = {
    {"crosstab", crosstab, "crosstab(a, b [, opts])",
     "Counts of value pairs (a[i], b[i]).\n"
     "As pandas' crosstab: one row per distinct value of a, sorted, in a\n"
     "first column named \"a\" (opts.name; df:crosstab names it after the\n"
     "column); one i64 column per distinct value of b, sorted, named as\n"
     "printed.  Pairs with a missing value are left out (pandas' dropna).\n"
     "margins adds an \"All\" row and column of totals (the first column\n"
     "then holds text).  normalize gives f64 shares: of the grand total\n"
     "(\"all\" or true), of each row's total (\"index\") or of each column's\n"
     "(\"columns\"); as in pandas, a normalized table keeps only the margin\n"
     "that is not all ones.",
     "margins = false      add an \"All\" row and column of totals\n"
     "normalize = false    true or \"all\", \"index\" (rows), \"columns\"\n"
     "name = \"a\"           the name of the first column",
     "crosstab(churn.contract, churn.churn)\n"
     "crosstab(churn.contract, churn.churn, { margins = true, name = \"contract\" })\n"
     "crosstab(churn.contract, churn.churn, { normalize = \"index\" })"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
