/* Class labels: the truth and prediction columns of a classifier coded
 * over their common, sorted labels (see labels.h).
 *
 * One pass over the rows gives each column's values local ids in order
 * of first appearance (a table by dictionary code for strings, a small
 * hash table for integers), so 10M rows cost one lookup each; the few
 * distinct labels are then written as text, merged, sorted, and the local
 * ids remapped to the sorted order. */
#include "labels.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"

/* ---- label text ------------------------------------------------------- */

/* Does s read as a decimal integer ("-12", "7"; no sign '+', no spaces)?
 * Its value goes to *v. */
static bool parse_int(const char *s, long long *v)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    errno = 0;
    char *end;
    *v = strtoll(s, &end, 10);
    return errno == 0 && *end == '\0';
}

static char *dupstr(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

static char *int_text(long long v)
{
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%lld", v);
    return dupstr(buf, (size_t)len);
}

/* An f64 class label: a finite whole number that an int64 holds. */
static bool integral(double v)
{
    return v == trunc(v) && fabs(v) < 0x1p63;
}

/* ---- the labels of one column ----------------------------------------- */

typedef struct local {
    const lt_col *c;
    const char *what;    /* "truth", "predictions": for messages */
    int nids, cap;
    int64_t *value;      /* per id: the dictionary code, integer, or 0/1 */
    int32_t *bycode;     /* LT_STR: id per dictionary code, -1 when unseen */
    int64_t *hkey;       /* LT_I64 / LT_F64: open addressing, hcap slots */
    int32_t *hid;        /* id per slot, -1 when empty */
    size_t hcap;
    int32_t byb[2];      /* LT_BOOL: id of false and true */
    int32_t *global;     /* per id: the index in the sorted labels */
} local;

static void local_fini(local *l)
{
    free(l->value);
    free(l->bycode);
    free(l->hkey);
    free(l->hid);
    free(l->global);
}

static int local_init(local *l, const lt_col *c, const char *what)
{
    memset(l, 0, sizeof *l);
    l->c = c;
    l->what = what;
    l->byb[0] = l->byb[1] = -1;
    switch (c->type) {
    case LT_STR: {
        int32_t size = lt_dict_size(c->dict);
        l->bycode = malloc((size_t)(size > 0 ? size : 1) * sizeof *l->bycode);
        if (!l->bycode)
            return lt_nomem();
        for (int32_t i = 0; i < size; i++)
            l->bycode[i] = -1;
        return 0;
    }
    case LT_I64:
    case LT_F64:
        l->hcap = 16;
        l->hkey = malloc(l->hcap * sizeof *l->hkey);
        l->hid = malloc(l->hcap * sizeof *l->hid);
        if (!l->hkey || !l->hid)
            return lt_nomem();
        for (size_t i = 0; i < l->hcap; i++)
            l->hid[i] = -1;
        return 0;
    case LT_BOOL:
        return 0;
    case LT_TIME:
        break;
    }
    return lt_seterr(LT_ETYPE, "%s is a %s column; expected class labels (str, bool or "
                     "integers)", what, lt_col_type_label(c));
}

/* A new id for value v; LT_EINVAL past max_classes (> 0). */
static int new_id(local *l, int64_t v, int max_classes)
{
    if (max_classes > 0 && l->nids >= max_classes)
        return lt_seterr(LT_EINVAL, "%s has more than %d classes; expected class labels",
                         l->what, max_classes);
    if (l->nids == l->cap) {
        int cap = l->cap ? 2 * l->cap : 8;
        int64_t *nv = realloc(l->value, (size_t)cap * sizeof *nv);
        if (!nv)
            return lt_nomem();
        l->value = nv;
        l->cap = cap;
    }
    l->value[l->nids] = v;
    return l->nids++;
}

static size_t hash64(int64_t v)
{
    uint64_t x = (uint64_t)v;
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    return (size_t)x;
}

static int grow_hash(local *l)
{
    size_t cap = 2 * l->hcap;
    int64_t *key = malloc(cap * sizeof *key);
    int32_t *id = malloc(cap * sizeof *id);
    if (!key || !id) {
        free(key);
        free(id);
        return lt_nomem();
    }
    for (size_t i = 0; i < cap; i++)
        id[i] = -1;
    for (size_t i = 0; i < l->hcap; i++) {
        if (l->hid[i] < 0)
            continue;
        size_t h = hash64(l->hkey[i]) & (cap - 1);
        while (id[h] >= 0)
            h = (h + 1) & (cap - 1);
        key[h] = l->hkey[i];
        id[h] = l->hid[i];
    }
    free(l->hkey);
    free(l->hid);
    l->hkey = key;
    l->hid = id;
    l->hcap = cap;
    return 0;
}

static int int_id(local *l, int64_t v, int max_classes)
{
    size_t h = hash64(v) & (l->hcap - 1);
    while (l->hid[h] >= 0) {
        if (l->hkey[h] == v)
            return l->hid[h];
        h = (h + 1) & (l->hcap - 1);
    }
    int id = new_id(l, v, max_classes);
    if (id < 0)
        return id;
    l->hkey[h] = v;
    l->hid[h] = id;
    if ((size_t)l->nids * 2 > l->hcap) {
        int rc = grow_hash(l);
        if (rc < 0)
            return rc;
    }
    return id;
}

/* The id kept in *slot (-1: none yet) for value v, made on first use. */
static int slot_id(local *l, int32_t *slot, int64_t v, int max_classes)
{
    if (*slot < 0) {
        int id = new_id(l, v, max_classes);
        if (id < 0)
            return id;
        *slot = id;
    }
    return *slot;
}

/* The id of row i's value (not missing), or a negative code. */
static int row_id(local *l, int64_t i, int max_classes)
{
    const lt_col *c = l->c;
    switch (c->type) {
    case LT_STR: {
        int32_t code = lt_col_codes(c)[i];
        return slot_id(l, &l->bycode[code], code, max_classes);
    }
    case LT_BOOL: {
        int b = lt_col_bool(c)[i] != 0;
        return slot_id(l, &l->byb[b], b, max_classes);
    }
    case LT_I64:
        return int_id(l, lt_col_i64(c)[i], max_classes);
    case LT_F64: {
        double v = lt_col_f64(c)[i];
        if (!integral(v))
            return lt_seterr(LT_ETYPE, "%s is a number column with fractional values (%g at "
                             "row %" PRId64 "); expected class labels", l->what, v, i + 1);
        return int_id(l, (int64_t)v, max_classes);
    }
    case LT_TIME:
        break;
    }
    return lt_seterr(LT_ETYPE, "%s: unexpected column type", l->what);
}

/* The text of id. */
static char *id_text(const local *l, int id)
{
    int64_t v = l->value[id];
    switch (l->c->type) {
    case LT_STR: {
        size_t len;
        const char *s = lt_dict_str(l->c->dict, (int32_t)v, &len);
        return dupstr(s, len);
    }
    case LT_BOOL:
        return dupstr(v ? "true" : "false", v ? 4 : 5);
    default:
        return int_text((long long)v);
    }
}

/* ---- sorting ---------------------------------------------------------- */

typedef struct entry {
    char *text;
    long long num;
    local *src;
    int id;
} entry;

static int cmp_bytes(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->text, ((const entry *)b)->text);
}

static int cmp_num(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return strcmp(x->text, y->text);   /* "007" and "7" stay two labels */
}

void lt_labels_fini(lt_labels *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->k; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->k = 0;
}

/* Merge the ids of the columns into sorted labels and set each local's
 * global map. */
static int merge(local *const *ls, int nl, int max_classes, lt_labels *out)
{
    int total = 0;
    for (int j = 0; j < nl; j++)
        total += ls[j]->nids;
    entry *e = calloc((size_t)(total > 0 ? total : 1), sizeof *e);
    int rc = e ? 0 : lt_nomem();
    int ne = 0;
    bool allint = true;
    for (int j = 0; rc == 0 && j < nl; j++) {
        ls[j]->global = malloc((size_t)(ls[j]->nids > 0 ? ls[j]->nids : 1) * sizeof(int32_t));
        if (!ls[j]->global)
            rc = lt_nomem();
        for (int id = 0; rc == 0 && id < ls[j]->nids; id++, ne++) {
            e[ne].text = id_text(ls[j], id);
            e[ne].src = ls[j];
            e[ne].id = id;
            if (!e[ne].text)
                rc = lt_nomem();
            else if (!parse_int(e[ne].text, &e[ne].num))
                allint = false;
        }
    }
    if (rc == 0) {
        qsort(e, (size_t)ne, sizeof *e, allint ? cmp_num : cmp_bytes);
        out->names = malloc((size_t)(ne > 0 ? ne : 1) * sizeof *out->names);
        if (!out->names)
            rc = lt_nomem();
    }
    for (int i = 0; rc == 0 && i < ne; i++) {
        if (out->k == 0 || strcmp(out->names[out->k - 1], e[i].text) != 0) {
            out->names[out->k++] = e[i].text;
            e[i].text = NULL;
        }
        e[i].src->global[e[i].id] = out->k - 1;
    }
    if (rc == 0 && max_classes > 0 && out->k > max_classes)
        rc = lt_seterr(LT_EINVAL, "truth and predictions have %d classes together; expected "
                       "at most %d", out->k, max_classes);
    for (int i = 0; e && i < ne; i++)
        free(e[i].text);
    free(e);
    return rc;
}

int lt_labels_encode(const lt_col *truth, const lt_col *pred, int max_classes,
                     lt_labels *out, int32_t *truth_code, int32_t *pred_code,
                     int64_t *nkept)
{
    memset(out, 0, sizeof *out);
    *nkept = 0;
    if (pred && pred->n != truth->n)
        return lt_seterr(LT_ELENGTH, "truth has %" PRId64 " rows and predictions %" PRId64
                         "; expected the same length", truth->n, pred->n);
    local lt, lp;
    local *ls[2] = {&lt, &lp};
    int nl = pred ? 2 : 1;
    int rc = local_init(&lt, truth, "truth");
    if (rc == 0 && pred)
        rc = local_init(&lp, pred, "predictions");
    else if (pred)
        memset(&lp, 0, sizeof lp);
    int64_t nk = 0;
    for (int64_t i = 0; rc == 0 && i < truth->n; i++) {
        if (lt_col_is_na(truth, i) || (pred && lt_col_is_na(pred, i)))
            continue;
        int t = row_id(&lt, i, max_classes);
        int p = t >= 0 && pred ? row_id(&lp, i, max_classes) : 0;
        if (t < 0 || p < 0) {
            rc = t < 0 ? t : p;
            break;
        }
        truth_code[nk] = t;
        if (pred && pred_code)
            pred_code[nk] = p;
        nk++;
    }
    if (rc == 0)
        rc = merge(ls, nl, max_classes, out);
    if (rc == 0) {
        for (int64_t i = 0; i < nk; i++)
            truth_code[i] = lt.global[truth_code[i]];
        if (pred && pred_code)
            for (int64_t i = 0; i < nk; i++)
                pred_code[i] = lp.global[pred_code[i]];
        *nkept = nk;
    } else {
        lt_labels_fini(out);
    }
    local_fini(&lt);
    if (pred)
        local_fini(&lp);
    return rc;
}

/* ---- the positive class ----------------------------------------------- */

int lt_labels_find(const lt_labels *l, const char *name)
{
    for (int i = 0; i < l->k; i++)
        if (strcmp(l->names[i], name) == 0)
            return i;
    return -1;
}

int lt_labels_default_positive_why(const lt_labels *l, const lt_col *truth,
                                   const char **why)
{
    static const char *const yes[] = {"yes", "true", "y", "t", "positive", "pos"};
    const char *dummy;
    if (!why)
        why = &dummy;
    if (l->k == 0) {
        *why = "no labels";
        return -1;
    }
    if (l->k == 1) {
        *why = "the only label";
        return 0;
    }
    int i;
    if (truth->type == LT_BOOL && (i = lt_labels_find(l, "true")) >= 0) {
        *why = "true of a bool column";
        return i;
    }
    /* 0/1 as numbers or as text; a 1 beside other labels (1/2) is no
     * "yes" */
    if (l->k == 2 && strcmp(l->names[0], "0") == 0 && strcmp(l->names[1], "1") == 0) {
        *why = "1 of 0/1 labels";
        return 1;
    }
    for (size_t w = 0; w < sizeof yes / sizeof *yes; w++)
        for (i = 0; i < l->k; i++)
            if (strcasecmp(l->names[i], yes[w]) == 0) {
                *why = "it reads as yes";
                return i;
            }
    *why = "the last label in sorted order";
    return l->k - 1;
}

int lt_labels_default_positive(const lt_labels *l, const lt_col *truth)
{
    return lt_labels_default_positive_why(l, truth, NULL);
}

/* ---- truth as 0/1 ----------------------------------------------------- */

/* "classes: 'No', 'Yes'" (at most 10 shown) into buf. */
static void list_classes(const lt_col *truth, char *buf, size_t cap)
{
    lt_labels l;
    int64_t nk;
    int32_t *codes = malloc((size_t)(truth->n > 0 ? truth->n : 1) * sizeof *codes);
    if (!codes || lt_labels_encode(truth, NULL, 0, &l, codes, NULL, &nk) != 0) {
        free(codes);
        snprintf(buf, cap, "classes unknown (%s)", lt_errmsg());
        return;
    }
    free(codes);
    if (l.k == 0) {
        snprintf(buf, cap, "truth has no values");
        lt_labels_fini(&l);
        return;
    }
    size_t len = (size_t)snprintf(buf, cap, "classes: ");
    for (int i = 0; i < l.k && len < cap; i++) {
        if (i == 10) {
            snprintf(buf + len, cap - len, " … (%d in all)", l.k);
            break;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s'%s'", i ? ", " : "", l.names[i]);
    }
    lt_labels_fini(&l);
}

int lt_labels_binary(const lt_col *truth, const char *positive, const lt_col *score,
                     uint8_t *out, double *score_out, int64_t *nkept)
{
    *nkept = 0;
    if (score->n != truth->n)
        return lt_seterr(LT_ELENGTH, "truth has %" PRId64 " rows and scores %" PRId64
                         "; expected the same length", truth->n, score->n);
    if (!lt_type_is_numeric(score->type))
        return lt_seterr(LT_ETYPE, "scores are a %s column; expected numbers (f64, i64 or "
                         "bool)", lt_col_type_label(score));
    /* the value of `positive` in truth's own type; `none` when it cannot
     * be one (a word against integers) */
    bool none = false;
    int64_t want = 0;
    long long v = 0;
    switch (truth->type) {
    case LT_STR:
        want = lt_dict_find(truth->dict, positive, strlen(positive));
        none = want < 0;
        break;
    case LT_BOOL:
        none = strcmp(positive, "true") != 0 && strcmp(positive, "false") != 0;
        want = strcmp(positive, "true") == 0;
        break;
    case LT_I64:
    case LT_F64:
        none = !parse_int(positive, &v);
        want = v;
        break;
    case LT_TIME:
        return lt_seterr(LT_ETYPE, "truth is a %s column; expected class labels (str, bool "
                         "or integers)", lt_col_type_label(truth));
    }
    int64_t nk = 0, found = 0;
    for (int64_t i = 0; i < truth->n; i++) {
        if (lt_col_is_na(truth, i))
            continue;
        bool hit;
        switch (truth->type) {
        case LT_STR:
            hit = lt_col_codes(truth)[i] == want;
            break;
        case LT_BOOL:
            hit = lt_col_bool(truth)[i] == want;
            break;
        case LT_I64:
            hit = lt_col_i64(truth)[i] == want;
            break;
        default: {
            double t = lt_col_f64(truth)[i];
            if (!integral(t))
                return lt_seterr(LT_ETYPE, "truth is a number column with fractional values "
                                 "(%g at row %" PRId64 "); expected class labels", t, i + 1);
            hit = (int64_t)t == want;
            break;
        }
        }
        hit = hit && !none;
        found += hit;
        double s = lt_col_get_num(score, i);
        if (isnan(s))
            continue;
        out[nk] = hit;
        score_out[nk] = s;
        nk++;
    }
    if (found == 0) {
        char buf[512];
        list_classes(truth, buf, sizeof buf);
        return lt_seterr(LT_EINVAL, "positive = '%s' is not a class of truth; %s", positive,
                         buf);
    }
    *nkept = nk;
    return 0;
}
