/* Date and time functions on time columns (dates.h) and their entries in
 * the expression function table (lt_date_fns, fn.h), which also holds
 * floor and ceil of numbers: one name serves numbers and times.
 *
 * Row loops over times split across OpenMP threads with a static
 * schedule (results never depend on the thread count); parsing works on
 * the dictionary, each distinct string once. */
#include "dates.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "fn.h"
#include "ops.h"
#include "timefmt.h"

/* Below this many rows a loop stays on one thread. */
enum { PAR_MIN = 1 << 16 };

#define PARFOR                                                               \
    _Pragma("omp parallel for schedule(static) if (parallel: n >= PAR_MIN)") \
    for (int64_t i = 0; i < n; i++)

#define D LT_US_PER_DAY
#define US_PER_SEC INT64_C(1000000)

/* Beyond this many values date_range refuses (8 bytes each: 800 MB). */
#define RANGE_MAX INT64_C(100000000)

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const weekday_names[7] = {   /* ISO order */
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* ---- calendar arithmetic ------------------------------------------------ */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;   /* not a - floor_div(a, b) * b, which overflows near INT64_MIN */
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int64_t y, int m)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* ISO weekday of a day number: 1970-01-01 (day 0) was a Thursday. */
static int iso_weekday(int64_t days) { return (int)floor_mod(days + 3, 7) + 1; }

/* ISO 8601 week: the week belongs to the year of its Thursday. */
static int iso_week(int64_t days)
{
    int64_t thursday = days - iso_weekday(days) + 4, y;
    int m, d;
    lt_civil_from_days(thursday, &y, &m, &d);
    return (int)((thursday - lt_days_from_civil(y, 1, 1)) / 7 + 1);
}

/* Everything a time says, in UTC. */
typedef struct civil {
    int64_t days, year;
    int month, day, hour, minute, second;
    int64_t usec;
} civil;

static void to_civil(int64_t us, civil *c)
{
    c->days = floor_div(us, D);
    int64_t rem = floor_mod(us, D);
    lt_civil_from_days(c->days, &c->year, &c->month, &c->day);
    int64_t secs = rem / US_PER_SEC;
    c->usec = rem % US_PER_SEC;
    c->hour = (int)(secs / 3600);
    c->minute = (int)(secs / 60 % 60);
    c->second = (int)(secs % 60);
}

/* Microseconds of a day number plus a time of day; false on overflow. */
static bool day_to_us(int64_t days, int64_t tod, int64_t *us)
{
    int64_t x;
    return !__builtin_mul_overflow(days, D, &x) && !__builtin_add_overflow(x, tod, us);
}

/* Months since January 1970 of a year and month. */
static int64_t month_index(int64_t y, int m) { return (y - 1970) * 12 + (m - 1); }

/* Day number of day d (clamped to the month's end) of month index k. */
static int64_t month_day(int64_t k, int d)
{
    int64_t y = 1970 + floor_div(k, 12);
    int m = (int)floor_mod(k, 12) + 1;
    int dim = days_in_month(y, m);
    return lt_days_from_civil(y, m, d < dim ? d : dim);
}

static int check_time(const lt_col *t)
{
    if (t->type != LT_TIME)
        return lt_seterr(LT_ETYPE, "expected a time column, got %s", lt_type_name(t->type));
    return 0;
}

/* Give r (n values like t, being built) the missing values of t, zeroing
 * their slots as a missing value's slot must be. */
static int copy_missing(lt_col *r, const lt_col *t)
{
    if (!t->nmiss || !t->valid)
        return 0;
    for (int64_t i = 0; i < t->n; i++)
        if (lt_col_is_na(t, i) && lt_col_set_na(r, i) < 0)
            return LT_ENOMEM;
    return 0;
}

/* ---- fields ------------------------------------------------------------- */

lt_col *lt_date_field_of(const lt_col *t, lt_date_field field)
{
    if (check_time(t) < 0)
        return NULL;
    int64_t n = t->n;
    lt_col *r = lt_col_new(LT_I64, n);
    if (!r)
        return NULL;
    const int64_t *x = lt_col_i64(t);
    int64_t *out = lt_col_i64(r);
    switch (field) {
    case LT_YEAR:
    case LT_QUARTER:
    case LT_MONTH:
    case LT_DAY:
        PARFOR {
            int64_t y;
            int m, d;
            lt_civil_from_days(floor_div(x[i], D), &y, &m, &d);
            out[i] = field == LT_YEAR ? y : field == LT_MONTH ? m
                   : field == LT_DAY ? d : (m - 1) / 3 + 1;
        }
        break;
    case LT_WEEK: PARFOR out[i] = iso_week(floor_div(x[i], D)); break;
    case LT_WEEKDAY: PARFOR out[i] = iso_weekday(floor_div(x[i], D)); break;
    case LT_HOUR: PARFOR out[i] = floor_mod(x[i], D) / (3600 * US_PER_SEC); break;
    case LT_MINUTE: PARFOR out[i] = floor_mod(x[i], 3600 * US_PER_SEC) / (60 * US_PER_SEC); break;
    case LT_SECOND: PARFOR out[i] = floor_mod(x[i], 60 * US_PER_SEC) / US_PER_SEC; break;
    }
    return lt_col_done(r, copy_missing(r, t));
}

/* ---- periods ------------------------------------------------------------ */

/* A grid of times: multiples of `us` microseconds from `anchor`, or of
 * `months` calendar months from January 1970. */
typedef struct grid {
    int64_t us, months, anchor;
} grid;

/* The Monday before the epoch (1969-12-29), where weeks start. */
#define MONDAY (-3 * D)

static int bad_period(const char *what, const char *s)
{
    return lt_seterr(LT_EINVAL, "unknown %s '%s' (expected year, quarter, month, week, day, "
                     "hour, minute, second, or a count and a unit: us, ms, s, m, h, d, w, "
                     "mo, q, y, as in \"15m\", \"6h\", \"3mo\")", what, s);
}

/* Parse a period; `what` ("period", "step") names it in errors. */
static int parse_period(const char *s, const char *what, grid *p)
{
    static const struct { const char *name, *unit; } named[] = {
        { "year", "y" }, { "quarter", "q" }, { "month", "mo" }, { "week", "w" },
        { "day", "d" }, { "hour", "h" }, { "minute", "m" }, { "second", "s" },
    };
    static const struct { const char *unit; int64_t us, months; } units[] = {
        { "us", 1, 0 }, { "ms", 1000, 0 }, { "s", US_PER_SEC, 0 },
        { "m", 60 * US_PER_SEC, 0 }, { "h", 3600 * US_PER_SEC, 0 }, { "d", D, 0 },
        { "w", 7 * D, 0 }, { "mo", 0, 1 }, { "q", 0, 3 }, { "y", 0, 12 },
    };
    int64_t count = 1;
    const char *unit = NULL;
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strcmp(s, named[k].name) == 0)
            unit = named[k].unit;
    if (!unit) {
        if (s[0] == '-')
            return lt_seterr(LT_EINVAL, "%s '%s' must be positive", what, s);
        const char *q = s;
        count = 0;
        while (*q >= '0' && *q <= '9') {
            if (count > (INT64_MAX - 9) / 10)
                return lt_seterr(LT_EINVAL, "%s '%s' is too long", what, s);
            count = count * 10 + (*q++ - '0');
        }
        if (q == s)
            return bad_period(what, s);
        unit = q;
    }
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        if (strcmp(unit, units[k].unit) != 0)
            continue;
        if (count == 0)
            return lt_seterr(LT_EINVAL, "%s '%s' must be positive", what, s);
        p->us = p->months = 0;
        bool over = units[k].months ? __builtin_mul_overflow(count, units[k].months, &p->months)
                                    : __builtin_mul_overflow(count, units[k].us, &p->us);
        if (over || p->months > INT64_C(12) * 1000000)
            return lt_seterr(LT_EINVAL, "%s '%s' is too long", what, s);
        p->anchor = strcmp(unit, "w") == 0 ? MONDAY : 0;
        return 0;
    }
    return bad_period(what, s);
}

static bool whole_days(const grid *p) { return p->months || p->us % D == 0; }

/* The grid point at or before t (dir < 0) or at or after it (dir > 0);
 * false when it is beyond the range of times. */
static bool snap(int64_t t, const grid *p, int dir, int64_t *out)
{
    if (p->months) {
        int64_t days = floor_div(t, D), y;
        int m, d;
        lt_civil_from_days(days, &y, &m, &d);
        int64_t k = floor_div(month_index(y, m), p->months) * p->months;
        int64_t g;
        if (!day_to_us(month_day(k, 1), 0, &g))
            return false;
        if (dir > 0 && g != t && !day_to_us(month_day(k + p->months, 1), 0, &g))
            return false;
        *out = g;
        return true;
    }
    int64_t x, g;
    if (!__builtin_sub_overflow(t, p->anchor, &x)) {
        int64_t r = x % p->us, q = x / p->us;
        q -= r < 0;
        q += dir > 0 && r != 0;
        if (!__builtin_mul_overflow(q, p->us, &g) && !__builtin_add_overflow(g, p->anchor, out))
            return true;
    }
    /* Near the limits, t - anchor or the grid point beyond t may leave
     * int64 even where the result does not: 128 bits. */
    __extension__ typedef __int128 wide;
    wide wx = (wide)t - p->anchor, r = wx % p->us, q = wx / p->us;
    if (r < 0)
        q--;
    if (dir > 0 && r != 0)
        q++;
    wide w = q * p->us + p->anchor;
    if (w < INT64_MIN || w > INT64_MAX)
        return false;
    *out = (int64_t)w;
    return true;
}

static lt_col *snap_col(const lt_col *t, const char *period_s, int dir)
{
    grid p;
    if (check_time(t) < 0 || parse_period(period_s, "period", &p) < 0)
        return NULL;
    int64_t n = t->n;
    lt_col *r = lt_col_new(LT_TIME, n);
    if (!r)
        return NULL;
    r->tkind = t->tkind == LT_DATE && whole_days(&p) ? LT_DATE : LT_DATETIME;
    const int64_t *x = lt_col_i64(t);
    int64_t *out = lt_col_i64(r);
    int bad = 0;
    _Pragma("omp parallel for schedule(static) if (parallel: n >= PAR_MIN) reduction(|: bad)")
    for (int64_t i = 0; i < n; i++) {
        if (!snap(x[i], &p, dir, &out[i])) {
            out[i] = INT64_MIN;
            bad = 1;
        }
    }
    int status = copy_missing(r, t);
    if (bad)   /* beyond the range of times: missing */
        for (int64_t i = 0; i < n && status == 0; i++)
            if (out[i] == INT64_MIN && !lt_col_is_na(t, i))
                status = lt_col_set_na(r, i);
    return lt_col_done(r, status);
}

lt_col *lt_date_floor(const lt_col *t, const char *period) { return snap_col(t, period, -1); }
lt_col *lt_date_ceil(const lt_col *t, const char *period) { return snap_col(t, period, 1); }

/* ---- differences -------------------------------------------------------- */

lt_col *lt_date_diff_days(const lt_col *a, const lt_col *b)
{
    if (check_time(a) < 0 || check_time(b) < 0)
        return NULL;
    if (a->n != b->n && a->n != 1 && b->n != 1) {
        lt_seterr(LT_ELENGTH, "columns have lengths %lld and %lld; expected equal lengths "
                  "or one of length 1", (long long)a->n, (long long)b->n);
        return NULL;
    }
    int64_t n = a->n == 1 ? b->n : a->n;
    lt_col *r = lt_col_new(LT_F64, n);
    if (!r)
        return NULL;
    const int64_t *x = lt_col_i64(a), *y = lt_col_i64(b);
    double *out = lt_col_f64(r);
    int64_t sa = a->n == 1 ? 0 : 1, sb = b->n == 1 ? 0 : 1;
    PARFOR {
        int64_t u = x[i * sa], v = y[i * sb], d;
        /* Whole days and the rest apart: exact to the microsecond. */
        out[i] = __builtin_sub_overflow(u, v, &d) ? ((double)u - (double)v) / (double)D
                 : (double)(d / D) + (double)(d % D) / (double)D;
    }
    if (a->nmiss || b->nmiss)
        for (int64_t i = 0; i < n; i++)
            if (lt_col_is_na(a, i * sa) || lt_col_is_na(b, i * sb))
                out[i] = NAN;
    return lt_col_finish(r);
}

/* ---- formats ------------------------------------------------------------ */

static const char directives[] = "YymdeHIpMSfbBaAjzFT%";

/* Check every directive of fmt; 0 or LT_EINVAL. */
static int check_format(const char *fmt)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (!p[1])
            return lt_seterr(LT_EINVAL, "format '%s' ends with a lone '%%' (write %%%% for "
                             "a percent sign)", fmt);
        if (!strchr(directives, p[1]))
            return lt_seterr(LT_EINVAL, "unknown directive '%%%c' in format '%s' (expected "
                             "%%Y %%y %%m %%d %%e %%H %%I %%p %%M %%S %%f %%b %%B %%a %%A %%j "
                             "%%z %%F %%T %%%%)", p[1], fmt);
        p++;
    }
    return 0;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct fields {
    int64_t year, usec, offset;   /* offset: seconds east of UTC */
    int month, day, yday, hour, minute, second;
    int pm;                       /* -1: no %p */
    bool h12, has_md, has_yday;
} fields;

typedef struct scan {
    const char *s;
    size_t len, i;
    char *why;                    /* reason of a failure */
    size_t whycap;
} scan;

__attribute__((format(printf, 2, 3)))
static int fail(scan *sc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sc->why, sc->whycap, fmt, ap);
    va_end(ap);
    return -1;
}

/* Where the scan stands, for messages: "at '/01/2024'" or "at the end". */
static const char *where(scan *sc, char *buf, size_t cap)
{
    if (sc->i >= sc->len)
        return "at the end";
    snprintf(buf, cap, "at '%.*s'", (int)(sc->len - sc->i > 16 ? 16 : sc->len - sc->i),
             sc->s + sc->i);
    return buf;
}

/* Read min..max digits; -1 (with why) when fewer than min. */
static int number(scan *sc, int min, int max, char dir, int64_t *v)
{
    int k = 0;
    int64_t x = 0;
    while (k < max && sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') {
        x = x * 10 + (sc->s[sc->i++] - '0');
        k++;
    }
    if (k < min) {
        char buf[32];
        sc->i -= (size_t)k;
        return fail(sc, "expected %s for %%%c %s", min == 4 ? "a 4-digit year" : "digits",
                    dir, where(sc, buf, sizeof buf));
    }
    *v = x;
    return 0;
}

/* Match one of the names (full, or their first 3 letters) in any case;
 * the index or -1. */
static int name(scan *sc, const char *const *names, int count)
{
    for (int full = 1; full >= 0; full--)
        for (int k = 0; k < count; k++) {
            size_t len = full ? strlen(names[k]) : 3;
            if (sc->len - sc->i >= len && strncasecmp(sc->s + sc->i, names[k], len) == 0) {
                sc->i += len;
                return k;
            }
        }
    return -1;
}

static int in_range(scan *sc, int64_t v, int64_t lo, int64_t hi, const char *what)
{
    return v >= lo && v <= hi ? 0 : fail(sc, "%s out of range", what);
}

/* Match s against fmt (checked, %F/%T included) into f. */
static int scan_fields(scan *sc, const char *fmt, fields *f)
{
    char buf[32];
    for (const char *p = fmt; *p; p++) {
        if (*p == ' ') {
            while (sc->i < sc->len && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
                sc->i++;
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            p += *p == '%';
            if (sc->i >= sc->len || sc->s[sc->i] != *p)
                return fail(sc, "expected '%c' %s", *p, where(sc, buf, sizeof buf));
            sc->i++;
            continue;
        }
        char dir = *++p;
        int64_t v = 0;
        int k;
        switch (dir) {
        case 'F':
        case 'T':
            if (scan_fields(sc, dir == 'F' ? "%Y-%m-%d" : "%H:%M:%S", f) < 0)
                return -1;
            break;
        case 'Y':
            if (number(sc, 4, 4, dir, &f->year) < 0)
                return -1;
            break;
        case 'y':
            if (number(sc, 1, 2, dir, &v) < 0)
                return -1;
            f->year = v + (v < 69 ? 2000 : 1900);
            break;
        case 'm':
        case 'd':
        case 'e':
        case 'H':
        case 'I':
        case 'M':
        case 'S':
        case 'j':
            if (dir == 'e' && sc->i < sc->len && sc->s[sc->i] == ' ')
                sc->i++;
            if (number(sc, 1, dir == 'j' ? 3 : 2, dir, &v) < 0)
                return -1;
            switch (dir) {
            case 'm':
                if (in_range(sc, v, 1, 12, "month") < 0)
                    return -1;
                f->month = (int)v;
                f->has_md = true;
                break;
            case 'd':
            case 'e':
                if (in_range(sc, v, 1, 31, "day") < 0)
                    return -1;
                f->day = (int)v;
                f->has_md = true;
                break;
            case 'H':
            case 'I':
                if (in_range(sc, v, dir == 'I', dir == 'I' ? 12 : 23, "hour") < 0)
                    return -1;
                f->hour = (int)v;
                f->h12 = dir == 'I';
                break;
            case 'M':
                if (in_range(sc, v, 0, 59, "minute") < 0)
                    return -1;
                f->minute = (int)v;
                break;
            case 'S':
                if (in_range(sc, v, 0, 59, "second") < 0)
                    return -1;
                f->second = (int)v;
                break;
            case 'j':
                if (in_range(sc, v, 1, 366, "day of the year") < 0)
                    return -1;
                f->yday = (int)v;
                f->has_yday = true;
                break;
            }
            break;
        case 'f': {
            size_t start = sc->i;
            if (number(sc, 1, 9, dir, &v) < 0)
                return -1;
            for (size_t nd = sc->i - start; nd < 6; nd++)
                v *= 10;
            for (size_t nd = sc->i - start; nd > 6; nd--)
                v /= 10;   /* digits past the 6th truncate */
            f->usec = v;
            break;
        }
        case 'p':
            if (sc->len - sc->i >= 2 && (strncasecmp(sc->s + sc->i, "AM", 2) == 0
                                         || strncasecmp(sc->s + sc->i, "PM", 2) == 0)) {
                f->pm = (sc->s[sc->i] | 0x20) == 'p';
                sc->i += 2;
            } else {
                return fail(sc, "expected AM or PM for %%p %s", where(sc, buf, sizeof buf));
            }
            break;
        case 'b':
        case 'B':
            if ((k = name(sc, month_names, 12)) < 0)
                return fail(sc, "expected a month name for %%%c %s", dir,
                            where(sc, buf, sizeof buf));
            f->month = k + 1;
            f->has_md = true;
            break;
        case 'a':
        case 'A':
            if (name(sc, weekday_names, 7) < 0)
                return fail(sc, "expected a weekday name for %%%c %s", dir,
                            where(sc, buf, sizeof buf));
            break;
        case 'z': {
            if (sc->i < sc->len && sc->s[sc->i] == 'Z') {
                sc->i++;
                f->offset = 0;
                break;
            }
            if (sc->i >= sc->len || (sc->s[sc->i] != '+' && sc->s[sc->i] != '-'))
                return fail(sc, "expected Z or a UTC offset such as +02:00 for %%z %s",
                            where(sc, buf, sizeof buf));
            int sign = sc->s[sc->i++] == '-' ? -1 : 1;
            int64_t hh = 0, mm = 0;
            if (number(sc, 2, 2, dir, &hh) < 0)
                return -1;
            if (sc->i < sc->len && sc->s[sc->i] == ':')
                sc->i++;
            if (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9'
                && number(sc, 2, 2, dir, &mm) < 0)
                return -1;
            if (hh > 23 || mm > 59)
                return fail(sc, "UTC offset out of range");
            f->offset = sign * (hh * 3600 + mm * 60);
            break;
        }
        }
    }
    return 0;
}

/* Parse s[0..len) with fmt; 0 with *us, or -1 with why. */
static int parse_time(const char *s, size_t len, const char *fmt, int64_t *us, char *why,
                      size_t whycap)
{
    scan sc = { s, len, 0, why, whycap };
    fields f = { .year = 1970, .month = 1, .day = 1, .pm = -1 };
    if (scan_fields(&sc, fmt, &f) < 0)
        return -1;
    if (sc.i < len)
        return fail(&sc, "unexpected text '%.*s' at the end",
                    (int)(len - sc.i > 16 ? 16 : len - sc.i), s + sc.i);
    int64_t days;
    if (f.has_yday && !f.has_md) {
        if (f.yday > (is_leap(f.year) ? 366 : 365))
            return fail(&sc, "day of the year out of range");
        days = lt_days_from_civil(f.year, 1, 1) + f.yday - 1;
    } else {
        if (f.day > days_in_month(f.year, f.month))
            return fail(&sc, "day out of range");
        days = lt_days_from_civil(f.year, f.month, f.day);
    }
    int hour = f.hour;
    if (f.h12)   /* 12 AM is 0h, 12 PM 12h; without %p, AM */
        hour = hour % 12 + (f.pm == 1 ? 12 : 0);
    int64_t tod = ((int64_t)hour * 3600 + f.minute * 60 + f.second - f.offset) * US_PER_SEC
                  + f.usec;
    *us = days * D + tod;
    return 0;
}

lt_col *lt_date_parse(const lt_col *s, const char *fmt, lt_time_kind kind)
{
    if (s->type != LT_STR) {
        lt_seterr(LT_ETYPE, "expected a str column, got %s", lt_type_name(s->type));
        return NULL;
    }
    if (fmt && check_format(fmt) < 0)
        return NULL;
    size_t size = (size_t)lt_dict_size(s->dict);
    int64_t *val = malloc((size ? size : 1) * sizeof *val);
    uint8_t *state = calloc(size ? size : 1, 1);   /* 0: not parsed yet */
    lt_col *r = val && state ? lt_col_new(LT_TIME, s->n) : NULL;
    if (!r) {
        if (!val || !state)
            lt_nomem();
        free(val);
        free(state);
        return NULL;
    }
    r->tkind = kind;
    const int32_t *codes = lt_col_codes(s);
    int64_t *out = lt_col_i64(r);
    int status = 0;
    for (int64_t i = 0; i < s->n && status == 0; i++) {
        int32_t c = codes[i];
        if (c < 0) {
            status = lt_col_set_na(r, i);
            continue;
        }
        if (!state[c]) {
            size_t len;
            const char *str = lt_dict_str(s->dict, c, &len);
            char why[96];
            lt_time_kind k;
            int bad = fmt ? parse_time(str, len, fmt, &val[c], why, sizeof why)
                          : lt_time_parse(str, len, &val[c], &k);
            if (bad < 0) {
                int shown = len > 60 ? 60 : (int)len;
                const char *more = len > 60 ? "..." : "";
                if (fmt)
                    status = lt_seterr(LT_EPARSE, "'%.*s%s' (row %lld) does not match '%s' (%s)",
                                       shown, str, more, (long long)i + 1, fmt, why);
                else
                    status = lt_seterr(LT_EPARSE, "'%.*s%s' (row %lld) is not an ISO 8601 %s "
                                       "(expected %s)", shown, str, more, (long long)i + 1,
                                       kind == LT_DATE ? "date" : "datetime",
                                       kind == LT_DATE ? "2024-01-31"
                                                       : "2024-01-31 13:45:00");
                break;
            }
            if (kind == LT_DATE)
                val[c] = floor_div(val[c], D) * D;
            state[c] = 1;
        }
        out[i] = val[c];
    }
    free(val);
    free(state);
    return lt_col_done(r, status);
}

/* ---- formatting --------------------------------------------------------- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static int put(text *t, const char *s, size_t n)
{
    if (t->len + n > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->len + n)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p)
            return lt_nomem();
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    return 0;
}

/* v >= 0 in exactly `width` digits (or more when it needs them), padded
 * with `pad`. */
static int put_num(text *t, int64_t v, int width, char pad)
{
    char buf[24];
    int n = 0;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        buf[sizeof buf - 1 - n++] = pad;
    return put(t, buf + sizeof buf - n, (size_t)n);
}

static int format_time(text *t, const char *fmt, int64_t us)
{
    civil c;
    to_civil(us, &c);
    int status = 0;
    for (const char *p = fmt; *p && status == 0; p++) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            status = put(t, p, n);
            p += n - 1;
            continue;
        }
        const char *name;
        switch (*++p) {
        case 'Y':
            if (c.year >= 0 && c.year <= 9999) {
                status = put_num(t, c.year, 4, '0');
            } else {
                char buf[24];
                status = put(t, buf, (size_t)snprintf(buf, sizeof buf, "%lld",
                                                      (long long)c.year));
            }
            break;
        case 'y': status = put_num(t, floor_mod(c.year, 100), 2, '0'); break;
        case 'm': status = put_num(t, c.month, 2, '0'); break;
        case 'd': status = put_num(t, c.day, 2, '0'); break;
        case 'e': status = put_num(t, c.day, 2, ' '); break;
        case 'H': status = put_num(t, c.hour, 2, '0'); break;
        case 'I': status = put_num(t, c.hour % 12 ? c.hour % 12 : 12, 2, '0'); break;
        case 'p': status = put(t, c.hour < 12 ? "AM" : "PM", 2); break;
        case 'M': status = put_num(t, c.minute, 2, '0'); break;
        case 'S': status = put_num(t, c.second, 2, '0'); break;
        case 'f': status = put_num(t, c.usec, 6, '0'); break;
        case 'j':
            status = put_num(t, c.days - lt_days_from_civil(c.year, 1, 1) + 1, 3, '0');
            break;
        case 'z': status = put(t, "+0000", 5); break;
        case 'F': status = format_time(t, "%Y-%m-%d", us); break;
        case 'T': status = format_time(t, "%H:%M:%S", us); break;
        case '%': status = put(t, "%", 1); break;
        case 'b':
        case 'B':
            name = month_names[c.month - 1];
            status = put(t, name, *p == 'b' ? 3 : strlen(name));
            break;
        case 'a':
        case 'A':
            name = weekday_names[iso_weekday(c.days) - 1];
            status = put(t, name, *p == 'a' ? 3 : strlen(name));
            break;
        }
    }
    return status;
}

lt_col *lt_date_format(const lt_col *t, const char *fmt)
{
    if (check_time(t) < 0 || check_format(fmt) < 0)
        return NULL;
    lt_dict *d = lt_dict_new();
    lt_col *r = d ? lt_col_new_str(t->n, d) : NULL;
    lt_dict_unref(d);
    if (!r)
        return NULL;
    const int64_t *x = lt_col_i64(t);
    int32_t *out = lt_col_codes(r);
    text buf = { 0 };
    int status = 0;
    for (int64_t i = 0; i < t->n && status == 0; i++) {
        if (lt_col_is_na(t, i)) {
            status = lt_col_set_na(r, i);
            continue;
        }
        if (i > 0 && x[i] == x[i - 1] && out[i - 1] >= 0) {   /* runs of one time */
            out[i] = out[i - 1];
            continue;
        }
        buf.len = 0;
        status = format_time(&buf, fmt, x[i]);
        int32_t code = status < 0 ? status : lt_dict_intern(d, buf.p, buf.len);
        if (code < 0)
            status = code;
        out[i] = code;
    }
    free(buf.p);
    return lt_col_done(r, status);
}

/* ---- date_range --------------------------------------------------------- */

static int parse_bound(const char *s, const char *what, int64_t *us, lt_time_kind *kind)
{
    if (lt_time_parse(s, strlen(s), us, kind) < 0)
        return lt_seterr(LT_EPARSE, "%s '%s' is not an ISO 8601 date or datetime "
                         "(expected 2024-01-31 or 2024-01-31 13:45:00)", what, s);
    return 0;
}

lt_col *lt_date_range(const char *start, const char *stop, const char *step)
{
    int64_t t0, t1;
    lt_time_kind k0, k1;
    grid p;
    if (!step)
        step = "1d";
    if (parse_bound(start, "start", &t0, &k0) < 0 || parse_bound(stop, "stop", &t1, &k1) < 0
        || parse_period(step, "step", &p) < 0)
        return NULL;
    lt_time_kind kind = k0 == LT_DATE && k1 == LT_DATE && whole_days(&p) ? LT_DATE
                                                                         : LT_DATETIME;
    int64_t count = 0;
    civil c;
    to_civil(t0, &c);
    int64_t tod = floor_mod(t0, D), k0m = month_index(c.year, c.month);
    if (t1 >= t0) {
        if (p.months) {
            civil e;
            to_civil(t1, &e);
            int64_t last = (month_index(e.year, e.month) - k0m) / p.months, v;
            /* The step landing in stop's month may fall after stop. */
            if (!day_to_us(month_day(k0m + last * p.months, c.day), tod, &v) || v > t1)
                last--;
            count = last + 1;
        } else {
            count = (t1 - t0) / p.us + 1;
        }
    }
    if (count > RANGE_MAX) {
        lt_seterr(LT_EINVAL, "step '%s' from %s to %s gives %lld values, more than %lld",
                  step, start, stop, (long long)count, (long long)RANGE_MAX);
        return NULL;
    }
    lt_col *r = lt_col_new(LT_TIME, count);
    if (!r)
        return NULL;
    r->tkind = kind;
    int64_t *out = lt_col_i64(r);
    int64_t n = count;
    if (p.months) {
        PARFOR day_to_us(month_day(k0m + i * p.months, c.day), tod, &out[i]);
    } else {
        PARFOR out[i] = t0 + i * p.us;
    }
    return lt_col_finish(r);
}

/* ---- the expression functions ------------------------------------------- */

#define FIELD_FN(fname, field)                                                  \
    static lt_col *fname(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)  \
    {                                                                           \
        (void)nargs, (void)ctx;                                                 \
        return lt_date_field_of(args[0], field);                                \
    }

FIELD_FN(fn_year, LT_YEAR)
FIELD_FN(fn_quarter, LT_QUARTER)
FIELD_FN(fn_month, LT_MONTH)
FIELD_FN(fn_week, LT_WEEK)
FIELD_FN(fn_day, LT_DAY)
FIELD_FN(fn_weekday, LT_WEEKDAY)
FIELD_FN(fn_hour, LT_HOUR)
FIELD_FN(fn_minute, LT_MINUTE)
FIELD_FN(fn_second, LT_SECOND)

/* floor/ceil of a number: f64 rounded, i64 as it is, bool as i64. */
static lt_col *round_number(const lt_col *x, int dir)
{
    if (x->type == LT_I64)
        return lt_col_ref((lt_col *)x);
    if (x->type == LT_BOOL)
        return lt_col_astype(x, LT_I64, false);
    int64_t n = x->n;
    lt_col *r = lt_col_new(LT_F64, n);
    if (!r)
        return NULL;
    const double *v = lt_col_f64(x);
    double *out = lt_col_f64(r);
    if (dir < 0) {
        PARFOR out[i] = floor(v[i]);
    } else {
        PARFOR out[i] = ceil(v[i]);
    }
    return lt_col_finish(r);
}

static lt_col *floor_ceil(lt_col *const *args, int nargs, int dir)
{
    const lt_col *x = args[0];
    const char *name = dir < 0 ? "floor" : "ceil";
    if (lt_type_is_numeric(x->type)) {
        if (nargs > 1) {
            lt_seterr(LT_EINVAL, "%s of a number takes no period (periods are for time "
                      "columns)", name);
            return NULL;
        }
        return round_number(x, dir);
    }
    if (x->type != LT_TIME) {
        lt_seterr(LT_ETYPE, "expected a number or time column, got %s", lt_type_name(x->type));
        return NULL;
    }
    if (nargs < 2) {
        lt_seterr(LT_EINVAL, "%s of a time column needs a period (\"day\", \"month\", "
                  "\"15m\" ...)", name);
        return NULL;
    }
    int err = 0;
    const char *period = lt_fn_str_param_na(args[1], "period", &err);
    if (err < 0)
        return NULL;
    if (!period) {
        return lt_col_new_na(LT_TIME, x->tkind, x->n);
    }
    return dir < 0 ? lt_date_floor(x, period) : lt_date_ceil(x, period);
}

static lt_col *fn_floor(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)ctx;
    return floor_ceil(args, nargs, -1);
}

static lt_col *fn_ceil(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)ctx;
    return floor_ceil(args, nargs, 1);
}

static lt_col *fn_diff_days(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_date_diff_days(args[0], args[1]);
}

static lt_col *parse_fn(lt_col *const *args, int nargs, lt_time_kind kind)
{
    if (args[0]->type != LT_STR) {
        lt_seterr(LT_ETYPE, "expected a str column, got %s", lt_type_name(args[0]->type));
        return NULL;
    }
    const char *fmt = NULL;
    if (nargs > 1) {
        int err = 0;
        fmt = lt_fn_str_param_na(args[1], "fmt", &err);
        if (err < 0)
            return NULL;
        if (!fmt) {
            return lt_col_new_na(LT_TIME, kind, args[0]->n);
        }
    }
    return lt_date_parse(args[0], fmt, kind);
}

static lt_col *fn_to_date(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)ctx;
    return parse_fn(args, nargs, LT_DATE);
}

static lt_col *fn_to_datetime(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)ctx;
    return parse_fn(args, nargs, LT_DATETIME);
}

static lt_col *fn_format(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    if (check_time(args[0]) < 0)
        return NULL;
    int err = 0;
    const char *fmt = lt_fn_str_param_na(args[1], "fmt", &err);
    if (err < 0)
        return NULL;
    return fmt ? lt_date_format(args[0], fmt) : lt_col_new_na(LT_STR, LT_DATETIME, args[0]->n);
}

#define PERIODS                                                                   \
    "Periods: \"year\", \"quarter\", \"month\", \"week\" (ISO, from Monday),\n"  \
    "\"day\", \"hour\", \"minute\", \"second\", or a count and a unit (us ms s\n" \
    "m h d w mo q y): \"15m\", \"6h\", \"2d\", \"3mo\", multiples counted from\n" \
    "1970-01-01 (weeks from a Monday)."

#define FORMATS                                                                       \
    "Directives: %Y %y %m %d %e %H %I %p %M %S %f (fraction) %b %B (month)\n"       \
    "%a %A (weekday) %j (day of year) %z (UTC offset) %F (%Y-%m-%d)\n"               \
    "%T (%H:%M:%S) %%; English names, any case."

const lt_fn lt_date_fns[] = {
    {"year", LT_FN_MAP, 1, 1, fn_year, NULL, 0, "t:year()",
     "The year of each date or time (UTC), as i64.",
     "df:mutate{ y = col\"date\":year() }"},
    {"quarter", LT_FN_MAP, 1, 1, fn_quarter, NULL, 0, "t:quarter()",
     "The quarter, 1..4, as i64.",
     "df:group_by(col\"date\":quarter())"},
    {"month", LT_FN_MAP, 1, 1, fn_month, NULL, 0, "t:month()",
     "The month, 1..12, as i64.",
     "air:mutate{ m = col\"month\":month() }"},
    {"week", LT_FN_MAP, 1, 1, fn_week, NULL, 0, "t:week()",
     "The ISO 8601 week number, 1..53, as i64.\n"
     "Weeks start on Monday and belong to the year of their Thursday, so\n"
     "2021-01-03 is in week 53 (of 2020) and 2024-12-30 in week 1 (of 2025).",
     "df:mutate{ wk = col\"date\":week() }"},
    {"day", LT_FN_MAP, 1, 1, fn_day, NULL, 0, "t:day()",
     "The day of the month, 1..31, as i64.",
     "df:mutate{ d = col\"date\":day() }"},
    {"weekday", LT_FN_MAP, 1, 1, fn_weekday, NULL, 0, "t:weekday()",
     "Day of the week, Monday = 1 .. Sunday = 7.\n"
     "ISO numbering, as Polars; an i64.",
     "df:filter(col\"date\":weekday():le(5))   -- working days"},
    {"hour", LT_FN_MAP, 1, 1, fn_hour, NULL, 0, "t:hour()",
     "The hour, 0..23 (UTC), as i64; 0 for dates.",
     "df:group_by(col\"at\":hour()):count()"},
    {"minute", LT_FN_MAP, 1, 1, fn_minute, NULL, 0, "t:minute()",
     "The minute, 0..59, as i64.",
     "df:mutate{ m = col\"at\":minute() }"},
    {"second", LT_FN_MAP, 1, 1, fn_second, NULL, 0, "t:second()",
     "The whole second, 0..59, as i64.",
     "df:mutate{ s = col\"at\":second() }"},
    {"floor", LT_FN_MAP, 1, 2, fn_floor, NULL, 0, "x:floor([period])",
     "Round down: numbers, or times to a period.\n"
     "Numbers: the largest whole number <= x (f64 stays f64, i64 is unchanged).\n"
     "Times: the start of the period holding each time (floor(\"month\") gives\n"
     "the first of the month).  A date stays a date for whole-day periods.\n"
     PERIODS,
     "col\"price\":floor()\n"
     "df:group_by(col\"date\":floor(\"month\")):agg{ n = count() }\n"
     "col\"at\":floor(\"15m\")"},
    {"ceil", LT_FN_MAP, 1, 2, fn_ceil, NULL, 0, "x:ceil([period])",
     "Round up: numbers, or times to a period.\n"
     "Numbers: the smallest whole number >= x (f64 stays f64, i64 is unchanged).\n"
     "Times: the first period boundary at or after each time (as floor).",
     "col\"price\":ceil()\ncol\"at\":ceil(\"hour\")"},
    {"diff_days", LT_FN_MAP, 2, 2, fn_diff_days, NULL, 0, "a:diff_days(b)",
     "a - b in days, as f64.\n"
     "With fractions of a day for datetimes; b may be one value.",
     "df:mutate{ age = col\"closed\":diff_days(col\"opened\") }"},
    {"to_date", LT_FN_MAP, 1, 2, fn_to_date, NULL, 0, "s:to_date([fmt])",
     "Parse strings into dates with a format.\n"
     "The format is strptime-like; without one, ISO 8601 (2024-01-31).\n"
     "A time of day in the string is dropped.  Fields absent from the format\n"
     "default to 1970-01-01.  A string that does not match is an error naming\n"
     "it, its row and why.\n"
     FORMATS,
     "col\"when\":to_date(\"%d/%m/%Y\")\n"
     "col\"when\":to_date(\"%B %e, %Y\")    -- \"March  5, 2024\""},
    {"to_datetime", LT_FN_MAP, 1, 2, fn_to_datetime, NULL, 0, "s:to_datetime([fmt])",
     "Parse strings into datetimes with a format.\n"
     "As to_date; times are UTC, and %z offsets are converted to UTC.",
     "col\"stamp\":to_datetime(\"%d/%m/%Y %H:%M\")\n"
     "col\"stamp\":to_datetime(\"%Y-%m-%dT%H:%M:%S%z\")"},
    {"format", LT_FN_MAP, 2, 2, fn_format, NULL, 0, "t:format(fmt)",
     "Times as text, with a strftime-like format.\n"
     "The directives of to_date; %a %b give 3-letter English names, %f six\n"
     "digits, %z +0000.",
     "col\"date\":format(\"%d %b %Y\")      -- \"05 Mar 2024\"\n"
     "col\"at\":format(\"%a %H:%M\")        -- \"Tue 13:45\""},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, NULL},
};
