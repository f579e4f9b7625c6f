/* The one colour palette of lunette, shared by the text and Cairo
 * renderers, colour-blind safe throughout:
 *   categories   Okabe-Ito (Okabe & Ito 2008), in an order that keeps the
 *                first colours far apart: blue, orange, bluish green,
 *                vermillion, sky blue, reddish purple, yellow, grey; then
 *                it cycles;
 *   sequential   viridis (perceptually uniform, dark to light);
 *   diverging    ColorBrewer RdBu reversed: blue (low) - white - red (high);
 *   blues        ColorBrewer Blues, white to dark blue (one hue, so the
 *                largest values stand out darkest: confusion matrices). */
#ifndef LT_PALETTE_H
#define LT_PALETTE_H

#include <stdint.h>

typedef struct lt_rgb { uint8_t r, g, b; } lt_rgb;

typedef enum lt_colormap { LT_CMAP_SEQUENTIAL, LT_CMAP_DIVERGING, LT_CMAP_BLUES } lt_colormap;

#define LT_PALETTE_NCAT 8

/* Category colour i (i >= 0; cycles past LT_PALETTE_NCAT). */
lt_rgb lt_palette_category(int i);
/* The colour at t in [0, 1] of a colour map (t clamped; NaN gives grey). */
lt_rgb lt_palette_map(lt_colormap m, double t);
/* Text colour readable on bg: near-black on light, white on dark
 * (by WCAG relative luminance). */
lt_rgb lt_palette_contrast(lt_rgb bg);
/* Fixed colours of the chrome: text, muted text (tick labels), axis
 * lines, grid lines and the neutral grey of reference lines. */
extern const lt_rgb LT_RGB_TEXT, LT_RGB_MUTED, LT_RGB_AXIS, LT_RGB_GRID, LT_RGB_REF;

#endif
