/* Joins of two frames on key columns (a hash join over the joint groups
 * of group.h).
 *
 * Keys match when equal as in grouping: numbers by value, strings by their
 * text (also on different dictionaries), times by their instant; a missing
 * key matches a missing key, as pandas, dplyr and data.table do (filter
 * missing keys out first to avoid it).  Keys must have one type on both
 * sides (i64 and f64 do not mix; any two time columns do).  Many-to-many
 * matches give every pair.
 *
 * Rows and columns follow pandas' merge (as documented from pandas 2.2):
 *   inner  left rows in order, each with its matches in right order
 *   left   left rows in order, each with its matches in right order, or
 *          once with missing right columns when it has none
 *   right  right rows in order, each with its matches in left order, or
 *          once with missing left columns when it has none
 *   full   groups of equal keys in ascending key order (missing last), in
 *          each the pairs left-major, or the unmatched rows of either side
 *   semi   left rows with at least one match (left columns only)
 *   anti   left rows without a match (left columns only)
 * Columns: the left columns in their order, then the right ones; a right
 * key paired with a left key of the same name is dropped, its values
 * merged into that column (right values for right joins, left else right
 * for full joins); keys of different names are both kept.  Other names
 * found on both sides get suffix_l and suffix_r ("_x", "_y" by default). */
#ifndef LT_JOIN_H
#define LT_JOIN_H

#include "frame.h"

typedef enum lt_join_how {
    LT_JOIN_INNER, LT_JOIN_LEFT, LT_JOIN_RIGHT, LT_JOIN_FULL, LT_JOIN_SEMI, LT_JOIN_ANTI
} lt_join_how;

/* "inner", "left", "right", "full", "semi", "anti". */
const char *lt_join_how_name(lt_join_how how);

/* Join l and r where l's columns lkeys[0..nkeys) equal r's rkeys[0..nkeys)
 * (rkeys NULL: the same names as lkeys).  suffix_l / suffix_r NULL give
 * "_x" / "_y".  A new frame, or NULL with lt_errmsg: LT_EINVAL for an
 * unknown key ("did you mean"), a key named twice, no keys, or suffixes
 * that leave two columns of one name; LT_ETYPE for keys of different
 * types ("join: key 'id' is i64 on the left and str on the right"). */
lt_frame *lt_frame_join(const lt_frame *l, const lt_frame *r, const char *const *lkeys,
                        const char *const *rkeys, int nkeys, lt_join_how how,
                        const char *suffix_l, const char *suffix_r);

#endif
