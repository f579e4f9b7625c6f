/* Class labels: from the truth and prediction columns of a classifier to
 * the codes and 0/1 arrays the metric kernels take.
 *
 * Any source gives columns (a model's predictions, a CSV of another
 * system's), so the labels may be str, bool or integer columns, and the
 * truth and prediction columns may use different types for the same
 * classes (truth "1"/"0" strings against predicted 1/0 integers): labels
 * are compared by their text (integers in decimal, bools as
 * "true"/"false").  Missing values in either column drop the row; the
 * caller reports how many. */
#ifndef LT_LABELS_H
#define LT_LABELS_H

#include <stdbool.h>
#include <stdint.h>

#include "column.h"

typedef struct lt_labels {
    int k;             /* number of classes */
    char **names;      /* their text, sorted: numerically when every label
                          is an integer (so 2 < 10), else bytewise; bool
                          false < true */
} lt_labels;

void lt_labels_fini(lt_labels *l);   /* frees names; a zeroed struct is fine */

/* Code the rows of truth (and of pred, when not NULL) over the union of
 * their labels: the classes sorted as above.  Rows where either column is
 * missing are dropped: the kept rows' codes go to truth_code[0..*nkept)
 * and pred_code (room for truth->n each; pred_code may be NULL with
 * pred).  LT_ELENGTH when the lengths differ, LT_ETYPE for f64 or time
 * columns holding non-integral values ("truth is a number column with
 * fractional values; expected class labels") and for time columns,
 * LT_EINVAL for more than `max_classes` classes (max_classes <= 0: no
 * limit); 0 otherwise.  Labels come from the kept rows only. */
int lt_labels_encode(const lt_col *truth, const lt_col *pred, int max_classes,
                     lt_labels *out, int32_t *truth_code, int32_t *pred_code,
                     int64_t *nkept);

/* The positive class of a binary truth column when the user named none:
 * bool true; the label 1 of 0/1 labels (integers or their text; 1 beside
 * another label, as in 1/2, is no "yes"); else a label that reads as
 * "yes", "true", "y", "t", "positive" or "pos" (any case); else
 * the last label in the sorted order (scikit-learn's classes_[1]).  For
 * columns of one label, that label.  Returns the index in l->names. */
int lt_labels_default_positive(const lt_labels *l, const lt_col *truth);
/* The same, and *why (may be NULL) says which rule chose it, for the
 * printout: "true of a bool column", "1 of 0/1 labels", "it reads as
 * yes", "the last label in sorted order", "the only label" (static
 * strings).  -1 for no labels. */
int lt_labels_default_positive_why(const lt_labels *l, const lt_col *truth,
                                   const char **why);

/* Index of the label named `name` in l, or -1. */
int lt_labels_find(const lt_labels *l, const char *name);

/* truth as 0/1 against one positive label: out[i] = 1 when row i's label
 * is `positive`; the rows where truth or score is missing (NaN) are
 * dropped, and the kept scores go to score_out (score may be f64, i64 or
 * bool: hard 0/1 predictions are scores too).  out and score_out have
 * room for truth->n values.  LT_ELENGTH, or LT_EINVAL when `positive`
 * is not among the labels ("positive = 'yes' is not a class of truth;
 * classes: 'No', 'Yes'"); 0 and *nkept otherwise. */
int lt_labels_binary(const lt_col *truth, const char *positive, const lt_col *score,
                     uint8_t *out, double *score_out, int64_t *nkept);

#endif
