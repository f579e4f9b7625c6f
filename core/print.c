/* Text rendering of frames, columns and single values (see print.h).
 *
 * Every value is first turned into a "cell": its display text (styles
 * included when colour is on) and its width in terminal cells, computed
 * while the text is built so that escape codes never count.  Strings are
 * measured with utf8proc; control characters and invalid UTF-8 bytes are
 * shown as escapes, never sent raw to the terminal.  Doubles follow R's
 * formatReal: each value needs some significant digits (at most sigfig),
 * the column then takes fixed notation with common decimals, or scientific
 * notation when that is narrower.  Only the rows shown are formatted. */
#include "print.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "numparse.h"
#include "timefmt.h"

#define SGR_DIM "\x1b[2m"
#define SGR_RED "\x1b[31m"
#define SGR_OFF "\x1b[0m"
#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one cell wide */

enum {
    MAX_CELL = 30,   /* widest string cell, in cells */
    MIN_WIDTH = 20,  /* narrower widths are taken as this */
    VEC_LINES = 3,   /* lines of values in lt_col_format */
    FOOT_LINES = 6   /* lines of the hidden-columns footer */
};

void lt_print_opts_init(lt_print_opts *o)
{
    o->width = 80;
    o->max_rows = 20;
    o->head_rows = 5;
    o->sigfig = 7;
    o->color = false;
}

static void normalize(const lt_print_opts *in, lt_print_opts *o)
{
    if (in)
        *o = *in;
    else
        lt_print_opts_init(o);
    if (o->width < MIN_WIDTH)
        o->width = MIN_WIDTH;
    if (o->max_rows < 0)
        o->max_rows = 0;
    if (o->head_rows < 1)
        o->head_rows = 1;
    if (o->sigfig > 17)
        o->sigfig = 17;
}

/* ---- growable strings ----------------------------------------------------
 * Padding is held back in `pend` and written only before the next text, so
 * that lines never end in spaces. */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int pend;
    bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    size_t need = b->len + (size_t)b->pend + n + 1;
    if (b->oom)
        return;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;
        while (cap < need)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memset(b->p + b->len, ' ', (size_t)b->pend);
    b->len += (size_t)b->pend;
    b->pend = 0;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_pad(sbuf *b, int n)
{
    if (n > 0)
        b->pend += n;
}

/* Start a line: a newline unless this is the first one. */
static void sb_line(sbuf *b)
{
    b->pend = 0;
    if (b->len)
        sb_put(b, "\n", 1);
}

static void sb_style(sbuf *b, bool color, const char *sgr)
{
    if (color)
        sb_puts(b, sgr);
}

__attribute__((format(printf, 2, 3)))
static int sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof tmp)
        n = (int)sizeof tmp - 1;
    sb_put(b, tmp, (size_t)n);
    return n;
}

/* Right- or left-align text of width w in a field of width fw. */
static void sb_field(sbuf *b, const char *s, size_t n, int w, int fw, bool right)
{
    if (right)
        sb_pad(b, fw - w);
    sb_put(b, s, n);
    if (!right)
        sb_pad(b, fw - w);
}

/* ---- display widths and escapes ----------------------------------------- */

int lt_display_width(const char *s, size_t len)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    int w = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if (u[i] == 0x1b && i + 1 < len && u[i + 1] == '[') {
            /* CSI sequence: parameters, then a final byte in 0x40..0x7e */
            for (i += 2; i < len && (u[i] < 0x40 || u[i] > 0x7e); i++)
                ;
            i++;
            continue;
        }
        k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 1) {
            w++;
            i++;
        } else {
            w += utf8proc_charwidth(cp);
            i += (size_t)k;
        }
    }
    return w;
}

/* One display unit of s[pos..len): a printable character, or the escape
 * that stands for a control character, a C1 code, an invalid byte or, in
 * quoted text, a quote or backslash.  Sets *step to the bytes consumed and
 * esc to the escape ("" for a printable character); returns the width. */
static int next_unit(const char *s, size_t len, size_t pos, bool quoted,
                     size_t *step, char esc[8])
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                          (utf8proc_ssize_t)(len - pos), &cp);
    esc[0] = '\0';
    if (k < 1) {
        *step = 1;
        snprintf(esc, 8, "\\x%02x", (unsigned char)s[pos]);
        return 4;
    }
    *step = (size_t)k;
    if (cp == '\t')
        strcpy(esc, "\\t");
    else if (cp == '\n')
        strcpy(esc, "\\n");
    else if (cp == '\r')
        strcpy(esc, "\\r");
    else if (cp < 0x20 || cp == 0x7f)
        snprintf(esc, 8, "\\x%02x", (unsigned)cp);
    else if (cp >= 0x80 && cp < 0xa0)
        snprintf(esc, 8, "\\u%04x", (unsigned)cp);
    else if (quoted && (cp == '"' || cp == '\\'))
        snprintf(esc, 8, "\\%c", (char)cp);
    else
        return utf8proc_charwidth(cp);
    return (int)strlen(esc);
}

/* Append the display form of s[0..len), cut to maxw (>= 1) cells with a
 * final "…" when it is wider; escapes are dimmed when colour is on.
 * Returns the width appended. */
static int put_text(sbuf *b, const char *s, size_t len, int maxw, bool quoted, bool color)
{
    char esc[8];
    size_t pos, step;
    int w = 0, limit = maxw;

    for (pos = 0; pos < len && w <= maxw; pos += step)
        w += next_unit(s, len, pos, quoted, &step, esc);
    if (w > maxw)
        limit = maxw - 1;   /* room for the ellipsis */
    w = 0;
    for (pos = 0; pos < len; pos += step) {
        int uw = next_unit(s, len, pos, quoted, &step, esc);
        if (w + uw > limit)
            break;
        if (esc[0]) {
            sb_style(b, color, SGR_DIM);
            sb_puts(b, esc);
            sb_style(b, color, SGR_OFF);
        } else {
            sb_put(b, s + pos, step);
        }
        w += uw;
    }
    if (limit < maxw) {
        sb_puts(b, ELLIPSIS);
        w++;
    }
    return w;
}

/* ---- doubles ------------------------------------------------------------ */

/* snprintf of finite x as "%.*e" or "%.*f", with '.' as the decimal point
 * whatever locale the host set: it is the only run of bytes that is not a
 * digit, sign or exponent mark.  Returns the length. */
static int fmt_double(char *buf, size_t cap, bool sci, int prec, double x)
{
    int n = sci ? snprintf(buf, cap, "%.*e", prec, x) : snprintf(buf, cap, "%.*f", prec, x);
    int i, o = 0;
    if (n >= (int)cap)
        n = (int)cap - 1;
    for (i = 0; i < n; i++) {
        char ch = buf[i];
        if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e')
            buf[o++] = ch;
        else if (o == 0 || buf[o - 1] != '.')
            buf[o++] = '.';
    }
    buf[o] = '\0';
    return o;
}

/* Decimal exponent of finite x and the significant digits it needs: at
 * most sigfig, or when sigfig <= 0 the fewest (15..17) that read back as x. */
static void digits_of(double x, int sigfig, int *e, int *nsig)
{
    char buf[48];
    const char *p, *ep;
    int p_digits = sigfig, n = 0;
    double back;

    if (sigfig <= 0) {
        for (p_digits = 15; p_digits < 17; p_digits++) {
            n = fmt_double(buf, sizeof buf, true, p_digits - 1, x);
            if (lt_num_parse_f64(buf, (size_t)n, &back) && back == x)
                break;
        }
    }
    fmt_double(buf, sizeof buf, true, p_digits - 1, x);
    ep = strchr(buf, 'e');
    *e = atoi(ep + 1);
    *nsig = 1;
    for (p = buf, n = 0; p < ep; p++) {
        if (*p >= '0' && *p <= '9') {
            n++;
            if (*p != '0')
                *nsig = n;
        }
    }
}

/* How a column of doubles is written: fixed with `dec` decimals, or
 * scientific with `dec` mantissa decimals. */
typedef struct dfmt {
    bool sci;
    int dec;
} dfmt;

/* R's rule: fixed notation unless scientific is narrower. */
static dfmt choose_dfmt(const double *v, const int64_t *rows, int64_t k, int sigfig)
{
    int wleft = 0, rgt = 0, mxns = 1, e, ns;
    bool neg = false, bigexp = false, any = false;
    int64_t j;

    for (j = 0; j < k; j++) {
        double x = v[rows[j]];
        if (!isfinite(x))
            continue;
        if (x == 0)
            x = 0;   /* -0 prints as 0 */
        any = true;
        digits_of(x, sigfig, &e, &ns);
        if ((x < 0) + (e >= 0 ? e + 1 : 1) > wleft)
            wleft = (x < 0) + (e >= 0 ? e + 1 : 1);
        if (ns - e - 1 > rgt)
            rgt = ns - e - 1;
        if (ns > mxns)
            mxns = ns;
        neg |= x < 0;
        bigexp |= e >= 100 || e <= -100;
    }
    if (!any || wleft + (rgt > 0 ? rgt + 1 : 0) <= neg + (mxns > 1 ? mxns + 1 : 1) + 4 + bigexp)
        return (dfmt){ false, rgt };
    return (dfmt){ true, mxns - 1 };
}

/* Append finite or infinite x in format f; the zeros that only align the
 * decimals (beyond the digits x needs) are dimmed when colour is on.
 * Returns the width. */
static int put_f64(sbuf *b, double x, dfmt f, int sigfig, bool color)
{
    char buf[64];
    int n, e, ns, own, pad;

    if (isinf(x)) {
        sb_puts(b, x < 0 ? "-Inf" : "Inf");
        return x < 0 ? 4 : 3;
    }
    if (x == 0)
        x = 0;
    digits_of(x, sigfig, &e, &ns);
    if (!f.sci) {
        own = ns - e - 1 > 0 ? ns - e - 1 : 0;
        n = fmt_double(buf, sizeof buf, false, own, x);
        sb_put(b, buf, (size_t)n);
        if (f.dec > own) {
            sb_style(b, color, SGR_DIM);
            if (own == 0) {
                sb_put(b, ".", 1);
                n++;
            }
            for (pad = own; pad < f.dec; pad++)
                sb_put(b, "0", 1);
            sb_style(b, color, SGR_OFF);
            n += f.dec - own;
        }
        return n;
    }
    /* %.*e at more digits than x needs only adds zeros to the mantissa */
    n = fmt_double(buf, sizeof buf, true, f.dec, x);
    pad = f.dec - (ns - 1) + (ns == 1 && f.dec > 0);
    own = (int)(strchr(buf, 'e') - buf) - pad;
    sb_put(b, buf, (size_t)own);
    sb_style(b, color && pad > 0, SGR_DIM);
    sb_put(b, buf + own, (size_t)pad);
    sb_style(b, color && pad > 0, SGR_OFF);
    sb_put(b, buf + own + pad, (size_t)(n - own - pad));
    return n;
}

/* ---- cells -------------------------------------------------------------- */

typedef struct fmtctx {
    int sigfig;
    int maxw;      /* widest string value (quotes included) */
    bool color;
    bool quoted;   /* strings in quotes, as in a vector */
} fmtctx;

/* Formatted values of some rows of one column. */
typedef struct cells {
    sbuf text;      /* cell after cell */
    size_t *end;    /* end of cell j in text */
    int *w;         /* width of cell j */
    int width;      /* widest cell */
} cells;

static void cells_free(cells *cs)
{
    free(cs->text.p);
    free(cs->end);
    free(cs->w);
}

static const char *cell_text(const cells *cs, int64_t j, size_t *n)
{
    size_t start = j ? cs->end[j - 1] : 0;
    *n = cs->end[j] - start;
    return cs->text.p + start;
}

static int put_value(sbuf *b, const lt_col *c, int64_t i, dfmt df, const fmtctx *o)
{
    char buf[48];
    const char *s;
    size_t len;
    int w;

    if (lt_col_is_na(c, i)) {
        sb_style(b, o->color, SGR_RED);
        sb_puts(b, "NA");
        sb_style(b, o->color, SGR_OFF);
        return 2;
    }
    switch (c->type) {
    case LT_F64:
        return put_f64(b, lt_col_f64(c)[i], df, o->sigfig, o->color);
    case LT_I64:
        return sb_printf(b, "%" PRId64, lt_col_i64(c)[i]);
    case LT_BOOL:
        sb_puts(b, lt_col_bool(c)[i] ? "true" : "false");
        return lt_col_bool(c)[i] ? 4 : 5;
    case LT_TIME:
        len = lt_time_format(lt_col_i64(c)[i], c->tkind, buf, sizeof buf);
        sb_put(b, buf, len);
        return (int)len;
    case LT_STR:
        s = lt_col_get_str(c, i, &len);
        if (!o->quoted)
            return put_text(b, s, len, o->maxw, false, o->color);
        sb_put(b, "\"", 1);
        w = put_text(b, s, len, o->maxw > 3 ? o->maxw - 2 : 1, true, o->color);
        sb_put(b, "\"", 1);
        return w + 2;
    }
    return 0;
}

/* Format rows[0..k) of c into cs (which the caller frees with cells_free,
 * also on failure).  0 or LT_ENOMEM. */
static int format_cells(const lt_col *c, const int64_t *rows, int64_t k,
                        const fmtctx *o, cells *cs)
{
    dfmt df = { false, 0 };
    int64_t j;

    memset(cs, 0, sizeof *cs);
    sb_put(&cs->text, "", 0);   /* text.p is never NULL, even with no text */
    cs->end = malloc((size_t)(k ? k : 1) * sizeof *cs->end);
    cs->w = malloc((size_t)(k ? k : 1) * sizeof *cs->w);
    if (!cs->end || !cs->w)
        return lt_nomem();
    if (c->type == LT_F64)
        df = choose_dfmt(lt_col_f64(c), rows, k, o->sigfig);
    for (j = 0; j < k; j++) {
        cs->w[j] = put_value(&cs->text, c, rows[j], df, o);
        cs->end[j] = cs->text.len;
        if (cs->w[j] > cs->width)
            cs->width = cs->w[j];
    }
    return cs->text.oom ? lt_nomem() : 0;
}

static int digits(int64_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/* Widest string cell: MAX_CELL, less on narrow terminals so that a few
 * columns still show. */
static int cell_cap(int width, int gutter)
{
    int cap = (width - gutter - 1) * 2 / 5;
    if (cap < 8)
        cap = 8;
    return cap < MAX_CELL ? cap : MAX_CELL;
}

/* ---- frames ------------------------------------------------------------- */

/* A column as shown: its header and value cells, and its field width. */
typedef struct shown {
    cells vals;
    sbuf name;
    int namew;
    int width;
    bool right;
} shown;

/* The string built in b, or NULL (LT_ENOMEM) when an allocation failed. */
static char *finish(sbuf *b)
{
    if (!b->p)
        sb_put(b, "", 0);
    if (b->oom) {
        free(b->p);
        lt_nomem();
        return NULL;
    }
    return b->p;
}

/* "# … 13 more columns: a <str>, b <f64>, …" wrapped to the width. */
static void put_hidden(sbuf *b, const lt_frame *f, int from, const lt_print_opts *o, int maxw)
{
    int n = f->ncol - from, lines = 1, lw, onl = 0, j;
    sbuf item = { 0 };

    sb_line(b);
    sb_style(b, o->color, SGR_DIM);
    lw = sb_printf(b, "# " ELLIPSIS " %d more column%s:", n, n == 1 ? "" : "s") - 2;
    for (j = from; j < f->ncol; j++) {
        bool last = j == f->ncol - 1;
        int iw, need;
        item.len = 0;
        iw = put_text(&item, f->names[j], strlen(f->names[j]), maxw, false, false);
        iw += sb_printf(&item, " <%s>%s", lt_col_type_label(f->cols[j]), last ? "" : ",");
        if (item.oom)
            break;
        need = 1 + iw + (lines == FOOT_LINES && !last ? 2 : 0);  /* room for " …" */
        if (lw + need > o->width && (onl > 0 || lines == 1)) {
            if (lines == FOOT_LINES) {
                sb_puts(b, " " ELLIPSIS);
                break;
            }
            sb_style(b, o->color, SGR_OFF);
            sb_line(b);
            sb_style(b, o->color, SGR_DIM);
            sb_puts(b, "#  ");
            lw = 3;
            lines++;
            onl = 0;
        }
        sb_put(b, " ", 1);
        sb_put(b, item.p, item.len);
        lw += 1 + iw;
        onl++;
    }
    if (item.oom)
        b->oom = true;
    free(item.p);
    sb_style(b, o->color, SGR_OFF);
}

/* Shown row j under its label in the gutter; j < 0 is the elision row. */
static void put_row(sbuf *b, const shown *sh, int nsh, int gutter, int64_t j, const char *label,
                    bool color)
{
    int c;
    sb_line(b);
    sb_pad(b, gutter - lt_display_width(label, strlen(label)));
    sb_style(b, color, SGR_DIM);
    sb_puts(b, label);
    sb_style(b, color, SGR_OFF);
    for (c = 0; c < nsh; c++) {
        const shown *s = &sh[c];
        size_t n;
        const char *t;
        if (gutter > 0 || c > 0)
            sb_pad(b, 1);
        if (j < 0) {
            sb_pad(b, s->right ? s->width - 1 : 0);
            sb_style(b, color, SGR_DIM);
            sb_puts(b, ELLIPSIS);
            sb_style(b, color, SGR_OFF);
            continue;
        }
        t = cell_text(&s->vals, j, &n);
        sb_field(b, t, n, s->vals.w[j], s->width, s->right);
    }
}

char *lt_frame_format(const lt_frame *f, const lt_print_opts *opts)
{
    lt_print_opts o;
    sbuf b = { 0 };
    shown *sh = NULL;
    int64_t *rows = NULL, nshow, j, h;
    int nsh = 0, gutter, used, c;
    bool elided;
    fmtctx ctx;

    normalize(opts, &o);
    h = o.head_rows;
    elided = f->nrow > o.max_rows && 2 * h < f->nrow;
    nshow = elided ? 2 * h : f->nrow;
    rows = malloc((size_t)(nshow ? nshow : 1) * sizeof *rows);
    sh = calloc((size_t)(f->ncol ? f->ncol : 1), sizeof *sh);
    if (!rows || !sh) {
        b.oom = true;
        goto done;
    }
    for (j = 0; j < nshow; j++)
        rows[j] = elided && j >= h ? f->nrow - 2 * h + j : j;
    gutter = nshow ? digits(f->nrow) : 0;
    ctx = (fmtctx){ o.sigfig, cell_cap(o.width, gutter), o.color, false };

    /* Columns left to right while they fit (the first one always). */
    used = gutter;
    for (c = 0; c < f->ncol; c++) {
        shown *s = &sh[c];
        int sep = gutter > 0 || c > 0, tw = (int)strlen(lt_col_type_label(f->cols[c])) + 2;
        if (format_cells(f->cols[c], rows, nshow, &ctx, &s->vals) < 0) {
            cells_free(&s->vals);
            b.oom = true;
            goto done;
        }
        s->namew = put_text(&s->name, f->names[c], strlen(f->names[c]), ctx.maxw, false, o.color);
        s->width = s->vals.width;
        if (s->namew > s->width)
            s->width = s->namew;
        if (tw > s->width)
            s->width = tw;
        s->right = f->cols[c]->type != LT_STR;
        if (c > 0 && used + sep + s->width > o.width) {
            cells_free(&s->vals);
            free(s->name.p);
            break;
        }
        used += sep + s->width;
        nsh++;
        if (s->name.oom) {
            b.oom = true;
            goto done;
        }
    }

    if (nsh > 0) {
        sb_line(&b);
        sb_pad(&b, gutter);
        for (c = 0; c < nsh; c++) {
            sb_pad(&b, gutter > 0 || c > 0);
            sb_field(&b, sh[c].name.p ? sh[c].name.p : "", sh[c].name.len, sh[c].namew,
                     sh[c].width, sh[c].right);
        }
        sb_line(&b);
        sb_pad(&b, gutter);
        for (c = 0; c < nsh; c++) {
            const char *t = lt_col_type_label(f->cols[c]);
            int pad = sh[c].width - (int)strlen(t) - 2;
            sb_pad(&b, (gutter > 0 || c > 0) + (sh[c].right ? pad : 0));
            sb_style(&b, o.color, SGR_DIM);
            sb_printf(&b, "<%s>", t);
            sb_style(&b, o.color, SGR_OFF);
            sb_pad(&b, sh[c].right ? 0 : pad);
        }
        for (j = 0; j < nshow; j++) {
            char num[24];
            if (elided && j == h)
                put_row(&b, sh, nsh, gutter, -1, ELLIPSIS, o.color);
            snprintf(num, sizeof num, "%" PRId64, rows[j] + 1);
            put_row(&b, sh, nsh, gutter, j, num, o.color);
        }
    }
    sb_line(&b);
    sb_style(&b, o.color, SGR_DIM);
    sb_printf(&b, "# %" PRId64 " row%s x %d col%s", f->nrow, f->nrow == 1 ? "" : "s",
              f->ncol, f->ncol == 1 ? "" : "s");
    sb_style(&b, o.color, SGR_OFF);
    if (nsh < f->ncol)
        put_hidden(&b, f, nsh, &o, ctx.maxw);

done:
    if (sh) {
        for (c = 0; c < nsh; c++) {
            cells_free(&sh[c].vals);
            free(sh[c].name.p);
        }
    }
    free(sh);
    free(rows);
    return finish(&b);
}

/* ---- vectors ------------------------------------------------------------ */

/* How many of n values of width w fit VEC_LINES lines of m values each;
 * when some are left out, the last line keeps room for " …" and the
 * missing count of nw cells. */
static int64_t vec_fit(int64_t n, int m, int w, int prefix, int nw, int width)
{
    int cut = 0;
    if (n <= (int64_t)VEC_LINES * m)
        return n;
    while (cut < m - 1 && prefix + (m - cut) * (w + 1) + 2 + nw > width)
        cut++;
    return (int64_t)VEC_LINES * m - cut;
}

char *lt_col_format(const lt_col *c, const lt_print_opts *opts)
{
    lt_print_opts o;
    sbuf b = { 0 }, trail = { 0 };
    cells cs = { 0 };
    int64_t *rows = NULL, k, j, nvals = -1;
    int prefix, m = 1, nw, iter;
    fmtctx ctx;

    normalize(opts, &o);
    sb_style(&b, o.color, SGR_DIM);
    prefix = sb_printf(&b, "<%s[%" PRId64 "]>", lt_col_type_label(c), c->n);
    sb_style(&b, o.color, SGR_OFF);
    ctx = (fmtctx){ o.sigfig, cell_cap(o.width, prefix), o.color, true };
    nw = c->nmiss ? 6 + digits(c->nmiss) : 0;   /* " (3 NA)" */

    /* Format the most values that could fit, then fewer until they do
     * (fewer values never format wider), then more while they still fit
     * (fewer values may format narrower). */
    k = (int64_t)VEC_LINES * ((o.width - prefix) / 2 + 1);
    if (k > c->n)
        k = c->n;
    rows = malloc((size_t)(k ? k : 1) * sizeof *rows);
    if (!rows) {
        b.oom = true;
        goto done;
    }
    for (j = 0; j < k; j++)
        rows[j] = j;
    for (iter = 0; iter < 8; iter++) {
        cells cand;
        int64_t fit;
        int tm;
        if (format_cells(c, rows, k, &ctx, &cand) < 0) {
            cells_free(&cand);
            b.oom = true;
            goto done;
        }
        tm = (o.width - prefix) / (cand.width + 1);
        if (tm < 1)
            tm = 1;
        fit = vec_fit(c->n, tm, cand.width, prefix, nw, o.width);
        if (fit >= k) {
            cells_free(&cs);
            cs = cand;
            nvals = k;
            m = tm;
            if (fit == k)
                break;
        } else {
            cells_free(&cand);
            if (nvals >= 0)
                break;
        }
        k = fit;
    }
    k = nvals;

    for (j = 0; j < k; j++) {
        size_t n;
        const char *t = cell_text(&cs, j, &n);
        if (j > 0 && j % m == 0) {
            sb_line(&b);
            sb_pad(&b, prefix);
        }
        sb_pad(&b, 1);
        sb_field(&b, t, n, cs.w[j], cs.width, c->type != LT_STR);
    }
    if (k < c->n)
        sb_printf(&trail, " " ELLIPSIS);
    if (c->nmiss)
        sb_printf(&trail, " (%" PRId64 " NA)", c->nmiss);
    if (trail.len) {
        int last = k ? (int)((k - 1) % m) + 1 : 0;
        if (k && prefix + last * (cs.width + 1) + lt_display_width(trail.p, trail.len) > o.width) {
            sb_line(&b);
            sb_pad(&b, prefix);
        }
        sb_style(&b, o.color, SGR_DIM);
        sb_put(&b, trail.p, trail.len);
        sb_style(&b, o.color, SGR_OFF);
    }
    if (trail.oom)
        b.oom = true;

done:
    cells_free(&cs);
    free(trail.p);
    free(rows);
    return finish(&b);
}

/* ---- single values ------------------------------------------------------ */

size_t lt_value_format(const lt_col *c, int64_t i, int sigfig, char *buf, size_t cap)
{
    fmtctx ctx = { sigfig > 17 ? 17 : sigfig, INT_MAX, false, false };
    cells cs;
    size_t n = 0, m;

    if (cap)
        buf[0] = '\0';
    if (i < 0 || i >= c->n) {
        lt_seterr(LT_EINVAL, "value %" PRId64 " is out of range: the column has %" PRId64
                  " values (0-based)", i, c->n);
        return 0;
    }
    if (format_cells(c, &i, 1, &ctx, &cs) == 0) {
        n = cs.text.len;
        if (cap) {
            /* cut like snprintf, but never inside a UTF-8 sequence */
            m = n < cap ? n : cap - 1;
            while (m > 0 && m < n && ((unsigned char)cs.text.p[m] & 0xc0) == 0x80)
                m--;
            memcpy(buf, cs.text.p, m);
            buf[m] = '\0';
        }
    }
    cells_free(&cs);
    return n;
}

/* ---- counts and shares (for captions and reports) ------------------------ */

const char *lt_count_format(int64_t v, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    char digits[24];
    /* the magnitude as unsigned: INT64_MIN has no positive int64 */
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    int len = snprintf(digits, sizeof digits, "%" PRIu64, m);
    size_t o = 0;
    if (v < 0 && o + 1 < cap)
        buf[o++] = '-';
    for (int i = 0; i < len && o + 1 < cap; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            if (o + 2 >= cap)
                break;
            buf[o++] = ',';
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

void lt_share_format(int64_t count, double total, char *buf, size_t cap)
{
    double pct = 100.0 * (double)count / total;
    if (count == 0)
        snprintf(buf, cap, "0%%");
    else if ((double)count == total)
        snprintf(buf, cap, "100%%");
    else if (pct < 0.05)
        snprintf(buf, cap, "<0.1%%");
    else if (pct >= 99.95)
        snprintf(buf, cap, ">99.9%%");
    else
        snprintf(buf, cap, "%.1f%%", pct);
}
