/* Column builders shared by the C unit tests: inputs go into a pool
 * released by drain(), so that they can be built inside the calls that
 * use them (cf(3, (double[]){1, 2, NA}), ci(2, v, ".x") ...). */
#ifndef LT_COLBUILD_H
#define LT_COLBUILD_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "column.h"

#define NA NAN
#define LEN(a) ((int64_t)(sizeof(a) / sizeof *(a)))

/* Every input column goes into a pool released at exit, so that inputs can
 * be built inside the calls that use them. */
static lt_col *pool[512];
static int npool;

__attribute__((unused)) static lt_col *keep(lt_col *c)
{
    if (c && npool < (int)LEN(pool))
        pool[npool++] = c;
    return c;
}

__attribute__((unused)) static void drain(void)
{
    while (npool > 0)
        lt_col_unref(pool[--npool]);
}

__attribute__((unused)) static lt_col *cf(int64_t n, const double *v) { return keep(lt_col_from_f64(v, n)); }
__attribute__((unused)) static lt_col *sf(double v) { return keep(lt_col_scalar_f64(v)); }
__attribute__((unused)) static lt_col *si(int64_t v) { return keep(lt_col_scalar_i64(v)); }
__attribute__((unused)) static lt_col *sbool(bool v) { return keep(lt_col_scalar_bool(v)); }
__attribute__((unused)) static lt_col *sstr(const char *s) { return keep(lt_col_scalar_str(s, strlen(s))); }

/* Missing rows are marked 'x' in `na` (NULL: none). */
__attribute__((unused)) static uint8_t *na_mask(int64_t n, const char *na)
{
    static uint8_t m[64];
    for (int64_t i = 0; i < n; i++)
        m[i] = na && na[i] == 'x';
    return m;
}

__attribute__((unused)) static lt_col *ci(int64_t n, const int64_t *v, const char *na)
{
    return keep(lt_col_from_i64(v, na_mask(n, na), n));
}

/* Bools as a string: T, F, or N for missing. */
__attribute__((unused)) static lt_col *cb(const char *s)
{
    int64_t n = (int64_t)strlen(s);
    uint8_t v[64], na[64];
    for (int64_t i = 0; i < n; i++) {
        v[i] = s[i] == 'T';
        na[i] = s[i] == 'N';
    }
    return keep(lt_col_from_bool(v, na, n));
}

__attribute__((unused)) static lt_col *cs(int64_t n, const char *const *v) { return keep(lt_col_from_strs(v, NULL, n)); }

__attribute__((unused)) static lt_col *ct(int64_t n, const int64_t *v, const char *na, lt_time_kind k)
{
    return keep(lt_col_from_time(v, na_mask(n, na), n, k));
}

#endif
