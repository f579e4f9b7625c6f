/* String functions on str columns: case, length, search, regular
 * expressions, replacement, splitting, stripping and concatenation.
 *
 * They work on the dictionary, not the rows: each distinct string a
 * column uses is transformed once, and the rows are remapped through
 * its code, so a 5M-row column of 3 distinct values costs 3 string
 * operations and one pass over the codes.  A missing value gives a
 * missing result; "" is a value like any other.
 *
 * Strings are UTF-8 (bytes that are not valid UTF-8 are kept as they
 * are).  Every function returns a new column (one reference, the
 * caller's) or NULL with lt_errmsg set: LT_ETYPE "expected a str column,
 * got i64" for a subject of another type.  The same functions, with
 * their parameters as one-value str columns, are the expression
 * functions of lt_string_fns (fn.h), where a missing parameter gives an
 * all-missing result.
 *
 * (The module is str, not strings: core/ is on the include path, and a
 * core/strings.h would hide the system's <strings.h>.) */
#ifndef LT_STR_H
#define LT_STR_H

#include <stdint.h>

#include "column.h"

/* Lower / upper case: ASCII, and every other code point through
 * utf8proc's simple (one code point to one) case mapping, so "Éric"
 * gives "éric" / "ÉRIC", and "ß" gives "ẞ" (U+1E9E), not "SS". */
lt_col *lt_str_lower(const lt_col *s);
lt_col *lt_str_upper(const lt_col *s);
/* Number of code points (i64): "straße" is 6 (7 bytes). */
lt_col *lt_str_len(const lt_col *s);
/* Without the spaces and tabs at both ends. */
lt_col *lt_str_strip(const lt_col *s);

/* bool: s contains / starts with / ends with the literal string (every
 * string contains, starts and ends with ""). */
lt_col *lt_str_contains(const lt_col *s, const char *sub);
lt_col *lt_str_starts_with(const lt_col *s, const char *prefix);
lt_col *lt_str_ends_with(const lt_col *s, const char *suffix);
/* bool: the POSIX extended regular expression matches somewhere in s
 * (anchor it with ^ and $ to match the whole string); a bad expression
 * is LT_EINVAL "bad regular expression '(': <the system's reason>". */
lt_col *lt_str_matches(const lt_col *s, const char *regex);

/* Every occurrence of the literal `old`, left to right and not
 * overlapping, replaced by `repl`; an empty `old` leaves s as it is
 * (PostgreSQL's replace). */
lt_col *lt_str_replace(const lt_col *s, const char *old, const char *repl);
/* Field i of s split at the literal sep, as PostgreSQL's split_part:
 * fields count from 1; i < 0 counts from the end (-1 is the last); a
 * field past either end is ""; an empty sep makes s its only field.
 * i = 0 is LT_EINVAL. */
lt_col *lt_str_split_part(const lt_col *s, const char *sep, int64_t i);

/* a .. b: each a column of any type or a length-1 column broadcast
 * against the other; numbers, booleans and times become text as
 * lt_col_astype(x, LT_STR) writes them ("1", "2.5", "true",
 * "2024-01-31").  Missing on either side gives missing.  Lengths other
 * than equal or 1 are LT_ELENGTH. */
lt_col *lt_str_concat(const lt_col *a, const lt_col *b);

#endif
