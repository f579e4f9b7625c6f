/* Joins: each kind on a small many-to-many example worked by hand (and
 * checked against pandas' merge), missing keys, several keys, key types,
 * strings on different dictionaries, suffixes, differently named keys,
 * empty frames, errors, and shared columns. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "join.h"
#include "tap.h"

#define NA_I INT64_MIN   /* marks a missing i64 in expected arrays */
#define N(a) ((int64_t)(sizeof(a) / sizeof *(a)))

static lt_col *i64s(const int64_t *v, int64_t n)
{
    uint8_t *na = calloc((size_t)n + 1, 1);
    int64_t *x = malloc(((size_t)n + 1) * sizeof *x);
    for (int64_t i = 0; i < n; i++) {
        na[i] = v[i] == NA_I;
        x[i] = na[i] ? 0 : v[i];
    }
    lt_col *c = lt_col_from_i64(x, na, n);
    free(na);
    free(x);
    return c;
}

/* Add columns name, col, name, col, ... (NULL ends), dropping our refs. */
static lt_frame *frame(const char *name, lt_col *c, ...)
{
    lt_frame *f = lt_frame_new();
    va_list ap;
    va_start(ap, c);
    while (name) {
        lt_frame_add(f, name, c);
        lt_col_unref(c);
        name = va_arg(ap, const char *);
        if (name)
            c = va_arg(ap, lt_col *);
    }
    va_end(ap);
    return f;
}

static int col_i64(const lt_frame *f, const char *name, const int64_t *want, int64_t n)
{
    const lt_col *c = lt_frame_col(f, name);
    if (!c || c->n != n || (c->type != LT_I64 && c->type != LT_TIME))
        return 0;
    for (int64_t i = 0; i < n; i++) {
        bool na = lt_col_is_na(c, i);
        if (na != (want[i] == NA_I) || (!na && lt_col_i64(c)[i] != want[i])) {
            printf("#   %s row %lld differs\n", name, (long long)i + 1);
            return 0;
        }
    }
    return 1;
}

static int col_f64(const lt_frame *f, const char *name, const double *want, int64_t n)
{
    const lt_col *c = lt_frame_col(f, name);
    if (!c || c->n != n || c->type != LT_F64)
        return 0;
    for (int64_t i = 0; i < n; i++) {
        double x = lt_col_f64(c)[i];
        if (isnan(x) != isnan(want[i]) || (!isnan(x) && x != want[i])) {
            printf("#   %s row %lld: got %g, want %g\n", name, (long long)i + 1, x, want[i]);
            return 0;
        }
    }
    return 1;
}

static int col_str(const lt_frame *f, const char *name, const char *const *want, int64_t n)
{
    const lt_col *c = lt_frame_col(f, name);
    if (!c || c->n != n || c->type != LT_STR)
        return 0;
    for (int64_t i = 0; i < n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        if ((s == NULL) != (want[i] == NULL) || (s && strcmp(s, want[i]) != 0)) {
            printf("#   %s row %lld: got %s, want %s\n", name, (long long)i + 1,
                   s ? s : "NA", want[i] ? want[i] : "NA");
            return 0;
        }
    }
    return 1;
}

static int names_are(const lt_frame *f, const char *const *want, int n)
{
    if (f->ncol != n)
        return 0;
    for (int i = 0; i < n; i++)
        if (strcmp(f->names[i], want[i]) != 0)
            return 0;
    return 1;
}

static const char *const ON_ID[] = { "id" };

int main(void)
{
    /* L: id 1 2 2 3 NA 5, v a..f;  R: id 2 3 3 NA 4 2, w 10..60 */
    int64_t lid[] = { 1, 2, 2, 3, NA_I, 5 }, rid[] = { 2, 3, 3, NA_I, 4, 2 };
    const char *lv[] = { "a", "b", "c", "d", "e", "f" };
    double rw[] = { 10, 20, 30, 40, 50, 60 };
    lt_frame *L = frame("id", i64s(lid, 6), "v", lt_col_from_strs(lv, NULL, 6), NULL);
    lt_frame *R = frame("id", i64s(rid, 6), "w", lt_col_from_f64(rw, 6), NULL);
    const char *const cols[] = { "id", "v", "w" };

    lt_frame *j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_INNER, NULL, NULL);
    int64_t in_id[] = { 2, 2, 2, 2, 3, 3, NA_I };
    const char *in_v[] = { "b", "b", "c", "c", "d", "d", "e" };
    double in_w[] = { 10, 60, 10, 60, 20, 30, 40 };
    ok(j && names_are(j, cols, 3), "inner: columns id, v, w");
    ok(j && col_i64(j, "id", in_id, 7) && col_str(j, "v", in_v, 7) && col_f64(j, "w", in_w, 7),
       "inner: left rows in order, each with its matches in right order; NA matches NA");
    lt_frame_free(j);

    j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_LEFT, NULL, NULL);
    int64_t le_id[] = { 1, 2, 2, 2, 2, 3, 3, NA_I, 5 };
    const char *le_v[] = { "a", "b", "b", "c", "c", "d", "d", "e", "f" };
    double le_w[] = { NAN, 10, 60, 10, 60, 20, 30, 40, NAN };
    ok(j && col_i64(j, "id", le_id, 9) && col_str(j, "v", le_v, 9) && col_f64(j, "w", le_w, 9),
       "left: every left row, unmatched ones with a missing w");
    lt_frame_free(j);

    j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_RIGHT, NULL, NULL);
    int64_t ri_id[] = { 2, 2, 3, 3, NA_I, 4, 2, 2 };
    const char *ri_v[] = { "b", "c", "d", "d", "e", NULL, "b", "c" };
    double ri_w[] = { 10, 10, 20, 30, 40, 50, 60, 60 };
    ok(j && names_are(j, cols, 3), "right: columns id, v, w");
    ok(j && col_i64(j, "id", ri_id, 8) && col_str(j, "v", ri_v, 8) && col_f64(j, "w", ri_w, 8),
       "right: right rows in order, id from the right (4 has no match)");
    lt_frame_free(j);

    j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_FULL, NULL, NULL);
    int64_t fu_id[] = { 1, 2, 2, 2, 2, 3, 3, 4, 5, NA_I };
    const char *fu_v[] = { "a", "b", "b", "c", "c", "d", "d", NULL, "f", "e" };
    double fu_w[] = { NAN, 10, 60, 10, 60, 20, 30, 50, NAN, 40 };
    ok(j && col_i64(j, "id", fu_id, 10) && col_str(j, "v", fu_v, 10) && col_f64(j, "w", fu_w, 10),
       "full: keys ascending, missing last; id merged from both sides");
    lt_frame_free(j);

    j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_SEMI, NULL, NULL);
    int64_t se_id[] = { 2, 2, 3, NA_I };
    const char *se_v[] = { "b", "c", "d", "e" };
    const char *const lcols[] = { "id", "v" };
    ok(j && names_are(j, lcols, 2) && col_i64(j, "id", se_id, 4) && col_str(j, "v", se_v, 4),
       "semi: left rows with a match, once each, left columns only");
    lt_frame_free(j);

    j = lt_frame_join(L, R, ON_ID, NULL, 1, LT_JOIN_ANTI, NULL, NULL);
    int64_t an_id[] = { 1, 5 };
    const char *an_v[] = { "a", "f" };
    ok(j && names_are(j, lcols, 2) && col_i64(j, "id", an_id, 2) && col_str(j, "v", an_v, 2),
       "anti: left rows without a match");
    lt_frame_free(j);

    /* ---- differently named keys, and suffixes ------------------------------ */
    lt_frame *R2 = frame("key", i64s(rid, 6), "v", lt_col_from_f64(rw, 6), NULL);
    const char *const ON_KEY[] = { "key" };
    j = lt_frame_join(L, R2, ON_ID, ON_KEY, 1, LT_JOIN_FULL, NULL, NULL);
    const char *const c2[] = { "id", "v_x", "key", "v_y" };
    int64_t f2_id[] = { 1, 2, 2, 2, 2, 3, 3, NA_I, 5, NA_I };
    int64_t f2_key[] = { NA_I, 2, 2, 2, 2, 3, 3, 4, NA_I, NA_I };
    ok(j && names_are(j, c2, 4), "left_on/right_on: both keys kept; v clashes: v_x, v_y");
    ok(j && col_i64(j, "id", f2_id, 10) && col_i64(j, "key", f2_key, 10),
       "full join on differently named keys: each keeps its side's values");
    lt_frame_free(j);
    j = lt_frame_join(L, R2, ON_ID, ON_KEY, 1, LT_JOIN_INNER, "", "_r");
    const char *const c3[] = { "id", "v", "key", "v_r" };
    ok(j && names_are(j, c3, 4), "suffixes \"\" and \"_r\"");
    lt_frame_free(j);
    lt_frame *L3 = frame("id", i64s(lid, 6), "v", lt_col_from_strs(lv, NULL, 6), "v_x",
                         lt_col_from_f64(rw, 6), NULL);
    ok(lt_frame_join(L3, R2, ON_ID, ON_KEY, 1, LT_JOIN_INNER, NULL, NULL) == NULL &&
       lt_errcode() == LT_EINVAL, "suffixes that make two columns of one name fail");
    is_str(lt_errmsg(), "join: two columns would be named 'v_x' ('v' of the left frame and 'v_x' "
           "of the left frame); choose other suffixes", "and say which");
    ok(lt_frame_join(L, R2, ON_ID, ON_KEY, 1, LT_JOIN_INNER, "", "") == NULL,
       "empty suffixes on a clash fail");
    j = lt_frame_join(L3, R2, ON_ID, ON_KEY, 1, LT_JOIN_SEMI, NULL, NULL);
    ok(j && j->ncol == 3 && j->nrow == 4, "semi joins keep left names as they are");
    lt_frame_free(j);
    lt_frame_free(L3);
    lt_frame_free(R2);

    /* ---- several keys, bool and f64 keys ------------------------------------ */
    uint8_t lb[] = { 1, 0, 1, 0 }, lbna[] = { 0, 0, 0, 1 }, rb[] = { 0, 1, 0 };
    double lf[] = { 0.0, 1.5, NAN, 2 }, rf[] = { 1.5, -0.0, NAN };
    int64_t lx[] = { 1, 2, 3, 4 }, ry[] = { 10, 20, 30 };
    lt_frame *A = frame("b", lt_col_from_bool(lb, lbna, 4), "f", lt_col_from_f64(lf, 4), "x",
                        i64s(lx, 4), NULL);
    lt_frame *B = frame("f", lt_col_from_f64(rf, 3), "b", lt_col_from_bool(rb, NULL, 3), "y",
                        i64s(ry, 3), NULL);
    const char *const BF[] = { "b", "f" };
    j = lt_frame_join(A, B, BF, NULL, 2, LT_JOIN_LEFT, NULL, NULL);
    int64_t mk_x[] = { 1, 2, 3, 4 }, mk_y[] = { 20, 10, NA_I, NA_I };
    const char *const mk_cols[] = { "b", "f", "x", "y" };
    ok(j && names_are(j, mk_cols, 4) && col_i64(j, "x", mk_x, 4) && col_i64(j, "y", mk_y, 4),
       "two keys (bool, f64): (true, 0.0) matches (true, -0.0), (false, 1.5) its equal; "
       "(true, NaN) does not match (false, NaN)");
    lt_frame_free(j);
    j = lt_frame_join(A, B, BF, NULL, 2, LT_JOIN_FULL, NULL, NULL);
    int64_t mf_x[] = { 2, NA_I, 1, 3, 4 }, mf_y[] = { 10, 30, 20, NA_I, NA_I };
    double mf_f[] = { 1.5, NAN, 0.0, NAN, 2 };
    ok(j && col_i64(j, "x", mf_x, 5) && col_i64(j, "y", mf_y, 5) && col_f64(j, "f", mf_f, 5),
       "full on (bool, f64): false < true < missing, then f ascending");
    lt_frame_free(j);
    uint8_t rb2[] = { 0, 1, 1 };
    lt_frame *B2 = frame("f", lt_col_from_f64(rf, 3), "b", lt_col_from_bool(rb2, NULL, 3), "y",
                         i64s(ry, 3), NULL);
    j = lt_frame_join(A, B2, BF, NULL, 2, LT_JOIN_INNER, NULL, NULL);
    int64_t nn_x[] = { 1, 2, 3 }, nn_y[] = { 20, 10, 30 };
    ok(j && col_i64(j, "x", nn_x, 3) && col_i64(j, "y", nn_y, 3),
       "inner on (bool, f64): NaN matches NaN, -0.0 matches 0.0");
    lt_frame_free(j);
    lt_frame_free(B2);

    /* ---- str keys on different dictionaries ------------------------------ */
    const char *ls[] = { "x", "y", "z", NULL }, *rs[] = { "z", "x", "q", NULL };
    lt_frame *S1 = frame("s", lt_col_from_strs(ls, NULL, 4), "a", i64s(lx, 4), NULL);
    int64_t ry4[] = { 10, 20, 30, 40 };
    lt_frame *S2 = frame("s", lt_col_from_strs(rs, NULL, 4), "y", i64s(ry4, 4), NULL);
    const char *const ON_S[] = { "s" };
    j = lt_frame_join(S1, S2, ON_S, NULL, 1, LT_JOIN_INNER, NULL, NULL);
    const char *in_s[] = { "x", "z", NULL };
    int64_t in_y[] = { 20, 10, 40 };
    ok(j && col_str(j, "s", in_s, 3) && col_i64(j, "y", in_y, 3),
       "str keys on different dictionaries match by text");
    lt_frame_free(j);
    j = lt_frame_join(S1, S2, ON_S, NULL, 1, LT_JOIN_FULL, NULL, NULL);
    const char *fu_s[] = { "q", "x", "y", "z", NULL };
    int64_t fs_a[] = { NA_I, 1, 2, 3, 4 }, fs_y[] = { 30, 20, NA_I, 10, 40 };
    ok(j && col_str(j, "s", fu_s, 5) && col_i64(j, "a", fs_a, 5) && col_i64(j, "y", fs_y, 5),
       "full on str: byte order, the key merged from both dictionaries");
    lt_frame_free(j);
    j = lt_frame_join(S1, S2, ON_S, NULL, 1, LT_JOIN_RIGHT, NULL, NULL);
    const char *ri_s[] = { "z", "x", "q", NULL };
    ok(j && col_str(j, "s", ri_s, 4) && j->cols[0]->dict == S2->cols[0]->dict,
       "right on str: the key is the right column");
    lt_frame_free(j);
    lt_frame_free(S1);
    lt_frame_free(S2);

    /* ---- time keys -------------------------------------------------------- */
    int64_t td[] = { 0, LT_US_PER_DAY }, tdt[] = { LT_US_PER_DAY, 5 };
    lt_frame *T1 = frame("t", lt_col_from_time(td, NULL, 2, LT_DATE), "a", i64s(lx, 2), NULL);
    lt_frame *T2 = frame("t", lt_col_from_time(tdt, NULL, 2, LT_DATETIME), "y", i64s(ry, 2), NULL);
    const char *const ON_T[] = { "t" };
    j = lt_frame_join(T1, T2, ON_T, NULL, 1, LT_JOIN_INNER, NULL, NULL);
    int64_t tj_a[] = { 2 }, tj_y[] = { 10 };
    ok(j && col_i64(j, "a", tj_a, 1) && col_i64(j, "y", tj_y, 1) && j->cols[0]->tkind == LT_DATE,
       "a date key joins a datetime key by instant");
    lt_frame_free(j);
    lt_frame_free(T1);
    lt_frame_free(T2);

    /* ---- errors ------------------------------------------------------------ */
    const char *sid[] = { "1", "2" };
    lt_frame *Sx = frame("id", lt_col_from_strs(sid, NULL, 2), NULL);
    ok(lt_frame_join(L, Sx, ON_ID, NULL, 1, LT_JOIN_INNER, NULL, NULL) == NULL &&
       lt_errcode() == LT_ETYPE, "an i64 key against a str key fails");
    is_str(lt_errmsg(), "join: key 'id' is i64 on the left and str on the right", "and names both");
    lt_frame_free(Sx);
    double fid[] = { 1, 2 };
    lt_frame *Fx = frame("key", lt_col_from_f64(fid, 2), NULL);
    ok(lt_frame_join(L, Fx, ON_ID, ON_KEY, 1, LT_JOIN_LEFT, NULL, NULL) == NULL &&
       lt_errcode() == LT_ETYPE, "an i64 key against an f64 key fails");
    is_str(lt_errmsg(), "join: key 'id' of the left frame is i64 and key 'key' of the right "
           "frame is f64", "and names both columns");
    lt_frame_free(Fx);
    const char *const typo[] = { "idd" };
    ok(lt_frame_join(L, R, typo, NULL, 1, LT_JOIN_INNER, NULL, NULL) == NULL &&
       lt_errcode() == LT_EINVAL, "an unknown key fails");
    is_str(lt_errmsg(), "join: key 'idd' is not a column of the left frame (did you mean 'id'?)",
           "with a suggestion");
    const char *const other[] = { "customer" };
    ok(lt_frame_join(L, R, ON_ID, other, 1, LT_JOIN_INNER, NULL, NULL) == NULL,
       "a key missing on the right");
    is_str(lt_errmsg(), "join: key 'customer' is not a column of the right frame",
           "without a suggestion when none is close");
    const char *const twice[] = { "id", "id" };
    ok(lt_frame_join(L, R, twice, NULL, 2, LT_JOIN_INNER, NULL, NULL) == NULL, "a key given twice");
    is_str(lt_errmsg(), "join: key 'id' of the left frame is given twice", "says so");
    ok(lt_frame_join(L, R, ON_ID, NULL, 0, LT_JOIN_INNER, NULL, NULL) == NULL &&
       lt_errcode() == LT_EINVAL, "no keys fails");

    /* ---- empty frames --------------------------------------------------------- */
    lt_frame *L0 = lt_frame_slice(L, 0, 0), *R0 = lt_frame_slice(R, 0, 0);
    j = lt_frame_join(L0, R, ON_ID, NULL, 1, LT_JOIN_INNER, NULL, NULL);
    ok(j && j->nrow == 0 && names_are(j, cols, 3), "inner with an empty left frame: 0 rows, 3 columns");
    lt_frame_free(j);
    j = lt_frame_join(L0, R, ON_ID, NULL, 1, LT_JOIN_RIGHT, NULL, NULL);
    ok(j && j->nrow == 6 && lt_frame_col(j, "v")->nmiss == 6 && col_i64(j, "id", rid, 6),
       "right with an empty left frame: the right rows, v missing");
    lt_frame_free(j);
    j = lt_frame_join(L0, R, ON_ID, NULL, 1, LT_JOIN_FULL, NULL, NULL);
    int64_t e_id[] = { 2, 2, 3, 3, 4, NA_I };
    ok(j && j->nrow == 6 && col_i64(j, "id", e_id, 6), "full with an empty left frame: sorted right rows");
    lt_frame_free(j);
    j = lt_frame_join(L, R0, ON_ID, NULL, 1, LT_JOIN_LEFT, NULL, NULL);
    ok(j && j->nrow == 6 && lt_frame_col(j, "w")->nmiss == 6 && j->cols[0] == L->cols[0],
       "left with an empty right frame: left rows (shared), w missing");
    lt_frame_free(j);
    j = lt_frame_join(L, R0, ON_ID, NULL, 1, LT_JOIN_ANTI, NULL, NULL);
    ok(j && j->nrow == 6, "anti with an empty right frame: every left row");
    lt_frame_free(j);
    j = lt_frame_join(L0, R0, ON_ID, NULL, 1, LT_JOIN_FULL, NULL, NULL);
    ok(j && j->nrow == 0 && j->ncol == 3, "full of two empty frames");
    lt_frame_free(j);
    lt_frame_free(L0);
    lt_frame_free(R0);

    /* ---- a lookup table: left columns shared, right ones gathered -------------- */
    enum { NL = 100000, ND = 1000 };
    int64_t *big = malloc(NL * sizeof *big), *dim = malloc(ND * sizeof *dim),
            *dv = malloc(ND * sizeof *dv);
    for (int64_t i = 0; i < NL; i++)
        big[i] = (i * 7919) % ND;
    for (int64_t k = 0; k < ND; k++) {
        dim[k] = ND - 1 - k;
        dv[k] = k % 2 ? NA_I : (ND - 1 - k) * 3;   /* odd rows missing */
    }
    lt_frame *F = frame("k", i64s(big, NL), NULL), *D = frame("k", i64s(dim, ND), "val", i64s(dv, ND), NULL);
    const char *const ON_K[] = { "k" };
    j = lt_frame_join(F, D, ON_K, NULL, 1, LT_JOIN_LEFT, NULL, NULL);
    bool good = j && j->nrow == NL && j->cols[0] == F->cols[0];
    int64_t miss = 0;
    for (int64_t i = 0; good && i < NL; i++) {
        int64_t k = big[i];
        bool na = (ND - 1 - k) % 2 == 1;
        const lt_col *c = j->cols[1];
        good = lt_col_is_na(c, i) == na && (na || lt_col_i64(c)[i] == k * 3);
        miss += na;
    }
    ok(good, "100000 x 1000 left join: the key column is shared, every value right");
    ok(j && j->cols[1]->nmiss == miss, "and the missing values are counted");
    lt_frame_free(j);
    lt_frame_free(F);
    lt_frame_free(D);
    free(big);
    free(dim);
    free(dv);

    lt_frame_free(L);
    lt_frame_free(R);
    lt_frame_free(A);
    lt_frame_free(B);
    return tap_done();
}
