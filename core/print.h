/* Text rendering of frames, columns and values, as R's tibble prints them:
 * column names and types up front, small frames in full, large ones as
 * head and tail, columns elided to fit the width, numbers right-aligned
 * on their decimal point, missing as NA, strings measured in display cells
 * (UTF-8 aware).  Only the rows shown are formatted, so printing a huge
 * frame is as fast as printing a small one.
 *
 *          id       x word
 *       <i64>   <f64> <str>
 *    1      0   0.000 alpha
 *    2      1   0.125 beta
 *    …      …       … …
 *  999 996004 124.750 gamma
 * 1000 998001 124.875 delta
 * # 1000 rows x 5 cols
 * # … 2 more columns: when <datetime>, ok <bool>
 *
 * Doubles follow R's print: each shown value needs at most `sigfig`
 * significant digits; a column is written in fixed notation with the
 * decimals common to its shown values (the extra zeros dimmed when colour
 * is on), or in scientific notation when that is narrower (1e-10,
 * 1.2e+15).  Unlike R, no digit past sigfig shows: 1234.5678 beside
 * 0.12345 prints as 1234.56800, not 1234.56780.  Integers plain, bools true/false, times as lt_time_format.
 * Strings are left-aligned and cut with "…" past 30 cells (less on narrow
 * terminals); control characters and invalid UTF-8 bytes are shown as
 * escapes (\t, \n, \x1b, \xff, \u0085), never written raw.  The output has
 * no trailing newline and lines never end in spaces.  Lines fit the width
 * unless it is too narrow for a single value. */
#ifndef LT_PRINT_H
#define LT_PRINT_H

#include "frame.h"

typedef struct lt_print_opts {
    int width;        /* terminal width in cells (default 80; less than 20 counts as 20) */
    int64_t max_rows; /* frames with more rows show head and tail (default 20) */
    int head_rows;    /* rows shown at each end then (default 5) */
    int sigfig;       /* significant digits for doubles (default 7, as R; at most 17;
                         <= 0: the fewest that read back as the same double) */
    bool color;       /* ANSI: dim types, row numbers and padding zeros, NA in
                         red (default false) */
} lt_print_opts;

void lt_print_opts_init(lt_print_opts *o);

/* A frame as above: names and types, the rows (all of them up to max_rows,
 * else head_rows at each end around a row of "…"), the line
 * "# <nrow> rows x <ncol> cols" ("1 row", "1 col" in the singular), and
 * the columns that did not fit the width listed with their types.  opts
 * may be NULL for the defaults.  A malloc'd string (caller frees), NULL on
 * allocation failure. */
char *lt_frame_format(const lt_frame *f, const lt_print_opts *o);
/* A column as a compact vector on up to 3 lines of the width, values
 * padded to a common width as R prints vectors, strings in quotes:
 * "<i64[7043]>  1 34  2 45 … (3 NA)" — the "…" when values are left out,
 * the count of missing values of the whole column when there are any.
 * opts may be NULL; malloc'd as lt_frame_format. */
char *lt_col_format(const lt_col *c, const lt_print_opts *o);
/* Value i (0-based) alone, as in a frame but uncut ("NA" when missing;
 * sigfig as in lt_print_opts), into buf like snprintf: at most cap - 1
 * bytes and a NUL, never cutting a UTF-8 sequence.  Returns the length of
 * the whole text; 0 with LT_EINVAL when i is out of range. */
size_t lt_value_format(const lt_col *c, int64_t i, int sigfig, char *buf, size_t cap);

/* Display width in terminal cells of UTF-8 s[0..len): characters by
 * utf8proc_charwidth (combining marks 0, East Asian wide 2), invalid bytes
 * 1, ANSI CSI sequences (colour codes) 0. */
int lt_display_width(const char *s, size_t len);

/* The count v with thousands separators, "1,234,567" ("-1,234" below
 * 0), into buf: at most cap - 1 bytes and a NUL (cut at the end when
 * cap is short; 32 bytes always suffice).  Returns buf. */
const char *lt_count_format(int64_t v, char *buf, size_t cap);

/* The share count / total as a percentage with one decimal into buf
 * (16 bytes suffice): "0%" for none, "100%" for all, "<0.1%" and
 * ">99.9%" for what would round to those, else "33.3%".  total > 0. */
void lt_share_format(int64_t count, double total, char *buf, size_t cap);

#endif
