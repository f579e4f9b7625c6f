/* Conditional values (when) and set membership (is_in). */
#include "cond.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "ops.h"

/* ---- ifelse ------------------------------------------------------------- */

/* Only missing values of type bool: the untyped missing value. */
static bool untyped_na(const lt_col *c)
{
    return c->type == LT_BOOL && c->nmiss == c->n;
}

static int num_rank(lt_type t)
{
    return t == LT_BOOL ? 0 : t == LT_I64 ? 1 : 2;
}

static bool same_kind(lt_type a, lt_type b)
{
    if (lt_type_is_numeric(a) && lt_type_is_numeric(b))
        return true;
    return a == b;
}

/* Codes of c's strings in d (interning them): a malloc'd map, indexed by
 * c's code. */
static int32_t *map_codes(const lt_dict *from, lt_dict *d)
{
    int32_t size = lt_dict_size(from);
    int32_t *map = malloc((size_t)(size ? size : 1) * sizeof *map);
    if (!map) {
        lt_nomem();
        return NULL;
    }
    for (int32_t k = 0; k < size; k++) {
        size_t len;
        const char *s = lt_dict_str(from, k, &len);
        if ((map[k] = lt_dict_intern(d, s, len)) < 0) {
            free(map);
            return NULL;
        }
    }
    return map;
}

/* a and b as columns of one type: new references in *ua and *ub, and for
 * strings a shared dictionary in *dict (one reference) with maps of each
 * branch's codes (NULL when the branch is on *dict already). */
typedef struct unified {
    lt_col *a, *b;
    lt_dict *dict;
    int32_t *map[2];
} unified;

static void unified_fini(unified *u)
{
    lt_col_unref(u->a);
    lt_col_unref(u->b);
    lt_dict_unref(u->dict);
    free(u->map[0]);
    free(u->map[1]);
}

static int unify(const lt_col *a, const lt_col *b, unified *u)
{
    memset(u, 0, sizeof *u);
    if (untyped_na(a) && !untyped_na(b)) {
        if (!(u->a = lt_col_new_na(b->type, b->tkind, a->n)))
            return LT_ENOMEM;
        a = u->a;
    } else if (untyped_na(b) && !untyped_na(a)) {
        if (!(u->b = lt_col_new_na(a->type, a->tkind, b->n)))
            return LT_ENOMEM;
        b = u->b;
    }
    if (!same_kind(a->type, b->type))
        return lt_seterr(LT_ETYPE, "branches are %s and %s; expected the same kind "
                         "(numbers, str, time or bool)",
                         lt_type_name(a->type), lt_type_name(b->type));
    lt_col *ra = u->a ? u->a : lt_col_ref((lt_col *)a);
    lt_col *rb = u->b ? u->b : lt_col_ref((lt_col *)b);
    u->a = ra;
    u->b = rb;
    if (lt_type_is_numeric(a->type) && a->type != b->type) {
        lt_type t = num_rank(a->type) > num_rank(b->type) ? a->type : b->type;
        lt_col **low = a->type == t ? &u->b : &u->a;
        lt_col *c = lt_col_astype(*low, t, false);
        if (!c)
            return lt_errcode();
        lt_col_unref(*low);
        *low = c;
    } else if (a->type == LT_STR && a->dict != b->dict) {
        if (!(u->dict = lt_dict_new()))
            return LT_ENOMEM;
        if (!(u->map[0] = map_codes(a->dict, u->dict))
            || !(u->map[1] = map_codes(b->dict, u->dict)))
            return lt_errcode();
    } else if (a->type == LT_STR) {
        u->dict = lt_dict_ref(a->dict);
    }
    return 0;
}

static int64_t pick_len(const lt_col *c, const lt_col *a, const lt_col *b)
{
    int64_t n = 1;
    const lt_col *all[3] = {c, a, b};
    for (int k = 0; k < 3; k++) {
        if (all[k]->n == 1)
            continue;
        if (n != 1 && all[k]->n != n) {
            lt_seterr(LT_ELENGTH, "when: columns have lengths %lld and %lld; expected "
                      "equal lengths or length 1", (long long)n, (long long)all[k]->n);
            return -1;
        }
        n = all[k]->n;
    }
    return n;
}

lt_col *lt_col_ifelse(const lt_col *cond, const lt_col *a, const lt_col *b)
{
    if (cond->type != LT_BOOL) {
        lt_seterr(LT_ETYPE, "the condition is %s; expected bool", lt_type_name(cond->type));
        return NULL;
    }
    int64_t n = pick_len(cond, a, b);
    if (n < 0)
        return NULL;
    unified u;
    if (unify(a, b, &u) < 0) {
        unified_fini(&u);
        return NULL;
    }
    lt_type t = u.a->type;
    lt_col *r = t == LT_STR ? lt_col_new_str(n, u.dict) : lt_col_new(t, n);
    if (!r) {
        unified_fini(&u);
        return NULL;
    }
    r->tkind = u.a->tkind == LT_DATETIME || u.b->tkind == LT_DATETIME ? LT_DATETIME
                                                                      : LT_DATE;
    const uint8_t *cv = lt_col_bool(cond);
    size_t width = t == LT_F64 || t == LT_I64 || t == LT_TIME ? 8 : t == LT_STR ? 4 : 1;
    const char *pa = u.a->data, *pb = u.b->data;
    char *out = r->data;
    int status = 0;
    for (int64_t i = 0; i < n && status == 0; i++) {
        int64_t ic = cond->n == 1 ? 0 : i;
        bool take_a = cv[ic] && !lt_col_is_na(cond, ic);
        const lt_col *src = take_a ? u.a : u.b;
        int64_t j = src->n == 1 ? 0 : i;
        if (lt_col_is_na(src, j)) {
            status = lt_col_set_na(r, i);
            continue;
        }
        memcpy(out + (size_t)i * width, (take_a ? pa : pb) + (size_t)j * width, width);
        const int32_t *map = u.map[take_a ? 0 : 1];
        if (map)
            ((int32_t *)out)[i] = map[((int32_t *)out)[i]];
    }
    unified_fini(&u);
    if (status < 0) {
        lt_col_unref(r);
        return NULL;
    }
    return lt_col_finish(r);
}

/* ---- is_in -------------------------------------------------------------- */

static int cmp_i64(const void *p, const void *q)
{
    int64_t x = *(const int64_t *)p, y = *(const int64_t *)q;
    return (x > y) - (x < y);
}

static int cmp_f64(const void *p, const void *q)
{
    double x = *(const double *)p, y = *(const double *)q;
    return (x > y) - (x < y);
}

/* The set's present values as sorted integers (values that no integer
 * equals are left out) or doubles; *has_na says whether it holds a
 * missing value. */
static void *sorted_set(const lt_col *set, bool as_int, int64_t *k, bool *has_na)
{
    void *v = malloc((size_t)(set->n ? set->n : 1) * 8);
    if (!v) {
        lt_nomem();
        return NULL;
    }
    *k = 0;
    *has_na = false;
    for (int64_t i = 0; i < set->n; i++) {
        if (lt_col_is_na(set, i)) {
            *has_na = true;
            continue;
        }
        if (as_int) {
            int64_t x;
            if (set->type == LT_F64) {
                double d = lt_col_f64(set)[i];
                if (!(d >= -0x1p63 && d < 0x1p63) || d != trunc(d))
                    continue;
                x = (int64_t)d;
            } else if (set->type == LT_BOOL) {
                x = lt_col_bool(set)[i];
            } else {
                x = lt_col_i64(set)[i];
            }
            ((int64_t *)v)[(*k)++] = x;
        } else {
            double d;
            if (set->type == LT_F64) {
                d = lt_col_f64(set)[i];
            } else if (set->type == LT_BOOL) {
                d = lt_col_bool(set)[i];
            } else {
                int64_t x = lt_col_i64(set)[i];
                d = (double)x;
                /* beyond 2^53 only an exactly representable integer can equal a double */
                if (!(d < 0x1p63) || (int64_t)d != x)
                    continue;
            }
            ((double *)v)[(*k)++] = d;
        }
    }
    qsort(v, (size_t)*k, 8, as_int ? cmp_i64 : cmp_f64);
    return v;
}

static lt_col *is_in_num(const lt_col *x, const lt_col *set)
{
    bool as_int = x->type != LT_F64;
    int64_t k;
    bool has_na;
    void *v = sorted_set(set, as_int, &k, &has_na);
    if (!v)
        return NULL;
    lt_col *r = lt_col_new(LT_BOOL, x->n);
    if (!r) {
        free(v);
        return NULL;
    }
    uint8_t *out = lt_col_bool(r);
    for (int64_t i = 0; i < x->n; i++) {
        if (lt_col_is_na(x, i)) {
            out[i] = has_na;
        } else if (as_int) {
            int64_t key = x->type == LT_BOOL ? lt_col_bool(x)[i] : lt_col_i64(x)[i];
            out[i] = bsearch(&key, v, (size_t)k, 8, cmp_i64) != NULL;
        } else {
            double key = lt_col_f64(x)[i];
            out[i] = bsearch(&key, v, (size_t)k, 8, cmp_f64) != NULL;
        }
    }
    free(v);
    return lt_col_finish(r);
}

static lt_col *is_in_str(const lt_col *x, const lt_col *set)
{
    int32_t size = lt_dict_size(x->dict);
    uint8_t *mark = calloc((size_t)size + 1, 1);
    lt_col *r = mark ? lt_col_new(LT_BOOL, x->n) : NULL;
    if (!r) {
        free(mark);
        if (!mark)
            lt_nomem();
        return NULL;
    }
    bool has_na = false;
    for (int64_t i = 0; i < set->n; i++) {
        size_t len;
        const char *s = set->type == LT_STR ? lt_col_get_str(set, i, &len) : NULL;
        if (!s) {
            has_na = true;
            continue;
        }
        int32_t code = lt_dict_find(x->dict, s, len);
        if (code >= 0)
            mark[code] = 1;
    }
    const int32_t *codes = lt_col_codes(x);
    uint8_t *out = lt_col_bool(r);
    for (int64_t i = 0; i < x->n; i++)
        out[i] = codes[i] < 0 ? has_na : mark[codes[i]];
    free(mark);
    return lt_col_finish(r);
}

lt_col *lt_col_is_in(const lt_col *x, const lt_col *set)
{
    if (untyped_na(set) || (x->type == LT_STR && set->type == LT_STR))
        return x->type == LT_STR ? is_in_str(x, set) : is_in_num(x, set);
    if (x->type == LT_TIME && set->type == LT_STR) {
        lt_col *t = lt_col_astype(set, LT_TIME, false);
        if (!t)
            return NULL;
        lt_col *r = is_in_num(x, t);
        lt_col_unref(t);
        return r;
    }
    bool xnum = lt_type_is_numeric(x->type), snum = lt_type_is_numeric(set->type);
    if ((xnum && snum) || (x->type == LT_TIME && set->type == LT_TIME))
        return is_in_num(x, set);
    lt_seterr(LT_ETYPE, "cannot look for %s values in a %s column",
              lt_type_name(set->type), lt_type_name(x->type));
    return NULL;
}
