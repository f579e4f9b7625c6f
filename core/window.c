/* Window functions (see window.h): the LT_FN_WINDOW entries of the
 * function table and their kernels.
 *
 * Most functions share one driver, run(), and one of two ways through the
 * rows:
 * - Windows (and ranks): for each group, gather the group's values into
 *   contiguous buffers (doubles, or int64 with missing flags), run a
 *   kernel over them, and scatter the results back to the group's rows.
 *   Groups run in parallel, each one sequentially.
 * - Running scans (cumsum, ewm_mean, row_number ...), whose state per group
 *   is a few bytes: one pass over the rows in row order, keeping the state
 *   of every group in an array indexed by the group id, as pandas'
 *   groupby does.  Reading and writing the columns in order is several
 *   times faster than gathering groups whose rows interleave.
 * An ungrouped frame skips the copies: the kernel reads the column and
 * writes the result in place.  Either way each group's values go through
 * the same operations in the same order, so results never depend on the
 * thread count; a kernel that fails (an i64 overflow, a time column out of
 * order) reports its first bad row and the driver keeps the lowest such
 * row of all groups. */
#include "window.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "fn.h"
#include "ops.h"
#include "timefmt.h"

/* Below this many rows the groups run on one thread. */
enum { PAR_MIN = 1 << 16 };

/* ---- parameters ---------------------------------------------------------- */

/* A one-value parameter column, not missing. */
static int param_one(const lt_col *c, const char *name)
{
    if (c->n != 1)
        return lt_seterr(LT_EINVAL, "%s must be one value, got a column of %" PRId64 " values",
                         name, c->n);
    if (lt_col_is_na(c, 0))
        return lt_seterr(LT_EINVAL, "%s is missing; expected a value", name);
    return 0;
}

/* A whole number (i64, or f64 without a fraction). */
static int param_int(const lt_col *c, const char *name, int64_t *out)
{
    int st = param_one(c, name);
    if (st < 0)
        return st;
    if (c->type == LT_I64) {
        *out = lt_col_i64(c)[0];
        return 0;
    }
    if (c->type == LT_F64) {
        double v = lt_col_f64(c)[0];
        if (!isfinite(v) || v != floor(v))
            return lt_seterr(LT_EINVAL, "%s = %g is not a whole number", name, v);
        /* beyond 2^62 every shift and width means "more than all rows" */
        *out = fabs(v) < 0x1p62 ? (int64_t)v : v < 0 ? -(INT64_C(1) << 62) : INT64_C(1) << 62;
        return 0;
    }
    return lt_seterr(LT_ETYPE, "%s must be a whole number, got a %s value", name,
                     lt_type_name(c->type));
}

int lt_window_parse_duration(const char *s, size_t len, int64_t *us)
{
    static const struct { const char *unit; int64_t us; } units[] = {
        { "w", 7 * LT_US_PER_DAY }, { "d", LT_US_PER_DAY },
        { "h", INT64_C(3600000000) }, { "m", 60000000 }, { "min", 60000000 },
        { "s", 1000000 }, { "ms", 1000 },
    };
    size_t i = 0;
    uint64_t count = 0;
    while (i < len && isdigit((unsigned char)s[i])) {
        if (count > UINT64_C(1) << 60)
            goto bad;
        count = count * 10 + (uint64_t)(s[i] - '0');
        i++;
    }
    if (i == 0 || i == len)
        goto bad;
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        if (strlen(units[u].unit) != len - i || strncasecmp(units[u].unit, s + i, len - i) != 0)
            continue;
        if (count == 0)
            return lt_seterr(LT_EINVAL, "width '%.*s' is not positive; expected a duration "
                             "such as '7d'", (int)len, s);
        if (count > (uint64_t)(INT64_MAX / units[u].us))
            return lt_seterr(LT_EINVAL, "width '%.*s' is too long a duration", (int)len, s);
        *us = (int64_t)count * units[u].us;
        return 0;
    }
bad:
    return lt_seterr(LT_EINVAL, "width '%.*s' is not a duration; expected a whole count and "
                     "a unit w, d, h, m (minutes), s or ms, such as '7d' or '90s'", (int)len, s);
}

/* LT_ETYPE unless x is a number column (or time, when time_ok). */
static int check_num(const lt_col *x, bool time_ok)
{
    if (lt_type_is_numeric(x->type) || (time_ok && x->type == LT_TIME))
        return 0;
    return lt_seterr(LT_ETYPE, "expected a number column (f64, i64 or bool)%s, got %s",
                     time_ok ? " or a time column" : "", lt_type_name(x->type));
}

/* The subject must have one value per row. */
static int check_len(const lt_col *x, const lt_fn_ctx *ctx)
{
    if (x->n == ctx->nrow)
        return 0;
    return lt_seterr(LT_ELENGTH, "the column has %" PRId64 " values, expected one per row "
                     "(%" PRId64 ")", x->n, ctx->nrow);
}

/* ---- the driver ---------------------------------------------------------- */

/* One group's data as a kernel sees it: n values in row order. */
typedef struct seg {
    int64_t n;
    const double *xf;     /* input as doubles, NaN = missing */
    const int64_t *xi;    /* input as int64 ... */
    const uint8_t *xna;   /* ... with xna[k] = 1 when missing (NULL: none) */
    const int64_t *t;     /* the time column `on`, or NULL ... */
    const uint8_t *tna;   /* ... and its missing flags (NULL: none) */
    double *of;           /* output doubles (NaN = missing), or */
    int64_t *oi;          /* output int64 with */
    uint8_t *ona;         /* ona[k] = 1 when missing; every k is written */
    void *scratch;
    const void *par;
    const int32_t *gid;   /* scans in row order: the group of each k ... */
    void *states;         /* ... and the states of the groups; else NULL
                             and one state */
    int64_t bad;          /* on failure: the first bad k */
} seg;

/* Kernel failures. */
enum { K_OK, K_OVERFLOW, K_TIME_NA, K_TIME_ORDER, K_NOMEM };

typedef int (*kernel_fn)(seg *s);

typedef struct plan {
    kernel_fn k;
    const void *par;
    const double *srcf;      /* input as doubles (NaN missing), or NULL */
    const int64_t *srci;     /* input as int64, or NULL */
    const uint8_t *srcvalid; /* validity bitmap of srci, or NULL */
    const int64_t *tsrc;     /* the time column, or NULL */
    const uint8_t *tvalid;
    lt_time_kind ttkind;     /* how to show those times in messages */
    lt_type out;             /* LT_F64: kernel writes `of`; else oi/ona */
    lt_time_kind tkind;
    size_t scratch;          /* scratch bytes per row of the largest group */
    size_t state;            /* a scan: bytes of state per group (zeroed to
                                start), or 0 */
    const char *overflow;    /* "running sum": what overflowed */
} plan;

/* Per-thread buffers, each sized for the largest group. */
typedef struct bufs {
    double *xf, *of;
    int64_t *xi, *t, *oi;
    uint8_t *xna, *tna, *ona;
    void *scratch;
    void *state;             /* a scan's state for one group */
} bufs;

static void bufs_free(bufs *b)
{
    free(b->xf);
    free(b->of);
    free(b->xi);
    free(b->t);
    free(b->oi);
    free(b->xna);
    free(b->tna);
    free(b->ona);
    free(b->scratch);
    free(b->state);
}

static int bufs_alloc(bufs *b, const plan *p, int64_t m, bool grouped)
{
    memset(b, 0, sizeof *b);
    size_t n = (size_t)(m ? m : 1);
    bool ok = true;
#define ALLOC(field, cond) \
    if (cond) ok = ok && (b->field = malloc(n * sizeof *b->field)) != NULL
    ALLOC(xf, grouped && p->srcf);
    ALLOC(xi, grouped && p->srci);
    ALLOC(xna, p->srcvalid);
    ALLOC(t, grouped && p->tsrc);
    ALLOC(tna, p->tvalid);
    ALLOC(of, grouped && p->out == LT_F64);
    ALLOC(oi, grouped && p->out != LT_F64);
    ALLOC(ona, grouped && p->out != LT_F64);
#undef ALLOC
    if (p->scratch)
        ok = ok && (b->scratch = malloc(n * p->scratch)) != NULL;
    if (p->state)
        ok = ok && (b->state = malloc(p->state)) != NULL;
    if (!ok)
        bufs_free(b);
    return ok ? 0 : -1;
}

static inline bool bit_na(const uint8_t *valid, int64_t i)
{
    return !((valid[i >> 3] >> (i & 7)) & 1);
}

/* Missing flags of rows rows[0..m) (rows NULL: 0..m). */
static void na_flags(const uint8_t *valid, const int64_t *rows, int64_t m, uint8_t *na)
{
    if (rows)
        for (int64_t k = 0; k < m; k++)
            na[k] = bit_na(valid, rows[k]);
    else
        for (int64_t k = 0; k < m; k++)
            na[k] = bit_na(valid, k);
}

/* The values of rows[0..m) of src, gathered into buf; src itself when
 * rows is NULL (ungrouped: the rows are 0..m-1). */
#define DEFINE_GROUP_ROWS(NAME, T)                                              \
    static const T *NAME(const T *src, const int64_t *rows, int64_t m, T *buf) \
    {                                                                           \
        if (!rows)                                                              \
            return src;                                                         \
        for (int64_t k = 0; k < m; k++)                                         \
            buf[k] = src[rows[k]];                                              \
        return buf;                                                             \
    }
DEFINE_GROUP_ROWS(group_rows_f64, double)
DEFINE_GROUP_ROWS(group_rows_i64, int64_t)

/* What run() learns of failures, across threads. */
typedef struct failure {
    int code;
    int64_t row, prev;       /* the bad row and, for K_TIME_ORDER, the row before it */
} failure;

/* Run the kernel on group g (rows[0..m), rows NULL when ungrouped). */
static int run_group(const plan *p, const int64_t *rows, int64_t m, bufs *b, double *of,
                     int64_t *oi, uint8_t *ona, failure *fail)
{
    seg s = { .n = m, .par = p->par, .scratch = b->scratch, .states = b->state };
    if (p->state)
        memset(b->state, 0, p->state);
    if (p->srcf)
        s.xf = group_rows_f64(p->srcf, rows, m, b->xf);
    if (p->srci)
        s.xi = group_rows_i64(p->srci, rows, m, b->xi);
    if (p->srcvalid) {
        na_flags(p->srcvalid, rows, m, b->xna);
        s.xna = b->xna;
    }
    if (p->tsrc)
        s.t = group_rows_i64(p->tsrc, rows, m, b->t);
    if (p->tvalid) {
        na_flags(p->tvalid, rows, m, b->tna);
        s.tna = b->tna;
    }
    if (p->out == LT_F64) {
        s.of = rows ? b->of : of;
    } else {
        s.oi = rows ? b->oi : oi;
        s.ona = rows ? b->ona : ona;
    }
    int code = p->k(&s);
    if (code != K_OK) {
        fail->code = code;
        fail->row = rows ? rows[s.bad] : s.bad;
        fail->prev = s.bad > 0 ? (rows ? rows[s.bad - 1] : s.bad - 1) : -1;
        return code;
    }
    if (rows) {
        if (p->out == LT_F64) {
            for (int64_t k = 0; k < m; k++)
                of[rows[k]] = b->of[k];
        } else {
            for (int64_t k = 0; k < m; k++) {
                oi[rows[k]] = b->oi[k];
                ona[rows[k]] = b->ona[k];
            }
        }
    }
    return K_OK;
}

/* A scan over all rows in row order, the states of the groups in one
 * array (see the top of the file).  K_OK, a kernel failure in *fail, or
 * K_NOMEM. */
static int scan_rows(const plan *p, const lt_fn_ctx *ctx, double *of, int64_t *oi,
                     uint8_t *ona, failure *fail)
{
    int64_t n = ctx->nrow;
    void *states = calloc((size_t)(ctx->ngroups ? ctx->ngroups : 1), p->state);
    uint8_t *xna = p->srcvalid ? malloc((size_t)(n ? n : 1)) : NULL;
    if (!states || (p->srcvalid && !xna)) {
        free(states);
        free(xna);
        return K_NOMEM;
    }
    if (xna)
        na_flags(p->srcvalid, NULL, n, xna);
    seg s = { .n = n, .xf = p->srcf, .xi = p->srci, .xna = xna, .of = of, .oi = oi,
              .ona = ona, .par = p->par, .gid = ctx->gid, .states = states };
    int code = p->k(&s);
    if (code != K_OK) {
        fail->code = code;
        fail->row = s.bad;
        fail->prev = -1;
    }
    free(states);
    free(xna);
    return code;
}

/* Set lt_errmsg for a kernel failure. */
static void failure_msg(const failure *f, const plan *p, const lt_fn_ctx *ctx)
{
    long long row = (long long)f->row + 1;
    const char *within = ctx->order ? " within its group" : "";
    char a[32], b[32];
    switch (f->code) {
    case K_OVERFLOW:
        lt_seterr(LT_ERANGE, "the %s overflows i64 at row %lld; convert the column to f64 "
                  "first", p->overflow, row);
        break;
    case K_TIME_NA:
        lt_seterr(LT_EINVAL, "the time column to window on is missing at row %lld; it must "
                  "have a value in every row", row);
        break;
    case K_TIME_ORDER:
        lt_time_format(p->tsrc[f->row], p->ttkind, a, sizeof a);
        lt_time_format(p->tsrc[f->prev], p->ttkind, b, sizeof b);
        lt_seterr(LT_EINVAL, "the time column to window on is not ascending%s: row %lld "
                  "(%s) comes after row %lld (%s); sort by it first",
                  within, row, a, (long long)f->prev + 1, b);
        break;
    default:
        lt_nomem();
    }
}

/* Run the kernel group by group (see the top of the file), in parallel
 * when there are many rows.  K_OK, K_NOMEM, or a kernel failure: the one
 * of the lowest row of all groups, in *worst. */
static int run_groups(const plan *p, const lt_fn_ctx *ctx, double *of, int64_t *oi,
                      uint8_t *ona, failure *worst)
{
    bool grouped = ctx->order != NULL;
    int64_t maxg = 0;
    for (int64_t g = 0; g < ctx->ngroups; g++) {
        int64_t m = lt_fn_group_size(ctx, g);
        if (m > maxg)
            maxg = m;
    }
    bool nomem = false;
#pragma omp parallel if (grouped && ctx->ngroups > 1 && ctx->nrow >= PAR_MIN)
    {
        bufs b;
        bool mine = bufs_alloc(&b, p, maxg, grouped) == 0;
        if (!mine) {
#pragma omp atomic write
            nomem = true;
        }
#pragma omp for schedule(dynamic, 4)
        for (int64_t g = 0; g < ctx->ngroups; g++) {
            if (!mine)
                continue;
            const int64_t *rows = grouped ? ctx->order + ctx->start[g] : NULL;
            failure f;
            if (run_group(p, rows, lt_fn_group_size(ctx, g), &b, of, oi, ona, &f) != K_OK) {
#pragma omp critical(lt_window_fail)
                if (f.row < worst->row)
                    *worst = f;
            }
        }
        if (mine)
            bufs_free(&b);
    }
    return nomem ? K_NOMEM : worst->code;
}

/* Run plan p over every group of ctx; a new column of type p->out. */
static lt_col *run(const plan *p, const lt_fn_ctx *ctx)
{
    int64_t n = ctx->nrow;
    bool grouped = ctx->order != NULL;
    lt_col *r = lt_col_new(p->out, n);
    if (!r)
        return NULL;
    if (p->out == LT_TIME)
        r->tkind = p->tkind;
    double *of = p->out == LT_F64 ? lt_col_f64(r) : NULL;
    int64_t *oi = NULL;
    uint8_t *ona = NULL;
    if (p->out != LT_F64) {
        oi = p->out == LT_BOOL ? malloc((size_t)(n ? n : 1) * sizeof *oi) : lt_col_i64(r);
        ona = malloc((size_t)(n ? n : 1));
        if (!oi || !ona) {
            if (p->out == LT_BOOL)
                free(oi);
            free(ona);
            lt_col_unref(r);
            lt_nomem();
            return NULL;
        }
    }
    failure worst = { K_OK, INT64_MAX, -1 };
    int code = p->state && grouped && ctx->gid ? scan_rows(p, ctx, of, oi, ona, &worst)
                                               : run_groups(p, ctx, of, oi, ona, &worst);
    int st = 0;
    if (code == K_NOMEM) {
        st = lt_nomem();
    } else if (worst.code != K_OK) {
        failure_msg(&worst, p, ctx);
        st = -1;
    }
    if (st == 0 && p->out != LT_F64) {
        if (p->out == LT_BOOL) {
            uint8_t *ob = lt_col_bool(r);
            for (int64_t i = 0; i < n; i++)
                ob[i] = (uint8_t)oi[i];
        }
        for (int64_t i = 0; i < n && st == 0; i++)
            if (ona[i])
                st = lt_col_set_na(r, i);
    }
    if (p->out == LT_BOOL)
        free(oi);
    free(ona);
    if (st < 0) {
        lt_col_unref(r);
        return NULL;
    }
    return lt_col_finish(r);
}

/* The input of a plan: x as doubles (as_f64) or as int64 with its
 * validity.  A converted copy goes to *own (caller frees). */
static int plan_input(plan *p, const lt_col *x, bool as_f64, void **own)
{
    int64_t n = x->n;
    *own = NULL;
    if (as_f64) {
        if (x->type == LT_F64) {
            p->srcf = lt_col_f64(x);
            return 0;
        }
        double *v = malloc((size_t)(n ? n : 1) * sizeof *v);
        if (!v)
            return lt_nomem();
        for (int64_t i = 0; i < n; i++)
            v[i] = lt_col_get_num(x, i);
        p->srcf = v;
        *own = v;
        return 0;
    }
    p->srcvalid = x->valid;
    if (x->type == LT_I64 || x->type == LT_TIME) {
        p->srci = lt_col_i64(x);
        return 0;
    }
    int64_t *v = malloc((size_t)(n ? n : 1) * sizeof *v);   /* bool */
    if (!v)
        return lt_nomem();
    const uint8_t *b = lt_col_bool(x);
    for (int64_t i = 0; i < n; i++)
        v[i] = b[i];
    p->srci = v;
    *own = v;
    return 0;
}

/* ---- lag, lead, diff ------------------------------------------------------ */

/* The row k rows earlier in the group of each row (k > 0; later for k < 0),
 * -1 where there is none, walking the rows in row order (backwards for
 * k < 0) with a ring of the last |k| rows seen in each group.  NULL
 * (without a message) when the rings would outgrow the rows. */
static int64_t *shift_rows_ring(int64_t k, const lt_fn_ctx *ctx, int64_t *idx)
{
    int64_t n = ctx->nrow, a = k > 0 ? k : -k, ng = ctx->ngroups;
    if (ng > n / a)
        return NULL;
    int64_t *ring = malloc((size_t)(ng > 0 ? ng * a : 1) * sizeof *ring);
    int64_t *pos = calloc((size_t)(ng ? ng : 1), sizeof *pos);
    int64_t *cnt = calloc((size_t)(ng ? ng : 1), sizeof *cnt);
    if (!ring || !pos || !cnt) {
        free(ring);
        free(pos);
        free(cnt);
        return NULL;
    }
    for (int64_t t = 0; t < n; t++) {
        int64_t i = k > 0 ? t : n - 1 - t, g = ctx->gid[i];
        int64_t *slot = ring + g * a + pos[g];
        idx[i] = cnt[g] >= a ? *slot : -1;
        *slot = i;
        cnt[g]++;
        pos[g] = pos[g] + 1 == a ? 0 : pos[g] + 1;
    }
    free(ring);
    free(pos);
    free(cnt);
    return idx;
}

/* x shifted by k rows along each group (k > 0: from earlier rows). */
static lt_col *shifted(const lt_col *x, int64_t k, const lt_fn_ctx *ctx)
{
    int64_t n = ctx->nrow;
    /* Beyond n rows every value is shifted out; clamping keeps p - k in range. */
    if (k > n)
        k = n;
    if (k < -n)
        k = -n;
    int64_t *idx = malloc((size_t)(n ? n : 1) * sizeof *idx);
    if (!idx) {
        lt_nomem();
        return NULL;
    }
    if (!ctx->order) {
        for (int64_t i = 0; i < n; i++)
            idx[i] = i - k >= 0 && i - k < n ? i - k : -1;
    } else if (k == 0 || !ctx->gid || !shift_rows_ring(k, ctx, idx)) {
        for (int64_t g = 0; g < ctx->ngroups; g++) {
            const int64_t *rows = ctx->order + ctx->start[g];
            int64_t m = lt_fn_group_size(ctx, g);
            for (int64_t p = 0; p < m; p++) {
                int64_t q = p - k;
                idx[rows[p]] = q >= 0 && q < m ? rows[q] : -1;
            }
        }
    }
    lt_col *r = lt_col_take(x, idx, n);
    free(idx);
    return r;
}

/* The shift k of lag/lead/diff: args[1], default 1. */
static int shift_arg(lt_col *const *args, int nargs, int64_t *k)
{
    *k = 1;
    return nargs > 1 ? param_int(args[1], "k", k) : 0;
}

static lt_col *fn_lag(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    int64_t k;
    if (check_len(args[0], ctx) < 0 || shift_arg(args, nargs, &k) < 0)
        return NULL;
    return shifted(args[0], k, ctx);
}

static lt_col *fn_lead(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    int64_t k;
    if (check_len(args[0], ctx) < 0 || shift_arg(args, nargs, &k) < 0)
        return NULL;
    return shifted(args[0], k == INT64_MIN ? INT64_MAX : -k, ctx);
}

static lt_col *fn_diff(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    int64_t k;
    if (check_len(args[0], ctx) < 0 || check_num(args[0], false) < 0 ||
        shift_arg(args, nargs, &k) < 0)
        return NULL;
    lt_col *prev = shifted(args[0], k, ctx);
    if (!prev)
        return NULL;
    lt_col *r = lt_col_arith(args[0], prev, LT_SUB);
    lt_col_unref(prev);
    return r;
}

/* ---- running totals -------------------------------------------------------- */

/* The kernels of scans run BODY for each k with `a` pointing to the state
 * of k's group in s->states (zeroed to start).  Ungrouped, the one state
 * is a local copy, which the compiler keeps in registers (through
 * s->states it could alias the output). */
#define SCAN(s, T, BODY)                                     \
    do {                                                     \
        T *states_ = (s)->states;                            \
        if (!(s)->gid) {                                     \
            T one_ = states_[0];                             \
            for (int64_t k = 0; k < (s)->n; k++) {           \
                T *a = &one_;                                \
                BODY                                         \
            }                                                \
            states_[0] = one_;                               \
        } else {                                             \
            for (int64_t k = 0; k < (s)->n; k++) {           \
                T *a = states_ + (s)->gid[k];                \
                BODY                                         \
            }                                                \
        }                                                    \
    } while (0)

/* Kahan-compensated running sum, as pandas' groupby cumsum, except that an
 * infinite total keeps no compensation (which would be NaN). */
typedef struct kahan {
    double acc, c;
} kahan;

static int k_cumsum_f(seg *s)
{
    SCAN(s, kahan, {
        double v = s->xf[k];
        if (v != v) {
            s->of[k] = NAN;
            continue;
        }
        double y = v - a->c;
        double t = a->acc + y;
        a->c = isfinite(t) ? (t - a->acc) - y : 0;
        a->acc = t;
        s->of[k] = t;
    });
    return K_OK;
}

/* A running value; `begun` once it holds one. */
typedef struct run_i {
    int64_t acc;
    bool begun;
} run_i;

typedef struct run_f {
    double acc;
    bool begun;
} run_f;

static int k_cumsum_i(seg *s)
{
    SCAN(s, run_i, {
        s->ona[k] = s->xna && s->xna[k];
        s->oi[k] = 0;
        if (s->ona[k])
            continue;
        if (__builtin_add_overflow(a->acc, s->xi[k], &a->acc)) {
            s->bad = k;
            return K_OVERFLOW;
        }
        s->oi[k] = a->acc;
    });
    return K_OK;
}

static int k_cumprod_f(seg *s)
{
    SCAN(s, run_f, {
        double v = s->xf[k];
        if (v != v) {
            s->of[k] = NAN;
            continue;
        }
        a->acc = a->begun ? a->acc * v : v;
        a->begun = true;
        s->of[k] = a->acc;
    });
    return K_OK;
}

static int k_cumprod_i(seg *s)
{
    SCAN(s, run_i, {
        s->ona[k] = s->xna && s->xna[k];
        s->oi[k] = 0;
        if (s->ona[k])
            continue;
        if (!a->begun) {
            a->acc = s->xi[k];
            a->begun = true;
        } else if (__builtin_mul_overflow(a->acc, s->xi[k], &a->acc)) {
            s->bad = k;
            return K_OVERFLOW;
        }
        s->oi[k] = a->acc;
    });
    return K_OK;
}

/* Running max (par points to true) or min; the first of equal values is
 * kept, as pandas does (it matters for -0.0 and 0.0). */
static int k_cumext_f(seg *s)
{
    bool max = *(const bool *)s->par;
    SCAN(s, run_f, {
        double v = s->xf[k];
        if (v != v) {
            s->of[k] = NAN;
            continue;
        }
        if (!a->begun || (max ? v > a->acc : v < a->acc))
            a->acc = v;
        a->begun = true;
        s->of[k] = a->acc;
    });
    return K_OK;
}

static int k_cumext_i(seg *s)
{
    bool max = *(const bool *)s->par;
    SCAN(s, run_i, {
        s->ona[k] = s->xna && s->xna[k];
        s->oi[k] = 0;
        if (s->ona[k])
            continue;
        int64_t v = s->xi[k];
        if (!a->begun || (max ? v > a->acc : v < a->acc))
            a->acc = v;
        a->begun = true;
        s->oi[k] = a->acc;
    });
    return K_OK;
}

typedef enum cum_op { CUM_SUM, CUM_PROD, CUM_MAX, CUM_MIN } cum_op;

static lt_col *cumulative(lt_col *const *args, const lt_fn_ctx *ctx, cum_op op)
{
    const lt_col *x = args[0];
    bool ext = op == CUM_MAX || op == CUM_MIN;
    if (check_len(x, ctx) < 0 || check_num(x, ext) < 0)
        return NULL;
    static const bool is_max = true, is_min = false;
    plan p = { .tkind = x->tkind };
    bool as_f64 = x->type == LT_F64;
    if (as_f64) {
        p.out = LT_F64;
        p.k = op == CUM_SUM ? k_cumsum_f : op == CUM_PROD ? k_cumprod_f : k_cumext_f;
        p.state = op == CUM_SUM ? sizeof(kahan) : sizeof(run_f);
    } else {
        p.out = ext ? x->type : LT_I64;
        p.k = op == CUM_SUM ? k_cumsum_i : op == CUM_PROD ? k_cumprod_i : k_cumext_i;
        p.state = sizeof(run_i);
        p.overflow = op == CUM_SUM ? "running sum" : "running product";
    }
    p.par = op == CUM_MAX ? &is_max : &is_min;
    void *own;
    if (plan_input(&p, x, as_f64, &own) < 0)
        return NULL;
    lt_col *r = run(&p, ctx);
    free(own);
    return r;
}

static lt_col *fn_cumsum(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return cumulative(args, ctx, CUM_SUM);
}
static lt_col *fn_cumprod(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return cumulative(args, ctx, CUM_PROD);
}
static lt_col *fn_cummax(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return cumulative(args, ctx, CUM_MAX);
}
static lt_col *fn_cummin(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    return cumulative(args, ctx, CUM_MIN);
}

/* ---- ranks ------------------------------------------------------------------ */

typedef enum rank_method { R_AVERAGE, R_MIN, R_MAX, R_DENSE, R_FIRST } rank_method;
static const char *const rank_names[] = { "average", "min", "max", "dense", "first" };

typedef struct keyed {
    int64_t key, k;
} keyed;

/* Stable sort of a[0..m) by key (tmp has room for m): insertion sort of
 * runs of 32, then bottom-up merges. */
static void sort_keyed(keyed *a, keyed *tmp, int64_t m)
{
    enum { RUN = 32 };
    for (int64_t lo = 0; lo < m; lo += RUN) {
        int64_t hi = lo + RUN < m ? lo + RUN : m;
        for (int64_t i = lo + 1; i < hi; i++) {
            keyed v = a[i];
            int64_t j = i;
            while (j > lo && a[j - 1].key > v.key) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
    }
    keyed *src = a, *dst = tmp;
    for (int64_t w = RUN; w < m; w *= 2) {
        for (int64_t lo = 0; lo < m; lo += 2 * w) {
            int64_t mid = lo + w < m ? lo + w : m, hi = lo + 2 * w < m ? lo + 2 * w : m;
            int64_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                dst[o++] = src[j].key < src[i].key ? src[j++] : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        keyed *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, (size_t)m * sizeof *a);
}

/* Ranks of the keys xi (missing ones stay missing) by the method in par:
 * doubles in `of` for R_AVERAGE, else integers. */
static int k_rank(seg *s)
{
    rank_method method = *(const rank_method *)s->par;
    keyed *a = s->scratch, *tmp = a + s->n;
    int64_t m = 0;
    for (int64_t k = 0; k < s->n; k++) {
        bool na = s->xna && s->xna[k];
        if (method == R_AVERAGE) {
            s->of[k] = NAN;
        } else {
            s->oi[k] = 0;
            s->ona[k] = na;
        }
        if (!na)
            a[m++] = (keyed){ s->xi[k], k };
    }
    sort_keyed(a, tmp, m);
    int64_t dense = 0;
    for (int64_t i = 0; i < m;) {
        int64_t j = i + 1;
        while (j < m && a[j].key == a[i].key)
            j++;
        dense++;
        for (int64_t q = i; q < j; q++) {
            int64_t k = a[q].k;
            switch (method) {
            case R_AVERAGE: s->of[k] = ((double)(i + 1) + (double)j) / 2; break;
            case R_MIN: s->oi[k] = i + 1; break;
            case R_MAX: s->oi[k] = j; break;
            case R_DENSE: s->oi[k] = dense; break;
            case R_FIRST: s->oi[k] = q + 1; break;
            }
        }
        i = j;
    }
    return K_OK;
}

static int cmp_str(const void *pa, const void *pb, const lt_dict *d)
{
    size_t la, lb;
    const char *a = lt_dict_str(d, *(const int32_t *)pa, &la);
    const char *b = lt_dict_str(d, *(const int32_t *)pb, &lb);
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/* qsort has no context argument; the dictionary being sorted, per thread. */
static _Thread_local const lt_dict *sorting_dict;

static int cmp_code(const void *a, const void *b)
{
    return cmp_str(a, b, sorting_dict);
}

/* Keys that order as x does: int64 for i64/time/bool, the bits of f64
 * made monotone (-0.0 as 0.0), the byte-order rank of each string.  NaN
 * keys are marked in *valid (an allocated bitmap, or x's own).  Into *keys
 * (caller frees) and *valid_own (caller frees, may be NULL). */
static int rank_keys(const lt_col *x, int64_t **keys, uint8_t **valid_own, const uint8_t **valid)
{
    int64_t n = x->n;
    *valid_own = NULL;
    *valid = x->valid;
    int64_t *key = malloc((size_t)(n ? n : 1) * sizeof *key);
    if (!key)
        return lt_nomem();
    switch (x->type) {
    case LT_I64:
    case LT_TIME:
        memcpy(key, lt_col_i64(x), (size_t)n * sizeof *key);
        break;
    case LT_BOOL:
        for (int64_t i = 0; i < n; i++)
            key[i] = lt_col_bool(x)[i];
        break;
    case LT_F64: {
        const double *v = lt_col_f64(x);
        if (x->nmiss) {
            uint8_t *bm = calloc((size_t)(n + 7) / 8, 1);
            if (!bm) {
                free(key);
                return lt_nomem();
            }
            for (int64_t i = 0; i < n; i++)
                if (v[i] == v[i])
                    bm[i >> 3] |= (uint8_t)(1u << (i & 7));
            *valid_own = bm;
            *valid = bm;
        }
        for (int64_t i = 0; i < n; i++) {
            double d = v[i] + 0.0;   /* -0.0 becomes 0.0 */
            int64_t b;
            memcpy(&b, &d, sizeof b);
            key[i] = b < 0 ? b ^ INT64_MAX : b;
        }
        break;
    }
    case LT_STR: {
        int32_t nd = lt_dict_size(x->dict);
        int32_t *codes = malloc((size_t)(nd ? nd : 1) * sizeof *codes);
        int64_t *rank = malloc((size_t)(nd ? nd : 1) * sizeof *rank);
        if (!codes || !rank) {
            free(codes);
            free(rank);
            free(key);
            return lt_nomem();
        }
        for (int32_t c = 0; c < nd; c++)
            codes[c] = c;
        sorting_dict = x->dict;
        qsort(codes, (size_t)nd, sizeof *codes, cmp_code);
        for (int32_t r = 0; r < nd; r++)
            rank[codes[r]] = r;
        const int32_t *cx = lt_col_codes(x);
        for (int64_t i = 0; i < n; i++)
            key[i] = cx[i] >= 0 ? rank[cx[i]] : 0;
        free(codes);
        free(rank);
        break;
    }
    }
    *keys = key;
    return 0;
}

static lt_col *ranked(const lt_col *x, rank_method method, const lt_fn_ctx *ctx)
{
    int64_t *keys = NULL;
    uint8_t *own_valid;
    const uint8_t *valid;
    if (rank_keys(x, &keys, &own_valid, &valid) < 0)
        return NULL;
    plan p = {
        .k = k_rank, .par = &method, .srci = keys, .srcvalid = valid,
        .out = method == R_AVERAGE ? LT_F64 : LT_I64, .scratch = 2 * sizeof(keyed),
    };
    lt_col *r = run(&p, ctx);
    free(keys);
    free(own_valid);
    return r;
}

static lt_col *fn_rank(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    if (check_len(args[0], ctx) < 0)
        return NULL;
    rank_method method = R_AVERAGE;
    if (nargs > 1) {
        const lt_col *m = args[1];
        if (param_one(m, "method") < 0)
            return NULL;
        if (m->type != LT_STR) {
            lt_seterr(LT_ETYPE, "method must be a string (average, min, max, dense or "
                      "first), got a %s value", lt_type_name(m->type));
            return NULL;
        }
        const char *name = lt_col_get_str(m, 0, NULL);
        int i = 0;
        while (i < 5 && strcmp(name, rank_names[i]) != 0)
            i++;
        if (i == 5) {
            lt_seterr(LT_EINVAL, "unknown rank method '%s'; expected average, min, max, dense "
                      "or first", name);
            return NULL;
        }
        method = (rank_method)i;
    }
    return ranked(args[0], method, ctx);
}

static int k_row_number(seg *s)
{
    SCAN(s, int64_t, {
        s->oi[k] = ++*a;
        s->ona[k] = 0;
    });
    return K_OK;
}

static lt_col *fn_row_number(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    if (nargs > 0) {
        if (check_len(args[0], ctx) < 0)
            return NULL;
        return ranked(args[0], R_FIRST, ctx);
    }
    plan p = { .k = k_row_number, .out = LT_I64, .state = sizeof(int64_t) };
    return run(&p, ctx);
}

/* ---- rolling windows -------------------------------------------------------- */

typedef enum roll_op { ROLL_SUM, ROLL_MEAN, ROLL_STD, ROLL_MIN, ROLL_MAX } roll_op;

typedef struct roll_par {
    roll_op op;
    int64_t width;      /* rows, or microseconds when timed */
    bool timed;
} roll_par;

/* Check the times of a timed window: present and ascending. */
static int check_times(seg *s)
{
    for (int64_t k = 0; k < s->n; k++) {
        if (s->tna && s->tna[k]) {
            s->bad = k;
            return K_TIME_NA;
        }
        if (k > 0 && s->t[k] < s->t[k - 1]) {
            s->bad = k;
            return K_TIME_ORDER;
        }
    }
    return K_OK;
}

/* First row of the window ending at row i, given that of row i - 1 (lo).
 * Times: the rows with t > t[i] - width (differences taken unsigned, as
 * t is ascending and their span may exceed int64). */
static inline int64_t window_start(const seg *s, const roll_par *rp, int64_t i, int64_t lo)
{
    if (!rp->timed)
        return i + 1 > rp->width ? i + 1 - rp->width : 0;
    while ((uint64_t)s->t[i] - (uint64_t)s->t[lo] >= (uint64_t)rp->width)
        lo++;
    return lo;
}

/* The state of a window of doubles, updated as pandas' roll_sum/roll_mean
 * (Kahan sums with separate compensations for adding and removing) and
 * roll_var (Welford with Kahan-compensated means).  Infinities are counted
 * apart and kept out of the sums. */
typedef struct wstate {
    int64_t nobs;        /* values present, infinities included */
    int64_t nfin;        /* finite ones, in the sums */
    int64_t pinf, ninf;  /* +Inf and -Inf */
    int64_t neg;         /* finite values with the sign bit */
    int64_t run;         /* length of the run of equal values ending at the last */
    double prev;         /* the last value added */
    double sum, c_add, c_rem;
    double mean, ssq, m_add, m_rem;
} wstate;

static void ws_reset(wstate *w, double first)
{
    memset(w, 0, sizeof *w);
    w->prev = first;
}

static void ws_add(wstate *w, double v, bool var)
{
    if (v != v)
        return;
    w->nobs++;
    w->run = v == w->prev ? w->run + 1 : 1;
    w->prev = v;
    if (isinf(v)) {
        if (v > 0)
            w->pinf++;
        else
            w->ninf++;
        return;
    }
    w->nfin++;
    if (var) {
        double prev_mean = w->mean - w->m_add;
        double y = v - w->m_add;
        double t = y - w->mean;
        w->m_add = t + w->mean - y;
        w->mean = w->mean + t / (double)w->nfin;
        w->ssq = w->ssq + (v - prev_mean) * (v - w->mean);
    } else {
        double y = v - w->c_add;
        double t = w->sum + y;
        w->c_add = t - w->sum - y;
        w->sum = t;
        if (signbit(v))
            w->neg++;
    }
}

static void ws_remove(wstate *w, double v, bool var)
{
    if (v != v)
        return;
    w->nobs--;
    if (isinf(v)) {
        if (v > 0)
            w->pinf--;
        else
            w->ninf--;
        return;
    }
    w->nfin--;
    if (var) {
        if (w->nfin) {
            double prev_mean = w->mean - w->m_rem;
            double y = v - w->m_rem;
            double t = y - w->mean;
            w->m_rem = t + w->mean - y;
            w->mean = w->mean - t / (double)w->nfin;
            w->ssq = w->ssq - (v - prev_mean) * (v - w->mean);
        } else {
            w->mean = 0;
            w->ssq = 0;
        }
    } else {
        double y = -v - w->c_rem;
        double t = w->sum + y;
        w->c_rem = t - w->sum - y;
        w->sum = t;
        if (signbit(v))
            w->neg--;
    }
}

/* The result of a window holding at least minp values, as pandas'
 * calc_sum / calc_mean / calc_var; the window has an infinity first. */
static double ws_result(const wstate *w, roll_op op, int64_t minp)
{
    if (w->nobs < minp || w->nobs == 0)
        return NAN;
    if (w->pinf || w->ninf) {
        if (op == ROLL_STD || (w->pinf && w->ninf))
            return NAN;
        return w->pinf ? INFINITY : -INFINITY;
    }
    double n = (double)w->nobs;
    switch (op) {
    case ROLL_SUM:
        return w->run >= w->nobs ? w->prev * n : w->sum;
    case ROLL_MEAN: {
        double r = w->sum / n;
        if (w->run >= w->nobs)
            r = w->prev;
        else if (w->neg == 0 && r < 0)
            r = 0;
        else if (w->neg == w->nobs && r > 0)
            r = 0;
        return r;
    }
    default: {
        if (w->nobs < 2)
            return NAN;
        double var = w->run >= w->nobs ? 0 : w->ssq / (n - 1);
        return var < 0 ? 0 : sqrt(var);
    }
    }
}

/* Rolling sum, mean or std of doubles.  A window starting at or after the
 * end of the previous one starts afresh (pandas does the same); so does a
 * window whose finite sums overflowed, which adding and removing cannot
 * undo. */
static int k_roll_f(seg *s)
{
    const roll_par *rp = s->par;
    if (rp->timed) {
        int st = check_times(s);
        if (st != K_OK)
            return st;
    }
    bool var = rp->op == ROLL_STD;
    int64_t minp = rp->timed ? 1 : rp->width;
    const double *x = s->xf;
    wstate w;
    int64_t lo = 0, prev_lo = 0;
    bool fresh = true;
    for (int64_t i = 0; i < s->n; i++) {
        lo = window_start(s, rp, i, lo);
        if (fresh || lo >= i) {
            ws_reset(&w, x[lo]);
            for (int64_t j = lo; j <= i; j++)
                ws_add(&w, x[j], var);
        } else {
            for (int64_t j = prev_lo; j < lo; j++)
                ws_remove(&w, x[j], var);
            ws_add(&w, x[i], var);
        }
        fresh = !isfinite(w.sum) || !isfinite(w.ssq);
        s->of[i] = ws_result(&w, rp->op, minp);
        prev_lo = lo;
    }
    return K_OK;
}

/* Rolling sum (exact, in 128 bits), min or max of integers; min and max
 * keep a monotone deque of the rows of present values in scratch. */
static int k_roll_i(seg *s)
{
    const roll_par *rp = s->par;
    if (rp->timed) {
        int st = check_times(s);
        if (st != K_OK)
            return st;
    }
    int64_t minp = rp->timed ? 1 : rp->width;
    const int64_t *x = s->xi;
    const uint8_t *na = s->xna;
    int64_t *dq = s->scratch, head = 0, tail = 0;
    bool max = rp->op == ROLL_MAX;
    __int128 sum = 0;
    int64_t nobs = 0, lo = 0, prev_lo = 0;
    for (int64_t i = 0; i < s->n; i++) {
        lo = window_start(s, rp, i, lo);
        for (int64_t j = prev_lo; j < lo; j++)
            if (!(na && na[j])) {
                nobs--;
                sum -= x[j];
            }
        prev_lo = lo;
        if (!(na && na[i])) {
            nobs++;
            sum += x[i];
            if (rp->op != ROLL_SUM) {
                while (tail > head && (max ? x[dq[tail - 1]] <= x[i] : x[dq[tail - 1]] >= x[i]))
                    tail--;
                dq[tail++] = i;
            }
        }
        while (tail > head && dq[head] < lo)
            head++;
        s->ona[i] = nobs < minp || nobs == 0;
        s->oi[i] = 0;
        if (s->ona[i])
            continue;
        if (rp->op == ROLL_SUM) {
            if (sum > INT64_MAX || sum < INT64_MIN) {
                s->bad = i;
                return K_OVERFLOW;
            }
            s->oi[i] = (int64_t)sum;
        } else {
            s->oi[i] = x[dq[head]];
        }
    }
    return K_OK;
}

/* Rolling min or max of doubles with a monotone deque, as pandas: of
 * equal values the latest is kept. */
static int k_roll_ext_f(seg *s)
{
    const roll_par *rp = s->par;
    if (rp->timed) {
        int st = check_times(s);
        if (st != K_OK)
            return st;
    }
    int64_t minp = rp->timed ? 1 : rp->width;
    const double *x = s->xf;
    int64_t *dq = s->scratch, head = 0, tail = 0;
    bool max = rp->op == ROLL_MAX;
    int64_t nobs = 0, lo = 0, prev_lo = 0;
    for (int64_t i = 0; i < s->n; i++) {
        lo = window_start(s, rp, i, lo);
        for (int64_t j = prev_lo; j < lo; j++)
            nobs -= x[j] == x[j];
        prev_lo = lo;
        double v = x[i];
        if (v == v) {
            nobs++;
            while (tail > head && (max ? x[dq[tail - 1]] <= v : x[dq[tail - 1]] >= v))
                tail--;
            dq[tail++] = i;
        }
        while (tail > head && dq[head] < lo)
            head++;
        s->of[i] = nobs < minp || nobs == 0 ? NAN : x[dq[head]];
    }
    return K_OK;
}

static lt_col *rolling(lt_col *const *args, int nargs, const lt_fn_ctx *ctx, roll_op op)
{
    const lt_col *x = args[0], *w = args[1], *on = nargs > 2 ? args[2] : NULL;
    bool ext = op == ROLL_MIN || op == ROLL_MAX;
    if (check_len(x, ctx) < 0 || check_num(x, ext) < 0 || param_one(w, "width") < 0)
        return NULL;
    roll_par rp = { .op = op };
    if (w->type == LT_STR) {
        size_t len;
        const char *str = lt_col_get_str(w, 0, &len);
        if (lt_window_parse_duration(str, len, &rp.width) < 0)
            return NULL;
        rp.timed = true;
        if (!on) {
            lt_seterr(LT_EINVAL, "a duration width ('%s') needs a time column to window on, "
                      "as rolling_mean(x, '%s', on)", str, str);
            return NULL;
        }
        if (on->type != LT_TIME) {
            lt_seterr(LT_ETYPE, "the column to window on must be a time column, got %s",
                      lt_type_name(on->type));
            return NULL;
        }
        if (on->n != ctx->nrow) {
            lt_seterr(LT_ELENGTH, "the time column to window on has %" PRId64 " values, "
                      "expected one per row (%" PRId64 ")", on->n, ctx->nrow);
            return NULL;
        }
    } else {
        if (param_int(w, "width", &rp.width) < 0)
            return NULL;
        if (rp.width < 1) {
            lt_seterr(LT_EINVAL, "width = %" PRId64 " is not >= 1; expected a row count "
                      "(>= 1) or a duration such as '7d'", rp.width);
            return NULL;
        }
        if (on) {
            lt_seterr(LT_EINVAL, "a time column to window on goes with a duration width "
                      "such as '7d', not with a row count (%" PRId64 ")", rp.width);
            return NULL;
        }
    }
    /* Integers keep exact sums and their own extremes; the rest is doubles. */
    bool ints = x->type != LT_F64 && (op == ROLL_SUM || ext);
    plan p = { .par = &rp, .tkind = x->tkind, .overflow = "window sum" };
    if (ints) {
        p.k = k_roll_i;
        p.out = op == ROLL_SUM ? LT_I64 : x->type;
        p.scratch = sizeof(int64_t);
    } else {
        p.k = ext ? k_roll_ext_f : k_roll_f;
        p.out = LT_F64;
        p.scratch = ext ? sizeof(int64_t) : 0;
    }
    if (rp.timed) {
        p.tsrc = lt_col_i64(on);
        p.tvalid = on->valid;
        p.ttkind = on->tkind;
    }
    void *own;
    if (plan_input(&p, x, !ints, &own) < 0)
        return NULL;
    lt_col *r = run(&p, ctx);
    free(own);
    return r;
}

static lt_col *fn_rolling_sum(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    return rolling(args, nargs, ctx, ROLL_SUM);
}
static lt_col *fn_rolling_mean(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    return rolling(args, nargs, ctx, ROLL_MEAN);
}
static lt_col *fn_rolling_std(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    return rolling(args, nargs, ctx, ROLL_STD);
}
static lt_col *fn_rolling_min(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    return rolling(args, nargs, ctx, ROLL_MIN);
}
static lt_col *fn_rolling_max(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    return rolling(args, nargs, ctx, ROLL_MAX);
}

/* ---- exponentially weighted mean ------------------------------------------- */

/* pandas' ewm mean with adjust = True, ignore_na = False.  pandas turns
 * alpha into com = 1/alpha - 1 and back, so the same is done here to get
 * its weights to the bit.  The state of a group: its mean (NaN until the
 * first value) and the weight of the past. */
typedef struct ewm_st {
    double mean, old_wt;
    bool begun;
} ewm_st;

static int k_ewm(seg *s)
{
    double alpha = *(const double *)s->par;
    double com = 1.0 / alpha - 1.0;
    double decay = 1.0 - 1.0 / (1.0 + com);
    SCAN(s, ewm_st, {
        double v = s->xf[k];
        if (!a->begun) {
            a->mean = NAN;
            a->old_wt = 1;
            a->begun = true;
        }
        if (a->mean != a->mean) {
            a->mean = v;   /* the first value present, or still NaN */
        } else {
            a->old_wt *= decay;
            if (v == v) {
                if (a->mean != v)   /* a constant series stays exact */
                    a->mean = (a->old_wt * a->mean + v) / (a->old_wt + 1.0);
                a->old_wt += 1.0;
            }
        }
        s->of[k] = a->mean;
    });
    return K_OK;
}

static lt_col *fn_ewm_mean(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs;
    const lt_col *x = args[0], *a = args[1];
    if (check_len(x, ctx) < 0 || check_num(x, false) < 0 || param_one(a, "alpha") < 0)
        return NULL;
    if (!lt_type_is_numeric(a->type) || a->type == LT_BOOL) {
        lt_seterr(LT_ETYPE, "alpha must be a number, got a %s value", lt_type_name(a->type));
        return NULL;
    }
    double alpha = lt_col_get_num(a, 0);
    if (!(alpha > 0 && alpha <= 1)) {
        lt_seterr(LT_EINVAL, "alpha = %g is outside (0, 1]", alpha);
        return NULL;
    }
    plan p = { .k = k_ewm, .par = &alpha, .out = LT_F64, .state = sizeof(ewm_st) };
    void *own;
    if (plan_input(&p, x, true, &own) < 0)
        return NULL;
    lt_col *r = run(&p, ctx);
    free(own);
    return r;
}

/* ---- the table ------------------------------------------------------------- */

const lt_fn lt_window_fns[] = {
    { "lag", LT_FN_WINDOW, 1, 2, fn_lag, NULL, 0, "x:lag([k])",
      "The value k rows earlier in the group.\nDefault k = 1; missing where there is none. "
      "k = 0 gives x, a negative k looks ahead (lead).  Any column type.  As pandas' shift(k).",
      "churn:group_by(\"contract\"):mutate{ prev = col\"monthly_charges\":lag() }" },
    { "lead", LT_FN_WINDOW, 1, 2, fn_lead, NULL, 0, "x:lead([k])",
      "The value k rows later in the group.\nDefault k = 1; missing where there is none. "
      "A negative k looks back (lag).  Any column type.  As pandas' shift(-k).",
      "air:mutate{ next_year = col\"passengers\":lead(12) }" },
    { "diff", LT_FN_WINDOW, 1, 2, fn_diff, NULL, 0, "x:diff([k])",
      "x minus its value k rows earlier (k = 1).\nAs pandas' diff(k).\n"
      "Numbers only; i64 stays i64 (missing on overflow), bool gives i64 (pandas: xor).",
      "air:mutate{ change = col\"passengers\":diff() }" },
    { "cumsum", LT_FN_WINDOW, 1, 1, fn_cumsum, NULL, 0, "x:cumsum()",
      "Running sum along the group.\nMissing values stay missing and are skipped.\n"
      "f64 sums are Kahan-compensated (as pandas' groupby cumsum); i64 and bool give an\n"
      "exact i64, and a sum beyond i64 is an error.",
      "churn:group_by(\"contract\"):mutate{ spent = col\"monthly_charges\":cumsum() }" },
    { "cumprod", LT_FN_WINDOW, 1, 1, fn_cumprod, NULL, 0, "x:cumprod()",
      "Running product along the group.\nMissing values stay missing and are skipped.\n"
      "i64 and bool give an exact i64 (overflow is an error).",
      "air:mutate{ growth = (col\"passengers\" / col\"passengers\":lag()):cumprod() }" },
    { "cummax", LT_FN_WINDOW, 1, 1, fn_cummax, NULL, 0, "x:cummax()",
      "Running maximum along the group.\nMissing values stay missing and are skipped.\n"
      "Keeps the type (numbers, bool, time).",
      "air:mutate{ record = col\"passengers\":cummax() }" },
    { "cummin", LT_FN_WINDOW, 1, 1, fn_cummin, NULL, 0, "x:cummin()",
      "Running minimum along the group.\nMissing values stay missing and are skipped.\n"
      "Keeps the type (numbers, bool, time).",
      "air:mutate{ low = col\"passengers\":cummin() }" },
    { "rank", LT_FN_WINDOW, 1, 2, fn_rank, NULL, 0, "x:rank([method])",
      "Rank of x within the group, 1 the smallest.\nMissing values stay missing.\n"
      "method: \"average\" (default; ties share the mean of their positions, f64), \"min\",\n"
      "\"max\", \"dense\" (1, 2, ... without gaps) or \"first\" (ties by row order); those\n"
      "give i64.  As pandas' rank.  Strings rank in byte order.",
      "churn:group_by(\"contract\"):mutate{ r = col\"monthly_charges\":rank(\"min\") }" },
    { "row_number", LT_FN_WINDOW, 0, 1, fn_row_number, NULL, 0, "row_number()",
      "1, 2, ... along the rows of the group (i64).\n"
      "x:row_number() numbers the rows in the order of x instead, ties by row order and\n"
      "missing values missing: dplyr's row_number(x), the same as x:rank(\"first\").",
      "churn:group_by(\"contract\"):mutate{ i = row_number() }" },
    { "rolling_sum", LT_FN_WINDOW, 2, 3, fn_rolling_sum, NULL, 0, "x:rolling_sum(width [, on])",
      "Sum over a window ending at each row.\n"
      "width: a row count (missing until the window is full or when it holds a missing\n"
      "value: pandas' rolling(width)), or a duration \"90s\", \"30m\", \"12h\", \"7d\", \"2w\"\n"
      "with `on`, a time column ascending in each group: the rows of (t - width, t],\n"
      "missing values skipped (pandas' rolling(\"7D\", on = ...)).  i64 gives an exact i64.",
      "air:mutate{ year = col\"passengers\":rolling_sum(12) }" },
    { "rolling_mean", LT_FN_WINDOW, 2, 3, fn_rolling_mean, NULL, 0, "x:rolling_mean(width [, on])",
      "Mean over a window ending at each row.\n"
      "width: a row count (missing until the window is full or when it holds a missing\n"
      "value: pandas' rolling(width)), or a duration \"90s\", \"30m\", \"12h\", \"7d\", \"2w\"\n"
      "with `on`, a time column ascending in each group: the rows of (t - width, t],\n"
      "missing values skipped (pandas' rolling(\"7D\", on = ...)).",
      "air:mutate{ smooth = col\"passengers\":rolling_mean(3),\n"
      "            quarter = col\"passengers\":rolling_mean(\"90d\", col\"month\") }" },
    { "rolling_std", LT_FN_WINDOW, 2, 3, fn_rolling_std, NULL, 0, "x:rolling_std(width [, on])",
      "Standard deviation over a window (n - 1).\nThe window ends at each row of the group.\n"
      "width: a row count or a duration with a time column `on`, as rolling_mean; a window\n"
      "of one value gives a missing value.",
      "air:mutate{ vol = col\"passengers\":rolling_std(12) }" },
    { "rolling_min", LT_FN_WINDOW, 2, 3, fn_rolling_min, NULL, 0, "x:rolling_min(width [, on])",
      "Minimum over a window ending at each row.\nKeeps the type.\n"
      "width: a row count or a duration with a time column `on`, as rolling_mean.",
      "air:mutate{ low = col\"passengers\":rolling_min(12) }" },
    { "rolling_max", LT_FN_WINDOW, 2, 3, fn_rolling_max, NULL, 0, "x:rolling_max(width [, on])",
      "Maximum over a window ending at each row.\nKeeps the type.\n"
      "width: a row count or a duration with a time column `on`, as rolling_mean.",
      "air:mutate{ high = col\"passengers\":rolling_max(12) }" },
    { "ewm_mean", LT_FN_WINDOW, 2, 2, fn_ewm_mean, NULL, 0, "x:ewm_mean(alpha)",
      "Exponentially weighted mean, alpha in (0, 1].\nAs pandas'\n"
      "ewm(alpha = alpha).mean() (adjust = True, ignore_na = False).  A missing value keeps\n"
      "the previous mean; rows before the first value are missing.",
      "air:mutate{ level = col\"passengers\":ewm_mean(0.3) }" },
    { NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, NULL },
};
