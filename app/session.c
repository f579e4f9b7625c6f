/* Running Lua for the user: set-up, protected calls with a traceback,
 * Ctrl-C, the progress line on stderr and the display settings.
 *
 * Ctrl-C follows lua.c: the SIGINT handler only sets flags, and while a
 * command runs it also sets a Lua hook that raises "interrupted!" at the
 * next instruction and the `cancel` flag of the progress record, so that a
 * long C call (read_csv) stops too.  The handler stays installed, so a
 * second Ctrl-C during a C call never kills the process.  Signals that
 * arrive at the prompt are left for the REPL's event loop, woken through a
 * self-pipe. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lunette.h"

/* The progress line drawn on stderr while a long call runs. */
typedef struct {
    bool tty;          /* stderr is a terminal: draw at all */
    bool drawn;        /* a line is on screen and must be cleared */
    int width;         /* terminal width at the start of the command */
    double start;      /* command start, seconds (CLOCK_MONOTONIC) */
    double last;       /* last redraw, or start */
} progress_line;

#define REDRAW_INTERVAL 0.1   /* at most ~10 redraws a second */

static lua_State *session_L;
static lt_session_host host;
static bool hosted;
static lt_progress progress;
static progress_line pline;
static int sigfd[2] = { -1, -1 };

static volatile sig_atomic_t running;        /* inside lt_session_call */
static volatile sig_atomic_t interrupted;    /* Ctrl-C during the last call */
static volatile sig_atomic_t pending_int, pending_winch, pending_cont;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void clear_progress(progress_line *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = false;
    }
}

/* lt_progress.report: `read_csv  42% [########            ] 1.3s`, or
 * the host's drawing. */
static void draw_progress(void *ud, double fraction)
{
    progress_line *p = ud;
    if (!p->tty && !hosted)
        return;
    if (fraction >= 1.0) {
        if (hosted)
            host.progress(host.ud, progress.label, 1.0, now() - p->start);
        clear_progress(p);
        return;
    }
    double t = now();
    if (t - p->last < REDRAW_INTERVAL)   /* also hides calls under 0.1 s */
        return;
    p->last = t;
    if (hosted) {
        host.progress(host.ud, progress.label, fraction, t - p->start);
        return;
    }
    if (!(fraction > 0.0))
        fraction = 0.0;
    int cells = p->width - 30;
    cells = cells < 10 ? 10 : cells > 40 ? 40 : cells;
    int full = (int)(fraction * cells);
    char bar[41];
    memset(bar, '#', (size_t)full);
    memset(bar + full, ' ', (size_t)(cells - full));
    bar[cells] = '\0';
    fprintf(stderr, "\r%s %3d%% [%s] %.1fs\033[K",
            progress.label ? progress.label : "working",
            (int)(fraction * 100.0), bar, t - p->start);
    p->drawn = true;
}

static int terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    if (cols) {
        char *end;
        long n = strtol(cols, &end, 10);
        if (*end == '\0' && n > 0 && n < 10000)
            return (int)n;
    }
    return 80;
}

/* https://no-color.org: a set, non-empty NO_COLOR turns colour off. */
static bool use_color(void)
{
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no && *no) && term &&
           strcmp(term, "dumb") != 0;
}

/* Message handler: the error message plus a traceback (lua.c's msghandler). */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)",
                              luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    lua_sethook(L, NULL, 0, 0);
    /* A C call that saw `cancel` has already raised its error; the hook
     * then fires on the call of the message handler, which must run. */
    if (ar->event == LUA_HOOKCALL && lua_getinfo(L, "f", ar)) {
        bool handler = lua_tocfunction(L, -1) == msghandler;
        lua_pop(L, 1);
        if (handler)
            return;
    }
    luaL_error(L, "interrupted!");
}

static void on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGINT) {
        if (running) {
            interrupted = 1;
            progress.cancel = 1;
            lua_sethook(session_L, stop_hook,
                        LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
        } else {
            pending_int = 1;
        }
    } else if (sig == SIGWINCH) {
        pending_winch = 1;
    } else if (sig == SIGCONT) {
        pending_cont = 1;
    }
    if (sigfd[1] >= 0) {
        ssize_t r = write(sigfd[1], "", 1);
        (void)r;   /* a full pipe already wakes the loop */
    }
    errno = saved;
}

static void set_handler(int sig, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void open_signal_pipe(void)
{
    if (pipe(sigfd) != 0) {
        sigfd[0] = sigfd[1] = -1;   /* select() still wakes on EINTR */
        return;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(sigfd[i], F_SETFL, fcntl(sigfd[i], F_GETFL) | O_NONBLOCK);
        fcntl(sigfd[i], F_SETFD, FD_CLOEXEC);
    }
}

void lt_session_init(lua_State *L)
{
    session_L = L;
    luaL_openlibs(L);
    lt_lua_install_globals(L);
    pline.tty = isatty(STDERR_FILENO);
    progress.report = draw_progress;
    progress.ud = &pline;
    lt_lua_set_progress(L, &progress);
    open_signal_pipe();
    /* No SA_RESTART for SIGINT: a blocking read in Lua code returns. */
    set_handler(SIGINT, 0);
    set_handler(SIGWINCH, SA_RESTART);
    set_handler(SIGCONT, SA_RESTART);
}

void lt_session_set_host(const lt_session_host *h)
{
    hosted = h && h->progress && h->error;
    if (hosted)
        host = *h;
}

int lt_session_call(lua_State *L, int narg, int nres)
{
    int base = lua_gettop(L) - narg;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);

    int width = hosted ? host.width : terminal_width();
    lt_lua_set_display(L, width, hosted ? host.color : use_color());
    pline.width = width;
    pline.start = pline.last = now();
    lua_sethook(L, NULL, 0, 0);
    interrupted = 0;
    progress.cancel = 0;
    progress.label = NULL;

    running = 1;
    int status = lua_pcall(L, narg, nres, base);
    running = 0;

    lua_sethook(L, NULL, 0, 0);   /* Ctrl-C after the last instruction */
    clear_progress(&pline);
    lua_remove(L, base);
    return status;
}

void lt_session_report(lua_State *L, int status, bool prefix)
{
    if (status == LUA_OK)
        return;
    const char *msg = lua_tostring(L, -1);
    if (hosted) {
        host.error(host.ud, msg ? msg : "(error object is not a string)");
        lua_pop(L, 1);
        return;
    }
    fflush(stdout);
    if (interrupted && isatty(STDERR_FILENO))
        fputc('\n', stderr);   /* after the terminal's "^C" */
    fprintf(stderr, "%s%s\n", prefix ? "lunette: " : "",
            msg ? msg : "(error object is not a string)");
    fflush(stderr);
    lua_pop(L, 1);
}

bool lt_session_interrupted(void)
{
    return interrupted || pending_int;
}

int lt_session_signal_fd(void)
{
    return sigfd[0];
}

int lt_session_take(void)
{
    char buf[64];
    if (sigfd[0] >= 0)
        while (read(sigfd[0], buf, sizeof buf) > 0)
            ;
    int ev = 0;
    if (pending_int) {
        pending_int = 0;
        ev |= LT_SIG_INT;
    }
    if (pending_winch) {
        pending_winch = 0;
        ev |= LT_SIG_WINCH;
    }
    if (pending_cont) {
        pending_cont = 0;
        ev |= LT_SIG_CONT;
    }
    return ev;
}
