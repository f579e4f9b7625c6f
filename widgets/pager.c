/* The scrollable text view of F1 help (pager.h).
 *
 * The text goes once through the same writer as the console's output
 * (SGR colours, tabs, control characters) into a textbuf.  The view is
 * the wrapped row at its top; an array of the rows before each line at
 * the current width maps rows to lines (help texts are short, so the
 * whole text is laid out once per width). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansi.h"
#include "error.h"
#include "lineedit.h"
#include "pager.h"
#include "textbuf.h"

#define WHEEL_ROWS 3

struct lt_pager {
    lt_widget base;
    char *title;
    lt_textbuf *lines;
    int *prefix;            /* rows before line i at width prefix_w; [count]: all */
    int prefix_w;
    int top;                /* the first row shown */

    lt_lineedit *ed;
    bool prompting;
    int ed_x;               /* the prompt's cursor at the last draw */
    lt_textbuf_query q;     /* the last search */
    bool have_match;
    int match_line;
    size_t match_start, match_end;
    const char *msg;        /* until the next key: "no match", "wrapped" */
    bool msg_err;
};

static const lt_widget_ops pager_ops;

/* A finished line: "# heading" loses its "# " and turns bold in the
 * accent colour. */
static int add_line(void *ctx, lt_ansi_writer *w)
{
    lt_pager *p = ctx;
    lt_ansi_cell *cells = w->cells;
    int n = w->n;
    if (n >= 2 && cells[0].ch == '#' && cells[1].ch == ' ') {
        cells += 2;
        n -= 2;
        for (int k = 0; k < n; k++) {
            cells[k].a.fg = LT_UI_ACCENT;
            cells[k].a.flags |= LT_CELL_FG | LT_CELL_BOLD;
        }
    }
    return lt_textbuf_push(p->lines, cells, n);
}

lt_pager *lt_pager_new(const char *title, const char *text)
{
    lt_pager *p = calloc(1, sizeof *p);
    if (p == NULL) {
        lt_nomem();
        return NULL;
    }
    p->base.ops = &pager_ops;
    p->base.w = 80;
    p->base.h = 24;
    p->title = strdup(title ? title : "");
    p->lines = lt_textbuf_new(1 << 30);
    p->ed = lt_lineedit_new();
    lt_ansi_writer w;
    lt_ansi_writer_init(&w, (lt_ansi_attr){.flags = 0});
    int r = p->title && p->lines && p->ed ? 0 : LT_ENOMEM;
    if (r == 0 && text)
        r = lt_ansi_write(&w, text, strlen(text), add_line, p);
    if (r == 0 && w.n > 0)
        r = add_line(p, &w);   /* the last line, without a '\n' */
    lt_ansi_writer_fini(&w);
    if (r == 0) {
        p->prefix = malloc(((size_t)lt_textbuf_count(p->lines) + 1) * sizeof *p->prefix);
        if (p->prefix == NULL)
            r = LT_ENOMEM;
    }
    if (r < 0) {
        lt_widget_free(&p->base);
        lt_nomem();
        return NULL;
    }
    return p;
}

lt_widget *lt_pager_widget(lt_pager *p)
{
    return &p->base;
}

static void pager_free(lt_widget *w)
{
    lt_pager *p = (lt_pager *)w;
    free(p->title);
    lt_textbuf_free(p->lines);
    free(p->prefix);
    lt_lineedit_free(p->ed);
    lt_textbuf_query_fini(&p->q);
    free(p);
}

/* ---- layout ------------------------------------------------------------ */

static int width_of(const lt_pager *p)
{
    return p->base.w < 1 ? 1 : p->base.w;
}

/* Rows of text under the title bar, less the prompt or message row. */
static int text_rows(const lt_pager *p)
{
    int h = p->base.h < 1 ? 1 : p->base.h;
    int n = h - 1 - (p->prompting || p->msg ? 1 : 0);
    return n < 0 ? 0 : n;
}

static void lay_out(lt_pager *p, int W)
{
    if (p->prefix_w == W)
        return;
    int count = lt_textbuf_count(p->lines);
    p->prefix[0] = 0;
    for (int i = 0; i < count; i++)
        p->prefix[i + 1] = p->prefix[i] + lt_textbuf_rows(p->lines, i, W);
    p->prefix_w = W;
}

static int total_rows(lt_pager *p)
{
    lay_out(p, width_of(p));
    return p->prefix[lt_textbuf_count(p->lines)];
}

/* The line showing row r (count when past the end). */
static int line_of_row(const lt_pager *p, int r)
{
    int lo = 0, hi = lt_textbuf_count(p->lines);
    while (lo < hi) {   /* the last line with prefix <= r */
        int mid = (lo + hi + 1) / 2;
        if (p->prefix[mid] <= r)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static void clamp_top(lt_pager *p)
{
    int max = total_rows(p) - text_rows(p);
    if (p->top > max)
        p->top = max;
    if (p->top < 0)
        p->top = 0;
}

int lt_pager_top(const lt_pager *p)
{
    return p->top;
}

/* A new width keeps the line at the top in view. */
static void pager_resize(lt_widget *w, int width, int height)
{
    (void)height;
    lt_pager *p = (lt_pager *)w;
    if (p->prefix_w > 0 && p->prefix_w != width && lt_textbuf_count(p->lines) > 0) {
        int i = line_of_row(p, p->top);
        if (i >= lt_textbuf_count(p->lines))
            i = lt_textbuf_count(p->lines) - 1;
        size_t at = lt_textbuf_row_start(p->lines, i, p->top - p->prefix[i], p->prefix_w);
        lay_out(p, width < 1 ? 1 : width);
        int row, col;
        lt_textbuf_locate(p->lines, i, at, width, &row, &col);
        p->top = p->prefix[i] + (row < lt_textbuf_rows(p->lines, i, width) ? row : 0);
    }
    clamp_top(p);
}

/* ---- search ------------------------------------------------------------ */

static void set_match(lt_pager *p, int i, size_t s, size_t e)
{
    p->have_match = true;
    p->match_line = i;
    p->match_start = s;
    p->match_end = e;
}

/* The first match from byte b of line i on (forward), or the last one
 * before it (back), wrapping around the ends. */
static bool search(lt_pager *p, int i, size_t b, bool forward)
{
    int count = lt_textbuf_count(p->lines);
    size_t s, e;
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < count; k++) {
            int j;
            size_t from = 0, to = (size_t)-1;
            if (forward) {
                j = pass == 0 ? i + k : k;
                if (pass == 0 && k == 0)
                    from = b;
                if (pass == 0 && j >= count)
                    break;
                if (pass == 1 && j > i)
                    break;
            } else {
                j = pass == 0 ? i - k : count - 1 - k;
                if (pass == 0 && k == 0)
                    to = b;
                if (pass == 0 && j < 0)
                    break;
                if (pass == 1 && j < i)
                    break;
            }
            if (lt_textbuf_find(p->lines, j, &p->q, from, to, !forward, &s, &e)) {
                set_match(p, j, s, e);
                if (pass == 1) {
                    p->msg = "wrapped";
                    p->msg_err = false;
                }
                return true;
            }
        }
    }
    p->have_match = false;
    p->msg = "no match";
    p->msg_err = true;
    return false;
}

/* Show the current match a third of the way down when it is off screen. */
static void reveal(lt_pager *p)
{
    int W = width_of(p), H = text_rows(p);
    lay_out(p, W);
    int row, col;
    lt_textbuf_locate(p->lines, p->match_line, p->match_start, W, &row, &col);
    row += p->prefix[p->match_line];
    if (row < p->top || row >= p->top + H)
        p->top = row - H / 3;
    clamp_top(p);
}

/* n, N, and Enter in the prompt (from the top of the view). */
static void find(lt_pager *p, int how)
{
    if (p->q.n == 0 || lt_textbuf_count(p->lines) == 0)
        return;
    if (how == 0 || !p->have_match) {
        int W = width_of(p);
        lay_out(p, W);
        int i = line_of_row(p, p->top);
        if (i >= lt_textbuf_count(p->lines)) {
            search(p, 0, 0, true);
        } else {
            size_t b = lt_textbuf_row_start(p->lines, i, p->top - p->prefix[i], W);
            search(p, i, b, how >= 0);
        }
    } else if (how > 0) {
        search(p, p->match_line, p->match_end, true);
    } else {
        search(p, p->match_line, p->match_start, false);
    }
    if (p->have_match)
        reveal(p);
}

/* ---- keys -------------------------------------------------------------- */

static int prompt_key(lt_pager *p, const lt_key_event *ev)
{
    int f = lt_lineedit_key(p->ed, ev);
    if (!(f & LT_W_CLOSE))
        return f;
    p->prompting = false;
    if (lt_lineedit_accepted(p->ed) && *lt_lineedit_text(p->ed)) {
        if (lt_textbuf_query_set(&p->q, lt_lineedit_text(p->ed)) == 0) {
            p->have_match = false;
            find(p, 0);
        }
    }
    clamp_top(p);
    return LT_W_HANDLED | LT_W_REDRAW;
}

static int pager_key(lt_widget *w, const lt_key_event *ev)
{
    lt_pager *p = (lt_pager *)w;
    if (p->prompting)
        return prompt_key(p, ev);
    bool had_msg = p->msg != NULL;
    p->msg = NULL;
    int top = p->top, page = text_rows(p) > 2 ? text_rows(p) - 1 : 1;
    switch (ev->key) {
    case LT_KEY_UP: case 'k': p->top--; break;
    case LT_KEY_DOWN: case 'j': p->top++; break;
    case LT_KEY_PGUP: case 'b': p->top -= page; break;
    case LT_KEY_PGDN: case ' ': p->top += page; break;
    case LT_KEY_HOME: case 'g': p->top = 0; break;
    case LT_KEY_END: case 'G': p->top = total_rows(p); break;
    case LT_KEY_WHEEL_UP: p->top -= WHEEL_ROWS; break;
    case LT_KEY_WHEEL_DOWN: p->top += WHEEL_ROWS; break;
    case 'n': find(p, 1); break;
    case 'N': find(p, -1); break;
    case '/':
        if (lt_lineedit_start(p->ed, "/", NULL) < 0)
            return LT_W_HANDLED;
        p->prompting = true;
        clamp_top(p);
        return LT_W_HANDLED | LT_W_REDRAW;
    case 'q': case LT_KEY_ESC:
        return LT_W_HANDLED | LT_W_CLOSE;
    default:
        return had_msg ? LT_W_REDRAW : 0;
    }
    clamp_top(p);
    return p->top != top || had_msg || p->msg ? LT_W_HANDLED | LT_W_REDRAW : LT_W_HANDLED;
}

/* ---- drawing ----------------------------------------------------------- */

/* The title bar: the title at the left, the position and "q closes" at
 * the right; when narrow the position goes first, then the hint. */
static void draw_title(lt_pager *p, lt_canvas *c, int W, int H)
{
    lt_canvas_fill_bg(c, 0, 0, W, 1, LT_UI_HEADER_BG);
    int total = total_rows(p);
    char right[96];
    if (total == 0)
        snprintf(right, sizeof right, "empty  q closes ");
    else
        snprintf(right, sizeof right, "%d-%d of %d  q closes ", H > 0 ? p->top + 1 : p->top,
                 p->top + H < total ? p->top + H : total, total);
    int tw = lt_text_width(p->title), rw = lt_text_width(right);
    if (1 + tw + 2 + rw > W) {
        snprintf(right, sizeof right, "q closes ");
        rw = lt_text_width(right);
        if (1 + tw + 2 + rw > W)
            rw = 0;
    }
    if (rw)
        lt_canvas_text(c, W - rw, 0, right, rw, NULL, LT_CELL_DIM);
    lt_canvas_text(c, 1, 0, p->title, W - 1 - (rw ? rw + 2 : 0), NULL, LT_CELL_BOLD);
}

static void pager_draw(lt_widget *w, lt_canvas *c)
{
    lt_pager *p = (lt_pager *)w;
    int W = width_of(p), h = p->base.h < 1 ? 1 : p->base.h, H = text_rows(p);
    lay_out(p, W);
    clamp_top(p);
    draw_title(p, c, W, H);
    int count = lt_textbuf_count(p->lines);
    lt_textbuf_marks m = {&p->q, 0, 0};
    int y = 1, i = line_of_row(p, p->top), row = p->top - (i < count ? p->prefix[i] : 0);
    for (; y < 1 + H && i < count; i++, row = 0) {
        int n = p->prefix[i + 1] - p->prefix[i] - row;
        if (n > 1 + H - y)
            n = 1 + H - y;
        bool cur = p->have_match && p->match_line == i;
        m.cur_start = cur ? p->match_start : 0;
        m.cur_end = cur ? p->match_end : 0;
        lt_textbuf_draw(p->lines, i, row, n, W, c, 0, y, &m);
        y += n;
    }
    if (p->prompting) {
        for (int x = 0; x < W; x++)
            lt_canvas_put(c, x, h - 1, ' ', NULL, 0);
        p->ed_x = lt_lineedit_draw(p->ed, c, 0, h - 1, W);
    } else if (p->msg) {
        for (int x = 0; x < W; x++)
            lt_canvas_put(c, x, h - 1, ' ', NULL, 0);
        if (p->msg_err)
            lt_canvas_text(c, 0, h - 1, p->msg, W, &LT_UI_ERROR, LT_CELL_BOLD);
        else
            lt_canvas_text(c, 0, h - 1, p->msg, W, NULL, LT_CELL_DIM);
    }
}

static bool pager_cursor(lt_widget *w, int *x, int *y)
{
    lt_pager *p = (lt_pager *)w;
    if (!p->prompting)
        return false;
    *x = p->ed_x;
    *y = (p->base.h < 1 ? 1 : p->base.h) - 1;
    return true;
}

static const lt_widget_ops pager_ops = {
    .name = "pager",
    .draw = pager_draw,
    .on_key = pager_key,
    .resize = pager_resize,
    .cursor = pager_cursor,
    .free = pager_free,
};
