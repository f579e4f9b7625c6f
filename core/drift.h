/* Data drift: compare the columns of a reference frame with those of a
 * current one, each by a two-sample test or a distance, decide which
 * columns drifted, and give a verdict for the data set; and the same
 * over time windows of one frame.
 *
 * Methods (ks.h, anderson.h, divergence.h hold the formulas):
 *   test      ks           numeric   p-value of the two-sample KS test
 *   test      anderson     numeric   p-value of the k-sample AD test (k = 2)
 *   test      chi2         any       p-value of chi-square on the 2 x k
 *                                    table of category counts (numbers:
 *                                    of the psi bins)
 *   distance  wasserstein  numeric   Wasserstein distance / reference sd
 *   distance  psi          any       PSI on reference quantile bins or
 *                                    category shares
 *   distance  js           any       Jensen-Shannon distance, same bins
 * A test's column drifts when p < threshold (default 0.05); a distance's
 * when the distance >= threshold (default 0.1), as Evidently decides.  A
 * test's threshold must be below 1.
 *
 * Degenerate samples give defined results.  wasserstein divides by the
 * population sd of the reference: a reference of one value gives +Inf
 * when the distance is > 0 and 0 when it is 0; a reference holding an
 * infinity (sd not finite) gives NaN, or 0 for a distance of 0.  anderson
 * on one value in both samples gives statistic NaN and p 1 (nothing to
 * test), on fewer than 4 values in all NaN and NaN (noted; not drifted).
 *
 * Column kinds: str and bool columns are categorical (a bool paired with
 * a number too, its values 0 and 1); a numeric column (f64, i64, and a
 * time column named explicitly, as microseconds) is compared as
 * categories when both frames together hold at most `max_distinct`
 * distinct values (0/1 flags, small counts), since quantile bins
 * degenerate on them, unless a numbers-only method (ks, anderson,
 * wasserstein) is given for it; else it is numeric.  Categories of
 * two str columns are matched by text, so the frames may have different
 * dictionaries; a category of the current frame absent from the
 * reference is "unseen" and reported (chi2 counts it as a column with
 * reference count 0, PSI gives it the share eps, JS its share).
 *
 * method = auto chooses per column, as Evidently does: with at most
 * `small` (1000) reference values, ks for numeric and chi2 for
 * categorical columns; above, wasserstein for numeric and js for
 * categorical columns.  The choice and its reason are in the result.
 *
 * Missing values are dropped from the comparison and counted; a column
 * also drifts when its missing share moves by more than `missing_shift`
 * (absolute).  A column all missing in the current frame (and not in the
 * reference) drifts with method "missing"; all missing in the reference
 * only, likewise; all missing in both is not compared and does not
 * drift.  Each of these is said in the column's note.  Such a column has
 * statistic, p-value, score and threshold NaN, severity 0, and the plot
 * data of the side with values.
 *
 * Notes, in this order, joined by "; ": "all missing in current"
 * (reference, both); "anderson needs 4 values or more, not 3"; "constant
 * in reference" (current; "constant in both", "constant in both (the
 * same value)"): one distinct value or category; "2 categories unseen in
 * reference: DSL2, Fiber2" (at most 5 named, then ", ..."); "missing 0%
 * -> 40%" (percentages to 3 significant digits).
 *
 * Large frames: no column is copied whole except as the sample of its
 * values (numeric; sorted for anderson and wasserstein) or its
 * category counts (categorical); columns are compared in parallel
 * (OpenMP, one column per thread at a time), the result the same
 * whatever the thread count. */
#ifndef LT_DRIFT_H
#define LT_DRIFT_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"
#include "progress.h"

typedef enum lt_drift_method {
    LT_DRIFT_AUTO,
    LT_DRIFT_KS,
    LT_DRIFT_ANDERSON,
    LT_DRIFT_CHI2,
    LT_DRIFT_WASSERSTEIN,
    LT_DRIFT_PSI,
    LT_DRIFT_JS,
    LT_DRIFT_MISSING,   /* result only: a column all missing on one side */
    LT_DRIFT_NONE,      /* result only: all missing in both, not compared */
    LT_DRIFT_NMETHOD
} lt_drift_method;

/* "auto", "ks", "anderson", "chi2", "wasserstein", "psi", "js",
 * "missing", "none"; lt_drift_method_parse takes the first seven and
 * returns -1 for anything else. */
const char *lt_drift_method_name(lt_drift_method m);
int lt_drift_method_parse(const char *name);
/* Does the method give a p-value (ks, anderson, chi2)? */
bool lt_drift_method_is_test(lt_drift_method m);
/* 0.05 for the tests, 0.1 for the distances. */
double lt_drift_default_threshold(lt_drift_method m);

typedef enum lt_drift_kind { LT_DRIFT_NUMERIC, LT_DRIFT_CATEGORICAL } lt_drift_kind;

typedef struct lt_drift_opts {
    lt_drift_method method;   /* for every column without its own (AUTO) */
    double threshold;         /* NaN: the method's default */
    int bins;                 /* quantile bins of psi and js on numbers (10) */
    double eps;               /* psi's share of an empty bin (LT_PSI_EPS) */
    double js_base;           /* logarithm base of js (2: in [0, 1]) */
    int64_t small;            /* auto: tests up to this many reference
                                 values, distances above (1000) */
    int max_distinct;         /* numbers with at most this many distinct
                                 values are categories (10) */
    double drift_share;       /* dataset drift when at least this share of
                                 the compared columns drifted (0.5) */
    double missing_shift;     /* a column drifts when its missing share
                                 moves by more than this (0.1) */
    lt_progress *progress;
} lt_drift_opts;

/* The defaults above. */
void lt_drift_opts_init(lt_drift_opts *o);

/* One column to compare, with its own settings. */
typedef struct lt_drift_spec {
    const char *name;         /* present in both frames */
    lt_drift_method method;   /* AUTO: the report's (opts.method) */
    double threshold;         /* NaN: the report's, else the method's default */
    bool categorical;         /* compare a numeric column as categories */
} lt_drift_spec;

/* Plot data of a compared column, drawn by plots/drift_figures.h. */
typedef struct lt_drift_hist {
    /* numeric: nbin equal-width bins between the 0.5% and 99.5% type 7
     * quantiles of the finite values of both samples together, 2 n^(1/3)
     * of them (Rice's rule, n finite values) up to 30; values beyond
     * (infinities too) count in the outer bins; one bin [v - 0.5,
     * v + 0.5] when the quantiles meet at v (wider for |v| > 2^39), one
     * [lo, hi] when the span is too narrow to cut; none without a finite
     * value.  Edges increase; bin i is [edges[i], edges[i + 1]), the
     * last closed. */
    int nbin;
    double *edges;            /* nbin + 1 */
    /* categorical: ncat categories, most frequent in the reference first,
     * then those unseen in it by their current counts (ties: by current
     * count, then by text or value); past 20, the rest are summed into a
     * last category "(other)".  Numbers are named by their value ("3",
     * "0.5"), times as dates or datetimes, bools "false" and "true". */
    int ncat;
    char **cats;
    int64_t *ref, *cur;       /* counts per bin or category */
} lt_drift_hist;

typedef struct lt_drift_col {
    char *name;               /* "" when lt_drift_column had no name */
    lt_type ref_type, cur_type;
    lt_drift_kind kind;
    lt_drift_method method;   /* the one used */
    char *why;                /* why this method: "auto: numeric, 5,174
                                 reference values > 1000", "auto:
                                 categorical (2 distinct values <= 10),
                                 ...", "given", "not compared: all
                                 missing in current" */
    double statistic;         /* D, A2, chi-square, W / sd, PSI, JS */
    double p_value;           /* tests; NaN for distances */
    double score;             /* compared with the threshold: the p-value
                                 of a test, the statistic of a distance */
    double threshold;
    /* how far past its threshold: log(p) / log(threshold) for a test
     * (0 at p = 1, +Inf at p = 0), statistic / threshold for a distance;
     * >= 1 when drifted by the method (0 for missing / none; NaN when
     * the score is NaN) */
    double severity;
    bool drifted;             /* by the method or by the missing share */
    bool missing_drifted;     /* the missing share moved past missing_shift */
    int df;                   /* chi2's degrees of freedom, else 0 */
    double wasserstein;       /* wasserstein: the raw distance */
    int64_t n_ref, n_cur;     /* values compared (missing dropped) */
    int64_t miss_ref, miss_cur;   /* missing values */
    int nunseen;              /* categories unseen in the reference */
    char *note;               /* NULL, or what the reader must know:
                                 "all missing in current", "2 categories
                                 unseen in reference: DSL2, Fiber2",
                                 "missing 0% -> 40%", "constant in
                                 reference" */
    lt_drift_hist hist;
} lt_drift_col;

typedef struct lt_drift {
    int64_t nref, ncur;       /* rows of the two frames */
    int ncol;
    lt_drift_col *cols;       /* in the order asked (default: the
                                 reference's column order) */
    int ndrifted;
    double share;             /* ndrifted / compared columns (those not
                                 "none"); NaN when none was compared */
    double drift_share;       /* the verdict's threshold */
    bool dataset_drift;       /* share >= drift_share */
    int nskipped;             /* shared columns left out of a default
                                 report (time columns: dates always move),
                                 and columns of only one frame; none when
                                 the columns are named */
    char **skipped;           /* "date (time)", "id (only in reference)" */
} lt_drift;

/* Compare ref and cur.  cols[0..ncols) names the columns; cols NULL (or
 * ncols 0) takes every column of ref also in cur except time columns.
 * Errors (NULL with lt_errmsg): a frame without rows ("drift: the
 * current frame has no rows"), a named column missing from either frame
 * (with a suggestion), a column of different kinds in the two frames
 * ("drift: column 'x' is str in the reference and f64 in the current
 * frame"; numbers of any type mix, time only with time), a numeric-only
 * method on a categorical column ("drift: ks compares numbers; column
 * 'contract' is str; use chi2, psi or js"), a column named twice or
 * without a name, no shared column, bad options (a method outside auto ..
 * js, bins < 1, thresholds not positive, a test's threshold >= 1, eps
 * outside (0, 1), js_base <= 0 or 1, small or max_distinct < 0,
 * drift_share outside (0, 1], missing_shift outside [0, 1]),
 * cancellation (LT_ECANCELED "drift: cancelled after 3 of 25 columns"),
 * memory.  o NULL: the defaults. */
lt_drift *lt_drift_compare(const lt_frame *ref, const lt_frame *cur, const lt_drift_spec *cols,
                           int ncols, const lt_drift_opts *o);
void lt_drift_free(lt_drift *d);   /* NULL is a no-op */

/* Compare one pair of columns (the plain functions psi(), ks_test() ...
 * and each column of a report): spec gives the name (for messages; may
 * be NULL), method and threshold; out is filled (free its contents with
 * lt_drift_col_clear).  Errors as lt_drift_compare's, and a column with
 * no rows.  0 or an LT_E* code. */
int lt_drift_column(const lt_col *ref, const lt_col *cur, const lt_drift_spec *spec,
                    const lt_drift_opts *o, lt_drift_col *out);
void lt_drift_col_clear(lt_drift_col *c);

/* ---- over time ---------------------------------------------------------- */

typedef enum lt_drift_baseline {
    LT_DRIFT_FIRST,      /* every window against the first one */
    LT_DRIFT_PREVIOUS,   /* every window against the one before it */
    LT_DRIFT_FRAME       /* every window against a given reference frame */
} lt_drift_baseline;

typedef struct lt_drift_series {
    bool is_time;             /* windows of a time column (else numbers) */
    lt_time_kind tkind;
    int nwin;
    double *start;            /* where each window starts: microseconds
                                 (a period's floor, dates.h) or numbers */
    int64_t *rows;            /* rows in each window */
    int64_t dropped;          /* rows without a time, left out */
    lt_drift **win;           /* win[w]: window w against its baseline;
                                 NULL for a window without one (the first,
                                 unless the baseline is a frame) */
} lt_drift_series;

/* Split `events` into windows of its column `time` and compare each with
 * its baseline (ref_frame for LT_DRIFT_FRAME, else NULL).  `every` is a
 * period of dates.h ("month", "week", "7d") for a time column, or a
 * positive number in text ("10") for a numeric one: windows
 * [k every, (k + 1) every).  Only windows with rows exist, in time order.
 * Every window is scored the same way: a column's kind is decided once
 * over all its windows (and the reference frame), and `auto` chooses its
 * method once, from the kind and the median window size in rows (the
 * mean of the middle two for an even count; against a frame, the
 * frame's values, as lt_drift_compare), fixed for all windows.  A
 * numeric window k holds [k every, (k + 1) every) and starts at
 * k * every; rows whose time is missing (or not finite, or out of range
 * once floored) are dropped.  The time column itself is not compared
 * (naming it is an error); by default every other column is, times
 * skipped.  Errors: `time` missing or not a time or numeric (f64, i64)
 * column, all its values missing, an unknown period or a width that is
 * not a positive number, fewer than two windows with FIRST or PREVIOUS
 * ("drift_over_time: the rows of 'date' fall in one window of period
 * 'month'; the first baseline needs two or more"), LT_DRIFT_FRAME without
 * a frame, and those of lt_drift_compare. */
lt_drift_series *lt_drift_over_time(const lt_frame *events, const char *time, const char *every,
                                    lt_drift_baseline base, const lt_frame *ref_frame,
                                    const lt_drift_spec *cols, int ncols,
                                    const lt_drift_opts *o);
void lt_drift_series_free(lt_drift_series *s);

#endif
