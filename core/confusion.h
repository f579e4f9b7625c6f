/* Confusion matrices and the classification metrics read from them.
 *
 * Classes are codes 0..k-1 (core/labels.h makes them from columns).  The
 * formulas are scikit-learn's, including its answers where a ratio has a
 * zero denominator: precision, recall, F1 and MCC are then 0 (sklearn's
 * zero_division default), kappa is NaN (1 - 0/0 in cohen_kappa_score). */
#ifndef LT_CONFUSION_H
#define LT_CONFUSION_H

#include <stdint.h>

/* ---- binary: the 2 x 2 counts of one positive class ------------------- */

/* Counts as doubles: weighted counts (bootstrap resamples) use them too. */
typedef struct lt_counts2 {
    double tp, fp, fn, tn;
} lt_counts2;

typedef struct lt_binary_metrics {
    double accuracy;           /* (tp + tn) / n */
    double balanced_accuracy;  /* (recall + specificity) / 2 */
    double precision;          /* tp / (tp + fp) */
    double recall;             /* tp / (tp + fn): sensitivity, TPR */
    double specificity;        /* tn / (tn + fp): TNR */
    double f1;                 /* 2 tp / (2 tp + fp + fn) */
    double mcc;                /* Matthews correlation coefficient */
    double kappa;              /* Cohen's kappa */
} lt_binary_metrics;

void lt_binary_metrics_of(const lt_counts2 *c, lt_binary_metrics *out);

/* ---- k classes -------------------------------------------------------- */

typedef struct lt_confusion {
    int k;
    int64_t *count;   /* k x k, row-major: count[t * k + p] = rows of true
                         class t predicted as p */
} lt_confusion;

/* A zeroed k x k matrix (k >= 1), or NULL with lt_errmsg. */
lt_confusion *lt_confusion_new(int k);
void lt_confusion_free(lt_confusion *cm);   /* NULL is a no-op */

/* Count the n pairs (truth[i], pred[i]) into cm (adding to what is there).
 * Codes outside 0..k-1 are LT_EINVAL naming the row; 0 otherwise. */
int lt_confusion_add(lt_confusion *cm, const int32_t *truth, const int32_t *pred,
                     int64_t n);

/* Per class c, one-vs-rest: precision, recall, F1 and support (rows whose
 * truth is c), as precision_recall_fscore_support(average=None). */
typedef struct lt_class_metrics {
    double precision, recall, f1;
    int64_t support;     /* true rows of the class */
    int64_t predicted;   /* rows predicted as the class */
} lt_class_metrics;

/* out has room for cm->k entries. */
void lt_confusion_per_class(const lt_confusion *cm, lt_class_metrics *out);

typedef struct lt_multiclass_metrics {
    int64_t n;
    double accuracy;
    double balanced_accuracy;  /* mean recall over classes with support > 0
                                  (balanced_accuracy_score) */
    double kappa;              /* Cohen's kappa, unweighted */
    double mcc;                /* multiclass MCC (Gorodkin's R_K), as
                                  matthews_corrcoef */
    /* averages of the per-class metrics over the classes present in the
     * truth or the predictions (sklearn's labels = union): macro
     * (unweighted), weighted (by support), micro (from the pooled counts;
     * micro precision = recall = F1 = accuracy when every row has one
     * label) */
    double macro_precision, macro_recall, macro_f1;
    double weighted_precision, weighted_recall, weighted_f1;
    double micro_precision, micro_recall, micro_f1;
} lt_multiclass_metrics;

/* With no rows (n = 0) accuracy, balanced accuracy, kappa and the macro
 * averages are NaN, MCC and the weighted and micro averages 0, as sklearn
 * answers for empty inputs. */
void lt_confusion_metrics(const lt_confusion *cm, lt_multiclass_metrics *out);

/* Normalised copy of the counts, as confusion_matrix(normalize=):
 * LT_NORM_TRUE divides each row by its sum, LT_NORM_PRED each column,
 * LT_NORM_ALL by the total; an all-zero row/column gives 0s.  out has
 * room for k * k doubles (row-major like count). */
typedef enum lt_normalize { LT_NORM_NONE, LT_NORM_TRUE, LT_NORM_PRED, LT_NORM_ALL } lt_normalize;
void lt_confusion_normalize(const lt_confusion *cm, lt_normalize how, double *out);

/* Multiclass log loss, as sklearn.metrics.log_loss (1.2): prob is n x k,
 * column-major with leading dimension ld (prob[c * ld + i] is the
 * probability of class c for row i); each value is clipped to
 * [eps, 1 - eps] with eps = DBL_EPSILON, then each row divided by its
 * sum; the mean of -log(prob of the true class).  LT_EINVAL (naming the
 * row and column) for a probability outside [0, 1] or NaN, a row of zeros
 * or a truth code outside 0..k-1, and for k < 2 or ld < n; 0 and *out
 * otherwise (NaN for n = 0).  Same result whatever the thread count. */
int lt_log_loss_multi(const int32_t *truth, const double *prob, int64_t n, int k,
                      int64_t ld, double *out);

#endif
