/* The grid when memory runs out: the k-th malloc/calloc/realloc fails,
 * for every k, through a session of every action (sort, frequency,
 * Enter, describe, summary, filter, search, drawing).  The grid must
 * never crash, leak nothing (run under ASan) and stay usable (at least
 * one sheet, a frame to draw).
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc. */
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "tap.h"
#include "cells.h"
#include "error.h"
#include "grid.h"

static lt_frame *make_frame(void)
{
    static const char *const s[] = {"b", "a", "b", NULL, "c"};
    double x[] = {1.5, 2, 0.0 / 0.0, 4, 5};
    int64_t k[] = {3, 1, 2, 2, 1};
    lt_frame *f = lt_frame_new();
    lt_col *c1 = lt_col_from_strs(s, NULL, 5), *c2 = lt_col_from_f64(x, 5),
           *c3 = lt_col_from_i64(k, NULL, 5);
    lt_frame_add(f, "s", c1);
    lt_frame_add(f, "x", c2);
    lt_frame_add(f, "k", c3);
    lt_col_unref(c1);
    lt_col_unref(c2);
    lt_col_unref(c3);
    return f;
}

/* A session; returns the number of records taken. */
static int session(lt_grid *g, lt_canvas *c)
{
    static const int keys[] = {
        '[', 'F', LT_KEY_ENTER, 'q', 'q', 'l', ']', 'I', 'j', LT_KEY_ENTER, 's', 'x', 'S',
        'f', LT_KEY_ENTER, 'q', '/', 'b', LT_KEY_ENTER, 'n', 'N', 'l', 's', 'x', 'F',
        LT_KEY_ENTER, 'G', 'q', 'q', 'f', 'x', '>', '1', LT_KEY_ENTER, '$', '[', 'F', 'q'
    };
    lt_widget *w = lt_grid_widget(g);
    int records = 0;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        lt_key_event ev = {.key = keys[i]};
        int r = lt_widget_key(w, &ev);
        char *rec = lt_grid_take_record(g);
        if ((r & LT_W_ACTION) && rec)
            records++;
        free(rec);
        canvas_clear(c);
        lt_widget_draw(w, c);
    }
    return records;
}

int main(void)
{
    lt_frame *f = make_frame();
    lt_canvas *c = lt_canvas_new(60, 12);
    lt_grid *g = lt_grid_new(f, "df", NULL);
    lt_widget_resize(lt_grid_widget(g), 60, 12);
    int want = session(g, c);
    lt_widget_free(lt_grid_widget(g));
    ok(want >= 8, "the session records its actions (%d)", want);

    int bad_new = 0, bad_state = 0, runs = 0, fewer = 0;
    for (long k = 0;; k++) {
        failed = 0;
        countdown = k;
        lt_clearerr();
        g = lt_grid_new(f, "df", NULL);
        int got = -1;
        if (g) {
            lt_widget_resize(lt_grid_widget(g), 60, 12);
            got = session(g, c);
        } else if (lt_errcode() != LT_ENOMEM) {
            bad_new++;
        }
        countdown = -1;
        if (g) {
            /* still usable once memory is back */
            if (lt_grid_depth(g) < 1 || !lt_grid_frame(g) || !lt_grid_expr(g))
                bad_state++;
            canvas_clear(c);
            lt_widget_draw(lt_grid_widget(g), c);
            lt_widget_free(lt_grid_widget(g));
        }
        runs++;
        if (!failed)
            break;
        fewer += got >= 0 && got < want;
    }
    ok(runs > 200, "every allocation of the session failed once (%d runs)", runs);
    is_int(bad_new, 0, "lt_grid_new fails with LT_ENOMEM only");
    is_int(bad_state, 0, "after any failure the grid still has a sheet to draw");
    ok(fewer > 0, "failures cost actions (%d runs recorded fewer)", fewer);
    lt_canvas_free(c);
    lt_frame_free(f);
    return tap_done();
}
