/* ISO 8601 dates and datetimes <-> microseconds since the Unix epoch.
 * The civil-calendar arithmetic is Howard Hinnant's days-from-civil
 * algorithm (exact for the proleptic Gregorian calendar). */
#include "timefmt.h"

#include <stdio.h>

#include "error.h"

int64_t lt_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void lt_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : mdays[m - 1];
}

/* Read exactly n decimal digits at s[*i]; -1 if any is not a digit. */
static int digits(const char *s, size_t len, size_t *i, int n)
{
    int v = 0;
    if (*i + (size_t)n > len)
        return -1;
    for (int k = 0; k < n; k++) {
        unsigned c = (unsigned char)s[*i + (size_t)k] - '0';
        if (c > 9)
            return -1;
        v = v * 10 + (int)c;
    }
    *i += (size_t)n;
    return v;
}

static bool at(const char *s, size_t len, size_t i, char c) { return i < len && s[i] == c; }

/* Parse "HH:MM[:SS[.f]]" and an optional zone at s[*i]; microseconds into
 * the day (minus the zone offset) in *us. */
static int parse_clock(const char *s, size_t len, size_t *i, int64_t *us)
{
    int hh = digits(s, len, i, 2);
    if (hh < 0 || hh > 23 || !at(s, len, *i, ':'))
        return LT_EPARSE;
    (*i)++;
    int mm = digits(s, len, i, 2);
    if (mm < 0 || mm > 59)
        return LT_EPARSE;
    int ss = 0;
    int64_t frac = 0;
    if (at(s, len, *i, ':')) {
        (*i)++;
        ss = digits(s, len, i, 2);
        if (ss < 0 || ss > 59)
            return LT_EPARSE;
        if (at(s, len, *i, '.') || at(s, len, *i, ',')) {
            (*i)++;
            int nd = 0;
            int64_t scale = 100000;
            while (*i < len && (unsigned)(s[*i] - '0') <= 9u) {
                if (++nd > 9)
                    return LT_EPARSE;
                frac += (s[*i] - '0') * scale;   /* digits past the 6th truncate */
                scale /= 10;
                (*i)++;
            }
            if (nd == 0)
                return LT_EPARSE;
        }
    }
    int64_t offset_min = 0;
    if (at(s, len, *i, 'Z')) {
        (*i)++;
    } else if (at(s, len, *i, '+') || at(s, len, *i, '-')) {
        int sign = s[*i] == '-' ? -1 : 1;
        (*i)++;
        int oh = digits(s, len, i, 2);
        if (at(s, len, *i, ':'))
            (*i)++;
        int om = digits(s, len, i, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return LT_EPARSE;
        offset_min = sign * (oh * 60 + om);
    }
    *us = ((int64_t)hh * 3600 + mm * 60 + ss - offset_min * 60) * 1000000 + frac;
    return 0;
}

int lt_time_parse(const char *s, size_t len, int64_t *us, lt_time_kind *kind)
{
    size_t i = 0;
    /* Quick rejection: CSV type inference calls this on every field. */
    if (len < 10 || s[4] != '-' || s[7] != '-')
        return LT_EPARSE;
    int y = digits(s, len, &i, 4);
    i++;
    int m = digits(s, len, &i, 2);
    i++;
    int d = digits(s, len, &i, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return LT_EPARSE;
    int64_t day_us = lt_days_from_civil(y, m, d) * LT_US_PER_DAY;
    if (i == len) {
        *us = day_us;
        *kind = LT_DATE;
        return 0;
    }
    if (s[i] != 'T' && s[i] != ' ')
        return LT_EPARSE;
    i++;
    int64_t clock;
    if (parse_clock(s, len, &i, &clock) < 0 || i != len)
        return LT_EPARSE;
    *us = day_us + clock;
    *kind = LT_DATETIME;
    return 0;
}

/* Write v as exactly `width` decimal digits (v >= 0). */
static char *put_digits(char *p, int64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

size_t lt_time_format(int64_t us, lt_time_kind kind, char *buf, size_t cap)
{
    (void)cap;   /* 32 bytes hold the longest: "-292277-01-09 04:00:54.775807" */
    int64_t days = us / LT_US_PER_DAY, rem = us % LT_US_PER_DAY;
    if (rem < 0) {
        rem += LT_US_PER_DAY;
        days--;
    }
    int64_t y;
    int m, d;
    lt_civil_from_days(days, &y, &m, &d);
    /* Digits by hand, not snprintf: CSV writing formats millions of these. */
    char *p = buf;
    if (y >= 0 && y <= 9999)
        p = put_digits(p, y, 4);
    else   /* years that need a sign or more digits: rare */
        p += snprintf(p, 16, "%lld", (long long)y);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    if (kind == LT_DATETIME) {
        int64_t secs = rem / 1000000, frac = rem % 1000000;
        *p++ = ' ';
        p = put_digits(p, secs / 3600, 2);
        *p++ = ':';
        p = put_digits(p, secs / 60 % 60, 2);
        *p++ = ':';
        p = put_digits(p, secs % 60, 2);
        if (frac) {
            int width = 6;
            while (frac % 10 == 0) {   /* shortest exact fraction */
                frac /= 10;
                width--;
            }
            *p++ = '.';
            p = put_digits(p, frac, width);
        }
    }
    *p = '\0';
    return (size_t)(p - buf);
}
