/* Metrics of a regression (see regression_metrics.h): three passes over
 * the pairs (y, yhat), in fixed blocks of rows that threads may share.
 *
 * 1. check that every value is finite and find the largest magnitude and
 *    the range of y;
 * 2. the sums of the errors, absolute errors, squares and percentage
 *    errors, the largest error and the range of the errors;
 * 3. the sums of squared deviations from the means (two-pass variances).
 *
 * Each block sums its rows with Neumaier's compensation and the blocks are
 * added in order, so the result is the same whatever the thread count.
 * Values so large that their squares (or differences) would overflow, or
 * so small that their squares would underflow, are scaled by a power of
 * two first (exact), and the scale is taken out of the results. */
#include "regression_metrics.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "error.h"
#include "fn.h"
#include "nsum.h"
#include "reduce_groups.h"

enum { BLOCK = 1 << 14, PAR_MIN = 1 << 16 };

/* What one block of rows found; blocks are merged in order. */
typedef struct block {
    int64_t bad;          /* first row with a non-finite value, or -1 */
    int64_t nzero;
    double maxabs, ymin, ymax;
    nsum y, r, e, e2, ape, sape;   /* r = yhat - y, e = |r| (scaled) */
    double emax, rmin, rmax;
    nsum ssy, ssr;        /* squared deviations from the means (scaled) */
} block;

/* |y - yhat| / |y| and |y - yhat| / ((|y| + |yhat|) / 2), also where
 * the difference or the sum overflows (then a quarter of each is used:
 * the ratio is the same). */
static double ape(double y, double yhat)
{
    double e = fabs(yhat - y);
    if (isfinite(e))
        return e / fabs(y);
    return fabs(yhat / 4 - y / 4) / (fabs(y) / 4);
}

static double sape(double y, double yhat)
{
    double e = fabs(yhat - y), d = fabs(y) + fabs(yhat);
    if (d == 0)
        return 0;   /* y = yhat = 0: no error */
    if (isfinite(e) && isfinite(d))
        return e / (d / 2);
    y /= 4;
    yhat /= 4;
    return fabs(yhat - y) / ((fabs(y) + fabs(yhat)) / 2);
}

static void pass_check(const double *y, const double *yhat, int64_t lo, int64_t hi,
                       block *b)
{
    b->bad = -1;
    b->nzero = 0;
    b->maxabs = 0;
    b->ymin = INFINITY;
    b->ymax = -INFINITY;
    for (int64_t i = lo; i < hi; i++) {
        if (!isfinite(y[i]) || !isfinite(yhat[i])) {
            b->bad = i;
            return;
        }
        double a = fabs(y[i]) > fabs(yhat[i]) ? fabs(y[i]) : fabs(yhat[i]);
        b->maxabs = a > b->maxabs ? a : b->maxabs;
        b->ymin = y[i] < b->ymin ? y[i] : b->ymin;
        b->ymax = y[i] > b->ymax ? y[i] : b->ymax;
        b->nzero += y[i] == 0;
    }
}

static void pass_sums(const double *y, const double *yhat, int64_t lo, int64_t hi,
                      double sc, double *err, block *b)
{
    b->y = b->r = b->e = b->e2 = b->ape = b->sape = (nsum){ 0, 0 };
    b->emax = 0;
    b->rmin = INFINITY;
    b->rmax = -INFINITY;
    for (int64_t i = lo; i < hi; i++) {
        double ys = y[i] * sc, r = yhat[i] * sc - ys, e = fabs(r);
        nsum_add(&b->y, ys);
        nsum_add(&b->r, r);
        nsum_add(&b->e, e);
        nsum_add(&b->e2, r * r);
        if (y[i] != 0)
            nsum_add(&b->ape, ape(y[i], yhat[i]));
        nsum_add(&b->sape, sape(y[i], yhat[i]));
        b->emax = e > b->emax ? e : b->emax;
        b->rmin = r < b->rmin ? r : b->rmin;
        b->rmax = r > b->rmax ? r : b->rmax;
        err[i] = e;
    }
}

static void pass_squares(const double *y, const double *yhat, int64_t lo, int64_t hi,
                         double sc, double ybar, double rbar, block *b)
{
    b->ssy = b->ssr = (nsum){ 0, 0 };
    for (int64_t i = lo; i < hi; i++) {
        double ys = y[i] * sc, dy = ys - ybar, dr = yhat[i] * sc - ys - rbar;
        nsum_add(&b->ssy, dy * dy);
        nsum_add(&b->ssr, dr * dr);
    }
}

/* Run pass `which` over every block (in parallel for large inputs). */
enum { CHECK, SUMS, SQUARES };

static void run(int which, const double *y, const double *yhat, int64_t n, block *blk,
                int64_t nblocks, double sc, double *err, double ybar, double rbar)
{
#pragma omp parallel for if (n >= PAR_MIN) schedule(static)
    for (int64_t b = 0; b < nblocks; b++) {
        int64_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
        if (which == CHECK)
            pass_check(y, yhat, lo, hi, &blk[b]);
        else if (which == SUMS)
            pass_sums(y, yhat, lo, hi, sc, err, &blk[b]);
        else
            pass_squares(y, yhat, lo, hi, sc, ybar, rbar, &blk[b]);
    }
}

/* The power of two bringing the largest magnitude m near 1 when squares
 * of such values could overflow or underflow; 1 otherwise. */
static double scale_for(double m)
{
    if (m > 0x1p+500 || (m > 0 && m < 0x1p-500))
        return ldexp(1, -ilogb(m));
    return 1;
}

int lt_regression_metrics_compute(const double *y, const double *yhat, int64_t n,
                                  lt_regression_metrics *out)
{
    if (n <= 0)
        return lt_seterr(LT_EINVAL, "regression metrics: n = %lld rows; expected at "
                         "least 1", (long long)n);
    int64_t nblocks = (n + BLOCK - 1) / BLOCK;
    block *blk = malloc((size_t)nblocks * sizeof *blk);
    double *err = malloc((size_t)n * sizeof *err);
    if (!blk || !err) {
        free(blk);
        free(err);
        return lt_nomem();
    }

    run(CHECK, y, yhat, n, blk, nblocks, 1, NULL, 0, 0);
    double maxabs = 0, ymin = INFINITY, ymax = -INFINITY;
    int64_t nzero = 0;
    for (int64_t b = 0; b < nblocks; b++) {
        if (blk[b].bad >= 0) {
            int64_t i = blk[b].bad;
            bool truth = !isfinite(y[i]);
            double v = truth ? y[i] : yhat[i];
            free(blk);
            free(err);
            return lt_seterr(LT_EINVAL, "regression metrics: row %lld has %s %s %g; "
                             "expected finite values (drop missing rows first)",
                             (long long)i + 1, truth ? "actual" : "predicted",
                             isnan(v) ? "value" : "infinite value", v);
        }
        maxabs = blk[b].maxabs > maxabs ? blk[b].maxabs : maxabs;
        ymin = blk[b].ymin < ymin ? blk[b].ymin : ymin;
        ymax = blk[b].ymax > ymax ? blk[b].ymax : ymax;
        nzero += blk[b].nzero;
    }
    const double sc = scale_for(maxabs), dn = (double)n;

    run(SUMS, y, yhat, n, blk, nblocks, sc, err, 0, 0);
    nsum sy = { 0, 0 }, sr = sy, se = sy, se2 = sy, sape_ = sy, ssape = sy;
    double emax = 0, rmin = INFINITY, rmax = -INFINITY;
    for (int64_t b = 0; b < nblocks; b++) {
        nsum_merge(&sy, &blk[b].y);
        nsum_merge(&sr, &blk[b].r);
        nsum_merge(&se, &blk[b].e);
        nsum_merge(&se2, &blk[b].e2);
        nsum_merge(&sape_, &blk[b].ape);
        nsum_merge(&ssape, &blk[b].sape);
        emax = blk[b].emax > emax ? blk[b].emax : emax;
        rmin = blk[b].rmin < rmin ? blk[b].rmin : rmin;
        rmax = blk[b].rmax > rmax ? blk[b].rmax : rmax;
    }
    const double ybar = nsum_value(&sy) / dn, rbar = nsum_value(&sr) / dn;

    run(SQUARES, y, yhat, n, blk, nblocks, sc, NULL, ybar, rbar);
    nsum ssy = { 0, 0 }, ssr = ssy;
    for (int64_t b = 0; b < nblocks; b++) {
        nsum_merge(&ssy, &blk[b].ssy);
        nsum_merge(&ssr, &blk[b].ssr);
    }
    free(blk);

    double median;
    lt_fn_ctx one = { n, 1, NULL, NULL, NULL };
    int status = lt_reduce_median_f64(err, &one, false, &median);
    free(err);
    if (status)
        return status;

    out->n = n;
    out->nzero = nzero;
    out->mae = nsum_value(&se) / dn / sc;
    out->mse = nsum_value(&se2) / dn / sc / sc;
    out->rmse = sqrt(nsum_value(&se2) / dn) / sc;
    out->mape = nzero > 0 ? NAN : 100 * (nsum_value(&sape_) / dn);
    out->smape = 100 * (nsum_value(&ssape) / dn);
    out->median_ae = median / sc;
    out->max_error = emax / sc;
    out->mean_error = rbar / sc;
    /* sklearn's force_finite: a constant y (exactly, or so nearly that its
     * squared deviations vanish) scores 1 when the numerator is 0 too,
     * else 0.  The residuals' variance is 0 exactly when they are all
     * equal. */
    double ss_tot = nsum_value(&ssy), ss_res = nsum_value(&se2);
    double ss_r = rmin == rmax ? 0 : nsum_value(&ssr);
    bool constant = ymin == ymax || ss_tot == 0;
    out->r2 = constant ? (emax == 0 ? 1 : 0) : 1 - ss_res / ss_tot;
    out->explained_variance = constant ? (ss_r == 0 ? 1 : 0) : 1 - ss_r / ss_tot;
    return 0;
}
