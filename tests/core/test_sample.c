/* Sampling and train/test splits: sizes, row integrity, order, disjoint
 * and complete splits, stratum proportions, determinism and errors.
 * The exact rows for fixed seeds (regression values) were worked out with
 * an independent Python transcription of rng.h's algorithms and of the
 * draws documented in sample.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "error.h"
#include "sample.h"
#include "tap.h"

/* A frame of n rows: id = 0..n-1 (i64), twice = 2 * id (f64), s = "r<id>"
 * (str, missing when id % 5 == 4). */
static lt_frame *rows_frame(int64_t n)
{
    int64_t *id = malloc((size_t)(n ? n : 1) * sizeof *id);
    double *tw = malloc((size_t)(n ? n : 1) * sizeof *tw);
    char (*buf)[24] = malloc((size_t)(n ? n : 1) * sizeof *buf);
    const char **s = malloc((size_t)(n ? n : 1) * sizeof *s);
    for (int64_t i = 0; i < n; i++) {
        id[i] = i;
        tw[i] = 2.0 * (double)i;
        snprintf(buf[i], sizeof buf[i], "r%lld", (long long)i);
        s[i] = i % 5 == 4 ? NULL : buf[i];
    }
    lt_frame *f = lt_frame_new();
    lt_col *a = lt_col_from_i64(id, NULL, n), *b = lt_col_from_f64(tw, n),
           *c = lt_col_from_strs(s, NULL, n);
    lt_frame_add(f, "id", a);
    lt_frame_add(f, "twice", b);
    lt_frame_add(f, "s", c);
    lt_col_unref(a);
    lt_col_unref(b);
    lt_col_unref(c);
    free(id);
    free(tw);
    free(buf);
    free(s);
    return f;
}

static int64_t id_at(const lt_frame *f, int64_t i) { return lt_col_i64(f->cols[0])[i]; }

/* Every row of f is a whole row of rows_frame: twice and s follow id. */
static int rows_intact(const lt_frame *f)
{
    for (int64_t i = 0; i < f->nrow; i++) {
        int64_t id = id_at(f, i);
        char want[24];
        snprintf(want, sizeof want, "r%lld", (long long)id);
        const char *s = lt_col_get_str(f->cols[2], i, NULL);
        if (lt_col_f64(f->cols[1])[i] != 2.0 * (double)id)
            return 0;
        if (id % 5 == 4 ? s != NULL : !s || strcmp(s, want) != 0)
            return 0;
    }
    return 1;
}

static int ids_are(const lt_frame *f, const int64_t *want, int64_t n)
{
    if (f->nrow != n)
        return 0;
    for (int64_t i = 0; i < n; i++)
        if (id_at(f, i) != want[i])
            return 0;
    return 1;
}

static int increasing(const lt_frame *f)
{
    for (int64_t i = 1; i < f->nrow; i++)
        if (id_at(f, i) <= id_at(f, i - 1))
            return 0;
    return 1;
}

/* train and test hold each id of 0..n-1 exactly once between them. */
static int partition(const lt_frame *train, const lt_frame *test, int64_t n)
{
    uint8_t *seen = calloc((size_t)n, 1);
    int good = train->nrow + test->nrow == n;
    const lt_frame *sides[2] = { train, test };
    for (int s = 0; s < 2; s++)
        for (int64_t i = 0; i < sides[s]->nrow; i++) {
            int64_t id = id_at(sides[s], i);
            good &= id >= 0 && id < n && !seen[id];
            if (id >= 0 && id < n)
                seen[id] = 1;
        }
    free(seen);
    return good;
}

/* The frame f with a column `name` added. */
static void add(lt_frame *f, const char *name, lt_col *c)
{
    lt_frame_add(f, name, c);
    lt_col_unref(c);
}

static void test_sample(void)
{
    lt_frame *f = rows_frame(10);
    lt_frame *s = lt_frame_sample(f, 4, 0, false, 42);
    static const int64_t s4[] = { 2, 1, 3, 7 };
    ok(s && ids_are(s, s4, 4), "4 of 10 rows, seed 42: rows 2 1 3 7 in the order drawn");
    ok(s && s->ncol == 3 && rows_intact(s), "whole rows, all columns");
    lt_frame *again = lt_frame_sample(f, 4, 0, false, 42);
    ok(again && ids_are(again, s4, 4), "same seed, same rows");
    lt_frame *other = lt_frame_sample(f, 4, 0, false, 43);
    ok(other && !ids_are(other, s4, 4), "another seed, other rows");
    lt_frame_free(s);
    lt_frame_free(again);
    lt_frame_free(other);

    lt_frame *all = lt_frame_sample(f, 10, 0, false, 42);
    static const int64_t s10[] = { 2, 1, 3, 7, 8, 9, 4, 0, 6, 5 };
    ok(all && ids_are(all, s10, 10) && rows_intact(all),
       "all 10 rows: a permutation, starting as the sample of 4");
    lt_frame_free(all);

    lt_frame *none = lt_frame_sample(f, 0, 0, false, 1);
    ok(none && none->nrow == 0 && none->ncol == 3, "0 rows: empty, columns kept");
    lt_frame_free(none);

    lt_frame *rep = lt_frame_sample(f, 6, 0, true, 42);
    lt_frame *small = lt_frame_slice(f, 0, 3);
    lt_frame *rep3 = lt_frame_sample(small, 6, 0, true, 42);
    static const int64_t r6[] = { 0, 0, 2, 2, 1, 0 };
    ok(rep3 && ids_are(rep3, r6, 6) && rows_intact(rep3),
       "6 of 3 rows with replacement, seed 42: 0 0 2 2 1 0");
    ok(rep && rep->nrow == 6 && rows_intact(rep), "with replacement, fewer than the rows");
    lt_frame_free(rep);
    lt_frame_free(rep3);

    /* frac: round(frac * n), halves to even. */
    lt_frame *q = lt_frame_sample(f, -1, 0.25, false, 1);
    is_int(q ? q->nrow : -1, 2, "frac 0.25 of 10: round(2.5) = 2");
    lt_frame_free(q);
    q = lt_frame_sample(f, -1, 0.15, false, 1);
    is_int(q ? q->nrow : -1, 2, "frac 0.15 of 10: round(1.5) = 2");
    lt_frame_free(q);
    q = lt_frame_sample(f, -1, 0.33, false, 1);
    is_int(q ? q->nrow : -1, 3, "frac 0.33 of 10: 3");
    lt_frame_free(q);
    q = lt_frame_sample(f, -1, 1, false, 1);
    is_int(q ? q->nrow : -1, 10, "frac 1: every row");
    lt_frame_free(q);
    q = lt_frame_sample(f, -1, 0, false, 1);
    is_int(q ? q->nrow : -1, 0, "frac 0: no row");
    lt_frame_free(q);
    q = lt_frame_sample(small, -1, 2.5, true, 1);
    is_int(q ? q->nrow : -1, 8, "frac 2.5 of 3 with replacement: round(7.5) = 8");
    ok(q && rows_intact(q), "and whole rows");
    lt_frame_free(q);

    /* Without replacement: no repeats over a bigger draw. */
    lt_frame *big = rows_frame(1000);
    lt_frame *b = lt_frame_sample(big, 999, 0, false, 5);
    uint8_t seen[1000] = { 0 };
    int distinct = b && b->nrow == 999;
    for (int64_t i = 0; b && i < b->nrow; i++) {
        distinct &= !seen[id_at(b, i)];
        seen[id_at(b, i)] = 1;
    }
    ok(distinct, "999 of 1000 rows without replacement: all distinct");
    ok(b && !increasing(b), "in the order drawn, not the frame's");
    lt_frame_free(b);
    /* With replacement: every row about equally often. */
    b = lt_frame_sample(small, 30000, 0, true, 9);
    int counts[3] = { 0 };
    for (int64_t i = 0; b && i < b->nrow; i++)
        counts[id_at(b, i)]++;
    ok(counts[0] > 9500 && counts[1] > 9500 && counts[2] > 9500,
       "30000 draws from 3 rows: each 10000 +- 500 (%d %d %d)", counts[0], counts[1], counts[2]);
    lt_frame_free(b);
    lt_frame_free(big);

    lt_frame *empty = lt_frame_slice(f, 0, 0);
    q = lt_frame_sample(empty, 0, 0, false, 1);
    ok(q && q->nrow == 0 && q->ncol == 3, "0 rows of an empty frame");
    lt_frame_free(q);
    q = lt_frame_sample(empty, -1, 0.5, false, 1);
    ok(q && q->nrow == 0, "a fraction of an empty frame");
    lt_frame_free(q);
    ok(!lt_frame_sample(empty, 1, 0, true, 1), "1 row of an empty frame fails, even with replacement");
    is_str(lt_errmsg(), "sample: cannot sample 1 rows from a frame of no rows", "and says why");
    ok(!lt_frame_sample(f, 11, 0, false, 1), "11 of 10 rows without replacement fails");
    is_str(lt_errmsg(), "sample: cannot sample 11 rows from 10 without replacement", "and says why");
    lt_frame *r11 = lt_frame_sample(f, 11, 0, true, 1);
    ok(r11 && r11->nrow == 11, "11 of 10 rows with replacement");
    lt_frame_free(r11);
    ok(!lt_frame_sample(f, -1, 1.5, false, 1), "frac 1.5 without replacement fails");
    is_str(lt_errmsg(), "sample: frac = 1.5 is above 1; expected at most 1 without replacement",
           "and says why");
    ok(!lt_frame_sample(f, -1, -0.1, true, 1), "a negative frac fails");
    is_str(lt_errmsg(), "sample: frac = -0.1 is not a fraction of the rows; expected a number "
           "from 0, such as 0.1", "and says why");
    ok(!lt_frame_sample(f, -1, NAN, false, 1), "frac NaN fails");
    ok(!lt_frame_sample(f, -1, 1e300, true, 1), "a frac that asks for too many rows fails");

    lt_frame *nocol = lt_frame_select(f, NULL, 0);
    q = lt_frame_sample(nocol, 3, 0, false, 1);
    ok(q && q->nrow == 3 && q->ncol == 0, "sampling a frame of no columns gives rows");
    lt_frame_free(q);
    lt_frame_free(nocol);
    lt_frame_free(empty);
    lt_frame_free(small);
    lt_frame_free(f);
}

/* The number of rows of f whose column `col` (str) is s (NULL: missing). */
static int64_t count_str(const lt_frame *f, const char *col, const char *s)
{
    const lt_col *c = lt_frame_col(f, col);
    int64_t k = 0;
    for (int64_t i = 0; i < c->n; i++) {
        const char *v = lt_col_get_str(c, i, NULL);
        k += s ? v && strcmp(v, s) == 0 : v == NULL;
    }
    return k;
}

static void test_split(void)
{
    lt_frame *f = rows_frame(10);
    lt_frame *train, *test;
    is_int(lt_frame_split(f, 0.7, NULL, 42, &train, &test), 0, "split 0.7 of 10");
    static const int64_t tr[] = { 1, 2, 3, 4, 7, 8, 9 }, te[] = { 0, 5, 6 };
    ok(ids_are(train, tr, 7) && ids_are(test, te, 3),
       "seed 42: train 1 2 3 4 7 8 9, test 0 5 6");
    ok(rows_intact(train) && rows_intact(test) && train->ncol == 3 && test->ncol == 3,
       "whole rows, all columns");
    lt_frame *train2, *test2;
    lt_frame_split(f, 0.7, NULL, 42, &train2, &test2);
    ok(ids_are(train2, tr, 7), "same seed, same split");
    lt_frame_free(train2);
    lt_frame_free(test2);
    lt_frame_free(train);
    lt_frame_free(test);

    /* Properties over many seeds and sizes. */
    int sizes_ok = 1, parts_ok = 1, order_ok = 1;
    for (int64_t n = 1; n <= 40; n++) {
        lt_frame *g = rows_frame(n);
        for (int k = 1; k <= 9; k++) {
            double frac = k / 10.0;
            lt_frame_split(g, frac, NULL, (uint64_t)(n * 100 + k), &train, &test);
            int64_t want = (int64_t)floor(frac * (double)n + 0.5);
            if (frac * (double)n - floor(frac * (double)n) == 0.5 && want % 2)
                want--;   /* a half goes to the even neighbour */
            if (n >= 2)
                want = want < 1 ? 1 : want > n - 1 ? n - 1 : want;
            sizes_ok &= train->nrow == want;
            parts_ok &= partition(train, test, n);
            order_ok &= increasing(train) && increasing(test);
            lt_frame_free(train);
            lt_frame_free(test);
        }
        lt_frame_free(g);
    }
    ok(sizes_ok, "n = 1..40, frac = 0.1..0.9: train has round(frac n) rows, clamped to [1, n-1]");
    ok(parts_ok, "and train and test partition the rows");
    ok(order_ok, "and both keep the frame's order");

    lt_frame *two = rows_frame(2), *one = rows_frame(1);
    lt_frame_split(two, 0.1, NULL, 1, &train, &test);
    ok(train->nrow == 1 && test->nrow == 1, "2 rows, frac 0.1: one row each side");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_split(two, 0.9, NULL, 1, &train, &test);
    ok(train->nrow == 1 && test->nrow == 1, "2 rows, frac 0.9: one row each side");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_split(one, 0.8, NULL, 1, &train, &test);
    ok(train->nrow == 1 && test->nrow == 0 && test->ncol == 3, "1 row, frac 0.8: train");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_split(one, 0.5, NULL, 1, &train, &test);
    ok(train->nrow == 0 && test->nrow == 1, "1 row, frac 0.5: round(0.5) = 0, test");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_free(two);
    lt_frame_free(one);

    /* Errors leave both outputs NULL. */
    train = test = f;
    is_int(lt_frame_split(f, 1, NULL, 1, &train, &test), LT_EINVAL, "frac 1 fails");
    ok(!train && !test, "with NULL outputs");
    is_str(lt_errmsg(), "split: frac = 1 is outside (0, 1); expected the fraction of rows for "
           "train, such as 0.8", "and says why");
    is_int(lt_frame_split(f, 0, NULL, 1, &train, &test), LT_EINVAL, "frac 0 fails");
    is_int(lt_frame_split(f, NAN, NULL, 1, &train, &test), LT_EINVAL, "frac NaN fails");
    is_int(lt_frame_split(f, -0.5, NULL, 1, &train, &test), LT_EINVAL, "a negative frac fails");
    lt_frame *empty = lt_frame_slice(f, 0, 0);
    is_int(lt_frame_split(empty, 0.5, NULL, 1, &train, &test), LT_EINVAL, "an empty frame fails");
    is_str(lt_errmsg(), "split: cannot split a frame of no rows", "and says why");
    is_int(lt_frame_split(f, 0.5, "ss", 1, &train, &test), LT_EINVAL,
           "an unknown stratify column fails");
    is_str(lt_errmsg(), "split: stratify column 'ss' not found (did you mean 's'?)",
           "with a suggestion");
    is_int(lt_frame_split(f, 0.5, "churn", 1, &train, &test), LT_EINVAL,
           "an unrelated unknown name fails");
    is_str(lt_errmsg(), "split: stratify column 'churn' not found", "without a suggestion");
    lt_frame_free(empty);
    lt_frame_free(f);
}

static void test_stratified(void)
{
    /* 20 rows: a x 10, b x 7, missing x 3, interleaved. */
    const char *y[] = { "a", "b", "a", NULL, "b", "a", "a", "b", "a", NULL,
                        "a", "b", "a", "a", "b", "a", "b", NULL, "a", "b" };
    lt_frame *f = rows_frame(20);
    add(f, "y", lt_col_from_strs(y, NULL, 20));
    lt_frame *train, *test;
    is_int(lt_frame_split(f, 0.7, "y", 7, &train, &test), 0, "stratified split");
    ok(count_str(train, "y", "a") == 7 && count_str(test, "y", "a") == 3,
       "a: 7 of 10 to train");
    ok(count_str(train, "y", "b") == 5 && count_str(test, "y", "b") == 2,
       "b: round(4.9) = 5 of 7 to train");
    ok(count_str(train, "y", NULL) == 2 && count_str(test, "y", NULL) == 1,
       "missing is a stratum: round(2.1) = 2 of 3 to train");
    ok(partition(train, test, 20) && increasing(train) && increasing(test),
       "disjoint, complete, in order");
    static const int64_t tr[] = { 0, 1, 2, 3, 4, 6, 7, 8, 10, 12, 15, 16, 17, 19 };
    ok(ids_are(train, tr, 14), "seed 7: the train rows");
    lt_frame_free(train);
    lt_frame_free(test);

    /* Strata of 1 and 2 rows. */
    const char *z[] = { "p", "q", "q", "r", "r", "r" };
    lt_frame *g = rows_frame(6);
    add(g, "z", lt_col_from_strs(z, NULL, 6));
    lt_frame_split(g, 0.9, "z", 3, &train, &test);
    ok(count_str(train, "z", "p") == 1 && count_str(train, "z", "q") == 1
       && count_str(test, "z", "q") == 1 && count_str(train, "z", "r") == 2,
       "frac 0.9: the lone p to train, q split 1/1, r 2/1");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_split(g, 0.1, "z", 3, &train, &test);
    ok(count_str(test, "z", "p") == 1 && count_str(train, "z", "q") == 1
       && count_str(train, "z", "r") == 1, "frac 0.1: p to test, q 1/1, r 1/2");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_free(g);

    /* f64 strata: -0 is 0, NaN is missing. */
    double v[] = { 0.0, -0.0, NAN, 1.5, NAN, 1.5 };
    g = rows_frame(6);
    add(g, "v", lt_col_from_f64(v, 6));
    lt_frame_split(g, 0.5, "v", 1, &train, &test);
    ok(train->nrow == 3 && test->nrow == 3, "f64: three strata of two rows, one each side");
    int each = 1;
    for (int pair = 0; pair < 3; pair++) {
        /* rows {0,1}, {2,4}, {3,5} are the strata */
        static const int64_t rows[3][2] = { { 0, 1 }, { 2, 4 }, { 3, 5 } };
        int in = 0;
        for (int64_t i = 0; i < train->nrow; i++)
            in += id_at(train, i) == rows[pair][0] || id_at(train, i) == rows[pair][1];
        each &= in == 1;
    }
    ok(each, "0 with -0, NaN with NaN, 1.5 with 1.5");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_free(g);

    /* bool and time strata with missing values. */
    uint8_t bv[] = { 1, 0, 1, 0, 0, 1, 1, 0 }, bna[] = { 0, 0, 0, 1, 0, 0, 1, 0 };
    int64_t tv[] = { 5, 5, 9, 9, 9, 9, 0, 0 };
    uint8_t tna[] = { 0, 0, 0, 0, 0, 0, 1, 1 };
    g = rows_frame(8);
    add(g, "b", lt_col_from_bool(bv, bna, 8));
    add(g, "t", lt_col_from_time(tv, tna, 8, LT_DATE));
    lt_frame_split(g, 0.5, "b", 2, &train, &test);
    const lt_col *tb = lt_frame_col(train, "b");
    int64_t t_true = 0, t_false = 0, t_na = 0;
    for (int64_t i = 0; i < tb->n; i++) {
        t_na += lt_col_is_na(tb, i);
        t_true += !lt_col_is_na(tb, i) && lt_col_bool(tb)[i];
        t_false += !lt_col_is_na(tb, i) && !lt_col_bool(tb)[i];
    }
    ok(t_true == 2 && t_false == 2 && t_na == 1 && partition(train, test, 8),
       "bool: true 2 of 3 (round 1.5), false 2 of 3, missing 1 of 2");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_split(g, 0.5, "t", 2, &train, &test);
    const lt_col *tt = lt_frame_col(train, "t");
    int64_t n5 = 0, n9 = 0, nna = 0;
    for (int64_t i = 0; i < tt->n; i++) {
        nna += lt_col_is_na(tt, i);
        n5 += !lt_col_is_na(tt, i) && lt_col_i64(tt)[i] == 5;
        n9 += !lt_col_is_na(tt, i) && lt_col_i64(tt)[i] == 9;
    }
    ok(n5 == 1 && n9 == 2 && nna == 1 && partition(train, test, 8),
       "time: 1 of 2, 2 of 4, missing 1 of 2");
    lt_frame_free(train);
    lt_frame_free(test);
    lt_frame_free(g);

    /* Many strata (the key table grows): 1500 strata of 2 rows. */
    enum { N = 3000 };
    int64_t *k = malloc(N * sizeof *k);
    for (int i = 0; i < N; i++)
        k[i] = (int64_t)(i % 1500) * 1000003 - 700000000;
    g = rows_frame(N);
    add(g, "k", lt_col_from_i64(k, NULL, N));
    lt_frame_split(g, 0.8, "k", 11, &train, &test);
    uint8_t *seen = calloc(1500, 1);
    int once = train->nrow == 1500 && test->nrow == 1500;
    for (int64_t i = 0; i < train->nrow; i++) {
        int64_t id = id_at(train, i);
        once &= !seen[id % 1500];
        seen[id % 1500] = 1;
    }
    ok(once, "i64: 1500 strata of 2 rows, each gives one row to train");
    ok(partition(train, test, N) && increasing(train) && increasing(test),
       "disjoint, complete, in order");
    lt_frame_free(train);
    lt_frame_free(test);
    free(seen);
    free(k);
    lt_frame_free(g);

    /* Proportions on a bigger frame: strata of 5000, 3000, 1999, 1. */
    enum { M = 10000 };
    const char **lab = malloc(M * sizeof *lab);
    for (int i = 0; i < M; i++)
        lab[i] = i == M - 1 ? "solo" : i % 10 < 5 ? "x" : i % 10 < 8 ? "y" : "z";
    g = rows_frame(M);
    add(g, "lab", lt_col_from_strs(lab, NULL, M));
    lt_frame_split(g, 0.75, "lab", 99, &train, &test);
    ok(count_str(train, "lab", "x") == 3750 && count_str(train, "lab", "y") == 2250
       && count_str(train, "lab", "z") == 1499 && count_str(train, "lab", "solo") == 1,
       "frac 0.75: x 3750 of 5000, y 2250 of 3000, z round(1499.25) of 1999, solo 1 of 1");
    ok(train->nrow == 7500 && partition(train, test, M), "7500 rows to train, a partition");
    lt_frame *t2, *s2;
    lt_frame_split(g, 0.75, "lab", 100, &t2, &s2);
    int differ = 0;
    for (int64_t i = 0; i < train->nrow; i++)
        differ |= id_at(train, i) != id_at(t2, i);
    ok(differ, "another seed, other rows");
    lt_frame_free(t2);
    lt_frame_free(s2);
    lt_frame_free(train);
    lt_frame_free(test);
    free(lab);
    lt_frame_free(g);
    lt_frame_free(f);
}

int main(void)
{
    test_sample();
    test_split();
    test_stratified();
    return tap_done();
}
