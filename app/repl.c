/* The line REPL: prompt "> ", continuation ">> ", auto-printing of
 * expression values, `?name` help, history and Tab completion.
 *
 * Input goes through readline's callback interface (the TUI will need it
 * too): a select() loop on stdin and the session's signal pipe feeds
 * rl_callback_read_char, so Ctrl-C at the prompt is a flag handled here,
 * between keys, never inside readline.  readline leaves the terminal in
 * its normal mode while a complete line is evaluated, so Lua code may read
 * stdin and Ctrl-C reaches session.c's handler. */
#include "repl.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <lauxlib.h>
#include <readline/readline.h>

#include "complete.h"
#include "history.h"
#include "lunette.h"
#include "session.h"

#define PROMPT "> "
#define PROMPT_MORE ">> "
#define INCOMPLETE (-1)   /* compile(): more lines may complete the input */

static lua_State *repl_L;
static char *pending;   /* lines of an unfinished statement, or NULL */
static bool quit;

/* A syntax error at the end of the input: more lines could fix it.
 * (lua.c's test: the message ends with "<eof>".) */
static bool at_eof(lua_State *L, int status)
{
    static const char mark[] = "<eof>";
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return status == LUA_ERRSYNTAX && len >= sizeof mark - 1 &&
           strcmp(msg + len - (sizeof mark - 1), mark) == 0;
}

/* Compile `code` as an expression ("return code") or else as a statement.
 * Pushes the function, or the error message of the statement form; returns
 * the status, or INCOMPLETE (nothing pushed) when either form stops at the
 * end of the input, so that `1 +` continues as `function f()` does. */
static int compile(lua_State *L, const char *code)
{
    const char *ret = lua_pushfstring(L, "return %s", code);
    int status = luaL_loadbuffer(L, ret, strlen(ret), "=stdin");
    if (status == LUA_OK) {
        lua_remove(L, -2);
        return LUA_OK;
    }
    bool more = at_eof(L, status);
    lua_pop(L, 2);
    status = luaL_loadbuffer(L, code, strlen(code), "=stdin");
    if (status != LUA_OK && (more || at_eof(L, status))) {
        lua_pop(L, 1);
        return INCOMPLETE;
    }
    return status;
}

/* The unit of work of one input: call the chunk at 1, keep its first value
 * in `_`, print all values with the global print (as lua.c does), each
 * as repr shows it (so that tables are readable), except figures that
 * plot() has just drawn. */
static int run_chunk(lua_State *L)
{
    lua_pushnil(L);
    lt_lua_shown(L, -1);   /* forget the drawings of earlier commands */
    lua_pop(L, 1);
    lua_call(L, 0, LUA_MULTRET);
    int n = lua_gettop(L);
    if (n > 0) {
        lua_pushvalue(L, 1);
        lua_setglobal(L, "_");
        luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
        for (int i = n; i >= 1; i--) {
            if (lt_lua_shown(L, i)) {
                lua_remove(L, i);
                continue;
            }
            lt_lua_repr(L, i);
            lua_replace(L, i);
        }
        n = lua_gettop(L);
        if (n == 0)
            return 0;
        lua_getglobal(L, "print");
        lua_insert(L, 1);
        lua_call(L, n, 0);
    }
    return 0;
}

/* Run the compiled chunk (or report the error) at the top of the stack;
 * whether it ran without error. */
static bool run(lua_State *L, int status)
{
    if (status == LUA_OK) {
        lua_pushcfunction(L, run_chunk);
        lua_insert(L, -2);
        status = lt_session_call(L, 1, 0);
    }
    lt_session_report(L, status, false);
    return status == LUA_OK;
}

/* For `?x` or `?x:method` where the global x is a lunette object, the
 * topic under its type ("Frame", "Frame:method"); NULL otherwise.  The
 * string stays on the stack. */
static const char *object_topic(lua_State *L, const char *topic)
{
    size_t n = strcspn(topic, ":.");
    if (topic[n] == '.' || !lt_complete_is_name(topic, n))
        return NULL;
    lua_pushglobaltable(L);
    lua_pushlstring(L, topic, n);
    lua_gettable(L, -2);
    if (luaL_getmetafield(L, -1, "__name") != LUA_TSTRING ||
        strncmp(lua_tostring(L, -1), "lunette.", 8) != 0)
        return NULL;
    return lua_pushfstring(L, "%s%s", lua_tostring(L, -1) + 8, topic + n);
}

/* show_help(topic): print the help of topic, or "did you mean" lines. */
static int show_help(lua_State *L)
{
    const char *topic = luaL_checkstring(L, 1);
    const char *alt = object_topic(L, topic);
    char *suggest = NULL;
    char *text = lt_lua_help(L, topic, &suggest);
    if (!text && alt) {
        free(suggest);
        text = lt_lua_help(L, alt, &suggest);
    }
    if (text) {
        size_t len = strlen(text);
        fputs(text, stdout);
        if (len == 0 || text[len - 1] != '\n')
            putchar('\n');
    } else if (suggest) {
        puts(suggest);
    } else {
        printf("no help for '%s'\n", topic);
    }
    fflush(stdout);
    free(text);
    free(suggest);
    return 0;
}

/* `?name` or `? name` shows help; `?` alone runs help(). */
static bool help_query(lua_State *L, const char *line)
{
    const char *p = line + strspn(line, " \t");
    if (*p != '?')
        return false;
    p += 1 + strspn(p + 1, " \t");
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (n == 0) {
        run(L, compile(L, "help()"));
        return true;
    }
    lua_pushcfunction(L, show_help);
    lua_pushlstring(L, p, n);
    lt_session_report(L, lt_session_call(L, 1, 0), false);
    return true;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

static void set_pending(char *text)
{
    free(pending);
    pending = text;
    rl_set_prompt(pending ? PROMPT_MORE : PROMPT);
}

/* `pending` + "\n" + line, or line alone; NULL without memory. */
static char *join_lines(const char *line)
{
    size_t old = pending ? strlen(pending) + 1 : 0, len = strlen(line);
    char *s = malloc(old + len + 1);
    if (!s)
        return NULL;
    if (pending) {
        memcpy(s, pending, old - 1);
        s[old - 1] = '\n';
    }
    memcpy(s + old, line, len + 1);
    return s;
}

static void accept_line(const char *line)
{
    lua_State *L = repl_L;
    if (!pending && blank(line))
        return;
    if (!pending && help_query(L, line)) {
        lt_history_add(line);
        return;
    }
    char *code = join_lines(line);
    if (!code) {
        fputs("lunette: not enough memory for the input line\n", stderr);
        set_pending(NULL);
        return;
    }
    int status = compile(L, code);
    if (status == INCOMPLETE) {
        set_pending(code);
        return;
    }
    set_pending(NULL);
    lt_history_add(code);
    if (run(L, status))
        lt_lua_session_record(L, code);   /* for session:save */
    free(code);
}

/* readline's line handler; NULL is Ctrl-D (or the end of the input). */
static void on_line(char *line)
{
    if (!line) {
        quit = true;
        rl_callback_handler_remove();   /* no new prompt after the last line */
        putchar('\n');
        return;
    }
    accept_line(line);
    free(line);
}

/* Ctrl-C at the prompt: drop the line and any unfinished statement. */
static void cancel_line(void)
{
    rl_callback_sigcleanup();   /* an incremental search, a key sequence */
    rl_free_line_state();
    rl_point = rl_end;
    rl_redisplay();
    fputs("^C", rl_outstream);
    rl_crlf();
    set_pending(NULL);
    rl_replace_line("", 1);
    rl_on_new_line();
    rl_redisplay();
}

static void on_signals(int ev)
{
    if (ev & LT_SIG_INT)
        cancel_line();
    if (ev & LT_SIG_WINCH)
        rl_resize_terminal();
    if (ev & LT_SIG_CONT) {
        /* Stopped with the terminal in readline's mode: the shell may
         * have changed it since; set it up again and redraw. */
        rl_cleanup_after_signal();
        rl_reset_after_signal();
        rl_forced_update_display();
    }
}

void lt_repl_run(lua_State *L)
{
    repl_L = L;
    quit = false;
    rl_readline_name = "lunette";
    /* Signals are session.c's; readline must neither catch them nor
     * rewrite LINES/COLUMNS. */
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    lt_complete_init(L);
    if (isatty(STDIN_FILENO))   /* piped input stays out of the history */
        lt_history_open();
    rl_callback_handler_install(PROMPT, on_line);

    int sigfd = lt_session_signal_fd();
    while (!quit) {
        on_signals(lt_session_take());
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        if (sigfd >= 0)
            FD_SET(sigfd, &fds);
        int n = select((sigfd > STDIN_FILENO ? sigfd : STDIN_FILENO) + 1,
                       &fds, NULL, NULL, NULL);
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0 && FD_ISSET(STDIN_FILENO, &fds))
            rl_callback_read_char();
    }
    rl_callback_handler_remove();
    set_pending(NULL);
}
