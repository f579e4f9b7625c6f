/* fselect.h: the order statistics, counts and quantiles of two unsorted
 * samples against those of the same samples sorted, on samples that take
 * every path: spread values cut by key and by value, integers (a bucket
 * per key), heavy ties of non-integers (buckets probed for their range),
 * zeros of both signs, infinities, one value, an empty sample, huge and
 * tiny magnitudes, few values; questions asked in rounds, in the order
 * that needs a bucket sorted after it was collected for a count, and not
 * asked at all (a count by a pass). */
#include <stdlib.h>
#include <string.h>

#include "fselect.h"
#include "fsort.h"
#include "shapes.h"
#include "tap.h"

enum { MAXN = 200000 };

static double *sorted_copy(const double *v, int64_t n)
{
    double *w = malloc((size_t)(n ? n : 1) * sizeof *w);
    memcpy(w, v, (size_t)n * sizeof *w);
    lt_f64_sort(w, n);
    return w;
}

enum { MAXRANKS = 2 + 9 + 20 + 2 * 129 };

/* Ranks to ask of n values: both ends, every tenth, random ones, and
 * all those near a quarter and a half. */
static int ranks(int64_t n, int64_t *r)
{
    int k = 0;
    if (n == 0)
        return 0;
    r[k++] = 0;
    r[k++] = n - 1;
    for (int i = 1; i < 10; i++)
        r[k++] = n * i / 10;
    for (int i = 0; i < 20; i++)
        r[k++] = (int64_t)lt_rng_below(&rng, (uint64_t)n);
    for (int64_t c = n / 4; c <= n / 2; c += n / 4 ? n / 4 : 1)
        for (int64_t j = c - 64; j <= c + 64; j++)
            if (j >= 0 && j < n)
                r[k++] = j;
    return k;
}

/* Values to count below: some of the samples' own, their neighbours,
 * zeros, infinities and the middle of the range. */
static int probes(const double *a, int64_t na, double *e)
{
    int k = 0;
    for (int i = 0; i < 16 && na > 0; i++) {
        double x = a[lt_rng_below(&rng, (uint64_t)na)];
        e[k++] = x;
        e[k++] = nextafter(x, INFINITY);
        e[k++] = nextafter(x, -INFINITY);
    }
    double fixed[] = {0.0, -0.0, INFINITY, -INFINITY, 1e300, -1e300, 40.5, 0.15};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        e[k++] = fixed[i];
    return k;
}

/* u (unsorted) and s (sorted) agree on the ranks r[0..k) of sample t. */
static int agree_ranks(const fsel *u, const fsel *s, int t, const int64_t *r, int k)
{
    for (int i = 0; i < k; i++)
        if (!same(fsel_kth(u, t, r[i]), fsel_kth(s, t, r[i])))
            return 0;
    return 1;
}

static int agree_counts(const fsel *u, const fsel *s, const double *e, int k)
{
    for (int t = 0; t < 2; t++)
        for (int i = 0; i < k; i++)
            for (int le = 0; le < 2; le++)
                if (fsel_count(u, t, e[i], le) != fsel_count(s, t, e[i], le))
                    return 0;
    return 1;
}

static const double qs[] = {0, 0.005, 0.1, 0.25, 0.5, 0.75, 0.9, 0.995, 1};
enum { NQ = sizeof qs / sizeof *qs };

/* Every bucket asked for: its values, sample by sample and bucket by
 * bucket, are the sorted samples; one value where fsel_bucket_one says. */
static void check_buckets(const char *what, fsel *u, const double *sa, const double *sb)
{
    for (int b = 0; b < fsel_buckets(u); b++)
        fsel_want_bucket(u, b);
    int good = fsel_collect(u, FSEL_BOTH) == 0;
    for (int b = 0; good && b < fsel_buckets(u); b++) {
        int64_t before[2], in[2];
        fsel_bucket(u, b, before, in);
        const double *v[2], *sorted[2] = {sa, sb};
        bool one = fsel_bucket_one(u, b), all_one = true;
        for (int s = 0; good && s < 2; s++) {
            good = fsel_bucket_values(u, s, b, &v[s]) == 0 && (in[s] == 0) == (v[s] == NULL);
            for (int64_t i = 0; good && i < in[s]; i++)
                good = v[s][i] == sorted[s][before[s] + i];
            for (int64_t i = 0; good && i < in[s]; i++)
                all_one &= v[s][i] == (in[0] ? v[0][0] : v[1][0]);
        }
        good = good && one == all_one;
    }
    ok(good, "%s: the buckets hold the sorted samples, piece by piece", what);
}

static void check(const char *what, double *a, int64_t na, double *b, int64_t nb, bool fine)
{
    double *sa = sorted_copy(a, na), *sb = sorted_copy(b, nb);
    fsel u, s;
    ok(fsel_init(&u, a, na, b, nb, fine ? FSEL_FINE : 0) == 0
           && fsel_init(&s, sa, na, sb, nb, FSEL_SORTED) == 0,
       "%s: indexed", what);
    int64_t r[3][MAXRANKS];
    int nr[3] = {ranks(na, r[0]), ranks(nb, r[1]), ranks(na + nb, r[2])};
    double e[64];
    int ne = probes(a, na, e);

    /* round 1: counts of half the probes, ranks of sample 0 */
    for (int i = 0; i < ne / 2; i++)
        fsel_want_value(&u, FSEL_BOTH, e[i]);
    for (int i = 0; i < nr[0]; i++)
        fsel_want_rank(&u, 0, r[0][i]);
    ok(fsel_collect(&u, FSEL_BOTH) == 0, "%s: round 1 collected", what);
    ok(agree_ranks(&u, &s, 0, r[0], nr[0]), "%s: ranks of the reference", what);
    ok(agree_counts(&u, &s, e, ne), "%s: counts, asked and not", what);

    /* round 2: ranks of sample 1 and of both, in buckets maybe collected
     * for counts only */
    for (int i = 0; i < nr[1]; i++)
        fsel_want_rank(&u, 1, r[1][i]);
    for (int i = 0; i < nr[2]; i++)
        fsel_want_rank(&u, FSEL_BOTH, r[2][i]);
    ok(fsel_collect(&u, 1) == 0 && fsel_collect(&u, 0) == 0, "%s: round 2 collected", what);
    ok(agree_ranks(&u, &s, 1, r[1], nr[1]), "%s: ranks of the current sample", what);
    ok(agree_ranks(&u, &s, FSEL_BOTH, r[2], nr[2]), "%s: ranks of both together", what);

    /* round 3: quantiles */
    int good = 1;
    for (int t = 0; t < 3; t++) {
        int64_t m = t == 0 ? na : t == 1 ? nb : na + nb;
        for (int i = 0; i < NQ && m > 0; i++)
            fsel_want_quantile(&u, t, 0, m, qs[i]);
        fsel_collect(&u, FSEL_BOTH);
        for (int i = 0; i < NQ && m > 0; i++)
            good &= same(fsel_quantile(&u, t, 0, m, qs[i]), fsel_quantile(&s, t, 0, m, qs[i]));
        if (m > 0 && t == 2)   /* lt_quantile7 of the sorted samples merged */
            for (int i = 0; i < NQ; i++) {
                double *all = malloc((size_t)m * sizeof *all);
                memcpy(all, sa, (size_t)na * sizeof *all);
                memcpy(all + na, sb, (size_t)nb * sizeof *all);
                lt_f64_sort(all, m);
                good &= same(fsel_quantile(&u, t, 0, m, qs[i]), lt_quantile7(all, m, qs[i]));
                free(all);
            }
    }
    ok(good, "%s: quantiles", what);
    check_buckets(what, &u, sa, sb);
    fsel_fini(&u);
    fsel_fini(&s);
    free(sa);
    free(sb);
}

static void run(shape sh, int64_t na, int64_t nb)
{
    char what[96];
    double *a = sample(sh, na, 0), *b = sample(sh, nb, sh == CONSTANT ? 0 : 0.5);
    for (int fine = 0; fine < 2; fine++) {
        snprintf(what, sizeof what, "%s, %lld and %lld values%s", shape_name[sh],
                 (long long)na, (long long)nb, fine ? ", fine" : "");
        check(what, a, na, b, nb, fine);
    }
    free(a);
    free(b);
}

/* Ties so heavy that the probed buckets are most of the samples, with a
 * few other values in the same buckets, so that their values must be
 * copied after all. */
static void test_probed_mixed(void)
{
    int64_t n = 100000;
    double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    for (int64_t i = 0; i < n; i++) {
        a[i] = i % 1000 == 0 ? 1.0 + 1e-9 * (double)(i % 7 - 3) : i % 2 ? 1.0 : -1.0;
        b[i] = i % 3 ? 1.0 : 2.0;
    }
    check("two heavy ties with neighbours", a, n, b, n, false);
    free(a);
    free(b);
}

int main(void)
{
    lt_rng_seed(&rng, 7);
    int64_t sizes[][2] = {{MAXN, MAXN / 2}, {3000, 5000}, {70, 65}, {1, 40}, {200, 0}};
    for (int sh = 0; sh < NSHAPE; sh++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            run((shape)sh, sizes[k][0], sizes[k][1]);
    test_probed_mixed();

    /* no values at all */
    fsel f;
    ok(fsel_init(&f, NULL, 0, NULL, 0, 0) == 0 && fsel_count(&f, 0, 1, true) == 0
           && fsel_count(&f, 1, INFINITY, true) == 0,
       "two empty samples: nothing below anything");
    fsel_fini(&f);
    return tap_done();
}
