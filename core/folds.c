/* Cross-validation plans (see folds.h): k-fold assignments, plain,
 * stratified or grouped, repeated with one generator stream per repeat,
 * and time-series splits as half-open row ranges. */
#include "folds.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "group.h"
#include "rng.h"

/* The groups of a key column (first-appearance order, missing one group). */
static lt_groups *groups_of(const lt_col *c)
{
    lt_col *key = (lt_col *)c;   /* lt_groups_new only reads it */
    return lt_groups_new(&key, 1, false);
}

/* Deal `list` (rows) round-robin: list[j] gets fold j % k. */
static void deal(const int64_t *list, int64_t n, int k, int32_t *fold)
{
    int32_t f = 0;
    for (int64_t j = 0; j < n; j++) {
        fold[list[j]] = f;
        if (++f == k)
            f = 0;
    }
}

/* ---- grouped ------------------------------------------------------------ */

typedef struct sized {
    int64_t size;   /* rows of the group */
    int64_t pos;    /* its place in the shuffled order */
    int64_t g;      /* group id */
} sized;

/* Largest first; equal sizes in shuffled order. */
static int by_size_desc(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* A binary min-heap of the folds by (rows so far, fold). */
typedef struct heap {
    int32_t *fold;
    int64_t *rows;   /* rows[f]: rows given to fold f */
    int k;
} heap;

static int heap_less(const heap *h, int32_t a, int32_t b)
{
    return h->rows[a] < h->rows[b] || (h->rows[a] == h->rows[b] && a < b);
}

/* The root's rows grew: move it down to its place. */
static void heap_down(heap *h)
{
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->k && heap_less(h, h->fold[l], h->fold[m]))
            m = l;
        if (r < h->k && heap_less(h, h->fold[r], h->fold[m]))
            m = r;
        if (m == i)
            return;
        int32_t t = h->fold[i];
        h->fold[i] = h->fold[m];
        h->fold[m] = t;
        i = m;
    }
}

/* One repeat of group folds: groups in shuffled order, largest first, each
 * to the fold with the fewest rows (the lowest fold on ties).  The initial
 * heap 0, 1, ..., k-1 of empty folds is already in order. */
static void assign_groups(const lt_groups *gr, int k, lt_rng *r, sized *sz, int64_t *ids,
                          heap *h, int32_t *gfold, int32_t *fold)
{
    int64_t ng = gr->ngroups;
    for (int64_t g = 0; g < ng; g++)
        ids[g] = g;
    lt_rng_shuffle(r, ids, ng);
    for (int64_t p = 0; p < ng; p++)
        sz[p] = (sized){gr->start[ids[p] + 1] - gr->start[ids[p]], p, ids[p]};
    qsort(sz, (size_t)ng, sizeof *sz, by_size_desc);
    for (int f = 0; f < k; f++) {
        h->fold[f] = f;
        h->rows[f] = 0;
    }
    for (int64_t p = 0; p < ng; p++) {
        int32_t f = h->fold[0];
        gfold[sz[p].g] = f;
        h->rows[f] += sz[p].size;
        heap_down(h);
    }
    for (int64_t i = 0; i < gr->nrow; i++)
        fold[i] = gfold[gr->gid[i]];
}

/* ---- assignment --------------------------------------------------------- */

static int check_col(const lt_col *c, int64_t n, const char *what)
{
    if (c && c->n != n)
        return lt_seterr(LT_ELENGTH, "folds: the %s column has %lld values; expected one "
                         "per row, %lld", what, (long long)c->n, (long long)n);
    return 0;
}

int lt_folds_assign(int64_t n, int k, int repeats, const lt_col *strata,
                    const lt_col *groups, uint64_t seed, int32_t *fold)
{
    if (strata && groups)
        return lt_seterr(LT_EINVAL, "folds: stratified and grouped at once; expected "
                         "strata or groups, not both");
    if (k < 2)
        return lt_seterr(LT_EINVAL, "folds: k = %d; expected at least 2 folds", k);
    if (repeats < 1)
        return lt_seterr(LT_EINVAL, "folds: repeats = %d; expected at least 1", repeats);
    if (n < 0)
        return lt_seterr(LT_EINVAL, "folds: n = %lld rows; expected n >= 0", (long long)n);
    if (k > n)
        return lt_seterr(LT_EINVAL, "folds: k = %d folds need at least %d rows; the frame "
                         "has %lld", k, k, (long long)n);
    int st;
    if ((st = check_col(strata, n, "stratify")) < 0 || (st = check_col(groups, n, "group")) < 0)
        return st;

    lt_groups *gr = NULL;
    if (strata || groups) {
        gr = groups_of(strata ? strata : groups);
        if (!gr)
            return lt_errcode();
        if (groups && gr->ngroups < k) {
            st = lt_seterr(LT_EINVAL, "folds: k = %d folds need at least %d groups; the "
                           "group column has %lld", k, k, (long long)gr->ngroups);
            lt_groups_free(gr);
            return st;
        }
    }

    int64_t ng = gr ? gr->ngroups : 0;
    int64_t *list = malloc((size_t)n * sizeof *list);
    sized *sz = NULL;
    int64_t *ids = NULL;
    int32_t *gfold = NULL, *hfold = NULL;
    int64_t *hrows = NULL;
    if (groups) {
        sz = malloc((size_t)ng * sizeof *sz);
        ids = malloc((size_t)ng * sizeof *ids);
        gfold = malloc((size_t)ng * sizeof *gfold);
        hfold = malloc((size_t)k * sizeof *hfold);
        hrows = malloc((size_t)k * sizeof *hrows);
    }
    if (!list || (groups && (!sz || !ids || !gfold || !hfold || !hrows))) {
        st = lt_nomem();
        goto done;
    }
    heap h = {hfold, hrows, k};
    for (int rep = 0; rep < repeats; rep++) {
        lt_rng r;
        lt_rng_seed_stream(&r, seed, (uint64_t)rep);
        int32_t *out = fold + (int64_t)rep * n;
        if (groups) {
            assign_groups(gr, k, &r, sz, ids, &h, gfold, out);
        } else if (strata) {
            /* each stratum's rows (frame order) shuffled in place, in turn */
            memcpy(list, gr->order, (size_t)n * sizeof *list);
            for (int64_t g = 0; g < ng; g++)
                lt_rng_shuffle(&r, list + gr->start[g], gr->start[g + 1] - gr->start[g]);
            deal(list, n, k, out);
        } else {
            for (int64_t i = 0; i < n; i++)
                list[i] = i;
            lt_rng_shuffle(&r, list, n);
            deal(list, n, k, out);
        }
    }
    st = 0;
done:
    free(list);
    free(sz);
    free(ids);
    free(gfold);
    free(hfold);
    free(hrows);
    lt_groups_free(gr);
    return st;
}

/* ---- time series -------------------------------------------------------- */

int lt_folds_time(int64_t n, int k, int64_t test_size, int64_t gap, int64_t max_train,
                  int64_t *train_lo, int64_t *train_hi, int64_t *test_lo,
                  int64_t *test_hi)
{
    if (k < 2)
        return lt_seterr(LT_EINVAL, "folds: k = %d; expected at least 2 splits", k);
    if (n < 0)
        return lt_seterr(LT_EINVAL, "folds: n = %lld rows; expected n >= 0", (long long)n);
    if (test_size < 0)
        return lt_seterr(LT_EINVAL, "folds: test_size = %lld; expected a number of rows "
                         ">= 0 (0: n / (k + 1))", (long long)test_size);
    if (gap < 0)
        return lt_seterr(LT_EINVAL, "folds: gap = %lld; expected a number of rows >= 0",
                         (long long)gap);
    if (max_train < 0)
        return lt_seterr(LT_EINVAL, "folds: max_train = %lld; expected a number of rows "
                         ">= 0 (0: no limit)", (long long)max_train);
    if (test_size == 0) {
        test_size = n / ((int64_t)k + 1);
        if (test_size == 0)
            return lt_seterr(LT_EINVAL, "folds: %d time splits need at least %lld rows; the "
                             "frame has %lld", k, (long long)k + 1, (long long)n);
    }
    /* every training set needs a row: n - gap - k * test_size >= 1 */
    if (test_size > (n - gap) / k || n - gap - (int64_t)k * test_size < 1) {
        double need = (double)k * (double)test_size + (double)gap;
        if (gap > 0)
            return lt_seterr(LT_EINVAL, "folds: %d splits of %lld test rows and a gap of "
                             "%lld need more than %.0f rows; the frame has %lld", k,
                             (long long)test_size, (long long)gap, need, (long long)n);
        return lt_seterr(LT_EINVAL, "folds: %d splits of %lld test rows need more than "
                         "%.0f rows; the frame has %lld", k, (long long)test_size, need,
                         (long long)n);
    }
    for (int j = 0; j < k; j++) {
        int64_t start = n - (int64_t)(k - j) * test_size;
        int64_t end = start - gap;
        test_lo[j] = start;
        test_hi[j] = start + test_size;
        train_hi[j] = end;
        train_lo[j] = max_train > 0 && max_train < end ? end - max_train : 0;
    }
    return 0;
}
