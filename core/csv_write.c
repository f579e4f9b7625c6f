/* CSV writer (format rules in csv.h).
 *
 * Rows are formatted in blocks of about 1 MB of text, in parallel, each
 * block into its own buffer; the calling thread writes the blocks in order
 * while the next ones are being formatted, and reports progress.  The
 * output goes to a new file in the target's directory, renamed over the
 * target once complete, so a reader never sees a half-written file and a
 * failed or cancelled write leaves the target untouched. */
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "numparse.h"
#include "timefmt.h"

void lt_csv_write_opts_init(lt_csv_write_opts *o)
{
    memset(o, 0, sizeof *o);
    o->sep = ',';
    o->header = true;
    o->na = "";
    o->decimal = '.';
}

typedef struct wbuf {
    char *p;
    size_t len, cap;
} wbuf;

typedef struct writer {
    const lt_frame *f;
    char sep;
    const char *na;
    size_t nalen;
    char decimal;       /* '.' or ',' */
    bool special[256];  /* bytes that force quoting: sep, quote, CR, LF */
} writer;

static int reserve(wbuf *b, size_t more)
{
    if (b->len + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + more)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

/* A string must be quoted when the reader would otherwise not give it
 * back: empty, equal to an NA token or to the writer's missing text,
 * holding the separator, a quote or a line end, or with blanks around. */
static bool needs_quote(const writer *W, const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return true;
    for (size_t i = 0; i < n; i++)
        if (W->special[(unsigned char)s[i]])
            return true;
    if (n == W->nalen && memcmp(s, W->na, n) == 0)
        return true;
    for (int i = 0; i < LT_CSV_NA_DEFAULT_N && n <= 4; i++)  /* the longest is 4 */
        if (strlen(lt_csv_na_default[i]) == n && memcmp(s, lt_csv_na_default[i], n) == 0)
            return true;
    return false;
}

static int put_text(wbuf *b, const writer *W, const char *s, size_t n)
{
    if (reserve(b, 2 * n + 3))
        return -1;
    char *o = b->p + b->len;
    bool quote = needs_quote(W, s, n);
    if (quote)
        *o++ = '"';
    for (const char *q; quote && (q = memchr(s, '"', n));) {
        size_t k = (size_t)(q - s) + 1;  /* up to and with the quote, then its double */
        memcpy(o, s, k);
        o += k;
        *o++ = '"';
        s += k;
        n -= k;
    }
    memcpy(o, s, n);
    o += n;
    if (quote)
        *o++ = '"';
    b->len = (size_t)(o - b->p);
    return 0;
}

/* Value i of column c (missing values as W->na). */
static int put_value(wbuf *b, const writer *W, const lt_col *c, int64_t i)
{
    if (lt_col_is_na(c, i)) {
        if (W->nalen == 0)   /* the default: missing is an empty field */
            return 0;
        if (reserve(b, W->nalen))
            return -1;
        memcpy(b->p + b->len, W->na, W->nalen);
        b->len += W->nalen;
        return 0;
    }
    if (c->type != LT_STR && reserve(b, 64))
        return -1;
    char *o = b->p + b->len;
    switch (c->type) {
    case LT_STR: {
        size_t n;
        const char *s = lt_dict_str(c->dict, lt_col_codes(c)[i], &n);
        return put_text(b, W, s, n);
    }
    case LT_F64: {
        size_t n = lt_num_format_f64(lt_col_f64(c)[i], o);
        if (W->decimal == ',') {
            char *dot = memchr(o, '.', n);
            if (dot)
                *dot = ',';
        }
        b->len += n;
        break;
    }
    case LT_I64:
        b->len += lt_num_format_i64(lt_col_i64(c)[i], o);
        break;
    case LT_BOOL:
        memcpy(o, lt_col_bool(c)[i] ? "true" : "false", 5);
        b->len += lt_col_bool(c)[i] ? 4 : 5;
        break;
    case LT_TIME:
        b->len += lt_time_format(lt_col_i64(c)[i], c->tkind, o, 64);
        break;
    }
    return 0;
}

static int put_row_end(wbuf *b, char c)
{
    if (reserve(b, 1))
        return -1;
    b->p[b->len++] = c;
    return 0;
}

/* Rows [r0, r1) into b (emptied first). */
static int format_rows(const writer *W, int64_t r0, int64_t r1, wbuf *b)
{
    const lt_frame *f = W->f;
    b->len = 0;
    for (int64_t r = r0; r < r1; r++) {
        for (int j = 0; j < f->ncol; j++) {
            if ((j && put_row_end(b, W->sep)) || put_value(b, W, f->cols[j], r))
                return -1;
        }
        if (put_row_end(b, '\n'))
            return -1;
    }
    return 0;
}

static int format_header(const writer *W, wbuf *b)
{
    const lt_frame *f = W->f;
    for (int j = 0; j < f->ncol; j++)
        if ((j && put_row_end(b, W->sep)) || put_text(b, W, f->names[j], strlen(f->names[j])))
            return -1;
    return put_row_end(b, '\n');
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Create a new file next to `path` (same directory, so rename is atomic)
 * with the mode a plain open would give (mkstemp's 0600 would stick to
 * the target after the rename).  The name goes to *tmp (caller frees). */
static int open_temp(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(path) + 32;
    char *name = malloc(n);
    if (!name)
        return lt_nomem();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)getpid() << 32 ^
                 (uint64_t)(uintptr_t)name;
    for (int tries = 0; tries < 100; tries++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        snprintf(name, n, "%.*s.%s.%06x.tmp", (int)dirlen, path, base,
                 (unsigned)(x & 0xffffff));
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = name;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int err = errno;
    free(name);
    return lt_seterr(LT_EIO, "cannot write '%s': %s", path, strerror(err));
}

/* Format and write the rows.  The calling thread (OpenMP's master, so that
 * progress is reported from it) hands the blocks of batch b to the other
 * threads as tasks and writes batch b-1 meanwhile, then helps with the
 * rest of batch b.  0, LT_ENOMEM, LT_ECANCELED, or LT_EIO with *err set
 * to errno. */
static int write_rows(const writer *W, int fd, const lt_csv_write_opts *o, int nt, int *err)
{
    const lt_frame *f = W->f;
    int64_t per_block = (1 << 20) / (16 * (int64_t)f->ncol + 1) + 1;
    int64_t nblocks = (f->nrow + per_block - 1) / per_block;
    int batch = 2 * nt;
    wbuf *bufs = calloc(2 * (size_t)batch, sizeof *bufs);
    if (!bufs)
        return LT_ENOMEM;
    int rc = 0, failed = 0;
    #pragma omp parallel num_threads(nt)
    #pragma omp master
    for (int64_t b0 = 0; b0 < nblocks + batch && !rc; b0 += batch) {
        wbuf *cur = bufs + (b0 / batch % 2) * batch, *prev = bufs + (b0 / batch + 1) % 2 * batch;
        for (int64_t k = b0; k < b0 + batch && k < nblocks; k++) {
            #pragma omp task
            {
                int64_t r1 = (k + 1) * per_block < f->nrow ? (k + 1) * per_block : f->nrow;
                if (format_rows(W, k * per_block, r1, &cur[k - b0])) {
                    #pragma omp atomic write
                    failed = 1;
                }
            }
        }
        for (int64_t k = b0 - batch; k >= 0 && k < b0 && k < nblocks && !rc; k++)
            if (write_all(fd, prev[k - b0 + batch].p, prev[k - b0 + batch].len)) {
                *err = errno;
                rc = LT_EIO;
            }
        if (!rc && b0 > 0 &&
            lt_progress_tick(o->progress, b0 < nblocks ? (double)b0 / (double)nblocks : 1.0))
            rc = LT_ECANCELED;
        #pragma omp taskwait
        int bad;
        #pragma omp atomic read
        bad = failed;
        if (bad && !rc)
            rc = LT_ENOMEM;
    }
    for (int k = 0; k < 2 * batch; k++)
        free(bufs[k].p);
    free(bufs);
    return rc;
}

int lt_csv_write(const lt_frame *f, const char *path, const lt_csv_write_opts *o)
{
    lt_csv_write_opts def;
    if (!o) {
        lt_csv_write_opts_init(&def);
        o = &def;
    }
    if (o->sep == '"' || o->sep == '\n' || o->sep == '\r' || o->sep == '\0')
        return lt_seterr(LT_EINVAL, "sep cannot be a quote, a line end or NUL");
    char decimal = o->decimal ? o->decimal : '.';
    if (decimal != '.' && decimal != ',')
        return lt_seterr(LT_EINVAL, "decimal must be '.' or ',', not '%c'", decimal);
    if (decimal == ',' && o->sep == ',')
        return lt_seterr(LT_EINVAL, "decimal ',' needs another separator than ','");
    writer W = {f, o->sep, o->na ? o->na : "", 0, decimal, {false}};
    W.nalen = strlen(W.na);
    W.special[(unsigned char)o->sep] = W.special['"'] = W.special['\n'] = W.special['\r'] = true;
    for (size_t i = 0; i < W.nalen; i++)
        if (W.special[(unsigned char)W.na[i]])
            return lt_seterr(LT_EINVAL, "na = \"%s\" holds the separator, a quote or a line "
                             "end, so it would not read back as missing", W.na);
    char *tmp = NULL;
    int fd = open_temp(path, &tmp);
    if (fd < 0)
        return fd;
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
    int rc = 0, err = 0;
    wbuf head = {0};
    if (o->header && f->ncol > 0) {
        if (format_header(&W, &head))
            rc = LT_ENOMEM;
        else if (write_all(fd, head.p, head.len))
            err = errno;
        free(head.p);
    }
    if (!rc && !err) {
        rc = write_rows(&W, fd, o, nt, &err);
        if (rc == LT_EIO)
            rc = 0;  /* reported below with the file name */
    }
    if (!rc && !err && o->fsync && fsync(fd) < 0)
        err = errno;
    if (close(fd) < 0 && !rc && !err)
        err = errno;
    if (!rc && !err && rename(tmp, path) < 0)
        err = errno;
    if (rc == LT_ENOMEM)
        lt_nomem();
    else if (rc == LT_ECANCELED)
        lt_seterr(LT_ECANCELED, "writing '%s' cancelled", path);
    else if (err)
        rc = lt_seterr(LT_EIO, "cannot write '%s': %s", path, strerror(err));
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}
