/* The figure model (figure.h): construction, copies and data bounds.
 * Every array and string a layer holds is its own copy. */
#include "figure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static char *dup_str(const char *s, bool *fail)
{
    if (s == NULL)
        return NULL;
    char *d = strdup(s);
    if (d == NULL)
        *fail = true;
    return d;
}

static double *dup_doubles(const double *v, size_t n, bool *fail)
{
    if (v == NULL || n == 0)
        return NULL;
    double *d = malloc(n * sizeof *d);
    if (d == NULL) {
        *fail = true;
        return NULL;
    }
    memcpy(d, v, n * sizeof *d);
    return d;
}

/* A copy of strs[0..n) (NULL entries stay NULL), or NULL. */
static char **dup_strs(const char *const *strs, size_t n, bool *fail)
{
    if (strs == NULL || n == 0)
        return NULL;
    char **d = calloc(n, sizeof *d);
    if (d == NULL) {
        *fail = true;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = dup_str(strs[i], fail);
    return d;
}

static void free_strs(char **strs, size_t n)
{
    if (strs == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(strs[i]);
    free(strs);
}

static void axis_init(lt_axis *a)
{
    *a = (lt_axis){.scale = LT_SCALE_LINEAR, .tkind = LT_DATETIME, .lo = NAN, .hi = NAN};
}

static void axis_fini(lt_axis *a)
{
    free(a->label);
    free_strs(a->cats, (size_t)a->ncat);
    free_strs(a->more, (size_t)a->ncat);
}

static size_t cell_count(const lt_layer *l)
{
    return (size_t)l->nrow * (size_t)l->ncol;
}

static void layer_fini(lt_layer *l)
{
    free(l->label);
    free(l->x);
    free(l->y);
    free(l->x0);
    free(l->x1);
    free(l->y0);
    free(l->y1);
    free_strs(l->text, l->text ? l->n : 0);
    if (l->box) {
        for (size_t i = 0; i < l->n; i++)
            free(l->box[i].out);
        free(l->box);
    }
    free(l->z);
    free_strs(l->cell_text, cell_count(l));
}

static void panel_init(lt_panel *p)
{
    *p = (lt_panel){0};
    axis_init(&p->x);
    axis_init(&p->y);
}

static void panel_fini(lt_panel *p)
{
    free(p->title);
    axis_fini(&p->x);
    axis_fini(&p->y);
    for (size_t i = 0; i < p->nlayer; i++)
        layer_fini(&p->layers[i]);
    free(p->layers);
}

lt_figure *lt_figure_new(void)
{
    lt_figure *f = calloc(1, sizeof *f);
    if (f == NULL || lt_figure_add_panel(f) == NULL) {
        free(f);
        lt_nomem();
        return NULL;
    }
    return f;
}

void lt_figure_free(lt_figure *f)
{
    if (f == NULL)
        return;
    free(f->title);
    free(f->subtitle);
    free(f->caption);
    for (size_t i = 0; i < f->npanel; i++)
        panel_fini(&f->panels[i]);
    free(f->panels);
    free(f);
}

int lt_figure_set_str(char **slot, const char *s)
{
    char *d = NULL;
    if (s && (d = strdup(s)) == NULL)
        return lt_nomem();
    free(*slot);
    *slot = d;
    return 0;
}

int lt_figure_note(lt_figure *f, const char *text)
{
    if (f->caption == NULL)
        return lt_figure_set_str(&f->caption, text);
    size_t a = strlen(f->caption), b = strlen(text);
    char *c = realloc(f->caption, a + b + 3);
    if (c == NULL)
        return lt_nomem();
    memcpy(c + a, "; ", 2);
    memcpy(c + a + 2, text, b + 1);
    f->caption = c;
    return 0;
}

/* ---- facets ---------------------------------------------------------- */

static void fit_grid(lt_figure *f)
{
    if (f->ncol < 1)
        f->ncol = 1;
    f->nrow = (int)((f->npanel + (size_t)f->ncol - 1) / (size_t)f->ncol);
    if (f->nrow < 1)
        f->nrow = 1;
}

lt_panel *lt_figure_add_panel(lt_figure *f)
{
    lt_panel *p = realloc(f->panels, (f->npanel + 1) * sizeof *p);
    if (p == NULL) {
        lt_nomem();
        return NULL;
    }
    f->panels = p;
    panel_init(&p[f->npanel]);
    f->npanel++;
    fit_grid(f);
    return &p[f->npanel - 1];
}

int lt_figure_grid(lt_figure *f, int ncol)
{
    if (ncol < 1)
        return lt_seterr(LT_EINVAL, "grid: ncol = %d, expected at least 1", ncol);
    f->ncol = ncol;
    fit_grid(f);
    return 0;
}

int lt_figure_take_panels(lt_figure *f, lt_figure *src)
{
    if (src->npanel == 0)
        return 0;
    lt_panel *p = realloc(f->panels, (f->npanel + src->npanel) * sizeof *p);
    if (p == NULL)
        return lt_nomem();
    f->panels = p;
    memcpy(p + f->npanel, src->panels, src->npanel * sizeof *p);
    f->npanel += src->npanel;
    free(src->panels);
    src->panels = NULL;
    src->npanel = 0;
    fit_grid(f);
    return 0;
}

/* ---- copies ---------------------------------------------------------- */

static void copy_axis(lt_axis *d, const lt_axis *s, bool *fail)
{
    *d = *s;
    d->label = dup_str(s->label, fail);
    d->cats = dup_strs((const char *const *)s->cats, (size_t)s->ncat, fail);
    d->more = dup_strs((const char *const *)s->more, (size_t)s->ncat, fail);
}

static void copy_layer(lt_layer *d, const lt_layer *s, bool *fail)
{
    *d = *s;
    d->label = dup_str(s->label, fail);
    d->x = dup_doubles(s->x, s->n, fail);
    d->y = dup_doubles(s->y, s->n, fail);
    d->x0 = dup_doubles(s->x0, s->n, fail);
    d->x1 = dup_doubles(s->x1, s->n, fail);
    d->y0 = dup_doubles(s->y0, s->n, fail);
    d->y1 = dup_doubles(s->y1, s->n, fail);
    d->text = dup_strs((const char *const *)s->text, s->text ? s->n : 0, fail);
    d->box = NULL;
    if (s->box) {
        d->box = calloc(s->n, sizeof *d->box);
        if (d->box == NULL) {
            *fail = true;
        } else {
            for (size_t i = 0; i < s->n; i++) {
                d->box[i] = s->box[i];
                d->box[i].out = dup_doubles(s->box[i].out, s->box[i].nout, fail);
            }
        }
    }
    d->z = dup_doubles(s->z, cell_count(s), fail);
    d->cell_text = dup_strs((const char *const *)s->cell_text, cell_count(s), fail);
}

static void copy_panel(lt_panel *d, const lt_panel *s, bool *fail)
{
    *d = *s;
    d->title = dup_str(s->title, fail);
    copy_axis(&d->x, &s->x, fail);
    copy_axis(&d->y, &s->y, fail);
    d->layers = NULL;
    d->nlayer = 0;
    if (s->nlayer == 0)
        return;
    d->layers = calloc(s->nlayer, sizeof *d->layers);
    if (d->layers == NULL) {
        *fail = true;
        return;
    }
    d->nlayer = s->nlayer;
    for (size_t i = 0; i < s->nlayer; i++)
        copy_layer(&d->layers[i], &s->layers[i], fail);
}

lt_figure *lt_figure_copy(const lt_figure *f)
{
    lt_figure *d = calloc(1, sizeof *d);
    if (d == NULL) {
        lt_nomem();
        return NULL;
    }
    bool fail = false;
    *d = *f;
    d->title = dup_str(f->title, &fail);
    d->subtitle = dup_str(f->subtitle, &fail);
    d->caption = dup_str(f->caption, &fail);
    d->panels = calloc(f->npanel ? f->npanel : 1, sizeof *d->panels);
    d->npanel = 0;
    if (d->panels == NULL) {
        fail = true;
    } else {
        for (size_t i = 0; i < f->npanel; i++) {
            copy_panel(&d->panels[i], &f->panels[i], &fail);
            d->npanel++;
        }
    }
    if (fail) {
        lt_figure_free(d);
        lt_nomem();
        return NULL;
    }
    return d;
}

/* ---- axes and layers ------------------------------------------------- */

int lt_axis_set_categories(lt_axis *a, const char *const *names, int n)
{
    bool fail = false;
    char **cats = dup_strs(names, (size_t)n, &fail);
    if (fail) {
        free_strs(cats, (size_t)n);
        return lt_nomem();
    }
    free_strs(a->cats, (size_t)a->ncat);
    free_strs(a->more, (size_t)a->ncat);
    a->cats = cats;
    a->more = NULL;
    a->ncat = n;
    a->scale = LT_SCALE_CATEGORY;
    return 0;
}

int lt_axis_set_more(lt_axis *a, const char *const *notes)
{
    bool fail = false;
    char **more = dup_strs(notes, (size_t)a->ncat, &fail);
    if (fail) {
        free_strs(more, (size_t)a->ncat);
        return lt_nomem();
    }
    free_strs(a->more, (size_t)a->ncat);
    a->more = more;
    return 0;
}

/* A new zeroed layer at the end of p with the defaults of `kind`, or NULL. */
static lt_layer *new_layer(lt_panel *p, lt_layer_kind kind, size_t n,
                           const char *label)
{
    lt_layer *ls = realloc(p->layers, (p->nlayer + 1) * sizeof *ls);
    if (ls == NULL) {
        lt_nomem();
        return NULL;
    }
    p->layers = ls;
    lt_layer *l = &ls[p->nlayer];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->n = n;
    l->alpha = kind == LT_LAYER_BAND ? 0.25 : 1.0;
    l->width = 1.0;
    l->dashed = kind == LT_LAYER_HLINE || kind == LT_LAYER_VLINE;
    l->zlo = l->zhi = NAN;
    bool fail = false;
    l->label = dup_str(label, &fail);
    if (fail) {
        lt_nomem();
        return NULL;
    }
    /* Reference lines and text are chrome, not series: they take no
     * colour from the cycle unless labelled. */
    bool series = label != NULL || (kind != LT_LAYER_HLINE && kind != LT_LAYER_VLINE &&
                                    kind != LT_LAYER_TEXT && kind != LT_LAYER_HEATMAP);
    l->color = series ? p->next_color++ : LT_COLOR_AUTO;
    p->nlayer++;
    return l;
}

lt_layer *lt_panel_recolor(lt_panel *p, lt_layer *l, int c)
{
    if (l != NULL && l->color != LT_COLOR_AUTO) {
        l->color = c;
        p->next_color--;
    }
    return l;
}

/* Drop the layer just added by new_layer after a failed copy. */
static lt_layer *undo_layer(lt_panel *p, bool series)
{
    p->nlayer--;
    layer_fini(&p->layers[p->nlayer]);
    if (series)
        p->next_color--;
    lt_nomem();
    return NULL;
}

static lt_layer *finish_layer(lt_panel *p, lt_layer *l, bool fail)
{
    return fail ? undo_layer(p, l->color != LT_COLOR_AUTO) : l;
}

lt_layer *lt_panel_add_xy(lt_panel *p, lt_layer_kind kind, const double *x,
                          const double *y, size_t n, const char *label)
{
    lt_layer *l = new_layer(p, kind, n, label);
    if (l == NULL)
        return NULL;
    bool fail = false;
    l->x = dup_doubles(x, n, &fail);
    l->y = dup_doubles(y, n, &fail);
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_rects(lt_panel *p, const double *x0, const double *x1,
                             const double *y0, const double *y1, size_t n,
                             const char *label)
{
    lt_layer *l = new_layer(p, LT_LAYER_RECT, n, label);
    if (l == NULL)
        return NULL;
    bool fail = false;
    l->x0 = dup_doubles(x0, n, &fail);
    l->x1 = dup_doubles(x1, n, &fail);
    l->y0 = dup_doubles(y0, n, &fail);
    l->y1 = dup_doubles(y1, n, &fail);
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_band(lt_panel *p, const double *x, const double *lo,
                            const double *hi, size_t n, const char *label)
{
    lt_layer *l = new_layer(p, LT_LAYER_BAND, n, label);
    if (l == NULL)
        return NULL;
    bool fail = false;
    l->x = dup_doubles(x, n, &fail);
    l->y0 = dup_doubles(lo, n, &fail);
    l->y1 = dup_doubles(hi, n, &fail);
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_boxes(lt_panel *p, const double *x,
                             const lt_box_stats *box, size_t n,
                             const char *label)
{
    lt_layer *l = new_layer(p, LT_LAYER_BOX, n, label);
    if (l == NULL)
        return NULL;
    bool fail = false;
    l->x = dup_doubles(x, n, &fail);
    if (n > 0) {
        l->box = calloc(n, sizeof *l->box);
        if (l->box == NULL)
            fail = true;
        for (size_t i = 0; l->box && i < n; i++) {
            l->box[i] = box[i];
            l->box[i].out = dup_doubles(box[i].out, box[i].nout, &fail);
        }
    }
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_heatmap(lt_panel *p, const double *z, int nrow,
                               int ncol, const char *const *cell_text,
                               lt_colormap cmap)
{
    if (nrow < 0 || ncol < 0) {
        lt_seterr(LT_EINVAL, "heatmap: %d x %d cells", nrow, ncol);
        return NULL;
    }
    lt_layer *l = new_layer(p, LT_LAYER_HEATMAP, (size_t)nrow * (size_t)ncol, NULL);
    if (l == NULL)
        return NULL;
    l->nrow = nrow;
    l->ncol = ncol;
    l->cmap = cmap;
    bool fail = false;
    l->z = dup_doubles(z, l->n, &fail);
    l->cell_text = dup_strs(cell_text, l->n, &fail);
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_text(lt_panel *p, const double *x, const double *y,
                            const char *const *text, size_t n)
{
    lt_layer *l = new_layer(p, LT_LAYER_TEXT, n, NULL);
    if (l == NULL)
        return NULL;
    bool fail = false;
    l->x = dup_doubles(x, n, &fail);
    l->y = dup_doubles(y, n, &fail);
    l->text = dup_strs(text, n, &fail);
    return finish_layer(p, l, fail);
}

lt_layer *lt_panel_add_refs(lt_panel *p, lt_layer_kind kind, const double *v,
                            size_t n, const char *label)
{
    if (kind != LT_LAYER_HLINE && kind != LT_LAYER_VLINE) {
        lt_seterr(LT_EINVAL, "reference lines are LT_LAYER_HLINE or LT_LAYER_VLINE");
        return NULL;
    }
    lt_layer *l = new_layer(p, kind, n, label);
    if (l == NULL)
        return NULL;
    bool fail = false;
    if (kind == LT_LAYER_HLINE)
        l->y = dup_doubles(v, n, &fail);
    else
        l->x = dup_doubles(v, n, &fail);
    return finish_layer(p, l, fail);
}

/* ---- bounds ---------------------------------------------------------- */

typedef struct bounds {
    bool positive;
    double lo, hi;
    size_t nonpos;
} bounds;

static void see(bounds *b, double v)
{
    if (!isfinite(v))
        return;
    if (b->positive && v <= 0) {
        b->nonpos++;
        return;
    }
    if (v < b->lo)
        b->lo = v;
    if (v > b->hi)
        b->hi = v;
}

static void see_all(bounds *b, const double *v, size_t n)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        see(b, v[i]);
}

static void see_boxes(bounds *b, const lt_layer *l, int axis)
{
    for (size_t i = 0; i < l->n; i++) {
        const lt_box_stats *s = &l->box[i];
        if (axis == 0) {
            /* A box is 0.8 wide around its position, as in R. */
            see(b, l->x[i] - 0.4);
            see(b, l->x[i] + 0.4);
            continue;
        }
        see(b, s->lo_whisker);
        see(b, s->hi_whisker);
        see(b, s->q1);
        see(b, s->q3);
        see_all(b, s->out, s->nout);
    }
}

static void see_layer(bounds *b, const lt_layer *l, int axis)
{
    switch (l->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP: case LT_LAYER_POINTS:
    case LT_LAYER_TEXT:
        see_all(b, axis == 0 ? l->x : l->y, l->n);
        break;
    case LT_LAYER_RECT:
        see_all(b, axis == 0 ? l->x0 : l->y0, l->n);
        see_all(b, axis == 0 ? l->x1 : l->y1, l->n);
        break;
    case LT_LAYER_BAND:
        if (axis == 0) {
            see_all(b, l->x, l->n);
        } else {
            see_all(b, l->y0, l->n);
            see_all(b, l->y1, l->n);
        }
        break;
    case LT_LAYER_BOX:
        see_boxes(b, l, axis);
        break;
    case LT_LAYER_HEATMAP:
        if ((axis == 0 ? l->ncol : l->nrow) > 0) {
            see(b, -0.5);
            see(b, (axis == 0 ? l->ncol : l->nrow) - 0.5);
        }
        break;
    case LT_LAYER_HLINE:
        if (axis == 1)
            see_all(b, l->y, l->n);
        break;
    case LT_LAYER_VLINE:
        if (axis == 0)
            see_all(b, l->x, l->n);
        break;
    }
}

bool lt_panel_bounds(const lt_panel *p, int axis, bool positive,
                     double *lo, double *hi, size_t *nonpos)
{
    bounds b = {positive, INFINITY, -INFINITY, 0};
    for (size_t i = 0; i < p->nlayer; i++)
        see_layer(&b, &p->layers[i], axis);
    *lo = b.lo;
    *hi = b.hi;
    if (nonpos)
        *nonpos = b.nonpos;
    return b.lo <= b.hi;
}

bool lt_figure_is_empty(const lt_figure *f)
{
    for (size_t i = 0; i < f->npanel; i++)
        for (size_t j = 0; j < f->panels[i].nlayer; j++)
            if (f->panels[i].layers[j].n > 0)
                return false;
    return true;
}

int lt_figure_cell_lines(const char *s, char line[][LT_CELL_LINE_BYTES])
{
    int n = 0;
    while (s && n < LT_CELL_LINES_MAX) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len >= LT_CELL_LINE_BYTES) {
            len = LT_CELL_LINE_BYTES - 1;
            while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
                len--;
        }
        memcpy(line[n], s, len);
        line[n][len] = '\0';
        n++;
        s = e ? e + 1 : NULL;
    }
    return n;
}
