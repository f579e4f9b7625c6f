/* The console pane (console.h): scrollback and input line.
 *
 * Output goes through an lt_ansi_writer into a ring of styled lines
 * (textbuf); the line being written is put in the ring as its last line
 * when it is next looked at (drawn, searched, read), so that it shows
 * and can be searched like the rest, and a line written a byte at a time
 * is not copied at each byte.
 *
 * The view is a follow flag, or the line id and wrapped row at its top:
 * new output and resizes leave a scrolled-back view on the same text,
 * and only the rows on screen (and the lines walked to find them) are
 * laid out.  Content shorter than the pane starts at the top, the input
 * line right after it, as in a terminal.
 *
 * Echo lines ("> code", ">> more code") show the leading '>'s and the
 * space after them dim, the code bold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansi.h"
#include "console.h"
#include "error.h"
#include "lineedit.h"
#include "textbuf.h"

#define SEARCH_PROMPT "search: "
#define WHEEL_ROWS 3

struct lt_console {
    lt_widget base;
    lt_textbuf *lines;
    lt_ansi_writer wr;
    lt_console_style style;
    bool open_stored;       /* the line being written is the last of lines */
    bool open_dirty;        /* and it changed since it was put there */

    bool input_on;
    lt_textbuf *input;      /* one line: prompt and text */
    lt_ansi_writer iw;
    size_t input_point;     /* the cursor, a byte offset into input's text */

    bool follow;
    int64_t top_id;         /* when not following: the line at the top */
    int top_row;            /* and its first row shown */
    int new_lines;          /* lines added since the view left the end */

    lt_lineedit *ed;
    bool searching;
    lt_textbuf_query q;     /* the text in the search prompt */
    bool have_match;
    int64_t match_id;
    size_t match_start, match_end;
    char *match_text;       /* what the current match was found for */
    const char *msg;        /* "no match", "wrapped" */
    bool msg_err;
    int ed_x;               /* the search prompt's cursor at the last draw */
};

static lt_ansi_attr style_attr(lt_console_style s)
{
    switch (s) {
    case LT_CONSOLE_ERR: return (lt_ansi_attr){LT_UI_ERROR, {0, 0, 0}, LT_CELL_FG};
    case LT_CONSOLE_ECHO: return (lt_ansi_attr){.flags = LT_CELL_BOLD};
    case LT_CONSOLE_NOTE: return (lt_ansi_attr){.flags = LT_CELL_DIM};
    default: return (lt_ansi_attr){.flags = 0};
    }
}

static const lt_widget_ops console_ops;

lt_console *lt_console_new(int max_lines)
{
    lt_console *c = calloc(1, sizeof *c);
    if (c == NULL) {
        lt_nomem();
        return NULL;
    }
    c->base.ops = &console_ops;
    c->base.w = 80;
    c->base.h = 24;
    c->lines = lt_textbuf_new(max_lines < 100 ? 100 : max_lines);
    c->input = lt_textbuf_new(1);
    c->ed = lt_lineedit_new();
    if (c->lines == NULL || c->input == NULL || c->ed == NULL) {
        lt_textbuf_free(c->lines);
        lt_textbuf_free(c->input);
        lt_lineedit_free(c->ed);
        free(c);
        lt_nomem();
        return NULL;
    }
    lt_ansi_writer_init(&c->wr, style_attr(LT_CONSOLE_OUT));
    lt_ansi_writer_init(&c->iw, (lt_ansi_attr){.flags = 0});
    c->follow = true;
    return c;
}

lt_widget *lt_console_widget(lt_console *c)
{
    return &c->base;
}

static void console_free(lt_widget *w)
{
    lt_console *c = (lt_console *)w;
    lt_textbuf_free(c->lines);
    lt_textbuf_free(c->input);
    lt_ansi_writer_fini(&c->wr);
    lt_ansi_writer_fini(&c->iw);
    lt_lineedit_free(c->ed);
    lt_textbuf_query_fini(&c->q);
    free(c->match_text);
    free(c);
}

/* ---- writing ----------------------------------------------------------- */

/* Echo lines: the prompt dim, not bold (idempotent: applied after every
 * write to the line). */
static void echo_look(lt_console *c, lt_ansi_writer *w)
{
    if (c->style != LT_CONSOLE_ECHO)
        return;
    int k = 0;
    while (k < w->n && w->cells[k].ch == '>')
        k++;
    if (k == 0 || k >= w->n || w->cells[k].ch != ' ')
        return;
    for (int j = 0; j <= k; j++)
        w->cells[j].a.flags = (uint8_t)((w->cells[j].a.flags & ~LT_CELL_BOLD) | LT_CELL_DIM);
}

/* Put the writer's line into the ring: as a new line, or over the open
 * line stored before. */
static int store(lt_console *c)
{
    echo_look(c, &c->wr);
    if (c->open_stored)
        return lt_textbuf_set_last(c->lines, c->wr.cells, c->wr.n);
    int r = lt_textbuf_push(c->lines, c->wr.cells, c->wr.n);
    if (r == 0) {
        c->open_stored = true;
        if (!c->follow)
            c->new_lines++;
    }
    return r;
}

static int line_done(void *ctx, lt_ansi_writer *w)
{
    (void)w;
    lt_console *c = ctx;
    int r = store(c);
    c->open_stored = false;
    c->open_dirty = false;
    return r;
}

/* After a write: the open line as it now is (gone when erased). */
static int sync_open(lt_console *c)
{
    if (c->wr.n > 0)
        return store(c);
    if (c->open_stored) {
        lt_textbuf_pop(c->lines);
        c->open_stored = false;
    }
    return 0;
}

/* Before the lines are looked at: the open line as it now is (kept
 * dirty to try again when memory ran out). */
static void sync(lt_console *c)
{
    if (c->open_dirty && sync_open(c) == 0)
        c->open_dirty = false;
}

int lt_console_write(lt_console *c, const char *s, size_t len, lt_console_style style)
{
    if (style != c->style) {
        int r = 0;
        if (c->wr.n > 0)
            r = line_done(c, &c->wr);
        else
            sync_open(c);
        c->open_dirty = false;
        lt_ansi_writer_reset(&c->wr, style_attr(style));
        c->style = style;
        if (r < 0)
            return r;
    }
    if (len == 0)
        return 0;
    int r = lt_ansi_write(&c->wr, s, len, line_done, c);
    c->open_dirty = true;
    return r;
}

int lt_console_set_input(lt_console *c, const char *prompt, const char *line, int point)
{
    if (prompt == NULL) {
        c->input_on = false;
        return 0;
    }
    if (line == NULL)
        line = "";
    size_t len = strlen(line);
    size_t p = point < 0 ? 0 : (size_t)point > len ? len : (size_t)point;
    lt_ansi_writer_reset(&c->iw, (lt_ansi_attr){LT_UI_ACCENT, {0, 0, 0}, LT_CELL_FG | LT_CELL_BOLD});
    int r = lt_ansi_write_plain(&c->iw, prompt, strlen(prompt), true);
    c->iw.cur = c->iw.base = (lt_ansi_attr){.flags = 0};
    if (r == 0)
        r = lt_ansi_write_plain(&c->iw, line, p, false);
    int cursor_cell = c->iw.col;
    if (r == 0)
        r = lt_ansi_write_plain(&c->iw, line + p, len - p, true);
    if (r == 0)
        r = lt_textbuf_set_last(c->input, c->iw.cells, c->iw.n);
    if (r < 0) {
        c->input_on = false;
        return r;
    }
    /* The cursor's cell as a byte offset of the shown text. */
    size_t at = 0;
    char u[4];
    for (int k = 0; k < cursor_cell && k < c->iw.n; k++)
        if (c->iw.cells[k].ch)
            at += (size_t)lt_ansi_encode(c->iw.cells[k].ch, u);
    c->input_point = at;
    c->input_on = true;
    return 0;
}

/* ---- the view ---------------------------------------------------------- */

typedef struct layout {
    int W, H;
    int sb;              /* rows of scrollback */
    int in_first, in_n;  /* input rows shown */
    int cur_row, cur_col;/* the cursor in the input's rows */
    int top, top_row;    /* the scrollback's first row shown */
    int content;         /* scrollback rows shown (<= sb) */
} layout;

static int rows_of(lt_console *c, int i, int W)
{
    return lt_textbuf_rows(c->lines, i, W);
}

/* Rows from (i, row) to the end, counting no further than limit + 1. */
static int rows_from(lt_console *c, int i, int row, int W, int limit)
{
    int n = 0, count = lt_textbuf_count(c->lines);
    for (; i < count && n <= limit; i++, row = 0)
        n += rows_of(c, i, W) - row;
    return n;
}

/* The top of a view showing the last sb rows ((0, 0) when all fit). */
static void end_top(lt_console *c, int sb, int W, int *top, int *top_row)
{
    int need = sb;
    for (int i = lt_textbuf_count(c->lines) - 1; i >= 0; i--) {
        int r = rows_of(c, i, W);
        if (r >= need) {
            *top = i;
            *top_row = r - need;
            return;
        }
        need -= r;
    }
    *top = 0;
    *top_row = 0;
}

static void set_follow(lt_console *c)
{
    c->follow = true;
    c->new_lines = 0;
}

static void unfollow(lt_console *c, int top, int top_row)
{
    if (c->follow)
        c->new_lines = 0;
    c->follow = false;
    c->top_id = lt_textbuf_first_id(c->lines) + top;
    c->top_row = top_row;
}

/* A scrolled-back view on lines that went, or one that reaches the end,
 * becomes valid again / follows. */
static void settle(lt_console *c, int sb, int W)
{
    if (c->follow)
        return;
    int count = lt_textbuf_count(c->lines);
    int64_t i = c->top_id - lt_textbuf_first_id(c->lines);
    if (i >= count) {
        set_follow(c);
        return;
    }
    if (i < 0) {
        i = 0;
        c->top_row = 0;
    }
    int r = rows_of(c, (int)i, W);
    if (c->top_row >= r)
        c->top_row = r - 1;
    if (c->top_row < 0)
        c->top_row = 0;
    c->top_id = lt_textbuf_first_id(c->lines) + i;
    if (rows_from(c, (int)i, c->top_row, W, sb) <= sb)
        set_follow(c);
}

static void compute(lt_console *c, layout *L)
{
    sync(c);
    memset(L, 0, sizeof *L);
    L->W = c->base.w < 1 ? 1 : c->base.w;
    L->H = c->base.h < 1 ? 1 : c->base.h;
    if (c->searching) {
        L->sb = L->H - 1;
    } else if (c->input_on) {
        int rows = lt_textbuf_rows(c->input, 0, L->W);
        lt_textbuf_locate(c->input, 0, c->input_point, L->W, &L->cur_row, &L->cur_col);
        if (rows < L->cur_row + 1)
            rows = L->cur_row + 1;
        L->in_n = rows < L->H ? rows : L->H;
        L->in_first = L->cur_row >= L->in_n ? L->cur_row - L->in_n + 1 : 0;
        L->sb = L->H - L->in_n;
    } else {
        L->sb = L->H;
    }
    settle(c, L->sb, L->W);
    if (c->follow) {
        end_top(c, L->sb, L->W, &L->top, &L->top_row);
    } else {
        L->top = (int)(c->top_id - lt_textbuf_first_id(c->lines));
        L->top_row = c->top_row;
    }
    int n = rows_from(c, L->top, L->top_row, L->W, L->sb);
    L->content = n < L->sb ? n : L->sb;
}

/* Move the position (i, row) back by n rows, stopping at the top. */
static void back(lt_console *c, int *i, int *row, int n, int W)
{
    while (n > 0) {
        if (*row >= n) {
            *row -= n;
            return;
        }
        n -= *row + 1;
        if (*i == 0) {
            *row = 0;
            return;
        }
        (*i)--;
        *row = rows_of(c, *i, W) - 1;
    }
}

/* Forward by n rows, stopping at the last row. */
static void forward(lt_console *c, int *i, int *row, int n, int W)
{
    int count = lt_textbuf_count(c->lines);
    while (n > 0) {
        int r = rows_of(c, *i, W);
        if (*row + n < r) {
            *row += n;
            return;
        }
        n -= r - *row;
        if (*i == count - 1) {
            *row = r - 1;
            return;
        }
        (*i)++;
        *row = 0;
    }
}

/* Scroll back by n rows (forward when negative). */
static void scroll(lt_console *c, int n)
{
    layout L;
    compute(c, &L);
    if (lt_textbuf_count(c->lines) == 0 || n == 0 || (n < 0 && c->follow))
        return;
    int i = L.top, row = L.top_row;
    if (n > 0)
        back(c, &i, &row, n, L.W);
    else
        forward(c, &i, &row, -n, L.W);
    unfollow(c, i, row);
    settle(c, L.sb, L.W);
}

void lt_console_scroll(lt_console *c, int rows)
{
    scroll(c, rows);
}

void lt_console_follow(lt_console *c)
{
    set_follow(c);
}

void lt_console_clear(lt_console *c)
{
    lt_textbuf_clear(c->lines);
    lt_ansi_writer_reset(&c->wr, style_attr(c->style));
    c->open_stored = false;
    c->open_dirty = false;
    c->have_match = false;
    set_follow(c);
}

bool lt_console_busy(const lt_console *c)
{
    return c->searching;
}

/* Reading the lines brings the open line up to date: the console is
 * never a const object, only const to its readers. */
int lt_console_nlines(const lt_console *c)
{
    sync((lt_console *)c);
    return lt_textbuf_count(c->lines);
}

const char *lt_console_line(const lt_console *c, int i)
{
    sync((lt_console *)c);
    if (i < 0 || i >= lt_textbuf_count(c->lines))
        return NULL;
    return lt_textbuf_text(c->lines, i, NULL);
}

/* ---- search ------------------------------------------------------------ */

/* Bring the current match into view, a third of the way down when it
 * was off screen. */
static void reveal(lt_console *c)
{
    layout L;
    compute(c, &L);
    int m = (int)(c->match_id - lt_textbuf_first_id(c->lines));
    int mrow, mcol;
    lt_textbuf_locate(c->lines, m, c->match_start, L.W, &mrow, &mcol);
    if (m > L.top || (m == L.top && mrow >= L.top_row)) {
        int dist = m == L.top ? mrow - L.top_row : rows_of(c, L.top, L.W) - L.top_row;
        for (int i = L.top + 1; i < m && dist < L.sb; i++)
            dist += rows_of(c, i, L.W);
        if (m != L.top)
            dist += mrow;
        if (dist < L.sb)
            return;
    }
    back(c, &m, &mrow, L.sb / 3, L.W);
    unfollow(c, m, mrow);
    settle(c, L.sb, L.W);
}

/* The last match at or before line `from` (from down to 0), else,
 * wrapping, the last of the lines after it. */
static void search_back(lt_console *c, int from, size_t before)
{
    int count = lt_textbuf_count(c->lines);
    size_t s, e;
    c->msg = NULL;
    for (int pass = 0; pass < 2; pass++) {
        int hi = pass == 0 ? from : count - 1, lo = pass == 0 ? 0 : from;
        for (int i = hi; i >= lo; i--) {
            size_t to = pass == 0 && i == from ? before : (size_t)-1;
            if (lt_textbuf_find(c->lines, i, &c->q, 0, to, true, &s, &e)) {
                c->have_match = true;
                c->match_id = lt_textbuf_first_id(c->lines) + i;
                c->match_start = s;
                c->match_end = e;
                if (pass == 1) {
                    c->msg = "wrapped";
                    c->msg_err = false;
                }
                reveal(c);
                return;
            }
        }
    }
    c->have_match = false;
    c->msg = "no match";
    c->msg_err = true;
}

/* Enter, Ctrl-F: the match before the current one, or the last one in
 * the view and above. */
static void find(lt_console *c)
{
    const char *text = lt_lineedit_text(c->ed);
    if (*text == '\0' || lt_textbuf_count(c->lines) == 0) {
        c->msg = NULL;
        return;
    }
    int64_t m = c->match_id - lt_textbuf_first_id(c->lines);
    if (c->have_match && m >= 0 && c->match_text && strcmp(c->match_text, text) == 0) {
        search_back(c, (int)m, c->match_start);
        return;
    }
    char *t = strdup(text);
    if (t == NULL)
        return;
    free(c->match_text);
    c->match_text = t;
    layout L;
    compute(c, &L);
    /* The line of the view's last row. */
    int i = L.top, left = L.content - (rows_of(c, L.top, L.W) - L.top_row);
    while (left > 0 && i + 1 < lt_textbuf_count(c->lines))
        left -= rows_of(c, ++i, L.W);
    search_back(c, i, (size_t)-1);
}

static void close_search(lt_console *c)
{
    c->searching = false;
    c->have_match = false;
    c->msg = NULL;
    lt_textbuf_query_fini(&c->q);
}

/* ---- keys -------------------------------------------------------------- */

/* Scrolling keys (also while the search prompt is open); -1 for others. */
static int scroll_key(lt_console *c, int key)
{
    layout L;
    compute(c, &L);
    bool follow = c->follow;
    int64_t id = c->top_id;
    int row = c->top_row;
    int page = L.sb > 2 ? L.sb - 1 : 1;
    switch (key) {
    case LT_KEY_PGUP: scroll(c, page); break;
    case LT_KEY_PGDN: scroll(c, -page); break;
    case LT_KEY_WHEEL_UP: scroll(c, WHEEL_ROWS); break;
    case LT_KEY_WHEEL_DOWN: scroll(c, -WHEEL_ROWS); break;
    case LT_KEY_CTRL_HOME:
        if (lt_textbuf_count(c->lines) > 0) {
            unfollow(c, 0, 0);
            settle(c, L.sb, L.W);
        }
        break;
    case LT_KEY_CTRL_END: set_follow(c); break;
    default: return -1;
    }
    if (follow == c->follow && (follow || (id == c->top_id && row == c->top_row)))
        return LT_W_HANDLED;
    return LT_W_HANDLED | LT_W_REDRAW;
}

static int search_key(lt_console *c, const lt_key_event *ev)
{
    int f = scroll_key(c, ev->key);
    if (f >= 0)
        return f;
    if (ev->key == LT_CTRL('f')) {
        find(c);
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    f = lt_lineedit_key(c->ed, ev);
    if (f & LT_W_CLOSE) {
        if (!lt_lineedit_accepted(c->ed)) {
            close_search(c);
            return LT_W_HANDLED | LT_W_REDRAW;
        }
        find(c);
        /* The prompt stays open for the next Enter. */
        char *t = strdup(lt_lineedit_text(c->ed));
        if (t) {
            lt_lineedit_start(c->ed, SEARCH_PROMPT, t);
            free(t);
        }
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    if (f & LT_W_REDRAW) {
        lt_textbuf_query_set(&c->q, lt_lineedit_text(c->ed));
        c->msg = NULL;
    }
    return f;
}

static int console_key(lt_widget *w, const lt_key_event *ev)
{
    lt_console *c = (lt_console *)w;
    if (c->searching)
        return search_key(c, ev);
    int f = scroll_key(c, ev->key);
    if (f >= 0)
        return f;
    if (ev->key == LT_CTRL('f')) {
        const char *last = c->match_text ? c->match_text : "";
        if (lt_lineedit_start(c->ed, SEARCH_PROMPT, last) < 0 ||
            lt_textbuf_query_set(&c->q, last) < 0)
            return LT_W_HANDLED;
        c->searching = true;
        c->msg = NULL;
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    return 0;
}

/* ---- drawing ----------------------------------------------------------- */

/* " ↓ 12 new lines " at the right of row y, on a cleared row (" ↓ 12 "
 * when narrow). */
static void draw_new_lines(lt_console *c, lt_canvas *cv, int y, int W)
{
    char text[64];
    snprintf(text, sizeof text, " \xe2\x86\x93 %d new line%s ", c->new_lines,
             c->new_lines == 1 ? "" : "s");
    int tw = lt_text_width(text);
    if (tw + 1 > W) {
        snprintf(text, sizeof text, " \xe2\x86\x93 %d ", c->new_lines);
        tw = lt_text_width(text);
    }
    int x = W - tw - 1 > 0 ? W - tw - 1 : 0;
    for (int i = 0; i < W; i++)
        lt_canvas_put(cv, i, y, ' ', NULL, 0);
    lt_canvas_text(cv, x, y, text, W - x, &LT_UI_ACCENT, LT_CELL_REVERSE | LT_CELL_BOLD);
}

static void draw_search(lt_console *c, lt_canvas *cv, int y, int W)
{
    int mw = c->msg ? lt_text_width(c->msg) : 0;
    int ew = W;
    /* The message only where the prompt and some text still fit. */
    if (c->msg && W >= lt_text_width(SEARCH_PROMPT) + 10 + mw + 1) {
        ew = W - mw - 1;
        if (c->msg_err)
            lt_canvas_text(cv, ew + 1, y, c->msg, mw, &LT_UI_ERROR, LT_CELL_BOLD);
        else
            lt_canvas_text(cv, ew + 1, y, c->msg, mw, NULL, LT_CELL_DIM);
    }
    c->ed_x = lt_lineedit_draw(c->ed, cv, 0, y, ew);
}

static void console_draw(lt_widget *w, lt_canvas *cv)
{
    lt_console *c = (lt_console *)w;
    layout L;
    compute(c, &L);
    int count = lt_textbuf_count(c->lines), y = 0;
    int64_t first = lt_textbuf_first_id(c->lines);
    lt_textbuf_marks m = {c->searching ? &c->q : NULL, 0, 0};
    for (int i = L.top, row = L.top_row; y < L.sb && i < count; i++, row = 0) {
        int n = rows_of(c, i, L.W) - row;
        if (n > L.sb - y)
            n = L.sb - y;
        bool cur = c->searching && c->have_match && c->match_id == first + i;
        m.cur_start = cur ? c->match_start : 0;
        m.cur_end = cur ? c->match_end : 0;
        lt_textbuf_draw(c->lines, i, row, n, L.W, cv, 0, y, &m);
        y += n;
    }
    if (!c->follow && c->new_lines > 0 && L.sb > 0)
        draw_new_lines(c, cv, L.sb - 1, L.W);
    if (c->searching)
        draw_search(c, cv, L.H - 1, L.W);
    else if (c->input_on)
        lt_textbuf_draw(c->input, 0, L.in_first, L.in_n, L.W, cv, 0, L.content, NULL);
}

static bool console_cursor(lt_widget *w, int *x, int *y)
{
    lt_console *c = (lt_console *)w;
    layout L;
    compute(c, &L);
    if (c->searching) {
        *x = c->ed_x;
        *y = L.H - 1;
        return true;
    }
    if (!c->input_on)
        return false;
    *x = L.cur_col;
    *y = L.content + L.cur_row - L.in_first;
    return true;
}

static const lt_widget_ops console_ops = {
    .name = "console",
    .draw = console_draw,
    .on_key = console_key,
    .resize = NULL,
    .cursor = console_cursor,
    .free = console_free,
};
