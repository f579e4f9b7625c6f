/* The plot pane: the figures drawn in the session, newest shown, with a
 * history to step through.
 *
 * The figure is drawn by the text renderer (plots/render_text.h) to fill
 * the pane below a one-row title bar ("figure 3/5" and the figure's
 * title, "←/→ history" when there are several), again only when the
 * figure or the pane size changes.  A figure the renderer rejects at this
 * size (a log axis with non-positive values, a pane too small) shows the
 * renderer's message instead; panes narrower than 20 or lower than 5
 * cells show "pane too small".  With no figure yet the pane shows how to
 * make one (`plot(churn.tenure)`).
 *
 * Keys (when the pane has the focus): Left/Right (also [ and ]) the
 * previous/next figure, Home/End the first/last; Delete drops the figure
 * shown.  Mouse wheel steps too. */
#ifndef LT_PLOTVIEW_H
#define LT_PLOTVIEW_H

#include <stdbool.h>

#include "figure.h"
#include "widget.h"

typedef struct lt_plotview lt_plotview;

/* A pane keeping up to max_figures (at least 1) figures, the oldest
 * dropped first; ascii/mono as lt_text_opts (no Unicode, no colour). */
lt_plotview *lt_plotview_new(int max_figures, bool ascii, bool mono);
lt_widget *lt_plotview_widget(lt_plotview *p);   /* lt_widget_free frees p */

/* Show f (the pane takes ownership, also on failure) as the newest
 * figure.  0, or LT_ENOMEM (f freed). */
int lt_plotview_push(lt_plotview *p, lt_figure *f);

int lt_plotview_count(const lt_plotview *p);
int lt_plotview_current(const lt_plotview *p);   /* 0-based; -1 when empty */

#endif
