/* The plot pane (plotview.h): a history of figures, the one shown drawn
 * by the text renderer below a title bar.
 *
 * The rendered canvas (or the renderer's message) is kept until the
 * figure shown or the pane size changes, so a redraw of the workbench
 * copies cells instead of laying the figure out again. */
#include "plotview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ansi.h"
#include "error.h"
#include "render_text.h"

enum {
    MIN_W = 20,   /* the renderer's smallest canvas */
    MIN_H = 5
};

struct lt_plotview {
    lt_widget base;
    lt_figure **figs;   /* oldest first; owned */
    int n, cap, max;
    int cur;            /* index of the figure shown; -1 when empty */
    bool ascii, mono;
    /* The render of figs[cur] at cw x ch: a canvas, or the renderer's
     * message.  Dropped whenever cur or the list changes. */
    bool cached;
    int cw, ch;
    lt_canvas *canvas;
    char *err;
};

static void drop_cache(lt_plotview *p)
{
    lt_canvas_free(p->canvas);
    free(p->err);
    p->canvas = NULL;
    p->err = NULL;
    p->cached = false;
}

/* ---- text helpers ---------------------------------------------------- */

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\n' || ch == '\t';
}

/* Word-wrap s into rows y0 .. c->h-1 between columns x0 and x0+w-1;
 * words longer than a row are broken. */
static void put_wrapped(lt_canvas *c, int x0, int y0, int w, const char *s,
                        const lt_rgb *fg, uint8_t flags)
{
    if (w <= 0)
        return;
    /* Composed, so that a letter and its combining accent are one. */
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
    const char *t = nfc ? nfc : s;
    size_t len = strlen(t), i = 0;
    int y = y0, x = 0;
    while (i < len && y < c->h) {
        while (i < len && is_space(t[i]))
            i++;
        if (i >= len)
            break;
        size_t j = i;   /* the word is t[i..j), ww cells */
        int ww = 0;
        while (j < len && !is_space(t[j]))
            ww += lt_text_cp_width(lt_text_decode(t, len, &j));
        if (x > 0 && x + 1 + ww > w) {
            y++;
            x = 0;
        } else if (x > 0) {
            x++;
        }
        while (i < j && y < c->h) {
            uint32_t cp = lt_text_decode(t, j, &i);
            int cw = lt_text_cp_width(cp);
            if (cw == 0 || cw > w)   /* a wide character in a 1-cell pane */
                continue;
            if (x + cw > w) {
                y++;
                x = 0;
                if (y >= c->h)
                    break;
            }
            if (cw == 2)
                lt_canvas_put(c, x0 + x + 1, y, 0, fg, flags);
            lt_canvas_put(c, x0 + x, y, cp, fg, flags);
            x += cw;
        }
        i = j;
    }
    free(nfc);
}

/* ---- drawing --------------------------------------------------------- */

static void draw_title(lt_plotview *p, lt_canvas *c)
{
    lt_canvas_fill_bg(c, 0, 0, c->w, 1, LT_UI_HEADER_BG);
    const lt_rgb *accent = p->base.focused ? &LT_UI_ACCENT : NULL;
    char head[48];
    if (p->n == 0)
        snprintf(head, sizeof head, "plots");
    else
        snprintf(head, sizeof head, "figure %d/%d", p->cur + 1, p->n);
    const char *title = p->n ? p->figs[p->cur]->title : NULL;
    const char *hint = p->ascii ? "</> history" : "\u2190/\u2192 history";
    int W = c->w, x = 1;
    if (W <= 2)
        x = 0;
    /* The hint goes first when the pane is narrow: it says how to move,
     * and the renderer draws the title again inside the figure. */
    bool show_hint = p->n > 1 && x + lt_text_width(head) + 2 + 11 + 1 <= W;
    int right = show_hint ? W - 1 - 11 - 2 : W - x;   /* the title ends before this */
    x += lt_widget_put_fit(c, x, 0, head, right - x, p->ascii, accent, LT_CELL_BOLD);
    if (title && right - x - 2 > 0)
        lt_widget_put_fit(c, x + 2, 0, title, right - x - 2, p->ascii, NULL, 0);
    if (show_hint)
        lt_canvas_text(c, W - 1 - 11, 0, hint, 11, NULL, LT_CELL_DIM);
}

/* Lines centred in the rows below the title. */
static void draw_hint(lt_canvas *c, int y0, bool ascii)
{
    static const char *const lines[] = {"no figure yet", "try  plot(churn.tenure)"};
    int rows = c->h - y0, n = 2;
    int y = y0 + (rows > n ? (rows - n) / 2 : 0);
    for (int i = 0; i < n && y < c->h; i++, y++) {
        int w = lt_text_width(lines[i]);
        int x = c->w > w ? (c->w - w) / 2 : 0;
        lt_widget_put_fit(c, x, y, lines[i], c->w, ascii, NULL, i == 0 ? LT_CELL_DIM : 0);
    }
}

/* Render the current figure at cw x ch unless that is what the cache
 * holds. */
static void ensure_render(lt_plotview *p, int cw, int ch)
{
    if (p->cached && p->cw == cw && p->ch == ch)
        return;
    drop_cache(p);
    lt_text_opts o = {.width = cw, .height = ch, .ascii = p->ascii, .mono = p->mono};
    lt_clearerr();
    p->canvas = lt_render_text(p->figs[p->cur], &o);
    if (p->canvas == NULL) {
        const char *m = lt_errmsg();
        p->err = strdup(*m ? m : "plot: the figure could not be drawn");
        /* Without memory even for the message, do not cache: the next
         * draw tries again. */
        if (p->err == NULL)
            return;
    }
    p->cached = true;
    p->cw = cw;
    p->ch = ch;
}

static void pv_draw(lt_widget *w, lt_canvas *c)
{
    lt_plotview *p = (lt_plotview *)w;
    /* One row: only a message; the title bar needs a row below it. */
    int y0 = c->h >= 2 ? 1 : 0;
    if (y0)
        draw_title(p, c);
    if (p->n == 0) {
        if (y0)
            draw_hint(c, y0, p->ascii);
        else
            lt_widget_put_fit(c, 0, 0, "no figure yet", c->w, p->ascii, NULL, LT_CELL_DIM);
        return;
    }
    int aw = c->w, ah = c->h - y0;
    if (aw < MIN_W || ah < MIN_H) {
        put_wrapped(c, 0, y0, c->w, "pane too small", NULL, LT_CELL_DIM);
        return;
    }
    ensure_render(p, aw, ah);
    if (p->canvas) {
        for (int y = 0; y < ah; y++)
            memcpy(&c->cells[(size_t)(y + y0) * (size_t)c->w],
                   &p->canvas->cells[(size_t)y * (size_t)aw], (size_t)aw * sizeof(lt_cell));
    } else {
        const char *m = p->err ? p->err : "plot: out of memory";
        put_wrapped(c, 1, y0 + 1, aw - 2, m, &LT_UI_ERROR, 0);
    }
}

/* ---- history --------------------------------------------------------- */

static int show(lt_plotview *p, int i)
{
    if (p->n == 0)
        return LT_W_HANDLED;
    if (i < 0)
        i = 0;
    if (i >= p->n)
        i = p->n - 1;
    if (i == p->cur)
        return LT_W_HANDLED;
    p->cur = i;
    drop_cache(p);
    return LT_W_HANDLED | LT_W_REDRAW;
}

static void remove_at(lt_plotview *p, int i)
{
    lt_figure_free(p->figs[i]);
    memmove(&p->figs[i], &p->figs[i + 1], (size_t)(p->n - i - 1) * sizeof *p->figs);
    p->n--;
}

static int pv_key(lt_widget *w, const lt_key_event *ev)
{
    lt_plotview *p = (lt_plotview *)w;
    switch (ev->key) {
    case LT_KEY_LEFT: case '[': case LT_KEY_WHEEL_UP:
        return show(p, p->cur - 1);
    case LT_KEY_RIGHT: case ']': case LT_KEY_WHEEL_DOWN:
        return show(p, p->cur + 1);
    case LT_KEY_HOME:
        return show(p, 0);
    case LT_KEY_END:
        return show(p, p->n - 1);
    case LT_KEY_DELETE:
        if (p->n == 0)
            return LT_W_HANDLED;
        remove_at(p, p->cur);
        if (p->cur >= p->n)
            p->cur = p->n - 1;   /* -1 when that was the last */
        drop_cache(p);
        return LT_W_HANDLED | LT_W_REDRAW;
    default:
        return 0;
    }
}

static void pv_free(lt_widget *w)
{
    lt_plotview *p = (lt_plotview *)w;
    for (int i = 0; i < p->n; i++)
        lt_figure_free(p->figs[i]);
    free(p->figs);
    drop_cache(p);
    free(p);
}

static const lt_widget_ops plotview_ops = {
    .name = "plotview",
    .draw = pv_draw,
    .on_key = pv_key,
    .free = pv_free,
};

lt_plotview *lt_plotview_new(int max_figures, bool ascii, bool mono)
{
    lt_plotview *p = calloc(1, sizeof *p);
    if (p == NULL) {
        lt_nomem();
        return NULL;
    }
    p->base.ops = &plotview_ops;
    p->base.w = p->base.h = 1;
    p->max = max_figures < 1 ? 1 : max_figures;
    p->cur = -1;
    p->ascii = ascii;
    p->mono = mono;
    return p;
}

lt_widget *lt_plotview_widget(lt_plotview *p)
{
    return &p->base;
}

int lt_plotview_push(lt_plotview *p, lt_figure *f)
{
    if (f == NULL)
        return lt_seterr(LT_EINVAL, "plot pane: no figure");
    if (p->n == p->max) {
        remove_at(p, 0);
    } else if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 8;
        if (cap > p->max)
            cap = p->max;
        lt_figure **figs = realloc(p->figs, (size_t)cap * sizeof *figs);
        if (figs == NULL) {
            lt_figure_free(f);
            return lt_nomem();
        }
        p->figs = figs;
        p->cap = cap;
    }
    p->figs[p->n++] = f;
    p->cur = p->n - 1;
    drop_cache(p);
    return 0;
}

int lt_plotview_count(const lt_plotview *p)
{
    return p->n;
}

int lt_plotview_current(const lt_plotview *p)
{
    return p->cur;
}
