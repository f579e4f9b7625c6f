/* Grouping: ids of each key type, missing keys, several keys, sorted and
 * first-appearance numbering, joint groups of two tables, the hashed
 * paths against a brute-force oracle, and distinct. */
#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "group.h"
#include "tap.h"

#define N(a) ((int64_t)(sizeof(a) / sizeof *(a)))

static int same_i32(const int32_t *got, const int32_t *want, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (got[i] != want[i]) {
            printf("#   row %lld: got %d, want %d\n", (long long)i, got[i], want[i]);
            return 0;
        }
    return 1;
}

static int same_i64(const int64_t *got, const int64_t *want, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (got[i] != want[i]) {
            printf("#   entry %lld: got %lld, want %lld\n", (long long)i, (long long)got[i],
                   (long long)want[i]);
            return 0;
        }
    return 1;
}

/* first, start and order agree with gid: each group's rows in row order,
 * the first of them its first row. */
static int consistent(const lt_groups *g)
{
    int64_t k = 0;
    for (int64_t grp = 0; grp < g->ngroups; grp++) {
        if (g->start[grp] != k)
            return 0;
        int64_t prev = -1;
        for (int64_t i = 0; i < g->nrow; i++) {
            if (g->gid[i] != grp)
                continue;
            if (prev < 0 && g->first[grp] != i)
                return 0;
            if (g->order[k++] != i)
                return 0;
            prev = i;
        }
        if (prev < 0)
            return 0;   /* an empty group */
    }
    return k == g->nrow && g->start[g->ngroups] == g->nrow;
}

/* Group one key both ways and check the ids. */
static void check1(lt_col *c, const int32_t *want_seen, const int32_t *want_sorted, int64_t ng,
                   const char *what)
{
    lt_groups *g = lt_groups_new(&c, 1, false);
    ok(g && g->ngroups == ng && same_i32(g->gid, want_seen, c->n) && consistent(g),
       "%s: first-appearance ids", what);
    lt_groups_free(g);
    g = lt_groups_new(&c, 1, true);
    ok(g && g->ngroups == ng && same_i32(g->gid, want_sorted, c->n) && consistent(g),
       "%s: sorted ids", what);
    lt_groups_free(g);
}

static lt_col *strs(const char *const *s, int64_t n) { return lt_col_from_strs(s, NULL, n); }

/* ---- a brute-force oracle for many keys --------------------------------- */

/* Three-way comparison of rows i and j over the keys as numbers (missing
 * last, all keys numeric here). */
static int cmp_rows(lt_col *const *keys, int nk, int64_t i, int64_t j)
{
    for (int k = 0; k < nk; k++) {
        bool mi = lt_col_is_na(keys[k], i), mj = lt_col_is_na(keys[k], j);
        if (mi || mj) {
            if (mi != mj)
                return mi ? 1 : -1;
            continue;
        }
        double x = lt_col_get_num(keys[k], i), y = lt_col_get_num(keys[k], j);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static void check_oracle(lt_col *const *keys, int nk, const char *what)
{
    int64_t n = keys[0]->n;
    int32_t *seen = malloc((size_t)n * sizeof *seen), *sorted = malloc((size_t)n * sizeof *sorted);
    bool *isfirst = malloc((size_t)n * sizeof *isfirst);
    int32_t ng = 0;
    for (int64_t i = 0; i < n; i++) {
        seen[i] = -1;
        for (int64_t j = 0; j < i && seen[i] < 0; j++)
            if (cmp_rows(keys, nk, i, j) == 0)
                seen[i] = seen[j];
        if ((isfirst[i] = seen[i] < 0))
            seen[i] = ng++;
    }
    /* sorted id = number of distinct tuples smaller than the row's (each
     * counted at its first row) */
    for (int64_t i = 0; i < n; i++) {
        int32_t rank = 0;
        for (int64_t j = 0; j < n; j++)
            rank += isfirst[j] && cmp_rows(keys, nk, j, i) < 0;
        sorted[i] = rank;
    }
    free(isfirst);
    lt_groups *g = lt_groups_new(keys, nk, false);
    ok(g && g->ngroups == ng && same_i32(g->gid, seen, n) && consistent(g),
       "%s: first-appearance ids as brute force", what);
    lt_groups_free(g);
    g = lt_groups_new(keys, nk, true);
    ok(g && g->ngroups == ng && same_i32(g->gid, sorted, n) && consistent(g),
       "%s: sorted ids as brute force", what);
    lt_groups_free(g);
    free(seen);
    free(sorted);
}

int main(void)
{
    /* ---- str ------------------------------------------------------------ */
    const char *sv[] = { "b", "a", NULL, "b", "a", NULL, "c" };
    lt_col *s = strs(sv, N(sv));
    lt_groups *g = lt_groups_new(&s, 1, false);
    int32_t s_seen[] = { 0, 1, 2, 0, 1, 2, 3 };
    int64_t s_first[] = { 0, 1, 2, 6 }, s_start[] = { 0, 2, 4, 6, 7 },
            s_order[] = { 0, 3, 1, 4, 2, 5, 6 };
    ok(g->nrow == 7 && g->ngroups == 4, "str: 4 groups of 7 rows (missing is one)");
    ok(same_i32(g->gid, s_seen, 7), "str: ids in order of first appearance");
    ok(same_i64(g->first, s_first, 4), "str: first row of each group");
    ok(same_i64(g->start, s_start, 5), "str: group offsets");
    ok(same_i64(g->order, s_order, 7), "str: rows of each group in row order");
    lt_fn_ctx ctx;
    lt_groups_ctx(g, &ctx);
    ok(ctx.nrow == 7 && ctx.ngroups == 4 && ctx.gid == g->gid && ctx.start == g->start &&
       ctx.order == g->order, "lt_groups_ctx borrows the arrays");
    is_int(lt_fn_group_size(&ctx, 1), 2, "ctx: group 'a' has 2 rows");
    is_int(lt_fn_group_row(&ctx, 1, 1), 4, "ctx: its second row is row 4");
    lt_groups_free(g);
    g = lt_groups_new(&s, 1, true);
    int32_t s_sorted[] = { 1, 0, 3, 1, 0, 3, 2 };
    int64_t s_first2[] = { 1, 0, 6, 2 }, s_start2[] = { 0, 2, 4, 5, 7 },
            s_order2[] = { 1, 4, 0, 3, 6, 2, 5 };
    ok(same_i32(g->gid, s_sorted, 7), "str sorted: a b c, missing last");
    ok(same_i64(g->first, s_first2, 4), "str sorted: first rows");
    ok(same_i64(g->start, s_start2, 5), "str sorted: offsets");
    ok(same_i64(g->order, s_order2, 7), "str sorted: rows");
    lt_groups_free(g);

    /* byte order; the empty string is a value; unused dictionary entries
     * (a slice keeps the whole dictionary) do not count */
    const char *bv[] = { "zz", "a", "\xc3\xa9", "Z", "", "a" };
    lt_col *b = strs(bv, N(bv));
    int32_t b_seen[] = { 0, 1, 2, 3, 4, 1 }, b_sorted[] = { 3, 2, 4, 1, 0, 2 };
    check1(b, b_seen, b_sorted, 5, "str byte order (\"\" < Z < a < zz < \xc3\xa9)");
    lt_col *bs = lt_col_slice(b, 1, 2);   /* "a", "é" on the 5-string dictionary */
    int32_t bs_ids[] = { 0, 1 };
    check1(bs, bs_ids, bs_ids, 2, "str slice on a bigger dictionary");
    lt_col_unref(bs);
    lt_col_unref(b);

    /* ---- i64 ------------------------------------------------------------ */
    int64_t iv[] = { 5, -3, 0, 5, INT64_MAX, -3, INT64_MIN };
    uint8_t ina[] = { 0, 0, 1, 0, 0, 0, 0 };
    lt_col *wide = lt_col_from_i64(iv, ina, N(iv));
    int32_t w_seen[] = { 0, 1, 2, 0, 3, 1, 4 }, w_sorted[] = { 2, 1, 4, 2, 3, 1, 0 };
    check1(wide, w_seen, w_sorted, 5, "i64 over the whole range (hashed)");
    lt_col_unref(wide);
    int64_t rv[] = { 10, 12, 10, 0, 11 };
    uint8_t rna[] = { 0, 0, 0, 1, 0 };
    lt_col *narrow = lt_col_from_i64(rv, rna, N(rv));
    int32_t r_seen[] = { 0, 1, 0, 2, 3 }, r_sorted[] = { 0, 2, 0, 3, 1 };
    check1(narrow, r_seen, r_sorted, 4, "i64 of a small range (direct)");
    lt_col_unref(narrow);
    int64_t big[] = { INT64_C(9007199254740993), INT64_C(9007199254740992),
                      INT64_C(9007199254740993) };
    lt_col *bigc = lt_col_from_i64(big, NULL, 3);
    int32_t big_seen[] = { 0, 1, 0 }, big_sorted[] = { 1, 0, 1 };
    check1(bigc, big_seen, big_sorted, 2, "i64 beyond 2^53 stays exact");
    lt_col_unref(bigc);
    int64_t allna[] = { 0, 0, 0 };
    uint8_t allna_m[] = { 1, 1, 1 };
    lt_col *an = lt_col_from_i64(allna, allna_m, 3);
    int32_t zeros[] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    check1(an, zeros, zeros, 1, "i64 all missing: one group");
    lt_col_unref(an);

    /* ---- f64 ------------------------------------------------------------ */
    double fv[] = { 0.0, -0.0, NAN, 1.5, -INFINITY, -NAN, INFINITY, 1.5 };
    lt_col *f = lt_col_from_f64(fv, N(fv));
    int32_t f_seen[] = { 0, 0, 1, 2, 3, 1, 4, 2 }, f_sorted[] = { 1, 1, 4, 2, 0, 4, 3, 2 };
    check1(f, f_seen, f_sorted, 5, "f64: -0.0 is 0.0, every NaN one missing group, Inf values");
    lt_col_unref(f);
    double fneg[] = { -2.5, -1e300, 3, -2.5, 1e-300, -1e-300 };
    lt_col *fn = lt_col_from_f64(fneg, N(fneg));
    int32_t fn_seen[] = { 0, 1, 2, 0, 3, 4 }, fn_sorted[] = { 1, 0, 4, 1, 3, 2 };
    check1(fn, fn_seen, fn_sorted, 5, "f64 negative values sort numerically");
    lt_col_unref(fn);
    double nans[] = { NAN, NAN };
    lt_col *nn = lt_col_from_f64(nans, 2);
    check1(nn, zeros, zeros, 1, "f64 all NaN: one group");
    lt_col_unref(nn);

    enum { NV = 1030 };
    double grow[NV];
    for (int i = 0; i < NV; i++)
        grow[i] = i == 1024 ? NAN : (double)(i < 1024 ? i : i - 1) / 2;
    lt_col *gc = lt_col_from_f64(grow, NV);
    g = lt_groups_new(&gc, 1, false);
    ok(g && g->ngroups == NV && g->gid[1024] == 1024 && g->gid[NV - 1] == NV - 1 && consistent(g),
       "f64: a missing value after 1024 distinct ones, then more values");
    lt_groups_free(g);
    g = lt_groups_new(&gc, 1, true);
    ok(g && g->gid[1024] == NV - 1 && g->gid[1025] == 1024, "and sorted: missing last");
    lt_groups_free(g);
    lt_col_unref(gc);

    /* ---- bool and time -------------------------------------------------- */
    uint8_t bo[] = { 1, 0, 0, 1 }, bona[] = { 0, 0, 1, 0 };
    lt_col *bc = lt_col_from_bool(bo, bona, 4);
    int32_t bo_seen[] = { 0, 1, 2, 0 }, bo_sorted[] = { 1, 0, 2, 1 };
    check1(bc, bo_seen, bo_sorted, 3, "bool: false < true < missing");
    lt_col_unref(bc);
    int64_t tv[] = { 3 * LT_US_PER_DAY, 0, -LT_US_PER_DAY, 3 * LT_US_PER_DAY, 0 };
    uint8_t tna[] = { 0, 1, 0, 0, 0 };
    lt_col *tc = lt_col_from_time(tv, tna, 5, LT_DATE);
    int32_t t_seen[] = { 0, 1, 2, 0, 3 }, t_sorted[] = { 2, 3, 0, 2, 1 };
    check1(tc, t_seen, t_sorted, 4, "time: chronological, missing last");

    /* ---- several keys ---------------------------------------------------- */
    const char *mk_s[] = { "a", "b", "a", "a", NULL, "b", NULL, "b" };
    int64_t mk_i[] = { 1, 1, 2, 1, 1, 0, 1, 0 };
    uint8_t mk_na[] = { 0, 0, 0, 0, 0, 1, 0, 1 };
    lt_col *keys[2] = { strs(mk_s, 8), lt_col_from_i64(mk_i, mk_na, 8) };
    g = lt_groups_new(keys, 2, false);
    int32_t mk_seen[] = { 0, 1, 2, 0, 3, 4, 3, 4 };
    ok(g->ngroups == 5 && same_i32(g->gid, mk_seen, 8), "two keys: tuples in order of first appearance");
    lt_groups_free(g);
    g = lt_groups_new(keys, 2, true);
    int32_t mk_sorted[] = { 0, 2, 1, 0, 4, 3, 4, 3 };
    int64_t mk_first[] = { 0, 2, 1, 5, 4 };
    ok(g->ngroups == 5 && same_i32(g->gid, mk_sorted, 8),
       "two keys sorted: (a,1) (a,2) (b,1) (b,NA) (NA,1)");
    ok(same_i64(g->first, mk_first, 5), "two keys sorted: first rows");
    lt_groups_free(g);
    lt_col *rev[2] = { keys[1], keys[0] };
    g = lt_groups_new(rev, 2, true);
    int32_t rev_sorted[] = { 0, 1, 3, 0, 2, 4, 2, 4 };
    ok(same_i32(g->gid, rev_sorted, 8),
       "the first key is the most significant: (1,a) (1,b) (1,NA) (2,a) (NA,b)");
    lt_groups_free(g);

    /* ---- errors and edge cases ------------------------------------------ */
    lt_col *short_ = strs(sv, 3);
    lt_col *bad[2] = { s, short_ };
    ok(lt_groups_new(bad, 2, false) == NULL && lt_errcode() == LT_ELENGTH, "keys of different lengths fail");
    is_str(lt_errmsg(), "key 2 has 3 values, expected 7 as key 1", "and say which");
    ok(lt_groups_new(NULL, 0, false) == NULL && lt_errcode() == LT_EINVAL, "no keys: lt_groups_new fails");
    lt_col_unref(short_);
    g = lt_groups_new2(NULL, NULL, 0, 3, 0, 0);
    ok(g && g->ngroups == 1 && same_i32(g->gid, zeros, 3) && g->start[1] == 3 && g->order[2] == 2,
       "no keys with a row count: one group of all rows");
    lt_groups_free(g);
    lt_col *empty = lt_col_new(LT_I64, 0);
    g = lt_groups_new(&empty, 1, true);
    ok(g && g->nrow == 0 && g->ngroups == 0 && g->start[0] == 0, "0 rows: 0 groups");
    lt_groups_free(g);
    g = lt_groups_new2(NULL, NULL, 0, 0, 0, 0);
    ok(g && g->ngroups == 0, "no keys and no rows: 0 groups");
    lt_groups_free(g);
    lt_col_unref(empty);
    int64_t one[] = { 7 };
    lt_col *onec = lt_col_from_i64(one, NULL, 1);
    g = lt_groups_new(&onec, 1, true);
    ok(g && g->ngroups == 1 && g->gid[0] == 0 && g->first[0] == 0, "one row: one group");
    lt_groups_free(g);
    g = lt_groups_new2(&onec, NULL, 1, 1, 0, LT_GROUPS_NO_ROWS);
    ok(g && g->ngroups == 1 && !g->start && !g->order, "LT_GROUPS_NO_ROWS leaves start and order NULL");
    lt_groups_free(g);
    lt_groups_free(NULL);

    /* ---- joint groups of two tables ------------------------------------- */
    const char *ja[] = { "x", "y", NULL }, *jb[] = { "y", "z", "x", NULL };
    lt_col *ca = strs(ja, 3), *cb = strs(jb, 4);
    ok(ca->dict != cb->dict, "two str columns on different dictionaries");
    g = lt_groups_new2(&ca, &cb, 1, 3, 4, 0);
    int32_t j_seen[] = { 0, 1, 2, 1, 3, 0, 2 };
    ok(g && g->ngroups == 4 && same_i32(g->gid, j_seen, 7), "joint str groups match by text");
    lt_groups_free(g);
    g = lt_groups_new2(&ca, &cb, 1, 3, 4, LT_GROUPS_SORTED);
    int32_t j_sorted[] = { 0, 1, 3, 1, 2, 0, 3 };
    int64_t j_order[] = { 0, 5, 1, 3, 4, 2, 6 };
    ok(g && same_i32(g->gid, j_sorted, 7), "joint str groups sorted: x y z, missing last");
    ok(g && same_i64(g->order, j_order, 7), "joint rows: the first table's rows come first");
    lt_groups_free(g);
    lt_col *t2 = lt_col_from_time(tv, tna, 2, LT_DATETIME);   /* 3 days (datetime), missing */
    g = lt_groups_new2(&tc, &t2, 1, 5, 2, 0);
    int32_t tt[] = { 0, 1, 2, 0, 3, 0, 1 };
    ok(g && same_i32(g->gid, tt, 7), "a date and a datetime key match by instant");
    lt_groups_free(g);
    double fb[] = { 1 };
    lt_col *fbc = lt_col_from_f64(fb, 1);
    ok(lt_groups_new2(&onec, &fbc, 1, 1, 1, 0) == NULL && lt_errcode() == LT_ETYPE,
       "joint groups of i64 and f64 fail");
    is_str(lt_errmsg(), "key 1 is i64 in the first table and f64 in the second; expected one type",
           "and name the types");
    g = lt_groups_new2(&onec, &onec, 1, 0, 1, 0);
    ok(g == NULL && lt_errcode() == LT_ELENGTH, "a row count that does not match the key fails");
    lt_groups_free(g);
    int64_t e0[] = { 0 };
    lt_col *ea = lt_col_new(LT_I64, 0), *eb = lt_col_from_i64(e0, NULL, 1);
    g = lt_groups_new2(&ea, &eb, 1, 0, 1, LT_GROUPS_SORTED);
    ok(g && g->ngroups == 1 && g->gid[0] == 0, "joint groups with an empty first table");
    lt_groups_free(g);
    lt_col_unref(ea);
    lt_col_unref(eb);
    lt_col_unref(fbc);
    lt_col_unref(t2);
    lt_col_unref(ca);
    lt_col_unref(cb);
    lt_col_unref(onec);
    lt_col_unref(tc);

    /* ---- hashed combinations against brute force ------------------------ */
    enum { NB = 300 };
    int64_t h1[NB], h2[NB], h3[NB];
    double h4[NB];
    uint8_t hna[NB];
    for (int i = 0; i < NB; i++) {
        h1[i] = (i * 7) % 60;
        h2[i] = ((i / 3) % 55) * INT64_C(1000000007);   /* wide: hashed key */
        h3[i] = (i * 13) % 47 - 20;
        h4[i] = i % 11 == 0 ? NAN : (double)((i * 5) % 43) / 4 - 3;
        hna[i] = i % 17 == 0;
    }
    lt_col *hk[4] = { lt_col_from_i64(h1, hna, NB), lt_col_from_i64(h2, NULL, NB),
                      lt_col_from_i64(h3, NULL, NB), lt_col_from_f64(h4, NB) };
    check_oracle(hk, 3, "3 keys of 60 x 55 x 47 values (hashed tuples)");
    check_oracle(hk, 4, "4 keys with f64 and missing values");
    enum { NK = 12 };
    lt_col *many[NK];
    for (int k = 0; k < NK; k++)
        many[k] = hk[k % 4];
    check_oracle(many, NK, "12 keys (codes densified before they overflow 64 bits)");
    for (int k = 0; k < 4; k++)
        lt_col_unref(hk[k]);

    /* ---- many rows (threaded paths) ------------------------------------- */
    enum { NL = 200000 };
    int64_t *la = malloc(NL * sizeof *la), *lb = malloc(NL * sizeof *lb);
    for (int64_t i = 0; i < NL; i++) {
        la[i] = i % 7;
        lb[i] = (i % 11) * 3;
    }
    lt_col *lk[2] = { lt_col_from_i64(la, NULL, NL), lt_col_from_i64(lb, NULL, NL) };
    g = lt_groups_new(lk, 2, false);
    bool good = g->ngroups == 77;
    for (int64_t i = 0; i < NL && good; i++)
        good = g->gid[i] == i % 77;
    ok(good, "200000 rows, first appearance: id = row %% 77");
    good = true;
    for (int64_t k = 0; k < 77 && good; k++) {
        int64_t size = g->start[k + 1] - g->start[k];
        good = g->first[k] == k && size == (NL - k + 76) / 77;
        for (int64_t u = 0; u < size && good; u++)
            good = g->order[g->start[k] + u] == k + 77 * u;
    }
    ok(good, "200000 rows: offsets and rows of every group");
    lt_groups_free(g);
    g = lt_groups_new(lk, 2, true);
    good = g->ngroups == 77;
    for (int64_t i = 0; i < NL && good; i++)
        good = g->gid[i] == (i % 7) * 11 + i % 11;
    ok(good, "200000 rows, sorted: id = a * 11 + b / 3");
    lt_groups_free(g);
    lt_col_unref(lk[0]);
    lt_col_unref(lk[1]);
    free(la);
    free(lb);

    /* ---- distinct ---------------------------------------------------------- */
    int64_t da[] = { 1, 2, 1, 1, 0, 0 };
    uint8_t dna[] = { 0, 0, 0, 0, 1, 1 };
    const char *db[] = { "x", "y", "x", "z", "x", "x" };
    double dc[] = { .5, .5, .7, .5, NAN, NAN };
    lt_frame *df = lt_frame_new();
    lt_col *dcols[3] = { lt_col_from_i64(da, dna, 6), strs(db, 6), lt_col_from_f64(dc, 6) };
    lt_frame_add(df, "a", dcols[0]);
    lt_frame_add(df, "b", dcols[1]);
    lt_frame_add(df, "c", dcols[2]);
    for (int k = 0; k < 3; k++)
        lt_col_unref(dcols[k]);
    lt_frame *d = lt_frame_distinct(df, NULL, 0);
    ok(d && d->nrow == 5 && d->ncol == 3, "distinct over all columns drops the repeated row 6");
    is_num(lt_col_f64(d->cols[2])[2], .7, 0, "and keeps the rows in order");
    lt_frame_free(d);
    int ab[] = { 0, 1 };
    d = lt_frame_distinct(df, ab, 2);
    ok(d && d->nrow == 4 && d->ncol == 3, "distinct on a, b: 4 rows, all columns kept");
    ok(d && lt_col_i64(d->cols[0])[2] == 1 && lt_col_get_str(d->cols[1], 2, NULL)[0] == 'z' &&
       lt_col_is_na(d->cols[0], 3), "distinct on a, b: the first row of each tuple (1 z, then NA x)");
    lt_frame_free(d);
    int c_only[] = { 2 };
    d = lt_frame_distinct(df, c_only, 1);
    ok(d && d->nrow == 3 && lt_col_i64(d->cols[0])[1] == 1 && isnan(lt_col_f64(d->cols[2])[2]),
       "distinct on c: 0.5, 0.7, NaN (rows 1, 3, 5)");
    lt_frame_free(d);
    int out_of_range[] = { 3 };
    ok(lt_frame_distinct(df, out_of_range, 1) == NULL && lt_errcode() == LT_EINVAL,
       "distinct on a column index out of range fails");
    is_str(lt_errmsg(), "distinct: column index 4 is outside a frame of 3 columns", "and says why");
    lt_frame *sl = lt_frame_slice(df, 0, 2);
    d = lt_frame_distinct(sl, NULL, 0);
    ok(d && d->nrow == 2 && d->cols[0] == sl->cols[0], "all rows distinct: the columns are shared");
    lt_frame_free(d);
    lt_frame_free(sl);
    lt_frame *e0f = lt_frame_slice(df, 0, 0);
    d = lt_frame_distinct(e0f, NULL, 0);
    ok(d && d->nrow == 0 && d->ncol == 3, "distinct of an empty frame");
    lt_frame_free(d);
    lt_frame_free(e0f);
    lt_frame_free(df);

    lt_col_unref(keys[0]);
    lt_col_unref(keys[1]);
    lt_col_unref(s);
    return tap_done();
}
