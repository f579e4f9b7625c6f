/* The status bar: the row's exact text at several widths (the right part
 * dropped first, then the middle cut, then the data set), the progress
 * display at several fractions with its estimate rules, eighth blocks
 * and ASCII bars, messages and errors, display widths of UTF-8, and
 * every size from 1 x 1 up. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "statusbar.h"
#include "tap.h"
#include "cells.h"

static const char HINTS[] = "F1 help  F2 pane  F3 zoom  F4 view  F10 save";

static const char *bar_row(lt_widget *w, int W)
{
    lt_canvas *c = draw_at(w, W, 1);
    const char *r = row_text(c, 0);
    lt_canvas_free(c);
    return r;
}

/* The x of the first cell holding code point ch in row 0, or -1. */
static int find_cp(const lt_canvas *c, uint32_t ch)
{
    for (int x = 0; x < c->w; x++)
        if (cell_at(c, x, 0)->ch == ch)
            return x;
    return -1;
}

static lt_statusbar *standard(bool ascii)
{
    lt_statusbar *s = lt_statusbar_new(ascii);
    lt_statusbar_set_dataset(s, "churn 7043 x 20");
    lt_statusbar_set_hints(s, HINTS);
    lt_statusbar_set_resources(s, (size_t)84 << 20, 2);
    return s;
}

static void test_layout(void)
{
    lt_statusbar *s = standard(false);
    lt_widget *w = lt_statusbar_widget(s);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save"
           "                 RSS 84 MB  2 threads",
           "100 cells: data set, hints, resources at the right with a margin");
    is_str(bar_row(w, 85),
           " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save  RSS 84 MB  2 threads",
           "85 cells: everything, two cells apart");
    is_str(bar_row(w, 84), " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save",
           "84 cells: the right part goes first");
    is_str(bar_row(w, 60), " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 …",
           "60 cells: the hints are cut");
    is_str(bar_row(w, 30), " churn 7043 x …  F1 help  F2…",
           "30 cells: the data set keeps half the row");

    lt_canvas *c = draw_at(w, 100, 1);
    ok(cell_at(c, 1, 0)->flags & LT_CELL_BOLD, "the data set is bold");
    ok(cell_at(c, 18, 0)->flags & LT_CELL_DIM, "the hints are dim");
    ok(!(cell_at(c, 81, 0)->flags & (LT_CELL_DIM | LT_CELL_BOLD)), "the resources are plain");
    bool bg = true;
    for (int x = 0; x < 100; x++)
        bg = bg && (cell_at(c, x, 0)->flags & LT_CELL_BG) && rgb_is(cell_at(c, x, 0)->bg, LT_UI_HEADER_BG);
    ok(bg, "the whole row has the header background");
    lt_canvas_free(c);

    lt_statusbar_set_resources(s, 1536, 1);
    is_str(bar_row(w, 90),
           " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save"
           "       RSS 1.5 KB  1 thread",
           "one thread, a small RSS");
    lt_statusbar_set_resources(s, 0, 0);
    is_str(bar_row(w, 90), " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save",
           "no resources: no right part");
    lt_statusbar_set_resources(s, 0, 4);
    is_str(bar_row(w, 90),
           " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save"
           "                  4 threads",
           "threads without RSS");
    lt_statusbar_set_hints(s, NULL);
    is_str(bar_row(w, 40), " churn 7043 x 20              4 threads", "no hints");
    lt_statusbar_set_dataset(s, NULL);
    is_str(bar_row(w, 40), "                              4 threads", "only the threads");
    lt_statusbar_set_hints(s, HINTS);
    is_str(bar_row(w, 40), " F1 help  F2 pane  F3 zoom  F4 view  F…",
           "no data set: the hints from the left");
    lt_statusbar_set_dataset(s, "");
    is_str(bar_row(w, 40), " F1 help  F2 pane  F3 zoom  F4 view  F…",
           "an empty data set is none");

    c = draw_at(w, 40, 3);
    is_str(row_text(c, 1), "", "a taller widget draws one row");
    ok(!(cell_at(c, 0, 2)->flags & LT_CELL_BG), "the rows below have no background");
    lt_canvas_free(c);
    lt_widget_free(w);
}

static void test_messages(void)
{
    lt_statusbar *s = standard(false);
    lt_widget *w = lt_statusbar_widget(s);
    lt_statusbar_message(s, "saved analysis.lua", false);
    is_str(bar_row(w, 80),
           " churn 7043 x 20  saved analysis.lua                       RSS 84 MB  2 threads",
           "a message replaces the hints");
    lt_canvas *c = draw_at(w, 80, 1);
    ok(!(cell_at(c, 18, 0)->flags & (LT_CELL_DIM | LT_CELL_FG)), "a message is plain");
    lt_canvas_free(c);

    lt_statusbar_message(s, "view: 'k' is a number, not a frame", true);
    c = draw_at(w, 80, 1);
    is_str(row_text(c, 0),
           " churn 7043 x 20  view: 'k' is a number, not a frame       RSS 84 MB  2 threads",
           "an error message");
    const lt_cell *e = cell_at(c, 18, 0);
    ok((e->flags & LT_CELL_FG) && rgb_is(e->fg, LT_UI_ERROR), "errors show in the error colour");
    ok(!(cell_at(c, 1, 0)->flags & LT_CELL_FG), "the data set keeps its colour");
    lt_canvas_free(c);

    lt_statusbar_set_progress(s, "fit", 0.5, 1.0);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  fit  50% [███████▌       ] 1.0s, ~1.0s left  Ctrl-C cancels"
           "  RSS 84 MB  2 threads",
           "a running job shows over a message");
    c = draw_at(w, 100, 1);
    ok(!(cell_at(c, 18, 0)->flags & LT_CELL_FG), "no error colour on the job");
    lt_canvas_free(c);
    lt_statusbar_set_progress(s, NULL, 0, 0);
    is_str(bar_row(w, 80),
           " churn 7043 x 20  view: 'k' is a number, not a frame       RSS 84 MB  2 threads",
           "the message again once the job ends");
    lt_statusbar_message(s, NULL, false);
    is_str(bar_row(w, 80), " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 save",
           "clearing the message brings the hints back");
    lt_widget_free(w);
}

static void test_progress(void)
{
    lt_statusbar *s = standard(false);
    lt_widget *w = lt_statusbar_widget(s);
    lt_statusbar_set_progress(s, "read_csv", 0, 0);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  read_csv   0% [               ] 0.0s  Ctrl-C cancels"
           "         RSS 84 MB  2 threads",
           "0%%: an empty bar, no estimate");
    lt_statusbar_set_progress(s, "read_csv", 0.42, 1.3);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  read_csv  42% [██████▎        ] 1.3s, ~1.8s left  Ctrl-C cancels",
           "42%% after 1.3 s: 6 2/8 cells of 15, 1.8 s left; the resources dropped");
    is_str(bar_row(w, 80),
           " churn 7043 x 20  read_csv  42% [█████       ] 1.3s, ~1.8s left  Ctrl-C cancels",
           "80 cells: the bar narrows");
    is_str(bar_row(w, 60), " churn 7043 x 20  read_csv  42% [███▎    ] 1.3s, ~1.8s left",
           "60 cells: no Ctrl-C hint");
    is_str(bar_row(w, 48), " churn 7043 x 20  read_csv  42% [███▎    ] 1.3s",
           "48 cells: no estimate");
    is_str(bar_row(w, 43), " churn 7043 x 20  read_csv  42% [███▎    ]",
           "43 cells: no times");
    is_str(bar_row(w, 35), " churn 7043 x 20  read_csv  42%", "35 cells: no bar");
    lt_statusbar_set_progress(s, "read_csv", 1, 2.3);
    is_str(bar_row(w, 80),
           " churn 7043 x 20  read_csv 100% [███████████████] 2.3s  Ctrl-C cancels",
           "100%%: a full bar and no estimate");
    lt_statusbar_set_progress(s, "read_csv", -1, 1.3);
    is_str(bar_row(w, 80),
           " churn 7043 x 20  read_csv 1.3s  Ctrl-C cancels            RSS 84 MB  2 threads",
           "unknown fraction: no bar, no percentage");
    is_str(bar_row(w, 36), " churn 7043 x 20  read_csv 1.3s", "unknown, narrow: the time stays");
    lt_statusbar_set_progress(s, "read_csv", NAN, 1.3);
    is_str(bar_row(w, 36), " churn 7043 x 20  read_csv 1.3s", "a NaN fraction is unknown");
    lt_statusbar_set_progress(s, "read_csv", 1.5, 2.3);
    is_str(bar_row(w, 36), " churn 7043 x 20  read_csv 100%", "a fraction above 1 is 100%%");
    lt_statusbar_set_progress(s, "read_csv", 0.999, 2.3);
    is_str(bar_row(w, 36), " churn 7043 x 20  read_csv  99%", "99.9%% is not yet 100%%");

    /* A long label at 40 cells: cut, keeping the percentage and a bar. */
    lt_statusbar_set_progress(s, "read_csv examples/data/telco_churn.csv", 0.42, 1.3);
    is_str(bar_row(w, 40), " churn 7043 x 20  read_cs…  42% [██   ]",
           "a long label is cut at 40 cells");
    lt_statusbar_set_dataset(s, NULL);
    is_str(bar_row(w, 40), " read_cs…  42% [██   ] 1.3s, ~1.8s left",
           "without a data set: the estimate before more of the label");
    lt_statusbar_set_dataset(s, "churn 7043 x 20");
    lt_canvas *c = draw_at(w, 40, 1);
    ok(lt_text_width(row_text(c, 0)) == 39, "the row is 39 cells wide (%d)", lt_text_width(row_text(c, 0)));
    ok(cell_at(c, 18, 0)->flags & LT_CELL_BOLD, "the label is bold");
    int b = find_cp(c, 0x2588);
    ok(b > 0 && (cell_at(c, b, 0)->flags & LT_CELL_FG) && rgb_is(cell_at(c, b, 0)->fg, LT_UI_ACCENT),
       "the bar in the accent colour");
    lt_canvas_free(c);
    lt_widget_free(w);
}

/* The times: elapsed and estimate, at 200 cells with nothing else. */
static const char *times(lt_statusbar *s, double f, double el)
{
    lt_statusbar_set_progress(s, "job", f, el);
    const char *r = bar_row(lt_statusbar_widget(s), 200);
    const char *p = strchr(r, ']');
    p = p ? p + 2 : r + strlen(" job 100%") + 1;   /* no bar: after the label */
    static char buf[128];
    snprintf(buf, sizeof buf, "%s", p);
    char *end = strstr(buf, "  Ctrl-C cancels");
    if (end)
        *end = '\0';
    return buf;
}

static void test_eta(void)
{
    lt_statusbar *s = lt_statusbar_new(false);
    is_str(times(s, 0.01, 5.0), "5.0s", "below 2%%: no estimate");
    is_str(times(s, 0.02, 0.4), "0.4s", "before 0.5 s: no estimate");
    is_str(times(s, 0.25, 1.0), "1.0s, ~3.0s left", "25%% after 1 s: 3 s left");
    is_str(times(s, 0.02, 0.5), "0.5s, ~24s left", "2%% after 0.5 s: 24.5 s left, whole seconds");
    is_str(times(s, 0.5, 125), "2m05s, ~2m05s left", "minutes and seconds");
    is_str(times(s, 0.1, 4000), "1h07m, ~10h00m left", "hours and minutes");
    is_str(times(s, 0.5, 59.4), "59s, ~59s left", "59.4 s");
    is_str(times(s, 0.5, 59.6), "1m00s, ~1m00s left", "59.6 s rounds to a minute");
    is_str(times(s, 0.001, 1e7), ">99h", "beyond 99 hours");
    is_str(times(s, 1, 3.25), "3.2s", "done: no estimate");
    is_str(times(s, 0.5, -1), "0.0s", "a negative elapsed time reads 0");
    is_str(times(s, 0.5, NAN), "0.0s", "a NaN elapsed time reads 0");
    lt_statusbar_set_progress(s, "job", -1, 12.2);
    is_str(bar_row(lt_statusbar_widget(s), 60), " job 12s  Ctrl-C cancels", "unknown: elapsed only");
    lt_widget_free(lt_statusbar_widget(s));
}

static void test_bars(void)
{
    lt_statusbar *s = lt_statusbar_new(false);
    lt_widget *w = lt_statusbar_widget(s);
    /* 15 cells = 120 eighths. */
    struct {
        double f;
        int full;
        uint32_t part;
    } cases[] = {
        {1.0 / 120, 0, 0x258F}, {2.0 / 120, 0, 0x258E}, {3.0 / 120, 0, 0x258D},
        {4.0 / 120, 0, 0x258C}, {5.0 / 120, 0, 0x258B}, {6.0 / 120, 0, 0x258A},
        {7.0 / 120, 0, 0x2589}, {0.5, 7, 0x258C}, {0.999, 14, 0x2589}, {1, 15, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lt_statusbar_set_progress(s, "job", cases[i].f, 0);
        lt_canvas *c = draw_at(w, 200, 1);
        int x0 = find_cp(c, '[');
        int full = 0;
        while (full < 15 && cell_at(c, x0 + 1 + full, 0)->ch == 0x2588)
            full++;
        uint32_t part = full < 15 ? cell_at(c, x0 + 1 + full, 0)->ch : 0;
        bool rest = true;
        for (int k = full + (part != 0); k < 15; k++)
            rest = rest && cell_at(c, x0 + 1 + k, 0)->ch == ' ';
        ok(x0 > 0 && full == cases[i].full && part == (cases[i].part ? cases[i].part : 0) &&
               rest && cell_at(c, x0 + 16, 0)->ch == ']',
           "%.4f: %d full cells and U+%04X (got %d and U+%04X)", cases[i].f, cases[i].full,
           (unsigned)cases[i].part, full, (unsigned)part);
        lt_canvas_free(c);
    }
    lt_widget_free(w);

    s = standard(true);
    w = lt_statusbar_widget(s);
    lt_statusbar_set_progress(s, "read_csv", 0.5, 1.0);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  read_csv  50% [#######        ] 1.0s, ~1.0s left  Ctrl-C cancels",
           "ASCII: whole cells of '#'");
    lt_statusbar_set_progress(s, "read_csv", 0.999, 1.0);
    is_str(bar_row(w, 100),
           " churn 7043 x 20  read_csv  99% [############## ] 1.0s, ~0.0s left  Ctrl-C cancels",
           "ASCII: a partial cell stays blank");
    lt_statusbar_set_progress(s, NULL, 0, 0);
    is_str(bar_row(w, 60), " churn 7043 x 20  F1 help  F2 pane  F3 zoom  F4 view  F10 ~",
           "ASCII: '~' ends cut text");
    lt_widget_free(w);
}

static void test_utf8(void)
{
    lt_statusbar *s = lt_statusbar_new(false);
    lt_widget *w = lt_statusbar_widget(s);
    lt_statusbar_set_dataset(s, "売上データ 100 x 3");
    lt_statusbar_set_hints(s, "F1 ヘルプ");
    is_str(bar_row(w, 40), " 売上データ 100 x 3  F1 ヘルプ", "CJK takes two cells each");
    is_str(bar_row(w, 22), " 売上デー…  F1 ヘルプ", "cut by display width, the data set to half the row");
    is_str(bar_row(w, 16), " 売上デ…  F1 …", "a wide character is not split");
    lt_canvas *c = draw_at(w, 16, 1);
    ok(lt_text_width(row_text(c, 0)) <= 16, "within 16 cells");
    lt_canvas_free(c);
    lt_statusbar_set_dataset(s, "cafe\xcc\x81 🙂");
    lt_statusbar_set_hints(s, NULL);
    is_str(bar_row(w, 20), " café 🙂", "a combining accent takes no cell, an emoji two");
    lt_statusbar_set_dataset(s, "bad \xff\xfe bytes");
    c = draw_at(w, 30, 1);
    ok(lt_text_width(row_text(c, 0)) <= 30, "invalid UTF-8 is drawn as replacement characters");
    lt_canvas_free(c);
    lt_widget_free(w);
}

static void test_sizes(void)
{
    lt_statusbar *s = standard(false);
    lt_widget *w = lt_statusbar_widget(s);
    bool all = true;
    for (int mode = 0; mode < 3; mode++) {
        if (mode == 1)
            lt_statusbar_set_progress(s, "read_csv examples/data/telco_churn.csv", 0.42, 1.3);
        if (mode == 2)
            lt_statusbar_set_progress(s, "read_csv", -1, 100);
        for (int W = 1; W <= 200; W++)
            for (int H = 1; H <= 60; H += 59) {
                lt_canvas *c = draw_at(w, W, H);
                const char *r = row_text(c, 0);
                if (lt_text_width(r) > W - (W > 1)) {
                    all = false;
                    printf("# %d x %d: \"%s\"\n", W, H, r);
                }
                lt_canvas_free(c);
            }
    }
    ok(all, "every width from 1 to 200 keeps a right margin");
    lt_canvas *c = draw_at(w, 1, 1);
    is_str(row_text(c, 0), "", "1 x 1: blank rather than a fragment");
    lt_canvas_free(c);
    lt_statusbar_set_progress(s, NULL, 0, 0);
    c = draw_at(w, 2, 1);
    is_str(row_text(c, 0), "", "2 x 1: nothing fits beside the margin");
    lt_canvas_free(c);
    lt_widget_free(w);
}

int main(void)
{
    test_layout();
    test_messages();
    test_progress();
    test_eta();
    test_bars();
    test_utf8();
    test_sizes();
    return tap_done();
}
