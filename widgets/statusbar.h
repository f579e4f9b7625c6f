/* The status bar: one row at the bottom of the workbench.
 *
 * Left: the current data set ("churn 7043 x 20") and the focus hint
 * ("F1 help  F2 pane  F3 zoom  F4 view  F10 save").  Right: memory in use
 * ("RSS 84 MB") and threads ("2 threads").  While a job runs the middle
 * shows its progress instead of the hints:
 *   read_csv  42% [██████▌        ] 1.3s, ~1.8s left   Ctrl-C cancels
 * (eighth blocks, or '#' in ASCII mode; no estimate before 2% or 0.5 s).
 * A message (lt_statusbar_message) replaces the hints until the next
 * message or clear; errors show in the error colour.  Everything is
 * truncated to the width, the right part dropped first. */
#ifndef LT_STATUSBAR_H
#define LT_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>

#include "widget.h"

typedef struct lt_statusbar lt_statusbar;

lt_statusbar *lt_statusbar_new(bool ascii);   /* NULL without memory */
lt_widget *lt_statusbar_widget(lt_statusbar *s);   /* lt_widget_free frees s */

/* Each setter copies its strings; NULL clears the item. */
void lt_statusbar_set_dataset(lt_statusbar *s, const char *text);
void lt_statusbar_set_hints(lt_statusbar *s, const char *text);
void lt_statusbar_set_resources(lt_statusbar *s, size_t rss_bytes, int threads);
/* A job's progress: fraction in [0, 1] (negative: unknown, no bar),
 * seconds since it started.  label NULL ends the job display. */
void lt_statusbar_set_progress(lt_statusbar *s, const char *label, double fraction,
                               double elapsed);
void lt_statusbar_message(lt_statusbar *s, const char *text, bool error);

#endif
