/* Lines of styled text as the console and the pager keep them: each line
 * its text (UTF-8, as shown: tabs expanded, control characters as ^X)
 * and runs of attributes, in a ring that drops the oldest line past a
 * limit.  Lines wrap at a width, wide characters never split across
 * rows; a line's row count is cached for the last width asked, so that
 * a view of a long scrollback lays out only the lines it shows.  Also
 * case-insensitive search, and drawing rows with the matches marked. */
#ifndef LT_TEXTBUF_H
#define LT_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ansi.h"

typedef struct lt_textbuf lt_textbuf;

/* A buffer keeping up to max_lines lines (>= 1); NULL without memory. */
lt_textbuf *lt_textbuf_new(int max_lines);
void lt_textbuf_free(lt_textbuf *b);   /* NULL is a no-op */

int lt_textbuf_count(const lt_textbuf *b);
/* The id of line 0; line i has id first_id + i for as long as it is
 * kept (ids grow as lines are added and never come back). */
int64_t lt_textbuf_first_id(const lt_textbuf *b);

/* Append a line made of cells[0..n) (right halves, ch 0, are skipped),
 * dropping the oldest when the buffer is full; or replace the newest
 * line.  0 or LT_ENOMEM (the buffer is unchanged). */
int lt_textbuf_push(lt_textbuf *b, const lt_ansi_cell *cells, int n);
int lt_textbuf_set_last(lt_textbuf *b, const lt_ansi_cell *cells, int n);
void lt_textbuf_pop(lt_textbuf *b);     /* drop the newest line */
void lt_textbuf_clear(lt_textbuf *b);   /* ids go on from where they were */

/* Line i's text (NUL-terminated) and its length in bytes. */
const char *lt_textbuf_text(const lt_textbuf *b, int i, size_t *len);

/* Rows line i takes at `width` cells (>= 1 each; an empty line is one
 * row).  A wide character in a 1-cell width takes a row of its own. */
int lt_textbuf_rows(lt_textbuf *b, int i, int width);
/* The row and column at which byte `at` of line i is shown (at the end
 * of the text: where a character appended would go, which is the next
 * row when the last is full). */
void lt_textbuf_locate(const lt_textbuf *b, int i, size_t at, int width, int *row, int *col);
/* The byte at which row `row` of line i starts at `width` (the length
 * of the text past its last row). */
size_t lt_textbuf_row_start(const lt_textbuf *b, int i, int row, int width);

/* A search string, case-folded code point by code point. */
typedef struct lt_textbuf_query {
    uint32_t *cp;
    int n;
} lt_textbuf_query;

/* Set q to text (NULL or "" matches nothing); 0 or LT_ENOMEM. */
int lt_textbuf_query_set(lt_textbuf_query *q, const char *text);
void lt_textbuf_query_fini(lt_textbuf_query *q);

/* The first match in line i (the last with `last`) that starts at a byte
 * in [from, to): true with its bytes in [*start, *end). */
bool lt_textbuf_find(const lt_textbuf *b, int i, const lt_textbuf_query *q, size_t from,
                     size_t to, bool last, size_t *start, size_t *end);

/* What to mark while drawing: every match of q (may be NULL), and the
 * current one, bytes [cur_start, cur_end) of the line (empty: none). */
typedef struct lt_textbuf_marks {
    const lt_textbuf_query *q;
    size_t cur_start, cur_end;
} lt_textbuf_marks;

/* Draw rows [row0, row0 + nrows) of line i, wrapped at `width`, from
 * (x, y) of c, one canvas row per row.  Matches have the match
 * background and an underline, the current match is reverse and bold in
 * the accent colour (both show without colour). */
void lt_textbuf_draw(const lt_textbuf *b, int i, int row0, int nrows, int width,
                     lt_canvas *c, int x, int y, const lt_textbuf_marks *m);

#endif
