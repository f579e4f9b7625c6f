/* The `session` global: the log of the commands of a session that
 * succeeded, which the host records (lt_lua_session_record of lunette.h),
 * and session:save(path), which writes it as a runnable Lua script.
 *
 * One "lunette.Session" userdata per lua_State, kept in the registry; its
 * user value is the log, a Lua array of strings.  It owns no C memory, so
 * it has no __gc or __close: there is nothing to release or close. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#include "help.h"
#include "l_aux.h"
#include "lunette.h"

#define SESSION_KEY "lunette.session"

enum { TOSTRING_LAST = 5 };   /* commands tostring(session) shows */

void lt_lua_push_session(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, SESSION_KEY) == LUA_TUSERDATA)
        return;
    lua_pop(L, 1);
    lua_newuserdatauv(L, 0, 1);
    luaL_setmetatable(L, LT_SESSION_MT);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, SESSION_KEY);
}

/* Push the log of the session at idx (raises when idx is no session). */
static int checklog(lua_State *L, int idx)
{
    luaL_checkudata(L, idx, LT_SESSION_MT);
    lua_getiuservalue(L, idx, 1);
    return (int)lua_rawlen(L, -1);
}

/* Code that only acts on the session itself (session:save(...),
 * session.commands, `session` alone), which the log leaves out. */
static bool about_session(const char *s, size_t len)
{
    static const char word[] = "session";
    size_t n = sizeof word - 1;
    if (len < n || memcmp(s, word, n) != 0)
        return false;
    return len == n || s[n] == ':' || s[n] == '.';
}

/* record(code, len): append to the log.  Stack: -> nothing. */
static int record(lua_State *L)
{
    const char *code = lua_touserdata(L, 1);
    size_t len = (size_t)lua_tointeger(L, 2);
    /* A host may record before it opened the library. */
    luaL_requiref(L, "lunette", luaopen_lunette, 0);
    lua_pop(L, 1);
    lt_lua_push_session(L);
    int n = checklog(L, -1);
    lua_pushlstring(L, code, len);
    lua_rawseti(L, -2, (lua_Integer)n + 1);
    return 0;
}

/* Called by the host between commands, outside any protected call: the
 * work runs under lua_pcall so that running out of memory drops the entry
 * rather than aborting. */
void lt_lua_session_record(lua_State *L, const char *code)
{
    if (!code)
        return;
    /* Blanks around the command go; the indentation of its later lines
     * is the user's. */
    const char *s = code + strspn(code, " \t\r\n");
    size_t len = strlen(s);
    while (len > 0 && strchr(" \t\r\n", s[len - 1]))
        len--;
    if (len == 0 || about_session(s, len))
        return;
    lua_pushcfunction(L, record);
    lua_pushlightuserdata(L, (void *)s);
    lua_pushinteger(L, (lua_Integer)len);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK)
        lua_pop(L, 1);
}

/* session:commands() -> a new array of the commands. */
static int session_commands(lua_State *L)
{
    lua_settop(L, 1);
    int n = checklog(L, 1);
    lua_createtable(L, n, 0);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, 2, i);
        lua_rawseti(L, -2, i);
    }
    return 1;
}

/* Add command i of the log at `log` to b as a statement: as it is when
 * it is one; an expression that is not (churn, x + 1), which the REPL
 * printed, as print(...), so that the script runs. */
static void add_statement(lua_State *L, luaL_Buffer *b, int log, int i)
{
    lua_rawgeti(L, log, i);
    size_t len;
    const char *code = lua_tolstring(L, -1, &len);
    bool statement = luaL_loadbuffer(L, code, len, "=session") == LUA_OK;
    lua_pop(L, 1);   /* the function or the message */
    if (!statement) {
        /* A newline before ")" keeps a trailing comment from eating it. */
        const char *wrapped = lua_pushfstring(L, "print(%s%s)", code,
                                              strstr(code, "--") ? "\n" : "");
        if (luaL_loadbuffer(L, wrapped, strlen(wrapped), "=session") == LUA_OK) {
            lua_pop(L, 1);
            lua_remove(L, -2);   /* the command; its print(...) stays */
        } else {
            lua_pop(L, 2);       /* neither form compiles (a host's entry): as it is */
        }
    }
    luaL_addvalue(b);   /* the string at the top, above the buffer's slot */
    luaL_addchar(b, '\n');
}

/* The local date and time in ISO 8601, "2024-05-01T13:45:10+02:00". */
static void iso_now(char *out, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    char zone[8];
    if (!localtime_r(&t, &tm) || strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm) == 0 ||
        strftime(zone, sizeof zone, "%z", &tm) != 5) {
        snprintf(out, size, "(unknown time)");
        return;
    }
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%.3s:%.2s", zone, zone + 3);
}

/* Write s[0..len) to path through a temporary file in the same directory
 * renamed over it, so that path holds the old content or the new, never a
 * part (a full disk, a crash).  A symbolic link is followed: its target
 * is replaced, the link stays.  The new file keeps the mode of the file
 * it replaces, else gets 0666 less the umask.  0, or -1 with errno set
 * and the temporary file removed. */
static int write_atomic(const char *path, const char *s, size_t len)
{
    struct stat st;
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL);   /* NULL when dangling: replace the link */
    const char *target = real ? real : path;
    mode_t mode;
    if (stat(target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    size_t n = strlen(target);
    char *tmp = malloc(n + 8);
    if (!tmp) {
        free(real);
        errno = ENOMEM;
        return -1;
    }
    memcpy(tmp, target, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    int err = 0;
    if (fd < 0) {
        err = errno;
    } else {
        for (size_t off = 0; off < len && !err;) {
            ssize_t w = write(fd, s + off, len - off);
            if (w < 0 && errno != EINTR)
                err = errno;
            else if (w > 0)
                off += (size_t)w;
        }
        if (!err && fchmod(fd, mode) != 0)
            err = errno;
        if (!err && fsync(fd) != 0)
            err = errno;
        if (close(fd) != 0 && !err)
            err = errno;
        if (!err && rename(tmp, target) != 0)
            err = errno;
        if (err)
            unlink(tmp);
    }
    free(tmp);
    free(real);
    errno = err;
    return err ? -1 : 0;
}

/* session:save(path) -> the number of commands written. */
static int session_save(lua_State *L)
{
    const char *path = luaL_checkstring(L, 2);
    lua_settop(L, 2);
    int n = checklog(L, 1);
    int log = lua_gettop(L);
    char when[64];
    iso_now(when, sizeof when);
    /* A path with a control character would break the comment line. */
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        plain &= *p >= 32 && *p != 127;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushfstring(L, "-- lunette session saved %s\n"
                       "-- Run it with: lunette %s   (add -i to stay in the REPL)\n\n",
                    when, plain ? path : "<this file>");
    luaL_addvalue(&b);
    for (int i = 1; i <= n; i++)
        add_statement(L, &b, log, i);
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    if (write_atomic(path, text, len) != 0)
        return luaL_error(L, "session:save: cannot write '%s': %s", path, strerror(errno));
    lua_pushinteger(L, n);
    return 1;
}

/* "lunette session: 12 commands; ..." and the last few, numbered. */
static int session_tostring(lua_State *L)
{
    lua_settop(L, 1);
    int n = checklog(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (n == 0)
        lua_pushliteral(L, "lunette session: no commands yet");
    else
        lua_pushfstring(L, "lunette session: %d command%s; session:save(path) writes %s as a "
                           "script", n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
    luaL_addvalue(&b);
    char num[16];
    int width = snprintf(num, sizeof num, "%d", n);
    for (int i = n > TOSTRING_LAST ? n - TOSTRING_LAST + 1 : 1; i <= n; i++) {
        lua_rawgeti(L, 2, i);
        const char *s = lua_tostring(L, -1);
        lua_pop(L, 1);   /* the log keeps it */
        snprintf(num, sizeof num, "%*d", width, i);
        lua_pushfstring(L, "\n  %s  ", num);
        luaL_addvalue(&b);
        /* Later lines of a command line up under its first. */
        for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
            luaL_addlstring(&b, s, (size_t)(nl - s) + 1);
            for (int k = 0; k < width + 4; k++)
                luaL_addchar(&b, ' ');
        }
        luaL_addstring(&b, s);
    }
    luaL_pushresult(&b);
    return 1;
}

void lt_lua_open_session(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__tostring", session_tostring},
        {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_SESSION_MT, meta, NULL);
}

const lt_lua_reg lt_lua_session_lib[] = {
    {"session", NULL, "session", "The commands of this session that succeeded.\n"
     "Each command of the REPL that ran without error is recorded, in order,\n"
     "and so is each sort or filter done in the grid of view(), as its Lua;\n"
     "commands on the session itself (session:save ...) are not.\n"
     "session:save(path) writes them as a script, the start of a report.",
     NULL, "session\nsession:save(\"analysis.lua\")\n#session:commands()"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_session_methods[] = {
    {"save", session_save, "session:save(path)",
     "Write the commands to path as a Lua script.\n"
     "Returns how many it wrote.  The script starts with a comment (when, and\n"
     "how to run it), then each command in order, multi-line ones whole.  An\n"
     "expression that is no statement (churn, x + 1) is written as print(...),\n"
     "so that the script runs: `lunette analysis.lua`.  The file is replaced at\n"
     "once (written under a temporary name, then renamed): when writing fails,\n"
     "the old one stays as it was.",
     NULL, "session:save(\"analysis.lua\")   --> 12"},
    {"commands", session_commands, "session:commands()",
     "The commands, as a list of strings.\n"
     "A copy: changing it does not change the session.", NULL,
     "for i, code in ipairs(session:commands()) do print(i, code) end"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
