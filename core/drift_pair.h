/* Internal to drift.c and drift_time.c: the comparison of one column
 * pair, shared by the report of two frames and the windows over time.
 *
 * A pair is checked and planned once, before the threads start (all the
 * user's errors are found there, in column order); the threads then only
 * gather, count and score, and can fail only for memory. */
#ifndef LT_DRIFT_PAIR_H
#define LT_DRIFT_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "drift.h"

/* Values (rows x columns) below which a report runs on one thread. */
#define DP_PAR_MIN 65536.0

/* How a side's values are read. */
typedef enum dsrc {
    SRC_NUM,    /* as doubles (f64, i64, time; bool among numbers) */
    SRC_STR,    /* by dictionary code */
    SRC_BOOL    /* two bools: by value */
} dsrc;

typedef struct dpair {
    const char *name;          /* as the user wrote it; NULL: none */
    const lt_col *rc, *cc;     /* reference and current column */
    dsrc src;
    bool asked_cat;            /* spec->categorical */
    bool bool_cat;             /* a bool among numbers: categories */
    lt_drift_method method;    /* given, or AUTO */
    double threshold;          /* given (spec, else opts), or NaN */
    double auto_size;          /* auto: reference values, or median window rows */
    bool size_is_window;       /* auto_size is the median window size */
    /* SRC_STR on two dictionaries: current code -> unified code (-1: not
     * looked up yet); unified codes past the reference dictionary are
     * current codes extra[u - reference size] */
    int32_t *map, *extra;
    int32_t nextra;
} dpair;

/* One side of a comparison: rows of a column (rows NULL: 0 .. nrow). */
typedef struct dside {
    const lt_col *c;
    const int64_t *rows;
    int64_t nrow;
    double *v;         /* SRC_NUM: the non-missing values */
    int64_t n;         /* non-missing values (set by dp_score for str, bool) */
    bool sorted;       /* v is sorted */
} dside;

/* The columns of a report: pairs in order, and those left out. */
typedef struct dplan {
    int n;
    dpair *pairs;
    int nskipped;
    char **skipped;
} dplan;

/* Check the options; `who` ("drift") starts the messages. */
int dp_check_opts(const char *who, const lt_drift_opts *o);

/* Check and plan the pair of columns rc, cc named `name` (may be NULL)
 * with spec's settings (may be NULL).  auto_size NaN: the reference's
 * non-missing values decide auto, else that many (median window) rows. */
int dp_pair_init(dpair *p, const char *who, const char *name, const lt_col *rc,
                 const lt_col *cc, const lt_drift_spec *spec, const lt_drift_opts *o,
                 double auto_size);
void dp_pair_fini(dpair *p);

/* The pairs of ref and cur: cols[0..ncols), or by default every column of
 * ref also in cur except times and `exclude` (may be NULL), the others in
 * pl->skipped.  `one`: ref and cur are windows of one frame (messages say
 * "the frame").  Errors as lt_drift_compare's. */
int dp_plan(dplan *pl, const char *who, const lt_frame *ref, const lt_frame *cur, bool one,
            const char *exclude, const lt_drift_spec *cols, int ncols,
            const lt_drift_opts *o, double auto_size);
void dp_plan_fini(dplan *pl);

/* The non-missing values of side s's rows into out (room for s->nrow),
 * in row order: s->v = out and s->n set. */
void dp_sample(dside *s, double *out);

/* Sort the values of side s (once).  0 or LT_ENOMEM. */
int dp_sort(dside *s);

/* The kind of p given the samples of s[0..nseg) (read only for SRC_NUM):
 * *nd gets the distinct values when they made the column categorical,
 * else -1.  0 or LT_ENOMEM. */
int dp_kind(const dpair *p, const lt_drift_opts *o, const dside *s, int nseg,
            lt_drift_kind *kind, int *nd);

/* The method of p for `kind` (given, or auto) and why (malloc'd; NULL on
 * failure). */
lt_drift_method dp_method(const dpair *p, const lt_drift_opts *o, lt_drift_kind kind, int nd,
                          char **why);

/* Samples of at most this many values are sorted whatever the method:
 * the sort costs less than the passes of fselect.h. */
#define DP_SORT_SMALL 4096

/* Must a numeric sample of n values be sorted (dp_sort) before dp_score,
 * for method m on `kind` with nd distinct values (dp_kind)?  A small one,
 * and for the methods that read them all in order (anderson,
 * wasserstein) and categories not known to be few (asked for, or a bool
 * among numbers).  The others count values in bins, walk a few stretches
 * of them (ks), or count few categories in a hash set; a pair is scored
 * from sorted samples when both are. */
bool dp_needs_order(const dpair *p, lt_drift_kind kind, int nd, lt_drift_method m, int64_t n);

/* Compare side r (reference) with side c by method m on `kind` into out
 * (cleared first; out takes a copy of why); numeric sides sorted when
 * dp_needs_order says so.  0 or LT_ENOMEM; out is cleared on failure. */
int dp_score(dpair *p, const lt_drift_opts *o, dside *r, dside *c, lt_drift_kind kind,
             lt_drift_method m, const char *why, lt_drift_col *out);

/* The units of pl (its pairs) heaviest first into *order (malloc'd):
 * numeric columns, by their rows, before categorical ones, so that the
 * threads end together (a light column last, not a heavy one alone).
 * 0 or LT_ENOMEM. */
int dp_order(const dplan *pl, int **order);

/* Run fn(ctx, j) for j in [0, n) across threads (when par), one j per
 * thread at a time, in the order order[0..n) (NULL: 0 .. n - 1), ticking p
 * from the calling thread as they end.  The failure of the lowest j is
 * reported (its message carried over to this thread), cancellation as
 * LT_ECANCELED "<who>: cancelled after 3 of 25 <units>".  0 or the
 * code. */
int dp_run(int n, bool par, const int *order, int (*fn)(void *ctx, int j), void *ctx,
           lt_progress *p, const char *who, const char *units);

/* ndrifted, share and the verdict of d from its columns. */
void dp_tally(lt_drift *d);

/* Copies of the strings v[0..n) (NULL when n is 0); NULL on failure. */
char **dp_strdup_list(char *const *v, int n);

#endif
