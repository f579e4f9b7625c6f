/* The objects an evaluation makes (l_evaluate.h): "lunette.Confusion"
 * (ev:confusion), the per-class frame, "lunette.Curve" (ev:roc, ev:pr,
 * ev:calibration, ev:gain, ev:lift, ev:threshold_curve) and
 * "lunette.Comparison" (compare), with their methods and figures.  Each
 * copies what it needs from the evaluation, except a comparison, which
 * keeps its evaluations alive through its user value (a table of them)
 * to draw their ROC curves. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "delong.h"
#include "error.h"
#include "eval_figures.h"
#include "help.h"
#include "l_aux.h"
#include "l_evaluate.h"

/* ---- object lifetimes ------------------------------------------------- */

static void cm_free(ev_confusion *cm)
{
    if (!cm)
        return;
    for (int i = 0; cm->labels && i < cm->k; i++)
        free(cm->labels[i]);
    free(cm->labels);
    free(cm->count);
    free(cm->norm);
    free(cm->positive);
    free(cm);
}

static void curve_free(ev_curve *c)
{
    if (!c)
        return;
    lt_frame_free(c->points);
    free(c->name);
    free(c);
}

static void cmp_free(ev_comparison *c)
{
    if (!c)
        return;
    lt_frame_free(c->table);
    free(c->note);
    free(c);
}


LT_EV_GC(cm_gc, ev_confusion, LT_CONFUSION_MT, cm_free)
LT_EV_GC(curve_gc, ev_curve, LT_CURVE_MT, curve_free)
LT_EV_GC(cmp_gc, ev_comparison, LT_COMPARISON_MT, cmp_free)

/* ---- confusion matrices ---------------------------------------------------- */

static const char *const norm_names[] = {"none", "true", "pred", "all", NULL};

static ev_confusion *push_confusion(lua_State *L, int k)
{
    ev_confusion *cm = lt_ev_newobject(L, LT_CONFUSION_MT, sizeof *cm, 0);
    cm->labels = calloc((size_t)k, sizeof *cm->labels);
    cm->count = calloc((size_t)k * (size_t)k, sizeof *cm->count);
    if (!cm->labels || !cm->count)
        luaL_error(L, "out of memory");
    cm->k = k;
    cm->threshold = NAN;
    return cm;
}

static void setlabel(lua_State *L, char **slot, const char *s)
{
    if (!(*slot = lt_ev_strdup(s)))
        luaL_error(L, "out of memory");
}

/* ev:confusion{ threshold =, normalize = } */
int lt_ev_confusion(lua_State *L)
{
    const char *fname = "confusion";
    evaluation *ev = lt_ev_check(L, 1);
    static const char *const known[] = {"threshold", "normalize", NULL};
    lt_lua_checkopts(L, 2, known);
    lt_normalize how =
        (lt_normalize)lt_lua_optchoice(L, 2, "normalize", norm_names, LT_NORM_NONE);
    double t = lt_lua_optnum(L, 2, "threshold", NAN);
    bool has_t = lt_lua_optfield(L, 2, "threshold") != LUA_TNIL;
    lua_pop(L, 1);
    if (ev->kind == EV_REGRESSION)
        return luaL_error(L, "%s: needs a classification; this evaluation is a regression",
                          fname);
    if (has_t && ev->kind != EV_BINARY)
        luaL_argerror(L, 2, "option 'threshold' applies to binary scores");
    luaL_argcheck(L, !has_t || !isnan(t), 2, "option 'threshold': a number expected, got NaN");
    ev_confusion *cm;
    if (ev->kind == EV_BINARY) {
        const ev_rows *r = ev->rows;
        cm = push_confusion(L, 2);
        cm->threshold = has_t ? t : ev->threshold;
        lt_counts2 c;
        lt_scores_counts(r->scores, cm->threshold, NULL, NULL, &c);
        cm->count[0] = (int64_t)c.tn;
        cm->count[1] = (int64_t)c.fp;
        cm->count[2] = (int64_t)c.fn;
        cm->count[3] = (int64_t)c.tp;
        setlabel(L, &cm->labels[0], r->negative ? r->negative : "other");
        setlabel(L, &cm->labels[1], r->positive);
        setlabel(L, &cm->positive, r->positive);
    } else {
        int k = ev->labels.k;
        cm = push_confusion(L, k);
        memcpy(cm->count, ev->cm->count, (size_t)k * (size_t)k * sizeof *cm->count);
        for (int i = 0; i < k; i++)
            setlabel(L, &cm->labels[i], ev->labels.names[i]);
    }
    cm->how = how;
    if (how != LT_NORM_NONE) {
        cm->norm = malloc((size_t)cm->k * (size_t)cm->k * sizeof *cm->norm);
        if (!cm->norm)
            return luaL_error(L, "out of memory");
        lt_confusion view = {.k = cm->k, .count = cm->count};
        lt_confusion_normalize(&view, how, cm->norm);
    }
    return 1;
}

static ev_confusion *checkcm(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_CONFUSION_MT, "confusion matrix");
}

static int cm_labels(lua_State *L)
{
    const ev_confusion *cm = checkcm(L, 1);
    lua_createtable(L, cm->k, 0);
    for (int i = 0; i < cm->k; i++) {
        lua_pushstring(L, cm->labels[i]);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int cm_matrix(lua_State *L)
{
    const ev_confusion *cm = checkcm(L, 1);
    int k = cm->k;
    lua_createtable(L, k, 0);
    for (int i = 0; i < k; i++) {
        lua_createtable(L, k, 0);
        for (int j = 0; j < k; j++) {
            if (cm->norm)
                lua_pushnumber(L, cm->norm[i * k + j]);
            else
                lua_pushinteger(L, cm->count[i * k + j]);
            lua_rawseti(L, -2, j + 1);
        }
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

LT_EV_TOSTRING(cm_tostring, ev_confusion, LT_CONFUSION_MT, "lunette.Confusion (closed)",
               lt_ev_confusion_format)

static int cm_plot(lua_State *L)
{
    const ev_confusion *cm = checkcm(L, 1);
    const char *title = lt_ev_plot_title(L);
    char buf[160];
    if (!title && !isnan(cm->threshold)) {
        char t[48];
        snprintf(t, sizeof t, "%.4g", cm->threshold);
        snprintf(buf, sizeof buf, "Confusion matrix at threshold %s", t);
        title = buf;
    }
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_evalfig_confusion(cm->count, cm->k, (const char *const *)cm->labels, title);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- per-class metrics ------------------------------------------------------- */

int lt_ev_per_class(lua_State *L)
{
    const char *fname = "per_class";
    evaluation *ev = lt_ev_check(L, 1);
    if (ev->kind == EV_REGRESSION)
        return luaL_error(L, "%s: needs a classification; this evaluation is a regression",
                          fname);
    int k;
    const char *names[2];
    lt_class_metrics two[2];
    const lt_class_metrics *pc;
    const char *const *labels;
    if (ev->kind == EV_BINARY) {
        const lt_counts2 *c = &ev->counts;
        int64_t cnt[4] = {(int64_t)c->tn, (int64_t)c->fp, (int64_t)c->fn, (int64_t)c->tp};
        lt_confusion view = {.k = 2, .count = cnt};
        lt_confusion_per_class(&view, two);
        names[0] = ev->rows->negative ? ev->rows->negative : "other";
        names[1] = ev->rows->positive;
        k = 2;
        pc = two;
        labels = names;
    } else {
        k = ev->labels.k;
        pc = ev->per_class;
        labels = (const char *const *)ev->labels.names;
    }
    double *p = lt_lua_buffer(L, (size_t)k, sizeof *p), *r = lt_lua_buffer(L, (size_t)k, sizeof *r);
    double *f = lt_lua_buffer(L, (size_t)k, sizeof *f);
    int64_t *s = lt_lua_buffer(L, (size_t)k, sizeof *s);
    for (int i = 0; i < k; i++) {
        p[i] = pc[i].precision;
        r[i] = pc[i].recall;
        f[i] = pc[i].f1;
        s[i] = pc[i].support;
    }
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_new();
    int rc = *slot ? 0 : LT_ENOMEM;
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "class", lt_col_from_strs(labels, NULL, k));
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "precision", lt_col_from_f64(p, k));
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "recall", lt_col_from_f64(r, k));
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "f1", lt_col_from_f64(f, k));
    if (rc == 0)
        rc = lt_ev_add_col(*slot, "support", lt_col_from_i64(s, NULL, k));
    lt_ev_check_rc(L, rc, fname);
    return 1;
}

/* ---- curves ----------------------------------------------------------------- */

static ev_curve *push_curve(lua_State *L, const evaluation *ev, ev_curve_kind kind)
{
    ev_curve *c = lt_ev_newobject(L, LT_CURVE_MT, sizeof *c, 0);
    c->kind = kind;
    c->baseline = (double)ev->rows->scores->npos / (double)ev->n;
    c->chosen = ev->threshold;
    c->area = NAN;
    if (ev->name && !(c->name = lt_ev_strdup(ev->name)))
        luaL_error(L, "out of memory");
    return c;
}

int lt_ev_roc(lua_State *L)
{
    evaluation *ev = lt_ev_checkbinary(L, 1, "roc");
    static const char *const known[] = {"drop_intermediate", NULL};
    lt_lua_checkopts(L, 2, known);
    bool drop = lt_lua_optbool(L, 2, "drop_intermediate", true);
    ev_curve *c = push_curve(L, ev, EC_ROC);
    c->area = ev->rows->auc;
    c->points = lt_scores_roc(ev->rows->scores, drop);
    return lt_lua_result(L, c->points, "roc");
}

int lt_ev_pr(lua_State *L)
{
    evaluation *ev = lt_ev_checkbinary(L, 1, "pr");
    ev_curve *c = push_curve(L, ev, EC_PR);
    c->area = ev->rows->ap;
    c->points = lt_scores_pr(ev->rows->scores);
    return lt_lua_result(L, c->points, "pr");
}

int lt_ev_calibration(lua_State *L)
{
    const char *fname = "calibration";
    evaluation *ev = lt_ev_checkbinary(L, 1, fname);
    static const char *const known[] = {"bins", "strategy", NULL};
    static const char *const strategies[] = {"uniform", "quantile", NULL};
    lt_lua_checkopts(L, 2, known);
    lua_Integer bins = lt_lua_optint(L, 2, "bins", 10);
    luaL_argcheck(L, bins >= 1 && bins <= 100000, 2, "option 'bins': 1 to 100000 expected");
    bool quantile = lt_lua_optchoice(L, 2, "strategy", strategies, 0) == 1;
    if (ev->rows->unit_why)
        return luaL_error(L, "%s: %s", fname, ev->rows->unit_why);
    ev_curve *c = push_curve(L, ev, EC_CALIBRATION);
    c->area = ev->rows->brier;
    c->bins = (int)bins;
    c->quantile = quantile;
    c->points = lt_scores_calibration(ev->rows->scores, (int)bins, quantile);
    return lt_lua_result(L, c->points, fname);
}

static int gain_or_lift(lua_State *L, ev_curve_kind kind, const char *fname)
{
    evaluation *ev = lt_ev_checkbinary(L, 1, fname);
    ev_curve *c = push_curve(L, ev, kind);
    c->points = lt_scores_gain(ev->rows->scores);
    return lt_lua_result(L, c->points, fname);
}

int lt_ev_gain(lua_State *L) { return gain_or_lift(L, EC_GAIN, "gain"); }
int lt_ev_lift(lua_State *L) { return gain_or_lift(L, EC_LIFT, "lift"); }

int lt_ev_threshold_curve(lua_State *L)
{
    evaluation *ev = lt_ev_checkbinary(L, 1, "threshold_curve");
    ev_curve *c = push_curve(L, ev, EC_THRESHOLD);
    c->points = lt_scores_threshold_curve(ev->rows->scores);
    return lt_lua_result(L, c->points, "threshold_curve");
}

static ev_curve *checkcurve(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_CURVE_MT, "curve");
}

static int curve_frame(lua_State *L)
{
    const ev_curve *c = checkcurve(L, 1);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_copy(c->points);
    return lt_lua_result(L, *slot, "frame");
}

static int curve_len(lua_State *L)
{
    lua_pushinteger(L, checkcurve(L, 1)->points->nrow);
    return 1;
}

static int curve_index(lua_State *L)
{
    const ev_curve *c = checkcurve(L, 1);
    const char *key = lua_tostring(L, 2);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    if (key && strcmp(key, "kind") == 0) {
        lua_pushstring(L, lt_ev_curve_name(c->kind));
        return 1;
    }
    return luaL_error(L, "curve: no field or method '%s' (fields: kind; methods: frame; #curve "
                      "counts the points)", key ? key : lt_lua_typename(L, 2));
}

LT_EV_TOSTRING(curve_tostring, ev_curve, LT_CURVE_MT, "lunette.Curve (closed)",
               lt_ev_curve_format)

/* The f64 column `name` of a curve's points. */
static const double *curve_col(const ev_curve *c, const char *name)
{
    const lt_col *col = lt_frame_col(c->points, name);
    return col && col->type == LT_F64 ? lt_col_f64(col) : NULL;
}

/* The points (x, y) of a curve without rows where either is NaN (the
 * lift at the first row), copied into stack buffers; returns the count. */
static size_t curve_xy(lua_State *L, const ev_curve *c, const char *xn, const char *yn,
                       const double **x, const double **y)
{
    const double *cx = curve_col(c, xn), *cy = curve_col(c, yn);
    if (!cx || !cy)
        luaL_error(L, "plot: the curve has no columns %s and %s", xn, yn);
    size_t n = (size_t)c->points->nrow;
    double *bx = lt_lua_buffer(L, n ? n : 1, sizeof *bx);
    double *by = lt_lua_buffer(L, n ? n : 1, sizeof *by);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(cx[i]) && !isnan(cy[i])) {
            bx[m] = cx[i];
            by[m] = cy[i];
            m++;
        }
    *x = bx;
    *y = by;
    return m;
}

static int curve_plot(lua_State *L)
{
    const ev_curve *c = checkcurve(L, 1);
    const char *title = lt_ev_plot_title(L);
    lua_settop(L, 2);
    lt_figure **slot;
    if (c->kind == EC_THRESHOLD) {
        const double *t = curve_col(c, "threshold"), *p = curve_col(c, "precision");
        const double *r = curve_col(c, "recall"), *f = curve_col(c, "f1");
        if (!t || !p || !r || !f)
            return luaL_error(L, "plot: the threshold curve lacks its columns");
        slot = lt_lua_newfigure(L);
        *slot = lt_evalfig_threshold(t, p, r, f, (size_t)c->points->nrow, c->chosen, title);
        return lt_lua_result(L, *slot, "plot");
    }
    static const char *const xs[] = {"fpr", "recall", "mean_predicted", "tested", "tested"};
    static const char *const ys[] = {"tpr", "precision", "fraction_positive", "found", "lift"};
    static const lt_curve_kind kinds[] = {LT_CURVE_ROC, LT_CURVE_PR, LT_CURVE_CALIBRATION,
                                          LT_CURVE_GAIN, LT_CURVE_LIFT};
    lt_curve_series s = {0};
    s.n = curve_xy(L, c, xs[c->kind], ys[c->kind], &s.x, &s.y);
    s.label = c->name;   /* the figure adds the AUC or AP */
    slot = lt_lua_newfigure(L);
    *slot = lt_evalfig_curves(kinds[c->kind], &s, 1, c->baseline, title);
    return lt_lua_result(L, *slot, "plot");
}

/* ---- compare ------------------------------------------------------------------ */

static ev_comparison *checkcmp(lua_State *L, int idx)
{
    return lt_lua_checkobject(L, idx, LT_COMPARISON_MT, "comparison");
}

/* The table of a comparison: metric names in order of first appearance,
 * a column per evaluation (NaN where a metric is missing or undefined). */
static int compare_table(ev_comparison *c, evaluation *const *evs, char *const *names)
{
    ev_metric_row rows[EV_MAX_METRICS];
    const char *metric[2 * EV_MAX_METRICS];
    int nm = 0;
    for (int e = 0; e < c->nev; e++) {
        int n = lt_ev_metric_rows(evs[e], rows);
        for (int i = 0; i < n; i++) {
            int j = 0;
            while (j < nm && strcmp(metric[j], rows[i].name) != 0)
                j++;
            if (j == nm && nm < 2 * EV_MAX_METRICS)
                metric[nm++] = rows[i].name;
        }
    }
    /* n last, where every kind lists it */
    for (int j = 0; j + 1 < nm; j++)
        if (strcmp(metric[j], "n") == 0) {
            memmove(metric + j, metric + j + 1, (size_t)(nm - j - 1) * sizeof *metric);
            metric[nm - 1] = "n";
            break;
        }
    c->table = lt_frame_new();
    if (!c->table)
        return lt_nomem();
    int rc = lt_ev_add_col(c->table, "metric", lt_col_from_strs(metric, NULL, nm));
    double *v = malloc((size_t)nm * sizeof *v);
    if (rc == 0 && !v)
        rc = lt_nomem();
    for (int e = 0; rc == 0 && e < c->nev; e++) {
        int n = lt_ev_metric_rows(evs[e], rows);
        for (int j = 0; j < nm; j++) {
            v[j] = NAN;
            for (int i = 0; i < n; i++)
                if (strcmp(rows[i].name, metric[j]) == 0)
                    v[j] = rows[i].value;
        }
        rc = lt_ev_add_col(c->table, names[e], lt_col_from_f64(v, nm));
    }
    free(v);
    return rc;
}

/* The paired DeLong test of two binary evaluations, or a note why not. */
static int compare_test(ev_comparison *c, evaluation *const *evs)
{
    char note[512];
    if (c->nev != 2 || evs[0]->kind != EV_BINARY) {
        if (evs[0]->kind == EV_BINARY) {
            snprintf(note, sizeof note, "The DeLong test of the AUC difference compares two "
                     "evaluations: compare them in pairs.");
            return (c->note = lt_ev_strdup(note)) ? 0 : lt_nomem();
        }
        return 0;
    }
    const ev_rows *a = evs[0]->rows, *b = evs[1]->rows;
    if (a->n != b->n || memcmp(a->truth, b->truth, (size_t)a->n) != 0) {
        char na[32], nb[32];
        snprintf(note, sizeof note, "No DeLong test of the AUC difference: it needs the same "
                 "rows (the same n and truth), and these have %s and %s rows%s.",
                 lt_count_format(a->n, na, sizeof na), lt_count_format(b->n, nb, sizeof nb),
                 a->n == b->n ? " with different truth" : "");
        return (c->note = lt_ev_strdup(note)) ? 0 : lt_nomem();
    }
    lt_delong_test t;
    if (lt_delong_compare(a->truth, a->score, b->score, a->n, &t) < 0) {
        if (lt_errcode() == LT_ENOMEM)
            return LT_ENOMEM;
        const char *msg = lt_errmsg();
        if (strncmp(msg, "delong: ", 8) == 0)
            msg += 8;
        snprintf(note, sizeof note, "No DeLong test of the AUC difference: %s%s", msg,
                 msg[0] && msg[strlen(msg) - 1] == '.' ? "" : ".");
        return (c->note = lt_ev_strdup(note)) ? 0 : lt_nomem();
    }
    c->tested = true;
    c->n = a->n;
    c->auc1 = t.auc1;
    c->auc2 = t.auc2;
    c->diff = t.diff;
    c->se = t.se;
    c->z = t.z;
    c->p_value = t.p_value;
    return 0;
}

int lt_ev_compare(lua_State *L)
{
    const char *fname = "compare";
    int nev = lua_gettop(L);
    if (nev < 2)
        return luaL_error(L, "%s: two or more evaluations expected, got %d", fname, nev);
    evaluation **evs = lt_lua_buffer(L, (size_t)nev, sizeof *evs);   /* index nev + 1 */
    char **names = lt_lua_buffer(L, (size_t)nev, sizeof *names);    /* nev + 2 */
    lua_createtable(L, nev, 0);                                       /* nev + 3 */
    for (int i = 0; i < nev; i++) {
        evs[i] = lt_ev_check(L, i + 1);
        if (evs[i]->kind != evs[0]->kind)
            luaL_argerror(L, i + 1, lua_pushfstring(L, "a %s evaluation; evaluation 1 is %s "
                                                    "(compare evaluations of one kind)",
                                                    lt_ev_kind_name(evs[i]->kind),
                                                    lt_ev_kind_name(evs[0]->kind)));
        lua_pushvalue(L, i + 1);
        lua_rawseti(L, nev + 3, i + 1);
    }
    /* column names: the evaluations' names or "model i", made distinct */
    for (int i = 0; i < nev; i++) {
        const char *base = evs[i]->name ? evs[i]->name : lua_pushfstring(L, "model %d", i + 1);
        const char *s = base;
        for (int k = 2;; k++) {
            int j = 0;
            while (j < i && strcmp(names[j], s) != 0)
                j++;
            if (j == i && strcmp(s, "metric") != 0)
                break;
            s = lua_pushfstring(L, "%s (%d)", base, k);
        }
        names[i] = (char *)s;   /* the stack keeps it until the frame has copied it */
    }
    ev_comparison *c = lt_ev_newobject(L, LT_COMPARISON_MT, sizeof *c, 1);
    lua_pushvalue(L, nev + 3);
    lua_setiuservalue(L, -2, 1);
    c->nev = nev;
    lt_ev_check_rc(L, compare_table(c, evs, names), fname);
    lt_ev_check_rc(L, compare_test(c, evs), fname);
    return 1;
}

static int cmp_frame(lua_State *L)
{
    const ev_comparison *c = checkcmp(L, 1);
    lt_frame **slot = lt_lua_newframe(L);
    *slot = lt_frame_copy(c->table);
    return lt_lua_result(L, *slot, "frame");
}

static int cmp_index(lua_State *L)
{
    const ev_comparison *c = checkcmp(L, 1);
    const char *key = lua_tostring(L, 2);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    static const char *const fields[] = {"diff", "z", "p_value", "se", "auc1", "auc2", "note",
                                         NULL};
    const double vals[] = {c->diff, c->z, c->p_value, c->se, c->auc1, c->auc2};
    for (int i = 0; key && fields[i]; i++)
        if (strcmp(fields[i], key) == 0) {
            if (i == 6 && c->note)
                lua_pushstring(L, c->note);
            else if (i < 6 && c->tested)
                lua_pushnumber(L, vals[i]);
            else
                lua_pushnil(L);
            return 1;
        }
    return luaL_error(L, "comparison: no field or method '%s' (fields: diff, z, p_value, se, "
                      "auc1, auc2, note; methods: frame)", key ? key : lt_lua_typename(L, 2));
}

LT_EV_TOSTRING(cmp_tostring, ev_comparison, LT_COMPARISON_MT, "lunette.Comparison (closed)",
               lt_ev_comparison_format)

/* plot(compare(...)): the ROC curves of binary evaluations on one panel. */
static int cmp_plot(lua_State *L)
{
    const ev_comparison *c = checkcmp(L, 1);
    const char *title = lt_ev_plot_title(L);
    lua_settop(L, 2);
    lua_getiuservalue(L, 1, 1);   /* 3: the evaluations */
    lt_curve_series *s = lt_lua_buffer(L, (size_t)c->nev, sizeof *s);
    for (int i = 0; i < c->nev; i++) {
        lua_rawgeti(L, 3, i + 1);
        const evaluation *ev = lt_ev_check(L, -1);
        if (ev->kind != EV_BINARY)
            return luaL_error(L, "plot: a comparison plots the ROC curves of binary "
                              "evaluations; these are %s", lt_ev_kind_name(ev->kind));
        lt_ev_roc_series(L, ev, c->table->names[i + 1], &s[i]);
    }
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_evalfig_curves(LT_CURVE_ROC, s, c->nev, NAN, title);
    return lt_lua_result(L, *slot, "plot");
}

const lt_lua_reg lt_lua_confusion_methods[] = {
    {"labels", cm_labels, "cm:labels()", "The class labels, in row and column order.", NULL,
     "ev:confusion():labels()   --> { \"No\", \"Yes\" }"},
    {"matrix", cm_matrix, "cm:matrix()", "The matrix as a Lua array of rows.\n"
     "m[i][j] counts rows of true class i predicted as class j (proportions when\n"
     "made with normalize).", NULL,
     "local m = ev:confusion():matrix()\nprint(\"true positives\", m[2][2])"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_curve_methods[] = {
    {"frame", curve_frame, "curve:frame()", "The points of the curve as a frame.\n"
     "Also curve.kind (\"roc\", \"pr\", \"calibration\", \"gain\", \"lift\",\n"
     "\"threshold\") and #curve (the number of points).", NULL,
     "ev:roc():frame():write_csv(\"roc.csv\")"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_comparison_methods[] = {
    {"frame", cmp_frame, "cmp:frame()", "The metric table of a comparison as a frame.", NULL,
     "compare(a, b):frame()"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

/* __shape of each, for the workspace panel (app/workspace.h): "2 x 2",
 * "roc, 1,234 points", "3 evaluations". */
static int cm_shape(lua_State *L)
{
    ev_confusion **slot = luaL_checkudata(L, 1, LT_CONFUSION_MT);
    if (!*slot)
        lua_pushliteral(L, "closed");
    else
        lua_pushfstring(L, "%d x %d", (*slot)->k, (*slot)->k);
    return 1;
}

static int curve_shape(lua_State *L)
{
    ev_curve **slot = luaL_checkudata(L, 1, LT_CURVE_MT);
    char n[32];
    if (!*slot)
        lua_pushliteral(L, "closed");
    else
        lua_pushfstring(L, "%s, %s points", lt_ev_curve_name((*slot)->kind),
                        lt_count_format((*slot)->points ? (*slot)->points->nrow : 0, n, sizeof n));
    return 1;
}

static int cmp_shape(lua_State *L)
{
    ev_comparison **slot = luaL_checkudata(L, 1, LT_COMPARISON_MT);
    if (!*slot)
        lua_pushliteral(L, "closed");
    else
        lua_pushfstring(L, "%d evaluations", (*slot)->nev);
    return 1;
}

void lt_ev_open_objects(lua_State *L)
{
    static const luaL_Reg cm_meta[] = {
        {"__gc", cm_gc}, {"__close", cm_gc}, {"__tostring", cm_tostring},
        {"__plot", cm_plot}, {"__shape", cm_shape}, {NULL, NULL},
    };
    static const luaL_Reg curve_meta[] = {
        {"__gc", curve_gc}, {"__close", curve_gc}, {"__tostring", curve_tostring},
        {"__plot", curve_plot}, {"__len", curve_len}, {"__shape", curve_shape}, {NULL, NULL},
    };
    static const luaL_Reg cmp_meta[] = {
        {"__gc", cmp_gc}, {"__close", cmp_gc}, {"__tostring", cmp_tostring},
        {"__plot", cmp_plot}, {"__shape", cmp_shape}, {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_CONFUSION_MT, cm_meta, NULL);
    lt_lua_newmeta(L, LT_CURVE_MT, curve_meta, curve_index);
    lt_lua_newmeta(L, LT_COMPARISON_MT, cmp_meta, cmp_index);
}
