/* The REPL, modelled on lua.c's: lines of input are compiled as an
 * expression ("return line") or else a statement, continued while the
 * syntax error is at the end of the input, run under lt_session_call,
 * and their values printed.  `?name` shows help.  The line REPL
 * (--plain) drives it from GNU readline's callback interface in a
 * select() loop; the workbench (tui.c) feeds it the lines its own
 * readline set-up accepts. */
#ifndef LT_REPL_H
#define LT_REPL_H

#include <stdbool.h>

#include <lua.h>

/* Read, evaluate and print until Ctrl-D (or os.exit).  L must have been
 * set up with lt_session_init. */
void lt_repl_run(lua_State *L);

/* For another front end: name readline, keep its hands off signals, set
 * up completion and the history file (on a terminal). */
void lt_repl_setup(lua_State *L);

/* Whether figures among a command's values go to plot() (the
 * workbench's plot pane) instead of being printed (default false). */
void lt_repl_plot_figures(bool on);

/* Handle one line of input (help query, part of a statement, or the
 * last line of one, which then runs). */
void lt_repl_accept(const char *line);
/* The prompt for the next line: "> ", or ">> " inside a statement. */
const char *lt_repl_prompt(void);
/* Forget an unfinished statement (Ctrl-C). */
void lt_repl_cancel(void);

#endif
