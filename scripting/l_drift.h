/* Data drift objects shared by the binding (l_drift.c: drift(),
 * drift_over_time() and the objects' fields, methods and figures;
 * l_drift_stats.c: the plain functions ks_test, psi ...) and their text
 * (l_drift_print.c, plain C).
 *
 * The three objects are userdata holding an ld_handle.  A Drift made by
 * drift() owns its lt_drift; a DriftColumn (d:column) and the Drift of a
 * window (w:window) point into their parent's data, and keep the parent
 * alive through user value 1; `up` lets them see a parent closed since
 * (ld_check walks it), so that nothing reads freed memory. */
#ifndef LT_L_DRIFT_H
#define LT_L_DRIFT_H

#include <stdbool.h>
#include <stdint.h>

#include <lua.h>

#include "drift.h"
#include "print.h"

#define LT_DRIFT_MT "lunette.Drift"
#define LT_DRIFTCOL_MT "lunette.DriftColumn"
#define LT_DRIFTSERIES_MT "lunette.DriftSeries"

/* A drift over time and what it needs to be shown. */
typedef struct ld_series {
    lt_drift_series *s;
    char **labels;              /* s->nwin window labels ("2024-03") */
    char *time;                 /* the time column */
    char *every;                /* the period as given ("month", "10") */
    lt_drift_baseline base;
    int64_t ref_rows;           /* LT_DRIFT_FRAME: rows of the reference frame */
} ld_series;

typedef struct ld_handle {
    void *p;                    /* lt_drift * (Drift), lt_drift_col *
                                   (DriftColumn) or ld_series * (DriftSeries);
                                   NULL once closed */
    bool owned;                 /* p is freed with the handle */
    const struct ld_handle *up; /* the handle whose data p points into, or NULL */
    lt_drift_opts o;            /* Drift, DriftSeries: the options used */
    int window;                 /* the Drift of a series window: its index, else -1 */
} ld_handle;

/* What a Drift's printout says beyond the report itself. */
typedef struct ld_context {
    const lt_drift_opts *o;     /* the options used */
    const char *window;         /* a series window: "2024-03", else NULL */
    const char *baseline;       /* ... and what it is compared with ("2024-01") */
} ld_context;

/* The handle at idx of metatable mt, open with all its parents; raises
 * "`what` is closed" otherwise. */
ld_handle *ld_check(lua_State *L, int idx, const char *mt, const char *what);

/* ---- text (l_drift_print.c) ---- */

/* A statistic to 4 significant digits ("0.4213", "2.95", "inf"; "" for
 * NaN). */
const char *ld_stat(double v, char *buf, size_t cap);
/* A share in percent: "32%" ("<1%", ">99%" rather than 0 or 100). */
const char *ld_pct(double share, char *buf, size_t cap);
/* A p-value: "0.0031", "1.2e-05", "< 1e-16" ("" for NaN). */
const char *ld_pvalue(double p, char *buf, size_t cap);
/* The value of a column as a short label: "wasserstein 0.4213", "ks p =
 * 0.0031", "missing", "not compared". */
const char *ld_value_label(const lt_drift_col *c, char *buf, size_t cap);
/* The title of a column's figure: "monthly_charges: wasserstein 0.4213
 * (drifted, threshold 0.1)". */
const char *ld_col_title(const lt_drift_col *c, char *buf, size_t cap);
/* Compared columns (not "none") of d. */
int ld_ncompared(const lt_drift *d);
/* The verdict: "6 of 19 columns drifted (32%): dataset drift". */
const char *ld_verdict(const lt_drift *d, char *buf, size_t cap);
/* The kind of a column ("numeric", "categorical"), of a series' time. */
const char *ld_kind_name(lt_drift_kind k);

/* The label of a window starting at `start` (microseconds of a time
 * column of kind tkind, or a number), for windows `every` long:
 * "2024-03" for months, "2024-Q1", "2024", dates for days and weeks,
 * "2024-03-01 13:00" below a day, the number for numeric windows. */
void ld_window_label(double start, bool is_time, lt_time_kind tkind, const char *every,
                     char *buf, size_t cap);

/* Text of each object for __tostring: malloc'd, NULL when memory runs
 * out. */
char *ld_format(const lt_drift *d, const ld_context *ctx, const lt_print_opts *po);
char *ld_col_format(const lt_drift_col *c, const lt_print_opts *po);
char *ld_series_format(const ld_series *s, const lt_drift_opts *o, const lt_print_opts *po);

/* ---- the plain functions (l_drift_stats.c), registered by l_drift.c ---- */

int ld_ks_test(lua_State *L);
int ld_wasserstein(lua_State *L);
int ld_psi(lua_State *L);
int ld_js_distance(lua_State *L);
int ld_chi2_test(lua_State *L);
int ld_anderson_ksamp(lua_State *L);

#endif
