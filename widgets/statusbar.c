/* The status bar (statusbar.h): data set, hints or a job's progress or a
 * message, and memory and threads, on one row.
 *
 * The row is laid out from its parts by priority: the resources on the
 * right go first when the row is short, then the middle shrinks (a
 * progress display sheds its "Ctrl-C cancels", its times and its bar
 * before its label is cut), the data set last. */
#include "statusbar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "inspector.h"   /* lt_format_bytes */

enum {
    GAP = 2,         /* cells between the parts */
    BAR_CELLS = 15,  /* inside the brackets, when there is room */
    BAR_MID = 10,
    BAR_MIN = 5,
    LABEL_MIN = 8    /* cells of a long job label kept before the bar goes */
};

struct lt_statusbar {
    lt_widget base;
    bool ascii;
    char *dataset, *hints, *message;
    bool error;
    size_t rss;
    int threads;
    char *label;      /* the job; NULL when none runs */
    double fraction, elapsed;
};

/* ---- text helpers ---------------------------------------------------- */

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

/* A duration as a person reads it: 0.4s, 12s, 2m05s, 1h20m. */
static void format_secs(double s, char *buf, size_t cap)
{
    if (!(s >= 0))   /* NaN, negative */
        s = 0;
    if (s < 9.95)
        snprintf(buf, cap, "%.1fs", s);
    else if (s < 59.5)
        snprintf(buf, cap, "%.0fs", s);
    else if (s < 3600 - 0.5) {
        int t = (int)lround(s);
        snprintf(buf, cap, "%dm%02ds", t / 60, t % 60);
    } else if (s < 100 * 3600.0) {
        int t = (int)lround(s / 60);
        snprintf(buf, cap, "%dh%02dm", t / 60, t % 60);
    } else {
        snprintf(buf, cap, ">99h");
    }
}

/* ---- the progress display -------------------------------------------- */

/* The parts of the progress text; each optional one is dropped when the
 * room is short, in the reverse order of their listing. */
typedef struct progress_parts {
    char pct[8];        /* " 42%"; "" when the fraction is unknown */
    char times[80];     /* "1.3s, ~1.8s left" or "1.3s" */
    bool bar;
    int bar_cells;
    bool cancel;
} progress_parts;

static const char CANCEL[] = "Ctrl-C cancels";

static bool known(const lt_statusbar *s)
{
    return s->fraction >= 0;   /* false for NaN too */
}

static double frac(const lt_statusbar *s)
{
    return s->fraction > 1 ? 1 : s->fraction;
}

/* Widths: label + pct + " [" bar "]" + " " times + "  " cancel. */
static int parts_width(const progress_parts *p, int label_w)
{
    int w = label_w + (int)strlen(p->pct);
    if (p->bar)
        w += 2 + p->bar_cells + 1;
    if (p->times[0])
        w += 1 + (int)strlen(p->times);
    if (p->cancel)
        w += GAP + (int)sizeof CANCEL - 1;
    return w;
}

/* What of the progress display fits in avail cells beside a label of
 * label_w cells.  Levels, the first that fits wins: everything with a
 * bar of 10 to 15 cells; without "Ctrl-C cancels" and a bar of 5 to 15;
 * without the estimate; without the elapsed time; without the bar. */
static progress_parts progress_fit(const lt_statusbar *s, int avail, int label_w)
{
    progress_parts p = {.bar = known(s), .bar_cells = BAR_CELLS, .cancel = true};
    if (known(s)) {
        double f = frac(s);
        snprintf(p.pct, sizeof p.pct, " %3d%%", (int)floor(f * 100 + 1e-9));
    }
    char el[32], eta[80];
    format_secs(s->elapsed, el, sizeof el);
    snprintf(eta, sizeof eta, "%s", el);
    /* An estimate only once there is something to go by. */
    if (known(s) && frac(s) >= 0.02 && s->elapsed >= 0.5 && frac(s) < 1) {
        double f = frac(s);
        char left[32];
        format_secs(s->elapsed * (1 - f) / f, left, sizeof left);
        snprintf(eta, sizeof eta, "%s, ~%s left", el, left);
    }
    for (int level = 0; level < 4; level++) {
        p.cancel = level == 0;
        snprintf(p.times, sizeof p.times, "%s", level <= 1 ? eta : level == 2 ? el : "");
        p.bar = false;
        int room = avail - parts_width(&p, label_w);
        if (!known(s)) {
            if (room >= 0)
                return p;
            continue;
        }
        room -= 3;   /* " [" and "]" */
        if (room >= (level == 0 ? BAR_MID : BAR_MIN)) {
            p.bar = true;
            p.bar_cells = room < BAR_CELLS ? room : BAR_CELLS;
            return p;
        }
    }
    p.bar = false;
    return p;   /* the label and percentage; the label is cut to fit */
}

/* Draw the bar's cells: eighth blocks (U+2589..U+258F) for the partial
 * cell, or '#' for whole cells in ASCII. */
static int draw_bar(lt_canvas *c, int x, double f, int cells, bool ascii)
{
    lt_canvas_put(c, x, 0, '[', NULL, 0);
    long eighths = (long)floor(f * cells * 8 + 1e-9);
    for (int i = 0; i < cells; i++) {
        long e = eighths - 8L * i;
        uint32_t ch = ' ';
        if (e >= 8)
            ch = ascii ? '#' : 0x2588;
        else if (e > 0 && !ascii)
            ch = 0x2590 - (uint32_t)e;   /* 1/8 U+258F .. 7/8 U+2589 */
        lt_canvas_put(c, x + 1 + i, 0, ch, &LT_UI_ACCENT, 0);
    }
    lt_canvas_put(c, x + 1 + cells, 0, ']', NULL, 0);
    return cells + 2;
}

/* The progress display from x in at most avail cells. */
static void draw_progress(const lt_statusbar *s, lt_canvas *c, int x, int avail)
{
    /* The label keeps a few cells; a long one is cut rather than the
     * bar dropped. */
    int label_w = lt_text_width(s->label);
    progress_parts p = progress_fit(s, avail, label_w < LABEL_MIN ? label_w : LABEL_MIN);
    int rest = avail - parts_width(&p, 0);
    if (rest < 1) {   /* no room for the label beside the rest: label only */
        lt_widget_put_fit(c, x, 0, s->label, avail, s->ascii, NULL, LT_CELL_BOLD);
        return;
    }
    x += lt_widget_put_fit(c, x, 0, s->label, rest, s->ascii, NULL, LT_CELL_BOLD);
    x += lt_canvas_text(c, x, 0, p.pct, 8, NULL, LT_CELL_BOLD);
    if (p.bar) {
        lt_canvas_put(c, x++, 0, ' ', NULL, 0);
        x += draw_bar(c, x, frac(s), p.bar_cells, s->ascii);
    }
    if (p.times[0])
        x += 1 + lt_canvas_text(c, x + 1, 0, p.times, 80, NULL, 0);
    if (p.cancel)
        lt_canvas_text(c, x + GAP, 0, CANCEL, 32, NULL, LT_CELL_DIM);
}

/* ---- drawing --------------------------------------------------------- */

static int progress_width(const lt_statusbar *s)
{
    progress_parts p = progress_fit(s, 1 << 20, 0);
    return parts_width(&p, lt_text_width(s->label));
}

static void sb_draw(lt_widget *w, lt_canvas *c)
{
    lt_statusbar *s = (lt_statusbar *)w;
    int W = c->w;
    lt_canvas_fill_bg(c, 0, 0, W, 1, LT_UI_HEADER_BG);

    char right[64] = "";
    if (s->rss) {
        char b[16];
        lt_format_bytes(s->rss, b, sizeof b);
        snprintf(right, sizeof right, "RSS %s", b);
    }
    if (s->threads > 0) {
        size_t k = strlen(right);
        snprintf(right + k, sizeof right - k, "%s%d thread%s", k ? "  " : "", s->threads,
                 s->threads == 1 ? "" : "s");
    }
    /* The middle: a running job, else a message, else the hints. */
    int mw = 0;
    const char *mid = NULL;
    if (s->label)
        mw = progress_width(s);
    else if ((mid = s->message ? s->message : s->hints) != NULL)
        mw = lt_text_width(mid);
    int lw = lt_text_width(s->dataset), rw = lt_text_width(right);

    int x0 = W > 1 ? 1 : 0, avail = W - x0 - (W > 1 ? 1 : 0);
    bool has_mid = mw > 0;
    int need = lw + (lw && has_mid ? GAP : 0) + mw;
    bool show_right = rw > 0 && need + (need ? GAP : 0) + rw <= avail;
    if (show_right)
        lt_canvas_text(c, W - x0 - rw, 0, right, rw, NULL, 0);

    /* The data set keeps its width unless the middle would get less than
     * half the row. */
    int lmax = lw;
    if (!has_mid)
        lmax = avail;
    else if (lw + GAP + mw > avail)
        lmax = imax(avail - GAP - mw, imin(lw, avail / 2));
    int x = x0 + lt_widget_put_fit(c, x0, 0, s->dataset, lmax, s->ascii, NULL, LT_CELL_BOLD);
    if (!has_mid)
        return;
    if (lw)
        x += GAP;
    int room = x0 + avail - x;
    if (room <= 0)
        return;
    if (s->label)
        draw_progress(s, c, x, room);
    else if (s->message && s->error)
        lt_widget_put_fit(c, x, 0, mid, room, s->ascii, &LT_UI_ERROR, LT_CELL_BOLD);
    else
        lt_widget_put_fit(c, x, 0, mid, room, s->ascii, NULL, s->message ? 0 : LT_CELL_DIM);
}

static void sb_free(lt_widget *w)
{
    lt_statusbar *s = (lt_statusbar *)w;
    free(s->dataset);
    free(s->hints);
    free(s->message);
    free(s->label);
    free(s);
}

static const lt_widget_ops statusbar_ops = {
    .name = "statusbar",
    .draw = sb_draw,
    .free = sb_free,
};

/* ---- API ------------------------------------------------------------- */

lt_statusbar *lt_statusbar_new(bool ascii)
{
    lt_statusbar *s = calloc(1, sizeof *s);
    if (s == NULL) {
        lt_nomem();
        return NULL;
    }
    s->base.ops = &statusbar_ops;
    s->base.w = s->base.h = 1;
    s->ascii = ascii;
    return s;
}

lt_widget *lt_statusbar_widget(lt_statusbar *s)
{
    return &s->base;
}

/* *slot = a copy of text (NULL, and NULL without memory: the item is
 * then not shown rather than stale). */
static void set_str(char **slot, const char *text)
{
    free(*slot);
    *slot = text ? strdup(text) : NULL;
}

void lt_statusbar_set_dataset(lt_statusbar *s, const char *text)
{
    set_str(&s->dataset, text);
}

void lt_statusbar_set_hints(lt_statusbar *s, const char *text)
{
    set_str(&s->hints, text);
}

void lt_statusbar_set_resources(lt_statusbar *s, size_t rss_bytes, int threads)
{
    s->rss = rss_bytes;
    s->threads = threads;
}

void lt_statusbar_set_progress(lt_statusbar *s, const char *label, double fraction,
                               double elapsed)
{
    if (label == NULL || s->label == NULL || strcmp(label, s->label) != 0)
        set_str(&s->label, label);
    s->fraction = isnan(fraction) ? -1 : fraction;
    s->elapsed = elapsed;
}

void lt_statusbar_message(lt_statusbar *s, const char *text, bool error)
{
    set_str(&s->message, text);
    s->error = error;
}
