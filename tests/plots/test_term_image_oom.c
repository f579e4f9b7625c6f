/* Allocation failures in the inline image encoders: the k-th
 * malloc/calloc/realloc fails, for every k, and each encoder must return
 * NULL with LT_ENOMEM, leak nothing (run under ASan) and never crash; once
 * nothing fails, the result is the one made without failures.
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "oom.h"
#include "tap.h"
#include "term_image.h"

enum { KITTY, ITERM2, SIXEL };

typedef struct job {
    const char *what;
    int kind;
    const void *data;
    size_t n;         /* PNG bytes */
    int w, h;         /* sixel */
    bool tmux;
} job;

static char *run(const job *j, size_t *len)
{
    switch (j->kind) {
    case KITTY:
        return lt_term_image_kitty(j->data, j->n, j->tmux, len);
    case ITERM2:
        return lt_term_image_iterm2(j->data, j->n, j->tmux, len);
    default:
        return lt_term_image_sixel(j->data, j->w, j->h, j->tmux, len);
    }
}

static void check(const job *j)
{
    countdown = -1;
    size_t want_len = 0;
    char *want = run(j, &want_len);
    int bad = 0, k = 0;
    for (;; k++) {
        failed = 0;
        countdown = k;
        lt_clearerr();
        size_t len = 0;
        char *got = run(j, &len);
        countdown = -1;
        if (!failed) {   /* no allocation failed: the normal result */
            if (!got || len != want_len || memcmp(got, want, len) != 0)
                bad = 1;
            free(got);
            break;
        }
        if (got || lt_errcode() != LT_ENOMEM)
            bad = 1;
        free(got);
    }
    ok(want && !bad, "%s: %d allocation failures give NULL and LT_ENOMEM", j->what, k);
    free(want);
}

int main(void)
{
    size_t n = 9000;   /* three kitty chunks */
    unsigned char *png = malloc(n);
    for (size_t i = 0; i < n; i++)
        png[i] = (unsigned char)(i * 31 + 7);

    /* 80 x 40: 8 colours (the exact palette), and a gradient of 3200
     * colours (median cut). */
    int w = 80, h = 40;
    uint8_t *few = malloc((size_t)w * h * 4), *many = malloc((size_t)w * h * 4);
    for (int i = 0; i < w * h; i++) {
        int x = i % w, y = i / w;
        few[4 * i] = (uint8_t)(x / 10 * 30);
        few[4 * i + 1] = 100;
        few[4 * i + 2] = 200;
        few[4 * i + 3] = 255;
        many[4 * i] = (uint8_t)(x * 3);
        many[4 * i + 1] = (uint8_t)(y * 6);
        many[4 * i + 2] = (uint8_t)(x + y);
        many[4 * i + 3] = (uint8_t)(255 - x);
    }
    job jobs[] = {
        {"kitty", KITTY, png, n, 0, 0, false},
        {"kitty in tmux", KITTY, png, n, 0, 0, true},
        {"iTerm2", ITERM2, png, n, 0, 0, false},
        {"iTerm2 in tmux", ITERM2, png, n, 0, 0, true},
        {"sixel, 8 colours", SIXEL, few, 0, w, h, false},
        {"sixel, median cut", SIXEL, many, 0, w, h, false},
        {"sixel in tmux", SIXEL, many, 0, w, h, true},
    };
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        check(&jobs[i]);
    free(png);
    free(few);
    free(many);
    return tap_done();
}
