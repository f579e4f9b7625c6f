/* Terminal text for the widgets (ansi.h): code points as UTF-8, and
 * terminal output turned into lines of styled cells. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ansi.h"
#include "error.h"

int lt_ansi_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    return (int)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* ---- attributes and colours -------------------------------------------- */

bool lt_ansi_attr_eq(lt_ansi_attr a, lt_ansi_attr b)
{
    return a.flags == b.flags &&
           (!(a.flags & LT_CELL_FG) || (a.fg.r == b.fg.r && a.fg.g == b.fg.g && a.fg.b == b.fg.b)) &&
           (!(a.flags & LT_CELL_BG) || (a.bg.r == b.bg.r && a.bg.g == b.bg.g && a.bg.b == b.bg.b));
}

/* The ANSI colours as the usual terminal defaults, the bright ones light
 * enough that lt_rgb_ansi16 reads them as bright again. */
static const lt_rgb ansi16[16] = {
    {0, 0, 0},       {205, 0, 0},     {0, 205, 0},     {205, 205, 0},
    {0, 0, 238},     {205, 0, 205},   {0, 205, 205},   {229, 229, 229},
    {127, 127, 127}, {255, 85, 85},   {85, 255, 85},   {255, 255, 85},
    {92, 92, 255},   {255, 85, 255},  {85, 255, 255},  {255, 255, 255},
};

lt_rgb lt_ansi_color(int i)
{
    static const uint8_t level[6] = {0, 95, 135, 175, 215, 255};
    if (i < 0 || i > 255)
        i = 0;
    if (i < 16)
        return ansi16[i];
    if (i >= 232) {
        uint8_t v = (uint8_t)(8 + 10 * (i - 232));
        return (lt_rgb){v, v, v};
    }
    i -= 16;
    return (lt_rgb){level[i / 36], level[i / 6 % 6], level[i % 6]};
}

/* ---- the writer -------------------------------------------------------- */

enum { GROUND, ESC, ESC_INTER, CSI, STR, STR_ESC };

void lt_ansi_writer_init(lt_ansi_writer *w, lt_ansi_attr base)
{
    memset(w, 0, sizeof *w);
    w->base = w->cur = base;
}

void lt_ansi_writer_fini(lt_ansi_writer *w)
{
    free(w->cells);
    w->cells = NULL;
    w->n = w->cap = w->col = 0;
}

void lt_ansi_writer_reset(lt_ansi_writer *w, lt_ansi_attr base)
{
    w->base = w->cur = base;
    w->n = w->col = 0;
    w->state = GROUND;
    w->nseq = 0;
    w->seq_bad = false;
    w->npend = 0;
}

static bool grow(lt_ansi_writer *w, int need)
{
    if (need <= w->cap)
        return true;
    int cap = w->cap ? w->cap : 64;
    while (cap < need)
        cap *= 2;
    lt_ansi_cell *p = realloc(w->cells, (size_t)cap * sizeof *p);
    if (p == NULL)
        return false;
    w->cells = p;
    w->cap = cap;
    return true;
}

/* Finish the line: hand it to eol and start an empty one. */
static int end_line(lt_ansi_writer *w, lt_ansi_eol eol, void *ctx)
{
    int r = eol ? eol(ctx, w) : 0;
    w->n = w->col = 0;
    return r;
}

/* Before cell k is overwritten: the wide character it is half of loses
 * its other half too. */
static void unsplit(lt_ansi_writer *w, int k)
{
    if (k >= w->n)
        return;
    if (w->cells[k].ch == 0 && k > 0)
        w->cells[k - 1].ch = ' ';
    else if (k + 1 < w->n && w->cells[k + 1].ch == 0)
        w->cells[k + 1].ch = ' ';
}

/* Blanks from n up to col (the cursor moved past the end: a tab, an
 * erased line). */
static bool pad_to_col(lt_ansi_writer *w)
{
    if (w->n >= w->col)
        return true;
    if (!grow(w, w->col))
        return false;
    while (w->n < w->col)
        w->cells[w->n++] = (lt_ansi_cell){' ', w->cur};
    return true;
}

/* A zero-width code point joins the character before the cursor when
 * they compose into one (e + U+0301 = é); else it is dropped, as a cell
 * holds one code point. */
static void combine(lt_ansi_writer *w, uint32_t mark)
{
    int k = w->col - 1;
    if (k >= 0 && k < w->n && w->cells[k].ch == 0)
        k--;
    if (k < 0 || k >= w->n || w->cells[k].ch == 0)
        return;
    utf8proc_int32_t buf[2] = {(utf8proc_int32_t)w->cells[k].ch, (utf8proc_int32_t)mark};
    utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, 2, UTF8PROC_COMPOSE);
    if (n == 1 && lt_text_cp_width((uint32_t)buf[0]) == lt_text_cp_width(w->cells[k].ch))
        w->cells[k].ch = (uint32_t)buf[0];
}

static int put(lt_ansi_writer *w, uint32_t cp, lt_ansi_attr a, lt_ansi_eol eol, void *ctx)
{
    if (cp >= 0x80 && cp < 0xa0)
        cp = 0xFFFD;
    int cw = lt_text_cp_width(cp);
    if (cw == 0) {
        combine(w, cp);
        return 0;
    }
    if (w->col + cw > LT_ANSI_MAX_CELLS) {
        int r = end_line(w, eol, ctx);
        if (r < 0)
            return r;
    }
    if (!pad_to_col(w) || !grow(w, w->col + cw))
        return lt_nomem();
    unsplit(w, w->col);
    if (cw == 2)
        unsplit(w, w->col + 1);
    w->cells[w->col] = (lt_ansi_cell){cp, a};
    if (cw == 2)
        w->cells[w->col + 1] = (lt_ansi_cell){0, a};
    w->col += cw;
    if (w->col > w->n)
        w->n = w->col;
    return 0;
}

static uint8_t byte_of(int v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

static void set_color(lt_ansi_attr *a, bool bg, lt_rgb c)
{
    if (bg)
        a->bg = c;
    else
        a->fg = c;
    a->flags |= bg ? LT_CELL_BG : LT_CELL_FG;
}

/* The default colour: the one of the base attributes, if any. */
static void reset_color(lt_ansi_writer *w, bool bg)
{
    uint8_t f = bg ? LT_CELL_BG : LT_CELL_FG;
    w->cur.flags = (uint8_t)((w->cur.flags & ~f) | (w->base.flags & f));
    if (bg)
        w->cur.bg = w->base.bg;
    else
        w->cur.fg = w->base.fg;
}

static void set_flag(lt_ansi_attr *a, uint8_t f, bool on)
{
    a->flags = (uint8_t)(on ? a->flags | f : a->flags & ~f);
}

#define MAX_PARAMS 32

/* SGR: the parameters, separated by ';', and sub-parameters by ':'
 * (38:2::r:g:b with the colour space left empty, as ITU T.416 has it,
 * or 38:2:r:g:b as terminals also accept). */
static void sgr(lt_ansi_writer *w)
{
    int val[MAX_PARAMS];
    char sep[MAX_PARAMS];
    int np = 0, cur = -1;
    char cursep = ';';
    for (int i = 0; i <= w->nseq; i++) {
        char ch = i < w->nseq ? w->seq[i] : ';';
        if (ch >= '0' && ch <= '9') {
            cur = (cur < 0 ? 0 : cur) * 10 + (ch - '0');
            if (cur > 99999)
                cur = 99999;
        } else if (ch == ';' || ch == ':') {
            if (np < MAX_PARAMS) {
                val[np] = cur;
                sep[np++] = cursep;
            }
            cur = -1;
            cursep = ch;
        } else {
            return;   /* a private sequence (ESC [ ? ... m): not SGR */
        }
    }
    lt_ansi_attr *a = &w->cur;
    for (int i = 0; i < np; i++) {
        int v = val[i] < 0 ? 0 : val[i];
        int j = i + 1;
        while (j < np && sep[j] == ':')
            j++;
        int nsub = j - i - 1;
        const int *sub = val + i + 1;
        if (v == 38 || v == 48 || v == 58) {
            int idx = -1, rgb[3] = {-1, -1, -1};
            if (nsub > 0) {
                if (sub[0] == 5 && nsub >= 2)
                    idx = sub[1];
                else if (sub[0] == 2 && nsub >= 4) {
                    int o = nsub >= 5 ? 2 : 1;
                    rgb[0] = sub[o], rgb[1] = sub[o + 1], rgb[2] = sub[o + 2];
                }
                i = j - 1;
            } else if (i + 2 < np && val[i + 1] == 5) {
                idx = val[i + 2];
                i += 2;
            } else if (i + 4 < np && val[i + 1] == 2) {
                rgb[0] = val[i + 2], rgb[1] = val[i + 3], rgb[2] = val[i + 4];
                i += 4;
            } else {
                return;   /* malformed: the rest cannot be read */
            }
            if (v == 58)
                continue;   /* underline colour: cells have none */
            if (idx >= 0 && idx <= 255)
                set_color(a, v == 48, lt_ansi_color(idx));
            else if (rgb[0] != -1 || rgb[1] != -1 || rgb[2] != -1)
                set_color(a, v == 48, (lt_rgb){byte_of(rgb[0]), byte_of(rgb[1]), byte_of(rgb[2])});
            continue;
        }
        i = j - 1;
        if (v == 4 && nsub > 0) {   /* 4:0 no underline, 4:1..5 kinds of it */
            set_flag(a, LT_CELL_UNDERLINE, sub[0] > 0);
            continue;
        }
        if (v >= 30 && v <= 37)
            set_color(a, false, lt_ansi_color(v - 30));
        else if (v >= 40 && v <= 47)
            set_color(a, true, lt_ansi_color(v - 40));
        else if (v >= 90 && v <= 97)
            set_color(a, false, lt_ansi_color(v - 90 + 8));
        else if (v >= 100 && v <= 107)
            set_color(a, true, lt_ansi_color(v - 100 + 8));
        else
            switch (v) {
            case 0: *a = w->base; break;
            case 1: set_flag(a, LT_CELL_BOLD, true); break;
            case 2: set_flag(a, LT_CELL_DIM, true); break;
            case 4: case 21: set_flag(a, LT_CELL_UNDERLINE, true); break;
            case 7: set_flag(a, LT_CELL_REVERSE, true); break;
            case 22: set_flag(a, LT_CELL_BOLD | LT_CELL_DIM, false); break;
            case 24: set_flag(a, LT_CELL_UNDERLINE, false); break;
            case 27: set_flag(a, LT_CELL_REVERSE, false); break;
            case 39: reset_color(w, false); break;
            case 49: reset_color(w, true); break;
            default: break;   /* italic, blink, strike...: cells have none */
            }
    }
}

/* EL: erase to the end of the line (0), from its start to the cursor
 * (1), or all of it (2); the cursor stays. */
static void erase_in_line(lt_ansi_writer *w)
{
    int mode;
    if (w->nseq == 0)
        mode = 0;
    else if (w->nseq == 1 && w->seq[0] >= '0' && w->seq[0] <= '2')
        mode = w->seq[0] - '0';
    else
        return;
    if (mode == 0) {
        if (w->col < w->n) {
            unsplit(w, w->col);
            w->n = w->col;
        }
    } else if (mode == 1) {
        int end = w->col < w->n ? w->col : w->n - 1;
        if (end >= 0)
            unsplit(w, end);
        for (int k = 0; k <= end; k++)
            w->cells[k] = (lt_ansi_cell){' ', w->cur};
    } else {
        w->n = 0;
    }
}

static void csi(lt_ansi_writer *w, unsigned char final)
{
    if (w->seq_bad)
        return;
    if (final == 'm')
        sgr(w);
    else if (final == 'K')
        erase_in_line(w);
}

static int tab(lt_ansi_writer *w, lt_ansi_eol eol, void *ctx)
{
    int to = (w->col / 8 + 1) * 8;
    if (to > LT_ANSI_MAX_CELLS) {
        int r = end_line(w, eol, ctx);
        if (r < 0)
            return r;
        to = 8;
    }
    w->col = to;
    return 0;
}

/* A byte in the ground state. */
static int ground(lt_ansi_writer *w, unsigned char b, lt_ansi_eol eol, void *ctx)
{
    if (b == 0x1b) {
        w->state = ESC;
        return 0;
    }
    if (b == '\n')
        return end_line(w, eol, ctx);
    if (b == '\r') {
        w->col = 0;
        return 0;
    }
    if (b == '\t')
        return tab(w, eol, ctx);
    if (b < 0x20 || b == 0x7f) {
        lt_ansi_attr a = w->cur;
        a.flags ^= LT_CELL_REVERSE;
        int r = put(w, '^', a, eol, ctx);
        return r < 0 ? r : put(w, b ^ 0x40, a, eol, ctx);
    }
    if (b < 0x80)
        return put(w, b, w->cur, eol, ctx);
    if (b >= 0xC2 && b <= 0xF4) {
        w->pend[0] = b;
        w->npend = 1;
        return 0;
    }
    return put(w, 0xFFFD, w->cur, eol, ctx);
}

/* Bytes a UTF-8 sequence starting with `lead` has. */
static int seq_len(unsigned char lead)
{
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
}

int lt_ansi_write(lt_ansi_writer *w, const char *s, size_t len, lt_ansi_eol eol,
                  void *ctx)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        int r = 0;
        if (w->npend > 0) {
            if (b >= 0x80 && b <= 0xBF) {
                w->pend[w->npend++] = b;
                if (w->npend < seq_len(w->pend[0]))
                    continue;
                size_t k = 0;
                uint32_t cp = lt_text_decode((const char *)w->pend, w->npend, &k);
                if (k != w->npend)
                    cp = 0xFFFD;   /* overlong or a surrogate: one U+FFFD */
                w->npend = 0;
                if ((r = put(w, cp, w->cur, eol, ctx)) < 0)
                    return r;
                continue;
            }
            w->npend = 0;   /* cut short: U+FFFD, then b as itself */
            if ((r = put(w, 0xFFFD, w->cur, eol, ctx)) < 0)
                return r;
        }
        switch (w->state) {
        case GROUND:
            r = ground(w, b, eol, ctx);
            break;
        case ESC:
            if (b == '[') {
                w->state = CSI;
                w->nseq = 0;
                w->seq_bad = false;
            } else if (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_') {
                w->state = STR;
            } else if (b >= 0x20 && b <= 0x2f) {
                w->state = ESC_INTER;
            } else if (b >= 0x30 && b <= 0x7e) {
                w->state = GROUND;   /* a two-byte escape: dropped */
            } else if (b != 0x1b) {
                w->state = GROUND;   /* broken off: the byte is itself */
                r = ground(w, b, eol, ctx);
            }
            break;
        case ESC_INTER:
            if (b >= 0x30 && b <= 0x7e) {
                w->state = GROUND;
            } else if (b < 0x20 || b > 0x7e) {
                w->state = GROUND;
                r = ground(w, b, eol, ctx);
            }
            break;
        case CSI:
            if (b >= 0x30 && b <= 0x3f) {
                if (w->nseq < sizeof w->seq)
                    w->seq[w->nseq++] = (char)b;
                else
                    w->seq_bad = true;
            } else if (b >= 0x20 && b <= 0x2f) {
                w->seq_bad = true;   /* intermediate bytes: not one we read */
            } else if (b >= 0x40 && b <= 0x7e) {
                csi(w, b);
                w->state = GROUND;
            } else {
                w->state = GROUND;
                r = ground(w, b, eol, ctx);
            }
            break;
        case STR:
            /* OSC, DCS...: up to BEL or ST; a newline ends a broken one
             * rather than swallowing all later output. */
            if (b == 0x07)
                w->state = GROUND;
            else if (b == 0x1b)
                w->state = STR_ESC;
            else if (b == '\n') {
                w->state = GROUND;
                r = ground(w, b, eol, ctx);
            }
            break;
        case STR_ESC:
            if (b == '\\') {
                w->state = GROUND;
            } else {
                w->state = ESC;
                i--;   /* read b again as the byte after ESC */
            }
            break;
        }
        if (r < 0)
            return r;
    }
    return 0;
}

int lt_ansi_write_plain(lt_ansi_writer *w, const char *s, size_t len, bool end)
{
    w->state = GROUND;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        int r;
        if (b == 0x1b || b == '\n' || b == '\r') {
            if (w->npend > 0) {
                w->npend = 0;
                if ((r = put(w, 0xFFFD, w->cur, NULL, NULL)) < 0)
                    return r;
            }
            lt_ansi_attr a = w->cur;
            a.flags ^= LT_CELL_REVERSE;
            if ((r = put(w, '^', a, NULL, NULL)) < 0 || (r = put(w, b ^ 0x40, a, NULL, NULL)) < 0)
                return r;
        } else if ((r = lt_ansi_write(w, s + i, 1, NULL, NULL)) < 0) {
            return r;
        }
    }
    if (!end)
        return 0;
    if (w->npend > 0) {
        w->npend = 0;
        int r = put(w, 0xFFFD, w->cur, NULL, NULL);
        if (r < 0)
            return r;
    }
    return pad_to_col(w) ? 0 : lt_nomem();
}
