/* Dates and datetimes: ISO 8601 parsing and formatting, civil calendar.
 *
 * Times are int64 microseconds since 1970-01-01T00:00:00 UTC (proleptic
 * Gregorian calendar).  Accepted input: YYYY-MM-DD, and datetimes
 * YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]] with an optional Z or +HH:MM / -HH:MM
 * offset (converted to UTC).  Nothing else (no locale formats). */
#ifndef LT_TIMEFMT_H
#define LT_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "column.h"

/* Days from 1970-01-01 to y-m-d (m 1..12, d 1..31). */
int64_t lt_days_from_civil(int64_t y, int m, int d);
/* Inverse of lt_days_from_civil. */
void lt_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Parse s[0..len) as a date or datetime.  0 on success with *us and *kind
 * (LT_DATE for a bare date) set; LT_EPARSE (without setting lt_errmsg, as
 * this is called per CSV field) when s is not a valid ISO date/datetime,
 * including impossible dates such as 2023-02-30. */
int lt_time_parse(const char *s, size_t len, int64_t *us, lt_time_kind *kind);

/* Format into buf (cap must be >= 32): "2024-03-01" for LT_DATE,
 * "2024-03-01 13:45:00" for LT_DATETIME (fractional seconds only when
 * non-zero).  Returns the length written. */
size_t lt_time_format(int64_t us, lt_time_kind kind, char *buf, size_t cap);

#endif
