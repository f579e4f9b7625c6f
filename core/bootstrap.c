/* Bootstrap percentile intervals of a binary metric (see bootstrap.h).
 *
 * A resample is a count per sorted rank (uint32, positives then negatives
 * in one array) that lt_scores_metric reads as weights.  Drawing the
 * counts is the cost: n random increments into an array too large for the
 * caches would each miss.  So the ranks are cut into blocks that fit the
 * L1 cache, and the draws are split between the blocks first: block j of
 * s_j cells gets Binomial(R, s_j / C) of the R draws left over the C cells
 * left (the multinomial as a chain of binomials, GSL's exact BTPE), then
 * its draws land uniformly inside it, while it is cached.  The counts so
 * made have exactly the multinomial distribution of n draws with
 * replacement.
 *
 * Replicate b draws from stream b of the seed (lt_rng_seed_stream), so
 * the replicates come out the same whichever thread runs them; threads
 * take replicates in turn and keep one count array each. */
#include "bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <omp.h>

#include "error.h"
#include "fsort.h"
#include "rng.h"

/* Cells of a block: 16 KiB of counts, within any L1 data cache. */
enum { BLOCK = 4096 };
/* Draws (replicates x rows) below which the replicates run on one thread. */
#define PAR_MIN 100000.0

/* ---- lt_rng as a GSL generator, for gsl_ran_binomial -------------------- */

static void gsl_set(void *state, unsigned long seed) { lt_rng_seed(state, seed); }
static unsigned long gsl_get(void *state) { return (unsigned long)(lt_rng_next(state) >> 32); }
static double gsl_get_double(void *state) { return lt_rng_uniform(state); }

static const gsl_rng_type lt_gsl_rng_type = {
    "lunette-xoshiro256**", 0xffffffffUL, 0, sizeof(lt_rng), gsl_set, gsl_get, gsl_get_double,
};

/* ---- counts ------------------------------------------------------------- */

/* k uniform draws among the m <= 2^32 cells c[0..m), added to the counts:
 * two 32-bit draws per generator output, each mapped to [0, m) by
 * Lemire's multiply-shift with rejection of the biased low products. */
static void draw_block(lt_rng *r, uint32_t *c, uint32_t m, uint64_t k)
{
    uint32_t reject = (uint32_t)(-m) % m;   /* (2^32 - m) mod m */
    uint64_t bits = 0;
    int have = 0;
    while (k > 0) {
        if (!have) {
            bits = lt_rng_next(r);
            have = 2;
        }
        uint64_t prod = (bits & 0xffffffffu) * (uint64_t)m;
        bits >>= 32;
        have--;
        if ((uint32_t)prod < reject)
            continue;
        c[prod >> 32]++;
        k--;
    }
}

/* c[0..ncells) = the counts of ndraws draws with replacement among ncells
 * cells (ncells >= 1 when ndraws > 0). */
static void draw_counts(lt_rng *r, const gsl_rng *g, uint32_t *c, int64_t ncells,
                        int64_t ndraws)
{
    int64_t cells_left = ncells, draws_left = ndraws;
    for (int64_t off = 0; off < ncells; off += BLOCK) {
        int64_t m = ncells - off < BLOCK ? ncells - off : BLOCK;
        uint64_t k;
        if (m == cells_left)
            k = (uint64_t)draws_left;
        else if (draws_left == 0)
            k = 0;
        else
            k = gsl_ran_binomial(g, (double)m / (double)cells_left, (unsigned)draws_left);
        memset(c + off, 0, (size_t)m * sizeof *c);
        draw_block(r, c + off, (uint32_t)m, k);
        cells_left -= m;
        draws_left -= (int64_t)k;
    }
}

/* ---- the interval ------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool is_threshold_metric(lt_metric m)
{
    return m >= LT_METRIC_ACCURACY && m < LT_METRIC_COUNT;
}

static int check_opts(const lt_scores *s, lt_metric m, const lt_bootstrap_opts *o)
{
    if ((int)m < 0 || m >= LT_METRIC_COUNT)
        return lt_seterr(LT_EINVAL, "bootstrap: metric %d is not a metric; expected one of "
                         "lt_metric", (int)m);
    if (o->nboot < 1)
        return lt_seterr(LT_EINVAL, "bootstrap: nboot = %d; expected at least 1 resample",
                         o->nboot);
    if (!(o->level > 0 && o->level < 1))
        return lt_seterr(LT_EINVAL, "bootstrap: level = %g; expected a confidence level "
                         "between 0 and 1, such as 0.95", o->level);
    if (is_threshold_metric(m) && isnan(o->threshold))
        return lt_seterr(LT_EINVAL, "bootstrap: the threshold of %s is NaN; expected a "
                         "number", lt_metric_name(m));
    if (s->npos + s->nneg > (int64_t)UINT32_MAX)
        return lt_seterr(LT_EINVAL, "bootstrap: %lld rows; at most %lu can be resampled",
                         (long long)(s->npos + s->nneg), (unsigned long)UINT32_MAX);
    return 0;
}

int lt_bootstrap_metric(const lt_scores *s, lt_metric m, const lt_bootstrap_opts *o,
                        lt_progress *p, lt_bootstrap_ci *out, double *replicates)
{
    int st = check_opts(s, m, o);
    if (st < 0)
        return st;
    int nboot = o->nboot;
    int64_t np = s->npos, nn = s->nneg, n = np + nn;
    double *vals = replicates ? replicates : malloc((size_t)nboot * sizeof *vals);
    if (!vals)
        return lt_nomem();

    int next = 0, done = 0, stop = 0, nomem = 0, cancelled = 0;
    double work = (double)nboot * (double)n;
#pragma omp parallel if (work >= PAR_MIN)
    {
        uint32_t *cnt = malloc((size_t)(n ? n : 1) * sizeof *cnt);
        if (!cnt) {
#pragma omp atomic write
            nomem = 1;
#pragma omp atomic write
            stop = 1;
        }
        lt_rng r;
        gsl_rng g = {&lt_gsl_rng_type, &r};
        bool caller = omp_get_thread_num() == 0;
        for (;;) {
            int b, halt;
#pragma omp atomic capture
            b = next++;
#pragma omp atomic read
            halt = stop;
            if (halt || b >= nboot)
                break;
            lt_rng_seed_stream(&r, o->seed, (uint64_t)b);
            if (o->stratified) {
                draw_counts(&r, &g, cnt, np, np);
                draw_counts(&r, &g, cnt + np, nn, nn);
            } else {
                draw_counts(&r, &g, cnt, n, n);
            }
            vals[b] = lt_scores_metric(s, m, o->threshold, cnt, cnt + np);
            int d;
#pragma omp atomic capture
            d = ++done;
            if (caller && lt_progress_tick(p, (double)d / nboot)) {
#pragma omp atomic write
                cancelled = 1;
#pragma omp atomic write
                stop = 1;
            }
        }
        free(cnt);
    }
    /* The other threads may have run every replicate: report the end. */
    if (!nomem && !cancelled && lt_progress_tick(p, 1))
        cancelled = 1;
    if (nomem || cancelled) {
        st = nomem ? lt_nomem()
                   : lt_seterr(LT_ECANCELED, "bootstrap: cancelled after %d of %d resamples",
                               done, nboot);
        goto done;
    }

    /* The valid replicates, sorted, for the quantiles and the SD. */
    double *v = malloc((size_t)nboot * sizeof *v);
    if (!v) {
        st = lt_nomem();
        goto done;
    }
    int64_t nv = 0;
    for (int b = 0; b < nboot; b++)
        if (!isnan(vals[b]))
            v[nv++] = vals[b];
    out->estimate = lt_scores_metric(s, m, o->threshold, NULL, NULL);
    out->nvalid = (int)nv;
    out->lo = out->hi = out->se = NAN;
    if (nv < 2) {
        free(v);
        st = lt_seterr(LT_EINVAL, "bootstrap: %s is defined in %lld of %d resamples; an "
                       "interval needs at least 2 (%lld positive and %lld negative rows)",
                       lt_metric_name(m), (long long)nv, nboot, (long long)np, (long long)nn);
        goto done;
    }
    double mean = 0, ss = 0;
    for (int64_t i = 0; i < nv; i++)
        mean += v[i];
    mean /= (double)nv;
    for (int64_t i = 0; i < nv; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    qsort(v, (size_t)nv, sizeof *v, cmp_double);
    out->lo = lt_quantile7(v, nv, (1 - o->level) / 2);   /* pROC's probabilities */
    out->hi = lt_quantile7(v, nv, 1 - (1 - o->level) / 2);
    out->se = sqrt(ss / (double)(nv - 1));
    free(v);
    st = 0;
done:
    if (vals != replicates)
        free(vals);
    return st;
}
