/* Inline terminal images (term_image.h): detecting the protocol the
 * terminal speaks (kitty graphics, sixel, iTerm2's OSC 1337) with a kitty
 * query and a DA1 request read in raw mode, and encoding images for each
 * protocol, optionally wrapped in tmux's passthrough. */
#include "term_image.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "error.h"

#define ESC "\033"

/* The kitty query: a 1x1 RGB image (three zero bytes, "AAAA"), action
 * query, id 31 so that the answer can be told from anything else. */
static const char kitty_query[] = ESC "_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA" ESC "\\";
static const char da1_query[] = ESC "[c";
/* Inside tmux, a status report request (DSR 5) follows as the last query:
 * tmux 3.3 and older keep the outer terminal's DA1 answer to themselves
 * but pass its "ESC [ 0 n" on to the pane. */
static const char dsr_query[] = ESC "[5n";

/* tmux drops a passthrough sequence longer than its input buffer. */
#define TMUX_PASSTHROUGH_MAX ((size_t)1 << 20)
/* Base64 characters per kitty escape sequence (a multiple of 4). */
#define KITTY_CHUNK 4096

/* ---- growable output ----------------------------------------------------- */

typedef struct outbuf {
    char *p;
    size_t n, cap;
    bool failed;
} outbuf;

static bool reserve(outbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX / 2 - b->n) {
        b->failed = true;
        return false;
    }
    size_t need = b->n + extra + 1;   /* room for the final NUL */
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

static void put(outbuf *b, const void *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void puts_(outbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putch(outbuf *b, char c)
{
    if (!reserve(b, 1))
        return;
    b->p[b->n++] = c;
}

__attribute__((format(printf, 2, 3)))
static void putf(outbuf *b, const char *fmt, ...)
{
    char tmp[96];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k > 0)   /* every format here is short */
        put(b, tmp, (size_t)k);
}

/* s as tmux passthrough: ESC P tmux; <s with every ESC doubled> ESC \. */
static void put_tmux(outbuf *b, const char *s, size_t n)
{
    puts_(b, ESC "Ptmux;");
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\033') {
            put(b, s + from, i + 1 - from);   /* up to and including the ESC */
            putch(b, '\033');
            from = i + 1;
        }
    }
    put(b, s + from, n - from);
    puts_(b, ESC "\\");
}

/* s, wrapped when tmux. */
static void put_seq(outbuf *b, const char *s, size_t n, bool tmux)
{
    if (tmux)
        put_tmux(b, s, n);
    else
        put(b, s, n);
}

/* The finished buffer, NUL-terminated, or NULL with LT_ENOMEM. */
static char *finish(outbuf *b, size_t *len)
{
    if (b->failed || !reserve(b, 0)) {
        free(b->p);
        lt_nomem();
        return NULL;
    }
    b->p[b->n] = '\0';
    if (len)
        *len = b->n;
    return b->p;
}

/* ---- base64 -------------------------------------------------------------- */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* n bytes as base64 with '=' padding, malloc'd (NUL-terminated), length in
 * *out_len; NULL with LT_ENOMEM. */
static char *base64(const unsigned char *in, size_t n, size_t *out_len)
{
    if (n > (SIZE_MAX - 1) / 4 * 3 - 3) {
        lt_nomem();
        return NULL;
    }
    size_t m = (n + 2) / 3 * 4;
    char *out = malloc(m + 1);
    if (!out) {
        lt_nomem();
        return NULL;
    }
    char *o = out;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
        *o++ = b64_alphabet[v >> 18];
        *o++ = b64_alphabet[v >> 12 & 63];
        *o++ = b64_alphabet[v >> 6 & 63];
        *o++ = b64_alphabet[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        *o++ = b64_alphabet[v >> 18];
        *o++ = b64_alphabet[v >> 12 & 63];
        *o++ = i + 1 < n ? b64_alphabet[v >> 6 & 63] : '=';
        *o++ = '=';
    }
    *o = '\0';
    *out_len = m;
    return out;
}

/* ---- kitty and iTerm2 ---------------------------------------------------- */

char *lt_term_image_kitty(const unsigned char *png, size_t png_len, bool tmux,
                          size_t *len)
{
    if (!png || png_len == 0) {
        lt_seterr(LT_EINVAL, "kitty image: the PNG is empty (expected its bytes)");
        return NULL;
    }
    size_t n64;
    char *data = base64(png, png_len, &n64);
    if (!data)
        return NULL;
    outbuf b = {0};
    outbuf chunk = {0};
    for (size_t off = 0; off < n64; off += KITTY_CHUNK) {
        size_t part = n64 - off < KITTY_CHUNK ? n64 - off : KITTY_CHUNK;
        int more = off + part < n64;
        chunk.n = 0;
        /* Only the first chunk carries the keys; later ones m (and q, so
         * that no terminal answers a chunk). */
        if (off == 0)
            putf(&chunk, ESC "_Ga=T,f=100,q=2,m=%d;", more);
        else
            putf(&chunk, ESC "_Gm=%d,q=2;", more);
        put(&chunk, data + off, part);
        puts_(&chunk, ESC "\\");
        if (chunk.failed)
            b.failed = true;
        else
            put_seq(&b, chunk.p, chunk.n, tmux);
    }
    putch(&b, '\n');
    free(chunk.p);
    free(data);
    return finish(&b, len);
}

char *lt_term_image_iterm2(const unsigned char *png, size_t png_len, bool tmux,
                           size_t *len)
{
    if (!png || png_len == 0) {
        lt_seterr(LT_EINVAL, "iTerm2 image: the PNG is empty (expected its bytes)");
        return NULL;
    }
    size_t n64;
    char *data = base64(png, png_len, &n64);
    if (!data)
        return NULL;
    outbuf seq = {0};
    putf(&seq, ESC "]1337;File=inline=1;size=%zu;preserveAspectRatio=1:", png_len);
    put(&seq, data, n64);
    putch(&seq, '\a');
    free(data);
    if (seq.failed) {
        free(seq.p);
        lt_nomem();
        return NULL;
    }
    if (tmux && seq.n + 8 > TMUX_PASSTHROUGH_MAX) {
        lt_seterr(LT_EINVAL, "iTerm2 image: %zu bytes of PNG, %zu in base64, are more "
                  "than tmux's passthrough takes (1 MiB); make the image smaller",
                  png_len, n64);
        free(seq.p);
        return NULL;
    }
    outbuf b = {0};
    put_seq(&b, seq.p, seq.n, tmux);
    putch(&b, '\n');
    free(seq.p);
    return finish(&b, len);
}

/* ---- sixel: palette ------------------------------------------------------ */

#define MAXPAL 256
#define NBIN (1 << 15)   /* 5 bits per channel */

typedef struct palette {
    int n;
    uint8_t rgb[MAXPAL][3];
} palette;

/* The image's own colours when there are at most 256: idx[i] is pixel i's
 * entry, entries in order of first appearance.  false when there are
 * more. */
static bool exact_palette(const uint8_t *rgb, size_t npx, uint8_t *idx, palette *pal)
{
    /* Open addressing, 1024 slots for at most 256 keys; key + 1, 0 free. */
    enum { NSLOT = 1024 };
    uint32_t keys[NSLOT] = {0};
    uint8_t vals[NSLOT];
    pal->n = 0;
    for (size_t i = 0; i < npx; i++) {
        const uint8_t *c = rgb + 3 * i;
        uint32_t key = ((uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2]) + 1;
        uint32_t h = (key * 2654435761u) >> 22;   /* 10 bits */
        while (keys[h] && keys[h] != key)
            h = (h + 1) & (NSLOT - 1);
        if (!keys[h]) {
            if (pal->n == MAXPAL)
                return false;
            keys[h] = key;
            vals[h] = (uint8_t)pal->n;
            memcpy(pal->rgb[pal->n], c, 3);
            pal->n++;
        }
        idx[i] = vals[h];
    }
    return true;
}

static unsigned bin_of(const uint8_t *c)
{
    return (unsigned)(c[0] >> 3) << 10 | (unsigned)(c[1] >> 3) << 5 | (unsigned)(c[2] >> 3);
}

static unsigned bin_chan(unsigned bin, int axis)
{
    return bin >> (10 - 5 * axis) & 31;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct box {
    size_t lo, hi;        /* its bins: occ[lo .. hi) */
    uint64_t count;       /* pixels */
    int axis, range;      /* the widest channel and its extent (5-bit) */
} box;

static void box_measure(box *bx, const uint32_t *occ, const uint64_t *count)
{
    unsigned mn[3] = {31, 31, 31}, mx[3] = {0, 0, 0};
    bx->count = 0;
    for (size_t i = bx->lo; i < bx->hi; i++) {
        for (int a = 0; a < 3; a++) {
            unsigned v = bin_chan(occ[i], a);
            if (v < mn[a])
                mn[a] = v;
            if (v > mx[a])
                mx[a] = v;
        }
        bx->count += count[occ[i]];
    }
    bx->axis = 0;
    bx->range = 0;
    for (int a = 0; a < 3; a++) {
        if ((int)(mx[a] - mn[a]) > bx->range) {
            bx->range = (int)(mx[a] - mn[a]);
            bx->axis = a;
        }
    }
}

/* Median cut (Heckbert) on a 5-bit-per-channel histogram: split the box
 * with the most pixels times the widest extent at the pixel median of
 * that channel, until 256 boxes or none can be split; each box's colour is
 * the mean of its pixels.  Returns false on allocation failure. */
static bool median_cut(const uint8_t *rgb, size_t npx, uint8_t *idx, palette *pal)
{
    uint64_t *count = calloc(NBIN, sizeof *count);
    uint64_t (*sum)[3] = calloc(NBIN, sizeof *sum);
    uint32_t *occ = malloc(NBIN * sizeof *occ);
    uint8_t *binpal = malloc(NBIN);
    bool okay = count && sum && occ && binpal;
    if (okay) {
        for (size_t i = 0; i < npx; i++) {
            const uint8_t *c = rgb + 3 * i;
            unsigned k = bin_of(c);
            count[k]++;
            for (int a = 0; a < 3; a++)
                sum[k][a] += c[a];
        }
        size_t nocc = 0;
        for (unsigned k = 0; k < NBIN; k++)
            if (count[k])
                occ[nocc++] = k;
        box boxes[MAXPAL];
        int nbox = 1;
        boxes[0] = (box){.lo = 0, .hi = nocc};
        box_measure(&boxes[0], occ, count);
        while (nbox < MAXPAL) {
            int best = -1;
            double best_score = 0;
            for (int j = 0; j < nbox; j++) {
                double score = (double)boxes[j].count * boxes[j].range;
                if (boxes[j].hi - boxes[j].lo > 1 && score > best_score) {
                    best = j;
                    best_score = score;
                }
            }
            if (best < 0)
                break;
            box *bx = &boxes[best];
            /* Sort the box's bins along its axis: key = channel << 15 | bin. */
            for (size_t i = bx->lo; i < bx->hi; i++)
                occ[i] |= (uint32_t)bin_chan(occ[i], bx->axis) << 15;
            qsort(occ + bx->lo, bx->hi - bx->lo, sizeof *occ, cmp_u32);
            for (size_t i = bx->lo; i < bx->hi; i++)
                occ[i] &= NBIN - 1;
            /* Split after the bin where half the pixels are reached, keeping
             * at least one bin on each side. */
            uint64_t acc = 0;
            size_t cut = bx->lo + 1;
            for (size_t i = bx->lo; i < bx->hi - 1; i++) {
                acc += count[occ[i]];
                cut = i + 1;
                if (2 * acc >= bx->count)
                    break;
            }
            boxes[nbox] = (box){.lo = cut, .hi = bx->hi};
            bx->hi = cut;
            box_measure(bx, occ, count);
            box_measure(&boxes[nbox], occ, count);
            nbox++;
        }
        pal->n = nbox;
        for (int j = 0; j < nbox; j++) {
            uint64_t s[3] = {0, 0, 0};
            for (size_t i = boxes[j].lo; i < boxes[j].hi; i++)
                for (int a = 0; a < 3; a++)
                    s[a] += sum[occ[i]][a];
            for (int a = 0; a < 3; a++)
                pal->rgb[j][a] = (uint8_t)((s[a] + boxes[j].count / 2) / boxes[j].count);
        }
        /* Each bin takes the palette colour nearest its own mean, which
         * may be another box's: better for bins at the edge of a wide box. */
        for (size_t i = 0; i < nocc; i++) {
            unsigned k = occ[i];
            long mean[3];
            for (int a = 0; a < 3; a++)
                mean[a] = (long)((sum[k][a] + count[k] / 2) / count[k]);
            long best_d = -1;
            for (int j = 0; j < nbox; j++) {
                long d = 0;
                for (int a = 0; a < 3; a++) {
                    long e = mean[a] - pal->rgb[j][a];
                    d += e * e;
                }
                if (best_d < 0 || d < best_d) {
                    best_d = d;
                    binpal[k] = (uint8_t)j;
                }
            }
        }
        for (size_t i = 0; i < npx; i++)
            idx[i] = binpal[bin_of(rgb + 3 * i)];
    }
    free(count);
    free(sum);
    free(occ);
    free(binpal);
    return okay;
}

/* ---- sixel: pixels ------------------------------------------------------- */

/* One sixel character (0x3F + mask), or a run of them: "!n" for runs of
 * four or more, where it is shorter. */
static void put_run(outbuf *b, uint8_t mask, int run)
{
    char c = (char)(0x3F + mask);
    if (run >= 4)
        putf(b, "!%d%c", run, c);
    else
        for (int i = 0; i < run; i++)
            putch(b, c);
}

static int percent(uint8_t v)
{
    return (v * 100 + 127) / 255;
}

char *lt_term_image_sixel(const uint8_t *rgba, int width, int height,
                          bool tmux, size_t *len)
{
    if (!rgba || width < 1 || height < 1) {
        lt_seterr(LT_EINVAL, "sixel image: size %d x %d (expected at least 1 x 1 pixels)",
                  width, height);
        return NULL;
    }
    size_t w = (size_t)width, npx = w * (size_t)height;
    if (npx > SIZE_MAX / 4 / MAXPAL) {
        lt_nomem();
        return NULL;
    }
    uint8_t *rgb = malloc(3 * npx);
    uint8_t *idx = malloc(npx);
    uint8_t *mask = calloc(MAXPAL * w, 1);   /* per colour, per column of a band */
    palette *pal = malloc(sizeof *pal);
    outbuf s = {0};
    char *out = NULL;
    if (!rgb || !idx || !mask || !pal)
        goto nomem;

    /* Composite on white: straight alpha, rounded. */
    for (size_t i = 0; i < npx; i++) {
        unsigned a = rgba[4 * i + 3];
        for (int k = 0; k < 3; k++)
            rgb[3 * i + k] = (uint8_t)((rgba[4 * i + k] * a + 255 * (255 - a) + 127) / 255);
    }
    if (!exact_palette(rgb, npx, idx, pal) && !median_cut(rgb, npx, idx, pal))
        goto nomem;

    puts_(&s, ESC "P0;1q");
    putf(&s, "\"1;1;%d;%d", width, height);
    for (int j = 0; j < pal->n; j++)
        putf(&s, "#%d;2;%d;%d;%d", j, percent(pal->rgb[j][0]),
             percent(pal->rgb[j][1]), percent(pal->rgb[j][2]));

    int last[MAXPAL];   /* per colour, its last column in the band, or -1 */
    for (int j = 0; j < MAXPAL; j++)
        last[j] = -1;
    for (int y0 = 0; y0 < height; y0 += 6) {
        if (y0 > 0)
            putch(&s, '-');
        for (int r = 0; r < 6 && y0 + r < height; r++) {
            const uint8_t *row = idx + (size_t)(y0 + r) * w;
            for (int x = 0; x < width; x++) {
                int j = row[x];
                mask[(size_t)j * w + (size_t)x] |= (uint8_t)(1u << r);
                if (x > last[j])
                    last[j] = x;
            }
        }
        bool first = true;
        for (int j = 0; j < pal->n; j++) {
            if (last[j] < 0)
                continue;
            if (!first)
                putch(&s, '$');
            first = false;
            putf(&s, "#%d", j);
            /* Up to the colour's last column: the rest stays as it is. */
            uint8_t *m = mask + (size_t)j * w;
            int x = 0;
            while (x <= last[j]) {
                int run = 1;
                while (x + run <= last[j] && m[x + run] == m[x])
                    run++;
                put_run(&s, m[x], run);
                x += run;
            }
            memset(m, 0, (size_t)last[j] + 1);
            last[j] = -1;
        }
    }
    puts_(&s, ESC "\\");
    if (s.failed)
        goto nomem;
    if (tmux && s.n + 8 > TMUX_PASSTHROUGH_MAX) {
        lt_seterr(LT_EINVAL, "sixel image: %d x %d pixels make %zu bytes of sixel, "
                  "more than tmux's passthrough takes (1 MiB); make the image smaller",
                  width, height, s.n);
        goto done;
    }
    {
        outbuf b = {0};
        if (tmux) {
            put_tmux(&b, s.p, s.n);
        } else {   /* the sixel itself is the result */
            b = s;
            s = (outbuf){0};
        }
        putch(&b, '\n');
        out = finish(&b, len);
    }
    goto done;
nomem:
    lt_nomem();
done:
    free(s.p);
    free(rgb);
    free(idx);
    free(mask);
    free(pal);
    return out;
}

/* ---- parsing the answers ------------------------------------------------- */

typedef struct reply {
    bool kitty_ok;     /* ESC _G i=31 ; OK ESC \ */
    bool kitty_seen;   /* any complete answer to the kitty query */
    bool da1;          /* a complete ESC [ ? ... c */
    bool dsr;          /* a complete ESC [ <digits> n */
    bool sixel;        /* ... with attribute 4 */
} reply;

/* Does the key list "i=31,..." name image 31? */
static bool names_image_31(const char *k, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && k[j] != ',')
            j++;
        if (j - i == 4 && memcmp(k + i, "i=31", 4) == 0)
            return true;
        i = j + 1;
    }
    return false;
}

/* Scan what the terminal sent for the two answers; anything else (keys
 * typed meanwhile, other replies) is skipped. */
static reply parse(const char *s, size_t n)
{
    reply r = {0};
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\033')
            continue;
        if (s[i + 1] == '_' && i + 2 < n && s[i + 2] == 'G') {
            /* APC G <keys> ; <message> ST */
            size_t start = i + 3, end = start;
            while (end < n && s[end] != '\033')
                end++;
            if (end + 1 >= n)
                break;   /* incomplete: nothing complete can follow */
            if (s[end + 1] != '\\') {
                i = end - 1;   /* an ESC without '\\' aborts the string */
                continue;
            }
            const char *semi = memchr(s + start, ';', end - start);
            if (semi && names_image_31(s + start, (size_t)(semi - (s + start)))) {
                r.kitty_seen = true;
                size_t mlen = (size_t)(s + end - (semi + 1));
                if (mlen == 2 && memcmp(semi + 1, "OK", 2) == 0)
                    r.kitty_ok = true;
            }
            i = end + 1;
        } else if (s[i + 1] == '[' && i + 2 < n && s[i + 2] == '?') {
            /* CSI ? <digits and ;> c */
            size_t j = i + 3;
            bool sixel = false, first = true;
            long v = -1;
            for (; j < n; j++) {
                char c = s[j];
                if (c >= '0' && c <= '9') {
                    v = (v < 0 ? 0 : v) * 10 + (c - '0');
                    if (v > 100000)
                        v = 100000;
                } else if (c == ';' || c == 'c') {
                    if (!first && v == 4)
                        sixel = true;
                    first = false;
                    v = -1;
                    if (c == 'c')
                        break;
                } else {
                    break;
                }
            }
            if (j < n && s[j] == 'c') {
                r.da1 = true;
                r.sixel |= sixel;
                i = j;
            }
            /* else not a DA1 answer (or not complete): go on after ESC */
        } else if (s[i + 1] == '[') {
            /* CSI <digits> n: a status report */
            size_t j = i + 2;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j > i + 2 && j < n && s[j] == 'n') {
                r.dsr = true;
                i = j;
            }
        }
    }
    return r;
}

lt_image_proto lt_term_image_parse_reply(const char *reply_bytes, size_t len)
{
    if (!reply_bytes)
        return LT_IMAGE_NONE;
    reply r = parse(reply_bytes, len);
    if (r.kitty_ok)
        return LT_IMAGE_KITTY;
    if (r.sixel)
        return LT_IMAGE_SIXEL;
    return LT_IMAGE_NONE;
}

/* ---- detection ----------------------------------------------------------- */

static bool env_is(const char *name, const char *value)
{
    const char *v = getenv(name);
    return v && strcmp(v, value) == 0;
}

static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

/* The protocol from the answers and the environment (term_image.h). */
static lt_image_proto decide(const reply *r)
{
    if (r->kitty_ok)
        return LT_IMAGE_KITTY;
    bool hints = (r->da1 || r->dsr) && !env_set("STY") && !env_set("ZELLIJ");
    if (hints && (env_is("TERM_PROGRAM", "iTerm.app") || env_is("TERM_PROGRAM", "WezTerm")
                  || env_is("LC_TERMINAL", "iTerm2")))
        return LT_IMAGE_ITERM2;
    if (r->sixel)
        return LT_IMAGE_SIXEL;
    if (hints && !env_set("TMUX") && !r->kitty_seen
        && (env_is("TERM", "xterm-kitty") || env_set("KITTY_WINDOW_ID")))
        return LT_IMAGE_KITTY;
    return LT_IMAGE_NONE;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for fd to be ready for `events` until the deadline; EINTR resumes
 * with the time left.  1 ready, 0 timed out, -1 error or hang-up. */
static int wait_fd(int fd, short events, long long deadline)
{
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int k = poll(&p, 1, left > 60000 ? 60000 : (int)left);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            continue;   /* re-check the clock */
        if (p.revents & events)
            return 1;
        return -1;      /* POLLERR, POLLHUP, POLLNVAL without data */
    }
}

static bool write_all(int fd, const char *s, size_t n, long long deadline)
{
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (wait_fd(fd, POLLOUT, deadline) != 1)
                return false;
            continue;
        }
        if (k <= 0)
            return false;
        s += k;
        n -= (size_t)k;
    }
    return true;
}

static int set_termios(int fd, const struct termios *t)
{
    int k;
    while ((k = tcsetattr(fd, TCSANOW, t)) < 0 && errno == EINTR)
        ;
    return k;
}

/* Send the queries and read the answers, one byte at a time so that
 * nothing after the last answer (DA1, or DSR inside tmux) is consumed. */
static reply query(int in_fd, int out_fd, int timeout_ms)
{
    reply r = {0};
    struct termios saved, raw;
    if (tcgetattr(in_fd, &saved) < 0)
        return r;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (set_termios(in_fd, &raw) < 0)
        return r;

    long long deadline = now_ms() + timeout_ms;
    outbuf q = {0};
    bool tmux = env_set("TMUX");
    put_seq(&q, kitty_query, sizeof kitty_query - 1, tmux);
    put_seq(&q, da1_query, sizeof da1_query - 1, tmux);
    if (tmux)
        put_seq(&q, dsr_query, sizeof dsr_query - 1, tmux);
    if (!q.failed && write_all(out_fd, q.p, q.n, deadline)) {
        char got[1024];
        size_t n = 0;
        while (n < sizeof got && wait_fd(in_fd, POLLIN, deadline) == 1) {
            ssize_t k = read(in_fd, got + n, 1);
            if (k < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (k <= 0)
                break;
            n++;
            /* The last answer asked for ends in 'n' (DSR) or 'c' (DA1). */
            if (got[n - 1] == (tmux ? 'n' : 'c')) {
                r = parse(got, n);
                if (tmux ? r.dsr : r.da1)
                    break;
            }
        }
        r = parse(got, n);
    }
    free(q.p);
    set_termios(in_fd, &saved);
    return r;
}

lt_image_proto lt_term_image_detect(int in_fd, int out_fd, int timeout_ms)
{
    static bool done;
    static lt_image_proto cached;

    if (timeout_ms <= 0 || !isatty(in_fd) || !isatty(out_fd))
        return LT_IMAGE_NONE;
    if (env_is("LUNETTE_IMAGES", "0"))
        return LT_IMAGE_NONE;
    const char *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0)
        return LT_IMAGE_NONE;
    /* A background process changing the terminal's modes would be stopped
     * (SIGTTOU); tcgetpgrp fails when it is not our controlling terminal,
     * where that cannot happen. */
    pid_t fg = tcgetpgrp(in_fd);
    if (fg != -1 && fg != getpgrp())
        return LT_IMAGE_NONE;
    if (done)
        return cached;
    reply r = query(in_fd, out_fd, timeout_ms);
    cached = decide(&r);
    done = true;
    return cached;
}
