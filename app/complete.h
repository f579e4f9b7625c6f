/* Tab completion for the line REPL: globals and Lua keywords, fields after
 * `.`, methods after `:`, frame columns (and table keys) inside `x["`,
 * file names inside other string literals.  Values are inspected through
 * Lua only, under a protected call. */
#ifndef LT_COMPLETE_H
#define LT_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

/* Whether s[0..n) is a Lua name: an identifier that is not a keyword. */
bool lt_complete_is_name(const char *s, size_t n);

/* Point readline's completion at the globals of L. */
void lt_complete_init(lua_State *L);

#endif
