/* Tests of core/print.c: frames, vectors and single values rendered as
 * text, compared with exact expected output.  Number formats agree with
 * R: the vectors in test_doubles_like_r are the output of
 *   cat(sprintf('<f64[%d]> %s\n', length(v), paste(format(v, digits = 7), collapse = ' ')))
 * in R 4 for each v. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "print.h"
#include "tap.h"

#define DAY INT64_C(86400000000)

/* Add c to f under name, giving up the caller's reference. */
static void add(lt_frame *f, const char *name, lt_col *c)
{
    if (lt_frame_add(f, name, c) < 0)
        printf("# lt_frame_add(%s): %s\n", name, lt_errmsg());
    lt_col_unref(c);
}

static lt_print_opts opts(int width, bool color)
{
    lt_print_opts o;
    lt_print_opts_init(&o);
    o.width = width;
    o.color = color;
    return o;
}

static void frame_is(const lt_frame *f, const lt_print_opts *o, const char *want, const char *what)
{
    char *got = lt_frame_format(f, o);
    is_str(got, want, "%s", what);
    free(got);
}

/* Consumes c. */
static void col_is(lt_col *c, int width, bool color, const char *want, const char *what)
{
    lt_print_opts o = opts(width, color);
    char *got = lt_col_format(c, &o);
    is_str(got, want, "%s", what);
    free(got);
    lt_col_unref(c);
}

/* Consumes c. */
static void value_is(lt_col *c, int64_t i, int sigfig, const char *want, const char *what)
{
    char buf[64];
    size_t n = lt_value_format(c, i, sigfig, buf, sizeof buf);
    is_str(buf, want, "%s", what);
    is_int((long long)n, (long long)strlen(want), "%s: length", what);
    lt_col_unref(c);
}

static lt_col *one_f64(double v) { return lt_col_from_f64(&v, 1); }

static lt_col *one_str(const char *s) { return lt_col_from_strs(&s, NULL, 1); }

static void test_display_width(void)
{
    is_int(lt_display_width("", 0), 0, "width of nothing");
    is_int(lt_display_width("churn", 5), 5, "ASCII: one cell a byte");
    is_int(lt_display_width("Zürich", strlen("Zürich")), 6, "ü is one cell");
    is_int(lt_display_width("東京", strlen("東京")), 4, "CJK: two cells each");
    is_int(lt_display_width("e\xcc\x81", 3), 1, "combining accent takes no cell");
    is_int(lt_display_width("a\xff" "b", 3), 3, "an invalid byte counts one cell");
    is_int(lt_display_width("\xe6\x9d", 2), 2, "a cut sequence counts a cell a byte");
    is_int(lt_display_width("\x1b[31mNA\x1b[0m", 11), 2, "colour codes take no cell");
    is_int(lt_display_width("東京", 3), 2, "only len bytes are read");
}

static void test_values(void)
{
    int64_t big[] = { INT64_MIN, 42 };
    uint8_t na[] = { 0, 1 };
    uint8_t flags[] = { 1, 0 };
    int64_t t[] = { 19783 * DAY + (13 * 3600 + 45 * 60) * INT64_C(1000000), 0 };
    char buf[8];
    lt_col *c;

    value_is(one_f64(29.85), 0, 7, "29.85", "double, 7 digits");
    value_is(one_f64(1.0 / 3), 0, 7, "0.3333333", "1/3 at 7 digits");
    value_is(one_f64(M_PI), 0, 3, "3.14", "pi at 3 digits");
    value_is(one_f64(1889.5), 0, 7, "1889.5", "no padding zeros alone");
    value_is(one_f64(123456789), 0, 7, "123456789", "integral digits beyond sigfig are kept, as R");
    value_is(one_f64(1e-10), 0, 7, "1e-10", "small: scientific");
    value_is(one_f64(1.2e15), 0, 7, "1.2e+15", "large: scientific");
    value_is(one_f64(-0.0), 0, 7, "0", "negative zero prints as 0");
    value_is(one_f64(-2.5), 0, 7, "-2.5", "negative");
    value_is(one_f64(INFINITY), 0, 7, "Inf", "infinity");
    value_is(one_f64(-INFINITY), 0, 7, "-Inf", "minus infinity");
    value_is(one_f64(NAN), 0, 7, "NA", "NaN is missing");
    value_is(one_f64(0.1 + 0.2), 0, 0, "0.30000000000000004", "sigfig 0: shortest round trip (17)");
    value_is(one_f64(0.1), 0, 0, "0.1", "sigfig 0: 0.1 stays 0.1");
    value_is(one_f64(1.0 / 3), 0, 0, "0.3333333333333333", "sigfig 0: 1/3 needs 16 digits");
    value_is(one_f64(1e22), 0, 0, "1e+22", "sigfig 0: 1e22");
    value_is(one_f64(0.1 + 0.2), 0, 99, "0.30000000000000004", "sigfig above 17 is 17");

    value_is(lt_col_from_i64(big, na, 2), 0, 7, "-9223372036854775808", "INT64_MIN");
    value_is(lt_col_from_i64(big, na, 2), 1, 7, "NA", "missing integer");
    value_is(lt_col_from_bool(flags, NULL, 2), 0, 7, "true", "true");
    value_is(lt_col_from_bool(flags, NULL, 2), 1, 7, "false", "false");
    value_is(lt_col_from_time(t, NULL, 2, LT_DATE), 0, 7, "2024-03-01", "date");
    value_is(lt_col_from_time(t, NULL, 2, LT_DATETIME), 0, 7, "2024-03-01 13:45:00", "datetime");
    value_is(lt_col_from_time(t, na, 2, LT_DATETIME), 1, 7, "NA", "missing time");
    value_is(one_str("Zürich"), 0, 7, "Zürich", "UTF-8 string as is");
    value_is(one_str("a\tb\nc\x1b[2J\x7f"), 0, 7, "a\\tb\\nc\\x1b[2J\\x7f", "controls escaped");
    value_is(one_str("ok\xff\xc3"), 0, 7, "ok\\xff\\xc3", "invalid UTF-8 escaped");
    value_is(one_str("\xc2\x9b" "1m"), 0, 7, "\\u009b1m", "C1 control escaped");
    value_is(one_str("a \"q\" \\"), 0, 7, "a \"q\" \\", "quotes and backslashes as is");
    value_is(one_str(""), 0, 7, "", "empty string");
    value_is(one_str("a string that goes on and on well past thirty cells"), 0, 7,
             "a string that goes on and on well past thirty cells", "values alone are not cut");
    value_is(one_str(NULL), 0, 7, "NA", "missing string");

    c = one_str("東京東京");
    is_int((long long)lt_value_format(c, 0, 7, buf, sizeof buf), 12, "cut: returns the full length");
    is_str(buf, "東京", "cut: never inside a UTF-8 sequence");
    is_int((long long)lt_value_format(c, 1, 7, buf, sizeof buf), 0, "out of range: 0");
    is_int(lt_errcode(), LT_EINVAL, "out of range: LT_EINVAL");
    is_str(buf, "", "out of range: empty text");
    lt_col_unref(c);
}

static void test_doubles_like_r(void)
{
    static const double money[] = { 29.85, 56.95, 1889.5 };
    static const double small[] = { 1e-10, 1.5 };
    static const double special[] = { -1.5, 2.25, NAN, INFINITY, -INFINITY };
    static const double thirds[] = { 1.0 / 3, 2.0 / 3, 1 };
    static const double wide[] = { -123456789, 0.5 };
    static const double tiny[] = { 1e-20, -2.5e-21 };
    static const double mixed[] = { 0, 0.1, 100 };
    static const double sci[] = { M_PI * 1e6, M_E };
    static const double extreme[] = { 1e300, 1e-300 };
    static const double neg[] = { -0.5, 10 };
    static const double past[] = { 1234.5678, 0.12345 };

    col_is(lt_col_from_f64(money, 3), 80, false, "<f64[3]>   29.85   56.95 1889.50",
           "common decimals align the points");
    col_is(lt_col_from_f64(small, 2), 80, false, "<f64[2]> 1.0e-10 1.5e+00",
           "scientific when narrower, common mantissa digits");
    col_is(lt_col_from_f64(special, 5), 80, false, "<f64[5]> -1.50  2.25    NA   Inf  -Inf (1 NA)",
           "NA and infinities");
    col_is(one_f64(1e15), 80, false, "<f64[1]> 1e+15", "1e15");
    col_is(one_f64(1.2e15), 80, false, "<f64[1]> 1.2e+15", "1.2e15");
    col_is(one_f64(1e5), 80, false, "<f64[1]> 1e+05", "1e5 is narrower in scientific");
    col_is(one_f64(123456.7), 80, false, "<f64[1]> 123456.7", "123456.7");
    col_is(one_f64(0.0001234), 80, false, "<f64[1]> 0.0001234", "fixed at equal width");
    col_is(one_f64(0.00001234), 80, false, "<f64[1]> 1.234e-05", "scientific below");
    col_is(lt_col_from_f64(neg, 2), 80, false, "<f64[2]> -0.5 10.0", "negative and padded");
    col_is(lt_col_from_f64(extreme, 2), 80, false, "<f64[2]> 1e+300 1e-300", "three-digit exponents");
    col_is(lt_col_from_f64(thirds, 3), 80, false, "<f64[3]> 0.3333333 0.6666667 1.0000000",
           "seven significant digits");
    col_is(lt_col_from_f64(wide, 2), 80, false, "<f64[2]> -123456789.0          0.5",
           "fixed keeps integral digits");
    col_is(lt_col_from_f64(tiny, 2), 80, false, "<f64[2]>  1.0e-20 -2.5e-21", "tiny negatives");
    col_is(lt_col_from_f64(mixed, 3), 80, false, "<f64[3]>   0.0   0.1 100.0", "zero among others");
    col_is(lt_col_from_f64(sci, 2), 80, false, "<f64[2]> 3.141593e+06 2.718282e+00",
           "seven digits in scientific");
    col_is(one_f64(1234567.1), 80, false, "<f64[1]> 1234567", "rounded to seven digits");
    col_is(one_f64(0.1 + 0.2), 80, false, "<f64[1]> 0.3", "0.1 + 0.2 at seven digits");
    /* The one departure from R, which shows "1234.56780": digits past
     * sigfig are never shown, the rounded value is padded with zeros. */
    col_is(lt_col_from_f64(past, 2), 80, false, "<f64[2]> 1234.56800    0.12345",
           "no digit past sigfig");
}

/* Every type, missing values, UTF-8, escapes. */
static lt_frame *mixed_frame(void)
{
    static const double amount[] = { 29.85, -1889.5, NAN, 0, 1e6 };
    static const int64_t n[] = { 1, -34, 0, 45, 1234567 };
    static const uint8_t na[] = { 0, 0, 1, 0, 0 };
    static const uint8_t ok[] = { 1, 0, 0, 1, 0 };
    static const char *city[] = { "Zürich", "東京", NULL, "a\tb\n", "bad\xff" };
    static const int64_t day[] = { 19783 * DAY, 0, 0, -DAY, 1000 * DAY };
    static const int64_t stamp[] = { 19783 * DAY + (13 * 3600 + 45 * 60) * INT64_C(1000000), 0, 0,
                                     19783 * DAY + 59 * INT64_C(1000000), -INT64_C(1000000) };
    lt_frame *f = lt_frame_new();
    add(f, "amount", lt_col_from_f64(amount, 5));
    add(f, "n", lt_col_from_i64(n, na, 5));
    add(f, "ok", lt_col_from_bool(ok, na, 5));
    add(f, "city", lt_col_from_strs(city, NULL, 5));
    add(f, "day", lt_col_from_time(day, na, 5, LT_DATE));
    add(f, "stamp", lt_col_from_time(stamp, na, 5, LT_DATETIME));
    add(f, "größe", lt_col_from_f64(amount, 5));
    return f;
}

static void test_mixed_frame(void)
{
    lt_frame *f = mixed_frame();
    lt_print_opts o = opts(80, false);

    frame_is(f, &o,
        "      amount       n     ok city           day               stamp      größe\n"
        "       <f64>   <i64> <bool> <str>       <date>          <datetime>      <f64>\n"
        "1      29.85       1   true Zürich  2024-03-01 2024-03-01 13:45:00      29.85\n"
        "2   -1889.50     -34  false 東京    1970-01-01 1970-01-01 00:00:00   -1889.50\n"
        "3         NA      NA     NA NA              NA                  NA         NA\n"
        "4       0.00      45   true a\\tb\\n  1969-12-31 2024-03-01 00:00:59       0.00\n"
        "5 1000000.00 1234567  false bad\\xff 1972-09-27 1969-12-31 23:59:59 1000000.00\n"
        "# 5 rows x 7 cols",
        "mixed frame: every type, NA, UTF-8 widths, escapes");

    o.color = true;
    frame_is(f, &o,
        "      amount       n     ok city           day               stamp      größe\n"
        "       \x1b[2m<f64>\x1b[0m   \x1b[2m<i64>\x1b[0m \x1b[2m<bool>\x1b[0m \x1b[2m<str>\x1b[0m       \x1b[2m<date>\x1b[0m          \x1b[2m<datetime>\x1b[0m      \x1b[2m<f64>\x1b[0m\n"
        "\x1b[2m1\x1b[0m      29.85       1   true Zürich  2024-03-01 2024-03-01 13:45:00      29.85\n"
        "\x1b[2m2\x1b[0m   -1889.5\x1b[2m0\x1b[0m     -34  false 東京    1970-01-01 1970-01-01 00:00:00   -1889.5\x1b[2m0\x1b[0m\n"
        "\x1b[2m3\x1b[0m         \x1b[31mNA\x1b[0m      \x1b[31mNA\x1b[0m     \x1b[31mNA\x1b[0m \x1b[31mNA\x1b[0m              \x1b[31mNA\x1b[0m                  \x1b[31mNA\x1b[0m         \x1b[31mNA\x1b[0m\n"
        "\x1b[2m4\x1b[0m       0\x1b[2m.00\x1b[0m      45   true a\x1b[2m\\t\x1b[0mb\x1b[2m\\n\x1b[0m  1969-12-31 2024-03-01 00:00:59       0\x1b[2m.00\x1b[0m\n"
        "\x1b[2m5\x1b[0m 1000000\x1b[2m.00\x1b[0m 1234567  false bad\x1b[2m\\xff\x1b[0m 1972-09-27 1969-12-31 23:59:59 1000000\x1b[2m.00\x1b[0m\n"
        "\x1b[2m# 5 rows x 7 cols\x1b[0m",
        "mixed frame in colour: same layout, dim types/rows/padding, red NA");

    o = opts(40, false);
    frame_is(f, &o,
        "      amount       n     ok city\n"
        "       <f64>   <i64> <bool> <str>\n"
        "1      29.85       1   true Zürich\n"
        "2   -1889.50     -34  false 東京\n"
        "3         NA      NA     NA NA\n"
        "4       0.00      45   true a\\tb\\n\n"
        "5 1000000.00 1234567  false bad\\xff\n"
        "# 5 rows x 7 cols\n"
        "# … 3 more columns: day <date>,\n"
        "#   stamp <datetime>, größe <f64>",
        "mixed frame at width 40");

    frame_is(f, NULL,
        "      amount       n     ok city           day               stamp      größe\n"
        "       <f64>   <i64> <bool> <str>       <date>          <datetime>      <f64>\n"
        "1      29.85       1   true Zürich  2024-03-01 2024-03-01 13:45:00      29.85\n"
        "2   -1889.50     -34  false 東京    1970-01-01 1970-01-01 00:00:00   -1889.50\n"
        "3         NA      NA     NA NA              NA                  NA         NA\n"
        "4       0.00      45   true a\\tb\\n  1969-12-31 2024-03-01 00:00:59       0.00\n"
        "5 1000000.00 1234567  false bad\\xff 1972-09-27 1969-12-31 23:59:59 1000000.00\n"
        "# 5 rows x 7 cols",
        "NULL options are the defaults");
    lt_frame_free(f);
}

static lt_frame *counting_frame(int64_t n)
{
    static const char *words[] = { "alpha", "beta", "gamma", "delta" };
    int64_t *id = malloc((size_t)n * sizeof *id);
    double *x = malloc((size_t)n * sizeof *x);
    const char **w = malloc((size_t)n * sizeof *w);
    uint8_t *na = calloc((size_t)n, 1);
    lt_frame *f = lt_frame_new();
    int64_t i;

    for (i = 0; i < n; i++) {
        id[i] = i * i;
        x[i] = (double)i / 8;
        w[i] = words[i % 4];
    }
    x[3] = NAN;
    na[n - 3] = 1;
    add(f, "id", lt_col_from_i64(id, na, n));
    add(f, "x", lt_col_from_f64(x, n));
    add(f, "word", lt_col_from_strs(w, NULL, n));
    free(id);
    free(x);
    free(w);
    free(na);
    return f;
}

static void test_large_frame(void)
{
    lt_frame *f = counting_frame(1000);
    lt_print_opts o = opts(80, false);

    frame_is(f, &o,
        "         id       x word\n"
        "      <i64>   <f64> <str>\n"
        "   1      0   0.000 alpha\n"
        "   2      1   0.125 beta\n"
        "   3      4   0.250 gamma\n"
        "   4      9      NA delta\n"
        "   5     16   0.500 alpha\n"
        "   …      …       … …\n"
        " 996 990025 124.375 delta\n"
        " 997 992016 124.500 alpha\n"
        " 998     NA 124.625 beta\n"
        " 999 996004 124.750 gamma\n"
        "1000 998001 124.875 delta\n"
        "# 1000 rows x 3 cols",
        "1000 rows: head and tail with their row numbers");

    o.color = true;
    o.head_rows = 1;
    frame_is(f, &o,
        "         id       x word\n"
        "      \x1b[2m<i64>\x1b[0m   \x1b[2m<f64>\x1b[0m \x1b[2m<str>\x1b[0m\n"
        "   \x1b[2m1\x1b[0m      0   0\x1b[2m.000\x1b[0m alpha\n"
        "   \x1b[2m…\x1b[0m      \x1b[2m…\x1b[0m       \x1b[2m…\x1b[0m \x1b[2m…\x1b[0m\n"
        "\x1b[2m1000\x1b[0m 998001 124.875 delta\n"
        "\x1b[2m# 1000 rows x 3 cols\x1b[0m",
        "one row at each end, in colour; decimals of the shown rows only");
    lt_frame_free(f);

    f = counting_frame(20);
    o = opts(80, false);
    o.head_rows = 2;
    frame_is(f, &o,
        "      id     x word\n"
        "   <i64> <f64> <str>\n"
        " 1     0 0.000 alpha\n"
        " 2     1 0.125 beta\n"
        " 3     4 0.250 gamma\n"
        " 4     9    NA delta\n"
        " 5    16 0.500 alpha\n"
        " 6    25 0.625 beta\n"
        " 7    36 0.750 gamma\n"
        " 8    49 0.875 delta\n"
        " 9    64 1.000 alpha\n"
        "10    81 1.125 beta\n"
        "11   100 1.250 gamma\n"
        "12   121 1.375 delta\n"
        "13   144 1.500 alpha\n"
        "14   169 1.625 beta\n"
        "15   196 1.750 gamma\n"
        "16   225 1.875 delta\n"
        "17   256 2.000 alpha\n"
        "18    NA 2.125 beta\n"
        "19   324 2.250 gamma\n"
        "20   361 2.375 delta\n"
        "# 20 rows x 3 cols",
        "max_rows rows: in full");
    o.max_rows = 19;
    frame_is(f, &o,
        "      id     x word\n"
        "   <i64> <f64> <str>\n"
        " 1     0 0.000 alpha\n"
        " 2     1 0.125 beta\n"
        " …     …     … …\n"
        "19   324 2.250 gamma\n"
        "20   361 2.375 delta\n"
        "# 20 rows x 3 cols",
        "one row more than max_rows: head and tail");
    lt_frame_free(f);

    f = counting_frame(4);
    o.max_rows = 1;
    frame_is(f, &o,
        "     id     x word\n"
        "  <i64> <f64> <str>\n"
        "1     0 0.000 alpha\n"
        "2    NA 0.125 beta\n"
        "3     4 0.250 gamma\n"
        "4     9    NA delta\n"
        "# 4 rows x 3 cols",
        "head and tail would cover every row: in full");
    lt_frame_free(f);
}

static void test_wide_frame(void)
{
    lt_frame *f = lt_frame_new();
    lt_print_opts o = opts(40, false);
    int j;

    for (j = 0; j < 12; j++) {
        char name[16];
        double v[3] = { j, j * 10.5, -j };
        snprintf(name, sizeof name, "col_%02d", j);
        add(f, name, lt_col_from_f64(v, 3));
    }
    frame_is(f, &o,
        "  col_00 col_01 col_02 col_03 col_04\n"
        "   <f64>  <f64>  <f64>  <f64>  <f64>\n"
        "1      0    1.0      2    3.0      4\n"
        "2      0   10.5     21   31.5     42\n"
        "3      0   -1.0     -2   -3.0     -4\n"
        "# 3 rows x 12 cols\n"
        "# … 7 more columns: col_05 <f64>,\n"
        "#   col_06 <f64>, col_07 <f64>,\n"
        "#   col_08 <f64>, col_09 <f64>,\n"
        "#   col_10 <f64>, col_11 <f64>",
        "width 40: columns that fit, the rest listed");
    lt_frame_free(f);

    f = lt_frame_new();
    for (j = 0; j < 200; j++) {
        char name[16];
        double v = j;
        snprintf(name, sizeof name, "v%d", j);
        add(f, name, lt_col_from_f64(&v, 1));
    }
    frame_is(f, &o,
        "     v0    v1    v2    v3    v4    v5\n"
        "  <f64> <f64> <f64> <f64> <f64> <f64>\n"
        "1     0     1     2     3     4     5\n"
        "# 1 row x 200 cols\n"
        "# … 194 more columns: v6 <f64>,\n"
        "#   v7 <f64>, v8 <f64>, v9 <f64>,\n"
        "#   v10 <f64>, v11 <f64>, v12 <f64>,\n"
        "#   v13 <f64>, v14 <f64>, v15 <f64>,\n"
        "#   v16 <f64>, v17 <f64>, v18 <f64>,\n"
        "#   v19 <f64>, v20 <f64>, v21 <f64>, …",
        "200 columns: the list stops after six lines");
    lt_frame_free(f);
}

static void test_long_strings(void)
{
    static const char *text[] = { "short", "a string that goes on and on well past thirty cells",
                                  "東京都東京都東京都東京都東京都東京都東京都",
                                  "exactly thirty cells long, ok!" };
    static const int64_t v[] = { 1, 2, 3, 4 };
    lt_frame *f = lt_frame_new();
    lt_print_opts o = opts(80, false);

    add(f, "text", lt_col_from_strs(text, NULL, 4));
    add(f, "a_column_name_much_longer_than_thirty_cells", lt_col_from_i64(v, NULL, 4));
    frame_is(f, &o,
        "  text                           a_column_name_much_longer_tha…\n"
        "  <str>                                                   <i64>\n"
        "1 short                                                       1\n"
        "2 a string that goes on and on …                              2\n"
        "3 東京都東京都東京都東京都東京…                               3\n"
        "4 exactly thirty cells long, ok!                              4\n"
        "# 4 rows x 2 cols",
        "values and names cut at 30 cells (a wide character never split)");
    lt_frame_free(f);
}

static void test_numbers_frame(void)
{
    static const double tiny[] = { 1e-10, 1.5, -2.25 };
    static const double huge[] = { 1.2e15, -3, 0.5 };
    static const double money[] = { 29.85, 56.95, 1889.5 };
    static const double neg[] = { -0.5, 10, -123.25 };
    lt_frame *f = lt_frame_new();
    lt_print_opts o = opts(80, false);

    add(f, "tiny", lt_col_from_f64(tiny, 3));
    add(f, "huge", lt_col_from_f64(huge, 3));
    add(f, "money", lt_col_from_f64(money, 3));
    add(f, "neg", lt_col_from_f64(neg, 3));
    frame_is(f, &o,
        "       tiny     huge   money     neg\n"
        "      <f64>    <f64>   <f64>   <f64>\n"
        "1  1.00e-10  1.2e+15   29.85   -0.50\n"
        "2  1.50e+00 -3.0e+00   56.95   10.00\n"
        "3 -2.25e+00  5.0e-01 1889.50 -123.25\n"
        "# 3 rows x 4 cols",
        "scientific, negatives, aligned decimals (as R's format)");
    o.color = true;
    frame_is(f, &o,
        "       tiny     huge   money     neg\n"
        "      \x1b[2m<f64>\x1b[0m    \x1b[2m<f64>\x1b[0m   \x1b[2m<f64>\x1b[0m   \x1b[2m<f64>\x1b[0m\n"
        "\x1b[2m1\x1b[0m  1\x1b[2m.00\x1b[0me-10  1.2e+15   29.85   -0.5\x1b[2m0\x1b[0m\n"
        "\x1b[2m2\x1b[0m  1.5\x1b[2m0\x1b[0me+00 -3\x1b[2m.0\x1b[0me+00   56.95   10\x1b[2m.00\x1b[0m\n"
        "\x1b[2m3\x1b[0m -2.25e+00  5\x1b[2m.0\x1b[0me-01 1889.5\x1b[2m0\x1b[0m -123.25\n"
        "\x1b[2m# 3 rows x 4 cols\x1b[0m",
        "colour dims the zeros that only align");
    o = opts(80, false);
    o.sigfig = 3;
    frame_is(f, &o,
        "       tiny     huge  money    neg\n"
        "      <f64>    <f64>  <f64>  <f64>\n"
        "1  1.00e-10  1.2e+15   29.9   -0.5\n"
        "2  1.50e+00 -3.0e+00   57.0   10.0\n"
        "3 -2.25e+00  5.0e-01 1890.0 -123.0\n"
        "# 3 rows x 4 cols",
        "sigfig 3");
    lt_frame_free(f);
}

static void test_empty(void)
{
    static const double none = 0;
    static const int64_t notime = 0;
    static const char *nostr = "";
    lt_frame *f = lt_frame_new();
    lt_print_opts o = opts(80, false);

    frame_is(f, &o, "# 0 rows x 0 cols", "no columns");
    add(f, "a", lt_col_from_f64(&none, 0));
    add(f, "b", lt_col_from_strs(&nostr, NULL, 0));
    add(f, "when", lt_col_from_time(&notime, NULL, 0, LT_DATETIME));
    frame_is(f, &o,
        "    a b           when\n"
        "<f64> <str> <datetime>\n"
        "# 0 rows x 3 cols",
        "no rows: names and types");
    lt_frame_free(f);

    f = lt_frame_new();
    add(f, "x", one_f64(2));
    frame_is(f, &o,
        "      x\n"
        "  <f64>\n"
        "1     2\n"
        "# 1 row x 1 col",
        "singular row and col");
    lt_frame_free(f);
}

static void test_vectors(void)
{
    static const char *s[] = { "No", "Yes", NULL, "say \"hi\"", "back\\slash", "tab\there" };
    int64_t v[1000];
    uint8_t na[1000] = { 0 };
    lt_col *c;
    char *text;
    int i;

    for (i = 0; i < 1000; i++)
        v[i] = (i * 37) % 101;
    na[2] = na[500] = na[999] = 1;
    col_is(lt_col_from_i64(v, na, 1000), 80, false,
        "<i64[1000]>   0  37  NA  10  47  84  20  57  94  30  67   3  40  77  13  50  87\n"
        "             23  60  97  33  70   6  43  80  16  53  90  26  63 100  36  73   9\n"
        "             46  83  19  56  93  29  66   2  39  76  12  49  86  22  59 … (3 NA)",
        "long column: three lines, then the missing count of the whole column");
    col_is(lt_col_from_i64(v, na, 1000), 40, false,
        "<i64[1000]>  0 37 NA 10 47 84 20 57 94\n"
        "            30 67  3 40 77 13 50 87 23\n"
        "            60 97 33 70  6 43 … (3 NA)",
        "width 40: values as wide as the ones shown (100 is not)");
    col_is(lt_col_from_i64(v, na, 12), 80, false,
        "<i64[12]>  0 37 NA 10 47 84 20 57 94 30 67  3 (1 NA)", "short column in full");
    col_is(lt_col_from_i64(v, NULL, 0), 80, false, "<i64[0]>", "empty column");
    c = lt_col_from_i64(v, NULL, 4);
    text = lt_col_format(c, NULL);
    is_str(text, "<i64[4]>  0 37 74 10", "NULL options are the defaults");
    free(text);
    lt_col_unref(c);
    col_is(lt_col_from_i64(v, na, 3), 80, false, "<i64[3]>  0 37 NA (1 NA)", "short column");
    col_is(lt_col_from_strs(s, NULL, 6), 80, false,
        "<str[6]> \"No\"          \"Yes\"         NA            \"say \\\"hi\\\"\"  \"back\\\\slash\"\n"
        "         \"tab\\there\"   (1 NA)",
        "strings quoted, with quotes and backslashes escaped inside");
    col_is(lt_col_from_strs(s, NULL, 6), 80, true,
        "\x1b[2m<str[6]>\x1b[0m \"No\"          \"Yes\"         \x1b[31mNA\x1b[0m            \"say \x1b[2m\\\"\x1b[0mhi\x1b[2m\\\"\x1b[0m\"  \"back\x1b[2m\\\\\x1b[0mslash\"\n"
        "         \"tab\x1b[2m\\t\x1b[0mhere\"  \x1b[2m (1 NA)\x1b[0m",
        "strings in colour");
}

static void test_escapes(void)
{
    static const char *s[] = { "\x1b[2Jclear", "bell\x07", "cut\xc3", "c1\xc2\x9b",
                               "e\xcc\x81t\xc3\xa9", "tab\tnl\n" };
    static const int64_t v[] = { 1, 2, 3, 4, 5, 6 };
    lt_frame *f = lt_frame_new();
    lt_print_opts o = opts(80, false);
    char *text;

    add(f, "we\tird\x1b", lt_col_from_strs(s, NULL, 6));
    add(f, "n", lt_col_from_i64(v, NULL, 6));
    frame_is(f, &o,
        "  we\\tird\\x1b      n\n"
        "  <str>        <i64>\n"
        "1 \\x1b[2Jclear     1\n"
        "2 bell\\x07         2\n"
        "3 cut\\xc3          3\n"
        "4 c1\\u009b         4\n"
        "5 e\xcc\x81t\xc3\xa9              5\n"
        "6 tab\\tnl\\n        6\n"
        "# 6 rows x 2 cols",
        "controls, C1 and invalid bytes escaped in names and values");
    text = lt_frame_format(f, &o);
    ok(text && !strchr(text, '\x1b') && !strchr(text, '\t') && !strchr(text, '\x07'),
       "no raw control byte reaches the output");
    free(text);
    lt_frame_free(f);
}

/* Every line of a frame with long names and values fits the width,
 * colour codes aside. */
static void test_lines_fit(void)
{
    static const char *s[] = { "Month-to-month", "東京都東京都東京都東京都東京都東京都東京都", NULL };
    static const double x[] = { 29.85, -1e-12, 7043 };
    lt_frame *f = lt_frame_new();
    int width, j, worst = 0, rows = 0;

    for (j = 0; j < 6; j++) {
        char name[40];
        snprintf(name, sizeof name, "payment_method_number_%d_東京", j);
        add(f, name, lt_col_from_strs(s, NULL, 3));
        snprintf(name, sizeof name, "x%d", j);
        add(f, name, lt_col_from_f64(x, 3));
    }
    for (width = 20; width <= 120; width += 7) {
        for (j = 0; j < 2; j++) {
            lt_print_opts o = opts(width, j == 1);
            char *text = lt_frame_format(f, &o), *line = text;
            while (line) {
                char *nl = strchr(line, '\n');
                int w = lt_display_width(line, nl ? (size_t)(nl - line) : strlen(line));
                if (w - width > worst)
                    worst = w - width;
                line = nl ? nl + 1 : NULL;
            }
            rows += strstr(text, "# 3 rows x 12 cols") != NULL;
            free(text);
        }
    }
    is_int(worst, 0, "no line wider than the width (20..118, colour on and off)");
    is_int(rows, 30, "the size line is always there");
    lt_frame_free(f);
}

int main(void)
{
    test_display_width();
    test_values();
    test_doubles_like_r();
    test_mixed_frame();
    test_large_frame();
    test_wide_frame();
    test_long_strings();
    test_numbers_frame();
    test_empty();
    test_vectors();
    test_escapes();
    test_lines_fit();
    return tap_done();
}
