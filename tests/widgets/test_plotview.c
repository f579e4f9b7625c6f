/* The plot pane: the figure drawn below the title bar is exactly
 * lt_render_text's canvas at the pane size less a row; the render is
 * cached until the figure or the size changes; history keys, the cap on
 * figures (oldest dropped, freed: run under ASan), Delete, renderer
 * errors and "pane too small" as text, the empty-state hint, UTF-8
 * titles, ASCII mode, and sizes from 1 x 1 to 200 x 60. */
#include <math.h>
#include <stdlib.h>

#include "error.h"
#include "plotview.h"
#include "render_text.h"
#include "tap.h"
#include "cells.h"

static bool cell_eq(const lt_cell *a, const lt_cell *b)
{
    return a->ch == b->ch && a->flags == b->flags &&
           (!(a->flags & LT_CELL_FG) || rgb_is(a->fg, b->fg)) &&
           (!(a->flags & LT_CELL_BG) || rgb_is(a->bg, b->bg));
}

/* Does rows y0.. of c hold exactly r (same width)? */
static bool holds(const lt_canvas *c, int y0, const lt_canvas *r)
{
    if (r == NULL || r->w != c->w || r->h != c->h - y0)
        return false;
    for (int y = 0; y < r->h; y++)
        for (int x = 0; x < r->w; x++)
            if (!cell_eq(cell_at(c, x, y + y0), cell_at(r, x, y))) {
                printf("# differs at %d, %d: U+%04X vs U+%04X\n", x, y, (unsigned)cell_at(c, x, y + y0)->ch,
                       (unsigned)cell_at(r, x, y)->ch);
                return false;
            }
    return true;
}

static int key(lt_widget *w, int k)
{
    lt_key_event ev = {.key = k};
    return lt_widget_key(w, &ev);
}

/* A line of 20 points of sin(k i), titled. */
static lt_figure *fig_line(const char *title, double k)
{
    lt_figure *f = lt_figure_new();
    double x[20], y[20];
    for (int i = 0; i < 20; i++) {
        x[i] = i;
        y[i] = sin(k * i);
    }
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 20, "sin");
    lt_figure_set_str(&f->title, title);
    return f;
}

/* Bars and a heatmap: colour, blocks and backgrounds. */
static lt_figure *fig_heat(void)
{
    lt_figure *f = lt_figure_new();
    double z[4] = {10, 2, 3, 40};
    const char *txt[4] = {"10", "2", "3", "40"};
    lt_panel_add_heatmap(&f->panels[0], z, 2, 2, txt, LT_CMAP_SEQUENTIAL);
    const char *names[2] = {"No", "Yes"};
    lt_axis_set_categories(&f->panels[0].x, names, 2);
    lt_axis_set_categories(&f->panels[0].y, names, 2);
    lt_figure_set_str(&f->title, "confusion");
    return f;
}

static lt_canvas *render(lt_figure *f, int W, int H, bool ascii, bool mono)
{
    lt_text_opts o = {.width = W, .height = H, .ascii = ascii, .mono = mono};
    return lt_render_text(f, &o);
}

static void test_empty(void)
{
    lt_plotview *p = lt_plotview_new(5, false, false);
    lt_widget *w = lt_plotview_widget(p);
    ok(lt_plotview_count(p) == 0 && lt_plotview_current(p) == -1, "empty: no figures, current -1");
    is_str(screen_at(w, 40, 8),
           " plots\n"
           "\n"
           "\n"
           "             no figure yet\n"
           "        try  plot(churn.tenure)\n"
           "\n"
           "\n",
           "40 x 8: the title bar and how to make a figure, centred");
    is_str(screen_at(w, 10, 3), " plots\nno figure…\ntry  plot…", "10 x 3: cut");
    is_str(screen_at(w, 20, 1), "no figure yet", "one row: the hint alone");
    is_str(screen_at(w, 1, 1), "…", "1 x 1");
    lt_canvas *c = draw_at(w, 40, 8);
    ok((cell_at(c, 39, 0)->flags & LT_CELL_BG) && rgb_is(cell_at(c, 39, 0)->bg, LT_UI_HEADER_BG),
       "the title bar has the header background");
    ok((cell_at(c, 1, 0)->flags & LT_CELL_BOLD) && !(cell_at(c, 1, 0)->flags & LT_CELL_FG),
       "unfocused: the title bold, no accent");
    ok(cell_at(c, 13, 3)->flags & LT_CELL_DIM, "the hint's first line dim");
    lt_canvas_free(c);
    w->focused = true;
    c = draw_at(w, 40, 8);
    ok((cell_at(c, 1, 0)->flags & LT_CELL_FG) && rgb_is(cell_at(c, 1, 0)->fg, LT_UI_ACCENT),
       "focused: the title in the accent colour");
    lt_canvas_free(c);
    ok(key(w, LT_KEY_LEFT) == LT_W_HANDLED && key(w, LT_KEY_DELETE) == LT_W_HANDLED &&
           key(w, LT_KEY_END) == LT_W_HANDLED,
       "history keys on no figures: handled, nothing to redraw");
    ok(lt_plotview_current(p) == -1, "still none");
    lt_widget_free(w);
}

static void test_figure(void)
{
    lt_plotview *p = lt_plotview_new(5, false, false);
    lt_widget *w = lt_plotview_widget(p);
    ok(lt_plotview_push(p, fig_line("Sales by month", 0.3)) == 0, "push a figure");
    ok(lt_plotview_count(p) == 1 && lt_plotview_current(p) == 0, "one figure, shown");
    lt_figure *ref = fig_line("Sales by month", 0.3);
    lt_canvas *c = draw_at(w, 60, 16);
    lt_canvas *r = render(ref, 60, 15, false, false);
    ok(holds(c, 1, r), "60 x 16: rows 1..15 are lt_render_text's 60 x 15 canvas, cell for cell");
    is_str(row_text(c, 0), " figure 1/1  Sales by month", "the title bar: position and title, no history hint");
    is_str(row_text(c, 1), "Sales by month", "the renderer's own title below");
    lt_canvas_free(c);
    lt_canvas_free(r);

    /* The same at 80 x 24, the size a workbench pane has on a big screen. */
    c = draw_at(w, 80, 24);
    r = render(ref, 80, 23, false, false);
    ok(holds(c, 1, r), "80 x 24 likewise");
    lt_canvas_free(c);
    lt_canvas_free(r);
    lt_figure_free(ref);

    /* Colours, blocks and backgrounds come through. */
    lt_plotview_push(p, fig_heat());
    ref = fig_heat();
    c = draw_at(w, 50, 14);
    r = render(ref, 50, 13, false, false);
    ok(holds(c, 1, r), "a heatmap: colours and backgrounds copied");
    lt_canvas_free(c);
    lt_canvas_free(r);
    lt_figure_free(ref);
    lt_widget_free(w);

    /* ASCII and no colour are passed to the renderer. */
    p = lt_plotview_new(5, true, true);
    w = lt_plotview_widget(p);
    lt_plotview_push(p, fig_heat());
    lt_plotview_push(p, fig_line("Sales by month", 0.3));
    ref = fig_line("Sales by month", 0.3);
    c = draw_at(w, 60, 16);
    r = render(ref, 60, 15, true, true);
    ok(holds(c, 1, r), "ASCII and mono: the renderer's ASCII canvas");
    is_str(row_text(c, 0), " figure 2/2  Sales by month                     </> history",
           "ASCII title bar");
    bool ascii = true;
    for (int x = 0; x < c->w; x++)
        ascii = ascii && cell_at(c, x, 0)->ch < 0x80;
    ok(ascii, "ASCII mode: the title bar is ASCII");
    lt_canvas_free(c);
    lt_canvas_free(r);
    lt_figure_free(ref);
    lt_widget_free(w);
}

static void test_cache(void)
{
    lt_plotview *p = lt_plotview_new(5, false, false);
    lt_widget *w = lt_plotview_widget(p);
    lt_figure *f = fig_line("cached", 0.3);
    lt_plotview_push(p, f);
    lt_canvas *before = draw_at(w, 60, 16);
    /* Change the figure behind the pane's back (it is the pane's now; the
     * test looks inside to see when it renders).  A redraw at the same
     * size copies the cached cells: the change does not show. */
    for (size_t i = 0; i < f->panels[0].layers[0].n; i++)
        f->panels[0].layers[0].y[i] = -f->panels[0].layers[0].y[i] * 3;
    lt_canvas *again = draw_at(w, 60, 16);
    ok(holds(again, 0, before), "the same size: the cached render, not a new one");
    lt_canvas_free(again);
    w->focused = true;
    again = draw_at(w, 60, 16);
    ok(holds(again, 1, (lt_canvas[]){{60, 15, before->cells + 60}}),
       "focus changes the title bar only");
    lt_canvas_free(again);

    /* Another size renders again, with the change. */
    lt_canvas *c = draw_at(w, 61, 16);
    lt_canvas *r = render(f, 61, 15, false, false);
    ok(holds(c, 1, r), "a new size: rendered again");
    lt_canvas_free(c);
    lt_canvas_free(r);
    for (size_t i = 0; i < f->panels[0].layers[0].n; i++)
        f->panels[0].layers[0].y[i] += 10;
    c = draw_at(w, 60, 16);
    r = render(f, 60, 15, false, false);
    ok(holds(c, 1, r), "back to the first size: rendered again, not an old canvas");
    lt_canvas_free(r);
    lt_canvas_free(c);

    /* Stepping away and back renders again too. */
    lt_plotview_push(p, fig_line("other", 0.5));
    f->panels[0].layers[0].y[3] = 50;
    key(w, LT_KEY_LEFT);
    c = draw_at(w, 60, 16);
    r = render(f, 60, 15, false, false);
    ok(holds(c, 1, r), "stepping back to a figure renders it anew");
    lt_canvas_free(r);
    lt_canvas_free(c);
    lt_canvas_free(before);
    lt_widget_free(w);
}

static void test_history(void)
{
    lt_plotview *p = lt_plotview_new(10, false, false);
    lt_widget *w = lt_plotview_widget(p);
    lt_plotview_push(p, fig_line("A", 0.1));
    lt_plotview_push(p, fig_line("B", 0.2));
    lt_plotview_push(p, fig_line("C", 0.3));
    ok(lt_plotview_count(p) == 3 && lt_plotview_current(p) == 2, "three figures, the newest shown");
    lt_canvas *c = draw_at(w, 40, 10);
    is_str(row_text(c, 0), " figure 3/3  C              ←/→ history", "the history hint on the right");
    ok(cell_at(c, 28, 0)->flags & LT_CELL_DIM, "the hint dim");
    lt_canvas_free(c);
    ok(key(w, LT_KEY_RIGHT) == LT_W_HANDLED, "Right on the newest: handled, no redraw");
    ok(key(w, LT_KEY_LEFT) == (LT_W_HANDLED | LT_W_REDRAW), "Left: the previous");
    ok(lt_plotview_current(p) == 1, "B");
    c = draw_at(w, 40, 10);
    lt_figure *ref = fig_line("B", 0.2);
    lt_canvas *r = render(ref, 40, 9, false, false);
    ok(holds(c, 1, r), "B drawn");
    is_str(row_text(c, 0), " figure 2/3  B              ←/→ history", "figure 2/3");
    lt_canvas_free(r);
    lt_canvas_free(c);
    lt_figure_free(ref);
    ok(key(w, '[') == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 0, "[: A");
    ok(key(w, '[') == LT_W_HANDLED && lt_plotview_current(p) == 0, "[ on the oldest: stays");
    ok(key(w, ']') == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 1, "]: B");
    ok(key(w, LT_KEY_END) == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 2, "End: C");
    ok(key(w, LT_KEY_HOME) == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 0, "Home: A");
    ok(key(w, LT_KEY_HOME) == LT_W_HANDLED, "Home on the first: no redraw");
    ok(key(w, LT_KEY_WHEEL_DOWN) == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 1,
       "wheel down: newer");
    ok(key(w, LT_KEY_WHEEL_UP) == (LT_W_HANDLED | LT_W_REDRAW) && lt_plotview_current(p) == 0,
       "wheel up: older");
    ok(key(w, 'x') == 0 && key(w, LT_KEY_UP) == 0 && key(w, LT_KEY_ENTER) == 0,
       "other keys are not handled");

    /* A push shows the new figure whatever was shown. */
    lt_plotview_push(p, fig_line("D", 0.4));
    ok(lt_plotview_current(p) == 3 && lt_plotview_count(p) == 4, "a push while looking back: D shown");

    /* Delete: the next newer takes the place, or the previous at the end. */
    key(w, LT_KEY_HOME);
    key(w, LT_KEY_RIGHT);   /* B */
    ok(key(w, LT_KEY_DELETE) == (LT_W_HANDLED | LT_W_REDRAW), "Delete B");
    ok(lt_plotview_count(p) == 3 && lt_plotview_current(p) == 1, "three left, the second shown");
    is_str(row_text((c = draw_at(w, 40, 10)), 0), " figure 2/3  C              ←/→ history", "C took B's place");
    lt_canvas_free(c);
    key(w, LT_KEY_END);
    key(w, LT_KEY_DELETE);
    ok(lt_plotview_count(p) == 2 && lt_plotview_current(p) == 1, "deleting the newest shows the one before");
    is_str(row_text((c = draw_at(w, 40, 10)), 0), " figure 2/2  C              ←/→ history", "C");
    lt_canvas_free(c);
    key(w, LT_KEY_DELETE);
    is_str(row_text((c = draw_at(w, 40, 10)), 0), " figure 1/1  A", "one left: no history hint");
    lt_canvas_free(c);
    ok(key(w, LT_KEY_DELETE) == (LT_W_HANDLED | LT_W_REDRAW), "delete the last");
    ok(lt_plotview_count(p) == 0 && lt_plotview_current(p) == -1, "none left");
    is_str(row_text((c = draw_at(w, 40, 10)), 0), " plots", "the empty pane again");
    lt_canvas_free(c);
    ok(lt_plotview_push(p, fig_line("E", 0.5)) == 0 && lt_plotview_current(p) == 0,
       "a push after that works");
    lt_widget_free(w);
}

static void test_cap(void)
{
    lt_plotview *p = lt_plotview_new(3, false, false);
    lt_widget *w = lt_plotview_widget(p);
    const char *names[] = {"f1", "f2", "f3", "f4", "f5", "f6", "f7"};
    for (int i = 0; i < 7; i++)
        ok(lt_plotview_push(p, fig_line(names[i], 0.1 * (i + 1))) == 0, "push %s", names[i]);
    ok(lt_plotview_count(p) == 3 && lt_plotview_current(p) == 2, "three kept, the newest shown");
    key(w, LT_KEY_HOME);
    lt_canvas *c = draw_at(w, 40, 8);
    is_str(row_text(c, 0), " figure 1/3  f5             ←/→ history", "the oldest kept is f5");
    lt_canvas_free(c);
    lt_widget_free(w);

    p = lt_plotview_new(0, false, false);
    w = lt_plotview_widget(p);
    lt_plotview_push(p, fig_line("one", 0.1));
    lt_plotview_push(p, fig_line("two", 0.2));
    ok(lt_plotview_count(p) == 1, "max 0 keeps one figure");
    is_str(row_text((c = draw_at(w, 40, 8)), 0), " figure 1/1  two", "the newest");
    lt_canvas_free(c);
    ok(lt_plotview_push(p, NULL) == LT_EINVAL && lt_plotview_count(p) == 1, "a NULL figure is refused");
    lt_widget_free(w);

    /* Many figures through a large cap: the array grows. */
    p = lt_plotview_new(100, false, false);
    w = lt_plotview_widget(p);
    for (int i = 0; i < 250; i++)
        lt_plotview_push(p, fig_line(NULL, 0.01 * i));
    ok(lt_plotview_count(p) == 100 && lt_plotview_current(p) == 99, "250 pushed, 100 kept");
    is_str(row_text((c = draw_at(w, 40, 8)), 0), " figure 100/100             ←/→ history", "no title");
    lt_canvas_free(c);
    lt_widget_free(w);
}

static void test_errors(void)
{
    lt_plotview *p = lt_plotview_new(5, false, false);
    lt_widget *w = lt_plotview_widget(p);
    lt_figure *f = fig_line("log", 0.3);
    f->panels[0].y.scale = LT_SCALE_LOG;
    lt_plotview_push(p, f);
    lt_canvas *c = draw_at(w, 40, 10);
    is_str(screen_text(c),
           " figure 1/1  log\n"
           "\n"
           " log y axis: 10 values are <= 0 (the\n"
           " smallest is -0.996165); a log scale\n"
           " needs positive values\n"
           "\n\n\n\n",
           "a log axis with values <= 0: the renderer's message, wrapped");
    ok((cell_at(c, 1, 2)->flags & LT_CELL_FG) && rgb_is(cell_at(c, 1, 2)->fg, LT_UI_ERROR),
       "in the error colour");
    lt_canvas_free(c);
    is_str(screen_at(w, 24, 7),
           " figure 1/1  log\n"
           "\n"
           " log y axis: 10 values\n"
           " are <= 0 (the smallest\n"
           " is -0.996165); a log\n"
           " scale needs positive\n"
           " values",
           "narrower: wrapped again");
    is_str(screen_at(w, 24, 6),
           " figure 1/1  log\n"
           "\n"
           " log y axis: 10 values\n"
           " are <= 0 (the smallest\n"
           " is -0.996165); a log\n"
           " scale needs positive",
           "lower: the message is cut at the bottom");

    lt_plotview_push(p, lt_figure_new());
    is_str(screen_at(w, 40, 8),
           " figure 2/2                 ←/→ history\n"
           "\n"
           " plot: nothing to draw (no data)\n"
           "\n\n\n\n",
           "an empty figure: the renderer's message");
    lt_widget_free(w);
}

static void test_small(void)
{
    lt_plotview *p = lt_plotview_new(5, false, false);
    lt_widget *w = lt_plotview_widget(p);
    lt_plotview_push(p, fig_line("Sales by month", 0.3));
    lt_plotview_push(p, fig_line("Second", 0.5));
    is_str(screen_at(w, 19, 7), " figure 2/2  Seco…\npane too small\n\n\n\n\n",
           "19 cells wide: too small");
    is_str(screen_at(w, 25, 5), " figure 2/2  ←/→ history\npane too small\n\n\n",
           "5 rows (4 below the title): too small; the hint before the title");
    is_str(screen_at(w, 25, 1), "pane too small", "one row: the message alone");
    is_str(screen_at(w, 10, 3), " figure …\npane too\nsmall", "10 x 3: wrapped");
    is_str(screen_at(w, 3, 2), " …\npan", "3 x 2: a margin each side of the title");
    is_str(screen_at(w, 1, 1), "p", "1 x 1");
    lt_canvas *c = draw_at(w, 20, 6);
    lt_figure *ref = fig_line("Second", 0.5);
    lt_canvas *r = render(ref, 20, 5, false, false);
    if (r)
        ok(holds(c, 1, r), "20 x 6: the smallest the renderer takes");
    else
        is_str(row_text(c, 2), lt_errmsg(), "20 x 6: the renderer's message");
    lt_canvas_free(c);
    lt_canvas_free(r);
    lt_figure_free(ref);
    c = draw_at(w, 30, 6);
    ok(strncmp(row_text(c, 1), " 1 ┤", strlen(" 1 ┤")) == 0,
       "30 x 6: the figure (the renderer leaves its title out when low)");
    lt_canvas_free(c);

    /* UTF-8 titles are cut by display width. */
    lt_plotview_push(p, fig_line("Umsätze 売上 📈 by month", 0.3));
    is_str(row_text((c = draw_at(w, 80, 10)), 0),
           " figure 3/3  Umsätze 売上 📈 by month                               ←/→ history",
           "a UTF-8 title");
    lt_canvas_free(c);
    is_str(row_text((c = draw_at(w, 40, 10)), 0), " figure 3/3  Umsätze 売上…  ←/→ history",
           "40 cells: the title cut");
    lt_canvas_free(c);
    is_str(row_text((c = draw_at(w, 41, 10)), 0), " figure 3/3  Umsätze 売上 …  ←/→ history",
           "41 cells: one more");
    lt_canvas_free(c);
    is_str(row_text((c = draw_at(w, 37, 10)), 0), " figure 3/3  Umsätze …   ←/→ history",
           "37 cells: … where a wide character does not fit");
    lt_canvas_free(c);
    lt_widget_free(w);
}

/* Every size in a grid from 1 x 1 to 200 x 60: the title bar within the
 * width, and below it the renderer's canvas, its message, or "pane too
 * small". */
static void test_sizes(void)
{
    static const int ws[] = {1, 2, 3, 5, 10, 19, 20, 21, 33, 40, 80, 133, 200};
    static const int hs[] = {1, 2, 3, 5, 6, 7, 12, 24, 60};
    for (int mode = 0; mode < 2; mode++) {
        lt_plotview *p = lt_plotview_new(2, mode == 1, mode == 1);
        lt_widget *w = lt_plotview_widget(p);
        lt_plotview_push(p, fig_heat());
        lt_plotview_push(p, fig_line("Sales by month, a long title of the figure", 0.3));
        lt_figure *ref = fig_line("Sales by month, a long title of the figure", 0.3);
        int good = 0, n = 0;
        for (size_t a = 0; a < sizeof ws / sizeof *ws; a++)
            for (size_t b = 0; b < sizeof hs / sizeof *hs; b++) {
                int W = ws[a], H = hs[b];
                lt_canvas *c = draw_at(w, W, H);
                bool fine = lt_text_width(row_text(c, 0)) <= W;
                if (W >= 20 && H >= 6) {
                    lt_canvas *r = render(ref, W, H - 1, mode == 1, mode == 1);
                    fine = fine && (r ? holds(c, 1, r) : strncmp(row_text(c, 2) + 1, lt_errmsg(), 5) == 0);
                    lt_canvas_free(r);
                } else {
                    const char *m = row_text(c, H > 1);   /* wrapped: the first row */
                    fine = fine && *m && strncmp(m, "pane too small", strlen(m)) == 0;
                }
                if (!fine)
                    printf("# %d x %d:\n%s\n", W, H, screen_text(c));
                good += fine;
                n++;
                lt_canvas_free(c);
            }
        ok(good == n, "%s: %d of %d sizes as expected", mode ? "ASCII, mono" : "Unicode, colour", good, n);
        lt_figure_free(ref);
        lt_widget_free(w);
    }
}

int main(void)
{
    test_empty();
    test_figure();
    test_cache();
    test_history();
    test_cap();
    test_errors();
    test_small();
    test_sizes();
    return tap_done();
}
