/* The one-line editor of the widgets' prompts (lineedit.h): a UTF-8
 * buffer with a cursor, a small history, and drawing that scrolls the
 * text sideways so that the cursor stays on screen. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ansi.h"
#include "error.h"
#include "lineedit.h"

#define HISTORY_MAX 100

struct lt_lineedit {
    char *buf;            /* the text, NUL-terminated */
    size_t len, cap;
    size_t point;         /* the cursor: a byte offset at a code point */
    char *prompt;
    bool accepted;
    char **hist;          /* accepted entries, oldest first */
    int nhist;
    int hist_pos;         /* the entry shown; nhist: the text being typed */
    char *saved;          /* the text being typed while browsing history */
};

lt_lineedit *lt_lineedit_new(void)
{
    lt_lineedit *e = calloc(1, sizeof *e);
    char *buf = malloc(16);
    char *prompt = strdup("");
    if (e == NULL || buf == NULL || prompt == NULL) {
        free(e);
        free(buf);
        free(prompt);
        lt_nomem();
        return NULL;
    }
    buf[0] = '\0';
    e->buf = buf;
    e->cap = 16;
    e->prompt = prompt;
    return e;
}

void lt_lineedit_free(lt_lineedit *e)
{
    if (e == NULL)
        return;
    for (int i = 0; i < e->nhist; i++)
        free(e->hist[i]);
    free(e->hist);
    free(e->saved);
    free(e->prompt);
    free(e->buf);
    free(e);
}

static bool reserve(lt_lineedit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return true;
    size_t cap = e->cap * 2;
    while (cap < need + 1)
        cap *= 2;
    char *b = realloc(e->buf, cap);
    if (b == NULL)
        return false;
    e->buf = b;
    e->cap = cap;
    return true;
}

/* Replace the text by s, the cursor at its end. */
static int set_text(lt_lineedit *e, const char *s)
{
    size_t n = strlen(s);
    if (!reserve(e, n))
        return lt_nomem();
    memmove(e->buf, s, n + 1);
    e->len = n;
    e->point = n;
    return 0;
}

int lt_lineedit_start(lt_lineedit *e, const char *prompt, const char *text)
{
    char *p = strdup(prompt ? prompt : "");
    if (p == NULL)
        return lt_nomem();
    if (set_text(e, text ? text : "") < 0) {
        free(p);
        return LT_ENOMEM;
    }
    free(e->prompt);
    e->prompt = p;
    e->accepted = false;
    e->hist_pos = e->nhist;
    free(e->saved);
    e->saved = NULL;
    return 0;
}

bool lt_lineedit_accepted(const lt_lineedit *e)
{
    return e->accepted;
}

const char *lt_lineedit_text(const lt_lineedit *e)
{
    return e->buf;
}

/* ---- moving by characters and words ------------------------------------ */

/* The start of the code point before byte offset i. */
static size_t prev_cp(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    /* Back over continuation bytes, at most three (invalid bytes stand
     * alone, as lt_text_decode reads them). */
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t k = j;
    lt_text_decode(s, i, &k);
    return k == i ? j : i - 1;
}

/* Grapheme cluster boundaries, so that the cursor never stops between a
 * letter and its accent or inside an emoji sequence. */
static size_t next_boundary(const lt_lineedit *e, size_t i)
{
    if (i >= e->len)
        return e->len;
    utf8proc_int32_t state = 0;
    uint32_t prev = lt_text_decode(e->buf, e->len, &i);
    while (i < e->len) {
        size_t j = i;
        uint32_t cp = lt_text_decode(e->buf, e->len, &j);
        if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev,
                                             (utf8proc_int32_t)cp, &state))
            break;
        prev = cp;
        i = j;
    }
    return i;
}

static size_t prev_boundary(const lt_lineedit *e, size_t i)
{
    size_t at = 0, b = 0;
    while (at < i) {
        b = at;
        at = next_boundary(e, at);
    }
    return b;
}

static bool is_space_at(const lt_lineedit *e, size_t i)
{
    return e->buf[i] == ' ' || e->buf[i] == '\t';
}

/* The start of the word before i (spaces first, then the non-spaces). */
static size_t word_left(const lt_lineedit *e, size_t i)
{
    while (i > 0 && is_space_at(e, i - 1))
        i--;
    while (i > 0 && !is_space_at(e, i - 1))
        i--;
    return i;
}

static size_t word_right(const lt_lineedit *e, size_t i)
{
    while (i < e->len && is_space_at(e, i))
        i++;
    while (i < e->len && !is_space_at(e, i))
        i++;
    return i;
}

/* ---- editing ------------------------------------------------------------ */

static void erase(lt_lineedit *e, size_t from, size_t to)
{
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    if (e->point > to)
        e->point -= to - from;
    else if (e->point > from)
        e->point = from;
}

static bool insert(lt_lineedit *e, uint32_t cp)
{
    char u[4];
    int n = lt_ansi_encode(cp, u);
    if (!reserve(e, e->len + (size_t)n))
        return false;
    memmove(e->buf + e->point + n, e->buf + e->point, e->len - e->point + 1);
    memcpy(e->buf + e->point, u, (size_t)n);
    e->len += (size_t)n;
    e->point += (size_t)n;
    return true;
}

/* Keep an accepted text in the history (not a repeat of the last one). */
static void remember(lt_lineedit *e)
{
    if (e->len == 0 || (e->nhist > 0 && strcmp(e->hist[e->nhist - 1], e->buf) == 0))
        return;
    char *s = strdup(e->buf);
    if (s == NULL)
        return;   /* the history is a convenience: lose the entry */
    if (e->hist == NULL) {
        e->hist = malloc(HISTORY_MAX * sizeof *e->hist);
        if (e->hist == NULL) {
            free(s);
            return;
        }
    }
    if (e->nhist == HISTORY_MAX) {
        free(e->hist[0]);
        memmove(e->hist, e->hist + 1, (HISTORY_MAX - 1) * sizeof *e->hist);
        e->nhist--;
    }
    e->hist[e->nhist++] = s;
}

/* Show history entry pos (nhist: the text that was being typed). */
static int recall(lt_lineedit *e, int pos)
{
    if (pos < 0 || pos > e->nhist || pos == e->hist_pos)
        return LT_W_HANDLED;
    if (e->hist_pos == e->nhist) {
        char *s = strdup(e->buf);
        if (s == NULL)
            return LT_W_HANDLED;
        free(e->saved);
        e->saved = s;
    }
    const char *t = pos == e->nhist ? (e->saved ? e->saved : "") : e->hist[pos];
    if (set_text(e, t) < 0)
        return LT_W_HANDLED;
    e->hist_pos = pos;
    return LT_W_HANDLED | LT_W_REDRAW;
}

int lt_lineedit_key(lt_lineedit *e, const lt_key_event *ev)
{
    const int redraw = LT_W_HANDLED | LT_W_REDRAW;
    size_t p = e->point;
    switch (ev->key) {
    case LT_KEY_ENTER:
        e->accepted = true;
        remember(e);
        e->hist_pos = e->nhist;
        return redraw | LT_W_CLOSE;
    case LT_KEY_ESC:
    case LT_CTRL('c'):
        e->accepted = false;
        e->hist_pos = e->nhist;
        return redraw | LT_W_CLOSE;
    case LT_KEY_LEFT:
        p = prev_boundary(e, p);
        break;
    case LT_KEY_RIGHT:
        p = next_boundary(e, p);
        break;
    case LT_KEY_HOME:
    case LT_CTRL('a'):
        p = 0;
        break;
    case LT_KEY_END:
    case LT_CTRL('e'):
        p = e->len;
        break;
    case LT_KEY_CTRL_LEFT:
        p = word_left(e, p);
        break;
    case LT_KEY_CTRL_RIGHT:
        p = word_right(e, p);
        break;
    case LT_KEY_BACKSPACE:
    case 0x7f:
    case LT_CTRL('h'):
        if (p == 0)
            return LT_W_HANDLED;
        erase(e, prev_cp(e->buf, p), p);
        return redraw;
    case LT_KEY_DELETE:
        if (p == e->len)
            return LT_W_HANDLED;
        lt_text_decode(e->buf, e->len, &p);
        erase(e, e->point, p);
        return redraw;
    case LT_CTRL('u'):
        if (p == 0)
            return LT_W_HANDLED;
        erase(e, 0, p);
        return redraw;
    case LT_CTRL('k'):
        if (p == e->len)
            return LT_W_HANDLED;
        erase(e, p, e->len);
        return redraw;
    case LT_CTRL('w'):
        if (p == 0)
            return LT_W_HANDLED;
        erase(e, word_left(e, p), p);
        return redraw;
    case LT_KEY_UP:
        return recall(e, e->hist_pos - 1);
    case LT_KEY_DOWN:
        return recall(e, e->hist_pos + 1);
    default:
        /* A character: printable code points only (no controls, no
         * surrogates, no keys beyond Unicode). */
        if (ev->key >= 0x20 && ev->key < 0x110000 && !(ev->key >= 0x7f && ev->key < 0xa0) &&
            !(ev->key >= 0xD800 && ev->key <= 0xDFFF))
            return insert(e, (uint32_t)ev->key) ? redraw : LT_W_HANDLED;
        return LT_W_HANDLED;
    }
    if (p == e->point)
        return LT_W_HANDLED;
    e->point = p;
    return redraw;
}

/* ---- drawing ------------------------------------------------------------ */

/* Display cells of s[from..to). */
static int cells(const char *s, size_t from, size_t to)
{
    int w = 0;
    while (from < to)
        w += lt_text_cp_width(lt_text_decode(s, to, &from));
    return w;
}

/* The text is shown from cell `offset` on, in `avail` cells.  offset is 0
 * while the cursor fits; past that it moves in steps of half the width,
 * so the view stays put while the cursor moves inside it (drawing keeps
 * no state). */
int lt_lineedit_draw(const lt_lineedit *e, lt_canvas *c, int x, int y, int width)
{
    if (width < 1)
        return x;
    /* At least a third of the width (8 cells or all if less) for the
     * text; a longer prompt is cut. */
    int min_text = width / 3 > 8 ? width / 3 : 8;
    if (min_text > width)
        min_text = width;
    int pw = lt_canvas_text(c, x, y, e->prompt, width - min_text, &LT_UI_ACCENT, LT_CELL_BOLD);
    int avail = width - pw;
    int cw = cells(e->buf, 0, e->point);
    int offset = 0;
    if (cw >= avail) {
        int step = avail / 2 > 1 ? avail / 2 : 1;
        offset = ((cw - avail) / step + 1) * step;
    }
    /* The code points that fit in [offset, offset + avail). */
    size_t i = 0, from = 0, to = 0;
    int at = 0, first = -1;
    while (i < e->len) {
        size_t j = i;
        int w = lt_text_cp_width(lt_text_decode(e->buf, e->len, &j));
        if (at >= offset) {
            if (at + w - offset > avail)
                break;
            if (first < 0) {
                first = at;
                from = i;
            }
            to = j;
        }
        at += w;
        i = j;
    }
    if (first >= 0) {
        char small[256];
        size_t n = to - from;
        char *sub = n < sizeof small ? small : malloc(n + 1);
        if (sub) {
            memcpy(sub, e->buf + from, n);
            sub[n] = '\0';
            lt_canvas_text(c, x + pw + (first - offset), y, sub, avail - (first - offset), NULL, 0);
            if (sub != small)
                free(sub);
        }
    }
    if (offset > 0 && avail >= 4)
        lt_canvas_put(c, x + pw, y, 0x2026, NULL, LT_CELL_DIM);   /* "…": text to the left */
    return x + pw + (cw - offset);
}
