/* The text renderer: a figure drawn onto a canvas (canvas.h).
 *
 * Layout, top to bottom: title (bold), subtitle, the panel grid, the
 * x-axis label, the legend when it goes below, the caption.  Each panel
 * has y tick labels right-aligned on the left, an L-shaped axis of
 * box-drawing lines with tick marks, x tick labels centred under their
 * ticks (dropped, every other one, until none overlap or run off the
 * edge), and the plotting area:
 *   LINE, STEP, VLINE, HLINE   braille lines (reference lines dashed);
 *   POINTS                     braille dots (2 x 4 per cell);
 *   RECT                       block characters with eighths at the
 *                              growing end (U+2581..U+2588 upward,
 *                              U+258F..U+2589 rightward), full cells
 *                              elsewhere; adjacent bars of a histogram
 *                              stay distinct by colour or a one-column gap;
 *                              a horizontal bar takes no row whose centre
 *                              it does not cover (bars of a pair never
 *                              share one); one past the end of the axis
 *                              ends in » (contrasting, on its colour);
 *                              where a bar of a translucent layer (alpha
 *                              < 1) overlaps another layer's, the colours
 *                              mix (without colour: the dark shade U+2593);
 *   BAND                       shaded cells (background colour, or U+2591
 *                              without colour) between the limits;
 *   BOX                        whiskers, box and median from box drawing
 *                              characters, outliers as dots;
 *   HEATMAP                    cells filled with the colour map, the cell
 *                              text centred in contrasting colour (lines
 *                              of a multi-line text as figure.h says);
 *                              without colour, shades U+2591..U+2593
 *                              and the text alone; a square heatmap with
 *                              the same names on both axes whose column
 *                              names do not fit numbers its columns, and
 *                              each row name carries its number;
 *   TEXT                       the label, clipped to the area; values
 *                              of bars (LT_TEXT_AFTER) one cell past the
 *                              bar's end, or inside it on its colour.
 * Category names on the y axis are shown whole up to 32 cells while the
 * plotting area keeps 40 (a heatmap: three per column, and at least one
 * per column with names cut to no less than 10); panels in one column of
 * a facet grid share the left and right edges of their areas, so that
 * their x positions line up.
 * A categorical y axis with notes (figure.h: lt_axis.more) and more
 * categories than its area has rows keeps the first that fit, a row
 * each, and its note goes to the caption, which then outlasts the title
 * and subtitle when rows are short.
 * The legend (colour swatch + label per labelled layer, a colour bar
 * for a heatmap) goes where lt_legend_place puts it; below the panels a
 * label is cut only to the row's width.  A figure with an
 * aspect (figure.h) too wide for it is drawn narrower, from the left, its
 * legend on the right. */
#ifndef LT_RENDER_TEXT_H
#define LT_RENDER_TEXT_H

#include <stdbool.h>

#include "canvas.h"
#include "figure.h"

typedef struct lt_text_opts {
    int width, height;   /* the canvas size in cells (width >= 20, height >= 5) */
    bool ascii;          /* draw with ASCII characters only */
    bool mono;           /* no colour will show: shades and line patterns
                            stand in for colour (heatmap cells, stacked
                            bars, several series); lt_figure_to_text sets
                            it for LT_COLOR_NONE */
} lt_text_opts;

/* The size a figure takes in the terminal: width = min(term_width, 100)
 * unless the figure's text_width hint says otherwise; height from the
 * hint, else 2/5 of the width clamped to 12..24 rows plus the lines of
 * titles, legend and caption, and rows * that for facets. */
void lt_text_size(const lt_figure *f, int term_width, int *width, int *height);

/* Draw f on a new canvas.  NULL with lt_errmsg on failure: an empty figure
 * ("plot: nothing to draw (...)"), a bad scale (log axis and non-positive
 * values), allocation. */
lt_canvas *lt_render_text(const lt_figure *f, const lt_text_opts *o);

/* Convenience for printing: lt_render_text then lt_canvas_to_ansi.
 * malloc'd, or NULL with lt_errmsg. */
char *lt_figure_to_text(const lt_figure *f, const lt_text_opts *o,
                        lt_color_mode mode, size_t *len);

#endif
