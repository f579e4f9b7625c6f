/* Figures of a drift report (core/drift.h): the overview of every
 * column, one column's reference and current distributions, and drift
 * over time windows.  Built from plain arrays, drawn by either renderer;
 * every builder returns a new figure, or NULL with lt_errmsg. */
#ifndef LT_DRIFT_FIGURES_H
#define LT_DRIFT_FIGURES_H

#include <stdbool.h>
#include <stdint.h>

#include "figure.h"

/* One column of the overview. */
typedef struct lt_driftfig_bar {
    const char *column;
    const char *label;     /* the value, written past the bar's end:
                              "psi 0.31", "ks p < 1e-16", "missing" */
    double severity;       /* drift.h's: >= 1 is past the threshold; +Inf
                              allowed; NaN draws no bar (not compared) */
    bool drifted;
} lt_driftfig_bar;

/* Horizontal bars of the severity of n columns, the most severe at the
 * top; drifted columns in the palette's first colour, the others grey;
 * a dashed line at 1 labelled "threshold"; x axis "drift score /
 * threshold" from 0 to the largest finite severity, at least 2 and at
 * most 10 (longer bars reach the edge; their label tells the value).
 * title and subtitle as given (NULL: none); readable with 1 to 200
 * columns (text_height asks for a row per column).  Errors: n < 1. */
lt_figure *lt_driftfig_overview(const lt_driftfig_bar *bars, int n, const char *title,
                                const char *subtitle);

/* A numeric column: the reference and the current histograms overlaid
 * on the same nbin bins (edges[0..nbin]), each as shares of its own
 * count (so samples of different sizes compare), the reference filled
 * grey, the current in colour at half opacity; legend "reference
 * (n = 5,174)", "current (n = 1,869)".  x axis labelled `column`, y
 * "share".  Errors: nbin < 1, edges not increasing, no count on a side. */
lt_figure *lt_driftfig_numeric(const double *edges, int nbin, const int64_t *ref,
                               const int64_t *cur, const char *column, const char *title,
                               const char *subtitle);

/* A categorical column: for each of k categories (names cats) the
 * reference and current shares as side-by-side bars (horizontal, one
 * pair per category, in the order given, top down), legend as above; a
 * category with no reference count is marked "(unseen)" in its name.
 * Errors: k < 1, no count on a side. */
lt_figure *lt_driftfig_categorical(const char *const *cats, int k, const int64_t *ref,
                                   const int64_t *cur, const char *column, const char *title,
                                   const char *subtitle);

/* Drift over time: a heatmap of severity, one row per column (names
 * columns[0..ncol)), one cell per window (labels windows[0..nwin)),
 * severity[c * nwin + w] (NaN: no comparison, a blank cell), coloured
 * on a sequential map from 0 to max(2, largest finite severity), the
 * drifted cells (drifted[c * nwin + w]) marked with a dot of text; and
 * when nline > 0 a second panel below, the severity of columns
 * lines[0..nline) (indexes) across the windows as lines, with the
 * threshold line at 1.  Errors: nwin < 1, ncol < 1, a line index out
 * of range. */
lt_figure *lt_driftfig_windows(const char *const *windows, int nwin, const char *const *columns,
                               int ncol, const double *severity, const bool *drifted,
                               const int *lines, int nline, const char *title);

#endif
