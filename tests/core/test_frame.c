/* Frames: adding, selecting, renaming, slicing, taking, binding. */
#include "error.h"
#include "frame.h"
#include "tap.h"

static lt_frame *sample(void)
{
    int64_t a[] = { 1, 2, 3, 4 };
    double b[] = { 0.5, 1.5, 2.5, 3.5 };
    const char *s[] = { "x", "y", NULL, "x" };
    lt_frame *f = lt_frame_new();
    lt_col *ca = lt_col_from_i64(a, NULL, 4), *cb = lt_col_from_f64(b, 4),
           *cs = lt_col_from_strs(s, NULL, 4);
    lt_frame_add(f, "a", ca);
    lt_frame_add(f, "b", cb);
    lt_frame_add(f, "tenure", cs);
    lt_col_unref(ca);
    lt_col_unref(cb);
    lt_col_unref(cs);
    return f;
}

int main(void)
{
    lt_frame *f = sample();
    ok(f->nrow == 4 && f->ncol == 3, "4 rows x 3 cols");
    is_int(f->cols[0]->refs, 1, "the frame holds the only reference");
    is_int(lt_frame_index(f, "b"), 1, "index of b");
    ok(lt_frame_col(f, "zz") == NULL, "unknown column is NULL");
    is_str(lt_frame_suggest(f, "tenur"), "tenure", "suggestion for a typo");
    is_str(lt_frame_suggest(f, "TENURE"), "tenure", "suggestion for a case slip");
    ok(lt_frame_suggest(f, "monthly_charges") == NULL, "no suggestion for an unrelated name");

    double three[] = { 1, 2, 3 };
    lt_col *c3 = lt_col_from_f64(three, 3);
    is_int(lt_frame_add(f, "c", c3), LT_ELENGTH, "adding a column of another length fails");
    is_str(lt_errmsg(), "column 'c' has 3 values, expected 4 (the frame's rows)", "and says why");
    is_int(lt_frame_add(f, "a", f->cols[1]), LT_EINVAL, "duplicate name fails");
    is_int(lt_frame_add(f, "", f->cols[1]), LT_EINVAL, "empty name fails");
    lt_col_unref(c3);

    int idx[] = { 2, 0 };
    lt_frame *s = lt_frame_select(f, idx, 2);
    ok(s->ncol == 2 && s->cols[0] == f->cols[2] && s->nrow == 4, "select shares columns");
    is_int(f->cols[2]->refs, 2, "a shared column has two references");
    int dup[] = { 0, 0 };
    ok(lt_frame_select(f, dup, 2) == NULL, "selecting a column twice fails");
    int none[] = { 0 };
    lt_frame *z = lt_frame_select(f, none, 0);
    ok(z->ncol == 0 && z->nrow == 4, "selecting no column keeps the rows");
    lt_frame_free(z);

    lt_frame *r = lt_frame_rename(f, 0, "alpha");
    is_str(r->names[0], "alpha", "rename");
    is_str(f->names[0], "a", "the input is untouched");
    ok(lt_frame_rename(f, 0, "b") == NULL, "renaming onto an existing name fails");

    lt_frame *sl = lt_frame_slice(f, 2, 100);
    ok(sl->nrow == 2 && lt_col_i64(sl->cols[0])[0] == 3, "slice clamps to the frame");
    lt_frame *sl0 = lt_frame_slice(f, 10, 3);
    ok(sl0->nrow == 0 && sl0->ncol == 3, "slice past the end is empty, columns kept");

    int64_t rows[] = { 3, 3, 0 };
    lt_frame *t = lt_frame_take(f, rows, 3);
    ok(t->nrow == 3 && lt_col_f64(t->cols[1])[0] == 3.5 && lt_col_f64(t->cols[1])[2] == 0.5,
       "take repeats and reorders rows");
    int64_t badrow[] = { 4 };
    ok(lt_frame_take(f, badrow, 1) == NULL, "take out of range fails");
    is_str(lt_errmsg(), "row 5 is outside a frame of 4 rows", "with a 1-based message");

    lt_frame *b = lt_frame_bind_cols(s, r);
    ok(b == NULL, "binding frames with a shared name fails");
    int one[] = { 1 };
    lt_frame *only_b = lt_frame_select(f, one, 1);
    lt_frame *ren = lt_frame_rename(only_b, 0, "b2");
    b = lt_frame_bind_cols(s, ren);
    ok(b && b->ncol == 3 && b->nrow == 4, "bind columns");
    ok(lt_frame_bind_cols(f, t) == NULL, "binding frames of different rows fails");

    ok(lt_frame_bytes(f) > 4 * (8 + 8 + 4), "bytes counts the data");

    lt_frame_free(b);
    lt_frame_free(ren);
    lt_frame_free(only_b);
    lt_frame_free(t);
    lt_frame_free(sl0);
    lt_frame_free(sl);
    lt_frame_free(r);
    lt_frame_free(s);
    lt_frame_free(f);
    lt_frame_free(NULL);
    return tap_done();
}
