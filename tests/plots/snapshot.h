/* Text snapshots shared by the plots tests: a figure drawn without colour
 * at a fixed size is compared exactly with tests/plots/snapshots/NAME.txt
 * (SNAPSHOT_DIR).  After a deliberate change of the look, run the test
 * with UPDATE_SNAPSHOTS=1 in the environment to rewrite the snapshots,
 * then LOOK at every changed one (git diff) before committing it. */
#ifndef LT_TEST_SNAPSHOT_H
#define LT_TEST_SNAPSHOT_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "figure.h"
#include "render_text.h"
#include "tap.h"

/* The whole file at path, NUL-terminated (malloc'd), or NULL. */
__attribute__((unused)) static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 4096, n = 0, k;
    char *s = malloc(cap);
    while (s && (k = fread(s + n, 1, cap - n - 1, fp)) > 0) {
        n += k;
        if (n + 1 == cap) {
            char *t = realloc(s, cap *= 2);
            if (t == NULL)
                free(s);
            s = t;
        }
    }
    fclose(fp);
    if (s)
        s[n] = '\0';
    return s;
}

/* Every line of s at most w cells wide, at most h lines. */
__attribute__((unused)) static bool fits(const char *s, int w, int h)
{
    int lines = 0;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *line = strndup(p, len);
        bool okw = line && lt_text_width(line) <= w;
        free(line);
        if (!okw)
            return false;
        lines++;
        p += len + (e != NULL);
    }
    return lines <= h;
}

/* f drawn without colour at w x h: it fits, and it matches
 * snapshots/NAME.txt (or rewrites it); f is freed. */
__attribute__((unused)) static void snapshot(const char *name, lt_figure *f, int w, int h)
{
    lt_text_opts o = {.width = w, .height = h};
    size_t len;
    char *got = lt_figure_to_text(f, &o, LT_COLOR_NONE, &len);
    lt_figure_free(f);
    if (got == NULL) {
        ok(0, "%s: rendered (%s)", name, lt_errmsg());
        return;
    }
    ok(fits(got, w, h), "%s: every line within %d cells, at most %d lines", name, w, h);
    char path[512];
    snprintf(path, sizeof path, "%s/%s.txt", SNAPSHOT_DIR, name);
    const char *upd = getenv("UPDATE_SNAPSHOTS");
    if (upd && strcmp(upd, "1") == 0) {
        FILE *fp = fopen(path, "wb");
        ok(fp && fprintf(fp, "%s\n", got) >= 0 && fclose(fp) == 0, "%s: snapshot written", name);
        free(got);
        return;
    }
    char *want = read_file(path);
    size_t wl = want ? strlen(want) : 0;
    if (want && wl > 0 && want[wl - 1] == '\n')
        want[wl - 1] = '\0';
    if (!ok(want && strcmp(got, want) == 0, "%s: matches %s", name, path))
        printf("# got:\n%s\n", got);
    free(want);
    free(got);
}

/* snapshot() of f, built (NULL: a failure named) and drawn at w x h (0:
 * lt_text_size for an 80-column terminal). */
__attribute__((unused)) static void snapshot_at(const char *name, lt_figure *f, int w, int h)
{
    if (!ok(f != NULL, "%s: built (%s)", name, f ? "" : lt_errmsg()))
        return;
    if (w == 0)
        lt_text_size(f, 80, &w, &h);
    snapshot(name, f, w, h);
}

/* ---- cells of a canvas drawn in colour ---- */

__attribute__((unused)) static bool same_rgb(lt_rgb a, lt_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* The canvas cell where `s` starts in row-major order from row *y (NULL
 * if nowhere); *x, *y get its position. */
__attribute__((unused)) static const lt_cell *find_text(const lt_canvas *c, const char *s,
                                                        int *x, int *y)
{
    size_t n = strlen(s);
    for (int r = *y; r < c->h; r++)
        for (int k = 0; k + (int)n <= c->w; k++) {
            size_t j = 0;
            while (j < n && c->cells[(size_t)r * (size_t)c->w + (size_t)k + j].ch == (uint32_t)s[j])
                j++;
            if (j == n) {
                *x = k;
                *y = r;
                return &c->cells[(size_t)r * (size_t)c->w + (size_t)k];
            }
        }
    return NULL;
}

#endif
