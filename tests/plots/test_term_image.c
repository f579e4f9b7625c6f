/* Inline terminal images: base64 decoded back, kitty chunks, the iTerm2
 * size field, sixel strings worked out by hand and decoded back, tmux
 * passthrough, parsing real terminals' answers, and detection through a
 * pseudo-terminal whose other end answers like kitty, like an xterm with
 * sixel, or not at all, in and out of tmux, with and without environment
 * hints; allocation failures are in test_term_image_oom.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "error.h"
#include "tap.h"
#include "term_image.h"

#define ESC "\033"

/* ---- helpers -------------------------------------------------------------- */

/* Deterministic bytes: a 32-bit LCG's high byte. */
static unsigned char *bytes(size_t n, unsigned seed)
{
    unsigned char *p = malloc(n ? n : 1);
    uint32_t s = seed;
    for (size_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        p[i] = (unsigned char)(s >> 24);
    }
    return p;
}

/* Standard base64 decoding, strict: length a multiple of 4, padding only at
 * the end.  Returns the byte count, or -1. */
static long unbase64(const char *s, size_t n, unsigned char *out)
{
    static const char alpha[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (n % 4)
        return -1;
    long k = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned v = 0;
        int pad = 0;
        for (int j = 0; j < 4; j++) {
            char c = s[i + j];
            if (c == '=' && i + 4 == n && j >= 2) {
                pad++;
                v <<= 6;
                continue;
            }
            const char *at = c ? strchr(alpha, c) : NULL;
            if (!at || pad)
                return -1;
            v = v << 6 | (unsigned)(at - alpha);
        }
        out[k++] = (unsigned char)(v >> 16);
        if (pad < 2)
            out[k++] = (unsigned char)(v >> 8);
        if (pad < 1)
            out[k++] = (unsigned char)v;
    }
    return k;
}

/* Strip tmux passthrough wrappers: every ESC P tmux; ... ESC \ at the top
 * level becomes its content with doubled ESCs undoubled.  Returns the
 * number of wrappers, or -1 when a single ESC shows up inside one (or one
 * is not closed).  *out gets the unwrapped bytes. */
static int unwrap_tmux(const char *s, size_t n, char *out, size_t *outn)
{
    static const char open[] = ESC "Ptmux;";
    size_t o = 0;
    int wrappers = 0;
    for (size_t i = 0; i < n;) {
        if (n - i >= 7 && memcmp(s + i, open, 7) == 0) {
            wrappers++;
            i += 7;
            for (;;) {
                if (i + 1 >= n)
                    return -1;
                if (s[i] == '\033' && s[i + 1] == '\033') {
                    out[o++] = '\033';
                    i += 2;
                } else if (s[i] == '\033' && s[i + 1] == '\\') {
                    i += 2;
                    break;
                } else if (s[i] == '\033') {
                    return -1;
                } else {
                    out[o++] = s[i++];
                }
            }
        } else {
            out[o++] = s[i++];
        }
    }
    *outn = o;
    return wrappers;
}

/* ---- kitty and iTerm2 ----------------------------------------------------- */

static void test_kitty_exact(void)
{
    size_t len = 0;
    char *s = lt_term_image_kitty((const unsigned char *)"abc", 3, false, &len);
    is_str(s, ESC "_Ga=T,f=100,q=2,m=0;YWJj" ESC "\\\n", "kitty: one chunk, m=0, then a newline");
    is_int((long long)len, (long long)strlen(s), "kitty: *len is the length");
    free(s);
    /* The three base64 paddings, by the textbook examples. */
    s = lt_term_image_kitty((const unsigned char *)"M", 1, false, &len);
    is_str(s, ESC "_Ga=T,f=100,q=2,m=0;TQ==" ESC "\\\n", "base64 of 1 byte: two '='");
    free(s);
    s = lt_term_image_kitty((const unsigned char *)"Ma", 2, false, &len);
    is_str(s, ESC "_Ga=T,f=100,q=2,m=0;TWE=" ESC "\\\n", "base64 of 2 bytes: one '='");
    free(s);
    s = lt_term_image_kitty((const unsigned char *)"\xff\xfe\xfd\x00", 4, false, &len);
    is_str(s, ESC "_Ga=T,f=100,q=2,m=0;//79AA==" ESC "\\\n", "base64 uses + and / and pads");
    free(s);

    lt_clearerr();
    s = lt_term_image_kitty((const unsigned char *)"", 0, false, &len);
    ok(s == NULL && lt_errcode() == LT_EINVAL, "kitty: an empty PNG is an error");
    is_str(lt_errmsg(), "kitty image: the PNG is empty (expected its bytes)", "  with a message");
}

/* Split a kitty sequence into its chunks and check them: keys, m flags,
 * 4096 characters in every chunk but the last, the payload decoding to
 * the input. */
static void check_kitty(size_t n)
{
    unsigned char *png = bytes(n, (unsigned)n);
    size_t len = 0;
    char *s = lt_term_image_kitty(png, n, false, &len);
    size_t n64 = (n + 2) / 3 * 4, want_chunks = (n64 + 4095) / 4096;
    char *payload = malloc(n64 + 1);
    size_t np = 0, nchunk = 0;
    int bad = 0;
    size_t i = 0;
    while (s && i < len && s[i] == '\033') {
        const char *keys = s + i + 3;
        if (memcmp(s + i, ESC "_G", 3) != 0) {
            bad = 1;
            break;
        }
        const char *semi = strchr(keys, ';');
        const char *end = strstr(keys, ESC "\\");
        if (!semi || !end || semi > end) {
            bad = 1;
            break;
        }
        bool last = nchunk + 1 == want_chunks;
        const char *want_keys = nchunk == 0 ? (last ? "a=T,f=100,q=2,m=0" : "a=T,f=100,q=2,m=1")
                                            : (last ? "m=0,q=2" : "m=1,q=2");
        size_t nk = (size_t)(semi - keys), nd = (size_t)(end - semi - 1);
        if (nk != strlen(want_keys) || memcmp(keys, want_keys, nk) != 0)
            bad = 2;
        if (!last && nd != 4096)
            bad = 3;
        if (np + nd > n64) {
            bad = 4;
            break;
        }
        memcpy(payload + np, semi + 1, nd);
        np += nd;
        nchunk++;
        i = (size_t)(end - s) + 2;
    }
    ok(s && !bad && nchunk == want_chunks && i + 1 == len && s[i] == '\n',
       "kitty, %zu bytes: %zu chunks of 4096 with m=1 then m=0, a newline", n, want_chunks);
    unsigned char *back = malloc(n64);
    long nb = np == n64 ? unbase64(payload, np, back) : -1;
    ok(nb == (long)n && memcmp(back, png, n) == 0, "kitty, %zu bytes: the payload decodes to the PNG", n);
    free(back);
    free(payload);
    free(s);
    free(png);
}

static void test_kitty_chunks(void)
{
    /* 3072 bytes make exactly one chunk of 4096 characters. */
    size_t sizes[] = {1, 2, 3, 4, 5, 6, 3071, 3072, 3073, 6143, 6144, 6145, 10000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        check_kitty(sizes[i]);
}

static void test_iterm2(void)
{
    size_t len = 0;
    char *s = lt_term_image_iterm2((const unsigned char *)"abc", 3, false, &len);
    is_str(s, ESC "]1337;File=inline=1;size=3;preserveAspectRatio=1:YWJj\a\n", "iTerm2: OSC 1337, BEL, newline");
    free(s);

    size_t n = 6145;
    unsigned char *png = bytes(n, 7);
    s = lt_term_image_iterm2(png, n, false, &len);
    const char *head = ESC "]1337;File=inline=1;size=6145;preserveAspectRatio=1:";
    ok(s && strncmp(s, head, strlen(head)) == 0, "iTerm2: size= is the PNG's byte count");
    size_t n64 = (n + 2) / 3 * 4;
    ok(s && len == strlen(head) + n64 + 2 && s[len - 2] == '\a' && s[len - 1] == '\n',
       "iTerm2: the base64 in one piece, BEL, newline");
    unsigned char *back = malloc(n64);
    long nb = s ? unbase64(s + strlen(head), n64, back) : -1;
    ok(nb == (long)n && memcmp(back, png, n) == 0, "iTerm2: the payload decodes to the PNG");
    free(back);
    free(s);
    free(png);

    lt_clearerr();
    ok(lt_term_image_iterm2(NULL, 0, false, &len) == NULL && lt_errcode() == LT_EINVAL,
       "iTerm2: no PNG is an error");
}

/* ---- tmux ----------------------------------------------------------------- */

static void test_tmux(void)
{
    size_t len = 0;
    char *s = lt_term_image_kitty((const unsigned char *)"abc", 3, true, &len);
    is_str(s, ESC "Ptmux;" ESC ESC "_Ga=T,f=100,q=2,m=0;YWJj" ESC ESC "\\" ESC "\\\n",
           "tmux: kitty in passthrough, ESC doubled, the newline outside");
    free(s);
    s = lt_term_image_iterm2((const unsigned char *)"abc", 3, true, &len);
    is_str(s, ESC "Ptmux;" ESC ESC "]1337;File=inline=1;size=3;preserveAspectRatio=1:YWJj\a" ESC "\\\n",
           "tmux: iTerm2 in passthrough");
    free(s);

    /* Big ones: the unwrapped tmux sequence is the plain one. */
    size_t n = 10000;
    unsigned char *png = bytes(n, 3);
    char *plain = lt_term_image_kitty(png, n, false, &len);
    size_t tlen = 0, ulen = 0;
    char *t = lt_term_image_kitty(png, n, true, &tlen);
    char *u = malloc(tlen);
    int w = unwrap_tmux(t, tlen, u, &ulen);
    ok(w == 4 && ulen == len && memcmp(u, plain, len) == 0,
       "tmux: kitty wrapped chunk by chunk (%d wrappers), every ESC doubled", w);
    free(plain);
    free(t);
    free(u);

    uint8_t rgba[4 * 12];
    for (int i = 0; i < 12; i++)
        memcpy(rgba + 4 * i, i % 3 ? "\xff\x00\x00\xff" : "\x00\x00\xff\xff", 4);
    plain = lt_term_image_sixel(rgba, 4, 3, false, &len);
    t = lt_term_image_sixel(rgba, 4, 3, true, &tlen);
    u = malloc(tlen);
    w = unwrap_tmux(t, tlen, u, &ulen);
    ok(w == 1 && ulen == len && memcmp(u, plain, len) == 0 && t[tlen - 1] == '\n'
       && memcmp(t + tlen - 3, ESC "\\\n", 3) == 0,
       "tmux: sixel in one passthrough, every ESC doubled, newline outside");
    free(plain);
    free(t);
    free(u);
    free(png);

    /* tmux drops passthrough over 1 MiB: refused, so the caller falls back. */
    n = 800000;
    png = bytes(n, 5);
    lt_clearerr();
    t = lt_term_image_iterm2(png, n, true, &tlen);
    ok(t == NULL && lt_errcode() == LT_EINVAL, "tmux: an iTerm2 image over 1 MiB is refused");
    is_str(lt_errmsg(), "iTerm2 image: 800000 bytes of PNG, 1066668 in base64, are more than "
           "tmux's passthrough takes (1 MiB); make the image smaller", "  with a message");
    t = lt_term_image_iterm2(png, n, false, &tlen);
    ok(t != NULL, "  outside tmux it is fine");
    free(t);
    t = lt_term_image_kitty(png, n, true, &tlen);
    ok(t != NULL && unwrap_tmux(t, tlen, (u = malloc(tlen)), &ulen) == 261,
       "tmux: a big kitty image goes through, in 261 small wrappers");
    free(u);
    free(t);
    free(png);

    /* Noise: every pixel its own colour, so sixel runs never form. */
    int sw = 640, sh = 480;
    uint8_t *noise = bytes((size_t)sw * sh * 4, 11);
    for (int i = 0; i < sw * sh; i++)
        noise[4 * i + 3] = 255;
    lt_clearerr();
    t = lt_term_image_sixel(noise, sw, sh, true, &tlen);
    ok(t == NULL && lt_errcode() == LT_EINVAL && strstr(lt_errmsg(), "tmux's passthrough"),
       "tmux: a sixel over 1 MiB is refused: %s", lt_errmsg());
    free(noise);
}

/* ---- sixel ---------------------------------------------------------------- */

/* Decode a sixel sequence (what lt_term_image_sixel writes) into RGB and a
 * count of how often each pixel was painted.  Returns 0, or the position
 * of the first byte it does not understand plus one. */
typedef struct sixel_img {
    int w, h;
    uint8_t pal[256][3];
    uint8_t *rgb;
    int *paints;
} sixel_img;

static long read_int(const char *s, size_t n, size_t *i)
{
    long v = 0;
    if (*i >= n || s[*i] < '0' || s[*i] > '9')
        return -1;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9')
        v = v * 10 + (s[(*i)++] - '0');
    return v;
}

static size_t unsixel(const char *s, size_t n, sixel_img *img)
{
    size_t i = 0;
    if (n < 13 || memcmp(s, ESC "P0;1q\"1;1;", 11) != 0)
        return 1;
    i = 11;
    long w = read_int(s, n, &i);
    if (i >= n || s[i++] != ';')
        return i;
    long h = read_int(s, n, &i);
    if (w < 1 || h < 1)
        return i;
    img->w = (int)w;
    img->h = (int)h;
    img->rgb = calloc((size_t)w * h * 3, 1);
    img->paints = calloc((size_t)w * h, sizeof *img->paints);
    memset(img->pal, 0, sizeof img->pal);
    int x = 0, band = 0, colour = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\033')
            return i + 1 < n && s[i + 1] == '\\' && i + 2 == n ? 0 : i + 1;
        if (c == '#') {
            i++;
            long k = read_int(s, n, &i);
            if (k < 0 || k > 255)
                return i + 1;
            if (i < n && s[i] == ';') {
                long v[4];
                for (int j = 0; j < 4; j++) {
                    if (i >= n || s[i] != ';')
                        return i + 1;
                    i++;
                    v[j] = read_int(s, n, &i);
                }
                if (v[0] != 2 || v[1] > 100 || v[2] > 100 || v[3] > 100 || v[1] < 0 || v[2] < 0 || v[3] < 0)
                    return i + 1;
                for (int j = 0; j < 3; j++)
                    img->pal[k][j] = (uint8_t)((v[j + 1] * 255 + 50) / 100);
            } else {
                colour = (int)k;
            }
            continue;
        }
        long run = 1;
        if (c == '!') {
            i++;
            run = read_int(s, n, &i);
            if (run < 1 || i >= n)
                return i + 1;
            c = s[i];
        }
        if (c == '$') {
            x = 0;
        } else if (c == '-') {
            x = 0;
            band++;
        } else if (c >= 0x3F && c <= 0x7E) {
            int m = c - 0x3F;
            for (long r = 0; r < run; r++, x++) {
                for (int b = 0; b < 6; b++) {
                    if (!(m >> b & 1))
                        continue;
                    int y = band * 6 + b;
                    if (x >= img->w || y >= img->h)
                        return i + 1;   /* painting outside the image */
                    size_t p = (size_t)y * img->w + x;
                    memcpy(img->rgb + 3 * p, img->pal[colour], 3);
                    img->paints[p]++;
                }
            }
        } else {
            return i + 1;
        }
        i++;
    }
    return n;   /* no ST */
}

static void test_sixel_exact(void)
{
    /* 2 x 7: column 0 red; column 1 blue but for a red pixel in row 1.
     * Colours by first appearance: #0 red, #1 blue.  Band 0 (rows 0-5):
     * red is rows 0-5 in column 0 (mask 63, '~') and row 1 in column 1
     * (mask 2, 'A'); blue is nothing in column 0 ('?') and rows 0, 2-5 in
     * column 1 (1+4+8+16+32 = 61, '|').  Band 1 (row 6): red in column 0
     * (mask 1, '@'; column 1's '?' is trailing, so left out), blue in
     * column 1 ("?@"). */
    static const uint8_t R[4] = {255, 0, 0, 255}, B[4] = {0, 0, 255, 255};
    uint8_t img[2 * 7 * 4];
    for (int y = 0; y < 7; y++) {
        memcpy(img + 4 * (2 * y), R, 4);
        memcpy(img + 4 * (2 * y + 1), y == 1 ? R : B, 4);
    }
    size_t len = 0;
    char *s = lt_term_image_sixel(img, 2, 7, false, &len);
    is_str(s, ESC "P0;1q\"1;1;2;7#0;2;100;0;0#1;2;0;0;100#0~A$#1?|-#0@$#1?@" ESC "\\\n",
           "sixel 2 x 7 of two colours, by hand");
    is_int((long long)len, s ? (long long)strlen(s) : -1, "  *len is the length");
    free(s);

    /* Run length: 7 x 1, three of a then four of b: "@@@" (a run of three
     * is not shorter as "!3@"), then "???" and "!4@". */
    uint8_t row[7 * 4];
    for (int x = 0; x < 7; x++)
        memcpy(row + 4 * x, x < 3 ? R : B, 4);
    s = lt_term_image_sixel(row, 7, 1, false, &len);
    is_str(s, ESC "P0;1q\"1;1;7;1#0;2;100;0;0#1;2;0;0;100#0@@@$#1??" "?!4@" ESC "\\\n",
           "sixel run length from four on");
    free(s);

    /* 10 x 13 of one colour: two full bands and a band of one row. */
    uint8_t *one = malloc(10 * 13 * 4);
    for (int i = 0; i < 130; i++)
        memcpy(one + 4 * i, "\x33\x66\x99\xff", 4);
    s = lt_term_image_sixel(one, 10, 13, false, &len);
    is_str(s, ESC "P0;1q\"1;1;10;13#0;2;20;40;60#0!10~-#0!10~-#0!10@" ESC "\\\n",
           "sixel of one colour in three bands, percent RGB rounded");
    free(one);
    free(s);

    /* Alpha on white: transparent is white, half-transparent black is grey
     * ((255 * 127 + 127) / 255 = 127, 127 / 255 = 49.8% -> 50). */
    uint8_t alpha[3 * 4] = {0, 0, 0, 0, 0, 0, 0, 128, 200, 40, 10, 255};
    s = lt_term_image_sixel(alpha, 3, 1, false, &len);
    is_str(s, ESC "P0;1q\"1;1;3;1#0;2;100;100;100#1;2;50;50;50#2;2;78;16;4#0@$#1?@$#2??@" ESC "\\\n",
           "sixel: alpha composited on white");
    free(s);

    lt_clearerr();
    s = lt_term_image_sixel(alpha, 0, 1, false, &len);
    ok(s == NULL && lt_errcode() == LT_EINVAL, "sixel: width 0 is an error");
    is_str(lt_errmsg(), "sixel image: size 0 x 1 (expected at least 1 x 1 pixels)", "  with a message");
    ok(lt_term_image_sixel(alpha, 3, -2, false, &len) == NULL, "sixel: a negative height is an error");
    ok(lt_term_image_sixel(NULL, 3, 1, false, &len) == NULL, "sixel: no pixels is an error");
}

/* How many palette entries an image should get: its colours (composited
 * on white) when there are at most 256, else one per occupied 5-bit bin
 * up to 256. */
static int want_palette(const uint8_t *rgba, int n)
{
    uint8_t *seen = calloc(1 << 24, 1), *bins = calloc(1 << 15, 1);
    int colours = 0, nbins = 0;
    for (int i = 0; i < n; i++) {
        unsigned a = rgba[4 * i + 3], c[3];
        for (int k = 0; k < 3; k++)
            c[k] = (rgba[4 * i + k] * a + 255 * (255 - a) + 127) / 255;
        unsigned key = c[0] << 16 | c[1] << 8 | c[2];
        unsigned bin = (c[0] >> 3) << 10 | (c[1] >> 3) << 5 | c[2] >> 3;
        colours += !seen[key];
        seen[key] = 1;
        nbins += !bins[bin];
        bins[bin] = 1;
    }
    free(seen);
    free(bins);
    return colours <= 256 ? colours : nbins < 256 ? nbins : 256;
}

/* Encode, decode, compare with the input composited on white. */
static void check_sixel_roundtrip(const char *what, const uint8_t *rgba, int w, int h,
                                  int max_err)
{
    int want_colours = want_palette(rgba, w * h);
    size_t len = 0;
    char *s = lt_term_image_sixel(rgba, w, h, false, &len);
    sixel_img img = {0};
    size_t bad = s ? unsixel(s, len - 1, &img) : 1;   /* without the newline */
    ok(s && s[len - 1] == '\n' && bad == 0 && img.w == w && img.h == h,
       "%s: a well-formed sixel of %d x %d (stopped at byte %zu)", what, w, h, bad);
    int colours = 0;   /* colour definitions: #<digits>;2; */
    for (const char *p = s; p && (p = strchr(p, '#')); p++) {
        size_t d = strspn(p + 1, "0123456789");
        if (d > 0 && strncmp(p + 1 + d, ";2;", 3) == 0)
            colours++;
    }
    ok(colours == want_colours, "%s: %d palette entries (want %d)", what, colours, want_colours);
    int once = 1, err = 0;
    for (int i = 0; !bad && i < w * h; i++) {
        if (img.paints[i] != 1)
            once = 0;
        for (int k = 0; k < 3; k++) {
            unsigned a = rgba[4 * i + 3];
            int want = (int)((rgba[4 * i + k] * a + 255 * (255 - a) + 127) / 255);
            int d = abs(img.rgb[3 * i + k] - want);
            if (d > err)
                err = d;
        }
    }
    ok(!bad && once, "%s: every pixel painted exactly once", what);
    ok(!bad && err <= max_err, "%s: largest channel error %d (at most %d)", what, err, max_err);
    free(img.rgb);
    free(img.paints);
    free(s);
}

static void test_sixel_roundtrip(void)
{
    /* 256 colours: kept exactly (percent rounding costs at most 1.3/255,
     * so 2 after the decoder's own rounding). */
    int w = 37, h = 23;
    uint8_t *a = malloc((size_t)w * h * 4);
    for (int i = 0; i < w * h; i++) {
        int c = i % 256;
        a[4 * i] = (uint8_t)(c * 7);
        a[4 * i + 1] = (uint8_t)(c * 13 + 5);
        a[4 * i + 2] = (uint8_t)(255 - c);
        a[4 * i + 3] = 255;
    }
    check_sixel_roundtrip("256 colours", a, w, h, 2);
    free(a);

    /* 4096 colours in a smooth gradient: median cut to 256.  Over a
     * thousand occupied 5-bit bins in 256 boxes of a few bins each, so a
     * pixel is within about a bin and a half (12 levels) of its box's mean. */
    w = 64;
    h = 64;
    a = malloc((size_t)w * h * 4);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = a + 4 * (y * w + x);
            p[0] = (uint8_t)(x * 4);
            p[1] = (uint8_t)(y * 4);
            p[2] = (uint8_t)(x * 2 + y * 2);
            p[3] = 255;
        }
    check_sixel_roundtrip("gradient", a, w, h, 12);
    free(a);

    /* Like a plot: white, a few series colours, antialiased edges (>256
     * blends, fewer than 256 bins): every bin is a box, so a pixel is
     * within its bin's 8 levels of the mean, and white and the solid
     * colours, alone in their bins, survive exactly. */
    w = 300;
    h = 200;
    a = malloc((size_t)w * h * 4);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = a + 4 * (y * w + x);
            int band = x / 100;
            static const uint8_t series[3][3] = {{0x00, 0x72, 0xB2}, {0xE6, 0x9F, 0x00}, {0x00, 0x9E, 0x73}};
            int d = abs(y - 100 - (x % 100) / 2);   /* distance from a line */
            int cover = d == 0 ? 255 : d < 4 ? 255 - d * 60 - x % 17 - y % 5 : 0;
            p[3] = 255;
            for (int k = 0; k < 3; k++)
                p[k] = (uint8_t)((series[band][k] * cover + 255 * (255 - cover)) / 255);
        }
    size_t len = 0;
    char *s = lt_term_image_sixel(a, w, h, false, &len);
    ok(s && strstr(s, ";2;100;100;100#") && strstr(s, ";2;0;45;70#"),
       "plot-like: white and the blue series keep their exact colours");
    free(s);
    check_sixel_roundtrip("plot-like", a, w, h, 8);
    free(a);

    /* Heights that are not a multiple of six, one row, one column. */
    int sizes[][2] = {{1, 1}, {1, 6}, {1, 7}, {5, 11}, {3, 12}, {200, 1}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        w = sizes[k][0];
        h = sizes[k][1];
        a = malloc((size_t)w * h * 4);
        for (int i = 0; i < w * h; i++)
            memcpy(a + 4 * i, (i * 7 / 3) % 3 == 0 ? "\xff\xff\xff\xff" : i % 2 ? "\x10\x20\x30\xff" : "\xd5\x5e\x00\xff", 4);
        char what[32];
        snprintf(what, sizeof what, "%d x %d", w, h);
        check_sixel_roundtrip(what, a, w, h, 2);
        free(a);
    }
}

/* ---- parsing answers ------------------------------------------------------ */

static void test_parse_reply(void)
{
    static const struct {
        const char *reply;
        lt_image_proto want;
        const char *what;
    } cases[] = {
        {ESC "_Gi=31;OK" ESC "\\" ESC "[?62;c", LT_IMAGE_KITTY, "kitty"},
        {ESC "_Gi=31;OK" ESC "\\" ESC "[?62;4;22c", LT_IMAGE_KITTY, "kitty OK wins over sixel"},
        {ESC "[?63;1;2;4;6;9;15;22c", LT_IMAGE_SIXEL, "xterm -ti vt340"},
        {ESC "[?62;4;22c", LT_IMAGE_SIXEL, "foot"},
        {ESC "[?65;4;6;18;22c", LT_IMAGE_SIXEL, "WezTerm"},
        {ESC "[?64;1;2;4;6;9;15;21;22;28;29c", LT_IMAGE_SIXEL, "mintty"},
        {ESC "[?65;1;9c", LT_IMAGE_NONE, "VTE (GNOME Terminal)"},
        {ESC "[?63;1;2;6;9;15;22c", LT_IMAGE_NONE, "xterm without sixel"},
        {ESC "[?6c", LT_IMAGE_NONE, "Alacritty"},
        {ESC "[?1;2c", LT_IMAGE_NONE, "VT100 (tmux, screen)"},
        {ESC "[?c", LT_IMAGE_NONE, "DA1 without parameters"},
        {ESC "[?4;1c", LT_IMAGE_NONE, "4 as the device class is not sixel"},
        {ESC "[?62;44;14c", LT_IMAGE_NONE, "44 and 14 are not 4"},
        {ESC "[?62;04c", LT_IMAGE_SIXEL, "04 is 4"},
        {"", LT_IMAGE_NONE, "nothing"},
        {"ab" ESC "[A" ESC "_Gi=31;OK" ESC "\\x" ESC "[B" ESC "[?62;c", LT_IMAGE_KITTY,
         "kitty with keys typed around"},
        {"q" ESC "[?62;4c" "ls\n", LT_IMAGE_SIXEL, "sixel with keys before and after"},
        {ESC "[?1;2;4", LT_IMAGE_NONE, "a partial DA1"},
        {ESC "_Gi=31;OK" ESC, LT_IMAGE_NONE, "a partial kitty answer"},
        {ESC "_Gi=31;OK", LT_IMAGE_NONE, "a kitty answer without ST"},
        {ESC "_Gi=31;OK" ESC "[?62;4c", LT_IMAGE_SIXEL, "an unterminated kitty answer, then DA1"},
        {ESC "_Gi=31;EINVAL:bad" ESC "\\" ESC "[?62;c", LT_IMAGE_NONE, "a kitty error"},
        {ESC "_Gi=32;OK" ESC "\\" ESC "[?62;c", LT_IMAGE_NONE, "OK for another image"},
        {ESC "_Gi=31,p=7;OK" ESC "\\" ESC "[?62;c", LT_IMAGE_KITTY, "more keys in the answer"},
        {ESC "_Gi=311;OK" ESC "\\", LT_IMAGE_NONE, "i=311 is not i=31"},
        {ESC "[>1;4000;15c", LT_IMAGE_NONE, "a DA2 answer is not DA1"},
        {ESC "[?62;4" ESC "[?62;c", LT_IMAGE_NONE, "a broken DA1, then a complete one"},
        {ESC "[0n", LT_IMAGE_NONE, "a status report alone"},
        {ESC ESC "[?62;4c", LT_IMAGE_SIXEL, "a stray ESC first"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        is_int(lt_term_image_parse_reply(cases[i].reply, strlen(cases[i].reply)), cases[i].want,
               "parse: %s", cases[i].what);
    /* Embedded NUL and a length shorter than the string. */
    static const char nul[] = "\0" ESC "[?62;4c";
    is_int(lt_term_image_parse_reply(nul, sizeof nul - 1), LT_IMAGE_SIXEL, "parse: a NUL byte first");
    static const char cut[] = ESC "[?62;4c";
    is_int(lt_term_image_parse_reply(cut, sizeof cut - 2), LT_IMAGE_NONE, "parse: only len bytes count");
    is_int(lt_term_image_parse_reply(NULL, 0), LT_IMAGE_NONE, "parse: NULL");
}

/* ---- detection through a pseudo-terminal ---------------------------------- */

typedef struct scenario {
    const char *what;
    const char *env[3];      /* NAME=value for the child */
    const char *answer;      /* what the terminal says; NULL: nothing */
    lt_image_proto want;
    bool queried;            /* the queries should arrive */
    bool typed_after;        /* keys follow the answer: they must stay unread */
    bool background;         /* detect from a background process group */
} scenario;

typedef struct outcome {
    int proto, again;        /* first and second (cached) detection */
    int termios_same;
    char after[8];           /* what the program could read afterwards */
} outcome;

static const char *const hint_vars[] = {
    "TMUX", "STY", "ZELLIJ", "TERM_PROGRAM", "LC_TERMINAL", "KITTY_WINDOW_ID", "LUNETTE_IMAGES",
};

static bool same_termios(const struct termios *a, const struct termios *b)
{
    return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag && a->c_cflag == b->c_cflag
           && a->c_lflag == b->c_lflag && memcmp(a->c_cc, b->c_cc, sizeof a->c_cc) == 0;
}

/* The program's side: detect twice on the pty (stdin, stdout), report. */
static void child(const scenario *sc, int report)
{
    for (size_t i = 0; i < sizeof hint_vars / sizeof *hint_vars; i++)
        unsetenv(hint_vars[i]);
    setenv("TERM", "xterm-256color", 1);
    for (int i = 0; i < 3 && sc->env[i]; i++) {
        char name[64];
        const char *eq = strchr(sc->env[i], '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - sc->env[i]), sc->env[i]);
        setenv(name, eq + 1, 1);
    }
    outcome o = {-1, -1, 0, ""};
    struct termios before, after;
    tcgetattr(0, &before);
    if (sc->background) {
        /* A process group of its own is not the terminal's foreground. */
        pid_t g = fork();
        if (g == 0) {
            setpgid(0, 0);
            int p = lt_term_image_detect(0, 1, 200);
            _exit(p + 10);
        }
        setpgid(g, g);
        int st = 0;
        waitpid(g, &st, WUNTRACED);
        if (WIFSTOPPED(st)) {   /* stopped by SIGTTOU: the bug */
            kill(g, SIGKILL);
            waitpid(g, &st, 0);
        } else if (WIFEXITED(st)) {
            o.proto = o.again = WEXITSTATUS(st) - 10;
        }
    } else {
        o.proto = lt_term_image_detect(0, 1, 200);
        o.again = lt_term_image_detect(0, 1, 200);
    }
    tcgetattr(0, &after);
    o.termios_same = same_termios(&before, &after);
    if (sc->typed_after) {
        struct pollfd p = {.fd = 0, .events = POLLIN};
        if (poll(&p, 1, 10000) == 1) {
            ssize_t k = read(0, o.after, sizeof o.after - 1);
            if (k > 0)
                o.after[k] = '\0';
        }
    }
    if (write(report, &o, sizeof o) != (ssize_t)sizeof o)
        _exit(2);
    _exit(0);
}

/* Read from fd into buf (at *n) until `until` ends it, or for a while if
 * NULL.  A guard against a hung test, not a time measurement. */
static bool read_until(int fd, char *buf, size_t cap, size_t *n, const char *until, int guard_ms)
{
    size_t ul = until ? strlen(until) : 0;
    for (;;) {
        if (until && *n >= ul && memcmp(buf + *n - ul, until, ul) == 0)
            return true;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int k = poll(&p, 1, guard_ms);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0 || *n >= cap)
            return false;
        ssize_t r = read(fd, buf + *n, cap - *n);
        if (r <= 0)
            return false;
        *n += (size_t)r;
    }
}

static void run_scenario(const scenario *sc)
{
    int rep[2];
    if (pipe(rep) < 0) {
        ok(0, "%s: pipe", sc->what);
        return;
    }
    fflush(stdout);
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    if (pid < 0) {
        ok(0, "%s: forkpty: %s", sc->what, strerror(errno));
        return;
    }
    if (pid == 0) {
        close(rep[0]);
        child(sc, rep[1]);
    }
    close(rep[1]);

    bool tmux = false;
    for (int i = 0; i < 3 && sc->env[i]; i++)
        tmux |= strncmp(sc->env[i], "TMUX=", 5) == 0;
    const char *want_q = tmux
        ? ESC "Ptmux;" ESC ESC "_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA" ESC ESC "\\" ESC "\\"
          ESC "Ptmux;" ESC ESC "[c" ESC "\\" ESC "Ptmux;" ESC ESC "[5n" ESC "\\"
        : ESC "_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA" ESC "\\" ESC "[c";
    char seen[512];
    size_t nseen = 0;
    if (sc->queried) {
        bool got = read_until(master, seen, sizeof seen, &nseen, tmux ? "[5n" ESC "\\" : ESC "[c", 10000);
        ok(got && nseen == strlen(want_q) && memcmp(seen, want_q, nseen) == 0,
           "%s: the kitty query and DA1%s", sc->what, tmux ? ", then DSR, wrapped for tmux" : "");
        struct termios t;
        tcgetattr(master, &t);
        ok(!(t.c_lflag & (ICANON | ECHO)) && t.c_cc[VMIN] == 0 && t.c_cc[VTIME] == 0,
           "%s: the terminal is raw while the answer comes", sc->what);
        if (sc->answer) {
            char a[256];
            snprintf(a, sizeof a, "%s%s", sc->answer, sc->typed_after ? "ls\n" : "");
            if (write(master, a, strlen(a)) < 0)
                ok(0, "%s: write the answer", sc->what);
        }
    }
    outcome o = {-1, -1, 0, ""};
    struct pollfd p = {.fd = rep[0], .events = POLLIN};
    bool reported = poll(&p, 1, 20000) == 1 && read(rep[0], &o, sizeof o) == (ssize_t)sizeof o;
    if (!reported)
        kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
    /* Whatever else the program wrote (nothing: a second query, an echo). */
    size_t before = nseen;
    read_until(master, seen, sizeof seen, &nseen, NULL, 200);
    close(master);
    close(rep[0]);

    ok(reported, "%s: detection returned", sc->what);
    is_int(o.proto, sc->want, "%s: the protocol", sc->what);
    is_int(o.again, sc->want, "%s: the second call answers the same", sc->what);
    ok(o.termios_same, "%s: the terminal's settings are restored", sc->what);
    if (sc->typed_after)
        is_str(o.after, "ls\n", "%s: keys after the answer are left for the program", sc->what);
    else
        is_int((long long)(nseen - before), 0, "%s: nothing else written%s", sc->what,
               sc->queried ? " (the second call is cached)" : "");
}

#define TMUX "TMUX=/tmp/tmux-1000/default,4242,0"

static void test_detect_pty(void)
{
    static const char kitty[] = ESC "_Gi=31;OK" ESC "\\" ESC "[?62;c";
    static const scenario sc[] = {
        {"kitty", {NULL}, kitty, LT_IMAGE_KITTY, true, false, false},
        {"xterm with sixel", {NULL}, ESC "[?63;1;2;4;6;9;15;22c", LT_IMAGE_SIXEL, true, false, false},
        {"VTE", {NULL}, ESC "[?65;1;9c", LT_IMAGE_NONE, true, false, false},
        {"silent terminal", {NULL}, NULL, LT_IMAGE_NONE, true, false, false},
        {"kitty, keys typed", {NULL}, "x" ESC "_Gi=31;OK" ESC "\\" ESC "[?62;c", LT_IMAGE_KITTY, true, true, false},
        /* tmux 3.3 keeps DA1 answers to itself, newer ones pass them on. */
        {"in tmux 3.3, kitty", {TMUX}, ESC "_Gi=31;OK" ESC "\\" ESC "[0n", LT_IMAGE_KITTY, true, false, false},
        {"in tmux 3.4, kitty", {TMUX}, ESC "_Gi=31;OK" ESC "\\" ESC "[?62;c" ESC "[0n", LT_IMAGE_KITTY,
         true, false, false},
        {"in tmux 3.4, sixel", {TMUX}, ESC "[?62;4c" ESC "[0n", LT_IMAGE_SIXEL, true, false, false},
        {"in tmux 3.3, sixel unseen", {TMUX}, ESC "[0n", LT_IMAGE_NONE, true, false, false},
        {"in tmux, iTerm2 over ssh", {TMUX, "LC_TERMINAL=iTerm2"}, ESC "[0n", LT_IMAGE_ITERM2, true, false, false},
        {"in tmux, kitty hint", {TMUX, "KITTY_WINDOW_ID=2"}, ESC "[0n", LT_IMAGE_NONE, true, false, false},
        {"in tmux, no passthrough", {TMUX, "LC_TERMINAL=iTerm2"}, NULL,
         LT_IMAGE_NONE, true, false, false},
        {"iTerm2 (answers sixel too)", {"TERM_PROGRAM=iTerm.app"}, ESC "[?62;4c", LT_IMAGE_ITERM2, true, false, false},
        {"WezTerm", {"TERM_PROGRAM=WezTerm"}, ESC "[?65;4;6;18;22c", LT_IMAGE_ITERM2, true, false, false},
        {"iTerm2 over ssh", {"LC_TERMINAL=iTerm2"}, ESC "[?62;4c", LT_IMAGE_ITERM2, true, false, false},
        {"iTerm2 hint, no answer", {"TERM_PROGRAM=iTerm.app"}, NULL, LT_IMAGE_NONE, true, false, false},
        {"kitty hint, DA1 only", {"KITTY_WINDOW_ID=1"}, ESC "[?62;c", LT_IMAGE_KITTY, true, false, false},
        {"kitty hint, kitty error", {"TERM=xterm-kitty"}, ESC "_Gi=31;ENOTSUPPORTED:x" ESC "\\" ESC "[?62;c",
         LT_IMAGE_NONE, true, false, false},
        {"kitty hint in zellij", {"KITTY_WINDOW_ID=1", "ZELLIJ=0"}, ESC "[?62;c", LT_IMAGE_NONE, true, false, false},
        {"zellij's own sixel", {"KITTY_WINDOW_ID=1", "ZELLIJ=0"}, ESC "[?62;4c", LT_IMAGE_SIXEL, true, false, false},
        {"iTerm2 hint in screen", {"TERM_PROGRAM=iTerm.app", "STY=1.pts-0"}, ESC "[?1;2c", LT_IMAGE_NONE, true, false, false},
        {"LUNETTE_IMAGES=0", {"LUNETTE_IMAGES=0"}, NULL, LT_IMAGE_NONE, false, false, false},
        {"TERM=dumb", {"TERM=dumb"}, NULL, LT_IMAGE_NONE, false, false, false},
        {"background process", {NULL}, NULL, LT_IMAGE_NONE, false, false, true},
    };
    for (size_t i = 0; i < sizeof sc / sizeof *sc; i++)
        run_scenario(&sc[i]);
}

/* Not terminals: nothing is written, NONE. */
static void test_detect_not_tty(void)
{
    int in[2], out[2];
    if (pipe(in) < 0 || pipe(out) < 0) {
        ok(0, "pipes");
        return;
    }
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    is_int(lt_term_image_detect(in[0], out[1], 100), LT_IMAGE_NONE, "pipes: no images");
    char c;
    ok(read(out[0], &c, 1) < 0 && errno == EAGAIN, "pipes: nothing written");

    int master, slave;
    if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
        ok(0, "openpty: %s", strerror(errno));
        return;
    }
    fcntl(master, F_SETFL, O_NONBLOCK);
    struct termios before, after;
    tcgetattr(slave, &before);
    is_int(lt_term_image_detect(slave, out[1], 100), LT_IMAGE_NONE, "a terminal in, a pipe out: no images");
    is_int(lt_term_image_detect(slave, slave, 0), LT_IMAGE_NONE, "timeout 0: no images");
    is_int(lt_term_image_detect(in[0], slave, 100), LT_IMAGE_NONE, "a pipe in, a terminal out: no images");
    ok(read(out[0], &c, 1) < 0 && errno == EAGAIN && read(master, &c, 1) < 0 && errno == EAGAIN,
       "  nothing written to any");
    tcgetattr(slave, &after);
    ok(same_termios(&before, &after), "  the terminal's settings untouched");
    close(master);
    close(slave);
    for (int i = 0; i < 2; i++) {
        close(in[i]);
        close(out[i]);
    }
}

int main(void)
{
    test_kitty_exact();
    test_kitty_chunks();
    test_iterm2();
    test_tmux();
    test_sixel_exact();
    test_sixel_roundtrip();
    test_parse_reply();
    test_detect_not_tty();
    test_detect_pty();
    return tap_done();
}
