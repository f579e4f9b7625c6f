/* Joins (see join.h): the keys of both frames are grouped together
 * (lt_groups_new2), so matching rows share a group id; the rows of one
 * side are bucketed by id (a counting sort), the other side probes the
 * buckets, and the output is described by two arrays of row indexes
 * (-1: no row, missing values) from which every column is gathered.  When
 * one side's rows come out exactly once and in order (a lookup of a
 * dimension table), its columns are shared instead of copied. */
#include "join.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "group.h"

enum { PAR_MIN = 1 << 16 };

#define PARFOR                                                          \
    _Pragma("omp parallel for schedule(static) if (n >= PAR_MIN)")       \
    for (int64_t i = 0; i < n; i++)

const char *lt_join_how_name(lt_join_how how)
{
    static const char *const names[] = { "inner", "left", "right", "full", "semi", "anti" };
    return (unsigned)how < sizeof names / sizeof *names ? names[how] : "?";
}


/* The code of string s in dict d through the cache map[code] (-1: not yet
 * interned), or < 0 on failure. */
static int32_t recode(lt_dict *d, const lt_col *c, int32_t code, int32_t *map)
{
    if (map[code] < 0) {
        size_t len;
        const char *s = lt_dict_str(c->dict, code, &len);
        map[code] = lt_dict_intern(d, s, len);
    }
    return map[code];
}

/* A full join's merged key: a's row ia[i] where there is one, else b's row
 * ib[i].  Strings on different dictionaries go to a new dictionary. */
static lt_col *coalesce(const lt_col *a, const int64_t *ia, const lt_col *b,
                        const int64_t *ib, int64_t n)
{
    bool redict = a->type == LT_STR && a->dict != b->dict;
    lt_dict *d = NULL;
    int32_t *map[2] = { NULL, NULL };
    lt_col *r;
    if (redict) {
        d = lt_dict_new();
        map[0] = malloc(((size_t)lt_dict_size(a->dict) + 1) * sizeof *map[0]);
        map[1] = malloc(((size_t)lt_dict_size(b->dict) + 1) * sizeof *map[1]);
        if (!d || !map[0] || !map[1]) {
            lt_dict_unref(d);
            free(map[0]);
            free(map[1]);
            lt_nomem();
            return NULL;
        }
        memset(map[0], 0xff, ((size_t)lt_dict_size(a->dict) + 1) * sizeof *map[0]);
        memset(map[1], 0xff, ((size_t)lt_dict_size(b->dict) + 1) * sizeof *map[1]);
        r = lt_col_new_str(n, d);
        lt_dict_unref(d);
    } else {
        r = a->type == LT_STR ? lt_col_new_str(n, a->dict) : lt_col_new(a->type, n);
    }
    if (!r)
        goto fail;
    r->tkind = a->tkind;
    for (int64_t i = 0; i < n; i++) {
        int side = ia[i] < 0;
        const lt_col *c = side ? b : a;
        int64_t j = side ? ib[i] : ia[i];
        if (lt_col_is_na(c, j)) {
            if (lt_col_set_na(r, i) < 0)
                goto fail;
            continue;
        }
        switch (a->type) {
        case LT_F64: lt_col_f64(r)[i] = lt_col_f64(c)[j]; break;
        case LT_I64:
        case LT_TIME: lt_col_i64(r)[i] = lt_col_i64(c)[j]; break;
        case LT_BOOL: lt_col_bool(r)[i] = lt_col_bool(c)[j]; break;
        case LT_STR: {
            int32_t code = lt_col_codes(c)[j];
            if (redict && (code = recode(d, c, code, map[side])) < 0)
                goto fail;
            lt_col_codes(r)[i] = code;
            break;
        }
        }
    }
    free(map[0]);
    free(map[1]);
    return lt_col_finish(r);
fail:
    free(map[0]);
    free(map[1]);
    lt_col_unref(r);
    return NULL;
}

/* ---- matching rows -------------------------------------------------------- */

/* The output rows: left row lidx[k] with right row ridx[k] (-1: none);
 * ridx is NULL for semi and anti joins.  lsame / rsame: that side's rows
 * are 0, 1, 2 ... (its columns are shared; its array may be NULL). */
typedef struct pairs {
    int64_t n;
    int64_t *lidx, *ridx;
    bool lsame, rsame;
} pairs;

static int alloc_pairs(pairs *p, int64_t n, bool right)
{
    p->n = n;
    p->lidx = malloc((size_t)(n ? n : 1) * sizeof *p->lidx);
    p->ridx = right ? malloc((size_t)(n ? n : 1) * sizeof *p->ridx) : NULL;
    if (!p->lidx || (right && !p->ridx))
        return lt_nomem();
    return 0;
}

/* The rows of side rows [lo, lo + n) of the joint groups, bucketed by
 * group: start[g] .. start[g+1] index rows (0-based within the side). */
static int bucket(const lt_groups *g, int64_t lo, int64_t n, int64_t **start, int64_t **rows)
{
    int64_t ng = g->ngroups;
    int64_t *st = calloc((size_t)ng + 1, sizeof *st);
    int64_t *rw = malloc((size_t)(n ? n : 1) * sizeof *rw);
    if (!st || !rw) {
        free(st);
        free(rw);
        return lt_nomem();
    }
    const int32_t *gid = g->gid + lo;
    for (int64_t i = 0; i < n; i++)
        st[gid[i] + 1]++;
    for (int64_t k = 0; k < ng; k++)
        st[k + 1] += st[k];
    for (int64_t i = 0; i < n; i++)
        rw[st[gid[i]]++] = i;
    memmove(st + 1, st, (size_t)ng * sizeof *st);
    st[0] = 0;
    *start = st;
    *rows = rw;
    return 0;
}

/* Inner, left and right joins: the probing side (left for inner/left,
 * right for right) probes the buckets of the other side; each probing row
 * gives its matches in order, or itself alone when `keep` and it has none.
 * When every probing row gives exactly one output row (a lookup), its
 * index array is the identity and is left NULL, and the other one is
 * filled on threads. */
static int probe(const lt_groups *g, int64_t na, int64_t nb, bool right, bool keep, pairs *p)
{
    int64_t nin = right ? na : nb, n = right ? nb : na;   /* bucketed side, probing side */
    int64_t *start = NULL, *rows = NULL;
    if (bucket(g, right ? 0 : na, nin, &start, &rows) < 0)
        return LT_ENOMEM;
    const int32_t *gid = g->gid + (right ? na : 0);
    int64_t total = 0;
    int notone = 0;   /* some probing row gives other than one output row */
    #pragma omp parallel for schedule(static) reduction(+: total) reduction(|: notone) \
        if (n >= PAR_MIN)
    for (int64_t i = 0; i < n; i++) {
        int64_t m = start[gid[i] + 1] - start[gid[i]];
        if (m == 0 && keep)
            m = 1;
        notone |= m != 1;
        total += m;
    }
    int status = 0;
    int64_t *pi, *mi;
    if (!notone) {
        p->n = total;
        mi = malloc((size_t)(n ? n : 1) * sizeof *mi);
        if (!mi) {
            status = lt_nomem();
            goto done;
        }
        PARFOR mi[i] = start[gid[i]] < start[gid[i] + 1] ? rows[start[gid[i]]] : -1;
        pi = NULL;
    } else {
        if ((status = alloc_pairs(p, total, true)) < 0)
            goto done;
        pi = right ? p->ridx : p->lidx;
        mi = right ? p->lidx : p->ridx;
        int64_t k = 0;
        for (int64_t i = 0; i < n; i++) {
            int64_t s = start[gid[i]], e = start[gid[i] + 1];
            if (s == e && keep) {
                pi[k] = i;
                mi[k++] = -1;
            }
            for (int64_t t = s; t < e; t++) {
                pi[k] = i;
                mi[k++] = rows[t];
            }
        }
    }
    if (right) {
        p->ridx = pi;
        p->lidx = mi;
        p->rsame = !notone;
    } else {
        p->lidx = pi;
        p->ridx = mi;
        p->lsame = !notone;
    }
done:
    free(start);
    free(rows);
    return status;
}

static int semi_anti(const lt_groups *g, int64_t na, int64_t nb, bool anti, pairs *p)
{
    uint8_t *has = calloc((size_t)g->ngroups + 1, 1);
    if (!has)
        return lt_nomem();
    for (int64_t j = 0; j < nb; j++)
        has[g->gid[na + j]] = 1;
    int64_t total = 0;
    for (int64_t i = 0; i < na; i++)
        total += has[g->gid[i]] != anti;
    if (alloc_pairs(p, total, false) < 0) {
        free(has);
        return LT_ENOMEM;
    }
    int64_t k = 0;
    for (int64_t i = 0; i < na; i++)
        if (has[g->gid[i]] != anti)
            p->lidx[k++] = i;
    p->lsame = total == na;
    free(has);
    return 0;
}

/* Full join over groups numbered in key order: in each group, the rows of
 * the left side come first (row order), then those of the right. */
static int full(const lt_groups *g, int64_t na, pairs *p)
{
    int64_t total = 0;
    for (int64_t k = 0; k < g->ngroups; k++) {
        int64_t s = g->start[k], e = g->start[k + 1], m = s;
        while (m < e && g->order[m] < na)
            m++;
        int64_t nl = m - s, nr = e - m;
        total += nl && nr ? nl * nr : nl + nr;
    }
    if (alloc_pairs(p, total, true) < 0)
        return LT_ENOMEM;
    int64_t t = 0;
    for (int64_t k = 0; k < g->ngroups; k++) {
        int64_t s = g->start[k], e = g->start[k + 1], m = s;
        while (m < e && g->order[m] < na)
            m++;
        if (m == s || m == e) {   /* one side only */
            for (int64_t u = s; u < e; u++) {
                int64_t row = g->order[u];
                p->lidx[t] = row < na ? row : -1;
                p->ridx[t++] = row < na ? -1 : row - na;
            }
            continue;
        }
        for (int64_t u = s; u < m; u++)
            for (int64_t v = m; v < e; v++) {
                p->lidx[t] = g->order[u];
                p->ridx[t++] = g->order[v] - na;
            }
    }
    return 0;
}

/* ---- the join ------------------------------------------------------------- */

/* Index of key `name` in f, or -1 with the message set. */
static int find_key(const lt_frame *f, const char *name, const char *side)
{
    int i = lt_frame_index(f, name);
    if (i >= 0)
        return i;
    const char *s = lt_frame_suggest(f, name);
    if (s)
        lt_seterr(LT_EINVAL, "join: key '%s' is not a column of the %s frame (did you mean '%s'?)",
                  name, side, s);
    else
        lt_seterr(LT_EINVAL, "join: key '%s' is not a column of the %s frame", name, side);
    return -1;
}

/* An output column: side 0 (left) or 1 (right) column `col`; `key` >= 0
 * for a left key merged with its right namesake (key index). */
typedef struct outcol {
    int side, col, key;
    const char *name, *suffix;
} outcol;

/* Names of the output columns with suffixes on clashes; 0 or LT_EINVAL. */
static int plan_names(outcol *oc, int noc, const char *sl, const char *sr, char **names)
{
    for (int a = 0; a < noc; a++) {
        oc[a].suffix = "";
        for (int b = 0; b < noc; b++)
            if (oc[b].side != oc[a].side && strcmp(oc[a].name, oc[b].name) == 0)
                oc[a].suffix = oc[a].side ? sr : sl;
    }
    for (int a = 0; a < noc; a++) {
        size_t len = strlen(oc[a].name) + strlen(oc[a].suffix) + 1;
        if (!(names[a] = malloc(len)))
            return lt_nomem();
        snprintf(names[a], len, "%s%s", oc[a].name, oc[a].suffix);
    }
    for (int a = 0; a < noc; a++)
        for (int b = a + 1; b < noc; b++)
            if (strcmp(names[a], names[b]) == 0)
                return lt_seterr(LT_EINVAL, "join: two columns would be named '%s' ("
                                 "'%s' of the %s frame and '%s' of the %s frame); "
                                 "choose other suffixes", names[a],
                                 oc[a].name, oc[a].side ? "right" : "left",
                                 oc[b].name, oc[b].side ? "right" : "left");
    return 0;
}

lt_frame *lt_frame_join(const lt_frame *l, const lt_frame *r, const char *const *lkeys,
                        const char *const *rkeys, int nkeys, lt_join_how how,
                        const char *suffix_l, const char *suffix_r)
{
    if ((unsigned)how > LT_JOIN_ANTI) {
        lt_seterr(LT_EINVAL, "join: unknown join kind %d", (int)how);
        return NULL;
    }
    if (nkeys <= 0 || !lkeys) {
        lt_seterr(LT_EINVAL, "join: no key columns given");
        return NULL;
    }
    if (!rkeys)
        rkeys = lkeys;
    if (!suffix_l)
        suffix_l = "_x";
    if (!suffix_r)
        suffix_r = "_y";
    lt_frame *out = NULL;
    lt_groups *g = NULL;
    pairs p = {0};
    int *li = malloc((size_t)nkeys * sizeof *li), *ri = malloc((size_t)nkeys * sizeof *ri);
    lt_col **lk = malloc((size_t)nkeys * sizeof *lk), **rk = malloc((size_t)nkeys * sizeof *rk);
    outcol *oc = malloc(((size_t)l->ncol + (size_t)r->ncol + 1) * sizeof *oc);
    char **names = calloc((size_t)l->ncol + (size_t)r->ncol + 1, sizeof *names);
    int noc = 0;
    if (!li || !ri || !lk || !rk || !oc || !names) {
        lt_nomem();
        goto done;
    }
    for (int k = 0; k < nkeys; k++) {
        if ((li[k] = find_key(l, lkeys[k], "left")) < 0 ||
            (ri[k] = find_key(r, rkeys[k], "right")) < 0)
            goto done;
        for (int j = 0; j < k; j++) {
            if (li[j] == li[k] || ri[j] == ri[k]) {
                bool left = li[j] == li[k];
                lt_seterr(LT_EINVAL, "join: key '%s' of the %s frame is given twice",
                          left ? lkeys[k] : rkeys[k], left ? "left" : "right");
                goto done;
            }
        }
        lk[k] = l->cols[li[k]];
        rk[k] = r->cols[ri[k]];
        if (lk[k]->type != rk[k]->type) {
            if (strcmp(lkeys[k], rkeys[k]) == 0)
                lt_seterr(LT_ETYPE, "join: key '%s' is %s on the left and %s on the right",
                          lkeys[k], lt_type_name(lk[k]->type), lt_type_name(rk[k]->type));
            else
                lt_seterr(LT_ETYPE, "join: key '%s' of the left frame is %s and key '%s' of "
                          "the right frame is %s", lkeys[k], lt_type_name(lk[k]->type),
                          rkeys[k], lt_type_name(rk[k]->type));
            goto done;
        }
    }

    /* The output columns and their names. */
    bool both = how != LT_JOIN_SEMI && how != LT_JOIN_ANTI;
    for (int i = 0; i < l->ncol; i++) {
        int key = -1;
        for (int k = 0; k < nkeys; k++)
            if (li[k] == i && strcmp(lkeys[k], rkeys[k]) == 0)
                key = k;
        oc[noc++] = (outcol){ 0, i, both ? key : -1, l->names[i], "" };
    }
    for (int j = 0; both && j < r->ncol; j++) {
        bool merged = false;
        for (int k = 0; k < nkeys; k++)
            merged |= ri[k] == j && strcmp(lkeys[k], rkeys[k]) == 0;
        if (!merged)
            oc[noc++] = (outcol){ 1, j, -1, r->names[j], "" };
    }
    if (plan_names(oc, noc, suffix_l, suffix_r, names) < 0)
        goto done;

    /* Match the rows. */
    int64_t na = l->nrow, nb = r->nrow;
    int flags = how == LT_JOIN_FULL ? LT_GROUPS_SORTED : LT_GROUPS_NO_ROWS;
    if (!(g = lt_groups_new2(lk, rk, nkeys, na, nb, flags))) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", lt_errmsg());
        lt_seterr(lt_errcode(), "join: %s", msg);
        goto done;
    }
    int status = 0;
    switch (how) {
    case LT_JOIN_INNER: status = probe(g, na, nb, false, false, &p); break;
    case LT_JOIN_LEFT: status = probe(g, na, nb, false, true, &p); break;
    case LT_JOIN_RIGHT: status = probe(g, na, nb, true, true, &p); break;
    case LT_JOIN_FULL: status = full(g, na, &p); break;
    case LT_JOIN_SEMI: status = semi_anti(g, na, nb, false, &p); break;
    case LT_JOIN_ANTI: status = semi_anti(g, na, nb, true, &p); break;
    }
    lt_groups_free(g);
    g = NULL;
    if (status < 0)
        goto done;

    /* Gather the columns. */
    if (!(out = lt_frame_new()))
        goto done;
    for (int a = 0; a < noc; a++) {
        const outcol *o = &oc[a];
        lt_col *c;
        bool shared = false;
        if (o->key >= 0 && how == LT_JOIN_RIGHT) {
            c = r->cols[ri[o->key]];
            shared = p.rsame;
            if (!shared)
                c = lt_col_take(c, p.ridx, p.n);
        } else if (o->key >= 0 && how == LT_JOIN_FULL) {
            c = coalesce(l->cols[o->col], p.lidx, r->cols[ri[o->key]], p.ridx, p.n);
        } else {
            c = o->side ? r->cols[o->col] : l->cols[o->col];
            shared = o->side ? p.rsame : p.lsame;
            if (!shared)
                c = lt_col_take(c, o->side ? p.ridx : p.lidx, p.n);
        }
        if (!c)
            goto fail;
        int rc = lt_frame_add(out, names[a], c);
        if (!shared)
            lt_col_unref(c);
        if (rc < 0)
            goto fail;
    }
    goto done;
fail:
    lt_frame_free(out);
    out = NULL;
done:
    for (int a = 0; names && a < noc; a++)
        free(names[a]);
    free(names);
    free(oc);
    free(li);
    free(ri);
    free(lk);
    free(rk);
    free(p.lidx);
    free(p.ridx);
    lt_groups_free(g);
    return out;
}
