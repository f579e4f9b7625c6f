/* The cell grid of the text renderer (canvas.h): drawing primitives
 * (characters, UTF-8 text, background fills, braille dots and lines) and
 * the conversion of the grid to terminal text, with SGR colour sequences
 * for 16, 256 or 24-bit colour, or plain (and optionally ASCII-only). */
#include "canvas.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "error.h"

#define BRAILLE 0x2800u

lt_canvas *lt_canvas_new(int w, int h)
{
    if (w < 1 || h < 1 || w > 10000 || h > 10000) {
        lt_seterr(LT_EINVAL, "canvas: %d x %d cells, expected 1..10000 each", w, h);
        return NULL;
    }
    lt_canvas *c = malloc(sizeof *c);
    lt_cell *cells = malloc((size_t)w * (size_t)h * sizeof *cells);
    if (c == NULL || cells == NULL) {
        free(c);
        free(cells);
        lt_nomem();
        return NULL;
    }
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        cells[i] = (lt_cell){.ch = ' '};
    c->w = w;
    c->h = h;
    c->cells = cells;
    return c;
}

void lt_canvas_free(lt_canvas *c)
{
    if (c == NULL)
        return;
    free(c->cells);
    free(c);
}

static lt_cell *cell_at(lt_canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static bool is_wide(uint32_t ch)
{
    return ch >= 0x80 && utf8proc_charwidth((utf8proc_int32_t)ch) == 2;
}

/* Before (x, y) is overwritten: a wide character it is half of loses its
 * other half too (a blank stays, keeping its background). */
static void split_wide(lt_canvas *c, int x, int y)
{
    lt_cell *p = cell_at(c, x, y);
    if (p->ch == 0) {
        lt_cell *l = cell_at(c, x - 1, y);
        if (l)
            l->ch = ' ';
    } else if (is_wide(p->ch)) {
        lt_cell *r = cell_at(c, x + 1, y);
        if (r && r->ch == 0)
            r->ch = ' ';
    }
}

/* Set a cell's character and foreground; its background stays. */
static void set_cell(lt_cell *p, uint32_t ch, const lt_rgb *fg, uint8_t flags)
{
    p->ch = ch;
    p->flags = (uint8_t)((p->flags & LT_CELL_BG) | (flags & ~LT_CELL_BG & ~LT_CELL_FG));
    if (fg) {
        p->fg = *fg;
        p->flags |= LT_CELL_FG;
    }
}

void lt_canvas_put(lt_canvas *c, int x, int y, uint32_t ch, const lt_rgb *fg,
                   uint8_t flags)
{
    lt_cell *p = cell_at(c, x, y);
    if (p == NULL)
        return;
    split_wide(c, x, y);
    set_cell(p, ch, fg, flags);
}

uint32_t lt_text_decode(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (k < 1) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)k;
    return (uint32_t)cp;
}

int lt_text_cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10FFFF)
        return 0;
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w < 0 ? 0 : w > 2 ? 2 : w;
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

int lt_canvas_text(lt_canvas *c, int x, int y, const char *s, int max_cells,
                   const lt_rgb *fg, uint8_t flags)
{
    if (s == NULL || max_cells <= 0)
        return 0;
    /* Composed form, so that "e" + combining accent takes one cell. */
    char *nfc = has_non_ascii(s) ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)s) : NULL;
    const char *t = nfc ? nfc : s;
    size_t len = strlen(t), i = 0;
    int used = 0;
    while (i < len) {
        uint32_t cp = lt_text_decode(t, len, &i);
        int w = lt_text_cp_width(cp);
        if (w == 0)
            continue;
        if (used + w > max_cells || x + used + w > c->w)
            break;
        int cx = x + used;
        if (cx >= 0) {
            /* The right half first: overwriting it may blank its left. */
            if (w == 2)
                lt_canvas_put(c, cx + 1, y, 0, fg, flags);
            lt_canvas_put(c, cx, y, cp, fg, flags);
        } else if (cx + 1 == 0 && w == 2) {
            lt_canvas_put(c, 0, y, ' ', fg, flags);   /* half a wide character */
        }
        used += w;
    }
    free(nfc);
    return used;
}

void lt_canvas_fill_bg(lt_canvas *c, int x, int y, int w, int h, lt_rgb bg)
{
    for (int j = y < 0 ? 0 : y; j < y + h && j < c->h; j++)
        for (int i = x < 0 ? 0 : x; i < x + w && i < c->w; i++) {
            lt_cell *p = cell_at(c, i, j);
            p->bg = bg;
            p->flags |= LT_CELL_BG;
        }
}

/* Dot bits of a braille cell by [column][row]: the left column is dots
 * 1, 2, 3, 7 (bits 0, 1, 2, 6), the right one dots 4, 5, 6, 8. */
static const uint8_t dot_bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

void lt_canvas_dot(lt_canvas *c, int dx, int dy, const lt_rgb *fg)
{
    if (dx < 0 || dy < 0)
        return;
    int x = dx / 2, y = dy / 4;
    lt_cell *p = cell_at(c, x, y);
    if (p == NULL)
        return;
    uint32_t bits = dot_bit[dx % 2][dy % 4];
    if (p->flags & LT_CELL_BRAILLE) {
        bits |= p->ch - BRAILLE;
    } else {
        split_wide(c, x, y);
    }
    set_cell(p, BRAILLE + bits, fg, LT_CELL_BRAILLE);
}

/* Clip the segment to [0, xmax] x [0, ymax] (Liang-Barsky); false when
 * nothing of it is inside. */
static bool clip_segment(double *x0, double *y0, double *x1, double *y1,
                         double xmax, double ymax)
{
    if (!isfinite(*x0) || !isfinite(*y0) || !isfinite(*x1) || !isfinite(*y1))
        return false;
    double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {*x0, xmax - *x0, *y0, ymax - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0) {
            if (t > t1)
                return false;
            if (t > t0)
                t0 = t;
        } else {
            if (t < t0)
                return false;
            if (t < t1)
                t1 = t;
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return true;
}

void lt_canvas_dot_linef(lt_canvas *c, double x0, double y0, double x1,
                         double y1, const lt_rgb *fg, uint8_t pattern)
{
    double xmax = 2.0 * c->w - 1, ymax = 4.0 * c->h - 1;
    /* Only the part inside is walked, however far the ends are. */
    if (!clip_segment(&x0, &y0, &x1, &y1, xmax, ymax))
        return;
    int ax = (int)lround(x0), ay = (int)lround(y0);
    int bx = (int)lround(x1), by = (int)lround(y1);
    int dx = abs(bx - ax), dy = -abs(by - ay);
    int sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1;
    int err = dx + dy;
    for (unsigned step = 0;; step++) {
        if (pattern & (1u << (step / 2 % 8)))
            lt_canvas_dot(c, ax, ay, fg);
        if (ax == bx && ay == by)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            ax += sx;
        }
        if (e2 <= dx) {
            err += dx;
            ay += sy;
        }
    }
}

void lt_canvas_dot_line(lt_canvas *c, int x0, int y0, int x1, int y1,
                        const lt_rgb *fg)
{
    lt_canvas_dot_linef(c, x0, y0, x1, y1, fg, 0xFF);
}

int lt_text_width(const char *s)
{
    if (s == NULL)
        return 0;
    char *nfc = has_non_ascii(s) ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)s) : NULL;
    const char *t = nfc ? nfc : s;
    size_t len = strlen(t), i = 0;
    int w = 0;
    while (i < len)
        w += lt_text_cp_width(lt_text_decode(t, len, &i));
    free(nfc);
    return w;
}

/* ---- the environment ------------------------------------------------- */

static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

lt_color_mode lt_color_mode_detect(bool tty)
{
    const char *term = getenv("TERM");
    if (!tty || env_set("NO_COLOR") || term == NULL || *term == '\0' ||
        strcmp(term, "dumb") == 0)
        return LT_COLOR_NONE;
    const char *ct = getenv("COLORTERM");
    if (ct && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0))
        return LT_COLOR_TRUE;
    if (strstr(term, "256color"))
        return LT_COLOR_256;
    return LT_COLOR_16;
}

/* Does a locale name ("en_US.ISO-8859-1", "ru_RU.KOI8-R") name a
 * charset other than UTF-8?  Names without one ("C", "POSIX", "en_US")
 * do not: lunette writes UTF-8 everywhere else (frames print "…"), and a
 * terminal left at the C locale is UTF-8 in practice. */
static bool locale_not_utf8(const char *name)
{
    const char *dot = strchr(name, '.');
    if (dot == NULL)
        return false;
    char cs[16];
    size_t n = 0;
    for (const char *p = dot + 1; *p && *p != '@' && n + 1 < sizeof cs; p++)
        if (*p != '-')
            cs[n++] = (char)tolower((unsigned char)*p);
    cs[n] = '\0';
    return strcmp(cs, "utf8") != 0;
}

bool lt_ascii_detect(void)
{
    const char *a = getenv("LUNETTE_ASCII");
    if (a && strcmp(a, "1") == 0)
        return true;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return true;
    /* lunette does not call setlocale(LC_CTYPE, ""), so read the locale
     * the way setlocale would pick it: LC_ALL, then LC_CTYPE, then LANG. */
    const char *names[3] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return locale_not_utf8(v);
    }
    return false;
}

/* ---- colours --------------------------------------------------------- */

/* The 16 ANSI colours: index 0..7 normal, 8..15 bright.  A colour goes to
 * the one of its hue (red, yellow, green, cyan, blue, magenta), bright when
 * light; colours of little saturation to black, grey or white by
 * lightness.  The hue sectors are placed where the named colours of
 * terminal themes sit, so that distinct palette colours stay distinct:
 * orange reads as yellow, vermillion as red, a light blue as cyan. */
int lt_rgb_ansi16(lt_rgb c, bool bg)
{
    int mx = c.r > c.g ? (c.r > c.b ? c.r : c.b) : (c.g > c.b ? c.g : c.b);
    int mn = c.r < c.g ? (c.r < c.b ? c.r : c.b) : (c.g < c.b ? c.g : c.b);
    double light = (mx + mn) / 510.0;
    double chroma = (mx - mn) / 255.0;
    /* Muted backgrounds (tints, the dark end of viridis) become greys:
     * as a saturated ANSI colour they would swallow the text on them. */
    if (chroma < (bg ? 0.35 : 0.2)) {
        if (light < 0.25)
            return 0;
        if (light < 0.65)
            return 8;
        return light < 0.9 ? 7 : 15;
    }
    double h;
    if (mx == c.r)
        h = 60.0 * (c.g - c.b) / (mx - mn);
    else if (mx == c.g)
        h = 60.0 * (c.b - c.r) / (mx - mn) + 120;
    else
        h = 60.0 * (c.r - c.g) / (mx - mn) + 240;
    if (h < 0)
        h += 360;
    bool bright = light > 0.58;
    int base;
    if (h < 35 || h >= 330)
        base = 1;                       /* red */
    else if (h < 75)
        base = 3;                       /* yellow */
    else if (h < 170)
        base = 2;                       /* green */
    else if (h < 190)
        base = 6;                       /* cyan */
    else if (h < 215)
        base = bright ? 6 : 4;          /* a light blue reads as cyan */
    else if (h < 265)
        base = 4;                       /* blue */
    else
        base = 5;                       /* magenta */
    return bright ? base + 8 : base;
}

static int sq(int v)
{
    return v * v;
}

/* The nearest colour of the xterm 256-colour palette beyond the first 16
 * (which terminals theme): the 6 x 6 x 6 cube or the 24 greys. */
int lt_rgb_xterm256(lt_rgb c)
{
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    int idx[3];
    int ch[3] = {c.r, c.g, c.b};
    for (int k = 0; k < 3; k++) {
        int best = 0;
        for (int i = 1; i < 6; i++)
            if (abs(level[i] - ch[k]) < abs(level[best] - ch[k]))
                best = i;
        idx[k] = best;
    }
    int dcube = sq(level[idx[0]] - c.r) + sq(level[idx[1]] - c.g) + sq(level[idx[2]] - c.b);
    int avg = (c.r + c.g + c.b) / 3;
    int g = (avg - 8 + 5) / 10;
    g = g < 0 ? 0 : g > 23 ? 23 : g;
    int gv = 8 + 10 * g;
    int dgrey = sq(gv - c.r) + sq(gv - c.g) + sq(gv - c.b);
    if (dgrey < dcube)
        return 232 + g;
    return 16 + 36 * idx[0] + 6 * idx[1] + idx[2];
}

/* ---- output ---------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool fail;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->fail)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->fail = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_cp(sbuf *b, uint32_t cp)
{
    utf8proc_uint8_t u[4];
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, u);
    if (k < 1)
        sb_put(b, "?", 1);
    else
        sb_put(b, (const char *)u, (size_t)k);
}

/* The style of a cell as the terminal shows it. */
typedef struct style {
    bool fg_on, bg_on, bold, dim, reverse, underline;
    lt_rgb fg, bg;
} style;

static bool rgb_eq(lt_rgb a, lt_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Colours that render the same at this depth compare equal. */
static bool color_eq(lt_color_mode m, lt_rgb a, lt_rgb b)
{
    if (m == LT_COLOR_16)
        return lt_rgb_ansi16(a, false) == lt_rgb_ansi16(b, false) &&
               lt_rgb_ansi16(a, true) == lt_rgb_ansi16(b, true);
    if (m == LT_COLOR_256)
        return lt_rgb_xterm256(a) == lt_rgb_xterm256(b);
    return rgb_eq(a, b);
}

static bool style_eq(lt_color_mode m, const style *a, const style *b)
{
    return a->fg_on == b->fg_on && a->bg_on == b->bg_on && a->bold == b->bold &&
           a->dim == b->dim && a->reverse == b->reverse && a->underline == b->underline && (!a->fg_on || color_eq(m, a->fg, b->fg)) &&
           (!a->bg_on || color_eq(m, a->bg, b->bg));
}

/* A cell's style.  Dim text is drawn faint in the default colour with 16
 * colours (a grey of 8 colours would vanish on some backgrounds), and in
 * its own colour with more. */
static style cell_style(lt_color_mode m, const lt_cell *p)
{
    style s = {0};
    s.bold = p->flags & LT_CELL_BOLD;
    s.reverse = p->flags & LT_CELL_REVERSE;
    s.underline = p->flags & LT_CELL_UNDERLINE;
    s.bg_on = p->flags & LT_CELL_BG;
    s.bg = p->bg;
    s.fg_on = p->flags & LT_CELL_FG;
    s.fg = p->fg;
    if (p->flags & LT_CELL_DIM) {
        if (m == LT_COLOR_16 || !s.fg_on) {
            s.dim = true;
            s.fg_on = false;
        }
    }
    if (!s.fg_on)
        s.fg = (lt_rgb){0, 0, 0};
    if (!s.bg_on)
        s.bg = (lt_rgb){0, 0, 0};
    return s;
}

static void sgr_color(sbuf *b, lt_color_mode m, lt_rgb c, bool bg)
{
    char buf[32];
    if (m == LT_COLOR_16) {
        int i = lt_rgb_ansi16(c, bg);
        int code = (i < 8 ? 30 + i : 90 + i - 8) + (bg ? 10 : 0);
        snprintf(buf, sizeof buf, ";%d", code);
    } else if (m == LT_COLOR_256) {
        snprintf(buf, sizeof buf, ";%d;5;%d", bg ? 48 : 38, lt_rgb_xterm256(c));
    } else {
        snprintf(buf, sizeof buf, ";%d;2;%d;%d;%d", bg ? 48 : 38, c.r, c.g, c.b);
    }
    sb_str(b, buf);
}

/* Switch the terminal to style s: a reset, then its attributes. */
static void sgr(sbuf *b, lt_color_mode m, const style *s)
{
    sb_str(b, "\x1b[0");
    if (s->bold)
        sb_str(b, ";1");
    if (s->dim)
        sb_str(b, ";2");
    if (s->underline)
        sb_str(b, ";4");
    if (s->reverse)
        sb_str(b, ";7");
    if (s->fg_on)
        sgr_color(b, m, s->fg, false);
    if (s->bg_on)
        sgr_color(b, m, s->bg, true);
    sb_str(b, "m");
}

/* Dots set in a braille pattern. */
static int popcount8(uint32_t v)
{
    int n = 0;
    for (; v; v >>= 1)
        n += (int)(v & 1);
    return n;
}

/* The ASCII character that looks most like a braille pattern: the
 * direction of the line through its dots ('-', '_', '|', '/', '\\'), 'o'
 * for a 2 x 2 marker, '.' for a dot, ':' or '*' for other shapes by
 * density. */
static char ascii_braille(uint32_t bits)
{
    int n = popcount8(bits);
    if (n == 0)
        return ' ';
    if (n == 1)
        return '.';
    int rmin = 4, rmax = -1, sum[2] = {0, 0}, cnt[2] = {0, 0};
    for (int col = 0; col < 2; col++)
        for (int row = 0; row < 4; row++)
            if (bits & dot_bit[col][row]) {
                rmin = row < rmin ? row : rmin;
                rmax = row > rmax ? row : rmax;
                sum[col] += row;
                cnt[col]++;
            }
    if (rmin == rmax)
        return rmin == 3 ? '_' : '-';
    if (n == 4 && cnt[0] == 2 && cnt[1] == 2 && rmax - rmin == 1)
        return 'o';
    if (cnt[0] == 0 || cnt[1] == 0 || (rmax - rmin >= 2 && n >= 6))
        return n >= 7 ? '*' : '|';
    /* Mean rows of the two columns, compared without division. */
    int l = sum[0] * cnt[1], r = sum[1] * cnt[0];
    if (l < r)
        return '\\';
    if (l > r)
        return '/';
    return n >= 6 ? '*' : ':';
}

char lt_ascii_of(uint32_t ch)
{
    if (ch >= BRAILLE && ch <= BRAILLE + 0xFF)
        return ascii_braille(ch - BRAILLE);
    if (ch >= 0x2500 && ch <= 0x257F) {          /* box drawing */
        switch (ch) {
        case 0x2550:
            return '=';
        case 0x255E: case 0x2561:
            return '|';
        case 0x2500: case 0x2501: case 0x2504: case 0x2505: case 0x2508:
        case 0x2509: case 0x254C: case 0x254D: case 0x2574:
        case 0x2576: case 0x2578: case 0x257A: case 0x257C: case 0x257E:
            return '-';
        case 0x2502: case 0x2503: case 0x2506: case 0x2507: case 0x250A:
        case 0x250B: case 0x254E: case 0x254F: case 0x2551: case 0x2575:
        case 0x2577: case 0x2579: case 0x257B: case 0x257D: case 0x257F:
            return '|';
        default:
            return '+';
        }
    }
    if (ch >= 0x2581 && ch <= 0x2583)             /* low eighths */
        return '_';
    if ((ch >= 0x258D && ch <= 0x258F) || ch == 0x2595)   /* thin eighths */
        return '|';
    if (ch == 0x2591)
        return '.';
    if (ch == 0x2592)
        return ':';
    if (ch == 0x2593)
        return '%';
    if (ch >= 0x2580 && ch <= 0x259F)
        return '#';
    switch (ch) {
    case 0x25CF: case 0x25CB: case 0x25C9: case 0x2B24:  /* circles */
        return 'o';
    case 0x2022: case 0x2219: case 0x25A0: case 0x25AA: case 0x25C6:
        return '*';
    case 0x00B7: case 0x22C5:
        return '.';
    case 0x2026:                                  /* ellipsis: text cut */
        return '~';
    case 0x00D7:
        return 'x';
    case 0x2212: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2015:
        return '-';
    case 0x2018: case 0x2019: case 0x2032:
        return '\'';
    case 0x201C: case 0x201D: case 0x2033:
        return '"';
    case 0x00A0: case 0x2007: case 0x2009: case 0x202F:
        return ' ';
    case 0x2190: case 0x00AB:
        return '<';
    case 0x2192: case 0x00BB:
        return '>';
    case 0x2191:
        return '^';
    case 0x2193:
        return 'v';
    default:
        break;
    }
    /* Letters with accents lose them ("é" -> "e"). */
    utf8proc_int32_t dst[8];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)ch, dst, 8,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                     UTF8PROC_STRIPMARK,
                                                 &last);
    if (k >= 1 && k <= 8 && dst[0] >= 0x20 && dst[0] < 0x7f)
        return (char)dst[0];
    return '?';
}

static bool blank(const lt_cell *p, lt_color_mode m)
{
    return p->ch == ' ' &&
           (m == LT_COLOR_NONE || !(p->flags & (LT_CELL_BG | LT_CELL_REVERSE | LT_CELL_UNDERLINE)));
}

char *lt_canvas_to_ansi(const lt_canvas *c, lt_color_mode mode, bool ascii,
                        size_t *len)
{
    sbuf b = {0};
    const style plain = {0};
    for (int y = 0; y < c->h; y++) {
        const lt_cell *row = &c->cells[(size_t)y * (size_t)c->w];
        int end = c->w;
        while (end > 0 && blank(&row[end - 1], mode))
            end--;
        style cur = plain;
        for (int x = 0; x < end; x++) {
            const lt_cell *p = &row[x];
            if (mode != LT_COLOR_NONE) {
                style s = cell_style(mode, p);
                /* A space without background shows no foreground. */
                bool any = p->ch == ' ' && !s.bg_on && !cur.bg_on;
                if (!any && !style_eq(mode, &s, &cur)) {
                    sgr(&b, mode, &s);
                    cur = s;
                }
            }
            if (p->ch == 0) {
                /* The right half of a wide character: nothing to write,
                 * unless the ASCII form needs its second cell. */
                if (ascii)
                    sb_put(&b, "?", 1);
                continue;
            }
            if (p->ch < 0x80) {
                char ch = p->ch < 0x20 || p->ch == 0x7f ? ' ' : (char)p->ch;
                sb_put(&b, &ch, 1);
            } else if (ascii) {
                char ch = lt_ascii_of(p->ch);
                sb_put(&b, &ch, 1);
            } else {
                sb_cp(&b, p->ch);
            }
        }
        if (!style_eq(mode, &cur, &plain))
            sb_str(&b, "\x1b[0m");
        if (y + 1 < c->h)
            sb_put(&b, "\n", 1);
    }
    if (b.p == NULL && !b.fail)
        sb_put(&b, "", 0);
    if (b.fail) {
        free(b.p);
        lt_nomem();
        return NULL;
    }
    if (len)
        *len = b.n;
    return b.p;
}
