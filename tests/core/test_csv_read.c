/* Tests of the CSV reader (core/csv_read.c) and of number parsing
 * (core/numparse.c): fixtures in csv_fixtures/, small inline buffers, a
 * 2000-column file and a 200k-row generated file read with 1, 2 and 4
 * threads, with exact expected values throughout. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "error.h"
#include "numparse.h"
#include "tap.h"
#include "timefmt.h"

static char path_buf[4096];

static const char *fixture(const char *name)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", FIXTURE_DIR, name);
    return path_buf;
}

static lt_frame *rd(const char *name, const lt_csv_opts *o)
{
    lt_frame *f = lt_csv_read(fixture(name), o);
    if (!f)
        printf("# %s: %s\n", name, lt_errmsg());
    return f;
}

static lt_frame *rdbuf(const char *text, const lt_csv_opts *o)
{
    lt_frame *f = lt_csv_read_buffer(text, strlen(text), "buf.csv", o);
    if (!f)
        printf("# buffer: %s\n", lt_errmsg());
    return f;
}

/* For inputs that must fail: no diagnostic on failure. */
static lt_frame *errbuf(const char *text, const lt_csv_opts *o)
{
    return lt_csv_read_buffer(text, strlen(text), "buf.csv", o);
}

static lt_col *col(const lt_frame *f, const char *name)
{
    lt_col *c = f ? lt_frame_col(f, name) : NULL;
    if (!c)
        printf("# no column '%s'\n", name);
    return c;
}

static int is_type(const lt_frame *f, const char *name, lt_type t)
{
    lt_col *c = col(f, name);
    return ok(c && c->type == t, "column '%s' is %s", name, lt_type_name(t));
}

/* Check an i64 column: want[i] for rows, na[i] set where missing. */
static void check_i64(const lt_frame *f, const char *name, const int64_t *want,
                      const char *na, int n)
{
    lt_col *c = col(f, name);
    int good = c && c->type == LT_I64 && c->n == n;
    for (int i = 0; good && i < n; i++)
        good = na && na[i] ? lt_col_is_na(c, i)
                           : !lt_col_is_na(c, i) && lt_col_i64(c)[i] == want[i];
    ok(good, "i64 column '%s' has the expected %d values", name, n);
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b);
}

static void check_f64(const lt_frame *f, const char *name, const double *want, int n)
{
    lt_col *c = col(f, name);
    int good = c && c->type == LT_F64 && c->n == n;
    for (int i = 0; good && i < n; i++) {
        good = same_bits(lt_col_f64(c)[i], want[i]);
        if (!good)
            printf("#   row %d: got %.17g want %.17g\n", i, lt_col_f64(c)[i], want[i]);
    }
    ok(good, "f64 column '%s' has the expected %d values (bit for bit)", name, n);
}

/* strs[i] NULL = missing. */
static void check_str(const lt_frame *f, const char *name, const char *const *want, int n)
{
    lt_col *c = col(f, name);
    int good = c && c->type == LT_STR && c->n == n;
    for (int i = 0; good && i < n; i++) {
        const char *s = lt_col_get_str(c, i, NULL);
        good = want[i] ? s && strcmp(s, want[i]) == 0 : s == NULL;
        if (!good)
            printf("#   row %d: got \"%s\" want \"%s\"\n", i, s ? s : "(NA)",
                   want[i] ? want[i] : "(NA)");
    }
    ok(good, "str column '%s' has the expected %d values", name, n);
}

static int64_t ymd(int y, int m, int d) { return lt_days_from_civil(y, m, d) * LT_US_PER_DAY; }

static int64_t ymdhms(int y, int m, int d, int hh, int mi, int ss, int us)
{
    return ymd(y, m, d) + ((int64_t)hh * 3600 + mi * 60 + ss) * 1000000 + us;
}

/* want[i] == INT64_MIN means missing. */
static void check_time(const lt_frame *f, const char *name, lt_time_kind kind,
                       const int64_t *want, int n)
{
    lt_col *c = col(f, name);
    int good = c && c->type == LT_TIME && c->tkind == kind && c->n == n;
    for (int i = 0; good && i < n; i++)
        good = want[i] == INT64_MIN ? lt_col_is_na(c, i)
                                    : !lt_col_is_na(c, i) && lt_col_i64(c)[i] == want[i];
    ok(good, "%s column '%s' has the expected %d values",
       kind == LT_DATE ? "date" : "datetime", name, n);
}

static void check_error(lt_frame *f, int code, const char *want)
{
    ok(f == NULL, "fails: %s", want);
    is_int(lt_errcode(), code, "error code %d", code);
    is_str(lt_errmsg(), want, "message");
    lt_frame_free(f);
}

/* Cell by cell, dictionary codes included (they follow first appearance). */
static int same_frame(const lt_frame *a, const lt_frame *b)
{
    if (!a || !b || a->ncol != b->ncol || a->nrow != b->nrow)
        return 0;
    for (int j = 0; j < a->ncol; j++) {
        const lt_col *x = a->cols[j], *y = b->cols[j];
        if (strcmp(a->names[j], b->names[j]) || x->type != y->type || x->tkind != y->tkind ||
            x->nmiss != y->nmiss)
            return 0;
        for (int64_t i = 0; i < a->nrow; i++) {
            if (lt_col_is_na(x, i) != lt_col_is_na(y, i))
                return 0;
            if (lt_col_is_na(x, i))
                continue;
            switch (x->type) {
            case LT_F64:
                if (!same_bits(lt_col_f64(x)[i], lt_col_f64(y)[i]))
                    return 0;
                break;
            case LT_BOOL:
                if (lt_col_bool(x)[i] != lt_col_bool(y)[i])
                    return 0;
                break;
            case LT_STR:
                if (lt_col_codes(x)[i] != lt_col_codes(y)[i] ||
                    strcmp(lt_col_get_str(x, i, NULL), lt_col_get_str(y, i, NULL)))
                    return 0;
                break;
            default:
                if (lt_col_i64(x)[i] != lt_col_i64(y)[i])
                    return 0;
            }
        }
    }
    return 1;
}

/* ---- fixtures ------------------------------------------------------------ */

static void test_quoting(void)
{
    lt_frame *f = rd("quoting.csv", NULL);
    is_int(f ? f->nrow : -1, 7, "quoting: 7 rows");
    static const int64_t id[] = {1, 2, 3, 4, 5, 6, 7}, n[] = {10, 20, 30, 40, 50, 60, 70};
    check_i64(f, "id", id, NULL, 7);
    check_i64(f, "n", n, NULL, 7);
    static const char *const text[] = {"a, b", "say \"hi\"", "two\nlines", "abc",
                                       "plain \"x\" y", "", NULL};
    check_str(f, "text", text, 7);
    lt_frame_free(f);
}

static void test_bom_crlf(void)
{
    lt_frame *f = rd("bom_crlf.csv", NULL);
    ok(f && f->ncol == 2 && strcmp(f->names[0], "name") == 0, "BOM is not part of the first name");
    static const char *const name[] = {"alpha", "be\r\nta", "gamma"};
    check_str(f, "name", name, 3);
    static const int64_t v[] = {1, 2, 3};
    check_i64(f, "value", v, NULL, 3);
    lt_frame_free(f);

    f = rdbuf("a,b\r\n1,x\r\n2,y\r", NULL);
    static const int64_t a[] = {1, 2};
    check_i64(f, "a", a, NULL, 2);
    static const char *const b[] = {"x", "y"};
    check_str(f, "b", b, 2);
    lt_frame_free(f);
}

static void test_errors(void)
{
    char want[8192];
    snprintf(want, sizeof want, "%s:4: row has 4 fields, expected 3", fixture("ragged.csv"));
    check_error(lt_csv_read(fixture("ragged.csv"), NULL), LT_EPARSE, want);

    snprintf(want, sizeof want, "%s:3: unterminated quote (the quoted field starting on "
             "this line never closes)", fixture("unterminated.csv"));
    check_error(lt_csv_read(fixture("unterminated.csv"), NULL), LT_EPARSE, want);

    snprintf(want, sizeof want, "%s:4: invalid UTF-8 in column 'name'",
             fixture("invalid_utf8.csv"));
    check_error(lt_csv_read(fixture("invalid_utf8.csv"), NULL), LT_EPARSE, want);

    check_error(lt_csv_read("/nonexistent/dir/x.csv", NULL), LT_EIO,
                "cannot open '/nonexistent/dir/x.csv': No such file or directory");
    snprintf(want, sizeof want, "cannot read '%s': it is a directory", FIXTURE_DIR);
    check_error(lt_csv_read(FIXTURE_DIR, NULL), LT_EIO, want);

    check_error(errbuf("a,b\n1,2\n3\n", NULL), LT_EPARSE, "buf.csv:3: row has 1 fields, expected 2");
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.sep = '"';
    check_error(errbuf("a,b\n", &o), LT_EINVAL, "sep cannot be a quote or a line end");
    /* the line counts the newlines inside quotes and the skipped blank lines */
    check_error(errbuf("a,b\n\"x\ny\",1\n\n2,3\n4,5,6\n", NULL), LT_EPARSE,
                "buf.csv:6: row has 3 fields, expected 2");
    check_error(errbuf("a,\"b\nc\n", NULL), LT_EPARSE,
                "buf.csv:1: unterminated quote (the quoted field starting on this line never closes)");
    check_error(errbuf("\"a\xc3\x28\",b\n1,2\n", NULL), LT_EPARSE,
                "buf.csv:1: invalid UTF-8 in the name of column 1");
    /* an overlong encoding, a surrogate, and a truncated sequence */
    check_error(errbuf("s\nok\n\xc0\xaf\n", NULL), LT_EPARSE, "buf.csv:3: invalid UTF-8 in column 's'");
    check_error(errbuf("s\nok\n\xed\xa0\x80\n", NULL), LT_EPARSE, "buf.csv:3: invalid UTF-8 in column 's'");
    check_error(errbuf("s\nok\nab\xe2\x82\n", NULL), LT_EPARSE, "buf.csv:3: invalid UTF-8 in column 's'");
    static const char nul[] = "s\nab\0c\n";
    check_error(lt_csv_read_buffer(nul, sizeof nul - 1, "buf.csv", NULL), LT_EPARSE,
                "buf.csv:2: a NUL byte in column 's' (lunette reads UTF-8 text; is this file "
                "UTF-16 or binary?)");
    static const char nulname[] = "a,b\0\n1,2\n";
    check_error(lt_csv_read_buffer(nulname, sizeof nulname - 1, "buf.csv", NULL), LT_EPARSE,
                "buf.csv:1: a NUL byte in the name of column 2");
    /* a value that turns a numeric column into strings is checked too */
    check_error(errbuf("n\n1\n2\nx\xff\n", NULL), LT_EPARSE, "buf.csv:4: invalid UTF-8 in column 'n'");
}

static void test_empty_and_header_only(void)
{
    lt_frame *f = rd("empty.csv", NULL);
    ok(f && f->ncol == 0 && f->nrow == 0, "empty file: 0 x 0 frame");
    lt_frame_free(f);
    f = rdbuf("\xef\xbb\xbf\n\r\n", NULL);
    ok(f && f->ncol == 0 && f->nrow == 0, "BOM and blank lines only: 0 x 0 frame");
    lt_frame_free(f);

    f = rd("header_only.csv", NULL);
    ok(f && f->ncol == 3 && f->nrow == 0, "header only: 3 columns, 0 rows");
    is_type(f, "a", LT_F64);
    is_type(f, "c", LT_F64);
    lt_frame_free(f);

    lt_csv_opts o;
    lt_csv_opts_init(&o);
    const char *tc[] = {"b"};
    lt_type tt[] = {LT_STR};
    o.type_cols = tc;
    o.types = tt;
    o.ntypes = 1;
    f = rd("header_only.csv", &o);
    is_type(f, "b", LT_STR);
    lt_frame_free(f);
}

static void test_one_column_and_unicode(void)
{
    lt_frame *f = rd("one_column.csv", NULL);
    static const int64_t x[] = {1, 0, 3};
    static const char na[] = {0, 1, 0};
    check_i64(f, "x", x, na, 3);
    lt_frame_free(f);

    f = rd("unicode.csv", NULL);
    static const char *const city[] = {"Z\xc3\xbcrich", "\xe6\x9d\xb1\xe4\xba\xac",
                                       "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2"};
    static const char *const word[] = {"caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
                                       "\xf0\x9f\x98\x80 ok"};
    check_str(f, "city", city, 3);
    check_str(f, "word", word, 3);
    lt_frame_free(f);
}

static void test_numbers(void)
{
    lt_frame *f = rd("huge_ints.csv", NULL);
    static const int64_t small[] = {1, 2, 3}, edge[] = {INT64_MIN, -INT64_MAX, 0};
    check_i64(f, "small", small, NULL, 3);
    check_i64(f, "edge", edge, NULL, 3);
    static const double big[] = {9223372036854775808.0, 9223372036854775808.0,
                                 1.2345678901234568e29};
    check_f64(f, "big", big, 3);
    lt_frame_free(f);

    f = rd("floats.csv", NULL);
    const double x[] = {1e5, 2.5, -3.25e-2, 0.5, 5.0, INFINITY, -INFINITY, INFINITY, -0.0,
                        0.1, 1e300, 5e-324};
    check_f64(f, "x", x, 12);
    lt_frame_free(f);

    /* quoted numbers are numbers; blanks around unquoted ones are ignored */
    f = rdbuf("a,b,c\n\"12\", 3 ,\" x \"\n\"-4\",5 , y\n", NULL);
    static const int64_t a[] = {12, -4}, b[] = {3, 5};
    check_i64(f, "a", a, NULL, 2);
    check_i64(f, "b", b, NULL, 2);
    static const char *const c[] = {" x ", " y"};
    check_str(f, "c", c, 2);
    lt_frame_free(f);

    /* i64 then f64 in one column; leading zeros; +sign */
    f = rdbuf("v,w\n1,007\n2.5,+8\n-3,-0\n", NULL);
    static const double v[] = {1, 2.5, -3};
    check_f64(f, "v", v, 3);
    static const int64_t w[] = {7, 8, 0};
    check_i64(f, "w", w, NULL, 3);
    lt_frame_free(f);
}

static void test_na(void)
{
    lt_frame *f = rd("na_tokens.csv", NULL);
    static const int64_t num[] = {1, 0, 0, 0, 0, 0, 6};
    static const char numna[] = {0, 1, 1, 1, 1, 1, 0};
    check_i64(f, "num", num, numna, 7);
    static const char *const txt[] = {"a", "", "NA", NULL, NULL, "b", NULL};
    check_str(f, "txt", txt, 7);
    lt_frame_free(f);

    lt_csv_opts o;
    lt_csv_opts_init(&o);
    const char *na[] = {"-"};
    o.na = na;
    o.nna = 1;
    f = rdbuf("a,b\n1,-\n-,NA\n,x\n", &o);
    static const char *const b[] = {NULL, "NA", "x"};
    check_str(f, "b", b, 3);
    static const char *const a[] = {"1", NULL, ""};
    check_str(f, "a", a, 3);  /* "" is not an NA token any more */
    lt_frame_free(f);

    /* all missing: f64; quoted empties are missing outside str columns,
     * and empty strings in a column that has nothing else */
    f = rdbuf("a,b,c\n,1,\"\"\nNA,\"\",\"\"\n", NULL);
    lt_col *c = col(f, "a");
    ok(c && c->type == LT_F64 && c->nmiss == 2, "an all-missing column is f64");
    static const int64_t bv[] = {1, 0};
    static const char bna[] = {0, 1};
    check_i64(f, "b", bv, bna, 2);
    static const char *const cs[] = {"", ""};
    check_str(f, "c", cs, 2);   /* what write_csv writes for a column of "" */
    lt_frame_free(f);
    f = rdbuf("a,b\n1,\"\"\n2,\n", NULL);
    static const char *const bs2[] = {"", NULL};
    check_str(f, "b", bs2, 2);  /* empty strings and missing values apart */
    lt_frame_free(f);

    /* quoted empties seen before the first string stay empty strings */
    f = rdbuf("a,b\n1,\"\"\n2,\n3,x\n", NULL);
    static const char *const bs[] = {"", NULL, "x"};
    check_str(f, "b", bs, 3);
    lt_frame_free(f);
}

static void test_sniffing(void)
{
    lt_frame *f = rd("sep_semicolon.csv", NULL);
    ok(f && f->ncol == 3, "';' sniffed: 3 columns");
    static const char *const a[] = {"1,5", "2,5"};
    static const char *const c[] = {"p;q", "z"};
    check_str(f, "a", a, 2);
    check_str(f, "c", c, 2);
    lt_frame_free(f);

    f = rd("sep_tab.tsv", NULL);
    ok(f && f->ncol == 3, "tab sniffed: 3 columns");
    static const char *const tb[] = {"x, y", "z; w"};
    check_str(f, "b", tb, 2);
    lt_frame_free(f);

    f = rd("sep_pipe.csv", NULL);
    ok(f && f->ncol == 2, "'|' sniffed: 2 columns");
    static const char *const pb[] = {"x,y", "z;w"};
    check_str(f, "b", pb, 2);
    lt_frame_free(f);

    f = rd("sep_comma.csv", NULL);
    ok(f && f->ncol == 3, "',' sniffed: 3 columns");
    static const char *const cb[] = {"x;y", "z|w"};
    check_str(f, "b", cb, 2);
    lt_frame_free(f);

    /* both , and ; split this consistently: , comes first; a given sep wins */
    f = rdbuf("a;b,c\n1;2,3\n", NULL);
    ok(f && f->ncol == 2 && strcmp(f->names[0], "a;b") == 0, "a tie goes to ','");
    lt_frame_free(f);
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.sep = ';';
    f = rdbuf("a;b,c\n1;2,3\n", &o);
    ok(f && f->ncol == 2 && strcmp(f->names[1], "b,c") == 0, "a given sep wins over sniffing");
    static const char *const bc[] = {"2,3"};
    check_str(f, "b,c", bc, 1);
    lt_frame_free(f);
}

static void test_header_options(void)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.header = false;
    lt_frame *f = rd("no_header.csv", &o);
    ok(f && f->ncol == 3 && f->nrow == 2 && strcmp(f->names[0], "V1") == 0 &&
       strcmp(f->names[2], "V3") == 0, "no header: V1..V3, 2 rows");
    static const int64_t v1[] = {1, 2};
    check_i64(f, "V1", v1, NULL, 2);
    static const char *const v2[] = {"x", "y"};
    check_str(f, "V2", v2, 2);
    static const double v3[] = {2.5, 3.5};
    check_f64(f, "V3", v3, 2);
    lt_frame_free(f);

    f = rd("dup_names.csv", NULL);
    static const char *const names[] = {"a", "a.2", "V3", "b", "a.1"};
    int good = f && f->ncol == 5;
    for (int j = 0; good && j < 5; j++)
        good = strcmp(f->names[j], names[j]) == 0;
    ok(good, "names made unique: a a.2 V3 b a.1");
    lt_frame_free(f);

    f = rdbuf(" x ,\" y \",z\n1,2,3\n", NULL);
    ok(f && strcmp(f->names[0], "x") == 0 && strcmp(f->names[1], " y ") == 0,
       "unquoted names are trimmed, quoted ones kept");
    lt_frame_free(f);
}

static void test_dates(void)
{
    lt_frame *f = rd("dates.csv", NULL);
    const int64_t NA = INT64_MIN;
    const int64_t d[] = {ymd(2024, 1, 31), ymd(1969, 12, 31), NA};
    check_time(f, "d", LT_DATE, d, 3);
    const int64_t dt[] = {ymdhms(2024, 1, 31, 13, 45, 0, 0), ymdhms(2024, 2, 1, 0, 0, 0, 250000),
                          ymdhms(2000, 1, 1, 23, 59, 59, 999999)};
    check_time(f, "dt", LT_DATETIME, dt, 3);
    const int64_t mixed[] = {ymd(2024, 2, 29), ymdhms(2024, 3, 1, 6, 30, 0, 0), NA};
    check_time(f, "mixed", LT_DATETIME, mixed, 3);
    const int64_t iso[] = {ymd(2024, 3, 1), ymdhms(2024, 3, 1, 0, 30, 0, 0), NA};
    check_time(f, "iso", LT_DATETIME, iso, 3);
    lt_frame_free(f);

    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.parse_times = false;
    f = rd("dates.csv", &o);
    static const char *const ds[] = {"2024-01-31", "1969-12-31", NULL};
    check_str(f, "d", ds, 3);
    lt_frame_free(f);

    /* an impossible date is a string */
    f = rdbuf("d\n2023-02-28\n2023-02-30\n", NULL);
    is_type(f, "d", LT_STR);
    lt_frame_free(f);
}

static void test_forced_and_subsets(void)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.skip = 2;
    lt_frame *f = rd("types.csv", &o);
    static const int64_t id[] = {1, 2, 3}, code[] = {7, 10, 123};
    check_i64(f, "id", id, NULL, 3);
    check_i64(f, "code", code, NULL, 3);
    static const double score[] = {1, 2.5, NAN};
    check_f64(f, "score", score, 3);
    static const char *const flag[] = {"yes", "no", "YES"};
    check_str(f, "flag", flag, 3);
    const int64_t when[] = {ymd(2024, 1, 1), ymd(2024, 1, 2), ymd(2024, 1, 3)};
    check_time(f, "when", LT_DATETIME, when, 3);
    lt_frame_free(f);

    o.parse_bool = true;
    const char *tc[] = {"code", "when", "id"};
    lt_type tt[] = {LT_STR, LT_TIME, LT_F64};
    lt_time_kind tk[] = {LT_DATETIME, LT_DATE, LT_DATETIME};
    o.type_cols = tc;
    o.types = tt;
    o.tkinds = tk;
    o.ntypes = 3;
    f = rd("types.csv", &o);
    static const char *const codes[] = {"007", "010", "123"};
    check_str(f, "code", codes, 3);
    check_time(f, "when", LT_DATE, when, 3);
    static const double idf[] = {1, 2, 3};
    check_f64(f, "id", idf, 3);
    lt_col *c = col(f, "flag");
    ok(c && c->type == LT_BOOL && lt_col_bool(c)[0] == 1 && lt_col_bool(c)[1] == 0 &&
       lt_col_bool(c)[2] == 1 && c->nmiss == 0, "parse_bool: yes/no/YES -> true false true");
    lt_frame_free(f);

    char want[8192];
    tt[0] = LT_I64;
    tc[0] = "score";
    o.ntypes = 1;
    snprintf(want, sizeof want, "%s:5: cannot read '2.5' as i64 in column 'score'",
             fixture("types.csv"));
    check_error(lt_csv_read(fixture("types.csv"), &o), LT_EPARSE, want);
    tc[0] = "nope";
    snprintf(want, sizeof want, "%s has no column 'nope' (asked for in types)",
             fixture("types.csv"));
    check_error(lt_csv_read(fixture("types.csv"), &o), LT_EINVAL, want);
    o.ntypes = 0;

    const char *cols[] = {"score", "id"};
    o.columns = cols;
    o.ncolumns = 2;
    f = rd("types.csv", &o);
    ok(f && f->ncol == 2 && strcmp(f->names[0], "id") == 0 && strcmp(f->names[1], "score") == 0,
       "columns subset, in file order");
    check_f64(f, "score", score, 3);
    lt_frame_free(f);
    cols[1] = "nope";
    snprintf(want, sizeof want, "%s has no column 'nope' (asked for in columns)",
             fixture("types.csv"));
    check_error(lt_csv_read(fixture("types.csv"), &o), LT_EINVAL, want);
    o.columns = NULL;
    o.ncolumns = 0;

    o.nrows = 2;
    f = rd("types.csv", &o);
    ok(f && f->nrow == 2, "nrows = 2 reads 2 rows");
    check_i64(f, "id", id, NULL, 2);
    lt_frame_free(f);
    o.nrows = 0;
    f = rd("types.csv", &o);
    ok(f && f->nrow == 0 && f->ncol == 5, "nrows = 0: the columns, no rows");
    lt_frame_free(f);
    o.nrows = -1;
    o.skip = 100;
    f = rd("types.csv", &o);
    ok(f && f->nrow == 0 && f->ncol == 0, "skip past the end: 0 x 0");
    lt_frame_free(f);

    /* forced bool accepts 1/0; a forced date refuses a time of day; a
     * forced time without a kind follows the values */
    lt_csv_opts_init(&o);
    const char *bc[] = {"b", "d", "t"};
    lt_type bt[] = {LT_BOOL, LT_TIME, LT_TIME};
    o.type_cols = bc;
    o.types = bt;
    o.ntypes = 3;
    f = rdbuf("b,d,t\n1,2024-05-01,2024-05-01\nFalse,2024-05-02,2024-05-02 10:00\n", &o);
    c = col(f, "b");
    ok(c && c->type == LT_BOOL && lt_col_bool(c)[0] == 1 && lt_col_bool(c)[1] == 0,
       "forced bool: 1 and False");
    const int64_t dd[] = {ymd(2024, 5, 1), ymd(2024, 5, 2)};
    check_time(f, "d", LT_DATE, dd, 2);
    const int64_t td[] = {ymd(2024, 5, 1), ymdhms(2024, 5, 2, 10, 0, 0, 0)};
    check_time(f, "t", LT_DATETIME, td, 2);
    lt_frame_free(f);
    lt_time_kind dk[] = {LT_DATETIME, LT_DATE, LT_DATETIME};
    o.tkinds = dk;
    check_error(errbuf("b,d,t\n1,2024-05-01 10:00,2024-05-01\n", &o), LT_EPARSE,
                "buf.csv:2: cannot read '2024-05-01 10:00' as date in column 'd'");
}

static void test_bool_inference(void)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.parse_bool = true;
    lt_frame *f = rdbuf("a,b,c\ntrue,TRUE,1\nNo,x,false\n,yes,0\n", &o);
    lt_col *a = col(f, "a");
    ok(a && a->type == LT_BOOL && lt_col_bool(a)[0] == 1 && lt_col_bool(a)[1] == 0 &&
       lt_col_is_na(a, 2), "bool column with a missing value");
    static const char *const b[] = {"TRUE", "x", "yes"};
    static const char *const c[] = {"1", "false", "0"};
    check_str(f, "b", b, 3);
    check_str(f, "c", c, 3);  /* bool and int mixed: strings */
    lt_frame_free(f);
}

/* A decimal comma, as European spreadsheets write: numbers from "1,5",
 * text with both marks left alone, ';' sniffed. */
static void test_decimal_comma(void)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.decimal = ',';
    lt_frame *f = rdbuf("x;n;s\n1,5;2;a,b\n-0,25;3;1.234,5\n1e3;4;c\n", &o);
    static const double x[] = {1.5, -0.25, 1000};
    check_f64(f, "x", x, 3);
    static const int64_t n[] = {2, 3, 4};
    check_i64(f, "n", n, NULL, 3);
    static const char *const s[] = {"a,b", "1.234,5", "c"};
    check_str(f, "s", s, 3);
    lt_frame_free(f);

    o.sep = ',';
    check_error(rdbuf("x\n1\n", &o), LT_EINVAL, "decimal ',' needs another separator than ','");
    o.sep = ';';
    o.decimal = ':';
    check_error(rdbuf("x\n1\n", &o), LT_EINVAL, "decimal must be '.' or ',', not ':'");
    o.decimal = ',';
    lt_type f64 = LT_F64;
    const char *name = "x";
    o.type_cols = &name;
    o.types = &f64;
    o.ntypes = 1;
    check_error(rdbuf("x\n1,5\nab,c\n", &o), LT_EPARSE,
                "buf.csv:3: cannot read 'ab,c' as f64 in column 'x'");  /* as written */
}

static void test_pipe(void)
{
    int fd[2];
    if (pipe(fd) != 0) {
        ok(0, "pipe: %s", strerror(errno));
        return;
    }
    const char text[] = "a,b\n1,x\n2,y\n";
    ok(write(fd[1], text, sizeof text - 1) == (ssize_t)(sizeof text - 1), "wrote to the pipe");
    close(fd[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
    lt_frame *f = lt_csv_read(path, NULL);
    close(fd[0]);
    static const int64_t a[] = {1, 2};
    check_i64(f, "a", a, NULL, 2);
    lt_frame_free(f);
}

/* ---- generated inputs ---------------------------------------------------- */

static void test_wide(void)
{
    enum { W = 2000 };
    size_t cap = 64 * W, n = 0;
    char *buf = malloc(cap);
    for (int r = 0; r < 4; r++)
        for (int j = 0; j < W; j++)
            n += (size_t)snprintf(buf + n, cap - n, r == 0 ? "c%d%c" : "%d%c",
                                  r == 0 ? j + 1 : j * 10 + r, j == W - 1 ? '\n' : ',');
    lt_frame *f = lt_csv_read_buffer(buf, n, "wide.csv", NULL);
    int good = f && f->ncol == W && f->nrow == 3;
    for (int j = 0; good && j < W; j++) {
        char name[16];
        snprintf(name, sizeof name, "c%d", j + 1);
        lt_col *c = f->cols[j];
        good = strcmp(f->names[j], name) == 0 && c->type == LT_I64 &&
               lt_col_i64(c)[0] == j * 10 + 1 && lt_col_i64(c)[2] == j * 10 + 3;
    }
    ok(good, "2000 columns x 3 rows, every value right");
    lt_frame_free(f);
    free(buf);
}

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

__attribute__((format(printf, 2, 3)))
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if ((size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap * 2 + (size_t)k;
        b->p = realloc(b->p, b->cap);
    }
}

enum { BIG = 200000 };

/* Line of the data row r in the generated file (the header is line 1). */
static int64_t big_line[BIG];

/* A file built to cross the chunk boundaries of a parallel read in every
 * way: an int column that turns f64 at its last row, a numeric column
 * that turns str in the middle (its text must survive: "007"), dates that
 * turn datetimes in one place, quoted fields whose newlines are followed
 * by lines that look like rows, blank and CRLF lines.  `tail` is appended
 * after the rows. */
static sbuf make_big(const char *tail)
{
    sbuf b = {malloc(1 << 20), 0, 1 << 20};
    int64_t line = 1;
    sb_printf(&b, "i,f,s,d,q,c\n");
    for (int r = 0; r < BIG; r++) {
        line++;
        if (r % 1000 == 999) {
            sb_printf(&b, "\n");
            line++;
        }
        big_line[r] = line;
        if (r == BIG - 1)
            sb_printf(&b, "%d,0.5,", r);
        else
            sb_printf(&b, "%d,%d,", r, r % 7);
        if (r == BIG / 2)
            sb_printf(&b, "x,");
        else
            sb_printf(&b, "%03d,", r % 50);
        if (r == 123457)
            sb_printf(&b, "2020-01-01 12:00:00,");
        else if (r % 10 == 3)
            sb_printf(&b, ",");
        else
            sb_printf(&b, "2020-%02d-%02d,", r % 12 + 1, r % 28 + 1);
        if (r % 97 == 0) {
            sb_printf(&b, "\"q%d\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n"
                      "1,2,3,4,5,6\n\"\"end\"\"\",", r);
            line += 6;
        } else {
            sb_printf(&b, "q%d,", r);
        }
        sb_printf(&b, "%s%s", r % 13 == 0 ? "" : r % 2 ? "odd" : "even",
                  r % 5 == 0 ? "\r\n" : "\n");
    }
    sb_printf(&b, "%s", tail);
    return b;
}

static lt_frame *read_big(const sbuf *b, int threads, lt_progress *p)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.threads = threads;
    o.progress = p;
    return lt_csv_read_buffer(b->p, b->n, "big.csv", &o);
}

static int check_big(const lt_frame *f)
{
    if (!f || f->nrow != BIG || f->ncol != 6)
        return 0;
    lt_col *i = f->cols[0], *fc = f->cols[1], *s = f->cols[2], *d = f->cols[3], *q = f->cols[4],
           *c = f->cols[5];
    if (i->type != LT_I64 || fc->type != LT_F64 || s->type != LT_STR || d->type != LT_TIME ||
        d->tkind != LT_DATETIME || q->type != LT_STR || c->type != LT_STR)
        return 0;
    char want[128];
    for (int r = 0; r < BIG; r++) {
        if (lt_col_i64(i)[r] != r)
            return 0;
        if (lt_col_f64(fc)[r] != (r == BIG - 1 ? 0.5 : r % 7))
            return 0;
        snprintf(want, sizeof want, r == BIG / 2 ? "x" : "%03d", r % 50);
        if (strcmp(lt_col_get_str(s, r, NULL), want))
            return 0;
        if (r == 123457 ? lt_col_i64(d)[r] != ymdhms(2020, 1, 1, 12, 0, 0, 0)
            : r % 10 == 3 ? !lt_col_is_na(d, r)
            : lt_col_i64(d)[r] != ymd(2020, r % 12 + 1, r % 28 + 1))
            return 0;
        if (r % 97 == 0)
            snprintf(want, sizeof want, "q%d\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n"
                     "1,2,3,4,5,6\n1,2,3,4,5,6\n\"end\"", r);
        else
            snprintf(want, sizeof want, "q%d", r);
        if (strcmp(lt_col_get_str(q, r, NULL), want))
            return 0;
        const char *cv = lt_col_get_str(c, r, NULL);
        if (r % 13 == 0 ? cv != NULL : strcmp(cv, r % 2 ? "odd" : "even"))
            return 0;
    }
    /* codes follow first appearance: row 0 is missing, row 1 odd, row 2 even */
    return lt_col_codes(c)[1] == 0 && lt_col_codes(c)[2] == 1;
}

typedef struct ticks {
    int n;
    double last, maxgap;
    int monotonic;
    int cancel_at;
    lt_progress *self;
} ticks;

static void on_tick(void *ud, double frac)
{
    ticks *t = ud;
    if (frac < t->last)
        t->monotonic = 0;
    if (frac < 0.9 && frac - t->last > t->maxgap)
        t->maxgap = frac - t->last;
    t->last = frac;
    if (++t->n == t->cancel_at)
        t->self->cancel = 1;
}

static void test_big(void)
{
    lt_frame *f1 = NULL;
    sbuf b = make_big("");
    for (int t = 1; t <= 4; t *= 2) {
        ticks tk = {0, 0, 0, 1, 0, NULL};
        lt_progress p = {.report = on_tick, .ud = &tk};
        tk.self = &p;
        lt_frame *ft = read_big(&b, t, &p);
        if (t == 1) {
            f1 = ft;
            ok(check_big(f1), "200k rows, 1 thread: every value as generated");
            /* one tick per chunk of 1/128 of the data: deterministic */
            ok(tk.n >= 100 && tk.monotonic && tk.last == 1.0 && tk.maxgap <= 0.02,
               "1 thread: %d progress ticks, increasing, largest step %.3f, last 1", tk.n,
               tk.maxgap);
            continue;
        }
        ok(same_frame(f1, ft), "200k rows, %d threads: the same frame as 1 thread", t);
        /* how many chunks the calling thread parses is up to the scheduler */
        ok(tk.n >= 3 && tk.monotonic && tk.last == 1.0,
           "%d threads: %d progress ticks, increasing, last 1", t, tk.n);
        lt_frame_free(ft);
    }
    for (int t = 1; t <= 2; t++) {
        ticks tk = {0, 0, 0, 1, 3, NULL};
        lt_progress p = {.report = on_tick, .ud = &tk};
        tk.self = &p;
        lt_frame *fc = read_big(&b, t, &p);
        ok(fc == NULL && lt_errcode() == LT_ECANCELED, "%d thread(s): cancelled at the 3rd tick",
           t);
        lt_frame_free(fc);
    }
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.nrows = 150000;
    lt_frame *fn = lt_csv_read_buffer(b.p, b.n, "big.csv", &o);
    ok(fn && fn->nrow == 150000 && lt_col_get_num(fn->cols[0], 149999) == 149999 &&
       fn->cols[1]->type == LT_I64 && fn->cols[2]->type == LT_STR,
       "nrows = 150000: i64 column (the f64 row is not read), str column from row 100000");
    lt_frame_free(fn);
    lt_frame_free(f1);
    free(b.p);

    /* errors deep in the file report the right line with any thread count */
    const char *tails[] = {"1,2,3,4,5,6,7\n", "1,2,x\xff,2020-01-01,q,odd\n", "1,2,3,4,\"q\n"};
    const char *what[] = {"row has 7 fields, expected 6", "invalid UTF-8 in column 's'",
                          "unterminated quote (the quoted field starting on this line never closes)"};
    for (int k = 0; k < 3; k++) {
        b = make_big(tails[k]);
        char want[256];
        snprintf(want, sizeof want, "big.csv:%lld: %s", (long long)big_line[BIG - 1] + 1, what[k]);
        for (int t = 1; t <= 2; t++) {
            lt_frame *fe = read_big(&b, t, NULL);
            ok(fe == NULL && strcmp(lt_errmsg(), want) == 0, "%d thread(s): %s", t, want);
            if (fe || strcmp(lt_errmsg(), want))
                printf("#   got: %s\n", fe ? "a frame" : lt_errmsg());
            lt_frame_free(fe);
        }
        free(b.p);
    }
}

/* A quoted field of 150 kB whose lines look like rows spans several
 * chunks: the chunk holding its start reads past the next chunks' limits,
 * which are then re-read from there and hold no rows. */
static void test_long_field(void)
{
    sbuf b = {malloc(1 << 16), 0, 1 << 16};
    sb_printf(&b, "a,b\n");
    for (int r = 0; r < 3000; r++) {
        if (r == 1000) {
            sb_printf(&b, "%d,\"", r);
            for (int k = 0; k < 20000; k++)
                sb_printf(&b, "%d,x\n", k);
            sb_printf(&b, "\"\n");
        } else {
            sb_printf(&b, "%d,%d\n", r, r % 3);
        }
    }
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    const char *tc[] = {"a"};
    lt_type tt[] = {LT_I64};
    o.type_cols = tc;
    o.types = tt;
    o.ntypes = 1;
    o.threads = 1;
    lt_frame *f1 = lt_csv_read_buffer(b.p, b.n, "long.csv", &o);
    o.threads = 2;
    lt_frame *f2 = lt_csv_read_buffer(b.p, b.n, "long.csv", &o);
    const char *v = f1 ? lt_col_get_str(lt_frame_col(f1, "b"), 1000, NULL) : NULL;
    size_t want = 0;
    for (int k = 0; k < 20000; k++)
        want += (size_t)snprintf(NULL, 0, "%d,x\n", k);
    ok(f1 && f1->nrow == 3000 && v && strlen(v) == want,
       "a 150 kB quoted field: 3000 rows, the field %zu bytes", want);
    ok(v && strncmp(v, "0,x\n1,x\n", 8) == 0 && strcmp(v + strlen(v) - 8, "19999,x\n") == 0,
       "the long field's text");
    ok(same_frame(f1, f2), "the same frame with 1 and 2 threads");
    lt_frame_free(f1);
    lt_frame_free(f2);
    free(b.p);
}

static void test_threads_fixture(void)
{
    lt_csv_opts o;
    lt_csv_opts_init(&o);
    o.threads = 1;
    lt_frame *a = rd("quoting.csv", &o);
    o.threads = 2;
    lt_frame *b = rd("quoting.csv", &o);
    ok(same_frame(a, b), "quoting.csv: the same frame with 1 and 2 threads");
    lt_frame_free(a);
    lt_frame_free(b);
}

/* ---- number parsing -------------------------------------------------------- */

static uint64_t rng_state = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_numparse(void)
{
    int64_t v = 0;
    is_int(lt_num_parse_i64("9223372036854775807", 19, &v), 1, "INT64_MAX parses");
    is_int(v, INT64_MAX, "INT64_MAX value");
    is_int(lt_num_parse_i64("-9223372036854775808", 20, &v), 1, "INT64_MIN parses");
    ok(v == INT64_MIN, "INT64_MIN value");
    is_int(lt_num_parse_i64("9223372036854775808", 19, &v), 2, "INT64_MAX + 1 is out of range");
    is_int(lt_num_parse_i64("-", 1, &v), 0, "'-' is not an integer");
    is_int(lt_num_parse_i64("1.0", 3, &v), 0, "'1.0' is not an integer");
    is_int(lt_num_parse_i64("00000000000000000000042", 23, &v), 1, "leading zeros");
    is_int(v, 42, "leading zeros value");

    static const char *const bad[] = {"", "+", ".", "e5", "1e", "1e+", "--1", "1.2.3", "0x10",
                                      "1 ", " 1", "infx", "1,5", "nan(1)"};
    int nbad = 0;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double d;
        nbad += !lt_num_parse_f64(bad[i], strlen(bad[i]), &d);
    }
    is_int(nbad, (int)(sizeof bad / sizeof *bad), "malformed numbers are refused");

    /* random decimals of every shape against strtod */
    int same = 0, total = 200000;
    char s[96];
    for (int k = 0; k < total; k++) {
        int nd = 1 + (int)(rnd() % 25), n = 0;
        if (rnd() % 2)
            s[n++] = '-';
        int point = (int)(rnd() % (nd + 1));
        for (int i = 0; i < nd; i++) {
            if (i == point && i > 0)
                s[n++] = '.';
            s[n++] = (char)('0' + rnd() % 10);
        }
        if (rnd() % 3 == 0)
            n += snprintf(s + n, sizeof s - (size_t)n, "e%d", (int)(rnd() % 700) - 350);
        s[n] = '\0';
        double a = 0, b = strtod(s, NULL);
        same += lt_num_parse_f64(s, (size_t)n, &a) && same_bits(a, b);
    }
    is_int(same, total, "200000 random decimals parse to strtod's bits");
}

int main(void)
{
    test_quoting();
    test_bom_crlf();
    test_errors();
    test_empty_and_header_only();
    test_one_column_and_unicode();
    test_numbers();
    test_na();
    test_sniffing();
    test_header_options();
    test_dates();
    test_forced_and_subsets();
    test_bool_inference();
    test_decimal_comma();
    test_pipe();
    test_wide();
    test_threads_fixture();
    test_long_field();
    test_big();
    test_numparse();
    return tap_done();
}
