/* core/scores.c against scikit-learn 1.2.1 on two seeded data sets (one
 * with ties across the classes and scores at exactly 0 and 1, one with
 * five distinct scores), fixtures in tests/reference made by
 * make_scores_fixtures.py: roc_auc_score, average_precision_score,
 * log_loss, brier_score_loss and the threshold metrics, unweighted and
 * with sample_weight (lunette's weights by rank); roc_curve with and
 * without drop_intermediate, precision_recall_curve and
 * calibration_curve (uniform and quantile).  Every value agrees to 1e-9
 * relative (so a 0 exactly), counts and row numbers exactly. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "csv.h"
#include "error.h"
#include "frame.h"
#include "reference.h"
#include "scores.h"
#include "tap.h"

#define REL 1e-9

/* A data set: its scores, and its weights moved to the sorted ranks. */
typedef struct data {
    lt_scores *s;
    uint32_t *wpos, *wneg;
} data;

static const double *g_score;

/* descending score; equal scores in any order (they are one threshold) */
static int by_score_desc(const void *a, const void *b)
{
    double x = g_score[*(const int64_t *)a], y = g_score[*(const int64_t *)b];
    return x > y ? -1 : x < y;
}

static bool load(const char *name, data *d)
{
    char file[256];
    snprintf(file, sizeof file, "scores_%s.csv", name);
    lt_frame *f = ref_read(file);
    if (!f)
        return false;
    int64_t n = f->nrow;
    uint8_t *truth = malloc((size_t)n);
    double *score = malloc((size_t)n * sizeof *score);
    int64_t *idx = malloc((size_t)n * sizeof *idx);
    for (int64_t i = 0; i < n; i++) {
        truth[i] = (uint8_t)ref_num(f, "truth", i);
        score[i] = ref_num(f, "score", i);
        idx[i] = i;
    }
    d->s = lt_scores_new(truth, score, n, NULL);
    ok(d->s != NULL, "%s: %lld rows sorted", name, (long long)n);
    g_score = score;
    qsort(idx, (size_t)n, sizeof *idx, by_score_desc);
    d->wpos = malloc((size_t)n * sizeof *d->wpos);
    d->wneg = malloc((size_t)n * sizeof *d->wneg);
    int64_t p = 0, q = 0;
    for (int64_t k = 0; k < n; k++) {
        uint32_t w = (uint32_t)ref_num(f, "weight", idx[k]);
        if (truth[idx[k]])
            d->wpos[p++] = w;
        else
            d->wneg[q++] = w;
    }
    free(truth);
    free(score);
    free(idx);
    lt_frame_free(f);
    return d->s != NULL;
}

static void test_scalars(const char *name, const data *d)
{
    char file[256];
    snprintf(file, sizeof file, "scores_%s_scalars.csv", name);
    lt_frame *f = ref_read(file);
    if (!f)
        return;
    int counted[2][LT_METRIC_COUNT] = { { 0 } };
    for (int64_t i = 0; i < f->nrow; i++) {
        const char *metric = ref_str(f, "metric", i);
        int m = lt_metric_parse(metric);
        double t = ref_num(f, "threshold", i), want = ref_num(f, "value", i);
        bool weighted = ref_num(f, "weighted", i) != 0;
        double got = weighted ? lt_scores_metric(d->s, m, t, d->wpos, d->wneg)
                              : lt_scores_metric(d->s, m, t, NULL, NULL);
        bool good = m >= 0 && ref_close(got, want, REL);
        if (m >= 0)
            counted[weighted][m]++;
        if (m >= 0 && m < LT_METRIC_ACCURACY)
            is_num(got, want, REL * fabs(want), "%s: %s%s as sklearn", name,
                   weighted ? "weighted " : "", metric);
        else if (!good)
            is_num(got, want, REL * fabs(want), "%s: %s%s at %g as sklearn", name,
                   weighted ? "weighted " : "", metric, t);
    }
    /* the threshold metrics pass silently one by one: one check for all */
    for (int w = 0; w < 2; w++)
        for (int m = LT_METRIC_ACCURACY; m < LT_METRIC_COUNT; m++)
            ok(counted[w][m] == 7, "%s: %s%s at 7 thresholds as sklearn", name,
               w ? "weighted " : "", lt_metric_name(m));
    lt_frame_free(f);
}

/* Rows [r0, r1) of the fixture's columns fcol[] against rows [g0, ...) of
 * our frame's columns gcol[]: the first differing row, -1 if none. */
static int64_t compare_rows(const lt_frame *fix, int64_t r0, int64_t r1, const char *const *fcol,
                            const lt_frame *got, int64_t g0, const char *const *gcol, int ncol)
{
    for (int64_t r = r0; r < r1; r++)
        for (int c = 0; c < ncol; c++) {
            double want = ref_num(fix, fcol[c], r), have = ref_num(got, gcol[c], g0 + r - r0);
            if (!ref_close(have, want, REL)) {
                printf("#   row %lld, %s: got %.17g, want %.17g\n", (long long)(r - r0),
                       gcol[c], have, want);
                return r - r0;
            }
        }
    return -1;
}

static void test_roc(const char *name, const data *d)
{
    char file[256];
    snprintf(file, sizeof file, "scores_%s_roc.csv", name);
    lt_frame *f = ref_read(file);
    if (!f)
        return;
    static const char *const cols[] = { "threshold", "fpr", "tpr" };
    for (int drop = 1; drop >= 0; drop--) {
        int64_t r0 = -1, r1 = -1;
        for (int64_t i = 0; i < f->nrow; i++)
            if (ref_num(f, "drop", i) == drop) {
                r0 = r0 < 0 ? i : r0;
                r1 = i + 1;
            }
        lt_frame *g = lt_scores_roc(d->s, drop);
        if (!ok(g != NULL && r0 >= 0, "%s: roc curve, drop_intermediate %d", name, drop))
            continue;
        is_int(g->nrow, r1 - r0, "%s: roc (drop %d) has sklearn's %lld points", name, drop,
               (long long)(r1 - r0));
        ok(ref_num(g, "threshold", 0) == INFINITY && ref_num(g, "fpr", 0) == 0 && ref_num(g, "tpr", 0) == 0,
           "%s: roc (drop %d) starts at (inf, 0, 0)", name, drop);
        if (g->nrow == r1 - r0)
            ok(compare_rows(f, r0 + 1, r1, cols, g, 1, cols, 3) < 0,
               "%s: roc (drop %d) thresholds, fpr, tpr as roc_curve", name, drop);
        lt_frame_free(g);
    }
    lt_frame_free(f);
}

static void test_pr(const char *name, const data *d)
{
    char file[256];
    snprintf(file, sizeof file, "scores_%s_pr.csv", name);
    lt_frame *f = ref_read(file);
    lt_frame *g = lt_scores_pr(d->s);
    static const char *const cols[] = { "threshold", "precision", "recall" };
    if (ok(f && g, "%s: pr curve", name) &&
        is_int(g->nrow, f->nrow, "%s: pr curve has sklearn's %lld points", name,
               (long long)f->nrow))
        ok(compare_rows(f, 0, f->nrow, cols, g, 0, cols, 3) < 0,
           "%s: pr thresholds, precision, recall as precision_recall_curve", name);
    lt_frame_free(g);
    lt_frame_free(f);
}

static void test_calibration(const char *name, const data *d)
{
    char file[256];
    snprintf(file, sizeof file, "scores_%s_calib.csv", name);
    lt_frame *f = ref_read(file);
    if (!f)
        return;
    static const char *const cols[] = { "lo", "hi", "n", "fraction_positive", "mean_predicted" };
    for (int q = 0; q < 2; q++) {
        const char *strategy = q ? "quantile" : "uniform";
        for (int bins = 3; bins <= 10; bins += bins == 3 ? 2 : 5) {
            int64_t r0 = -1, r1 = -1;
            for (int64_t i = 0; i < f->nrow; i++)
                if (strcmp(ref_str(f, "strategy", i), strategy) == 0 && ref_num(f, "bins", i) == bins) {
                    r0 = r0 < 0 ? i : r0;
                    r1 = i + 1;
                }
            lt_frame *g = lt_scores_calibration(d->s, bins, q);
            if (ok(g != NULL && r0 >= 0, "%s: calibration, %s, %d bins", name, strategy, bins) &&
                is_int(g->nrow, r1 - r0, "%s: %s, %d bins: sklearn's %lld non-empty bins", name,
                       strategy, bins, (long long)(r1 - r0)))
                ok(compare_rows(f, r0, r1, cols, g, 0, cols, 5) < 0,
                   "%s: %s, %d bins: edges, counts, fractions and means as calibration_curve",
                   name, strategy, bins);
            lt_frame_free(g);
        }
    }
    lt_frame_free(f);
}

int main(void)
{
    static const char *const sets[] = { "mixed", "ties" };
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
        data d = { 0 };
        if (load(sets[k], &d)) {
            test_scalars(sets[k], &d);
            test_roc(sets[k], &d);
            test_pr(sets[k], &d);
            test_calibration(sets[k], &d);
        }
        lt_scores_free(d.s);
        free(d.wpos);
        free(d.wneg);
    }
    return tap_done();
}
