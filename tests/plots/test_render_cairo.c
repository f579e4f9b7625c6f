/* The Cairo renderer: figures built in C, written as PNG, SVG and PDF into
 * a temporary directory, PNGs decoded back with Cairo and checked pixel by
 * pixel at data positions (through lt_render_cairo_area and the panel
 * scales); files written atomically; errors named. */
#include <cairo.h>
#include <dirent.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "figure.h"
#include "palette.h"
#include "render_cairo.h"
#include "scale.h"
#include "pixels.h"
#include "tap.h"

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[2][256];
    static int k;
    k ^= 1;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

/* ---- reading images back --------------------------------------------- */

typedef struct image {
    cairo_surface_t *s;
    int w, h, stride;
    const unsigned char *data;
} image;

static bool image_load(image *im, const char *path)
{
    im->s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(im->s) != CAIRO_STATUS_SUCCESS)
        return false;
    im->w = cairo_image_surface_get_width(im->s);
    im->h = cairo_image_surface_get_height(im->s);
    im->stride = cairo_image_surface_get_stride(im->s);
    im->data = cairo_image_surface_get_data(im->s);
    return true;
}

static void image_free(image *im) { cairo_surface_destroy(im->s); }

/* The colour of pixel (x, y) (opaque images: no premultiplication left). */
static lt_rgb pixel(const image *im, double x, double y)
{
    int ix = (int)floor(x), iy = (int)floor(y);
    if (ix < 0 || iy < 0 || ix >= im->w || iy >= im->h)
        return (lt_rgb){1, 2, 3};
    uint32_t p = *(const uint32_t *)(im->data + (size_t)iy * (size_t)im->stride + 4 * (size_t)ix);
    return (lt_rgb){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p};
}

static bool is_color(lt_rgb got, lt_rgb want, int tol, const char *what)
{
    bool pass = cdist(got, want) <= tol;
    ok(pass, "%s", what);
    if (!pass)
        printf("#   got #%02X%02X%02X, want #%02X%02X%02X\n", got.r, got.g, got.b, want.r,
               want.g, want.b);
    return pass;
}

/* Fraction of pixels of the rectangle that are not white. */
static double inked(const image *im, double x, double y, double w, double h)
{
    size_t n = 0, ink = 0;
    for (int j = (int)y; j < (int)(y + h); j++)
        for (int i = (int)x; i < (int)(x + w); i++) {
            lt_rgb c = pixel(im, i, j);
            n++;
            ink += c.r < 250 || c.g < 250 || c.b < 250;
        }
    return n ? (double)ink / (double)n : 0;
}

static const lt_rgb WHITE = {255, 255, 255};

static lt_rgb over_white(lt_rgb c, double a)
{
    return (lt_rgb){(uint8_t)lround(c.r * a + 255 * (1 - a)),
                    (uint8_t)lround(c.g * a + 255 * (1 - a)),
                    (uint8_t)lround(c.b * a + 255 * (1 - a))};
}

/* Render f to name at o, load it back into im. */
static bool render_load(const lt_figure *f, const lt_raster_opts *o, const char *name, image *im)
{
    const char *path = in_dir(name);
    int e = lt_render_cairo_file(f, path, o);
    if (!ok(e == 0, "%s written", name)) {
        printf("#   %s\n", lt_errmsg());
        return false;
    }
    return ok(image_load(im, path), "%s decodes", name);
}

/* ---- figures --------------------------------------------------------- */

static void test_line(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "A flat line");
    lt_figure_set_str(&f->subtitle, "and a rising one");
    double x[5] = {0, 1, 2, 3, 4}, y[5] = {5, 5, 5, 5, 5}, y2[5] = {1, 2, NAN, 4, 9};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 5, "flat");
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y2, 5, "rising");
    lt_figure_set_str(&f->panels[0].x.label, "x");
    lt_figure_set_str(&f->panels[0].y.label, "y");
    lt_raster_opts o;
    lt_raster_opts_init(&o);
    ok(o.width == 1200 && o.height == 750 && o.dpi == 150, "defaults 1200 x 750 at 150 dpi");
    image im;
    if (!render_load(f, &o, "line.png", &im))
        return;
    ok(im.w == 1200 && im.h == 750, "PNG is %d x %d", im.w, im.h);
    mapper m;
    mapper_init(&m, f, &o, 0);
    ok(m.x > 40 && m.y > 40 && m.x + m.w < 1200 && m.y + m.h < 750 - 40,
       "plotting area %.0f,%.0f %.0fx%.0f leaves room for labels and titles", m.x, m.y, m.w, m.h);
    is_color(pixel(&im, mx(&m, 1.5), my(&m, 5)), lt_palette_category(0), 2,
             "the flat line is drawn in colour 0 through y = 5");
    is_color(pixel(&im, mx(&m, 3.5), my(&m, 6.5)), lt_palette_category(1), 2,
             "the rising line in colour 1 between (3, 4) and (4, 9)");
    is_color(pixel(&im, mx(&m, 1.5), my(&m, 2.5) - 1), WHITE, 0,
             "no line across the missing value at x = 2");
    is_color(pixel(&im, 2, 2), WHITE, 0, "white background");
    ok(inked(&im, 0, 0, 1200, m.y - 10) > 0.002, "title and subtitle drawn above the panel");
    ok(inked(&im, 0, m.y + m.h + 4, 1200, 750 - m.y - m.h - 4) > 0.002,
       "tick labels and axis title drawn under the panel");
    mapper_fini(&m);
    image_free(&im);

    /* The same figure at twice the dpi and size is the same layout. */
    lt_raster_opts o2 = {2400, 1500, 300};
    double a[4], b[4];
    lt_render_cairo_area(f, &o, 0, &a[0], &a[1], &a[2], &a[3]);
    lt_render_cairo_area(f, &o2, 0, &b[0], &b[1], &b[2], &b[3]);
    bool same = true;
    for (int i = 0; i < 4; i++)
        same &= fabs(b[i] - 2 * a[i]) <= 2;
    ok(same, "dpi 300 at twice the size doubles the layout (%.1f,%.1f %.1fx%.1f vs %.1f,%.1f %.1fx%.1f)",
       a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]);
    lt_figure_free(f);
}

static lt_figure *bar_figure(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    const char *cats[3] = {"Electronic check", "Mailed check", "Credit card"};
    lt_axis_set_categories(&p->x, cats, 3);
    p->y.zero = true;
    double x0[3] = {-0.4, 0.6, 1.6}, x1[3] = {0.4, 1.4, 2.4}, y0[3] = {0, 0, 0},
           y1[3] = {3, 10, 6};
    lt_panel_add_rects(p, x0, x1, y0, y1, 3, NULL);
    lt_figure_set_str(&f->title, "Payment method");
    return f;
}

static void test_bars(void)
{
    lt_figure *f = bar_figure();
    lt_raster_opts o = {800, 500, 100};
    image im;
    if (!render_load(f, &o, "bars.png", &im))
        return;
    ok(im.w == 800 && im.h == 500, "PNG is 800 x 500");
    mapper m;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 1), my(&m, 5)), lt_palette_category(0), 1,
             "the middle of the tall bar is colour 0");
    is_color(pixel(&im, mx(&m, 0), my(&m, 1.5)), lt_palette_category(0), 1,
             "the short bar too");
    is_color(pixel(&im, mx(&m, 0), my(&m, 7)), WHITE, 0, "above the short bar is background");
    is_color(pixel(&im, mx(&m, 0.5), my(&m, 1)), WHITE, 0, "a gap between bars");
    ok(my(&m, 0) > m.y + m.h - 1.5, "bars grow from the bottom of the area (y = 0 at %.1f)",
       my(&m, 0));
    ok(inked(&im, m.x, m.y + m.h + 2, m.w, 500 - m.y - m.h - 2) > 0.005,
       "category labels under the bars");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static void test_histogram(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    p->y.zero = true;
    double x0[5] = {0, 1, 2, 3, 4}, x1[5] = {1, 2, 3, 4, 5}, y0[5] = {0},
           y1[5] = {2, 5, 9, 4, 1};
    lt_panel_add_rects(p, x0, x1, y0, y1, 5, NULL);
    lt_raster_opts o = {900, 600, 150};
    image im;
    if (!render_load(f, &o, "hist.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 2.5), my(&m, 4.5)), lt_palette_category(0), 1,
             "the middle of the tallest bin is colour 0");
    lt_rgb seam = pixel(&im, mx(&m, 3), my(&m, 2));
    ok(seam.r > 100, "a light seam separates adjacent bins (#%02X%02X%02X)", seam.r, seam.g,
       seam.b);
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static void test_scatter(void)
{
    lt_figure *f = lt_figure_new();
    double x[3] = {1, 2, 3}, y[3] = {1, 3, 2};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, x, y, 3, NULL);
    lt_raster_opts o = {600, 400, 150};
    image im;
    if (!render_load(f, &o, "scatter.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 2), my(&m, 3)), lt_palette_category(0), 1,
             "a marker at (2, 3) in colour 0");
    /* 2.5 points at 150 dpi: a radius of 5.2 pixels. */
    is_color(pixel(&im, mx(&m, 2) + 4, my(&m, 3)), lt_palette_category(0), 1,
             "4 pixels off the centre is inside the marker");
    is_color(pixel(&im, mx(&m, 2) + 8, my(&m, 3) + 8), WHITE, 0, "8 diagonally is outside");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);

    /* More than 1000 points: translucent markers. */
    f = lt_figure_new();
    enum { N = 2000 };
    double *gx = malloc(N * sizeof *gx), *gy = malloc(N * sizeof *gy);
    for (int i = 0; i < N; i++) {
        gx[i] = i % 50;
        gy[i] = i / 50;
    }
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, gx, gy, N, NULL);
    free(gx);
    free(gy);
    o = (lt_raster_opts){1200, 900, 150};
    if (!render_load(f, &o, "scatter2000.png", &im))
        return;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 25), my(&m, 17)), over_white(lt_palette_category(0), 0.6), 3,
             "2000 points are drawn at alpha 0.6");
    ok(inked(&im, m.x, m.y, m.w, m.h) > 0.05, "the data region is not blank");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static void test_heatmap(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    const char *xc[3] = {"a", "b", "c"}, *yc[2] = {"first", "second"};
    lt_axis_set_categories(&p->x, xc, 3);
    lt_axis_set_categories(&p->y, yc, 2);
    double z[6] = {0, 1, 2, 3, 4, 5};
    const char *txt[6] = {"0", "1", "2", "3", "4", "5"};
    lt_panel_add_heatmap(p, z, 2, 3, txt, LT_CMAP_SEQUENTIAL);
    lt_raster_opts o = {800, 600, 150};
    image im;
    if (!render_load(f, &o, "heatmap.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    ok(my(&m, 0) < my(&m, 1), "row 0 is at the top");
    /* z runs 0..5: t = z / 5; sampled left of the centred text. */
    is_color(pixel(&im, mx(&m, -0.3), my(&m, 0)), lt_palette_map(LT_CMAP_SEQUENTIAL, 0), 1,
             "cell (0, 0), z = 0: viridis at 0");
    is_color(pixel(&im, mx(&m, 1.7), my(&m, 0)), lt_palette_map(LT_CMAP_SEQUENTIAL, 0.4), 1,
             "cell (0, 2), z = 2: viridis at 0.4");
    is_color(pixel(&im, mx(&m, 1.7), my(&m, 1)), lt_palette_map(LT_CMAP_SEQUENTIAL, 1), 1,
             "cell (1, 2), z = 5: viridis at 1");
    /* Text in contrasting colours: dark on yellow, white on purple. */
    int dark = 0, light = 0;
    for (double dx = -0.1; dx <= 0.1; dx += 0.005)
        for (double dy = -0.1; dy <= 0.1; dy += 0.01) {
            lt_rgb a = pixel(&im, mx(&m, 2 + dx), my(&m, 1 + dy));
            lt_rgb b = pixel(&im, mx(&m, 0 + dx), my(&m, 0 + dy));
            dark += a.r < 0x60 && a.g < 0x60;
            light += b.r > 0xC0 && b.g > 0xC0 && b.b > 0xC0;
        }
    ok(dark > 3 && light > 3, "cell text dark on the light cell (%d), white on the dark (%d)",
       dark, light);
    ok(inked(&im, m.x + m.w + 4, m.y, 800 - m.x - m.w - 4, m.h) > 0.02,
       "a colour bar right of the cells");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);

    /* Diverging: centred on 0, limits +-max|z| = +-4. */
    f = lt_figure_new();
    p = &f->panels[0];
    lt_axis_set_categories(&p->x, xc, 3);
    lt_axis_set_categories(&p->y, yc, 1);
    double d[3] = {-2, 0, 4};
    lt_panel_add_heatmap(p, d, 1, 3, NULL, LT_CMAP_DIVERGING);
    if (!render_load(f, &o, "diverging.png", &im))
        return;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 0), my(&m, 0)), lt_palette_map(LT_CMAP_DIVERGING, 0.25), 1,
             "z = -2 of -4..4: diverging at 0.25");
    is_color(pixel(&im, mx(&m, 1), my(&m, 0)), lt_palette_map(LT_CMAP_DIVERGING, 0.5), 1,
             "z = 0: the middle");
    mapper_fini(&m);
    image_free(&im);
    /* User limits. */
    p->layers[0].zlo = 0;
    p->layers[0].zhi = 8;
    if (!render_load(f, &o, "diverging2.png", &im))
        return;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 2), my(&m, 0)), lt_palette_map(LT_CMAP_DIVERGING, 0.5), 1,
             "z = 4 with limits 0..8: the middle");
    is_color(pixel(&im, mx(&m, 0), my(&m, 0)), lt_palette_map(LT_CMAP_DIVERGING, 0), 1,
             "z = -2 below the limits: clamped to the low end");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int y, int mth, int d)
{
    y -= mth <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (mth + (mth > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static double month_us(int y, int mth)
{
    return (double)days_from_civil(y, mth, 1) * (double)LT_US_PER_DAY;
}

static void test_time_band(void)
{
    ok(days_from_civil(1970, 1, 1) == 0 && days_from_civil(2000, 3, 1) == 11017,
       "civil dates (check of the test helper)");
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    p->x.scale = LT_SCALE_TIME;
    p->x.tkind = LT_DATE;
    enum { N = 144 };
    double x[N], lo[N], hi[N], mid[N];
    for (int i = 0; i < N; i++) {
        x[i] = month_us(2013 + i / 12, i % 12 + 1);
        lo[i] = 10 + sin(i / 6.0);
        hi[i] = 20 + sin(i / 6.0);
        mid[i] = 15 + sin(i / 6.0);
    }
    lt_panel_add_band(p, x, lo, hi, N, "80% interval");
    lt_panel_add_xy(p, LT_LAYER_LINE, x, mid, N, "forecast");
    lt_figure_set_str(&f->title, "Twelve years of months");
    lt_raster_opts o = {1200, 600, 150};
    image im;
    if (!render_load(f, &o, "band.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    ok(m.xs.kind == LT_SCALE_TIME, "a time scale");
    /* Mid-year (away from year ticks), between the band's edge and the
     * line. */
    int i = 6 * 12 + 6;
    is_color(pixel(&im, mx(&m, x[i]), my(&m, lo[i] + 1.7)), over_white(lt_palette_category(0), 0.25),
             3, "inside the band: colour 0 at alpha 0.25");
    is_color(pixel(&im, mx(&m, x[i]), my(&m, mid[i])), lt_palette_category(1), 2,
             "the line over the band in colour 1");
    is_color(pixel(&im, mx(&m, x[i]), my(&m, lo[i] - 1.5)), WHITE, 6, "under the band: background");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static void test_boxes(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    const char *cats[2] = {"No", "Yes"};
    lt_axis_set_categories(&p->x, cats, 2);
    lt_box_stats b[2] = {{1, 2, 3, 4, 5, 1, (double[]){9}}, {2, 4, 5, 7, 8, 0, NULL}};
    double bx[2] = {0, 1};
    lt_panel_add_boxes(p, bx, b, 2, NULL);
    lt_raster_opts o = {700, 500, 150};
    image im;
    if (!render_load(f, &o, "boxes.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    lt_rgb c = lt_palette_category(0);
    lt_rgb fill = {(uint8_t)lround(c.r + (255 - c.r) * 0.6), (uint8_t)lround(c.g + (255 - c.g) * 0.6),
                   (uint8_t)lround(c.b + (255 - c.b) * 0.6)};
    is_color(pixel(&im, mx(&m, 0.2), my(&m, 2.5)), fill, 2, "inside the box: a light fill of colour 0");
    lt_rgb med = pixel(&im, mx(&m, 0.2), my(&m, 3));
    ok(med.r < 60 && med.g < 100, "the median line is dark (#%02X%02X%02X)", med.r, med.g, med.b);
    lt_rgb out = pixel(&im, mx(&m, 0) + 2.0 * 150 / 72, my(&m, 9));
    ok(out.r < 150, "an outlier circle at 9 (#%02X%02X%02X)", out.r, out.g, out.b);
    is_color(pixel(&im, mx(&m, 0.3), my(&m, 6.5)), WHITE, 0, "above the box: background");
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static void test_facets(void)
{
    lt_figure *f = lt_figure_new();
    lt_figure_set_str(&f->title, "Four panels");
    for (int k = 0; k < 4; k++) {
        lt_panel *p = k == 0 ? &f->panels[0] : lt_figure_add_panel(f);
        char t[32];
        snprintf(t, sizeof t, "panel %d", k + 1);
        lt_figure_set_str(&p->title, t);
        double x[2] = {0, 10}, y[2] = {k, k};
        double y2[2] = {k + 1, k + 1};
        lt_panel_add_xy(p, LT_LAYER_LINE, x, y, 2, NULL);
        lt_panel_add_xy(p, LT_LAYER_POINTS, x, y2, 2, NULL);
    }
    lt_figure_grid(f, 2);
    ok(f->nrow == 2 && f->ncol == 2, "a 2 x 2 grid");
    lt_raster_opts o = {1000, 800, 150};
    image im;
    if (!render_load(f, &o, "facets.png", &im))
        return;
    mapper m[4];
    for (int k = 0; k < 4; k++)
        mapper_init(&m[k], f, &o, (size_t)k);
    ok(m[1].x > m[0].x + m[0].w && m[2].y > m[0].y + m[0].h && fabs(m[3].x - m[1].x) < 0.5 &&
           fabs(m[3].y - m[2].y) < 0.5,
       "panels in row-major order");
    ok(fabs(m[0].w - m[3].w) < 0.5 && fabs(m[0].h - m[3].h) < 0.5, "panels of one size");
    bool drawn = true;
    for (int k = 0; k < 4; k++)
        drawn &= cdist(pixel(&im, mx(&m[k], 5), my(&m[k], k)), lt_palette_category(0)) <= 2;
    ok(drawn, "each panel draws its own line at its own scale");
    ok(inked(&im, m[1].x, m[1].y - 30, m[1].w, 25) > 0.005, "facet titles above the panels");
    for (int k = 0; k < 4; k++)
        mapper_fini(&m[k]);
    image_free(&im);
    double x, y, w, h;
    ok(lt_render_cairo_area(f, &o, 4, &x, &y, &w, &h) == LT_EINVAL, "panel 4 of 4 is an error");
    lt_figure_free(f);
}


static void test_refs_steps_text(void)
{
    lt_figure *f = lt_figure_new();
    lt_panel *p = &f->panels[0];
    double x[4] = {0, 2, 4, 6}, y[4] = {1, 3, NAN, 2};
    lt_panel_add_xy(p, LT_LAYER_STEP, x, y, 4, "steps");
    double h = 2.3;   /* off the grid lines */
    lt_panel_add_refs(p, LT_LAYER_HLINE, &h, 1, NULL);
    double v = 5;
    lt_layer *vl = lt_panel_add_refs(p, LT_LAYER_VLINE, &v, 1, "cut");
    vl->dashed = false;
    double tx = 1, ty = 2;
    const char *tt = "MMMM";
    lt_panel_add_text(p, &tx, &ty, &tt, 1);
    f->legend = LT_LEGEND_NONE;
    lt_raster_opts o = {900, 600, 150};
    image im;
    if (!render_load(f, &o, "refs.png", &im))
        return;
    mapper m;
    mapper_init(&m, f, &o, 0);
    is_color(pixel(&im, mx(&m, 1), my(&m, 1)), lt_palette_category(0), 2,
             "a step holds y = 1 from x = 0 to 2");
    is_color(pixel(&im, mx(&m, 2), my(&m, 2)), lt_palette_category(0), 2,
             "and rises at x = 2");
    is_color(pixel(&im, mx(&m, 3), my(&m, 3)), lt_palette_category(0), 2,
             "y = 3 holds up to x = 4 though y is missing there");
    is_color(pixel(&im, mx(&m, 5.5), my(&m, 2.2)), WHITE, 0, "then nothing until the next value");
    int ref = 0, gap = 0;
    for (double t = 0.5; t < 4.5; t += 0.01) {
        lt_rgb c = pixel(&im, mx(&m, t), my(&m, 2.3));
        ref += cdist(c, LT_RGB_REF) <= 2;
        gap += cdist(c, WHITE) <= 2;
    }
    ok(ref > 50 && gap > 50, "an unlabelled horizontal line: dashed (%d) in LT_RGB_REF (%d gaps)",
       ref, gap);
    int solid = 0;
    for (int i = 0; i < 200; i++)
        solid += cdist(pixel(&im, mx(&m, 5), my(&m, 1 + i * 0.01)), lt_palette_category(1)) <= 2;
    ok(solid == 200, "a labelled, undashed vertical line: solid in colour 1 (%d of 200)", solid);
    int dark = 0;
    for (double dx = -0.2; dx <= 0.2; dx += 0.01)
        dark += cdist(pixel(&im, mx(&m, 1 + dx), my(&m, 2)), LT_RGB_TEXT) <= 40;
    ok(dark > 3, "text drawn at its anchor (%d dark pixels)", dark);
    mapper_fini(&m);
    image_free(&im);
    lt_figure_free(f);
}

static double area_w(const lt_figure *f, const lt_raster_opts *o)
{
    double x, y, w, h;
    return lt_render_cairo_area(f, o, 0, &x, &y, &w, &h) == 0 ? w : -1;
}

static double area_h(const lt_figure *f, const lt_raster_opts *o)
{
    double x, y, w, h;
    return lt_render_cairo_area(f, o, 0, &x, &y, &w, &h) == 0 ? h : -1;
}

static void test_layout(void)
{
    lt_raster_opts o = {1000, 600, 150};
    /* A legend outside takes room from the plotting area; inside it does
     * not. */
    lt_figure *f = lt_figure_new();
    double x[3] = {0, 1, 2}, y[3] = {0, 1, 2};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 3, "a series");
    f->legend = LT_LEGEND_NONE;
    double w0 = area_w(f, &o), h0 = area_h(f, &o);
    f->legend = LT_LEGEND_TOP_LEFT;
    ok(area_w(f, &o) == w0 && area_h(f, &o) == h0, "a legend inside leaves the area as it is");
    f->legend = LT_LEGEND_RIGHT;
    double w1 = area_w(f, &o);
    ok(w1 < w0 - 50 && area_h(f, &o) == h0, "a legend on the right narrows the area (%.0f < %.0f)",
       w1, w0);
    f->legend = LT_LEGEND_BOTTOM;
    double h1 = area_h(f, &o);
    ok(h1 < h0 - 10 && area_w(f, &o) == w0, "a legend below lowers it (%.0f < %.0f)", h1, h0);
    /* AUTO: the line runs from corner to corner; the top left is free. */
    f->legend = LT_LEGEND_AUTO;
    ok(area_w(f, &o) == w0, "the automatic legend goes inside when a corner is free");
    lt_figure_set_str(&f->caption, "a note");
    f->legend = LT_LEGEND_NONE;
    ok(area_h(f, &o) < h0 - 10, "a caption takes a line under the figure");
    lt_figure_free(f);

    /* Category labels: short ones stay horizontal; long ones turn and take
     * height; the area never collapses. */
    const char *shortn[4] = {"a", "b", "c", "d"};
    const char *longn[4] = {"a very long category name indeed", "another very long category name",
                            "yet another long category name", "the last long category name"};
    double hs = 0, hl = 0;
    for (int k = 0; k < 2; k++) {
        f = lt_figure_new();
        lt_axis_set_categories(&f->panels[0].x, k ? longn : shortn, 4);
        double x0[4] = {-0.4, 0.6, 1.6, 2.6}, x1[4] = {0.4, 1.4, 2.4, 3.4}, y0[4] = {0},
               y1[4] = {1, 2, 3, 4};
        lt_panel_add_rects(&f->panels[0], x0, x1, y0, y1, 4, NULL);
        lt_raster_opts narrow = {500, 600, 150};
        if (k)
            hl = area_h(f, &narrow);
        else
            hs = area_h(f, &narrow);
        lt_figure_free(f);
    }
    ok(hl < hs - 60 && hl > 200, "long category names turn 45 degrees and take height (%.0f vs %.0f)",
       hl, hs);

    /* Facet titles take a line above each panel. */
    f = lt_figure_new();
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 3, NULL);
    double plain = area_h(f, &o);
    lt_figure_set_str(&f->panels[0].title, "facet");
    ok(area_h(f, &o) < plain - 10, "a panel title takes a line");
    lt_figure_free(f);
}

static void test_heatmap_edges(void)
{
    lt_raster_opts o = {600, 400, 150};
    const char *c2[2] = {"a", "b"};
    image im;
    /* All equal: the middle of the map; all missing: the palette's grey. */
    for (int k = 0; k < 2; k++) {
        lt_figure *f = lt_figure_new();
        lt_axis_set_categories(&f->panels[0].x, c2, 2);
        lt_axis_set_categories(&f->panels[0].y, c2, 2);
        double z[4] = {3, 3, 3, 3}, nan4[4] = {NAN, NAN, NAN, NAN};
        lt_panel_add_heatmap(&f->panels[0], k ? nan4 : z, 2, 2, NULL, LT_CMAP_SEQUENTIAL);
        if (render_load(f, &o, k ? "heat_nan.png" : "heat_equal.png", &im)) {
            mapper m;
            mapper_init(&m, f, &o, 0);
            is_color(pixel(&im, mx(&m, 1), my(&m, 1)),
                     lt_palette_map(LT_CMAP_SEQUENTIAL, k ? NAN : 0.5), 1,
                     k ? "missing cells are grey" : "all-equal cells take the middle colour");
            mapper_fini(&m);
            image_free(&im);
        }
        lt_figure_free(f);
    }
}

/* ---- memory outputs -------------------------------------------------- */

typedef struct reader {
    const unsigned char *p;
    size_t left;
} reader;

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int n)
{
    reader *r = closure;
    if (n > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, n);
    r->p += n;
    r->left -= n;
    return CAIRO_STATUS_SUCCESS;
}

static void test_memory(void)
{
    lt_figure *f = bar_figure();
    lt_raster_opts o = {400, 300, 96};
    unsigned char *png = NULL;
    size_t len = 0;
    int e = lt_render_cairo_png(f, &o, &png, &len);
    ok(e == 0 && len > 100, "PNG in memory, %zu bytes", len);
    ok(png && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0, "starts with the PNG signature");
    reader rd = {png, len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &rd);
    ok(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(s) == 400 &&
           cairo_image_surface_get_height(s) == 300,
       "decodes to 400 x 300");
    cairo_surface_destroy(s);
    free(png);

    uint8_t *rgba = NULL;
    ok(lt_render_cairo_rgba(f, &o, &rgba) == 0 && rgba, "RGBA pixels");
    mapper m;
    mapper_init(&m, f, &o, 0);
    int px = (int)mx(&m, 1), py = (int)my(&m, 5);
    const uint8_t *q = rgba + ((size_t)py * 400 + (size_t)px) * 4;
    lt_rgb c = lt_palette_category(0);
    ok(abs(q[0] - c.r) <= 1 && abs(q[1] - c.g) <= 1 && abs(q[2] - c.b) <= 1 && q[3] == 255,
       "R G B A order: the bar at (%d, %d) is %02X %02X %02X %02X", px, py, q[0], q[1], q[2], q[3]);
    const uint8_t *last = rgba + (400 * 300 - 1) * 4;
    ok(last[0] == 255 && last[1] == 255 && last[2] == 255 && last[3] == 255,
       "the last of 400 * 300 pixels is opaque white");
    mapper_fini(&m);
    free(rgba);
    lt_figure_free(f);
}

/* ---- vector files ---------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, fp);
    b[*len] = '\0';
    fclose(fp);
    return b;
}

static void test_vector(void)
{
    lt_figure *f = bar_figure();
    lt_raster_opts o = {1200, 750, 150};
    size_t len;
    ok(lt_render_cairo_file(f, in_dir("bars.svg"), &o) == 0, "SVG written");
    char *svg = slurp(in_dir("bars.svg"), &len);
    ok(svg && strncmp(svg, "<?xml", 5) == 0, "SVG starts with <?xml");
    ok(svg && strstr(svg, "<svg") != NULL, "has an <svg element");
    ok(svg && strstr(svg, "width=\"576pt\"") && strstr(svg, "height=\"360pt\""),
       "page of 1200/150 x 750/150 inches in points");
    const char *end = svg ? svg + len : NULL;
    while (end && end > svg && (end[-1] == '\n' || end[-1] == ' '))
        end--;
    ok(svg && end - svg >= 6 && strncmp(end - 6, "</svg>", 6) == 0, "ends with </svg>");
    free(svg);

    ok(lt_render_cairo_file(f, in_dir("bars.PDF"), &o) == 0, "PDF written (extension in capitals)");
    char *pdf = slurp(in_dir("bars.PDF"), &len);
    ok(pdf && strncmp(pdf, "%PDF-", 5) == 0, "PDF starts with %%PDF-");
    end = pdf ? pdf + len : NULL;
    while (end && end > pdf && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    ok(pdf && end - pdf >= 5 && strncmp(end - 5, "%%EOF", 5) == 0, "ends with %%%%EOF");
    ok(pdf && strstr(pdf, "/MediaBox [ 0 0 576 360 ]") != NULL, "page 576 x 360 points");
    free(pdf);
    lt_figure_free(f);
}

/* ---- errors ---------------------------------------------------------- */

static int count_entries(const char *d)
{
    DIR *dp = opendir(d);
    int n = 0;
    if (dp == NULL)
        return -1;
    for (struct dirent *e; (e = readdir(dp)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dp);
    return n;
}

static void test_errors(void)
{
    lt_figure *f = bar_figure();
    lt_raster_opts o;
    lt_raster_opts_init(&o);

    ok(lt_render_cairo_file(f, "", &o) == LT_EINVAL, "an empty path is refused");
    ok(lt_render_cairo_file(f, in_dir("x.jpg"), &o) == LT_EINVAL, "a .jpg is refused");
    is_str(lt_errmsg(), "save: unknown format '.jpg' (expected .png, .svg or .pdf)", "message");
    char want[512];
    snprintf(want, sizeof want, "save: '%s' has no extension (expected .png, .svg or .pdf)",
             in_dir("noext"));
    ok(lt_render_cairo_file(f, in_dir("noext"), &o) == LT_EINVAL, "no extension is refused");
    is_str(lt_errmsg(), want, "message");

    lt_raster_opts bad = o;
    bad.width = 49;
    ok(lt_render_cairo_file(f, in_dir("w.png"), &bad) == LT_EINVAL, "width 49 is refused");
    is_str(lt_errmsg(), "save: width = 49 pixels, expected 50 to 20000", "message");
    bad = o;
    bad.height = 20001;
    uint8_t *rgba;
    ok(lt_render_cairo_rgba(f, &bad, &rgba) == LT_EINVAL && rgba == NULL, "height 20001 is refused");
    is_str(lt_errmsg(), "plot: height = 20001 pixels, expected 50 to 20000", "message");
    bad = o;
    bad.dpi = 5;
    ok(lt_render_cairo_file(f, in_dir("d.png"), &bad) == LT_EINVAL, "dpi 5 is refused");
    is_str(lt_errmsg(), "save: dpi = 5, expected 10 to 2000", "message");

    /* The directory does not exist; the parent is a file. */
    const char *nodir = in_dir("missing/x.png");
    ok(lt_render_cairo_file(f, nodir, &o) == LT_EIO, "a missing directory: LT_EIO");
    snprintf(want, sizeof want, "save: cannot write '%s': %s", nodir, strerror(ENOENT));
    is_str(lt_errmsg(), want, "message names the file and the reason");
    FILE *fp = fopen(in_dir("plain"), "w");
    fclose(fp);
    const char *notdir = in_dir("plain/x.png");
    ok(lt_render_cairo_file(f, notdir, &o) == LT_EIO, "a file as the directory: LT_EIO");
    snprintf(want, sizeof want, "save: cannot write '%s': %s", notdir, strerror(ENOTDIR));
    is_str(lt_errmsg(), want, "message");
    if (geteuid() != 0) {
        mkdir(in_dir("ro"), 0500);
        ok(lt_render_cairo_file(f, in_dir("ro/x.png"), &o) == LT_EIO &&
               count_entries(in_dir("ro")) == 0,
           "an unwritable directory: LT_EIO and no file");
    }

    /* A write that fails half-way (the file size limit): no file, no
     * temporary left behind, and an existing file is kept as it was. */
    mkdir(in_dir("full"), 0700);
    const char *target = in_dir("full/x.png");
    fp = fopen(target, "w");
    fputs("old", fp);
    fclose(fp);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 1000;
    signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &lim);
    int e = lt_render_cairo_file(f, target, &o);
    setrlimit(RLIMIT_FSIZE, &old);
    ok(e == LT_EIO, "a failed write: LT_EIO");
    snprintf(want, sizeof want, "save: cannot write '%s': %s", target, strerror(EFBIG));
    is_str(lt_errmsg(), want, "message");
    size_t len;
    char *kept = slurp(target, &len);
    ok(count_entries(in_dir("full")) == 1 && kept && strcmp(kept, "old") == 0,
       "the old file is untouched and no temporary is left");
    free(kept);
    ok(lt_render_cairo_file(f, target, &o) == 0, "then the write succeeds");
    struct stat st = {0};
    bool replaced = stat(target, &st) == 0 && st.st_size > 1000;
    ok(replaced && count_entries(in_dir("full")) == 1, "and replaces the file (%lld bytes)",
       (long long)st.st_size);
    lt_figure_free(f);

    /* Nothing to draw. */
    f = lt_figure_new();
    ok(lt_render_cairo_file(f, in_dir("empty.png"), &o) == LT_EINVAL, "an empty figure");
    is_str(lt_errmsg(), "plot: nothing to draw (no data)", "message");
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, NULL, NULL, 0, "none");
    unsigned char *png;
    ok(lt_render_cairo_png(f, &o, &png, &len) == LT_EINVAL && png == NULL,
       "layers without elements are empty too");
    ok(access(in_dir("empty.png"), F_OK) != 0, "no file for an empty figure");
    lt_figure_free(f);

    /* A log axis with negative values: lt_scale_init's error, as is. */
    f = lt_figure_new();
    double x[3] = {1, 2, 3}, y[3] = {-1, 10, 100};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, x, y, 3, NULL);
    f->panels[0].y.scale = LT_SCALE_LOG;
    lt_scale s;
    int se = lt_scale_init(&s, &f->panels[0], 1, 5);
    char scale_msg[512];
    snprintf(scale_msg, sizeof scale_msg, "%s", lt_errmsg());
    if (se == 0)
        lt_scale_fini(&s);
    ok(se == LT_EINVAL, "the scale refuses -1 on a log axis");
    ok(lt_render_cairo_file(f, in_dir("log.png"), &o) == LT_EINVAL, "so does the renderer");
    is_str(lt_errmsg(), scale_msg, "with the scale's message");
    ok(access(in_dir("log.png"), F_OK) != 0, "and no file");
    lt_figure_free(f);
}

/* ---- edge cases ------------------------------------------------------ */

static void test_edges(void)
{
    lt_raster_opts o = {600, 400, 150};
    image im;

    lt_figure *f = lt_figure_new();
    double one = 3;
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, &one, &one, 1, NULL);
    if (render_load(f, &o, "one.png", &im)) {
        mapper m;
        mapper_init(&m, f, &o, 0);
        is_color(pixel(&im, mx(&m, 3), my(&m, 3)), lt_palette_category(0), 2,
                 "a line of one point shows as a dot");
        mapper_fini(&m);
        image_free(&im);
    }
    lt_figure_free(f);

    /* Infinite and huge values, all-equal values, odd labels. */
    f = lt_figure_new();
    double x[4] = {0, 1, INFINITY, 3}, y[4] = {1e300, -1e300, 5, NAN};
    lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, x, y, 4, "bad\x01label \xff");
    double eq[3] = {7, 7, 7};
    lt_panel *q = lt_figure_add_panel(f);
    lt_panel_add_xy(q, LT_LAYER_POINTS, eq, eq, 3, "equal");
    lt_figure_set_str(&q->title, "all \xe2\x80 equal");
    ok(lt_render_cairo_file(f, in_dir("edges.png"), &o) == 0,
       "huge, infinite, all-equal values and invalid UTF-8 render (%s)", lt_errmsg());
    lt_figure_free(f);

    /* The smallest size. */
    f = bar_figure();
    lt_raster_opts tiny = {50, 50, 10};
    if (render_load(f, &tiny, "tiny.png", &im)) {
        ok(im.w == 50 && im.h == 50, "50 x 50 pixels");
        image_free(&im);
    }
    lt_raster_opts small = {50, 50, 300};
    ok(lt_render_cairo_file(f, in_dir("tiny300.png"), &small) == 0,
       "50 x 50 at 300 dpi: text larger than the image still renders");
    lt_figure_free(f);

    /* A thousand categories, long labels. */
    f = lt_figure_new();
    enum { N = 1000 };
    char **names = malloc(N * sizeof *names);
    double *x0 = malloc(N * sizeof *x0), *x1 = malloc(N * sizeof *x1),
           *y0 = calloc(N, sizeof *y0), *y1 = malloc(N * sizeof *y1);
    for (int i = 0; i < N; i++) {
        names[i] = malloc(64);
        snprintf(names[i], 64, "a rather long category name number %d", i);
        x0[i] = i - 0.4;
        x1[i] = i + 0.4;
        y1[i] = 1 + i % 17;
    }
    lt_axis_set_categories(&f->panels[0].x, (const char *const *)names, N);
    f->panels[0].y.zero = true;
    lt_panel_add_rects(&f->panels[0], x0, x1, y0, y1, N, NULL);
    if (render_load(f, &o, "thousand.png", &im)) {
        mapper m;
        mapper_init(&m, f, &o, 0);
        ok(m.h > 100, "the plotting area keeps %.0f of 400 pixels of height", m.h);
        ok(inked(&im, m.x, m.y, m.w, m.h) > 0.3, "the bars fill the data region");
        mapper_fini(&m);
        image_free(&im);
    }
    for (int i = 0; i < N; i++)
        free(names[i]);
    free(names);
    free(x0);
    free(x1);
    free(y0);
    free(y1);
    lt_figure_free(f);
}

static void cleanup(const char *d)
{
    DIR *dp = opendir(d);
    if (dp == NULL)
        return;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", d, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            cleanup(p);
        else
            unlink(p);
    }
    closedir(dp);
    rmdir(d);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s", "/tmp/lt_cairo_XXXXXX");
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! cannot make a temporary directory\n");
        return 1;
    }
    test_line();
    test_bars();
    test_histogram();
    test_scatter();
    test_heatmap();
    test_time_band();
    test_boxes();
    test_facets();
    test_refs_steps_text();
    test_layout();
    test_heatmap_edges();
    test_memory();
    test_vector();
    test_errors();
    test_edges();
    if (getenv("LT_KEEP_PNG") == NULL)
        cleanup(dir);
    else
        printf("# images kept in %s\n", dir);
    /* Cairo's and fontconfig's caches, so that leak checkers see only our
     * memory. */
    cairo_debug_reset_static_data();
    FcFini();
    return tap_done();
}
