/* The pager: title bar with the position, headings, SGR colours,
 * wrapping, the scrolling keys and their clamps, search with n/N and
 * wrapping around, resizes keeping the top line, tiny and empty views. */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "cells.h"
#include "pager.h"

static const char *TEXT =
    "# Keys\n"
    "Up/Down   move a row\n"
    "PgUp/PgDn a page\n"
    "\x1b[32mgreen\x1b[0m text\n"
    "\n"
    "# Lua\n"
    "a line long enough to wrap at thirty columns, twice over it goes\n"
    "filter rows\n"
    "sort rows\n"
    "line 10\n"
    "line 11\n"
    "line 12\n"
    "line 13\n"
    "filter again";

static int key(lt_pager *p, int k)
{
    lt_key_event ev = {.key = k};
    return lt_widget_key(lt_pager_widget(p), &ev);
}

static void type(lt_pager *p, const char *s)
{
    for (; *s; s++)
        key(p, *s);
}

/* The pane drawn on a fresh canvas of its size (caller frees). */
static lt_canvas *draw(lt_pager *p)
{
    return draw_widget(lt_pager_widget(p));
}

static int shows(lt_pager *p, const char *want, const char *what)
{
    return widget_shows(lt_pager_widget(p), want, what);
}

static lt_pager *pager(int w, int h)
{
    lt_pager *p = lt_pager_new("Help", TEXT);
    lt_widget_resize(lt_pager_widget(p), w, h);
    return p;
}

static void test_look(void)
{
    lt_pager *p = pager(30, 8);
    ok(p != NULL, "new");
    lt_canvas *c = draw(p);
    is_screen(c,
              " Help     1-7 of 16  q closes\n"
              "Keys\n"
              "Up/Down   move a row\n"
              "PgUp/PgDn a page\n"
              "green text\n"
              "\n"
              "Lua\n"
              "a line long enough to wrap at",
              "title bar and the first rows");
    ok(cell_at(c, 0, 0)->flags & LT_CELL_BG && rgb_is(cell_at(c, 29, 0)->bg, LT_UI_HEADER_BG),
       "the title bar has the header background across");
    ok(cell_at(c, 1, 0)->flags & LT_CELL_BOLD, "the title is bold");
    ok(cell_at(c, 10, 0)->flags & LT_CELL_DIM, "the position is dim");
    ok(cell_at(c, 0, 1)->flags == (LT_CELL_BOLD | LT_CELL_FG) && rgb_is(cell_at(c, 0, 1)->fg, LT_UI_ACCENT),
       "a heading is bold in the accent colour, without its \"# \"");
    ok(cell_at(c, 0, 4)->flags == LT_CELL_FG && rgb_is(cell_at(c, 0, 4)->fg, lt_ansi_color(2)) &&
       cell_at(c, 6, 4)->flags == 0, "SGR colours");
    lt_canvas_free(c);
    is_int(lt_pager_top(p), 0, "at the top");
    ok(!lt_widget_cursor(lt_pager_widget(p), &(int){0}, &(int){0}), "no cursor while reading");
    lt_widget_free(lt_pager_widget(p));
}

static void test_scroll(void)
{
    lt_pager *p = pager(30, 8);
    is_int(key(p, LT_KEY_UP), LT_W_HANDLED, "Up at the top: handled, nothing to draw");
    is_int(key(p, LT_KEY_DOWN), LT_W_HANDLED | LT_W_REDRAW, "Down");
    is_int(lt_pager_top(p), 1, "one row down");
    key(p, 'k');
    is_int(lt_pager_top(p), 0, "k: up");
    key(p, 'j');
    key(p, LT_KEY_UP);
    key(p, LT_KEY_PGDN);
    is_int(lt_pager_top(p), 6, "PgDn: a page of 7 rows less one");
    key(p, ' ');
    is_int(lt_pager_top(p), 9, "space: a page, clamped to the last page (16 rows - 7)");
    shows(p,
          " Help   10-16 of 16  q closes\n"
          "filter rows\nsort rows\nline 10\nline 11\nline 12\nline 13\nfilter again",
          "the last page");
    is_int(key(p, LT_KEY_PGDN), LT_W_HANDLED, "PgDn at the end: nothing to draw");
    key(p, 'b');
    is_int(lt_pager_top(p), 3, "b: a page up");
    key(p, LT_KEY_PGUP);
    is_int(lt_pager_top(p), 0, "PgUp: clamped at the top");
    key(p, 'G');
    is_int(lt_pager_top(p), 9, "G: the end");
    key(p, 'g');
    is_int(lt_pager_top(p), 0, "g: the top");
    key(p, LT_KEY_END);
    is_int(lt_pager_top(p), 9, "End");
    key(p, LT_KEY_HOME);
    is_int(lt_pager_top(p), 0, "Home");
    key(p, LT_KEY_WHEEL_DOWN);
    is_int(lt_pager_top(p), 3, "the wheel scrolls 3 rows");
    key(p, LT_KEY_WHEEL_DOWN);
    key(p, LT_KEY_WHEEL_UP);
    is_int(lt_pager_top(p), 3, "and back");
    key(p, LT_KEY_DOWN);
    key(p, LT_KEY_DOWN);
    key(p, LT_KEY_DOWN);
    shows(p,
          " Help    7-13 of 16  q closes\n"
          "a line long enough to wrap at\n"
          "thirty columns, twice over it\n"
          "goes\nfilter rows\nsort rows\nline 10\nline 11",
          "rows of a wrapped line");
    is_int(key(p, 'x'), 0, "other keys are not taken");
    is_int(key(p, LT_KEY_F1), 0, "F1 is not taken");
    is_int(key(p, 'q'), LT_W_HANDLED | LT_W_CLOSE, "q closes");
    is_int(key(p, LT_KEY_ESC), LT_W_HANDLED | LT_W_CLOSE, "Esc closes");
    /* A resize keeps the line at the top. */
    key(p, 'G');
    lt_widget_resize(lt_pager_widget(p), 20, 8);
    is_int(lt_pager_top(p), 10, "20 wide: \"filter rows\" is row 10 and stays at the top");
    shows(p, " Help      q closes\nfilter rows\nsort rows\nline 10\nline 11\nline 12\nline 13\nfilter again",
          "20 wide: the position gives way, the hint stays");
    lt_widget_resize(lt_pager_widget(p), 30, 4);
    is_int(lt_pager_top(p), 9, "back to 30 wide");
    lt_widget_resize(lt_pager_widget(p), 30, 30);
    is_int(lt_pager_top(p), 0, "taller than the text: the top");
    lt_widget_free(lt_pager_widget(p));
}

static void test_search(void)
{
    lt_pager *p = pager(30, 8);
    lt_widget *w = lt_pager_widget(p);
    is_int(key(p, '/'), LT_W_HANDLED | LT_W_REDRAW, "/ opens the prompt");
    type(p, "FILTER");
    lt_canvas *c = draw(p);
    is_str(row_text(c, 7), "/FILTER", "the prompt on the last row");
    is_str(row_text(c, 6), "Lua", "six rows of text while it shows");
    lt_canvas_free(c);
    int x = -1, y = -1;
    ok(lt_widget_cursor(w, &x, &y) && x == 7 && y == 7, "the cursor in the prompt (%d, %d)", x, y);
    is_int(key(p, 'q'), LT_W_HANDLED | LT_W_REDRAW, "q types in the prompt");
    key(p, LT_KEY_BACKSPACE);
    is_int(key(p, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW, "Enter searches");
    is_int(lt_pager_top(p), 7, "the match, off screen, a third of the way down");
    c = draw(p);
    is_screen(c,
              " Help    8-14 of 16  q closes\n"
              "thirty columns, twice over it\n"
              "goes\nfilter rows\nsort rows\nline 10\nline 11\nline 12",
              "case-insensitive: \"filter rows\"");
    ok(cell_at(c, 0, 3)->flags & LT_CELL_REVERSE && cell_at(c, 5, 3)->flags & LT_CELL_REVERSE &&
       !(cell_at(c, 6, 3)->flags & LT_CELL_REVERSE), "the match is the current one");
    lt_canvas_free(c);
    key(p, 'n');
    is_int(lt_pager_top(p), 9, "n: the next, \"filter again\" (clamped)");
    c = draw(p);
    ok(cell_at(c, 0, 7)->flags & LT_CELL_REVERSE, "current on the last row");
    ok(cell_at(c, 0, 1)->flags & LT_CELL_UNDERLINE && !(cell_at(c, 0, 1)->flags & LT_CELL_REVERSE),
       "the other match is marked");
    lt_canvas_free(c);
    key(p, 'n');
    c = draw(p);
    is_str(row_text(c, 7), "wrapped", "n past the last: wrapped to the first");
    ok(cell_at(c, 0, 1)->flags & LT_CELL_REVERSE, "\"filter rows\" is current again");
    lt_canvas_free(c);
    key(p, 'N');
    is_int(lt_pager_top(p), 10, "N before the first: wrapped to the last");
    c = draw(p);
    is_str(row_text(c, 7), "wrapped", "and says so");
    ok(cell_at(c, 0, 6)->flags & LT_CELL_REVERSE, "\"filter again\" is current");
    lt_canvas_free(c);
    key(p, 'N');
    is_int(lt_pager_top(p), 7, "N: the one before, off screen");
    c = draw(p);
    ok(cell_at(c, 0, 3)->flags & LT_CELL_REVERSE, "N: \"filter rows\" is current");
    is_str(row_text(c, 7), "line 12", "the message went with the next key");
    lt_canvas_free(c);
    key(p, '/');
    type(p, "lua");
    key(p, LT_KEY_ENTER);
    is_int(lt_pager_top(p), 3, "searching down from the top of the view, wrapped to a heading");
    c = draw(p);
    is_str(row_text(c, 7), "wrapped", "and says so");
    ok(cell_at(c, 0, 3)->flags & LT_CELL_REVERSE, "the heading's match is current");
    lt_canvas_free(c);
    key(p, '/');
    type(p, "zzz");
    key(p, LT_KEY_ENTER);
    c = draw(p);
    is_str(row_text(c, 7), "no match", "no match");
    ok(rgb_is(cell_at(c, 0, 7)->fg, LT_UI_ERROR), "in the error colour");
    lt_canvas_free(c);
    is_int(key(p, 'x'), LT_W_REDRAW, "a key the pager does not take still clears the message");
    is_int(key(p, 'x'), 0, "then nothing to draw");
    is_int(key(p, 'n'), LT_W_HANDLED | LT_W_REDRAW, "n repeats the search that failed");
    c = draw(p);
    is_str(row_text(c, 7), "no match", "no match again");
    lt_canvas_free(c);
    key(p, 'x');
    key(p, '/');
    is_int(key(p, LT_KEY_ESC), LT_W_HANDLED | LT_W_REDRAW, "Esc cancels the prompt");
    ok(!lt_widget_cursor(w, &x, &y), "and the pager stays");
    key(p, '/');
    key(p, LT_KEY_ENTER);
    c = draw(p);
    is_str(row_text(c, 7), "filter rows", "an empty search does nothing");
    lt_canvas_free(c);
    lt_widget_free(w);
}

static void test_tiny_empty(void)
{
    lt_pager *p = pager(1, 1);
    lt_widget *w = lt_pager_widget(p);
    shows(p, "", "1x1: an empty title bar");
    key(p, LT_KEY_PGDN);
    key(p, 'G');
    is_int(lt_pager_top(p), 178, "1x1: a character a row, the last at the top");
    key(p, '/');
    type(p, "lua");
    int x = -1, y = -1;
    lt_canvas_free(draw(p));
    ok(lt_widget_cursor(w, &x, &y) && x == 0 && y == 0, "1x1: the prompt's cursor (%d, %d)", x, y);
    key(p, LT_KEY_ENTER);
    lt_canvas_free(draw(p));
    lt_widget_resize(w, 12, 2);
    shows(p, " Help\nLua", "12x2: the position dropped, one row");
    lt_widget_free(w);

    p = lt_pager_new(NULL, NULL);
    w = lt_pager_widget(p);
    lt_widget_resize(w, 30, 3);
    shows(p, "              empty  q closes\n\n", "no text");
    key(p, 'G');
    key(p, 'n');
    is_int(lt_pager_top(p), 0, "nothing to scroll");
    lt_widget_free(w);

    p = lt_pager_new("Wide \xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xf0\x9f\x98\x80\n\t\x01tab\n");
    w = lt_pager_widget(p);
    lt_widget_resize(w, 5, 4);
    shows(p, " Wide\n\xe6\x97\xa5\xe6\x9c\xac\n\xe8\xaa\x9e\xf0\x9f\x98\x80\n",
          "wide characters wrap whole; the title is cut");
    key(p, 'G');
    shows(p, " Wide\n\n   ^A\ntab", "a tab and a control character");
    lt_widget_free(w);
}

int main(void)
{
    test_look();
    test_scroll();
    test_search();
    test_tiny_empty();
    return tap_done();
}
