/* Confusion matrices and the classification metrics read from them
 * (see confusion.h for the conventions, which are scikit-learn's). */
#include "confusion.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "nsum.h"

/* Sums of products of counts are exact in 128 bits (counts < 2^63, so
 * n^2 < 2^126); rounded once to double at the end. */
__extension__ typedef __int128 i128;

/* Rows per block of the parallel loops; blocks are summed in order, so
 * the thread count never changes a result. */
enum { BLOCK = 1 << 14, PAR_MIN = 1 << 16, CHUNKS = 8 };

static double ratio(double num, double den) { return den > 0 ? num / den : 0; }

/* The 2 x 2 case is written out rather than read from a k x k matrix: the
 * bootstrap calls it once per resample with weighted counts. */
void lt_binary_metrics_of(const lt_counts2 *c, lt_binary_metrics *out)
{
    double npos = c->tp + c->fn, nneg = c->tn + c->fp, n = npos + nneg;
    double ppos = c->tp + c->fp, pneg = c->tn + c->fn;

    out->accuracy = n > 0 ? (c->tp + c->tn) / n : NAN;
    out->precision = ratio(c->tp, ppos);
    out->recall = ratio(c->tp, npos);
    out->specificity = ratio(c->tn, nneg);
    out->f1 = ratio(2 * c->tp, 2 * c->tp + c->fp + c->fn);
    /* balanced_accuracy_score averages the recall of the classes present
     * in the truth */
    if (npos > 0 && nneg > 0)
        out->balanced_accuracy = (out->recall + out->specificity) / 2;
    else if (npos > 0)
        out->balanced_accuracy = out->recall;
    else if (nneg > 0)
        out->balanced_accuracy = out->specificity;
    else
        out->balanced_accuracy = NAN;
    /* one square root, as matthews_corrcoef takes: all wrong is exactly -1 */
    double den = sqrt(ppos * pneg * npos * nneg);
    out->mcc = den > 0 ? (c->tp * c->tn - c->fp * c->fn) / den : 0;
    /* kappa = 1 - observed disagreement / disagreement expected by chance;
     * none expected (one class in truth and predictions alike, or n = 0)
     * is 1 - 0/0 in cohen_kappa_score */
    double expected = n > 0 ? (ppos * nneg + pneg * npos) / n : 0;
    out->kappa = expected > 0 ? 1 - (c->fp + c->fn) / expected : NAN;
}

/* ---- k classes ---------------------------------------------------------- */

lt_confusion *lt_confusion_new(int k)
{
    if (k < 1) {
        lt_seterr(LT_EINVAL, "confusion: k = %d classes; expected at least 1", k);
        return NULL;
    }
    lt_confusion *cm = malloc(sizeof *cm);
    int64_t *count = calloc((size_t)k * (size_t)k, sizeof *count);
    if (!cm || !count) {
        free(cm);
        free(count);
        lt_nomem();
        return NULL;
    }
    cm->k = k;
    cm->count = count;
    return cm;
}

void lt_confusion_free(lt_confusion *cm)
{
    if (!cm)
        return;
    free(cm->count);
    free(cm);
}

/* The first row in [lo, hi) with a code outside 0..k-1, or -1. */
static int64_t first_bad_code(const int32_t *truth, const int32_t *pred, int64_t lo,
                              int64_t hi, int k)
{
    for (int64_t i = lo; i < hi; i++)
        if ((uint32_t)truth[i] >= (uint32_t)k || (uint32_t)pred[i] >= (uint32_t)k)
            return i;
    return -1;
}

/* All codes are checked before any is counted, so that an error leaves cm
 * as it was; the error names the first bad row. */
int lt_confusion_add(lt_confusion *cm, const int32_t *truth, const int32_t *pred,
                     int64_t n)
{
    if (n < 0)
        return lt_seterr(LT_EINVAL, "confusion: n = %lld rows; expected n >= 0",
                         (long long)n);
    const int k = cm->k;
    int64_t bad = n;
#pragma omp parallel for if (n >= PAR_MIN) reduction(min: bad) schedule(static)
    for (int64_t b = 0; b < n; b += BLOCK) {
        int64_t i = first_bad_code(truth, pred, b, b + BLOCK < n ? b + BLOCK : n, k);
        if (i >= 0 && i < bad)
            bad = i;
    }
    if (bad < n) {
        bool in_truth = (uint32_t)truth[bad] >= (uint32_t)k;
        return lt_seterr(LT_EINVAL, "confusion: row %lld has %s class code %d; expected "
                         "0..%d", (long long)bad + 1, in_truth ? "true" : "predicted",
                         (int)(in_truth ? truth[bad] : pred[bad]), k - 1);
    }
    size_t kk = (size_t)k * (size_t)k;
    /* In parallel: CHUNKS fixed slices of the rows, each counted into its
     * own matrix, the matrices added at the end (integer sums: the counts
     * are the same whatever the thread count).  Only when the matrices are
     * small next to the rows, and allocated before any count is added, so
     * that a failure leaves cm as it was. */
    int64_t *priv = NULL;
    if (n >= PAR_MIN && kk <= (size_t)n / (8 * CHUNKS))
        priv = calloc(CHUNKS * kk, sizeof *priv);
    if (!priv) {
        for (int64_t i = 0; i < n; i++)
            cm->count[(int64_t)truth[i] * k + pred[i]]++;
        return 0;
    }
#pragma omp parallel for schedule(static)
    for (int ch = 0; ch < CHUNKS; ch++) {
        int64_t *mine = priv + (size_t)ch * kk;
        int64_t lo = n / CHUNKS * ch, hi = ch == CHUNKS - 1 ? n : n / CHUNKS * (ch + 1);
        for (int64_t i = lo; i < hi; i++)
            mine[(int64_t)truth[i] * k + pred[i]]++;
    }
    for (int ch = 0; ch < CHUNKS; ch++)
        for (size_t j = 0; j < kk; j++)
            cm->count[j] += priv[(size_t)ch * kk + j];
    free(priv);
    return 0;
}

/* The true rows (row sum) and predicted rows (column sum) of class c. */
static void margin(const lt_confusion *cm, int c, int64_t *support, int64_t *predicted)
{
    const int k = cm->k;
    int64_t s = 0, p = 0;
    for (int j = 0; j < k; j++) {
        s += cm->count[(int64_t)c * k + j];
        p += cm->count[(int64_t)j * k + c];
    }
    *support = s;
    *predicted = p;
}

/* One class's precision, recall and F1 with sklearn's zero_division = 0;
 * F1 as 2 tp / (support + predicted), equal to 2 P R / (P + R) where both
 * are defined and 0 where sklearn's is. */
static void class_metrics(int64_t tp, int64_t support, int64_t predicted,
                          lt_class_metrics *out)
{
    out->precision = ratio((double)tp, (double)predicted);
    out->recall = ratio((double)tp, (double)support);
    out->f1 = ratio(2.0 * (double)tp, (double)support + (double)predicted);
    out->support = support;
    out->predicted = predicted;
}

void lt_confusion_per_class(const lt_confusion *cm, lt_class_metrics *out)
{
    for (int c = 0; c < cm->k; c++) {
        int64_t support, predicted;
        margin(cm, c, &support, &predicted);
        class_metrics(cm->count[(int64_t)c * cm->k + c], support, predicted, &out[c]);
    }
}

/* Kappa and MCC come from sklearn's "covariances" of the one-hot truth and
 * prediction: with n rows, c correct, t and p the vectors of row and
 * column sums,
 *   cov(t, p) = c n - t.p,  cov(t, t) = n^2 - t.t,  cov(p, p) = n^2 - p.p.
 * MCC = cov(t, p) / sqrt(cov(t, t) cov(p, p)), 0 when that is 0 (as
 * matthews_corrcoef); kappa = (p_o - p_e) / (1 - p_e) = cov(t, p) /
 * (n^2 - t.p), NaN when no disagreement is expected (cohen_kappa_score's
 * 1 - 0/0).  In 128-bit integers they are exact, so a kappa or MCC near 0
 * keeps its digits.
 *
 * The averages are over sklearn's labels, the classes present in the
 * truth or the predictions; balanced accuracy over those in the truth. */
void lt_confusion_metrics(const lt_confusion *cm, lt_multiclass_metrics *out)
{
    const int k = cm->k;
    i128 n = 0, correct = 0, tp = 0, tt = 0, pp = 0;
    double mp = 0, mr = 0, mf = 0, wp = 0, wr = 0, wf = 0, bal = 0;
    int nlabels = 0, ntrue = 0;
    for (int c = 0; c < k; c++) {
        int64_t s, p, diag = cm->count[(int64_t)c * k + c];
        margin(cm, c, &s, &p);
        n += s;
        correct += diag;
        tp += (i128)s * p;
        tt += (i128)s * s;
        pp += (i128)p * p;
        if (s == 0 && p == 0)
            continue;
        lt_class_metrics cl;
        class_metrics(diag, s, p, &cl);
        nlabels++;
        mp += cl.precision;
        mr += cl.recall;
        mf += cl.f1;
        wp += (double)s * cl.precision;
        wr += (double)s * cl.recall;
        wf += (double)s * cl.f1;
        if (s > 0) {
            ntrue++;
            bal += cl.recall;
        }
    }
    const double dn = (double)n;
    out->n = (int64_t)n;
    out->accuracy = n > 0 ? (double)correct / dn : NAN;
    out->balanced_accuracy = ntrue > 0 ? bal / ntrue : NAN;

    i128 cov_tp = correct * n - tp, cov_tt = n * n - tt, cov_pp = n * n - pp;
    i128 chance = n * n - tp;
    out->kappa = chance > 0 ? (double)cov_tp / (double)chance : NAN;
    out->mcc = cov_tt > 0 && cov_pp > 0
                   ? (double)cov_tp / sqrt((double)cov_tt * (double)cov_pp)
                   : 0;

    /* no labels at all (n = 0): the mean of nothing, as np.average gives */
    out->macro_precision = nlabels > 0 ? mp / nlabels : NAN;
    out->macro_recall = nlabels > 0 ? mr / nlabels : NAN;
    out->macro_f1 = nlabels > 0 ? mf / nlabels : NAN;
    /* no support (n = 0): sklearn's weighted average is zero_division, 0 */
    out->weighted_precision = ratio(wp, dn);
    out->weighted_recall = ratio(wr, dn);
    out->weighted_f1 = ratio(wf, dn);
    /* pooled over the labels: tp = correct, predicted = support = n */
    out->micro_precision = out->micro_recall = out->micro_f1 = ratio((double)correct, dn);
}

void lt_confusion_normalize(const lt_confusion *cm, lt_normalize how, double *out)
{
    const int k = cm->k;
    const int64_t kk = (int64_t)k * k;
    for (int64_t j = 0; j < kk; j++)
        out[j] = (double)cm->count[j];
    if (how == LT_NORM_NONE)
        return;
    if (how == LT_NORM_ALL) {
        int64_t total = 0;
        for (int64_t j = 0; j < kk; j++)
            total += cm->count[j];
        for (int64_t j = 0; j < kk; j++)
            out[j] = ratio(out[j], (double)total);
        return;
    }
    for (int a = 0; a < k; a++) {
        /* LT_NORM_TRUE: a is a row (true class); LT_NORM_PRED: a column */
        int64_t step = how == LT_NORM_TRUE ? 1 : k;
        int64_t first = how == LT_NORM_TRUE ? (int64_t)a * k : a;
        int64_t sum = 0;
        for (int b = 0; b < k; b++)
            sum += cm->count[first + b * step];
        for (int b = 0; b < k; b++)
            out[first + b * step] = ratio(out[first + b * step], (double)sum);
    }
}

/* ---- multiclass log loss ------------------------------------------------ */

/* 0 if row i is valid; otherwise 1 + what is at fault: the column c of a
 * probability outside [0, 1], k for a truth code outside 0..k-1, k + 1
 * for a row of zeros. */
static int row_fault(const int32_t *truth, const double *prob, int64_t i, int k, int64_t ld)
{
    if ((uint32_t)truth[i] >= (uint32_t)k)
        return k + 1;
    double sum = 0;
    for (int c = 0; c < k; c++) {
        double p = prob[c * ld + i];
        if (!(p >= 0 && p <= 1))   /* NaN fails too */
            return c + 1;
        sum += p;
    }
    return sum > 0 ? 0 : k + 2;
}

/* sklearn 1.2's log_loss: clip every probability to [eps, 1 - eps], divide
 * each row by its (clipped) sum, average -log of the true class's share.
 * Rows are summed in fixed blocks, blocks in order, so that the result
 * does not depend on the thread count. */
int lt_log_loss_multi(const int32_t *truth, const double *prob, int64_t n, int k,
                      int64_t ld, double *out)
{
    if (k < 2)
        return lt_seterr(LT_EINVAL, "log_loss: k = %d classes; expected the "
                         "probabilities of at least 2", k);
    if (n < 0 || ld < n)
        return lt_seterr(LT_EINVAL, "log_loss: n = %lld rows with leading dimension "
                         "%lld; expected 0 <= n <= ld", (long long)n, (long long)ld);
    if (n == 0) {
        *out = NAN;   /* the mean of nothing */
        return 0;
    }
    const double eps = DBL_EPSILON, top = 1 - DBL_EPSILON;
    int64_t nblocks = (n + BLOCK - 1) / BLOCK;
    nsum *part = malloc((size_t)nblocks * sizeof *part);
    if (!part)
        return lt_nomem();
    int64_t bad = n;
#pragma omp parallel for if (n >= PAR_MIN) reduction(min: bad) schedule(static)
    for (int64_t b = 0; b < nblocks; b++) {
        nsum acc = { 0, 0 };
        int64_t hi = (b + 1) * BLOCK < n ? (b + 1) * BLOCK : n;
        for (int64_t i = b * BLOCK; i < hi; i++) {
            if (row_fault(truth, prob, i, k, ld)) {
                bad = i < bad ? i : bad;
                break;
            }
            double sum = 0, mine = 0;
            for (int c = 0; c < k; c++) {
                double p = prob[c * ld + i];
                p = p < eps ? eps : p > top ? top : p;
                sum += p;
                if (c == truth[i])
                    mine = p;
            }
            nsum_add(&acc, -log(mine / sum));
        }
        part[b] = acc;
    }
    if (bad < n) {
        free(part);
        int f = row_fault(truth, prob, bad, k, ld) - 1;
        long long row = (long long)bad + 1;
        if (f == k)
            return lt_seterr(LT_EINVAL, "log_loss: row %lld has class code %d; expected "
                             "0..%d", row, (int)truth[bad], k - 1);
        if (f == k + 1)
            return lt_seterr(LT_EINVAL, "log_loss: the probabilities of row %lld are all 0; "
                             "expected a distribution over the %d classes", row, k);
        return lt_seterr(LT_EINVAL, "log_loss: row %lld, column %d (class code %d) has "
                         "probability %g; expected a value in [0, 1]", row, f + 1, f,
                         prob[f * ld + bad]);
    }
    nsum total = { 0, 0 };
    for (int64_t b = 0; b < nblocks; b++) {
        nsum_merge(&total, &part[b]);
    }
    free(part);
    *out = (total.s + total.c) / (double)n;
    return 0;
}
