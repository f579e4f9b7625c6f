/* Legends: the entries of a figure and where they go, decided once for
 * both renderers. */
#ifndef LT_LEGEND_H
#define LT_LEGEND_H

#include <stddef.h>

#include "figure.h"
#include "scale.h"

typedef struct lt_legend_entry {
    const char *label;      /* borrowed from the layer */
    lt_layer_kind kind;     /* how to draw the swatch */
    int color;
    bool dashed;
} lt_legend_entry;

/* The labelled layers of all panels, each label once (first layer wins),
 * in order of appearance, into out (room for max); returns how many. */
size_t lt_legend_entries(const lt_figure *f, lt_legend_entry *out, size_t max);

/* Where the legend of panel p goes: the figure's choice, or for
 * LT_LEGEND_AUTO the inside corner whose box of frac_w x frac_h (fractions
 * of the plotting area) covers the fewest data elements, or
 * LT_LEGEND_RIGHT when every corner covers some. */
lt_legend_pos lt_legend_place(const lt_figure *f, const lt_panel *p,
                              const lt_scale *xs, const lt_scale *ys,
                              double frac_w, double frac_h);

#endif
