/* Registration entries that double as help texts.
 *
 * Every public Lua function and method is declared once, in an lt_lua_reg
 * array of its binding module, with its signature, summary, options and
 * example.  luaopen_lunette registers the functions from these arrays (the
 * library table and each metatable's method table), and help() /
 * lt_lua_help read the same arrays, so a function cannot be public without
 * its help entry. */
#ifndef LT_HELP_H
#define LT_HELP_H

#include <lua.h>

typedef struct lt_lua_reg {
    const char *name;     /* library field or method name */
    lua_CFunction fn;     /* NULL for a topic that is no function (NA, operators) */
    const char *sig;      /* "df:head([n])" */
    const char *summary;  /* one line (help() lists it), then optional lines of
                             detail shown by help(name) */
    const char *options;  /* lines "name = default   meaning", or NULL */
    const char *example;  /* Lua lines */
} lt_lua_reg;

typedef struct lt_lua_group {
    const char *title;    /* "Frames", "Frame methods", ... */
    const char *type;     /* NULL: library fields; "Frame": methods of "lunette.Frame" */
    const lt_lua_reg *regs;   /* ends with an entry whose name is NULL */
} lt_lua_group;

/* Entries of each binding module. */
extern const lt_lua_reg lt_lua_frame_lib[];
extern const lt_lua_reg lt_lua_frame_methods[];
extern const lt_lua_reg lt_lua_column_methods[];
extern const lt_lua_reg lt_lua_csv_lib[];
extern const lt_lua_reg lt_lua_repr_lib[];
extern const lt_lua_reg lt_lua_date_lib[];
extern const lt_lua_reg lt_lua_expr_lib[];
extern const lt_lua_reg lt_lua_verb_methods[];
extern const lt_lua_reg lt_lua_grouped_methods[];
/* Made from core/fn.h's registry when the library opens. */
extern lt_lua_reg lt_lua_fn_regs[];
extern const lt_lua_reg lt_lua_join_methods[];
extern const lt_lua_reg lt_lua_reshape_methods[];
extern const lt_lua_reg lt_lua_reshape_lib[];
/* Dotted names ("plot.hist") are fields of a library table ("plot"); an
 * entry named as the table itself is its __call. */
extern const lt_lua_reg lt_lua_plot_lib[];
extern const lt_lua_reg lt_lua_figure_methods[];
extern const lt_lua_reg lt_lua_view_lib[];
extern const lt_lua_reg lt_lua_session_lib[];
extern const lt_lua_reg lt_lua_session_methods[];
extern const lt_lua_reg lt_lua_evaluate_lib[];
extern const lt_lua_reg lt_lua_evaluation_methods[];
extern const lt_lua_reg lt_lua_confusion_methods[];
extern const lt_lua_reg lt_lua_curve_methods[];
extern const lt_lua_reg lt_lua_comparison_methods[];
extern const lt_lua_reg lt_lua_folds_lib[];
extern const lt_lua_reg lt_lua_drift_lib[];
extern const lt_lua_reg lt_lua_drift_methods[];
extern const lt_lua_reg lt_lua_driftcol_methods[];
extern const lt_lua_reg lt_lua_driftseries_methods[];

/* All groups, in the order help() lists them; ends with a NULL title. */
extern const lt_lua_group lt_lua_groups[];

/* t[name] = fn for each entry with a function, t at the top of the stack. */
void lt_lua_setfuncs(lua_State *L, const lt_lua_reg *regs);

#endif
