/* What the files of the grid share (grid.c: sheets, keys and drawing;
 * grid_lua.c: the Lua recorded for each action).  Not a public header. */
#ifndef LT_GRID_PRIV_H
#define LT_GRID_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "frame.h"
#include "grid.h"
#include "lineedit.h"

/* A growing string; after an allocation failure it stays empty with oom
 * set, so callers check once at the end. */
typedef struct gbuf {
    char *p;
    size_t len, cap;
    bool oom;
} gbuf;

void gb_put(gbuf *b, const char *s, size_t n);
void gb_puts(gbuf *b, const char *s);
void gb_printf(gbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string (caller frees), or NULL with lt_errmsg when out of memory. */
char *gb_finish(gbuf *b);

/* `expr.name` when name can follow a dot in Lua (a name that is neither
 * a keyword nor in the NULL-terminated `reserved`), else `expr:col"name"`. */
char *grid_lua_col(const char *expr, const char *name, const char *const *reserved);
/* `expr:sort"name"` or `expr:sort(desc"name")`. */
char *grid_lua_sort(const char *expr, const char *name, bool desc);
/* `expr:filter"cond"`, cond quoted as a Lua string. */
char *grid_lua_filter(const char *expr, const char *cond);
/* The condition, in the syntax of lt_expr_parse, that holds exactly on
 * the rows whose value in a column named `name` equals value i of c:
 * "contract == 'One year'", "x == 0.1", "x == -1/0", "is_na(x)". */
char *grid_filter_eq(const lt_col *c, int64_t i, const char *name);

/* ---- the grid's state (grid.c), drawn by grid_draw.c ------------------ */

enum { SHEET_ROWS, SHEET_FREQ, SHEET_DESCRIBE };

enum {
    GRID_MAX_CELL = 40,     /* widest column, in cells */
    GRID_FIT_ROWS = 1000,   /* rows measured when a column is first shown */
    GRID_SIGFIG = 7,        /* significant digits of doubles, as R prints */
    GRID_BAR_MAX = 40,      /* widest frequency bar */
    GRID_WHEEL = 3          /* rows per mouse wheel step */
};

/* A column's fitted width: what the values measured so far need.  Only
 * grows, so that columns do not jump while scrolling back. */
typedef struct colfit {
    bool fitted;          /* the first rows were measured */
    int w;                /* cells, at most GRID_MAX_CELL */
    int lw, rw;           /* f64: widest integer part, widest fraction with
                             its point (of decimals; others count in w) */
    int64_t vtop, vn;     /* the visible rows last measured (vn 0: none) */
} colfit;

typedef struct sheet {
    int kind;
    lt_frame *base;       /* before the sheet's sort */
    lt_frame *frame;      /* shown: base, or base sorted (then owned apart) */
    char *bexpr, *expr;   /* the Lua of base and of frame */
    int sort_col;         /* -1: unsorted */
    bool sort_desc;
    int64_t row, top;     /* cursor row, first row on screen */
    int col, left;        /* cursor column, first column on screen */
    colfit *fit;          /* per column of frame */
    int below;            /* FREQ, DESCRIBE: index of the sheet Enter acts on */
    char *fname;          /* FREQ: the counted column's name in that sheet */
    int64_t ftotal, fmax; /* FREQ: the rows counted, the largest count */
} sheet;

enum { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER };

/* One line of the summary box: a label and its value. */
typedef struct boxline {
    char *label, *value;
} boxline;

struct lt_grid {
    lt_widget base;
    sheet **st;
    int depth, cap;
    char **reserved;      /* NULL-terminated copy of opts->reserved */
    char *record;         /* pending Lua line */
    lt_lineedit *search_ed, *filter_ed;
    int prompt;           /* PROMPT_* */
    int prompt_x;         /* the prompt's cursor column at the last draw */
    char *pattern;        /* the last search, casefolded */
    char *msg;            /* shown in the status row until the next key */
    bool msg_err;
    char *box_title;      /* the summary box, when open */
    boxline *box;
    int nbox;
    int *xcol;            /* the last draw: frame column under each x, -1 none */
    int xcol_w;
    char *fbuf;           /* formatting buffer of cell_text */
    size_t fcap;
};

/* The rows of data shown for a widget height. */
static inline int grid_data_rows(int h) { return h > 3 ? h - 3 : 0; }

/* Value i of c as shown (lt_value_format, uncut), valid until the next
 * call; "" when out of memory. */
const char *grid_cell_text(lt_grid *g, const lt_col *c, int64_t i);
/* Whether text contains the casefolded pattern, ignoring case. */
bool grid_match(const char *text, const char *folded_pattern);
/* Keep the cursor row on screen for `rows` rows of data. */
void grid_scroll_to_cursor(sheet *s, int rows);

void grid_draw(lt_grid *g, lt_canvas *c);

#endif
