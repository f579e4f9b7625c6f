/* Frames: adding, selecting, renaming, slicing, taking, binding,
 * concatenating rows and dropping rows with missing values. */
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

static void add(lt_frame *f, const char *name, lt_col *c)
{
    lt_frame_add(f, name, c);
    lt_col_unref(c);
}

static const char *str_at(const lt_frame *f, const char *col, int64_t i)
{
    const char *s = lt_col_get_str(lt_frame_col(f, col), i, NULL);
    return s ? s : "NA";
}

static void test_concat(void)
{
    int64_t ai[] = { 1, 2 };
    const char *as[] = { "x", NULL };
    lt_frame *a = lt_frame_new();
    add(a, "id", lt_col_from_i64(ai, NULL, 2));
    add(a, "s", lt_col_from_strs(as, NULL, 2));
    double bi[] = { 2.5, NAN };
    const char *bs[] = { "y", "x" };
    uint8_t be[] = { 1, 0 }, bena[] = { 0, 1 };
    lt_frame *b = lt_frame_new();
    add(b, "s", lt_col_from_strs(bs, NULL, 2));
    add(b, "id", lt_col_from_f64(bi, 2));
    add(b, "extra", lt_col_from_bool(be, bena, 2));

    const lt_frame *ab[] = { a, b };
    lt_frame *c = lt_frame_concat(ab, 2);
    ok(c && c->nrow == 4 && c->ncol == 3, "concat: 4 rows x 3 columns");
    is_str(c->names[0], "id", "names in the order of first appearance: id");
    is_str(c->names[1], "s", "then s");
    is_str(c->names[2], "extra", "then extra, from the second frame");
    const lt_col *id = c->cols[0];
    ok(id->type == LT_F64 && lt_col_f64(id)[0] == 1 && lt_col_f64(id)[1] == 2
       && lt_col_f64(id)[2] == 2.5 && isnan(lt_col_f64(id)[3]) && id->nmiss == 1,
       "i64 with f64 gives f64: 1 2 2.5 NA");
    ok(!strcmp(str_at(c, "s", 0), "x") && !strcmp(str_at(c, "s", 1), "NA")
       && !strcmp(str_at(c, "s", 2), "y") && !strcmp(str_at(c, "s", 3), "x")
       && c->cols[1]->nmiss == 1, "strings on two dictionaries: x NA y x");
    ok(lt_col_codes(c->cols[1])[0] == lt_col_codes(c->cols[1])[3]
       && lt_dict_size(c->cols[1]->dict) == 2, "merged into one dictionary, x once");
    const lt_col *ex = c->cols[2];
    ok(ex->type == LT_BOOL && ex->nmiss == 3 && lt_col_is_na(ex, 0) && lt_col_is_na(ex, 1)
       && lt_col_bool(ex)[2] == 1 && lt_col_is_na(ex, 3),
       "a column absent from the first frame is missing there: NA NA true NA");
    is_int(a->cols[0]->refs, 1, "the inputs are untouched");
    lt_frame_free(c);

    /* One shared dictionary is kept; bool with i64 gives i64. */
    lt_frame *top = lt_frame_slice(b, 0, 1), *bot = lt_frame_slice(b, 1, 1);
    const lt_frame *tb[] = { bot, top };
    c = lt_frame_concat(tb, 2);
    ok(c && c->cols[0]->dict == b->cols[0]->dict, "str columns on one dictionary share it");
    ok(!strcmp(str_at(c, "s", 0), "x") && !strcmp(str_at(c, "s", 1), "y"), "x y");
    ok(lt_col_is_na(c->cols[2], 0) && lt_col_bool(c->cols[2])[1] == 1, "bool stays bool");
    lt_frame_free(c);

    int64_t big[] = { INT64_C(9007199254740993), 0 };
    uint8_t bigna[] = { 0, 1 };
    uint8_t flags[] = { 1, 0, 1 };
    lt_frame *p = lt_frame_new(), *q = lt_frame_new(), *r = lt_frame_new();
    add(p, "v", lt_col_from_bool(flags, NULL, 3));
    add(q, "v", lt_col_from_i64(big, bigna, 2));
    double half[] = { 0.5 };
    add(r, "v", lt_col_from_f64(half, 1));
    const lt_frame *pq[] = { p, q };
    c = lt_frame_concat(pq, 2);
    const lt_col *v = c->cols[0];
    ok(v->type == LT_I64 && lt_col_i64(v)[0] == 1 && lt_col_i64(v)[1] == 0
       && lt_col_i64(v)[2] == 1 && lt_col_i64(v)[3] == INT64_C(9007199254740993)
       && lt_col_is_na(v, 4) && v->nmiss == 1,
       "bool with i64 gives i64, exact beyond 2^53, missing kept");
    lt_frame_free(c);
    const lt_frame *pr[] = { p, r };
    c = lt_frame_concat(pr, 2);
    v = c->cols[0];
    ok(v->type == LT_F64 && lt_col_f64(v)[0] == 1 && lt_col_f64(v)[1] == 0
       && lt_col_f64(v)[3] == 0.5, "bool with f64 gives f64");
    lt_frame_free(c);

    /* Times: date with date stays date; with datetime, datetime. */
    int64_t d1[] = { 0, LT_US_PER_DAY }, dt[] = { 3600 * INT64_C(1000000) };
    lt_frame *da = lt_frame_new(), *db = lt_frame_new();
    add(da, "t", lt_col_from_time(d1, NULL, 2, LT_DATE));
    add(db, "t", lt_col_from_time(dt, NULL, 1, LT_DATETIME));
    const lt_frame *dd[] = { da, da }, *ddt[] = { da, db };
    c = lt_frame_concat(dd, 2);
    ok(c->cols[0]->type == LT_TIME && c->cols[0]->tkind == LT_DATE && c->nrow == 4,
       "date with date stays date");
    lt_frame_free(c);
    c = lt_frame_concat(ddt, 2);
    ok(c->cols[0]->tkind == LT_DATETIME && lt_col_i64(c->cols[0])[1] == LT_US_PER_DAY
       && lt_col_i64(c->cols[0])[2] == 3600 * INT64_C(1000000), "date with datetime: datetime");
    lt_frame_free(c);

    /* Type mixes that fail name the column, the types and the frames. */
    lt_frame *sv = lt_frame_new();
    const char *words[] = { "w" };
    add(sv, "v", lt_col_from_strs(words, NULL, 1));
    const lt_frame *ps[] = { r, sv };
    ok(!lt_frame_concat(ps, 2), "f64 with str fails");
    is_int(lt_errcode(), LT_ETYPE, "as a type error");
    is_str(lt_errmsg(), "concat: column 'v' is f64 in frame 1 and str in frame 2; "
           "expected one type, numbers or times", "naming the column, types and frames");
    lt_frame *tv = lt_frame_rename(da, 0, "v");
    const lt_frame *ptv[] = { tv, a, p };
    ok(!lt_frame_concat(ptv, 3), "date with bool fails");
    is_str(lt_errmsg(), "concat: column 'v' is date in frame 1 and bool in frame 3; "
           "expected one type, numbers or times", "a frame without the column is skipped");

    /* Edge cases: no frames, one frame, empty frames, frames of no columns. */
    c = lt_frame_concat(NULL, 0);
    ok(c && c->nrow == 0 && c->ncol == 0, "no frames: an empty frame");
    lt_frame_free(c);
    const lt_frame *just_a[] = { a };
    c = lt_frame_concat(just_a, 1);
    ok(c && c->nrow == 2 && c->ncol == 2 && lt_col_i64(c->cols[0])[1] == 2
       && c->cols[1]->dict == a->cols[1]->dict, "one frame: its rows");
    lt_frame_free(c);
    lt_frame *a0 = lt_frame_slice(a, 0, 0), *nocol = lt_frame_select(b, NULL, 0);
    const lt_frame *mix[] = { a0, nocol, db };
    c = lt_frame_concat(mix, 3);
    ok(c && c->nrow == 3 && c->ncol == 3, "0 rows + 2 rows of no columns + 1 row: 3 rows");
    ok(c && c->cols[0]->type == LT_I64 && c->cols[0]->nmiss == 3,
       "a column only in an empty frame keeps its type, all missing");
    ok(c && c->cols[1]->type == LT_STR && c->cols[1]->nmiss == 3, "str, all missing");
    ok(c && c->cols[2]->type == LT_TIME && c->cols[2]->nmiss == 2
       && lt_col_i64(c->cols[2])[2] == 3600 * INT64_C(1000000), "t: NA NA 01:00");
    lt_frame_free(c);

    lt_frame_free(a0);
    lt_frame_free(nocol);
    lt_frame_free(tv);
    lt_frame_free(sv);
    lt_frame_free(da);
    lt_frame_free(db);
    lt_frame_free(p);
    lt_frame_free(q);
    lt_frame_free(r);
    lt_frame_free(top);
    lt_frame_free(bot);
    lt_frame_free(a);
    lt_frame_free(b);
}

static void test_drop_na(void)
{
    int64_t av[] = { 1, 0, 3, 4, 5 };
    uint8_t ana[] = { 0, 1, 0, 0, 0 };
    double bv[] = { NAN, 2, 3, 4, 5 };
    const char *sv[] = { "x", "y", NULL, "z", "w" };
    lt_frame *f = lt_frame_new();
    add(f, "a", lt_col_from_i64(av, ana, 5));
    add(f, "b", lt_col_from_f64(bv, 5));
    add(f, "s", lt_col_from_strs(sv, NULL, 5));

    lt_frame *d = lt_frame_drop_na(f, NULL, 0);
    ok(d && d->nrow == 2 && d->ncol == 3 && lt_col_i64(d->cols[0])[0] == 4
       && lt_col_i64(d->cols[0])[1] == 5, "all columns: rows 4 and 5 are complete");
    ok(d && d->cols[0]->nmiss == 0 && d->cols[1]->nmiss == 0 && d->cols[2]->nmiss == 0,
       "no missing value left");
    ok(d && !strcmp(str_at(d, "s", 0), "z"), "strings follow");
    lt_frame_free(d);
    int ja[] = { 0 };
    d = lt_frame_drop_na(f, ja, 1);
    ok(d && d->nrow == 4 && lt_col_i64(d->cols[0])[1] == 3 && isnan(lt_col_f64(d->cols[1])[0]),
       "column a only: rows 1 3 4 5, b's NaN kept");
    lt_frame_free(d);
    int jas[] = { 2, 0 };
    d = lt_frame_drop_na(f, jas, 2);
    ok(d && d->nrow == 3 && lt_col_i64(d->cols[0])[0] == 1 && lt_col_i64(d->cols[0])[1] == 4,
       "columns s and a: rows 1 4 5");
    lt_frame_free(d);

    lt_frame *full = lt_frame_slice(f, 3, 2);
    d = lt_frame_drop_na(full, NULL, 0);
    ok(d && d->nrow == 2 && d->cols[0] == full->cols[0],
       "nothing to drop: the columns are shared");
    lt_frame_free(d);
    lt_frame_free(full);
    lt_frame *empty = lt_frame_slice(f, 0, 0);
    d = lt_frame_drop_na(empty, NULL, 0);
    ok(d && d->nrow == 0 && d->ncol == 3, "an empty frame stays empty");
    lt_frame_free(d);
    lt_frame_free(empty);
    double allna[] = { NAN, NAN, NAN, NAN, NAN };
    lt_frame *g = lt_frame_copy(f);
    add(g, "gone", lt_col_from_f64(allna, 5));
    int jg[] = { 3 };
    d = lt_frame_drop_na(g, jg, 1);
    ok(d && d->nrow == 0 && d->ncol == 4, "an all-missing column drops every row");
    lt_frame_free(d);
    lt_frame_free(g);
    int bad[] = { 3 };
    ok(!lt_frame_drop_na(f, bad, 1), "a column index out of range fails");
    is_str(lt_errmsg(), "column index 4 is outside a frame of 3 columns", "and says why");
    lt_frame_free(f);
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

    test_concat();
    test_drop_na();
    return tap_done();
}
