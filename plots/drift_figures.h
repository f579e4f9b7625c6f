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

/* Horizontal bars of the severity of n columns, the drifted ones at the
 * top, each group most severe first (+Inf first, NaN last, ties in the
 * order given); drifted columns in the palette's first colour, the
 * others in its grey (light shade without colour); a dashed line at 1
 * under the bars, "threshold" in the legend (below the panel, after
 * "drifted" and "not drifted"); x axis "drift score / threshold" from 0
 * to the largest finite severity, at least 2 and at most 10; a longer
 * bar keeps its length (figure.h: the renderers draw it to the edge with
 * a break mark, its label inside) and the caption names it ("past the
 * axis end: total_charges at 13.3", the first three); a negative
 * severity counts as 0.  Each label past its bar's end (LT_TEXT_AFTER);
 * a NaN one with a NULL label says "not compared".  title and subtitle
 * as given (NULL: none); readable with 1 to 200 columns: text_height
 * asks for a row per column (two up to 8 columns), a terminal with
 * fewer rows than columns shows the first ones that fit and says in the
 * caption what the others hold ("5 more columns not shown, all below
 * the threshold", "16 more columns not shown, 11 drifted"); a page gets
 * bars of about 20pt up to 12 columns (aspect 0.05 n) and bars that
 * touch past 40.  Errors: n < 1, bars NULL, a bar without a column
 * name. */
lt_figure *lt_driftfig_overview(const lt_driftfig_bar *bars, int n, const char *title,
                                const char *subtitle);

/* A numeric column: the reference and the current histograms overlaid
 * on the same nbin bins (edges[0..nbin]), each as shares of its own
 * count (so samples of different sizes compare), the reference filled
 * grey, the current in colour at half opacity (in the terminal the
 * overlap takes the mixed colour, the dark shade without colour);
 * legend "reference (n = 5,174)", "current (n = 1,869)" below the panel.  x axis
 * labelled `column` ("value" for NULL), y "share"; text_height fits 24
 * rows with a title and a subtitle.  Errors: nbin < 1, a
 * NULL array, edges not finite or not increasing, a negative count, no
 * count on a side. */
lt_figure *lt_driftfig_numeric(const double *edges, int nbin, const int64_t *ref,
                               const int64_t *cur, const char *column, const char *title,
                               const char *subtitle);

/* A categorical column: for each of k categories (names cats) the
 * reference and current shares as side-by-side bars (horizontal, one
 * pair per category, in the order given, top down: the reference grey
 * above, the current in colour beside the name), each with its share
 * past its end ("42.8%"); legend as above, below the panel; x axis
 * "share" from 0 to 1.15 times the largest share (room for the labels),
 * y axis titled `column` (NULL: none); a category with no reference
 * count is marked "(unseen)" in its name and counted in a caption.
 * text_height asks for a row per bar and one between pairs up to 6
 * categories.  Errors: k < 1, a NULL array or name, a negative count,
 * no count on a side. */
lt_figure *lt_driftfig_categorical(const char *const *cats, int k, const int64_t *ref,
                                   const int64_t *cur, const char *column, const char *title,
                                   const char *subtitle);

/* Drift over time: a heatmap of severity, one row per column (names
 * columns[0..ncol)), the most drifting at the top (the most windows
 * drifted, then the largest severity, a column never compared last; ties
 * in the order given; a terminal too short shows the first ones and
 * counts the others in the caption, as the overview does), one cell per
 * window (labels windows[0..nwin)), severity[c * nwin + w] (NaN: no
 * comparison, a blank cell in the
 * terminal, grey on a page), coloured on Blues (white at 0, darkest at
 * the top) from 0 to the largest finite severity within [2, 10] (larger
 * ones, +Inf, in the top colour, said in the caption), the drifted cells
 * (drifted[c * nwin + w]; drifted NULL: none) marked with a dot of text
 * "•"; the caption says what the colour means.  When nline > 0 a second
 * panel below, on the same window positions, the severity of columns
 * lines[0..nline) (indexes) across the windows as lines (points for one
 * window), clipped the same way, with the threshold line at 1; legend
 * below.  text_height asks for a row per column.  Errors: nwin < 1,
 * ncol < 1, a NULL array or name, nline < 0, a line index out of
 * range. */
lt_figure *lt_driftfig_windows(const char *const *windows, int nwin, const char *const *columns,
                               int ncol, const double *severity, const bool *drifted,
                               const int *lines, int nline, const char *title);

#endif
