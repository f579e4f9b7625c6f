/* Lua bindings of model evaluation (core/labels.h, scores.h, confusion.h,
 * regression_metrics.h, delong.h, bootstrap.h, plots/eval_figures.h):
 * evaluate() and compare(), and the objects they return:
 * "lunette.Evaluation" (metric fields, curves, thresholds, intervals),
 * "lunette.Confusion", "lunette.Curve", "lunette.Comparison", and the
 * interval tables of ev:ci ("lunette.Interval").  Their text is made by
 * l_evaluate_print.c.
 *
 * An evaluation is built by plain C functions (build_*) that return a
 * status and set lt_errmsg, so that nothing they allocate outlives a Lua
 * error: what they keep goes into the evaluation, which the userdata
 * pushed before owns; scratch arrays live on the Lua stack. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "bootstrap.h"
#include "delong.h"
#include "error.h"
#include "eval_figures.h"
#include "help.h"
#include "l_aux.h"
#include "l_evaluate.h"
#include "lunette.h"

enum { MAX_CLASSES = 1000 };

char *lt_ev_strdup(const char *s)
{
    size_t len = strlen(s);
    char *d = malloc(len + 1);
    if (d)
        memcpy(d, s, len + 1);
    return d;
}

/* ---- object lifetimes ------------------------------------------------- */

static void rows_unref(ev_rows *r)
{
    if (!r || --r->refs > 0)
        return;
    free(r->truth);
    free(r->score);
    lt_scores_free(r->scores);
    free(r->positive);
    free(r->negative);
    free(r->positive_why);
    free(r->auc_why);
    free(r->ap_why);
    free(r->unit_why);
    free(r);
}

static void ev_free(evaluation *ev)
{
    if (!ev)
        return;
    free(ev->name);
    rows_unref(ev->rows);
    free(ev->threshold_why);
    lt_labels_fini(&ev->labels);
    lt_confusion_free(ev->cm);
    free(ev->per_class);
    free(ev->log_loss_why);
    free(ev->y);
    free(ev->yhat);
    free(ev->mape_why);
    free(ev);
}

/* Push a userdata of metatable mt holding a zeroed struct of `size` bytes
 * (NULL in the slot until then) with nuv user values; returns the struct. */
void *lt_ev_newobject(lua_State *L, const char *mt, size_t size, int nuv)
{
    void **slot = lt_lua_newobject(L, mt, nuv);
    *slot = calloc(1, size);
    if (!*slot)
        luaL_error(L, "out of memory");
    return *slot;
}

evaluation *lt_ev_check(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_EVALUATION_MT, "evaluation");
}

LT_EV_GC(ev_gc, evaluation, LT_EVALUATION_MT, ev_free)

/* Raise "fname: <lt_errmsg>", or "fname: cancelled". */
static int core_error(lua_State *L, const char *fname)
{
    if (lt_errcode() == LT_ECANCELED)
        return luaL_error(L, "%s: cancelled", fname);
    return lt_lua_error(L, fname);
}

void lt_ev_check_rc(lua_State *L, int rc, const char *fname)
{
    if (rc < 0)
        core_error(L, fname);
}

/* The label the value at idx names, as text (a string as is, an integer
 * in decimal, a boolean as true/false), pushed; `what` names it. */
static const char *checklabel(lua_State *L, int idx, int arg, const char *what)
{
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        lua_pushvalue(L, idx);
        break;
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TNUMBER: {
        lua_Number v = lua_tonumber(L, idx);
        if (v != floor(v) || fabs(v) >= 0x1p63)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %f is no class label "
                                                  "(whole numbers, strings or booleans)",
                                                  what, v));
        lua_pushfstring(L, "%I", (lua_Integer)v);
        break;
    }
    default:
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': a class label (string, "
                                              "number or boolean) expected, got %s", what,
                                              lt_lua_typename(L, idx)));
    }
    return lua_tostring(L, -1);
}

/* Push a label as the truth column holds it: integers as integers,
 * booleans as booleans, strings as strings. */
static void pushlabel(lua_State *L, const char *s, lt_type type)
{
    if (type == LT_BOOL) {
        lua_pushboolean(L, strcmp(s, "true") == 0);
        return;
    }
    if (type == LT_I64 || type == LT_F64) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (*s && !*end) {
            lua_pushinteger(L, (lua_Integer)v);
            return;
        }
    }
    lua_pushstring(L, s);
}

/* ---- building evaluations (plain C: a status and lt_errmsg) ------------ */

static int nomem_if(bool ok) { return ok ? 0 : lt_nomem(); }

/* The metrics of a binary evaluation at its threshold. */
static void at_threshold(evaluation *ev)
{
    lt_scores_counts(ev->rows->scores, ev->threshold, NULL, NULL, &ev->counts);
    lt_binary_metrics_of(&ev->counts, &ev->bm);
}

/* Sort the kept rows and compute the threshold-free metrics, with the
 * reasons of those that are undefined. */
static int binary_scores(ev_rows *r, int nlabels, lt_progress *p)
{
    r->scores = lt_scores_new(r->truth, r->score, r->n, p);
    if (!r->scores)
        return lt_errcode();
    const lt_scores *s = r->scores;
    char buf[256];
    if (s->npos == 0 || s->nneg == 0) {
        if (nlabels == 1)
            snprintf(buf, sizeof buf, "truth has only one class ('%s'); it needs both",
                     r->positive);
        else
            snprintf(buf, sizeof buf, "no '%s' rows are left after dropping missing rows",
                     s->npos == 0 ? r->positive : r->negative);
        if (!(r->auc_why = lt_ev_strdup(buf)))
            return lt_nomem();
    }
    if (s->npos == 0) {
        snprintf(buf, sizeof buf, "no positive ('%s') rows", r->positive);
        if (!(r->ap_why = lt_ev_strdup(buf)))
            return lt_nomem();
    }
    r->in_unit = lt_scores_in_unit(s);
    if (!r->in_unit) {
        snprintf(buf, sizeof buf, "scores outside [0, 1]: %.4g to %.4g", s->lo, s->hi);
        if (!(r->unit_why = lt_ev_strdup(buf)))
            return lt_nomem();
    }
    r->auc = lt_scores_metric(s, LT_METRIC_AUC, 0, NULL, NULL);
    r->ap = lt_scores_metric(s, LT_METRIC_AP, 0, NULL, NULL);
    r->log_loss = r->in_unit ? lt_scores_metric(s, LT_METRIC_LOG_LOSS, 0, NULL, NULL) : NAN;
    r->brier = r->in_unit ? lt_scores_metric(s, LT_METRIC_BRIER, 0, NULL, NULL) : NAN;
    return 0;
}

/* "truth has 3 classes ('a', 'b', 'c')" style lists for messages. */
static void list_names(char *buf, size_t cap, char *const *names, int n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && i < 12 && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s'%s'", i ? ", " : "", names[i]);
    if (n > 12 && len < cap)
        snprintf(buf + len, cap - len, ", …");
}

/* Binary: truth (classes) against scores.  codes has room for truth->n. */
static int build_binary(evaluation *ev, const lt_col *truth, const lt_col *score,
                        const char *positive, int32_t *codes, lt_progress *p)
{
    char names[512];
    int64_t nk;
    lt_labels *l = &ev->labels;   /* for the duration of the build */
    int rc = lt_labels_encode(truth, NULL, MAX_CLASSES, l, codes, NULL, &nk);
    if (rc < 0)
        return rc;
    if (l->k == 0 && truth->n == 0)
        return lt_seterr(LT_EINVAL, "truth has no rows");
    if (l->k == 0)
        return lt_seterr(LT_EINVAL, "truth has no values (%lld rows, all missing)",
                         (long long)truth->n);
    list_names(names, sizeof names, l->names, l->k);
    if (l->k > 2)
        return lt_seterr(LT_EINVAL, "truth has %d classes (%s); binary scores need 2 "
                         "(class predictions or a frame of class probabilities make a "
                         "multiclass evaluation)", l->k, names);
    const char *why = "given";
    int pos;
    if (positive) {
        pos = lt_labels_find(l, positive);
        if (pos < 0)
            return lt_seterr(LT_EINVAL, "positive = '%s' is not a class of truth; classes: %s",
                             positive, names);
    } else {
        pos = lt_labels_default_positive_why(l, truth, &why);
    }
    ev_rows *r = calloc(1, sizeof *r);
    if (!r)
        return lt_nomem();
    ev->rows = r;
    r->refs = 1;
    size_t n = truth->n > 0 ? (size_t)truth->n : 1;
    r->truth = malloc(n);
    r->score = malloc(n * sizeof *r->score);
    r->positive = lt_ev_strdup(l->names[pos]);
    r->positive_why = lt_ev_strdup(why);
    if (l->k == 2 && !(r->negative = lt_ev_strdup(l->names[1 - pos])))
        return lt_nomem();
    if ((rc = nomem_if(r->truth && r->score && r->positive && r->positive_why)) < 0)
        return rc;
    rc = lt_labels_binary(truth, r->positive, score, r->truth, r->score, &nk);
    if (rc < 0)
        return rc;
    ev->n = r->n = nk;
    ev->dropped = truth->n - nk;
    ev->dropped_what = "truth or score";
    if (nk == 0)
        return lt_seterr(LT_EINVAL, "no rows left: each of the %lld rows misses its truth or "
                         "its score", (long long)truth->n);
    rc = binary_scores(r, l->k, p);
    lt_labels_fini(l);
    if (rc < 0)
        return rc;
    at_threshold(ev);
    return 0;
}

/* The positive class of a two-class multiclass evaluation, and its
 * binary metrics from the confusion matrix. */
static int two_classes(evaluation *ev, const lt_col *truth, const char *positive)
{
    const lt_labels *l = &ev->labels;
    ev->positive = -1;
    if (l->k != 2) {
        if (positive)
            return lt_seterr(LT_EINVAL, "positive = '%s' applies to two classes; these are %d "
                             "(per_class() gives each class's metrics)", positive, l->k);
        return 0;
    }
    ev->positive_why2 = "given";
    if (positive) {
        ev->positive = lt_labels_find(l, positive);
        if (ev->positive < 0) {
            char names[512];
            list_names(names, sizeof names, l->names, l->k);
            return lt_seterr(LT_EINVAL, "positive = '%s' is not a class; classes: %s",
                             positive, names);
        }
    } else {
        ev->positive = lt_labels_default_positive_why(l, truth, &ev->positive_why2);
    }
    int p = ev->positive, q = 1 - p;
    const int64_t *c = ev->cm->count;
    lt_counts2 cnt = {.tp = (double)c[p * 2 + p], .fp = (double)c[q * 2 + p],
                      .fn = (double)c[p * 2 + q], .tn = (double)c[q * 2 + q]};
    lt_binary_metrics_of(&cnt, &ev->bm2);
    return 0;
}

/* The confusion matrix and metrics of coded rows. */
static int confusion_metrics(evaluation *ev, const int32_t *tc, const int32_t *pc, int64_t nk)
{
    int k = ev->labels.k;
    ev->cm = lt_confusion_new(k);
    ev->per_class = malloc((size_t)k * sizeof *ev->per_class);
    int rc = nomem_if(ev->cm && ev->per_class);
    if (rc == 0)
        rc = lt_confusion_add(ev->cm, tc, pc, nk);
    if (rc < 0)
        return rc;
    lt_confusion_metrics(ev->cm, &ev->mm);
    lt_confusion_per_class(ev->cm, ev->per_class);
    return 0;
}

/* Multiclass: truth against class predictions.  tc, pc: room for n. */
static int build_classes(evaluation *ev, const lt_col *truth, const lt_col *pred,
                         const char *positive, int32_t *tc, int32_t *pc)
{
    int64_t nk;
    int rc = lt_labels_encode(truth, pred, MAX_CLASSES, &ev->labels, tc, pc, &nk);
    if (rc < 0)
        return rc;
    ev->n = nk;
    ev->dropped = truth->n - nk;
    ev->dropped_what = "truth or prediction";
    if (nk == 0)
        return lt_seterr(LT_EINVAL, "no rows left: each of the %lld rows misses its truth or "
                         "its prediction", (long long)truth->n);
    rc = confusion_metrics(ev, tc, pc, nk);
    if (rc == 0)
        rc = two_classes(ev, truth, positive);
    ev->log_loss = NAN;
    return rc;
}

/* Multiclass: truth against a frame of class probabilities, one column
 * per class named by its label.  Scratch: tc, pc, tmp (room for n int32
 * each), colcode (room for df->ncol), prob (n x ncol doubles). */
static int build_probs(evaluation *ev, const lt_col *truth, const lt_frame *df,
                       const lt_col *names, const char *positive, int32_t *tc, int32_t *pc,
                       int32_t *tmp, int32_t *colcode, double *prob)
{
    int64_t n = truth->n, nk;
    int rc = lt_labels_encode(names, NULL, 0, &ev->labels, colcode, NULL, &nk);
    if (rc < 0)
        return rc;
    lt_labels tl;
    rc = lt_labels_encode(truth, NULL, 0, &tl, tmp, NULL, &nk);
    if (rc < 0)
        return rc;
    /* each truth class must have its column: map truth codes to columns */
    int32_t *tmap = malloc((size_t)(tl.k > 0 ? tl.k : 1) * sizeof *tmap);
    char missing[512];
    size_t len = 0;
    int nmissing = 0;
    rc = nomem_if(tmap != NULL);
    for (int i = 0; rc == 0 && i < tl.k; i++) {
        tmap[i] = lt_labels_find(&ev->labels, tl.names[i]);
        if (tmap[i] < 0 && nmissing++ < 12 && len < sizeof missing)
            len += (size_t)snprintf(missing + len, sizeof missing - len, "%s'%s'",
                                    len ? ", " : "", tl.names[i]);
    }
    if (rc == 0 && nmissing > 0) {
        char cols[512];
        list_names(cols, sizeof cols, df->names, df->ncol);
        rc = lt_seterr(LT_EINVAL, "truth class%s %s%s ha%s no column in the frame of class "
                       "probabilities; its columns: %s", nmissing == 1 ? "" : "es", missing,
                       nmissing > 12 ? ", …" : "", nmissing == 1 ? "s" : "ve", cols);
    }
    int64_t j = 0;   /* index among the rows with a truth */
    nk = 0;
    for (int64_t i = 0; rc == 0 && i < n; i++) {
        if (lt_col_is_na(truth, i))
            continue;
        int32_t t = tmap[tmp[j++]];
        int best = -1;
        double bestv = 0;
        bool miss = false;
        for (int c = 0; c < df->ncol && !miss; c++) {
            double v = lt_col_get_num(df->cols[c], i);
            miss = isnan(v);
            if (!miss && (best < 0 || v > bestv)) {   /* the first column wins ties */
                best = c;
                bestv = v;
            }
            prob[(int64_t)colcode[c] * n + nk] = v;
        }
        if (miss)
            continue;
        tc[nk] = t;
        pc[nk] = colcode[best];
        nk++;
    }
    free(tmap);
    lt_labels_fini(&tl);
    if (rc < 0)
        return rc;
    ev->probabilities = true;
    ev->n = nk;
    ev->dropped = n - nk;
    ev->dropped_what = "truth or probability";
    if (nk == 0)
        return lt_seterr(LT_EINVAL, "no rows left: each of the %lld rows misses its truth or "
                         "a probability", (long long)n);
    rc = confusion_metrics(ev, tc, pc, nk);
    if (rc == 0)
        rc = two_classes(ev, truth, positive);
    if (rc < 0)
        return rc;
    if (lt_log_loss_multi(tc, prob, nk, ev->labels.k, n, &ev->log_loss) < 0) {
        ev->log_loss = NAN;
        if (!(ev->log_loss_why = lt_ev_strdup(lt_errmsg())))
            return lt_nomem();
    }
    return 0;
}

/* Regression: truth (numbers) against predictions. */
static int build_regression(evaluation *ev, const lt_col *truth, const lt_col *pred)
{
    int64_t n = truth->n, nk = 0;
    size_t cap = n > 0 ? (size_t)n : 1;
    ev->y = malloc(cap * sizeof *ev->y);
    ev->yhat = malloc(cap * sizeof *ev->yhat);
    int rc = nomem_if(ev->y && ev->yhat);
    if (rc < 0)
        return rc;
    for (int64_t i = 0; i < n; i++) {
        double y = lt_col_get_num(truth, i), f = lt_col_get_num(pred, i);
        if (isnan(y) || isnan(f))
            continue;
        if (isinf(y) || isinf(f))
            return lt_seterr(LT_EINVAL, "%s is infinite at row %lld; expected finite numbers",
                             isinf(y) ? "truth" : "the prediction", (long long)i + 1);
        ev->y[nk] = y;
        ev->yhat[nk] = f;
        nk++;
    }
    ev->n = nk;
    ev->dropped = n - nk;
    ev->dropped_what = "truth or prediction";
    if (nk == 0)
        return lt_seterr(LT_EINVAL, "no rows left: each of the %lld rows misses its truth or "
                         "its prediction", (long long)n);
    rc = lt_regression_metrics_compute(ev->y, ev->yhat, nk, &ev->rm);
    if (rc == 0 && ev->rm.nzero > 0) {
        char buf[96];
        snprintf(buf, sizeof buf, "truth is 0 on %lld row%s", (long long)ev->rm.nzero,
                 ev->rm.nzero == 1 ? "" : "s");
        if (!(ev->mape_why = lt_ev_strdup(buf)))
            rc = lt_nomem();
    }
    return rc;
}

/* ---- evaluate() -------------------------------------------------------- */

/* Are all values of the numeric column c 0 or 1 (missing ones aside)? */
static bool zero_one(const lt_col *c)
{
    for (int64_t i = 0; i < c->n; i++) {
        double v = lt_col_get_num(c, i);
        if (!isnan(v) && v != 0 && v != 1)
            return false;
    }
    return true;
}

static const char *const type_names[] = {"auto", "binary", "multiclass", "regression", NULL};
enum { T_AUTO, T_BINARY, T_MULTICLASS, T_REGRESSION };

/* The kind for type = "auto" (see the help of evaluate). */
static int auto_kind(const lt_col *truth, const lt_col *x)
{
    if (!x)
        return T_MULTICLASS;   /* a frame of probabilities */
    if (x->type == LT_STR || x->type == LT_BOOL)
        return T_MULTICLASS;
    if (truth->type == LT_STR || truth->type == LT_BOOL)
        return T_BINARY;
    return zero_one(truth) ? T_BINARY : T_REGRESSION;
}

static void need_length(lua_State *L, const lt_col *truth, int64_t n, const char *what)
{
    if (truth->n != n)
        luaL_error(L, "evaluate: truth has %I rows and %s %I; expected the same length",
                   (lua_Integer)truth->n, what, (lua_Integer)n);
}

/* The option-table checks of evaluate; returns the kind asked for. */
static int eval_options(lua_State *L, double *threshold, const char **positive,
                        const char **name)
{
    static const char *const known[] = {"positive", "threshold", "type", "name", NULL};
    lt_lua_checkopts(L, 3, known);
    int type = lt_lua_optchoice(L, 3, "type", type_names, T_AUTO);
    *threshold = lt_lua_optnum(L, 3, "threshold", NAN);
    bool given = lt_lua_optfield(L, 3, "threshold") != LUA_TNIL;
    luaL_argcheck(L, !given || !isnan(*threshold), 3,
                  "option 'threshold': a number expected, got NaN");
    *name = lt_lua_optstr(L, 3, "name", NULL);
    *positive = NULL;
    lua_settop(L, 3);
    if (lt_lua_optfield(L, 3, "positive") != LUA_TNIL)
        *positive = checklabel(L, 4, 3, "positive");   /* stays at index 5 */
    else
        lua_pushnil(L);                                 /* index 5 */
    return type;
}

static int evaluate(lua_State *L)
{
    const char *fname = "evaluate";
    if (!luaL_testudata(L, 1, LT_COLUMN_MT))
        luaL_argexpected(L, 0, 1, "Column of the truth");
    const lt_col *truth = lt_lua_checkcol(L, 1);
    const lt_frame *df = NULL;
    const lt_col *x = NULL;
    if (luaL_testudata(L, 2, LT_FRAME_MT))
        df = lt_lua_checkframe(L, 2);
    else if (luaL_testudata(L, 2, LT_COLUMN_MT))
        x = lt_lua_checkcol(L, 2);
    else
        luaL_argexpected(L, 0, 2, "Column of scores or predictions, or Frame of class "
                         "probabilities");
    double threshold;
    const char *positive, *name;
    int type = eval_options(L, &threshold, &positive, &name);
    if (truth->type == LT_TIME)
        luaL_argerror(L, 1, lua_pushfstring(L, "truth is a %s column; expected class labels "
                                            "or numbers", lt_col_type_label(truth)));
    if (x && x->type == LT_TIME)
        luaL_argerror(L, 2, lua_pushfstring(L, "a %s column; expected scores, class "
                                            "predictions or numbers", lt_col_type_label(x)));
    need_length(L, truth, df ? df->nrow : x->n, df ? "the probability frame" : "x");
    if (type == T_AUTO)
        type = auto_kind(truth, x);
    if (df && type != T_MULTICLASS)
        luaL_argerror(L, 2, lua_pushfstring(L, "a frame of class probabilities makes a "
                                            "multiclass evaluation, not %s",
                                            type_names[type]));
    if (type == T_BINARY && !lt_type_is_numeric(x->type))
        luaL_argerror(L, 2, lua_pushfstring(L, "binary scores must be numbers; got a %s "
                                            "column", lt_col_type_label(x)));
    if (type == T_REGRESSION && (!lt_type_is_numeric(truth->type) ||
                                 !lt_type_is_numeric(x->type)))
        luaL_argerror(L, lt_type_is_numeric(truth->type) ? 2 : 1, lua_pushfstring(L,
                      "a regression needs numbers; got truth %s and x %s",
                      lt_col_type_label(truth), lt_col_type_label(x)));
    if (!isnan(threshold) && type != T_BINARY)
        luaL_argerror(L, 3, lua_pushfstring(L, "option 'threshold' applies to binary "
                                            "scores; this is a %s evaluation",
                                            type_names[type]));
    if (positive && type == T_REGRESSION)
        luaL_argerror(L, 3, "option 'positive' applies to classes; this is a regression");
    if (df) {
        luaL_argcheck(L, df->ncol >= 2, 2, "a frame of class probabilities needs a column "
                      "per class (2 or more)");
        for (int c = 0; c < df->ncol; c++)
            if (!lt_type_is_numeric(df->cols[c]->type))
                luaL_argerror(L, 2, lua_pushfstring(L, "column '%s' is %s; expected "
                                                    "probabilities (numbers)", df->names[c],
                                                    lt_col_type_label(df->cols[c])));
    }

    evaluation *ev = lt_ev_newobject(L, LT_EVALUATION_MT, sizeof *ev, 0);   /* index 6 */
    ev->threshold = isnan(threshold) ? 0.5 : threshold;
    ev->label_type = truth->type;
    ev->positive = -1;
    ev->log_loss = NAN;
    if (name && !(ev->name = lt_ev_strdup(name)))
        return luaL_error(L, "out of memory");
    size_t n = truth->n > 0 ? (size_t)truth->n : 1;
    int rc;
    if (type == T_BINARY) {
        ev->kind = EV_BINARY;
        lt_progress *p = lt_lua_get_progress(L);
        if (p)
            p->label = fname;
        rc = build_binary(ev, truth, x, positive, lt_lua_buffer(L, n, sizeof(int32_t)), p);
    } else if (type == T_MULTICLASS && x) {
        ev->kind = EV_MULTICLASS;
        int32_t *tc = lt_lua_buffer(L, n, sizeof *tc), *pc = lt_lua_buffer(L, n, sizeof *pc);
        rc = build_classes(ev, truth, x, positive, tc, pc);
    } else if (type == T_MULTICLASS) {
        ev->kind = EV_MULTICLASS;
        lt_col **names = lt_lua_newcol(L);
        *names = lt_col_from_strs((const char *const *)df->names, NULL, df->ncol);
        lt_lua_result(L, *names, fname);
        if (n > SIZE_MAX / sizeof(double) / (size_t)df->ncol)
            return luaL_error(L, "%s: out of memory", fname);
        int32_t *tc = lt_lua_buffer(L, n, sizeof *tc), *pc = lt_lua_buffer(L, n, sizeof *pc);
        int32_t *tmp = lt_lua_buffer(L, n, sizeof *tmp);
        int32_t *cc = lt_lua_buffer(L, (size_t)df->ncol, sizeof *cc);
        double *prob = lt_lua_buffer(L, n * (size_t)df->ncol, sizeof *prob);
        rc = build_probs(ev, truth, df, *names, positive, tc, pc, tmp, cc, prob);
    } else {
        ev->kind = EV_REGRESSION;
        rc = build_regression(ev, truth, x);
    }
    lt_ev_check_rc(L, rc, fname);
    lua_settop(L, 6);
    return 1;
}

/* ---- fields ------------------------------------------------------------- */

static const char *const common_fields[] = {"n", "type", "dropped", "name", NULL};
static const char *const binary_fields[] = {
    "auc", "ap", "log_loss", "brier", "accuracy", "balanced_accuracy", "precision", "recall",
    "specificity", "f1", "mcc", "kappa", "prevalence", "threshold", "positive", "negative",
    NULL};
static const char *const multiclass_fields[] = {
    "accuracy", "balanced_accuracy", "kappa", "mcc", "macro_precision", "macro_recall",
    "macro_f1", "micro_f1", "weighted_precision", "weighted_recall", "weighted_f1",
    "log_loss", "classes", "precision", "recall", "specificity", "f1", "positive",
    "negative", NULL};
static const char *const regression_fields[] = {
    "mae", "rmse", "mse", "mape", "smape", "r2", "explained_variance", "median_ae",
    "max_error", "mean_error", NULL};

static const char *const *kind_fields(ev_kind k)
{
    return k == EV_BINARY ? binary_fields : k == EV_MULTICLASS ? multiclass_fields
                                                               : regression_fields;
}

static bool listed(const char *const *names, const char *key)
{
    for (; *names; names++)
        if (strcmp(*names, key) == 0)
            return true;
    return false;
}

/* Push a metric value, or raise why it is undefined. */
static int pushmetric(lua_State *L, const char *key, double v, const char *why)
{
    if (why)
        return luaL_error(L, "evaluation: %s is undefined: %s", key, why);
    lua_pushnumber(L, v);
    return 1;
}

static int binary_field(lua_State *L, const evaluation *ev, const char *key)
{
    const ev_rows *r = ev->rows;
    const lt_binary_metrics *m = &ev->bm;
    static const char *const names[] = {"auc", "ap", "log_loss", "brier", "accuracy",
                                        "balanced_accuracy", "precision", "recall",
                                        "specificity", "f1", "mcc", "kappa", NULL};
    const double vals[] = {r->auc, r->ap, r->log_loss, r->brier, m->accuracy,
                           m->balanced_accuracy, m->precision, m->recall, m->specificity,
                           m->f1, m->mcc, m->kappa};
    const char *whys[] = {r->auc_why, r->ap_why, r->unit_why, r->unit_why};
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], key) == 0)
            return pushmetric(L, lt_ev_metric_title((lt_metric)i), vals[i],
                              i < 4 ? whys[i] : NULL);
    if (strcmp(key, "prevalence") == 0)
        lua_pushnumber(L, (double)r->scores->npos / (double)r->n);
    else if (strcmp(key, "threshold") == 0)
        lua_pushnumber(L, ev->threshold);
    else if (strcmp(key, "positive") == 0)
        pushlabel(L, r->positive, ev->label_type);
    else if (strcmp(key, "negative") == 0 && r->negative)
        pushlabel(L, r->negative, ev->label_type);
    else if (strcmp(key, "negative") == 0)
        lua_pushnil(L);
    else
        return 0;
    return 1;
}

static int multiclass_field(lua_State *L, const evaluation *ev, const char *key)
{
    const lt_multiclass_metrics *m = &ev->mm;
    static const char *const names[] = {
        "accuracy", "balanced_accuracy", "kappa", "mcc", "macro_precision", "macro_recall",
        "macro_f1", "micro_f1", "weighted_precision", "weighted_recall", "weighted_f1", NULL};
    const double vals[] = {m->accuracy, m->balanced_accuracy, m->kappa, m->mcc,
                           m->macro_precision, m->macro_recall, m->macro_f1, m->micro_f1,
                           m->weighted_precision, m->weighted_recall, m->weighted_f1};
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], key) == 0) {
            lua_pushnumber(L, vals[i]);
            return 1;
        }
    const lt_labels *l = &ev->labels;
    if (strcmp(key, "log_loss") == 0) {
        if (!ev->probabilities)
            return luaL_error(L, "evaluation: log_loss needs class probabilities: "
                              "evaluate(truth, frame) with a column per class");
        return pushmetric(L, "log loss", ev->log_loss, ev->log_loss_why);
    }
    if (strcmp(key, "classes") == 0) {
        lt_type t = ev->label_type;
        lua_createtable(L, l->k, 0);
        for (int i = 0; i < l->k; i++) {
            pushlabel(L, l->names[i], t);
            lua_rawseti(L, -2, i + 1);
        }
        return 1;
    }
    static const char *const bin[] = {"precision", "recall", "specificity", "f1", NULL};
    const double bvals[] = {ev->bm2.precision, ev->bm2.recall, ev->bm2.specificity,
                            ev->bm2.f1};
    for (int i = 0; bin[i]; i++)
        if (strcmp(bin[i], key) == 0) {
            if (ev->positive < 0)
                return luaL_error(L, "evaluation: %s is a metric of one positive class, and "
                                  "these are %d classes; per_class() gives each class's, "
                                  "and there are macro_ and weighted_ averages", key, l->k);
            lua_pushnumber(L, bvals[i]);
            return 1;
        }
    if (strcmp(key, "positive") == 0 || strcmp(key, "negative") == 0) {
        if (ev->positive < 0)
            lua_pushnil(L);
        else
            pushlabel(L, l->names[key[0] == 'p' ? ev->positive : 1 - ev->positive],
                      ev->label_type);
        return 1;
    }
    return 0;
}

static int regression_field(lua_State *L, const evaluation *ev, const char *key)
{
    const lt_regression_metrics *m = &ev->rm;
    const double vals[] = {m->mae, m->rmse, m->mse, m->mape, m->smape, m->r2,
                           m->explained_variance, m->median_ae, m->max_error, m->mean_error};
    for (int i = 0; regression_fields[i]; i++)
        if (strcmp(regression_fields[i], key) == 0) {
            if (i == 3 && ev->mape_why)
                return luaL_error(L, "evaluation: mape is undefined: %s (smape is defined)",
                                  ev->mape_why);
            lua_pushnumber(L, vals[i]);
            return 1;
        }
    return 0;
}

/* ev.key: a method, else a field of the evaluation's kind; "threshold"
 * is a field of binary evaluations (numbers are callable, see
 * number_call, so that ev:threshold{...} still reaches the method). */
static int ev_index(lua_State *L)
{
    evaluation *ev = lt_ev_check(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "evaluation: index with a field name, got %s",
                          lt_lua_typename(L, 2));
    const char *key = lua_tostring(L, 2);
    if (ev->kind == EV_BINARY && strcmp(key, "threshold") == 0) {
        lua_pushnumber(L, ev->threshold);
        return 1;
    }
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    if (strcmp(key, "n") == 0) {
        lua_pushinteger(L, ev->n);
        return 1;
    }
    if (strcmp(key, "dropped") == 0) {
        lua_pushinteger(L, ev->dropped);
        return 1;
    }
    if (strcmp(key, "type") == 0) {
        lua_pushstring(L, lt_ev_kind_name(ev->kind));
        return 1;
    }
    if (strcmp(key, "name") == 0) {
        if (ev->name)
            lua_pushstring(L, ev->name);
        else
            lua_pushnil(L);
        return 1;
    }
    int done = ev->kind == EV_BINARY ? binary_field(L, ev, key)
             : ev->kind == EV_MULTICLASS ? multiclass_field(L, ev, key)
             : regression_field(L, ev, key);
    if (done)
        return done;
    for (int k = EV_BINARY; k <= EV_REGRESSION; k++)
        if (listed(kind_fields((ev_kind)k), key))
            return luaL_error(L, "evaluation: '%s' is a field of %s evaluations; this one is "
                              "%s", key, lt_ev_kind_name((ev_kind)k), lt_ev_kind_name(ev->kind));
    /* "did you mean" among the fields and the methods */
    return lt_lua_nofield(L, "evaluation", key, common_fields, kind_fields(ev->kind),
                          lua_upvalueindex(1));
}

LT_EV_TOSTRING(ev_tostring, evaluation, LT_EVALUATION_MT, "lunette.Evaluation (closed)",
               lt_ev_format)

/* __shape, for the workspace panel (app/workspace.h): "binary, 7,043
 * rows", "3 classes, 150 rows", "regression, 200 rows". */
static int ev_shape(lua_State *L)
{
    evaluation **slot = luaL_checkudata(L, 1, LT_EVALUATION_MT);
    const evaluation *ev = *slot;
    char n[32];
    if (!ev)
        lua_pushliteral(L, "closed");
    else if (ev->kind == EV_MULTICLASS)
        lua_pushfstring(L, "%d classes, %s rows", ev->labels.k, lt_count_format(ev->n, n, sizeof n));
    else
        lua_pushfstring(L, "%s, %s rows", lt_ev_kind_name(ev->kind),
                        lt_count_format(ev->n, n, sizeof n));
    return 1;
}

/* Numbers have this __call: ev.threshold is a number, so ev:threshold(t)
 * calls that number with (ev, t).  Anything else is the error Lua would
 * raise. */
static int ev_threshold(lua_State *L);
static int number_call(lua_State *L)
{
    if (!luaL_testudata(L, 2, LT_EVALUATION_MT))
        return luaL_error(L, "attempt to call a number value");
    lua_remove(L, 1);
    return ev_threshold(L);
}

/* ---- frames from arrays ---------------------------------------------- */

int lt_ev_add_col(lt_frame *f, const char *name, lt_col *c)
{
    if (!c)
        return lt_errcode() ? lt_errcode() : LT_ENOMEM;
    int rc = lt_frame_add(f, name, c);
    lt_col_unref(c);
    return rc;
}

/* ev:metrics() */
static int ev_metrics(lua_State *L)
{
    const evaluation *ev = lt_ev_check(L, 1);
    ev_metric_row rows[EV_MAX_METRICS];
    int n = lt_ev_metric_rows(ev, rows) - 1;   /* n is ev.n */
    const char *names[EV_MAX_METRICS];
    double vals[EV_MAX_METRICS];
    for (int i = 0; i < n; i++) {
        names[i] = rows[i].name;
        vals[i] = rows[i].value;
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_new();
    int rc = *slot ? 0 : LT_ENOMEM;
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "metric", lt_col_from_strs(names, NULL, n));
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "value", lt_col_from_f64(vals, n));
    lt_ev_check_rc(L, rc, "metrics");
    return 1;
}

/* ---- binary checks ------------------------------------------------------- */

evaluation *lt_ev_checkbinary(lua_State *L, int idx, const char *fname)
{
    evaluation *ev = lt_ev_check(L, idx);
    if (ev->kind != EV_BINARY)
        luaL_error(L, "%s: needs binary scores; this evaluation is %s", fname,
                   lt_ev_kind_name(ev->kind));
    return ev;
}

/* A new evaluation sharing ev's rows at threshold t, pushed. */
static evaluation *push_at(lua_State *L, const evaluation *ev, double t)
{
    evaluation *nv = lt_ev_newobject(L, LT_EVALUATION_MT, sizeof *nv, 0);
    nv->kind = EV_BINARY;
    nv->n = ev->n;
    nv->dropped = ev->dropped;
    nv->dropped_what = ev->dropped_what;
    nv->positive = -1;
    nv->log_loss = NAN;
    nv->rows = ev->rows;
    ev->rows->refs++;
    if (ev->name && !(nv->name = lt_ev_strdup(ev->name)))
        luaL_error(L, "out of memory");
    nv->threshold = t;
    at_threshold(nv);
    nv->label_type = ev->label_type;
    return nv;
}

/* ---- thresholds ------------------------------------------------------------ */

static int ev_threshold(lua_State *L)
{
    const char *fname = "threshold";
    evaluation *ev = lt_ev_checkbinary(L, 1, fname);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        double t = lua_tonumber(L, 2);
        luaL_argcheck(L, !isnan(t), 2, "a threshold expected, got NaN");
        push_at(L, ev, t);
        return 1;
    }
    static const char *const known[] = {"maximize", "precision", "recall", "cost", NULL};
    luaL_argexpected(L, lua_istable(L, 2), 2, "number or table { maximize = | precision = "
                     "| recall = | cost = }");
    lt_lua_checkopts(L, 2, known);
    int given = 0;
    for (int i = 0; known[i]; i++) {
        given += lt_lua_optfield(L, 2, known[i]) != LUA_TNIL;
        lua_pop(L, 1);
    }
    luaL_argcheck(L, given == 1, 2, "give exactly one of maximize, precision, recall or cost");
    lt_threshold_spec spec = {0};
    char why[256];
    static const char *const goals[] = {"f1", "accuracy", "balanced_accuracy", "mcc",
                                        "kappa", "youden", NULL};
    static const lt_metric goal_metric[] = {LT_METRIC_F1, LT_METRIC_ACCURACY,
                                            LT_METRIC_BALANCED_ACCURACY, LT_METRIC_MCC,
                                            LT_METRIC_KAPPA, LT_METRIC_COUNT};
    int goal = lt_lua_optchoice(L, 2, "maximize", goals, -1);
    double precision = lt_lua_optnum(L, 2, "precision", NAN),
           recall = lt_lua_optnum(L, 2, "recall", NAN);
    if (goal >= 0) {
        spec.goal = LT_GOAL_MAXIMIZE;
        spec.metric = goal_metric[goal];
    } else if (!isnan(precision) || !isnan(recall)) {
        double v = isnan(precision) ? recall : precision;
        luaL_argcheck(L, v >= 0 && v <= 1, 2, isnan(precision)
                      ? "option 'recall': a target in [0, 1] expected"
                      : "option 'precision': a target in [0, 1] expected");
        spec.goal = isnan(precision) ? LT_GOAL_MIN_RECALL : LT_GOAL_MIN_PRECISION;
        spec.target = v;
    } else {
        static const char *const ckeys[] = {"fp", "fn", NULL};
        if (lt_lua_optfield(L, 2, "cost") != LUA_TTABLE)
            luaL_argerror(L, 2, "option 'cost': a table { fp = , fn = } expected");
        int ct = lua_gettop(L);
        lt_lua_checkopts(L, ct, ckeys);
        spec.goal = LT_GOAL_MIN_COST;
        spec.cost_fp = lt_lua_optnum(L, ct, "fp", 1);
        spec.cost_fn = lt_lua_optnum(L, ct, "fn", 1);
        luaL_argcheck(L, spec.cost_fp >= 0 && spec.cost_fn >= 0 && isfinite(spec.cost_fp) &&
                      isfinite(spec.cost_fn), 2, "option 'cost': fp and fn must be >= 0");
        lua_pop(L, 1);
    }
    double t;
    lt_ev_check_rc(L, lt_scores_best_threshold(ev->rows->scores, &spec, &t), fname);
    evaluation *nv = push_at(L, ev, t);
    char a[48], b[48];
    const lt_binary_metrics *m = &nv->bm;
    switch (spec.goal) {
    case LT_GOAL_MAXIMIZE:
        if (spec.metric == LT_METRIC_COUNT)
            snprintf(why, sizeof why, "maximizes Youden's J = recall + specificity - 1 (%s)",
                     lt_ev_num(m->recall + m->specificity - 1, a, sizeof a));
        else
            snprintf(why, sizeof why, "maximizes %s (%s)", lt_ev_metric_title(spec.metric),
                     lt_ev_num(lt_scores_metric(ev->rows->scores, spec.metric, t, NULL, NULL),
                               a, sizeof a));
        break;
    case LT_GOAL_MIN_PRECISION:
        snprintf(why, sizeof why, "the lowest threshold with precision >= %g (precision %s, "
                 "recall %s)", spec.target, lt_ev_num(m->precision, a, sizeof a),
                 lt_ev_num(m->recall, b, sizeof b));
        break;
    case LT_GOAL_MIN_RECALL:
        snprintf(why, sizeof why, "the highest threshold with recall >= %g (recall %s, "
                 "precision %s)", spec.target, lt_ev_num(m->recall, a, sizeof a),
                 lt_ev_num(m->precision, b, sizeof b));
        break;
    case LT_GOAL_MIN_COST: {
        char fp[32], fn[32];
        snprintf(why, sizeof why, "minimizes the cost %g x FP + %g x FN = %g (%s FP, %s FN)",
                 spec.cost_fp, spec.cost_fn,
                 spec.cost_fp * nv->counts.fp + spec.cost_fn * nv->counts.fn,
                 lt_count_format((int64_t)nv->counts.fp, fp, sizeof fp),
                 lt_count_format((int64_t)nv->counts.fn, fn, sizeof fn));
        break;
    }
    }
    if (!(nv->threshold_why = lt_ev_strdup(why)))
        return luaL_error(L, "out of memory");
    return 1;
}

/* The title option of a __plot. */
const char *lt_ev_plot_title(lua_State *L)
{
    static const char *const known[] = {"title", NULL};
    lt_lua_checkopts(L, 2, known);
    return lt_lua_optstr(L, 2, "title", NULL);
}

/* ---- the figure of an evaluation ----------------------------------------- */

/* Push the ROC curve of ev (a Frame) and set its series, labelled `name`
 * (the figure adds the AUC). */
void lt_ev_roc_series(lua_State *L, const evaluation *ev, const char *name,
                       lt_curve_series *s)
{
    lt_frame **f = lt_lua_newframe(L);
    *f = lt_scores_roc(ev->rows->scores, true);
    lt_lua_result(L, *f, "plot");
    s->x = lt_col_f64(lt_frame_col(*f, "fpr"));
    s->y = lt_col_f64(lt_frame_col(*f, "tpr"));
    s->n = (size_t)(*f)->nrow;
    s->label = name;
}

static int ev_plot(lua_State *L)
{
    const evaluation *ev = lt_ev_check(L, 1);
    const char *title = lt_ev_plot_title(L);
    lua_settop(L, 2);
    if (ev->kind == EV_BINARY) {
        lt_curve_series s;
        lt_ev_roc_series(L, ev, ev->name, &s);
        lt_figure **slot = lt_lua_newfigure(L);
        *slot = lt_evalfig_curves(LT_CURVE_ROC, &s, 1, NAN, title);
        return lt_lua_result(L, *slot, "plot");
    }
    lt_figure **slot = lt_lua_newfigure(L);
    if (ev->kind == EV_MULTICLASS)
        *slot = lt_evalfig_confusion(ev->cm->count, ev->labels.k,
                                     (const char *const *)ev->labels.names, title);
    else
        *slot = lt_evalfig_regression(ev->y, ev->yhat, (size_t)ev->n, title);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- confidence intervals -------------------------------------------------- */

static const char *const metric_names[] = {
    "auc", "ap", "log_loss", "brier", "accuracy", "balanced_accuracy", "precision", "recall",
    "specificity", "f1", "mcc", "kappa", NULL};

/* Check the options of ev:ci: { [1] = metric, level, method, n, seed,
 * stratified }. */
static void ci_options(lua_State *L)
{
    static const char *const known[] = {"level", "method", "n", "seed", "stratified", NULL};
    if (lua_isnoneornil(L, 2))
        return;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) == 1)
            continue;
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, 2, "the metric comes first ({ \"auc\", level = 0.95 }), the "
                          "options are named");
        const char *key = lua_tostring(L, -1);
        if (!listed(known, key)) {
            const char *s = lt_lua_suggest(key, known, 5);
            luaL_argerror(L, 2, s ? lua_pushfstring(L, "unknown option '%s'; did you mean "
                                                    "'%s'?", key, s)
                                  : lua_pushfstring(L, "unknown option '%s'", key));
        }
    }
}

static int ev_ci(lua_State *L)
{
    const char *fname = "ci";
    evaluation *ev = lt_ev_checkbinary(L, 1, fname);
    ci_options(L);
    const char *mname = "auc";
    if (lua_istable(L, 2) && lua_rawgeti(L, 2, 1) != LUA_TNIL) {
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, 2, "the metric: a name such as \"auc\" expected");
        mname = lua_tostring(L, -1);   /* the options table keeps it */
    }
    int m = lt_metric_parse(mname);
    if (m < 0) {
        const char *s = lt_lua_suggest(mname, metric_names, LT_METRIC_COUNT);
        return luaL_argerror(L, 2, s ? lua_pushfstring(L, "unknown metric '%s'; did you mean "
                                                       "'%s'?", mname, s)
                                     : lua_pushfstring(L, "unknown metric '%s'", mname));
    }
    static const char *const methods[] = {"delong", "bootstrap", NULL};
    int method = lt_lua_optchoice(L, 2, "method", methods, m == LT_METRIC_AUC ? 0 : 1);
    if (method == 0 && m != LT_METRIC_AUC)
        luaL_argerror(L, 2, lua_pushfstring(L, "method \"delong\" is for the AUC; use "
                                            "method = \"bootstrap\" for %s", mname));
    double level = lt_lua_optnum(L, 2, "level", 0.95);
    luaL_argcheck(L, level > 0 && level < 1, 2, "option 'level': between 0 and 1 expected");
    lua_Integer nboot = lt_lua_optint(L, 2, "n", 2000);
    luaL_argcheck(L, nboot >= 2 && nboot <= 10000000, 2,
                  "option 'n': 2 to 10000000 resamples expected");
    lua_Integer seed = lt_lua_optint(L, 2, "seed", 1);
    bool stratified = lt_lua_optbool(L, 2, "stratified", true);
    const ev_rows *r = ev->rows;
    const char *why = m == LT_METRIC_AUC ? r->auc_why : m == LT_METRIC_AP ? r->ap_why
                    : m == LT_METRIC_LOG_LOSS || m == LT_METRIC_BRIER ? r->unit_why : NULL;
    if (why)
        return luaL_error(L, "%s: %s is undefined: %s", fname, lt_ev_metric_title(m), why);
    double est, lo, hi, se;
    int nvalid = 0;
    if (method == 0) {
        double var;
        lt_ev_check_rc(L, lt_delong_var(r->scores, &est, &var), fname);
        lt_ev_check_rc(L, lt_delong_ci(r->scores, level, &lo, &hi), fname);
        se = sqrt(var);
    } else {
        lt_bootstrap_opts o = {.nboot = (int)nboot, .level = level, .stratified = stratified,
                               .seed = (uint64_t)seed, .threshold = ev->threshold};
        lt_bootstrap_ci out;
        lt_progress *p = lt_lua_get_progress(L);
        if (p)
            p->label = "ci";
        lt_ev_check_rc(L, lt_bootstrap_metric(r->scores, (lt_metric)m, &o, p, &out, NULL), fname);
        est = out.estimate;
        lo = out.lo;
        hi = out.hi;
        se = out.se;
        nvalid = out.nvalid;
    }
    lua_createtable(L, 0, 11);
    lua_pushstring(L, lt_metric_name((lt_metric)m));
    lua_setfield(L, -2, "metric");
    lua_pushnumber(L, est);
    lua_setfield(L, -2, "estimate");
    lua_pushnumber(L, lo);
    lua_setfield(L, -2, "lo");
    lua_pushnumber(L, hi);
    lua_setfield(L, -2, "hi");
    lua_pushnumber(L, level);
    lua_setfield(L, -2, "level");
    lua_pushstring(L, methods[method]);
    lua_setfield(L, -2, "method");
    lua_pushnumber(L, se);
    lua_setfield(L, -2, "se");
    lua_pushinteger(L, ev->n);
    lua_setfield(L, -2, "n");
    if (method == 1) {
        lua_pushinteger(L, nboot);
        lua_setfield(L, -2, "resamples");
        lua_pushinteger(L, nvalid);
        lua_setfield(L, -2, "valid");
        lua_pushboolean(L, stratified);
        lua_setfield(L, -2, "stratified");
        lua_pushnumber(L, ev->threshold);
        lua_setfield(L, -2, "threshold");
    }
    luaL_setmetatable(L, LT_INTERVAL_MT);
    return 1;
}

static double numfield(lua_State *L, const char *key)
{
    lua_getfield(L, 1, key);
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

/* "AUC 0.8412  95% CI 0.8301-0.8523 (DeLong)" */
static int interval_tostring(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "metric");
    int m = lt_metric_parse(luaL_optstring(L, -1, "?"));
    lua_getfield(L, 1, "method");
    bool delong = strcmp(luaL_optstring(L, -1, ""), "delong") == 0;
    lua_getfield(L, 1, "stratified");
    bool stratified = lua_toboolean(L, -1);
    lua_pop(L, 3);
    char e[48], lo[48], hi[48], lvl[32], n[32];
    double vlo = numfield(L, "lo");
    lt_ev_num(numfield(L, "estimate"), e, sizeof e);
    lt_ev_num(vlo, lo, sizeof lo);
    lt_ev_num(numfield(L, "hi"), hi, sizeof hi);
    snprintf(lvl, sizeof lvl, "%g%%", 100 * numfield(L, "level"));
    if (delong)
        lua_pushfstring(L, "%s %s  %s CI %s%s%s (DeLong)", lt_ev_metric_title((lt_metric)m), e,
                        lvl, lo, vlo < 0 ? " to " : "-", hi);
    else
        lua_pushfstring(L, "%s %s  %s CI %s%s%s (bootstrap, %s %sresamples)",
                        lt_ev_metric_title((lt_metric)m), e, lvl, lo, vlo < 0 ? " to " : "-",
                        hi, lt_count_format((int64_t)numfield(L, "resamples"), n, sizeof n),
                        stratified ? "stratified " : "");
    return 1;
}

/* __shape: "AUC 0.8301-0.8523". */
static int interval_shape(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "metric");
    int m = lt_metric_parse(luaL_optstring(L, -1, "?"));
    lua_pop(L, 1);
    char lo[48], hi[48];
    double vlo = numfield(L, "lo");
    lt_ev_num(vlo, lo, sizeof lo);
    lt_ev_num(numfield(L, "hi"), hi, sizeof hi);
    lua_pushfstring(L, "%s %s%s%s", lt_ev_metric_title((lt_metric)m), lo, vlo < 0 ? " to " : "-",
                    hi);
    return 1;
}

/* ---- registration ---------------------------------------------------------------- */

const lt_lua_reg lt_lua_evaluate_lib[] = {
    {"evaluate", evaluate, "evaluate(truth, x [, opts])",
     "Evaluate predictions against the truth.\n"
     "truth is a Column of classes (str, bool, integers) or numbers.  What x\n"
     "is decides the kind (type = \"auto\"), and the printout says which:\n"
     "  a Frame of class probabilities, one column per class named by its\n"
     "    label: multiclass (the most probable class is predicted, the first\n"
     "    column on ties; every truth class needs a column);\n"
     "  a str or bool Column of predicted classes: multiclass (with two\n"
     "    classes also precision, recall, specificity, f1 of the positive one);\n"
     "  a number Column of scores with truth str, bool or 0/1: binary;\n"
     "  numbers with any other numeric truth: regression.\n"
     "Binary: a score >= threshold predicts the positive class; ties are\n"
     "handled as scikit-learn (ROC points at distinct scores, AUC by\n"
     "trapezoid); AP is scikit-learn's step-wise average precision.  The\n"
     "positive class defaults to true, 1 of 0/1, a label reading as yes/true,\n"
     "else the last in sorted order (printed, with the reason).  Rows with a\n"
     "missing truth or prediction are dropped and counted (ev.dropped).\n"
     "Metrics are fields (ev.auc, ev.f1, ev.rmse ...; help\"Evaluation:fields\").",
     "positive = default   the positive class (string, number or boolean)\n"
     "threshold = 0.5      binary: the score from which rows predict positive\n"
     "type = \"auto\"        \"binary\", \"multiclass\" or \"regression\"\n"
     "name = nil           a name for compare() and legends",
     "ev = evaluate(test.churn, test.score, { positive = \"Yes\" })\n"
     "print(ev.auc, ev.f1)\n"
     "evaluate(test.species, test.predicted)       -- multiclass\n"
     "evaluate(test.price, test.fitted)            -- regression"},
    {"compare", lt_ev_compare, "compare(ev1, ev2, ...)",
     "Compare evaluations side by side.\n"
     "A table of the metrics, a column per evaluation (named by its name, else\n"
     "\"model 1\" ...).  For two binary evaluations of the same rows (the same n\n"
     "and truth) also the paired DeLong test of the AUC difference (pROC's\n"
     "roc.test): fields diff (AUC 1 - AUC 2), se, z, p_value, auc1, auc2; else\n"
     "field note says why there is none.  plot() overlays the ROC curves.",
     NULL,
     "a = evaluate(test.churn, test.rule_a, { name = \"rule A\" })\n"
     "b = evaluate(test.churn, test.rule_b, { name = \"rule B\" })\n"
     "cmp = compare(a, b)\nprint(cmp.p_value)\nplot(cmp)"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_evaluation_methods[] = {
    {"fields", NULL, "ev.auc, ev.f1, ev.rmse ...", "Metrics and facts as fields.\n"
     "All kinds: n (rows evaluated), dropped, type, name.\n"
     "Binary: auc ap log_loss brier accuracy balanced_accuracy precision recall\n"
     "  specificity f1 mcc kappa prevalence threshold positive negative.\n"
     "Multiclass: accuracy balanced_accuracy kappa mcc macro_precision\n"
     "  macro_recall macro_f1 micro_f1 weighted_precision weighted_recall\n"
     "  weighted_f1 log_loss (with class probabilities) classes; with two\n"
     "  classes also precision recall specificity f1 positive negative.\n"
     "Regression: mae rmse mse mape smape (in percent) r2 explained_variance\n"
     "  median_ae max_error mean_error (prediction - truth).\n"
     "A metric that is undefined raises why (the AUC of a single-class truth,\n"
     "log loss of scores outside [0, 1]).  Formulas are scikit-learn's.",
     NULL, "print(ev.auc, ev.precision, ev.recall)\nfor _, c in ipairs(ev.classes) do print(c) end"},
    {"metrics", ev_metrics, "ev:metrics()", "All metrics as a frame (metric, value).\n"
     "Undefined metrics are missing.", NULL, "ev:metrics()\nev:metrics():write_csv(\"m.csv\")"},
    {"confusion", lt_ev_confusion, "ev:confusion([opts])", "The confusion matrix.\n"
     "Rows are the truth, columns the prediction, in label order (binary:\n"
     "negative, positive).  A Confusion: cm:labels(), cm:matrix(), plot(cm).",
     "threshold = ev.threshold   binary: the threshold\n"
     "normalize = nil            \"true\" (rows sum to 1), \"pred\" (columns) or \"all\"",
     "ev:confusion()\nev:confusion{ threshold = 0.35, normalize = \"true\" }\n"
     "plot(ev:confusion())"},
    {"per_class", lt_ev_per_class, "ev:per_class()", "Precision, recall, F1 and support per class.\n"
     "A frame: class, precision, recall, f1, support (true rows of the class).", NULL,
     "ev:per_class()"},
    {"roc", lt_ev_roc, "ev:roc([opts])", "The ROC curve (a Curve), as sklearn's.\n"
     "Points threshold, fpr, tpr at each distinct score, from (inf, 0, 0).",
     "drop_intermediate = true   drop points on straight segments (as sklearn)",
     "plot(ev:roc())\nev:roc{ drop_intermediate = false }:frame()"},
    {"pr", lt_ev_pr, "ev:pr()", "The precision-recall curve (a Curve).\n"
     "As sklearn's precision_recall_curve: threshold, precision, recall by\n"
     "ascending threshold, then (NaN, 1, 0).", NULL, "plot(ev:pr())"},
    {"calibration", lt_ev_calibration, "ev:calibration([opts])",
     "The calibration (reliability) curve (a Curve).\n"
     "As sklearn's calibration_curve: per non-empty bin lo, hi, mean_predicted,\n"
     "fraction_positive, n.  Needs scores in [0, 1].",
     "bins = 10            the number of bins\n"
     "strategy = \"uniform\" bins of equal width, or \"quantile\" (equal counts)",
     "plot(ev:calibration{ bins = 10 })"},
    {"gain", lt_ev_gain, "ev:gain()", "The cumulative gain curve (a Curve).\n"
     "Points threshold, tested (share of rows scored >= threshold), found (share\n"
     "of positives among them), lift.", NULL, "plot(ev:gain())"},
    {"lift", lt_ev_lift, "ev:lift()", "The lift curve (a Curve).\n"
     "Lift against the share of rows tested: the same points as ev:gain().", NULL, "plot(ev:lift())"},
    {"threshold_curve", lt_ev_threshold_curve, "ev:threshold_curve()",
     "Precision, recall, F1 by threshold (a Curve).\n"
     "Points threshold, precision, recall, f1, predicted (share predicted\n"
     "positive); the plot marks the evaluation's threshold.", NULL,
     "plot(ev:threshold_curve())"},
    {"threshold", ev_threshold, "ev:threshold(t | opts)",
     "The evaluation at another threshold.\n"
     "A new Evaluation.  With a number, at that threshold; with a table, at the\n"
     "threshold (one of the scores) that meets one goal, said in the printout.\n"
     "Ties of the goal go to the highest threshold.  The rows are not sorted\n"
     "again.  ev.threshold is the number; calling it with ev, as\n"
     "ev:threshold(...) does, reaches this method.",
     "maximize = \"f1\"        or \"accuracy\", \"balanced_accuracy\", \"mcc\",\n"
     "                       \"kappa\", \"youden\" (recall + specificity - 1)\n"
     "precision = 0.85       the lowest threshold with at least this precision\n"
     "recall = 0.80          the highest threshold with at least this recall\n"
     "cost = { fp =, fn = }  the least cost fp x FP + fn x FN",
     "ev:threshold(0.3)\nev:threshold{ maximize = \"f1\" }\nev:threshold{ precision = 0.85 }\n"
     "ev:threshold{ cost = { fp = 1, fn = 5 } }.threshold"},
    {"ci", ev_ci, "ev:ci([{ metric, opts }])", "A confidence interval of a binary metric.\n"
     "The AUC by DeLong's method (pROC's ci.auc) by default, any metric by the\n"
     "percentile bootstrap (threshold metrics at ev.threshold).  Returns a table\n"
     "metric, estimate, lo, hi, level, method, se, n (rows), and for the\n"
     "bootstrap resamples, valid (resamples where the metric is defined).",
     "[1] = \"auc\"          the metric (a field name: \"f1\", \"ap\" ...)\n"
     "level = 0.95\n"
     "method = auto        \"delong\" (AUC only, the default for it) or \"bootstrap\"\n"
     "n = 2000             bootstrap resamples\n"
     "seed = 1             the bootstrap's random seed\n"
     "stratified = true    resample positives and negatives separately",
     "ev:ci()\nev:ci{ \"auc\", level = 0.9 }\nev:ci{ \"f1\", n = 1000, seed = 7 }.hi"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_evaluate(lua_State *L)
{
    static const luaL_Reg ev_meta[] = {
        {"__gc", ev_gc}, {"__close", ev_gc}, {"__tostring", ev_tostring},
        {"__plot", ev_plot}, {"__shape", ev_shape}, {NULL, NULL},
    };
    static const luaL_Reg interval_meta[] = {
        {"__tostring", interval_tostring}, {"__shape", interval_shape}, {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_EVALUATION_MT, ev_meta, ev_index);
    lt_ev_open_objects(L);
    lt_lua_newmeta(L, LT_INTERVAL_MT, interval_meta, NULL);
    /* numbers become callable (see number_call) */
    lua_pushinteger(L, 0);
    if (!lua_getmetatable(L, -1))
        lua_newtable(L);
    if (lua_getfield(L, -1, "__call") == LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushcfunction(L, number_call);
        lua_setfield(L, -2, "__call");
    } else {
        lua_pop(L, 1);
    }
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
}
