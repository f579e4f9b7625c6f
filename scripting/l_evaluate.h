/* Model evaluation objects shared by the binding (l_evaluate.c, Lua
 * objects and methods) and its text output (l_evaluate_print.c, plain C):
 * an evaluation of a binary, multiclass or regression model, a confusion
 * matrix, a curve, a comparison of evaluations and a confidence
 * interval. */
#ifndef LT_L_EVALUATE_H
#define LT_L_EVALUATE_H

#include <stdbool.h>
#include <stdint.h>

#include <lua.h>

#include "confusion.h"
#include "eval_figures.h"
#include "frame.h"
#include "labels.h"
#include "print.h"
#include "regression_metrics.h"
#include "scores.h"

#define LT_EVALUATION_MT "lunette.Evaluation"
#define LT_CONFUSION_MT "lunette.Confusion"
#define LT_CURVE_MT "lunette.Curve"
#define LT_COMPARISON_MT "lunette.Comparison"
#define LT_INTERVAL_MT "lunette.Interval"

typedef enum ev_kind { EV_BINARY, EV_MULTICLASS, EV_REGRESSION } ev_kind;

/* The rows of a binary evaluation, shared (reference-counted) by the
 * evaluations made from it at other thresholds: ev:threshold(t) sorts
 * nothing again. */
typedef struct ev_rows {
    int refs;
    int64_t n;           /* kept rows */
    uint8_t *truth;      /* 0/1 per kept row, in row order */
    double *score;       /* the kept scores, in row order */
    lt_scores *scores;   /* sorted by class */
    char *positive;      /* label texts; negative NULL when truth has one class */
    char *negative;
    char *positive_why;  /* "given", or the rule that chose it */
    bool in_unit;        /* all scores in [0, 1] */
    double auc, ap, log_loss, brier;
    char *auc_why;       /* why the AUC (and AP) is undefined, or NULL */
    char *ap_why;
    char *unit_why;      /* why log loss / Brier are undefined, or NULL */
} ev_rows;

typedef struct evaluation {
    ev_kind kind;
    char *name;          /* opts.name or NULL */
    int64_t n;           /* rows evaluated */
    int64_t dropped;     /* rows dropped for a missing value */
    const char *dropped_what;   /* "truth or score" ... */
    lt_type label_type;  /* the truth's type: labels are pushed as such */

    /* binary */
    ev_rows *rows;
    double threshold;
    char *threshold_why; /* why ev:threshold{} chose it, or NULL */
    lt_counts2 counts;   /* at the threshold */
    lt_binary_metrics bm;

    /* multiclass */
    lt_labels labels;
    lt_confusion *cm;
    lt_multiclass_metrics mm;
    lt_class_metrics *per_class;   /* labels.k entries */
    bool probabilities;  /* from a frame of class probabilities */
    double log_loss;
    char *log_loss_why;  /* why log loss is undefined, or NULL */
    int positive;        /* two classes: the positive one's index, else -1 */
    const char *positive_why2;
    lt_binary_metrics bm2;   /* two classes: the positive class's metrics */

    /* regression */
    lt_regression_metrics rm;
    char *mape_why;      /* why MAPE is undefined, or NULL */
    double *y, *yhat;    /* the kept rows */
} evaluation;

/* A confusion matrix as its own object. */
typedef struct ev_confusion {
    int k;
    char **labels;
    int64_t *count;      /* k x k row-major, rows = truth */
    double *norm;        /* normalised values, or NULL */
    lt_normalize how;
    double threshold;    /* binary: the threshold, else NaN */
    char *positive;      /* binary: the positive label, else NULL */
} ev_confusion;

typedef enum ev_curve_kind {
    EC_ROC, EC_PR, EC_CALIBRATION, EC_GAIN, EC_LIFT, EC_THRESHOLD
} ev_curve_kind;

typedef struct ev_curve {
    ev_curve_kind kind;
    lt_frame *points;
    char *name;          /* the evaluation's name, or NULL */
    double baseline;     /* prevalence */
    double chosen;       /* the evaluation's threshold (threshold curve) */
    double area;         /* AUC (ROC), AP (PR), Brier (calibration), or NaN */
    int bins;            /* calibration */
    bool quantile;
} ev_curve;

typedef struct ev_comparison {
    int nev;
    lt_frame *table;     /* metric, then one column per evaluation */
    bool tested;         /* the DeLong test ran */
    int64_t n;           /* its rows */
    double auc1, auc2, diff, se, z, p_value;
    char *note;          /* why there is no test, or NULL */
} ev_comparison;

/* Names of kinds and curves as Lua sees them ("binary", "roc" ...). */
const char *lt_ev_kind_name(ev_kind k);
const char *lt_ev_curve_name(ev_curve_kind k);

/* Display name of a binary metric ("AUC", "log loss", "F1" ...). */
const char *lt_ev_metric_title(lt_metric m);

/* A metric value with 4 decimals ("0.8412"), "inf", or scientific for
 * very large or small values, into buf. */
const char *lt_ev_num(double v, char *buf, size_t cap);

/* One metric of an evaluation, as ev:metrics(), the printout and
 * compare() list them. */
typedef struct ev_metric_row {
    const char *name;    /* the field name ("auc") */
    double value;        /* NaN when undefined */
    const char *why;     /* why it is undefined, or NULL */
    const char *about;   /* what it is, for the printout */
    bool count;          /* a count (n), shown as an integer */
} ev_metric_row;

enum { EV_MAX_METRICS = 24 };

/* The metrics of ev in printing order, n and prevalence last; returns how
 * many (at most EV_MAX_METRICS). */
int lt_ev_metric_rows(const evaluation *ev, ev_metric_row *out);

/* ---- shared by the binding files (l_evaluate.c, l_evaluate_objects.c) ---- */

/* __gc and __close of a userdata holding a pointer to `type`: free it
 * once (the slot is NULL after). */
#define LT_EV_GC(fname, type, mt, freefn)            \
    static int fname(lua_State *L)                   \
    {                                                \
        type **slot = luaL_checkudata(L, 1, mt);     \
        freefn(*slot);                               \
        *slot = NULL;                                \
        return 0;                                    \
    }

/* __tostring of such a userdata: format(object, print options) as text,
 * or `closed` ("lunette.Curve (closed)") once it is closed. */
#define LT_EV_TOSTRING(fname, type, mt, closed, format)   \
    static int fname(lua_State *L)                         \
    {                                                      \
        type **slot = luaL_checkudata(L, 1, mt);           \
        if (!*slot) {                                      \
            lua_pushliteral(L, closed);                    \
            return 1;                                      \
        }                                                  \
        lt_print_opts o;                                   \
        lt_lua_print_opts(L, &o);                          \
        void **box = lt_lua_newbox(L);                     \
        *box = format(*slot, &o);                          \
        return lt_lua_pushboxed(L, box, "tostring");       \
    }

char *lt_ev_strdup(const char *s);
/* Push a userdata of metatable mt holding a new zeroed struct of `size`
 * bytes (the slot is NULL until it is allocated), with nuv user values;
 * returns the struct. */
void *lt_ev_newobject(lua_State *L, const char *mt, size_t size, int nuv);
evaluation *lt_ev_check(lua_State *L, int idx);
/* The evaluation at idx, which must be binary ("fname: needs binary
 * scores; this evaluation is multiclass"). */
evaluation *lt_ev_checkbinary(lua_State *L, int idx, const char *fname);
/* Raise "fname: <lt_errmsg>" (or "fname: cancelled") when rc < 0. */
void lt_ev_check_rc(lua_State *L, int rc, const char *fname);
/* Add column c (owned, NULL after a failure) to f as `name`. */
int lt_ev_add_col(lt_frame *f, const char *name, lt_col *c);
/* The options of a __plot at argument 2: { title = }. */
const char *lt_ev_plot_title(lua_State *L);
/* Push ev's ROC curve (a Frame owned by the stack) and point s at it,
 * labelled `name` (the figure adds the AUC). */
void lt_ev_roc_series(lua_State *L, const evaluation *ev, const char *name,
                      lt_curve_series *s);

/* Methods and functions of l_evaluate_objects.c, and its metatables. */
int lt_ev_confusion(lua_State *L);
int lt_ev_per_class(lua_State *L);
int lt_ev_roc(lua_State *L);
int lt_ev_pr(lua_State *L);
int lt_ev_calibration(lua_State *L);
int lt_ev_gain(lua_State *L);
int lt_ev_lift(lua_State *L);
int lt_ev_threshold_curve(lua_State *L);
int lt_ev_compare(lua_State *L);
void lt_ev_open_objects(lua_State *L);

/* Text of each object for __tostring: malloc'd, NULL on allocation
 * failure. */
char *lt_ev_format(const evaluation *ev, const lt_print_opts *o);
char *lt_ev_confusion_format(const ev_confusion *cm, const lt_print_opts *o);
char *lt_ev_curve_format(const ev_curve *c, const lt_print_opts *o);
char *lt_ev_comparison_format(const ev_comparison *c, const lt_print_opts *o);

#endif
