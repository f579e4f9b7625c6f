/* Lua bindings of columns (core/column.h, ops.h, reduce.h): the
 * "lunette.Column" type with indexing, arithmetic operators, comparison
 * methods, maths, reductions and tallies. */
#include <math.h>
#include <stdint.h>

#include "help.h"
#include "l_aux.h"
#include "ops.h"
#include "print.h"
#include "reduce.h"
#include "timefmt.h"

/* ---- metamethods -------------------------------------------------------- */

static int col_gc(lua_State *L)
{
    lt_col **slot = luaL_checkudata(L, 1, LT_COLUMN_MT);
    lt_col_unref(*slot);
    *slot = NULL;
    return 0;
}

static int col_tostring(lua_State *L)
{
    lt_col **slot = luaL_checkudata(L, 1, LT_COLUMN_MT);
    if (!*slot) {
        lua_pushliteral(L, "lunette.Column (closed)");
        return 1;
    }
    lt_print_opts o;
    lt_lua_print_opts(L, &o);
    void **box = lt_lua_newbox(L);
    *box = lt_col_format(*slot, &o);
    return lt_lua_pushboxed(L, box, "tostring");
}

static int col_len(lua_State *L)
{
    lua_pushinteger(L, lt_lua_checkcol(L, 1)->n);
    return 1;
}

/* c[i] = v: columns are shared by frames, so they never change. */
static int col_newindex(lua_State *L)
{
    lt_lua_checkcol(L, 1);
    return luaL_error(L, "cannot assign into a column: columns are immutable; "
                      "compute a new one, e.g. c:fill_na(0) or c * 2");
}

/* c.method, or c[i]: value i (1-based), nil when missing.  Methods are
 * looked up without checking the column, so that a closed column raises
 * "calling 'x' on bad self" from the method itself. */
static int col_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNIL)
            return lt_lua_push_fn_method(L, lua_tostring(L, 2));
        return 1;
    }
    lt_col *c = lt_lua_checkcol(L, 1);
    int isint;
    lua_Integer i = lua_tointegerx(L, 2, &isint);
    if (!isint)
        return luaL_error(L, "column: index with a row number or a method name, got %s",
                          lt_lua_typename(L, 2));
    if (i < 1 || i > c->n)
        return luaL_error(L, "column: row %I out of range 1..%I", i, (lua_Integer)c->n);
    lt_lua_pushvalue(L, c, i - 1);
    return 1;
}

/* a .. b: the concat function of expressions, computed at once. */
static int col_concat(lua_State *L)
{
    lua_settop(L, 2);
    lt_lua_push_fn_method(L, "concat");
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int arith(lua_State *L, lt_arith op, const char *what)
{
    const lt_col *a = lt_lua_checkoperand(L, 1, what);
    const lt_col *b = lt_lua_checkoperand(L, 2, what);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_arith(a, b, op);
    return lt_lua_result(L, *slot, what);
}

static int col_add(lua_State *L) { return arith(L, LT_ADD, "operator '+'"); }
static int col_sub(lua_State *L) { return arith(L, LT_SUB, "operator '-'"); }
static int col_mul(lua_State *L) { return arith(L, LT_MUL, "operator '*'"); }
static int col_div(lua_State *L) { return arith(L, LT_DIV, "operator '/'"); }
static int col_mod(lua_State *L) { return arith(L, LT_MOD, "operator '%'"); }
static int col_pow(lua_State *L) { return arith(L, LT_POW, "operator '^'"); }

static int col_unm(lua_State *L)
{
    const lt_col *a = lt_lua_checkcol(L, 1);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_neg(a);
    return lt_lua_result(L, *slot, "operator '-'");
}

static int logic(lua_State *L, lt_logic op, const char *what)
{
    const lt_col *a = lt_lua_checkoperand(L, 1, what);
    const lt_col *b = lt_lua_checkoperand(L, 2, what);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_logic(a, b, op);
    return lt_lua_result(L, *slot, what);
}

static int col_band(lua_State *L) { return logic(L, LT_AND, "operator '&'"); }
static int col_bor(lua_State *L) { return logic(L, LT_OR, "operator '|'"); }

static int col_bnot(lua_State *L)
{
    const lt_col *a = lt_lua_checkcol(L, 1);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_not(a);
    return lt_lua_result(L, *slot, "operator '~'");
}

/* Lua makes the result of < and <= a boolean, so they cannot give a
 * column: say what to write instead. */
static int col_order(lua_State *L)
{
    return luaL_error(L, "columns compare with methods: c:lt(x), c:le(x), c:gt(x), "
                         "c:ge(x), c:eq(x), c:ne(x) (Lua turns < and <= into one boolean)");
}

/* ---- accessors ---------------------------------------------------------- */

static int col_type(lua_State *L)
{
    lua_pushstring(L, lt_type_name(lt_lua_checkcol(L, 1)->type));
    return 1;
}

static int col_missing(lua_State *L)
{
    lua_pushinteger(L, lt_lua_checkcol(L, 1)->nmiss);
    return 1;
}

static int col_to_table(lua_State *L)
{
    lt_lua_pusharray(L, lt_lua_checkcol(L, 1));
    return 1;
}

/* ---- comparisons and maths ---------------------------------------------- */

/* The comparison functions of expressions (core/fn.c), computed at once,
 * so that columns and expressions compare alike (a string with a time
 * is read as a time). */
static int compare(lua_State *L, const char *name)
{
    lt_lua_checkcol(L, 1);
    luaL_checkany(L, 2);
    lua_settop(L, 2);
    lt_lua_push_fn_method(L, name);
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int col_eq(lua_State *L) { return compare(L, "eq"); }
static int col_ne(lua_State *L) { return compare(L, "ne"); }
static int col_lt(lua_State *L) { return compare(L, "lt"); }
static int col_le(lua_State *L) { return compare(L, "le"); }
static int col_gt(lua_State *L) { return compare(L, "gt"); }
static int col_ge(lua_State *L) { return compare(L, "ge"); }

static int math1(lua_State *L, lt_math fn, int digits, const char *name)
{
    const lt_col *a = lt_lua_checkcol(L, 1);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_math(a, fn, digits);
    return lt_lua_result(L, *slot, name);
}

static int col_log(lua_State *L) { return math1(L, LT_LOG, 0, "log"); }
static int col_exp(lua_State *L) { return math1(L, LT_EXP, 0, "exp"); }
static int col_sqrt(lua_State *L) { return math1(L, LT_SQRT, 0, "sqrt"); }
static int col_abs(lua_State *L) { return math1(L, LT_ABS, 0, "abs"); }

static int col_round(lua_State *L)
{
    lt_lua_checkcol(L, 1);
    lua_Integer digits = luaL_optinteger(L, 2, 0);
    /* Beyond the exponent range of a double rounding changes nothing. */
    luaL_argcheck(L, digits >= -308 && digits <= 308, 2,
                  "digits between -308 and 308 expected");
    return math1(L, LT_ROUND, (int)digits, "round");
}

/* ---- reductions --------------------------------------------------------- */

static const char *const na_rm_opts[] = {"na_rm", NULL};

/* Push a reduction result of c: times as ISO strings, whole results of
 * integer columns (sum, min, max) as integers, NaN as nil. */
static void pushresult(lua_State *L, const lt_col *c, double v, bool integral)
{
    if (c->type == LT_TIME && !isnan(v)) {
        char buf[64];
        size_t len = lt_time_format((int64_t)llround(v), c->tkind, buf, sizeof buf);
        lua_pushlstring(L, buf, len);
    } else {
        lt_lua_pushnumber(L, v, integral && (c->type == LT_I64 || c->type == LT_BOOL));
    }
}

static int reduce(lua_State *L, lt_reduce op, const char *name)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_lua_checkopts(L, 2, na_rm_opts);
    bool na_rm = lt_lua_optbool(L, 2, "na_rm", true);
    bool whole = op == LT_SUM || op == LT_MIN || op == LT_MAX;
    if (whole && (c->type == LT_I64 || c->type == LT_BOOL)) {
        /* exact, beyond 2^53 too */
        int64_t x;
        bool present;
        if (lt_col_reduce_i64(c, op, na_rm, &x, &present) < 0)
            return lt_lua_error(L, name);
        if (present)
            lua_pushinteger(L, x);
        else
            lua_pushnil(L);
        return 1;
    }
    double v;
    if (lt_col_reduce(c, op, na_rm, &v) < 0)
        return lt_lua_error(L, name);
    pushresult(L, c, v, whole);
    return 1;
}

static int col_sum(lua_State *L) { return reduce(L, LT_SUM, "sum"); }
static int col_mean(lua_State *L) { return reduce(L, LT_MEAN, "mean"); }
static int col_var(lua_State *L) { return reduce(L, LT_VAR, "var"); }
static int col_std(lua_State *L) { return reduce(L, LT_STD, "std"); }
static int col_min(lua_State *L) { return reduce(L, LT_MIN, "min"); }
static int col_max(lua_State *L) { return reduce(L, LT_MAX, "max"); }
static int col_median(lua_State *L) { return reduce(L, LT_MEDIAN, "median"); }

static double checkprob(lua_State *L, int arg)
{
    double q = lua_tonumber(L, -1);
    if (lua_type(L, -1) != LUA_TNUMBER || !(q >= 0 && q <= 1))
        luaL_argerror(L, arg, "probability between 0 and 1 (or an array of them) expected");
    lua_pop(L, 1);
    return q;
}

/* quantile(q) -> number; quantile({q...}) -> column (f64, or time for a
 * time column), so that several quantiles print and compute like data. */
static int col_quantile(lua_State *L)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    bool many = lua_type(L, 2) == LUA_TTABLE;
    lt_lua_checkopts(L, 3, na_rm_opts);
    bool na_rm = lt_lua_optbool(L, 3, "na_rm", true);
    lua_Integer np = 1;
    if (many) {
        np = (lua_Integer)lua_rawlen(L, 2);
        luaL_argcheck(L, np > 0 && np <= INT32_MAX, 2, "non-empty array of probabilities expected");
    }
    double *probs = lt_lua_buffer(L, (size_t)np, sizeof *probs);
    double *out = lt_lua_buffer(L, (size_t)np, sizeof *out);
    for (lua_Integer i = 0; i < np; i++) {
        if (many)
            lua_rawgeti(L, 2, i + 1);
        else
            lua_pushvalue(L, 2);
        probs[i] = checkprob(L, 2);
    }
    if (lt_col_quantile(c, probs, (int)np, na_rm, out) < 0)
        return lt_lua_error(L, "quantile");
    if (!many) {
        pushresult(L, c, out[0], false);
        return 1;
    }
    lt_col **slot = lt_lua_newcol(L);
    if (c->type != LT_TIME)
        return lt_lua_result(L, *slot = lt_col_from_f64(out, np), "quantile");
    int64_t *us = lt_lua_buffer(L, (size_t)np, sizeof *us);
    uint8_t *na = lt_lua_buffer(L, (size_t)np, sizeof *na);
    for (lua_Integer i = 0; i < np; i++) {
        na[i] = isnan(out[i]);
        us[i] = na[i] ? 0 : llround(out[i]);
    }
    *slot = lt_col_from_time(us, na, np, c->tkind);
    lua_pop(L, 2);   /* the scratch arrays; the column is on top again */
    return lt_lua_result(L, *slot, "quantile");
}

static int col_n_unique(lua_State *L)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_lua_checkopts(L, 2, na_rm_opts);
    bool na_rm = lt_lua_optbool(L, 2, "na_rm", true);
    int64_t n = lt_col_n_unique(c, !na_rm);
    if (n < 0)
        return lt_lua_error(L, "n_unique");
    lua_pushinteger(L, n);
    return 1;
}

/* ---- missing values, conversion, tallies -------------------------------- */

static int col_is_na(lua_State *L)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_is_na_col(c);
    return lt_lua_result(L, *slot, "is_na");
}

static int col_fill_na(lua_State *L)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    const lt_col *v = lt_lua_checkoperand(L, 2, "fill_na");
    luaL_argcheck(L, v->n == 1, 2, "a value or a column of length 1 expected");
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_fill_na(c, v);
    return lt_lua_result(L, *slot, "fill_na");
}

static int col_astype(lua_State *L)
{
    static const char *const opts[] = {"lenient", NULL};
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_type t = lt_lua_checktype(L, 2, luaL_checkstring(L, 2), NULL);
    lt_lua_checkopts(L, 3, opts);
    bool lenient = lt_lua_optbool(L, 3, "lenient", false);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_astype(c, t, lenient);
    return lt_lua_result(L, *slot, "astype");
}

static int col_counts(lua_State *L)
{
    static const char *const opts[] = {"dropna", NULL};
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_lua_checkopts(L, 2, opts);
    bool dropna = lt_lua_optbool(L, 2, "dropna", false);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_col_counts(c, dropna);
    return lt_lua_result(L, *slot, "counts");
}

static int col_unique(lua_State *L)
{
    const lt_col *c = lt_lua_checkcol(L, 1);
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_col_unique(c);
    return lt_lua_result(L, *slot, "unique");
}

/* ---- registration ------------------------------------------------------- */

#define NA_RM_OPT "na_rm = true   skip missing values; false: any missing value gives nil"

const lt_lua_reg lt_lua_column_methods[] = {
    {"indexing", NULL, "#c, c[i]",
     "Length; value i (1-based), nil when missing.\n"
     "i64 values are Lua integers, f64 floats, bool booleans, str strings, and\n"
     "times ISO strings (\"2024-01-31\", \"2024-01-31 13:45:00\").  A row outside\n"
     "1..#c raises.",
     NULL,
     "local tenure = churn.tenure\nprint(#tenure, tenure[1])   --> 7043   1"},
    {"operators", NULL, "c + x, c * x, a & b, ~a, ...",
     "Element-wise arithmetic and logic.\n"
     "+ - * / % ^ and unary -, and & | ~ on bool columns.  x is a column of the\n"
     "same length, a length-1 column or a number, string or boolean (broadcast).\n"
     "Missing values propagate (NA & false is false, NA | true is true).\n"
     "i64 + - * % i64 stays i64 (overflow gives missing); / and ^ give f64.\n"
     "Compare with the methods eq ne lt le gt ge: Lua's == < <= give booleans.",
     NULL,
     "local total = churn.monthly_charges * churn.tenure\n"
     "local long_dsl = churn.tenure:gt(24) & churn.internet_service:eq(\"DSL\")"},
    {"type", col_type, "c:type()", "Type name: f64, i64, bool, str or time.", NULL,
     "churn.tenure:type()   --> \"i64\""},
    {"missing", col_missing, "c:missing()", "Number of missing values.", NULL,
     "churn.total_charges:missing()   --> 11"},
    {"to_table", col_to_table, "c:to_table()",
     "Values as a Lua array (length in field n).\n"
     "Missing values are nil holes, hence the length in n, as table.pack does.",
     NULL, "local v = churn.tenure:to_table()\nprint(v.n, v[1])   --> 7043   1"},
    {"eq", col_eq, "c:eq(x)", "Element-wise ==, as a bool column.", NULL,
     "churn.churn:eq(\"Yes\"):mean()   -- the churn rate"},
    {"ne", col_ne, "c:ne(x)", "Element-wise ~=, as a bool column.", NULL,
     "churn.contract:ne(\"Month-to-month\")"},
    {"lt", col_lt, "c:lt(x)", "Element-wise <, as a bool column.", NULL,
     "churn.tenure:lt(12)"},
    {"le", col_le, "c:le(x)", "Element-wise <=, as a bool column.", NULL,
     "churn.tenure:le(12)"},
    {"gt", col_gt, "c:gt(x)", "Element-wise >, as a bool column.", NULL,
     "churn.monthly_charges:gt(100)"},
    {"ge", col_ge, "c:ge(x)", "Element-wise >=, as a bool column.", NULL,
     "churn.tenure:ge(72)"},
    {"log", col_log, "c:log()", "Natural logarithm (f64).\n"
     "log(0) is -inf; the log of a negative value is missing.", NULL,
     "churn.total_charges:log()"},
    {"exp", col_exp, "c:exp()", "Exponential (f64).", NULL, "(-churn.tenure):exp()"},
    {"sqrt", col_sqrt, "c:sqrt()", "Square root (f64); negatives give missing.",
     NULL, "churn.tenure:sqrt()"},
    {"abs", col_abs, "c:abs()", "Absolute value (i64 stays i64).", NULL,
     "(churn.tenure - 36):abs()"},
    {"round", col_round, "c:round([digits])", "Round to digits decimals, half to even.\n"
     "digits defaults to 0 and may be negative (round(-1): tens); halves go to the\n"
     "even neighbour as in R; i64 columns stay i64 (only negative digits change\n"
     "them: 15 and 25 round to 20 with digits -1).", NULL,
     "churn.monthly_charges:round(1)\nchurn.tenure:round(-1)"},
    {"sum", col_sum, "c:sum([opts])", "Sum (an integer for i64 and bool).\n"
     "The sum of no values is 0.", NA_RM_OPT, "churn.tenure:sum()   --> 227990"},
    {"mean", col_mean, "c:mean([opts])", "Mean (of a bool column: share of true).",
     NA_RM_OPT, "churn.total_charges:mean()\nchurn.total_charges:mean{ na_rm = false }   --> nil"},
    {"std", col_std, "c:std([opts])", "Sample standard deviation (n - 1).", NA_RM_OPT,
     "churn.monthly_charges:std()"},
    {"var", col_var, "c:var([opts])", "Sample variance (n - 1).", NA_RM_OPT,
     "churn.monthly_charges:var()"},
    {"min", col_min, "c:min([opts])", "Smallest value (times as ISO strings).", NA_RM_OPT,
     "churn.tenure:min()   --> 0"},
    {"max", col_max, "c:max([opts])", "Largest value (times as ISO strings).", NA_RM_OPT,
     "churn.tenure:max()   --> 72"},
    {"median", col_median, "c:median([opts])", "Median.", NA_RM_OPT, "churn.tenure:median()"},
    {"quantile", col_quantile, "c:quantile(q [, opts])", "Quantiles by R's type 7.\n"
     "q is a probability (the result is a number) or an array of them (the result\n"
     "is a column: f64, or time for a time column); linear interpolation as\n"
     "R's default and numpy's \"linear\".",
     NA_RM_OPT, "churn.tenure:quantile(0.9)\nchurn.tenure:quantile{ 0.25, 0.5, 0.75 }"},
    {"n_unique", col_n_unique, "c:n_unique([opts])", "Number of distinct values.",
     "na_rm = true   false: missing counts as one more value when present",
     "churn.payment_method:n_unique()   --> 4"},
    {"is_na", col_is_na, "c:is_na()", "Bool column, true where c is missing.", NULL,
     "churn.total_charges:is_na():sum()   --> 11"},
    {"fill_na", col_fill_na, "c:fill_na(v)", "Replace missing values by v.\n"
     "v is a value of a compatible type: a number for numbers, a string for str.",
     NULL, "churn.total_charges:fill_na(0)"},
    {"astype", col_astype, "c:astype(type [, opts])", "Convert to another type.\n"
     "type is \"f64\", \"i64\", \"bool\", \"str\", \"date\" or \"datetime\".  Strings are\n"
     "parsed; anything converts to str as printed.  \"date\" and \"datetime\" both\n"
     "give a time column, shown as dates when every parsed value is a date.",
     "lenient = false   true: truncate fractional f64 to i64 and make values that\n"
     "                  do not convert missing, instead of raising",
     "churn.tenure:astype(\"f64\")\n"
     "frame{ d = { \"2024-01-31\", \"soon\" } }.d:astype(\"date\", { lenient = true })"},
    {"counts", col_counts, "c:counts([opts])", "Value counts as a frame (value, n).\n"
     "Most frequent first, ties in order of first appearance.",
     "dropna = false   true: leave missing values out (else they get a row)",
     "churn.contract:counts()"},
    {"unique", col_unique, "c:unique()", "Distinct values, in order of appearance.\n"
     "A missing value appears once, where it first occurs.", NULL,
     "churn.contract:unique()"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_column(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__gc", col_gc},
        {"__close", col_gc},
        {"__tostring", col_tostring},
        {"__len", col_len},
        {"__newindex", col_newindex},
        {"__add", col_add},
        {"__sub", col_sub},
        {"__mul", col_mul},
        {"__div", col_div},
        {"__mod", col_mod},
        {"__pow", col_pow},
        {"__unm", col_unm},
        {"__band", col_band},
        {"__bor", col_bor},
        {"__bnot", col_bnot},
        {"__concat", col_concat},
        {"__lt", col_order},
        {"__le", col_order},
        {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_COLUMN_MT, meta, col_index);
}
