/* Figures of a model evaluation: the plots a data scientist shows a
 * stakeholder, built from plain arrays (core/scores.h and confusion.h
 * compute them), drawn by either renderer.
 *
 * Curves may hold millions of points (one per distinct score); the
 * builders thin them to what a screen or a page can show (at most a few
 * thousand points, keeping every corner where the curve changes
 * direction by more than a pixel's worth), so figures stay small and fast
 * to draw: Douglas-Peucker in axis units, every dropped point within
 * 1e-4 of the axis ranges from the line drawn (half a pixel of a
 * 5000-pixel image), first and last points kept, at most 4000 points
 * (the tolerance doubles until that holds).  A NaN or infinite point
 * breaks a curve.  Every builder returns a new figure, or NULL with
 * lt_errmsg. */
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
 * "Precision-recall curve", "Cumulative gain", "Lift", "Calibration").
 * The references are grey, under the curves; the series take the
 * palette's colours in order.  ROC, gain and calibration panels are
 * square (figure aspect 1), their axes 0..1 with 2% to spare.  A ROC
 * label gets the AUC of its points (trapezoids) and a PR label the AP of
 * its staircase, "model A (AUC 0.843)" (or "AUC 0.843" for a NULL
 * label), unless the label names it already.  PR curves are drawn as the
 * staircase of average precision (each precision holding down to the
 * next lower recall), whichever way the points are ordered.  Errors:
 * no series, a series without a finite point, a baseline outside
 * [0, 1]. */
lt_figure *lt_evalfig_curves(lt_curve_kind kind, const lt_curve_series *s, int ns,
                             double baseline, const char *title);

/* Precision, recall and F1 against the threshold (thr descending or
 * ascending, n points each), with a dashed vertical line at `chosen`
 * (NaN: none); the x axis is 0..1 when every threshold is a probability.
 * Errors: n = 0, no finite threshold, no finite metric. */
lt_figure *lt_evalfig_threshold(const double *thr, const double *precision,
                                const double *recall, const double *f1, size_t n,
                                double chosen, const char *title);

/* A confusion matrix heatmap: k x k counts (row-major, rows = truth from
 * the top, columns = predicted), labels on both axes ("truth",
 * "predicted"; labels NULL or a NULL entry: the class number from 0).
 * Cells are coloured by the row share (Blues, 0..1: the largest darkest)
 * and show the count over the row percentage ("1,234" and "56.7%"; a
 * zero count alone), whichever fits the cell when both do not (the
 * cell_text lines of figure.h); readable from 2 to 20 classes in an
 * 80-column terminal (text_height asks for a row per class, two up to 12
 * classes).  The subtitle gives the rows and the accuracy; a class
 * without rows has grey cells and a note.  Square on a page.  Errors:
 * k < 1 or k > 1000, a negative count. */
lt_figure *lt_evalfig_confusion(const int64_t *count, int k, const char *const *labels,
                                const char *title);

/* Diagnostic plots of a regression, two square panels: residuals
 * (y - yhat) against fitted values with a reference line at 0, and
 * predicted against actual with the identity line over equal ranges.
 * Large n is drawn as points all the same (the text renderer shades
 * braille dots).  Rows with a missing value are skipped and counted in
 * the caption.  Errors: n = 0, no row with both values finite. */
lt_figure *lt_evalfig_regression(const double *y, const double *yhat, size_t n,
                                 const char *title);

#endif
