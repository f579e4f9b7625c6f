/* The frame grid: view(df) full screen, in the manner of VisiData.
 *
 * A grid is a stack of sheets; the first shows the frame given to
 * lt_grid_new and q pops back.  Sheet kinds:
 *   rows       a frame's rows (the first sheet; filters push more);
 *   frequency  the values of one column with their count, percent and a
 *              bar proportional to the count, most frequent first
 *              (missing values as one row "NA"); Enter on a value pushes
 *              the rows having it;
 *   describe   one row per column of the frame (lt_frame_describe);
 *              Enter jumps to that column in the sheet below.
 *
 * Screen, top to bottom: the header row (column names, bold; the current
 * column in the accent colour) and the type row (<f64> <str>, dim), both
 * frozen; the rows, with row numbers frozen at the left, the cursor row
 * highlighted and the current cell in reverse video (visible without
 * colour); the status row: the sheet's Lua expression, "row 12/7043",
 * "col 3/20", and key hints, or a prompt, or a message (errors in red).
 * Column widths fit the content: the name, the type and the values of the
 * first 1000 rows and of the rows on screen, at most 40 cells (longer
 * strings end in "…"); numbers right-aligned.  Only cells on screen are
 * formatted (lt_value_format), so a frame of millions of rows scrolls as
 * fast as one of ten.  Display widths come from utf8proc: CJK and emoji
 * take two cells, combining marks none.
 *
 * Keys:
 *   arrows, h j k l     move the cursor a cell
 *   PgUp/PgDn, space    a page up/down
 *   Home/End, g/G       first/last row
 *   ^ / $               first/last column
 *   [ / ]               sort the sheet by the current column ascending /
 *                       descending (stable, missing last: lt_frame_sort)
 *   /  n  N             search the current column for text (substring of
 *                       the shown value, case-insensitive) forward from
 *                       the cursor; next / previous match, wrapping
 *   f                   quick filter: a prompt for a condition in the
 *                       syntax of df:filter (core/expr.h), prefilled with
 *                       `name == value` of the current cell; Enter pushes
 *                       a rows sheet of the matching rows
 *   F                   the frequency sheet of the current column
 *   I                   the describe sheet of the frame
 *   s                   a box over the grid with the summary of the
 *                       current column (count, missing, unique, mean, sd,
 *                       min, quartiles, max; for str/bool/time the top
 *                       values); any key closes it
 *   Enter               see frequency and describe above
 *   q, Esc              pop the sheet; on the first, LT_W_CLOSE
 *   mouse               wheel scrolls, a click moves the cursor
 *
 * Every action that changes what is shown is recorded as the Lua that
 * shows the same, an expression of the first sheet's expression, for the
 * host to put in the console history (lt_grid_take_record):
 *   view(churn:sort"tenure")            view(churn:sort(desc"tenure"))
 *   view(churn:filter"contract == 'One year'")
 *   view(churn.contract:counts())       view(churn:describe())
 *   view(churn:filter"tenure > 12":sort(desc"monthly_charges"))
 * A sort replaces the sheet's previous sort in the expression.  Column
 * names that are not Lua names, or are in opts.reserved, are written
 * df:col"name"; strings in the filter text are quoted so that the filter
 * finds exactly the value (quotes and backslashes escaped), numbers with
 * the digits that read back as the same double, a missing value as
 * is_na(name). */
#ifndef LT_GRID_H
#define LT_GRID_H

#include <stdint.h>

#include "frame.h"
#include "widget.h"

typedef struct lt_grid_opts {
    /* Names that must be written df:col"name" in recorded Lua (the
     * frame's method names, which win over columns); NULL-terminated,
     * may be NULL. */
    const char *const *reserved;
} lt_grid_opts;

typedef struct lt_grid lt_grid;

/* A grid on f (the grid takes its own reference to f's columns), whose
 * Lua expression is `expr` ("churn"; copied).  opts may be NULL.  NULL
 * with lt_errmsg without memory. */
lt_grid *lt_grid_new(const lt_frame *f, const char *expr, const lt_grid_opts *opts);
lt_widget *lt_grid_widget(lt_grid *g);   /* lt_widget_free frees g */

/* The Lua line recorded by the last action (malloc'd, the caller frees),
 * or NULL; each record is taken once.  on_key returns LT_W_ACTION when
 * there is one. */
char *lt_grid_take_record(lt_grid *g);

/* State, for tests and the status bar. */
int lt_grid_depth(const lt_grid *g);                 /* sheets on the stack */
const lt_frame *lt_grid_frame(const lt_grid *g);     /* the top sheet's frame */
const char *lt_grid_expr(const lt_grid *g);          /* the top sheet's Lua */
void lt_grid_cursor(const lt_grid *g, int64_t *row, int *col);   /* 0-based */

#endif
