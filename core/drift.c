/* Data drift between two frames (drift.h): method names and options, the
 * column pairs and their checks, the scoring of one pair of samples that
 * lt_drift_compare and lt_drift_over_time (drift_time.c) share, and the
 * report of two frames.
 *
 * A numeric side is gathered (its non-missing values, from all rows or a
 * list of rows) into one buffer.  Its distinct values are counted in a
 * hash set until there are too many to make it categorical; a few are
 * counted there as categories.  The methods that walk the samples in
 * order (anderson, wasserstein) and the categories of numbers asked for
 * (any number of them) radix-sort them; the bins of psi, js and chi2 and
 * of the plot need only a few quantiles and counts, and the KS statistic
 * the few stretches of values where it may lie, which fselect.h finds in
 * unsorted samples in a few passes.  A categorical side is counted
 * straight from the column: str by dictionary code (two dictionaries
 * matched by text, once per code), bool by value. */
#include "drift.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "anderson.h"
#include "divergence.h"
#include "drift_pair.h"
#include "error.h"
#include "fselect.h"
#include "fsort.h"
#include "ks.h"
#include "numparse.h"
#include "print.h"
#include "radix.h"
#include "sbuf.h"
#include "timefmt.h"

/* Categories of a plot before the rest go into "(other)". */
enum { TOP_CATS = 20, MAX_BINS = 30, UNSEEN_LISTED = 5 };

/* ---- methods and options --------------------------------------------------- */

static const char *const method_names[LT_DRIFT_NMETHOD] = {
    "auto", "ks", "anderson", "chi2", "wasserstein", "psi", "js", "missing", "none",
};

const char *lt_drift_method_name(lt_drift_method m)
{
    return m >= 0 && m < LT_DRIFT_NMETHOD ? method_names[m] : "?";
}

int lt_drift_method_parse(const char *name)
{
    for (int m = LT_DRIFT_AUTO; name && m <= LT_DRIFT_JS; m++)
        if (strcmp(name, method_names[m]) == 0)
            return m;
    return -1;
}

bool lt_drift_method_is_test(lt_drift_method m)
{
    return m == LT_DRIFT_KS || m == LT_DRIFT_ANDERSON || m == LT_DRIFT_CHI2;
}

double lt_drift_default_threshold(lt_drift_method m)
{
    return lt_drift_method_is_test(m) ? 0.05 : 0.1;
}

static bool numeric_only(lt_drift_method m)
{
    return m == LT_DRIFT_KS || m == LT_DRIFT_ANDERSON || m == LT_DRIFT_WASSERSTEIN;
}

void lt_drift_opts_init(lt_drift_opts *o)
{
    *o = (lt_drift_opts){
        .method = LT_DRIFT_AUTO,
        .threshold = NAN,
        .bins = 10,
        .eps = LT_PSI_EPS,
        .js_base = 2,
        .small = 1000,
        .max_distinct = 10,
        .drift_share = 0.5,
        .missing_shift = 0.1,
        .progress = NULL,
    };
}

int dp_check_opts(const char *who, const lt_drift_opts *o)
{
    if (o->method < LT_DRIFT_AUTO || o->method > LT_DRIFT_JS)
        return lt_seterr(LT_EINVAL, "%s: method %d is not one of auto, ks, anderson, chi2, "
                         "wasserstein, psi, js", who, (int)o->method);
    if (!isnan(o->threshold) && !(o->threshold > 0 && isfinite(o->threshold)))
        return lt_seterr(LT_EINVAL, "%s: threshold = %g; expected a positive number", who,
                         o->threshold);
    if (o->bins < 1)
        return lt_seterr(LT_EINVAL, "%s: bins = %d; expected at least 1", who, o->bins);
    if (!(o->eps > 0 && o->eps < 1))
        return lt_seterr(LT_EINVAL, "%s: eps = %g; expected a share in (0, 1)", who, o->eps);
    if (!(o->js_base > 0 && o->js_base != 1 && isfinite(o->js_base)))
        return lt_seterr(LT_EINVAL, "%s: js_base = %g; expected a positive base other than 1",
                         who, o->js_base);
    if (o->small < 0)
        return lt_seterr(LT_EINVAL, "%s: small = %" PRId64 "; expected 0 or more", who,
                         o->small);
    if (o->max_distinct < 0)
        return lt_seterr(LT_EINVAL, "%s: max_distinct = %d; expected 0 or more", who,
                         o->max_distinct);
    if (!(o->drift_share > 0 && o->drift_share <= 1))
        return lt_seterr(LT_EINVAL, "%s: drift_share = %g; expected a share in (0, 1]", who,
                         o->drift_share);
    if (!(o->missing_shift >= 0 && o->missing_shift <= 1))
        return lt_seterr(LT_EINVAL, "%s: missing_shift = %g; expected a share in [0, 1]", who,
                         o->missing_shift);
    return 0;
}

/* ---- text ------------------------------------------------------------------ */

/* Append a part of a note, after "; " when there is one already. */
__attribute__((format(printf, 2, 3)))
static void note_add(lt_sbuf *b, const char *fmt, ...)
{
    char part[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(part, sizeof part, fmt, ap);
    va_end(ap);
    lt_sbuf_printf(b, "%s%s", b->len ? "; " : "", part);
}

/* A share as a percentage: "0", "2.5", "33.3", "100". */
static const char *fmt_pct(double share, char *buf)
{
    snprintf(buf, 32, "%.3g", 100 * share);
    return buf;
}

char **dp_strdup_list(char *const *v, int n)
{
    if (n <= 0)
        return NULL;
    char **r = calloc((size_t)n, sizeof *r);
    for (int i = 0; r && i < n; i++)
        if (!(r[i] = strdup(v[i]))) {
            while (i > 0)
                free(r[--i]);
            free(r);
            r = NULL;
        }
    return r;
}

/* ---- samples ---------------------------------------------------------------- */

static inline bool bit(const uint8_t *valid, int64_t i)
{
    return (valid[i >> 3] >> (i & 7)) & 1;
}

/* Copy the present values of rows (all when rows is NULL) of the typed
 * array x into out, without branches: every slot is written and the
 * count moves on only for a present one. */
#define GATHER(T, x, present)                                         \
    do {                                                              \
        const T *x_ = (x);                                            \
        if (rows)                                                     \
            for (int64_t i = 0; i < nrow; i++) {                      \
                int64_t r_ = rows[i];                                 \
                double v_ = (double)x_[r_];                           \
                out[n] = v_;                                          \
                n += (present);                                       \
            }                                                         \
        else                                                          \
            for (int64_t r_ = 0; r_ < nrow; r_++) {                   \
                double v_ = (double)x_[r_];                           \
                out[n] = v_;                                          \
                n += (present);                                       \
            }                                                         \
    } while (0)

/* The non-missing values of the rows of c as doubles, into out. */
static int64_t gather(const lt_col *c, const int64_t *rows, int64_t nrow, double *out)
{
    int64_t n = 0;
    const uint8_t *ok = c->valid;
    switch (c->type) {
    case LT_F64:
        GATHER(double, lt_col_f64(c), v_ == v_);
        break;
    case LT_I64:
    case LT_TIME:
        if (ok)
            GATHER(int64_t, lt_col_i64(c), bit(ok, r_));
        else
            GATHER(int64_t, lt_col_i64(c), 1);
        break;
    case LT_BOOL:
        if (ok)
            GATHER(uint8_t, lt_col_bool(c), bit(ok, r_));
        else
            GATHER(uint8_t, lt_col_bool(c), 1);
        break;
    case LT_STR:
        break;
    }
    return n;
}

void dp_sample(dside *s, double *out)
{
    s->v = out;
    s->n = gather(s->c, s->rows, s->nrow, out);
    s->sorted = false;
}

int dp_sort(dside *s)
{
    if (s->sorted)
        return 0;
    int st = lt_f64_sort(s->v, s->n);
    s->sorted = st == 0;
    return st;
}

/* ---- distinct values ------------------------------------------------------------ */

/* Distinct numbers by their keys (radix.h: -0.0 is 0.0), with a count
 * per side, in open addressing at most half full.  No value is NaN, so
 * the key of a NaN (all bits set) marks an empty slot. */
typedef struct vslot {
    uint64_t key;
    int64_t n[2];
} vslot;

typedef struct vset {
    vslot *slot;
    int bits;      /* 2^bits slots */
    int64_t k;     /* distinct values */
} vset;

#define VSET_EMPTY UINT64_MAX

static void vset_free(vset *h)
{
    free(h->slot);
    h->slot = NULL;
}

static size_t vset_home(const vset *h, uint64_t key)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - h->bits));
}

/* The slot of key: its own, or the empty one where it goes. */
static vslot *vset_find(const vset *h, uint64_t key)
{
    size_t mask = ((size_t)1 << h->bits) - 1, i = vset_home(h, key);
    while (h->slot[i].key != key && h->slot[i].key != VSET_EMPTY)
        i = (i + 1) & mask;
    return &h->slot[i];
}

/* Make room for 2^bits slots, moving the keys there.  0 or LT_ENOMEM. */
static int vset_grow(vset *h, int bits)
{
    vset g = {malloc(((size_t)1 << bits) * sizeof *g.slot), bits, h->k};
    if (!g.slot)
        return lt_nomem();
    for (size_t i = 0; i < (size_t)1 << bits; i++)
        g.slot[i] = (vslot){VSET_EMPTY, {0, 0}};
    for (size_t i = 0; h->slot && i < (size_t)1 << h->bits; i++)
        if (h->slot[i].key != VSET_EMPTY)
            *vset_find(&g, h->slot[i].key) = h->slot[i];
    free(h->slot);
    *h = g;
    return 0;
}

/* Count x on side s.  0 or LT_ENOMEM. */
static inline int vset_add(vset *h, double x, int s)
{
    uint64_t key = f64_bits(x);
    vslot *e = vset_find(h, key);
    if (e->key == VSET_EMPTY) {
        if (2 * (h->k + 1) > (int64_t)1 << h->bits) {
            if (vset_grow(h, h->bits + 1) < 0)
                return LT_ENOMEM;
            e = vset_find(h, key);
        }
        e->key = key;
        h->k++;
    }
    e->n[s]++;
    return 0;
}

/* Distinct values of the samples of s[0..nseg), counted up to cap + 1. */
static int count_distinct(const dside *s, int nseg, int cap, int *count)
{
    vset h = {0};
    int st = vset_grow(&h, 4);
    for (int g = 0; g < nseg && st == 0 && h.k <= cap; g++)
        for (int64_t i = 0; i < s[g].n && st == 0 && h.k <= cap; i++)
            st = vset_add(&h, s[g].v[i], 0);
    *count = (int)h.k;
    vset_free(&h);
    return st;
}

int dp_kind(const dpair *p, const lt_drift_opts *o, const dside *s, int nseg,
            lt_drift_kind *kind, int *nd)
{
    *nd = -1;
    if (p->src != SRC_NUM || p->asked_cat || p->bool_cat) {
        *kind = LT_DRIFT_CATEGORICAL;
        return 0;
    }
    *kind = LT_DRIFT_NUMERIC;
    int64_t total = 0;
    for (int g = 0; g < nseg; g++)
        total += s[g].n;
    if (numeric_only(p->method) || total == 0)
        return 0;
    int d = 0;
    int st = count_distinct(s, nseg, o->max_distinct, &d);
    if (st < 0)
        return st;
    if (d <= o->max_distinct) {
        *kind = LT_DRIFT_CATEGORICAL;
        *nd = d;
    }
    return 0;
}

lt_drift_method dp_method(const dpair *p, const lt_drift_opts *o, lt_drift_kind kind, int nd,
                          char **why)
{
    lt_sbuf b = {0};
    char n1[32];
    lt_drift_method m = p->method;
    if (m != LT_DRIFT_AUTO) {
        if (nd >= 0)
            lt_sbuf_printf(&b, "given (categorical: %d distinct values <= %d)", nd,
                           o->max_distinct);
        else
            lt_sbuf_printf(&b, "given");
    } else {
        bool small = p->auto_size <= (double)o->small;
        if (kind == LT_DRIFT_NUMERIC)
            m = small ? LT_DRIFT_KS : LT_DRIFT_WASSERSTEIN;
        else
            m = small ? LT_DRIFT_CHI2 : LT_DRIFT_JS;
        lt_sbuf_printf(&b, "auto: ");
        if (kind == LT_DRIFT_NUMERIC)
            lt_sbuf_printf(&b, "numeric, ");
        else if (nd >= 0)
            lt_sbuf_printf(&b, "categorical (%d distinct values <= %d), ", nd, o->max_distinct);
        else if (p->asked_cat)
            lt_sbuf_printf(&b, "categorical (as asked), ");
        else if (p->bool_cat)
            lt_sbuf_printf(&b, "categorical (bool), ");
        else
            lt_sbuf_printf(&b, "categorical, ");
        double whole = floor(p->auto_size);
        lt_sbuf_printf(&b, "%s%s%s %s %s %" PRId64, p->size_is_window ? "median window of " : "",
                  lt_count_format((int64_t)whole, n1, sizeof n1), p->auto_size > whole ? ".5" : "",
                  p->size_is_window ? "rows" : "reference values", small ? "<=" : ">",
                  o->small);
    }
    if (b.oom) {
        free(b.s);
        b.s = NULL;
    }
    *why = b.s;
    return m;
}

bool dp_needs_order(const dpair *p, lt_drift_kind kind, int nd, lt_drift_method m, int64_t n)
{
    if (p->src != SRC_NUM)
        return false;
    if (n <= DP_SORT_SMALL)
        return true;
    return kind == LT_DRIFT_CATEGORICAL ? nd < 0
                                        : m == LT_DRIFT_ANDERSON || m == LT_DRIFT_WASSERSTEIN;
}

/* ---- categories --------------------------------------------------------------- */

/* The categories of both sides: counts, and what names them. */
typedef struct cattab {
    int64_t k;
    int64_t *ref, *cur;
    double *val;      /* SRC_NUM, SRC_BOOL: the value */
    int32_t *code;    /* SRC_STR: the unified code */
} cattab;

static void cats_free(cattab *t)
{
    free(t->ref);
    free(t->cur);
    free(t->val);
    free(t->code);
    memset(t, 0, sizeof *t);
}

static int cats_alloc(cattab *t, int64_t k, bool codes)
{
    size_t m = (size_t)(k ? k : 1);
    t->k = k;
    t->ref = calloc(m, sizeof *t->ref);
    t->cur = calloc(m, sizeof *t->cur);
    if (codes)
        t->code = calloc(m, sizeof *t->code);
    else
        t->val = calloc(m, sizeof *t->val);
    if (!t->ref || !t->cur || !(codes ? (void *)t->code : (void *)t->val)) {
        cats_free(t);
        return lt_nomem();
    }
    return 0;
}

/* The distinct values of the sorted samples a and b with their counts:
 * one merge walk to count them, one to fill. */
static int cats_num(const double *a, int64_t na, const double *b, int64_t nb, cattab *t)
{
    for (int pass = 0; pass < 2; pass++) {
        int64_t i = 0, j = 0, k = 0;
        while (i < na || j < nb) {
            double x = i < na && (j >= nb || a[i] <= b[j]) ? a[i] : b[j];
            int64_t ci = 0, cj = 0;
            for (; i < na && a[i] == x; i++)
                ci++;
            for (; j < nb && b[j] == x; j++)
                cj++;
            if (pass) {
                t->val[k] = x;
                t->ref[k] = ci;
                t->cur[k] = cj;
            }
            k++;
        }
        if (!pass && cats_alloc(t, k, false) < 0)
            return LT_ENOMEM;
    }
    return 0;
}

static int cmp_slot(const void *x, const void *y)
{
    uint64_t a = ((const vslot *)x)->key, b = ((const vslot *)y)->key;
    return (a > b) - (a < b);
}

/* The same from the unsorted samples a and b, of few distinct values (the
 * kind decided by counting them): counted in a hash set, then in order
 * of their keys (the order of the values). */
static int cats_hashed(const double *a, int64_t na, const double *b, int64_t nb, cattab *t)
{
    vset h = {0};
    int st = vset_grow(&h, 4);
    for (int64_t i = 0; i < na && st == 0; i++)
        st = vset_add(&h, a[i], 0);
    for (int64_t i = 0; i < nb && st == 0; i++)
        st = vset_add(&h, b[i], 1);
    int64_t k = 0;
    for (size_t i = 0; st == 0 && i < (size_t)1 << h.bits; i++)
        if (h.slot[i].key != VSET_EMPTY)
            h.slot[k++] = h.slot[i];
    if (st == 0)
        qsort(h.slot, (size_t)k, sizeof *h.slot, cmp_slot);
    if (st == 0 && (st = cats_alloc(t, k, false)) == 0)
        for (int64_t i = 0; i < k; i++) {
            t->val[i] = f64_of_bits(h.slot[i].key);
            t->ref[i] = h.slot[i].n[0];
            t->cur[i] = h.slot[i].n[1];
        }
    vset_free(&h);
    return st;
}

/* Counts of false and true among the rows of a bool side. */
static int64_t count_bools(const dside *s, int64_t cnt[2])
{
    const uint8_t *v = lt_col_bool(s->c), *ok = s->c->valid;
    for (int64_t i = 0; i < s->nrow; i++) {
        int64_t r = s->rows ? s->rows[i] : i;
        if (!ok || bit(ok, r))
            cnt[v[r] != 0]++;
    }
    return cnt[0] + cnt[1];
}

static int cats_bool(dside *r, dside *c, cattab *t)
{
    int64_t rn[2] = {0, 0}, cn[2] = {0, 0};
    r->n = count_bools(r, rn);
    c->n = count_bools(c, cn);
    int64_t k = (rn[0] + cn[0] > 0) + (rn[1] + cn[1] > 0);
    if (cats_alloc(t, k, false) < 0)
        return LT_ENOMEM;
    for (int v = 0, i = 0; v < 2; v++)
        if (rn[v] + cn[v] > 0) {
            t->val[i] = v;
            t->ref[i] = rn[v];
            t->cur[i++] = cn[v];
        }
    return 0;
}

/* Counts of the codes of a str side into cnt (zeroed, dictionary size). */
static int64_t count_codes(const dside *s, int64_t *cnt)
{
    const int32_t *code = lt_col_codes(s->c);
    int64_t n = 0;
    if (s->rows)
        for (int64_t i = 0; i < s->nrow; i++) {
            int32_t k = code[s->rows[i]];
            if (k >= 0) {
                cnt[k]++;
                n++;
            }
        }
    else
        for (int64_t i = 0; i < s->nrow; i++) {
            int32_t k = code[i];
            if (k >= 0) {
                cnt[k]++;
                n++;
            }
        }
    return n;
}

/* Categories of two str sides.  On two dictionaries a current code is
 * matched with the reference's by its text the first time it is seen in
 * the pair (p->map), and an unmatched one gets a code past the
 * reference's dictionary. */
static int cats_str(dpair *p, dside *r, dside *c, cattab *t)
{
    int32_t rs = lt_dict_size(p->rc->dict), cs = lt_dict_size(p->cc->dict);
    bool same = p->rc->dict == p->cc->dict;
    int64_t *rn = calloc((size_t)(rs ? rs : 1), sizeof *rn);
    int64_t *cn = calloc((size_t)(cs ? cs : 1), sizeof *cn), *cu = cn;
    int st = LT_ENOMEM;
    if (!rn || !cn)
        goto done;
    r->n = count_codes(r, rn);
    c->n = count_codes(c, cn);
    int64_t usize = rs;
    if (!same) {
        if (!p->map) {
            p->map = malloc((size_t)(cs ? cs : 1) * sizeof *p->map);
            p->extra = malloc((size_t)(cs ? cs : 1) * sizeof *p->extra);
            if (!p->map || !p->extra)
                goto done;
            for (int32_t j = 0; j < cs; j++)
                p->map[j] = -1;
        }
        for (int32_t j = 0; j < cs; j++)
            if (cn[j] && p->map[j] < 0) {
                size_t len;
                const char *s = lt_dict_str(p->cc->dict, j, &len);
                int32_t u = lt_dict_find(p->rc->dict, s, len);
                if (u < 0) {
                    p->extra[p->nextra] = j;
                    u = rs + p->nextra++;
                }
                p->map[j] = u;
            }
        usize = (int64_t)rs + p->nextra;
        cu = calloc((size_t)(usize ? usize : 1), sizeof *cu);
        if (!cu)
            goto done;
        for (int32_t j = 0; j < cs; j++)
            if (cn[j])
                cu[p->map[j]] += cn[j];
    }
    int64_t k = 0;
    for (int64_t u = 0; u < usize; u++)
        k += (u < rs ? rn[u] : 0) + cu[u] > 0;
    if (k > INT_MAX) {
        st = lt_seterr(LT_ERANGE, "drift: %" PRId64 " categories; at most %d can be compared",
                       k, INT_MAX);
        goto done;
    }
    if (cats_alloc(t, k, true) < 0)
        goto done;
    for (int64_t u = 0, i = 0; u < usize; u++) {
        int64_t x = u < rs ? rn[u] : 0;
        if (x + cu[u] > 0) {
            t->code[i] = (int32_t)u;
            t->ref[i] = x;
            t->cur[i++] = cu[u];
        }
    }
    st = 0;
done:
    if (st == LT_ENOMEM)
        lt_nomem();
    if (cu != cn)
        free(cu);
    free(rn);
    free(cn);
    return st;
}

/* The text of category i (valid while the columns live, or in buf, which
 * holds 64 bytes). */
static const char *cat_label(const dpair *p, const cattab *t, int64_t i, char *buf, size_t *len)
{
    if (p->src == SRC_STR) {
        int32_t u = t->code[i], rs = lt_dict_size(p->rc->dict);
        return u < rs ? lt_dict_str(p->rc->dict, u, len)
                      : lt_dict_str(p->cc->dict, p->extra[u - rs], len);
    }
    double v = t->val[i];
    if (p->src == SRC_BOOL) {
        strcpy(buf, v != 0 ? "true" : "false");
    } else if (p->rc->type == LT_TIME) {
        lt_time_kind k = p->rc->tkind == LT_DATETIME || p->cc->tkind == LT_DATETIME
                             ? LT_DATETIME : LT_DATE;
        lt_time_format((int64_t)v, k, buf, 64);
    } else if (v == trunc(v) && fabs(v) < 9007199254740992.0) {
        snprintf(buf, 64, "%" PRId64, (int64_t)v);
    } else {
        lt_num_format_f64(v, buf);
    }
    *len = strlen(buf);
    return buf;
}

/* A category in the order of the plots and of the note: most frequent in
 * the reference first, then those unseen in it by their current counts;
 * ties by text (str) or value. */
typedef struct catent {
    int64_t ref, cur, idx;
    double val;
    const char *s;
    size_t slen;
} catent;

static int cmp_cat(const void *x, const void *y)
{
    const catent *a = x, *b = y;
    if (a->ref != b->ref)
        return a->ref > b->ref ? -1 : 1;
    if (a->cur != b->cur)
        return a->cur > b->cur ? -1 : 1;
    if (a->s) {
        size_t m = a->slen < b->slen ? a->slen : b->slen;
        int c = memcmp(a->s, b->s, m);
        return c ? c : (a->slen > b->slen) - (a->slen < b->slen);
    }
    return (a->val > b->val) - (a->val < b->val);
}

static catent *cats_order(const dpair *p, const cattab *t)
{
    catent *e = malloc((size_t)(t->k ? t->k : 1) * sizeof *e);
    if (!e) {
        lt_nomem();
        return NULL;
    }
    char buf[64];
    for (int64_t i = 0; i < t->k; i++) {
        e[i] = (catent){t->ref[i], t->cur[i], i, t->val ? t->val[i] : 0, NULL, 0};
        if (p->src == SRC_STR)
            e[i].s = cat_label(p, t, i, buf, &e[i].slen);
    }
    qsort(e, (size_t)t->k, sizeof *e, cmp_cat);
    return e;
}

/* ---- plot data -------------------------------------------------------------- */

/* The finite values of both samples of f: how many, and how many -Inf
 * come before them (fast once the ends are collected: ends_want). */
static int64_t finite_values(const fsel *f, int64_t *first)
{
    int64_t nf = 0;
    *first = 0;
    for (int s = 0; s < 2; s++) {
        int64_t ninf = fsel_count(f, s, -INFINITY, true);
        *first += ninf;
        nf += fsel_count(f, s, INFINITY, false) - ninf;
    }
    return nf;
}

/* Ask f for the smallest and largest value of each sample (the notes on
 * constant samples, and where the infinities end), and for the ends of
 * the plot's range, the 0.5% and 99.5% quantiles of the finite values of
 * both samples, as if there were no infinity (hist_num asks again when
 * there are). */
static void ends_want(fsel *f)
{
    int64_t n = f->n[0] + f->n[1];
    for (int s = 0; s < 2; s++)
        if (f->n[s] > 0) {
            fsel_want_rank(f, s, 0);
            fsel_want_rank(f, s, f->n[s] - 1);
        }
    if (n > 0) {
        fsel_want_quantile(f, FSEL_BOTH, 0, n, 0.005);
        fsel_want_quantile(f, FSEL_BOTH, 0, n, 0.995);
    }
}

/* Equal-width bins between the 0.5% and 99.5% quantiles of the finite
 * values of both samples of f (asked by ends_want), 2 n^(1/3) of them
 * (Rice) up to 30; one when the quantiles meet (around the value) or the
 * span is too narrow to cut; values beyond (infinities too) count in the
 * outer bins.  No bin when there is no finite value. */
static int hist_num(fsel *f, lt_drift_hist *h)
{
    int st = fsel_collect(f, FSEL_BOTH);
    if (st < 0)
        return st;
    int64_t first, nf = finite_values(f, &first);
    if (nf == 0)
        return 0;
    fsel_want_quantile(f, FSEL_BOTH, first, nf, 0.005);
    fsel_want_quantile(f, FSEL_BOTH, first, nf, 0.995);
    if ((st = fsel_collect(f, FSEL_BOTH)) < 0)
        return st;
    double lo = fsel_quantile(f, FSEL_BOTH, first, nf, 0.005);
    double hi = fsel_quantile(f, FSEL_BOTH, first, nf, 0.995);
    int nbin = 1;
    if (lo < hi) {
        double r = ceil(2 * cbrt((double)nf));
        nbin = r > MAX_BINS ? MAX_BINS : (int)r;
    }
    h->edges = malloc(((size_t)nbin + 1) * sizeof *h->edges);
    h->ref = calloc((size_t)nbin, sizeof *h->ref);
    h->cur = calloc((size_t)nbin, sizeof *h->cur);
    if (!h->edges || !h->ref || !h->cur)
        return lt_nomem();
    h->nbin = nbin;
    if (lo == hi) {
        /* one value: a bin of width 1 around it (wider where 0.5 is
         * below its precision), so that the edges increase */
        double half = fmax(0.5, fabs(lo) * 0x1p-40);
        h->edges[0] = lo - half;
        h->edges[1] = lo + half;
    } else {
        double step = hi / nbin - lo / nbin;   /* no overflow for huge spans */
        for (int i = 0; i < nbin; i++)
            h->edges[i] = lo + i * step;
        h->edges[nbin] = hi;
        for (int i = 0; i < nbin; i++)
            if (!(h->edges[i] < h->edges[i + 1])) {
                /* a span too narrow for the bins: one bin */
                h->nbin = nbin = 1;
                h->edges[1] = hi;
                break;
            }
    }
    for (int i = 1; i < nbin; i++)
        fsel_want_value(f, FSEL_BOTH, h->edges[i]);
    if ((st = fsel_collect(f, FSEL_BOTH)) < 0)
        return st;
    for (int s = 0; s < 2; s++) {
        int64_t *cnt = s ? h->cur : h->ref, below = 0;
        for (int i = 0; i < nbin; i++) {
            int64_t upto = i + 1 < nbin ? fsel_count(f, s, h->edges[i + 1], false) : f->n[s];
            cnt[i] = upto - below;
            below = upto;
        }
    }
    return 0;
}

/* Categories in plot order e (of t), past TOP_CATS summed as "(other)". */
static int hist_cats(const dpair *p, const cattab *t, const catent *e, lt_drift_hist *h)
{
    int nc = t->k > TOP_CATS ? TOP_CATS + 1 : (int)t->k;
    if (nc == 0)
        return 0;
    h->cats = calloc((size_t)nc, sizeof *h->cats);
    h->ref = calloc((size_t)nc, sizeof *h->ref);
    h->cur = calloc((size_t)nc, sizeof *h->cur);
    if (!h->cats || !h->ref || !h->cur)
        return lt_nomem();
    h->ncat = nc;
    char buf[64];
    for (int64_t i = 0; i < t->k; i++) {
        int slot = i < TOP_CATS ? (int)i : TOP_CATS;
        h->ref[slot] += e[i].ref;
        h->cur[slot] += e[i].cur;
        if (i <= TOP_CATS) {
            size_t len = 7;
            const char *s = i < TOP_CATS ? cat_label(p, t, e[i].idx, buf, &len) : "(other)";
            if (!(h->cats[slot] = strndup(s, len)))
                return lt_nomem();
        }
    }
    return 0;
}

/* ---- scoring ------------------------------------------------------------------ */

/* Statistic and p-value of counts per bin or category. */
static void score_counts(const lt_drift_opts *o, lt_drift_method m, const int64_t *rc,
                         const int64_t *cc, int k, lt_drift_col *out)
{
    if (m == LT_DRIFT_CHI2) {
        lt_chi2_result r = lt_chi2_homogeneity(rc, cc, k);
        out->statistic = r.statistic;
        out->p_value = r.p_value;
        out->df = r.df;
    } else if (m == LT_DRIFT_PSI) {
        out->statistic = lt_psi(rc, cc, k, o->eps);
    } else {
        out->statistic = lt_js_distance(rc, cc, k, o->js_base);
    }
}

/* Ask f for the reference's quantiles at k / bins, the inner edges of the
 * bins of psi, js and chi2 on numbers. */
static void bins_want(fsel *f, int bins)
{
    for (int k = 1; k < bins; k++)
        fsel_want_quantile(f, 0, 0, f->n[0], (double)k / bins);
}

/* Method m (psi, js, chi2) on the reference's quantile bins
 * (lt_quantile_edges) of the samples of f (asked by bins_want, the
 * reference collected): both samples' counts in them. */
static int score_bins(const lt_drift_opts *o, lt_drift_method m, fsel *f, lt_drift_col *out)
{
    int bins = o->bins;
    double *edges = malloc((size_t)bins * sizeof *edges);
    int64_t *cnt = calloc(2 * (size_t)bins, sizeof *cnt);
    int st = edges && cnt ? 0 : lt_nomem();
    int e = 0;
    if (st == 0 && bins >= 2) {
        for (int k = 1; k < bins; k++)
            edges[k - 1] = fsel_quantile(f, 0, 0, f->n[0], (double)k / bins);
        e = lt_quantile_edges_from(edges, bins, edges);
        for (int i = 0; i < e; i++)
            fsel_want_value(f, FSEL_BOTH, edges[i]);
        st = fsel_collect(f, FSEL_BOTH);
    }
    for (int s = 0; s < 2 && st == 0; s++) {   /* as lt_bin_counts: bins (.., edge] */
        int64_t *c = cnt + (size_t)s * (size_t)(e + 1), below = 0;
        for (int i = 0; i < e; i++) {
            int64_t upto = fsel_count(f, s, edges[i], true);
            c[i] = upto - below;
            below = upto;
        }
        c[e] = f->n[s] - below;
    }
    if (st == 0)
        score_counts(o, m, cnt, cnt + e + 1, e + 1, out);
    free(edges);
    free(cnt);
    return st;
}

/* Walk the points at the ends of the buckets of f into m, and ask for
 * (walk) the buckets that could hold a larger difference: the KS
 * statistic of unsorted samples (ks.h). */
static int ks_buckets(fsel *f, lt_ks_max *m, bool walk)
{
    int64_t before[2], in[2];
    lt_ks_max_init(m, f->n[0], f->n[1]);
    for (int b = 0; b < fsel_buckets(f); b++) {
        fsel_bucket(f, b, before, in);
        lt_ks_max_point(m, before[0] + in[0], before[1] + in[1]);
    }
    int st = walk ? fsel_collect(f, FSEL_BOTH) : 0;
    for (int b = 0; b < fsel_buckets(f) && st == 0; b++) {
        fsel_bucket(f, b, before, in);
        if (!lt_ks_max_reachable(m, before[0], before[1], in[0], in[1]))
            continue;
        const double *x, *y;
        if (!walk)
            fsel_want_bucket(f, b);
        else if (fsel_bucket_one(f, b))   /* its one point is its end */
            continue;
        else if ((st = fsel_bucket_values(f, 0, b, &x)) == 0
                 && (st = fsel_bucket_values(f, 1, b, &y)) == 0)
            lt_ks_max_walk(m, x, in[0], y, in[1], before[0], before[1]);
    }
    return st;
}

/* Ask f for what method m needs (both samples non-empty): the
 * reference's quantile bins (psi, js, chi2), the buckets that may hold
 * the KS statistic of unsorted samples. */
static void score_want(const lt_drift_opts *o, lt_drift_method m, fsel *f)
{
    lt_ks_max ks;
    if (m == LT_DRIFT_PSI || m == LT_DRIFT_JS || m == LT_DRIFT_CHI2)
        bins_want(f, o->bins);
    else if (m == LT_DRIFT_KS && !f->sorted)
        ks_buckets(f, &ks, false);
}

/* Method m on the samples a and b (both non-empty; sorted for anderson
 * and wasserstein) of f. */
static int score_num(const lt_drift_opts *o, lt_drift_method m, fsel *f, lt_drift_col *out)
{
    const double *a = f->x[0], *b = f->x[1];
    int64_t na = f->n[0], nb = f->n[1];
    switch (m) {
    case LT_DRIFT_KS: {
        lt_ks_max ks;
        int st = f->sorted ? 0 : ks_buckets(f, &ks, true);
        if (st < 0)
            return st;
        double d = f->sorted ? lt_ks_statistic(a, na, b, nb) : ks.d, dx;
        lt_clearerr();   /* the p-value is NaN with LT_ENOMEM when memory runs out */
        out->p_value = lt_ks_pvalue(d, na, nb, LT_KS_AUTO, NULL, &dx);
        out->statistic = dx;
        return isnan(out->p_value) && lt_errcode() == LT_ENOMEM ? LT_ENOMEM : 0;
    }
    case LT_DRIFT_ANDERSON: {
        if (a[0] == a[na - 1] && b[0] == b[nb - 1] && a[0] == b[0]) {
            /* one value in both: nothing to test (scipy refuses) */
            out->statistic = NAN;
            out->p_value = 1;
            return 0;
        }
        if (na + nb < 4) {   /* no variance of the statistic (scipy fails) */
            out->statistic = out->p_value = NAN;
            return 0;
        }
        const double *x[2] = {a, b};
        int64_t n[2] = {na, nb};
        lt_ad_result r;
        int st = lt_anderson_ksamp(x, n, 2, &r);
        if (st < 0)
            return st;
        out->statistic = r.statistic;
        out->p_value = r.p_value;
        return 0;
    }
    case LT_DRIFT_WASSERSTEIN: {
        double w = lt_wasserstein(a, na, b, nb), sd = lt_sample_sd(a, na);
        out->wasserstein = w;
        if (sd == 0)
            out->statistic = w > 0 ? INFINITY : w;
        else if (!isfinite(sd))
            out->statistic = w == 0 ? 0 : NAN;
        else
            out->statistic = w / sd;
        return 0;
    }
    default:
        return score_bins(o, m, f, out);
    }
}

/* "constant in reference" ... for sides of one distinct value each or not. */
static void note_constant(lt_sbuf *note, bool rconst, bool cconst, bool same)
{
    if (rconst && cconst)
        note_add(note, same ? "constant in both (the same value)" : "constant in both");
    else if (rconst)
        note_add(note, "constant in reference");
    else if (cconst)
        note_add(note, "constant in current");
}

/* The note on categories unseen in the reference (the last of e). */
static void note_unseen(const dpair *p, const cattab *t, const catent *e, int nunseen,
                        lt_sbuf *note)
{
    lt_sbuf b = {0};
    char buf[64];
    lt_sbuf_printf(&b, "%d categor%s unseen in reference: ", nunseen, nunseen == 1 ? "y" : "ies");
    for (int i = 0; i < nunseen && i < UNSEEN_LISTED; i++) {
        size_t len;
        const char *s = cat_label(p, t, e[t->k - nunseen + i].idx, buf, &len);
        lt_sbuf_printf(&b, "%s%.*s", i ? ", " : "", (int)(len < 64 ? len : 64), s);
    }
    if (nunseen > UNSEEN_LISTED)
        lt_sbuf_printf(&b, ", ...");
    if (b.oom)
        note->oom = true;
    else
        lt_sbuf_printf(note, "%s%s", note->len ? "; " : "", b.s);
    free(b.s);
}

int dp_score(dpair *p, const lt_drift_opts *o, dside *r, dside *c, lt_drift_kind kind,
             lt_drift_method m, const char *why, lt_drift_col *out)
{
    memset(out, 0, sizeof *out);
    out->statistic = out->p_value = out->score = out->threshold = out->wasserstein = NAN;
    out->ref_type = p->rc->type;
    out->cur_type = p->cc->type;
    out->kind = kind;
    out->method = m;
    cattab t = {0};
    catent *e = NULL;
    fsel f = {0};
    lt_sbuf note = {0};
    char s1[32], s2[32];
    int st = LT_ENOMEM;
    if (!(out->name = strdup(p->name ? p->name : "")))
        goto fail;
    if (kind == LT_DRIFT_CATEGORICAL) {
        if (p->src == SRC_STR)
            st = cats_str(p, r, c, &t);
        else if (p->src == SRC_BOOL)
            st = cats_bool(r, c, &t);
        else if (r->sorted && c->sorted)
            st = cats_num(r->v, r->n, c->v, c->n, &t);
        else
            st = cats_hashed(r->v, r->n, c->v, c->n, &t);
        if (st < 0 || !(e = cats_order(p, &t)))
            goto fail;
    } else {
        /* the questions on the samples come first, so that the passes
         * that collect the answers serve all of them (fselect.h) */
        int flags = (r->sorted && c->sorted ? FSEL_SORTED : 0) | (m == LT_DRIFT_KS ? FSEL_FINE : 0);
        if ((st = fsel_init(&f, r->v, r->n, c->v, c->n, flags)) < 0)
            goto fail;
        ends_want(&f);
        if (r->n && c->n)
            score_want(o, m, &f);
        if ((st = fsel_collect(&f, 0)) < 0)
            goto fail;
    }
    out->n_ref = r->n;
    out->n_cur = c->n;
    out->miss_ref = r->nrow - r->n;
    out->miss_cur = c->nrow - c->n;
    double sr = (double)out->miss_ref / (double)r->nrow;
    double sc = (double)out->miss_cur / (double)c->nrow;
    out->missing_drifted = fabs(sc - sr) > o->missing_shift;

    if (r->n == 0 || c->n == 0) {
        const char *side = r->n ? "current" : c->n ? "reference" : "both";
        out->method = r->n || c->n ? LT_DRIFT_MISSING : LT_DRIFT_NONE;
        out->severity = 0;
        out->drifted = out->method == LT_DRIFT_MISSING || out->missing_drifted;
        note_add(&note, "all missing in %s", side);
        lt_sbuf w = {0};
        lt_sbuf_printf(&w, "not compared: all missing in %s", side);
        if (!(out->why = w.s))
            goto fail;
    } else {
        if (!(out->why = strdup(why)))
            goto fail;
        if (kind == LT_DRIFT_NUMERIC) {
            if ((st = score_num(o, m, &f, out)) < 0)
                goto fail;
        } else {
            score_counts(o, m, t.ref, t.cur, (int)t.k, out);
        }
        double thr = isnan(p->threshold) ? lt_drift_default_threshold(m) : p->threshold;
        bool by_method;
        out->threshold = thr;
        if (lt_drift_method_is_test(m)) {
            out->score = out->p_value;
            by_method = out->p_value < thr;
            out->severity = log(out->p_value) / log(thr) + 0.0;   /* +0 at p = 1 */
        } else {
            out->score = out->statistic;
            by_method = out->statistic >= thr;
            out->severity = out->statistic / thr;
        }
        out->drifted = by_method || out->missing_drifted;
    }

    if (m == LT_DRIFT_ANDERSON && r->n && c->n && r->n + c->n < 4)
        note_add(&note, "anderson needs 4 values or more, not %" PRId64, r->n + c->n);
    /* one distinct value on a side */
    if (kind == LT_DRIFT_NUMERIC && r->n && c->n) {
        if ((st = fsel_collect(&f, FSEL_BOTH)) < 0)
            goto fail;
        double r0 = fsel_kth(&f, 0, 0), c0 = fsel_kth(&f, 1, 0);
        note_constant(&note, r0 == fsel_kth(&f, 0, r->n - 1), c0 == fsel_kth(&f, 1, c->n - 1),
                      r0 == c0);
    } else if (kind == LT_DRIFT_CATEGORICAL && r->n && c->n) {
        int64_t rk = 0, ck = 0, both = 0;
        for (int64_t i = 0; i < t.k; i++) {
            rk += t.ref[i] > 0;
            ck += t.cur[i] > 0;
            both += t.ref[i] > 0 && t.cur[i] > 0;
        }
        note_constant(&note, rk == 1, ck == 1, both == 1);
    }
    if (kind == LT_DRIFT_CATEGORICAL && r->n) {
        int nunseen = 0;
        while (nunseen < t.k && e[t.k - 1 - nunseen].ref == 0)
            nunseen++;
        out->nunseen = nunseen;
        if (nunseen)
            note_unseen(p, &t, e, nunseen, &note);
    }
    if (out->missing_drifted)
        note_add(&note, "missing %s%% -> %s%%", fmt_pct(sr, s1), fmt_pct(sc, s2));
    if (note.oom)
        goto fail;
    out->note = note.s;
    note.s = NULL;

    if (kind == LT_DRIFT_NUMERIC)
        st = hist_num(&f, &out->hist);
    else
        st = hist_cats(p, &t, e, &out->hist);
    if (st < 0)
        goto fail;
    fsel_fini(&f);
    cats_free(&t);
    free(e);
    return 0;
fail:
    if (st >= 0)
        st = LT_ENOMEM;
    if (st == LT_ENOMEM)
        lt_nomem();
    free(note.s);
    fsel_fini(&f);
    cats_free(&t);
    free(e);
    lt_drift_col_clear(out);
    return st;
}

/* ---- pairs and plans ------------------------------------------------------------ */

/* "column 'x'", or "the column" without a name, into buf (96 bytes). */
static const char *what(const char *name, char *buf)
{
    if (name)
        snprintf(buf, 96, "column '%.80s'", name);
    else
        snprintf(buf, 96, "the column");
    return buf;
}

int dp_pair_init(dpair *p, const char *who, const char *name, const lt_col *rc,
                 const lt_col *cc, const lt_drift_spec *spec, const lt_drift_opts *o,
                 double auto_size)
{
    char w[96];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->rc = rc;
    p->cc = cc;
    lt_type rt = rc->type, ct = cc->type;
    if (!(rt == ct || (lt_type_is_numeric(rt) && lt_type_is_numeric(ct))))
        return lt_seterr(LT_ETYPE, "%s: %s is %s in the reference and %s in the current frame",
                         who, what(name, w), lt_col_type_label(rc), lt_col_type_label(cc));
    p->src = rt == LT_STR ? SRC_STR : rt == LT_BOOL && ct == LT_BOOL ? SRC_BOOL : SRC_NUM;
    p->bool_cat = p->src == SRC_NUM && (rt == LT_BOOL || ct == LT_BOOL);
    p->asked_cat = spec && spec->categorical;
    p->method = spec && spec->method != LT_DRIFT_AUTO ? spec->method : o->method;
    if (p->method < LT_DRIFT_AUTO || p->method > LT_DRIFT_JS)
        return lt_seterr(LT_EINVAL, "%s: method %d for %s is not one of auto, ks, anderson, "
                         "chi2, wasserstein, psi, js", who, (int)p->method, what(name, w));
    if (numeric_only(p->method) && (p->src != SRC_NUM || p->bool_cat || p->asked_cat)) {
        const char *m = lt_drift_method_name(p->method);
        if (p->src != SRC_NUM)
            return lt_seterr(LT_ETYPE, "%s: %s compares numbers; %s is %s; use chi2, psi or js",
                             who, m, what(name, w), lt_col_type_label(rc));
        if (p->bool_cat)
            return lt_seterr(LT_ETYPE, "%s: %s compares numbers; %s is bool in the %s frame; "
                             "use chi2, psi or js", who, m, what(name, w),
                             rt == LT_BOOL ? "reference" : "current");
        return lt_seterr(LT_EINVAL, "%s: %s compares numbers; %s is asked to be compared as "
                         "categories; use chi2, psi or js", who, m, what(name, w));
    }
    p->threshold = spec && !isnan(spec->threshold) ? spec->threshold : o->threshold;
    if (!isnan(p->threshold) && !(p->threshold > 0 && isfinite(p->threshold)))
        return lt_seterr(LT_EINVAL, "%s: threshold = %g for %s; expected a positive number",
                         who, p->threshold, what(name, w));
    p->size_is_window = !isnan(auto_size);
    p->auto_size = p->size_is_window ? auto_size : (double)(rc->n - rc->nmiss);
    bool test = lt_drift_method_is_test(p->method)
                || (p->method == LT_DRIFT_AUTO && p->auto_size <= (double)o->small);
    if (test && !isnan(p->threshold) && p->threshold >= 1)
        return lt_seterr(LT_EINVAL, "%s: threshold = %g for %s, tested by a p-value; expected "
                         "a number in (0, 1)", who, p->threshold, what(name, w));
    return 0;
}

void dp_pair_fini(dpair *p)
{
    free(p->map);
    free(p->extra);
    p->map = p->extra = NULL;
    p->nextra = 0;
}

void dp_plan_fini(dplan *pl)
{
    for (int j = 0; j < pl->n; j++)
        dp_pair_fini(&pl->pairs[j]);
    for (int j = 0; j < pl->nskipped; j++)
        free(pl->skipped[j]);
    free(pl->pairs);
    free(pl->skipped);
    memset(pl, 0, sizeof *pl);
}

static int not_found(const char *who, const lt_frame *f, const char *name, const char *side)
{
    const char *s = lt_frame_suggest(f, name);
    if (s)
        return lt_seterr(LT_EINVAL, "%s: column '%s' is not in the %sframe (did you mean '%s'?)",
                         who, name, side, s);
    return lt_seterr(LT_EINVAL, "%s: column '%s' is not in the %sframe", who, name, side);
}

__attribute__((format(printf, 2, 3)))
static int skip(dplan *pl, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!(pl->skipped[pl->nskipped] = strdup(buf)))
        return lt_nomem();
    pl->nskipped++;
    return 0;
}

/* The default columns: those of ref also in cur, times skipped. */
static int plan_default(dplan *pl, const char *who, const lt_frame *ref, const lt_frame *cur,
                        bool one, const char *exclude, const lt_drift_opts *o, double auto_size)
{
    int ntime = 0, st;
    for (int i = 0; i < ref->ncol; i++) {
        const char *name = ref->names[i];
        if (exclude && strcmp(name, exclude) == 0)
            continue;
        int j = lt_frame_index(cur, name);
        if (j < 0) {
            st = skip(pl, "%s (only in reference)", name);
        } else if (ref->cols[i]->type == LT_TIME || cur->cols[j]->type == LT_TIME) {
            st = skip(pl, "%s (time)", name);
            ntime++;
        } else {
            st = dp_pair_init(&pl->pairs[pl->n], who, name, ref->cols[i], cur->cols[j], NULL, o,
                              auto_size);
            pl->n += st == 0;
        }
        if (st < 0)
            return st;
    }
    for (int j = 0; !one && j < cur->ncol; j++)
        if (lt_frame_index(ref, cur->names[j]) < 0
            && !(exclude && strcmp(cur->names[j], exclude) == 0)
            && (st = skip(pl, "%s (only in current)", cur->names[j])) < 0)
            return st;
    if (pl->n > 0)
        return 0;
    if (ntime)
        return lt_seterr(LT_EINVAL, "%s: the %s columns%s%s%s are all times; name them in the "
                         "column list to compare them", who, one ? "frame's" : "shared",
                         exclude ? " besides '" : "", exclude ? exclude : "", exclude ? "'" : "");
    if (one)
        return lt_seterr(LT_EINVAL, "%s: the frame has no column besides '%s' to compare", who,
                         exclude ? exclude : "");
    return lt_seterr(LT_EINVAL, "%s: the reference and current frames share no column", who);
}

int dp_plan(dplan *pl, const char *who, const lt_frame *ref, const lt_frame *cur, bool one,
            const char *exclude, const lt_drift_spec *cols, int ncols,
            const lt_drift_opts *o, double auto_size)
{
    memset(pl, 0, sizeof *pl);
    bool given = cols && ncols > 0;
    size_t np = (size_t)(given ? ncols : ref->ncol);
    size_t ns = given ? 0 : (size_t)(ref->ncol + cur->ncol);
    pl->pairs = calloc(np ? np : 1, sizeof *pl->pairs);
    pl->skipped = calloc(ns ? ns : 1, sizeof *pl->skipped);
    if (!pl->pairs || !pl->skipped) {
        dp_plan_fini(pl);
        return lt_nomem();
    }
    int st = 0;
    if (!given) {
        st = plan_default(pl, who, ref, cur, one, exclude, o, auto_size);
    } else {
        for (int k = 0; k < ncols && st == 0; k++) {
            const char *name = cols[k].name;
            int i, j;
            if (!name || !*name) {
                st = lt_seterr(LT_EINVAL, "%s: column %d of the list has no name", who, k + 1);
                break;
            }
            if (exclude && strcmp(name, exclude) == 0) {
                st = lt_seterr(LT_EINVAL, "%s: column '%s' makes the windows; it is not compared",
                               who, name);
                break;
            }
            for (int k2 = 0; k2 < k; k2++)
                if (strcmp(cols[k2].name, name) == 0)
                    st = lt_seterr(LT_EINVAL, "%s: column '%s' is named twice", who, name);
            if (st < 0)
                break;
            if ((i = lt_frame_index(ref, name)) < 0) {
                st = not_found(who, ref, name, one ? "" : "reference ");
                break;
            }
            if ((j = lt_frame_index(cur, name)) < 0) {
                st = not_found(who, cur, name, "current ");
                break;
            }
            st = dp_pair_init(&pl->pairs[k], who, name, ref->cols[i], cur->cols[j], &cols[k], o,
                              auto_size);
            pl->n += st == 0;
        }
    }
    if (st < 0)
        dp_plan_fini(pl);
    return st;
}

/* ---- threads ---------------------------------------------------------------- */

typedef struct unit_cost {
    double cost;
    int j;
} unit_cost;

static int cmp_cost(const void *x, const void *y)
{
    const unit_cost *a = x, *b = y;
    if (a->cost != b->cost)
        return a->cost > b->cost ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

int dp_order(const dplan *pl, int **order)
{
    unit_cost *c = malloc((size_t)(pl->n ? pl->n : 1) * sizeof *c);
    *order = malloc((size_t)(pl->n ? pl->n : 1) * sizeof **order);
    if (!c || !*order) {
        free(c);
        free(*order);
        *order = NULL;
        return lt_nomem();
    }
    for (int j = 0; j < pl->n; j++) {
        const dpair *p = &pl->pairs[j];
        c[j] = (unit_cost){(double)(p->rc->n + p->cc->n) * (p->src == SRC_NUM ? 8 : 1), j};
    }
    qsort(c, (size_t)pl->n, sizeof *c, cmp_cost);
    for (int j = 0; j < pl->n; j++)
        (*order)[j] = c[j].j;
    free(c);
    return 0;
}

int dp_run(int n, bool par, const int *order, int (*fn)(void *ctx, int j), void *ctx,
           lt_progress *p, const char *who, const char *units)
{
    if (lt_progress_tick(p, 0))
        return lt_seterr(LT_ECANCELED, "%s: cancelled after 0 of %d %s", who, n, units);
    int *code = calloc((size_t)(n ? n : 1), sizeof *code);
    char **msg = calloc((size_t)(n ? n : 1), sizeof *msg);
    if (!code || !msg) {
        free(code);
        free(msg);
        return lt_nomem();
    }
    int done = 0, stop = 0, cancelled = 0;
#pragma omp parallel for schedule(dynamic, 1) if (par && n > 1)
    for (int j = 0; j < n; j++) {
        int halt, u = order ? order[j] : j;
#pragma omp atomic read
        halt = stop;
        if (halt)
            continue;
        int st = fn(ctx, u);
        if (st < 0) {
            code[u] = st;
            msg[u] = strdup(lt_errmsg());
#pragma omp atomic write
            stop = 1;
        }
        int d;
#pragma omp atomic capture
        d = ++done;
        if (omp_get_thread_num() == 0 && lt_progress_tick(p, (double)d / n)) {
#pragma omp atomic write
            cancelled = 1;
#pragma omp atomic write
            stop = 1;
        }
    }
    int st = 0;
    for (int j = 0; j < n && st == 0; j++)
        if (code[j] < 0) {
            if (code[j] == LT_ENOMEM || !msg[j])
                st = lt_nomem();
            else
                st = lt_seterr(code[j], "%s", msg[j]);
        }
    /* the other threads may have ended the work: tick its end */
    if (st == 0 && !cancelled && lt_progress_tick(p, 1))
        cancelled = 1;
    if (st == 0 && cancelled)
        st = lt_seterr(LT_ECANCELED, "%s: cancelled after %d of %d %s", who, done, n, units);
    for (int j = 0; j < n; j++)
        free(msg[j]);
    free(msg);
    free(code);
    return st;
}

/* ---- reports ---------------------------------------------------------------- */

void dp_tally(lt_drift *d)
{
    int compared = 0;
    d->ndrifted = 0;
    for (int j = 0; j < d->ncol; j++) {
        compared += d->cols[j].method != LT_DRIFT_NONE;
        d->ndrifted += d->cols[j].drifted;
    }
    d->share = compared ? (double)d->ndrifted / compared : NAN;
    d->dataset_drift = compared > 0 && d->share >= d->drift_share;
}

/* Compare one planned pair over all rows of both columns. */
static int compare_pair(dpair *p, const lt_drift_opts *o, lt_drift_col *out)
{
    dside r = {.c = p->rc, .nrow = p->rc->n}, c = {.c = p->cc, .nrow = p->cc->n};
    double *a = NULL, *b = NULL;
    char *why = NULL;
    lt_drift_kind kind = LT_DRIFT_CATEGORICAL;
    int nd = -1, st = 0;
    if (p->src == SRC_NUM) {
        a = malloc((size_t)(r.nrow ? r.nrow : 1) * sizeof *a);
        b = malloc((size_t)(c.nrow ? c.nrow : 1) * sizeof *b);
        if (!a || !b) {
            st = lt_nomem();
            goto done;
        }
        dp_sample(&r, a);
        dp_sample(&c, b);
        const dside s[2] = {r, c};
        if ((st = dp_kind(p, o, s, 2, &kind, &nd)) < 0)
            goto done;
    }
    lt_drift_method m = dp_method(p, o, kind, nd, &why);
    if (!why) {
        st = lt_nomem();
        goto done;
    }
    if ((dp_needs_order(p, kind, nd, m, r.n) && (st = dp_sort(&r)) < 0)
        || (dp_needs_order(p, kind, nd, m, c.n) && (st = dp_sort(&c)) < 0))
        goto done;
    st = dp_score(p, o, &r, &c, kind, m, why, out);
done:
    free(a);
    free(b);
    free(why);
    return st;
}

typedef struct compare_ctx {
    dplan *pl;
    const lt_drift_opts *o;
    lt_drift *d;
} compare_ctx;

static int compare_one(void *ctx, int j)
{
    compare_ctx *x = ctx;
    return compare_pair(&x->pl->pairs[j], x->o, &x->d->cols[j]);
}

lt_drift *lt_drift_compare(const lt_frame *ref, const lt_frame *cur, const lt_drift_spec *cols,
                           int ncols, const lt_drift_opts *o)
{
    lt_drift_opts def;
    if (!o) {
        lt_drift_opts_init(&def);
        o = &def;
    }
    if (dp_check_opts("drift", o) < 0)
        return NULL;
    if (!ref || ref->nrow == 0 || ref->ncol == 0) {
        lt_seterr(LT_EINVAL, "drift: the reference frame has no rows");
        return NULL;
    }
    if (!cur || cur->nrow == 0 || cur->ncol == 0) {
        lt_seterr(LT_EINVAL, "drift: the current frame has no rows");
        return NULL;
    }
    dplan pl;
    if (dp_plan(&pl, "drift", ref, cur, false, NULL, cols, ncols, o, NAN) < 0)
        return NULL;
    lt_drift *d = calloc(1, sizeof *d);
    if (!d || !(d->cols = calloc((size_t)pl.n, sizeof *d->cols))) {
        free(d);
        dp_plan_fini(&pl);
        lt_nomem();
        return NULL;
    }
    d->nref = ref->nrow;
    d->ncur = cur->nrow;
    d->ncol = pl.n;
    d->drift_share = o->drift_share;
    d->nskipped = pl.nskipped;
    d->skipped = pl.skipped;
    pl.nskipped = 0;
    pl.skipped = NULL;
    compare_ctx ctx = {&pl, o, d};
    double work = (double)(ref->nrow + cur->nrow) * pl.n;
    int *order = NULL;
    int st = dp_order(&pl, &order);
    if (st == 0)
        st = dp_run(pl.n, work >= DP_PAR_MIN, order, compare_one, &ctx, o->progress, "drift",
                    "columns");
    free(order);
    dp_plan_fini(&pl);
    if (st < 0) {
        lt_drift_free(d);
        return NULL;
    }
    dp_tally(d);
    return d;
}

int lt_drift_column(const lt_col *ref, const lt_col *cur, const lt_drift_spec *spec,
                    const lt_drift_opts *o, lt_drift_col *out)
{
    lt_drift_opts def;
    char w[96];
    memset(out, 0, sizeof *out);
    if (!o) {
        lt_drift_opts_init(&def);
        o = &def;
    }
    const char *name = spec ? spec->name : NULL;
    int st = dp_check_opts("drift", o);
    if (st < 0)
        return st;
    if (ref->n == 0 || cur->n == 0)
        return lt_seterr(LT_EINVAL, "drift: the %s %s has no rows",
                         ref->n == 0 ? "reference" : "current", name ? what(name, w) : "column");
    dpair p;
    if ((st = dp_pair_init(&p, "drift", name, ref, cur, spec, o, NAN)) < 0)
        return st;
    st = compare_pair(&p, o, out);
    dp_pair_fini(&p);
    return st;
}

void lt_drift_col_clear(lt_drift_col *c)
{
    free(c->name);
    free(c->why);
    free(c->note);
    free(c->hist.edges);
    for (int i = 0; i < c->hist.ncat; i++)
        free(c->hist.cats[i]);
    free(c->hist.cats);
    free(c->hist.ref);
    free(c->hist.cur);
    memset(c, 0, sizeof *c);
}

void lt_drift_free(lt_drift *d)
{
    if (!d)
        return;
    for (int j = 0; j < d->ncol; j++)
        lt_drift_col_clear(&d->cols[j]);
    free(d->cols);
    for (int j = 0; j < d->nskipped; j++)
        free(d->skipped[j]);
    free(d->skipped);
    free(d);
}
