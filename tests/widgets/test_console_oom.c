/* Allocation failures in the line editor, the console and the pager: the
 * k-th malloc/calloc/realloc fails, for every k; constructors return
 * NULL, writes LT_ENOMEM, nothing crashes or leaks (run under ASan), and
 * once memory is back the widget works.  Linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc. */
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "tap.h"
#include "cells.h"
#include "console.h"
#include "error.h"
#include "lineedit.h"
#include "pager.h"

static void send(lt_widget *w, int k)
{
    lt_key_event ev = {.key = k};
    lt_widget_key(w, &ev);
}

static const char *OUT1 = "hello \x1b[31mred\x1b[0m \xe6\x97\xa5\xe6\x9c\xac\n"
                          "a second line that is long enough to wrap\npartial";

/* One run of the console; returns the number of wrong results. */
static int console_run(lt_canvas *cv)
{
    int bad = 0;
    lt_console *c = lt_console_new(100);
    if (c == NULL)
        return lt_errcode() != LT_ENOMEM;
    lt_widget *w = lt_console_widget(c);
    lt_widget_resize(w, cv->w, cv->h);
    int r1 = lt_console_write(c, OUT1, strlen(OUT1), LT_CONSOLE_OUT);
    int r2 = lt_console_write(c, "error\n", 6, LT_CONSOLE_ERR);
    int r3 = lt_console_set_input(c, "> ", "x = \xe6\x97\xa5\xe6\x9c\xac", 4);
    bad += (r1 != 0 && r1 != LT_ENOMEM) + (r2 != 0 && r2 != LT_ENOMEM) +
           (r3 != 0 && r3 != LT_ENOMEM);
    int keys[] = {LT_CTRL('f'), 'l', 'i', LT_KEY_ENTER, LT_CTRL('f'), LT_KEY_ESC, LT_KEY_PGUP};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        send(w, keys[i]);
    lt_widget_draw(w, cv);
    int x, y;
    lt_widget_cursor(w, &x, &y);
    bool all_ok = !failed;
    countdown = -1;
    if (all_ok) {
        bad += lt_console_nlines(c) != 4 || strcmp(lt_console_line(c, 0), "hello red \xe6\x97\xa5\xe6\x9c\xac") != 0 ||
               strcmp(lt_console_line(c, 2), "partial") != 0 || strcmp(lt_console_line(c, 3), "error") != 0;
    }
    /* Memory is back: the console goes on. */
    bad += lt_console_write(c, "after\n", 6, LT_CONSOLE_OUT) != 0;
    int n = lt_console_nlines(c);
    bad += n < 1 || strcmp(lt_console_line(c, n - 1), "after") != 0;
    canvas_clear(cv);
    lt_console_follow(c);
    lt_widget_draw(w, cv);
    lt_widget_free(w);
    return bad;
}

static const char *PAGER_TEXT = "# Heading\nsome \x1b[32mgreen\x1b[0m text\nfilter rows\n"
                                "a line long enough to wrap at twenty columns\nfilter again";

static int pager_run(lt_canvas *cv)
{
    lt_pager *p = lt_pager_new("Help", PAGER_TEXT);
    if (p == NULL)
        return lt_errcode() != LT_ENOMEM;
    lt_widget *w = lt_pager_widget(p);
    lt_widget_resize(w, cv->w, cv->h);
    int keys[] = {'/', 'f', 'i', 'l', LT_KEY_ENTER, 'n', 'N', LT_KEY_PGDN};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        send(w, keys[i]);
    lt_widget_resize(w, cv->w - 3, cv->h);
    lt_widget_draw(w, cv);
    int bad = !failed && lt_pager_top(p) != 2;
    countdown = -1;
    lt_widget_free(w);
    return bad;
}

static int lineedit_run(lt_canvas *cv)
{
    lt_lineedit *e = lt_lineedit_new();
    if (e == NULL)
        return lt_errcode() != LT_ENOMEM;
    char long_text[400];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    int bad = 0;
    int r = lt_lineedit_start(e, "find: ", long_text);
    bad += r != 0 && r != LT_ENOMEM;
    lt_key_event ev = {.key = 0x65E5};
    for (int i = 0; i < 40; i++)
        lt_lineedit_key(e, &ev);
    ev.key = LT_KEY_ENTER;
    lt_lineedit_key(e, &ev);
    lt_lineedit_start(e, "find: ", "b");
    ev.key = LT_KEY_UP;
    lt_lineedit_key(e, &ev);
    lt_lineedit_draw(e, cv, 0, 0, cv->w);
    if (!failed)
        bad += strlen(lt_lineedit_text(e)) != 399 + 40 * 3;
    countdown = -1;
    lt_lineedit_free(e);
    return bad;
}

static void run(const char *what, int (*f)(lt_canvas *))
{
    lt_canvas *cv = lt_canvas_new(20, 6);
    int bad = 0, k = 0;
    for (;; k++) {
        failed = 0;
        countdown = k;
        lt_clearerr();
        canvas_clear(cv);
        bad += f(cv);
        countdown = -1;
        if (!failed)
            break;
    }
    ok(bad == 0 && k > 0, "%s: %d allocation failures, each handled", what, k);
    lt_canvas_free(cv);
}

int main(void)
{
    run("lineedit", lineedit_run);
    run("console", console_run);
    run("pager", pager_run);
    return tap_done();
}
