/* Drawing the grid (grid.h) onto its canvas: frozen header, type row and
 * row numbers, the cells on screen (the only ones formatted), fitted
 * column widths, the frequency sheet's percent and bars, the status row
 * and the summary box. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid_priv.h"

static const uint32_t ELLIPSIS = 0x2026;

static int digits(int64_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static bool right_aligned(const lt_col *c)
{
    return c->type == LT_F64 || c->type == LT_I64;
}

/* t in the `cw` cells from x, left or right aligned; text wider than cw
 * ends in "…", and so does a column cut by the canvas's edge when the
 * text goes past it. */
static void put_text(lt_canvas *c, int x, int y, int cw, const char *t, bool right,
                     const lt_rgb *fg, uint8_t flags)
{
    if (cw <= 0 || x >= c->w)
        return;
    int tw = lt_text_width(t);
    bool cut = tw > cw;
    int shown = cut ? cw : tw;   /* cells taken, the "…" included */
    int start = right && !cut ? x + cw - tw : x;
    if (start + shown > c->w) {
        int room = c->w - 1 - start;
        int used = room > 0 ? lt_canvas_text(c, start, y, t, room, fg, flags) : 0;
        lt_canvas_put(c, room >= 0 ? start + used : c->w - 1, y, ELLIPSIS, fg, flags);
        return;
    }
    if (!cut) {
        lt_canvas_text(c, start, y, t, tw, fg, flags);
        return;
    }
    int used = lt_canvas_text(c, x, y, t, cw - 1, fg, flags);
    lt_canvas_put(c, x + used, y, ELLIPSIS, fg, flags);
}

static void or_flags(lt_canvas *c, int x, int y, int w, uint8_t flags)
{
    if (y < 0 || y >= c->h)
        return;
    for (int i = x < 0 ? 0 : x; i < x + w && i < c->w; i++)
        c->cells[(size_t)y * (size_t)c->w + (size_t)i].flags |= flags;
}

/* ---- widths ------------------------------------------------------------- */

/* A decimal as lt_value_format writes it ("-12.50", "3"): its integer
 * part's and fraction's (with the point) widths.  False for others
 * ("1e+20", "Inf", "NA"). */
static bool split_decimal(const char *t, int *lw, int *rw)
{
    const char *p = t;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    const char *dot = p;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return false;
    *lw = (int)(dot - t);
    *rw = (int)(p - dot);
    return true;
}

static void measure(lt_grid *g, colfit *f, const lt_col *c, int64_t i)
{
    const char *t = grid_cell_text(g, c, i);
    int lw, rw, w;
    if (c->type == LT_F64 && split_decimal(t, &lw, &rw)) {
        if (lw > f->lw)
            f->lw = lw;
        if (rw > f->rw)
            f->rw = rw;
        w = f->lw + f->rw;
    } else {
        w = lt_text_width(t);
    }
    if (w > f->w)
        f->w = w > GRID_MAX_CELL ? GRID_MAX_CELL : w;
}

/* The width of column j: its name, type, first rows and the rows on
 * screen [top, top + nvis). */
static int fit_col(lt_grid *g, sheet *s, int j, int64_t top, int64_t nvis)
{
    colfit *f = &s->fit[j];
    const lt_col *c = s->frame->cols[j];
    if (!f->fitted) {
        f->fitted = true;
        int nw = lt_text_width(s->frame->names[j]);
        int tw = (int)strlen(lt_col_type_label(c)) + 2;   /* "<...>" */
        f->w = nw > tw ? nw : tw;
        if (f->w > GRID_MAX_CELL)
            f->w = GRID_MAX_CELL;
        int64_t n = c->n < GRID_FIT_ROWS ? c->n : GRID_FIT_ROWS;
        for (int64_t i = 0; i < n; i++)
            measure(g, f, c, i);
    }
    if (nvis > 0 && (f->vtop != top || f->vn != nvis)) {
        for (int64_t i = top; i < top + nvis; i++)
            measure(g, f, c, i);
        f->vtop = top;
        f->vn = nvis;
    }
    return f->w;
}

/* ---- cells -------------------------------------------------------------- */

static void draw_column(lt_grid *g, lt_canvas *c, sheet *s, int j, int x, int cw,
                        int64_t nvis)
{
    const lt_col *col = s->frame->cols[j];
    bool right = right_aligned(col), cur = j == s->col;
    put_text(c, x, 0, cw, s->frame->names[j], right, cur ? &LT_UI_ACCENT : NULL,
             LT_CELL_BOLD);
    if (c->h > 2) {
        char label[16];   /* "<f64>", "<datetime>" */
        snprintf(label, sizeof label, "<%s>", lt_col_type_label(col));
        put_text(c, x, 1, cw, label, right, NULL, LT_CELL_DIM);
    }
    /* decimals line up on their point: the widest fraction on screen */
    int vrw = 0, lw, rw;
    for (int64_t k = 0; col->type == LT_F64 && k < nvis; k++)
        if (split_decimal(grid_cell_text(g, col, s->top + k), &lw, &rw) && rw > vrw)
            vrw = rw;
    for (int64_t k = 0; k < nvis; k++) {
        int64_t i = s->top + k;
        int y = 2 + (int)k;
        const char *t = grid_cell_text(g, col, i);
        if (g->pattern && cur && grid_match(t, g->pattern))
            lt_canvas_fill_bg(c, x, y, cw, 1, LT_UI_MATCH_BG);
        if (lt_col_is_na(col, i)) {
            put_text(c, x, y, cw, t, right, NULL, LT_CELL_DIM);
        } else if (vrw > 0 && split_decimal(t, &lw, &rw)) {
            /* "3" beside "29.85" shows as 3.00, the added zeros dimmed */
            char pad[48];
            int np = 0, zeros = vrw - (rw ? rw : 1);
            if (rw == 0)
                pad[np++] = '.';
            while (zeros-- > 0 && np < (int)sizeof pad - 1)
                pad[np++] = '0';
            pad[np] = '\0';
            int tw = lw + rw;
            if (tw + np <= cw && x + cw <= c->w) {
                int x0 = x + cw - tw - np;
                lt_canvas_text(c, x0, y, t, tw, NULL, 0);
                lt_canvas_text(c, x0 + tw, y, pad, np, NULL, LT_CELL_DIM);
            } else {
                put_text(c, x, y, cw, t, right, NULL, 0);
            }
        } else {
            put_text(c, x, y, cw, t, right, NULL, 0);
        }
        if (i == s->row && cur)
            or_flags(c, x, y, cw, LT_CELL_REVERSE);
    }
}

/* The frequency sheet's percent of the rows counted and a bar
 * proportional to the count, after its columns. */
static void draw_freq_extras(lt_canvas *c, sheet *s, int x, int64_t nvis)
{
    if (s->frame->ncol < 2 || s->frame->cols[1]->type != LT_I64)
        return;
    const int64_t *n = lt_col_i64(s->frame->cols[1]);
    enum { PCT_W = 7 };
    put_text(c, x, 0, PCT_W, "percent", true, NULL, LT_CELL_BOLD);
    char buf[32];
    for (int64_t k = 0; k < nvis; k++) {
        int64_t i = s->top + k;
        double p = s->ftotal > 0 ? 100.0 * (double)n[i] / (double)s->ftotal : 0;
        snprintf(buf, sizeof buf, "%.2f", p);
        put_text(c, x, 2 + (int)k, PCT_W, buf, true, NULL, 0);
    }
    x += PCT_W + 1;
    int bw = c->w - x;
    if (bw > GRID_BAR_MAX)
        bw = GRID_BAR_MAX;
    if (bw <= 0 || s->fmax <= 0)
        return;
    /* eighths of a cell: U+258F is one eighth ... U+2589 seven */
    for (int64_t k = 0; k < nvis; k++) {
        int64_t i = s->top + k;
        int64_t e = (int64_t)((double)n[s->top + k] / (double)s->fmax * bw * 8 + 0.5);
        if (n[i] > 0 && e == 0)
            e = 1;   /* a value that occurs shows */
        int y = 2 + (int)k, cx = x;
        for (; e >= 8; e -= 8)
            lt_canvas_put(c, cx++, y, 0x2588, &LT_UI_ACCENT, 0);
        if (e > 0)
            lt_canvas_put(c, cx, y, 0x2590 - (uint32_t)e, &LT_UI_ACCENT, 0);
    }
}

/* ---- the status row ----------------------------------------------------- */

static const char *const hints_rows[] = {
    "[ ] sort", "/ search", "f filter", "F freq", "I describe", "s stats", "q back", NULL
};
static const char *const hints_freq[] = {
    "Enter rows", "[ ] sort", "/ search", "f filter", "s stats", "q back", NULL
};
static const char *const hints_describe[] = {
    "Enter column", "[ ] sort", "/ search", "f filter", "q back", NULL
};

static void draw_status(lt_grid *g, lt_canvas *c, sheet *s)
{
    int y = c->h - 1, W = c->w;
    lt_canvas_fill_bg(c, 0, y, W, 1, LT_UI_HEADER_BG);
    if (g->prompt != PROMPT_NONE) {
        lt_lineedit *e = g->prompt == PROMPT_SEARCH ? g->search_ed : g->filter_ed;
        g->prompt_x = lt_lineedit_draw(e, c, 0, y, W);
        return;
    }
    char pos[96];
    int64_t n = s->frame->nrow;
    int nc = s->frame->ncol;
    int pw = snprintf(pos, sizeof pos, "row %" PRId64 "/%" PRId64 "  col %d/%d",
                      n ? s->row + 1 : 0, n, nc ? s->col + 1 : 0, nc);
    int avail = W;
    if (pw + 1 <= W) {
        lt_canvas_text(c, W - pw, y, pos, pw, NULL, 0);
        avail = W - pw - 2;
    }
    if (g->msg) {
        put_text(c, 0, y, avail, g->msg, false, g->msg_err ? &LT_UI_ERROR : NULL,
                 g->msg_err ? LT_CELL_BOLD : 0);
        return;
    }
    put_text(c, 0, y, avail, s->expr, false, NULL, LT_CELL_BOLD);
    int x = lt_text_width(s->expr) + 3;
    const char *const *h = s->kind == SHEET_FREQ ? hints_freq
                         : s->kind == SHEET_DESCRIBE ? hints_describe : hints_rows;
    for (; *h; h++) {
        int hw = (int)strlen(*h);
        if (x + hw > avail)
            break;
        lt_canvas_text(c, x, y, *h, hw, NULL, LT_CELL_DIM);
        x += hw + 2;
    }
}

/* ---- the summary box ---------------------------------------------------- */

static void draw_box(lt_grid *g, lt_canvas *c)
{
    enum { LABEL_MAX = 30 };
    int lw = 0, vw = 0;
    for (int i = 0; i < g->nbox; i++) {
        int a = lt_text_width(g->box[i].label), b = lt_text_width(g->box[i].value);
        if (a > lw)
            lw = a;
        if (b > vw)
            vw = b;
    }
    if (lw > LABEL_MAX)
        lw = LABEL_MAX;
    int inner = lw + 2 + vw, tw = lt_text_width(g->box_title) + 2;
    if (inner < tw)
        inner = tw;
    int bw = inner + 4, bh = g->nbox + 2;
    int area = c->h - 1;   /* above the status row */
    if (bw > c->w)
        bw = c->w;
    if (bh > area)
        bh = area;
    if (bw < 2 || bh < 2)
        return;
    int bx = (c->w - bw) / 2, by = (area - bh) / 2;
    /* blank inside, and a blank cell each side to set it off the grid */
    for (int y = by; y < by + bh; y++)
        for (int x = bx - 1; x < bx + bw + 1; x++)
            lt_canvas_put(c, x, y, ' ', NULL, 0);
    lt_canvas_fill_bg(c, bx, by, bw, bh, LT_UI_HEADER_BG);
    for (int x = bx + 1; x < bx + bw - 1; x++) {
        lt_canvas_put(c, x, by, 0x2500, NULL, 0);
        lt_canvas_put(c, x, by + bh - 1, 0x2500, NULL, 0);
    }
    for (int y = by + 1; y < by + bh - 1; y++) {
        lt_canvas_put(c, bx, y, 0x2502, NULL, 0);
        lt_canvas_put(c, bx + bw - 1, y, 0x2502, NULL, 0);
    }
    lt_canvas_put(c, bx, by, 0x250C, NULL, 0);
    lt_canvas_put(c, bx + bw - 1, by, 0x2510, NULL, 0);
    lt_canvas_put(c, bx, by + bh - 1, 0x2514, NULL, 0);
    lt_canvas_put(c, bx + bw - 1, by + bh - 1, 0x2518, NULL, 0);
    if (bw > 4) {
        lt_canvas_put(c, bx + 1, by, ' ', NULL, 0);
        int used = lt_canvas_text(c, bx + 2, by, g->box_title, bw - 5, &LT_UI_ACCENT, LT_CELL_BOLD);
        lt_canvas_put(c, bx + 2 + used, by, ' ', NULL, 0);
    }
    int iw = bw - 4;   /* inside the borders and their padding */
    for (int i = 0; i < g->nbox && i < bh - 2; i++) {
        int y = by + 1 + i;
        const boxline *l = &g->box[i];
        int vlen = lt_text_width(l->value);
        bool section = !*l->value;   /* "top values" */
        int lmax = iw - (vlen ? vlen + 2 : 0);
        if (lmax > LABEL_MAX)
            lmax = LABEL_MAX;
        put_text(c, bx + 2, y, lmax, l->label, false, NULL, section ? LT_CELL_BOLD : 0);
        if (vlen && vlen <= iw)
            lt_canvas_text(c, bx + 2 + iw - vlen, y, l->value, vlen, NULL, 0);
    }
}

/* ---- the whole ---------------------------------------------------------- */

void grid_draw(lt_grid *g, lt_canvas *c)
{
    sheet *s = g->st[g->depth - 1];
    int W = c->w, H = c->h, rows = grid_data_rows(H);
    grid_scroll_to_cursor(s, rows);
    if (g->xcol_w != W) {
        int *xc = realloc(g->xcol, (size_t)W * sizeof *xc);
        if (!xc) {
            free(g->xcol);
            g->xcol_w = 0;
        }
        g->xcol = xc;
        g->xcol_w = xc ? W : 0;
    }
    for (int x = 0; x < g->xcol_w; x++)
        g->xcol[x] = -1;
    const lt_frame *f = s->frame;
    int64_t nvis = f->nrow - s->top < rows ? f->nrow - s->top : rows;
    if (nvis < 0)
        nvis = 0;
    if (H >= 2) {
        lt_canvas_fill_bg(c, 0, 0, W, 1, LT_UI_HEADER_BG);
        int gutter = digits(f->nrow), gx = gutter + 1;
        char num[24];
        if (nvis > 0)
            lt_canvas_fill_bg(c, 0, 2 + (int)(s->row - s->top), W, 1, LT_UI_SELECT_BG);
        for (int64_t k = 0; k < nvis; k++) {
            int64_t i = s->top + k;
            snprintf(num, sizeof num, "%" PRId64, i + 1);
            put_text(c, 0, 2 + (int)k, gutter, num, true, NULL,
                     i == s->row ? LT_CELL_BOLD : LT_CELL_DIM);
        }
        if (f->ncol == 0) {
            if (rows > 0)
                lt_canvas_text(c, gx, 2, "(no columns)", W, NULL, LT_CELL_DIM);
        } else {
            /* the first column on screen: the cursor's column fits whole
             * when it can */
            if (s->left > s->col)
                s->left = s->col;
            /* walking left from the cursor measures only columns that
             * show, however far it jumped */
            int first = s->col, used = gx + fit_col(g, s, s->col, s->top, nvis);
            while (first > s->left) {
                int wprev = fit_col(g, s, first - 1, s->top, nvis);
                if (used + 1 + wprev > W)
                    break;
                used += 1 + wprev;
                first--;
            }
            s->left = first;
            int x = gx, j = s->left;
            for (; j < f->ncol && x < W; j++) {
                int cw = fit_col(g, s, j, s->top, nvis);
                draw_column(g, c, s, j, x, cw, nvis);
                for (int k = x; k < x + cw && k < g->xcol_w; k++)
                    g->xcol[k] = j;
                x += cw + 1;
            }
            if (s->kind == SHEET_FREQ && j == f->ncol && x < W)
                draw_freq_extras(c, s, x, nvis);
            if (f->nrow == 0 && rows > 0)
                lt_canvas_text(c, gx, 2, "(no rows)", W, NULL, LT_CELL_DIM);
        }
    }
    if (H >= 1)
        draw_status(g, c, s);
    if (g->box)
        draw_box(g, c);
}
