/* The cell grid: text with display widths, braille dots and lines, the
 * SGR output of each colour depth, the ASCII fallback, and the detection
 * of colour depth and ASCII from the environment. */
#include <limits.h>
#include <stdlib.h>

#include "canvas.h"
#include "error.h"
#include "tap.h"

static const lt_rgb BLUE = {0x00, 0x72, 0xB2};

/* The canvas as text (caller frees). */
static char *text_of(const lt_canvas *c, lt_color_mode m, bool ascii)
{
    size_t n = 0;
    char *s = lt_canvas_to_ansi(c, m, ascii, &n);
    if (s && strlen(s) != n) {
        free(s);
        return NULL;
    }
    return s;
}

static void check_text(const lt_canvas *c, lt_color_mode m, bool ascii,
                       const char *want, const char *what)
{
    char *s = text_of(c, m, ascii);
    is_str(s, want, "%s", what);
    free(s);
}

static void test_new(void)
{
    ok(lt_canvas_new(0, 5) == NULL, "a canvas of 0 columns is refused");
    is_str(lt_errmsg(), "canvas: 0 x 5 cells, expected 1..10000 each", "message names the size");
    ok(lt_canvas_new(3, 10001) == NULL, "10001 rows are refused");
    lt_canvas *c = lt_canvas_new(4, 3);
    ok(c && c->w == 4 && c->h == 3 && c->cells[11].ch == ' ' && c->cells[11].flags == 0,
       "a new canvas is blank");
    check_text(c, LT_COLOR_TRUE, false, "\n\n", "blank rows are empty lines");
    lt_canvas_free(c);
    lt_canvas_free(NULL);
}

static void test_text(void)
{
    lt_canvas *c = lt_canvas_new(10, 2);
    int n = lt_canvas_text(c, 0, 0, "he\xcc\x81llo", 100, NULL, 0);  /* e + combining acute */
    is_int(n, 5, "a combining accent takes no cell");
    ok(c->cells[1].ch == 0xE9, "e + U+0301 composes to U+00E9");
    n = lt_canvas_text(c, 6, 0, "\xe6\x97\xa5\xe6\x9c\xac", 100, NULL, 0);   /* 日本 */
    is_int(n, 4, "two wide characters take 4 cells");
    ok(c->cells[6].ch == 0x65E5 && c->cells[7].ch == 0 && c->cells[8].ch == 0x672C &&
       c->cells[9].ch == 0, "the right half of a wide character is ch 0");
    check_text(c, LT_COLOR_NONE, false, "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac\n",
               "wide characters print once");
    n = lt_canvas_text(c, 0, 1, "\xe6\x97\xa5\xe6\x9c\xac", 3, NULL, 0);
    is_int(n, 2, "a wide character that does not fit in max_cells is left out");
    n = lt_canvas_text(c, 7, 1, "abcdef", 100, NULL, 0);
    is_int(n, 3, "text stops at the right edge");
    n = lt_canvas_text(c, 2, 1, "a\tb\x1b", 100, NULL, 0);
    is_int(n, 2, "control characters are skipped");
    check_text(c, LT_COLOR_NONE, false,
               "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac\n\xe6\x97\xa5" "ab   abc",
               "second row");
    /* Overwriting half of a wide character blanks its other half. */
    lt_canvas_put(c, 7, 0, 'x', NULL, 0);
    lt_canvas_put(c, 8, 0, 'y', NULL, 0);
    check_text(c, LT_COLOR_NONE, false,
               "h\xc3\xa9llo  xy\n\xe6\x97\xa5" "ab   abc", "halves of wide characters");
    n = lt_canvas_text(c, -1, 1, "\xe6\x97\xa5z", 100, NULL, 0);
    ok(n == 3 && c->cells[10].ch == ' ' && c->cells[11].ch == 'z',
       "a wide character cut by the left edge leaves a blank");
    lt_canvas_put(c, -1, 0, 'q', NULL, 0);
    lt_canvas_put(c, 10, 0, 'q', NULL, 0);
    lt_canvas_put(c, 0, 2, 'q', NULL, 0);
    ok(c->cells[0].ch == 'h' && c->cells[8].ch == 'y', "writes outside the grid are clipped");
    n = lt_canvas_text(c, 0, 0, "\xff" "a", 100, NULL, 0);
    ok(n == 2 && c->cells[0].ch == 0xFFFD, "an invalid byte shows as U+FFFD");
    lt_canvas_free(c);

    is_int(lt_text_width("abc"), 3, "width of ASCII");
    is_int(lt_text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4, "width of CJK");
    is_int(lt_text_width("e\xcc\x81t\xc3\xa9"), 3, "width with a combining accent");
    is_int(lt_text_width("a\tb\n"), 2, "control characters are 0 wide");
    is_int(lt_text_width(""), 0, "empty text");
    is_int(lt_text_width(NULL), 0, "NULL");
}

static void test_dots(void)
{
    lt_canvas *c = lt_canvas_new(3, 2);
    /* Dot numbering: left column bits 0, 1, 2, 6; right column 3, 4, 5, 7. */
    uint32_t want[8] = {0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80};
    int good = 0;
    for (int i = 0; i < 8; i++) {
        lt_canvas *d = lt_canvas_new(1, 1);
        lt_canvas_dot(d, i / 4, i % 4, NULL);
        good += d->cells[0].ch == 0x2800 + want[i] && (d->cells[0].flags & LT_CELL_BRAILLE);
        lt_canvas_free(d);
    }
    is_int(good, 8, "each of the 8 dots has its bit");
    for (int dx = 0; dx < 2; dx++)
        for (int dy = 0; dy < 4; dy++)
            lt_canvas_dot(c, dx, dy, NULL);
    ok(c->cells[0].ch == 0x28FF, "8 dots merge into U+28FF");
    lt_canvas_put(c, 1, 0, 'x', NULL, 0);
    lt_canvas_dot(c, 2, 0, &BLUE);
    ok(c->cells[1].ch == 0x2801 && (c->cells[1].flags & LT_CELL_FG) &&
       c->cells[1].fg.b == 0xB2, "a dot replaces a character and takes its colour");
    lt_canvas_dot(c, 6, 0, NULL);
    lt_canvas_dot(c, -1, 0, NULL);
    lt_canvas_dot(c, 0, 8, NULL);
    ok(c->cells[2].ch == ' ' && c->cells[3].ch == ' ', "dots outside are clipped");
    lt_canvas_free(c);

    c = lt_canvas_new(4, 2);
    lt_canvas_dot_line(c, 0, 0, 7, 0, NULL);
    lt_canvas_dot_line(c, 0, 4, 0, 7, NULL);
    lt_canvas_dot_line(c, 3, 4, 6, 7, NULL);
    check_text(c, LT_COLOR_NONE, false,
               "\xe2\xa0\x89\xe2\xa0\x89\xe2\xa0\x89\xe2\xa0\x89\n"   /* ⠉⠉⠉⠉ */
               "\xe2\xa1\x87\xe2\xa0\x88\xe2\xa0\xa2\xe2\xa1\x80",     /* ⡇⠈⠢⡀ */
               "horizontal, vertical and diagonal dot lines");
    lt_canvas_free(c);

    /* A line from far outside is clipped to the grid, not walked. */
    lt_canvas *a = lt_canvas_new(2, 1), *b = lt_canvas_new(2, 1);
    lt_canvas_dot_line(a, 0, 0, 3, 3, NULL);
    lt_canvas_dot_line(b, -3000, -3000, 3, 3, NULL);
    ok(a->cells[0].ch == 0x2811 && a->cells[1].ch == 0x2884, "diagonal dots ⠑⢄");
    ok(b->cells[0].ch == a->cells[0].ch && b->cells[1].ch == a->cells[1].ch,
       "a clipped line has the same dots inside");
    lt_canvas_free(b);
    b = lt_canvas_new(2, 1);
    lt_canvas_dot_line(b, INT_MIN / 2, 1, INT_MAX / 2, 1, NULL);
    ok(b->cells[0].ch == 0x2812 && b->cells[1].ch == 0x2812, "a line across the grid from afar");
    lt_canvas_dot_line(b, -10, -5, -3, -1, NULL);
    ok(b->cells[0].ch == 0x2812, "a line wholly outside draws nothing");
    lt_canvas_free(a);
    lt_canvas_free(b);

    c = lt_canvas_new(8, 1);
    lt_canvas_dot_linef(c, 0, 0, 15, 0, NULL, 0x55);
    check_text(c, LT_COLOR_NONE, false,
               "\xe2\xa0\x89 \xe2\xa0\x89 \xe2\xa0\x89 \xe2\xa0\x89",
               "a dotted line: pattern bits over pairs of dots");
    lt_canvas_free(c);
    c = lt_canvas_new(2, 1);
    lt_canvas_dot_linef(c, 0.4, NAN, 3, 0, NULL, 0xFF);
    lt_canvas_dot_linef(c, -INFINITY, 0, 3, 0, NULL, 0xFF);
    ok(c->cells[0].ch == ' ' && c->cells[1].ch == ' ', "NaN and infinite ends draw nothing");
    lt_canvas_dot_linef(c, -1e6, 2.8, 1e6, 2.8, NULL, 0xFF);
    ok(c->cells[0].ch == 0x28C0 && c->cells[1].ch == 0x28C0, "far ends as doubles are clipped");
    lt_canvas_free(c);
}

static void test_colours(void)
{
    lt_canvas *c = lt_canvas_new(6, 1);
    lt_canvas_text(c, 0, 0, "ab", 10, &BLUE, 0);
    lt_canvas_put(c, 2, 0, ' ', &BLUE, 0);
    lt_canvas_put(c, 3, 0, 'c', &BLUE, 0);
    check_text(c, LT_COLOR_256, false, "\x1b[0;38;5;25mab c\x1b[0m",
               "256 colours: #0072B2 is 25, one SGR for a run (spaces included)");
    check_text(c, LT_COLOR_TRUE, false, "\x1b[0;38;2;0;114;178mab c\x1b[0m", "24-bit colour");
    check_text(c, LT_COLOR_16, false, "\x1b[0;34mab c\x1b[0m", "16 colours: blue");
    check_text(c, LT_COLOR_NONE, false, "ab c", "no colour: plain text");
    lt_canvas_fill_bg(c, 5, 0, 1, 1, (lt_rgb){0xFD, 0xE7, 0x25});
    check_text(c, LT_COLOR_256, false, "\x1b[0;38;5;25mab c \x1b[0;48;5;220m \x1b[0m",
               "a background cell is not trailing space");
    check_text(c, LT_COLOR_NONE, false, "ab c", "without colour a background is trailing space");
    lt_canvas_free(c);

    c = lt_canvas_new(4, 2);
    lt_canvas_put(c, 0, 0, 'T', NULL, LT_CELL_BOLD);
    lt_rgb muted = {0x88, 0x88, 0x88};
    lt_canvas_put(c, 1, 0, 'm', &muted, LT_CELL_DIM);
    lt_canvas_put(c, 2, 0, 'd', NULL, LT_CELL_DIM);
    lt_canvas_put(c, 0, 1, 'x', NULL, 0);
    check_text(c, LT_COLOR_16, false, "\x1b[0;1mT\x1b[0;2mmd\x1b[0m\nx",
               "16 colours: bold, dim in the default colour, reset at line end");
    check_text(c, LT_COLOR_256, false, "\x1b[0;1mT\x1b[0;38;5;102mm\x1b[0;2md\x1b[0m\nx",
               "256 colours: dim text keeps its grey");
    lt_canvas_free(c);

    /* The Okabe-Ito colours stay distinct in 16 colours. */
    c = lt_canvas_new(8, 1);
    for (int i = 0; i < 8; i++) {
        lt_rgb col = lt_palette_category(i);
        lt_canvas_put(c, i, 0, 'o', &col, 0);
    }
    check_text(c, LT_COLOR_16, false,
               "\x1b[0;34mo\x1b[0;33mo\x1b[0;32mo\x1b[0;31mo\x1b[0;96mo\x1b[0;95mo"
               "\x1b[0;93mo\x1b[0;90mo\x1b[0m",
               "blue, orange, green, vermillion, sky blue, purple, yellow, grey");
    lt_canvas_free(c);

    c = lt_canvas_new(3, 1);
    lt_canvas_fill_bg(c, 0, 0, 3, 1, (lt_rgb){0x44, 0x01, 0x54});
    lt_rgb white = {255, 255, 255};
    lt_canvas_put(c, 1, 0, '7', &white, 0);
    check_text(c, LT_COLOR_16, false, "\x1b[0;40m \x1b[0;97;40m7\x1b[0;40m \x1b[0m",
               "16 colours: a dark muted background is black, white text on it");
    lt_canvas_fill_bg(c, 2, 0, 1, 1, (lt_rgb){0xFD, 0xE7, 0x25});
    lt_canvas_fill_bg(c, 0, 0, 1, 1, (lt_rgb){0x22, 0x4E, 0x66});
    check_text(c, LT_COLOR_16, false, "\x1b[0;100m \x1b[0;97;40m7\x1b[0;43m \x1b[0m",
               "16 colours: a tint is grey, viridis yellow is yellow");
    check_text(c, LT_COLOR_256, false,
               "\x1b[0;48;5;23m \x1b[0;38;5;231;48;5;53m7\x1b[0;48;5;220m \x1b[0m",
               "256 colours: backgrounds and text on them");
    lt_canvas_free(c);

    c = lt_canvas_new(2, 1);
    lt_canvas_put(c, 0, 0, 'g', &(lt_rgb){0x80, 0x80, 0x80}, 0);
    lt_canvas_put(c, 1, 0, 'g', &(lt_rgb){0x30, 0x30, 0x30}, 0);
    check_text(c, LT_COLOR_256, false, "\x1b[0;38;5;244mg\x1b[0;38;5;236mg\x1b[0m",
               "greys go to the grey ramp");
    lt_canvas_free(c);
}

static bool all_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static void test_ascii(void)
{
    lt_canvas *c = lt_canvas_new(12, 2);
    lt_canvas_text(c, 0, 0, "\xe2\x94\x82\xe2\x94\x94\xe2\x94\x80\xe2\x94\xa4", 10, NULL, 0); /* │└─┤ */
    lt_canvas_text(c, 4, 0, "\xe2\x96\x88\xe2\x96\x81\xe2\x96\x8f", 10, NULL, 0);             /* █▁▏ */
    lt_canvas_text(c, 7, 0, "Caf\xc3\xa9\xe2\x80\xa6", 10, NULL, 0);                          /* Café… */
    lt_canvas_dot(c, 0, 4, NULL);
    lt_canvas_dot_line(c, 2, 4, 3, 7, NULL);
    for (int dx = 4; dx < 6; dx++)
        for (int dy = 4; dy < 8; dy++)
            lt_canvas_dot(c, dx, dy, NULL);
    lt_canvas_text(c, 3, 1, "\xe6\x97\xa5\xe2\x97\x8f\xe2\x96\x91\xe2\x96\x92\xe2\x96\x93", 10,
                   NULL, 0);   /* 日●░▒▓ */
    char *s = text_of(c, LT_COLOR_NONE, true);
    is_str(s, "|+-+#_|Cafe~\n.\\*??o.:%", "ASCII stand-ins");
    free(s);
    s = text_of(c, LT_COLOR_256, true);
    ok(s && all_ascii(s), "ASCII output with colour has no byte >= 0x80");
    free(s);
    lt_canvas_free(c);

    /* Braille cells read as the line through their dots. */
    c = lt_canvas_new(8, 1);
    lt_canvas_dot_line(c, 0, 1, 1, 1, NULL);          /* - */
    lt_canvas_dot_line(c, 2, 3, 3, 3, NULL);          /* _ */
    lt_canvas_dot_line(c, 4, 0, 4, 3, NULL);          /* | */
    lt_canvas_dot_line(c, 6, 3, 7, 0, NULL);          /* / */
    lt_canvas_dot_line(c, 8, 0, 9, 3, NULL);          /* \ */
    lt_canvas_dot_line(c, 10, 1, 11, 1, NULL);        /* o: a 2 x 2 marker */
    lt_canvas_dot_line(c, 10, 2, 11, 2, NULL);
    lt_canvas_dot(c, 12, 2, NULL);                    /* . */
    lt_canvas_dot(c, 14, 0, NULL);                    /* : */
    lt_canvas_dot(c, 15, 0, NULL);
    lt_canvas_dot(c, 14, 3, NULL);
    lt_canvas_dot(c, 15, 3, NULL);
    s = text_of(c, LT_COLOR_NONE, true);
    is_str(s, "-_|/\\o.:", "ASCII braille: - _ | / \\ o . :");
    free(s);
    lt_canvas_free(c);
}

static void test_detect(void)
{
    const char *vars[] = {"NO_COLOR", "TERM", "COLORTERM", "LUNETTE_ASCII", "LC_ALL",
                          "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++)
        unsetenv(vars[i]);
    ok(lt_color_mode_detect(true) == LT_COLOR_NONE, "no TERM: no colour");
    setenv("TERM", "xterm", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_16, "xterm: 16 colours");
    ok(lt_color_mode_detect(false) == LT_COLOR_NONE, "not a tty: no colour");
    setenv("TERM", "xterm-256color", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_256, "xterm-256color: 256 colours");
    setenv("COLORTERM", "truecolor", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_TRUE, "COLORTERM=truecolor: 24-bit");
    setenv("COLORTERM", "24bit", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_TRUE, "COLORTERM=24bit: 24-bit");
    setenv("NO_COLOR", "", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_TRUE, "an empty NO_COLOR is not set");
    setenv("NO_COLOR", "1", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_NONE, "NO_COLOR wins");
    unsetenv("NO_COLOR");
    setenv("TERM", "dumb", 1);
    ok(lt_color_mode_detect(true) == LT_COLOR_NONE, "a dumb terminal has no colour");

    setenv("LANG", "en_US.UTF-8", 1);
    ok(lt_ascii_detect(), "TERM=dumb: ASCII");
    setenv("TERM", "xterm", 1);
    ok(!lt_ascii_detect(), "a UTF-8 locale: Unicode");
    setenv("LANG", "C.utf8", 1);
    ok(!lt_ascii_detect(), "C.utf8 is UTF-8");
    setenv("LC_CTYPE", "en_US.ISO-8859-1", 1);
    ok(lt_ascii_detect(), "LC_CTYPE before LANG: Latin-1 is ASCII");
    setenv("LC_ALL", "de_DE.utf-8@euro", 1);
    ok(!lt_ascii_detect(), "LC_ALL first");
    setenv("LUNETTE_ASCII", "1", 1);
    ok(lt_ascii_detect(), "LUNETTE_ASCII=1");
    setenv("LUNETTE_ASCII", "0", 1);
    ok(!lt_ascii_detect(), "LUNETTE_ASCII=0 is not set");
    unsetenv("LC_ALL");
    unsetenv("LC_CTYPE");
    unsetenv("LANG");
    ok(!lt_ascii_detect(), "no locale at all: UTF-8, as frames print");
    setenv("LANG", "C", 1);
    ok(!lt_ascii_detect(), "LANG=C names no charset: UTF-8");
}

int main(void)
{
    test_new();
    test_text();
    test_dots();
    test_colours();
    test_ascii();
    test_detect();
    return tap_done();
}
