/* Lua bindings of the date functions that are not column methods
 * (core/dates.h): date_range.  The element-wise date functions (year,
 * floor, to_date ...) are expression functions of core/fn.h, bound with
 * the others. */
#include "dates.h"
#include "help.h"
#include "l_aux.h"

/* date_range(start, stop [, step]) -> Column */
static int date_range(lua_State *L)
{
    const char *start = luaL_checkstring(L, 1);
    const char *stop = luaL_checkstring(L, 2);
    const char *step = luaL_optstring(L, 3, "1d");
    lt_col **slot = lt_lua_newcol(L);
    *slot = lt_date_range(start, stop, step);
    return lt_lua_result(L, *slot, "date_range");
}

const lt_lua_reg lt_lua_date_lib[] = {
    {"date_range", date_range, "date_range(start, stop [, step])",
     "A column of times from start to stop by step.\n"
     "As pandas' date_range: start and stop are ISO 8601 strings, and stop is\n"
     "included when it falls on the grid.  Dates (\"2024-01-01\") give a date\n"
     "column unless the step is shorter than a day; a start or stop with a time\n"
     "gives datetimes.  stop before start gives an empty column; more than 100\n"
     "million values is an error.\n"
     "Steps: a count and a unit, us ms s m (minutes) h d w mo (calendar months)\n"
     "q y, or year, quarter, month, week, day, hour, minute, second (default\n"
     "\"1d\").  Months count from start and keep its day, clamped to the end of\n"
     "shorter months: 2024-01-31 by \"1mo\" gives 01-31, 02-29, 03-31, 04-30\n"
     "(as Polars; pandas' DateOffset drifts to the 29th after February).",
     NULL,
     "date_range(\"2024-01-01\", \"2024-12-31\")          -- 366 dates\n"
     "date_range(\"2024-01-31\", \"2024-12-31\", \"1mo\")   -- month ends\n"
     "date_range(\"2024-01-01 00:00\", \"2024-01-02 00:00\", \"15m\")"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};
