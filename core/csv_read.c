/* CSV reader (format rules in csv.h).
 *
 * The file is mapped (or read, when it is not a regular file) and the data
 * rows are cut into chunks of whole rows.  Chunks are parsed in parallel
 * (pass 1), each into typed buffers that carry their own per-column type
 * state (none -> i64 -> f64, date -> datetime, anything -> str) and their
 * own string tables.  A chunk's start is guessed (a line start after which
 * a few rows have the right field count) and confirmed afterwards: chunk k
 * is right when chunk k-1 ended exactly there, else it is parsed again
 * from the true position.  The column types are then the join of the
 * chunks' states; a chunk whose values cannot be converted without their
 * text (anything turning into str) parses those columns again with the
 * final type (pass 2).  Finally the chunks are concatenated column by
 * column, string tables merged into one dictionary in order of first
 * appearance, so the result does not depend on the chunking or the number
 * of threads.  No per-field offsets are kept, and mapped pages are dropped
 * once parsed, so memory stays close to the size of the columns. */
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "numparse.h"
#include "timefmt.h"

const char *const lt_csv_na_default[LT_CSV_NA_DEFAULT_N] = {
    "", "NA", "N/A", "null", "NaN",
};

void lt_csv_opts_init(lt_csv_opts *o)
{
    memset(o, 0, sizeof *o);
    o->header = true;
    o->nrows = -1;
    o->parse_times = true;
    o->decimal = '.';
}

/* Free a buffer of n bytes and hand its whole pages back to the system
 * at once.  The chunks' buffers are freed while the final columns are
 * built; the allocator would keep their pages for reuse that never comes,
 * and a load would peak at twice the size of the data. */
static void release(void *p, size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (p && n >= 4 * page) {
        uintptr_t a = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
        uintptr_t b = ((uintptr_t)p + n) & ~(uintptr_t)(page - 1);
        madvise((void *)a, b - a, MADV_DONTNEED);
    }
    free(p);
}

/* ---- per-chunk string tables ------------------------------------------- */

/* An insertion-ordered set of byte strings: codes are entry indexes. */
typedef struct sentry {
    uint64_t off;
    uint32_t len;
    uint32_t hash;
} sentry;

typedef struct strtab {
    uint32_t *slot;   /* entry index + 1; 0 = empty */
    uint32_t mask;
    uint32_t n, ecap;
    sentry *e;
    char *arena;
    size_t alen, acap;
} strtab;

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        for (size_t i = 0; i < n; i++)
            w |= (uint64_t)(unsigned char)s[i] << (8 * i);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

static strtab *strtab_new(void)
{
    strtab *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->mask = 15;
    t->slot = calloc(16, sizeof *t->slot);
    if (!t->slot) {
        free(t);
        return NULL;
    }
    return t;
}

static void strtab_free(strtab *t)
{
    if (!t)
        return;
    release(t->slot, ((size_t)t->mask + 1) * sizeof *t->slot);
    release(t->e, (size_t)t->ecap * sizeof *t->e);
    release(t->arena, t->acap);
    free(t);
}

static int strtab_rehash(strtab *t)
{
    uint32_t mask = t->mask * 2 + 1;
    uint32_t *slot = calloc((size_t)mask + 1, sizeof *slot);
    if (!slot)
        return -1;
    for (uint32_t k = 0; k < t->n; k++) {
        uint32_t i = t->e[k].hash & mask;
        while (slot[i])
            i = (i + 1) & mask;
        slot[i] = k + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->mask = mask;
    return 0;
}

/* Code of s, added when absent (*isnew then true); -1 when out of memory. */
static int32_t strtab_intern(strtab *t, const char *s, size_t len, bool *isnew)
{
    uint32_t h = hash_bytes(s, len);
    uint32_t i = h & t->mask;
    for (uint32_t v; (v = t->slot[i]); i = (i + 1) & t->mask) {
        const sentry *e = &t->e[v - 1];
        if (e->hash == h && e->len == len
            && (len == 0 || memcmp(t->arena + e->off, s, len) == 0)) {
            *isnew = false;
            return (int32_t)(v - 1);
        }
    }
    if (t->n >= INT32_MAX - 1 || len > UINT32_MAX)
        return -1;
    if ((uint64_t)(t->n + 1) * 2 > t->mask) {
        if (strtab_rehash(t))
            return -1;
        for (i = h & t->mask; t->slot[i]; i = (i + 1) & t->mask)
            ;
    }
    if (t->n == t->ecap) {
        uint32_t cap = t->ecap ? t->ecap * 2 : 16;
        sentry *e = realloc(t->e, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        t->e = e;
        t->ecap = cap;
    }
    if (t->alen + len > t->acap) {
        size_t cap = t->acap ? t->acap * 2 : 256;
        while (cap < t->alen + len)
            cap *= 2;
        char *a = realloc(t->arena, cap);
        if (!a)
            return -1;
        t->arena = a;
        t->acap = cap;
    }
    if (len)
        memcpy(t->arena + t->alen, s, len);
    t->e[t->n] = (sentry){t->alen, (uint32_t)len, h};
    t->alen += len;
    t->slot[i] = ++t->n;
    *isnew = true;
    return (int32_t)(t->n - 1);
}

/* ---- UTF-8 ------------------------------------------------------------- */

enum { E_NONE, E_RAGGED, E_QUOTE, E_UTF8, E_NUL, E_TYPE, E_NOMEM, E_CHANGED };

/* E_NONE when s is UTF-8 without NUL bytes (dictionary strings are
 * NUL-terminated), else E_UTF8 or E_NUL. */
static int check_text(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
            if (!(w & 0x8080808080808080ULL) && !zero) {
                i += 8;
                continue;
            }
        }
        unsigned c = s[i];
        if (c == 0)
            return E_NUL;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;  /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;              /* overlong */
            else if (c == 0xED)
                hi = 0x9F;              /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;              /* overlong */
            else if (c == 0xF4)
                hi = 0x8F;              /* above U+10FFFF */
        } else {
            return E_UTF8;
        }
        if (i + need >= n || s[i + 1] < lo || s[i + 1] > hi)
            return E_UTF8;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return E_UTF8;
        i += need + 1;
    }
    return E_NONE;
}

/* ---- tokens ------------------------------------------------------------ */

enum { T_SEP, T_EOL, T_EOF, T_BADQ };

/* One field.  For a quoted field s points after the opening quote; when
 * esc is set the text still holds doubled quotes or text after the
 * closing quote (len then covers the closing quote too), else len stops
 * before the closing quote. */
typedef struct tok {
    const char *s;
    size_t len;
    bool quoted, esc;
} tok;

static int64_t count_nl(const char *p, const char *e)
{
    int64_t n = 0;
    while ((p = memchr(p, '\n', (size_t)(e - p)))) {
        n++;
        p++;
    }
    return n;
}

/* Scan the field at p: fill t, set *pp past its terminator, add the
 * newlines inside quotes to *nl (not the terminating one) and return the
 * terminator.  A CR before LF (or at the end of the data) belongs to the
 * line end, not to the field. */
static inline int next_field(const char *p, const char *end, char sep, tok *t,
                             const char **pp, int64_t *nl)
{
    const char *q, *r;
    if (p < end && *p == '"') {
        t->quoted = true;
        t->esc = false;
        t->s = q = p + 1;
        for (;;) {
            const char *c = memchr(q, '"', (size_t)(end - q));
            if (!c) {
                *pp = end;
                return T_BADQ;
            }
            *nl += count_nl(q, c);
            if (c + 1 < end && c[1] == '"') {
                t->esc = true;
                q = c + 2;
                continue;
            }
            q = c;
            break;
        }
        r = q + 1;
        if (r < end && *r != sep && *r != '\n' &&
            !(*r == '\r' && (r + 1 == end || r[1] == '\n'))) {
            /* text after the closing quote is kept, as pandas does */
            t->esc = true;
            while (r < end && *r != sep && *r != '\n')
                r++;
            q = r;
            if (q[-1] == '\r' && (r == end || *r == '\n'))
                q--;
        } else if (t->esc) {
            q++;
        }
        t->len = (size_t)(q - t->s);
        if (r < end && *r == '\r')
            r++;
    } else {
        q = p;
        while (q < end && *q != sep && *q != '\n')
            q++;
        t->quoted = t->esc = false;
        t->s = p;
        r = q;
        if (q > p && q[-1] == '\r' && (q == end || *q == '\n'))
            q--;
        t->len = (size_t)(q - p);
    }
    if (r == end) {
        *pp = end;
        return T_EOF;
    }
    *pp = r + 1;
    return *r == sep ? T_SEP : T_EOL;
}

/* The text of an escaped quoted token into buf (t->len bytes suffice). */
static size_t unescape(const tok *t, char *buf)
{
    size_t n = 0;
    bool inq = true;
    for (size_t i = 0; i < t->len; i++) {
        char c = t->s[i];
        if (inq && c == '"') {
            if (i + 1 < t->len && t->s[i + 1] == '"') {
                buf[n++] = '"';
                i++;
            } else {
                inq = false;
            }
        } else {
            buf[n++] = c;
        }
    }
    return n;
}

static inline bool is_blank_line(const char *p, const char *end)
{
    return *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'));
}

static inline const char *skip_blank_line(const char *p, const char *end)
{
    return *p == '\n' || p + 1 == end ? p + 1 : p + 2;
}

/* Fields in the row at p, *pp set past it; -1 on an unterminated quote. */
static int row_fields(const char *p, const char *end, char sep, const char **pp, int64_t *nl)
{
    tok t;
    int n = 0, term;
    do {
        term = next_field(p, end, sep, &t, &p, nl);
        if (term == T_BADQ)
            return -1;
        n++;
    } while (term == T_SEP);
    if (term == T_EOL)
        ++*nl;
    *pp = p;
    return n;
}

/* ---- reader state -------------------------------------------------------- */

/* Type states; inference only moves up the lattice of join(). */
enum { ST_NONE, ST_BOOL, ST_I64, ST_F64, ST_DATE, ST_DT, ST_STR };
/* What a chunk does with a column. */
enum { M_SKIP, M_INFER, M_FIXED };
typedef struct colspec {
    char *name;
    bool active;        /* selected by opts.columns */
    int forced;         /* ST_* or -1 */
    bool strict_date;   /* forced LT_DATE: datetimes only at midnight */
    int final;          /* type once pass 1 is done */
} colspec;

/* One column of one chunk. */
typedef struct cbuf {
    uint8_t mode, st;
    bool redo;          /* st is str, but the values must be read again */
    bool qempty;        /* a quoted empty field was stored as missing */
    bool strict;
    void *data;         /* f64/i64/time: 8 bytes, str codes: 4, bool: 1 */
    uint8_t *na;        /* bit set = missing (not for f64/str); NULL = none */
    strtab *dict;
} cbuf;

typedef struct cerr {
    int kind;
    int64_t line;       /* newlines in the chunk before the error */
    int col, nfield;
    char val[48];
} cerr;

typedef struct chunk {
    const char *start, *limit, *end;
    int64_t nrow, cap, maxrows, nlines;
    cbuf *cb;           /* one per column of the file */
    char *scratch;
    size_t scap;
    cerr err;
} chunk;

typedef struct natok {
    const char *s;
    size_t len;
} natok;

typedef struct reader {
    const char *name;
    const char *end;
    char sep;
    int ncol;
    colspec *cols;
    natok na[64];
    int nna;
    uint32_t na_lens;   /* bit n set: an NA token of length n (31: longer) */
    bool parse_bool, parse_times;
    char decimal;       /* '.' or ',' */
    int64_t row_bytes;  /* estimated bytes per row */
} reader;

static size_t st_size(int st)
{
    switch (st) {
    case ST_NONE: return 0;
    case ST_BOOL: return 1;
    case ST_STR: return 4;
    default: return 8;
    }
}

/* The least state holding both: numbers widen to f64, dates to
 * datetimes, any other mix is a string. */
static int join(int a, int b)
{
    if (a == b || b == ST_NONE)
        return a;
    if (a == ST_NONE)
        return b;
    if ((a == ST_I64 && b == ST_F64) || (a == ST_F64 && b == ST_I64))
        return ST_F64;
    if ((a == ST_DATE && b == ST_DT) || (a == ST_DT && b == ST_DATE))
        return ST_DT;
    return ST_STR;
}

static int chunk_err(chunk *C, int kind, int64_t line, int col, const char *v, size_t n)
{
    C->err.kind = kind;
    C->err.line = line;
    C->err.col = col;
    n = n < sizeof C->err.val ? n : sizeof C->err.val - 1;
    if (v)
        memcpy(C->err.val, v, n);
    C->err.val[v ? n : 0] = '\0';
    return -1;
}

static int nomem_err(chunk *C)
{
    return chunk_err(C, E_NOMEM, 0, 0, NULL, 0);
}

/* Free b's buffers, which hold room for cap rows. */
static void cbuf_clear(cbuf *b, int64_t cap)
{
    release(b->data, (size_t)cap * st_size(b->st));
    release(b->na, (size_t)(cap + 7) / 8);
    strtab_free(b->dict);
    b->data = NULL;
    b->na = NULL;
    b->dict = NULL;
}

static void chunk_clear(chunk *C, int ncol)
{
    if (C->cb)
        for (int j = 0; j < ncol; j++)
            cbuf_clear(&C->cb[j], C->cap);
    free(C->cb);
    free(C->scratch);
    C->cb = NULL;
    C->scratch = NULL;
    C->scap = 0;
}

static inline bool na_bit(const uint8_t *na, int64_t i)
{
    return na && (na[i >> 3] >> (i & 7)) & 1;
}

/* Room for more rows in every buffer of C. */
static int grow(chunk *C, int ncol)
{
    int64_t cap = C->cap + C->cap / 2 + 64;
    if (cap > C->maxrows)
        cap = C->maxrows;
    for (int j = 0; j < ncol; j++) {
        cbuf *b = &C->cb[j];
        if (b->mode == M_SKIP)
            continue;
        if (b->data) {
            void *d = realloc(b->data, (size_t)cap * st_size(b->st));
            if (!d)
                return nomem_err(C);
            b->data = d;
        }
        if (b->na) {
            size_t ob = (size_t)(C->cap + 7) / 8, nb = (size_t)(cap + 7) / 8;
            uint8_t *na = realloc(b->na, nb);
            if (!na)
                return nomem_err(C);
            memset(na + ob, 0, nb - ob);
            b->na = na;
        }
    }
    C->cap = cap;
    return 0;
}

static int set_na(chunk *C, cbuf *b, int64_t row)
{
    switch (b->st) {
    case ST_NONE:
        return 0;
    case ST_F64:
        ((double *)b->data)[row] = NAN;
        return 0;
    case ST_STR:
        if (!b->redo)
            ((int32_t *)b->data)[row] = -1;
        return 0;
    default:
        if (!b->na && !(b->na = calloc((size_t)(C->cap + 7) / 8, 1)))
            return nomem_err(C);
        b->na[row >> 3] |= (uint8_t)(1u << (row & 7));
        memset((char *)b->data + row * st_size(b->st), 0, st_size(b->st));
        return 0;
    }
}

/* Leave ST_NONE for st at `row`: rows before it are missing. */
static int begin(chunk *C, cbuf *b, int st, int64_t row)
{
    size_t cap = (size_t)(C->cap ? C->cap : 1);
    b->st = (uint8_t)st;
    if (!(b->data = malloc(cap * st_size(st))))
        return nomem_err(C);
    if (st == ST_STR && !(b->dict = strtab_new()))
        return nomem_err(C);
    for (int64_t i = 0; i < row; i++)
        if (set_na(C, b, i))
            return -1;
    return 0;
}

/* i64 values so far become doubles (missing ones NaN). */
static void to_f64(cbuf *b, int64_t row)
{
    char *d = b->data;
    for (int64_t i = 0; i < row; i++) {
        int64_t v;
        memcpy(&v, d + 8 * i, 8);
        double x = na_bit(b->na, i) ? NAN : (double)v;
        memcpy(d + 8 * i, &x, 8);
    }
    free(b->na);
    b->na = NULL;
    b->st = ST_F64;
}

/* The column turns into strings: its values are read again in pass 2;
 * meanwhile only their text is checked, so that errors come in file
 * order whatever the chunking. */
static int to_str(chunk *C, cbuf *b, int j, const char *s, size_t n, int64_t line)
{
    cbuf_clear(b, C->cap);
    b->st = ST_STR;
    b->redo = true;
    int e = check_text(s, n);
    return e ? chunk_err(C, e, line, j, NULL, 0) : 0;
}

static int put_str(chunk *C, cbuf *b, int j, int64_t row, const char *s, size_t n,
                   int64_t line)
{
    bool isnew;
    int32_t code = strtab_intern(b->dict, s, n, &isnew);
    if (code < 0)
        return nomem_err(C);
    int e = isnew ? check_text(s, n) : E_NONE;
    if (e)
        return chunk_err(C, e, line, j, NULL, 0);
    ((int32_t *)b->data)[row] = code;
    return 0;
}

static inline void trim(char sep, const char **s, size_t *n)
{
    const char *p = *s, *e = p + *n;
    while (p < e && (*p == ' ' || (*p == '\t' && sep != '\t')))
        p++;
    while (e > p && (e[-1] == ' ' || (e[-1] == '\t' && sep != '\t')))
        e--;
    *s = p;
    *n = (size_t)(e - p);
}

static inline bool is_na(const reader *R, const char *s, size_t n)
{
    if (!((R->na_lens >> (n < 31 ? n : 31)) & 1))
        return false;
    for (int i = 0; i < R->nna; i++)
        if (R->na[i].len == n && memcmp(R->na[i].s, s, n) == 0)
            return true;
    return false;
}

static bool word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* 1/0 for true/yes and false/no (any case), also "1"/"0" when forced;
 * -1 otherwise. */
static int parse_bool(const char *s, size_t n, bool forced)
{
    if (word(s, n, "true") || word(s, n, "yes") || (forced && n == 1 && *s == '1'))
        return 1;
    if (word(s, n, "false") || word(s, n, "no") || (forced && n == 1 && *s == '0'))
        return 0;
    return -1;
}

static bool parse_time(const char *s, size_t n, int64_t *us, lt_time_kind *k)
{
    if (n < 10 || (unsigned)s[0] - '0' > 9 || (unsigned)s[3] - '0' > 9 || s[4] != '-')
        return false;
    return lt_time_parse(s, n, us, k) == 0;
}

/* First value of a column that was all missing so far in this chunk. */
static int put_first(const reader *R, chunk *C, cbuf *b, int j, const char *s, size_t n,
                     const char *v, size_t vn, int64_t line)
{
    int64_t row = C->nrow, iv = 0;
    double d = 0;
    int bv = 0, st;
    lt_time_kind k;
    if (lt_num_parse_i64(v, vn, &iv) == 1)
        st = ST_I64;
    else if (lt_num_parse_f64(v, vn, &d))
        st = ST_F64;
    else if (R->parse_bool && (bv = parse_bool(v, vn, false)) >= 0)
        st = ST_BOOL;
    else if (R->parse_times && parse_time(v, vn, &iv, &k))
        st = k == LT_DATE ? ST_DATE : ST_DT;
    else if (b->qempty)  /* earlier quoted empties were strings after all */
        return to_str(C, b, j, s, n, line);
    else
        st = ST_STR;
    if (begin(C, b, st, row))
        return -1;
    switch (st) {
    case ST_F64: ((double *)b->data)[row] = d; return 0;
    case ST_BOOL: ((uint8_t *)b->data)[row] = (uint8_t)bv; return 0;
    case ST_STR: return put_str(C, b, j, row, s, n, line);
    default: ((int64_t *)b->data)[row] = iv; return 0;
    }
}

/* Store field t as the current row of column j of C, changing the
 * column's state when the value does not fit it.  0, or -1 with C->err
 * set.  `line` is the chunk-relative line of the field. */
static int put(const reader *R, chunk *C, int j, const tok *t, int64_t line)
{
    cbuf *b = &C->cb[j];
    int64_t row = C->nrow, iv;
    const char *s = t->s;
    size_t n = t->len;
    if (t->esc) {
        if (n > C->scap) {
            size_t cap = n > 256 ? n : 256;
            char *sc = realloc(C->scratch, cap);
            if (!sc)
                return nomem_err(C);
            C->scratch = sc;
            C->scap = cap;
        }
        n = unescape(t, C->scratch);
        s = C->scratch;
    }
    /* strings keep their text; every other reading ignores outer blanks */
    const char *v = s;
    size_t vn = n;
    if (!t->quoted) {
        if (vn && (*v == ' ' || *v == '\t' || v[vn - 1] == ' ' || v[vn - 1] == '\t'))
            trim(R->sep, &v, &vn);
        if (is_na(R, v, vn))
            return set_na(C, b, row);
    } else if (n == 0 && b->st != ST_STR) {
        b->qempty = true;
        return set_na(C, b, row);
    }
    /* With a decimal comma, numbers are read from a copy with '.'; a field
     * holding both marks (1.234,5) or too long for a number stays text. */
    const char *shown = v;   /* the field as written, for messages */
    size_t shown_n = vn;
    char decimal_copy[64];
    if (R->decimal == ',' && vn < sizeof decimal_copy && memchr(v, ',', vn)
        && !memchr(v, '.', vn)) {
        for (size_t i = 0; i < vn; i++)
            decimal_copy[i] = v[i] == ',' ? '.' : v[i];
        v = decimal_copy;
    }
    if (b->redo) {
        int e = check_text(s, n);
        return e ? chunk_err(C, e, line, j, NULL, 0) : 0;
    }
    double d;
    lt_time_kind k;
    int bv;
    switch (b->st) {
    case ST_STR:
        return put_str(C, b, j, row, s, n, line);
    case ST_F64:
        if (lt_num_parse_f64(v, vn, &d)) {
            ((double *)b->data)[row] = d;
            return 0;
        }
        break;
    case ST_I64:
        if (lt_num_parse_i64(v, vn, &iv) == 1) {
            ((int64_t *)b->data)[row] = iv;
            return 0;
        }
        if (b->mode == M_INFER && lt_num_parse_f64(v, vn, &d)) {
            to_f64(b, row);
            ((double *)b->data)[row] = d;
            return 0;
        }
        break;
    case ST_DATE:
    case ST_DT:
        if (parse_time(v, vn, &iv, &k)) {
            if (k == LT_DATETIME && b->st == ST_DATE) {
                if (b->strict && iv % LT_US_PER_DAY != 0)
                    break;
                if (!b->strict)
                    b->st = ST_DT;
            }
            ((int64_t *)b->data)[row] = iv;
            return 0;
        }
        break;
    case ST_BOOL:
        if ((bv = parse_bool(v, vn, b->mode == M_FIXED)) >= 0) {
            ((uint8_t *)b->data)[row] = (uint8_t)bv;
            return 0;
        }
        break;
    default:
        return put_first(R, C, b, j, s, n, v, vn, line);
    }
    if (b->mode == M_FIXED)
        return chunk_err(C, E_TYPE, line, j, shown, shown_n);
    return to_str(C, b, j, s, n, line);
}

/* Parse the rows of C from C->start until a row starts at or after
 * C->limit, the data ends, or C->maxrows rows are read; C->end is where
 * parsing stopped.  On error C->err is set. */
static void parse_chunk(const reader *R, chunk *C)
{
    const char *p = C->start, *end = R->end;
    const char sep = R->sep;
    const int ncol = R->ncol;
    while (p < C->limit && C->nrow < C->maxrows) {
        if (ncol > 1 && is_blank_line(p, end)) {
            p = skip_blank_line(p, end);
            C->nlines++;
            continue;
        }
        if (C->nrow == C->cap && grow(C, ncol))
            break;
        int64_t rowline = C->nlines;
        int j = 0, term;
        do {
            tok t;
            int64_t fline = C->nlines;
            term = next_field(p, end, sep, &t, &p, &C->nlines);
            if (term == T_BADQ) {
                chunk_err(C, E_QUOTE, fline, j, NULL, 0);
                break;
            }
            if (j < ncol && C->cb[j].mode != M_SKIP && put(R, C, j, &t, fline))
                break;
            j++;
        } while (term == T_SEP);
        if (C->err.kind)
            break;
        if (term == T_EOL)
            C->nlines++;
        if (j != ncol) {
            chunk_err(C, E_RAGGED, rowline, 0, NULL, 0);
            C->err.nfield = j;
            break;
        }
        C->nrow++;
    }
    C->end = p;
}

/* Set up C for pass 1 from `start`: every selected column inferred or
 * forced, room for an estimated number of rows. */
static int chunk_init(const reader *R, chunk *C, const char *start, int64_t maxrows)
{
    int ncol = R->ncol;
    chunk_clear(C, ncol);
    memset(&C->err, 0, sizeof C->err);
    C->start = start;
    C->nrow = C->nlines = 0;
    C->maxrows = maxrows;
    /* a chunk re-parsed from where its predecessor ended may start at or
     * past its limit: it then holds no rows */
    int64_t est = C->limit > start ? (C->limit - start) / R->row_bytes : 0;
    est += est / 8 + 16;
    C->cap = est < maxrows ? est : maxrows;
    if (!(C->cb = calloc((size_t)ncol, sizeof *C->cb)))
        return nomem_err(C);
    for (int j = 0; j < ncol; j++) {
        const colspec *cs = &R->cols[j];
        cbuf *b = &C->cb[j];
        if (!cs->active)
            continue;
        b->mode = cs->forced >= 0 ? M_FIXED : M_INFER;
        b->strict = cs->strict_date;
        if (cs->forced >= 0 && begin(C, b, cs->forced, 0))
            return -1;
    }
    return 0;
}

/* Pass 2 for C: the columns whose values cannot become the final type
 * without their text are read again, straight into the final type.
 * Returns 1 when there was nothing to do, else 0 or -1 on error. */
static int chunk_redo(const reader *R, chunk *C)
{
    int ncol = R->ncol, reparse = 0;
    int64_t nrow = C->nrow, oldcap = C->cap;
    for (int j = 0; j < ncol; j++) {
        cbuf *b = &C->cb[j];
        int f = R->cols[j].final;
        bool keep = !b->redo &&
                    (b->st == f || (b->st == ST_I64 && f == ST_F64) ||
                     (b->st == ST_DATE && f == ST_DT) ||
                     (b->st == ST_NONE && !(f == ST_STR && b->qempty)));
        b->mode = M_SKIP;
        if (!R->cols[j].active || keep)
            continue;
        reparse = 1;
        cbuf_clear(b, oldcap);
        b->mode = M_FIXED;
        b->redo = b->qempty = b->strict = false;
        C->cap = nrow;
        if (begin(C, b, f, 0))
            return -1;
    }
    if (!reparse)
        return 1;
    C->limit = C->end;
    C->maxrows = nrow;
    C->nrow = C->nlines = 0;
    parse_chunk(R, C);
    if (!C->err.kind && C->nrow != nrow)
        chunk_err(C, E_CHANGED, 0, 0, NULL, 0);
    return C->err.kind ? -1 : 0;
}

/* ---- layout: separator, header, chunks --------------------------------- */

/* The separator among , \t ; | that splits the first rows into the same
 * number (> 1) of fields, the most fields winning; ',' when none does.
 * With a decimal comma ',' is no candidate and ';' the default. */
static char sniff_sep(const char *p, const char *end, char decimal)
{
    static const char cand[] = {',', '\t', ';', '|'};
    const char *lim = end - p > 65536 ? p + 65536 : end;
    char best = decimal == ',' ? ';' : ',';
    int bestn = 1;
    for (int c = decimal == ',' ? 1 : 0; c < 4; c++) {
        const char *q = p;
        int want = -1, rows = 0;
        int64_t nl = 0;
        while (q < lim && rows < 50) {
            if (is_blank_line(q, end)) {
                q = skip_blank_line(q, end);
                continue;
            }
            int n = row_fields(q, end, cand[c], &q, &nl);
            if (n < 0 || (want >= 0 && n != want)) {
                want = -1;
                break;
            }
            want = n;
            rows++;
        }
        if (want > bestn) {
            best = cand[c];
            bestn = want;
        }
    }
    return best;
}

/* Bytes per row over the first rows, to size the chunks' buffers. */
static int64_t estimate_row_bytes(const reader *R, const char *p)
{
    const char *q = p;
    int64_t nl = 0, rows = 0;
    while (q < R->end && rows < 1000) {
        if (row_fields(q, R->end, R->sep, &q, &nl) < 0)
            break;
        rows++;
    }
    int64_t b = rows ? (q - p) / rows : 64;
    return b > 0 ? b : 1;
}

/* A row start at or after p0: the first line start after which a few rows
 * have the right number of fields (a line start inside a quoted field
 * rarely passes), else the first line start.  The caller checks it. */
static const char *find_row_start(const reader *R, const char *p0)
{
    const char *end = R->end, *first = NULL, *p = p0;
    for (int tries = 0; tries < 32; tries++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            return first ? first : end;
        p++;
        if (!first)
            first = p;
        const char *q = p;
        bool good = true;
        int64_t nl = 0;
        for (int r = 0; r < 4 && q < end && good; r++) {
            if (is_blank_line(q, end)) {
                q = skip_blank_line(q, end);
                continue;
            }
            good = row_fields(q, end, R->sep, &q, &nl) == R->ncol;
        }
        if (good)
            return p;
    }
    return first;
}

/* ---- assembly ------------------------------------------------------------ */

static lt_type lt_type_of(int st)
{
    switch (st) {
    case ST_BOOL: return LT_BOOL;
    case ST_I64: return LT_I64;
    case ST_DATE:
    case ST_DT: return LT_TIME;
    case ST_STR: return LT_STR;
    default: return LT_F64;
    }
}

/* Mark rows [off, off+n) of c missing where na says so (all when all). */
static int mark_na(lt_col *c, int64_t off, const uint8_t *na, int64_t n, bool all)
{
    for (int64_t i = 0; i < n; i++)
        if ((all || na_bit(na, i)) && lt_col_set_na(c, off + i))
            return -1;
    return 0;
}

/* Concatenate column j of every chunk into one column, freeing the
 * chunks' buffers on the way.  NULL when out of memory. */
static lt_col *assemble(const reader *R, chunk *ch, int nch, int j, int64_t total)
{
    int f = R->cols[j].final;
    lt_col *c;
    lt_dict *dict = NULL;
    if (f == ST_STR) {
        if (!(dict = lt_dict_new()))
            return NULL;
        c = lt_col_new_str(total, dict);
        lt_dict_unref(dict);
    } else {
        c = lt_col_new(lt_type_of(f), total);
    }
    if (!c)
        return NULL;
    if (f == ST_DATE || f == ST_DT)
        c->tkind = f == ST_DATE ? LT_DATE : LT_DATETIME;
    int32_t *map = NULL;
    int64_t off = 0;
    for (int k = 0; k < nch; k++) {
        cbuf *b = &ch[k].cb[j];
        int64_t n = ch[k].nrow;
        if (b->st == ST_NONE) {
            if (f == ST_F64) {
                for (int64_t i = 0; i < n; i++)
                    lt_col_f64(c)[off + i] = NAN;
            } else if (mark_na(c, off, NULL, n, true)) {
                goto fail;
            }
        } else if (f == ST_F64 && b->st == ST_I64) {
            const int64_t *iv = b->data;
            for (int64_t i = 0; i < n; i++)
                lt_col_f64(c)[off + i] = na_bit(b->na, i) ? NAN : (double)iv[i];
        } else if (f == ST_STR) {
            strtab *t = b->dict;
            int32_t *m = realloc(map, (t->n ? t->n : 1) * sizeof *map);
            if (!m)
                goto fail;
            map = m;
            for (uint32_t e = 0; e < t->n; e++)
                if ((map[e] = lt_dict_intern(dict, t->arena + t->e[e].off, t->e[e].len)) < 0)
                    goto fail;
            const int32_t *codes = b->data;
            int32_t *out = lt_col_codes(c) + off;
            for (int64_t i = 0; i < n; i++) {
                if (codes[i] >= 0)
                    out[i] = map[codes[i]];
                else if (lt_col_set_na(c, off + i))
                    goto fail;
            }
        } else {
            memcpy((char *)c->data + off * st_size(f), b->data, (size_t)n * st_size(f));
            if (b->na && mark_na(c, off, b->na, n, false))
                goto fail;
        }
        cbuf_clear(b, ch[k].cap);
        off += n;
    }
    free(map);
    return lt_col_finish(c);
fail:
    free(map);
    lt_col_unref(c);
    return NULL;
}

/* ---- driver ---------------------------------------------------------------- */

typedef struct job {
    reader R;
    chunk *ch;
    int nch;
    int64_t base_line;  /* line number of the first data line */
    lt_progress *prog;
    bool mapped;
    size_t page;
} job;

static void reader_free(reader *R)
{
    if (R->cols)
        for (int j = 0; j < R->ncol; j++)
            free(R->cols[j].name);
    free(R->cols);
}

static void job_free(job *J)
{
    if (J->ch)
        for (int k = 0; k < J->nch; k++)
            chunk_clear(&J->ch[k], J->R.ncol);
    free(J->ch);
    reader_free(&J->R);
}

/* Give the parsed part of a mapped file back to the page cache: it counts
 * in our resident size otherwise, and is faulted in again if needed. */
static void drop_pages(const job *J, const chunk *C)
{
    if (!J->mapped)
        return;
    uintptr_t a = ((uintptr_t)C->start + J->page - 1) & ~(uintptr_t)(J->page - 1);
    uintptr_t b = (uintptr_t)C->end & ~(uintptr_t)(J->page - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

static const char *type_label(const colspec *cs)
{
    switch (cs->forced) {
    case ST_DATE: return cs->strict_date ? "date" : "time";
    case ST_DT: return "datetime";
    default: return lt_type_name(lt_type_of(cs->forced));
    }
}

/* Turn chunk k's error into lt_errmsg. */
static void report(const job *J, int k)
{
    const chunk *C = &J->ch[k];
    const reader *R = &J->R;
    int64_t line = J->base_line + C->err.line;
    for (int i = 0; i < k; i++)
        line += J->ch[i].nlines;
    const char *col = R->cols[C->err.col].name;
    switch (C->err.kind) {
    case E_RAGGED:
        lt_seterr(LT_EPARSE, "%s:%lld: row has %d fields, expected %d", R->name,
                  (long long)line, C->err.nfield, R->ncol);
        break;
    case E_QUOTE:
        lt_seterr(LT_EPARSE, "%s:%lld: unterminated quote (the quoted field starting "
                  "on this line never closes)", R->name, (long long)line);
        break;
    case E_UTF8:
        lt_seterr(LT_EPARSE, "%s:%lld: invalid UTF-8 in column '%s'", R->name,
                  (long long)line, col);
        break;
    case E_NUL:
        lt_seterr(LT_EPARSE, "%s:%lld: a NUL byte in column '%s' (lunette reads UTF-8 text; "
                  "is this file UTF-16 or binary?)", R->name, (long long)line, col);
        break;
    case E_TYPE:
        lt_seterr(LT_EPARSE, "%s:%lld: cannot read '%s' as %s in column '%s'", R->name,
                  (long long)line, C->err.val, type_label(&R->cols[C->err.col]), col);
        break;
    case E_CHANGED:
        lt_seterr(LT_EIO, "%s: the file changed while it was being read", R->name);
        break;
    default:
        lt_nomem();
        break;
    }
}

static bool tick(job *J, double frac)
{
    return lt_progress_tick(J->prog, frac) != 0;
}

static int cancelled(job *J)
{
    return lt_seterr(LT_ECANCELED, "%s: reading cancelled", J->R.name);
}

/* Pass 1, one chunk after the other on this thread: used for one thread
 * and for nrows (the parse stops after that many rows). */
static int pass1_serial(job *J, const char *data, int64_t chunk_bytes, int64_t maxrows)
{
    const char *pos = data, *end = J->R.end;
    int64_t total = 0;
    int k;
    for (k = 0; k < J->nch && pos < end && total < maxrows; k++) {
        chunk *C = &J->ch[k];
        const char *lim = data + (int64_t)(k + 1) * chunk_bytes;
        C->limit = k == J->nch - 1 || lim > end ? end : lim;
        if (C->limit < pos)
            C->limit = pos;
        if (chunk_init(&J->R, C, pos, maxrows - total))
            goto fail;
        parse_chunk(&J->R, C);
        if (C->err.kind)
            goto fail;
        drop_pages(J, C);
        pos = C->end;
        total += C->nrow;
        if (tick(J, 0.9 * (double)(pos - data) / (double)(end - data + 1))) {
            J->nch = k + 1;
            return cancelled(J);
        }
    }
    J->nch = k;
    return 0;
fail:
    J->nch = k + 1;
    report(J, k);
    return -1;
}

/* Pass 1 in parallel: guessed chunk starts, then the sequential check
 * that re-parses a chunk whose guessed start was wrong. */
static int pass1_parallel(job *J, const char *data, int64_t chunk_bytes, int nt)
{
    reader *R = &J->R;
    const char *end = R->end;
    int nch = 0;
    for (int k = 0; k < J->nch; k++) {
        const char *s = k == 0 ? data : find_row_start(R, data + (int64_t)k * chunk_bytes);
        if (k > 0 && (s <= J->ch[nch - 1].start || s >= end))
            continue;
        J->ch[nch++].start = s;
    }
    J->nch = nch;
    for (int k = 0; k < nch; k++)
        J->ch[k].limit = k + 1 < nch ? J->ch[k + 1].start : end;
    atomic_int stop = 0;
    atomic_llong done = 0;
    #pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
    for (int k = 0; k < nch; k++) {
        chunk *C = &J->ch[k];
        if (atomic_load(&stop))
            continue;
        if (!chunk_init(R, C, C->start, INT64_MAX))
            parse_chunk(R, C);
        drop_pages(J, C);
        long long d = atomic_fetch_add(&done, (long long)(C->limit - C->start));
        d += C->limit - C->start;
        if (omp_get_thread_num() == 0 && tick(J, 0.85 * (double)d / (double)(end - data + 1)))
            atomic_store(&stop, 1);
    }
    if (atomic_load(&stop))
        return cancelled(J);
    const char *pos = data;
    for (int k = 0; k < nch; k++) {
        chunk *C = &J->ch[k];
        if (C->start != pos) {
            if (!chunk_init(R, C, pos, INT64_MAX))
                parse_chunk(R, C);
            drop_pages(J, C);
            if (tick(J, 0.85 + 0.05 * (double)k / nch))
                return cancelled(J);
        }
        if (C->err.kind) {
            report(J, k);
            return -1;
        }
        pos = C->end;
    }
    return 0;
}

typedef struct job_col {
    int64_t cost;
    int col;
} job_col;

/* Larger cost first, then file order. */
static int by_cost(const void *a, const void *b)
{
    const job_col *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return x->col - y->col;
}

/* Final types, pass 2 and the frame. */
static lt_frame *finish(job *J, int nt)
{
    reader *R = &J->R;
    int64_t total = 0;
    for (int k = 0; k < J->nch; k++)
        total += J->ch[k].nrow;
    for (int j = 0; j < R->ncol; j++) {
        colspec *cs = &R->cols[j];
        int f = cs->forced >= 0 ? cs->forced : ST_NONE;
        bool qempty = false;
        for (int k = 0; k < J->nch && cs->active; k++) {
            f = join(f, J->ch[k].cb[j].st);
            qempty |= J->ch[k].cb[j].qempty;
        }
        /* Nothing but missing values and quoted empty fields: a str column
         * of empty strings (what write_csv writes for one), else f64. */
        cs->final = f != ST_NONE ? f : qempty ? ST_STR : ST_F64;
    }
    int bad = -1;
    #pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
    for (int k = 0; k < J->nch; k++) {
        int r = chunk_redo(R, &J->ch[k]);
        drop_pages(J, &J->ch[k]);
        if (r < 0) {
            #pragma omp critical(lt_csv_bad)
            if (bad < 0 || k < bad)
                bad = k;
        }
    }
    if (bad >= 0) {
        report(J, bad);
        return NULL;
    }
    if (tick(J, 0.95)) {
        cancelled(J);
        return NULL;
    }
    /* merging string tables is the slow part: start the largest first */
    size_t ncol1 = (size_t)(R->ncol ? R->ncol : 1);
    job_col *by_size = malloc(ncol1 * sizeof *by_size);
    lt_col **cols = calloc(ncol1, sizeof *cols);
    lt_frame *f = lt_frame_new();
    int nsorted = 0, failed = 0;
    if (!by_size || !cols || !f)
        goto fail;
    for (int j = 0; j < R->ncol; j++) {
        if (!R->cols[j].active)
            continue;
        int64_t cost = 0;
        for (int k = 0; k < J->nch; k++)
            cost += J->ch[k].cb[j].dict ? J->ch[k].cb[j].dict->n : 0;
        by_size[nsorted++] = (job_col){cost, j};
    }
    qsort(by_size, (size_t)nsorted, sizeof *by_size, by_cost);
    #pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
    for (int i = 0; i < nsorted; i++) {
        int j = by_size[i].col;
        if (!(cols[j] = assemble(R, J->ch, J->nch, j, total))) {
            #pragma omp atomic write
            failed = 1;
        }
    }
    if (failed)
        goto fail;
    for (int j = 0; j < R->ncol; j++)
        if (cols[j] && lt_frame_add(f, R->cols[j].name, cols[j]))
            goto fail_keep;
    for (int j = 0; j < R->ncol; j++)
        lt_col_unref(cols[j]);
    free(cols);
    free(by_size);
    tick(J, 1.0);
    return f;
fail:
    lt_nomem();
fail_keep:
    for (int j = 0; cols && j < R->ncol; j++)
        lt_col_unref(cols[j]);
    free(cols);
    free(by_size);
    lt_frame_free(f);
    return NULL;
}

/* Fill R->cols from the first row (names from it, or V1..Vn), make the
 * names unique and non-empty, and apply opts.columns and opts.types.
 * *pp moves past the header row when there is one. */
static int read_header(job *J, const lt_csv_opts *o, const char **pp, int64_t *line)
{
    reader *R = &J->R;
    const char *p = *pp, *end = R->end;
    int64_t nl = 0;
    const char *q;
    int ncol = row_fields(p, end, R->sep, &q, &nl);
    if (ncol < 0)
        return lt_seterr(LT_EPARSE, "%s:%lld: unterminated quote (the quoted field starting "
                         "on this line never closes)", R->name, (long long)*line);
    R->ncol = ncol;
    if (!(R->cols = calloc((size_t)ncol, sizeof *R->cols)))
        return lt_nomem();
    lt_dict *seen = lt_dict_new(), *given = lt_dict_new();
    char *buf = NULL;
    int rc = LT_ENOMEM;
    if (!seen || !given)
        goto out;
    char **raw = calloc((size_t)ncol, sizeof *raw);
    if (!raw)
        goto out;
    size_t cap = 0;
    int64_t nl2 = 0;
    for (int j = 0; j < ncol; j++) {
        tok t = {0};
        const char *s = "";
        size_t n = 0;
        if (o->header) {
            next_field(p, end, R->sep, &t, &p, &nl2);
            s = t.s;
            n = t.len;
            if (t.esc) {
                if (n + 1 > cap) {
                    char *b = realloc(buf, n + 1);
                    if (!b)
                        goto out_raw;
                    buf = b;
                    cap = n + 1;
                }
                n = unescape(&t, buf);
                s = buf;
            } else if (!t.quoted) {
                trim(R->sep, &s, &n);
            }
            int e = check_text(s, n);
            if (e) {
                rc = lt_seterr(LT_EPARSE, "%s:%lld: %s in the name of column %d", R->name,
                               (long long)*line, e == E_NUL ? "a NUL byte" : "invalid UTF-8",
                               j + 1);
                goto out_raw;
            }
        }
        char vname[24];
        if (n == 0) {
            n = (size_t)snprintf(vname, sizeof vname, "V%d", j + 1);
            s = vname;
        }
        if (!(raw[j] = strndup(s, n)) || lt_dict_intern(given, s, n) < 0)
            goto out_raw;
    }
    /* a repeated name becomes name.1, name.2 ... (the first suffix that
     * is neither taken nor a name elsewhere in the header), as in pandas */
    for (int j = 0; j < ncol; j++) {
        char *name = raw[j];
        raw[j] = NULL;
        if (lt_dict_find(seen, name, strlen(name)) >= 0) {
            size_t n = strlen(name) + 16;
            char *alt = malloc(n);
            if (!alt) {
                free(name);
                goto out_raw;
            }
            for (int k = 1;; k++) {
                snprintf(alt, n, "%s.%d", name, k);
                if (lt_dict_find(seen, alt, strlen(alt)) < 0 &&
                    lt_dict_find(given, alt, strlen(alt)) < 0)
                    break;
            }
            free(name);
            name = alt;
        }
        R->cols[j].name = name;
        R->cols[j].active = o->columns == NULL;
        R->cols[j].forced = -1;
        if (lt_dict_intern(seen, name, strlen(name)) < 0)
            goto out_raw;
    }
    for (int i = 0; i < o->ncolumns && o->columns; i++) {
        int32_t j = lt_dict_find(seen, o->columns[i], strlen(o->columns[i]));
        if (j < 0) {
            rc = lt_seterr(LT_EINVAL, "%s has no column '%s' (asked for in columns)",
                           R->name, o->columns[i]);
            goto out_raw;
        }
        R->cols[j].active = true;
    }
    for (int i = 0; i < o->ntypes && o->type_cols; i++) {
        int32_t j = lt_dict_find(seen, o->type_cols[i], strlen(o->type_cols[i]));
        if (j < 0) {
            rc = lt_seterr(LT_EINVAL, "%s has no column '%s' (asked for in types)",
                           R->name, o->type_cols[i]);
            goto out_raw;
        }
        colspec *cs = &R->cols[j];
        switch (o->types[i]) {
        case LT_F64: cs->forced = ST_F64; break;
        case LT_I64: cs->forced = ST_I64; break;
        case LT_BOOL: cs->forced = ST_BOOL; break;
        case LT_STR: cs->forced = ST_STR; break;
        case LT_TIME:
            cs->forced = o->tkinds && o->tkinds[i] == LT_DATETIME ? ST_DT : ST_DATE;
            cs->strict_date = o->tkinds && o->tkinds[i] == LT_DATE;
            break;
        default:
            rc = lt_seterr(LT_EINVAL, "types: invalid type %d for column '%s'",
                           (int)o->types[i], o->type_cols[i]);
            goto out_raw;
        }
    }
    if (o->header) {
        *pp = q;
        *line += nl;
    }
    rc = 0;
out_raw:
    for (int j = 0; j < ncol; j++)
        free(raw[j]);
    free(raw);
out:
    if (rc == LT_ENOMEM)
        lt_nomem();
    free(buf);
    lt_dict_unref(seen);
    lt_dict_unref(given);
    return rc;
}

static int set_na_tokens(reader *R, const lt_csv_opts *o)
{
    const char *const *na = o->na ? o->na : lt_csv_na_default;
    int nna = o->na ? o->nna : LT_CSV_NA_DEFAULT_N;
    if (nna < 0 || nna > (int)(sizeof R->na / sizeof R->na[0]))
        return lt_seterr(LT_EINVAL, "na: %d tokens given, expected 0 to %d", nna,
                         (int)(sizeof R->na / sizeof R->na[0]));
    R->nna = nna;
    for (int i = 0; i < nna; i++) {
        R->na[i].s = na[i];
        R->na[i].len = strlen(na[i]);
        R->na_lens |= 1u << (R->na[i].len < 31 ? R->na[i].len : 31);
    }
    return 0;
}

static lt_frame *read_impl(const char *buf, size_t len, const char *name,
                           const lt_csv_opts *o, bool mapped)
{
    lt_csv_opts def;
    if (!o) {
        lt_csv_opts_init(&def);
        o = &def;
    }
    if (o->skip < 0 || o->ncolumns < 0 || o->ntypes < 0) {
        lt_seterr(LT_EINVAL, "skip, ncolumns and ntypes must be >= 0");
        return NULL;
    }
    if (o->sep == '"' || o->sep == '\n' || o->sep == '\r') {
        lt_seterr(LT_EINVAL, "sep cannot be a quote or a line end");
        return NULL;
    }
    job J = {0};
    reader *R = &J.R;
    R->name = name;
    R->end = buf + len;
    R->parse_bool = o->parse_bool;
    R->parse_times = o->parse_times;
    R->decimal = o->decimal ? o->decimal : '.';
    if (R->decimal != '.' && R->decimal != ',') {
        lt_seterr(LT_EINVAL, "decimal must be '.' or ',', not '%c'", R->decimal);
        return NULL;
    }
    if (R->decimal == ',' && o->sep == ',') {
        lt_seterr(LT_EINVAL, "decimal ',' needs another separator than ','");
        return NULL;
    }
    J.prog = o->progress;
    J.mapped = mapped;
    J.page = (size_t)sysconf(_SC_PAGESIZE);
    if (set_na_tokens(R, o))
        return NULL;
    const char *p = buf, *end = buf + len;
    int64_t line = 1;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (int64_t s = 0; s < o->skip && p < end; s++, line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    while (p < end && is_blank_line(p, end)) {
        p = skip_blank_line(p, end);
        line++;
    }
    if (p == end)
        return lt_frame_new();
    R->sep = o->sep ? o->sep : sniff_sep(p, end, R->decimal);
    if (read_header(&J, o, &p, &line))
        goto fail;
    J.base_line = line;
    const char *data = p;
    int64_t dlen = end - data;
    int64_t maxrows = o->nrows >= 0 ? o->nrows : INT64_MAX;
    /* about 128 chunks per thread, so that the calling thread, which
     * reports progress after each of its chunks, does so every 1% or so */
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
    int64_t chunk_bytes = dlen / (128 * (int64_t)nt);
    if (chunk_bytes < (1 << 15))
        chunk_bytes = 1 << 15;
    if (chunk_bytes > (1 << 25))
        chunk_bytes = 1 << 25;
    J.nch = dlen && maxrows ? (int)((dlen + chunk_bytes - 1) / chunk_bytes) : 0;
    if (nt > J.nch)
        nt = J.nch > 0 ? J.nch : 1;
    if (J.nch && !(J.ch = calloc((size_t)J.nch, sizeof *J.ch))) {
        lt_nomem();
        goto fail;
    }
    R->row_bytes = estimate_row_bytes(R, data);
    int rc = 0;
    if (J.nch && (nt == 1 || o->nrows >= 0))
        rc = pass1_serial(&J, data, chunk_bytes, maxrows);
    else if (J.nch)
        rc = pass1_parallel(&J, data, chunk_bytes, nt);
    if (rc)
        goto fail;
    lt_frame *f = finish(&J, nt);
    job_free(&J);
    return f;
fail:
    job_free(&J);
    return NULL;
}

lt_frame *lt_csv_read_buffer(const char *buf, size_t len, const char *name,
                             const lt_csv_opts *o)
{
    return read_impl(buf, len, name ? name : "<buffer>", o, false);
}

/* The whole of a non-regular file (pipe, terminal) into memory. */
static char *slurp(int fd, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b)
            return NULL;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
            continue;
        }
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *len = n;
    return b;
}

lt_frame *lt_csv_read(const char *path, const lt_csv_opts *o)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        lt_seterr(LT_EIO, "cannot open '%s': %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        lt_seterr(LT_EIO, "cannot read '%s': it is a directory", path);
        return NULL;
    }
    lt_frame *f;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        size_t len = (size_t)st.st_size;
        void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (m == MAP_FAILED) {
            lt_seterr(LT_EIO, "cannot map '%s': %s", path, strerror(errno));
            return NULL;
        }
        f = read_impl(m, len, path, o, true);
        munmap(m, len);
        return f;
    }
    size_t len = 0;
    char *b = slurp(fd, &len);
    int err = errno;
    close(fd);
    if (!b) {
        lt_seterr(LT_EIO, "cannot read '%s': %s", path, strerror(err));
        return NULL;
    }
    f = read_impl(b, len, path, o, false);
    free(b);
    return f;
}
