/* Reading a canvas in the widget tests: a widget drawn on a fresh
 * canvas, a row as text, the whole canvas as text, a cell, a colour.
 * Include after tap.h. */
#ifndef LT_TEST_CELLS_H
#define LT_TEST_CELLS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansi.h"
#include "canvas.h"
#include "widget.h"

/* The widget drawn on a fresh canvas of its size (caller frees). */
__attribute__((unused))
static lt_canvas *draw_widget(lt_widget *w)
{
    lt_canvas *c = lt_canvas_new(w->w, w->h);
    lt_widget_draw(w, c);
    return c;
}

/* The widget resized to W x H and drawn on a fresh canvas (caller
 * frees). */
__attribute__((unused))
static lt_canvas *draw_at(lt_widget *w, int W, int H)
{
    lt_widget_resize(w, W, H);
    return draw_widget(w);
}

/* Row y as UTF-8, trailing spaces dropped (the right halves of wide
 * characters print nothing); valid until the next call. */
__attribute__((unused))
static const char *row_text(const lt_canvas *c, int y)
{
    static char *buf;
    static size_t cap;
    size_t need = (size_t)c->w * 4 + 1;
    if (need > cap) {
        free(buf);
        buf = malloc(need);
        cap = need;
    }
    size_t n = 0, keep = 0;
    for (int x = 0; x < c->w; x++) {
        uint32_t ch = c->cells[(size_t)y * (size_t)c->w + (size_t)x].ch;
        if (ch == 0)
            continue;
        n += (size_t)lt_ansi_encode(ch, buf + n);
        if (ch != ' ')
            keep = n;
    }
    buf[keep] = '\0';
    return buf;
}

/* The canvas as plain text, rows joined by '\n' (caller frees). */
__attribute__((unused))
static char *canvas_text(const lt_canvas *c)
{
    size_t len;
    return lt_canvas_to_ansi(c, LT_COLOR_NONE, false, &len);
}

/* The canvas as plain text, rows joined by '\n'; a static buffer, valid
 * until the next call ("(null)" when out of memory). */
__attribute__((unused))
static const char *screen_text(const lt_canvas *c)
{
    static char buf[1 << 16];
    char *s = canvas_text(c);
    snprintf(buf, sizeof buf, "%s", s ? s : "(null)");
    free(s);
    return buf;
}

/* The widget's text at W x H (static buffer, as screen_text). */
__attribute__((unused))
static const char *screen_at(lt_widget *w, int W, int H)
{
    lt_canvas *c = draw_at(w, W, H);
    const char *s = screen_text(c);
    lt_canvas_free(c);
    return s;
}

__attribute__((unused))
static const lt_cell *cell_at(const lt_canvas *c, int x, int y)
{
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Whether the canvas shows exactly `want` (rows joined by '\n'). */
__attribute__((unused))
static int is_screen(const lt_canvas *c, const char *want, const char *what)
{
    char *s = canvas_text(c);
    int r = is_str(s, want, "%s", what);
    free(s);
    return r;
}

/* Whether the widget, drawn at its size, shows exactly `want`. */
__attribute__((unused))
static int widget_shows(lt_widget *w, const char *want, const char *what)
{
    lt_canvas *c = draw_widget(w);
    int r = is_screen(c, want, what);
    lt_canvas_free(c);
    return r;
}

__attribute__((unused))
static bool rgb_is(lt_rgb a, lt_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

__attribute__((unused))
static void canvas_clear(lt_canvas *c)
{
    for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++)
        c->cells[i] = (lt_cell){.ch = ' '};
}

#endif
