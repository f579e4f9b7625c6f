/* Binary classifier scores (see scores.h): the scores of each class sorted
 * once, descending, by a radix sort on order-preserving 64-bit keys;
 * every metric, curve and threshold then walks the two sorted arrays.
 *
 * Sorting: a score becomes the complement of its order-preserving bit
 * image (so ascending keys are descending scores, -0.0 as 0.0).  Only the
 * bits below the common prefix of the smallest and largest key vary.  A
 * large class is split by its top 11 varying bits (per-thread histograms
 * of contiguous chunks, one scatter), then the buckets, each small enough
 * for one core's cache, are sorted in parallel by LSD passes that skip
 * constant digits (a bucket still too large is split again first).  Only
 * keys are sorted, so the result is the one sorted array whatever the
 * thread count.
 *
 * Sums over many rows (log loss, Brier) are compensated (Neumaier) per
 * fixed block and the blocks added in order, so they too do not depend
 * on the thread count; the AUC counts in integers. */
#include "scores.h"

#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "nsum.h"
#include "radix.h"

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };
/* The radix digit, the longest run sorted by insertion, the longest one
 * sorted by LSD passes without an MSD split first, the split depth. */
enum { DIGIT = 11, RADIX = 1 << DIGIT, SMALL = 32, LSD_MAX = 1 << 13, MAX_DEPTH = 6 };
/* Rows per block of the compensated sums. */
enum { BLOCK = 1 << 15 };

/* ---- keys ------------------------------------------------------------------ */

/* Ascending keys order the scores descending; -0.0 maps as 0.0. */
static inline uint64_t desc_key(double x) { return ~f64_bits(x); }

static inline double key_score(uint64_t k) { return f64_of_bits(~k); }

/* ---- radix sort of keys ----------------------------------------------------- */

/* Counters of one thread, allocated once per sort: the histograms of all
 * LSD digits (at most 6 digits of up to 11 bits cover 64 bits), and the
 * bucket bounds of each MSD level. */
typedef struct scratch {
    int64_t hist[6 * RADIX];
    int64_t bound[MAX_DEPTH][RADIX + 1];
} scratch;

static void insertion(uint64_t *k, int64_t m)
{
    for (int64_t i = 1; i < m; i++) {
        uint64_t v = k[i];
        int64_t j = i;
        for (; j > 0 && k[j - 1] > v; j--)
            k[j] = k[j - 1];
        k[j] = v;
    }
}

/* LSD radix sort of k[0..m) by bits [0, nbits) (the bits above are equal
 * in every key), t being scratch of m keys; the result ends in k.  Digits
 * that are the same in every key are skipped. */
static void lsd(uint64_t *k, uint64_t *t, int64_t m, int nbits, scratch *s)
{
    int maxw = DIGIT;
    while (maxw > 4 && ((int64_t)1 << maxw) > m)   /* no more buckets than keys */
        maxw--;
    int npass = (nbits + maxw - 1) / maxw, w = (nbits + npass - 1) / npass;
    size_t R = (size_t)1 << w;
    uint64_t mask = R - 1;
    int64_t *h = s->hist;
    memset(h, 0, (size_t)npass * R * sizeof *h);
    for (int64_t i = 0; i < m; i++) {
        uint64_t v = k[i];
        for (int d = 0; d < npass; d++)
            h[(size_t)d * R + ((v >> (d * w)) & mask)]++;
    }
    uint64_t *src = k, *dst = t;
    for (int d = 0; d < npass; d++) {
        int sh = d * w;
        int64_t *c = h + (size_t)d * R;
        if (c[(src[0] >> sh) & mask] == m)
            continue;
        bucket_starts(c, R);
        for (int64_t i = 0; i < m; i++)
            dst[c[(src[i] >> sh) & mask]++] = src[i];
        uint64_t *tp = src;
        src = dst;
        dst = tp;
    }
    if (src != k)
        memcpy(k, src, (size_t)m * sizeof *k);
}

/* Sort k[0..m) by bits [0, nbits), t scratch, the result in k: a large run
 * is split by its top digit and each bucket sorted alone. */
static void msd(uint64_t *k, uint64_t *t, int64_t m, int nbits, scratch *s, int depth)
{
    int64_t *c = s->bound[depth];
    for (;;) {
        if (m < 2 || nbits <= 0)
            return;
        if (m <= SMALL) {
            insertion(k, m);
            return;
        }
        if (m <= LSD_MAX || nbits <= DIGIT || depth >= MAX_DEPTH - 1) {
            lsd(k, t, m, nbits, s);
            return;
        }
        int sh = nbits - DIGIT;
        memset(c, 0, (RADIX + 1) * sizeof *c);
        for (int64_t i = 0; i < m; i++)
            c[((k[i] >> sh) & (RADIX - 1)) + 1]++;
        if (c[((k[0] >> sh) & (RADIX - 1)) + 1] < m)
            break;
        nbits = sh;   /* the top digit is constant */
    }
    int sh = nbits - DIGIT;
    for (int b = 0; b < RADIX; b++)
        c[b + 1] += c[b];
    for (int64_t i = 0; i < m; i++)
        t[c[(k[i] >> sh) & (RADIX - 1)]++] = k[i];
    /* bucket b is now [c[b - 1], c[b]) */
    for (int b = 0; b < RADIX; b++) {
        int64_t lo = b ? c[b - 1] : 0, cnt = c[b] - lo;
        if (cnt == 0)
            continue;
        msd(t + lo, k + lo, cnt, sh, s, depth + 1);
        memcpy(k + lo, t + lo, (size_t)cnt * sizeof *k);
    }
}

/* Sort the m keys k (bits [0, nbits) varying) with scratch t on up to nthr
 * threads, ticking p from f0 to f1.  0, LT_ENOMEM or LT_ECANCELED. */
static int sort_keys(uint64_t *k, uint64_t *t, int64_t m, int nbits, int nthr, lt_progress *p,
                     double f0, double f1)
{
    if (m < 2)
        return 0;
    scratch **sc = calloc((size_t)nthr, sizeof *sc);
    if (!sc)
        return lt_nomem();
    int rc = 0;
    for (int i = 0; i < nthr && rc == 0; i++)
        if (!(sc[i] = malloc(sizeof **sc)))
            rc = lt_nomem();
    if (rc == 0 && (m < PAR_MIN || nbits <= DIGIT)) {
        msd(k, t, m, nbits, sc[0], 0);
    } else if (rc == 0) {
        /* the top bit differs between the smallest and the largest key, so
         * the top digit splits the keys */
        int sh = nbits - DIGIT;
        const uint64_t mask = RADIX - 1;
        int64_t *cnt = calloc((size_t)nthr * RADIX + RADIX + 1, sizeof *cnt);
        if (!cnt) {
            rc = lt_nomem();
            goto done;
        }
        int64_t *bound = cnt + (size_t)nthr * RADIX;
#pragma omp parallel num_threads(nthr)
        {
            int64_t c0, c1;
            int64_t *my = split_count(k, m, sh, RADIX, cnt, bound, &c0, &c1);
            for (int64_t i = c0; i < c1; i++)
                t[my[(k[i] >> sh) & mask]++] = k[i];
        }
        /* the buckets in rounds, ticking between them */
        enum { ROUNDS = 16 };
        for (int r = 0; r < ROUNDS && rc == 0; r++) {
            int b0 = RADIX * r / ROUNDS, b1 = RADIX * (r + 1) / ROUNDS;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nthr)
            for (int b = b0; b < b1; b++) {
                int64_t lo = bound[b], n = bound[b + 1] - lo;
                if (n == 0)
                    continue;
                msd(t + lo, k + lo, n, sh, sc[omp_get_thread_num()], 0);
                memcpy(k + lo, t + lo, (size_t)n * sizeof *k);
            }
            if (lt_progress_tick(p, f0 + (f1 - f0) * (double)bound[b1] / (double)m))
                rc = lt_seterr(LT_ECANCELED, "scores: sorting cancelled");
        }
        free(cnt);
    }
done:
    for (int i = 0; i < nthr; i++)
        free(sc[i]);
    free(sc);
    return rc;
}

/* ---- construction ------------------------------------------------------------ */

void lt_scores_free(lt_scores *s)
{
    if (!s)
        return;
    free(s->pos);
    free(s->neg);
    free(s);
}

/* Decode the sorted keys k[0..m) into scores, in place. */
static double *decode(uint64_t *k, int64_t m)
{
#pragma omp parallel for schedule(static) if (m >= PAR_MIN)
    for (int64_t i = 0; i < m; i++) {
        double x = key_score(k[i]);
        memcpy(k + i, &x, sizeof x);
    }
    return (double *)(void *)k;
}

lt_scores *lt_scores_new(const uint8_t *truth, const double *score, int64_t n, lt_progress *p)
{
    if (n < 0) {
        lt_seterr(LT_EINVAL, "scores: n = %lld rows; expected n >= 0", (long long)n);
        return NULL;
    }
    if (n > 0 && (!truth || !score)) {
        lt_seterr(LT_EINVAL, "scores: no %s array for %lld rows", truth ? "score" : "truth",
                  (long long)n);
        return NULL;
    }
    int nthr = n >= PAR_MIN ? omp_get_max_threads() : 1;
    if (nthr < 1)
        nthr = 1;
    /* per thread: positives, the first bad row, and the key ranges */
    int64_t *cnt = calloc((size_t)nthr * 2, sizeof *cnt);
    uint64_t *rng = malloc((size_t)nthr * 4 * sizeof *rng);
    lt_scores *s = calloc(1, sizeof *s);
    uint64_t *kp = NULL, *kn = NULL, *t = NULL;
    if (!cnt || !rng || !s) {
        lt_nomem();
        goto fail;
    }
    for (int u = 0; u < nthr; u++) {   /* threads that may not run */
        rng[4 * u] = rng[4 * u + 2] = UINT64_MAX;
        rng[4 * u + 1] = rng[4 * u + 3] = 0;
    }
    int64_t bad = n, npos = 0;
#pragma omp parallel num_threads(nthr)
    {
        int nt = omp_get_num_threads(), th = omp_get_thread_num();
        int64_t c0 = n * th / nt, c1 = n * (th + 1) / nt, np = 0, b = n;
        for (int64_t i = c0; i < c1; i++) {
            if (truth[i] > 1 || isnan(score[i])) {
                b = i;
                break;
            }
            np += truth[i];
        }
        cnt[2 * th] = np;
        cnt[2 * th + 1] = b;
#pragma omp barrier
#pragma omp single
        {
            int64_t off = 0;
            for (int u = 0; u < nt; u++) {
                if (cnt[2 * u + 1] < bad)
                    bad = cnt[2 * u + 1];
                int64_t x = cnt[2 * u];
                cnt[2 * u] = off;
                off += x;
            }
            npos = off;
            if (bad == n) {
                kp = malloc((size_t)(off > 0 ? off : 1) * sizeof *kp);
                kn = malloc((size_t)(n - off > 0 ? n - off : 1) * sizeof *kn);
                int64_t most = off > n - off ? off : n - off;
                t = malloc((size_t)(most > 0 ? most : 1) * sizeof *t);
            }
        }
        if (bad == n && kp && kn && t) {
            int64_t ip = cnt[2 * th], in = c0 - ip;
            uint64_t plo = UINT64_MAX, phi = 0, nlo = UINT64_MAX, nhi = 0;
            for (int64_t i = c0; i < c1; i++) {
                uint64_t key = desc_key(score[i]);
                if (truth[i]) {
                    kp[ip++] = key;
                    plo = key < plo ? key : plo;
                    phi = key > phi ? key : phi;
                } else {
                    kn[in++] = key;
                    nlo = key < nlo ? key : nlo;
                    nhi = key > nhi ? key : nhi;
                }
            }
            rng[4 * th] = plo;
            rng[4 * th + 1] = phi;
            rng[4 * th + 2] = nlo;
            rng[4 * th + 3] = nhi;
        }
    }
    if (bad < n) {
        if (truth[bad] > 1)
            lt_seterr(LT_EINVAL, "scores: truth at row %lld is %d; expected 0 or 1",
                      (long long)bad + 1, truth[bad]);
        else
            lt_seterr(LT_EINVAL, "scores: score at row %lld is NaN; drop the missing rows first",
                      (long long)bad + 1);
        goto fail;
    }
    if (!kp || !kn || !t) {
        lt_nomem();
        goto fail;
    }
    uint64_t plo = UINT64_MAX, phi = 0, nlo = UINT64_MAX, nhi = 0;
    for (int u = 0; u < nthr; u++) {
        plo = rng[4 * u] < plo ? rng[4 * u] : plo;
        phi = rng[4 * u + 1] > phi ? rng[4 * u + 1] : phi;
        nlo = rng[4 * u + 2] < nlo ? rng[4 * u + 2] : nlo;
        nhi = rng[4 * u + 3] > nhi ? rng[4 * u + 3] : nhi;
    }
    s->npos = npos;
    s->nneg = n - npos;
    if (lt_progress_tick(p, 0.1)) {
        lt_seterr(LT_ECANCELED, "scores: cancelled");
        goto fail;
    }
    double mid = 0.1 + 0.9 * (n > 0 ? (double)npos / (double)n : 0);
    if (sort_keys(kp, t, s->npos, bitlen(plo ^ phi), nthr, p, 0.1, mid) < 0 ||
        sort_keys(kn, t, s->nneg, bitlen(nlo ^ nhi), nthr, p, mid, 1.0) < 0)
        goto fail;
    free(t);
    free(cnt);
    free(rng);
    s->pos = decode(kp, s->npos);
    s->neg = decode(kn, s->nneg);
    if (n == 0) {
        s->lo = s->hi = NAN;
    } else {
        s->hi = -INFINITY;
        s->lo = INFINITY;
        if (s->npos > 0) {
            s->hi = s->pos[0];
            s->lo = s->pos[s->npos - 1];
        }
        if (s->nneg > 0) {
            s->hi = fmax(s->hi, s->neg[0]);
            s->lo = fmin(s->lo, s->neg[s->nneg - 1]);
        }
    }
    lt_progress_tick(p, 1.0);   /* done: a late cancel changes nothing */
    return s;
fail:
    free(kp);
    free(kn);
    free(t);
    free(cnt);
    free(rng);
    free(s);
    return NULL;
}

/* ---- names ------------------------------------------------------------------- */

static const char *const metric_names[LT_METRIC_COUNT] = {
    [LT_METRIC_AUC] = "auc",
    [LT_METRIC_AP] = "ap",
    [LT_METRIC_LOG_LOSS] = "log_loss",
    [LT_METRIC_BRIER] = "brier",
    [LT_METRIC_ACCURACY] = "accuracy",
    [LT_METRIC_BALANCED_ACCURACY] = "balanced_accuracy",
    [LT_METRIC_PRECISION] = "precision",
    [LT_METRIC_RECALL] = "recall",
    [LT_METRIC_SPECIFICITY] = "specificity",
    [LT_METRIC_F1] = "f1",
    [LT_METRIC_MCC] = "mcc",
    [LT_METRIC_KAPPA] = "kappa",
};

const char *lt_metric_name(lt_metric m)
{
    return (int)m >= 0 && m < LT_METRIC_COUNT ? metric_names[m] : NULL;
}

int lt_metric_parse(const char *name)
{
    if (!name)
        return -1;
    for (int m = 0; m < LT_METRIC_COUNT; m++)
        if (strcmp(name, metric_names[m]) == 0)
            return m;
    return -1;
}

static bool is_threshold_metric(lt_metric m)
{
    return m >= LT_METRIC_ACCURACY && m < LT_METRIC_COUNT;
}

/* ---- sums --------------------------------------------------------------------- */

static double wsum(const uint32_t *w, int64_t m)
{
    double s = 0;
    for (int64_t i = 0; i < m; i++)
        s += w[i];
    return s;
}

/* ---- AUC ---------------------------------------------------------------------- */

/* Rows of v[0..m) (descending) scoring above x, or at x too when
 * `at_too`, by bisection; none for x NaN. */
static int64_t count_above(const double *v, int64_t m, double x, bool at_too)
{
    int64_t lo = 0, hi = m;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] > x || (at_too && v[mid] == x))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Twice the pairs (positive, negative) ranked right, ties counting 1/2,
 * over the negatives neg[j0..j1): each negative at v adds 2 * #(pos > v)
 * + #(pos == v). */
static uint64_t auc_pairs(const double *pos, int64_t np, const double *neg, int64_t j0,
                          int64_t j1)
{
    if (j0 >= j1)
        return 0;
    uint64_t acc = 0;
    int64_t i = count_above(pos, np, neg[j0], false);
    for (int64_t j = j0; j < j1;) {
        double v = neg[j];
        int64_t je = j + 1;
        while (je < j1 && neg[je] == v)
            je++;
        while (i < np && pos[i] > v)
            i++;
        int64_t ie = i;
        while (ie < np && pos[ie] == v)
            ie++;
        acc += (uint64_t)(je - j) * (uint64_t)(2 * i + (ie - i));
        i = ie;
        j = je;
    }
    return acc;
}

static double auc_plain(const lt_scores *s)
{
    int64_t np = s->npos, nn = s->nneg;
    if (np == 0 || nn == 0)
        return NAN;
    /* integer counts are exact while 2 * np * nn fits 64 bits */
    if ((double)np * (double)nn >= 4e18) {
        double acc = 0;
        int64_t i = 0;
        for (int64_t j = 0; j < nn; j++) {
            while (i < np && s->pos[i] > s->neg[j])
                i++;
            int64_t ie = i;
            while (ie < np && s->pos[ie] == s->neg[j])
                ie++;
            acc += 2.0 * (double)i + (double)(ie - i);
        }
        return acc / (2.0 * (double)np * (double)nn);
    }
    int64_t nb = (nn + BLOCK - 1) / BLOCK;
    uint64_t acc = 0;
#pragma omp parallel for schedule(static) reduction(+: acc) if (nn >= PAR_MIN)
    for (int64_t b = 0; b < nb; b++) {
        int64_t j1 = (b + 1) * BLOCK;
        acc += auc_pairs(s->pos, np, s->neg, b * BLOCK, j1 < nn ? j1 : nn);
    }
    return (double)acc / (2.0 * (double)np * (double)nn);
}

/* Weights as a pointer and a stride: no weights read a constant 1 with
 * stride 0, so that the loops have no branch on them. */
static const uint32_t one = 1;
#define WEIGHTS(w) ((w) ? (w) : &one)
#define STRIDE(w) ((w) ? 1 : 0)

/* Weighted: each row counted w times (w = 0 leaves it out). */
static double auc_weighted(const lt_scores *s, const uint32_t *wp, const uint32_t *wn)
{
    const uint32_t *a = WEIGHTS(wp), *b = WEIGHTS(wn);
    int64_t sa = STRIDE(wp), sb = STRIDE(wn);
    int64_t np = s->npos, nn = s->nneg, i = 0;
    double acc = 0, above = 0, wneg = 0;
    for (int64_t j = 0; j < nn;) {
        double v = s->neg[j], dn = 0, dp = 0;
        for (; j < nn && s->neg[j] == v; j++)
            dn += b[j * sb];
        for (; i < np && s->pos[i] > v; i++)
            above += a[i * sa];
        for (; i < np && s->pos[i] == v; i++)
            dp += a[i * sa];
        acc += dn * (2 * above + dp);
        above += dp;
        wneg += dn;
    }
    for (; i < np; i++)
        above += a[i * sa];
    if (above == 0 || wneg == 0)
        return NAN;
    return acc / (2 * above * wneg);
}

/* ---- distinct scores ----------------------------------------------------------- */

/* A walk over the distinct scores, descending, with the (weighted) rows of
 * each class at each. */
typedef struct walk {
    const lt_scores *s;
    const uint32_t *wp, *wn;
    int64_t i, j;
    double v, dp, dn;   /* the current score and its rows */
} walk;

static void walk_init(walk *w, const lt_scores *s, const uint32_t *wp, const uint32_t *wn)
{
    *w = (walk){ .s = s, .wp = wp, .wn = wn };
}

/* Move *at past the rows of v[0..m) (descending) scoring x; their
 * weight (w NULL: one each). */
static inline double take_run(const double *v, int64_t m, int64_t *at, double x,
                              const uint32_t *w)
{
    int64_t i = *at;
    double d = 0;
    if (w) {
        for (; i < m && v[i] == x; i++)
            d += w[i];
    } else {
        while (i < m && v[i] == x)
            i++;
        d = (double)(i - *at);
    }
    *at = i;
    return d;
}

static bool walk_next(walk *w)
{
    const lt_scores *s = w->s;
    bool hp = w->i < s->npos, hn = w->j < s->nneg;
    if (!hp && !hn)
        return false;
    double v = hp && (!hn || s->pos[w->i] >= s->neg[w->j]) ? s->pos[w->i] : s->neg[w->j];
    w->v = v;
    w->dp = take_run(s->pos, s->npos, &w->i, v, w->wp);
    w->dn = take_run(s->neg, s->nneg, &w->j, v, w->wn);
    return true;
}

/* The counts after the rows at the walk's score turn predicted positive. */
static void walk_counts(const walk *w, lt_counts2 *c)
{
    c->tp += w->dp;
    c->fn -= w->dp;
    c->fp += w->dn;
    c->tn -= w->dn;
}

static int64_t distinct_scores(const lt_scores *s)
{
    walk w;
    int64_t g = 0;
    walk_init(&w, s, NULL, NULL);
    while (walk_next(&w))
        g++;
    return g;
}

/* ---- AP, log loss, Brier ---------------------------------------------------------- */

/* The sum over distinct scores of (R_k - R_{k-1}) P_k: only scores with
 * positives add, each its positives dp over all positives times the
 * precision once the rows at that score are in. */
static double average_precision(const lt_scores *s, const uint32_t *wp, const uint32_t *wn)
{
    const uint32_t *a = WEIGHTS(wp), *b = WEIGHTS(wn);
    int64_t sa = STRIDE(wp), sb = STRIDE(wn);
    int64_t np = s->npos, nn = s->nneg, j = 0;
    double tp = 0, fp = 0;
    nsum acc = { 0, 0 };
    for (int64_t i = 0; i < np;) {
        double v = s->pos[i], dp = 0;
        for (; i < np && s->pos[i] == v; i++)
            dp += a[i * sa];
        for (; j < nn && s->neg[j] >= v; j++)
            fp += b[j * sb];
        tp += dp;
        if (dp > 0)
            nsum_add(&acc, dp * (tp / (tp + fp)));
    }
    return tp > 0 ? nsum_value(&acc) / tp : NAN;
}

/* The loss of one row of class y with probability p, as sklearn's
 * log_loss: p clipped to [eps, 1 - eps], the pair (1 - p, p) divided by
 * its sum. */
static inline double log_loss_of(double p, int y)
{
    const double eps = DBL_EPSILON;
    double q = p < eps ? eps : p > 1 - eps ? 1 - eps : p;
    double r = 1 - q, t = r + q;
    return -log((y ? q : r) / t);
}

static inline double brier_of(double p, int y)
{
    double d = y - p;
    return d * d;
}

/* Sum of f over v[0..m) (class y), compensated per block, blocks in
 * order. */
static nsum class_sum(const double *v, int64_t m, int y, const uint32_t *w,
                      double (*f)(double, int))
{
    nsum tot = { 0, 0 };
    if (w) {
        for (int64_t i = 0; i < m; i++)
            if (w[i])
                nsum_add(&tot, w[i] * f(v[i], y));
        return tot;
    }
    int64_t nb = (m + BLOCK - 1) / BLOCK;
    if (nb <= 1) {
        for (int64_t i = 0; i < m; i++)
            nsum_add(&tot, f(v[i], y));
        return tot;
    }
    nsum *part = malloc((size_t)nb * sizeof *part);
    if (!part) {   /* the same sum, one block at a time */
        for (int64_t i = 0; i < m; i++)
            nsum_add(&tot, f(v[i], y));
        return tot;
    }
#pragma omp parallel for schedule(static) if (m >= PAR_MIN)
    for (int64_t b = 0; b < nb; b++) {
        nsum k = { 0, 0 };
        int64_t e = (b + 1) * BLOCK < m ? (b + 1) * BLOCK : m;
        for (int64_t i = b * BLOCK; i < e; i++)
            nsum_add(&k, f(v[i], y));
        part[b] = k;
    }
    for (int64_t b = 0; b < nb; b++) {
        nsum_merge(&tot, &part[b]);
    }
    free(part);
    return tot;
}

static double prob_loss(const lt_scores *s, const uint32_t *wp, const uint32_t *wn,
                        double (*f)(double, int))
{
    if (!lt_scores_in_unit(s))
        return NAN;
    double n = (wp ? wsum(wp, s->npos) : (double)s->npos) +
               (wn ? wsum(wn, s->nneg) : (double)s->nneg);
    if (n == 0)
        return NAN;
    nsum a = class_sum(s->pos, s->npos, 1, wp, f);
    nsum b = class_sum(s->neg, s->nneg, 0, wn, f);
    nsum_merge(&a, &b);
    return nsum_value(&a) / n;
}

bool lt_scores_in_unit(const lt_scores *s)
{
    return s->npos + s->nneg == 0 || (s->lo >= 0 && s->hi <= 1);
}

/* ---- counts and metrics ------------------------------------------------------------ */

/* The (weighted: w, else one each) rows of v[0..m) (descending) scoring
 * t or more, and those below. */
static void split_at(const double *v, int64_t m, double t, const uint32_t *w, double *at_least,
                     double *below)
{
    int64_t k = count_above(v, m, t, true);
    *at_least = w ? wsum(w, k) : (double)k;
    *below = w ? wsum(w + k, m - k) : (double)(m - k);
}

void lt_scores_counts(const lt_scores *s, double t, const uint32_t *wpos, const uint32_t *wneg,
                      lt_counts2 *out)
{
    split_at(s->pos, s->npos, t, wpos, &out->tp, &out->fn);
    split_at(s->neg, s->nneg, t, wneg, &out->fp, &out->tn);
}

static double pick(const lt_binary_metrics *b, lt_metric m)
{
    switch (m) {
    case LT_METRIC_ACCURACY: return b->accuracy;
    case LT_METRIC_BALANCED_ACCURACY: return b->balanced_accuracy;
    case LT_METRIC_PRECISION: return b->precision;
    case LT_METRIC_RECALL: return b->recall;
    case LT_METRIC_SPECIFICITY: return b->specificity;
    case LT_METRIC_F1: return b->f1;
    case LT_METRIC_MCC: return b->mcc;
    case LT_METRIC_KAPPA: return b->kappa;
    default: return NAN;
    }
}

double lt_scores_metric(const lt_scores *s, lt_metric m, double t, const uint32_t *wpos,
                        const uint32_t *wneg)
{
    switch (m) {
    case LT_METRIC_AUC:
        return wpos || wneg ? auc_weighted(s, wpos, wneg) : auc_plain(s);
    case LT_METRIC_AP:
        return average_precision(s, wpos, wneg);
    case LT_METRIC_LOG_LOSS:
        return prob_loss(s, wpos, wneg, log_loss_of);
    case LT_METRIC_BRIER:
        return prob_loss(s, wpos, wneg, brier_of);
    default:
        if (!is_threshold_metric(m))
            return NAN;
        lt_counts2 c;
        lt_scores_counts(s, t, wpos, wneg, &c);
        if (c.tp + c.fp + c.fn + c.tn == 0)
            return NAN;
        lt_binary_metrics b;
        lt_binary_metrics_of(&c, &b);
        return pick(&b, m);
    }
}

/* ---- curves -------------------------------------------------------------------------- */

/* Columns being filled: the frame is made once they are. */
enum { MAXCOL = 6 };
typedef struct table {
    int ncol;
    lt_col *col[MAXCOL];
    const char *name[MAXCOL];
} table;

static void table_fini(table *tb)
{
    for (int c = 0; c < tb->ncol; c++)
        lt_col_unref(tb->col[c]);
}

/* ncol columns of `rows` rows, f64 unless types says otherwise (NULL:
 * all f64).  0, or LT_ENOMEM with nothing left to release. */
static int table_init(table *tb, int64_t rows, int ncol, const char *const *names,
                      const lt_type *types)
{
    memset(tb, 0, sizeof *tb);
    tb->ncol = ncol;
    for (int c = 0; c < ncol; c++) {
        tb->name[c] = names[c];
        if (!(tb->col[c] = lt_col_new(types ? types[c] : LT_F64, rows))) {
            table_fini(tb);
            return LT_ENOMEM;
        }
    }
    return 0;
}

static double *tcol(const table *tb, int c) { return lt_col_f64(tb->col[c]); }

/* The frame of the filled columns (NULL with lt_errmsg); releases tb. */
static lt_frame *table_frame(table *tb)
{
    lt_frame *f = lt_frame_new();
    for (int c = 0; f && c < tb->ncol; c++)
        if (lt_frame_add(f, tb->name[c], lt_col_finish(tb->col[c])) < 0) {
            lt_frame_free(f);
            f = NULL;
        }
    table_fini(tb);
    return f;
}

/* Cumulative counts at each of the g distinct scores, descending: the
 * score v[k], and tp[k], fp[k] of the rows scoring v[k] or more. */
typedef struct cum {
    double *v, *tp, *fp;
    int64_t g;
} cum;

static void cum_fini(cum *u)
{
    free(u->v);
    free(u->tp);
    free(u->fp);
}

/* 0 or LT_ENOMEM (nothing left to release). */
static int cumulate(const lt_scores *s, cum *u)
{
    int64_t g = distinct_scores(s);
    size_t sz = (size_t)(g > 0 ? g : 1) * sizeof(double);
    *u = (cum){ malloc(sz), malloc(sz), malloc(sz), g };
    if (!u->v || !u->tp || !u->fp) {
        cum_fini(u);
        return lt_nomem();
    }
    walk w;
    walk_init(&w, s, NULL, NULL);
    double a = 0, b = 0;
    for (int64_t k = 0; walk_next(&w); k++) {
        a += w.dp;
        b += w.dn;
        u->v[k] = w.v;
        u->tp[k] = a;
        u->fp[k] = b;
    }
    return 0;
}

lt_frame *lt_scores_roc(const lt_scores *s, bool drop_intermediate)
{
    cum u;
    if (cumulate(s, &u) < 0)
        return NULL;
    double *v = u.v, *tp = u.tp, *fp = u.fp;
    int64_t g = u.g;
    /* keep the corners: where the second difference of fp or tp is not 0 */
    int64_t m = 0;
    for (int64_t k = 0; k < g; k++) {
        if (drop_intermediate && g > 2 && k > 0 && k < g - 1 &&
            fp[k - 1] - 2 * fp[k] + fp[k + 1] == 0 && tp[k - 1] - 2 * tp[k] + tp[k + 1] == 0)
            continue;
        v[m] = v[k];
        tp[m] = tp[k];
        fp[m] = fp[k];
        m++;
    }
    table tb;
    lt_frame *f = NULL;
    if (table_init(&tb, m + 1, 3, (const char *[]){ "threshold", "fpr", "tpr" }, NULL) == 0) {
        double *th = tcol(&tb, 0), *fpr = tcol(&tb, 1), *tpr = tcol(&tb, 2);
        double nn = (double)s->nneg, np = (double)s->npos;
        th[0] = INFINITY;
        fpr[0] = nn > 0 ? 0 : NAN;
        tpr[0] = np > 0 ? 0 : NAN;
        for (int64_t k = 0; k < m; k++) {
            th[k + 1] = v[k];
            fpr[k + 1] = nn > 0 ? fp[k] / nn : NAN;
            tpr[k + 1] = np > 0 ? tp[k] / np : NAN;
        }
        f = table_frame(&tb);
    }
    cum_fini(&u);
    return f;
}

lt_frame *lt_scores_pr(const lt_scores *s)
{
    if (s->npos == 0) {
        lt_seterr(LT_EINVAL, "pr curve: the truth has no positive rows; expected some");
        return NULL;
    }
    cum u;
    if (cumulate(s, &u) < 0)
        return NULL;
    const double *v = u.v, *tp = u.tp, *fp = u.fp;
    int64_t g = u.g;
    table tb;
    lt_frame *f = NULL;
    if (table_init(&tb, g + 1, 3, (const char *[]){ "threshold", "precision", "recall" },
                   NULL) == 0) {
        double *th = tcol(&tb, 0), *pr = tcol(&tb, 1), *re = tcol(&tb, 2);
        for (int64_t k = 0; k < g; k++) {   /* ascending threshold */
            int64_t r = g - 1 - k;
            th[k] = v[r];
            pr[k] = tp[r] / (tp[r] + fp[r]);
            re[k] = tp[r] / (double)s->npos;
        }
        th[g] = NAN;
        pr[g] = 1;
        re[g] = 0;
        f = table_frame(&tb);
    }
    cum_fini(&u);
    return f;
}

lt_frame *lt_scores_gain(const lt_scores *s)
{
    if (s->npos == 0) {
        lt_seterr(LT_EINVAL, "gain curve: the truth has no positive rows; expected some");
        return NULL;
    }
    int64_t g = distinct_scores(s);
    table tb;
    if (table_init(&tb, g + 1, 4, (const char *[]){ "threshold", "tested", "found", "lift" },
                   NULL) < 0)
        return NULL;
    double *th = tcol(&tb, 0), *te = tcol(&tb, 1), *fo = tcol(&tb, 2), *li = tcol(&tb, 3);
    double n = (double)(s->npos + s->nneg), np = (double)s->npos, tp = 0, all = 0;
    th[0] = INFINITY;
    te[0] = fo[0] = 0;
    li[0] = NAN;
    walk w;
    walk_init(&w, s, NULL, NULL);
    for (int64_t k = 1; walk_next(&w); k++) {
        tp += w.dp;
        all += w.dp + w.dn;
        th[k] = w.v;
        te[k] = all / n;
        fo[k] = tp / np;
        li[k] = fo[k] / te[k];
    }
    return table_frame(&tb);
}

lt_frame *lt_scores_threshold_curve(const lt_scores *s)
{
    int64_t g = distinct_scores(s);
    table tb;
    if (table_init(&tb, g, 5,
                   (const char *[]){ "threshold", "precision", "recall", "f1", "predicted" },
                   NULL) < 0)
        return NULL;
    double *th = tcol(&tb, 0), *pr = tcol(&tb, 1), *re = tcol(&tb, 2), *f1 = tcol(&tb, 3),
           *pp = tcol(&tb, 4);
    double n = (double)(s->npos + s->nneg);
    lt_counts2 c = { 0, 0, (double)s->npos, (double)s->nneg };
    walk w;
    walk_init(&w, s, NULL, NULL);
    for (int64_t k = 0; walk_next(&w); k++) {
        walk_counts(&w, &c);
        lt_binary_metrics b;
        lt_binary_metrics_of(&c, &b);
        th[k] = w.v;
        pr[k] = b.precision;
        re[k] = b.recall;
        f1[k] = b.f1;
        pp[k] = (c.tp + c.fp) / n;
    }
    return table_frame(&tb);
}

/* ---- calibration ------------------------------------------------------------------- */

/* The r-th smallest score (0-based) of both classes: i of them from the
 * positives, r + 1 - i from the negatives, i found by bisection.  The
 * arrays are descending, so the x-th smallest of v[0..m) is v[m - 1 - x]. */
static double kth_smallest(const lt_scores *s, int64_t r)
{
    const double *a = s->pos, *b = s->neg;
    int64_t na = s->npos, nb = s->nneg;
#define ASC(v, m, x) ((v)[(m) - 1 - (x)])
    int64_t lo = r + 1 - nb > 0 ? r + 1 - nb : 0, hi = r + 1 < na ? r + 1 : na;
    while (lo < hi) {
        int64_t i = lo + (hi - lo) / 2, j = r + 1 - i;
        /* too few from a when a's next is below b's last taken */
        if (j > 0 && i < na && ASC(a, na, i) < ASC(b, nb, j - 1))
            lo = i + 1;
        else
            hi = i;
    }
    int64_t i = lo, j = r + 1 - i;
    double x = i > 0 ? ASC(a, na, i - 1) : -INFINITY, y = j > 0 ? ASC(b, nb, j - 1) : -INFINITY;
#undef ASC
    return x > y ? x : y;
}

/* numpy's linear interpolation (_lerp), rounded as numpy rounds it. */
static double lerp(double a, double b, double t)
{
    double d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/* The bins + 1 edges at the quantiles of all n > 0 scores, as
 * np.percentile(scores, np.linspace(0, 1, bins + 1) * 100) computes them. */
static void quantile_edges(const lt_scores *s, int bins, double *edge)
{
    int64_t n = s->npos + s->nneg;
    double step = 1.0 / bins;
    for (int i = 0; i <= bins; i++) {
        double q = i == bins ? 1.0 : i * step;
        q = q * 100 / 100;
        double vi = (double)(n - 1) * q;
        if (vi >= (double)(n - 1)) {
            edge[i] = kth_smallest(s, n - 1);
        } else {
            double lo = floor(vi);
            int64_t r = (int64_t)lo;
            edge[i] = lerp(kth_smallest(s, r), kth_smallest(s, r + 1), vi - lo);
        }
    }
}

lt_frame *lt_scores_calibration(const lt_scores *s, int bins, bool quantile)
{
    if (bins < 1) {
        lt_seterr(LT_EINVAL, "calibration: bins = %d; expected at least 1", bins);
        return NULL;
    }
    if (!lt_scores_in_unit(s)) {
        lt_seterr(LT_EINVAL, "calibration: scores range from %g to %g; expected probabilities "
                  "in [0, 1]", s->lo, s->hi);
        return NULL;
    }
    int64_t n = s->npos + s->nneg;
    double *edge = malloc((size_t)(bins + 1) * sizeof *edge);
    int64_t *cnt = calloc((size_t)bins * 2, sizeof *cnt);
    nsum *sum = calloc((size_t)bins, sizeof *sum);
    if (!edge || !cnt || !sum) {
        lt_nomem();
        free(edge);
        free(cnt);
        free(sum);
        return NULL;
    }
    if (quantile && n > 0) {
        quantile_edges(s, bins, edge);
    } else {
        double step = 1.0 / bins;
        for (int i = 0; i < bins; i++)
            edge[i] = i * step;
        edge[bins] = 1.0;
    }
    /* bin b holds the scores x with edge[b] < x <= edge[b + 1] (the first
     * also those at or below edge[1], the last those above edge[bins - 1]),
     * as np.searchsorted(edges[1:-1], x) */
    for (int y = 0; y < 2; y++) {
        const double *v = y ? s->pos : s->neg;
        int64_t m = y ? s->npos : s->nneg;
        int b = 0;
        for (int64_t i = m - 1; i >= 0; i--) {   /* ascending */
            while (b < bins - 1 && v[i] > edge[b + 1])
                b++;
            cnt[2 * b]++;
            cnt[2 * b + 1] += y;
            nsum_add(&sum[b], v[i]);
        }
    }
    int64_t rows = 0;
    for (int b = 0; b < bins; b++)
        rows += cnt[2 * b] > 0;
    table tb;
    lt_frame *f = NULL;
    if (table_init(&tb, rows, 5,
                   (const char *[]){ "lo", "hi", "mean_predicted", "fraction_positive", "n" },
                   (const lt_type[]){ LT_F64, LT_F64, LT_F64, LT_F64, LT_I64 }) == 0) {
        int64_t k = 0;
        for (int b = 0; b < bins; b++) {
            if (cnt[2 * b] == 0)
                continue;
            tcol(&tb, 0)[k] = edge[b];
            tcol(&tb, 1)[k] = edge[b + 1];
            tcol(&tb, 2)[k] = nsum_value(&sum[b]) / (double)cnt[2 * b];
            tcol(&tb, 3)[k] = (double)cnt[2 * b + 1] / (double)cnt[2 * b];
            lt_col_i64(tb.col[4])[k] = cnt[2 * b];
            k++;
        }
        f = table_frame(&tb);
    }
    free(edge);
    free(cnt);
    free(sum);
    return f;
}

/* ---- thresholds --------------------------------------------------------------------- */

static int check_spec(const lt_threshold_spec *sp)
{
    switch (sp->goal) {
    case LT_GOAL_MAXIMIZE:
        if (sp->metric == LT_METRIC_COUNT || is_threshold_metric(sp->metric))
            return 0;
        if ((int)sp->metric >= 0 && sp->metric < LT_METRIC_COUNT)
            return lt_seterr(LT_EINVAL, "threshold: %s does not depend on the threshold; "
                             "expected accuracy, balanced_accuracy, precision, recall, "
                             "specificity, f1, mcc, kappa or Youden's J",
                             lt_metric_name(sp->metric));
        return lt_seterr(LT_EINVAL, "threshold: metric %d is unknown", (int)sp->metric);
    case LT_GOAL_MIN_PRECISION:
    case LT_GOAL_MIN_RECALL:
        if (!(sp->target >= 0 && sp->target <= 1))
            return lt_seterr(LT_EINVAL, "threshold: a %s of %g; expected a target in [0, 1]",
                             sp->goal == LT_GOAL_MIN_RECALL ? "recall" : "precision",
                             sp->target);
        return 0;
    case LT_GOAL_MIN_COST:
        if (!(sp->cost_fp >= 0 && sp->cost_fn >= 0 && isfinite(sp->cost_fp) &&
              isfinite(sp->cost_fn)))
            return lt_seterr(LT_EINVAL, "threshold: costs fp = %g, fn = %g; expected finite "
                             "costs >= 0", sp->cost_fp, sp->cost_fn);
        return 0;
    }
    return lt_seterr(LT_EINVAL, "threshold: goal %d is unknown", (int)sp->goal);
}

/* The criterion of the goal at counts c (larger is better), NaN when
 * undefined. */
static double criterion(const lt_threshold_spec *sp, const lt_counts2 *c)
{
    lt_binary_metrics b;
    lt_binary_metrics_of(c, &b);
    switch (sp->goal) {
    case LT_GOAL_MAXIMIZE:
        return sp->metric == LT_METRIC_COUNT ? b.recall + b.specificity - 1 : pick(&b, sp->metric);
    case LT_GOAL_MIN_PRECISION:
        return b.precision;
    case LT_GOAL_MIN_RECALL:
        return b.recall;
    case LT_GOAL_MIN_COST:
        return -(sp->cost_fp * c->fp + sp->cost_fn * c->fn);
    }
    return NAN;
}

int lt_scores_best_threshold(const lt_scores *s, const lt_threshold_spec *spec, double *t)
{
    int rc = check_spec(spec);
    if (rc < 0)
        return rc;
    if (s->npos + s->nneg == 0)
        return lt_seterr(LT_EINVAL, "threshold: no rows to choose a threshold from");
    /* candidates from +Inf down: the best so far, the highest value seen */
    lt_counts2 c = { 0, 0, (double)s->npos, (double)s->nneg };
    double best = INFINITY, bestval = NAN, top = -INFINITY;
    bool found = false;
    double cand = INFINITY;
    walk w;
    walk_init(&w, s, NULL, NULL);
    for (;;) {
        double val = criterion(spec, &c);
        if (!isnan(val)) {
            top = val > top ? val : top;
            switch (spec->goal) {
            case LT_GOAL_MIN_PRECISION:   /* the lowest threshold that reaches it */
                if (val >= spec->target) {
                    best = cand;
                    found = true;
                }
                break;
            case LT_GOAL_MIN_RECALL:      /* the highest one */
                if (val >= spec->target && !found) {
                    best = cand;
                    found = true;
                }
                break;
            default:
                if (!found || val > bestval) {
                    best = cand;
                    bestval = val;
                    found = true;
                }
            }
        }
        if (!walk_next(&w))
            break;
        cand = w.v;
        walk_counts(&w, &c);
    }
    if (!found) {
        if (spec->goal == LT_GOAL_MIN_RECALL)
            return lt_seterr(LT_EINVAL, "threshold: no threshold reaches recall %g; the truth "
                             "has no positive rows", spec->target);
        if (spec->goal == LT_GOAL_MIN_PRECISION)
            return lt_seterr(LT_EINVAL, "threshold: no threshold reaches precision %g; the "
                             "highest is %g", spec->target, top);
        return lt_seterr(LT_EINVAL, "threshold: %s is undefined at every threshold",
                         spec->metric == LT_METRIC_COUNT ? "Youden's J"
                                                         : lt_metric_name(spec->metric));
    }
    *t = best;
    return 0;
}
