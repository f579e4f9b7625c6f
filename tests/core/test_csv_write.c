/* Tests of the CSV writer (core/csv_write.c) and of shortest double
 * formatting (core/numparse.c): exact output text, write -> read round
 * trips of every type and of the awkward strings and doubles, options,
 * atomic replacement, errors and cancellation. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "error.h"
#include "numparse.h"
#include "tap.h"
#include "timefmt.h"

static char dir[256];

static const char *tmp_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

/* The whole file, NUL-terminated (caller frees); NULL when unreadable. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, fp);
    fclose(fp);
    b[got] = '\0';
    if (len)
        *len = got;
    return b;
}

static int files_in_dir(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void add(lt_frame *f, const char *name, lt_col *c)
{
    if (lt_frame_add(f, name, c))
        printf("# add %s: %s\n", name, lt_errmsg());
    lt_col_unref(c);
}

static int64_t ymd(int y, int m, int d) { return lt_days_from_civil(y, m, d) * LT_US_PER_DAY; }

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* Row i of column a equals row i of column b (types as in a; b may have
 * been read back with a different but compatible dictionary). */
static int same_cell(const lt_col *a, const lt_col *b, int64_t i)
{
    if (lt_col_is_na(a, i) || lt_col_is_na(b, i))
        return lt_col_is_na(a, i) && lt_col_is_na(b, i);
    switch (a->type) {
    case LT_F64: return same_bits(lt_col_f64(a)[i], lt_col_f64(b)[i]);
    case LT_BOOL: return lt_col_bool(a)[i] == lt_col_bool(b)[i];
    case LT_STR: {
        size_t na, nb;
        const char *x = lt_col_get_str(a, i, &na), *y = lt_col_get_str(b, i, &nb);
        return na == nb && memcmp(x, y, na) == 0;
    }
    default: return lt_col_i64(a)[i] == lt_col_i64(b)[i];
    }
}

static int same_frame(const lt_frame *a, const lt_frame *b)
{
    if (!a || !b || a->ncol != b->ncol || a->nrow != b->nrow) {
        printf("#   shapes differ\n");
        return 0;
    }
    for (int j = 0; j < a->ncol; j++) {
        const lt_col *x = a->cols[j], *y = b->cols[j];
        if (strcmp(a->names[j], b->names[j]) || x->type != y->type ||
            (x->type == LT_TIME && x->tkind != y->tkind)) {
            printf("#   column %d: %s %s vs %s %s\n", j, a->names[j], lt_type_name(x->type),
                   b->names[j], lt_type_name(y->type));
            return 0;
        }
        for (int64_t i = 0; i < a->nrow; i++)
            if (!same_cell(x, y, i)) {
                printf("#   column %s row %lld differs\n", a->names[j], (long long)i);
                return 0;
            }
    }
    return 1;
}

/* ---- double formatting ------------------------------------------------------ */

static void test_format_f64(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.1, "0.1"}, {1e300, "1e+300"}, {5e-324, "5e-324"}, {-0.0, "-0.0"}, {0.0, "0.0"},
        {3.0, "3.0"}, {100.0, "100.0"}, {-1.5, "-1.5"}, {0.30000000000000004, "0.30000000000000004"},
        {1.0 / 3, "0.3333333333333333"}, {123456.789, "123456.789"}, {1e15, "1e+15"},
        {1e-5, "0.00001"}, {1.5e-7, "1.5e-07"}, {9007199254740992.0, "9007199254740992.0"},
        {1.7976931348623157e308, "1.7976931348623157e+308"}, {2.5e-308, "2.5e-308"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char buf[32];
        size_t n = lt_num_format_f64(cases[k].v, buf);
        is_str(buf, cases[k].want, "format %.17g", cases[k].v);
        if (n != strlen(cases[k].want))
            ok(0, "length of %s", cases[k].want);
    }
    char buf[32];
    lt_num_format_f64(INFINITY, buf);
    is_str(buf, "inf", "format inf");
    lt_num_format_f64(-INFINITY, buf);
    is_str(buf, "-inf", "format -inf");
    lt_num_format_i64(INT64_MIN, buf);
    is_str(buf, "-9223372036854775808", "format INT64_MIN");
}

/* Significant digits of a number's text (before any exponent). */
static int sig_digits(const char *s)
{
    char d[40];
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            d[n++] = *s;
    int lo = 0;
    while (lo < n && d[lo] == '0')
        lo++;
    while (n > lo && d[n - 1] == '0')
        n--;
    return n - lo;
}

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random doubles of three kinds (any bits; short decimals such as prices;
 * uniform in [0, 1000)): the text reads back to the same bits and has no
 * more significant digits than the shortest %.{1..17}g that does. */
static void test_format_random(void)
{
    int roundtrip = 0, shortest = 0, total = 300000;
    for (int k = 0; k < total; k++) {
        double v;
        uint64_t r = rnd();
        switch (k % 3) {
        case 0:
            memcpy(&v, &r, 8);
            if (v != v || isinf(v))
                v = (double)(r >> 11);
            break;
        case 1: v = (double)(int64_t)(r % 2000000 - 1000000) / (double)(1 << (r >> 60)) / 100.0; break;
        default: v = (double)(r >> 11) / 9007199254740992.0 * 1000.0; break;
        }
        char mine[32], ref[40];
        lt_num_format_f64(v, mine);
        roundtrip += same_bits(strtod(mine, NULL), v);
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(ref, sizeof ref, "%.*g", prec, v);
            if (same_bits(strtod(ref, NULL), v))
                break;
        }
        if (sig_digits(mine) <= sig_digits(ref))
            shortest++;
        else if (k - shortest < 3)
            printf("#   %.17g: %s vs %s\n", v, mine, ref);
    }
    is_int(roundtrip, total, "300000 random doubles read back to the same bits");
    is_int(shortest, total, "and none has more digits than the shortest %%g");
}

/* ---- frames ----------------------------------------------------------------- */

enum { N = 16 };

/* A frame with every type and the awkward values of each. */
static lt_frame *every_type(void)
{
    const double f64[N] = {0.1, 1e300, 5e-324, -0.0, INFINITY, -INFINITY, NAN, 1.0 / 3,
                           3.0, -123456.789, 9007199254740993.0, 1e-7, 2.5, 0.0, 1e22, -7.0};
    const int64_t i64[N] = {INT64_MIN, INT64_MAX, 0, -1, 0, 42, 7, 8, 9, 10, 11, 12, 13, 14,
                            15, 16};
    const uint8_t ina[N] = {0, 0, 0, 0, 1};
    const uint8_t b[N] = {1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
    const uint8_t bna[N] = {0, 0, 1};
    int64_t d[N], t[N];
    uint8_t dna[N] = {0}, tna[N] = {0};
    for (int i = 0; i < N; i++) {
        d[i] = ymd(1900 + 7 * i, 1 + i % 12, 1 + i);
        t[i] = ymd(2024, 2, 29) + (int64_t)i * 3723123457;
    }
    d[1] = ymd(1969, 12, 31);
    dna[5] = 1;
    t[0] = -1;                        /* 1969-12-31 23:59:59.999999 */
    t[1] = ymd(2000, 1, 1) + 500000;  /* half a second */
    t[2] = ymd(1850, 6, 15) + 123456;
    tna[3] = 1;
    static const char *const s[N] = {"plain", "", NULL, "NA", "with,comma", "with \"quotes\"",
                                     "multi\nline", "crlf\r\nline", " lead", "trail ", "null",
                                     "N/A", "NaN", "\xc3\xbcn\xc3\xaf\xc2\xa9\xc3\xb8" "d\xc3\xa9",
                                     "12", "\"\""};
    lt_frame *f = lt_frame_new();
    add(f, "f", lt_col_from_f64(f64, N));
    add(f, "i", lt_col_from_i64(i64, ina, N));
    add(f, "b", lt_col_from_bool(b, bna, N));
    add(f, "d", lt_col_from_time(d, dna, N, LT_DATE));
    add(f, "t", lt_col_from_time(t, tna, N, LT_DATETIME));
    add(f, "s", lt_col_from_strs(s, NULL, N));
    add(f, "name, with \"quotes\"", lt_col_from_f64(f64, N));
    return f;
}

static lt_frame *read_back(const char *path, const lt_csv_opts *o)
{
    lt_frame *f = lt_csv_read(path, o);
    if (!f)
        printf("# read back: %s\n", lt_errmsg());
    return f;
}

static void test_round_trip(void)
{
    lt_frame *f = every_type();
    const char *path = tmp_path("every.csv");
    is_int(lt_csv_write(f, path, NULL), 0, "write a frame of every type");
    lt_csv_opts ro;
    lt_csv_opts_init(&ro);
    ro.parse_bool = true;
    lt_frame *g = read_back(path, &ro);
    ok(same_frame(f, g), "read back: the same names, types and values, bit for bit");
    lt_frame_free(g);

    lt_csv_write_opts wo;
    lt_csv_write_opts_init(&wo);
    wo.sep = '\t';
    wo.na = "NA";
    wo.fsync = true;
    is_int(lt_csv_write(f, path, &wo), 0, "write with sep = tab, na = NA, fsync");
    g = read_back(path, &ro);
    ok(same_frame(f, g), "tab and NA: read back the same");
    lt_frame_free(g);

    wo.sep = ';';
    wo.header = false;
    is_int(lt_csv_write(f, path, &wo), 0, "write with sep = ';', no header");
    ro.header = false;
    g = read_back(path, &ro);
    int renamed = g && g->ncol == f->ncol && strcmp(g->names[0], "V1") == 0;
    for (int j = 0; renamed && j < g->ncol; j++) {
        lt_frame *r = lt_frame_rename(g, j, f->names[j]);
        lt_frame_free(g);
        g = r;
    }
    ok(renamed && same_frame(f, g), "';' and no header: the same values under V1..V7");
    lt_frame_free(g);
    lt_frame_free(f);

    /* one column: a missing value is an empty line, the empty string "" */
    static const char *const one[] = {"a", NULL, "", "b"};
    f = lt_frame_new();
    add(f, "s", lt_col_from_strs(one, NULL, 4));
    path = tmp_path("one.csv");
    lt_csv_write(f, path, NULL);
    char *text = slurp(path, NULL);
    is_str(text, "s\na\n\n\"\"\nb\n", "one column: text");
    free(text);
    g = read_back(path, NULL);
    ok(same_frame(f, g), "one column: read back the same");
    lt_frame_free(g);
    lt_frame_free(f);
}

static void test_exact_text(void)
{
    const double x[] = {1.5, NAN, 2.0};
    const int64_t n[] = {1, 0, -3};
    const uint8_t nna[] = {0, 1, 0};
    static const char *const s[] = {"a,b", "", NULL};
    const uint8_t b[] = {1, 0, 1};
    const uint8_t bna[] = {0, 0, 1};
    const int64_t d[] = {ymd(2024, 1, 31), 0, ymd(1999, 12, 31) + 3723000000 + 250};
    const uint8_t dna[] = {0, 1, 0};
    lt_frame *f = lt_frame_new();
    add(f, "x", lt_col_from_f64(x, 3));
    add(f, "n", lt_col_from_i64(n, nna, 3));
    add(f, "s", lt_col_from_strs(s, NULL, 3));
    add(f, "b", lt_col_from_bool(b, bna, 3));
    add(f, "when", lt_col_from_time(d, dna, 3, LT_DATETIME));
    const char *path = tmp_path("exact.csv");
    is_int(lt_csv_write(f, path, NULL), 0, "write a small frame");
    char *text = slurp(path, NULL);
    is_str(text,
           "x,n,s,b,when\n"
           "1.5,1,\"a,b\",true,2024-01-31 00:00:00\n"
           ",,\"\",false,\n"
           "2.0,-3,,,1999-12-31 01:02:03.00025\n",
           "exact text: quoting, missing, shortest doubles, times");
    free(text);
    lt_csv_write_opts wo;
    lt_csv_write_opts_init(&wo);
    wo.na = "NA";
    wo.sep = '|';
    lt_csv_write(f, path, &wo);
    text = slurp(path, NULL);
    is_str(text,
           "x|n|s|b|when\n"
           "1.5|1|a,b|true|2024-01-31 00:00:00\n"
           "NA|NA|\"\"|false|NA\n"
           "2.0|-3|NA|NA|1999-12-31 01:02:03.00025\n",
           "exact text with sep = '|' and na = NA");
    free(text);
    wo.sep = ';';
    wo.decimal = ',';
    lt_csv_write(f, path, &wo);
    text = slurp(path, NULL);
    is_str(text,
           "x;n;s;b;when\n"
           "1,5;1;a,b;true;2024-01-31 00:00:00\n"
           "NA;NA;\"\";false;NA\n"
           "2,0;-3;NA;NA;1999-12-31 01:02:03.00025\n",
           "exact text with decimal = ','");
    free(text);
    wo.sep = ',';
    is_int(lt_csv_write(f, path, &wo), LT_EINVAL, "decimal ',' with sep ',' is refused");
    is_str(lt_errmsg(), "decimal ',' needs another separator than ','", "and says why");
    lt_frame_free(f);
}

static void test_atomic_and_errors(void)
{
    const double x[] = {1, 2};
    lt_frame *f = lt_frame_new();
    add(f, "x", lt_col_from_f64(x, 2));

    is_int(lt_csv_write(f, "/nonexistent/dir/out.csv", NULL), LT_EIO, "unwritable directory");
    is_str(lt_errmsg(), "cannot write '/nonexistent/dir/out.csv': No such file or directory",
           "message names the file and the reason");

    lt_csv_write_opts wo;
    lt_csv_write_opts_init(&wo);
    wo.na = "n/a,";
    is_int(lt_csv_write(f, tmp_path("bad.csv"), &wo), LT_EINVAL, "na holding the separator");
    is_str(lt_errmsg(), "na = \"n/a,\" holds the separator, a quote or a line end, so it "
           "would not read back as missing", "message says why");
    wo.na = "";
    wo.sep = '"';
    is_int(lt_csv_write(f, tmp_path("bad.csv"), &wo), LT_EINVAL, "sep = quote refused");

    const char *path = tmp_path("replace.csv");
    FILE *fp = fopen(path, "w");
    fputs("old content\n", fp);
    fclose(fp);
    int before = files_in_dir();
    mode_t old = umask(022);
    is_int(lt_csv_write(f, path, NULL), 0, "replace an existing file");
    umask(old);
    char *text = slurp(path, NULL);
    is_str(text, "x\n1.0\n2.0\n", "replaced content");
    free(text);
    is_int(files_in_dir(), before, "no temporary file left behind");
    struct stat st;
    ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "mode 0666 & ~umask (0644)");
    lt_frame_free(f);
}

typedef struct cancel_at {
    int n, at;
    lt_progress *p;
} cancel_at;

static void on_tick(void *ud, double frac)
{
    (void)frac;
    cancel_at *c = ud;
    if (++c->n == c->at)
        c->p->cancel = 1;
}

/* 300k rows: several batches of blocks; 1 and 2 threads write the same
 * bytes; cancelling leaves the previous file as it was. */
static void test_big(void)
{
    enum { R = 300000 };
    double *x = malloc(R * sizeof *x);
    int64_t *k = malloc(R * sizeof *k);
    const char **s = malloc(R * sizeof *s);
    static const char *const words[] = {"alpha", "beta, gamma", "del\"ta", ""};
    for (int i = 0; i < R; i++) {
        x[i] = i % 11 == 0 ? NAN : i / 8.0;
        k[i] = (int64_t)i * 7919 - 1000000;
        s[i] = i % 17 == 0 ? NULL : words[i % 4];
    }
    lt_frame *f = lt_frame_new();
    add(f, "x", lt_col_from_f64(x, R));
    add(f, "k", lt_col_from_i64(k, NULL, R));
    add(f, "s", lt_col_from_strs(s, NULL, R));
    lt_csv_write_opts wo;
    lt_csv_write_opts_init(&wo);
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s", tmp_path("big1.csv"));
    snprintf(p2, sizeof p2, "%s", tmp_path("big2.csv"));
    wo.threads = 1;
    is_int(lt_csv_write(f, p1, &wo), 0, "300k rows, 1 thread");
    wo.threads = 2;
    is_int(lt_csv_write(f, p2, &wo), 0, "300k rows, 2 threads");
    size_t n1, n2;
    char *t1 = slurp(p1, &n1), *t2 = slurp(p2, &n2);
    ok(t1 && t2 && n1 == n2 && memcmp(t1, t2, n1) == 0, "the same %zu bytes", n1);
    free(t2);
    lt_frame *g = read_back(p1, NULL);
    ok(same_frame(f, g), "300k rows read back the same");
    lt_frame_free(g);

    int before = files_in_dir();
    cancel_at c = {0, 1, NULL};
    lt_progress prog = {.report = on_tick, .ud = &c};
    c.p = &prog;
    wo.progress = &prog;
    is_int(lt_csv_write(f, p1, &wo), LT_ECANCELED, "cancelled at the first progress tick");
    t2 = slurp(p1, &n2);
    ok(t2 && n1 == n2 && memcmp(t1, t2, n1) == 0, "the previous file is untouched");
    is_int(files_in_dir(), before, "no temporary file left behind");
    free(t1);
    free(t2);
    lt_frame_free(f);
    free(x);
    free(k);
    free(s);
}

static void cleanup(void)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(tmp_path(e->d_name));
    if (d)
        closedir(d);
    rmdir(dir);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/lt_csv_write_XXXXXX");
    if (!mkdtemp(dir)) {
        printf("Bail out! cannot make a temporary directory\n");
        return 1;
    }
    test_format_f64();
    test_format_random();
    test_exact_text();
    test_round_trip();
    test_atomic_and_errors();
    test_big();
    cleanup();
    return tap_done();
}
