/* Text of the model evaluation objects (l_evaluate.h) for __tostring:
 * header lines that say what was evaluated and how (kind, rows, dropped
 * rows, the positive class and why, the threshold and why), then metric
 * tables aligned on their columns, values with 4 decimals, counts with
 * thousands separators.  Plain C: every function returns a malloc'd
 * string or NULL when memory runs out. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l_aux.h"
#include "l_evaluate.h"

/* ---- names and numbers ------------------------------------------------- */

const char *lt_ev_kind_name(ev_kind k)
{
    static const char *const names[] = {"binary", "multiclass", "regression"};
    return names[k];
}

const char *lt_ev_curve_name(ev_curve_kind k)
{
    static const char *const names[] = {"roc", "pr", "calibration", "gain", "lift",
                                        "threshold"};
    return names[k];
}

const char *lt_ev_metric_title(lt_metric m)
{
    static const char *const titles[] = {
        "AUC", "AP", "log loss", "Brier score", "accuracy", "balanced accuracy",
        "precision", "recall", "specificity", "F1", "MCC", "kappa",
    };
    return (int)m >= 0 && m < LT_METRIC_COUNT ? titles[m] : "?";
}

const char *lt_ev_num(double v, char *buf, size_t cap)
{
    if (isnan(v))
        snprintf(buf, cap, "NaN");
    else if (isinf(v))
        snprintf(buf, cap, v > 0 ? "inf" : "-inf");
    else if (v != 0 && (fabs(v) < 1e-4 || fabs(v) >= 1e9))
        snprintf(buf, cap, "%.4e", v);
    else
        snprintf(buf, cap, "%.4f", v);
    return buf;
}

/* A threshold: as short as it reads ("0.5", "0.3512"). */
static const char *thr_text(double t, char *buf, size_t cap)
{
    if (isinf(t))
        snprintf(buf, cap, t > 0 ? "inf" : "-inf");
    else
        snprintf(buf, cap, "%.4g", t);
    return buf;
}

/* ---- aligned tables ---------------------------------------------------- */

enum { CELL = 96, MAX_LABEL = 30 };

typedef struct grid {
    int nrow, ncol;
    char *cell;          /* nrow x ncol cells of CELL bytes */
    unsigned left;       /* bit j: column j left-aligned */
} grid;

static bool grid_init(grid *g, int nrow, int ncol, unsigned left)
{
    g->nrow = nrow;
    g->ncol = ncol;
    g->left = left;
    g->cell = calloc((size_t)nrow * (size_t)ncol, CELL);
    return g->cell != NULL;
}

static char *cell(grid *g, int r, int c) { return g->cell + ((size_t)r * g->ncol + c) * CELL; }

static int width_of(const char *s) { return lt_display_width(s, strlen(s)); }

/* s into the cell, cut to MAX_LABEL cells with "…" (never inside a UTF-8
 * sequence). */
static void set_label(grid *g, int r, int c, const char *s)
{
    char *d = cell(g, r, c);
    if (width_of(s) <= MAX_LABEL && strlen(s) < CELL) {
        strcpy(d, s);
        return;
    }
    size_t len = 0;
    while (s[len]) {
        size_t next = len + 1;
        while (((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if (next + 4 >= CELL || lt_display_width(s, next) > MAX_LABEL - 1)
            break;
        len = next;
    }
    memcpy(d, s, len);
    strcpy(d + len, "…");
}

static void set_cell(grid *g, int r, int c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_cell(grid *g, int r, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cell(g, r, c), CELL, fmt, ap);
    va_end(ap);
}

/* The rows of g, each after `indent` spaces, columns one space apart
 * (two before the last when it is free text), no trailing spaces.  With
 * maxw > 0, only the leading columns that fit maxw cells are written (the
 * first always); returns how many columns were written. */
static int grid_write(lt_sbuf *b, grid *g, int indent, bool last_free, int maxw)
{
    int *w = calloc((size_t)g->ncol, sizeof *w);
    if (!w) {
        b->oom = true;
        return 0;
    }
    for (int c = 0; c < g->ncol; c++)
        for (int r = 0; r < g->nrow; r++) {
            int n = width_of(cell(g, r, c));
            if (n > w[c])
                w[c] = n;
        }
    int ncol = g->ncol, used = indent + w[0];
    if (maxw > 0)
        for (ncol = 1; ncol < g->ncol && used + 1 + w[ncol] <= maxw; ncol++)
            used += 1 + w[ncol];
    for (int r = 0; r < g->nrow; r++) {
        size_t start = b->len;
        lt_sbuf_printf(b, "%*s", indent, "");
        for (int c = 0; c < ncol; c++) {
            const char *s = cell(g, r, c);
            int pad = w[c] - width_of(s);
            bool free_text = last_free && c == g->ncol - 1;
            if (c > 0)
                lt_sbuf_printf(b, free_text ? "  " : " ");
            if (free_text)
                lt_sbuf_printf(b, "%s", s);
            else if ((g->left >> c) & 1)
                lt_sbuf_printf(b, "%s%*s", s, pad, "");
            else
                lt_sbuf_printf(b, "%*s%s", pad, "", s);
        }
        while (!b->oom && b->len > start && b->s[b->len - 1] == ' ')
            b->s[--b->len] = '\0';
        lt_sbuf_printf(b, "\n");
    }
    free(w);
    return ncol;
}

/* ---- metric rows ------------------------------------------------------- */

static int add_row(ev_metric_row *out, int n, const char *name, double v, const char *why,
                   const char *about)
{
    out[n] = (ev_metric_row){name, why ? NAN : v, why, about, false};
    return n + 1;
}

static const char *const about_binary[] = {
    "area under the ROC curve",
    "average precision (step-wise, not trapezoid)",
    "mean -log(probability of the true class)",
    "mean squared error of the scores",
    "share of rows predicted right",
    "mean of recall and specificity",
    "share of predicted positives that are positive",
    "share of positives predicted positive",
    "share of negatives predicted negative",
    "harmonic mean of precision and recall",
    "Matthews correlation (-1 to 1)",
    "Cohen's kappa: agreement beyond chance",
};

static int binary_rows(const evaluation *ev, ev_metric_row *out)
{
    const ev_rows *r = ev->rows;
    const lt_binary_metrics *m = &ev->bm;
    int n = 0;
    n = add_row(out, n, "auc", r->auc, r->auc_why, about_binary[LT_METRIC_AUC]);
    n = add_row(out, n, "ap", r->ap, r->ap_why, about_binary[LT_METRIC_AP]);
    n = add_row(out, n, "log_loss", r->log_loss, r->unit_why, about_binary[LT_METRIC_LOG_LOSS]);
    n = add_row(out, n, "brier", r->brier, r->unit_why, about_binary[LT_METRIC_BRIER]);
    n = add_row(out, n, "accuracy", m->accuracy, NULL, about_binary[LT_METRIC_ACCURACY]);
    n = add_row(out, n, "balanced_accuracy", m->balanced_accuracy, NULL,
                about_binary[LT_METRIC_BALANCED_ACCURACY]);
    n = add_row(out, n, "precision", m->precision, NULL, about_binary[LT_METRIC_PRECISION]);
    n = add_row(out, n, "recall", m->recall, NULL, about_binary[LT_METRIC_RECALL]);
    n = add_row(out, n, "specificity", m->specificity, NULL,
                about_binary[LT_METRIC_SPECIFICITY]);
    n = add_row(out, n, "f1", m->f1, NULL, about_binary[LT_METRIC_F1]);
    n = add_row(out, n, "mcc", m->mcc, NULL, about_binary[LT_METRIC_MCC]);
    n = add_row(out, n, "kappa", m->kappa, NULL, about_binary[LT_METRIC_KAPPA]);
    double npos = ev->counts.tp + ev->counts.fn;
    n = add_row(out, n, "prevalence", ev->n > 0 ? npos / (double)ev->n : NAN, NULL,
                "share of positive rows");
    return n;
}

static int multiclass_rows(const evaluation *ev, ev_metric_row *out)
{
    const lt_multiclass_metrics *m = &ev->mm;
    int n = 0;
    n = add_row(out, n, "accuracy", m->accuracy, NULL, "share of rows predicted right");
    n = add_row(out, n, "balanced_accuracy", m->balanced_accuracy, NULL,
                "mean recall of the classes");
    n = add_row(out, n, "kappa", m->kappa, NULL, "Cohen's kappa: agreement beyond chance");
    n = add_row(out, n, "mcc", m->mcc, NULL, "Matthews correlation (multiclass)");
    n = add_row(out, n, "macro_precision", m->macro_precision, NULL,
                "mean precision of the classes");
    n = add_row(out, n, "macro_recall", m->macro_recall, NULL, "mean recall of the classes");
    n = add_row(out, n, "macro_f1", m->macro_f1, NULL, "mean F1 of the classes");
    n = add_row(out, n, "micro_f1", m->micro_f1, NULL, "F1 of the pooled counts");
    n = add_row(out, n, "weighted_precision", m->weighted_precision, NULL,
                "precision averaged by support");
    n = add_row(out, n, "weighted_recall", m->weighted_recall, NULL,
                "recall averaged by support");
    n = add_row(out, n, "weighted_f1", m->weighted_f1, NULL, "F1 averaged by support");
    if (ev->probabilities)
        n = add_row(out, n, "log_loss", ev->log_loss, ev->log_loss_why,
                    "mean -log(probability of the true class)");
    if (ev->positive >= 0) {
        const lt_binary_metrics *b = &ev->bm2;
        n = add_row(out, n, "precision", b->precision, NULL,
                    "of the positive class");
        n = add_row(out, n, "recall", b->recall, NULL, "of the positive class");
        n = add_row(out, n, "specificity", b->specificity, NULL, "of the positive class");
        n = add_row(out, n, "f1", b->f1, NULL, "of the positive class");
    }
    return n;
}

static int regression_rows(const evaluation *ev, ev_metric_row *out)
{
    const lt_regression_metrics *m = &ev->rm;
    int n = 0;
    n = add_row(out, n, "mae", m->mae, NULL, "mean absolute error");
    n = add_row(out, n, "rmse", m->rmse, NULL, "root mean squared error");
    n = add_row(out, n, "mse", m->mse, NULL, "mean squared error");
    n = add_row(out, n, "mape", m->mape, ev->mape_why, "mean absolute percentage error (%)");
    n = add_row(out, n, "smape", m->smape, NULL, "symmetric MAPE (%)");
    n = add_row(out, n, "r2", m->r2, NULL, "coefficient of determination");
    n = add_row(out, n, "explained_variance", m->explained_variance, NULL,
                "1 - var(residuals) / var(truth)");
    n = add_row(out, n, "median_ae", m->median_ae, NULL, "median absolute error");
    n = add_row(out, n, "max_error", m->max_error, NULL, "largest absolute error");
    n = add_row(out, n, "mean_error", m->mean_error, NULL,
                "mean of prediction - truth (bias)");
    return n;
}

int lt_ev_metric_rows(const evaluation *ev, ev_metric_row *out)
{
    int n = ev->kind == EV_BINARY ? binary_rows(ev, out)
          : ev->kind == EV_MULTICLASS ? multiclass_rows(ev, out)
          : regression_rows(ev, out);
    out[n] = (ev_metric_row){"n", (double)ev->n, NULL, "rows evaluated", true};
    return n + 1;
}

/* ---- evaluations ------------------------------------------------------- */

/* The metric table; the column of explanations only when it fits `width`
 * cells (0: no limit). */
static void write_metrics(lt_sbuf *b, const evaluation *ev, int width)
{
    ev_metric_row rows[EV_MAX_METRICS];
    int n = lt_ev_metric_rows(ev, rows);
    grid g;
    if (!grid_init(&g, n, 3, 1u)) {
        b->oom = true;
        return;
    }
    char num[48];
    int r = 0;
    set_cell(&g, r, 0, "metric");
    set_cell(&g, r, 1, "value");
    r++;
    for (int i = 0; i < n; i++) {
        /* n and prevalence are in the header */
        if (rows[i].count || strcmp(rows[i].name, "prevalence") == 0)
            continue;
        set_cell(&g, r, 0, "%s", rows[i].name);
        if (rows[i].why) {
            set_cell(&g, r, 1, "n/a");
            set_cell(&g, r, 2, "%s", rows[i].why);
        } else {
            set_cell(&g, r, 1, "%s", lt_ev_num(rows[i].value, num, sizeof num));
            set_cell(&g, r, 2, "%s", rows[i].about);
        }
        r++;
    }
    g.nrow = r;
    grid_write(b, &g, 2, true, width);
    free(g.cell);
}

static void write_dropped(lt_sbuf *b, const evaluation *ev)
{
    char c[32];
    if (ev->dropped > 0)
        lt_sbuf_printf(b, " (%s dropped: missing %s)", lt_count_format(ev->dropped, c, sizeof c),
                  ev->dropped_what);
}

static void write_title(lt_sbuf *b, const evaluation *ev)
{
    char c[32];
    lt_sbuf_printf(b, "%s evaluation", ev->kind == EV_BINARY ? "Binary"
                                  : ev->kind == EV_MULTICLASS ? "Multiclass" : "Regression");
    if (ev->name)
        lt_sbuf_printf(b, " \"%s\"", ev->name);
    lt_sbuf_printf(b, " of %s row%s", lt_count_format(ev->n, c, sizeof c), ev->n == 1 ? "" : "s");
    write_dropped(b, ev);
    lt_sbuf_printf(b, "\n");
}

static void write_binary_header(lt_sbuf *b, const evaluation *ev)
{
    const ev_rows *r = ev->rows;
    char c[32], t[48], p[48];
    double npos = ev->counts.tp + ev->counts.fn;
    lt_sbuf_printf(b, "positive class '%s' (%s%s), ", r->positive,
              strcmp(r->positive_why, "given") == 0 ? "" : "default: ", r->positive_why);
    if (r->negative)
        lt_sbuf_printf(b, "negative '%s'\n", r->negative);
    else
        lt_sbuf_printf(b, "no other class in truth\n");
    lt_sbuf_printf(b, "prevalence %s (%s positive)\n",
              lt_ev_num(ev->n > 0 ? npos / (double)ev->n : NAN, p, sizeof p),
              lt_count_format((int64_t)npos, c, sizeof c));
    thr_text(ev->threshold, t, sizeof t);
    lt_sbuf_printf(b, "threshold %s: a score >= %s predicts '%s'", t, t, r->positive);
    if (ev->threshold_why)
        lt_sbuf_printf(b, "\n  chosen: %s", ev->threshold_why);
    lt_sbuf_printf(b, "\n");
}

static void write_per_class(lt_sbuf *b, const evaluation *ev)
{
    enum { SHOWN = 30 };
    int k = ev->labels.k, shown = k > SHOWN ? SHOWN : k;
    grid g;
    if (!grid_init(&g, shown + 1, 5, 1u)) {
        b->oom = true;
        return;
    }
    char num[48];
    set_cell(&g, 0, 0, "class");
    set_cell(&g, 0, 1, "precision");
    set_cell(&g, 0, 2, "recall");
    set_cell(&g, 0, 3, "f1");
    set_cell(&g, 0, 4, "support");
    for (int i = 0; i < shown; i++) {
        const lt_class_metrics *m = &ev->per_class[i];
        set_label(&g, i + 1, 0, ev->labels.names[i]);
        set_cell(&g, i + 1, 1, "%s", lt_ev_num(m->precision, num, sizeof num));
        set_cell(&g, i + 1, 2, "%s", lt_ev_num(m->recall, num, sizeof num));
        set_cell(&g, i + 1, 3, "%s", lt_ev_num(m->f1, num, sizeof num));
        set_cell(&g, i + 1, 4, "%s", lt_count_format(m->support, num, sizeof num));
    }
    grid_write(b, &g, 2, false, 0);
    free(g.cell);
    if (k > shown)
        lt_sbuf_printf(b, "  … %d more classes (ev:per_class() has them all)\n", k - shown);
}

static void write_classes(lt_sbuf *b, const evaluation *ev)
{
    enum { SHOWN = 12 };
    const lt_labels *l = &ev->labels;
    lt_sbuf_printf(b, "%d class%s: ", l->k, l->k == 1 ? "" : "es");
    for (int i = 0; i < l->k && i < SHOWN; i++)
        lt_sbuf_printf(b, "%s'%s'", i ? ", " : "", l->names[i]);
    if (l->k > SHOWN)
        lt_sbuf_printf(b, ", …");
    lt_sbuf_printf(b, ev->probabilities ? " (from class probabilities: the most probable is "
                                     "predicted)\n"
                                   : " (class predictions)\n");
    if (ev->positive >= 0)
        lt_sbuf_printf(b, "positive class '%s' (%s%s) for precision, recall, specificity, f1\n",
                  l->names[ev->positive],
                  strcmp(ev->positive_why2, "given") == 0 ? "" : "default: ",
                  ev->positive_why2);
}

char *lt_ev_format(const evaluation *ev, const lt_print_opts *o)
{
    lt_sbuf b = {0};
    write_title(&b, ev);
    if (ev->kind == EV_BINARY)
        write_binary_header(&b, ev);
    else if (ev->kind == EV_MULTICLASS)
        write_classes(&b, ev);
    lt_sbuf_printf(&b, "\n");
    write_metrics(&b, ev, o ? o->width : 0);
    if (ev->kind == EV_MULTICLASS) {
        lt_sbuf_printf(&b, "\n");
        write_per_class(&b, ev);
    }
    return lt_sbuf_take_text(&b);
}

/* ---- confusion matrices ------------------------------------------------ */

char *lt_ev_confusion_format(const ev_confusion *cm, const lt_print_opts *o)
{
    enum { ROWS = 30 };
    static const char *const how[] = {NULL, "share of each truth row (normalize = \"true\")",
                                      "share of each predicted column (normalize = \"pred\")",
                                      "share of all rows (normalize = \"all\")"};
    lt_sbuf b = {0};
    char num[48];
    lt_sbuf_printf(&b, "Confusion matrix");
    if (!isnan(cm->threshold))
        lt_sbuf_printf(&b, " at threshold %s, positive '%s'", thr_text(cm->threshold, num, sizeof num),
                  cm->positive);
    lt_sbuf_printf(&b, "\n");
    if (cm->how != LT_NORM_NONE)
        lt_sbuf_printf(&b, "%s\n", how[cm->how]);
    int k = cm->k, rows = k > ROWS ? ROWS : k;
    grid g;
    if (!grid_init(&g, rows + 1, k + 1, 1u)) {
        free(b.s);
        return NULL;
    }
    set_cell(&g, 0, 0, "truth \\ predicted");
    for (int j = 0; j < k; j++)
        set_label(&g, 0, j + 1, cm->labels[j]);
    for (int i = 0; i < rows; i++) {
        set_label(&g, i + 1, 0, cm->labels[i]);
        for (int j = 0; j < k; j++) {
            if (cm->norm)
                set_cell(&g, i + 1, j + 1, "%s", lt_ev_num(cm->norm[i * k + j], num, sizeof num));
            else
                set_cell(&g, i + 1, j + 1, "%s",
                         lt_count_format(cm->count[i * k + j], num, sizeof num));
        }
    }
    int shown = grid_write(&b, &g, 2, false, o ? o->width : 0) - 1;
    free(g.cell);
    if (shown < k || rows < k)
        lt_sbuf_printf(&b, "# %d of %d rows, %d of %d columns shown; cm:matrix() has them all\n",
                  rows, k, shown, k);
    return lt_sbuf_take_text(&b);
}

/* ---- curves -------------------------------------------------------------- */

char *lt_ev_curve_format(const ev_curve *c, const lt_print_opts *o)
{
    static const char *const titles[] = {"ROC curve", "Precision-recall curve",
                                         "Calibration curve", "Cumulative gain curve",
                                         "Lift curve", "Threshold curve"};
    lt_sbuf b = {0};
    char n[32], v[48];
    int64_t rows = c->points->nrow;
    lt_sbuf_printf(&b, "%s", titles[c->kind]);
    if (c->name)
        lt_sbuf_printf(&b, " of \"%s\"", c->name);
    switch (c->kind) {
    case EC_ROC:
        lt_sbuf_printf(&b, ": %s points, AUC %s", lt_count_format(rows, n, sizeof n),
                  lt_ev_num(c->area, v, sizeof v));
        break;
    case EC_PR:
        lt_sbuf_printf(&b, ": %s points, AP %s", lt_count_format(rows, n, sizeof n),
                  lt_ev_num(c->area, v, sizeof v));
        lt_sbuf_printf(&b, ", prevalence %s", lt_ev_num(c->baseline, v, sizeof v));
        break;
    case EC_CALIBRATION:
        lt_sbuf_printf(&b, ": %s non-empty of %d %s bins, Brier score %s",
                  lt_count_format(rows, n, sizeof n), c->bins,
                  c->quantile ? "quantile" : "uniform", lt_ev_num(c->area, v, sizeof v));
        break;
    case EC_GAIN:
    case EC_LIFT:
        lt_sbuf_printf(&b, ": %s points, prevalence %s", lt_count_format(rows, n, sizeof n),
                  lt_ev_num(c->baseline, v, sizeof v));
        break;
    case EC_THRESHOLD:
        lt_sbuf_printf(&b, ": %s thresholds, the evaluation's at %s", lt_count_format(rows, n, sizeof n),
                  thr_text(c->chosen, v, sizeof v));
        break;
    }
    lt_print_opts po = *o;
    po.max_rows = 10;
    po.head_rows = 5;
    char *f = lt_frame_format(c->points, &po);
    if (!f) {
        free(b.s);
        return NULL;
    }
    lt_sbuf_printf(&b, "\n%s", f);
    free(f);
    return lt_sbuf_take_text(&b);
}

/* ---- comparisons --------------------------------------------------------- */

char *lt_ev_comparison_format(const ev_comparison *c, const lt_print_opts *o)
{
    (void)o;
    lt_sbuf b = {0};
    const lt_frame *t = c->table;
    char num[48];
    lt_sbuf_printf(&b, "Comparison of %d evaluations\n\n", c->nev);
    int ncol = t->ncol < 32 ? t->ncol : 32;
    grid g;
    if (!grid_init(&g, (int)t->nrow + 1, ncol, 1u)) {
        free(b.s);
        return NULL;
    }
    set_cell(&g, 0, 0, "metric");
    for (int j = 1; j < ncol; j++)
        set_label(&g, 0, j, t->names[j]);
    for (int64_t i = 0; i < t->nrow; i++) {
        size_t len;
        const char *name = lt_col_get_str(t->cols[0], i, &len);
        set_cell(&g, (int)i + 1, 0, "%s", name);
        bool count = strcmp(name, "n") == 0;
        for (int j = 1; j < ncol; j++) {
            double v = lt_col_f64(t->cols[j])[i];
            if (isnan(v))
                set_cell(&g, (int)i + 1, j, "n/a");
            else if (count)
                set_cell(&g, (int)i + 1, j, "%s", lt_count_format((int64_t)v, num, sizeof num));
            else
                set_cell(&g, (int)i + 1, j, "%s", lt_ev_num(v, num, sizeof num));
        }
    }
    grid_write(&b, &g, 2, false, 0);
    free(g.cell);
    if (c->tested) {
        char d[48], z[48], p[48], se[48], n[32];
        if (c->p_value < 2.2e-16)   /* as R prints it: below double precision */
            snprintf(p, sizeof p, "< 2.2e-16");
        else
            snprintf(p, sizeof p, c->p_value < 1e-4 ? "%.2e" : "%.4f", c->p_value);
        lt_sbuf_printf(&b, "\nDeLong test of the AUC difference (paired, on the same %s rows):\n"
                  "  AUC %s - AUC %s = %s (se %s), z = %s, p %s%s\n",
                  lt_count_format(c->n, n, sizeof n), t->names[1], t->names[2],
                  lt_ev_num(c->diff, d, sizeof d), lt_ev_num(c->se, se, sizeof se),
                  (snprintf(z, sizeof z, "%.3f", c->z), z), p[0] == '<' ? "" : "= ", p);
    } else if (c->note) {
        lt_sbuf_printf(&b, "\n%s\n", c->note);
    }
    return lt_sbuf_take_text(&b);
}
