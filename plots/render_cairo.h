/* The Cairo renderer: the same figure as render_text.h draws, with
 * antialiasing, real fonts (Cairo's toy text API, sans-serif; every text
 * measurement goes through one function so pango can replace it), margins
 * computed from the measured labels, hairline grid lines at the ticks, and
 * sizes that follow the DPI: fonts and line widths are in points (1/72
 * inch), so the same figure at dpi 300 is the dpi-100 figure with finer
 * detail.  A page smaller than 240 x 160 points is drawn as that page
 * scaled down, a thumbnail with every element in proportion.  Names of
 * many categories are set smaller (down to 6.5pt; on both axes of a
 * heatmap alike) before every other one is dropped; values of bars
 * (LT_TEXT_AFTER) likewise, in a size that fits the bars' spacing, on
 * white over grid lines; a value inside a bar thinner than its text sits
 * on a tag of the bar's colour.  A horizontal bar past the end of its
 * axis is broken by a white slanted gap before its end.  A figure with an aspect (figure.h) is laid out
 * in a box of that shape centred on the page.
 *
 * Files: the format comes from the extension (.png, .svg, .pdf, any case);
 * the file is written to a temporary name in the same directory and renamed
 * over the target, so a failure never leaves a partial file. */
#ifndef LT_RENDER_CAIRO_H
#define LT_RENDER_CAIRO_H

#include <stddef.h>
#include <stdint.h>

#include "figure.h"

typedef struct lt_raster_opts {
    int width, height;   /* pixels (default 1200 x 750); SVG and PDF pages
                            are width/dpi by height/dpi inches */
    double dpi;          /* default 150 */
} lt_raster_opts;

void lt_raster_opts_init(lt_raster_opts *o);

/* In each function below, o may be NULL for the defaults. */

/* Write f to path (.png, .svg or .pdf).  0, or LT_EINVAL (unknown
 * extension, bad size, empty figure, bad scale) / LT_EIO (with the file
 * name and the system's reason) / LT_ENOMEM, with lt_errmsg. */
int lt_render_cairo_file(const lt_figure *f, const char *path,
                         const lt_raster_opts *o);

/* f as a PNG in memory (for inline terminal images): *png malloc'd, *len
 * bytes.  0 or an error as above. */
int lt_render_cairo_png(const lt_figure *f, const lt_raster_opts *o,
                        unsigned char **png, size_t *len);

/* f as pixels: *rgba malloc'd, width * height * 4 bytes, R G B A per pixel,
 * not premultiplied, rows top-down (for sixel).  0 or an error as above. */
int lt_render_cairo_rgba(const lt_figure *f, const lt_raster_opts *o,
                         uint8_t **rgba);

/* Where f's panel `panel` is plotted at these options: the plotting area
 * in pixels from the image's top-left corner (data maps into it through
 * the panel's scales, scale.h).  For tests and pointer lookups.  0, or an
 * error as above (LT_EINVAL also for a panel out of range). */
int lt_render_cairo_area(const lt_figure *f, const lt_raster_opts *o, size_t panel,
                         double *x, double *y, double *w, double *h);

#endif
