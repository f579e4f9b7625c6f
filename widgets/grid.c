/* The frame grid (grid.h): the stack of sheets, the actions on them
 * (sort, search, filter, frequency, describe, summary) with the Lua each
 * one records, and the keys.  Drawing is in grid_draw.c, the recorded Lua
 * in grid_lua.c. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "describe.h"
#include "error.h"
#include "expr.h"
#include "grid_priv.h"
#include "print.h"
#include "reduce.h"
#include "sort.h"
#include "timefmt.h"
#include "verbs.h"

/* ---- small helpers ------------------------------------------------------ */

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    else
        lt_nomem();
    return d;
}

static sheet *top(const lt_grid *g) { return g->st[g->depth - 1]; }

static void set_msg(lt_grid *g, bool err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_msg(lt_grid *g, bool err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *m = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (m) {
        va_start(ap, fmt);
        vsnprintf(m, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    free(g->msg);
    g->msg = m;
    g->msg_err = err;
}

/* The failure of `what` as a red message: the first line of lt_errmsg
 * (a parse error goes on with the source and a caret). */
static void error_msg(lt_grid *g, const char *what)
{
    const char *e = lt_errmsg();
    int n = (int)strcspn(e, "\n");
    if (n == 0)
        set_msg(g, true, "%s failed", what);
    else
        set_msg(g, true, "%s: %.*s", what, n, e);
}

static void set_record(lt_grid *g, const char *expr)
{
    gbuf b = {0};
    gb_puts(&b, "view(");
    gb_puts(&b, expr);
    gb_puts(&b, ")");
    free(g->record);
    g->record = gb_finish(&b);
}

const char *grid_cell_text(lt_grid *g, const lt_col *c, int64_t i)
{
    if (!g->fbuf) {
        g->fbuf = malloc(256);
        if (!g->fbuf)
            return "";
        g->fcap = 256;
    }
    size_t n = lt_value_format(c, i, GRID_SIGFIG, g->fbuf, g->fcap);
    if (n >= g->fcap) {
        char *p = malloc(n + 1);
        if (!p)
            return g->fbuf;   /* cut, but shown */
        free(g->fbuf);
        g->fbuf = p;
        g->fcap = n + 1;
        lt_value_format(c, i, GRID_SIGFIG, g->fbuf, g->fcap);
    }
    return g->fbuf;
}

/* ---- sheets ------------------------------------------------------------- */

static void sheet_free(sheet *s)
{
    if (!s)
        return;
    if (s->frame != s->base)
        lt_frame_free(s->frame);
    lt_frame_free(s->base);
    free(s->bexpr);
    free(s->expr);
    free(s->fit);
    free(s->fname);
    free(s);
}

/* A sheet showing f under the Lua bexpr; takes both (frees them on
 * failure).  NULL with lt_errmsg. */
static sheet *sheet_new(int kind, lt_frame *f, char *bexpr)
{
    sheet *s = f && bexpr ? calloc(1, sizeof *s) : NULL;
    if (s) {
        s->kind = kind;
        s->base = s->frame = f;
        s->bexpr = bexpr;
        s->expr = dupstr(bexpr);
        s->fit = calloc((size_t)(f->ncol ? f->ncol : 1), sizeof *s->fit);
        s->sort_col = -1;
        if (s->expr && s->fit)
            return s;
        sheet_free(s);
        return NULL;
    }
    if (f && bexpr)
        lt_nomem();
    lt_frame_free(f);
    free(bexpr);
    return NULL;
}

/* Push s (NULL: the failure of `what` is shown); the action's Lua is
 * recorded.  Returns the key flags. */
static int push(lt_grid *g, sheet *s, const char *what)
{
    if (s && g->depth == g->cap) {
        int cap = g->cap * 2;
        sheet **st = realloc(g->st, (size_t)cap * sizeof *st);
        if (!st) {
            lt_nomem();
            sheet_free(s);
            s = NULL;
        } else {
            g->st = st;
            g->cap = cap;
        }
    }
    if (!s) {
        error_msg(g, what);
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    g->st[g->depth++] = s;
    set_record(g, s->expr);
    return LT_W_HANDLED | LT_W_REDRAW | (g->record ? LT_W_ACTION : 0);
}

static void pop(lt_grid *g)
{
    sheet_free(g->st[--g->depth]);
}

/* A new sheet with the kind (and what Enter needs) of `like`: a filter
 * of a frequency sheet is still one. */
static sheet *sheet_like(const sheet *like, lt_frame *f, char *bexpr)
{
    sheet *s = sheet_new(like->kind, f, bexpr);
    if (s) {
        s->below = like->below;
        s->ftotal = like->ftotal;
        s->fmax = like->fmax;
        s->col = like->col < f->ncol ? like->col : 0;
        if (like->fname && !(s->fname = dupstr(like->fname))) {
            sheet_free(s);
            return NULL;
        }
    }
    return s;
}

/* ---- actions ------------------------------------------------------------ */

static int do_sort(lt_grid *g, bool desc)
{
    sheet *s = top(g);
    if (s->frame->ncol == 0) {
        set_msg(g, false, "no column to sort by");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    const char *name = s->frame->names[s->col];
    lt_sort_key key = {s->base->cols[s->col], desc};
    lt_frame *f = lt_frame_sort(s->base, &key, 1, NULL);
    char *expr = f ? grid_lua_sort(s->bexpr, name, desc) : NULL;
    if (!expr) {
        lt_frame_free(f);
        error_msg(g, "sort");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    if (s->frame != s->base)
        lt_frame_free(s->frame);
    s->frame = f;
    free(s->expr);
    s->expr = expr;
    s->sort_col = s->col;
    s->sort_desc = desc;
    s->row = s->top = 0;
    for (int j = 0; j < f->ncol; j++)
        s->fit[j].vn = 0;   /* other rows are on screen now */
    set_record(g, s->expr);
    return LT_W_HANDLED | LT_W_REDRAW | (g->record ? LT_W_ACTION : 0);
}

/* The rows of sheet `from` where cond (filter syntax) holds, pushed as a
 * sheet of its kind. */
static int do_filter(lt_grid *g, const sheet *from, const char *cond)
{
    lt_expr *e = lt_expr_parse(cond);
    lt_frame *f = e ? lt_frame_filter(from->frame, e, NULL) : NULL;
    lt_expr_unref(e);
    if (!f) {
        error_msg(g, "filter");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    char *bexpr = grid_lua_filter(from->expr, cond);
    sheet *s = bexpr ? sheet_like(from, f, bexpr) : (lt_frame_free(f), NULL);
    return push(g, s, "filter");
}

static int do_freq(lt_grid *g)
{
    sheet *s = top(g);
    if (s->frame->ncol == 0) {
        set_msg(g, false, "no column to count");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    const char *name = s->frame->names[s->col];
    const lt_col *c = s->frame->cols[s->col];
    lt_frame *f = lt_col_counts(c, false);
    char *colexpr = f ? grid_lua_col(s->expr, name, (const char *const *)g->reserved) : NULL;
    char *bexpr = NULL;
    if (colexpr) {
        gbuf b = {0};
        gb_puts(&b, colexpr);
        gb_puts(&b, ":counts()");
        bexpr = gb_finish(&b);
        free(colexpr);
    }
    if (!bexpr) {
        lt_frame_free(f);
        f = NULL;
    }
    sheet *fs = sheet_new(SHEET_FREQ, f, bexpr);
    if (fs) {
        fs->below = g->depth - 1;
        fs->ftotal = c->n;
        /* the bars' scale, kept by the sheets filtered from this one */
        const int64_t *n = lt_col_i64(f->cols[1]);
        for (int64_t i = 0; i < f->nrow; i++)
            if (n[i] > fs->fmax)
                fs->fmax = n[i];
        if (!(fs->fname = dupstr(name))) {
            sheet_free(fs);
            fs = NULL;
        }
    }
    return push(g, fs, "frequency");
}

static int do_describe(lt_grid *g)
{
    sheet *s = top(g);
    lt_frame *f = lt_frame_describe(s->frame);
    gbuf b = {0};
    gb_puts(&b, s->expr);
    gb_puts(&b, ":describe()");
    char *bexpr = gb_finish(&b);
    sheet *ds = sheet_new(SHEET_DESCRIBE, f, bexpr);
    if (ds)
        ds->below = g->depth - 1;
    return push(g, ds, "describe");
}

static int do_enter(lt_grid *g)
{
    sheet *s = top(g);
    if (s->kind == SHEET_ROWS)
        return 0;
    if (s->frame->nrow == 0)
        return LT_W_HANDLED;
    if (s->kind == SHEET_FREQ) {
        char *cond = grid_filter_eq(s->frame->cols[0], s->row, s->fname);
        if (!cond) {
            error_msg(g, "filter");
            return LT_W_HANDLED | LT_W_REDRAW;
        }
        int r = do_filter(g, g->st[s->below], cond);
        free(cond);
        return r;
    }
    /* describe: back to the described sheet, on that column */
    int ci = lt_frame_index(s->frame, "column");
    const char *name = ci >= 0 && s->frame->cols[ci]->type == LT_STR
                       ? lt_col_get_str(s->frame->cols[ci], s->row, NULL) : NULL;
    sheet *b = g->st[s->below];
    int j = name ? lt_frame_index(b->frame, name) : -1;
    if (j < 0) {
        set_msg(g, true, "no column '%s' in %s", name ? name : "NA", b->expr);
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    int below = s->below;   /* s goes with the pops */
    while (g->depth - 1 > below)
        pop(g);
    b->col = j;
    return LT_W_HANDLED | LT_W_REDRAW;
}

/* ---- search ------------------------------------------------------------- */

/* Casefolded copy of s (utf8proc; invalid UTF-8 kept byte for byte with
 * ASCII lowered), or NULL without memory. */
static char *fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) >= 0)
        return (char *)out;
    free(out);
    char *d = dupstr(s);
    for (char *p = d; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return d;
}

bool grid_match(const char *text, const char *pat)
{
    bool ascii = true;
    for (const char *p = text; *p && ascii; p++)
        ascii = (unsigned char)*p < 0x80;
    if (ascii) {
        /* the common case without an allocation */
        size_t n = strlen(text), m = strlen(pat);
        for (size_t i = 0; i + m <= n; i++) {
            size_t k = 0;
            while (k < m) {
                char c = text[i + k];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c - 'A' + 'a');
                if (c != pat[k])
                    break;
                k++;
            }
            if (k == m)
                return true;
        }
        return false;
    }
    char *f = fold(text);
    bool r = f && strstr(f, pat) != NULL;
    free(f);
    return r;
}

/* Value i of c matches the pattern; str values are looked up once per
 * dictionary entry through memo (-1 unknown, 0, 1). */
static bool row_matches(lt_grid *g, const lt_col *c, int64_t i, int8_t *memo)
{
    if (memo && !lt_col_is_na(c, i)) {
        int32_t code = lt_col_codes(c)[i];
        if (memo[code] < 0)
            memo[code] = grid_match(grid_cell_text(g, c, i), g->pattern);
        return memo[code] == 1;
    }
    return grid_match(grid_cell_text(g, c, i), g->pattern);
}

/* Move to the next (dir 1) or previous (dir -1) match of the pattern in
 * the current column, after the cursor, wrapping (the cursor's own row
 * comes last). */
static int do_search(lt_grid *g, int dir)
{
    sheet *s = top(g);
    if (!g->pattern) {
        set_msg(g, false, "no search yet: / searches the current column");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    int64_t n = s->frame->nrow;
    if (s->frame->ncol == 0 || n == 0) {
        set_msg(g, false, "nothing to search");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    const lt_col *c = s->frame->cols[s->col];
    int8_t *memo = NULL;
    if (c->type == LT_STR) {
        int32_t k = lt_dict_size(c->dict);
        memo = malloc((size_t)(k ? k : 1));
        if (memo)
            memset(memo, -1, (size_t)(k ? k : 1));
    }
    int64_t r = s->row;
    bool wrapped = false, found = false;
    for (int64_t k = 0; k < n && !found; k++) {
        r += dir;
        if (r == n || r < 0) {
            r = r < 0 ? n - 1 : 0;
            wrapped = true;
        }
        found = row_matches(g, c, r, memo);
    }
    free(memo);
    if (!found) {
        set_msg(g, false, "no match in %s", s->frame->names[s->col]);
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    s->row = r;
    grid_scroll_to_cursor(s, grid_data_rows(g->base.h));
    if (wrapped)
        set_msg(g, false, dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
    return LT_W_HANDLED | LT_W_REDRAW;
}

/* ---- the summary box ---------------------------------------------------- */

static void box_free(lt_grid *g)
{
    for (int i = 0; i < g->nbox; i++) {
        free(g->box[i].label);
        free(g->box[i].value);
    }
    free(g->box);
    free(g->box_title);
    g->box = NULL;
    g->box_title = NULL;
    g->nbox = 0;
}

/* A number for the box: integers in full (below 1e15), others with
 * GRID_SIGFIG digits. */
static void fmt_num(char *buf, size_t cap, double v)
{
    if (isnan(v))
        snprintf(buf, cap, "NA");
    else if (isinf(v))
        snprintf(buf, cap, v > 0 ? "Inf" : "-Inf");
    else if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.*g", GRID_SIGFIG, v);
}

static void fmt_time(char *buf, size_t cap, double v, lt_time_kind k)
{
    if (isnan(v))
        snprintf(buf, cap, "NA");
    else
        lt_time_format((int64_t)llround(v), k, buf, cap);
}

static bool box_add(lt_grid *g, const char *label, const char *value)
{
    boxline *b = realloc(g->box, (size_t)(g->nbox + 1) * sizeof *b);
    if (!b)
        return false;
    g->box = b;
    b[g->nbox].label = dupstr(label);
    b[g->nbox].value = dupstr(value);
    g->nbox++;
    return b[g->nbox - 1].label && b[g->nbox - 1].value;
}

static int do_summary(lt_grid *g)
{
    sheet *s = top(g);
    if (s->frame->ncol == 0) {
        set_msg(g, false, "no column to summarize");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    const lt_col *c = s->frame->cols[s->col];
    char v[96];
    bool ok = true;
    gbuf t = {0};
    gb_printf(&t, "%s <%s>", s->frame->names[s->col], lt_col_type_label(c));
    g->box_title = gb_finish(&t);
    ok = g->box_title != NULL;
    snprintf(v, sizeof v, "%" PRId64, c->n - c->nmiss);
    ok = ok && box_add(g, "count", v);
    snprintf(v, sizeof v, "%" PRId64, c->nmiss);
    ok = ok && box_add(g, "missing", v);
    int64_t nu = lt_col_n_unique(c, false);
    ok = ok && nu >= 0;
    snprintf(v, sizeof v, "%" PRId64, nu);
    ok = ok && box_add(g, "unique", v);
    if (ok && c->type != LT_STR) {
        static const double probs[3] = {0.25, 0.5, 0.75};
        static const char *const qnames[3] = {"25%", "50%", "75%"};
        lt_summary sm;
        double q[3];
        ok = lt_col_summary(c, probs, 3, &sm, q) == 0;
        if (ok && c->type == LT_TIME) {
            fmt_time(v, sizeof v, sm.min, c->tkind);
            ok = box_add(g, "min", v);
            for (int k = 0; k < 3 && ok; k++) {
                fmt_time(v, sizeof v, q[k], c->tkind);
                ok = box_add(g, qnames[k], v);
            }
            fmt_time(v, sizeof v, sm.max, c->tkind);
            ok = ok && box_add(g, "max", v);
        } else if (ok && c->type == LT_BOOL) {
            fmt_num(v, sizeof v, sm.mean);
            ok = box_add(g, "mean", v);
        } else if (ok) {
            fmt_num(v, sizeof v, sm.mean);
            ok = box_add(g, "mean", v);
            fmt_num(v, sizeof v, sm.std);
            ok = ok && box_add(g, "sd", v);
            int64_t mn = 0, mx = 0;
            bool pmn = false, pmx = false;
            /* i64 extremes exactly, beyond 2^53 too */
            if (c->type == LT_I64) {
                lt_col_reduce_i64(c, LT_MIN, true, &mn, &pmn);
                lt_col_reduce_i64(c, LT_MAX, true, &mx, &pmx);
            }
            if (pmn)
                snprintf(v, sizeof v, "%" PRId64, mn);
            else
                fmt_num(v, sizeof v, sm.min);
            ok = ok && box_add(g, "min", v);
            for (int k = 0; k < 3 && ok; k++) {
                fmt_num(v, sizeof v, q[k]);
                ok = box_add(g, qnames[k], v);
            }
            if (pmx)
                snprintf(v, sizeof v, "%" PRId64, mx);
            else
                fmt_num(v, sizeof v, sm.max);
            ok = ok && box_add(g, "max", v);
        }
    }
    if (ok && (c->type == LT_STR || c->type == LT_BOOL || c->type == LT_TIME) && c->n > c->nmiss) {
        lt_frame *cf = lt_col_counts(c, true);
        ok = cf != NULL && box_add(g, "top values", "");
        for (int64_t i = 0; ok && i < cf->nrow && i < 5; i++) {
            int64_t n = lt_col_i64(cf->cols[1])[i];
            snprintf(v, sizeof v, "%" PRId64 "  %5.1f%%", n, 100.0 * (double)n / (double)c->n);
            ok = box_add(g, grid_cell_text(g, cf->cols[0], i), v);
        }
        lt_frame_free(cf);
    }
    if (!ok) {
        box_free(g);
        error_msg(g, "summary");
    }
    return LT_W_HANDLED | LT_W_REDRAW;
}

/* ---- prompts ------------------------------------------------------------ */

static int start_prompt(lt_grid *g, int which)
{
    sheet *s = top(g);
    lt_lineedit *e = which == PROMPT_SEARCH ? g->search_ed : g->filter_ed;
    char *text = NULL;
    if (which == PROMPT_FILTER && s->frame->ncol > 0 && s->frame->nrow > 0) {
        text = grid_filter_eq(s->frame->cols[s->col], s->row, s->frame->names[s->col]);
        if (!text) {
            error_msg(g, "filter");
            return LT_W_HANDLED | LT_W_REDRAW;
        }
    }
    int r = lt_lineedit_start(e, which == PROMPT_SEARCH ? "/" : "filter: ", text);
    free(text);
    if (r < 0) {
        error_msg(g, which == PROMPT_SEARCH ? "search" : "filter");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    g->prompt = which;
    return LT_W_HANDLED | LT_W_REDRAW;
}

static int prompt_key(lt_grid *g, const lt_key_event *ev)
{
    if (ev->key == LT_KEY_WHEEL_UP || ev->key == LT_KEY_WHEEL_DOWN || ev->key == LT_KEY_CLICK)
        return LT_W_HANDLED;
    int which = g->prompt;
    lt_lineedit *e = which == PROMPT_SEARCH ? g->search_ed : g->filter_ed;
    int r = lt_lineedit_key(e, ev);
    if (!(r & LT_W_CLOSE))
        return LT_W_HANDLED | (r & LT_W_REDRAW);
    g->prompt = PROMPT_NONE;
    const char *text = lt_lineedit_text(e);
    if (!lt_lineedit_accepted(e) || !text || !*text)
        return LT_W_HANDLED | LT_W_REDRAW;
    if (which == PROMPT_FILTER)
        return do_filter(g, top(g), text);
    char *p = fold(text);
    if (!p) {
        error_msg(g, "search");
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    free(g->pattern);
    g->pattern = p;
    return do_search(g, 1);
}

/* ---- keys --------------------------------------------------------------- */

void grid_scroll_to_cursor(sheet *s, int rows)
{
    int64_t n = s->frame->nrow;
    if (s->row >= n)
        s->row = n - 1;
    if (s->row < 0)
        s->row = 0;
    if (s->frame->ncol == 0)
        s->col = 0;
    else if (s->col >= s->frame->ncol)
        s->col = s->frame->ncol - 1;
    if (s->col < 0)
        s->col = 0;
    if (rows < 1)
        rows = 1;
    if (s->top > s->row)
        s->top = s->row;
    if (s->top < s->row - rows + 1)
        s->top = s->row - rows + 1;
    /* no blank screen below the last row when it can be filled */
    if (s->top > n - rows)
        s->top = n - rows;
    if (s->top < 0)
        s->top = 0;
}

static int move(lt_grid *g, int64_t drow, int dcol)
{
    sheet *s = top(g);
    int64_t n = s->frame->nrow;
    /* saturating, so that G's INT64_MAX cannot overflow */
    if (drow > 0)
        s->row = drow >= n - s->row ? n - 1 : s->row + drow;
    else if (drow < 0)
        s->row = -drow > s->row ? 0 : s->row + drow;
    s->col += dcol;
    grid_scroll_to_cursor(s, grid_data_rows(g->base.h));
    return LT_W_HANDLED | LT_W_REDRAW;
}

static int page(lt_grid *g, int dir)
{
    sheet *s = top(g);
    int rows = grid_data_rows(g->base.h);
    if (rows < 1)
        rows = 1;
    s->top += dir * (int64_t)rows;
    return move(g, dir * (int64_t)rows, 0);
}

static int wheel(lt_grid *g, int dir)
{
    sheet *s = top(g);
    int rows = grid_data_rows(g->base.h);
    int64_t maxtop = s->frame->nrow - rows;
    s->top += dir * GRID_WHEEL;
    if (s->top > maxtop)
        s->top = maxtop;
    if (s->top < 0)
        s->top = 0;
    /* the cursor stays on screen, as in a pager */
    if (s->row < s->top)
        s->row = s->top;
    if (rows > 0 && s->row > s->top + rows - 1)
        s->row = s->top + rows - 1;
    return move(g, 0, 0);
}

static int click(lt_grid *g, int x, int y)
{
    sheet *s = top(g);
    int h = g->base.h;
    if (y < 0 || y >= h - 1 || x < 0)
        return LT_W_HANDLED;
    if (x < g->xcol_w && g->xcol[x] >= 0)
        s->col = g->xcol[x];
    if (y >= 2 && s->top + (y - 2) < s->frame->nrow)
        s->row = s->top + (y - 2);
    return move(g, 0, 0);
}

static int dispatch(lt_grid *g, const lt_key_event *ev)
{
    sheet *s = top(g);
    switch (ev->key) {
    case LT_KEY_UP: case 'k': return move(g, -1, 0);
    case LT_KEY_DOWN: case 'j': return move(g, 1, 0);
    case LT_KEY_LEFT: case 'h': return move(g, 0, -1);
    case LT_KEY_RIGHT: case 'l': return move(g, 0, 1);
    case LT_KEY_PGUP: return page(g, -1);
    case LT_KEY_PGDN: case ' ': return page(g, 1);
    case LT_KEY_HOME: case LT_KEY_CTRL_HOME: case 'g': return move(g, INT64_MIN + 1, 0);
    case LT_KEY_END: case LT_KEY_CTRL_END: case 'G': return move(g, INT64_MAX, 0);
    case '^': return move(g, 0, -s->col);
    case '$': return move(g, 0, s->frame->ncol - 1 - s->col);
    case '[': return do_sort(g, false);
    case ']': return do_sort(g, true);
    case '/': return start_prompt(g, PROMPT_SEARCH);
    case 'n': return do_search(g, 1);
    case 'N': return do_search(g, -1);
    case 'f': return start_prompt(g, PROMPT_FILTER);
    case 'F': return do_freq(g);
    case 'I': return do_describe(g);
    case 's': return do_summary(g);
    case LT_KEY_ENTER: return do_enter(g);
    case 'q': case LT_KEY_ESC:
        if (g->depth == 1)
            return LT_W_HANDLED | LT_W_CLOSE;
        pop(g);
        return LT_W_HANDLED | LT_W_REDRAW;
    case LT_KEY_WHEEL_UP: return wheel(g, -1);
    case LT_KEY_WHEEL_DOWN: return wheel(g, 1);
    case LT_KEY_CLICK: return click(g, ev->x, ev->y);
    default: return 0;
    }
}

static int on_key(lt_widget *w, const lt_key_event *ev)
{
    lt_grid *g = (lt_grid *)w;
    free(g->record);
    g->record = NULL;
    if (g->prompt != PROMPT_NONE)
        return prompt_key(g, ev);
    if (g->box) {
        box_free(g);
        return LT_W_HANDLED | LT_W_REDRAW;
    }
    /* a message lasts until the next key the grid takes */
    char *old = g->msg;
    g->msg = NULL;
    int r = dispatch(g, ev);
    if (!(r & LT_W_HANDLED) && !g->msg) {
        g->msg = old;
        return r;
    }
    if (old)
        r |= LT_W_REDRAW;
    free(old);
    return r;
}

/* ---- the widget --------------------------------------------------------- */

static void draw(lt_widget *w, lt_canvas *c)
{
    grid_draw((lt_grid *)w, c);
}

static void resize(lt_widget *w, int width, int height)
{
    lt_grid *g = (lt_grid *)w;
    (void)width;
    for (int i = 0; i < g->depth; i++)
        grid_scroll_to_cursor(g->st[i], grid_data_rows(height));
}

static bool cursor(lt_widget *w, int *x, int *y)
{
    lt_grid *g = (lt_grid *)w;
    if (g->prompt == PROMPT_NONE || w->h < 1)
        return false;
    *x = g->prompt_x;
    *y = w->h - 1;
    return true;
}

static void grid_free(lt_widget *w)
{
    lt_grid *g = (lt_grid *)w;
    while (g->depth > 0)
        pop(g);
    free(g->st);
    for (char **r = g->reserved; r && *r; r++)
        free(*r);
    free(g->reserved);
    free(g->record);
    lt_lineedit_free(g->search_ed);
    lt_lineedit_free(g->filter_ed);
    free(g->pattern);
    free(g->msg);
    box_free(g);
    free(g->xcol);
    free(g->fbuf);
    free(g);
}

static const lt_widget_ops grid_ops = {
    "grid", draw, on_key, resize, cursor, grid_free
};

lt_grid *lt_grid_new(const lt_frame *f, const char *expr, const lt_grid_opts *opts)
{
    lt_grid *g = calloc(1, sizeof *g);
    if (!g) {
        lt_nomem();
        return NULL;
    }
    g->base.ops = &grid_ops;
    g->base.w = g->base.h = 1;
    g->cap = 4;
    g->st = malloc((size_t)g->cap * sizeof *g->st);
    g->search_ed = lt_lineedit_new();
    g->filter_ed = lt_lineedit_new();
    bool ok = g->st && g->search_ed && g->filter_ed;
    int nres = 0;
    while (opts && opts->reserved && opts->reserved[nres])
        nres++;
    g->reserved = ok ? calloc((size_t)nres + 1, sizeof *g->reserved) : NULL;
    ok = g->reserved != NULL;
    for (int i = 0; ok && i < nres; i++)
        ok = (g->reserved[i] = dupstr(opts->reserved[i])) != NULL;
    if (ok) {
        sheet *s = sheet_new(SHEET_ROWS, lt_frame_copy(f), dupstr(expr ? expr : "df"));
        ok = s != NULL;
        if (ok)
            g->st[g->depth++] = s;
    }
    if (!ok) {
        lt_nomem();
        grid_free(&g->base);
        return NULL;
    }
    return g;
}

lt_widget *lt_grid_widget(lt_grid *g)
{
    return &g->base;
}

char *lt_grid_take_record(lt_grid *g)
{
    char *r = g->record;
    g->record = NULL;
    return r;
}

int lt_grid_depth(const lt_grid *g) { return g->depth; }
const lt_frame *lt_grid_frame(const lt_grid *g) { return top(g)->frame; }
const char *lt_grid_expr(const lt_grid *g) { return top(g)->expr; }

void lt_grid_cursor(const lt_grid *g, int64_t *row, int *col)
{
    const sheet *s = top(g);
    if (row)
        *row = s->row;
    if (col)
        *col = s->col;
}
