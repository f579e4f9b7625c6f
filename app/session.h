/* Running Lua for the user, shared by batch mode (main.c) and the REPL:
 * the interpreter set-up, protected calls with a traceback, Ctrl-C
 * (interrupting Lua code and cancelling long C calls), the progress line
 * and the display settings handed to the library before each command. */
#ifndef LT_SESSION_H
#define LT_SESSION_H

#include <stdbool.h>

#include <lua.h>

/* Signals that arrived while no command was running (lt_session_take). */
enum {
    LT_SIG_INT = 1,     /* Ctrl-C at the prompt */
    LT_SIG_WINCH = 2,   /* the terminal was resized */
    LT_SIG_CONT = 4     /* resumed after Ctrl-Z */
};

/* A host that draws the session itself (the workbench) instead of the
 * terminal's stdout and stderr. */
typedef struct lt_session_host {
    /* The progress of the running command: its label (may be NULL), the
     * fraction done in [0, 1] (1: finished) and the seconds since the
     * command started; called at most ~10 times a second.  NULL: the
     * progress line on stderr. */
    void (*progress)(void *ud, const char *label, double fraction, double elapsed);
    /* Show an error message (with its traceback).  NULL: stderr. */
    void (*error)(void *ud, const char *msg);
    int width;    /* the width objects print at */
    bool color;   /* whether they print in colour */
    void *ud;
} lt_session_host;

/* Hand the session to a host (copied), or back to the terminal (NULL). */
void lt_session_set_host(const lt_session_host *host);

/* Open the standard libraries and lunette's globals, hand the library the
 * progress record, install the signal handlers.  Raises on failure. */
void lt_session_init(lua_State *L);

/* lua_pcall of the function below `narg` arguments, under a message
 * handler that appends a traceback, with Ctrl-C armed.  Before the call
 * the interrupt and cancel flags are reset and the display settings
 * refreshed.  Returns the lua_pcall status; on error the message (with
 * the traceback) is on the stack. */
int lt_session_call(lua_State *L, int narg, int nres);

/* Print the error message on top of the stack to stderr, prefixed with
 * "lunette: " unless `prefix` is false, and pop it.  No-op for LUA_OK. */
void lt_session_report(lua_State *L, int status, bool prefix);

/* Whether Ctrl-C was pressed during the last lt_session_call. */
bool lt_session_interrupted(void);

/* A descriptor that becomes readable when a signal arrives, for select(). */
int lt_session_signal_fd(void);

/* The LT_SIG_* signals pending since the last call; empties the pipe. */
int lt_session_take(void);

#endif
