/* Frames: an ordered set of named columns of one length.
 *
 * A frame holds one reference to each of its columns; columns are
 * immutable, so frames derived by select/rename/slice share them.  Frame
 * functions never modify their input: every verb returns a new frame (NULL
 * with lt_errmsg on failure) that the caller frees with lt_frame_free. */
#ifndef LT_FRAME_H
#define LT_FRAME_H

#include "column.h"

typedef struct lt_frame {
    int64_t nrow;
    int ncol;
    int cap;
    lt_col **cols;
    char **names;
} lt_frame;

lt_frame *lt_frame_new(void);
void lt_frame_free(lt_frame *f);   /* NULL is a no-op */

/* Append a column under `name`, taking a new reference to c.  Fails
 * (LT_EINVAL) on a duplicate or empty name, (LT_ELENGTH) when c's length
 * differs from the frame's rows (the first column sets the row count). */
int lt_frame_add(lt_frame *f, const char *name, lt_col *c);

/* Index of the column `name`, or -1. */
int lt_frame_index(const lt_frame *f, const char *name);
/* The column `name` (borrowed), or NULL. */
lt_col *lt_frame_col(const lt_frame *f, const char *name);
/* The closest existing column name to `name` by edit distance, or NULL
 * when none is close: for "did you mean" messages. */
const char *lt_frame_suggest(const lt_frame *f, const char *name);

/* Shallow copy: same columns, new references. */
lt_frame *lt_frame_copy(const lt_frame *f);
/* Columns idx[0..n) in that order (indexes 0-based; duplicates rejected). */
lt_frame *lt_frame_select(const lt_frame *f, const int *idx, int n);
/* The same frame with column i renamed. */
lt_frame *lt_frame_rename(const lt_frame *f, int i, const char *name);
/* Rows [off, off+len), clamped to the frame. */
lt_frame *lt_frame_slice(const lt_frame *f, int64_t off, int64_t len);
/* Rows idx[0..n) (0-based, each in range). */
lt_frame *lt_frame_take(const lt_frame *f, const int64_t *idx, int64_t n);
/* Columns of a then of b; equal row counts and distinct names required. */
lt_frame *lt_frame_bind_cols(const lt_frame *a, const lt_frame *b);

/* Approximate bytes held by the columns. */
size_t lt_frame_bytes(const lt_frame *f);

#endif
