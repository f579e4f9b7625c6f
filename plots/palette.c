/* The shared colour palette (palette.h): Okabe-Ito categories, viridis, a
 * reversed RdBu and Blues, interpolated linearly in sRGB between anchor colours. */
#include "palette.h"

#include <math.h>

static const lt_rgb okabe_ito[LT_PALETTE_NCAT] = {
    {0x00, 0x72, 0xB2},   /* blue */
    {0xE6, 0x9F, 0x00},   /* orange */
    {0x00, 0x9E, 0x73},   /* bluish green */
    {0xD5, 0x5E, 0x00},   /* vermillion */
    {0x56, 0xB4, 0xE9},   /* sky blue */
    {0xCC, 0x79, 0xA7},   /* reddish purple */
    {0xF0, 0xE4, 0x42},   /* yellow */
    {0x99, 0x99, 0x99},   /* grey */
};

/* viridis at t = 0, 0.1, ..., 1 (matplotlib's table, sampled). */
static const lt_rgb viridis[11] = {
    {0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87},
    {0x35, 0x5F, 0x8D}, {0x2A, 0x78, 0x8E}, {0x21, 0x91, 0x8C},
    {0x22, 0xA8, 0x84}, {0x44, 0xBF, 0x70}, {0x7A, 0xD1, 0x51},
    {0xBD, 0xDF, 0x26}, {0xFD, 0xE7, 0x25},
};

/* ColorBrewer RdBu (11 classes), reversed so that low values are blue. */
static const lt_rgb rdbu[11] = {
    {0x05, 0x30, 0x61}, {0x21, 0x66, 0xAC}, {0x43, 0x93, 0xC3},
    {0x92, 0xC5, 0xDE}, {0xD1, 0xE5, 0xF0}, {0xF7, 0xF7, 0xF7},
    {0xFD, 0xDB, 0xC7}, {0xF4, 0xA5, 0x82}, {0xD6, 0x60, 0x4D},
    {0xB2, 0x18, 0x2B}, {0x67, 0x00, 0x1F},
};

/* ColorBrewer Blues (9 classes), light to dark. */
static const lt_rgb blues[9] = {
    {0xF7, 0xFB, 0xFF}, {0xDE, 0xEB, 0xF7}, {0xC6, 0xDB, 0xEF},
    {0x9E, 0xCA, 0xE1}, {0x6B, 0xAE, 0xD6}, {0x42, 0x92, 0xC6},
    {0x21, 0x71, 0xB5}, {0x08, 0x51, 0x9C}, {0x08, 0x30, 0x6B},
};

const lt_rgb LT_RGB_TEXT = {0x22, 0x22, 0x22};
const lt_rgb LT_RGB_MUTED = {0x66, 0x66, 0x66};
const lt_rgb LT_RGB_AXIS = {0x44, 0x44, 0x44};
const lt_rgb LT_RGB_GRID = {0xE3, 0xE3, 0xE3};
const lt_rgb LT_RGB_REF = {0x88, 0x88, 0x88};

lt_rgb lt_palette_category(int i)
{
    if (i < 0)
        i = 0;
    return okabe_ito[i % LT_PALETTE_NCAT];
}

static uint8_t mix(uint8_t a, uint8_t b, double f)
{
    return (uint8_t)lround(a + (b - a) * f);
}

/* Linear interpolation in a table of n anchors spread evenly over [0, 1]. */
static lt_rgb interpolate(const lt_rgb *tab, int n, double t)
{
    double pos = t * (n - 1);
    int i = (int)pos;
    if (i >= n - 1)
        return tab[n - 1];
    double f = pos - i;
    return (lt_rgb){mix(tab[i].r, tab[i + 1].r, f), mix(tab[i].g, tab[i + 1].g, f),
                    mix(tab[i].b, tab[i + 1].b, f)};
}

lt_rgb lt_palette_map(lt_colormap m, double t)
{
    if (isnan(t))
        return okabe_ito[LT_PALETTE_NCAT - 1];
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    if (m == LT_CMAP_SEQUENTIAL)
        return interpolate(viridis, 11, t);
    if (m == LT_CMAP_BLUES)
        return interpolate(blues, 9, t);
    return interpolate(rdbu, 11, t);
}

static double linear(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

lt_rgb lt_palette_contrast(lt_rgb bg)
{
    double lum = 0.2126 * linear(bg.r) + 0.7152 * linear(bg.g) + 0.0722 * linear(bg.b);
    /* The luminance where black and white text have equal contrast. */
    return lum > 0.179 ? LT_RGB_TEXT : (lt_rgb){0xFF, 0xFF, 0xFF};
}
