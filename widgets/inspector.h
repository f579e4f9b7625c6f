/* The inspector pane: the workspace's variables, one per row, as the app
 * lists them after each command:
 *
 *   name        type     shape        memory
 *   churn       Frame    7043 x 20    1.2 MB
 *   tenure      Column   7043         55 KB
 *   fig         Figure
 *   k           number   4
 *
 * Columns: name (bold), type, shape (what the app says: "7043 x 20", a
 * number's value, a string's start), memory (B, KB, MB, GB with 2-3
 * significant digits; blank when unknown), truncated with "…" to the pane
 * width: when narrow, memory goes first, then the type if that lets
 * name and shape show whole.  Rows in the order given.  The
 * selection follows its name across updates.  Keys: Up/Down, PgUp/PgDn,
 * Home/End, wheel, click move the selection; Enter (and F4) on a viewable
 * item returns LT_W_ACTION with the name to open (lt_inspector_take_open). */
#ifndef LT_INSPECTOR_H
#define LT_INSPECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "widget.h"

typedef struct lt_inspector_item {
    const char *name, *type, *shape;   /* shape may be NULL */
    size_t bytes;                      /* 0: unknown */
    bool viewable;                     /* a frame: Enter opens the grid */
} lt_inspector_item;

typedef struct lt_inspector lt_inspector;

lt_inspector *lt_inspector_new(void);   /* NULL without memory */
lt_widget *lt_inspector_widget(lt_inspector *in);   /* lt_widget_free frees in */

/* Replace the items (copied).  0, or LT_ENOMEM (the old items stay). */
int lt_inspector_set(lt_inspector *in, const lt_inspector_item *items, int n);

/* The selected item's name, or NULL when there are none. */
const char *lt_inspector_selected(const lt_inspector *in);
/* The name Enter asked to open (malloc'd, the caller frees), or NULL;
 * taken once. */
char *lt_inspector_take_open(lt_inspector *in);

/* "1.2 MB": bytes with 2-3 significant digits and a unit, into buf. */
void lt_format_bytes(size_t bytes, char *buf, size_t cap);

#endif
