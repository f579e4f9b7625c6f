/* "Did you mean" suggestions: the closest candidate name by edit distance. */
#ifndef LT_SUGGEST_H
#define LT_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b in bytes: insertions, deletions,
 * substitutions and transpositions of neighbours each cost 1 (the
 * "optimal string alignment" distance). */
size_t lt_edit_distance(const char *a, const char *b);

/* The candidate closest to `name`, or NULL when none is close enough to be
 * a plausible typo (distance at most 1 for short names, a third of the
 * length for longer ones) or when name matches a candidate case-insensitively,
 * which is always suggested. */
const char *lt_suggest(const char *name, const char *const *candidates, int n);

#endif
