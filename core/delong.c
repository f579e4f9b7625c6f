/* DeLong's variance of the AUC, its confidence interval and the paired
 * test of two AUCs (see delong.h), as pROC computes them.
 *
 * Placements are kept as integers "twice the count": for a positive row
 * with score x, 2 * (negatives below x) + (negatives tied with x), which
 * is V10 * 2 * nneg; for a negative row likewise against the positives.
 * They are exact in a double (below 2^53 for any table that fits in
 * memory), so the AUC, their sum over 2 npos nneg, is exact before its
 * one rounding, and every sum runs serially in a fixed order: the same
 * result whatever the thread count.
 *
 * The variance walks lt_scores' two sorted arrays down together (the
 * linear form of a binary search of each score in the other class).  The
 * paired test needs the placements of each row under both scores, so it
 * orders the rows by each score (lt_sort_order, a threaded radix sort)
 * and walks them once: a binary search per row would miss the cache at
 * every step on large inputs. */
#include "delong.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "error.h"
#include "sort.h"

/* Walk the sorted (descending) x[0..nx) down the sorted (descending)
 * a[0..na) together, O(nx + na), and sum the twice-placements of x: c =
 * 2 * #(a < x) + #(a == x) when `below`, else 2 * #(a > x) + #(a == x).
 * *sum gets the sum of c; *ss, when not NULL, the sum of (c - center)^2. */
static void placement_sums(const double *x, int64_t nx, const double *a, int64_t na,
                           int below, double center, double *sum, double *ss)
{
    int64_t gt = 0, ge = 0;   /* #(a > x[i]), #(a >= x[i]); grow as x[i] falls */
    double s = 0, q = 0;      /* s: integers below 2^53, exact in any order */
    for (int64_t i = 0; i < nx; i++) {
        double v = x[i];
        while (gt < na && a[gt] > v)
            gt++;
        if (ge < gt)
            ge = gt;
        while (ge < na && a[ge] >= v)
            ge++;
        double c = below ? (double)(2 * na - ge - gt) : (double)(gt + ge);
        s += c;
        q += (c - center) * (c - center);
    }
    *sum = s;
    if (ss)
        *ss = q;
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
    /* two walks per class: the sum, then the squares about the mean */
    double sum10, ss10, sum01, ss01;
    placement_sums(s->pos, np, s->neg, nn, 1, 0, &sum10, NULL);
    placement_sums(s->pos, np, s->neg, nn, 1, sum10 / (double)np, &sum10, &ss10);
    placement_sums(s->neg, nn, s->pos, np, 0, 0, &sum01, NULL);
    placement_sums(s->neg, nn, s->pos, np, 0, sum01 / (double)nn, &sum01, &ss01);
    double v10 = ss10 / ((double)(np - 1) * 4.0 * (double)nn * (double)nn);
    double v01 = ss01 / ((double)(nn - 1) * 4.0 * (double)np * (double)np);
    *auc = sum10 / (2.0 * (double)np * (double)nn);   /* sum10 = sum01: both count the pairs */
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

/* Twice the placement of every row under one score into c: the rows in
 * descending order of score, taken a run of tied scores at a time (p
 * positives and q negatives, with pa positives and na negatives above
 * them); a positive's is 2 (nneg - na - q) + q, a negative's 2 pa + p. */
static int row_placements(const uint8_t *truth, const double *score, int64_t n,
                          int64_t nneg, double *c)
{
    lt_col col = {.type = LT_F64, .n = n, .data = (void *)score};   /* read only, no NaN */
    lt_sort_key key = {&col, true};
    int64_t *perm = lt_sort_order(&key, 1, n, NULL);
    if (!perm)
        return lt_errcode();
    int64_t pa = 0, na = 0;
    for (int64_t i = 0; i < n;) {
        double v = score[perm[i]];
        int64_t j = i, p = 0;
        for (; j < n && score[perm[j]] == v; j++)
            p += truth[perm[j]];
        int64_t q = j - i - p;
        double cp = (double)(2 * (nneg - na - q) + q), cn = (double)(2 * pa + p);
        for (; i < j; i++)
            c[perm[i]] = truth[perm[i]] ? cp : cn;
        pa += p;
        na += q;
    }
    free(perm);
    return 0;
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

    double *c1 = malloc((size_t)n * sizeof *c1);
    double *c2 = malloc((size_t)n * sizeof *c2);
    if (!c1 || !c2) {
        st = lt_nomem();
        goto done;
    }
    if ((st = row_placements(truth, score1, n, nn, c1)) < 0
        || (st = row_placements(truth, score2, n, nn, c2)) < 0)
        goto done;

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
    free(c1);
    free(c2);
    return st;
}
