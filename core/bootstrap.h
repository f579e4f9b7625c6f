/* Bootstrap confidence intervals for the metrics of a binary evaluation.
 *
 * A resample draws rows with replacement: npos from the positives and
 * nneg from the negatives when stratified (pROC's default for the AUC, so
 * every resample has both classes), or n from all rows otherwise.  It is
 * held as per-row counts over lt_scores' sorted arrays, so a replicate
 * costs one pass and no sorting.  Each replicate b draws from its own
 * generator seeded from (seed, b), so the result does not depend on the
 * thread count; replicates run in parallel with OpenMP.
 *
 * The interval is the percentile interval: quantiles (1 - level) / 2 and
 * (1 + level) / 2 of the replicates, interpolated as R's quantile type 7
 * (numpy's default "linear").  Replicates where the metric is undefined
 * (an unstratified resample of one class, for the AUC) are left out and
 * counted. */
#ifndef LT_BOOTSTRAP_H
#define LT_BOOTSTRAP_H

#include <stdbool.h>
#include <stdint.h>

#include "progress.h"
#include "scores.h"

typedef struct lt_bootstrap_opts {
    int nboot;          /* resamples, >= 1 (default 2000 in Lua, as pROC) */
    double level;       /* 0 < level < 1 */
    bool stratified;
    uint64_t seed;
    double threshold;   /* for the threshold metrics */
} lt_bootstrap_opts;

typedef struct lt_bootstrap_ci {
    double estimate;    /* the metric on the rows themselves */
    double lo, hi;      /* the percentile interval */
    double se;          /* standard deviation of the replicates */
    int nvalid;         /* replicates with a defined metric */
} lt_bootstrap_ci;

/* The interval of metric m.  `replicates` (room for o->nboot values, or
 * NULL) receives each replicate's value (NaN where undefined), in order of
 * b.  LT_EINVAL for bad options or when fewer than 2 replicates are valid;
 * LT_ECANCELED through p; 0 otherwise. */
int lt_bootstrap_metric(const lt_scores *s, lt_metric m, const lt_bootstrap_opts *o,
                        lt_progress *p, lt_bootstrap_ci *out, double *replicates);

#endif
