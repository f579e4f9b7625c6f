/* DeLong's variance of the AUC, its confidence interval and the paired
 * test of two AUCs (see delong.h), as pROC computes them.
 *
 * Placements are kept as integers "twice the count": for a positive row
 * with score x, 2 * (negatives below x) + (negatives tied with x), which
 * is V10 * 2 * nneg; for a negative row likewise against the positives.
 * They are exact in a double (below 2^53 for any table that fits in
 * memory), so the AUC, their sum over 2 npos nneg, is exact before its
 * one rounding, and the sums run serially in row order: the same result
 * whatever the thread count. */
#include "delong.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "error.h"

/* Rows below which the binary searches run on one thread. */
enum { PAR_MIN = 1 << 14 };

/* Twice the placements of the sorted (descending) values x[0..nx) among
 * the sorted (descending) a[0..na): out[i] = 2 * #(a < x[i]) + #(a == x[i])
 * when `below`, else 2 * #(a > x[i]) + #(a == x[i]).  Both arrays walk
 * down together: O(nx + na). */
static void placements_sorted(const double *x, int64_t nx, const double *a, int64_t na,
                              int below, double *out)
{
    int64_t gt = 0, ge = 0;   /* #(a > x[i]), #(a >= x[i]); grow as x[i] falls */
    for (int64_t i = 0; i < nx; i++) {
        double v = x[i];
        while (gt < na && a[gt] > v)
            gt++;
        if (ge < gt)
            ge = gt;
        while (ge < na && a[ge] >= v)
            ge++;
        out[i] = below ? (double)(2 * na - ge - gt) : (double)(gt + ge);
    }
}

/* #(a > v) and #(a >= v) in the descending a[0..na), by binary search. */
static void count_around(const double *a, int64_t na, double v, int64_t *gt, int64_t *ge)
{
    int64_t lo = 0, hi = na;   /* first index with a[i] <= v */
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (a[mid] > v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *gt = lo;
    hi = na;                   /* first index with a[i] < v, from there */
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (a[mid] >= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *ge = lo;
}

/* Sum of squared deviations from the mean of the placements c[0..n),
 * whose exact sum is `sum`. */
static double sum_sq_dev(const double *c, int64_t n, double sum)
{
    double mean = sum / (double)n, ss = 0;
    for (int64_t i = 0; i < n; i++) {
        double d = c[i] - mean;
        ss += d * d;
    }
    return ss;
}

static double sum_of(const double *c, int64_t n)
{
    double s = 0;   /* integers below 2^53: exact in any order */
    for (int64_t i = 0; i < n; i++)
        s += c[i];
    return s;
}

static int need_two(int64_t npos, int64_t nneg, const char *what)
{
    return lt_seterr(LT_EINVAL, "%s needs at least 2 positive and 2 negative rows; got %lld "
                     "positive and %lld negative", what, (long long)npos, (long long)nneg);
}

int lt_delong_var(const lt_scores *s, double *auc, double *var)
{
    int64_t np = s->npos, nn = s->nneg;
    if (np < 2 || nn < 2)
        return need_two(np, nn, "delong: the variance of the AUC");
    double *c10 = malloc((size_t)np * sizeof *c10);
    double *c01 = malloc((size_t)nn * sizeof *c01);
    if (!c10 || !c01) {
        free(c10);
        free(c01);
        return lt_nomem();
    }
    placements_sorted(s->pos, np, s->neg, nn, 1, c10);
    placements_sorted(s->neg, nn, s->pos, np, 0, c01);
    double sum = sum_of(c10, np);   /* = sum_of(c01, nn): both count the pairs */
    double pairs2 = 2.0 * (double)np * (double)nn;
    double v10 = sum_sq_dev(c10, np, sum) / ((double)(np - 1) * 4.0 * (double)nn * (double)nn);
    double v01 = sum_sq_dev(c01, nn, sum_of(c01, nn))
                 / ((double)(nn - 1) * 4.0 * (double)np * (double)np);
    free(c10);
    free(c01);
    *auc = sum / pairs2;
    *var = v10 / (double)np + v01 / (double)nn;
    return 0;
}

int lt_delong_ci(const lt_scores *s, double level, double *lo, double *hi)
{
    if (!(level > 0 && level < 1))
        return lt_seterr(LT_EINVAL, "delong: level = %g; expected a confidence level "
                         "between 0 and 1, such as 0.95", level);
    double auc, var;
    int st = lt_delong_var(s, &auc, &var);
    if (st < 0)
        return st;
    double z = gsl_cdf_ugaussian_Qinv((1 - level) / 2), half = z * sqrt(var);
    *lo = fmax(0, auc - half);
    *hi = fmin(1, auc + half);
    return 0;
}

/* ---- the paired test ---------------------------------------------------- */

/* Twice the placements of every row under one score: c[i] for a positive
 * row against the sorted negatives, for a negative row against the sorted
 * positives. */
static void row_placements(const uint8_t *truth, const double *score, int64_t n,
                           const lt_scores *s, double *c)
{
#pragma omp parallel for schedule(static) if (n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        int64_t gt, ge;
        if (truth[i]) {
            count_around(s->neg, s->nneg, score[i], &gt, &ge);
            c[i] = (double)(2 * s->nneg - ge - gt);
        } else {
            count_around(s->pos, s->npos, score[i], &gt, &ge);
            c[i] = (double)(gt + ge);
        }
    }
}

static int check_rows(const uint8_t *truth, const double *score1, const double *score2,
                      int64_t n, int64_t *npos)
{
    int64_t np = 0;
    for (int64_t i = 0; i < n; i++) {
        if (truth[i] > 1)
            return lt_seterr(LT_EINVAL, "delong: truth at row %lld is %d; expected 0 or 1",
                             (long long)i + 1, truth[i]);
        if (isnan(score1[i]) || isnan(score2[i]))
            return lt_seterr(LT_EINVAL, "delong: score%d at row %lld is NaN; expected the "
                             "rows missing in either score dropped", isnan(score1[i]) ? 1 : 2,
                             (long long)i + 1);
        np += truth[i];
    }
    *npos = np;
    return 0;
}

int lt_delong_compare(const uint8_t *truth, const double *score1, const double *score2,
                      int64_t n, lt_delong_test *out)
{
    int64_t np = 0;
    int st = check_rows(truth, score1, score2, n, &np);
    if (st < 0)
        return st;
    int64_t nn = n - np;
    if (np < 2 || nn < 2)
        return need_two(np, nn, "delong: the test of two AUCs");

    lt_scores *s1 = lt_scores_new(truth, score1, n, NULL);
    lt_scores *s2 = s1 ? lt_scores_new(truth, score2, n, NULL) : NULL;
    double *c1 = malloc((size_t)n * sizeof *c1);
    double *c2 = malloc((size_t)n * sizeof *c2);
    if (!s1 || !s2 || !c1 || !c2) {
        st = s1 && s2 ? lt_nomem() : lt_errcode();
        goto done;
    }
    row_placements(truth, score1, n, s1, c1);
    row_placements(truth, score2, n, s2, c2);

    /* Sums per class (index 1 positives, 0 negatives), then deviations. */
    double sum1[2] = {0, 0}, sum2[2] = {0, 0};
    for (int64_t i = 0; i < n; i++) {
        sum1[truth[i]] += c1[i];
        sum2[truth[i]] += c2[i];
    }
    double cnt[2] = {(double)nn, (double)np};
    double m1[2] = {sum1[0] / cnt[0], sum1[1] / cnt[1]};
    double m2[2] = {sum2[0] / cnt[0], sum2[1] / cnt[1]};
    double s11[2] = {0, 0}, s22[2] = {0, 0}, s12[2] = {0, 0}, sdd[2] = {0, 0};
    for (int64_t i = 0; i < n; i++) {
        int t = truth[i];
        double d1 = c1[i] - m1[t], d2 = c2[i] - m2[t], dd = c1[i] - c2[i] - (m1[t] - m2[t]);
        s11[t] += d1 * d1;
        s22[t] += d2 * d2;
        s12[t] += d1 * d2;
        sdd[t] += dd * dd;
    }
    /* A class's term: sum / ((count - 1) * count * (2 * other count)^2). */
    double f[2] = {1 / ((cnt[0] - 1) * cnt[0] * 4 * cnt[1] * cnt[1]),
                   1 / ((cnt[1] - 1) * cnt[1] * 4 * cnt[0] * cnt[0])};
    double var1 = s11[1] * f[1] + s11[0] * f[0];
    double var2 = s22[1] * f[1] + s22[0] * f[0];
    double cov = s12[1] * f[1] + s12[0] * f[0];
    /* var1 + var2 - 2 cov, summed as the variance of the difference of the
     * placements: never negative, and 0 exactly when they are equal. */
    double vdiff = sdd[1] * f[1] + sdd[0] * f[0];
    if (!(vdiff > 0)) {
        st = lt_seterr(LT_EINVAL, "delong: the two scores rank the rows identically; the "
                       "difference of their AUCs has no variance, so z and p are undefined");
        goto done;
    }
    double pairs2 = 2 * cnt[0] * cnt[1];
    out->auc1 = sum1[1] / pairs2;
    out->auc2 = sum2[1] / pairs2;
    out->diff = (sum1[1] - sum2[1]) / pairs2;
    out->se = sqrt(vdiff);
    out->z = out->diff / out->se;
    out->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
    out->corr = var1 > 0 && var2 > 0 ? cov / sqrt(var1 * var2) : NAN;
    st = 0;
done:
    lt_scores_free(s1);
    lt_scores_free(s2);
    free(c1);
    free(c2);
    return st;
}
