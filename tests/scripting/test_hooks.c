/* The host hooks of scripting/lunette.h that Lua code cannot reach: the
 * plot sink, the viewer behind view(), and lt_lua_session_record, driven
 * from C with a lua_State as the workbench drives them. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "error.h"
#include "lunette.h"
#include "tap.h"

/* ---- a sink that keeps what it is handed -------------------------------- */

typedef struct sink_log {
    int calls;
    lt_figure *last;   /* owned: the sink owns each figure it gets */
} sink_log;

static void sink(void *ud, lt_figure *f)
{
    sink_log *s = ud;
    s->calls++;
    lt_figure_free(s->last);
    s->last = f;
}

/* ---- a viewer that records its calls ------------------------------------ */

typedef struct view_log {
    int calls;
    const lt_frame *frame;
    char expr[256];
    int ncol;
    char name0[64];    /* the name of the first column */
    const lt_col *col0;
    int fail;          /* return this (after lt_seterr) when negative */
} view_log;

static int viewer(void *ud, const lt_frame *f, const char *expr)
{
    view_log *v = ud;
    v->calls++;
    v->frame = f;
    snprintf(v->expr, sizeof v->expr, "%s", expr);
    v->ncol = f->ncol;
    snprintf(v->name0, sizeof v->name0, "%s", f->ncol ? f->names[0] : "");
    v->col0 = f->ncol ? f->cols[0] : NULL;
    if (v->fail < 0)
        return lt_seterr(v->fail, "the grid has no room");
    return 0;
}

/* Run code; NULL when it ran, else its error message (a static copy). */
static const char *run(lua_State *L, const char *code)
{
    static char msg[512];
    if (luaL_dostring(L, code) == LUA_OK) {
        lua_settop(L, 0);
        return NULL;
    }
    snprintf(msg, sizeof msg, "%s", lua_tostring(L, -1));
    lua_settop(L, 0);
    return msg;
}

/* The string global `name` (NULL when it is not a string). */
static const char *global_str(lua_State *L, const char *name)
{
    static char buf[1024];
    lua_getglobal(L, name);
    const char *s = lua_tostring(L, -1);
    if (s)
        snprintf(buf, sizeof buf, "%s", s);
    lua_pop(L, 1);
    return s ? buf : NULL;
}

static long long global_int(lua_State *L, const char *name)
{
    lua_getglobal(L, name);
    long long v = (long long)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

static lua_State *new_state(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lt_lua_install_globals(L);
    /* print counts its calls and keeps what it printed last */
    run(L, "printed, last_print = 0, nil\n"
           "print = function(s) printed = printed + 1; last_print = tostring(s) end");
    return L;
}

static void test_sink(void)
{
    lua_State *L = new_state();
    sink_log s = {0};
    run(L, "x = frame{ v = { 1, 2, 2, 3, 3, 3 } }.v");

    const char *err = run(L, "f = plot(x)");
    ok(err == NULL, "plot(x) runs with a sink (%s)", err ? err : "");
    is_int(global_int(L, "printed"), 1, "without a sink, plot prints the drawing");
    is_int(s.calls, 0, "... and the sink is not called");

    lt_lua_set_plot_sink(L, sink, &s);
    err = run(L, "g = plot(x, { width = 40 }); kind = getmetatable(g).__name");
    ok(err == NULL, "plot(x) with a sink (%s)", err ? err : "");
    is_int(s.calls, 1, "plot hands the figure to the sink");
    is_int(global_int(L, "printed"), 1, "... and prints nothing");
    is_str(global_str(L, "kind"), "lunette.Figure", "plot still returns the figure");
    lua_getglobal(L, "g");
    lt_figure *held = *(lt_figure **)lua_touserdata(L, -1);
    ok(s.last && s.last != held, "the sink gets a copy, not the figure Lua holds");
    ok(s.last && s.last->npanel == held->npanel && s.last->npanel > 0 &&
       s.last->panels[0].nlayer == held->panels[0].nlayer && held->panels[0].nlayer > 0,
       "the copy has the figure's panels and layers");
    ok(lt_lua_shown(L, -1), "the figure is marked shown, so the REPL does not print it");
    ok(!lt_lua_shown(L, -1), "... once");
    lua_pop(L, 1);

    err = run(L, "h = plot.hist(x); r = h:show(); same = rawequal(r, h)");
    ok(err == NULL, "fig:show() with a sink (%s)", err ? err : "");
    is_int(s.calls, 2, "fig:show() hands the figure to the sink");
    lua_getglobal(L, "same");
    ok(lua_toboolean(L, -1), "fig:show() returns the figure itself");
    lua_pop(L, 1);

    err = run(L, "plot(42)");
    ok(err && strstr(err, "bad argument #1 to 'plot' (Figure, Column, 2-column Frame"),
       "a value that cannot be plotted still raises (%s)", err ? err : "");
    err = run(L, "plot(x, { width = 3 })");
    ok(err && strstr(err, "option 'width': 20 to 10000 cells expected"),
       "bad options still raise (%s)", err ? err : "");
    is_int(s.calls, 2, "... and the sink is not called after an error");

    lt_lua_set_plot_sink(L, NULL, NULL);
    run(L, "plot(x)");
    is_int(s.calls, 2, "a NULL sink restores drawing on stdout");
    is_int(global_int(L, "printed"), 2, "... which prints the figure again");

    lt_figure_free(s.last);
    lua_close(L);
}

static void test_viewer(void)
{
    lua_State *L = new_state();
    view_log v = {0};

    /* Without a viewer: printed as the REPL prints it. */
    const char *err = run(L, "df = frame{ a = { 1, 2 } }; view(df); "
                             "same = last_print == tostring(df)");
    ok(err == NULL && global_int(L, "printed") == 1,
       "without a viewer view prints (%s)", err ? err : "");
    lua_getglobal(L, "same");
    ok(lua_toboolean(L, -1), "... the frame as tostring shows it");
    lua_pop(L, 1);

    lt_lua_set_viewer(L, viewer, &v);
    run(L, "churn = frame{ tenure = { 1, 5, 9 }, ['monthly charges'] = { 2.5, 3, 4 } }");
    err = run(L, "n = select('#', view(churn))");
    ok(err == NULL, "view(churn) with a viewer (%s)", err ? err : "");
    is_int(v.calls, 1, "view calls the viewer");
    lua_getglobal(L, "churn");
    ok(v.frame == *(lt_frame **)lua_touserdata(L, -1), "... with the frame itself");
    lua_pop(L, 1);
    is_str(v.expr, "churn", "... named by the global that holds it");
    is_int(global_int(L, "printed"), 1, "... and prints nothing");
    is_int(global_int(L, "n"), 0, "view returns nothing");

    run(L, "zz = churn; b2 = churn; view(churn)");
    is_str(v.expr, "b2", "several globals: the alphabetically first");
    run(L, "_ = churn; zz, b2, churn = nil, nil, nil; view(_)");
    is_str(v.expr, "_", "only _ holds it: _");
    run(L, "churn = _; view(churn)");
    is_str(v.expr, "churn", "_ comes after any other name");
    run(L, "_G['not a name'] = churn; _G['end'] = churn; churn = nil; _ = nil; "
           "view(_G['end'])");
    is_str(v.expr, "df", "a global that is no Lua name (or a keyword) is not used");
    run(L, "do local t = frame{ x = { 1 } }; view(t) end");
    is_str(v.expr, "df", "a frame no global holds: df");
    run(L, "data = { train = frame{ x = { 1 } } }; view(data.train, { name = 'data.train' })");
    is_str(v.expr, "data.train", "opts.name names the frame");

    /* Columns: a frame of one column. */
    run(L, "churn = _G['end']; t = churn.tenure; view(t)");
    is_int(v.ncol, 1, "a Column is viewed as a one-column frame");
    is_str(v.name0, "tenure", "... named after the frame column it came from");
    lua_getglobal(L, "churn");
    const lt_frame *churn = *(lt_frame **)lua_touserdata(L, -1);
    lua_pop(L, 1);
    ok(v.col0 == churn->cols[lt_frame_index(churn, "tenure")], "... holding the column itself");
    is_str(v.expr, "frame{ tenure = t }", "a column in a global: the frame{} that makes it");
    run(L, "t = nil; view(churn.tenure)");
    is_str(v.expr, "churn:select(\"tenure\")", "a column of a global frame: its select");
    run(L, "view(churn['monthly charges'])");
    is_str(v.expr, "churn:select(\"monthly charges\")", "... with the name quoted");
    run(L, "m = churn['monthly charges']; view(m)");
    is_str(v.expr, "frame{ { \"monthly charges\", m } }",
           "a column name that is no Lua name: the pairs form");
    run(L, "doubled = churn.tenure * 2; view(doubled)");
    is_str(v.name0, "doubled", "a computed column is named after its global");
    is_str(v.expr, "frame{ doubled = doubled }", "... and made by frame{}");
    run(L, "view(churn.tenure * 2)");
    is_str(v.name0, "value", "a computed column no global holds: 'value'");
    is_str(v.expr, "df", "... and the expression df");
    int calls = v.calls;

    /* Errors. */
    v.fail = LT_EINVAL;
    err = run(L, "view(churn)");
    is_str(err, "[string \"view(churn)\"]:1: view: the grid has no room",
           "a viewer's failure raises its message after view:");
    v.fail = 0;
    err = run(L, "view(5)");
    is_str(err, "[string \"view(5)\"]:1: bad argument #1 to 'view' (Frame or Column expected, "
                "got number)", "view of a number");
    err = run(L, "view(plot.hist(churn.tenure))");
    ok(err && strstr(err, "(Frame or Column expected, got lunette.Figure)"),
       "view of a figure (%s)", err ? err : "");
    err = run(L, "view(churn, { nmae = 'x' })");
    ok(err && strstr(err, "did you mean 'name'?"), "a misspelt option (%s)", err ? err : "");
    err = run(L, "view(churn, { name = ' ' })");
    ok(err && strstr(err, "option 'name': an expression expected"),
       "a blank name (%s)", err ? err : "");
    run(L, "local c <close> = frame{ x = { 1 } }; d = c");
    err = run(L, "view(d)");
    ok(err && strstr(err, "frame is closed"), "a closed frame (%s)", err ? err : "");
    is_int(v.calls, calls + 1, "the viewer is called only for valid arguments");

    lt_lua_set_viewer(L, NULL, NULL);
    run(L, "printed = 0; view(churn.tenure); "
           "same = last_print == tostring(frame{ tenure = churn.tenure })");
    is_int(v.calls, calls + 1, "a NULL viewer restores printing");
    lua_getglobal(L, "same");
    ok(lua_toboolean(L, -1), "... a column printed as its one-column frame");
    lua_pop(L, 1);
    lua_close(L);
}

static void test_record(void)
{
    /* The host may record before it opens the library. */
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lt_lua_session_record(L, "x = 1");
    lt_lua_install_globals(L);
    lt_lua_session_record(L, "  \n\t ");
    lt_lua_session_record(L, NULL);
    lt_lua_session_record(L, "session:save('a.lua')");
    lt_lua_session_record(L, "  session.commands");
    lt_lua_session_record(L, "session");
    lt_lua_session_record(L, "sessions = 2");
    lt_lua_session_record(L, "\n  for i = 1, 2 do\n    print(i)\n  end  \n\n");
    const char *err = run(L, "got = table.concat(session:commands(), '|')");
    ok(err == NULL, "session:commands() (%s)", err ? err : "");
    is_str(global_str(L, "got"), "x = 1|sessions = 2|for i = 1, 2 do\n    print(i)\n  end",
           "recorded in order, blanks around and commands on the session left out");
    run(L, "s = tostring(session)");
    is_str(global_str(L, "s"),
           "lunette session: 3 commands; session:save(path) writes them as a script\n"
           "  1  x = 1\n"
           "  2  sessions = 2\n"
           "  3  for i = 1, 2 do\n"
           "         print(i)\n"
           "       end",
           "tostring(session): the count and the commands, later lines lined up");
    /* The library opened again keeps the one session. */
    lua_pushcfunction(L, luaopen_lunette);
    lua_call(L, 0, 1);
    lua_getfield(L, -1, "session");
    lua_getglobal(L, "session");
    ok(lua_rawequal(L, -1, -2), "one session per lua_State");
    lua_settop(L, 0);
    lua_close(L);
}

int main(void)
{
    test_sink();
    test_viewer();
    test_record();
    return tap_done();
}
