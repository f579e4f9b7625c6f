/* Binary classifier scores: sorted once, then read for every metric,
 * curve and threshold of a model evaluation.
 *
 * The rows are the pairs (truth, score) of a binary classifier: truth 1
 * for the positive class, 0 for the negative one; the score is any real
 * number (a probability, a margin, a rank), larger meaning "more
 * positive".  A row is predicted positive at threshold t when
 * score >= t, as scikit-learn's `predict_proba(X)[:, 1] >= t` does.
 *
 * lt_scores_new sorts the scores of each class (descending, a radix sort
 * threaded with OpenMP, the result independent of the thread count);
 * everything else walks the two sorted arrays together, so ties between
 * scores are handled as scikit-learn does: all rows with one score value
 * enter the positive side at once (one ROC point per distinct score),
 * and the AUC is the trapezoid area, which counts a tied positive-negative
 * pair as 1/2.
 *
 * Weights: the metric functions take optional per-row integer weights
 * (NULL = every row once), indexed like `pos` and `neg` (by rank in the
 * sorted arrays, not by input row).  The bootstrap passes the resample
 * counts this way, so a resample needs no sorting. */
#ifndef LT_SCORES_H
#define LT_SCORES_H

#include <stdbool.h>
#include <stdint.h>

#include "confusion.h"
#include "frame.h"
#include "progress.h"

typedef struct lt_scores {
    int64_t npos, nneg;
    double *pos;    /* scores of the positive rows, descending */
    double *neg;    /* scores of the negative rows, descending */
    double lo, hi;  /* the smallest and largest score (NaN when no rows) */
} lt_scores;

/* Sort the n pairs (truth[i], score[i]); truth values are 0 or 1.
 * Scores may be +-Inf but not NaN (the caller drops missing rows first):
 * NaN at a row is LT_EINVAL ("score at row 12 is NaN"), and so is a
 * truth value other than 0 and 1.  n = 0 is allowed (every metric is then
 * NaN).  Reports progress and honours cancellation (LT_ECANCELED) on
 * large inputs.  NULL with lt_errmsg on failure. */
lt_scores *lt_scores_new(const uint8_t *truth, const double *score, int64_t n,
                         lt_progress *p);
void lt_scores_free(lt_scores *s);   /* NULL is a no-op */

/* The metrics of a binary evaluation, as scikit-learn computes them. */
typedef enum lt_metric {
    LT_METRIC_AUC,        /* area under the ROC curve (trapezoid, ties 1/2);
                             NaN without positives or without negatives */
    LT_METRIC_AP,         /* average precision: sum over distinct thresholds
                             of (R_k - R_{k-1}) P_k, a step function, not the
                             trapezoid (average_precision_score); NaN without
                             positives */
    LT_METRIC_LOG_LOSS,   /* mean of -log(p) over positives and -log(1-p)
                             over negatives, p clipped to [eps, 1-eps] with
                             eps = DBL_EPSILON; NaN when a score is outside
                             [0, 1] (see lt_scores_in_unit) */
    LT_METRIC_BRIER,      /* mean of (p - truth)^2; NaN outside [0, 1] */
    /* At a threshold (counts from lt_scores_counts, formulas in
     * confusion.h's lt_binary_metrics): */
    LT_METRIC_ACCURACY,
    LT_METRIC_BALANCED_ACCURACY,
    LT_METRIC_PRECISION,
    LT_METRIC_RECALL,
    LT_METRIC_SPECIFICITY,
    LT_METRIC_F1,
    LT_METRIC_MCC,
    LT_METRIC_KAPPA,
    LT_METRIC_COUNT
} lt_metric;

/* "auc", "ap", "log_loss", "brier", "accuracy", "balanced_accuracy",
 * "precision", "recall", "specificity", "f1", "mcc", "kappa": the Lua
 * field names.  lt_metric_parse returns -1 for an unknown name. */
const char *lt_metric_name(lt_metric m);
int lt_metric_parse(const char *name);

/* Are all scores within [0, 1]?  (Log loss, Brier and the calibration
 * curve need probabilities.) */
bool lt_scores_in_unit(const lt_scores *s);

/* The confusion counts at threshold t (score >= t is positive), weighted
 * by wpos/wneg when given: binary searches in the sorted arrays, or one
 * pass with weights.  t may be +-Inf. */
void lt_scores_counts(const lt_scores *s, double t, const uint32_t *wpos,
                      const uint32_t *wneg, lt_counts2 *out);

/* Metric m with weights (NULL, NULL = unweighted); t is used by the
 * threshold metrics only.  One pass over the sorted arrays at most. */
double lt_scores_metric(const lt_scores *s, lt_metric m, double t,
                        const uint32_t *wpos, const uint32_t *wneg);

/* ---- curves, each a new frame (NULL with lt_errmsg on failure) -------- */

/* ROC curve, as sklearn.metrics.roc_curve: columns threshold, fpr, tpr,
 * one row per distinct score in descending order, preceded by a row
 * (threshold = +Inf, 0, 0).  With drop_intermediate (sklearn's default),
 * points that lie on a straight line between their neighbours are
 * dropped, as sklearn does.  fpr (tpr) is NaN throughout when there are
 * no negatives (positives). */
lt_frame *lt_scores_roc(const lt_scores *s, bool drop_intermediate);

/* Precision-recall curve, as sklearn.metrics.precision_recall_curve:
 * columns threshold, precision, recall, one row per distinct score in
 * ascending order, then a last row (threshold NaN, precision 1,
 * recall 0).  LT_EINVAL without positives. */
lt_frame *lt_scores_pr(const lt_scores *s);

/* Cumulative gain (and lift), as yardstick's gain_curve/lift_curve:
 * columns threshold, tested (share of rows with score >= threshold),
 * found (share of positives among them: recall), lift (found / tested),
 * one row per distinct score in descending order, preceded by
 * (threshold +Inf, 0, 0, NaN).  LT_EINVAL without positives. */
lt_frame *lt_scores_gain(const lt_scores *s);

/* Precision, recall, F1 (and the predicted-positive share) at every
 * distinct score: columns threshold, precision, recall, f1, predicted
 * (share of rows predicted positive), descending threshold. */
lt_frame *lt_scores_threshold_curve(const lt_scores *s);

/* Calibration (reliability) curve, as sklearn.calibration.calibration_curve:
 * bins of [0, 1] of equal width ("uniform") or at the quantiles of the
 * scores ("quantile", numpy's linear percentiles), a score on an inner
 * edge going to the lower bin (np.searchsorted, side "left").  Columns
 * lo, hi (the bin's edges), mean_predicted, fraction_positive, n; only
 * non-empty bins, in ascending order.  LT_EINVAL for bins < 1 or a score
 * outside [0, 1]. */
lt_frame *lt_scores_calibration(const lt_scores *s, int bins, bool quantile);

/* ---- thresholds ------------------------------------------------------- */

typedef enum lt_threshold_goal {
    LT_GOAL_MAXIMIZE,       /* the threshold maximising `metric` (a threshold
                               metric, or LT_METRIC_COUNT for Youden's J =
                               recall + specificity - 1) */
    LT_GOAL_MIN_PRECISION,  /* the lowest threshold whose precision >= target
                               (the most recall at that precision) */
    LT_GOAL_MIN_RECALL,     /* the highest threshold whose recall >= target */
    LT_GOAL_MIN_COST        /* the threshold minimising cost_fp * FP +
                               cost_fn * FN */
} lt_threshold_goal;

typedef struct lt_threshold_spec {
    lt_threshold_goal goal;
    lt_metric metric;       /* LT_GOAL_MAXIMIZE */
    double target;          /* LT_GOAL_MIN_PRECISION / _RECALL, in [0, 1] */
    double cost_fp, cost_fn;/* LT_GOAL_MIN_COST, >= 0 */
} lt_threshold_spec;

/* Choose a threshold among the distinct scores and +Inf (nothing
 * predicted positive).  Ties of the criterion go to the highest
 * threshold.  Returns 0 and the threshold in *t, LT_EINVAL for a bad
 * spec, or LT_EINVAL ("no threshold reaches precision 0.99; the highest
 * is 0.93") when a target cannot be met. */
int lt_scores_best_threshold(const lt_scores *s, const lt_threshold_spec *spec,
                             double *t);

#endif
