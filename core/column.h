/* Columns: immutable, reference-counted, typed arrays.
 *
 * A column is one contiguous array of n values of one type:
 *   LT_F64   double[n]    missing = NaN (no bitmap, ever)
 *   LT_I64   int64_t[n]   missing = cleared bit in `valid` (slot holds 0)
 *   LT_BOOL  uint8_t[n]   0/1; missing = cleared bit in `valid` (slot holds 0)
 *   LT_STR   int32_t[n]   codes into a shared dictionary; missing = cleared
 *                         bit in `valid` and code -1
 *   LT_TIME  int64_t[n]   microseconds since 1970-01-01T00:00:00 UTC;
 *                         `tkind` says whether to show it as a date or a
 *                         datetime; missing as LT_I64
 * `valid` is a bitmap (bit i set = value i present) or NULL when no value
 * is missing.  Infinite doubles are values, not missing.
 *
 * Ownership: lt_col_new* returns a column with one reference that the
 * caller fills ("builds") and then finishes with lt_col_finish(); after that
 * it is never written again.  Frames and Lua userdata hold references
 * (lt_col_ref / lt_col_unref).  Reference counts are not atomic: columns
 * are shared between threads only read-only, inside one kernel call. */
#ifndef LT_COLUMN_H
#define LT_COLUMN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum lt_type { LT_F64, LT_I64, LT_BOOL, LT_STR, LT_TIME } lt_type;

typedef enum lt_time_kind { LT_DATE, LT_DATETIME } lt_time_kind;

#define LT_US_PER_DAY INT64_C(86400000000)

/* ---- string dictionaries ------------------------------------------------ */

/* A dictionary maps codes 0..size-1 to NUL-terminated byte strings (UTF-8,
 * possibly containing no NULs) and back, through a hash table.  It is
 * reference-counted and shared by the columns built on it; once a column
 * built on it is finished, a dictionary only grows while a builder that
 * owns the only reference interns into it. */
typedef struct lt_dict lt_dict;

lt_dict *lt_dict_new(void);
lt_dict *lt_dict_ref(lt_dict *d);
void lt_dict_unref(lt_dict *d);
/* Code of s (len bytes), adding it when absent; < 0 (LT_ENOMEM) on failure. */
int32_t lt_dict_intern(lt_dict *d, const char *s, size_t len);
/* Code of s, or -1 when absent. */
int32_t lt_dict_find(const lt_dict *d, const char *s, size_t len);
int32_t lt_dict_size(const lt_dict *d);
/* The string of a code (valid while d lives); *len may be NULL. */
const char *lt_dict_str(const lt_dict *d, int32_t code, size_t *len);

/* ---- columns ------------------------------------------------------------ */

typedef struct lt_col {
    lt_type type;
    lt_time_kind tkind;  /* LT_TIME only */
    int64_t n;           /* number of values */
    int64_t nmiss;       /* number of missing values (set by lt_col_finish) */
    void *data;          /* see the table above */
    uint8_t *valid;      /* bitmap or NULL; never set for LT_F64 */
    lt_dict *dict;       /* LT_STR only (one reference held) */
    int refs;
} lt_col;

/* A column of n values, data zeroed, no bitmap, one reference.  For LT_STR
 * use lt_col_new_str.  NULL (and lt_errmsg) on failure. */
lt_col *lt_col_new(lt_type type, int64_t n);
/* A string column of n codes (zeroed) on dict; takes its own reference to
 * dict (the caller keeps theirs). */
lt_col *lt_col_new_str(int64_t n, lt_dict *dict);
/* Mark value i missing while building (allocates the bitmap on first use;
 * writes NaN / 0 / code -1 into the slot).  0 or LT_ENOMEM. */
int lt_col_set_na(lt_col *c, int64_t i);
/* End of building: count missing values, drop an all-set bitmap, and for
 * LT_F64 count NaNs.  Returns c. */
lt_col *lt_col_finish(lt_col *c);

/* End of building with a status: lt_col_finish(c) when status >= 0, else
 * release c (NULL is fine) and return NULL. */
lt_col *lt_col_done(lt_col *c, int status);
/* A finished column of n missing values of type t (a time of kind k; a
 * str on an empty dictionary).  NULL on failure. */
lt_col *lt_col_new_na(lt_type t, lt_time_kind k, int64_t n);

lt_col *lt_col_ref(lt_col *c);
void lt_col_unref(lt_col *c);   /* NULL is a no-op */

static inline bool lt_col_is_na(const lt_col *c, int64_t i)
{
    if (c->type == LT_F64)
        return ((const double *)c->data)[i] != ((const double *)c->data)[i];
    return c->valid && !((c->valid[i >> 3] >> (i & 7)) & 1);
}

static inline double *lt_col_f64(const lt_col *c) { return (double *)c->data; }
static inline int64_t *lt_col_i64(const lt_col *c) { return (int64_t *)c->data; }
static inline uint8_t *lt_col_bool(const lt_col *c) { return (uint8_t *)c->data; }
static inline int32_t *lt_col_codes(const lt_col *c) { return (int32_t *)c->data; }

/* Value i as a double: f64 as is, i64/bool/time converted; NaN when
 * missing or for LT_STR. */
double lt_col_get_num(const lt_col *c, int64_t i);
/* String value i of a LT_STR column, NULL when missing. */
const char *lt_col_get_str(const lt_col *c, int64_t i, size_t *len);

/* "f64", "i64", "bool", "str", "time". */
const char *lt_type_name(lt_type t);
/* The type of c as shown and in messages: lt_type_name, but "date" or
 * "datetime" for times. */
const char *lt_col_type_label(const lt_col *c);
/* Parse a type name (also accepts "float", "double", "int", "integer",
 * "string", "date", "datetime"); 0 or LT_EINVAL.  *kind (may be NULL) gets
 * LT_DATE for "date", else LT_DATETIME. */
int lt_type_parse(const char *name, lt_type *t, lt_time_kind *kind);
static inline bool lt_type_is_numeric(lt_type t)
{
    return t == LT_F64 || t == LT_I64 || t == LT_BOOL;
}

/* Copies of rows [off, off+len). */
lt_col *lt_col_slice(const lt_col *c, int64_t off, int64_t len);
/* Gather rows idx[0..n): an index < 0 gives a missing value. */
lt_col *lt_col_take(const lt_col *c, const int64_t *idx, int64_t n);
/* Rows where mask[i] is 1 (mask has c->n entries). */
lt_col *lt_col_compress(const lt_col *c, const uint8_t *mask, int64_t nkeep);

/* Builders from plain arrays (missing: NaN for f64; `na` array, may be
 * NULL, for the others).  Strings: `strs[i]` NULL means missing. */
lt_col *lt_col_from_f64(const double *v, int64_t n);
lt_col *lt_col_from_i64(const int64_t *v, const uint8_t *na, int64_t n);
lt_col *lt_col_from_bool(const uint8_t *v, const uint8_t *na, int64_t n);
lt_col *lt_col_from_time(const int64_t *v, const uint8_t *na, int64_t n, lt_time_kind kind);
lt_col *lt_col_from_strs(const char *const *strs, const size_t *lens, int64_t n);

/* A length-1 column holding one scalar, for broadcasting. */
lt_col *lt_col_scalar_f64(double v);
lt_col *lt_col_scalar_i64(int64_t v);
lt_col *lt_col_scalar_bool(bool v);
lt_col *lt_col_scalar_str(const char *s, size_t len);

/* Approximate bytes held by the column's own arrays (dictionary included). */
size_t lt_col_bytes(const lt_col *c);

#endif
