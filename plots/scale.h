/* Scales: the map from data coordinates to the unit interval of a panel
 * axis, with ticks at nice numbers and their labels.  Both renderers use
 * it, so a figure has the same axes in the terminal and in a PNG.
 *
 *   linear    range = data bounds (or the user's limits, each side on its
 *             own) padded by 4% on each side as R does, except at 0 when
 *             the axis has `zero` set (bars grow from the axis) and on a
 *             side the user set (limits are exact); all-equal values v get
 *             v +- 0.4 |v| (+-1 for 0) before padding, as R's plot.window;
 *             ticks at R's pretty() numbers inside the range;
 *   log       base 10, padded by 4% of the decades; ticks as R's axTicks:
 *             linear pretty values when fewer than two powers of ten are
 *             in range, 1, 2, 5 multiples up to three, else powers of ten
 *             (every k-th, k pretty, for huge spans); non-positive data or
 *             limits are an error naming the axis;
 *   time      microseconds since 1970; ticks at calendar units chosen for
 *             at most 1.5 x target intervals: 1, 2, 5, 10, 15, 30 s and
 *             min; 1, 2, 3, 6, 12 h; 1, 2 days; 1, 2 weeks (Mondays); 1,
 *             2, 3, 6 months (from January); pretty numbers of years;
 *             fractions of a second under 2 s.  Labels "2024", "Mar 2024",
 *             "2024-03-15", "13:45" (midnights as the date when the range
 *             spans days), "13:45:10", "13:45:10.25".  LT_DATE axes have
 *             no sub-day ticks.  All-equal times get +-1 day (dates) or
 *             +-1 hour;
 *   category  positions 0..ncat-1, range -0.5 .. ncat-0.5, one tick per
 *             category labelled with its name (cut to fit the label with
 *             "…" on a UTF-8 boundary); every k-th after a retick asks for
 *             fewer.
 * An axis without data gets 0..1 (log: 1..10; time: the first day of
 * 1970), padded.
 *
 * Tick labels of numbers use the decimals the step needs (0.25 -> "0.25",
 * "0.50"; 10 -> "10"), never "-0", thousands as "12,000" up to 1e6, then
 * "1.5M", "2B", "3T" (unless the step needs more than 3 decimals there);
 * steps under 1e-4 and values from 1e15 in scientific form ("2e-05",
 * "1.5e+15"). */
#ifndef LT_SCALE_H
#define LT_SCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "figure.h"

typedef struct lt_tick {
    double value;       /* in data coordinates */
    char label[48];     /* UTF-8 */
} lt_tick;

typedef struct lt_scale {
    lt_scale_kind kind;
    lt_time_kind tkind;
    double lo, hi;      /* the visible range in data coordinates (lo < hi) */
    bool reverse;       /* position 0 at the far end (categorical y) */
    int nticks;
    lt_tick *ticks;     /* owned */
    int ncat;           /* CATEGORY: a tick per category (owned); `ticks`
                           holds every k-th of them when fewer fit */
    lt_tick *cats;
} lt_scale;

/* The scale of axis 0 (x) or 1 (y) of panel p, with about `target` ticks
 * (at least 2; fewer when the range has fewer nice numbers).  0, or
 * LT_EINVAL (a log axis with non-positive data or limits, a user range
 * with lo >= hi) / LT_ENOMEM with lt_errmsg; an axis with no data gets the
 * range 0..1.  Release with lt_scale_fini. */
int lt_scale_init(lt_scale *s, const lt_panel *p, int axis, int target);
/* The shared range of several panels (facets with a common axis): as
 * lt_scale_init over all of panels[0..n). */
int lt_scale_init_shared(lt_scale *s, const lt_panel *panels, size_t n,
                         int axis, int target);
void lt_scale_fini(lt_scale *s);
/* Recompute the ticks for a new target (a renderer asks for fewer when
 * labels would overlap).  0 or LT_ENOMEM. */
int lt_scale_retick(lt_scale *s, int target);

/* Position of v in [0, 1] along the axis (outside for values outside the
 * range; NaN for NaN and, on a log axis, v <= 0).  With `reverse` the far
 * end is 0. */
double lt_scale_pos(const lt_scale *s, double v);

/* R's pretty(c(lo, hi), n): about n+1 equally spaced round numbers (1, 2,
 * 5 times a power of ten) covering [lo, hi].  Writes the first tick, the
 * step and the count to *start, *step, *count.  Used for axis ticks and
 * histogram breaks. */
void lt_pretty(double lo, double hi, int n, double *start, double *step,
               int *count);
/* As lt_pretty with R's min.n (lt_pretty uses n / 3; hist() uses 1). */
void lt_pretty_min(double lo, double hi, int n, int min_n, double *start,
                   double *step, int *count);

/* Format v as a tick label for ticks `step` apart into buf (cap >= 32). */
void lt_tick_format(double v, double step, char *buf, size_t cap);

#endif
