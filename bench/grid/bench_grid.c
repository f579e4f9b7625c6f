/* The lunette side of bench/grid/run.sh: the frame grid of view(df)
 * (widgets/grid.h) on a large frame, driven by keys as the TUI drives it
 * and drawn onto a cell canvas of 200 x 50 (47 rows of data), without a
 * terminal.  Loading the CSV is not timed.  Operations, each the median
 * of RUNS (wall clock):
 *   open    lt_grid_new + the first draw (column widths fitted on the
 *           first 1000 rows)
 *   page    the draw of one screen at a given row, averaged over the
 *           positions of POSITIONS (row starts, multiples of the 47 rows
 *           of a screen); the grid gets there by PgDn/PgUp, untimed
 *   sort    ']' on amount (descending, stable, missing last) + the draw
 *   freq    'F' on name + the draw of the frequency sheet
 *   filter  'f', the prefilled condition erased, the condition typed,
 *           Enter + the draw of the filtered sheet
 * Prints "op seconds size" per operation; the size is what the peers must
 * agree on: the frame's rows (open), rows formatted (page), the id of the
 * first row (sort), distinct values (freq), rows kept (filter).
 *
 * With BENCH_GRID_SHOW set in the environment, the last screen of each
 * operation goes to stderr as plain text, to compare by eye with what the
 * peers format.
 *
 *   bench_grid DATA.csv POSITIONS RUNS THREADS */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "error.h"
#include "grid.h"

enum { WIDTH = 200, HEIGHT = 50, SCREEN = HEIGHT - 3 };

static const char *const FILTER = "amount > 100 and category == 'Grocery'";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

/* A failure of the library (its message follows) or of the benchmark. */
static void die(const char *what)
{
    fprintf(stderr, "bench_grid: %s: %s\n", what, lt_errmsg());
    exit(1);
}

static void fail(const char *what)
{
    fprintf(stderr, "bench_grid: %s\n", what);
    exit(1);
}

static int press(lt_grid *g, int key)
{
    lt_key_event ev = {.key = key};
    return lt_widget_key(lt_grid_widget(g), &ev);
}

static void type(lt_grid *g, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n)
        press(g, (int)lt_text_decode(s, n, &i));
}

/* What the app does for a redraw: a blank canvas, then the widget. */
static void draw(lt_grid *g, lt_canvas *c)
{
    for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++)
        c->cells[i] = (lt_cell){.ch = ' '};
    lt_widget_draw(lt_grid_widget(g), c);
}

static lt_grid *open_grid(const lt_frame *f)
{
    lt_grid *g = lt_grid_new(f, "d", NULL);
    if (!g)
        die("lt_grid_new");
    lt_widget_resize(lt_grid_widget(g), WIDTH, HEIGHT);
    return g;
}

/* The cursor to column `name` of the top sheet. */
static void to_column(lt_grid *g, const char *name)
{
    int j = lt_frame_index(lt_grid_frame(g), name);
    if (j < 0) {
        fprintf(stderr, "bench_grid: no column '%s'\n", name);
        exit(1);
    }
    press(g, '^');
    for (int k = 0; k < j; k++)
        press(g, LT_KEY_RIGHT);
}

static int64_t cursor_row(const lt_grid *g)
{
    int64_t r;
    lt_grid_cursor(g, &r, NULL);
    return r;
}

static void report(const char *op, double *t, int runs, int64_t size, const lt_canvas *c)
{
    if (getenv("BENCH_GRID_SHOW")) {
        char *text = lt_canvas_to_ansi(c, LT_COLOR_NONE, false, NULL);
        fprintf(stderr, "---- %s\n%s\n", op, text ? text : "(no memory)");
        free(text);
    }
    printf("%s %.9f %" PRId64 "\n", op, median(t, runs), size);
}

static int64_t *read_positions(const char *path, int *n)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        exit(1);
    }
    int64_t *p = NULL, v;
    int cap = 0;
    *n = 0;
    while (fscanf(fp, "%" SCNd64, &v) == 1) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            p = realloc(p, (size_t)cap * sizeof *p);
            if (!p) {
                perror("positions");
                exit(1);
            }
        }
        p[(*n)++] = v;
    }
    fclose(fp);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench_grid DATA.csv POSITIONS RUNS THREADS\n");
        return 2;
    }
    int runs = atoi(argv[3]), npos;
    if (runs < 1)
        runs = 1;
    int64_t *pos = read_positions(argv[2], &npos);
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.threads = atoi(argv[4]);
    lt_frame *f = lt_csv_read(argv[1], &o);
    if (!f)
        die(argv[1]);
    lt_canvas *c = lt_canvas_new(WIDTH, HEIGHT);
    double *t = malloc((size_t)runs * sizeof *t);
    if (!c || !t)
        fail("out of memory");

    /* open: a new grid and its first screen */
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        lt_grid *g = open_grid(f);
        draw(g, c);
        t[r] = now() - t0;
        lt_widget_free(lt_grid_widget(g));
    }
    report("open", t, runs, f->nrow, c);

    /* page: one screen at each position, reached a page at a time */
    lt_grid *g = open_grid(f);
    draw(g, c);
    for (int r = 0; r < runs; r++) {
        double sum = 0;
        for (int k = 0; k < npos; k++) {
            if (pos[k] % SCREEN != 0 || pos[k] < 0 || pos[k] + SCREEN > f->nrow) {
                fprintf(stderr, "bench_grid: position %" PRId64 " is not the start of a"
                        " whole screen of %d rows\n", pos[k], SCREEN);
                return 1;
            }
            int64_t at = cursor_row(g);
            for (; at < pos[k]; at += SCREEN)
                press(g, LT_KEY_PGDN);
            for (; at > pos[k]; at -= SCREEN)
                press(g, LT_KEY_PGUP);
            if (cursor_row(g) != pos[k]) {
                fprintf(stderr, "bench_grid: paged to row %" PRId64 ", not %" PRId64 "\n",
                        cursor_row(g), pos[k]);
                return 1;
            }
            double t0 = now();
            draw(g, c);
            sum += now() - t0;
        }
        t[r] = sum / npos;
    }
    report("page", t, runs, (int64_t)npos * SCREEN, c);
    lt_widget_free(lt_grid_widget(g));

    /* sort: ']' re-sorts the first sheet's frame each time */
    g = open_grid(f);
    draw(g, c);
    to_column(g, "amount");
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        press(g, ']');
        draw(g, c);
        t[r] = now() - t0;
    }
    const lt_frame *s = lt_grid_frame(g);
    int id = lt_frame_index(s, "id");
    if (id < 0 || s->cols[id]->type != LT_I64 || s->nrow == 0)
        fail("sort: no i64 column id");
    report("sort", t, runs, lt_col_i64(s->cols[id])[0], c);
    lt_widget_free(lt_grid_widget(g));

    /* freq: 'F' pushes the frequency sheet, q pops it (untimed) */
    g = open_grid(f);
    draw(g, c);
    to_column(g, "name");
    int64_t nfreq = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        press(g, 'F');
        draw(g, c);
        t[r] = now() - t0;
        if (lt_grid_depth(g) != 2)
            fail("freq: no frequency sheet");
        nfreq = lt_grid_frame(g)->nrow;
        press(g, 'q');
    }
    report("freq", t, runs, nfreq, c);

    /* filter: the prompt, the condition typed, Enter; q pops the sheet */
    int64_t nkept = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        press(g, 'f');
        press(g, LT_CTRL('u'));
        press(g, LT_KEY_END);
        press(g, LT_CTRL('k'));
        type(g, FILTER);
        press(g, LT_KEY_ENTER);
        draw(g, c);
        t[r] = now() - t0;
        if (lt_grid_depth(g) != 2)
            fail("filter: no sheet pushed");
        nkept = lt_grid_frame(g)->nrow;
        press(g, 'q');
    }
    report("filter", t, runs, nkept, c);
    lt_widget_free(lt_grid_widget(g));

    lt_canvas_free(c);
    lt_frame_free(f);
    free(t);
    free(pos);
    return 0;
}
