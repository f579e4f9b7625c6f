/* Unit tests of core/dates.c through the expression functions of
 * lt_date_fns (and date_range directly): calendar fields with ISO weeks
 * and weekdays, leap years and times before 1970; floor/ceil of times to
 * periods and of numbers; diff_days; parsing with formats and its error
 * messages; formatting and round trips.  Expected values were worked out
 * by hand and checked with pandas 1.5.3 / Python's datetime where they
 * define them. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "dates.h"
#include "error.h"
#include "fn.h"
#include "colbuild.h"
#include "tap.h"
#include "timefmt.h"

#define D LT_US_PER_DAY

/* A time column from ISO strings (NULL: missing); a date column when
 * every value is a date. */
static lt_col *times_(int64_t n, const char *const *v)
{
    int64_t us[64];
    uint8_t na[64];
    lt_time_kind kind = LT_DATE;
    for (int64_t i = 0; i < n; i++) {
        lt_time_kind k = LT_DATE;
        na[i] = v[i] == NULL;
        us[i] = 0;
        if (v[i] && lt_time_parse(v[i], strlen(v[i]), &us[i], &k) < 0)
            printf("# bad test time '%s'\n", v[i]);
        if (k == LT_DATETIME)
            kind = LT_DATETIME;
    }
    return keep(lt_col_from_time(us, na, n, kind));
}
#define TIMES(...) times_(LEN(((const char *[]){ __VA_ARGS__ })), (const char *[]){ __VA_ARGS__ })

static lt_col *strs_(int64_t n, const char *const *v) { return keep(lt_col_from_strs(v, NULL, n)); }
#define STRS(...) strs_(LEN(((const char *[]){ __VA_ARGS__ })), (const char *[]){ __VA_ARGS__ })

static lt_col *one(const char *s) { return keep(lt_col_scalar_str(s, strlen(s))); }
static lt_col *na_str(void) { return STRS(NULL); }

/* The column as text: times as lt_time_format shows their kind ("2024-01-01"
 * for a date, "2024-01-01 00:00:00" for a datetime), NA for missing. */
static char *show(const lt_col *c)
{
    static char out[4096];
    size_t len = 0;
    out[0] = '\0';
    if (!c)
        return snprintf(out, sizeof out, "error: %s", lt_errmsg()), out;
    for (int64_t i = 0; i < c->n && len < sizeof out - 64; i++) {
        char v[128];
        if (lt_col_is_na(c, i))
            snprintf(v, sizeof v, "NA");
        else if (c->type == LT_STR)
            snprintf(v, sizeof v, "'%s'", lt_col_get_str(c, i, NULL));
        else if (c->type == LT_I64)
            snprintf(v, sizeof v, "%lld", (long long)lt_col_i64(c)[i]);
        else if (c->type == LT_F64)
            snprintf(v, sizeof v, "%.17g", lt_col_f64(c)[i]);
        else if (c->type == LT_BOOL)
            snprintf(v, sizeof v, "%c", lt_col_bool(c)[i] ? 'T' : 'F');
        else
            lt_time_format(lt_col_i64(c)[i], c->tkind, v, sizeof v);
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? " | " : "", v);
    }
    return out;
}

static const lt_fn *fn(const char *name)
{
    for (const lt_fn *f = lt_date_fns; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static lt_col *call(const char *name, int nargs, lt_col *const *args)
{
    const lt_fn *f = fn(name);
    lt_fn_ctx ctx = { args[0]->n, 1, NULL, NULL, NULL };
    return f->impl(args, nargs, &ctx);
}
#define CALL(name, ...) \
    call(name, (int)LEN(((lt_col *[]){ __VA_ARGS__ })), (lt_col *[]){ __VA_ARGS__ })

/* Check the result's type and values, then free it (the name of the
 * check is a printf format). */
__attribute__((format(printf, 4, 5)))
static void is_colf(lt_col *r, lt_type type, const char *want, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (r && r->type != type) {
        ok(0, "%s", what);
        printf("#   type %s, want %s\n", lt_type_name(r->type), lt_type_name(type));
    } else {
        is_str(show(r), want, "%s", what);
    }
    lt_col_unref(r);
}

static void is_col(lt_col *r, lt_type type, const char *want, const char *what)
{
    is_colf(r, type, want, "%s", what);
}

static void is_err(lt_col *r, int code, const char *msg, const char *what)
{
    if (r) {
        ok(0, "%s (no error; got %s)", what, show(r));
        lt_col_unref(r);
        return;
    }
    is_str(lt_errmsg(), msg, "%s: message", what);
    is_int(lt_errcode(), code, "%s: code", what);
}

/* ---- fields ------------------------------------------------------------- */

static void test_fields(void)
{
    lt_col *t = TIMES("1970-01-01", "1969-12-31 23:59:59.5", "2020-12-31", "2021-01-03",
                      "2021-01-04", "2019-12-30", "2024-02-29 13:04:09", NULL,
                      "1900-03-01", "2000-02-29", "2024-12-30", "1600-01-01");
    static const struct { const char *name, *want; } cases[] = {
        { "year",
          "1970 | 1969 | 2020 | 2021 | 2021 | 2019 | 2024 | NA | 1900 | 2000 | 2024 | 1600" },
        { "quarter", "1 | 4 | 4 | 1 | 1 | 4 | 1 | NA | 1 | 1 | 4 | 1" },
        { "month", "1 | 12 | 12 | 1 | 1 | 12 | 2 | NA | 3 | 2 | 12 | 1" },
        { "week", "1 | 1 | 53 | 53 | 1 | 1 | 9 | NA | 9 | 9 | 1 | 52" },
        { "day", "1 | 31 | 31 | 3 | 4 | 30 | 29 | NA | 1 | 29 | 30 | 1" },
        { "weekday", "4 | 3 | 4 | 7 | 1 | 1 | 4 | NA | 4 | 2 | 1 | 6" },
        { "hour", "0 | 23 | 0 | 0 | 0 | 0 | 13 | NA | 0 | 0 | 0 | 0" },
        { "minute", "0 | 59 | 0 | 0 | 0 | 0 | 4 | NA | 0 | 0 | 0 | 0" },
        { "second", "0 | 59 | 0 | 0 | 0 | 0 | 9 | NA | 0 | 0 | 0 | 0" },
    };
    for (int k = 0; k < (int)LEN(cases); k++)
        is_col(CALL(cases[k].name, t), LT_I64, cases[k].want, cases[k].name);
    is_col(CALL("year", TIMES("2024-01-01")), LT_I64, "2024", "year of one date");

    /* The extremes of int64 microseconds (numpy agrees on INT64_MAX). */
    lt_col *ext = keep(lt_col_from_time((int64_t[]){ INT64_MAX, INT64_MIN }, NULL, 2,
                                        LT_DATETIME));
    static const struct { const char *name, *want; } far[] = {
        { "year", "294247 | -290308" }, { "month", "1 | 12" }, { "day", "10 | 21" },
        { "hour", "4 | 19" }, { "minute", "0 | 59" }, { "second", "54 | 5" },
    };
    for (int k = 0; k < (int)LEN(far); k++)
        is_colf(CALL(far[k].name, ext), LT_I64, far[k].want, "%s at the int64 limits",
                far[k].name);
    is_col(CALL("format", ext, one("%Y-%m-%d %H:%M:%S.%f")), LT_STR,
           "'294247-01-10 04:00:54.775807' | '-290308-12-21 19:59:05.224192'",
           "format at the int64 limits");
    is_col(CALL("week", keep(lt_col_from_time(NULL, NULL, 0, LT_DATE))), LT_I64, "",
           "week of no rows");
    is_err(CALL("year", one("2024")), LT_ETYPE, "expected a time column, got str",
           "year of a str column");
    is_err(CALL("hour", keep(lt_col_scalar_i64(3))), LT_ETYPE,
           "expected a time column, got i64", "hour of an i64 column");
}

/* ---- floor and ceil ------------------------------------------------------ */

static void test_floor(void)
{
    lt_col *d = TIMES("2024-02-29", "2021-01-03", "2020-01-01", NULL, "1969-12-31");
    static const struct { const char *period, *want; } dates[] = {
        { "year", "2024-01-01 | 2021-01-01 | 2020-01-01 | NA | 1969-01-01" },
        { "quarter", "2024-01-01 | 2021-01-01 | 2020-01-01 | NA | 1969-10-01" },
        { "month", "2024-02-01 | 2021-01-01 | 2020-01-01 | NA | 1969-12-01" },
        { "week", "2024-02-26 | 2020-12-28 | 2019-12-30 | NA | 1969-12-29" },
        { "1w", "2024-02-26 | 2020-12-28 | 2019-12-30 | NA | 1969-12-29" },
        { "day", "2024-02-29 | 2021-01-03 | 2020-01-01 | NA | 1969-12-31" },
        { "3mo", "2024-01-01 | 2021-01-01 | 2020-01-01 | NA | 1969-10-01" },
        { "1q", "2024-01-01 | 2021-01-01 | 2020-01-01 | NA | 1969-10-01" },
        { "2y", "2024-01-01 | 2020-01-01 | 2020-01-01 | NA | 1968-01-01" },
        { "01y", "2024-01-01 | 2021-01-01 | 2020-01-01 | NA | 1969-01-01" },
        { "2d", "2024-02-29 | 2021-01-03 | 2020-01-01 | NA | 1969-12-30" },
        { "6h", "2024-02-29 00:00:00 | 2021-01-03 00:00:00 | 2020-01-01 00:00:00 | NA | "
                "1969-12-31 00:00:00" },
    };
    for (int k = 0; k < (int)LEN(dates); k++)
        is_colf(CALL("floor", d, one(dates[k].period)), LT_TIME, dates[k].want,
               "floor of dates to '%s'", dates[k].period);

    lt_col *t = TIMES("2024-03-10 13:47:12.25", "1969-12-31 23:59:59.5", "2024-03-10 13:45:00");
    static const struct { const char *period, *want; } dts[] = {
        { "15m", "2024-03-10 13:45:00 | 1969-12-31 23:45:00 | 2024-03-10 13:45:00" },
        { "6h", "2024-03-10 12:00:00 | 1969-12-31 18:00:00 | 2024-03-10 12:00:00" },
        { "hour", "2024-03-10 13:00:00 | 1969-12-31 23:00:00 | 2024-03-10 13:00:00" },
        { "minute", "2024-03-10 13:47:00 | 1969-12-31 23:59:00 | 2024-03-10 13:45:00" },
        { "second", "2024-03-10 13:47:12 | 1969-12-31 23:59:59 | 2024-03-10 13:45:00" },
        { "100ms", "2024-03-10 13:47:12.2 | 1969-12-31 23:59:59.5 | 2024-03-10 13:45:00" },
        { "day", "2024-03-10 00:00:00 | 1969-12-31 00:00:00 | 2024-03-10 00:00:00" },
        { "2d", "2024-03-10 00:00:00 | 1969-12-30 00:00:00 | 2024-03-10 00:00:00" },
        { "month", "2024-03-01 00:00:00 | 1969-12-01 00:00:00 | 2024-03-01 00:00:00" },
    };
    for (int k = 0; k < (int)LEN(dts); k++)
        is_colf(CALL("floor", t, one(dts[k].period)), LT_TIME, dts[k].want,
               "floor of datetimes to '%s'", dts[k].period);

    is_col(CALL("ceil", t, one("15m")), LT_TIME,
           "2024-03-10 14:00:00 | 1970-01-01 00:00:00 | 2024-03-10 13:45:00",
           "ceil of datetimes to 15m (a grid point stays)");
    is_col(CALL("ceil", t, one("month")), LT_TIME,
           "2024-04-01 00:00:00 | 1970-01-01 00:00:00 | 2024-04-01 00:00:00",
           "ceil of datetimes to month");
    is_col(CALL("ceil", TIMES("2024-02-29", "2024-03-01", "2024-12-31"), one("month")), LT_TIME,
           "2024-03-01 | 2024-03-01 | 2025-01-01", "ceil of dates to month");
    is_col(CALL("ceil", TIMES("2024-02-29", "2024-02-26"), one("week")), LT_TIME,
           "2024-03-04 | 2024-02-26", "ceil of dates to week");

    /* Beyond the range of times: missing. */
    int64_t big[] = { INT64_MAX, INT64_MIN };
    lt_col *edge = keep(lt_col_from_time(big, NULL, 2, LT_DATETIME));
    lt_col *r = CALL("ceil", edge, one("day"));
    is_int(lt_col_is_na(r, 0) == 1 && lt_col_is_na(r, 1) == 0, 1,
           "ceil beyond the range of times is missing");
    lt_col_unref(r);
    r = CALL("floor", edge, one("year"));
    is_int(lt_col_is_na(r, 0) == 0 && lt_col_is_na(r, 1) == 1, 1,
           "floor near the limits: the largest time has a year start, the smallest none");
    lt_col_unref(r);
    r = CALL("floor", edge, one("week"));
    lt_col *c = CALL("ceil", edge, one("week"));
    ok(!lt_col_is_na(r, 0) && lt_col_is_na(r, 1) && lt_col_is_na(c, 0) && !lt_col_is_na(c, 1)
           && lt_col_i64(c)[1] - INT64_MIN < 7 * D && INT64_MAX - lt_col_i64(r)[0] < 7 * D,
       "weeks at the limits: only the grid points beyond int64 are missing");
    lt_col_unref(r);
    lt_col_unref(c);

    is_col(CALL("floor", d, na_str()), LT_TIME, "NA | NA | NA | NA | NA",
           "a missing period gives missing results");
    is_err(CALL("floor", d, one("fortnight")), LT_EINVAL,
           "unknown period 'fortnight' (expected year, quarter, month, week, day, hour, "
           "minute, second, or a count and a unit: us, ms, s, m, h, d, w, mo, q, y, as in "
           "\"15m\", \"6h\", \"3mo\")", "an unknown period");
    is_err(CALL("floor", d, one("0d")), LT_EINVAL, "period '0d' must be positive", "0d");
    is_err(CALL("floor", d, one("-1h")), LT_EINVAL, "period '-1h' must be positive", "-1h");
    is_err(CALL("floor", d, one("15")), LT_EINVAL,
           "unknown period '15' (expected year, quarter, month, week, day, hour, minute, "
           "second, or a count and a unit: us, ms, s, m, h, d, w, mo, q, y, as in \"15m\", "
           "\"6h\", \"3mo\")", "a count without a unit");
    is_err(CALL("floor", d, one("99999999999999d")), LT_EINVAL,
           "period '99999999999999d' is too long", "a period too long");
    is_err(CALL("floor", d), LT_EINVAL,
           "floor of a time column needs a period (\"day\", \"month\", \"15m\" ...)",
           "floor of a time without a period");

    /* Numbers: math floor and ceil. */
    lt_col *f = keep(lt_col_from_f64((double[]){ 1.5, -1.5, NAN, INFINITY, -0.25, 3 }, 6));
    is_col(CALL("floor", f), LT_F64, "1 | -2 | NA | inf | -1 | 3", "floor of f64");
    is_col(CALL("ceil", f), LT_F64, "2 | -1 | NA | inf | -0 | 3", "ceil of f64");
    lt_col *i = keep(lt_col_from_i64((int64_t[]){ 5, INT64_MIN, 0 }, (uint8_t[]){ 0, 0, 1 }, 3));
    r = CALL("floor", i);
    ok(r == i, "floor of i64 is the column itself");
    lt_col_unref(r);
    is_col(CALL("ceil", i), LT_I64, "5 | -9223372036854775808 | NA", "ceil of i64");
    is_col(CALL("floor", keep(lt_col_scalar_bool(true))), LT_I64, "1", "floor of bool is i64");
    is_err(CALL("floor", f, one("day")), LT_EINVAL,
           "floor of a number takes no period (periods are for time columns)",
           "floor of a number with a period");
    is_err(CALL("ceil", one("x")), LT_ETYPE, "expected a number or time column, got str",
           "ceil of a str column");
    is_err(CALL("floor", d, keep(lt_col_scalar_i64(1))), LT_EINVAL,
           "period must be one string, got i64", "a numeric period");
}

/* ---- diff_days ---------------------------------------------------------- */

static void test_diff(void)
{
    lt_col *a = TIMES("2024-03-01 12:00", "1969-12-31", NULL, "2024-01-01 00:00:00.000001");
    lt_col *b = TIMES("2024-02-28", "1970-01-01", "2024-01-01", "2024-01-01");
    is_col(CALL("diff_days", a, b), LT_F64, "2.5 | -1 | NA | 1.1574074074074074e-11",
           "diff_days over a leap day, before 1970, to the microsecond");
    is_col(CALL("diff_days", TIMES("2024-12-25", "2025-01-01"), TIMES("2024-01-01")), LT_F64,
           "359 | 366", "diff_days against one date (2024 has 366 days)");
    is_col(CALL("diff_days", TIMES("2024-01-01"), TIMES("2023-01-01", "0001-01-01")), LT_F64,
           "365 | 738885", "one date against a column");
    int64_t ext[] = { INT64_MAX, INT64_MIN };
    lt_col *e = keep(lt_col_from_time(ext, NULL, 2, LT_DATETIME));
    lt_col *r = CALL("diff_days", e, keep(lt_col_from_time((int64_t[]){ INT64_MIN, INT64_MAX },
                                                           NULL, 2, LT_DATETIME)));
    is_num(lt_col_f64(r)[0], 2.0 * 9223372036854775807.0 / 86400e6, 1e-6,
           "diff_days that overflows i64 is still computed");
    lt_col_unref(r);
    is_err(CALL("diff_days", a, TIMES("2024-01-01", "2024-01-02")), LT_ELENGTH,
           "columns have lengths 4 and 2; expected equal lengths or one of length 1",
           "diff_days of lengths 4 and 2");
    is_err(CALL("diff_days", a, one("2024-01-01")), LT_ETYPE,
           "expected a time column, got str", "diff_days with a str");
}

/* ---- parsing ------------------------------------------------------------ */

static void test_parse(void)
{
    is_col(CALL("to_date", STRS("31/12/2024", "1/2/2024", NULL, "29/02/2000"), one("%d/%m/%Y")),
           LT_TIME, "2024-12-31 | 2024-02-01 | NA | 2000-02-29", "to_date %d/%m/%Y");
    is_col(CALL("to_date", STRS("March  5, 2024", "mar 5, 2024", "DECEMBER 25,2024"),
                one("%B %e, %Y")),
           LT_TIME, "2024-03-05 | 2024-03-05 | 2024-12-25",
           "month names in any case, full or short; spaces match runs");
    is_col(CALL("to_date", STRS("20240131", "19991231"), one("%Y%m%d")), LT_TIME,
           "2024-01-31 | 1999-12-31", "%Y%m%d without separators");
    is_col(CALL("to_date", STRS("05-Mar-69", "05-Mar-68", "1-jan-00"), one("%d-%b-%y")),
           LT_TIME, "1969-03-05 | 2068-03-05 | 2000-01-01", "%y: 69 is 1969, 68 is 2068");
    is_col(CALL("to_date", STRS("2024-366", "2023-001", "2024-060"), one("%Y-%j")), LT_TIME,
           "2024-12-31 | 2023-01-01 | 2024-02-29", "%j day of the year");
    is_col(CALL("to_date", STRS("Tue, 05 Mar 2024", "tuesday, 05 Mar 2024"),
                one("%a, %d %b %Y")),
           LT_TIME, "2024-03-05 | 2024-03-05", "%a weekday names are read");
    is_col(CALL("to_date", STRS("2024-01-05 10:30", "1969-12-31 23:59"),
                one("%Y-%m-%d %H:%M")),
           LT_TIME, "2024-01-05 | 1969-12-31", "to_date drops the time of day");
    is_col(CALL("to_date", STRS("2024-01-31", "2024-01-31 13:00", NULL)), LT_TIME,
           "2024-01-31 | 2024-01-31 | NA", "to_date without a format: ISO 8601");
    is_col(CALL("to_date", STRS("05/03"), one("%d/%m")), LT_TIME, "1970-03-05",
           "a missing year is 1970");
    is_col(CALL("to_date", STRS("100%"), one("100%%")), LT_TIME, "1970-01-01", "%%");

    is_col(CALL("to_datetime", STRS("2024-03-05 01:02:03.25", "2024-03-05 01:02:03.1234567"),
                one("%Y-%m-%d %H:%M:%S.%f")),
           LT_TIME, "2024-03-05 01:02:03.25 | 2024-03-05 01:02:03.123456",
           "%f: fractions, digits past the 6th truncate");
    is_col(CALL("to_datetime", STRS("12:30 AM", "12:30 pm", "01:05 PM", "11:59 am"),
                one("%I:%M %p")),
           LT_TIME,
           "1970-01-01 00:30:00 | 1970-01-01 12:30:00 | 1970-01-01 13:05:00 | "
           "1970-01-01 11:59:00", "%I %p: 12 AM is midnight, 12 PM noon");
    is_col(CALL("to_datetime", STRS("12:00"), one("%I:%M")), LT_TIME, "1970-01-01 00:00:00",
           "%I without %p is AM");
    is_col(CALL("to_datetime",
                STRS("2024-03-05T10:00:00+02:00", "2024-03-05T10:00:00Z",
                     "2024-03-05T10:00:00-0130", "2024-03-05T01:00:00+05"),
                one("%Y-%m-%dT%H:%M:%S%z")),
           LT_TIME,
           "2024-03-05 08:00:00 | 2024-03-05 10:00:00 | 2024-03-05 11:30:00 | "
           "2024-03-04 20:00:00", "%z offsets convert to UTC");
    is_col(CALL("to_datetime", STRS("2024-03-05 13:04:09"), one("%F %T")), LT_TIME,
           "2024-03-05 13:04:09", "%F %T");
    is_col(CALL("to_datetime", STRS("1969-12-31 23:59:59")), LT_TIME, "1969-12-31 23:59:59",
           "to_datetime without a format");
    is_col(CALL("to_datetime", STRS("2024-01-01")), LT_TIME, "2024-01-01 00:00:00",
           "to_datetime of a bare date is a datetime");
    is_col(CALL("to_date", STRS("x", NULL), na_str()), LT_TIME, "NA | NA",
           "a missing format gives missing results");

    static const struct { const char *s, *fmt, *msg; } bad[] = {
        { "31/02/2024", "%d/%m/%Y",
          "'31/02/2024' (row 2) does not match '%d/%m/%Y' (day out of range)" },
        { "29/02/2023", "%d/%m/%Y",
          "'29/02/2023' (row 2) does not match '%d/%m/%Y' (day out of range)" },
        { "2024/01/05", "%Y-%m-%d",
          "'2024/01/05' (row 2) does not match '%Y-%m-%d' (expected '-' at '/01/05')" },
        { "24-01-05", "%Y-%m-%d",
          "'24-01-05' (row 2) does not match '%Y-%m-%d' (expected a 4-digit year for %Y at "
          "'24-01-05')" },
        { "2024-01-05 10:00", "%Y-%m-%d",
          "'2024-01-05 10:00' (row 2) does not match '%Y-%m-%d' (unexpected text ' 10:00' "
          "at the end)" },
        { "2024-13-05", "%Y-%m-%d",
          "'2024-13-05' (row 2) does not match '%Y-%m-%d' (month out of range)" },
        { "2024-01-", "%Y-%m-%d",
          "'2024-01-' (row 2) does not match '%Y-%m-%d' (expected digits for %d at the end)" },
        { "Foo 5 2024", "%b %d %Y",
          "'Foo 5 2024' (row 2) does not match '%b %d %Y' (expected a month name for %b at "
          "'Foo 5 2024')" },
        { "2023-366", "%Y-%j",
          "'2023-366' (row 2) does not match '%Y-%j' (day of the year out of range)" },
        { "24:00", "%H:%M", "'24:00' (row 2) does not match '%H:%M' (hour out of range)" },
        { "10:00 XM", "%I:%M %p",
          "'10:00 XM' (row 2) does not match '%I:%M %p' (expected AM or PM for %p at 'XM')" },
        { "", "%Y", "'' (row 2) does not match '%Y' (expected a 4-digit year for %Y at the end)" },
    };
    for (int k = 0; k < (int)LEN(bad); k++)
        is_err(CALL("to_datetime", STRS(NULL, bad[k].s, "never parsed"),
                    one(bad[k].fmt)),
               LT_EPARSE, bad[k].msg, bad[k].s);
    is_err(CALL("to_date", STRS("2024-01-31", "31.01.2024")), LT_EPARSE,
           "'31.01.2024' (row 2) is not an ISO 8601 date (expected 2024-01-31)",
           "to_date of a non-ISO string without a format");
    is_err(CALL("to_date", STRS("x"), one("%Y-%Q")), LT_EINVAL,
           "unknown directive '%Q' in format '%Y-%Q' (expected %Y %y %m %d %e %H %I %p %M "
           "%S %f %b %B %a %A %j %z %F %T %%)", "an unknown directive");
    is_err(CALL("to_date", STRS("x"), one("%Y%")), LT_EINVAL,
           "format '%Y%' ends with a lone '%' (write %% for a percent sign)", "a lone %");
    is_err(CALL("to_date", keep(lt_col_scalar_i64(20240101)), one("%Y%m%d")), LT_ETYPE,
           "expected a str column, got i64", "to_date of an i64 column");
    is_err(CALL("to_date", STRS("x"), STRS("%Y", "%m")), LT_EINVAL,
           "fmt must be one string", "a column of formats");
}

/* ---- formatting --------------------------------------------------------- */

static void test_format(void)
{
    lt_col *t = TIMES("2024-03-05 13:04:09.00025", "1969-12-31 23:59:59.5",
                      "2024-01-01 00:00:00", NULL, "0000-01-01 12:00:00");
    is_col(CALL("format", t, one("%Y-%m-%d %H:%M:%S.%f")), LT_STR,
           "'2024-03-05 13:04:09.000250' | '1969-12-31 23:59:59.500000' | "
           "'2024-01-01 00:00:00.000000' | NA | '0000-01-01 12:00:00.000000'",
           "format: digits, before 1970, year 0");
    is_col(CALL("format", t, one("%a %A %b %B %e %j %I %p %y %z %%")), LT_STR,
           "'Tue Tuesday Mar March  5 065 01 PM 24 +0000 %' | "
           "'Wed Wednesday Dec December 31 365 11 PM 69 +0000 %' | "
           "'Mon Monday Jan January  1 001 12 AM 24 +0000 %' | NA | "
           "'Sat Saturday Jan January  1 001 12 PM 00 +0000 %'",
           "format: names, day of the year, 12-hour clock");
    is_col(CALL("format", TIMES("2024-02-29", "2024-02-29"), one("%F %T | week of %d %b")),
           LT_STR,
           "'2024-02-29 00:00:00 | week of 29 Feb' | '2024-02-29 00:00:00 | week of 29 Feb'",
           "format of dates, literal text");
    int64_t far[] = { lt_days_from_civil(-1, 12, 31) * D, lt_days_from_civil(12345, 6, 7) * D };
    is_col(CALL("format", keep(lt_col_from_time(far, NULL, 2, LT_DATE)), one("%Y/%m/%d")),
           LT_STR, "'-1/12/31' | '12345/06/07'", "years outside 0..9999 print plainly");
    is_col(CALL("format", t, na_str()), LT_STR, "NA | NA | NA | NA | NA",
           "a missing format gives missing results");
    is_err(CALL("format", t, one("%Y %q")), LT_EINVAL,
           "unknown directive '%q' in format '%Y %q' (expected %Y %y %m %d %e %H %I %p %M "
           "%S %f %b %B %a %A %j %z %F %T %%)", "format with an unknown directive");
    is_err(CALL("format", one("2024-01-01"), one("%Y")), LT_ETYPE,
           "expected a time column, got str", "format of a str column");

    /* Round trips: format then parse gives the same times. */
    static const char *const fmts[] = {
        "%d/%m/%Y %H:%M:%S.%f", "%Y%m%dT%H%M%S.%f%z", "%A %e %B %Y, %I:%M:%S.%f %p",
        "%Y-%j %T.%f", "%a %b %d %y %H:%M:%S.%f",
    };
    lt_col *rt = TIMES("2024-03-05 13:04:09.000250", "1969-12-31 23:59:59.5",
                       "2000-02-29 00:00:00", "2021-01-03 12:00:00", "1999-12-31 23:59:59.999999",
                       "2068-07-04 00:00:01");
    for (int k = 0; k < (int)LEN(fmts); k++) {
        lt_col *s = CALL("format", rt, one(fmts[k]));
        lt_col *back = s ? CALL("to_datetime", s, one(fmts[k])) : NULL;
        int same = back && back->n == rt->n;
        for (int64_t i = 0; same && i < rt->n; i++)
            same = lt_col_i64(back)[i] == lt_col_i64(rt)[i];
        ok(same, "round trip through '%s'", fmts[k]);
        if (!same)
            printf("#   %s\n#   %s\n", s ? show(s) : "", back ? show(back) : lt_errmsg());
        lt_col_unref(s);
        lt_col_unref(back);
    }
}

/* ---- date_range --------------------------------------------------------- */

static void is_range(const char *start, const char *stop, const char *step, const char *want,
                     const char *what)
{
    lt_col *r = lt_date_range(start, stop, step);
    is_str(show(r), want, "date_range: %s", what);
    lt_col_unref(r);
}

static void test_range(void)
{
    is_range("2024-01-01", "2024-01-05", NULL,
             "2024-01-01 | 2024-01-02 | 2024-01-03 | 2024-01-04 | 2024-01-05", "daily");
    is_range("2024-02-27", "2024-03-02", "2d", "2024-02-27 | 2024-02-29 | 2024-03-02",
             "stop on the grid is included");
    is_range("2024-02-27", "2024-03-03", "2d", "2024-02-27 | 2024-02-29 | 2024-03-02",
             "stop off the grid");
    is_range("2024-01-31", "2024-06-30", "1mo",
             "2024-01-31 | 2024-02-29 | 2024-03-31 | 2024-04-30 | 2024-05-31 | 2024-06-30",
             "months clamp to the month end, counted from start");
    is_range("2024-01-31", "2024-05-30", "1mo",
             "2024-01-31 | 2024-02-29 | 2024-03-31 | 2024-04-30",
             "the last month's day after stop");
    is_range("2020-02-29", "2024-03-01", "1y",
             "2020-02-29 | 2021-02-28 | 2022-02-28 | 2023-02-28 | 2024-02-29", "years");
    is_range("2023-11-15", "2024-08-15", "1q", "2023-11-15 | 2024-02-15 | 2024-05-15 | 2024-08-15",
             "quarters");
    is_range("2024-01-01 00:00", "2024-01-01 01:00", "15m",
             "2024-01-01 00:00:00 | 2024-01-01 00:15:00 | 2024-01-01 00:30:00 | "
             "2024-01-01 00:45:00 | 2024-01-01 01:00:00", "15 minutes");
    is_range("2024-01-01", "2024-01-01 12:00", "6h",
             "2024-01-01 00:00:00 | 2024-01-01 06:00:00 | 2024-01-01 12:00:00",
             "a date start with hours gives datetimes");
    is_range("2024-01-01", "2024-01-02", "12h",
             "2024-01-01 00:00:00 | 2024-01-01 12:00:00 | 2024-01-02 00:00:00",
             "dates with a sub-day step give datetimes");
    is_range("2024-01-31 10:30", "2024-03-31", "1mo",
             "2024-01-31 10:30:00 | 2024-02-29 10:30:00", "months keep the time of day");
    is_range("1969-12-30", "1970-01-13", "1w", "1969-12-30 | 1970-01-06 | 1970-01-13",
             "weeks from start, across the epoch");
    is_range("2024-01-01 00:00:00", "2024-01-01 00:00:02", "1s",
             "2024-01-01 00:00:00 | 2024-01-01 00:00:01 | 2024-01-01 00:00:02", "seconds");
    is_range("2024-01-05", "2024-01-01", "1d", "", "stop before start: no values");
    is_range("2024-01-05", "2024-01-05", "1y", "2024-01-05", "start = stop: one value");

    lt_col *r = lt_date_range("2024-01-05", "2024-01-01", NULL);
    ok(r && r->n == 0 && r->type == LT_TIME && r->tkind == LT_DATE, "an empty date column");
    lt_col_unref(r);
    r = lt_date_range("2000-01-01", "2000-12-31", "1h");
    ok(r && r->n == 366 * 24 - 23 && lt_col_i64(r)[r->n - 1]
                                         == lt_days_from_civil(2000, 12, 31) * D,
       "8761 hours in 2000");
    lt_col_unref(r);

    is_err(lt_date_range("2024-13-01", "2025-01-01", NULL), LT_EPARSE,
           "start '2024-13-01' is not an ISO 8601 date or datetime (expected 2024-01-31 or "
           "2024-01-31 13:45:00)", "a bad start");
    is_err(lt_date_range("2024-01-01", "soon", NULL), LT_EPARSE,
           "stop 'soon' is not an ISO 8601 date or datetime (expected 2024-01-31 or "
           "2024-01-31 13:45:00)", "a bad stop");
    is_err(lt_date_range("2024-01-01", "2024-02-01", "0d"), LT_EINVAL,
           "step '0d' must be positive", "a zero step");
    is_err(lt_date_range("2024-01-01", "2024-02-01", "-1d"), LT_EINVAL,
           "step '-1d' must be positive", "a negative step");
    is_err(lt_date_range("2024-01-01", "2024-02-01", "1 day"), LT_EINVAL,
           "unknown step '1 day' (expected year, quarter, month, week, day, hour, minute, "
           "second, or a count and a unit: us, ms, s, m, h, d, w, mo, q, y, as in \"15m\", "
           "\"6h\", \"3mo\")", "an unknown step");
    is_err(lt_date_range("1900-01-01", "2024-01-01", "1s"), LT_EINVAL,
           "step '1s' from 1900-01-01 to 2024-01-01 gives 3913056001 values, more than "
           "100000000", "too many values");
}

static void test_table(void)
{
    int nfn = 0, documented = 0;
    for (const lt_fn *f = lt_date_fns; f->name; f++, nfn++)
        documented += f->kind == LT_FN_MAP && f->sig && strchr(f->sig, ':') && f->summary
                      && f->example && f->impl && f->min_args >= 1
                      && f->max_args >= f->min_args;
    is_int(documented, nfn, "every date function has its help and arity");
    is_int(nfn, 15, "fifteen date functions");
}

int main(void)
{
    test_fields();
    test_floor();
    test_diff();
    test_parse();
    test_format();
    test_range();
    test_table();
    drain();
    return tap_done();
}
