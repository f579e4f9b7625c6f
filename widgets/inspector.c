/* The inspector pane (inspector.h): the workspace's variables as a list
 * with a header row, a selection that survives updates, and Enter/F4 to
 * open a frame. */
#include "inspector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

enum {
    GAP = 2,        /* cells between columns */
    WHEEL_ROWS = 3,
    TYPE_MIN = 5    /* a narrower type column goes rather than being cut */
};

typedef struct item {
    char *name, *type, *shape;   /* shape may be NULL */
    char mem[16];                /* lt_format_bytes, "" when unknown */
    bool viewable;
} item;

struct lt_inspector {
    lt_widget base;
    item *items;
    int n;
    int sel;        /* -1 when empty */
    int top;        /* first item shown */
    char *open;     /* the name Enter asked for, until taken */
};

static void free_items(item *it, int n)
{
    for (int i = 0; i < n; i++) {
        free(it[i].name);
        free(it[i].type);
        free(it[i].shape);
    }
    free(it);
}

/* ---- bytes ----------------------------------------------------------- */

/* Binary units (1 KB = 1024 bytes, as R's object.size and pandas report
 * memory), at most three digits: 999 B, then 0.98 KB. */
void lt_format_bytes(size_t bytes, char *buf, size_t cap)
{
    static const char *const unit[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    if (buf == NULL || cap == 0)
        return;
    double v = (double)bytes;
    int u = 0;
    while (v >= 999.5 && u < 6) {
        v /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, cap, "%zu B", bytes);
    else if (v < 0.995)
        snprintf(buf, cap, "%.2f %s", v, unit[u]);
    else if (v < 9.95)
        snprintf(buf, cap, "%.1f %s", v, unit[u]);
    else
        snprintf(buf, cap, "%.0f %s", v, unit[u]);
}

/* ---- layout ---------------------------------------------------------- */

typedef struct layout {
    int x[4], w[4];   /* name, type, shape, memory; w 0: not shown */
} layout;

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

/* Columns at their natural widths when they fit in W; else memory goes,
 * then the type; then the name is held to 2/5 of the width and type, then shape, take
 * what is left (the shape in no fewer than 3 cells; when the type would
 * be cut below 5 cells the name takes the row alone). */
static layout lay_out(const lt_inspector *in, int W)
{
    int nat[4] = {4, 4, 5, 6};   /* the header words */
    for (int i = 0; i < in->n; i++) {
        const item *it = &in->items[i];
        nat[0] = imax(nat[0], lt_text_width(it->name));
        nat[1] = imax(nat[1], lt_text_width(it->type));
        nat[2] = imax(nat[2], lt_text_width(it->shape));
        nat[3] = imax(nat[3], lt_text_width(it->mem));
    }
    layout L = {{0}, {0}};
    int avail = W - 1;   /* a margin on the left */
    int total = nat[0] + GAP + nat[1] + GAP + nat[2] + GAP + nat[3];
    if (total <= avail) {
        for (int i = 0; i < 4; i++)
            L.w[i] = nat[i];
    } else if (total - GAP - nat[3] <= avail) {
        for (int i = 0; i < 3; i++)
            L.w[i] = nat[i];
    } else if (nat[0] + GAP + nat[2] <= avail) {   /* the type goes next */
        L.w[0] = nat[0];
        L.w[2] = nat[2];
    } else {
        L.w[0] = imin(nat[0], imax(avail * 2 / 5, avail - nat[1] - GAP - nat[2] - GAP));
        int rest = avail - L.w[0] - GAP;
        if (rest < imin(nat[1], TYPE_MIN)) {   /* the name takes the row */
            L.w[0] = imin(nat[0], imax(avail, 1));
        } else {
            L.w[1] = imin(nat[1], rest);
            rest -= L.w[1] + GAP;
            L.w[2] = rest >= 3 ? imin(nat[2], rest) : 0;
        }
    }
    int x = W > 1 ? 1 : 0;
    for (int i = 0; i < 4; i++) {
        L.x[i] = x;
        if (L.w[i])
            x += L.w[i] + GAP;
    }
    return L;
}

/* ---- drawing --------------------------------------------------------- */

/* Text right-aligned in a column of w cells at x. */
static void put_right(lt_canvas *c, int x, int y, int w, const char *s, uint8_t flags)
{
    int tw = lt_text_width(s);
    if (tw > w)
        lt_widget_put_fit(c, x, y, s, w, false, NULL, flags);
    else
        lt_canvas_text(c, x + w - tw, y, s, w, NULL, flags);
}

/* Rows for items in a pane h rows high (the header needs two). */
static int body_rows(int h)
{
    int rows = h - (h >= 2 ? 1 : 0);
    return rows < 1 ? 1 : rows;
}

/* Keep the selection within `rows` rows from the top. */
static void scroll_to_sel(lt_inspector *in, int rows)
{
    if (in->sel < 0) {
        in->top = 0;
        return;
    }
    if (in->sel < in->top)
        in->top = in->sel;
    if (in->sel >= in->top + rows)
        in->top = in->sel - rows + 1;
    if (in->top > in->n - rows)
        in->top = imax(0, in->n - rows);
    if (in->top < 0)
        in->top = 0;
}

static void in_draw(lt_widget *w, lt_canvas *c)
{
    lt_inspector *in = (lt_inspector *)w;
    layout L = lay_out(in, c->w);
    int y0 = c->h >= 2 ? 1 : 0;
    if (y0) {
        static const char *const head[4] = {"name", "type", "shape", "memory"};
        lt_canvas_fill_bg(c, 0, 0, c->w, 1, LT_UI_HEADER_BG);
        const lt_rgb *fg = w->focused ? &LT_UI_ACCENT : NULL;
        for (int i = 0; i < 4; i++) {
            if (L.w[i] == 0)
                continue;
            if (i == 3)
                lt_canvas_text(c, L.x[i] + L.w[i] - 6, 0, head[i], 6, fg, LT_CELL_BOLD);
            else
                lt_widget_put_fit(c, L.x[i], 0, head[i], imin(L.w[i], c->w - L.x[i]), false,
                                  fg, LT_CELL_BOLD);
        }
    }
    if (in->n == 0) {
        lt_widget_put_fit(c, c->w > 1 ? 1 : 0, y0, "no variables yet", c->w - (c->w > 1), false,
                          NULL, LT_CELL_DIM);
        return;
    }
    scroll_to_sel(in, body_rows(c->h));
    for (int y = y0, i = in->top; y < c->h && i < in->n; y++, i++) {
        const item *it = &in->items[i];
        /* The selection: reverse video when focused (seen without
         * colour), else the selection background. */
        uint8_t sel = 0;
        if (i == in->sel) {
            if (w->focused) {
                sel = LT_CELL_REVERSE;
                for (int x = 0; x < c->w; x++)
                    lt_canvas_put(c, x, y, ' ', NULL, LT_CELL_REVERSE);
            } else {
                lt_canvas_fill_bg(c, 0, y, c->w, 1, LT_UI_SELECT_BG);
            }
        }
        lt_widget_put_fit(c, L.x[0], y, it->name, imin(L.w[0], c->w - L.x[0]), false, NULL,
                          LT_CELL_BOLD | sel);
        if (L.w[1])
            lt_widget_put_fit(c, L.x[1], y, it->type, L.w[1], false, NULL, LT_CELL_DIM | sel);
        if (L.w[2])
            lt_widget_put_fit(c, L.x[2], y, it->shape, L.w[2], false, NULL, sel);
        if (L.w[3])
            put_right(c, L.x[3], y, L.w[3], it->mem, sel);
    }
}

/* ---- keys ------------------------------------------------------------ */

static int select_at(lt_inspector *in, int i)
{
    if (in->n == 0)
        return LT_W_HANDLED;
    i = imax(0, imin(i, in->n - 1));
    if (i == in->sel)
        return LT_W_HANDLED;
    in->sel = i;
    scroll_to_sel(in, body_rows(in->base.h));
    return LT_W_HANDLED | LT_W_REDRAW;
}

static int in_key(lt_widget *w, const lt_key_event *ev)
{
    lt_inspector *in = (lt_inspector *)w;
    int page = body_rows(w->h);
    switch (ev->key) {
    case LT_KEY_UP:
        return select_at(in, in->sel - 1);
    case LT_KEY_DOWN:
        return select_at(in, in->sel + 1);
    case LT_KEY_PGUP:
        return select_at(in, in->sel - page);
    case LT_KEY_PGDN:
        return select_at(in, in->sel + page);
    case LT_KEY_HOME:
        return select_at(in, 0);
    case LT_KEY_END:
        return select_at(in, in->n - 1);
    case LT_KEY_WHEEL_UP:
        return select_at(in, in->sel - WHEEL_ROWS);
    case LT_KEY_WHEEL_DOWN:
        return select_at(in, in->sel + WHEEL_ROWS);
    case LT_KEY_CLICK: {
        int row = ev->y - (w->h >= 2 ? 1 : 0);
        if (row < 0 || in->top + row >= in->n)
            return LT_W_HANDLED;
        return select_at(in, in->top + row);
    }
    case LT_KEY_ENTER: case LT_KEY_F4: {
        if (in->sel < 0 || !in->items[in->sel].viewable)
            return 0;   /* the host may say why nothing opens */
        char *name = strdup(in->items[in->sel].name);
        if (name == NULL) {
            lt_nomem();
            return LT_W_HANDLED;
        }
        free(in->open);
        in->open = name;
        return LT_W_HANDLED | LT_W_ACTION;
    }
    default:
        return 0;
    }
}

static void in_free(lt_widget *w)
{
    lt_inspector *in = (lt_inspector *)w;
    free_items(in->items, in->n);
    free(in->open);
    free(in);
}

static const lt_widget_ops inspector_ops = {
    .name = "inspector",
    .draw = in_draw,
    .on_key = in_key,
    .free = in_free,
};

/* ---- API ------------------------------------------------------------- */

lt_inspector *lt_inspector_new(void)
{
    lt_inspector *in = calloc(1, sizeof *in);
    if (in == NULL) {
        lt_nomem();
        return NULL;
    }
    in->base.ops = &inspector_ops;
    in->base.w = in->base.h = 1;
    in->sel = -1;
    return in;
}

lt_widget *lt_inspector_widget(lt_inspector *in)
{
    return &in->base;
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

int lt_inspector_set(lt_inspector *in, const lt_inspector_item *items, int n)
{
    if (items == NULL || n < 0)
        n = 0;
    item *it = n ? calloc((size_t)n, sizeof *it) : NULL;
    if (n && it == NULL)
        return lt_nomem();
    for (int i = 0; i < n; i++) {
        it[i].name = dup_or_empty(items[i].name);
        it[i].type = dup_or_empty(items[i].type);
        it[i].shape = items[i].shape ? strdup(items[i].shape) : NULL;
        if (it[i].name == NULL || it[i].type == NULL || (items[i].shape && it[i].shape == NULL)) {
            free_items(it, i + 1);
            return lt_nomem();
        }
        if (items[i].bytes)
            lt_format_bytes(items[i].bytes, it[i].mem, sizeof it[i].mem);
        it[i].viewable = items[i].viewable;
    }
    /* The selection follows its name; when the name is gone it stays at
     * the same row. */
    int sel = -1;
    if (in->sel >= 0) {
        const char *old = in->items[in->sel].name;
        for (int i = 0; i < n && sel < 0; i++)
            if (strcmp(it[i].name, old) == 0)
                sel = i;
        if (sel < 0)
            sel = imin(in->sel, n - 1);
    } else if (n > 0) {
        sel = 0;
    }
    free_items(in->items, in->n);
    in->items = it;
    in->n = n;
    in->sel = sel;
    scroll_to_sel(in, body_rows(in->base.h));
    return 0;
}

const char *lt_inspector_selected(const lt_inspector *in)
{
    return in->sel >= 0 ? in->items[in->sel].name : NULL;
}

char *lt_inspector_take_open(lt_inspector *in)
{
    char *s = in->open;
    in->open = NULL;
    return s;
}
