/* A scrollable text view: the F1 help screen and other read-only text.
 *
 * The text is UTF-8 with '\n' between lines; SGR colour sequences colour
 * it as in the console; a line starting with "# " is a heading (bold, the
 * accent colour, without the "# ").  Long lines wrap at the width.  Keys:
 * Up/Down, PgUp/PgDn (also space, b), Home/End (also g, G), wheel; '/'
 * searches (case-insensitive), n/N the next/previous match; q and Esc
 * close (LT_W_CLOSE).  The first row is a title bar: the title, and on
 * its right the position ("12-40 of 130") and "q closes". */
#ifndef LT_PAGER_H
#define LT_PAGER_H

#include "widget.h"

typedef struct lt_pager lt_pager;

lt_pager *lt_pager_new(const char *title, const char *text);   /* NULL without memory */
lt_widget *lt_pager_widget(lt_pager *p);   /* lt_widget_free frees p */

/* The first shown line (0-based, in wrapped rows) after the keys so far. */
int lt_pager_top(const lt_pager *p);

#endif
