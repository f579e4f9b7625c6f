/* Unit tests of core/reshape.c: pivot_longer, pivot_wider and crosstab on
 * small frames worked out by hand (crosstab's cases as pandas 1.5 prints
 * them), with missing values, type promotion, duplicates, fill, empty
 * inputs and the error messages. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "reshape.h"
#include "tap.h"

#define NA NAN
#define S(...) ((const char *[]){ __VA_ARGS__ })
#define I(...) ((int64_t[]){ __VA_ARGS__ })
#define F(...) ((double[]){ __VA_ARGS__ })
#define M(...) ((uint8_t[]){ __VA_ARGS__ })
#define IDX(...) ((int[]){ __VA_ARGS__ })

/* ---- building and checking --------------------------------------------- */

static lt_frame *frame_of(int n, const char *const *names, lt_col **cols)
{
    lt_frame *f = lt_frame_new();
    for (int j = 0; j < n; j++) {
        lt_frame_add(f, names[j], cols[j]);
        lt_col_unref(cols[j]);
    }
    return f;
}

static lt_col *strs(const char *const *s, int64_t n) { return lt_col_from_strs(s, NULL, n); }

static bool names_are(const lt_frame *f, int n, const char *const *want, const char *what)
{
    bool pass = f && f->ncol == n;
    for (int j = 0; pass && j < n; j++)
        pass = strcmp(f->names[j], want[j]) == 0;
    ok(pass, "%s: columns", what);
    if (!pass && f)
        for (int j = 0; j < f->ncol; j++)
            printf("#   column %d: %s\n", j, f->names[j]);
    return pass;
}

/* want[i] with na[i] set meaning missing (na may be NULL). */
static void col_i64(const lt_col *c, int64_t n, const int64_t *want, const uint8_t *na,
                    const char *what)
{
    bool pass = c && c->type == LT_I64 && c->n == n;
    for (int64_t i = 0; pass && i < n; i++)
        pass = na && na[i] ? lt_col_is_na(c, i)
                           : !lt_col_is_na(c, i) && lt_col_i64(c)[i] == want[i];
    ok(pass, "%s", what);
    for (int64_t i = 0; !pass && c && i < c->n; i++)
        printf("#   [%lld] %s %lld\n", (long long)i, lt_col_is_na(c, i) ? "NA" : "",
               c->type == LT_I64 ? (long long)lt_col_i64(c)[i] : -999LL);
}

/* NaN in want means missing; shares compared to 1e-15. */
static void col_f64(const lt_col *c, int64_t n, const double *want, const char *what)
{
    bool pass = c && c->type == LT_F64 && c->n == n;
    for (int64_t i = 0; pass && i < n; i++) {
        double v = lt_col_f64(c)[i];
        pass = isnan(want[i]) ? isnan(v) : fabs(v - want[i]) <= 1e-15;
    }
    ok(pass, "%s", what);
    for (int64_t i = 0; !pass && c && c->type == LT_F64 && i < c->n; i++)
        printf("#   [%lld] %.17g\n", (long long)i, lt_col_f64(c)[i]);
}

/* NULL in want means missing. */
static void col_str(const lt_col *c, int64_t n, const char *const *want, const char *what)
{
    bool pass = c && c->type == LT_STR && c->n == n;
    for (int64_t i = 0; pass && i < n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        pass = want[i] ? s && strcmp(s, want[i]) == 0 : s == NULL;
    }
    ok(pass, "%s", what);
    for (int64_t i = 0; !pass && c && c->type == LT_STR && i < c->n; i++)
        printf("#   [%lld] %s\n", (long long)i,
               lt_col_get_str(c, i, NULL) ? lt_col_get_str(c, i, NULL) : "NA");
}

static void fails(const void *p, int code, const char *msg, const char *what)
{
    ok(p == NULL && lt_errcode() == code, "%s: fails with code %d", what, code);
    is_str(lt_errmsg(), msg, "%s: message", what);
}

/* ---- pivot_longer ------------------------------------------------------- */

/* id (str), x (i64), y (i64), z (f64), flag (bool) over 3 rows. */
static lt_frame *wide(void)
{
    return frame_of(5, S("id", "x", "y", "z", "flag"), (lt_col *[]){
        strs(S("a", "b", NULL), 3),
        lt_col_from_i64(I(1, 0, 3), M(0, 1, 0), 3),
        lt_col_from_i64(I(4, 5, 6), NULL, 3),
        lt_col_from_f64(F(0.5, NA, 2), 3),
        lt_col_from_bool(M(1, 0, 1), M(0, 0, 1), 3),
    });
}

static void test_longer(void)
{
    lt_frame *f = wide();
    lt_frame *r = lt_frame_pivot_longer(f, IDX(1, 2), 2, "name", "value");
    if (names_are(r, 5, S("id", "z", "flag", "name", "value"), "longer i64+i64")) {
        is_int(r->nrow, 6, "longer: 3 rows x 2 columns");
        col_str(r->cols[0], 6, S("a", "a", "b", "b", NULL, NULL), "longer: ids repeated by row");
        col_f64(r->cols[1], 6, F(0.5, 0.5, NA, NA, 2, 2), "longer: f64 id repeated");
        const lt_col *b = r->cols[2];
        ok(b->type == LT_BOOL && lt_col_bool(b)[0] == 1 && lt_col_bool(b)[1] == 1 &&
           lt_col_bool(b)[2] == 0 && lt_col_bool(b)[3] == 0 && !lt_col_is_na(b, 3) &&
           lt_col_is_na(b, 4) && lt_col_is_na(b, 5), "longer: bool id repeated");
        col_str(r->cols[3], 6, S("x", "y", "x", "y", "x", "y"), "longer: names by row, then col");
        col_i64(r->cols[4], 6, I(1, 4, 0, 5, 3, 6), M(0, 0, 1, 0, 0, 0),
                "longer: i64 with i64 stays i64, missing kept");
    }
    lt_frame_free(r);

    r = lt_frame_pivot_longer(f, IDX(3, 1), 2, "k", "v");
    if (names_are(r, 5, S("id", "y", "flag", "k", "v"), "longer f64+i64")) {
        col_str(r->cols[3], 6, S("z", "x", "z", "x", "z", "x"), "longer: in the order of cols");
        col_f64(r->cols[4], 6, F(0.5, 1, NA, NA, 2, 3), "longer: f64 with i64 gives f64");
    }
    lt_frame_free(r);

    r = lt_frame_pivot_longer(f, IDX(4, 2), 2, "k", "v");
    if (names_are(r, 5, S("id", "x", "z", "k", "v"), "longer bool+i64"))
        col_i64(r->cols[4], 6, I(1, 4, 0, 5, 0, 6), M(0, 0, 0, 0, 1, 0),
                "longer: bool with i64 gives i64");
    lt_frame_free(r);

    r = lt_frame_pivot_longer(f, IDX(4), 1, "k", "v");
    ok(r && r->cols[5]->type == LT_BOOL && r->cols[5]->nmiss == 1 && r->nrow == 3,
       "longer: one bool column stays bool");
    lt_frame_free(r);

    r = lt_frame_pivot_longer(f, IDX(0, 1, 2, 3), 4, "k", "v");
    fails(r, LT_ETYPE, "pivot_longer: cannot stack str column 'id' with number column 'x' "
                       "into one value column; pivot them separately or convert one with "
                       "astype", "longer: str with numbers");
    fails(lt_frame_pivot_longer(f, NULL, 0, "k", "v"), LT_EINVAL,
          "pivot_longer: no columns to stack; cols must name or select at least one column",
          "longer: no columns");
    fails(lt_frame_pivot_longer(f, IDX(1, 1), 2, "k", "v"), LT_EINVAL,
          "pivot_longer: column 'x' is given twice in cols", "longer: a column twice");
    fails(lt_frame_pivot_longer(f, IDX(1, 2), 2, "id", "v"), LT_EINVAL,
          "pivot_longer: names_to = 'id' is also the name of an id column; choose another "
          "name", "longer: names_to clashes with an id");
    fails(lt_frame_pivot_longer(f, IDX(1, 2), 2, "k", "z"), LT_EINVAL,
          "pivot_longer: values_to = 'z' is also the name of an id column; choose another "
          "name", "longer: values_to clashes with an id");
    fails(lt_frame_pivot_longer(f, IDX(1, 2), 2, "k", "k"), LT_EINVAL,
          "pivot_longer: names_to and values_to are both 'k'; give two different names",
          "longer: names_to = values_to");
    r = lt_frame_pivot_longer(f, IDX(1, 2), 2, "x", "y");
    ok(r && strcmp(r->names[3], "x") == 0 && strcmp(r->names[4], "y") == 0,
       "longer: names_to / values_to may reuse the stacked columns' names");
    lt_frame_free(r);

    lt_frame *e = lt_frame_slice(f, 0, 0);
    r = lt_frame_pivot_longer(e, IDX(1, 3), 2, "k", "v");
    ok(r && r->nrow == 0 && r->ncol == 5 && r->cols[4]->type == LT_F64 &&
       r->cols[3]->type == LT_STR, "longer: an empty frame gives an empty frame, typed");
    lt_frame_free(r);
    lt_frame_free(e);
    lt_frame_free(f);
}

static void test_longer_strings_times(void)
{
    lt_col *s = strs(S("p", "q", NULL, "q"), 4);
    lt_col *s1 = lt_col_slice(s, 0, 2), *s2 = lt_col_slice(s, 2, 2);
    lt_frame *f = frame_of(4, S("s1", "s2", "t", "u"), (lt_col *[]){
        s1, s2, strs(S("r", "p"), 2),
        strs(S("x", "y"), 2),
    });
    lt_col_unref(s);
    lt_frame *r = lt_frame_pivot_longer(f, IDX(0, 1), 2, "k", "v");
    ok(r && r->cols[3]->dict == f->cols[0]->dict, "longer: strings on one dictionary share it");
    if (r)
        col_str(r->cols[3], 4, S("p", NULL, "q", "q"), "longer: str values on one dictionary");
    lt_frame_free(r);
    r = lt_frame_pivot_longer(f, IDX(0, 2, 3), 3, "k", "v");
    if (r)
        col_str(r->cols[2], 6, S("p", "r", "x", "q", "p", "y"),
                "longer: str values on different dictionaries, merged");
    ok(r && lt_dict_size(r->cols[2]->dict) == 5, "longer: the merged dictionary has each "
                                                  "string once");
    lt_frame_free(r);
    lt_frame_free(f);

    f = frame_of(2, S("d", "dt"), (lt_col *[]){
        lt_col_from_time(I(0, LT_US_PER_DAY), M(0, 1), 2, LT_DATE),
        lt_col_from_time(I(5, 7), NULL, 2, LT_DATETIME),
    });
    r = lt_frame_pivot_longer(f, IDX(0, 1), 2, "k", "v");
    ok(r && r->cols[1]->type == LT_TIME && r->cols[1]->tkind == LT_DATETIME &&
       lt_col_i64(r->cols[1])[0] == 0 && lt_col_i64(r->cols[1])[1] == 5 &&
       lt_col_is_na(r->cols[1], 2) && lt_col_i64(r->cols[1])[3] == 7,
       "longer: dates with datetimes give datetimes");
    lt_frame_free(r);
    r = lt_frame_pivot_longer(f, IDX(0), 1, "k", "v");
    ok(r && r->cols[2]->tkind == LT_DATE, "longer: dates alone stay dates");
    lt_frame_free(r);
    lt_frame_free(f);
}

/* ---- pivot_wider -------------------------------------------------------- */

/* A test aggregate: the sum of an i64 column per group, skipping missing
 * values (the real ones live in agg.c; this one keeps the test on its
 * own). */
static lt_col *test_sum(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    lt_col *r = lt_col_new(LT_I64, ctx->ngroups);
    for (int64_t g = 0; g < ctx->ngroups; g++)
        for (int64_t k = 0; k < lt_fn_group_size(ctx, g); k++) {
            int64_t i = lt_fn_group_row(ctx, g, k);
            if (!lt_col_is_na(args[0], i))
                lt_col_i64(r)[g] += lt_col_i64(args[0])[i];
        }
    return lt_col_finish(r);
}

static const lt_fn sum_fn = {"sum", LT_FN_AGG, 1, 1, test_sum, NULL, 0, NULL, NULL, NULL};
static const lt_fn not_agg = {"lower", LT_FN_MAP, 1, 1, test_sum, NULL, 0, NULL, NULL, NULL};

/* id, k, v, w over 6 rows: cell (b, y) has a missing v. */
static lt_frame *longf(void)
{
    return frame_of(4, S("id", "k", "v", "w"), (lt_col *[]){
        strs(S("b", "b", "a", "a", "c", NULL), 6),
        strs(S("y", "x", "y", "x", "y", "x"), 6),
        lt_col_from_i64(I(1, 2, 3, 4, 0, 6), M(1, 0, 0, 0, 0, 0), 6),
        lt_col_from_f64(F(0.5, 1.5, 2.5, 3.5, 4.5, 5.5), 6),
    });
}

static void test_wider(void)
{
    lt_frame *f = longf();
    lt_frame *r = lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2), 1, NULL, NULL);
    if (names_are(r, 3, S("id", "x", "y"), "wider")) {
        col_str(r->cols[0], 4, S("b", "a", "c", NULL), "wider: ids in order of first "
                                                      "appearance, missing id a row");
        col_i64(r->cols[1], 4, I(2, 4, 0, 6), M(0, 0, 1, 0), "wider: column x");
        col_i64(r->cols[2], 4, I(0, 3, 0, 0), M(1, 0, 0, 1), "wider: column y (a missing "
                                                             "value and an empty cell)");
    }
    lt_frame_free(r);

    lt_col *zero = lt_col_scalar_i64(-1);
    r = lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2), 1, NULL, zero);
    if (r) {
        col_i64(r->cols[1], 4, I(2, 4, -1, 6), NULL, "wider fill: the empty cell filled");
        col_i64(r->cols[2], 4, I(0, 3, 0, -1), M(1, 0, 0, 0),
                "wider fill: a missing value of the data stays missing");
    }
    lt_frame_free(r);
    lt_col_unref(zero);

    lt_col *half = lt_col_scalar_f64(0.5);
    r = lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2), 1, NULL, half);
    if (r)
        col_f64(r->cols[1], 4, F(2, 4, 0.5, 6), "wider fill: an i64 column filled with a "
                                                "f64 becomes f64");
    lt_frame_free(r);
    lt_col_unref(half);

    lt_col *na = lt_col_scalar_f64(NA);
    r = lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2), 1, NULL, na);
    ok(r && r->cols[1]->type == LT_I64 && lt_col_is_na(r->cols[1], 2),
       "wider fill: a missing fill changes nothing");
    lt_frame_free(r);
    lt_col_unref(na);

    lt_col *word = lt_col_scalar_str("none", 4);
    fails(lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2), 1, NULL, word), LT_ETYPE,
          "pivot_wider: fill is str, which does not fit the i64 values of 'v'",
          "wider fill: str into numbers");
    r = lt_frame_pivot_wider(f, IDX(0), 1, 2, IDX(1), 1, NULL, word);
    if (names_are(r, 7, S("id", "0", "2", "3", "4", "6", "NA"), "wider: numeric keys")) {
        col_str(r->cols[4], 4, S("none", "x", "none", "none"), "wider: str values, str fill "
                                                               "added to the dictionary");
        col_str(r->cols[1], 4, S("none", "none", "y", "none"), "wider: key 0");
    }
    lt_frame_free(r);
    lt_col_unref(word);

    r = lt_frame_pivot_wider(f, IDX(0), 1, 1, IDX(2, 3), 2, NULL, NULL);
    if (names_are(r, 5, S("id", "v_x", "v_y", "w_x", "w_y"), "wider: two value columns"))
        col_f64(r->cols[4], 4, F(0.5, 2.5, 4.5, NA), "wider: w_y");
    lt_frame_free(r);

    r = lt_frame_pivot_wider(f, NULL, 0, 1, IDX(3), 1, NULL, NULL);
    fails(r, LT_EINVAL, "pivot_wider: 3 rows have k = 'x' and there are no id columns; give "
                        "agg = 'mean' (or 'first', 'sum', 'count' ...) to combine them",
          "wider: duplicates without ids");

    lt_frame_free(f);
}

static void test_wider_agg(void)
{
    lt_frame *f = frame_of(4, S("g", "n", "k", "v"), (lt_col *[]){
        strs(S("a", "a", "a", "b", "a"), 5),
        lt_col_from_i64(I(1, 1, 1, 2, 1), NULL, 5),
        lt_col_from_i64(I(20, 3, 20, 3, 20), M(0, 0, 0, 0, 0), 5),
        lt_col_from_i64(I(1, 2, 4, 8, 0), M(0, 0, 0, 0, 1), 5),
    });
    fails(lt_frame_pivot_wider(f, IDX(0, 1), 2, 2, IDX(3), 1, NULL, NULL), LT_EINVAL,
          "pivot_wider: 3 rows share id (g = 'a', n = 1) and k = 20; give agg = 'mean' (or "
          "'first', 'sum', 'count' ...) to combine them", "wider: duplicate cells");
    lt_frame *r = lt_frame_pivot_wider(f, IDX(0, 1), 2, 2, IDX(3), 1, &sum_fn, NULL);
    if (names_are(r, 4, S("g", "n", "3", "20"), "wider agg: keys sorted as numbers")) {
        col_i64(r->cols[2], 2, I(2, 8), NULL, "wider agg: sum of one row");
        col_i64(r->cols[3], 2, I(5, 0), M(0, 1), "wider agg: sum of three rows (one "
                                                 "missing); an empty cell stays missing");
    }
    lt_frame_free(r);
    fails(lt_frame_pivot_wider(f, IDX(0), 1, 2, IDX(3), 1, &not_agg, NULL), LT_EINVAL,
          "pivot_wider: agg = 'lower' is not an aggregate function", "wider: a map as agg");

    /* Missing keys: a column "NA", last. */
    lt_frame *g = frame_of(3, S("id", "k", "v"), (lt_col *[]){
        strs(S("a", "a", "a"), 3),
        lt_col_from_bool(M(1, 0, 0), M(0, 0, 1), 3),
        lt_col_from_i64(I(1, 2, 3), NULL, 3),
    });
    r = lt_frame_pivot_wider(g, IDX(0), 1, 1, IDX(2), 1, NULL, NULL);
    if (names_are(r, 4, S("id", "false", "true", "NA"), "wider: bool keys, missing last"))
        col_i64(r->cols[3], 1, I(3), NULL, "wider: the NA column");
    lt_frame_free(r);
    lt_frame_free(g);

    /* Errors on roles and names. */
    fails(lt_frame_pivot_wider(f, IDX(0, 2), 2, 2, IDX(3), 1, NULL, NULL), LT_EINVAL,
          "pivot_wider: column 'k' is names_from and an id column; give each column one role",
          "wider: key also an id");
    fails(lt_frame_pivot_wider(f, IDX(0, 3), 2, 2, IDX(3), 1, NULL, NULL), LT_EINVAL,
          "pivot_wider: column 'v' is a value column and an id column; give each column one "
          "role", "wider: value also an id");
    fails(lt_frame_pivot_wider(f, IDX(0), 1, 2, IDX(3, 3), 2, NULL, NULL), LT_EINVAL,
          "pivot_wider: column 'v' is a value column and named twice; give each column one "
          "role", "wider: a value column twice");
    fails(lt_frame_pivot_wider(f, IDX(0), 1, 2, NULL, 0, NULL, NULL), LT_EINVAL,
          "pivot_wider: values_from must name at least one column", "wider: no values");
    lt_frame *h = frame_of(3, S("x", "k", "v"), (lt_col *[]){
        strs(S("a", "b"), 2), strs(S("x", "y"), 2), lt_col_from_i64(I(1, 2), NULL, 2),
    });
    fails(lt_frame_pivot_wider(h, IDX(0), 1, 1, IDX(2), 1, NULL, NULL), LT_EINVAL,
          "pivot_wider: new column 'x' (from v) has the name of an id column; rename one of "
          "them first", "wider: a new name clashes with an id");
    lt_frame_free(h);
    h = frame_of(3, S("id", "k", "v"), (lt_col *[]){
        strs(S("a", "b"), 2), strs(S("NA", NULL), 2), lt_col_from_i64(I(1, 2), NULL, 2),
    });
    fails(lt_frame_pivot_wider(h, IDX(0), 1, 1, IDX(2), 1, NULL, NULL), LT_EINVAL,
          "pivot_wider: two new columns are named 'NA'; rename or recode the keys first",
          "wider: the key \"NA\" and a missing key");
    lt_frame_free(h);

    /* No id columns: one row; an empty frame: no rows. */
    r = lt_frame_pivot_wider(f, NULL, 0, 2, IDX(3), 1, &sum_fn, NULL);
    if (names_are(r, 2, S("3", "20"), "wider without ids")) {
        is_int(r->nrow, 1, "wider without ids: one row");
        col_i64(r->cols[1], 1, I(5), NULL, "wider without ids: the sum over all rows");
    }
    lt_frame_free(r);
    lt_frame *e = lt_frame_slice(f, 0, 0);
    r = lt_frame_pivot_wider(e, IDX(0), 1, 2, IDX(3), 1, NULL, NULL);
    ok(r && r->nrow == 0 && r->ncol == 1 && strcmp(r->names[0], "g") == 0,
       "wider: an empty frame gives its id columns and no rows");
    lt_frame_free(r);
    lt_frame_free(e);
    lt_frame_free(f);
}

/* ---- crosstab ----------------------------------------------------------- */

static void test_crosstab(void)
{
    lt_col *a = strs(S("x", "y", "x", "x", NULL, "y"), 6);
    lt_col *b = strs(S("p", "q", "q", "p", "p", NULL), 6);
    lt_frame *r = lt_crosstab(a, b, "a", false, LT_NORM_NONE);
    if (names_are(r, 3, S("a", "p", "q"), "crosstab")) {
        col_str(r->cols[0], 2, S("x", "y"), "crosstab: levels of a, sorted, missing dropped");
        col_i64(r->cols[1], 2, I(2, 0), NULL, "crosstab: counts of p");
        col_i64(r->cols[2], 2, I(1, 1), NULL, "crosstab: counts of q");
    }
    lt_frame_free(r);

    r = lt_crosstab(a, b, "a", true, LT_NORM_NONE);
    if (names_are(r, 4, S("a", "p", "q", "All"), "crosstab margins")) {
        col_str(r->cols[0], 3, S("x", "y", "All"), "crosstab margins: an All row");
        col_i64(r->cols[1], 3, I(2, 0, 2), NULL, "crosstab margins: p");
        col_i64(r->cols[3], 3, I(3, 1, 4), NULL, "crosstab margins: All");
    }
    lt_frame_free(r);

    r = lt_crosstab(a, b, "a", true, LT_NORM_ALL);
    if (names_are(r, 4, S("a", "p", "q", "All"), "crosstab all")) {
        col_f64(r->cols[1], 3, F(0.5, 0, 0.5), "crosstab all: p");
        col_f64(r->cols[2], 3, F(0.25, 0.25, 0.5), "crosstab all: q");
        col_f64(r->cols[3], 3, F(0.75, 0.25, 1), "crosstab all: All");
    }
    lt_frame_free(r);

    r = lt_crosstab(a, b, "a", true, LT_NORM_INDEX);
    if (names_are(r, 3, S("a", "p", "q"), "crosstab index: no All column")) {
        col_str(r->cols[0], 3, S("x", "y", "All"), "crosstab index: an All row");
        col_f64(r->cols[1], 3, F(2.0 / 3, 0, 0.5), "crosstab index: p");
        col_f64(r->cols[2], 3, F(1.0 / 3, 1, 0.5), "crosstab index: q");
    }
    lt_frame_free(r);

    r = lt_crosstab(a, b, "a", true, LT_NORM_COLUMNS);
    if (names_are(r, 4, S("a", "p", "q", "All"), "crosstab columns")) {
        col_str(r->cols[0], 2, S("x", "y"), "crosstab columns: no All row");
        col_f64(r->cols[1], 2, F(1, 0), "crosstab columns: p");
        col_f64(r->cols[2], 2, F(0.5, 0.5), "crosstab columns: q");
        col_f64(r->cols[3], 2, F(0.75, 0.25), "crosstab columns: All");
    }
    lt_frame_free(r);

    r = lt_crosstab(b, a, "b", false, LT_NORM_INDEX);
    if (names_are(r, 3, S("b", "x", "y"), "crosstab index without margins"))
        col_f64(r->cols[1], 2, F(1, 0.5), "crosstab index: rows sum to 1");
    lt_frame_free(r);

    lt_col *n = lt_col_from_i64(I(10, 2, 10, 2, 2, 7), M(0, 0, 0, 0, 0, 1), 6);
    r = lt_crosstab(n, a, "n", false, LT_NORM_NONE);
    if (names_are(r, 3, S("n", "x", "y"), "crosstab of i64")) {
        col_i64(r->cols[0], 2, I(2, 10), NULL, "crosstab: i64 levels, sorted as numbers");
        col_i64(r->cols[1], 2, I(1, 2), NULL, "crosstab: counts by number");
    }
    lt_frame_free(r);
    r = lt_crosstab(a, n, "a", true, LT_NORM_NONE);
    if (names_are(r, 4, S("a", "2", "10", "All"), "crosstab: numbers as column names"))
        col_i64(r->cols[2], 3, I(2, 0, 2), NULL, "crosstab: the column 10");
    lt_frame_free(r);
    r = lt_crosstab(n, a, "n", true, LT_NORM_NONE);
    if (r)
        col_str(r->cols[0], 3, S("2", "10", "All"), "crosstab margins: number levels as text");
    lt_frame_free(r);
    lt_col_unref(n);

    lt_col *all = strs(S("All", "x"), 2), *two = strs(S("u", "v"), 2);
    fails(lt_crosstab(two, all, "a", true, LT_NORM_NONE), LT_EINVAL,
          "crosstab: a value of the second column, 'All', would name a column like the "
          "margins; recode it first", "crosstab: a value All with margins");
    r = lt_crosstab(two, all, "a", false, LT_NORM_NONE);
    ok(r && strcmp(r->names[1], "All") == 0, "crosstab: All is a fine name without margins");
    lt_frame_free(r);
    fails(lt_crosstab(two, all, "x", false, LT_NORM_NONE), LT_EINVAL,
          "crosstab: a value of the second column, 'x', would name a column like the first "
          "one; recode it first", "crosstab: a value named like the first column");
    fails(lt_crosstab(two, a, "a", false, LT_NORM_NONE), LT_ELENGTH,
          "crosstab: the two columns differ in length (2 and 6 values)", "crosstab: lengths");
    lt_col_unref(all);
    lt_col_unref(two);

    lt_col *none = strs(S(NULL, NULL), 2), *some = strs(S("p", "q"), 2);
    r = lt_crosstab(none, some, "a", false, LT_NORM_NONE);
    ok(r && r->nrow == 0 && r->ncol == 1, "crosstab: no complete pair gives an empty table");
    lt_frame_free(r);
    r = lt_crosstab(none, some, "a", true, LT_NORM_ALL);
    if (names_are(r, 2, S("a", "All"), "crosstab: empty with margins")) {
        col_str(r->cols[0], 1, S("All"), "crosstab: empty with margins: the All row");
        col_f64(r->cols[1], 1, F(NA), "crosstab: a share of a zero total is missing");
    }
    lt_frame_free(r);
    lt_col_unref(none);
    lt_col_unref(some);
    lt_col_unref(a);
    lt_col_unref(b);
}

int main(void)
{
    test_longer();
    test_longer_strings_times();
    test_wider();
    test_wider_agg();
    test_crosstab();
    return tap_done();
}
