/* Checking pixels of Cairo renderings in the plots tests: the distance of
 * two colours, and data coordinates of a panel mapped to pixels as the
 * renderer places them (through lt_render_cairo_area and the panel's
 * scales). */
#ifndef LT_TEST_PIXELS_H
#define LT_TEST_PIXELS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "figure.h"
#include "palette.h"
#include "render_cairo.h"
#include "scale.h"
#include "tap.h"

/* The largest difference of the three channels. */
__attribute__((unused)) static int cdist(lt_rgb a, lt_rgb b)
{
    int d = abs(a.r - b.r);
    if (abs(a.g - b.g) > d)
        d = abs(a.g - b.g);
    if (abs(a.b - b.b) > d)
        d = abs(a.b - b.b);
    return d;
}

/* Data to pixels for panel i of f rendered at o. */
typedef struct mapper {
    double x, y, w, h;
    lt_scale xs, ys;
} mapper;

__attribute__((unused)) static bool mapper_init(mapper *m, const lt_figure *f,
                                                const lt_raster_opts *o, size_t panel)
{
    if (lt_render_cairo_area(f, o, panel, &m->x, &m->y, &m->w, &m->h) != 0)
        return false;
    lt_scale_init(&m->xs, &f->panels[panel], 0, 5);
    lt_scale_init(&m->ys, &f->panels[panel], 1, 5);
    return true;
}

__attribute__((unused)) static void mapper_fini(mapper *m)
{
    lt_scale_fini(&m->xs);
    lt_scale_fini(&m->ys);
}

__attribute__((unused)) static double mx(const mapper *m, double x)
{
    return m->x + lt_scale_pos(&m->xs, x) * m->w;
}

__attribute__((unused)) static double my(const mapper *m, double y)
{
    return m->y + m->h - lt_scale_pos(&m->ys, y) * m->h;
}

/* A figure drawn with Cairo into RGBA bytes, and how it was drawn. */
typedef struct raster {
    uint8_t *px;        /* malloc'd by lt_render_cairo_rgba */
    int w, h;
    lt_raster_opts o;   /* as drawn */
} raster;

/* f drawn at w x h (150 dpi) into im, checked as a test. */
__attribute__((unused)) static bool draw_raster(const lt_figure *f, int w, int h, raster *im)
{
    im->o = (lt_raster_opts){w, h, 150};
    im->w = w;
    im->h = h;
    im->px = NULL;
    int e = lt_render_cairo_rgba(f, &im->o, &im->px);
    if (!ok(e == 0, "drawn with Cairo at %d x %d", w, h))
        printf("#   %s\n", lt_errmsg());
    return e == 0;
}

/* The colour of pixel (x, y); an odd (1, 2, 3) outside the image. */
__attribute__((unused)) static lt_rgb raster_px(const raster *im, double x, double y)
{
    int ix = (int)floor(x), iy = (int)floor(y);
    if (ix < 0 || iy < 0 || ix >= im->w || iy >= im->h)
        return (lt_rgb){1, 2, 3};
    const uint8_t *p = im->px + ((size_t)iy * (size_t)im->w + (size_t)ix) * 4;
    return (lt_rgb){p[0], p[1], p[2]};
}

/* Relative luminance of c (Rec. 709 weights, 0 to 255). */
__attribute__((unused)) static double luminance(lt_rgb c)
{
    return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

#endif
