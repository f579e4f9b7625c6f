/* The workbench: a full-screen ncurses TUI around the Lua REPL, with a
 * console, a plot pane, an inspector of the workspace, a status bar, the
 * frame grid behind view() and the help screen.
 *
 * One thread.  The event loop waits in select() on the terminal and the
 * session's signal pipe; keys go to the focused widget or to GNU
 * readline's callback interface, whose line is drawn by the console
 * widget.  Commands run on the same thread; while one runs, C kernels
 * report progress through lt_progress, and each report (at most 10 a
 * second) redraws the status bar, takes in output and handles a resize,
 * so a long job stays visible and Ctrl-C (a signal, as cbreak mode
 * leaves it) cancels it.  Everything the process writes to stdout and
 * stderr is captured (capture.h) and shown in the console.
 *
 * The terminal is restored on every way out: Ctrl-D, os.exit (atexit),
 * SIGTERM/SIGHUP and crash signals (a handler that restores the terminal
 * mode and re-raises). */
#ifndef LT_TUI_H
#define LT_TUI_H

#include <stdbool.h>

#include <lua.h>

/* Whether the workbench can run here: stdin and stdout are terminals and
 * TERM is set and not "dumb". */
bool lt_tui_available(void);

/* Run the workbench on L (set up by lt_session_init) until the user
 * quits, after running the first commands (loading the data files given
 * on the command line) as if typed.  Returns the exit status; -1 when the
 * terminal could not be set up (nothing was changed: the caller falls
 * back to the line REPL). */
int lt_tui_run(lua_State *L, const char *const *commands, int ncommands);

#endif
