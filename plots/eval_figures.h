/* Figures of a model evaluation: the plots a data scientist shows a
 * stakeholder, built from plain arrays (core/scores.h and confusion.h
 * compute them), drawn by either renderer.
 *
 * Curves may hold millions of points (one per distinct score); the
 * builders thin them to what a screen or a page can show (at most a few
 * thousand points, keeping every corner where the curve changes
 * direction by more than a pixel's worth), so figures stay small and fast
 * to draw.  Every builder returns a new figure, or NULL with lt_errmsg. */
#ifndef LT_EVAL_FIGURES_H
#define LT_EVAL_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "figure.h"

/* One curve of a comparison: points (x[i], y[i]), i < n, and its legend
 * label ("model A (AUC 0.843)"; NULL for none). */
typedef struct lt_curve_series {
    const char *label;
    const double *x, *y;
    size_t n;
} lt_curve_series;

typedef enum lt_curve_kind {
    LT_CURVE_ROC,          /* x fpr, y tpr, both [0, 1]; the chance diagonal */
    LT_CURVE_PR,           /* x recall, y precision; a dashed line at
                              `baseline` (the prevalence) */
    LT_CURVE_GAIN,         /* x share tested, y share of positives found; the
                              chance diagonal and the perfect model's curve,
                              which reaches 1 at x = `baseline` */
    LT_CURVE_LIFT,         /* x share tested, y lift; a reference line at 1 */
    LT_CURVE_CALIBRATION   /* x mean predicted, y fraction positive, points
                              joined by lines; the diagonal of perfect
                              calibration */
} lt_curve_kind;

/* Curves of one kind on one panel (several for a comparison), with the
 * axes labelled for the kind and titled `title` (NULL: "ROC curve",
 * "Precision-recall curve", ...). */
lt_figure *lt_evalfig_curves(lt_curve_kind kind, const lt_curve_series *s, int ns,
                             double baseline, const char *title);

/* Precision, recall and F1 against the threshold (thr descending or
 * ascending, n points each), with a dashed vertical line at `chosen`
 * (NaN: none). */
lt_figure *lt_evalfig_threshold(const double *thr, const double *precision,
                                const double *recall, const double *f1, size_t n,
                                double chosen, const char *title);

/* A confusion matrix heatmap: k x k counts (row-major, rows = truth from
 * the top, columns = predicted), labels on both axes ("truth",
 * "predicted").  Cells are coloured by the row share and show the count
 * and the row percentage ("1,234" and "56.7%"), whichever fits the cell
 * when both do not; readable from 2 to 20 classes in an 80-column
 * terminal. */
lt_figure *lt_evalfig_confusion(const int64_t *count, int k, const char *const *labels,
                                const char *title);

/* Diagnostic plots of a regression, two panels: residuals (y - yhat)
 * against fitted values with a reference line at 0, and predicted against
 * actual with the identity line.  Large n is drawn as points all the
 * same (the text renderer shades braille dots). */
lt_figure *lt_evalfig_regression(const double *y, const double *yhat, size_t n,
                                 const char *title);

#endif
