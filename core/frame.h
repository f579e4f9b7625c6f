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

/* The rows of fs[0], then of fs[1] ... (n >= 0 frames; none gives an
 * empty frame), as dplyr's bind_rows: columns are matched by name, the
 * result has the union of the names in the order of first appearance, and
 * a column absent from a frame is missing on that frame's rows.  Types:
 * equal types stay; numbers promote bool < i64 < f64 (as core/ops.h); date
 * with datetime gives datetime; str columns on different dictionaries are
 * merged (the first one's codes kept, the others remapped), on one shared
 * dictionary they keep it.  Any other mix is LT_ETYPE naming the column,
 * the two types and the frames (1-based): "concat: column 'x' is str in
 * frame 1 and f64 in frame 2; expected one type, numbers or times".  An
 * all-missing column gets no exemption. */
lt_frame *lt_frame_concat(const lt_frame *const *fs, int n);

/* The rows of f without a missing value in any of the columns
 * cols[0..ncols) (indexes; all columns when ncols == 0), in order.  With
 * nothing to drop, the result shares f's columns. */
lt_frame *lt_frame_drop_na(const lt_frame *f, const int *cols, int ncols);

/* Approximate bytes held by the columns. */
size_t lt_frame_bytes(const lt_frame *f);

#endif
