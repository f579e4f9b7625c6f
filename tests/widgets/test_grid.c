/* The frame grid: screens drawn for small frames and the telco data,
 * keys (moves, sort, search, filter, frequency, describe, summary, mouse),
 * the Lua recorded for each action, errors, UTF-8 widths, tiny sizes and
 * a frame of two million rows.  Expected counts are computed here from
 * the data, independently of the kernels the grid calls. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "cells.h"
#include "colbuild.h"
#include "csv.h"
#include "error.h"
#include "grid.h"

#define DAY INT64_C(86400000000)

/* ---- helpers ------------------------------------------------------------ */

typedef struct view {
    lt_grid *g;
    lt_widget *w;
    lt_canvas *c;
} view;

static view open_view(const lt_frame *f, const char *expr, const lt_grid_opts *o, int w, int h)
{
    view v = {0};
    v.g = lt_grid_new(f, expr, o);
    if (!v.g)
        printf("# lt_grid_new: %s\n", lt_errmsg());
    v.w = lt_grid_widget(v.g);
    v.c = lt_canvas_new(w, h);
    lt_widget_resize(v.w, w, h);
    return v;
}

static void close_view(view *v)
{
    lt_widget_free(v->w);
    lt_canvas_free(v->c);
}

static void resize(view *v, int w, int h)
{
    lt_canvas_free(v->c);
    v->c = lt_canvas_new(w, h);
    lt_widget_resize(v->w, w, h);
}

static void draw(view *v)
{
    canvas_clear(v->c);
    lt_widget_draw(v->w, v->c);
}

static int press(view *v, int k)
{
    lt_key_event ev = {.key = k};
    return lt_widget_key(v->w, &ev);
}

static int mouse(view *v, int k, int x, int y)
{
    lt_key_event ev = {.key = k, .x = x, .y = y};
    return lt_widget_key(v->w, &ev);
}

static void type(view *v, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n)
        press(v, (int)lt_text_decode(s, n, &i));
}

/* Erase the prompt's text and type s. */
static void retype(view *v, const char *s)
{
    press(v, LT_CTRL('u'));
    press(v, LT_KEY_END);
    press(v, LT_CTRL('k'));
    type(v, s);
}

static int64_t cur_row(const view *v)
{
    int64_t r;
    lt_grid_cursor(v->g, &r, NULL);
    return r;
}

static int cur_col(const view *v)
{
    int c;
    lt_grid_cursor(v->g, NULL, &c);
    return c;
}

/* The recorded line, taken (NULL when none). */
static char *take(view *v)
{
    return lt_grid_take_record(v->g);
}

static void record_is(view *v, const char *want, const char *what)
{
    char *r = take(v);
    is_str(r, want, "%s", what);
    free(r);
}

static void add(lt_frame *f, const char *name, lt_col *c)
{
    if (lt_frame_add(f, name, c) < 0)
        printf("# lt_frame_add(%s): %s\n", name, lt_errmsg());
}

static void row_is(view *v, int y, const char *want, const char *what)
{
    is_str(row_text(v->c, y), want, "%s", what);
}

/* The column of the first cell of row y showing character ch at or after x0. */
static int find_x(const lt_canvas *c, int y, uint32_t ch, int x0)
{
    for (int x = x0; x < c->w; x++)
        if (cell_at(c, x, y)->ch == ch)
            return x;
    return -1;
}

static lt_frame *telco(void)
{
    lt_frame *f = lt_csv_read(EXAMPLES_DIR "/data/telco_churn.csv", NULL);
    if (!f)
        printf("# telco: %s\n", lt_errmsg());
    return f;
}

/* ---- a small frame, drawn --------------------------------------------- */

/* id <i64>, x <f64>, word <str>, ok <bool>, day <date>, with a missing
 * value in each. */
static lt_frame *small(void)
{
    lt_frame *f = lt_frame_new();
    add(f, "id", ci(5, (int64_t[]){1, 22, 333, 4444, 0}, "....x"));
    add(f, "x", cf(5, (double[]){1.5, 29.85, NA, 1234.5, 3}));
    add(f, "word", cs(5, (const char *[]){"alpha", NULL, "gamma", "delta", "eps"}));
    add(f, "ok", cb("TFNTF"));
    add(f, "day", ct(5, (int64_t[]){0, DAY, 2 * DAY, 0, 19000 * DAY}, ".x...", LT_DATE));
    return f;
}

static void test_small_screen(void)
{
    lt_frame *f = small();
    view v = open_view(f, "df", NULL, 50, 9);
    draw(&v);
    is_screen(v.c,
              "     id       x word  ok     day\n"
              "  <i64>   <f64> <str> <bool> <date>\n"
              "1     1    1.50 alpha true   1970-01-01\n"
              "2    22   29.85 NA    false  NA\n"
              "3   333      NA gamma NA     1970-01-03\n"
              "4  4444 1234.50 delta true   1970-01-01\n"
              "5    NA    3.00 eps   false  2022-01-08\n"
              "\n"
              "df   [ ] sort  / search           row 1/5  col 1/5",
              "a small frame: names, types, row numbers, numbers right-aligned on the point");
    /* attributes */
    const lt_cell *h = cell_at(v.c, 6, 0);   /* the d of "id" */
    ok(h->ch == 'd' && (h->flags & LT_CELL_BOLD) && (h->flags & LT_CELL_FG) &&
       rgb_is(h->fg, LT_UI_ACCENT), "the current column's name: bold, accent");
    h = cell_at(v.c, 14, 0);
    ok(h->ch == 'x' && (h->flags & LT_CELL_BOLD) && !rgb_is(h->fg, LT_UI_ACCENT),
       "another name: bold, not accent");
    ok((cell_at(v.c, 3, 1)->flags & LT_CELL_DIM) != 0, "the type row is dim");
    ok((cell_at(v.c, 0, 2)->flags & LT_CELL_BOLD) && (cell_at(v.c, 0, 3)->flags & LT_CELL_DIM),
       "the cursor's row number bold, others dim");
    ok((cell_at(v.c, 2, 2)->flags & LT_CELL_REVERSE) && (cell_at(v.c, 6, 2)->flags & LT_CELL_REVERSE) &&
       !(cell_at(v.c, 7, 2)->flags & LT_CELL_REVERSE) && !(cell_at(v.c, 1, 2)->flags & LT_CELL_REVERSE),
       "the current cell in reverse video, its width exactly");
    ok((cell_at(v.c, 30, 2)->flags & LT_CELL_BG) && rgb_is(cell_at(v.c, 30, 2)->bg, LT_UI_SELECT_BG) &&
       !(cell_at(v.c, 30, 3)->flags & LT_CELL_BG), "the cursor row has the selection background");
    ok(cell_at(v.c, 14, 4)->ch == 'A' && (cell_at(v.c, 14, 4)->flags & LT_CELL_DIM), "NA is dim");
    ok((cell_at(v.c, 14, 2)->flags & LT_CELL_DIM) && !(cell_at(v.c, 13, 2)->flags & LT_CELL_DIM),
       "the zero added to 1.5 is dim, its digits not");
    ok(cell_at(v.c, 0, 8)->flags & LT_CELL_BOLD, "the expression in the status row is bold");
    ok(lt_widget_cursor(v.w, &(int){0}, &(int){0}) == false, "no terminal cursor without a prompt");

    /* moving: the cursor cell follows */
    is_int(press(&v, LT_KEY_DOWN), LT_W_HANDLED | LT_W_REDRAW, "Down: handled, redraw");
    press(&v, 'l');
    press(&v, 'l');
    draw(&v);
    ok((cell_at(v.c, 16, 3)->flags & LT_CELL_REVERSE) && (cell_at(v.c, 20, 3)->flags & LT_CELL_REVERSE) &&
       !(cell_at(v.c, 21, 3)->flags & LT_CELL_REVERSE), "row 2, column word in reverse");
    row_is(&v, 8, "df   [ ] sort  / search           row 2/5  col 3/5", "status: row 2, col 3");
    press(&v, '$');
    is_int(cur_col(&v), 4, "$: the last column");
    press(&v, '^');
    is_int(cur_col(&v), 0, "^: the first column");
    press(&v, 'G');
    is_int((int)cur_row(&v), 4, "G: the last row");
    press(&v, 'g');
    is_int((int)cur_row(&v), 0, "g: the first row");
    press(&v, LT_KEY_END);
    is_int((int)cur_row(&v), 4, "End: the last row");
    press(&v, LT_KEY_HOME);
    is_int((int)cur_row(&v), 0, "Home: the first row");
    press(&v, 'k');
    press(&v, 'h');
    is_int((int)cur_row(&v), 0, "k at the top stays");
    is_int(cur_col(&v), 0, "h at the left stays");
    press(&v, LT_KEY_PGDN);
    is_int((int)cur_row(&v), 4, "PgDn past the end stops on the last row");
    press(&v, LT_KEY_PGUP);
    is_int((int)cur_row(&v), 0, "PgUp back to the first");
    is_int(press(&v, 'x'), 0, "an unbound key is not handled");
    is_int(press(&v, LT_KEY_ENTER), 0, "Enter on a rows sheet is not handled");
    ok(take(&v) == NULL, "moving records nothing");
    is_int(press(&v, 'q'), LT_W_HANDLED | LT_W_CLOSE, "q on the first sheet closes");
    is_int(press(&v, LT_KEY_ESC), LT_W_HANDLED | LT_W_CLOSE, "Esc too");

    /* narrower: the cursor's column scrolls into view, the last column is cut */
    resize(&v, 24, 6);
    draw(&v);
    is_screen(v.c,
              "     id       x word  ok\n"
              "  <i64>   <f64> <str> <…\n"
              "1     1    1.50 alpha t…\n"
              "2    22   29.85 NA    f…\n"
              "3   333      NA gamma NA\n"
              "df      row 1/5  col 1/5",
              "24 x 6: the last column cut with …");
    press(&v, '$');
    draw(&v);
    is_screen(v.c,
              "  ok     day\n"
              "  <bool> <date>\n"
              "1 true   1970-01-01\n"
              "2 false  NA\n"
              "3 NA     1970-01-03\n"
              "df      row 1/5  col 5/5",
              "$ scrolls sideways (word would not fit beside), row numbers stay");
    press(&v, 'G');
    draw(&v);
    row_is(&v, 2, "3 NA     1970-01-03", "G scrolls down: rows 3..5");
    row_is(&v, 4, "5 false  2022-01-08", "the last row at the bottom");
    close_view(&v);
    lt_frame_free(f);
    drain();
}

/* The summary box of numbers (quartiles by R's type 7 worked by hand),
 * bools and dates, and the frequencies of a date column. */
static void test_small_summary(void)
{
    lt_frame *f = small();
    view v = open_view(f, "df", NULL, 50, 16);
    press(&v, 'l');
    press(&v, 's');
    draw(&v);
    is_screen(v.c,
              "     id       x word  ok     day\n"
              "  <i64>   <f6 ┌ x <f64> ──────────┐\n"
              "1     1    1. │ count           4 │ -01\n"
              "2    22   29. │ missing         1 │\n"
              "3   333       │ unique          4 │ -03\n"
              "4  4444 1234. │ mean     317.2125 │ -01\n"
              "5    NA    3. │ sd       611.6637 │ -08\n"
              "              │ min           1.5 │\n"
              "              │ 25%         2.625 │\n"
              "              │ 50%        16.425 │\n"
              "              │ 75%      331.0125 │\n"
              "              │ max        1234.5 │\n"
              "              └───────────────────┘\n"
              "\n"
              "\n"
              "df   [ ] sort  / search           row 1/5  col 2/5",
              "summary of a f64 column: mean 1268.85 / 4, quartiles 2.625, 16.425, 331.0125");
    press(&v, 'x');
    press(&v, 'l');
    press(&v, 'l');
    press(&v, 's');
    draw(&v);
    row_is(&v, 3, "2    22   2 ┌ ok <bool> ────────────┐", "a bool column's box");
    row_is(&v, 7, "            │ mean              0.5 │", "the share of true");
    row_is(&v, 9, "            │ true        2   40.0% │", "top values: true and false, tied,");
    row_is(&v, 10, "            │ false       2   40.0% │", "in order of appearance");
    press(&v, 'x');
    press(&v, 'l');
    press(&v, 's');
    draw(&v);
    row_is(&v, 3, "2    22   2 │ unique               3 │", "dates: unique");
    row_is(&v, 4, "3   333     │ min         1970-01-01 │", "dates: min as a date");
    row_is(&v, 6, "5    NA     │ 50%         1970-01-02 │", "the median of 0, 0, 2, 19000 days");
    row_is(&v, 7, "            │ 75%         1983-01-04 │", "the third quartile, 4751.5 days");
    row_is(&v, 10, "            │ 1970-01-01   2   40.0% │", "the most frequent date");
    press(&v, 'x');
    press(&v, 'F');
    record_is(&v, "view(df.day:counts())", "F on a date column");
    draw(&v);
    row_is(&v, 2, "1 1970-01-01     2   40.00 ███████████████████████", "counts of dates");
    row_is(&v, 3, "2 NA             1   20.00 ███████████▌", "NA among them, by first appearance");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(df:filter\"day == '1970-01-01'\")", "Enter on a date: its ISO text");
    is_int(lt_grid_frame(v.g)->nrow, 2, "the two rows of that day");
    close_view(&v);
    lt_frame_free(f);
    drain();
}

/* ---- the telco data ---------------------------------------------------- */

static int64_t count_str(const lt_frame *f, const char *col, const char *value)
{
    const lt_col *c = lt_frame_col(f, col);
    int64_t n = 0;
    for (int64_t i = 0; i < c->n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        n += s && strcmp(s, value) == 0;
    }
    return n;
}

static void test_telco_screen(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    draw(&v);
    row_is(&v, 0, "     churn female senior_citizen partner dependents tenure phone_service multip…",
           "80x24: the header, the last name cut");
    row_is(&v, 1, "     <str>  <i64>          <i64>   <i64>      <i64>  <i64>         <i64> <str>",
           "the type row");
    row_is(&v, 2, "   1 No         1              0       1          0      1             0 No pho…",
           "the first row");
    row_is(&v, 3, "   2 No         0              0       0          0     34             1 No",
           "the second row");
    row_is(&v, 22, "  21 Yes        0              1       0          0      1             0 No pho…",
           "21 rows of data");
    row_is(&v, 23, "churn   [ ] sort  / search  f filter  F freq  I describe    row 1/7043  col 1/20",
           "the status row: expression, hints, position");
    press(&v, '$');
    draw(&v);
    row_is(&v, 0, "     paperless_billing payment_method            monthly_charges total_charges",
           "the last columns");
    row_is(&v, 2, "   1                 1 Electronic check                    29.85         29.85",
           "monthly and total charges");
    row_is(&v, 3, "   2                 0 Mailed check                        56.95       1889.50",
           "1889.5 with a dimmed zero, on the point");
    press(&v, 'G');
    draw(&v);
    row_is(&v, 22, "7043                 1 Bank transfer (automatic)          105.65       6844.50",
           "G: the last row");
    row_is(&v, 23, "churn   [ ] sort  / search  f filter  F freq            row 7043/7043  col 20/20",
           "the status row at the end: fewer hints for a longer position");
    close_view(&v);
}

/* Stable order of rows by an i64 column (desc or not), for checking sort. */
static const int64_t *sort_vals;
static int sort_sign;
static int cmp_rows(const void *a, const void *b)
{
    int64_t i = *(const int64_t *)a, j = *(const int64_t *)b;
    if (sort_vals[i] != sort_vals[j])
        return (sort_vals[i] < sort_vals[j] ? -1 : 1) * sort_sign;
    return i < j ? -1 : 1;
}

static void test_telco_sort(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    for (int i = 0; i < 5; i++)
        press(&v, 'l');
    is_int(press(&v, '['), LT_W_HANDLED | LT_W_REDRAW | LT_W_ACTION, "[ sorts and has an action");
    record_is(&v, "view(churn:sort\"tenure\")", "[ records churn:sort\"tenure\"");
    ok(take(&v) == NULL, "a record is taken once");
    is_str(lt_grid_expr(v.g), "churn:sort\"tenure\"", "the sheet's expression");
    is_int(lt_grid_depth(v.g), 1, "sorting pushes no sheet");
    const lt_frame *s = lt_grid_frame(v.g);
    const lt_col *orig = lt_frame_col(churn, "tenure");
    int64_t n = churn->nrow, *idx = malloc((size_t)n * sizeof *idx);
    for (int64_t i = 0; i < n; i++)
        idx[i] = i;
    sort_vals = lt_col_i64(orig);
    sort_sign = 1;
    qsort(idx, (size_t)n, sizeof *idx, cmp_rows);
    /* the customer's monthly charges identify rows: the stable order keeps them */
    const double *mc = lt_col_f64(lt_frame_col(churn, "monthly_charges"));
    const double *smc = lt_col_f64(lt_frame_col(s, "monthly_charges"));
    int64_t bad = 0;
    for (int64_t i = 0; i < n; i++)
        bad += smc[i] != mc[idx[i]];
    is_int(bad, 0, "ascending, stable: every row where a stable sort puts it");
    draw(&v);
    row_is(&v, 2, "   1 No         1              0       1          1      0             0 No pho…",
           "tenure 0 first");
    row_is(&v, 23, "churn:sort\"tenure\"   [ ] sort  / search  f filter  F freq   row 1/7043  col 6/20",
           "the status shows the sort");
    press(&v, ']');
    record_is(&v, "view(churn:sort(desc\"tenure\"))", "] records desc\"tenure\", replacing the sort");
    s = lt_grid_frame(v.g);
    smc = lt_col_f64(lt_frame_col(s, "monthly_charges"));
    sort_sign = -1;
    qsort(idx, (size_t)n, sizeof *idx, cmp_rows);
    bad = 0;
    for (int64_t i = 0; i < n; i++)
        bad += smc[i] != mc[idx[i]];
    is_int(bad, 0, "descending, stable");
    draw(&v);
    row_is(&v, 2, "   1 No         0              0       1          0     72             1 Yes",
           "tenure 72 first");
    press(&v, 'l');
    press(&v, '[');
    record_is(&v, "view(churn:sort\"phone_service\")", "another column's sort replaces the first");
    free(idx);
    close_view(&v);
}

static void test_telco_filter(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    int contract = lt_frame_index(churn, "contract");
    for (int i = 0; i < contract; i++)
        press(&v, 'l');
    press(&v, 'j');   /* row 2: One year */
    is_int(press(&v, 'f'), LT_W_HANDLED | LT_W_REDRAW, "f opens the prompt");
    draw(&v);
    row_is(&v, 23, "filter: contract == 'One year'", "prefilled with the current cell");
    int cx = -1, cy = -1;
    ok(lt_widget_cursor(v.w, &cx, &cy) && cx == 30 && cy == 23, "the terminal cursor at the prompt's end");
    is_int(press(&v, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW | LT_W_ACTION, "Enter filters");
    is_int(lt_grid_depth(v.g), 2, "a sheet is pushed");
    int64_t want = count_str(churn, "contract", "One year");
    is_int(want, 1473, "One year contracts, counted here");
    is_int(lt_grid_frame(v.g)->nrow, want, "the filtered rows");
    record_is(&v, "view(churn:filter\"contract == 'One year'\")", "the filter's Lua");
    is_int(cur_col(&v), contract, "the cursor stays on the column");
    /* filter the filtered: a typed condition, then a sort */
    press(&v, 'f');
    retype(&v, "tenure > 12");
    press(&v, LT_KEY_ENTER);
    const lt_col *ten = lt_frame_col(churn, "tenure"), *con = lt_frame_col(churn, "contract");
    int64_t want2 = 0;
    for (int64_t i = 0; i < churn->nrow; i++) {
        const char *s = lt_col_get_str(con, i, NULL);
        want2 += lt_col_i64(ten)[i] > 12 && strcmp(s, "One year") == 0;
    }
    is_int(lt_grid_frame(v.g)->nrow, want2, "tenure > 12 among them");
    record_is(&v, "view(churn:filter\"contract == 'One year'\":filter\"tenure > 12\")",
              "filters chain");
    press(&v, '$');
    press(&v, 'h');
    press(&v, ']');
    record_is(&v, "view(churn:filter\"contract == 'One year'\":filter\"tenure > 12\":sort(desc\"monthly_charges\"))",
              "a sort after filters");
    draw(&v);
    row_is(&v, 23, "churn:filter\"contract == 'One year'\":filter\"tenure > 12\"…  row 1/1349  col 19/20",
           "a long expression is cut before the position");
    press(&v, 'q');
    press(&v, 'q');
    is_int(lt_grid_depth(v.g), 1, "q pops back");
    is_int(lt_grid_frame(v.g)->nrow, churn->nrow, "to all the rows");

    /* errors: a red message, nothing pushed */
    press(&v, 'f');
    retype(&v, "tenure >");
    is_int(press(&v, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW, "a bad filter: no action");
    is_int(lt_grid_depth(v.g), 1, "nothing pushed");
    ok(take(&v) == NULL, "nothing recorded");
    draw(&v);
    row_is(&v, 23, "filter: syntax error at column 9: expected an expression…  row 2/7043  col 16/20",
           "the parse error, first line");
    ok(rgb_is(cell_at(v.c, 0, 23)->fg, LT_UI_ERROR) && (cell_at(v.c, 0, 23)->flags & LT_CELL_FG),
       "in red");
    press(&v, 'j');
    draw(&v);
    row_is(&v, 23, "churn   [ ] sort  / search  f filter  F freq  I describe   row 3/7043  col 16/20",
           "the next key clears the message");
    press(&v, 'f');
    retype(&v, "tenur > 3");
    press(&v, LT_KEY_ENTER);
    draw(&v);
    row_is(&v, 23, "filter: column 'tenur' not found (did you mean 'tenure'?)  row 3/7043  col 16/20",
           "an unknown column, with a suggestion");
    press(&v, 'f');
    retype(&v, "tenure + 1");
    press(&v, LT_KEY_ENTER);
    is_int(lt_grid_depth(v.g), 1, "a condition that is not bool pushes nothing");
    press(&v, 'f');
    press(&v, LT_KEY_ESC);
    is_int(lt_grid_depth(v.g), 1, "Esc cancels the prompt");
    ok(take(&v) == NULL, "and records nothing");
    is_int(press(&v, 'q'), LT_W_HANDLED | LT_W_CLOSE, "the prompt is gone: q closes");
    close_view(&v);
}

static void test_telco_freq(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 8);
    int contract = lt_frame_index(churn, "contract");
    for (int i = 0; i < contract; i++)
        press(&v, 'l');
    is_int(press(&v, 'F'), LT_W_HANDLED | LT_W_REDRAW | LT_W_ACTION, "F pushes the frequency sheet");
    record_is(&v, "view(churn.contract:counts())", "F records counts()");
    is_int(lt_grid_depth(v.g), 2, "two sheets");
    int64_t m = count_str(churn, "contract", "Month-to-month"), t = count_str(churn, "contract", "Two year"),
            o = count_str(churn, "contract", "One year");
    const lt_frame *fr = lt_grid_frame(v.g);
    ok(fr->nrow == 3 && lt_col_i64(fr->cols[1])[0] == m && lt_col_i64(fr->cols[1])[1] == t &&
       lt_col_i64(fr->cols[1])[2] == o, "counts %" PRId64 ", %" PRId64 ", %" PRId64 ", most frequent first", m, t, o);
    draw(&v);
    char want[3][200];
    snprintf(want[0], sizeof want[0], "1 Month-to-month  %" PRId64 "   %.2f ", m, 100.0 * m / 7043);
    snprintf(want[1], sizeof want[1], "2 Two year        %" PRId64 "   %.2f ", t, 100.0 * t / 7043);
    snprintf(want[2], sizeof want[2], "3 One year        %" PRId64 "   %.2f ", o, 100.0 * o / 7043);
    is_screen(v.c,
              "  value              n percent\n"
              "  <str>          <i64>\n"
              "1 Month-to-month  3875   55.02 ████████████████████████████████████████\n"
              "2 Two year        1695   24.07 █████████████████▌\n"
              "3 One year        1473   20.91 ███████████████▎\n"
              "\n"
              "\n"
              "churn.contract:counts()   Enter rows  [ ] sort  / search        row 1/3  col 1/2",
              "the frequency sheet: counts, percents, bars");
    for (int k = 0; k < 3; k++)
        ok(strncmp(row_text(v.c, 2 + k), want[k], strlen(want[k])) == 0, "row %d: count and percent as computed here", k + 1);
    /* bars: 40 cells for the largest, the others in proportion (eighths) */
    is_int(find_x(v.c, 2, ' ', 31) - 31, 40, "the longest bar is 40 cells");
    ok(rgb_is(cell_at(v.c, 31, 2)->fg, LT_UI_ACCENT), "bars in the accent colour");
    press(&v, 'j');
    press(&v, 'j');
    is_int(press(&v, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW | LT_W_ACTION, "Enter on a value filters");
    record_is(&v, "view(churn:filter\"contract == 'One year'\")", "Enter records the filter of the rows");
    is_int(lt_grid_depth(v.g), 3, "pushed over the frequency sheet");
    is_int(lt_grid_frame(v.g)->nrow, o, "the One year rows");
    is_int(cur_col(&v), contract, "on the counted column");
    press(&v, 'q');
    is_int(lt_grid_depth(v.g), 2, "q: back to the frequencies");
    /* sort the frequency sheet, then Enter still filters by the value */
    press(&v, 'l');
    press(&v, '[');
    record_is(&v, "view(churn.contract:counts():sort\"n\")", "sorting the frequency sheet");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(churn:filter\"contract == 'One year'\")", "the smallest count first now");
    press(&v, 'q');
    /* a filter of the frequency sheet is one too: Enter still filters the rows */
    press(&v, 'f');
    retype(&v, "n > 1500");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(churn.contract:counts():sort\"n\":filter\"n > 1500\")", "filtering the frequencies");
    is_int(lt_grid_frame(v.g)->nrow, 2, "two values over 1500");
    draw(&v);
    row_is(&v, 2, "1 Two year        1695   24.07 █████████████████▌", "bars keep their scale");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(churn:filter\"contract == 'Two year'\")", "Enter filters the rows below");
    is_int(lt_grid_frame(v.g)->nrow, t, "the Two year rows");
    is_int(lt_grid_depth(v.g), 4, "rows, frequencies, filtered frequencies, rows");
    press(&v, 'q');
    press(&v, 'q');
    press(&v, 'q');
    press(&v, 'q');
    is_int(lt_grid_depth(v.g), 1, "back to the rows");
    /* frequencies of a sorted sheet, and of a column with many values */
    press(&v, 'h');
    press(&v, '[');
    free(take(&v));
    press(&v, 'F');
    record_is(&v, "view(churn:sort\"streaming_movies\".streaming_movies:counts())",
              "frequencies of a sorted sheet keep the sort in the Lua");
    press(&v, 'q');
    press(&v, '$');
    press(&v, 'F');
    free(take(&v));
    is_int(lt_grid_frame(v.g)->nrow, 6531, "total_charges: 6530 values and NA");
    press(&v, '/');
    type(&v, "na");
    press(&v, LT_KEY_ENTER);
    is_int(lt_col_i64(lt_grid_frame(v.g)->cols[1])[cur_row(&v)], 11, "missing values are one row NA, 11 of them");
    draw(&v);
    ok(strstr(row_text(v.c, 2 + (int)cur_row(&v)), "NA    11    0.16 ████████████████████████████████████████") != NULL,
       "NA, its count, percent and bar");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(churn:sort\"streaming_movies\":filter\"is_na(total_charges)\")", "Enter on NA: is_na");
    is_int(lt_grid_frame(v.g)->nrow, 11, "the 11 rows without total charges");
    close_view(&v);
}

static void test_telco_describe(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    is_int(press(&v, 'I'), LT_W_HANDLED | LT_W_REDRAW | LT_W_ACTION, "I pushes the describe sheet");
    record_is(&v, "view(churn:describe())", "I records describe()");
    const lt_frame *d = lt_grid_frame(v.g);
    ok(d->nrow == 20 && d->ncol == 14, "one row per column, 14 statistics");
    draw(&v);
    row_is(&v, 0, "   column            type  count missing         mean          std   min    q25",
           "the describe header");
    row_is(&v, 7, " 6 tenure            i64    7043       0   32.3711500   24.5594800  0.00   9.00",
           "tenure's statistics");
    row_is(&v, 23, "churn:describe()   Enter column  [ ] sort  / search           row 1/20  col 1/14",
           "describe hints");
    for (int i = 0; i < 5; i++)
        press(&v, 'j');
    is_int(press(&v, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW, "Enter on a column: no action");
    is_int(lt_grid_depth(v.g), 1, "back to the rows");
    is_int(cur_col(&v), lt_frame_index(churn, "tenure"), "on that column");
    /* describe of a filtered sheet; Enter after sorting the describe sheet */
    press(&v, 'f');
    retype(&v, "churn == 'Yes'");
    press(&v, LT_KEY_ENTER);
    free(take(&v));
    press(&v, 'I');
    record_is(&v, "view(churn:filter\"churn == 'Yes'\":describe())", "describe of a filtered sheet");
    is_int(lt_col_i64(lt_frame_col(lt_grid_frame(v.g), "count"))[0], count_str(churn, "churn", "Yes"),
           "its counts are the filtered rows");
    for (int i = 0; i < 4; i++)
        press(&v, 'l');
    press(&v, ']');   /* by mean, descending: tenure first */
    record_is(&v, "view(churn:filter\"churn == 'Yes'\":describe():sort(desc\"mean\"))", "sorted describe");
    press(&v, 'g');
    press(&v, LT_KEY_ENTER);
    is_int(lt_grid_depth(v.g), 2, "Enter goes to the sheet described");
    is_int(cur_col(&v), lt_frame_index(churn, "total_charges"), "the column with the largest mean");
    close_view(&v);
}

static void test_telco_search(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    int pm = lt_frame_index(churn, "payment_method");
    const lt_col *c = lt_frame_col(churn, "payment_method");
    for (int i = 0; i < pm; i++)
        press(&v, 'l');
    /* the rows whose value holds "MAILED" in any case, found here */
    int64_t hits[8], nh = 0, total = 0;
    for (int64_t i = 0; i < c->n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        if (strstr(s, "Mailed")) {
            if (nh < 8)
                hits[nh++] = i;
            total++;
        }
    }
    ok(nh == 8 && total > 8, "mailed checks in the data");
    press(&v, '/');
    draw(&v);
    row_is(&v, 23, "/", "the search prompt");
    type(&v, "MAILED");
    is_int(press(&v, LT_KEY_ENTER), LT_W_HANDLED | LT_W_REDRAW, "Enter searches");
    is_int(cur_row(&v), hits[0], "the first match, ignoring case");
    ok(take(&v) == NULL, "a search records nothing");
    press(&v, 'n');
    is_int(cur_row(&v), hits[1], "n: the next");
    press(&v, 'n');
    press(&v, 'n');
    is_int(cur_row(&v), hits[3], "n n: two on");
    press(&v, 'N');
    is_int(cur_row(&v), hits[2], "N: back one");
    press(&v, 'g');
    draw(&v);
    int px = (int)(strstr(row_text(v.c, 0), "payment_method") - row_text(v.c, 0));
    ok(hits[0] > 0 && hits[0] < 21, "the first match is on the first screen, not on the first row");
    ok(rgb_is(cell_at(v.c, px, 2 + (int)hits[0])->bg, LT_UI_MATCH_BG), "a match on screen is marked");
    ok(rgb_is(cell_at(v.c, px, 2)->bg, LT_UI_SELECT_BG), "a non-match is not (the cursor row)");
    int other = hits[0] + 1 == hits[1] ? (int)hits[1] + 1 : (int)hits[0] + 1;
    ok(!(cell_at(v.c, px, 2 + other)->flags & LT_CELL_BG), "nor another row");
    press(&v, 'N');
    draw(&v);
    int64_t last = -1;
    for (int64_t i = c->n - 1; i >= 0 && last < 0; i--)
        if (strstr(lt_col_get_str(c, i, NULL), "Mailed"))
            last = i;
    is_int(cur_row(&v), last, "N from the first row wraps to the last match");
    row_is(&v, 23, "search wrapped to the bottom                            row 7042/7043  col 18/20",
           "the wrap is told");
    press(&v, '/');
    type(&v, "bitcoin");
    press(&v, LT_KEY_ENTER);
    is_int(cur_row(&v), last, "no match: the cursor stays");
    draw(&v);
    row_is(&v, 23, "no match in payment_method                              row 7042/7043  col 18/20",
           "and says so");
    press(&v, '/');
    type(&v, "é");
    press(&v, LT_KEY_BACKSPACE);
    press(&v, LT_KEY_ENTER);
    is_int(cur_row(&v), last, "an empty search does nothing");
    close_view(&v);
}

static void test_telco_summary(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    for (int i = 0; i < 5; i++)
        press(&v, 'l');
    is_int(press(&v, 's'), LT_W_HANDLED | LT_W_REDRAW, "s opens the summary");
    draw(&v);
    row_is(&v, 5, "   4 No         0            ┌ tenure <i64> ─────┐      45             0 No pho…",
           "the box's title");
    row_is(&v, 6, "   5 Yes        1            │ count        7043 │       2             1 No", "count");
    row_is(&v, 7, "   6 Yes        1            │ missing         0 │       8             1 Yes", "missing");
    row_is(&v, 8, "   7 No         0            │ unique         73 │      22             1 Yes", "unique");
    row_is(&v, 9, "   8 No         1            │ mean     32.37115 │      10             0 No pho…",
           "the mean, as pandas gives 32.371149");
    row_is(&v, 10, "   9 Yes        1            │ sd       24.55948 │      28             1 Yes",
           "sd, as pandas gives 24.559481");
    row_is(&v, 11, "  10 No         0            │ min             0 │      62             1 No", "min");
    row_is(&v, 12, "  11 No         0            │ 25%             9 │      13             1 No", "25%");
    row_is(&v, 13, "  12 No         0            │ 50%            29 │      16             1 No", "median");
    row_is(&v, 14, "  13 No         0            │ 75%            55 │      58             1 Yes", "75%");
    row_is(&v, 15, "  14 Yes        0            │ max            72 │      49             1 Yes", "max");
    row_is(&v, 16, "  15 No         0            └───────────────────┘      25             1 No", "the box's end");
    is_int(press(&v, 'j'), LT_W_HANDLED | LT_W_REDRAW, "any key closes it");
    is_int((int)cur_row(&v), 0, "and does nothing else");
    draw(&v);
    row_is(&v, 9, "   8 No         1              0       0          0     10             0 No pho…",
           "the box is gone");
    press(&v, '^');
    press(&v, 's');
    draw(&v);
    char want[120];
    int64_t no = count_str(churn, "churn", "No"), yes = count_str(churn, "churn", "Yes");
    row_is(&v, 11, "  10 No         0         │ top values               │  62             1 No", "top values");
    snprintf(want, sizeof want, "│ No          %" PRId64 "   %.1f%% │", no, 100.0 * no / 7043);
    ok(strstr(row_text(v.c, 12), want) != NULL, "top values of a str column: %s", want);
    snprintf(want, sizeof want, "│ Yes         %" PRId64 "   %.1f%% │", yes, 100.0 * yes / 7043);
    ok(strstr(row_text(v.c, 13), want) != NULL, "and the second: %s", want);
    ok(strstr(row_text(v.c, 10), "│ unique                 2 │") != NULL, "2 unique values");
    close_view(&v);
}

/* ---- Lua written for odd names and values ------------------------------ */

static void test_records(void)
{
    lt_frame *f = lt_frame_new();
    add(f, "my col", cs(4, (const char *[]){"O'Brien \"x\"", "back\\slash", "tab\there", NULL}));
    add(f, "sort", ci(4, (int64_t[]){INT64_MIN, 2, 3, 4}, NULL));
    add(f, "end", cf(4, (double[]){0.1, INFINITY, -INFINITY, 1e300}));
    add(f, "x`y", cb("TFTF"));
    add(f, "and", ct(4, (int64_t[]){DAY, DAY + 1000000, DAY / 2, 0}, NULL, LT_DATE));
    static const char *const reserved[] = {"sort", "filter", NULL};
    lt_grid_opts o = {reserved};
    view v = open_view(f, "df", &o, 80, 10);
    static const char *const want[5][4] = {
        {"view(df:filter\"`my col` == 'O\\\\'Brien \\\"x\\\"'\")",
         "view(df:filter\"`my col` == 'back\\\\\\\\slash'\")",
         "view(df:filter\"`my col` == 'tab\\\\there'\")",
         "view(df:filter\"is_na(`my col`)\")"},
        {"view(df:filter\"sort == (-9223372036854775807 - 1)\")",
         "view(df:filter\"sort == 2\")", "view(df:filter\"sort == 3\")", "view(df:filter\"sort == 4\")"},
        {"view(df:filter\"end == 0.1\")", "view(df:filter\"end == 1/0\")",
         "view(df:filter\"end == -1/0\")", "view(df:filter\"end == 1e+300\")"},
        {"view(df:filter\"`x``y` == true\")", "view(df:filter\"`x``y` == false\")",
         "view(df:filter\"`x``y` == true\")", "view(df:filter\"`x``y` == false\")"},
        {"view(df:filter\"`and` == '1970-01-02'\")", "view(df:filter\"`and` == '1970-01-02 00:00:01'\")",
         "view(df:filter\"`and` == '1970-01-01 12:00:00'\")", "view(df:filter\"`and` == '1970-01-01'\")"},
    };
    static const char *const freq[5] = {
        "view(df:col\"my col\":counts())", "view(df:col\"sort\":counts())",
        "view(df:col\"end\":counts())", "view(df:col\"x`y\":counts())", "view(df:col\"and\":counts())"
    };
    static const int64_t rows[5][4] = {{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {2, 2, 2, 2}, {1, 1, 1, 1}};
    for (int j = 0; j < 5; j++) {
        for (int i = 0; i < 4; i++) {
            /* through the quick filter's prefilled text */
            press(&v, 'f');
            press(&v, LT_KEY_ENTER);
            char *r = take(&v);
            is_str(r, want[j][i], "column %d row %d: the prefilled filter's Lua", j, i);
            free(r);
            is_int(lt_grid_frame(v.g)->nrow, rows[j][i], "column %d row %d: finds its rows", j, i);
            press(&v, 'q');
            press(&v, 'j');
        }
        press(&v, 'g');
        press(&v, 'F');
        record_is(&v, freq[j], "column names that are not Lua names or are methods: df:col");
        press(&v, 'q');
        press(&v, 'l');
    }
    press(&v, '^');
    press(&v, ']');
    record_is(&v, "view(df:sort(desc\"my col\"))", "a sort key is the name as a string");
    press(&v, 'l');
    press(&v, 'l');
    press(&v, '[');
    record_is(&v, "view(df:sort\"end\")", "any name works as a sort key");
    ok(isinf(lt_col_f64(lt_frame_col(lt_grid_frame(v.g), "end"))[0]) &&
       lt_col_f64(lt_frame_col(lt_grid_frame(v.g), "end"))[0] < 0, "-Inf first");
    close_view(&v);

    /* Lua names and reserved ones */
    lt_frame *g = lt_frame_new();
    add(g, "tenure", ci(2, (int64_t[]){1, 2}, NULL));
    add(g, "while", ci(2, (int64_t[]){1, 2}, NULL));
    add(g, "filter", ci(2, (int64_t[]){1, 2}, NULL));
    add(g, "_a1", ci(2, (int64_t[]){1, 2}, NULL));
    add(g, "\xc3\xa9t\xc3\xa9", ci(2, (int64_t[]){1, 2}, NULL));
    v = open_view(g, "t", &o, 60, 6);
    static const char *const gf[5] = {"view(t.tenure:counts())", "view(t:col\"while\":counts())",
                                      "view(t:col\"filter\":counts())", "view(t._a1:counts())",
                                      "view(t:col\"\xc3\xa9t\xc3\xa9\":counts())"};
    static const char *const gq[5] = {"view(t:filter\"tenure == 1\")", "view(t:filter\"while == 1\")",
                                      "view(t:filter\"filter == 1\")", "view(t:filter\"_a1 == 1\")",
                                      "view(t:filter\"\xc3\xa9t\xc3\xa9 == 1\")"};
    for (int j = 0; j < 5; j++) {
        press(&v, 'F');
        record_is(&v, gf[j], "F on a column");
        press(&v, LT_KEY_ENTER);
        record_is(&v, gq[j], "Enter: filter names are bare when the parser reads them so");
        is_int(lt_grid_frame(v.g)->nrow, 1, "one row");
        press(&v, 'q');
        press(&v, 'q');
        press(&v, 'l');
    }
    close_view(&v);
    lt_frame_free(f);
    lt_frame_free(g);
    drain();
}

/* ---- edge cases ---------------------------------------------------------- */

static void every_key(view *v)
{
    static const int keys[] = {
        LT_KEY_UP, LT_KEY_DOWN, LT_KEY_LEFT, LT_KEY_RIGHT, LT_KEY_PGUP, LT_KEY_PGDN, ' ',
        LT_KEY_HOME, LT_KEY_END, 'g', 'G', '^', '$', '[', ']', 'n', 'N', 's', 'x',
        LT_KEY_ENTER, LT_KEY_WHEEL_DOWN, LT_KEY_WHEEL_UP, LT_KEY_CLICK, 'F', LT_KEY_ENTER,
        'I', LT_KEY_ENTER, 'q', 'q'
    };
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        press(v, keys[k]);
        draw(v);
        free(take(v));
    }
}

static void test_empty(void)
{
    lt_frame *f = lt_frame_new();
    view v = open_view(f, "e", NULL, 40, 5);
    draw(&v);
    is_screen(v.c,
              "\n"
              "\n"
              "  (no columns)\n"
              "\n"
              "e   [ ] sort  / search  row 0/0  col 0/0",
              "0 rows x 0 columns");
    press(&v, '[');
    draw(&v);
    row_is(&v, 4, "no column to sort by    row 0/0  col 0/0", "sort says why not");
    ok(take(&v) == NULL, "and records nothing");
    press(&v, 'F');
    is_int(lt_grid_depth(v.g), 1, "F: nothing to count");
    press(&v, 's');
    press(&v, '/');
    type(&v, "x");
    press(&v, LT_KEY_ENTER);
    draw(&v);
    row_is(&v, 4, "nothing to search       row 0/0  col 0/0", "search: nothing");
    press(&v, 'f');
    draw(&v);
    row_is(&v, 4, "filter:", "the filter prompt starts empty");
    type(&v, "true");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(e:filter\"true\")", "a filter of nothing");
    press(&v, 'q');
    press(&v, 'I');
    record_is(&v, "view(e:describe())", "describe of nothing");
    ok(lt_grid_frame(v.g)->nrow == 0, "has no rows");
    draw(&v);
    row_is(&v, 2, "  (no rows)", "an empty describe sheet");
    press(&v, 'q');
    every_key(&v);
    is_int(lt_grid_depth(v.g), 1, "every key on an empty frame: still one sheet");
    close_view(&v);
    lt_frame_free(f);

    /* columns without rows */
    f = lt_frame_new();
    add(f, "a", ci(0, (int64_t[]){0}, NULL));
    add(f, "b", cs(0, (const char *[]){NULL}));
    v = open_view(f, "e", NULL, 30, 5);
    draw(&v);
    is_screen(v.c,
              "      a b\n"
              "  <i64> <str>\n"
              "  (no rows)\n"
              "\n"
              "e   [ ] sort  row 0/0  col 1/2",
              "0 rows x 2 columns");
    press(&v, 'F');
    record_is(&v, "view(e.a:counts())", "counts of nothing");
    press(&v, LT_KEY_ENTER);
    is_int(lt_grid_depth(v.g), 2, "Enter on an empty frequency sheet does nothing");
    press(&v, 'q');
    every_key(&v);
    close_view(&v);
    lt_frame_free(f);
    drain();
}

static void test_missing_and_special(void)
{
    lt_frame *f = lt_frame_new();
    add(f, "none", cf(5, (double[]){NA, NA, NA, NA, NA}));
    add(f, "x", cf(5, (double[]){1.5, INFINITY, -INFINITY, NA, 2}));
    add(f, "tiny", cf(5, (double[]){1e-300, -2.5e-10, 0, -0.0, 123456789012.0}));
    view v = open_view(f, "m", NULL, 40, 9);
    draw(&v);
    is_screen(v.c,
              "   none     x         tiny\n"
              "  <f64> <f64>        <f64>\n"
              "1    NA   1.5       1e-300\n"
              "2    NA   Inf     -2.5e-10\n"
              "3    NA  -Inf            0\n"
              "4    NA    NA            0\n"
              "5    NA   2.0 123456789012\n"
              "\n"
              "m   [ ] sort  / search  row 1/5  col 1/3",
              "all missing, infinities, tiny and large numbers");
    press(&v, 'F');
    record_is(&v, "view(m.none:counts())", "F on an all-missing column");
    draw(&v);
    row_is(&v, 2, "1    NA     5  100.00 ██████████████████", "one row NA, 100%, the bar to the edge");
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(m:filter\"is_na(none)\")", "Enter on NA");
    is_int(lt_grid_frame(v.g)->nrow, 5, "every row");
    press(&v, 'q');
    press(&v, 'q');
    press(&v, 's');
    draw(&v);
    is_screen(v.c,
              "   none     ┌ none <f64> ──┐\n"
              "  <f64> <f6 │ count      0 │\n"
              "1    NA   1 │ missing    5 │\n"
              "2    NA   I │ unique     0 │\n"
              "3    NA  -I │ mean      NA │\n"
              "4    NA     │ sd        NA │\n"
              "5    NA   2 │ min       NA │\n"
              "            └──────────────┘\n"
              "m   [ ] sort  / search  row 1/5  col 1/3",
              "summary of an all-missing column (the box cut to the screen)");
    press(&v, 'x');
    press(&v, 'l');
    press(&v, '[');
    record_is(&v, "view(m:sort\"x\")", "sort with infinities");
    const double *x = lt_col_f64(lt_frame_col(lt_grid_frame(v.g), "x"));
    ok(x[0] == -INFINITY && x[1] == 1.5 && x[2] == 2 && x[3] == INFINITY && isnan(x[4]),
       "-Inf, 1.5, 2, Inf, NA (missing last)");
    press(&v, ']');
    x = lt_col_f64(lt_frame_col(lt_grid_frame(v.g), "x"));
    ok(x[0] == INFINITY && x[3] == -INFINITY && isnan(x[4]), "descending: Inf first, NA still last");
    press(&v, 'F');
    free(take(&v));
    press(&v, LT_KEY_ENTER);
    record_is(&v, "view(m:sort(desc\"x\"):filter\"x == 1/0\")", "Inf as 1/0");
    is_int(lt_grid_frame(v.g)->nrow, 1, "finds the one Inf");
    close_view(&v);
    lt_frame_free(f);
    drain();
}

static void test_utf8(void)
{
    lt_frame *f = lt_frame_new();
    add(f, "名前", cs(4, (const char *[]){"日本語", "😀 ok", "cafe\xcc\x81", "x"}));
    add(f, "n", ci(4, (int64_t[]){1, 2, 3, 4}, NULL));
    add(f, "long", cs(4, (const char *[]){"0123456789012345678901234567890123456789abc",
                                          "中文中文中文中文中文中文中文中文中文中文中文", "a\tb", ""}));
    view v = open_view(f, "u", NULL, 60, 8);
    draw(&v);
    is_screen(v.c,
              "  名前       n long\n"
              "  <str>  <i64> <str>\n"
              "1 日本語     1 012345678901234567890123456789012345678…\n"
              "2 😀 ok      2 中文中文中文中文中文中文中文中文中文中…\n"
              "3 café       3 a\\tb\n"
              "4 x          4\n"
              "\n"
              "u   [ ] sort  / search  f filter  F freq    row 1/4  col 1/3",
              "wide and combining characters, cuts at 40 cells");
    /* cell positions: 日本語 takes 6 cells, so n's column starts at 9 */
    ok(cell_at(v.c, 2, 2)->ch == 0x65E5 && cell_at(v.c, 3, 2)->ch == 0 && cell_at(v.c, 4, 2)->ch == 0x672C,
       "a CJK character and its right half");
    ok(cell_at(v.c, 5, 4)->ch == 0xE9 && cell_at(v.c, 6, 4)->ch == ' ',
       "e + combining accent: one cell (é), then a space");
    is_int(find_x(v.c, 3, 0x2026, 0), 53, "the CJK string cut: 19 characters and …");
    ok(cell_at(v.c, 52, 3)->ch == 0 && cell_at(v.c, 54, 3)->ch == ' ',
       "after the right half of the last whole character; the 40th cell blank");
    close_view(&v);
    lt_frame_free(f);
    drain();
}

static void test_tiny(lt_frame *churn)
{
    static const int sizes[][2] = {{1, 1}, {2, 1}, {1, 2}, {3, 3}, {10, 4}, {5, 24}, {200, 2}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        view v = open_view(churn, "churn", NULL, sizes[k][0], sizes[k][1]);
        draw(&v);
        for (int i = 0; i < 3; i++)
            every_key(&v);
        press(&v, '/');
        type(&v, "yes");
        draw(&v);
        press(&v, LT_KEY_ENTER);
        press(&v, 'f');
        draw(&v);
        press(&v, LT_KEY_ENTER);
        draw(&v);
        free(take(&v));
        ok(lt_grid_depth(v.g) >= 1, "%dx%d: keys and draws", sizes[k][0], sizes[k][1]);
        close_view(&v);
    }
    view v = open_view(churn, "churn", NULL, 1, 1);
    draw(&v);
    is_screen(v.c, "…", "1x1: the status row, cut");
    close_view(&v);
    v = open_view(churn, "churn", NULL, 30, 2);
    draw(&v);
    is_screen(v.c, "     churn female senior_citi…\nchurn     row 1/7043  col 1/20",
              "30x2: the header and the status");
    close_view(&v);
    v = open_view(churn, "churn", NULL, 30, 4);
    press(&v, 'j');
    press(&v, 'j');
    draw(&v);
    is_screen(v.c,
              "     churn female senior_citi…\n"
              "     <str>  <i64>          <i…\n"
              "   3 Yes        0            …\n"
              "churn     row 3/7043  col 1/20",
              "30x4: one row of data follows the cursor");
    close_view(&v);
}

static void test_mouse(lt_frame *churn)
{
    view v = open_view(churn, "churn", NULL, 80, 24);
    draw(&v);
    is_int(mouse(&v, LT_KEY_CLICK, 30, 5), LT_W_HANDLED | LT_W_REDRAW, "a click is handled");
    ok(cur_row(&v) == 3 && cur_col(&v) == 2, "a click on a cell moves the cursor there");
    mouse(&v, LT_KEY_CLICK, 55, 0);
    ok(cur_row(&v) == 3 && cur_col(&v) == 5, "a click on a header picks the column");
    mouse(&v, LT_KEY_CLICK, 1, 10);
    ok(cur_row(&v) == 8 && cur_col(&v) == 5, "a click on a row number picks the row");
    mouse(&v, LT_KEY_CLICK, 10, 23);
    ok(cur_row(&v) == 8 && cur_col(&v) == 5, "a click on the status row does nothing");
    mouse(&v, LT_KEY_WHEEL_DOWN, 10, 10);
    mouse(&v, LT_KEY_WHEEL_DOWN, 10, 10);
    mouse(&v, LT_KEY_WHEEL_DOWN, 10, 10);
    mouse(&v, LT_KEY_WHEEL_DOWN, 10, 10);
    draw(&v);
    row_is(&v, 2, "  13 No         0              0       1          0     58             1 Yes",
           "the wheel scrolls 3 rows a step");
    is_int(cur_row(&v), 12, "the cursor stays on screen");
    mouse(&v, LT_KEY_WHEEL_UP, 10, 10);
    draw(&v);
    row_is(&v, 2, "  10 No         0              0       0          1     62             1 No",
           "and back");
    is_int(cur_row(&v), 12, "the cursor stays where it was when on screen");
    close_view(&v);
}

/* Two million rows: drawing after G formats only the rows on screen,
 * seen from the widths, which only a formatted value can widen. */
static void test_two_million(void)
{
    enum { N = 2000000 };
    lt_dict *d = lt_dict_new();
    lt_col *s = lt_col_new_str(N, d);
    int32_t a = lt_dict_intern(d, "a", 1);
    int32_t mid = lt_dict_intern(d, "a value from the middle, 45 cells wide ....", 44);
    int32_t end = lt_dict_intern(d, "the end, 20 cells ..", 20);
    int32_t *codes = lt_col_codes(s);
    for (int64_t i = 0; i < N; i++)
        codes[i] = a;
    codes[1500000] = mid;
    codes[N - 1] = end;
    lt_col_finish(s);
    lt_col *id = lt_col_new(LT_I64, N);
    for (int64_t i = 0; i < N; i++)
        lt_col_i64(id)[i] = i < N - 1 ? i % 7 : INT64_C(123456789012345);
    lt_col_finish(id);
    lt_frame *f = lt_frame_new();
    add(f, "s", s);
    add(f, "id", id);
    lt_col_unref(s);
    lt_col_unref(id);
    lt_dict_unref(d);
    view v = open_view(f, "big", NULL, 70, 6);
    draw(&v);
    is_screen(v.c,
              "        s        id\n"
              "        <str> <i64>\n"
              "      1 a         0\n"
              "      2 a         1\n"
              "      3 a         2\n"
              "big   [ ] sort  / search  f filter  F freq      row 1/2000000  col 1/2",
              "the top of two million rows");
    press(&v, 'G');
    draw(&v);
    is_screen(v.c,
              "        s                                 id\n"
              "        <str>                          <i64>\n"
              "1999998 a                                  6\n"
              "1999999 a                                  0\n"
              "2000000 the end, 20 cells .. 123456789012345\n"
              "big   [ ] sort  / search  f filter        row 2000000/2000000  col 1/2",
              "G: the last rows; widths grow for the values on screen only");
    /* scrolling past the middle widens s when its long value shows */
    press(&v, 'g');
    for (int i = 0; i < 1500000 / 3; i++)
        press(&v, LT_KEY_PGDN);
    draw(&v);
    row_is(&v, 0, "        s                                                     id",
           "the middle rows on screen widen s to 40 cells");
    press(&v, 'G');
    draw(&v);
    row_is(&v, 4, "2000000 the end, 20 cells ..                     123456789012345",
           "widths do not shrink");
    press(&v, '[');
    record_is(&v, "view(big:sort\"s\")", "sorting two million rows");
    draw(&v);
    row_is(&v, 2, "      1 a                                                      0", "sorted");
    close_view(&v);
    lt_frame_free(f);
}

static void test_errors(void)
{
    lt_clearerr();
    lt_frame *f = lt_frame_new();
    add(f, "a", ci(2, (int64_t[]){1, 2}, NULL));
    lt_grid *g = lt_grid_new(f, NULL, NULL);
    ok(g != NULL, "a NULL expression is allowed");
    is_str(lt_grid_expr(g), "df", "and reads df");
    lt_widget_free(lt_grid_widget(g));
    lt_widget_free(NULL);
    lt_frame_free(f);
    drain();
}

int main(void)
{
    test_small_screen();
    test_small_summary();
    lt_frame *churn = telco();
    if (churn) {
        test_telco_screen(churn);
        test_telco_sort(churn);
        test_telco_filter(churn);
        test_telco_freq(churn);
        test_telco_describe(churn);
        test_telco_search(churn);
        test_telco_summary(churn);
        test_tiny(churn);
        test_mouse(churn);
    }
    ok(churn != NULL, "telco_churn.csv read");
    lt_frame_free(churn);
    test_records();
    test_empty();
    test_missing_and_special();
    test_utf8();
    test_two_million();
    test_errors();
    return tap_done();
}
