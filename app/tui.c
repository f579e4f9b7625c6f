/* The workbench (tui.h): panes, the event loop, readline inside curses,
 * the host side of plot(), view() and the progress record.
 *
 * readline runs through its callback interface, as DESIGN.md prescribes:
 * it never touches the terminal (no prep/deprep, output to /dev/null,
 * no signals, no SIGWINCH), reads bytes from a queue this file fills with
 * the keys the widgets did not take, and its redisplay hook hands the
 * line to the console widget.  Rendering is one step per loop turn:
 * panes marked dirty are drawn onto canvases and copied to curses'
 * virtual screen, and one doupdate writes what changed. */
#include "tui.h"

#include <errno.h>
#include <locale.h>
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include <lauxlib.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "capture.h"
#include "console.h"
#include "error.h"
#include "grid.h"
#include "history.h"
#include "inspector.h"
#include "layout.h"
#include "lineedit.h"
#include "lunette.h"
#include "pager.h"
#include "plotview.h"
#include "repl.h"
#include "screen.h"
#include "session.h"
#include "statusbar.h"
#include "workspace.h"

#define SCROLLBACK_LINES 10000
#define FIGURES_KEPT 50
#define DRAIN_MAX (1 << 20)          /* bytes of output taken per drain */
#define SESSION_FILE "analysis.lua"  /* F10's suggestion */

static const char hints[] = "F1 help  F2 pane  F3 zoom  F4 view  F10 save";

typedef struct {
    lua_State *L;
    FILE *term;                 /* the terminal curses writes to */
    FILE *devnull;              /* readline's output */
    struct termios saved_tio;   /* restored on a crash */
    bool have_tio;

    lt_console *console;
    lt_plotview *plot;
    lt_inspector *insp;
    lt_statusbar *status;
    lt_widget *pane[LT_PANE_N];
    lt_widget *w_status;
    lt_grid *grid;              /* view(): full screen while open */
    lt_pager *pager;            /* F1 */
    lt_lineedit *prompt;        /* F10's file name, on the status row */
    bool prompting;

    lt_layout layout;
    int width, height;
    int focus;                  /* an lt_pane */
    int zoom;                   /* an lt_pane, or -1 */
    bool dirty[LT_PANE_N], status_dirty, all_dirty;

    unsigned char queue[64];    /* bytes for readline */
    int qhead, qlen;
    bool quit;
    char *dataset;              /* the frame last loaded or viewed */
    char **seen;                /* names of the frames the inspector has shown */
    int nseen;
    const char **reserved;      /* Frame method names, for the grid */
} tui;

static tui T;

/* ---- terminal restore on every exit -------------------------------- */

static const char reset_seq[] =
    "\033[0m\033[?1000l\033[?1002l\033[?1006l\033[?25h\033[?1049l\r\n";

static const int fatal_signals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE,
                                    SIGILL, SIGABRT};
#define NFATAL (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction fatal_saved[NFATAL];

/* A fatal signal: the terminal back (async-signal-safe calls only), then
 * the action that was there before (the default, or a sanitizer's
 * report): raised again, or for a fault met again when the faulting
 * instruction reruns. */
static void on_fatal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    if (T.term) {
        if (T.have_tio)
            tcsetattr(fileno(T.term), TCSAFLUSH, &T.saved_tio);
        ssize_t r = write(fileno(T.term), reset_seq, sizeof reset_seq - 1);
        (void)r;
    }
    for (size_t i = 0; i < NFATAL; i++)
        if (fatal_signals[i] == sig)
            sigaction(sig, &fatal_saved[i], NULL);
    bool fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL;
    if (!fault || info->si_code <= 0)   /* sent by kill(), not a fault */
        raise(sig);
}

static void restore_terminal(void)
{
    lt_screen_close();
    lt_capture_stop();
    if (T.term) {
        fclose(T.term);
        T.term = NULL;
    }
}

static void install_fatal_handlers(void)
{
    for (size_t i = 0; i < NFATAL; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_fatal;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal_signals[i], &sa, &fatal_saved[i]);
    }
}

/* ---- drawing --------------------------------------------------------- */

static void mark(int pane)
{
    T.dirty[pane] = true;
}

static void draw_widget(lt_widget *w, lt_rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (w->w != r.w || w->h != r.h)
        lt_widget_resize(w, r.w, r.h);
    lt_canvas *c = lt_canvas_new(r.w, r.h);
    if (!c)
        return;
    lt_widget_draw(w, c);
    lt_screen_blit(c, r.x, r.y);
    lt_canvas_free(c);
}

static void draw_rule(lt_rect r)
{
    lt_canvas *c = r.w > 0 && r.h > 0 ? lt_canvas_new(r.w, r.h) : NULL;
    if (!c)
        return;
    for (int y = 0; y < r.h; y++)
        lt_canvas_put(c, 0, y, 0x2502, &LT_RGB_AXIS, LT_CELL_FG | LT_CELL_DIM);
    lt_screen_blit(c, r.x, r.y);
    lt_canvas_free(c);
}

/* The status row: the F10 prompt while it is open (returns its cursor
 * column), else the status bar (-1). */
static int draw_status(void)
{
    lt_rect r = T.layout.status;
    if (!T.prompting) {
        draw_widget(T.w_status, r);
        return -1;
    }
    lt_canvas *c = lt_canvas_new(r.w, 1);
    if (!c)
        return -1;
    int x = lt_lineedit_draw(T.prompt, c, 0, 0, r.w);
    lt_screen_blit(c, r.x, r.y);
    lt_canvas_free(c);
    return x;
}

static void relayout(void)
{
    lt_screen_size(&T.width, &T.height);
    lt_layout_compute(T.width, T.height, T.zoom, &T.layout);
    if (!T.layout.shown[T.focus])
        T.focus = LT_PANE_CONSOLE;
    for (int p = 0; p < LT_PANE_N; p++)
        T.pane[p]->focused = p == T.focus;
    T.all_dirty = true;
}

/* The widget filling the screen above the status row, if any. */
static lt_widget *fullscreen(void)
{
    if (T.pager)
        return lt_pager_widget(T.pager);
    if (T.grid)
        return lt_grid_widget(T.grid);
    return NULL;
}

static void render(void)
{
    lt_rect full = {0, 0, T.width, T.height - 1};
    lt_widget *top = fullscreen();
    int cx = -1, cy = -1;
    bool cursor = false;
    if (top) {
        draw_widget(top, full);
        if (lt_widget_cursor(top, &cx, &cy))
            cursor = true;
    } else {
        for (int p = 0; p < LT_PANE_N; p++) {
            if (T.layout.shown[p] && (T.dirty[p] || T.all_dirty))
                draw_widget(T.pane[p], T.layout.pane[p]);
            T.dirty[p] = false;
        }
        if (T.all_dirty)
            draw_rule(T.layout.rule);
        lt_rect r = T.layout.pane[T.focus];
        if (T.layout.shown[T.focus] && lt_widget_cursor(T.pane[T.focus], &cx, &cy)) {
            cursor = true;
            cx += r.x;
            cy += r.y;
        }
    }
    int px = draw_status();
    if (px >= 0) {
        cursor = true;
        cx = px;
        cy = T.layout.status.y;
    }
    T.all_dirty = false;
    T.status_dirty = false;
    lt_screen_update(cursor, cx, cy);
}

/* ---- console output -------------------------------------------------- */

static void console_write(const char *s, lt_console_style style)
{
    lt_console_write(T.console, s, strlen(s), style);
    mark(LT_PANE_CONSOLE);
}

/* Move what the process printed into the console. */
static void take_output(void)
{
    size_t len;
    char *buf;
    while ((buf = lt_capture_drain(DRAIN_MAX, &len)) != NULL) {
        lt_console_write(T.console, buf, len, LT_CONSOLE_OUT);
        free(buf);
        mark(LT_PANE_CONSOLE);
    }
}

static void update_resources(void)
{
    size_t rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        unsigned long size, resident;
        if (fscanf(f, "%lu %lu", &size, &resident) == 2)
            rss = (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
        fclose(f);
    }
    lt_statusbar_set_resources(T.status, rss, omp_get_max_threads());
    T.status_dirty = true;
}

static void set_dataset(const char *name)
{
    free(T.dataset);
    T.dataset = name ? strdup(name) : NULL;
    lt_statusbar_set_dataset(T.status, T.dataset);
    T.status_dirty = true;
}

static bool seen_frame(const char *name)
{
    for (int i = 0; i < T.nseen; i++)
        if (strcmp(T.seen[i], name) == 0)
            return true;
    char **p = realloc(T.seen, (size_t)(T.nseen + 1) * sizeof *p);
    char *copy = strdup(name);
    if (!p || !copy) {
        free(copy);
        if (p)
            T.seen = p;
        return true;   /* no memory: not worth a new data set */
    }
    T.seen = p;
    T.seen[T.nseen++] = copy;
    return false;
}

/* The inspector after a command; a frame that appeared under a new name
 * becomes the data set the status bar names. */
static void refresh_workspace(void)
{
    lt_workspace ws;
    if (lt_workspace_scan(T.L, &ws) != 0)
        return;
    lt_inspector_set(T.insp, ws.items, ws.n);
    for (int i = 0; i < ws.n; i++)
        if (strcmp(ws.items[i].type, "Frame") == 0 && !seen_frame(ws.items[i].name))
            set_dataset(ws.items[i].name);
    lt_workspace_fini(&ws);
    mark(LT_PANE_INSPECTOR);
}

/* ---- signals and resizing -------------------------------------------- */

static void handle_signals(int ev);

static void resize(void)
{
    lt_screen_resize();
    relayout();
}

/* ---- session host: progress and errors ------------------------------ */

static void host_progress(void *ud, const char *label, double fraction, double elapsed)
{
    (void)ud;
    handle_signals(lt_session_take());
    take_output();
    if (fraction >= 1.0)
        lt_statusbar_set_progress(T.status, NULL, 0, 0);
    else
        lt_statusbar_set_progress(T.status, label ? label : "working", fraction, elapsed);
    update_resources();
    render();
}

static void host_error(void *ud, const char *msg)
{
    (void)ud;
    take_output();
    console_write(msg, LT_CONSOLE_ERR);
    console_write("\n", LT_CONSOLE_ERR);
}

static void set_host(void)
{
    int width = T.layout.shown[LT_PANE_CONSOLE] ? T.layout.pane[LT_PANE_CONSOLE].w : T.width;
    lt_session_host h = {
        .progress = host_progress,
        .error = host_error,
        .width = width > 20 ? width - 1 : 20,
        .color = lt_screen_color_mode() != LT_COLOR_NONE,
    };
    lt_session_set_host(&h);
}

/* ---- plot() and view() ----------------------------------------------- */

static void plot_sink(void *ud, lt_figure *f)
{
    (void)ud;
    lt_plotview_push(T.plot, f);
    mark(LT_PANE_PLOT);
    if (!T.layout.shown[LT_PANE_PLOT])
        console_write("(the figure is in the plot pane: F3 zooms to it)\n", LT_CONSOLE_NOTE);
}

static int viewer(void *ud, const lt_frame *f, const char *expr)
{
    (void)ud;
    lt_grid_opts o = {.reserved = T.reserved};
    lt_grid *g = lt_grid_new(f, expr, &o);
    if (!g)
        return -1;
    if (T.grid)
        lt_widget_free(lt_grid_widget(T.grid));
    T.grid = g;
    set_dataset(expr);
    T.all_dirty = true;
    return 0;
}

/* The Frame's method names: the grid writes such columns df:col"name". */
static const char **frame_methods(lua_State *L)
{
    int n = 0;
    luaL_getmetatable(L, "lunette.Frame");
    lua_getfield(L, -1, "__methods");
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            n++;
            lua_pop(L, 1);
        }
    }
    const char **names = calloc((size_t)n + 1, sizeof *names);
    if (names && lua_istable(L, -1)) {
        int i = 0;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) == LUA_TSTRING && i < n)
                names[i++] = strdup(lua_tostring(L, -2));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 2);
    return names;
}

/* ---- commands ---------------------------------------------------------- */

/* Run a line as if typed at the prompt: echoed, recorded, its output and
 * errors in the console. */
static void run_line(const char *line)
{
    lt_console_follow(T.console);
    console_write(lt_repl_prompt(), LT_CONSOLE_ECHO);
    console_write(line, LT_CONSOLE_ECHO);
    console_write("\n", LT_CONSOLE_ECHO);
    lt_console_set_input(T.console, NULL, NULL, 0);
    render();
    set_host();
    lt_repl_accept(line);
    take_output();
    lt_statusbar_set_progress(T.status, NULL, 0, 0);
    update_resources();
    refresh_workspace();
    rl_set_prompt(lt_repl_prompt());
    T.all_dirty = true;
}

/* readline's line handler; NULL is Ctrl-D on an empty line. */
static void on_line(char *line)
{
    if (!line) {
        T.quit = true;
        return;
    }
    run_line(line);
    free(line);
    /* readline clears its buffer after this returns: show the fresh
     * prompt now. */
    lt_console_set_input(T.console, lt_repl_prompt(), "", 0);
}

/* A grid action: the Lua it stands for goes to the console, the history
 * and the session log. */
static void record_action(const char *lua)
{
    console_write("> ", LT_CONSOLE_ECHO);
    console_write(lua, LT_CONSOLE_ECHO);
    console_write("   -- from the grid\n", LT_CONSOLE_ECHO);
    lt_history_add(lua);
    lt_lua_session_record(T.L, lua);
}

/* ---- readline inside curses ------------------------------------------ */

static int queue_getc(FILE *in)
{
    if (T.qlen > 0) {
        int c = T.queue[T.qhead];
        T.qhead = (T.qhead + 1) % (int)sizeof T.queue;
        T.qlen--;
        return c;
    }
    /* readline wants more of a key than was typed: read it (rare). */
    unsigned char c;
    ssize_t n = read(fileno(in), &c, 1);
    return n == 1 ? c : EOF;
}

static int queue_ready(void)
{
    return T.qlen > 0;
}

static void feed_readline(const unsigned char *bytes, int n)
{
    for (int i = 0; i < n && T.qlen < (int)sizeof T.queue; i++) {
        T.queue[(T.qhead + T.qlen) % (int)sizeof T.queue] = bytes[i];
        T.qlen++;
    }
    while (T.qlen > 0 && !T.quit)
        rl_callback_read_char();
}

static void redisplay(void)
{
    lt_console_set_input(T.console, rl_display_prompt, rl_line_buffer, rl_point);
    mark(LT_PANE_CONSOLE);
}

static void no_term(int meta)
{
    (void)meta;
}

static void no_deprep(void)
{
}

/* Tab with several matches: list them in the console, in columns. */
static void show_matches(char **matches, int n, int longest)
{
    int width = T.layout.pane[LT_PANE_CONSOLE].w;
    int colw = longest + 2;
    int per_row = width / colw > 0 ? width / colw : 1;
    lt_console_follow(T.console);
    for (int i = 1; i <= n; i++) {
        char cell[512];
        snprintf(cell, sizeof cell, "%-*s", colw, matches[i]);
        console_write(cell, LT_CONSOLE_NOTE);
        if (i % per_row == 0 || i == n)
            console_write("\n", LT_CONSOLE_NOTE);
    }
}

static void setup_readline(void)
{
    lt_repl_setup(T.L);
    T.devnull = fopen("/dev/null", "w");
    rl_outstream = T.devnull;
    rl_instream = stdin;
    rl_getc_function = queue_getc;
    rl_input_available_hook = queue_ready;
    rl_redisplay_function = redisplay;
    rl_prep_term_function = no_term;
    rl_deprep_term_function = no_deprep;
    rl_completion_display_matches_hook = show_matches;
    rl_callback_handler_install(lt_repl_prompt(), on_line);
}

/* Ctrl-C at the prompt: the line (and an unfinished statement) go. */
static void cancel_line(void)
{
    rl_callback_sigcleanup();
    console_write(rl_display_prompt, LT_CONSOLE_ECHO);
    console_write(rl_line_buffer, LT_CONSOLE_ECHO);
    console_write("^C\n", LT_CONSOLE_NOTE);
    lt_repl_cancel();
    rl_replace_line("", 1);
    rl_point = 0;
    rl_set_prompt(lt_repl_prompt());
    redisplay();
}

static void handle_signals(int ev)
{
    if (ev & LT_SIG_WINCH)
        resize();
    if (ev & LT_SIG_CONT) {
        lt_screen_invalidate();
        T.all_dirty = true;
    }
    if ((ev & LT_SIG_INT) && !T.grid && !T.pager && !T.prompting)
        cancel_line();
}

/* ---- keys -------------------------------------------------------------- */

static const char help_keys[] =
    "# The workbench\n"
    "Type Lua at the prompt; ?name shows the help of name.  Output, errors and\n"
    "tracebacks go to the console; figures drawn with plot() to the plot pane;\n"
    "the inspector lists your variables.\n"
    "\n"
    "# Keys\n"
    "  F1            this help (q closes)\n"
    "  F2            next pane: console, plot, inspector (Esc: back to the console)\n"
    "  F3            zoom the pane with the focus to the whole screen, and back\n"
    "  F4            view the frame selected in the inspector (or the last result)\n"
    "  F10           save the session's commands as a Lua script\n"
    "  PgUp/PgDn     scroll the console; Ctrl-Home/Ctrl-End: top/end\n"
    "  Ctrl-F        search the console (Enter again: previous match)\n"
    "  Ctrl-L        clear the console\n"
    "  Ctrl-C        cancel the line, or interrupt the running command\n"
    "  Ctrl-D        quit (on an empty line)\n"
    "  Up/Down, Ctrl-R, Tab   history, history search, completion (readline)\n"
    "\n"
    "# Plot pane (F2 to focus)\n"
    "  Left/Right    previous/next figure   Home/End  first/last   Delete  drop it\n"
    "\n"
    "# Inspector (F2 to focus)\n"
    "  Up/Down       select                 Enter  view the selected frame\n"
    "\n"
    "# Grid: view(df)\n"
    "  arrows hjkl, PgUp/PgDn, Home/End   move        [ ]  sort asc/desc\n"
    "  /  n  N       search the column      f    filter (df:filter syntax)\n"
    "  F             frequency table of the column (Enter filters to a value)\n"
    "  I             describe all columns   s    summary of the column\n"
    "  q             back (each action is recorded as Lua in the history)\n"
    "\n"
    "# The session\n"
    "  session:save(\"analysis.lua\") (or F10) writes the commands that succeeded,\n"
    "  grid actions included, as a script: run it with lunette analysis.lua.\n"
    "\n";

static void open_help(void)
{
    /* help() prints the topics: capture them. */
    take_output();
    lua_getglobal(T.L, "help");
    if (lt_session_call(T.L, 0, 0) != LUA_OK)
        lua_pop(T.L, 1);
    size_t len = 0;
    char *topics = lt_capture_drain(DRAIN_MAX, &len);
    size_t n = sizeof help_keys + len + 32;
    char *text = malloc(n);
    if (text) {
        snprintf(text, n, "%s# Lua API (?name for details)\n%s", help_keys, topics ? topics : "");
        T.pager = lt_pager_new("lunette help", text);
    }
    free(text);
    free(topics);
    T.all_dirty = true;
}

/* F4: the frame selected in the inspector, else the last result. */
static void view_selected(void)
{
    const char *name = lt_inspector_selected(T.insp);
    char line[256];
    if (name)
        snprintf(line, sizeof line, "view(%s)", name);
    else
        snprintf(line, sizeof line, "view(_)");
    run_line(line);
}

static void finish_prompt(void)
{
    T.prompting = false;
    if (!lt_lineedit_accepted(T.prompt)) {
        T.status_dirty = true;
        return;
    }
    lua_State *L = T.L;
    lua_getglobal(L, "session");
    lua_getfield(L, -1, "save");
    lua_insert(L, -2);
    lua_pushstring(L, lt_lineedit_text(T.prompt));
    set_host();
    if (lt_session_call(L, 2, 1) == LUA_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "saved %lld commands to %s", (long long)lua_tointeger(L, -1),
                 lt_lineedit_text(T.prompt));
        lt_statusbar_message(T.status, msg, false);
    } else {
        lt_statusbar_message(T.status, lua_tostring(L, -1), true);
    }
    lua_pop(L, 1);
    take_output();
}

/* The pane under a mouse event, with the event made relative to it. */
static int pane_at(lt_key_event *ev)
{
    for (int p = 0; p < LT_PANE_N; p++) {
        lt_rect r = T.layout.pane[p];
        if (T.layout.shown[p] && ev->x >= r.x && ev->x < r.x + r.w && ev->y >= r.y &&
            ev->y < r.y + r.h) {
            ev->x -= r.x;
            ev->y -= r.y;
            return p;
        }
    }
    return -1;
}

static bool is_mouse(int key)
{
    return key == LT_KEY_WHEEL_UP || key == LT_KEY_WHEEL_DOWN || key == LT_KEY_CLICK;
}

/* Keys of the workbench itself; true when taken. */
static bool global_key(int key)
{
    switch (key) {
    case LT_KEY_F1:
        open_help();
        return true;
    case LT_KEY_F2:
        do
            T.focus = (T.focus + 1) % LT_PANE_N;
        while (!T.layout.shown[T.focus] && T.focus != LT_PANE_CONSOLE);
        relayout();
        return true;
    case LT_KEY_F3:
        T.zoom = T.zoom >= 0 ? -1 : T.focus;
        relayout();
        return true;
    case LT_KEY_F4:
        view_selected();
        return true;
    case LT_KEY_F10:
        T.prompting = lt_lineedit_start(T.prompt, "save session to: ", SESSION_FILE) == 0;
        return true;
    case LT_CTRL('l'):
        lt_console_clear(T.console);
        mark(LT_PANE_CONSOLE);
        return true;
    default:
        return false;
    }
}

static void after_widget(int pane, int flags)
{
    if (flags & LT_W_REDRAW)
        mark(pane);
    if (pane == LT_PANE_INSPECTOR && (flags & LT_W_ACTION)) {
        char *name = lt_inspector_take_open(T.insp);
        if (name) {
            char line[256];
            snprintf(line, sizeof line, "view(%s)", name);
            free(name);
            run_line(line);
        }
    }
}

static void fullscreen_key(lt_key_event *ev)
{
    lt_widget *w = fullscreen();
    int flags = lt_widget_key(w, ev);
    if (T.grid && (flags & LT_W_ACTION)) {
        char *lua = lt_grid_take_record(T.grid);
        if (lua) {
            record_action(lua);
            free(lua);
        }
    }
    if (flags & LT_W_CLOSE) {
        lt_widget_free(w);
        if (T.pager)
            T.pager = NULL;
        else
            T.grid = NULL;
        refresh_workspace();
        T.all_dirty = true;
    }
}

static void on_key(lt_key_event *ev, const unsigned char *raw, int nraw)
{
    if (ev->key == LT_KEY_RESIZE) {   /* curses has resized already */
        relayout();
        return;
    }
    if (T.prompting) {
        if (lt_lineedit_key(T.prompt, ev) & LT_W_CLOSE)
            finish_prompt();
        T.status_dirty = true;
        return;
    }
    if (fullscreen()) {
        fullscreen_key(ev);
        return;
    }
    if (is_mouse(ev->key)) {
        int p = pane_at(ev);
        if (p >= 0)
            after_widget(p, lt_widget_key(T.pane[p], ev));
        return;
    }
    if (lt_console_busy(T.console)) {
        after_widget(LT_PANE_CONSOLE, lt_widget_key(T.pane[LT_PANE_CONSOLE], ev));
        return;
    }
    if (global_key(ev->key))
        return;
    if (T.focus != LT_PANE_CONSOLE) {
        int flags = lt_widget_key(T.pane[T.focus], ev);
        if (flags) {
            after_widget(T.focus, flags);
            return;
        }
        if (ev->key == LT_KEY_ESC) {
            T.focus = LT_PANE_CONSOLE;
            relayout();
            return;
        }
    }
    int flags = lt_widget_key(T.pane[LT_PANE_CONSOLE], ev);
    if (flags) {
        after_widget(LT_PANE_CONSOLE, flags);
        return;
    }
    if (nraw > 0) {
        lt_console_follow(T.console);
        feed_readline(raw, nraw);
    }
}

/* ---- the loop ---------------------------------------------------------- */

static void loop(void)
{
    int sigfd = lt_session_signal_fd();
    while (!T.quit) {
        handle_signals(lt_session_take());
        lt_key_event ev;
        unsigned char raw[8];
        int nraw;
        while (!T.quit && lt_screen_read(&ev, raw, &nraw))
            on_key(&ev, raw, nraw);
        if (T.quit)
            break;
        render();
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        if (sigfd >= 0)
            FD_SET(sigfd, &fds);
        int n = select((sigfd > STDIN_FILENO ? sigfd : STDIN_FILENO) + 1, &fds, NULL, NULL,
                       NULL);
        if (n < 0 && errno != EINTR)
            break;
    }
}

bool lt_tui_available(void)
{
    const char *term = getenv("TERM");
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term &&
           strcmp(term, "dumb") != 0;
}

static bool make_widgets(void)
{
    T.console = lt_console_new(SCROLLBACK_LINES);
    T.plot = lt_plotview_new(FIGURES_KEPT, lt_ascii_detect(),
                             lt_screen_color_mode() == LT_COLOR_NONE);
    T.insp = lt_inspector_new();
    T.status = lt_statusbar_new(lt_ascii_detect());
    T.prompt = lt_lineedit_new();
    if (!T.console || !T.plot || !T.insp || !T.status || !T.prompt)
        return false;
    T.pane[LT_PANE_CONSOLE] = lt_console_widget(T.console);
    T.pane[LT_PANE_PLOT] = lt_plotview_widget(T.plot);
    T.pane[LT_PANE_INSPECTOR] = lt_inspector_widget(T.insp);
    T.w_status = lt_statusbar_widget(T.status);
    lt_statusbar_set_hints(T.status, hints);
    return true;
}

static void free_widgets(void)
{
    if (T.console)
        lt_widget_free(lt_console_widget(T.console));
    if (T.plot)
        lt_widget_free(lt_plotview_widget(T.plot));
    if (T.insp)
        lt_widget_free(lt_inspector_widget(T.insp));
    if (T.status)
        lt_widget_free(lt_statusbar_widget(T.status));
    if (T.grid)
        lt_widget_free(lt_grid_widget(T.grid));
    if (T.pager)
        lt_widget_free(lt_pager_widget(T.pager));
    lt_lineedit_free(T.prompt);
    if (T.reserved)
        for (const char **p = T.reserved; *p; p++)
            free((char *)*p);
    free(T.reserved);
    free(T.dataset);
    for (int i = 0; i < T.nseen; i++)
        free(T.seen[i]);
    free(T.seen);
}

int lt_tui_run(lua_State *L, const char *const *commands, int ncommands)
{
    memset(&T, 0, sizeof T);
    T.L = L;
    T.zoom = -1;
    setlocale(LC_CTYPE, "");
    T.have_tio = tcgetattr(STDOUT_FILENO, &T.saved_tio) == 0;
    T.term = lt_capture_start();
    if (!T.term)
        return -1;
    /* Before curses starts, which would otherwise put in its own SIGTERM
     * handler (one that exits with status 1). */
    install_fatal_handlers();
    if (lt_screen_open(T.term, stdin) != 0) {
        lt_capture_stop();
        fclose(T.term);
        T.term = NULL;
        return -1;
    }
    atexit(restore_terminal);
    int status = 0;
    if (!make_widgets()) {
        status = 1;
        goto done;
    }
    T.reserved = frame_methods(L);
    lt_workspace_baseline(L);
    lt_lua_set_plot_sink(L, plot_sink, NULL);
    lt_lua_set_viewer(L, viewer, NULL);
    lt_repl_plot_figures(true);
    relayout();
    setup_readline();
    char banner[160];
    snprintf(banner, sizeof banner, "lunette %s (%s)  F1 help, ?name help on name, Ctrl-D quits\n",
             LT_VERSION, LUA_RELEASE);
    console_write(banner, LT_CONSOLE_NOTE);
    update_resources();
    refresh_workspace();
    for (int i = 0; i < ncommands && !T.quit; i++)
        run_line(commands[i]);
    loop();
done:
    rl_callback_handler_remove();
    lt_repl_plot_figures(false);
    lt_lua_set_plot_sink(L, NULL, NULL);
    lt_lua_set_viewer(L, NULL, NULL);
    lt_session_set_host(NULL);
    restore_terminal();
    free_widgets();
    if (T.devnull)
        fclose(T.devnull);
    memset(&T, 0, sizeof T);
    return status;
}
