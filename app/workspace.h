/* The workspace as the inspector lists it: the globals the user made
 * (those that were not there, or held another value, when the workbench
 * started), with their type, shape and memory.
 *
 * The shape: rows x columns of a Frame, the length of a Column, the
 * value of a number, boolean or short string, #n of a table; any other
 * object says it through its metatable's __shape, a C function called
 * with the object that returns a few words ("19 cols, 14 drifted",
 * "binary, 7,043 rows", "closed" once closed), cut to 63 bytes. */
#ifndef LT_WORKSPACE_H
#define LT_WORKSPACE_H

#include <lua.h>

#include "inspector.h"

typedef struct lt_workspace {
    lt_inspector_item *items;
    int n;
} lt_workspace;

/* Remember the globals as they are now (the libraries). */
void lt_workspace_baseline(lua_State *L);

/* The user's globals, sorted by name (the caller frees with
 * lt_workspace_fini).  0, or -1 without memory. */
int lt_workspace_scan(lua_State *L, lt_workspace *ws);
void lt_workspace_fini(lt_workspace *ws);

#endif
