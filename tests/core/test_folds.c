/* Cross-validation plans: exact folds for fixed seeds, the balance of
 * folds, strata and groups, repeats, time-series splits as scikit-learn's
 * TimeSeriesSplit makes them, thread-count independence and errors.
 * The exact folds of the plain and stratified cases were worked out with
 * an independent Python transcription of rng.h's algorithms and of the
 * deal documented in folds.h; the time splits are those of sklearn 1.2.1's
 * TimeSeriesSplit on 10 rows. */
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colbuild.h"
#include "error.h"
#include "folds.h"
#include "tap.h"

static int same_folds(const int32_t *got, const int32_t *want, int64_t n)
{
    return memcmp(got, want, (size_t)n * sizeof *got) == 0;
}

/* Every row in a fold 0..k-1, and fold sizes within one of each other. */
static int balanced(const int32_t *fold, int64_t n, int k)
{
    int64_t *size = calloc((size_t)k, sizeof *size);
    int good = 1;
    for (int64_t i = 0; i < n; i++) {
        if (fold[i] < 0 || fold[i] >= k) {
            good = 0;
            break;
        }
        size[fold[i]]++;
    }
    /* the first n % k folds hold the extra row */
    for (int f = 0; good && f < k; f++)
        good = size[f] == n / k + (f < n % k);
    free(size);
    return good;
}

/* For every value of key (ids 0..nkeys-1): its rows in each fold differ by
 * at most one between folds. */
static int strata_spread(const int32_t *fold, const int *key, int64_t n, int nkeys, int k)
{
    int good = 1;
    for (int s = 0; s < nkeys && good; s++) {
        int64_t lo = INT64_MAX, hi = 0;
        for (int f = 0; f < k; f++) {
            int64_t c = 0;
            for (int64_t i = 0; i < n; i++)
                c += key[i] == s && fold[i] == f;
            lo = c < lo ? c : lo;
            hi = c > hi ? c : hi;
        }
        good = hi - lo <= 1;
    }
    return good;
}

/* Rows with the same key share a fold. */
static int groups_whole(const int32_t *fold, const int *key, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = i + 1; j < n; j++)
            if (key[i] == key[j] && fold[i] != fold[j])
                return 0;
    return 1;
}

static void test_plain(void)
{
    int32_t f[20];
    ok(lt_folds_assign(10, 3, 2, NULL, NULL, 7, f) == 0, "plain: 10 rows, k = 3, 2 repeats");
    static const int32_t rep0[] = {2, 1, 0, 0, 1, 0, 2, 1, 0, 2};
    static const int32_t rep1[] = {1, 1, 2, 2, 0, 2, 0, 0, 0, 1};
    ok(same_folds(f, rep0, 10), "plain, seed 7, repeat 1: 2 1 0 0 1 0 2 1 0 2");
    ok(same_folds(f + 10, rep1, 10), "plain, seed 7, repeat 2: 1 1 2 2 0 2 0 0 0 1");
    ok(balanced(f, 10, 3) && balanced(f + 10, 10, 3), "plain: folds of 4, 3, 3 rows");

    int32_t g[10];
    lt_folds_assign(10, 3, 1, NULL, NULL, 7, g);
    ok(same_folds(g, rep0, 10), "plain: repeat 1 does not depend on the number of repeats");
    lt_folds_assign(10, 3, 1, NULL, NULL, 8, g);
    ok(!same_folds(g, rep0, 10), "plain: another seed, other folds");

    /* k = n: leave-one-out */
    int32_t loo[5];
    lt_folds_assign(5, 5, 1, NULL, NULL, 1, loo);
    ok(balanced(loo, 5, 5), "k = n: one row per fold");

    /* a plain plan is the stratified plan of a single stratum */
    int32_t one[10];
    lt_col *c = ci(10, (int64_t[]){4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, NULL);
    lt_folds_assign(10, 3, 1, c, NULL, 7, one);
    ok(same_folds(one, rep0, 10), "plain = stratified with one stratum");
}

static void test_stratified(void)
{
    /* strata a b a a b NA a b a NA a b: 6 a, 4 b, 2 missing */
    const char *v[] = {"a", "b", "a", "a", "b", NULL, "a", "b", "a", NULL, "a", "b"};
    int key[] = {0, 1, 0, 0, 1, 2, 0, 1, 0, 2, 0, 1};
    int32_t f[12];
    ok(lt_folds_assign(12, 3, 1, cs(12, v), NULL, 1, f) == 0, "stratified: 12 rows, k = 3");
    static const int32_t want[] = {0, 1, 0, 1, 0, 2, 1, 2, 2, 1, 2, 0};
    ok(same_folds(f, want, 12), "stratified, seed 1: 0 1 0 1 0 2 1 2 2 1 2 0");
    ok(balanced(f, 12, 3), "stratified: folds of 4 rows");
    ok(strata_spread(f, key, 12, 3, 3), "stratified: a twice per fold, b and missing spread");

    /* larger: 1000 rows in 3 strata of 700, 250, 50; k = 7, 3 repeats */
    enum { N = 1000, K = 7, REP = 3 };
    int64_t *s = malloc(N * sizeof *s);
    int *sk = malloc(N * sizeof *sk);
    for (int i = 0; i < N; i++) {
        int x = (i * 37) % 100;
        sk[i] = x < 70 ? 0 : x < 95 ? 1 : 2;
        s[i] = sk[i] * 10;
    }
    lt_col *sc = keep(lt_col_from_i64(s, NULL, N));
    int32_t *ff = malloc(REP * N * sizeof *ff);
    ok(lt_folds_assign(N, K, REP, sc, NULL, 3, ff) == 0, "stratified: 1000 rows, k = 7, 3 repeats");
    int good = 1;
    for (int r = 0; r < REP; r++)
        good &= balanced(ff + r * N, N, K) && strata_spread(ff + r * N, sk, N, 3, K);
    ok(good, "stratified: every repeat balanced, each stratum within one row per fold");
    ok(!same_folds(ff, ff + N, N) && !same_folds(ff + N, ff + 2 * N, N),
       "stratified: the repeats differ");

    /* the same plan on 1 and 2 threads */
    int32_t *f1 = malloc(N * sizeof *f1), *f2 = malloc(N * sizeof *f2);
    omp_set_num_threads(1);
    lt_folds_assign(N, K, 1, sc, NULL, 3, f1);
    omp_set_num_threads(2);
    lt_folds_assign(N, K, 1, sc, NULL, 3, f2);
    ok(same_folds(f1, f2, N) && same_folds(f1, ff, N), "stratified: same folds on 1 and 2 threads");
    free(s);
    free(sk);
    free(ff);
    free(f1);
    free(f2);
}

static void test_grouped(void)
{
    /* groups of distinct sizes 5 (x), 4 (y), 3 (z), 2 (w), 1 (v): largest
     * first to the emptiest fold, whatever the shuffle: x -> 0, y -> 1,
     * z -> 1 (4 < 5), w -> 0 (5 < 7), v -> 0 (7 = 7: the lower fold). */
    const char *v[] = {"x", "y", "z", "x", "w", "y", "x", "z", "v", "x", "y", "w", "x", "z", "y"};
    int key[] = {0, 1, 2, 0, 3, 1, 0, 2, 4, 0, 1, 3, 0, 2, 1};
    static const int32_t want_of_key[] = {0, 1, 1, 0, 0};
    int32_t f[15];
    ok(lt_folds_assign(15, 2, 1, NULL, cs(15, v), 5, f) == 0, "grouped: 15 rows in 5 groups, k = 2");
    int good = 1;
    for (int i = 0; i < 15; i++)
        good &= f[i] == want_of_key[key[i]];
    ok(good, "grouped: x, w, v in fold 0 (8 rows), y, z in fold 1 (7 rows)");

    /* equal sizes: the shuffle decides, groups stay whole, sizes balance */
    enum { N = 600 };
    int64_t g[N];
    int gk[N];
    for (int i = 0; i < N; i++) {
        gk[i] = (i * 7) % 60;   /* 60 groups of 10 */
        g[i] = gk[i];
    }
    lt_col *gc = keep(lt_col_from_i64(g, NULL, N));
    int32_t a[2 * N];
    ok(lt_folds_assign(N, 6, 2, NULL, gc, 11, a) == 0, "grouped: 60 groups of 10, k = 6, 2 repeats");
    ok(groups_whole(a, gk, N) && groups_whole(a + N, gk, N), "grouped: no group split");
    ok(balanced(a, N, 6) && balanced(a + N, N, 6), "grouped: 100 rows per fold");
    ok(!same_folds(a, a + N, N), "grouped: the repeats shuffle the groups differently");

    /* missing values form one group */
    int64_t gv[] = {1, 0, 1, 0, 2, 2};
    int32_t m[6];
    lt_folds_assign(6, 2, 1, NULL, ci(6, gv, ".x.x.."), 1, m);
    ok(m[1] == m[3] && m[0] == m[2] && m[4] == m[5], "grouped: missing keys are one group");
}

static void test_time(void)
{
    int64_t trl[5], trh[5], tel[5], teh[5];
    ok(lt_folds_time(10, 3, 0, 0, 0, trl, trh, tel, teh) == 0, "time: 10 rows, 3 splits");
    ok(trl[0] == 0 && trh[0] == 4 && tel[0] == 4 && teh[0] == 6 && trh[1] == 6
       && tel[1] == 6 && teh[1] == 8 && trh[2] == 8 && tel[2] == 8 && teh[2] == 10,
       "time: train [0,4) [0,6) [0,8), test [4,6) [6,8) [8,10)");
    lt_folds_time(10, 3, 0, 1, 0, trl, trh, tel, teh);
    ok(trh[0] == 3 && trh[1] == 5 && trh[2] == 7 && tel[0] == 4 && trl[2] == 0,
       "time, gap 1: train [0,3) [0,5) [0,7)");
    lt_folds_time(10, 3, 0, 0, 3, trl, trh, tel, teh);
    ok(trl[0] == 1 && trh[0] == 4 && trl[1] == 3 && trh[1] == 6 && trl[2] == 5 && trh[2] == 8,
       "time, max_train 3: train [1,4) [3,6) [5,8)");
    lt_folds_time(10, 3, 3, 0, 0, trl, trh, tel, teh);
    ok(trh[0] == 1 && tel[0] == 1 && teh[0] == 4 && tel[1] == 4 && tel[2] == 7 && teh[2] == 10,
       "time, test_size 3: tests [1,4) [4,7) [7,10)");
    lt_folds_time(10, 2, 2, 2, 2, trl, trh, tel, teh);
    ok(trl[0] == 2 && trh[0] == 4 && tel[0] == 6 && teh[0] == 8 && trl[1] == 4 && trh[1] == 6
       && tel[1] == 8 && teh[1] == 10, "time, test_size 2, gap 2, max_train 2");

    is_int(lt_folds_time(10, 3, 3, 1, 0, trl, trh, tel, teh), LT_EINVAL, "time: no room left");
    is_str(lt_errmsg(), "folds: 3 splits of 3 test rows and a gap of 1 need more than 10 rows; "
           "the frame has 10", "time: the message names the numbers");
    is_int(lt_folds_time(300, 5, 100, 0, 0, trl, trh, tel, teh), LT_EINVAL, "time: too large tests");
    is_str(lt_errmsg(), "folds: 5 splits of 100 test rows need more than 500 rows; the frame "
           "has 300", "time: the header's example message");
    is_int(lt_folds_time(3, 3, 0, 0, 0, trl, trh, tel, teh), LT_EINVAL, "time: 3 rows, 3 splits");
    is_str(lt_errmsg(), "folds: 3 time splits need at least 4 rows; the frame has 3",
           "time: n / (k + 1) = 0 is an error");
    is_int(lt_folds_time(10, 1, 0, 0, 0, trl, trh, tel, teh), LT_EINVAL, "time: k = 1");
    is_int(lt_folds_time(10, 2, -1, 0, 0, trl, trh, tel, teh), LT_EINVAL, "time: test_size < 0");
    is_int(lt_folds_time(10, 2, 0, -1, 0, trl, trh, tel, teh), LT_EINVAL, "time: gap < 0");
    is_int(lt_folds_time(10, 2, 0, 0, -1, trl, trh, tel, teh), LT_EINVAL, "time: max_train < 0");
    is_int(lt_folds_time(10, 2, 0, 20, 0, trl, trh, tel, teh), LT_EINVAL, "time: gap above n");
}

static void test_errors(void)
{
    int32_t f[20];
    is_int(lt_folds_assign(10, 1, 1, NULL, NULL, 1, f), LT_EINVAL, "k = 1");
    is_str(lt_errmsg(), "folds: k = 1; expected at least 2 folds", "k = 1: message");
    is_int(lt_folds_assign(7, 10, 1, NULL, NULL, 1, f), LT_EINVAL, "k > n");
    is_str(lt_errmsg(), "folds: k = 10 folds need at least 10 rows; the frame has 7",
           "k > n: the header's message");
    is_int(lt_folds_assign(0, 2, 1, NULL, NULL, 1, f), LT_EINVAL, "no rows");
    is_int(lt_folds_assign(10, 2, 0, NULL, NULL, 1, f), LT_EINVAL, "repeats = 0");
    lt_col *c = ci(3, (int64_t[]){1, 2, 3}, NULL);
    is_int(lt_folds_assign(10, 2, 1, c, NULL, 1, f), LT_ELENGTH, "strata of the wrong length");
    is_str(lt_errmsg(), "folds: the stratify column has 3 values; expected one per row, 10",
           "wrong length: message");
    is_int(lt_folds_assign(3, 2, 1, c, c, 1, f), LT_EINVAL, "strata and groups together");
    is_int(lt_folds_assign(3, 2, 1, NULL, ci(3, (int64_t[]){1, 1, 1}, NULL), 1, f), LT_EINVAL,
           "one group, k = 2");
    is_str(lt_errmsg(), "folds: k = 2 folds need at least 2 groups; the group column has 1",
           "too few groups: message");
}

int main(void)
{
    test_plain();
    test_stratified();
    test_grouped();
    test_time();
    test_errors();
    drain();
    return tap_done();
}
