/* The terminal under the widgets: the only place in widgets/ that speaks
 * curses.
 *
 * lt_screen_open starts ncurses on the terminal (cbreak, no echo, keypad
 * and the mouse on stdscr, a short ESCDELAY), with colour pairs made on
 * demand from the cells' RGB colours (256 colours or 16, none with
 * NO_COLOR).  Canvases are copied to the virtual screen; lt_screen_update
 * writes what changed (curses' own diff), so a frame costs the changed
 * cells only.  lt_screen_close restores the terminal and may be called
 * from any exit path, more than once. */
#ifndef LT_SCREEN_H
#define LT_SCREEN_H

#include <stdbool.h>
#include <stdio.h>

#include "canvas.h"
#include "widget.h"

/* Start curses writing to `out` and reading from `in` (the terminal;
 * see app/capture.c for why not stdout).  0, or -1 when the terminal
 * cannot be used. */
int lt_screen_open(FILE *out, FILE *in);
/* End curses and reset what it changed (mouse mode, cursor, keypad). */
void lt_screen_close(void);
bool lt_screen_active(void);

/* The terminal size in cells; lt_screen_resize reads it again from the
 * terminal (after SIGWINCH) and resizes curses' screens. */
void lt_screen_size(int *width, int *height);
void lt_screen_resize(void);

/* The colour depth the screen draws with. */
lt_color_mode lt_screen_color_mode(void);

/* Copy canvas c to the virtual screen at (x, y), clipped. */
void lt_screen_blit(const lt_canvas *c, int x, int y);
/* Place the cursor (shown) or hide it; then write the changes. */
void lt_screen_update(bool show_cursor, int x, int y);
/* Clear the real screen and redraw it whole at the next update. */
void lt_screen_invalidate(void);

/* The next key without waiting: 1 with *ev set, 0 when none is pending.
 * `raw` receives the bytes of a key the terminal sent as characters
 * (up to 8, *nraw of them; 0 for keys curses decoded), which the app
 * passes on to readline. */
int lt_screen_read(lt_key_event *ev, unsigned char *raw, int *nraw);

#endif
