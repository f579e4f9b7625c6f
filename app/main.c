/* lunette: the command line.
 *
 * Loads data files given as arguments, runs -e chunks and a script
 * unattended (batch mode, as lua.c does) and opens the REPL.  The order is
 * always: data files, then each -e in turn, then the script (or standard
 * input), then the REPL when one is wanted. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "complete.h"
#include "lunette.h"
#include "repl.h"
#include "session.h"
#include "tui.h"

#ifndef LT_VERSION
#error "LT_VERSION must be defined by the build (app/meson.build)"
#endif

typedef struct {
    const char **data;   /* data files, in order */
    int ndata;
    const char **code;   /* -e chunks, in order */
    int ncode;
    int script;          /* argv index of the script, 0 = none */
    bool interactive;    /* -i */
    bool plain;          /* --plain: the line REPL, never the workbench */
    bool help, version;
} options;

static const char usage_text[] =
    "usage: lunette [options] [data.csv ...] [script.lua [args ...]]\n"
    "\n"
    "An analytics workbench: a Lua 5.4 REPL over data frames.\n"
    "\n"
    "  data.csv      load with read_csv into a global named after the file\n"
    "                (telco-churn.csv -> telco_churn); any number, in order\n"
    "  script.lua    run the script unattended; the arguments after it go to\n"
    "                the global 'arg' (arg[0] is the script)\n"
    "  -             run a script read from standard input\n"
    "  -e code       run code; several -e run in order, after the data files\n"
    "                are loaded and before the script\n"
    "  -i            enter the REPL after the script or -e code\n"
    "  --plain       the line REPL (GNU readline) instead of the workbench\n"
    "  -h, --help    show this help and exit\n"
    "  -v, --version show the version and exit\n"
    "  --            stop handling options; the next argument is the script\n"
    "\n"
    "Without a script or -e, lunette opens the workbench (a full-screen\n"
    "console, plot pane and variable inspector; F1 there lists the keys),\n"
    "or the line REPL with --plain or when stdout is not a terminal, or runs\n"
    "standard input as a script when it is not a terminal.  In the REPL, ?name shows the help of name.  An error exits\n"
    "with status 1 and a traceback on stderr.\n";

/* OpenMP reads OMP_WAIT_POLICY, and OpenBLAS its thread count, when the
 * libraries are loaded, before main: set them and exec ourselves again.
 * Passive waiting keeps idle OpenMP threads from spinning; one BLAS thread
 * keeps OpenBLAS from oversubscribing inside OpenMP regions.  A value the
 * user set is kept. */
static void set_thread_env(char **argv)
{
    if (getenv("OMP_WAIT_POLICY") && getenv("OPENBLAS_NUM_THREADS"))
        return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    setenv("OPENBLAS_NUM_THREADS", "1", 0);
    execv("/proc/self/exe", argv);
    /* Not re-executed: run anyway; only idle threads may spin. */
}

/* Run through /proc/self/exe, the process would be called "exe" in ps,
 * top and pgrep. */
static void set_process_name(void)
{
    prctl(PR_SET_NAME, "lunette", 0, 0, 0);
}

static bool is_data_file(const char *arg)
{
    size_t n = strlen(arg);
    return n > 4 && strcasecmp(arg + n - 4, ".csv") == 0;
}

static int usage_error(const char *fmt, const char *what)
{
    fputs("lunette: ", stderr);
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n%.*sTry 'lunette --help' for more.\n",
            (int)strcspn(usage_text, "\n") + 1, usage_text);
    return -1;
}

/* Fill `o` from argv; -1 after printing a usage error. */
static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            o->script = i + 1 < argc ? i + 1 : 0;
            return 0;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (a[0] != '-' && is_data_file(a)) {
                o->data[o->ndata++] = a;
                continue;
            }
            o->script = i;
            return 0;
        }
        if (strcmp(a, "-e") == 0) {
            if (++i == argc)
                return usage_error("option '%s' needs an argument", a);
            o->code[o->ncode++] = argv[i];
        } else if (strncmp(a, "-e", 2) == 0) {
            o->code[o->ncode++] = a + 2;
        } else if (strcmp(a, "-i") == 0) {
            o->interactive = true;
        } else if (strcmp(a, "--plain") == 0) {
            o->plain = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
            o->version = true;
        } else {
            return usage_error("unrecognized option '%s'", a);
        }
    }
    return 0;
}

/* The global a data file loads into: its base name without extension,
 * anything but letters, digits and '_' made '_', and "_" in front when
 * that is not a Lua name (a leading digit, a keyword).  Pushes the name. */
static const char *push_global_name(lua_State *L, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    luaL_Buffer b;
    char *s = luaL_buffinitsize(L, &b, n);
    for (size_t i = 0; i < n; i++) {
        char c = base[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_';
        s[i] = keep ? c : '_';
    }
    luaL_pushresultsize(&b, n);
    if (!lt_complete_is_name(lua_tostring(L, -1), n)) {
        lua_pushfstring(L, "_%s", lua_tostring(L, -1));
        lua_remove(L, -2);
    }
    return lua_tostring(L, -1);
}

/* The command that loads a data file, as typed: pushes the global's
 * name and `name = read_csv("path")`, returning the latter. */
static const char *push_load_command(lua_State *L, const char *path)
{
    const char *name = push_global_name(L, path);
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "format");
    lua_pushfstring(L, "%s = read_csv(%%q)", name);
    lua_pushstring(L, path);
    lua_call(L, 2, 1);
    lua_remove(L, -2);   /* the string library */
    return lua_tostring(L, -1);
}

/* load_data(path, announce): read_csv(path) into its global, recorded in
 * the session log as the command that does it; with
 * `announce`, print "name: R rows x C cols" (rows from #df, columns from
 * #df:names()). */
static int load_data(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    bool announce = lua_toboolean(L, 2);
    const char *cmd = push_load_command(L, path);
    const char *name = lua_tostring(L, -2);
    if (lua_getglobal(L, "read_csv") != LUA_TFUNCTION)
        return luaL_error(L, "cannot load %s: read_csv is not available", path);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    int df = lua_gettop(L);
    lua_pushvalue(L, df);
    lua_setglobal(L, name);
    lt_lua_session_record(L, cmd);
    if (announce) {
        lua_getfield(L, df, "names");
        lua_pushvalue(L, df);
        lua_call(L, 1, 1);
        lua_Integer cols = luaL_len(L, -1);
        printf("%s: %lld rows x %lld cols\n", name,
               (long long)luaL_len(L, df), (long long)cols);
        fflush(stdout);
    }
    return 0;
}

/* The global `arg`, as lua.c builds it: the script at 0, its arguments at
 * 1.., the interpreter and options at negative indices. */
static void create_arg_table(lua_State *L, int argc, char **argv, int script)
{
    lua_createtable(L, argc - script, script + 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

/* Run the script at argv[script] with its arguments as `...`. */
static int run_script(lua_State *L, int argc, char **argv, int script)
{
    const char *fname = argv[script];
    if (strcmp(fname, "-") == 0 && strcmp(argv[script - 1], "--") != 0)
        fname = NULL;   /* standard input */
    int status = luaL_loadfile(L, fname);
    if (status != LUA_OK)
        return status;
    int n = argc - script - 1;
    luaL_checkstack(L, n + 3, "too many arguments to script");
    for (int i = script + 1; i < argc; i++)
        lua_pushstring(L, argv[i]);
    return lt_session_call(L, n, 0);
}

/* Call the chunk a load function just pushed, if it loaded. */
static int call_loaded(lua_State *L, int status)
{
    return status == LUA_OK ? lt_session_call(L, 0, 0) : status;
}

/* 0 to go on; otherwise the exit status after reporting the error. */
static int step_status(lua_State *L, int status)
{
    if (status == LUA_OK && !lt_session_interrupted())
        return 0;
    lt_session_report(L, status, true);
    return lt_session_interrupted() ? 130 : 1;
}

/* The workbench, loading the data files as commands it shows and
 * records.  -1 when it cannot start. */
static int run_tui(lua_State *L, const options *o)
{
    int base = lua_gettop(L);
    const char **cmds = lua_newuserdatauv(L, sizeof *cmds * (size_t)(o->ndata + 1), 0);
    for (int i = 0; i < o->ndata; i++)
        cmds[i] = push_load_command(L, o->data[i]);
    int status = lt_tui_run(L, cmds, o->ndata);
    lua_settop(L, base);
    return status;
}

/* Everything under one protected call, as lua.c's pmain: (argc, argv,
 * options) -> exit status. */
static int pmain(lua_State *L)
{
    int argc = (int)lua_tointeger(L, 1);
    char **argv = lua_touserdata(L, 2);
    const options *o = lua_touserdata(L, 3);
    bool batch = o->ncode > 0 || o->script;
    bool repl = o->interactive || (!batch && isatty(STDIN_FILENO));
    int code = 0;

    lt_session_init(L);
    create_arg_table(L, argc, argv, o->script);
    if (repl && !batch && !o->plain && lt_tui_available()) {
        int status = run_tui(L, o);
        if (status >= 0) {
            lua_pushinteger(L, status);
            return 1;
        }
    }
    if (repl)
        printf("lunette %s (%s)  ?name shows help, Ctrl-D quits\n",
               LT_VERSION, LUA_RELEASE);
    for (int i = 0; i < o->ndata && !code; i++) {
        lua_pushcfunction(L, load_data);
        lua_pushstring(L, o->data[i]);
        lua_pushboolean(L, repl);
        code = step_status(L, lt_session_call(L, 2, 0));
    }
    for (int i = 0; i < o->ncode && !code; i++)
        code = step_status(L, call_loaded(L, luaL_loadbuffer(L, o->code[i],
                                  strlen(o->code[i]), "=(command line)")));
    if (!code && o->script)
        code = step_status(L, run_script(L, argc, argv, o->script));
    else if (!code && !batch && !repl)
        code = step_status(L, call_loaded(L, luaL_loadfile(L, NULL)));
    if (!code && repl)
        lt_repl_run(L);
    lua_pushinteger(L, code);
    return 1;
}

int main(int argc, char **argv)
{
    set_thread_env(argv);
    set_process_name();

    const char **slots = calloc((size_t)argc * 2, sizeof *slots);
    if (!slots) {
        fputs("lunette: not enough memory\n", stderr);
        return 1;
    }
    options o = { .data = slots, .code = slots + argc };
    if (parse_args(argc, argv, &o) != 0) {
        free(slots);
        return 2;
    }
    if (o.help || o.version) {
        if (o.help)
            fputs(usage_text, stdout);
        else
            printf("lunette %s (%s)\n", LT_VERSION, LUA_RELEASE);
        free(slots);
        return 0;
    }

    lua_State *L = luaL_newstate();
    if (!L) {
        fputs("lunette: cannot create the Lua state: not enough memory\n", stderr);
        free(slots);
        return 1;
    }
    lua_pushcfunction(L, pmain);
    lua_pushinteger(L, argc);
    lua_pushlightuserdata(L, argv);
    lua_pushlightuserdata(L, &o);
    int code = 1;
    if (lua_pcall(L, 3, 1, 0) == LUA_OK)
        code = (int)lua_tointeger(L, -1);
    else
        lt_session_report(L, LUA_ERRRUN, true);
    lua_close(L);
    free(slots);
    return code;
}
