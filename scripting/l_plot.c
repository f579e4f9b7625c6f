/* Lua bindings of plots (plots/figure.h, stats.h, render_text.h,
 * render_cairo.h, term_image.h): the "lunette.Figure" type and its
 * methods, `plot` (a callable table of figure constructors: plot.hist,
 * plot.scatter ...), save, and lt_lua_shown and the plot sink for the
 * host.
 *
 * Constructors read columns (of a frame by name, or Column values), turn
 * them into doubles (times in microseconds, categories as positions
 * 0..n-1 in sorted order), skip missing and infinite values with a note in
 * the caption, and build the layers.  Every scratch array lives on the Lua
 * stack (lt_lua_buffer) and the figure is pushed before it is filled, so
 * an error at any point leaks nothing. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <lauxlib.h>

#include "canvas.h"
#include "error.h"
#include "figure.h"
#include "group.h"
#include "help.h"
#include "l_aux.h"
#include "lunette.h"
#include "print.h"
#include "reduce.h"
#include "render_cairo.h"
#include "render_text.h"
#include "stats.h"
#include "term_image.h"
#include "timefmt.h"

#define SHOWN_KEY "lunette.plot.shown"
#define SINK_KEY "lunette.plot.sink"
#define SCRATCH_MT "lunette.plot.scratch"

enum {
    STACK_ROOM = 64,        /* stack slots a constructor may push */
    MAX_COLOR_GROUPS = 12,  /* integer colour columns with more are numbers */
    DENSITY_POINTS = 512,   /* R's density(n = 512) */
};

/* ---- scratch objects owned by the stack ---------------------------------- */

typedef struct scratch {
    void (*fini)(void *);
    union {                 /* the payload, aligned for any member */
        long double ld;
        void *p;
    } data[];
} scratch;

static int scratch_gc(lua_State *L)
{
    scratch *s = luaL_checkudata(L, 1, SCRATCH_MT);
    if (s->fini)
        s->fini(s->data);
    s->fini = NULL;
    return 0;
}

/* Push a zeroed block of `size` bytes that fini(block) releases when the
 * garbage collector takes it. */
static void *newscratch(lua_State *L, size_t size, void (*fini)(void *))
{
    scratch *s = lua_newuserdatauv(L, sizeof *s + size, 0);
    memset(s->data, 0, size);
    s->fini = fini;
    luaL_setmetatable(L, SCRATCH_MT);
    return s->data;
}

static void fini_groups(void *p) { lt_groups_free(*(lt_groups **)p); }
static void fini_hist(void *p) { lt_hist_fini(p); }
static void fini_box(void *p) { free(((lt_box_stats *)p)->out); }

/* ---- small checks ----------------------------------------------------------- */

static void check(lua_State *L, int rc, const char *fname)
{
    if (rc < 0)
        lt_lua_error(L, fname);
}

static lt_layer *need(lua_State *L, lt_layer *l, const char *fname)
{
    if (!l)
        lt_lua_error(L, fname);
    return l;
}

static void setstr(lua_State *L, char **slot, const char *s, const char *fname)
{
    check(L, lt_figure_set_str(slot, s), fname);
}

static void *buffer(lua_State *L, int64_t n, size_t size)
{
    return lt_lua_buffer(L, n > 0 ? (size_t)n : 1, size);
}

/* ---- figures as userdata ---------------------------------------------------- */

lt_figure **lt_lua_newfigure(lua_State *L)
{
    lt_figure **slot = lua_newuserdatauv(L, sizeof *slot, 0);
    *slot = NULL;
    luaL_setmetatable(L, LT_FIGURE_MT);
    return slot;
}

lt_figure *lt_lua_checkfigure(lua_State *L, int idx)
{
    lt_figure **slot = luaL_checkudata(L, idx, LT_FIGURE_MT);
    if (!*slot)
        luaL_argerror(L, idx, "figure is closed");
    return *slot;
}

static lt_figure *tofigure(lua_State *L, int idx)
{
    lt_figure **slot = luaL_testudata(L, idx, LT_FIGURE_MT);
    return slot ? *slot : NULL;
}

/* Push a new empty figure owned by the stack. */
static lt_figure *pushfigure(lua_State *L, const char *fname)
{
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_figure_new();
    lt_lua_result(L, *slot, fname);
    return *slot;
}

static int fig_gc(lua_State *L)
{
    lt_figure **slot = luaL_checkudata(L, 1, LT_FIGURE_MT);
    lt_figure_free(*slot);
    *slot = NULL;
    return 0;
}

/* ---- notes and empty inputs -------------------------------------------------- */

static void note_count(lua_State *L, lt_figure *f, int64_t n, const char *what,
                       const char *fname)
{
    if (n <= 0)
        return;
    char buf[96];
    snprintf(buf, sizeof buf, "%lld %s%s skipped", (long long)n, what, n == 1 ? "" : "s");
    check(L, lt_figure_note(f, buf), fname);
}

/* "12 missing values skipped; 2 infinite values skipped" as they apply. */
static void note_skipped(lua_State *L, lt_figure *f, int64_t nmiss, int64_t ninf,
                         const char *fname)
{
    note_count(L, f, nmiss, "missing value", fname);
    note_count(L, f, ninf, "infinite value", fname);
}

/* "column 'x'" or "the column", pushed. */
static const char *colwhat(lua_State *L, const char *name)
{
    if (name)
        return lua_pushfstring(L, "column '%s'", name);
    lua_pushliteral(L, "the column");
    return lua_tostring(L, -1);
}

/* Raise "fname: column 'x' has no values (all 7043 missing)". */
static int novalues(lua_State *L, const char *fname, const char *name, int64_t n,
                    int64_t ninf)
{
    const char *what = colwhat(L, name);
    if (n == 0)
        return luaL_error(L, "%s: %s has no values (it is empty)", fname, what);
    if (ninf == 0)
        return luaL_error(L, "%s: %s has no values (all %I missing)", fname, what,
                          (lua_Integer)n);
    return luaL_error(L, "%s: %s has no finite values (%I missing, %I infinite)", fname,
                      what, (lua_Integer)(n - ninf), (lua_Integer)ninf);
}

/* ---- columns from arguments ---------------------------------------------------- */

static const lt_frame *optframe(lua_State *L, int idx)
{
    if (!luaL_testudata(L, idx, LT_FRAME_MT))
        return NULL;
    return lt_lua_checkframe(L, idx);
}

/* The column of argument arg: with a frame, the column named by the
 * string at arg, else the Column at arg.  *name gets its name (or NULL). */
static const lt_col *argcol(lua_State *L, int arg, const lt_frame *df, const char **name,
                           const char *fname)
{
    if (df) {
        if (lua_type(L, arg) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "column name expected, got %s",
                                                  lt_lua_typename(L, arg)));
        /* The name as the frame spells it, alive as long as the frame. */
        int i = lt_lua_colindex(L, df, lua_tostring(L, arg), fname);
        *name = df->names[i];
        return df->cols[i];
    }
    if (!luaL_testudata(L, arg, LT_COLUMN_MT))
        luaL_argerror(L, arg, lua_pushfstring(L, "%s expected, got %s",
                                              arg == 1 ? "Frame or Column" : "Column",
                                              lt_lua_typename(L, arg)));
    const lt_col *c = lt_lua_checkcol(L, arg);
    *name = lt_lua_colname(L, arg);
    return c;
}

/* The column given by option `key` of the options at arg: a column name
 * (with a frame) or a Column of n values; NULL when absent. */
static const lt_col *optcol(lua_State *L, int arg, const char *key, const lt_frame *df,
                            int64_t n, const char *fname, const char **name)
{
    *name = NULL;
    int t = lt_lua_optfield(L, arg, key);
    const lt_col *c = NULL;
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    if (t == LUA_TSTRING) {
        if (!df)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': a column name needs a "
                "frame (%s(df, ...)); give a Column", key, fname));
        int i = lt_lua_colindex(L, df, lua_tostring(L, -1), fname);
        c = df->cols[i];
        *name = df->names[i];
    } else if (luaL_testudata(L, -1, LT_COLUMN_MT)) {
        c = lt_lua_checkcol(L, -1);
        *name = lt_lua_colname(L, -1);   /* the options table keeps the column */
    } else {
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %s expected, got %s", key,
                                              df ? "column name or Column" : "Column",
                                              lt_lua_typename(L, -1)));
    }
    lua_pop(L, 1);
    if (c->n != n)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %I values, expected %I "
                                              "(one per row)", key, (lua_Integer)c->n,
                                              (lua_Integer)n));
    return c;
}

static bool is_number_type(lt_type t) { return t == LT_F64 || t == LT_I64; }

/* Raise a bad argument error: the column is of the wrong type. */
static int wrongtype(lua_State *L, int arg, const lt_col *c, const char *name,
                     const char *expected)
{
    const char *what = colwhat(L, name);
    return luaL_argerror(L, arg, lua_pushfstring(L, "%s is %s, expected %s", what,
                                                 lt_type_name(c->type), expected));
}

/* The values of a numeric, bool or time column as doubles on the stack
 * (times in microseconds): NaN where missing, and where infinite. */
static double *numbers(lua_State *L, const lt_col *c, int64_t *nmiss, int64_t *ninf)
{
    double *v = buffer(L, c->n, sizeof *v);
    int64_t miss = 0, inf = 0;
    const double *f64 = c->type == LT_F64 ? lt_col_f64(c) : NULL;
    for (int64_t i = 0; i < c->n; i++) {
        double x = f64 ? f64[i] : lt_col_get_num(c, i);
        if (isnan(x))
            miss++;
        else if (isinf(x))
            inf++, x = NAN;
        v[i] = x;
    }
    if (nmiss)
        *nmiss = miss;
    if (ninf)
        *ninf = inf;
    return v;
}

/* ---- groups ------------------------------------------------------------------ */

typedef struct groups {
    int n;                  /* groups, the missing one included */
    int32_t *gid;           /* the group of each row */
    const char **names;     /* names of the groups ("NA" for missing) */
    int64_t *first;         /* first row of each group */
    int64_t *start, *rows;  /* rows[start[k] .. start[k+1]): group k's, in order */
    bool na;                /* the last group is the missing value (sorted) */
} groups;

/* The name of value i of c, pushed: as printed ("NA" when missing). */
static const char *push_valuename(lua_State *L, const lt_col *c, int64_t i)
{
    char buf[256];
    size_t len = lt_value_format(c, i, 7, buf, sizeof buf);
    if (len < sizeof buf)
        return lua_pushlstring(L, buf, len);
    char *big = lt_lua_buffer(L, len + 1, 1);
    lt_value_format(c, i, 7, big, len + 1);
    lua_pushlstring(L, big, len);
    lua_remove(L, -2);
    return lua_tostring(L, -1);
}

/* Groups of the rows of c (sorted: missing last; else in order of first
 * appearance).  Pushes the arrays and a table keeping the names alive. */
static void col_groups(lua_State *L, const lt_col *c, bool sorted, groups *g,
                      const char *fname)
{
    lt_groups **gs = newscratch(L, sizeof *gs, fini_groups);
    lt_col *key = (lt_col *)c;
    *gs = lt_groups_new(&key, 1, sorted);
    if (!*gs)
        lt_lua_error(L, fname);
    if ((*gs)->ngroups > INT_MAX / 2)
        luaL_error(L, "%s: %I groups are too many", fname, (lua_Integer)(*gs)->ngroups);
    g->n = (int)(*gs)->ngroups;
    g->gid = buffer(L, c->n, sizeof *g->gid);
    if (c->n)
        memcpy(g->gid, (*gs)->gid, (size_t)c->n * sizeof *g->gid);
    g->first = buffer(L, g->n, sizeof *g->first);
    if (g->n)
        memcpy(g->first, (*gs)->first, (size_t)g->n * sizeof *g->first);
    g->start = buffer(L, (int64_t)g->n + 1, sizeof *g->start);
    g->rows = buffer(L, c->n, sizeof *g->rows);
    if (c->n) {
        memcpy(g->start, (*gs)->start, ((size_t)g->n + 1) * sizeof *g->start);
        memcpy(g->rows, (*gs)->order, (size_t)c->n * sizeof *g->rows);
    } else {
        g->start[0] = 0;
    }
    g->names = buffer(L, g->n, sizeof *g->names);
    lua_createtable(L, g->n, 0);
    for (int k = 0; k < g->n; k++) {
        g->names[k] = push_valuename(L, c, g->first[k]);
        lua_rawseti(L, -2, k + 1);   /* the table keeps the string */
    }
    g->na = sorted && g->n > 0 && lt_col_is_na(c, g->first[g->n - 1]);
}

/* Number of groups that hold values (the missing one aside). */
static int nvalued(const groups *g) { return g->n - (g->na ? 1 : 0); }

/* Groups of a colour column: categories (str, bool) or whole numbers with
 * at most MAX_COLOR_GROUPS distinct values, in sorted order. */
static void colorgroups(lua_State *L, int arg, const char *key, const lt_col *c,
                        const char *name, groups *g, const char *fname)
{
    if (c->type == LT_TIME)
        wrongtype(L, arg, c, name, "categories (str, bool or a few integers)");
    if (c->type == LT_F64) {
        for (int64_t i = 0; i < c->n; i++) {
            double x = lt_col_f64(c)[i];
            if (!isnan(x) && x != floor(x))
                luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %s has fractional "
                    "numbers; expected categories (str, bool or at most %d distinct "
                    "integers)", key, colwhat(L, name), MAX_COLOR_GROUPS));
        }
    }
    col_groups(L, c, true, g, fname);
    if (is_number_type(c->type) && nvalued(g) > MAX_COLOR_GROUPS)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': %s has %d distinct numbers; "
            "expected categories (str, bool or at most %d distinct integers)", key,
            colwhat(L, name), nvalued(g), MAX_COLOR_GROUPS));
}

/* ---- coordinates -------------------------------------------------------------- */

typedef struct coord {
    const char *name;
    double *v;              /* NaN where missing or infinite */
    int64_t n, nmiss, ninf;
    lt_scale_kind scale;    /* LINEAR, TIME or CATEGORY */
    lt_time_kind tkind;
    int ncat;
    const char **cats;
} coord;

/* A column as positions on an axis: numbers as they are, times in
 * microseconds, str and bool as categories in sorted order. */
static void getcoord(lua_State *L, const lt_col *c, const char *name, coord *o,
                     const char *fname)
{
    memset(o, 0, sizeof *o);
    o->name = name;
    o->n = c->n;
    o->scale = LT_SCALE_LINEAR;
    if (c->type == LT_STR || c->type == LT_BOOL) {
        groups g;
        col_groups(L, c, true, &g, fname);
        o->scale = LT_SCALE_CATEGORY;
        o->ncat = nvalued(&g);
        o->cats = g.names;
        o->v = buffer(L, c->n, sizeof *o->v);
        for (int64_t i = 0; i < c->n; i++) {
            bool miss = g.na && g.gid[i] == g.n - 1;
            o->v[i] = miss ? NAN : g.gid[i];
            o->nmiss += miss;
        }
        return;
    }
    o->v = numbers(L, c, &o->nmiss, &o->ninf);
    if (c->type == LT_TIME) {
        o->scale = LT_SCALE_TIME;
        o->tkind = c->tkind;
    }
}

static void setaxis(lua_State *L, lt_axis *a, const coord *c, const char *fname)
{
    a->scale = c->scale;
    a->tkind = c->tkind;
    if (c->scale == LT_SCALE_CATEGORY)
        check(L, lt_axis_set_categories(a, c->cats, c->ncat), fname);
}

/* Set axis a of every panel from c. */
static void setaxes(lua_State *L, lt_figure *f, int axis, const coord *c, const char *fname)
{
    for (size_t p = 0; p < f->npanel; p++)
        setaxis(L, axis ? &f->panels[p].y : &f->panels[p].x, c, fname);
}

/* ---- options every constructor takes --------------------------------------------- */

#define LABEL_OPTS "title", "subtitle", "xlabel", "ylabel"

/* Titles and axis labels from the options at arg; xname and yname are
 * the defaults of the axis labels (NULL: none). */
static void setlabels(lua_State *L, lt_figure *f, int arg, const char *xname,
                      const char *yname, const char *fname)
{
    setstr(L, &f->title, lt_lua_optstr(L, arg, "title", f->title), fname);
    setstr(L, &f->subtitle, lt_lua_optstr(L, arg, "subtitle", f->subtitle), fname);
    const char *xl = lt_lua_optstr(L, arg, "xlabel", xname);
    const char *yl = lt_lua_optstr(L, arg, "ylabel", yname);
    for (size_t p = 0; p < f->npanel; p++) {
        setstr(L, &f->panels[p].x.label, xl, fname);
        setstr(L, &f->panels[p].y.label, yl, fname);
    }
}

/* The arguments of the two calling forms: (df, "col", ...) or (col, ...).
 * Returns the frame or NULL; *first is where the column arguments start. */
static const lt_frame *form(lua_State *L, int *first)
{
    const lt_frame *df = optframe(L, 1);
    *first = df ? 2 : 1;
    return df;
}

/* ---- plot.hist ------------------------------------------------------------------- */

static const char *const hist_positions[] = {"stack", "dodge", "facet", NULL};

/* ---- calendar bins of times ---- */

enum unit_kind { U_SECOND, U_DAY, U_WEEK, U_MONTH, U_YEAR };

typedef struct time_unit {
    enum unit_kind kind;
    int mult;           /* seconds, days, months or years per bin */
    double days;        /* its length, about, for choosing */
} time_unit;

static const time_unit time_units[] = {
    {U_SECOND, 1, 1 / 86400.0}, {U_SECOND, 5, 5 / 86400.0}, {U_SECOND, 15, 15 / 86400.0},
    {U_SECOND, 30, 30 / 86400.0}, {U_SECOND, 60, 1 / 1440.0}, {U_SECOND, 300, 5 / 1440.0},
    {U_SECOND, 900, 15 / 1440.0}, {U_SECOND, 1800, 30 / 1440.0}, {U_SECOND, 3600, 1 / 24.0},
    {U_SECOND, 10800, 3 / 24.0}, {U_SECOND, 21600, 6 / 24.0}, {U_SECOND, 43200, 12 / 24.0},
    {U_DAY, 1, 1}, {U_DAY, 2, 2}, {U_WEEK, 1, 7}, {U_MONTH, 1, 30.436875},
    {U_MONTH, 3, 91.310625}, {U_MONTH, 6, 182.62125}, {U_YEAR, 1, 365.2425},
    {U_YEAR, 2, 730.485}, {U_YEAR, 5, 1826.2125}, {U_YEAR, 10, 3652.425},
    {U_YEAR, 20, 7304.85}, {U_YEAR, 50, 18262.125}, {U_YEAR, 100, 36524.25},
};

static double us_of_days(int64_t days) { return (double)days * (double)LT_US_PER_DAY; }

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The first edge of unit u at or before t (microseconds). */
static double unit_floor(const time_unit *u, double t)
{
    int64_t days = floor_div((int64_t)floor(t), LT_US_PER_DAY);
    int64_t y;
    int m, d;
    switch (u->kind) {
    case U_SECOND: {
        double w = u->mult * 1e6;
        return floor(t / w) * w;
    }
    case U_DAY:
        return us_of_days(floor_div(days, u->mult) * u->mult);
    case U_WEEK:   /* from Monday; 1970-01-01 was a Thursday */
        return us_of_days(days - (((days + 3) % 7) + 7) % 7);
    case U_MONTH:
        lt_civil_from_days(days, &y, &m, &d);
        return us_of_days(lt_days_from_civil(y, (m - 1) / u->mult * u->mult + 1, 1));
    case U_YEAR:
        lt_civil_from_days(days, &y, &m, &d);
        return us_of_days(lt_days_from_civil(floor_div(y, u->mult) * u->mult, 1, 1));
    }
    return t;
}

/* The edge one unit after edge e. */
static double unit_next(const time_unit *u, double e)
{
    int64_t days = floor_div((int64_t)floor(e), LT_US_PER_DAY);
    int64_t y;
    int m, d;
    switch (u->kind) {
    case U_SECOND:
        return e + u->mult * 1e6;
    case U_DAY:
    case U_WEEK:
        return e + us_of_days(u->kind == U_WEEK ? 7 : u->mult);
    case U_MONTH:
        lt_civil_from_days(days, &y, &m, &d);
        m += u->mult;
        return us_of_days(lt_days_from_civil(y + (m - 1) / 12, (m - 1) % 12 + 1, 1));
    case U_YEAR:
        lt_civil_from_days(days, &y, &m, &d);
        return us_of_days(lt_days_from_civil(y + u->mult, 1, 1));
    }
    return e;
}

/* Bins of whole calendar units for times lo..hi (as R's hist.Date with
 * breaks = "months", "years" ...): the unit whose count of bins comes
 * nearest Sturges' for n values; days and longer only for dates.  Edges
 * from the unit at or before lo to the first one after hi, into h. */
static int time_bins(lt_hist *h, double lo, double hi, size_t n, bool dates)
{
    double target = ceil(log2((double)n) + 1), span = (hi - lo) / (double)LT_US_PER_DAY;
    const time_unit *best = NULL;
    double best_d = INFINITY;
    for (size_t i = 0; i < sizeof time_units / sizeof *time_units; i++) {
        const time_unit *u = &time_units[i];
        if (dates && u->kind == U_SECOND)
            continue;
        double d = fabs(log(fmax(span / u->days, 1) / target));
        if (d < best_d - 1e-12) {
            best_d = d;
            best = u;
        }
    }
    int nb = 0;
    for (double e = unit_floor(best, lo); e <= hi && nb <= 100000; e = unit_next(best, e))
        nb++;
    if (nb > 100000)
        return lt_seterr(LT_EINVAL, "too many calendar bins");
    h->edges = malloc(((size_t)nb + 1) * sizeof *h->edges);
    h->counts = calloc((size_t)nb, sizeof *h->counts);
    if (!h->edges || !h->counts)
        return lt_nomem();
    h->nbins = nb;
    h->edges[0] = unit_floor(best, lo);
    for (int i = 1; i <= nb; i++)
        h->edges[i] = unit_next(best, h->edges[i - 1]);
    return 0;
}

/* Values of the rows of group k (all rows when g is NULL) that are
 * finite, into out; returns how many. */
static int64_t gather(const double *v, int64_t n, const groups *g, int k, double *out)
{
    int64_t m = 0;
    if (!g) {
        for (int64_t i = 0; i < n; i++)
            if (!isnan(v[i]))
                out[m++] = v[i];
        return m;
    }
    for (int64_t r = g->start[k]; r < g->start[k + 1]; r++)
        if (!isnan(v[g->rows[r]]))
            out[m++] = v[g->rows[r]];
    return m;
}

/* Facets: one panel per group, laid out in a near-square grid. */
static void facet_grid(lua_State *L, lt_figure *f, int n, const char *fname)
{
    int ncol = n <= 3 ? n : (int)ceil(sqrt((double)n));
    check(L, lt_figure_grid(f, ncol > 0 ? ncol : 1), fname);
}

/* The usual head of a constructor: the optional frame, ncol columns (by
 * name from the frame, or given), then the options table, checked against
 * `known`, at the top of the stack.  Returns the options' index. */
static int column_args(lua_State *L, const char *fname, const char *const *known,
                       int ncol, const lt_frame **df, const lt_col **cols,
                       const char **names)
{
    luaL_checkstack(L, STACK_ROOM, fname);
    int first;
    *df = form(L, &first);
    for (int i = 0; i < ncol; i++)
        cols[i] = argcol(L, first + i, *df, &names[i], fname);
    int oarg = first + ncol;
    lt_lua_checkopts(L, oarg, known);
    lua_settop(L, oarg);
    return oarg;
}

static int plot_hist(lua_State *L)
{
    static const char *const known[] = {"bins", "by", "position", "density", LABEL_OPTS, NULL};
    const char *fname = "plot.hist";
    const lt_frame *df;
    const lt_col *c;
    const char *name;
    int oarg = column_args(L, fname, known, 1, &df, &c, &name);
    int first = oarg - 1;
    lua_Integer bins = lt_lua_optint(L, oarg, "bins", 0);
    luaL_argcheck(L, bins >= 0 && bins <= 1000000, oarg,
                  "option 'bins': a count from 1 to 1000000 expected");
    bool density = lt_lua_optbool(L, oarg, "density", false);
    int position = lt_lua_optchoice(L, oarg, "position", hist_positions, 0);
    const char *byname;
    const lt_col *by = optcol(L, oarg, "by", df, c->n, fname, &byname);
    if (!is_number_type(c->type) && c->type != LT_TIME)
        wrongtype(L, first, c, name, "a number or time column (plot.bar counts categories)");

    int64_t nmiss, ninf;
    double *v = numbers(L, c, &nmiss, &ninf);
    int64_t nfin = c->n - nmiss - ninf;
    if (nfin == 0)
        novalues(L, fname, name, c->n, ninf);

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    lt_hist *h = newscratch(L, sizeof *h, fini_hist);
    /* The statistics skip the NaN that stand for missing and infinite
     * values, so the whole column goes in without a copy. */
    if (c->type == LT_TIME && bins == 0) {
        double lo = INFINITY, hi = -INFINITY;
        for (int64_t i = 0; i < c->n; i++)
            lo = fmin(lo, v[i]), hi = fmax(hi, v[i]);   /* fmin/fmax pass over NaN */
        check(L, time_bins(h, lo, hi, (size_t)nfin, c->tkind == LT_DATE), fname);
    } else {
        check(L, lt_hist_init(h, v, (size_t)c->n, (int)bins), fname);
    }
    int nb = h->nbins;
    double *x0 = buffer(L, nb, sizeof *x0), *x1 = buffer(L, nb, sizeof *x1);
    double *y0 = buffer(L, nb, sizeof *y0), *y1 = buffer(L, nb, sizeof *y1);
    double *base = buffer(L, nb, sizeof *base);
    for (int b = 0; b < nb; b++)
        base[b] = 0;
    groups g = {0};
    int ng = 1, nshown = 1;
    double *xs = NULL;
    if (by) {
        col_groups(L, by, true, &g, fname);
        ng = g.n;
        nshown = 0;
        xs = buffer(L, c->n, sizeof *xs);
        for (int k = 0; k < ng; k++)
            nshown += gather(v, c->n, &g, k, xs) > 0;
    }
    int drawn = 0;
    for (int k = 0; k < ng; k++) {
        if (by) {
            int64_t m = gather(v, c->n, &g, k, xs);
            if (m == 0)
                continue;   /* a group without values has no bars */
            check(L, lt_hist_count(h, xs, (size_t)m, density), fname);
        } else if (density || c->type == LT_TIME) {
            /* lt_hist_init counted already, unless time bins were made */
            check(L, lt_hist_count(h, v, (size_t)c->n, density), fname);
        }
        lt_panel *p = &f->panels[0];
        if (by && position == 2 && drawn > 0 && !(p = lt_figure_add_panel(f)))
            lt_lua_error(L, fname);
        for (int b = 0; b < nb; b++) {
            double w = (h->edges[b + 1] - h->edges[b]) / nshown;
            x0[b] = h->edges[b];
            x1[b] = h->edges[b + 1];
            y0[b] = 0;
            y1[b] = h->counts[b];
            if (by && position == 0) {          /* stack */
                y0[b] = base[b];
                y1[b] = base[b] += h->counts[b];
            } else if (by && position == 1) {   /* dodge: a share of each bin */
                x0[b] = h->edges[b] + w * drawn;
                x1[b] = x0[b] + w;
            }
        }
        const char *label = by && position != 2 ? g.names[k] : NULL;
        need(L, lt_panel_add_rects(p, x0, x1, y0, y1, (size_t)nb, label), fname);
        if (by && position == 2)
            setstr(L, &p->title, g.names[k], fname);
        drawn++;
    }
    if (by && position == 2)
        facet_grid(L, f, drawn, fname);
    coord xc = {.scale = c->type == LT_TIME ? LT_SCALE_TIME : LT_SCALE_LINEAR,
                .tkind = c->tkind};
    setaxes(L, f, 0, &xc, fname);
    for (size_t p = 0; p < f->npanel; p++)
        f->panels[p].y.zero = true;
    note_skipped(L, f, nmiss, ninf, fname);
    setlabels(L, f, oarg, name, density ? "density" : "count", fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.density ------------------------------------------------------------------ */

static int plot_density(lua_State *L)
{
    static const char *const known[] = {"by", "bw", LABEL_OPTS, NULL};
    const char *fname = "plot.density";
    const lt_frame *df;
    const lt_col *c;
    const char *name;
    int oarg = column_args(L, fname, known, 1, &df, &c, &name);
    int first = oarg - 1;
    double bw = lt_lua_optnum(L, oarg, "bw", 0);
    luaL_argcheck(L, bw >= 0 && isfinite(bw), oarg, "option 'bw': a positive bandwidth expected");
    if (c->type == LT_TIME)
        bw *= (double)LT_US_PER_DAY;   /* days on a time axis */
    const char *byname;
    const lt_col *by = optcol(L, oarg, "by", df, c->n, fname, &byname);
    if (!is_number_type(c->type) && c->type != LT_TIME)
        wrongtype(L, first, c, name, "a number or time column");

    int64_t nmiss, ninf;
    double *v = numbers(L, c, &nmiss, &ninf);
    double *xs = buffer(L, c->n, sizeof *xs);
    int64_t nfin = gather(v, c->n, NULL, 0, xs);
    if (nfin == 0)
        novalues(L, fname, name, c->n, ninf);
    if (nfin < 2)
        luaL_error(L, "%s: %s has 1 value; a density needs 2 or more", fname,
                   colwhat(L, name));

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    double *gx = buffer(L, DENSITY_POINTS, sizeof *gx);
    double *gy = buffer(L, DENSITY_POINTS, sizeof *gy);
    groups g = {0};
    int ng = 1;
    if (by) {
        col_groups(L, by, true, &g, fname);
        ng = g.n;
    }
    int64_t nsmall = 0;
    for (int k = 0; k < ng; k++) {
        int64_t m = gather(v, c->n, by ? &g : NULL, k, xs);
        if (m < 2) {
            nsmall += m > 0;   /* a group of one value has no density */
            continue;
        }
        check(L, lt_density(xs, (size_t)m, bw, DENSITY_POINTS, gx, gy), fname);
        for (int i = 0; c->type == LT_TIME && i < DENSITY_POINTS; i++)
            gy[i] *= (double)LT_US_PER_DAY;   /* per day, not per microsecond */
        need(L, lt_panel_add_xy(&f->panels[0], LT_LAYER_LINE, gx, gy, DENSITY_POINTS,
                                by ? g.names[k] : NULL), fname);
    }
    if (nsmall > 0) {
        char buf[96];
        snprintf(buf, sizeof buf, "%lld group%s of one value not shown", (long long)nsmall,
                 nsmall == 1 ? "" : "s");
        check(L, lt_figure_note(f, buf), fname);
    }
    coord xc = {.scale = c->type == LT_TIME ? LT_SCALE_TIME : LT_SCALE_LINEAR,
                .tkind = c->tkind};
    setaxes(L, f, 0, &xc, fname);
    f->panels[0].y.zero = true;
    note_skipped(L, f, nmiss, ninf, fname);
    setlabels(L, f, oarg, name, c->type == LT_TIME ? "density (per day)" : "density", fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.scatter ------------------------------------------------------------------- */

/* Which rows of x and y (n each) have both values: ok[i] set; counts the
 * others as missing (either value missing) or infinite. */
static int64_t complete_rows(lua_State *L, const lt_col *xc, const coord *x, const lt_col *yc,
                             const coord *y, uint8_t **okp, int64_t *nmiss, int64_t *ninf)
{
    uint8_t *ok = *okp = buffer(L, x->n, 1);
    int64_t nok = 0;
    *nmiss = *ninf = 0;
    for (int64_t i = 0; i < x->n; i++) {
        ok[i] = !isnan(x->v[i]) && !isnan(y->v[i]);
        if (ok[i])
            nok++;
        else if (lt_col_is_na(xc, i) || lt_col_is_na(yc, i) ||
                 (x->scale == LT_SCALE_CATEGORY && isnan(x->v[i])) ||
                 (y->scale == LT_SCALE_CATEGORY && isnan(y->v[i])))
            (*nmiss)++;
        else
            (*ninf)++;
    }
    return nok;
}

static int nopairs(lua_State *L, const char *fname, const coord *x, const coord *y)
{
    if (x->n == 0)
        return luaL_error(L, "%s: the columns have no values (they are empty)", fname);
    return luaL_error(L, "%s: no row has values in both '%s' and '%s' (%I rows)", fname,
                      x->name ? x->name : "x", y->name ? y->name : "y", (lua_Integer)x->n);
}

static int plot_scatter(lua_State *L)
{
    static const char *const known[] = {"color", LABEL_OPTS, NULL};
    const char *fname = "plot.scatter";
    const lt_frame *df;
    const lt_col *cols[2];
    const char *names[2], *cname;
    int oarg = column_args(L, fname, known, 2, &df, cols, names);
    const lt_col *xc = cols[0], *yc = cols[1];
    const char *xname = names[0], *yname = names[1];
    if (xc->n != yc->n)
        luaL_error(L, "%s: x has %I values and y %I; expected as many", fname,
                   (lua_Integer)xc->n, (lua_Integer)yc->n);
    const lt_col *cc = optcol(L, oarg, "color", df, xc->n, fname, &cname);
    groups g = {0};
    if (cc)
        colorgroups(L, oarg, "color", cc, cname, &g, fname);
    coord x, y;
    getcoord(L, xc, xname, &x, fname);
    getcoord(L, yc, yname, &y, fname);
    uint8_t *ok;
    int64_t nmiss, ninf;
    if (complete_rows(L, xc, &x, yc, &y, &ok, &nmiss, &ninf) == 0)
        nopairs(L, fname, &x, &y);

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    double *px = buffer(L, x.n, sizeof *px), *py = buffer(L, x.n, sizeof *py);
    for (int k = 0; k < (cc ? g.n : 1); k++) {
        size_t m = 0;
        int64_t from = cc ? g.start[k] : 0, to = cc ? g.start[k + 1] : x.n;
        for (int64_t r = from; r < to; r++) {
            int64_t i = cc ? g.rows[r] : r;
            if (ok[i]) {
                px[m] = x.v[i];
                py[m++] = y.v[i];
            }
        }
        if (m > 0)
            need(L, lt_panel_add_xy(&f->panels[0], LT_LAYER_POINTS, px, py, m,
                                    cc ? g.names[k] : NULL), fname);
    }
    setaxes(L, f, 0, &x, fname);
    setaxes(L, f, 1, &y, fname);
    note_skipped(L, f, nmiss, ninf, fname);
    setlabels(L, f, oarg, xname, yname, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.line, plot.step, plot.band ------------------------------------------------- */

typedef struct keyed {
    double x;
    int64_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/* The rows whose x is present, sorted by x (ties in row order, as ggplot
 * draws lines); counts the rows left out. */
static int64_t *sorted_rows(lua_State *L, const lt_col *xc, const coord *x, int64_t *m,
                            int64_t *nmiss, int64_t *ninf)
{
    keyed *k = buffer(L, x->n, sizeof *k);
    int64_t n = 0;
    for (int64_t i = 0; i < x->n; i++) {
        if (!isnan(x->v[i]))
            k[n++] = (keyed){x->v[i], i};
        else if (!xc || lt_col_is_na(xc, i) || x->scale == LT_SCALE_CATEGORY)
            (*nmiss)++;
        else
            (*ninf)++;
    }
    qsort(k, (size_t)n, sizeof *k, cmp_keyed);
    int64_t *rows = buffer(L, n, sizeof *rows);
    for (int64_t i = 0; i < n; i++)
        rows[i] = k[i].i;
    *m = n;
    return rows;
}

/* The rows seq[0..m) by group, in their order within each: group k's are
 * out[start[k] .. start[k+1]). */
static int64_t *bucket(lua_State *L, const groups *g, const int64_t *seq, int64_t m,
                       int64_t **startp)
{
    int64_t *start = *startp = buffer(L, (int64_t)g->n + 1, sizeof *start);
    int64_t *pos = buffer(L, g->n, sizeof *pos);
    int64_t *out = buffer(L, m, sizeof *out);
    memset(start, 0, ((size_t)g->n + 1) * sizeof *start);
    for (int64_t r = 0; r < m; r++)
        start[g->gid[seq[r]] + 1]++;
    for (int k = 0; k < g->n; k++) {
        start[k + 1] += start[k];
        pos[k] = start[k];
    }
    for (int64_t r = 0; r < m; r++)
        out[pos[g->gid[seq[r]]]++] = seq[r];
    return out;
}

/* x positions 1..n when no x column is given. */
static void index_coord(lua_State *L, int64_t n, coord *x)
{
    memset(x, 0, sizeof *x);
    x->n = n;
    x->scale = LT_SCALE_LINEAR;
    x->v = buffer(L, n, sizeof *x->v);
    for (int64_t i = 0; i < n; i++)
        x->v[i] = (double)(i + 1);
}

static int plot_lines(lua_State *L, lt_layer_kind kind, const char *fname)
{
    static const char *const known[] = {"color", LABEL_OPTS, NULL};
    luaL_checkstack(L, STACK_ROOM, fname);
    const lt_frame *df = optframe(L, 1);
    const lt_col *xc = NULL;
    const char *xname = NULL;
    int ny = 1, yarg, oarg;
    if (df) {
        xc = argcol(L, 2, df, &xname, fname);
        yarg = 3;
        if (lua_istable(L, 3)) {
            ny = (int)luaL_len(L, 3);
            luaL_argcheck(L, ny > 0, 3, "column name or array of names expected, got an empty table");
        }
        oarg = 4;
    } else if (luaL_testudata(L, 2, LT_COLUMN_MT)) {
        xc = argcol(L, 1, NULL, &xname, fname);
        yarg = 2;
        oarg = 3;
    } else {
        yarg = 1;
        oarg = 2;
    }
    lt_lua_checkopts(L, oarg, known);
    lua_settop(L, oarg);
    const lt_col **ys = buffer(L, ny, sizeof *ys);
    const char **ynames = buffer(L, ny, sizeof *ynames);
    for (int j = 0; j < ny; j++) {
        if (df && lua_istable(L, yarg)) {
            lua_rawgeti(L, yarg, j + 1);
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_argerror(L, yarg, lua_pushfstring(L, "item %d: column name expected, "
                                                       "got %s", j + 1, lt_lua_typename(L, -1)));
            int i = lt_lua_colindex(L, df, lua_tostring(L, -1), fname);
            lua_pop(L, 1);
            ys[j] = df->cols[i];
            ynames[j] = df->names[i];
        } else {
            ys[j] = argcol(L, yarg, df, &ynames[j], fname);
        }
        if (!is_number_type(ys[j]->type))
            wrongtype(L, yarg, ys[j], ynames[j], "a number column");
    }
    int64_t n = ys[0]->n;
    if (xc && xc->n != n)
        luaL_error(L, "%s: x has %I values and y %I; expected as many", fname,
                   (lua_Integer)xc->n, (lua_Integer)n);
    const char *cname;
    const lt_col *cc = optcol(L, oarg, "color", df, n, fname, &cname);
    if (cc && ny > 1)
        luaL_argerror(L, oarg, "option 'color': give several y columns or a color column, "
                               "not both");
    groups g = {0};
    if (cc)
        colorgroups(L, oarg, "color", cc, cname, &g, fname);
    coord x;
    if (xc)
        getcoord(L, xc, xname, &x, fname);
    else
        index_coord(L, n, &x);
    int64_t nmiss = 0, ninf = 0, m;
    int64_t *rows = sorted_rows(L, xc, &x, &m, &nmiss, &ninf);
    if (m == 0)
        novalues(L, fname, xc ? xname : ynames[0], n, ninf);
    /* Each group's rows, still in order of x. */
    int64_t one[2] = {0, m}, *start = one;
    if (cc)
        rows = bucket(L, &g, rows, m, &start);

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    double *px = buffer(L, m, sizeof *px), *py = buffer(L, m, sizeof *py);
    bool any = false;
    int64_t yinf = 0;
    for (int j = 0; j < ny; j++) {
        double *yv = numbers(L, ys[j], NULL, NULL);
        for (int64_t r = 0; r < m; r++) {
            int64_t i = rows[r];
            if (!isnan(yv[i]))
                any = true;
            else if (lt_col_is_na(ys[j], i))
                nmiss++;
            else
                yinf++;
        }
        for (int k = 0; k < (cc ? g.n : 1); k++) {
            size_t cnt = 0;
            for (int64_t r = start[k]; r < start[k + 1]; r++) {
                int64_t i = rows[r];
                px[cnt] = x.v[i];
                py[cnt++] = yv[i];   /* NaN breaks the line */
            }
            if (cnt == 0)
                continue;
            const char *label = cc ? g.names[k] : ny > 1 ? ynames[j] : NULL;
            need(L, lt_panel_add_xy(&f->panels[0], kind, px, py, cnt, label), fname);
        }
        lua_pop(L, 1);
    }
    if (!any)
        novalues(L, fname, ynames[0], n, yinf);
    setaxes(L, f, 0, &x, fname);
    note_skipped(L, f, nmiss, ninf + yinf, fname);
    setlabels(L, f, oarg, xc ? xname : "index", ny == 1 ? ynames[0] : NULL, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

static int plot_line(lua_State *L) { return plot_lines(L, LT_LAYER_LINE, "plot.line"); }
static int plot_step(lua_State *L) { return plot_lines(L, LT_LAYER_STEP, "plot.step"); }

static int plot_band(lua_State *L)
{
    static const char *const known[] = {"label", LABEL_OPTS, NULL};
    const char *fname = "plot.band";
    const lt_frame *df;
    const lt_col *cols[3];
    const char *names[3];
    int oarg = column_args(L, fname, known, 3, &df, cols, names);
    int first = oarg - 3;
    const lt_col *xc = cols[0], *lo = cols[1], *hi = cols[2];
    const char *xname = names[0], *loname = names[1], *hiname = names[2];
    const char *label = lt_lua_optstr(L, oarg, "label", NULL);
    if (!is_number_type(lo->type))
        wrongtype(L, first + 1, lo, loname, "a number column");
    if (!is_number_type(hi->type))
        wrongtype(L, first + 2, hi, hiname, "a number column");
    if (lo->n != xc->n || hi->n != xc->n)
        luaL_error(L, "%s: x, lo and hi have %I, %I and %I values; expected as many", fname,
                   (lua_Integer)xc->n, (lua_Integer)lo->n, (lua_Integer)hi->n);
    coord x;
    getcoord(L, xc, xname, &x, fname);
    int64_t nmiss = 0, ninf = 0, m;
    int64_t *rows = sorted_rows(L, xc, &x, &m, &nmiss, &ninf);
    double *lv = numbers(L, lo, NULL, NULL), *hv = numbers(L, hi, NULL, NULL);

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    double *px = buffer(L, m, sizeof *px);
    double *p0 = buffer(L, m, sizeof *p0), *p1 = buffer(L, m, sizeof *p1);
    bool any = false;
    for (int64_t r = 0; r < m; r++) {
        int64_t i = rows[r];
        px[r] = x.v[i];
        p0[r] = lv[i];
        p1[r] = hv[i];
        if (isnan(lv[i]) || isnan(hv[i]))
            lt_col_is_na(lo, i) || lt_col_is_na(hi, i) ? nmiss++ : ninf++;
        else
            any = true;
    }
    if (!any)
        luaL_error(L, "%s: no row has values in '%s', '%s' and '%s' (%I rows)", fname,
                   xname ? xname : "x", loname ? loname : "lo", hiname ? hiname : "hi",
                   (lua_Integer)xc->n);
    need(L, lt_panel_add_band(&f->panels[0], px, p0, p1, (size_t)m, label), fname);
    setaxes(L, f, 0, &x, fname);
    note_skipped(L, f, nmiss, ninf, fname);
    setlabels(L, f, oarg, xname, NULL, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.bar ------------------------------------------------------------------------ */

enum {
    BAR_LABELS_WIDTH = 60, BAR_MAX_UPRIGHT = 12, BAR_MAX_CATEGORIES = 40,
    BAR_ROWS_DEFAULT = 20   /* horizontal bars the default text height holds */
};

typedef struct bars {
    int ncat, ngrp;
    const char **cats;     /* category names, in the order of the data */
    const char **grps;     /* group names (one group: NULL) */
    double *val;           /* val[c * ngrp + g]; NaN where there is none */
} bars;

/* The heights of categories x groups: the sum of vc (counts when vc is
 * NULL) over the rows of each category (cc, in order of first appearance)
 * and group (gc, sorted; NULL: one group). */
static void bars_build(lua_State *L, int oarg, const lt_col *cc, const lt_col *vc,
                       const lt_col *gc, const char *gname, bars *b, int64_t *nmiss,
                       int64_t *ninf, const char *fname)
{
    groups cg, gg = {0};
    col_groups(L, cc, false, &cg, fname);
    if (gc)
        colorgroups(L, oarg, "color", gc, gname, &gg, fname);
    b->ngrp = gc ? gg.n : 1;
    b->grps = gc ? gg.names : NULL;
    if ((int64_t)cg.n * b->ngrp > INT32_MAX)
        luaL_error(L, "%s: %d categories x %d groups are too many", fname, cg.n, b->ngrp);
    double *vv = vc ? numbers(L, vc, NULL, NULL) : NULL;
    double *val = buffer(L, (int64_t)cg.n * b->ngrp, sizeof *val);
    for (int64_t k = 0; k < (int64_t)cg.n * b->ngrp; k++)
        val[k] = NAN;
    *nmiss = *ninf = 0;
    for (int64_t i = 0; i < cc->n; i++) {
        double v = vv ? vv[i] : 1;
        if (isnan(v)) {
            lt_col_is_na(vc, i) ? (*nmiss)++ : (*ninf)++;
            continue;
        }
        int64_t k = (int64_t)cg.gid[i] * b->ngrp + (gc ? gg.gid[i] : 0);
        val[k] = isnan(val[k]) ? v : val[k] + v;
    }
    /* Categories whose every value was missing have no bar. */
    b->cats = buffer(L, cg.n, sizeof *b->cats);
    b->ncat = 0;
    for (int c = 0; c < cg.n; c++) {
        bool any = false;
        for (int g = 0; g < b->ngrp; g++)
            any |= !isnan(val[(int64_t)c * b->ngrp + g]);
        if (!any)
            continue;
        memmove(val + (int64_t)b->ncat * b->ngrp, val + (int64_t)c * b->ngrp,
                (size_t)b->ngrp * sizeof *val);
        b->cats[b->ncat++] = cg.names[c];
    }
    b->val = val;
}

static double bar_total(const bars *b, int c)
{
    double t = 0;
    for (int g = 0; g < b->ngrp; g++) {
        double v = b->val[(int64_t)c * b->ngrp + g];
        if (!isnan(v))
            t += v;
    }
    return t;
}

static int cmp_desc(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->x != q->x)
        return p->x > q->x ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/* The order of the categories: as they are (0), by total descending (1)
 * or ascending (2), ties in their order. */
static int *bar_order(lua_State *L, const bars *b, int how)
{
    keyed *k = buffer(L, b->ncat, sizeof *k);
    for (int c = 0; c < b->ncat; c++)
        k[c] = (keyed){how == 0 ? 0 : bar_total(b, c), c};
    qsort(k, (size_t)b->ncat, sizeof *k, how == 2 ? cmp_keyed : cmp_desc);
    int *order = buffer(L, b->ncat, sizeof *order);
    for (int c = 0; c < b->ncat; c++)
        order[c] = (int)k[c].i;
    return order;
}

static const char *const bar_sorts[] = {"none", "desc", "asc", NULL};
static const char *const bar_positions[] = {"dodge", "stack", NULL};

/* The category column of a frame given alone: its first str, bool or time
 * column, else its first column; the values: its first other number
 * column.  (What col:counts() and crosstab-like frames hold.) */
static void frame_bar_columns(lua_State *L, const lt_frame *df, int *ci, int *vi)
{
    *ci = *vi = -1;
    for (int i = 0; i < df->ncol && *ci < 0; i++) {
        lt_type t = df->cols[i]->type;
        if (t == LT_STR || t == LT_BOOL || t == LT_TIME)
            *ci = i;
    }
    if (*ci < 0 && df->ncol > 0)
        *ci = 0;
    for (int i = 0; i < df->ncol && *vi < 0; i++)
        if (i != *ci && is_number_type(df->cols[i]->type))
            *vi = i;
    if (*vi < 0)
        luaL_argerror(L, 1, "a frame with a category column and a number column expected "
                            "(as col:counts() returns)");
}

static int plot_bar(lua_State *L)
{
    static const char *const known[] = {"color", "position", "horizontal", "sort",
                                        "max_categories", LABEL_OPTS, NULL};
    const char *fname = "plot.bar";
    luaL_checkstack(L, STACK_ROOM, fname);
    const lt_frame *df = optframe(L, 1);
    const lt_col *cc, *vc = NULL;
    const char *cname, *vname = NULL;
    int oarg;
    bool counts = false;   /* the frame of col:counts(), labelled as plot.bar(col) */
    if (df && lua_type(L, 2) == LUA_TSTRING) {       /* (df, "cat", "value") */
        cc = argcol(L, 2, df, &cname, fname);
        vc = argcol(L, 3, df, &vname, fname);
        if (!is_number_type(vc->type))
            wrongtype(L, 3, vc, vname, "a number column");
        oarg = 4;
    } else if (df) {                                 /* (frame2) */
        int ci, vi;
        frame_bar_columns(L, df, &ci, &vi);
        cc = df->cols[ci];
        cname = df->names[ci];
        vc = df->cols[vi];
        vname = df->names[vi];
        counts = df->ncol == 2 && strcmp(cname, "value") == 0 && strcmp(vname, "n") == 0;
        oarg = 2;
    } else {                                         /* (col): counts */
        if (!luaL_testudata(L, 1, LT_COLUMN_MT))
            luaL_argerror(L, 1, lua_pushfstring(L, "Frame or Column expected, got %s",
                                                lt_lua_typename(L, 1)));
        cc = argcol(L, 1, NULL, &cname, fname);
        if (cc->type == LT_F64)
            wrongtype(L, 1, cc, cname, "categories: str, bool, integers or times "
                                       "(plot.hist bins numbers)");
        oarg = 2;
    }
    lt_lua_checkopts(L, oarg, known);
    lua_settop(L, oarg);
    const char *gname;
    const lt_col *gc = optcol(L, oarg, "color", df, cc->n, fname, &gname);
    bool stack = lt_lua_optchoice(L, oarg, "position", bar_positions, 0) == 1;
    int how = lt_lua_optchoice(L, oarg, "sort", bar_sorts, 0);
    lua_Integer maxcat = lt_lua_optint(L, oarg, "max_categories", BAR_MAX_CATEGORIES);
    luaL_argcheck(L, maxcat >= 1, oarg, "option 'max_categories': at least 1 expected");
    int horiz = -1;   /* automatic */
    if (lt_lua_optfield(L, oarg, "horizontal") != LUA_TNIL)
        horiz = lt_lua_optbool(L, oarg, "horizontal", false);
    lua_pop(L, 1);

    bars b;
    int64_t nmiss, ninf;
    bars_build(L, oarg, cc, vc, gc, gname, &b, &nmiss, &ninf, fname);
    if (b.ncat == 0)
        novalues(L, fname, vc ? vname : cname, cc->n, ninf);
    /* Counts come most frequent first, as col:counts() lists them. */
    int *order = bar_order(L, &b, vc ? how : how == 0 ? 1 : how);
    int shown = b.ncat < maxcat ? b.ncat : (int)maxcat;
    const char **cats = buffer(L, shown, sizeof *cats);
    int maxw = 0;
    for (int i = 0; i < shown; i++) {
        cats[i] = b.cats[order[i]];
        int w = lt_display_width(cats[i], strlen(cats[i]));
        maxw = w > maxw ? w : maxw;
    }
    /* Upright bars while their labels fit side by side under them. */
    if (horiz < 0)
        horiz = shown > BAR_MAX_UPRIGHT || shown * (maxw + 2) > BAR_LABELS_WIDTH;

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    lt_panel *p = &f->panels[0];
    double *a0 = buffer(L, shown, sizeof *a0), *a1 = buffer(L, shown, sizeof *a1);
    double *v0 = buffer(L, shown, sizeof *v0), *v1 = buffer(L, shown, sizeof *v1);
    double *pos = buffer(L, shown, sizeof *pos), *neg = buffer(L, shown, sizeof *neg);
    for (int i = 0; i < shown; i++)
        pos[i] = neg[i] = 0;
    for (int g = 0; g < b.ngrp; g++) {
        size_t m = 0;
        for (int i = 0; i < shown; i++) {
            double v = b.val[(int64_t)order[i] * b.ngrp + g];
            if (isnan(v))
                continue;
            double w = stack ? 0.8 : 0.8 / b.ngrp;
            a0[m] = i - 0.4 + (stack ? 0 : g * w);
            a1[m] = a0[m] + w;
            v0[m] = 0;
            v1[m] = v;
            if (stack && v >= 0) {
                v0[m] = pos[i];
                v1[m] = pos[i] += v;
            } else if (stack) {
                v1[m] = neg[i];
                v0[m] = neg[i] += v;
            }
            m++;
        }
        if (m == 0)
            continue;
        const char *label = b.grps ? b.grps[g] : NULL;
        lt_layer *l = horiz ? lt_panel_add_rects(p, v0, v1, a0, a1, m, label)
                            : lt_panel_add_rects(p, a0, a1, v0, v1, m, label);
        need(L, l, fname)->horizontal = horiz;
    }
    lt_axis *cat = horiz ? &p->y : &p->x, *value = horiz ? &p->x : &p->y;
    check(L, lt_axis_set_categories(cat, cats, shown), fname);
    value->zero = true;
    /* Many horizontal bars: a terminal row each, and the rows of the title,
     * axis, labels and caption around them. */
    if (horiz && shown > BAR_ROWS_DEFAULT)
        f->text_height = shown + 8;
    if (shown < b.ncat) {
        char buf[96];
        int more = b.ncat - shown;
        snprintf(buf, sizeof buf, "\u2026 %d more categor%s not shown", more,
                 more == 1 ? "y" : "ies");
        check(L, lt_figure_note(f, buf), fname);
    }
    note_skipped(L, f, nmiss, ninf, fname);
    const char *vlabel = vc && !counts ? vname : "count";
    if (counts)
        cname = NULL;   /* "value" says nothing */
    setlabels(L, f, oarg, horiz ? vlabel : cname, horiz ? cname : vlabel, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.box --------------------------------------------------------------------------- */

static int plot_box(lua_State *L)
{
    static const char *const known[] = {"by", LABEL_OPTS, NULL};
    const char *fname = "plot.box";
    const lt_frame *df;
    const lt_col *c;
    const char *name, *byname;
    int oarg = column_args(L, fname, known, 1, &df, &c, &name);
    int first = oarg - 1;
    const lt_col *by = optcol(L, oarg, "by", df, c->n, fname, &byname);
    if (!is_number_type(c->type))
        wrongtype(L, first, c, name, "a number column");
    int64_t nmiss, ninf;
    double *v = numbers(L, c, &nmiss, &ninf);
    double *xs = buffer(L, c->n, sizeof *xs);
    if (gather(v, c->n, NULL, 0, xs) == 0)
        novalues(L, fname, name, c->n, ninf);
    groups g = {0};
    if (by)
        col_groups(L, by, true, &g, fname);
    int ng = by ? g.n : 1;

    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    luaL_checkstack(L, ng + STACK_ROOM, fname);   /* a scratch per box */
    lt_box_stats *boxes = buffer(L, ng, sizeof *boxes);
    double *pos = buffer(L, ng, sizeof *pos);
    const char **cats = buffer(L, ng, sizeof *cats);
    int nb = 0;
    for (int k = 0; k < ng; k++) {
        int64_t m = gather(v, c->n, by ? &g : NULL, k, xs);
        if (m == 0)
            continue;   /* a group without values has no box */
        lt_box_stats *bs = newscratch(L, sizeof *bs, fini_box);
        check(L, lt_box_compute(xs, (size_t)m, bs), fname);
        boxes[nb] = *bs;   /* the scratch keeps owning the outliers */
        pos[nb] = nb;
        cats[nb++] = by ? g.names[k] : name ? name : "";
    }
    lt_panel *p = &f->panels[0];
    need(L, lt_panel_add_boxes(p, pos, boxes, (size_t)nb, NULL), fname);
    check(L, lt_axis_set_categories(&p->x, cats, nb), fname);
    note_skipped(L, f, nmiss, ninf, fname);
    setlabels(L, f, oarg, by ? byname : NULL, name, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.heatmap ------------------------------------------------------------------------ */

enum { ANNOTATE_MAX_CELLS = 400, HEATMAP_MAX_CELLS = 1000000 };

/* Where the conversion of a cell format is: fmt must be a printf format
 * with exactly one conversion of a number, %[flags][width][.precision] and
 * one of d i e E f F g G (widths and precisions of up to two digits), plus
 * any %%.  Returns the offset of the conversion character, or -1. */
static int fmt_conversion(const char *fmt)
{
    int at = -1;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (*++p == '%')
            continue;
        if (at >= 0)
            return -1;
        p += strspn(p, "-+ #0");
        size_t w = strspn(p, "0123456789");
        if (w > 2)
            return -1;
        p += w;
        if (*p == '.') {
            w = strspn(++p, "0123456789");
            if (w > 2)
                return -1;
            p += w;
        }
        if (!*p || !strchr("dieEfFgG", *p) || p - fmt > INT_MAX)
            return -1;
        at = (int)(p - fmt);
    }
    return at;
}

/* A cell value with three significant digits, as R's signif(v, 3) prints:
 * whole numbers in full ("1234"), else at most 3 significant digits
 * without trailing zeros ("0.5", "12.3", "0.0123"), tiny or huge values
 * in scientific form. */
static void format_cell(double v, char *buf, size_t cap)
{
    v += 0.0;   /* no "-0" */
    double a = fabs(v);
    if (v == floor(v) && a < 1e15) {
        snprintf(buf, cap, "%.0f", v);
    } else if (a >= 1e-4 && a < 1e15) {
        int dec = 2 - (int)floor(log10(a));
        snprintf(buf, cap, "%.*f", dec > 0 ? dec : 0, v);
        char *dot = strchr(buf, '.');
        if (dot) {
            char *end = buf + strlen(buf);
            while (end > dot + 1 && end[-1] == '0')
                *--end = '\0';
            if (end == dot + 1)
                *dot = '\0';
        }
    } else {
        snprintf(buf, cap, "%.3g", v);
    }
}

/* Names "1".."n" for rows or columns without names, into a table kept on
 * the stack. */
static const char **numbered(lua_State *L, int n)
{
    const char **names = buffer(L, n, sizeof *names);
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        names[i] = lua_pushfstring(L, "%d", i + 1);
        lua_rawseti(L, -2, i + 1);
    }
    return names;
}

/* Option `key` (rows or cols): an array of n strings, or NULL when absent. */
static const char **optnames(lua_State *L, int arg, const char *key, int n)
{
    if (lt_lua_optfield(L, arg, key) == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    if (!lua_istable(L, -1) || (int)lua_rawlen(L, -1) != n)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': an array of %d names expected",
                                              key, n));
    const char **names = buffer(L, n, sizeof *names);
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, -2, i + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s': item %d is %s, expected a "
                                                  "string", key, i + 1, lt_lua_typename(L, -1)));
        names[i] = lua_tostring(L, -1);   /* the options table keeps it */
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return names;
}

typedef struct cells {
    int nrow, ncol;
    double *z;
    const char **rows, **cols;
    const char *rowlabel;
    int64_t nmiss, ninf;
} cells;

static double cell_value(lua_State *L, cells *m, double v)
{
    (void)L;
    if (isnan(v))
        m->nmiss++;
    else if (isinf(v))
        m->ninf++, v = NAN;
    return v;
}

/* Cells of a frame: rows named by its first str column, one column of
 * cells per number column. */
static void frame_cells(lua_State *L, const lt_frame *df, cells *m, const char *fname)
{
    int ri = -1;
    int *ci = buffer(L, df->ncol, sizeof *ci);
    m->ncol = 0;
    for (int i = 0; i < df->ncol; i++) {
        lt_type t = df->cols[i]->type;
        if (t == LT_STR && ri < 0)
            ri = i;
        else if (is_number_type(t))
            ci[m->ncol++] = i;
    }
    if (m->ncol == 0)
        luaL_argerror(L, 1, "a frame with number columns expected (the cells)");
    if (df->nrow == 0)
        luaL_error(L, "%s: the frame has no rows", fname);
    if (df->nrow > HEATMAP_MAX_CELLS / m->ncol)
        luaL_error(L, "%s: %I x %d cells are too many (at most %d)", fname,
                   (lua_Integer)df->nrow, m->ncol, HEATMAP_MAX_CELLS);
    m->nrow = (int)df->nrow;
    m->z = buffer(L, (int64_t)m->nrow * m->ncol, sizeof *m->z);
    for (int r = 0; r < m->nrow; r++)
        for (int c = 0; c < m->ncol; c++)
            m->z[(int64_t)r * m->ncol + c] = cell_value(L, m, lt_col_get_num(df->cols[ci[c]], r));
    m->cols = buffer(L, m->ncol, sizeof *m->cols);
    for (int c = 0; c < m->ncol; c++)
        m->cols[c] = df->names[ci[c]];
    if (ri < 0) {
        m->rows = numbered(L, m->nrow);
        return;
    }
    m->rowlabel = df->names[ri];
    m->rows = buffer(L, m->nrow, sizeof *m->rows);
    lua_createtable(L, m->nrow, 0);
    for (int r = 0; r < m->nrow; r++) {
        m->rows[r] = push_valuename(L, df->cols[ri], r);
        lua_rawseti(L, -2, r + 1);
    }
}

/* Cells of a Lua array of rows, each an array of numbers (nil or NA for
 * missing cells). */
static void table_cells(lua_State *L, int oarg, cells *m, const char *fname)
{
    lua_Integer nrow = (lua_Integer)lua_rawlen(L, 1);
    if (nrow == 0)
        luaL_argerror(L, 1, "a frame or a non-empty array of rows expected");
    lua_Integer ncol = -1;
    for (lua_Integer r = 1; r <= nrow; r++) {
        if (lua_rawgeti(L, 1, r) != LUA_TTABLE)
            luaL_error(L, "%s: row %I is %s, expected an array of numbers", fname, r,
                       lt_lua_typename(L, -1));
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        lua_pop(L, 1);
        if (ncol >= 0 && n != ncol)
            luaL_error(L, "%s: row %I has %I values and row 1 has %I; expected a "
                          "rectangular table", fname, r, n, ncol);
        ncol = n;
    }
    if (ncol == 0)
        luaL_error(L, "%s: the rows have no values", fname);
    if (nrow > HEATMAP_MAX_CELLS / ncol)
        luaL_error(L, "%s: %I x %I cells are too many (at most %d)", fname, nrow, ncol,
                   HEATMAP_MAX_CELLS);
    m->nrow = (int)nrow;
    m->ncol = (int)ncol;
    m->z = buffer(L, nrow * ncol, sizeof *m->z);
    for (int r = 0; r < m->nrow; r++) {
        lua_rawgeti(L, 1, r + 1);
        for (int c = 0; c < m->ncol; c++) {
            int t = lua_rawgeti(L, -1, c + 1);
            double v = NAN;
            if (t == LUA_TNUMBER)
                v = lua_tonumber(L, -1);
            else if (t != LUA_TNIL && !lt_lua_isna(L, -1))
                luaL_error(L, "%s: row %d, column %d is %s, expected a number", fname, r + 1,
                           c + 1, lt_lua_typename(L, -1));
            m->z[(int64_t)r * m->ncol + c] = cell_value(L, m, v);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    m->rows = optnames(L, oarg, "rows", m->nrow);
    m->cols = optnames(L, oarg, "cols", m->ncol);
    if (!m->rows)
        m->rows = numbered(L, m->nrow);
    if (!m->cols)
        m->cols = numbered(L, m->ncol);
}

/* The colour maps by name, in lt_colormap's order (plots/palette.h). */
static const char *const cmaps[] = {
    [LT_CMAP_SEQUENTIAL] = "sequential",
    [LT_CMAP_DIVERGING] = "diverging",
    [LT_CMAP_BLUES] = "blues",
    [LT_CMAP_BLUES + 1] = NULL,
};

static int plot_heatmap(lua_State *L)
{
    static const char *const known[] = {"rows", "cols", "annotate", "fmt", "cmap", "zlim",
                                        LABEL_OPTS, NULL};
    const char *fname = "plot.heatmap";
    luaL_checkstack(L, STACK_ROOM, fname);
    const lt_frame *df = optframe(L, 1);
    if (!df && !lua_istable(L, 1))
        luaL_argerror(L, 1, lua_pushfstring(L, "Frame or array of rows expected, got %s",
                                            lt_lua_typename(L, 1)));
    lt_lua_checkopts(L, 2, known);
    lua_settop(L, 2);
    if (df && (lt_lua_optfield(L, 2, "rows") != LUA_TNIL ||
               lt_lua_optfield(L, 2, "cols") != LUA_TNIL))
        luaL_argerror(L, 2, "options 'rows' and 'cols' name the cells of an array of rows; "
                            "a frame has its own names");
    lua_settop(L, 2);
    cells m = {0};
    if (df)
        frame_cells(L, df, &m, fname);
    else
        table_cells(L, 2, &m, fname);
    int64_t ncell = (int64_t)m.nrow * m.ncol;
    if (m.nmiss + m.ninf == ncell)
        luaL_error(L, "%s: no cell has a value (all %I missing)", fname, (lua_Integer)ncell);
    bool annotate = lt_lua_optbool(L, 2, "annotate", ncell <= ANNOTATE_MAX_CELLS);
    const char *fmt = lt_lua_optstr(L, 2, "fmt", NULL);
    int at = fmt ? fmt_conversion(fmt) : -1;
    if (fmt && at < 0)
        luaL_argerror(L, 2, lua_pushfstring(L, "option 'fmt': a printf format with one "
                                            "number conversion expected (\"%%.2f\", \"%%d\", "
                                            "\"%%.1f%%%%\"), got '%s'", fmt));
    lt_colormap cmap = (lt_colormap)lt_lua_optchoice(L, 2, "cmap", cmaps, LT_CMAP_SEQUENTIAL);
    double zlo = NAN, zhi = NAN;
    if (lt_lua_optfield(L, 2, "zlim") != LUA_TNIL) {
        bool ok = lua_istable(L, -1) && lua_rawlen(L, -1) == 2;
        if (ok) {
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            ok = lua_type(L, -2) == LUA_TNUMBER && lua_type(L, -1) == LUA_TNUMBER;
            zlo = lua_tonumber(L, -2);
            zhi = lua_tonumber(L, -1);
            lua_pop(L, 2);
        }
        if (!ok || !(zlo < zhi) || !isfinite(zlo) || !isfinite(zhi))
            luaL_argerror(L, 2, "option 'zlim': { lo, hi } expected, two finite numbers with "
                                "lo < hi");
    }
    lua_pop(L, 1);

    /* The cell texts, kept alive by a table. */
    const char **texts = NULL;
    if (annotate) {
        texts = buffer(L, ncell, sizeof *texts);
        bool integer = fmt && (fmt[at] == 'd' || fmt[at] == 'i');
        char *ufmt = NULL;
        if (integer) {   /* "%5d" prints a long long as "%5lld" */
            size_t len = strlen(fmt);
            ufmt = lt_lua_buffer(L, len + 3, 1);
            memcpy(ufmt, fmt, (size_t)at);
            memcpy(ufmt + at, "ll", 2);
            memcpy(ufmt + at + 2, fmt + at, len - (size_t)at + 1);
        }
        lua_createtable(L, (int)ncell, 0);
        for (int64_t k = 0; k < ncell; k++) {
            double v = m.z[k];
            char buf[128];
            texts[k] = NULL;
            if (isnan(v))
                continue;
            if (!fmt || (integer && !(fabs(v) < 9e18)))   /* beyond long long */
                format_cell(v, buf, sizeof buf);
            else if (integer)
                snprintf(buf, sizeof buf, ufmt, (long long)llround(v));
            else
                snprintf(buf, sizeof buf, fmt, v);
            texts[k] = lua_pushstring(L, buf);
            lua_rawseti(L, -2, k + 1);
        }
    }
    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    lt_panel *p = &f->panels[0];
    lt_layer *l = need(L, lt_panel_add_heatmap(p, m.z, m.nrow, m.ncol, texts, cmap), fname);
    l->zlo = zlo;
    l->zhi = zhi;
    check(L, lt_axis_set_categories(&p->x, m.cols, m.ncol), fname);
    check(L, lt_axis_set_categories(&p->y, m.rows, m.nrow), fname);
    note_skipped(L, f, m.nmiss, m.ninf, fname);
    setlabels(L, f, 2, NULL, m.rowlabel, fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- plot.grid ----------------------------------------------------------------------------- */

static int plot_grid(lua_State *L)
{
    static const char *const known[] = {"ncol", "title", "subtitle", NULL};
    const char *fname = "plot.grid";
    luaL_checkstack(L, STACK_ROOM, fname);
    if (!lua_istable(L, 1) || luaL_testudata(L, 1, LT_FIGURE_MT))
        luaL_argerror(L, 1, lua_pushfstring(L, "array of figures expected, got %s",
                                            lt_lua_typename(L, 1)));
    lt_lua_checkopts(L, 2, known);
    lua_settop(L, 2);
    int n = (int)lua_rawlen(L, 1);
    luaL_argcheck(L, n > 0, 1, "at least one figure expected");
    lua_Integer ncol = lt_lua_optint(L, 2, "ncol", n <= 3 ? n : (int)ceil(sqrt((double)n)));
    luaL_argcheck(L, ncol >= 1 && ncol <= 100, 2, "option 'ncol': 1 to 100 expected");
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        if (!tofigure(L, -1))
            luaL_argerror(L, 1, lua_pushfstring(L, "item %d is %s, expected a Figure", i,
                                                lt_lua_typename(L, -1)));
        lua_pop(L, 1);
    }
    lt_figure *f = pushfigure(L, fname);
    int fidx = lua_gettop(L);
    /* The panels come from the figures: drop the new figure's own empty
     * one (a fresh panel owns no memory but the array). */
    f->npanel = 0;
    free(f->panels);
    f->panels = NULL;
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, i);
        const lt_figure *src = lt_lua_checkfigure(L, -1);
        lt_figure **slot = lt_lua_newfigure(L);
        lt_figure *c = *slot = lt_figure_copy(src);
        lt_lua_result(L, c, fname);
        for (size_t p = 0; p < c->npanel && src->title; p++) {
            lt_panel *pn = &c->panels[p];
            if (!pn->title) {
                setstr(L, &pn->title, src->title, fname);
            } else {
                const char *t = lua_pushfstring(L, "%s: %s", src->title, pn->title);
                setstr(L, &pn->title, t, fname);
                lua_pop(L, 1);
            }
        }
        if (c->caption)
            check(L, lt_figure_note(f, c->caption), fname);
        if (f->legend == LT_LEGEND_AUTO)
            f->legend = c->legend;
        check(L, lt_figure_take_panels(f, c), fname);
        lua_pop(L, 2);
    }
    check(L, lt_figure_grid(f, (int)ncol), fname);
    setstr(L, &f->title, lt_lua_optstr(L, 2, "title", NULL), fname);
    setstr(L, &f->subtitle, lt_lua_optstr(L, 2, "subtitle", NULL), fname);
    lua_pushvalue(L, fidx);
    return 1;
}

/* ---- showing: plot(), tostring, inline images ------------------------------------------------ */

/* The figure of the value at idx, which it replaces on the stack: a
 * Figure as it is; a Column as a histogram (numbers, times) or a bar chart
 * of its counts (str, bool); a frame of two columns as a bar chart; a
 * value whose metatable has __plot through __plot(value, opts), opts being
 * the table at oarg (0: none) without the keys of plot() itself. */
static lt_figure *plottable(lua_State *L, int idx, int oarg, const char *fname)
{
    idx = lua_absindex(L, idx);
    if (tofigure(L, idx))
        return lt_lua_checkfigure(L, idx);
    if (luaL_getmetafield(L, idx, "__plot") != LUA_TNIL) {
        lua_pushvalue(L, idx);
        if (oarg && lua_istable(L, oarg)) {
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, oarg)) {
                const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
                if (strcmp(k, "width") && strcmp(k, "height") && strcmp(k, "image")) {
                    lua_pushvalue(L, -2);
                    lua_insert(L, -2);
                    lua_rawset(L, -4);
                } else {
                    lua_pop(L, 1);
                }
            }
        } else {
            lua_pushnil(L);
        }
        lua_call(L, 2, 1);
        if (!tofigure(L, -1))
            luaL_error(L, "%s: the __plot of %s returned %s, expected a Figure", fname,
                       lt_lua_typename(L, idx), lt_lua_typename(L, -1));
        lua_replace(L, idx);
        return lt_lua_checkfigure(L, idx);
    }
    lua_CFunction make;
    if (luaL_testudata(L, idx, LT_COLUMN_MT)) {
        const lt_col *c = lt_lua_checkcol(L, idx);
        make = c->type == LT_STR || c->type == LT_BOOL ? plot_bar : plot_hist;
    } else if (luaL_testudata(L, idx, LT_FRAME_MT)) {
        const lt_frame *df = lt_lua_checkframe(L, idx);
        if (df->ncol != 2)
            luaL_argerror(L, idx, lua_pushfstring(L, "a frame of 2 columns (categories and "
                "numbers, as col:counts() returns) expected, got %d columns", df->ncol));
        make = plot_bar;
    } else {
        return luaL_argerror(L, idx, lua_pushfstring(L, "Figure, Column, 2-column Frame or a "
                                                     "value with a __plot expected, got %s",
                                                     lt_lua_typename(L, idx))), NULL;
    }
    lua_pushcfunction(L, make);
    lua_pushvalue(L, idx);
    lua_call(L, 1, 1);
    lua_replace(L, idx);
    return lt_lua_checkfigure(L, idx);
}

/* The size the figure takes in cells: the renderer's choice for the
 * display width, or what the caller asks (width, height > 0). */
static void text_size(lua_State *L, const lt_figure *f, int width, int height, int *w, int *h)
{
    lt_print_opts po;
    lt_lua_print_opts(L, &po);
    lt_text_size(f, po.width, w, h);
    if (width > 0)
        *w = width;
    if (height > 0)
        *h = height;
}

/* Push the text drawing of f at the display width (or width x height). */
static void push_text(lua_State *L, const lt_figure *f, int width, int height,
                      const char *fname)
{
    lt_print_opts po;
    lt_lua_print_opts(L, &po);
    lt_text_opts o = {0};
    text_size(L, f, width, height, &o.width, &o.height);
    o.ascii = lt_ascii_detect();
    lt_color_mode mode = po.color ? lt_color_mode_detect(true) : LT_COLOR_NONE;
    void **box = lt_lua_newbox(L);
    size_t len;
    *box = lt_figure_to_text(f, &o, mode, &len);
    if (!*box)
        lt_lua_error(L, fname);
    lua_pushlstring(L, *box, len);
    lua_remove(L, -2);   /* the box frees the text */
}

static int fig_tostring(lua_State *L)
{
    lt_figure **slot = luaL_checkudata(L, 1, LT_FIGURE_MT);
    if (!*slot) {
        lua_pushliteral(L, "lunette.Figure (closed)");
        return 1;
    }
    push_text(L, *slot, 0, 0, "tostring");
    return 1;
}

/* Show f as an inline image when the terminal speaks a protocol; false
 * (nothing written) otherwise. */
static bool show_image(lua_State *L, const lt_figure *f, int width, int height)
{
    lt_image_proto proto = lt_term_image_detect(STDIN_FILENO, STDOUT_FILENO, 300);
    if (proto == LT_IMAGE_NONE)
        return false;
    /* Pixels per cell from the terminal, else a common 8 x 16. */
    int cw = 8, ch = 16;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0 &&
        ws.ws_xpixel >= ws.ws_col && ws.ws_ypixel >= ws.ws_row) {
        cw = ws.ws_xpixel / ws.ws_col;
        ch = ws.ws_ypixel / ws.ws_row;
    }
    int w, h;
    text_size(L, f, width, height, &w, &h);
    lt_raster_opts ro;
    lt_raster_opts_init(&ro);
    ro.width = w * cw;
    ro.height = h * ch;
    ro.dpi = 6.0 * ch;   /* 16-pixel cells: 96 dpi, text as large as the terminal's */
    bool wrap = getenv("TMUX") != NULL;
    void **img = lt_lua_newbox(L);
    void **seq = lt_lua_newbox(L);
    size_t len = 0;
    if (proto == LT_IMAGE_SIXEL) {
        uint8_t *rgba = NULL;
        check(L, lt_render_cairo_rgba(f, &ro, &rgba), "plot");
        *img = rgba;
        *seq = lt_term_image_sixel(rgba, ro.width, ro.height, wrap, &len);
    } else {
        unsigned char *png = NULL;
        size_t n = 0;
        check(L, lt_render_cairo_png(f, &ro, &png, &n), "plot");
        *img = png;
        *seq = proto == LT_IMAGE_KITTY ? lt_term_image_kitty(png, n, wrap, &len)
                                       : lt_term_image_iterm2(png, n, wrap, &len);
    }
    if (!*seq) {   /* too large for tmux's passthrough (or no memory): text then */
        lua_pop(L, 2);
        return false;
    }
    fflush(stdout);
    fwrite(*seq, 1, len, stdout);
    fflush(stdout);
    lua_pop(L, 2);
    return true;
}

/* The set of figures plot() drew, weak-keyed, in the registry. */
static void mark_shown(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_getfield(L, LUA_REGISTRYINDEX, SHOWN_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, SHOWN_KEY);
    }
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

bool lt_lua_shown(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_isnil(L, idx)) {
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, SHOWN_KEY);
        return false;
    }
    if (lua_getfield(L, LUA_REGISTRYINDEX, SHOWN_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        return false;
    }
    lua_pushvalue(L, idx);
    bool shown = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 1);
    if (shown) {
        lua_pushvalue(L, idx);
        lua_pushnil(L);
        lua_rawset(L, -3);
    }
    lua_pop(L, 1);
    return shown;
}

/* The host's plot sink (lunette.h), a full userdata in the registry:
 * function pointers do not fit in a light userdata portably. */
typedef struct plot_sink {
    lt_plot_sink fn;
    void *ud;
} plot_sink;

void lt_lua_set_plot_sink(lua_State *L, lt_plot_sink sink, void *ud)
{
    if (sink) {
        plot_sink *s = lua_newuserdatauv(L, sizeof *s, 0);
        s->fn = sink;
        s->ud = ud;
    } else {
        lua_pushnil(L);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, SINK_KEY);
}

/* The sink, or NULL (the registry keeps the record alive). */
static const plot_sink *get_sink(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SINK_KEY);
    const plot_sink *s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return s;
}

static const char *const show_known[] = {"width", "height", "image", NULL};

/* plot(x [, opts]), also fig:show([opts]). */
static int plot_show(lua_State *L)
{
    const char *fname = "plot";
    lua_settop(L, 2);
    bool custom = !tofigure(L, 1) && luaL_getmetafield(L, 1, "__plot") != LUA_TNIL;
    if (custom) {
        lua_pop(L, 1);
        if (!lua_isnil(L, 2))
            luaL_checktype(L, 2, LUA_TTABLE);
    } else {
        lt_lua_checkopts(L, 2, show_known);
    }
    lua_Integer width = lt_lua_optint(L, 2, "width", 0);
    lua_Integer height = lt_lua_optint(L, 2, "height", 0);
    luaL_argcheck(L, width == 0 || (width >= 20 && width <= 10000), 2,
                  "option 'width': 20 to 10000 cells expected");
    luaL_argcheck(L, height == 0 || (height >= 5 && height <= 10000), 2,
                  "option 'height': 5 to 10000 cells expected");
    bool image = lt_lua_optbool(L, 2, "image", false);
    lt_figure *f = plottable(L, 1, 2, fname);
    const plot_sink *sink = get_sink(L);
    if (sink) {
        lt_figure *c = lt_figure_copy(f);
        if (!c)
            lt_lua_error(L, fname);
        sink->fn(sink->ud, c);
    } else if (!image || !show_image(L, f, (int)width, (int)height)) {
        push_text(L, f, (int)width, (int)height, fname);
        lt_lua_print_top(L);
    }
    mark_shown(L, 1);
    lua_settop(L, 1);
    return 1;
}

/* save(x, path [, opts]), also fig:save(path [, opts]). */
static int plot_save(lua_State *L)
{
    static const char *const known[] = {"width", "height", "dpi", NULL};
    const char *fname = "save";
    lua_settop(L, 3);
    if (lua_type(L, 2) != LUA_TSTRING)
        luaL_argerror(L, 2, lua_pushfstring(L, "file path expected, got %s",
                                            lt_lua_typename(L, 2)));
    const char *path = lua_tostring(L, 2);
    lt_lua_checkopts(L, 3, known);
    lt_raster_opts ro;
    lt_raster_opts_init(&ro);
    lua_Integer w = lt_lua_optint(L, 3, "width", ro.width);
    lua_Integer h = lt_lua_optint(L, 3, "height", ro.height);
    double dpi = lt_lua_optnum(L, 3, "dpi", ro.dpi);
    luaL_argcheck(L, w >= 16 && w <= 20000, 3, "option 'width': 16 to 20000 pixels expected");
    luaL_argcheck(L, h >= 16 && h <= 20000, 3, "option 'height': 16 to 20000 pixels expected");
    luaL_argcheck(L, dpi >= 10 && dpi <= 2400, 3, "option 'dpi': 10 to 2400 expected");
    ro.width = (int)w;
    ro.height = (int)h;
    ro.dpi = dpi;
    const lt_figure *f = plottable(L, 1, 0, fname);
    if (lt_render_cairo_file(f, path, &ro) < 0) {
        const char *msg = lt_errmsg();
        if (strncmp(msg, "save: ", 6) == 0)
            msg += 6;   /* the renderer's own prefix */
        if (strstr(msg, path))
            return luaL_error(L, "%s: %s", fname, msg);
        return luaL_error(L, "%s: %s: %s", fname, path, msg);
    }
    return 0;
}

/* ---- Figure methods ----------------------------------------------------------------------- */

/* A string field: with no argument, its value; else set it (nil clears)
 * and return the figure. */
static int getset(lua_State *L, char **slot, const char *fname)
{
    if (lua_isnone(L, 2)) {
        if (*slot)
            lua_pushstring(L, *slot);
        else
            lua_pushnil(L);
        return 1;
    }
    setstr(L, slot, luaL_optstring(L, 2, NULL), fname);
    lua_settop(L, 1);
    return 1;
}

static int fig_title(lua_State *L)
{
    return getset(L, &lt_lua_checkfigure(L, 1)->title, "title");
}

static int fig_subtitle(lua_State *L)
{
    return getset(L, &lt_lua_checkfigure(L, 1)->subtitle, "subtitle");
}

static int fig_caption(lua_State *L)
{
    return getset(L, &lt_lua_checkfigure(L, 1)->caption, "caption");
}

/* The axis label of every panel (the first panel's when reading). */
static int axis_label(lua_State *L, int axis, const char *fname)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    if (lua_isnone(L, 2)) {
        const lt_panel *p = f->npanel ? &f->panels[0] : NULL;
        lua_pushstring(L, p ? (axis ? p->y.label : p->x.label) : NULL);
        return 1;
    }
    const char *s = luaL_optstring(L, 2, NULL);
    for (size_t i = 0; i < f->npanel; i++)
        setstr(L, axis ? &f->panels[i].y.label : &f->panels[i].x.label, s, fname);
    lua_settop(L, 1);
    return 1;
}

static int fig_xlabel(lua_State *L) { return axis_label(L, 0, "xlabel"); }
static int fig_ylabel(lua_State *L) { return axis_label(L, 1, "ylabel"); }

/* The value at idx as a coordinate on axis a: a number; on a time axis
 * also a date or datetime string; on a categorical axis also a category
 * name.  nil gives NaN when nil_ok. */
static double axis_value(lua_State *L, int idx, int arg, const lt_axis *a, bool nil_ok)
{
    switch (lua_type(L, idx)) {
    case LUA_TNONE:
    case LUA_TNIL:
        if (nil_ok)
            return NAN;
        break;
    case LUA_TNUMBER: {
        double v = lua_tonumber(L, idx);
        if (!isfinite(v))
            luaL_argerror(L, arg, "a finite number expected");
        return v;
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (a->scale == LT_SCALE_TIME) {
            int64_t us;
            lt_time_kind kind;
            if (lt_time_parse(s, len, &us, &kind) != 0)
                luaL_argerror(L, arg, lua_pushfstring(L, "'%s' is not a date or datetime "
                                                      "(YYYY-MM-DD[ HH:MM:SS])", s));
            return (double)us;
        }
        if (a->scale == LT_SCALE_CATEGORY) {
            for (int i = 0; i < a->ncat; i++)
                if (strcmp(a->cats[i], s) == 0)
                    return i;
            const char *near = lt_lua_suggest(s, (const char *const *)a->cats, (size_t)a->ncat);
            luaL_argerror(L, arg, near ? lua_pushfstring(L, "no category '%s' on the axis "
                                                         "(did you mean '%s'?)", s, near)
                                       : lua_pushfstring(L, "no category '%s' on the axis", s));
        }
        luaL_argerror(L, arg, lua_pushfstring(L, "number expected, got string '%s' (dates "
                                              "on a time axis only)", s));
        break;
    }
    default:
        break;
    }
    return luaL_argerror(L, arg, lua_pushfstring(L, "%s expected, got %s",
                                                 nil_ok ? "number or nil" : "number",
                                                 lt_lua_typename(L, idx)));
}

/* Push a coordinate of axis a as the user gives it: a date string on a
 * time axis, else a number; nil for NaN. */
static void push_axis_value(lua_State *L, const lt_axis *a, double v)
{
    if (isnan(v)) {
        lua_pushnil(L);
    } else if (a->scale == LT_SCALE_TIME && fabs(v) < 9e18) {
        char buf[64];
        lua_pushlstring(L, buf, lt_time_format((int64_t)v, a->tkind, buf, sizeof buf));
    } else {
        lt_lua_pushnumber(L, v, false);
    }
}

static int limits(lua_State *L, int axis, const char *fname)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    if (f->npanel == 0)
        return luaL_error(L, "%s: the figure has no panels", fname);
    const lt_axis *a0 = axis ? &f->panels[0].y : &f->panels[0].x;
    if (lua_isnone(L, 2) && lua_isnone(L, 3)) {
        push_axis_value(L, a0, a0->lo);
        push_axis_value(L, a0, a0->hi);
        return 2;
    }
    double lo = axis_value(L, 2, 2, a0, true), hi = axis_value(L, 3, 3, a0, true);
    if (!isnan(lo) && !isnan(hi) && !(lo < hi))
        return luaL_error(L, "%s: the lower limit must be below the upper one", fname);
    for (size_t i = 0; i < f->npanel; i++) {
        lt_axis *a = axis ? &f->panels[i].y : &f->panels[i].x;
        a->lo = lo;
        a->hi = hi;
    }
    lua_settop(L, 1);
    return 1;
}

static int fig_xlim(lua_State *L) { return limits(L, 0, "xlim"); }
static int fig_ylim(lua_State *L) { return limits(L, 1, "ylim"); }

static int logscale(lua_State *L, int axis, const char *fname)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    bool on = lua_isnone(L, 2) ? true : (luaL_checktype(L, 2, LUA_TBOOLEAN), lua_toboolean(L, 2));
    for (size_t i = 0; i < f->npanel; i++) {
        lt_axis *a = axis ? &f->panels[i].y : &f->panels[i].x;
        if (a->scale == LT_SCALE_CATEGORY || a->scale == LT_SCALE_TIME)
            return luaL_error(L, "%s: the %s axis is %s; a log scale needs numbers", fname,
                              axis ? "y" : "x", a->scale == LT_SCALE_TIME ? "a time axis"
                                                                          : "categorical");
    }
    for (size_t i = 0; i < f->npanel; i++) {
        lt_axis *a = axis ? &f->panels[i].y : &f->panels[i].x;
        a->scale = on ? LT_SCALE_LOG : LT_SCALE_LINEAR;
    }
    lua_settop(L, 1);
    return 1;
}

static int fig_log_x(lua_State *L) { return logscale(L, 0, "log_x"); }
static int fig_log_y(lua_State *L) { return logscale(L, 1, "log_y"); }

static const char *const legend_names[] = {
    [LT_LEGEND_AUTO] = "auto", [LT_LEGEND_NONE] = "none",
    [LT_LEGEND_TOP_LEFT] = "top_left", [LT_LEGEND_TOP_RIGHT] = "top_right",
    [LT_LEGEND_BOTTOM_LEFT] = "bottom_left", [LT_LEGEND_BOTTOM_RIGHT] = "bottom_right",
    [LT_LEGEND_RIGHT] = "right", [LT_LEGEND_BOTTOM] = "bottom", NULL,
};

static int fig_legend(lua_State *L)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    if (lua_isnone(L, 2)) {
        lua_pushstring(L, legend_names[f->legend]);
        return 1;
    }
    f->legend = (lt_legend_pos)luaL_checkoption(L, 2, NULL, legend_names);
    lua_settop(L, 1);
    return 1;
}

static int fig_size(lua_State *L)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    if (lua_isnone(L, 2) && lua_isnone(L, 3)) {
        lt_lua_pushnumber(L, f->text_width ? f->text_width : NAN, true);
        lt_lua_pushnumber(L, f->text_height ? f->text_height : NAN, true);
        return 2;
    }
    lua_Integer w = luaL_optinteger(L, 2, 0), h = luaL_optinteger(L, 3, 0);
    luaL_argcheck(L, w == 0 || (w >= 20 && w <= 10000), 2, "20 to 10000 cells or nil expected");
    luaL_argcheck(L, h == 0 || (h >= 5 && h <= 10000), 3, "5 to 10000 cells or nil expected");
    f->text_width = (int)w;
    f->text_height = (int)h;
    lua_settop(L, 1);
    return 1;
}

/* ---- fig:add ---- */

static bool layer_uses(const lt_layer *l, int axis)
{
    return !(l->kind == LT_LAYER_HLINE && axis == 0) && !(l->kind == LT_LAYER_VLINE && axis == 1);
}

static bool panel_uses(const lt_panel *p, int axis)
{
    for (size_t i = 0; i < p->nlayer; i++)
        if (layer_uses(&p->layers[i], axis))
            return true;
    return false;
}

/* Make axis d of a panel take the layers of a panel with axis s. */
static void merge_axis(lua_State *L, lt_axis *d, bool dused, const lt_axis *s, bool sused,
                       const char *name)
{
    if (!sused)
        return;
    if (!dused) {
        d->scale = s->scale;
        d->tkind = s->tkind;
        d->zero |= s->zero;
        if (s->scale == LT_SCALE_CATEGORY)
            check(L, lt_axis_set_categories(d, (const char *const *)s->cats, s->ncat), "add");
        if (!d->label && s->label)
            setstr(L, &d->label, s->label, "add");
        return;
    }
    bool dcat = d->scale == LT_SCALE_CATEGORY, scat = s->scale == LT_SCALE_CATEGORY;
    bool dtime = d->scale == LT_SCALE_TIME, stime = s->scale == LT_SCALE_TIME;
    if (dcat != scat)
        luaL_error(L, "add: the %s axis is %s here and %s in the added figure", name,
                   dcat ? "categorical" : "numeric", scat ? "categorical" : "numeric");
    if (dtime != stime)
        luaL_error(L, "add: the %s axis is %s here and %s in the added figure", name,
                   dtime ? "a time axis" : "numeric", stime ? "a time axis" : "numeric");
    if (dcat && d->ncat != s->ncat)
        luaL_error(L, "add: the %s axis has %d categories here and %d in the added figure",
                   name, d->ncat, s->ncat);
    for (int i = 0; dcat && i < d->ncat; i++)
        if (strcmp(d->cats[i], s->cats[i]) != 0)
            luaL_error(L, "add: %s category %d is '%s' here and '%s' in the added figure",
                       name, i + 1, d->cats[i], s->cats[i]);
    if (dtime && d->tkind != s->tkind)
        d->tkind = LT_DATETIME;
    d->zero |= s->zero;
}

/* A copy of layer s appended to p (NULL on allocation failure). */
static lt_layer *copy_layer(lt_panel *p, const lt_layer *s)
{
    lt_layer *l = NULL;
    switch (s->kind) {
    case LT_LAYER_LINE: case LT_LAYER_STEP: case LT_LAYER_POINTS:
        l = lt_panel_add_xy(p, s->kind, s->x, s->y, s->n, s->label);
        break;
    case LT_LAYER_RECT:
        l = lt_panel_add_rects(p, s->x0, s->x1, s->y0, s->y1, s->n, s->label);
        break;
    case LT_LAYER_BAND:
        l = lt_panel_add_band(p, s->x, s->y0, s->y1, s->n, s->label);
        break;
    case LT_LAYER_BOX:
        l = lt_panel_add_boxes(p, s->x, s->box, s->n, s->label);
        break;
    case LT_LAYER_HEATMAP:
        l = lt_panel_add_heatmap(p, s->z, s->nrow, s->ncol,
                                 (const char *const *)s->cell_text, s->cmap);
        if (l && lt_figure_set_str(&l->label, s->label) < 0)
            return NULL;
        break;
    case LT_LAYER_TEXT:
        l = lt_panel_add_text(p, s->x, s->y, (const char *const *)s->text, s->n);
        if (l && lt_figure_set_str(&l->label, s->label) < 0)
            return NULL;
        break;
    case LT_LAYER_HLINE:
        l = lt_panel_add_refs(p, s->kind, s->y, s->n, s->label);
        break;
    case LT_LAYER_VLINE:
        l = lt_panel_add_refs(p, s->kind, s->x, s->n, s->label);
        break;
    }
    if (!l)
        return NULL;
    l->alpha = s->alpha;
    l->width = s->width;
    l->dashed = s->dashed;
    l->horizontal = s->horizontal;
    l->zlo = s->zlo;
    l->zhi = s->zhi;
    return l;
}

/* The colour of a copied layer: the colour of a layer of p with the same
 * label (one legend entry for both), else a colour p has not used yet. */
static void copy_color(lt_panel *p, size_t before, lt_layer *l, const lt_layer *s)
{
    if (s->color == LT_COLOR_AUTO) {
        if (l->color != LT_COLOR_AUTO && l->color == p->next_color - 1)
            p->next_color--;
        l->color = LT_COLOR_AUTO;
        return;
    }
    for (size_t i = 0; s->label && i < before; i++) {
        const lt_layer *o = &p->layers[i];
        if (o->label && o->color != LT_COLOR_AUTO && strcmp(o->label, s->label) == 0) {
            if (l->color != LT_COLOR_AUTO && l->color == p->next_color - 1)
                p->next_color--;
            l->color = o->color;
            return;
        }
    }
    if (l->color == LT_COLOR_AUTO)
        l->color = p->next_color++;
}

static int fig_add(lua_State *L)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    lua_settop(L, 2);
    const lt_figure *o = plottable(L, 2, 0, "add");
    if (o == f) {   /* adding to itself: copy what is added first */
        lt_figure **slot = lt_lua_newfigure(L);
        o = *slot = lt_figure_copy(f);
        lt_lua_result(L, o, "add");
    }
    if (o->npanel == 0)
        return luaL_error(L, "add: the added figure has no panels");
    const lt_panel *src = &o->panels[0];
    /* Check every panel before changing any. */
    for (size_t i = 0; i < f->npanel; i++) {
        lt_panel *p = &f->panels[i];
        lt_axis x = p->x, y = p->y;   /* checked on copies: nothing changes yet */
        x.label = y.label = NULL;
        if (panel_uses(p, 0) && panel_uses(src, 0))
            merge_axis(L, &x, true, &src->x, true, "x");
        if (panel_uses(p, 1) && panel_uses(src, 1))
            merge_axis(L, &y, true, &src->y, true, "y");
    }
    for (size_t i = 0; i < f->npanel; i++) {
        lt_panel *p = &f->panels[i];
        merge_axis(L, &p->x, panel_uses(p, 0), &src->x, panel_uses(src, 0), "x");
        merge_axis(L, &p->y, panel_uses(p, 1), &src->y, panel_uses(src, 1), "y");
        for (size_t k = 0; k < src->nlayer; k++) {
            size_t before = p->nlayer;
            lt_layer *l = need(L, copy_layer(p, &src->layers[k]), "add");
            copy_color(p, before, l, &src->layers[k]);
        }
    }
    if (o->caption)
        check(L, lt_figure_note(f, o->caption), "add");
    lua_settop(L, 1);
    return 1;
}

/* ---- reference lines and text ---- */

/* palette.h's category colours, by name. */
static const char *const color_names[] = {"blue", "orange", "green", "red", "sky", "purple",
                                          "yellow", "grey", NULL};

/* Option color: a palette name or a position 1, 2 ... in the palette;
 * def when absent. */
static int optcolor(lua_State *L, int arg, int def)
{
    int t = lt_lua_optfield(L, arg, "color");
    int c = def;
    if (t == LUA_TNUMBER && lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 &&
        lua_tointeger(L, -1) <= 1000) {
        c = (int)lua_tointeger(L, -1) - 1;
    } else if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        int i = 0;
        while (color_names[i] && strcmp(color_names[i], s) != 0)
            i++;
        if (!color_names[i])
            luaL_argerror(L, arg, lua_pushfstring(L, "option 'color': unknown colour '%s' "
                "(blue, orange, green, red, sky, purple, yellow, grey or 1, 2 ...)", s));
        c = i;
    } else if (t != LUA_TNIL) {
        luaL_argerror(L, arg, "option 'color': a colour name or a palette position 1, 2 ... "
                              "expected");
    }
    lua_pop(L, 1);
    return c;
}

/* fig:hline(y [, opts]) and fig:vline(x [, opts]): on every panel. */
static int refs(lua_State *L, lt_layer_kind kind, const char *fname)
{
    static const char *const known[] = {"label", "color", NULL};
    lt_figure *f = lt_lua_checkfigure(L, 1);
    luaL_checkstack(L, STACK_ROOM, fname);
    lt_lua_checkopts(L, 3, known);
    lua_settop(L, 3);
    const char *label = lt_lua_optstr(L, 3, "label", NULL);
    int color = optcolor(L, 3, LT_COLOR_AUTO);
    bool many = lua_istable(L, 2);
    size_t n = many ? lua_rawlen(L, 2) : 1;
    luaL_argcheck(L, n > 0, 2, "a value or an array of values expected, got an empty table");
    double *v = buffer(L, (int64_t)n, sizeof *v);
    for (size_t i = 0; i < f->npanel; i++) {
        lt_panel *p = &f->panels[i];
        const lt_axis *a = kind == LT_LAYER_HLINE ? &p->y : &p->x;
        for (size_t k = 0; k < n; k++) {
            if (many)
                lua_rawgeti(L, 2, (lua_Integer)k + 1);
            else
                lua_pushvalue(L, 2);
            v[k] = axis_value(L, -1, 2, a, false);
            lua_pop(L, 1);
        }
        lt_layer *l = need(L, lt_panel_add_refs(p, kind, v, n, label), fname);
        if (color != LT_COLOR_AUTO) {
            if (l->color != LT_COLOR_AUTO && l->color == p->next_color - 1)
                p->next_color--;
            l->color = color;
        }
    }
    lua_settop(L, 1);
    return 1;
}

static int fig_hline(lua_State *L) { return refs(L, LT_LAYER_HLINE, "hline"); }
static int fig_vline(lua_State *L) { return refs(L, LT_LAYER_VLINE, "vline"); }

static int fig_text(lua_State *L)
{
    lt_figure *f = lt_lua_checkfigure(L, 1);
    const char *s = luaL_checkstring(L, 4);
    for (size_t i = 0; i < f->npanel; i++) {
        lt_panel *p = &f->panels[i];
        double x = axis_value(L, 2, 2, &p->x, false), y = axis_value(L, 3, 3, &p->y, false);
        need(L, lt_panel_add_text(p, &x, &y, &s, 1), "text");
    }
    lua_settop(L, 1);
    return 1;
}

static int fig_copy(lua_State *L)
{
    const lt_figure *f = lt_lua_checkfigure(L, 1);
    lt_figure **slot = lt_lua_newfigure(L);
    *slot = lt_figure_copy(f);
    return lt_lua_result(L, *slot, "copy");
}

/* ---- introspection ---- */

static const char *const layer_kinds[] = {
    [LT_LAYER_LINE] = "line", [LT_LAYER_STEP] = "step", [LT_LAYER_POINTS] = "points",
    [LT_LAYER_RECT] = "rect", [LT_LAYER_BAND] = "band", [LT_LAYER_BOX] = "box",
    [LT_LAYER_HEATMAP] = "heatmap", [LT_LAYER_TEXT] = "text", [LT_LAYER_HLINE] = "hline",
    [LT_LAYER_VLINE] = "vline",
};

static const char *const scale_kinds[] = {
    [LT_SCALE_LINEAR] = "linear", [LT_SCALE_LOG] = "log", [LT_SCALE_TIME] = "time",
    [LT_SCALE_CATEGORY] = "category",
};

/* t[key] = array of v[0..n) (NaN as nan), when v is not NULL. */
static void set_array(lua_State *L, const char *key, const double *v, size_t n)
{
    if (!v)
        return;
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, key);
}

static void set_strings(lua_State *L, const char *key, char *const *s, size_t n)
{
    if (!s)
        return;
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, s[i]);   /* nil for NULL: a hole */
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, key);
}

static void push_layer(lua_State *L, const lt_layer *l, size_t panel)
{
    lua_createtable(L, 0, 12);
    lua_pushstring(L, layer_kinds[l->kind]);
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, l->label);
    lua_setfield(L, -2, "label");
    lua_pushinteger(L, (lua_Integer)l->n);
    lua_setfield(L, -2, "n");
    lua_pushinteger(L, (lua_Integer)panel + 1);
    lua_setfield(L, -2, "panel");
    if (l->color != LT_COLOR_AUTO) {
        lua_pushinteger(L, l->color + 1);
        lua_setfield(L, -2, "color");
    }
    lua_pushboolean(L, l->horizontal);
    lua_setfield(L, -2, "horizontal");
    lua_pushboolean(L, l->dashed);
    lua_setfield(L, -2, "dashed");
    size_t n = l->kind == LT_LAYER_HEATMAP ? 0 : l->n;
    set_array(L, "x", l->x, n);
    set_array(L, "y", l->y, n);
    set_array(L, "x0", l->x0, n);
    set_array(L, "x1", l->x1, n);
    set_array(L, "y0", l->y0, n);
    set_array(L, "y1", l->y1, n);
    set_strings(L, "text", l->text, n);
    if (l->box) {
        static const char *const keys[] = {"lo_whisker", "q1", "median", "q3", "hi_whisker"};
        lua_createtable(L, (int)n, 0);
        for (size_t i = 0; i < n; i++) {
            const lt_box_stats *b = &l->box[i];
            const double v[] = {b->lo_whisker, b->q1, b->median, b->q3, b->hi_whisker};
            lua_createtable(L, 0, 6);
            for (int k = 0; k < 5; k++) {
                lua_pushnumber(L, v[k]);
                lua_setfield(L, -2, keys[k]);
            }
            set_array(L, "out", b->out ? b->out : v, b->out ? b->nout : 0);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, "box");
    }
    if (l->kind == LT_LAYER_HEATMAP) {
        lua_pushinteger(L, l->nrow);
        lua_setfield(L, -2, "nrow");
        lua_pushinteger(L, l->ncol);
        lua_setfield(L, -2, "ncol");
        set_array(L, "z", l->z, l->n);
        set_strings(L, "cell_text", l->cell_text, l->n);
        lua_pushstring(L, cmaps[l->cmap]);
        lua_setfield(L, -2, "cmap");
        lt_lua_pushnumber(L, l->zlo, false);
        lua_setfield(L, -2, "zlo");
        lt_lua_pushnumber(L, l->zhi, false);
        lua_setfield(L, -2, "zhi");
    }
}

static int fig_layers(lua_State *L)
{
    const lt_figure *f = lt_lua_checkfigure(L, 1);
    lua_newtable(L);
    lua_Integer k = 0;
    for (size_t p = 0; p < f->npanel; p++) {
        for (size_t i = 0; i < f->panels[p].nlayer; i++) {
            push_layer(L, &f->panels[p].layers[i], p);
            lua_rawseti(L, -2, ++k);
        }
    }
    return 1;
}

static void push_axis(lua_State *L, const lt_axis *a)
{
    lua_createtable(L, 0, 7);
    lua_pushstring(L, scale_kinds[a->scale]);
    lua_setfield(L, -2, "scale");
    if (a->scale == LT_SCALE_TIME) {
        lua_pushstring(L, a->tkind == LT_DATE ? "date" : "datetime");
        lua_setfield(L, -2, "time");
    }
    lua_pushstring(L, a->label);
    lua_setfield(L, -2, "label");
    push_axis_value(L, a, a->lo);
    lua_setfield(L, -2, "lo");
    push_axis_value(L, a, a->hi);
    lua_setfield(L, -2, "hi");
    lua_pushboolean(L, a->zero);
    lua_setfield(L, -2, "zero");
    if (a->scale == LT_SCALE_CATEGORY)
        set_strings(L, "categories", a->cats, (size_t)a->ncat);
}

static int fig_axes(lua_State *L)
{
    const lt_figure *f = lt_lua_checkfigure(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 1);
    luaL_argcheck(L, i >= 1 && (size_t)i <= f->npanel, 2,
                  lua_pushfstring(L, "panel 1 to %I expected", (lua_Integer)f->npanel));
    const lt_panel *p = &f->panels[i - 1];
    lua_createtable(L, 0, 3);
    lua_pushstring(L, p->title);
    lua_setfield(L, -2, "title");
    push_axis(L, &p->x);
    lua_setfield(L, -2, "x");
    push_axis(L, &p->y);
    lua_setfield(L, -2, "y");
    return 1;
}

/* fig.name: a method, or an error suggesting one (fig:titel). */
static int fig_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL || lua_type(L, 2) != LUA_TSTRING)
        return 1;
    enum { MAXM = 64 };
    const char *methods[MAXM];
    size_t n = 0;
    lua_pushnil(L);
    while (n < MAXM && lua_next(L, lua_upvalueindex(1))) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING)
            methods[n++] = lua_tostring(L, -1);   /* the method table keeps it */
    }
    const char *name = lua_tostring(L, 2);
    const char *near = lt_lua_suggest(name, methods, n);
    if (near)
        return luaL_error(L, "figure: no method '%s' (did you mean '%s'?)", name, near);
    return luaL_error(L, "figure: no method '%s'", name);
}

/* ---- registration ------------------------------------------------------------------------ */

#define LABEL_HELP \
    "title, subtitle   the figure's titles\n" \
    "xlabel, ylabel    axis titles (default: the column names)"

const lt_lua_reg lt_lua_plot_lib[] = {
    {"plot", plot_show, "plot(x [, opts])", "Draw a figure now; returns it.\n"
     "x is a Figure, a Column (numbers and times: a histogram; str and bool: a bar\n"
     "chart of its counts), a frame of a category and a number column (as\n"
     "col:counts() returns: a bar chart), or any value whose metatable has a\n"
     "__plot(value, opts) function returning a Figure.  The figure is drawn in\n"
     "the terminal at its width with braille dots and block characters (colour\n"
     "unless NO_COLOR; ASCII with LUNETTE_ASCII=1).  plot.hist, plot.scatter ...\n"
     "make figures without drawing them: the REPL shows a returned figure.\n"
     "In the workbench the figure goes to the plot pane instead, at its size.",
     "width, height   the size in cells (default: the terminal's width, and\n"
     "                a height from it)\n"
     "image = false   true: an inline image (Cairo) where the terminal speaks\n"
     "                the kitty, sixel or iTerm2 protocol, else the text drawing",
     "plot(churn.tenure)\nplot(churn.contract)\nplot(churn.payment_method:counts())\n"
     "plot(plot.hist(churn.tenure), { width = 60, height = 15 })"},
    {"plot.hist", plot_hist, "plot.hist(x [, opts])", "Histogram of a number or time column.\n"
     "Also plot.hist(df, \"col\" [, opts]).  Bins by R's hist(): Sturges' count\n"
     "of bins at pretty() breaks; with bins = n, n equal bins from min to max\n"
     "(numpy.histogram).  Bins are [a, b), the last [a, b].  Times fall in\n"
     "calendar bins (hours, days, weeks from Monday, months, quarters, years,\n"
     "decades: the unit whose count comes nearest Sturges').  Missing and\n"
     "infinite values are skipped and counted in the caption.",
     "bins = auto          the number of bins\n"
     "by = nil             a column (a column name with df): one colour per\n"
     "                     group, all groups on the same bins\n"
     "position = \"stack\"   with by: \"stack\", \"dodge\" (side by side) or\n"
     "                     \"facet\" (one panel per group)\n"
     "density = false      true: densities (bar areas sum to 1 per group)\n"
     LABEL_HELP,
     "plot.hist(churn.monthly_charges, { by = churn.churn, bins = 30 })\n"
     "plot.hist(churn, \"tenure\", { by = \"contract\", position = \"facet\" })"},
    {"plot.density", plot_density, "plot.density(x [, opts])",
     "Kernel density estimate of a column, as lines.\n"
     "Also plot.density(df, \"col\" [, opts]).  Gaussian kernel with R's default\n"
     "bandwidth (bw.nrd0) per group, over min - 3 bw to max + 3 bw at 512\n"
     "points, as R's density().  Groups of one value are left out with a note.",
     "by = nil    a column (or name with df): one line per group, with a legend\n"
     "bw = auto   the bandwidth, in the units of x (days for a time column)\n"
     LABEL_HELP,
     "plot.density(penguins, \"body_mass_g\", { by = \"species\" })"},
    {"plot.scatter", plot_scatter, "plot.scatter(df, \"x\", \"y\" [, opts])",
     "Scatter plot of two columns.\n"
     "Also plot.scatter(xcol, ycol [, opts]).  Numbers on linear axes, times on a\n"
     "time axis, str and bool columns on a categorical axis (sorted).  Rows\n"
     "missing x or y are skipped and counted in the caption.",
     "color = nil   a column (or name with df) of categories: str, bool, or\n"
     "              integers with at most 12 distinct values; one colour per\n"
     "              value, in sorted order, with a legend\n"
     LABEL_HELP,
     "plot.scatter(churn, \"tenure\", \"total_charges\", { color = \"contract\" })\n"
     "plot.scatter(penguins.bill_length_mm, penguins.bill_depth_mm)"},
    {"plot.line", plot_line, "plot.line(df, \"x\", \"y\" [, opts])",
     "Line chart, points joined in order of x.\n"
     "y may be an array of column names: one line each, with a legend.  Also\n"
     "plot.line(xcol, ycol) and plot.line(ycol) (x = 1, 2 ...).  Rows missing x\n"
     "are skipped; a missing y breaks the line.  Both are counted in the\n"
     "caption.",
     "color = nil   a column (or name with df) of groups: one line per group\n"
     LABEL_HELP,
     "plot.line(air, \"month\", \"passengers\")\n"
     "plot.line(df, \"day\", { \"sales\", \"forecast\" })"},
    {"plot.step", plot_step, "plot.step(df, \"x\", \"y\" [, opts])",
     "Step chart: y holds from each x to the next.\n"
     "The forms and options of plot.line (R's type = \"s\").",
     "color = nil   a column (or name with df) of groups: one line per group\n"
     LABEL_HELP,
     "plot.step(air, \"month\", \"passengers\")"},
    {"plot.band", plot_band, "plot.band(df, \"x\", \"lo\", \"hi\" [, opts])",
     "The area between two lines, as for intervals.\n"
     "Also plot.band(xcol, locol, hicol [, opts]).  Drawn translucent, so that\n"
     "fig:add can lay a line over it.",
     "label = nil   the legend entry of the band\n" LABEL_HELP,
     "plot.band(fc, \"month\", \"lo80\", \"hi80\", { label = \"80%\" })\n"
     "  :add(plot.line(fc, \"month\", \"mean\"))"},
    {"plot.bar", plot_bar, "plot.bar(df, \"cat\", \"value\" [, opts])",
     "Bar chart of values by category.\n"
     "Also plot.bar(frame) for a frame of a category column (its first str, bool\n"
     "or time column) and a number column (its first other one), as col:counts()\n"
     "returns; and plot.bar(col) for the counts of a column's values, most\n"
     "frequent first.  Repeated categories add up; missing categories are \"NA\".\n"
     "Bars are horizontal when there are more than 12 categories or their labels\n"
     "would not fit side by side (categories x (longest label + 2) > 60); more\n"
     "than 20 of them get a terminal row each (a size hint, see fig:size).",
     "color = nil          a column (or name with df) of groups: bars per group\n"
     "position = \"dodge\"   with color: \"dodge\" (side by side) or \"stack\"\n"
     "horizontal = auto    true: bars grow to the right\n"
     "sort = \"none\"        \"none\" (the data's order), \"desc\" or \"asc\" by value\n"
     "max_categories = 40  the first categories shown, the rest counted in the\n"
     "                     caption\n"
     LABEL_HELP,
     "fig = plot.bar(churn.payment_method:counts())\n"
     "plot.bar(churn.contract, { color = churn.churn, position = \"stack\" })\n"
     "plot.bar(sales, \"region\", \"revenue\", { sort = \"desc\" })"},
    {"plot.box", plot_box, "plot.box(df, \"y\" [, opts])", "Box plots, one per group.\n"
     "Also plot.box(col [, opts]).  Boxes as R's boxplot(): hinges, the median,\n"
     "whiskers to the most extreme values within 1.5 IQR, outliers as points.",
     "by = nil   a column (or name with df): one box per value, sorted\n" LABEL_HELP,
     "plot.box(churn, \"monthly_charges\", { by = \"contract\" })\n"
     "plot.box(penguins.body_mass_g, { by = penguins.species })"},
    {"plot.heatmap", plot_heatmap, "plot.heatmap(df [, opts])",
     "Heatmap of a table of numbers, cells annotated.\n"
     "The frame's first str column names the rows and its number columns are the\n"
     "cells (as crosstab returns); or a Lua array of rows, each an array of\n"
     "numbers (nil or NA for a missing cell).  Row 1 is at the top.",
     "rows, cols           names of the rows and columns of an array (default\n"
     "                     1, 2 ...)\n"
     "annotate = auto      write the values in the cells (default: up to 400\n"
     "                     cells)\n"
     "fmt = signif 3       a printf format of the values: \"%.2f\", \"%d\",\n"
     "                     \"%.1f%%\"; default 3 significant digits, whole\n"
     "                     numbers in full\n"
     "cmap = \"sequential\"  viridis; \"diverging\" (centred on 0) for signed\n"
     "                     values; \"blues\" (white to dark blue) for counts\n"
     "zlim = auto          { lo, hi }: the values of the colour map's ends\n"
     LABEL_HELP,
     "plot.heatmap(churn:crosstab(\"contract\", \"churn\"))\n"
     "plot.heatmap({ { 1, 0.8 }, { 0.8, 1 } }, { rows = { \"a\", \"b\" },\n"
     "  cols = { \"a\", \"b\" }, cmap = \"diverging\", zlim = { -1, 1 } })"},
    {"plot.grid", plot_grid, "plot.grid(figs [, opts])", "Figures side by side, as facets.\n"
     "A new figure whose panels are copies of the panels of each figure in the\n"
     "array figs, in rows of ncol; each figure's title becomes its panel's\n"
     "title.",
     "ncol = auto   panels per row (all of them up to 3, else about sqrt(n))\n"
     "title, subtitle   the titles of the whole",
     "plot.grid({ plot.hist(churn.tenure, { title = \"tenure\" }),\n"
     "            plot.hist(churn.monthly_charges, { title = \"charges\" }) })"},
    {"save", plot_save, "save(x, path [, opts])", "Write a figure to PNG, SVG or PDF.\n"
     "x is a figure or anything plot() takes; the format comes from the path's\n"
     "extension.  The file is written whole or not at all; errors name the path.",
     "width = 1200, height = 750   the size in pixels (SVG and PDF: width/dpi\n"
     "                             by height/dpi inches)\n"
     "dpi = 150                    dots per inch: the scale of text and lines",
     "save(fig, \"payment.png\", { width = 1200, height = 800 })\n"
     "save(plot.hist(churn.tenure), \"tenure.pdf\")"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const lt_lua_reg lt_lua_figure_methods[] = {
    {"title", fig_title, "fig:title([s])", "Set the title (nil clears it); returns fig.\n"
     "Without an argument, the current title.  Every setter of a figure returns\n"
     "the figure, so calls chain.", NULL,
     "plot.hist(churn.tenure):title(\"Tenure\"):xlabel(\"months\")"},
    {"subtitle", fig_subtitle, "fig:subtitle([s])", "Set the subtitle; returns fig.\n"
     "Without an argument, the current subtitle.", NULL,
     "fig:subtitle(\"7043 customers\")"},
    {"caption", fig_caption, "fig:caption([s])", "Set the caption under the figure.\n"
     "Without an argument, the current caption (where notes such as \"12 missing\n"
     "values skipped\" go).", NULL, "fig:caption(\"Source: IBM telco sample\")"},
    {"xlabel", fig_xlabel, "fig:xlabel([s])", "Set the x axis title of every panel.\n"
     "Without an argument, the first panel's.", NULL, "fig:xlabel(\"months\")"},
    {"ylabel", fig_ylabel, "fig:ylabel([s])", "Set the y axis title of every panel.\n"
     "Without an argument, the first panel's.", NULL, "fig:ylabel(\"customers\")"},
    {"xlim", fig_xlim, "fig:xlim(lo, hi)", "Set the x axis range; nil for automatic.\n"
     "Numbers, or dates and datetimes as strings on a time axis.  Without\n"
     "arguments, the current limits.", NULL,
     "fig:xlim(0, 100)\nfig:xlim(\"1955-01-01\", nil)\nfig:xlim(nil, nil)"},
    {"ylim", fig_ylim, "fig:ylim(lo, hi)", "Set the y axis range; nil for automatic.\n"
     "As fig:xlim.", NULL, "fig:ylim(0, nil)"},
    {"log_x", fig_log_x, "fig:log_x([on])", "Use a log10 scale on the x axis.\n"
     "fig:log_x(false) goes back to linear.  Numbers only: drawing raises on\n"
     "values <= 0.", NULL, "plot.scatter(df, \"income\", \"spend\"):log_x()"},
    {"log_y", fig_log_y, "fig:log_y([on])", "Use a log10 scale on the y axis.\n"
     "As fig:log_x.", NULL, "plot.line(air, \"month\", \"passengers\"):log_y()"},
    {"legend", fig_legend, "fig:legend(pos)", "Place the legend.\n"
     "pos is \"auto\" (inside, in the emptiest corner, else on the right),\n"
     "\"none\", \"top_left\", \"top_right\", \"bottom_left\", \"bottom_right\", \"right\"\n"
     "or \"bottom\" (outside).  Without an argument, the current choice.", NULL,
     "fig:legend(\"bottom\")"},
    {"size", fig_size, "fig:size(width, height)", "Set the terminal size in cells.\n"
     "Hints for the text drawing (nil: from the terminal); plot() options win.\n"
     "Without arguments, the current hints.", NULL, "fig:size(60, 20)"},
    {"add", fig_add, "fig:add(other)", "Overlay another figure's layers.\n"
     "The layers of other's first panel are copied into every panel of fig\n"
     "(other may also be anything plot() takes).  Categorical axes must have the\n"
     "same categories, and a time axis cannot meet a numeric one.  A layer with\n"
     "the label of one of fig takes its colour, others a new one.", NULL,
     "plot.scatter(df, \"x\", \"y\"):add(plot.line(fit, \"x\", \"y\"))"},
    {"hline", fig_hline, "fig:hline(y [, opts])", "Horizontal reference lines.\n"
     "y is a number (a date string on a time axis, a category name on a\n"
     "categorical one) or an array of them; drawn dashed on every panel.",
     "label = nil   a legend entry\n"
     "color = grey  a palette colour: blue, orange, green, red, sky, purple,\n"
     "              yellow, grey, or its position 1, 2 ...",
     "fig:hline(0)\nfig:hline(churn.tenure:mean(), { label = \"mean\", color = \"red\" })"},
    {"vline", fig_vline, "fig:vline(x [, opts])", "Vertical reference lines.\n"
     "As fig:hline, along x.",
     "label = nil   a legend entry\n"
     "color = grey  a palette colour (see fig:hline)",
     "fig:vline(\"1958-01-01\", { label = \"recession\" })"},
    {"text", fig_text, "fig:text(x, y, s)", "Write s centred at (x, y) on every panel.\n"
     "x and y as for fig:hline: numbers, dates or category names.", NULL,
     "fig:text(\"1960-07-01\", 622, \"peak\")"},
    {"show", plot_show, "fig:show([opts])", "Draw the figure now, as plot(fig, opts).",
     "width, height, image   as for plot()", "fig:show{ width = 100, height = 30 }"},
    {"save", plot_save, "fig:save(path [, opts])", "Write to PNG, SVG or PDF, as save().",
     "width, height, dpi   as for save()", "fig:save(\"tenure.svg\")"},
    {"copy", fig_copy, "fig:copy()", "A deep copy, to change apart.", NULL,
     "local g = fig:copy():log_y()"},
    {"layers", fig_layers, "fig:layers()", "The layers, as an array of tables.\n"
     "Each has kind (\"line\", \"step\", \"points\", \"rect\", \"band\", \"box\",\n"
     "\"heatmap\", \"text\", \"hline\", \"vline\"), label, n (elements), panel, color\n"
     "(a palette position, nil for the neutral grey), and its data: x, y, x0, x1,\n"
     "y0, y1, text, box (five numbers and out), z and cell_text.  Times are in\n"
     "microseconds, categories at positions 0, 1 ...", NULL,
     "for _, l in ipairs(fig:layers()) do print(l.kind, l.label, l.n) end"},
    {"axes", fig_axes, "fig:axes([panel])", "The axes of a panel (default 1), as a table.\n"
     "{ title =, x = axis, y = axis }, each axis { scale = \"linear\", \"log\",\n"
     "\"time\" or \"category\", time = \"date\" or \"datetime\", label =, lo =,\n"
     "hi = (the limits), zero =, categories = {...} }.", NULL,
     "plot.line(air, \"month\", \"passengers\"):axes().x.scale   --> \"time\""},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

void lt_lua_open_plot(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__gc", fig_gc},
        {"__close", fig_gc},
        {"__tostring", fig_tostring},
        {NULL, NULL},
    };
    lt_lua_newmeta(L, LT_FIGURE_MT, meta, fig_index);
    luaL_newmetatable(L, SCRATCH_MT);
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}
