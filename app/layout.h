/* Where the workbench's panes go for a terminal size: pure arithmetic,
 * so the layouts from 80x24 to wide screens are tested without one.
 *
 *   wide (>= 120 columns, >= 24 rows)    narrow (otherwise)
 *   +-----------+----------+             +----------------------+
 *   | console   | plot     |             | console              |
 *   |           |          |             |                      |
 *   |           +----------+             +-------------+--------+
 *   |           | inspector|             | plot        | insp.  |
 *   +-----------+----------+             +-------------+--------+
 *   status bar                           status bar
 *
 * The plot pane and the inspector draw their own title rows; a vertical
 * rule separates side-by-side panes.  Below 60 x 16 the console alone shows (F3 still
 * zooms the others).  A zoomed pane takes the whole screen above the
 * status bar. */
#ifndef LT_LAYOUT_H
#define LT_LAYOUT_H

#include <stdbool.h>

typedef enum lt_pane { LT_PANE_CONSOLE, LT_PANE_PLOT, LT_PANE_INSPECTOR, LT_PANE_N } lt_pane;

typedef struct lt_rect {
    int x, y, w, h;
} lt_rect;

typedef struct lt_layout {
    bool shown[LT_PANE_N];
    lt_rect pane[LT_PANE_N];
    lt_rect rule;               /* the vertical rule (w = 0 when none) */
    lt_rect status;
} lt_layout;

/* The layout of a width x height terminal (at least 1 x 1); `zoom` is a
 * pane shown alone, or -1. */
void lt_layout_compute(int width, int height, int zoom, lt_layout *out);

#endif
