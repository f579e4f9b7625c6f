/* The line editor: editing keys on UTF-8 text, history, accept and
 * cancel, and drawing with the cursor kept in view. */
#include <stdlib.h>

#include "tap.h"
#include "cells.h"
#include "lineedit.h"

static int key(lt_lineedit *e, int k)
{
    lt_key_event ev = {.key = k};
    return lt_lineedit_key(e, &ev);
}

static void type(lt_lineedit *e, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n)
        key(e, (int)lt_text_decode(s, n, &i));
}

/* The cells [from, to) of row 0 as UTF-8, spaces kept. */
static void cells_utf8(const lt_canvas *c, int from, int to, char *out)
{
    for (int x = from; x < to; x++)
        if (c->cells[x].ch)
            out += lt_ansi_encode(c->cells[x].ch, out);
    *out = '\0';
}

/* The text with '|' at the cursor, found by drawing (a wide canvas shows
 * it all). */
static const char *with_cursor(const lt_lineedit *e)
{
    static char out[1024];
    lt_canvas *c = lt_canvas_new(200, 1);
    int cx = lt_lineedit_draw(e, c, 0, 0, 200);
    cells_utf8(c, 0, cx, out);
    strcat(out, "|");
    char rest[800];
    cells_utf8(c, cx, 200, rest);
    size_t n = strlen(rest);
    while (n > 0 && rest[n - 1] == ' ')
        rest[--n] = '\0';
    strcat(out, rest);
    lt_canvas_free(c);
    return out;
}

static void test_editing(void)
{
    lt_lineedit *e = lt_lineedit_new();
    ok(e != NULL, "new");
    is_str(lt_lineedit_text(e), "", "a new editor is empty");
    ok(lt_lineedit_start(e, "find: ", "abc") == 0, "start with text");
    is_str(with_cursor(e), "find: abc|", "the cursor starts at the end of the text");
    is_int(key(e, 'd'), LT_W_HANDLED | LT_W_REDRAW, "a character redraws");
    is_int(key(e, LT_KEY_HOME), LT_W_HANDLED | LT_W_REDRAW, "Home moves");
    is_int(key(e, LT_KEY_HOME), LT_W_HANDLED, "Home at the start changes nothing");
    is_int(key(e, LT_KEY_LEFT), LT_W_HANDLED, "Left at the start is handled, no redraw");
    is_int(key(e, LT_KEY_BACKSPACE), LT_W_HANDLED, "Backspace at the start erases nothing");
    type(e, "x");
    is_str(with_cursor(e), "find: x|abcd", "insert at the start");
    key(e, LT_KEY_END);
    key(e, LT_KEY_LEFT);
    key(e, LT_KEY_DELETE);
    is_str(with_cursor(e), "find: xabc|", "Delete erases the character at the cursor");
    is_int(key(e, LT_KEY_DELETE), LT_W_HANDLED, "Delete at the end erases nothing");
    key(e, LT_CTRL('a'));
    key(e, LT_KEY_RIGHT);
    is_str(with_cursor(e), "find: x|abc", "Ctrl-A and Right");
    key(e, LT_CTRL('k'));
    is_str(with_cursor(e), "find: x|", "Ctrl-K erases to the end");
    type(e, "yz");
    key(e, LT_KEY_LEFT);
    key(e, LT_CTRL('u'));
    is_str(with_cursor(e), "find: |z", "Ctrl-U erases to the start");
    key(e, LT_CTRL('e'));
    type(e, " foo  bar ");
    key(e, LT_CTRL('w'));
    is_str(with_cursor(e), "find: z foo  |", "Ctrl-W erases the word and spaces before the cursor");
    key(e, LT_CTRL('w'));
    is_str(with_cursor(e), "find: z |", "Ctrl-W again");
    type(e, "one two");
    key(e, LT_KEY_CTRL_LEFT);
    is_str(with_cursor(e), "find: z one |two", "Ctrl-Left goes to the start of the word");
    key(e, LT_KEY_CTRL_LEFT);
    key(e, LT_KEY_CTRL_LEFT);
    is_str(with_cursor(e), "find: |z one two", "Ctrl-Left to the start");
    key(e, LT_KEY_CTRL_RIGHT);
    key(e, LT_KEY_CTRL_RIGHT);
    is_str(with_cursor(e), "find: z one| two", "Ctrl-Right goes to the end of the word");
    /* Keys that are not characters or bindings change nothing. */
    is_int(key(e, LT_KEY_F5), LT_W_HANDLED, "F5 is taken, nothing happens");
    is_int(key(e, LT_CTRL('b')), LT_W_HANDLED, "an unbound control key inserts nothing");
    is_int(key(e, 0x85), LT_W_HANDLED, "a C1 control inserts nothing");
    is_int(key(e, 0xD800), LT_W_HANDLED, "a surrogate inserts nothing");
    is_int(key(e, LT_KEY_TAB), LT_W_HANDLED, "Tab inserts nothing");
    is_str(lt_lineedit_text(e), "z one two", "the text is unchanged");
    lt_lineedit_free(e);
    lt_lineedit_free(NULL);
}

static void test_utf8(void)
{
    lt_lineedit *e = lt_lineedit_new();
    lt_lineedit_start(e, "", NULL);
    is_str(lt_lineedit_text(e), "", "start with NULL text");
    type(e, "h\xc3\xa9\xe6\x97\xa5");   /* hé日 */
    is_str(lt_lineedit_text(e), "h\xc3\xa9\xe6\x97\xa5", "multibyte characters insert as UTF-8");
    key(e, LT_KEY_LEFT);
    key(e, LT_KEY_BACKSPACE);
    is_str(with_cursor(e), "h|\xe6\x97\xa5", "Backspace erases one character of two bytes");
    /* e + combining acute: Right steps over both, Backspace takes the
     * accent only (a code point). */
    lt_lineedit_start(e, "", "xe\xcc\x81y");
    key(e, LT_KEY_HOME);
    key(e, LT_KEY_RIGHT);
    key(e, LT_KEY_RIGHT);
    is_str(with_cursor(e), "x\xc3\xa9|y", "Right steps over a letter and its accent");
    key(e, LT_KEY_LEFT);
    is_str(with_cursor(e), "x|\xc3\xa9y", "Left steps back over both");
    key(e, LT_KEY_RIGHT);
    key(e, LT_KEY_BACKSPACE);
    is_str(lt_lineedit_text(e), "xey", "Backspace erases the accent, a code point");
    /* A family emoji: man ZWJ woman ZWJ girl is one cluster. */
    lt_lineedit_start(e, "", "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" "b");
    key(e, LT_KEY_HOME);
    key(e, LT_KEY_RIGHT);
    key(e, LT_KEY_RIGHT);
    key(e, LT_CTRL('k'));
    is_str(lt_lineedit_text(e), "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
           "Right steps over a whole ZWJ emoji sequence");
    key(e, LT_KEY_LEFT);
    key(e, LT_CTRL('k'));
    is_str(lt_lineedit_text(e), "a", "Left steps back over it");
    /* Invalid UTF-8 in the initial text: each bad byte is a character. */
    lt_lineedit_start(e, "", "a\xff\xfe");
    key(e, LT_KEY_BACKSPACE);
    is_str(lt_lineedit_text(e), "a\xff", "Backspace erases one invalid byte");
    key(e, LT_KEY_LEFT);
    key(e, LT_KEY_LEFT);
    key(e, LT_KEY_DELETE);
    is_str(lt_lineedit_text(e), "\xff", "Delete erases one character before an invalid byte");
    lt_lineedit_free(e);
}

static void test_accept_history(void)
{
    lt_lineedit *e = lt_lineedit_new();
    lt_lineedit_start(e, "/", NULL);
    type(e, "first");
    is_int(key(e, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW | LT_W_CLOSE, "Enter closes");
    ok(lt_lineedit_accepted(e), "Enter accepts");
    is_str(lt_lineedit_text(e), "first", "the text stays after Enter");
    lt_lineedit_start(e, "/", NULL);
    ok(!lt_lineedit_accepted(e), "start forgets the last accept");
    type(e, "second");
    key(e, LT_KEY_ENTER);
    lt_lineedit_start(e, "/", "second");
    key(e, LT_KEY_ENTER);   /* a repeat is kept once */
    lt_lineedit_start(e, "/", NULL);
    key(e, LT_KEY_ENTER);   /* empty: not kept */
    lt_lineedit_start(e, "/", NULL);
    type(e, "draft");
    is_int(key(e, LT_KEY_UP), LT_W_HANDLED | LT_W_REDRAW, "Up recalls");
    is_str(lt_lineedit_text(e), "second", "Up shows the last entry");
    key(e, LT_KEY_UP);
    is_str(with_cursor(e), "/first|", "Up again the one before, cursor at the end");
    is_int(key(e, LT_KEY_UP), LT_W_HANDLED, "Up at the oldest entry changes nothing");
    key(e, LT_KEY_DOWN);
    key(e, LT_KEY_DOWN);
    is_str(lt_lineedit_text(e), "draft", "Down past the newest entry restores the draft");
    is_int(key(e, LT_KEY_DOWN), LT_W_HANDLED, "Down on the draft changes nothing");
    is_int(key(e, LT_KEY_ESC), LT_W_HANDLED | LT_W_REDRAW | LT_W_CLOSE, "Esc closes");
    ok(!lt_lineedit_accepted(e), "Esc cancels");
    lt_lineedit_start(e, "/", "x");
    is_int(key(e, LT_CTRL('c')), LT_W_HANDLED | LT_W_REDRAW | LT_W_CLOSE, "Ctrl-C closes");
    ok(!lt_lineedit_accepted(e), "Ctrl-C cancels");
    /* The history keeps the last 100 entries. */
    char s[16];
    for (int i = 0; i < 150; i++) {
        snprintf(s, sizeof s, "e%d", i);
        lt_lineedit_start(e, "", s);
        key(e, LT_KEY_ENTER);
    }
    lt_lineedit_start(e, "", NULL);
    for (int i = 0; i < 200; i++)
        key(e, LT_KEY_UP);
    is_str(lt_lineedit_text(e), "e50", "the oldest of 100 kept entries");
    lt_lineedit_free(e);
}

static void test_draw(void)
{
    lt_lineedit *e = lt_lineedit_new();
    lt_canvas *c = lt_canvas_new(30, 2);
    lt_lineedit_start(e, "filter: ", "tenure > 12");
    int cx = lt_lineedit_draw(e, c, 2, 1, 28);
    is_str(row_text(c, 1), "  filter: tenure > 12", "prompt and text from column 2");
    is_int(cx, 21, "the cursor after the text");
    ok(cell_at(c, 2, 1)->flags & LT_CELL_BOLD && cell_at(c, 2, 1)->flags & LT_CELL_FG,
       "the prompt is bold in the accent colour");
    ok(cell_at(c, 10, 1)->flags == 0, "the text has no colour");
    is_str(row_text(c, 0), "", "nothing drawn on other rows");

    /* Text longer than the room: it scrolls by half the room, with "…". */
    lt_lineedit_start(e, "> ", "abcdefghijklmnopqrstuvwxyz");
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 12);   /* 10 cells of text */
    /* cursor at cell 26: offset ((26-10)/5+1)*5 = 20, cursor col 6 */
    is_str(row_text(c, 0), "> \xe2\x80\xa6vwxyz", "the text scrolls so the cursor shows");
    is_int(cx, 8, "the cursor after z");
    key(e, LT_KEY_LEFT);
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 12);
    is_str(row_text(c, 0), "> \xe2\x80\xa6vwxyz", "moving inside the view keeps the view");
    is_int(cx, 7, "the cursor on z");
    key(e, LT_KEY_HOME);
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 12);
    is_str(row_text(c, 0), "> abcdefghij", "Home shows the start");
    is_int(cx, 2, "the cursor on a");
    for (int i = 0; i < 10; i++)
        key(e, LT_KEY_RIGHT);
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 12);
    is_str(row_text(c, 0), "> \xe2\x80\xa6ghijklmno", "the cursor reaching the edge scrolls by 5");
    is_int(cx, 7, "the cursor on k");

    /* Wide characters: one straddling the left edge leaves a blank. */
    lt_lineedit_start(e, "", "a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "bcdefghi");   /* a日本語bcdefghi */
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 8);   /* cursor at cell 15: offset ((15-8)/4+1)*4 = 8 */
    is_str(row_text(c, 0), "\xe2\x80\xa6" "defghi", "the view from cell 8, the marker over c");
    is_int(cx, 7, "cursor col 15 - 8");
    for (int i = 0; i < 9; i++)
        key(e, LT_KEY_LEFT);   /* the cursor on 語 at cell 5 */
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 8);
    is_str(row_text(c, 0), "a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "b", "all of a日本語b fits");
    is_int(cx, 5, "the cursor on 語 counts display widths");
    key(e, LT_KEY_END);
    lt_lineedit_start(e, "", "ab\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac");   /* ab日本語日本: 12 cells */
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 9);   /* step 4: offset ((12-9)/4+1)*4 = 4 */
    is_str(row_text(c, 0), "\xe2\x80\xa6 \xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac",
           "from cell 4: the marker over the left half of 本 blanks its right half");
    is_int(cx, 8, "the cursor at the end, cell 12 - 4");
    lt_lineedit_start(e, "", "a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac");   /* a日本語日本: 11 cells */
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 9);   /* offset 4: 本 starts at 3, straddles */
    is_str(row_text(c, 0), "\xe2\x80\xa6\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac",
           "本 straddling the edge is left out, its cell holds the marker");
    is_int(cx, 7, "the cursor at the end");

    /* A long prompt is cut to leave room for the text. */
    lt_lineedit_start(e, "a very long prompt: ", "xy");
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 0, 0, 12);
    is_str(row_text(c, 0), "a vexy", "the prompt keeps 4 cells, the text 8");
    is_int(cx, 6, "cursor after xy");
    /* 1 cell: the cursor only. */
    canvas_clear(c);
    cx = lt_lineedit_draw(e, c, 5, 0, 1);
    is_int(cx, 5, "width 1: the cursor in the only cell");
    is_str(row_text(c, 0), "", "width 1: the text scrolled away");
    cx = lt_lineedit_draw(e, c, 5, 0, 0);
    is_int(cx, 5, "width 0 draws nothing");
    lt_canvas_free(c);
    lt_lineedit_free(e);
}

int main(void)
{
    test_editing();
    test_utf8();
    test_accept_history();
    test_draw();
    return tap_done();
}
