/* Checking pixels of Cairo renderings in the plots tests: the distance of
 * two colours, and data coordinates of a panel mapped to pixels as the
 * renderer places them (through lt_render_cairo_area and the panel's
 * scales). */
#ifndef LT_TEST_PIXELS_H
#define LT_TEST_PIXELS_H

#include <stdbool.h>
#include <stdlib.h>

#include "figure.h"
#include "palette.h"
#include "render_cairo.h"
#include "scale.h"

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

#endif
