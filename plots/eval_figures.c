/* Figures of a model evaluation (eval_figures.h): ROC, precision-recall,
 * gain, lift and calibration curves, the threshold curve, the confusion
 * matrix heatmap and the diagnostic plots of a regression, built as
 * ordinary figures (figure.h) that both renderers draw.
 *
 * Curves are thinned with Douglas-Peucker in axis units: a point is
 * dropped only when it lies within THIN_EPS of the axis ranges from the
 * segment that replaces it, so the drawn shape is the same on any screen
 * or page under 1 / THIN_EPS pixels wide. */
#include "eval_figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "print.h"

#define THIN_EPS 1e-4
enum {
    THIN_MAX = 4000,        /* points of a thinned curve at most */
    MAX_CLASSES = 1000,     /* of a confusion matrix */
};

/* Reference lines (chance, perfect model) are grey chrome, drawn first
 * so that the series lie on top. */

/* ---- small helpers --------------------------------------------------- */

/* Take the layer just added out of the colour cycle: it is drawn in the
 * neutral grey of reference lines. */
static lt_layer *grey(lt_panel *p, lt_layer *l)
{
    return lt_panel_recolor(p, l, LT_COLOR_AUTO);
}

/* Exact axis limits lo..hi widened by 2% on each side, so that a curve
 * along an edge (an ROC curve up the left side) stays off the axis line. */
static void unit_limits(lt_axis *a, double lo, double hi)
{
    double pad = 0.02 * (hi - lo);
    a->lo = lo - pad;
    a->hi = hi + pad;
}

static bool has_ci(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; s && *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == (word[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* ---- thinning -------------------------------------------------------- */

typedef struct pts {
    double *x, *y;
    size_t n, cap;
} pts;

static int pts_push(pts *p, double x, double y)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        double *nx = realloc(p->x, cap * sizeof *nx);
        if (nx == NULL)
            return lt_nomem();
        p->x = nx;
        double *ny = realloc(p->y, cap * sizeof *ny);
        if (ny == NULL)
            return lt_nomem();
        p->y = ny;
        p->cap = cap;
    }
    p->x[p->n] = x;
    p->y[p->n] = y;
    p->n++;
    return 0;
}

static void pts_free(pts *p)
{
    free(p->x);
    free(p->y);
    memset(p, 0, sizeof *p);
}

/* Distance of (px, py) from the segment (ax, ay)-(bx, by). */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/* Douglas-Peucker on the points [0, n) of (x, y), in units where the
 * axis ranges are sx and sy: keep[i] set for the points kept.  An
 * explicit stack of index ranges, so long curves cannot overflow the C
 * stack. */
static int douglas_peucker(const double *x, const double *y, size_t n, double sx, double sy,
                           double eps, unsigned char *keep)
{
    memset(keep, 0, n);
    if (n == 0)
        return 0;
    keep[0] = keep[n - 1] = 1;
    size_t cap = 64, top = 0;
    size_t *st = malloc(cap * 2 * sizeof *st);
    if (st == NULL)
        return lt_nomem();
    st[top++] = 0;
    st[top++] = n - 1;
    while (top > 0) {
        size_t b = st[--top], a = st[--top];
        if (b <= a + 1)
            continue;
        double ax = x[a] / sx, ay = y[a] / sy, bx = x[b] / sx, by = y[b] / sy;
        double worst = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; i++) {
            double d = seg_dist(x[i] / sx, y[i] / sy, ax, ay, bx, by);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst <= eps)
            continue;
        keep[at] = 1;
        if (top + 4 > cap * 2) {
            size_t *ns = realloc(st, cap * 4 * sizeof *ns);
            if (ns == NULL) {
                free(st);
                return lt_nomem();
            }
            st = ns;
            cap *= 2;
        }
        st[top++] = a;
        st[top++] = at;
        st[top++] = at;
        st[top++] = b;
    }
    free(st);
    return 0;
}

/* The points of a curve thinned into out: each run of finite points on
 * its own (runs separated by one NaN point, so the line breaks there).
 * With `step`, the curve is the staircase on which y[i] holds from x[i]
 * to x[i+1], expanded to its corners first.  Curves of more than
 * THIN_MAX points after thinning are thinned again with twice the
 * tolerance. */
static int thin_curve(const double *x, const double *y, size_t n, bool step, double sx,
                      double sy, pts *out)
{
    size_t cap = step ? 2 * n : n;
    double *ex = malloc((cap ? cap : 1) * sizeof *ex);
    double *ey = malloc((cap ? cap : 1) * sizeof *ey);
    unsigned char *keep = malloc(cap ? cap : 1);
    int rc = 0;
    if (ex == NULL || ey == NULL || keep == NULL) {
        rc = lt_nomem();
        goto done;
    }
    for (double eps = THIN_EPS;; eps *= 2) {
        out->n = 0;
        size_t i = 0;
        while (i < n && rc == 0) {
            while (i < n && !(isfinite(x[i]) && isfinite(y[i])))
                i++;
            if (i == n)
                break;
            size_t m = 0;
            for (; i < n && isfinite(x[i]) && isfinite(y[i]); i++) {
                if (step && m > 0) {
                    ex[m] = x[i];
                    ey[m] = ey[m - 1];
                    m++;
                }
                ex[m] = x[i];
                ey[m] = y[i];
                m++;
            }
            if (out->n > 0)
                rc = pts_push(out, NAN, NAN);
            if (rc == 0)
                rc = douglas_peucker(ex, ey, m, sx, sy, eps, keep);
            for (size_t k = 0; k < m && rc == 0; k++)
                if (keep[k])
                    rc = pts_push(out, ex[k], ey[k]);
        }
        if (rc != 0 || out->n <= THIN_MAX)
            break;
    }
done:
    free(ex);
    free(ey);
    free(keep);
    return rc;
}

/* ---- curves ---------------------------------------------------------- */

typedef struct kind_info {
    const char *name;       /* in messages */
    const char *title, *xlab, *ylab;
} kind_info;

static const kind_info kinds[] = {
    [LT_CURVE_ROC] = {"roc", "ROC curve", "false positive rate", "true positive rate"},
    [LT_CURVE_PR] = {"pr", "Precision-recall curve", "recall", "precision"},
    [LT_CURVE_GAIN] = {"gain", "Cumulative gain", "share tested", "share of positives found"},
    [LT_CURVE_LIFT] = {"lift", "Lift", "share tested", "lift"},
    [LT_CURVE_CALIBRATION] = {"calibration", "Calibration", "mean predicted probability",
                              "fraction positive"},
};

/* The area under the curve through the finite points (x, y), segment by
 * segment in their order, NaN without two of them.  By trapezoids (the
 * AUC of ROC points, whatever their order); for `steps` (PR points), the
 * average precision as average_precision_score defines it: the sum of
 * (R_k - R_{k-1}) P_k over the points by increasing recall. */
static double curve_area(const double *x, const double *y, size_t n, bool steps)
{
    double a = 0;
    bool any = false;
    size_t prev = n;
    for (size_t i = 0; i < n; i++) {
        if (!(isfinite(x[i]) && isfinite(y[i])))
            continue;
        if (prev < n) {
            if (steps)   /* the precision of the point at the larger recall */
                a += fabs(x[i] - x[prev]) * (x[i] >= x[prev] ? y[i] : y[prev]);
            else
                a += (x[i] - x[prev]) * (y[i] + y[prev]) / 2;
            any = true;
        }
        prev = i;
    }
    return !any ? NAN : steps ? a : fabs(a);
}

/* The legend label of a series: the caller's, with the AUC (ROC) or AP
 * (PR) of its points added when the label does not name it already.
 * malloc'd, NULL for none (or *fail on allocation failure). */
static char *series_label(lt_curve_kind kind, const lt_curve_series *s, bool *fail)
{
    const char *metric = NULL;
    double v = NAN;
    if (kind == LT_CURVE_ROC) {
        metric = "AUC";
        v = curve_area(s->x, s->y, s->n, false);
    } else if (kind == LT_CURVE_PR) {
        metric = "AP";
        v = curve_area(s->x, s->y, s->n, true);
    }
    char buf[64] = "";
    if (metric && isfinite(v) && !(s->label && has_ci(s->label, metric)))
        snprintf(buf, sizeof buf, "%s %.3f", metric, v);
    size_t n = (s->label ? strlen(s->label) : 0) + strlen(buf) + 4;
    if (s->label == NULL && buf[0] == '\0')
        return NULL;
    char *out = malloc(n);
    if (out == NULL) {
        *fail = true;
        return NULL;
    }
    if (s->label && buf[0])
        snprintf(out, n, "%s (%s)", s->label, buf);
    else
        snprintf(out, n, "%s", s->label ? s->label : buf);
    return out;
}

/* The finite range of the y values of all series (and v). */
static void y_range(const lt_curve_series *s, int ns, double v, double *lo, double *hi)
{
    *lo = *hi = v;
    for (int k = 0; k < ns; k++)
        for (size_t i = 0; i < s[k].n; i++)
            if (isfinite(s[k].y[i]) && isfinite(s[k].x[i])) {
                *lo = fmin(*lo, s[k].y[i]);
                *hi = fmax(*hi, s[k].y[i]);
            }
}

static int check_series(const char *name, const lt_curve_series *s, int ns)
{
    if (ns < 1 || s == NULL)
        return lt_seterr(LT_EINVAL, "%s plot: no curve given (%d series), expected at least one",
                         name, ns);
    for (int k = 0; k < ns; k++) {
        const char *lab = s[k].label ? s[k].label : "";
        if (s[k].n > 0 && (s[k].x == NULL || s[k].y == NULL))
            return lt_seterr(LT_EINVAL, "%s plot: curve %d%s%s%s has %zu points but no "
                             "coordinates", name, k + 1, *lab ? " (" : "", lab, *lab ? ")" : "",
                             s[k].n);
        size_t fin = 0;
        for (size_t i = 0; i < s[k].n; i++)
            fin += isfinite(s[k].x[i]) && isfinite(s[k].y[i]);
        if (fin == 0)
            return lt_seterr(LT_EINVAL, "%s plot: curve %d%s%s%s has no point with finite "
                             "coordinates (%zu points)", name, k + 1, *lab ? " (" : "", lab,
                             *lab ? ")" : "", s[k].n);
    }
    return 0;
}

/* A series added as a thinned line: for PR the staircase of average
 * precision, walked by falling recall whatever the order given. */
static int add_curve(lt_panel *p, lt_curve_kind kind, const lt_curve_series *s, double sx,
                     double sy)
{
    bool fail = false;
    char *label = series_label(kind, s, &fail);
    if (fail)
        return lt_nomem();
    const double *x = s->x, *y = s->y;
    double *rx = NULL, *ry = NULL;
    bool step = kind == LT_CURVE_PR;
    if (step) {
        /* Precision holds from each point down to the next lower recall:
         * walk by falling recall. */
        size_t a = 0, b = s->n;
        while (a < s->n && !isfinite(s->x[a]))
            a++;
        while (b > a && !isfinite(s->x[b - 1]))
            b--;
        if (b > a && s->x[a] < s->x[b - 1]) {
            rx = malloc(s->n * sizeof *rx);
            ry = malloc(s->n * sizeof *ry);
            if (rx == NULL || ry == NULL) {
                free(rx);
                free(ry);
                free(label);
                return lt_nomem();
            }
            for (size_t i = 0; i < s->n; i++) {
                rx[i] = s->x[s->n - 1 - i];
                ry[i] = s->y[s->n - 1 - i];
            }
            x = rx;
            y = ry;
        }
    }
    pts t = {0};
    int rc = thin_curve(x, y, s->n, step, sx, sy, &t);
    free(rx);
    free(ry);
    lt_layer *l = NULL;
    if (rc == 0 && (l = lt_panel_add_xy(p, LT_LAYER_LINE, t.x, t.y, t.n, label)) == NULL)
        rc = lt_errcode();
    if (rc == 0 && kind == LT_CURVE_CALIBRATION && s->n <= 200) {
        /* The bins as markers too, in the colour of their line. */
        int color = l->color;
        lt_layer *m = lt_panel_add_xy(p, LT_LAYER_POINTS, s->x, s->y, s->n, NULL);
        if (m == NULL) {
            rc = lt_errcode();
        } else {
            m->color = color;
            p->next_color--;
        }
    }
    pts_free(&t);
    free(label);
    return rc;
}

lt_figure *lt_evalfig_curves(lt_curve_kind kind, const lt_curve_series *s, int ns,
                             double baseline, const char *title)
{
    if ((int)kind < 0 || kind > LT_CURVE_CALIBRATION) {
        lt_seterr(LT_EINVAL, "curve plot: unknown kind %d", (int)kind);
        return NULL;
    }
    const kind_info *ki = &kinds[kind];
    if (check_series(ki->name, s, ns) != 0)
        return NULL;
    if ((kind == LT_CURVE_PR || kind == LT_CURVE_GAIN) && !isnan(baseline) &&
        !(baseline >= 0 && baseline <= 1)) {
        lt_seterr(LT_EINVAL, "%s plot: baseline %g is not a share in [0, 1] (the prevalence, "
                  "or NaN for none)", ki->name, baseline);
        return NULL;
    }
    lt_figure *f = lt_figure_new();
    if (f == NULL)
        return NULL;
    lt_panel *p = &f->panels[0];
    int rc = 0;
    if (lt_figure_set_str(&f->title, title ? title : ki->title) != 0 ||
        lt_figure_set_str(&p->x.label, ki->xlab) != 0 ||
        lt_figure_set_str(&p->y.label, ki->ylab) != 0)
        goto fail;
    double sx = 1, sy = 1;
    /* Both axes 0..1 on a square, so that the diagonal is at 45 degrees. */
    if (kind == LT_CURVE_ROC || kind == LT_CURVE_GAIN || kind == LT_CURVE_CALIBRATION)
        f->aspect = 1;
    unit_limits(&p->x, 0, 1);
    if (kind == LT_CURVE_LIFT) {
        double lo, hi;
        y_range(s, ns, 1, &lo, &hi);
        sy = hi - lo > 0 ? hi - lo : 1;
        p->y.zero = true;
    } else {
        unit_limits(&p->y, 0, 1);
    }

    /* The references, under the curves. */
    double diag[2] = {0, 1};
    lt_layer *l;
    switch (kind) {
    case LT_CURVE_ROC: case LT_CURVE_GAIN: case LT_CURVE_CALIBRATION:
        l = grey(p, lt_panel_add_xy(p, LT_LAYER_LINE, diag, diag, 2,
                                    kind == LT_CURVE_CALIBRATION ? "perfectly calibrated"
                                    : kind == LT_CURVE_GAIN ? "random" : NULL));
        if (l == NULL)
            goto fail;
        l->dashed = true;
        if (kind == LT_CURVE_GAIN && !isnan(baseline)) {
            double px[3] = {0, baseline, 1}, py[3] = {0, 1, 1};
            l = grey(p, lt_panel_add_xy(p, LT_LAYER_LINE, px, py, 3, "perfect model"));
            if (l == NULL)
                goto fail;
        }
        break;
    case LT_CURVE_PR:
        if (!isnan(baseline)) {
            char lab[64];
            snprintf(lab, sizeof lab, "prevalence %.3g", baseline);
            if (grey(p, lt_panel_add_refs(p, LT_LAYER_HLINE, &baseline, 1, lab)) == NULL)
                goto fail;
        }
        break;
    case LT_CURVE_LIFT: {
        double one = 1;
        if (grey(p, lt_panel_add_refs(p, LT_LAYER_HLINE, &one, 1, NULL)) == NULL)
            goto fail;
        break;
    }
    }
    for (int k = 0; k < ns; k++)
        if ((rc = add_curve(p, kind, &s[k], sx, sy)) != 0)
            goto fail;
    return f;
fail:
    lt_figure_free(f);
    return NULL;
}

/* ---- threshold curve ------------------------------------------------- */

lt_figure *lt_evalfig_threshold(const double *thr, const double *precision,
                                const double *recall, const double *f1, size_t n,
                                double chosen, const char *title)
{
    if (n == 0) {
        lt_seterr(LT_EINVAL, "threshold plot: no thresholds (n = 0)");
        return NULL;
    }
    if (thr == NULL || precision == NULL || recall == NULL || f1 == NULL) {
        lt_seterr(LT_EINVAL, "threshold plot: %s is NULL, expected %zu values",
                  thr == NULL ? "thr" : precision == NULL ? "precision"
                  : recall == NULL ? "recall" : "f1", n);
        return NULL;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(thr[i])) {
            lo = fmin(lo, thr[i]);
            hi = fmax(hi, thr[i]);
        }
    if (lo > hi) {
        lt_seterr(LT_EINVAL, "threshold plot: no finite threshold among the %zu given", n);
        return NULL;
    }
    lt_figure *f = lt_figure_new();
    if (f == NULL)
        return NULL;
    lt_panel *p = &f->panels[0];
    if (lt_figure_set_str(&f->title, title ? title : "Precision, recall and F1 by threshold") ||
        lt_figure_set_str(&p->x.label, "threshold") || lt_figure_set_str(&p->y.label, "value"))
        goto fail;
    unit_limits(&p->y, 0, 1);
    /* Probabilities: the whole range of thresholds one could choose. */
    if (lo >= 0 && hi <= 1) {
        unit_limits(&p->x, 0, 1);
        lo = 0;
        hi = 1;
    }
    double sx = hi - lo > 0 ? hi - lo : 1;
    const double *ys[3] = {precision, recall, f1};
    const char *names[3] = {"precision", "recall", "F1"};
    int lines = 0;
    for (int k = 0; k < 3; k++) {
        pts t = {0};
        if (thin_curve(thr, ys[k], n, false, sx, 1, &t) != 0)
            goto fail;
        /* A metric without a finite value (precision of nothing
         * predicted) has no line. */
        bool bad = t.n > 0 && lt_panel_add_xy(p, LT_LAYER_LINE, t.x, t.y, t.n, names[k]) == NULL;
        lines += t.n > 0;
        pts_free(&t);
        if (bad)
            goto fail;
    }
    if (lines == 0) {
        lt_seterr(LT_EINVAL, "threshold plot: no finite value of precision, recall or F1 at "
                  "the %zu thresholds", n);
        goto fail;
    }
    if (isfinite(chosen)) {
        char lab[64];
        snprintf(lab, sizeof lab, "threshold %.3g", chosen);
        if (grey(p, lt_panel_add_refs(p, LT_LAYER_VLINE, &chosen, 1, lab)) == NULL)
            goto fail;
    }
    return f;
fail:
    lt_figure_free(f);
    return NULL;
}

/* ---- confusion matrix ------------------------------------------------ */

lt_figure *lt_evalfig_confusion(const int64_t *count, int k, const char *const *labels,
                                const char *title)
{
    if (k < 1 || k > MAX_CLASSES) {
        lt_seterr(LT_EINVAL, "confusion plot: %d classes, expected 1 to %d", k, MAX_CLASSES);
        return NULL;
    }
    if (count == NULL) {
        lt_seterr(LT_EINVAL, "confusion plot: no counts given for %d x %d classes", k, k);
        return NULL;
    }
    size_t kk = (size_t)k * (size_t)k;
    for (size_t i = 0; i < kk; i++)
        if (count[i] < 0) {
            lt_seterr(LT_EINVAL, "confusion plot: the count of truth %zu, predicted %zu is "
                      "%lld, expected a count >= 0", i / (size_t)k + 1, i % (size_t)k + 1,
                      (long long)count[i]);
            return NULL;
        }
    lt_figure *f = lt_figure_new();
    double *z = malloc(kk * sizeof *z);
    char **text = calloc(kk, sizeof *text);
    char **names = calloc((size_t)k, sizeof *names);
    if (f == NULL || z == NULL || text == NULL || names == NULL) {
        if (f)
            lt_nomem();
        goto fail;
    }
    lt_panel *p = &f->panels[0];
    double all = 0, right = 0;
    int empty = 0;
    for (int r = 0; r < k; r++) {
        double total = 0;
        for (int c = 0; c < k; c++)
            total += (double)count[(size_t)r * (size_t)k + (size_t)c];
        all += total;
        right += (double)count[(size_t)r * (size_t)k + (size_t)r];
        empty += total == 0;
        for (int c = 0; c < k; c++) {
            size_t i = (size_t)r * (size_t)k + (size_t)c;
            /* A class that never occurs has no shares: grey cells. */
            z[i] = total > 0 ? (double)count[i] / total : NAN;
            char num[40], pct[16] = "";
            lt_count_format(count[i], num, sizeof num);
            if (total > 0 && count[i] > 0)
                lt_share_format(count[i], total, pct, sizeof pct);
            size_t len = strlen(num) + strlen(pct) + 2;
            if ((text[i] = malloc(len)) == NULL) {
                lt_nomem();
                goto fail;
            }
            snprintf(text[i], len, pct[0] ? "%s\n%s" : "%s", num, pct);
        }
    }
    for (int i = 0; i < k; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", i);
        const char *s = labels && labels[i] ? labels[i] : num;
        if ((names[i] = strdup(s)) == NULL) {
            lt_nomem();
            goto fail;
        }
    }
    lt_layer *l = lt_panel_add_heatmap(p, z, k, k, (const char *const *)text, LT_CMAP_BLUES);
    if (l == NULL)
        goto fail;
    l->zlo = 0;
    l->zhi = 1;
    f->aspect = 1;
    char sub[160], n[40];
    lt_count_format((int64_t)all, n, sizeof n);
    if (all > 0)
        snprintf(sub, sizeof sub, "%s rows, accuracy %.1f%%; %% of each true class", n,
                 100 * right / all);
    else
        snprintf(sub, sizeof sub, "no rows");
    if (lt_figure_set_str(&f->title, title ? title : "Confusion matrix") != 0 ||
        lt_figure_set_str(&f->subtitle, sub) != 0 ||
        lt_axis_set_categories(&p->x, (const char *const *)names, k) != 0 ||
        lt_axis_set_categories(&p->y, (const char *const *)names, k) != 0 ||
        lt_figure_set_str(&p->x.label, "predicted") != 0 ||
        lt_figure_set_str(&p->y.label, "truth") != 0)
        goto fail;
    if (empty > 0 && all > 0) {
        char note[96];
        snprintf(note, sizeof note, "%d true class%s without rows (grey)", empty,
                 empty > 1 ? "es" : "");
        if (lt_figure_note(f, note) != 0)
            goto fail;
    }
    /* The terminal: a row per class at least, two (count over percent)
     * while that keeps the figure within a tall screen. */
    int per = k <= 12 ? 2 : 1;
    /* title, subtitle, axis title, axis, tick labels, axis title, colour bar */
    int want = per * k + 7 + (f->caption != NULL);
    if (want > 25)
        f->text_height = want;
    for (size_t i = 0; i < kk; i++)
        free(text[i]);
    for (int i = 0; i < k; i++)
        free(names[i]);
    free(text);
    free(names);
    free(z);
    return f;
fail:
    if (text)
        for (size_t i = 0; i < kk; i++)
            free(text[i]);
    if (names)
        for (int i = 0; i < k; i++)
            free(names[i]);
    free(text);
    free(names);
    free(z);
    lt_figure_free(f);
    return NULL;
}

/* ---- regression ------------------------------------------------------ */

lt_figure *lt_evalfig_regression(const double *y, const double *yhat, size_t n,
                                 const char *title)
{
    if (n == 0) {
        lt_seterr(LT_EINVAL, "regression plot: no rows (n = 0)");
        return NULL;
    }
    if (y == NULL || yhat == NULL) {
        lt_seterr(LT_EINVAL, "regression plot: %s is NULL, expected %zu values",
                  y == NULL ? "y" : "yhat", n);
        return NULL;
    }
    double *res = malloc(n * sizeof *res);
    lt_figure *f = res ? lt_figure_new() : NULL;
    if (f == NULL) {
        if (res == NULL)
            lt_nomem();
        free(res);
        return NULL;
    }
    double lo = INFINITY, hi = -INFINITY;
    size_t skipped = 0;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(y[i]) && isfinite(yhat[i])) {
            res[i] = y[i] - yhat[i];
            lo = fmin(lo, fmin(y[i], yhat[i]));
            hi = fmax(hi, fmax(y[i], yhat[i]));
        } else {
            res[i] = NAN;
            skipped++;
        }
    }
    if (skipped == n) {
        lt_seterr(LT_EINVAL, "regression plot: none of the %zu rows has both y and yhat finite",
                  n);
        goto fail;
    }
    if (lt_figure_set_str(&f->title, title ? title : "Regression diagnostics") != 0)
        goto fail;
    /* Square panels: the identity line at 45 degrees over equal ranges. */
    f->aspect = 1;
    lt_panel *a = &f->panels[0];
    lt_panel *b = lt_figure_add_panel(f);
    if (b == NULL || lt_figure_grid(f, 2) != 0)
        goto fail;
    a = &f->panels[0];
    double zero = 0;
    if (lt_figure_set_str(&a->title, "Residuals vs fitted") != 0 ||
        lt_figure_set_str(&a->x.label, "fitted") != 0 ||
        lt_figure_set_str(&a->y.label, "residual (y - fitted)") != 0 ||
        grey(a, lt_panel_add_refs(a, LT_LAYER_HLINE, &zero, 1, NULL)) == NULL ||
        lt_panel_add_xy(a, LT_LAYER_POINTS, yhat, res, n, NULL) == NULL)
        goto fail;
    /* Equal ranges on both axes, padded as the scales pad. */
    double pad = hi > lo ? 0.04 * (hi - lo) : fmax(0.4 * fabs(lo), 1);
    double id[2] = {lo - pad, hi + pad};
    if (lt_figure_set_str(&b->title, "Predicted vs actual") != 0 ||
        lt_figure_set_str(&b->x.label, "actual") != 0 ||
        lt_figure_set_str(&b->y.label, "predicted") != 0)
        goto fail;
    lt_layer *l = grey(b, lt_panel_add_xy(b, LT_LAYER_LINE, id, id, 2, NULL));
    if (l == NULL)
        goto fail;
    l->dashed = true;   /* (before the next layer moves the array) */
    if (lt_panel_add_xy(b, LT_LAYER_POINTS, y, yhat, n, NULL) == NULL)
        goto fail;
    b->x.lo = b->y.lo = id[0];
    b->x.hi = b->y.hi = id[1];
    if (skipped > 0) {
        char note[96];
        snprintf(note, sizeof note, "%zu row%s with a missing or infinite value skipped", skipped,
                 skipped > 1 ? "s" : "");
        if (lt_figure_note(f, note) != 0)
            goto fail;
    }
    free(res);
    return f;
fail:
    free(res);
    lt_figure_free(f);
    return NULL;
}
