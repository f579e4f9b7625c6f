/* Lines of styled text for the console and the pager (textbuf.h): a
 * ring of compact lines, their wrapped layout, search and drawing. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "textbuf.h"
#include "widget.h"

/* Attributes from byte `at` of the text on. */
typedef struct run {
    uint32_t at;
    lt_ansi_attr a;
} run;

/* A line in one allocation: the runs, then the text. */
typedef struct line {
    run *runs;
    char *text;
    uint32_t len, nruns;
    int cache_w, cache_rows;   /* rows at width cache_w (0: none yet) */
} line;

struct lt_textbuf {
    line *ring;
    int cap, max, first, count;
    int64_t first_id;
};

lt_textbuf *lt_textbuf_new(int max_lines)
{
    lt_textbuf *b = calloc(1, sizeof *b);
    if (b == NULL) {
        lt_nomem();
        return NULL;
    }
    b->max = max_lines < 1 ? 1 : max_lines;
    return b;
}

static line *at(const lt_textbuf *b, int i)
{
    return &b->ring[(b->first + i) % b->cap];
}

void lt_textbuf_clear(lt_textbuf *b)
{
    for (int i = 0; i < b->count; i++)
        free(at(b, i)->runs);
    b->first_id += b->count;
    b->first = b->count = 0;
}

void lt_textbuf_free(lt_textbuf *b)
{
    if (b == NULL)
        return;
    lt_textbuf_clear(b);
    free(b->ring);
    free(b);
}

int lt_textbuf_count(const lt_textbuf *b)
{
    return b->count;
}

int64_t lt_textbuf_first_id(const lt_textbuf *b)
{
    return b->first_id;
}

/* The compact form of cells[0..n). */
static int make_line(line *l, const lt_ansi_cell *cells, int n)
{
    size_t bytes = 0, nruns = 0;
    const lt_ansi_attr *prev = NULL;
    char u[4];
    for (int k = 0; k < n; k++) {
        if (cells[k].ch == 0)
            continue;
        bytes += (size_t)lt_ansi_encode(cells[k].ch, u);
        if (prev == NULL || !lt_ansi_attr_eq(*prev, cells[k].a))
            nruns++;
        prev = &cells[k].a;
    }
    run *runs = malloc(nruns * sizeof *runs + bytes + 1);
    if (runs == NULL)
        return lt_nomem();
    char *text = (char *)(runs + nruns);
    size_t len = 0, r = 0;
    prev = NULL;
    for (int k = 0; k < n; k++) {
        if (cells[k].ch == 0)
            continue;
        if (prev == NULL || !lt_ansi_attr_eq(*prev, cells[k].a))
            runs[r++] = (run){(uint32_t)len, cells[k].a};
        prev = &cells[k].a;
        len += (size_t)lt_ansi_encode(cells[k].ch, text + len);
    }
    text[len] = '\0';
    *l = (line){runs, text, (uint32_t)len, (uint32_t)nruns, 0, 0};
    return 0;
}

/* Room for one more line while below max (the ring is copied in order;
 * it only wraps once full at max, when it no longer grows). */
static bool grow(lt_textbuf *b)
{
    if (b->count < b->cap || b->cap == b->max)
        return true;
    int cap = b->cap ? b->cap * 2 : 64;
    if (cap > b->max || cap < b->cap)
        cap = b->max;
    line *r = malloc((size_t)cap * sizeof *r);
    if (r == NULL)
        return false;
    for (int i = 0; i < b->count; i++)
        r[i] = *at(b, i);
    free(b->ring);
    b->ring = r;
    b->cap = cap;
    b->first = 0;
    return true;
}

int lt_textbuf_push(lt_textbuf *b, const lt_ansi_cell *cells, int n)
{
    line l;
    if (!grow(b) || make_line(&l, cells, n) < 0)
        return lt_nomem();
    if (b->count == b->max) {
        free(at(b, 0)->runs);
        b->first = (b->first + 1) % b->cap;
        b->count--;
        b->first_id++;
    }
    b->count++;
    *at(b, b->count - 1) = l;
    return 0;
}

int lt_textbuf_set_last(lt_textbuf *b, const lt_ansi_cell *cells, int n)
{
    if (b->count == 0)
        return lt_textbuf_push(b, cells, n);
    line l;
    if (make_line(&l, cells, n) < 0)
        return LT_ENOMEM;
    line *last = at(b, b->count - 1);
    free(last->runs);
    *last = l;
    return 0;
}

void lt_textbuf_pop(lt_textbuf *b)
{
    if (b->count == 0)
        return;
    free(at(b, b->count - 1)->runs);
    b->count--;
}

const char *lt_textbuf_text(const lt_textbuf *b, int i, size_t *len)
{
    const line *l = at(b, i);
    if (len)
        *len = l->len;
    return l->text;
}

/* ---- layout ------------------------------------------------------------ */

/* One step of the wrapped layout: the code point at *i, where it goes
 * (*row, *col before the call: where the previous one ended) and the
 * cells it takes there (a wide character wider than the width takes
 * one, as a stand-in). */
typedef struct place {
    size_t start;
    uint32_t cp;
    int row, col, cells;
    bool stand_in;
} place;

static void step(const line *l, int width, size_t *i, int *row, int *col, place *p)
{
    p->start = *i;
    p->cp = lt_text_decode(l->text, l->len, i);
    int w = lt_text_cp_width(p->cp);
    p->stand_in = w > width;
    if (p->stand_in)
        w = 1;
    if (*col + w > width && *col > 0) {
        (*row)++;
        *col = 0;
    }
    p->row = *row;
    p->col = *col;
    p->cells = w;
    *col += w;
}

int lt_textbuf_rows(lt_textbuf *b, int i, int width)
{
    if (width < 1)
        width = 1;
    line *l = at(b, i);
    if (l->cache_w == width)
        return l->cache_rows;
    size_t k = 0;
    int row = 0, col = 0;
    place p;
    while (k < l->len)
        step(l, width, &k, &row, &col, &p);
    l->cache_w = width;
    l->cache_rows = row + 1;
    return row + 1;
}

void lt_textbuf_locate(const lt_textbuf *b, int i, size_t pos, int width, int *row, int *col)
{
    if (width < 1)
        width = 1;
    const line *l = at(b, i);
    size_t k = 0;
    int r = 0, c = 0;
    place p;
    while (k < l->len && k < pos)
        step(l, width, &k, &r, &c, &p);
    int w = 1;
    if (k < l->len) {
        size_t j = k;
        w = lt_text_cp_width(lt_text_decode(l->text, l->len, &j));
        if (w > width)
            w = 1;
    }
    if (c + w > width) {
        r++;
        c = 0;
    }
    *row = r;
    *col = c;
}

size_t lt_textbuf_row_start(const lt_textbuf *b, int i, int row, int width)
{
    if (width < 1)
        width = 1;
    const line *l = at(b, i);
    size_t k = 0;
    int r = 0, c = 0;
    place p;
    while (k < l->len) {
        step(l, width, &k, &r, &c, &p);
        if (p.row >= row)
            return p.start;
    }
    return l->len;
}

/* ---- search ------------------------------------------------------------ */

static uint32_t fold(uint32_t cp)
{
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

int lt_textbuf_query_set(lt_textbuf_query *q, const char *text)
{
    size_t len = text ? strlen(text) : 0, i = 0;
    uint32_t *cp = len ? malloc(len * sizeof *cp) : NULL;
    if (len && cp == NULL)
        return lt_nomem();
    int n = 0;
    while (i < len)
        cp[n++] = fold(lt_text_decode(text, len, &i));
    free(q->cp);
    q->cp = cp;
    q->n = n;
    return 0;
}

void lt_textbuf_query_fini(lt_textbuf_query *q)
{
    free(q->cp);
    q->cp = NULL;
    q->n = 0;
}

/* The end of a match of q at byte pos of l, or 0 when there is none. */
static size_t match_at(const line *l, size_t pos, const lt_textbuf_query *q)
{
    size_t i = pos;
    for (int k = 0; k < q->n; k++) {
        if (i >= l->len || fold(lt_text_decode(l->text, l->len, &i)) != q->cp[k])
            return 0;
    }
    return i;
}

bool lt_textbuf_find(const lt_textbuf *b, int i, const lt_textbuf_query *q, size_t from,
                     size_t to, bool last, size_t *start, size_t *end)
{
    if (q == NULL || q->n == 0)
        return false;
    const line *l = at(b, i);
    bool found = false;
    size_t k = from;
    while (k < to && k < l->len) {
        size_t e = match_at(l, k, q);
        if (e) {
            *start = k;
            *end = e;
            found = true;
            if (!last)
                break;
        }
        lt_text_decode(l->text, l->len, &k);
    }
    return found;
}

/* ---- drawing ----------------------------------------------------------- */

static void draw_cell(lt_canvas *c, int x, int y, uint32_t ch, int w, lt_ansi_attr a)
{
    const lt_rgb *fg = (a.flags & LT_CELL_FG) ? &a.fg : NULL;
    if (w == 2)
        lt_canvas_put(c, x + 1, y, 0, fg, a.flags);
    lt_canvas_put(c, x, y, ch, fg, a.flags);
    if (a.flags & LT_CELL_BG)
        lt_canvas_fill_bg(c, x, y, w, 1, a.bg);
}

static lt_ansi_attr marked(lt_ansi_attr a, bool current)
{
    if (current)
        return (lt_ansi_attr){LT_UI_ACCENT, lt_palette_contrast(LT_UI_ACCENT),
                              LT_CELL_FG | LT_CELL_BG | LT_CELL_REVERSE | LT_CELL_BOLD};
    return (lt_ansi_attr){lt_palette_contrast(LT_UI_MATCH_BG), LT_UI_MATCH_BG,
                          (uint8_t)((a.flags & LT_CELL_BOLD) | LT_CELL_FG | LT_CELL_BG |
                                    LT_CELL_UNDERLINE)};
}

void lt_textbuf_draw(const lt_textbuf *b, int i, int row0, int nrows, int width,
                     lt_canvas *c, int x, int y, const lt_textbuf_marks *m)
{
    if (width < 1 || nrows < 1)
        return;
    const line *l = at(b, i);
    const lt_textbuf_query *q = m ? m->q : NULL;
    bool cur = m && m->cur_start < m->cur_end;
    size_t ms = 0, me = 0;   /* the next match of q */
    bool more = lt_textbuf_find(b, i, q, 0, l->len, false, &ms, &me);
    size_t k = 0;
    uint32_t r = 0;
    int row = 0, col = 0;
    place p;
    while (k < l->len) {
        step(l, width, &k, &row, &col, &p);
        if (p.row >= row0 + nrows)
            break;
        while (r + 1 < l->nruns && l->runs[r + 1].at <= p.start)
            r++;
        if (p.row < row0)
            continue;
        while (more && p.start >= me)
            more = lt_textbuf_find(b, i, q, me, l->len, false, &ms, &me);
        lt_ansi_attr a = l->runs[r].a;
        if (cur && p.start >= m->cur_start && p.start < m->cur_end)
            a = marked(a, true);
        else if (more && p.start >= ms)
            a = marked(a, false);
        draw_cell(c, x + p.col, y + p.row - row0, p.stand_in ? 0x2026 : p.cp, p.cells, a);
    }
}
