/* The panes' rectangles (layout.h). */
#include "layout.h"

#include <string.h>

#define WIDE_COLS 120
#define MIN_COLS 60
#define MIN_ROWS 16

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void place(lt_layout *l, lt_pane p, lt_rect r)
{
    l->shown[p] = r.w > 0 && r.h > 0;
    if (l->shown[p])
        l->pane[p] = r;
}

void lt_layout_compute(int width, int height, int zoom, lt_layout *l)
{
    memset(l, 0, sizeof *l);
    width = width < 1 ? 1 : width;
    height = height < 2 ? 2 : height;
    int rows = height - 1;   /* above the status bar */
    l->status = (lt_rect){0, rows, width, 1};
    if (zoom >= 0 && zoom < LT_PANE_N) {
        place(l, (lt_pane)zoom, (lt_rect){0, 0, width, rows});
        return;
    }
    if (width < MIN_COLS || height < MIN_ROWS) {
        place(l, LT_PANE_CONSOLE, (lt_rect){0, 0, width, rows});
        return;
    }
    if (width >= WIDE_COLS && height >= 24) {
        int left = clamp(width / 2, 60, width - 50);
        int right_x = left + 1;
        int right_w = width - right_x;
        int plot_h = clamp(rows * 3 / 5, 8, rows - 6);
        place(l, LT_PANE_CONSOLE, (lt_rect){0, 0, left, rows});
        l->rule = (lt_rect){left, 0, 1, rows};
        place(l, LT_PANE_PLOT, (lt_rect){right_x, 0, right_w, plot_h});
        place(l, LT_PANE_INSPECTOR, (lt_rect){right_x, plot_h, right_w, rows - plot_h});
        return;
    }
    int bottom = clamp(rows * 2 / 5, 7, rows - 6);
    int top = rows - bottom;
    int insp_w = clamp(width * 3 / 10, 24, 40);
    int plot_w = width - insp_w - 1;
    place(l, LT_PANE_CONSOLE, (lt_rect){0, 0, width, top});
    place(l, LT_PANE_PLOT, (lt_rect){0, top, plot_w, bottom});
    l->rule = (lt_rect){plot_w, top, 1, bottom};
    place(l, LT_PANE_INSPECTOR, (lt_rect){plot_w + 1, top, insp_w, bottom});
}
