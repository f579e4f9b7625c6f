/* What every TUI widget shares: key events, the handler flags and the
 * small vtable the app drives.
 *
 * Widgets know nothing of Lua or curses.  A widget draws itself onto a
 * cell model (plots/canvas.h: a code point, colours and flags per cell)
 * that tests read without a terminal; widgets/screen.c copies canvases to
 * the terminal.  Keys arrive already decoded (screen.c turns curses key
 * codes and UTF-8 bytes into lt_key_event), so widgets are testable by
 * feeding events.
 *
 * The loop, as in tmux and htop: the app hands a key to the focused
 * widget, reads the flags it returns, and in one render step per loop
 * iteration redraws the widgets marked dirty. */
#ifndef LT_WIDGET_H
#define LT_WIDGET_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

/* Keys that are not characters.  A character key is its Unicode code
 * point (Ctrl-A..Ctrl-Z are 1..26, LT_CTRL('a')); Enter, Escape, Tab and
 * Backspace have codes of their own so no widget has to know which byte a
 * terminal sends for them. */
enum {
    LT_KEY_UP = 0x110000, LT_KEY_DOWN, LT_KEY_LEFT, LT_KEY_RIGHT,
    LT_KEY_PGUP, LT_KEY_PGDN, LT_KEY_HOME, LT_KEY_END,
    LT_KEY_ENTER, LT_KEY_ESC, LT_KEY_TAB, LT_KEY_BTAB,
    LT_KEY_BACKSPACE, LT_KEY_DELETE, LT_KEY_INSERT,
    LT_KEY_CTRL_LEFT, LT_KEY_CTRL_RIGHT, LT_KEY_CTRL_HOME, LT_KEY_CTRL_END,
    LT_KEY_F1, LT_KEY_F2, LT_KEY_F3, LT_KEY_F4, LT_KEY_F5, LT_KEY_F6,
    LT_KEY_F7, LT_KEY_F8, LT_KEY_F9, LT_KEY_F10, LT_KEY_F11, LT_KEY_F12,
    LT_KEY_WHEEL_UP, LT_KEY_WHEEL_DOWN,   /* mouse wheel; x, y set */
    LT_KEY_CLICK,                         /* left button press; x, y set */
    LT_KEY_RESIZE
};

#define LT_CTRL(c) ((c) & 0x1f)

typedef struct lt_key_event {
    int key;     /* LT_KEY_* or a code point */
    int x, y;    /* mouse events: the cell, relative to the widget that
                    receives it (the app translates) */
} lt_key_event;

/* What a key handler returns: any OR of these (0 = not handled: the app
 * may use the key itself). */
enum {
    LT_W_HANDLED = 1,   /* the key was consumed */
    LT_W_REDRAW = 2,    /* the widget changed: draw it again */
    LT_W_CLOSE = 4,     /* the widget is done (the grid's q on its last
                           sheet, a finished prompt) */
    LT_W_ACTION = 8     /* the widget has something for the host to take
                           (a recorded command, a name to open); see the
                           widget's _take_ function */
};

typedef struct lt_widget lt_widget;

typedef struct lt_widget_ops {
    const char *name;
    /* Draw the whole widget onto c, which is w->w x w->h cells and
     * blank. */
    void (*draw)(lt_widget *w, lt_canvas *c);
    /* Handle one key; LT_W_* flags. */
    int (*on_key)(lt_widget *w, const lt_key_event *ev);
    /* The widget's new size (both >= 1); the app then draws it.  May be
     * NULL when the widget needs nothing beyond w->w and w->h, which the
     * app sets before calling it. */
    void (*resize)(lt_widget *w, int width, int height);
    /* Where the terminal cursor goes (widget cells) while the widget has
     * the focus: true with *x, *y set, false to hide it.  May be NULL
     * (hidden). */
    bool (*cursor)(lt_widget *w, int *x, int *y);
    void (*free)(lt_widget *w);
} lt_widget_ops;

/* Concrete widgets embed this as their first member. */
struct lt_widget {
    const lt_widget_ops *ops;
    int w, h;        /* size in cells */
    bool focused;    /* set by the app; widgets may draw a focus cue */
};

/* Calls through the vtable, tolerating NULL entries. */
static inline void lt_widget_draw(lt_widget *w, lt_canvas *c)
{
    w->ops->draw(w, c);
}

static inline int lt_widget_key(lt_widget *w, const lt_key_event *ev)
{
    return w->ops->on_key ? w->ops->on_key(w, ev) : 0;
}

static inline void lt_widget_resize(lt_widget *w, int width, int height)
{
    w->w = width;
    w->h = height;
    if (w->ops->resize)
        w->ops->resize(w, width, height);
}

static inline bool lt_widget_cursor(lt_widget *w, int *x, int *y)
{
    return w->ops->cursor && w->ops->cursor(w, x, y);
}

static inline void lt_widget_free(lt_widget *w)
{
    if (w)
        w->ops->free(w);
}

/* Write UTF-8 s at (x, y) in at most maxw cells, its last cell an
 * ellipsis ("…", or '~' when ascii) when it does not fit.  Returns the
 * cells used; NULL s or maxw <= 0 writes nothing. */
int lt_widget_put_fit(lt_canvas *c, int x, int y, const char *s, int maxw, bool ascii,
                      const lt_rgb *fg, uint8_t flags);

/* The colours of the chrome, shared by the widgets so that panes look
 * alike (the palette's chrome colours plus the few the TUI needs). */
extern const lt_rgb LT_UI_ACCENT;     /* focused titles, the cursor row */
extern const lt_rgb LT_UI_SELECT_BG;  /* background of the cursor row / cell */
extern const lt_rgb LT_UI_HEADER_BG;  /* header rows (grid header, titles) */
extern const lt_rgb LT_UI_ERROR;      /* error text */
extern const lt_rgb LT_UI_MATCH_BG;   /* search matches */

#endif
