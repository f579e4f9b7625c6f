/* core/confusion.c and core/regression_metrics.c against scikit-learn
 * 1.2.1, fixtures in tests/reference made by make_confusion_fixtures.py
 * (the script says what each file holds).  Every value agrees to 1e-9
 * relative (so a 0 of sklearn's must be 0 here, and a NaN a NaN); the
 * counts of the confusion matrices exactly. */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "confusion.h"
#include "csv.h"
#include "error.h"
#include "frame.h"
#include "reference.h"
#include "regression_metrics.h"
#include "tap.h"

#define REL 1e-9

static int check(double got, double want, const char *what, const char *c, int cls)
{
    bool pass = ref_close(got, want, REL);
    if (cls >= 0)
        ok(pass, "%s: %s of class %d", c, what, cls);
    else
        ok(pass, "%s: %s", c, what);
    if (!pass)
        printf("#   got %.17g, sklearn %.17g\n", got, want);
    return pass;
}

/* The rows [*from, end) of frame f whose column `case` is the same as at
 * *from; *from moves past them. */
static int64_t case_end(const lt_frame *f, int64_t from)
{
    const char *c = ref_str(f, "case", from);
    int64_t end = from;
    while (end < f->nrow && strcmp(ref_str(f, "case", end), c) == 0)
        end++;
    return end;
}

/* ---- classification ------------------------------------------------------ */

static double multiclass_value(const lt_multiclass_metrics *m, const lt_class_metrics *pc,
                               const char *name, int cls, bool *known)
{
    *known = true;
    if (cls >= 0) {
        if (strcmp(name, "precision") == 0)
            return pc[cls].precision;
        if (strcmp(name, "recall") == 0)
            return pc[cls].recall;
        if (strcmp(name, "f1") == 0)
            return pc[cls].f1;
        if (strcmp(name, "support") == 0)
            return (double)pc[cls].support;
    }
    static const struct {
        const char *name;
        size_t off;
    } fields[] = {
        { "accuracy", offsetof(lt_multiclass_metrics, accuracy) },
        { "balanced_accuracy", offsetof(lt_multiclass_metrics, balanced_accuracy) },
        { "kappa", offsetof(lt_multiclass_metrics, kappa) },
        { "mcc", offsetof(lt_multiclass_metrics, mcc) },
        { "macro_precision", offsetof(lt_multiclass_metrics, macro_precision) },
        { "macro_recall", offsetof(lt_multiclass_metrics, macro_recall) },
        { "macro_f1", offsetof(lt_multiclass_metrics, macro_f1) },
        { "weighted_precision", offsetof(lt_multiclass_metrics, weighted_precision) },
        { "weighted_recall", offsetof(lt_multiclass_metrics, weighted_recall) },
        { "weighted_f1", offsetof(lt_multiclass_metrics, weighted_f1) },
        { "micro_precision", offsetof(lt_multiclass_metrics, micro_precision) },
        { "micro_recall", offsetof(lt_multiclass_metrics, micro_recall) },
        { "micro_f1", offsetof(lt_multiclass_metrics, micro_f1) },
    };
    for (size_t j = 0; j < sizeof fields / sizeof fields[0]; j++)
        if (strcmp(name, fields[j].name) == 0)
            return *(const double *)((const char *)m + fields[j].off);
    *known = false;
    return NAN;
}

static void test_case(const char *c, int k, const int32_t *truth, const int32_t *pred,
                      int64_t n, const lt_frame *matrix, const lt_frame *metrics)
{
    lt_confusion *cm = lt_confusion_new(k);
    if (!ok(cm && lt_confusion_add(cm, truth, pred, n) == 0, "%s: %lld rows, k = %d", c,
            (long long)n, k)) {
        lt_confusion_free(cm);
        return;
    }
    /* confusion_matrix(normalize = none | true | pred | all) */
    static const char *const norms[] = { "none", "true", "pred", "all" };
    double *out = malloc((size_t)k * k * sizeof *out);
    for (int h = 0; h < 4; h++) {
        lt_confusion_normalize(cm, (lt_normalize)h, out);
        int64_t seen = 0, bad = -1;
        for (int64_t i = 0; i < matrix->nrow; i++) {
            if (strcmp(ref_str(matrix, "case", i), c) != 0 ||
                strcmp(ref_str(matrix, "normalize", i), norms[h]) != 0)
                continue;
            int t = (int)ref_num(matrix, "t", i), p = (int)ref_num(matrix, "p", i);
            if (!ref_close(out[t * k + p], ref_num(matrix, "value", i), REL) && bad < 0)
                bad = t * k + p;
            seen++;
        }
        ok(seen == (int64_t)k * k && bad < 0, "%s: confusion_matrix(normalize = %s), %lld "
           "cells", c, norms[h], (long long)seen);
        if (bad >= 0)
            printf("#   cell %lld: %.17g\n", (long long)bad, out[bad]);
    }
    free(out);

    lt_multiclass_metrics m;
    lt_class_metrics *pc = malloc((size_t)k * sizeof *pc);
    lt_confusion_metrics(cm, &m);
    lt_confusion_per_class(cm, pc);
    int nmetric = 0;
    for (int64_t i = 0; i < metrics->nrow; i++) {
        if (strcmp(ref_str(metrics, "case", i), c) != 0)
            continue;
        const char *name = ref_str(metrics, "metric", i);
        int cls = (int)ref_num(metrics, "cls", i);
        bool known;
        double got = multiclass_value(&m, pc, name, cls, &known);
        if (!known) {
            ok(0, "%s: unknown metric %s", c, name);
            continue;
        }
        check(got, ref_num(metrics, "value", i), name, c, cls);
        nmetric++;
    }
    ok(nmetric == 13 + 4 * k, "%s: %d metrics compared", c, nmetric);
    free(pc);
    lt_confusion_free(cm);
}

static void test_classification(void)
{
    lt_frame *labels = ref_read("confusion_labels.csv"), *matrix = ref_read("confusion_matrix.csv"),
             *metrics = ref_read("confusion_metrics.csv");
    if (labels && matrix && metrics) {
        int ncases = 0;
        for (int64_t from = 0, end; from < labels->nrow; from = end) {
            end = case_end(labels, from);
            int64_t n = end - from;
            int32_t *truth = malloc((size_t)n * sizeof *truth),
                    *pred = malloc((size_t)n * sizeof *pred);
            for (int64_t i = 0; i < n; i++) {
                truth[i] = (int32_t)ref_num(labels, "truth", from + i);
                pred[i] = (int32_t)ref_num(labels, "pred", from + i);
            }
            test_case(ref_str(labels, "case", from), (int)ref_num(labels, "k", from), truth,
                      pred, n, matrix, metrics);
            free(truth);
            free(pred);
            ncases++;
        }
        ok(ncases == 8, "%d classification cases", ncases);
    }
    lt_frame_free(labels);
    lt_frame_free(matrix);
    lt_frame_free(metrics);
}

static void test_log_loss(void)
{
    lt_frame *proba = ref_read("confusion_proba.csv"), *want = ref_read("confusion_log_loss.csv");
    if (proba && want) {
        int64_t w = 0;
        for (int64_t from = 0, end; from < proba->nrow; from = end, w++) {
            end = case_end(proba, from);
            int64_t n = end - from;
            int k = (int)ref_num(proba, "k", from);
            int32_t *truth = malloc((size_t)n * sizeof *truth);
            double *p = malloc((size_t)n * k * sizeof *p);
            for (int64_t i = 0; i < n; i++) {
                truth[i] = (int32_t)ref_num(proba, "truth", from + i);
                for (int c = 0; c < k; c++) {
                    char col[4] = { 'p', (char)('0' + c), 0 };
                    p[c * n + i] = ref_num(proba, col, from + i);
                }
            }
            const char *c = ref_str(proba, "case", from);
            double ll = NAN;
            int rc = lt_log_loss_multi(truth, p, n, k, n, &ll);
            if (rc)
                printf("# %s\n", lt_errmsg());
            ok(w < want->nrow && strcmp(ref_str(want, "case", w), c) == 0, "%s: a log loss "
               "of sklearn's", c);
            check(ll, w < want->nrow ? ref_num(want, "value", w) : NAN, "log_loss", c, -1);
            free(truth);
            free(p);
        }
        ok(w == 3 && w == want->nrow, "%lld log loss cases", (long long)w);
    }
    lt_frame_free(proba);
    lt_frame_free(want);
}

/* lt_binary_metrics_of on counts, against sklearn on the rows the counts
 * describe. */
static void test_binary(void)
{
    lt_frame *f = ref_read("confusion_binary.csv");
    if (!f)
        return;
    for (int64_t i = 0; i < f->nrow; i++) {
        lt_counts2 c = { ref_num(f, "tp", i), ref_num(f, "fp", i), ref_num(f, "fn", i),
                         ref_num(f, "tn", i) };
        lt_binary_metrics b;
        lt_binary_metrics_of(&c, &b);
        char what[64];
        snprintf(what, sizeof what, "tp %g fp %g fn %g tn %g", c.tp, c.fp, c.fn, c.tn);
        const struct {
            const char *name;
            double got;
        } v[] = {
            { "accuracy", b.accuracy }, { "balanced_accuracy", b.balanced_accuracy },
            { "precision", b.precision }, { "recall", b.recall },
            { "specificity", b.specificity }, { "f1", b.f1 }, { "mcc", b.mcc },
            { "kappa", b.kappa },
        };
        int bad = 0;
        for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
            if (!ref_close(v[j].got, ref_num(f, v[j].name, i), REL)) {
                printf("#   %s: got %.17g, sklearn %.17g\n", v[j].name, v[j].got,
                       ref_num(f, v[j].name, i));
                bad++;
            }
        ok(bad == 0, "2x2 %s: 8 metrics as sklearn", what);
    }
    ok(f->nrow == 20, "%lld 2x2 tables", (long long)f->nrow);
    lt_frame_free(f);
}

/* ---- regression ----------------------------------------------------------- */

static void test_regression(void)
{
    lt_frame *data = ref_read("regression_data.csv"), *want = ref_read("regression_metrics.csv");
    if (data && want) {
        int ncases = 0;
        for (int64_t from = 0, end; from < data->nrow; from = end, ncases++) {
            end = case_end(data, from);
            int64_t n = end - from;
            double *y = malloc((size_t)n * sizeof *y), *yhat = malloc((size_t)n * sizeof *yhat);
            for (int64_t i = 0; i < n; i++) {
                y[i] = ref_num(data, "y", from + i);
                yhat[i] = ref_num(data, "yhat", from + i);
            }
            const char *c = ref_str(data, "case", from);
            lt_regression_metrics m;
            int rc = lt_regression_metrics_compute(y, yhat, n, &m);
            if (ok(rc == 0, "%s: %lld rows", c, (long long)n)) {
                const struct {
                    const char *name;
                    double got;
                } v[] = {
                    { "mae", m.mae }, { "mse", m.mse }, { "rmse", m.rmse }, { "r2", m.r2 },
                    { "explained_variance", m.explained_variance },
                    { "median_ae", m.median_ae }, { "max_error", m.max_error },
                    { "mape", m.mape }, { "smape", m.smape }, { "mean_error", m.mean_error },
                };
                int seen = 0;
                for (int64_t i = 0; i < want->nrow; i++) {
                    if (strcmp(ref_str(want, "case", i), c) != 0)
                        continue;
                    const char *name = ref_str(want, "metric", i);
                    for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
                        if (strcmp(v[j].name, name) == 0) {
                            check(v[j].got, ref_num(want, "value", i), name, c, -1);
                            seen++;
                        }
                }
                ok(seen == 10, "%s: %d metrics compared", c, seen);
            }
            free(y);
            free(yhat);
        }
        ok(ncases == 7, "%d regression cases", ncases);
    }
    lt_frame_free(data);
    lt_frame_free(want);
}

int main(void)
{
    test_classification();
    test_log_loss();
    test_binary();
    test_regression();
    return tap_done();
}
