/* The console pane: lines from chunks of output, '\r', tabs, control
 * characters and invalid UTF-8; SGR colours in the cells; echo, error
 * and note styles; wrapping with wide characters; scrolling and its
 * clamps, the "new lines" mark; search; the input line and its cursor;
 * tiny panes; the scrollback limit. */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"
#include "cells.h"
#include "console.h"
#include "error.h"

static lt_console *con(int w, int h)
{
    lt_console *c = lt_console_new(100);
    lt_widget_resize(lt_console_widget(c), w, h);
    return c;
}

static void out(lt_console *c, const char *s)
{
    lt_console_write(c, s, strlen(s), LT_CONSOLE_OUT);
}

static int key(lt_console *c, int k)
{
    lt_key_event ev = {.key = k};
    return lt_widget_key(lt_console_widget(c), &ev);
}

static void type(lt_console *c, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n)
        key(c, (int)lt_text_decode(s, n, &i));
}

/* The pane drawn on a fresh canvas of its size (caller frees). */
static lt_canvas *draw(lt_console *c)
{
    return draw_widget(lt_console_widget(c));
}

static int shows(lt_console *c, const char *want, const char *what)
{
    return widget_shows(lt_console_widget(c), want, what);
}

static void test_lines(void)
{
    lt_console *c = con(20, 5);
    ok(c != NULL, "new");
    is_int(lt_console_nlines(c), 0, "a new console has no lines");
    ok(lt_console_line(c, 0) == NULL, "no line 0");
    out(c, "hel");
    is_int(lt_console_nlines(c), 1, "the line being written counts");
    is_str(lt_console_line(c, 0), "hel", "its text so far");
    out(c, "lo\nwor");
    out(c, "ld\n");
    is_int(lt_console_nlines(c), 2, "chunks join into lines");
    is_str(lt_console_line(c, 0), "hello", "line 0");
    is_str(lt_console_line(c, 1), "world", "line 1");
    out(c, "\n\n");
    is_int(lt_console_nlines(c), 4, "empty lines are lines");
    is_str(lt_console_line(c, 3), "", "an empty line");
    ok(lt_console_line(c, 4) == NULL && lt_console_line(c, -1) == NULL, "out of range: NULL");
    lt_console_write(c, "x", 0, LT_CONSOLE_OUT);
    is_int(lt_console_nlines(c), 4, "an empty write adds nothing");
    shows(c, "hello\nworld\n\n\n", "lines from the top, nothing else");

    /* Styles: a new style starts a new line when the current one is not
     * empty; the same style continues it. */
    lt_console_clear(c);
    is_int(lt_console_nlines(c), 0, "clear forgets every line");
    out(c, "abc");
    lt_console_write(c, "oops\n", 5, LT_CONSOLE_ERR);
    lt_console_write(c, "more", 4, LT_CONSOLE_ERR);
    lt_console_write(c, " still\n", 7, LT_CONSOLE_ERR);
    lt_console_write(c, "note", 4, LT_CONSOLE_NOTE);
    out(c, "");
    is_int(lt_console_nlines(c), 4, "abc | oops | more still | note");
    is_str(lt_console_line(c, 0), "abc", "output cut off by an error");
    is_str(lt_console_line(c, 1), "oops", "the error on its own line");
    is_str(lt_console_line(c, 2), "more still", "writes of one style continue a line");
    is_str(lt_console_line(c, 3), "note", "a note");
    out(c, "next\n");
    is_str(lt_console_line(c, 4), "next", "output after a note starts a new line");
    lt_console_clear(c);
    lt_console_write(c, "x\n", 2, LT_CONSOLE_ERR);
    out(c, "y\n");
    is_int(lt_console_nlines(c), 2, "after a finished line, a new style needs no new line");
    /* A line written a byte at a time is the line written at once. */
    lt_console_clear(c);
    const char *t = "a\x1b[31mr\xc3\xa9\x1b[0m\xe6\x97\xa5\tz\r\x1b[1mA\n";
    for (const char *p = t; *p; p++)
        lt_console_write(c, p, 1, LT_CONSOLE_OUT);
    is_str(lt_console_line(c, 0), "Ar\xc3\xa9\xe6\x97\xa5   z", "written a byte at a time");
    lt_canvas *cv = draw(c);
    ok(cell_at(cv, 0, 0)->flags == LT_CELL_BOLD && cell_at(cv, 1, 0)->flags == LT_CELL_FG &&
       rgb_is(cell_at(cv, 2, 0)->fg, lt_ansi_color(1)) && cell_at(cv, 3, 0)->flags == 0,
       "with its colours");
    lt_canvas_free(cv);
    /* A line past LT_ANSI_MAX_CELLS goes on in the next. */
    lt_console_clear(c);
    for (int i = 0; i < LT_ANSI_MAX_CELLS - 1; i++)
        out(c, "x");
    out(c, "\xe6\x97\xa5yz");
    is_int(lt_console_nlines(c), 2, "a line of more than %d cells is cut", LT_ANSI_MAX_CELLS);
    is_int(lt_text_width(lt_console_line(c, 0)), LT_ANSI_MAX_CELLS - 1,
           "the first ends before the wide character that would pass the limit");
    is_str(lt_console_line(c, 1), "\xe6\x97\xa5yz", "the rest in the second");
    lt_widget_free(lt_console_widget(c));
    lt_widget_free(NULL);
}

static void test_overwrite_tabs_controls(void)
{
    lt_console *c = con(30, 6);
    out(c, "progress 10%\rprogress 100%\n");
    is_str(lt_console_line(c, 0), "progress 100%", "\\r returns to the start: overwritten");
    out(c, "long text\rshort\n");
    is_str(lt_console_line(c, 1), "shorttext", "\\r does not erase");
    out(c, "50%");
    out(c, "\r");
    out(c, "\x1b[K75%\n");
    is_str(lt_console_line(c, 2), "75%", "\\r then ESC [ K erases the line (progress bars)");
    out(c, "dos\r\n");
    is_str(lt_console_line(c, 3), "dos", "\\r\\n ends a line");
    out(c, "abcdef\r\x1b[2C\x1b[1Kx\n");
    is_str(lt_console_line(c, 4), "xbcdef", "cursor moves are dropped; ESC [ 1 K erases up to the cursor");
    lt_console_clear(c);
    out(c, "a\tb\n1234567\tx\n12345678\ty\n\xe6\x97\xa5\tz\n");
    is_str(lt_console_line(c, 0), "a       b", "a tab goes to column 8");
    is_str(lt_console_line(c, 1), "1234567 x", "a tab from column 7");
    is_str(lt_console_line(c, 2), "12345678        y", "a tab at column 8 goes to 16");
    is_str(lt_console_line(c, 3), "\xe6\x97\xa5      z", "tab stops count display cells");
    out(c, "\xe6\x97\xa5\xe6\x9c\xac\rx\n");
    is_str(lt_console_line(c, 4), "x \xe6\x9c\xac", "overwriting half of a wide character blanks the other half");
    lt_console_clear(c);
    out(c, "a\x07" "b\x7f" "c\x01\n");
    is_str(lt_console_line(c, 0), "a^Gb^?c^A", "control characters show as ^X");
    lt_canvas *cv = draw(c);
    ok(cell_at(cv, 1, 0)->flags == LT_CELL_REVERSE && cell_at(cv, 2, 0)->flags == LT_CELL_REVERSE &&
       cell_at(cv, 3, 0)->flags == 0, "^G is in reverse video, b is not");
    lt_canvas_free(cv);
    out(c, "\x1b]0;a title\x07shown\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n");
    is_str(lt_console_line(c, 1), "shownlink", "OSC sequences (title, hyperlink) are dropped");
    out(c, "\x1b[2J\x1b[?25l\x1b(B\x1b" "7x\x1b[>4;1m\n");
    is_str(lt_console_line(c, 2), "x", "other escape sequences are dropped");
    out(c, "\x1b[3");
    out(c, "1mred\x1b");
    out(c, "[0m\n");
    is_str(lt_console_line(c, 3), "red", "an escape sequence split across writes");
    out(c, "\x1b]broken osc\nafter\n");
    ok(strcmp(lt_console_line(c, 4), "") == 0 && strcmp(lt_console_line(c, 5), "after") == 0,
       "a newline ends an unterminated OSC, and the line");
    out(c, "a\x1b\x01" "b\n");
    is_str(lt_console_line(c, 6), "a^Ab", "a control character breaks off an escape");
    lt_widget_free(lt_console_widget(c));
}

static void test_utf8(void)
{
    lt_console *c = con(30, 6);
    out(c, "a\xff" "b\xc0\xaf" "c\n");
    is_str(lt_console_line(c, 0), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c",
           "invalid bytes show as U+FFFD, one each");
    out(c, "\xe6\x97");
    out(c, "\xa5\n");
    is_str(lt_console_line(c, 1), "\xe6\x97\xa5", "a character split across writes");
    out(c, "\xe6\x97x\xed\xa0\x80y\xc2\x85z\n");
    is_str(lt_console_line(c, 2), "\xef\xbf\xbdx\xef\xbf\xbdy\xef\xbf\xbdz",
           "a cut sequence, a surrogate and a C1 control: one U+FFFD each");
    out(c, "e\xcc\x81 x\xcc\xb8 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\n");
    is_str(lt_console_line(c, 3), "\xc3\xa9 x \xf0\x9f\x91\xa8\xf0\x9f\x91\xa9",
           "a combining accent composes; one that cannot, and a ZWJ, are dropped");
    out(c, "\xcc\x81start\n");
    is_str(lt_console_line(c, 4), "start", "a combining mark at the start of a line is dropped");
    lt_widget_free(lt_console_widget(c));
}

static void test_sgr(void)
{
    for (int i = 0; i < 16; i++) {
        if (lt_rgb_ansi16(lt_ansi_color(i), false) != i || lt_rgb_ansi16(lt_ansi_color(i), true) != i) {
            ok(0, "ANSI colour %d maps back to itself", i);
            break;
        }
        if (i == 15)
            ok(1, "the 16 ANSI colours map back to themselves, fg and bg");
    }
    int bad = -1;
    for (int i = 16; i < 256 && bad < 0; i++)
        if (lt_rgb_xterm256(lt_ansi_color(i)) != i)
            bad = i;
    is_int(bad, -1, "the 240 xterm colours map back to themselves");

    lt_console *c = con(40, 4);
    out(c, "\x1b[31mr\x1b[0mp\x1b[1;4mb\x1b[22;24m-\x1b[2;7md\x1b[27mD\x1b[mn\n");
    out(c, "\x1b[38;5;196ma\x1b[48;5;240mb\x1b[38;2;1;2;3mc\x1b[38:2::10:20:30md"
           "\x1b[48:2:40:50:60me\x1b[38:5:21mf\x1b[39mg\x1b[49mh\x1b[92;104mi\x1b[0m\n");
    out(c, "\x1b[4mu\x1b[4:0mv\x1b[21mw\x1b[38;5mx\x1b[38;2;999;0;7my\x1b[1;58;5;3;2mz\n");
    lt_canvas *cv = draw(c);
    is_str(row_text(cv, 0), "rpb-dDn", "SGR text");
    const lt_cell *p = cell_at(cv, 0, 0);
    ok(p->flags == LT_CELL_FG && rgb_is(p->fg, lt_ansi_color(1)), "31: red");
    ok(cell_at(cv, 1, 0)->flags == 0, "0: reset");
    ok(cell_at(cv, 2, 0)->flags == (LT_CELL_BOLD | LT_CELL_UNDERLINE), "1;4: bold, underline");
    ok(cell_at(cv, 3, 0)->flags == 0, "22;24 end them");
    ok(cell_at(cv, 4, 0)->flags == (LT_CELL_DIM | LT_CELL_REVERSE), "2;7: dim, reverse");
    ok(cell_at(cv, 5, 0)->flags == LT_CELL_DIM, "27 ends reverse");
    ok(cell_at(cv, 6, 0)->flags == 0, "ESC [ m resets");
    p = cell_at(cv, 0, 1);
    ok(p->flags == LT_CELL_FG && rgb_is(p->fg, (lt_rgb){255, 0, 0}), "38;5;196: 256-colour red");
    p = cell_at(cv, 1, 1);
    ok(p->flags == (LT_CELL_FG | LT_CELL_BG) && rgb_is(p->bg, (lt_rgb){88, 88, 88}), "48;5;240: a grey background");
    ok(rgb_is(cell_at(cv, 2, 1)->fg, (lt_rgb){1, 2, 3}), "38;2;r;g;b");
    ok(rgb_is(cell_at(cv, 3, 1)->fg, (lt_rgb){10, 20, 30}), "38:2::r:g:b");
    ok(rgb_is(cell_at(cv, 4, 1)->bg, (lt_rgb){40, 50, 60}), "48:2:r:g:b");
    ok(rgb_is(cell_at(cv, 5, 1)->fg, (lt_rgb){0, 0, 255}), "38:5:21");
    ok(cell_at(cv, 6, 1)->flags == LT_CELL_BG, "39: default foreground");
    ok(cell_at(cv, 7, 1)->flags == 0, "49: default background");
    p = cell_at(cv, 8, 1);
    ok(rgb_is(p->fg, lt_ansi_color(10)) && rgb_is(p->bg, lt_ansi_color(12)), "92;104: bright colours");
    ok(cell_at(cv, 0, 2)->flags == LT_CELL_UNDERLINE, "4: underline");
    ok(cell_at(cv, 1, 2)->flags == 0, "4:0: no underline");
    ok(cell_at(cv, 2, 2)->flags == LT_CELL_UNDERLINE, "21: underline");
    ok(cell_at(cv, 3, 2)->flags == LT_CELL_UNDERLINE, "38;5 without an index: ignored");
    p = cell_at(cv, 4, 2);
    ok(p->flags == (LT_CELL_UNDERLINE | LT_CELL_FG) && rgb_is(p->fg, (lt_rgb){255, 0, 7}),
       "out-of-range components are clamped");
    ok(cell_at(cv, 5, 2)->flags == (LT_CELL_UNDERLINE | LT_CELL_FG | LT_CELL_BOLD | LT_CELL_DIM),
       "58;5;n (underline colour) is skipped, the rest read");
    lt_canvas_free(cv);

    /* Error lines are red; a reset goes back to red. */
    lt_console_clear(c);
    const char *err = "e\x1b[32mg\x1b[0mr\x1b[34m\x1b[39md\n";
    lt_console_write(c, err, strlen(err), LT_CONSOLE_ERR);
    cv = draw(c);
    ok(rgb_is(cell_at(cv, 0, 0)->fg, LT_UI_ERROR) && cell_at(cv, 0, 0)->flags == LT_CELL_FG,
       "error text is red");
    ok(rgb_is(cell_at(cv, 1, 0)->fg, lt_ansi_color(2)), "SGR colours apply in errors");
    ok(rgb_is(cell_at(cv, 2, 0)->fg, LT_UI_ERROR), "0 returns to the error colour");
    ok(rgb_is(cell_at(cv, 3, 0)->fg, LT_UI_ERROR), "39 returns to the error colour");
    lt_canvas_free(cv);
    /* Colour carries over a newline, as in a terminal; a new style resets it. */
    lt_console_clear(c);
    out(c, "\x1b[35ma\nb");
    lt_console_write(c, "c", 1, LT_CONSOLE_NOTE);
    cv = draw(c);
    ok(rgb_is(cell_at(cv, 0, 1)->fg, lt_ansi_color(5)), "colour carries to the next line");
    ok(cell_at(cv, 0, 2)->flags == LT_CELL_DIM, "a note is dim, without the output's colour");
    lt_canvas_free(cv);
    lt_widget_free(lt_console_widget(c));
}

static void test_echo(void)
{
    lt_console *c = con(30, 4);
    const char *e = "> x = 1\n>> y\nplain >\n";
    lt_console_write(c, e, strlen(e), LT_CONSOLE_ECHO);
    lt_canvas *cv = draw(c);
    is_screen(cv, "> x = 1\n>> y\nplain >\n", "echo text as written");
    ok(cell_at(cv, 0, 0)->flags == LT_CELL_DIM && cell_at(cv, 1, 0)->flags == LT_CELL_DIM,
       "the prompt and its space are dim");
    ok(cell_at(cv, 2, 0)->flags == LT_CELL_BOLD, "the code is bold");
    ok(cell_at(cv, 1, 1)->flags == LT_CELL_DIM && cell_at(cv, 3, 1)->flags == LT_CELL_BOLD,
       "a continuation prompt too");
    ok(cell_at(cv, 0, 2)->flags == LT_CELL_BOLD, "a line without a prompt is all code");
    lt_canvas_free(cv);
    lt_widget_free(lt_console_widget(c));
}

static void test_wrap(void)
{
    lt_console *c = con(10, 6);
    out(c, "0123456789abc\n");
    out(c, "abcdefghi\xe6\x97\xa5\xe6\x9c\xac\n");            /* 日 does not fit in column 9 */
    out(c, "12345678\xf0\x9f\x98\x80\xf0\x9f\x98\x80\n");     /* 😀 fits in 8-9 */
    lt_canvas *cv = draw(c);
    is_screen(cv, "0123456789\nabc\nabcdefghi\n\xe6\x97\xa5\xe6\x9c\xac\n"
                  "12345678\xf0\x9f\x98\x80\n\xf0\x9f\x98\x80",
              "long lines wrap; wide characters never split");
    ok(cell_at(cv, 9, 2)->ch == ' ', "the cell a wide character could not use stays blank");
    ok(cell_at(cv, 8, 4)->ch == 0x1F600 && cell_at(cv, 9, 4)->ch == 0, "an emoji in the last two cells");
    lt_canvas_free(cv);
    /* Narrower: the same lines wrap again (the row cache follows the width). */
    lt_widget_resize(lt_console_widget(c), 3, 6);
    shows(c, "\xe6\x9c\xac\n123\n456\n78\n\xf0\x9f\x98\x80\n\xf0\x9f\x98\x80",
          "3 wide: the same lines wrap again (the row cache follows the width)");
    lt_console_clear(c);
    out(c, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n");
    shows(c, "\xe6\x97\xa5\n\xe6\x9c\xac\n\xe8\xaa\x9e\n\n\n", "width 3: one wide character a row");
    lt_widget_free(lt_console_widget(c));
}

/* "line 1" .. "line n" */
static void numbered(lt_console *c, int from, int to)
{
    char s[32];
    for (int i = from; i <= to; i++) {
        snprintf(s, sizeof s, "line %d\n", i);
        out(c, s);
    }
}

static void test_scroll(void)
{
    lt_console *c = con(20, 5);
    lt_console_set_input(c, "> ", "", 0);
    numbered(c, 1, 3);
    shows(c, "line 1\nline 2\nline 3\n>\n", "short content from the top, the input after it");
    is_int(key(c, LT_KEY_PGUP), LT_W_HANDLED, "PgUp with everything shown changes nothing");
    numbered(c, 4, 30);
    shows(c, "line 27\nline 28\nline 29\nline 30\n>", "following the end");
    is_int(key(c, LT_KEY_PGUP), LT_W_HANDLED | LT_W_REDRAW, "PgUp scrolls");
    shows(c, "line 24\nline 25\nline 26\nline 27\n>", "a page is the rows less one");
    key(c, LT_KEY_WHEEL_UP);
    shows(c, "line 21\nline 22\nline 23\nline 24\n>", "the wheel scrolls 3 rows");
    key(c, LT_KEY_CTRL_HOME);
    shows(c, "line 1\nline 2\nline 3\nline 4\n>", "Ctrl-Home: the top");
    is_int(key(c, LT_KEY_PGUP), LT_W_HANDLED, "PgUp at the top changes nothing");
    key(c, LT_KEY_WHEEL_DOWN);
    shows(c, "line 4\nline 5\nline 6\nline 7\n>", "the wheel down");
    numbered(c, 31, 32);
    shows(c, "line 4\nline 5\nline 6\n     \xe2\x86\x93 2 new lines\n>",
          "new output keeps the view and says so on the last row");
    lt_canvas *cv = draw(c);
    ok(cell_at(cv, 4, 3)->flags == (LT_CELL_REVERSE | LT_CELL_BOLD | LT_CELL_FG) && cell_at(cv, 3, 3)->flags == 0,
       "the mark is in reverse video");
    lt_canvas_free(cv);
    out(c, "part");
    out(c, "ial\n");
    shows(c, "line 4\nline 5\nline 6\n     \xe2\x86\x93 3 new lines\n>", "a line written in parts counts once");
    is_int(key(c, LT_KEY_CTRL_END), LT_W_HANDLED | LT_W_REDRAW, "Ctrl-End");
    shows(c, "line 30\nline 31\nline 32\npartial\n>", "back at the end, no mark");
    is_int(key(c, LT_KEY_CTRL_END), LT_W_HANDLED, "Ctrl-End at the end changes nothing");
    is_int(key(c, LT_KEY_PGDN), LT_W_HANDLED, "PgDn at the end changes nothing");
    lt_console_scroll(c, 1000);
    shows(c, "line 1\nline 2\nline 3\nline 4\n>", "scrolling back past the top stops there");
    lt_console_scroll(c, -29);
    shows(c, "line 30\nline 31\nline 32\npartial\n>", "scrolling forward to the end follows again");
    out(c, "more\n");
    shows(c, "line 31\nline 32\npartial\nmore\n>", "and new output shows");
    lt_console_scroll(c, 2);
    lt_console_scroll(c, -1000);
    shows(c, "line 31\nline 32\npartial\nmore\n>", "scrolling forward past the end stops there");
    lt_console_scroll(c, 3);
    out(c, "x\n");
    lt_console_follow(c);
    shows(c, "line 32\npartial\nmore\nx\n>", "lt_console_follow goes to the end");
    /* Keys the console does not take. */
    is_int(key(c, 'a'), 0, "a character is for readline");
    is_int(key(c, LT_KEY_UP), 0, "Up is for readline");
    is_int(key(c, LT_KEY_ENTER), 0, "Enter is for readline");
    /* Wrapped lines scroll by rows. */
    lt_widget_resize(lt_console_widget(c), 12, 5);
    lt_console_clear(c);
    out(c, "aaaaaaaaaaaabbbbbbbbbbbbcc\nd\n");
    shows(c, "aaaaaaaaaaaa\nbbbbbbbbbbbb\ncc\nd\n>", "a line of three rows");
    lt_widget_resize(lt_console_widget(c), 12, 3);
    shows(c, "cc\nd\n>", "the last rows");
    key(c, LT_KEY_WHEEL_UP);
    shows(c, "aaaaaaaaaaaa\nbbbbbbbbbbbb\n>", "three rows back, mid-line");
    lt_widget_resize(lt_console_widget(c), 6, 3);
    shows(c, "aaaaaa\naaaaaa\n>", "a resize keeps the line at the top");
    lt_widget_free(lt_console_widget(c));
}

static void test_ring(void)
{
    lt_console *c = lt_console_new(5);   /* raised to 100 */
    lt_widget_resize(lt_console_widget(c), 10, 3);
    numbered(c, 1, 250);
    is_int(lt_console_nlines(c), 100, "at most 100 lines are kept");
    is_str(lt_console_line(c, 0), "line 151", "the oldest go first");
    is_str(lt_console_line(c, 99), "line 250", "the newest is last");
    key(c, LT_KEY_CTRL_HOME);
    shows(c, "line 151\nline 152\nline 153", "the top is the oldest line kept");
    numbered(c, 251, 260);
    shows(c, "line 161\nline 162\n    \xe2\x86\x93 10", "lines at the top of the view went: the view moves to the oldest");
    lt_widget_free(lt_console_widget(c));

    /* 10000 lines: the ends, a page back, search from the end. */
    c = lt_console_new(10000);
    lt_widget_resize(lt_console_widget(c), 20, 4);
    numbered(c, 1, 12000);
    is_int(lt_console_nlines(c), 10000, "10000 lines kept");
    shows(c, "line 11997\nline 11998\nline 11999\nline 12000", "the end of 10000 lines");
    key(c, LT_KEY_CTRL_HOME);
    shows(c, "line 2001\nline 2002\nline 2003\nline 2004", "the top of 10000 lines");
    key(c, LT_KEY_CTRL_END);
    key(c, LT_KEY_PGUP);
    shows(c, "line 11994\nline 11995\nline 11996\nline 11997", "a page back");
    lt_widget_free(lt_console_widget(c));
}

static void test_input(void)
{
    lt_console *c = con(10, 4);
    lt_widget *w = lt_console_widget(c);
    int x = -1, y = -1;
    ok(lt_console_set_input(c, "> ", "h\xc3\xa9llo", 3) == 0, "set_input");
    ok(lt_widget_cursor(w, &x, &y), "the cursor shows on the input line");
    ok(x == 4 && y == 0, "after h\xc3\xa9 (3 bytes, 2 cells): column 4 (%d, %d)", x, y);
    lt_canvas *cv = draw(c);
    is_screen(cv, "> h\xc3\xa9llo\n\n\n", "the input line on an empty console is the first row");
    ok(cell_at(cv, 0, 0)->flags == (LT_CELL_FG | LT_CELL_BOLD) && rgb_is(cell_at(cv, 0, 0)->fg, LT_UI_ACCENT),
       "the prompt is bold in the accent colour");
    ok(cell_at(cv, 2, 0)->flags == 0, "the text is plain");
    lt_canvas_free(cv);
    lt_console_set_input(c, "> ", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6);
    lt_widget_cursor(w, &x, &y);
    ok(x == 6 && y == 0, "after \xe6\x97\xa5\xe6\x9c\xac: column 6 (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4);
    lt_widget_cursor(w, &x, &y);
    ok(x == 4 && y == 0, "a point inside 本 puts the cursor on it (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "abc", 99);
    lt_widget_cursor(w, &x, &y);
    ok(x == 5 && y == 0, "a point past the end is the end (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "abc", -3);
    lt_widget_cursor(w, &x, &y);
    ok(x == 2 && y == 0, "a negative point is the start (%d, %d)", x, y);
    /* Wrapped input. */
    lt_console_set_input(c, ">> ", "0123456789ab", 12);
    lt_widget_cursor(w, &x, &y);
    ok(x == 5 && y == 1, "wrapped: the cursor on the second row (%d, %d)", x, y);
    shows(c, ">> 0123456\n789ab\n\n", "the input wraps like output");
    lt_console_set_input(c, "> ", "abcdefgh", 8);
    lt_widget_cursor(w, &x, &y);
    ok(x == 0 && y == 1, "a full row: the cursor at the start of the next (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "abcdefgh", 7);
    lt_widget_cursor(w, &x, &y);
    ok(x == 9 && y == 0, "on the last cell of a full row (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "abcdefg\xe6\x97\xa5", 7);
    lt_widget_cursor(w, &x, &y);
    ok(x == 0 && y == 1, "on a wide character that wrapped (%d, %d)", x, y);
    shows(c, "> abcdefg\n\xe6\x97\xa5\n\n", "the wide character goes to the next row");
    lt_console_set_input(c, "> ", "a\tb\x01", 4);
    lt_widget_cursor(w, &x, &y);
    ok(x == 1 && y == 1, "a tab and ^A count their cells (%d, %d)", x, y);
    shows(c, "> a     b^\nA\n\n", "a tab in the input, a control character as ^A");
    lt_console_set_input(c, "> ", "a\xcc\x81" "b", 1);
    lt_widget_cursor(w, &x, &y);
    ok(x == 3 && y == 0, "between a letter and its accent: after the letter (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "x\xe6", 2);
    shows(c, "> x\xef\xbf\xbd\n\n\n", "a cut UTF-8 sequence at the end of the input");
    /* Under output. */
    out(c, "one\ntwo\n");
    lt_console_set_input(c, "> ", "0123456789ab", 12);
    shows(c, "one\ntwo\n> 01234567\n89ab", "the input after the output");
    lt_widget_cursor(w, &x, &y);
    ok(x == 4 && y == 3, "the cursor under the output (%d, %d)", x, y);
    out(c, "three\n");
    shows(c, "two\nthree\n> 01234567\n89ab", "the output scrolls above the input");
    /* Input taller than the pane: the rows with the cursor. */
    lt_widget_resize(w, 4, 2);
    lt_console_set_input(c, "> ", "0123456789", 10);
    shows(c, "6789\n", "the last rows of a tall input");
    lt_widget_cursor(w, &x, &y);
    ok(x == 0 && y == 1, "the cursor on the last row (%d, %d)", x, y);
    lt_console_set_input(c, "> ", "0123456789", 0);
    shows(c, "> 01\n2345", "the first rows when the cursor is there");
    lt_widget_cursor(w, &x, &y);
    ok(x == 2 && y == 0, "the cursor on the first row (%d, %d)", x, y);
    /* Hidden while a command runs. */
    lt_widget_resize(w, 10, 4);
    lt_console_set_input(c, NULL, NULL, 0);
    ok(!lt_widget_cursor(w, &x, &y), "no cursor without an input line");
    shows(c, "one\ntwo\nthree\n", "no input line");
    lt_widget_free(w);
}

/* The prompt row: text, and msg ending at column 29 of a 30-wide pane. */
static const char *prompt_row(const char *text, const char *msg)
{
    static char row[128];
    snprintf(row, sizeof row, "%-*s%s", 30 - (int)strlen(msg) - 1 + 1, text, msg);
    return row;
}

static void test_search(void)
{
    lt_console *c = con(30, 6);
    lt_widget *w = lt_console_widget(c);
    lt_console_set_input(c, "> ", "", 0);
    out(c, "an apple\n");
    numbered(c, 1, 20);
    out(c, "Apple pie, APPLES\n");
    out(c, "banana\n");
    ok(!lt_console_busy(c), "not busy");
    is_int(key(c, LT_CTRL('f')), LT_W_HANDLED | LT_W_REDRAW, "Ctrl-F opens the search prompt");
    ok(lt_console_busy(c), "busy while the prompt is open");
    shows(c, "line 18\nline 19\nline 20\nApple pie, APPLES\nbanana\nsearch:", "the prompt on the last row");
    int x, y;
    type(c, "aPp");
    lt_canvas *cv = draw(c);
    ok(lt_widget_cursor(w, &x, &y) && x == 11 && y == 5, "the cursor in the prompt (%d, %d)", x, y);
    ok(cell_at(cv, 0, 3)->flags & LT_CELL_BG && rgb_is(cell_at(cv, 0, 3)->bg, LT_UI_MATCH_BG) &&
       cell_at(cv, 0, 3)->flags & LT_CELL_UNDERLINE, "matches are marked as they are typed");
    ok(cell_at(cv, 11, 3)->flags & LT_CELL_BG && cell_at(cv, 13, 3)->flags & LT_CELL_BG &&
       !(cell_at(cv, 14, 3)->flags & LT_CELL_BG), "case-insensitive: APP of APPLES, not L");
    ok(!(cell_at(cv, 3, 3)->flags & LT_CELL_BG), "not beyond the match");
    lt_canvas_free(cv);
    is_int(key(c, 'x'), LT_W_HANDLED | LT_W_REDRAW, "keys go to the prompt");
    key(c, LT_KEY_BACKSPACE);
    is_int(key(c, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW, "Enter searches");
    ok(lt_console_busy(c), "the prompt stays open");
    cv = draw(c);
    ok(cell_at(cv, 11, 3)->flags & LT_CELL_REVERSE && !(cell_at(cv, 0, 3)->flags & LT_CELL_REVERSE),
       "the last match in the view is the current one");
    ok(rgb_is(cell_at(cv, 11, 3)->fg, LT_UI_ACCENT), "reverse on the accent colour");
    lt_canvas_free(cv);
    key(c, LT_KEY_ENTER);
    cv = draw(c);
    ok(cell_at(cv, 0, 3)->flags & LT_CELL_REVERSE && !(cell_at(cv, 11, 3)->flags & LT_CELL_REVERSE),
       "Enter again: the match before");
    lt_canvas_free(cv);
    key(c, LT_CTRL('f'));
    cv = draw(c);
    is_screen(cv, "an apple\nline 1\nline 2\nline 3\nline 4\nsearch: aPp",
              "Ctrl-F: the one before, off screen: scrolled to");
    ok(cell_at(cv, 3, 0)->flags & LT_CELL_REVERSE, "marked current");
    lt_canvas_free(cv);
    key(c, LT_CTRL('f'));
    cv = draw(c);
    is_str(row_text(cv, 5), prompt_row("search: aPp", "wrapped"), "past the first match: wrapped");
    is_str(row_text(cv, 3), "Apple pie, APPLES", "to the last match");
    ok(cell_at(cv, 11, 3)->flags & LT_CELL_REVERSE, "the last match is current");
    lt_canvas_free(cv);
    key(c, LT_KEY_PGUP);
    cv = draw(c);
    is_str(row_text(cv, 0), "line 14", "PgUp while searching");
    lt_canvas_free(cv);
    /* No match. */
    key(c, LT_CTRL('u'));
    type(c, "zzz");
    key(c, LT_KEY_ENTER);
    cv = draw(c);
    is_str(row_text(cv, 5), prompt_row("search: zzz", "no match"), "no match, said on the prompt row");
    ok(rgb_is(cell_at(cv, 22, 5)->fg, LT_UI_ERROR), "in the error colour");
    lt_canvas_free(cv);
    is_int(key(c, LT_KEY_ESC), LT_W_HANDLED | LT_W_REDRAW, "Esc closes the prompt");
    ok(!lt_console_busy(c), "not busy after Esc");
    shows(c, "line 14\nline 15\nline 16\nline 17\nline 18\n>", "the view stays, the input line is back");
    key(c, LT_CTRL('f'));
    cv = draw(c);
    is_str(row_text(cv, 5), "search: zzz", "the prompt opens with the last text");
    lt_canvas_free(cv);
    key(c, LT_CTRL('u'));
    type(c, "line 1");
    key(c, LT_KEY_ENTER);
    cv = draw(c);
    is_screen(cv, "line 14\nline 15\nline 16\nline 17\nline 18\nsearch: line 1",
              "the last match in view: line 18");
    ok(cell_at(cv, 0, 4)->flags & LT_CELL_REVERSE && cell_at(cv, 0, 0)->flags & LT_CELL_UNDERLINE,
       "current in line 18, others marked");
    lt_canvas_free(cv);
    key(c, LT_KEY_ESC);
    cv = draw(c);
    ok(!(cell_at(cv, 0, 0)->flags & LT_CELL_BG), "no marks after Esc");
    lt_canvas_free(cv);
    /* An empty search finds nothing and says nothing; Ctrl-C cancels. */
    key(c, LT_CTRL('f'));
    key(c, LT_CTRL('u'));
    key(c, LT_KEY_ENTER);
    shows(c, "line 14\nline 15\nline 16\nline 17\nline 18\nsearch:", "an empty search does nothing");
    key(c, LT_CTRL('c'));
    ok(!lt_console_busy(c), "Ctrl-C closes the prompt");
    /* Narrow: the message gives way to the prompt. */
    lt_widget_resize(w, 20, 6);
    key(c, LT_CTRL('f'));
    key(c, LT_CTRL('u'));
    type(c, "qqq");
    key(c, LT_KEY_ENTER);
    cv = draw(c);
    is_str(row_text(cv, 5), "search: qqq", "20 wide: no room for \"no match\"");
    lt_canvas_free(cv);
    lt_widget_free(w);
}

static void test_tiny(void)
{
    lt_console *c = con(1, 1);
    lt_widget *w = lt_console_widget(c);
    int x = -1, y = -1;
    shows(c, "", "1x1, empty");
    out(c, "\xe6\x97\xa5\xf0\x9f\x98\x80\n");
    shows(c, "\xe2\x80\xa6", "1x1: a wide character stands in as \xe2\x80\xa6");
    lt_console_set_input(c, "> ", "\xe6\x97\xa5", 3);
    shows(c, "", "1x1: the cursor row of the input (empty: after the text)");
    ok(lt_widget_cursor(w, &x, &y) && x == 0 && y == 0, "1x1: the cursor at (0, 0)");
    key(c, LT_KEY_PGUP);
    key(c, LT_KEY_WHEEL_UP);
    key(c, LT_CTRL('f'));
    type(c, "\xe6\x97\xa5");
    key(c, LT_KEY_ENTER);
    lt_canvas *cv = draw(c);
    ok(lt_widget_cursor(w, &x, &y) && x == 0 && y == 0, "1x1 search: the cursor at (0, 0)");
    lt_canvas_free(cv);
    key(c, LT_KEY_ESC);
    lt_widget_resize(w, 2, 1);
    out(c, "ab");
    lt_console_set_input(c, NULL, NULL, 0);
    shows(c, " \xe2\x86\x93", "2x1 scrolled back: the mark, cut");
    key(c, LT_KEY_CTRL_END);
    shows(c, "ab", "2x1: the last row");
    lt_widget_free(w);
}

int main(void)
{
    test_lines();
    test_overwrite_tabs_controls();
    test_utf8();
    test_sgr();
    test_echo();
    test_wrap();
    test_scroll();
    test_ring();
    test_input();
    test_search();
    test_tiny();
    return tap_done();
}
