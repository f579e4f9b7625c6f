/* Figures: what to draw, independent of where it is drawn.
 *
 * A figure is a grid of panels (one panel unless faceted: nrow x ncol,
 * panels in row-major order); each panel has an x and a y axis and a list
 * of layers drawn in order, later layers on top.  Layers own copies of
 * their data in data coordinates, so a figure outlives the frames it came
 * from:
 *   - numbers as doubles; NaN in a coordinate skips that element (a line
 *     breaks there);
 *   - times as microseconds since 1970 (a double: exact up to year 287396)
 *     on an LT_SCALE_TIME axis;
 *   - categories as positions 0 .. ncat-1 on an LT_SCALE_CATEGORY axis,
 *     whose names the axis holds.  On a categorical y axis position 0 is at
 *     the top (heatmaps, horizontal bars read top-down), elsewhere up and
 *     right grow with the value.
 * Statistics (histogram bins, densities, box statistics) are computed by
 * plots/stats.h into these layers; the renderers (render_text.h,
 * render_cairo.h) only read figures, through plots/scale.h for axes.
 *
 * Building: lt_figure_new, then lt_panel_add_* per layer, which copy their
 * inputs and return the new layer (its style fields can then be set) or
 * NULL with lt_errmsg on allocation failure.  Strings are copied too. */
#ifndef LT_FIGURE_H
#define LT_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "column.h"
#include "palette.h"

typedef enum lt_layer_kind {
    LT_LAYER_LINE,     /* polyline through (x[i], y[i]) */
    LT_LAYER_STEP,     /* y[i] holds from x[i] to x[i+1] (R's type = "s") */
    LT_LAYER_POINTS,   /* a marker at each (x[i], y[i]) */
    LT_LAYER_RECT,     /* rectangles [x0,x1] x [y0,y1]: bars (grouped,
                          stacked), histograms */
    LT_LAYER_BAND,     /* the area between y0[i] and y1[i] along x[i] */
    LT_LAYER_BOX,      /* box-and-whisker per position x[i] (box[i]) */
    LT_LAYER_HEATMAP,  /* a grid of coloured cells on two categorical axes */
    LT_LAYER_TEXT,     /* text[i] centred at (x[i], y[i]) */
    LT_LAYER_HLINE,    /* reference lines y = y[i] across the panel */
    LT_LAYER_VLINE,    /* reference lines x = x[i] */
} lt_layer_kind;

/* One box of a box plot, as R's boxplot.stats gives it. */
typedef struct lt_box_stats {
    double lo_whisker, q1, median, q3, hi_whisker;
    size_t nout;
    double *out;       /* outliers (owned) */
} lt_box_stats;

#define LT_COLOR_AUTO (-1)

/* How a TEXT layer sits on its anchors. */
typedef enum lt_text_align {
    LT_TEXT_CENTRE,    /* centred on the anchor (the default) */
    LT_TEXT_AFTER      /* the value of a horizontal bar ending at the
                          anchor: starting just right of it (and of any
                          longer bar beside it); where that would run
                          past the plotting area, ending just left of it
                          instead, inside the bar, in a colour that
                          contrasts with the bar's.  Labels are
                          placed in order; one that would overlap a label
                          placed before is left out, and while the names
                          of a categorical y axis are thinned only the
                          labels at named categories (y rounded) are
                          drawn, so that a value never stands beside
                          another category's name.  A page sets them
                          smaller (down to 6pt) before leaving any out. */
} lt_text_align;

typedef struct lt_layer {
    lt_layer_kind kind;
    char *label;       /* legend entry; NULL keeps the layer out of the legend */
    int color;         /* category colour index (palette.h); LT_COLOR_AUTO
                          takes the panel's next unused one when added */
    double alpha;      /* opacity 0..1 (default 1; bands 0.25) */
    double width;      /* line width / marker size factor (default 1) */
    bool dashed;       /* lines: dashed (default: reference lines only) */
    bool horizontal;   /* RECT: bars grow along x (default: along y);
                          a horizontal bar running past the end of the
                          x axis (+Inf too) is drawn to the edge with a
                          break mark: » in its last cell in the terminal,
                          a white slanted gap before its end on a page;
                          its LT_TEXT_AFTER label goes inside, before the
                          mark */
    lt_text_align align; /* TEXT: where the text sits on its anchor */

    size_t n;          /* elements: points, rectangles, boxes, labels, lines */
    double *x, *y;     /* LINE, STEP, POINTS, TEXT, BAND (x only), BOX (x),
                          HLINE (y only), VLINE (x only) */
    double *x0, *x1;   /* RECT */
    double *y0, *y1;   /* RECT, BAND */
    char **text;       /* TEXT */
    lt_box_stats *box; /* BOX */

    /* HEATMAP: z[r * ncol + c] is the cell at x position c, y position r
     * (row 0 at the top); cell_text (NULL or nrow*ncol strings, NULL
     * entries allowed) is written centred in the cells, in a colour that
     * contrasts with the cell's.  A text of one line is cut to its cell.
     * A text may hold up to LT_CELL_LINES_MAX lines separated by '\n' (a
     * count over a percentage): every cell then shows the same lines,
     * whole, with a cell to spare between neighbours in the terminal: all
     * of them when they fit every cell, else the first line that fits
     * every cell alone, else the first line in the cells where it fits. */
    int nrow, ncol;
    double *z;
    char **cell_text;
    lt_colormap cmap;
    double zlo, zhi;   /* colour limits (NaN: the data's range; a diverging
                          map is centred on 0 by default) */
} lt_layer;

typedef enum lt_scale_kind {
    LT_SCALE_LINEAR, LT_SCALE_LOG, LT_SCALE_TIME, LT_SCALE_CATEGORY
} lt_scale_kind;

typedef struct lt_axis {
    lt_scale_kind scale;
    lt_time_kind tkind;     /* TIME: label ticks as dates or datetimes */
    char *label;            /* axis title, NULL for none */
    double lo, hi;          /* user limits; NaN = from the data */
    bool zero;              /* the automatic range includes 0 (bars) */
    int ncat;               /* CATEGORY: names of positions 0..ncat-1 */
    char **cats;
    char **more;            /* CATEGORY, y axis: NULL, or ncat notes for
                               a terminal too short.  Where the text
                               renderer has fewer rows than categories, it
                               keeps the first k (a row each, k >= 1: put
                               the ones that matter first), drops the
                               elements at the others and adds more[k] to
                               the caption ("7 more columns not shown, all
                               below the threshold"); more[0] is unused.
                               Without notes, categories share rows. */
} lt_axis;

typedef struct lt_panel {
    char *title;            /* facet title, NULL for none */
    lt_axis x, y;
    size_t nlayer;
    lt_layer *layers;
    int next_color;         /* next LT_COLOR_AUTO colour */
} lt_panel;

typedef enum lt_legend_pos {
    LT_LEGEND_AUTO,         /* inside, in the emptiest corner of the data;
                               outside on the right when no corner is free */
    LT_LEGEND_NONE,
    LT_LEGEND_TOP_LEFT, LT_LEGEND_TOP_RIGHT,
    LT_LEGEND_BOTTOM_LEFT, LT_LEGEND_BOTTOM_RIGHT,
    LT_LEGEND_RIGHT,        /* outside, right of the panels */
    LT_LEGEND_BOTTOM,       /* outside, below the panels */
} lt_legend_pos;

typedef struct lt_figure {
    char *title, *subtitle;
    char *caption;          /* a note under the figure ("12 missing values
                               skipped"); NULL for none */
    lt_legend_pos legend;
    int nrow, ncol;         /* facet grid; npanel <= nrow * ncol */
    size_t npanel;
    lt_panel *panels;
    /* size hints of the text renderer (0 = default): cells */
    int text_width, text_height;
    /* The shape of the plotting areas: height / width (1 for ROC curves
     * and confusion matrices; 0 fills the page).  Cairo lays the figure
     * out in a narrower (or shorter) box centred on the page so that the
     * first panel gets this shape.  The text renderer, whose cells are
     * about twice as high as wide, only narrows a figure that is too
     * wide, leaving the right of the canvas blank (it never shortens one,
     * nor narrows a heatmap, whose cells need their width for text). */
    double aspect;
} lt_figure;

/* A figure of one empty panel with linear axes, or NULL. */
lt_figure *lt_figure_new(void);
void lt_figure_free(lt_figure *f);   /* NULL is a no-op */
/* A deep copy, or NULL. */
lt_figure *lt_figure_copy(const lt_figure *f);

/* Replace a string field (title, subtitle, caption, axis labels, panel
 * titles): *slot = copy of s (NULL clears).  0 or LT_ENOMEM. */
int lt_figure_set_str(char **slot, const char *s);
/* Add `text` as a line of the caption (joined with "; ").  0 or LT_ENOMEM. */
int lt_figure_note(lt_figure *f, const char *text);

/* Facets: an empty panel appended to f (the grid grows to fit: ncol
 * stays as set by lt_figure_grid, rows are added), or NULL. */
lt_panel *lt_figure_add_panel(lt_figure *f);
/* Lay the panels out in ncol columns (rows as needed).  0 or LT_EINVAL. */
int lt_figure_grid(lt_figure *f, int ncol);
/* Move the panels of src into f after its own (src is left empty); used to
 * combine figures into facets.  0 or LT_ENOMEM. */
int lt_figure_take_panels(lt_figure *f, lt_figure *src);

/* Axis setup.  Categories: names[0..n) copied; the axis becomes
 * LT_SCALE_CATEGORY.  0 or LT_ENOMEM. */
int lt_axis_set_categories(lt_axis *a, const char *const *names, int n);
/* The notes of a categorical axis cut short (lt_axis.more): notes[0..ncat)
 * copied (NULL entries allowed); set after the categories, which clear
 * them.  0 or LT_ENOMEM. */
int lt_axis_set_more(lt_axis *a, const char *const *notes);

/* Layers.  Arrays of n values are copied. */
lt_layer *lt_panel_add_xy(lt_panel *p, lt_layer_kind kind, const double *x,
                          const double *y, size_t n, const char *label);
lt_layer *lt_panel_add_rects(lt_panel *p, const double *x0, const double *x1,
                             const double *y0, const double *y1, size_t n,
                             const char *label);
lt_layer *lt_panel_add_band(lt_panel *p, const double *x, const double *lo,
                            const double *hi, size_t n, const char *label);
/* Boxes at positions x[0..n); box[i].out arrays are copied. */
lt_layer *lt_panel_add_boxes(lt_panel *p, const double *x,
                             const lt_box_stats *box, size_t n,
                             const char *label);
/* The most lines of a heatmap cell text, and the room of one line. */
enum { LT_CELL_LINES_MAX = 4, LT_CELL_LINE_BYTES = 128 };

/* z is nrow x ncol as described in lt_layer; cell_text may be NULL. */
lt_layer *lt_panel_add_heatmap(lt_panel *p, const double *z, int nrow,
                               int ncol, const char *const *cell_text,
                               lt_colormap cmap);
lt_layer *lt_panel_add_text(lt_panel *p, const double *x, const double *y,
                            const char *const *text, size_t n);
/* kind LT_LAYER_HLINE (values are y) or LT_LAYER_VLINE (values are x). */
lt_layer *lt_panel_add_refs(lt_panel *p, lt_layer_kind kind, const double *v,
                            size_t n, const char *label);
/* The layer l just added to p (NULL passes through) in colour c instead
 * of the next one of the cycle, which it gives back; LT_COLOR_AUTO is the
 * neutral grey of chrome.  A layer outside the cycle stays as it is.
 * Returns l. */
lt_layer *lt_panel_recolor(lt_panel *p, lt_layer *l, int c);

/* Panel data bounds along x (axis 0) or y (axis 1): the smallest and
 * largest finite coordinates of every layer (rectangle edges, band limits,
 * whiskers and outliers, heatmap cells as +-0.5 around their positions,
 * reference lines; text anchors).  Only positive values count when
 * `positive` (for a log axis), and *nonpos gets how many were skipped.
 * Returns false when there is no finite value. */
bool lt_panel_bounds(const lt_panel *p, int axis, bool positive,
                     double *lo, double *hi, size_t *nonpos);

/* Does the figure have anything to show (a layer with at least one
 * element)? */
bool lt_figure_is_empty(const lt_figure *f);

/* The lines of a heatmap cell text s ('\n' between them; NULL has none):
 * up to LT_CELL_LINES_MAX, each copied into line[i], cut at a character
 * boundary to fit.  Returns how many.  (Both renderers lay the lines out
 * from these.) */
int lt_figure_cell_lines(const char *s, char line[][LT_CELL_LINE_BYTES]);

#endif
