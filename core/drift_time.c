/* Drift over time (drift.h, lt_drift_over_time): the rows of one frame
 * cut into windows of a time or numeric column, and each window compared
 * with its baseline (the first window, the one before, or a reference
 * frame) by the pair scoring of drift.c.
 *
 * A row's window is the floor of its time to the period (dates.h) or
 * floor(x / width); the distinct floors, sorted, are the windows, and the
 * rows of each are one list of row numbers (all lists in one array).  A
 * column is one unit of work: its numeric values are gathered window by
 * window into one buffer and each window's part sorted once, so that a
 * window serves as current and as baseline without a second sort. */
#include "drift.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "drift_pair.h"
#include "error.h"
#include "fsort.h"
#include "numparse.h"

static const char *const WHO = "drift_over_time";

typedef struct windows {
    int nwin;
    double *start;     /* where each window starts */
    int64_t *count;    /* rows of each window */
    int64_t *first;    /* nwin + 1 offsets into order */
    int64_t *order;    /* the rows of window 0, then of window 1 ... */
    int64_t dropped;   /* rows without a window */
    lt_time_kind tkind;
} windows;

static void windows_free(windows *w)
{
    free(w->start);
    free(w->count);
    free(w->first);
    free(w->order);
}

/* The window key of each row of t (NaN: no window) and the start of the
 * window of a key, by period (time column) or width (numeric column). */
static int window_keys(const lt_col *t, const char *every, double *key, double *width,
                       lt_time_kind *tkind)
{
    int64_t n = t->n;
    if (t->type == LT_TIME) {
        lt_col *fl = lt_date_floor(t, every);
        if (!fl) {
            int code = lt_errcode();
            if (code == LT_ENOMEM)
                return code;
            char msg[400];
            snprintf(msg, sizeof msg, "%s", lt_errmsg());
            return lt_seterr(code, "%s: %s", WHO, msg);
        }
        const int64_t *v = lt_col_i64(fl);
        for (int64_t i = 0; i < n; i++)
            key[i] = lt_col_is_na(fl, i) ? NAN : (double)v[i];
        *tkind = fl->tkind;
        *width = 0;
        lt_col_unref(fl);
        return 0;
    }
    double w;
    if (!lt_num_parse_f64(every, strlen(every), &w) || !(w > 0 && isfinite(w)))
        return lt_seterr(LT_EINVAL, "%s: every = '%s'; the windows of the numeric column need a "
                         "positive width such as \"10\"", WHO, every);
    const uint8_t *ok = t->valid;
    for (int64_t i = 0; i < n; i++) {
        double x = t->type == LT_F64 ? lt_col_f64(t)[i] : (double)lt_col_i64(t)[i];
        double k = floor(x / w);
        key[i] = isfinite(k) && (!ok || (ok[i >> 3] >> (i & 7)) & 1) ? k : NAN;
    }
    *width = w;
    return 0;
}

static int window_of(const double *start, int nwin, double k)
{
    int lo = 0, hi = nwin - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (start[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Cut the rows of t into windows. */
static int make_windows(const lt_col *t, const char *every, windows *W)
{
    int64_t n = t->n;
    double *key = malloc((size_t)n * sizeof *key), *keys = malloc((size_t)n * sizeof *keys);
    int *win = malloc((size_t)n * sizeof *win);
    double width = 0;
    int st = LT_ENOMEM;
    memset(W, 0, sizeof *W);
    W->tkind = t->tkind;
    if (!key || !keys || !win)
        goto done;
    if ((st = window_keys(t, every, key, &width, &W->tkind)) < 0)
        goto done;
    int64_t nk = 0;
    for (int64_t i = 0; i < n; i++)
        if (!isnan(key[i]))
            keys[nk++] = key[i];
    W->dropped = n - nk;
    if (nk == 0) {
        st = lt_seterr(LT_EINVAL, "%s: no row has a window: the times are missing or out of "
                       "range", WHO);
        goto done;
    }
    if ((st = lt_f64_sort(keys, nk)) < 0)
        goto done;
    int64_t nw = 0;
    for (int64_t i = 0; i < nk; i++)
        if (i == 0 || keys[i] != keys[nw - 1])
            keys[nw++] = keys[i];
    if (nw > INT32_MAX) {
        st = lt_seterr(LT_ERANGE, "%s: %" PRId64 " windows; at most %d", WHO, nw, INT32_MAX);
        goto done;
    }
    W->nwin = (int)nw;
    W->start = malloc((size_t)nw * sizeof *W->start);
    W->count = calloc((size_t)nw, sizeof *W->count);
    W->first = calloc((size_t)nw + 1, sizeof *W->first);
    W->order = malloc((size_t)nk * sizeof *W->order);
    st = LT_ENOMEM;
    if (!W->start || !W->count || !W->first || !W->order)
        goto done;
    for (int64_t i = 0; i < n; i++)
        if (!isnan(key[i]))
            W->count[win[i] = window_of(keys, W->nwin, key[i])]++;
    for (int w = 0; w < W->nwin; w++) {
        W->first[w + 1] = W->first[w] + W->count[w];
        W->start[w] = width > 0 ? keys[w] * width : keys[w];
    }
    int64_t *at = W->count;   /* fill positions, then the counts again */
    for (int w = 0; w < W->nwin; w++)
        at[w] = W->first[w];
    for (int64_t i = 0; i < n; i++)
        if (!isnan(key[i]))
            W->order[at[win[i]]++] = i;
    for (int w = 0; w < W->nwin; w++)
        W->count[w] = W->first[w + 1] - W->first[w];
    st = 0;
done:
    if (st == LT_ENOMEM)
        lt_nomem();
    if (st < 0)
        windows_free(W);
    free(key);
    free(keys);
    free(win);
    return st;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The median of the window sizes (the mean of the middle two). */
static int median_rows(const windows *W, double *med)
{
    int64_t *c = malloc((size_t)W->nwin * sizeof *c);
    if (!c)
        return lt_nomem();
    memcpy(c, W->count, (size_t)W->nwin * sizeof *c);
    qsort(c, (size_t)W->nwin, sizeof *c, cmp_i64);
    int h = W->nwin / 2;
    *med = W->nwin % 2 ? (double)c[h] : ((double)c[h - 1] + (double)c[h]) / 2;
    free(c);
    return 0;
}

typedef struct time_ctx {
    dplan *pl;
    const lt_drift_opts *o;
    const windows *W;
    lt_drift_baseline base;
    lt_drift_series *s;
} time_ctx;

/* Baseline window of window w, or -1 (none, or the reference frame). */
static int baseline_of(lt_drift_baseline base, int w)
{
    return base == LT_DRIFT_FIRST ? (w > 0 ? 0 : -1) : base == LT_DRIFT_PREVIOUS ? w - 1 : -1;
}

/* Column j in every window. */
static int time_column(void *vctx, int j)
{
    time_ctx *x = vctx;
    dpair *p = &x->pl->pairs[j];
    const windows *W = x->W;
    int nwin = W->nwin, st = 0, nd = -1;
    bool frame = x->base == LT_DRIFT_FRAME;
    lt_drift_kind kind = LT_DRIFT_CATEGORICAL;
    double *all = NULL, *refv = NULL;
    /* the windows, then the reference frame's side */
    dside *sd = calloc((size_t)nwin + 1, sizeof *sd);
    char *why = NULL;
    if (!sd) {
        st = lt_nomem();
        goto done;
    }
    for (int w = 0; w < nwin; w++)
        sd[w] = (dside){.c = p->cc, .rows = W->order + W->first[w], .nrow = W->count[w]};
    sd[nwin] = (dside){.c = p->rc, .nrow = p->rc->n};
    if (p->src == SRC_NUM) {
        all = malloc((size_t)(W->first[nwin] ? W->first[nwin] : 1) * sizeof *all);
        if (frame)
            refv = malloc((size_t)(p->rc->n ? p->rc->n : 1) * sizeof *refv);
        if (!all || (frame && !refv)) {
            st = lt_nomem();
            goto done;
        }
        for (int w = 0; w < nwin; w++)
            dp_sample(&sd[w], all + W->first[w]);
        if (frame)
            dp_sample(&sd[nwin], refv);
        if ((st = dp_kind(p, x->o, sd, nwin + frame, &kind, &nd)) < 0)
            goto done;
    }
    lt_drift_method m = dp_method(p, x->o, kind, nd, &why);
    if (!why) {
        st = lt_nomem();
        goto done;
    }
    /* each window sorted once, serving as current and as baseline */
    for (int w = 0; w < nwin + frame && st == 0; w++)
        if (dp_needs_order(p, kind, nd, m, sd[w].n))
            st = dp_sort(&sd[w]);
    for (int w = 0; w < nwin && st == 0; w++) {
        int b = baseline_of(x->base, w);
        if (!frame && b < 0)
            continue;
        dside c = sd[w], r = sd[frame ? nwin : b];
        st = dp_score(p, x->o, &r, &c, kind, m, why, &x->s->win[w]->cols[j]);
    }
done:
    free(all);
    free(refv);
    free(sd);
    free(why);
    return st;
}

void lt_drift_series_free(lt_drift_series *s)
{
    if (!s)
        return;
    for (int w = 0; s->win && w < s->nwin; w++)
        lt_drift_free(s->win[w]);
    free(s->win);
    free(s->start);
    free(s->rows);
    free(s);
}

/* The series of W with an empty report for each window with a baseline. */
static lt_drift_series *series_new(const windows *W, const dplan *pl, lt_drift_baseline base,
                                   const lt_frame *ref_frame, const lt_drift_opts *o)
{
    lt_drift_series *s = calloc(1, sizeof *s);
    if (!s || !(s->win = calloc((size_t)W->nwin, sizeof *s->win))) {
        free(s);
        lt_nomem();
        return NULL;
    }
    s->nwin = W->nwin;
    for (int w = 0; w < W->nwin; w++) {
        int b = baseline_of(base, w);
        if (base != LT_DRIFT_FRAME && b < 0)
            continue;
        lt_drift *d = s->win[w] = calloc(1, sizeof *d);
        if (!d || !(d->cols = calloc((size_t)pl->n, sizeof *d->cols))
            || (pl->nskipped && !(d->skipped = dp_strdup_list(pl->skipped, pl->nskipped)))) {
            lt_drift_series_free(s);
            lt_nomem();
            return NULL;
        }
        d->nref = base == LT_DRIFT_FRAME ? ref_frame->nrow : W->count[b];
        d->ncur = W->count[w];
        d->ncol = pl->n;
        d->nskipped = pl->nskipped;
        d->drift_share = o->drift_share;
    }
    s->start = malloc((size_t)W->nwin * sizeof *s->start);
    s->rows = malloc((size_t)W->nwin * sizeof *s->rows);
    if (!s->start || !s->rows) {
        lt_drift_series_free(s);
        lt_nomem();
        return NULL;
    }
    memcpy(s->start, W->start, (size_t)W->nwin * sizeof *s->start);
    memcpy(s->rows, W->count, (size_t)W->nwin * sizeof *s->rows);
    s->dropped = W->dropped;
    return s;
}

lt_drift_series *lt_drift_over_time(const lt_frame *events, const char *time, const char *every,
                                    lt_drift_baseline base, const lt_frame *ref_frame,
                                    const lt_drift_spec *cols, int ncols,
                                    const lt_drift_opts *o)
{
    lt_drift_opts def;
    if (!o) {
        lt_drift_opts_init(&def);
        o = &def;
    }
    if (dp_check_opts(WHO, o) < 0)
        return NULL;
    if (base != LT_DRIFT_FIRST && base != LT_DRIFT_PREVIOUS && base != LT_DRIFT_FRAME) {
        lt_seterr(LT_EINVAL, "%s: baseline %d is not first, previous or a frame", WHO, (int)base);
        return NULL;
    }
    if (!events || events->nrow == 0) {
        lt_seterr(LT_EINVAL, "%s: the frame has no rows", WHO);
        return NULL;
    }
    if (base == LT_DRIFT_FRAME && (!ref_frame || ref_frame->nrow == 0)) {
        lt_seterr(LT_EINVAL, "%s: the reference frame %s", WHO,
                  ref_frame ? "has no rows" : "is missing; the frame baseline needs one");
        return NULL;
    }
    if (!time || !*time) {
        lt_seterr(LT_EINVAL, "%s: no time column given; expected the name of a time or numeric "
                  "column", WHO);
        return NULL;
    }
    int ti = lt_frame_index(events, time);
    if (ti < 0) {
        const char *sug = lt_frame_suggest(events, time);
        if (sug)
            lt_seterr(LT_EINVAL, "%s: column '%s' is not in the frame (did you mean '%s'?)", WHO,
                      time, sug);
        else
            lt_seterr(LT_EINVAL, "%s: column '%s' is not in the frame", WHO, time);
        return NULL;
    }
    const lt_col *tc = events->cols[ti];
    if (tc->type != LT_TIME && tc->type != LT_F64 && tc->type != LT_I64) {
        lt_seterr(LT_ETYPE, "%s: column '%s' is %s; expected a time or numeric column", WHO, time,
                  lt_col_type_label(tc));
        return NULL;
    }
    if (tc->nmiss == tc->n) {
        lt_seterr(LT_EINVAL, "%s: column '%s' has no values (all missing)", WHO, time);
        return NULL;
    }
    if (!every || !*every) {
        lt_seterr(LT_EINVAL, "%s: no window given; expected %s", WHO,
                  tc->type == LT_TIME ? "a period such as \"month\" or \"7d\""
                                      : "a positive width such as \"10\"");
        return NULL;
    }
    windows W;
    if (make_windows(tc, every, &W) < 0)
        return NULL;
    lt_drift_series *s = NULL;
    dplan pl = {0};
    double med = NAN;
    if (base != LT_DRIFT_FRAME && W.nwin < 2) {
        lt_seterr(LT_EINVAL, "%s: the rows of '%s' fall in one window of %s '%s'; the %s "
                  "baseline needs two or more", WHO, time,
                  tc->type == LT_TIME ? "period" : "width", every,
                  base == LT_DRIFT_FIRST ? "first" : "previous");
        goto done;
    }
    if (base != LT_DRIFT_FRAME && median_rows(&W, &med) < 0)
        goto done;
    bool frame = base == LT_DRIFT_FRAME;
    if (dp_plan(&pl, WHO, frame ? ref_frame : events, events, !frame, time, cols, ncols, o,
                med) < 0)
        goto done;
    if (!(s = series_new(&W, &pl, base, ref_frame, o)))
        goto done;
    s->is_time = tc->type == LT_TIME;
    s->tkind = W.tkind;
    time_ctx ctx = {&pl, o, &W, base, s};
    double work = (double)events->nrow * pl.n * 2;
    int *order = NULL;
    int st = dp_order(&pl, &order);
    if (st == 0)
        st = dp_run(pl.n, work >= DP_PAR_MIN, order, time_column, &ctx, o->progress, WHO,
                    "columns");
    free(order);
    if (st < 0) {
        lt_drift_series_free(s);
        s = NULL;
        goto done;
    }
    for (int w = 0; w < s->nwin; w++)
        if (s->win[w])
            dp_tally(s->win[w]);
done:
    dp_plan_fini(&pl);
    windows_free(&W);
    return s;
}
