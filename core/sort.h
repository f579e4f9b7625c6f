/* Sorting: the stable order of rows by several keys, and frames sorted by it.
 *
 * Keys compare lexicographically, the first key first; each key ascends or
 * descends, and rows whose keys all tie keep their input order (stable).
 * Missing values come last for both directions, as dplyr's arrange and
 * pandas' na_position = "last" do.  Per type:
 *   f64   numerically; -0.0 == 0.0, -Inf and Inf in their place, NaN missing
 *   i64   exactly (no rounding above 2^53); time by its value
 *   bool  false < true
 *   str   byte order (memcmp, a prefix before the longer string), or with
 *         `natural` a locale-free natural order: runs of ASCII digits
 *         compare as numbers ("file2" < "file10"), numbers between the
 *         bytes below '0' and those above '9', other bytes by value; when
 *         two strings tie so, the first run with fewer leading zeros comes
 *         first ("a2" < "a02" < "a10")
 * Keys of different types mix freely; a key that is constant (or all
 * missing) changes nothing.
 *
 * The order is computed by radix sort of an order-preserving integer made
 * from the keys (strings by the rank of their dictionary entries, decimal
 * doubles as scaled integers), threaded with OpenMP on large inputs; the
 * result never depends on the thread count. */
#ifndef LT_SORT_H
#define LT_SORT_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"

typedef struct lt_sort_key {
    const lt_col *col;
    bool desc;
} lt_sort_key;

typedef struct lt_sort_opts {
    bool natural;   /* natural order for str keys (default: byte order) */
} lt_sort_opts;

/* The stable permutation that sorts rows 0..n-1 by the keys: a malloc'd
 * array of n 0-based row indexes (caller frees; non-NULL even for n = 0),
 * so that row perm[0] comes first.  Zero keys give the identity.  `o` may
 * be NULL (defaults).  NULL with lt_errmsg: LT_ELENGTH when a key's column
 * does not have n values, LT_EINVAL for n < 0 or a NULL column, LT_ENOMEM. */
int64_t *lt_sort_order(const lt_sort_key *keys, int nkeys, int64_t n, const lt_sort_opts *o);

/* f's rows in the order of lt_sort_order(keys, nkeys, f->nrow, o): a new
 * frame (sharing f's columns when f is already in order), NULL with
 * lt_errmsg on failure.  The key columns need not belong to f, but must
 * have f->nrow values (LT_ELENGTH). */
lt_frame *lt_frame_sort(const lt_frame *f, const lt_sort_key *keys, int nkeys,
                        const lt_sort_opts *o);

#endif
