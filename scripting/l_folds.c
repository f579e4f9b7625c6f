/* Lua binding of the cross-validation plans (core/folds.h): folds(df, opts),
 * an iterator for the generic for that yields train, test, fold, rep.
 *
 * folds() checks everything and computes the whole plan at once (the fold
 * of every row in every repeat, or the time ranges), so that a bad option
 * raises before the loop starts; each step then gathers one split's rows,
 * in df's row order, into two new frames (lt_frame_take). */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "folds.h"
#include "help.h"
#include "l_aux.h"
#include "sort.h"

/* df:split's convention: the seed when none is given. */
enum { DEFAULT_SEED = 1, DEFAULT_K = 5 };

/* The plan, in a userdata that the iterator keeps as an upvalue; its
 * arrays live in other userdata kept the same way. */
typedef struct plan {
    int64_t n;
    int k, repeats;
    int next;            /* the split to yield next, 0 .. k * repeats - 1 */
    bool time;
    int32_t *fold;       /* k-fold: repeats * n folds */
    int64_t *order;      /* time: the rows in time order, NULL for df's order */
    int64_t *ranges;     /* time: train_lo, train_hi, test_lo, test_hi, k each */
    int64_t *idx;        /* n: the rows of a split, test then train */
    uint8_t *side;       /* n: time, which side a row is on (0 none, 1 test, 2 train) */
} plan;

/* Upvalues of the iterator. */
enum { UP_FRAME = 1, UP_PLAN };

/* Gather the rows of split `s` into p->idx: test rows first, then train,
 * each in df's row order; the counts into *ntest, *ntrain. */
static void split_rows(plan *p, int s, int64_t *ntest, int64_t *ntrain)
{
    int64_t n = p->n, nt = 0, nr = 0;
    if (!p->time) {
        const int32_t *fold = p->fold + (int64_t)(s / p->k) * n;
        int32_t f = s % p->k;
        for (int64_t i = 0; i < n; i++)
            nt += fold[i] == f;
        int64_t a = 0, b = nt;
        for (int64_t i = 0; i < n; i++)
            p->idx[fold[i] == f ? a++ : b++] = i;
        nr = n - nt;
    } else {
        const int64_t *r = p->ranges;
        int k = p->k;
        int64_t trl = r[s], trh = r[k + s], tel = r[2 * k + s], teh = r[3 * k + s];
        memset(p->side, 0, (size_t)n);
        for (int64_t j = tel; j < teh; j++)
            p->side[p->order ? p->order[j] : j] = 1;
        for (int64_t j = trl; j < trh; j++)
            p->side[p->order ? p->order[j] : j] = 2;
        nt = teh - tel;
        nr = trh - trl;
        int64_t a = 0, b = nt;
        for (int64_t i = 0; i < n; i++)
            if (p->side[i])
                p->idx[p->side[i] == 1 ? a++ : b++] = i;
    }
    *ntest = nt;
    *ntrain = nr;
}

/* The iterator: train, test, fold, rep for the next split, or nothing. */
static int folds_next(lua_State *L)
{
    lt_frame *f = *(lt_frame **)lua_touserdata(L, lua_upvalueindex(UP_FRAME));
    plan *p = lua_touserdata(L, lua_upvalueindex(UP_PLAN));
    if (p->next >= p->k * p->repeats)
        return 0;
    int s = p->next++;
    int64_t nt, nr;
    split_rows(p, s, &nt, &nr);
    lt_frame **train = lt_lua_newframe(L);
    *train = lt_frame_take(f, p->idx + nt, nr);
    lt_lua_result(L, *train, "folds");
    lt_frame **test = lt_lua_newframe(L);
    *test = lt_frame_take(f, p->idx, nt);
    lt_lua_result(L, *test, "folds");
    lua_pushinteger(L, s % p->k + 1);
    lua_pushinteger(L, s / p->k + 1);
    return 4;
}

/* An option that only time-series splits take, or only k-folds. */
static void refuse(lua_State *L, const char *key, bool time)
{
    if (lt_lua_optfield(L, 2, key) != LUA_TNIL)
        luaL_argerror(L, 2, lua_pushfstring(L, time
            ? "option '%s' does not go with time: time splits are ordered, not shuffled"
            : "option '%s' needs time (a column name, or true for df's order)", key));
    lua_pop(L, 1);
}

/* A non-negative integer option within int64_t. */
static int64_t optcount(lua_State *L, const char *key)
{
    lua_Integer v = lt_lua_optint(L, 2, key, 0);
    if (v < 0)
        luaL_argerror(L, 2, lua_pushfstring(L, "option '%s': a number of rows >= 0 expected, "
                                            "got %I", key, v));
    return (int64_t)v;
}

/* The column named by option `key`, or NULL when absent. */
static const lt_col *optcol(lua_State *L, const lt_frame *f, const char *key)
{
    const char *name = lt_lua_optstr(L, 2, key, NULL);
    return name ? f->cols[lt_lua_colindex(L, f, name, "folds")] : NULL;
}

/* The rows of f in the order of the time column: a stable sort, which
 * must find no missing value. */
static int64_t *time_order(lua_State *L, const lt_frame *f, const char *name)
{
    const lt_col *c = f->cols[lt_lua_colindex(L, f, name, "folds")];
    if (c->type == LT_STR)
        luaL_error(L, "folds: time column '%s' is str; expected dates, datetimes or numbers",
                   name);
    if (c->nmiss > 0)
        luaL_error(L, "folds: time column '%s' has %I missing values; expected a time on "
                   "every row", name, (lua_Integer)c->nmiss);
    int64_t *order = lt_lua_buffer(L, (size_t)(f->nrow ? f->nrow : 1), sizeof *order);
    lt_sort_key key = {c, false};
    int64_t *perm = lt_sort_order(&key, 1, f->nrow, NULL);
    if (!perm)
        lt_lua_error(L, "folds");
    memcpy(order, perm, (size_t)f->nrow * sizeof *order);
    free(perm);
    return order;
}

/* for train, test, fold, rep in folds(df [, opts]) do ... end */
static int l_folds(lua_State *L)
{
    static const char *const known[] = {"k", "stratify", "group", "time", "seed",
                                        "repeats", "gap", "test_size", "max_train", NULL};
    const lt_frame *df = lt_lua_checkframe(L, 1);
    lt_lua_checkopts(L, 2, known);
    lua_Integer k = lt_lua_optint(L, 2, "k", DEFAULT_K);
    luaL_argcheck(L, k >= 2 && k <= INT_MAX, 2, "option 'k': at least 2 folds expected");
    int tt = lt_lua_optfield(L, 2, "time");
    luaL_argcheck(L, tt == LUA_TNIL || tt == LUA_TSTRING || tt == LUA_TBOOLEAN, 2,
                  "option 'time': a column name or true expected");
    bool time = tt == LUA_TSTRING || (tt == LUA_TBOOLEAN && lua_toboolean(L, -1));
    const char *time_col = tt == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);   /* the options table keeps the string */
    int64_t n = df->nrow;

    /* [frame copy, plan, arrays...]: the closure takes the first two as
     * upvalues; the arrays stay alive as upvalues too (see below). */
    lt_frame **slot = lt_lua_newframe(L);
    int base = lua_gettop(L);
    plan *p = lua_newuserdatauv(L, sizeof *p, 4);
    memset(p, 0, sizeof *p);
    p->n = n;
    p->k = (int)k;
    p->time = time;
    p->idx = lt_lua_buffer(L, (size_t)(n ? n : 1), sizeof *p->idx);
    lua_setiuservalue(L, base + 1, 1);
    if (time) {
        refuse(L, "stratify", true);
        refuse(L, "group", true);
        refuse(L, "repeats", true);
        refuse(L, "seed", true);
        int64_t gap = optcount(L, "gap"), test_size = optcount(L, "test_size"),
                max_train = optcount(L, "max_train");
        p->repeats = 1;
        p->ranges = lt_lua_buffer(L, 4 * (size_t)k, sizeof *p->ranges);
        lua_setiuservalue(L, base + 1, 2);
        if (lt_folds_time(n, p->k, test_size, gap, max_train, p->ranges, p->ranges + k,
                          p->ranges + 2 * k, p->ranges + 3 * k) < 0)
            return lt_lua_error(L, "folds");
        p->side = lt_lua_buffer(L, (size_t)(n ? n : 1), 1);
        lua_setiuservalue(L, base + 1, 3);
        if (time_col) {
            p->order = time_order(L, df, time_col);
            lua_setiuservalue(L, base + 1, 4);
        }
    } else {
        refuse(L, "gap", false);
        refuse(L, "test_size", false);
        refuse(L, "max_train", false);
        lua_Integer rep = lt_lua_optint(L, 2, "repeats", 1);
        luaL_argcheck(L, rep >= 1 && rep <= INT_MAX / k, 2,
                      "option 'repeats': at least 1 expected");
        p->repeats = (int)rep;
        uint64_t seed = (uint64_t)lt_lua_optint(L, 2, "seed", DEFAULT_SEED);
        const lt_col *strata = optcol(L, df, "stratify"), *groups = optcol(L, df, "group");
        luaL_argcheck(L, !(strata && groups), 2, "give stratify or group, not both");
        if ((uint64_t)n > SIZE_MAX / sizeof *p->fold / (uint64_t)rep)
            return luaL_error(L, "folds: out of memory");
        p->fold = lt_lua_buffer(L, (size_t)(n ? n : 1) * (size_t)rep, sizeof *p->fold);
        lua_setiuservalue(L, base + 1, 2);
        if (lt_folds_assign(n, p->k, p->repeats, strata, groups, seed, p->fold) < 0)
            return lt_lua_error(L, "folds");
    }
    /* the iterator reads a copy of df, which a later df:close() leaves open */
    *slot = lt_frame_copy(df);
    lt_lua_result(L, *slot, "folds");
    lua_settop(L, base + 1);
    lua_pushcclosure(L, folds_next, 2);
    return 1;
}

const lt_lua_reg lt_lua_folds_lib[] = {
    {"folds", l_folds, "folds(df [, opts])",
     "Cross-validation folds: train, test frames.\n"
     "An iterator for the generic for: `for train, test, fold, rep in folds(df) do`\n"
     "runs once per fold and repeat (fold and rep count from 1).  Every row is in\n"
     "the test frame of exactly one fold per repeat, and train holds the others;\n"
     "both keep df's row order.  The rows are shuffled and dealt to the k folds in\n"
     "turn, so fold sizes differ by one at most (the first #df % k folds get the\n"
     "extra row).  With stratify, the rows of each value of that column (missing is\n"
     "a value) are dealt in turn, so each fold holds its share to within one row.\n"
     "With group, the rows of one value stay in one fold: groups, largest first, go\n"
     "to the fold with the fewest rows (as scikit-learn's GroupKFold).  With time,\n"
     "the k splits are scikit-learn's TimeSeriesSplit over the rows in time order:\n"
     "test blocks of test_size rows that end at the last row, each trained on the\n"
     "rows before it (less a gap; the latest max_train of them when given).  The\n"
     "same seed gives the same folds.",
     "k = 5            the number of folds (of splits, with time); 2 to #df\n"
     "stratify = nil   a column name: share each of its values out evenly\n"
     "group = nil      a column name: keep the rows of each value in one fold\n"
     "seed = 1         the random seed (any integer)\n"
     "repeats = 1      repeat the k folds, shuffled anew each time\n"
     "time = nil       a column name: order the rows by it (stable; no missing\n"
     "                 values) and split in time; true: in df's order.  Takes\n"
     "                 none of stratify, group, seed, repeats\n"
     "gap = 0          time: rows left out between train and test\n"
     "test_size = 0    time: rows per test block (0: #df // (k + 1))\n"
     "max_train = 0    time: at most this many training rows (0: no limit)",
     "for train, test, fold in folds(churn, { k = 5, stratify = \"churn\" }) do\n"
     "  print(fold, #train, #test)\n"
     "end\n"
     "for train, test in folds(air, { k = 3, time = \"month\", test_size = 12 }) do\n"
     "  print(#train, #test)\n"
     "end"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
