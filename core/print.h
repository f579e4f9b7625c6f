/* Text rendering of frames, columns and values, as R's tibble prints them:
 * a size line and column types up front, small frames in full, large ones
 * as head and tail, columns elided to fit the width, numbers right-aligned
 * on their decimal point, missing as NA, strings measured in display cells
 * (UTF-8 aware).  Only the rows shown are formatted, so printing a huge
 * frame is as fast as printing a small one. */
#ifndef LT_PRINT_H
#define LT_PRINT_H

#include "frame.h"

typedef struct lt_print_opts {
    int width;        /* terminal width in cells (default 80) */
    int64_t max_rows; /* frames with more rows show head and tail (default 20) */
    int head_rows;    /* rows shown at each end then (default 5) */
    int sigfig;       /* significant digits for doubles (default 7, as R) */
    bool color;       /* ANSI: dim types and NA, emphasise digits (default false) */
} lt_print_opts;

void lt_print_opts_init(lt_print_opts *o);

/* A malloc'd string (caller frees), NULL on allocation failure. */
char *lt_frame_format(const lt_frame *f, const lt_print_opts *o);
/* A column as a compact vector: "<i64[7043]> 1 34 2 45 ... (3 NA)". */
char *lt_col_format(const lt_col *c, const lt_print_opts *o);
/* Value i alone ("NA" when missing), in buf; returns the length. */
size_t lt_value_format(const lt_col *c, int64_t i, int sigfig, char *buf, size_t cap);

/* Display width in terminal cells of UTF-8 s[0..len). */
int lt_display_width(const char *s, size_t len);

#endif
