/* The Cairo renderer (render_cairo.h): a figure drawn with Cairo onto an
 * image surface (PNG, raw pixels) or a vector surface (SVG, PDF).
 *
 * Everything is laid out in device pixels of the raster size; a vector
 * surface is scaled by 72/dpi so that its page is width/dpi inches and the
 * drawing is identical.  Sizes of text and lines are in points times
 * s = dpi/72.  The look follows ggplot2's theme_minimal and seaborn's
 * whitegrid: white background, hairline light grid at the ticks, an axis
 * line at the bottom and left, muted tick labels, bold left-aligned title.
 *
 * Order of work: the panel scales first (scale.h; a bad scale fails before
 * any file is created), then the surface, the layout (margins from
 * measured text, a few passes since tick counts depend on the plotting
 * area and the area on the tick labels), then the drawing.  Cairo errors
 * are sticky on the context and the surface, so statuses are checked once
 * at the end of a drawing and when the surface is finished. */
#include "render_cairo.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "error.h"
#include "legend.h"
#include "palette.h"
#include "scale.h"

#define SQRT1_2 0.70710678118654752440

void lt_raster_opts_init(lt_raster_opts *o)
{
    o->width = 1200;
    o->height = 750;
    o->dpi = 150;
}

/* ---- text ------------------------------------------------------------ */

typedef struct font {
    double pt;
    bool bold;
} font;

static const font F_TITLE = {13.0, true}, F_SUBTITLE = {10.0, false},
                  F_TICK = {8.5, false}, F_AXIS = {9.5, false},
                  F_LEGEND = {9.0, false}, F_CAPTION = {8.0, false},
                  F_FACET = {9.0, true}, F_TEXT = {8.5, false};

typedef struct metrics {
    double w;        /* advance width of the text */
    double ascent;   /* of the font, above the baseline */
    double line;     /* line height */
    double mid;      /* baseline to the middle of capitals and digits */
} metrics;

static bool bad_char(utf8proc_int32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

/* A label as Cairo will accept it: valid UTF-8 without control
 * characters (Cairo puts the whole context in an error state on invalid
 * UTF-8).  Returns s itself when it is clean, else a cleaned copy in buf
 * (invalid bytes become U+FFFD), cut at a character boundary to fit. */
static const char *clean(const char *s, char *buf, size_t cap)
{
    if (s == NULL)
        return "";
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    bool dirty = false;
    while (*p && !dirty) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        dirty = k <= 0 || bad_char(c);
        p += k > 0 ? k : 1;
    }
    if (!dirty)
        return s;
    size_t n = 0;
    p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0) {
            c = 0xFFFD;
            k = 1;
        }
        p += k;
        if (bad_char(c)) {
            if (c != '\t' && c != '\n')
                continue;
            c = ' ';
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(c, enc);
        if (n + (size_t)m + 1 > cap)
            break;
        memcpy(buf + n, enc, (size_t)m);
        n += (size_t)m;
    }
    buf[n] = '\0';
    return buf;
}

/* The render context of one drawing. */
typedef struct pview pview;
typedef struct rc {
    cairo_t *cr;
    double s;                /* pixels per point of text and lines */
    double page;             /* points per pixel of an SVG or PDF page */
    double W, H;             /* the drawing in pixels (while laying out:
                                the box the figure is fitted in) */
    double ox, oy;           /* where that box starts on the page */
    const lt_figure *f;
    pview *pv;               /* npanel views */
    int err;                 /* first error of the layout (LT_E*) */
} rc;

static void use_font(rc *r, font ft)
{
    cairo_select_font_face(r->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           ft.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(r->cr, ft.pt * r->s);
}

/* The one place where text is measured (DESIGN.md: so that pango can
 * replace the toy API): the width of s and the font's vertical metrics. */
static metrics measure(rc *r, font ft, const char *s)
{
    char buf[1024];
    s = clean(s, buf, sizeof buf);
    use_font(r, ft);
    cairo_font_extents_t fe;
    cairo_font_extents(r->cr, &fe);
    metrics m = {0, fe.ascent, fe.ascent + fe.descent, 0.36 * ft.pt * r->s};
    if (*s) {
        cairo_text_extents_t te;
        cairo_text_extents(r->cr, s, &te);
        m.w = te.x_advance;
    }
    return m;
}

static double line_height(rc *r, font ft) { return measure(r, ft, "").line; }

static double text_width(rc *r, font ft, const char *s) { return measure(r, ft, s).w; }

static void set_rgb(cairo_t *cr, lt_rgb c, double alpha)
{
    if (alpha >= 1)
        cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
    else
        cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

enum { V_TOP, V_MID, V_BASE };

/* Draw s with its anchor at (x, y): halign 0 left, 0.5 centre, 1 right of
 * the anchor; valign V_TOP (y is the top of the line), V_MID (the middle
 * of capitals) or V_BASE; rotated by `angle` radians about the anchor
 * (negative turns counter-clockwise on screen). */
static void draw_text(rc *r, font ft, lt_rgb col, const char *s, double x, double y,
                      double halign, int valign, double angle)
{
    char buf[1024];
    s = clean(s, buf, sizeof buf);
    if (*s == '\0')
        return;
    metrics m = measure(r, ft, s);
    double dy = valign == V_TOP ? m.ascent : valign == V_MID ? m.mid : 0;
    cairo_t *cr = r->cr;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    if (angle != 0)
        cairo_rotate(cr, angle);
    set_rgb(cr, col, 1);
    cairo_move_to(cr, -halign * m.w, dy);
    cairo_show_text(cr, s);
    cairo_new_path(cr);
    cairo_restore(cr);
}

/* s cut at a character boundary, with "…", so that it is at most maxw
 * wide; written into out (cap bytes).  "" when not even "…" fits. */
static const char *fit(rc *r, font ft, const char *s, double maxw, char *out, size_t cap)
{
    const char *c = clean(s, out, cap);
    if (c != out) {
        size_t n = strlen(c);
        if (n + 1 > cap)
            n = cap - 1;
        while (n > 0 && ((unsigned char)c[n] & 0xC0) == 0x80)
            n--;
        memmove(out, c, n);
        out[n] = '\0';
    }
    if (text_width(r, ft, out) <= maxw)
        return out;
    /* Character boundaries, then a binary search for the longest prefix
     * that fits with the ellipsis. */
    size_t len = strlen(out);
    size_t nb = 0, *bound = malloc((len + 1) * sizeof *bound);
    if (bound == NULL) {
        out[0] = '\0';
        return out;
    }
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)out[i] & 0xC0) != 0x80)
            bound[nb++] = i;
    char tmp[1024];
    size_t lo = 0, hi = nb;   /* prefixes of bound[lo] bytes fit; bound[hi] not known */
    size_t best = (size_t)-1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        size_t nbyte = bound[mid];
        if (nbyte + 4 > sizeof tmp) {
            hi = mid;
            continue;
        }
        memcpy(tmp, out, nbyte);
        while (nbyte > 0 && tmp[nbyte - 1] == ' ')
            nbyte--;
        memcpy(tmp + nbyte, "\xE2\x80\xA6", 4);
        if (text_width(r, ft, tmp) <= maxw) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (best == (size_t)-1) {
        out[0] = '\0';
    } else {
        size_t nbyte = bound[best];
        while (nbyte > 0 && out[nbyte - 1] == ' ')
            nbyte--;
        if (nbyte + 4 <= cap) {
            memcpy(out + nbyte, "\xE2\x80\xA6", 4);
        } else {
            out[0] = '\0';
        }
    }
    free(bound);
    return out;
}

#define MAXLINES 4

typedef struct lines {
    int n;
    char line[MAXLINES][512];
} lines;

/* s broken at spaces into at most `max` lines no wider than maxw (the
 * last one cut with "…" when the text does not fit). */
static void wrap(rc *r, font ft, const char *s, double maxw, int max, lines *out)
{
    char buf[2048];
    s = clean(s, buf, sizeof buf);
    out->n = 0;
    if (max > MAXLINES)
        max = MAXLINES;
    while (*s && out->n < max) {
        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        char *dst = out->line[out->n];
        size_t cap = sizeof out->line[0];
        /* Take words while the line fits. */
        size_t take = 0, end = 0;
        for (;;) {
            size_t e = end;
            while (s[e] == ' ')
                e++;
            while (s[e] && s[e] != ' ')
                e++;
            if (e == end || e + 1 > cap)
                break;
            memcpy(dst, s, e);
            dst[e] = '\0';
            if (take > 0 && text_width(r, ft, dst) > maxw)
                break;
            take = end = e;
            if (s[e] == '\0')
                break;
        }
        if (take == 0) {   /* one word too long for a line: cut it */
            size_t e = 0;
            while (s[e] && s[e] != ' ' && e + 1 < cap)
                e++;
            take = e;
        }
        bool last = out->n == max - 1;
        memcpy(dst, s, take);
        dst[take] = '\0';
        s += take;
        while (*s == ' ')
            s++;
        if (last && *s) {
            /* The rest does not fit: end this line with "…". */
            char whole[1024];
            snprintf(whole, sizeof whole, "%s %s", dst, s);
            char cut[512];
            fit(r, ft, whole, maxw, cut, sizeof cut);
            memcpy(dst, cut, strlen(cut) + 1);
            s += strlen(s);
        } else if (text_width(r, ft, dst) > maxw) {
            char cut[512];
            fit(r, ft, dst, maxw, cut, sizeof cut);
            memcpy(dst, cut, strlen(cut) + 1);
        }
        out->n++;
    }
}

/* ---- panel views and scales ----------------------------------------- */

typedef struct axlab {       /* how the tick labels of an axis are shown */
    int every;               /* label every k-th tick */
    font ft;                 /* of the labels (F_TICK, or smaller for
                                many categories) */
    bool rotate;             /* x only: turned 45 degrees */
    double maxw;             /* labels are cut to this width (px) */
    double extent;           /* x: height under the ticks; y: width left */
    double over_lo, over_hi; /* overhang past the area: x left/right,
                                y bottom/top */
} axlab;

struct pview {
    const lt_panel *p;
    lt_scale xs, ys;
    bool have_xs, have_ys;
    int xtarget, ytarget;
    double x, y, w, h;       /* the plotting area */
    axlab xl, yl;
    bool heat;               /* holds a heatmap: no grid, a colour bar */
    const lt_layer *hl;      /* the first heatmap layer */
    double zlo, zhi;
    double cat_pt;           /* names on both category axes in one size
                                (0: not yet known) */
};

static bool is_cat(const lt_scale *s) { return s->kind == LT_SCALE_CATEGORY; }

static int init_scales(rc *r)
{
    const lt_figure *f = r->f;
    for (size_t i = 0; i < f->npanel; i++) {
        pview *v = &r->pv[i];
        v->p = &f->panels[i];
        v->xtarget = 6;
        v->ytarget = 5;
        int rc1 = lt_scale_init(&v->xs, v->p, 0, v->xtarget);
        if (rc1 < 0)
            return rc1;
        v->have_xs = true;
        rc1 = lt_scale_init(&v->ys, v->p, 1, v->ytarget);
        if (rc1 < 0)
            return rc1;
        v->have_ys = true;
        for (size_t j = 0; j < v->p->nlayer; j++) {
            const lt_layer *l = &v->p->layers[j];
            if (l->kind == LT_LAYER_HEATMAP && l->n > 0 && v->hl == NULL) {
                v->heat = true;
                v->hl = l;
            }
        }
    }
    return 0;
}

static void fini_scales(rc *r)
{
    if (r->pv == NULL)
        return;
    for (size_t i = 0; i < r->f->npanel; i++) {
        if (r->pv[i].have_xs)
            lt_scale_fini(&r->pv[i].xs);
        if (r->pv[i].have_ys)
            lt_scale_fini(&r->pv[i].ys);
    }
}

/* Colour limits of a heatmap: the user's, else the finite range of z; a
 * diverging map is centred on 0. */
static void heat_limits(const lt_layer *l, double *lo, double *hi)
{
    double a = INFINITY, b = -INFINITY;
    for (size_t i = 0; i < l->n; i++)
        if (isfinite(l->z[i])) {
            if (l->z[i] < a)
                a = l->z[i];
            if (l->z[i] > b)
                b = l->z[i];
        }
    if (a > b)
        a = 0, b = 1;
    if (l->cmap == LT_CMAP_DIVERGING && isnan(l->zlo) && isnan(l->zhi)) {
        double m = fmax(fabs(a), fabs(b));
        a = -m;
        b = m;
    }
    *lo = isnan(l->zlo) ? a : l->zlo;
    *hi = isnan(l->zhi) ? b : l->zhi;
}

static double heat_t(double z, double lo, double hi)
{
    if (isnan(z))
        return NAN;
    if (!(hi > lo))
        return 0.5;
    return (z - lo) / (hi - lo);
}

/* ---- geometry -------------------------------------------------------- */

static double clampc(double v)
{
    /* Cairo's fixed point coordinates overflow near 2^23. */
    return v < -1e6 ? -1e6 : v > 1e6 ? 1e6 : v;
}

static double px(const pview *v, double x)
{
    return clampc(v->x + lt_scale_pos(&v->xs, x) * v->w);
}

static double py(const pview *v, double y)
{
    return clampc(v->y + v->h - lt_scale_pos(&v->ys, y) * v->h);
}

/* A line of width lw on pixel centres (crisp hairlines in PNGs). */
static double snap(double c, double lw)
{
    double k = round(lw);
    if (k < 1)
        k = 1;
    return ((int)k % 2) ? floor(c) + 0.5 : round(c);
}

/* ---- tick labels ----------------------------------------------------- */

#define GAP_PT 6.0     /* between neighbouring tick labels */
#define TICK_PT 3.0    /* tick mark length */
#define PAD_PT 3.0     /* tick mark to label */

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Pixel position along the axis of tick i, 0..len. */
static double tick_at(const lt_scale *s, int i, double len, bool vertical)
{
    double t = lt_scale_pos(s, s->ticks[i].value);
    return vertical ? len - t * len : t * len;
}

static int retick(rc *r, lt_scale *s, int target)
{
    if (is_cat(s))
        return 0;
    int e = lt_scale_retick(s, target);
    if (e < 0 && r->err == 0)
        r->err = e;
    return e;
}

/* Do the labels of every `every`-th tick of a horizontal axis come closer
 * than GAP_PT? */
static bool x_overlap(rc *r, const lt_scale *s, font ft, double w, int every)
{
    double gap = GAP_PT * r->s, prev = -INFINITY;
    for (int i = 0; i < s->nticks; i += every) {
        double c = tick_at(s, i, w, false);
        double tw = text_width(r, ft, s->ticks[i].label);
        if (c - tw / 2 < prev + gap)
            return true;
        prev = c + tw / 2;
    }
    return false;
}

/* Steps between labelled categories: 1, 2, 5, 10, 20, 25, 50, 100 ... */
static int next_round_step(int k)
{
    for (long m = 1; m < INT32_MAX / 10; m *= 10) {
        long c[4] = {m, 2 * m, m >= 10 ? 25 * m / 10 : 2 * m, 5 * m};
        for (int i = 0; i < 4; i++)
            if (c[i] > k)
                return (int)c[i];
    }
    return k + 1;
}

static int round_step_at_least(double need)
{
    int k = 1;
    while (k < need && k < INT32_MAX / 4)
        k = next_round_step(k);
    return k;
}

/* Category labels that would be thinned out are tried smaller first,
 * down to this size, so that every category keeps its name (the classes
 * of a confusion matrix). */
#define SMALLEST_CAT_PT 6.5

/* Categories along x in font ft: horizontal when every label fits;
 * turned 45 degrees when that keeps them all (or drops far fewer);
 * labels dropped to every k-th, k a round number, when even that is too
 * tight. */
static void label_x_cats(rc *r, const lt_scale *s, double w, font ft, axlab *a)
{
    double sc = r->s, lh = line_height(r, ft);
    double spacing = s->nticks >= 2 ? fabs(tick_at(s, 1, w, false) - tick_at(s, 0, w, false)) : w;
    int kh = 1;
    while (kh < s->nticks && x_overlap(r, s, ft, w, kh))
        kh = next_round_step(kh);
    /* Turned labels need their line height between ticks (two when
     * some are dropped, to keep the rest readable). */
    int kr = spacing >= lh * 1.25 ? 1 : round_step_at_least(2 * lh / fmax(spacing, 1e-9));
    a->ft = ft;
    if (kh > 1 && (kr == 1 || kh > 2 * kr)) {
        a->rotate = true;
        a->every = kr;
        a->maxw = fmin(150 * sc, 0.3 * r->H);
    } else {
        a->rotate = false;
        a->every = kh;
        a->maxw = fmax(w, 40 * sc);   /* one long name alone */
    }
}

/* Lay out the x tick labels of v for a plotting width w; the scale may be
 * reticked to fewer ticks. */
static void label_x(rc *r, pview *v, double w)
{
    lt_scale *s = &v->xs;
    axlab *a = &v->xl;
    double sc = r->s;
    memset(a, 0, sizeof *a);
    a->every = 1;
    a->maxw = r->W;
    a->ft = F_TICK;
    if (!is_cat(s)) {
        int target = clampi((int)lround(w / sc / 85.0), 2, 10);
        if (target != v->xtarget && retick(r, s, target) == 0)
            v->xtarget = target;
        while (x_overlap(r, s, a->ft, w, 1) && v->xtarget > 2 &&
               retick(r, s, v->xtarget - 1) == 0)
            v->xtarget--;
        while (a->every < s->nticks && x_overlap(r, s, a->ft, w, a->every))
            a->every++;
    } else {
        font ft = F_TICK;
        if (v->cat_pt > 0)
            ft.pt = fmin(ft.pt, v->cat_pt);
        bool all = false;
        for (; ft.pt >= SMALLEST_CAT_PT && !all; ft.pt -= 1) {
            label_x_cats(r, s, w, ft, a);
            all = a->every == 1;
        }
        if (!all)
            label_x_cats(r, s, w, F_TICK, a);
    }
    double lh = line_height(r, a->ft);
    double over_lo = 0, over_hi = 0, longest = 0;
    for (int i = 0; i < s->nticks; i += a->every) {
        double c = tick_at(s, i, w, false);
        double tw = fmin(text_width(r, a->ft, s->ticks[i].label), a->maxw);
        if (tw <= 0)
            continue;
        if (a->rotate) {
            double reach = tw * SQRT1_2 + lh * 0.5;
            over_lo = fmax(over_lo, reach - c);
            over_hi = fmax(over_hi, c + lh * 0.4 - w);
            longest = fmax(longest, reach);
        } else {
            over_lo = fmax(over_lo, tw / 2 - c);
            over_hi = fmax(over_hi, c + tw / 2 - w);
        }
    }
    a->over_lo = over_lo;
    a->over_hi = over_hi;
    a->extent = a->rotate ? longest : s->nticks > 0 ? lh : 0;
}

static bool y_overlap(rc *r, const lt_scale *s, font ft, double h, int every)
{
    double need = line_height(r, ft) * 1.05, prev = INFINITY;
    for (int i = 0; i < s->nticks; i += every) {
        double c = tick_at(s, i, h, true);
        if (fabs(prev - c) < need)
            return true;
        prev = c;
    }
    return false;
}

/* Lay out the y tick labels of v for a plotting height h; maxw caps the
 * width of category labels. */
static void label_y(rc *r, pview *v, double h, double maxw)
{
    lt_scale *s = &v->ys;
    axlab *a = &v->yl;
    double sc = r->s;
    memset(a, 0, sizeof *a);
    a->every = 1;
    a->maxw = maxw;
    a->ft = F_TICK;
    if (!is_cat(s)) {
        int target = clampi((int)lround(h / sc / 55.0), 3, 8);
        if (target != v->ytarget && retick(r, s, target) == 0)
            v->ytarget = target;
        while (y_overlap(r, s, a->ft, h, 1) && v->ytarget > 2 &&
               retick(r, s, v->ytarget - 1) == 0)
            v->ytarget--;
    } else {
        /* Smaller names rather than fewer (SMALLEST_CAT_PT). */
        if (v->cat_pt > 0)
            a->ft.pt = fmin(a->ft.pt, v->cat_pt);
        while (a->ft.pt - 1 >= SMALLEST_CAT_PT && y_overlap(r, s, a->ft, h, 1))
            a->ft.pt -= 1;
        if (y_overlap(r, s, a->ft, h, 1))
            a->ft = F_TICK;
    }
    while (a->every < s->nticks && y_overlap(r, s, a->ft, h, a->every))
        a->every = is_cat(s) ? next_round_step(a->every) : a->every + 1;
    double lh = line_height(r, a->ft);
    for (int i = 0; i < s->nticks; i += a->every) {
        double c = tick_at(s, i, h, true);
        a->extent = fmax(a->extent, fmin(text_width(r, a->ft, s->ticks[i].label), a->maxw));
        a->over_lo = fmax(a->over_lo, c + lh / 2 - h);
        a->over_hi = fmax(a->over_hi, lh / 2 - c);
    }
}

/* ---- legend ---------------------------------------------------------- */

typedef struct legend {
    size_t n;                /* entries */
    lt_legend_entry *e;
    double *ex, *ey;         /* n + 1 item offsets in the box (the last for
                                "… N more") */
    lt_legend_pos pos;       /* where it goes: NONE, a corner, RIGHT, BOTTOM */
    const pview *panel;      /* the panel of an inside legend */
    double x, y, w, h;       /* its box */
    double pad;              /* inner margin of the box */
    size_t shown;            /* entries drawn; the rest as "… N more" */
    double row, sw;          /* row height, swatch width */
    double labw;             /* label width cap */
} legend;

static double legend_label_width(rc *r, const legend *g, size_t i)
{
    char buf[512];
    if (i == g->shown) {
        snprintf(buf, sizeof buf, "\xE2\x80\xA6 %zu more", g->n - g->shown);
        return text_width(r, F_LEGEND, buf);
    }
    return text_width(r, F_LEGEND, fit(r, F_LEGEND, g->e[i].label, g->labw, buf, sizeof buf));
}

static void legend_metrics(rc *r, legend *g)
{
    double sc = r->s;
    g->row = fmax(line_height(r, F_LEGEND) * 1.3, 12 * sc);
    g->sw = 16 * sc;
    g->labw = fmax(0.25 * r->W, 40 * sc);
}

/* The legend stacked vertically in a box, for `avail` pixels of height;
 * entries that do not fit become "… N more". */
static void legend_size_vertical(rc *r, legend *g, double avail)
{
    double sc = r->s;
    legend_metrics(r, g);
    g->pad = 6 * sc;
    size_t fitrows = (size_t)fmax(2, floor((avail - 2 * g->pad) / g->row));
    g->shown = g->n <= fitrows ? g->n : fitrows - 1;
    size_t items = g->shown + (g->shown < g->n);
    double lw = 0;
    for (size_t i = 0; i < items; i++) {
        g->ex[i] = g->pad;
        g->ey[i] = g->pad + (double)i * g->row;
        lw = fmax(lw, legend_label_width(r, g, i));
    }
    g->w = 2 * g->pad + g->sw + 5 * sc + lw;
    g->h = 2 * g->pad + (double)items * g->row;
}

/* The legend as lines of entries across `avail` pixels (at most four
 * lines), each line centred. */
static void legend_size_horizontal(rc *r, legend *g, double avail)
{
    double sc = r->s, space = 16 * sc;
    legend_metrics(r, g);
    g->pad = 0;
    g->shown = g->n;
    for (int attempt = 0; attempt < 2; attempt++) {
        size_t items = g->shown + (g->shown < g->n);
        double x = 0, wmax = 0;
        int line = 0;
        size_t first = 0;
        for (size_t i = 0; i <= items; i++) {
            double iw = i < items ? g->sw + 5 * sc + legend_label_width(r, g, i) : 0;
            if (i == items || (x > 0 && x + iw > avail)) {
                /* Close the line [first, i): centre it later. */
                double lw = x - space;
                for (size_t k = first; k < i; k++)
                    g->ey[k] = line * g->row;
                wmax = fmax(wmax, lw);
                for (size_t k = first; k < i; k++)
                    g->ex[k] -= lw / 2;   /* relative to the centre */
                if (i == items)
                    break;
                line++;
                first = i;
                x = 0;
            }
            g->ex[i] = x;
            x += iw + space;
        }
        g->w = wmax;
        g->h = (line + 1) * g->row;
        if (line < 4 || g->shown <= 1)
            break;
        /* Too many lines: keep about what four lines hold. */
        g->shown = (size_t)((double)g->shown * 4.0 / (line + 1)) - 1;
    }
    for (size_t i = 0; i < g->shown + (g->shown < g->n); i++)
        g->ex[i] += g->w / 2;
}

/* ---- layout ---------------------------------------------------------- */

typedef struct layout {
    lines title, subtitle, caption;
    double title_y, subtitle_y, caption_y;
    double gx, gy, gw, gh;       /* the panel grid */
    double cw, ch;               /* one cell */
    double hgap, vgap;
    double left, right, bottom, top, strip;  /* margins inside a cell */
    double cbar;                 /* width of a colour bar block */
    bool xlab_shared, ylab_shared;
    const char *xlab, *ylab;     /* the shared axis titles */
    double xlab_y, ylab_x;
} layout;

static bool same_label(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static bool has_text(const char *s) { return s && *s; }

/* The width of a heatmap colour bar block (bar and its labels). */
static double cbar_width(rc *r, const pview *v)
{
    double lo = v->zlo, hi = v->zhi, start, step;
    int count;
    lt_pretty(lo, hi, 4, &start, &step, &count);
    double w = 0;
    for (int i = 0; i < count; i++) {
        double t = start + i * step;
        if (t < lo - step * 1e-9 || t > hi + step * 1e-9)
            continue;
        char buf[64];
        lt_tick_format(t, step, buf, sizeof buf);
        w = fmax(w, text_width(r, F_TICK, buf));
    }
    return 10 * r->s + 10 * r->s + PAD_PT * r->s + w;
}

/* Compute the layout for an outside legend at `outer` (NONE, RIGHT or
 * BOTTOM); fills L and the panels' areas. */
static void compute_layout(rc *r, layout *L, legend *g, lt_legend_pos outer)
{
    const lt_figure *f = r->f;
    double sc = r->s, W = r->W, H = r->H;
    double pad = 10 * sc;
    memset(L, 0, sizeof *L);

    double top = pad;
    if (has_text(f->title)) {
        wrap(r, F_TITLE, f->title, W - 2 * pad, 2, &L->title);
        L->title_y = top;
        top += L->title.n * line_height(r, F_TITLE) * 1.1;
    }
    if (has_text(f->subtitle)) {
        top += 1 * sc;
        wrap(r, F_SUBTITLE, f->subtitle, W - 2 * pad, 3, &L->subtitle);
        L->subtitle_y = top;
        top += L->subtitle.n * line_height(r, F_SUBTITLE) * 1.1;
    }
    if (L->title.n || L->subtitle.n)
        top += 8 * sc;

    double bottom = H - pad * 0.8;
    if (has_text(f->caption)) {
        wrap(r, F_CAPTION, f->caption, W - 2 * pad, 3, &L->caption);
        double lh = line_height(r, F_CAPTION) * 1.1;
        bottom -= L->caption.n * lh;
        L->caption_y = bottom;
        bottom -= 6 * sc;
    }

    double left = pad, right = W - pad;
    if (outer == LT_LEGEND_RIGHT) {
        legend_size_vertical(r, g, bottom - top);
        right -= g->w + 8 * sc;
        g->x = right + 8 * sc;
    } else if (outer == LT_LEGEND_BOTTOM) {
        legend_size_horizontal(r, g, right - left);
        bottom -= g->h + 8 * sc;
        g->y = bottom + 8 * sc;
    }

    /* Axis titles: once for the grid when every panel has the same. */
    size_t np = f->npanel;
    bool anyx = false, anyy = false, anytitle = false;
    L->xlab_shared = L->ylab_shared = true;
    for (size_t i = 0; i < np; i++) {
        const lt_panel *p = &f->panels[i];
        anyx |= has_text(p->x.label);
        anyy |= has_text(p->y.label);
        anytitle |= has_text(p->title);
        if (!same_label(p->x.label, f->panels[0].x.label))
            L->xlab_shared = false;
        if (!same_label(p->y.label, f->panels[0].y.label))
            L->ylab_shared = false;
    }
    double axh = line_height(r, F_AXIS);
    if (L->xlab_shared && anyx) {
        L->xlab = f->panels[0].x.label;
        bottom -= axh;
        L->xlab_y = bottom;
        bottom -= 5 * sc;
    }
    if (L->ylab_shared && anyy) {
        L->ylab = f->panels[0].y.label;
        L->ylab_x = left;
        left += axh + 5 * sc;
    }

    L->gx = left;
    L->gy = top;
    L->gw = fmax(right - left, 1);
    L->gh = fmax(bottom - top, 1);
    L->hgap = np > 1 ? 16 * sc : 0;
    L->vgap = np > 1 ? 12 * sc : 0;
    L->cw = fmax((L->gw - (f->ncol - 1) * L->hgap) / f->ncol, 1);
    L->ch = fmax((L->gh - (f->nrow - 1) * L->vgap) / f->nrow, 1);
    L->strip = anytitle ? line_height(r, F_FACET) + 4 * sc : 0;

    L->cbar = 0;
    for (size_t i = 0; i < np; i++)
        if (r->pv[i].heat)
            L->cbar = fmax(L->cbar, cbar_width(r, &r->pv[i]));

    for (size_t i = 0; i < np; i++)
        r->pv[i].cat_pt = 0;
    /* Margins shared by all cells, from the measured tick labels; a few
     * passes since the tick counts follow the plotting area. */
    double tick = (TICK_PT + PAD_PT) * sc;
    double lm = 30 * sc, bm = 20 * sc, rm = 6 * sc, tm = 4 * sc;
    for (int pass = 0; pass < 3; pass++) {
        double pw = fmax(L->cw - lm - rm, 1), ph = fmax(L->ch - L->strip - tm - bm, 1);
        double ylw = 0, yover_hi = 0, yover_lo = 0;
        for (size_t i = 0; i < np; i++) {
            label_y(r, &r->pv[i], ph, 0.3 * L->cw);
            ylw = fmax(ylw, r->pv[i].yl.extent);
            yover_hi = fmax(yover_hi, r->pv[i].yl.over_hi);
            yover_lo = fmax(yover_lo, r->pv[i].yl.over_lo);
        }
        double nlm = ylw + tick + (!L->ylab_shared && anyy ? axh + 5 * sc : 0);
        double xext = 0, xover_lo = 0, xover_hi = 0;
        pw = fmax(L->cw - nlm - rm, 1);
        for (size_t i = 0; i < np; i++) {
            pview *v = &r->pv[i];
            label_x(r, v, pw);
            /* Categories on both axes (a heatmap): names in one size, the
             * smaller, from the next pass on. */
            if (is_cat(&v->xs) && is_cat(&v->ys))
                v->cat_pt = fmin(v->xl.ft.pt, v->yl.ft.pt);
            xext = fmax(xext, r->pv[i].xl.extent);
            xover_lo = fmax(xover_lo, r->pv[i].xl.over_lo);
            xover_hi = fmax(xover_hi, r->pv[i].xl.over_hi);
        }
        lm = fmax(nlm, xover_lo);
        rm = fmax(xover_hi, 6 * sc) + L->cbar;
        bm = fmax(xext + tick, yover_lo) + (!L->xlab_shared && anyx ? axh + 5 * sc : 0);
        if (L->xlab_shared && anyx)
            bm += 2 * sc;
        tm = fmax(yover_hi, 4 * sc);
    }
    L->left = lm;
    L->right = rm;
    L->bottom = bm;
    L->top = tm;

    for (size_t i = 0; i < np; i++) {
        pview *v = &r->pv[i];
        int row = (int)i / f->ncol, col = (int)i % f->ncol;
        double cx = L->gx + col * (L->cw + L->hgap), cy = L->gy + row * (L->ch + L->vgap);
        v->x = cx + lm;
        v->y = cy + L->strip + tm;
        v->w = fmax(L->cw - lm - rm, 1);
        v->h = fmax(L->ch - L->strip - tm - bm, 1);
    }

    if (outer == LT_LEGEND_RIGHT) {
        /* Aligned with the top of the first row of plotting areas. */
        g->y = r->pv[0].y;
        if (g->y + g->h > H - pad)
            g->y = fmax(pad, H - pad - g->h);
    } else if (outer == LT_LEGEND_BOTTOM) {
        g->x = L->gx + (L->gw - g->w) / 2;
        if (g->x < pad)
            g->x = pad;
    }
}

/* The panel that holds an inside legend at corner pos. */
static const pview *corner_panel(rc *r, lt_legend_pos pos)
{
    const lt_figure *f = r->f;
    size_t np = f->npanel, ncol = (size_t)f->ncol;
    size_t top_right = (ncol < np ? ncol : np) - 1;
    size_t bottom_left = (size_t)(f->nrow - 1) * ncol;
    if (bottom_left >= np)
        bottom_left = 0;
    switch (pos) {
    case LT_LEGEND_TOP_LEFT: return &r->pv[0];
    case LT_LEGEND_TOP_RIGHT: return &r->pv[top_right];
    case LT_LEGEND_BOTTOM_LEFT: return &r->pv[bottom_left];
    default: return &r->pv[np - 1];
    }
}

static bool is_corner(lt_legend_pos p)
{
    return p == LT_LEGEND_TOP_LEFT || p == LT_LEGEND_TOP_RIGHT || p == LT_LEGEND_BOTTOM_LEFT ||
           p == LT_LEGEND_BOTTOM_RIGHT;
}

/* Decide where the legend goes and lay out the figure around it. */
static void plan(rc *r, layout *L, legend *g)
{
    lt_legend_pos want = r->f->legend;
    if (g->n == 0)
        want = LT_LEGEND_NONE;
    if (want == LT_LEGEND_NONE || want == LT_LEGEND_RIGHT || want == LT_LEGEND_BOTTOM) {
        g->pos = want;
        compute_layout(r, L, g, want);
        return;
    }
    compute_layout(r, L, g, LT_LEGEND_NONE);
    lt_legend_pos pos = want;
    if (want == LT_LEGEND_AUTO) {
        pos = LT_LEGEND_RIGHT;
        if (r->f->npanel == 1) {
            pview *v = &r->pv[0];
            legend_size_vertical(r, g, v->h);
            double fw = g->w / v->w, fh = g->h / v->h;
            if (fw <= 0.4 && fh <= 0.6 && g->shown == g->n)
                pos = lt_legend_place(r->f, v->p, &v->xs, &v->ys, fw, fh);
        }
    }
    if (!is_corner(pos)) {
        g->pos = pos;
        compute_layout(r, L, g, pos);
        return;
    }
    g->pos = pos;
    g->panel = corner_panel(r, pos);
    const pview *v = g->panel;
    legend_size_vertical(r, g, v->h);
    double in = 6 * r->s;
    bool left = pos == LT_LEGEND_TOP_LEFT || pos == LT_LEGEND_BOTTOM_LEFT;
    bool top = pos == LT_LEGEND_TOP_LEFT || pos == LT_LEGEND_TOP_RIGHT;
    g->x = left ? v->x + in : v->x + v->w - in - g->w;
    g->y = top ? v->y + in : v->y + v->h - in - g->h;
}

/* ---- drawing: chrome ------------------------------------------------- */

static void hline_px(cairo_t *cr, double x0, double x1, double y, double lw)
{
    y = snap(y, lw);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
}

static void vline_px(cairo_t *cr, double x, double y0, double y1, double lw)
{
    x = snap(x, lw);
    cairo_move_to(cr, x, y0);
    cairo_line_to(cr, x, y1);
}

static void draw_grid(rc *r, const pview *v)
{
    if (v->heat)
        return;
    cairo_t *cr = r->cr;
    double lw = 0.6 * r->s;
    cairo_set_line_width(cr, lw);
    set_rgb(cr, LT_RGB_GRID, 1);
    if (!is_cat(&v->xs))
        for (int i = 0; i < v->xs.nticks; i++) {
            double t = lt_scale_pos(&v->xs, v->xs.ticks[i].value);
            if (t >= -1e-9 && t <= 1 + 1e-9)
                vline_px(cr, v->x + t * v->w, v->y, v->y + v->h, lw);
        }
    if (!is_cat(&v->ys))
        for (int i = 0; i < v->ys.nticks; i++) {
            double t = lt_scale_pos(&v->ys, v->ys.ticks[i].value);
            if (t >= -1e-9 && t <= 1 + 1e-9)
                hline_px(cr, v->x, v->x + v->w, v->y + v->h - t * v->h, lw);
        }
    cairo_stroke(cr);
}

static void draw_axes(rc *r, const pview *v)
{
    cairo_t *cr = r->cr;
    double sc = r->s, lw = 0.8 * sc, tick = TICK_PT * sc;
    double bottom = v->y + v->h;
    set_rgb(cr, LT_RGB_AXIS, 1);
    cairo_set_line_width(cr, lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    if (!v->heat) {
        hline_px(cr, v->x, v->x + v->w, bottom, lw);
        vline_px(cr, v->x, v->y, bottom, lw);
    }
    /* Tick marks outside the area, at labelled ticks (a heatmap's cells
     * need none). */
    for (int i = 0; !v->heat && i < v->xs.nticks; i += v->xl.every) {
        double t = lt_scale_pos(&v->xs, v->xs.ticks[i].value);
        if (t >= -1e-9 && t <= 1 + 1e-9)
            vline_px(cr, v->x + t * v->w, bottom, bottom + tick, lw);
    }
    for (int i = 0; !v->heat && i < v->ys.nticks; i += v->yl.every) {
        double t = lt_scale_pos(&v->ys, v->ys.ticks[i].value);
        if (t >= -1e-9 && t <= 1 + 1e-9)
            hline_px(cr, v->x - tick, v->x, v->y + v->h - t * v->h, lw);
    }
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);

    char buf[512];
    double lab = (TICK_PT + PAD_PT) * sc;
    for (int i = 0; i < v->xs.nticks; i += v->xl.every) {
        double t = lt_scale_pos(&v->xs, v->xs.ticks[i].value);
        if (!(t >= -1e-9 && t <= 1 + 1e-9))
            continue;
        font ft = v->xl.ft;
        const char *s = fit(r, ft, v->xs.ticks[i].label, v->xl.maxw, buf, sizeof buf);
        double x = v->x + t * v->w;
        if (v->xl.rotate)
            draw_text(r, ft, LT_RGB_MUTED, s, x + 0.3 * line_height(r, ft),
                      bottom + lab * 0.8, 1, V_MID, -M_PI / 4);
        else
            draw_text(r, ft, LT_RGB_MUTED, s, x, bottom + lab, 0.5, V_TOP, 0);
    }
    for (int i = 0; i < v->ys.nticks; i += v->yl.every) {
        double t = lt_scale_pos(&v->ys, v->ys.ticks[i].value);
        if (!(t >= -1e-9 && t <= 1 + 1e-9))
            continue;
        const char *s = fit(r, v->yl.ft, v->ys.ticks[i].label, v->yl.maxw, buf, sizeof buf);
        draw_text(r, v->yl.ft, LT_RGB_MUTED, s, v->x - lab, v->y + v->h - t * v->h, 1, V_MID, 0);
    }
}

/* Axis titles of a panel (when not shared) and its facet title. */
static void draw_panel_titles(rc *r, const layout *L, const pview *v)
{
    char buf[512];
    if (has_text(v->p->title)) {
        const char *s = fit(r, F_FACET, v->p->title, v->w + L->left, buf, sizeof buf);
        draw_text(r, F_FACET, LT_RGB_TEXT, s, v->x, v->y - L->top - L->strip, 0, V_TOP, 0);
    }
    if (!L->xlab_shared && has_text(v->p->x.label)) {
        const char *s = fit(r, F_AXIS, v->p->x.label, v->w, buf, sizeof buf);
        double y = v->y + v->h + L->bottom - line_height(r, F_AXIS);
        draw_text(r, F_AXIS, LT_RGB_TEXT, s, v->x + v->w / 2, y, 0.5, V_TOP, 0);
    }
    if (!L->ylab_shared && has_text(v->p->y.label)) {
        const char *s = fit(r, F_AXIS, v->p->y.label, v->h, buf, sizeof buf);
        double x = v->x - L->left;
        draw_text(r, F_AXIS, LT_RGB_TEXT, s, x, v->y + v->h / 2, 0.5, V_TOP, -M_PI / 2);
    }
}

static void draw_colorbar(rc *r, const layout *L, const pview *v)
{
    cairo_t *cr = r->cr;
    double sc = r->s;
    double bw = 10 * sc, bx = v->x + v->w + L->right - L->cbar + 10 * sc;
    double bh = fmin(v->h, 220 * sc), by = v->y;
    double lo = v->zlo, hi = v->zhi;
    lt_colormap m = v->hl->cmap;
    cairo_pattern_t *pat = cairo_pattern_create_linear(0, by + bh, 0, by);
    for (int i = 0; i <= 20; i++) {
        lt_rgb c = lt_palette_map(m, i / 20.0);
        cairo_pattern_add_color_stop_rgb(pat, i / 20.0, c.r / 255.0, c.g / 255.0, c.b / 255.0);
    }
    cairo_rectangle(cr, bx, by, bw, bh);
    cairo_set_source(cr, pat);
    cairo_fill(cr);
    cairo_pattern_destroy(pat);

    double start, step;
    int count;
    lt_pretty(lo, hi, 4, &start, &step, &count);
    cairo_set_line_width(cr, 0.8 * sc);
    set_rgb(cr, (lt_rgb){0xFF, 0xFF, 0xFF}, 1);
    for (int i = 0; i < count; i++) {
        double t = start + i * step;
        if (t < lo - step * 1e-9 || t > hi + step * 1e-9 || !(hi > lo))
            continue;
        double y = by + bh - (t - lo) / (hi - lo) * bh;
        char buf[64];
        lt_tick_format(t, step, buf, sizeof buf);
        set_rgb(cr, LT_RGB_AXIS, 1);
        hline_px(cr, bx + bw, bx + bw + 2.5 * sc, y, 0.8 * sc);
        cairo_stroke(cr);
        draw_text(r, F_TICK, LT_RGB_MUTED, buf, bx + bw + PAD_PT * sc + 1 * sc, y, 0, V_MID, 0);
    }
}

/* ---- drawing: layers ------------------------------------------------- */

static lt_rgb layer_rgb(const lt_layer *l)
{
    if (l->color == LT_COLOR_AUTO)
        return l->kind == LT_LAYER_TEXT ? LT_RGB_TEXT : LT_RGB_REF;
    return lt_palette_category(l->color);
}

static lt_rgb mix_rgb(lt_rgb a, lt_rgb b, double t)
{
    return (lt_rgb){(uint8_t)lround(a.r + (b.r - a.r) * t), (uint8_t)lround(a.g + (b.g - a.g) * t),
                    (uint8_t)lround(a.b + (b.b - a.b) * t)};
}

static const lt_rgb WHITE = {0xFF, 0xFF, 0xFF}, BLACK = {0, 0, 0};

static void set_dash(rc *r, bool dashed, double lw)
{
    if (dashed) {
        double d[2] = {fmax(4 * r->s, 3 * lw), fmax(3 * r->s, 2 * lw)};
        cairo_set_dash(r->cr, d, 2, 0);
    } else {
        cairo_set_dash(r->cr, NULL, 0, 0);
    }
}

static void stroke_style(rc *r, const lt_layer *l, double pt)
{
    cairo_t *cr = r->cr;
    double lw = pt * r->s * (l->width > 0 ? l->width : 1);
    cairo_set_line_width(cr, lw);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    set_dash(r, l->dashed, lw);
    set_rgb(cr, layer_rgb(l), l->alpha);
}

static void draw_line(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    stroke_style(r, l, 1.5);
    bool pen = false;
    double lasty = 0;
    for (size_t i = 0; i < l->n; i++) {
        double x = px(v, l->x[i]), y = py(v, l->y[i]);
        if (isnan(x) || isnan(y)) {
            /* A step still holds its value up to the next x. */
            if (pen && l->kind == LT_LAYER_STEP && !isnan(x))
                cairo_line_to(cr, x, lasty);
            pen = false;
            continue;
        }
        if (!pen) {
            cairo_move_to(cr, x, y);
            /* A point alone between gaps still shows as a dot (round caps). */
            cairo_line_to(cr, x, y);
        } else if (l->kind == LT_LAYER_STEP) {
            cairo_line_to(cr, x, lasty);
            cairo_line_to(cr, x, y);
        } else {
            cairo_line_to(cr, x, y);
        }
        lasty = y;
        pen = true;
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* Dense markers on a raster: each disc is blended into the pixels from
 * a coverage mask made once per quarter-pixel offset, instead of a Cairo
 * path per point (microseconds each: seconds for a million points).  The
 * look is the one cairo_arc + cairo_fill give.  Only for an ARGB32 image
 * target under a translate-and-scale matrix; false when that is not the
 * case, and the caller draws with paths. */
enum { SUB = 4 };

static bool stamp_points(rc *r, const pview *v, const lt_layer *l, double rad,
                         lt_rgb c, double alpha)
{
    cairo_t *cr = r->cr;
    cairo_surface_t *t = cairo_get_target(cr);
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(t) != CAIRO_FORMAT_ARGB32 ||
        m.xy != 0 || m.yx != 0 || m.xx != m.yy || m.xx <= 0)
        return false;
    double cx0, cy0, cx1, cy1;   /* the clip, in device pixels */
    cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
    cairo_user_to_device(cr, &cx0, &cy0);
    cairo_user_to_device(cr, &cx1, &cy1);
    double R = rad * m.xx;
    int D = (int)ceil(2 * R) + 2;   /* mask side: the disc plus a pixel */
    if (D > 64)
        return false;
    uint8_t *mask = malloc((size_t)SUB * SUB * (size_t)D * (size_t)D);
    if (mask == NULL)
        return false;
    /* Coverage of each pixel by the disc centred at (R + 1 + ox, R + 1 + oy)
     * of the mask, from 4 x 4 samples per pixel. */
    for (int oy = 0; oy < SUB; oy++)
        for (int ox = 0; ox < SUB; ox++) {
            uint8_t *mk = mask + ((size_t)oy * SUB + (size_t)ox) * (size_t)D * (size_t)D;
            double ccx = R + 1 + (double)ox / SUB, ccy = R + 1 + (double)oy / SUB;
            for (int y = 0; y < D; y++)
                for (int x = 0; x < D; x++) {
                    int in = 0;
                    for (int sy = 0; sy < 4; sy++)
                        for (int sx = 0; sx < 4; sx++) {
                            double dx = x + (sx + 0.5) / 4 - ccx, dy = y + (sy + 0.5) / 4 - ccy;
                            in += dx * dx + dy * dy <= R * R;
                        }
                    mk[y * D + x] = (uint8_t)(in * 255 / 16);
                }
        }
    cairo_surface_flush(t);
    uint8_t *data = cairo_image_surface_get_data(t);
    int stride = cairo_image_surface_get_stride(t);
    int W = cairo_image_surface_get_width(t), H = cairo_image_surface_get_height(t);
    int xlo = (int)fmax(0, floor(cx0)), ylo = (int)fmax(0, floor(cy0));
    int xhi = (int)fmin(W, ceil(cx1)), yhi = (int)fmin(H, ceil(cy1));
    uint32_t a256 = (uint32_t)lround(alpha * 256);
    for (size_t i = 0; i < l->n; i++) {
        double x = px(v, l->x[i]), y = py(v, l->y[i]);
        if (isnan(x) || isnan(y))
            continue;
        double dx = m.xx * x + m.x0 - R - 1, dy = m.yy * y + m.y0 - R - 1;
        double fx = floor(dx), fy = floor(dy);
        int ox = (int)((dx - fx) * SUB), oy = (int)((dy - fy) * SUB);
        const uint8_t *mk = mask + ((size_t)oy * SUB + (size_t)ox) * (size_t)D * (size_t)D;
        int X = (int)fx, Y = (int)fy;
        for (int yy = 0; yy < D; yy++) {
            int py_ = Y + yy;
            if (py_ < ylo || py_ >= yhi)
                continue;
            uint32_t *row = (uint32_t *)(void *)(data + (size_t)py_ * (size_t)stride);
            for (int xx = 0; xx < D; xx++) {
                int px_ = X + xx;
                uint32_t k = mk[yy * D + xx];
                if (k == 0 || px_ < xlo || px_ >= xhi)
                    continue;
                uint32_t w = (a256 * k) >> 8;   /* source alpha, 0..256 */
                uint32_t d = row[px_], inv = 256 - w;
                uint32_t da = d >> 24, dr = (d >> 16) & 255, dg = (d >> 8) & 255, db = d & 255;
                da = (255 * w + da * inv) >> 8;
                dr = (c.r * w + dr * inv) >> 8;
                dg = (c.g * w + dg * inv) >> 8;
                db = (c.b * w + db * inv) >> 8;
                row[px_] = da << 24 | dr << 16 | dg << 8 | db;
            }
        }
    }
    cairo_surface_mark_dirty(t);
    free(mask);
    return true;
}

static void draw_points(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    double rad = 2.5, alpha = l->alpha;
    /* Dense clouds: smaller, translucent markers show where points pile. */
    if (l->n > 10000) {
        rad = 1.3;
        if (alpha >= 1)
            alpha = l->n > 30000 ? 0.25 : 0.35;
    } else if (l->n > 1000) {
        rad = 1.8;
        if (alpha >= 1)
            alpha = 0.6;
    }
    rad *= r->s * (l->width > 0 ? l->width : 1);
    lt_rgb c = layer_rgb(l);
    bool edge = l->n <= 1000;
    if (!edge && stamp_points(r, v, l, rad, c, alpha))
        return;
    for (size_t i = 0; i < l->n; i++) {
        double x = px(v, l->x[i]), y = py(v, l->y[i]);
        if (isnan(x) || isnan(y))
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, rad, 0, 2 * M_PI);
        set_rgb(cr, c, alpha);
        if (edge) {
            /* A white rim keeps overlapping markers apart. */
            cairo_fill_preserve(cr);
            cairo_set_line_width(cr, 0.5 * r->s);
            set_rgb(cr, WHITE, alpha * 0.9);
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
    }
}

/* A horizontal bar past the right end of its axis (figure.h) is drawn
 * to the edge and broken: a white slanted gap CUT_GAP_PT wide cuts off
 * its last CUT_END_PT. */
#define CUT_END_PT 6.0
#define CUT_GAP_PT 2.5

static bool past_right(const pview *v, const lt_layer *l, size_t i)
{
    double a = px(v, l->x0[i]), b = px(v, l->x1[i]), edge = v->x + v->w;
    return l->horizontal && fmax(a, b) > edge + 0.5 && fmin(a, b) < edge;
}

/* How far the gap leans across a bar h pixels thick. */
static double cut_slant(const rc *r, double h)
{
    return 0.5 * fmin(h, 14 * r->s);
}

/* The left end (px) of the gap of a bar h pixels thick. */
static double cut_left(const rc *r, const pview *v, double h)
{
    return v->x + v->w - (CUT_END_PT + CUT_GAP_PT) * r->s - cut_slant(r, h);
}

/* The gap of a bar whose top is at y, h pixels thick. */
static void draw_cut(rc *r, const pview *v, double y, double h)
{
    cairo_t *cr = r->cr;
    double right = v->x + v->w - CUT_END_PT * r->s, g = CUT_GAP_PT * r->s;
    double lean = cut_slant(r, h), e = 0.5 * r->s;   /* e: past the edges, cleanly cut */
    cairo_new_path(cr);
    cairo_move_to(cr, right - g - lean, y + h + e);
    cairo_line_to(cr, right - lean, y + h + e);
    cairo_line_to(cr, right, y - e);
    cairo_line_to(cr, right - g, y - e);
    cairo_close_path(cr);
    set_rgb(cr, WHITE, 1);
    cairo_fill(cr);
}

static void draw_rects(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    lt_rgb c = layer_rgb(l);
    double sep = 0.75 * r->s;
    /* Bars thinner than two pixels (hundreds of categories) would come out
     * as pale stripes of partial coverage: draw them without antialiasing,
     * at least a pixel wide. */
    bool thin = false;
    for (size_t i = 0; i < l->n && !thin; i++) {
        double across = l->horizontal ? fabs(py(v, l->y1[i]) - py(v, l->y0[i]))
                                      : fabs(px(v, l->x1[i]) - px(v, l->x0[i]));
        thin = across < 2;
    }
    if (thin)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    for (size_t i = 0; i < l->n; i++) {
        double x0 = px(v, l->x0[i]), x1 = px(v, l->x1[i]);
        double y0 = py(v, l->y0[i]), y1 = py(v, l->y1[i]);
        if (isnan(x0) || isnan(x1) || isnan(y0) || isnan(y1))
            continue;
        double x = fmin(x0, x1), y = fmin(y0, y1), w = fabs(x1 - x0), h = fabs(y1 - y0);
        if (thin && !l->horizontal && w < 1) {
            x = floor(x + w / 2);
            w = 1;
        } else if (thin && l->horizontal && h < 1) {
            y = floor(y + h / 2);
            h = 1;
        }
        cairo_rectangle(cr, x, y, w, h);
        set_rgb(cr, c, l->alpha);
        /* White hairline edges separate adjacent bars (histograms, stacks)
         * when the bars are thick enough to keep them (across their
         * length: a thin horizontal bar would be all edge). */
        if ((l->horizontal ? h > 4 * sep && w > 0 : w > 4 * sep && h > 0)) {
            cairo_fill_preserve(cr);
            cairo_set_line_width(cr, sep);
            set_rgb(cr, WHITE, 1);
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
        if (past_right(v, l, i))
            draw_cut(r, v, y, h);
    }
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
}

static void draw_band(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    set_rgb(cr, layer_rgb(l), l->alpha);
    size_t i = 0;
    while (i < l->n) {
        /* One polygon per run of complete points. */
        size_t a = i;
        while (a < l->n && (isnan(px(v, l->x[a])) || isnan(py(v, l->y0[a])) || isnan(py(v, l->y1[a]))))
            a++;
        size_t b = a;
        while (b < l->n && !(isnan(px(v, l->x[b])) || isnan(py(v, l->y0[b])) || isnan(py(v, l->y1[b]))))
            b++;
        if (b > a) {
            for (size_t k = a; k < b; k++)
                cairo_line_to(cr, px(v, l->x[k]), py(v, l->y1[k]));
            for (size_t k = b; k-- > a;)
                cairo_line_to(cr, px(v, l->x[k]), py(v, l->y0[k]));
            cairo_close_path(cr);
            cairo_fill(cr);
        }
        i = b > a ? b : a + 1;
    }
}

static void draw_boxes(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    double sc = r->s;
    lt_rgb c = layer_rgb(l), fill = mix_rgb(c, WHITE, 0.6), dark = mix_rgb(c, BLACK, 0.35);
    double lw = 1.0 * sc * (l->width > 0 ? l->width : 1);
    for (size_t i = 0; i < l->n; i++) {
        const lt_box_stats *b = &l->box[i];
        double xl = px(v, l->x[i] - 0.4), xr = px(v, l->x[i] + 0.4), xc = px(v, l->x[i]);
        double q1 = py(v, b->q1), q3 = py(v, b->q3), med = py(v, b->median);
        double lo = py(v, b->lo_whisker), hi = py(v, b->hi_whisker);
        if (isnan(xl) || isnan(xr) || isnan(q1) || isnan(q3))
            continue;
        double cap = (xr - xl) * 0.25;
        cairo_set_line_width(cr, lw);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        set_rgb(cr, dark, l->alpha);
        if (!isnan(hi)) {
            cairo_move_to(cr, xc, fmin(q1, q3));
            cairo_line_to(cr, xc, hi);
            cairo_move_to(cr, xc - cap, hi);
            cairo_line_to(cr, xc + cap, hi);
        }
        if (!isnan(lo)) {
            cairo_move_to(cr, xc, fmax(q1, q3));
            cairo_line_to(cr, xc, lo);
            cairo_move_to(cr, xc - cap, lo);
            cairo_line_to(cr, xc + cap, lo);
        }
        cairo_stroke(cr);
        cairo_rectangle(cr, xl, fmin(q1, q3), xr - xl, fabs(q3 - q1));
        set_rgb(cr, fill, l->alpha);
        cairo_fill_preserve(cr);
        set_rgb(cr, dark, l->alpha);
        cairo_stroke(cr);
        if (!isnan(med)) {
            cairo_set_line_width(cr, 2 * lw);
            cairo_move_to(cr, xl, med);
            cairo_line_to(cr, xr, med);
            cairo_stroke(cr);
            cairo_set_line_width(cr, lw);
        }
        for (size_t k = 0; k < b->nout; k++) {
            double oy = py(v, b->out[k]);
            if (isnan(oy))
                continue;
            cairo_new_sub_path(cr);
            cairo_arc(cr, xc, oy, 2 * sc, 0, 2 * M_PI);
            cairo_stroke(cr);
        }
    }
}

static void draw_heatmap(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    double lo, hi;
    heat_limits(l, &lo, &hi);
    double cellw = fabs(px(v, 1) - px(v, 0)), cellh = fabs(py(v, 1) - py(v, 0));
    bool edges = cellw > 14 * r->s && cellh > 14 * r->s;
    for (int row = 0; row < l->nrow; row++)
        for (int col = 0; col < l->ncol; col++) {
            double z = l->z[(size_t)row * (size_t)l->ncol + (size_t)col];
            /* Edges on whole pixels: neighbouring cells meet without the
             * faint seams of two antialiased edges. */
            double x0 = round(px(v, col - 0.5)), x1 = round(px(v, col + 0.5));
            double y0 = round(py(v, row - 0.5)), y1 = round(py(v, row + 0.5));
            if (isnan(x0) || isnan(x1) || isnan(y0) || isnan(y1))
                continue;
            cairo_rectangle(cr, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0));
            set_rgb(cr, lt_palette_map(l->cmap, heat_t(z, lo, hi)), 1);
            cairo_fill(cr);
        }
    if (edges) {
        /* Hairline white seams between cells. */
        cairo_set_line_width(cr, 0.75 * r->s);
        set_rgb(cr, WHITE, 1);
        for (int col = 0; col <= l->ncol; col++)
            vline_px(cr, px(v, col - 0.5), py(v, -0.5), py(v, l->nrow - 0.5), 0.75 * r->s);
        for (int row = 0; row <= l->nrow; row++)
            hline_px(cr, px(v, -0.5), px(v, l->ncol - 0.5), py(v, row - 0.5), 0.75 * r->s);
        cairo_stroke(cr);
    }
    if (l->cell_text == NULL)
        return;
    /* One size for every cell: the largest up to 10.5pt at which the widest
     * text fits its cell.  Texts of several lines ('\n') show all their
     * lines when they fit at 5pt or more, else the first line that fits
     * alone, the same lines in every cell; else the first line in the
     * cells where it fits (figure.h). */
    char line[LT_CELL_LINES_MAX][LT_CELL_LINE_BYTES];
    double widest[LT_CELL_LINES_MAX] = {0};
    font ft = {10.5, false};
    int nl = 0;
    for (size_t i = 0; i < l->n; i++) {
        int n = lt_figure_cell_lines(l->cell_text[i], line);
        nl = n > nl ? n : nl;
        for (int j = 0; j < n; j++)
            widest[j] = fmax(widest[j], text_width(r, ft, line[j]));
    }
    unsigned shown = 0;
    double pt = 0;
    for (int attempt = -1; attempt < nl && shown == 0; attempt++) {
        /* attempt -1: every line; then line `attempt` alone */
        unsigned mask = attempt < 0 ? (1u << nl) - 1 : 1u << attempt;
        double w = 0;
        int m = 0;
        for (int j = 0; j < nl; j++)
            if (mask & (1u << j)) {
                w = fmax(w, widest[j]);
                m++;
            }
        if (w <= 0)
            continue;
        pt = ft.pt * fmin(1, 0.88 * cellw / w);
        if (pt * r->s * 1.15 * m > cellh)
            pt = cellh / (1.15 * m * r->s);
        if (pt >= 5)
            shown = mask;
    }
    /* Too small for any line in every cell: the first line at the
     * smallest size, in the cells where it fits. */
    bool partial = shown == 0;
    if (partial) {
        pt = fmin(5, cellh / (1.15 * r->s));
        if (pt < 4)
            return;
        shown = 1;
    }
    ft.pt = pt;
    double lead = 1.15 * pt * r->s;
    for (int row = 0; row < l->nrow; row++)
        for (int col = 0; col < l->ncol; col++) {
            size_t i = (size_t)row * (size_t)l->ncol + (size_t)col;
            double x = px(v, col), y = py(v, row);
            if (isnan(x) || isnan(y))
                continue;
            int n = lt_figure_cell_lines(l->cell_text[i], line), m = 0;
            const char *show[LT_CELL_LINES_MAX];
            for (int j = 0; j < n; j++)
                if ((shown & (1u << j)) &&
                    !(partial && text_width(r, ft, line[j]) > 0.95 * cellw))
                    show[m++] = line[j];
            lt_rgb bg = lt_palette_map(l->cmap, heat_t(l->z[i], lo, hi));
            for (int j = 0; j < m; j++)
                draw_text(r, ft, lt_palette_contrast(bg), show[j], x,
                          y + (j - (m - 1) / 2.0) * lead, 0.5, V_MID, 0);
        }
}

#define SMALLEST_VALUE_PT 6.0   /* bar value labels (LT_TEXT_AFTER) */

static int cmp_dbl(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* The colour of the bar under data point (x, y): the topmost RECT of the
 * panel holding it, blended on white by its opacity, its top and
 * thickness in pixels, and whether it runs past the axis (*past); false
 * when none. */
static bool bar_under(const pview *v, double x, double y, lt_rgb *out, double *top,
                      double *thick, bool *past)
{
    const lt_panel *p = v->p;
    for (size_t j = p->nlayer; j-- > 0;) {
        const lt_layer *l = &p->layers[j];
        if (l->kind != LT_LAYER_RECT)
            continue;
        for (size_t i = l->n; i-- > 0;)
            if (x > fmin(l->x0[i], l->x1[i]) && x <= fmax(l->x0[i], l->x1[i]) &&
                y >= fmin(l->y0[i], l->y1[i]) && y <= fmax(l->y0[i], l->y1[i])) {
                lt_rgb c = layer_rgb(l);
                *out = l->alpha < 1 ? mix_rgb(WHITE, c, fmax(l->alpha, 0)) : c;
                *top = fmin(py(v, l->y1[i]), py(v, l->y0[i]));
                *thick = fabs(py(v, l->y1[i]) - py(v, l->y0[i]));
                *past = past_right(v, l, i);
                return true;
            }
    }
    return false;
}

/* Draw s as draw_text does (left or right of x, middle at y), on a white
 * halo that keeps it legible over grid and reference lines; with
 * `spare_bars` the halo leaves the panel's bars alone (it would notch a
 * neighbouring bar). */
static void halo_text(rc *r, const pview *v, font ft, lt_rgb col, const char *s, double x,
                      double y, double halign, bool spare_bars)
{
    char buf[1024];
    s = clean(s, buf, sizeof buf);
    if (*s == '\0')
        return;
    metrics m = measure(r, ft, s);
    cairo_t *cr = r->cr;
    double lw = 2.5 * r->s, x0 = x - halign * m.w - lw, y0 = y - m.line / 2 - lw;
    double bw = m.w + 2 * lw, bh = m.line + 2 * lw;
    cairo_save(cr);
    if (spare_bars) {
        /* The halo's box less the bars in it (even-odd). */
        cairo_new_path(cr);
        cairo_rectangle(cr, x0, y0, bw, bh);
        for (size_t j = 0; j < v->p->nlayer; j++) {
            const lt_layer *l = &v->p->layers[j];
            for (size_t i = 0; l->kind == LT_LAYER_RECT && i < l->n; i++) {
                double ax = px(v, l->x0[i]), bx = px(v, l->x1[i]);
                double ay = py(v, l->y0[i]), by = py(v, l->y1[i]);
                if (isnan(ax) || isnan(bx) || isnan(ay) || isnan(by) ||
                    fmax(ax, bx) <= x0 || fmin(ax, bx) >= x0 + bw || fmax(ay, by) <= y0 ||
                    fmin(ay, by) >= y0 + bh)
                    continue;
                cairo_rectangle(cr, fmax(fmin(ax, bx), x0), fmax(fmin(ay, by), y0),
                                fmin(fmax(ax, bx), x0 + bw) - fmax(fmin(ax, bx), x0),
                                fmin(fmax(ay, by), y0 + bh) - fmax(fmin(ay, by), y0));
            }
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_clip(cr);
    }
    cairo_move_to(cr, x - halign * m.w, y + m.mid);
    cairo_text_path(cr, s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, lw);
    set_rgb(cr, WHITE, 1);
    cairo_stroke(cr);
    cairo_restore(cr);
    draw_text(r, ft, col, s, x, y, halign, V_MID, 0);
}

/* The right end (px) of the bars of the panel that reach into the band
 * y0..y1 (px) at their right, or -INFINITY. */
static double bars_end(const pview *v, double y0, double y1)
{
    double end = -INFINITY;
    for (size_t j = 0; j < v->p->nlayer; j++) {
        const lt_layer *l = &v->p->layers[j];
        if (l->kind != LT_LAYER_RECT)
            continue;
        for (size_t i = 0; i < l->n; i++) {
            double a = py(v, l->y0[i]), b = py(v, l->y1[i]);
            double right = fmax(px(v, l->x0[i]), px(v, l->x1[i]));
            if (!isnan(a) && !isnan(b) && !isnan(right) && fmax(a, b) > y0 && fmin(a, b) < y1 &&
                fabs(px(v, l->x1[i]) - px(v, l->x0[i])) > 0)
                end = fmax(end, right);
        }
    }
    return end;
}

/* TEXT of LT_TEXT_AFTER: bar values past the bars' ends (figure.h), in
 * the size that fits the spacing of the anchors, past every bar that
 * reaches into the label's height; or inside a bar that reaches the edge.
 * A label whose box meets one drawn before is left out. */
static void draw_after_texts(rc *r, const pview *v, const lt_layer *l)
{
    font ft = F_TEXT;
    ft.pt *= l->width > 0 ? l->width : 1;
    size_t cap = l->n ? l->n : 1;
    double *ys = malloc(cap * sizeof *ys);
    double *box = malloc(4 * cap * sizeof *box);   /* x0, x1, y0, y1 drawn */
    if (ys == NULL || box == NULL) {
        free(ys);
        free(box);
        return;
    }
    size_t ny = 0, nd = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!isnan(py(v, l->y[i])))
            ys[ny++] = py(v, l->y[i]);
    qsort(ys, ny, sizeof *ys, cmp_dbl);
    double gap = INFINITY;
    for (size_t i = 1; i < ny; i++)
        if (ys[i] - ys[i - 1] > 0.5)
            gap = fmin(gap, ys[i] - ys[i - 1]);
    ft.pt = fmax(SMALLEST_VALUE_PT, fmin(ft.pt, gap / (1.05 * r->s)));
    /* the height of digits and capitals, and the room kept around them */
    double half = measure(r, ft, "").mid, pad = 3 * r->s;
    bool thinned = is_cat(&v->ys) && v->yl.every > 1;
    lt_rgb c = layer_rgb(l);
    for (size_t i = 0; i < l->n; i++) {
        double x = px(v, l->x[i]), y = py(v, l->y[i]);
        if (isnan(x) || isnan(y) || l->text == NULL || l->text[i] == NULL)
            continue;
        long cat = lround(l->y[i]);
        if (thinned && (cat < 0 || cat % v->yl.every != 0))
            continue;
        x = fmin(fmax(x, v->x), v->x + v->w);
        double tw = text_width(r, ft, l->text[i]);
        double start = fmax(x, bars_end(v, y - half + 1, y + half - 1)) + pad;
        bool inside = start + tw > v->x + v->w;
        /* the bar it would go inside: its colour, place, and break */
        double dx = fmin(l->x[i], v->xs.hi) - 1e-9 * (v->xs.hi - v->xs.lo);
        double top = 0, thick = 0;
        bool past = false, on_bar = false;
        lt_rgb bar = c;
        if (inside)
            on_bar = bar_under(v, dx, l->y[i], &bar, &top, &thick, &past);
        if (past)
            x = fmin(x, cut_left(r, v, thick) - r->s);
        double x0 = inside ? x - pad - tw : start, x1 = x0 + tw;
        bool clash = false;
        for (size_t k = 0; k < nd && !clash; k++)
            clash = x0 < box[4 * k + 1] + pad && x1 + pad > box[4 * k] &&
                    y - half < box[4 * k + 3] + 1 && y + half + 1 > box[4 * k + 2];
        if (clash)
            continue;
        box[4 * nd] = x0;
        box[4 * nd + 1] = x1;
        box[4 * nd + 2] = y - half;
        box[4 * nd + 3] = y + half;
        nd++;
        if (!inside) {
            halo_text(r, v, ft, c, l->text[i], x0, y, 0, true);
            continue;
        }
        /* Inside the bar, in the colour that reads on it; where the bar
         * is thinner than the text, on a tag of the bar's colour around
         * the text (the bar thickens there). */
        if (on_bar && thick < 2 * half + 2 * r->s) {
            cairo_t *cr = r->cr;
            double t0 = fmin(top, y - half - 2 * r->s), t1 = fmax(top + thick, y + half + 2 * r->s);
            double rad = fmin(2 * r->s, (t1 - t0) / 2), l0 = x0 - pad, l1 = x1 + pad;
            cairo_new_path(cr);
            cairo_arc(cr, l0 + rad, t0 + rad, rad, M_PI, 1.5 * M_PI);
            cairo_arc(cr, l1 - rad, t0 + rad, rad, 1.5 * M_PI, 2 * M_PI);
            cairo_arc(cr, l1 - rad, t1 - rad, rad, 0, 0.5 * M_PI);
            cairo_arc(cr, l0 + rad, t1 - rad, rad, 0.5 * M_PI, M_PI);
            cairo_close_path(cr);
            set_rgb(cr, bar, 1);
            cairo_fill(cr);
        }
        if (on_bar)
            draw_text(r, ft, lt_palette_contrast(bar), l->text[i], x1, y, 1, V_MID, 0);
        else
            halo_text(r, v, ft, c, l->text[i], x1, y, 1, false);
    }
    free(ys);
    free(box);
}

static void draw_texts(rc *r, const pview *v, const lt_layer *l)
{
    if (l->align == LT_TEXT_AFTER) {
        draw_after_texts(r, v, l);
        return;
    }
    font ft = F_TEXT;
    ft.pt *= l->width > 0 ? l->width : 1;
    lt_rgb c = layer_rgb(l);
    for (size_t i = 0; i < l->n; i++) {
        double x = px(v, l->x[i]), y = py(v, l->y[i]);
        if (isnan(x) || isnan(y) || l->text == NULL || l->text[i] == NULL)
            continue;
        draw_text(r, ft, c, l->text[i], x, y, 0.5, V_MID, 0);
    }
}

static void draw_refs(rc *r, const pview *v, const lt_layer *l)
{
    cairo_t *cr = r->cr;
    stroke_style(r, l, 1.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    double lw = 1.0 * r->s * (l->width > 0 ? l->width : 1);
    for (size_t i = 0; i < l->n; i++) {
        if (l->kind == LT_LAYER_HLINE) {
            double y = py(v, l->y[i]);
            if (!isnan(y))
                hline_px(cr, v->x, v->x + v->w, y, lw);
        } else {
            double x = px(v, l->x[i]);
            if (!isnan(x))
                vline_px(cr, x, v->y, v->y + v->h, lw);
        }
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_layers(rc *r, const pview *v)
{
    cairo_t *cr = r->cr;
    cairo_save(cr);
    cairo_rectangle(cr, v->x, v->y, v->w, v->h);
    cairo_clip(cr);
    for (size_t j = 0; j < v->p->nlayer; j++) {
        const lt_layer *l = &v->p->layers[j];
        if (l->n == 0)
            continue;
        switch (l->kind) {
        case LT_LAYER_LINE: case LT_LAYER_STEP: draw_line(r, v, l); break;
        case LT_LAYER_POINTS: draw_points(r, v, l); break;
        case LT_LAYER_RECT: draw_rects(r, v, l); break;
        case LT_LAYER_BAND: draw_band(r, v, l); break;
        case LT_LAYER_BOX: draw_boxes(r, v, l); break;
        case LT_LAYER_HEATMAP: draw_heatmap(r, v, l); break;
        case LT_LAYER_TEXT: draw_texts(r, v, l); break;
        case LT_LAYER_HLINE: case LT_LAYER_VLINE: draw_refs(r, v, l); break;
        }
    }
    cairo_restore(cr);
}

/* ---- drawing: legend ------------------------------------------------- */

/* The opacity of the layer behind a legend entry (its label is the
 * layer's own string). */
static double entry_alpha(const lt_figure *f, const lt_legend_entry *e)
{
    for (size_t i = 0; i < f->npanel; i++)
        for (size_t j = 0; j < f->panels[i].nlayer; j++)
            if (f->panels[i].layers[j].label == e->label)
                return f->panels[i].layers[j].alpha;
    return 1;
}

static void draw_swatch(rc *r, const lt_legend_entry *e, double x, double y, double w)
{
    cairo_t *cr = r->cr;
    double sc = r->s, alpha = entry_alpha(r->f, e);
    lt_rgb c = e->color == LT_COLOR_AUTO ? LT_RGB_REF : lt_palette_category(e->color);
    double sq = 9 * sc, cx = x + w / 2;
    switch (e->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP: case LT_LAYER_HLINE: case LT_LAYER_VLINE: {
        double lw = (e->kind == LT_LAYER_LINE || e->kind == LT_LAYER_STEP ? 1.8 : 1.2) * sc;
        cairo_set_line_width(cr, lw);
        cairo_set_line_cap(cr, e->dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
        set_dash(r, e->dashed, lw);
        set_rgb(cr, c, 1);
        cairo_move_to(cr, x + 1 * sc, y);
        cairo_line_to(cr, x + w - 1 * sc, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        break;
    }
    case LT_LAYER_POINTS:
        set_rgb(cr, c, 1);
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, y, 3 * sc, 0, 2 * M_PI);
        cairo_fill(cr);
        break;
    case LT_LAYER_BAND:
        set_rgb(cr, c, fmax(alpha, 0.3));
        cairo_rectangle(cr, cx - sq / 2, y - sq / 2, sq, sq);
        cairo_fill(cr);
        break;
    case LT_LAYER_BOX:
        cairo_rectangle(cr, cx - sq / 2, y - sq / 2, sq, sq);
        set_rgb(cr, mix_rgb(c, WHITE, 0.6), 1);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 1 * sc);
        set_rgb(cr, mix_rgb(c, BLACK, 0.35), 1);
        cairo_stroke(cr);
        break;
    default:
        set_rgb(cr, c, fmax(alpha, 0.3));
        cairo_rectangle(cr, cx - sq / 2, y - sq / 2, sq, sq);
        cairo_fill(cr);
        break;
    }
}

static void draw_legend(rc *r, const legend *g)
{
    if (g->pos == LT_LEGEND_NONE || g->n == 0)
        return;
    cairo_t *cr = r->cr;
    double sc = r->s;
    char buf[512];
    if (is_corner(g->pos)) {
        cairo_rectangle(cr, g->x, g->y, g->w, g->h);
        set_rgb(cr, WHITE, 0.85);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 0.6 * sc);
        set_rgb(cr, LT_RGB_GRID, 1);
        cairo_stroke(cr);
    }
    for (size_t i = 0; i < g->shown; i++) {
        double x = g->x + g->ex[i], cy = g->y + g->ey[i] + g->row / 2;
        draw_swatch(r, &g->e[i], x, cy, g->sw);
        const char *s = fit(r, F_LEGEND, g->e[i].label, g->labw, buf, sizeof buf);
        draw_text(r, F_LEGEND, LT_RGB_TEXT, s, x + g->sw + 5 * sc, cy, 0, V_MID, 0);
    }
    if (g->shown < g->n) {
        snprintf(buf, sizeof buf, "\xE2\x80\xA6 %zu more", g->n - g->shown);
        size_t i = g->shown;
        draw_text(r, F_LEGEND, LT_RGB_MUTED, buf, g->x + g->ex[i] + g->sw + 5 * sc,
                  g->y + g->ey[i] + g->row / 2, 0, V_MID, 0);
    }
}

/* ---- the whole figure ------------------------------------------------ */

/* Fonts, colour limits and the layout: everything but the drawing. */
/* Lay the figure out in a narrower (or shorter) box, centred on the
 * page, so that the first plotting area gets the figure's aspect (height
 * / width), found by bisection; where the area jumps (a legend moving out
 * of a corner), the box on the side of the jump nearer that shape.
 * The box keeps at least a quarter of the page. */
static void fit_aspect(rc *r, layout *L, legend *g)
{
    double W0 = r->W, H0 = r->H, a = r->f->aspect;
    double q = r->pv[0].h / r->pv[0].w;
    if (fabs(q - a) > 0.002 * a) {
        bool wide = q < a;
        double *dim = wide ? &r->W : &r->H;
        double lo = 0.25 * *dim, hi = *dim, qlo = NAN, qhi = q;
        for (int i = 0; i < 16; i++) {
            *dim = (lo + hi) / 2;
            plan(r, L, g);
            q = r->pv[0].h / r->pv[0].w;
            if (wide ? q >= a : q <= a) {
                lo = *dim;
                qlo = q;
            } else {
                hi = *dim;
                qhi = q;
            }
        }
        /* Across a jump, the side whose shape is nearer. */
        *dim = !(fabs(log(qhi / a)) < fabs(log(qlo / a))) ? lo : hi;
        plan(r, L, g);
    }
    r->ox = (W0 - r->W) / 2;
    r->oy = (H0 - r->H) / 2;
    r->W = W0;
    r->H = H0;
}

static void prepare(rc *r, legend *g, layout *L)
{
    cairo_t *cr = r->cr;
    const lt_figure *f = r->f;
    cairo_font_options_t *fo = cairo_font_options_create();
    /* Unhinted metrics: the same layout on every surface. */
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    for (size_t i = 0; i < f->npanel; i++)
        if (r->pv[i].heat)
            heat_limits(r->pv[i].hl, &r->pv[i].zlo, &r->pv[i].zhi);
    r->ox = r->oy = 0;
    plan(r, L, g);
    if (f->aspect > 0 && isfinite(f->aspect))
        fit_aspect(r, L, g);
}

static void draw_figure(rc *r, legend *g)
{
    cairo_t *cr = r->cr;
    const lt_figure *f = r->f;
    layout L;
    prepare(r, g, &L);
    set_rgb(cr, WHITE, 1);
    cairo_paint(cr);
    cairo_translate(cr, r->ox, r->oy);

    for (size_t i = 0; i < f->npanel; i++) {
        const pview *v = &r->pv[i];
        draw_grid(r, v);
        draw_layers(r, v);
        draw_axes(r, v);
        draw_panel_titles(r, &L, v);
        if (v->heat)
            draw_colorbar(r, &L, v);
    }

    double sc = r->s, pad = 10 * sc;
    for (int i = 0; i < L.title.n; i++)
        draw_text(r, F_TITLE, LT_RGB_TEXT, L.title.line[i], pad,
                  L.title_y + i * line_height(r, F_TITLE) * 1.1, 0, V_TOP, 0);
    for (int i = 0; i < L.subtitle.n; i++)
        draw_text(r, F_SUBTITLE, LT_RGB_MUTED, L.subtitle.line[i], pad,
                  L.subtitle_y + i * line_height(r, F_SUBTITLE) * 1.1, 0, V_TOP, 0);
    for (int i = 0; i < L.caption.n; i++)
        draw_text(r, F_CAPTION, LT_RGB_MUTED, L.caption.line[i], pad,
                  L.caption_y + i * line_height(r, F_CAPTION) * 1.1, 0, V_TOP, 0);
    char buf[512];
    if (has_text(L.xlab)) {
        const char *s = fit(r, F_AXIS, L.xlab, L.gw, buf, sizeof buf);
        /* Centred under the plotting areas, not the cells. */
        double a = r->pv[0].x, b = a;
        for (size_t i = 0; i < f->npanel; i++)
            b = fmax(b, r->pv[i].x + r->pv[i].w);
        draw_text(r, F_AXIS, LT_RGB_TEXT, s, (a + b) / 2, L.xlab_y, 0.5, V_TOP, 0);
    }
    if (has_text(L.ylab)) {
        double a = r->pv[0].y, b = a;
        for (size_t i = 0; i < f->npanel; i++)
            b = fmax(b, r->pv[i].y + r->pv[i].h);
        const char *s = fit(r, F_AXIS, L.ylab, b - a + L.top, buf, sizeof buf);
        draw_text(r, F_AXIS, LT_RGB_TEXT, s, L.ylab_x, (a + b) / 2, 0.5, V_TOP, -M_PI / 2);
    }
    draw_legend(r, g);
}

static int cairo_err(cairo_status_t st, const char *what)
{
    if (st == CAIRO_STATUS_NO_MEMORY)
        return lt_nomem();
    return lt_seterr(LT_EIO, "%s: cairo: %s", what, cairo_status_to_string(st));
}

/* A prepared drawing: options checked, scales computed. */
typedef struct job {
    rc r;
    legend g;
} job;

#define MIN_W_PT 240.0
#define MIN_H_PT 160.0

static int check_opts(const lt_raster_opts *o, const char *what)
{
    if (o->width < 50 || o->width > 20000)
        return lt_seterr(LT_EINVAL, "%s: width = %d pixels, expected 50 to 20000", what,
                         o->width);
    if (o->height < 50 || o->height > 20000)
        return lt_seterr(LT_EINVAL, "%s: height = %d pixels, expected 50 to 20000", what,
                         o->height);
    if (!(o->dpi >= 10 && o->dpi <= 2000))
        return lt_seterr(LT_EINVAL, "%s: dpi = %g, expected 10 to 2000", what, o->dpi);
    return 0;
}

static void job_fini(job *j)
{
    fini_scales(&j->r);
    free(j->r.pv);
    free(j->g.e);
    free(j->g.ex);
    free(j->g.ey);
}

static int job_init(job *j, const lt_figure *f, const lt_raster_opts *o, const char *what)
{
    memset(j, 0, sizeof *j);
    lt_raster_opts def;
    if (o == NULL) {
        lt_raster_opts_init(&def);
        o = &def;
    }
    int e = check_opts(o, what);
    if (e < 0)
        return e;
    if (f == NULL || f->npanel == 0 || lt_figure_is_empty(f))
        return lt_seterr(LT_EINVAL, "plot: nothing to draw (no data)");
    rc *r = &j->r;
    r->f = f;
    r->W = o->width;
    r->H = o->height;
    /* A page smaller than MIN_W x MIN_H points has no room for its text:
     * draw it as that page scaled down (a thumbnail). */
    r->page = 72.0 / o->dpi;
    r->s = fmin(o->dpi / 72.0, fmin(r->W / MIN_W_PT, r->H / MIN_H_PT));
    r->pv = calloc(f->npanel, sizeof *r->pv);
    if (r->pv == NULL)
        return lt_nomem();
    e = init_scales(r);
    if (e < 0) {
        job_fini(j);
        return e;
    }
    size_t max = 0;
    for (size_t i = 0; i < f->npanel; i++)
        max += f->panels[i].nlayer;
    j->g.e = calloc(max ? max : 1, sizeof *j->g.e);
    j->g.ex = calloc(max + 1, sizeof *j->g.ex);
    j->g.ey = calloc(max + 1, sizeof *j->g.ey);
    if (j->g.e == NULL || j->g.ex == NULL || j->g.ey == NULL) {
        job_fini(j);
        return lt_nomem();
    }
    j->g.n = lt_legend_entries(f, j->g.e, max);
    return 0;
}

/* Draw the job onto surface (of the raster size, or scaled to it). */
static int job_draw(job *j, cairo_surface_t *surf, double scale, const char *what)
{
    cairo_t *cr = cairo_create(surf);
    if (scale != 1)
        cairo_scale(cr, scale, scale);
    j->r.cr = cr;
    j->r.err = 0;
    draw_figure(&j->r, &j->g);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    j->r.cr = NULL;
    if (j->r.err < 0)
        return j->r.err;
    if (st != CAIRO_STATUS_SUCCESS)
        return cairo_err(st, what);
    cairo_surface_flush(surf);
    st = cairo_surface_status(surf);
    if (st != CAIRO_STATUS_SUCCESS)
        return cairo_err(st, what);
    return 0;
}

static int raster(job *j, cairo_surface_t **out, const char *what)
{
    cairo_surface_t *surf =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)j->r.W, (int)j->r.H);
    cairo_status_t st = cairo_surface_status(surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return cairo_err(st, what);
    }
    int e = job_draw(j, surf, 1, what);
    if (e < 0) {
        cairo_surface_destroy(surf);
        return e;
    }
    *out = surf;
    return 0;
}

/* ---- output ---------------------------------------------------------- */

typedef struct sink {
    int fd;              /* a file, or -1 for memory */
    int err;             /* errno of a failed write */
    unsigned char *buf;
    size_t len, cap;
    bool nomem;
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int n)
{
    sink *k = closure;
    if (k->fd < 0) {
        if (k->len + n > k->cap) {
            size_t cap = k->cap ? k->cap : 65536;
            while (cap < k->len + n)
                cap *= 2;
            unsigned char *b = realloc(k->buf, cap);
            if (b == NULL) {
                k->nomem = true;
                return CAIRO_STATUS_NO_MEMORY;
            }
            k->buf = b;
            k->cap = cap;
        }
        memcpy(k->buf + k->len, data, n);
        k->len += n;
        return CAIRO_STATUS_SUCCESS;
    }
    while (n > 0) {
        ssize_t w = write(k->fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            k->err = errno;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        data += w;
        n -= (unsigned int)w;
    }
    return CAIRO_STATUS_SUCCESS;
}

typedef enum fmt { FMT_PNG, FMT_SVG, FMT_PDF } fmt;

static int format_of(const char *path, fmt *out)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && strcasecmp(dot, ".png") == 0)
        *out = FMT_PNG;
    else if (dot && strcasecmp(dot, ".svg") == 0)
        *out = FMT_SVG;
    else if (dot && strcasecmp(dot, ".pdf") == 0)
        *out = FMT_PDF;
    else if (dot && dot != base)
        return lt_seterr(LT_EINVAL, "save: unknown format '%s' (expected .png, .svg or .pdf)",
                         dot);
    else
        return lt_seterr(LT_EINVAL,
                         "save: '%s' has no extension (expected .png, .svg or .pdf)", path);
    return 0;
}

/* Render the job as fmt into k. */
static int render_to(job *j, fmt fm, sink *k, const char *what)
{
    cairo_status_t st;
    if (fm == FMT_PNG) {
        cairo_surface_t *surf;
        int e = raster(j, &surf, what);
        if (e < 0)
            return e;
        st = cairo_surface_write_to_png_stream(surf, sink_write, k);
        cairo_surface_destroy(surf);
    } else {
        double scale = j->r.page;
        double wpt = j->r.W * scale, hpt = j->r.H * scale;
        cairo_surface_t *surf =
            fm == FMT_SVG ? cairo_svg_surface_create_for_stream(sink_write, k, wpt, hpt)
                          : cairo_pdf_surface_create_for_stream(sink_write, k, wpt, hpt);
        st = cairo_surface_status(surf);
        if (st == CAIRO_STATUS_SUCCESS) {
            if (fm == FMT_SVG) {
                cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PT);
            } else {
                cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "lunette");
                if (has_text(j->r.f->title)) {
                    char buf[1024];
                    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
                                                   clean(j->r.f->title, buf, sizeof buf));
                }
            }
            int e = job_draw(j, surf, scale, what);
            if (e < 0) {
                cairo_surface_destroy(surf);
                return e;
            }
            cairo_surface_finish(surf);
            st = cairo_surface_status(surf);
        }
        cairo_surface_destroy(surf);
    }
    if (k->nomem)
        return lt_nomem();
    if (k->err)
        return LT_EIO;   /* the caller names the file */
    if (st != CAIRO_STATUS_SUCCESS)
        return cairo_err(st, what);
    return 0;
}

int lt_render_cairo_file(const lt_figure *f, const char *path, const lt_raster_opts *o)
{
    if (path == NULL || *path == '\0')
        return lt_seterr(LT_EINVAL, "save: no file name (expected a .png, .svg or .pdf path)");
    fmt fm = FMT_PNG;
    int e = format_of(path, &fm);
    if (e < 0)
        return e;
    job j;
    e = job_init(&j, f, o, "save");
    if (e < 0)
        return e;

    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (tmp == NULL) {
        job_fini(&j);
        return lt_nomem();
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        e = lt_seterr(LT_EIO, "save: cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        job_fini(&j);
        return e;
    }
    /* mkstemp makes the file private; a saved figure is an ordinary file
     * (or keeps the mode of the one it replaces). */
    struct stat st;
    if (fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644) != 0) {
        /* not fatal: the figure is still written, only privately */
    }

    sink k = {.fd = fd};
    e = render_to(&j, fm, &k, "save");
    job_fini(&j);
    if (e == LT_EIO && k.err)
        e = lt_seterr(LT_EIO, "save: cannot write '%s': %s", path, strerror(k.err));
    if (close(fd) != 0 && e == 0)
        e = lt_seterr(LT_EIO, "save: cannot write '%s': %s", path, strerror(errno));
    if (e == 0 && rename(tmp, path) != 0)
        e = lt_seterr(LT_EIO, "save: cannot write '%s': %s", path, strerror(errno));
    if (e < 0)
        unlink(tmp);
    free(tmp);
    return e;
}

int lt_render_cairo_png(const lt_figure *f, const lt_raster_opts *o, unsigned char **png,
                        size_t *len)
{
    *png = NULL;
    *len = 0;
    job j;
    int e = job_init(&j, f, o, "plot");
    if (e < 0)
        return e;
    sink k = {.fd = -1};
    e = render_to(&j, FMT_PNG, &k, "plot");
    job_fini(&j);
    if (e < 0) {
        free(k.buf);
        return e;
    }
    *png = k.buf;
    *len = k.len;
    return 0;
}

int lt_render_cairo_rgba(const lt_figure *f, const lt_raster_opts *o, uint8_t **rgba)
{
    *rgba = NULL;
    job j;
    int e = job_init(&j, f, o, "plot");
    if (e < 0)
        return e;
    cairo_surface_t *surf;
    e = raster(&j, &surf, "plot");
    job_fini(&j);
    if (e < 0)
        return e;
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    const unsigned char *data = cairo_image_surface_get_data(surf);
    uint8_t *out = malloc((size_t)w * (size_t)h * 4);
    if (out == NULL) {
        cairo_surface_destroy(surf);
        return lt_nomem();
    }
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        uint8_t *o4 = out + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned a = p >> 24, rr = (p >> 16) & 0xFF, gg = (p >> 8) & 0xFF, bb = p & 0xFF;
            if (a != 0 && a != 255) {
                /* Cairo stores premultiplied alpha. */
                rr = (rr * 255 + a / 2) / a;
                gg = (gg * 255 + a / 2) / a;
                bb = (bb * 255 + a / 2) / a;
            }
            o4[4 * x] = (uint8_t)rr;
            o4[4 * x + 1] = (uint8_t)gg;
            o4[4 * x + 2] = (uint8_t)bb;
            o4[4 * x + 3] = (uint8_t)a;
        }
    }
    cairo_surface_destroy(surf);
    *rgba = out;
    return 0;
}

int lt_render_cairo_area(const lt_figure *f, const lt_raster_opts *o, size_t panel,
                         double *x, double *y, double *w, double *h)
{
    job j;
    int e = job_init(&j, f, o, "plot");
    if (e < 0)
        return e;
    if (panel >= f->npanel) {
        job_fini(&j);
        return lt_seterr(LT_EINVAL, "plot: panel %zu of a figure of %zu panels", panel,
                         f->npanel);
    }
    /* The layout needs only text metrics, which a tiny surface gives as
     * well (hinting is off on every surface). */
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(surf);
    j.r.cr = cr;
    layout L;
    prepare(&j.r, &j.g, &L);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    e = j.r.err;
    if (e == 0 && st != CAIRO_STATUS_SUCCESS)
        e = cairo_err(st, "plot");
    if (e == 0) {
        const pview *v = &j.r.pv[panel];
        *x = v->x + j.r.ox;
        *y = v->y + j.r.oy;
        *w = v->w;
        *h = v->h;
    }
    job_fini(&j);
    return e;
}
