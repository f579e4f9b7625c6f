/* A one-line text editor for the prompts inside widgets: the grid's
 * search and filter, the console's scrollback search, the app's "save
 * session to" prompt.  (The REPL's own line is GNU readline's.)
 *
 * Keys: characters insert at the cursor; Left/Right, Home/End (also
 * Ctrl-A/Ctrl-E) move; Backspace and Delete erase a character (a code
 * point); Ctrl-U erases to the start, Ctrl-K to the end, Ctrl-W the word
 * before the cursor; Up/Down recall earlier entries of the editor's own
 * history; Enter accepts (LT_W_CLOSE and lt_lineedit_accepted true); Esc
 * and Ctrl-C cancel (LT_W_CLOSE, accepted false).  The text is UTF-8. */
#ifndef LT_LINEEDIT_H
#define LT_LINEEDIT_H

#include <stdbool.h>

#include "widget.h"

typedef struct lt_lineedit lt_lineedit;

lt_lineedit *lt_lineedit_new(void);
void lt_lineedit_free(lt_lineedit *e);   /* NULL is a no-op */

/* Start editing: the prompt ("filter: ") and initial text (may be NULL). */
int lt_lineedit_start(lt_lineedit *e, const char *prompt, const char *text);
/* Handle a key; LT_W_* flags (every key is handled while editing). */
int lt_lineedit_key(lt_lineedit *e, const lt_key_event *ev);
/* Whether the last LT_W_CLOSE was Enter (true) or a cancel. */
bool lt_lineedit_accepted(const lt_lineedit *e);
/* The text (UTF-8, NUL-terminated; valid until the next call). */
const char *lt_lineedit_text(const lt_lineedit *e);

/* Draw prompt and text on row y of c from column x, in `width` cells,
 * scrolled horizontally so that the cursor shows; returns the cursor's
 * column on the canvas. */
int lt_lineedit_draw(const lt_lineedit *e, lt_canvas *c, int x, int y, int width);

#endif
