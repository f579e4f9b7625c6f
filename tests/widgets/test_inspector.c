/* The inspector: lt_format_bytes, the list's exact text at several
 * widths (memory dropped first, then cut with "…"), the header and the
 * selection's cells, the selection following its name across updates,
 * keys and mouse, Enter/F4 and lt_inspector_take_open, UTF-8 names, and
 * sizes from 1 x 1 to 200 x 60. */
#include <stdint.h>
#include <stdlib.h>

#include "inspector.h"
#include "tap.h"
#include "cells.h"

static int key(lt_widget *w, int k)
{
    lt_key_event ev = {.key = k};
    return lt_widget_key(w, &ev);
}

static int click(lt_widget *w, int x, int y)
{
    lt_key_event ev = {.key = LT_KEY_CLICK, .x = x, .y = y};
    return lt_widget_key(w, &ev);
}

static const char *fmt(size_t b)
{
    static char buf[32];
    lt_format_bytes(b, buf, sizeof buf);
    return buf;
}

static void test_format_bytes(void)
{
    is_str(fmt(0), "0 B", "0");
    is_str(fmt(1), "1 B", "1");
    is_str(fmt(999), "999 B", "999: three digits of bytes");
    is_str(fmt(1000), "0.98 KB", "1000: 0.98 KB rather than four digits");
    is_str(fmt(1023), "1.0 KB", "1023");
    is_str(fmt(1024), "1.0 KB", "1024");
    is_str(fmt(1536), "1.5 KB", "1536");
    is_str(fmt(10188), "9.9 KB", "10188 (9.95 KB less a byte)");
    is_str(fmt(10189), "10 KB", "10189 rounds to 10 KB");
    is_str(fmt(56344), "55 KB", "56344 (a column of 7043 doubles)");
    is_str(fmt(1022976), "999 KB", "999 KB");
    is_str(fmt(1023487), "999 KB", "999.5 KB less a byte");
    is_str(fmt(1023488), "0.98 MB", "999.5 KB goes up a unit");
    is_str(fmt(1258291), "1.2 MB", "1.2 MB");
    is_str(fmt((size_t)84 << 20), "84 MB", "84 MB");
    is_str(fmt(1200000000), "1.1 GB", "1.2e9 bytes are 1.1 GB of 2^30");
    is_str(fmt((size_t)3 << 40), "3.0 TB", "3 TB");
    is_str(fmt(SIZE_MAX), "16 EB", "SIZE_MAX");
    char small[4] = "xyz";
    lt_format_bytes(1536, small, sizeof small);
    is_str(small, "1.5", "a short buffer is cut and terminated");
    lt_format_bytes(1536, small, 0);
    is_str(small, "1.5", "cap 0 writes nothing");
    lt_format_bytes(1536, NULL, 10);
    ok(1, "a NULL buffer is ignored");
}

static const lt_inspector_item WS[] = {
    {"churn", "Frame", "7043 x 20", 1258291, true},
    {"tenure", "Column", "7043", 56344, false},
    {"fig", "Figure", NULL, 0, false},
    {"k", "number", "4", 0, false},
    {"greeting", "string", "\"hello world, this is long\"", 0, false},
};

static void test_layout(void)
{
    lt_inspector *in = lt_inspector_new();
    lt_widget *w = lt_inspector_widget(in);
    is_str(screen_at(w, 40, 3), " name  type  shape  memory\n no variables yet\n",
           "empty: the header and a hint");
    ok(lt_inspector_selected(in) == NULL, "nothing selected when empty");
    ok(lt_inspector_set(in, WS, 5) == 0, "set five items");
    is_str(lt_inspector_selected(in), "churn", "the first is selected");
    is_str(screen_at(w, 70, 7),
           " name      type    shape                        memory\n"
           " churn     Frame   7043 x 20                    1.2 MB\n"
           " tenure    Column  7043                          55 KB\n"
           " fig       Figure\n"
           " k         number  4\n"
           " greeting  string  \"hello world, this is long\"\n",
           "70 x 7: every column, memory right-aligned");
    is_str(screen_at(w, 54, 4),
           " name      type    shape                        memory\n"
           " churn     Frame   7043 x 20                    1.2 MB\n"
           " tenure    Column  7043                          55 KB\n"
           " fig       Figure",
           "54 cells: just fits, three rows of items");
    is_str(screen_at(w, 53, 3),
           " name      type    shape\n"
           " churn     Frame   7043 x 20\n"
           " tenure    Column  7043",
           "53 cells: memory dropped first");
    is_str(screen_at(w, 30, 6),
           " name      type    shape\n"
           " churn     Frame   7043 x 20\n"
           " tenure    Column  7043\n"
           " fig       Figure\n"
           " k         number  4\n"
           " greeting  string  \"hello wor…",
           "30 cells: the shape is cut with …");
    is_str(screen_at(w, 20, 3),
           " name     type\n"
           " churn    Frame\n"
           " tenure   Column",
           "20 cells: the shape gone, the names held to 2/5");
    is_str(screen_at(w, 27, 6),
           " name      type    shape\n"
           " churn     Frame   7043 x …\n"
           " tenure    Column  7043\n"
           " fig       Figure\n"
           " k         number  4\n"
           " greeting  string  \"hello …",
           "27 cells: the shape in what is left");
    is_str(screen_at(w, 22, 3),
           " name      type    sh…\n"
           " churn     Frame   70…\n"
           " tenure    Column  70…",
           "22 cells: the shape in 3 cells");
    is_str(screen_at(w, 21, 6),
           " name      type\n"
           " churn     Frame\n"
           " tenure    Column\n"
           " fig       Figure\n"
           " k         number\n"
           " greeting  string",
           "21 cells: no shape in 2 cells");
    is_str(screen_at(w, 16, 3),
           " name    type\n"
           " churn   Frame\n"
           " tenure  Column",
           "16 cells: the name held to its share, the shape gone");
    is_str(screen_at(w, 10, 3), " name\n churn\n tenure", "10 cells: the names alone");
    is_str(screen_at(w, 5, 3), " name\n chu…\n ten…", "5 cells: names cut");
    is_str(screen_at(w, 1, 1), "…", "1 x 1: a cut name without the header");
    is_str(screen_at(w, 8, 1), " churn", "one row: the selected item, no header");

    lt_canvas *c = draw_at(w, 70, 7);
    ok(cell_at(c, 1, 0)->flags & LT_CELL_BOLD, "header bold");
    ok((cell_at(c, 69, 0)->flags & LT_CELL_BG) && rgb_is(cell_at(c, 69, 0)->bg, LT_UI_HEADER_BG),
       "the header row has the header background to the edge");
    ok(!(cell_at(c, 1, 0)->flags & LT_CELL_FG), "an unfocused header has no accent");
    ok(cell_at(c, 1, 2)->flags & LT_CELL_BOLD, "names bold");
    ok(cell_at(c, 11, 2)->flags & LT_CELL_DIM, "types dim");
    ok(!(cell_at(c, 0, 1)->flags & LT_CELL_REVERSE) && (cell_at(c, 0, 1)->flags & LT_CELL_BG) &&
           rgb_is(cell_at(c, 0, 1)->bg, LT_UI_SELECT_BG) && rgb_is(cell_at(c, 69, 1)->bg, LT_UI_SELECT_BG),
       "unfocused: the selected row has the selection background across");
    ok(!(cell_at(c, 0, 2)->flags & LT_CELL_BG), "other rows have none");
    lt_canvas_free(c);
    w->focused = true;
    c = draw_at(w, 70, 7);
    bool rev = true;
    for (int x = 0; x < 70; x++)
        rev = rev && (cell_at(c, x, 1)->flags & LT_CELL_REVERSE) && !(cell_at(c, x, 1)->flags & LT_CELL_BG);
    ok(rev, "focused: the selected row in reverse video across");
    ok((cell_at(c, 1, 1)->flags & LT_CELL_BOLD), "the selected name stays bold");
    ok(!(cell_at(c, 0, 2)->flags & LT_CELL_REVERSE), "other rows are not reversed");
    ok((cell_at(c, 1, 0)->flags & LT_CELL_FG) && rgb_is(cell_at(c, 1, 0)->fg, LT_UI_ACCENT),
       "focused: the header in the accent colour");
    lt_canvas_free(c);
    lt_widget_free(w);
}

static void test_keys(void)
{
    lt_inspector *in = lt_inspector_new();
    lt_widget *w = lt_inspector_widget(in);
    ok(key(w, LT_KEY_DOWN) == LT_W_HANDLED, "Down on an empty list: handled, nothing to draw");
    ok(key(w, LT_KEY_ENTER) == 0, "Enter on an empty list: not handled");
    lt_inspector_set(in, WS, 5);
    lt_widget_resize(w, 40, 4);   /* three rows of items */
    ok(key(w, LT_KEY_UP) == LT_W_HANDLED, "Up at the top: handled, no redraw");
    ok(key(w, LT_KEY_DOWN) == (LT_W_HANDLED | LT_W_REDRAW), "Down moves");
    is_str(lt_inspector_selected(in), "tenure", "tenure selected");
    ok(key(w, LT_KEY_END) == (LT_W_HANDLED | LT_W_REDRAW), "End");
    is_str(lt_inspector_selected(in), "greeting", "the last");
    is_str(screen_at(w, 40, 4),
           " name      shape\n"
           " fig\n"
           " k         4\n"
           " greeting  \"hello world, this is long\"",
           "the view follows the selection to the end (the type left out for the whole shape)");
    ok(key(w, LT_KEY_DOWN) == LT_W_HANDLED, "Down at the end: no redraw");
    key(w, LT_KEY_PGUP);
    is_str(lt_inspector_selected(in), "tenure", "PgUp: a page (3 rows) up");
    key(w, LT_KEY_PGUP);
    is_str(lt_inspector_selected(in), "churn", "PgUp stops at the top");
    key(w, LT_KEY_PGDN);
    is_str(lt_inspector_selected(in), "k", "PgDn: three down");
    key(w, LT_KEY_HOME);
    is_str(lt_inspector_selected(in), "churn", "Home");
    ok(key(w, LT_KEY_WHEEL_DOWN) == (LT_W_HANDLED | LT_W_REDRAW), "wheel down");
    is_str(lt_inspector_selected(in), "k", "the wheel moves three rows");
    key(w, LT_KEY_WHEEL_UP);
    is_str(lt_inspector_selected(in), "churn", "wheel up");
    ok(key(w, 'x') == 0 && key(w, LT_KEY_LEFT) == 0, "other keys are not handled");

    /* Clicks: row 0 is the header. */
    ok(click(w, 3, 2) == (LT_W_HANDLED | LT_W_REDRAW), "a click on the second item");
    is_str(lt_inspector_selected(in), "tenure", "selects it");
    ok(click(w, 3, 0) == LT_W_HANDLED, "a click on the header changes nothing");
    is_str(lt_inspector_selected(in), "tenure", "still tenure");
    key(w, LT_KEY_END);
    screen_at(w, 40, 4);
    ok(click(w, 0, 1) == (LT_W_HANDLED | LT_W_REDRAW), "after scrolling, a click on the first row");
    is_str(lt_inspector_selected(in), "fig", "selects the first shown");
    lt_inspector_set(in, WS, 2);
    ok(click(w, 0, 3) == LT_W_HANDLED, "a click below the items");
    is_str(lt_inspector_selected(in), "tenure", "selection unchanged");

    /* Enter and F4. */
    lt_inspector_set(in, WS, 5);
    key(w, LT_KEY_HOME);
    ok(lt_inspector_take_open(in) == NULL, "nothing to open yet");
    ok(key(w, LT_KEY_ENTER) == (LT_W_HANDLED | LT_W_ACTION), "Enter on a frame: an action");
    char *name = lt_inspector_take_open(in);
    is_str(name, "churn", "the name to open");
    free(name);
    ok(lt_inspector_take_open(in) == NULL, "taken once");
    key(w, LT_KEY_DOWN);
    ok(key(w, LT_KEY_ENTER) == 0, "Enter on a column: not handled (not viewable)");
    ok(key(w, LT_KEY_F4) == 0, "F4 likewise");
    ok(lt_inspector_take_open(in) == NULL, "nothing to open");
    key(w, LT_KEY_UP);
    ok(key(w, LT_KEY_F4) == (LT_W_HANDLED | LT_W_ACTION), "F4 on the frame");
    ok(key(w, LT_KEY_ENTER) == (LT_W_HANDLED | LT_W_ACTION), "and Enter again, not taken");
    name = lt_inspector_take_open(in);
    is_str(name, "churn", "one name waits");
    free(name);
    key(w, LT_KEY_F4);   /* left untaken: freed with the widget */
    lt_widget_free(w);
}

static void test_follow(void)
{
    lt_inspector *in = lt_inspector_new();
    lt_widget *w = lt_inspector_widget(in);
    lt_widget_resize(w, 40, 10);
    lt_inspector_set(in, WS, 5);
    key(w, LT_KEY_DOWN);
    key(w, LT_KEY_DOWN);
    is_str(lt_inspector_selected(in), "fig", "fig selected");

    /* A new variable in front: the selection stays on fig. */
    lt_inspector_item more[6] = {{"a", "number", "1", 0, false}};
    memcpy(more + 1, WS, sizeof WS);
    ok(lt_inspector_set(in, more, 6) == 0, "a variable added in front");
    is_str(lt_inspector_selected(in), "fig", "the selection follows its name");
    key(w, LT_KEY_UP);
    is_str(lt_inspector_selected(in), "tenure", "at its new row");

    /* The selected name goes: the selection stays at its row. */
    lt_inspector_item fewer[4] = {more[0], more[1], more[3], more[4]};
    lt_inspector_set(in, fewer, 4);
    is_str(lt_inspector_selected(in), "fig", "tenure gone: the item now at its row");
    lt_inspector_set(in, fewer, 2);
    is_str(lt_inspector_selected(in), "churn", "fewer rows: the last");
    lt_inspector_set(in, NULL, 0);
    ok(lt_inspector_selected(in) == NULL, "none left: no selection");
    lt_inspector_set(in, WS, 3);
    is_str(lt_inspector_selected(in), "churn", "items again: the first");

    /* The copies are the inspector's own. */
    char name[] = "mutable";
    lt_inspector_item one = {name, "Frame", "1 x 1", 10, true};
    lt_inspector_set(in, &one, 1);
    name[0] = 'X';
    is_str(lt_inspector_selected(in), "mutable", "names are copied");
    lt_inspector_item nulls = {NULL, NULL, NULL, 0, false};
    ok(lt_inspector_set(in, &nulls, 1) == 0, "NULL name and type");
    is_str(lt_inspector_selected(in), "", "read as empty");
    is_str(screen_at(w, 30, 2), " name  type  shape  memory\n", "drawn as blanks");
    ok(lt_inspector_set(in, WS, -3) == 0 && lt_inspector_selected(in) == NULL,
       "a negative count is an empty list");
    lt_widget_free(w);
}

static void test_utf8(void)
{
    lt_inspector *in = lt_inspector_new();
    lt_widget *w = lt_inspector_widget(in);
    lt_inspector_item it[] = {
        {"données_été", "Frame", "10 x 2", 2048, true},
        {"売上", "Column", "10", 80, false},
        {"cafe\xcc\x81", "string", "\"🙂🙂🙂🙂🙂🙂🙂🙂\"", 0, false},
    };
    lt_inspector_set(in, it, 3);
    is_str(screen_at(w, 50, 4),
           " name         type    shape               memory\n"
           " données_été  Frame   10 x 2              2.0 KB\n"
           " 売上         Column  10                    80 B\n"
           " café         string  \"🙂🙂🙂🙂🙂🙂🙂🙂\"",
           "columns aligned by display width");
    is_str(screen_at(w, 30, 4),
           " name         type    shape\n"
           " données_été  Frame   10 x 2\n"
           " 売上         Column  10\n"
           " café         string  \"🙂🙂🙂…",
           "a cut never splits a wide character");
    is_str(screen_at(w, 7, 4), " name\n donné…\n 売上\n café", "names cut by display width");
    is_str(screen_at(w, 4, 3), " na…\n do…\n 売…", "cut in three cells");
    is_str(screen_at(w, 3, 3), " n…\n d…\n …", "a wide character that does not fit leaves …");
    lt_widget_free(w);
}

static void test_long(void)
{
    /* Many items, long names: nothing crosses the edge at any size. */
    enum { N = 300 };
    lt_inspector_item *it = calloc(N, sizeof *it);
    char (*names)[64] = calloc(N, 64);
    for (int i = 0; i < N; i++) {
        snprintf(names[i], 64, i % 7 ? "v%d" : "a_very_long_variable_name_%d_with_売上", i);
        it[i] = (lt_inspector_item){names[i], i % 2 ? "Frame" : "Column", i % 3 ? "12 x 3" : NULL,
                                    (size_t)i * 1000003u, i % 2};
    }
    lt_inspector *in = lt_inspector_new();
    lt_widget *w = lt_inspector_widget(in);
    lt_inspector_set(in, it, N);
    w->focused = true;
    bool all = true;
    int sizes[] = {1, 2, 3, 4, 5, 8, 13, 20, 40, 80, 133, 200};
    for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++)
        for (size_t b = 0; b < sizeof sizes / sizeof *sizes; b++) {
            int W = sizes[a], H = sizes[b] > 60 ? 60 : sizes[b];
            key(w, (a + b) % 2 ? LT_KEY_PGDN : LT_KEY_END);
            lt_canvas *c = draw_at(w, W, H);
            const char *s = screen_text(c);
            int rows = 0;
            for (const char *p = s; p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
                char line[4096];
                snprintf(line, sizeof line, "%.*s", (int)strcspn(p, "\n"), p);
                if (lt_text_width(line) > W)
                    all = false;
                rows++;
            }
            /* The selected row is on screen. */
            bool seen = false;
            for (int y = H >= 2; y < H; y++)
                seen = seen || (cell_at(c, 0, y)->flags & LT_CELL_REVERSE);
            if (rows != H || !seen) {
                all = false;
                printf("# %d x %d: %d rows, selection %s\n", W, H, rows, seen ? "shown" : "hidden");
            }
            lt_canvas_free(c);
        }
    ok(all, "sizes 1 x 1 .. 200 x 60: within the width, the selection on screen");
    key(w, LT_KEY_END);
    is_str(lt_inspector_selected(in), "v299", "End on 300 items");
    is_str(screen_at(w, 60, 3),
           " name                                     type    shape\n"
           " v298                                     Column  12 x 3\n"
           " v299                                     Frame   12 x 3",
           "a tall list scrolled to the end");
    free(names);
    free(it);
    lt_widget_free(w);
}

int main(void)
{
    test_format_bytes();
    test_layout();
    test_keys();
    test_follow();
    test_utf8();
    test_long();
    return tap_done();
}
