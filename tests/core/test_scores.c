/* core/scores.c: sorting, the metrics with and without weights, the
 * curves and the thresholds, on cases small enough to check by hand, and
 * the large-input paths (threads, progress, cancellation) against a plain
 * sort. */
#include <float.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "frame.h"
#include "scores.h"
#include "tap.h"
#include "ticks.h"

#define INF INFINITY

/* Scores of rows whose truth is given as a string of 0s and 1s. */
static lt_scores *mk(const char *truth, const double *score)
{
    int64_t n = (int64_t)strlen(truth);
    uint8_t y[64];
    for (int64_t i = 0; i < n; i++)
        y[i] = (uint8_t)(truth[i] - '0');
    lt_scores *s = lt_scores_new(y, score, n, NULL);
    if (!s)
        printf("# lt_scores_new: %s\n", lt_errmsg());
    return s;
}

static double metric(const lt_scores *s, lt_metric m, double t)
{
    return lt_scores_metric(s, m, t, NULL, NULL);
}

static double at(const lt_frame *f, const char *col, int64_t i)
{
    return lt_col_get_num(lt_frame_col(f, col), i);
}

/* Column `col` of f equals want[0..n) (NaN matching NaN), and f has n rows. */
static int col_is(const lt_frame *f, const char *col, const double *want, int64_t n,
                  const char *what)
{
    if (!f || !lt_frame_col(f, col))
        return ok(0, "%s: no column %s", what, col);
    if (f->nrow != n)
        return is_int(f->nrow, n, "%s: rows", what);
    for (int64_t i = 0; i < n; i++) {
        double g = at(f, col, i);
        if (!(g == want[i] || (isnan(g) && isnan(want[i])) || fabs(g - want[i]) < 1e-15)) {
            printf("#   %s[%lld]: got %.17g, want %.17g\n", col, (long long)i, g, want[i]);
            return ok(0, "%s: %s", what, col);
        }
    }
    return ok(1, "%s: %s", what, col);
}

static void test_new(void)
{
    lt_scores *s = mk("011010", (double[]){ 0.2, 0.9, -0.0, 0.0, 0.5, INF });
    if (!ok(s != NULL, "six rows"))
        return;
    is_int(s->npos, 3, "3 positives");
    is_int(s->nneg, 3, "3 negatives");
    ok(s->pos[0] == 0.9 && s->pos[1] == 0.5 && s->pos[2] == 0 && !signbit(s->pos[2]),
       "positives descending, -0.0 read as 0.0");
    ok(s->neg[0] == INF && s->neg[1] == 0.2 && s->neg[2] == 0 && !signbit(s->neg[2]),
       "negatives descending, +Inf first");
    ok(s->lo == 0 && s->hi == INF, "lo 0, hi inf");
    ok(!lt_scores_in_unit(s), "inf is not a probability");
    lt_scores_free(s);

    s = mk("1010", (double[]){ 1e300, -5e-324, 5e-324, -INF });
    ok(s && s->pos[0] == 1e300 && s->pos[1] == 5e-324 && s->neg[0] == -5e-324 &&
           s->neg[1] == -INF && s->lo == -INF && s->hi == 1e300,
       "huge, subnormal and infinite scores in order");
    lt_scores_free(s);

    s = lt_scores_new(NULL, NULL, 0, NULL);
    ok(s && s->npos == 0 && s->nneg == 0 && isnan(s->lo) && isnan(s->hi), "n = 0: no rows, lo and hi NaN");
    ok(s && lt_scores_in_unit(s), "n = 0: in [0, 1]");
    lt_scores_free(s);
    lt_scores_free(NULL);

    s = mk("0110", (double[]){ 0.1, 0.2, NAN, 0.4 });
    ok(s == NULL && lt_errcode() == LT_EINVAL, "NaN score refused");
    is_str(lt_errmsg(), "scores: score at row 3 is NaN; drop the missing rows first",
           "the message names the row");
    s = mk("0120", (double[]){ 0.1, 0.2, 0.3, NAN });
    ok(s == NULL && lt_errcode() == LT_EINVAL, "truth 2 refused");
    is_str(lt_errmsg(), "scores: truth at row 3 is 2; expected 0 or 1",
           "the message names the first bad row");
    s = lt_scores_new(NULL, NULL, -1, NULL);
    ok(s == NULL, "n < 0 refused");
    is_str(lt_errmsg(), "scores: n = -1 rows; expected n >= 0", "n < 0: message");
    s = lt_scores_new((uint8_t[]){ 1 }, NULL, 1, NULL);
    ok(s == NULL, "no score array refused");
    is_str(lt_errmsg(), "scores: no score array for 1 rows", "missing array: message");
}

static void test_names(void)
{
    static const char *const names[] = { "auc", "ap", "log_loss", "brier", "accuracy",
                                         "balanced_accuracy", "precision", "recall",
                                         "specificity", "f1", "mcc", "kappa" };
    int good = 1;
    for (int m = 0; m < LT_METRIC_COUNT; m++)
        good &= strcmp(lt_metric_name(m), names[m]) == 0 && lt_metric_parse(names[m]) == m;
    ok(good, "12 metric names, each parsed back");
    ok(lt_metric_name(LT_METRIC_COUNT) == NULL && lt_metric_name((lt_metric)-1) == NULL,
       "no name outside the enum");
    ok(lt_metric_parse("AUC") == -1 && lt_metric_parse("roc") == -1 && lt_metric_parse("") == -1 &&
           lt_metric_parse(NULL) == -1,
       "unknown names are -1");
}

static void test_metrics(void)
{
    /* sklearn's documentation example */
    lt_scores *s = mk("0011", (double[]){ 0.1, 0.4, 0.35, 0.8 });
    is_num(metric(s, LT_METRIC_AUC, 0), 0.75, 0, "auc 3/4");
    is_num(metric(s, LT_METRIC_AP, 0), 5.0 / 6, 1e-15, "ap (1 + 2/3) / 2");
    is_num(metric(s, LT_METRIC_BRIER, 0), (0.01 + 0.16 + 0.65 * 0.65 + 0.04) / 4, 1e-15,
           "brier");
    is_num(metric(s, LT_METRIC_LOG_LOSS, 0),
           -(log(0.9) + log(0.6) + log(0.35) + log(0.8)) / 4, 1e-15, "log loss");
    is_num(metric(s, LT_METRIC_ACCURACY, 0.4), 0.5, 0, "accuracy at 0.4 (0.4 is positive)");
    is_num(metric(s, LT_METRIC_PRECISION, 0.4), 0.5, 0, "precision at 0.4");
    is_num(metric(s, LT_METRIC_RECALL, 0.35), 1, 0, "recall at 0.35");
    is_num(metric(s, LT_METRIC_SPECIFICITY, 0.35), 0.5, 0, "specificity at 0.35");
    is_num(metric(s, LT_METRIC_F1, 0.35), 0.8, 1e-15, "f1 at 0.35");
    is_num(metric(s, LT_METRIC_MCC, 0.35), 1 / sqrt(3), 1e-15, "mcc at 0.35");
    is_num(metric(s, LT_METRIC_KAPPA, 0.35), 0.5, 1e-15, "kappa at 0.35");
    is_num(metric(s, LT_METRIC_BALANCED_ACCURACY, 0.35), 0.75, 0, "balanced accuracy at 0.35");
    is_num(metric(s, LT_METRIC_COUNT, 0.5), NAN, 0, "no metric past the enum");
    lt_scores_free(s);

    /* ties across the classes count 1/2 */
    s = mk("1100", (double[]){ 0.9, 0.5, 0.5, 0.1 });
    is_num(metric(s, LT_METRIC_AUC, 0), 0.875, 0, "a tied pair counts 1/2");
    /* thresholds 0.9 (P 1, R 1/2), 0.5 (P 2/3, R 1) */
    is_num(metric(s, LT_METRIC_AP, 0), 0.5 + 0.5 * 2 / 3.0, 1e-15, "ap over tied scores");
    lt_scores_free(s);

    s = mk("1010", (double[]){ 0.5, 0.5, 0.5, 0.5 });
    is_num(metric(s, LT_METRIC_AUC, 0), 0.5, 0, "all tied: auc 1/2");
    is_num(metric(s, LT_METRIC_AP, 0), 0.5, 0, "all tied: ap = prevalence");
    is_num(metric(s, LT_METRIC_ACCURACY, 0.5), 0.5, 0, "all tied: all positive at 0.5");
    is_num(metric(s, LT_METRIC_ACCURACY, nextafter(0.5, 1)), 0.5, 0,
           "all tied: all negative just above");
    is_num(metric(s, LT_METRIC_RECALL, nextafter(0.5, 1)), 0, 0, "recall 0 just above 0.5");
    lt_scores_free(s);

    /* scores as margins, with infinities */
    s = mk("1010", (double[]){ INF, -INF, 1, 1 });
    is_num(metric(s, LT_METRIC_AUC, 0), 0.875, 0, "auc with infinite scores");
    is_num(metric(s, LT_METRIC_LOG_LOSS, 0), NAN, 0, "log loss NaN outside [0, 1]");
    is_num(metric(s, LT_METRIC_BRIER, 0), NAN, 0, "brier NaN outside [0, 1]");
    is_num(metric(s, LT_METRIC_RECALL, INF), 0.5, 0, "inf >= inf: recall 1/2 at t = inf");
    is_num(metric(s, LT_METRIC_SPECIFICITY, -INF), 0, 0, "everything positive at t = -inf");
    lt_scores_free(s);

    /* log loss clips 0 and 1 to DBL_EPSILON */
    s = mk("10", (double[]){ 0, 1 });
    is_num(metric(s, LT_METRIC_LOG_LOSS, 0), -log(DBL_EPSILON), 1e-12, "log loss clipped");
    is_num(metric(s, LT_METRIC_BRIER, 0), 1, 0, "brier of the worst guesses");
    is_num(metric(s, LT_METRIC_AUC, 0), 0, 0, "auc 0");
    lt_scores_free(s);

    /* one class */
    s = mk("111", (double[]){ 0.2, 0.6, 0.6 });
    is_num(metric(s, LT_METRIC_AUC, 0), NAN, 0, "positives only: auc NaN");
    is_num(metric(s, LT_METRIC_AP, 0), 1, 0, "positives only: ap 1");
    is_num(metric(s, LT_METRIC_BRIER, 0), (0.64 + 0.16 + 0.16) / 3, 1e-15,
           "positives only: brier");
    is_num(metric(s, LT_METRIC_SPECIFICITY, 0.5), 0, 0, "positives only: specificity 0");
    lt_scores_free(s);
    s = mk("00", (double[]){ 0.2, 0.6 });
    is_num(metric(s, LT_METRIC_AUC, 0), NAN, 0, "negatives only: auc NaN");
    is_num(metric(s, LT_METRIC_AP, 0), NAN, 0, "negatives only: ap NaN");
    is_num(metric(s, LT_METRIC_LOG_LOSS, 0), -(log(0.8) + log(0.4)) / 2, 1e-15,
           "negatives only: log loss");
    is_num(metric(s, LT_METRIC_ACCURACY, 0.5), 0.5, 0, "negatives only: accuracy");
    lt_scores_free(s);

    /* no rows */
    s = lt_scores_new(NULL, NULL, 0, NULL);
    int nan = 1;
    for (int m = 0; m < LT_METRIC_COUNT; m++)
        nan &= isnan(lt_scores_metric(s, m, 0.5, NULL, NULL));
    ok(nan, "n = 0: every metric NaN");
    lt_scores_free(s);
}

static void test_counts(void)
{
    lt_scores *s = mk("1100", (double[]){ 0.7, 0.5, 0.5, 0.3 });
    lt_counts2 c;
    lt_scores_counts(s, 0.5, NULL, NULL, &c);
    ok(c.tp == 2 && c.fp == 1 && c.fn == 0 && c.tn == 1, "t = 0.5: a score equal to t is positive");
    lt_scores_counts(s, nextafter(0.5, 1), NULL, NULL, &c);
    ok(c.tp == 1 && c.fp == 0 && c.fn == 1 && c.tn == 2, "t just above 0.5");
    lt_scores_counts(s, 0.3, NULL, NULL, &c);
    ok(c.tp == 2 && c.fp == 2 && c.fn == 0 && c.tn == 0, "t = the lowest score: all positive");
    lt_scores_counts(s, INF, NULL, NULL, &c);
    ok(c.tp == 0 && c.fp == 0 && c.fn == 2 && c.tn == 2, "t = inf: none positive");
    lt_scores_counts(s, -INF, NULL, NULL, &c);
    ok(c.tp == 2 && c.fp == 2, "t = -inf: all positive");
    lt_scores_counts(s, NAN, NULL, NULL, &c);
    ok(c.tp == 0 && c.fp == 0 && c.fn == 2 && c.tn == 2, "t = NaN: none positive");
    lt_scores_counts(s, 0.5, (uint32_t[]){ 3, 0 }, (uint32_t[]){ 2, 5 }, &c);
    ok(c.tp == 3 && c.fn == 0 && c.fp == 2 && c.tn == 5, "weighted counts at 0.5");
    lt_scores_counts(s, 0.6, (uint32_t[]){ 3, 4 }, NULL, &c);
    ok(c.tp == 3 && c.fn == 4 && c.fp == 0 && c.tn == 2, "weights for one class only");
    lt_scores_free(s);
}

/* A generator for the tests' data: splitmix64. */
static uint64_t rnd(uint64_t *st)
{
    uint64_t z = (*st += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static const double *g_score;
static int by_desc(const void *a, const void *b)
{
    double x = g_score[*(const int *)a], y = g_score[*(const int *)b];
    return x > y ? -1 : x < y;
}

/* Weights w per row give the metrics of the rows repeated w times. */
static void test_weights(void)
{
    enum { N = 60 };
    uint64_t st = 42;
    uint8_t y[N], yd[4 * N];
    double x[N], xd[4 * N];
    uint32_t w[N];
    int idx[N], nd = 0;
    for (int i = 0; i < N; i++) {
        y[i] = rnd(&st) % 3 == 0;
        x[i] = (double)(rnd(&st) % 9) / 8;   /* ties */
        w[i] = (uint32_t)(rnd(&st) % 4);
        idx[i] = i;
        for (uint32_t k = 0; k < w[i]; k++) {
            yd[nd] = y[i];
            xd[nd++] = x[i];
        }
    }
    lt_scores *s = lt_scores_new(y, x, N, NULL), *d = lt_scores_new(yd, xd, nd, NULL);
    g_score = x;
    qsort(idx, N, sizeof *idx, by_desc);
    uint32_t wp[N], wn[N];
    int p = 0, q = 0;
    for (int k = 0; k < N; k++) {
        if (y[idx[k]])
            wp[p++] = w[idx[k]];
        else
            wn[q++] = w[idx[k]];
    }
    for (int m = 0; m < LT_METRIC_COUNT; m++)
        for (int k = 0; k <= 8; k += m < LT_METRIC_ACCURACY ? 9 : 1) {
            double t = k / 8.0;
            double a = lt_scores_metric(s, m, t, wp, wn), b = lt_scores_metric(d, m, t, NULL, NULL);
            /* the sums of log loss and Brier add in another order */
            double tol = m == LT_METRIC_LOG_LOSS || m == LT_METRIC_BRIER ? 1e-14 : 0;
            if (m < LT_METRIC_ACCURACY || k == 3)
                is_num(a, b, tol, "weighted %s%s as the rows repeated", lt_metric_name(m),
                       m < LT_METRIC_ACCURACY ? "" : " (at 3/8)");
            else if (!(a == b))
                ok(0, "weighted %s at %g: %.17g, repeated rows: %.17g", lt_metric_name(m), t, a, b);
        }
    /* weights 1 are no weights */
    uint32_t ones[N];
    for (int i = 0; i < N; i++)
        ones[i] = 1;
    int same = 1;
    for (int m = 0; m < LT_METRIC_COUNT; m++) {
        double a = lt_scores_metric(s, m, 0.5, ones, ones), b = lt_scores_metric(s, m, 0.5, NULL, NULL);
        same &= a == b || fabs(a - b) <= 1e-15 * fabs(b);
    }
    ok(same, "weights 1 give the unweighted metrics");
    /* all weights 0: no rows */
    uint32_t zeros[N] = { 0 };
    int nan = 1;
    for (int m = 0; m < LT_METRIC_COUNT; m++)
        nan &= isnan(lt_scores_metric(s, m, 0.5, zeros, zeros));
    ok(nan, "weights 0 everywhere: every metric NaN");
    is_num(lt_scores_metric(s, LT_METRIC_AUC, 0, zeros, NULL), NAN, 0,
           "no positive weight: auc NaN");
    lt_scores_free(s);
    lt_scores_free(d);
}

static void test_roc(void)
{
    lt_scores *s = mk("0011", (double[]){ 0.1, 0.4, 0.35, 0.8 });
    lt_frame *f = lt_scores_roc(s, true);
    col_is(f, "threshold", (double[]){ INF, 0.8, 0.4, 0.35, 0.1 }, 5, "roc");
    col_is(f, "fpr", (double[]){ 0, 0, 0.5, 0.5, 1 }, 5, "roc");
    col_is(f, "tpr", (double[]){ 0, 0.5, 0.5, 1, 1 }, 5, "roc");
    ok(f && f->ncol == 3, "roc: three columns");
    lt_frame_free(f);
    lt_scores_free(s);

    /* (0,1/3), (0,2/3), (0,1), (1/2,1), (1,1): the middle of each straight
     * run goes */
    s = mk("11100", (double[]){ 0.9, 0.8, 0.7, 0.6, 0.5 });
    f = lt_scores_roc(s, true);
    col_is(f, "threshold", (double[]){ INF, 0.9, 0.7, 0.5 }, 4, "roc, drop_intermediate");
    col_is(f, "fpr", (double[]){ 0, 0, 0, 1 }, 4, "roc, drop_intermediate");
    lt_frame_free(f);
    f = lt_scores_roc(s, false);
    col_is(f, "threshold", (double[]){ INF, 0.9, 0.8, 0.7, 0.6, 0.5 }, 6, "roc, all points");
    lt_frame_free(f);
    lt_scores_free(s);

    s = mk("1010", (double[]){ 0.5, 0.5, 0.5, 0.5 });
    f = lt_scores_roc(s, true);
    col_is(f, "tpr", (double[]){ 0, 1 }, 2, "roc, all tied: one step");
    lt_frame_free(f);
    lt_scores_free(s);

    s = mk("11", (double[]){ 0.5, 0.2 });
    f = lt_scores_roc(s, true);
    col_is(f, "fpr", (double[]){ NAN, NAN, NAN }, 3, "roc without negatives: fpr NaN");
    col_is(f, "tpr", (double[]){ 0, 0.5, 1 }, 3, "roc without negatives: tpr");
    lt_frame_free(f);
    lt_scores_free(s);

    s = lt_scores_new(NULL, NULL, 0, NULL);
    f = lt_scores_roc(s, true);
    col_is(f, "tpr", (double[]){ NAN }, 1, "roc of no rows: the first point alone");
    lt_frame_free(f);
    lt_scores_free(s);
}

static void test_pr_gain(void)
{
    lt_scores *s = mk("0011", (double[]){ 0.1, 0.4, 0.35, 0.8 });
    lt_frame *f = lt_scores_pr(s);
    col_is(f, "threshold", (double[]){ 0.1, 0.35, 0.4, 0.8, NAN }, 5, "pr");
    col_is(f, "precision", (double[]){ 0.5, 2 / 3.0, 0.5, 1, 1 }, 5, "pr");
    col_is(f, "recall", (double[]){ 1, 1, 0.5, 0.5, 0 }, 5, "pr");
    lt_frame_free(f);

    f = lt_scores_gain(s);
    col_is(f, "threshold", (double[]){ INF, 0.8, 0.4, 0.35, 0.1 }, 5, "gain");
    col_is(f, "tested", (double[]){ 0, 0.25, 0.5, 0.75, 1 }, 5, "gain");
    col_is(f, "found", (double[]){ 0, 0.5, 0.5, 1, 1 }, 5, "gain");
    col_is(f, "lift", (double[]){ NAN, 2, 1, 4 / 3.0, 1 }, 5, "gain");
    lt_frame_free(f);

    f = lt_scores_threshold_curve(s);
    col_is(f, "threshold", (double[]){ 0.8, 0.4, 0.35, 0.1 }, 4, "threshold curve");
    col_is(f, "precision", (double[]){ 1, 0.5, 2 / 3.0, 0.5 }, 4, "threshold curve");
    col_is(f, "recall", (double[]){ 0.5, 0.5, 1, 1 }, 4, "threshold curve");
    col_is(f, "f1", (double[]){ 2 / 3.0, 0.5, 0.8, 2 / 3.0 }, 4, "threshold curve");
    col_is(f, "predicted", (double[]){ 0.25, 0.5, 0.75, 1 }, 4, "threshold curve");
    lt_frame_free(f);
    lt_scores_free(s);

    s = mk("00", (double[]){ 0.1, 0.4 });
    f = lt_scores_pr(s);
    ok(f == NULL && lt_errcode() == LT_EINVAL, "pr without positives: LT_EINVAL");
    is_str(lt_errmsg(), "pr curve: the truth has no positive rows; expected some", "pr: message");
    f = lt_scores_gain(s);
    ok(f == NULL && lt_errcode() == LT_EINVAL, "gain without positives: LT_EINVAL");
    f = lt_scores_threshold_curve(s);
    col_is(f, "recall", (double[]){ 0, 0 }, 2, "threshold curve without positives: recall 0");
    lt_frame_free(f);
    lt_scores_free(s);

    s = lt_scores_new(NULL, NULL, 0, NULL);
    f = lt_scores_threshold_curve(s);
    ok(f && f->nrow == 0 && f->ncol == 5, "threshold curve of no rows: empty");
    lt_frame_free(f);
    lt_scores_free(s);
}

static void test_calibration(void)
{
    lt_scores *s = mk("0101", (double[]){ 0.2, 0.5, 0.5, 0.9 });
    lt_frame *f = lt_scores_calibration(s, 2, false);
    col_is(f, "lo", (double[]){ 0, 0.5 }, 2, "uniform bins");
    col_is(f, "hi", (double[]){ 0.5, 1 }, 2, "uniform bins");
    col_is(f, "mean_predicted", (double[]){ 0.4, 0.9 }, 2, "uniform bins: 0.5 goes low");
    col_is(f, "fraction_positive", (double[]){ 1 / 3.0, 1 }, 2, "uniform bins");
    col_is(f, "n", (double[]){ 3, 1 }, 2, "uniform bins");
    ok(f && lt_frame_col(f, "n")->type == LT_I64, "n is i64");
    lt_frame_free(f);

    f = lt_scores_calibration(s, 2, true);
    col_is(f, "lo", (double[]){ 0.2, 0.5 }, 2, "quantile bins");
    col_is(f, "hi", (double[]){ 0.5, 0.9 }, 2, "quantile bins");
    col_is(f, "n", (double[]){ 3, 1 }, 2, "quantile bins");
    lt_frame_free(f);

    /* quartiles of 0.2 0.5 0.5 0.9 are 0.2 0.425 0.5 0.6 0.9: 0.5 is on
     * an inner edge and goes low, the third bin is empty */
    f = lt_scores_calibration(s, 4, true);
    col_is(f, "lo", (double[]){ 0.2, 0.425, 0.6 }, 3, "quartile bins: one empty");
    col_is(f, "hi", (double[]){ 0.425, 0.5, 0.9 }, 3, "quartile bins: one empty");
    col_is(f, "fraction_positive", (double[]){ 0, 0.5, 1 }, 3, "quartile bins: one empty");
    lt_frame_free(f);
    f = lt_scores_calibration(s, 5, false);
    col_is(f, "lo", (double[]){ 0, 0.4, 0.8 }, 3, "five bins: only the non-empty (0.2 goes low)");
    col_is(f, "n", (double[]){ 1, 2, 1 }, 3, "five bins: counts");
    lt_frame_free(f);

    f = lt_scores_calibration(s, 0, false);
    ok(f == NULL && lt_errcode() == LT_EINVAL, "bins 0 refused");
    is_str(lt_errmsg(), "calibration: bins = 0; expected at least 1", "bins 0: message");
    lt_scores_free(s);

    s = mk("01", (double[]){ -0.5, 0.9 });
    f = lt_scores_calibration(s, 10, false);
    ok(f == NULL && lt_errcode() == LT_EINVAL, "scores outside [0, 1] refused");
    is_str(lt_errmsg(), "calibration: scores range from -0.5 to 0.9; expected probabilities in "
           "[0, 1]", "outside [0, 1]: message");
    lt_scores_free(s);

    s = lt_scores_new(NULL, NULL, 0, NULL);
    f = lt_scores_calibration(s, 10, true);
    ok(f && f->nrow == 0 && f->ncol == 5, "calibration of no rows: empty");
    lt_frame_free(f);
    lt_scores_free(s);
}

static double best(const lt_scores *s, lt_threshold_spec sp)
{
    double t = NAN;
    if (lt_scores_best_threshold(s, &sp, &t) < 0)
        printf("# %s\n", lt_errmsg());
    return t;
}

static void test_thresholds(void)
{
    /* from +inf down: 0.9 p, 0.8 p, 0.7 n, 0.4 p, 0.3 n, 0.2 n */
    lt_scores *s = mk("110100", (double[]){ 0.9, 0.8, 0.7, 0.4, 0.3, 0.2 });
    typedef lt_threshold_spec spec;
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_F1 }), 0.4, 0, "max f1 (6/7) at 0.4");
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_ACCURACY }), 0.8, 0,
           "max accuracy: 5/6 at 0.8 and 0.4, the higher wins");
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_COUNT }), 0.8, 0,
           "Youden's J: 2/3 at 0.8 and 0.4, the higher wins");
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_PRECISION }), 0.9, 0,
           "max precision: 1 from 0.9");
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_RECALL }), 0.4, 0, "max recall from 0.4");
    is_num(best(s, (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_SPECIFICITY }), INF, 0,
           "max specificity: nothing predicted");
    is_num(best(s, (spec){ LT_GOAL_MIN_PRECISION, .target = 0.75 }), 0.4, 0,
           "precision >= 0.75: lowest at 0.4");
    is_num(best(s, (spec){ LT_GOAL_MIN_PRECISION, .target = 0.8 }), 0.8, 0, "precision >= 0.8");
    is_num(best(s, (spec){ LT_GOAL_MIN_PRECISION, .target = 1 }), 0.8, 0, "precision 1");
    is_num(best(s, (spec){ LT_GOAL_MIN_PRECISION, .target = 0 }), 0.2, 0, "precision >= 0");
    is_num(best(s, (spec){ LT_GOAL_MIN_RECALL, .target = 0.6 }), 0.8, 0, "recall >= 0.6");
    is_num(best(s, (spec){ LT_GOAL_MIN_RECALL, .target = 1 }), 0.4, 0, "recall 1");
    is_num(best(s, (spec){ LT_GOAL_MIN_RECALL, .target = 0 }), INF, 0, "recall >= 0");
    is_num(best(s, (spec){ LT_GOAL_MIN_COST, .cost_fp = 1, .cost_fn = 5 }), 0.4, 0,
           "cost fp 1, fn 5: 1 at 0.4");
    is_num(best(s, (spec){ LT_GOAL_MIN_COST, .cost_fp = 1, .cost_fn = 0 }), INF, 0,
           "cost fp only: nothing predicted (ties go high)");
    is_num(best(s, (spec){ LT_GOAL_MIN_COST, .cost_fp = 0, .cost_fn = 1 }), 0.4, 0,
           "cost fn only: the highest threshold with every positive");

    double t = 7;
    spec bad = { LT_GOAL_MAXIMIZE, .metric = LT_METRIC_AUC };
    ok(lt_scores_best_threshold(s, &bad, &t) == LT_EINVAL && t == 7, "maximize auc refused");
    is_str(lt_errmsg(), "threshold: auc does not depend on the threshold; expected accuracy, "
           "balanced_accuracy, precision, recall, specificity, f1, mcc, kappa or Youden's J",
           "maximize auc: message");
    bad = (spec){ LT_GOAL_MIN_PRECISION, .target = 1.5 };
    ok(lt_scores_best_threshold(s, &bad, &t) == LT_EINVAL, "target 1.5 refused");
    is_str(lt_errmsg(), "threshold: a precision of 1.5; expected a target in [0, 1]",
           "target 1.5: message");
    bad = (spec){ LT_GOAL_MIN_RECALL, .target = NAN };
    ok(lt_scores_best_threshold(s, &bad, &t) == LT_EINVAL, "target NaN refused");
    bad = (spec){ LT_GOAL_MIN_COST, .cost_fp = -1, .cost_fn = 1 };
    ok(lt_scores_best_threshold(s, &bad, &t) == LT_EINVAL, "negative cost refused");
    is_str(lt_errmsg(), "threshold: costs fp = -1, fn = 1; expected finite costs >= 0",
           "negative cost: message");
    bad = (spec){ .goal = (lt_threshold_goal)9 };
    ok(lt_scores_best_threshold(s, &bad, &t) == LT_EINVAL, "unknown goal refused");
    ok(t == 7, "t untouched on failure");
    lt_scores_free(s);

    s = mk("10", (double[]){ 0.5, 0.9 });
    spec hard = { LT_GOAL_MIN_PRECISION, .target = 0.6 };
    ok(lt_scores_best_threshold(s, &hard, &t) == LT_EINVAL, "precision 0.6 out of reach");
    is_str(lt_errmsg(), "threshold: no threshold reaches precision 0.6; the highest is 0.5",
           "precision out of reach: message");
    lt_scores_free(s);

    s = mk("00", (double[]){ 0.5, 0.9 });
    hard = (spec){ LT_GOAL_MIN_RECALL, .target = 0.5 };
    ok(lt_scores_best_threshold(s, &hard, &t) == LT_EINVAL, "recall without positives");
    is_str(lt_errmsg(), "threshold: no threshold reaches recall 0.5; the truth has no positive "
           "rows", "recall without positives: message");
    lt_scores_free(s);

    s = lt_scores_new(NULL, NULL, 0, NULL);
    hard = (spec){ LT_GOAL_MAXIMIZE, .metric = LT_METRIC_F1 };
    ok(lt_scores_best_threshold(s, &hard, &t) == LT_EINVAL, "no rows: no threshold");
    is_str(lt_errmsg(), "threshold: no rows to choose a threshold from", "no rows: message");
    lt_scores_free(s);
}

/* ---- large inputs: the threaded sort, progress and cancellation ------- */

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

typedef struct row {
    double x;
    int y;
} row;

static int cmp_row(const void *a, const void *b)
{
    double x = ((const row *)a)->x, y = ((const row *)b)->x;
    return x < y ? -1 : x > y;
}

static void test_large(void)
{
    enum { N = 300000 };
    uint8_t *y = malloc(N);
    double *x = malloc(N * sizeof *x), *ref = malloc(N * sizeof *ref);
    uint64_t st = 7;
    for (int i = 0; i < N; i++) {
        y[i] = rnd(&st) % 4 == 0;
        uint64_t r = rnd(&st);
        switch (i % 4) {   /* mixed: fine doubles, ties, signs, infinities */
        case 0: x[i] = (double)(r >> 11) * 0x1p-53; break;
        case 1: x[i] = (double)(r % 1000) / 1000; break;
        case 2: x[i] = ((double)(r >> 11) * 0x1p-53 - 0.5) * 1e6; break;
        default: x[i] = r % 97 == 0 ? (r % 2 ? INF : -INF) : (r % 5 ? 0.25 : -0.0); break;
        }
    }
    ticks tk = { .monotone = 1, .last = 0 };
    lt_progress p = { .report = on_tick, .ud = &tk };
    tk.p = &p;
    lt_scores *s = lt_scores_new(y, x, N, &p);
    ok(s != NULL, "300000 rows sorted");
    ok(tk.n >= 3 && tk.monotone && tk.last == 1, "progress ticks, rising to 1 (%d ticks)", tk.n);
    int64_t np = 0, nn = 0;
    for (int i = 0; i < N; i++)
        if (y[i])
            ref[np++] = x[i] + 0.0;
    qsort(ref, (size_t)np, sizeof *ref, cmp_desc);
    ok(s && s->npos == np && memcmp(s->pos, ref, (size_t)np * sizeof *ref) == 0,
       "positives as qsort orders them");
    for (int i = 0; i < N; i++)
        if (!y[i])
            ref[nn++] = x[i] + 0.0;
    qsort(ref, (size_t)nn, sizeof *ref, cmp_desc);
    ok(s && s->nneg == nn && memcmp(s->neg, ref, (size_t)nn * sizeof *ref) == 0,
       "negatives as qsort orders them");

    /* the AUC as the Mann-Whitney statistic: ranks of all rows (ties at
     * their mean rank) from one qsort */
    double auc = lt_scores_metric(s, LT_METRIC_AUC, 0, NULL, NULL);
    row *rows = malloc(N * sizeof *rows);
    for (int i = 0; i < N; i++)
        rows[i] = (row){ x[i], y[i] };
    qsort(rows, N, sizeof *rows, cmp_row);
    double ranksum = 0;   /* twice the ranks, so exact */
    for (int i = 0; i < N;) {
        int e = i + 1;
        while (e < N && rows[e].x == rows[i].x)
            e++;
        for (int k = i; k < e; k++)
            ranksum += rows[k].y ? (double)(i + 1 + e) : 0;
        i = e;
    }
    free(rows);
    is_num(auc, (ranksum / 2 - (double)np * (double)(np + 1) / 2) / ((double)np * (double)nn),
           1e-15, "auc of 300000 rows as Mann-Whitney's U / (npos nneg)");

    /* the same with one thread */
    int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    lt_scores *s1 = lt_scores_new(y, x, N, NULL);
    omp_set_num_threads(threads);
    ok(s && s1 && memcmp(s->pos, s1->pos, (size_t)np * sizeof *ref) == 0 &&
           memcmp(s->neg, s1->neg, (size_t)nn * sizeof *ref) == 0,
       "one thread sorts the same");
    int same = 1;
    for (int m = 0; s && s1 && m < LT_METRIC_COUNT; m++) {
        double a = lt_scores_metric(s, m, 0.25, NULL, NULL), b = lt_scores_metric(s1, m, 0.25, NULL, NULL);
        same &= a == b || (isnan(a) && isnan(b));
    }
    ok(same, "metrics the same whatever the thread count");
    lt_scores_free(s1);
    lt_scores_free(s);

    /* many rows on few values: one value, then two adjacent doubles */
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < N; i++)
            x[i] = k && i % 3 == 0 ? nextafter(0.5, 1) : 0.5;
        s = lt_scores_new(y, x, N, NULL);
        int sorted = s != NULL;
        for (int64_t i = 1; s && i < s->npos; i++)
            sorted &= s->pos[i] <= s->pos[i - 1];
        for (int64_t i = 1; s && i < s->nneg; i++)
            sorted &= s->neg[i] <= s->neg[i - 1];
        ok(sorted && s->hi == (k ? nextafter(0.5, 1) : 0.5) && s->lo == 0.5,
           "300000 rows on %d value%s sorted", k + 1, k ? "s" : "");
        lt_scores_free(s);
    }

    /* the log loss of many rows */
    for (int i = 0; i < N; i++)
        x[i] = (double)(i % 1000 + 1) / 1001;
    s = lt_scores_new(y, x, N, NULL);
    double ll = 0;
    for (int i = 0; i < N; i++)
        ll += -log(y[i] ? x[i] : 1 - x[i]);
    is_num(lt_scores_metric(s, LT_METRIC_LOG_LOSS, 0, NULL, NULL), ll / N, 1e-12,
           "log loss of 300000 rows");
    lt_scores_free(s);

    /* cancellation */
    for (int at = 1; at <= 3; at++) {
        tk = (ticks){ .monotone = 1, .cancel_at = at, .p = &p };
        p.cancel = 0;
        s = lt_scores_new(y, x, N, &p);
        ok(s == NULL && lt_errcode() == LT_ECANCELED, "cancelled at tick %d: LT_ECANCELED", at);
        lt_scores_free(s);
    }
    free(y);
    free(x);
    free(ref);
}

int main(void)
{
    test_new();
    test_names();
    test_metrics();
    test_counts();
    test_weights();
    test_roc();
    test_pr_gain();
    test_calibration();
    test_thresholds();
    test_large();
    return tap_done();
}
