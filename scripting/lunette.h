/* The lunette Lua library: what the app (and `require "lunette"`) sees.
 *
 * luaopen_lunette pushes a table with every public function; the REPL and
 * batch mode call lt_lua_install_globals to also make each a global.
 * Objects are userdata with one metatable per type ("lunette.Frame",
 * "lunette.Column").  The host hands the library a progress/cancel record
 * and the display settings used by __tostring. */
#ifndef LT_LUNETTE_H
#define LT_LUNETTE_H

#include <stdbool.h>

#include <lua.h>

#include "figure.h"
#include "frame.h"
#include "progress.h"

int luaopen_lunette(lua_State *L);

/* Require lunette and copy each field of its table into _G. */
void lt_lua_install_globals(lua_State *L);

/* The progress record that long-running bindings (read_csv ...) pass to
 * the core; the host owns it, draws `report` and sets `cancel` on Ctrl-C.
 * NULL (the default) means no progress display. */
void lt_lua_set_progress(lua_State *L, lt_progress *p);
lt_progress *lt_lua_get_progress(lua_State *L);

/* Terminal width and colour used when objects are printed (default 80,
 * no colour). */
void lt_lua_set_display(lua_State *L, int width, bool color);

/* Push the text the REPL shows for the value at idx (the library's
 * repr): tostring for objects, a readable constructor for plain tables. */
void lt_lua_repr(lua_State *L, int idx);

/* Did plot() draw the value at idx during the current command?  True
 * once per drawing (the answer clears it): the REPL asks for each value a
 * command returns and does not print a figure it has just seen drawn.  A
 * nil at idx forgets every drawing (the REPL does so before each command).
 * Drawn figures are held weakly. */
bool lt_lua_shown(lua_State *L, int idx);

/* A host that shows figures itself (the workbench's plot pane) installs
 * a sink: plot() and fig:show() then hand it a copy of the figure (the
 * sink owns it) instead of drawing on stdout, and return the figure as
 * before.  NULL restores drawing on stdout.  The sink must not raise. */
typedef void (*lt_plot_sink)(void *ud, lt_figure *f);
void lt_lua_set_plot_sink(lua_State *L, lt_plot_sink sink, void *ud);

/* view(df): a host with a grid installs a viewer, called with the frame
 * and the Lua expression that names it (the global holding df, such as
 * "churn", else "df"); it returns 0, or a negative LT_E* code with
 * lt_errmsg set, which view raises.  Without a viewer, view(df) prints
 * df as the REPL would, so a session saved with view() calls replays as a
 * script. */
typedef int (*lt_viewer)(void *ud, const lt_frame *f, const char *expr);
void lt_lua_set_viewer(lua_State *L, lt_viewer viewer, void *ud);

/* The session log behind the `session` global: the host records each
 * command that succeeded (and each grid action as its Lua), in order;
 * session:save(path) writes them as a runnable script. */
void lt_lua_session_record(lua_State *L, const char *code);

/* The help text of a topic ("read_csv", "Frame:head", "head"), as a
 * malloc'd string the caller frees; NULL when there is none, in which case
 * *suggest (may be NULL) gets a malloc'd "did you mean" line or NULL. */
char *lt_lua_help(lua_State *L, const char *topic, char **suggest);

#endif
