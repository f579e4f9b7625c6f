/* Date and time functions on time columns: calendar fields, truncation
 * to periods, differences, parsing and formatting with strptime-like
 * formats, and regular sequences (date_range).
 *
 * Times are microseconds since 1970-01-01 UTC in the proleptic Gregorian
 * calendar (column.h, timefmt.h); every field is read in UTC.  A missing
 * value gives a missing result.  Every function returns a new column (one
 * reference, the caller's) or NULL with lt_errmsg set; a subject of the
 * wrong type is LT_ETYPE "expected a time column, got str".  The same
 * functions, with one-value str columns as parameters, are the expression
 * functions of lt_date_fns (fn.h), where a missing parameter gives an
 * all-missing result.
 *
 * Periods (floor, ceil) and steps (date_range) are named, "year",
 * "quarter", "month", "week", "day", "hour", "minute", "second", or a
 * positive count and a unit: us, ms, s, m (minutes), h, d, w, mo
 * (calendar months), q (quarters), y ("15m", "6h", "2d", "3mo").
 * Truncation is to multiples of the period counted from 1970-01-01
 * 00:00 (months from January 1970, so "3mo" is "quarter"), except that
 * weeks count from a Monday (ISO weeks). */
#ifndef LT_DATES_H
#define LT_DATES_H

#include "column.h"

typedef enum lt_date_field {
    LT_YEAR,      /* 2024 */
    LT_QUARTER,   /* 1..4 */
    LT_MONTH,     /* 1..12 */
    LT_WEEK,      /* ISO 8601 week of the ISO year, 1..53 (2021-01-03 is in week 53) */
    LT_DAY,       /* day of the month, 1..31 */
    LT_WEEKDAY,   /* ISO: Monday = 1 .. Sunday = 7 (as Polars) */
    LT_HOUR,      /* 0..23 */
    LT_MINUTE,    /* 0..59 */
    LT_SECOND     /* 0..59, whole seconds */
} lt_date_field;

/* One field of each time, as i64. */
lt_col *lt_date_field_of(const lt_col *t, lt_date_field field);

/* The start (floor) or the end (ceil: the first grid point at or after
 * the time) of each time's period.  A date truncated to whole days (day
 * and coarser, "2d") stays a date; otherwise the result is a datetime.
 * A result beyond the range of times is missing.  An unknown period is
 * LT_EINVAL naming it and the accepted ones. */
lt_col *lt_date_floor(const lt_col *t, const char *period);
lt_col *lt_date_ceil(const lt_col *t, const char *period);

/* a - b in days as f64 (fractions of a day for datetimes); a and b are
 * time columns of equal length, or one has length 1. */
lt_col *lt_date_diff_days(const lt_col *a, const lt_col *b);

/* Parse a str column with a strptime-like format into dates (kind
 * LT_DATE: the time of day is dropped) or datetimes.  fmt NULL means ISO
 * 8601 as read_csv reads it.  Directives:
 *   %Y year (4 digits)   %y year 69..99 -> 19xx, 00..68 -> 20xx
 *   %m month 1..12       %d %e day 1..31     %j day of the year 1..366
 *   %H hour 0..23        %I hour 1..12, with %p AM or PM (else AM)
 *   %M minute            %S second           %f fraction of a second (1-9 digits)
 *   %b %B month name     %a %A weekday name (English, any case, full or
 *                        3 letters; a weekday is read, not checked)
 *   %z Z, +HH, +HHMM or +HH:MM (the time is converted to UTC)
 *   %F %Y-%m-%d          %T %H:%M:%S          %% a percent sign
 * Numbers take 1-2 digits (%j 3), so "%Y%m%d" reads "20240131".  A space
 * in the format matches any run of spaces and tabs, including none; every
 * other character matches itself.  Fields not in the format default to
 * 1970-01-01 00:00:00.  Each distinct string is parsed once.  A string
 * that does not match is LT_EPARSE naming it, its row, the format and why:
 * "'31/02/2024' (row 3) does not match '%d/%m/%Y' (day out of range)"; an
 * unknown directive is LT_EINVAL. */
lt_col *lt_date_parse(const lt_col *s, const char *fmt, lt_time_kind kind);

/* Times as text with the directives above (strftime-like, English names:
 * %a "Mon", %A "Monday", %b "Jan", %B "January", %e space-padded day, %f
 * six digits, %z "+0000", %p "AM"/"PM", %I 12-hour clock 01..12). */
lt_col *lt_date_format(const lt_col *t, const char *fmt);

/* Times from start to stop (ISO 8601 strings) every step (NULL: "1d"),
 * including stop when it falls on the grid, as pandas' date_range.  Month,
 * quarter and year steps add calendar months to start, clamping the day
 * to the end of shorter months (2024-01-31 + 1mo = 2024-02-29, + 2mo =
 * 2024-03-31: counted from start, as Polars, not step after step).  A
 * date column when start and stop are dates and the step whole days,
 * else datetimes.  stop before start gives an empty column.  Errors: an
 * unparsable start/stop/step, and more than 100 million values. */
lt_col *lt_date_range(const char *start, const char *stop, const char *step);

#endif
