/* The terminal under the widgets, through ncursesw: start and stop,
 * canvases copied to the virtual screen, keys decoded into lt_key_event.
 *
 * Colours: each cell's RGB goes to the nearest of the xterm 256 colours
 * (or of the 16 ANSI colours), and the pair of foreground and background
 * comes from ncurses' alloc_pair, which reuses pairs as they age, so any
 * number of distinct colours can be drawn.  Without colour (NO_COLOR, a
 * monochrome terminal) a cell with a background is drawn in reverse video,
 * so that cursors and selections stay visible.
 *
 * Keys: curses decodes function and cursor keys (keypad); every other key
 * arrives as bytes, which are assembled into a code point for the widgets
 * and also handed back raw, because readline wants the bytes.  For decoded
 * keys that readline understands the raw bytes are the ANSI sequence that
 * readline binds by default. */
#include "screen.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static SCREEN *scr;
static FILE *scr_out;
static lt_color_mode mode;
static bool ascii;   /* LUNETTE_ASCII=1, TERM=dumb, a non-UTF-8 locale */
static int key_ctrl_left, key_ctrl_right, key_ctrl_home, key_ctrl_end;

/* The key code ncurses gives a terminfo capability of the extended set
 * ("kLFT5": Ctrl-Left), or -1. */
static int extended_key(const char *cap)
{
    char *s = tigetstr(cap);
    if (!s || s == (char *)-1)
        return -1;
    int code = key_defined(s);
    return code > 0 ? code : -1;
}

static lt_color_mode detect_colors(void)
{
    const char *no = getenv("NO_COLOR");
    if ((no && *no) || !has_colors())
        return LT_COLOR_NONE;
    if (start_color() != OK)
        return LT_COLOR_NONE;
    use_default_colors();
    if (COLORS >= 256)
        return LT_COLOR_256;
    return COLORS >= 8 ? LT_COLOR_16 : LT_COLOR_NONE;
}

int lt_screen_open(FILE *out, FILE *in)
{
    if (scr)
        return 0;
    scr = newterm(NULL, out, in);
    if (!scr)
        return -1;
    set_term(scr);
    scr_out = out;
    cbreak();          /* Ctrl-C, Ctrl-Z and Ctrl-\ still signal */
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    mode = detect_colors();
    ascii = lt_ascii_detect();
    key_ctrl_left = extended_key("kLFT5");
    key_ctrl_right = extended_key("kRIT5");
    key_ctrl_home = extended_key("kHOM5");
    key_ctrl_end = extended_key("kEND5");
    return 0;
}

void lt_screen_close(void)
{
    if (!scr)
        return;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    /* Mouse reporting off and the cursor shown, whatever the terminfo
     * entry said. */
    fputs("\033[?1000l\033[?1006l\033[?25h", scr_out);
    fflush(scr_out);
    delscreen(scr);
    scr = NULL;
}

bool lt_screen_active(void)
{
    return scr != NULL;
}

void lt_screen_size(int *width, int *height)
{
    *width = scr ? COLS : 80;
    *height = scr ? LINES : 24;
}

void lt_screen_resize(void)
{
    struct winsize ws;
    if (!scr || ioctl(fileno(scr_out), TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 ||
        ws.ws_row == 0)
        return;
    resizeterm(ws.ws_row, ws.ws_col);
    clearok(curscr, TRUE);
}

lt_color_mode lt_screen_color_mode(void)
{
    return mode;
}

static int color_index(lt_rgb c, bool bg)
{
    return mode == LT_COLOR_16 ? lt_rgb_ansi16(c, bg) % COLORS : lt_rgb_xterm256(c);
}

/* The attributes and colour pair of a cell, as the text renderer's SGR
 * output would show it (canvas.c: dim text without its own colour is
 * faint in the default colour). */
static attr_t cell_attrs(const lt_cell *p, int *pair)
{
    attr_t a = A_NORMAL;
    uint8_t fl = p->flags;
    if (fl & LT_CELL_BOLD)
        a |= A_BOLD;
    if (fl & LT_CELL_UNDERLINE)
        a |= A_UNDERLINE;
    if (fl & LT_CELL_REVERSE)
        a |= A_REVERSE;
    *pair = 0;
    if (mode == LT_COLOR_NONE) {
        if (fl & LT_CELL_DIM)
            a |= A_DIM;
        if ((fl & LT_CELL_BG) && !(fl & LT_CELL_REVERSE))
            a |= A_REVERSE;
        return a;
    }
    bool fg_on = fl & LT_CELL_FG;
    if ((fl & LT_CELL_DIM) && (mode == LT_COLOR_16 || !fg_on)) {
        a |= A_DIM;
        fg_on = false;
    }
    int fg = fg_on ? color_index(p->fg, false) : -1;
    int bg = (fl & LT_CELL_BG) ? color_index(p->bg, true) : -1;
    if (fg >= 0 || bg >= 0) {
        int pr = alloc_pair(fg, bg);
        *pair = pr > 0 ? pr : 0;
    }
    return a;
}

void lt_screen_blit(const lt_canvas *c, int x, int y)
{
    if (!scr || !c)
        return;
    for (int r = 0; r < c->h; r++) {
        int sy = y + r;
        if (sy < 0 || sy >= LINES)
            continue;
        for (int col = 0; col < c->w; col++) {
            int sx = x + col;
            const lt_cell *p = &c->cells[(size_t)r * c->w + col];
            if (sx < 0 || sx >= COLS || (p->ch == 0 && !ascii))
                continue;   /* the right half of a wide character */
            int pair;
            attr_t a = cell_attrs(p, &pair);
            wchar_t wc[2] = {(wchar_t)p->ch, L'\0'};
            if (ascii && p->ch >= 0x80)
                wc[0] = (wchar_t)(unsigned char)lt_ascii_of(p->ch);
            else if (ascii && p->ch == 0)
                wc[0] = L'?';
            if (p->ch < 0x20 || (p->ch >= 0x7f && p->ch < 0xa0))
                wc[0] = L'?';
            /* A wide character in the last column would wrap: a space. */
            if (sx == COLS - 1 && wcwidth(wc[0]) > 1)
                wc[0] = L' ';
            cchar_t cc;
            setcchar(&cc, wc, a, 0, &pair);
            mvadd_wch(sy, sx, &cc);
        }
    }
}

void lt_screen_update(bool show_cursor, int x, int y)
{
    if (!scr)
        return;
    if (show_cursor && x >= 0 && y >= 0 && x < COLS && y < LINES) {
        move(y, x);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

void lt_screen_invalidate(void)
{
    if (scr)
        clearok(curscr, TRUE);
}

/* ---- keys ------------------------------------------------------------ */

typedef struct {
    int curses;
    int key;
    const char *raw;   /* what readline reads for it, or NULL */
} key_map;

static const key_map keys[] = {
    {KEY_UP, LT_KEY_UP, "\033[A"},       {KEY_DOWN, LT_KEY_DOWN, "\033[B"},
    {KEY_RIGHT, LT_KEY_RIGHT, "\033[C"}, {KEY_LEFT, LT_KEY_LEFT, "\033[D"},
    {KEY_HOME, LT_KEY_HOME, "\033[H"},   {KEY_END, LT_KEY_END, "\033[F"},
    {KEY_PPAGE, LT_KEY_PGUP, NULL},      {KEY_NPAGE, LT_KEY_PGDN, NULL},
    {KEY_DC, LT_KEY_DELETE, "\033[3~"},  {KEY_IC, LT_KEY_INSERT, NULL},
    {KEY_BACKSPACE, LT_KEY_BACKSPACE, "\177"},
    {KEY_ENTER, LT_KEY_ENTER, "\r"},     {KEY_BTAB, LT_KEY_BTAB, NULL},
};

static int set_raw(unsigned char *raw, const char *s)
{
    int n = (int)strlen(s);
    memcpy(raw, s, (size_t)n);
    return n;
}

static int decoded_key(int c, lt_key_event *ev, unsigned char *raw, int *nraw)
{
    if (c >= KEY_F(1) && c <= KEY_F(12)) {
        ev->key = LT_KEY_F1 + (c - KEY_F(1));
        return 1;
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].curses == c) {
            ev->key = keys[i].key;
            if (keys[i].raw)
                *nraw = set_raw(raw, keys[i].raw);
            return 1;
        }
    }
    if (c == KEY_RESIZE) {
        ev->key = LT_KEY_RESIZE;
        return 1;
    }
    if (c == key_ctrl_left || c == key_ctrl_right) {
        bool left = c == key_ctrl_left;
        ev->key = left ? LT_KEY_CTRL_LEFT : LT_KEY_CTRL_RIGHT;
        *nraw = set_raw(raw, left ? "\033[1;5D" : "\033[1;5C");
        return 1;
    }
    if (c == key_ctrl_home || c == key_ctrl_end) {
        ev->key = c == key_ctrl_home ? LT_KEY_CTRL_HOME : LT_KEY_CTRL_END;
        return 1;
    }
    if (c == KEY_MOUSE) {
        MEVENT m;
        if (getmouse(&m) != OK)
            return 0;
        ev->x = m.x;
        ev->y = m.y;
        if (m.bstate & BUTTON4_PRESSED)
            ev->key = LT_KEY_WHEEL_UP;
        else if (m.bstate & BUTTON5_PRESSED)
            ev->key = LT_KEY_WHEEL_DOWN;
        else if (m.bstate & BUTTON1_PRESSED)
            ev->key = LT_KEY_CLICK;
        else
            return 0;
        return 1;
    }
    return 0;   /* a key we do not use */
}

/* The rest of a UTF-8 sequence after its lead byte (already buffered by
 * the terminal); the code point, or U+FFFD for a broken sequence. */
static int utf8_key(int lead, unsigned char *raw, int *nraw)
{
    int need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    int cp = need == 3 ? lead & 0x07 : need == 2 ? lead & 0x0f : lead & 0x1f;
    raw[0] = (unsigned char)lead;
    *nraw = 1;
    if (need == 0 || lead > 0xf4)
        return 0xfffd;
    for (int i = 0; i < need; i++) {
        int c = getch();
        if (c == ERR || (c & 0xc0) != 0x80) {
            if (c != ERR)
                ungetch(c);
            return 0xfffd;
        }
        raw[(*nraw)++] = (unsigned char)c;
        cp = (cp << 6) | (c & 0x3f);
    }
    return cp;
}

int lt_screen_read(lt_key_event *ev, unsigned char *raw, int *nraw)
{
    memset(ev, 0, sizeof *ev);
    *nraw = 0;
    if (!scr)
        return 0;
    for (;;) {
        int c = getch();
        if (c == ERR)
            return 0;
        if (c >= KEY_MIN) {
            if (decoded_key(c, ev, raw, nraw))
                return 1;
            continue;
        }
        raw[0] = (unsigned char)c;
        *nraw = 1;
        if (c == '\r' || c == '\n')
            ev->key = LT_KEY_ENTER;
        else if (c == 27)
            ev->key = LT_KEY_ESC;
        else if (c == '\t')
            ev->key = LT_KEY_TAB;
        else if (c == 127 || c == 8)
            ev->key = LT_KEY_BACKSPACE;
        else if (c >= 0x80)
            ev->key = utf8_key(c, raw, nraw);
        else
            ev->key = c;
        return 1;
    }
}
