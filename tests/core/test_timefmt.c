/* ISO dates and datetimes: parsing, formatting, the civil calendar. */
#include "error.h"
#include "tap.h"
#include "timefmt.h"

static int64_t parse(const char *s, lt_time_kind *kind)
{
    int64_t us = 0;
    lt_time_kind k = LT_DATETIME;
    if (lt_time_parse(s, strlen(s), &us, &k) != 0)
        return INT64_MIN;
    if (kind)
        *kind = k;
    return us;
}

static void roundtrip(const char *s, lt_time_kind kind, const char *want)
{
    char buf[64];
    lt_time_format(parse(s, NULL), kind, buf, sizeof buf);
    is_str(buf, want, "format(parse('%s'))", s);
}

int main(void)
{
    is_int(lt_days_from_civil(1970, 1, 1), 0, "epoch is day 0");
    is_int(lt_days_from_civil(2000, 3, 1), 11017, "2000-03-01");
    is_int(lt_days_from_civil(1949, 1, 1), -7670, "1949-01-01 (air passengers start)");
    int64_t y;
    int m, d, bad = 0;
    for (int64_t day = -800000; day <= 800000; day += 17) {
        lt_civil_from_days(day, &y, &m, &d);
        if (lt_days_from_civil(y, m, d) != day)
            bad++;
    }
    is_int(bad, 0, "civil_from_days inverts days_from_civil over +-2000 years");

    lt_time_kind k;
    is_int(parse("2024-02-29", &k), 19782 * LT_US_PER_DAY, "leap day");
    ok(k == LT_DATE, "a bare date is LT_DATE");
    ok(parse("2023-02-29", NULL) == INT64_MIN, "2023-02-29 does not exist");
    ok(parse("1900-02-29", NULL) == INT64_MIN, "1900 is not a leap year");
    ok(parse("2000-02-29", NULL) != INT64_MIN, "2000 is a leap year");
    ok(parse("2024-13-01", NULL) == INT64_MIN, "month 13");
    ok(parse("2024-1-01", NULL) == INT64_MIN, "one-digit month");
    ok(parse("2024-01-01x", NULL) == INT64_MIN, "trailing garbage");
    ok(parse("12345", NULL) == INT64_MIN, "a number");
    ok(parse("", NULL) == INT64_MIN, "empty");

    is_int(parse("1970-01-01T00:00:01", &k), 1000000, "datetime with T");
    ok(k == LT_DATETIME, "a datetime is LT_DATETIME");
    is_int(parse("1970-01-01 00:01", NULL), 60000000, "minutes without seconds");
    is_int(parse("1970-01-01 00:00:00.5", NULL), 500000, "fraction");
    is_int(parse("1970-01-01 00:00:00.123456789", NULL), 123456, "nanoseconds truncate to us");
    is_int(parse("1970-01-01T01:00:00+01:00", NULL), 0, "offset +01:00 to UTC");
    is_int(parse("1970-01-01T00:00:00-0130", NULL), 5400000000, "offset -0130 to UTC");
    is_int(parse("1970-01-01T00:00:00Z", NULL), 0, "Z");
    ok(parse("1970-01-01T24:00:00", NULL) == INT64_MIN, "hour 24");
    ok(parse("1970-01-01T10:60", NULL) == INT64_MIN, "minute 60");
    ok(parse("1970-01-01T10:00:00.", NULL) == INT64_MIN, "dot without digits");

    roundtrip("1949-01-01", LT_DATE, "1949-01-01");
    roundtrip("1960-12-01", LT_DATE, "1960-12-01");
    roundtrip("2024-03-01T13:45:00", LT_DATETIME, "2024-03-01 13:45:00");
    roundtrip("1969-12-31 23:59:59.25", LT_DATETIME, "1969-12-31 23:59:59.25");
    roundtrip("2024-03-01 13:45:00.000001", LT_DATETIME, "2024-03-01 13:45:00.000001");
    roundtrip("0001-01-01", LT_DATE, "0001-01-01");
    roundtrip("9999-12-31 23:59:59", LT_DATETIME, "9999-12-31 23:59:59");
    return tap_done();
}
