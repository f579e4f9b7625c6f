/* Helpers shared by the Lua binding modules: object userdata, argument
 * and option-table checks, errors, suggestions and value conversion.
 *
 * Ownership rule of every binding: push the userdata that will own a
 * result *before* calling the core (lt_lua_newframe / lt_lua_newcol /
 * lt_lua_newbox / lt_lua_buffer), so that a Lua error raised at any later
 * point (a bad argument, a core failure, Lua running out of memory) leaves
 * nothing unowned: the garbage collector frees it. */
#ifndef LT_L_AUX_H
#define LT_L_AUX_H

#include <stdbool.h>
#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

#include "expr.h"
#include "figure.h"
#include "frame.h"
#include "print.h"
#include "sbuf.h"

#define LT_FRAME_MT "lunette.Frame"
#define LT_COLUMN_MT "lunette.Column"
#define LT_SELECTOR_MT "lunette.Selector"
#define LT_NA_MT "lunette.NA"
#define LT_BOX_MT "lunette.Box"
#define LT_EXPR_MT "lunette.Expr"
#define LT_DESC_MT "lunette.Desc"
#define LT_GROUPED_MT "lunette.GroupedFrame"
#define LT_FIGURE_MT "lunette.Figure"
#define LT_SESSION_MT "lunette.Session"

/* Registry keys of the host's settings (see lunette.h). */
#define LT_PROGRESS_KEY "lunette.progress"
#define LT_WIDTH_KEY "lunette.width"
#define LT_COLOR_KEY "lunette.color"
/* The NA sentinel value, kept in the registry. */
#define LT_NA_KEY "lunette.NA.value"

/* Raise "fname: <lt_errmsg()>" (never returns). */
int lt_lua_error(lua_State *L, const char *fname);
/* 1 when p is non-NULL, else raise as lt_lua_error: `*slot = core(...);
 * return lt_lua_result(L, *slot, "head");`. */
int lt_lua_result(lua_State *L, const void *p, const char *fname);

/* Push a userdata of metatable mt holding a NULL pointer, with nuv user
 * values, and return its slot, where the caller stores the owned object
 * (the metatable's __gc frees it).  */
void **lt_lua_newobject(lua_State *L, const char *mt, int nuv);
/* The object in the slot of the userdata at idx (metatable mt); raise a
 * bad-argument error ("`what` is closed") when the slot is NULL. */
void *lt_lua_checkobject(lua_State *L, int idx, const char *mt, const char *what);

/* Push a Frame / Column userdata holding NULL (with its metatable) and
 * return the slot where the caller stores the owned pointer.  A Column has
 * one user value: the name of the frame column it was taken from (df.x,
 * df:col"x"), nil otherwise; plots use it for axis labels. */
lt_frame **lt_lua_newframe(lua_State *L);
lt_col **lt_lua_newcol(lua_State *L);
/* The frame column name the Column at idx came from, or NULL. */
const char *lt_lua_colname(lua_State *L, int idx);
/* The frame / column at idx; raise a bad-argument error naming the
 * expected type when it is something else or has been closed. */
lt_frame *lt_lua_checkframe(lua_State *L, int idx);
lt_col *lt_lua_checkcol(lua_State *L, int idx);
/* The open column at idx, or NULL (no error). */
lt_col *lt_lua_tocol(lua_State *L, int idx);
/* Is the value at idx the NA sentinel? */
bool lt_lua_isna(lua_State *L, int idx);

/* Operand of an element-wise operation: a column, or a number, string or
 * boolean made a length-1 column.  A scalar's column replaces the value at
 * idx on the stack (so the stack owns it).  `what` names the operation in
 * the error raised for anything else. */
lt_col *lt_lua_checkoperand(lua_State *L, int idx, const char *what);

/* Push a box (a userdata whose __gc frees a malloc'd pointer) and return
 * the slot; store a malloc'd pointer there to make the stack own it. */
void **lt_lua_newbox(lua_State *L);
/* Push the malloc'd string s (freeing it), or raise "fname: out of
 * memory" when s is NULL; the box at the top of the stack (from
 * lt_lua_newbox, holding s) is replaced by the string. */
int lt_lua_pushboxed(lua_State *L, void **box, const char *fname);

/* Push an uninitialised scratch array of n elements of `size` bytes owned
 * by the stack (raises on overflow or lack of memory). */
void *lt_lua_buffer(lua_State *L, size_t n, size_t size);

/* Option tables: the argument at arg is absent, nil or a table whose keys
 * are all in `known` (NULL-terminated); anything else raises, with a "did
 * you mean" for a misspelt key.  Returns whether a table is there. */
bool lt_lua_checkopts(lua_State *L, int arg, const char *const *known);
/* Field `key` of the options table at arg (absent or nil gives def);
 * a value of the wrong kind raises a bad-argument error on arg. */
bool lt_lua_optbool(lua_State *L, int arg, const char *key, bool def);
lua_Integer lt_lua_optint(lua_State *L, int arg, const char *key, lua_Integer def);
const char *lt_lua_optstr(lua_State *L, int arg, const char *key, const char *def);
/* Push field `key` of the options table at arg (nil when absent) and
 * return its Lua type. */
int lt_lua_optfield(lua_State *L, int arg, const char *key);
/* A number option (def when absent). */
double lt_lua_optnum(lua_State *L, int arg, const char *key, double def);
/* A string option that must be one of names (NULL-terminated): its index,
 * def when absent; anything else raises, listing the names. */
int lt_lua_optchoice(lua_State *L, int arg, const char *key, const char *const *names,
                     int def);

/* The closest of cands[0..n) to name (lt_suggest, else the first that
 * name abbreviates, with three letters or more), or NULL. */
const char *lt_lua_suggest(const char *name, const char *const *cands, size_t n);
/* Raise "what: no field or method 'key' (did you mean 'x'?)": x among
 * the names of the NULL-terminated lists a and b (b may be NULL), then
 * the string keys of the method table at index methods (64 names at
 * most). */
int lt_lua_nofield(lua_State *L, const char *what, const char *key, const char *const *a,
                   const char *const *b, int methods);
/* Raise "fname: column 'x' not found (did you mean 'y'?)". */
int lt_lua_nocolumn(lua_State *L, const lt_frame *f, const char *name,
                    const char *fname);
/* Index of column `name` of f, or raise as lt_lua_nocolumn. */
int lt_lua_colindex(lua_State *L, const lt_frame *f, const char *name,
                    const char *fname);

/* The columns of f selected by the value at idx (given as argument arg,
 * for messages): a column name, a glob pattern, a selector (numeric() ...)
 * or an array of them, as df:select takes them (l_frame.c).  Their indexes go to out (room for
 * f->ncol), in order, each once; returns how many.  Raises on an unknown
 * name or a value of another kind. */
int lt_lua_checkcols(lua_State *L, int arg, int idx, const lt_frame *f, const char *fname,
                     int *out);

/* Push value i of c as Lua sees it: nil when missing, integers as
 * integers, f64 as floats, bool as booleans, str as strings, times as ISO
 * strings ("2024-01-31" or "2024-01-31 13:45:00"). */
void lt_lua_pushvalue(lua_State *L, const lt_col *c, int64_t i);
/* Push the values of c as a Lua array (missing values are nil holes)
 * with the length in field n, as table.pack does. */
void lt_lua_pusharray(lua_State *L, const lt_col *c);
/* Push a number result: nil when NaN, an integer when `integral` and the
 * value is a whole number in range, else a float. */
void lt_lua_pushnumber(lua_State *L, double v, bool integral);

/* A column from the Lua array at idx (length: its field n, else #t;
 * nil and NA are missing; integers give i64, mixed numbers f64), pushed
 * as a Column userdata.  Errors read "fname: name mixes value types ...",
 * with name such as "column 'x'" or "the values". */
lt_col *lt_lua_array_to_col(lua_State *L, int idx, const char *fname, const char *name);

/* The print options for __tostring, from the host's display settings. */
void lt_lua_print_opts(lua_State *L, lt_print_opts *o);
/* Print the string at the top through the global print (which a host
 * may redirect, as the TUI console does), or to stdout when there is no
 * print function; pops it.  [-1, +0] */
void lt_lua_print_top(lua_State *L);

/* The type name of the value at idx for messages: its metatable's __name
 * ("lunette.Frame") when it has one, as luaL_typeerror does, else the Lua
 * type ("table"). */
const char *lt_lua_typename(lua_State *L, int idx);

/* Is s[0..len) a Lua name (letters, digits, _, not a keyword), which a
 * table constructor or an expression can use bare? (l_repr.c) */
bool lt_lua_isident(const char *s, size_t len);

/* Parse a type name ("f64", "i64", "bool", "str", "date", "datetime" and
 * the aliases of lt_type_parse) or raise a bad-argument error on arg. */
lt_type lt_lua_checktype(lua_State *L, int arg, const char *name,
                         lt_time_kind *kind);

/* write_csv(df, path [, opts]), also the method df:write_csv (l_csv.c). */
int lt_lua_write_csv(lua_State *L);

/* Create metatable `name` the way liolib's createmeta does, pushing
 * nothing: `meta` (ends with {NULL, NULL}) gives the metamethods; a new
 * method table is stored as its field `__methods` (for introspection and
 * REPL completion) and is its __index, or the first upvalue of `index`
 * when that is not NULL (__index then is a C closure that looks methods up
 * itself). */
void lt_lua_newmeta(lua_State *L, const char *name, const luaL_Reg *meta,
                    lua_CFunction index);

/* ---- expressions (l_expr.c) ---- */

/* Push an Expr userdata holding NULL; store the owned tree in the slot. */
lt_expr **lt_lua_newexpr(lua_State *L);
lt_expr *lt_lua_checkexpr(lua_State *L, int idx);
/* The value at idx as an expression, which replaces it on the stack: an
 * Expr as is; a string parsed when `parse` (filter/mutate/agg values),
 * else a literal; a number, boolean, nil/NA, column or array (a list) as
 * a literal.  Errors name fname. */
lt_expr *lt_lua_toexpr(lua_State *L, int idx, const char *fname, bool parse);
/* The expression of a desc() sort key at idx, or NULL when it is none. */
lt_expr *lt_lua_todesc(lua_State *L, int idx);
/* Push the method `name` of expressions and columns (a function of
 * core/fn.h), or nil when there is none. */
int lt_lua_push_fn_method(lua_State *L, const char *name);

/* Create the metatables of each binding module (called once by
 * luaopen_lunette; their method tables are filled from help.h's groups). */
void lt_lua_open_column(lua_State *L);
void lt_lua_open_frame(lua_State *L);
void lt_lua_open_expr(lua_State *L);
void lt_lua_open_verbs(lua_State *L);
void lt_lua_open_plot(lua_State *L);
void lt_lua_open_session(lua_State *L);
void lt_lua_open_evaluate(lua_State *L);
void lt_lua_open_drift(lua_State *L);

/* ---- the workbench session (l_session.c) ---- */

/* Push the session of L (the `session` global), made on first use and
 * kept in the registry: one per lua_State. */
void lt_lua_push_session(lua_State *L);

/* ---- figures (l_plot.c) ---- */

/* Push a Figure userdata holding NULL; store the owned lt_figure there. */
lt_figure **lt_lua_newfigure(lua_State *L);
/* The open figure at idx, or a bad-argument error. */
lt_figure *lt_lua_checkfigure(lua_State *L, int idx);

#endif
