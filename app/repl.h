/* The line REPL (--plain): GNU readline's callback interface driven by a
 * select() loop, modelled on lua.c's REPL. */
#ifndef LT_REPL_H
#define LT_REPL_H

#include <lua.h>

/* Read, evaluate and print until Ctrl-D (or os.exit).  L must have been
 * set up with lt_session_init. */
void lt_repl_run(lua_State *L);

#endif
