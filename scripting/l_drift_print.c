/* Text of the data drift objects (l_drift.h) for __tostring: a report as
 * a header line, a table of the compared columns aligned on their
 * columns (method, statistic, p-value, threshold, drifted, missing
 * shares, notes), footnotes that explain the marks and the automatic
 * choice of methods, and the verdict; one column as a short block; a
 * drift over time as a table of windows.  Numbers are written to be
 * read: statistics to 4 significant digits, p-values as 0.0031, 1.2e-05
 * or < 1e-16, counts with thousands separators.  Plain C: every
 * function returns a malloc'd string, or NULL when memory runs out. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l_aux.h"
#include "l_drift.h"
#include "timefmt.h"

/* ---- numbers and names ----------------------------------------------------- */

const char *ld_stat(double v, char *buf, size_t cap)
{
    double a = fabs(v);
    if (isnan(v))
        snprintf(buf, cap, "%s", "");
    else if (isinf(v))
        snprintf(buf, cap, "%s", v > 0 ? "inf" : "-inf");
    else if (a != 0 && (a < 1e-4 || a >= 1e9))
        snprintf(buf, cap, "%.3e", v);
    else if (a >= 1e4)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.4g", v);
    return buf;
}

const char *ld_pvalue(double p, char *buf, size_t cap)
{
    if (isnan(p))
        snprintf(buf, cap, "%s", "");
    else if (p < 1e-16)
        snprintf(buf, cap, "%s", "< 1e-16");
    else if (p < 1e-3)
        snprintf(buf, cap, "%.1e", p);
    else
        snprintf(buf, cap, "%.4f", p);
    return buf;
}

/* A share in percent: "32%", "<1%" and ">99%" rather than a rounded 0
 * or 100 that is not one. */
static const char *pct(double share, int decimals, char *buf, size_t cap)
{
    double v = 100 * share, lo = decimals ? 0.1 : 1;
    if (v > 0 && v < lo)
        snprintf(buf, cap, "<%g%%", lo);
    else if (v < 100 && v > 100 - lo)
        snprintf(buf, cap, ">%g%%", 100 - lo);
    else
        snprintf(buf, cap, "%.*f%%", decimals, v);
    return buf;
}

const char *ld_pct(double share, char *buf, size_t cap) { return pct(share, 0, buf, cap); }

const char *ld_kind_name(lt_drift_kind k)
{
    return k == LT_DRIFT_NUMERIC ? "numeric" : "categorical";
}

static bool is_test(const lt_drift_col *c) { return lt_drift_method_is_test(c->method); }

static bool compared(const lt_drift_col *c)
{
    return c->method != LT_DRIFT_MISSING && c->method != LT_DRIFT_NONE;
}

const char *ld_value_label(const lt_drift_col *c, char *buf, size_t cap)
{
    char v[48];
    const char *m = lt_drift_method_name(c->method);
    if (c->method == LT_DRIFT_MISSING)
        snprintf(buf, cap, "%s", "missing");
    else if (c->method == LT_DRIFT_NONE)
        snprintf(buf, cap, "%s", "not compared");
    else if (is_test(c))
        snprintf(buf, cap, "%s p %s%s", m, c->p_value < 1e-16 ? "" : "= ",
                 ld_pvalue(c->p_value, v, sizeof v));
    else
        snprintf(buf, cap, "%s %s", m, ld_stat(c->statistic, v, sizeof v));
    return buf;
}

/* Did the method itself find the drift (not only the missing share)? */
static bool method_drifted(const lt_drift_col *c)
{
    return c->drifted && !(c->missing_drifted && !(c->severity >= 1));
}

const char *ld_col_title(const lt_drift_col *c, char *buf, size_t cap)
{
    char v[96];
    ld_value_label(c, v, sizeof v);
    if (!compared(c))
        snprintf(buf, cap, "%s: %s%s", c->name, v, c->drifted ? " (drifted)" : "");
    else
        snprintf(buf, cap, "%s: %s (%s, threshold %g)", c->name, v,
                 !c->drifted ? "not drifted"
                 : method_drifted(c) ? "drifted" : "drifted by its missing values",
                 c->threshold);
    return buf;
}

int ld_ncompared(const lt_drift *d)
{
    int n = 0;
    for (int i = 0; i < d->ncol; i++)
        n += d->cols[i].method != LT_DRIFT_NONE;
    return n;
}

const char *ld_verdict(const lt_drift *d, char *buf, size_t cap)
{
    int n = ld_ncompared(d);
    char p[16];
    if (n == 0)
        snprintf(buf, cap, "%s", "no column compared: no dataset drift");
    else
        snprintf(buf, cap, "%d of %d column%s drifted (%s): %s", d->ndrifted, n,
                 n == 1 ? "" : "s", pct(d->share, 0, p, sizeof p),
                 d->dataset_drift ? "dataset drift" : "no dataset drift");
    return buf;
}

/* ---- window labels ------------------------------------------------------------- */

/* The resolution a period asks for. */
enum { RES_YEAR, RES_QUARTER, RES_MONTH, RES_DAY, RES_MINUTE, RES_SECOND };

static int resolution(const char *every)
{
    static const struct { const char *name; int res; } names[] = {
        {"year", RES_YEAR}, {"quarter", RES_QUARTER}, {"month", RES_MONTH},
        {"week", RES_DAY}, {"day", RES_DAY}, {"hour", RES_MINUTE}, {"minute", RES_MINUTE},
        {"second", RES_SECOND}, {"y", RES_YEAR}, {"q", RES_QUARTER}, {"mo", RES_MONTH},
        {"w", RES_DAY}, {"d", RES_DAY}, {"h", RES_MINUTE}, {"m", RES_MINUTE},
        {"s", RES_SECOND}, {"ms", RES_SECOND}, {"us", RES_SECOND},
    };
    const char *unit = every;
    while (*unit >= '0' && *unit <= '9')
        unit++;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(unit, names[i].name) == 0)
            return names[i].res;
    return RES_SECOND;
}

void ld_window_label(double start, bool is_time, lt_time_kind tkind, const char *every,
                     char *buf, size_t cap)
{
    if (!is_time) {
        snprintf(buf, cap, "%.10g", start);
        return;
    }
    int64_t us = (int64_t)start;
    int64_t days = us / LT_US_PER_DAY - (us % LT_US_PER_DAY < 0);
    int64_t y;
    int m, d;
    lt_civil_from_days(days, &y, &m, &d);
    char t[64];
    switch (resolution(every)) {
    case RES_YEAR:
        snprintf(buf, cap, "%lld", (long long)y);
        break;
    case RES_QUARTER:
        snprintf(buf, cap, "%lld-Q%d", (long long)y, (m - 1) / 3 + 1);
        break;
    case RES_MONTH:
        snprintf(buf, cap, "%lld-%02d", (long long)y, m);
        break;
    case RES_DAY:
        lt_time_format(us, LT_DATE, t, sizeof t);
        snprintf(buf, cap, "%s", t);
        break;
    case RES_MINUTE:
        lt_time_format(us, LT_DATETIME, t, sizeof t);
        snprintf(buf, cap, "%.16s", t);
        break;
    default:
        lt_time_format(us, tkind == LT_DATE ? LT_DATE : LT_DATETIME, t, sizeof t);
        snprintf(buf, cap, "%s", t);
    }
}

/* ---- aligned tables --------------------------------------------------------- */

/* A table of malloc'd cells; columns right-aligned unless their bit in
 * `left` is set. */
typedef struct table {
    int nrow, ncol;
    char **cell;
    unsigned left;
    bool oom;
} table;

static bool table_init(table *t, int nrow, int ncol, unsigned left)
{
    *t = (table){.nrow = nrow, .ncol = ncol, .left = left};
    t->cell = calloc((size_t)nrow * (size_t)ncol, sizeof *t->cell);
    return t->cell != NULL;
}

static void table_fini(table *t)
{
    for (int i = 0; t->cell && i < t->nrow * t->ncol; i++)
        free(t->cell[i]);
    free(t->cell);
}

static void put(table *t, int r, int c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void put(table *t, int r, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) {
        t->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    free(t->cell[r * t->ncol + c]);
    t->cell[r * t->ncol + c] = s;
}

static const char *get(const table *t, int r, int c)
{
    const char *s = t->cell[r * t->ncol + c];
    return s ? s : "";
}

static int width_of(const char *s) { return lt_display_width(s, strlen(s)); }

static int col_width(const table *t, int c)
{
    int w = 0;
    for (int r = 0; r < t->nrow; r++) {
        int n = width_of(get(t, r, c));
        if (n > w)
            w = n;
    }
    return w;
}

/* The width of the columns cols[0..n) of t, `indent` spaces first,
 * columns `sep` spaces apart. */
static int table_width(const table *t, const int *cols, int n, int indent, int sep)
{
    int w = indent;
    for (int k = 0; k < n; k++)
        w += col_width(t, cols[k]) + (k ? sep : 0);
    return w;
}

/* The columns cols[0..n) of t, `sep` spaces apart, each row after
 * `indent` spaces, no trailing spaces. */
static void table_write(lt_sbuf *b, const table *t, const int *cols, int n, int indent, int sep)
{
    int *w = malloc((size_t)(n > 0 ? n : 1) * sizeof *w);
    if (!w) {
        b->oom = true;
        return;
    }
    for (int k = 0; k < n; k++)
        w[k] = col_width(t, cols[k]);
    for (int r = 0; r < t->nrow; r++) {
        size_t start = b->len;
        lt_sbuf_printf(b, "%*s", indent, "");
        for (int k = 0; k < n; k++) {
            const char *s = get(t, r, cols[k]);
            int pad = w[k] - width_of(s);
            if (k > 0)
                lt_sbuf_printf(b, "%*s", sep, "");
            if (cols[k] < 32 && (t->left >> cols[k]) & 1)
                lt_sbuf_printf(b, "%s%*s", s, pad, "");
            else
                lt_sbuf_printf(b, "%*s%s", pad, "", s);
        }
        while (!b->oom && b->len > start && b->s[b->len - 1] == ' ')
            b->s[--b->len] = '\0';
        lt_sbuf_printf(b, "\n");
    }
    free(w);
}

/* The first n columns: 0, 1, ... n - 1. */
static int first_cols(int *cols, int n)
{
    for (int k = 0; k < n; k++)
        cols[k] = k;
    return n;
}

/* ---- a report ---------------------------------------------------------------- */

/* Numbers (not bool) compared as categories: marked in the type column. */
static bool as_categories(const lt_drift_col *c)
{
    return c->kind == LT_DRIFT_CATEGORICAL && c->ref_type != LT_STR && c->ref_type != LT_BOOL;
}

static double miss_share(int64_t miss, int64_t n)
{
    return miss + n > 0 ? (double)miss / (double)(miss + n) : 0;
}

/* A missing share: "0%", "0.5%", "25%", "100%". */
static const char *share_text(double share, char *buf, size_t cap)
{
    if (share == 0 || share == 1)
        snprintf(buf, cap, "%.0f%%", 100 * share);
    else if (100 * share < 10)
        pct(share, 1, buf, cap);
    else
        pct(share, 0, buf, cap);
    return buf;
}

enum { C_NAME, C_TYPE, C_METHOD, C_STAT, C_P, C_THR, C_DRIFTED, C_MISS, C_NOTE, NCOLS };

/* The column table of d, with a first row of headers. */
static void report_table(table *t, const lt_drift *d, bool missing)
{
    static const char *const head[NCOLS] = {"column", "type", "method", "statistic", "p-value",
                                            "threshold", "drifted", "missing", "note"};
    for (int c = 0; c < NCOLS; c++)
        put(t, 0, c, "%s", head[c]);
    char a[64], b[64];
    for (int i = 0; i < d->ncol; i++) {
        const lt_drift_col *c = &d->cols[i];
        int r = i + 1;
        put(t, r, C_NAME, "%s", c->name);
        if (c->ref_type != c->cur_type)
            put(t, r, C_TYPE, "%s/%s%s", lt_type_name(c->ref_type), lt_type_name(c->cur_type),
                as_categories(c) ? "*" : "");
        else
            put(t, r, C_TYPE, "%s%s", lt_type_name(c->ref_type), as_categories(c) ? "*" : "");
        put(t, r, C_METHOD, "%s", lt_drift_method_name(c->method));
        if (compared(c)) {
            put(t, r, C_STAT, "%s", ld_stat(c->statistic, a, sizeof a));
            put(t, r, C_P, "%s", ld_pvalue(c->p_value, b, sizeof b));
            put(t, r, C_THR, "%g", c->threshold);
        }
        put(t, r, C_DRIFTED, "%s", c->drifted ? "yes" : "no");
        if (missing && (c->miss_ref > 0 || c->miss_cur > 0))
            put(t, r, C_MISS, "%s -> %s",
                share_text(miss_share(c->miss_ref, c->n_ref), a, sizeof a),
                share_text(miss_share(c->miss_cur, c->n_cur), b, sizeof b));
        if (c->note)
            put(t, r, C_NOTE, "%s", c->note);
    }
}

/* Write the line s, broken at spaces to fit width (at least 40): the
 * lines after the first indented by two more spaces than s's own
 * indent; runs of spaces inside s become one.  A word longer than a line
 * stays whole. */
static void put_wrapped(lt_sbuf *b, const char *s, int width)
{
    if (width < 40)
        width = 40;
    int indent = (int)strspn(s, " ");
    lt_sbuf_printf(b, "%*s", indent, "");
    s += indent;
    int col = indent;
    bool first = true;
    while (*s) {
        size_t len = strcspn(s, " ");
        int w = lt_display_width(s, len);
        if (!first && col + 1 + w > width) {
            lt_sbuf_printf(b, "\n%*s", indent + 2, "");
            col = indent + 2;
        } else if (!first) {
            lt_sbuf_printf(b, " ");
            col++;
        }
        lt_sbuf_printf(b, "%.*s", (int)len, s);
        col += w;
        first = false;
        s += len;
        s += strspn(s, " ");
    }
    lt_sbuf_printf(b, "\n");
}

char *ld_format(const lt_drift *d, const ld_context *ctx, const lt_print_opts *po)
{
    lt_sbuf b = {0};
    char n1[32], n2[32], v[160], line[320];
    int ncompared = ld_ncompared(d);
    int width = po && po->width > 0 ? po->width : 80;
    int at = 0;
    if (ctx->window)
        at = snprintf(line, sizeof line, "Data drift of window %s against %s: ", ctx->window,
                      ctx->baseline);
    else
        at = snprintf(line, sizeof line, "Data drift: ");
    if (at > 0 && (size_t)at < sizeof line)
        snprintf(line + at, sizeof line - (size_t)at,
                 "%s reference row%s, %s current row%s, %d column%s compared",
                 lt_count_format(d->nref, n1, sizeof n1), d->nref == 1 ? "" : "s",
                 lt_count_format(d->ncur, n2, sizeof n2), d->ncur == 1 ? "" : "s", ncompared,
                 ncompared == 1 ? "" : "s");
    put_wrapped(&b, line, width);
    bool missing = false, notes = false, marked = false, tests = false;
    for (int i = 0; i < d->ncol; i++) {
        tests |= is_test(&d->cols[i]);
        missing |= d->cols[i].miss_ref > 0 || d->cols[i].miss_cur > 0;
        notes |= d->cols[i].note != NULL;
        marked |= as_categories(&d->cols[i]);
    }
    if (d->ncol > 0) {
        table t;
        if (!table_init(&t, d->ncol + 1, NCOLS, 1u << C_NAME | 1u << C_TYPE | 1u << C_METHOD |
                        1u << C_DRIFTED | 1u << C_MISS | 1u << C_NOTE)) {
            free(b.s);
            return NULL;
        }
        report_table(&t, d, missing);
        /* the p-values when there is a test, the missing shares when a
         * value is missing; columns one space apart when two do not fit;
         * the notes in the table when they fit, else as lines below it */
        int cols[NCOLS], n = 0;
        for (int c = 0; c < NCOLS; c++)
            if (c != C_NOTE && (missing || c != C_MISS) && (tests || c != C_P))
                cols[n++] = c;
        int indent = 2, sep = 2;
        if (table_width(&t, cols, n, indent, sep) > width)
            indent = 0;
        if (table_width(&t, cols, n, indent, sep) > width)
            sep = 1;
        /* still too wide (a narrow console pane): the missing shares go
         * below the table, then the threshold and type columns go */
        static const int droppable[] = {C_MISS, C_THR, C_TYPE};
        bool miss_below = false;
        for (size_t k = 0; k < sizeof droppable / sizeof *droppable; k++) {
            if (table_width(&t, cols, n, indent, sep) <= width)
                break;
            int keep = 0;
            for (int j = 0; j < n; j++)
                if (cols[j] != droppable[k])
                    cols[keep++] = cols[j];
            miss_below |= droppable[k] == C_MISS && keep < n;
            n = keep;
        }
        cols[n] = C_NOTE;
        bool inline_notes = notes && table_width(&t, cols, n + 1, indent, sep) <= width;
        lt_sbuf_printf(&b, "\n");
        table_write(&b, &t, cols, n + inline_notes, indent, sep);
        b.oom |= t.oom;
        if ((notes && !inline_notes) || miss_below)
            lt_sbuf_printf(&b, "\n");
        for (int i = 0; i < d->ncol; i++) {
            if (notes && !inline_notes && d->cols[i].note)
                lt_sbuf_printf(&b, "  %s: %s\n", d->cols[i].name, d->cols[i].note);
            bool said = d->cols[i].note && strstr(d->cols[i].note, "missing ");
            if (miss_below && *get(&t, i + 1, C_MISS) && !said)
                lt_sbuf_printf(&b, "  %s: missing %s\n", d->cols[i].name, get(&t, i + 1, C_MISS));
        }
        table_fini(&t);
        lt_sbuf_printf(&b, "\n");
    }
    if (marked) {
        snprintf(line, sizeof line, "* numbers compared as categories (at most %d distinct "
                 "values, or asked)", ctx->o->max_distinct);
        put_wrapped(&b, line, width);
    }
    if (ctx->o->method == LT_DRIFT_AUTO) {
        snprintf(line, sizeof line, "method auto: up to %s reference values ks (numbers) or "
                 "chi2 (categories), above wasserstein (in reference sds) or js",
                 lt_count_format(ctx->o->small, n1, sizeof n1));
        put_wrapped(&b, line, width);
    }
    lt_sbuf_printf(&b, "%s\n", ld_verdict(d, v, sizeof v));
    snprintf(line, sizeof line, "  (dataset drift from %s of the columns drifted: "
             "drift_share = %g)", pct(d->drift_share, 0, n1, sizeof n1), d->drift_share);
    put_wrapped(&b, line, width);
    if (d->nskipped > 0) {
        lt_sbuf_printf(&b, "skipped:");
        for (int i = 0; i < d->nskipped; i++)
            lt_sbuf_printf(&b, "%s %s", i ? "," : "", d->skipped[i]);
        lt_sbuf_printf(&b, "\n");
    }
    return lt_sbuf_take_text(&b);
}

/* ---- one column ------------------------------------------------------------------ */

char *ld_col_format(const lt_drift_col *c, const lt_print_opts *po)
{
    (void)po;
    lt_sbuf b = {0};
    char a[64], x[64];
    lt_sbuf_printf(&b, "Drift of column '%s' (%s", c->name, lt_type_name(c->ref_type));
    if (c->cur_type != c->ref_type)
        lt_sbuf_printf(&b, " in the reference, %s in the current frame",
                       lt_type_name(c->cur_type));
    lt_sbuf_printf(&b, ", %s)\n", ld_kind_name(c->kind));
    lt_sbuf_printf(&b, "  method     %s", lt_drift_method_name(c->method));
    if (c->why)
        lt_sbuf_printf(&b, " (%s)", c->why);
    lt_sbuf_printf(&b, "\n");
    if (compared(c)) {
        lt_sbuf_printf(&b, "  statistic  %s", ld_stat(c->statistic, a, sizeof a));
        if (c->method == LT_DRIFT_WASSERSTEIN)
            lt_sbuf_printf(&b, " (in reference sds; the distance is %s)",
                           ld_stat(c->wasserstein, x, sizeof x));
        if (c->method == LT_DRIFT_CHI2)
            lt_sbuf_printf(&b, " (df %d)", c->df);
        lt_sbuf_printf(&b, "\n");
        if (is_test(c))
            lt_sbuf_printf(&b, "  p-value    %s\n", ld_pvalue(c->p_value, a, sizeof a));
        lt_sbuf_printf(&b, "  threshold  %g: drifts when %s\n", c->threshold,
                       is_test(c) ? "p < threshold" : "statistic >= threshold");
    }
    lt_sbuf_printf(&b, "  drifted    %s", c->drifted ? "yes" : "no");
    if (compared(c))
        lt_sbuf_printf(&b, " (severity %s)", ld_stat(c->severity, a, sizeof a));
    lt_sbuf_printf(&b, "\n  values     %s reference, %s current\n",
                   lt_count_format(c->n_ref, a, sizeof a), lt_count_format(c->n_cur, x, sizeof x));
    if (c->miss_ref > 0 || c->miss_cur > 0) {
        char p1[16], p2[16];
        lt_sbuf_printf(&b, "  missing    %s reference (%s), %s current (%s)%s\n",
                       lt_count_format(c->miss_ref, a, sizeof a),
                       share_text(miss_share(c->miss_ref, c->n_ref), p1, sizeof p1),
                       lt_count_format(c->miss_cur, x, sizeof x),
                       share_text(miss_share(c->miss_cur, c->n_cur), p2, sizeof p2),
                       c->missing_drifted ? ": moved past missing_shift" : "");
    }
    if (c->nunseen > 0)
        lt_sbuf_printf(&b, "  unseen     %d categor%s of the current frame not in the "
                       "reference\n", c->nunseen, c->nunseen == 1 ? "y" : "ies");
    if (c->note)
        lt_sbuf_printf(&b, "  note       %s\n", c->note);
    return lt_sbuf_take_text(&b);
}

/* ---- drift over time ----------------------------------------------------------- */

/* The first report of s (its columns are every window's), or NULL. */
static const lt_drift *first_report(const lt_drift_series *s)
{
    for (int w = 0; w < s->nwin; w++)
        if (s->win[w])
            return s->win[w];
    return NULL;
}

/* A cell of the wide table: the score (p-value or statistic), '*' when
 * drifted. */
static void score_cell(table *t, int r, int c, const lt_drift_col *dc)
{
    char a[48];
    if (dc->method == LT_DRIFT_MISSING)
        put(t, r, c, "missing%s", dc->drifted ? "*" : "");
    else if (dc->method == LT_DRIFT_NONE)
        put(t, r, c, "-");
    else if (is_test(dc))
        put(t, r, c, "%s%s", ld_pvalue(dc->p_value, a, sizeof a), dc->drifted ? "*" : "");
    else
        put(t, r, c, "%s%s", ld_stat(dc->statistic, a, sizeof a), dc->drifted ? "*" : "");
}

static double sev_key(const lt_drift_col *c) { return isnan(c->severity) ? -1 : c->severity; }

/* The value of a column without its method (the same in every window):
 * "p < 1e-16", "p 0.0031", "0.4213", "missing". */
static void short_label(const lt_drift_col *c, char *buf, size_t cap)
{
    char v[48];
    if (!compared(c))
        snprintf(buf, cap, "%s", c->method == LT_DRIFT_MISSING ? "missing" : "not compared");
    else if (is_test(c))
        snprintf(buf, cap, "p %s%s", c->p_value < 1e-16 ? "" : "= ",
                 ld_pvalue(c->p_value, v, sizeof v));
    else
        snprintf(buf, cap, "%s", ld_stat(c->statistic, v, sizeof v));
}

/* The drifted columns of report d, the most severe first, as
 * "name (value)" while they fit `avail` cells (at least one), then
 * ", …" when some are left out. */
static void most_drifting(table *t, int r, int c, const lt_drift *d, int avail)
{
    lt_sbuf b = {0};
    char v[96];
    int shown = 0, used = 0;
    bool *taken = calloc((size_t)(d->ncol > 0 ? d->ncol : 1), sizeof *taken);
    if (!taken) {
        t->oom = true;
        return;
    }
    for (;;) {
        int pick = -1;
        for (int i = 0; i < d->ncol; i++)
            if (d->cols[i].drifted && !taken[i] &&
                (pick < 0 || sev_key(&d->cols[i]) > sev_key(&d->cols[pick])))
                pick = i;
        if (pick < 0)
            break;
        taken[pick] = true;
        const lt_drift_col *x = &d->cols[pick];
        short_label(x, v, sizeof v);
        int need = width_of(x->name) + width_of(v) + 3 + (shown ? 2 : 0);
        bool more = shown + 1 < d->ndrifted;
        if (shown > 0 && used + need + (more ? 3 : 0) > avail)
            break;
        lt_sbuf_printf(&b, "%s%s (%s)", shown ? ", " : "", x->name, v);
        used += need;
        shown++;
    }
    free(taken);
    if (d->ndrifted > shown)
        lt_sbuf_printf(&b, ", …");
    bool oom = b.oom;
    char *text = lt_sbuf_take(&b);
    t->oom |= oom;
    put(t, r, c, "%s", text ? text : "-");
    free(text);
}

char *ld_series_format(const ld_series *ls, const lt_drift_opts *o, const lt_print_opts *po)
{
    const lt_drift_series *s = ls->s;
    lt_sbuf b = {0};
    char a[48];
    lt_sbuf_printf(&b, "Drift over time: %d window%s of '%s' by %s%s, ", s->nwin,
                   s->nwin == 1 ? "" : "s", ls->time, s->is_time ? "" : "steps of ", ls->every);
    if (ls->base == LT_DRIFT_FIRST)
        lt_sbuf_printf(&b, "each against the first (%s)\n", ls->labels[0]);
    else if (ls->base == LT_DRIFT_PREVIOUS)
        lt_sbuf_printf(&b, "each against the one before\n");
    else
        lt_sbuf_printf(&b, "each against the reference frame (%s rows)\n",
                       lt_count_format(ls->ref_rows, a, sizeof a));
    if (s->dropped > 0)
        lt_sbuf_printf(&b, "%s row%s without a '%s' left out\n",
                       lt_count_format(s->dropped, a, sizeof a), s->dropped == 1 ? "" : "s",
                       ls->time);
    const lt_drift *first = first_report(s);
    int ncol = first ? first->ncol : 0;
    /* wide: a column per compared column, under its name and method */
    table t;
    if (!table_init(&t, s->nwin + 2, 3 + ncol, 1u)) {
        free(b.s);
        return NULL;
    }
    put(&t, 0, 0, "window");
    put(&t, 0, 1, "rows");
    put(&t, 0, 2, "drifted");
    for (int c = 0; c < ncol; c++) {
        put(&t, 0, 3 + c, "%s", first->cols[c].name);
        put(&t, 1, 3 + c, "%s", lt_drift_method_name(first->cols[c].method));
    }
    for (int w = 0; w < s->nwin; w++) {
        const lt_drift *d = s->win[w];
        put(&t, w + 2, 0, "%s", ls->labels[w]);
        put(&t, w + 2, 1, "%s", lt_count_format(s->rows[w], a, sizeof a));
        if (!d) {
            put(&t, w + 2, 2, "baseline");
            continue;
        }
        put(&t, w + 2, 2, "%d of %d", d->ndrifted, ld_ncompared(d));
        for (int c = 0; c < ncol && c < d->ncol; c++)
            score_cell(&t, w + 2, 3 + c, &d->cols[c]);
    }
    int width = po && po->width > 0 ? po->width : 80;
    int *cols = malloc((size_t)(4 + ncol) * sizeof *cols);
    if (!cols) {
        table_fini(&t);
        free(b.s);
        return NULL;
    }
    first_cols(cols, 3 + ncol);
    bool wide = ncol > 0 && table_width(&t, cols, 3 + ncol, 2, 2) <= width;
    lt_sbuf_printf(&b, "\n");
    if (wide) {
        table_write(&b, &t, cols, 3 + ncol, 2, 2);
        b.oom |= t.oom;
        table_fini(&t);
        lt_sbuf_printf(&b, "\ncells: the p-value of a test or the distance; * drifted\n");
    } else {
        /* narrow: the most drifting columns of each window instead */
        table_fini(&t);
        if (!table_init(&t, s->nwin + 1, 4, 1u | 1u << 3)) {
            free(b.s);
            return NULL;
        }
        put(&t, 0, 0, "window");
        put(&t, 0, 1, "rows");
        put(&t, 0, 2, "drifted");
        put(&t, 0, 3, "most drifting");
        for (int w = 0; w < s->nwin; w++) {
            const lt_drift *d = s->win[w];
            put(&t, w + 1, 0, "%s", ls->labels[w]);
            put(&t, w + 1, 1, "%s", lt_count_format(s->rows[w], a, sizeof a));
            if (d)
                put(&t, w + 1, 2, "%d of %d", d->ndrifted, ld_ncompared(d));
            else
                put(&t, w + 1, 2, "baseline");
        }
        int avail = width - table_width(&t, cols, 3, 2, 2) - 2;
        for (int w = 0; w < s->nwin; w++)
            if (s->win[w])
                most_drifting(&t, w + 1, 3, s->win[w], avail);
        table_write(&b, &t, cols, 4, 2, 2);
        b.oom |= t.oom;
        table_fini(&t);
        lt_sbuf_printf(&b, "\n%d columns compared in each window; w:window(i) shows one, "
                       "w:stats() all\n", ncol);
    }
    free(cols);
    int ndrift = 0, nwin = 0;
    for (int w = 0; w < s->nwin; w++)
        if (s->win[w]) {
            nwin++;
            ndrift += s->win[w]->dataset_drift;
        }
    lt_sbuf_printf(&b, "dataset drift in %d of %d compared window%s (drift_share = %g)",
                   ndrift, nwin, nwin == 1 ? "" : "s", o->drift_share);
    if (o->method == LT_DRIFT_AUTO)
        lt_sbuf_printf(&b, "\nmethod auto, chosen once per column from the median window "
                       "size");
    return lt_sbuf_take_text(&b);
}
