/* core/confusion.c: confusion counts, per-class and multiclass metrics,
 * normalisation, multiclass log loss and the 2 x 2 metrics, on cases
 * checked by hand, degenerate tables and error paths.  (Agreement with
 * scikit-learn on larger data is test_confusion_ref.c.) */
#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "error.h"
#include "tap.h"

#define LEN(a) ((int64_t)(sizeof(a) / sizeof *(a)))
#define TOL 1e-15

/* A k x k matrix of the pairs, or NULL (reported). */
static lt_confusion *table(int k, const int32_t *truth, const int32_t *pred, int64_t n)
{
    lt_confusion *cm = lt_confusion_new(k);
    if (!ok(cm != NULL, "new(%d)", k))
        return NULL;
    int rc = lt_confusion_add(cm, truth, pred, n);
    if (!ok(rc == 0, "add %lld pairs: %s", (long long)n, rc ? lt_errmsg() : "ok")) {
        lt_confusion_free(cm);
        return NULL;
    }
    return cm;
}

static bool counts_are(const lt_confusion *cm, const int64_t *want)
{
    for (int j = 0; j < cm->k * cm->k; j++)
        if (cm->count[j] != want[j])
            return false;
    return true;
}

/* truth 0 0 0 0 1 1 2 2 2 2, predicted 0 0 1 2 1 1 2 2 0 1:
 *   [2 1 1]   support   4 2 4   precision 2/3 1/2 2/3   F1 4/7 2/3 4/7
 *   [0 2 0]   predicted 3 4 3   recall    1/2 1   1/2
 *   [1 1 2]
 * t.p = 32, t.t = 36, p.p = 34, n = 10, 6 correct:
 * kappa = (60 - 32) / (100 - 32) = 7/17, MCC = 28 / sqrt(64 * 66). */
static void test_three_classes(void)
{
    int32_t truth[] = { 0, 0, 0, 0, 1, 1, 2, 2, 2, 2 };
    int32_t pred[] = { 0, 0, 1, 2, 1, 1, 2, 2, 0, 1 };
    lt_confusion *cm = table(3, truth, pred, LEN(truth));
    if (!cm)
        return;
    ok(counts_are(cm, (int64_t[]){ 2, 1, 1, 0, 2, 0, 1, 1, 2 }), "3 classes: counts");

    lt_class_metrics pc[3];
    lt_confusion_per_class(cm, pc);
    double prec[] = { 2.0 / 3, 0.5, 2.0 / 3 }, rec[] = { 0.5, 1, 0.5 },
           f1[] = { 4.0 / 7, 2.0 / 3, 4.0 / 7 };
    int64_t sup[] = { 4, 2, 4 }, npred[] = { 3, 4, 3 };
    for (int c = 0; c < 3; c++) {
        is_num(pc[c].precision, prec[c], TOL, "class %d precision", c);
        is_num(pc[c].recall, rec[c], TOL, "class %d recall", c);
        is_num(pc[c].f1, f1[c], TOL, "class %d F1", c);
        is_int(pc[c].support, sup[c], "class %d support", c);
        is_int(pc[c].predicted, npred[c], "class %d predicted", c);
    }

    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    is_int(m.n, 10, "n");
    is_num(m.accuracy, 0.6, TOL, "accuracy");
    is_num(m.balanced_accuracy, 2.0 / 3, TOL, "balanced accuracy");
    is_num(m.kappa, 7.0 / 17, TOL, "kappa");
    is_num(m.mcc, 28 / sqrt(64.0 * 66), TOL, "MCC");
    is_num(m.macro_precision, 11.0 / 18, TOL, "macro precision");
    is_num(m.macro_recall, 2.0 / 3, TOL, "macro recall");
    is_num(m.macro_f1, 38.0 / 63, TOL, "macro F1");
    is_num(m.weighted_precision, 19.0 / 30, TOL, "weighted precision");
    is_num(m.weighted_recall, 0.6, TOL, "weighted recall (= accuracy)");
    is_num(m.weighted_f1, 62.0 / 105, TOL, "weighted F1");
    is_num(m.micro_precision, 0.6, TOL, "micro precision");
    is_num(m.micro_recall, 0.6, TOL, "micro recall");
    is_num(m.micro_f1, 0.6, TOL, "micro F1");

    double out[9];
    lt_confusion_normalize(cm, LT_NORM_NONE, out);
    ok(out[0] == 2 && out[1] == 1 && out[5] == 0 && out[8] == 2, "normalize none: counts");
    lt_confusion_normalize(cm, LT_NORM_TRUE, out);
    double want_true[] = { .5, .25, .25, 0, 1, 0, .25, .25, .5 };
    ok(memcmp(out, want_true, sizeof out) == 0, "normalize true: rows / 4 2 4");
    lt_confusion_normalize(cm, LT_NORM_PRED, out);
    double want_pred[] = { 2.0 / 3, .25, 1.0 / 3, 0, .5, 0, 1.0 / 3, .25, 2.0 / 3 };
    bool same = true;
    for (int j = 0; j < 9; j++)
        same = same && fabs(out[j] - want_pred[j]) <= TOL;
    ok(same, "normalize pred: columns / 3 4 3");
    lt_confusion_normalize(cm, LT_NORM_ALL, out);
    ok(out[0] == .2 && out[1] == .1 && out[5] == 0, "normalize all: / 10");

    /* adding the same pairs again doubles the counts, not the ratios */
    lt_confusion_add(cm, truth, pred, LEN(truth));
    ok(counts_are(cm, (int64_t[]){ 4, 2, 2, 0, 4, 0, 2, 2, 4 }), "add accumulates");
    lt_multiclass_metrics m2;
    lt_confusion_metrics(cm, &m2);
    ok(m2.n == 20 && fabs(m2.kappa - m.kappa) <= TOL && fabs(m2.mcc - m.mcc) <= TOL,
       "doubled counts: same kappa and MCC");
    lt_confusion_free(cm);
}

/* One class: everything right, but kappa has no chance disagreement to
 * compare with (NaN) and MCC no variance (0). */
static void test_one_class(void)
{
    int32_t z[] = { 0, 0, 0, 0, 0 };
    lt_confusion *cm = table(1, z, z, LEN(z));
    if (!cm)
        return;
    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    ok(m.n == 5 && m.accuracy == 1 && m.balanced_accuracy == 1, "k = 1: accuracy 1");
    ok(isnan(m.kappa), "k = 1: kappa NaN (%g)", m.kappa);
    ok(m.mcc == 0, "k = 1: MCC 0 (%g)", m.mcc);
    ok(m.macro_f1 == 1 && m.weighted_f1 == 1 && m.micro_f1 == 1 && m.macro_precision == 1,
       "k = 1: F1 1");
    double out[1];
    lt_confusion_normalize(cm, LT_NORM_TRUE, out);
    ok(out[0] == 1, "k = 1: normalised 1");
    lt_confusion_free(cm);

    /* one class present in a table of 3 */
    int32_t two[] = { 2, 2, 2 };
    cm = table(3, two, two, 3);
    if (!cm)
        return;
    lt_confusion_metrics(cm, &m);
    ok(m.macro_precision == 1 && m.macro_recall == 1 && m.balanced_accuracy == 1,
       "classes in neither truth nor predictions are left out of the averages");
    ok(isnan(m.kappa) && m.mcc == 0, "one class of 3: kappa NaN, MCC 0");
    lt_confusion_normalize(cm, LT_NORM_PRED, (double[9]){ 0 });
    lt_confusion_free(cm);
}

/* Truth 0 0 1 1 2 2, predicted 0 0 1 0 1 3 (k = 5):
 * class 2 is never predicted (precision 0 by zero_division), class 3 only
 * predicted (recall 0, in the macro average but not in balanced
 * accuracy), class 4 in neither (left out). */
static void test_absent_classes(void)
{
    int32_t truth[] = { 0, 0, 1, 1, 2, 2 };
    int32_t pred[] = { 0, 0, 1, 0, 1, 3 };
    lt_confusion *cm = table(5, truth, pred, LEN(truth));
    if (!cm)
        return;
    lt_class_metrics pc[5];
    lt_confusion_per_class(cm, pc);
    ok(pc[2].precision == 0 && pc[2].recall == 0 && pc[2].f1 == 0 && pc[2].predicted == 0 &&
       pc[2].support == 2, "never predicted: P = R = F1 = 0");
    ok(pc[3].precision == 0 && pc[3].recall == 0 && pc[3].f1 == 0 && pc[3].support == 0 &&
       pc[3].predicted == 1, "only predicted: P = R = F1 = 0, support 0");
    ok(pc[4].precision == 0 && pc[4].recall == 0 && pc[4].f1 == 0 && pc[4].support == 0 &&
       pc[4].predicted == 0, "absent: zeros");
    /* class 0: tp 2, support 2, predicted 3; class 1: tp 1, support 2,
     * predicted 2 */
    is_num(pc[0].precision, 2.0 / 3, TOL, "class 0 precision");
    is_num(pc[0].f1, 0.8, TOL, "class 0 F1 = 4/5");
    is_num(pc[1].f1, 0.5, TOL, "class 1 F1 = 2/4");

    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    is_num(m.accuracy, 0.5, TOL, "accuracy 3/6");
    is_num(m.balanced_accuracy, (1 + 0.5 + 0) / 3, TOL, "balanced: classes 0 1 2");
    is_num(m.macro_precision, (2.0 / 3 + 0.5) / 4, TOL, "macro precision over 4 labels");
    is_num(m.macro_recall, 1.5 / 4, TOL, "macro recall over 4 labels");
    is_num(m.macro_f1, 1.3 / 4, TOL, "macro F1 over 4 labels");
    is_num(m.weighted_recall, 0.5, TOL, "weighted recall");
    is_num(m.weighted_f1, (2 * 0.8 + 2 * 0.5) / 6, TOL, "weighted F1");
    /* t = 2 2 2 0, p = 3 2 0 1: t.p = 10, t.t = 12, p.p = 14; 3 correct */
    is_num(m.kappa, (18.0 - 10) / (36 - 10), TOL, "kappa = 8/26");
    is_num(m.mcc, 8 / sqrt(24.0 * 22), TOL, "MCC = 8 / sqrt(24 * 22)");
    double out[25];
    lt_confusion_normalize(cm, LT_NORM_PRED, out);
    ok(out[0 * 5 + 2] == 0 && out[2 * 5 + 2] == 0 && out[4 * 5 + 4] == 0,
       "normalize pred: a column never predicted is 0s");
    lt_confusion_normalize(cm, LT_NORM_TRUE, out);
    ok(out[3 * 5 + 3] == 0 && out[2 * 5 + 1] == 0.5, "normalize true: an empty row is 0s");
    lt_confusion_free(cm);
}

static void test_all_right_all_wrong(void)
{
    int32_t truth[] = { 0, 0, 1, 1, 2 }, wrong[] = { 1, 1, 0, 0, 0 };
    lt_confusion *cm = table(3, truth, truth, LEN(truth));
    if (!cm)
        return;
    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    ok(m.accuracy == 1 && m.kappa == 1 && m.mcc == 1 && m.macro_f1 == 1 && m.weighted_f1 == 1 &&
       m.balanced_accuracy == 1, "all correct: every metric 1");
    lt_confusion_free(cm);

    cm = table(3, truth, wrong, LEN(truth));
    if (!cm)
        return;
    lt_confusion_metrics(cm, &m);
    ok(m.accuracy == 0 && m.macro_f1 == 0 && m.micro_f1 == 0 && m.balanced_accuracy == 0,
       "all wrong: accuracy and F1 0");
    /* t = 2 2 1, p = 3 2 0: t.p = 10, t.t = 9, p.p = 13 */
    is_num(m.kappa, -10.0 / 15, TOL, "all wrong: kappa = -10/15");
    is_num(m.mcc, -10 / sqrt(16.0 * 12), TOL, "all wrong: MCC = -10 / sqrt(16 * 12)");
    lt_confusion_free(cm);

    /* two classes swapped: kappa and MCC -1 */
    int32_t a[] = { 0, 0, 1, 1 }, b[] = { 1, 1, 0, 0 };
    cm = table(2, a, b, 4);
    if (!cm)
        return;
    lt_confusion_metrics(cm, &m);
    ok(m.kappa == -1 && m.mcc == -1, "swapped: kappa %g, MCC %g (want -1)", m.kappa, m.mcc);
    lt_confusion_free(cm);
}

static void test_empty(void)
{
    lt_confusion *cm = table(3, NULL, NULL, 0);
    if (!cm)
        return;
    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    ok(m.n == 0 && isnan(m.accuracy) && isnan(m.balanced_accuracy) && isnan(m.kappa),
       "empty: accuracy, balanced accuracy, kappa NaN");
    ok(isnan(m.macro_precision) && isnan(m.macro_recall) && isnan(m.macro_f1),
       "empty: macro averages NaN");
    ok(m.mcc == 0 && m.weighted_precision == 0 && m.weighted_f1 == 0 && m.micro_f1 == 0 &&
       m.micro_precision == 0, "empty: MCC, weighted and micro 0");
    double out[9];
    lt_confusion_normalize(cm, LT_NORM_ALL, out);
    bool zeros = true;
    for (int j = 0; j < 9; j++)
        zeros = zeros && out[j] == 0;
    ok(zeros, "empty: normalised all 0");
    lt_class_metrics pc[3];
    lt_confusion_per_class(cm, pc);
    ok(pc[1].precision == 0 && pc[1].support == 0, "empty: per class 0");
    lt_confusion_free(cm);
}

static void test_errors(void)
{
    ok(lt_confusion_new(0) == NULL && lt_errcode() == LT_EINVAL &&
       strstr(lt_errmsg(), "k = 0") != NULL, "new(0): %s", lt_errmsg());
    ok(lt_confusion_new(-3) == NULL, "new(-3) fails");
    lt_confusion_free(NULL);

    lt_confusion *cm = lt_confusion_new(3);
    int32_t truth[] = { 0, 1, 2, 1 }, pred[] = { 0, 1, 3, -1 };
    int rc = lt_confusion_add(cm, truth, pred, 4);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 3") && strstr(lt_errmsg(), "predicted") &&
       strstr(lt_errmsg(), "0..2"), "predicted code 3 of k = 3: %s", lt_errmsg());
    bool untouched = true;
    for (int j = 0; j < 9; j++)
        untouched = untouched && cm->count[j] == 0;
    ok(untouched, "a failed add leaves the counts as they were");
    int32_t bad_truth[] = { 0, -2 };
    rc = lt_confusion_add(cm, bad_truth, pred, 2);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 2") && strstr(lt_errmsg(), "true class code -2"),
       "true code -2: %s", lt_errmsg());
    rc = lt_confusion_add(cm, truth, pred, -1);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "n = -1"), "n = -1: %s", lt_errmsg());
    lt_confusion_free(cm);
}

/* 20 classes: truth i mod 20, predicted the next class on every 7th row
 * and on rows of class 19 whose index is a multiple of 3 class 0.  The
 * metrics are recomputed here from the pairs, without the matrix: kappa
 * from p_o and p_e, MCC as the correlation of the one-hot vectors. */
static void test_twenty_classes(void)
{
    enum { K = 20, N = 2000 };
    static int32_t truth[N], pred[N];
    for (int i = 0; i < N; i++) {
        truth[i] = i % K;
        pred[i] = i % 7 == 0 ? (truth[i] + 1) % K : truth[i] == 19 && i % 3 == 0 ? 0 : truth[i];
    }
    lt_confusion *cm = table(K, truth, pred, N);
    if (!cm)
        return;
    double t[K] = { 0 }, p[K] = { 0 }, tp[K] = { 0 }, correct = 0;
    for (int i = 0; i < N; i++) {
        t[truth[i]]++;
        p[pred[i]]++;
        tp[truth[i]] += truth[i] == pred[i];
        correct += truth[i] == pred[i];
    }
    double pe = 0, macro_f1 = 0, wf1 = 0, tt = 0, pp = 0, tpd = 0;
    for (int c = 0; c < K; c++) {
        pe += t[c] * p[c] / ((double)N * N);
        double f1 = 2 * tp[c] / (t[c] + p[c]);
        macro_f1 += f1 / K;
        wf1 += f1 * t[c] / N;
        tt += t[c] * t[c];
        pp += p[c] * p[c];
        tpd += t[c] * p[c];
    }
    double po = correct / N;
    /* correlation of one-hot vectors: sum over classes of covariances */
    double cov = correct / N - tpd / ((double)N * N);
    double vt = 1 - tt / ((double)N * N), vp = 1 - pp / ((double)N * N);

    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    is_num(m.accuracy, po, TOL, "20 classes: accuracy");
    is_num(m.kappa, (po - pe) / (1 - pe), 1e-13, "20 classes: kappa from p_o, p_e");
    is_num(m.mcc, cov / sqrt(vt * vp), 1e-13, "20 classes: MCC as a correlation");
    is_num(m.macro_f1, macro_f1, 1e-13, "20 classes: macro F1");
    is_num(m.weighted_f1, wf1, 1e-13, "20 classes: weighted F1");
    double norm[K * K];
    lt_confusion_normalize(cm, LT_NORM_TRUE, norm);
    double rowsum = 0;
    for (int j = 0; j < K; j++)
        rowsum += norm[19 * K + j];
    is_num(rowsum, 1, 1e-15, "20 classes: a normalised row sums to 1");
    lt_confusion_free(cm);
}

/* Large inputs are counted in parallel slices: the counts must be those
 * of one thread, whatever the thread count. */
static void test_parallel_add(void)
{
    enum { K = 12, N = 300001 };
    int32_t *truth = malloc(N * sizeof *truth), *pred = malloc(N * sizeof *pred);
    int64_t want[K * K] = { 0 };
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        truth[i] = (int32_t)(x >> 16) % K;
        pred[i] = (x >> 8) % 3 ? truth[i] : (int32_t)(x >> 20) % K;
        want[truth[i] * K + pred[i]]++;
    }
    for (int threads = 1; threads <= 3; threads++) {
        omp_set_num_threads(threads);
        lt_confusion *cm = table(K, truth, pred, N);
        if (cm)
            ok(counts_are(cm, want), "%d rows on %d threads: counts", N, threads);
        lt_confusion_free(cm);
    }
    /* an error far into a large input names the first bad row */
    truth[250000] = K;
    truth[280000] = -1;
    lt_confusion *cm = lt_confusion_new(K);
    int rc = lt_confusion_add(cm, truth, pred, N);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 250001 "), "first bad row: %s", lt_errmsg());
    lt_confusion_free(cm);
    omp_set_num_threads(2);
    free(truth);
    free(pred);
}

static void test_log_loss(void)
{
    /* column-major, n = 3, ld = 4 (a padding row) */
    double prob[] = {
        0.7, 0.1, 0.5, -9,   /* class 0 */
        0.2, 0.3, 0.5, -9,   /* class 1 */
        0.1, 0.6, 0.5, -9,   /* class 2: row 3 sums to 1.5 */
    };
    int32_t truth[] = { 0, 2, 1 };
    double ll;
    int rc = lt_log_loss_multi(truth, prob, 3, 3, 4, &ll);
    ok(rc == 0, "log loss: %s", rc ? lt_errmsg() : "ok");
    is_num(ll, (-log(0.7) - log(0.6) + log(3.0)) / 3, 1e-15,
           "log loss: rows renormalised (row 3 to 1/3 each)");

    /* a zero probability of the true class is clipped to eps */
    double hard[] = { 1, 0, 0, 1 };   /* rows (1, 0), (0, 1) */
    int32_t wrong[] = { 1, 0 }, right[] = { 0, 1 };
    lt_log_loss_multi(wrong, hard, 2, 2, 2, &ll);
    is_num(ll, -log(DBL_EPSILON), 1e-12, "log loss of certain mistakes: -log(eps)");
    lt_log_loss_multi(right, hard, 2, 2, 2, &ll);
    is_num(ll, -log(1 - DBL_EPSILON), 1e-30, "log loss of certain hits: -log(1 - eps)");

    ll = 0;
    ok(lt_log_loss_multi(truth, prob, 0, 3, 4, &ll) == 0 && isnan(ll), "log loss, n = 0: NaN");

    double bad[] = { 0.5, 1.5, 0.5, -0.5 };
    rc = lt_log_loss_multi(right, bad, 2, 2, 2, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 2, column 1") && strstr(lt_errmsg(), "1.5"),
       "probability 1.5: %s", lt_errmsg());
    double nan_[] = { 0.5, 0.5, NAN, 0.5 };
    rc = lt_log_loss_multi(right, nan_, 2, 2, 2, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 1, column 2"), "NaN: %s", lt_errmsg());
    double zero[] = { 0.5, 0, 0.5, 0 };
    rc = lt_log_loss_multi(right, zero, 2, 2, 2, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 2") && strstr(lt_errmsg(), "all 0"),
       "a row of zeros: %s", lt_errmsg());
    int32_t out_of_range[] = { 0, 2 };
    rc = lt_log_loss_multi(out_of_range, hard, 2, 2, 2, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "row 2 has class code 2"), "code 2 of k = 2: %s",
       lt_errmsg());
    rc = lt_log_loss_multi(right, hard, 2, 1, 2, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "k = 1"), "k = 1: %s", lt_errmsg());
    rc = lt_log_loss_multi(right, hard, 2, 2, 1, &ll);
    ok(rc == LT_EINVAL && strstr(lt_errmsg(), "leading dimension 1"), "ld < n: %s",
       lt_errmsg());
}

/* Rows summed in blocks: the same value on any thread count, and the
 * value of a plain sum in long double. */
static void test_log_loss_large(void)
{
    enum { N = 200003, K = 4 };
    double *prob = malloc((size_t)N * K * sizeof *prob);
    int32_t *truth = malloc(N * sizeof *truth);
    long double want = 0;
    uint32_t x = 7;
    for (int i = 0; i < N; i++) {
        double sum = 0;
        for (int c = 0; c < K; c++) {
            x = x * 1664525u + 1013904223u;
            prob[c * N + i] = (x >> 8) / 16777216.0 + 0.01;
            sum += prob[c * N + i];
        }
        for (int c = 0; c < K; c++)
            prob[c * N + i] /= sum;
        truth[i] = (int32_t)(x >> 28) % K;
        double s2 = 0;
        for (int c = 0; c < K; c++)
            s2 += prob[c * N + i];
        want += -logl((long double)(prob[truth[i] * N + i] / s2));
    }
    double ll[3];
    for (int t = 1; t <= 3; t++) {
        omp_set_num_threads(t);
        lt_log_loss_multi(truth, prob, N, K, N, &ll[t - 1]);
    }
    omp_set_num_threads(2);
    ok(ll[0] == ll[1] && ll[1] == ll[2], "log loss of %d rows: the same on 1, 2, 3 threads", N);
    is_num(ll[0], (double)(want / N), 1e-14, "log loss of %d rows: as a long double sum", N);
    free(prob);
    free(truth);
}

/* The 2 x 2 formulas, on counts checked by hand and degenerate tables. */
static void test_binary(void)
{
    lt_binary_metrics b;
    /* tp 3, fp 1, fn 2, tn 4 */
    lt_binary_metrics_of(&(lt_counts2){ 3, 1, 2, 4 }, &b);
    is_num(b.accuracy, 0.7, TOL, "2x2: accuracy");
    is_num(b.precision, 0.75, TOL, "2x2: precision");
    is_num(b.recall, 0.6, TOL, "2x2: recall");
    is_num(b.specificity, 0.8, TOL, "2x2: specificity");
    is_num(b.balanced_accuracy, 0.7, TOL, "2x2: balanced accuracy");
    is_num(b.f1, 6.0 / 9, TOL, "2x2: F1");
    is_num(b.mcc, (12.0 - 2) / sqrt(4.0 * 6 * 5 * 5), TOL, "2x2: MCC");
    /* p_o = 0.7, p_e = (4 * 5 + 6 * 5) / 100 = 0.5 */
    is_num(b.kappa, 0.4, TOL, "2x2: kappa");

    /* the same from a 2 x 2 lt_confusion (class 1 positive) */
    lt_confusion *cm = lt_confusion_new(2);
    cm->count[0] = 4;   /* tn */
    cm->count[1] = 1;   /* fp */
    cm->count[2] = 2;   /* fn */
    cm->count[3] = 3;   /* tp */
    lt_multiclass_metrics m;
    lt_confusion_metrics(cm, &m);
    ok(fabs(m.kappa - b.kappa) <= TOL && fabs(m.mcc - b.mcc) <= TOL &&
       fabs(m.balanced_accuracy - b.balanced_accuracy) <= TOL,
       "2x2: kappa, MCC and balanced accuracy as the k-class formulas");
    lt_confusion_free(cm);

    /* no positives in the truth: recall 0, balanced accuracy = specificity */
    lt_binary_metrics_of(&(lt_counts2){ 0, 2, 0, 3 }, &b);
    ok(b.recall == 0 && b.precision == 0 && b.f1 == 0 && b.mcc == 0,
       "2x2 without positives: recall, precision, F1, MCC 0");
    is_num(b.balanced_accuracy, 0.6, TOL, "2x2 without positives: balanced = specificity");
    is_num(b.kappa, 0, TOL, "2x2 without positives: kappa 0");
    /* nothing predicted positive */
    lt_binary_metrics_of(&(lt_counts2){ 0, 0, 2, 3 }, &b);
    ok(b.precision == 0 && b.f1 == 0 && b.mcc == 0 && b.kappa == 0, "2x2 none predicted "
       "positive: precision, F1, MCC, kappa 0");
    /* all one class, all right */
    lt_binary_metrics_of(&(lt_counts2){ 5, 0, 0, 0 }, &b);
    ok(b.accuracy == 1 && b.balanced_accuracy == 1 && b.f1 == 1 && b.mcc == 0 &&
       isnan(b.kappa) && b.specificity == 0, "2x2 all true positives: kappa NaN, MCC 0");
    /* empty */
    lt_binary_metrics_of(&(lt_counts2){ 0, 0, 0, 0 }, &b);
    ok(isnan(b.accuracy) && isnan(b.balanced_accuracy) && isnan(b.kappa) && b.f1 == 0 &&
       b.mcc == 0, "2x2 empty: accuracy, balanced, kappa NaN; F1, MCC 0");
    /* weighted (fractional) counts */
    lt_binary_metrics_of(&(lt_counts2){ 1.5, 0.5, 0.5, 1.5 }, &b);
    is_num(b.mcc, 0.5, TOL, "2x2 fractional counts: MCC");
    is_num(b.kappa, 0.5, TOL, "2x2 fractional counts: kappa");
}

int main(void)
{
    test_three_classes();
    test_one_class();
    test_absent_classes();
    test_all_right_all_wrong();
    test_empty();
    test_errors();
    test_twenty_classes();
    test_parallel_add();
    test_log_loss();
    test_log_loss_large();
    test_binary();
    return tap_done();
}
