/* Figures of a drift report (drift_figures.h): the overview of every
 * column's severity, one column's reference and current distributions
 * (overlaid histograms, paired category bars) and the heatmap of drift
 * over time windows, built as ordinary figures (figure.h) that both
 * renderers draw.
 *
 * Colours: what drifted, and the current sample, in the palette's first
 * colour; what did not, and the reference, in the palette's grey (index
 * GREY), which the text renderer also tells apart without colour (light
 * shade against full blocks).  Reference lines are the neutral grey of
 * chrome, dashed. */
#include "drift_figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "print.h"

enum {
    ACCENT = 0,           /* palette colour of drifted / current */
    GREY = 7,             /* the palette's grey: not drifted / reference */
    TEXT_CHROME = 4,      /* terminal rows around a panel of bars: the
                             axis line, tick labels, axis title, legend */
};

/* The x range of severities: 0 to the largest finite one, within these. */
#define SEV_MIN_HI 2.0
#define SEV_MAX_HI 10.0

/* ---- small helpers --------------------------------------------------- */

/* The upper end of a severity axis: the largest finite value of v[0..n),
 * within [SEV_MIN_HI, SEV_MAX_HI]. */
static double severity_hi(const double *v, size_t n)
{
    double hi = SEV_MIN_HI;
    for (size_t i = 0; i < n; i++) {
        double s = v[i];
        if (isfinite(s) && s > hi)
            hi = s;
    }
    return fmin(hi, SEV_MAX_HI);
}

/* A severity drawn on an axis ending at hi: negative as 0, past the end
 * (+Inf) at the end; NaN stays. */
static double clip_severity(double s, double hi)
{
    if (isnan(s))
        return s;
    return s < 0 ? 0 : s > hi ? hi : s;
}

/* The total of the n counts of one side (of bins or categories: `unit`),
 * or <= 0 with lt_errmsg for a negative count or none at all. */
static int64_t total_of(const char *what, const char *side, const char *unit,
                        const int64_t *c, int n)
{
    int64_t t = 0;
    for (int i = 0; i < n; i++) {
        if (c[i] < 0) {
            lt_seterr(LT_EINVAL, "%s: the %s count of %s %d is %lld, expected a count >= 0",
                      what, side, unit, i + 1, (long long)c[i]);
            return -1;
        }
        t += c[i];
    }
    if (t == 0)
        lt_seterr(LT_EINVAL, "%s: no %s values (every count is 0), expected at least one",
                  what, side);
    return t;
}

/* The totals of both sides (*nref, *ncur), or false with lt_errmsg as
 * total_of. */
static bool totals(const char *what, const char *unit, const int64_t *ref, const int64_t *cur,
                   int n, int64_t *nref, int64_t *ncur)
{
    return (*nref = total_of(what, "reference", unit, ref, n)) > 0 &&
           (*ncur = total_of(what, "current", unit, cur, n)) > 0;
}

/* The legend labels of both sides: "reference (n = 5,174)" into lr and
 * "current (n = 1,869)" into lc (64 bytes each). */
static void side_labels(int64_t nref, int64_t ncur, char lr[64], char lc[64])
{
    char num[40];
    snprintf(lr, 64, "reference (n = %s)", lt_count_format(nref, num, sizeof num));
    snprintf(lc, 64, "current (n = %s)", lt_count_format(ncur, num, sizeof num));
}

/* Free the n strings of v, then v (NULL is fine). */
static void free_strs(char **v, size_t n)
{
    if (v != NULL)
        for (size_t i = 0; i < n; i++)
            free(v[i]);
    free(v);
}

/* ---- overview -------------------------------------------------------- */

typedef struct ranked {
    double sev;
    int count;      /* windows drifted (0 in the overview) */
    bool drifted;
    int at;
} ranked;

/* The most windows drifted first; then drifted first (a column can
 * drift by its missing share below its threshold), then most severe
 * first (+Inf before every finite value), NaN last, ties in the order
 * given. */
static int by_severity(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    if (a->drifted != b->drifted)
        return a->drifted ? -1 : 1;
    bool na = isnan(a->sev), nb = isnan(b->sev);
    if (na != nb)
        return na ? 1 : -1;
    if (!na && a->sev != b->sev)
        return a->sev > b->sev ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

/* The caption of the bars past the end of the axis (hi): their
 * severities, "past the axis end: total_charges at 13.3, tenure at
 * 11.2", the first three; how many (*past). */
static int past_note(lt_figure *f, const lt_driftfig_bar *bars, const ranked *rk, int n,
                     double hi, int *npast)
{
    char note[320];
    int len = 0, shown = 0, past = 0;
    for (int r = 0; r < n; r++) {
        const lt_driftfig_bar *b = &bars[rk[r].at];
        if (!(b->severity > hi))
            continue;
        if (++past > 3)
            continue;
        char v[32];
        if (isinf(b->severity))
            snprintf(v, sizeof v, "infinity");
        else
            snprintf(v, sizeof v, "%.3g", b->severity);
        len += snprintf(note + len, sizeof note - (size_t)len, "%s%.60s at %s",
                        shown ? ", " : "past the axis end: ", b->column, v);
        shown++;
    }
    *npast = past;
    if (past == 0)
        return 0;
    if (past > shown)
        snprintf(note + len, sizeof note - (size_t)len, ", %d more", past - shown);
    return lt_figure_note(f, note);
}

/* The notes of the y axis for a terminal too short for a row per
 * column (figure.h: lt_axis.more): what the columns ranked k and after
 * hold, for each k. */
static int more_notes(lt_panel *p, const lt_driftfig_bar *bars, const ranked *rk, int n)
{
    char **notes = calloc((size_t)n, sizeof *notes);
    if (notes == NULL)
        return lt_nomem();
    int drifted = 0, lost = 0, rc = 0;   /* of the columns ranked k and after */
    for (int k = n - 1; k >= 1 && rc == 0; k--) {
        const lt_driftfig_bar *b = &bars[rk[k].at];
        drifted += b->drifted;
        lost += isnan(b->severity) && !b->drifted;
        int m = n - k;
        char buf[160], tail[96] = "";
        if (drifted == m)
            snprintf(tail, sizeof tail, ", %sdrifted", m > 1 ? "all " : "");
        else if (drifted > 0)
            snprintf(tail, sizeof tail, ", %d drifted", drifted);
        else if (lost == m)
            snprintf(tail, sizeof tail, ", %s", m > 1 ? "none compared" : "not compared");
        else if (lost > 0)
            snprintf(tail, sizeof tail, ", none drifted (%d not compared)", lost);
        else
            snprintf(tail, sizeof tail, ", %sbelow the threshold", m > 1 ? "all " : "");
        snprintf(buf, sizeof buf, "%d more column%s not shown%s", m, m > 1 ? "s" : "", tail);
        if ((notes[k] = strdup(buf)) == NULL)
            rc = lt_nomem();
    }
    if (rc == 0)
        rc = lt_axis_set_more(&p->y, (const char *const *)notes);
    for (int k = 0; k < n; k++)
        free(notes[k]);
    free(notes);
    return rc;
}

lt_figure *lt_driftfig_overview(const lt_driftfig_bar *bars, int n, const char *title,
                                const char *subtitle)
{
    if (n < 1) {
        lt_seterr(LT_EINVAL, "drift overview: %d columns, expected at least 1", n);
        return NULL;
    }
    if (bars == NULL) {
        lt_seterr(LT_EINVAL, "drift overview: no bars given for %d columns", n);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        if (bars[i].column == NULL) {
            lt_seterr(LT_EINVAL, "drift overview: bar %d has no column name", i + 1);
            return NULL;
        }
    size_t un = (size_t)n;
    ranked *rk = malloc(un * sizeof *rk);
    const char **names = malloc(un * sizeof *names);
    const char **text = malloc(un * sizeof *text);
    double *buf = malloc(6 * un * sizeof *buf);
    lt_figure *f = NULL;
    if (rk == NULL || names == NULL || text == NULL || buf == NULL) {
        lt_nomem();
        goto fail;
    }
    for (int i = 0; i < n; i++)
        rk[i] = (ranked){bars[i].severity, 0, bars[i].drifted, i};
    qsort(rk, un, sizeof *rk, by_severity);
    double hi = SEV_MIN_HI;
    for (int i = 0; i < n; i++)
        if (isfinite(bars[i].severity) && bars[i].severity > hi)
            hi = bars[i].severity;
    hi = fmin(hi, SEV_MAX_HI);

    /* Bars of each kind in rank order: position r from the top; a row
     * of cells each in the terminal, and many of them read as one shape
     * on a page. */
    double half = n > 40 ? 0.45 : 0.24;
    double *x0 = buf, *x1 = buf + un, *y0 = buf + 2 * un, *y1 = buf + 3 * un;
    double *tx = buf + 4 * un, *ty = buf + 5 * un;
    if ((f = lt_figure_new()) == NULL)
        goto fail;
    lt_panel *p = &f->panels[0];
    /* The threshold under the bars (it shows where a bar falls short);
     * its legend entry after theirs, from an empty layer on top. */
    double one = 1;
    if (lt_panel_add_refs(p, LT_LAYER_VLINE, &one, 1, NULL) == NULL)
        goto fail;
    for (int pass = 0; pass < 2; pass++) {
        bool want = pass == 0;
        size_t m = 0;
        for (int r = 0; r < n; r++) {
            const lt_driftfig_bar *b = &bars[rk[r].at];
            if (b->drifted != want || isnan(b->severity))
                continue;
            /* (past the axis: the renderers draw it to the edge with a
             * break mark) */
            x0[m] = 0;
            x1[m] = b->severity < 0 ? 0 : b->severity;
            y0[m] = r - half;
            y1[m] = r + half;
            m++;
        }
        if (m == 0)
            continue;
        lt_layer *l = lt_panel_add_rects(p, x0, x1, y0, y1, m, want ? "drifted" : "not drifted");
        if (lt_panel_recolor(p, l, want ? ACCENT : GREY) == NULL)
            goto fail;
        l->horizontal = true;
    }
    if (lt_panel_recolor(p, lt_panel_add_refs(p, LT_LAYER_VLINE, NULL, 0, "threshold"),
                LT_COLOR_AUTO) == NULL)
        goto fail;
    for (int r = 0; r < n; r++) {
        const lt_driftfig_bar *b = &bars[rk[r].at];
        names[r] = b->column;
        tx[r] = isnan(b->severity) ? 0 : clip_severity(b->severity, hi);
        ty[r] = r;
        text[r] = b->label ? b->label : isnan(b->severity) ? "not compared" : NULL;
    }
    lt_layer *t = lt_panel_add_text(p, tx, ty, text, un);
    if (t == NULL)
        goto fail;
    t->align = LT_TEXT_AFTER;
    if (lt_axis_set_categories(&p->y, names, n) != 0 || more_notes(p, bars, rk, n) != 0 ||
        lt_figure_set_str(&p->x.label, "drift score / threshold") != 0 ||
        lt_figure_set_str(&f->title, title) != 0 ||
        lt_figure_set_str(&f->subtitle, subtitle) != 0)
        goto fail;
    p->x.lo = 0;
    p->x.hi = hi;
    f->legend = LT_LEGEND_BOTTOM;
    int past = 0;
    if (past_note(f, bars, rk, n, hi, &past) != 0)
        goto fail;
    /* The terminal: a row per column, two while there are few (three
     * for one, the least a panel has).  A page: bars of about 20pt while
     * few, rather than a few broad bands (a shape the text renderer never
     * narrows at these heights). */
    int rows = n == 1 ? 3 : n <= 8 ? 2 * n : n;
    if (n <= 12)
        f->aspect = 0.05 * n;
    f->text_height = rows + TEXT_CHROME + (title != NULL) + (subtitle != NULL) + (past > 0);
    free(rk);
    free(names);
    free(text);
    free(buf);
    return f;
fail:
    free(rk);
    free(names);
    free(text);
    free(buf);
    lt_figure_free(f);
    return NULL;
}

/* ---- one numeric column ---------------------------------------------- */

lt_figure *lt_driftfig_numeric(const double *edges, int nbin, const int64_t *ref,
                               const int64_t *cur, const char *column, const char *title,
                               const char *subtitle)
{
    const char *what = "numeric drift plot";
    if (nbin < 1) {
        lt_seterr(LT_EINVAL, "%s: %d bins, expected at least 1", what, nbin);
        return NULL;
    }
    if (edges == NULL || ref == NULL || cur == NULL) {
        lt_seterr(LT_EINVAL, "%s: %s is NULL, expected %d values", what,
                  edges == NULL ? "edges" : ref == NULL ? "ref" : "cur",
                  edges == NULL ? nbin + 1 : nbin);
        return NULL;
    }
    for (int i = 0; i <= nbin; i++) {
        if (!isfinite(edges[i])) {
            lt_seterr(LT_EINVAL, "%s: bin edge %d is %g, expected a finite number", what, i + 1,
                      edges[i]);
            return NULL;
        }
        if (i > 0 && !(edges[i] > edges[i - 1])) {
            lt_seterr(LT_EINVAL, "%s: bin edges %d and %d are %g and %g, expected them "
                      "increasing", what, i, i + 1, edges[i - 1], edges[i]);
            return NULL;
        }
    }
    int64_t nref, ncur;
    if (!totals(what, "bin", ref, cur, nbin, &nref, &ncur))
        return NULL;
    size_t un = (size_t)nbin;
    double *buf = malloc(5 * un * sizeof *buf);
    lt_figure *f = buf ? lt_figure_new() : NULL;
    if (f == NULL) {
        if (buf == NULL)
            lt_nomem();
        free(buf);
        return NULL;
    }
    double *x0 = buf, *x1 = buf + un, *y0 = buf + 2 * un, *rs = buf + 3 * un, *cs = buf + 4 * un;
    for (int i = 0; i < nbin; i++) {
        x0[i] = edges[i];
        x1[i] = edges[i + 1];
        y0[i] = 0;
        rs[i] = (double)ref[i] / (double)nref;
        cs[i] = (double)cur[i] / (double)ncur;
    }
    lt_panel *p = &f->panels[0];
    char lr[64], lc[64];
    side_labels(nref, ncur, lr, lc);
    lt_layer *l;
    if (lt_panel_recolor(p, lt_panel_add_rects(p, x0, x1, y0, rs, un, lr), GREY) == NULL ||
        (l = lt_panel_recolor(p, lt_panel_add_rects(p, x0, x1, y0, cs, un, lc), ACCENT)) == NULL)
        goto fail;
    l->alpha = 0.5;
    p->y.zero = true;
    /* (below: a corner of a narrow terminal pane would cut the counts) */
    f->legend = LT_LEGEND_BOTTOM;
    /* The terminal: within 24 rows with a title and a subtitle. */
    f->text_height = 20 + (title != NULL) + (subtitle != NULL);
    if (lt_figure_set_str(&p->x.label, column ? column : "value") != 0 ||
        lt_figure_set_str(&p->y.label, "share") != 0 ||
        lt_figure_set_str(&f->title, title) != 0 ||
        lt_figure_set_str(&f->subtitle, subtitle) != 0)
        goto fail;
    free(buf);
    return f;
fail:
    free(buf);
    lt_figure_free(f);
    return NULL;
}

/* ---- one categorical column ------------------------------------------ */

lt_figure *lt_driftfig_categorical(const char *const *cats, int k, const int64_t *ref,
                                   const int64_t *cur, const char *column, const char *title,
                                   const char *subtitle)
{
    const char *what = "categorical drift plot";
    if (k < 1) {
        lt_seterr(LT_EINVAL, "%s: %d categories, expected at least 1", what, k);
        return NULL;
    }
    if (cats == NULL || ref == NULL || cur == NULL) {
        lt_seterr(LT_EINVAL, "%s: %s is NULL, expected %d values", what,
                  cats == NULL ? "cats" : ref == NULL ? "ref" : "cur", k);
        return NULL;
    }
    for (int i = 0; i < k; i++)
        if (cats[i] == NULL) {
            lt_seterr(LT_EINVAL, "%s: category %d has no name", what, i + 1);
            return NULL;
        }
    int64_t nref, ncur;
    if (!totals(what, "category", ref, cur, k, &nref, &ncur))
        return NULL;
    size_t uk = (size_t)k;
    double *buf = malloc(10 * uk * sizeof *buf);
    char **names = calloc(uk, sizeof *names);
    char **text = calloc(2 * uk, sizeof *text);
    lt_figure *f = NULL;
    if (buf == NULL || names == NULL || text == NULL) {
        lt_nomem();
        goto fail;
    }
    double *x0 = buf, *rx = buf + uk, *cx = buf + 2 * uk;
    double *ry0 = buf + 3 * uk, *ry1 = buf + 4 * uk, *cy1 = buf + 5 * uk;
    /* 2k labels: the current's first, kept where only one of a pair
     * fits, then the reference's */
    double *tx = buf + 6 * uk, *ty = buf + 8 * uk;
    int unseen = 0;
    double top = 0;
    for (int i = 0; i < k; i++) {
        /* The pair of category i, touching: the reference above, the
         * current beside the name (position i), a third of the slot free
         * below; in the terminal a row each and a blank one. */
        x0[i] = 0;
        rx[i] = (double)ref[i] / (double)nref;
        cx[i] = (double)cur[i] / (double)ncur;
        top = fmax(top, fmax(rx[i], cx[i]));
        ry0[i] = i - 0.5;
        ry1[i] = i - 1.0 / 6;
        cy1[i] = i + 1.0 / 6;
        tx[i] = cx[i];
        tx[uk + (size_t)i] = rx[i];
        ty[i] = i;
        ty[uk + (size_t)i] = i - 1.0 / 3;
        char s[24];
        lt_share_format(cur[i], ncur, s, sizeof s);
        if ((text[i] = strdup(s)) == NULL)
            goto nomem;
        lt_share_format(ref[i], nref, s, sizeof s);
        if ((text[uk + (size_t)i] = strdup(s)) == NULL)
            goto nomem;
        size_t len = strlen(cats[i]) + 16;
        if ((names[i] = malloc(len)) == NULL)
            goto nomem;
        snprintf(names[i], len, ref[i] == 0 ? "%s (unseen)" : "%s", cats[i]);
        unseen += ref[i] == 0;
    }
    if ((f = lt_figure_new()) == NULL)
        goto fail;
    lt_panel *p = &f->panels[0];
    char lr[64], lc[64];
    side_labels(nref, ncur, lr, lc);
    lt_layer *a = lt_panel_recolor(p, lt_panel_add_rects(p, x0, rx, ry0, ry1, uk, lr), GREY);
    lt_layer *b = a ? lt_panel_recolor(p, lt_panel_add_rects(p, x0, cx, ry1, cy1, uk, lc), ACCENT) : NULL;
    if (b == NULL)
        goto fail;
    p->layers[p->nlayer - 2].horizontal = true;
    b->horizontal = true;
    lt_layer *t = lt_panel_add_text(p, tx, ty, (const char *const *)text, 2 * uk);
    if (t == NULL)
        goto fail;
    t->align = LT_TEXT_AFTER;
    /* Room for the labels past the longest bar. */
    p->x.lo = 0;
    p->x.hi = 1.15 * top;
    if (lt_axis_set_categories(&p->y, (const char *const *)names, k) != 0 ||
        lt_figure_set_str(&p->x.label, "share") != 0 ||
        lt_figure_set_str(&p->y.label, column) != 0 ||
        lt_figure_set_str(&f->title, title) != 0 ||
        lt_figure_set_str(&f->subtitle, subtitle) != 0)
        goto fail;
    if (unseen > 0) {
        char note[96];
        snprintf(note, sizeof note, "%d categor%s unseen in the reference", unseen,
                 unseen > 1 ? "ies" : "y");
        if (lt_figure_note(f, note) != 0)
            goto fail;
    }
    f->legend = LT_LEGEND_BOTTOM;
    /* The terminal: a row per bar, and one between pairs while few. */
    f->text_height = (k <= 6 ? 3 : 2) * k + TEXT_CHROME + (title != NULL) + (subtitle != NULL) +
                     (column != NULL) + (unseen > 0);
    free_strs(names, uk);
    free_strs(text, 2 * uk);
    free(buf);
    return f;
nomem:
    lt_nomem();
fail:
    free_strs(names, uk);
    free_strs(text, 2 * uk);
    free(buf);
    lt_figure_free(f);
    return NULL;
}

/* ---- over time windows ----------------------------------------------- */

/* The notes of the heatmap's rows for a terminal too short (figure.h:
 * lt_axis.more): the columns ranked k and after, and how many of them
 * drifted in some window (ndrift: windows drifted, by column). */
static int window_notes(lt_panel *p, const int *ndrift, const ranked *rk, int n)
{
    char **notes = calloc((size_t)n, sizeof *notes);
    if (notes == NULL)
        return lt_nomem();
    int some = 0, rc = 0;
    for (int k = n - 1; k >= 1 && rc == 0; k--) {
        some += ndrift[rk[k].at] > 0;
        int m = n - k;
        char buf[160];
        if (some == 0)
            snprintf(buf, sizeof buf, "%d more column%s not shown, %s", m, m > 1 ? "s" : "",
                     m > 1 ? "none drifted in any window" : "drifted in no window");
        else
            snprintf(buf, sizeof buf, "%d more column%s not shown, %d drifted in some window", m,
                     m > 1 ? "s" : "", some);
        if ((notes[k] = strdup(buf)) == NULL)
            rc = lt_nomem();
    }
    if (rc == 0)
        rc = lt_axis_set_more(&p->y, (const char *const *)notes);
    for (int k = 0; k < n; k++)
        free(notes[k]);
    free(notes);
    return rc;
}

lt_figure *lt_driftfig_windows(const char *const *windows, int nwin, const char *const *columns,
                               int ncol, const double *severity, const bool *drifted,
                               const int *lines, int nline, const char *title)
{
    const char *what = "drift over time plot";
    if (nwin < 1 || ncol < 1) {
        lt_seterr(LT_EINVAL, "%s: %d %s, expected at least 1", what, nwin < 1 ? nwin : ncol,
                  nwin < 1 ? "windows" : "columns");
        return NULL;
    }
    if (windows == NULL || columns == NULL || severity == NULL) {
        lt_seterr(LT_EINVAL, "%s: %s is NULL, expected %d values", what,
                  windows == NULL ? "windows" : columns == NULL ? "columns" : "severity",
                  windows == NULL ? nwin : columns == NULL ? ncol : nwin * ncol);
        return NULL;
    }
    for (int i = 0; i < nwin; i++)
        if (windows[i] == NULL) {
            lt_seterr(LT_EINVAL, "%s: window %d has no label", what, i + 1);
            return NULL;
        }
    for (int i = 0; i < ncol; i++)
        if (columns[i] == NULL) {
            lt_seterr(LT_EINVAL, "%s: column %d has no name", what, i + 1);
            return NULL;
        }
    if (nline < 0 || (nline > 0 && lines == NULL)) {
        lt_seterr(LT_EINVAL, "%s: %d line columns%s, expected 0 or more indexes", what, nline,
                  nline > 0 ? " but no indexes" : "");
        return NULL;
    }
    for (int i = 0; i < nline; i++)
        if (lines[i] < 0 || lines[i] >= ncol) {
            lt_seterr(LT_EINVAL, "%s: line %d is column index %d, expected 0 to %d (of %d "
                      "columns)", what, i + 1, lines[i], ncol - 1, ncol);
            return NULL;
        }
    size_t nw = (size_t)nwin, nc = (size_t)ncol, cells = nw * nc;
    double hi = severity_hi(severity, cells);
    double *z = malloc(cells * sizeof *z);
    double *xs = malloc(nw * sizeof *xs), *ys = malloc(nw * sizeof *ys);
    const char **marks = calloc(cells, sizeof *marks);
    const char **names = malloc(nc * sizeof *names);
    int *ndrift = calloc(nc, sizeof *ndrift);
    ranked *rk = malloc(nc * sizeof *rk);
    lt_figure *f = NULL;
    if (z == NULL || xs == NULL || ys == NULL || marks == NULL || names == NULL ||
        ndrift == NULL || rk == NULL) {
        lt_nomem();
        goto fail;
    }
    /* Rows ranked: most windows drifted first, then the largest
     * severity (a column never compared last). */
    for (int c = 0; c < ncol; c++) {
        double top = NAN;
        for (size_t w = 0; w < nw; w++) {
            double v = severity[(size_t)c * nw + w];
            if (!isnan(v) && !(v <= top))
                top = v;
            ndrift[c] += drifted && drifted[(size_t)c * nw + w];
        }
        rk[c] = (ranked){top, ndrift[c], ndrift[c] > 0, c};
    }
    qsort(rk, nc, sizeof *rk, by_severity);
    bool any_mark = false, clipped = false;
    for (size_t r = 0; r < nc; r++) {
        size_t c = (size_t)rk[r].at;
        names[r] = columns[c];
        for (size_t w = 0; w < nw; w++) {
            size_t from = c * nw + w, to = r * nw + w;
            z[to] = clip_severity(severity[from], hi);
            clipped |= severity[from] > hi;
            if (drifted && drifted[from]) {
                marks[to] = "\xE2\x80\xA2";   /* • */
                any_mark = true;
            }
        }
    }
    if ((f = lt_figure_new()) == NULL)
        goto fail;
    lt_panel *p = &f->panels[0];
    lt_layer *h = lt_panel_add_heatmap(p, z, ncol, nwin, any_mark ? marks : NULL, LT_CMAP_BLUES);
    if (h == NULL)
        goto fail;
    h->zlo = 0;
    h->zhi = hi;
    if (lt_axis_set_categories(&p->x, windows, nwin) != 0 ||
        lt_axis_set_categories(&p->y, names, ncol) != 0 ||
        window_notes(p, ndrift, rk, ncol) != 0 ||
        lt_figure_set_str(&f->title, title) != 0 ||
        lt_figure_note(f, any_mark ? "colour: drift score / threshold, \xE2\x80\xA2 drifted"
                                   : "colour: drift score / threshold") != 0 ||
        (clipped && lt_figure_note(f, "larger scores in the top colour") != 0))
        goto fail;
    f->legend = LT_LEGEND_BOTTOM;
    /* The terminal: a row per column, with the axis, its labels and the
     * colour bar; the lines panel as tall (panels of a grid are), at
     * least 10 rows; the title and a line of caption. */
    int panel = ncol + 3;
    if (nline > 0) {
        lt_panel *q = lt_figure_add_panel(f);
        if (q == NULL)
            goto fail;
        double lhi = SEV_MIN_HI;
        for (int k = 0; k < nline; k++)
            lhi = fmax(lhi, severity_hi(severity + (size_t)lines[k] * nw, nw));
        for (size_t w = 0; w < nw; w++)
            xs[w] = (double)w;
        double one = 1;
        if (lt_panel_recolor(q, lt_panel_add_refs(q, LT_LAYER_HLINE, &one, 1, "threshold"),
                    LT_COLOR_AUTO) == NULL)
            goto fail;
        for (int k = 0; k < nline; k++) {
            const double *row = severity + (size_t)lines[k] * nw;
            for (size_t w = 0; w < nw; w++)
                ys[w] = clip_severity(row[w], lhi);
            lt_layer *l = lt_panel_add_xy(q, nw > 1 ? LT_LAYER_LINE : LT_LAYER_POINTS, xs, ys,
                                          nw, columns[lines[k]]);
            if (l == NULL)
                goto fail;
        }
        if (lt_axis_set_categories(&q->x, windows, nwin) != 0 ||
            lt_figure_set_str(&q->y.label, "score / threshold") != 0)
            goto fail;
        /* (a little room over lines that reach the end) */
        q->y.lo = 0;
        q->y.hi = lhi * 1.04;
        /* (a blank row between the panels, the legend) */
        panel = panel > 10 ? panel : 10;
        f->text_height = (title != NULL) + 2 * panel + 1 + 1 + 1;
    } else {
        f->text_height = (title != NULL) + panel + 1;
    }
    free(z);
    free(xs);
    free(ys);
    free(marks);
    free(names);
    free(ndrift);
    free(rk);
    return f;
fail:
    free(z);
    free(xs);
    free(ys);
    free(marks);
    free(names);
    free(ndrift);
    free(rk);
    lt_figure_free(f);
    return NULL;
}
